//! Tables: what kind each is, its columns, its rows by column, and the named rows of the
//! parameter, header, query and error tables.

use std::collections::BTreeMap;

use super::Cx;
use super::types::type_cell;
use crate::locale::{Column, Lexicon, Phrase, SectionKind, Split, split};
use crate::markdown::{Table, plain};
use crate::model::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TableKind {
    Properties,
    Relationships,
    /// Request body parameters.
    Parameters,
    /// Path and function parameters: the ones in the URL.
    UrlParameters,
    QueryParameters,
    Permissions,
    Headers,
    Members,
    Methods,
    Errors,
}

/// A table row by column.
pub(super) struct Row<'t> {
    pub(super) cells: BTreeMap<Column, Split<'t>>,
    pub(super) range: &'t std::ops::Range<usize>,
}

impl Row<'_> {
    pub(super) fn text(&self, column: Column) -> Option<String> {
        self.cells.get(&column).map(|c| plain(c.source()))
    }

    pub(super) fn description(&self) -> Option<Text> {
        let cell = self.cells.get(&Column::Description)?;
        let text = plain(&cell.local);
        (!text.is_empty()).then(|| Text {
            text,
            en: cell.english.as_deref().map(plain),
        })
    }
}

impl Cx<'_> {
    pub(super) fn classify(&self, table: &Table, columns: &[Option<Column>]) -> Option<TableKind> {
        let has = |c: Column| columns.iter().any(|have| have.map(keyed) == Some(c));
        if has(Column::PermissionType) {
            return Some(TableKind::Permissions);
        }
        if has(Column::Code) {
            return Some(TableKind::Errors);
        }
        let kind = match self.kind_of(table.section)? {
            SectionKind::Properties if has(Column::Type) => TableKind::Properties,
            SectionKind::Relationships if has(Column::Type) => TableKind::Relationships,
            SectionKind::RequestBody if has(Column::Type) => TableKind::Parameters,
            SectionKind::FunctionParameters | SectionKind::PathParameters if has(Column::Name) => {
                TableKind::UrlParameters
            }
            SectionKind::QueryParameters if has(Column::Name) => TableKind::QueryParameters,
            SectionKind::Permissions => TableKind::Permissions,
            SectionKind::RequestHeaders => TableKind::Headers,
            SectionKind::Members if has(Column::Name) => TableKind::Members,
            SectionKind::Methods if has(Column::Name) => TableKind::Methods,
            SectionKind::Errors => TableKind::Errors,
            _ => return None,
        };
        Some(kind)
    }

    /// Rows of the tables this page is read from that write fewer cells than the header, or
    /// more: what a missing cell would hold, or what stands beyond the last column, is lost.
    pub(super) fn check_row_fits(&self) {
        let tables = (self
            .doc
            .tables
            .iter()
            .zip(&self.headers)
            .zip(&self.table_kinds))
        .filter_map(|(table, kind)| Some((table, (*kind)?)));
        for ((table, columns), kind) in tables {
            for (cells, fit) in table.rows.iter().zip(&table.fits) {
                let Some(first) = cells.first() else { continue };
                let name = plain(split(&first.inlines).source());
                let written = cells.len().saturating_sub(fit.missing);
                // A methods table groups its rows under rows of one cell, a heading.
                if kind == TableKind::Methods && written == 1 {
                    continue;
                }
                for (header, column) in table.header.iter().zip(columns).skip(written) {
                    let header = plain(split(&header.inlines).source());
                    // A column without a heading holds nothing a row could lose.
                    if header.is_empty() {
                        continue;
                    }
                    let lost = match column.map(keyed) {
                        Some(Column::Description) => "its description and the rules it states",
                        Some(Column::Type) => "its type",
                        Some(Column::Name) => "its name",
                        _ => "what it would hold",
                    };
                    let message = format!(
                        "row `{name}` writes {written} of the table's {} cells: it has no `{header}` cell, so it is read without {lost}",
                        cells.len()
                    );
                    self.diag(first.range.start, Code::TableRowCells, message);
                }
                if let Some(beyond) = &fit.beyond {
                    let message = format!(
                        "row `{name}` writes more cells than the table's {} columns: `{beyond}` is not read (a `|` inside a cell is written `\\|`)",
                        cells.len()
                    );
                    self.diag(first.range.start, Code::TableRowCells, message);
                }
            }
        }
    }

    /// The first table of `kind`, with its columns.
    pub(super) fn table_of(&self, kind: TableKind) -> Option<(&Table, &[Option<Column>])> {
        let i = self.table_kinds.iter().position(|k| *k == Some(kind))?;
        Some((&self.doc.tables[i], &self.headers[i]))
    }

    /// The rows of every table of `kind`, cells keyed by column.
    pub(super) fn rows(&self, kind: TableKind) -> Vec<Row<'_>> {
        self.doc
            .tables
            .iter()
            .zip(&self.headers)
            .zip(&self.table_kinds)
            .filter(|(_, k)| **k == Some(kind))
            .flat_map(|((table, columns), _)| table_rows(table, columns))
            .collect()
    }

    /// Typed rows (parameters or relationships) from the tables of `kind`.
    pub(super) fn typed_rows(&self, kind: TableKind) -> Vec<Property> {
        let mut out = Vec::new();
        for row in &self.rows(kind) {
            let Some(name) = row.text(Column::Name).map(|n| clean_name(&n)) else {
                continue;
            };
            let Some(ty) = row
                .cells
                .get(&Column::Type)
                .and_then(|c| type_cell(self.lex, c))
            else {
                self.diag(row.range.start, Code::TypeUnreadable, unreadable(&name));
                continue;
            };
            if out.iter().any(|p: &Property| p.name == name) {
                self.diag(row.range.start, Code::DuplicateRow, repeated(&name));
                continue;
            }
            let source = self.at(row.range.start);
            out.push(self.property(name, ty, Some(row), source));
        }
        out
    }

    /// Named rows with a description, from the tables of `kind`.
    pub(super) fn described_rows(&self, kind: TableKind, name: Column) -> Vec<Described> {
        self.rows(kind)
            .iter()
            .filter_map(|row| {
                let description = row.description();
                Some(Described {
                    name: clean_name(&row.text(name)?),
                    required: description
                        .as_ref()
                        .is_some_and(|d| self.lex.has(Phrase::Required, d.source())),
                    description,
                })
            })
            .filter(|d| !d.name.is_empty())
            .collect()
    }
}

