//! Shared pieces of the cross-crate tests: where the shared material is, and how a doc example
//! is run through the types generated from `docs-src/`.

use std::path::PathBuf;

use docbind_codegen::model::{BlockKind, ExampleBlock, Model, Operation};
use serde_json::Value;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A path under `../shared`, or `None` (with a message) when it is not there. Under CI the
/// shared material must exist, so a missing one fails the test instead of skipping it.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is missing; CI needs the shared material",
            path.display()
        );
    }
    eprintln!("skipped: {} is not there", path.display());
    None
}

/// The corpus: `$DOCBIND_CORPUS`, or `../shared/corpus`.
pub fn corpus() -> Option<PathBuf> {
    match std::env::var_os("DOCBIND_CORPUS") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => shared("corpus"),
    }
}

/// The seed page, read as it is.
pub fn seed() -> Option<PathBuf> {
    shared("seeds/participant-invite.pt-BR.md")
}

/// `docs-src/` read through the pipeline.
pub fn docs_src() -> Model {
    docbind_codegen::load(&[root().join("docs-src")]).expect("docs-src reads")
}

/// What an example is checked against.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    Body(&'static str),
    Response(&'static str),
    Type(&'static str),
}

/// The generated type an example block should fit: the body or response of the endpoint its
/// request matches, or else the type its annotation names.
pub fn target(
    op: Option<&Operation>,
    block: &ExampleBlock,
    request: Option<&ExampleBlock>,
) -> Option<Target> {
    let endpoint = |req: &ExampleBlock| {
        let (method, path) = (req.method.as_deref()?, req.path.as_deref()?);
        docs_src_bindings::ENDPOINTS
            .iter()
            .find(|e| e.matches(method, path))
    };
    let by_page = || {
        let op = op?;
        docs_src_bindings::ENDPOINTS
            .iter()
            .find(|e| e.name == op.name)
    };
    match block.kind {
        BlockKind::Request => endpoint(block)
            .or_else(by_page)
            .map(|e| Target::Body(e.name)),
        BlockKind::Response => request
            .and_then(endpoint)
            .or_else(by_page)
            .map(|e| Target::Response(e.name))
            .or_else(|| type_info(block.odata_type.as_deref()?).map(|t| Target::Type(t.name))),
        BlockKind::Example => type_info(block.odata_type.as_deref()?).map(|t| Target::Type(t.name)),
    }
}

fn type_info(name: &str) -> Option<&'static docbind::TypeInfo> {
    let name = name.trim_start_matches('#');
    docs_src_bindings::TYPES.iter().find(|t| t.name == name)
}

/// Parses the example as its target, writes it back, and says how it fared.
pub fn check(target: &Target, json: &Value) -> docbind::Checked {
    let f = match target {
        Target::Body(name) => endpoint_info(name).body,
        Target::Response(name) => endpoint_info(name).response,
        Target::Type(name) => type_info(name).expect("known type").round_trip,
    };
    docbind::check(f, json)
}

fn endpoint_info(name: &str) -> &'static docbind::EndpointInfo {
    docs_src_bindings::ENDPOINTS
        .iter()
        .find(|e| e.name == name)
        .expect("known endpoint")
}
