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

use crate::extract::request_query;
use crate::model::{BlockKind, Diagnostic, ExampleBlock, JsonStatus, Lack, Model, Operation};
use crate::{at, scratch};

/// The runner's `main.rs`: it reads the examples and writes what each one gave.
const RUNNER: &str = include_str!("verify/runner.rs");
/// Its `replay` module, built with `--features replay`.
const REPLAY: &str = include_str!("verify/replay.rs");

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
    /// `None` for a request without a body, which is only rebuilt.
    json: Option<Value>,
    /// A request, to rebuild through its stub.
    request: Option<docbind::RawRequest>,
    /// A request's documented response, to replay.
    reply: Option<Reply>,
}

/// What the mock server answers a request with (the runner's `replay::Reply`).
#[derive(Serialize)]
struct Reply {
    example: docbind::Example,
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<Value>,
}

/// What the runner found for one case (its `Ran`).
#[derive(Deserialize)]
struct Ran {
    /// The generated type it was read as; `None` when no type fits.
    target: Option<String>,
    matched: bool,
    checked: Option<docbind::Checked>,
    /// For a matched request: `None` when its stub sent it again, else why not.
    not_rebuilt: Option<String>,
    /// For a request with a response, when replayed: `None` when it passed, else why not.
    #[serde(default)]
    replayed: Option<bool>,
    #[serde(default)]
    not_replayed: Option<String>,
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
    /// For requests that match a stub: whether the stub, built from the example's path
    /// parameters, query, headers and body, sends the same request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebuilt: Option<bool>,
    /// Why it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_rebuilt: Option<String>,
    /// With `--replay`, for a request with a documented response: whether the mock server
    /// received the example's request from the client, and the client read the response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replayed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_replayed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<docbind::Checked>,
    /// The untyped or failing parts (JSON pointers) that no located diagnostic on the block
    /// explains.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unexplained: Vec<String>,
    /// The untyped parts whose field or member the docs document for that type after all,
    /// elsewhere: on a base or derived type, in a list of values, or in the twin folder.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documented_elsewhere: Vec<String>,
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
    /// Fully typed, or each untyped or failing part carries a diagnostic located on the
    /// example with a JSON pointer to that part, or into it (`example-undocumented-field`,
    /// `example-type-mismatch`, …): the doc bug is named.
    pub explained: usize,
    pub failed: usize,
    /// The most that reading the docs better could make fully typed: fully typed, or each
    /// untyped or failing part is documented elsewhere (see [`Entry`]) or unexplained.
    pub fully_typed_ceiling: usize,
    pub skipped_with_reason: BTreeMap<&'static str, usize>,
    /// Request examples, with a body or without, whose JSON is readable.
    pub requests: usize,
    /// Requests whose method and URL match an endpoint stub.
    pub requests_matched: usize,
    /// Requests the matching stub sends again: same method, path, query, headers and body.
    pub requests_rebuilt: usize,
    /// With `--replay`: requests with a documented response, and those that passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs_replayed: Option<usize>,
    pub lossless_pct: f64,
    pub fully_typed_pct: f64,
    pub fully_typed_ceiling_pct: f64,
    pub explained_pct: f64,
    pub requests_matched_pct: f64,
    /// Of the requests: they also count those whose path the page does not list (an
    /// `example-path-unlisted` doc bug), which no stub can send.
    pub requests_rebuilt_pct: f64,
    pub requests_rebuilt_of_matched_pct: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs_replayed_pct: Option<f64>,
    /// Of the pairs whose request a stub matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs_replayed_of_matched_pct: Option<f64>,
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
                rebuilt: None,
                not_rebuilt: None,
                replayed: None,
                not_replayed: None,
                unexplained: Vec::new(),
                documented_elsewhere: Vec::new(),
                skipped,
            };
            let request = (block.kind == BlockKind::Request)
                .then(|| raw_request(block))
                .flatten();
            match (&block.json, block.json_status) {
                (None, Some(JsonStatus::Unreadable)) => entries.push(entry(Some(UNREADABLE))),
                // No body and nothing to send (a 204 response): nothing to check.
                (None, _) if request.is_none() => {}
                (json, _) => {
                    let example = example(op, block, ex.request.as_ref());
                    let reply = request.as_ref().and_then(|_| reply(op, ex));
                    cases.push(Case {
                        example,
                        json: json.clone(),
                        request,
                        reply,
                    });
                    entries.push(entry(None));
                }
            }
        }
    }
    (cases, entries)
}

