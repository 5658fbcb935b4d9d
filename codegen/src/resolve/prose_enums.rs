//! Enums that no page defines but whose values a property's description lists, and type
//! words translation replaced that name a documented enum by its values.

use std::collections::{BTreeMap, BTreeSet};

use super::names::Names;
use crate::model::*;
use crate::translation::backticked_names;

/// Translation replaces a type word in a Type cell as it does any word ("importância" for
/// `importance`), and type names are ASCII identifiers, so such a word names no type. The
/// values the property lists (its allowed-values rule, or the backticked names of its
/// description) still say which enum it is: the only documented enum with those members, up
/// to case. Runs before enums are read from prose, which would make the word an enum of its
/// own.
pub(super) fn translated_type_words(
    types: &mut BTreeMap<String, TypeDef>,
    operations: &mut [Operation],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let names = Names::new(types);
    let mut by_members: BTreeMap<BTreeSet<String>, Vec<String>> = BTreeMap::new();
    for t in types.values() {
        if let TypeDef::Enum(e) = t {
            let members = value_set(e.members.iter().map(|m| m.name.as_str()));
            by_members.entry(members).or_default().push(e.name.clone());
        }
    }
    let retype = |p: &mut Property, diagnostics: &mut Vec<Diagnostic>| {
        let TypeRef::Named(word) = p.ty.element() else {
            return;
        };
        if word.is_ascii() || names.lookup(word).is_some() {
            return;
        }
        let described = p.description.as_ref().map_or("", |d| d.text.as_str());
        let listed = match p.allowed_values() {
            Some(values) => value_set(values.iter().map(String::as_str)),
            None => value_set(backticked_names(described)),
        };
        let Some([name]) = by_members.get(&listed).map(Vec::as_slice) else {
            return;
        };
        if listed.is_empty() {
            return;
        }
        diagnostics.push(Diagnostic::new(Code::TypeWordTranslated, p.source.clone(), format!("the Type cell's `{word}` names no type; it is read as `{name}`, the enum whose members are the values the description lists")));
        *element_mut(&mut p.ty) = TypeRef::Named(name.clone());
    };
    for t in types.values_mut() {
        if let TypeDef::Complex(c) = t {
            c.properties.iter_mut().for_each(|p| retype(p, diagnostics));
        }
    }
    for op in operations {
        (op.body.iter_mut().chain(&mut op.parameters)).for_each(|p| retype(p, diagnostics));
    }
}

/// Values up to case, and without `unknownFutureValue`, which lists often leave out.
fn value_set<'a>(values: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    (values.into_iter())
        .filter(|v| *v != "unknownFutureValue")
        .map(str::to_lowercase)
        .collect()
}

fn element_mut(ty: &mut TypeRef) -> &mut TypeRef {
    match ty {
        TypeRef::Collection(inner) => element_mut(inner),
        other => other,
    }
}

/// A property typed with a name no page defines, whose description lists its values
/// ("Possible values are: `a`, `b`"), names an enum documented only in prose.
pub(super) fn enums_from_prose(
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EnumType> {
    let names = Names::new(types);
    let mut found: BTreeMap<String, EnumType> = BTreeMap::new();
    for t in types.values() {
        let TypeDef::Complex(c) = t else { continue };
        for p in &c.properties {
            let (TypeRef::Named(hint), Some(values)) = (p.ty.element(), p.allowed_values()) else {
                continue;
            };
            if names.lookup(hint).is_some() {
                continue;
            }
            let namespace = c
                .name
                .rsplit_once('.')
                .map_or("microsoft.graph", |(ns, _)| ns);
            let name = if hint.contains('.') {
                hint.clone()
            } else {
                format!("{namespace}.{hint}")
            };
            let e = found.entry(name.to_lowercase()).or_insert_with(|| {
                diagnostics.push(Diagnostic::new(Code::EnumFromProse, p.source.clone(), format!("`{name}` has no page; it is read as an enum of the values this description lists")));
                EnumType { name: name.clone(), description: None, members: Vec::new(), source: p.source.clone(), merged_from: Vec::new() }
            });
            if e.source != p.source {
                e.merged_from.push(p.source.clone());
            }
            for v in values {
                if !e.members.iter().any(|m| &m.name == v) {
                    e.members.push(EnumMember {
                        name: v.clone(),
                        value: None,
                        description: None,
                    });
                }
            }
        }
    }
    found.into_values().collect()
}
