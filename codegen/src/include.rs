//! `[!INCLUDE [name](path)]`: the included page's content is read where the directive
//! stands, but only from inside the docs root, so a page cannot pull in arbitrary files.
//! Neither a missing include nor one outside the root loses the page: each is a note. Pages
//! and the files they include are read as text the same way.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::markdown::{self, Document};
use crate::model::Code;

/// The files under a docs root as the walk found them, so an include whose target is not
/// there (nearly all, in the corpus) costs no file-system call, and neither does a page path
/// that is already canonical.
#[derive(Debug, Default)]
pub struct Files {
    /// Regular files, by their path under the root with `/` between names.
    files: HashSet<String>,
    /// Symbolic links and folders that could not be listed, likewise: the file system
    /// decides at and under them.
    unknown: Vec<String>,
}

impl Files {
    /// A regular file at `rel`; `None` for one whose path is not text, which no include names.
    pub fn file(&mut self, rel: Option<String>) {
        self.files.extend(rel);
    }

    /// A symbolic link or a folder not listed at `rel`.
    pub fn unknown(&mut self, rel: Option<String>) {
        self.unknown.extend(rel);
    }

    /// Whether the file system compares names as this record does. One that ignores case
    /// (or a record with no name to try) says no, and includes are then read as they come.
    pub fn usable(&self, root: &Path) -> bool {
        let flip = |c: char| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => c,
        };
        let probe = self.files.iter().find_map(|rel| {
            let flipped: String = rel.chars().map(flip).collect();
            (flipped != *rel && !self.files.contains(&flipped)).then_some(flipped)
        });
        probe.is_some_and(|flipped| std::fs::symlink_metadata(root.join(flipped)).is_err())
    }

    /// Whether reading `rel` could succeed. Names with other than ASCII are left to the file
    /// system, which may compare them in another Unicode form.
    fn may_exist(&self, rel: &str) -> bool {
        self.files.contains(rel)
            || !rel.is_ascii()
            || self.unknown.iter().any(|u| {
                rel.strip_prefix(u.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
            })
    }
}

/// A note about an include, at an offset of the page that holds it.
pub type Note = (usize, Code, String);

/// A page's text, invalid UTF-8 replaced; valid text (nearly all) is not copied.
pub fn read_text(path: &Path) -> std::io::Result<Arc<String>> {
    let bytes = std::fs::read(path)?;
    Ok(Arc::new(String::from_utf8(bytes).unwrap_or_else(|e| {
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    })))
}

/// Nested includes deeper than this are not followed (and a cycle stops here).
const MAX_DEPTH: usize = 4;

/// Resolves the includes of `doc`, the page at `path`, within `root` (canonical), whose
/// `files` are known when it was walked.
pub fn expand(doc: &mut Document, path: &Path, root: &Path, files: Option<&Files>) -> Vec<Note> {
    let mut notes = Vec::new();
    if doc.includes.is_empty() {
        return notes;
    }
    // A regular file the walk found is reached through real folders from the canonical root.
    let walked =
        files.is_some_and(|f| under_root(path, root).is_some_and(|r| f.files.contains(&r)));
    let page = if walked {
        path.to_owned()
    } else {
        path.canonicalize().unwrap_or_else(|_| path.to_owned())
    };
    // One note per kind of problem per page, at its first directive, naming every file: a page
    // of code samples can include dozens of missing snippets.
    let mut found: Vec<(usize, Code, Vec<String>)> = Vec::new();
    expand_in(
        doc,
        &page,
        root,
        files,
        0,
        &mut |offset, code, target| match found.iter_mut().find(|(_, c, _)| *c == code) {
            Some((_, _, targets)) => targets.push(target),
            None => found.push((offset, code, vec![target])),
        },
    );
    for (offset, code, targets) in found {
        let what = match code {
            Code::IncludeOutsideRoot => "outside the docs root, so not read",
            _ => "not there (or nested too deep), so the page is read without them",
        };
        let list = targets
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        notes.push((
            offset,
            code,
            format!("{} included file(s) {what}: {list}", targets.len()),
        ));
    }
    notes
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The names of the folders from `root` down to the file at `path`, when all are text.
fn folders<'p>(path: &'p Path, root: &Path) -> Option<Vec<&'p str>> {
    let rel = path.strip_prefix(root).ok()?.parent()?;
    rel.components()
        .map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect()
}

