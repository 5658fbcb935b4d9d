use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::Nullable;

pub mod checks;

/// A type whose documented rules can be checked before it is sent.
///
/// Usually derived: `#[derive(Validate)]` on a struct with named fields, with rules on fields:
///
/// - `length(min = N, max = N, unit = "chars" | "bytes" | "utf16")`: text length, in Unicode
///   scalar values unless `unit` says otherwise ([`checks::AsText`]).
/// - `items(min = N, max = N)`: number of list items ([`checks::HasItems`]).
/// - `range(min = X, max = Y)`: inclusive bounds on a number, integer or float literals
///   ([`checks::AsNumber`]).
/// - `pattern = "regex"`: the text contains a match (unanchored, as in JSON Schema); the regex
///   is checked at compile time and compiled once.
/// - `format = "guid" | "email" | "uri"`: see [`checks::Format`].
/// - `allowed(values = ["a", "b"], unknown_future_value = false)`: the wire string of a string
///   or of an enum that implements [`checks::WireValue`] (each item of a list) is one of
///   `values`; `"unknownFutureValue"` only passes with `unknown_future_value = true`.
/// - `required`: an `Option` must be `Some`, a [`Nullable`] must be a value ([`checks::Presence`]).
/// - `read_only`: an `Option` must be `None`, a [`Nullable`] must be absent: the server sets it.
/// - `nested`: the field's own rules, through `Option`, `Nullable`, `Box`, `Vec` (under the
///   item's index) and `BTreeMap<String, _>` (under the key).
/// - `custom = path::to::function`: `fn(&FieldType) -> Result<(), E: Display>` (or of a borrowed
///   form, such as `&str` for a `String`), reported with code `custom`. On the struct,
///   `#[validate(custom = function)]` takes `&Self`, for rules across fields.
///
/// Rules combine: `#[validate(required, items(max = 5), nested)]`. Values that are absent or
/// null pass every rule but `required` and `read_only`. Errors carry JSON pointers in wire names,
/// taken from `#[serde(rename)]` and `#[serde(rename_all)]`; a `#[serde(flatten)]` field adds no
/// segment. Codes are the rule names: `length`, `items`, `range`, `pattern`, `format`,
/// `allowed`, `required`, `read_only`, `custom`.
///
/// ```
/// use docbind::{Nullable, Validate};
///
/// #[derive(Validate, serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Call {
///     #[validate(length(max = 256))]
///     client_context: Nullable<String>,
/// }
///
/// let call = Call { client_context: Nullable::Value("x".repeat(257)) };
/// let errors = call.validate().unwrap_err().errors;
/// assert_eq!((errors[0].path.as_str(), errors[0].code), ("/clientContext", "length"));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `Validate`",
    label = "`nested` and request bodies need `Validate`",
    note = "derive it with `#[derive(Validate)]`, or implement it by hand when there is nothing to check"
)]
pub trait Validate {
    /// Checks every rule and reports every violation, not just the first. Warnings alone are
    /// not an error: see [`Validate::check`].
    fn validate(&self) -> Result<(), ValidationErrors> {
        self.check().into_result()
    }

    /// Checks every rule and returns the errors and the warnings found.
    fn check(&self) -> ValidationErrors {
        let mut errors = ValidationErrors::default();
        self.validate_into(&mut JsonPointer::root(), &mut errors);
        errors
    }

    /// Appends the violations found under `path` to `errors`.
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors);

    /// The rules, as data: for documentation, for a client in another language, for tests.
    fn constraints() -> Vec<Constraint>
    where
        Self: Sized,
    {
        Vec::new()
    }
}

/// One rule at one place, as [`Validate::constraints`] lists them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Constraint {
    /// A JSON pointer in wire names from the type's root, where `*` stands for every item of a
    /// list or every value of a map: `/participants/*/identity/user/id`.
    pub path: String,
    #[serde(flatten)]
    pub rule: checks::Rule,
}

impl Constraint {
    /// The constraints of a field's type, moved under the field's pointer `prefix`.
    pub fn nest(prefix: &str, inner: Vec<Constraint>) -> impl Iterator<Item = Constraint> {
        inner.into_iter().map(move |c| Constraint {
            path: format!("{prefix}{}", c.path),
            rule: c.rule,
        })
    }
}

// Diving through containers: `#[validate(nested)]` just calls `validate_into` on the field, and
// these impls take it through the wrappers to the structs inside.

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_into(path, errors);
        }
    }

    fn constraints() -> Vec<Constraint> {
        T::constraints()
    }
}

