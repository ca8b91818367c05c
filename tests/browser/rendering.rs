//! What a loaded page looks like: cards, badges, labels, hostile content, states.

use js_sys::Date;
use task_history::model::status::TaskStatus;
use task_history::state::Timings;
use task_history_protocol::timestamp::parse_iso8601;
use task_history_protocol::wire::TaskPage;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{
    FetchStub, Fixture, KEPT_PAGE, SEED_EXAMPLE, field, generated_page, iso_from_now, page_body,
    settle, sleep,
};

const SEED_LEAD: &[(&str, &str)] = &[("lead-id", "12345"), ("proxy-base", "/api")];

#[wasm_bindgen_test]
async fn seed_payload_renders_cards_badges_and_a_load_event() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    assert_eq!(fetch.count(), 1);
    assert!(
        fetch
            .url(0)
            .ends_with("/api/enterprise/api/lead/12345/task?page=1&page_size=20"),
        "{}",
        fetch.url(0)
    );
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;

    assert_eq!(fixture.all("task-card").len(), 2);
    assert_eq!(
        fixture.texts("task-title"),
        ["Follow up on pricing", "Initial intro call"]
    );
    assert_eq!(
        fixture.texts("type-label"),
        ["Follow-up call", "First call"]
    );
    // The first task is pending; whether it is overdue depends on today's date.
    let due = parse_iso8601("2026-05-20T15:00:00.000Z");
    let first = TaskStatus::of("PENDING", due, Date::now());
    let badges = fixture.texts("status-badge");
    let first = if first == TaskStatus::Overdue {
        "Overdue"
    } else {
        "Pending"
    };
    assert!(badges[0].ends_with(first), "{badges:?}");
    assert!(badges[1].ends_with("Completed"), "{badges:?}");
    assert_eq!(fixture.texts("assignee"), ["User #678", "User #678"]);
    assert_eq!(fixture.all("reminder").len(), 2, "both tasks notify");
    assert_eq!(fixture.text("total-count"), "2 tasks");
    let region = fixture
        .root()
        .query_selector("section[aria-labelledby]")
        .ok()
        .flatten();
    let labelled_by = region
        .and_then(|r| r.get_attribute("aria-labelledby"))
        .expect("labelled region");
    let heading = fixture
        .root()
        .get_element_by_id(&labelled_by)
        .expect("its heading");
    assert_eq!(heading.text_content().unwrap_or_default().trim(), "Tasks");
    assert_eq!(
        fixture.all("day-group").len(),
        2,
        "created on two different days"
    );
    assert!(
        fixture.find("page-status").is_some_and(|nav| nav
            .closest("nav[hidden]")
            .ok()
            .flatten()
            .is_some()),
        "one page: pagination hidden"
    );

    let loads = fixture.details("task-history-load");
    assert_eq!(loads.len(), 1);
    assert_eq!(field(&loads[0], "leadId").as_f64(), Some(12345.0));
    assert_eq!(field(&loads[0], "page").as_f64(), Some(1.0));
    assert_eq!(field(&loads[0], "totalPages").as_f64(), Some(1.0));
    assert_eq!(field(&loads[0], "totalItems").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
async fn html_in_titles_is_shown_as_text() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    let hostile =
        "<img src=x onerror=\"window.pwned=1\"><b>bold</b><script>window.pwned=2</script>";
    let mut page: TaskPage = generated_page(1, 20, 2);
    page.rows[0].title = Some(hostile.into());
    page.rows[1].title = None;
    page.rows[1].task_type = "SEND_PROPOSAL".into();
    fetch.respond_page(0, &page);
    settle().await;

    let titles = fixture.all("task-title");
    assert_eq!(titles[0].text_content().as_deref(), Some(hostile));
    // The heading holds only the select button, and the button only the title's text.
    assert_eq!(titles[0].child_element_count(), 1);
    assert_eq!(
        fixture.all("task-select")[0].child_element_count(),
        0,
        "no element was parsed from the title"
    );
    assert_eq!(fixture.root().query_selector("img").ok().flatten(), None);
    assert_eq!(
        titles[1].text_content().as_deref(),
        Some("Send proposal"),
        "null title falls back to the type"
    );
    let window = web_sys::window().expect("window");
    assert!(
        js_sys::Reflect::get(&window, &"pwned".into())
            .expect("get")
            .is_undefined()
    );
}

