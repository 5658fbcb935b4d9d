//! The registry: every type and endpoint by its documented name, each there when its area is.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use std::collections::BTreeMap;

use super::Emitter;
use crate::model::Model;
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
        let base_url = base_url(model);
        quote! {
            /// Where the pages' request examples send requests: the service root and API
            /// version most of them name. `docbind::client::Client::base_url` takes it.
            pub const BASE_URL: &str = #base_url;
            /// Every documented type, by its qualified name.
            pub static TYPES: &[TypeInfo] = &[#(#types)*];
            /// Every documented operation, by the name of its page.
            pub static ENDPOINTS: &[EndpointInfo] = &[#(#endpoints)*];
            /// Both, for tools that pick a type at run time.
            pub static REGISTRY: Registry = Registry { types: TYPES, endpoints: ENDPOINTS };
        }
    }
}

/// The `https://host/version` most request examples name (ties: the first in order), else
/// the service's v1.0.
fn base_url(model: &Model) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let requests = model.all_examples().filter_map(|(_, e)| e.request.as_ref());
    for url in requests.filter_map(|r| r.url.as_deref()) {
        let Some(rest) = url.strip_prefix("https://") else {
            continue;
        };
        let mut parts = rest.splitn(3, '/');
        let (Some(host), Some(version)) = (parts.next(), parts.next()) else {
            continue;
        };
        if ["v1.0", "beta"]
            .iter()
            .any(|v| v.eq_ignore_ascii_case(version))
        {
            let base = format!(
                "https://{}/{}",
                host.to_ascii_lowercase(),
                version.to_ascii_lowercase()
            );
            *counts.entry(base).or_default() += 1;
        }
    }
    let most = counts
        .iter()
        .max_by_key(|(base, n)| (**n, std::cmp::Reverse(*base)));
    most.map_or_else(
        || "https://graph.microsoft.com/v1.0".into(),
        |(base, _)| base.clone(),
    )
}
