//! The router: `/healthz`, the API under its prefix, the demo files, and the headers every
//! response carries.

use crate::client_ip::TrustedProxies;
use crate::coalesce::Coalescer;
use crate::config::Config;
use crate::cors::AllowedOrigins;
use crate::error::ProxyError;
use crate::forward::TaskListRequest;
use crate::hosts::AllowedHosts;
use crate::metrics::{Metrics, Route};
use crate::rate_limit::RateLimiter;
use crate::static_files::StaticFiles;
use crate::token::TokenVerifier;
use crate::upstream::Upstream;
use crate::{cors, rate_limit};
use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use bytes::Bytes;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
struct ApiState {
    prefix: String,
    upstream: Arc<Upstream>,
    coalescer: Coalescer,
    tokens: Option<TokenVerifier>,
    metrics: Arc<Metrics>,
}

const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

/// The token check alone, for nginx's `auth_request` (served when tokens are on).
pub const AUTH_CHECK_PATH: &str = "/auth/check";
/// The lead a token is checked against at [`AUTH_CHECK_PATH`].
const X_TASK_HISTORY_LEAD: HeaderName = HeaderName::from_static("x-task-history-lead");
/// The refusal's message, for a server in front that answers with it (`auth_request_set`).
const X_TASK_HISTORY_MESSAGE: HeaderName = HeaderName::from_static("x-task-history-message");

/// Builds the proxy's router, with `/metrics` and metrics of its own. Serve it with
/// [`crate::server::serve`] (or `into_make_service_with_connect_info::<SocketAddr>()`) so the
/// rate limit sees client addresses.
pub fn app(config: Config) -> Router {
    app_with_metrics(config, Arc::new(Metrics::new()), true)
}

/// The proxy's router recording into `metrics`; `/metrics` is among its routes when
/// `serve_metrics` (otherwise it is served on a listener of its own: [`metrics_only`]).
pub fn app_with_metrics(config: Config, metrics: Arc<Metrics>, serve_metrics: bool) -> Router {
    let check_tokens = config.tokens.clone().map(Arc::new);
    let api_state = Arc::new(ApiState {
        prefix: config.api_prefix.clone(),
        upstream: Arc::new(Upstream::new(config.upstream, Arc::clone(&metrics))),
        coalescer: Coalescer::new(Arc::clone(&metrics)),
        tokens: config.tokens,
        metrics: Arc::clone(&metrics),
    });
    let static_state = StaticState {
        files: config.static_files.map(Arc::new),
        origins: config.cors_origins.clone(),
    };
    let guard = Arc::new(ApiGuard {
        origins: config.cors_origins,
        limiter: RateLimiter::new(config.rate_limit),
        trusted_proxies: config.trusted_proxies,
        metrics: Arc::clone(&metrics),
    });
    let api = any(task_list)
        .with_state(api_state)
        .layer(middleware::from_fn_with_state(guard, api_guard));
    let frame = Arc::new(Frame {
        api_prefix: format!("{}/", config.api_prefix),
        static_files: static_state.files.is_some(),
        hosts: config.allowed_hosts,
        metrics: Arc::clone(&metrics),
    });
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route(&format!("{}/{{*rest}}", config.api_prefix), api);
    if serve_metrics {
        router = router.route("/metrics", get(move || async move { metrics.response() }));
    }
    if let Some(tokens) = check_tokens {
        router = router.route(
            AUTH_CHECK_PATH,
            get(move |request: Request| async move { auth_check(&tokens, &request) }),
        );
    }
    router
        .fallback(not_api)
        .with_state(Arc::new(static_state))
        .layer(middleware::from_fn_with_state(frame, finish_response))
}

/// A router with `/metrics` alone, for `PROXY_METRICS_ADDR`.
pub fn metrics_only(metrics: Arc<Metrics>) -> Router {
    let frame = Arc::new(Frame {
        api_prefix: String::new(),
        static_files: false,
        hosts: AllowedHosts::default(),
        metrics: Arc::clone(&metrics),
    });
    Router::new()
        .route("/metrics", get(move || async move { metrics.response() }))
        .fallback(|| async { ProxyError::NotFound })
        .layer(middleware::from_fn_with_state(frame, finish_response))
}

/// What the API routes check before the handler: CORS, then the rate limit.
#[derive(Debug)]
struct ApiGuard {
    origins: AllowedOrigins,
    limiter: RateLimiter,
    trusted_proxies: TrustedProxies,
    metrics: Arc<Metrics>,
}

/// CORS outermost, so a 429 still carries the headers the browser needs to read it. One
/// middleware rather than two layers: each `from_fn` layer costs allocations per request.
async fn api_guard(State(guard): State<Arc<ApiGuard>>, request: Request, next: Next) -> Response {
    let scheme = if guard.trusted_proxies.is_empty() {
        "http"
    } else {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let proto = request.headers().get_all(X_FORWARDED_PROTO).iter();
        guard
            .trusted_proxies
            .scheme(peer, proto.filter_map(|v| v.to_str().ok()))
    };
    cors::handle(&guard.origins, scheme, request, |request| {
        rate_limit::handle(
            &guard.limiter,
            &guard.trusted_proxies,
            &guard.metrics,
            request,
            next,
        )
    })
    .await
}

async fn healthz() -> Response {
    axum::Json(serde_json::json!({ "status": "ok" })).into_response()
}

