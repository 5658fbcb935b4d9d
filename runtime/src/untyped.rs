//! What a value kept without a type: fields the docs do not list (the `extra` maps) and enum
//! values they do not list (`Other`). Generated code reads both through these functions and
//! [`wire`](crate::wire), so that a tool can ask, for one deserialization, what did not get a
//! type and where.

use std::cell::RefCell;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::JsonPointer;

thread_local! {
    /// `Some` while [`record`] or [`stop_at`] runs on this thread.
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

/// One recorded deserialization.
#[derive(Default)]
struct Run {
    seen: Vec<String>,
    /// The note at which to fail on purpose: serde_path_to_error then says where it is.
    stop: Option<usize>,
    stopped: bool,
    /// Where the failure is below the value that reported it: the path inside a derived value
    /// read from a buffer, which [`tracked`] reads on its own.
    below: JsonPointer,
}

/// Why a deserialization that [`stop_at`] runs fails.
const STOPPED: &str = "stopped at an untyped value";

/// Notes `what`, found at the value being read; returns whether the run stops here.
pub(crate) fn note_at(what: impl FnOnce() -> String) -> bool {
    RUN.with_borrow_mut(|run| {
        let Some(run) = run else { return false };
        if run.stop == Some(run.seen.len()) {
            run.stopped = true;
            run.below = JsonPointer::root();
        }
        run.seen.push(what());
        run.stopped
    })
}

pub(crate) fn note<E: serde::de::Error>(what: impl FnOnce() -> String) -> Result<(), E> {
    halt(note_at(what))
}

pub(crate) fn halt<E: serde::de::Error>(stopped: bool) -> Result<(), E> {
    if stopped {
        Err(E::custom(STOPPED))
    } else {
        Ok(())
    }
}

fn run<R>(stop: Option<usize>, f: impl FnOnce() -> R) -> (R, Run) {
    RUN.with_borrow_mut(|run| {
        *run = Some(Run {
            stop,
            ..Run::default()
        })
    });
    let result = f();
    let run = RUN.with_borrow_mut(Option::take).unwrap_or_default();
    (result, run)
}

/// Whether a recording ([`record`], [`stop_at`]) runs on this thread.
pub(crate) fn recording() -> bool {
    RUN.with_borrow(Option::is_some)
}

/// Runs `f` and returns what it deserialized without a type, in order: "field `x`" and
/// "value `y`". A failure inside a derived value is reported by serde at that value; the
/// pointer returned goes on from there.
pub fn record<R>(f: impl FnOnce() -> R) -> (R, Vec<String>, JsonPointer) {
    let (result, run) = run(None, f);
    (result, run.seen, run.below)
}

/// Runs `f` again, failing on purpose at the `index`th note of [`record`], and returns the
/// result with where the note is below the value serde reports the failure at.
pub fn stop_at<R>(index: usize, f: impl FnOnce() -> R) -> (R, JsonPointer) {
    let (result, run) = run(Some(index), f);
    (result, run.below)
}

/// Runs `read` on a value read already (a derived value, buffered to find its `@odata.type`):
/// where it fails goes on below the path serde reports.
pub(crate) fn tracked<R>(
    value: Value,
    read: impl FnOnce(serde_path_to_error::Deserializer<'_, '_, Value>) -> Result<R, serde_json::Error>,
) -> Result<R, serde_json::Error> {
    let mut track = serde_path_to_error::Track::new();
    read(serde_path_to_error::Deserializer::new(value, &mut track)).inspect_err(|_| {
        let at = JsonPointer::from(&track.path());
        RUN.with_borrow_mut(|run| {
            if let Some(run) = run {
                run.below = at.join(std::mem::take(&mut run.below));
            }
        });
    })
}

/// An open enum: the members the docs list, and `Other` for any other value, which is kept.
/// Generated enums implement it; [`open_enum!`](crate::open_enum) gives them serde impls
/// through it.
pub trait OpenEnum: crate::checks::WireValue + Sized {
    /// The member sent as `value`, or `Other` (noted) when the docs list none.
    fn from_wire(value: &str) -> Self;
}

/// The value of an open enum's `Other` variant, noted. Only such a value is copied: a listed
/// member is read from the input as it is.
pub fn unlisted(value: &str) -> String {
    note_at(|| format!("value `{value}`"));
    value.to_owned()
}

/// Reads an [`OpenEnum`] from its wire value.
pub fn read_enum<'de, D: Deserializer<'de>, T: OpenEnum>(d: D) -> Result<T, D::Error> {
    struct WireVisitor<T>(std::marker::PhantomData<T>);
    impl<T: OpenEnum> serde::de::Visitor<'_> for WireVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            let value = T::from_wire(value);
            halt(RUN.with_borrow(|run| run.as_ref().is_some_and(|run| run.stopped)))?;
            Ok(value)
        }
    }
    d.deserialize_str(WireVisitor(std::marker::PhantomData))
}

/// Serde impls for an [`OpenEnum`]: written as its wire value, read through
/// [`OpenEnum::from_wire`]. One line per generated enum, instead of a derive per enum. The
/// crate that calls it depends on `serde`, as generated crates do.
#[macro_export]
macro_rules! open_enum {
    ($t:ty) => {
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::checks::WireValue::wire_value(self))
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::untyped::read_enum(d)
            }
        }
    };
}

/// A value of a type the docs name but define nowhere: kept as JSON, and noted when read (as
/// "a value of an undocumented type"), since nothing about it is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Undocumented(pub Value);

impl<'de> Deserialize<'de> for Undocumented {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        if !value.is_null() {
            note(|| "a value of an undocumented type".to_owned())?;
        }
        Ok(Undocumented(value))
    }
}

impl crate::Validate for Undocumented {
    fn validate_into(&self, _: &mut crate::JsonPointer, _: &mut crate::ValidationErrors) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_undocumented_types_are_kept_and_noted() {
        let json = serde_json::json!({"kind": "x", "n": [1, 2]});
        let (read, seen, _) = record(|| serde_json::from_value::<Undocumented>(json.clone()));
        assert_eq!(serde_json::to_value(read.unwrap()).unwrap(), json);
        assert_eq!(seen, ["a value of an undocumented type"]);
        let (_, seen, _) = record(|| serde_json::from_value::<Undocumented>(Value::Null));
        assert!(seen.is_empty());
    }
}
