//! Compile-time behaviour of `#[derive(Validate)]`: what it accepts, and the errors it gives.
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test -p docbind-tests --test ui`,
//! then read every changed `.stderr`: each mistake should give one error, at the mistake.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
