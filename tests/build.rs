//! Generates bindings from the seed page alone through the build-script API, the way a user
//! of docbind would, so the tests can check the rules the seed itself states.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(seed_bindings)");
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/seeds/participant-invite.pt-BR.md");
    // Also when missing: cargo then reruns this script until the seed appears.
    println!("cargo::rerun-if-changed={}", seed.display());
    if seed.exists() {
        // One page of many: the types it names that other pages define are expected to be
        // missing, so only errors are printed.
        docbind_codegen::build::Config::new()
            .warn(docbind_codegen::model::Severity::Error)
            .compile(&[seed])
            .expect("the seed generates");
        println!("cargo::rustc-cfg=seed_bindings");
    } else {
        // The tests that need it report that they skipped (or fail under CI).
        println!("cargo::warning=the seed page is not there; its bindings are not generated");
    }
}
