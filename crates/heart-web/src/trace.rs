//! Every request gets an id: taken from the `X-Request-Id` a proxy sent (when it is a plain token), else made here;
//! it is in the response's `X-Request-Id`, on every error page (and is the incident code of a failure), and in one
//! log line per request with the method, the route (the pattern, never the path or query a person typed), the
//! status and the time taken (at `debug`, so an access log is asked for with `RUST_LOG=info,heart::http=debug`; a
//! failure, 5xx, at `error` always). Nothing else of the request is logged.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being answered (none outside one).
pub fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The route a request matched, put on its response by the router's inner layer for the log line.
#[derive(Clone)]
pub struct Route(pub String);

fn given(req: &Request) -> Option<String> {
    req.headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|s| {
            (1..=64).contains(&s.len())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        })
        .map(str::to_owned)
}

/// The outermost layer.
pub async fn trace(req: Request, next: Next) -> Response {
    let id = given(&req).unwrap_or_else(|| heart_crypto::random_token(9));
    let start = Instant::now();
    let method = req.method().clone();
    let mut resp = REQUEST_ID.scope(id.clone(), next.run(req)).await;
    let route = resp
        .extensions()
        .get::<Route>()
        .map_or("unmatched", |r| r.0.as_str())
        .to_string();
    let status = resp.status().as_u16();
    let latency_ms = start.elapsed().as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::error!(target: "heart::http", request_id = %id, method = %method, route = %route, status, latency_ms, "request");
    } else {
        tracing::debug!(target: "heart::http", request_id = %id, method = %method, route = %route, status, latency_ms, "request");
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(X_REQUEST_ID.clone(), v);
    }
    resp
}
