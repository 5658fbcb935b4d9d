//! What the fuzz targets in `fuzz/` found: each input as the fuzzer minimized it (the files
//! under `tests/fuzz/<target>/`), replayed through its target, with the outcome it must have.

// A test replays only the targets it needs.
#[allow(dead_code)]
#[path = "fuzz/targets.rs"]
mod targets;

use docbind_codegen::extract;
use docbind_codegen::model::Code;

/// serde_json's position at the end of the text is its last byte, which may be inside a
/// character (here a no-break space): the error's offset must be a place in the text.
#[test]
fn json_error_offset_is_a_char_boundary() {
    let input = include_bytes!("fuzz/json/eof-after-multibyte-char");
    let e = targets::json(input).unwrap().unwrap_err();
    assert_eq!(e.offset, 1, "the start of the no-break space");
    assert!(e.message.contains("EOF"), "{}", e.message);
    // On a page, such an offset was shown at column 1 instead of the character's.
    let page = "<!--{\"\u{e9}-->\n```json\n{}\n```\n";
    let fragment = extract::page("resources/x.md", page);
    let d = (fragment.diagnostics.iter())
        .find(|d| d.code == Code::AnnotationJson)
        .expect("the annotation is reported");
    assert_eq!((d.source.line, d.source.col), (1, 7), "{d:?}");
}

/// serde_json's fast float parser may land one unit off the nearest double, so a number read
/// from a page wrote back as another number that reads differently: the example changed.
#[test]
fn json_numbers_read_exactly() {
    let input = include_bytes!("fuzz/json/float-parsed-imprecisely");
    let read = targets::json(input).unwrap().unwrap();
    assert_eq!(read.value.to_string(), "[-9.223372023685477e+19]");
}
