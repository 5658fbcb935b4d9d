//! What `docbind diff` prints: the changes a user asked to see, their counts, and the
//! fingerprints an ignore file accepts.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::{Change, Class, Rule};

/// A short, stable name for a change: its rule, subject and values, never its lines, so it
/// survives edits elsewhere in the pages. FNV-1a, written as 10 hex digits.
pub(super) fn fingerprint(rule: Rule, subject: &str, detail: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [rule.id(), subject, detail] {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{:010x}", hash >> 24)
}

/// The fingerprints of known changes: one per line, the first word of it; `#` starts a
/// comment, so a line may say what it accepts.
#[derive(Clone, Debug, Default)]
pub struct Ignore(BTreeSet<String>);

impl Ignore {
    pub fn parse(text: &str) -> Self {
        let words = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default())
            .filter_map(|l| l.split_whitespace().next());
        Ignore(words.map(str::to_owned).collect())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Every change found, ignored ones aside, by class…
    pub by_class: BTreeMap<&'static str, usize>,
    /// …and by rule.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Accepted by the ignore file.
    pub ignored: usize,
    /// Docs-only changes left out of `changes` (shown with `--all`).
    pub hidden: usize,
    /// Lines of the ignore file that match no change: accepted changes that are gone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale_ignores: Vec<String>,
}

/// The changes to show, and the counts of all of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub summary: Summary,
}

impl Report {
    /// Leaves out what `ignore` accepts, and docs-only changes unless `all`.
    pub fn new(changes: Vec<Change>, ignore: &Ignore, all: bool) -> Self {
        let mut summary = Summary::default();
        for class in Class::ALL {
            summary.by_class.insert(class.name(), 0);
        }
        let mut matched = BTreeSet::new();
        let mut shown = Vec::new();
        for change in changes {
            if ignore.0.contains(&change.fingerprint) {
                matched.insert(change.fingerprint.clone());
                summary.ignored += 1;
                continue;
            }
            *summary.by_class.entry(change.class.name()).or_default() += 1;
            *summary.by_rule.entry(change.rule.id()).or_default() += 1;
            if change.class == Class::DocsOnly && !all {
                summary.hidden += 1;
            } else {
                shown.push(change);
            }
        }
        summary.stale_ignores = ignore.0.difference(&matched).cloned().collect();
        Report {
            changes: shown,
            summary,
        }
    }

    pub fn count(&self, class: Class) -> usize {
        self.summary
            .by_class
            .get(class.name())
            .copied()
            .unwrap_or(0)
    }
}

/// A line per change, worst first, then the counts.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |s: &Option<crate::model::Source>| {
            s.as_ref()
                .map_or("-".to_owned(), |s| format!("{}:{}", s.file, s.line))
        };
        for c in &self.changes {
            let mut labels = Vec::new();
            if c.correction {
                labels.push("correction");
            }
            if c.translation {
                labels.push("translation");
            }
            let labels = match labels.is_empty() {
                true => String::new(),
                false => format!(" ({})", labels.join(", ")),
            };
            writeln!(
                f,
                "{} {}: {}{labels}",
                c.class.name(),
                c.rule.id(),
                c.message
            )?;
            writeln!(
                f,
                "  wire: {}, rust: {}; {} [{}]",
                c.wire.name(),
                c.rust.name(),
                c.subject,
                c.fingerprint
            )?;
            writeln!(f, "  old {} → new {}", at(&c.old), at(&c.new))?;
            if let Some(hint) = &c.hint {
                writeln!(f, "  hint: {hint}")?;
            }
        }
        let s = &self.summary;
        write!(
            f,
            "{} breaking, {} additive, {} docs-only",
            self.count(Class::Breaking),
            self.count(Class::Additive),
            self.count(Class::DocsOnly)
        )?;
        if s.hidden > 0 {
            write!(f, " ({} hidden: --all shows them)", s.hidden)?;
        }
        if s.ignored > 0 {
            write!(f, "; {} ignored", s.ignored)?;
        }
        writeln!(f)?;
        for stale in &s.stale_ignores {
            writeln!(
                f,
                "the ignore file accepts {stale}, which no change has any more"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_short_stable_and_tell_changes_apart() {
        let a = fingerprint(Rule::PropertyRemoved, "microsoft.graph.user.city", "");
        assert_eq!(a.len(), 10);
        assert_eq!(
            a,
            fingerprint(Rule::PropertyRemoved, "microsoft.graph.user.city", "")
        );
        assert_ne!(
            a,
            fingerprint(Rule::PropertyAdded, "microsoft.graph.user.city", "")
        );
        assert_ne!(
            a,
            fingerprint(Rule::PropertyRemoved, "microsoft.graph.user.cit", "y")
        );
    }

    #[test]
    fn the_ignore_file_reads_the_first_word_and_skips_comments() {
        let ignore = Ignore::parse("# accepted\nabc123 property-removed x\n\n  def456\n");
        assert_eq!(ignore.0, ["abc123", "def456"].map(String::from).into());
    }
}
