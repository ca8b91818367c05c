//! Locale- and time-zone-aware wording through the browser's `Intl`: the catalog's messages
//! (`crate::i18n`) with their numbers, plural forms and dates. This layer only formats; which
//! unit, which day, which status and which message are decided in the pure layers.

mod bindings;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use bindings::{DateTimeFormat, NumberFormat, PluralRules, RelativeTimeFormat};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::api::error::WaitUnit;
use crate::i18n::{Direction, Msg, Overrides, Words};
use crate::model::cache::LruCache;
use crate::model::dates::{DayKey, EpochMs, RelativeUnit, relative_bucket};

/// Results kept per kind; a page needs a few dozen. (A small LRU rather than a hash map: the
/// lookups are cheap either way, and hashing code would grow the wasm.)
const MEMO_SIZE: usize = 256;

/// The formatters for one locale and time zone, built once and reused for every card.
/// `Intl` calls cost about a tenth of a millisecond each, several per card, so results are
/// memoised: revisiting a page or re-reading the clock formats little again.
#[derive(Debug, Clone)]
pub struct Formatters {
    date_time: Option<DateTimeFormat>,
    day_heading: Option<DateTimeFormat>,
    day_parts: Option<DateTimeFormat>,
    relative: Option<RelativeTimeFormat>,
    number: Option<NumberFormat>,
    plural: Option<PluralRules>,
    locale: Option<String>,
    words: Words,
    memo: Rc<RefCell<Memo>>,
}

#[derive(Debug)]
struct Memo {
    date_time: LruCache<u64, String>,
    day_heading: LruCache<DayKey, String>,
    day_key: LruCache<u64, DayKey>,
    relative: LruCache<(i64, RelativeUnit), String>,
}

impl Default for Memo {
    fn default() -> Self {
        Self {
            date_time: LruCache::new(MEMO_SIZE),
            day_heading: LruCache::new(MEMO_SIZE),
            day_key: LruCache::new(MEMO_SIZE),
            relative: LruCache::new(MEMO_SIZE),
        }
    }
}

/// The memoised value for `key`, computing and storing it on a miss.
fn remember<K: PartialEq, V: Clone>(
    memo: &mut LruCache<K, V>,
    key: K,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(value) = memo.get(&key) {
        return value.clone();
    }
    let value = compute();
    memo.insert(key, value.clone());
    value
}

impl Formatters {
    /// Whether `other` is this very set of formatters (a clone of it), not merely one for the
    /// same locale: views rendered with one are current exactly while it is.
    pub fn same_as(&self, other: &Formatters) -> bool {
        Rc::ptr_eq(&self.memo, &other.memo)
    }

    /// Formatters for `locale` (default: the browser's) in `time_zone` (default: the
    /// browser's), with the host's wording `overrides`. An unknown locale or zone falls back to
    /// the browser's for dates and numbers and to English for words; never fails.
    pub fn new(locale: Option<&str>, time_zone: Option<&str>, overrides: Arc<Overrides>) -> Self {
        let date_time = date_time_format(
            locale,
            time_zone,
            &[("dateStyle", "medium"), ("timeStyle", "short")],
        );
        let day_heading = date_time_format(
            locale,
            time_zone,
            &[
                ("weekday", "long"),
                ("year", "numeric"),
                ("month", "long"),
                ("day", "numeric"),
            ],
        );
        // Numeric Latin digits, whatever the locale, so the parts parse as numbers.
        let day_parts = date_time_format(
            Some("en-US"),
            time_zone,
            &[
                ("year", "numeric"),
                ("month", "numeric"),
                ("day", "numeric"),
                ("numberingSystem", "latn"),
            ],
        );
        let relative = with_fallback(locale, |locales| {
            RelativeTimeFormat::new(locales, &options(&[("numeric", "auto")])).ok()
        });
        let number = with_fallback(locale, |locales| NumberFormat::new(locales).ok());
        let plural = with_fallback(locale, |locales| PluralRules::new(locales).ok());
        Self {
            date_time,
            day_heading,
            day_parts,
            relative,
            number,
            plural,
            locale: locale.map(str::to_owned),
            words: Words::new(locale.unwrap_or("en"), overrides),
            memo: Rc::default(),
        }
    }

    /// Which way the element's language runs.
    pub fn direction(&self) -> Direction {
        self.words.direction()
    }

    /// The wording in use.
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// `msg` in the element's language, placeholders filled from `values`.
    pub fn say(&self, msg: Msg, values: &[(&str, &str)]) -> String {
        self.words.text(msg, values)
    }

    /// A message whose placeholders are numbers, written the locale's way.
    pub fn say_numbers(&self, (msg, numbers): &crate::model::paging::Numbered) -> String {
        let written: Vec<(&str, String)> = numbers
            .iter()
            .map(|(name, n)| (*name, self.count(*n)))
            .collect();
        let values: Vec<(&str, &str)> = written.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.words.text(*msg, &values)
    }

