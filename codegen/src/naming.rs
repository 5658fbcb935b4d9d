//! Every rule that turns a documented name into a Rust identifier: case conversion, keyword
//! escaping, invalid characters and collisions. Wire names are kept beside the identifiers by
//! the emitter, so these rules may change a name freely as long as they stay deterministic.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that `r#` can escape.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const UNESCAPABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names generated code uses unqualified, which a generated type must not shadow.
const RESERVED_TYPES: &[&str] = &[
    "Validate",
    "Serialize",
    "Deserialize",
    "Option",
    "Vec",
    "String",
    "Box",
    "Nullable",
    "Value",
    "Map",
    "Some",
    "None",
    "Ok",
    "Err",
    "Result",
];

/// ASCII letters, digits and `_`; everything else separates words.
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn escape(ident: String, fallback: &str) -> String {
    let ident = if ident.is_empty() {
        fallback.to_owned()
    } else {
        ident
    };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else {
        ident
    };
    if UNESCAPABLE.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `clientContext` → `client_context`, `type` → `r#type`, `@odata.id` → `odata_id`.
pub fn field(wire: &str) -> String {
    escape(ascii_words(wire).to_snake_case(), "field")
}

/// `microsoft.graph.identitySet` → `IdentitySet`.
pub fn type_name(qualified: &str) -> String {
    let simple = qualified.rsplit('.').next().unwrap_or(qualified);
    let name = escape(ascii_words(simple).to_upper_camel_case(), "Type");
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// A page's file name without its folders and `.md`: `api/participant-invite.md` →
/// `participant-invite`.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The area of a page, which names its module and cargo feature: the first word of the file
/// name (`api/participant-invite.md` → `participant`, `intune-devices-…` → `intune`).
pub fn area(file: &str) -> String {
    let stem = file_stem(file);
    let first = stem.split('-').next().unwrap_or(stem);
    let name = escape(ascii_words(first).to_snake_case(), "area");
    // A plain identifier, usable as a file and feature name, that shadows no crate the code
    // names, nor the crate's own `registry` module and `full` and `default` features.
    // Tool attribute namespaces (`#[diagnostic::…]`) clash with modules of their name too.
    const TAKEN: &[&str] = &[
        "registry",
        "full",
        "default",
        "docbind",
        "serde",
        "serde_json",
        "std",
        "core",
        "alloc",
        "diagnostic",
        "rustfmt",
        "clippy",
        "rustdoc",
    ];
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None if TAKEN.contains(&name.as_str()) => format!("{name}_"),
        None => name,
    }
}

/// `participant-invite` → `ParticipantInvite`; enum members the same way.
pub fn pascal(name: &str) -> String {
    escape(ascii_words(name).to_upper_camel_case(), "Value")
}

/// Hands out identifiers unique within one scope: the second `foo` becomes `foo_2` among
/// fields and `Foo2` among types and variants.
pub struct Scope {
    used: BTreeSet<String>,
    separator: &'static str,
}

impl Scope {
    /// A scope of snake_case names where `reserved` are already taken.
    pub fn snake(reserved: &[&str]) -> Self {
        Scope {
            used: reserved.iter().map(|r| (*r).to_owned()).collect(),
            separator: "_",
        }
    }

    /// A scope of CamelCase names where `reserved` are already taken.
    pub fn camel(reserved: &[&str]) -> Self {
        Scope {
            separator: "",
            ..Scope::snake(reserved)
        }
    }

    pub fn claim(&mut self, ident: String) -> String {
        let bare = ident.trim_start_matches("r#").to_owned();
        if self.used.insert(bare.clone()) {
            return ident;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{bare}{}{n}", self.separator);
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_valid_rust() {
        assert_eq!(field("clientContext"), "client_context");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("@odata.type"), "odata_type");
        assert_eq!(field("3dModel"), "_3d_model");
        assert_eq!(field("名前"), "field");
        assert_eq!(type_name("microsoft.graph.identitySet"), "IdentitySet");
        assert_eq!(type_name("microsoft.graph.string"), "StringType");
        assert_eq!(pascal("participant-invite"), "ParticipantInvite");
        assert_eq!(pascal("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(pascal("Self"), "Self_");
    }

    #[test]
    fn areas_are_the_first_word_of_the_file_name() {
        assert_eq!(area("v1.0/api/participant-invite.md"), "participant");
        assert_eq!(area("resources/participant.md"), "participant");
        assert_eq!(area("api/intune-devices-user-list.md"), "intune");
        assert_eq!(area("api/type-get.md"), "type_");
        assert_eq!(area("api/serde-x.md"), "serde_");
        assert_eq!(area("resources/diagnostic.md"), "diagnostic_");
        assert_eq!(area("api/365-x.md"), "_365");
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::snake(&["extra"]);
        assert_eq!(scope.claim(field("displayName")), "display_name");
        assert_eq!(scope.claim(field("DisplayName")), "display_name_2");
        assert_eq!(scope.claim(field("extra")), "extra_2");
        assert_eq!(scope.claim(field("type")), "r#type");
        assert_eq!(scope.claim(field("Type")), "type_2");
        let mut scope = Scope::camel(&["Other"]);
        assert_eq!(scope.claim(pascal("other")), "Other2");
    }
}
