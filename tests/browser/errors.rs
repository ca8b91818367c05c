//! Failures: each maps to its message and event, Retry recovers, bad attributes send nothing.

use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{FetchStub, Fixture, SEED_EXAMPLE, field, settle, sleep};
use task_history::state::Timings;

const LEAD: &[(&str, &str)] = &[("lead-id", "12345"), ("proxy-base", "/api")];

#[wasm_bindgen_test]
async fn each_error_maps_to_its_message_and_retry_recovers() {
    // (status, body, headers, message shown, its id, Retry offered, words in the event's cause)
    type Case<'a> = (
        u16,
        &'a str,
        &'a [(&'a str, &'a str)],
        &'a str,
        &'a str,
        bool,
        &'a str,
    );
    let cases: &[Case] = &[
        (
            404,
            r#"{"message":"Lead not found"}"#,
            &[],
            "This lead could not be found.",
            "error.not_found",
            false,
            "Lead not found",
        ),
        (
            400,
            r#"{"message":"page_size cannot exceed 20"}"#,
            &[],
            "The task service could not handle this request.",
            "error.bad_request",
            false,
            "page_size cannot exceed 20",
        ),
        (
            401,
            r#"{"message":"UnAuthorized, Please Provide Valid API Key"}"#,
            &[],
            "The task service refused its credentials. Ask your administrator to check the proxy's settings.",
            "error.credentials",
            true,
            "UnAuthorized, Please Provide Valid API Key (HTTP 401).",
        ),
        (
            403,
            "{}",
            &[],
            "You do not have access to this lead's tasks.",
            "error.forbidden",
            false,
            "(403)",
        ),
        (
            429,
            r#"{"message":"slow down"}"#,
            &[("Retry-After", "7")],
            "Too many requests. Trying again in 7 seconds.",
            "error.rate_limited_retrying",
            true,
            "7 seconds",
        ),
        (
            500,
            "Internal Server Error",
            &[],
            "The task service is having trouble. Please try again in a moment.",
            "error.server",
            true,
            "(HTTP 500)",
        ),
        (
            502,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            &[],
            "The task service is having trouble. Please try again in a moment.",
            "error.server",
            true,
            "(HTTP 502)",
        ),
        (
            502,
            r#"{"message":"The task service's response was cut off"}"#,
            &[],
            "The task service is having trouble. Please try again in a moment.",
            "error.server",
            true,
            "response was cut off",
        ),
        (
            504,
            "",
            &[],
            "The task service took too long to answer. Please try again.",
            "error.timeout",
            true,
            "too long",
        ),
        (
            200,
            r#"{"data": {"rows": [ {"id": 1"#,
            &[],
            "The task service sent an answer that could not be read. Please try again.",
            "error.malformed",
            true,
            "could not be read",
        ),
    ];
    for (status, body, headers, message, code, retryable, cause) in cases {
        let fetch = FetchStub::install();
        let fixture = Fixture::mount(LEAD);
        settle().await;
        fetch.respond(0, *status, body, headers);
        settle().await;
        assert_eq!(fixture.text("error-message"), *message, "status {status}");
        assert!(
            !fixture.text("error-message").contains("HTTP"),
            "status {status}"
        );
        let alert = fixture.find("error-state").expect("error state");
        assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
        let errors = fixture.details("task-history-error");
        assert_eq!(errors.len(), 1, "status {status}");
        assert_eq!(
            field(&errors[0], "status").as_f64(),
            Some(f64::from(*status))
        );
        assert_eq!(
            field(&errors[0], "message").as_string().as_deref(),
            Some(*message)
        );
        assert_eq!(
            field(&errors[0], "code").as_string().as_deref(),
            Some(*code)
        );
        let said = field(&errors[0], "cause").as_string().unwrap_or_default();
        assert!(said.contains(cause), "status {status}: cause {said:?}");

        assert_eq!(
            fixture.find("retry").is_some(),
            *retryable,
            "Retry for {status}"
        );
        if *retryable {
            fixture.click("retry");
        } else {
            // Retry cannot help here; the host's refresh() still can (the lead was created).
            fixture.handle().refresh();
        }
        settle().await;
        assert_eq!(fetch.count(), 2, "a new request (status {status})");
        fetch.respond(1, 200, SEED_EXAMPLE, &[]);
        settle().await;
        assert!(
            fixture.find("error-state").is_none(),
            "error cleared (status {status})"
        );
        assert_eq!(fixture.all("task-card").len(), 2);
    }
}

