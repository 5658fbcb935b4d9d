//! API changes between two models. Each change is judged twice: on the wire (does the JSON a
//! client sends or reads still work, by the way the type travels) and in Rust (does a crate
//! that uses the generated types still compile, under the policy the README states). Its class
//! is the worse of the two.
//!
//! `types` compares types, properties, enum members and rules, `operations` compares
//! endpoints, `usage` says which way each type travels, and `report` prints, fingerprints and
//! filters the changes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};

use crate::emit::RustTypes;
use crate::locale::surely_translated;
use crate::model::{Code, Model, Source, TypeDef, TypeRef};

mod operations;
mod report;
mod rules;
mod types;
mod usage;

pub use report::{Ignore, Report, Summary};
pub use rules::Rule;
use usage::{Direction, Usage};

/// What a change does to one kind of user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Breaking,
    /// Changes the API and breaks no one.
    Compatible,
    /// Changes nothing this side sees.
    None,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Breaking => "breaking",
            Verdict::Compatible => "compatible",
            Verdict::None => "none",
        }
    }
}

/// The worse of two verdicts.
fn worse(a: Verdict, b: Verdict) -> Verdict {
    a.min(b)
}

/// A change's class, from the worse of its verdicts; ordered worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Breaking,
    Additive,
    DocsOnly,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::Breaking, Class::Additive, Class::DocsOnly];

    fn of(wire: Verdict, rust: Verdict) -> Class {
        match worse(wire, rust) {
            Verdict::Breaking => Class::Breaking,
            Verdict::Compatible => Class::Additive,
            Verdict::None => Class::DocsOnly,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::DocsOnly => "docs-only",
        }
    }
}

/// One change between the old model and the new.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub rule: Rule,
    pub class: Class,
    pub wire: Verdict,
    pub rust: Verdict,
    /// The qualified name it is about: `microsoft.graph.user.displayName`, a member as
    /// `microsoft.graph.color.red`, an operation by its name.
    pub subject: String,
    #[serde(serialize_with = "file_line")]
    pub old: Option<Source>,
    #[serde(serialize_with = "file_line")]
    pub new: Option<Source>,
    pub fingerprint: String,
    pub message: String,
    /// How to follow the change in code, for renames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The old docs contradicted themselves here: the new ones settle it, the API is the same.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub correction: bool,
    /// The two sides are pages in different languages, and this change comes from reading
    /// their prose: it is the translation's, not the API's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub translation: bool,
}

fn file_line<S: Serializer>(source: &Option<Source>, s: S) -> Result<S::Ok, S::Error> {
    match source {
        Some(at) => s.collect_str(&format_args!("{}:{}", at.file, at.line)),
        None => s.serialize_none(),
    }
}

/// The changes from `old` to `new`, sorted by class, rule and subject.
pub fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut d = Diff {
        old: Side::new(old),
        new: Side::new(new),
        usage: Usage::new(&[old, new]),
        changes: Vec::new(),
    };
    d.types();
    d.operations();
    let mut changes = d.changes;
    changes.sort_by(|a, b| {
        (a.class, a.rule, &a.subject, &a.fingerprint).cmp(&(
            b.class,
            b.rule,
            &b.subject,
            &b.fingerprint,
        ))
    });
    changes
}

/// One model, with what the comparison asks of it.
struct Side<'m> {
    model: &'m Model,
    rust: RustTypes<'m>,
    /// The language each page's names and prose are read in, by file: English on a
    /// bilingual page, which gives the original beside each translated span.
    languages: BTreeMap<&'m str, &'m str>,
    main_language: &'m str,
    /// Where the properties table and the JSON representation disagree.
    contradictions: BTreeSet<&'m Source>,
}

impl<'m> Side<'m> {
    fn new(model: &'m Model) -> Self {
        // By the language's primary subtag: `en-us` is English.
        let languages: BTreeMap<&str, &str> = (model.pages.iter())
            .map(|p| {
                let locale = if p.bilingual { "en" } else { p.locale.as_str() };
                (
                    p.file.as_str(),
                    locale.split(['-', '_']).next().unwrap_or(locale),
                )
            })
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for language in languages.values() {
            *counts.entry(language).or_default() += 1;
        }
        let main_language = (counts.into_iter())
            .max_by_key(|&(_, n)| n)
            .map_or("en", |(language, _)| language);
        Side {
            main_language,
            model,
            rust: RustTypes::new(model),
            languages,
            contradictions: (model.diagnostics.iter())
                .filter(|d| d.code == Code::TableJsonMismatch)
                .map(|d| &d.source)
                .collect(),
        }
    }