/// Where an include's target is, as far as the walk knows.
enum Target {
    Outside,
    Missing,
    File(PathBuf),
}

/// Locates `relative` from the page in `folders` under `root`. A plain relative path that
/// stays under the root is resolved on names, which is what nearly every target is; anything
/// else goes through `Path`.
fn locate(
    relative: &str,
    page: &Path,
    folders: Option<&[&str]>,
    root: &Path,
    files: Option<&Files>,
) -> Target {
    if let (Some(files), Some(folders)) = (files, folders)
        && let Some(rel) = under(folders, relative)
    {
        return match files.may_exist(&rel) {
            true => Target::File(root.join(rel)),
            false => Target::Missing,
        };
    }
    let path = normalize(&page.parent().unwrap_or(Path::new("")).join(relative));
    match path.starts_with(root) {
        true if files
            .is_some_and(|f| under_root(&path, root).is_some_and(|rel| !f.may_exist(&rel))) =>
        {
            Target::Missing
        }
        true => Target::File(path),
        false => Target::Outside,
    }
}

/// `relative` (with `/` between names) from `folders`, as a path under the root; `None` when
/// it is absolute, holds what a platform may read as a separator or prefix, or climbs out.
fn under(folders: &[&str], relative: &str) -> Option<String> {
    if relative.starts_with('/') || relative.contains(['\\', ':']) {
        return None;
    }
    let mut names = folders.to_vec();
    for name in relative.split('/') {
        match name {
            "" | "." => {}
            ".." => {
                names.pop()?;
            }
            name => names.push(name),
        }
    }
    Some(names.join("/"))
}

/// The path of `path` under `root` with `/` between names, when all are text.
fn under_root(path: &Path, root: &Path) -> Option<String> {
    let mut names = folders(path, root)?;
    names.push(path.file_name()?.to_str()?);
    Some(names.join("/"))
}

