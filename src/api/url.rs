//! Where the widget sends its request: the proxy base from the `proxy-base` attribute, joined with
//! the upstream's own List Tasks path and query.

use task_history_protocol::query::{LeadId, PageRequest, task_list_path};

/// Why a `proxy-base` value cannot be used. `Display` is the message the element shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProxyBaseError {
    /// The attribute is absent or blank.
    #[error("proxy-base is missing: set it to the URL of your task-history proxy, e.g. \"/api\".")]
    Missing,
    /// The value is not an http(s) URL or a same-origin path.
    #[error(
        "proxy-base must be a path such as \"/api\" or an http(s) URL without query or fragment."
    )]
    Invalid,
}

/// A validated proxy base URL, without trailing slashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProxyBase(String);

impl ProxyBase {
    /// Accepts a same-origin path (`/api`, `./api`, `../api`) or an absolute `http(s)://` URL.
    /// Protocol-relative (`//host`), other schemes (`javascript:`, `data:`), whitespace, and a
    /// query or fragment are refused: the base is concatenated with a path, so any of these
    /// would send the request somewhere the page author did not mean.
    pub fn parse(raw: &str) -> Result<Self, ProxyBaseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ProxyBaseError::Missing);
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control())
            || raw.contains(['?', '#', '\\'])
        {
            return Err(ProxyBaseError::Invalid);
        }
        let lower = raw.to_ascii_lowercase();
        let accepted = if let Some(rest) = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
        {
            // A host must follow the scheme.
            !rest.is_empty() && !rest.starts_with('/')
        } else {
            (raw.starts_with('/') && !raw.starts_with("//"))
                || raw.starts_with("./")
                || raw.starts_with("../")
        };
        if !accepted {
            return Err(ProxyBaseError::Invalid);
        }
        let trimmed = raw.trim_end_matches('/');
        // "/" alone means the proxy is mounted at the site root.
        Ok(Self(trimmed.to_owned()))
    }

    /// The base as given, without trailing slashes (empty for the site root).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The path of one lead's task list through the proxy, without the query: the client adds
/// `page` and `page_size` as query parameters.
pub fn task_list_base_url(base: &ProxyBase, lead: LeadId) -> String {
    format!("{}{}", base.0, task_list_path(lead))
}

/// The full URL of one page of one lead's tasks through the proxy.
pub fn task_list_url(base: &ProxyBase, lead: LeadId, request: PageRequest) -> String {
    format!("{}?{}", task_list_base_url(base, lead), request.to_query())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_base_accepts_paths_and_http_urls() {
        let cases: &[(&str, Result<&str, ProxyBaseError>)] = &[
            ("/api", Ok("/api")),
            ("/api/", Ok("/api")),
            (" /api ", Ok("/api")),
            ("/", Ok("")),
            ("./api", Ok("./api")),
            ("../proxy/api", Ok("../proxy/api")),
            (
                "https://crm.example.com/api",
                Ok("https://crm.example.com/api"),
            ),
            ("HTTP://localhost:8080", Ok("HTTP://localhost:8080")),
            ("", Err(ProxyBaseError::Missing)),
            ("   ", Err(ProxyBaseError::Missing)),
            ("api", Err(ProxyBaseError::Invalid)),
            ("//evil.example", Err(ProxyBaseError::Invalid)),
            ("javascript:alert(1)", Err(ProxyBaseError::Invalid)),
            ("data:text/plain,x", Err(ProxyBaseError::Invalid)),
            ("ftp://host/api", Err(ProxyBaseError::Invalid)),
            ("https://", Err(ProxyBaseError::Invalid)),
            ("https:///path", Err(ProxyBaseError::Invalid)),
            ("/api?x=1", Err(ProxyBaseError::Invalid)),
            ("/api#frag", Err(ProxyBaseError::Invalid)),
            ("/a pi", Err(ProxyBaseError::Invalid)),
            ("/api\\..", Err(ProxyBaseError::Invalid)),
        ];
        for (raw, expected) in cases {
            let got = ProxyBase::parse(raw);
            assert_eq!(
                got.as_ref().map(ProxyBase::as_str),
                expected.as_ref().map(|s| *s),
                "proxy-base {raw:?}"
            );
        }
    }

    #[test]
    fn url_is_the_upstream_path_under_the_base() {
        let cases = [
            (
                "/api",
                12345,
                1,
                20,
                "/api/enterprise/api/lead/12345/task?page=1&page_size=20",
            ),
            (
                "/",
                7,
                3,
                5,
                "/enterprise/api/lead/7/task?page=3&page_size=5",
            ),
            (
                "https://p.example/x/",
                1,
                2,
                20,
                "https://p.example/x/enterprise/api/lead/1/task?page=2&page_size=20",
            ),
        ];
        for (base, lead, page, page_size, expected) in cases {
            let base = ProxyBase::parse(base).expect("valid base");
            let url = task_list_url(&base, LeadId(lead), PageRequest { page, page_size });
            assert_eq!(url, expected);
        }
    }
}
