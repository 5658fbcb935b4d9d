//! Path templates: filling one with a stub's parameters, each kept inside its segment, and
//! matching a concrete path against one.

use crate::{PathTemplate, RequestError};

pub(crate) fn fill_template<'a>(
    template: &str,
    param: impl Fn(&str) -> Option<&'a str>,
) -> Result<String, RequestError> {
    if let Some(reason) = template_problem(template) {
        return Err(RequestError::BadTemplate {
            template: template.to_owned(),
            reason,
        });
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        // Closed: `template_problem` says so.
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        out.push_str(&rest[..start]);
        let name = &rest[start + 1..end];
        let value = param(name).ok_or_else(|| RequestError::MissingParam(name.to_owned()))?;
        let (before, after) = (&rest[..start], &rest[end + 1..]);
        let refused = || RequestError::BadParam {
            name: name.to_owned(),
            value: value.to_owned(),
        };
        if before.ends_with('\'') && after.starts_with('\'') {
            // An OData string literal (`name(key='{v}')`): a quote inside is doubled.
            let literal = value.replace('\'', "''");
            out.extend(percent_encoding::utf8_percent_encode(&literal, SEGMENT));
        } else if before.ends_with(":/") && after.starts_with(':') {
            // A drive path (`root:/{path}:`): its own `/` stay, each segment is escaped.
            for (i, segment) in value.split('/').enumerate() {
                if matches!(segment, "" | "." | "..") {
                    return Err(refused());
                }
                if i > 0 {
                    out.push('/');
                }
                out.extend(percent_encoding::utf8_percent_encode(segment, SEGMENT));
            }
        } else {
            // Encoding does not help: URL parsers read `%2e%2e` as `..` too (WHATWG), and an
            // empty segment merges its neighbours.
            if matches!(value, "" | "." | "..") {
                return Err(refused());
            }
            out.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
        }
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// Why a path template cannot build a request inside its own path, if it cannot: an unclosed
/// placeholder, or a segment of its own that is `.` or `..`, or that holds `/`, `\\`, `?` or
/// `#`, plain or encoded. Stubs refuse such a template; docbind reports it when it reads it.
pub fn template_problem(template: &str) -> Option<&'static str> {
    // The template with each placeholder as one plain character, to check its own segments.
    let mut literal = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}').map(|e| start + e) else {
            return Some("a placeholder is not closed");
        };
        literal.push_str(&rest[..start]);
        literal.push('x');
        rest = &rest[end + 1..];
    }
    literal.push_str(rest);
    literal.split('/').find_map(|segment| {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        if matches!(&*decoded, "." | "..") {
            Some("a segment is `.` or `..`")
        } else if decoded.contains(['/', '\\', '?', '#']) {
            Some("a segment holds `/`, `\\`, `?` or `#`, plain or encoded")
        } else {
            None
        }
    })
}

/// Characters escaped inside one path segment (RFC 3986 `pchar` minus what OData keeps), and
/// `\\`, which some servers read as `/`.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The names of a template's placeholders, in order.
pub(crate) fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    (template.split('{').skip(1)).filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

impl PathTemplate {
    /// Whether a concrete path fits this template: see [`template_matches`].
    pub fn matches(&self, path: &str) -> bool {
        template_matches(self.template, path)
    }

    /// The value of each placeholder in a concrete path that fits this template, as written
    /// there; `None` when the path does not fit.
    pub fn captures<'p>(&self, path: &'p str) -> Option<Vec<(&'static str, &'p str)>> {
        template_captures(self.template, path)
    }
}

/// Whether a concrete path fits a path template: literal segments compare without case (OData
/// paths are case-insensitive), a placeholder stands for anything non-empty.
pub fn template_matches(template: &str, path: &str) -> bool {
    template_captures(template, path).is_some()
}

fn template_captures<'t, 'p>(template: &'t str, path: &'p str) -> Option<Vec<(&'t str, &'p str)>> {
    let mut want = template.trim_matches('/').split('/');
    let mut have = path.trim_matches('/').split('/');
    let mut captured = Vec::new();
    loop {
        match (want.next(), have.next()) {
            (None, None) => return Some(captured),
            (Some(w), Some(h)) if segment_captures(w, h, &mut captured) => {}
            _ => return None,
        }
    }
}

