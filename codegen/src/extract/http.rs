//! HTTP request lines and the path templates they list: methods, placeholders, example
//! values written where a placeholder belongs, and paths a note calls deprecated.

use super::Cx;
use crate::locale::{Phrase, SectionKind, split};
use crate::markdown::{CodeBlock, plain};
use crate::model::*;

impl Cx<'_> {
    /// The blocks that list the operation's paths: those under an "HTTP request" heading (at
    /// any level: some pages have one per variant), or, on pages that lack the heading, the
    /// first http block of bare `METHOD /path` lines outside the examples.
    pub(super) fn http_blocks(&self) -> Vec<&CodeBlock> {
        let mut listed: Vec<_> = self
            .doc
            .blocks
            .iter()
            .filter(|b| {
                self.kind_of(b.section) == Some(SectionKind::HttpRequest) && is_http_lang(&b.lang)
            })
            .collect();
        // Pages of variants (`drive-list`) give each its own section, whose request block
        // names the path without a host, and only the first under an "HTTP request" heading.
        let variants = (self.doc.blocks.iter().zip(&self.annotations))
            .filter(|(b, ann)| {
                ann.as_ref().and_then(|a| a.block_type()) == Some("request")
                    && self.top_kind(b.section) != Some(SectionKind::Examples)
                    && !listed.iter().any(|l| std::ptr::eq(*l, *b))
                    && (b.text.lines().map(str::trim).find(|l| !l.is_empty()))
                        .and_then(request_line)
                        // A quoted value is an example's, not a template's.
                        .is_some_and(|(_, url)| url.starts_with('/') && !url.contains('\''))
            })
            .map(|(b, _)| b)
            .collect::<Vec<_>>();
        if !listed.is_empty() {
            listed.extend(variants);
            return listed;
        }
        self.doc
            .blocks
            .iter()
            .filter(|b| b.lang == "http" && self.top_kind(b.section) != Some(SectionKind::Examples))
            .filter(|b| {
                b.text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .all(|l| request_line(l).is_some_and(|(_, url)| url.starts_with('/')))
            })
            .take(1)
            .collect()
    }

    /// Paths that a note in the HTTP request section calls deprecated, by their backticked
    /// prefix.
    fn deprecated_paths(&self) -> Vec<String> {
        let lex = self.lex;
        self.doc
            .paragraphs
            .iter()
            .filter(|p| self.kind_of(p.section) == Some(SectionKind::HttpRequest))
            .map(|p| split(&p.inlines))
            .flat_map(|s| {
                // Only the sentence that says "deprecated": the next one often names the
                // replacement path.
                let text = plain(s.source());
                text.split(". ")
                    .filter(|sentence| lex.has(Phrase::Deprecated, sentence))
                    .flat_map(|sentence| {
                        sentence
                            .split('`')
                            .skip(1)
                            .step_by(2)
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    })
                    .filter(|code| code.starts_with('/'))
                    .map(|code| code.trim_end_matches('/').to_owned())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The paths each method lists in `blocks`, methods in the order they come.
    pub(super) fn http_paths(&self, blocks: &[&CodeBlock]) -> Vec<(Method, Vec<HttpPath>)> {
        let deprecated = self.deprecated_paths();
        let mut by_method: Vec<(Method, Vec<HttpPath>)> = Vec::new();
        for block in blocks {
            let mut offset = 0;
            let mut seen_request = false;
            for line in block.text.split_inclusive('\n') {
                let at = block.source_offset(offset);
                offset += line.len();
                let line = line.trim();
                // A blank line after the request line starts an HTTP message's body.
                if line.is_empty() && seen_request && block.annotation.is_some() {
                    break;
                }
                if line.is_empty() || line.starts_with('#') || is_header_line(line) {
                    continue;
                }
                let Some((verb, url)) = request_line(line) else {
                    self.diag(
                        at,
                        Code::HttpLine,
                        format!("`{line}` is not a `METHOD /path` line"),
                    );
                    continue;
                };
                seen_request = true;
                let path = request_path(url);
                let (written, example_values) = example_segments(&path);
                if !example_values.is_empty() {
                    self.diag(
                        at,
                        Code::PathExampleValue,
                        format!(
                            "the path writes {} where a placeholder belongs; read as `{{id}}`",
                            example_values.join(", ")
                        ),
                    );
                }
                let (template, params) = placeholders(&written);
                if let Some(why) = docbind::template_problem(&template) {
                    let message = format!(
                        "the path `{template}` cannot build a request inside itself ({why}); the endpoint stub refuses it"
                    );
                    self.diag(at, Code::PathUnsafe, message);
                }
                let i = match by_method.iter().position(|(m, _)| *m == verb) {
                    Some(i) => i,
                    None => {
                        by_method.push((verb, Vec::new()));
                        by_method.len() - 1
                    }
                };
                let paths = &mut by_method[i].1;
                if paths.iter().any(|p| p.template == template) {
                    continue;
                }
                let deprecated = deprecated
                    .iter()
                    .any(|d| path == *d || path.starts_with(&format!("{d}/")));
                paths.push(HttpPath {
                    template,
                    params,
                    deprecated,
                    alias_of: None,
                    source: self.at(at),
                });
            }
        }
        by_method
    }
}

/// `GET /me/drive` or `POST https://host/v1.0/x HTTP/1.1` → method and URL.
fn request_line(line: &str) -> Option<(Method, &str)> {
    let (verb, rest) = line.split_once(char::is_whitespace)?;
    // The URL is the rest of the line: `{id | userPrincipalName}` and query strings hold
    // spaces. A trailing protocol version is not part of it.
    let rest = rest.trim();
    let url = match rest.rsplit_once(char::is_whitespace) {
        Some((url, version)) if version.starts_with("HTTP/") => url.trim_end(),
        _ => rest,
    };
    let method = verb.parse().ok()?;
    (!url.is_empty()).then_some((method, url))
}

/// Fences that can hold HTTP; sections also show C# or shell snippets.
fn is_http_lang(lang: &str) -> bool {
    matches!(lang, "" | "http" | "https" | "rest") || lang.starts_with("msgraph")
}

/// `Content-Type: application/json`.
fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// The headers of an HTTP message: the `Name: value` lines after its start line, up to the
/// first line that is not one.
pub(super) fn header_lines(text: &str) -> Vec<(String, String)> {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    lines.next();
    lines
        .map_while(|line| {
            let (name, value) = line.split_once(':')?;
            is_header_line(line).then(|| (name.to_owned(), value.trim().to_owned()))
        })
        .collect()
}

/// Where the JSON body of an HTTP message starts: the first line after the start line that
/// opens an object or array. Headers may follow blank lines, and CSV or binary bodies are not
/// JSON, so neither a blank line nor the end of the headers decides.
pub(super) fn http_body_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut seen_start = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if seen_start && (trimmed.starts_with('{') || trimmed.starts_with('[')) {
            return Some(offset);
        }
        seen_start |= !trimmed.is_empty();
        offset += line.len();
    }
    None
}

