//! The per-rule checks that `#[derive(Validate)]` calls, and the rules as data.
//!
//! Each rule reaches its value through a small trait implemented for the plain types and for
//! the wrappers `Option`, [`Nullable`], `Box` and `&`, so the derive emits one short call per rule
//! whatever the field's type. Absent and null values pass every rule but `required` and
//! `read_only`: presence is their job alone.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::fmt;

use regex::Regex;
use serde::Serialize;

use super::{JsonPointer, ValidationErrors};
use crate::Nullable;

/// One documented rule with its parameters, as [`crate::Validate::constraints`] lists them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    Length(Length),
    Items(Items),
    Required,
    ReadOnly,
    Range(Range),
    /// A regular expression the text must contain a match of (unanchored, as in JSON Schema).
    Pattern {
        pattern: &'static str,
    },
    Format {
        format: Format,
    },
    Allowed(Allowed),
    /// A check written by hand; `function` is its path as written in the attribute.
    Custom {
        function: &'static str,
    },
}

/// The code of the errors a rule reports.
impl Rule {
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Length(_) => "length",
            Rule::Items(_) => "items",
            Rule::Required => "required",
            Rule::ReadOnly => "read_only",
            Rule::Range(_) => "range",
            Rule::Pattern { .. } => "pattern",
            Rule::Format { .. } => "format",
            Rule::Allowed(_) => "allowed",
            Rule::Custom { .. } => "custom",
        }
    }
}

/// Text that `length` can measure.
#[diagnostic::on_unimplemented(
    message = "`length` needs a string, but the field is `{Self}`",
    label = "not a string, nor an `Option`/`Nullable`/`Box` of one"
)]
pub trait AsText {
    /// The text, or `None` when absent or null.
    fn as_text(&self) -> Option<&str>;
}

impl AsText for str {
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl AsText for String {
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl AsText for Cow<'_, str> {
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: AsText> AsText for Option<T> {
    fn as_text(&self) -> Option<&str> {
        self.as_ref()?.as_text()
    }
}

impl<T: AsText> AsText for Nullable<T> {
    fn as_text(&self) -> Option<&str> {
        self.value()?.as_text()
    }
}

impl<T: AsText + ?Sized> AsText for Box<T> {
    fn as_text(&self) -> Option<&str> {
        (**self).as_text()
    }
}

impl<T: AsText + ?Sized> AsText for &T {
    fn as_text(&self) -> Option<&str> {
        (**self).as_text()
    }
}

/// A collection that `items` can count.
#[diagnostic::on_unimplemented(
    message = "`items` needs a list, but the field is `{Self}`",
    label = "not a `Vec` or slice, nor an `Option`/`Nullable`/`Box` of one"
)]
pub trait HasItems {
    /// The number of items, or `None` when absent or null.
    fn item_count(&self) -> Option<usize>;
}

impl<T> HasItems for [T] {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T, const N: usize> HasItems for [T; N] {
    fn item_count(&self) -> Option<usize> {
        Some(N)
    }
}

impl<T> HasItems for Vec<T> {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: HasItems> HasItems for Option<T> {
    fn item_count(&self) -> Option<usize> {
        self.as_ref()?.item_count()
    }
}

impl<T: HasItems> HasItems for Nullable<T> {
    fn item_count(&self) -> Option<usize> {
        self.value()?.item_count()
    }
}

impl<T: HasItems + ?Sized> HasItems for Box<T> {
    fn item_count(&self) -> Option<usize> {
        (**self).item_count()
    }
}

impl<T: HasItems + ?Sized> HasItems for &T {
    fn item_count(&self) -> Option<usize> {
        (**self).item_count()
    }
}

/// Whether a value is there: what `required` and `read_only` ask of `Option` and [`Nullable`].
#[diagnostic::on_unimplemented(
    message = "`required` and `read_only` need an `Option` or a `Nullable`, but the field is `{Self}`",
    label = "always present"
)]
pub trait Presence {
    /// Absent, null, or set.
    fn presence(&self) -> Present;
}

