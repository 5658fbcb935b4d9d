//! The `reqwest` client against a mock server on 127.0.0.1, with the stubs generated from
//! `docs-src/`: errors, throttling, a list of three pages, and a delta round.

use std::time::{Duration, Instant};

use docbind::PageError;
use docbind::client::{Client, ClientError, Retry, StaticToken};
use docs_src_bindings::{CallListParticipants, ParticipantGet};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PARTICIPANT: &str = "/v1.0/communications/calls/c1/participants/p1";
const LIST: &str = "/v1.0/communications/calls/c1/participants";

fn client(server: &MockServer) -> Client {
    let retry = Retry {
        max_retries: 2,
        backoff: Duration::from_millis(1),
        max_wait: Duration::from_millis(50),
    };
    Client::new(StaticToken("t0k3n".into()))
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(retry)
}

fn get() -> ParticipantGet {
    ParticipantGet {
        call_id: "c1".into(),
        participant_id: "p1".into(),
    }
}

fn list() -> CallListParticipants {
    CallListParticipants {
        id: "c1".into(),
        consistency_level: None,
    }
}

/// The ids of a page of participants.
fn ids(items: &[docs_src_bindings::Participant]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|p| p.id.value().map(String::as_str))
        .collect()
}

#[tokio::test]
async fn an_error_status_gives_the_odata_error_and_keeps_the_response() {
    let server = MockServer::start().await;
    let error = json!({"error": {
        "code": "itemNotFound",
        "message": "No such participant.",
        "innerError": {"request-id": "r-1", "date": "2026-12-07T08:00:00"}
    }});
    Mock::given(method("GET"))
        .and(path(PARTICIPANT))
        .respond_with(ResponseTemplate::new(404).set_body_json(error))
        .mount(&server)
        .await;
    // The generated crate names the version its pages' examples use.
    assert_eq!(
        docs_src_bindings::BASE_URL,
        docbind::client::DEFAULT_BASE_URL
    );
    let failed = client(&server).send(&get()).await.unwrap_err();
    let api = failed.api().expect("the service's error");
    assert_eq!(api.status, 404);
    let odata = api.odata.as_ref().expect("an OData error");
    assert_eq!(odata.code, "itemNotFound");
    assert_eq!(api.request_id(), Some("r-1"));
    assert!(!api.is_retryable());
    let shown = failed.to_string();
    for part in ["404", "itemNotFound", "No such participant.", "r-1"] {
        assert!(shown.contains(part), "{shown}");
    }
    // What the client sent: the token and its user agent.
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.headers["authorization"], "Bearer t0k3n");
    let agent = sent.headers["user-agent"].to_str().unwrap();
    assert!(agent.starts_with("docbind/"), "{agent}");

    // A body that is not JSON is kept as it came.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("Bad gateway"))
        .mount(&server)
        .await;
    let failed = client(&server).send(&get()).await.unwrap_err();
    let api = failed.api().unwrap();
    assert!(api.odata.is_none());
    assert_eq!(api.body, b"Bad gateway");
}

#[tokio::test]
async fn throttled_requests_are_retried_when_the_service_says() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0.01"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "p1"})))
        .mount(&server)
        .await;
    let read = client(&server).send(&get()).await.unwrap();
    assert_eq!(read.id.value().map(String::as_str), Some("p1"));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // An hour's `Retry-After` is cut to the cap, and the retries run out.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "3600"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let failed = client(&server).send(&get()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(30));
    let api = failed.api().unwrap();
    assert_eq!(api.status, 503);
    assert_eq!(api.retry_after(), Some(Duration::from_secs(3600)));
    // The first attempt and two retries.
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

/// Serves `body` for the list's request whose `$skiptoken` is `token` (`None`: the first).
async fn page(server: &MockServer, token: Option<&str>, body: serde_json::Value) {
    let mock = Mock::given(method("GET")).and(path(LIST));
    let mock = match token {
        Some(token) => mock.and(query_param("$skiptoken", token)),
        None => mock.and(query_param_is_missing("$skiptoken")),
    };
    (mock.respond_with(ResponseTemplate::new(200).set_body_json(body)))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_list_of_three_pages_is_followed_as_linked() {
    let server = MockServer::start().await;
    let next = |token: &str| format!("{}{LIST}?$count=true&$skiptoken={token}", server.uri());
    // An opaque token goes back exactly as the service wrote it.
    page(
        &server,
        None,
        json!({"value": [{"id": "a"}], "@odata.nextLink": next("x%2B1")}),
    )
    .await;
    page(
        &server,
        Some("x+1"),
        json!({"value": [{"id": "b"}], "@odata.nextLink": next("2")}),
    )
    .await;
    page(&server, Some("2"), json!({"value": [{"id": "c"}]})).await;
    let keep = [docbind::http::HeaderName::from_static("consistencylevel")];
    let query = docbind::Query::new().count(true);
    let (items, delta) = (client(&server).all_pages(&list(), &query, &keep))
        .await
        .unwrap();
    assert_eq!(ids(&items), ["a", "b", "c"]);
    assert_eq!(delta, None);
    // `$count=true` asked for `ConsistencyLevel`, and every page sent it again.
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    for request in &received {
        assert_eq!(request.headers["consistencylevel"], "eventual");
    }

    // A link the service sends twice ends the paging with an error, not a loop.
    server.reset().await;
    page(
        &server,
        None,
        json!({"value": [], "@odata.nextLink": next("1")}),
    )
    .await;
    page(
        &server,
        Some("1"),
        json!({"value": [], "@odata.nextLink": next("1")}),
    )
    .await;
    let looped = client(&server).all_pages(&list(), &query, &keep).await;
    assert!(matches!(
        looped,
        Err(ClientError::Page(PageError::Repeated(link))) if link == next("1")
    ));
}

#[tokio::test]
async fn a_delta_round_hands_back_where_the_next_round_starts() {
    let server = MockServer::start().await;
    let link = |query: &str| format!("{}{LIST}?{query}", server.uri());
    page(
        &server,
        None,
        json!({"value": [{"id": "a"}], "@odata.nextLink": link("$skiptoken=s1")}),
    )
    .await;
    let last = json!({"value": [{"id": "b"}], "@odata.deltaLink": link("$deltatoken=d1")});
    page(&server, Some("s1"), last).await;
    let client = client(&server);
    let (items, delta) = (client.all_pages(&list(), &docbind::Query::new(), &[]))
        .await
        .unwrap();
    assert_eq!(ids(&items), ["a", "b"]);
    assert_eq!(delta.as_deref(), Some(link("$deltatoken=d1").as_str()));

    // The next round starts from the delta link and gives only what changed.
    Mock::given(method("GET"))
        .and(query_param("$deltatoken", "d1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"value": [{"id": "b", "@removed": {"reason": "deleted"}}], "@odata.deltaLink": link("$deltatoken=d2")}),
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    let resume = docbind::http::Request::get(delta.unwrap())
        .body(Vec::new())
        .unwrap();
    let (changed, delta) = client
        .follow::<docs_src_bindings::Participant>(resume, &[])
        .await
        .unwrap();
    assert_eq!(ids(&changed), ["b"]);
    assert_eq!(delta.as_deref(), Some(link("$deltatoken=d2").as_str()));
}