/// A request example as its stub is asked to send it again.
fn raw_request(block: &ExampleBlock) -> Option<docbind::RawRequest> {
    let (method, url, path) = (
        block.method.as_ref()?,
        block.url.as_ref()?,
        block.path.as_ref()?,
    );
    let mut raw = docbind::RawRequest::new(method, path, request_query(url));
    raw.headers = block.headers.clone();
    raw.body = block.json.clone();
    Some(raw)
}

/// The response of an example whose request is replayed: one with a status and, if it has a
/// body, a readable one.
fn reply(op: Option<&Operation>, ex: &crate::model::Example) -> Option<Reply> {
    let response = ex.response.as_ref()?;
    if response.json_status == Some(JsonStatus::Unreadable) {
        return None;
    }
    Some(Reply {
        example: example(op, response, ex.request.as_ref()),
        status: response.status?,
        headers: response.headers.clone(),
        body: response.json.clone(),
    })
}

/// The runner's manifest with the `replay` feature, which `--replay` builds: a mock server,
/// and the client.
fn with_replay(manifest: &str) -> String {
    let deps = "tokio = { version = \"1\", features = [\"rt-multi-thread\"], optional = true }\n\
                wiremock = { version = \"0.6\", optional = true }\n";
    let feature = "replay = [\"dep:tokio\", \"dep:wiremock\", \"docbind/reqwest\"]\n";
    manifest
        .replacen("[dependencies]\n", &format!("[dependencies]\n{deps}"), 1)
        .replacen("[features]\n", &format!("[features]\n{feature}"), 1)
}

