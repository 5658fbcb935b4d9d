//! `#[derive(Validate)]` through the public API: what passes, what fails, and where.

use docbind::checks::{Rule, WireValue};
use docbind::{Nullable, Validate, ValidationErrors};
use serde::Serialize;

/// `(path, code)` of every violation, in order; empty when valid.
fn violations(value: &impl Validate) -> Vec<(String, &'static str)> {
    let ValidationErrors { errors, .. } = value.check();
    errors.into_iter().map(|e| (e.path, e.code)).collect()
}

fn at(path: &str, code: &'static str) -> (String, &'static str) {
    (path.to_owned(), code)
}

/// Each error as (path, code, message), in the order reported.
fn triples(errors: &[docbind::ValidationError]) -> Vec<(&str, &str, &str)> {
    errors
        .iter()
        .map(|e| (e.path.as_str(), e.code, e.message.as_str()))
        .collect()
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
    let found = triples(&errors);
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

// The rules beyond sizes and presence.

#[derive(Validate, Serialize, Default)]
struct Numbers {
    #[validate(range(min = 1, max = 100))]
    count: u32,
    #[validate(range(min = -1.5, max = 1.5))]
    ratio: Option<f64>,
    #[validate(range(min = -10))]
    offset: Nullable<Box<i64>>,
    #[validate(range(max = 18446744073709551615))]
    big: u128,
}

#[test]
fn range_compares_integers_exactly_and_floats_as_floats() {
    let ok = Numbers {
        count: 1,
        ratio: Some(-1.5),
        offset: Nullable::Value(Box::new(-10)),
        big: u128::from(u64::MAX),
    };
    assert_eq!(violations(&ok), []);
    assert_eq!(
        violations(&Numbers {
            count: 50,
            ..Numbers::default()
        }),
        []
    );
    let bad = Numbers {
        count: 101,
        ratio: Some(f64::NAN),
        offset: Nullable::Value(Box::new(i64::MIN)),
        big: u128::from(u64::MAX) + 1,
    };
    let errors = bad.validate().unwrap_err().errors;
    let found = triples(&errors);
    assert_eq!(
        found,
        [
            ("/count", "range", "expected at most 100, found 101"),
            ("/ratio", "range", "expected at least -1.5, found NaN"),
            (
                "/offset",
                "range",
                "expected at least -10, found -9223372036854775808"
            ),
            (
                "/big",
                "range",
                "expected at most 18446744073709551615, found 18446744073709551616"
            ),
        ]
    );
    assert_eq!(violations(&Numbers::default()), [at("/count", "range")]);
}

/// Generated code keeps Edm.Double as the `serde_json::Number` written, so `99` stays `99`.
#[derive(Validate)]
struct Written {
    #[validate(range(min = 0, max = 100))]
    height: Option<serde_json::Number>,
}

#[test]
fn range_reads_numbers_as_written() {
    let height = |json: &str| Written {
        height: Some(serde_json::from_str(json).unwrap()),
    };
    assert_eq!(violations(&height("99")), []);
    assert_eq!(violations(&height("99.5")), []);
    assert_eq!(violations(&height("100.5")), [at("/height", "range")]);
    assert_eq!(violations(&height("-1")), [at("/height", "range")]);
}

#[derive(Validate, Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Formats {
    #[validate(pattern = "^[a-z]+(-[a-z]+)*$")]
    slug: String,
    /// Unanchored, as in JSON Schema: a match anywhere is enough.
    #[validate(pattern = r"\d{3}")]
    code: Option<String>,
    #[validate(format = "guid")]
    id: Option<String>,
    #[validate(format = "email")]
    email: Nullable<String>,
    #[validate(format = "uri")]
    callback_uri: Option<String>,
}

