//! Examples: annotated request, response and example blocks, grouped into examples by the
//! section under "Examples" that holds them.

use super::Cx;
use super::blocks::Annotation;
use super::http::{header_lines, http_body_start, request_path};
use crate::locale::{SectionKind, split};
use crate::markdown::{CodeBlock, plain};
use crate::model::*;

impl Cx<'_> {
    /// Every annotated request, response and example block, grouped into examples.
    pub(super) fn examples(&self) -> Vec<Example> {
        let mut out: Vec<(Option<usize>, Example)> = Vec::new();
        for (block, ann) in self.doc.blocks.iter().zip(&self.annotations) {
            let Some(ann) = ann else { continue };
            let kind = match ann.block_type() {
                Some("request") => BlockKind::Request,
                Some("response") => BlockKind::Response,
                Some("example") => BlockKind::Example,
                _ => continue,
            };
            let group = self.example_section(block.section);
            let parsed = self.example_block(kind, block, ann);
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
            // A response that finds no request opens its own example below.
            if kind != BlockKind::Response && out.last().is_none_or(|(g, _)| *g != group) {
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
                    let target = by_name
                        .or_else(|| {
                            out.iter().rposition(|(g, e)| {
                                *g == group && e.response.is_none() && e.request.is_some()
                            })
                        })
                        .or_else(|| self.other_half(&out, group, &parsed));
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

    /// The example just before a response in a section of its own that answers it: the
    /// `### Request` and `### Response` sections under "Examples" are the halves of one
    /// example. The response's section must be a response heading, or the two blocks must
    /// carry the same name.
    fn other_half(
        &self,
        out: &[(Option<usize>, Example)],
        group: Option<usize>,
        response: &ExampleBlock,
    ) -> Option<usize> {
        let (last_group, last) = out.last()?;
        let request = last.request.as_ref()?;
        let heading = group.is_some_and(|g| self.kinds[g] == Some(SectionKind::Response));
        let named = response.name.is_some() && response.name == request.name;
        (*last_group != group && last.response.is_none() && (heading || named))
            .then(|| out.len() - 1)
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

    fn example_block(&self, kind: BlockKind, block: &CodeBlock, ann: &Annotation) -> ExampleBlock {
        let mut out = ExampleBlock {
            kind,
            name: ann.text("name").map(str::to_owned),
            odata_type: ann.odata_type(),
            truncated: ann.flag("truncated"),
            is_collection: ann.flag("isCollection"),
            method: None,
            url: None,
            path: None,
            status: None,
            headers: Vec::new(),
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
            out.headers = header_lines(text);
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

#[cfg(test)]
mod tests {
    use super::super::page;

    /// `(request path, response status)` of each example of a page whose "Examples" section
    /// holds `sections`.
    fn examples(sections: &str) -> Vec<(Option<String>, Option<u16>)> {
        let md = format!(
            "---\ndoc_type: apiPageType\n---\n# Get w\n\n## HTTP request\n```http\nGET /w/{{id}}\n```\n\n## Examples\n{sections}"
        );
        let fragment = page("api/w-get.md", &md);
        (fragment.operations[0].examples.iter())
            .map(|e| {
                let path = e.request.as_ref().and_then(|r| r.path.clone());
                (path, e.response.as_ref().and_then(|r| r.status))
            })
            .collect()
    }

    fn request(heading: &str, id: u8, name: &str) -> String {
        format!(
            "{heading}\n<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/w/{id}\n```\n"
        )
    }

    fn response(heading: &str, status: u16, name: &str) -> String {
        let name = match name {
            "" => String::new(),
            name => format!(", \"name\": \"{name}\""),
        };
        format!(
            "{heading}\n<!-- {{ \"blockType\": \"response\"{name} }} -->\n```http\nHTTP/1.1 {status} OK\n```\n"
        )
    }

    #[test]
    fn request_and_response_sections_are_one_example() {
        let one = |path: &str, status| (Some(path.to_owned()), Some(status));
        // The halves of one example, each in a section of its own (it read as three: the
        // request, an empty one and the response).
        let halves = request("### Request", 1, "a") + &response("### Response", 200, "");
        assert_eq!(examples(&halves), [one("/w/1", 200)]);
        // Translated headings keep their English anchors.
        let translated = request("### <a name=\"request\"></a>Solicitação", 1, "a")
            + &response("### <a name=\"response\"></a>Resposta", 200, "");
        assert_eq!(examples(&translated), [one("/w/1", 200)]);
        // Under any heading, blocks that carry one name are one example.
        let named = request("### Ask", 1, "a") + &response("### Answer", 200, "a");
        assert_eq!(examples(&named), [one("/w/1", 200)]);
        // Numbered examples pair within each.
        let numbered = request("### Example 1\n#### Request", 1, "a")
            + &response("#### Response", 200, "")
            + &request("### Example 2\n#### Request", 2, "b")
            + &response("#### Response", 204, "");
        assert_eq!(examples(&numbered), [one("/w/1", 200), one("/w/2", 204)]);
        // An example that shows only a response does not take the previous one's request.
        let apart = request("### Example 1", 1, "a") + &response("### Example 2", 200, "");
        assert_eq!(
            examples(&apart),
            [(Some("/w/1".into()), None), (None, Some(200))]
        );
    }
}
