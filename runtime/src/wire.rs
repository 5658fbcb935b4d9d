//! How generated types go on and off the wire, in place of serde's derives: a struct reads
//! each key with one `match` ([`Object::read_field`]) and writes each field with one call
//! ([`entry`]); unknown keys go straight into its `extra` map, and a value of a base type picks
//! the type `@odata.type` names as soon as it reads that key ([`Derived`]). The derives cost a
//! large generated crate most of its build (a field visitor per struct, and `flatten`
//! buffering every object it reads).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::untyped::{self, halt, note_at};
use crate::{Extra, Nullable};

/// A struct read key by key from a JSON object. Generated types implement it, and get
/// `Deserialize` from [`object!`](crate::object).
pub trait Object: Default {
    /// Reads `value`, the value of `key`, into the field of that wire name; any other key goes
    /// into the `extra` map ([`extra`]).
    fn read_field<'de, D: Deserializer<'de>>(
        &mut self,
        key: &str,
        value: D,
    ) -> Result<(), D::Error>;
}

/// Reads an [`Object`] from a JSON object.
pub fn read<'de, D: Deserializer<'de>, T: Object>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(T::default()))
}

struct ObjectVisitor<T>(T);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<T, A::Error> {
        read_rest(&mut self.0, &mut map)?;
        Ok(self.0)
    }
}

/// Reads the keys left in `map` into `into`.
fn read_rest<'de, T: Object, A: MapAccess<'de>>(into: &mut T, map: &mut A) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<Key>()? {
        map.next_value_seed(Field {
            into: &mut *into,
            key: key.as_str(),
        })?;
    }
    Ok(())
}

/// A key, borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }
            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The value of one key, read into the field it names.
struct Field<'a, T> {
    into: &'a mut T,
    key: &'a str,
}

impl<'de, T: Object> DeserializeSeed<'de> for Field<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.into.read_field(self.key, d)
    }
}

/// The value of a key no field names, kept in `extra`. For a type that is not open, it is a
/// field the docs do not list, and noted as untyped; OData annotations (`@odata.context`,
/// `members@odata.bind`) are control information, kept without a note.
pub fn extra<'de, D: Deserializer<'de>>(
    extra: &mut Extra,
    key: &str,
    value: D,
    open: bool,
) -> Result<(), D::Error> {
    let value = Value::deserialize(value)?;
    if !open && !key.contains('@') {
        halt(note_at(|| format!("field `{key}`")))?;
    }
    extra.insert(key.to_owned(), value);
    Ok(())
}

/// `Deserialize` for [`Object`]s, and for [`Derived`] enums with `derived`. One line per
/// generated type, instead of a derive. The crate that calls it depends on `serde`, as
/// generated crates do.
#[macro_export]
macro_rules! object {
    ($t:ty) => {
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::wire::read(d)
            }
        }
    };
    ($t:ty, derived) => {
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::wire::derived(d)
            }
        }
    };
}

/// The enum of a base type and the types derived from it, read as the type `@odata.type` names.
pub trait Derived: Sized {
    /// The base type, and its `@odata.type` name as [`Derived::read_as`] takes it.
    type Base: Object + Serialize;
    const BASE: &'static str;

    fn base(value: Self::Base) -> Self;

    /// Reads the rest of `map` as the type `name` names (lowercase, without `#`; empty when
    /// there is none), whose `@odata.type` value is `first` when it was read already.
    fn read_as<'de, A: MapAccess<'de>>(
        name: &str,
        first: Option<Value>,
        map: A,
    ) -> Result<Self, A::Error>;
}

/// Reads a [`Derived`] enum. The service sends `@odata.type` first, or not at all for a value
/// of the base type: either way the value is read as it streams. One that names a derived type
/// later on is read again from what was read so far and the rest. While a tool records what is
/// untyped, such a value is read into a `Value` first, so that what is noted is exact.
pub fn derived<'de, D: Deserializer<'de>, T: Derived>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(DerivedVisitor(PhantomData))
}

struct DerivedVisitor<T>(PhantomData<T>);

impl<'de, T: Derived> Visitor<'de> for DerivedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(key) = map.next_key::<Key>()? else {
            return T::read_as("", None, map);
        };
        if key.as_str() == "@odata.type" {
            let first: Value = map.next_value()?;
            let name = TypeKey::new(first.as_str().unwrap_or_default());
            return T::read_as(name.as_str(), Some(first), map);
        }
        if untyped::recording() {
            let mut object = Map::new();
            object.insert(key.as_str().to_owned(), map.next_value()?);
            return finish(object, map);
        }
        // As the base type, until a key says otherwise.
        let mut base = T::Base::default();
        let mut next = Some(key);
        while let Some(key) = next.take() {
            if key.as_str() == "@odata.type" {
                let value: Value = map.next_value()?;
                let name = TypeKey::new(value.as_str().unwrap_or_default());
                if !(name.as_str().is_empty() || name.as_str() == T::BASE) {
                    // What was read, written back, and the rest, read as the type named.
                    let mut object = match serde_json::to_value(&base) {
                        Ok(Value::Object(read)) => read,
                        Ok(_) => Map::new(),
                        Err(e) => return Err(de::Error::custom(e)),
                    };
                    object.insert(key.as_str().to_owned(), value);
                    return finish(object, map);
                }
                (base.read_field("@odata.type", value)).map_err(de::Error::custom)?;
            } else {
                map.next_value_seed(Field {
                    into: &mut base,
                    key: key.as_str(),
                })?;
            }
            next = map.next_key::<Key>()?;
        }
        Ok(T::base(base))
    }
}

