//! Endpoint stubs: a struct of each operation's path parameters and body that implements
//! `docbind::Endpoint`, with its request body struct.

use proc_macro2::Literal;
use quote::{format_ident, quote};

use super::{Areas, Emitter, Needs};
use crate::model::*;
use crate::naming::{self, Scope};

impl Emitter<'_> {
    /// An endpoint stub per operation, with the struct of its body parameters.
    pub(super) fn endpoints(&self, areas: &mut Areas) {
        let names = &self.names;
        for op in &self.model.operations {
            let mut needs = Needs::new();
            let area = naming::area(&op.source.file);
            let (name, body_name) = &names.endpoints[op.name.as_str()];
            let ident = format_ident!("{name}");
            let body_ident = format_ident!("{body_name}");
            let body_struct = (!op.body.is_empty()).then(|| {
                let props: Vec<_> = op.body.iter().map(|p| (p, false)).collect();
                let doc = self.docs(None, &[format!("The request body of [`{name}`].")]);
                self.structure(body_name, doc, &props, None, &mut needs)
                    .expect("a body's fields are given no names")
            });
            // A body named after a type no page documents is no typed body.
            let body_ty = match (&body_struct, &op.body_type) {
                (Some(_), _) => Some(quote!(#body_ident)),
                (None, Some(ty)) if !names.is_complex(ty) => None,
                // A PATCH of a whole list (OneNote's patch commands) sends whole items.
                (None, Some(ty)) if op.method == Method::Patch && !ty.is_collection() => {
                    let ty = names.rust(ty, false, &mut needs);
                    Some(quote!(docbind::Partial<#ty>))
                }
                (None, Some(ty)) => Some(names.rust(ty, false, &mut needs)),
                (None, None) => None,
            };
            let has_body = body_ty.is_some();
            // A POST, PUT or PATCH whose docs list no body may still send one (`{"@odata.id":
            // …}` to add a reference): it is kept untyped, and sent when given.
            let untyped_body =
                !has_body && matches!(op.method, Method::Post | Method::Put | Method::Patch);
            let body_ty = body_ty.unwrap_or(quote!(docbind::NoBody));
            let response_ty = match op.response.as_ref().and_then(|r| r.ty.as_ref()) {
                Some(TypeRef::Collection(inner)) => {
                    let inner = names.rust(inner, false, &mut needs);
                    quote!(docbind::Collection<#inner>)
                }
                // Bytes, not JSON.
                Some(TypeRef::Primitive(Edm::Stream)) => quote!(docbind::NoContent),
                Some(ty @ TypeRef::Primitive(_)) => {
                    let ty = names.rust(ty, false, &mut needs);
                    quote!(docbind::Primitive<#ty>)
                }
                Some(ty) => names.rust(ty, false, &mut needs),
                None => quote!(docbind::NoContent),
            };
            let status = Literal::u16_unsuffixed(op.response.as_ref().map_or(200, |r| r.status));
            let method = format_ident!("{}", op.method.as_str());

            let mut scope = Scope::snake(&["body"]);
            let mut params: Vec<(String, syn::Ident)> = Vec::new();
            for name in op.paths.iter().flat_map(|p| &p.params) {
                if !params.iter().any(|(n, _)| n == name) {
                    let ident = syn::parse_str(&scope.claim(naming::field(name)))
                        .expect("valid identifier");
                    params.push((name.clone(), ident));
                }
            }
            let headers: Vec<(&Described, syn::Ident)> = (op.headers.iter())
                .filter(|h| docbind::is_stub_header(&h.name))
                .map(|h| {
                    let ident = scope.claim(naming::field(&h.name));
                    (h, syn::parse_str(&ident).expect("valid identifier"))
                })
                .collect();
            let fields = params.iter().map(|(name, ident)| {
                let doc = self.docs(None, &[format!("The `{{{name}}}` path parameter.")]);
                quote!(#doc pub #ident: String,)
            });
            let header_fields = headers.iter().map(|(h, ident)| {
                let doc = self.docs(
                    h.description.as_ref(),
                    &[format!("The `{}` header.", h.name)],
                );
                quote!(#doc pub #ident: Option<String>,)
            });
            let (body_field, body_fn, read_body) = if has_body {
                let field = quote!(pub body: #body_ty,);
                (
                    Some(field),
                    quote!(Some(&self.body)),
                    Some(quote!(body: parts.body()?,)),
                )
            } else if untyped_body {
                let doc = self.docs(
                    None,
                    &["A body the docs do not describe, sent as it is.".into()],
                );
                let field = quote!(#doc pub body: Option<docbind::NoBody>,);
                let read = quote!(body: parts.body_if_any()?,);
                (Some(field), quote!(self.body.as_ref()), Some(read))
            } else {
                (None, quote!(None), None)
            };
            let arms = params
                .iter()
                .map(|(name, ident)| quote!(#name => Some(&self.#ident),));
            let param_name = if params.is_empty() {
                quote!(_name)
            } else {
                quote!(name)
            };
            let path_param = if params.is_empty() {
                quote!(None)
            } else {
                quote!(match name { #(#arms)* _ => None })
            };
            // Stubs without documented headers keep the trait's defaults.
            let header_items = (!headers.is_empty()).then(|| {
                let names = headers.iter().map(|(h, _)| &h.name);
                let arms = (headers.iter())
                    .map(|(h, ident)| (&h.name, ident))
                    .map(|(name, ident)| quote!(#name => self.#ident.as_deref(),));
                quote! {
                    const HEADERS: &'static [&'static str] = &[#(#names),*];

                    fn header(&self, name: &str) -> Option<&str> {
                        match name { #(#arms)* _ => None }
                    }
                }
            });
            let read_params = params
                .iter()
                .map(|(name, ident)| quote!(#ident: parts.param(#name),));
            let read_headers = headers.iter().map(|(h, ident)| {
                let name = &h.name;
                quote!(#ident: parts.header(#name),)
            });
            let parts_name = if params.is_empty() && headers.is_empty() && read_body.is_none() {
                quote!(_parts)
            } else {
                quote!(parts)
            };
            let paths = op.paths.iter().map(|p| {
                let template = &p.template;
                if p.deprecated {
                    quote!(docbind::PathTemplate::deprecated(#template),)
                } else {
                    quote!(docbind::PathTemplate::new(#template),)
                }
            });
            let permissions = op.permissions.iter().map(|p| {
            let scheme = format_ident!(
                "{}",
                match p.scheme {
                    Scheme::DelegatedWork => "DelegatedWork",
                    Scheme::DelegatedPersonal => "DelegatedPersonal",
                    Scheme::Application => "Application",
                }
            );
            let names = &p.names;
            quote!(docbind::Permission::new(docbind::PermissionScheme::#scheme, &[#(#names),*]),)
        });
            let http_lines: Vec<String> = op
                .paths
                .iter()
                .map(|p| {
                    let alias = p.alias_of.as_ref().map(|of| format!("  (alias of {of})"));
                    format!(
                        "{} {}{}{}",
                        op.method,
                        p.template,
                        if p.deprecated { "  (deprecated)" } else { "" },
                        alias.unwrap_or_default()
                    )
                })
                .collect();
            let doc = self.docs_with_block(
                op.description.as_ref(),
                &http_lines,
                &[format!("Documented in {}.", op.source.file)],
            );
            let derives = self.derives(&[], None);
            let item = quote! {
                #body_struct

                #doc
                #derives
                pub struct #ident {
                    #(#fields)*
                    #(#header_fields)*
                    #body_field
                }

                // Runtime names are qualified: the API may define its own `Permission`.
                impl docbind::Endpoint for #ident {
                    type Body = #body_ty;
                    type Response = #response_ty;
                    const METHOD: docbind::http::Method = docbind::http::Method::#method;
                    const PATHS: &'static [docbind::PathTemplate] = &[#(#paths)*];
                    const PERMISSIONS: &'static [docbind::Permission] = &[#(#permissions)*];
                    const SUCCESS: u16 = #status;
                    #header_items

                    fn path_param(&self, #param_name: &str) -> Option<&str> {
                        #path_param
                    }

                    fn body(&self) -> Option<&Self::Body> {
                        #body_fn
                    }

                    fn from_parts(#parts_name: &docbind::Parts<'_>) -> Result<Self, docbind::PartsError> {
                        Ok(Self { #(#read_params)* #(#read_headers)* #read_body })
                    }
                }
            };
            areas.add(&area, item, body_struct.is_some(), needs);
        }
    }
}
