//! docbind's engine: reference pages → IR → Rust.
//!
//! Each stage is one module with one job: [`markdown`] reads a page's structure, [`locale`]
//! knows the languages, [`include`](mod@include) resolves `[!INCLUDE]` inside the docs root,
//! [`extract`] turns a page into model fragments and diagnostics, [`resolve`] links them into
//! a [`model::Model`] (the IR), [`naming`] makes Rust identifiers, [`emit`] writes Rust, and
//! [`build`] is the API for build scripts, and [`diff`] compares two models. [`translation`] repairs the names machine
//! translation replaced, for extract and resolve alike. [`stats`] counts what a model holds,
//! [`verify`] runs the doc examples through the generated types, [`compile_cost`] times the
//! generated crate's `cargo check` against a reference, [`scratch`] writes and builds the
//! crates those two make, and [`shell`] quotes the commands docbind records and suggests.

pub mod build;
pub mod compile_cost;
pub mod diff;
pub mod emit;
pub mod extract;
pub mod include;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod scratch;
pub mod shell;
pub mod stats;
pub mod translation;
pub mod verify;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use model::Model;
pub use stats::Stats;

/// Names `path` in an OS error, which otherwise says only what went wrong
/// ("No such file or directory"). The kind is kept.
pub fn at(path: &Path) -> impl Fn(std::io::Error) -> std::io::Error + '_ {
    move |e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A page to read, and the name diagnostics and generated docs give it.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub name: String,
    /// The page's path as the user gave it (a folder given, joined with the page's path
    /// under it): where it opens from the directory docbind ran in.
    pub given: PathBuf,
    /// The docs root (canonical): includes are read only from inside it.
    pub root: PathBuf,
    /// The files under `root`, when it was walked: includes resolve against them.
    pub files: Option<Arc<include::Files>>,
}

/// The markdown pages under each path, sorted. A directory's pages are named from the
/// directory itself down (`docs-src/api/x.md`), so output does not depend on where it ran.
/// A page that several paths reach (`docs docs/api`) is read once, from the widest of them,
/// whose root lets it include the most.
pub fn inputs(paths: &[PathBuf]) -> std::io::Result<Vec<Input>> {
    let mut out = Pages::default();
    for path in paths {
        if path.is_dir() {
            let base = path.canonicalize().map_err(at(path))?;
            let root = base
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (mut pages, mut files) = (Vec::new(), include::Files::default());
            walk(&base, Some(""), false, &mut pages, &mut files)?;
            // A folder with nothing to read is a wrong path, not an empty API.
            if pages.is_empty() {
                let message = format!("no markdown pages (*.md) in {}", path.display());
                return Err(std::io::Error::new(std::io::ErrorKind::NotFound, message));
            }
            let files = files.usable(&base).then(|| Arc::new(files));
            for (file, symlink) in pages {
                let under = file.strip_prefix(&base).unwrap_or(&file);
                let given = match path == Path::new(".") {
                    true => under.to_owned(),
                    false => path.join(under),
                };
                let rel = under
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                // The walk starts from a canonical folder and does not follow linked folders,
                // so only a linked page needs resolving.
                let key = match symlink {
                    true => file.canonicalize().map_err(at(&file))?,
                    false => file.clone(),
                };
                let input = Input {
                    name: format!("{root}/{rel}"),
                    given,
                    path: file,
                    root: base.clone(),
                    files: files.clone(),
                };
                out.add(key, input);
            }
        } else {
            let key = path.canonicalize().map_err(at(path))?;
            let input = Input {
                path: path.clone(),
                name: path.to_string_lossy().replace('\\', "/"),
                given: path.clone(),
                root: key.parent().unwrap_or(Path::new("/")).to_owned(),
                files: None,
            };
            out.add(key, input);
        }
    }
    let mut out = out.inputs;
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The pages found so far, each once by its canonical path.
#[derive(Default)]
struct Pages {
    inputs: Vec<Input>,
    seen: HashMap<PathBuf, usize>,
}

impl Pages {
    fn add(&mut self, key: PathBuf, input: Input) {
        match self.seen.get(&key) {
            // Both roots hold the page, so one holds the other: the shorter is the wider.
            Some(&i) => {
                let depth = |input: &Input| input.root.components().count();
                if depth(&input) < depth(&self.inputs[i]) {
                    self.inputs[i] = input;
                }
            }
            None => {
                self.seen.insert(key, self.inputs.len());
                self.inputs.push(input);
            }
        }
    }
}

/// Collects the markdown pages under `dir`, each with whether it is a link, and records every
/// file for includes by its path `rel` under the root (none where a name is not text: no
/// include can name it). Folders named `includes` hold snippets, read through the pages that
/// include them: their files are recorded, not made pages, and one that cannot be listed is
/// left to the file system.
fn walk(
    dir: &Path,
    rel: Option<&str>,
    snippets: bool,
    pages: &mut Vec<(PathBuf, bool)>,
    files: &mut include::Files,
) -> std::io::Result<()> {
    let listed = std::fs::read_dir(dir).and_then(|entries| {
        entries
            .map(|e| e.and_then(|e| Ok((e.file_name(), e.path(), e.file_type()?))))
            .collect::<Result<Vec<_>, _>>()
    });
    let mut entries = match listed {
        Err(_) if snippets => {
            files.unknown(rel.map(str::to_owned));
            return Ok(());
        }
        listed => listed.map_err(at(dir))?,
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, path, kind) in entries {
        let rel = match (rel, name.to_str()) {
            (Some(""), Some(name)) => Some(name.to_owned()),
            (Some(rel), Some(name)) => Some(format!("{rel}/{name}")),
            _ => None,
        };
        if kind.is_dir() {
            let snippets = snippets || name == "includes";
            walk(&path, rel.as_deref(), snippets, pages, files)?;
            continue;
        }
        if !snippets && path.extension().is_some_and(|e| e == "md") {
            pages.push((path, kind.is_symlink()));
        }
        if kind.is_symlink() {
            files.unknown(rel);
        } else {
            files.file(rel);
        }
    }
    Ok(())
}

/// Reads and resolves every page under `paths` with the built-in lexicons.
pub fn load(paths: &[PathBuf]) -> std::io::Result<Model> {
    load_with(locale::lexicon(), paths)
}

/// Reads and resolves every page under `paths` with the words of `lex`.
pub fn load_with(lex: &locale::Lexicon, paths: &[PathBuf]) -> std::io::Result<Model> {
    Ok(resolve::resolve(extract_all(lex, &inputs(paths)?)?))
}

/// Reads and extracts every input, in parallel; each page's text is dropped once extracted.
pub fn extract_all(
    lex: &locale::Lexicon,
    inputs: &[Input],
) -> std::io::Result<Vec<extract::Fragment>> {
    use rayon::prelude::*;
    inputs
        .par_iter()
        .map(|input| {
            let text = include::read_text(&input.path).map_err(at(&input.given))?;
            // A bug on one page must not cost the other pages: it becomes that page's error.
            let read = std::panic::catch_unwind(|| {
                let mut doc = markdown::parse_shared(&text);
                let notes =
                    include::expand(&mut doc, &input.path, &input.root, input.files.as_deref());
                extract::document(lex, &input.name, &text, doc, notes)
            });
            Ok(read.unwrap_or_else(|panic| extract::Fragment::internal_error(&input.name, panic)))
        })
        .collect()
}
