//! JSON as the docs write it: strict first, then a lenient reading of the mistakes whose
//! meaning is unambiguous. Each repair is reported so the page can be fixed.

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repair {
    TrailingComma,
    Comment,
    QuoteEntity,
    NonBreakingSpace,
    RawNewlineInString,
    /// `...` standing for elided members or elements.
    Ellipsis,
    UnquotedKey,
    SingleQuotes,
}

impl Repair {
    pub fn describe(self) -> &'static str {
        match self {
            Repair::TrailingComma => "a trailing comma",
            Repair::Comment => "a comment",
            Repair::QuoteEntity => "an HTML `&quot;` entity instead of a quote",
            Repair::NonBreakingSpace => "a non-breaking space outside a string",
            Repair::RawNewlineInString => "a raw line break inside a string",
            Repair::Ellipsis => "an ellipsis standing for elided items",
            Repair::UnquotedKey => "an unquoted key",
            Repair::SingleQuotes => "a single-quoted string",
        }
    }
}

#[derive(Debug)]
pub struct Read {
    pub value: Value,
    /// `(offset in the input, repair)` for each lenient step, in order.
    pub repairs: Vec<(usize, Repair)>,
    /// `(offset in the input, key)` of each key that its object already has, in order. The
    /// value holds the last one, as serde_json keeps it.
    pub duplicate_keys: Vec<(usize, String)>,
}

#[derive(Debug)]
pub struct Unreadable {
    /// Offset in the input.
    pub offset: usize,
    pub message: String,
}

pub fn read(text: &str) -> Result<Read, Unreadable> {
    let strict = serde_json::from_str::<Value>(text);
    let strict_error = match strict {
        Ok(value) => {
            return Ok(Read {
                value,
                repairs: Vec::new(),
                duplicate_keys: duplicate_keys(text),
            });
        }
        Err(e) => e,
    };
    let repaired = repair(text);
    if repaired.repairs.is_empty() {
        return Err(unreadable(text, text, &strict_error, |o| o));
    }
    match serde_json::from_str::<Value>(&repaired.text) {
        Ok(value) => Ok(Read {
            value,
            duplicate_keys: (duplicate_keys(&repaired.text).into_iter())
                .map(|(offset, key)| (repaired.original_offset(offset), key))
                .collect(),
            repairs: repaired.repairs,
        }),
        Err(e) => Err(unreadable(text, &repaired.text, &e, |o| {
            repaired.original_offset(o)
        })),
    }
}

/// Where `error`, met reading `text`, stands in `original` (which `map` leads back to).
fn unreadable(
    original: &str,
    text: &str,
    error: &serde_json::Error,
    map: impl Fn(usize) -> usize,
) -> Unreadable {
    let offset = offset_of(text, error.line(), error.column());
    let message = error.to_string();
    // serde_json appends " at line L column C", which would point into the block, not the page.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    Unreadable {
        offset: char_start(original, map(offset)),
        message,
    }
}