#[test]
fn pattern_and_format() {
    let ok = Formats {
        slug: "team-call".into(),
        code: Some("room 123".into()),
        id: Some("5B3B2E1C-6f4a-4c39-9d0e-3d8c5c2a9a10".into()),
        email: Nullable::Value("first.last+tag@example.com".into()),
        callback_uri: Some("urn:isbn:0451450523".into()),
    };
    assert_eq!(violations(&ok), []);

    for id in [
        "5b3b2e1c6f4a4c399d0e3d8c5c2a9a10",
        "{5b3b2e1c-6f4a-4c39-9d0e-3d8c5c2a9a10}",
        "urn:uuid:5b3b2e1c-6f4a-4c39-9d0e-3d8c5c2a9a10",
        "5b3b2e1c-6f4a-4c39-9d0e-3d8c5c2a9a1g",
        "",
    ] {
        let value = Formats {
            slug: "a".into(),
            id: Some(id.into()),
            ..Formats::default()
        };
        assert_eq!(violations(&value), [at("/id", "format")], "{id}");
    }
    for email in ["plain", "a@", "@example.com", "a b@example.com"] {
        let value = Formats {
            slug: "a".into(),
            email: Nullable::Value(email.into()),
            ..Formats::default()
        };
        assert_eq!(violations(&value), [at("/email", "format")], "{email}");
    }
    for uri in ["/relative/path", "https://exa mple.com", "no scheme", ""] {
        let value = Formats {
            slug: "a".into(),
            callback_uri: Some(uri.into()),
            ..Formats::default()
        };
        assert_eq!(violations(&value), [at("/callbackUri", "format")], "{uri}");
    }

    let bad = Formats {
        slug: "Team Call".into(),
        code: Some("12".into()),
        id: Some("x".into()),
        ..Formats::default()
    };
    let errors = bad.validate().unwrap_err().errors;
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            r#"expected text matching `^[a-z]+(-[a-z]+)*$`, found "Team Call""#,
            r#"expected text matching `\d{3}`, found "12""#,
            r#"expected a GUID, found "x""#,
        ]
    );
    // Long values are cut short in messages.
    let long = Formats {
        slug: "A".repeat(100),
        ..Formats::default()
    };
    let message = &long.validate().unwrap_err().errors[0].message;
    assert!(
        message.ends_with(&format!("found \"{}\"…", "A".repeat(64))),
        "{message}"
    );
}

/// An open enum, as the code generator writes them: it knows how each member is spelled.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
enum Modality {
    Audio,
    Video,
    Data,
    UnknownFutureValue,
}

impl WireValue for Modality {
    fn wire_value(&self) -> &str {
        match self {
            Modality::Audio => "audio",
            Modality::Video => "video",
            Modality::Data => "data",
            Modality::UnknownFutureValue => "unknownFutureValue",
        }
    }
}

#[derive(Validate, Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Media {
    #[validate(allowed(values = ["low", "high"]))]
    priority: String,
    #[validate(allowed(values = ["audio", "video"]))]
    modality: Option<Modality>,
    #[validate(allowed(unknown_future_value = false))]
    requested_modalities: Vec<Modality>,
    #[validate(allowed(values = ["audio"], unknown_future_value = true))]
    fallback: Nullable<Modality>,
}

#[test]
fn allowed_checks_strings_enums_and_lists() {
    let ok = Media {
        priority: "low".into(),
        modality: Some(Modality::Video),
        requested_modalities: vec![Modality::Audio, Modality::Data],
        fallback: Nullable::Value(Modality::UnknownFutureValue),
    };
    assert_eq!(violations(&ok), []);
    let bad = Media {
        priority: "urgent".into(),
        modality: Some(Modality::UnknownFutureValue),
        requested_modalities: vec![Modality::Audio, Modality::UnknownFutureValue],
        fallback: Nullable::Value(Modality::Data),
    };
    let errors = bad.validate().unwrap_err().errors;
    let found = triples(&errors);
    assert_eq!(
        found,
        [
            (
                "/priority",
                "allowed",
                r#"expected one of "low", "high", found "urgent""#
            ),
            (
                "/modality",
                "allowed",
                r#"expected one of "audio", "video", found "unknownFutureValue""#
            ),
            (
                "/requestedModalities/1",
                "allowed",
                r#"expected a known value, found "unknownFutureValue""#
            ),
            (
                "/fallback",
                "allowed",
                r#"expected one of "audio", "unknownFutureValue", found "data""#
            ),
        ]
    );
}

