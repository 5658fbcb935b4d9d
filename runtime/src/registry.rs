//! Type-erased tables of what a generated crate defines, for tools that take a type name or
//! an HTTP request at run time (round-trip tests, `docbind verify`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Endpoint, JsonPointer, PathTemplate};

/// Builds the request of one endpoint's stub from a request as written, against a base URL:
/// [`resend`](crate::resend).
pub type Resend =
    fn(&crate::RawRequest, &str) -> Result<http::Request<Vec<u8>>, crate::RebuildError>;

/// Deserializes a JSON value as one type and serializes it back.
pub type RoundTrip = fn(Value) -> Result<Value, serde_path_to_error::Error<serde_json::Error>>;

pub fn round_trip<T: Serialize + DeserializeOwned>(
    value: Value,
) -> Result<Value, serde_path_to_error::Error<serde_json::Error>> {
    let typed: T = serde_path_to_error::deserialize(value)?;
    serde_path_to_error::serialize(&typed, serde_json::value::Serializer)
}

/// How one JSON value fared against a generated type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Checked {
    /// Read and written back as it was, all of it typed.
    FullyTyped,
    /// Written back as it was, but some of it only kept: fields in an `extra` map, values in
    /// an `Other` variant.
    Lossless { untyped: Vec<Untyped> },
    /// Not read, or written back different; `path` is a JSON pointer to where.
    Failed { path: String, message: String },
}

/// Part of a value that was kept without a type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Untyped {
    /// A JSON pointer to it.
    pub path: String,
    /// `field `x``, `value `y``, `a value of an undocumented type`.
    pub what: String,
}

/// Runs `value` through `round_trip` and compares what comes back, as JSON values.
pub fn check(round_trip: RoundTrip, value: &Value) -> Checked {
    let (back, untyped, below) = crate::untyped::record(|| round_trip(value.clone()));
    match back {
        Err(e) => Checked::Failed {
            path: JsonPointer::from(e.path()).join(below).to_string(),
            message: e.into_inner().to_string(),
        },
        Ok(back) => match first_difference(value, &back, &mut JsonPointer::root()) {
            Some((path, message)) => Checked::Failed { path, message },
            None if untyped.is_empty() => Checked::FullyTyped,
            None => Checked::Lossless {
                untyped: untyped
                    .into_iter()
                    .enumerate()
                    .map(|(i, what)| Untyped {
                        path: locate(round_trip, value, i),
                        what,
                    })
                    .collect(),
            },
        },
    }
}

/// Where the `index`th untyped part of `value` is: the run is repeated, failing there on
/// purpose, so that serde says where it was.
fn locate(round_trip: RoundTrip, value: &Value, index: usize) -> String {
    match crate::untyped::stop_at(index, || round_trip(value.clone())) {
        (Err(e), below) => JsonPointer::from(e.path()).join(below).to_string(),
        // A repeated run notes the same parts in the same order, so it does stop.
        (Ok(_), _) => String::new(),
    }
}

/// Where `want` and `have` first differ under `path`, and how.
fn first_difference(
    want: &Value,
    have: &Value,
    path: &mut JsonPointer,
) -> Option<(String, String)> {
    match (want, have) {
        (Value::Object(w), Value::Object(h)) => {
            for (key, value) in w {
                path.push(key.as_str());
                let found = match h.get(key) {
                    Some(back) => first_difference(value, back, path),
                    None => Some((path.to_string(), "dropped".into())),
                };
                path.pop();
                if found.is_some() {
                    return found;
                }
            }
            let added = h.keys().find(|k| !w.contains_key(*k))?;
            path.push(added.as_str());
            let found = (path.to_string(), "added".into());
            path.pop();
            Some(found)
        }
        (Value::Array(w), Value::Array(h)) if w.len() == h.len() => {
            w.iter().zip(h).enumerate().find_map(|(i, (w, h))| {
                path.push(i.to_string());
                let found = first_difference(w, h, path);
                path.pop();
                found
            })
        }
        _ if want == have => None,
        _ => Some((path.to_string(), format!("written back as {have}"))),
    }
}

/// A documented type by its qualified name (`microsoft.graph.participant`).
#[derive(Clone, Copy, Debug)]
pub struct TypeInfo {
    pub name: &'static str,
    pub round_trip: RoundTrip,
    /// A page of them: `{"value": [...]}`, as `isCollection` examples show.
    pub collection: RoundTrip,
}

impl TypeInfo {
    pub const fn of<T: Serialize + DeserializeOwned>(name: &'static str) -> Self {
        TypeInfo {
            name,
            round_trip: round_trip::<T>,
            collection: round_trip::<crate::Collection<T>>,
        }
    }
}

/// A documented operation by its page name (`participant-invite`).
#[derive(Clone, Debug)]
pub struct EndpointInfo {
    pub name: &'static str,
    pub method: http::Method,
    pub paths: &'static [PathTemplate],
    /// The documented success status.
    pub status: u16,
    pub body: RoundTrip,
    pub response: RoundTrip,
    /// [`resend`](crate::resend) with this endpoint's stub.
    pub resend: Resend,
}

impl EndpointInfo {
    pub const fn of<E>(name: &'static str) -> Self
    where
        E: Endpoint,
        E::Body: DeserializeOwned,
        E::Response: Serialize,
    {
        EndpointInfo {
            name,
            method: E::METHOD,
            paths: E::PATHS,
            status: E::SUCCESS,
            body: round_trip::<E::Body>,
            response: round_trip::<E::Response>,
            resend: crate::resend::<E>,
        }
    }

    /// [`rebuild`](crate::rebuild) with this endpoint's stub.
    pub fn rebuild(&self, written: &crate::RawRequest) -> Result<(), crate::RebuildError> {
        crate::received::sent_back(written, &(self.resend)(written, "")?)
    }

    /// Whether a request with this method and path (no host, version or query) is this
    /// operation.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_str().eq_ignore_ascii_case(method)
            && self.paths.iter().any(|p| p.matches(path))
    }
}

