//! Stage 1: reads `#[validate(...)]` and the serde attributes that decide wire names into a
//! model that keeps a span for everything a later error may point at.
//!
//! Only the token shapes are judged here (unknown rule or argument names, a string where a
//! number belongs); whether the rules make sense together and for the field's type is
//! [`crate::check`]'s job.

use std::fmt::Display;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Fields, Generics, Ident, Lit, LitStr, Token, Type,
};

/// All the errors found so far, combined so the compiler shows every one of them.
#[derive(Default)]
pub struct Errors {
    all: Option<syn::Error>,
    count: usize,
}

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        self.count += 1;
        match &mut self.all {
            Some(all) => all.combine(error),
            None => self.all = Some(error),
        }
    }

    pub fn at(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    pub fn into_result(self) -> syn::Result<()> {
        self.all.map_or(Ok(()), Err)
    }
}

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    /// Rules on the struct itself: `#[validate(custom = path)]` for cross-field rules.
    pub rules: Vec<Rule>,
    pub body: Body<'a>,
}

pub enum Body<'a> {
    /// Named fields; a unit struct has none.
    Fields(Vec<Field<'a>>),
    /// A shape with no wire names to build paths from: `what` says which, `span` where.
    Unsupported { what: &'static str, span: Span },
}

pub struct Field<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
    /// The name serde writes: `#[serde(rename)]`, else `rename_all` applied to the field name.
    pub wire: String,
    /// `#[serde(flatten)]`: the field's own properties sit in this object, so no path segment.
    pub flatten: bool,
    pub rules: Vec<Rule>,
}

pub struct Rule {
    /// The rule's name as written, for spans and messages.
    pub name: Ident,
    pub kind: RuleKind,
}

pub enum RuleKind {
    Length {
        min: Option<Count>,
        max: Option<Count>,
        unit: Unit,
    },
    Items {
        min: Option<Count>,
        max: Option<Count>,
        /// The count applies only when some item sets this wire field.
        when: Option<LitStr>,
        /// Broken, it is a warning rather than an error.
        warn: bool,
    },
    Required,
    ReadOnly,
    Nested,
    Range {
        min: Option<Number>,
        max: Option<Number>,
    },
    Pattern(LitStr),
    Format(Format),
    Allowed {
        /// `None` when not given: any value but `unknownFutureValue`.
        values: Option<Vec<LitStr>>,
        unknown_future_value: bool,
    },
    /// A function (or any expression that can be called) given `&field`, or `&self` on the struct.
    Custom(Expr),
}

/// A bound of `range`, as written.
#[derive(Clone, Copy)]
pub struct Number {
    pub value: NumberValue,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberValue {
    Int(i128),
    Float(f64),
}

impl NumberValue {
    pub fn as_f64(self) -> f64 {
        match self {
            NumberValue::Int(n) => n as f64,
            NumberValue::Float(x) => x,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Guid,
    Email,
    Uri,
}

/// A bound of `length` or `items`, with the span of its literal.
#[derive(Clone, Copy)]
pub struct Count {
    pub value: usize,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Chars,
    Bytes,
    Utf16,
}

pub const RULES: &[&str] = &[
    "length",
    "items",
    "required",
    "read_only",
    "nested",
    "range",
    "pattern",
    "format",
    "allowed",
    "custom",
];

pub fn parse<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Input<'a> {
    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => {
                let rename_all = serde_rename_all(&input.attrs);
                let fields = named
                    .named
                    .iter()
                    .map(|field| {
                        let member = field.ident.as_ref().expect("named fields have names");
                        let (renamed, flatten) = serde_field(&field.attrs);
                        let name = member.unraw().to_string();
                        let wire = renamed
                            .or_else(|| rename_all.as_deref().and_then(|rule| rename(rule, &name)))
                            .unwrap_or(name);
                        Field {
                            member,
                            ty: &field.ty,
                            wire,
                            flatten,
                            rules: parse_rules(&field.attrs, errors),
                        }
                    })
                    .collect();
                Body::Fields(fields)
            }
            Fields::Unit => Body::Fields(Vec::new()),
            Fields::Unnamed(unnamed) => Body::Unsupported {
                what: "a tuple struct",
                span: unnamed.span(),
            },
        },
        Data::Enum(data) => Body::Unsupported {
            what: "an enum",
            span: data.enum_token.span,
        },
        Data::Union(data) => Body::Unsupported {
            what: "a union",
            span: data.union_token.span,
        },
    };
    Input {
        ident: &input.ident,
        generics: &input.generics,
        rules: parse_rules(&input.attrs, errors),
        body,
    }
}

