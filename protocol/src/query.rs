//! The List Tasks request parameters and their validation, with the upstream's own 400 messages.
//!
//! One implementation serves the mock (to answer like the vendor), the proxy (to refuse bad input
//! before any upstream call) and the widget (to refuse an invalid `lead-id` before any request).

use std::fmt;

/// Largest `page_size` the upstream accepts.
pub const MAX_PAGE_SIZE: u32 = 20;
/// `page_size` when the request does not give one.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// Why a List Tasks request is invalid. `Display` is the upstream's exact message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The `:lead_id` path segment is not a number.
    #[error("lead_id must be a number")]
    LeadIdNotNumber,
    /// `page_size` is present but not a positive integer (`abc`, `0`, empty).
    #[error("page_size must be a positive integer")]
    PageSizeNotPositive,
    /// `page_size` is greater than [`MAX_PAGE_SIZE`].
    #[error("page_size cannot exceed 20")]
    PageSizeTooLarge,
    /// `page` is present but not a positive integer. The vendor page does not document this
    /// case; we answer in the same style as `page_size`.
    #[error("page must be a positive integer")]
    PageNotPositive,
}

/// A lead's internal ID: digits only, as the upstream's `:lead_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LeadId(pub u64);

impl LeadId {
    /// Parses a path segment. Only ASCII digits are a number here: signs, spaces, decimals and
    /// exponents are refused, because they would let two spellings name one lead.
    pub fn parse(raw: &str) -> Result<Self, QueryError> {
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(QueryError::LeadIdNotNumber);
        }
        // All digits but too long for u64: a number, just not one that can name a lead.
        raw.parse().map(LeadId).or(Err(QueryError::LeadIdNotNumber))
    }
}

impl fmt::Display for LeadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A validated `page` and `page_size` pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    /// 1-based page number.
    pub page: u32,
    /// Items per page, 1..=[`MAX_PAGE_SIZE`].
    pub page_size: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl PageRequest {
    /// Validates raw query values; `None` means the parameter was absent (its default applies),
    /// `Some("")` means present without a value (invalid, as upstream).
    pub fn parse(page: Option<&str>, page_size: Option<&str>) -> Result<Self, QueryError> {
        let page_size = match page_size {
            None => DEFAULT_PAGE_SIZE,
            Some(raw) => parse_page_size(raw)?,
        };
        let page = match page {
            None => 1,
            Some(raw) => positive(raw).ok_or(QueryError::PageNotPositive)?,
        };
        Ok(Self { page, page_size })
    }

    /// The query string the upstream expects, e.g. `page=2&page_size=20`.
    pub fn to_query(self) -> String {
        format!("page={}&page_size={}", self.page, self.page_size)
    }
}

fn parse_page_size(raw: &str) -> Result<u32, QueryError> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(QueryError::PageSizeNotPositive);
    }
    match raw.parse::<u32>() {
        Ok(0) => Err(QueryError::PageSizeNotPositive),
        Ok(n) if n <= MAX_PAGE_SIZE => Ok(n),
        // Digits only, so anything that did not fit is larger than 20 too.
        _ => Err(QueryError::PageSizeTooLarge),
    }
}

fn positive(raw: &str) -> Option<u32> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse::<u32>().ok().filter(|&n| n > 0)
}

/// The upstream path of one lead's task list, without host or prefix.
pub fn task_list_path(lead: LeadId) -> String {
    format!("/enterprise/api/lead/{lead}/task")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_id_accepts_digits_only() {
        let cases: &[(&str, Result<LeadId, QueryError>)] = &[
            ("12345", Ok(LeadId(12345))),
            ("0", Ok(LeadId(0))),
            ("abc", Err(QueryError::LeadIdNotNumber)),
            ("", Err(QueryError::LeadIdNotNumber)),
            ("-1", Err(QueryError::LeadIdNotNumber)),
            ("+1", Err(QueryError::LeadIdNotNumber)),
            ("1.5", Err(QueryError::LeadIdNotNumber)),
            ("1e3", Err(QueryError::LeadIdNotNumber)),
            (" 1", Err(QueryError::LeadIdNotNumber)),
            ("99999999999999999999999", Err(QueryError::LeadIdNotNumber)),
        ];
        for (raw, expected) in cases {
            assert_eq!(LeadId::parse(raw), *expected, "lead_id {raw:?}");
        }
    }

    #[test]
    fn page_size_rules_match_the_upstream_messages() {
        let cases: &[(Option<&str>, Result<u32, &str>)] = &[
            (None, Ok(20)),
            (Some("1"), Ok(1)),
            (Some("20"), Ok(20)),
            (Some("abc"), Err("page_size must be a positive integer")),
            (Some("0"), Err("page_size must be a positive integer")),
            (Some(""), Err("page_size must be a positive integer")),
            (Some("-5"), Err("page_size must be a positive integer")),
            (Some("2.5"), Err("page_size must be a positive integer")),
            (Some("21"), Err("page_size cannot exceed 20")),
            (
                Some("99999999999999999999"),
                Err("page_size cannot exceed 20"),
            ),
        ];
        for (raw, expected) in cases {
            let got = PageRequest::parse(None, *raw)
                .map(|p| p.page_size)
                .map_err(|e| e.to_string());
            assert_eq!(got, expected.map_err(str::to_owned), "page_size {raw:?}");
        }
    }

    #[test]
    fn page_defaults_to_one_and_must_be_positive() {
        let cases: &[(Option<&str>, Result<u32, QueryError>)] = &[
            (None, Ok(1)),
            (Some("7"), Ok(7)),
            (Some("0"), Err(QueryError::PageNotPositive)),
            (Some("x"), Err(QueryError::PageNotPositive)),
            (Some(""), Err(QueryError::PageNotPositive)),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                PageRequest::parse(*raw, None).map(|p| p.page),
                *expected,
                "page {raw:?}"
            );
        }
    }

    #[test]
    fn page_size_is_checked_before_page() {
        assert_eq!(
            PageRequest::parse(Some("x"), Some("abc")),
            Err(QueryError::PageSizeNotPositive)
        );
    }

    #[test]
    fn query_and_path_are_rebuilt_from_parsed_values() {
        let req = PageRequest {
            page: 3,
            page_size: 5,
        };
        assert_eq!(req.to_query(), "page=3&page_size=5");
        assert_eq!(task_list_path(LeadId(42)), "/enterprise/api/lead/42/task");
    }
}
