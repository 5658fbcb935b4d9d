//! Doc bugs the examples show, named where they are.

use super::*;

#[test]
fn examples_that_do_not_fit_their_types_are_reported_where_they_are() {
    let op = |response: &str| {
        format!(
            "---\ndoc_type: apiPageType\n---\n# Get\n\n## HTTP request\n```http\nGET /things\n```\n\n## Response\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\", \"isCollection\": true }} -->\n```http\nHTTP/1.1 200 OK\n\n{response}\n```\n"
        )
    };
    let mismatches = |response: &str| {
        let m = resolve(vec![
            extract::page(
                "r/thing.md",
                &resource(
                    "thing",
                    "",
                    &[("on", "Boolean"), ("by", "[identitySet](identityset.md)")],
                ),
            ),
            extract::page(
                "r/identityset.md",
                &resource("identitySet", "", &[("user", "String")]),
            ),
            extract::page(
                "r/special.md",
                &resource("special", "identitySet", &[("level", "Int32")]),
            ),
            extract::page("a/thing-list.md", &op(response)),
        ]);
        m.diagnostics
            .into_iter()
            .filter(|d| d.code == Code::ExampleTypeMismatch)
            .map(|d| format!("{} {}", d.source, d.message))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        mismatches(r#"{"value": [{"on": true}, {"on": "Boolean"}]}"#),
        [
            "a/thing-list.md:13:1 the response example has a string at `/value/1/on`, where the docs give `Edm.Boolean`"
        ]
    );
    // Values of a derived type are checked against it, and unknown fields are not misfits.
    assert_eq!(
        mismatches(
            r##"{"value": [{"by": {"@odata.type": "#microsoft.graph.special", "level": "high", "x": 1}}]}"##
        ),
        [
            "a/thing-list.md:13:1 the response example has a string at `/value/0/by/level`, where the docs give `Edm.Int32`"
        ]
    );
    assert!(
        mismatches(r#"{"@odata.context": "x", "value": [{"on": false, "by": null, "x": [1]}]}"#)
            .is_empty()
    );
    assert_eq!(
        mismatches(r#"{"on": true}"#).len(),
        1,
        "one thing where the docs give a list"
    );
}

#[test]
fn every_undocumented_field_and_member_of_an_example_is_named_with_its_type_page() {
    let op = "---\ndoc_type: apiPageType\n---\n# Get\n\n## HTTP request\n```http\nGET /things\n```\n\n## Response\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\", \"isCollection\": true } -->\n```http\nHTTP/1.1 200 OK\n\n{\"value\": [{\"on\": true, \"color\": \"red\", \"shade\": \"teal\", \"by\": {\"@odata.type\": \"#microsoft.graph.special\", \"level\": 1, \"x\": 1}, \"by@odata.bind\": \"y\"}]}\n```\n";
    let color = "---\ndoc_type: enumPageType\n---\n# color enum type\n\nNamespace: microsoft.graph\n\n## Members\n| Member | Value | Description |\n|---|---|---|\n| red | 0 | x |\n| blue | 1 | y |\n";
    let m = resolve(vec![
        extract::page(
            "r/thing.md",
            &resource(
                "thing",
                "",
                &[
                    ("on", "Boolean"),
                    ("color", "[color](color.md)"),
                    ("shade", "[color](color.md)"),
                    ("by", "[identitySet](identityset.md)"),
                ],
            ),
        ),
        extract::page("r/color.md", color),
        extract::page(
            "r/identityset.md",
            &resource("identitySet", "", &[("user", "String")]),
        ),
        extract::page(
            "r/special.md",
            &resource("special", "identitySet", &[("level", "Int32")]),
        ),
        extract::page("a/thing-list.md", op),
    ]);
    let found: Vec<_> = (m.diagnostics.iter())
        .filter(|d| {
            matches!(
                d.code,
                Code::ExampleUndocumentedField | Code::ExampleUndocumentedMember
            )
        })
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert_eq!(
        found,
        [
            "example-undocumented-field the response example has field `x` at `/value/0/by/x`, but `microsoft.graph.special` (r/special.md) lists no such property; generated code keeps it untyped",
            "example-undocumented-member the response example has `teal` at `/value/0/shade`, but `microsoft.graph.color` (r/color.md) lists no such member; generated code keeps it untyped",
        ]
    );
}

#[test]
fn request_values_the_table_cannot_type_are_doc_bugs() {
    // `note` is sent as an object where the table says string; `targets` as a string
    // where it says a collection. Both are reported at the request that sends them.
    let sent = ACTION.replace(
        r#"{"targets": ["x"]}"#,
        r#"{"targets": "x", "note": {"text": "z"}}"#,
    );
    let model = resolve(vec![extract::page("api/thing-act.md", &sent)]);
    let mismatches: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleTypeMismatch)
        .map(|d| (d.source.line, d.message.as_str()))
        .collect();
    assert_eq!(
        mismatches,
        [
            (
                29,
                "the request sends `note` as an object, but the parameters table types it `Edm.String`"
            ),
            (
                29,
                "the request sends `targets` as a string, but the parameters table types it `Collection(Edm.String)`"
            ),
        ]
    );
    assert!(
        !resolve(vec![extract::page("api/thing-act.md", ACTION)])
            .diagnostics
            .iter()
            .any(|d| d.code == Code::ExampleTypeMismatch)
    );
}

/// [`ACTION`] with its second request (line 29) written as `request`.
fn second_request(request: &str) -> String {
    ACTION.replace("POST /things/1/act\n\n{\"targets\": [\"x\"]}", request)
}

/// `line:code` of each diagnostic of the page `md` (as `api/thing-act.md`) with one of `codes`.
fn located(md: &str, codes: &[Code]) -> Vec<String> {
    resolve(vec![extract::page("api/thing-act.md", md)])
        .diagnostics
        .iter()
        .filter(|d| codes.contains(&d.code))
        .map(|d| format!("{}:{}", d.source.line, d.code))
        .collect()
}

#[test]
fn requests_their_stubs_cannot_send_and_bodies_http_drops_are_doc_bugs() {
    let codes = |md: &str| {
        use Code::*;
        located(
            md,
            &[
                ExampleUndocumentedHeader,
                ExampleBodyMissing,
                ExampleBodyWithoutContent,
            ],
        )
    };
    assert!(codes(ACTION).is_empty());
    // `Content-Type` is the body's to send; `Prefer` no table lists.
    let headers = second_request(
        "POST /things/1/act\nContent-Type: application/json\nPrefer: return=minimal\n\n{\"targets\": [\"x\"]}",
    );
    assert_eq!(codes(&headers), ["29:example-undocumented-header"]);
    let bare = second_request("POST /things/1/act");
    assert_eq!(codes(&bare), ["29:example-body-missing"]);
    let no_content = format!(
        "{ACTION}<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 204 No Content\n\n{{\"id\": \"1\"}}\n```\n"
    );
    assert_eq!(codes(&no_content), ["35:example-body-without-content"]);
}

#[test]
fn requests_the_page_does_not_list_are_doc_bugs() {
    let codes = |md: &str| {
        located(
            md,
            &[Code::ExampleMethodUnlisted, Code::ExamplePathUnlisted],
        )
    };
    assert!(codes(ACTION).is_empty());
    let patched = second_request("PATCH /things/1/act\n\n{\"targets\": [\"x\"]}");
    assert_eq!(codes(&patched), ["29:example-method-unlisted"]);
    let elsewhere = second_request("POST /other/1\n\n{\"targets\": [\"x\"]}");
    assert_eq!(codes(&elsewhere), ["29:example-path-unlisted"]);
}

#[test]
fn a_single_resource_wrapped_in_value_is_a_doc_bug() {
    let wrappers = |json: &str| {
        let md = format!(
            "---\ndoc_type: apiPageType\n---\n# Get stage\n\n## HTTP request\n```http\nGET /stages/{{id}}\n```\n\n## Response\nReturns `200 OK` and a [stage](../resources/stage.md) object.\n\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.stage\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{json}\n```\n"
        );
        resolve(vec![extract::page("api/stage-get.md", &md)])
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ExampleValueWrapper)
            .map(|d| d.source.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        wrappers(r#"{"value": {"id": "1"}}"#),
        ["api/stage-get.md:16:1"]
    );
    assert_eq!(
        wrappers(r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#).len(),
        1
    );
    assert!(wrappers(r#"{"id": "1", "value": {"a": 1}}"#).is_empty());
    assert!(wrappers(r#"{"id": "1"}"#).is_empty());
}

#[test]
fn example_values_that_break_a_stated_rule_are_reported() {
    const GADGET: &str = "---\ndoc_type: resourcePageType\n---\n# gadget\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| size | Int32 | Valid values are between 1 and 5. |\n| color | String | Possible values are: `red`, `blue`. |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\" } -->\n```json\n{ \"size\": 1, \"color\": \"String\" }\n```\n";
    let get = |json: &str| {
        let md = format!(
            "---\ndoc_type: apiPageType\n---\n# Get gadget\n\n## HTTP request\n```http\nGET /gadgets/{{id}}\n```\n\n## Response\nReturns `200 OK` and a [gadget](../resources/gadget.md) object.\n\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gadget\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{json}\n```\n"
        );
        let m = resolve(vec![
            extract::page("resources/gadget.md", GADGET),
            extract::page("api/gadget-get.md", &md),
        ]);
        (m.diagnostics.iter())
            .filter(|d| d.code == Code::ExampleBreaksRule)
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert!(get(r#"{"size": 5, "color": "red"}"#).is_empty());
    // The first value of a block that breaks a rule.
    assert_eq!(
        get(r#"{"size": 7, "color": "purple"}"#),
        ["the response example has `7` at `/size`, outside the range 1 to 5 the docs state"]
    );
    assert_eq!(
        get(r#"{"size": 2, "color": "Red"}"#),
        [
            "the response example has `\"Red\"` at `/color`, which is not among the values the docs list: `red`, `blue`"
        ]
    );
}

#[test]
fn request_bodies_and_values_of_no_documented_type_are_named_with_their_pointer() {
    // A field the parameters table lacks, in the second request.
    let md = second_request("POST /things/1/act\n\n{\"targets\": [\"x\"], \"extra\": 1}");
    let m = resolve(vec![extract::page("api/thing-act.md", &md)]);
    let notes: Vec<_> = (m.diagnostics.iter())
        .filter(|d| d.code == Code::ExampleUndocumentedField)
        .map(|d| (d.source.line, d.pointer.as_deref()))
        .collect();
    assert_eq!(notes, [(29, Some("/extra"))]);

    // A property typed by a type no page defines, and a response body where the page
    // documents none.
    let thing = resource(
        "thing",
        "",
        &[("on", "Boolean"), ("kind", "[mystery](mystery.md)")],
    );
    let get = "---\ndoc_type: apiPageType\n---\n# Get\n\n## HTTP request\n```http\nGET /things/{id}\n```\n\n## Response\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"on\": true, \"kind\": {\"a\": 1}}\n```\n";
    let act = "---\ndoc_type: apiPageType\n---\n# Act\n\n## HTTP request\n```http\nPOST /things/{id}/act\n```\n\n## Response\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"done\": true}\n```\n";
    let m = resolve(vec![
        extract::page("r/thing.md", &thing),
        extract::page("a/thing-get.md", get),
        extract::page("a/thing-act.md", act),
    ]);
    let notes: Vec<_> = (m.diagnostics.iter())
        .filter(|d| d.code == Code::ExampleUndocumentedType)
        .map(|d| (d.source.file.as_ref(), d.pointer.as_deref()))
        .collect();
    assert_eq!(
        notes,
        [
            ("a/thing-act.md", Some("")),
            ("a/thing-get.md", Some("/kind"))
        ]
    );
}
