//! What the fuzz targets in `fuzz/` found: each input as the fuzzer minimized it (the files
//! under `tests/fuzz/<target>/`), replayed through its target, with the outcome it must have.

// A test replays only the targets it needs.
#[allow(dead_code)]
#[path = "fuzz/targets.rs"]
mod targets;
