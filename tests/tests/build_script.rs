//! Real cargo builds of a copy of `tests/build-demo/` and of `docs-src/`: what a build script
//! that calls `build::Config` makes cargo do again, and what it writes. A build with nothing
//! changed runs nothing; a page touched runs the script, which writes nothing when its output
//! is the same; a page added to a folder runs it, and its type appears.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use docbind_tests::root;

/// A folder removed when dropped, also when a test fails.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let to = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
}

/// A workspace for the copy of the demo: this workspace's shared package settings and
/// dependencies, with its paths into this checkout.
fn manifest() -> String {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let mut shared = String::new();
    let mut keep = false;
    for line in text.lines() {
        if line.starts_with('[') {
            keep = line == "[workspace.package]" || line == "[workspace.dependencies]";
        }
        if keep {
            shared.push_str(line);
            shared.push('\n');
        }
    }
    let path = regex::Regex::new(r#"path = "([^"]+)""#).unwrap();
    let shared = path.replace_all(&shared, |c: &regex::Captures| {
        let path = root().join(&c[1]).canonicalize().unwrap();
        // JSON's string escapes are TOML's.
        format!("path = {}", serde_json::Value::from(path.to_string_lossy()))
    });
    format!("[workspace]\nresolver = \"3\"\nmembers = [\"tests/build-demo\"]\n\n{shared}")
}

/// What one `cargo build` of the copy did.
struct Build {
    /// Cargo's status lines (`-v`), which name each build script it runs.
    stderr: String,
    /// The demo's `OUT_DIR`.
    out_dir: PathBuf,
}

impl Build {
    /// Whether cargo ran the demo's build script.
    fn ran_script(&self) -> bool {
        self.stderr.lines().any(|l| {
            l.trim_start().starts_with("Running `")
                && l.contains("docbind-build-demo-")
                && l.trim_end().ends_with("build-script-build`")
        })
    }
}

fn build(dir: &Path, target: &Path) -> Build {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "-v", "--offline", "--message-format=json"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Smaller artifacts: the dependencies' debug info and incremental caches are not needed.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "cargo build failed:\n{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let out_dir = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|m| {
            m["reason"] == "build-script-executed"
                && m["package_id"]
                    .as_str()
                    .is_some_and(|id| id.contains("docbind-build-demo"))
        })
        .and_then(|m| m["out_dir"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("no build-script-executed message for the demo:\n{stdout}"));
    Build { stderr, out_dir }
}

/// The generated file's content and mtime.
fn generated(build: &Build) -> (String, SystemTime) {
    let path = build.out_dir.join("participant.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    (text, std::fs::metadata(&path).unwrap().modified().unwrap())
}

/// A resource page of area `participant` (so the demo's area filter keeps it).
const BADGE: &str = "# participantBadge resource type\n\nNamespace: microsoft.graph\n\n\
    A badge shown beside a participant's name.\n\n## Properties\n\n\
    | Property | Type | Description |\n|:--|:--|:--|\n| label | String | What the badge says. |\n\n\
    ## JSON representation\n\n\
    <!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.participantBadge\" } -->\n\
    ```json\n{\n  \"label\": \"String\"\n}\n```\n";

#[test]
fn cargo_reruns_the_build_script_when_a_page_or_a_folder_changes_and_only_then() {
    let started = std::time::Instant::now();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    // Dependencies stay built here between runs; the copy's path is the same each time too.
    let target = tmp.parent().unwrap().join("build-demo");
    let scratch = Scratch(tmp.join("build-demo"));
    let dir = &scratch.0.clone();
    let _ = std::fs::remove_dir_all(dir);
    copy_dir(
        &root().join("tests/build-demo"),
        &dir.join("tests/build-demo"),
    );
    copy_dir(&root().join("docs-src"), &dir.join("docs-src"));
    std::fs::write(dir.join("Cargo.toml"), manifest()).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let first = build(dir, &target);
    assert!(first.ran_script(), "{}", first.stderr);
    let (code, written) = generated(&first);
    assert!(code.starts_with("// @generated"));
    for knob in [
        "pub struct CallParticipant {",
        "#[doc(alias = \"isMuted\")]",
    ] {
        assert!(code.contains(knob), "{knob}");
    }
    // Cargo watches each page and each folder the script read.
    let output = std::fs::read_to_string(first.out_dir.join("../output")).unwrap();
    for watched in [
        "../../docs-src",
        "../../docs-src/resources",
        "../../docs-src/api/participant-get.md",
    ] {
        let line = format!("cargo::rerun-if-changed={watched}\n");
        assert!(output.contains(&line), "{line}{output}");
    }

    let second = build(dir, &target);
    assert!(!second.ran_script(), "{}", second.stderr);
    assert!(
        second.stderr.contains("Fresh docbind-build-demo"),
        "{}",
        second.stderr
    );
    assert_eq!(generated(&second), (code.clone(), written));

    // A touched page runs the script again; what it generates is the same, so the file is
    // not written.
    let page = dir.join("docs-src/resources/participant.md");
    let file = std::fs::File::options().write(true).open(&page).unwrap();
    file.set_modified(SystemTime::now()).unwrap();
    let touched = build(dir, &target);
    assert!(touched.ran_script(), "{}", touched.stderr);
    assert_eq!(generated(&touched), (code.clone(), written));

    let badge = dir.join("docs-src/resources/participant-badge.md");
    std::fs::write(&badge, BADGE).unwrap();
    let added = build(dir, &target);
    assert!(added.ran_script(), "{}", added.stderr);
    let (code, _) = generated(&added);
    assert!(code.contains("pub struct ParticipantBadge {"));

    drop(scratch);
    assert!(!dir.exists());
    eprintln!("four builds in {:.1}s", started.elapsed().as_secs_f64());
}
