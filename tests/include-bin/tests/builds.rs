//! `cargo test` builds the binary for this test, as `cargo build` would: under
//! `#![deny(warnings)]`, a warning from the included bindings fails that build.

#[test]
fn the_binary_that_includes_the_bindings_builds_and_runs() {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_docbind-include-bin"))
        .status()
        .expect("the binary runs");
    assert!(status.success());
}
