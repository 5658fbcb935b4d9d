//! Type references and the OData primitives they name.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

/// A type reference: `Edm.String`, `microsoft.graph.identitySet`, `Collection(…)`.
///
/// Before resolution a named reference may hold only a hint (a file stem or a name as the
/// table wrote it); [`crate::resolve`] turns it into the qualified name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Primitive(Edm),
    Named(String),
    Collection(Box<TypeRef>),
}

impl TypeRef {
    pub fn is_collection(&self) -> bool {
        matches!(self, TypeRef::Collection(_))
    }

    /// The type of the elements of a collection, or the type itself.
    pub fn element(&self) -> &TypeRef {
        match self {
            TypeRef::Collection(inner) => inner.element(),
            other => other,
        }
    }

    /// The primitive of a primitive reference (not of a collection's elements).
    pub fn primitive(&self) -> Option<&Edm> {
        match self {
            TypeRef::Primitive(edm) => Some(edm),
            _ => None,
        }
    }

    /// Whether a JSON value can be a value of this type, as far as one page tells: a named
    /// type may be an enum or a complex type, so only its collection shape is checked.
    pub fn admits(&self, value: &Value) -> bool {
        match (self, value) {
            (_, Value::Null) => true,
            (TypeRef::Primitive(Edm::Untyped | Edm::Stream), _) => true,
            (TypeRef::Collection(inner), Value::Array(items)) => {
                items.iter().all(|v| inner.admits(v))
            }
            (TypeRef::Collection(_), _) | (_, Value::Array(_)) => false,
            (TypeRef::Named(_), _) => true,
            (TypeRef::Primitive(edm), value) => edm.admits(value),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Primitive(edm) => f.write_str(edm.name()),
            TypeRef::Named(name) => f.write_str(name),
            TypeRef::Collection(inner) => write!(f, "Collection({inner})"),
        }
    }
}

impl FromStr for TypeRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        // Annotations also write `collection(…)`.
        let head = s
            .get(..11)
            .filter(|h| h.eq_ignore_ascii_case("Collection("));
        if let Some(inner) = head.and_then(|_| s[11..].strip_suffix(')')) {
            return Ok(TypeRef::Collection(Box::new(inner.parse()?)));
        }
        Ok(match Edm::from_name(s) {
            Some(edm) => TypeRef::Primitive(edm),
            None => TypeRef::Named(s.to_owned()),
        })
    }
}

/// Whether two type names name the same type as far as their last segments tell, whatever
/// their case: `identitySet` and `microsoft.graph.identityset` do.
pub fn same_simple_name(a: &str, b: &str) -> bool {
    let simple = |s: &str| s.rsplit('.').next().unwrap_or(s).to_lowercase();
    simple(a) == simple(b)
}

/// An OData primitive type, `Edm.*`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edm {
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    String,
    Guid,
    Date,
    DateTimeOffset,
    Duration,
    TimeOfDay,
    Binary,
    Stream,
    /// Any JSON value.
    Untyped,
    /// Another `Edm.*` name, kept as written and read as text.
    Other(String),
}

/// Every named primitive, with its `Edm.*` name.
const NAMED: [(Edm, &str); 18] = [
    (Edm::Boolean, "Edm.Boolean"),
    (Edm::Byte, "Edm.Byte"),
    (Edm::SByte, "Edm.SByte"),
    (Edm::Int16, "Edm.Int16"),
    (Edm::Int32, "Edm.Int32"),
    (Edm::Int64, "Edm.Int64"),
    (Edm::Single, "Edm.Single"),
    (Edm::Double, "Edm.Double"),
    (Edm::Decimal, "Edm.Decimal"),
    (Edm::String, "Edm.String"),
    (Edm::Guid, "Edm.Guid"),
    (Edm::Date, "Edm.Date"),
    (Edm::DateTimeOffset, "Edm.DateTimeOffset"),
    (Edm::Duration, "Edm.Duration"),
    (Edm::TimeOfDay, "Edm.TimeOfDay"),
    (Edm::Binary, "Edm.Binary"),
    (Edm::Stream, "Edm.Stream"),
    (Edm::Untyped, "Edm.Untyped"),
];

impl Edm {
    /// The primitive an `Edm.*` name spells, or `None` for a name outside `Edm`.
    pub fn from_name(name: &str) -> Option<Edm> {
        if !name.starts_with("Edm.") {
            return None;
        }
        let known = NAMED.iter().find(|(_, n)| *n == name);
        Some(known.map_or_else(|| Edm::Other(name.to_owned()), |(edm, _)| edm.clone()))
    }