/// Reads the rest of `map` into `object`, then reads it as the type its `@odata.type` names.
fn finish<'de, T: Derived, A: MapAccess<'de>>(
    mut object: Map<String, Value>,
    mut map: A,
) -> Result<T, A::Error> {
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        object.insert(key, value);
    }
    let name = object.get("@odata.type").and_then(Value::as_str);
    let name = TypeKey::new(name.unwrap_or_default());
    untyped::tracked(Value::Object(object), |value| {
        value.deserialize_map(Buffered::<T> {
            name: name.as_str(),
            marker: PhantomData,
        })
    })
    .map_err(de::Error::custom)
}

/// How a derived type is looked up: lowercase, without the `#` of `#microsoft.graph.x`. A
/// name of usual length is kept on the stack, since every value of a base type has one.
enum TypeKey {
    Inline([u8; 128], usize),
    Heap(String),
}

impl TypeKey {
    fn new(name: &str) -> Self {
        let name = name.trim_start_matches('#');
        let mut buffer = [0; 128];
        match buffer.get_mut(..name.len()) {
            Some(lower) if name.is_ascii() => {
                lower.copy_from_slice(name.as_bytes());
                lower.make_ascii_lowercase();
                TypeKey::Inline(buffer, name.len())
            }
            _ => TypeKey::Heap(name.to_lowercase()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            TypeKey::Inline(buffer, len) => {
                std::str::from_utf8(&buffer[..*len]).expect("lowercased ASCII")
            }
            TypeKey::Heap(name) => name,
        }
    }
}

/// A buffered object, read as the type `name` names.
struct Buffered<'a, T> {
    name: &'a str,
    marker: PhantomData<T>,
}

impl<'de, T: Derived> Visitor<'de> for Buffered<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_as(self.name, None, map)
    }
}

/// The rest of `map` as `T`, whose `@odata.type` (`first`) is read already: what
/// [`Derived::read_as`] gives each variant of a complex type.
pub fn rest<'de, T: Object, A: MapAccess<'de>>(
    first: Option<Value>,
    map: A,
) -> Result<T, A::Error> {
    let mut value = T::default();
    fill(&mut value, first, map)?;
    Ok(value)
}

/// [`rest`], boxed, for the variants of an entity type: a large struct is read in place
/// rather than moved into its box.
pub fn rest_boxed<'de, T: Object, A: MapAccess<'de>>(
    first: Option<Value>,
    map: A,
) -> Result<Box<T>, A::Error> {
    let mut value = Box::<T>::default();
    fill(&mut *value, first, map)?;
    Ok(value)
}

fn fill<'de, T: Object, A: MapAccess<'de>>(
    into: &mut T,
    first: Option<Value>,
    mut map: A,
) -> Result<(), A::Error> {
    if let Some(first) = first {
        (into.read_field("@odata.type", first)).map_err(de::Error::custom)?;
    }
    read_rest(into, &mut map)
}

/// A field that may be left out of the JSON: `None`, or [`Nullable::Absent`].
pub trait Skip {
    fn skip(&self) -> bool;
}

impl<T> Skip for Option<T> {
    fn skip(&self) -> bool {
        self.is_none()
    }
}

impl<T> Skip for Nullable<T> {
    fn skip(&self) -> bool {
        self.is_absent()
    }
}

/// Writes a field under its wire name, unless it is absent.
#[inline]
pub fn entry<M: SerializeMap, T: Skip + Serialize>(
    map: &mut M,
    key: &str,
    value: &T,
) -> Result<(), M::Error> {
    if value.skip() {
        return Ok(());
    }
    map.serialize_entry(key, value)
}