#[derive(Validate, Serialize, Default)]
struct ServerSet {
    #[validate(read_only)]
    id: Nullable<String>,
    #[validate(read_only)]
    created: Option<u64>,
}

#[test]
fn read_only_fails_when_sent_even_as_null() {
    assert_eq!(violations(&ServerSet::default()), []);
    let sent = ServerSet {
        id: Nullable::Null,
        created: Some(1),
    };
    let errors = sent.validate().unwrap_err().errors;
    let found = triples(&errors);
    assert_eq!(
        found,
        [
            (
                "/id",
                "read_only",
                "expected no value: the property is read-only, found null"
            ),
            (
                "/created",
                "read_only",
                "expected no value: the property is read-only, found a value"
            ),
        ]
    );
}

fn not_blank(value: &str) -> Result<(), String> {
    match value.trim().is_empty() {
        true => Err("expected some text, found only blanks".into()),
        false => Ok(()),
    }
}

mod rules {
    /// A cross-field rule from the docs: "If replacesCallId is set, only one participant".
    pub fn one_participant_when_replacing(call: &super::Transfer) -> Result<(), &'static str> {
        match (&call.replaces_call_id, call.participants.len()) {
            (Some(_), 2..) => Err("expected one participant when replacesCallId is set"),
            _ => Ok(()),
        }
    }
}

#[derive(Validate, Serialize, Default)]
#[serde(rename_all = "camelCase")]
#[validate(custom = rules::one_participant_when_replacing)]
struct Transfer {
    #[validate(custom = not_blank)]
    subject: String,
    #[validate(nested)]
    participants: Vec<Participant>,
    replaces_call_id: Option<String>,
}

#[test]
fn custom_checks_on_fields_and_structs() {
    let ok = Transfer {
        subject: "hello".into(),
        participants: vec![participant("a"), participant("b")],
        replaces_call_id: None,
    };
    assert_eq!(violations(&ok), []);
    let bad = Transfer {
        subject: "  ".into(),
        participants: vec![participant("a"), participant("")],
        replaces_call_id: Some("x".into()),
    };
    let errors = bad.validate().unwrap_err().errors;
    let found = triples(&errors);
    assert_eq!(
        found,
        [
            (
                "/subject",
                "custom",
                "expected some text, found only blanks"
            ),
            (
                "/participants/1/identity/user/id",
                "length",
                "expected at least 1 character, found 0"
            ),
            (
                "",
                "custom",
                "expected one participant when replacesCallId is set"
            ),
        ]
    );
    // Nested, a struct-level rule reports at the struct's own path.
    #[derive(Validate, Serialize)]
    struct Outer {
        #[validate(nested)]
        transfer: Transfer,
    }
    let outer = Outer { transfer: bad };
    assert_eq!(violations(&outer)[2], at("/transfer", "custom"));
}