    /// `Edm.String`.
    pub fn name(&self) -> &str {
        match self {
            Edm::Other(name) => name,
            known => NAMED
                .iter()
                .find(|(edm, _)| edm == known)
                .map_or("", |(_, n)| n),
        }
    }

    /// Integers and decimals: what a range applies to.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Edm::Byte
                | Edm::SByte
                | Edm::Int16
                | Edm::Int32
                | Edm::Int64
                | Edm::Single
                | Edm::Double
                | Edm::Decimal
        )
    }

    /// Values written as JSON strings, which stay text in Rust so they round-trip exactly:
    /// strings, dates, times, GUIDs and binary.
    pub fn is_text(&self) -> bool {
        !(self.is_numeric() || matches!(self, Edm::Boolean | Edm::Untyped))
    }

    /// The Rust type of its values, as generated code names it. Decimals are
    /// `serde_json::Number` so that they are written as they were read (`99` stays `99`).
    pub fn rust(&self) -> &'static str {
        match self {
            Edm::Boolean => "bool",
            Edm::Byte => "u8",
            Edm::SByte => "i8",
            Edm::Int16 => "i16",
            Edm::Int32 => "i32",
            Edm::Int64 => "i64",
            Edm::Single | Edm::Double | Edm::Decimal => "serde_json::Number",
            Edm::Untyped => "serde_json::Value",
            _ => "String",
        }
    }

    /// Whether a JSON value (not null, not an array) can be a value of it.
    fn admits(&self, value: &Value) -> bool {
        match self {
            Edm::Boolean => value.is_boolean(),
            Edm::Byte | Edm::SByte | Edm::Int16 | Edm::Int32 | Edm::Int64 => {
                value.is_i64() || value.is_u64()
            }
            // OData writes `NaN`, `INF` and IEEE 754-incompatible decimals as strings.
            Edm::Single | Edm::Double | Edm::Decimal => value.is_number() || value.is_string(),
            Edm::Untyped | Edm::Stream => true,
            _ => value.is_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_refs_read_back_what_they_print() {
        for text in [
            "Edm.String",
            "Edm.Geography",
            "microsoft.graph.identity",
            "Collection(Collection(Edm.Int32))",
        ] {
            assert_eq!(text.parse::<TypeRef>().unwrap().to_string(), text);
        }
        let lower: TypeRef = "collection(microsoft.graph.x)".parse().unwrap();
        assert_eq!(lower.to_string(), "Collection(microsoft.graph.x)");
        assert_eq!(
            "Edm.Geography".parse::<TypeRef>().unwrap(),
            TypeRef::Primitive(Edm::Other("Edm.Geography".into()))
        );
    }

    #[test]
    fn every_named_primitive_reads_back_its_name() {
        for (edm, name) in NAMED {
            assert_eq!(Edm::from_name(name), Some(edm.clone()));
            assert_eq!(edm.name(), name);
        }
        assert_eq!(Edm::from_name("String"), None);
    }

    #[test]
    fn primitives_are_text_numbers_or_neither() {
        assert!(Edm::Guid.is_text() && Edm::Other("Edm.Geography".into()).is_text());
        assert!(Edm::Decimal.is_numeric() && !Edm::Decimal.is_text());
        assert!(!Edm::Boolean.is_text() && !Edm::Boolean.is_numeric());
        assert!(!Edm::Untyped.is_text() && !Edm::Untyped.is_numeric());
        assert_eq!(Edm::DateTimeOffset.rust(), "String");
        assert_eq!(Edm::Single.rust(), "serde_json::Number");
    }

    #[test]
    fn values_fit_types_by_their_json_kind() {
        let int = TypeRef::Primitive(Edm::Int32);
        let list = TypeRef::Collection(Box::new(int.clone()));
        assert!(int.admits(&serde_json::json!(3)) && !int.admits(&serde_json::json!("3")));
        assert!(list.admits(&serde_json::json!([1, 2])) && !list.admits(&serde_json::json!(1)));
        assert!(TypeRef::Primitive(Edm::Double).admits(&serde_json::json!("NaN")));
        assert!(TypeRef::Named("x".into()).admits(&serde_json::json!({"a": 1})));
        assert!(!TypeRef::Named("x".into()).admits(&serde_json::json!([])));
        assert!(int.admits(&serde_json::Value::Null));
    }
}
