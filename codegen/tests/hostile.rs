//! Hostile pages, read by the engine: includes that reach out of the docs root, JSON nested
//! 100,000 levels deep, a 50 MB page, repeated JSON keys, base-type loops, and names and text
//! that try to become code. Each case asserts what docbind makes of it: a located
//! diagnostic, and nothing read from where it must not be. What the emitter writes for the
//! golden fixture `tests/golden/hostile` is compiled by `tests/tests/hostile.rs`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use docbind_codegen::emit::{self, DocLanguage, Layout};
use docbind_codegen::model::{Code, Model};

/// A fresh folder for one test's pages.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docbind-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `(code, line:col, message)` of every diagnostic, in order.
fn diagnostics(model: &Model) -> Vec<(Code, String, String)> {
    model
        .diagnostics
        .iter()
        .map(|d| {
            let at = format!("{}:{}", d.source.line, d.source.col);
            (d.code, at, d.message.clone())
        })
        .collect()
}

/// Loads `paths` on another thread, failing the test if it takes longer than `limit`.
fn load_within(paths: Vec<PathBuf>, limit: Duration) -> Model {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || send.send(docbind_codegen::load(&paths).unwrap()));
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("reading took longer than {limit:?}"))
}

const PERMISSIONS_PAGE: &str =
    "# Get x\n\n## Permissions\n[!INCLUDE [p](TARGET)]\n\n## HTTP request\n```http\nGET /x\n```\n";

/// Each include that leaves the docs root, by `../`, an absolute path or a symbolic link
/// (to a file or to a folder), is a located `include-outside-root` note, and the file outside
/// is not read: the permissions it lists are not the page's.
#[cfg(unix)]
#[test]
fn includes_never_leave_the_docs_root() {
    let base = scratch("include");
    let root = base.join("docs");
    let secret = base.join("secret.md");
    write(
        &secret,
        "| Permission type | Permissions |\n|---|---|\n| Application | Secret.Read.All |\n",
    );
    write(&root.join("includes/inside.md"), "inside\n");
    std::os::unix::fs::symlink(&secret, root.join("includes/link.md")).unwrap();
    std::os::unix::fs::symlink(&base, root.join("up")).unwrap();
    let absolute = secret.to_string_lossy().into_owned();
    let targets = [
        ("dots", "../../secret.md"),
        ("absolute", absolute.as_str()),
        ("file-link", "../includes/link.md"),
        ("folder-link", "../up/secret.md"),
    ];
    for (name, target) in targets {
        write(
            &root.join(format!("api/{name}.md")),
            &PERMISSIONS_PAGE.replace("TARGET", target),
        );
    }
    // Walked as a folder, and each page alone (its folder is then the root, and no walk
    // records what is there).
    let mut inputs = vec![root.clone()];
    inputs.extend(
        targets
            .iter()
            .map(|(n, _)| root.join(format!("api/{n}.md"))),
    );
    for input in inputs {
        let model = docbind_codegen::load(std::slice::from_ref(&input)).unwrap();
        assert!(!model.operations.is_empty());
        for op in &model.operations {
            assert!(
                op.permissions.is_empty(),
                "{}: {:?}",
                op.name,
                op.permissions
            );
        }
        let notes: Vec<_> = model
            .diagnostics
            .iter()
            .map(|d| (d.code, d.source.line))
            .collect();
        assert_eq!(
            notes,
            vec![(Code::IncludeOutsideRoot, 4); model.operations.len()],
            "{}",
            input.display()
        );
        for (d, op) in model.diagnostics.iter().zip(&model.operations) {
            let target = targets.iter().find(|(n, _)| *n == op.name).unwrap().1;
            assert_eq!(
                d.message,
                format!("1 included file(s) outside the docs root, so not read: `{target}`")
            );
        }
    }
    std::fs::remove_dir_all(&base).unwrap();
}

