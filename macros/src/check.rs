//! Stage 2: rejects what parsed but cannot work: a rule given twice, bounds that exclude every
//! value, a rule on a field type it can never apply to, a shape with no wire names.
//!
//! Types are judged by their spelling, so only the obvious cases are caught here: a rule on a
//! type this stage does not know (an alias, a generated enum) is left to the runtime traits,
//! whose `on_unimplemented` messages then explain the mismatch.

use quote::ToTokens;
use syn::{GenericArgument, PathArguments, Type};

use crate::syntax::{Body, Count, Errors, Field, Input, RuleKind};

pub fn check(input: &Input, errors: &mut Errors) {
    match &input.body {
        Body::Fields(fields) => fields.iter().for_each(|field| check_field(field, errors)),
        Body::Unsupported { what, span } => errors.at(
            *span,
            format!(
                "`#[derive(Validate)]` needs a struct with named fields, not {what}: \
                 validation paths are built from field names"
            ),
        ),
    }
}

fn check_field(field: &Field, errors: &mut Errors) {
    let shape = Shape::of(field.ty);
    let mut seen: Vec<String> = Vec::new();
    for rule in &field.rules {
        let name = rule.name.to_string();
        if seen.contains(&name) {
            errors.at(rule.name.span(), format!("duplicate rule `{name}`"));
            continue;
        }
        seen.push(name);

        let misfit = match &rule.kind {
            RuleKind::Length { min, max, .. } => {
                bounds(&rule.name, *min, *max, errors);
                shape.misfit(&[Core::Text], "a string")
            }
            RuleKind::Items { min, max } => {
                bounds(&rule.name, *min, *max, errors);
                shape.misfit(&[Core::List], "a list (`Vec<T>`)")
            }
            RuleKind::Required => (!shape.optional).then_some("an `Option<T>` or a `Nullable<T>`"),
            RuleKind::Nested => matches!(
                shape.core,
                Core::Text | Core::Number | Core::Bool | Core::Char
            )
            .then_some("a type that implements `Validate`"),
        };
        if let Some(needs) = misfit {
            errors.at(
                rule.name.span(),
                format!(
                    "`{}` applies to {needs}, but `{}` is `{}`",
                    rule.name,
                    field.member,
                    show(field.ty)
                ),
            );
        }
        if field.flatten && !matches!(rule.kind, RuleKind::Nested) {
            errors.at(
                rule.name.span(),
                format!(
                    "`{}` on a `#[serde(flatten)]` field: its properties have no single wire name; \
                     put the rules on the flattened struct's fields",
                    rule.name
                ),
            );
        }
    }
}

fn bounds(rule: &syn::Ident, min: Option<Count>, max: Option<Count>, errors: &mut Errors) {
    match (min, max) {
        (None, None) => errors.at(rule.span(), format!("`{rule}` needs `min`, `max` or both")),
        (Some(min), Some(max)) if min.value > max.value => errors.at(
            min.span,
            format!(
                "`min` ({}) is greater than `max` ({}): no value can pass",
                min.value, max.value
            ),
        ),
        _ => {}
    }
}

/// What a field's type looks like under its `Option`/`Nullable`/`Box`/`&` wrappers.
struct Shape {
    /// The outermost wrapper, looking through `Box` and `&`, is `Option` or `Nullable`.
    optional: bool,
    core: Core,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Core {
    Text,
    List,
    Number,
    Bool,
    Char,
    /// Not known from its spelling: a struct, an enum, an alias, a type parameter.
    Other,
}

impl Shape {
    fn of(mut ty: &Type) -> Shape {
        let mut optional = None;
        loop {
            ty = match ty {
                Type::Group(group) => &group.elem,
                Type::Paren(paren) => &paren.elem,
                Type::Reference(reference) => &reference.elem,
                _ => match wrapper(ty) {
                    Some(("Box", inner)) => inner,
                    Some((_, inner)) => {
                        optional.get_or_insert(true);
                        inner
                    }
                    None => break,
                },
            };
        }
        Shape {
            optional: optional.unwrap_or(false),
            core: core(ty),
        }
    }

