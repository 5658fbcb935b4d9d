//! The per-rule checks that `#[derive(Validate)]` calls.
//!
//! Each rule reaches its value through a small trait implemented for the plain types and for
//! the wrappers `Option`, [`Nullable`], `Box` and `&`, so the derive emits one short call per rule
//! whatever the field's type. Absent and null values pass every rule but `required`: presence
//! is that rule's job alone.

use std::borrow::Cow;

use serde::Serialize;

use super::{JsonPointer, ValidationErrors};
use crate::Nullable;

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

/// Whether a value is there: what `required` asks of `Option` and [`Nullable`].
#[diagnostic::on_unimplemented(
    message = "`required` needs an `Option` or a `Nullable`, but the field is `{Self}`",
    label = "always present, so `required` cannot fail"
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
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub unit: LengthUnit,
}

/// `#[validate(items(min = .., max = ..))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Items {
    pub min: Option<usize>,
    pub max: Option<usize>,
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
        errors.push(
            path,
            "items",
            format!("expected {which} {bound} {noun}, found {n}"),
        );
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
