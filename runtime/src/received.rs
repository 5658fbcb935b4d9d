//! Requests read back into endpoint stubs: a request a doc example writes, or one a server
//! received, becomes the stub that sends it, and [`rebuild`] checks that the stub sends it
//! again.

use std::fmt;

use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Endpoint, PathTemplate, Query, RequestError};

/// A request as a doc example writes it or a server receives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RawRequest {
    pub method: String,
    /// The path after the API version, as written: values in it are still escaped.
    pub path: String,
    /// The query's parameters, names and values decoded, in order.
    #[serde(default)]
    pub query: Vec<(String, String)>,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The JSON body; `None` when there is none.
    #[serde(default)]
    pub body: Option<Value>,
}

impl RawRequest {
    /// A request from its path (after the API version) and query string as written.
    pub fn new(method: &str, path: &str, query: &str) -> Self {
        RawRequest {
            method: method.to_owned(),
            path: path.to_owned(),
            query: decode_query(query),
            ..RawRequest::default()
        }
    }

    /// A request as sent, `base_path` (`/v1.0`) taken off its path when it starts with it.
    pub fn from_http<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        base_path: &str,
    ) -> Result<Self, PartsError> {
        let uri = request.uri();
        let base = base_path.trim_end_matches('/');
        let path = match uri.path().strip_prefix(base) {
            Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => rest,
            _ => uri.path(),
        };
        let mut raw = RawRequest::new(request.method().as_str(), path, uri.query().unwrap_or(""));
        raw.headers = (request.headers().iter())
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let body = request.body().as_ref();
        if !body.iter().all(u8::is_ascii_whitespace) {
            raw.body = Some(serde_json::from_slice(body).map_err(PartsError::NotJson)?);
        }
        Ok(raw)
    }

    /// The value of header `name` (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        (self.headers.iter())
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }
}

/// `a=1&b=x%20y` as decoded pairs. `+` stays a plus: OData reads it as one.
fn decode_query(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
    (query.split('&'))
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// What a generated stub's [`Endpoint::from_parts`] reads a request through.
pub struct Parts<'a> {
    request: &'a RawRequest,
    params: Vec<(&'static str, String)>,
}

impl Parts<'_> {
    /// The path parameter `name`, decoded; empty when the request's path has no such
    /// placeholder.
    pub fn param(&self, name: &str) -> String {
        (self.params.iter())
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.request.header(name).map(str::to_owned)
    }

    /// The body as `T`; a request without one is read as `{}`.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, PartsError> {
        let empty = Value::Object(serde_json::Map::new());
        let body = self.request.body.as_ref().unwrap_or(&empty);
        T::deserialize(body).map_err(PartsError::Body)
    }

    /// The body as `T`, if the request has one.
    pub fn body_if_any<T: DeserializeOwned>(&self) -> Result<Option<T>, PartsError> {
        self.request
            .body
            .as_ref()
            .map(T::deserialize)
            .transpose()
            .map_err(PartsError::Body)
    }
}

/// A stub read from a request, with what the stub itself does not hold.
#[derive(Clone, Debug)]
pub struct Received<E> {
    pub endpoint: E,
    /// The documented path the request took.
    pub path: &'static PathTemplate,
    pub query: Query,
}

/// Why a request is not one of an endpoint's.
#[derive(Debug)]
pub enum PartsError {
    Method {
        documented: http::Method,
        found: String,
    },
    /// No documented path fits the request's.
    NoPath(String),
    /// The body is not the endpoint's body type.
    Body(serde_json::Error),
    NotJson(serde_json::Error),
}

/// The stub of endpoint `E` that `request` describes.
pub fn receive<E: Endpoint>(request: &RawRequest) -> Result<Received<E>, PartsError> {
    if !E::METHOD.as_str().eq_ignore_ascii_case(&request.method) {
        return Err(PartsError::Method {
            documented: E::METHOD,
            found: request.method.clone(),
        });
    }
    let found = E::PATHS
        .iter()
        .find_map(|p| Some((p, p.captures(&request.path)?)));
    let Some((path, captures)) = found else {
        return Err(PartsError::NoPath(request.path.clone()));
    };
    let params = (captures.into_iter())
        .map(|(name, value)| (name, percent_decode_str(value).decode_utf8_lossy().into()))
        .collect();
    let endpoint = E::from_parts(&Parts { request, params })?;
    Ok(Received {
        endpoint,
        path,
        query: Query::from_pairs(request.query.clone()),
    })
}