/// `name(key='{v}')` against `name(key='x')`: literal parts in order, placeholders between,
/// each placeholder's value pushed to `captured`.
fn segment_captures<'t, 'p>(
    template: &'t str,
    segment: &'p str,
    captured: &mut Vec<(&'t str, &'p str)>,
) -> bool {
    let mut rest = segment;
    let mut parts = template.split('{');
    let first = parts.next().unwrap_or("");
    if !starts_with_ignore_case(rest, first) {
        return false;
    }
    rest = &rest[first.len()..];
    for part in parts {
        let Some((name, literal)) = part.split_once('}') else {
            return false;
        };
        // A placeholder takes at least one character, up to where the literal resumes.
        let found = if literal.is_empty() {
            (!rest.is_empty()).then_some(rest.len())
        } else {
            let lower = rest.to_ascii_lowercase();
            lower
                .get(1..)
                .and_then(|r| r.find(&literal.to_ascii_lowercase()))
                .map(|i| i + 1)
        };
        let Some(at) = found else { return false };
        captured.push((name, &rest[..at]));
        rest = &rest[at + literal.len()..];
    }
    rest.is_empty()
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(template: &'static str) -> PathTemplate {
        PathTemplate::new(template)
    }

    #[test]
    fn fills_and_escapes_placeholders() {
        let path = fill_template("/calls/{id}/participants/{p id}", |n| match n {
            "id" => Some("a/b"),
            "p id" => Some("x y"),
            _ => None,
        })
        .unwrap();
        assert_eq!(path, "/calls/a%2Fb/participants/x%20y");
        assert!(matches!(
            fill_template("/calls/{id}", |_| None),
            Err(RequestError::MissingParam(p)) if p == "id"
        ));
    }

    /// What `fill_template` makes of `template` with every parameter `value`.
    fn filled(template: &str, value: &'static str) -> Result<String, String> {
        fill_template(template, |_| Some(value)).map_err(|e| e.to_string())
    }

    #[test]
    fn odata_key_literals_double_their_quotes_and_drive_paths_keep_their_slashes() {
        assert_eq!(
            filled("/users/{id}/photo/$value", "a'b"),
            Ok("/users/a'b/photo/$value".into())
        );
        assert_eq!(
            filled("/reports/getUsage(period='{period}')", "D7'); x"),
            Ok("/reports/getUsage(period='D7'');%20x')".into())
        );
        assert_eq!(
            filled("/me/drive/root:/{item-path}:/content", "Docs/My file#1.txt"),
            Ok("/me/drive/root:/Docs/My%20file%231.txt:/content".into())
        );
        for value in ["a//b", "../x", "a/./b", "/a"] {
            assert!(
                filled("/me/drive/root:/{item-path}:", value).is_err(),
                "{value}"
            );
        }
    }

    #[test]
    fn values_stay_inside_their_segment() {
        assert_eq!(filled("/a/{id}/b", "../x"), Ok("/a/..%2Fx/b".into()));
        assert_eq!(filled("/a/{id}/b", "a/b"), Ok("/a/a%2Fb/b".into()));
        assert_eq!(filled("/a/{id}/b", "%2e%2e"), Ok("/a/%252e%252e/b".into()));
        assert_eq!(filled("/a/{id}/b", "..\\x"), Ok("/a/..%5Cx/b".into()));
        assert_eq!(filled("/a/{id}/b", "x?y#z"), Ok("/a/x%3Fy%23z/b".into()));
        // Only `.` and `..` are dot segments.
        assert_eq!(filled("/a/{id}/b", "..."), Ok("/a/.../b".into()));
        for value in ["..", ".", ""] {
            assert_eq!(
                filled("/a/{id}/b", value),
                Err(format!(
                    "path parameter {{id}} is refused: {value:?} would change the path's segments"
                ))
            );
        }
    }

    #[test]
    fn templates_that_leave_their_path_are_refused() {
        let dots = "a segment is `.` or `..`";
        let held = "a segment holds `/`, `\\`, `?` or `#`, plain or encoded";
        for (template, reason) in [
            ("/a/../admin/{id}", dots),
            ("/a/./{id}", dots),
            ("/a/%2e%2E/{id}", dots),
            ("/a%2Fb/{id}", held),
            ("/a%5c..%5cb/{id}", held),
            ("/a?b=1/{id}", held),
            ("/a#b/{id}", held),
            ("/a/{id", "a placeholder is not closed"),
        ] {
            assert_eq!(
                filled(template, "x"),
                Err(format!("path template {template} is refused: {reason}"))
            );
        }
        // A placeholder's name is not part of the path.
        assert_eq!(filled("/a/{x?y}/{../b}", "v"), Ok("/a/v/v".into()));
    }

    #[test]
    fn matching_paths_give_their_placeholders_values() {
        let template = t("/sites/{site-id}/lists/{list-id}/items/{item(id)}");
        assert_eq!(
            template.captures("/Sites/a,b/lists/x%20y/items/7"),
            Some(vec![
                ("site-id", "a,b"),
                ("list-id", "x%20y"),
                ("item(id)", "7")
            ])
        );
        let function = t("/reports/getUsage(period='{period}',date={date})");
        assert_eq!(
            function.captures("/reports/getusage(period='D7',date=2020-01-01)"),
            Some(vec![("period", "D7"), ("date", "2020-01-01")])
        );
        assert_eq!(template.captures("/sites/a/lists/b"), None);
    }

    #[test]
    fn templates_match_concrete_paths() {
        assert!(
            t("/communications/calls/{id}/participants/invite")
                .matches("/communications/calls/7531d31f/participants/invite")
        );
        assert!(
            t("/communications/calls/{id}/participants/invite")
                .matches("/Communications/Calls/x/Participants/Invite")
        );
        assert!(
            !t("/communications/calls/{id}/participants/invite")
                .matches("/communications/calls/x/participants")
        );
        assert!(!t("/communications/calls/{id}").matches("/communications/calls/"));
        assert!(
            t("/reports/getEmailActivityCounts(period='{period}')")
                .matches("/reports/getEmailActivityCounts(period='D7')")
        );
        assert!(
            !t("/reports/getEmailActivityCounts(period='{period}')")
                .matches("/reports/getOther(period='D7')")
        );
    }
}
