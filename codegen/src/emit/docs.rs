//! Doc comments: a page's text in the chosen language, wrapped for reading.

use proc_macro2::TokenStream;
use quote::quote;

use super::{DocLanguage, Emitter};
use crate::model::Text;

impl DocLanguage {
    /// The text of `t` this language takes.
    fn of(self, t: &Text) -> &str {
        match self {
            DocLanguage::English => t.en.as_deref().unwrap_or(&t.text),
            DocLanguage::Page => &t.text,
        }
    }
}

impl Emitter<'_> {
    /// `#[doc]` lines: the text, in the chosen language, then any extra paragraphs, each
    /// wrapped for reading.
    pub(super) fn docs(&self, text: Option<&Text>, extra: &[String]) -> TokenStream {
        self.docs_with_block(text, &[], extra)
    }

    /// `#[doc]` lines: the text, then `block` line by line in a `text` code block (none when
    /// empty), then the extra paragraphs. Whatever the page wrote stays text: see [`inert`].
    pub(super) fn docs_with_block(
        &self,
        text: Option<&Text>,
        block: &[String],
        extra: &[String],
    ) -> TokenStream {
        let text = text.map(|t| self.language.of(t)).filter(|t| !t.is_empty());
        let mut paragraphs: Vec<Vec<String>> = text.into_iter().map(|t| wrap(t, 96)).collect();
        if !block.is_empty() {
            let fenced = std::iter::once("```text".to_owned())
                .chain(block.iter().map(|l| inert(l)))
                .chain(std::iter::once("```".to_owned()));
            paragraphs.push(fenced.collect());
        }
        paragraphs.extend(extra.iter().map(|p| wrap(p, 96)));
        let lines = paragraphs
            .join(&String::new())
            .into_iter()
            .map(|l| if l.is_empty() { l } else { format!(" {l}") });
        quote!(#(#[doc = #lines])*)
    }
}

/// Text control characters that rustc refuses in comments (`text_direction_codepoint_in_comment`:
/// a Trojan-source line reads otherwise than it compiles).
const BIDI: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// A line of page text as doc-comment text. A fence at its start is escaped: it would open a
/// code block, and rustdoc would run what follows as a doctest. Control characters, which a
/// comment may not hold (a bare CR) or which rustc refuses (bidi controls), are spelled out.
fn inert(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    if line.starts_with("```") || line.starts_with("~~~") {
        out.push('\\');
    }
    for c in line.chars() {
        if c.is_control() || BIDI.contains(&c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.iter().map(|l| inert(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_where_the_page_carries_it() {
        let bilingual = Text {
            text: "Uma lâmpada.".into(),
            en: Some("A lamp.".into()),
        };
        let translated = Text {
            text: "Uma lâmpada.".into(),
            en: None,
        };
        assert_eq!(DocLanguage::English.of(&bilingual), "A lamp.");
        assert_eq!(DocLanguage::English.of(&translated), "Uma lâmpada.");
        assert_eq!(DocLanguage::Page.of(&bilingual), "Uma lâmpada.");
    }

    #[test]
    fn long_text_wraps_between_words() {
        let lines = wrap("one two three four", 9);
        assert_eq!(lines, ["one two", "three", "four"]);
    }

    #[test]
    fn page_text_opens_no_code_block() {
        // Wrapping can put a fence at the start of a line, where it would open a doctest.
        let lines = wrap("one ```rust main() ~~~ rust", 3);
        assert_eq!(lines, ["one", "\\```rust", "main()", "\\~~~", "rust"]);
        assert_eq!(inert("``"), "``");
        assert_eq!(inert(" ```"), " ```");
    }

    #[test]
    fn control_characters_are_spelled_out() {
        assert_eq!(inert("a\u{202e}b\u{2069}"), "a\\u{202e}b\\u{2069}");
        assert_eq!(inert("a\rb\0"), "a\\u{d}b\\u{0}");
        // Whitespace, line breaks included, only separates words.
        assert_eq!(wrap("a\r\nb\u{2028}c", 96), ["a b c"]);
    }
}
