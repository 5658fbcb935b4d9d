//! Annotated code blocks: the annotation's JSON, and the JSON body a block holds.

use serde_json::{Map, Value};

use super::{Cx, json};
use crate::markdown::CodeBlock;
use crate::model::*;

/// A block's annotation, `<!-- { "blockType": "resource", … } -->`, read.
pub(super) struct Annotation(Map<String, Value>);

impl Annotation {
    /// `resource`, `request`, `response`, `example` or `ignored`.
    pub(super) fn block_type(&self) -> Option<&str> {
        self.0.get("blockType").and_then(Value::as_str)
    }

    pub(super) fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    /// A type name, without the `#` some annotations write before it.
    pub(super) fn type_name(&self, key: &str) -> Option<String> {
        self.text(key).map(|s| s.trim_start_matches('#').to_owned())
    }

    /// The type the block shows: `@odata.type`, which some pages spell `@type`.
    pub(super) fn odata_type(&self) -> Option<String> {
        self.type_name("@odata.type")
            .or_else(|| self.type_name("@type"))
    }

    /// A list of names, such as `nullableProperties`.
    pub(super) fn names(&self, key: &str) -> Vec<String> {
        let list = self.0.get(key).and_then(Value::as_array);
        let names = list.into_iter().flatten().filter_map(Value::as_str);
        names.map(str::to_owned).collect()
    }

    /// A flag, which some pages write as a string: `"isCollection": "true"`.
    pub(super) fn flag(&self, key: &str) -> bool {
        self.0
            .get(key)
            .is_some_and(|v| v == &Value::Bool(true) || v.as_str() == Some("true"))
    }
}

impl Cx<'_> {
    /// The annotation of a block, with a diagnostic when it does not read.
    pub(super) fn annotation(&self, block: &CodeBlock) -> Option<Annotation> {
        let ann = block.annotation.as_ref()?;
        match json::read(&ann.text) {
            Ok(read) => match read.value {
                Value::Object(map) => Some(Annotation(map)),
                _ => None,
            },
            Err(e) => {
                let offset = ann.offset + e.offset;
                self.diag(
                    offset,
                    Code::AnnotationJson,
                    format!("block annotation is not readable JSON: {}", e.message),
                );
                None
            }
        }
    }

    /// Reads a JSON body that starts at `start` in the block's text.
    pub(super) fn body_json(&self, block: &CodeBlock, start: usize) -> Option<Value> {
        self.read_body(block, start).0
    }

    /// Reads a JSON body that starts at `start` in the block's text: one diagnostic per body
    /// read leniently (at its first repair) or not readable (where reading stopped), and one
    /// per key that repeats in its object.
    pub(super) fn read_body(
        &self,
        block: &CodeBlock,
        start: usize,
    ) -> (Option<Value>, Option<JsonStatus>) {
        let text = &block.text[start..];
        if text.trim().is_empty() {
            return (None, None);
        }
        let read = json::read(text);
        for (offset, key) in read.iter().flat_map(|r| &r.duplicate_keys) {
            self.diag(
                block.source_offset(start + offset),
                Code::JsonDuplicateKey,
                format!("JSON object repeats the key `{key}`; the last value is kept"),
            );
        }
        match read {
            Ok(read) if read.repairs.is_empty() => (Some(read.value), Some(JsonStatus::Strict)),
            Ok(read) => {
                let mut kinds: Vec<&str> = read.repairs.iter().map(|(_, r)| r.describe()).collect();
                kinds.dedup();
                let at = block.source_offset(start + read.repairs[0].0);
                let message = format!("JSON body has {}; read leniently", kinds.join(", "));
                self.diag(at, Code::JsonLenient, message);
                (Some(read.value), Some(JsonStatus::Lenient))
            }
            Err(e) => {
                let at = block.source_offset(start + e.offset);
                self.diag(
                    at,
                    Code::JsonInvalid,
                    format!("JSON body is not readable: {}", e.message),
                );
                (None, Some(JsonStatus::Unreadable))
            }
        }
    }
}

/// The `value` of a body that holds nothing else but annotations: OData's wrapper of a
/// collection (`{"value": [...]}`) or of a primitive (`{"value": true}`). Annotations are
/// `@odata.context` and `x@odata.type`, or in OData 4.0's older form `odata.context`.
pub(crate) fn value_member(json: &Value) -> Option<&Value> {
    let map = json.as_object()?;
    map.keys()
        .all(|k| k == "value" || k.contains('@') || k.starts_with("odata."))
        .then(|| map.get("value"))?
}

/// An OData collection response: `{"value": [...]}`, annotations aside.
pub(super) fn is_value_list(json: &Value) -> bool {
    value_member(json).is_some_and(Value::is_array)
}

/// How a JSON value reads in a message.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
