//! Property tests of the upstream JSON check (`json_check::is_json_object`): it never panics;
//! every generated object is accepted however its strings are escaped and its tokens spaced;
//! nothing that is not one object is; and on damaged bodies it agrees with
//! `serde_json::from_slice::<Value>` (an object) as the reference, except where the module's
//! documentation says it differs: serde_json refuses numbers beyond f64 (the check reads the
//! grammar, not the magnitude), lone UTF-16 surrogate escapes (valid grammar, which `JSON.parse`
//! accepts) and a 128th level of nesting (the check's limit, `MAX_DEPTH`, counts the outermost
//! object as the first; serde_json stops one level sooner).
#![allow(clippy::unwrap_used)]

mod json_support;
#[path = "../../protocol/tests/support/mod.rs"]
mod support;

use json_support::{damage, damaged, leaf, object, spellings, value, write};
use proptest::prelude::*;
use serde_json::Value;
use support::check;
use task_history_proxy::json_check::{MAX_DEPTH, Scan, is_json_object, scan_object};

/// serde_json's reading: `Ok(true)` for one object, `Ok(false)` for another value, or its error.
fn serde_object(body: &[u8]) -> Result<bool, String> {
    serde_json::from_slice::<Value>(body)
        .map(|v| v.is_object())
        .map_err(|e| e.to_string())
}

/// serde_json errors for input the check accepts by design (the module documentation).
fn documented_difference(error: &str) -> bool {
    [
        "number out of range",
        "lone leading surrogate in hex escape",
        "unexpected end of hex escape",
        "recursion limit exceeded",
    ]
    .iter()
    .any(|known| error.starts_with(known))
}

#[test]
fn the_check_never_panics_on_any_bytes() {
    let bodies = prop_oneof![
        any::<Vec<u8>>(),
        (object(), spellings(), damage())
            .prop_map(|(v, s, d)| damaged(write(&v, &s).as_bytes(), &d)),
    ];
    check("the_check_never_panics_on_any_bytes", bodies, |body| {
        let plain = is_json_object(&body);
        let mut visited = 0usize;
        let scanned = scan_object(&body, |content| {
            visited += content.len();
            false
        });
        prop_assert_eq!(plain, scanned == Scan::Object);
        Ok(())
    });
}

#[test]
fn every_generated_object_is_accepted_however_it_is_spelled() {
    check(
        "every_generated_object_is_accepted_however_it_is_spelled",
        (object(), spellings()),
        |(object, spelling)| {
            let written = write(&object, &spelling);
            // The writer's own check: the spelling decodes to what serde_json's own writing
            // does (serde_json reads floats back to within an ulp, either way alike).
            let plain = serde_json::to_string(&object).unwrap();
            let decoded = |body: &str| serde_json::from_str::<Value>(body).unwrap();
            prop_assert_eq!(decoded(&written), decoded(&plain));
            for body in [
                written,
                serde_json::to_string(&object).unwrap(),
                serde_json::to_string_pretty(&object).unwrap(),
            ] {
                prop_assert!(is_json_object(body.as_bytes()), "{}", body);
            }
            Ok(())
        },
    );
}

#[test]
fn bodies_that_are_not_one_object_are_refused() {
    let not_object = prop_oneof![
        leaf(),
        prop::collection::vec(value(), 0..4).prop_map(Value::Array),
    ];
    let trailer =
        prop::sample::select(vec!["{}", "1", "x", "[]", "\"\"", ",", "\u{0}", "\u{feff}"]);
    check(
        "bodies_that_are_not_one_object_are_refused",
        (not_object, object(), spellings(), trailer),
        |(other, object, spelling, trailer)| {
            let other_body = write(&other, &spelling);
            prop_assert!(!is_json_object(other_body.as_bytes()), "{}", other_body);
            let object_body = write(&object, &spelling);
            for body in [
                format!("{object_body}{trailer}"),
                format!("{object_body} {trailer}"),
                format!("[{object_body}]"),
                format!("\u{feff}{object_body}"),
                format!("\"{object_body}\""),
            ] {
                prop_assert!(!is_json_object(body.as_bytes()), "{}", body);
            }
            let cut = &object_body.as_bytes()[..object_body.len() - 1];
            prop_assert!(!is_json_object(cut), "{}", String::from_utf8_lossy(cut));
            Ok(())
        },
    );
}