/// Whether a documented request header is a stub's to send: not the client's credentials,
/// not what the body says of itself, and a name HTTP accepts.
pub fn is_stub_header(name: &str) -> bool {
    let not_the_stubs = ["authorization", "content-type", "content-length"];
    !not_the_stubs.contains(&name.to_ascii_lowercase().as_str())
        && http::HeaderName::from_bytes(name.as_bytes()).is_ok()
}

/// The request the stub of `E` that `written` describes sends against `base`, on the path
/// `written` took. The body is not validated: what the docs' rules say of a doc example is
/// their diagnostics' to report (`example-*`), and this is about what goes on the wire.
pub fn resend<E: Endpoint>(
    written: &RawRequest,
    base: &str,
) -> Result<http::Request<Vec<u8>>, RebuildError> {
    let received = receive::<E>(written).map_err(RebuildError::Read)?;
    (received.endpoint)
        .to_request_unchecked(received.path, base, &received.query)
        .map_err(RebuildError::Build)
}

/// Reads `written` as a stub of `E`, builds the stub's request, and checks it is the same
/// request: see [`same_request`].
pub fn rebuild<E: Endpoint>(written: &RawRequest) -> Result<(), RebuildError> {
    sent_back(written, &resend::<E>(written, "")?)
}

/// Whether `sent`, built with no base, is the request `written` shows.
pub(crate) fn sent_back(
    written: &RawRequest,
    sent: &http::Request<Vec<u8>>,
) -> Result<(), RebuildError> {
    same_request(
        written,
        &RawRequest::from_http(sent, "").map_err(RebuildError::Read)?,
    )
}

/// Whether `sent` is the request `written` shows: the same method, path and query decoded
/// (paths without case, as OData reads them; query parameters in any order), every header of
/// `written` that is a stub's to send ([`is_stub_header`]), and the same JSON body.
pub fn same_request(written: &RawRequest, sent: &RawRequest) -> Result<(), RebuildError> {
    let decoded = |path: &str| {
        let path = percent_decode_str(path).decode_utf8_lossy();
        path.trim_end_matches('/').to_ascii_lowercase()
    };
    let differs = |what, written: String, rebuilt: String| {
        Err(RebuildError::Differs {
            what,
            written,
            rebuilt,
        })
    };
    if !written.method.eq_ignore_ascii_case(&sent.method) {
        return differs("method", written.method.clone(), sent.method.clone());
    }
    if decoded(&written.path) != decoded(&sent.path) {
        return differs("path", written.path.clone(), sent.path.clone());
    }
    let (mut asked, mut given) = (written.query.clone(), sent.query.clone());
    asked.sort();
    given.sort();
    if asked != given {
        let show = |q: &[(String, String)]| format!("{q:?}");
        return differs("query", show(&written.query), show(&sent.query));
    }
    for (name, value) in &written.headers {
        if !is_stub_header(name) {
            continue;
        }
        let got = sent.header(name);
        if got != Some(value.trim()) {
            let what = "header";
            return differs(what, format!("{name}: {value}"), got.unwrap_or("").into());
        }
    }
    if written.body != sent.body {
        let show = |b: &Option<Value>| b.as_ref().map_or("no body".into(), Value::to_string);
        return differs("body", show(&written.body), show(&sent.body));
    }
    Ok(())
}

/// Why a request did not come back the same through its stub.
#[derive(Debug)]
pub enum RebuildError {
    Read(PartsError),
    Build(RequestError),
    Differs {
        what: &'static str,
        written: String,
        rebuilt: String,
    },
}

impl fmt::Display for PartsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartsError::Method { documented, found } => {
                write!(f, "the method is {found}, the endpoint's {documented}")
            }
            PartsError::NoPath(path) => write!(f, "no documented path fits {path}"),
            PartsError::Body(e) => write!(f, "the body is not the endpoint's: {e}"),
            PartsError::NotJson(e) => write!(f, "the body is not JSON: {e}"),
        }
    }
}

impl std::error::Error for PartsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PartsError::Body(e) | PartsError::NotJson(e) => Some(e),
            PartsError::Method { .. } | PartsError::NoPath(_) => None,
        }
    }
}