// The whole request rather than `Method`, `Uri` and `HeaderMap` extractors, which would clone
// each of them.
async fn task_list(
    State(state): State<Arc<ApiState>>,
    request: Request,
) -> Result<Response, ProxyError> {
    let (uri, headers) = (request.uri(), request.headers());
    if request.method() != Method::GET {
        return Err(ProxyError::MethodNotAllowed);
    }
    let path = uri
        .path()
        .strip_prefix(state.prefix.as_str())
        .ok_or(ProxyError::NotFound)?;
    let request = TaskListRequest::parse(path, uri.query())?;
    if let Some(tokens) = &state.tokens {
        // A header that is not text is a bad token, not a missing one.
        let authorization = headers
            .get(header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or(""));
        let claims = tokens.verify(authorization, request.lead, unix_now())?;
        tracing::debug!(lead = %request.lead, user = %claims.sub, "token accepted");
    }
    let upstream = Arc::clone(&state.upstream);
    let outcome = state
        .coalescer
        .run(request, move || async move {
            upstream.list_tasks(request).await
        })
        .await;
    if outcome == Err(ProxyError::UpstreamBusy) {
        state.metrics.budget_refused();
    }
    Ok(json_body(outcome?))
}

/// `GET /auth/check` with `Authorization` and `X-Task-History-Lead`: 204 when the token opens
/// that lead, else the API's own 401/403 (and 400 for a bad lead), its message also in
/// `X-Task-History-Message`, since `auth_request` passes on the status but not the body.
fn auth_check(tokens: &TokenVerifier, request: &Request) -> Response {
    let headers = request.headers();
    let outcome = headers
        .get(X_TASK_HISTORY_LEAD)
        .and_then(|v| v.to_str().ok())
        .ok_or(ProxyError::InvalidQuery(
            task_history_protocol::query::QueryError::LeadIdNotNumber,
        ))
        .and_then(|raw| {
            task_history_protocol::query::LeadId::parse(raw).map_err(ProxyError::InvalidQuery)
        })
        .and_then(|lead| {
            let authorization = headers
                .get(header::AUTHORIZATION)
                .map(|v| v.to_str().unwrap_or(""));
            tokens.verify(authorization, lead, unix_now())
        });
    match outcome {
        Ok(claims) => {
            tracing::debug!(user = %claims.sub, "token accepted for auth_request");
            axum::http::StatusCode::NO_CONTENT.into_response()
        }
        Err(refused) => {
            let message = HeaderValue::from_str(&refused.to_string()).ok();
            let mut response = refused.into_response();
            if let Some(message) = message {
                response
                    .headers_mut()
                    .insert(X_TASK_HISTORY_MESSAGE, message);
            }
            response
        }
    }
}

fn json_body(body: Bytes) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The element's files, when served, and the origins that may load them from another page.
#[derive(Debug)]
struct StaticState {
    files: Option<Arc<StaticFiles>>,
    origins: AllowedOrigins,
}

/// Everything outside the API and `/healthz`: the demo files when configured, else 404.
async fn not_api(State(state): State<Arc<StaticState>>, request: Request) -> Response {
    let Some(files) = &state.files else {
        return ProxyError::NotFound.into_response();
    };
    let mut response = if request.method() == Method::GET {
        files.serve(request.uri().path(), request.headers()).await
    } else {
        ProxyError::MethodNotAllowed.into_response()
    };
    // Not the API's origin check: the files are public, and a module script or `fetch()` from
    // a configured CRM origin must load them (it sends Origin and Sec-Fetch-Site: cross-site).
    cors::static_file_headers(&state.origins, request.headers(), response.headers_mut());
    response
}

/// What every request passes through: the Host allowlist, the security headers, the request
/// count and the log line.
#[derive(Debug)]
struct Frame {
    /// The API prefix with a trailing slash, to tell API requests apart.
    api_prefix: String,
    static_files: bool,
    hosts: AllowedHosts,
    metrics: Arc<Metrics>,
}

impl Frame {
    fn route(&self, path: &str) -> Route {
        match path {
            "/healthz" => Route::Healthz,
            AUTH_CHECK_PATH => Route::Api,
            "/metrics" => Route::Metrics,
            _ if !self.api_prefix.is_empty() && path.starts_with(&self.api_prefix) => Route::Api,
            _ if self.static_files => Route::Static,
            _ => Route::Other,
        }
    }
}

/// Every response: the Host allowlist first (health checks excepted: load balancers probe by
/// address), the security headers, then the count and one log line.
///
/// `no-store` because task data is personal and per-lead (demo files set their own `no-cache`);
/// `nosniff` so nothing served is ever reinterpreted as another type. Headers are never logged:
/// they may carry the client's bearer token.
async fn finish_response(
    State(frame): State<Arc<Frame>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // A clone of the URI shares its bytes: no copy of the path unless a line is written.
    let uri = request.uri().clone();
    let route = frame.route(uri.path());
    let mut response = match frame.hosts.check(&request) {
        Err(refused) if route != Route::Healthz => refused.into_response(),
        _ => next.run(request).await,
    };
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let status = response.status();
    frame.metrics.request(route, status);
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let path = uri.path();
    if status.is_server_error() {
        tracing::warn!(%method, %path, status = status.as_u16(), elapsed_ms, "request");
    } else {
        tracing::info!(%method, %path, status = status.as_u16(), elapsed_ms, "request");
    }
    response
}
