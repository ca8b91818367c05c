//! The element's attributes, parsed with no DOM: which ones exist, their defaults, and whether
//! together they name something we may request.

use std::num::IntErrorKind;

use crate::api::{ProxyBase, ProxyBaseError, Source};
use task_history_protocol::query::{DEFAULT_PAGE_SIZE, LeadId, MAX_PAGE_SIZE};

/// The attributes the element observes, in the order the shim lists them.
pub const OBSERVED_ATTRIBUTES: [&str; 8] = [
    "lead-id",
    "proxy-base",
    "page-size",
    "locale",
    "time-zone",
    "theme",
    "density",
    "token",
];

/// The raw attribute values; `None` when the attribute is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `lead-id`: the lead's numeric ID (required).
    pub lead_id: Option<String>,
    /// `proxy-base`: the proxy's URL (required).
    pub proxy_base: Option<String>,
    /// `page-size`: 1–20, default 20.
    pub page_size: Option<String>,
    /// `locale`: BCP 47 tag; default the nearest `lang`, else the browser's.
    pub locale: Option<String>,
    /// `time-zone`: IANA name; default the browser's.
    pub time_zone: Option<String>,
    /// `theme`: `light`, `dark` or `auto` (default).
    pub theme: Option<String>,
    /// `density`: `comfortable` (default) or `compact`.
    pub density: Option<String>,
    /// `token`: optional per-lead bearer token for the proxy.
    pub token: Option<String>,
}

/// Which part of the element an attribute change affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Lead or proxy: cached pages are no longer valid; start again at page 1.
    Source,
    /// The token: the same rows; a request refused for its token may be tried again.
    Token,
    /// Page size: page numbers mean different rows now; start again at page 1.
    PageSize,
    /// Locale or time zone: re-format, no request.
    Format,
    /// Theme or density: styling only.
    Look,
    /// Not an attribute the element observes.
    Ignored,
}

impl Attributes {
    /// Stores a value (or removes it, for `None`) and says what the change affects.
    pub fn set(&mut self, name: &str, value: Option<String>) -> Change {
        let (slot, change) = match name {
            "lead-id" => (&mut self.lead_id, Change::Source),
            "proxy-base" => (&mut self.proxy_base, Change::Source),
            "token" => (&mut self.token, Change::Token),
            "page-size" => (&mut self.page_size, Change::PageSize),
            "locale" => (&mut self.locale, Change::Format),
            "time-zone" => (&mut self.time_zone, Change::Format),
            "theme" => (&mut self.theme, Change::Look),
            "density" => (&mut self.density, Change::Look),
            _ => return Change::Ignored,
        };
        *slot = value;
        change
    }

    /// The page size to request: 1–20; absent or unreadable means 20, out of range is clamped.
    pub fn page_size(&self) -> u32 {
        let Some(raw) = self.page_size.as_deref().map(str::trim) else {
            return DEFAULT_PAGE_SIZE;
        };
        match raw.parse::<i64>() {
            Ok(n) => n.clamp(1, i64::from(MAX_PAGE_SIZE)) as u32,
            // An integer too large for i64 is out of range too: clamped, not unreadable.
            Err(e) if *e.kind() == IntErrorKind::PosOverflow => MAX_PAGE_SIZE,
            Err(e) if *e.kind() == IntErrorKind::NegOverflow => 1,
            Err(_) => DEFAULT_PAGE_SIZE,
        }
    }

