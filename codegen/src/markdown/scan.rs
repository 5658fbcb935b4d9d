//! A reader for the markdown these pages are written in, several times faster than a general
//! CommonMark parser: one pass over the lines, and one over each paragraph's or cell's text.
//!
//! It gives the events pulldown-cmark gives for the same page, as far as the document builder
//! reads them, and stops with [`Unsupported`] at the first construct it does not read exactly as
//! pulldown-cmark does: setext headings, indented code, reference definitions, strikethrough,
//! tabs in indentation, unknown entities, inline constructs that span lines. The caller then
//! reads the page with pulldown-cmark. A corpus test holds the two readings equal.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

/// What made the page fall back to pulldown-cmark.
#[derive(Debug)]
pub struct Unsupported(pub &'static str);

type Result<T> = std::result::Result<T, Unsupported>;

fn unsupported<T>(what: &'static str) -> Result<T> {
    Err(Unsupported(what))
}

/// Gives `sink` the events of `src[start..]`, in order, as pulldown-cmark gives them with
/// tables and strikethrough enabled. Only the ranges the builder reads are set: list, quote
/// and rule events carry empty ones, and tables and code blocks have their whole range only
/// at their end.
pub fn read<'a>(
    src: &'a str,
    start: usize,
    sink: impl FnMut(Event<'a>, Range<usize>),
) -> Result<()> {
    let body = &src.as_bytes()[start..];
    if memchr::memchr3(b'\r', b'\0', b'\x0b', body).is_some() {
        return unsupported("carriage return or control character");
    }
    if src[start..].starts_with('\u{feff}') {
        return unsupported("byte order mark");
    }
    let mut scanner = Scanner {
        src,
        stack: Vec::new(),
        lists: Vec::new(),
        leaf: Leaf::None,
        sink,
        deferred: Vec::new(),
        open_lists: 0,
        // A page that may define link references has its inline content read at the end,
        // once every definition is known.
        defer_all: memchr::memmem::find(body, b"]:").is_some(),
        defs: BTreeMap::new(),
        inline: Inlines::default(),
        para: Vec::new(),
        cells: Vec::new(),
    };
    let mut ls = start;
    while ls < src.len() {
        let le = memchr::memchr(b'\n', &src.as_bytes()[ls..]).map_or(src.len(), |i| ls + i);
        let next = (le + 1).min(src.len());
        scanner.line(ls, le, next)?;
        ls = next;
    }
    scanner.close_to(0)?;
    scanner.close_leaf()?;
    scanner.flush()
}

#[derive(Clone, Copy)]
enum Container {
    Quote,
    List(u32),
    /// An item's content column, and whether a blank line came since its last child began.
    Item {
        list: u32,
        content: usize,
        blank: bool,
    },
}

struct List {
    /// The bullet (`-`, `+`, `*`) or the ordered delimiter (`.`, `)`).
    marker: u8,
    tight: bool,
    /// The item just closed ended with a blank line.
    blank_before_next: bool,
}

enum Leaf {
    None,
    /// Its lines are the scanner's `para`.
    Para {
        /// The end of the last line, with its newline.
        end: usize,
        /// Whether the last line came lazily (without all the container markers).
        lazy: bool,
        owner: Option<u32>,
    },
    Fence {
        ch: u8,
        len: usize,
        indent: usize,
        start: usize,
        end: usize,
        /// Content lines not given yet: lines that follow each other in the source are one
        /// text, as pulldown-cmark gives them.
        text: Option<Range<usize>>,
    },
    Html {
        /// Types 6 and 7 end at a blank line; a comment ends at the line holding `-->`.
        ends_at_blank: bool,
    },
    Table {
        columns: usize,
        start: usize,
        end: usize,
    },
}

type Owned<'a> = (Event<'a>, Range<usize>, Option<u32>);

/// Output held back: an event, or inline content still to read.
enum Pending<'a> {
    Event(Owned<'a>),
    Inlines(Vec<(usize, usize)>, bool),
}

struct Scanner<'a, F> {
    src: &'a str,
    stack: Vec<Container>,
    lists: Vec<List>,
    leaf: Leaf,
    sink: F,
    /// Events inside lists, held until the outermost list ends: only then is it known
    /// whether a list is tight, and a tight list's paragraphs are not paragraphs.
    deferred: Vec<Pending<'a>>,
    open_lists: usize,
    defer_all: bool,
    /// Link reference definitions, by normalized label.
    defs: BTreeMap<String, CowStr<'a>>,
    inline: Inlines<'a>,
    /// The open paragraph's lines: each line's text, without indentation and trailing
    /// spaces. Kept from paragraph to paragraph, as `cells` is from row to row.
    para: Vec<(usize, usize)>,
    cells: Vec<Range<usize>>,
}

