//! The passes, through [`resolve`] on small pages.

use super::*;
use crate::extract::{self, ACTION};

mod examples;
mod translated;

const A: &str = "---\ndoc_type: resourcePageType\n---\n# a\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| next | [b](b.md) | |\n| self | [a](a.md) | |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\", \"baseType\": \"microsoft.graph.c\" } -->\n```json\n{ \"next\": {\"@odata.type\": \"microsoft.graph.b\"}, \"self\": {\"@odata.type\": \"microsoft.graph.a\"}, \"other\": {\"@odata.type\": \"microsoft.graph.nowhere\"} }\n```\n";

const B: &str = "---\ndoc_type: resourcePageType\n---\n# b\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.b\" } -->\n```json\n{ \"back\": {\"@odata.type\": \"microsoft.graph.a\"}, \"many\": [{\"@odata.type\": \"microsoft.graph.b\"}] }\n```\n";

const C: &str = "---\ndoc_type: resourcePageType\n---\n# c\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.c\", \"baseType\": \"microsoft.graph.a\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";

fn model() -> Model {
    resolve(vec![
        extract::page("a.md", A),
        extract::page("b.md", B),
        extract::page("c.md", C),
        extract::page("b2.md", B),
    ])
}

#[test]
fn references_resolve_or_are_reported() {
    let m = model();
    let Some(TypeDef::Complex(a)) = m.find_type("microsoft.graph.a") else {
        panic!()
    };
    assert_eq!(
        a.properties[0].ty,
        TypeRef::Named("microsoft.graph.b".into())
    );
    assert_eq!(
        a.properties[2].ty,
        TypeRef::Named("microsoft.graph.nowhere".into())
    );
    let codes: Vec<_> = m.diagnostics.iter().map(|d| d.code.name()).collect();
    assert!(codes.contains(&"type-unresolved"), "{codes:?}");
    assert!(codes.contains(&"type-merged"), "{codes:?}");
    assert!(codes.contains(&"base-cycle"), "{codes:?}");
}

/// A resource page: `base` (or none), property rows `name|type`, and its JSON keys.
fn resource(name: &str, base: &str, rows: &[(&str, &str)]) -> String {
    let table: String = rows
        .iter()
        .map(|(n, t)| format!("| {n} | {t} | x |\n"))
        .collect();
    let json: Vec<String> = rows.iter().map(|(n, _)| format!("\"{n}\": null")).collect();
    let base = match base {
        "" => String::new(),
        b => format!(", \"baseType\": \"microsoft.graph.{b}\""),
    };
    format!(
        "---\ndoc_type: resourcePageType\n---\n# {name}\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n{table}\n## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base} }} -->\n```json\n{{ {} }}\n```\n",
        json.join(", ")
    )
}

#[test]
fn a_redeclared_inherited_property_keeps_the_inherited_type() {
    let m = resolve(vec![
        extract::page(
            "r/quality.md",
            &resource(
                "quality",
                "",
                &[
                    ("loss", "Double"),
                    ("by", "[identitySet](identityset.md)"),
                    ("mode", "[nowhere](nowhere.md)"),
                ],
            ),
        ),
        extract::page(
            "r/audio.md",
            &resource(
                "audio",
                "quality",
                &[
                    ("loss", "Int32"),
                    ("by", "String"),
                    ("mode", "String"),
                    ("codec", "String"),
                ],
            ),
        ),
        extract::page(
            "r/identityset.md",
            &resource("identitySet", "", &[("user", "String")]),
        ),
    ]);
    let Some(TypeDef::Complex(audio)) = m.find_type("microsoft.graph.audio") else {
        panic!("{:#?}", m.types)
    };
    let types: Vec<String> = audio
        .properties
        .iter()
        .map(|p| format!("{} {}", p.name, p.ty))
        .collect();
    // A base type that names no documented type does not stand over the page's.
    assert_eq!(
        types,
        [
            "loss Edm.Double",
            "by microsoft.graph.identitySet",
            "mode Edm.String",
            "codec Edm.String"
        ]
    );
    let conflicts: Vec<&str> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InheritedTypeConflict)
        .map(|d| d.source.file.as_ref())
        .collect();
    assert_eq!(conflicts, ["r/audio.md", "r/audio.md"]);
}

const TAG: &str = "---\ndoc_type: resourcePageType\n---\n# tag\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| kind | aKind | Possible values are: `one`, `two`. |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.security.tag\" } -->\n```json\n{ \"kind\": \"String\" }\n```\n";

const TAGGED: &str = "---\ndoc_type: resourcePageType\n---\n# tagged\n\n## Relationships\n| Relationship | Type | Description |\n|---|---|---|\n| label | [a marca](security-tag.md) | |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.tagged\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";

/// The type of `tagged.label`.
fn label_type(m: &Model) -> TypeRef {
    let Some(TypeDef::Complex(tagged)) = m.find_type("microsoft.graph.tagged") else {
        panic!("{:#?}", m.types)
    };
    let label = tagged.properties.iter().find(|p| p.name == "label");
    label.unwrap().ty.clone()
}