/// JSON nested 100,000 levels deep, in a block and in an annotation: no stack overflow, a
/// diagnostic where serde_json's recursion limit stops the reading, the rest of the page read.
#[test]
fn json_nested_100000_levels_is_a_located_error() {
    let dir = scratch("deep");
    let deep =
        |open: &str, close: &str| format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
    let page = format!(
        "# deep resource type\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.deep\" }}-->\n\
         ```json\n{{ \"a\": \"String\" }}\n```\n\n\
         <!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.deep\" }}-->\n\
         ```json\n{{\"a\": {}}}\n```\n\n\
         <!-- {{ \"blockType\": \"example\", \"x\": {} }}-->\n\
         ```json\n{{ \"a\": \"b\" }}\n```\n",
        deep("[", "]"),
        deep("{\"a\":", "}")
    );
    write(&dir.join("deep.md"), &page);
    let model = load_within(vec![dir.clone()], Duration::from_secs(60));
    let d = diagnostics(&model);
    // Where the 128th level opens, counting the object around the example's array.
    assert_eq!(
        d,
        [
            (
                Code::TableJsonMismatch,
                "5:3".to_owned(),
                "property `a` is in the JSON representation but not in the properties table"
                    .to_owned()
            ),
            (
                Code::JsonInvalid,
                format!("10:{}", "{\"a\": ".len() + 127),
                "JSON body is not readable: recursion limit exceeded".to_owned()
            ),
            (
                Code::AnnotationJson,
                format!(
                    "13:{}",
                    "<!-- { \"blockType\": \"example\", \"x\": ".len() + 1 + 126 * 5
                ),
                "block annotation is not readable JSON: recursion limit exceeded".to_owned()
            ),
        ]
    );
    assert_eq!(model.types[0].name(), "microsoft.graph.deep");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A 50 MB page (25 MB of prose, a JSON representation of 200,000 properties, and a 25 MB
/// example broken at its end) is read within a minute, with the error where it is.
#[test]
fn a_50_mb_page_is_read_in_bounded_time() {
    let dir = scratch("big");
    let mut page = String::from("# big resource type\n\n");
    page.push_str(&"word ".repeat(5 << 20));
    page.push_str("\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.big\" }-->\n```json\n{\n");
    for i in 0..200_000 {
        page.push_str(&format!("  \"p{i}\": \"String\",\n"));
    }
    page.push_str("  \"end\": \"String\"\n}\n```\n\n<!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.big\" }-->\n```json\n{\"value\": [\n");
    page.push_str(&"    {\"p0\": \"x\"},\n".repeat(1_400_000));
    page.push_str("    {\"p0\": nope}\n]}\n```\n");
    assert!(page.len() > 50 << 20, "{} bytes", page.len());
    write(&dir.join("big.md"), &page);
    let started = Instant::now();
    let model = load_within(vec![dir.clone()], Duration::from_secs(60));
    eprintln!("50 MB page read in {:?}", started.elapsed());
    let broken = page.lines().count() - 2;
    let errors: Vec<_> = (diagnostics(&model).into_iter())
        .filter(|(code, ..)| *code == Code::JsonInvalid)
        .collect();
    assert_eq!(
        errors,
        [(
            Code::JsonInvalid,
            format!("{broken}:13"),
            "JSON body is not readable: expected ident".to_owned()
        )]
    );
    let big = model.types[0].as_complex().unwrap();
    assert_eq!(big.properties.len(), 200_001);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A key that repeats in a JSON object is reported where it repeats; the last value is kept.
#[test]
fn repeated_json_keys_are_reported() {
    let dir = scratch("duplicate");
    let page = "# dup resource type\n\n\
                <!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.dup\" }-->\n\
                ```json\n{ \"a\": \"String\", \"a\": \"Int32\" }\n```\n";
    write(&dir.join("dup.md"), page);
    let model = docbind_codegen::load(std::slice::from_ref(&dir)).unwrap();
    let d: Vec<_> = (diagnostics(&model).into_iter())
        .filter(|(code, ..)| *code == Code::JsonDuplicateKey)
        .collect();
    assert_eq!(
        d,
        [(
            Code::JsonDuplicateKey,
            "5:18".to_owned(),
            "JSON object repeats the key `a`; the last value is kept".to_owned()
        )]
    );
    let dup = model.types[0].as_complex().unwrap();
    assert_eq!(dup.properties.len(), 1);
    assert_eq!(dup.properties[0].ty.to_string(), "Edm.Int32");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn golden_hostile() -> Model {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/hostile/docs");
    docbind_codegen::load(&[docs]).unwrap()
}

/// Base types that form a loop, directly or through another type, lose their base with a
/// located error; the types are still generated (and compile: `tests/tests/hostile.rs`).
#[test]
fn base_type_loops_are_cut_and_reported() {
    let model = golden_hostile();
    let cycles: Vec<_> = (diagnostics(&model).into_iter())
        .filter(|(code, ..)| *code == Code::BaseCycle)
        .collect();
    let cycle = |at: &str, name: &str, through: &str| {
        let message = format!(
            "`microsoft.graph.{name}` inherits from itself through `microsoft.graph.{through}`; its base type is ignored"
        );
        (Code::BaseCycle, at.to_owned(), message)
    };
    assert_eq!(
        cycles,
        [
            cycle("12:5", "loopA", "loopB"),
            cycle("17:5", "loopB", "loopA"),
            (
                Code::BaseCycle,
                "22:5".to_owned(),
                "`microsoft.graph.selfish` names itself as its base type; it is ignored".to_owned()
            ),
        ]
    );
    for name in ["loopA", "loopB", "selfish"] {
        let t = (model.types.iter())
            .find(|t| t.name() == format!("microsoft.graph.{name}"))
            .unwrap();
        assert_eq!(t.as_complex().unwrap().base, None, "{name}");
    }
}

/// Doc comments of the hostile fixture open no code block but the emitter's own `text` ones
/// (a ```` ``` ```` or `~~~` at a line's start would make rustdoc run page text as a
/// doctest), and hold no bidi control or other control character.
#[test]
fn page_text_in_doc_comments_stays_text() {
    let files = emit::emit(&golden_hostile(), Layout::SingleFile, DocLanguage::English);
    let code = &files["docbind.rs"];
    let mut fences = Vec::new();
    for line in code.lines() {
        assert!(
            !line.chars().any(|c| c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{line:?}"
        );
        if let Some(doc) = line.trim_start().strip_prefix("///") {
            let doc = doc.trim_start();
            if doc.starts_with("```") || doc.starts_with("~~~") {
                fences.push(doc.to_owned());
            }
        }
    }
    // Three endpoints, each with one block of its paths.
    assert_eq!(fences, ["```text", "```"].repeat(3));
    assert!(code.contains("/// \\```rust fn main() { panic!() }\n"));
    assert!(code.contains("bidi \\u{202e}evil\\u{202c} done."));
    assert!(code.contains("/// The `{id\\u{202e}}` path parameter.\n"));
}

/// Pages named like std types and keywords give endpoint stubs that shadow nothing, and the
/// Rust names of hostile names are plain identifiers.
#[test]
fn hostile_names_become_plain_identifiers() {
    let files = emit::emit(&golden_hostile(), Layout::SingleFile, DocLanguage::English);
    let code = &files["docbind.rs"];
    for item in [
        "pub struct StringEndpoint {",
        "pub struct ResultEndpoint {",
        "pub struct SelfEndpoint {",
        "pub struct SelfEndpointBody {",
        "pub struct OptionType {",
        "pub struct VecType {",
        "pub struct SelfType {",
        "pub struct Type {",
        "pub struct FooBar {",
        "pub struct FooBar2 {",
        "pub struct FooBar3 {",
        "pub struct RustFnInjectedPanic {",
        "pub self_2: docbind::Nullable<String>,",
        "pub self_3: docbind::Nullable<String>,",
        "SelfValue2,",
    ] {
        assert!(code.contains(item), "{item}");
    }
    assert!(!code.contains("self__"));
    assert!(!code.contains("Self_"));
}