    /// The theme, `auto` unless `light` or `dark` is given.
    pub fn theme(&self) -> Theme {
        match self.theme.as_deref().map(str::trim) {
            Some(t) if t.eq_ignore_ascii_case("light") => Theme::Light,
            Some(t) if t.eq_ignore_ascii_case("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The density, `comfortable` unless `compact` is given.
    pub fn density(&self) -> Density {
        match self.density.as_deref().map(str::trim) {
            Some(d) if d.eq_ignore_ascii_case("compact") => Density::Compact,
            _ => Density::Comfortable,
        }
    }

    /// The locale to format with, when one is set and non-blank.
    pub fn locale(&self) -> Option<&str> {
        non_blank(self.locale.as_deref())
    }

    /// The time zone to format in, when one is set and non-blank.
    pub fn time_zone(&self) -> Option<&str> {
        non_blank(self.time_zone.as_deref())
    }

    /// What to request, or why nothing may be requested. A value that is set and unusable is
    /// reported before one that is not set yet, so a typo is never mistaken for waiting.
    pub fn source(&self) -> Result<Source, ConfigError> {
        let lead = non_blank(self.lead_id.as_deref()).map(LeadId::parse);
        let base = ProxyBase::parse(self.proxy_base.as_deref().unwrap_or(""));
        if matches!(lead, Some(Err(_))) {
            return Err(ConfigError::LeadInvalid);
        }
        if let Err(ProxyBaseError::Invalid) = base {
            return Err(ConfigError::ProxyBase(ProxyBaseError::Invalid));
        }
        let token = match non_blank(self.token.as_deref()) {
            None => None,
            Some(token) if is_token68(token) => Some(token.to_owned()),
            Some(_) => return Err(ConfigError::TokenInvalid),
        };
        let Some(Ok(lead)) = lead else {
            return Err(ConfigError::LeadMissing);
        };
        let base = base.map_err(ConfigError::ProxyBase)?;
        Ok(Source { lead, base, token })
    }
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// RFC 7235 token68: what may follow `Bearer ` in a header. Anything else would make the
/// browser refuse the header, or smuggle a second one.
fn is_token68(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
}

/// The element's theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
    /// Follows `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// The `data-theme` value on the widget's root.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }
}

/// How tightly the element sets its cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Density {
    /// The default spacing.
    Comfortable,
    /// Tighter cards for narrow sidebars: at least eight in 400 × 800 px.
    Compact,
}

impl Density {
    /// The `data-density` value on the widget's root.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Comfortable => "comfortable",
            Self::Compact => "compact",
        }
    }
}

/// Why the element sends no request. `Display` is the message the element shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No `lead-id`.
    #[error("lead-id is missing: set it to the lead's numeric ID.")]
    LeadMissing,
    /// `lead-id` is not digits.
    #[error("lead-id must be a number: the lead's numeric ID.")]
    LeadInvalid,
    /// `proxy-base` is missing or unusable.
    #[error("{0}")]
    ProxyBase(ProxyBaseError),
    /// `token` contains characters that cannot be sent in a header.
    #[error("token is not a valid bearer token.")]
    TokenInvalid,
}

