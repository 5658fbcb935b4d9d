//! Enums: an enum page's member table, and the `<name>-values` sections that define enums
//! on other pages.

use super::Cx;
use super::tables::{Row, TableKind, clean_name, table_rows};
use crate::locale::{Column, split};
use crate::markdown::{Table, plain};
use crate::model::*;

impl Cx<'_> {
    pub(super) fn enum_type(&self) -> Option<EnumType> {
        let (table, _) = self.table_of(TableKind::Members)?;
        Some(EnumType {
            name: format!("{}.{}", self.namespace(), self.title_name()),
            description: self.summary(),
            members: self.members(&self.rows(TableKind::Members), table),
            source: self.at(table.range.start),
            merged_from: Vec::new(),
        })
    }

    /// Enums defined in sections anchored `<name>-values` ("### chatType values"), each from
    /// the member table there: resource pages define their own enums so, and one page of
    /// enum values (`enums.md`) hundreds.
    pub(super) fn section_enums(&self) -> Vec<EnumType> {
        let mut out = Vec::new();
        for (i, section) in self.doc.sections.iter().enumerate() {
            // An English page may leave the anchor out of "### chatType values": the
            // heading's words are the anchor's.
            let title = plain(split(&section.title).source());
            let implicit =
                (section.anchor.is_none()).then(|| title.trim().replace(' ', "-").to_lowercase());
            let Some(anchor) = section.anchor.as_deref().or(implicit.as_deref()) else {
                continue;
            };
            let Some(name) = anchor.strip_suffix("-values") else {
                continue;
            };
            let Some((table, columns)) =
                (self.doc.tables.iter().zip(&self.headers)).find(|(t, _)| t.section == Some(i))
            else {
                continue;
            };
            // `| Value | Description |` lists members by value; a Type column makes it
            // something else.
            let members_by_value = columns.first() == Some(&Some(Column::Value))
                && !columns.contains(&Some(Column::Name));
            if columns.contains(&Some(Column::Type))
                || !(members_by_value || columns.contains(&Some(Column::Name)))
            {
                continue;
            }
            let mut rows = table_rows(table, columns);
            if members_by_value {
                for row in &mut rows {
                    if let Some(value) = row.cells.remove(&Column::Value) {
                        row.cells.insert(Column::Name, value);
                    }
                }
            }
            let name = title
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .find(|w| w.eq_ignore_ascii_case(name))
                .unwrap_or(name);
            out.push(EnumType {
                name: format!("{}.{name}", self.namespace()),
                description: None,
                members: self.members(&rows, table),
                source: self.at(table.range.start),
                merged_from: Vec::new(),
            });
        }
        out
    }

    /// The members a table's rows list, the first of each name kept.
    fn members(&self, rows: &[Row], table: &Table) -> Vec<EnumMember> {
        let mut members: Vec<EnumMember> = rows
            .iter()
            .filter_map(|row| {
                let name = clean_name(&row.text(Column::Name)?);
                (!name.is_empty()).then(|| EnumMember {
                    value: row.text(Column::Value).and_then(|v| v.trim().parse().ok()),
                    description: row.description(),
                    name,
                })
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        members.retain(|m| {
            let first = seen.insert(m.name.clone());
            if !first {
                self.diag(
                    table.range.start,
                    Code::DuplicateMember,
                    format!(
                        "enum member `{}` is listed twice; the first is kept",
                        m.name
                    ),
                );
            }
            first
        });
        members
    }

    /// The type name as the title spells it: the title word that is the file stem's name.
    fn title_name(&self) -> String {
        let stem = self.stem();
        let simple = stem.rsplit('-').next().unwrap_or(stem);
        let title = self
            .doc
            .sections
            .first()
            .map(|s| plain(split(&s.title).source()))
            .unwrap_or_default();
        title
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .find(|w| w.eq_ignore_ascii_case(simple))
            .unwrap_or(simple)
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::page;
    use crate::model::*;

    #[test]
    fn enums_come_from_sections_of_values() {
        let md = "---\ndoc_type: enumPageType\n---\n# Enum values\n\nNamespace: microsoft.graph.security Values that several resources use.\n\n### <a name=\"casestatus-values\"></a>Valores caseStatus\n\n| Member | Description |\n|:--|:--|\n| active | Open. |\n| closed | Done. |\n\n#### <a name=\"tagkind-values\"></a>tagKind values\n\n| Value | Description |\n|:--|:--|\n| one | |\n| many | |\n\n### <a name=\"sizes-values\"></a>sizes values\n\n| Property | Type | Description |\n|:--|:--|:--|\n| small | String | |\n";
        let fragment = page("resources/enums.md", md);
        let enums: Vec<(String, Vec<String>)> = fragment
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Enum(e) => Some((
                    e.name.clone(),
                    e.members.iter().map(|m| m.name.clone()).collect(),
                )),
                TypeDef::Complex(_) => None,
            })
            .collect();
        // Named as the heading spells them; a table with a Type column lists no members.
        assert_eq!(
            enums,
            [
                (
                    "microsoft.graph.security.caseStatus".to_owned(),
                    vec!["active".to_owned(), "closed".to_owned()]
                ),
                (
                    "microsoft.graph.security.tagKind".to_owned(),
                    vec!["one".to_owned(), "many".to_owned()]
                ),
            ]
        );
    }
}
