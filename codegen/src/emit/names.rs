//! Rust names for everything at crate level, and the Rust type of each type reference.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::Features;
use super::{Custom, Needs};
use crate::model::*;
use crate::naming::{self, Scope};

/// Rust names for everything at crate level, claimed in one scope because both modules are
/// re-exported at the root.
pub(super) struct Names<'m> {
    pub(super) types: BTreeMap<&'m str, String>,
    pub(super) enums: BTreeMap<&'m str, &'m EnumType>,
    pub(super) endpoints: BTreeMap<&'m str, (String, String)>,
    pub(super) boxed: BTreeSet<(&'m str, &'m str)>,
    /// Base types that something is typed with, by name: the enum that also reads their
    /// derived types, and those types (qualified), every level down.
    pub(super) derived: BTreeMap<&'m str, (String, Vec<&'m str>)>,
    /// The area of each type, by qualified name.
    pub(super) areas: BTreeMap<&'m str, String>,
    /// Entity types: those with a key, their own or a base's.
    pub(super) entities: BTreeSet<&'m str>,
    /// The cargo feature of each area, when areas are gated.
    pub(super) features: Features,
    /// Areas sit behind cargo features.
    pub(super) gated: bool,
}

impl<'m> Names<'m> {
    /// The names of what `model` defines, with the names `custom` gives types. A name docbind
    /// would give something else that is given to a type is an error, not numbered: the user
    /// renamed one type, not two.
    pub(super) fn new(model: &'m Model, gated: bool, custom: &Custom) -> Result<Self, String> {
        let mut scope = Scope::camel(&["TYPES", "ENDPOINTS"]);
        let mut given: BTreeMap<&str, &str> = BTreeMap::new();
        for (qualified, name) in
            (custom.types.iter()).filter_map(|(t, c)| Some((t.as_str(), c.name.as_deref()?)))
        {
            if !scope.claim_exact(name) {
                let holder = given.get(name).map_or("a name generated code uses", |t| t);
                return Err(format!(
                    "{qualified} cannot be named `{name}`: so is {holder}"
                ));
            }
            given.insert(name, qualified);
        }
        let mut claim = |ident: String, of: &dyn Fn() -> String| match given.get(ident.as_str()) {
            Some(qualified) => Err(format!(
                "{qualified} cannot be named `{ident}`: so is {}",
                of()
            )),
            None => Ok(scope.claim(ident)),
        };
        let given_to = |t: &str| custom.types.get(t).and_then(|c| c.name.clone());
        let mut types = BTreeMap::new();
        for t in &model.types {
            let name = match given_to(t.name()) {
                Some(name) => name,
                None => claim(naming::type_name(t.name()), &|| t.name().to_owned())?,
            };
            types.insert(t.name(), name);
        }
        let enums = (model.types.iter())
            .filter_map(TypeDef::as_enum)
            .map(|e| (e.name.as_str(), e))
            .collect();
        let mut endpoints = BTreeMap::new();
        for op in &model.operations {
            let of = || format!("the endpoint of {}", op.name);
            let name = claim(naming::endpoint(&op.name), &of)?;
            let body = claim(format!("{name}Body"), &|| {
                format!("the body of {}", op.name)
            })?;
            endpoints.insert(op.name.as_str(), (name, body));
        }
        let mut derived = BTreeMap::new();
        for (base, below) in derived_types(model) {
            let of = || format!("the enum of {base} and its derived types");
            // After the type's name as given, or as the rules make it (unnumbered).
            let type_name = given_to(base).unwrap_or_else(|| naming::type_name(base));
            let name = claim(format!("Any{type_name}"), &of)?;
            derived.insert(base, (name, below));
        }
        let mut names = Names {
            types,
            enums,
            endpoints,
            derived,
            boxed: model.recursive_edges(),
            areas: model
                .types
                .iter()
                .map(|t| (t.name(), naming::area(&t.source().file)))
                .collect(),
            entities: (model.types.iter())
                .filter_map(TypeDef::as_complex)
                .filter(|c| model.is_entity(c))
                .map(|c| c.name.as_str())
                .collect(),
            features: Features::default(),
            gated,
        };
        if gated {
            names.features = Features::new(model, |p| names.is_link(p));
        }
        Ok(names)
    }

    /// Whether a property links to what it names rather than being made of it: a navigation
    /// property, as the relationships table lists it or as OData defines it (a property typed
    /// with an entity type). An enum is always part of what holds it: its checks need it.
    pub(super) fn is_link(&self, p: &Property) -> bool {
        let TypeRef::Named(name) = p.ty.element() else {
            return false;
        };
        !self.enums.contains_key(name.as_str())
            && (p.provenance == Provenance::Navigation || self.entities.contains(name.as_str()))
    }

    pub(super) fn ident(&self, qualified: &str) -> syn::Ident {
        format_ident!("{}", self.types[qualified])
    }