/// What [`Presence`] finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Present {
    Absent,
    Null,
    Value,
}

impl<T> Presence for Option<T> {
    fn presence(&self) -> Present {
        match self {
            Some(_) => Present::Value,
            None => Present::Absent,
        }
    }
}

impl<T> Presence for Nullable<T> {
    fn presence(&self) -> Present {
        match self {
            Nullable::Absent => Present::Absent,
            Nullable::Null => Present::Null,
            Nullable::Value(_) => Present::Value,
        }
    }
}

impl<T: Presence + ?Sized> Presence for Box<T> {
    fn presence(&self) -> Present {
        (**self).presence()
    }
}

/// What `length` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthUnit {
    /// Unicode scalar values: what people and most API docs mean by "characters".
    #[default]
    Chars,
    /// UTF-8 bytes.
    Bytes,
    /// UTF-16 code units: what .NET and JavaScript back ends count.
    Utf16,
}

impl LengthUnit {
    fn measure(self, text: &str) -> usize {
        match self {
            LengthUnit::Chars => text.chars().count(),
            LengthUnit::Bytes => text.len(),
            LengthUnit::Utf16 => text.encode_utf16().count(),
        }
    }

    fn noun(self, n: usize) -> String {
        let (one, many) = match self {
            LengthUnit::Chars => ("character", "characters"),
            LengthUnit::Bytes => ("byte", "bytes"),
            LengthUnit::Utf16 => ("UTF-16 code unit", "UTF-16 code units"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// `#[validate(length(min = .., max = .., unit = ".."))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Length {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
    pub unit: LengthUnit,
}

/// `#[validate(items(min = .., max = .., when = "field", warn))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Items {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
    /// The count only applies when some item sets this wire field ([`items_when`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<&'static str>,
    /// A violation is a warning: the service is documented to accept the value anyway.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub warn: bool,
}

/// A list whose items can be asked about their wire fields: what `items(when = ..)` needs.
#[diagnostic::on_unimplemented(
    message = "`items(when = ..)` needs a list of serializable items, but the field is `{Self}`",
    label = "not a `Vec` of `Serialize` items, nor an `Option`/`Nullable`/`Box` of one"
)]
pub trait ItemFields: HasItems {
    /// Whether some item sets the wire field `field` to something other than null.
    fn some_item_sets(&self, field: &str) -> bool;
}

impl<T: HasItems + Serialize + ?Sized> ItemFields for T {
    fn some_item_sets(&self, field: &str) -> bool {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Array(items)) => items
                .iter()
                .any(|item| item.get(field).is_some_and(|v| !v.is_null())),
            _ => false,
        }
    }
}

/// Which bound a count breaks, if any, as the start of a message.
fn bound_broken(n: usize, min: Option<usize>, max: Option<usize>) -> Option<(&'static str, usize)> {
    match (min, max) {
        (Some(min), _) if n < min => Some(("at least", min)),
        (_, Some(max)) if n > max => Some(("at most", max)),
        _ => None,
    }
}

/// Checks `rule` against the text in `value`, if any.
pub fn length<T: AsText + ?Sized>(
    value: &T,
    rule: Length,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    let Some(text) = value.as_text() else { return };
    let n = rule.unit.measure(text);
    if let Some((which, bound)) = bound_broken(n, rule.min, rule.max) {
        let message = format!("expected {which} {}, found {n}", rule.unit.noun(bound));
        errors.push(path, "length", message);
    }
}