impl<'a, F: FnMut(Event<'a>, Range<usize>)> Scanner<'a, F> {
    fn byte(&self, i: usize) -> u8 {
        self.src.as_bytes().get(i).copied().unwrap_or(b'\n')
    }

    /// The first position from `p` that is not a space; a tab there is not read.
    fn skip_spaces(&self, mut p: usize, le: usize) -> Result<usize> {
        while p < le && self.byte(p) == b' ' {
            p += 1;
        }
        if p < le && self.byte(p) == b'\t' {
            return unsupported("tab in indentation");
        }
        Ok(p)
    }

    fn push(&mut self, event: Event<'a>, range: Range<usize>) {
        self.emit((event, range, None));
    }

    /// An event, with the list whose item holds it directly when it is a paragraph's.
    fn emit(&mut self, owned: Owned<'a>) {
        match self.open_lists {
            0 if !self.defer_all => (self.sink)(owned.0, owned.1),
            _ => self.deferred.push(Pending::Event(owned)),
        }
    }

    /// Gives what was held back, but for the paragraphs of tight lists.
    fn flush(&mut self) -> Result<()> {
        let mut deferred = std::mem::take(&mut self.deferred);
        for pending in deferred.drain(..) {
            match pending {
                Pending::Event((event, range, owner)) => {
                    if owner.is_none_or(|l| !self.lists[l as usize].tight) {
                        (self.sink)(event, range);
                    }
                }
                Pending::Inlines(lines, cell) => {
                    let mut inline = std::mem::take(&mut self.inline);
                    inline.read(self.src, &lines, cell, &self.defs)?;
                    inline.emit(self.src, |(event, range, _)| (self.sink)(event, range));
                    self.inline = inline;
                }
            }
        }
        self.deferred = deferred;
        Ok(())
    }

    fn line(&mut self, ls: usize, le: usize, next: usize) -> Result<()> {
        // Tabs are read only where they stand in these pages: in table rows and code. A
        // paragraph that holds one is left to pulldown-cmark when it closes.
        let line = &self.src.as_bytes()[ls..le];
        let tabs = memchr::memchr(b'\t', line).is_some();
        if tabs
            && line
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'*' | b'-' | b'_'))
        {
            return unsupported("tab in a blank line or a rule");
        }
        let (matched, pos, quoted) = self.match_containers(ls, le)?;
        let all = matched == self.stack.len();
        // Leaves that take whole lines.
        match self.leaf {
            Leaf::Fence {
                ch, len, indent, ..
            } if all => {
                let p = self.skip_spaces(pos, le)?;
                let run = self.run(p, ch);
                if tabs && run >= len {
                    return unsupported("tab after a closing fence");
                }
                if p - pos < 4 && run >= len && self.blank(p + run, le) {
                    if let Leaf::Fence { end, .. } = &mut self.leaf {
                        *end = le;
                    }
                    return self.close_leaf();
                }
                let from = (pos + indent).min(p).min(le);
                let given = match &mut self.leaf {
                    Leaf::Fence { end, text, .. } => {
                        *end = next;
                        match text {
                            Some(t) if t.end == from => {
                                t.end = next;
                                None
                            }
                            _ => text.replace(from..next),
                        }
                    }
                    _ => None,
                };
                if let Some(t) = given {
                    self.push(Event::Text(CowStr::Borrowed(&self.src[t.clone()])), t);
                }
                return Ok(());
            }
            Leaf::Html { ends_at_blank } if all => {
                if ends_at_blank && self.blank(pos, le) {
                    self.close_leaf()?;
                } else {
                    self.push(
                        Event::Html(CowStr::Borrowed(&self.src[pos..next])),
                        pos..next,
                    );
                    if !ends_at_blank && self.src[pos..le].contains("-->") {
                        self.close_leaf()?;
                    }
                    return Ok(());
                }
            }
            _ => {}
        }
        let (mut matched, mut pos, mut quoted) = (matched, pos, quoted);
        loop {
            let para_open = matches!(self.leaf, Leaf::Para { .. });
            let p = self.skip_spaces(pos, le)?;
            if p == le {
                return self.blank_line(matched, quoted);
            }
            if p - pos >= 4 {
                if para_open || matches!(self.leaf, Leaf::Table { .. }) && all {
                    break;
                }
                return unsupported("indented code");
            }
            let c = self.byte(p);
            if tabs && matches!(c, b'#' | b'`' | b'~' | b'<') {
                return unsupported("tab in a heading, fence or HTML block");
            }
            if c == b'>' {
                quoted = true;
                self.open(matched, Container::Quote)?;
                matched = self.stack.len();
                pos = p + 1;
                if self.byte(pos) == b' ' {
                    pos += 1;
                }
                continue;
            }
            if para_open && (c == b'=' || c == b'-') && self.blank(p + self.run(p, c), le) {
                return unsupported("setext heading");
            }
            if self.thematic_break(p, le) {
                self.close_to(matched)?;
                self.close_leaf()?;
                self.start_child();
                self.push(Event::Rule, p..p);
                return Ok(());
            }
            if let Some((marker, first, content)) = self.item_start(p, le)? {
                let interrupts = !para_open || marker == b'-' || marker == b'+' || first;
                if !para_open || interrupts {
                    self.close_to(matched)?;
                    self.close_leaf()?;
                    let same = matches!(self.stack.last(), Some(Container::List(l)) if self.lists[*l as usize].marker == marker);
                    let list = if same {
                        let Some(&Container::List(l)) = self.stack.last() else {
                            unreachable!()
                        };
                        let list = &mut self.lists[l as usize];
                        if list.blank_before_next {
                            list.tight = false;
                        }
                        l
                    } else {
                        let l = self.lists.len() as u32;
                        self.lists.push(List {
                            marker,
                            tight: true,
                            blank_before_next: false,
                        });
                        self.open(self.stack.len(), Container::List(l))?;
                        l
                    };
                    self.open(
                        self.stack.len(),
                        Container::Item {
                            list,
                            content: content - ls,
                            blank: false,
                        },
                    )?;
                    matched = self.stack.len();
                    pos = content;
                    continue;
                }
            }
            if c == b'#' {
                let level = self.run(p, b'#');
                if level <= 6 && matches!(self.byte(p + level), b' ' | b'\n') {
                    self.close_to(matched)?;
                    self.close_leaf()?;
                    self.start_child();
                    return self.heading(p, level, le, next);
                }
            }
            if c == b'`' || c == b'~' {
                let len = self.run(p, c);
                let info = self.src[p + len..le].trim_matches(' ');
                if len >= 3 && !(c == b'`' && info.contains('`')) {
                    if info.contains(['\\', '&']) {
                        return unsupported("escape in an info string");
                    }
                    self.close_to(matched)?;
                    self.close_leaf()?;
                    self.start_child();
                    self.push(
                        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::Borrowed(
                            info,
                        )))),
                        p..next,
                    );
                    self.leaf = Leaf::Fence {
                        ch: c,
                        len,
                        indent: p - pos,
                        start: p,
                        end: next,
                        text: None,
                    };
                    return Ok(());
                }
            }
            if c == b'<'
                && let Some(ends_at_blank) = self.html_start(p, le, para_open)?
            {
                self.close_to(matched)?;
                self.close_leaf()?;
                self.start_child();
                self.push(Event::Start(Tag::HtmlBlock), p..p);
                if p > pos {
                    self.push(Event::Text(CowStr::Borrowed(&self.src[pos..p])), p..p);
                }
                self.push(Event::Html(CowStr::Borrowed(&self.src[p..next])), p..next);
                self.leaf = Leaf::Html { ends_at_blank };
                if !ends_at_blank && self.src[p + 4..le].contains("-->") {
                    self.close_leaf()?;
                }
                return Ok(());
            }
            break;
        }
        let p = self.skip_spaces(pos, le)?;
        let text_end = self.src[p..le].trim_end_matches([' ', '\t']).len() + p;
        let all = matched == self.stack.len();
        match &mut self.leaf {
            Leaf::Para { lazy, .. } if all && self.src[p..le].contains('|') => {
                let &(hs, he) = self.para.last().expect("a paragraph has a line");
                let lazy = *lazy;
                match delimiter_row(&self.src[p..le]) {
                    Some(columns)
                        if !lazy && cells(self.src, hs, he, &mut self.cells)? == columns =>
                    {
                        return self.table(hs, he, columns, next);
                    }
                    _ => self.continue_para(p, text_end, next, !all),
                }
            }
            Leaf::Para { .. } => self.continue_para(p, text_end, next, !all),
            Leaf::Table { .. } if all && &self.src[p..text_end] == "|" => {
                return unsupported("a lone pipe after a table");
            }
            Leaf::Table { .. } if all => self.row(p, le, next)?,
            _ => {
                self.close_to(matched)?;
                self.close_leaf()?;
                self.start_child();
                let owner = match self.stack.last() {
                    Some(Container::Item { list, .. }) => Some(*list),
                    _ => None,
                };
                self.para.clear();
                self.para.push((p, text_end));
                self.leaf = Leaf::Para {
                    end: next,
                    lazy: false,
                    owner,
                };
            }
        }
        Ok(())
    }

    fn blank_line(&mut self, matched: usize, quoted: bool) -> Result<()> {
        self.close_to(matched)?;
        self.close_leaf()?;
        // A blank line inside a quote separates nothing in the items around the quote.
        let innermost_quote = match quoted {
            true => self
                .stack
                .iter()
                .rposition(|c| matches!(c, Container::Quote)),
            false => None,
        };
        for c in &mut self.stack[innermost_quote.map_or(0, |q| q + 1)..] {
            if let Container::Item { blank, .. } = c {
                *blank = true;
            }
        }
        Ok(())
    }

    fn continue_para(&mut self, p: usize, text_end: usize, next: usize, is_lazy: bool) {
        if let Leaf::Para { end, lazy, .. } = &mut self.leaf {
            self.para.push((p, text_end));
            *end = next;
            *lazy = is_lazy;
        }
    }

    /// How many open containers the line continues, where its content starts, and whether
    /// it went through a quote marker.
    fn match_containers(&mut self, ls: usize, le: usize) -> Result<(usize, usize, bool)> {
        let mut pos = ls;
        let mut quoted = false;
        let mut i = 0;
        while i < self.stack.len() {
            match self.stack[i] {
                Container::Quote => {
                    let p = self.skip_spaces(pos, le)?;
                    if p - pos > 3 || self.byte(p) != b'>' {
                        break;
                    }
                    quoted = true;
                    pos = p + 1;
                    if self.byte(pos) == b' ' {
                        pos += 1;
                    }
                }
                Container::List(l) => {
                    let Some(&Container::Item { content, .. }) = self.stack.get(i + 1) else {
                        break;
                    };
                    let p = self.skip_spaces(pos, le)?;
                    if p == le || p - ls >= content {
                        i += 1;
                        continue;
                    }
                    // A new item of this list continues the list, not the item.
                    let marker = self.lists[l as usize].marker;
                    if p - pos < 4
                        && !self.thematic_break(p, le)
                        && self.item_start(p, le)?.is_some_and(|(m, ..)| m == marker)
                    {
                        i += 1;
                    }
                    break;
                }
                Container::Item { content, .. } => {
                    let p = self.skip_spaces(pos, le)?;
                    if p == le {
                        pos = (ls + content).min(le).max(pos);
                    } else if p - ls >= content {
                        pos = ls + content;
                    } else {
                        break;
                    }
                }
            }
            i += 1;
        }
        Ok((i, pos, quoted))
    }

    fn blank(&self, from: usize, to: usize) -> bool {
        self.src.as_bytes()[from.min(to)..to]
            .iter()
            .all(|&b| b == b' ')
    }

    fn run(&self, p: usize, ch: u8) -> usize {
        self.src.as_bytes()[p..]
            .iter()
            .take_while(|&&b| b == ch)
            .count()
    }

    fn thematic_break(&self, p: usize, le: usize) -> bool {
        let line = &self.src.as_bytes()[p..le];
        let Some(&ch) = line.first() else {
            return false;
        };
        matches!(ch, b'*' | b'-' | b'_')
            && line.iter().all(|&b| b == ch || b == b' ')
            && line.iter().filter(|&&b| b == ch).count() >= 3
    }

    /// A list item marker at `p`: the marker kind, whether it may interrupt a paragraph as
    /// an ordered item (it is `1`), and where the item's content starts.
    fn item_start(&self, p: usize, le: usize) -> Result<Option<(u8, bool, usize)>> {
        let bytes = self.src.as_bytes();
        let (marker, first, after) = match bytes[p..le].first() {
            Some(&b @ (b'-' | b'+' | b'*')) => (b, true, p + 1),
            Some(b'0'..=b'9') => {
                let digits = bytes[p..le]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                match bytes.get(p + digits) {
                    Some(&d @ (b'.' | b')')) if digits <= 9 => {
                        (d, &self.src[p..p + digits] == "1", p + digits + 1)
                    }
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        };
        match self.byte(after) {
            b' ' => {}
            b'\n' if after >= le => return unsupported("empty list item"),
            b'\t' => return unsupported("tab after a list marker"),
            _ => return Ok(None),
        }
        let content = self.skip_spaces(after, le)?;
        if content == le {
            return unsupported("empty list item");
        }
        if content - after > 4 {
            return unsupported("indented code in a list item");
        }
        Ok(Some((marker, first, content)))
    }

    /// Whether an HTML block starts at `p`, and if so whether it ends at a blank line.
    fn html_start(&self, p: usize, le: usize, para_open: bool) -> Result<Option<bool>> {
        let rest = &self.src[p..le];
        if rest.starts_with("<!--") {
            return Ok(Some(false));
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            return unsupported("HTML declaration or instruction");
        }
        let name_start = if rest.starts_with("</") { 2 } else { 1 };
        let name_len = rest[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
            return Ok(None);
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let after = &rest[name_start + name_len..];
        if ["script", "pre", "style", "textarea"].contains(&name.as_str()) {
            return unsupported("raw HTML block");
        }
        let ends_name =
            after.is_empty() || after.starts_with([' ', '>']) || after.starts_with("/>");
        if ends_name && BLOCK_TAGS.binary_search(&name.as_str()).is_ok() {
            return Ok(Some(true));
        }
        // Any other complete tag alone on its line, except where it would interrupt a
        // paragraph.
        match html_tag(rest.as_bytes(), 0)? {
            Some(end) if !para_open && rest[end..].bytes().all(|b| b == b' ') => Ok(Some(true)),
            _ => Ok(None),
        }
    }

    fn heading(&mut self, p: usize, level: usize, le: usize, next: usize) -> Result<()> {
        let mut text = self.src[p + level..le].trim_matches(' ');
        let closing = text.trim_end_matches('#');
        if closing.is_empty() || closing.ends_with(' ') {
            text = closing.trim_end_matches(' ');
        }
        let start = if text.is_empty() {
            le
        } else {
            text.as_ptr() as usize - self.src.as_ptr() as usize
        };
        let level = match level {
            1 => HeadingLevel::H1,
            2 => HeadingLevel::H2,
            3 => HeadingLevel::H3,
            4 => HeadingLevel::H4,
            5 => HeadingLevel::H5,
            _ => HeadingLevel::H6,
        };
        let tag = Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        };
        self.push(Event::Start(tag), p..next);
        self.inlines(&[(start, start + text.len())], false)?;
        self.push(Event::End(TagEnd::Heading(level)), p..next);
        Ok(())
    }

    /// The paragraph's last line `hs..he` becomes a table's header; its delimiter row is the
    /// current line.
    fn table(&mut self, hs: usize, he: usize, columns: usize, next: usize) -> Result<()> {
        let header_le =
            memchr::memchr(b'\n', &self.src.as_bytes()[he..]).map_or(self.src.len(), |i| he + i);
        let header_next = (header_le + 1).min(self.src.len());
        if let Leaf::Para { end, .. } = &mut self.leaf {
            self.para.pop();
            if self.para.is_empty() {
                self.leaf = Leaf::None;
            } else {
                // The paragraph before the header ends where the header's line starts.
                *end = self.src[..hs].rfind('\n').map_or(hs, |i| i + 1);
                self.close_leaf()?;
            }
        }
        self.push(Event::Start(Tag::Table(Vec::new())), hs..next);
        self.push(Event::Start(Tag::TableHead), hs..header_next);
        self.cells(hs, header_le, header_next, columns)?;
        self.push(Event::End(TagEnd::TableHead), hs..header_next);
        self.leaf = Leaf::Table {
            columns,
            start: hs,
            end: next,
        };
        Ok(())
    }

    fn row(&mut self, p: usize, le: usize, next: usize) -> Result<()> {
        let Leaf::Table { columns, .. } = self.leaf else {
            return Ok(());
        };
        self.push(Event::Start(Tag::TableRow), p..next);
        self.cells(p, le, next, columns)?;
        self.push(Event::End(TagEnd::TableRow), p..next);
        if let Leaf::Table { end, .. } = &mut self.leaf {
            *end = next;
        }
        Ok(())
    }

    /// The cells of the row `p..le`, as many as the table has columns.
    fn cells(&mut self, p: usize, le: usize, next: usize, columns: usize) -> Result<()> {
        let found = cells(self.src, p, le, &mut self.cells)?;
        for i in 0..columns {
            let range = match i < found {
                true => self.cells[i].clone(),
                false => next..next,
            };
            self.push(Event::Start(Tag::TableCell), range.clone());
            let text = self.src[range.clone()].trim_matches([' ', '\t']);
            let start = text.as_ptr() as usize - self.src.as_ptr() as usize;
            self.inlines(&[(start, start + text.len())], true)?;
            self.push(Event::End(TagEnd::TableCell), range);
        }
        Ok(())
    }

    /// Opens a container once the first `matched` ones are all that stay open.
    fn open(&mut self, matched: usize, container: Container) -> Result<()> {
        self.close_to(matched)?;
        self.close_leaf()?;
        self.start_child();
        let start = match container {
            Container::Quote => Tag::BlockQuote(None),
            Container::List(_) => Tag::List(None),
            Container::Item { .. } => Tag::Item,
        };
        if let Container::List(_) = container {
            self.open_lists += 1;
        }
        self.push(Event::Start(start), 0..0);
        self.stack.push(container);
        Ok(())
    }

    /// A block begins in the innermost container: a blank line before it, in an item, makes
    /// the item's list loose; blank lines before it in outer items were inside this block's
    /// ancestors, and no longer separate their children.
    fn start_child(&mut self) {
        let last = self.stack.len().wrapping_sub(1);
        for (i, c) in self.stack.iter_mut().enumerate() {
            if let Container::Item { list, blank, .. } = c {
                if *blank && i == last {
                    self.lists[*list as usize].tight = false;
                }
                *blank = false;
            }
        }
    }

    /// Closes every container past the first `keep`, and its leaf.
    fn close_to(&mut self, keep: usize) -> Result<()> {
        while self.stack.len() > keep {
            self.close_leaf()?;
            let end = match self.stack.pop().expect("checked") {
                Container::Quote => TagEnd::BlockQuote(None),
                Container::List(_) => TagEnd::List(false),
                Container::Item { list, blank, .. } => {
                    self.lists[list as usize].blank_before_next = blank;
                    TagEnd::Item
                }
            };
            self.push(Event::End(end), 0..0);
            if let TagEnd::List(_) = end {
                self.open_lists -= 1;
                if self.open_lists == 0 && !self.defer_all {
                    self.flush()?;
                }
            }
        }
        Ok(())
    }

    fn close_leaf(&mut self) -> Result<()> {
        match std::mem::replace(&mut self.leaf, Leaf::None) {
            Leaf::None => {}
            Leaf::Para { end, owner, .. } => {
                let mut lines = std::mem::take(&mut self.para);
                // Definitions open a paragraph; what follows them is its text.
                if self.defer_all {
                    let defined = lines
                        .iter()
                        .map_while(|&(s, e)| definition(&self.src[s..e]).transpose())
                        .collect::<Result<Vec<_>>>()?;
                    lines.drain(..defined.len());
                    for (label, dest) in defined {
                        self.defs.entry(label).or_insert(dest);
                    }
                    if lines.is_empty() {
                        self.para = lines;
                        return Ok(());
                    }
                }
                let bytes = self.src.as_bytes();
                if lines
                    .iter()
                    .any(|&(s, e)| memchr::memchr(b'\t', &bytes[s..e]).is_some())
                {
                    return unsupported("tab in a paragraph");
                }
                let start = lines[0].0;
                self.emit((Event::Start(Tag::Paragraph), start..end, owner));
                self.inlines(&lines, false)?;
                self.emit((Event::End(TagEnd::Paragraph), start..end, owner));
                self.para = lines;
            }
            Leaf::Fence {
                start, end, text, ..
            } => {
                if let Some(t) = text {
                    self.push(Event::Text(CowStr::Borrowed(&self.src[t.clone()])), t);
                }
                self.push(Event::End(TagEnd::CodeBlock), start..end);
            }
            Leaf::Html { .. } => self.push(Event::End(TagEnd::HtmlBlock), 0..0),
            Leaf::Table { start, end, .. } => self.push(Event::End(TagEnd::Table), start..end),
        }
        Ok(())
    }

    /// Reads the inline content of `lines` into events.
    fn inlines(&mut self, lines: &[(usize, usize)], cell: bool) -> Result<()> {
        if self.defer_all {
            self.deferred.push(Pending::Inlines(lines.to_vec(), cell));
            return Ok(());
        }
        let mut inline = std::mem::take(&mut self.inline);
        inline.read(self.src, lines, cell, &self.defs)?;
        inline.emit(self.src, |event| self.emit(event));
        self.inline = inline;
        Ok(())
    }
}

/// Tag names that start an HTML block of CommonMark's sixth kind, sorted.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The number of cells of a delimiter row (`| --- | :-: |`), or `None`.
fn delimiter_row(line: &str) -> Option<usize> {
    let line = line.trim_matches(' ');
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut n = 0;
    for cell in line.split('|') {
        let cell = cell.trim_matches(' ');
        let cell = cell.strip_prefix(':').unwrap_or(cell);
        let cell = cell.strip_suffix(':').unwrap_or(cell);
        if cell.is_empty() || !cell.bytes().all(|b| b == b'-') {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The cells of the row `p..le` as pulldown-cmark ranges them, into `out`: between the
/// pipes, spaces included, the first from the row's start and the last to its end. Returns
/// how many there are.
fn cells(src: &str, p: usize, le: usize, out: &mut Vec<Range<usize>>) -> Result<usize> {
    let row = &src.as_bytes()[p..le];
    if memchr::memmem::find(row, b"\\\\").is_some() {
        return unsupported("escaped backslash in a table row");
    }
    let mut start = p + usize::from(row.first() == Some(&b'|'));
    let end = p + src[p..le].trim_end_matches([' ', '\t']).len();
    out.clear();
    let mut i = start;
    while let Some(at) = memchr::memchr2(b'\\', b'|', &src.as_bytes()[i.min(end)..end]) {
        i += at;
        if src.as_bytes()[i] == b'\\' {
            i += 2;
            continue;
        }
        out.push(start..i);
        start = i + 1;
        i += 1;
    }
    if start < end || out.is_empty() {
        out.push(start..le);
    }
    Ok(out.len())
}

/// The end of the HTML tag or comment at `at`, if one is there: `Err` where it may go on
/// past the line.
fn html_tag(s: &[u8], at: usize) -> Result<Option<usize>> {
    let get = |i: usize| s.get(i).copied();
    let mut i = at + 1;
    if s[i..].starts_with(b"!--") {
        return match memchr::memmem::find(&s[i + 3..], b"-->") {
            Some(end) => Ok(Some(i + 3 + end + 3)),
            None => unsupported("HTML comment across lines"),
        };
    }
    let closing = get(i) == Some(b'/');
    if closing {
        i += 1;
    }
    if !get(i).is_some_and(|b| b.is_ascii_alphabetic()) {
        return match get(i) {
            Some(b'!' | b'?') => unsupported("HTML declaration or instruction"),
            _ => Ok(None),
        };
    }
    while get(i).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-') {
        i += 1;
    }
    let spaces = |i: &mut usize| {
        let from = *i;
        while get(*i) == Some(b' ') {
            *i += 1;
        }
        *i > from
    };
    if closing {
        spaces(&mut i);
        return match get(i) {
            Some(b'>') => Ok(Some(i + 1)),
            None => unsupported("HTML tag across lines"),
            _ => Ok(None),
        };
    }
    loop {
        let spaced = spaces(&mut i);
        match get(i) {
            None => return unsupported("HTML tag across lines"),
            Some(b'>') => return Ok(Some(i + 1)),
            Some(b'/') => {
                return Ok((get(i + 1) == Some(b'>')).then_some(i + 2));
            }
            Some(b) if spaced && (b.is_ascii_alphabetic() || b == b'_' || b == b':') => {
                while get(i).is_some_and(|b| b.is_ascii_alphanumeric() || b"_.:-".contains(&b)) {
                    i += 1;
                }
                let mut j = i;
                spaces(&mut j);
                if get(j) == Some(b'=') {
                    j += 1;
                    spaces(&mut j);
                    match get(j) {
                        None => return unsupported("HTML tag across lines"),
                        Some(q @ (b'"' | b'\'')) => match memchr::memchr(q, &s[j + 1..]) {
                            Some(end) => i = j + 1 + end + 1,
                            None => return unsupported("HTML attribute across lines"),
                        },
                        Some(_) => {
                            let from = j;
                            while get(j).is_some_and(|b| !b" \"'=<>`".contains(&b)) {
                                j += 1;
                            }
                            if j == from {
                                return Ok(None);
                            }
                            i = j;
                        }
                    }
                }
            }
            Some(_) => return Ok(None),
        }
    }
}

/// One piece of inline content while a paragraph, heading or cell is read.
enum Node<'a> {
    Text(usize, usize),
    Str(CowStr<'a>),
    Code(CowStr<'a>),
    Html(usize, usize),
    Break,
    /// A run of `*` or `_`, by its index in the delimiter list.
    Delim(usize),
    /// `[` or `![` that has not (yet) become a link: its text.
    Bracket(usize, usize),
    LinkStart(CowStr<'a>),
    LinkEnd,
    /// An image's brackets: the builder reads only the alt text between them.
    Skip,
}

#[derive(Clone, Copy)]
struct Delim {
    ch: u8,
    at: usize,
    count: usize,
    orig: usize,
    open: bool,
    close: bool,
    removed: bool,
}

struct Bracket {
    node: usize,
    image: bool,
    active: bool,
    bottom: usize,
}

#[derive(Default)]
struct Inlines<'a> {
    nodes: Vec<Node<'a>>,
    delims: Vec<Delim>,
    brackets: Vec<Bracket>,
}

/// Bytes that may start inline markup.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\\`*_[]!<&~";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

impl<'a> Inlines<'a> {
    fn read(
        &mut self,
        src: &'a str,
        lines: &[(usize, usize)],
        cell: bool,
        defs: &BTreeMap<String, CowStr<'a>>,
    ) -> Result<()> {
        self.nodes.clear();
        self.delims.clear();
        self.brackets.clear();
        let bytes = src.as_bytes();
        for (n, &(s, e)) in lines.iter().enumerate() {
            let last = n + 1 == lines.len();
            let later = &lines[n + 1..];
            let mut text = s;
            let mut i = s;
            while i < e {
                match bytes[i..e].iter().position(|&b| SPECIAL[b as usize]) {
                    Some(skip) => i += skip,
                    None => break,
                }
                let b = bytes[i];
                match b {
                    b'\\' => {
                        if i + 1 < e && bytes[i + 1].is_ascii_punctuation() {
                            flush(&mut self.nodes, text, i);
                            self.nodes.push(Node::Text(i + 1, i + 2));
                            i += 2;
                            text = i;
                        } else if i + 1 == e && !last {
                            flush(&mut self.nodes, text, i);
                            i += 1;
                            text = i;
                        } else {
                            i += 1;
                        }
                    }
                    b'`' => {
                        let n = bytes[i..e].iter().take_while(|&&b| b == b'`').count();
                        match closing_backticks(&bytes[i + n..e], n) {
                            Some(at) => {
                                flush(&mut self.nodes, text, i);
                                let content = &src[i + n..i + n + at];
                                self.nodes.push(Node::Code(code(content, cell)));
                                i += n + at + n;
                                text = i;
                            }
                            None => {
                                if later
                                    .iter()
                                    .any(|&(s, e)| closing_backticks(&bytes[s..e], n).is_some())
                                {
                                    return unsupported("code span across lines");
                                }
                                i += n;
                            }
                        }
                    }
                    b'*' | b'_' => {
                        let n = bytes[i..e].iter().take_while(|&&c| c == b).count();
                        let before = class(src[..i].chars().next_back())?;
                        let after = class(src[i + n..].chars().next())?;
                        let left = after != Class::Space
                            && (after != Class::Punct || before != Class::Other);
                        let right = before != Class::Space
                            && (before != Class::Punct || after != Class::Other);
                        let (open, close) = match b {
                            b'*' => (left, right),
                            _ => (
                                left && (!right || before == Class::Punct),
                                right && (!left || after == Class::Punct),
                            ),
                        };
                        flush(&mut self.nodes, text, i);
                        self.nodes.push(Node::Delim(self.delims.len()));
                        self.delims.push(Delim {
                            ch: b,
                            at: i,
                            count: n,
                            orig: n,
                            open,
                            close,
                            removed: false,
                        });
                        i += n;
                        text = i;
                    }
                    b'[' | b'!' => {
                        let image = b == b'!';
                        if image && bytes.get(i + 1) != Some(&b'[') {
                            i += 1;
                            continue;
                        }
                        flush(&mut self.nodes, text, i);
                        let len = 1 + usize::from(image);
                        self.brackets.push(Bracket {
                            node: self.nodes.len(),
                            image,
                            active: true,
                            bottom: self.delims.len(),
                        });
                        self.nodes.push(Node::Bracket(i, i + len));
                        i += len;
                        text = i;
                    }
                    b']' => {
                        flush(&mut self.nodes, text, i);
                        i = self.close_bracket(src, i, e, defs)?;
                        text = i;
                    }
                    b'<' if memchr::memchr(b'\t', &bytes[i..e]).is_some() => {
                        return unsupported("tab near HTML");
                    }
                    b'<' => {
                        let end = match autolink(&bytes[i..e]) {
                            Some(len) => {
                                flush(&mut self.nodes, text, i);
                                let end = i + len;
                                let url = &src[i + 1..end - 1];
                                self.nodes.push(Node::LinkStart(CowStr::Borrowed(url)));
                                self.nodes.push(Node::Text(i + 1, end - 1));
                                self.nodes.push(Node::LinkEnd);
                                end
                            }
                            None => match html_tag(&bytes[..e], i)? {
                                Some(end) => {
                                    flush(&mut self.nodes, text, i);
                                    self.nodes.push(Node::Html(i, end));
                                    end
                                }
                                None if bytes[i..e].contains(&b'@') => {
                                    return unsupported("possible e-mail autolink");
                                }
                                None => {
                                    i += 1;
                                    continue;
                                }
                            },
                        };
                        i = end;
                        text = i;
                    }
                    b'&' => match entity(&src[i..e])? {
                        Some((text_of, len)) => {
                            flush(&mut self.nodes, text, i);
                            self.nodes.push(Node::Str(text_of));
                            i += len;
                            text = i;
                        }
                        None => i += 1,
                    },
                    _ => return unsupported("strikethrough"),
                }
            }
            if e > text {
                self.nodes.push(Node::Text(text, e));
            }
            if !last {
                self.nodes.push(Node::Break);
            }
        }
        self.emphasis(0);
        Ok(())
    }

    /// `]` at `i`: a link when an inline destination follows an active opener, else text.
    /// Returns where reading goes on.
    fn close_bracket(
        &mut self,
        src: &'a str,
        i: usize,
        e: usize,
        defs: &BTreeMap<String, CowStr<'a>>,
    ) -> Result<usize> {
        let Some(opener) = self.brackets.pop() else {
            self.nodes.push(Node::Text(i, i + 1));
            return Ok(i + 1);
        };
        if !opener.active {
            self.nodes.push(Node::Text(i, i + 1));
            return Ok(i + 1);
        }
        let target = match inline_link(src, i + 1, e)? {
            None if !defs.is_empty() => {
                let Node::Bracket(_, text_start) = self.nodes[opener.node] else {
                    unreachable!("an opener is a bracket")
                };
                reference(src, text_start, i, e, defs)?
            }
            target => target,
        };
        let Some((url, after)) = target else {
            self.nodes.push(Node::Text(i, i + 1));
            return Ok(i + 1);
        };
        self.emphasis(opener.bottom);
        if opener.image {
            self.nodes[opener.node] = Node::Skip;
            self.nodes.push(Node::Skip);
        } else {
            self.nodes[opener.node] = Node::LinkStart(url);
            self.nodes.push(Node::LinkEnd);
            for b in &mut self.brackets {
                if !b.image {
                    b.active = false;
                }
            }
        }
        Ok(after)
    }

    /// CommonMark's emphasis algorithm over the delimiters from `bottom`, which only decides
    /// how many of each run's characters stay text; the rest become emphasis, which the
    /// builder does not keep.
    fn emphasis(&mut self, bottom: usize) {
        let delims = &mut self.delims;
        let mut lower = [[[bottom; 3]; 2]; 2];
        let mut c = bottom;
        while c < delims.len() {
            let d = delims[c];
            if d.removed || !d.close {
                c += 1;
                continue;
            }
            let floor = &mut lower[usize::from(d.ch == b'_')][usize::from(d.open)][d.orig % 3];
            let mut found = None;
            let mut o = c;
            while o > *floor {
                o -= 1;
                let e = delims[o];
                if e.removed || e.ch != d.ch || !e.open {
                    continue;
                }
                let odd = (e.close || d.open)
                    && (e.orig + d.orig).is_multiple_of(3)
                    && !(e.orig.is_multiple_of(3) && d.orig.is_multiple_of(3));
                if !odd {
                    found = Some(o);
                    break;
                }
            }
            match found {
                Some(o) => {
                    let used = if delims[o].count >= 2 && delims[c].count >= 2 {
                        2
                    } else {
                        1
                    };
                    delims[o].count -= used;
                    delims[c].count -= used;
                    for between in &mut delims[o + 1..c] {
                        between.removed = true;
                    }
                    if delims[o].count == 0 {
                        delims[o].removed = true;
                    }
                    if delims[c].count == 0 {
                        delims[c].removed = true;
                        c += 1;
                    }
                }
                None => {
                    *floor = c;
                    if !d.open {
                        delims[c].removed = true;
                    }
                    c += 1;
                }
            }
        }
        for d in &mut delims[bottom..] {
            d.removed = true;
        }
    }

    fn emit(&mut self, src: &'a str, mut out: impl FnMut(Owned<'a>)) {
        let text = |s: usize, e: usize| (Event::Text(CowStr::Borrowed(&src[s..e])), s..e, None);
        for node in self.nodes.drain(..) {
            out(match node {
                Node::Text(s, e) | Node::Bracket(s, e) => text(s, e),
                Node::Str(s) => (Event::Text(s), 0..0, None),
                Node::Code(c) => (Event::Code(c), 0..0, None),
                Node::Html(s, e) => (Event::InlineHtml(CowStr::Borrowed(&src[s..e])), s..e, None),
                Node::Break => (Event::SoftBreak, 0..0, None),
                Node::Delim(i) => {
                    let d = self.delims[i];
                    if d.count == 0 {
                        continue;
                    }
                    text(d.at, d.at + d.count)
                }
                Node::LinkStart(url) => {
                    let tag = Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: url,
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    };
                    (Event::Start(tag), 0..0, None)
                }
                Node::LinkEnd => (Event::End(TagEnd::Link), 0..0, None),
                Node::Skip => continue,
            });
        }
    }
}

/// The text read up to markup at `to`.
fn flush(nodes: &mut Vec<Node<'_>>, from: usize, to: usize) {
    if to > from {
        nodes.push(Node::Text(from, to));
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Space,
    Punct,
    Other,
}

/// How a character next to a `*` or `_` run counts for flanking. Characters whose Unicode
/// class this reader does not know are left to pulldown-cmark.
fn class(c: Option<char>) -> Result<Class> {
    Ok(match c {
        None => Class::Space,
        Some(c) if c.is_whitespace() => Class::Space,
        Some(c) if c.is_ascii_punctuation() => Class::Punct,
        Some(c) if c.is_alphanumeric() => Class::Other,
        Some(_) => return unsupported("unclassified character beside emphasis"),
    })
}

/// Where a run of exactly `n` backticks starts in `s`.
fn closing_backticks(s: &[u8], n: usize) -> Option<usize> {
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'`', &s[i..]) {
        let start = i + at;
        let run = s[start..].iter().take_while(|&&b| b == b'`').count();
        if run == n {
            return Some(start);
        }
        i = start + run;
    }
    None
}

/// A code span's text: one space stripped from each side when both have one; in a table
/// cell, `\|` is a pipe.
fn code(content: &str, cell: bool) -> CowStr<'_> {
    let stripped = match content.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
        Some(inner) if !content.bytes().all(|b| b == b' ') => inner,
        _ => content,
    };
    if cell && stripped.contains("\\|") {
        return CowStr::from(stripped.replace("\\|", "|"));
    }
    CowStr::Borrowed(stripped)
}

