//! docbind's engine: reference pages → IR → Rust.
//!
//! Each stage is one module with one job: [`markdown`] reads a page's structure, [`locale`]
//! knows the languages, [`extract`] turns a page into model fragments and diagnostics,
//! [`resolve`] links them into a [`model::Model`], [`emit`] writes Rust, and [`build`] is the
//! API for build scripts.

pub mod build;
pub mod emit;
pub mod extract;
pub mod include;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod stats;

use std::path::{Path, PathBuf};

pub use model::Model;
pub use stats::Stats;

/// A page to read, and the name diagnostics and generated docs give it.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub name: String,
    /// The docs root (canonical): includes are read only from inside it.
    pub root: PathBuf,
}

/// The markdown pages under each path, sorted. A directory's pages are named from the
/// directory itself down (`docs-src/api/x.md`), so output does not depend on where it ran.
pub fn inputs(paths: &[PathBuf]) -> std::io::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let base = path.canonicalize()?;
            let root = base
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            walk(&base, &mut |file| {
                let rel = file.strip_prefix(&base).unwrap_or(file);
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(Input {
                    path: file.to_owned(),
                    name: format!("{root}/{rel}"),
                    root: base.clone(),
                });
            })?;
        } else {
            out.push(Input {
                path: path.clone(),
                name: path.to_string_lossy().replace('\\', "/"),
                root: path
                    .canonicalize()?
                    .parent()
                    .unwrap_or(Path::new("/"))
                    .to_owned(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            // Included snippets are read through the pages that include them.
            if entry.file_name() != "includes" {
                walk(&path, f)?;
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            f(&path);
        }
    }
    Ok(())
}

/// Reads and resolves every page under `paths`.
pub fn load(paths: &[PathBuf]) -> std::io::Result<Model> {
    Ok(resolve::resolve(extract_all(&inputs(paths)?)?))
}

/// Reads and extracts every input, in parallel; each page's text is dropped once extracted.
pub fn extract_all(inputs: &[Input]) -> std::io::Result<Vec<extract::Fragment>> {
    use rayon::prelude::*;
    inputs
        .par_iter()
        .map(|input| {
            let text = std::sync::Arc::new(text(std::fs::read(&input.path)?));
            // A bug on one page must not cost the other pages: it becomes that page's error.
            let read = std::panic::catch_unwind(|| {
                let mut doc = markdown::parse_shared(&text);
                let notes = include::expand(&mut doc, &input.path, &input.root);
                extract::document(&input.name, &text, doc, notes)
            });
            Ok(read.unwrap_or_else(|panic| extract::Fragment::internal_error(&input.name, panic)))
        })
        .collect()
}

/// A file's bytes as text, invalid UTF-8 replaced; valid text (nearly all) is not copied.
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A unified diff of what `generate` would change under `dir`; empty when it is fresh.
pub fn stale_report(dir: &Path, files: &emit::Files) -> std::io::Result<String> {
    let mut report = String::new();
    for (rel, want) in files {
        let path = dir.join(rel);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != *want {
            let diff = similar::TextDiff::from_lines(&have, want);
            let name = path.display().to_string();
            report.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&name, &name)
                    .to_string(),
            );
        }
    }
    for stale in build::stale_files(dir, files)? {
        report.push_str(&format!(
            "{} is generated but no longer produced\n",
            stale.display()
        ));
    }
    Ok(report)
}