#[wasm_bindgen_test]
async fn a_short_retry_after_is_waited_out_and_loaded_again_by_itself() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(LEAD);
    settle().await;
    fetch.respond(0, 429, "{}", &[("Retry-After", "1")]);
    settle().await;
    assert_eq!(
        fixture.text("error-message"),
        "Too many requests. Trying again in 1 second."
    );
    sleep(600).await;
    assert_eq!(fetch.count(), 1, "not before the server's wait is over");
    sleep(700).await;
    assert_eq!(fetch.count(), 2, "loaded again once it is");
    fetch.respond(1, 200, SEED_EXAMPLE, &[]);
    settle().await;
    assert!(fixture.find("error-state").is_none());
    assert_eq!(fixture.all("task-card").len(), 2);
}

#[wasm_bindgen_test]
async fn retry_pressed_early_replaces_the_automatic_one() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(LEAD);
    settle().await;
    fetch.respond(0, 429, "{}", &[("Retry-After", "1")]);
    settle().await;
    fixture.click("retry");
    settle().await;
    assert_eq!(fetch.count(), 2);
    sleep(1_300).await;
    assert_eq!(fetch.count(), 2, "the timer went with the load it was for");

    // A wait longer than the element waits out by itself is left to the reader.
    fetch.respond(1, 429, "{}", &[("Retry-After", "3600")]);
    settle().await;
    assert_eq!(
        fixture.text("error-message"),
        "Too many requests. Please try again in 60 minutes."
    );
}

#[wasm_bindgen_test]
async fn network_failure_reports_unreachable_with_status_zero() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(LEAD);
    settle().await;
    fetch.fail_network(0);
    settle().await;
    let online = web_sys::window().expect("window").navigator().on_line();
    let expected = if online {
        "Could not reach the task service. Check your connection and try again."
    } else {
        "You appear to be offline. Check your connection and try again."
    };
    assert_eq!(fixture.text("error-message"), expected);
    let errors = fixture.details("task-history-error");
    assert_eq!(field(&errors[0], "status").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
async fn invalid_attributes_show_a_message_and_send_no_request() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("lead-id", "abc"), ("proxy-base", "/api")],
            "These tasks cannot be shown: the lead ID is not a number.",
        ),
        (
            &[("lead-id", "12345"), ("proxy-base", "javascript:alert(1)")],
            "These tasks cannot be shown: the task service address is not valid.",
        ),
        (
            &[("proxy-base", "javascript:alert(1)")],
            "These tasks cannot be shown: the task service address is not valid.",
        ),
        (
            &[
                ("lead-id", "12345"),
                ("proxy-base", "/api"),
                ("token", "a b"),
            ],
            "These tasks cannot be shown: the access token is not valid.",
        ),
    ];
    for (attributes, message) in cases {
        let fetch = FetchStub::install();
        let fixture = Fixture::mount(attributes);
        settle().await;
        assert_eq!(fetch.count(), 0, "{attributes:?}");
        assert_eq!(fixture.text("error-message"), *message);
        assert!(
            fixture.find("retry").is_none(),
            "retrying cannot fix configuration"
        );
        let errors = fixture.details("task-history-error");
        assert_eq!(field(&errors[0], "status").as_f64(), Some(0.0));
        assert!(fixture.find("waiting").is_none());
    }
}

#[wasm_bindgen_test]
async fn an_element_not_set_up_yet_waits_quietly_and_loads_once_it_is() {
    let cases: &[&[(&str, &str)]] = &[&[("proxy-base", "/api")], &[("lead-id", "12345")], &[]];
    for attributes in cases {
        let fetch = FetchStub::install();
        let fixture = Fixture::mount(attributes);
        settle().await;
        assert_eq!(fetch.count(), 0, "{attributes:?}");
        assert!(fixture.find("error-state").is_none(), "{attributes:?}");
        assert!(
            fixture.details("task-history-error").is_empty(),
            "no error event"
        );
        assert_eq!(fixture.text("waiting"), "Choose a lead to see its tasks.");
        for (name, value) in [("lead-id", "12345"), ("proxy-base", "/api")] {
            fixture.handle().attribute_changed(name, Some(value.into()));
        }
        settle().await;
        assert_eq!(fetch.count(), 1, "{attributes:?}");
        fetch.respond(0, 200, SEED_EXAMPLE, &[]);
        settle().await;
        assert!(fixture.find("waiting").is_none());
        assert_eq!(fixture.all("task-card").len(), 2);
    }
}

#[wasm_bindgen_test]
async fn token_is_sent_as_a_bearer_header_and_never_in_the_url() {
    let fetch = FetchStub::install();
    let _fixture = Fixture::mount(&[
        ("lead-id", "12345"),
        ("proxy-base", "/api"),
        ("token", "abc.def-123"),
    ]);
    settle().await;
    assert_eq!(
        fetch.with(0, |c| c.authorization.clone()).as_deref(),
        Some("Bearer abc.def-123")
    );
    assert!(!fetch.url(0).contains("abc.def"));
}

