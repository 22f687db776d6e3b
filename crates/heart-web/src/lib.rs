//! heart-web: pages (askama, server-rendered, work without JavaScript), the JSON API under /api/v1, and live
//! events under /events. No SQL and no crypto primitives here: everything goes through `heart_app::App`.

mod api;
mod care;
mod channels;
mod circles;
mod ctx;
mod debriefs;
mod directory;
mod dispatch;
mod edge;
mod error;
mod events;
mod form;
mod geo;
pub mod i18n;
mod impact;
mod intake;
pub mod languages;
mod limits;
mod maps;
mod metrics;
mod money;
mod openapi;
mod outreach;
mod pages;
mod passkeys;
mod plan;
mod push;
mod referrals;
mod responder;
mod rota;
mod signin;
mod supplies;
mod trace;
mod trainings;
mod trust;
mod warmline;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use heart_app::App;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

pub use ctx::Ctx;
pub use error::WebError;

#[derive(Clone)]
pub struct AppState {
    pub app: Arc<App>,
    pub limits: Arc<limits::Limits>,
}

#[derive(rust_embed::Embed)]
#[folder = "static/"]
pub(crate) struct Static;

async fn static_file(
    axum::extract::Path(path): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match Static::get(&path) {
        Some(f) => {
            let mime = match path.rsplit('.').next() {
                Some("css") => "text/css; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("svg") => "image/svg+xml",
                Some("png") => "image/png",
                _ => "application/octet-stream",
            };
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                ],
                f.data,
            )
                .into_response()
        }
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

/// Liveness and the database: its engine, role (primary, standby, embedded) and replica lag. 503 with
/// Retry-After while the database cannot be reached (a load balancer takes the node out until it recovers).
async fn healthz(
    axum::extract::State(st): axum::extract::State<AppState>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match st.app.db_health().await {
        // Nothing new can be kept: say so, and when to ask again.
        Ok(db) if db.disk_full_since.is_some() => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "30")],
            axum::Json(
                serde_json::json!({"status": "unavailable", "reason": "disk_full", "database": db}),
            ),
        )
            .into_response(),
        Ok(db) if db.role != "standby" => {
            axum::Json(serde_json::json!({"status": "ok", "database": db})).into_response()
        }
        Ok(db) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "2")],
            axum::Json(serde_json::json!({"status": "unavailable", "database": db})),
        )
            .into_response(),
        Err(_) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "2")],
            axum::Json(serde_json::json!({"status": "unavailable", "database": null})),
        )
            .into_response(),
    }
}

