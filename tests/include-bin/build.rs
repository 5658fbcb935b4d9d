//! Generates bindings for `docs-src/` through the build-script API, as a user's crate would.

fn main() {
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-src");
    docbind_codegen::build::Config::new()
        .compile(&[docs])
        .expect("docs-src generates");
}
