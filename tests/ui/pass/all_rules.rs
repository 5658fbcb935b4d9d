// Every rule, on every field type it accepts.

use std::borrow::Cow;

use docbind::{Nullable, Validate};
use serde::Serialize;

#[derive(Validate, Serialize)]
#[serde(rename_all = "camelCase")]
struct Identity {
    #[validate(required, length(min = 1, max = 36))]
    id: Option<String>,
}

#[derive(Validate, Serialize)]
#[serde(rename_all = "camelCase")]
struct Everything<'a, T> {
    #[validate(length(min = 1, max = 256))]
    text: String,
    #[validate(length(max = 10, unit = "bytes"))]
    borrowed: &'a str,
    #[validate(length(min = 2, unit = "utf16"))]
    cow: Cow<'a, str>,
    #[validate(length(max = 3, unit = "chars"))]
    boxed: Box<str>,
    #[validate(required, length(max = 3))]
    option: Option<String>,
    #[validate(required)]
    #[validate(length(max = 3))]
    nullable: Nullable<Box<String>>,
    #[validate(items(min = 1, max = 5))]
    list: Vec<u32>,
    #[validate(items(max = 5), required)]
    optional_list: Option<Vec<String>>,
    #[validate(items(min = 0), nested)]
    nullable_list: Nullable<Vec<Identity>>,
    #[validate(nested)]
    one: Identity,
    #[validate(nested)]
    boxed_one: Box<Identity>,
    #[validate(required, nested)]
    maybe_one: Option<Identity>,
    #[validate(nested, items(max = 2))]
    generic: Vec<T>,
    #[validate(items(max = 5), items(max = 1, when = "id", warn))]
    replacing: Option<Vec<Identity>>,
    #[serde(rename = "@odata.type")]
    #[validate(length(max = 64))]
    odata_type: Option<String>,
    #[serde(flatten)]
    #[validate(nested)]
    flattened: Identity,
    r#type: u8,
}

#[derive(Validate)]
struct Empty {}

#[derive(Validate)]
struct Unit;

fn main() {
    let identity = || Identity {
        id: Some("1".into()),
    };
    let value = Everything {
        text: "x".into(),
        borrowed: "x",
        cow: "xy".into(),
        boxed: "x".into(),
        option: Some("x".into()),
        nullable: Nullable::Value(Box::new("x".into())),
        list: vec![1],
        optional_list: Some(vec![]),
        nullable_list: Nullable::Null,
        one: identity(),
        boxed_one: Box::new(identity()),
        maybe_one: Some(identity()),
        generic: vec![identity()],
        replacing: Some(vec![identity(), identity()]),
        odata_type: None,
        flattened: identity(),
        r#type: 0,
    };
    value.validate().unwrap();
    // Two items set `id`: a warning, not an error.
    assert_eq!(value.check().warnings.len(), 1);
    Empty {}.validate().unwrap();
    Unit.validate().unwrap();
}
