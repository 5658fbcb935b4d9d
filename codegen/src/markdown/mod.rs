//! A page becomes front matter, a section tree keyed by `<a name>` anchors, tables, prose and
//! annotated code blocks. Nothing here knows what a property or an operation is; every item
//! keeps the byte range it came from so later stages can point at it.
//!
//! This module holds the document types and the entry points; the reading is in the modules
//! below.

mod builder;
mod front_matter;
mod inline;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Options, Parser};

use builder::Builder;
pub use builder::attribute;
use front_matter::read_front_matter;
pub use inline::{Inline, Str, links, plain, plain_with_links};

#[derive(Clone, Debug)]
pub struct Section {
    pub level: u8,
    pub anchor: Option<String>,
    pub title: Vec<Inline>,
    pub range: Range<usize>,
    pub parent: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Cell {
    pub inlines: Vec<Inline>,
    pub range: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// How each row fits the header, by index of `rows`.
    pub fits: Vec<RowFit>,
    pub range: Range<usize>,
    pub section: Option<usize>,
}

/// How a row fits its table's columns: pulldown-cmark pads a row that writes too few cells
/// with empty ones, and drops what a row writes beyond the header's last column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFit {
    /// Cells at the end of the row that it does not write.
    pub missing: usize,
    /// What the row writes beyond the last column, which no cell holds.
    pub beyond: Option<String>,
}

/// A paragraph (also inside quotes and list items).
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub inlines: Vec<Inline>,
    pub range: Range<usize>,
    pub section: Option<usize>,
}

/// The `<!-- { … } -->` comment right before a fenced block.
#[derive(Clone, Debug)]
pub struct Annotation {
    /// The comment's inside, without `<!--` and `-->`.
    pub text: String,
    /// Source offset of `text`.
    pub offset: usize,
}

#[derive(Clone, Debug)]
pub struct CodeBlock {
    pub lang: String,
    pub text: Str,
    /// Maps offsets in `text` back to the source: `(text_offset, source_offset)` per line,
    /// because blocks inside quotes or lists lose their prefixes.
    pub lines: Vec<(usize, usize)>,
    pub range: Range<usize>,
    pub section: Option<usize>,
    pub annotation: Option<Annotation>,
    /// A fence that nothing closes, so the block runs to the end of the page.
    pub unclosed: bool,
}

impl CodeBlock {
    /// The source offset of `offset` within `text`.
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|&(t, _)| t <= offset);
        match i.checked_sub(1).map(|i| self.lines[i]) {
            Some((t, s)) => s + (offset - t),
            None => self.range.start,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub front_matter: BTreeMap<String, String>,
    /// Where the front matter failed to read, if it did, and why.
    pub front_matter_error: Option<(usize, String)>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub paragraphs: Vec<Paragraph>,
    pub blocks: Vec<CodeBlock>,
    /// `[!INCLUDE [name](path)]` directives, for the loader to resolve.
    pub includes: Vec<Include>,
}

#[derive(Clone, Debug)]
pub struct Include {
    pub target: String,
    pub range: Range<usize>,
    pub section: Option<usize>,
}

impl Document {
    /// Adds an included page's tables, prose and blocks where its directive stands (its own
    /// includes already expanded). Their
    /// positions become the directive's: the page's own offsets cannot point into another file.
    pub fn splice(&mut self, included: Document, at: &Include) {
        let here = at.range.clone();
        for mut table in included.tables {
            table.section = at.section;
            table.range = here.clone();
            for cell in table
                .header
                .iter_mut()
                .chain(table.rows.iter_mut().flatten())
            {
                cell.range = here.clone();
            }
            self.tables.push(table);
        }
        for mut p in included.paragraphs {
            p.section = at.section;
            p.range = here.clone();
            self.paragraphs.push(p);
        }
        for mut block in included.blocks {
            block.section = at.section;
            block.range = here.clone();
            block.lines.clear();
            if let Some(a) = &mut block.annotation {
                a.offset = here.start;
            }
            self.blocks.push(block);
        }
    }
}

/// Maps byte offsets to 1-based line and column (in characters).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        // Every page pays for this, and memchr's vector search is several times faster than
        // `match_indices`.
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
            .collect();
        Self { starts }
    }

    pub fn position(&self, source: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = source
            .get(start..offset.min(source.len()))
            .map_or(0, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }
}

pub fn parse(source: &str) -> Document {
    parse_shared(&Arc::new(source.to_owned()))
}

/// [`parse`], with the document's text pointing into `source` rather than copied from it.
pub fn parse_shared(source: &Arc<String>) -> Document {
    let mut doc = Document::default();
    let body_start = read_front_matter(source, &mut doc);
    let mut builder = Builder::new(&mut doc, source);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let body = untab_delimiter_rows(&source[body_start..]);
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        builder.event(event, range);
    }
    doc
}

/// The text with tabs in table delimiter rows (`|---\t|`) read as spaces, as the docs site
/// renders them; pulldown-cmark reads no table there. Each tab becomes one space, so every
/// offset stays where it was.
fn untab_delimiter_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let delimiter = |line: &str| {
        line.contains('\t')
            && line.contains('-')
            && line.contains('|')
            && line
                .trim()
                .bytes()
                .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
    };
    if !text.split('\n').any(delimiter) {
        return text.into();
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            if delimiter(l) {
                l.replace('\t', " ")
            } else {
                l.to_owned()
            }
        })
        .collect();
    lines.join("\n").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delimiter_row_with_tabs_still_makes_a_table() {
        let doc = parse("| Name | Type\t|\n|------|----\t \t|\n| a | String\t|\n");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows.len(), 1);
    }

    const PAGE: &str = "---\ntitle: 'x: y'\ndoc_type: apiPageType\n---\n# <a name=\"t\"></a>Title\n\n## <a name=\"http-request\"></a>HTTP\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /a/{id}\n```\n\n| A | B |\n|---|---|\n| [x](y.md) | `c` |\n\n### Req\n# [HTTP](#tab/http)\n> quoted **note**\n";

    #[test]
    fn sections_tables_and_annotated_blocks() {
        let doc = parse(PAGE);
        assert_eq!(doc.front_matter["title"], "x: y");
        assert_eq!(doc.front_matter["doc_type"], "apiPageType");
        let anchors: Vec<_> = doc.sections.iter().map(|s| s.anchor.as_deref()).collect();
        assert_eq!(anchors, [Some("t"), Some("http-request"), None]);
        assert_eq!(doc.sections[1].parent, Some(0));
        assert_eq!(doc.sections[2].parent, Some(1));
        let block = &doc.blocks[0];
        assert_eq!(block.lang, "http");
        assert_eq!(block.text.as_str(), "POST /a/{id}\n");
        assert_eq!(&PAGE[block.source_offset(5)..][..4], "/a/{");
        let ann = block.annotation.as_ref().unwrap();
        assert!(ann.text.contains("ignored"));
        assert_eq!(&PAGE[ann.offset..][..3], " { ");
        let table = &doc.tables[0];
        assert_eq!(table.section, Some(1));
        assert!(matches!(&table.rows[0][0].inlines[0], Inline::Link { url, .. } if url == "y.md"));
        assert_eq!(table.rows[0][1].inlines, [Inline::Code("c".into())]);
        let quote = doc.paragraphs.last().unwrap();
        assert_eq!(quote.section, Some(2));
    }

    #[test]
    fn line_index_counts_characters() {
        let src = "ab\nçd\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 0), (1, 1));
        assert_eq!(idx.position(src, 5), (2, 2));
    }
}
