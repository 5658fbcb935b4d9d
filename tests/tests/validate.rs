//! `#[derive(Validate)]` through the public API: what passes, what fails, and where.

use docbind::{Nullable, Validate, ValidationErrors};
use serde::Serialize;

/// `(path, code)` of every violation, in order; empty when valid.
fn violations(value: &impl Validate) -> Vec<(String, &'static str)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(ValidationErrors { errors }) => errors.into_iter().map(|e| (e.path, e.code)).collect(),
    }
}

fn at(path: &str, code: &'static str) -> (String, &'static str) {
    (path.to_owned(), code)
}

#[derive(Validate, Serialize, Default)]
struct Call {
    #[serde(rename = "clientContext")]
    #[validate(length(min = 1, max = 256))]
    client_context: String,
}

#[test]
fn length_counts_characters_and_names_the_wire_path() {
    let ok = |s: &str| Call {
        client_context: s.to_owned(),
    };
    assert_eq!(violations(&ok("a")), []);
    assert_eq!(violations(&ok(&"x".repeat(256))), []);
    // 256 characters, 512 bytes: characters are what count by default.
    assert_eq!(violations(&ok(&"é".repeat(256))), []);

    let errors = ok(&"x".repeat(257)).validate().unwrap_err().errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "/clientContext");
    assert_eq!(errors[0].code, "length");
    assert_eq!(
        errors[0].message,
        "expected at most 256 characters, found 257"
    );

    let errors = ok("").validate().unwrap_err().errors;
    assert_eq!(errors[0].message, "expected at least 1 character, found 0");
}

#[derive(Validate)]
struct Units<'a> {
    #[validate(length(max = 4, unit = "bytes"))]
    bytes: &'a str,
    #[validate(length(max = 2, unit = "utf16"))]
    utf16: String,
    #[validate(length(max = 1, unit = "chars"))]
    chars: Box<str>,
}

#[test]
fn length_units() {
    // "é" is 1 char, 2 bytes, 1 UTF-16 unit; "😀" is 1 char, 4 bytes, 2 UTF-16 units.
    let fits = Units {
        bytes: "éé",
        utf16: "😀".into(),
        chars: "😀".into(),
    };
    assert_eq!(violations(&fits), []);
    let over = Units {
        bytes: "ééx",
        utf16: "😀x".into(),
        chars: "éé".into(),
    };
    let errors = over.validate().unwrap_err().errors;
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "expected at most 4 bytes, found 5",
            "expected at most 2 UTF-16 code units, found 3",
            "expected at most 1 character, found 2",
        ]
    );
}

#[derive(Validate, Default)]
struct Wrapped {
    #[validate(length(max = 3))]
    option: Option<String>,
    #[validate(length(max = 3))]
    nullable: Nullable<String>,
    #[validate(length(max = 3))]
    boxed: Option<Box<Nullable<String>>>,
}

#[test]
fn length_looks_through_wrappers_and_skips_absent_and_null() {
    assert_eq!(violations(&Wrapped::default()), []);
    let null = Wrapped {
        nullable: Nullable::Null,
        boxed: Some(Box::new(Nullable::Null)),
        ..Wrapped::default()
    };
    assert_eq!(violations(&null), []);
    let long = Wrapped {
        option: Some("abcd".into()),
        nullable: Nullable::Value("abcd".into()),
        boxed: Some(Box::new(Nullable::Value("abcd".into()))),
    };
    assert_eq!(
        violations(&long),
        [
            at("/option", "length"),
            at("/nullable", "length"),
            at("/boxed", "length")
        ]
    );
}

#[derive(Validate, Default)]
struct Lists {
    #[validate(items(min = 1, max = 2))]
    plain: Vec<u8>,
    #[validate(items(max = 2))]
    option: Option<Vec<String>>,
    #[validate(items(min = 1))]
    nullable: Nullable<Box<[u8]>>,
}

#[test]
fn items_counts_elements() {
    let ok = Lists {
        plain: vec![1, 2],
        option: Some(vec![]),
        nullable: Nullable::Value(Box::new([1])),
    };
    assert_eq!(violations(&ok), []);
    let bad = Lists {
        plain: vec![],
        option: Some(vec!["a".into(); 3]),
        nullable: Nullable::Value(Box::default()),
    };
    let errors = bad.validate().unwrap_err().errors;
    let found: Vec<(&str, &str, &str)> = errors
        .iter()
        .map(|e| (e.path.as_str(), e.code, e.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("/plain", "items", "expected at least 1 item, found 0"),
            ("/option", "items", "expected at most 2 items, found 3"),
            ("/nullable", "items", "expected at least 1 item, found 0"),
        ]
    );
    // Absent lists are `required`'s business, not `items`'.
    let absent = Lists {
        plain: vec![1],
        ..Lists::default()
    };
    assert_eq!(violations(&absent), []);
}

#[derive(Validate)]
struct Presence {
    #[validate(required)]
    option: Option<u32>,
    #[validate(required)]
    nullable: Nullable<u32>,
}

#[test]
fn required_fails_on_none_absent_and_null() {
    let set = Presence {
        option: Some(0),
        nullable: Nullable::Value(0),
    };
    assert_eq!(violations(&set), []);
    let absent = Presence {
        option: None,
        nullable: Nullable::Absent,
    };
    let errors = absent.validate().unwrap_err().errors;
    assert_eq!(
        violations(&absent),
        [at("/option", "required"), at("/nullable", "required")]
    );
    assert_eq!(errors[1].message, "expected a value, found none");
    let null = Presence {
        option: Some(1),
        nullable: Nullable::Null,
    };
    let errors = null.validate().unwrap_err().errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "expected a value, found null");
}

