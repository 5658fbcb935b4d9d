//! `docbind verify`: do the doc examples hold against the types generated from the same docs?
//!
//! The generated crate is written under `target/docbind-verify/<name>/` with a small runner
//! beside it, built with cargo, and given every JSON example. The runner picks each example's
//! type through the generated [`docbind::Registry`] and reports what [`docbind::check`] found.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{BlockKind, ExampleBlock, JsonStatus, Model, Operation};
use crate::{at, build, emit};

/// The runner's `main.rs`: it reads the examples and writes what each one gave.
const RUNNER: &str = include_str!("verify/runner.rs");

/// How a model's example block looks to [`docbind::Registry::target`]. A response carries its
/// request's method and path, which name the endpoint.
pub fn example(
    op: Option<&Operation>,
    block: &ExampleBlock,
    request: Option<&ExampleBlock>,
) -> docbind::Example {
    let request = match block.kind {
        BlockKind::Request => Some(block),
        _ => request,
    };
    docbind::Example {
        kind: block.kind.name().into(),
        method: request.and_then(|r| r.method.clone()),
        path: request.and_then(|r| r.path.clone()),
        operation: op.map(|o| o.name.clone()),
        odata_type: block.odata_type.clone(),
        is_collection: block.is_collection,
    }
}

/// One example as the runner reads it (its `Case`).
#[derive(Serialize)]
struct Case {
    example: docbind::Example,
    json: Value,
}

/// What the runner found for one case (its `Ran`).
#[derive(Deserialize)]
struct Ran {
    /// The generated type it was read as; `None` when no type fits.
    target: Option<String>,
    matched: bool,
    checked: Option<docbind::Checked>,
}

/// One line of the report.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// `file:line:col` of the block.
    pub source: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// For requests: whether the method and URL match an endpoint stub.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<docbind::Checked>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<&'static str>,
}

/// The counts. Percentages are over the examples not skipped, that is, those whose JSON read
/// and whose type is known.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub examples: usize,
    /// Written back equal as a JSON value (fully typed ones included).
    pub lossless: usize,
    pub fully_typed: usize,
    pub failed: usize,
    pub skipped_with_reason: BTreeMap<&'static str, usize>,
    pub requests: usize,
    /// Requests whose method and URL match an endpoint stub.
    pub requests_matched: usize,
    pub lossless_pct: f64,
    pub fully_typed_pct: f64,
    pub requests_matched_pct: f64,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub summary: Summary,
    pub examples: Vec<Entry>,
}

const UNREADABLE: &str = "JSON not readable";
const NO_TYPE: &str = "no generated type fits";

/// The cases to run, and the report entry of each example (skipped ones complete already).
fn cases(model: &Model) -> (Vec<Case>, Vec<Entry>) {
    let (mut cases, mut entries) = (Vec::new(), Vec::new());
    for (op, ex) in model.all_examples() {
        for block in ex.blocks() {
            let entry = |skipped| Entry {
                source: block.source.to_string(),
                kind: block.kind.name(),
                target: None,
                matched: None,
                checked: None,
                skipped,
            };
            match (&block.json, block.json_status) {
                (Some(json), _) => {
                    let example = example(op, block, ex.request.as_ref());
                    cases.push(Case {
                        example,
                        json: json.clone(),
                    });
                    entries.push(entry(None));
                }
                (None, Some(JsonStatus::Unreadable)) => entries.push(entry(Some(UNREADABLE))),
                // No body (a GET request, a 204 response): nothing to check.
                (None, _) => {}
            }
        }
    }
    (cases, entries)
}

/// A crate name for the pages under `paths`: `graph-docs-pt-br-2023-02-v1-0`.
fn crate_name(paths: &[PathBuf]) -> String {
    let mut name = String::from("verify");
    for path in paths {
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        let tail: Vec<_> = path.components().rev().take(2).collect();
        for part in tail.iter().rev() {
            name.push('-');
            name.extend(part.as_os_str().to_string_lossy().chars().map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            }));
        }
    }
    name.truncate(64);
    name
}

