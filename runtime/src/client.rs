//! A small async client over `reqwest` (cargo feature `reqwest`): it sends any endpoint stub
//! with a bearer token and a user agent, retries what the service asks to have retried, and
//! follows a list's pages.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub use reqwest;
use serde::de::DeserializeOwned;

use crate::{
    ApiError, Collection, Endpoint, Next, PageError, Pager, Query, RequestError, ResponseError,
    read_response,
};

/// Where requests go unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";

/// What a token provider's future gives.
pub type TokenFuture<'a> = Pin<
    Box<dyn Future<Output = Result<String, Box<dyn std::error::Error + Send + Sync>>> + Send + 'a>,
>;

/// Gives the bearer token of each request; asked again before every attempt, so that it may
/// refresh one that expired.
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> TokenFuture<'_>;
}

/// One token for every request.
#[derive(Clone)]
pub struct StaticToken(pub String);

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

/// How throttled and unavailable answers (429, 503, 504) are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retry {
    /// Retries after the first attempt; 0 never retries.
    pub max_retries: u32,
    /// The wait before the first retry when the service says none; it doubles each time.
    pub backoff: Duration,
    /// No wait is longer, whatever `Retry-After` says.
    pub max_wait: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            max_retries: 3,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
        }
    }
}

impl Retry {
    /// How long to wait before retry `attempt` (from 0) after `error`: its `Retry-After`, or
    /// the backoff, never more than `max_wait`.
    pub fn wait(&self, attempt: u32, error: &ApiError) -> Duration {
        let backoff = self.backoff.saturating_mul(1 << attempt.min(16));
        error.retry_after().unwrap_or(backoff).min(self.max_wait)
    }
}

/// Sends endpoint stubs.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: Arc<dyn TokenProvider>,
    user_agent: String,
    retry: Retry,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of [`DEFAULT_BASE_URL`] that sends the tokens `token` gives.
    pub fn new(token: impl TokenProvider + 'static) -> Self {
        Client {
            http: reqwest::Client::new(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            token: Arc::new(token),
            user_agent: concat!("docbind/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: Retry::default(),
        }
    }

    /// Requests go to `url` (`https://graph.microsoft.com/beta`, a test server).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// Sends through `http`, for its timeouts, proxy or TLS settings.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    pub fn base(&self) -> &str {
        &self.base_url
    }

    /// Sends `endpoint` and reads its documented response.
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, ClientError> {
        self.send_with(endpoint, &Query::default()).await
    }

    /// [`Client::send`] with the query options `query`.
    pub async fn send_with<E: Endpoint>(
        &self,
        endpoint: &E,
        query: &Query,
    ) -> Result<E::Response, ClientError> {
        let request = endpoint.to_request_with(&self.base_url, query)?;
        let response = self.execute(request).await?;
        let (parts, body) = response.into_parts();
        Ok(E::parse_response(http::Response::from_parts(
            parts,
            &body[..],
        ))?)
    }

    /// Sends a request built elsewhere (a stub's, a pager's) with the token and user agent,
    /// retrying 429, 503 and 504 as [`Retry`] says. Any status comes back; the caller reads it.
    pub async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let (parts, body) = request.into_parts();
        let mut attempt = 0;
        loop {
            let token = self.token.token().await.map_err(ClientError::Token)?;
            let mut headers = parts.headers.clone();
            let bearer = http::HeaderValue::try_from(format!("Bearer {token}"))
                .map_err(|_| ClientError::Token("the token is no header value".into()))?;
            headers.insert(http::header::AUTHORIZATION, bearer);
            if let Ok(agent) = http::HeaderValue::try_from(&self.user_agent) {
                headers.entry(http::header::USER_AGENT).or_insert(agent);
            }
            let sent = self
                .http
                .request(parts.method.clone(), parts.uri.to_string())
                .headers(headers)
                .body(body.clone())
                .send()
                .await
                .map_err(ClientError::Transport)?;
            let status = sent.status();
            let headers = sent.headers().clone();
            let bytes = sent.bytes().await.map_err(ClientError::Transport)?.to_vec();
            let retryable = ApiError::new(status, headers.clone(), Vec::new());
            if retryable.is_retryable() && attempt < self.retry.max_retries {
                tokio::time::sleep(self.retry.wait(attempt, &retryable)).await;
                attempt += 1;
                continue;
            }
            let mut response = http::Response::new(bytes);
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            return Ok(response);
        }
    }

    /// Every item of a list, page by page from the first request `endpoint` builds with
    /// `query`, following each `@odata.nextLink` as given and sending again the headers
    /// `keep` names; with the delta link of the last page, where a delta round resumes.
    pub async fn all_pages<E, T>(
        &self,
        endpoint: &E,
        query: &Query,
        keep: &[http::HeaderName],
    ) -> Result<(Vec<T>, Option<String>), ClientError>
    where
        E: Endpoint<Response = Collection<T>>,
        T: DeserializeOwned,
    {
        let first = endpoint.to_request_with(&self.base_url, query)?;
        self.follow(first, keep).await
    }

    /// [`Client::all_pages`] from a request built elsewhere: a delta link kept from the last
    /// round, say.
    pub async fn follow<T: DeserializeOwned>(
        &self,
        first: http::Request<Vec<u8>>,
        keep: &[http::HeaderName],
    ) -> Result<(Vec<T>, Option<String>), ClientError> {
        let mut pager = Pager::new(&first, keep);
        let mut items = Vec::new();
        let mut request = first;
        loop {
            let response = self.execute(request).await?;
            let (parts, body) = response.into_parts();
            let page: Collection<T> = read_response(http::Response::from_parts(parts, &body[..]))?;
            match pager.next(&page)? {
                Next::Page(next) => request = *next,
                Next::Done { delta_link } => {
                    items.extend(page.value);
                    return Ok((items, delta_link));
                }
            }
            items.extend(page.value);
        }
    }
}

/// Why a request sent through the client gave no typed response.
#[derive(Debug)]
pub enum ClientError {
    /// The stub built no request.
    Request(RequestError),
    /// The token provider failed.
    Token(Box<dyn std::error::Error + Send + Sync>),
    /// Nothing came back: no connection, a timeout.
    Transport(reqwest::Error),
    /// The service answered with an error, or a body that is not the documented one.
    Response(ResponseError),
    Page(PageError),
}

impl ClientError {
    /// The service's error, when it answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            ClientError::Response(ResponseError::Api(e)) => Some(e),
            _ => None,
        }
    }
}

impl From<RequestError> for ClientError {
    fn from(e: RequestError) -> Self {
        ClientError::Request(e)
    }
}

impl From<ResponseError> for ClientError {
    fn from(e: ResponseError) -> Self {
        ClientError::Response(e)
    }
}

impl From<PageError> for ClientError {
    fn from(e: PageError) -> Self {
        ClientError::Page(e)
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Request(e) => e.fmt(f),
            ClientError::Token(e) => write!(f, "no token: {e}"),
            ClientError::Transport(e) => write!(f, "the request was not answered: {e}"),
            ClientError::Response(e) => e.fmt(f),
            ClientError::Page(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Request(e) => e.source(),
            ClientError::Token(e) => Some(&**e),
            ClientError::Transport(e) => Some(e),
            ClientError::Response(e) => e.source(),
            ClientError::Page(e) => e.source(),
        }
    }
}
