//! The `docbind` binary on folders of pages written here: what it writes, what it refuses to
//! touch, and what it says.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty folder for one test, under cargo's scratch folder for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    match std::fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => panic!("{}: {e}", dir.display()),
        _ => {}
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `docbind args…` in `dir`.
fn docbind(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_docbind"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A resource page for `microsoft.graph.<name>` with string properties.
fn resource(name: &str, properties: &[&str]) -> String {
    let rows: String = properties
        .iter()
        .map(|p| format!("| {p} | String | What the {name} calls its {p}. |\n"))
        .collect();
    let keys: Vec<String> = properties
        .iter()
        .map(|p| format!("  \"{p}\": \"String\""))
        .collect();
    format!(
        "# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name} kept in the back room.\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n\
         ## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```json\n{{\n{}\n}}\n```\n",
        keys.join(",\n")
    )
}

/// A resource page whose JSON representation does not name its type: a warning.
const UNNAMED: &str = "# shelf resource type\n\nA shelf for the lamps.\n\n\
    ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Its number. |\n\n\
    ## JSON representation\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{\n  \"id\": \"String\"\n}\n```\n";

/// An example that is not JSON, on line 3 of what follows a page: an error.
const BROKEN_EXAMPLE: &str =
    "\n## Example\n\n<!-- { \"blockType\": \"example\" } -->\n```json\n{ \"id\": : 4 }\n```\n";

/// Every file under `dir` with its content, by path relative to `dir`.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_owned();
                out.insert(rel, read(&path));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn pages_named_like_crate_files_leave_them_alone() {
    let dir = scratch("crate-files");
    write(&dir.join("docs/lib.md"), &resource("book", &["title"]));
    write(&dir.join("docs/lib-shelf.md"), &resource("shelf", &["row"]));
    write(&dir.join("docs/main.md"), &resource("drawer", &["label"]));
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let lib = read(&dir.join("out/src/lib.rs"));
    assert!(
        lib.contains("pub use registry::"),
        "not a crate root:\n{lib}"
    );
    assert!(
        lib.contains("mod lib_;") && lib.contains("mod main_;"),
        "{lib}"
    );
    assert!(!dir.join("out/src/main.rs").exists(), "a binary target");
    let run = docbind(&dir, &["check", "docs", "--out", "out"]);
    assert!(run.ok() && run.stdout.contains("up to date"), "{run:?}");
}

#[test]
fn hand_written_files_are_replaced_only_with_force() {
    let dir = scratch("hand-written");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    let (lib, manifest) = ("// Mine.\n", "[package]\nname = \"mine\"\n");
    write(&dir.join("out/src/lib.rs"), lib);
    write(&dir.join("out/Cargo.toml"), manifest);
    let args = ["generate", "docs", "--out", "out", "--crate-name", "lamps"];
    let run = docbind(&dir, &args);
    assert!(!run.ok(), "{run:?}");
    for file in ["out/src/lib.rs", "out/Cargo.toml", "--force"] {
        assert!(run.stderr.contains(file), "{file}: {run:?}");
    }
    assert_eq!(read(&dir.join("out/src/lib.rs")), lib);
    assert_eq!(read(&dir.join("out/Cargo.toml")), manifest);
    assert!(!dir.join("out/src/lamp.rs").exists(), "nothing is written");

    let run = docbind(&dir, &[&args[..], &["--force"]].concat());
    assert!(run.ok(), "{run:?}");
    assert!(read(&dir.join("out/src/lib.rs")).starts_with("// @generated"));
    assert!(read(&dir.join("out/Cargo.toml")).starts_with("# @generated"));
}

#[test]
fn removed_files_are_reported_as_removed() {
    let dir = scratch("removed");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    write(&dir.join("docs/shade.md"), &resource("shade", &["id"]));
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    std::fs::remove_file(dir.join("docs/shade.md")).unwrap();
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let shade = Path::new("out/src/shade.rs").display().to_string();
    assert!(run.stdout.contains(&format!("removed {shade}")), "{run:?}");
    assert!(!run.stdout.contains(&format!("wrote {shade}")), "{run:?}");
    assert!(!dir.join(&shade).exists());
}

#[test]
fn finding_no_pages_is_an_error_that_touches_nothing() {
    let dir = scratch("no-pages");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let before = snapshot(&dir.join("out"));
    std::fs::create_dir(dir.join("empty")).unwrap();
    write(
        &dir.join("prose/notes.md"),
        "# Notes\n\nNothing but words here.\n",
    );
    for (input, says) in [
        ("empty", "no markdown pages (*.md) in empty"),
        ("prose", "no reference pages in prose"),
    ] {
        let run = docbind(&dir, &["generate", input, "--out", "out"]);
        assert!(!run.ok(), "{run:?}");
        assert!(run.stderr.contains(says), "{run:?}");
        assert_eq!(snapshot(&dir.join("out")), before, "{input}");
    }
    // A folder with no page at all is a wrong path for every command; verify, which builds a
    // crate of the types, also refuses pages that define none.
    for args in [
        &["lint", "empty"][..],
        &["dump", "empty"],
        &["stats", "empty"],
        &["verify", "empty"],
        &["lint", "docs", "empty"],
        &["verify", "prose"],
    ] {
        let run = docbind(&dir, args);
        assert_eq!(run.code, Some(2), "{run:?}");
        let says = match args.last() {
            Some(&"prose") => "no reference pages in prose",
            _ => "no markdown pages (*.md) in empty",
        };
        assert!(run.stderr.contains(says), "{run:?}");
    }
}

#[test]
fn overlapping_inputs_are_read_once() {
    let dir = scratch("overlap");
    write(&dir.join("mini/api/lamp.md"), &resource("lamp", &["id"]));
    write(
        &dir.join("mini/resources/shade.md"),
        &resource("shade", &["id"]),
    );
    // Read from the widest folder given, whatever the order.
    for args in [
        ["dump", "mini", "mini/api", "mini/api/lamp.md"],
        ["dump", "mini/api/lamp.md", "mini/api", "mini"],
    ] {
        let run = docbind(&dir, &args);
        assert!(run.ok(), "{run:?}");
        let dump: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let pages: Vec<&str> = dump["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["file"].as_str().unwrap())
            .collect();
        assert_eq!(pages, ["mini/api/lamp.md", "mini/resources/shade.md"]);
        assert!(!run.stdout.contains("type-merged"), "{run:?}");
    }
}

#[test]
fn the_manifest_names_the_runtime_by_version_or_by_the_path_given() {
    let dir = scratch("manifest");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    let run = docbind(
        &dir,
        &["generate", "docs", "--out", "out", "--crate-name", "lamps"],
    );
    assert!(run.ok(), "{run:?}");
    let manifest = read(&dir.join("out/Cargo.toml"));
    let version = format!("docbind = \"{}\"\n", env!("CARGO_PKG_VERSION"));
    assert!(manifest.contains(&version), "{manifest}");
    assert!(!manifest.contains("path"), "{manifest}");

    let args = ["generate", "docs", "--out", "out", "--crate-name", "lamps"];
    let run = docbind(
        &dir,
        &[&args[..], &["--runtime-path", "../vendor/docbind"]].concat(),
    );
    assert!(run.ok(), "{run:?}");
    let manifest = read(&dir.join("out/Cargo.toml"));
    assert!(
        manifest.contains("docbind = { path = \"../vendor/docbind\" }\n"),
        "{manifest}"
    );
}

/// The temporary file docbind writes `path` to before it renames it into place.
fn temporary(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap().to_string_lossy();
    path.with_file_name(format!(".{name}.docbind-tmp"))
}

#[test]
fn a_failed_write_leaves_the_previous_output() {
    let dir = scratch("failed-write");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    write(&dir.join("docs/shade.md"), &resource("shade", &["id"]));
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let before = snapshot(&dir.join("out"));
    write(
        &dir.join("docs/lamp.md"),
        &resource("lamp", &["id", "color"]),
    );
    write(
        &dir.join("docs/shade.md"),
        &resource("shade", &["id", "color"]),
    );
    // lamp.rs is written before shade.rs, whose temporary file cannot be created.
    let blocker = temporary(&dir.join("out/src/shade.rs"));
    std::fs::create_dir(&blocker).unwrap();
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(!run.ok(), "{run:?}");
    assert!(run.stderr.contains(".shade.rs.docbind-tmp"), "{run:?}");
    assert_eq!(snapshot(&dir.join("out")), before);
    assert!(!temporary(&dir.join("out/src/lamp.rs")).exists());

    std::fs::remove_dir(&blocker).unwrap();
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    assert!(read(&dir.join("out/src/shade.rs")).contains("color"));
}

#[test]
fn unchanged_files_keep_their_mtime() {
    let dir = scratch("mtime");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    write(&dir.join("docs/shade.md"), &resource("shade", &["id"]));
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let then = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    let lamp = dir.join("out/src/lamp.rs");
    std::fs::File::options()
        .write(true)
        .open(&lamp)
        .unwrap()
        .set_modified(then)
        .unwrap();
    write(
        &dir.join("docs/shade.md"),
        &resource("shade", &["id", "color"]),
    );
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    assert!(
        run.stdout.contains("shade.rs") && !run.stdout.contains("lamp.rs"),
        "{run:?}"
    );
    assert_eq!(std::fs::metadata(&lamp).unwrap().modified().unwrap(), then);
}

#[test]
fn generate_reports_what_lint_would_and_fails_on_errors() {
    let dir = scratch("diagnostics");
    write(&dir.join("docs/shelf.md"), UNNAMED);
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let at = Path::new("docs/shelf.md:").display().to_string();
    for part in ["1 warning", "warning[resource-name-missing]", &at] {
        assert!(run.stderr.contains(part), "{part}: {run:?}");
    }
    let run = docbind(
        &dir,
        &["generate", "docs", "--out", "out", "--deny", "warnings"],
    );
    assert!(!run.ok(), "{run:?}");

    write(
        &dir.join("docs/lamp.md"),
        &(resource("lamp", &["id"]) + BROKEN_EXAMPLE),
    );
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(!run.ok(), "{run:?}");
    for part in ["1 error", "error[json-invalid]", "1 warning"] {
        assert!(run.stderr.contains(part), "{part}: {run:?}");
    }
}

#[test]
fn os_errors_name_the_path() {
    let dir = scratch("os-errors");
    let run = docbind(&dir, &["dump", "nowhere/lamp.md"]);
    assert!(!run.ok(), "{run:?}");
    assert!(run.stderr.contains("nowhere/lamp.md"), "{run:?}");

    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    write(&dir.join("taken"), "a file where the crate would go\n");
    let run = docbind(&dir, &["generate", "docs", "--out", "taken"]);
    assert!(!run.ok(), "{run:?}");
    assert!(run.stderr.contains("taken"), "{run:?}");
}

#[test]
fn diagnostics_name_pages_as_they_open_from_where_docbind_ran() {
    let dir = scratch("open-paths");
    let page = resource("lamp", &["id"]) + BROKEN_EXAMPLE;
    write(&dir.join("bad/brokenjson/lamp.md"), &page);
    let line = page.lines().position(|l| l.contains(": :")).unwrap() + 1;
    let at = Path::new(&format!("bad/brokenjson/lamp.md:{line}:"))
        .display()
        .to_string();

    let run = docbind(&dir, &["lint", "bad/brokenjson"]);
    assert!(run.stdout.contains(&at), "{at}: {run:?}");
    assert!(
        run.stdout.contains("{ \"id\": : 4 }"),
        "no snippet: {run:?}"
    );
    let run = docbind(&dir, &["lint", "bad/brokenjson", "--format", "json"]);
    assert!(run.stdout.contains(&at), "{at}: {run:?}");
    let run = docbind(&dir, &["generate", "bad/brokenjson", "--out", "out"]);
    assert!(run.stderr.contains(&at), "{at}: {run:?}");
    // The IR names pages from the folder's own name down, wherever docbind ran.
    let run = docbind(&dir, &["dump", "bad/brokenjson"]);
    assert!(
        run.stdout
            .contains(&format!("\"brokenjson/lamp.md:{line}:")),
        "{run:?}"
    );
    assert!(!run.stdout.contains("bad/"), "{run:?}");
}

#[test]
fn check_reproduces_how_the_crate_was_generated() {
    let dir = scratch("check");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    let options = [
        "--crate-name",
        "lamps",
        "--runtime-path",
        "../my runtime",
        "--doc-language",
        "page",
    ];
    let run = docbind(
        &dir,
        &[&["generate", "docs", "--out", "out"][..], &options].concat(),
    );
    assert!(run.ok(), "{run:?}");
    let run = docbind(&dir, &["check", "docs", "--out", "out"]);
    assert!(run.ok() && run.stdout.contains("up to date"), "{run:?}");

    let lamp = dir.join("out/src/lamp.rs");
    write(&lamp, &(read(&lamp) + "// A line of my own.\n"));
    let run = docbind(&dir, &["check", "docs", "--out", "out"]);
    assert!(!run.ok(), "{run:?}");
    let command = "docbind generate docs --out out --crate-name lamps \
                   --runtime-path '../my runtime' --doc-language page";
    for part in ["(on disk)", "(generated)", "-// A line of my own.", command] {
        assert!(run.stdout.contains(part), "{part}: {run:?}");
    }
}

/// `check DIR --format json`, read.
fn check_json(dir: &Path, extra: &[&str]) -> (Run, serde_json::Value) {
    let args = [
        &["check", "docs", "--out", "out", "--format", "json"][..],
        extra,
    ]
    .concat();
    let run = docbind(dir, &args);
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    (run, json)
}

#[test]
fn check_in_json_lists_each_stale_file_with_how_it_differs() {
    let dir = scratch("check-json");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    write(&dir.join("docs/shade.md"), &resource("shade", &["id"]));
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert!(run.ok(), "{run:?}");
    let (run, json) = check_json(&dir, &[]);
    assert!(run.ok(), "{run:?}");
    assert_eq!(
        json,
        serde_json::json!({
            "out": "out",
            "stale": [],
            "regenerate": "docbind generate docs --out out --doc-language english",
            "diagnostics": { "error": 0, "warning": 0, "note": 0 },
            "errors": [],
            "ok": true,
        })
    );

    let lamp = dir.join("out/src/lamp.rs");
    write(&lamp, &(read(&lamp) + "// A line of my own.\n"));
    std::fs::remove_file(dir.join("out/src/registry.rs")).unwrap();
    std::fs::rename(dir.join("docs/shade.md"), dir.join("docs/lamp-shade.md")).unwrap();
    let (run, json) = check_json(&dir, &[]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let file = |rel: &str| Path::new("out").join(rel).display().to_string();
    assert_eq!(
        json["stale"],
        serde_json::json!([
            { "file": file("src/lamp.rs"), "status": "changed" },
            // It no longer names `shade`.
            { "file": file("src/lib.rs"), "status": "changed" },
            { "file": file("src/registry.rs"), "status": "missing" },
            { "file": file("src/shade.rs"), "status": "extra" },
        ])
    );
    assert_eq!(json["ok"], false);
}

#[test]
fn check_with_lint_fails_on_errors_in_the_pages() {
    let dir = scratch("check-lint");
    write(&dir.join("docs/shelf.md"), UNNAMED);
    write(
        &dir.join("docs/lamp.md"),
        &(resource("lamp", &["id"]) + BROKEN_EXAMPLE),
    );
    // The output is written, and generate fails on the error.
    let run = docbind(&dir, &["generate", "docs", "--out", "out"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let run = docbind(&dir, &["check", "docs", "--out", "out"]);
    assert!(run.ok() && run.stdout.contains("up to date"), "{run:?}");

    let run = docbind(&dir, &["check", "docs", "--out", "out", "--lint"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("up to date"), "{run:?}");
    for part in [
        "error[json-invalid]",
        "1 error, 1 warning",
        "check failed on 1 error",
    ] {
        assert!(run.stderr.contains(part), "{part}: {run:?}");
    }

    let (run, json) = check_json(&dir, &["--lint"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(json["stale"], serde_json::json!([]));
    assert_eq!(
        json["diagnostics"],
        serde_json::json!({ "error": 1, "warning": 1, "note": 0 })
    );
    let error = &json["errors"][0];
    assert_eq!(
        (error["code"].as_str(), error["severity"].as_str()),
        (Some("json-invalid"), Some("error"))
    );
    let at = Path::new("docs/lamp.md:").display().to_string();
    assert!(
        error["source"].as_str().is_some_and(|s| s.starts_with(&at)),
        "{error}"
    );
    assert!(error["message"].is_string(), "{error}");
    assert_eq!(json["ok"], false);
    // Without --lint the errors are listed, and only staleness fails.
    let (run, json) = check_json(&dir, &[]);
    assert!(run.ok(), "{run:?}");
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["ok"], true);

    let run = docbind(&dir, &["check", "docs", "--out", "out", "--format", "yaml"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    let run = docbind(&dir, &["check", "nowhere", "--out", "out", "--lint"]);
    assert_eq!(run.code, Some(2), "{run:?}");
}

#[test]
fn crate_names_cargo_rejects_are_refused_with_the_rule() {
    let dir = scratch("crate-names");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    for (name, rule) in [
        ("self", "keyword"),
        ("fn", "keyword"),
        ("test", "test"),
        ("std", "standard library"),
        ("serde_json", "depends on"),
        ("9lives", "digit"),
        ("con", "Windows"),
    ] {
        let run = docbind(
            &dir,
            &["generate", "docs", "--out", "out", "--crate-name", name],
        );
        assert!(!run.ok(), "{name}: {run:?}");
        assert!(run.stderr.contains(rule), "{name}: {run:?}");
        assert!(!dir.join("out").exists(), "{name}");
    }
}

#[test]
fn every_argument_has_help() {
    let dir = scratch("help");
    for command in ["generate", "check", "dump", "stats", "verify", "lint"] {
        let run = docbind(&dir, &[command, "-h"]);
        assert!(run.ok(), "{run:?}");
        let mut section = false;
        for line in run.stdout.lines() {
            if line.ends_with(':') && !line.starts_with(' ') {
                section = line == "Arguments:" || line == "Options:";
            } else if section && !line.is_empty() {
                // `  --out <DIR>  What it is`: the help follows the argument after two spaces.
                let help = line.trim_start().split_once("  ");
                assert!(help.is_some(), "`{command}`: no help for `{line}`");
            }
        }
    }
    let run = docbind(&dir, &["generate", "-h"]);
    assert!(run.stdout.contains("--out <DIR>"), "{run:?}");
    let crate_name = run
        .stdout
        .lines()
        .find(|l| l.contains("--crate-name <NAME>"));
    assert!(crate_name.is_some_and(|l| l.contains("DIR/")), "{run:?}");
}

#[test]
fn stats_in_human_form_is_text() {
    let dir = scratch("stats");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    let run = docbind(&dir, &["stats", "docs", "--format", "human"]);
    assert!(run.ok(), "{run:?}");
    assert!(
        serde_json::from_str::<serde_json::Value>(&run.stdout).is_err(),
        "{run:?}"
    );
    assert!(run.stdout.contains("resources: 1"), "{run:?}");
    let run = docbind(&dir, &["stats", "docs", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["resources"], 1);
}

#[test]
fn compile_cost_refuses_an_area_the_pages_do_not_have_before_building() {
    let dir = scratch("compile-cost");
    write(&dir.join("docs/lamp.md"), &resource("lamp", &["id"]));
    let run = docbind(&dir, &["compile-cost", "docs", "--area", "shade"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("no area `shade`"), "{run:?}");
    // The crates are written, and nothing was built.
    assert!(
        dir.join("target/docbind-cost/cost-reference/src/lib.rs")
            .exists()
    );
    assert!(!dir.join("target/docbind-cost/target").exists());
}

#[test]
fn a_feature_compiles_alone_with_what_it_links_to_as_json() {
    // `gadget` is made of `widget` and links to `toolbox`: alone, it leaves `toolbox` out and
    // `Toolbox` stands for raw JSON. `widget` is made of nothing else.
    let dir = scratch("feature-alone");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = manifest.join("tests/golden/features/docs");
    let runtime = manifest.join("../runtime");
    let run = docbind(
        &dir,
        &[
            "generate",
            docs.to_str().unwrap(),
            "--out",
            "out",
            "--crate-name",
            "feature-alone",
            "--runtime-path",
            runtime.to_str().unwrap(),
        ],
    );
    assert!(run.ok(), "{run:?}");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for feature in ["gadget", "widget"] {
        let output = Command::new(&cargo)
            .args([
                "check",
                "--quiet",
                "--no-default-features",
                "--features",
                feature,
            ])
            .arg("--manifest-path")
            .arg(dir.join("out/Cargo.toml"))
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "`{feature}` alone:\n{stderr}");
    }
}
