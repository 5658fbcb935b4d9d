//! `generated/` must be exactly what `docbind generate` writes for `docs-src/`.

use docbind_codegen::emit::{DocLanguage, Layout, emit};
use docbind_tests::{docs_src, root};

#[test]
fn generated_crate_is_fresh() {
    let files = emit(
        &docs_src(),
        Layout::Crate { manifest: None },
        DocLanguage::default(),
    );
    let report = docbind_codegen::build::stale_report(&root().join("generated"), &files).unwrap();
    assert!(
        report.is_empty(),
        "generated/ is stale; run `cargo docbind generate`:\n{report}"
    );
}

#[test]
fn output_does_not_depend_on_input_order() {
    let model = docs_src();
    let mut fragments: Vec<_> = docbind_codegen::inputs(&[root().join("docs-src")])
        .unwrap()
        .iter()
        .map(|input| {
            docbind_codegen::extract::page(
                &input.name,
                &std::fs::read_to_string(&input.path).unwrap(),
            )
        })
        .collect();
    fragments.reverse();
    let reversed = docbind_codegen::resolve::resolve(fragments);
    assert_eq!(reversed, model);
    assert_eq!(
        emit(
            &reversed,
            Layout::Crate { manifest: None },
            DocLanguage::default()
        ),
        emit(
            &model,
            Layout::Crate { manifest: None },
            DocLanguage::default()
        )
    );
}

#[test]
fn every_generated_file_says_so_on_its_first_line() {
    for (path, content) in emit(
        &docs_src(),
        Layout::Crate { manifest: None },
        DocLanguage::default(),
    ) {
        assert!(content.starts_with("// @generated"), "{path}");
    }
}
