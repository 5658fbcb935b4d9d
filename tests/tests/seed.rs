//! The page docbind started from, read exactly as it is.

use docbind_codegen::model::{Code, Method, Model, Rule, Scheme, TypeRef};
use docbind_tests::{docs_src, root, seed};

fn load_seed() -> Option<Model> {
    Some(docbind_codegen::load(&[seed()?]).unwrap())
}

#[test]
fn one_post_operation_with_both_paths() {
    let Some(model) = load_seed() else { return };
    assert_eq!(model.operations.len(), 1);
    let op = &model.operations[0];
    assert_eq!(op.name, "participant-invite");
    assert_eq!(op.method, Method::Post);
    let paths: Vec<_> = op
        .paths
        .iter()
        .map(|p| (p.template.as_str(), p.deprecated))
        .collect();
    assert_eq!(
        paths,
        [
            ("/app/calls/{id}/participants/invite", true),
            ("/communications/calls/{id}/participants/invite", false)
        ]
    );
    assert_eq!(op.paths[0].params, ["id"]);
}

#[test]
fn permissions_by_scheme() {
    let Some(model) = load_seed() else { return };
    let perms: Vec<_> = model.operations[0]
        .permissions
        .iter()
        .map(|p| (p.scheme, p.names.clone()))
        .collect();
    assert_eq!(
        perms,
        [
            (Scheme::DelegatedWork, vec![]),
            (Scheme::DelegatedPersonal, vec![]),
            (
                Scheme::Application,
                vec!["Calls.InitiateGroupCalls.All".to_owned()]
            ),
        ]
    );
}

#[test]
fn body_parameters_with_their_constraints() {
    let Some(seed) = seed() else { return };
    // Read beside docs-src/, the parameter types resolve to the documented types.
    let model = docbind_codegen::load(&[root().join("docs-src"), seed]).unwrap();
    let op = model
        .operations
        .iter()
        .find(|o| o.source.file.ends_with("participant-invite.pt-BR.md"))
        .unwrap();
    let body: Vec<_> = op
        .body
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string()))
        .collect();
    assert_eq!(
        body,
        [
            (
                "participants",
                "Collection(microsoft.graph.invitationParticipantInfo)".to_owned()
            ),
            ("clientContext", "Edm.String".to_owned())
        ]
    );
    let rules = |i: usize| {
        op.body[i]
            .constraints
            .iter()
            .map(|c| c.rule.clone())
            .collect::<Vec<_>>()
    };
    // "Inviting up to 5 participants is supported." is a note under example 2, and "only one
    // participant when `replacesCallId` is provided" one under example 3, not in the table.
    assert_eq!(
        rules(0),
        [
            Rule::MaxItems { max: 5 },
            Rule::MaxItemsWhen {
                max: 1,
                when: "replacesCallId".into()
            }
        ]
    );
    assert_eq!(op.body[0].constraints[1].source.line, 513);
    assert_eq!(rules(1), [Rule::MaxLength { max: 256 }]);
    assert_eq!(op.body[1].constraints[0].source.line, 56);
    // Never stated, but an action's collection parameter that every example sends.
    assert!(op.body[0].required && !op.body[1].required);
}

#[test]
fn response_is_the_operation_with_200() {
    let Some(model) = load_seed() else { return };
    let response = model.operations[0].response.as_ref().unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(
        response.ty,
        Some(TypeRef::Named(
            "microsoft.graph.inviteParticipantsOperation".into()
        ))
    );
}

#[test]
fn four_examples_with_pairs_and_notifications() {
    let Some(model) = load_seed() else { return };
    let examples = &model.operations[0].examples;
    assert_eq!(examples.len(), 4);
    for (i, example) in examples.iter().enumerate() {
        assert!(
            example
                .title
                .as_deref()
                .unwrap()
                .starts_with(&format!("Example {}", i + 1))
        );
        let request = example.request.as_ref().unwrap();
        let response = example.response.as_ref().unwrap();
        assert_eq!(request.method.as_deref(), Some("POST"));
        assert!(
            request
                .path
                .as_deref()
                .unwrap()
                .ends_with("/participants/invite")
        );
        assert_eq!(response.status, Some(200));
        assert!(response.truncated);
        assert_eq!(example.others.len(), 2, "example {}", i + 1);
        for n in &example.others {
            assert_eq!(
                n.odata_type.as_deref(),
                Some("microsoft.graph.commsNotifications")
            );
            assert!(n.json.is_some());
        }
    }
    assert_eq!(
        examples[1].request.as_ref().unwrap().name.as_deref(),
        Some("participant-invite-multiple")
    );
}

#[test]
fn spans_are_stripped_and_both_languages_kept() {
    let Some(model) = load_seed() else { return };
    let op = &model.operations[0];
    let description = op.body[1].description.as_ref().unwrap();
    assert_eq!(
        description.en.as_deref(),
        Some("Unique Client Context string. Max limit is 256 chars.")
    );
    assert!(
        description
            .text
            .starts_with("Cadeia de caracteres de contexto")
    );
    let dump = serde_json::to_string(&model).unwrap();
    assert!(!dump.contains("<span"), "span markup left in the IR");
    assert!(model.pages[0].bilingual);
    assert_eq!(model.pages[0].locale, "pt-BR");
}

#[test]
fn the_seed_and_docs_src_read_without_errors() {
    let Some(model) = load_seed() else { return };
    // Read alone, the seed's types are unresolved (so are its examples' values of them) and
    // its includes (outside the seeds folder) are notes; nothing else is wrong with it.
    let unexpected: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| {
            !matches!(
                d.code,
                Code::TypeUnresolved
                    | Code::ExampleUndocumentedType
                    | Code::IncludeMissing
                    | Code::IncludeOutsideRoot
            )
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    let model = docs_src();
    assert!(model.diagnostics.is_empty(), "{:#?}", model.diagnostics);
}