impl fmt::Display for RebuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RebuildError::Read(e) => write!(f, "not read as the endpoint's request: {e}"),
            RebuildError::Build(e) => write!(f, "the stub builds no request: {e}"),
            RebuildError::Differs {
                what,
                written,
                rebuilt,
            } => write!(
                f,
                "the {what} differs: written {written}, rebuilt {rebuilt}"
            ),
        }
    }
}

impl std::error::Error for RebuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RebuildError::Read(e) => Some(e),
            RebuildError::Build(e) => Some(e),
            RebuildError::Differs { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoBody;

    /// A stub as docbind generates one: two paths, a documented header, an untyped body.
    #[derive(Debug, Default, PartialEq)]
    struct AddItem {
        id: String,
        prefer: Option<String>,
        body: Option<NoBody>,
    }

    impl Endpoint for AddItem {
        type Body = NoBody;
        type Response = crate::NoContent;
        const METHOD: http::Method = http::Method::POST;
        const PATHS: &'static [PathTemplate] = &[
            PathTemplate::new("/me/items"),
            PathTemplate::new("/users/{id}/items"),
        ];
        const PERMISSIONS: &'static [crate::Permission] = &[];
        const SUCCESS: u16 = 204;
        const HEADERS: &'static [&'static str] = &["Prefer"];

        fn path_param(&self, name: &str) -> Option<&str> {
            (name == "id").then_some(&self.id)
        }

        fn header(&self, name: &str) -> Option<&str> {
            self.prefer.as_deref().filter(|_| name == "Prefer")
        }

        fn body(&self) -> Option<&NoBody> {
            self.body.as_ref()
        }

        fn from_parts(parts: &Parts<'_>) -> Result<Self, PartsError> {
            Ok(AddItem {
                id: parts.param("id"),
                prefer: parts.header("Prefer"),
                body: parts.body_if_any()?,
            })
        }
    }

    fn written() -> RawRequest {
        let mut raw = RawRequest::new("POST", "/Users/a%20b/items", "$select=id&at=x%2By");
        raw.headers = vec![
            ("Prefer".into(), "return=minimal".into()),
            ("Authorization".into(), "Bearer t".into()),
        ];
        raw.body = Some(serde_json::json!({"@odata.id": "https://h/v1.0/users/1"}));
        raw
    }

    #[test]
    fn a_written_request_reads_into_its_stub_and_is_sent_again() {
        let received = receive::<AddItem>(&written()).unwrap();
        assert_eq!(received.endpoint.id, "a b");
        assert_eq!(received.endpoint.prefer.as_deref(), Some("return=minimal"));
        assert!(received.endpoint.body.is_some());
        assert_eq!(received.path.template, "/users/{id}/items");
        assert_eq!(received.query.select, ["id"]);
        assert_eq!(received.query.params, [("at".into(), "x+y".into())]);
        rebuild::<AddItem>(&written()).unwrap();
        // Set values pick the path that uses them.
        assert_eq!(received.endpoint.path().unwrap(), "/users/a%20b/items");
        assert_eq!(AddItem::default().path().unwrap(), "/me/items");
    }

    #[test]
    fn what_the_stub_cannot_send_is_told_apart() {
        let mut other = written();
        other.headers.push(("If-Match".into(), "W/\"1\"".into()));
        let differs = rebuild::<AddItem>(&other).unwrap_err();
        assert_eq!(
            differs.to_string(),
            "the header differs: written If-Match: W/\"1\", rebuilt "
        );
        let get = RawRequest {
            method: "GET".into(),
            ..written()
        };
        assert!(matches!(
            rebuild::<AddItem>(&get),
            Err(RebuildError::Read(PartsError::Method { .. }))
        ));
        let elsewhere = RawRequest::new("POST", "/groups/1/items", "");
        assert_eq!(
            rebuild::<AddItem>(&elsewhere).unwrap_err().to_string(),
            "not read as the endpoint's request: no documented path fits /groups/1/items"
        );
        // Without a body, none is sent.
        let bare = RawRequest::new("POST", "/me/items", "");
        assert!(receive::<AddItem>(&bare).unwrap().endpoint.body.is_none());
        rebuild::<AddItem>(&bare).unwrap();
    }
}
