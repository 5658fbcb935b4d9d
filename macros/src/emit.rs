//! Stage 3: writes `impl Validate`. Each rule becomes one call into `docbind::checks`, spanned
//! at the field's type so that a type the rule cannot measure is reported there.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Generics, WherePredicate, parse_quote};

use crate::check;
use crate::syntax::{self, Body, Count, Errors, Field, Input, Rule, RuleKind, Unit};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let model = syntax::parse(input, &mut errors);
    check::check(&model, &mut errors);
    match errors.into_result() {
        Ok(()) => implementation(&model),
        // An empty impl alongside the errors, so the user sees the mistakes in the attributes
        // and not also every place that needs `T: Validate`.
        Err(errors) => {
            let errors = errors.into_compile_error();
            let header = header(model.ident, model.generics);
            quote! {
                #errors
                #header {
                    fn validate_into(
                        &self,
                        _: &mut ::docbind::JsonPointer,
                        _: &mut ::docbind::ValidationErrors,
                    ) {}
                }
            }
        }
    }
}

fn implementation(input: &Input) -> TokenStream {
    let Body::Fields(fields) = &input.body else {
        unreachable!("check rejects every other shape")
    };
    // Mixed-site names, so a user's function called `path` in `custom = path` stays visible.
    let path = Ident::new("path", Span::mixed_site());
    let errors = Ident::new("errors", Span::mixed_site());

    let mut generics = input.generics.clone();
    let params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    let mut body = TokenStream::new();
    for field in fields.iter().filter(|f| !f.rules.is_empty()) {
        let calls = field
            .rules
            .iter()
            .map(|rule| call(field, rule, &path, &errors));
        let calls = quote!(#(#calls)*);
        body.extend(if field.flatten {
            calls
        } else {
            let wire = &field.wire;
            quote!(#path.push(#wire); #calls #path.pop();)
        });
        // Bounds only for fields that involve a type parameter: a bound on a concrete type
        // would just repeat, at the where-clause, an error the call already reports.
        if mentions(field.ty.to_token_stream(), &params) {
            let where_clause = generics.make_where_clause();
            for rule in &field.rules {
                let bound = bound(&rule.kind);
                let ty = field.ty;
                let predicate: WherePredicate = parse_quote!(#ty: #bound);
                where_clause.predicates.push(predicate);
            }
        }
    }
    let header = header(input.ident, &generics);
    let (path, errors) = if body.is_empty() {
        (quote!(_), quote!(_))
    } else {
        (path.to_token_stream(), errors.to_token_stream())
    };
    quote! {
        #header {
            fn validate_into(
                &self,
                #path: &mut ::docbind::JsonPointer,
                #errors: &mut ::docbind::ValidationErrors,
            ) {
                #body
            }
        }
    }
}

fn header(ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::docbind::Validate for #ident #ty_generics #where_clause
    }
}

/// One rule's check of `self.field`: `checks::rule(&self.field, [parameters,] path, errors)`.
fn call(field: &Field, rule: &Rule, path: &Ident, errors: &Ident) -> TokenStream {
    // Spanned at the type, so an error about what the type lacks is shown there.
    let span = field.ty.span();
    let mut member = field.member.clone();
    member.set_span(span);
    let checks = quote!(::docbind::checks);
    let (function, parameters) = match &rule.kind {
        RuleKind::Length { min, max, unit } => {
            let (min, max) = (option(*min), option(*max));
            let unit = match unit {
                Unit::Chars => quote!(Chars),
                Unit::Bytes => quote!(Bytes),
                Unit::Utf16 => quote!(Utf16),
            };
            let length =
                quote!(#checks::Length { min: #min, max: #max, unit: #checks::LengthUnit::#unit });
            (quote!(#checks::length), Some(length))
        }
        RuleKind::Items { min, max } => {
            let (min, max) = (option(*min), option(*max));
            (
                quote!(#checks::items),
                Some(quote!(#checks::Items { min: #min, max: #max })),
            )
        }
        RuleKind::Required => (quote!(#checks::required), None),
        RuleKind::Nested => (quote!(::docbind::Validate::validate_into), None),
    };
    let parameters = parameters.into_iter();
    quote_spanned!(span=> #function(&self.#member, #(#parameters,)* #path, #errors);)
}

/// The runtime trait a rule needs of the field's type.
fn bound(rule: &RuleKind) -> TokenStream {
    match rule {
        RuleKind::Length { .. } => quote!(::docbind::checks::AsText),
        RuleKind::Items { .. } => quote!(::docbind::checks::HasItems),
        RuleKind::Required => quote!(::docbind::checks::Presence),
        RuleKind::Nested => quote!(::docbind::Validate),
    }
}

fn option(count: Option<Count>) -> TokenStream {
    match count {
        Some(count) => {
            let value = Literal::usize_unsuffixed(count.value);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    }
}

/// Whether `tokens` name one of the type parameters `params`.
fn mentions(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.contains(&&ident),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}