/// Checks `rule` against the number of items in `value`, if any.
pub fn items<T: HasItems + ?Sized>(
    value: &T,
    rule: Items,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    let Some(n) = value.item_count() else { return };
    if let Some((which, bound)) = bound_broken(n, rule.min, rule.max) {
        let noun = if bound == 1 { "item" } else { "items" };
        let when = rule
            .when
            .map(|field| format!(" when an item sets `{field}`"))
            .unwrap_or_default();
        let message = format!("expected {which} {bound} {noun}{when}, found {n}");
        if rule.warn {
            errors.warn(path, "items", message);
        } else {
            errors.push(path, "items", message);
        }
    }
}

/// [`items`], counted only when some item sets the wire field `rule.when`.
pub fn items_when<T: ItemFields + ?Sized>(
    value: &T,
    rule: Items,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    if rule.when.is_none_or(|field| value.some_item_sets(field)) {
        items(value, rule, path, errors);
    }
}

/// Fails when `value` is absent or null.
pub fn required<T: Presence + ?Sized>(
    value: &T,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    match value.presence() {
        Present::Value => {}
        Present::Absent => errors.push(path, "required", "expected a value, found none"),
        Present::Null => errors.push(path, "required", "expected a value, found null"),
    }
}

/// Fails when `value` is sent at all, even as null: the server sets it.
pub fn read_only<T: Presence + ?Sized>(
    value: &T,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    let found = match value.presence() {
        Present::Absent => return,
        Present::Null => "null",
        Present::Value => "a value",
    };
    let message = format!("expected no value: the property is read-only, found {found}");
    errors.push(path, "read_only", message);
}

/// A number as written in a rule or found in a field: integers stay exact.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(i128),
    Float(f64),
}

impl Number {
    fn as_f64(self) -> f64 {
        match self {
            Number::Int(n) => n as f64,
            Number::Float(x) => x,
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.partial_cmp(b),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(n) => n.fmt(f),
            Number::Float(x) => x.fmt(f),
        }
    }
}

/// A number that `range` can compare.
#[diagnostic::on_unimplemented(
    message = "`range` needs a number, but the field is `{Self}`",
    label = "not a number, nor an `Option`/`Nullable`/`Box` of one"
)]
pub trait AsNumber {
    /// The number, or `None` when absent or null.
    fn as_number(&self) -> Option<Number>;
}

macro_rules! integers {
    ($($t:ty)*) => {$(
        impl AsNumber for $t {
            fn as_number(&self) -> Option<Number> {
                Some(Number::Int(i128::from(*self)))
            }
        }
    )*};
}

integers!(i8 i16 i32 i64 i128 u8 u16 u32 u64);

impl AsNumber for isize {
    fn as_number(&self) -> Option<Number> {
        Some(Number::Int(*self as i128))
    }
}

impl AsNumber for usize {
    fn as_number(&self) -> Option<Number> {
        Some(Number::Int(*self as i128))
    }
}

impl AsNumber for u128 {
    fn as_number(&self) -> Option<Number> {
        // Past i128::MAX only the magnitude matters for any bound a rule can state.
        Some(i128::try_from(*self).map_or(Number::Float(*self as f64), Number::Int))
    }
}

/// What generated code holds Edm.Double in: the number as written.
impl AsNumber for serde_json::Number {
    fn as_number(&self) -> Option<Number> {
        match self.as_i64() {
            Some(n) => Some(Number::Int(i128::from(n))),
            None => self.as_f64().map(Number::Float),
        }
    }
}

impl AsNumber for f32 {
    fn as_number(&self) -> Option<Number> {
        Some(Number::Float(f64::from(*self)))
    }
}

impl AsNumber for f64 {
    fn as_number(&self) -> Option<Number> {
        Some(Number::Float(*self))
    }
}

impl<T: AsNumber> AsNumber for Option<T> {
    fn as_number(&self) -> Option<Number> {
        self.as_ref()?.as_number()
    }
}

impl<T: AsNumber> AsNumber for Nullable<T> {
    fn as_number(&self) -> Option<Number> {
        self.value()?.as_number()
    }
}

impl<T: AsNumber + ?Sized> AsNumber for Box<T> {
    fn as_number(&self) -> Option<Number> {
        (**self).as_number()
    }
}

