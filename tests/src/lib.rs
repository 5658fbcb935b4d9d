//! Shared pieces of the cross-crate tests: where the shared material is, and how a doc example
//! is run through the types generated from `docs-src/`.

use std::path::PathBuf;

use docbind_codegen::model::{ExampleBlock, Model, Operation};

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

/// The type generated from `docs-src/` that an example block should fit.
pub fn target(
    op: Option<&Operation>,
    block: &ExampleBlock,
    request: Option<&ExampleBlock>,
) -> Option<docbind::Target> {
    docs_src_bindings::REGISTRY.target(&docbind_codegen::verify::example(op, block, request))
}

/// The round trip of a type generated from `docs-src/`, by name.
pub fn type_round_trip(name: &str) -> docbind::RoundTrip {
    let info = docs_src_bindings::TYPES.iter().find(|t| t.name == name);
    info.expect("known type").round_trip
}