#[test]
fn a_link_to_a_page_names_its_resource_before_its_enums() {
    let m = resolve(vec![
        extract::page("r/security-tag.md", TAG),
        extract::page("r/tagged.md", TAGGED),
    ]);
    let enums: Vec<_> = m
        .types
        .iter()
        .filter(|t| matches!(t, TypeDef::Enum(_)))
        .map(TypeDef::name)
        .collect();
    // Named as the page spells it: adding a page for it later must not rename it.
    assert_eq!(enums, ["microsoft.graph.security.aKind"]);
    assert_eq!(
        label_type(&m),
        TypeRef::Named("microsoft.graph.security.tag".into())
    );
    // A page merged into the type is named by its stem too.
    let m = resolve(vec![
        extract::page("r/security-tag.md", TAG),
        extract::page("r/xtra-tag.md", TAG),
        extract::page(
            "r/tagged.md",
            &TAGGED.replace("security-tag.md", "xtra-tag.md"),
        ),
    ]);
    assert_eq!(
        label_type(&m),
        TypeRef::Named("microsoft.graph.security.tag".into())
    );
}

/// An api page that lists these request lines.
fn api(name: String, lines: &[String]) -> Fragment {
    let md = format!(
        "---\ndoc_type: apiPageType\n---\n# {name}\n\n## HTTP request\n```http\n{}\n```\n",
        lines.join("\n")
    );
    extract::page(&format!("api/{name}.md"), &md)
}

#[test]
fn prefix_aliases_are_learned_from_the_pages_that_list_both() {
    let mut pages = Vec::new();
    for i in 0..10 {
        let both = [
            format!("GET /me/thing{i}"),
            format!("GET /users/{{id}}/thing{i}"),
        ];
        pages.push(api(format!("thing{i}"), &both));
        // `dm` sits beside `users/{id}` as often, but is mostly used alone: no alias.
        let beside = [
            format!("GET /dm/part{i}"),
            format!("GET /users/{{id}}/part{i}"),
        ];
        pages.push(api(format!("part{i}"), &beside));
        for j in 0..3 {
            pages.push(api(
                format!("alone{i}-{j}"),
                &[format!("GET /dm/alone{i}{j}")],
            ));
        }
    }
    pages.push(api(
        "other".into(),
        &["GET /users/{id}/other/{other-id}".into()],
    ));
    let m = resolve(pages);
    let paths = |name: &str| -> Vec<(String, Option<String>, Vec<String>)> {
        let op = m.operations.iter().find(|o| o.name == name).unwrap();
        op.paths
            .iter()
            .map(|p| (p.template.clone(), p.alias_of.clone(), p.params.clone()))
            .collect()
    };
    assert_eq!(
        paths("other"),
        [
            (
                "/users/{id}/other/{other-id}".into(),
                None,
                vec!["id".into(), "other-id".into()]
            ),
            (
                "/me/other/{other-id}".into(),
                Some("/users/{id}/other/{other-id}".into()),
                vec!["other-id".into()]
            ),
        ]
    );
    // Already listed in both forms: nothing added. No `/dm` alias anywhere.
    assert_eq!(paths("thing3").len(), 2);
    let part: Vec<_> = paths("part3").into_iter().map(|p| p.0).collect();
    assert_eq!(part, ["/dm/part3", "/users/{id}/part3", "/me/part3"]);
}

#[test]
fn path_addressing_is_learned_beside_key_addressing() {
    let mut pages: Vec<_> = (0..10)
        .map(|i| {
            let both = [
                format!("GET /me/drive/items/{{item-id}}/thing{i}"),
                format!("GET /me/drive/root:/{{item-path}}:/thing{i}"),
            ];
            api(format!("thing{i}"), &both)
        })
        .collect();
    pages.push(api(
        "upload".into(),
        &["POST /users/{id}/drive/items/{item-id}/upload".into()],
    ));
    // Items of a list are addressed by key only.
    pages.push(api(
        "listitem".into(),
        &["GET /sites/{id}/lists/{list-id}/items/{item-id}".into()],
    ));
    let m = resolve(pages);
    let paths = |name: &str| -> Vec<(String, Option<String>)> {
        let op = m.operations.iter().find(|o| o.name == name).unwrap();
        op.paths
            .iter()
            .map(|p| (p.template.clone(), p.alias_of.clone()))
            .collect()
    };
    assert_eq!(
        paths("upload"),
        [
            ("/users/{id}/drive/items/{item-id}/upload".into(), None),
            (
                "/users/{id}/drive/root:/{item-id}:/upload".into(),
                Some("/users/{id}/drive/items/{item-id}/upload".into())
            ),
        ]
    );
    assert_eq!(paths("listitem").len(), 1);
    assert_eq!(paths("thing4").len(), 2);
}

#[test]
fn two_pages_of_one_name_in_two_inputs_are_an_error() {
    let page = "---\ndoc_type: apiPageType\n---\n# Create widget\n\n## HTTP request\n```http\nPOST /widgets\n```\n";
    let m = resolve(vec![
        extract::page("a/api/widget-create.md", page),
        extract::page("b/api/widget-create.md", page),
    ]);
    let names: Vec<_> = m
        .operations
        .iter()
        .map(|op| op.source.to_string())
        .collect();
    assert_eq!(names, ["a/api/widget-create.md:7:1"]);
    let errors: Vec<_> = (m.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.source.to_string()))
        .collect();
    assert_eq!(
        errors,
        [(
            Code::DuplicateOperation,
            "b/api/widget-create.md:7:1".to_owned()
        )]
    );
}