    /// What the rule needs, when the core type is known and is none of `fits`.
    fn misfit(&self, fits: &[Core], needs: &'static str) -> Option<&'static str> {
        (self.core != Core::Other && !fits.contains(&self.core)).then_some(needs)
    }
}

/// `Option<T>`, `Nullable<T>` or `Box<T>`, by the last segment of their path.
fn wrapper(ty: &Type) -> Option<(&'static str, &Type)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let name = ["Option", "Nullable", "Box"]
        .into_iter()
        .find(|name| last.ident == name)?;
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some((name, inner)),
        _ => None,
    }
}

fn core(ty: &Type) -> Core {
    match ty {
        Type::Slice(_) | Type::Array(_) => Core::List,
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return Core::Other;
            };
            match last.ident.to_string().as_str() {
                "String" | "str" => Core::Text,
                // `Cow<str>`; a `Cow` of anything else is not known here.
                "Cow"
                    if last
                        .arguments
                        .to_token_stream()
                        .to_string()
                        .ends_with("str >") =>
                {
                    Core::Text
                }
                "Vec" | "VecDeque" => Core::List,
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
                | "u128" | "usize" | "f32" | "f64" => Core::Number,
                "bool" => Core::Bool,
                "char" => Core::Char,
                _ => Core::Other,
            }
        }
        _ => Core::Other,
    }
}

/// A type as people write it: `Vec<String>`, not `Vec < String >`.
fn show(ty: &Type) -> String {
    let mut out = ty.to_token_stream().to_string();
    for (from, to) in [
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        (" :: ", "::"),
        (":: ", "::"),
    ] {
        out = out.replace(from, to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    fn messages(input: syn::DeriveInput) -> Vec<String> {
        let mut errors = Errors::default();
        let model = syntax::parse(&input, &mut errors);
        check(&model, &mut errors);
        errors
            .into_result()
            .err()
            .into_iter()
            .flatten()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn accepts_rules_on_fitting_types() {
        let input = syn::parse_quote! {
            struct S<'a, T> {
                #[validate(length(min = 1, max = 1))]
                a: &'a str,
                #[validate(required, length(max = 3))]
                b: Box<docbind::Nullable<Box<String>>>,
                #[validate(items(max = 5), nested)]
                c: Option<Vec<T>>,
                #[validate(length(max = 3), items(max = 3), required)]
                d: Option<Alias>,
                #[serde(flatten)]
                #[validate(nested)]
                e: Extra,
            }
        };
        assert_eq!(messages(input), Vec::<String>::new());
    }

    #[test]
    fn rejects_misfits_each_at_its_rule() {
        let input = syn::parse_quote! {
            struct S {
                #[validate(length(max = 3), items(min = 4, max = 2), required, nested)]
                a: u32,
                #[validate(items(max = 1), length(max = 1), length(max = 2))]
                b: Option<Vec<String>>,
                #[validate(length())]
                c: String,
            }
        };
        assert_eq!(
            messages(input),
            [
                "`length` applies to a string, but `a` is `u32`",
                "`min` (4) is greater than `max` (2): no value can pass",
                "`items` applies to a list (`Vec<T>`), but `a` is `u32`",
                "`required` applies to an `Option<T>` or a `Nullable<T>`, but `a` is `u32`",
                "`nested` applies to a type that implements `Validate`, but `a` is `u32`",
                "`length` applies to a string, but `b` is `Option<Vec<String>>`",
                "duplicate rule `length`",
                "`length` needs `min`, `max` or both",
            ]
        );
    }

    #[test]
    fn rejects_shapes_without_field_names() {
        let tuple = syn::parse_quote!(
            struct T(#[validate(required)] Option<u8>);
        );
        let enumeration = syn::parse_quote!(
            enum E {
                A,
            }
        );
        for input in [tuple, enumeration] {
            assert_eq!(messages(input).len(), 1);
        }
    }
}
