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
use std::path::{Component, Path, PathBuf};

use crate::at;
use crate::emit::{self, DocLanguage, Files, Layout};
use crate::model::{Model, Severity};

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
        ensure_pages(&model, &paths)?;
        for d in model
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            println!("cargo::warning={}: {} [{}]", d.source, d.message, d.code);
        }
        let files = emit::emit(&model, Layout::SingleFile, self.doc_language);
        write_files(&out_dir, &files, false)?;
        Ok(())
    }
}

/// Fails when `model`, read from `paths`, has no type and no operation: generating it would
/// replace the output with an empty crate, which is never what a wrong path meant.
pub fn ensure_pages(model: &Model, paths: &[PathBuf]) -> io::Result<()> {
    if !model.types.is_empty() || !model.operations.is_empty() {
        return Ok(());
    }
    let paths: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
    Err(io::Error::new(
        io::ErrorKind::NotFound,
        format!(
            "no reference pages in {}: of the markdown files there ({}), none defines a type \
             or an operation",
            paths.join(", "),
            model.pages.len()
        ),
    ))
}

/// What [`write_files`] changed under its folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Files written, new or changed.
    pub written: Vec<PathBuf>,
    /// Generated files no longer produced, removed.
    pub removed: Vec<PathBuf>,
}

/// Writes `files` under `dir` so that a run that fails leaves the previous output as it was:
/// each changed file is written to a temporary name beside it, and only once all of them are
/// written are they renamed into place, each rename atomic; then generated files that are no
/// longer produced are removed. If a temporary write fails, the temporaries (and the folders
/// made for them) are removed and nothing else has changed. Files whose content is unchanged
/// are not touched, so they keep their mtime.
///
/// A path that leaves `dir` is refused, and so is replacing a file that docbind did not write
/// (see [`emit::is_generated`]), unless `force`; that error is of kind `AlreadyExists`.
pub fn write_files(dir: &Path, files: &Files, force: bool) -> io::Result<Written> {
    let (mut changed, mut foreign) = (Vec::new(), Vec::new());
    for (rel, content) in files {
        let path = dir.join(inside(rel)?);
        match std::fs::read(&path) {
            Ok(old) if old == content.as_bytes() => continue,
            Ok(old) if !force && !emit::is_generated(&old) => {
                foreign.push(path.display().to_string())
            }
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(at(&path)(e)),
            _ => {}
        }
        changed.push((path, content));
    }
    if !foreign.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "refusing to replace {}: docbind did not write them (they do not start with \
                 its `@generated` header)",
                foreign.join(", ")
            ),
        ));
    }
    let stale = stale_files(dir, files)?;
    let (mut staged, mut made) = (Vec::new(), Vec::new());
    let written = changed.iter().try_for_each(|(path, content)| {
        if let Some(parent) = path.parent() {
            make_dirs(parent, &mut made)?;
        }
        let tmp = temporary(path);
        std::fs::write(&tmp, content).map_err(at(&tmp))?;
        staged.push((tmp, path));
        Ok(())
    });
    if let Err(e) = written {
        // Cleaning up is best effort: the error that stopped the run is the one to report.
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        for dir in made.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(e);
    }
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            // Files already renamed stay (each is whole); the rest are not left lying about.
            for (tmp, _) in &staged[i..] {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(at(path)(e));
        }
    }
    for path in &stale {
        std::fs::remove_file(path).map_err(at(path))?;
    }
    Ok(Written {
        written: changed.into_iter().map(|(path, _)| path).collect(),
        removed: stale,
    })
}

/// `rel` as a path under the output folder: relative, without `..`.
fn inside(rel: &str) -> io::Result<&Path> {
    let path = Path::new(rel);
    let normal = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if normal && path.file_name().is_some() {
        Ok(path)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{rel}` is not a path inside the output folder"),
        ))
    }
}

/// Where `path` is written before it is renamed into place: beside it, so the rename stays on
/// one file system, and hidden.
fn temporary(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.docbind-tmp"))
}

/// Creates `dir` and its missing parents, recording each folder made, outermost first.
fn make_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .collect();
    for dir in missing.into_iter().rev() {
        std::fs::create_dir(dir).map_err(at(dir))?;
        made.push(dir.to_owned());
    }
    Ok(())
}

/// A unified diff of what `generate` would change under `dir`; empty when it is fresh.
pub fn stale_report(dir: &Path, files: &emit::Files) -> std::io::Result<String> {
    let mut report = String::new();
    for (rel, want) in files {
        let path = dir.join(rel);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != *want {
            let diff = similar::TextDiff::from_lines(&have, want);
            let name = path.display();
            report.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("{name} (on disk)"), &format!("{name} (generated)"))
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
                && std::fs::read(&path).is_ok_and(|t| emit::is_generated(&t));
            if generated && !wanted.contains(&path) {
                stale.push(path);
            }
        }
    }
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_output_folder_are_refused() {
        let dir = std::env::temp_dir().join(format!("docbind-outside-{}", std::process::id()));
        let escaped = std::env::temp_dir().join("docbind-escaped.rs");
        for rel in [
            "../docbind-escaped.rs",
            "src/../../docbind-escaped.rs",
            "",
            "src/..",
        ] {
            let files = Files::from([(rel.to_owned(), "// @generated by docbind\n".to_owned())]);
            let e = write_files(&dir, &files, false).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{rel}");
        }
        let absolute = escaped.to_string_lossy().into_owned();
        let files = Files::from([(absolute, "// @generated by docbind\n".to_owned())]);
        assert!(write_files(&dir, &files, false).is_err());
        assert!(!dir.exists() && !escaped.exists());
    }
}
