//! Counts over a model, as `docbind stats` prints them.

use std::collections::BTreeMap;

use crate::model::{JsonStatus, Model, PageKind, TypeDef};

/// Counts over a model, as `docbind stats` prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
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
    pub diagnostics_by_code: BTreeMap<String, usize>,
}

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
            *stats.diagnostics_by_code.entry(d.code.clone()).or_default() += 1;
        }
        stats
    }
}
