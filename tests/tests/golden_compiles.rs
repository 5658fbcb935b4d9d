//! The single-file golden fixture's expected output (`codegen/tests/golden/single-file`)
//! compiles against the runtime, and the rules its pages state hold on the body it generates.

use docbind::{Endpoint, Validate};

#[allow(dead_code, unused_imports)]
mod golden {
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../codegen/tests/golden/single-file/expected/out/docbind.rs"
    ));
}

use golden::{GadgetColor, GadgetCreate, GadgetCreateBody};

/// `(path, code)` of every error, in order; empty when valid.
fn errors(body: &GadgetCreateBody) -> Vec<(String, &'static str)> {
    body.check()
        .errors
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect()
}

fn body(json: serde_json::Value) -> GadgetCreateBody {
    serde_json::from_value(json).unwrap()
}

#[test]
fn the_documented_rules_are_checked() {
    let ok = body(serde_json::json!({
        "displayName": "Desk fan",
        "color": "teal",
        "tags": ["summer", "office"]
    }));
    assert_eq!(errors(&ok), []);

    // Required.
    assert_eq!(
        errors(&body(serde_json::json!({ "color": "red" }))),
        [("/displayName".to_owned(), "required")]
    );
    // Max length is 64 characters.
    let long = body(serde_json::json!({ "displayName": "x".repeat(65) }));
    assert_eq!(errors(&long), [("/displayName".to_owned(), "length")]);
    let fits = body(serde_json::json!({ "displayName": "x".repeat(64) }));
    assert_eq!(errors(&fits), []);
    // Up to 8 tags.
    let tags: Vec<String> = (0..9).map(|i| format!("t{i}")).collect();
    let many = body(serde_json::json!({ "displayName": "Fan", "tags": tags }));
    assert_eq!(errors(&many), [("/tags".to_owned(), "items")]);
}

#[test]
fn the_example_request_builds_and_the_response_reads() {
    let sent = serde_json::json!({
        "displayName": "Desk fan",
        "color": "teal",
        "tags": ["summer", "office"]
    });
    let stub = GadgetCreate {
        body: body(sent.clone()),
    };
    let request = stub.to_request("https://api.example.test/v1.0").unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri(),
        "https://api.example.test/v1.0/inventory/gadgets"
    );
    let written: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(written, sent);

    let received = serde_json::json!({
        "@odata.type": "#microsoft.graph.gadget",
        "id": "g-0017",
        "displayName": "Desk fan",
        "color": "teal",
        "tags": ["summer", "office"]
    });
    let gadget: golden::Gadget = serde_json::from_value(received.clone()).unwrap();
    assert_eq!(gadget.display_name.as_deref(), Some("Desk fan"));
    assert_eq!(gadget.color.value(), Some(&GadgetColor::Teal));
    assert!(gadget.extra.is_empty());
    assert_eq!(serde_json::to_value(&gadget).unwrap(), received);
    assert_eq!(GadgetCreate::SUCCESS, 201);
}

#[test]
fn the_registry_lists_what_the_pages_define() {
    let types: Vec<&str> = golden::TYPES.iter().map(|t| t.name).collect();
    assert_eq!(
        types,
        ["microsoft.graph.gadget", "microsoft.graph.gadgetColor"]
    );
    let endpoints: Vec<&str> = golden::ENDPOINTS.iter().map(|e| e.name).collect();
    assert_eq!(endpoints, ["gadget-create"]);
}
