//! Enums that no page defines but whose values a property's description lists.

use std::collections::BTreeMap;

use super::names::Names;
use crate::model::*;

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