#[wasm_bindgen_test]
async fn empty_lead_shows_the_empty_state() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    fetch.respond_page(0, &generated_page(1, 20, 0));
    settle().await;
    assert!(fixture.find("empty-state").is_some());
    assert_eq!(fixture.all("task-card").len(), 0);
    assert_eq!(fixture.text("total-count"), "0 tasks");
}

#[wasm_bindgen_test]
async fn skeleton_appears_only_when_loading_takes_a_moment() {
    let fetch = FetchStub::install();
    // Two elements, so neither check depends on how fast this machine runs: one whose skeleton
    // delay is far longer than the test, one whose delay is short.
    let never_slow = Timings {
        skeleton_delay_ms: 600_000,
        ..Timings::DEFAULT
    };
    let quickly_slow = Timings {
        skeleton_delay_ms: 50,
        ..Timings::DEFAULT
    };
    let fast = Fixture::mount_with_timings(SEED_LEAD, never_slow);
    let slow = Fixture::mount_with_timings(SEED_LEAD, quickly_slow);
    sleep(300).await;
    assert!(fast.find("skeleton").is_none(), "no flash for fast loads");
    assert!(
        slow.find("skeleton").is_some(),
        "placeholders once loading is slow"
    );
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    fetch.respond(1, 200, SEED_EXAMPLE, &[]);
    settle().await;
    for fixture in [&fast, &slow] {
        assert!(fixture.find("skeleton").is_none());
        assert_eq!(fixture.all("task-card").len(), 2);
    }
}

#[wasm_bindgen_test]
async fn refresh_keeps_the_last_page_on_screen_until_the_new_one_arrives() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    fixture.click("refresh");
    sleep(450).await;
    assert_eq!(fetch.count(), 2, "refresh goes to the network");
    assert_eq!(fixture.all("task-card").len(), 2, "old page still shown");
    assert!(fixture.find("skeleton").is_none());
    let busy = fixture
        .root()
        .query_selector("[aria-busy=\"true\"]")
        .ok()
        .flatten();
    assert!(busy.is_some(), "busy while refreshing");
    fetch.respond(1, 200, &page_body(&generated_page(1, 20, 3)), &[]);
    settle().await;
    assert_eq!(fixture.all("task-card").len(), 3);
}

#[wasm_bindgen_test]
async fn styles_are_adopted_into_the_shadow_root_once_for_all_elements() {
    let _fetch = FetchStub::install();
    let first = Fixture::mount(SEED_LEAD);
    let second = Fixture::mount(SEED_LEAD);
    let sheets = |f: &Fixture| {
        js_sys::Reflect::get(&f.root(), &"adoptedStyleSheets".into()).expect("sheets")
    };
    let a = js_sys::Array::from(&sheets(&first));
    let b = js_sys::Array::from(&sheets(&second));
    assert_eq!(a.length(), 1);
    assert!(js_sys::Object::is(&a.get(0), &b.get(0)), "one shared sheet");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let head_styles = document
        .head()
        .expect("head")
        .query_selector_all("style")
        .expect("query");
    assert_eq!(
        head_styles.length(),
        0,
        "nothing written to the page's head"
    );
}

#[wasm_bindgen_test]
async fn load_event_fires_once_the_cards_are_in_the_shadow_root() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    let seen = std::rc::Rc::new(std::cell::Cell::new(None));
    let root = fixture.root();
    let record = std::rc::Rc::clone(&seen);
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let cards = root
            .query_selector_all(&format!("[data-testid=\"task-card\"]:not({KEPT_PAGE} *)"))
            .map(|list| list.length())
            .unwrap_or(0);
        record.set(Some(cards));
    });
    fixture
        .host
        .add_event_listener_with_callback(
            "task-history-load",
            wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
        )
        .expect("listen");
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    assert_eq!(
        seen.get(),
        Some(2),
        "both cards rendered when the event fired"
    );
}