fn parse_rules(attrs: &[Attribute], errors: &mut Errors) -> Vec<Rule> {
    let mut rules = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("validate")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if let Some(rule) = parse_rule(&meta, errors)? {
                rules.push(rule);
            }
            Ok(())
        });
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
    rules
}

/// Reads one rule. Mistakes that leave the tokens readable are recorded and skipped, so the
/// rest of the attribute is still checked; only malformed tokens end it early.
fn parse_rule(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<Rule>> {
    let before = errors.count;
    let rule = parse_rule_kind(meta, errors)?;
    // A rule with a mistake in its arguments is left out, so that `check` does not report
    // what follows from that mistake (a bound that looks missing, say) as a second error.
    Ok(rule.filter(|_| errors.count == before))
}

fn parse_rule_kind(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<Rule>> {
    let Some(name) = meta.path.get_ident().cloned() else {
        errors.at(meta.path.span(), "expected a rule name, such as `length`");
        skip_value(meta)?;
        return Ok(None);
    };
    let kind = match name.to_string().as_str() {
        "length" => {
            let (mut min, mut max, mut unit) = (None, None, Unit::Chars);
            parse_args(meta, &name, errors, |key, meta, errors| {
                match key {
                    "min" => min = count(meta, errors)?,
                    "max" => max = count(meta, errors)?,
                    "unit" => unit = length_unit(meta, errors)?.unwrap_or(unit),
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            RuleKind::Length { min, max, unit }
        }
        "items" => {
            let (mut min, mut max, mut when, mut warn) = (None, None, None, false);
            parse_args(meta, &name, errors, |key, meta, errors| {
                match key {
                    "min" => min = count(meta, errors)?,
                    "max" => max = count(meta, errors)?,
                    "when" => when = string(meta, errors)?,
                    "warn" => {
                        if let Some(key) = meta.path.get_ident() {
                            no_args(meta, key, errors)?;
                        }
                        warn = true;
                    }
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            RuleKind::Items {
                min,
                max,
                when,
                warn,
            }
        }
        "required" => {
            no_args(meta, &name, errors)?;
            RuleKind::Required
        }
        "read_only" => {
            no_args(meta, &name, errors)?;
            RuleKind::ReadOnly
        }
        "nested" => {
            no_args(meta, &name, errors)?;
            RuleKind::Nested
        }
        "range" => {
            let (mut min, mut max) = (None, None);
            parse_args(meta, &name, errors, |key, meta, errors| {
                match key {
                    "min" => min = number(meta, errors)?,
                    "max" => max = number(meta, errors)?,
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            RuleKind::Range { min, max }
        }
        "pattern" => match value(meta, &name, "\"regex\"", errors)? {
            Some(expr) => match string_literal(expr, errors) {
                Some(pattern) => RuleKind::Pattern(pattern),
                None => return Ok(None),
            },
            None => return Ok(None),
        },
        "format" => {
            let Some(lit) = value(meta, &name, "\"guid\"", errors)?
                .and_then(|expr| string_literal(expr, errors))
            else {
                return Ok(None);
            };
            let format = match lit.value().as_str() {
                "guid" => Format::Guid,
                "email" => Format::Email,
                "uri" => Format::Uri,
                other => {
                    let known = ["guid", "email", "uri"];
                    errors.at(lit.span(), unknown("format", &other, &known));
                    return Ok(None);
                }
            };
            RuleKind::Format(format)
        }
        "allowed" => {
            let (mut values, mut unknown_future_value) = (None, false);
            parse_args(meta, &name, errors, |key, meta, errors| {
                match key {
                    "values" => values = string_list(meta, errors)?,
                    "unknown_future_value" => {
                        unknown_future_value = boolean(meta, errors)?.unwrap_or(false)
                    }
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            RuleKind::Allowed {
                values,
                unknown_future_value,
            }
        }
        "custom" => match value(meta, &name, "path::to::function", errors)? {
            Some(function) => RuleKind::Custom(function),
            None => return Ok(None),
        },
        _ => {
            errors.at(name.span(), unknown("validation rule", &name, RULES));
            skip_value(meta)?;
            return Ok(None);
        }
    };
    Ok(Some(Rule { name, kind }))
}

/// Reads `rule(key = value, ...)`; `arg` reads the value of a key it knows and says whether it
/// knew it. Keys given twice and unknown keys are recorded, and their values skipped.
fn parse_args(
    meta: &ParseNestedMeta,
    rule: &Ident,
    errors: &mut Errors,
    mut arg: impl FnMut(&str, &ParseNestedMeta, &mut Errors) -> syn::Result<bool>,
) -> syn::Result<()> {
    if !meta.input.peek(syn::token::Paren) {
        errors.at(
            rule.span(),
            format!("`{rule}` needs arguments: `{rule}(...)`"),
        );
        return skip_value(meta);
    }
    // `rule()` reads as "no arguments", which `check` reports in the rule's own terms.
    if meta
        .input
        .fork()
        .parse::<proc_macro2::Group>()?
        .stream()
        .is_empty()
    {
        return skip_value(meta);
    }
    let mut seen: Vec<String> = Vec::new();
    meta.parse_nested_meta(|inner| {
        let Some(key) = inner.path.get_ident() else {
            errors.at(
                inner.path.span(),
                format!("expected an argument name of `{rule}`"),
            );
            return skip_value(&inner);
        };
        let name = key.unraw().to_string();
        if seen.contains(&name) {
            errors.at(key.span(), format!("`{name}` is given twice"));
            return skip_value(&inner);
        }
        seen.push(name.clone());
        if !arg(&name, &inner, errors)? {
            errors.at(key.span(), format!("`{rule}` has no argument `{name}`"));
            skip_value(&inner)?;
        }
        Ok(())
    })
}

fn no_args(meta: &ParseNestedMeta, rule: &Ident, errors: &mut Errors) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        errors.at(meta.input.span(), format!("`{rule}` takes no arguments"));
    }
    skip_value(meta)
}

/// Consumes `= value` or `(...)` after a name, if there is one.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// `= <literal>`, as an expression so that any wrong value is read whole and reported.
fn literal(meta: &ParseNestedMeta) -> syn::Result<Expr> {
    meta.value()?.parse::<Expr>()
}

/// The value of a `rule = value` rule; `None`, recorded, when the `= value` is missing.
fn value(
    meta: &ParseNestedMeta,
    rule: &Ident,
    example: &str,
    errors: &mut Errors,
) -> syn::Result<Option<Expr>> {
    if meta.input.peek(Token![=]) {
        return literal(meta).map(Some);
    }
    errors.at(
        rule.span(),
        format!("`{rule}` needs a value: `{rule} = {example}`"),
    );
    skip_value(meta)?;
    Ok(None)
}

fn string_literal(expr: Expr, errors: &mut Errors) -> Option<LitStr> {
    if let Expr::Lit(ExprLit {
        lit: Lit::Str(s), ..
    }) = expr
    {
        return Some(s);
    }
    errors.at(expr.span(), "expected a string literal");
    None
}

fn boolean(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<bool>> {
    let expr = literal(meta)?;
    if let Expr::Lit(ExprLit {
        lit: Lit::Bool(b), ..
    }) = &expr
    {
        return Ok(Some(b.value));
    }
    errors.at(expr.span(), "expected `true` or `false`");
    Ok(None)
}

/// `= ["a", "b"]`.
fn string_list(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<Vec<LitStr>>> {
    let expr = literal(meta)?;
    let Expr::Array(array) = expr else {
        errors.at(expr.span(), "expected a list of strings: `[\"a\", \"b\"]`");
        return Ok(None);
    };
    let before = errors.count;
    let values: Vec<LitStr> = array
        .elems
        .into_iter()
        .filter_map(|e| string_literal(e, errors))
        .collect();
    Ok((errors.count == before).then_some(values))
}

/// An integer or float literal, possibly negative.
fn number(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<Number>> {
    let expr = literal(meta)?;
    let (negative, inner) = match &expr {
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Neg(_)) => (true, &*unary.expr),
        other => (false, other),
    };
    let value = match inner {
        Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse::<i128>().map(NumberValue::Int),
        Expr::Lit(ExprLit {
            lit: Lit::Float(float),
            ..
        }) => float.base10_parse::<f64>().map(NumberValue::Float),
        _ => {
            errors.at(
                expr.span(),
                "expected a number literal, such as `0`, `-1` or `0.5`",
            );
            return Ok(None);
        }
    };
    let value = match value {
        Ok(value) => value,
        Err(e) => {
            errors.push(e);
            return Ok(None);
        }
    };
    let value = match (negative, value) {
        (true, NumberValue::Int(n)) => NumberValue::Int(-n),
        (true, NumberValue::Float(x)) => NumberValue::Float(-x),
        (false, value) => value,
    };
    Ok(Some(Number {
        value,
        span: inner.span(),
    }))
}

fn count(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<Count>> {
    let expr = literal(meta)?;
    if let Expr::Lit(ExprLit {
        lit: Lit::Int(int), ..
    }) = &expr
    {
        match int.base10_parse::<usize>() {
            Ok(value) => {
                return Ok(Some(Count {
                    value,
                    span: int.span(),
                }));
            }
            Err(e) => errors.push(e),
        }
    } else {
        errors.at(expr.span(), "expected a non-negative integer literal");
    }
    Ok(None)
}

fn string(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<LitStr>> {
    Ok(string_literal(literal(meta)?, errors))
}

fn length_unit(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<Unit>> {
    let Some(lit) = string(meta, errors)? else {
        return Ok(None);
    };
    Ok(match lit.value().as_str() {
        "chars" => Some(Unit::Chars),
        "bytes" => Some(Unit::Bytes),
        "utf16" => Some(Unit::Utf16),
        other => {
            errors.at(
                lit.span(),
                format!("unknown unit \"{other}\"; expected \"chars\", \"bytes\" or \"utf16\""),
            );
            None
        }
    })
}

/// "unknown X `name`", with the closest known name when one is close enough to be a typo.
pub fn unknown(what: &str, name: &impl Display, known: &[&str]) -> String {
    let name = name.to_string();
    let closest = known
        .iter()
        .map(|k| (edit_distance(&name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min();
    match closest {
        Some((_, k)) => format!("unknown {what} `{name}`; did you mean `{k}`?"),
        None => format!(
            "unknown {what} `{name}`; expected one of: {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Tokens as people write them: `rules::one_participant`, not `rules :: one_participant`.
pub fn compact(tokens: proc_macro2::TokenStream) -> String {
    let mut out = tokens.to_string();
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

// Serde attributes are read leniently: anything unexpected is serde's to report, not ours.

/// `#[serde(rename_all = "...")]` or `rename_all(serialize = "...")` on the struct.
fn serde_rename_all(attrs: &[Attribute]) -> Option<String> {
    let mut rule = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                rule = serialize_name(&meta)?.or(rule.take());
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
    }
    rule
}

/// `#[serde(rename = "...")]` (or `rename(serialize = "...")`) and `#[serde(flatten)]`.
fn serde_field(attrs: &[Attribute]) -> (Option<String>, bool) {
    let (mut rename, mut flatten) = (None, false);
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = serialize_name(&meta)?.or(rename.take());
            } else if meta.path.is_ident("flatten") {
                flatten = true;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
    }
    (rename, flatten)
}

/// The value of `key = "..."`, or of `serialize = "..."` in `key(serialize = "...", ...)`:
/// requests are serialized, so the serialize name is the wire name.
fn serialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse::<syn::LitStr>()?.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            name = Some(inner.value()?.parse::<syn::LitStr>()?.value());
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok(name)
}

/// Serde's `rename_all` rules for fields, exactly as serde applies them to snake_case names.
fn rename(rule: &str, field: &str) -> Option<String> {
    let pascal = || {
        let mut out = String::new();
        let mut upper = true;
        for ch in field.chars() {
            if ch == '_' {
                upper = true;
            } else if upper {
                out.push(ch.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(ch);
            }
        }
        out
    };
    Some(match rule {
        "lowercase" | "snake_case" => field.to_owned(),
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => field.to_ascii_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let pascal = pascal();
            let mut chars = pascal.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.to_ascii_uppercase().replace('_', "-"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn wire_names(input: DeriveInput) -> Vec<String> {
        let mut errors = Errors::default();
        let model = parse(&input, &mut errors);
        assert!(errors.into_result().is_ok());
        match model.body {
            Body::Fields(fields) => fields.into_iter().map(|f| f.wire).collect(),
            Body::Unsupported { .. } => panic!("unsupported"),
        }
    }

    #[test]
    fn wire_names_follow_serde() {
        let input = syn::parse_quote! {
            #[serde(deny_unknown_fields, rename_all = "camelCase")]
            struct S {
                client_context: String,
                #[serde(rename = "@odata.type")]
                odata_type: String,
                #[serde(default, rename(deserialize = "x", serialize = "Out"), skip_serializing_if = "Option::is_none")]
                both: Option<u8>,
                r#type: String,
            }
        };
        assert_eq!(
            wire_names(input),
            ["clientContext", "@odata.type", "Out", "type"]
        );
    }

    #[test]
    fn rename_all_matches_serde() {
        let cases = [
            ("lowercase", "user_id"),
            ("UPPERCASE", "USER_ID"),
            ("PascalCase", "UserId"),
            ("camelCase", "userId"),
            ("snake_case", "user_id"),
            ("SCREAMING_SNAKE_CASE", "USER_ID"),
            ("kebab-case", "user-id"),
            ("SCREAMING-KEBAB-CASE", "USER-ID"),
        ];
        for (rule, expected) in cases {
            assert_eq!(rename(rule, "user_id").as_deref(), Some(expected), "{rule}");
        }
        assert_eq!(rename("Title Case", "user_id"), None);
    }

    #[test]
    fn reads_every_rule_of_a_field() {
        let input: DeriveInput = syn::parse_quote! {
            struct S {
                #[validate(required, length(max = 5, unit = "utf16"))]
                #[validate(nested)]
                a: Option<String>,
            }
        };
        let mut errors = Errors::default();
        let Body::Fields(fields) = parse(&input, &mut errors).body else {
            panic!("unsupported")
        };
        assert!(errors.into_result().is_ok());
        let names: Vec<String> = fields[0].rules.iter().map(|r| r.name.to_string()).collect();
        assert_eq!(names, ["required", "length", "nested"]);
        let RuleKind::Length { min, max, unit } = &fields[0].rules[1].kind else {
            panic!("not length")
        };
        assert!(min.is_none());
        assert_eq!(max.map(|c| c.value), Some(5));
        assert_eq!(*unit, Unit::Utf16);
    }

    #[test]
    fn keeps_going_after_a_mistake() {
        let input: DeriveInput = syn::parse_quote! {
            struct S {
                #[validate(lenght(max = 5), length(max = "5", mn = 1), required = true, nested)]
                a: Option<String>,
            }
        };
        let mut errors = Errors::default();
        let Body::Fields(fields) = parse(&input, &mut errors).body else {
            panic!("unsupported")
        };
        let messages: Vec<String> = errors
            .into_result()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "unknown validation rule `lenght`; did you mean `length`?",
                "expected a non-negative integer literal",
                "`length` has no argument `mn`",
                "`required` takes no arguments",
            ]
        );
        // The rules read without a mistake are kept, so `check` can still look at them.
        let names: Vec<String> = fields[0].rules.iter().map(|r| r.name.to_string()).collect();
        assert_eq!(names, ["nested"]);
    }

    #[test]
    fn reads_numbers_lists_and_functions() {
        let input: DeriveInput = syn::parse_quote! {
            #[validate(custom = rules::cross_field)]
            struct S {
                #[validate(range(min = -3, max = 2.5), allowed(values = ["a", "b"], unknown_future_value = true))]
                #[validate(pattern = "^a", format = "uri", read_only, custom = check)]
                a: Option<String>,
            }
        };
        let mut errors = Errors::default();
        let model = parse(&input, &mut errors);
        assert!(errors.into_result().is_ok());
        assert!(matches!(
            &model.rules[..],
            [Rule {
                kind: RuleKind::Custom(_),
                ..
            }]
        ));
        let Body::Fields(fields) = model.body else {
            panic!("unsupported")
        };
        let kinds = &fields[0].rules;
        let RuleKind::Range { min, max } = &kinds[0].kind else {
            panic!("not range")
        };
        assert_eq!(min.map(|n| n.value), Some(NumberValue::Int(-3)));
        assert_eq!(max.map(|n| n.value), Some(NumberValue::Float(2.5)));
        let RuleKind::Allowed {
            values: Some(values),
            unknown_future_value: true,
        } = &kinds[1].kind
        else {
            panic!("not allowed")
        };
        let values: Vec<String> = values.iter().map(LitStr::value).collect();
        assert_eq!(values, ["a", "b"]);
        assert!(matches!(&kinds[2].kind, RuleKind::Pattern(p) if p.value() == "^a"));
        assert!(matches!(kinds[3].kind, RuleKind::Format(Format::Uri)));
        assert!(matches!(kinds[4].kind, RuleKind::ReadOnly));
        assert!(
            matches!(&kinds[5].kind, RuleKind::Custom(f) if compact(f.to_token_stream()) == "check")
        );
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            unknown("validation rule", &"frobnicate", RULES),
            "unknown validation rule `frobnicate`; expected one of: `length`, `items`, \
             `required`, `read_only`, `nested`, `range`, `pattern`, `format`, `allowed`, `custom`"
        );
        assert_eq!(edit_distance("itmes", "items"), 2);
    }
}
