//! Every diagnostic code, declared once with its default severity and what it means. The
//! README's list of diagnostics is checked against these declarations.

use std::fmt;
use std::str::FromStr;

use super::Severity;

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $name:literal, $severity:ident;)*) => {
        /// A diagnostic's stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[doc = $doc])+ $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// As the dump and the README write it: `json-lenient`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity a diagnostic of this code has unless it says otherwise.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// What it means, in one line.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!($($doc),+).trim_ascii(),)*
                }
            }
        }
    };
}

codes! {
    /// The front matter is not valid YAML; it is read line by line.
    FrontMatter = "front-matter", Warning;
    /// A block annotation is not readable JSON, so the block is not classified.
    AnnotationJson = "annotation-json", Warning;
    /// A JSON body has mistakes with one clear reading, and was read that way.
    JsonLenient = "json-lenient", Warning;
    /// A JSON body cannot be read.
    JsonInvalid = "json-invalid", Error;
    /// A resource block has no `@odata.type`, so the type is named after the file.
    ResourceNameMissing = "resource-name-missing", Warning;
    /// The properties table and the JSON representation disagree (a warning when on the type).
    TableJsonMismatch = "table-json-mismatch", Note;
    /// Translation replaced a name in a table; the row is read as the name it stands for.
    TableNameTranslated = "table-name-translated", Note;
    /// A request example leaves out a body parameter the table calls required.
    ExampleOmitsRequired = "example-omits-required", Warning;
    /// An example holds a JSON value its documented type cannot hold.
    ExampleTypeMismatch = "example-type-mismatch", Warning;
    /// A response example wraps one resource in `{"value": …}`, or lists what is one.
    ExampleValueWrapper = "example-value-wrapper", Warning;
    /// A primitive response annotation that the example contradicts yields to the prose.
    ResponseTypeConflict = "response-type-conflict", Warning;
    /// A request example's path is listed by the page, but under another method.
    ExampleMethodUnlisted = "example-method-unlisted", Warning;
    /// A listed path writes an example value where a placeholder belongs.
    PathExampleValue = "path-example-value", Note;
    /// A request example's path fits none of the paths the page lists.
    ExamplePathUnlisted = "example-path-unlisted", Note;
    /// A request example sends a header the page's request headers table does not list.
    ExampleUndocumentedHeader = "example-undocumented-header", Warning;
    /// An example holds a field its type's page does not list (the type is not open).
    ExampleUndocumentedField = "example-undocumented-field", Note;
    /// An example holds an enum value its enum's page does not list.
    ExampleUndocumentedMember = "example-undocumented-member", Note;
    /// An example holds a value of a type no page defines, or a body where its page
    /// documents no type.
    ExampleUndocumentedType = "example-undocumented-type", Note;
    /// A request example sends no body to an operation whose page documents one.
    ExampleBodyMissing = "example-body-missing", Note;
    /// A response example shows a body under a status that carries none (204, 304).
    ExampleBodyWithoutContent = "example-body-without-content", Warning;
    /// A relationship typed as one value is returned as a list by its operation page.
    RelationshipListed = "relationship-listed", Warning;
    /// A parameters or relationships table lists the same name twice; the first row is kept.
    DuplicateRow = "duplicate-row", Warning;
    /// An enum's member table lists the same name twice; the first row is kept.
    DuplicateMember = "duplicate-member", Warning;
    /// The Type cell of a row cannot be read, so the row is skipped.
    TypeUnreadable = "type-unreadable", Warning;
    /// A line of the HTTP request block is not `METHOD /path`.
    HttpLine = "http-line", Warning;
    /// A type reference or base type names no documented type.
    TypeUnresolved = "type-unresolved", Warning;
    /// Several pages document the same type; what they say is merged.
    TypeMerged = "type-merged", Note;
    /// Pages disagree on a type (an error when one calls it an enum and another not).
    DuplicateType = "duplicate-type", Warning;
    /// A type no page defines is read as an enum of the values a description lists.
    EnumFromProse = "enum-from-prose", Note;
    /// A translated enum member takes the name the backticked values give it.
    EnumMemberMangled = "enum-member-mangled", Note;
    /// A translated enum's members are read from the values a property's description lists.
    EnumMembersListed = "enum-members-listed", Note;
    /// A Type cell's word that translation replaced is read as the enum its values name.
    TypeWordTranslated = "type-word-translated", Note;
    /// `[!INCLUDE]` names files that are not there; the page is read without them.
    IncludeMissing = "include-missing", Note;
    /// `[!INCLUDE]` names files outside the docs root; they are not read.
    IncludeOutsideRoot = "include-outside-root", Note;
    /// A property in `nullableProperties` is described as not nullable; it stays nullable.
    NullabilityConflict = "nullability-conflict", Warning;
    /// docbind failed on the page: a bug to report. The other pages are still read.
    InternalError = "internal-error", Error;
    /// Base types form a loop, so the base is ignored.
    BaseCycle = "base-cycle", Error;
    /// A keyed resource names no base, and is read as deriving from `entity`.
    BaseFromKey = "base-from-key", Note;
    /// A page redeclares an inherited property with another type; the inherited type is used.
    InheritedTypeConflict = "inherited-type-conflict", Warning;
    /// A table row writes fewer cells than its header, or more: what is missing or beyond the
    /// last column is not read.
    TableRowCells = "table-row-cells", Warning;
    /// An HTTP request section lists no `METHOD /path` line, so the page defines no operation.
    HttpNoPath = "http-no-path", Warning;
    /// A page defines nothing docbind can read: it is not text, or its tables have no
    /// annotated block to define a type.
    PageUnread = "page-unread", Note;
    /// Two pages define an operation of the same name (the same page in two inputs); the
    /// second is ignored.
    DuplicateOperation = "duplicate-operation", Error;
    /// An example holds a value outside a range, or not among the values, that the docs state.
    ExampleBreaksRule = "example-breaks-rule", Warning;
    /// A JSON body has an object with the same key twice; the last value is kept.
    JsonDuplicateKey = "json-duplicate-key", Warning;
    /// A listed path has a segment of its own that is `.` or `..`, or that holds `/`, `\`, `?`
    /// or `#`: no stub builds a request with it.
    PathUnsafe = "path-unsafe", Warning;
    /// A code block's fence is never closed, so the rest of the page is read as its code.
    FenceUnclosed = "fence-unclosed", Warning;
}

impl Code {
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Code {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Code::from_name(s).ok_or_else(|| format!("unknown diagnostic code `{s}`"))
    }
}

// Diagnostics sort by code name, as when codes were strings.
impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.name().cmp(other.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert_eq!(code.name().parse::<Code>(), Ok(*code));
            assert!(!code.doc().is_empty() && !code.doc().contains('\n'));
        }
        assert!("no-such-code".parse::<Code>().is_err());
    }
}