impl ConfigError {
    /// Whether nothing is wrong yet, only not set (no `lead-id`, no `proxy-base`): a host that
    /// creates the element before it knows the lead. The element waits quietly.
    pub fn is_unset(&self) -> bool {
        matches!(
            self,
            Self::LeadMissing | Self::ProxyBase(ProxyBaseError::Missing)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Attributes {
        let mut attrs = Attributes::default();
        for (name, value) in pairs {
            attrs.set(name, Some((*value).to_owned()));
        }
        attrs
    }

    #[test]
    fn source_needs_a_numeric_lead_and_a_usable_proxy_base() {
        type Case<'a> = (&'a [(&'a str, &'a str)], Result<u64, ConfigError>);
        let cases: &[Case] = &[
            (&[("lead-id", "12345"), ("proxy-base", "/api")], Ok(12345)),
            (&[("lead-id", " 7 "), ("proxy-base", "/api")], Ok(7)),
            (&[("proxy-base", "/api")], Err(ConfigError::LeadMissing)),
            (
                &[("lead-id", " "), ("proxy-base", "/api")],
                Err(ConfigError::LeadMissing),
            ),
            (
                &[("lead-id", "abc"), ("proxy-base", "/api")],
                Err(ConfigError::LeadInvalid),
            ),
            (
                &[("lead-id", "-1"), ("proxy-base", "/api")],
                Err(ConfigError::LeadInvalid),
            ),
            (
                &[("lead-id", "1")],
                Err(ConfigError::ProxyBase(ProxyBaseError::Missing)),
            ),
            (
                &[("lead-id", "1"), ("proxy-base", "javascript:x")],
                Err(ConfigError::ProxyBase(ProxyBaseError::Invalid)),
            ),
            (
                &[
                    ("lead-id", "1"),
                    ("proxy-base", "/api"),
                    ("token", "a\r\nX-Evil: 1"),
                ],
                Err(ConfigError::TokenInvalid),
            ),
            // A set, unusable value is an error even while another is not set yet.
            (
                &[("proxy-base", "javascript:x")],
                Err(ConfigError::ProxyBase(ProxyBaseError::Invalid)),
            ),
            (&[("lead-id", "abc")], Err(ConfigError::LeadInvalid)),
            (&[("token", "a b")], Err(ConfigError::TokenInvalid)),
        ];
        for (pairs, expected) in cases {
            let got = attrs(pairs).source().map(|s| s.lead.0);
            assert_eq!(got, *expected, "{pairs:?}");
        }
    }

    #[test]
    fn only_values_not_set_yet_are_quiet() {
        assert!(ConfigError::LeadMissing.is_unset());
        assert!(ConfigError::ProxyBase(ProxyBaseError::Missing).is_unset());
        assert!(!ConfigError::LeadInvalid.is_unset());
        assert!(!ConfigError::ProxyBase(ProxyBaseError::Invalid).is_unset());
        assert!(!ConfigError::TokenInvalid.is_unset());
    }

    #[test]
    fn token_is_kept_when_it_is_a_bearer_token() {
        let source = attrs(&[
            ("lead-id", "1"),
            ("proxy-base", "/api"),
            ("token", "eyJhbGciOi.J9-_x="),
        ])
        .source()
        .expect("valid");
        assert_eq!(source.token.as_deref(), Some("eyJhbGciOi.J9-_x="));
        let none = attrs(&[("lead-id", "1"), ("proxy-base", "/api"), ("token", "  ")]).source();
        assert_eq!(none.map(|s| s.token), Ok(None));
    }

    #[test]
    fn page_size_defaults_to_20_and_is_clamped_to_1_through_20() {
        let cases = [
            (None, 20),
            (Some("5"), 5),
            (Some(" 20 "), 20),
            (Some("21"), 20),
            (Some("0"), 1),
            (Some("-4"), 1),
            (Some("-99999999999999999999"), 1),
            (Some("99999999999999999999"), 20),
            (Some("ten"), 20),
            (Some(""), 20),
        ];
        for (raw, expected) in cases {
            let mut attrs = Attributes::default();
            attrs.set("page-size", raw.map(str::to_owned));
            assert_eq!(attrs.page_size(), expected, "{raw:?}");
        }
    }

    #[test]
    fn theme_defaults_to_auto() {
        let cases = [
            (None, Theme::Auto),
            (Some("dark"), Theme::Dark),
            (Some("LIGHT"), Theme::Light),
            (Some("neon"), Theme::Auto),
        ];
        for (raw, expected) in cases {
            let mut attrs = Attributes::default();
            attrs.set("theme", raw.map(str::to_owned));
            assert_eq!(attrs.theme(), expected, "{raw:?}");
        }
    }

    #[test]
    fn density_defaults_to_comfortable() {
        let cases = [
            (None, Density::Comfortable),
            (Some("compact"), Density::Compact),
            (Some(" COMPACT "), Density::Compact),
            (Some("tiny"), Density::Comfortable),
        ];
        for (raw, expected) in cases {
            let mut attrs = Attributes::default();
            attrs.set("density", raw.map(str::to_owned));
            assert_eq!(attrs.density(), expected, "{raw:?}");
        }
    }

    #[test]
    fn each_attribute_change_says_what_it_affects() {
        let cases = [
            ("lead-id", Change::Source),
            ("proxy-base", Change::Source),
            ("token", Change::Token),
            ("page-size", Change::PageSize),
            ("locale", Change::Format),
            ("time-zone", Change::Format),
            ("theme", Change::Look),
            ("density", Change::Look),
            ("class", Change::Ignored),
        ];
        for (name, expected) in cases {
            assert_eq!(Attributes::default().set(name, None), expected, "{name}");
        }
        for name in OBSERVED_ATTRIBUTES {
            assert_ne!(
                Attributes::default().set(name, None),
                Change::Ignored,
                "{name}"
            );
        }
    }
}