/// Writes the `extra` map's keys after the fields.
#[inline]
pub fn entries<M: SerializeMap>(map: &mut M, extra: &Extra) -> Result<(), M::Error> {
    extra
        .into_iter()
        .try_for_each(|(k, v)| map.serialize_entry(k, v))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::untyped::{record, stop_at};

    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        odata_type: Option<String>,
        name: Nullable<String>,
        inner: Option<Box<Thing>>,
        extra: Extra,
    }

    impl Object for Thing {
        fn read_field<'de, D: Deserializer<'de>>(
            &mut self,
            key: &str,
            value: D,
        ) -> Result<(), D::Error> {
            match key {
                "@odata.type" => self.odata_type = Deserialize::deserialize(value)?,
                "name" => self.name = Deserialize::deserialize(value)?,
                "inner" => self.inner = Deserialize::deserialize(value)?,
                _ => extra(&mut self.extra, key, value, false)?,
            }
            Ok(())
        }
    }

    crate::object!(Thing);

    impl Serialize for Thing {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(None)?;
            entry(&mut map, "@odata.type", &self.odata_type)?;
            entry(&mut map, "name", &self.name)?;
            entry(&mut map, "inner", &self.inner)?;
            entries(&mut map, &self.extra)?;
            map.end()
        }
    }

    /// A base type, `Thing`, with one derived type, `Special`.
    #[derive(Debug, PartialEq)]
    enum AnyThing {
        Thing(Box<Thing>),
        Special(Box<Thing>),
    }

    impl Derived for AnyThing {
        type Base = Thing;
        const BASE: &'static str = "x.thing";

        fn base(value: Thing) -> Self {
            Self::Thing(Box::new(value))
        }

        fn read_as<'de, A: MapAccess<'de>>(
            name: &str,
            first: Option<Value>,
            map: A,
        ) -> Result<Self, A::Error> {
            Ok(match name {
                "x.special" => Self::Special(rest_boxed(first, map)?),
                _ => Self::Thing(rest_boxed(first, map)?),
            })
        }
    }

    crate::object!(AnyThing, derived);

    #[test]
    fn numbers_are_written_back_as_they_were_read() {
        for text in [
            "1.1362275116276523e-8",
            "1.079907802215119e-66",
            "99",
            "0.1",
        ] {
            let number: serde_json::Number = serde_json::from_str(text).unwrap();
            assert_eq!(number.to_string(), text);
        }
    }

    #[test]
    fn fields_absent_null_and_unknown_round_trip() {
        let json =
            json!({"name": null, "color": "red", "@odata.etag": "1", "inner": {"name": "b"}});
        let (thing, seen, _) = record(|| serde_json::from_value::<Thing>(json.clone()).unwrap());
        assert_eq!(thing.name, Nullable::Null);
        assert_eq!(
            thing.inner.as_ref().unwrap().name,
            Nullable::Value("b".into())
        );
        // Only the undocumented field is noted: the annotation is control information.
        assert_eq!(seen, ["field `color`"]);
        assert_eq!(serde_json::to_value(&thing).unwrap(), json);
        // Outside a recording nothing is kept, and the next recording starts empty.
        serde_json::from_value::<Thing>(json).unwrap();
        let (_, seen, _) = record(|| serde_json::from_value::<Thing>(json!({})));
        assert!(seen.is_empty());
    }

    #[test]
    fn odata_type_picks_the_type_first_or_anywhere() {
        let read = |json: &str| serde_json::from_str::<AnyThing>(json).unwrap();
        let first = read(r##"{"@odata.type": "#x.Special", "name": "a", "more": 1}"##);
        let later = read(r##"{"name": "a", "@odata.type": "#x.Special", "more": 1}"##);
        assert_eq!(first, later);
        let AnyThing::Special(special) = &first else {
            panic!("read as {first:?}")
        };
        assert_eq!(special.odata_type.as_deref(), Some("#x.Special"));
        assert_eq!(special.extra["more"], 1);
        assert!(matches!(
            read(r##"{"@odata.type": "#x.other"}"##),
            AnyThing::Thing(_)
        ));
        assert!(matches!(read("{}"), AnyThing::Thing(_)));
    }

    #[test]
    fn failures_and_untyped_fields_are_located_inside_derived_values() {
        let round_trip = |value: Value| {
            let typed: AnyThing = serde_path_to_error::deserialize(value)?;
            let (AnyThing::Special(t) | AnyThing::Thing(t)) = typed;
            serde_path_to_error::serialize(&*t, serde_json::value::Serializer)
        };
        for json in [
            json!({"@odata.type": "#x.special", "inner": {"name": 1}}),
            json!({"inner": {"name": 1}, "@odata.type": "#x.special"}),
        ] {
            let (result, below) = stop_at(usize::MAX, || round_trip(json.clone()));
            let error = result.unwrap_err();
            let at = crate::JsonPointer::from(error.path()).join(below);
            assert_eq!(at.to_string(), "/inner/name", "{json}");
        }
        for json in [
            json!({"@odata.type": "#x.special", "inner": {"color": "red"}}),
            json!({"inner": {"color": "red"}, "@odata.type": "#x.special"}),
        ] {
            let (result, below) = stop_at(0, || round_trip(json.clone()));
            let error = result.unwrap_err();
            let at = crate::JsonPointer::from(error.path()).join(below);
            assert_eq!(at.to_string(), "/inner/color", "{json}");
        }
    }
}
