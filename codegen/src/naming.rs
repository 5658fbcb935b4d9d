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

/// Names generated code uses unqualified, which a generated type or endpoint must not shadow.
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
    "From",
];

/// ASCII letters, digits and `_`; everything else separates words.
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `fallback` for a name with no ASCII letter or digit, `_` before a leading digit, and a
/// keyword escaped: with `r#` where it can be, else with `suffix` after it.
fn escape(ident: String, fallback: &str, suffix: &str) -> String {
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
        format!("{ident}{suffix}")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `clientContext` → `client_context`, `type` → `r#type`, `@odata.id` → `odata_id`.
pub fn field(wire: &str) -> String {
    escape(ascii_words(wire).to_snake_case(), "field", "_")
}

/// `microsoft.graph.identitySet` → `IdentitySet`, `microsoft.graph.string` → `StringType`.
pub fn type_name(qualified: &str) -> String {
    let simple = qualified.rsplit('.').next().unwrap_or(qualified);
    item(simple, "Type")
}

/// The stub of the operation a page documents: `participant-invite` → `ParticipantInvite`,
/// `result` → `ResultEndpoint`.
pub fn endpoint(page: &str) -> String {
    item(page, "Endpoint")
}

/// A CamelCase name at crate level, with `kind` after one that would shadow what generated
/// code names unqualified. A trailing `_` would make `{name}Body` warn (non_camel_case_types).
fn item(name: &str, kind: &str) -> String {
    let name = escape(ascii_words(name).to_upper_camel_case(), kind, kind);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}{kind}")
    } else {
        name
    }
}

/// A Rust name a build script gives a type (`CallParticipant`) or a field (`muted`): kept only
/// if these rules would keep it as it is, so it is a plain identifier that is no keyword,
/// shadows nothing generated code names, and does not warn. The error says what the rules
/// would make of it.
pub fn given(name: &str, rule: fn(&str) -> String) -> Result<(), String> {
    match rule(name) {
        kept if kept == name => Ok(()),
        kept => Err(format!(
            "`{name}` is not a name docbind keeps as it is: it would write `{kept}`"
        )),
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
    let name = escape(ascii_words(first).to_snake_case(), "area", "_");
    // A plain identifier, usable as a file and feature name, that shadows no crate the code
    // names, nor the crate's own `registry` module and `full` and `default` features.
    // Tool attribute namespaces (`#[diagnostic::…]`) clash with modules of their name too.
    // `src/<area>.rs` must not be a file the crate needs: `lib.rs` is its root, and `main.rs`
    // would make it a binary (`verify` writes its runner there).
    const TAKEN: &[&str] = &[
        "lib",
        "main",
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

/// An enum member: `unknownFutureValue` → `UnknownFutureValue`, `Self` → `SelfValue`.
pub fn pascal(name: &str) -> String {
    escape(ascii_words(name).to_upper_camel_case(), "Value", "Value")
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

    /// Claims `ident` as it is, a name a build script gave: false when it is taken.
    pub fn claim_exact(&mut self, ident: &str) -> bool {
        self.used.insert(ident.trim_start_matches("r#").to_owned())
    }

    pub fn claim(&mut self, ident: String) -> String {
        let bare = ident.trim_start_matches("r#").to_owned();
        if self.used.insert(bare.clone()) {
            return ident;
        }
        // `self_` numbers as `self_2`: `self__2` would warn (non_snake_case).
        let bare = bare.trim_end_matches('_');
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
        assert_eq!(pascal("Self"), "SelfValue");
    }

    #[test]
    fn hostile_names_become_plain_identifiers() {
        for hostile in [
            "",
            "\"]",
            "*/",
            "#[doc = \"x\"]",
            "a\"b",
            "line\nbreak",
            "имя",
        ] {
            let (f, t, p) = (field(hostile), type_name(hostile), pascal(hostile));
            for ident in [&f, &t, &p] {
                assert!(
                    ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "{hostile:?} → {ident}"
                );
            }
        }
        assert_eq!(field("#[doc = \"x\"]"), "doc_x");
        assert_eq!(field("line\nbreak"), "line_break");
        assert_eq!(pascal("*/"), "Value");
        // A Cyrillic `а` is no Latin `a`: it separates words, so no name passes for another.
        assert_eq!(field("nаme"), "n_me");
        assert_eq!(type_name("microsoft.graph.Self"), "SelfType");
        assert_eq!(type_name("microsoft.graph."), "Type");
    }

    #[test]
    fn std_names_are_not_shadowed() {
        for std in ["String", "Option", "Vec", "Box", "Result", "From"] {
            assert_eq!(
                type_name(&format!("microsoft.graph.{std}")),
                format!("{std}Type")
            );
            assert_eq!(endpoint(&std.to_lowercase()), format!("{std}Endpoint"));
            // Variants are named through their enum, so they shadow nothing.
            assert_eq!(pascal(std), std);
        }
        assert_eq!(endpoint("participant-invite"), "ParticipantInvite");
        assert_eq!(endpoint("self"), "SelfEndpoint");
        assert_eq!(endpoint("-"), "Endpoint");
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
    fn given_names_are_those_the_rules_keep() {
        assert_eq!(given("CallParticipant", type_name), Ok(()));
        assert_eq!(given("muted", field), Ok(()));
        for (name, rule, kept) in [
            ("URLInfo", type_name as fn(&str) -> String, "UrlInfo"),
            ("String", type_name, "StringType"),
            ("a.B", type_name, "B"),
            ("type", field, "r#type"),
            ("isMuted", field, "is_muted"),
            ("self", field, "self_"),
        ] {
            let e = given(name, rule).unwrap_err();
            assert!(e.contains(&format!("`{kept}`")), "{name}: {e}");
        }
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::snake(&["extra"]);
        assert_eq!(scope.claim(field("displayName")), "display_name");
        assert_eq!(scope.claim(field("DisplayName")), "display_name_2");
        assert_eq!(scope.claim(field("extra")), "extra_2");
        assert_eq!(scope.claim(field("type")), "r#type");
        assert_eq!(scope.claim(field("Type")), "type_2");
        assert_eq!(scope.claim(field("self_")), "self_");
        assert_eq!(scope.claim(field("self")), "self_2");
        assert_eq!(scope.claim(field("Self")), "self_3");
        let mut scope = Scope::camel(&["Other"]);
        assert_eq!(scope.claim(pascal("other")), "Other2");
        assert_eq!(scope.claim(pascal("Self")), "SelfValue");
        assert_eq!(scope.claim(pascal("self")), "SelfValue2");
    }
}
