//! A page becomes front matter, a section tree keyed by `<a name>` anchors, tables, prose and
//! annotated code blocks. Nothing here knows what a property or an operation is; every item
//! keeps the byte range it came from so later stages can point at it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Inline content, with links and code kept apart from text.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(Str),
    Code(Str),
    Link {
        url: Str,
        children: Vec<Inline>,
    },
    /// Raw inline HTML such as `<span …>`; the locale stage reads the bilingual spans.
    Html(Str),
    Break,
}

/// Text of a page that reads as a `str`: a slice of the page's shared source where the
/// markdown is taken as written, so neither making nor cloning it allocates, or its own copy
/// where the markdown changed it (escapes, entities).
#[derive(Clone)]
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    Shared {
        source: Arc<String>,
        start: u32,
        end: u32,
    },
    Owned(Box<str>),
}

impl Str {
    /// `text` as a slice of `source` when it lies there, else a copy.
    fn within(source: &Arc<String>, text: &str) -> Str {
        let start = (text.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
        let end = start.wrapping_add(text.len());
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(s), Ok(e)) if start <= end && source.get(start..end).is_some() => {
                Str(Repr::Shared {
                    source: source.clone(),
                    start: s,
                    end: e,
                })
            }
            _ => text.into(),
        }
    }

    fn from_cow(source: &Arc<String>, text: CowStr<'_>) -> Str {
        match text {
            CowStr::Borrowed(text) => Str::within(source, text),
            CowStr::Boxed(text) => Str(Repr::Owned(text)),
            CowStr::Inlined(text) => (*text).into(),
        }
    }

    pub fn as_str(&self) -> &str {
        self
    }
}

impl std::ops::Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Shared { source, start, end } => &source[*start as usize..*end as usize],
            Repr::Owned(text) => text,
        }
    }
}

impl From<&str> for Str {
    fn from(text: &str) -> Str {
        Str(Repr::Owned(text.into()))
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        **self == **other
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

/// Inline content as text: code keeps its backticks (phrases like "Possible values are: `a`"
/// read them), links become their text, HTML is dropped and breaks become spaces.
pub fn plain(inlines: &[Inline]) -> String {
    plain_with_links(inlines, &|_| None)
}

/// [`plain`], with the text `stand_in` gives for a link's target in place of the link's own.
pub fn plain_with_links<'s>(
    inlines: &[Inline],
    stand_in: &dyn Fn(&str) -> Option<&'s str>,
) -> String {
    fn len(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text(t) => t.len(),
                Inline::Code(c) => c.len() + 2,
                Inline::Link { children, .. } => len(children),
                Inline::Html(_) | Inline::Break => 1,
            })
            .sum()
    }
    fn walk<'s>(inlines: &[Inline], out: &mut String, stand_in: &dyn Fn(&str) -> Option<&'s str>) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => push_folded(out, t),
                Inline::Code(c) => {
                    out.push('`');
                    out.push_str(c);
                    out.push('`');
                }
                Inline::Link { url, children } => match stand_in(url) {
                    Some(text) => push_folded(out, text),
                    None => walk(children, out, stand_in),
                },
                Inline::Html(h) if h.starts_with("<br") => push_space(out),
                Inline::Html(_) => {}
                Inline::Break => push_space(out),
            }
        }
    }
    let mut out = String::with_capacity(len(inlines));
    walk(inlines, &mut out, stand_in);
    out.truncate(out.trim_end().len());
    out
}

/// Appends `text` with each run of white space folded to one space.
fn push_folded(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // `text[copied..i]` is still to append; a lone space between two words is kept in it.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !MAY_BE_SPACE[bytes[i] as usize]
            || bytes[i] == b' '
                && i > copied
                && !bytes.get(i + 1).is_none_or(|&b| MAY_BE_SPACE[b as usize])
        {
            i += 1;
            continue;
        }
        let space = space_at(text, i);
        if space == 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        push_space(out);
        i += space;
        copied = i;
    }
    out.push_str(&text[copied..]);
}

/// Bytes that are, or may start, a white-space character: ASCII white space and the lead
/// bytes of the non-ASCII ones.
const MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = matches!(i, 0x09..=0x0d | 0x20 | 0xc2 | 0xe1 | 0xe2 | 0xe3);
        i += 1;
    }
    table
};