#[wasm_bindgen_test]
async fn request_without_an_answer_times_out_and_is_aborted() {
    let fetch = FetchStub::install();
    // A deadline of 300 ms instead of the readers' 15 s; the stub never answers.
    let timings = Timings {
        request_timeout_ms: 300,
        ..Timings::DEFAULT
    };
    let fixture = Fixture::mount_with_timings(LEAD, timings);
    settle().await;
    assert!(
        !fetch.with(0, |c| c.signal.aborted()),
        "not before the deadline"
    );
    sleep(400).await;
    assert!(
        fetch.with(0, |c| c.signal.aborted()),
        "the request was aborted"
    );
    assert_eq!(
        fixture.text("error-message"),
        "The task service took too long to answer. Please try again."
    );
    let errors = fixture.details("task-history-error");
    assert_eq!(field(&errors[0], "status").as_f64(), Some(0.0));
    assert!(fixture.find("retry").is_some());
}

#[wasm_bindgen_test]
async fn a_connection_failure_is_retried_when_the_browser_is_back_online() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(LEAD);
    settle().await;
    fetch.fail_network(0);
    settle().await;
    assert!(fixture.find("error-state").is_some());
    let window = web_sys::window().expect("window");
    let online = web_sys::Event::new("online").expect("event");
    window.dispatch_event(&online).expect("dispatch");
    settle().await;
    assert_eq!(fetch.count(), 2, "retried on its own");
    fetch.respond(1, 200, SEED_EXAMPLE, &[]);
    settle().await;
    assert!(fixture.find("error-state").is_none());
    assert_eq!(fixture.all("task-card").len(), 2);
    // Only a connection failure is retried that way.
    window.dispatch_event(&online).expect("dispatch");
    settle().await;
    assert_eq!(fetch.count(), 2);
}

#[wasm_bindgen_test]
async fn an_expired_token_asks_for_a_new_one_and_the_renewal_keeps_the_page() {
    use super::support::generated_page;
    let lead: &[(&str, &str)] = &[
        ("lead-id", "20003"),
        ("proxy-base", "/api"),
        ("token", "old.token"),
    ];
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(lead);
    settle().await;
    fetch.respond_page(0, &generated_page(1, 20, 137));
    settle().await;
    fixture.handle().go_to_page(2.0);
    settle().await;
    let second = fetch.last_for_page(2).expect("page 2 asked");
    fetch.respond_page(second, &generated_page(2, 20, 137));
    settle().await;
    fixture.handle().go_to_page(3.0);
    settle().await;
    let refused = fetch.last_for_page(3).expect("page 3 asked");
    fetch.respond(
        refused,
        401,
        r#"{"message":"Authorization token expired"}"#,
        &[],
    );
    settle().await;
    assert_eq!(
        fixture.text("error-message"),
        "Your access to these tasks has expired. Renewing it…"
    );
    let asked = fixture.details("task-history-token-expired");
    assert_eq!(asked.len(), 1);
    assert_eq!(field(&asked[0], "leadId").as_f64(), Some(20003.0));
    assert_eq!(
        field(&asked[0], "message").as_string().as_deref(),
        Some("Authorization token expired")
    );
    assert_eq!(
        fixture.all("task-card").len(),
        20,
        "the last page stays under the message"
    );
    fixture
        .handle()
        .attribute_changed("token", Some("new.token".into()));
    settle().await;
    let retried = fetch.last_for_page(3).expect("page 3 asked again");
    assert_ne!(retried, refused, "the refused request is tried once more");
    assert_eq!(
        fetch.with(retried, |c| c.authorization.clone()).as_deref(),
        Some("Bearer new.token")
    );
    fetch.respond_page(retried, &generated_page(3, 20, 137));
    settle().await;
    assert!(fixture.find("error-state").is_none());
    assert_eq!(fixture.text("page-status"), "Page 3 of 7");
    let pages: Vec<f64> = fixture
        .details("task-history-page-change")
        .iter()
        .filter_map(|d| field(d, "page").as_f64())
        .collect();
    assert_eq!(pages, [2.0, 3.0], "no reset to page 1");
    // The cache survived the new token: page 1 comes back without a request.
    fixture.handle().go_to_page(1.0);
    settle().await;
    assert_eq!(
        fetch.last_for_page(1),
        Some(0),
        "page 1 came from the cache"
    );
    assert_eq!(fixture.text("page-status"), "Page 1 of 7");
    // Another token while all is well changes nothing on screen and asks nothing again.
    fixture
        .handle()
        .attribute_changed("token", Some("newer.token".into()));
    settle().await;
    assert_eq!(fetch.last_for_page(1), Some(0));
    assert_eq!(fixture.text("page-status"), "Page 1 of 7");
    assert_eq!(fixture.all("task-card").len(), 20);
}
