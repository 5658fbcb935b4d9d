//! The fuzz targets' bodies. They live beside their regression tests in codegen, so that a
//! test replays a crash input exactly as its target ran it.

#[path = "../../codegen/tests/fuzz/targets.rs"]
mod targets;

pub use targets::*;