/// Generates, builds and runs the scratch crate for `model` (read from `paths`) under
/// `target_dir`, reporting each long step through `progress`. With `replay`, each request
/// with a documented response is also sent to a mock server on 127.0.0.1 that answers it.
/// A `twin` (the same API's pages in another language or version) widens what counts as
/// documented elsewhere.
pub fn run(
    model: &Model,
    paths: &[PathBuf],
    target_dir: &Path,
    replay: bool,
    twin: Option<&Model>,
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
    // The `replay` feature is declared whether or not it is built, so that the runner's
    // `cfg(feature = "replay")` is one cargo knows.
    let manifest = files.get_mut("Cargo.toml").expect("a manifest");
    *manifest = with_replay(manifest);
    files.insert(
        "src/replay.rs".into(),
        REPLAY.replace("CRATE", &name.replace('-', "_")),
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
    let build: &[&str] = match replay {
        true => &["build", "--quiet", "--features", "replay"],
        false => &["build", "--quiet"],
    };
    scratch::cargo(&dir, &root.join("target"), build)?;
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
        entry.rebuilt = r.matched.then_some(r.not_rebuilt.is_none());
        entry.not_rebuilt = r.not_rebuilt;
        entry.replayed = r.replayed;
        entry.not_replayed = r.not_replayed;
        // A request without a body has no type to check.
        if r.checked.is_none() && entry.target.is_none() {
            entry.skipped = Some(NO_TYPE);
        }
        entry.checked = r.checked;
    }
    explain(&mut entries, model, twin);
    let report = Report {
        summary: summarize(&entries, replay),
        examples: entries,
    };
    let path = dir.join("report.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&report)?).map_err(at(&path))?;
    Ok((report, path))
}

/// The untyped or failing parts of a checked example, as JSON pointers.
fn parts(checked: &docbind::Checked) -> Vec<&str> {
    match checked {
        docbind::Checked::Lossless { untyped } => untyped.iter().map(|u| u.path.as_str()).collect(),
        docbind::Checked::Failed { path, .. } => vec![path.as_str()],
        docbind::Checked::FullyTyped => Vec::new(),
    }
}

/// Lists, for each example, the untyped or failing parts that no diagnostic located on its
/// block points at (at the part, above it, or inside it), and those whose field or member
/// the docs, or the `twin`'s, document for its type elsewhere.
fn explain(entries: &mut [Entry], model: &Model, twin: Option<&Model>) {
    let mut located: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in model.diagnostics.iter().filter(|d| d.pointer.is_some()) {
        located.entry(d.source.to_string()).or_default().push(d);
    }
    let within = |a: &str, b: &str| b == a || b.strip_prefix(a).is_some_and(|r| r.starts_with('/'));
    let elsewhere = |lack: &Lack| model.documents(lack) || twin.is_some_and(|t| t.documents(lack));
    for e in entries {
        let Some(checked) = &e.checked else { continue };
        let named = located.get(&e.source).map_or(&[][..], Vec::as_slice);
        for part in parts(checked) {
            let at: Vec<&Diagnostic> = (named.iter().copied())
                .filter(|d| {
                    (d.pointer.as_deref()).is_some_and(|p| within(p, part) || within(part, p))
                })
                .collect();
            let lacks = |d: &&Diagnostic| {
                d.pointer.as_deref() == Some(part) && d.lacks.as_ref().is_some_and(elsewhere)
            };
            if at.is_empty() {
                e.unexplained.push(part.to_owned());
            } else if at.iter().any(lacks) {
                e.documented_elsewhere.push(part.to_owned());
            }
        }
    }
}

fn summarize(entries: &[Entry], replay: bool) -> Summary {
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
        if e.checked.is_some() && e.unexplained.is_empty() {
            s.explained += 1;
        }
        let reachable = |part: &&str| {
            let listed = |list: &Vec<String>| list.iter().any(|p| p == part);
            listed(&e.unexplained) || listed(&e.documented_elsewhere)
        };
        if matches!(&e.checked, Some(c) if parts(c).iter().all(reachable)) {
            s.fully_typed_ceiling += 1;
        }
        if e.kind == "request" && e.skipped.is_none() {
            s.requests += 1;
            s.requests_matched += usize::from(e.matched == Some(true));
            s.requests_rebuilt += usize::from(e.rebuilt == Some(true));
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
    s.explained_pct = pct(s.explained, checked);
    s.fully_typed_ceiling_pct = pct(s.fully_typed_ceiling, checked);
    s.requests_matched_pct = pct(s.requests_matched, s.requests);
    s.requests_rebuilt_pct = pct(s.requests_rebuilt, s.requests);
    s.requests_rebuilt_of_matched_pct = pct(s.requests_rebuilt, s.requests_matched);
    if replay {
        let pairs = entries.iter().filter(|e| e.replayed.is_some()).count();
        let passed = entries.iter().filter(|e| e.replayed == Some(true)).count();
        let matched = (entries.iter())
            .filter(|e| e.replayed.is_some() && e.matched == Some(true))
            .count();
        (s.pairs, s.pairs_replayed) = (Some(pairs), Some(passed));
        s.pairs_replayed_pct = Some(pct(passed, pairs));
        s.pairs_replayed_of_matched_pct = Some(pct(passed, matched));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, Diagnostic, Source};

    /// A lossless example at `block` with these parts untyped.
    fn lossless(block: &Source, paths: &[&str]) -> Entry {
        Entry {
            source: block.to_string(),
            kind: "response",
            target: None,
            matched: None,
            rebuilt: None,
            not_rebuilt: None,
            replayed: None,
            not_replayed: None,
            checked: Some(docbind::Checked::Lossless {
                untyped: (paths.iter())
                    .map(|p| docbind::Untyped {
                        path: (*p).into(),
                        what: "field".into(),
                    })
                    .collect(),
            }),
            unexplained: Vec::new(),
            documented_elsewhere: Vec::new(),
            skipped: None,
        }
    }

    #[test]
    fn a_part_is_explained_by_a_diagnostic_on_its_block_at_above_or_inside_it() {
        let block = Source {
            file: "api/x.md".into(),
            line: 10,
            col: 1,
        };
        let entry = |paths: &[&str]| lossless(&block, paths);
        let note = |pointer: &str| {
            Diagnostic::new(Code::ExampleUndocumentedField, block.clone(), "x").at_pointer(pointer)
        };
        let elsewhere = Diagnostic::new(
            Code::ExampleUndocumentedField,
            Source {
                line: 20,
                ..block.clone()
            },
            "y",
        )
        .at_pointer("/c");
        let model = Model {
            diagnostics: vec![note("/a"), note("/b/inner"), elsewhere],
            ..Model::default()
        };
        let mut entries = vec![entry(&["/a/deep", "/b", "/c", "/ab"])];
        explain(&mut entries, &model, None);
        // `/c` is named on another block; `/ab` only shares a prefix with `/a`.
        assert_eq!(entries[0].unexplained, ["/c", "/ab"]);
        let summary = summarize(&entries, false);
        assert_eq!((summary.lossless, summary.explained), (1, 0));
        // Unexplained parts are within reach; `/a/deep` and `/b` are doc bugs of no type.
        assert_eq!(summary.fully_typed_ceiling, 0);
    }

    /// A resource page of `microsoft.graph.{name}` with these JSON keys.
    fn page(name: &str, base: &str, keys: &[&str]) -> crate::extract::Fragment {
        let keys: Vec<String> = keys
            .iter()
            .map(|k| format!("\"{k}\": \"String\""))
            .collect();
        let md = format!(
            "---\ndoc_type: resourcePageType\n---\n# {name}\n\n## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base} }} -->\n```json\n{{ {} }}\n```\n",
            keys.join(", ")
        );
        crate::extract::page(&format!("r/{name}.md"), &md)
    }

    #[test]
    fn a_field_documented_for_its_type_elsewhere_counts_toward_the_ceiling() {
        let derived = r#", "baseType": "microsoft.graph.t""#;
        let model =
            crate::resolve::resolve(vec![page("t", "", &["a"]), page("u", derived, &["d"])]);
        let twin = crate::resolve::resolve(vec![page("t", "", &["a", "z"])]);
        let block = Source {
            file: "api/x.md".into(),
            line: 10,
            col: 1,
        };
        let lacking = |name: &str| {
            Diagnostic::new(Code::ExampleUndocumentedField, block.clone(), "x")
                .at_pointer(format!("/{name}"))
                .lacking("microsoft.graph.t", name)
        };
        let model = Model {
            diagnostics: vec![lacking("d"), lacking("z"), lacking("q")],
            ..model
        };
        let entry = |paths: &[&str]| lossless(&block, paths);
        let run = |twin: Option<&Model>| {
            let mut entries = vec![entry(&["/d"]), entry(&["/d", "/z"]), entry(&["/q"])];
            explain(&mut entries, &model, twin);
            let elsewhere: Vec<_> = entries
                .iter()
                .map(|e| e.documented_elsewhere.clone())
                .collect();
            (elsewhere, summarize(&entries, false).fully_typed_ceiling)
        };
        // `d` is a property of the derived type `u`; only the twin lists `z`; none lists `q`.
        assert_eq!(
            run(None),
            (
                vec![vec!["/d".to_owned()], vec!["/d".to_owned()], vec![]],
                1
            )
        );
        let (elsewhere, ceiling) = run(Some(&twin));
        assert_eq!(elsewhere[1], ["/d", "/z"]);
        assert_eq!(ceiling, 2);
    }
}