    /// A label in the element's language.
    pub fn label(&self, label: &crate::model::labels::Label) -> String {
        use crate::model::labels::Label;
        match label {
            Label::Message(msg) => self.say(*msg, &[]),
            Label::User(id) => self.say(Msg::User, &[("id", &id.to_string())]),
            Label::Text(text) => text.clone(),
        }
    }

    /// A plural message for `count`, its form chosen by `Intl.PluralRules` and `{count}`
    /// written the locale's way.
    pub fn say_count(&self, msg: Msg, count: u64) -> String {
        let category = self
            .plural
            .as_ref()
            .and_then(|rules| rules.select(count as f64).ok())
            .unwrap_or_else(|| if count == 1 { "one" } else { "other" }.to_owned());
        self.words
            .plural(msg, &category, &[("count", &self.count(count))])
    }

    /// `msg` with its `{wait}`, when it has one.
    pub fn say_with_wait(&self, msg: Msg, wait: Option<(u64, WaitUnit)>) -> String {
        match wait {
            Some((count, unit)) => self.say(msg, &[("wait", &self.wait(count, unit))]),
            None => self.say(msg, &[]),
        }
    }

    /// A wait, e.g. "30 seconds", in the locale's words and digits.
    pub fn wait(&self, count: u64, unit: WaitUnit) -> String {
        let options = options(&[
            ("style", "unit"),
            ("unit", unit.as_str()),
            ("unitDisplay", "long"),
        ]);
        with_fallback(self.locale.as_deref(), |locales| {
            NumberFormat::with_options(locales, &options).ok()
        })
        .and_then(|format| format.format(count as f64).ok())
        .unwrap_or_else(|| format!("{count} {}", unit.as_str()))
    }

    /// An instant as date and time, e.g. "20 May 2026, 20:30".
    pub fn date_time(&self, at: EpochMs) -> String {
        let mut memo = self.memo.borrow_mut();
        remember(&mut memo.date_time, at.to_bits(), || {
            self.date_time
                .as_ref()
                .and_then(|f| f.format(at).ok())
                .unwrap_or_else(|| iso_fallback(at))
        })
    }

    /// The heading of the day holding `at`, e.g. "Tuesday, May 19, 2026".
    pub fn day_heading(&self, at: EpochMs) -> String {
        let day = self.day_key(at);
        let mut memo = self.memo.borrow_mut();
        remember(&mut memo.day_heading, day, || {
            self.day_heading
                .as_ref()
                .and_then(|f| f.format(at).ok())
                .unwrap_or_else(|| iso_fallback(at))
        })
    }

    /// The calendar day of an instant in the display time zone (UTC if that cannot be told).
    pub fn day_key(&self, at: EpochMs) -> DayKey {
        let mut memo = self.memo.borrow_mut();
        remember(&mut memo.day_key, at.to_bits(), || {
            self.day_parts
                .as_ref()
                .and_then(|f| f.format(at).ok())
                .and_then(|numeric| DayKey::from_us_numeric(&numeric))
                .unwrap_or_else(|| DayKey::utc(at))
        })
    }

    /// A count with the locale's digit grouping, e.g. "10,000" or "10.000".
    pub fn count(&self, n: u64) -> String {
        self.number
            .as_ref()
            .and_then(|f| f.format(n as f64).ok())
            .unwrap_or_else(|| n.to_string())
    }

    /// How far `at` is from `now`, e.g. "in 3 hours", "yesterday", "now".
    pub fn relative(&self, at: EpochMs, now: EpochMs) -> String {
        let (value, unit) = relative_bucket(at, now);
        let mut memo = self.memo.borrow_mut();
        remember(&mut memo.relative, (value, unit), || {
            self.relative
                .as_ref()
                .and_then(|f| f.format(value as f64, unit.as_str()).ok())
                .unwrap_or_default()
        })
    }
}

fn date_time_format(
    locale: Option<&str>,
    time_zone: Option<&str>,
    fields: &[(&str, &str)],
) -> Option<DateTimeFormat> {
    let mut with_zone = fields.to_vec();
    if let Some(zone) = time_zone {
        with_zone.push(("timeZone", zone));
    }
    with_fallback(locale, |locales| {
        DateTimeFormat::new(locales, &options(&with_zone)).ok()
    })
    // An unknown time zone: keep the locale, use the browser's zone.
    .or_else(|| {
        with_fallback(locale, |locales| {
            DateTimeFormat::new(locales, &options(fields)).ok()
        })
    })
}

/// Tries the requested locale, then the browser's default.
fn with_fallback<T>(locale: Option<&str>, build: impl Fn(&JsValue) -> Option<T>) -> Option<T> {
    locale
        .and_then(|tag| build(&JsValue::from_str(tag)))
        .or_else(|| build(&JsValue::UNDEFINED))
}

fn options(fields: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object.into()
}

/// When `Intl` is unusable: the ISO form, which is at least unambiguous.
fn iso_fallback(at: EpochMs) -> String {
    js_sys::Date::new(&JsValue::from_f64(at))
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}
