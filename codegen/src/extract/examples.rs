//! Examples: annotated request, response and example blocks, grouped into examples by the
//! section under "Examples" that holds them.

use super::Cx;
use super::blocks::Annotation;
use super::http::{http_body_start, request_path};
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
