use std::fmt;

use serde::Serialize;

/// A type whose documented rules can be checked before it is sent.
///
/// Usually derived: `#[derive(Validate)]` with `#[validate(...)]` on fields.
pub trait Validate {
    /// Checks every rule and reports every violation, not just the first.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.validate_into(&mut JsonPointer::root(), &mut errors);
        errors.into_result()
    }

    /// Appends the violations found under `path` to `errors`.
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors);
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

/// Every rule a value broke, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ValidationErrors {
    pub errors: Vec<ValidationError>,
}

impl ValidationErrors {
    pub fn push(&mut self, path: &JsonPointer, code: &'static str, message: impl Into<String>) {
        self.errors.push(ValidationError {
            path: path.to_string(),
            code,
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {} ({})", if e.path.is_empty() { "/" } else { &e.path }, e.message, e.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
