//! Every way a page may name a type (qualified, simple, or the file stem it is defined in),
//! and the references of types and operations resolved to qualified names.

use std::collections::BTreeMap;

use crate::model::*;

/// Every way a page may name a type: qualified, simple, or the file stem it is defined in.
pub(super) struct Names {
    by_key: BTreeMap<String, String>,
    kinds: BTreeMap<String, bool>,
}

impl Names {
    pub(super) fn new(types: &BTreeMap<String, TypeDef>) -> Self {
        let mut by_key = BTreeMap::new();
        let mut kinds = BTreeMap::new();
        // Iterating in name order makes the winner of a clash deterministic; microsoft.graph
        // names are inserted last so they win over other namespaces. The sort is stable, so
        // each half keeps the map's name order.
        let mut ordered: Vec<&TypeDef> = types.values().collect();
        ordered.sort_by_key(|t| t.name().starts_with("microsoft.graph."));
        for t in &ordered {
            let name = t.name();
            let simple = name.rsplit('.').next().unwrap_or(name).to_lowercase();
            by_key.insert(name.to_lowercase(), name.to_owned());
            by_key.insert(simple, name.to_owned());
            kinds.insert(name.to_owned(), matches!(t, TypeDef::Enum(_)));
        }
        // A link to a page names the page's resource, not an enum it also defines in a section.
        let complex_first = ordered.iter().filter(|t| matches!(t, TypeDef::Complex(_)));
        let enums = ordered.iter().filter(|t| matches!(t, TypeDef::Enum(_)));
        for t in complex_first.chain(enums) {
            for stem in t.sources().map(|s| crate::naming::file_stem(&s.file)) {
                by_key
                    .entry(stem.to_lowercase())
                    .or_insert_with(|| t.name().to_owned());
            }
        }
        Names { by_key, kinds }
    }

    pub(super) fn lookup(&self, hint: &str) -> Option<String> {
        let hint = hint.trim_start_matches('#').to_lowercase();
        self.by_key
            .get(&hint)
            .or_else(|| self.by_key.get(hint.rsplit('.').next().unwrap_or(&hint)))
            .cloned()
    }

    /// Resolves the types a complex type refers to, its base among them.
    pub(super) fn resolve_type(&self, t: &mut TypeDef) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let TypeDef::Complex(c) = t else {
            return diagnostics;
        };
        for p in &mut c.properties {
            self.resolve(&mut p.ty, &p.source, &mut diagnostics);
        }
        for m in &mut c.methods {
            if let Some(ty) = &mut m.returns {
                self.resolve(ty, &c.source, &mut diagnostics);
            }
        }
        if let Some(base) = &c.base {
            match self
                .lookup(base)
                .filter(|b| matches!(types_kind(self, b), Some(false)))
            {
                Some(b) => c.base = Some(b),
                None => {
                    diagnostics.push(unresolved(&c.source, base, "base type"));
                    (c.base, c.base_stated) = (None, None);
                }
            }
        }
        diagnostics
    }

    /// Resolves the types of an operation's parameters, body and response.
    pub(super) fn resolve_operation(&self, op: &mut Operation) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for p in op.body.iter_mut().chain(&mut op.parameters) {
            self.resolve(&mut p.ty, &p.source, &mut diagnostics);
        }
        if let Some(ty) = &mut op.body_type {
            self.resolve(ty, &op.source, &mut diagnostics);
        }
        if let Some(Response {
            ty: Some(ty),
            source,
            ..
        }) = &mut op.response
        {
            self.resolve(ty, source, &mut diagnostics);
        }
        diagnostics
    }

    fn resolve(&self, ty: &mut TypeRef, source: &Source, diagnostics: &mut Vec<Diagnostic>) {
        match ty {
            TypeRef::Collection(inner) => self.resolve(inner, source, diagnostics),
            TypeRef::Primitive(_) => {}
            TypeRef::Named(hint) => match self.lookup(hint) {
                Some(name) => *hint = name,
                None => diagnostics.push(unresolved(source, hint, "type")),
            },
        }
    }
}

/// Whether a qualified name is an enum (`Some(true)`), a complex type, or unknown.
fn types_kind(names: &Names, name: &str) -> Option<bool> {
    names.kinds.get(name).copied()
}

fn unresolved(source: &Source, name: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeUnresolved,
        source.clone(),
        format!(
            "{what} `{name}` names no documented type; generated code reads it as untyped JSON"
        ),
    )
}
