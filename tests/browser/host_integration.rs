//! What a CRM page builds on: its people's names, which task the reader picked, its own
//! controls and empty state in the element's slots, and a part per status to style.

use js_sys::{Map, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{FetchStub, Fixture, SEED_EXAMPLE, field, generated_page, settle};

const SEED_LEAD: &[(&str, &str)] = &[("lead-id", "12345"), ("proxy-base", "/api")];

/// `{ "678": "Asha Rao", "1": { name: "Dev Mehta", avatarUrl } }`.
fn people_object(avatar: &str) -> JsValue {
    let people = Object::new();
    Reflect::set(&people, &"678".into(), &"Asha Rao".into()).expect("set");
    let dev = Object::new();
    Reflect::set(&dev, &"name".into(), &"Dev Mehta".into()).expect("set");
    Reflect::set(&dev, &"avatarUrl".into(), &avatar.into()).expect("set");
    Reflect::set(&people, &"1".into(), &dev).expect("set");
    people.into()
}

async fn seed_shown(fetch: &FetchStub) -> Fixture {
    let fixture = Fixture::mount(SEED_LEAD);
    settle().await;
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    fixture
}

fn open_all_details(fixture: &Fixture) {
    for toggle in fixture.all("details-toggle") {
        toggle.unchecked_into::<web_sys::HtmlElement>().click();
    }
}

#[wasm_bindgen_test]
async fn names_replace_user_ids_on_cards_and_in_the_details_and_follow_a_new_map() {
    let fetch = FetchStub::install();
    let fixture = seed_shown(&fetch).await;
    assert_eq!(fixture.texts("assignee"), ["User #678", "User #678"]);
    fixture
        .handle()
        .set_users(people_object("https://crm.example/dev.png"));
    settle().await;
    assert_eq!(fixture.texts("assignee"), ["Asha Rao", "Asha Rao"]);
    open_all_details(&fixture);
    settle().await;
    // Row 1: created by 1 (Dev Mehta), never updated; row 2: created and updated by 678.
    assert_eq!(
        fixture.texts("details-by"),
        ["Dev Mehta", "Asha Rao", "Asha Rao"]
    );
    // A Map with numeric keys, and an avatar; unknown IDs keep the fallback.
    let map = Map::new();
    map.set(
        &JsValue::from_f64(678.0),
        &people_object("https://crm.example/asha.png"),
    );
    let asha = Object::new();
    Reflect::set(&asha, &"name".into(), &"Asha R.".into()).expect("set");
    Reflect::set(
        &asha,
        &"avatarUrl".into(),
        &"https://crm.example/asha.png".into(),
    )
    .expect("set");
    map.set(&JsValue::from_f64(678.0), &asha);
    fixture.handle().set_users(map.into());
    settle().await;
    assert_eq!(fixture.texts("assignee"), ["Asha R.", "Asha R."]);
    let avatars = fixture
        .root()
        .query_selector_all("[data-testid=\"assignee\"] img")
        .expect("query");
    assert_eq!(avatars.length(), 2);
    let avatar: web_sys::Element = avatars.item(0).expect("img").unchecked_into();
    assert_eq!(
        avatar.get_attribute("src").as_deref(),
        Some("https://crm.example/asha.png")
    );
    assert_eq!(
        avatar.get_attribute("alt").as_deref(),
        Some(""),
        "decorative: the name is beside it"
    );
    assert_eq!(fetch.count(), 1, "names need no request");
    // Anything that is no map clears the names.
    fixture.handle().set_users(JsValue::NULL);
    settle().await;
    assert_eq!(fixture.texts("assignee"), ["User #678", "User #678"]);
}

#[wasm_bindgen_test]
async fn an_unsafe_or_malformed_entry_costs_only_that_entry() {
    let fetch = FetchStub::install();
    let fixture = seed_shown(&fetch).await;
    let people = Object::new();
    let bad = Object::new();
    Reflect::set(&bad, &"name".into(), &"Asha".into()).expect("set");
    Reflect::set(&bad, &"avatarUrl".into(), &"javascript:alert(1)".into()).expect("set");
    Reflect::set(&people, &"678".into(), &bad).expect("set");
    Reflect::set(&people, &"not-a-number".into(), &"X".into()).expect("set");
    Reflect::set(&people, &"1".into(), &JsValue::from_f64(7.0)).expect("set");
    fixture.handle().set_users(people.into());
    settle().await;
    assert_eq!(fixture.texts("assignee"), ["Asha", "Asha"]);
    let img = fixture
        .root()
        .query_selector("[data-testid=\"assignee\"] img")
        .expect("query");
    assert!(img.is_none(), "no avatar from a javascript: URL");
}

#[wasm_bindgen_test]
async fn activating_a_card_title_selects_the_task_with_the_row_as_sent() {
    let fetch = FetchStub::install();
    let fixture = seed_shown(&fetch).await;
    let selects = fixture.all("task-select");
    assert_eq!(selects.len(), 2);
    let button: web_sys::HtmlElement = selects[1].clone().unchecked_into();
    assert_eq!(button.tag_name(), "BUTTON", "a real control");
    assert_eq!(
        button.text_content().unwrap_or_default().trim(),
        "Initial intro call"
    );
    button.click();
    settle().await;
    let details = fixture.details("task-history-select");
    assert_eq!(details.len(), 1);
    assert_eq!(field(&details[0], "taskId").as_f64(), Some(4521.0));
    assert_eq!(field(&details[0], "leadId").as_f64(), Some(12345.0));
    let task = field(&details[0], "task");
    // Every field as the API sent it, `org_id` and the nulls included.
    assert_eq!(field(&task, "org_id").as_f64(), Some(42.0));
    assert_eq!(
        field(&task, "type").as_string().as_deref(),
        Some("FIRST_CALL")
    );
    assert_eq!(
        field(&task, "status").as_string().as_deref(),
        Some("COMPLETE")
    );
    // Details and the other controls do not select.
    open_all_details(&fixture);
    settle().await;
    assert_eq!(fixture.details("task-history-select").len(), 1);
}

#[wasm_bindgen_test]
async fn the_select_event_is_cancelable_bubbling_and_composed() {
    let fetch = FetchStub::install();
    let fixture = seed_shown(&fetch).await;
    let seen: std::rc::Rc<std::cell::RefCell<Vec<(bool, bool, bool)>>> = Default::default();
    let log = std::rc::Rc::clone(&seen);
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
        move |event: web_sys::CustomEvent| {
            log.borrow_mut()
                .push((event.cancelable(), event.bubbles(), event.composed()));
            event.prevent_default();
        },
    );
    let document = web_sys::window().expect("window").document().expect("doc");
    document
        .add_event_listener_with_callback("task-history-select", listener.as_ref().unchecked_ref())
        .expect("listen");
    fixture.all("task-select")[0]
        .clone()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    settle().await;
    document
        .remove_event_listener_with_callback(
            "task-history-select",
            listener.as_ref().unchecked_ref(),
        )
        .expect("unlisten");
    assert_eq!(*seen.borrow(), [(true, true, true)], "reaches the document");
}

