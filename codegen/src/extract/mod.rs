//! A page becomes model fragments plus diagnostics.
//!
//! Names and JSON shapes come from annotated blocks (never translated); tables add
//! descriptions, constraints, relationships and more precise types; prose adds statuses,
//! deprecations and item counts. Classification reads the English text where the page
//! carries it, and the lexicons of every locale otherwise.
//!
//! This module keeps the page's context and its reporting; each reading is a module below.

mod blocks;
mod enums;
mod examples;
mod http;
pub mod json;
mod operations;
mod resources;
mod rules;
mod tables;
mod types;

use crate::locale::{Column, Lexicon, SectionKind, lexicon, split};
use crate::markdown::{self, Document, LineIndex, plain};
use crate::model::*;

pub(crate) use blocks::{json_kind, value_member};
pub use http::{request_path, request_query};
use tables::TableKind;

/// What one page contributes.
#[derive(Debug, Default)]
pub struct Fragment {
    pub page: Option<Page>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub examples: Vec<Example>,
    pub diagnostics: Vec<Diagnostic>,
    /// Table names that stand in a JSON key's place because translation replaced them, each
    /// with that key (`usuário`, `user`): the folder's dictionary of translated names.
    pub names_translated: Vec<(String, String)>,
}

impl Fragment {
    /// What is left of a page whose reading panicked: the page, and the panic as an error.
    pub fn internal_error(file: &str, panic: Box<dyn std::any::Any + Send>) -> Fragment {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        let source = Source {
            file: file.into(),
            line: 1,
            col: 1,
        };
        let message = format!("docbind failed on this page ({message}); please report it");
        Fragment {
            diagnostics: vec![Diagnostic::new(Code::InternalError, source, message)],
            ..Fragment::default()
        }
    }
}

/// Reads one page with the built-in lexicons. `file` is how diagnostics name it.
pub fn page(file: &str, source: &str) -> Fragment {
    document(lexicon(), file, source, markdown::parse(source), Vec::new())
}

/// Reads a page already parsed (with its includes resolved), with `notes` about it.
pub fn document(
    lex: &Lexicon,
    file: &str,
    source: &str,
    doc: Document,
    notes: Vec<crate::include::Note>,
) -> Fragment {
    let mut cx = Cx {
        lex,
        file,
        shared_file: file.into(),
        source,
        lines: LineIndex::new(source),
        kinds: Vec::new(),
        headers: Vec::new(),
        table_kinds: Vec::new(),
        annotations: Vec::new(),
        diagnostics: Default::default(),
        names_translated: Default::default(),
        bilingual: memchr::memmem::find(source.as_bytes(), b"class=\"sxs-lookup\"").is_some(),
        doc,
    };
    for (offset, code, message) in notes {
        cx.diag(offset, code, message);
    }
    cx.kinds = cx.section_kinds();
    cx.headers = cx
        .doc
        .tables
        .iter()
        .map(|t| tables::header(lex, t))
        .collect();
    cx.table_kinds = (cx.doc.tables.iter().zip(&cx.headers))
        .map(|(t, columns)| cx.classify(t, columns))
        .collect();
    cx.annotations = cx.doc.blocks.iter().map(|b| cx.annotation(b)).collect();
    cx.check_row_fits();
    for block in cx.doc.blocks.iter().filter(|b| b.unclosed) {
        let message =
            "this code block's fence is never closed, so the rest of the page is read as its code";
        cx.diag(block.range.start, Code::FenceUnclosed, message);
    }
    let kind = cx.page_kind();
    let page = Page {
        file: file.to_owned(),
        kind,
        locale: cx
            .doc
            .front_matter
            .get("ms.contentlocale")
            .cloned()
            .unwrap_or_else(|| "en".into()),
        bilingual: cx.bilingual,
        title: cx.doc.front_matter.get("title").cloned(),
    };
    if let Some((offset, message)) = cx.doc.front_matter_error.clone() {
        cx.diag(offset, Code::FrontMatter, message);
    }
    let mut fragment = Fragment::default();
    let types = cx.resources();
    fragment
        .types
        .extend(types.into_iter().map(TypeDef::Complex));
    let mut enums = Vec::new();
    if kind == PageKind::Enum
        || (fragment.types.is_empty() && cx.table_of(TableKind::Members).is_some())
    {
        enums.extend(cx.enum_type());
    }
    for e in cx.section_enums() {
        if !enums
            .iter()
            .any(|have| have.name.eq_ignore_ascii_case(&e.name))
        {
            enums.push(e);
        }
    }
    fragment.types.extend(enums.into_iter().map(TypeDef::Enum));
    let examples = cx.examples();
    match cx.operations(examples) {
        Ok(ops) => fragment.operations = ops,
        Err(examples) => fragment.examples = examples,
    }
    if fragment.types.is_empty() && fragment.operations.is_empty() {
        cx.why_unread();
    }
    fragment.diagnostics = cx.diagnostics.into_inner();
    fragment.names_translated = cx.names_translated.into_inner();
    fragment.page = Some(page);
    fragment
}