#[test]
fn constraints_list_the_rules_as_data() {
    let constraints = serde_json::to_value(MakeCall::constraints()).unwrap();
    assert_eq!(
        constraints,
        serde_json::json!([
            {"path": "/participants", "rule": "required"},
            {"path": "/participants", "rule": "items", "min": 1, "max": 5},
            {"path": "/participants/*/identity", "rule": "required"},
            {"path": "/participants/*/identity/user/id", "rule": "required"},
            {"path": "/participants/*/identity/user/id", "rule": "length", "min": 1, "max": 36, "unit": "chars"},
            {"path": "/participants/*/identity/user/displayName", "rule": "length", "max": 10, "unit": "chars"},
            {"path": "/participants/*/identity/application/id", "rule": "required"},
            {"path": "/participants/*/identity/application/id", "rule": "length", "min": 1, "max": 36, "unit": "chars"},
            {"path": "/participants/*/identity/application/displayName", "rule": "length", "max": 10, "unit": "chars"},
            {"path": "/participants/*/type", "rule": "length", "max": 5, "unit": "chars"},
            {"path": "/source/identity", "rule": "required"},
            {"path": "/source/identity/user/id", "rule": "required"},
            {"path": "/source/identity/user/id", "rule": "length", "min": 1, "max": 36, "unit": "chars"},
            {"path": "/source/identity/user/displayName", "rule": "length", "max": 10, "unit": "chars"},
            {"path": "/source/identity/application/id", "rule": "required"},
            {"path": "/source/identity/application/id", "rule": "length", "min": 1, "max": 36, "unit": "chars"},
            {"path": "/source/identity/application/displayName", "rule": "length", "max": 10, "unit": "chars"},
            {"path": "/source/type", "rule": "length", "max": 5, "unit": "chars"},
            {"path": "/callbackUri", "rule": "required"},
            {"path": "/callbackUri", "rule": "length", "max": 2048, "unit": "chars"},
        ])
    );
    let json = |c: Vec<docbind::Constraint>| serde_json::to_value(c).unwrap();
    assert_eq!(
        json(Media::constraints())[1],
        serde_json::json!({"path": "/modality", "rule": "allowed", "values": ["audio", "video"], "unknown_future_value": false})
    );
    assert_eq!(
        json(Numbers::constraints())[1],
        serde_json::json!({"path": "/ratio", "rule": "range", "min": -1.5, "max": 1.5})
    );
    assert_eq!(
        json(Formats::constraints())[2],
        serde_json::json!({"path": "/id", "rule": "format", "format": "guid"})
    );
    assert_eq!(
        json(Formats::constraints())[1],
        serde_json::json!({"path": "/code", "rule": "pattern", "pattern": r"\d{3}"})
    );
    assert_eq!(
        json(Transfer::constraints())[0],
        serde_json::json!({"path": "/subject", "rule": "custom", "function": "not_blank"})
    );
    assert_eq!(
        json(Transfer::constraints())
            .as_array()
            .unwrap()
            .last()
            .unwrap(),
        &serde_json::json!({"path": "", "rule": "custom", "function": "rules::one_participant_when_replacing"})
    );
    assert_eq!(ServerSet::constraints()[0].rule, Rule::ReadOnly);
    assert_eq!(Unit::constraints(), []);
}

/// Property-style checks with a hand-rolled generator and a fixed seed, so failures replay:
/// random valid bodies pass, and each single mutation that breaks one rule fails with exactly
/// that rule's path and code, which `constraints()` also lists.
mod properties {
    use super::*;

    /// xorshift64*: small, fast, and the same sequence on every machine.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        /// In `range`, inclusive.
        fn int(&mut self, range: std::ops::RangeInclusive<u64>) -> u64 {
            range.start() + self.next() % (range.end() - range.start() + 1)
        }