/// A doc example to check: what kind of block it is and what it says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// `request`, `response` or `example`.
    pub kind: String,
    /// The request's method and path (no host, version or query); for a response, those of
    /// its request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The operation of the page it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The annotation's `@odata.type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default)]
    pub is_collection: bool,
}

/// The generated type an example is checked against.
#[derive(Clone, Debug)]
pub struct Target {
    /// `body of participant-invite`, `response of participant-invite`, or a type name.
    pub name: String,
    pub round_trip: RoundTrip,
    /// A request whose method and path match an endpoint stub's.
    pub matched: bool,
}

/// What a generated crate defines, for tools that pick a type at run time.
#[derive(Clone, Copy, Debug)]
pub struct Registry {
    pub types: &'static [TypeInfo],
    pub endpoints: &'static [EndpointInfo],
}

impl Registry {
    /// The endpoint whose method and a path template match the example's request: its own
    /// page's, where several pages list the path.
    pub fn endpoint(&self, example: &Example) -> Option<&'static EndpointInfo> {
        let (method, path) = (example.method.as_ref()?, example.path.as_ref()?);
        let mut matching = self.endpoints.iter().filter(|e| e.matches(method, path));
        let first = matching.next()?;
        let own = |e: &&EndpointInfo| Some(e.name) == example.operation.as_deref();
        Some(
            std::iter::once(first)
                .chain(matching)
                .find(own)
                .unwrap_or(first),
        )
    }

    /// The body or response of the endpoint the request matches (by method and path, else by
    /// the page's operation), or else the type the annotation names.
    pub fn target(&self, example: &Example) -> Option<Target> {
        let by_request = self.endpoint(example);
        let matched = by_request.is_some();
        let endpoint = by_request.or_else(|| {
            let operation = example.operation.as_deref()?;
            self.endpoints.iter().find(|e| e.name == operation)
        });
        let by_type = || {
            let name = example.odata_type.as_deref()?.trim_start_matches('#');
            let info = self
                .types
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(name))?;
            Some(Target {
                name: info.name.to_owned(),
                round_trip: if example.is_collection {
                    info.collection
                } else {
                    info.round_trip
                },
                matched: false,
            })
        };
        match example.kind.as_str() {
            "request" => endpoint.map(|e| Target {
                name: format!("body of {}", e.name),
                round_trip: e.body,
                matched,
            }),
            // The annotation says what the body is where the endpoint cannot: a body shown
            // under a documented 204, a page of a narrower type (`isCollection` on a cast), or
            // the response to a request that fits none of the page's paths (a variant the page
            // shows but does not list).
            "response" => {
                let response = |e: &EndpointInfo| Target {
                    name: format!("response of {}", e.name),
                    round_trip: e.response,
                    matched: false,
                };
                by_request
                    .filter(|e| e.status != 204 && !example.is_collection)
                    .map(response)
                    .or_else(by_type)
                    .or_else(|| endpoint.map(response))
            }
            _ => by_type(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_where_the_docs_promise_none_is_kept_untyped() {
        let no_content = round_trip::<crate::NoContent>;
        assert_eq!(check(no_content, &Value::Null), Checked::FullyTyped);
        assert_eq!(
            check(no_content, &serde_json::json!({"id": "1"})),
            Checked::Lossless {
                untyped: vec![Untyped {
                    path: String::new(),
                    what: "an undocumented body".into()
                }]
            }
        );
    }

    #[test]
    fn a_response_reads_as_its_endpoint_only_when_its_request_fits_one() {
        static TYPES: [TypeInfo; 1] = [TypeInfo::of::<Value>("microsoft.graph.thumbnail")];
        static PATHS: [PathTemplate; 1] = [PathTemplate {
            template: "/items/{id}/thumbnails",
            deprecated: false,
        }];
        static ENDPOINTS: [EndpointInfo; 1] = [EndpointInfo {
            name: "item-list-thumbnails",
            method: http::Method::GET,
            paths: &PATHS,
            status: 200,
            body: round_trip::<crate::NoContent>,
            response: round_trip::<Value>,
            resend: |_, _| {
                Err(crate::RebuildError::Read(crate::PartsError::NoPath(
                    "".into(),
                )))
            },
        }];
        let registry = Registry {
            types: &TYPES,
            endpoints: &ENDPOINTS,
        };
        let response = |path: &str| Example {
            kind: "response".into(),
            method: Some("GET".into()),
            path: Some(path.into()),
            operation: Some("item-list-thumbnails".into()),
            odata_type: Some("microsoft.graph.thumbnail".into()),
            is_collection: false,
        };
        let target = |path: &str| registry.target(&response(path)).map(|t| t.name);
        assert_eq!(
            target("/items/1/thumbnails").as_deref(),
            Some("response of item-list-thumbnails")
        );
        // A variant the page shows but does not list: the annotation says what came back.
        assert_eq!(
            target("/items/1/thumbnails/0/small").as_deref(),
            Some("microsoft.graph.thumbnail")
        );
        let untyped = Example {
            odata_type: None,
            ..response("/items/1/thumbnails/0/small")
        };
        assert_eq!(
            registry.target(&untyped).map(|t| t.name).as_deref(),
            Some("response of item-list-thumbnails")
        );
    }
}