// A call's participants, as the docs describe them: the deep paths use wire names throughout.

#[derive(Validate, Serialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
struct Identity {
    #[validate(required, length(min = 1, max = 36))]
    id: Option<String>,
    #[validate(length(max = 10))]
    display_name: Nullable<String>,
}

#[derive(Validate, Serialize, Default, Clone)]
struct IdentitySet {
    #[validate(nested)]
    user: Option<Identity>,
    #[validate(nested)]
    application: Nullable<Box<Identity>>,
}

#[derive(Validate, Serialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
struct Participant {
    #[validate(required, nested)]
    identity: Option<IdentitySet>,
    #[validate(length(max = 5))]
    r#type: String,
}

#[derive(Validate, Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct MakeCall {
    #[validate(required, items(min = 1, max = 5), nested)]
    participants: Option<Vec<Participant>>,
    #[validate(nested)]
    source: Box<Participant>,
    #[serde(rename = "callbackUri")]
    #[validate(required, length(max = 2048))]
    callback: Option<String>,
    /// No rules: ignored.
    #[allow(dead_code)]
    tenant_id: String,
}

fn participant(id: &str) -> Participant {
    Participant {
        identity: Some(IdentitySet {
            user: Some(Identity {
                id: Some(id.into()),
                display_name: Nullable::Absent,
            }),
            application: Nullable::Absent,
        }),
        r#type: "user".into(),
    }
}

fn valid_call() -> MakeCall {
    MakeCall {
        participants: Some((0..4).map(|i| participant(&format!("id-{i}"))).collect()),
        source: Box::new(participant("me")),
        callback: Some("https://example.com/callback".into()),
        tenant_id: String::new(),
    }
}

#[test]
fn nested_paths_use_wire_names_and_indices() {
    assert_eq!(violations(&valid_call()), []);

    let mut call = valid_call();
    let participants = call.participants.as_mut().unwrap();
    participants[3]
        .identity
        .as_mut()
        .unwrap()
        .user
        .as_mut()
        .unwrap()
        .id = Some(String::new());
    assert_eq!(
        violations(&call),
        [at("/participants/3/identity/user/id", "length")]
    );
}

#[test]
fn every_violation_is_reported_at_once() {
    let mut call = valid_call();
    let participants = call.participants.as_mut().unwrap();
    participants[0].identity = None;
    participants[1].r#type = "application".into();
    let identity = participants[2].identity.as_mut().unwrap();
    identity.user.as_mut().unwrap().display_name = Nullable::Value("x".repeat(11));
    identity.application = Nullable::Value(Box::default());
    call.source
        .identity
        .as_mut()
        .unwrap()
        .user
        .as_mut()
        .unwrap()
        .id = None;
    call.callback = None;
    assert_eq!(
        violations(&call),
        [
            at("/participants/0/identity", "required"),
            at("/participants/1/type", "length"),
            at("/participants/2/identity/user/displayName", "length"),
            at("/participants/2/identity/application/id", "required"),
            at("/source/identity/user/id", "required"),
            at("/callbackUri", "required"),
        ]
    );
    let text = call.validate().unwrap_err().to_string();
    assert!(
        text.starts_with("/participants/0/identity: expected a value, found none (required)\n"),
        "{text}"
    );
}

#[test]
fn rules_on_one_field_combine() {
    let mut call = valid_call();
    call.participants = None;
    assert_eq!(violations(&call), [at("/participants", "required")]);
    call.participants = Some(vec![]);
    assert_eq!(violations(&call), [at("/participants", "items")]);
    // Too many, and one of them broken: both are reported.
    let mut six: Vec<Participant> = (0..6).map(|i| participant(&i.to_string())).collect();
    six[5].r#type = "robot!".into();
    call.participants = Some(six);
    assert_eq!(
        violations(&call),
        [
            at("/participants", "items"),
            at("/participants/5/type", "length")
        ]
    );
}

#[derive(Validate)]
struct Generic<T> {
    #[validate(nested)]
    items: Vec<T>,
    #[validate(length(max = 1))]
    label: String,
}

#[derive(Validate, Serialize)]
struct Flattened {
    #[serde(flatten)]
    #[validate(nested)]
    identity: Identity,
}

#[derive(Validate)]
struct Unit;

#[test]
fn generics_flatten_and_unit_structs() {
    let generic = Generic {
        items: vec![participant("a"), participant("")],
        label: "ab".into(),
    };
    assert_eq!(
        violations(&generic),
        [
            at("/items/1/identity/user/id", "length"),
            at("/label", "length")
        ]
    );
    // Flattened properties sit in the outer object: no segment for the field itself.
    let flattened = Flattened {
        identity: Identity::default(),
    };
    assert_eq!(violations(&flattened), [at("/id", "required")]);
    assert_eq!(violations(&Unit), []);
}

#[test]
fn pointer_segments_are_escaped() {
    #[derive(Validate, Serialize)]
    struct Odd {
        #[serde(rename = "a/b~c")]
        #[validate(required)]
        field: Option<u8>,
    }
    assert_eq!(
        violations(&Odd { field: None }),
        [at("/a~1b~0c", "required")]
    );
}
