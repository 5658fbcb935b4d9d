//! The `docbind` binary on folders of pages written here: what it writes, what it refuses to
//! touch, and what it says.

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
