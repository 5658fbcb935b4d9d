//! What each fuzz target in `fuzz/` runs on its input, and the checks on what docbind makes of
//! it: a check that fails panics, which libFuzzer reports as a crash. It lives here, not in
//! `fuzz/`, so that `tests/fuzz_regressions.rs` replays an input exactly as its target ran it,
//! without building the fuzz crate.

use docbind_codegen::emit::{self, DocLanguage, Layout, Manifest, Runtime};
use docbind_codegen::extract::{self, Fragment, json};
use docbind_codegen::markdown;
use docbind_codegen::model::{Diagnostic, Model};

/// The page reader: any text through `markdown::parse` and `extract::page`. The ranges the
/// markdown reader keeps are ranges of the page.
pub fn page(data: &[u8]) -> Fragment {
    let page = named_page(&String::from_utf8_lossy(data), "api/page-get.md");
    let doc = markdown::parse(&page.text);
    let len = page.text.len();
    let ranges = (doc.sections.iter().map(|s| &s.range))
        .chain(doc.tables.iter().map(|t| &t.range))
        .chain(doc.paragraphs.iter().map(|p| &p.range))
        .chain(doc.blocks.iter().map(|b| &b.range));
    for r in ranges {
        assert!(
            r.start <= r.end && r.end <= len,
            "range {r:?} outside the page"
        );
    }
    let pages = [page];
    extract(&pages).pop().expect("one page, one fragment")
}

/// The lenient JSON reader on any UTF-8 text. What it reads writes back and reads again as the
/// same value; its repairs and errors are at places in the text (they become positions on the
/// page).
pub fn json(data: &[u8]) -> Option<Result<json::Read, json::Unreadable>> {
    let text = std::str::from_utf8(data).ok()?;
    let read = json::read(text);
    match &read {
        Ok(read) => {
            for (offset, repair) in &read.repairs {
                let at = text.is_char_boundary(*offset);
                assert!(at, "{repair:?} at {offset}, not a place in the text");
            }
            let written = serde_json::to_string(&read.value).expect("the value writes back");
            let again: serde_json::Value =
                serde_json::from_str(&written).expect("what was written reads back");
            assert_eq!(again, read.value, "the value changed through {written}");
        }
        Err(e) => {
            let at = text.is_char_boundary(e.offset);
            assert!(at, "error at {}, not a place in the text", e.offset);
        }
    }
    Some(read)
}

/// The annotation reader: any text as the inside of the `<!-- … -->` annotation of the JSON
/// representation on a small resource page, and of the request and response examples on a
/// small API page, through extract, resolve and emit (an annotation names the types, and so
/// the Rust items). The text goes through `extract::json::read` on its own too, as
/// annotations are read with it.
pub fn annotation(data: &[u8]) -> Model {
    let annotation = String::from_utf8_lossy(data);
    let _ = json(annotation.as_bytes());
    let pages = [
        Page {
            file: "resources/widget.md".into(),
            text: RESOURCE.replace("ANNOTATION", &annotation),
        },
        Page {
            file: "api/widget-get.md".into(),
            text: API.replace("ANNOTATION", &annotation),
        },
    ];
    let fragments = extract(&pages);
    resolve_and_emit(&pages, fragments, Layout::SingleFile, DocLanguage::English)
}

/// Parse, resolve and emit over up to three pages (see [`pages`]). The input's length picks
/// the layout and the language of doc comments, so that an input alone reproduces its run.
pub fn pipeline(data: &[u8]) -> Model {
    let pages = pages(data);
    let fragments = extract(&pages);
    let layout = match data.len() % 3 {
        0 => Layout::SingleFile,
        1 => Layout::Crate { manifest: None },
        _ => Layout::Crate {
            manifest: Some(Manifest {
                name: "fuzzed",
                runtime: Runtime::Version,
            }),
        },
    };
    let language = match data.len() / 3 % 2 {
        0 => DocLanguage::English,
        _ => DocLanguage::Page,
    };
    resolve_and_emit(&pages, fragments, layout, language)
}

/// A page: the name diagnostics give it (its path decides its kind and area) and its text.
pub struct Page {
    pub file: String,
    pub text: String,
}

/// An input's text as one page. A first line that names a markdown file
/// (`api/widget-get.md`) is the page's name, so that a seed carries its own; else the page is
/// named `default`.
pub fn named_page(text: &str, default: &str) -> Page {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let named =
        first.ends_with(".md") && first.len() <= 120 && !first.chars().any(char::is_whitespace);
    let (file, text) = if named {
        (first, rest)
    } else {
        (default, text)
    };
    Page {
        file: file.to_owned(),
        text: text.to_owned(),
    }
}

/// The pages of an input: up to three, separated by `0xFF` bytes (which no UTF-8 text holds);
/// what follows a third separator is not read.
pub fn pages(data: &[u8]) -> Vec<Page> {
    const DEFAULTS: [&str; 3] = [
        "resources/first.md",
        "api/second-get.md",
        "resources/third.md",
    ];
    (data.split(|&b| b == 0xFF).zip(DEFAULTS))
        .map(|(chunk, default)| named_page(&String::from_utf8_lossy(chunk), default))
        .collect()
}

/// Reads each page with `extract::page`, checking that its diagnostics point into it.
pub fn extract(pages: &[Page]) -> Vec<Fragment> {
    let read = |p: &Page| {
        let fragment = extract::page(&p.file, &p.text);
        check_positions(pages, &fragment.diagnostics);
        fragment
    };
    pages.iter().map(read).collect()
}

/// Every diagnostic names one of the pages, at a line and column inside it: a failure that
/// cannot be shown where it is is not clear.
pub fn check_positions(pages: &[Page], diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let at = &d.source;
        // Two pages may share a name: the position must fit one of them.
        let fits = (pages.iter().filter(|p| p.file.as_str() == &*at.file)).any(|p| {
            let line = p.text.split('\n').nth((at.line as usize).wrapping_sub(1));
            line.is_some_and(|line| at.col >= 1 && at.col as usize <= line.chars().count() + 1)
        });
        assert!(fits, "diagnostic outside its page: {d:?}");
    }
}

/// Resolves the fragments, checks the model's diagnostics and that it dumps as JSON, then
/// emits it and checks that every Rust file parses.
pub fn resolve_and_emit(
    pages: &[Page],
    fragments: Vec<Fragment>,
    layout: Layout,
    language: DocLanguage,
) -> Model {
    let model = docbind_codegen::resolve::resolve(fragments);
    check_positions(pages, &model.diagnostics);
    serde_json::to_string(&model).expect("the model dumps as JSON");
    for (path, code) in emit::emit(&model, layout, language) {
        if path.ends_with(".rs")
            && let Err(e) = syn::parse_file(&code)
        {
            panic!("{path} does not parse: {e}\n{code}");
        }
    }
    model
}

/// The resource page of the annotation target: `ANNOTATION` stands for the input.
const RESOURCE: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

A part.

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
| id | String | The part number. Read-only. |
| size | Int32 | The size, between 1 and 10. |

## JSON representation

<!--ANNOTATION-->
```json
{
  "id": "String (identifier)",
  "size": 1024
}
```
"#;

/// The API page of the annotation target: `ANNOTATION` stands for the input.
const API: &str = r#"---
title: "Get widget"
doc_type: apiPageType
---
# Get widget

Namespace: microsoft.graph

Read a [widget](../resources/widget.md).

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Examples

### Request

<!--ANNOTATION-->
```http
GET https://graph.microsoft.com/v1.0/widgets/7
```

### Response

<!--ANNOTATION-->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "id": "7",
  "size": 3
}
```
"#;
