// The rules beyond sizes and presence, on every field type they accept.

use docbind::checks::WireValue;
use docbind::{Nullable, Validate};
use serde::Serialize;

#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
enum Modality {
    Audio,
    Video,
    UnknownFutureValue,
}

impl WireValue for Modality {
    fn wire_value(&self) -> &str {
        match self {
            Modality::Audio => "audio",
            Modality::Video => "video",
            Modality::UnknownFutureValue => "unknownFutureValue",
        }
    }
}

fn not_blank(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err("expected some text, found only blanks".into())
    } else {
        Ok(())
    }
}

// Named like the generated code's own locals, which must not hide them.
fn path(_: &u32) -> Result<(), String> {
    Ok(())
}

fn errors(_: &u32) -> Result<(), String> {
    Ok(())
}

mod rules {
    pub fn one_modality_at_most(call: &super::Call) -> Result<(), &'static str> {
        match call.modalities.len() {
            0 | 1 => Ok(()),
            _ => Err("expected one modality at most"),
        }
    }
}

#[derive(Validate, Serialize)]
#[serde(rename_all = "camelCase")]
#[validate(custom = rules::one_modality_at_most)]
#[validate(custom = |_: &Call| Ok::<(), String>(()))]
struct Call {
    #[validate(range(min = 1, max = 100), custom = path, custom = errors)]
    count: u32,
    #[validate(range(min = -1.5, max = 1.5))]
    ratio: Option<f64>,
    #[validate(range(min = -10))]
    offset: Nullable<Box<i64>>,
    #[validate(range(max = 0.5))]
    small: f32,
    #[validate(pattern = "^[a-z]+$")]
    slug: String,
    #[validate(pattern = r"\d{3}", length(max = 10))]
    code: Option<Box<str>>,
    #[validate(format = "guid")]
    id: String,
    #[validate(format = "email")]
    email: Nullable<String>,
    #[validate(format = "uri", required)]
    callback_uri: Option<String>,
    #[validate(allowed(values = ["low", "high"]))]
    priority: String,
    #[validate(allowed(values = ["audio"], unknown_future_value = true))]
    modality: Option<Modality>,
    #[validate(allowed(unknown_future_value = false), items(max = 2))]
    modalities: Vec<Modality>,
    #[validate(read_only)]
    created: Option<String>,
    #[validate(read_only)]
    etag: Nullable<String>,
    #[validate(custom = not_blank, custom = crate::not_blank)]
    subject: String,
}

fn main() {
    let call = Call {
        count: 1,
        ratio: None,
        offset: Nullable::Null,
        small: 0.0,
        slug: "a".into(),
        code: Some("123".into()),
        id: "5b3b2e1c-6f4a-4c39-9d0e-3d8c5c2a9a10".into(),
        email: Nullable::Value("a@example.com".into()),
        callback_uri: Some("https://example.com/cb".into()),
        priority: "low".into(),
        modality: Some(Modality::UnknownFutureValue),
        modalities: vec![Modality::Audio],
        created: None,
        etag: Nullable::Absent,
        subject: "hi".into(),
    };
    call.validate().unwrap();
    let _ = Modality::Video;
    let constraints = Call::constraints();
    assert_eq!(constraints.len(), 23);
    serde_json::to_string(&constraints).unwrap();
}
