//! Front matter: the `---`-fenced YAML at the top of a page, read into `key: value` pairs.

use std::collections::BTreeMap;

use super::Document;

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
pub(super) fn read_front_matter(source: &str, doc: &mut Document) -> usize {
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
    let why = "the front matter opens with `---`, but no `---` line closes it; the page is read without front matter";
    doc.front_matter_error = Some((skip, why.to_owned()));
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
            // The error's own "at line N column M" counts from the front matter, not the
            // page; the diagnostic's position is the page's.
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            let why = format!("front matter is not valid YAML ({message}); read line by line");
            doc.front_matter_error = Some((at, why));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn broken_front_matter_keeps_the_readable_lines() {
        let doc = parse("---\ntitle: a: b: [\ndoc_type: resourcePageType\n---\n# T\n");
        let (at, why) = doc.front_matter_error.clone().unwrap();
        // At the page's offset of the bad value, and no line count of the YAML's own.
        assert_eq!(at, 12);
        assert!(!why.contains(" at line "), "{why}");
        assert_eq!(doc.front_matter["doc_type"], "resourcePageType");
        assert_eq!(doc.sections.len(), 1);
    }

    #[test]
    fn unclosed_front_matter_is_reported_and_the_page_still_read() {
        let doc = parse("---\ntitle: a\n# T\n\nText.\n");
        let (at, why) = doc.front_matter_error.clone().unwrap();
        assert_eq!(at, 0);
        assert!(why.contains("no `---` line closes it"), "{why}");
        assert!(doc.front_matter.is_empty());
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
}