struct Cx<'a> {
    /// The words of every language the page may be written in.
    lex: &'a Lexicon,
    file: &'a str,
    /// `file`, shared by every position on the page.
    shared_file: std::sync::Arc<str>,
    source: &'a str,
    lines: LineIndex,
    doc: Document,
    /// The page gives the English original beside each translated span.
    bilingual: bool,
    /// Each section's own kind, from its anchor or heading words.
    kinds: Vec<Option<SectionKind>>,
    /// Each table's columns, by index: read once, as every reading of a table needs them.
    headers: Vec<Vec<Option<Column>>>,
    /// Each table's kind, by index.
    table_kinds: Vec<Option<TableKind>>,
    /// Each code block's annotation, by index: read once, for resources and examples alike.
    annotations: Vec<Option<blocks::Annotation>>,
    /// Interior so reading helpers that borrow the document can still report.
    diagnostics: std::cell::RefCell<Vec<Diagnostic>>,
    /// See [`Fragment::names_translated`].
    names_translated: std::cell::RefCell<Vec<(String, String)>>,
}

impl Cx<'_> {
    fn at(&self, offset: usize) -> Source {
        let (line, col) = self.lines.position(self.source, offset);
        Source {
            file: self.shared_file.clone(),
            line,
            col,
        }
    }

    /// Reports `code` at `offset` in the page, with the code's default severity.
    fn diag(&self, offset: usize, code: Code, message: impl Into<String>) {
        self.report(Diagnostic::new(code, self.at(offset), message));
    }

    fn report(&self, diagnostic: Diagnostic) {
        self.diagnostics.borrow_mut().push(diagnostic);
    }

    fn section_kinds(&self) -> Vec<Option<SectionKind>> {
        let lex = self.lex;
        self.doc
            .sections
            .iter()
            .map(|s| {
                let by_anchor = s.anchor.as_deref().and_then(|a| lex.section(a));
                by_anchor.or_else(|| lex.section(&plain(split(&s.title).source())))
            })
            .collect()
    }

    /// The kind of the innermost section with one that holds `section`.
    fn kind_of(&self, section: Option<usize>) -> Option<SectionKind> {
        std::iter::successors(section, |&i| self.doc.sections[i].parent).find_map(|i| self.kinds[i])
    }

    /// The kind of the H2 (or H1) section that holds `section`.
    fn top_kind(&self, section: Option<usize>) -> Option<SectionKind> {
        let mut top = None;
        let mut at = section;
        while let Some(i) = at {
            let s = &self.doc.sections[i];
            if s.level <= 2 {
                top = Some(i);
                break;
            }
            at = s.parent;
        }
        top.and_then(|i| self.kinds[i])
    }

    fn page_kind(&self) -> PageKind {
        let doc_type = self
            .doc
            .front_matter
            .get("doc_type")
            .map(|d| d.to_lowercase());
        let by_doc_type = doc_type.as_deref().and_then(|d| {
            [
                ("enum", PageKind::Enum),
                ("api", PageKind::Api),
                ("resource", PageKind::Resource),
                ("conceptual", PageKind::Conceptual),
            ]
            .into_iter()
            .find(|(word, _)| d.contains(word))
            .map(|(_, k)| k)
        });
        by_doc_type.unwrap_or_else(|| {
            let path = self.file.replace('\\', "/");
            if path.contains("/api/") || path.starts_with("api/") {
                PageKind::Api
            } else if path.contains("/resources/") || path.starts_with("resources/") {
                PageKind::Resource
            } else {
                PageKind::Conceptual
            }
        })
    }

    fn namespace(&self) -> String {
        self.doc
            .paragraphs
            .iter()
            .find_map(|p| {
                // The name only: some pages run the summary on in the same paragraph.
                let text = plain(split(&p.inlines).source());
                let name = text.strip_prefix("Namespace:")?.split_whitespace().next()?;
                Some(name.to_owned())
            })
            .unwrap_or_else(|| "microsoft.graph".to_owned())
    }

    /// The first paragraph under the title that says what the page is about.
    fn summary(&self) -> Option<Text> {
        let para = self.doc.paragraphs.iter().find(|p| {
            let first_level = p.section.is_none_or(|s| self.doc.sections[s].level == 1);
            let text = plain(&p.inlines);
            first_level
                && !text.is_empty()
                && !text.starts_with("Namespace:")
                && !text.starts_with("[!")
                && !text.starts_with("Namespace")
        })?;
        let split = split(&para.inlines);
        Some(Text {
            text: plain(&split.local),
            en: split.english.as_deref().map(plain),
        })
    }

    /// Says why a page that defines nothing does, where it looks like it should: it is not
    /// text, or it has a properties table but no annotated block to define the type.
    fn why_unread(&self) {
        if self.source.contains('\0') {
            let message = "the file is not text (it holds NUL bytes), so nothing is read from it";
            self.diag(0, Code::PageUnread, message);
        } else if let Some((table, _)) = self.table_of(TableKind::Properties) {
            let message = "the page has a properties table but no annotated `resource` block, so it defines no type";
            self.diag(table.range.start, Code::PageUnread, message);
        }
    }

    /// Whether the page is a translation, whose table names translation may have replaced.
    /// An English page that names a row differently from its JSON is simply inconsistent, and
    /// so is a bilingual one: names are read from its English spans, which are the original.
    fn translated(&self) -> bool {
        !self.bilingual
            && self
                .doc
                .front_matter
                .get("ms.contentlocale")
                .is_some_and(|l| !l.starts_with("en"))
    }

    /// The file name without `.md`, and without a `.pt-BR`-style locale suffix.
    fn stem(&self) -> &str {
        let stem = crate::naming::file_stem(self.file);
        let locale = self.doc.front_matter.get("ms.contentlocale");
        locale
            .and_then(|l| stem.strip_suffix(l.as_str())?.strip_suffix('.'))
            .unwrap_or(stem)
    }
}

