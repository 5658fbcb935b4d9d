use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property that may be absent, explicitly `null`, or set.
///
/// `Option<T>` cannot tell `{}` from `{"x": null}`; the docs do, so generated code uses this
/// wherever a property is documented as nullable. Pair it with
/// `#[serde(default, skip_serializing_if = "Nullable::is_absent")]` so absence round-trips.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Absent is normally skipped by `skip_serializing_if`; if not, null is the only
            // faithful JSON for "no value".
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
            Nullable::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Reached only when the key is present; absence comes from `#[serde(default)]`.
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Nullable::Null, Nullable::Value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        x: Nullable<u32>,
    }

    #[test]
    fn absent_null_and_value_round_trip() {
        for (input, expected) in [
            (json!({}), Nullable::Absent),
            (json!({"x": null}), Nullable::Null),
            (json!({"x": 7}), Nullable::Value(7)),
        ] {
            let probe: Probe = serde_json::from_value(input.clone()).unwrap();
            assert_eq!(probe.x, expected);
            assert_eq!(serde_json::to_value(&probe).unwrap(), input);
        }
    }
}
