//! The event builder: pulldown-cmark's events become sections, tables, prose and code blocks.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::inline::{Inline, Repr, Str, plain};
use super::{Annotation, Cell, CodeBlock, Document, Include, Paragraph, RowFit, Section, Table};

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

pub(super) struct Builder<'d> {
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
    pub(super) fn new(doc: &'d mut Document, source: &'d Arc<String>) -> Self {
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

    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>) {
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
                    fits: Vec::new(),
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
                let unclosed = matches!(kind, CodeBlockKind::Fenced(_))
                    && range.end >= self.source.trim_end().len()
                    && !fence_closed(&self.source[range.clone()]);
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
                        unclosed,
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
                    // A padded cell has no text of its own: an empty range.
                    let missing = self.row.iter().filter(|c| c.range.is_empty()).count();
                    let last = self.row.iter().rev().find(|c| !c.range.is_empty());
                    let rest = last.map_or("", |c| &self.source[c.range.end..range.end]);
                    let rest = rest.trim().trim_matches('|').trim();
                    let beyond = (!rest.is_empty()).then(|| rest.to_owned());
                    table.fits.push(RowFit { missing, beyond });
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

/// Whether a fenced block's text (its fences included) ends with a line that closes its
/// opening fence: the same character, as many times or more, and nothing else.
fn fence_closed(block: &str) -> bool {
    fn unquote(line: &str) -> &str {
        line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
    }
    let mut lines = block.lines();
    let open = lines.next().map(unquote).unwrap_or_default();
    let Some(fence) = open.chars().next() else {
        return false;
    };
    let length = open.chars().take_while(|c| *c == fence).count();
    lines.last().map(unquote).is_some_and(|close| {
        let close = close.trim_end();
        close.len() >= length && close.chars().all(|c| c == fence)
    })
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
    use crate::markdown::parse;

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
}
