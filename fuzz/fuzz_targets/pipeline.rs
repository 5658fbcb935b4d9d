//! Parse, resolve and emit over up to three pages; every emitted Rust file parses.
//! See `codegen/tests/fuzz/targets.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docbind_fuzz::pipeline(data);
});
