//! Counts over a model, as `docbind stats` prints them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::model::{
    BaseStated, Code, Edm, JsonStatus, Model, PageKind, Property, TypeDef, TypeRef,
};

/// Counts over a model, as `docbind stats` prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub pages: usize,
    pub pages_by_kind: BTreeMap<PageKind, usize>,
    pub resources: usize,
    pub enums: usize,
    pub operations: usize,
    /// Annotated request, response and example blocks.
    pub examples: usize,
    /// Example bodies by how their JSON read.
    pub json_bodies: BTreeMap<JsonStatus, usize>,
    pub properties: usize,
    /// Types with a base, by how the docs state it (`annotation`, `prose`, `key`).
    pub bases_by_how_stated: BTreeMap<BaseStated, usize>,
    pub diagnostics_by_code: BTreeMap<Code, usize>,
    /// Validation rules read from the prose, by kind (`required`, `read-only`, `max-length`…).
    pub rules_by_kind: BTreeMap<&'static str, usize>,
    /// For length and item-count phrases, by kind and language (`max-length/pt-BR`): how many
    /// descriptions hold such a phrase, by a broad detector independent of the extractor, and
    /// how many of those became a rule.
    pub rule_recall: BTreeMap<String, Recall>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Recall {
    pub cells: usize,
    pub ruled: usize,
}

/// Broad detectors for the recall figures: any number of characters, any bounded count.
/// They are deliberately wider than the lexicons, so missed phrasings show up as a gap.
static LENGTH_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d+\s*(?:unicode\s+)?(?:characters?|chars?|caracteres)\b").expect("valid")
});
static ITEMS_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let bound = r"up to|at most|no more than|maximum of|max(?:imum)?|limit(?:ed)? (?:of|to)|até|no máximo|máximo de|limite de";
    let count = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|um|uma|dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|vinte|cinquenta|cem";
    Regex::new(&format!(r"(?i)\b(?:{bound})\s+(?:{count})\b")).expect("valid")
});

impl Stats {
    pub fn of(model: &Model) -> Stats {
        let mut stats = Stats {
            pages: model.pages.len(),
            operations: model.operations.len(),
            ..Stats::default()
        };
        for page in &model.pages {
            *stats.pages_by_kind.entry(page.kind).or_default() += 1;
        }
        for t in &model.types {
            match t {
                TypeDef::Complex(c) => {
                    stats.resources += 1;
                    stats.properties += c.properties.len();
                    if let Some(how) = c.base_stated {
                        *stats.bases_by_how_stated.entry(how).or_default() += 1;
                    }
                }
                TypeDef::Enum(_) => stats.enums += 1,
            }
        }
        for block in model.all_examples().flat_map(|(_, e)| e.blocks()) {
            stats.examples += 1;
            if let Some(status) = block.json_status {
                *stats.json_bodies.entry(status).or_default() += 1;
            }
        }
        for d in &model.diagnostics {
            *stats.diagnostics_by_code.entry(d.code).or_default() += 1;
        }
        let locales: BTreeMap<&str, &str> = model
            .pages
            .iter()
            .map(|p| (p.file.as_str(), p.locale.as_str()))
            .collect();
        for p in model.all_documented_properties() {
            stats.count_rules(p, locales.get(&*p.source.file).copied().unwrap_or("en"));
        }
        stats
    }

    fn count_rules(&mut self, p: &Property, page_locale: &str) {
        let flags = [("required", p.required), ("read-only", p.read_only)];
        for (kind, set) in flags {
            if set {
                *self.rules_by_kind.entry(kind).or_default() += 1;
            }
        }
        for c in &p.constraints {
            *self.rules_by_kind.entry(c.rule.kind()).or_default() += 1;
        }
        let Some(description) = &p.description else {
            return;
        };
        // Bilingual pages carry the English source, which is what was read.
        let locale = if description.en.is_some() {
            "en"
        } else {
            page_locale
        };
        let text = description.source();
        let probes: [(&str, &Regex, bool); 2] = [
            (
                "max-length",
                &LENGTH_PHRASE,
                p.ty == TypeRef::Primitive(Edm::String),
            ),
            ("max-items", &ITEMS_PHRASE, p.ty.is_collection()),
        ];
        for (kind, phrase, applies) in probes {
            if !applies || !phrase.is_match(text) {
                continue;
            }
            let recall = self
                .rule_recall
                .entry(format!("{kind}/{locale}"))
                .or_default();
            recall.cells += 1;
            // An item count may also come from a note elsewhere; only the cell's own counts.
            let ruled = p
                .constraints
                .iter()
                .any(|c| c.rule.kind() == kind && text.contains(c.phrase.as_str()));
            recall.ruled += usize::from(ruled);
        }
    }
}