/// One space, unless the text is empty or already ends with one.
fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// The length of the white-space character at byte `i` of `text`, or 0. Bytes are read
/// without decoding, except lead bytes of the non-ASCII white space.
fn space_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
        0xc2 | 0xe1 | 0xe2 | 0xe3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Every link target, in order, with its text.
pub fn links(inlines: &[Inline]) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for inline in inlines {
        if let Inline::Link { url, children } = inline {
            out.push((plain(children), url.as_str()));
        }
    }
    out
}

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
    pub range: Range<usize>,
    pub section: Option<usize>,
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
    /// Where the front matter failed to read, if it did.
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
    for (event, range) in Parser::new_ext(&source[body_start..], options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        builder.event(event, range);
    }
    doc
}

/// The lines of `text`, each with its `\n`. Front matter is a dozen short lines a page, and
/// memchr finds their ends with less setup per line than `str::split`.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|end| end + 1)
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            let line = &text[start..end];
            start = end;
            (!line.is_empty()).then_some(line)
        })
}

/// Reads `---`-fenced YAML at the top. Returns where the markdown starts.
fn read_front_matter(source: &str, doc: &mut Document) -> usize {
    let source_bom = source.strip_prefix('\u{feff}').unwrap_or(source);
    let skip = source.len() - source_bom.len();
    let Some(first) = source_bom.lines().next() else {
        return 0;
    };
    if first.trim_end() != "---" {
        return 0;
    }
    let yaml_start = skip + first.len() + 1;
    let Some(rest) = source.get(yaml_start..) else {
        return 0;
    };
    let mut offset = yaml_start;
    for line in lines_inclusive(rest) {
        if line.trim_end() == "---" {
            let yaml = &source[yaml_start..offset];
            parse_yaml(yaml, yaml_start, doc);
            return offset + line.len();
        }
        offset += line.len();
    }
    0
}

fn parse_yaml(yaml: &str, offset: usize, doc: &mut Document) {
    if let Some(map) = simple_front_matter(yaml) {
        doc.front_matter = map;
        return;
    }
    match serde_yaml_ng::from_str::<BTreeMap<String, serde_yaml_ng::Value>>(yaml) {
        Ok(map) => {
            for (k, v) in map {
                let v = match v {
                    serde_yaml_ng::Value::String(s) => s,
                    serde_yaml_ng::Value::Number(n) => n.to_string(),
                    serde_yaml_ng::Value::Bool(b) => b.to_string(),
                    _ => continue,
                };
                doc.front_matter.insert(k, v);
            }
        }
        Err(e) => {
            let at = e.location().map_or(offset, |l| offset + l.index());
            doc.front_matter_error = Some((at, e.to_string()));
            // Keep what reads as `key: value`, so one bad line loses one field, not the page.
            for line in yaml.lines() {
                if let Some((k, v)) = line.split_once(':')
                    && !k.starts_with([' ', '\t', '-'])
                {
                    let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                    doc.front_matter.insert(k.trim().to_owned(), v.to_owned());
                }
            }
        }
    }
}

/// Front matter of `key: value` lines with plain or simply quoted scalars, which is nearly
/// all of it, read without a YAML parser: the parser costs more than the rest of a page.
/// Anything else (escapes, flow or block collections, anchors, a `: ` inside a plain value)
/// returns `None` and goes to serde_yaml_ng.
fn simple_front_matter(yaml: &str) -> Option<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for line in lines_inclusive(yaml) {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let colon = memchr::memchr(b':', line.as_bytes())?;
        let (key, value) = (&line[..colon], &line[colon + 1..]);
        if key.is_empty()
            || key.starts_with([' ', '\t', '-', '"', '\'', '?'])
            || !value.is_empty() && !value.starts_with(' ')
        {
            return None;
        }
        let value = value.trim();
        let value = if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\''))
        {
            if inner.replace("''", "").contains('\'') {
                return None;
            }
            inner.replace("''", "'")
        } else if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            if inner.contains(['\\', '"']) {
                return None;
            }
            inner.to_owned()
        } else {
            let special =
                value.starts_with(['[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '\'', '"']);
            let comment_or_map = (value.as_bytes().windows(2)).any(|w| w == b": " || w == b" #");
            if special || comment_or_map || value.ends_with(':') {
                return None;
            }
            // YAML reads an empty value as null, which is no field at all.
            if value.is_empty() || value == "~" || value == "null" {
                continue;
            }
            value.to_owned()
        };
        map.insert(key.trim_end().to_owned(), value);
    }
    Some(map)
}

