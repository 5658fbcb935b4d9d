//! The passes, through [`resolve`] on small pages.

use super::*;
use crate::extract::{self, ACTION};

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

const D: &str = "---\ndoc_type: resourcePageType\n---\n# d\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| state | [deviceState](devicestate.md) | Os valores possíveis são: `unknown`, `allowed`, `unknownFutureValue`. |\n| mode | [noPage](nopage.md) | Possible values are: `on`, `off`. |\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.d\" } -->\n```json\n{ \"state\": \"String\", \"mode\": \"String\" }\n```\n";
const STATE: &str = "---\ndoc_type: enumPageType\n---\n# Tipo de enumeração deviceState\n\nNamespace: microsoft.graph\n\n## Membros\n| Membro | Valor | Descrição |\n|---|---|---|\n| desconhecido | 0 | x |\n| allowed | 1 | y |\n";

#[test]
fn enums_from_prose_and_backticks_over_mangled_members() {
    let m = resolve(vec![
        extract::page("r/d.md", D),
        extract::page("r/devicestate.md", STATE),
    ]);
    let Some(TypeDef::Enum(state)) = m.find_type("microsoft.graph.deviceState") else {
        panic!("{:#?}", m.types)
    };
    let members: Vec<_> = state.members.iter().map(|m| m.name.as_str()).collect();
    // Renamed by position between names that match, and the listed value no member
    // stands for added.
    assert_eq!(members, ["unknown", "allowed", "unknownFutureValue"]);
    let Some(TypeDef::Enum(mode)) = m.find_type("microsoft.graph.noPage") else {
        panic!("{:#?}", m.types)
    };
    assert_eq!(
        mode.members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["on", "off"]
    );
    let Some(TypeDef::Complex(d)) = m.find_type("microsoft.graph.d") else {
        panic!()
    };
    assert_eq!(
        d.properties[1].ty,
        TypeRef::Named("microsoft.graph.noPage".into())
    );
    let codes: Vec<_> = m.diagnostics.iter().map(|d| d.code.name()).collect();
    assert!(
        codes.contains(&"enum-from-prose") && codes.contains(&"enum-member-mangled"),
        "{codes:?}"
    );
}

/// A translated enum page of `microsoft.graph.{name}` with these members, and a page of
/// `lamp`, whose property `glow` of that enum has this description.
fn lamp_and_enum(name: &str, members: &[&str], glow: &str) -> Model {
    let rows: String = members.iter().map(|m| format!("| {m} | x |\n")).collect();
    let enum_page = format!(
        "---\ndoc_type: enumPageType\nms.contentlocale: pt-BR\n---\n# Tipo de enumeração {name}\n\nNamespace: microsoft.graph\n\n## Membros\n| Membro | Descrição |\n|---|---|\n{rows}"
    );
    let lamp = format!(
        "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# lamp\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n| glow | [{name}]({name}.md) | {glow} |\n\n## Representação JSON\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.lamp\" }} -->\n```json\n{{ \"glow\": \"String\" }}\n```\n"
    );
    resolve(vec![
        extract::page("r/lamp.md", &lamp),
        extract::page(&format!("r/{name}.md"), &enum_page),
    ])
}

fn member_names(m: &Model, name: &str) -> Vec<String> {
    let Some(TypeDef::Enum(e)) = m.find_type(&format!("microsoft.graph.{name}")) else {
        panic!("{:#?}", m.types)
    };
    e.members.iter().map(|m| m.name.clone()).collect()
}

#[test]
fn translated_members_are_named_by_a_list_in_passing() {
    // No "possible values" phrase, so no rule: the list names the members all the same.
    // `Vermelho` pairs by position, `flashing` (between listed members) is added, and
    // `night`, after them, is another thing's value.
    let m = lamp_and_enum(
        "glowColor",
        &["Vermelho", "amber", "green"],
        "Acende em `red`, `amber`, `flashing` ou `green`. No modo `night` apaga.",
    );
    assert_eq!(
        member_names(&m, "glowColor"),
        ["red", "amber", "flashing", "green"]
    );
    let notes: Vec<_> = (m.diagnostics.iter())
        .filter(|d| d.code == Code::EnumMembersListed)
        .map(|d| format!("{} {}", d.source, d.message))
        .collect();
    assert_eq!(
        notes,
        [
            "r/glowColor.md:10:1 the members of `microsoft.graph.glowColor` are read from the values the description of `microsoft.graph.lamp.glow` lists at r/lamp.md:10:2: `Vermelho` is `red`, `flashing` is added"
        ]
    );
    // `unknownFutureValue`, left out of the list, still closes the run of members to pair.
    let m = lamp_and_enum(
        "glowColor",
        &["Vermelho", "amber", "Verde", "unknownFutureValue"],
        "Acende em `red`, `amber` ou `green`.",
    );
    assert_eq!(
        member_names(&m, "glowColor"),
        ["red", "amber", "green", "unknownFutureValue"]
    );
}