/// For tests: an action page in the machine-translated dialect, with one parameter name
/// translated, one collection the examples always send, and one they sometimes omit.
#[cfg(test)]
pub(crate) const ACTION: &str = r#"---
doc_type: apiPageType
ms.contentlocale: pt-BR
---
# <a name="thing-act"></a>thing: act

## <a name="http-request"></a>Solicitação HTTP
<!-- { "blockType": "ignored" } -->
```http
POST /things/{id}/act
```

## <a name="request-body"></a>Corpo da solicitação

| Parâmetro | Tipo | Descrição |
|:--|:--|:--|
|alvos|Coleção de cadeias de caracteres|Os alvos.|
|rótulos|Coleção de cadeias de caracteres|Os rótulos.|
|nota|Cadeia de caracteres|Uma nota.|

## <a name="examples"></a>Exemplos
<!-- { "blockType": "request", "name": "a" } -->
```http
POST /things/1/act

{"targets": ["x"], "labels": ["y"], "note": "z"}
```
<!-- { "blockType": "request", "name": "b" } -->
```http
POST /things/1/act

{"targets": ["x"]}
```
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(file: &str, text: &str) -> Vec<(u32, Code)> {
        let found = page(file, text).diagnostics;
        found.iter().map(|d| (d.source.line, d.code)).collect()
    }

    #[test]
    fn a_page_that_defines_nothing_where_it_should_says_why() {
        let png = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR\0\0";
        assert_eq!(codes("resources/logo.md", png), [(1, Code::PageUnread)]);
        let table = "# w\n\n## Properties\n| Property | Type | Description |\n|---|---|---|\n| a | String | A. |\n";
        assert_eq!(codes("resources/w.md", table), [(4, Code::PageUnread)]);
        // A conceptual page is just that.
        assert!(codes("concepts/overview.md", "# Overview\n\nText.\n").is_empty());
    }

    #[test]
    fn a_fence_that_nothing_closes_is_reported() {
        let page = |tail: &str| {
            let md = format!("# w\n\nText.\n\n```json\n{{}}\n{tail}\n## Properties\n");
            codes("resources/w.md", &md)
        };
        assert!(page("```\n").is_empty());
        assert_eq!(page(""), [(5, Code::FenceUnclosed)]);
    }

    #[test]
    fn an_unreadable_annotation_is_reported_once() {
        let md = "# w\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", } } -->\n```json\n{}\n```\n";
        let found = codes("resources/w.md", md);
        let annotation = found.iter().filter(|(_, c)| *c == Code::AnnotationJson);
        assert_eq!(annotation.count(), 1, "{found:?}");
    }
}