        fn coin(&mut self) -> bool {
            self.next() & 1 == 1
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.int(0..=items.len() as u64 - 1) as usize]
        }

        fn text(&mut self, alphabet: &str, len: std::ops::RangeInclusive<u64>) -> String {
            let chars: Vec<char> = alphabet.chars().collect();
            (0..self.int(len)).map(|_| *self.pick(&chars)).collect()
        }

        fn guid(&mut self) -> String {
            let hex = "0123456789abcdefABCDEF";
            [8, 4, 4, 4, 12].map(|n| self.text(hex, n..=n)).join("-")
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[derive(Validate, Serialize, Clone, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Invitee {
        #[validate(required, format = "guid")]
        id: Option<String>,
        #[validate(allowed(values = ["user", "application"], unknown_future_value = true))]
        kind: String,
    }

    fn at_most_one_when_replacing(invite: &Invite) -> Result<(), String> {
        match (&invite.replaces_call_id, &invite.participants) {
            (Some(_), Some(participants)) if participants.len() > 1 => Err(format!(
                "expected 1 participant when replacing, found {}",
                participants.len()
            )),
            _ => Ok(()),
        }
    }

    fn even(n: &u32) -> Result<(), String> {
        match n % 2 {
            0 => Ok(()),
            _ => Err(format!("expected an even number, found {n}")),
        }
    }

    #[derive(Validate, Serialize, Clone, Debug)]
    #[serde(rename_all = "camelCase")]
    #[validate(custom = at_most_one_when_replacing)]
    struct Invite {
        #[validate(required, items(min = 1, max = 4), nested)]
        participants: Option<Vec<Invitee>>,
        #[validate(format = "guid")]
        replaces_call_id: Option<String>,
        #[validate(length(max = 20), pattern = "^[A-Za-z ]*$")]
        display_name: String,
        #[validate(length(min = 2, max = 8, unit = "utf16"))]
        emoji: Nullable<String>,
        #[validate(range(max = 100))]
        volume: Nullable<u8>,
        #[validate(range(min = -1.0, max = 1.0))]
        balance: f64,
        #[validate(format = "email")]
        email: Option<String>,
        #[validate(format = "uri")]
        callback_uri: String,
        #[validate(allowed(values = ["audio", "video"]))]
        modality: Modality,
        #[validate(read_only)]
        id: Nullable<String>,
        #[validate(custom = even)]
        count: u32,
    }

    fn invitee(rng: &mut Rng) -> Invitee {
        Invitee {
            id: Some(rng.guid()),
            kind: rng
                .pick(&["user", "application", "unknownFutureValue"])
                .to_string(),
        }
    }

    fn valid(rng: &mut Rng) -> Invite {
        let replaces_call_id = rng.coin().then(|| rng.guid());
        let count = if replaces_call_id.is_some() {
            1
        } else {
            rng.int(1..=4)
        };
        Invite {
            participants: Some((0..count).map(|_| invitee(rng)).collect()),
            replaces_call_id,
            display_name: rng.text("abcXYZ ", 0..=20),
            emoji: match rng.int(0..=2) {
                0 => Nullable::Absent,
                1 => Nullable::Null,
                // 1 to 4 emoji: 2 to 8 UTF-16 units.
                _ => Nullable::Value(rng.text("😀🎉📞", 1..=4)),
            },
            volume: match rng.int(0..=2) {
                0 => Nullable::Absent,
                1 => Nullable::Null,
                _ => Nullable::Value(rng.int(0..=100) as u8),
            },
            balance: rng.unit() * 2.0 - 1.0,
            email: rng.coin().then(|| {
                let dot = if rng.coin() { "." } else { "" };
                let local = rng.text("abc", 1..=4) + dot + &rng.text("xyz", 1..=4);
                format!("{local}@{}.com", rng.text("abc", 1..=8))
            }),
            callback_uri: format!("https://example.com/{}", rng.text("abc123-_/", 0..=16)),
            modality: *rng.pick(&[Modality::Audio, Modality::Video]),
            id: Nullable::Absent,
            count: rng.int(0..=1000) as u32 * 2,
        }
    }

    type Mutation = fn(&mut Invite, &mut Rng) -> String;

    /// Each breaks exactly one rule and returns the path it expects; the code is in the table.
    const MUTATIONS: &[(&str, Mutation)] = &[
        ("required", |v, _| {
            v.participants = None;
            "/participants".into()
        }),
        ("items", |v, _| {
            v.participants = Some(vec![]);
            "/participants".into()
        }),
        ("items", |v, rng| {
            v.replaces_call_id = None;
            v.participants = Some((0..rng.int(5..=9)).map(|_| invitee(rng)).collect());
            "/participants".into()
        }),
        ("required", |v, rng| {
            let participants = v.participants.as_mut().unwrap();
            let i = rng.int(0..=participants.len() as u64 - 1) as usize;
            participants[i].id = None;
            format!("/participants/{i}/id")
        }),
        ("format", |v, rng| {
            let participants = v.participants.as_mut().unwrap();
            let i = rng.int(0..=participants.len() as u64 - 1) as usize;
            participants[i].id = Some(rng.text("ghijk-", 0..=40));
            format!("/participants/{i}/id")
        }),
        ("allowed", |v, rng| {
            let participants = v.participants.as_mut().unwrap();
            let i = rng.int(0..=participants.len() as u64 - 1) as usize;
            participants[i].kind = rng.pick(&["", "User", "robot", "guest"]).to_string();
            format!("/participants/{i}/kind")
        }),
        ("format", |v, rng| {
            v.replaces_call_id = Some(rng.guid()[1..].to_owned());
            v.participants.as_mut().unwrap().truncate(1);
            "/replacesCallId".into()
        }),
        ("custom", |v, rng| {
            v.replaces_call_id = Some(rng.guid());
            v.participants = Some((0..rng.int(2..=4)).map(|_| invitee(rng)).collect());
            String::new()
        }),
        ("length", |v, rng| {
            v.display_name = rng.text("abc ", 21..=40);
            "/displayName".into()
        }),
        ("pattern", |v, rng| {
            v.display_name = rng.text("abc", 0..=9) + *rng.pick(&["1", "_", "é", "!"]);
            "/displayName".into()
        }),
        ("length", |v, rng| {
            // 5 to 7 emoji are 10 to 14 UTF-16 units, though only 5 to 7 characters.
            v.emoji = Nullable::Value(rng.text("😀🎉", 5..=7));
            "/emoji".into()
        }),
        ("length", |v, _| {
            v.emoji = Nullable::Value("x".into());
            "/emoji".into()
        }),
        ("range", |v, rng| {
            v.volume = Nullable::Value(rng.int(101..=255) as u8);
            "/volume".into()
        }),
        ("range", |v, rng| {
            let outside = 1.0 + rng.unit() + f64::EPSILON;
            v.balance = if rng.coin() { outside } else { -outside };
            "/balance".into()
        }),
        ("range", |v, _| {
            v.balance = f64::NAN;
            "/balance".into()
        }),
        ("format", |v, rng| {
            v.email = Some(rng.text("abc", 1..=8) + *rng.pick(&["", "@", "@@x.com", " x@y.com"]));
            "/email".into()
        }),
        ("format", |v, rng| {
            v.callback_uri = rng
                .pick(&["", "example.com/x", "/relative", "https://a b"])
                .to_string();
            "/callbackUri".into()
        }),
        ("allowed", |v, rng| {
            v.modality = *rng.pick(&[Modality::Data, Modality::UnknownFutureValue]);
            "/modality".into()
        }),
        ("read_only", |v, rng| {
            v.id = if rng.coin() {
                Nullable::Null
            } else {
                Nullable::Value(rng.guid())
            };
            "/id".into()
        }),
        ("custom", |v, rng| {
            v.count = rng.int(0..=1000) as u32 * 2 + 1;
            "/count".into()
        }),
    ];

    /// Whether a constraint's path, with `*` for any index, covers a concrete path.
    fn covers(pattern: &str, path: &str) -> bool {
        let (pattern, path): (Vec<&str>, Vec<&str>) =
            (pattern.split('/').collect(), path.split('/').collect());
        pattern.len() == path.len()
            && pattern
                .iter()
                .zip(&path)
                .all(|(p, s)| p == s || (*p == "*" && s.parse::<usize>().is_ok()))
    }

    #[test]
    fn valid_bodies_pass_and_each_mutation_breaks_exactly_its_rule() {
        let constraints = Invite::constraints();
        let mut rng = Rng(0x5EED_CA11_D0C5_B1ED);
        for round in 0..300 {
            let body = valid(&mut rng);
            assert_eq!(violations(&body), [], "round {round}: {body:#?}");
            for (code, mutate) in MUTATIONS {
                let mut broken = body.clone();
                let path = mutate(&mut broken, &mut rng);
                assert_eq!(
                    violations(&broken),
                    [(path.clone(), *code)],
                    "round {round}: {broken:#?}"
                );
                assert!(
                    constraints
                        .iter()
                        .any(|c| c.rule.code() == *code && covers(&c.path, &path)),
                    "no constraint lists {code} at {path}"
                );
            }
        }
    }
}

#[test]
fn a_partial_body_keeps_every_rule_but_required() {
    #[derive(Validate, Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct Group {
        #[validate(required, length(max = 5))]
        display_name: Option<String>,
        #[validate(required)]
        mail_nickname: Option<String>,
    }
    let update = docbind::Partial(Group {
        display_name: Some("too long".into()),
        ..Group::default()
    });
    assert_eq!(violations(&update), [at("/displayName", "length")]);
    assert_eq!(violations(&docbind::Partial(Group::default())), []);
    assert_eq!(violations(&Group::default()).len(), 2);
    let kinds: Vec<_> = docbind::Partial::<Group>::constraints()
        .into_iter()
        .map(|c| c.rule.code())
        .collect();
    assert_eq!(kinds, ["length"]);
}
