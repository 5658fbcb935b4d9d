//! What an area filter keeps: the types and endpoints of some areas, and what they need to
//! compile.

use std::collections::BTreeSet;

use super::Custom;
use super::names::Names;
use crate::model::*;
use crate::naming;

/// `model` with the types and operations of `areas` only, and the types those are made of:
/// what a kept type's properties hold, its bases, and what a kept operation sends and
/// returns, each as far down as it is made of. A property that only links to a type (see
/// [`Names::is_link`]) does not keep it: like a feature left off, such a value is then raw
/// JSON (the type is undocumented here). Types derived from a kept one are not kept for it,
/// so its `Any` enum lists those that are.
pub(crate) fn only_areas(model: &Model, areas: &BTreeSet<String>) -> Model {
    let names = Names::new(model, false, &Custom::default()).expect("no given names");
    let operations: Vec<&Operation> = (model.operations.iter())
        .filter(|op| areas.contains(&naming::area(&op.source.file)))
        .collect();
    let mut todo: Vec<&str> = (model.types.iter())
        .filter(|t| areas.contains(&names.areas[t.name()]))
        .map(TypeDef::name)
        .collect();
    fn named(ty: &TypeRef) -> Option<&str> {
        match ty.element() {
            TypeRef::Named(name) => Some(name.as_str()),
            _ => None,
        }
    }
    todo.extend(
        operations
            .iter()
            .flat_map(|op| op.types())
            .filter_map(named),
    );
    let mut kept = BTreeSet::new();
    while let Some(name) = todo.pop() {
        // A name no page defines stays undocumented, as it is in the whole model.
        let Some(t) = model.find_type(name) else {
            continue;
        };
        if !kept.insert(t.name()) {
            continue;
        }
        if let TypeDef::Complex(c) = t {
            todo.extend(c.base.as_deref());
            let parts = c.properties.iter().filter(|p| !names.is_link(p));
            todo.extend(parts.filter_map(|p| named(&p.ty)));
        }
    }
    Model {
        types: (model.types.iter())
            .filter(|t| kept.contains(t.name()))
            .cloned()
            .collect(),
        operations: operations.into_iter().cloned().collect(),
        ..Model::default()
    }
}
