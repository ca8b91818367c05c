//! CORS for configured origins only: exact string match, `Vary: Origin`, never `*`.
//!
//! A request whose `Origin` is neither configured nor the proxy's own is refused before any
//! upstream call: the browser would hide the answer anyway, but the upstream quota would be spent.

use crate::error::ProxyError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::sync::Arc;

/// The exact origins (`scheme://host[:port]`) allowed to call the API from a browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins(Vec<String>);

/// Why an origin cannot be configured.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "invalid CORS origin {0:?}: expected scheme://host[:port] with no path, e.g. https://crm.example.com"
)]
pub struct InvalidOrigin(String);

impl AllowedOrigins {
    /// Validates each origin: `http`/`https`, a host, no path, query, userinfo or wildcard.
    pub fn new<I, S>(origins: I) -> Result<Self, InvalidOrigin>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        origins
            .into_iter()
            .map(|origin| {
                let origin = origin.into();
                if is_valid_origin(&origin) {
                    Ok(origin)
                } else {
                    Err(InvalidOrigin(origin))
                }
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    fn contains(&self, origin: &str) -> bool {
        self.0.iter().any(|allowed| allowed == origin)
    }
}

/// CORS on the element's static files: they are public, so nothing is refused, but only a
/// configured origin gets `Access-Control-Allow-Origin` (a CRM page loading the element's module
/// scripts and wasm from the proxy's host needs it). `Vary: Origin` on every answer, so a cache
/// keeps the two forms apart.
pub fn static_file_headers(
    allowed: &AllowedOrigins,
    request: &HeaderMap,
    response: &mut HeaderMap,
) {
    response.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = request
        .get(header::ORIGIN)
        .filter(|origin| origin.to_str().is_ok_and(|o| allowed.contains(o)))
    {
        response.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    }
}

fn is_valid_origin(origin: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

/// How a request's `Origin` relates to the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Decision {
    /// No `Origin` header, or the proxy's own origin: not a CORS request.
    NotCors,
    /// A configured origin; echo it back.
    Allowed(HeaderValue),
    /// Anything else.
    Denied,
}

/// `scheme` is how the client reached the proxy (`http`, or what a trusted proxy in front says):
/// `https://host` is not the own origin of a proxy served as `http://host`.
fn decide(allowed: &AllowedOrigins, headers: &HeaderMap, scheme: &str) -> Decision {
    let Some(origin) = headers.get(header::ORIGIN) else {
        // A browser sends no Origin on a cross-site `<script src>` or `<img src>` GET, but it
        // does send Fetch Metadata: such loads would spend the upstream quota from any page.
        return if is_cross_site_no_cors(headers) {
            Decision::Denied
        } else {
            Decision::NotCors
        };
    };
    let Ok(origin_str) = origin.to_str() else {
        return Decision::Denied;
    };
    if allowed.contains(origin_str) {
        return Decision::Allowed(origin.clone());
    }
    let same_origin = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|host| {
            let rest = origin_str.strip_prefix(scheme)?.strip_prefix("://")?;
            Some(rest.eq_ignore_ascii_case(host))
        })
        .unwrap_or(false);
    if same_origin {
        Decision::NotCors
    } else {
        Decision::Denied
    }
}

fn is_cross_site_no_cors(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .is_some_and(|site| site != "same-origin" && site != "none")
}

/// Middleware for the API routes: answers preflights, refuses unknown origins, and adds the
/// CORS response headers for allowed ones.
pub async fn layer(
    State(allowed): State<Arc<AllowedOrigins>>,
    request: Request,
    next: Next,
) -> Response {
    handle(&allowed, "http", request, |request| next.run(request)).await
}

/// [`layer`] around any inner handler: the router runs it with the rate limit inside, in one
/// middleware. `scheme` is how the client reached the proxy, for the own-origin check.
pub async fn handle<F, Fut>(
    allowed: &AllowedOrigins,
    scheme: &str,
    request: Request,
    inner: F,
) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let decision = decide(allowed, request.headers(), scheme);
    let mut response = match (&decision, request.method()) {
        (Decision::Denied, _) => ProxyError::OriginNotAllowed.into_response(),
        (Decision::Allowed(_), &Method::OPTIONS) if is_get_preflight(request.headers()) => {
            preflight()
        }
        (_, &Method::OPTIONS) => ProxyError::MethodNotAllowed.into_response(),
        _ => inner(request).await,
    };
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Decision::Allowed(origin) = decision {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Retry-After"),
        );
    }
    response
}

