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
    /// `#[doc]` lines: the text, in the chosen language, wrapped for reading, then any extra
    /// paragraphs.
    pub(super) fn docs(&self, text: Option<&Text>, extra: &[String]) -> TokenStream {
        let mut paragraphs: Vec<String> = text
            .map(|t| self.language.of(t).to_owned())
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        paragraphs.extend(extra.iter().cloned());
        let mut lines = Vec::new();
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            if paragraph.starts_with("```") {
                lines.extend(paragraph.lines().map(str::to_owned));
            } else {
                lines.extend(wrap(paragraph, 96));
            }
        }
        let lines = lines.iter().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        });
        quote!(#(#[doc = #lines])*)
    }
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
    lines
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
}