#[wasm_bindgen_test]
async fn each_status_has_its_own_part_on_the_card_and_the_badge() {
    let fetch = FetchStub::install();
    let fixture = seed_shown(&fetch).await;
    let parts = |testid: &str| -> Vec<String> {
        fixture
            .all(testid)
            .iter()
            .map(|e| e.get_attribute("part").unwrap_or_default())
            .collect()
    };
    // The seed's first task is pending and due in 2026-05 (past): overdue; the second completed.
    assert_eq!(
        parts("task-card"),
        ["card card-overdue", "card card-completed"]
    );
    assert_eq!(
        parts("status-badge"),
        ["badge badge-overdue", "badge badge-completed"]
    );
}

#[wasm_bindgen_test]
async fn the_host_fills_the_header_actions_and_empty_slots() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(SEED_LEAD);
    let document = web_sys::window().expect("window").document().expect("doc");
    let add = document.create_element("button").expect("button");
    add.set_text_content(Some("Add task"));
    add.set_attribute("slot", "header-actions").expect("slot");
    fixture.host.append_child(&add).expect("append");
    settle().await;
    fetch.respond_page(0, &generated_page(1, 20, 0));
    settle().await;
    let slot_of = |element: &web_sys::Element| element.assigned_slot().map(|slot| slot.name());
    assert_eq!(
        slot_of(&add).as_deref(),
        Some("header-actions"),
        "the host's button is in the header"
    );
    let header = fixture
        .root()
        .query_selector("[part=\"header\"] slot[name=\"header-actions\"]")
        .expect("query");
    assert!(header.is_some(), "the slot sits in the header");
    assert!(
        fixture.find("empty-state").is_some_and(|e| e
            .text_content()
            .unwrap_or_default()
            .contains("No tasks for this lead yet.")),
        "the element's own empty state when the host gives none"
    );
    let empty = document.create_element("p").expect("p");
    empty.set_text_content(Some("Nothing yet. Add the first task."));
    empty.set_attribute("slot", "empty").expect("slot");
    fixture.host.append_child(&empty).expect("append");
    settle().await;
    assert_eq!(
        slot_of(&empty).as_deref(),
        Some("empty"),
        "the host's empty state takes its place"
    );
}
