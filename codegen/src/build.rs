//! The API for build scripts, in the manner of `prost-build`: knobs on a [`Config`], keyed by
//! documented type name or by area, then one [`Config::compile`].
//!
//! ```no_run
//! // build.rs
//! docbind_codegen::build::Config::new()
//!     .areas(["participant"])
//!     .type_attribute("microsoft.graph.modality", "#[derive(PartialOrd, Ord)]")
//!     .rename_type("microsoft.graph.participant", "CallParticipant")
//!     .compile(&["docs"])
//!     .unwrap();
//! ```
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/docbind.rs"));
//! ```
//! The generated code needs `docbind`, `serde` and `serde_json` as dependencies.

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::emit::{self, DocLanguage, Files, Layout};
use crate::locale::{Lexicon, lexicon};
use crate::model::{Model, Severity};
use crate::{Input, at};

pub mod diagnostics;
mod knobs;

use diagnostics::{Levels, report};

#[derive(Clone, Debug, Default)]
pub struct Config {
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    doc_language: DocLanguage,
    knobs: knobs::Knobs,
    levels: Levels,
    lexicons: Vec<PathBuf>,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the file goes; `$OUT_DIR` by default.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The name of the file, under the output folder; `docbind.rs` by default.
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// The language of the generated doc comments: English where the pages carry it (the
    /// default), or each page's own.
    pub fn doc_language(&mut self, language: DocLanguage) -> &mut Self {
        self.doc_language = language;
        self
    }

    /// Reads the pages with this lexicon file too (as `docbind locale learn` writes one),
    /// merged with the built-in ones: the words of a language docbind ships no lexicon for.
    /// Calls add to the list; a change to a file runs the build script again.
    pub fn lexicon(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.lexicons.push(path.into());
        self
    }

    /// Generates only these areas (an area is the first word of a page's file name:
    /// `participant-invite.md` is `participant`), and what their types and endpoints are made
    /// of, from any area; every area by default. A type they only link to (a navigation
    /// property) is raw JSON unless it is kept anyway. Calls add to the list.
    pub fn areas<I, S>(&mut self, areas: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.knobs.areas.extend(areas.into_iter().map(Into::into));
        self
    }