/// Per-address limit for visitors not signed in (429 with Retry-After), HSTS when served over TLS, and no caching
/// of anything but static files.
async fn harden(
    axum::extract::State(st): axum::extract::State<AppState>,
    ip: limits::ClientIp,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    // The page being shown, for the language links at its foot (set here, never taken from the client).
    let page = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .filter(|p| p.len() <= 1000)
        .unwrap_or("/")
        .to_string();
    req.headers_mut().insert(
        ctx::PAGE_HEADER,
        HeaderValue::from_str(&page).unwrap_or(HeaderValue::from_static("/")),
    );
    // Only a credential that verifies lifts the per-address limit: a made-up cookie or bearer counts like none.
    let signed_in = verified_credential(&st, req.headers()).await;
    let is_static = req.uri().path().starts_with("/static/");
    // Signed webhooks (a partner's alarms, the payment provider) carry their own credential, checked by the
    // handler: an alarm system behind one address may send hundreds a minute.
    let signed_hook = req.uri().path().starts_with("/hooks/")
        && (req.headers().contains_key("x-heart-signature")
            || req.headers().contains_key("stripe-signature")
            || req.headers().contains_key("x-twilio-signature"));
    if !signed_in && !is_static && !signed_hook && !st.limits.public.allow(ip.0) {
        let wait = st.limits.public.retry_after().to_string();
        return (
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            [
                (header::RETRY_AFTER, wait),
                (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_string()),
            ],
            "Too many requests from your address. Please wait a minute and try again. \
             If you need someone right now: call or text 988, or the Massachusetts Behavioral Health Help Line \
             833-773-2445. In a medical emergency call 911.",
        )
            .into_response();
    }
    // (`edge::forwarded` has dropped the X-Forwarded-* headers of any peer that is not a trusted proxy.)
    let tls = st.app.config.secure_cookies
        || req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Whether the request carries a session or a bearer token that verifies now (remembered for a few seconds, for
/// the limit alone).
async fn verified_credential(st: &AppState, headers: &axum::http::HeaderMap) -> bool {
    let session = ctx::cookie(headers, ctx::SESSION_COOKIE);
    let bearer = ctx::bearer(headers);
    if session.is_none() && bearer.is_none() {
        return false;
    }
    let key = heart_crypto::sha256_hex(&format!(
        "{}\n{}",
        session.unwrap_or_default(),
        bearer.unwrap_or_default()
    ));
    if st.limits.recently_verified(&key) {
        return true;
    }
    let ok = match (session, bearer) {
        (Some(c), _) if matches!(st.app.session_actor(c).await, Ok(Some(_))) => true,
        (_, Some(t)) => matches!(st.app.token_actor(t).await, Ok(Some(_))),
        _ => false,
    };
    if ok {
        st.limits.note_verified(key);
    }
    ok
}

/// The largest Stripe event taken.
pub const STRIPE_EVENT_BYTES: usize = 1024 * 1024;

/// The whole HTTP surface. Serve it with `into_make_service_with_connect_info::<SocketAddr>()` so the per-address
/// limits on the public forms apply.
pub fn router(app: Arc<App>) -> Router {
    app.set_words(Arc::new(i18n::Catalogue));
    let state = AppState {
        app,
        limits: Arc::new(limits::Limits::default()),
    };
    metrics::handle();
    // Map tiles, when a tile server is configured, are the only thing pages load from elsewhere.
    let tiles = state
        .app
        .config
        .tile_url
        .as_deref()
        .and_then(maps::tile_origin)
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'; \
         frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    );
    let csp = HeaderValue::from_str(&csp).unwrap_or_else(|_| {
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
        )
    });
    Router::new()
        .route("/healthz", get(healthz))
        .route("/language", get(choose_language))
        .route("/metrics", get(metrics::render))
        .route("/api/openapi.json", get(api::openapi))
        .route("/static/{*path}", get(static_file))
        .route("/events", get(events::events))
        .merge(pages::pages())
        .merge(signin::pages())
        .merge(passkeys::pages())
        .merge(intake::pages())
        .merge(dispatch::pages())
        .merge(responder::pages())
        .merge(care::pages())
        .merge(trust::pages())
        .merge(money::pages())
        .merge(channels::pages())
        .merge(directory::pages())
        .merge(referrals::pages())
        .merge(rota::pages())
        .merge(plan::pages())
        .merge(impact::pages())
        .merge(outreach::pages())
        .merge(warmline::pages())
        .merge(debriefs::pages())
        .merge(trainings::pages())
        .merge(circles::pages())
        .merge(supplies::pages())
        .merge(push::pages())
        .nest("/api/v1", api::routes())
        .fallback(pages::not_found)
        .route_layer(axum::middleware::from_fn(metrics::track))
        .layer(axum::middleware::from_fn(edge::refuse_control_characters))
        .layer(axum::middleware::from_fn(edge::json_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), harden))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            edge::forwarded,
        ))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::from_fn(trace::trace))
        .with_state(state)
}

/// `GET /language?to=es`: remembers the language chosen (a cookie, a year) and goes back to the page it was chosen
/// on (the same site's page only). Works without JavaScript.
async fn choose_language(
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let asked = q
        .get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.starts_with("/\\"))
        .cloned();
    let back = asked
        .or_else(|| {
            headers
                .get(axum::http::header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(|r| {
                    r.strip_prefix("https://")
                        .or_else(|| r.strip_prefix("http://"))
                })
                .and_then(|rest| {
                    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                    (!host.is_empty() && authority == host).then(|| path.to_string())
                })
                .map(|p| p.split('#').next().unwrap_or("").to_string())
        })
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/language"))
        .unwrap_or_else(|| "/".into());
    let Some(lang) = i18n::chosen(q.get("to").map(String::as_str)) else {
        return (axum::http::StatusCode::NOT_FOUND, "no such language").into_response();
    };
    (
        [(
            axum::http::header::SET_COOKIE,
            format!(
                "{}={lang}; Path=/; SameSite=Lax; Max-Age=31536000",
                ctx::LANG_COOKIE
            ),
        )],
        axum::response::Redirect::to(&back),
    )
        .into_response()
}