/// Where a URL's query or fragment starts: at a `?` or `#` outside a placeholder (`{a?b}` is
/// a name).
fn query_start(url: &str) -> Option<usize> {
    let mut depth = 0usize;
    url.find(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && (c == '?' || c == '#')
    })
}

/// A URL's query string, without its `?` and any fragment; empty when it has none.
pub fn request_query(url: &str) -> &str {
    match query_start(url) {
        Some(i) if url[i..].starts_with('?') => {
            let query = &url[i + 1..];
            query.split('#').next().unwrap_or(query)
        }
        _ => "",
    }
}

/// A URL's path without scheme, host, API version and query.
pub fn request_path(url: &str) -> String {
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("/", |j| &url[i + 3 + j..]),
        None => url,
    };
    let path = &path[..query_start(path).unwrap_or(path.len())];
    // The version as the docs spell it, and the slips seen in examples (`/V1.0`, `/v1`).
    let path = ["/v1.0", "/beta", "/v1"]
        .iter()
        .find_map(|v| {
            let head = path.get(..v.len())?;
            let rest = &path[v.len()..];
            (head.eq_ignore_ascii_case(v) && (rest.is_empty() || rest.starts_with('/')))
                .then_some(rest)
        })
        .unwrap_or(path);
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    path.trim_end_matches('/').to_owned()
}

