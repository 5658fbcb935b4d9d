//! Stage 2: rejects what parsed but cannot work: a rule given twice, bounds that exclude every
//! value, a rule on a field type it can never apply to, a shape with no wire names.
//!
//! Types are judged by their spelling, so only the obvious cases are caught here: a rule on a
//! type this stage does not know (an alias, a generated enum) is left to the runtime traits,
//! whose `on_unimplemented` messages then explain the mismatch.

use quote::ToTokens;
use syn::{GenericArgument, PathArguments, Type};

use proc_macro2::Span;
use syn::LitStr;

use crate::syntax::{Body, Errors, Field, Input, Rule, RuleKind, compact};

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
    for rule in &input.rules {
        if !matches!(rule.kind, RuleKind::Custom(_)) {
            errors.at(
                rule.name.span(),
                format!(
                    "only `custom` applies to a whole struct; put `{}` on a field",
                    rule.name
                ),
            );
        }
    }
    duplicates(&input.rules, errors);
}

fn check_field(field: &Field, errors: &mut Errors) {
    let repeated = duplicates(&field.rules, errors);
    let shape = Shape::of(field.ty);
    for (rule, _) in field
        .rules
        .iter()
        .zip(repeated)
        .filter(|(_, repeated)| !repeated)
    {
        let misfit = match &rule.kind {
            RuleKind::Length { min, max, .. } | RuleKind::Items { min, max, .. } => {
                let (min, max) = (
                    min.map(|c| (c.value as f64, c.span)),
                    max.map(|c| (c.value as f64, c.span)),
                );
                bounds(&rule.name, min, max, errors);
                if matches!(rule.kind, RuleKind::Length { .. }) {
                    shape.misfit(&[Core::Text], "a string")
                } else {
                    shape.misfit(&[Core::List], "a list (`Vec<T>`)")
                }
            }
            RuleKind::Range { min, max } => {
                let (min, max) = (
                    min.map(|n| (n.value.as_f64(), n.span)),
                    max.map(|n| (n.value.as_f64(), n.span)),
                );
                bounds(&rule.name, min, max, errors);
                shape.misfit(&[Core::Number], "a number")
            }
            RuleKind::Required | RuleKind::ReadOnly => {
                (!shape.optional).then_some("an `Option<T>` or a `Nullable<T>`")
            }
            RuleKind::Nested => matches!(
                shape.core,
                Core::Text | Core::Number | Core::Bool | Core::Char
            )
            .then_some("a type that implements `Validate`"),
            RuleKind::Pattern(pattern) => {
                if let Err(e) = regex_syntax::Parser::new().parse(&pattern.value()) {
                    errors.at(
                        pattern.span(),
                        format!("invalid pattern: {}", regex_error(&e)),
                    );
                }
                shape.misfit(&[Core::Text], "a string")
            }
            RuleKind::Format(_) => shape.misfit(&[Core::Text], "a string"),
            RuleKind::Allowed { values, .. } => {
                if let Some(values) = values {
                    allowed_values(&rule.name, values, errors);
                }
                shape.misfit(
                    &[Core::Text, Core::List],
                    "a string, an enum that implements `WireValue`, or a list of them",
                )
            }
            RuleKind::Custom(_) => None,
        };
        if let Some(needs) = misfit {
            errors.at(
                rule.name.span(),
                format!(
                    "`{}` applies to {needs}, but `{}` is `{}`",
                    rule.name,
                    field.member,
                    compact(field.ty.to_token_stream())
                ),
            );
        }
        if field.flatten && !matches!(rule.kind, RuleKind::Nested | RuleKind::Custom(_)) {
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
    let presence: Vec<&Rule> = field
        .rules
        .iter()
        .filter(|r| matches!(r.kind, RuleKind::Required | RuleKind::ReadOnly))
        .collect();
    // The same one twice is reported as a duplicate.
    if let Some(later) = presence.iter().find(|r| r.name != presence[0].name) {
        errors.at(
            later.name.span(),
            "`required` and `read_only` contradict each other: a read-only property is never sent",
        );
    }
}

/// Reports the same rule given twice on one field (or struct), and says which rules repeat
/// an earlier one; `custom` may repeat with another function.
fn duplicates(rules: &[Rule], errors: &mut Errors) -> Vec<bool> {
    let mut seen: Vec<String> = Vec::new();
    rules
        .iter()
        .map(|rule| {
            let key = match &rule.kind {
                RuleKind::Custom(function) => format!("custom = {}", function.to_token_stream()),
                // One count in general and others under conditions do not clash.
                RuleKind::Items {
                    when: Some(field), ..
                } => format!("items when {}", field.value()),
                _ => rule.name.to_string(),
            };
            let repeated = seen.contains(&key);
            if repeated {
                errors.at(rule.name.span(), format!("duplicate rule `{}`", rule.name));
            } else {
                seen.push(key);
            }
            repeated
        })
        .collect()
}

/// `min` and `max` of `length`, `items` or `range`: at least one, in order.
fn bounds(
    rule: &syn::Ident,
    min: Option<(f64, Span)>,
    max: Option<(f64, Span)>,
    errors: &mut Errors,
) {
    match (min, max) {
        (None, None) => errors.at(rule.span(), format!("`{rule}` needs `min`, `max` or both")),
        (Some((min, span)), Some((max, _))) if min > max => errors.at(
            span,
            format!("`min` ({min}) is greater than `max` ({max}): no value can pass"),
        ),
        _ => {}
    }
}

fn allowed_values(rule: &syn::Ident, values: &[LitStr], errors: &mut Errors) {
    if values.is_empty() {
        errors.at(rule.span(), "`values` is empty: no value can pass");
    }
    for (i, value) in values.iter().enumerate() {
        if value.value() == "unknownFutureValue" {
            errors.at(
                value.span(),
                "allow \"unknownFutureValue\" with `unknown_future_value = true`, not in `values`",
            );
        } else if values[..i]
            .iter()
            .any(|earlier| earlier.value() == value.value())
        {
            errors.at(value.span(), format!("{:?} is listed twice", value.value()));
        }
    }
}

/// The regex parser's reason, without its multi-line drawing of the pattern.
fn regex_error(error: &regex_syntax::Error) -> String {
    match error {
        regex_syntax::Error::Parse(e) => e.kind().to_string(),
        regex_syntax::Error::Translate(e) => e.kind().to_string(),
        other => other.to_string(),
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
                "duplicate rule `length`",
                "`length` applies to a string, but `b` is `Option<Vec<String>>`",
                "`length` needs `min`, `max` or both",
            ]
        );
    }

    #[test]
    fn rejects_contradictions_and_bad_patterns() {
        let input = syn::parse_quote! {
            #[validate(nested, custom = f, custom = g, custom = f)]
            struct S {
                #[validate(read_only, required)]
                a: Option<u8>,
                #[validate(pattern = "(", allowed(values = ["x", "x", "unknownFutureValue"]))]
                b: String,
                #[validate(range(min = 2, max = 1.5), allowed(values = ["1"]))]
                c: f32,
            }
        };
        assert_eq!(
            messages(input),
            [
                "`required` and `read_only` contradict each other: a read-only property is never sent",
                "invalid pattern: unclosed group",
                "\"x\" is listed twice",
                "allow \"unknownFutureValue\" with `unknown_future_value = true`, not in `values`",
                "`min` (2) is greater than `max` (1.5): no value can pass",
                "`allowed` applies to a string, an enum that implements `WireValue`, or a list of \
                 them, but `c` is `f32`",
                "only `custom` applies to a whole struct; put `nested` on a field",
                "duplicate rule `custom`",
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