/// Generates, builds and runs the scratch crate for `model` (read from `paths`) under
/// `target_dir`, reporting each long step through `progress`.
pub fn run(
    model: &Model,
    paths: &[PathBuf],
    target_dir: &Path,
    mut progress: impl FnMut(&str),
) -> io::Result<(Report, PathBuf)> {
    let root = target_dir.join("docbind-verify");
    let name = crate_name(paths);
    let dir = root.join(&name);
    // Built here, against this checkout's runtime.
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let runtime = runtime.canonicalize().map_err(at(&runtime))?;
    let manifest = emit::Manifest {
        name: &name,
        runtime: emit::Runtime::Path(&runtime.to_string_lossy()),
    };
    let layout = emit::Layout::Crate {
        manifest: Some(manifest),
    };
    let mut files = emit::emit(model, layout, emit::DocLanguage::default());
    files.insert(
        "src/main.rs".into(),
        RUNNER.replace("CRATE", &name.replace('-', "_")),
    );
    build::write_files(&dir, &files, false)?;
    // This workspace's lock pins the runtime's dependencies to versions known to build here.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    if !dir.join("Cargo.lock").exists() && lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(at(&lock))?;
    }
    let (cases, mut entries) = cases(model);
    let input = dir.join("examples.json");
    std::fs::write(&input, serde_json::to_vec(&cases)?).map_err(at(&input))?;
    progress(&format!(
        "building {} ({} types, {} endpoints)",
        dir.display(),
        model.types.len(),
        model.operations.len()
    ));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Its own target directory: the caller's may be locked by the cargo that runs us.
    let status = Command::new(&cargo)
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .status()
        .map_err(at(Path::new(&cargo)))?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "the generated crate in {} does not build",
            dir.display()
        )));
    }
    progress(&format!("running {} examples", cases.len()));
    let output = dir.join("results.json");
    let binary = root.join("target/debug").join(&name);
    let status = Command::new(&binary)
        .arg(&input)
        .arg(&output)
        .status()
        .map_err(at(&binary))?;
    if !status.success() {
        return Err(io::Error::other("the example runner failed"));
    }
    let ran: Vec<Ran> = serde_json::from_slice(&std::fs::read(&output).map_err(at(&output))?)?;
    // The entries of cases, in order, take what the runner found.
    let mut ran = ran.into_iter();
    for entry in entries.iter_mut().filter(|e| e.skipped.is_none()) {
        let Some(r) = ran.next() else { break };
        entry.target = r.target;
        entry.matched = (entry.kind == "request").then_some(r.matched);
        entry.checked = r.checked;
        if entry.checked.is_none() {
            entry.skipped = Some(NO_TYPE);
        }
    }
    let report = Report {
        summary: summarize(&entries),
        examples: entries,
    };
    let path = dir.join("report.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&report)?).map_err(at(&path))?;
    Ok((report, path))
}

fn summarize(entries: &[Entry]) -> Summary {
    let mut s = Summary {
        examples: entries.len(),
        ..Summary::default()
    };
    for e in entries {
        if let Some(reason) = e.skipped {
            *s.skipped_with_reason.entry(reason).or_default() += 1;
        }
        match &e.checked {
            Some(docbind::Checked::FullyTyped) => {
                s.fully_typed += 1;
                s.lossless += 1;
            }
            Some(docbind::Checked::Lossless { .. }) => s.lossless += 1,
            Some(docbind::Checked::Failed { .. }) => s.failed += 1,
            None => {}
        }
        if e.kind == "request" && e.skipped.is_none() {
            s.requests += 1;
            s.requests_matched += usize::from(e.matched == Some(true));
        }
    }
    let pct = |n: usize, of: usize| {
        if of == 0 {
            0.0
        } else {
            100.0 * n as f64 / of as f64
        }
    };
    let checked = s.lossless + s.failed;
    s.lossless_pct = pct(s.lossless, checked);
    s.fully_typed_pct = pct(s.fully_typed, checked);
    s.requests_matched_pct = pct(s.requests_matched, s.requests);
    s
}