fn is_get_preflight(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .is_some_and(|m| m == "GET")
}

fn preflight() -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET"),
    );
    // The element sends its per-lead token as a bearer credential.
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Authorization"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), HeaderValue::from_str(v).expect("header value")))
            .collect()
    }

    #[test]
    fn only_exact_configured_origins_are_allowed() {
        let allowed = AllowedOrigins::new(["https://crm.example.com"]).expect("valid");
        let cases = [
            ("https://crm.example.com", true),
            ("https://crm.example.com/", false),
            ("http://crm.example.com", false),
            ("https://crm.example.com:443", false),
            ("https://CRM.example.com", false),
            ("https://crm.example.com.evil.test", false),
            ("https://evil.test", false),
            ("null", false),
        ];
        for (origin, ok) in cases {
            let decision = decide(
                &allowed,
                &headers(&[(header::ORIGIN, origin), (header::HOST, "proxy.test")]),
                "http",
            );
            assert_eq!(
                matches!(decision, Decision::Allowed(_)),
                ok,
                "{origin}: {decision:?}"
            );
        }
    }

    #[test]
    fn own_origin_and_no_origin_are_not_cors() {
        let allowed = AllowedOrigins::default();
        let own = headers(&[
            (header::ORIGIN, "http://127.0.0.1:8080"),
            (header::HOST, "127.0.0.1:8080"),
        ]);
        assert_eq!(decide(&allowed, &own, "http"), Decision::NotCors);
        let none = headers(&[(header::HOST, "127.0.0.1:8080")]);
        assert_eq!(decide(&allowed, &none, "http"), Decision::NotCors);
        let other = headers(&[
            (header::ORIGIN, "http://127.0.0.1:9999"),
            (header::HOST, "127.0.0.1:8080"),
        ]);
        assert_eq!(decide(&allowed, &other, "http"), Decision::Denied);
    }

    #[test]
    fn own_origin_must_have_the_scheme_the_proxy_was_reached_by() {
        let allowed = AllowedOrigins::default();
        let https_page = headers(&[
            (header::ORIGIN, "https://proxy.example.com"),
            (header::HOST, "proxy.example.com"),
        ]);
        assert_eq!(decide(&allowed, &https_page, "http"), Decision::Denied);
        assert_eq!(decide(&allowed, &https_page, "https"), Decision::NotCors);
        let http_page = headers(&[
            (header::ORIGIN, "http://proxy.example.com"),
            (header::HOST, "proxy.example.com"),
        ]);
        assert_eq!(decide(&allowed, &http_page, "https"), Decision::Denied);
    }

    #[test]
    fn cross_site_loads_without_origin_are_denied() {
        let allowed = AllowedOrigins::default();
        let cases = [
            ("cross-site", Decision::Denied),
            ("same-site", Decision::Denied),
            ("same-origin", Decision::NotCors),
            ("none", Decision::NotCors),
        ];
        for (site, expected) in cases {
            let request = headers(&[
                (header::HOST, "127.0.0.1:8080"),
                (header::HeaderName::from_static("sec-fetch-site"), site),
            ]);
            assert_eq!(decide(&allowed, &request, "http"), expected, "{site}");
        }
    }

    #[test]
    fn static_files_echo_configured_origins_only() {
        let allowed = AllowedOrigins::new(["https://crm.example.com"]).expect("valid");
        for (origin, echoed) in [
            (Some("https://crm.example.com"), true),
            (Some("https://evil.test"), false),
            (Some("null"), false),
            (None, false),
        ] {
            let request = headers(
                &origin
                    .map(|o| (header::ORIGIN, o))
                    .into_iter()
                    .collect::<Vec<_>>(),
            );
            let mut response = HeaderMap::new();
            static_file_headers(&allowed, &request, &mut response);
            assert_eq!(
                response
                    .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
                    .map(|v| v.to_str().expect("ascii")),
                origin.filter(|_| echoed),
                "{origin:?}"
            );
            assert_eq!(response[header::VARY], "Origin");
        }
    }

    #[test]
    fn wildcards_paths_and_null_cannot_be_configured() {
        for bad in [
            "*",
            "null",
            "https://*.example.com",
            "https://crm.example.com/",
            "https://crm.example.com/path",
            "https://user@crm.example.com",
            "ftp://crm.example.com",
            "crm.example.com",
        ] {
            assert!(AllowedOrigins::new([bad]).is_err(), "{bad}");
        }
        assert!(AllowedOrigins::new(["http://localhost:3000", "https://[::1]:8443"]).is_ok());
    }
}
