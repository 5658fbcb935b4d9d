//! Names and members translation replaced, read back.

use super::*;

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
