//! The API for build scripts, in the manner of `prost-build`:
//!
//! ```no_run
//! // build.rs
//! docbind_codegen::build::Config::new().compile(&["docs"]).unwrap();
//! ```
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/docbind.rs"));
//! ```
//! The generated code needs `docbind`, `serde` and `serde_json` as dependencies.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::{self, DocLanguage, Files, Layout};
use crate::model::Severity;

#[derive(Clone, Debug, Default)]
pub struct Config {
    out_dir: Option<PathBuf>,
    doc_language: DocLanguage,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `docbind.rs` goes; `$OUT_DIR` by default.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The language of the generated doc comments: English where the pages carry it (the
    /// default), or each page's own.
    pub fn doc_language(&mut self, language: DocLanguage) -> &mut Self {
        self.doc_language = language;
        self
    }

    /// Reads the pages under `docs` and writes `docbind.rs`. Errors in the pages become
    /// cargo warnings: a doc bug should not stop a build, but it should be seen.
    pub fn compile(&self, docs: &[impl AsRef<Path>]) -> io::Result<()> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    io::Error::other("OUT_DIR is not set; call from a build script or set out_dir")
                })?,
        };
        let paths: Vec<PathBuf> = docs.iter().map(|p| p.as_ref().to_owned()).collect();
        for path in &paths {
            println!("cargo::rerun-if-changed={}", path.display());
        }
        let model = crate::load(&paths)?;
        for d in model
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            println!("cargo::warning={}: {} [{}]", d.source, d.message, d.code);
        }
        let files = emit::emit(&model, Layout::SingleFile, self.doc_language);
        write_files(&out_dir, &files)?;
        Ok(())
    }
}

/// Writes each file whose content changed, atomically (temporary file, then rename), and
/// removes generated `.rs` files that are no longer produced. Returns the paths written or
/// removed.
pub fn write_files(dir: &Path, files: &Files) -> io::Result<Vec<PathBuf>> {
    let mut touched = Vec::new();
    for (rel, content) in files {
        let path = dir.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == content.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension("docbind.tmp");
        std::fs::write(&tmp, content)?;
        std::fs::rename(&tmp, &path)?;
        touched.push(path);
    }
    for stale in stale_files(dir, files)? {
        std::fs::remove_file(&stale)?;
        touched.push(stale);
    }
    Ok(touched)
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
    for stale in stale_files(dir, files)? {
        report.push_str(&format!(
            "{} is generated but no longer produced\n",
            stale.display()
        ));
    }
    Ok(report)
}

/// Generated files under `dir` (by their header) that `files` no longer contains.
pub fn stale_files(dir: &Path, files: &Files) -> io::Result<Vec<PathBuf>> {
    let wanted: BTreeSet<PathBuf> = files.keys().map(|rel| dir.join(rel)).collect();
    let dirs: BTreeSet<PathBuf> = wanted
        .iter()
        .filter_map(|p| p.parent().map(Path::to_owned))
        .collect();
    let mut stale = Vec::new();
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let generated = path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with(emit::HEADER));
            if generated && !wanted.contains(&path) {
                stale.push(path);
            }
        }
    }
    Ok(stale)
}
