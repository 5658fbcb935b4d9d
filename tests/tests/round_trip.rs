//! Every JSON example, in `docs-src/` and in the seed page, parses into the types generated
//! from `docs-src/` and serializes back to the same JSON value: nothing dropped, nothing added.

use docbind_codegen::model::Model;
use docbind_tests::{Target, docs_src, round_trip, seed, target};
use serde_json::json;

/// Round-trips every example of `model`; returns how many were checked.
fn check_all(model: &Model) -> usize {
    let mut checked = 0;
    for (op, example) in model.all_examples() {
        for block in example.blocks() {
            let Some(json) = &block.json else { continue };
            let target = target(op, block, example.request.as_ref())
                .unwrap_or_else(|| panic!("{}: no generated type for this example", block.source));
            let back = round_trip(&target, json)
                .unwrap_or_else(|e| panic!("{}: does not parse as {target:?}: {e}", block.source));
            assert_eq!(
                &back, json,
                "{}: changed by a round trip through {target:?}",
                block.source
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn docs_src_examples_round_trip() {
    let model = docs_src();
    let checked = check_all(&model);
    // Invite: 2 requests, 2 responses, 1 notification; get and list: a response each (their
    // requests have no body); mute: a request and a response.
    assert_eq!(checked, 9);
}

#[test]
fn seed_examples_round_trip() {
    let Some(seed) = seed() else { return };
    let model = docbind_codegen::load(&[seed]).unwrap();
    // 4 examples, each a request, a response and two notifications.
    assert_eq!(check_all(&model), 16);
}

#[test]
fn seed_examples_find_their_types() {
    let Some(seed) = seed() else { return };
    let model = docbind_codegen::load(&[seed]).unwrap();
    let example = &model.operations[0].examples[0];
    let op = Some(&model.operations[0]);
    assert_eq!(
        target(op, example.request.as_ref().unwrap(), None),
        Some(Target::Body("participant-invite"))
    );
    assert_eq!(
        target(
            op,
            example.response.as_ref().unwrap(),
            example.request.as_ref()
        ),
        Some(Target::Response("participant-invite"))
    );
    assert_eq!(
        target(op, &example.others[0], None),
        Some(Target::Type("microsoft.graph.commsNotifications"))
    );
}

#[test]
fn absent_null_and_unknown_fields_survive() {
    let operation = Target::Type("microsoft.graph.inviteParticipantsOperation");
    for value in [
        json!({}),
        json!({"resultInfo": null}),
        json!({"resultInfo": {"code": 200}, "status": "Running", "notInTheDocs": [1, {"a": null}]}),
        json!({"@odata.type": "#microsoft.graph.inviteParticipantsOperation", "participants": [{"identity": {"user": null}}]}),
    ] {
        assert_eq!(round_trip(&operation, &value).unwrap(), value);
    }
}

#[test]
fn a_null_the_docs_do_not_allow_is_not_kept() {
    // `metadata` is optional but not nullable: `null` reads as absent. This is what makes the
    // round-trip tests above able to fail.
    let participant = Target::Type("microsoft.graph.participant");
    let value = json!({"metadata": null});
    assert_eq!(round_trip(&participant, &value).unwrap(), json!({}));
}
