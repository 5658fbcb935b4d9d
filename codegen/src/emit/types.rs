//! Complex types: a struct each, with serde wire names and validation rules, and the enum
//! that reads a base type or any type derived from it.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Areas, Emitter, Needs};
use crate::model::*;
use crate::naming::{self, Scope};

impl Emitter<'_> {
    /// A struct per complex type (with the enum of its derived types, if something is typed
    /// with it), an enum per enum type, each in its area.
    pub(super) fn types(&self, areas: &mut Areas) {
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
                        Some(c.open),
                        &mut needs,
                    );
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
    }

    /// The enum a property typed `base` holds: the type `@odata.type` names, among `below`.
    /// Derived types of other areas are named through `super` and, when areas are gated, only
    /// there when their area is: a value of one that is not reads as the base.
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
        let arms = below.iter().zip(&gates[1..]).map(|(t, gate)| {
            let (wire, variant) = (t.to_lowercase(), names.ident(t));
            quote!(#gate #wire => Self::#variant(docbind::untyped::from_value(value)?),)
        });
        let doc = self.docs(
        None,
        &[format!(
            "A `{base}`, or any type derived from it, as its `@odata.type` names it. An `@odata.type` these docs do not list reads as [`{base_ident}`], whose `extra` keeps the rest."
        )],
    );
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Serialize)]
            #[serde(untagged)]
            pub enum #ident {
                #(#gates #variants(Box<#paths>),)*
            }

            impl<'de> Deserialize<'de> for #ident {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    docbind::derived(d, |name, value| {
                        Ok(match name {
                            #(#arms)*
                            _ => Self::#base_ident(docbind::untyped::from_value(value)?),
                        })
                    })
                }
            }

            #(
                #gates
                impl From<#paths> for #ident {
                    fn from(value: #paths) -> Self {
                        Self::#variants(Box::new(value))
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

    /// A struct of `props`; `open` is `Some` for a type (which carries `@odata.type`), and says
    /// whether it is an OData open type.
    pub(super) fn structure(
        &self,
        ident: &str,
        doc: TokenStream,
        props: &[(&Property, bool)],
        open: Option<bool>,
        needs: &mut Needs,
    ) -> TokenStream {
        let ident = format_ident!("{ident}");
        let mut scope = Scope::snake(&["odata_type", "extra"]);
        let mut fields = Vec::with_capacity(props.len());
        for (p, boxed) in props {
            let field: syn::Ident =
                syn::parse_str(&scope.claim(naming::field(&p.name))).expect("valid identifier");
            let inner = self.names.rust(&p.ty, *boxed, needs);
            let rename = (field.to_string().trim_start_matches("r#") != p.name).then(|| {
                let wire = &p.name;
                quote!(rename = #wire,)
            });
            let (ty, serde) = if p.nullable {
                (
                    quote!(docbind::Nullable<#inner>),
                    quote!(#[serde(#rename default, skip_serializing_if = "docbind::Nullable::is_absent")]),
                )
            } else {
                (
                    quote!(Option<#inner>),
                    quote!(#[serde(#rename skip_serializing_if = "Option::is_none")]),
                )
            };
            let rules = self.rules(p);
            let doc = self.docs(p.description.as_ref(), &[]);
            fields.push(quote! {
                #doc
                #serde
                #rules
                pub #field: #ty,
            });
        }
        let odata_type = open.is_some().then(|| {
            quote! {
                /// The `@odata.type` annotation, naming the concrete type when one is sent.
                #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
                pub odata_type: Option<String>,
            }
        });
        // An open type's other fields are its dynamic properties, as the docs allow; anywhere else
        // they are fields the docs do not list, noted as untyped when read.
        let extra = if open == Some(true) {
            quote! {
                /// Dynamic properties: this is an open type.
                #[serde(flatten)]
                pub extra: serde_json::Map<String, serde_json::Value>,
            }
        } else {
            quote! {
                /// Fields the docs do not list, kept so that nothing read is lost.
                #[serde(flatten, deserialize_with = "docbind::untyped::extra")]
                pub extra: serde_json::Map<String, serde_json::Value>,
            }
        };
        quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Validate)]
            pub struct #ident {
                #odata_type
                #(#fields)*
                #extra
            }
        }
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