/// The end (past `>`) of a URI autolink at the start of `s`.
fn autolink(s: &[u8]) -> Option<usize> {
    let scheme = s[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || b"+.-".contains(b))
        .count();
    if !(2..=32).contains(&scheme)
        || !s[1].is_ascii_alphabetic()
        || s.get(1 + scheme) != Some(&b':')
    {
        return None;
    }
    let rest = &s[2 + scheme..];
    let end = rest
        .iter()
        .position(|&b| b == b'>' || b == b'<' || b <= b' ')?;
    (rest[end] == b'>').then_some(2 + scheme + end + 1)
}

/// An inline link's destination after `]` at `i`, and where the link ends.
fn inline_link(src: &str, i: usize, e: usize) -> Result<Option<(CowStr<'_>, usize)>> {
    let s = src.as_bytes();
    if i >= e || s[i] != b'(' {
        return Ok(None);
    }
    if memchr::memchr(b'\t', &s[i..e]).is_some() {
        return unsupported("tab in a link");
    }
    let skip = |mut j: usize| {
        while j < e && s[j] == b' ' {
            j += 1;
        }
        j
    };
    let mut j = skip(i + 1);
    if j == e {
        return unsupported("link destination on the next line");
    }
    let dest;
    if s[j] == b'<' {
        let Some(end) = s[j + 1..e]
            .iter()
            .position(|&b| b == b'>' || b == b'<' || b == b'\\')
        else {
            return Ok(None);
        };
        if s[j + 1 + end] != b'>' {
            return unsupported("escape in a link destination");
        }
        dest = &src[j + 1..j + 1 + end];
        j += end + 2;
    } else {
        let from = j;
        let mut depth = 0usize;
        while j < e && s[j] > b' ' {
            match s[j] {
                b'\\' if j + 1 < e && s[j + 1].is_ascii_punctuation() => j += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth != 0 {
            return Ok(None);
        }
        dest = &src[from..j];
    }
    let dest = unescape(dest)?;
    let before_title = j;
    j = skip(j);
    if j == e {
        return unsupported("link title on the next line");
    }
    if j > before_title && matches!(s[j], b'"' | b'\'' | b'(') {
        let close = if s[j] == b'(' { b')' } else { s[j] };
        let Some(end) = s[j + 1..e].iter().position(|&b| b == close) else {
            return unsupported("link title across lines");
        };
        j = skip(j + 1 + end + 1);
        if j == e {
            return unsupported("link end on the next line");
        }
    }
    Ok((s[j] == b')').then_some((dest, j + 1)))
}

/// A reference link's destination and end, for the brackets around `text_start..close`:
/// `[text][label]`, `[label][]` or `[label]`.
fn reference<'a>(
    src: &'a str,
    text_start: usize,
    close: usize,
    e: usize,
    defs: &BTreeMap<String, CowStr<'a>>,
) -> Result<Option<(CowStr<'a>, usize)>> {
    let text = &src[text_start..close];
    let s = src.as_bytes();
    let (label, after) = if close + 1 < e && s[close + 1] == b'[' {
        let Some(end) = memchr::memchr(b']', &s[close + 2..e]) else {
            return unsupported("reference label across lines");
        };
        let label = &src[close + 2..close + 2 + end];
        let label = if label.is_empty() { text } else { label };
        (label, close + 2 + end + 1)
    } else {
        (text, close + 1)
    };
    if label.contains(['\n', '[', ']']) {
        return unsupported("reference label with brackets or across lines");
    }
    // Labels are defined in ASCII (or the page is left to pulldown-cmark); another label
    // matches none unless case folding could make it ASCII.
    if !label.is_ascii() {
        let folds_to_ascii = |c: char| {
            !c.is_ascii()
                && (c.to_lowercase().chain(c.to_uppercase()))
                    .flat_map(|f| f.to_uppercase())
                    .any(|f| f.is_ascii())
        };
        if label.chars().any(folds_to_ascii) {
            return unsupported("reference label that folds to ASCII");
        }
        return Ok(None);
    }
    // An undefined label leaves `[text]` as text, and `[label]` is read again on its own.
    Ok(defs
        .get(&normalize_label(label)?)
        .map(|dest| (dest.clone(), after)))
}

/// A one-line link reference definition, `[label]: destination "title"`, as its normalized
/// label and destination; `None` where the line is none.
fn definition(line: &str) -> Result<Option<(String, CowStr<'_>)>> {
    let Some(rest) = line.strip_prefix('[') else {
        return Ok(None);
    };
    let Some(close) = rest.find("]:") else {
        return Ok(None);
    };
    let label = &rest[..close];
    if label.trim().is_empty() || label.contains(['[', ']']) {
        return unsupported("unusual reference label");
    }
    let after = rest[close + 2..].trim_start_matches(' ');
    let (dest, title) = after.split_once(' ').unwrap_or((after, ""));
    let title = title.trim_matches(' ');
    let quoted = |q: char, end: char| {
        title.len() >= 2
            && title.starts_with(q)
            && title.ends_with(end)
            && !title[1..title.len() - 1].contains(end)
    };
    if dest.is_empty()
        || dest.starts_with('<')
        || dest.contains(['(', ')'])
        || !(title.is_empty() || quoted('"', '"') || quoted('\'', '\'') || quoted('(', ')'))
    {
        return unsupported("unusual reference definition");
    }
    Ok(Some((normalize_label(label)?, unescape(dest)?)))
}

/// A link label as it is matched: case and runs of white space aside.
fn normalize_label(label: &str) -> Result<String> {
    if !label.is_ascii() {
        return unsupported("non-ASCII reference label");
    }
    Ok(label
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase())
}

/// A link destination with its backslash escapes and entities read.
fn unescape(dest: &str) -> Result<CowStr<'_>> {
    if !dest.contains(['\\', '&']) {
        return Ok(CowStr::Borrowed(dest));
    }
    let b = dest.as_bytes();
    let mut out = String::with_capacity(dest.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push(b[i + 1] as char);
                i += 2;
            }
            b'&' => match entity(&dest[i..])? {
                Some((text, len)) => {
                    out.push_str(&text);
                    i += len;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            _ => {
                let next = dest[i + 1..]
                    .find(['\\', '&'])
                    .map_or(dest.len(), |k| i + 1 + k);
                out.push_str(&dest[i..next]);
                i = next;
            }
        }
    }
    Ok(CowStr::from(out))
}

