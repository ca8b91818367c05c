//! Generated JSON for the property tests of the object check and the key-echo refusal: serde_json
//! `Value`s, a writer that spells every string with escapes chosen by the case (`\uXXXX` in
//! either case for any character, surrogate pairs beyond the BMP, the short escapes, `\/`) and
//! whitespace between tokens, and damage to a body (bytes inserted, replaced, removed, cut off).
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{Map, Number, Value};
use std::fmt::Write as _;

/// Strings: any text, and short ones of the characters JSON escapes or keys are made of.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        2 => "[a-z_/\\\\\"\u{0}-\u{1f}é😀]{0,8}",
        1 => "[!-~]{0,12}",
    ]
}

/// Leaves: null, booleans, integers, finite floats, strings.
pub fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        text().prop_map(Value::String),
    ]
}

/// Any JSON value, nested up to 6 deep.
pub fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A JSON object (what an upstream 200 must be).
pub fn object() -> impl Strategy<Value = Value> {
    prop::collection::vec((text(), value()), 0..6)
        .prop_map(|members| Value::Object(members.into_iter().collect()))
}

/// A small JSON object (a few members, nested at most 3 deep), for exhaustive edits.
pub fn small_object() -> impl Strategy<Value = Value> {
    let inner = leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{0,2}", inner), 0..3)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    });
    prop::collection::vec(("[a-z]{0,2}", inner), 0..4)
        .prop_map(|members| Value::Object(members.into_iter().collect()))
}

/// How each character and each gap between tokens is spelled, cycled through: a case's choices.
pub fn spellings() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 1..48),
        // Every character escaped as `\uXXXX`, or with its short escape (`\/` for `/`).
        1 => Just(vec![1]),
        1 => Just(vec![3]),
        1 => Just(vec![0]),
    ]
}

/// Writes `value` as JSON, spelled by `choices` (see [`spellings`]).
pub fn write(value: &Value, choices: &[u8]) -> String {
    let mut writer = Writer {
        choices,
        at: 0,
        out: String::new(),
    };
    writer.value(value);
    writer.out
}

struct Writer<'c> {
    choices: &'c [u8],
    at: usize,
    out: String,
}

impl Writer<'_> {
    fn next(&mut self) -> u8 {
        let choice = self.choices[self.at % self.choices.len()];
        self.at += 1;
        choice
    }

    fn gap(&mut self) {
        let gap = match self.next() % 8 {
            4 => " ",
            5 => "\n  ",
            6 => "\t",
            7 => "\r\n",
            _ => "",
        };
        self.out.push_str(gap);
    }

    fn value(&mut self, value: &Value) {
        match value {
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.gap();
                    self.value(item);
                    self.gap();
                }
                self.out.push(']');
            }
            Value::Object(members) => {
                self.out.push('{');
                for (i, (name, item)) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.gap();
                    self.string(name);
                    self.gap();
                    self.out.push(':');
                    self.gap();
                    self.value(item);
                    self.gap();
                }
                self.out.push('}');
            }
            other => self.out.push_str(&other.to_string()),
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for ch in s.chars() {
            let must = ch == '"' || ch == '\\' || ch < '\u{20}';
            let short = match ch {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '/' => Some("\\/"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                '\n' => Some("\\n"),
                '\r' => Some("\\r"),
                '\t' => Some("\\t"),
                _ => None,
            };
            match (self.next() % 4, short) {
                (0, _) if !must => self.out.push(ch),
                (3, Some(short)) => self.out.push_str(short),
                (3, None) if !must => self.out.push(ch),
                (choice, _) => self.unicode(ch, choice == 2),
            }
        }
        self.out.push('"');
    }

    fn unicode(&mut self, ch: char, upper: bool) {
        let mut units = [0u16; 2];
        for unit in ch.encode_utf16(&mut units) {
            if upper {
                write!(self.out, "\\u{unit:04X}").unwrap();
            } else {
                write!(self.out, "\\u{unit:04x}").unwrap();
            }
        }
    }
}

/// Whether any string in `value` (member names included) holds `needle`.
pub fn any_string_holds(value: &Value, needle: &str) -> bool {
    match value {
        Value::String(s) => s.contains(needle),
        Value::Array(items) => items.iter().any(|v| any_string_holds(v, needle)),
        Value::Object(members) => members
            .iter()
            .any(|(name, v)| name.contains(needle) || any_string_holds(v, needle)),
        _ => false,
    }
}

/// Bytes that damage JSON where they land.
const DAMAGE: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"/",
    b"0",
    b"1",
    b"-",
    b".",
    b"e",
    b"E",
    b"+",
    b"t",
    b"n",
    b"u",
    b" ",
    b"\\u00",
    b"\\ud800",
    b"\\udc00",
    b"\\ud83d\\ude00",
    b"1e400",
    b"-0.0e-0",
    b"true",
    b"null",
    b"\x01",
    b"\x7f",
    "é".as_bytes(),
    b"\xff",
    b"\xc3",
];

/// One change to a body: where (a fraction of its length), what, and with which damage.
pub type Damage = (u16, u8, usize);

pub fn damage() -> impl Strategy<Value = Vec<Damage>> {
    prop::collection::vec((any::<u16>(), 0..4u8, 0..DAMAGE.len()), 1..4)
}

/// `body` with each change applied: insert, replace a byte, remove a byte, or cut off there.
pub fn damaged(body: &[u8], changes: &[Damage]) -> Vec<u8> {
    let mut body = body.to_vec();
    for &(at, kind, with) in changes {
        let at = usize::from(at) * body.len() / usize::from(u16::MAX).max(1);
        let at = at.min(body.len());
        match kind {
            0 => drop(body.splice(at..at, DAMAGE[with].iter().copied())),
            1 if at < body.len() => drop(body.splice(at..=at, DAMAGE[with].iter().copied())),
            2 if at < body.len() => drop(body.remove(at)),
            _ => body.truncate(at),
        }
    }
    body
}