impl<T: Validate> Validate for Nullable<T> {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        if let Nullable::Value(value) = self {
            value.validate_into(path, errors);
        }
    }

    fn constraints() -> Vec<Constraint> {
        T::constraints()
    }
}

// Sized, so that `constraints` can be forwarded.
impl<T: Validate> Validate for Box<T> {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        (**self).validate_into(path, errors);
    }

    fn constraints() -> Vec<Constraint> {
        T::constraints()
    }
}

impl<T: Validate> Validate for &T {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        (**self).validate_into(path, errors);
    }

    fn constraints() -> Vec<Constraint> {
        T::constraints()
    }
}

/// Raw JSON, as a generated crate keeps a navigation property whose area is off: it states no
/// rules.
impl Validate for serde_json::Value {
    fn validate_into(&self, _: &mut JsonPointer, _: &mut ValidationErrors) {}
}

/// Each item is checked under its index: `/participants/3/...`.
impl<T: Validate> Validate for [T] {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            path.push(index.to_string());
            item.validate_into(path, errors);
            path.pop();
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        self.as_slice().validate_into(path, errors);
    }

    fn constraints() -> Vec<Constraint> {
        Constraint::nest("/*", T::constraints()).collect()
    }
}

/// Open-ended objects (`additionalProperties`): each value is checked under its key.
impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        for (key, value) in self {
            path.push(key.as_str());
            value.validate_into(path, errors);
            path.pop();
        }
    }

    fn constraints() -> Vec<Constraint> {
        Constraint::nest("/*", T::constraints()).collect()
    }
}

/// A JSON pointer (RFC 6901) built from wire names while walking a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonPointer {
    segments: Vec<String>,
}

impl JsonPointer {
    pub fn root() -> Self {
        Self::default()
    }

    pub fn push(&mut self, segment: impl Into<String>) {
        self.segments.push(segment.into());
    }

    pub fn pop(&mut self) {
        self.segments.pop();
    }

    /// This pointer followed by `below`.
    pub fn join(mut self, below: JsonPointer) -> Self {
        self.segments.extend(below.segments);
        self
    }
}

impl<S: Into<String>> Extend<S> for JsonPointer {
    fn extend<I: IntoIterator<Item = S>>(&mut self, segments: I) {
        self.segments.extend(segments.into_iter().map(Into::into));
    }
}

/// serde_path_to_error's `a.b[0]` as the JSON pointer `/a/b/0`.
impl From<&serde_path_to_error::Path> for JsonPointer {
    fn from(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment;
        let mut pointer = JsonPointer::root();
        for segment in path.iter() {
            match segment {
                Segment::Seq { index } => pointer.push(index.to_string()),
                Segment::Map { key } => pointer.push(key.as_str()),
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        pointer
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            write!(f, "/{}", segment.replace('~', "~0").replace('/', "~1"))?;
        }
        Ok(())
    }
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidationError {
    /// Where, as a JSON pointer in wire names: `/participants/3/identity`.
    pub path: String,
    /// Stable machine-readable code, such as `length` or `required`.
    pub code: &'static str,
    /// A sentence for people.
    pub message: String,
}

impl ValidationError {
    fn new(path: &JsonPointer, code: &'static str, message: impl Into<String>) -> Self {
        ValidationError {
            path: path.to_string(),
            code,
            message: message.into(),
        }
    }
}

/// Every rule a value broke, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ValidationErrors {
    pub errors: Vec<ValidationError>,
    /// Rules broken where the docs say the service copes (it ignores the excess, say): worth
    /// telling the caller, not worth refusing the request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ValidationError>,
}

impl ValidationErrors {
    pub fn push(&mut self, path: &JsonPointer, code: &'static str, message: impl Into<String>) {
        self.errors.push(ValidationError::new(path, code, message));
    }

    pub fn warn(&mut self, path: &JsonPointer, code: &'static str, message: impl Into<String>) {
        self.warnings
            .push(ValidationError::new(path, code, message));
    }

    /// No errors; there may be warnings.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warnings = self.warnings.iter().map(|w| ("warning: ", w));
        for (i, (prefix, e)) in self
            .errors
            .iter()
            .map(|e| ("", e))
            .chain(warnings)
            .enumerate()
        {
            if i > 0 {
                writeln!(f)?;
            }
            let path = if e.path.is_empty() { "/" } else { &e.path };
            write!(f, "{prefix}{path}: {} ({})", e.message, e.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