/// A path template with the example values some pages write in place of a placeholder (a
/// GUID, or `(team-id)`) made `{id}`, and those values. No real path segment is either.
fn example_segments(path: &str) -> (String, Vec<String>) {
    let mut values = Vec::new();
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| {
            let parenthesized = segment.len() > 2
                && segment.starts_with('(')
                && segment.ends_with(')')
                && segment[1..segment.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if parenthesized || is_guid(segment) {
                values.push(format!("`{segment}`"));
                "{id}"
            } else {
                segment
            }
        })
        .collect();
    (segments.join("/"), values)
}

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `{placeholders}` of a path, renaming one that repeats after its segment.
fn placeholders(path: &str) -> (String, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut spans = Vec::new();
    let mut from = 0;
    // `{id}`, and the `<address>` some pages write instead.
    while let Some(start) = path[from..].find(['{', '<']).map(|s| s + from) {
        let close = if path[start..].starts_with('{') {
            '}'
        } else {
            '>'
        };
        let Some(end) = path[start..].find(close).map(|e| e + start) else {
            break;
        };
        names.push(path[start + 1..end].trim().to_owned());
        spans.push(start..end + 1);
        from = end + 1;
    }
    let repeated = |n: &String| names.iter().filter(|m| *m == n).count() > 1;
    let renamed: Vec<String> = names
        .iter()
        .zip(&spans)
        .map(|(name, span)| {
            if !repeated(name) {
                return name.clone();
            }
            let segment = path[..span.start]
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("");
            let segment = segment.split(['(', ':']).next().unwrap_or(segment);
            let singular = segment.strip_suffix('s').unwrap_or(segment);
            format!("{singular}-{name}")
        })
        .collect();
    let mut template = String::with_capacity(path.len());
    let mut last = 0;
    for (span, name) in spans.iter().zip(&renamed) {
        template.push_str(&path[last..span.start]);
        template.push('{');
        template.push_str(name);
        template.push('}');
        last = span.end;
    }
    template.push_str(&path[last..]);
    (template, renamed)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_values_in_templates_are_placeholders() {
        let (template, values) = example_segments(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/(assignment-id)/submit",
        );
        assert_eq!(template, "/education/classes/{id}/assignments/{id}/submit");
        assert_eq!(values.len(), 2);
        let (template, values) = example_segments("/teams/{team-id}/channels/getAllMessages()");
        assert_eq!(template, "/teams/{team-id}/channels/getAllMessages()");
        assert!(values.is_empty());
        // Two `{id}` become distinct parameters after their segments.
        let (template, params) = placeholders(&example_segments("/a/(x)/b/(y)").0);
        assert_eq!(params.len(), 2);
        assert_ne!(params[0], params[1], "{template}");
    }

    #[test]
    fn paths_lose_host_version_and_query() {
        assert_eq!(
            request_path(
                "https://graph.microsoft.com/beta/communications/calls/{id}/participants/invite"
            ),
            "/communications/calls/{id}/participants/invite"
        );
        assert_eq!(
            request_path("/v1.0/me/events?$select=subject"),
            "/me/events"
        );
        assert_eq!(
            request_path("/communications/calls/x"),
            "/communications/calls/x"
        );
        assert_eq!(request_path("/V1.0/teams/{id}"), "/teams/{id}");
        assert_eq!(request_path("/v1/teams/{id}"), "/teams/{id}");
        assert_eq!(request_path("/v1.0x/teams"), "/v1.0x/teams");
        assert_eq!(request_path("/a/{x?y}/{z#w}?q#f"), "/a/{x?y}/{z#w}");
    }

    #[test]
    fn queries_and_headers_of_a_message_are_read_as_written() {
        assert_eq!(
            request_query("https://h/v1.0/me/events?$select=a,b&$top=2#x"),
            "$select=a,b&$top=2"
        );
        assert_eq!(request_query("/users/{a?b}/x"), "");
        let message = "\nGET /me HTTP/1.1\nPrefer: return=minimal\nIf-Match: W/\"1\"\n\n{}";
        assert_eq!(
            header_lines(message),
            [
                ("Prefer".to_owned(), "return=minimal".to_owned()),
                ("If-Match".to_owned(), "W/\"1\"".to_owned())
            ]
        );
    }

    #[test]
    fn sections_of_variants_list_their_request_paths() {
        let request = |heading: &str, path: &str| {
            format!(
                "{heading}\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```msgraph-interactive\nGET {path}\n```\n\n"
            )
        };
        let md = format!(
            "---\ndoc_type: apiPageType\n---\n# List drives\n\n## For a group\n### HTTP request\n{}## For a user\n{}## For a search\n{}",
            request("", "/groups/{groupId}/drives"),
            request("", "/users/{userId}/drives"),
            request("", "/me/drive/search(q='budget')"),
        );
        let fragment = super::super::page("api/drive-list.md", &md);
        let paths: Vec<_> = (fragment.operations[0].paths.iter())
            .map(|p| p.template.as_str())
            .collect();
        // A quoted value is an example's: that request lists no path.
        assert_eq!(
            paths,
            ["/groups/{groupId}/drives", "/users/{userId}/drives"]
        );
    }

    #[test]
    fn request_lines_keep_spaces_inside_the_url() {
        assert_eq!(
            request_line("PATCH /users/{id | userPrincipalName}"),
            Some((Method::Patch, "/users/{id | userPrincipalName}"))
        );
        assert_eq!(
            request_line("GET /me/events?$filter=a eq 'b' HTTP/1.1"),
            Some((Method::Get, "/me/events?$filter=a eq 'b'"))
        );
        assert_eq!(request_line("Content-Type: application/json"), None);
    }

    #[test]
    fn paths_that_leave_themselves_are_reported() {
        let unsafe_paths = |line: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Get\n\n## HTTP request\n```http\n{line}\n```\n"
            );
            let fragment = crate::extract::page("api/w-get.md", &md);
            let found = fragment.diagnostics.iter();
            found.filter(|d| d.code == Code::PathUnsafe).count()
        };
        assert_eq!(unsafe_paths("GET /widgets/{id}"), 0);
        assert_eq!(unsafe_paths("GET /widgets/../admin/{id}"), 1);
        assert_eq!(unsafe_paths("GET /widgets/a%2Fb/{id}"), 1);
    }

    #[test]
    fn repeated_placeholders_are_named_after_their_segment() {
        let (t, p) = placeholders("/communications/calls/{id}/participants/{id}");
        assert_eq!(
            t,
            "/communications/calls/{call-id}/participants/{participant-id}"
        );
        assert_eq!(p, ["call-id", "participant-id"]);
        let (t, p) = placeholders("/worksheets/{id}/range(address='<address>')/format");
        assert_eq!(t, "/worksheets/{id}/range(address='{address}')/format");
        assert_eq!(p, ["id", "address"]);
        let (t, p) = placeholders("/users/{id | userPrincipalName}/drive/root:/{path}:");
        assert_eq!(t, "/users/{id | userPrincipalName}/drive/root:/{path}:");
        assert_eq!(p, ["id | userPrincipalName", "path"]);
    }
}
