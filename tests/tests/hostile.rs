//! Hostile pages (`codegen/tests/golden/hostile`): names that are keywords, empty, std types or
//! hold quotes, comment ends, attributes, line breaks and confusables; descriptions that hold
//! fences and bidi controls; path templates and values that climb out. What docbind generates
//! for them compiles here without a warning, keeps every wire name, and builds no request
//! outside its documented path.
#![deny(warnings)]

use docbind::{Endpoint, Nullable, RequestError};

mod generated {
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../codegen/tests/golden/hostile/expected/out/docbind.rs"
    ));
}

use generated::{Hostile, HostileKind, ResultEndpoint, SelfEndpoint, StringEndpoint};

#[test]
fn every_hostile_name_is_its_own_field_and_keeps_its_wire_spelling() {
    let keys = [
        "self",
        "self_",
        "Self",
        "super",
        "crate",
        "_",
        "type",
        "Type",
        "",
        "a\"b",
        "*/",
        "#[doc = \"x\"]",
        "\"]",
        "line\nbreak",
        "n\u{430}me",
        "name",
        "\u{438}\u{43c}\u{44f}",
        "displayName",
        "DisplayName",
        "display_name",
        "extra",
        "odata_type",
    ];
    let wire: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| ((*k).to_owned(), format!("v{i}").into()))
        .collect();
    let read: Hostile = serde_json::from_value(wire.clone().into()).unwrap();
    let fields = [
        &read.self_,
        &read.self_2,
        &read.self_3,
        &read.super_,
        &read.crate_,
        &read.field,
        &read.r#type,
        &read.type_2,
        &read.field_2,
        &read.a_b,
        &read.field_3,
        &read.doc_x,
        &read.field_4,
        &read.line_break,
        &read.n_me,
        &read.name,
        &read.field_5,
        &read.display_name,
        &read.display_name_2,
        &read.display_name_3,
        &read.extra_2,
        &read.odata_type_2,
    ];
    for (i, field) in fields.iter().enumerate() {
        assert_eq!(**field, Nullable::Value(format!("v{i}")), "{:?}", keys[i]);
    }
    assert!(read.extra.is_empty(), "{:?}", read.extra);
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        serde_json::Value::Object(wire)
    );
}

#[test]
fn enum_members_named_like_keywords_and_std_types_read_back() {
    let cases = [
        ("self", HostileKind::SelfValue),
        ("Self", HostileKind::SelfValue2),
        ("None", HostileKind::None),
        ("Some", HostileKind::Some),
        ("String", HostileKind::String),
        ("Other", HostileKind::Other2),
        ("other", HostileKind::Other3),
        ("Option", HostileKind::Option),
        ("Result", HostileKind::Result),
        ("\"]", HostileKind::Value),
        ("Ok", HostileKind::Ok),
    ];
    for (wire, member) in cases {
        let read: HostileKind = serde_json::from_value(wire.into()).unwrap();
        assert_eq!(read, member);
        assert_eq!(serde_json::to_value(&read).unwrap(), wire);
    }
    let unlisted: HostileKind = serde_json::from_value("self_".into()).unwrap();
    assert_eq!(unlisted, HostileKind::Other("self_".into()));
}

fn string_endpoint(value: &str) -> StringEndpoint {
    StringEndpoint {
        self_: value.into(),
        self_2: value.into(),
        field: value.into(),
        a_b: value.into(),
        x_y: value.into(),
        field_2: value.into(),
        id: value.into(),
    }
}

#[test]
fn hostile_placeholders_are_filled_by_name() {
    let stub = StringEndpoint {
        self_: "1".into(),
        self_2: "2".into(),
        field: "3".into(),
        a_b: "4".into(),
        x_y: "5".into(),
        field_2: "6".into(),
        id: "7".into(),
    };
    assert_eq!(stub.path().unwrap(), "/hostile/1/items/2/3/4/5/6/7");
}

#[test]
fn path_values_stay_inside_their_segment() {
    let uri = |value| {
        let request = string_endpoint(value).to_request("https://api.example.test/v1.0");
        request.map(|r| r.uri().to_string())
    };
    let path = |v: &str| {
        format!("https://api.example.test/v1.0/hostile/{v}/items/{v}/{v}/{v}/{v}/{v}/{v}")
    };
    assert_eq!(uri("../x").unwrap(), path("..%2Fx"));
    assert_eq!(uri("a/b").unwrap(), path("a%2Fb"));
    assert_eq!(uri("%2e%2e").unwrap(), path("%252e%252e"));
    assert_eq!(uri("..\\x").unwrap(), path("..%5Cx"));
    for value in ["..", ".", ""] {
        let error = uri(value).unwrap_err();
        assert!(
            matches!(&error, RequestError::BadParam { name, value: v } if name == "self" && v == value),
            "{error}"
        );
    }
}

#[test]
fn templates_that_leave_their_documented_path_build_no_request() {
    let climbs = SelfEndpoint {
        id: "x".into(),
        body: Default::default(),
    };
    assert_eq!(
        climbs
            .to_request("https://api.example.test")
            .unwrap_err()
            .to_string(),
        "path template /hostile/../admin/{id} is refused: a segment is `.` or `..`"
    );
    let encoded = ResultEndpoint { id: "x".into() };
    assert_eq!(
        encoded
            .to_request("https://api.example.test")
            .unwrap_err()
            .to_string(),
        "path template /hostile/a%2Fb/{id} is refused: a segment holds `/`, `\\`, `?` or `#`, plain or encoded"
    );
}

#[test]
fn the_registry_keeps_hostile_names_verbatim() {
    let types: Vec<&str> = generated::TYPES.iter().map(|t| t.name).collect();
    assert!(
        types.contains(&"``rust\nfn injected() { panic!() }\n``"),
        "{types:?}"
    );
    assert!(types.contains(&"microsoft.graph.*/\"]"), "{types:?}");
    let endpoints: Vec<&str> = generated::ENDPOINTS.iter().map(|e| e.name).collect();
    assert_eq!(endpoints, ["result", "self", "string"]);
}

#[test]
fn a_derived_type_that_holds_its_base_is_boxed_there_and_reads_any_depth() {
    use generated::{AnyCondition, Condition, NotCondition};
    let json = serde_json::json!({
        "@odata.type": "#microsoft.graph.notCondition",
        "inner": {
            "@odata.type": "#microsoft.graph.notCondition",
            "inner": { "label": "leaf" },
        },
    });
    let read: AnyCondition = serde_json::from_value(json.clone()).unwrap();
    let AnyCondition::NotCondition(NotCondition { inner, .. }) = &read else {
        panic!("read as {read:?}")
    };
    let Nullable::Value(inner) = inner else {
        panic!("{inner:?}")
    };
    let AnyCondition::NotCondition(NotCondition {
        inner: Nullable::Value(leaf),
        ..
    }) = &**inner
    else {
        panic!("{inner:?}")
    };
    assert!(
        matches!(&**leaf, AnyCondition::Condition(Condition { label: Nullable::Value(l), .. }) if l == "leaf")
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), json);
}