    /// Whether `ty` is named with a word translation wrote ("Destinatário", "importância",
    /// "coleção relatedContact"): a type cell read as a name, which no service type has.
    fn untranslated_type(ty: &TypeRef) -> bool {
        matches!(ty.element(), TypeRef::Named(n)
            if surely_translated(n.rsplit('.').next().unwrap_or(n)) || n.contains(' '))
    }

    /// The properties, inherited ones too, of the complex type `ty` names; none for another.
    fn properties_of(&self, ty: Option<&TypeRef>) -> Vec<crate::model::Property> {
        let named = match ty {
            Some(TypeRef::Named(name)) => self.model.find_type(name),
            _ => None,
        };
        match named {
            Some(TypeDef::Complex(c)) => {
                self.model.all_properties(c).into_iter().cloned().collect()
            }
            _ => Vec::new(),
        }
    }

    /// The language of the page at `at`; for a page this side lacks, the language most of
    /// its pages are read in.
    fn language(&self, at: &Source) -> &str {
        self.languages
            .get(&*at.file)
            .copied()
            .unwrap_or(self.main_language)
    }
}

/// A change being recorded: what `Diff::push` needs besides the verdicts.
struct Found<'a> {
    rule: Rule,
    subject: String,
    old: Option<&'a Source>,
    new: Option<&'a Source>,
    /// What tells this change from another of the same rule and subject, for the fingerprint:
    /// the old and new values, never a line number.
    detail: String,
    message: String,
}

impl<'a> Found<'a> {
    /// A change to something both sides have, at `old` and `new`.
    fn between(
        rule: Rule,
        subject: String,
        (old, new): (&'a Source, &'a Source),
        detail: String,
        message: String,
    ) -> Self {
        Found {
            rule,
            subject,
            old: Some(old),
            new: Some(new),
            detail,
            message,
        }
    }
}

struct Diff<'m> {
    old: Side<'m>,
    new: Side<'m>,
    usage: Usage<'m>,
    changes: Vec<Change>,
}

impl Diff<'_> {
    fn push(&mut self, found: Found, wire: Verdict, rust: Verdict) -> &mut Change {
        let fingerprint = report::fingerprint(found.rule, &found.subject, &found.detail);
        self.changes.push(Change {
            rule: found.rule,
            class: Class::of(wire, rust),
            wire,
            rust,
            subject: found.subject,
            old: found.old.cloned(),
            new: found.new.cloned(),
            fingerprint,
            message: found.message,
            hint: None,
            correction: false,
            translation: false,
        });
        self.changes.last_mut().expect("just pushed")
    }

    /// Whether the two places are pages read in different languages: then names a table
    /// gives may be translations of each other, and prose cannot be compared.
    fn across_languages(&self, old: &Source, new: &Source) -> bool {
        self.old.language(old) != self.new.language(new)
    }

    /// Whether `name`, at `at`, is a name a table gave that translation replaced: across
    /// languages, such a name added or removed is no change to the API.
    fn translated_name(&self, name: &str, at: &Source) -> bool {
        self.across_languages(at, at) && surely_translated(name)
    }

    /// The wire verdict of a change that is `request` to what clients send and `response` to
    /// what they read, for a type that travels `direction`.
    fn wire(direction: Direction, request: Verdict, response: Verdict) -> Verdict {
        let request = if direction.request {
            request
        } else {
            Verdict::None
        };
        let response = if direction.response {
            response
        } else {
            Verdict::None
        };
        worse(request, response)
    }
}

/// A test of whether an old item and a new one are the same.
type Same<'f, T> = &'f dyn Fn(&T, &T) -> bool;

/// Items of two lists paired by what they agree on.
struct Pairs {
    matched: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// Pairs the items of `old` and `new` that `same` holds for, each at most once and in order,
/// trying each test in turn on what is left: an exact name before a looser one, so that a
/// list that repeats a name pairs each with its own.
fn pair<T>(old: &[T], new: &[T], tests: &[Same<T>]) -> Pairs {
    let (mut old_left, mut new_left): (Vec<usize>, Vec<usize>) =
        ((0..old.len()).collect(), (0..new.len()).collect());
    let mut matched = Vec::new();
    for same in tests {
        old_left.retain(|&i| {
            let Some(at) = new_left.iter().position(|&j| same(&old[i], &new[j])) else {
                return true;
            };
            matched.push((i, new_left.remove(at)));
            false
        });
    }
    Pairs {
        matched,
        removed: old_left,
        added: new_left,
    }
}
