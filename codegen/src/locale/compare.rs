//! How much of what docbind reads from English pages it also reads from the same pages in
//! another language: the yardstick of a lexicon, learned or written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::model::{Model, Rule, TypeDef};

/// What the translated pages give of what the English ones give, on the resource pages both
/// folders have (`resources/<name>.md`).
#[derive(Debug, Default, Serialize)]
pub struct Agreement {
    /// Resource pages in both folders.
    pub pages: usize,
    /// Properties of the English types: how many the translated pages name.
    pub properties: Share,
    /// Properties both name: how many have the same type.
    pub types: Share,
    /// Members of the English enums: how many the translated pages list.
    pub enum_members: Share,
    /// `types` and `enum_members` together.
    pub types_and_enums: Share,
    /// Members of English enums that the translated pages neither define nor give any
    /// property as its type: an older or partial translation that lacks them (the ceiling).
    pub enum_members_absent: usize,
    /// `types_and_enums` without those members.
    pub types_and_enums_present: Share,
    /// Members of the other English enums whose wire name the translated pages never write,
    /// in any table, prose or code (translated, or left out).
    pub enum_members_unwritten: usize,
    /// The most `types_and_enums` can reach: no reader of these pages can find an absent or
    /// an unwritten member.
    pub types_and_enums_ceiling: f64,
    /// Max-length, max-items, required and read-only rules found on the same property.
    pub rules: Share,
    /// The rules by kind.
    pub rules_by_kind: BTreeMap<&'static str, Share>,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Share {
    pub english: usize,
    pub found: usize,
    pub percent: f64,
}

impl Share {
    fn add(&mut self, found: bool) {
        self.english += 1;
        self.found += usize::from(found);
        self.percent = 100.0 * self.found as f64 / self.english as f64;
    }
}

/// The rules of a property that this measure counts, as `kind` and value.
fn rules(p: &crate::model::Property) -> BTreeSet<(&'static str, u64)> {
    let mut out = BTreeSet::new();
    if p.required {
        out.insert(("required", 0));
    }
    if p.read_only {
        out.insert(("read-only", 0));
    }
    for c in &p.constraints {
        match c.rule {
            Rule::MaxLength { max } => out.insert(("max-length", max)),
            Rule::MaxItems { max } | Rule::MaxItemsWhen { max, .. } => {
                out.insert(("max-items", max))
            }
            _ => false,
        };
    }
    out
}

/// The page name of a type's source, when it is a resource page: `resources/event.md` is
/// `event`.
fn resource_page(file: &str) -> Option<&str> {
    let (_, rest) = file.rsplit_once("resources/")?;
    rest.strip_suffix(".md").filter(|r| !r.contains('/'))
}

/// The words the pages under `folders` write: every run of ASCII letters and digits, as
/// wire names are spelled.
pub fn words(folders: &[PathBuf]) -> std::io::Result<BTreeSet<String>> {
    let mut words = BTreeSet::new();
    for input in crate::inputs(folders)? {
        let text = std::fs::read_to_string(&input.path).map_err(crate::at(&input.path))?;
        let runs = text.split(|c: char| !c.is_ascii_alphanumeric());
        words.extend(runs.filter(|w| !w.is_empty()).map(str::to_owned));
    }
    Ok(words)
}

/// Compares what `translated` reads with what `english` reads, type by type (by name, case
/// aside) on the resource pages both read. `written`: the words of the translated pages.
pub fn compare(english: &Model, translated: &Model, written: &BTreeSet<String>) -> Agreement {
    let pages_of = |m: &Model| -> BTreeSet<String> {
        (m.pages.iter())
            .filter_map(|p| resource_page(&p.file).map(str::to_owned))
            .collect()
    };
    let shared: BTreeSet<String> = pages_of(english)
        .intersection(&pages_of(translated))
        .cloned()
        .collect();
    let by_name: BTreeMap<String, &TypeDef> = (translated.types.iter())
        .map(|t| (t.name().to_lowercase(), t))
        .collect();
    // Every type the translated pages define or type a property with.
    let named: BTreeSet<String> = (translated.types.iter())
        .flat_map(|t| {
            let own = std::iter::once(t.name().to_lowercase());
            let used = (t.as_complex().into_iter().flat_map(|c| &c.properties))
                .map(|p| p.ty.element().to_string().to_lowercase());
            own.chain(used)
        })
        .collect();
    let mut out = Agreement {
        pages: shared.len(),
        ..Agreement::default()
    };
    let on_shared =
        |t: &&TypeDef| resource_page(&t.source().file).is_some_and(|p| shared.contains(p));
    for t in english.types.iter().filter(on_shared) {
        let other = by_name.get(&t.name().to_lowercase());
        match t {
            TypeDef::Complex(c) => {
                let theirs = other.and_then(|o| o.as_complex());
                for p in &c.properties {
                    let found = theirs.and_then(|o| o.properties.iter().find(|q| q.name == p.name));
                    out.properties.add(found.is_some());
                    if let Some(q) = found {
                        let same = q.ty.to_string().eq_ignore_ascii_case(&p.ty.to_string());
                        out.types.add(same);
                        out.types_and_enums.add(same);
                        out.types_and_enums_present.add(same);
                    }
                    let have = found.map(rules).unwrap_or_default();
                    for rule in rules(p) {
                        let hit = have.contains(&rule);
                        out.rules.add(hit);
                        out.rules_by_kind.entry(rule.0).or_default().add(hit);
                    }
                }
            }
            TypeDef::Enum(e) => {
                let theirs = match other {
                    Some(TypeDef::Enum(o)) => Some(o),
                    _ => None,
                };
                for m in &e.members {
                    let found = theirs.is_some_and(|o| o.members.iter().any(|n| n.name == m.name));
                    out.enum_members.add(found);
                    out.types_and_enums.add(found);
                    match named.contains(&e.name.to_lowercase()) {
                        true => {
                            out.types_and_enums_present.add(found);
                            out.enum_members_unwritten += usize::from(!written.contains(&m.name));
                        }
                        false => out.enum_members_absent += 1,
                    }
                }
            }
        }
    }
    let all = out.types_and_enums.english;
    let beyond = out.enum_members_absent + out.enum_members_unwritten;
    out.types_and_enums_ceiling = 100.0 * all.saturating_sub(beyond) as f64 / all.max(1) as f64;
    out
}
