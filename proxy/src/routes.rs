//! The router: `/healthz`, the API under its prefix, the demo files, and the headers every
//! response carries.

use crate::client_ip::TrustedProxies;
use crate::coalesce::Coalescer;
use crate::config::Config;
use crate::cors::AllowedOrigins;
use crate::error::ProxyError;
use crate::forward::TaskListRequest;
use crate::rate_limit::RateLimiter;
use crate::secret::Secret;
use crate::static_files::StaticFiles;
use crate::upstream::Upstream;
use crate::{cors, rate_limit, token};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use bytes::Bytes;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
struct ApiState {
    prefix: String,
    upstream: Arc<Upstream>,
    coalescer: Coalescer,
    token_secret: Option<Secret>,
    token_max_ttl_secs: u64,
}

/// Builds the proxy's router. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so the rate limit sees client addresses.
pub fn app(config: Config) -> Router {
    let api_state = Arc::new(ApiState {
        prefix: config.api_prefix.clone(),
        upstream: Arc::new(Upstream::new(config.upstream)),
        coalescer: Coalescer::default(),
        token_secret: config.token_secret,
        token_max_ttl_secs: config.token_max_ttl_secs,
    });
    let guard = Arc::new(ApiGuard {
        origins: config.cors_origins,
        limiter: RateLimiter::new(config.rate_limit),
        trusted_proxies: config.trusted_proxies,
    });
    let api = any(task_list)
        .with_state(api_state)
        .layer(middleware::from_fn_with_state(guard, api_guard));
    Router::new()
        .route("/healthz", get(healthz))
        .route(&format!("{}/{{*rest}}", config.api_prefix), api)
        .fallback(not_api)
        .with_state(config.static_files.map(Arc::new))
        .layer(middleware::from_fn(finish_response))
}

/// What the API routes check before the handler: CORS, then the rate limit.
#[derive(Debug)]
struct ApiGuard {
    origins: AllowedOrigins,
    limiter: RateLimiter,
    trusted_proxies: TrustedProxies,
}

/// CORS outermost, so a 429 still carries the headers the browser needs to read it. One
/// middleware rather than two layers: each `from_fn` layer costs allocations per request.
async fn api_guard(State(guard): State<Arc<ApiGuard>>, request: Request, next: Next) -> Response {
    cors::handle(&guard.origins, request, |request| {
        rate_limit::handle(&guard.limiter, &guard.trusted_proxies, request, next)
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
    if let Some(secret) = &state.token_secret {
        // A header that is not text is a bad token, not a missing one.
        let authorization = headers
            .get(header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or(""));
        let claims = token::verify(
            secret,
            authorization,
            request.lead,
            unix_now(),
            state.token_max_ttl_secs,
        )?;
        tracing::debug!(lead = %request.lead, user = %claims.sub, "token accepted");
    }
    let upstream = Arc::clone(&state.upstream);
    let body = state
        .coalescer
        .run(request, move || async move {
            upstream.list_tasks(request).await
        })
        .await?;
    Ok(json_body(body))
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

/// Everything outside the API and `/healthz`: the demo files when configured, else 404.
async fn not_api(State(files): State<Option<Arc<StaticFiles>>>, request: Request) -> Response {
    match files {
        None => ProxyError::NotFound.into_response(),
        Some(_) if request.method() != Method::GET => ProxyError::MethodNotAllowed.into_response(),
        Some(files) => files.serve(request.uri().path(), request.headers()).await,
    }
}

/// Every response: the security headers, then one log line.
///
/// `no-store` because task data is personal and per-lead (demo files set their own `no-cache`);
/// `nosniff` so nothing served is ever reinterpreted as another type. Headers are never logged:
/// they may carry the client's bearer token.
async fn finish_response(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // A clone of the URI shares its bytes: no copy of the path unless a line is written.
    let uri = request.uri().clone();
    let mut response = next.run(request).await;
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
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let path = uri.path();
    if status.is_server_error() {
        tracing::warn!(%method, %path, status = status.as_u16(), elapsed_ms, "request");
    } else {
        tracing::info!(%method, %path, status = status.as_u16(), elapsed_ms, "request");
    }
    response
}