/// Calls `note(offset, code, target)` for each include not read.
fn expand_in(
    doc: &mut Document,
    page: &Path,
    root: &Path,
    files: Option<&Files>,
    depth: usize,
    note: &mut dyn FnMut(usize, Code, String),
) {
    let here = folders(page, root);
    for include in std::mem::take(&mut doc.includes) {
        let at = include.range.start;
        let relative = include.target.split(['#', '?']).next().unwrap_or("");
        let target = match locate(relative, page, here.as_deref(), root, files) {
            Target::Outside => {
                note(at, Code::IncludeOutsideRoot, include.target);
                continue;
            }
            Target::Missing => {
                note(at, Code::IncludeMissing, include.target);
                continue;
            }
            _ if depth >= MAX_DEPTH => {
                note(at, Code::IncludeMissing, include.target);
                continue;
            }
            Target::File(path) => path,
        };
        // A symbolic link (or a file the walk did not see) may lead out of the root: only
        // where it really is counts.
        let known =
            files.is_some_and(|f| under_root(&target, root).is_some_and(|r| f.files.contains(&r)));
        let target = match known {
            true => target,
            false => match target.canonicalize() {
                Ok(real) if real.starts_with(root) => real,
                Ok(_) => {
                    note(at, Code::IncludeOutsideRoot, include.target);
                    continue;
                }
                Err(_) => {
                    note(at, Code::IncludeMissing, include.target);
                    continue;
                }
            },
        };
        let Ok(text) = read_text(&target) else {
            note(at, Code::IncludeMissing, include.target);
            continue;
        };
        let mut included = markdown::parse_shared(&text);
        // Notes about nested includes point at this directive.
        expand_in(
            &mut included,
            &target,
            root,
            files,
            depth + 1,
            &mut |_, code, target| note(at, code, target),
        );
        doc.splice(included, &include);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Code;

    #[test]
    fn plain_targets_resolve_on_names() {
        let api = ["api"];
        assert_eq!(
            super::under(&api, "../includes/a.md").as_deref(),
            Some("includes/a.md")
        );
        assert_eq!(
            super::under(&api, "./b//c/../d.md").as_deref(),
            Some("api/b/d.md")
        );
        assert_eq!(super::under(&api, "../../docs/a.md"), None);
        assert_eq!(super::under(&api, "/docs/a.md"), None);
        assert_eq!(super::under(&api, "..\\a.md"), None);
    }

    #[test]
    fn includes_inside_the_root_are_read_others_are_notes() {
        let base = std::env::temp_dir().join(format!("docbind-include-{}", std::process::id()));
        let root = base.join("docs");
        std::fs::create_dir_all(root.join("api")).unwrap();
        std::fs::create_dir_all(root.join("includes")).unwrap();
        std::fs::write(
            root.join("includes/perms.md"),
            "| Permission type | Permissions |\n|---|---|\n| Application | Calls.Read.All |\n",
        )
        .unwrap();
        std::fs::write(base.join("outside.md"), "secret\n").unwrap();
        let page = "---\ndoc_type: apiPageType\n---\n# Get x\n\n## Permissions\n[!INCLUDE [perms](../includes/perms.md)]\n\n[!INCLUDE [out](../../outside.md)]\n\n[!INCLUDE [gone](../includes/gone.md)]\n\n## HTTP request\n```http\nGET /x\n```\n";
        let path = root.join("api/get-x.md");
        std::fs::write(&path, page).unwrap();

        let inputs = crate::inputs(std::slice::from_ref(&root)).unwrap();
        assert_eq!(inputs.len(), 1, "snippets under includes/ are not pages");
        let model = crate::load(&[root]).unwrap();
        let op = &model.operations[0];
        assert_eq!(op.permissions[0].names, ["Calls.Read.All"]);
        assert_eq!(
            op.permissions[0].source.line, 7,
            "positions point at the directive"
        );
        let codes: Vec<_> = model
            .diagnostics
            .iter()
            .map(|d| (d.code, d.source.line))
            .collect();
        assert_eq!(
            codes,
            [(Code::IncludeOutsideRoot, 9), (Code::IncludeMissing, 11)]
        );
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// The walk's record of files decides only where it looked: nested snippet folders are
    /// in it, symbolic links and single-file inputs go to the file system.
    #[cfg(unix)]
    #[test]
    fn includes_found_through_links_nesting_and_single_files() {
        let base = std::env::temp_dir().join(format!("docbind-links-{}", std::process::id()));
        let root = base.join("docs");
        std::fs::create_dir_all(root.join("api")).unwrap();
        std::fs::create_dir_all(root.join("includes/snippets")).unwrap();
        std::fs::write(
            root.join("includes/perms.md"),
            "[!INCLUDE [nested](snippets/table.md)]\n",
        )
        .unwrap();
        std::fs::write(
            root.join("includes/snippets/table.md"),
            "| Permission type | Permissions |\n|---|---|\n| Application | Calls.Read.All |\n",
        )
        .unwrap();
        std::os::unix::fs::symlink(root.join("includes"), root.join("linked")).unwrap();
        let page = |include: &str| {
            format!(
                "# Get x\n\n## Permissions\n[!INCLUDE [p]({include})]\n\n## HTTP request\n```http\nGET /x\n```\n"
            )
        };
        std::fs::write(root.join("api/a.md"), page("../includes/perms.md")).unwrap();
        std::fs::write(root.join("api/b.md"), page("../linked/perms.md")).unwrap();

        let model = crate::load(std::slice::from_ref(&root)).unwrap();
        assert_eq!(model.operations.len(), 2);
        for op in &model.operations {
            assert_eq!(op.permissions[0].names, ["Calls.Read.All"], "{}", op.name);
        }
        assert!(
            model
                .diagnostics
                .iter()
                .all(|d| !matches!(d.code, Code::IncludeMissing | Code::IncludeOutsideRoot))
        );
        // A single file's root is its folder.
        std::fs::write(root.join("c.md"), page("includes/perms.md")).unwrap();
        let single = crate::load(&[root.join("c.md")]).unwrap();
        assert_eq!(
            single.operations[0].permissions[0].names,
            ["Calls.Read.All"]
        );
        std::fs::remove_dir_all(&base).unwrap();
    }
}
