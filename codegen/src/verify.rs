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
use crate::{at, scratch};

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

/// Generates, builds and runs the scratch crate for `model` (read from `paths`) under
/// `target_dir`, reporting each long step through `progress`.
pub fn run(
    model: &Model,
    paths: &[PathBuf],
    target_dir: &Path,
    mut progress: impl FnMut(&str),
) -> io::Result<(Report, PathBuf)> {
    let root = target_dir.join("docbind-verify");
    let name = scratch::crate_name("verify", paths);
    let dir = root.join(&name);
    let mut files = scratch::generated(model, &name)?;
    files.insert(
        "src/main.rs".into(),
        RUNNER.replace("CRATE", &name.replace('-', "_")),
    );
    scratch::write(&dir, &files)?;
    let (cases, mut entries) = cases(model);
    let input = dir.join("examples.json");
    std::fs::write(&input, serde_json::to_vec(&cases)?).map_err(at(&input))?;
    progress(&format!(
        "building {} ({} types, {} endpoints)",
        dir.display(),
        model.types.len(),
        model.operations.len()
    ));
    scratch::cargo(&dir, &root.join("target"), &["build", "--quiet"])?;
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
