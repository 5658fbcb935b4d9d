//! Complex types: a struct each, with serde wire names and validation rules, and the enum
//! that reads a base type or any type derived from it.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Areas, Emitter, FieldCustom, Needs};
use crate::model::*;
use crate::naming::{self, Scope};

impl Emitter<'_> {
    /// A struct per complex type (with the enum of its derived types, if something is typed
    /// with it), an enum per enum type, each in its area.
    pub(super) fn types(&self, areas: &mut Areas) -> Result<(), String> {
        let (model, names) = (self.model, &self.names);
        for t in &model.types {
            let area_name = &names.areas[t.name()];
            let mut needs = Needs::new();
            let item = match t {
                TypeDef::Complex(c) => {
                    let props: Vec<(&Property, bool)> = model
                        .all_properties(c)
                        .into_iter()
                        .map(|p| (p, names.boxed.contains(&(c.name.as_str(), p.name.as_str()))))
                        .collect();
                    let mut extra = vec![format!("`{}`, documented in {}.", c.name, c.source.file)];
                    if let Some(base) = &c.base {
                        extra.push(format!(
                            "Includes the properties of `{base}`, its base type."
                        ));
                    }
                    let item = self.structure(
                        &names.types[c.name.as_str()],
                        self.docs(c.description.as_ref(), &extra),
                        &props,
                        Some(c),
                        &mut needs,
                    )?;
                    // The enum that also reads its derived types comes right after the base.
                    let any = names
                        .derived
                        .get(c.name.as_str())
                        .map(|(name, below)| self.any(&c.name, name, below));
                    quote!(#item #any)
                }
                TypeDef::Enum(e) => self.enumeration(e),
            };
            let complex = matches!(t, TypeDef::Complex(_));
            areas.add(area_name, item, complex, needs);
        }
        Ok(())
    }

    /// The enum a property typed `base` holds: the type `@odata.type` names, among `below`.
    /// Derived types of other areas are named through `super` and, when areas are gated, only
    /// there when their area is: a value of one that is not reads as the base. A complex
    /// type's value is held inline, as a struct field of that type is; an entity type's
    /// variants are boxed, since entity types are large and a collection of them holds each
    /// at the size of the largest.
    pub(super) fn any(&self, base: &str, name: &str, below: &[&str]) -> TokenStream {
        let names = &self.names;
        let ident = format_ident!("{name}");
        let base_ident = names.ident(base);
        let home = &names.areas[base];
        let (mut gates, mut variants, mut paths) = (Vec::new(), Vec::new(), Vec::new());
        for t in std::iter::once(base).chain(below.iter().copied()) {
            let (variant, area) = (names.ident(t), &names.areas[t]);
            gates.push(names.gate(area, home));
            paths.push(if area == home {
                quote!(#variant)
            } else {
                quote!(super::#variant)
            });
            variants.push(variant);
        }
        let (held, rest, hold, allow) = if names.entities.contains(base) {
            (
                paths.iter().map(|p| quote!(Box<#p>)).collect(),
                quote!(docbind::wire::rest_boxed),
                quote!(Box::new(value)),
                quote!(),
            )
        } else {
            // A box would cost an allocation and a pointer to follow per value.
            let allow = quote!(#[allow(clippy::large_enum_variant)]);
            (
                paths.clone(),
                quote!(docbind::wire::rest),
                quote!(value),
                allow,
            )
        };
        let arms = below.iter().zip(&gates[1..]).map(|(t, gate)| {
            let (wire, variant) = (t.to_lowercase(), names.ident(t));
            quote!(#gate #wire => Self::#variant(#rest(first, map)?),)
        });
        let doc = self.docs(
        None,
        &[format!(
            "A `{base}`, or any type derived from it, as its `@odata.type` names it. An `@odata.type` these docs do not list reads as [`{base_ident}`], whose `extra` keeps the rest."
        )],
    );
        let base_key = base.to_lowercase();
        let derives = self.derives(&[], Some(base));
        let attributes = self.attributes(Some(base));
        // Types the docs derive later are new variants.
        quote! {
            #doc
            #derives
            #(#attributes)*
            #allow
            #[non_exhaustive]
            pub enum #ident {
                #(#gates #variants(#held),)*
            }

            impl docbind::wire::Derived for #ident {
                type Base = #base_ident;
                const BASE: &'static str = #base_key;

                fn base(value: #base_ident) -> Self {
                    Self::#base_ident(#hold)
                }

                fn read_as<'de, A: serde::de::MapAccess<'de>>(name: &str, first: Option<serde_json::Value>, map: A) -> Result<Self, A::Error> {
                    Ok(match name {
                        #(#arms)*
                        _ => Self::#base_ident(#rest(first, map)?),
                    })
                }
            }

            docbind::object!(#ident, derived);

            impl Serialize for #ident {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#gates Self::#variants(v) => v.serialize(s),)*
                    }
                }
            }

            #(
                #gates
                impl From<#paths> for #ident {
                    fn from(value: #paths) -> Self {
                        Self::#variants(#hold)
                    }
                }
            )*

            impl Validate for #ident {
                fn validate_into(&self, path: &mut docbind::JsonPointer, errors: &mut docbind::ValidationErrors) {
                    match self {
                        #(#gates Self::#variants(v) => v.validate_into(path, errors),)*
                    }
                }

                fn constraints() -> Vec<docbind::Constraint> {
                    #base_ident::constraints()
                }
            }
        }
    }

    /// A struct of `props`; `of` is the type it is for (a request body's struct is for none),
    /// which carries `@odata.type`. Serde impls are written out rather than derived: one
    /// `match` on the key to read, one call per field to write. Fails when a name given to a
    /// field is taken.
    pub(super) fn structure(
        &self,
        ident: &str,
        doc: TokenStream,
        props: &[(&Property, bool)],
        of: Option<&ComplexType>,
        needs: &mut Needs,
    ) -> Result<TokenStream, String> {
        let ident = format_ident!("{ident}");
        let custom: Vec<_> = (props.iter())
            .map(|(p, _)| of.map(|c| self.field_custom(c, &p.name)))
            .collect();
        let field_names = self.field_names(props, &custom)?;
        let (mut fields, mut wire) = (Vec::with_capacity(props.len() + 1), Vec::new());
        if of.is_some() {
            fields.push(quote! {
                /// The `@odata.type` annotation, naming the concrete type when one is sent.
                pub odata_type: Option<String>,
            });
            wire.push((format_ident!("odata_type"), "@odata.type"));
        }
        for (((p, boxed), field), custom) in props.iter().zip(field_names).zip(&custom) {
            let field: syn::Ident = syn::parse_str(&field).expect("valid identifier");
            // A link to another area names what lib.rs defines when that area is off.
            let ty = self.names.field(p, *boxed, needs);
            let rules = self.rules(p);
            // The derive names a rule's field by its wire name, which it reads from serde's
            // attribute.
            let rename = (rules.is_some() && field.to_string().trim_start_matches("r#") != p.name)
                .then(|| {
                    let wire = &p.name;
                    quote!(#[serde(rename = #wire)])
                });
            let doc = self.docs(p.description.as_ref(), &[]);
            let attributes = custom.iter().flat_map(|c| &c.attributes);
            fields.push(quote! {
                #doc
                #rename
                #rules
                #(#attributes)*
                pub #field: #ty,
            });
            wire.push((field, p.name.as_str()));
        }
        // An open type's other fields are its dynamic properties, as the docs allow; anywhere else
        // they are fields the docs do not list, noted as untyped when read.
        let (extra_doc, open) = if of.is_some_and(|c| c.open) {
            (" Dynamic properties: this is an open type.", true)
        } else {
            (
                " Fields the docs do not list, kept so that nothing read is lost.",
                false,
            )
        };
        let reads = wire
            .iter()
            .map(|(field, key)| quote!(#key => self.#field = Deserialize::deserialize(value)?,));
        let writes = wire
            .iter()
            .map(|(field, key)| quote!(docbind::wire::entry(&mut map, #key, &self.#field)?;));
        let name = of.map(|c| c.name.as_str());
        let derives = self.derives(&["Default", "Validate"], name);
        let attributes = self.attributes(name);
        Ok(quote! {
            #doc
            #derives
            #(#attributes)*
            pub struct #ident {
                #(#fields)*
                #[doc = #extra_doc]
                pub extra: docbind::Extra,
            }

            impl docbind::wire::Object for #ident {
                fn read_field<'de, D: serde::Deserializer<'de>>(&mut self, key: &str, value: D) -> Result<(), D::Error> {
                    match key {
                        #(#reads)*
                        _ => docbind::wire::extra(&mut self.extra, key, value, #open)?,
                    }
                    Ok(())
                }
            }

            docbind::object!(#ident);

            impl Serialize for #ident {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    let mut map = serde::Serializer::serialize_map(s, None)?;
                    #(#writes)*
                    docbind::wire::entries(&mut map, &self.extra)?;
                    serde::ser::SerializeMap::end(map)
                }
            }
        })
    }

    /// The Rust names of the fields of `props`, some `given`: those first, so that a name
    /// docbind would give another field is an error where it is given, not numbered.
    fn field_names(
        &self,
        props: &[(&Property, bool)],
        given: &[Option<FieldCustom>],
    ) -> Result<Vec<String>, String> {
        let mut scope = Scope::snake(&["odata_type", "extra"]);
        let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
        let given: Vec<Option<&str>> = (given.iter())
            .map(|c| c.as_ref().and_then(|c| c.name.as_deref()))
            .collect();
        for ((p, _), name) in props.iter().zip(&given) {
            let Some(name) = name else { continue };
            if !scope.claim_exact(name) {
                let holder = taken
                    .get(name)
                    .map_or("a field every struct has", |wire| wire);
                return Err(format!(
                    "field `{}` cannot be named `{name}`: so is {holder}",
                    p.name
                ));
            }
            taken.insert(name, &p.name);
        }
        let names = props.iter().zip(&given).map(|((p, _), name)| match name {
            Some(name) => Ok(name.to_string()),
            None => {
                let ident = naming::field(&p.name);
                match taken.get(ident.trim_start_matches("r#")) {
                    Some(wire) => Err(format!(
                        "field `{wire}` cannot be named `{ident}`: so is field `{}`",
                        p.name
                    )),
                    None => Ok(scope.claim(ident)),
                }
            }
        });
        names.collect()
    }

    /// What is given for field `wire` of the struct of `of`, or of the nearest type it derives
    /// from that has some; attributes given for the field at each level all apply.
    fn field_custom(&self, of: &ComplexType, wire: &str) -> FieldCustom {
        let mut out = FieldCustom::default();
        if self.custom.fields.is_empty() {
            return out;
        }
        for t in self.model.lineage(of) {
            if let Some(c) = self.custom.fields.get(&(t.name.clone(), wire.to_owned())) {
                out.name = out.name.or_else(|| c.name.clone());
                out.attributes.extend(c.attributes.iter().cloned());
            }
        }
        out
    }

    /// The attributes given for the type `name`, but its derives.
    pub(super) fn attributes(&self, name: Option<&str>) -> &[syn::Attribute] {
        let custom = name.and_then(|n| self.custom.types.get(n));
        custom.map_or(&[], |c| &c.attributes)
    }

    /// The derives of a type: `always`, those given for type `name`, and `Clone`, `Debug` and
    /// `PartialEq`, which a standalone crate puts behind its `extra-traits` feature (unless
    /// given) since they cost a large crate much of its build.
    pub(super) fn derives(&self, always: &[&str], name: Option<&str>) -> TokenStream {
        let path = |d: &str| syn::Path::from(format_ident!("{d}"));
        let always: Vec<syn::Path> = always.iter().map(|d| path(d)).collect();
        let traits = ["Clone", "Debug", "PartialEq"].map(path);
        if self.names.gated {
            let always = self.with_given(always, name);
            let traits: Vec<_> = traits.into_iter().filter(|t| !always.contains(t)).collect();
            let always = (!always.is_empty()).then(|| quote!(#[derive(#(#always),*)]));
            let traits = (!traits.is_empty())
                .then(|| quote!(#[cfg_attr(feature = "extra-traits", derive(#(#traits),*))]));
            quote!(#always #traits)
        } else {
            let mut all = self.with_given([always, traits.to_vec()].concat(), name);
            all.sort_by_cached_key(|d| quote!(#d).to_string());
            quote!(#[derive(#(#all),*)])
        }
    }

    /// The derives `own`, then those given for type `name` that it lacks.
    pub(super) fn with_given(&self, mut own: Vec<syn::Path>, name: Option<&str>) -> Vec<syn::Path> {
        let given = name.and_then(|n| self.custom.types.get(n));
        for d in given.iter().flat_map(|c| &c.derives) {
            if !own.contains(d) {
                own.push(d.clone());
            }
        }
        own
    }

    /// The `#[validate(...)]` rules a property's documentation states.
    fn rules(&self, p: &Property) -> Option<TokenStream> {
        let names = &self.names;
        let mut rules = Vec::new();
        // "Read-only. Required." describes responses; a request must not send it at all.
        if p.required && !p.read_only {
            rules.push(quote!(required));
        }
        if p.read_only {
            rules.push(quote!(read_only));
        }
        let element = p.ty.element();
        let is_text = element.primitive().is_some_and(Edm::is_text);
        let is_number = element.primitive().is_some_and(Edm::is_numeric);
        // Values a request may send: the documented members, never the `unknownFutureValue`
        // placeholder (the check rejects it by default).
        let mut allowed: Option<Vec<&str>> = match element {
            TypeRef::Named(n) => names
                .enums
                .get(n.as_str())
                .map(|e| e.members.iter().map(|m| m.name.as_str()).collect()),
            _ => None,
        };
        for c in &p.constraints {
            match &c.rule {
                Rule::MaxLength { max } if is_text && !p.ty.is_collection() => {
                    let max = Literal::u64_unsuffixed(*max);
                    rules.push(quote!(length(max = #max)));
                }
                Rule::MaxItems { max } if p.ty.is_collection() => {
                    let max = Literal::u64_unsuffixed(*max);
                    rules.push(quote!(items(max = #max)));
                }
                // A warning: the one such rule in the docs says the service reads the first items
                // and ignores the rest, so the request is accepted and the caller should know.
                Rule::MaxItemsWhen { max, when } if p.ty.is_collection() => {
                    let max = Literal::u64_unsuffixed(*max);
                    rules.push(quote!(items(max = #max, when = #when, warn)));
                }
                Rule::AllowedValues { values } if is_text && allowed.is_none() => {
                    allowed = Some(values.iter().map(String::as_str).collect());
                }
                Rule::Range { min, max } if is_number && !p.ty.is_collection() => {
                    let (min, max) = (Literal::i64_unsuffixed(*min), Literal::i64_unsuffixed(*max));
                    rules.push(quote!(range(min = #min, max = #max)));
                }
                Rule::Format { format } if is_text && !p.ty.is_collection() => {
                    let format = format.name();
                    rules.push(quote!(format = #format))
                }
                _ => {}
            }
        }
        if let Some(values) = allowed {
            let values = values.into_iter().filter(|v| *v != "unknownFutureValue");
            rules.push(quote!(allowed(values = [#(#values),*])));
        }
        if names.is_complex(&p.ty) {
            rules.push(quote!(nested));
        }
        (!rules.is_empty()).then(|| quote!(#[validate(#(#rules),*)]))
    }
}
