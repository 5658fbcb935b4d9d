//! A page becomes model fragments plus diagnostics.
//!
//! Names and JSON shapes come from annotated blocks (never translated); tables add
//! descriptions, constraints, relationships and more precise types; prose adds statuses,
//! deprecations and item counts. Classification reads the English text where the page
//! carries it, and the lexicons of every locale otherwise.

pub mod json;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::locale::{Column, Phrase, Phrases, SectionKind, Split, lexicon, split};
use crate::markdown::{
    self, CodeBlock, Document, Inline, LineIndex, Table, links, plain, plain_with_links,
};
use crate::model::*;

/// What one page contributes.
#[derive(Debug, Default)]
pub struct Fragment {
    pub page: Option<Page>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub examples: Vec<Example>,
    pub diagnostics: Vec<Diagnostic>,
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

/// Reads one page. `file` is how diagnostics name it.
pub fn page(file: &str, source: &str) -> Fragment {
    document(file, source, markdown::parse(source), Vec::new())
}

/// Reads a page already parsed (with its includes resolved), with `notes` about it.
pub fn document(
    file: &str,
    source: &str,
    doc: Document,
    notes: Vec<crate::include::Note>,
) -> Fragment {
    let mut cx = Cx {
        file,
        shared_file: file.into(),
        source,
        lines: LineIndex::new(source),
        kinds: Vec::new(),
        headers: Vec::new(),
        table_kinds: Vec::new(),
        diagnostics: Default::default(),
        doc,
    };
    for (offset, code, message) in notes {
        cx.diag(offset, code, message);
    }
    cx.kinds = cx.section_kinds();
    cx.headers = cx.doc.tables.iter().map(header).collect();
    cx.table_kinds = (cx.doc.tables.iter().zip(&cx.headers))
        .map(|(t, columns)| cx.classify(t, columns))
        .collect();
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
        bilingual: memchr::memmem::find(source.as_bytes(), b"class=\"sxs-lookup\"").is_some(),
        title: cx.doc.front_matter.get("title").cloned(),
    };
    if let Some((offset, message)) = cx.doc.front_matter_error.clone() {
        cx.diag(
            offset,
            Code::FrontMatter,
            format!("front matter is not valid YAML ({message}); read line by line"),
        );
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
    fragment.diagnostics = cx.diagnostics.into_inner();
    fragment.page = Some(page);
    fragment
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TableKind {
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

struct Cx<'a> {
    file: &'a str,
    /// `file`, shared by every position on the page.
    shared_file: std::sync::Arc<str>,
    source: &'a str,
    lines: LineIndex,
    doc: Document,
    /// Each section's own kind, from its anchor or heading words.
    kinds: Vec<Option<SectionKind>>,
    /// Each table's columns, by index: read once, as every reading of a table needs them.
    headers: Vec<Vec<Option<Column>>>,
    /// Each table's kind, by index.
    table_kinds: Vec<Option<TableKind>>,
    /// Interior so reading helpers that borrow the document can still report.
    diagnostics: std::cell::RefCell<Vec<Diagnostic>>,
}

/// A table row by column.
struct Row<'t> {
    cells: BTreeMap<Column, Split<'t>>,
    range: &'t std::ops::Range<usize>,
}

impl Row<'_> {
    fn text(&self, column: Column) -> Option<String> {
        self.cells.get(&column).map(|c| plain(c.source()))
    }

    fn description(&self) -> Option<Text> {
        let cell = self.cells.get(&Column::Description)?;
        let text = plain(&cell.local);
        (!text.is_empty()).then(|| Text {
            text,
            en: cell.english.as_deref().map(plain),
        })
    }
}

impl<'a> Cx<'a> {
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
        let lex = lexicon();
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

    fn classify(&self, table: &Table, columns: &[Option<Column>]) -> Option<TableKind> {
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

    /// The first table of `kind`, with its columns.
    fn table_of(&self, kind: TableKind) -> Option<(&Table, &[Option<Column>])> {
        let i = self.table_kinds.iter().position(|k| *k == Some(kind))?;
        Some((&self.doc.tables[i], &self.headers[i]))
    }

    /// The rows of every table of `kind`, cells keyed by column.
    fn rows(&self, kind: TableKind) -> Vec<Row<'_>> {
        self.doc
            .tables
            .iter()
            .zip(&self.headers)
            .zip(&self.table_kinds)
            .filter(|(_, k)| **k == Some(kind))
            .flat_map(|((table, columns), _)| table_rows(table, columns))
            .collect()
    }

    /// The annotation of a block as JSON, with a diagnostic when it does not read.
    fn annotation(&self, block: &CodeBlock) -> Option<serde_json::Map<String, Value>> {
        let ann = block.annotation.as_ref()?;
        match json::read(&ann.text) {
            Ok(read) => match read.value {
                Value::Object(map) => Some(map),
                _ => None,
            },
            Err(e) => {
                let offset = ann.offset + e.offset;
                self.diag(
                    offset,
                    Code::AnnotationJson,
                    format!("block annotation is not readable JSON: {}", e.message),
                );
                None
            }
        }
    }

    /// Reads a JSON body that starts at `start` in the block's text.
    fn body_json(&self, block: &CodeBlock, start: usize) -> Option<Value> {
        self.read_body(block, start).0
    }