/// A code block's text as its lines arrive: the span of the source they fill while each
/// follows the last there (a fence at the top level: nothing is copied), else a copy (lines in
/// a quote or a list lose their prefixes).
enum CodeText {
    Source(Range<usize>),
    Copy(String),
}

/// Where inline events currently go.
enum Sink {
    None,
    Heading { level: u8, start: usize },
    Paragraph { start: usize },
    Cell { start: usize },
}

struct Builder<'d> {
    doc: &'d mut Document,
    source: &'d Arc<String>,
    sink: Sink,
    /// Inline content being collected; links push a frame.
    stack: Vec<(Option<Str>, Vec<Inline>)>,
    table: Option<Table>,
    row: Vec<Cell>,
    in_head: bool,
    code: Option<(CodeBlock, CodeText)>,
    html: Option<(String, usize)>,
    /// The annotation seen last, waiting for the block it annotates.
    pending: Option<Annotation>,
    /// The innermost open section at each heading level.
    open: Vec<(u8, usize)>,
}

impl<'d> Builder<'d> {
    fn new(doc: &'d mut Document, source: &'d Arc<String>) -> Self {
        Self {
            doc,
            source,
            sink: Sink::None,
            stack: vec![(None, Vec::new())],
            table: None,
            row: Vec::new(),
            in_head: false,
            code: None,
            html: None,
            pending: None,
            open: Vec::new(),
        }
    }

    fn current_section(&self) -> Option<usize> {
        self.open.last().map(|&(_, i)| i)
    }

    fn str(&self, text: CowStr<'_>) -> Str {
        Str::from_cow(self.source, text)
    }

    /// Inline content outside headings, paragraphs and cells is never read.
    fn collecting(&self) -> bool {
        !matches!(self.sink, Sink::None)
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some((_, frame)) = self.stack.last_mut() {
            frame.push(inline);
        }
    }

    /// The content collected since the last clear, allocated to size; the buffer is kept.
    fn take_inlines(&mut self) -> Vec<Inline> {
        self.stack.truncate(1);
        self.stack[0].1.drain(..).collect()
    }