/// `(offset, key)` of each key of `text`, valid JSON, that its object already has. Nesting
/// is as deep as serde_json read it, so within its recursion limit.
fn duplicate_keys(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The keys of each open object; `None` for an array.
    let mut open: Vec<Option<HashSet<Cow<str>>>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => open.push(Some(HashSet::new())),
            b'[' => open.push(None),
            b'}' | b']' => {
                open.pop();
            }
            b'"' => {
                let start = i;
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // In valid JSON only a key is followed by `:`.
                let is_key = bytes[i + 1..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|b| *b == b':');
                if let (true, Some(Some(keys))) = (is_key, open.last_mut()) {
                    let raw = &text[start..=i];
                    let key = match raw.contains('\\') {
                        true => Cow::Owned(serde_json::from_str(raw).unwrap_or_default()),
                        false => Cow::Borrowed(&raw[1..raw.len() - 1]),
                    };
                    if keys.contains(&key) {
                        out.push((start, key.into_owned()));
                    } else {
                        keys.insert(key);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// serde_json points at the last byte it read, which may be inside a character (at the end of
/// the text, or of a repair): the offset of that character, so the position can be shown.
fn char_start(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// serde_json's 1-based line and column (in bytes) as an offset.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

struct Repaired {
    text: String,
    repairs: Vec<(usize, Repair)>,
    /// `(output offset, input offset)` at every point where the two drift apart.
    map: Vec<(usize, usize)>,
}

impl Repaired {
    fn original_offset(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|&(o, _)| o <= offset);
        match i.checked_sub(1).map(|i| self.map[i]) {
            Some((o, input)) => input + (offset - o),
            None => offset,
        }
    }

    /// Writes `replacement` for the input from `at` to `resume`.
    fn fix(&mut self, at: usize, repair: Repair, replacement: &str, resume: usize) {
        self.repairs.push((at, repair));
        self.text.push_str(replacement);
        self.map.push((self.text.len(), resume));
    }
}

/// One pass over the text that tracks strings, so only what is outside them is touched.
fn repair(text: &str) -> Repaired {
    let mut out = Repaired {
        text: String::with_capacity(text.len()),
        repairs: Vec::new(),
        map: Vec::new(),
    };
    let bytes = text.as_bytes();
    let next_significant = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|n| bytes[from + n])
    };
    // The quote that opened the string we are in, if any.
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or_default();
        if let Some(q) = quote {
            match c {
                '\\' => {
                    let next = rest[1..].chars().next();
                    // `\'` means a quote only inside single quotes; JSON has no such escape.
                    if q == '\'' && next == Some('\'') {
                        out.text.push('\'');
                        i += 2;
                        continue;
                    }
                    let n = 1 + next.map_or(0, char::len_utf8);
                    out.text.push_str(&rest[..n]);
                    i += n;
                    continue;
                }
                '\n' => out.fix(i, Repair::RawNewlineInString, "\\n", i + 1),
                '\r' => out.fix(i, Repair::RawNewlineInString, "", i + 1),
                _ if rest.starts_with("&quot;") && q == '"' => {
                    out.fix(i, Repair::QuoteEntity, "\"", i + 6);
                    quote = None;
                    i += 6;
                    continue;
                }
                _ if c == q => {
                    out.text.push('"');
                    quote = None;
                }
                '"' => out.fix(i, Repair::SingleQuotes, "\\\"", i + 1),
                _ => out.text.push(c),
            }
            i += c.len_utf8();
            continue;
        }
        if rest.starts_with("&quot;") {
            out.fix(i, Repair::QuoteEntity, "\"", i + 6);
            quote = Some('"');
            i += 6;
            continue;
        }
        match c {
            '"' => {
                quote = Some('"');
                out.text.push(c);
            }
            '\'' => {
                out.fix(i, Repair::SingleQuotes, "\"", i + 1);
                quote = Some('\'');
            }
            '/' if rest.starts_with("//") => {
                let end = rest.find('\n').map_or(text.len(), |n| i + n);
                out.fix(i, Repair::Comment, "", end);
                i = end;
                continue;
            }
            '/' if rest.starts_with("/*") => {
                let end = rest.find("*/").map_or(text.len(), |n| i + n + 2);
                out.fix(i, Repair::Comment, "", end);
                i = end;
                continue;
            }
            ',' if matches!(next_significant(i + 1), None | Some(b'}' | b']')) => {
                out.fix(i, Repair::TrailingComma, "", i + 1);
            }
            '.' | '…' if rest.starts_with("...") || c == '…' => {
                let mut end = i + if c == '…' { c.len_utf8() } else { 3 };
                end += text[end..].bytes().take_while(|b| *b == b'.').count();
                // The comma after an elided item goes with it; one before a closing bracket
                // would be left trailing.
                let after = end
                    + bytes[end..]
                        .iter()
                        .take_while(|b| b.is_ascii_whitespace())
                        .count();
                if bytes.get(after) == Some(&b',') {
                    end = after + 1;
                } else if matches!(bytes.get(after), Some(b'}' | b']')) {
                    let kept = out.text.trim_end().len();
                    if out.text[..kept].ends_with(',') {
                        out.text.truncate(kept - 1);
                    }
                }
                out.fix(i, Repair::Ellipsis, "", end);
                i = end;
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                let len = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$')
                    .count();
                let word = &rest[..len];
                if next_significant(i + len) == Some(b':') {
                    out.fix(i, Repair::UnquotedKey, &format!("\"{word}\""), i + len);
                } else {
                    out.text.push_str(word);
                }
                i += len;
                continue;
            }
            c if (c.is_whitespace() && !c.is_ascii()) || c == '\u{feff}' || c == '\u{200b}' => {
                out.fix(i, Repair::NonBreakingSpace, " ", i + c.len_utf8());
            }
            _ => out.text.push(c),
        }
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_json_needs_no_repair() {
        let read = read(r#"{"a": [1, 2]}"#).unwrap();
        assert_eq!(read.value, json!({"a": [1, 2]}));
        assert!(read.repairs.is_empty());
    }

    #[test]
    fn unambiguous_mistakes_are_repaired_and_reported() {
        let text = "{\n  \"a\": 1, // one\n  \"b\": \"x\ny\",\u{a0}\n  \"c\": [1,],\n}";
        let read = read(text).unwrap();
        assert_eq!(read.value, json!({"a": 1, "b": "x\ny", "c": [1]}));
        let kinds: Vec<_> = read.repairs.iter().map(|r| r.1).collect();
        assert_eq!(
            kinds,
            [
                Repair::Comment,
                Repair::RawNewlineInString,
                Repair::NonBreakingSpace,
                Repair::TrailingComma,
                Repair::TrailingComma
            ]
        );
        assert_eq!(&text[read.repairs[0].0..][..2], "//");
    }

    #[test]
    fn ellipses_unquoted_keys_and_single_quotes() {
        let repaired =
            read("{\n  'a': [1, ...],\n  b: {...},\n  ...\n  \"c\": 'it\\'s \"x\"'\u{202f}\n}")
                .unwrap();
        assert_eq!(
            repaired.value,
            json!({"a": [1], "b": {}, "c": "it's \"x\""})
        );
        let err = read("{\"a\": ...}").unwrap_err();
        assert!(err.message.contains("expected value"), "{}", err.message);
        // Words that are values stay values.
        assert_eq!(read("[true, null]").unwrap().value, json!([true, null]));
    }

    #[test]
    fn duplicate_keys_are_reported_where_they_repeat() {
        let text = "{\"a\": 1, \"b\": {\"a\": [{\"a\": 2}]}, \"\\u0061\" : 3, \"a\": 4}";
        let read = read(text).unwrap();
        assert_eq!(read.value, json!({"a": 4, "b": {"a": [{"a": 2}]}}));
        let at: Vec<_> = (read.duplicate_keys.iter())
            .map(|(o, k)| (&text[*o..*o + 3], k.as_str()))
            .collect();
        assert_eq!(at, [("\"\\u", "a"), ("\"a\"", "a")]);
        // Offsets of a lenient read point into the original text.
        let text = "{a: 1, // c\n 'a': 2}";
        let read = super::read(text).unwrap();
        assert_eq!(read.duplicate_keys, [(13, "a".to_owned())]);
        assert_eq!(&text[13..16], "'a'");
        // A string value followed by no `:` is no key.
        assert!(
            super::read("[\"a\", \"a\", {\"x\": \"a\", \"y\": \"a\"}]")
                .unwrap()
                .duplicate_keys
                .is_empty()
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
            let err = read(&text).unwrap_err();
            assert_eq!(err.message, "recursion limit exceeded");
            // serde_json stops where the 128th level opens.
            assert_eq!(err.offset, 127 * open.len());
        }
    }

    #[test]
    fn entities_become_quotes() {
        let read = read("{&quot;a&quot;: &quot;b&quot;}").unwrap();
        assert_eq!(read.value, json!({"a": "b"}));
    }

    #[test]
    fn errors_point_into_the_original_text() {
        let text = "{\n  \"a\": 1, // c\n  \"b\": nope\n}";
        let err = read(text).unwrap_err();
        // serde_json stops at the first character that cannot continue `null`.
        assert_eq!(&text[err.offset..][..3], "ope");
        let err = read("{\"a\": }").unwrap_err();
        assert_eq!(err.offset, 6);
    }
}
