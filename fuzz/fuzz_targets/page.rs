//! The page reader: any text through `markdown::parse` and `extract::page`.
//! See `codegen/tests/fuzz/targets.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docbind_fuzz::page(data);
});