#[test]
fn the_check_agrees_with_serde_json_on_damaged_bodies() {
    let bodies = prop_oneof![
        4 => (object(), spellings(), damage())
            .prop_map(|(v, s, d)| damaged(write(&v, &s).as_bytes(), &d)),
        1 => "[{}\\[\\]\",:0-9eE+.tfnrulsa\\\\ -]{0,24}".prop_map(String::into_bytes),
    ];
    check(
        "the_check_agrees_with_serde_json_on_damaged_bodies",
        bodies,
        |body| agrees_with_serde_json(&body),
    );
}

/// The check's verdict on `body` is serde_json's, or differs only as documented.
fn agrees_with_serde_json(body: &[u8]) -> Result<(), TestCaseError> {
    let ours = is_json_object(body);
    match serde_object(body) {
        Ok(is_object) => prop_assert_eq!(ours, is_object, "{:?}", String::from_utf8_lossy(body)),
        // Refused by serde_json: by the check too, unless it is a documented difference.
        Err(error) => prop_assert!(
            !ours || documented_difference(&error),
            "accepted, but serde_json says {} for {:?}",
            error,
            String::from_utf8_lossy(body)
        ),
    }
    Ok(())
}

/// Every one-token edit at every structural byte of a generated object (a comma or a bracket
/// put in, the byte replaced by one): the grammar's edges, which random damage seldom hits
/// (`[1,]`, `{"a":1,}`, `{"a" 1}`, `[1}`, ...).
#[test]
fn every_structural_edit_is_judged_as_serde_json_judges_it() {
    const TOKENS: [&[u8]; 9] = [b",", b":", b"]", b"}", b"[", b"{", b"\"", b"0", b""];
    check(
        "every_structural_edit_is_judged_as_serde_json_judges_it",
        (json_support::small_object(), spellings()),
        |(object, spelling)| {
            let body = write(&object, &spelling).into_bytes();
            let structural = |b: &u8| b"{}[],:\"".contains(b);
            for at in (0..body.len()).filter(|&i| structural(&body[i])) {
                for token in TOKENS {
                    let mut inserted = body.clone();
                    inserted.splice(at..at, token.iter().copied());
                    agrees_with_serde_json(&inserted)?;
                    let mut replaced = body.clone();
                    replaced.splice(at..=at, token.iter().copied());
                    agrees_with_serde_json(&replaced)?;
                }
            }
            Ok(())
        },
    );
}

#[test]
fn nesting_is_accepted_to_max_depth_and_refused_beyond() {
    let shapes = (
        1..=MAX_DEPTH as usize + 8,
        prop::collection::vec(any::<bool>(), 1..8),
    );
    check(
        "nesting_is_accepted_to_max_depth_and_refused_beyond",
        shapes,
        |(depth, arrays)| {
            // The outermost is an object; below it objects and arrays as the case says.
            let (mut open, mut close) = (String::from("{\"a\":"), vec!["}"]);
            for level in 1..depth {
                if arrays[level % arrays.len()] {
                    open.push('[');
                    close.push("]");
                } else {
                    open.push_str("{\"b\":");
                    close.push("}");
                }
            }
            close.reverse();
            let body = format!("{open}0{}", close.concat());
            prop_assert_eq!(is_json_object(body.as_bytes()), depth <= MAX_DEPTH as usize);
            // serde_json, the reference: one level fewer (the documented difference).
            prop_assert_eq!(
                serde_object(body.as_bytes()).is_ok(),
                depth < MAX_DEPTH as usize
            );
            Ok(())
        },
    );
}
