use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::path::fill_template;
use crate::{ApiError, JsonPointer, Parts, PartsError, Query, Validate, ValidationErrors};

/// One documented HTTP path for an operation, with `{placeholders}` for path parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PathTemplate {
    pub template: &'static str,
    /// The page says this path is deprecated; requests use the first path that is not.
    pub deprecated: bool,
}

impl PathTemplate {
    pub const fn new(template: &'static str) -> Self {
        PathTemplate {
            template,
            deprecated: false,
        }
    }

    pub const fn deprecated(template: &'static str) -> Self {
        PathTemplate {
            template,
            deprecated: true,
        }
    }
}

/// The permission schemes of the docs' permissions table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum PermissionScheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

/// The permissions one scheme accepts, least privileged first; empty when not supported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Permission {
    pub scheme: PermissionScheme,
    pub names: &'static [&'static str],
}

impl Permission {
    pub const fn new(scheme: PermissionScheme, names: &'static [&'static str]) -> Self {
        Permission { scheme, names }
    }
}

/// The body type of operations whose docs list no body parameters. Whatever is sent anyway is
/// kept, untyped, so that nothing read is lost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoBody {
    pub extra: crate::Extra,
}

impl crate::wire::Object for NoBody {
    fn read_field<'de, D: serde::Deserializer<'de>>(
        &mut self,
        key: &str,
        value: D,
    ) -> Result<(), D::Error> {
        crate::wire::extra(&mut self.extra, key, value, false)
    }
}

crate::object!(NoBody);

impl Serialize for NoBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        crate::wire::entries(&mut map, &self.extra)?;
        map.end()
    }
}

impl Validate for NoBody {
    fn validate_into(&self, _: &mut JsonPointer, _: &mut ValidationErrors) {}
}

/// The body of an update (PATCH): part of a `T`. What it sends obeys every rule of `T` but
/// `required`, since what it leaves out stays as it was.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Partial<T>(pub T);

impl<T: Validate> Validate for Partial<T> {
    fn validate_into(&self, path: &mut JsonPointer, errors: &mut ValidationErrors) {
        let mut all = ValidationErrors::default();
        self.0.validate_into(path, &mut all);
        all.errors.retain(|e| e.code != "required");
        errors.errors.append(&mut all.errors);
        errors.warnings.append(&mut all.warnings);
    }

    fn constraints() -> Vec<crate::Constraint> {
        let mut all = T::constraints();
        all.retain(|c| c.rule != crate::checks::Rule::Required);
        all
    }
}

/// The response type of operations documented to return no content. A body sent anyway is
/// kept, untyped, so that nothing read is lost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoContent(pub Option<serde_json::Value>);

impl Serialize for NoContent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let body = Option::<serde_json::Value>::deserialize(d)?;
        if body.is_some() {
            crate::untyped::note(|| "an undocumented body".to_owned())?;
        }
        Ok(NoContent(body))
    }
}

/// An OData collection response, one page of it: `{"value": [...], "@odata.nextLink": ...}`.
/// Read and written through [`wire`](crate::wire), so that a long page is not buffered to find
/// its annotations.
#[derive(Clone, Debug, PartialEq)]
pub struct Collection<T> {
    pub value: Vec<T>,
    /// Where the next page is, exactly as the service wrote it.
    pub next_link: Option<String>,
    /// On the last page of a delta round: where the next round starts.
    pub delta_link: Option<String>,
    /// Other annotations such as `@odata.context`, kept so nothing is lost.
    pub extra: crate::Extra,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            value: Vec::new(),
            next_link: None,
            delta_link: None,
            extra: crate::Extra::default(),
        }
    }
}

impl<T: DeserializeOwned> crate::wire::Object for Collection<T> {
    fn read_field<'de, D: serde::Deserializer<'de>>(
        &mut self,
        key: &str,
        value: D,
    ) -> Result<(), D::Error> {
        match key {
            "value" => self.value = Deserialize::deserialize(value)?,
            "@odata.nextLink" => self.next_link = Deserialize::deserialize(value)?,
            "@odata.deltaLink" => self.delta_link = Deserialize::deserialize(value)?,
            _ => crate::wire::extra(&mut self.extra, key, value, true)?,
        }
        Ok(())
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Collection<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::wire::read(d)
    }
}

impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("value", &self.value)?;
        crate::wire::entry(&mut map, "@odata.nextLink", &self.next_link)?;
        crate::wire::entry(&mut map, "@odata.deltaLink", &self.delta_link)?;
        crate::wire::entries(&mut map, &self.extra)?;
        map.end()
    }
}

/// An OData response of one primitive value: `{"@odata.context": ..., "value": true}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Primitive<T> {
    pub value: T,
    /// Annotations such as `@odata.context`, kept so nothing is lost.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The warnings of a body that validated with some, in [`http::Request::extensions`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warnings(pub Vec<crate::ValidationError>);

