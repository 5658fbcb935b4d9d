//! The rules the seed states, enforced by the generated invite body and its endpoint stub.

use docbind::{Endpoint, Nullable, PermissionScheme, RequestError, Validate};
use docbind_tests::seed;
use docs_src_bindings::{
    Identity, IdentitySet, InvitationParticipantInfo, InviteParticipantsOperation,
    ParticipantInvite, ParticipantInviteBody,
};

fn participant(id: &str) -> InvitationParticipantInfo {
    InvitationParticipantInfo {
        identity: Nullable::Value(
            IdentitySet {
                user: Identity {
                    id: Nullable::Value(id.to_owned()),
                    ..Default::default()
                }
                .into(),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

fn body(participants: usize, context_len: usize) -> ParticipantInviteBody {
    ParticipantInviteBody {
        participants: Nullable::Value(
            (0..participants)
                .map(|i| participant(&format!("user-{i}")))
                .collect(),
        ),
        client_context: Nullable::Value("c".repeat(context_len)),
        ..Default::default()
    }
}

fn failures(body: &ParticipantInviteBody) -> Vec<(String, &'static str)> {
    match body.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.errors.into_iter().map(|e| (e.path, e.code)).collect(),
    }
}

#[test]
fn accepts_what_the_docs_allow() {
    assert_eq!(failures(&body(1, 0)), []);
    assert_eq!(failures(&body(5, 256)), []);
    let no_context = ParticipantInviteBody {
        client_context: Nullable::Absent,
        ..body(2, 0)
    };
    assert_eq!(failures(&no_context), []);
}

#[test]
fn client_context_is_at_most_256_characters() {
    assert_eq!(
        failures(&body(1, 257)),
        [("/clientContext".to_owned(), "length")]
    );
    // Characters, not bytes: 256 two-byte characters are fine.
    let wide = ParticipantInviteBody {
        client_context: Nullable::Value("é".repeat(256)),
        ..body(1, 0)
    };
    assert_eq!(failures(&wide), []);
}

#[test]
fn at_most_five_participants() {
    assert_eq!(
        failures(&body(6, 0)),
        [("/participants".to_owned(), "items")]
    );
}

#[test]
fn participants_are_required() {
    let missing = ParticipantInviteBody {
        participants: Nullable::Absent,
        ..body(0, 10)
    };
    assert_eq!(
        failures(&missing),
        [("/participants".to_owned(), "required")]
    );
}

#[test]
fn every_violation_is_reported_with_wire_paths() {
    let mut bad = body(6, 300);
    bad.participants.value_mut().unwrap()[3].identity = Nullable::Absent;
    assert_eq!(
        failures(&bad),
        [
            ("/participants".to_owned(), "items"),
            ("/participants/3/identity".to_owned(), "required"),
            ("/clientContext".to_owned(), "length"),
        ]
    );
}

#[test]
fn the_seed_request_bodies_are_valid() {
    let Some(seed) = seed() else { return };
    let model = docbind_codegen::load(&[seed]).unwrap();
    let mut checked = 0;
    for example in &model.operations[0].examples {
        let json = example
            .request
            .as_ref()
            .and_then(|r| r.json.clone())
            .unwrap();
        let body: ParticipantInviteBody = serde_json::from_value(json).unwrap();
        assert_eq!(
            failures(&body),
            [],
            "{}",
            example.request.as_ref().unwrap().source
        );
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn the_stub_describes_the_operation() {
    assert_eq!(ParticipantInvite::METHOD, docbind::http::Method::POST);
    assert_eq!(ParticipantInvite::SUCCESS, 200);
    let paths: Vec<_> = ParticipantInvite::PATHS
        .iter()
        .map(|p| (p.template, p.deprecated))
        .collect();
    assert_eq!(
        paths,
        [
            ("/app/calls/{id}/participants/invite", true),
            ("/communications/calls/{id}/participants/invite", false)
        ]
    );
    let app = ParticipantInvite::PERMISSIONS
        .iter()
        .find(|p| p.scheme == PermissionScheme::Application)
        .unwrap();
    assert_eq!(app.names, ["Calls.InitiateGroupCalls.All"]);
}

#[test]
fn the_stub_builds_requests_and_reads_responses() {
    let invite = ParticipantInvite {
        id: "call/1".into(),
        body: body(1, 4),
    };
    let request = invite
        .to_request("https://graph.microsoft.com/v1.0/")
        .unwrap();
    assert_eq!(request.method(), docbind::http::Method::POST);
    // The deprecated /app path is skipped, and the parameter is escaped.
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/communications/calls/call%2F1/participants/invite"
    );
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent["clientContext"], "cccc");
    assert_eq!(sent["participants"][0]["identity"]["user"]["id"], "user-0");

    let invalid = ParticipantInvite {
        id: "x".into(),
        body: body(6, 0),
    };
    assert!(matches!(
        invalid.to_request("https://h"),
        Err(RequestError::Invalid(_))
    ));

    let reply = br#"{"id": "op-1", "status": "running", "resultInfo": null}"#;
    let response = docbind::http::Response::builder()
        .status(200)
        .body(&reply[..])
        .unwrap();
    let operation: InviteParticipantsOperation =
        ParticipantInvite::parse_response(response).unwrap();
    assert_eq!(
        operation.status,
        Nullable::Value(docs_src_bindings::OperationStatus::Running)
    );
    assert!(operation.result_info.is_null());
}

/// Query options go into the URL, escaped; an advanced query asks for eventual consistency; a
/// page of a list keeps its next and delta links as the service wrote them.
#[test]
fn a_list_takes_query_options_and_reads_its_page_links() {
    use docbind::Query;
    use docs_src_bindings::CallListParticipants;
    let mut list = CallListParticipants {
        id: "call 1".into(),
        consistency_level: None,
    };
    let query = Query::new()
        .select(["id", "info"])
        .filter("isMuted eq true")
        .count(true);
    let request = list.to_request_with("https://h/v1.0", &query).unwrap();
    assert_eq!(
        request.uri(),
        "https://h/v1.0/communications/calls/call%201/participants\
         ?$select=id,info&$filter=isMuted%20eq%20true&$count=true"
    );
    assert_eq!(request.headers()["consistencylevel"], "eventual");
    let plain = list.to_request("https://h/v1.0").unwrap();
    assert!(plain.uri().query().is_none() && plain.headers().is_empty());
    // A header the page documents is the stub's to set, and is sent as set.
    list.consistency_level = Some("session".into());
    let set = list.to_request_with("https://h/v1.0", &query).unwrap();
    let sent: Vec<_> = set.headers().get_all("consistencylevel").iter().collect();
    assert_eq!(sent, ["session"]);

    let next = "https://h/v1.0/communications/calls/call%201/participants?$skiptoken=X%2BY";
    let reply = serde_json::json!({"value": [{"id": "p1"}], "@odata.nextLink": next});
    let reply = serde_json::to_vec(&reply).unwrap();
    let response = docbind::http::Response::builder()
        .status(200)
        .body(&reply[..])
        .unwrap();
    let page = CallListParticipants::parse_response(response).unwrap();
    assert_eq!(
        (page.value.len(), page.next_link.as_deref()),
        (1, Some(next))
    );
    let last: docbind::Collection<docs_src_bindings::Participant> = serde_json::from_value(
        serde_json::json!({"value": [], "@odata.deltaLink": "https://h/d?$deltatoken=1"}),
    )
    .unwrap();
    assert_eq!(
        last.delta_link.as_deref(),
        Some("https://h/d?$deltatoken=1")
    );
    assert!(last.extra.is_empty());
}

/// Any status but a success is the service's error, kept whole, with its OData error read.
#[test]
fn an_error_status_gives_the_odata_error_and_keeps_the_response() {
    let reply = br#"{"error": {"code": "TooManyRequests", "message": "Slow down.",
        "innerError": {"request-id": "req-7", "date": "2026-12-07T10:00:00"}}}"#;
    let response = docbind::http::Response::builder()
        .status(429)
        .header("retry-after", "2.5")
        .body(&reply[..])
        .unwrap();
    let Err(docbind::ResponseError::Api(error)) = ParticipantInvite::parse_response(response)
    else {
        panic!("a 429 is an error")
    };
    assert_eq!(error.status, 429);
    assert_eq!(error.body, reply);
    let odata = error.odata.as_ref().unwrap();
    assert_eq!(
        (odata.code.as_str(), odata.message.as_str()),
        ("TooManyRequests", "Slow down.")
    );
    assert!(error.is_retryable());
    assert_eq!(
        error.retry_after(),
        Some(std::time::Duration::from_millis(2500))
    );
    assert_eq!(
        error.to_string(),
        "429 Too Many Requests: TooManyRequests: Slow down. (request-id req-7)"
    );
}

#[test]
fn enum_values_must_be_documented_members() {
    use docs_src_bindings::EndpointType;
    let with = |first: EndpointType, second: EndpointType| {
        let mut invite = body(2, 0);
        let participants = invite.participants.value_mut().unwrap();
        participants[0].endpoint_type = first.into();
        participants[1].endpoint_type = second.into();
        invite
    };
    assert_eq!(
        failures(&with(EndpointType::SkypeForBusiness, EndpointType::Default)),
        []
    );
    // The placeholder for future members, and values the docs do not list, are not sent.
    let invite = with(
        EndpointType::UnknownFutureValue,
        EndpointType::Other("teamsRoom".into()),
    );
    assert_eq!(
        failures(&invite),
        [
            ("/participants/0/endpointType".to_owned(), "allowed"),
            ("/participants/1/endpointType".to_owned(), "allowed"),
        ]
    );
}
