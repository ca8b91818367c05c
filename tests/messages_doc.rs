//! docs/element.md lists every message of the catalog with its placeholders and its English
//! text. This test fails when the list and the catalog differ; `BLESS=1 cargo test --test
//! messages_doc` (run by `make api-docs`) rewrites the list from the catalog.

use std::path::Path;

use task_history::i18n::Msg;
use task_history::i18n::languages::ENGLISH;
use task_history::i18n::messages::Text;

const START: &str = "<!-- messages generated from src/i18n (make api-docs) -->";
const END: &str = "<!-- /messages -->";

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn table() -> String {
    let mut out = String::from("| Id | Where | Placeholders | English |\n|---|---|---|---|\n");
    for &msg in Msg::ALL {
        let placeholders: Vec<String> = msg
            .placeholders()
            .iter()
            .map(|p| format!("`{{{p}}}`"))
            .collect();
        let english = match ENGLISH.texts.get(msg) {
            Text::One(text) => cell(text),
            Text::Forms(forms) => forms
                .iter()
                .map(|(category, text)| format!("{category}: {}", cell(text)))
                .collect::<Vec<_>>()
                .join("; "),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            msg.id(),
            cell(msg.about()),
            if placeholders.is_empty() {
                "—".to_owned()
            } else {
                placeholders.join(" ")
            },
            english
        ));
    }
    out
}

#[test]
fn the_element_docs_list_every_message_as_the_catalog_has_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/element.md");
    let doc = std::fs::read_to_string(&path).expect("docs/element.md");
    let start = doc.find(START).expect("the messages start marker") + START.len();
    let end = doc.find(END).expect("the messages end marker");
    let expected = format!("\n{}", table());
    if std::env::var_os("BLESS").is_some() {
        let written = format!("{}{expected}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, written).expect("write docs/element.md");
        return;
    }
    assert_eq!(
        &doc[start..end],
        expected,
        "docs/element.md's message list differs from the catalog: run make api-docs"
    );
}
