//! The registry: every type and endpoint by its documented name, each there when its area is.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Emitter;
use crate::naming;

impl Emitter<'_> {
    /// `TYPES`, `ENDPOINTS` and `REGISTRY`: what the crate defines, by documented name.
    pub(super) fn registry(&self) -> TokenStream {
        let (model, names) = (self.model, &self.names);
        // Each entry is there when its area is.
        let types = model.types.iter().map(|t| {
            let name = t.name();
            let ident = match names.derived.get(name) {
                Some((any, _)) => format_ident!("{any}"),
                None => names.ident(name),
            };
            let gate = names.gate(&names.areas[name], "");
            quote!(#gate TypeInfo::of::<super::#ident>(#name),)
        });
        let endpoints = model.operations.iter().map(|op| {
            let ident = format_ident!("{}", names.endpoints[op.name.as_str()].0);
            let name = &op.name;
            let gate = names.gate(&naming::area(&op.source.file), "");
            quote!(#gate EndpointInfo::of::<super::#ident>(#name),)
        });
        quote! {
            /// Every documented type, by its qualified name.
            pub static TYPES: &[TypeInfo] = &[#(#types)*];
            /// Every documented operation, by the name of its page.
            pub static ENDPOINTS: &[EndpointInfo] = &[#(#endpoints)*];
            /// Both, for tools that pick a type at run time.
            pub static REGISTRY: Registry = Registry { types: TYPES, endpoints: ENDPOINTS };
        }
    }
}
