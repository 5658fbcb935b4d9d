//! Stage 3: writes `impl Validate`. Each rule becomes one call into `docbind::checks`, spanned
//! at the field's type so that a type the rule cannot measure is reported there, and one entry
//! of `constraints()`.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Generics, WherePredicate, parse_quote};

use crate::check;
use crate::syntax::{
    self, Body, Count, Errors, Field, Format, Input, NumberValue, RuleKind, Unit, compact,
};

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

/// The generated code's own names: mixed-site, so that they cannot capture or shadow the
/// user's (a function called `path` in `custom = path` stays visible).
struct Names {
    path: Ident,
    errors: Ident,
    all: Ident,
}

fn implementation(input: &Input) -> TokenStream {
    let Body::Fields(fields) = &input.body else {
        unreachable!("check rejects every other shape")
    };
    let names = Names {
        path: Ident::new("path", Span::mixed_site()),
        errors: Ident::new("errors", Span::mixed_site()),
        all: Ident::new("all", Span::mixed_site()),
    };
    let Names { path, errors, all } = &names;

    let mut generics = input.generics.clone();
    let params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    let mut body = TokenStream::new();
    let mut constraints = TokenStream::new();
    for field in fields.iter().filter(|f| !f.rules.is_empty()) {
        let calls = field
            .rules
            .iter()
            .map(|rule| call(field, &rule.kind, &names));
        let calls = quote!(#(#calls)*);
        let wire = &field.wire;
        body.extend(if field.flatten {
            calls
        } else {
            quote!(#path.push(#wire); #calls #path.pop();)
        });

        let pointer = if field.flatten {
            String::new()
        } else {
            format!("/{}", wire.replace('~', "~0").replace('/', "~1"))
        };
        let rules: Vec<TokenStream> = field.rules.iter().filter_map(|r| rule(&r.kind)).collect();
        if !rules.is_empty() {
            constraints.extend(quote! {
                #all.extend([#(::docbind::Constraint {
                    path: ::std::string::String::from(#pointer),
                    rule: #rules,
                }),*]);
            });
        }
        if field
            .rules
            .iter()
            .any(|r| matches!(r.kind, RuleKind::Nested))
        {
            let ty = field.ty;
            let inner = quote_spanned!(ty.span()=> <#ty as ::docbind::Validate>::constraints());
            constraints.extend(quote! {
                #all.extend(::docbind::Constraint::nest(#pointer, #inner));
            });
        }

        // Bounds only for fields that involve a type parameter: a bound on a concrete type
        // would just repeat, at the where-clause, an error the call already reports.
        if mentions(field.ty.to_token_stream(), &params) {
            let ty = field.ty;
            for bound in field.rules.iter().filter_map(|r| bound(&r.kind)) {
                let predicate: WherePredicate = parse_quote!(#ty: #bound);
                generics.make_where_clause().predicates.push(predicate);
            }
        }
    }
    for rule in &input.rules {
        if let RuleKind::Custom(function) = &rule.kind {
            body.extend(quote_spanned!(function.span()=>
                ::docbind::checks::custom(self, #function, #path, #errors);
            ));
        }
    }
    let struct_rules: Vec<TokenStream> = input.rules.iter().filter_map(|r| rule(&r.kind)).collect();
    if !struct_rules.is_empty() {
        constraints.extend(quote! {
            #all.extend([#(::docbind::Constraint {
                path: ::std::string::String::new(),
                rule: #struct_rules,
            }),*]);
        });
    }

    let header = header(input.ident, &generics);
    let (path, errors) = if body.is_empty() {
        (quote!(_), quote!(_))
    } else {
        (path.to_token_stream(), errors.to_token_stream())
    };
    let constraints = (!constraints.is_empty()).then(|| {
        quote! {
            fn constraints() -> ::std::vec::Vec<::docbind::Constraint> {
                let mut #all = ::std::vec::Vec::new();
                #constraints
                #all
            }
        }
    });
    quote! {
        #header {
            fn validate_into(
                &self,
                #path: &mut ::docbind::JsonPointer,
                #errors: &mut ::docbind::ValidationErrors,
            ) {
                #body
            }

            #constraints
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
fn call(field: &Field, rule: &RuleKind, names: &Names) -> TokenStream {
    let Names { path, errors, .. } = names;
    // Spanned at the type, so an error about what the type lacks is shown there.
    let span = field.ty.span();
    let mut member = field.member.clone();
    member.set_span(span);
    let checks = quote!(::docbind::checks);
    let (function, parameter) = match rule {
        RuleKind::Length { .. } => (quote!(length), parameters(rule)),
        RuleKind::Items { when: None, .. } => (quote!(items), parameters(rule)),
        RuleKind::Items { when: Some(_), .. } => (quote!(items_when), parameters(rule)),
        RuleKind::Range { .. } => (quote!(range), parameters(rule)),
        RuleKind::Format(_) => (quote!(format), parameters(rule)),
        RuleKind::Allowed { .. } => (quote!(allowed), parameters(rule)),
        RuleKind::Required => (quote!(required), None),
        RuleKind::ReadOnly => (quote!(read_only), None),
        RuleKind::Nested => {
            // Written like the call in `constraints()`, so that a type without `Validate`
            // gives two identical errors, which the compiler shows once.
            let ty = field.ty;
            return quote_spanned!(span=>
                <#ty as ::docbind::Validate>::validate_into(&self.#member, #path, #errors);
            );
        }
        RuleKind::Pattern(pattern) => {
            // Compiled once, on first use; the derive has already checked that it compiles.
            let name = Ident::new("PATTERN", Span::mixed_site());
            return quote_spanned! {span=>
                {
                    static #name: ::std::sync::LazyLock<#checks::Pattern> =
                        ::std::sync::LazyLock::new(|| #checks::Pattern::new(#pattern));
                    #checks::pattern(&self.#member, &#name, #path, #errors);
                }
            };
        }
        RuleKind::Custom(function) => {
            // Spanned at the function, where a wrong signature is best explained.
            member.set_span(function.span());
            return quote_spanned!(function.span()=>
                #checks::custom(&self.#member, #function, #path, #errors);
            );
        }
    };
    let parameter = parameter.into_iter();
    quote_spanned!(span=> #checks::#function(&self.#member, #(#parameter,)* #path, #errors);)
}

/// The parameters of the rules that have some, as the runtime value the check takes.
fn parameters(rule: &RuleKind) -> Option<TokenStream> {
    let checks = quote!(::docbind::checks);
    Some(match rule {
        RuleKind::Length { min, max, unit } => {
            let (min, max) = (count(*min), count(*max));
            let unit = match unit {
                Unit::Chars => quote!(Chars),
                Unit::Bytes => quote!(Bytes),
                Unit::Utf16 => quote!(Utf16),
            };
            quote!(#checks::Length { min: #min, max: #max, unit: #checks::LengthUnit::#unit })
        }
        RuleKind::Items {
            min,
            max,
            when,
            warn,
        } => {
            let (min, max) = (count(*min), count(*max));
            let when = option(when.as_ref().map(|w| quote!(#w)));
            quote!(#checks::Items { min: #min, max: #max, when: #when, warn: #warn })
        }
        RuleKind::Range { min, max } => {
            let [min, max] = [min, max].map(|bound| {
                option(bound.map(|n| match n.value {
                    NumberValue::Int(n) => {
                        let n = Literal::i128_unsuffixed(n);
                        quote!(#checks::Number::Int(#n))
                    }
                    NumberValue::Float(x) => {
                        let x = Literal::f64_unsuffixed(x);
                        quote!(#checks::Number::Float(#x))
                    }
                }))
            });
            quote!(#checks::Range { min: #min, max: #max })
        }
        RuleKind::Format(format) => match format {
            Format::Guid => quote!(#checks::Format::Guid),
            Format::Email => quote!(#checks::Format::Email),
            Format::Uri => quote!(#checks::Format::Uri),
        },
        RuleKind::Allowed {
            values,
            unknown_future_value,
        } => {
            let values = option(values.as_ref().map(|values| quote!(&[#(#values),*])));
            quote!(#checks::Allowed { values: #values, unknown_future_value: #unknown_future_value })
        }
        RuleKind::Required
        | RuleKind::ReadOnly
        | RuleKind::Nested
        | RuleKind::Pattern(_)
        | RuleKind::Custom(_) => return None,
    })
}

/// The rule as data, for `constraints()`; `nested` lists the nested type's rules instead.
fn rule(rule: &RuleKind) -> Option<TokenStream> {
    let variant = quote!(::docbind::checks::Rule);
    let parameters = parameters(rule);
    Some(match rule {
        RuleKind::Length { .. } => quote!(#variant::Length(#parameters)),
        RuleKind::Items { .. } => quote!(#variant::Items(#parameters)),
        RuleKind::Range { .. } => quote!(#variant::Range(#parameters)),
        RuleKind::Allowed { .. } => quote!(#variant::Allowed(#parameters)),
        RuleKind::Format(_) => quote!(#variant::Format { format: #parameters }),
        RuleKind::Required => quote!(#variant::Required),
        RuleKind::ReadOnly => quote!(#variant::ReadOnly),
        RuleKind::Pattern(pattern) => quote!(#variant::Pattern { pattern: #pattern }),
        RuleKind::Custom(function) => {
            let function = compact(function.to_token_stream());
            quote!(#variant::Custom { function: #function })
        }
        RuleKind::Nested => return None,
    })
}

/// The runtime trait a rule needs of the field's type, if any.
fn bound(rule: &RuleKind) -> Option<TokenStream> {
    let checks = quote!(::docbind::checks);
    Some(match rule {
        RuleKind::Length { .. } | RuleKind::Pattern(_) | RuleKind::Format(_) => {
            quote!(#checks::AsText)
        }
        RuleKind::Items { when: None, .. } => quote!(#checks::HasItems),
        RuleKind::Items { when: Some(_), .. } => quote!(#checks::ItemFields),
        RuleKind::Required | RuleKind::ReadOnly => quote!(#checks::Presence),
        RuleKind::Range { .. } => quote!(#checks::AsNumber),
        RuleKind::Allowed { .. } => quote!(#checks::WireValues),
        RuleKind::Nested => quote!(::docbind::Validate),
        RuleKind::Custom(_) => return None,
    })
}

fn count(count: Option<Count>) -> TokenStream {
    option(count.map(|c| Literal::usize_unsuffixed(c.value).into_token_stream()))
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
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