    /// Adds attributes to the types `path` names: one type by its qualified name
    /// (`microsoft.graph.participant`), every type of an area (`participant`), or every type
    /// (`.`). They go on the type's struct or enum, and on the enum of the types derived from
    /// it (`AnyParticipant`). A `#[derive(…)]` joins what the type derives already, so
    /// `#[derive(Eq)]` on every type leaves the enums, which derive it, as they are.
    pub fn type_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        (self.knobs.type_attributes).push((path.into(), attribute.into()));
        self
    }

    /// Adds attributes to a field: `path` is the type's qualified name and the property's
    /// wire name (`microsoft.graph.participant.isMuted`). Types derived from it have the
    /// field too, and take them.
    pub fn field_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        (self.knobs.field_attributes).push((path.into(), attribute.into()));
        self
    }

    /// Names the type of qualified name `path` `name` in Rust (`CallParticipant`); its
    /// `@odata.type` and registry name stay the documented ones. The name must be one
    /// docbind's naming rules keep as it is, and no other item's.
    pub fn rename_type(&mut self, path: impl Into<String>, name: impl Into<String>) -> &mut Self {
        self.knobs.type_names.push((path.into(), name.into()));
        self
    }

    /// Names a field (`path` as for [`Config::field_attribute`]) `name` in Rust (`muted`); it
    /// is read and written by its wire name still. Types derived from it take the name too,
    /// unless given another for their own.
    pub fn rename_field(&mut self, path: impl Into<String>, name: impl Into<String>) -> &mut Self {
        self.knobs.field_names.push((path.into(), name.into()));
        self
    }

    /// Prints diagnostics in the pages of `severity` or a more severe one as cargo warnings:
    /// by default `Severity::Warning`, warnings and errors; `Severity::Error` for errors only,
    /// `Severity::Note` for notes too. A doc bug should not stop a build, but it should be seen.
    pub fn warn(&mut self, severity: Severity) -> &mut Self {
        self.levels.warn = severity;
        self
    }

    /// Fails the build on diagnostics in the pages of `severity` or a more severe one, printed
    /// as cargo errors: `Severity::Error` for errors, `Severity::Warning` for warnings too.
    /// None does by default.
    pub fn deny(&mut self, severity: Severity) -> &mut Self {
        self.levels.deny = Some(severity);
        self
    }

    /// Reads the pages under `docs` and writes the file, unless it holds that already (so its
    /// mtime stays). Tells cargo to run the build script again when a page, or a folder that
    /// holds pages, changes, and prints the diagnostics for cargo. Fails when a knob names a
    /// type, field or area that the pages do not have, or that the area filter leaves out.
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
        let inputs = crate::inputs(&paths)?;
        for path in watched(&paths, &inputs).iter().chain(&self.lexicons) {
            println!("cargo::rerun-if-changed={}", path.display());
        }
        let lex = match self.lexicons.is_empty() {
            true => None,
            false => Some(Lexicon::with_files(&self.lexicons)?),
        };
        let lex = lex.as_ref().unwrap_or_else(|| lexicon());
        let model = crate::resolve::resolve(crate::extract_all(lex, &inputs)?);
        ensure_pages(&model, &paths)?;
        let (lines, failed) = report(&model.diagnostics, &inputs, &paths, self.levels);
        for line in lines {
            println!("{line}");
        }
        let (model, custom) = self.knobs.apply(model)?;
        let files = emit::emit_custom(&model, Layout::SingleFile, self.doc_language, &custom)
            .map_err(|e| {
                io::Error::new(io::ErrorKind::InvalidInput, format!("build::Config: {e}"))
            })?;
        let name = self.file_name.as_deref().unwrap_or("docbind.rs");
        let files = files.into_values().map(|code| (name.to_owned(), code));
        write(&out_dir, &files.collect(), false, false)?;
        match failed {
            Some(why) => Err(io::Error::other(why)),
            None => Ok(()),
        }
    }
}

/// What cargo watches to run the build script again: each path given, each page, and each
/// folder between them (cargo notices a page added to a folder by the folder's mtime).
fn watched(paths: &[PathBuf], inputs: &[Input]) -> BTreeSet<PathBuf> {
    let mut out: BTreeSet<PathBuf> = paths.iter().cloned().collect();
    // A page under `.` is given from below it (`api/x.md`).
    let roots: Vec<&Path> = (paths.iter())
        .filter(|p| p.is_dir())
        .map(|p| {
            if p == Path::new(".") {
                Path::new("")
            } else {
                p
            }
        })
        .collect();
    for input in inputs {
        out.insert(input.given.clone());
        if let Some(root) = roots.iter().find(|r| input.given.starts_with(r)) {
            let folders = input.given.ancestors().skip(1);
            out.extend(folders.take_while(|f| f != root).map(Path::to_owned));
        }
    }
    out
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
    write(dir, files, force, true)
}

/// [`write_files`]; generated files no longer produced are removed only when `prune`. A build
/// script writes one file, and may share its folder with another's.
fn write(dir: &Path, files: &Files, force: bool, prune: bool) -> io::Result<Written> {
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
    let stale = match prune {
        true => stale_files(dir, files)?,
        false => Vec::new(),
    };
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

/// How a file under the output folder differs from what `generate` would write there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// It holds something else.
    Changed,
    /// It is not there.
    Missing,
    /// It is generated, and no longer produced.
    Extra,
}