/// The character an entity at the start of `s` stands for, and its length.
fn entity(s: &str) -> Result<Option<(CowStr<'static>, usize)>> {
    let b = s.as_bytes();
    let Some(semi) = b.iter().take(34).position(|&c| c == b';') else {
        return Ok(None);
    };
    let body = &s[1..semi];
    let code = if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        let max = if radix == 16 { 6 } else { 7 };
        if digits.is_empty() || digits.len() > max || !digits.chars().all(|c| c.is_digit(radix)) {
            return Ok(None);
        }
        let n = u32::from_str_radix(digits, radix).expect("checked digits");
        match char::from_u32(n).filter(|&c| c != '\0') {
            Some(c) => c,
            None => return unsupported("invalid character reference"),
        }
    } else {
        if body.is_empty() || !body.bytes().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(None);
        }
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "hellip" => '…',
            "mdash" => '—',
            "ndash" => '–',
            _ => return unsupported("named entity"),
        }
    };
    Ok(Some((CowStr::from(code.to_string()), semi + 1)))
}
#[cfg(test)]
mod scratch {
    #[test]
    #[ignore]
    fn scratch() {
        let src = std::fs::read_to_string("/tmp/t.md").unwrap();
        super::read(&src, 0, |e, r| println!("{e:?} {r:?}")).unwrap();
        let a = std::sync::Arc::new(src);
        println!("{:#?}", super::super::scan(&a).unwrap());
        println!("{:#?}", super::super::parse_pulldown(&a));
    }
}
