//! Enums: open, with serde through their wire values.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Emitter;
use crate::model::*;
use crate::naming::{self, Scope};

impl Emitter<'_> {
    /// An open enum: the documented members, and `Other` for any value they do not list.
    pub(super) fn enumeration(&self, e: &EnumType) -> TokenStream {
        let ident = self.names.ident(&e.name);
        let mut scope = Scope::camel(&["Other"]);
        let variants: Vec<(syn::Ident, &String)> = e
            .members
            .iter()
            .map(|m| {
                (
                    format_ident!("{}", scope.claim(naming::pascal(&m.name))),
                    &m.name,
                )
            })
            .collect();
        let arms = variants
            .iter()
            .map(|(variant, wire)| quote!(Self::#variant => #wire,));
        let reads = variants
            .iter()
            .map(|(variant, wire)| quote!(#wire => Self::#variant,));
        let variants = e.members.iter().zip(&variants).map(|(m, (variant, _))| {
            let doc = self.docs(m.description.as_ref(), &[]);
            quote!(#doc #variant,)
        });
        let doc = self.docs(
            e.description.as_ref(),
            &[format!("`{}`, documented in {}.", e.name, e.source.file)],
        );
        // Serde goes through the wire values below (`open_enum!`): a derive per enum costs the
        // generated crate's build far more. Members the docs add later are not a breaking
        // change to code that matches with a wildcard, which `#[non_exhaustive]` asks for.
        let own =
            ["Clone", "Debug", "PartialEq", "Eq", "Hash"].map(|d| format_ident!("{d}").into());
        let derives = self.with_given(own.to_vec(), Some(&e.name));
        let attributes = self.attributes(Some(&e.name));
        quote! {
            #doc
            #[derive(#(#derives),*)]
            #(#attributes)*
            #[non_exhaustive]
            pub enum #ident {
                #(#variants)*
                /// A value these docs do not list, kept as it was sent.
                Other(String),
            }

            impl docbind::checks::WireValue for #ident {
                fn wire_value(&self) -> &str {
                    match self {
                        #(#arms)*
                        Self::Other(value) => value,
                    }
                }
            }

            impl docbind::untyped::OpenEnum for #ident {
                fn from_wire(value: &str) -> Self {
                    match value {
                        #(#reads)*
                        _ => Self::Other(docbind::untyped::unlisted(value)),
                    }
                }
            }

            docbind::open_enum!(#ident);
        }
    }
}
