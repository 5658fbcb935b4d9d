//! The IR: everything parsing learned, and the only thing emitting reads.
//!
//! It is plain serde data, dumped by `docbind dump`; the README documents its shape.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod codes;
mod graph;
mod types;

pub use codes::Code;
pub use types::{Edm, TypeRef, same_simple_name};

/// A place in a page, shown as `file:line:col`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// Shared: every item of a page points at the same file name.
    pub file: Arc<str>,
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

impl FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut parts = s.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.parse().ok());
        let line = parts.next().and_then(|l| l.parse().ok());
        match (parts.next(), line, col) {
            (Some(file), Some(line), Some(col)) => Ok(Source {
                file: file.into(),
                line,
                col,
            }),
            _ => Err(format!("not a file:line:col position: {s}")),
        }
    }
}

/// Serializes through `Display`/`FromStr`, so the dump stays readable.
macro_rules! serde_as_string {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
serde_as_string!(Source, TypeRef, Method, Code);

/// Text as the page has it, with the English source where the page carries one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text that drives classification.
    pub fn source(&self) -> &str {
        self.en.as_deref().unwrap_or(&self.text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    Conceptual,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub file: String,
    pub kind: PageKind,
    /// `ms.contentlocale`, or `en` when the page has none.
    pub locale: String,
    pub bilingual: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A rule the prose states about a value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Rule {
    /// Length in characters.
    MaxLength { max: u64 },
    /// Number of elements.
    MaxItems { max: u64 },
    /// Number of elements, when some element sets the property `when` ("only one participant
    /// when `replacesCallId` is provided").
    MaxItemsWhen { max: u64, when: String },
    /// "Possible values are: `a`, `b`".
    AllowedValues { values: Vec<String> },
    /// "between 1 and 100", inclusive.
    Range { min: i64, max: i64 },
    /// A string format: from the Edm type, or from what the description says.
    Format { format: Format },
}

impl Rule {
    /// The rule's kind as the dump and `docbind stats` name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::MaxLength { .. } => "max-length",
            Rule::MaxItems { .. } => "max-items",
            Rule::MaxItemsWhen { .. } => "max-items-when",
            Rule::AllowedValues { .. } => "allowed-values",
            Rule::Range { .. } => "range",
            Rule::Format { .. } => "format",
        }
    }
}

/// A format a string value must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `Edm.Guid`.
    Guid,
    /// A mail property described as an address.
    Email,
    /// A string described as a valid or absolute URL.
    Uri,
}

impl Format {
    /// As the dump and the `format` rule of `#[validate]` write it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Guid => "guid",
            Format::Email => "email",
            Format::Uri => "uri",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    #[serde(flatten)]
    pub rule: Rule,
    /// The phrase it was read from, as written.
    pub phrase: String,
    pub source: Source,
}

/// A property of a type, or a parameter of an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    /// The wire name.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Documented as "Required".
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Listed in the annotation's `optionalProperties`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// May be `null` on the wire: OData's default, unless the description says "Not nullable"
    /// (a property in nullableProperties stays nullable whatever it says).
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// Documented as "Read-only": a request body must not set it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(flatten)]
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    pub source: Source,
}

