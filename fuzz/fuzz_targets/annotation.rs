//! The annotation reader: any text as the `<!-- … -->` annotation of code blocks on two
//! small pages, read, resolved and emitted.
//! See `codegen/tests/fuzz/targets.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docbind_fuzz::annotation(data);
});