    /// Reads a JSON body that starts at `start` in the block's text: one diagnostic per body
    /// read leniently (at its first repair) or not readable (where reading stopped).
    fn read_body(&self, block: &CodeBlock, start: usize) -> (Option<Value>, Option<JsonStatus>) {
        let text = &block.text[start..];
        if text.trim().is_empty() {
            return (None, None);
        }
        match json::read(text) {
            Ok(read) if read.repairs.is_empty() => (Some(read.value), Some(JsonStatus::Strict)),
            Ok(read) => {
                let mut kinds: Vec<&str> = read.repairs.iter().map(|(_, r)| r.describe()).collect();
                kinds.dedup();
                let at = block.source_offset(start + read.repairs[0].0);
                let message = format!("JSON body has {}; read leniently", kinds.join(", "));
                self.diag(at, Code::JsonLenient, message);
                (Some(read.value), Some(JsonStatus::Lenient))
            }
            Err(e) => {
                let at = block.source_offset(start + e.offset);
                self.diag(
                    at,
                    Code::JsonInvalid,
                    format!("JSON body is not readable: {}", e.message),
                );
                (None, Some(JsonStatus::Unreadable))
            }
        }
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

    /// The base type the page's introduction names ("Inherits from [entity](entity.md)", "a
    /// subclass of [x](x.md)"), for resources whose annotation gives no `baseType`. The link
    /// target names it: its text is often translated ("Herda da [entidade](entity.md)"), and
    /// may have taken in the phrase's last word ("uma subclasse [de x](x.md)").
    fn stated_base(&self) -> Option<String> {
        let lex = lexicon();
        self.doc
            .paragraphs
            .iter()
            .filter(|p| p.section.is_none_or(|s| self.doc.sections[s].level == 1))
            .find_map(|p| {
                let split = split(&p.inlines);
                let inlines = split.source();
                inlines.iter().enumerate().find_map(|(i, inline)| {
                    let Inline::Link { url, children } = inline else {
                        return None;
                    };
                    let before = plain(&inlines[..i]);
                    let before = before.trim_end();
                    let text = plain(children);
                    let lead = text.split_whitespace().next().unwrap_or_default();
                    let stated = lex.has(Phrase::InheritsFrom, before)
                        || lex.has(Phrase::InheritsFrom, &format!("{before} {lead}"));
                    stated.then(|| link_stem(url))?
                })
            })
    }

    /// Whether the page is a translation, whose table names translation may have replaced.
    /// An English page that names a row differently from its JSON is simply inconsistent.
    fn translated(&self) -> bool {
        self.doc
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

    fn resources(&self) -> Vec<ComplexType> {
        let mut types = Vec::new();
        for block in &self.doc.blocks {
            let Some(ann) = self.annotation(block) else {
                continue;
            };
            if ann.get("blockType").and_then(Value::as_str) != Some("resource") {
                continue;
            }
            if let Some(t) = self.resource(block, &ann) {
                types.push(t);
            }
        }
        types
    }

    fn resource(
        &self,
        block: &CodeBlock,
        ann: &serde_json::Map<String, Value>,
    ) -> Option<ComplexType> {
        let string = |key: &str| {
            ann.get(key)
                .and_then(Value::as_str)
                .map(|s| s.trim_start_matches('#').to_owned())
        };
        let names = |key: &str| -> Vec<String> {
            ann.get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let flag = |key: &str| {
            ann.get(key)
                .is_some_and(|v| v == &Value::Bool(true) || v.as_str() == Some("true"))
        };
        let name = match string("@odata.type").or_else(|| string("@type")) {
            Some(name) => name,
            None => {
                let offset = block
                    .annotation
                    .as_ref()
                    .map_or(block.range.start, |a| a.offset);
                self.diag(
                    offset,
                    Code::ResourceNameMissing,
                    "resource block has no `@odata.type`; named after the file",
                );
                format!("{}.{}", self.namespace(), self.stem())
            }
        };
        let nullable = names("nullableProperties");
        let optional = names("optionalProperties");
        let json = self.body_json(block, 0);
        let mut properties = Vec::new();
        let rows = self.rows(TableKind::Properties);
        let names: Vec<String> = rows
            .iter()
            .map(|r| clean_name(&r.text(Column::Name).unwrap_or_default()))
            .collect();
        let mut used = vec![false; rows.len()];
        if let Some(Value::Object(map)) = &json {
            let keys: Vec<&str> = map
                .keys()
                .map(String::as_str)
                .filter(|k| !k.starts_with('@'))
                .collect();
            let translated = self.translated();
            let mut pairs = align(&keys, &names, translated);
            if translated {
                pair_by_type(&keys, map, &rows, &names, &mut pairs);
            }
            for (key, pair) in keys.iter().zip(pairs) {
                let value = &map[*key];
                let key_offset = block
                    .text
                    .find(&format!("\"{key}\""))
                    .map_or(block.range.start, |o| block.source_offset(o));
                let json_ty = json_type(value);
                let row = pair.map(|(i, replaced)| {
                    used[i] = true;
                    if replaced {
                        self.diag(rows[i].range.start, Code::TableNameTranslated, format!("table row `{}` is read as property `{key}`: it stands in its place", names[i]));
                    }
                    &rows[i]
                });
                let (ty, source) = match row {
                    Some(row) => {
                        let table_ty = row.cells.get(&Column::Type).and_then(type_cell);
                        let ty = self.merge_types(key, table_ty, json_ty, row.range.start);
                        (ty, self.at(row.range.start))
                    }
                    None => {
                        self.diag(key_offset, Code::TableJsonMismatch, format!("property `{key}` is in the JSON representation but not in the properties table"));
                        (json_ty, self.at(key_offset))
                    }
                };
                let mut property = self.property(key.to_string(), ty, row, source);
                // `"inactive | sendOnly"` placeholders list the values when prose does not.
                if let Value::String(placeholder) = value
                    && placeholder.contains(" | ")
                    && !property
                        .constraints
                        .iter()
                        .any(|c| matches!(c.rule, Rule::AllowedValues { .. }))
                {
                    let values = placeholder
                        .split('|')
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                        .collect();
                    property.constraints.push(Constraint {
                        rule: Rule::AllowedValues { values },
                        phrase: placeholder.clone(),
                        source: self.at(key_offset),
                    });
                }
                properties.push(property);
            }
        }
        // Rows the JSON lacks are kept: nothing the page documents is dropped.
        for (row, name) in rows
            .iter()
            .zip(names)
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(r, _)| r)
        {
            // `@odata.type` rows describe annotations, which every type already carries.
            if name.is_empty() || name.starts_with('@') {
                continue;
            }
            let ty = row.cells.get(&Column::Type).and_then(type_cell);
            if json.is_some() {
                self.diag(row.range.start, Code::TableJsonMismatch, format!("property `{name}` is in the properties table but not in the JSON representation"));
            }
            let Some(ty) = ty else { continue };
            let source = self.at(row.range.start);
            let mut p = self.property(name, ty, Some(row), source);
            if json.is_some() {
                p.provenance = Provenance::TableOnly;
            }
            properties.push(p);
        }
        // Navigation properties are mostly only in the relationships table.
        for mut p in self.typed_rows(TableKind::Relationships) {
            if !properties.iter().any(|have| have.name == p.name) {
                p.provenance = Provenance::Navigation;
                properties.push(p);
            }
        }
        for p in &mut properties {
            let listed = nullable.contains(&p.name);
            let says_not = p
                .description
                .as_ref()
                .is_some_and(|d| lexicon().has(Phrase::NotNullable, d.source()));
            if listed && says_not {
                // Kept nullable: a round trip must not lose a null the annotation allows.
                self.report(Diagnostic::new(
                    Code::NullabilityConflict,
                    p.source.clone(),
                    format!(
                        "`{}` is in nullableProperties but its description says it is not nullable",
                        p.name
                    ),
                ));
            }
            p.nullable |= listed;
            p.optional = optional.contains(&p.name);
        }
        let methods = self
            .rows(TableKind::Methods)
            .iter()
            .filter_map(|row| {
                let cell = row.cells.get(&Column::Name)?;
                let name = plain(cell.source()).trim_matches('`').trim().to_owned();
                let operation = links(cell.source())
                    .into_iter()
                    .find_map(|(_, url)| link_stem(url));
                let returns = row
                    .cells
                    .get(&Column::Type)
                    .filter(|c| !lexicon().has(Phrase::NoType, &plain(c.source())))
                    .and_then(type_cell);
                (!name.is_empty()).then_some(MethodRef {
                    name,
                    returns,
                    operation,
                    description: row.description(),
                })
            })
            .collect();
        Some(ComplexType {
            name,
            methods,
            base: string("baseType").or_else(|| self.stated_base()),
            key: string("keyProperty"),
            open: flag("openType"),
            is_abstract: flag("abstract"),
            description: self.summary(),
            properties,
            source: self.at(block
                .annotation
                .as_ref()
                .map_or(block.range.start, |a| a.offset)),
            merged_from: Vec::new(),
        })
    }

    fn merge_types(
        &self,
        key: &str,
        table: Option<TypeRef>,
        json: TypeRef,
        offset: usize,
    ) -> TypeRef {
        let Some(table) = table else { return json };
        let shapes_differ = table.is_collection() != json.is_collection()
            && json != TypeRef::Primitive(Edm::Untyped);
        let names_differ = matches!(
            (table.element(), json.element()),
            (TypeRef::Named(t), TypeRef::Named(j)) if !same_simple_name(t, j)
        );
        if shapes_differ || names_differ {
            let message = format!(
                "`{key}` is `{table}` in the table but `{json}` in the JSON representation; using the JSON"
            );
            let diagnostic = Diagnostic::new(Code::TableJsonMismatch, self.at(offset), message);
            self.report(diagnostic.with_severity(Severity::Warning));
            return json;
        }
        match json.element() {
            TypeRef::Named(_) => json,
            _ => table,
        }
    }

    fn property(&self, name: String, ty: TypeRef, row: Option<&Row>, source: Source) -> Property {
        let description = row.and_then(Row::description);
        let text = description.as_ref().map_or("", Text::source);
        let found = lexicon().scan(text);
        let mut constraints = Vec::new();
        if let Some(row) = row {
            constraints = self.constraints(text, found, &ty, None, row.range.start);
        }
        let format = match ty.element() {
            TypeRef::Primitive(Edm::Guid) => Some(Format::Guid),
            TypeRef::Primitive(Edm::String)
                if found.has(Phrase::Email) && name.to_lowercase().contains("mail") =>
            {
                Some(Format::Email)
            }
            TypeRef::Primitive(Edm::String) if found.has(Phrase::Url) => Some(Format::Uri),
            _ => None,
        };
        if let Some(format) = format {
            let phrase = match format {
                Format::Guid => Edm::Guid.name().to_owned(),
                _ => text.to_owned(),
            };
            constraints.push(Constraint {
                rule: Rule::Format { format },
                phrase,
                source: source.clone(),
            });
        }
        Property {
            required: found.has(Phrase::Required),
            read_only: found.has(Phrase::ReadOnly),
            // OData properties are nullable unless declared otherwise.
            nullable: !found.has(Phrase::NotNullable),
            optional: false,
            provenance: Provenance::Listed,
            description,
            constraints,
            name,
            ty,
            source,
        }
    }

    /// Length and item-count rules stated in `text`. With `subject`, an item count must name
    /// it ("up to 5 participants"), so prose elsewhere on the page never lands on the wrong
    /// property.
    fn constraints(
        &self,
        text: &str,
        found: Phrases,
        ty: &TypeRef,
        subject: Option<&str>,
        offset: usize,
    ) -> Vec<Constraint> {
        let lex = lexicon();
        let mut out = Vec::new();
        let source = self.at(offset);
        if !ty.is_collection() && subject.is_none() && found.has(Phrase::MaxLength) {
            for caps in lex.find_all(Phrase::MaxLength, text) {
                if let Some(max) = lex.number(&caps["n"]) {
                    out.push(Constraint {
                        rule: Rule::MaxLength { max },
                        phrase: caps[0].to_owned(),
                        source: source.clone(),
                    });
                }
            }
        }
        if subject.is_none()
            && found.has(Phrase::PossibleValues)
            && let Some((phrase, values)) = possible_values(text)
        {
            out.push(Constraint {
                rule: Rule::AllowedValues { values },
                phrase,
                source: source.clone(),
            });
        }
        let numeric = ty.primitive().is_some_and(Edm::is_numeric);
        if numeric && subject.is_none() && found.has(Phrase::Range) {
            for caps in lex.find_all(Phrase::Range, text) {
                if let (Ok(min), Ok(max)) = (caps["min"].parse(), caps["max"].parse())
                    && min <= max
                {
                    out.push(Constraint {
                        rule: Rule::Range { min, max },
                        phrase: caps[0].to_owned(),
                        source: source.clone(),
                    });
                }
            }
        }
        for phrase in [Phrase::MaxItems, Phrase::MaxItemsWhen] {
            if !ty.is_collection() || !found.has(phrase) {
                continue;
            }
            for caps in lex.find_all(phrase, text) {
                let names_subject = subject.is_none_or(|s| lex.names_property(&caps["what"], s));
                let Some(max) = lex.number(&caps["n"]).filter(|_| names_subject) else {
                    continue;
                };
                let rule = match caps.name("when") {
                    Some(when) => Rule::MaxItemsWhen {
                        max,
                        when: when.as_str().to_owned(),
                    },
                    None => Rule::MaxItems { max },
                };
                out.push(Constraint {
                    rule,
                    phrase: caps[0].to_owned(),
                    source: source.clone(),
                });
            }
        }
        // One rule per kind: two phrasings of the same limit are one limit.
        out.dedup_by(|a, b| a.rule.kind() == b.rule.kind());
        out
    }

    fn enum_type(&self) -> Option<EnumType> {
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
    fn section_enums(&self) -> Vec<EnumType> {
        let mut out = Vec::new();
        for (i, section) in self.doc.sections.iter().enumerate() {
            let Some(anchor) = section.anchor.as_deref() else {
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
            let title = plain(split(&section.title).source());
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

    /// The page's operation, or its examples back when the page documents none.
    /// The page's operations, one per HTTP method its request section lists (the first keeps
    /// the page's name), or its examples back when the page documents none.
    fn operations(&self, examples: Vec<Example>) -> Result<Vec<Operation>, Vec<Example>> {
        let blocks = self.http_blocks();
        let by_method = self.http_paths(&blocks);
        let (Some(first), false) = (blocks.first(), by_method.is_empty()) else {
            return Err(examples);
        };
        let source = self.at(first.range.start);
        let permissions = self.permissions();
        let headers = self.described_rows(TableKind::Headers, Column::Name);
        let post_only = by_method.iter().all(|(m, _)| *m == Method::Post);
        let body = self.parameters(&examples, post_only);
        let parameters = self.typed_rows(TableKind::UrlParameters);
        let query = self.described_rows(TableKind::QueryParameters, Column::Name);
        let errors = self.described_rows(TableKind::Errors, Column::Code);
        let response = self.response(&examples);
        // OData wraps lists in `{"value": [...]}`, never a single resource.
        if let Some(Response {
            ty: Some(ty @ TypeRef::Named(_)),
            ..
        }) = &response
        {
            for r in examples.iter().filter_map(|e| e.response.as_ref()) {
                let message = match r.json.as_ref().and_then(value_member) {
                    Some(Value::Object(_)) => format!(
                        "the response example wraps one `{ty}` in `{{\"value\": {{…}}}}`, as OData wraps only lists"
                    ),
                    Some(Value::Array(_)) => format!(
                        "the response example is a list (`{{\"value\": […]}}`), but the page returns one `{ty}`"
                    ),
                    _ => continue,
                };
                self.report(Diagnostic::new(
                    Code::ExampleValueWrapper,
                    r.source.clone(),
                    message,
                ));
            }
        }
        let first_method = by_method[0].0;
        // Examples go to the operation of their request's method.
        let mut examples_by_method: BTreeMap<Method, Vec<Example>> = BTreeMap::new();
        for example in examples {
            let method = example.request.as_ref().and_then(|r| r.method.as_deref());
            let method = method
                .and_then(|m| m.parse().ok())
                .filter(|m| by_method.iter().any(|(have, _)| have == m))
                .unwrap_or(first_method);
            examples_by_method.entry(method).or_default().push(example);
        }
        // Doc bugs the examples show: a request to a path the page does not list, or with
        // another method than the one it lists for that path.
        let requests = examples_by_method
            .values()
            .flatten()
            .filter_map(|e| e.request.as_ref());
        for request in requests {
            let (Some(method), Some(path)) = (&request.method, &request.path) else {
                continue;
            };
            let fits = |paths: &Vec<HttpPath>| {
                paths
                    .iter()
                    .any(|p| docbind::template_matches(&p.template, path))
            };
            if by_method
                .iter()
                .any(|(m, paths)| m.as_str() == method && fits(paths))
            {
                continue;
            }
            match by_method.iter().find(|(_, paths)| fits(paths)) {
                Some((listed, _)) => self.report(Diagnostic::new(Code::ExampleMethodUnlisted, request.source.clone(), format!("the example requests `{method} {path}`, but the page lists that path for {listed}"))),
                None => self.report(Diagnostic::new(Code::ExamplePathUnlisted, request.source.clone(), format!("the example requests `{method} {path}`, which fits none of the paths the page lists"))),
            }
        }
        let ops = by_method
            .into_iter()
            .enumerate()
            .map(|(i, (method, paths))| Operation {
                body_type: match method {
                    Method::Post | Method::Put | Method::Patch if body.is_empty() => {
                        self.body_resource()
                    }
                    _ => None,
                },
                name: if i == 0 {
                    self.stem().to_owned()
                } else {
                    format!("{}-{}", self.stem(), method.as_str().to_lowercase())
                },
                description: self.summary(),
                examples: examples_by_method.remove(&method).unwrap_or_default(),
                method,
                paths,
                permissions: permissions.clone(),
                headers: headers.clone(),
                parameters: parameters.clone(),
                query: query.clone(),
                body: body.clone(),
                errors: errors.clone(),
                response: response.clone(),
                source: source.clone(),
            })
            .collect();
        Ok(ops)
    }

    /// The blocks that list the operation's paths: those under an "HTTP request" heading (at
    /// any level: some pages have one per variant), or, on pages that lack the heading, the
    /// first http block of bare `METHOD /path` lines outside the examples.
    fn http_blocks(&self) -> Vec<&CodeBlock> {
        let listed: Vec<_> = self
            .doc
            .blocks
            .iter()
            .filter(|b| {
                self.kind_of(b.section) == Some(SectionKind::HttpRequest) && is_http_lang(&b.lang)
            })
            .collect();
        if !listed.is_empty() {
            return listed;
        }
        self.doc
            .blocks
            .iter()
            .filter(|b| b.lang == "http" && self.top_kind(b.section) != Some(SectionKind::Examples))
            .filter(|b| {
                b.text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .all(|l| request_line(l).is_some_and(|(_, url)| url.starts_with('/')))
            })
            .take(1)
            .collect()
    }

    fn http_paths(&self, blocks: &[&CodeBlock]) -> Vec<(Method, Vec<HttpPath>)> {
        let lex = lexicon();
        // Paths that a note in the section calls deprecated, by their backticked prefix.
        let deprecated: Vec<String> = self
            .doc
            .paragraphs
            .iter()
            .filter(|p| self.kind_of(p.section) == Some(SectionKind::HttpRequest))
            .map(|p| split(&p.inlines))
            .flat_map(|s| {
                // Only the sentence that says "deprecated": the next one often names the
                // replacement path.
                let text = plain(s.source());
                text.split(". ")
                    .filter(|sentence| lex.has(Phrase::Deprecated, sentence))
                    .flat_map(|sentence| {
                        sentence
                            .split('`')
                            .skip(1)
                            .step_by(2)
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    })
                    .filter(|code| code.starts_with('/'))
                    .map(|code| code.trim_end_matches('/').to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut by_method: Vec<(Method, Vec<HttpPath>)> = Vec::new();
        for block in blocks {
            let mut offset = 0;
            let mut seen_request = false;
            for line in block.text.split_inclusive('\n') {
                let at = block.source_offset(offset);
                offset += line.len();
                let line = line.trim();
                // A blank line after the request line starts an HTTP message's body.
                if line.is_empty() && seen_request && block.annotation.is_some() {
                    break;
                }
                if line.is_empty() || line.starts_with('#') || is_header_line(line) {
                    continue;
                }
                let Some((verb, url)) = request_line(line) else {
                    self.diag(
                        at,
                        Code::HttpLine,
                        format!("`{line}` is not a `METHOD /path` line"),
                    );
                    continue;
                };
                seen_request = true;
                let path = request_path(url);
                let (written, example_values) = example_segments(&path);
                if !example_values.is_empty() {
                    self.diag(
                        at,
                        Code::PathExampleValue,
                        format!(
                            "the path writes {} where a placeholder belongs; read as `{{id}}`",
                            example_values.join(", ")
                        ),
                    );
                }
                let (template, params) = placeholders(&written);
                let i = match by_method.iter().position(|(m, _)| *m == verb) {
                    Some(i) => i,
                    None => {
                        by_method.push((verb, Vec::new()));
                        by_method.len() - 1
                    }
                };
                let paths = &mut by_method[i].1;
                if paths.iter().any(|p| p.template == template) {
                    continue;
                }
                let deprecated = deprecated
                    .iter()
                    .any(|d| path == *d || path.starts_with(&format!("{d}/")));
                paths.push(HttpPath {
                    template,
                    params,
                    deprecated,
                    alias_of: None,
                    source: self.at(at),
                });
            }
        }
        by_method
    }

    fn permissions(&self) -> Vec<Permission> {
        let lex = lexicon();
        let mut out = Vec::new();
        for row in self.rows(TableKind::Permissions) {
            let (Some(scheme_text), Some(names)) = (
                row.text(Column::PermissionType).or(row.text(Column::Name)),
                row.text(Column::Permissions)
                    .or(row.text(Column::Description)),
            ) else {
                continue;
            };
            let Some(scheme) = lex.scheme(&scheme_text) else {
                continue;
            };
            let names = names
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .map(|n| n.trim_matches('`'))
                .filter(|n| is_permission_name(n))
                .map(str::to_owned)
                .collect();
            out.push(Permission {
                scheme,
                names,
                source: self.at(row.range.start),
            });
        }
        out
    }

    /// Typed rows (parameters or relationships) from the tables of `kind`.
    fn typed_rows(&self, kind: TableKind) -> Vec<Property> {
        let mut out = Vec::new();
        for row in &self.rows(kind) {
            let Some(name) = row.text(Column::Name).map(|n| clean_name(&n)) else {
                continue;
            };
            let Some(ty) = row.cells.get(&Column::Type).and_then(type_cell) else {
                self.diag(
                    row.range.start,
                    Code::TypeUnreadable,
                    format!("cannot read the type of `{name}`"),
                );
                continue;
            };
            if out.iter().any(|p: &Property| p.name == name) {
                self.diag(
                    row.range.start,
                    Code::DuplicateRow,
                    format!("`{name}` is listed twice in the table; the first row is kept"),
                );
                continue;
            }
            let source = self.at(row.range.start);
            out.push(self.property(name, ty, Some(row), source));
        }
        out
    }

    /// Named rows with a description, from the tables of `kind`.
    fn described_rows(&self, kind: TableKind, name: Column) -> Vec<Described> {
        self.rows(kind)
            .iter()
            .filter_map(|row| {
                let description = row.description();
                Some(Described {
                    name: clean_name(&row.text(name)?),
                    required: description
                        .as_ref()
                        .is_some_and(|d| lexicon().has(Phrase::Required, d.source())),
                    description,
                })
            })
            .filter(|d| !d.name.is_empty())
            .collect()
    }

    /// The request body's parameters. `post_only`: the page's one method is POST, so a table
    /// headed "Parameter" lists an action's parameters.
    fn parameters(&self, examples: &[Example], post_only: bool) -> Vec<Property> {
        let lex = lexicon();
        let mut out = self.typed_rows(TableKind::Parameters);
        // The request examples' bodies, with the block each is in.
        let bodies: Vec<_> = examples
            .iter()
            .filter_map(|e| {
                let request = e.request.as_ref()?;
                Some((request.json.as_ref()?.as_object()?, request))
            })
            .collect();
        self.name_from_examples(&mut out, bodies.iter().map(|(map, _)| *map));
        // An omitted action parameter is null (OData), and a collection-valued one is never
        // null: it must be sent, unless the docs call it optional.
        let action = self
            .table_of(TableKind::Parameters)
            .is_some_and(|(_, columns)| columns.contains(&Some(Column::Parameter)));
        for p in &mut out {
            let misfit = bodies.iter().find_map(|(map, request)| {
                let value = map.get(&p.name)?;
                (!p.ty.admits(value)).then_some((value, request))
            });
            if let Some((value, request)) = misfit {
                self.report(Diagnostic::new(
                    Code::ExampleTypeMismatch,
                    request.source.clone(),
                    format!(
                        "the request sends `{}` as {}, but the parameters table types it `{}`",
                        p.name,
                        json_kind(value),
                        p.ty
                    ),
                ));
            }
            let omitted_by = bodies.iter().find(|(map, _)| !map.contains_key(&p.name));
            if p.required {
                if let Some((_, request)) = omitted_by {
                    self.report(Diagnostic::new(
                        Code::ExampleOmitsRequired,
                        request.source.clone(),
                        format!(
                            "the request omits `{}`, which the parameters table calls required",
                            p.name
                        ),
                    ));
                }
                continue;
            }
            // An example that leaves it out shows the inference wrong: the docs win.
            let optional = p
                .description
                .as_ref()
                .is_some_and(|d| lex.has(Phrase::Optional, d.source()));
            p.required =
                post_only && action && p.ty.is_collection() && !optional && omitted_by.is_none();
        }
        // Item counts stated in notes anywhere on the page, for the parameter they name.
        if !out.iter().any(|p| p.ty.is_collection()) {
            return out;
        }
        let notes = self
            .doc
            .paragraphs
            .iter()
            .map(|p| (plain(split(&p.inlines).source()), p.range.start));
        for (text, offset) in notes {
            let found = lex.scan(&text);
            if !found.has(Phrase::MaxItems) && !found.has(Phrase::MaxItemsWhen) {
                continue;
            }
            for param in out.iter_mut().filter(|p| p.ty.is_collection()) {
                for c in self.constraints(&text, found, &param.ty, Some(&param.name), offset) {
                    if !param.constraints.iter().any(|have| have.rule == c.rule) {
                        param.constraints.push(c);
                    }
                }
            }
        }
        out
    }

    /// The first resource page linked from the request-body section's prose: what "a JSON
    /// representation of [user](../resources/user.md)" names.
    fn body_resource(&self) -> Option<TypeRef> {
        self.doc
            .paragraphs
            .iter()
            .filter(|p| self.top_kind(p.section) == Some(SectionKind::RequestBody))
            .find_map(|p| linked_type(split(&p.inlines).source(), true))
    }

    /// Translation replaces parameter names in tables as it does property names: the keys of
    /// the request examples, which are never translated, name the rows that stand in their place.
    fn name_from_examples<'j>(
        &self,
        params: &mut [Property],
        bodies: impl Iterator<Item = &'j serde_json::Map<String, Value>>,
    ) {
        let mut keys: Vec<(&str, bool)> = Vec::new();
        for map in bodies {
            for (key, value) in map {
                // `user@odata.bind` is a reference to the value, not the value.
                if !key.contains('@') && !keys.iter().any(|(k, _)| k == key) {
                    keys.push((key, value.is_array()));
                }
            }
        }
        let names: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
        let just_keys: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
        for ((key, array), pair) in keys
            .iter()
            .zip(align(&just_keys, &names, self.translated()))
        {
            let Some((i, replaced)) = pair else { continue };
            let param = &mut params[i];
            let case_lost = self.translated() && recased(&param.name, key);
            // A position is only trusted where the shapes agree.
            if !(replaced || case_lost) || param.ty.is_collection() != *array {
                continue;
            }
            let why = if replaced {
                "it stands in its place"
            } else {
                "translation changed its case"
            };
            self.report(Diagnostic::new(
                Code::TableNameTranslated,
                param.source.clone(),
                format!(
                    "table row `{}` is read as parameter `{key}`: {why}",
                    param.name
                ),
            ));
            param.name = key.to_string();
        }
    }

    fn response(&self, examples: &[Example]) -> Option<Response> {
        let para = self.doc.paragraphs.iter().find(|p| {
            self.top_kind(p.section) == Some(SectionKind::Response)
                && p.section.is_some_and(|s| self.doc.sections[s].level <= 2)
        });
        // Pages without a Response section (OneDrive's) show the response in their examples.
        let source = match para {
            Some(p) => self.at(p.range.start),
            None => examples
                .iter()
                .find_map(|e| e.response.as_ref())?
                .source
                .clone(),
        };
        let split = para.map(|p| split(&p.inlines)).unwrap_or_default();
        let status = split
            .source()
            .iter()
            .chain(split.local.iter())
            .find_map(|i| match i {
                Inline::Code(c) => c
                    .split_whitespace()
                    .next()?
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (100..600).contains(s)),
                _ => None,
            });
        let status =
            status.or_else(|| examples.iter().find_map(|e| e.response.as_ref()?.status))?;
        let from_prose = linked_type(split.source(), false);
        // The annotation names the type and says whether a list of it comes back. Many leave
        // `isCollection` out: a list it is when the prose says "a collection of" and the
        // example shows one (`{"value": [...]}`), since the prose alone is often wrong.
        let prose_lists = from_prose.as_ref().is_some_and(TypeRef::is_collection);
        let from_example = examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .find_map(|r| {
                let ty = match r.odata_type.as_deref()?.parse().ok()? {
                    TypeRef::Named(n) => named_type(&n),
                    ty => ty,
                };
                let shows_list = r.json.as_ref().is_some_and(is_value_list);
                Some(match ty {
                    TypeRef::Collection(_) => ty,
                    ty if r.is_collection || (prose_lists && shows_list) => {
                        TypeRef::Collection(Box::new(ty))
                    }
                    ty => ty,
                })
            });
        let ty = if status == 204 {
            None
        } else {
            from_example
                .map(|ty| self.primitive_from_prose(ty, &split, examples))
                .or(from_prose)
        };
        Some(Response { status, ty, source })
    }

    /// A primitive response whose annotation the example contradicts (`"@odata.type": "string"`
    /// over `{"value": true}`) is the primitive the prose names, where the example fits that
    /// one ("returns a Boolean value").
    fn primitive_from_prose(&self, ty: TypeRef, prose: &Split, examples: &[Example]) -> TypeRef {
        let TypeRef::Primitive(_) = ty else { return ty };
        let Some((value, source)) = examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .find_map(|r| Some((value_member(r.json.as_ref()?)?, &r.source)))
        else {
            return ty;
        };
        if ty.admits(value) {
            return ty;
        }
        let text = plain(prose.source());
        let named = text
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .filter_map(|word| lexicon().primitive(word))
            .filter(|p| *p != Edm::Untyped)
            .map(TypeRef::Primitive)
            .find(|q| q.admits(value));
        let Some(named) = named else { return ty };
        self.report(Diagnostic::new(Code::ResponseTypeConflict, source.clone(), format!("the response annotation says `{ty}`, but the prose says `{named}` and the example sends one; using `{named}`")));
        named
    }

    /// Every annotated request, response and example block, grouped into examples.
    fn examples(&self) -> Vec<Example> {
        let mut out: Vec<(Option<usize>, Example)> = Vec::new();
        for block in &self.doc.blocks {
            let Some(ann) = self.annotation(block) else {
                continue;
            };
            let kind = match ann.get("blockType").and_then(Value::as_str) {
                Some("request") => BlockKind::Request,
                Some("response") => BlockKind::Response,
                Some("example") => BlockKind::Example,
                _ => continue,
            };
            let group = self.example_section(block.section);
            let parsed = self.example_block(kind, block, &ann);
            let fresh = |out: &mut Vec<(Option<usize>, Example)>| {
                let title = group.map(|g| plain(split(&self.doc.sections[g].title).source()));
                out.push((
                    group,
                    Example {
                        title,
                        request: None,
                        response: None,
                        others: Vec::new(),
                    },
                ));
            };
            if out.last().is_none_or(|(g, _)| *g != group) {
                fresh(&mut out);
            }
            match kind {
                BlockKind::Request => {
                    if out.last().is_some_and(|(_, e)| e.request.is_some()) {
                        fresh(&mut out);
                    }
                    if let Some((_, e)) = out.last_mut() {
                        e.request = Some(parsed);
                    }
                }
                BlockKind::Response => {
                    let by_name = parsed.name.as_ref().and_then(|n| {
                        out.iter().rposition(|(g, e)| {
                            *g == group
                                && e.response.is_none()
                                && e.request.as_ref().and_then(|r| r.name.as_ref()) == Some(n)
                        })
                    });
                    let target = by_name.or_else(|| {
                        out.iter().rposition(|(g, e)| {
                            *g == group && e.response.is_none() && e.request.is_some()
                        })
                    });
                    match target {
                        Some(i) => out[i].1.response = Some(parsed),
                        None => {
                            fresh(&mut out);
                            if let Some((_, e)) = out.last_mut() {
                                e.response = Some(parsed);
                            }
                        }
                    }
                }
                BlockKind::Example => {
                    if let Some((_, e)) = out.last_mut() {
                        e.others.push(parsed);
                    }
                }
            }
        }
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// The section directly under "Examples" that holds `section`, if any.
    fn example_section(&self, section: Option<usize>) -> Option<usize> {
        let mut at = section;
        while let Some(i) = at {
            let parent = self.doc.sections[i].parent;
            if parent.is_some_and(|p| self.kinds[p] == Some(SectionKind::Examples)) {
                return Some(i);
            }
            at = parent;
        }
        None
    }

    fn example_block(
        &self,
        kind: BlockKind,
        block: &CodeBlock,
        ann: &serde_json::Map<String, Value>,
    ) -> ExampleBlock {
        let flag = |key: &str| {
            ann.get(key)
                .is_some_and(|v| v == &Value::Bool(true) || v.as_str() == Some("true"))
        };
        let mut out = ExampleBlock {
            kind,
            name: ann.get("name").and_then(Value::as_str).map(str::to_owned),
            odata_type: ann
                .get("@odata.type")
                .or_else(|| ann.get("@type"))
                .and_then(Value::as_str)
                .map(|t| t.trim_start_matches('#').to_owned()),
            truncated: flag("truncated"),
            is_collection: flag("isCollection"),
            method: None,
            url: None,
            path: None,
            status: None,
            json: None,
            json_status: None,
            source: self.at(block.range.start),
        };
        let text = &block.text;
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let is_http =
            block.lang == "http" || block.lang.starts_with("msgraph") || first.starts_with("HTTP/");
        let body_start = if is_http {
            let mut words = first.split_whitespace();
            match (kind, words.next(), words.next()) {
                (BlockKind::Response, Some(_), Some(status)) if first.starts_with("HTTP") => {
                    out.status = status.parse().ok()
                }
                (_, Some(method), Some(url)) if method.chars().all(|c| c.is_ascii_uppercase()) => {
                    out.method = Some(method.to_owned());
                    out.url = Some(url.to_owned());
                    out.path = Some(request_path(url));
                }
                _ => {}
            }
            http_body_start(text)
        } else {
            let trimmed = text.trim_start();
            (trimmed.starts_with('{') || trimmed.starts_with('[')).then_some(0)
        };
        if let Some(start) = body_start {
            (out.json, out.json_status) = self.read_body(block, start);
        }
        out
    }
}

/// "Possible values are: `a`, `b`, `c`." in any lexicon language: the phrase as written and
/// the backticked values up to the end of its sentence.
fn possible_values(text: &str) -> Option<(String, Vec<String>)> {
    let found = lexicon().find_first(Phrase::PossibleValues, text)?;
    let (start, after) = (found.start(), found.end());
    let rest = &text[after..];
    let mut values: Vec<String> = Vec::new();
    let mut code_start = None;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match (c, code_start) {
            ('`', Some(from)) => {
                let value = rest[from..i].trim();
                if !value.is_empty() && !values.iter().any(|v| v == value) {
                    values.push(value.to_owned());
                }
                code_start = None;
            }
            ('`', None) => code_start = Some(i + 1),
            ('.', None)
                if rest[i + 1..].is_empty() || rest[i + 1..].starts_with(char::is_whitespace) =>
            {
                end = i + 1;
                break;
            }
            _ => {}
        }
    }
    (!values.is_empty()).then(|| (text[start..after + end].to_owned(), values))
}

/// `GET /me/drive` or `POST https://host/v1.0/x HTTP/1.1` → method and URL.
fn request_line(line: &str) -> Option<(Method, &str)> {
    let (verb, rest) = line.split_once(char::is_whitespace)?;
    // The URL is the rest of the line: `{id | userPrincipalName}` and query strings hold
    // spaces. A trailing protocol version is not part of it.
    let rest = rest.trim();
    let url = match rest.rsplit_once(char::is_whitespace) {
        Some((url, version)) if version.starts_with("HTTP/") => url.trim_end(),
        _ => rest,
    };
    let method = verb.parse().ok()?;
    (!url.is_empty()).then_some((method, url))
}

/// Fences that can hold HTTP; sections also show C# or shell snippets.
fn is_http_lang(lang: &str) -> bool {
    matches!(lang, "" | "http" | "https" | "rest") || lang.starts_with("msgraph")
}

/// `Content-Type: application/json`.
fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// Where the JSON body of an HTTP message starts: the first line after the start line that
/// opens an object or array. Headers may follow blank lines, and CSV or binary bodies are not
/// JSON, so neither a blank line nor the end of the headers decides.
fn http_body_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut seen_start = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if seen_start && (trimmed.starts_with('{') || trimmed.starts_with('[')) {
            return Some(offset);
        }
        seen_start |= !trimmed.is_empty();
        offset += line.len();
    }
    None
}

/// A URL's path without scheme, host, API version and query.
pub fn request_path(url: &str) -> String {
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("/", |j| &url[i + 3 + j..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    // The version as the docs spell it, and the slips seen in examples (`/V1.0`, `/v1`).
    let path = ["/v1.0", "/beta", "/v1"]
        .iter()
        .find_map(|v| {
            let head = path.get(..v.len())?;
            let rest = &path[v.len()..];
            (head.eq_ignore_ascii_case(v) && (rest.is_empty() || rest.starts_with('/')))
                .then_some(rest)
        })
        .unwrap_or(path);
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    path.trim_end_matches('/').to_owned()
}

/// A path template with the example values some pages write in place of a placeholder (a
/// GUID, or `(team-id)`) made `{id}`, and those values. No real path segment is either.
fn example_segments(path: &str) -> (String, Vec<String>) {
    let mut values = Vec::new();
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| {
            let parenthesized = segment.len() > 2
                && segment.starts_with('(')
                && segment.ends_with(')')
                && segment[1..segment.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if parenthesized || is_guid(segment) {
                values.push(format!("`{segment}`"));
                "{id}"
            } else {
                segment
            }
        })
        .collect();
    (segments.join("/"), values)
}

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `{placeholders}` of a path, renaming one that repeats after its segment.
fn placeholders(path: &str) -> (String, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut spans = Vec::new();
    let mut from = 0;
    // `{id}`, and the `<address>` some pages write instead.
    while let Some(start) = path[from..].find(['{', '<']).map(|s| s + from) {
        let close = if path[start..].starts_with('{') {
            '}'
        } else {
            '>'
        };
        let Some(end) = path[start..].find(close).map(|e| e + start) else {
            break;
        };
        names.push(path[start + 1..end].trim().to_owned());
        spans.push(start..end + 1);
        from = end + 1;
    }
    let repeated = |n: &String| names.iter().filter(|m| *m == n).count() > 1;
    let renamed: Vec<String> = names
        .iter()
        .zip(&spans)
        .map(|(name, span)| {
            if !repeated(name) {
                return name.clone();
            }
            let segment = path[..span.start]
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("");
            let segment = segment.split(['(', ':']).next().unwrap_or(segment);
            let singular = segment.strip_suffix('s').unwrap_or(segment);
            format!("{singular}-{name}")
        })
        .collect();
    let mut template = String::with_capacity(path.len());
    let mut last = 0;
    for (span, name) in spans.iter().zip(&renamed) {
        template.push_str(&path[last..span.start]);
        template.push('{');
        template.push_str(name);
        template.push('}');
        last = span.end;
    }
    template.push_str(&path[last..]);
    (template, renamed)
}

fn is_permission_name(word: &str) -> bool {
    let mut parts = word.split('.');
    let first_ok = parts
        .next()
        .is_some_and(|p| p.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
    let rest: Vec<_> = parts.collect();
    first_ok
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// The name a name cell gives: markup and spaces out, and a note after it cut
/// ("tollNumber (preterido)"), as no wire name holds a parenthesis.
fn clean_name(text: &str) -> String {
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

/// The column each header cell names.
fn header(table: &Table) -> Vec<Option<Column>> {
    let lex = lexicon();
    table
        .header
        .iter()
        .map(|c| lex.column(&plain(split(&c.inlines).source())))
        .collect()
}

/// The rows of a table, cells keyed by column.
fn table_rows<'t>(table: &'t Table, columns: &[Option<Column>]) -> Vec<Row<'t>> {
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

/// A translated row that neither name nor position paired ("Revisores" where the JSON sends
/// `reviewers` in another order) stands for the only unpaired key of its type, when it is the
/// only such row for that key. English wire names are camelCase ASCII, so only rows that
/// cannot be one are paired so.
fn pair_by_type(
    keys: &[&str],
    json: &serde_json::Map<String, Value>,
    rows: &[Row],
    names: &[String],
    pairs: &mut [Option<(usize, bool)>],
) {
    let agree = |table: &TypeRef, json: &TypeRef| match (table.element(), json.element()) {
        (TypeRef::Named(t), TypeRef::Named(j)) => {
            table.is_collection() == json.is_collection() && same_simple_name(t, j)
        }
        _ => table == json,
    };
    let row_types: Vec<Option<TypeRef>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let free = crate::locale::surely_translated(&names[i])
                && !pairs.iter().flatten().any(|(r, _)| *r == i);
            free.then(|| row.cells.get(&Column::Type).and_then(type_cell))
                .flatten()
        })
        .collect();
    let key_types: Vec<Option<TypeRef>> = keys
        .iter()
        .zip(pairs.iter())
        .map(|(key, pair)| pair.is_none().then(|| json_type(&json[*key])))
        .collect();
    let fits = |k: usize, r: usize| match (&key_types[k], &row_types[r]) {
        (Some(j), Some(t)) => agree(t, j),
        _ => false,
    };
    for (k, pair) in pairs.iter_mut().enumerate() {
        let rows_for_key: Vec<usize> = (0..rows.len()).filter(|&r| fits(k, r)).collect();
        if let [r] = rows_for_key[..]
            && (0..keys.len()).filter(|&other| fits(other, r)).count() == 1
        {
            *pair = Some((r, true));
        }
    }
}

/// Whether `name` is `key` capitalised, with the case inside it lost, as translation leaves
/// some names ("Storagelocation" for `storageLocation`).
fn recased(name: &str, key: &str) -> bool {
    name != key
        && name.eq_ignore_ascii_case(key)
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Pairs JSON keys with table rows (or listed values with enum members): by name (forgiving
/// case and spacing), then, on `translated` pages, for names translation replaced, by a
/// one-letter change ("nome" for `name`) and then ("usuário" for `user`) by position between
/// pairs already made, since both list them in the same order. Returns the row of each key
/// and whether translation replaced the row's name (a pairing by position or by a letter).
pub(crate) fn align(
    keys: &[&str],
    names: &[String],
    translated: bool,
) -> Vec<Option<(usize, bool)>> {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let mut taken = vec![false; names.len()];
    let mut pairs: Vec<Option<(usize, bool)>> = vec![None; keys.len()];
    // Translation often changes one letter of a word ("nome" for `name`, "data" for `date`).
    let one_letter_apart = |n: &str, k: &str| {
        let (n, k) = (fold(n), fold(k));
        n.len() == k.len()
            && n.chars().count() >= 4
            && n.chars().zip(k.chars()).filter(|(a, b)| a != b).count() == 1
    };
    type Same<'f> = &'f dyn Fn(&str, &str) -> bool;
    // Each way of pairing, and whether it means translation replaced the row's name.
    let tries: [(Same, bool); 4] = [
        (&|n, k| n == k, false),
        (&|n, k| n.eq_ignore_ascii_case(k), false),
        (&|n, k| fold(n) == fold(k), false),
        (&|n, k| translated && one_letter_apart(n, k), true),
    ];
    for (same, replaced) in tries {
        for (pair, key) in pairs.iter_mut().zip(keys) {
            if pair.is_none()
                && let Some(i) = (0..names.len()).find(|&i| !taken[i] && same(&names[i], key))
            {
                taken[i] = true;
                *pair = Some((i, replaced));
            }
        }
    }
    // Gaps between consecutive pairs, where both sides have the same number left over.
    let mut k = 0;
    while translated && k < keys.len() {
        if pairs[k].is_some() {
            k += 1;
            continue;
        }
        let gap_end = (k..keys.len())
            .find(|&j| pairs[j].is_some())
            .unwrap_or(keys.len());
        let row_from = pairs[..k]
            .iter()
            .rev()
            .find_map(|p| p.map(|(r, _)| r + 1))
            .unwrap_or(0);
        let row_to = pairs[gap_end..]
            .iter()
            .find_map(|p| p.map(|(r, _)| r))
            .unwrap_or(names.len());
        let free: Vec<usize> = (row_from..row_to.max(row_from))
            .filter(|&r| !taken[r])
            .collect();
        if free.len() == gap_end - k {
            for (pair, row) in pairs[k..gap_end].iter_mut().zip(free) {
                taken[row] = true;
                *pair = Some((row, true));
            }
        }
        k = gap_end;
    }
    pairs
}

fn same_simple_name(a: &str, b: &str) -> bool {
    let simple = |s: &str| s.rsplit('.').next().unwrap_or(s).to_lowercase();
    simple(a) == simple(b)
}

/// The lowercase type name a link points at: `../resources/identityset.md#x` → `identityset`.
fn link_stem(url: &str) -> Option<String> {
    let path = url.split(['#', '?']).next()?;
    let stem = crate::naming::file_stem(path);
    let looks_like_page =
        path.ends_with(".md") || path.contains("/resources/") || path.contains("/api/");
    (looks_like_page && !stem.is_empty()).then(|| stem.to_lowercase())
}

/// The `value` of a body that holds nothing else but annotations: OData's wrapper of a
/// collection (`{"value": [...]}`) or of a primitive (`{"value": true}`). Annotations are
/// `@odata.context` and `x@odata.type`, or in OData 4.0's older form `odata.context`.
pub(crate) fn value_member(json: &Value) -> Option<&Value> {
    let map = json.as_object()?;
    map.keys()
        .all(|k| k == "value" || k.contains('@') || k.starts_with("odata."))
        .then(|| map.get("value"))?
}

/// An OData collection response: `{"value": [...]}`, annotations aside.
fn is_value_list(json: &Value) -> bool {
    value_member(json).is_some_and(Value::is_array)
}

/// The type named by the first link to a page (to a resource page, with `resources_only`) in
/// prose, a list when the words before it or its text say so: "supply an array of
/// [patchContentCommand](…)", "uma [coleção de objetos user](…)".
fn linked_type(inlines: &[Inline], resources_only: bool) -> Option<TypeRef> {
    let lex = lexicon();
    inlines.iter().enumerate().find_map(|(i, inline)| {
        let Inline::Link { url, children } = inline else {
            return None;
        };
        let stem = link_stem(url).filter(|_| !resources_only || url.contains("resources/"))?;
        let named = TypeRef::Named(stem);
        let listed = lex.ends_with_collection(&plain(&inlines[..i]))
            || lex.collection_element(&plain(children)).is_some();
        Some(match listed {
            true => TypeRef::Collection(Box::new(named)),
            false => named,
        })
    })
}

/// Whether a type name is the one a page's file stem spells, namespace or area first:
/// `microsoft.graph.security.case` is `security-case.md`, and `synchronizationJob` may be
/// `synchronization-synchronizationjob.md`.
fn names_page(name: &str, stem: &str) -> bool {
    let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
    let name = name.to_lowercase().replace('.', "-");
    stem.strip_suffix(&name)
        .is_some_and(|area| area.is_empty() || area.ends_with('-'))
}

/// Reads a Type column cell in any dialect.
fn type_cell(cell: &Split) -> Option<TypeRef> {
    let lex = lexicon();
    let inlines = cell.source();
    // The target names the type; its text gives the case when it spells the same name. A
    // link into a section of a page (`[chatType](chat.md#chattype-values)`) names, by its
    // text, a type that page defines. Link text that reads "coleção subjectSet" around the
    // target's own name says collection.
    let mut linked_collection = false;
    let linked = links(inlines).into_iter().find_map(|(text, url)| {
        let stem = link_stem(url)?;
        let text = text.trim_matches('`').trim();
        if let Some(element) = lex.collection_element(text)
            && names_page(element.trim_matches('`'), &stem)
        {
            linked_collection = true;
            return Some(element.trim_matches('`').to_owned());
        }
        // `[DateTimeOffset](timestamp.md)`: a page about a primitive.
        if let Some(p) = lex.primitive(text).or_else(|| lex.primitive(&stem)) {
            return Some(p.name().to_owned());
        }
        let word = !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '.');
        Some(if names_page(text, &stem) || (url.contains('#') && word) {
            text.to_owned()
        } else {
            stem
        })
    });
    // With a link, collection wording counts only outside it: the link text may be a
    // translated name that happens to contain "conjunto de".
    let stand_in = |url: &str| (linked.is_some() && link_stem(url).is_some()).then_some("X");
    let mut text = plain_with_links(inlines, &stand_in);
    text.retain(|c| c != '`');
    let text = text.trim();
    let (element, collection) = match lex.collection_element(text) {
        Some(e) => (e, true),
        None => (text, linked_collection),
    };
    let element = linked
        .map(|name| named_type(&name))
        .or_else(|| {
            // `[x][]` is a reference link left unresolved, not a collection.
            let bracketed = element.strip_prefix('[').and_then(|e| e.split(']').next());
            bracketed.map(|name| TypeRef::Named(name.to_lowercase()))
        })
        .or_else(|| lex.primitive(element).map(TypeRef::Primitive))
        .or_else(|| {
            let word = element.trim_start_matches("microsoft.graph.");
            let ident = !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
            ident.then(|| TypeRef::Named(word.to_lowercase()))
        })?;
    Some(if collection {
        TypeRef::Collection(Box::new(element))
    } else {
        element
    })
}

/// How a JSON value reads in a message.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The type a name stands for: `Edm.*`, or a word the lexicon knows as a primitive (Graph's
/// `Json` is any JSON, an annotation's `stream` is a stream), else the named type.
fn named_type(name: &str) -> TypeRef {
    match lexicon().primitive(name).or_else(|| Edm::from_name(name)) {
        Some(p) => TypeRef::Primitive(p),
        None => TypeRef::Named(name.to_owned()),
    }
}

/// The type a placeholder value in a JSON representation stands for.
fn json_type(value: &Value) -> TypeRef {
    let lex = lexicon();
    let untyped = || TypeRef::Primitive(Edm::Untyped);
    match value {
        Value::Bool(_) => TypeRef::Primitive(Edm::Boolean),
        Value::Number(n) if n.is_f64() => TypeRef::Primitive(Edm::Double),
        Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_err()) => {
            TypeRef::Primitive(Edm::Int64)
        }
        Value::Number(_) => TypeRef::Primitive(Edm::Int32),
        Value::String(s) => {
            // "collection(microsoft.graph.x)" and "microsoft.graph.x": the placeholder spells
            // the type.
            if let Some(element) = lex.collection_element(s.trim()) {
                let element = json_type(&Value::String(element.to_owned()));
                return TypeRef::Collection(Box::new(element));
            }
            if s.starts_with("microsoft.graph.")
                && s.chars().all(|c| c.is_alphanumeric() || c == '.')
            {
                return named_type(s);
            }
            // "String (timestamp)": the hint in parentheses is the more precise type.
            let hint = s.split_once('(').and_then(|(_, h)| h.split(')').next());
            let word = s.split('(').next().unwrap_or(s).trim();
            let edm = hint
                .and_then(|h| lex.primitive(h))
                .filter(|p| *p != Edm::String)
                .or_else(|| lex.primitive(word));
            TypeRef::Primitive(edm.unwrap_or(Edm::String))
        }
        Value::Array(items) => {
            TypeRef::Collection(Box::new(items.first().map_or_else(untyped, json_type)))
        }
        Value::Object(map) => match map.get("@odata.type").and_then(Value::as_str) {
            Some(t) => named_type(t.trim_start_matches('#')),
            None => untyped(),
        },
        Value::Null => untyped(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_in_both_languages() {
        let (phrase, values) = possible_values("The state. Possible values are: `notStarted`, `running`, `unknownFutureValue`. Read-only.").unwrap();
        assert_eq!(values, ["notStarted", "running", "unknownFutureValue"]);
        assert_eq!(
            phrase,
            "Possible values are: `notStarted`, `running`, `unknownFutureValue`."
        );
        let (_, values) = possible_values(
            "O estado. Os valores possíveis são: `a`, `b.c` e `d`. Somente leitura: `x`.",
        )
        .unwrap();
        assert_eq!(values, ["a", "b.c", "d"]);
        assert_eq!(
            possible_values("Possible values are listed elsewhere."),
            None
        );
    }

    #[test]
    fn rows_align_by_name_then_by_position() {
        let names: Vec<String> = ["Endpointtype", "usuário", "id", "mensagem"]
            .map(String::from)
            .to_vec();
        let pairs = align(&["endpointType", "user", "id", "message"], &names, true);
        assert_eq!(
            pairs,
            [
                Some((0, false)),
                Some((1, true)),
                Some((2, false)),
                Some((3, true))
            ]
        );
        // Unequal gaps are not guessed at.
        let names: Vec<String> = ["a", "x", "y", "b"].map(String::from).to_vec();
        assert_eq!(
            align(&["a", "z", "b"], &names, true),
            [Some((0, false)), None, Some((3, false))]
        );
        // A one-letter change pairs wherever the row stands, so the row that took its place by
        // position is not the one paired ("configuração" stood where `name` is sent).
        let names: Vec<String> = ["configuração", "description", "nome"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            align(&["name", "description"], &names, true),
            [Some((2, true)), Some((1, false))]
        );
        // Only on translated pages, and not for short words.
        assert_eq!(
            align(&["name", "description"], &names, false),
            [None, Some((1, false))]
        );
        let names: Vec<String> = ["idx"].map(String::from).to_vec();
        assert_eq!(align(&["id", "ids"], &names, true), [None, None]);
    }

    /// An action page in the machine-translated dialect: one parameter name translated, one
    /// collection the examples always send, one they sometimes omit.
    const ACTION: &str = r#"---
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

    #[test]
    fn translated_rows_out_of_order_pair_with_the_key_of_their_type() {
        let properties = |locale: &str| {
            let md = format!(
                "---\ndoc_type: resourcePageType\nms.contentlocale: {locale}\n---\n# a\n\n## Propriedades\n| Propriedade | Tipo | Descrição |\n|---|---|---|\n| Iniciador | [identitySet](identityset.md) | Quem fez. |\n| id | Cadeia de caracteres | |\n| Versão | Int32 | A versão. |\n\n## Representação JSON\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\" }} -->\n```json\n{{ \"id\": \"String\", \"version\": 1, \"initiator\": {{\"@odata.type\": \"microsoft.graph.identitySet\"}} }}\n```\n"
            );
            match &page("resources/a.md", &md).types[..] {
                [TypeDef::Complex(c)] => c
                    .properties
                    .iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            p.description.as_ref().map(|d| d.text.clone()),
                        )
                    })
                    .collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            }
        };
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            properties("pt-BR"),
            [
                ("id".to_owned(), None),
                ("version".to_owned(), some("A versão.")),
                ("initiator".to_owned(), some("Quem fez.")),
            ]
        );
        // An English page that names a row differently is inconsistent, not translated.
        assert_eq!(properties("en-us").len(), 5);
    }

    #[test]
    fn action_parameters_take_example_names_and_collections_are_required() {
        let fragment = page("api/thing-act.md", ACTION);
        let body = &fragment.operations[0].body;
        let names: Vec<_> = body.iter().map(|p| (p.name.as_str(), p.required)).collect();
        // Named by the examples; `targets` is always sent, `labels` is omitted by one.
        assert_eq!(
            names,
            [("targets", true), ("labels", false), ("note", false)]
        );
        let translated = fragment
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::TableNameTranslated)
            .count();
        assert_eq!(translated, 3);
        let body_names = |md: &str| -> Vec<String> {
            let fragment = page("api/thing-act.md", md);
            fragment.operations[0]
                .body
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        // An English page's table names are its own, however they differ from the examples.
        assert_eq!(
            body_names(&ACTION.replace("ms.contentlocale: pt-BR\n", "")),
            ["alvos", "rótulos", "nota"]
        );
        // Translation capitalised a name: the request spells it. A name it left in lowercase
        // stays as the table gives it, whatever case a request uses.
        let recased = ACTION
            .replace("|nota|", "|Note|")
            .replace("|alvos|", "|targets|")
            .replace(r#""targets""#, r#""Targets""#);
        assert_eq!(body_names(&recased), ["targets", "labels", "note"]);
        // A table headed "Propriedade" lists a resource's properties: nothing is inferred.
        let create = ACTION.replace("| Parâmetro |", "| Propriedade |");
        let fragment = page("api/thing-act.md", &create);
        assert!(fragment.operations[0].body.iter().all(|p| !p.required));
    }

    #[test]
    fn request_values_the_table_cannot_type_are_doc_bugs() {
        // `note` is sent as an object where the table says string; `targets` as a string
        // where it says a collection. Both are reported at the request that sends them.
        let sent = ACTION.replace(
            r#"{"targets": ["x"]}"#,
            r#"{"targets": "x", "note": {"text": "z"}}"#,
        );
        let fragment = page("api/thing-act.md", &sent);
        let mismatches: Vec<_> = fragment
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ExampleTypeMismatch)
            .map(|d| (d.source.line, d.message.as_str()))
            .collect();
        assert_eq!(
            mismatches,
            [
                (
                    29,
                    "the request sends `targets` as a string, but the parameters table types it `Collection(Edm.String)`"
                ),
                (
                    29,
                    "the request sends `note` as an object, but the parameters table types it `Edm.String`"
                ),
            ]
        );
        assert!(
            !page("api/thing-act.md", ACTION)
                .diagnostics
                .iter()
                .any(|d| d.code == Code::ExampleTypeMismatch)
        );
    }

    #[test]
    fn a_body_linked_in_prose_is_a_list_when_the_prose_says_so() {
        let body_type = |prose: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Update page\n\n## HTTP request\n```http\nPATCH /pages/{{id}}/content\n```\n\n## Request body\n{prose}\n"
            );
            page("api/page-update.md", &md).operations[0]
                .body_type
                .clone()
        };
        let command = TypeRef::Named("patchcommand".into());
        assert_eq!(
            body_type("Supply an array of [patchCommand](../resources/patchcommand.md) objects."),
            Some(TypeRef::Collection(Box::new(command.clone())))
        );
        assert_eq!(
            body_type(
                "Forneça uma matriz de [objetos patchCommand](../resources/patchcommand.md)."
            ),
            Some(TypeRef::Collection(Box::new(command.clone())))
        );
        assert_eq!(
            body_type("Supply a [patchCommand](../resources/patchcommand.md) object."),
            Some(command)
        );
    }

    #[test]
    fn example_values_in_templates_are_placeholders() {
        let (template, values) = example_segments(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/(assignment-id)/submit",
        );
        assert_eq!(template, "/education/classes/{id}/assignments/{id}/submit");
        assert_eq!(values.len(), 2);
        let (template, values) = example_segments("/teams/{team-id}/channels/getAllMessages()");
        assert_eq!(template, "/teams/{team-id}/channels/getAllMessages()");
        assert!(values.is_empty());
        // Two `{id}` become distinct parameters after their segments.
        let (template, params) = placeholders(&example_segments("/a/(x)/b/(y)").0);
        assert_eq!(params.len(), 2);
        assert_ne!(params[0], params[1], "{template}");
    }

    #[test]
    fn placeholders_that_spell_a_type_name_it() {
        let read = |s: &str| json_type(&Value::String(s.into()));
        let set = TypeRef::Named("microsoft.graph.conditionSet".into());
        assert_eq!(
            read("collection(microsoft.graph.conditionSet)"),
            TypeRef::Collection(Box::new(set.clone()))
        );
        assert_eq!(read("microsoft.graph.conditionSet"), set);
        assert_eq!(
            read("String (timestamp)"),
            TypeRef::Primitive(Edm::DateTimeOffset)
        );
        assert_eq!(
            read("microsoft.graph.x or y"),
            TypeRef::Primitive(Edm::String)
        );
    }

    #[test]
    fn requests_the_page_does_not_list_are_doc_bugs() {
        let codes = |md: &str| -> Vec<String> {
            page("api/thing-act.md", md)
                .diagnostics
                .iter()
                .filter(|d| {
                    matches!(
                        d.code,
                        Code::ExampleMethodUnlisted | Code::ExamplePathUnlisted
                    )
                })
                .map(|d| format!("{}:{}", d.source.line, d.code))
                .collect()
        };
        assert!(codes(ACTION).is_empty());
        let patched = ACTION.replace(
            "POST /things/1/act\n\n{\"targets\": [\"x\"]}",
            "PATCH /things/1/act\n\n{\"targets\": [\"x\"]}",
        );
        assert_eq!(codes(&patched), ["29:example-method-unlisted"]);
        let elsewhere = ACTION.replace(
            "POST /things/1/act\n\n{\"targets\": [\"x\"]}",
            "POST /other/1\n\n{\"targets\": [\"x\"]}",
        );
        assert_eq!(codes(&elsewhere), ["29:example-path-unlisted"]);
    }

    #[test]
    fn a_response_is_a_list_when_prose_and_example_agree() {
        let response = |prose: &str, json: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# List stages\n\n## HTTP request\n```http\nGET /stages\n```\n\n## Response\n{prose}\n\n## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"a\" }} -->\n```http\nGET /stages\n```\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.stage\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{json}\n```\n"
            );
            let op = &page("api/stage-list.md", &md).operations[0];
            op.response
                .as_ref()
                .and_then(|r| r.ty.clone())
                .unwrap()
                .to_string()
        };
        let list = r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#;
        let one = r#"{"id": "1"}"#;
        let collection =
            "Returns `200 OK` and a collection of [stage](../resources/stage.md) objects.";
        let object = "Returns `200 OK` and a [stage](../resources/stage.md) object.";
        assert_eq!(
            response(collection, list),
            "Collection(microsoft.graph.stage)"
        );
        // The prose alone is often wrong, and so is an example alone.
        assert_eq!(response(collection, one), "microsoft.graph.stage");
        assert_eq!(response(object, list), "microsoft.graph.stage");
        let pt = "Retorna `200 OK` e uma coleção dos objetos [stage](../resources/stage.md).";
        assert_eq!(response(pt, list), "Collection(microsoft.graph.stage)");
    }

    #[test]
    fn a_primitive_response_the_example_contradicts_is_the_one_the_prose_names() {
        let response = |prose: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Archive\n\n## HTTP request\n```http\nPOST /messages/archive\n```\n\n## Response\n{prose}\n\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"string\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{\"value\": true}}\n```\n"
            );
            let fragment = page("api/message-archive.md", &md);
            let conflicts = fragment
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::ResponseTypeConflict)
                .count();
            let ty = fragment.operations[0]
                .response
                .as_ref()
                .and_then(|r| r.ty.clone());
            (ty.unwrap().to_string(), conflicts)
        };
        assert_eq!(
            response("Retorna `200 OK` e um valor Boolean `true` no corpo da resposta."),
            ("Edm.Boolean".to_owned(), 1)
        );
        // Without a primitive in the prose that fits, the annotation stands.
        assert_eq!(
            response("Returns `200 OK` and the state."),
            ("Edm.String".to_owned(), 0)
        );
    }

    #[test]
    fn a_single_resource_wrapped_in_value_is_a_doc_bug() {
        let wrappers = |json: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Get stage\n\n## HTTP request\n```http\nGET /stages/{{id}}\n```\n\n## Response\nReturns `200 OK` and a [stage](../resources/stage.md) object.\n\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.stage\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{json}\n```\n"
            );
            page("api/stage-get.md", &md)
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::ExampleValueWrapper)
                .map(|d| d.source.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            wrappers(r#"{"value": {"id": "1"}}"#),
            ["api/stage-get.md:16:1"]
        );
        assert_eq!(
            wrappers(r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#).len(),
            1
        );
        assert!(wrappers(r#"{"id": "1", "value": {"a": 1}}"#).is_empty());
        assert!(wrappers(r#"{"id": "1"}"#).is_empty());
    }

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

    #[test]
    fn a_note_after_a_name_is_not_part_of_it() {
        assert_eq!(clean_name("tollNumber (preterido)"), "tollNumber");
        assert_eq!(clean_name("**owner** (deprecated)"), "owner");
        assert_eq!(clean_name("`display Name`"), "displayName");
        assert_eq!(clean_name("(none)"), "(none)");
    }

    #[test]
    fn a_base_type_named_only_in_the_introduction() {
        let page_with = |intro: &str, annotation: &str| {
            let md = format!(
                "---\ndoc_type: resourcePageType\n---\n# a\n\n{intro}\n\n## <a name=\"json-representation\"></a>JSON\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\"{annotation} }} -->\n```json\n{{ \"x\": \"String\" }}\n```\n"
            );
            match &page("resources/a.md", &md).types[..] {
                [TypeDef::Complex(c)] => c.base.clone(),
                other => panic!("{other:?}"),
            }
        };
        // The link target names the base; translation changes only its text, and may take in
        // the phrase's last word. Inherited *by* another type, or a type merely linked, names
        // no base.
        let base = |intro: &str| page_with(intro, "");
        let cases = [
            (
                "A thing. Inherits from [entity](entity.md).",
                Some("entity"),
            ),
            (
                "Uma coisa. Herda da [entidade](../resources/entity.md).",
                Some("entity"),
            ),
            (
                "<span data-ttu-id=\"1\">Herda de [b](b.md).</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Inherits from [b](b.md).</span></span>",
                Some("b"),
            ),
            (
                "Esta é uma subclasse [de educationSubmissionRecipient](educationsubmissionrecipient.md).",
                Some("educationsubmissionrecipient"),
            ),
            ("A subclass of [b](b.md) for one use.", Some("b")),
            (
                "Usado para criar uma avaliação, derivada de [threatAssessmentRequest](threatAssessmentRequest.md).",
                Some("threatassessmentrequest"),
            ),
            ("Uma classe base. Ele é herdado [por c](c.md).", None),
            ("Uma classe base com uma subclasse [c](c.md).", None),
            ("Used by [c](c.md).", None),
        ];
        for (intro, want) in cases {
            assert_eq!(base(intro).as_deref(), want, "{intro}");
        }
        // The annotation wins.
        assert_eq!(
            page_with(
                "Inherits from [entity](entity.md).",
                ", \"baseType\": \"microsoft.graph.b\""
            )
            .as_deref(),
            Some("microsoft.graph.b")
        );
    }

    #[test]
    fn paths_lose_host_version_and_query() {
        assert_eq!(
            request_path(
                "https://graph.microsoft.com/beta/communications/calls/{id}/participants/invite"
            ),
            "/communications/calls/{id}/participants/invite"
        );
        assert_eq!(
            request_path("/v1.0/me/events?$select=subject"),
            "/me/events"
        );
        assert_eq!(
            request_path("/communications/calls/x"),
            "/communications/calls/x"
        );
        assert_eq!(request_path("/V1.0/teams/{id}"), "/teams/{id}");
        assert_eq!(request_path("/v1/teams/{id}"), "/teams/{id}");
        assert_eq!(request_path("/v1.0x/teams"), "/v1.0x/teams");
    }

    #[test]
    fn request_lines_keep_spaces_inside_the_url() {
        assert_eq!(
            request_line("PATCH /users/{id | userPrincipalName}"),
            Some((Method::Patch, "/users/{id | userPrincipalName}"))
        );
        assert_eq!(
            request_line("GET /me/events?$filter=a eq 'b' HTTP/1.1"),
            Some((Method::Get, "/me/events?$filter=a eq 'b'"))
        );
        assert_eq!(request_line("Content-Type: application/json"), None);
    }

    #[test]
    fn repeated_placeholders_are_named_after_their_segment() {
        let (t, p) = placeholders("/communications/calls/{id}/participants/{id}");
        assert_eq!(
            t,
            "/communications/calls/{call-id}/participants/{participant-id}"
        );
        assert_eq!(p, ["call-id", "participant-id"]);
        let (t, p) = placeholders("/worksheets/{id}/range(address='<address>')/format");
        assert_eq!(t, "/worksheets/{id}/range(address='{address}')/format");
        assert_eq!(p, ["id", "address"]);
        let (t, p) = placeholders("/users/{id | userPrincipalName}/drive/root:/{path}:");
        assert_eq!(t, "/users/{id | userPrincipalName}/drive/root:/{path}:");
        assert_eq!(p, ["id | userPrincipalName", "path"]);
    }

    fn cell(md: &str) -> Split<'static> {
        let doc = markdown::parse(&format!("| a |\n|---|\n| {md} |\n"));
        let Split { local, english } = split(&doc.tables[0].rows[0][0].inlines);
        Split {
            local: local.into_owned().into(),
            english,
        }
    }

    #[test]
    fn type_cells_in_every_dialect() {
        let named = |n: &str| TypeRef::Named(n.into());
        let coll = |t: TypeRef| TypeRef::Collection(Box::new(t));
        let string = TypeRef::Primitive(Edm::String);
        assert_eq!(
            type_cell(&cell("[identitySet](identityset.md)")),
            Some(named("identitySet"))
        );
        assert_eq!(
            type_cell(&cell(
                "[mediaStream](../resources/mediastream.md) collection"
            )),
            Some(coll(named("mediaStream")))
        );
        assert_eq!(
            type_cell(&cell("coleção [mediaStream](mediastream.md)")),
            Some(coll(named("mediaStream")))
        );
        assert_eq!(
            type_cell(&cell("Cadeia de caracteres")),
            Some(string.clone())
        );
        assert_eq!(
            type_cell(&cell("Coleção de cadeias de caracteres")).map(|t| t.is_collection()),
            Some(true)
        );
        assert_eq!(
            type_cell(&cell("Collection(Edm.String)")),
            Some(coll(string.clone()))
        );
        assert_eq!(type_cell(&cell("[itemBody][]")), Some(named("itembody")));
        // The link target wins over the (translated) link text.
        assert_eq!(
            type_cell(&cell("[conjunto de identidades](identityset.md)")),
            Some(named("identityset"))
        );
        // Collection wording inside the link, around the target's own name.
        assert_eq!(
            type_cell(&cell("[coleção subjectSet](../resources/subjectset.md)")),
            Some(coll(named("subjectSet")))
        );
        assert_eq!(
            type_cell(&cell("[DateTimeOffset](../resources/timestamp.md)")),
            Some(TypeRef::Primitive(Edm::DateTimeOffset))
        );
        // A link into a section names the type that section defines.
        assert_eq!(
            type_cell(&cell("[chatType](../resources/chat.md#chattype-values)")),
            Some(named("chatType"))
        );
        // A qualified name in a namespace spells the page as `namespace-name.md`.
        let review_tag = "microsoft.graph.security.ediscoveryReviewTag";
        assert_eq!(
            type_cell(&cell(&format!(
                "[coleção {review_tag}](../resources/security-ediscoveryreviewtag.md)"
            ))),
            Some(coll(named(review_tag)))
        );
        assert_eq!(
            type_cell(&cell(
                "[Coleção jobParameters](../resources/sync-jobparameters.md)"
            )),
            Some(coll(named("jobParameters")))
        );
    }
}
