//! Every JSON example, in `docs-src/` and in the seed page, parses into the types generated
//! from `docs-src/` and serializes back to the same JSON value: nothing dropped, nothing added.

use docbind::{Checked, Untyped, check};
use docbind_codegen::model::Model;
use docbind_tests::{docs_src, seed, target, type_round_trip};
use serde_json::json;

/// `Checked::Lossless` with these `(path, what)` parts kept untyped.
fn lossless(parts: &[(&str, &str)]) -> Checked {
    Checked::Lossless {
        untyped: parts
            .iter()
            .map(|(path, what)| Untyped {
                path: (*path).into(),
                what: (*what).into(),
            })
            .collect(),
    }
}

/// Round-trips every example of `model`; returns how many were checked and how many of those
/// were fully typed.
fn check_all(model: &Model) -> (usize, usize) {
    let (mut checked, mut typed) = (0, 0);
    for (op, example) in model.all_examples() {
        for block in example.blocks() {
            let Some(json) = &block.json else { continue };
            let target = target(op, block, example.request.as_ref())
                .unwrap_or_else(|| panic!("{}: no generated type for this example", block.source));
            match check(target.round_trip, json) {
                Checked::FullyTyped => typed += 1,
                Checked::Lossless { .. } => {}
                Checked::Failed { path, message } => {
                    panic!("{}: {} at {path}: {message}", block.source, target.name)
                }
            }
            checked += 1;
        }
    }
    (checked, typed)
}

#[test]
fn docs_src_examples_round_trip() {
    let model = docs_src();
    // Invite: 2 requests, 2 responses, 1 notification; get and list: a response each (their
    // requests have no body); mute: a request and a response. Our own pages document every
    // field and value they show.
    assert_eq!(check_all(&model), (9, 9));
}

#[test]
fn seed_examples_round_trip() {
    let Some(seed) = seed() else { return };
    let model = docbind_codegen::load(&[seed]).unwrap();
    // 4 examples, each a request, a response and two notifications. Read beside nothing else,
    // the seed documents no resource, so little of it is typed.
    let (checked, _) = check_all(&model);
    assert_eq!(checked, 16);
}

#[test]
fn seed_examples_find_their_types() {
    let Some(seed) = seed() else { return };
    let model = docbind_codegen::load(&[seed]).unwrap();
    let example = &model.operations[0].examples[0];
    let op = Some(&model.operations[0]);
    let name = |t: Option<docbind::Target>| t.map(|t| (t.name, t.matched));
    assert_eq!(
        name(target(op, example.request.as_ref().unwrap(), None)),
        Some(("body of participant-invite".into(), true))
    );
    assert_eq!(
        name(target(
            op,
            example.response.as_ref().unwrap(),
            example.request.as_ref()
        )),
        Some(("response of participant-invite".into(), false))
    );
    assert_eq!(
        name(target(op, &example.others[0], None)),
        Some(("microsoft.graph.commsNotifications".into(), false))
    );
}

#[test]
fn absent_null_and_unknown_fields_survive() {
    let operation = type_round_trip("microsoft.graph.inviteParticipantsOperation");
    for value in [
        json!({}),
        json!({"resultInfo": null}),
        json!({"@odata.type": "#microsoft.graph.inviteParticipantsOperation", "participants": [{"identity": {"user": null}}]}),
    ] {
        assert_eq!(check(operation, &value), Checked::FullyTyped, "{value}");
    }
    let unknown =
        json!({"resultInfo": {"code": 200}, "status": "paused", "notInTheDocs": [1, {"a": null}]});
    assert_eq!(
        check(operation, &unknown),
        lossless(&[
            ("/status", "value `paused`"),
            ("/notInTheDocs", "field `notInTheDocs`")
        ])
    );
}

#[test]
fn what_is_untyped_or_wrong_is_located_inside_derived_values() {
    // `identity` is read as the derived type its `@odata.type` names, apart from the rest of
    // the value: the pointers still run from the top.
    let operation = type_round_trip("microsoft.graph.inviteParticipantsOperation");
    let set = |extra: serde_json::Value| {
        let mut identity = json!({"@odata.type": "#microsoft.graph.communicationsIdentitySet"});
        identity
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"participants": [{}, {"identity": identity}], "status": "paused"})
    };
    assert_eq!(
        check(
            operation,
            &set(json!({"badge": 1, "phone": {"id": "+1", "tag": 2}}))
        ),
        // In the order they were read.
        lossless(&[
            ("/participants/1/identity/badge", "field `badge`"),
            ("/participants/1/identity/phone/tag", "field `tag`"),
            ("/status", "value `paused`"),
        ])
    );
    let Checked::Failed { path, .. } = check(operation, &set(json!({"phone": {"id": 5}}))) else {
        panic!("a number where the docs say string is read");
    };
    assert_eq!(path, "/participants/1/identity/phone/id");
}

#[test]
fn a_null_the_docs_do_not_allow_is_not_kept() {
    // `metadata` is optional but not nullable: `null` reads as absent. This is what makes the
    // round-trip tests above able to fail.
    let participant = type_round_trip("microsoft.graph.participant");
    assert_eq!(
        check(participant, &json!({"metadata": null})),
        Checked::Failed {
            path: "/metadata".into(),
            message: "dropped".into()
        }
    );
}

#[test]
fn a_base_typed_property_reads_the_derived_type_its_odata_type_names() {
    use docs_src_bindings::{AnyIdentitySet, ParticipantInfo};
    let derived = json!({"identity": {
        "@odata.type": "#microsoft.graph.communicationsIdentitySet",
        "phone": {"id": "+351210000000"}
    }});
    let info = type_round_trip("microsoft.graph.participantInfo");
    assert_eq!(check(info, &derived), Checked::FullyTyped);
    let read: ParticipantInfo = serde_json::from_value(derived).unwrap();
    let identity = read.identity.value().unwrap();
    assert!(
        matches!(identity, AnyIdentitySet::CommunicationsIdentitySet(set) if set.phone.value().is_some())
    );
    // A type these docs do not list is kept: read as the base, its fields in `extra`.
    let unknown = json!({"identity": {
        "@odata.type": "#microsoft.graph.futureIdentitySet",
        "badge": {"id": "7"}
    }});
    assert_eq!(
        check(info, &unknown),
        lossless(&[("/identity/badge", "field `badge`")])
    );
    let read: ParticipantInfo = serde_json::from_value(unknown).unwrap();
    assert!(
        matches!(read.identity.value(), Some(AnyIdentitySet::IdentitySet(set))
        if set.odata_type.as_deref() == Some("#microsoft.graph.futureIdentitySet"))
    );
}

#[test]
fn an_open_types_dynamic_properties_are_not_untyped() {
    // commsNotification is open: what it carries beyond its properties is what the docs allow.
    let notification = json!({
        "changeType": "updated",
        "resourceUrl": "/communications/calls/1/participants",
        "resourceData": [{"@odata.type": "#microsoft.graph.participant", "id": "2"}]
    });
    let open = type_round_trip("microsoft.graph.commsNotification");
    assert_eq!(check(open, &notification), Checked::FullyTyped);
    // A closed type keeps such a field too, but as a field the docs do not list.
    let closed = type_round_trip("microsoft.graph.resultInfo");
    assert_eq!(
        check(closed, &json!({"code": 200, "resourceData": []})),
        lossless(&[("/resourceData", "field `resourceData`")])
    );
}