    /// The Rust type of a reference; `boxed` for properties that close a cycle. The names it
    /// takes from the crate root go into `needs`, with their areas.
    pub(super) fn rust(&self, ty: &TypeRef, boxed: bool, needs: &mut Needs) -> TokenStream {
        match ty {
            TypeRef::Collection(inner) => {
                let inner = self.rust(inner, false, needs);
                quote!(Vec<#inner>)
            }
            TypeRef::Named(name) if self.derived.contains_key(name.as_str()) => {
                let any = &self.derived[name.as_str()].0;
                needs.insert((self.areas[name.as_str()].clone(), any.clone()));
                let ident = format_ident!("{any}");
                if boxed {
                    quote!(Box<#ident>)
                } else {
                    quote!(#ident)
                }
            }
            TypeRef::Named(name) if self.types.contains_key(name.as_str()) => {
                let ident = self.ident(name);
                needs.insert((self.areas[name.as_str()].clone(), ident.to_string()));
                if boxed {
                    quote!(Box<#ident>)
                } else {
                    quote!(#ident)
                }
            }
            // `type-unresolved`: kept, and noted as untyped when read.
            TypeRef::Named(_) => quote!(docbind::untyped::Undocumented),
            TypeRef::Primitive(edm) => syn::parse_str(edm.rust()).expect("a Rust type"),
        }
    }

    /// The Rust type of a field or parameter: `Nullable` where the wire may hold `null`.
    pub(super) fn field(&self, p: &Property, boxed: bool, needs: &mut Needs) -> TokenStream {
        let inner = self.rust(&p.ty, boxed, needs);
        if p.nullable {
            quote!(docbind::Nullable<#inner>)
        } else {
            quote!(Option<#inner>)
        }
    }

    /// The feature and Rust name of the type `ty` names, when another feature than the one of
    /// area `from` holds it. A link to it (a navigation property, what an endpoint sends and
    /// returns) does not make `from` need that feature: while it is off, the name stands for
    /// raw JSON (see [`Names::unlinked`]).
    fn linked(&self, ty: &TypeRef, from: &str) -> Option<(String, syn::Ident)> {
        let TypeRef::Named(name) = ty.element() else {
            return None;
        };
        if self.enums.contains_key(name.as_str()) {
            return None;
        }
        let feature = self.features.of(self.areas.get(name.as_str())?);
        if feature == self.features.of(from) {
            return None;
        }
        let ident = match self.derived.get(name.as_str()) {
            Some((any, _)) => format_ident!("{any}"),
            None => self.ident(name),
        };
        Some((feature.to_owned(), ident))
    }

    /// Every name that something links to in another feature, by that feature: where it is
    /// off, lib.rs defines each as raw JSON. Empty unless areas are gated.
    pub(super) fn unlinked(&self, model: &Model) -> BTreeMap<String, BTreeSet<syn::Ident>> {
        let mut out: BTreeMap<String, BTreeSet<syn::Ident>> = BTreeMap::new();
        if !self.gated {
            return out;
        }
        let mut add = |ty: &TypeRef, from: &str| {
            if let Some((area, ident)) = self.linked(ty, from) {
                out.entry(area).or_default().insert(ident);
            }
        };
        for c in model.types.iter().filter_map(TypeDef::as_complex) {
            let from = &self.areas[c.name.as_str()];
            for p in model.all_properties(c) {
                if self.is_link(p) {
                    add(&p.ty, from);
                }
            }
        }
        for op in &model.operations {
            let from = naming::area(&op.source.file);
            for ty in op.types() {
                add(ty, &from);
            }
        }
        out
    }

    /// `#[cfg(feature = "…")]` for an item of area `area`, used from area `from` (or from
    /// the crate root, `""`), when their features differ.
    pub(super) fn gate(&self, area: &str, from: &str) -> Option<TokenStream> {
        let feature = self.features.of(area);
        (self.gated && (from.is_empty() || feature != self.features.of(from)))
            .then(|| quote!(#[cfg(feature = #feature)]))
    }

    pub(super) fn is_complex(&self, ty: &TypeRef) -> bool {
        matches!(ty.element(), TypeRef::Named(n) if self.types.contains_key(n.as_str()) && !self.enums.contains_key(n.as_str()))
    }
}

/// The base types that a property, parameter, body or response is typed with and that other
/// types derive from, with every type below each.
fn derived_types<'m>(model: &'m Model) -> BTreeMap<&'m str, Vec<&'m str>> {
    let mut used = BTreeSet::new();
    let mut name_of = |ty: &'m TypeRef| {
        if let TypeRef::Named(n) = ty.element() {
            used.insert(n.as_str());
        }
    };
    for c in model.types.iter().filter_map(TypeDef::as_complex) {
        c.properties.iter().for_each(|p| name_of(&p.ty));
    }
    for op in &model.operations {
        op.types().for_each(&mut name_of);
    }
    let mut out = model.derived_types();
    out.retain(|base, _| used.contains(base));
    out
}