/// Each file under `dir` that is not what `files` says: those of `files` in order, then the
/// generated files no longer produced. Empty when `dir` is fresh.
pub fn stale(dir: &Path, files: &Files) -> io::Result<Vec<(PathBuf, Status)>> {
    let mut out = Vec::new();
    for (rel, want) in files {
        let path = dir.join(rel);
        match std::fs::read(&path) {
            Ok(have) if have == want.as_bytes() => {}
            Ok(_) => out.push((path, Status::Changed)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => out.push((path, Status::Missing)),
            Err(e) => return Err(at(&path)(e)),
        }
    }
    let extra = stale_files(dir, files)?.into_iter();
    out.extend(extra.map(|path| (path, Status::Extra)));
    Ok(out)
}

/// A unified diff of what `generate` would change under `dir`; empty when it is fresh.
pub fn stale_report(dir: &Path, files: &Files) -> io::Result<String> {
    let wanted: HashMap<PathBuf, &String> = (files.iter())
        .map(|(rel, want)| (dir.join(rel), want))
        .collect();
    let mut report = String::new();
    for (path, status) in stale(dir, files)? {
        let name = path.display();
        let Some(want) = wanted.get(&path) else {
            report.push_str(&format!("{name} is generated but no longer produced\n"));
            continue;
        };
        let have = match status {
            Status::Changed => std::fs::read_to_string(&path).unwrap_or_default(),
            _ => String::new(),
        };
        let diff = similar::TextDiff::from_lines(&have, *want);
        report.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("{name} (on disk)"), &format!("{name} (generated)"))
                .to_string(),
        );
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

    fn docs_src() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-src")
    }

    /// A fresh folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("docbind-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn knobs_change_what_they_name() {
        let dir = scratch("knobs");
        Config::new()
            .out_dir(&dir)
            .file_name("calls.rs")
            .areas(["participant"])
            .type_attribute(".", "#[derive(Eq)]")
            .type_attribute("microsoft.graph.modality", "#[derive(PartialOrd, Ord)]")
            .type_attribute("mediastream", "#[non_exhaustive]")
            .field_attribute(
                "microsoft.graph.commsOperation.status",
                "#[doc(alias = \"state\")]",
            )
            .rename_type("microsoft.graph.participant", "CallParticipant")
            .rename_field("microsoft.graph.commsOperation.clientContext", "context")
            .compile(&[docs_src()])
            .unwrap();
        let code = std::fs::read_to_string(dir.join("calls.rs")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(code.starts_with("// @generated"));
        syn::parse_file(&code).unwrap();
        let count = |part: &str| code.matches(part).count();
        // The renamed type keeps its documented name for the registry and the wire.
        assert_eq!(count("pub struct CallParticipant {"), 1);
        assert_eq!(count("pub struct Participant {"), 0);
        assert_eq!(
            count("TypeInfo::of::<super::CallParticipant>(\"microsoft.graph.participant\")"),
            1
        );
        // A field knob reaches the types derived from the one it names.
        assert_eq!(count("pub context: docbind::Nullable<String>,"), 3);
        assert_eq!(count("\"clientContext\" => self.context ="), 3);
        assert_eq!(count("#[doc(alias = \"state\")]"), 3);
        // Derives join what an item derives already, once each.
        assert_eq!(
            count("#[derive(Clone, Debug, Default, Eq, PartialEq, Validate)]"),
            10
        );
        // Request bodies are no documented type: `.` leaves them as they are.
        assert_eq!(
            count("#[derive(Clone, Debug, Default, PartialEq, Validate)]"),
            2
        );
        assert_eq!(count("#[derive(Clone, Debug, PartialEq, Eq, Hash)]"), 3);
        assert_eq!(
            count(
                "#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n    #[non_exhaustive]\n    pub enum Modality"
            ),
            1
        );
        assert_eq!(count("#[non_exhaustive]\n    pub struct MediaStream {"), 1);
        // The area filter keeps participant's types and endpoints and what they are made of.
        for kept in [
            "ParticipantMute",
            "MuteParticipantOperation",
            "IdentitySet",
            "ResultInfo",
        ] {
            assert!(code.contains(&format!("pub struct {kept} ")), "{kept}");
        }
        for left in [
            "CallListParticipants",
            "CommsNotification",
            "ChangeType",
            "AnyIdentitySet",
        ] {
            assert!(!code.contains(left), "{left}");
        }
    }

    #[test]
    fn an_area_links_out_as_raw_json() {
        // `toolbox` lists gadgets, which link to widgets and to their toolbox (entity types).
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/features/docs");
        let dir = scratch("links");
        let areas = |areas: &[&str]| {
            Config::new()
                .out_dir(&dir)
                .areas(areas.iter().copied())
                .compile(&[&docs])
                .unwrap();
            std::fs::read_to_string(dir.join("docbind.rs")).unwrap()
        };
        let code = areas(&["gadget"]);
        syn::parse_file(&code).unwrap();
        assert!(
            code.contains("pub parts: docbind::Nullable<Vec<docbind::untyped::Undocumented>>,")
        );
        assert!(code.contains("pub home: docbind::Nullable<docbind::untyped::Undocumented>,"));
        assert!(!code.contains("pub struct Widget") && !code.contains("pub struct Toolbox"));
        // What an endpoint returns is kept, and a link from it is not.
        let code = areas(&["toolbox"]);
        for kept in [
            "pub struct Toolbox ",
            "pub struct Gadget ",
            "pub struct ToolboxListGadgets ",
        ] {
            assert!(code.contains(kept), "{kept}");
        }
        assert!(!code.contains("pub struct Widget"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn knobs_that_name_nothing_fail_and_write_nothing() {
        let dir = scratch("typos");
        let e = Config::new()
            .out_dir(&dir)
            .areas(["participant", "partcipant"])
            .type_attribute("microsoft.graph.Participant", "#[derive(Eq)]")
            .type_attribute("commsnotification", "#[derive(Eq)]")
            .type_attribute("call", "#[derive(Eq)]")
            .type_attribute("microsoft.graph.identity", "#[derive(Hash]")
            .field_attribute("microsoft.graph.participant.isMutd", "#[doc(hidden)]")
            .field_attribute("microsoft.graph.modality.audio", "#[doc(hidden)]")
            .field_attribute("microsoft.graph.identity.id", "#[derive(Hash)]")
            .rename_type("microsoft.graph.identity", "URLInfo")
            .rename_field("microsoft.graph.participant.isMuted", "type")
            .compile(&[docs_src()])
            .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        let message = e.to_string();
        for part in [
            "areas: no area `partcipant` in the pages (areas: call, changetype,",
            "no type `microsoft.graph.Participant` in the pages (`microsoft.graph.participant`?)",
            "the area filter leaves out area `commsnotification`",
            "area `call` defines no type, only endpoints",
            "`#[derive(Hash]` is not an outer attribute",
            "`microsoft.graph.participant` has no property `isMutd` (it has id, info, isInLobby,",
            "`microsoft.graph.modality` is an enum, which has no fields",
            "a field derives nothing",
            "`URLInfo` is not a name docbind keeps as it is: it would write `UrlInfo`",
            "`type` is not a name docbind keeps as it is: it would write `r#type`",
        ] {
            assert!(message.contains(part), "{part}: {message}");
        }
        assert!(!dir.exists());
    }

    #[test]
    fn given_names_that_are_taken_fail() {
        let dir = scratch("taken");
        let e = Config::new()
            .out_dir(&dir)
            .rename_type("microsoft.graph.participant", "ParticipantInfo")
            .compile(&[docs_src()])
            .unwrap_err();
        let message = e.to_string();
        let says = "microsoft.graph.participant cannot be named `ParticipantInfo`: so is \
                    microsoft.graph.participantInfo";
        assert!(message.contains(says), "{message}");
        for (name, says) in [
            (
                "id",
                "field `isMuted` cannot be named `id`: so is field `id`",
            ),
            ("extra", "so is a field every struct has"),
        ] {
            let e = Config::new()
                .out_dir(&dir)
                .rename_field("microsoft.graph.participant.isMuted", name)
                .compile(&[docs_src()])
                .unwrap_err();
            assert!(e.to_string().contains(says), "{e}");
        }
        assert!(!dir.exists());
    }

    #[test]
    fn cargo_watches_each_page_and_each_folder_that_holds_one() {
        let paths = [docs_src()];
        let inputs = crate::inputs(&paths).unwrap();
        let watched = watched(&paths, &inputs);
        let docs = docs_src();
        for path in [
            docs.clone(),
            docs.join("api"),
            docs.join("resources"),
            docs.join("api/participant-invite.md"),
            docs.join("resources/participant.md"),
        ] {
            assert!(watched.contains(&path), "{}", path.display());
        }
        assert_eq!(watched.len(), inputs.len() + 3);
        assert!(!watched.contains(docs.parent().unwrap()));
    }

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
