//! What a build prints of the diagnostics in the pages, and which of them fail it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Diagnostic, Severity};
use crate::{Input, shell};

/// Which diagnostics in the pages a build prints, and which fail it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Levels {
    pub warn: Severity,
    pub deny: Option<Severity>,
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            warn: Severity::Warning,
            deny: None,
        }
    }
}

impl Levels {
    fn denied(self, severity: Severity) -> bool {
        self.deny.is_some_and(|deny| severity <= deny)
    }

    fn shown(self, severity: Severity) -> bool {
        severity <= self.warn || self.denied(severity)
    }
}

/// How many diagnostics of each severity a build prints.
const SHOWN: usize = 5;

/// The diagnostics, in brief, as cargo instructions: the first few of each severity `levels`
/// shows, each at its page as it was given (`file:line:col`), and how many there are. Those it
/// denies are `cargo::error` lines; it also says why the build fails, if it does.
pub(super) fn report(
    diagnostics: &[Diagnostic],
    inputs: &[Input],
    paths: &[PathBuf],
    levels: Levels,
) -> (Vec<String>, Option<String>) {
    let given: HashMap<&str, &Path> = (inputs.iter())
        .map(|i| (i.name.as_str(), i.given.as_path()))
        .collect();
    let mut lines = Vec::new();
    let counts = [Severity::Error, Severity::Warning, Severity::Note].map(|severity| {
        let of: Vec<&Diagnostic> = (diagnostics.iter())
            .filter(|d| d.severity == severity)
            .collect();
        let kind = if levels.denied(severity) {
            "error"
        } else {
            "warning"
        };
        let name = severity.name();
        if levels.shown(severity) {
            for d in of.iter().take(SHOWN) {
                let file = given.get(&*d.source.file).map(|p| p.display().to_string());
                let file = file.unwrap_or_else(|| d.source.file.to_string());
                let message = d.message.replace(['\n', '\r'], " ");
                let (line, col) = (d.source.line, d.source.col);
                lines.push(format!(
                    "cargo::{kind}={file}:{line}:{col}: {name}[{}]: {message}",
                    d.code
                ));
            }
            if of.len() > SHOWN {
                let more = plural(of.len() - SHOWN, name);
                lines.push(format!("cargo::{kind}=… and {more}"));
            }
        }
        of.len()
    });
    let [errors, warnings, notes] = counts;
    if !lines.is_empty() {
        let paths = shell::join(paths.iter().map(|p| p.to_string_lossy()));
        lines.push(format!(
            "cargo::warning=the pages have {}, {} and {}: `docbind lint {paths}` shows each \
             with its page",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(notes, "note"),
        ));
    }
    let failing: Vec<String> = [Severity::Error, Severity::Warning, Severity::Note]
        .into_iter()
        .zip(counts)
        .filter(|&(severity, n)| n > 0 && levels.denied(severity))
        .map(|(severity, n)| plural(n, severity.name()))
        .collect();
    let failed = (!failing.is_empty()).then(|| {
        format!(
            "the pages have {}, and Config::deny(Severity::{:?}) fails the build on them",
            failing.join(" and "),
            levels.deny.unwrap_or(Severity::Error)
        )
    });
    (lines, failed)
}

/// `1 error`, `2 errors`.
fn plural(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, Source};

    #[test]
    fn diagnostics_are_printed_for_cargo_and_fail_the_build_when_denied() {
        let diagnostic = |severity, line| Diagnostic {
            source: Source {
                file: "docs/x.md".into(),
                line,
                col: 2,
            },
            severity,
            code: Code::JsonInvalid,
            message: "two\nlines".into(),
        };
        let mut diagnostics = vec![diagnostic(Severity::Error, 1)];
        diagnostics.extend((2..9).map(|line| diagnostic(Severity::Warning, line)));
        diagnostics.push(diagnostic(Severity::Note, 9));
        let input = Input {
            path: "pages/docs/x.md".into(),
            name: "docs/x.md".into(),
            given: "pages/docs/x.md".into(),
            root: "pages/docs".into(),
            files: None,
        };
        let paths = [PathBuf::from("pages/docs")];
        let inputs = std::slice::from_ref(&input);
        let levels = |warn, deny| Levels { warn, deny };
        let (lines, failed) = report(&diagnostics, inputs, &paths, Levels::default());
        assert_eq!(failed, None);
        assert_eq!(
            lines[0],
            "cargo::warning=pages/docs/x.md:1:2: error[json-invalid]: two lines"
        );
        assert_eq!(lines.len(), 1 + 5 + 1 + 1, "{lines:#?}");
        assert_eq!(lines[6], "cargo::warning=… and 2 warnings");
        assert_eq!(
            lines[7],
            "cargo::warning=the pages have 1 error, 7 warnings and 1 note: \
             `docbind lint pages/docs` shows each with its page"
        );
        let (lines, _) = report(&diagnostics, inputs, &paths, levels(Severity::Note, None));
        assert_eq!(lines.len(), 1 + 5 + 1 + 1 + 1, "{lines:#?}");
        // Warnings alone, printed only from `Severity::Warning` on: a quiet build.
        let (lines, _) = report(
            &diagnostics[1..],
            inputs,
            &paths,
            levels(Severity::Error, None),
        );
        assert_eq!(lines, Vec::<String>::new());

        let deny_errors = levels(Severity::Warning, Some(Severity::Error));
        let (lines, failed) = report(&diagnostics, inputs, &paths, deny_errors);
        assert!(lines[0].starts_with("cargo::error="), "{lines:#?}");
        assert!(lines[1].starts_with("cargo::warning="), "{lines:#?}");
        assert_eq!(
            failed.as_deref(),
            Some(
                "the pages have 1 error, and Config::deny(Severity::Error) fails the build on them"
            )
        );
        // What fails the build is printed, however quiet the build is.
        let deny_warnings = levels(Severity::Error, Some(Severity::Warning));
        let (lines, failed) = report(&diagnostics, inputs, &paths, deny_warnings);
        assert!(lines[1].starts_with("cargo::error="), "{lines:#?}");
        assert!(failed.is_some_and(|f| f.contains("1 error and 7 warnings")));
        let (_, failed) = report(&diagnostics[1..], &[], &paths, deny_errors);
        assert_eq!(failed, None);
    }
}
