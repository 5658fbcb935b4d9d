//! Golden fixtures, one folder per feature under `tests/golden/`: pages we wrote ourselves
//! (`docs/`), the options (`fixture.json`), the IR that `docbind dump` prints for them
//! (`expected/dump.json`) and the Rust the emitter writes (`expected/out/`).
//!
//! `DOCBIND_BLESS=1 cargo test -p docbind-codegen --test golden` rewrites the expected files
//! (removing those no longer produced) instead of comparing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docbind_codegen::emit::{self, Layout, Manifest, Runtime};

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Options {
    /// `single-file` or `crate` (the default).
    #[serde(default)]
    layout: LayoutOption,
    /// Only for the crate layout: the name its `Cargo.toml` gives the crate.
    #[serde(default)]
    crate_name: Option<String>,
    /// `english` (the default) or `page`: the language of doc comments.
    #[serde(default)]
    doc_language: LanguageOption,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
enum LanguageOption {
    #[default]
    English,
    Page,
}

#[derive(serde::Deserialize, Default, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum LayoutOption {
    #[default]
    Crate,
    SingleFile,
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn bless() -> bool {
    std::env::var_os("DOCBIND_BLESS").is_some_and(|v| v == "1")
}

/// What one fixture produces, by path under `expected/`.
fn produce(fixture: &Path) -> Result<BTreeMap<String, String>, String> {
    let options: Options = match std::fs::read_to_string(fixture.join("fixture.json")) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("fixture.json: {e}"))?,
        Err(e) => return Err(format!("fixture.json: {e}")),
    };
    let layout = match options.layout {
        LayoutOption::SingleFile if options.crate_name.is_some() => {
            return Err("fixture.json: crate_name needs the crate layout".into());
        }
        LayoutOption::SingleFile => Layout::SingleFile,
        LayoutOption::Crate => Layout::Crate {
            manifest: options.crate_name.as_deref().map(|name| Manifest {
                name,
                runtime: Runtime::Version,
            }),
        },
    };
    let language = match options.doc_language {
        LanguageOption::English => emit::DocLanguage::English,
        LanguageOption::Page => emit::DocLanguage::Page,
    };
    let model = docbind_codegen::load(&[fixture.join("docs")])
        .map_err(|e| format!("reading docs/: {e}"))?;
    let mut out = BTreeMap::new();
    let dump = serde_json::to_string_pretty(&model).map_err(|e| e.to_string())? + "\n";
    out.insert("dump.json".to_owned(), dump);
    for (rel, content) in emit::emit(&model, layout, language) {
        out.insert(format!("out/{rel}"), content);
    }
    Ok(out)
}

/// Every file under `dir`, by its path relative to `dir` with `/` separators.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if entry.path().is_dir() {
                walk(&entry.path(), &rel, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

/// Compares a fixture's output with its expected files; the report is empty when they match.
fn check(expected_dir: &Path, produced: &BTreeMap<String, String>) -> String {
    let mut report = String::new();
    for (rel, want) in produced {
        let path = expected_dir.join(rel);
        let Ok(have) = std::fs::read_to_string(&path) else {
            report.push_str(&format!("expected/{rel} is missing (it is produced)\n"));
            continue;
        };
        if &have != want {
            let name = format!("expected/{rel}");
            report.push_str(
                &similar::TextDiff::from_lines(&have, want)
                    .unified_diff()
                    .context_radius(3)
                    .header(&name, &format!("{name} (produced)"))
                    .to_string(),
            );
        }
    }
    for rel in files_under(expected_dir) {
        if !produced.contains_key(&rel) {
            report.push_str(&format!("expected/{rel} is not produced\n"));
        }
    }
    report
}

/// Writes the produced files as the expected ones, and removes the expected ones that are no
/// longer produced.
fn write(expected_dir: &Path, produced: &BTreeMap<String, String>) -> std::io::Result<()> {
    for rel in files_under(expected_dir) {
        if !produced.contains_key(&rel) {
            std::fs::remove_file(expected_dir.join(&rel))?;
        }
    }
    for (rel, content) in produced {
        let path = expected_dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap())?;
        if std::fs::read_to_string(&path).ok().as_ref() != Some(content) {
            std::fs::write(&path, content)?;
        }
    }
    Ok(())
}

#[test]
fn golden_fixtures() {
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden is there")
        .map(|e| e.expect("tests/golden is readable").path())
        .filter(|p| p.is_dir())
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty(), "no fixtures under tests/golden");
    let mut failed = Vec::new();
    for fixture in &fixtures {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fixture.join("expected");
        let outcome = produce(fixture).and_then(|produced| {
            if bless() {
                write(&expected, &produced).map_err(|e| format!("blessing: {e}"))
            } else {
                match check(&expected, &produced) {
                    report if report.is_empty() => Ok(()),
                    report => Err(report),
                }
            }
        });
        match outcome {
            Ok(()) => eprintln!("golden fixture {name}: ok"),
            Err(report) => {
                eprintln!("golden fixture {name} failed:\n{report}");
                failed.push(name);
            }
        }
    }
    let hint = if bless() {
        "see the reports above"
    } else {
        "see the diffs above; if the change is intended, rerun with DOCBIND_BLESS=1 and review \
         the expected files"
    };
    assert!(
        failed.is_empty(),
        "golden fixtures failed: {} ({hint})",
        failed.join(", ")
    );
}
