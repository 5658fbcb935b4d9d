//! What a service answers instead of the documented success: the status, headers and raw body,
//! and the OData error the body carries when it does.

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::Deserialize;
use serde_json::{Map, Value};

/// A response whose status is not a success.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: http::StatusCode,
    pub headers: http::HeaderMap,
    /// The body as it came, JSON or not.
    pub body: Vec<u8>,
    /// The body's `error` object, when the body is one.
    pub odata: Option<ODataError>,
}

/// OData's error object: `{"error": {"code", "message", "innerError", …}}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ODataError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    /// Services write both `innerError` and `innererror`.
    #[serde(default, alias = "innererror", rename = "innerError")]
    pub inner_error: Option<InnerError>,
    /// Anything else the service sent (`details`, `target`…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The service's own details about an error.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct InnerError {
    /// Both `request-id` and `requestId` are written.
    #[serde(default, alias = "requestId", rename = "request-id")]
    pub request_id: Option<String>,
    #[serde(default, alias = "clientRequestId", rename = "client-request-id")]
    pub client_request_id: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct Envelope {
    error: ODataError,
}

impl ApiError {
    /// Keeps the whole response, and reads the OData error where the body holds one.
    pub fn new(status: http::StatusCode, headers: http::HeaderMap, body: Vec<u8>) -> Self {
        let odata = serde_json::from_slice::<Envelope>(&body)
            .ok()
            .map(|e| e.error);
        ApiError {
            status,
            headers,
            body,
            odata,
        }
    }

    /// The request id the service gave: the error's, else the `request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        let inner = self.odata.as_ref().and_then(|e| e.inner_error.as_ref());
        inner
            .and_then(|i| i.request_id.as_deref())
            .or_else(|| self.header("request-id"))
    }

    /// Whether the same request may succeed later: throttled (429), unavailable (503) or timed
    /// out at a gateway (504).
    pub fn is_retryable(&self) -> bool {
        matches!(self.status.as_u16(), 429 | 503 | 504)
    }

    /// How long the service asked to wait, from `Retry-After`: seconds (decimals too) or an
    /// HTTP date, counted from now. A date already past is no wait.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after_at(SystemTime::now())
    }

    /// [`ApiError::retry_after`], counted from `now`.
    pub fn retry_after_at(&self, now: SystemTime) -> Option<Duration> {
        let value = self.header("retry-after")?.trim();
        if let Ok(seconds) = value.parse::<f64>() {
            return Duration::try_from_secs_f64(seconds).ok();
        }
        let at = httpdate::parse_http_date(value).ok()?;
        Some(at.duration_since(now).unwrap_or_default())
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// `404 Not Found: itemNotFound: The item does not exist (request-id 1234)`; a body that is
/// no OData error is shown as text.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        match &self.odata {
            Some(e) => write!(f, ": {}: {}", e.code, e.message)?,
            None if !self.body.is_empty() => {
                let text = String::from_utf8_lossy(&self.body);
                write!(f, ": {}", text.trim())?
            }
            None => {}
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, headers: &[(&str, &str)], body: &str) -> ApiError {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        ApiError::new(status.try_into().unwrap(), map, body.into())
    }

    #[test]
    fn reads_the_odata_error_in_either_spelling() {
        for body in [
            r#"{"error":{"code":"itemNotFound","message":"No such item.","innerError":{"request-id":"r1","date":"2026-01-01T00:00:00"}}}"#,
            r#"{"error":{"code":"itemNotFound","message":"No such item.","innererror":{"requestId":"r1"}}}"#,
        ] {
            let e = error(404, &[], body);
            let odata = e.odata.as_ref().unwrap();
            assert_eq!(
                (odata.code.as_str(), odata.message.as_str()),
                ("itemNotFound", "No such item.")
            );
            assert_eq!(e.request_id(), Some("r1"));
            assert_eq!(
                e.to_string(),
                "404 Not Found: itemNotFound: No such item. (request-id r1)"
            );
            assert!(!e.is_retryable());
        }
    }

    #[test]
    fn a_body_that_is_no_odata_error_is_kept_as_text() {
        let e = error(502, &[("request-id", "h1")], "<html>Bad gateway</html>\n");
        assert_eq!(e.odata, None);
        assert_eq!(e.body, b"<html>Bad gateway</html>\n");
        assert_eq!(
            e.to_string(),
            "502 Bad Gateway: <html>Bad gateway</html> (request-id h1)"
        );
    }

    #[test]
    fn retry_after_reads_seconds_with_decimals_and_http_dates() {
        let now = httpdate::parse_http_date("Mon, 07 Dec 2026 10:00:00 GMT").unwrap();
        let after = |value: &str| error(429, &[("retry-after", value)], "").retry_after_at(now);
        assert_eq!(after("3"), Some(Duration::from_secs(3)));
        assert_eq!(after("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(
            after("Mon, 07 Dec 2026 10:00:30 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(after("Mon, 07 Dec 2026 09:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(after("soon"), None);
        assert_eq!(after("-1"), None);
        assert!(error(429, &[], "").is_retryable());
        assert!(error(503, &[], "").is_retryable() && error(504, &[], "").is_retryable());
        assert!(!error(500, &[], "").is_retryable());
    }
}