/// One documented operation: what it sends, where, and what comes back.
///
/// Generated stubs implement the constants and accessors; requests and responses are built by
/// the provided methods, so every stub behaves the same way.
pub trait Endpoint {
    type Body: Serialize + Validate;
    type Response: DeserializeOwned;

    const METHOD: http::Method;
    const PATHS: &'static [PathTemplate];
    const PERMISSIONS: &'static [Permission];
    /// The documented success status code (`http::StatusCode` has no const constructor).
    const SUCCESS: u16;

    /// The request headers the docs list that the stub sends when set. `Authorization` is
    /// the client's to send, `Content-Type` the body's.
    const HEADERS: &'static [&'static str] = &[];

    /// The value of the path parameter `name`, as the placeholder spells it.
    fn path_param(&self, name: &str) -> Option<&str>;

    /// The value of the documented request header `name`, when set.
    fn header(&self, _name: &str) -> Option<&str> {
        None
    }

    fn body(&self) -> Option<&Self::Body>;

    /// The stub a request's parts describe: its path parameters, the documented headers it
    /// carries and its body. See [`receive`](crate::receive).
    fn from_parts(parts: &Parts<'_>) -> Result<Self, PartsError>
    where
        Self: Sized;

    /// The template requests use: of those whose every placeholder has a value, the one
    /// with the most, those not deprecated first, then in the docs' order; else the first
    /// that is not deprecated.
    fn path_template(&self) -> Result<&'static PathTemplate, RequestError> {
        let filled = |p: &PathTemplate| {
            let mut names = crate::path::placeholders(p.template);
            names.all(|name| self.path_param(name).is_some_and(|v| !v.is_empty()))
        };
        let best = (Self::PATHS.iter().enumerate())
            .filter(|(_, p)| filled(p))
            .min_by_key(|(i, p)| {
                let count = crate::path::placeholders(p.template).count();
                (std::cmp::Reverse(count), p.deprecated, *i)
            });
        best.map(|(_, p)| p)
            .or_else(|| Self::PATHS.iter().find(|p| !p.deprecated))
            .or_else(|| Self::PATHS.first())
            .ok_or(RequestError::NoPath)
    }

    /// The path of [`Endpoint::path_template`], with parameters filled in and escaped.
    fn path(&self) -> Result<String, RequestError> {
        self.path_on(self.path_template()?)
    }

    /// The path of `template`, with parameters filled in and escaped.
    fn path_on(&self, template: &PathTemplate) -> Result<String, RequestError> {
        fill_template(template.template, |name| self.path_param(name))
    }

    /// Validates the body, then builds the request against `base` (e.g. `https://host/v1.0`).
    /// A body that breaks only rules the docs say the service tolerates still builds; those
    /// warnings are in the request's extensions as [`Warnings`].
    fn to_request(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.to_request_with(base, &Query::default())
    }

    /// [`Endpoint::to_request`], with the query options `query`. An advanced query (`$search`,
    /// `$count=true`) also sends `ConsistencyLevel: eventual`, which the service asks for.
    fn to_request_with(
        &self,
        base: &str,
        query: &Query,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.to_request_on(self.path_template()?, base, query)
    }

    /// [`Endpoint::to_request_with`] on the path `template`, one of [`Endpoint::PATHS`].
    fn to_request_on(
        &self,
        template: &PathTemplate,
        base: &str,
        query: &Query,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let report = self.body().map(Validate::check).unwrap_or_default();
        if !report.is_empty() {
            return Err(RequestError::Invalid(report));
        }
        let mut request = self.to_request_unchecked(template, base, query)?;
        // Warnings travel with the request, for the caller to log or refuse.
        if !report.warnings.is_empty() {
            request.extensions_mut().insert(Warnings(report.warnings));
        }
        Ok(request)
    }

    /// [`Endpoint::to_request_on`] without validating the body: for a body the caller knows
    /// the service takes where the docs' rules say otherwise.
    fn to_request_unchecked(
        &self,
        template: &PathTemplate,
        base: &str,
        query: &Query,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut uri = format!("{}{}", base.trim_end_matches('/'), self.path_on(template)?);
        let options = query.to_query_string();
        if !options.is_empty() {
            uri.push('?');
            uri.push_str(&options);
        }
        let mut builder = http::Request::builder().method(Self::METHOD).uri(uri);
        for name in Self::HEADERS {
            if let Some(value) = self.header(name) {
                builder = builder.header(*name, value);
            }
        }
        let consistency = self.header("ConsistencyLevel").is_some();
        if query.is_advanced() && !consistency {
            builder = builder.header("ConsistencyLevel", "eventual");
        }
        let request = match self.body() {
            Some(body) => {
                let bytes = serde_json::to_vec(body).map_err(RequestError::Json)?;
                (builder.header(http::header::CONTENT_TYPE, "application/json")).body(bytes)
            }
            None => builder.body(Vec::new()),
        };
        request.map_err(RequestError::Http)
    }

    /// Reads a response: a success gives `Response`, any other status an [`ApiError`] that
    /// keeps the status, the headers and the body, with the OData error the body carries.
    fn parse_response(response: http::Response<&[u8]>) -> Result<Self::Response, ResponseError> {
        read_response(response)
    }
}