#[wasm_bindgen_test]
async fn created_and_updated_times_appear_when_details_are_opened() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    let details = fixture
        .root()
        .query_selector("[data-task-id=\"4521\"] [part=\"details\"]")
        .ok()
        .flatten()
        .expect("details of task 4521");
    let toggle: web_sys::HtmlElement = details
        .query_selector("button")
        .ok()
        .flatten()
        .and_then(|button| wasm_bindgen::JsCast::dyn_into(button).ok())
        .expect("a details button");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(
        details.query_selector("time").ok().flatten().is_none(),
        "closed: nothing formatted"
    );
    toggle.click();
    sleep(50).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let times: Vec<String> = {
        let list = details.query_selector_all("time").expect("times");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
            .filter_map(|time| time.get_attribute("datetime"))
            .collect()
    };
    assert_eq!(
        times,
        ["2026-05-14T09:00:00.000Z", "2026-05-15T10:30:00.000Z"]
    );
    let text = details.text_content().unwrap_or_default();
    assert!(
        text.contains("Created") && text.contains("Updated"),
        "{text}"
    );
    toggle.click();
    sleep(50).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(
        details.query_selector("time").ok().flatten().is_none(),
        "closed again"
    );
}

#[wasm_bindgen_test]
async fn host_page_styles_do_not_restyle_the_widget() {
    let fetch = FetchStub::install();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let style = document.create_element("style").expect("style");
    style.set_text_content(Some(
        "* { color: rgb(255, 0, 0) !important; letter-spacing: 3px !important; \
         font-family: cursive !important; } \
         .task-card, .task-history, [part] { display: none !important; }",
    ));
    document
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
    let fixture = Fixture::mount(&[
        ("lead-id", "12345"),
        ("proxy-base", "/api"),
        ("theme", "light"),
    ]);
    settle().await;
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    let title = fixture.find("task-title").expect("title");
    let computed = web_sys::window()
        .expect("window")
        .get_computed_style(&title)
        .ok()
        .flatten()
        .expect("computed style");
    let get = |property: &str| computed.get_property_value(property).unwrap_or_default();
    style.remove();
    assert_eq!(
        get("color"),
        "rgb(29, 35, 48)",
        "the widget's own text colour"
    );
    assert_eq!(get("letter-spacing"), "normal");
    assert!(
        !get("font-family").contains("cursive"),
        "{}",
        get("font-family")
    );
    assert_ne!(
        get("display"),
        "none",
        "page selectors do not reach inside the shadow root"
    );
}

#[wasm_bindgen_test]
async fn relative_hints_and_overdue_badges_follow_the_clock() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(&[
        ("lead-id", "12345"),
        ("proxy-base", "/api"),
        ("locale", "en-US"),
    ]);
    settle().await;
    let mut page: TaskPage = generated_page(1, 20, 2);
    page.rows[0].due_date = Some(iso_from_now(61_500.0));
    page.rows[1].due_date = Some(iso_from_now(1_500.0));
    fetch.respond_page(0, &page);
    settle().await;
    assert_eq!(fixture.texts("due-relative")[0], "in 1 minute");
    assert!(fixture.texts("status-badge")[1].ends_with("Pending"));

    sleep(2_100).await;
    // A tab becoming visible again re-reads the clock at once (the regular tick is every 30 s).
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("visibilitychange", &init).expect("event");
    document.dispatch_event(&event).expect("dispatch");
    settle().await;
    assert_eq!(
        fixture.texts("due-relative")[0],
        "now",
        "under a minute away now"
    );
    assert!(
        fixture.texts("status-badge")[1].ends_with("Overdue"),
        "{:?}",
        fixture.texts("status-badge")
    );
}
