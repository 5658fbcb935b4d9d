use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The fields a generated type keeps that its docs do not list: a JSON object, used as a
/// [`Map`] through `Deref`. It is allocated only once a field is kept, so that a type that
/// has none (almost every value read) pays one pointer for it instead of a map, which is
/// 72 bytes with `serde_json/preserve_order`.
#[derive(Clone, Default)]
pub struct Extra(Option<Box<Map<String, Value>>>);

impl Extra {
    /// The fields, as a map of their own.
    pub fn into_map(self) -> Map<String, Value> {
        self.0.map(|map| *map).unwrap_or_default()
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;

    #[inline]
    fn deref(&self) -> &Map<String, Value> {
        static EMPTY: OnceLock<Map<String, Value>> = OnceLock::new();
        self.0
            .as_deref()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_default()
    }
}

/// The fields, in order; a direct look at whether there are any, without the map `Deref`
/// gives when there are none.
impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Flatten<std::option::IntoIter<serde_json::map::Iter<'a>>>;

    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.0.as_deref().map(Map::iter).into_iter().flatten()
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        Extra((!map.is_empty()).then(|| Box::new(map)))
    }
}

/// Equal when they hold the same fields, allocated or not.
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// So that a build script may derive `Eq` on the generated types.
impl Eq for Extra {}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Map::deserialize(d).map(Extra::from)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn allocates_only_what_it_keeps_and_compares_by_content() {
        let mut extra = Extra::default();
        assert!(extra.is_empty() && extra.0.is_none());
        assert_eq!(extra, Extra::from(Map::new()));
        extra.insert("color".into(), json!("red"));
        assert_eq!(extra["color"], "red");
        assert_eq!((&extra).into_iter().count(), 1);
        assert_eq!(
            serde_json::to_value(&extra).unwrap(),
            json!({"color": "red"})
        );
        extra.clear();
        assert_eq!(extra, Extra::default());
        assert_eq!(format!("{extra:?}"), "{}");
        let read: Extra = serde_json::from_value(json!({"a": 1})).unwrap();
        assert_eq!(
            read.into_map(),
            json!({"a": 1}).as_object().unwrap().clone()
        );
    }
}