/// A success status's body as `T` (an empty one read as `null`), any other status as an
/// [`ApiError`].
pub fn read_response<T: DeserializeOwned>(
    response: http::Response<&[u8]>,
) -> Result<T, ResponseError> {
    let (parts, body) = response.into_parts();
    if !parts.status.is_success() {
        let error = ApiError::new(parts.status, parts.headers, body.to_vec());
        return Err(ResponseError::Api(Box::new(error)));
    }
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(ResponseError::Json)
}

#[derive(Debug)]
pub enum RequestError {
    NoPath,
    /// The documented path template would not stay on its path.
    BadTemplate {
        template: String,
        reason: &'static str,
    },
    MissingParam(String),
    /// A path parameter's value that would change the path's segments (`..`, `.`, empty).
    BadParam {
        name: String,
        value: String,
    },
    Invalid(ValidationErrors),
    Json(serde_json::Error),
    Http(http::Error),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::NoPath => f.write_str("the endpoint documents no path"),
            RequestError::BadTemplate { template, reason } => {
                write!(f, "path template {template} is refused: {reason}")
            }
            RequestError::MissingParam(p) => write!(f, "no value for path parameter {{{p}}}"),
            RequestError::BadParam { name, value } => write!(
                f,
                "path parameter {{{name}}} is refused: {value:?} would change the path's segments"
            ),
            RequestError::Invalid(e) => write!(f, "the body breaks the documented rules:\n{e}"),
            RequestError::Json(e) => write!(f, "the body does not serialize: {e}"),
            RequestError::Http(e) => write!(f, "invalid request: {e}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::NoPath
            | RequestError::BadTemplate { .. }
            | RequestError::MissingParam(_)
            | RequestError::BadParam { .. } => None,
            RequestError::Invalid(e) => Some(e),
            RequestError::Json(e) => Some(e),
            RequestError::Http(e) => Some(e),
        }
    }
}

#[derive(Debug)]
pub enum ResponseError {
    /// The service answered with an error status (boxed: it keeps the whole response).
    Api(Box<ApiError>),
    /// A success whose body is not the documented type.
    Json(serde_json::Error),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api(e) => write!(f, "the service answered {e}"),
            ResponseError::Json(_) => f.write_str("the response body does not match its type"),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Api(_) => None,
            ResponseError::Json(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_error() -> serde_json::Error {
        serde_json::from_str::<serde_json::Value>("{").unwrap_err()
    }

    /// The source of `error`, as an `E`.
    fn source_as<E: std::error::Error + 'static>(error: &dyn std::error::Error) -> &E {
        error.source().unwrap().downcast_ref::<E>().unwrap()
    }

    #[test]
    fn errors_expose_their_causes() {
        let mut invalid = ValidationErrors::default();
        invalid.push(&JsonPointer::root(), "required", "missing");
        let error = RequestError::Invalid(invalid.clone());
        assert_eq!(source_as::<ValidationErrors>(&error), &invalid);

        let error = RequestError::Json(json_error());
        let cause = source_as::<serde_json::Error>(&error);
        assert_eq!(cause.to_string(), json_error().to_string());

        let http = || http::Request::builder().uri("\0").body(()).unwrap_err();
        let error = RequestError::Http(http());
        assert_eq!(
            source_as::<http::Error>(&error).to_string(),
            http().to_string()
        );

        let error = ResponseError::Json(json_error());
        let cause = source_as::<serde_json::Error>(&error);
        assert_eq!(cause.to_string(), json_error().to_string());
    }

    #[test]
    fn errors_without_a_cause_have_no_source() {
        use std::error::Error as _;
        assert!(RequestError::NoPath.source().is_none());
        let template = "/{id".into();
        let reason = "a placeholder is not closed";
        assert!(
            RequestError::BadTemplate { template, reason }
                .source()
                .is_none()
        );
        assert!(RequestError::MissingParam("id".into()).source().is_none());
        let api = ApiError::new(http::StatusCode::NOT_FOUND, Default::default(), Vec::new());
        let status = ResponseError::Api(Box::new(api));
        assert!(status.source().is_none());
        assert_eq!(status.to_string(), "the service answered 404 Not Found");
    }

    #[test]
    fn primitive_responses_keep_their_annotations() {
        let wire =
            serde_json::json!({"@odata.context": "https://x/$metadata#Edm.Boolean", "value": true});
        let read: Primitive<bool> = serde_json::from_value(wire.clone()).unwrap();
        assert!(read.value);
        assert_eq!(serde_json::to_value(&read).unwrap(), wire);
        assert!(serde_json::from_value::<Primitive<bool>>(serde_json::json!(true)).is_err());
    }
}