impl Property {
    /// The values an allowed-values rule lists ("Possible values are: `a`, `b`").
    pub fn allowed_values(&self) -> Option<&[String]> {
        self.constraints.iter().find_map(|c| match &c.rule {
            Rule::AllowedValues { values } => Some(values.as_slice()),
            _ => None,
        })
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a property comes from, where that matters to later stages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Provenance {
    /// A property or parameter as its page lists it.
    #[default]
    Listed,
    /// A properties-table row that the page's JSON representation lacks: its name is the
    /// table's, which translation may have replaced. Dumped as `"table_only": true`.
    TableOnly,
    /// The relationships table: a navigation property. Dumped as `"navigation": true`.
    Navigation,
}

/// The dump's form of a [`Provenance`]: a flag that is written only when set.
#[derive(Default, Serialize, Deserialize)]
struct ProvenanceFlags {
    #[serde(default, skip_serializing_if = "is_false")]
    navigation: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    table_only: bool,
}

impl Serialize for Provenance {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ProvenanceFlags {
            navigation: *self == Provenance::Navigation,
            table_only: *self == Provenance::TableOnly,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Provenance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match ProvenanceFlags::deserialize(d)? {
            ProvenanceFlags {
                navigation: true,
                table_only: true,
            } => Err(serde::de::Error::custom(
                "a property is either `navigation` or `table_only`",
            )),
            ProvenanceFlags {
                navigation: true, ..
            } => Ok(Provenance::Navigation),
            ProvenanceFlags {
                table_only: true, ..
            } => Ok(Provenance::TableOnly),
            _ => Ok(Provenance::Listed),
        }
    }
}

/// How a page states a type's base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BaseStated {
    /// `"baseType"` in the JSON block's annotation.
    Annotation,
    /// The introduction: "Inherits from [entity](entity.md)".
    Prose,
    /// Neither: a resource keyed by `id` derives from `entity` (`base-from-key`).
    Key,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplexType {
    /// Qualified: `microsoft.graph.participant`.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// How the docs state `base`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_stated: Option<BaseStated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub open: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Declared on this type; inherited ones live on the base.
    pub properties: Vec<Property>,
    /// The resource page's methods table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<MethodRef>,
    pub source: Source,
    /// Other pages that document the same type; their properties are merged in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub members: Vec<EnumMember>,
    pub source: Source,
    /// Other pages that document the same enum; their members are merged in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TypeDef {
    Complex(ComplexType),
    Enum(EnumType),
}

impl TypeDef {
    pub fn as_complex(&self) -> Option<&ComplexType> {
        match self {
            TypeDef::Complex(c) => Some(c),
            TypeDef::Enum(_) => None,
        }
    }

    pub fn as_enum(&self) -> Option<&EnumType> {
        match self {
            TypeDef::Enum(e) => Some(e),
            TypeDef::Complex(_) => None,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            TypeDef::Complex(t) => &t.name,
            TypeDef::Enum(t) => &t.name,
        }
    }

    pub fn source(&self) -> &Source {
        match self {
            TypeDef::Complex(t) => &t.source,
            TypeDef::Enum(t) => &t.source,
        }
    }

    /// Every page that documents it: the first, then the ones merged into it.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        let merged = match self {
            TypeDef::Complex(t) => &t.merged_from,
            TypeDef::Enum(t) => &t.merged_from,
        };
        std::iter::once(self.source()).chain(merged)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpPath {
    /// As documented, except that a placeholder repeated in one path (`calls/{id}/participants/{id}`)
    /// is renamed after its segment (`{call-id}`), so each parameter has one name.
    pub template: String,
    /// The placeholders of `template`, in order.
    pub params: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Set on a path the page does not list, written with a prefix the docs use as an alias
    /// (`/me` for `/users/{id}`): the listed template it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_of: Option<String>,
    pub source: Source,
}

/// The permission schemes of a permissions table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

/// The HTTP methods of the docs' request lines, which `http::Method` names as constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Head,
        Method::Options,
    ];

    /// `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Method {
    type Err = String;
    /// As a request line writes it: uppercase.
    fn from_str(s: &str) -> Result<Self, String> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("not an HTTP method: {s}"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    pub scheme: Scheme,
    /// Least privileged first; empty when the scheme is not supported.
    pub names: Vec<String>,
    pub source: Source,
}

/// A named row of a table that gives no type: a request header, a query parameter, an
/// error code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Described {
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A row of a resource page's methods table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodRef {
    /// As the table names it, e.g. `List participants`.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<TypeRef>,
    /// The page stem of the operation it links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub status: u16,
    /// The body type; none for an empty body.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<TypeRef>,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Request,
    Response,
    Example,
}

impl BlockKind {
    /// As the dump names it.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Request => "request",
            BlockKind::Response => "response",
            BlockKind::Example => "example",
        }
    }
}

/// One annotated example block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleBlock {
    pub kind: BlockKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The annotation's `@odata.type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub truncated: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_collection: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The request URL as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The URL's path without host, API version and query: what path templates match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The HTTP message's headers, name and value as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<serde_json::Value>,
    /// How the body read, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_status: Option<JsonStatus>,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JsonStatus {
    Strict,
    /// Read after repairing mistakes with one clear reading; see the `json-lenient` diagnostic.
    Lenient,
    /// See the `json-invalid` diagnostic.
    Unreadable,
}