impl<T: AsNumber + ?Sized> AsNumber for &T {
    fn as_number(&self) -> Option<Number> {
        (**self).as_number()
    }
}

/// `#[validate(range(min = .., max = ..))]`: inclusive bounds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Number>,
}

/// Checks `rule` against the number in `value`, if any. NaN is in no range.
pub fn range<T: AsNumber + ?Sized>(
    value: &T,
    rule: Range,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    let Some(n) = value.as_number() else { return };
    let broken = match (rule.min, rule.max) {
        (Some(min), _) if n.partial_cmp(&min).is_none_or(Ordering::is_lt) => {
            Some(("at least", min))
        }
        (_, Some(max)) if n.partial_cmp(&max).is_none_or(Ordering::is_gt) => Some(("at most", max)),
        _ => None,
    };
    if let Some((which, bound)) = broken {
        errors.push(
            path,
            "range",
            format!("expected {which} {bound}, found {n}"),
        );
    }
}

/// A compiled `#[validate(pattern = "..")]`; the derive keeps each in a `LazyLock`, so it is
/// compiled once, on first use.
#[derive(Debug)]
pub struct Pattern(Regex);

impl Pattern {
    /// Compiles `source`.
    ///
    /// # Panics
    /// When `source` is not a valid regex; the derive rejects those at compile time.
    pub fn new(source: &str) -> Pattern {
        Pattern(Regex::new(source).unwrap_or_else(|e| panic!("invalid pattern: {e}")))
    }
}

/// Fails when the text in `value`, if any, contains no match of `pattern`.
pub fn pattern<T: AsText + ?Sized>(
    value: &T,
    pattern: &Pattern,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    let Some(text) = value.as_text() else { return };
    if !pattern.0.is_match(text) {
        let message = format!(
            "expected text matching `{}`, found {}",
            pattern.0.as_str(),
            quoted(text)
        );
        errors.push(path, "pattern", message);
    }
}

/// The well-known string formats of `#[validate(format = "..")]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A GUID in its usual hyphenated form: `8-4-4-4-12` hex digits.
    Guid,
    /// An email address (`addr-spec`, RFC 5322).
    Email,
    /// An absolute URI (RFC 3986): a scheme, then the rest.
    Uri,
}

impl Format {
    pub fn matches(self, text: &str) -> bool {
        match self {
            // The uuid crate also reads braced, URN and unhyphenated forms; the docs' GUIDs
            // are always hyphenated, and that form alone is 36 characters long.
            Format::Guid => text.len() == 36 && uuid::Uuid::try_parse(text).is_ok(),
            Format::Email => email_address::EmailAddress::is_valid(text),
            Format::Uri => fluent_uri::Uri::parse(text).is_ok(),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Format::Guid => "a GUID",
            Format::Email => "an email address",
            Format::Uri => "an absolute URI",
        }
    }
}

/// Fails when the text in `value`, if any, is not in `format`.
pub fn format<T: AsText + ?Sized>(
    value: &T,
    format: Format,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    let Some(text) = value.as_text() else { return };
    if !format.matches(text) {
        let message = format!("expected {}, found {}", format.noun(), quoted(text));
        errors.push(path, "format", message);
    }
}

/// A value sent as a string from a fixed set: generated enums implement this, so `allowed`
/// can check them like strings.
pub trait WireValue {
    /// The string this value is sent as.
    fn wire_value(&self) -> &str;
}

impl WireValue for str {
    fn wire_value(&self) -> &str {
        self
    }
}

impl WireValue for String {
    fn wire_value(&self) -> &str {
        self
    }
}

impl WireValue for Cow<'_, str> {
    fn wire_value(&self) -> &str {
        self
    }
}