pub(super) fn repeated(name: &str) -> String {
    format!("`{name}` is listed twice in the table; the first row is kept")
}

pub(super) fn unreadable(name: &str) -> String {
    format!("cannot read the type of `{name}`")
}

/// The column each header cell names.
pub(super) fn header(lex: &Lexicon, table: &Table) -> Vec<Option<Column>> {
    table
        .header
        .iter()
        .map(|c| lex.column(&plain(split(&c.inlines).source())))
        .collect()
}

/// The rows of a table, cells keyed by column.
pub(super) fn table_rows<'t>(table: &'t Table, columns: &[Option<Column>]) -> Vec<Row<'t>> {
    let columns: Vec<_> = columns
        .iter()
        .copied()
        .enumerate()
        .map(|(i, column)| {
            // Two-column permission and header tables: name, then the rest.
            column.map(keyed).unwrap_or(if i == 0 {
                Column::Name
            } else {
                Column::Description
            })
        })
        .collect();
    table
        .rows
        .iter()
        .map(|cells| {
            let mut row = Row {
                cells: BTreeMap::new(),
                range: &table.range,
            };
            for (column, cell) in columns.iter().zip(cells) {
                row.cells
                    .entry(*column)
                    .or_insert_with(|| split(&cell.inlines));
                row.range = &cell.range;
            }
            if let Some(first) = cells.first() {
                row.range = &first.range;
            }
            row
        })
        .collect()
}

/// The column a cell is keyed by: a parameter's name is a name.
fn keyed(column: Column) -> Column {
    match column {
        Column::Parameter => Column::Name,
        other => other,
    }
}

/// The name a name cell gives: markup and spaces out, and a note after it cut
/// ("tollNumber (preterido)"), as no wire name holds a parenthesis.
pub(super) fn clean_name(text: &str) -> String {
    let name = match text.split_once('(') {
        Some((name, _))
            if text.trim_end().ends_with(')') && name.contains(char::is_alphanumeric) =>
        {
            name
        }
        _ => text,
    };
    name.chars()
        .filter(|c| !matches!(c, '`' | '*' | ' ' | '\u{a0}'))
        .collect()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::page;

    /// The `table-row-cells` diagnostics of a resource page with `rows` in its properties
    /// table and a methods table with a heading row.
    fn row_cells(rows: &str) -> Vec<String> {
        let md = format!(
            "---\ndoc_type: resourcePageType\n---\n# w\n\n## Methods\n| Method | Return type | Description |\n|---|---|---|\n| **Basics** |\n| [Get](../api/w-get.md) | [w](w.md) | Reads one. |\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n{rows}\n## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.w\" }} -->\n```json\n{{ \"a\": \"String\", \"b\": \"String\" }}\n```\n"
        );
        page("resources/w.md", &md)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == Code::TableRowCells)
            .map(|d| format!("{}: {}", d.source.line, d.message))
            .collect()
    }

    #[test]
    fn rows_that_write_too_few_or_too_many_cells_say_what_is_lost() {
        assert!(row_cells("| a | String | A. |\n| b | String | B. |\n").is_empty());
        assert_eq!(
            row_cells("| a | String | A. |\n| b | String |\n"),
            [
                "16: row `b` writes 2 of the table's 3 cells: it has no `Description` cell, so it is read without its description and the rules it states"
            ]
        );
        assert_eq!(
            row_cells("| a | String | A. |\n| b | String | One `x|y` two. |\n"),
            [
                "16: row `b` writes more cells than the table's 3 columns: `y` two.` is not read (a `|` inside a cell is written `\\|`)"
            ]
        );
        // An explicitly empty cell is written, and a `\|` is no separator.
        assert!(row_cells("| a | String | |\n| b | String | x \\| y |\n").is_empty());
    }

    #[test]
    fn a_note_after_a_name_is_not_part_of_it() {
        assert_eq!(clean_name("tollNumber (preterido)"), "tollNumber");
        assert_eq!(clean_name("**owner** (deprecated)"), "owner");
        assert_eq!(clean_name("`display Name`"), "displayName");
        assert_eq!(clean_name("(none)"), "(none)");
    }
}