    fn clear_inlines(&mut self) {
        self.stack.truncate(1);
        self.stack[0].1.clear();
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        // Anything but a code block (or blank HTML) between an annotation and its block
        // detaches the annotation.
        let keeps_pending = matches!(
            &event,
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)
                | Event::End(TagEnd::HtmlBlock)
                | Event::Html(_)
        );
        if !keeps_pending && self.code.is_none() {
            self.pending = None;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if let Some((code, kept)) = &mut self.code {
                    // The line as the source holds it, not a copy with tabs expanded.
                    let as_written = text.len() == range.len()
                        && self.source[range.start..].as_ptr() == text.as_ptr();
                    match kept {
                        CodeText::Source(span) if as_written && span.start == span.end => {
                            code.lines.push((0, range.start));
                            *span = range;
                        }
                        CodeText::Source(span) if as_written && span.end == range.start => {
                            span.end = range.end;
                        }
                        CodeText::Source(span) => {
                            let mut copy = self.source[span.clone()].to_owned();
                            code.lines.push((copy.len(), range.start));
                            copy.push_str(&text);
                            *kept = CodeText::Copy(copy);
                        }
                        CodeText::Copy(copy) => {
                            code.lines.push((copy.len(), range.start));
                            copy.push_str(&text);
                        }
                    }
                } else if self.collecting() {
                    self.push_inline(Inline::Text(self.str(text)));
                }
            }
            Event::Html(html) => match &mut self.html {
                Some((buf, _)) => buf.push_str(&html),
                None => self.html = Some((html.into_string(), range.start)),
            },
            _ if !self.collecting() => {}
            Event::Code(text) => self.push_inline(Inline::Code(self.str(text))),
            Event::InlineHtml(html) => self.push_inline(Inline::Html(self.str(html))),
            Event::SoftBreak | Event::HardBreak => self.push_inline(Inline::Break),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.clear_inlines();
                self.sink = Sink::Heading {
                    level: heading_level(level),
                    start: range.start,
                };
            }
            Tag::Paragraph if matches!(self.sink, Sink::None) => {
                self.clear_inlines();
                self.sink = Sink::Paragraph { start: range.start };
            }
            Tag::Table(_) => {
                self.table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                    range: range.clone(),
                    section: self.current_section(),
                })
            }
            Tag::TableHead => self.in_head = true,
            Tag::TableRow => self.row.clear(),
            Tag::TableCell => {
                self.clear_inlines();
                self.sink = Sink::Cell { start: range.start };
            }
            Tag::Link { dest_url, .. } if self.collecting() => {
                self.stack.push((Some(self.str(dest_url)), Vec::new()))
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                let kept = CodeText::Source(range.start..range.start);
                self.code = Some((
                    CodeBlock {
                        lang,
                        text: "".into(),
                        lines: Vec::new(),
                        range,
                        section: self.current_section(),
                        annotation: self.pending.take(),
                    },
                    kept,
                ));
            }
            Tag::HtmlBlock => self.html = None,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => {
                let Sink::Heading { level, start } = std::mem::replace(&mut self.sink, Sink::None)
                else {
                    return;
                };
                let title = self.take_inlines();
                // `# [HTTP](#tab/http)` headings are tab labels inside examples, not sections.
                if is_tab_label(&title) {
                    return;
                }
                while self.open.last().is_some_and(|&(l, _)| l >= level) {
                    self.open.pop();
                }
                let index = self.doc.sections.len();
                self.doc.sections.push(Section {
                    level,
                    anchor: anchor(&title),
                    title,
                    range: start..range.end,
                    parent: self.current_section(),
                });
                self.open.push((level, index));
            }
            TagEnd::Paragraph => {
                if let Sink::Paragraph { start } = self.sink {
                    self.sink = Sink::None;
                    let inlines = self.take_inlines();
                    if let Some(target) = include_target(&inlines) {
                        let section = self.current_section();
                        self.doc.includes.push(Include {
                            target,
                            range: start..range.end,
                            section,
                        });
                        return;
                    }
                    self.doc.paragraphs.push(Paragraph {
                        inlines,
                        range: start..range.end,
                        section: self.current_section(),
                    });
                }
            }
            TagEnd::TableCell => {
                if let Sink::Cell { start } = self.sink {
                    self.sink = Sink::None;
                    let inlines = self.take_inlines();
                    self.row.push(Cell {
                        inlines,
                        range: start..range.end,
                    });
                }
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let Some(table) = &mut self.table {
                    table.header = std::mem::take(&mut self.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.doc.tables.push(table);
                }
            }
            TagEnd::Link if self.stack.len() > 1 => {
                if let Some((Some(url), children)) = self.stack.pop() {
                    self.push_inline(Inline::Link { url, children });
                }
            }
            TagEnd::CodeBlock => {
                if let Some((mut block, kept)) = self.code.take() {
                    block.text = match kept {
                        CodeText::Source(span) => Str::within(self.source, &self.source[span]),
                        CodeText::Copy(copy) => Str(Repr::Owned(copy.into())),
                    };
                    self.doc.blocks.push(block);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((html, start)) = self.html.take() {
                    self.pending = annotation(&html, start).or(self.pending.take());
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// The path of `[!INCLUDE [name](path)]` (pulldown-cmark splits its text at the brackets).
fn include_target(inlines: &[Inline]) -> Option<String> {
    let link = inlines
        .iter()
        .position(|i| matches!(i, Inline::Link { .. }))?;
    // Only text brings a `!`: without one there is no directive, and nothing to build.
    let bang = |i: &Inline| matches!(i, Inline::Text(t) if t.contains('!'));
    if !inlines[..link].iter().any(bang) {
        return None;
    }
    let before = plain(&inlines[..link]);
    if !before.trim().eq_ignore_ascii_case("[!INCLUDE") {
        return None;
    }
    match &inlines[link] {
        Inline::Link { url, .. } => Some(url.to_string()),
        _ => None,
    }
}

fn is_tab_label(title: &[Inline]) -> bool {
    title
        .iter()
        .any(|i| matches!(i, Inline::Link { url, .. } if url.starts_with("#tab/")))
}

/// The `name` of the first `<a name="…">` in a heading.
fn anchor(title: &[Inline]) -> Option<String> {
    title.iter().find_map(|inline| match inline {
        Inline::Html(html) => attribute(html.strip_prefix("<a ")?, "name"),
        _ => None,
    })
}

/// The value of `name="…"` (or single-quoted) in an HTML tag's attributes.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    // Tags are short: a plain scan beats setting up a substring searcher.
    let find = |rest: &str| {
        (0..=rest.len().saturating_sub(name.len()))
            .find(|&i| rest.as_bytes()[i..].starts_with(name.as_bytes()))
    };
    while let Some(i) = find(rest) {
        let after = rest[i + name.len()..].trim_start();
        let boundary = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
        if let (true, Some(after)) = (boundary, after.strip_prefix('=')) {
            let after = after.trim_start();
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &after[1..];
                return value.find(quote).map(|end| value[..end].to_owned());
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// An HTML block that is a comment holding a JSON object is an annotation.
fn annotation(html: &str, start: usize) -> Option<Annotation> {
    let trimmed = html.trim_start();
    let inner_start = html.len() - trimmed.len() + trimmed.strip_prefix("<!--").map(|_| 4)?;
    let inner = &html[inner_start..];
    let inner = &inner[..inner.find("-->")?];
    inner.trim_start().starts_with('{').then(|| Annotation {
        text: inner.to_owned(),
        offset: start + inner_start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn code_in_a_quote_loses_the_prefixes_and_keeps_its_offsets() {
        let page = "> ```json\n> {\"a\": 1,\n>  \"b\": 2}\n> ```\n\n```json\n{}\n```\n";
        let doc = parse(page);
        let quoted = &doc.blocks[0];
        assert_eq!(quoted.text.as_str(), "{\"a\": 1,\n \"b\": 2}\n");
        let b = quoted.text.find("\"b\"").unwrap();
        assert_eq!(&page[quoted.source_offset(b)..][..3], "\"b\"");
        let plain = &doc.blocks[1];
        assert_eq!(plain.text.as_str(), "{}\n");
        assert_eq!(&page[plain.source_offset(1)..][..2], "}\n");
    }

    #[test]
    fn broken_front_matter_keeps_the_readable_lines() {
        let doc = parse("---\ntitle: a: b: [\ndoc_type: resourcePageType\n---\n# T\n");
        assert!(doc.front_matter_error.is_some());
        assert_eq!(doc.front_matter["doc_type"], "resourcePageType");
        assert_eq!(doc.sections.len(), 1);
    }

    #[test]
    fn simple_front_matter_reads_as_yaml_would() {
        let yaml = "title: 'participante: invite'\ndescription: Convide participantes.\nms.locfileid: \"50177218\"\nkeywords:\nit: 'it''s'\n";
        let simple = simple_front_matter(yaml).unwrap();
        let mut doc = Document::default();
        // The YAML parser, forced by a line the fast path leaves to it.
        parse_yaml(&format!("{yaml}list: [a]\n"), 0, &mut doc);
        assert_eq!(simple, doc.front_matter);
        assert_eq!(simple["title"], "participante: invite");
        assert_eq!(simple["it"], "it's");
        assert!(simple_front_matter("title: a: b\n").is_none());
        assert!(simple_front_matter("title: \"a\\tb\"\n").is_none());
    }

    #[test]
    fn plain_folds_every_white_space() {
        let text = |t: &str| Inline::Text(t.into());
        let inlines = [
            text(" a \u{a0}\u{2003}\u{3000}b\t\n"),
            Inline::Break,
            text("©€\u{85}\u{1680}ü  "),
            Inline::Code("c  d".into()),
            text("\u{202f}"),
        ];
        assert_eq!(plain(&inlines), "a b ©€ ü `c  d`");
        assert_eq!(plain(&[text("  ")]), "");
        assert_eq!(
            plain(&[text("one two  three\u{a0}four é ü "), text(" x")]),
            "one two three four é ü x"
        );
    }

    #[test]
    fn text_points_into_the_source() {
        let doc = parse("a &amp; *b*\n\n| `x` |\n|---|\n| y\\|z |\n");
        let texts: Vec<&str> = doc.paragraphs[0]
            .inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a ", "&", " ", "b"]);
        assert!(matches!(&doc.tables[0].header[0].inlines[0], Inline::Code(c) if c == "x"));
        assert_eq!(plain(&doc.tables[0].rows[0][0].inlines), "y|z");
    }

    #[test]
    fn line_index_counts_characters() {
        let src = "ab\nçd\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 0), (1, 1));
        assert_eq!(idx.position(src, 5), (2, 2));
    }
}
