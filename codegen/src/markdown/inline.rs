//! Inline content and the text it reads as: links, code and HTML kept apart, white space folded.

use std::sync::Arc;

use pulldown_cmark::CowStr;

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
pub struct Str(pub(super) Repr);

// Open to the builder, which hands a code block's copied text over without copying it again.
#[derive(Clone)]
pub(super) enum Repr {
    Shared {
        source: Arc<String>,
        start: u32,
        end: u32,
    },
    Owned(Box<str>),
}

impl Str {
    /// `text` as a slice of `source` when it lies there, else a copy.
    pub(super) fn within(source: &Arc<String>, text: &str) -> Str {
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

    pub(super) fn from_cow(source: &Arc<String>, text: CowStr<'_>) -> Str {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