#[test]
fn a_listed_value_recases_a_member_only_where_translation_capitalised_it() {
    // Descriptions capitalise wire names (`None` for the table's `none`); translation
    // capitalises members (`Off` for `off`).
    let m = lamp_and_enum(
        "glowState",
        &["none", "On", "Off"],
        "Os valores possíveis são: `None`, `on`, `Off`.",
    );
    assert_eq!(member_names(&m, "glowState"), ["none", "on", "Off"]);
}

#[test]
fn a_list_that_is_not_plainly_the_enums_names_no_member() {
    let untouched = |members: &[&str], glow: &str| {
        let m = lamp_and_enum("glowColor", members, glow);
        assert_eq!(member_names(&m, "glowColor"), members, "{glow}");
        assert!(
            !(m.diagnostics.iter()).any(|d| d.code == Code::EnumMembersListed),
            "{glow}"
        );
    };
    // No member translation certainly replaced: extra values are another thing's.
    untouched(
        &["red", "green"],
        "Acende em `red` ou `green`, se `mode` for `day`.",
    );
    // A member that could be a wire name and that the list leaves out.
    untouched(&["Vermelho", "amber", "dim"], "Acende em `red` ou `amber`.");
    // The positions disagree with what the names say: `Adulto` would pair with `child`.
    untouched(&["Criança", "Adulto"], "Para `adult` ou `child`.");
    // One value is no list.
    untouched(&["Vermelho", "amber"], "Sempre `red`.");
}

#[test]
fn a_translated_type_word_names_the_enum_its_values_list() {
    let level = "---\ndoc_type: enumPageType\n---\n# level enum type\n\nNamespace: microsoft.graph\n\n## Members\n| Member | Description |\n|---|---|\n| low | x |\n| High | y |\n";
    let pot = "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# pot\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n| heat | nível | O calor. Os valores possíveis são: `low`, `high`. |\n| flame | nível | A chama, `low` ou `high`. |\n| lid | tampão | Os valores possíveis são: `open`, `shut`. |\n\n## Representação JSON\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.pot\" } -->\n```json\n{ \"heat\": \"String\", \"flame\": \"String\", \"lid\": \"String\" }\n```\n";
    let m = resolve(vec![
        extract::page("r/pot.md", pot),
        extract::page("r/level.md", level),
    ]);
    let Some(TypeDef::Complex(c)) = m.find_type("microsoft.graph.pot") else {
        panic!("{:#?}", m.types)
    };
    let types: Vec<String> = c.properties.iter().map(|p| p.ty.to_string()).collect();
    // Whether a rule or the description in passing lists them; values no documented enum
    // has make an enum of their own, as before.
    assert_eq!(
        types,
        [
            "microsoft.graph.level",
            "microsoft.graph.level",
            "microsoft.graph.tampão"
        ]
    );
    let notes = (m.diagnostics.iter()).filter(|d| d.code == Code::TypeWordTranslated);
    assert_eq!(
        notes.map(|d| d.source.to_string()).collect::<Vec<_>>(),
        ["r/pot.md:10:2", "r/pot.md:11:2"]
    );
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

/// A translated resource page of `microsoft.graph.{name}`: its rows `name|description` (all
/// strings) and its JSON keys.
fn pt_resource(name: &str, rows: &[(&str, &str)], keys: &[&str]) -> crate::extract::Fragment {
    let table: String = rows
        .iter()
        .map(|(n, d)| format!("| {n} | Cadeia de caracteres | {d} |\n"))
        .collect();
    let json: Vec<String> = keys
        .iter()
        .map(|k| format!("\"{k}\": \"String\""))
        .collect();
    let md = format!(
        "---\ndoc_type: resourcePageType\nms.contentlocale: pt-BR\n---\n# {name}\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n{table}\n## Representação JSON\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{ {} }}\n```\n",
        json.join(", ")
    );
    extract::page(&format!("r/{name}.md"), &md)
}

#[test]
fn a_row_no_key_names_takes_the_key_the_folder_pairs_its_word_with() {
    let stands_in = |name| {
        pt_resource(
            name,
            &[("id", ""), ("destino", "O alvo.")],
            &["id", "target"],
        )
    };
    let m = resolve(vec![
        stands_in("a"),
        stands_in("b"),
        // The JSON representation lacks it: the row is `target` all the same.
        pt_resource("c", &[("id", ""), ("destino", "Para onde.")], &["id"]),
        // Out of order, beside the key it stands for: one property, described once.
        pt_resource(
            "d",
            &[("destino", "Duplicado."), ("id", "")],
            &["id", "target"],
        ),
    ]);
    let props = |name: &str| {
        let Some(TypeDef::Complex(c)) = m.find_type(&format!("microsoft.graph.{name}")) else {
            panic!("{:#?}", m.types)
        };
        (c.properties.iter())
            .map(|p| {
                (
                    p.name.clone(),
                    p.description.as_ref().map(|d| d.text.clone()),
                )
            })
            .collect::<Vec<_>>()
    };
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        props("c"),
        [("id".into(), None), ("target".into(), some("Para onde."))]
    );
    assert_eq!(
        props("d"),
        [("id".into(), None), ("target".into(), some("Duplicado."))]
    );
}
