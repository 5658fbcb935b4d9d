//! The lenient JSON reader `extract::json::read`, and what it reads written back.
//! See `codegen/tests/fuzz/targets.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docbind_fuzz::json(data);
});