/// The wire strings that `allowed` checks: one for a [`WireValue`], one per item of a list
/// (under the item's index), none when absent or null.
#[diagnostic::on_unimplemented(
    message = "`allowed` needs a string or an enum that implements `WireValue`, but the field is `{Self}`",
    label = "no wire string to check",
    note = "an enum implements `docbind::checks::WireValue` to give the string it is sent as; \
            `Option`, `Nullable` and `Vec` of such values work too"
)]
pub trait WireValues {
    fn visit_wire_values(&self, path: &mut JsonPointer, visit: &mut dyn FnMut(&JsonPointer, &str));
}

impl<T: WireValue + ?Sized> WireValues for T {
    fn visit_wire_values(&self, path: &mut JsonPointer, visit: &mut dyn FnMut(&JsonPointer, &str)) {
        visit(path, self.wire_value());
    }
}

impl<T: WireValues> WireValues for Option<T> {
    fn visit_wire_values(&self, path: &mut JsonPointer, visit: &mut dyn FnMut(&JsonPointer, &str)) {
        if let Some(value) = self {
            value.visit_wire_values(path, visit);
        }
    }
}

impl<T: WireValues> WireValues for Nullable<T> {
    fn visit_wire_values(&self, path: &mut JsonPointer, visit: &mut dyn FnMut(&JsonPointer, &str)) {
        if let Nullable::Value(value) = self {
            value.visit_wire_values(path, visit);
        }
    }
}

impl<T: WireValues> WireValues for Vec<T> {
    fn visit_wire_values(&self, path: &mut JsonPointer, visit: &mut dyn FnMut(&JsonPointer, &str)) {
        for (index, item) in self.iter().enumerate() {
            path.push(index.to_string());
            item.visit_wire_values(path, visit);
            path.pop();
        }
    }
}

/// The sentinel that Microsoft Graph's evolvable enums reserve for members added later.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// `#[validate(allowed(values = [..], unknown_future_value = ..))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Allowed {
    /// The accepted wire strings; `None` accepts any but [`UNKNOWN_FUTURE_VALUE`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<&'static [&'static str]>,
    /// Whether [`UNKNOWN_FUTURE_VALUE`] may be sent; it is a placeholder, so by default not.
    pub unknown_future_value: bool,
}

impl Allowed {
    pub fn accepts(&self, value: &str) -> bool {
        if value == UNKNOWN_FUTURE_VALUE {
            return self.unknown_future_value;
        }
        self.values.is_none_or(|values| values.contains(&value))
    }
}

/// Fails for each wire string in `value` that `rule` does not accept.
pub fn allowed<T: WireValues + ?Sized>(
    value: &T,
    rule: Allowed,
    path: &mut JsonPointer,
    errors: &mut ValidationErrors,
) {
    value.visit_wire_values(path, &mut |path, found| {
        if rule.accepts(found) {
            return;
        }
        let expected = match rule.values {
            Some(values) => {
                let mut expected: Vec<String> = values.iter().map(|v| quoted(v)).collect();
                if rule.unknown_future_value {
                    expected.push(quoted(UNKNOWN_FUTURE_VALUE));
                }
                format!("one of {}", expected.join(", "))
            }
            None => "a known value".to_owned(),
        };
        errors.push(
            path,
            "allowed",
            format!("expected {expected}, found {}", quoted(found)),
        );
    });
}

/// Runs a hand-written check of `value`; its error message is reported as is.
///
/// The check takes `&T` or anything `T` borrows as, so a `String` field can be checked by a
/// function of `&str`.
pub fn custom<T: Borrow<U> + ?Sized, U: ?Sized, E: fmt::Display>(
    value: &T,
    check: impl FnOnce(&U) -> Result<(), E>,
    path: &JsonPointer,
    errors: &mut ValidationErrors,
) {
    if let Err(e) = check(value.borrow()) {
        errors.push(path, "custom", e.to_string());
    }
}

/// `text` in quotes for a message, shortened when long: messages are read, not diffed.
fn quoted(text: &str) -> String {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}
