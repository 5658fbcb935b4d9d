//! What is printed of the diagnostics in the pages, in brief (by `generate` and build scripts
//! alike), and which of them fail a build.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::model::{Diagnostic, Severity, Source};
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

/// How many diagnostics of each severity are shown in brief.
const SHOWN: usize = 5;

/// Where each page opens from the directory docbind runs in, by the name the model gives it
/// (from a folder's own name down, wherever docbind runs).
#[derive(Clone, Debug, Default)]
pub struct Opened(HashMap<String, PathBuf>);

impl Opened {
    pub fn new(inputs: &[Input]) -> Self {
        Opened(
            inputs
                .iter()
                .map(|i| (i.name.clone(), i.given.clone()))
                .collect(),
        )
    }

    /// `source` with its file as it opens from here.
    pub fn source(&self, source: &Source) -> Source {
        match self.0.get(&*source.file) {
            Some(path) => Source {
                file: path.to_string_lossy().into(),
                ..source.clone()
            },
            None => source.clone(),
        }
    }

    pub fn diagnostic(&self, d: &Diagnostic) -> Diagnostic {
        Diagnostic {
            source: self.source(&d.source),
            ..d.clone()
        }
    }
}

/// The diagnostics in brief, as `generate` and build scripts print them: of each severity
/// `shown` keeps, the first few, each on one line at its page as it opens from here
/// (`file:line:col: severity[code]: message`), then `… and N more`. Returns those lines, each
/// with its severity, and the counts of errors, warnings and notes.
pub fn brief(
    diagnostics: &[Diagnostic],
    opened: &Opened,
    shown: impl Fn(Severity) -> bool,
) -> (Vec<(Severity, String)>, [usize; 3]) {
    let mut lines = Vec::new();
    let counts = SEVERITIES.map(|severity| {
        let of: Vec<&Diagnostic> = (diagnostics.iter())
            .filter(|d| d.severity == severity)
            .collect();
        let name = severity.name();
        if shown(severity) {
            for d in of.iter().take(SHOWN) {
                let at = opened.source(&d.source);
                let message = d.message.replace(['\n', '\r'], " ");
                lines.push((severity, format!("{at}: {name}[{}]: {message}", d.code)));
            }
            if of.len() > SHOWN {
                lines.push((
                    severity,
                    format!("… and {}", plural(of.len() - SHOWN, name)),
                ));
            }
        }
        of.len()
    });
    (lines, counts)
}

/// The line after the brief: how many of each severity, and the command that shows them all.
pub fn summary([errors, warnings, notes]: [usize; 3], paths: &[PathBuf]) -> String {
    let paths = shell::join(paths.iter().map(|p| p.to_string_lossy()));
    format!(
        "the pages have {}, {} and {}: `docbind lint {paths}` shows each with its page",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note"),
    )
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

/// The diagnostics, in brief, as cargo instructions. Those `levels` denies are `cargo::error`
/// lines; it also says why the build fails, if it does.
pub(super) fn report(
    diagnostics: &[Diagnostic],
    inputs: &[Input],
    paths: &[PathBuf],
    levels: Levels,
) -> (Vec<String>, Option<String>) {
    let (brief, counts) = brief(diagnostics, &Opened::new(inputs), |s| levels.shown(s));
    let mut lines: Vec<String> = (brief.into_iter())
        .map(|(severity, line)| {
            let kind = if levels.denied(severity) {
                "error"
            } else {
                "warning"
            };
            format!("cargo::{kind}={line}")
        })
        .collect();
    if !lines.is_empty() {
        lines.push(format!("cargo::warning={}", summary(counts, paths)));
    }
    let failing: Vec<String> = (SEVERITIES.into_iter())
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
pub fn plural(n: usize, what: &str) -> String {
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
        let diagnostic = |severity, line| {
            let source = Source {
                file: "docs/x.md".into(),
                line,
                col: 2,
            };
            Diagnostic::new(Code::JsonInvalid, source, "two\nlines").with_severity(severity)
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
