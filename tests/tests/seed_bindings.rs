//! Bindings generated from the seed page alone (see build.rs): the rules the seed states, and
//! its own examples, hold for the body type generated from it.

use docbind::Validate;
use docbind_tests::seed;

#[cfg(seed_bindings)]
#[allow(dead_code, unused_imports)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/docbind.rs"));
}

#[cfg(seed_bindings)]
fn failures(json: serde_json::Value) -> Vec<(String, &'static str)> {
    let body: bindings::ParticipantInviteBody = serde_json::from_value(json).unwrap();
    match body.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.errors.into_iter().map(|e| (e.path, e.code)).collect(),
    }
}

#[cfg(seed_bindings)]
fn warnings(json: serde_json::Value) -> Vec<(String, &'static str)> {
    let body: bindings::ParticipantInviteBody = serde_json::from_value(json).unwrap();
    let report = body.check();
    report
        .warnings
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect()
}

#[cfg(seed_bindings)]
fn participants(n: usize) -> serde_json::Value {
    (0..n)
        .map(|i| serde_json::json!({"identity": {"user": {"id": format!("u{i}")}}}))
        .collect()
}

/// The seed is there, so its bindings must have been generated.
#[cfg(not(seed_bindings))]
fn bindings_missing() -> ! {
    panic!("the seed page is there but build.rs generated no bindings from it");
}

#[test]
fn the_seed_rules_hold_on_its_own_body() {
    let Some(_) = seed() else { return };
    #[cfg(not(seed_bindings))]
    bindings_missing();
    #[cfg(seed_bindings)]
    {
        use serde_json::json;
        let ok = json!({"participants": participants(5), "clientContext": "c".repeat(256)});
        assert_eq!(failures(ok), []);
        let long = json!({"participants": participants(1), "clientContext": "c".repeat(257)});
        assert_eq!(failures(long), [("/clientContext".to_owned(), "length")]);
        let many = json!({"participants": participants(6)});
        assert_eq!(failures(many), [("/participants".to_owned(), "items")]);
        // The seed never says "Required": an action's collection parameter cannot be null,
        // and every example sends it.
        let missing = json!({"clientContext": "c"});
        assert_eq!(
            failures(missing),
            [("/participants".to_owned(), "required")]
        );
        // "Only one participant when `replacesCallId` is provided" warns: the page says the
        // service reads the first participant and ignores the rest.
        let mut replacing = participants(2);
        replacing[1]["replacesCallId"] = json!("c1");
        let replacing = json!({ "participants": replacing });
        assert_eq!(failures(replacing.clone()), []);
        assert_eq!(warnings(replacing), [("/participants".to_owned(), "items")]);
        assert_eq!(warnings(json!({ "participants": participants(2) })), []);
    }
}

#[test]
fn the_seed_examples_pass_their_own_rules() {
    let Some(seed) = seed() else { return };
    #[cfg(seed_bindings)]
    {
        let model = docbind_codegen::load(&[seed]).unwrap();
        let bodies: Vec<_> = model.operations[0]
            .examples
            .iter()
            .filter_map(|e| e.request.as_ref()?.json.clone())
            .collect();
        assert_eq!(bodies.len(), 4);
        for body in &bodies {
            assert_eq!(failures(body.clone()), []);
        }
        // Example 2 invites two participants that both replace a call: the docs' own case
        // for warning rather than refusing.
        let warned: Vec<_> = bodies.into_iter().map(|b| warnings(b).len()).collect();
        assert_eq!(warned, [0, 1, 0, 0]);
    }
    #[cfg(not(seed_bindings))]
    {
        let _ = seed;
        bindings_missing();
    }
}
