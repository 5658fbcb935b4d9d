//! Base types: chains that loop are cut, and a property a page redeclares keeps the type it
//! inherits.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;

/// Every resource of these docs keyed by `id` derives from `microsoft.graph.entity`, which
/// declares `id`, whether or not its page says so (`"keyProperty": "id"` in its JSON
/// annotation, no "Inherits from" and no `baseType`). A model without `entity` is left as it is.
pub(super) fn keyed_resources_are_entities(
    types: &mut BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    const ENTITY: &str = "microsoft.graph.entity";
    let declares_id = |t: Option<&TypeDef>| {
        t.and_then(TypeDef::as_complex)
            .is_some_and(|e| e.properties.iter().any(|p| p.name == "id"))
    };
    if !declares_id(types.get(ENTITY)) {
        return;
    }
    for def in types.values_mut() {
        let TypeDef::Complex(c) = def else { continue };
        if c.key.as_deref() == Some("id") && c.base.is_none() && c.name != ENTITY {
            let message = format!(
                "`{}` is keyed by `id` and names no base type; read as deriving from `{ENTITY}`, as every keyed resource of these docs does",
                c.name
            );
            diagnostics.push(Diagnostic::new(
                Code::BaseFromKey,
                c.source.clone(),
                message,
            ));
            (c.base, c.base_stated) = (Some(ENTITY.to_owned()), Some(BaseStated::Key));
        }
    }
}

/// A base chain that loops would make every type in it inherit from itself.
pub(super) fn break_base_cycles(
    types: &mut BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let bases: BTreeMap<String, String> = types
        .values()
        .filter_map(TypeDef::as_complex)
        .filter_map(|c| Some((c.name.clone(), c.base.clone()?)))
        .collect();
    for start in bases.keys() {
        let mut seen = BTreeSet::new();
        let mut at = start;
        while let Some(base) = bases.get(at) {
            if !seen.insert(at) {
                break;
            }
            if base == start {
                if let Some(TypeDef::Complex(c)) = types.get_mut(start) {
                    let message = match c.base.as_deref() {
                        Some(own) if own == start => {
                            format!("`{start}` names itself as its base type; it is ignored")
                        }
                        through => format!(
                            "`{start}` inherits from itself through `{}`; its base type is ignored",
                            through.unwrap_or("")
                        ),
                    };
                    diagnostics.push(Diagnostic::new(Code::BaseCycle, c.source.clone(), message));
                    (c.base, c.base_stated) = (None, None);
                }
                break;
            }
            at = base;
        }
    }
}

/// OData lets no type redeclare a property it inherits, yet pages often list inherited
/// properties again, sometimes with another type (`Edm.String` for the base's `identitySet`,
/// `Edm.Int32` for its `Edm.Double`). The type of the type that first declares it stands,
/// unless that names no documented type (a translated type word, already reported).
pub(super) fn keep_inherited_types(model: &mut Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut fixes = Vec::new();
    for (t, def) in model.types.iter().enumerate() {
        let TypeDef::Complex(c) = def else { continue };
        // Root first, so the first declaration of a name is the one that stands.
        let bases: Vec<&ComplexType> = model.lineage(c).skip(1).collect();
        let mut inherited: BTreeMap<&str, (&TypeRef, &str)> = BTreeMap::new();
        for base in bases.iter().rev() {
            for p in &base.properties {
                inherited.entry(&p.name).or_insert((&p.ty, &base.name));
            }
        }
        for (i, p) in c.properties.iter().enumerate() {
            let Some(&(ty, owner)) = inherited.get(p.name.as_str()) else {
                continue;
            };
            let documented = match ty.element() {
                TypeRef::Named(n) => model.find_type(n).is_some(),
                _ => true,
            };
            if *ty != p.ty && documented {
                diagnostics.push(Diagnostic::new(
                    Code::InheritedTypeConflict,
                    p.source.clone(),
                    format!(
                        "`{}` is inherited from `{owner}` as `{ty}`, and OData does not let a derived type redeclare it; the page types it `{}`, and the inherited type is used",
                        p.name, p.ty
                    ),
                ));
                fixes.push((t, i, ty.clone()));
            }
        }
    }
    for (t, i, ty) in fixes {
        if let TypeDef::Complex(c) = &mut model.types[t] {
            c.properties[i].ty = ty;
        }
    }
}
