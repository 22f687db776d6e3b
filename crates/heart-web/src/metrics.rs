//! `/metrics`: Prometheus text, for a bearer token with `admin` or `coordinate` (even counts can say when teams
//! call for help). Operational numbers only: routes are labelled by their pattern (`/requests/{id}`), never by an
//! id, and nothing describes a person.

use crate::{AppState, WebError};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The process-wide recorder (installed once, even when several servers run in one test process).
pub fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("heart_http_request_duration_seconds".into()),
                    &BUCKETS,
                )
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            // Histogram samples wait in buckets until upkeep folds them in: without it memory would grow
            // between scrapes.
            let upkeep = handle.clone();
            std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(std::time::Duration::from_secs(5));
                        upkeep.run_upkeep();
                    }
                })
                .ok()?;
            Some(handle)
        })
        .as_ref()
}

/// Only the standard methods become labels, so a client cannot grow the label set.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Counts and times every HTTP request by method, route pattern and status.
pub async fn track(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let mut resp = next.run(req).await;
    resp.extensions_mut()
        .insert(crate::trace::Route(route.clone()));
    let status = resp.status().as_u16().to_string();
    metrics::counter!("heart_http_requests_total", "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    // Live streams stay open for hours: their duration says nothing useful.
    if route != "/events" {
        metrics::histogram!("heart_http_request_duration_seconds", "method" => method, "route" => route)
            .record(start.elapsed().as_secs_f64());
    }
    resp
}

pub async fn render(State(st): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let token = crate::ctx::bearer(&headers).ok_or(WebError::Api(AppError::Unauthenticated))?;
    let actor = st
        .app
        .token_actor(token)
        .await
        .map_err(WebError::Api)?
        .ok_or(WebError::Api(AppError::Unauthenticated))?;
    st.app
        .may(&actor, heart_app::doing::Doing::Watch)
        .map_err(WebError::Api)?;
    match st.app.db_health().await {
        Ok(db) => {
            let g = |name: &'static str, v: f64| metrics::gauge!(name).set(v);
            g("heart_db_up", 1.0);
            g(
                "heart_db_primary",
                if db.role == "standby" { 0.0 } else { 1.0 },
            );
            g("heart_db_replicas", db.replicas as f64);
            g(
                "heart_db_replication_lag_bytes",
                db.replication_lag_bytes.unwrap_or(0) as f64,
            );
            metrics::gauge!("heart_db_pool_connections", "state" => "idle")
                .set(f64::from(db.pool_idle));
            metrics::gauge!("heart_db_pool_connections", "state" => "in_use")
                .set(f64::from(db.pool_size.saturating_sub(db.pool_idle)));
            g("heart_db_write_queue", db.write_queue as f64);
        }
        Err(_) => metrics::gauge!("heart_db_up").set(0.0),
    }
    let body = handle().map(|h| h.render()).unwrap_or_default();
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response())
}
