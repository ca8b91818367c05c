//! The forwarding allowlist: the one request shape the proxy will send upstream.
//!
//! Parsing works on the raw, still percent-encoded path and query. Nothing is decoded, so
//! `%2e%2e`, `%2F`, `%31` and friends never turn into something that passes; the upstream URL is
//! rebuilt from the parsed numbers alone, never copied from the client's bytes.

use crate::error::ProxyError;
use task_history_protocol::query::{LeadId, PageRequest, task_list_path};

/// A validated List Tasks request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaskListRequest {
    /// The lead whose tasks are asked for.
    pub lead: LeadId,
    /// The page and page size, defaults applied.
    pub page: PageRequest,
}

impl TaskListRequest {
    /// Parses the path below the API prefix (e.g. `/enterprise/api/lead/12345/task`) and the raw
    /// query string. A path of any other shape is [`ProxyError::NotFound`]; a non-numeric lead
    /// or bad paging values get the upstream's own 400 messages.
    pub fn parse(path: &str, query: Option<&str>) -> Result<Self, ProxyError> {
        let lead = lead_segment(path).ok_or(ProxyError::NotFound)?;
        let lead = LeadId::parse(lead).map_err(ProxyError::InvalidQuery)?;
        let (page, page_size) = paging_params(query.unwrap_or(""))?;
        let page = PageRequest::parse(page, page_size).map_err(ProxyError::InvalidQuery)?;
        Ok(Self { lead, page })
    }

    /// Path and query to append to the upstream base, e.g.
    /// `/enterprise/api/lead/12345/task?page=1&page_size=20`.
    pub fn upstream_path_and_query(&self) -> String {
        format!("{}?{}", task_list_path(self.lead), self.page.to_query())
    }
}

/// The `{lead}` of `/enterprise/api/lead/{lead}/task`, if the path has exactly that shape.
fn lead_segment(path: &str) -> Option<&str> {
    let lead = path
        .strip_prefix("/enterprise/api/lead/")?
        .strip_suffix("/task")?;
    // A slash inside would mean extra segments (`1/../2`), not a lead ID; an empty segment
    // does not match the upstream's `:lead_id` route at all.
    (!lead.is_empty() && !lead.contains('/')).then_some(lead)
}

/// Raw `page` and `page_size` values; anything else in the query is refused.
fn paging_params(query: &str) -> Result<(Option<&str>, Option<&str>), ProxyError> {
    let (mut page, mut page_size) = (None, None);
    if query.is_empty() {
        return Ok((page, page_size));
    }
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (slot, name) = match key {
            "page" => (&mut page, "page"),
            "page_size" => (&mut page_size, "page_size"),
            _ => return Err(ProxyError::UnexpectedParameter),
        };
        if slot.replace(value).is_some() {
            return Err(ProxyError::DuplicateParameter(name));
        }
    }
    Ok((page, page_size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use task_history_protocol::query::QueryError;

    fn parse(path: &str, query: Option<&str>) -> Result<String, ProxyError> {
        TaskListRequest::parse(path, query).map(|r| r.upstream_path_and_query())
    }

    #[test]
    fn valid_requests_are_rebuilt_from_parsed_numbers() {
        let cases = [
            (None, "page=1&page_size=20"),
            (Some(""), "page=1&page_size=20"),
            (Some("page=2"), "page=2&page_size=20"),
            (Some("page_size=5&page=3"), "page=3&page_size=5"),
            (Some("page=007&page_size=09"), "page=7&page_size=9"),
        ];
        for (query, expected) in cases {
            assert_eq!(
                parse("/enterprise/api/lead/12345/task", query),
                Ok(format!("/enterprise/api/lead/12345/task?{expected}")),
                "{query:?}"
            );
        }
    }

    #[test]
    fn other_path_shapes_are_not_found() {
        for path in [
            "/enterprise/api/lead/1/task/",
            "/enterprise/api/lead/1/tasks",
            "/enterprise/api/lead//task",
            "/enterprise/api/lead/1/../2/task",
            "/enterprise/api/lead/1/task/../../../admin",
            "/enterprise//api/lead/1/task",
            "/enterprise/api/lead/1",
            "/superfone/enterprise/api/lead/1/task",
            "/Enterprise/api/lead/1/task",
            "",
        ] {
            assert_eq!(parse(path, None), Err(ProxyError::NotFound), "{path:?}");
        }
    }

    #[test]
    fn encoded_or_non_numeric_leads_get_the_upstream_message() {
        for lead in ["abc", "%31", "1%2F2", "..", "%2e%2e", "-1", "1.0", "１"] {
            let path = format!("/enterprise/api/lead/{lead}/task");
            assert_eq!(
                parse(&path, None),
                Err(ProxyError::InvalidQuery(QueryError::LeadIdNotNumber)),
                "{lead:?}"
            );
        }
    }

    #[test]
    fn extra_encoded_or_duplicate_parameters_are_refused() {
        let path = "/enterprise/api/lead/1/task";
        let cases = [
            ("page=1&x=2", ProxyError::UnexpectedParameter),
            ("page%5Fsize=2", ProxyError::UnexpectedParameter),
            ("PAGE=1", ProxyError::UnexpectedParameter),
            ("page=1&", ProxyError::UnexpectedParameter),
            ("&page=1", ProxyError::UnexpectedParameter),
            ("page[]=1", ProxyError::UnexpectedParameter),
            ("page=1&page=2", ProxyError::DuplicateParameter("page")),
            (
                "page_size=1&page_size=1",
                ProxyError::DuplicateParameter("page_size"),
            ),
        ];
        for (query, expected) in cases {
            assert_eq!(parse(path, Some(query)), Err(expected), "{query:?}");
        }
    }

    #[test]
    fn bad_paging_values_get_the_upstream_messages() {
        let path = "/enterprise/api/lead/1/task";
        let cases = [
            ("page_size=21", "page_size cannot exceed 20"),
            ("page_size=0", "page_size must be a positive integer"),
            ("page_size=%32", "page_size must be a positive integer"),
            ("page_size", "page_size must be a positive integer"),
            ("page=0", "page must be a positive integer"),
            ("page=1%26x%3D2", "page must be a positive integer"),
        ];
        for (query, message) in cases {
            let err = parse(path, Some(query)).expect_err(query);
            assert_eq!(err.to_string(), message, "{query:?}");
        }
    }
}