/// A request with its response, and the other example blocks of the same example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleBlock>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleBlock>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<ExampleBlock>,
}

impl Example {
    pub fn blocks(&self) -> impl Iterator<Item = &ExampleBlock> {
        self.request
            .iter()
            .chain(&self.response)
            .chain(&self.others)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// The page's file stem, e.g. `participant-invite`.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub method: Method,
    pub paths: Vec<HttpPath>,
    pub permissions: Vec<Permission>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Described>,
    /// Path and function parameters, from their tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Property>,
    /// Query parameters the page documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<Described>,
    /// Request body parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Property>,
    /// On a POST, PUT or PATCH page that lists no body parameters, the resource its body is "a
    /// JSON representation of" (for PATCH, part of one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_type: Option<TypeRef>,
    /// Error codes the page documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Described>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    pub source: Source,
}

impl Operation {
    /// The types it sends and returns: its body parameters', its body's, its response's.
    pub fn types(&self) -> impl Iterator<Item = &TypeRef> {
        let response = self.response.iter().filter_map(|r| r.ty.as_ref());
        (self.body.iter().map(|p| &p.ty))
            .chain(&self.body_type)
            .chain(response)
    }
}

/// Most severe first: `severity <= Severity::Warning` holds for warnings and errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    /// As the dump and `lint` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub source: Source,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// For a diagnostic about a part of an example's JSON: a JSON pointer to it (`""` is the
    /// whole body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// For an undocumented field or member of an example: what lacks it, and its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lacks: Option<Lack>,
}

/// A field or member an example has and the docs of its type do not.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Lack {
    /// The type, qualified, or the operation whose body parameters lack it.
    pub owner: String,
    /// The field's key, or the member's value.
    pub name: String,
}

impl Diagnostic {
    /// A diagnostic of `code`'s default severity.
    pub fn new(code: Code, source: Source, message: impl Into<String>) -> Self {
        Diagnostic {
            source,
            severity: code.severity(),
            code,
            message: message.into(),
            pointer: None,
            lacks: None,
        }
    }

    /// The same, about the part of an example's JSON at `pointer`.
    pub fn at_pointer(self, pointer: impl Into<String>) -> Self {
        Diagnostic {
            pointer: Some(pointer.into()),
            ..self
        }
    }

    /// The same, about a field or member named `name` that `owner` lacks.
    pub fn lacking(self, owner: impl Into<String>, name: impl Into<String>) -> Self {
        let (owner, name) = (owner.into(), name.into());
        Diagnostic {
            lacks: Some(Lack { owner, name }),
            ..self
        }
    }

    /// The same, with another severity than the code's default.
    pub fn with_severity(self, severity: Severity) -> Self {
        Diagnostic { severity, ..self }
    }
}

/// The whole IR of a set of pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub pages: Vec<Page>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// Examples on pages that define no operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Model {
    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Every property of a complex type, and every body, path and function parameter.
    pub fn all_documented_properties(&self) -> impl Iterator<Item = &Property> {
        let types = (self.types.iter())
            .filter_map(TypeDef::as_complex)
            .map(|c| &c.properties);
        let operations = self
            .operations
            .iter()
            .flat_map(|op| [&op.body, &op.parameters]);
        types.chain(operations).flatten()
    }

    /// Every example, with the operation it documents where there is one.
    pub fn all_examples(&self) -> impl Iterator<Item = (Option<&Operation>, &Example)> {
        let in_ops = self
            .operations
            .iter()
            .flat_map(|op| op.examples.iter().map(move |e| (Some(op), e)));
        in_ops.chain(self.examples.iter().map(|e| (None, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_read_back_what_they_print() {
        let source: Source = "docs-src/a:b.md:12:3".parse().unwrap();
        assert_eq!(&*source.file, "docs-src/a:b.md");
        assert_eq!((source.line, source.col), (12, 3));
    }
}
