//! heart-web: pages (askama, server-rendered, work without JavaScript), the JSON API under /api/v1, and live
//! events under /events. No SQL and no crypto primitives here: everything goes through `heart_app::App`.

mod api;
mod care;
mod channels;
mod ctx;
mod directory;
mod dispatch;
mod edge;
mod error;
mod events;
mod form;
mod geo;
pub mod i18n;
mod intake;
mod limits;
mod maps;
mod metrics;
mod money;
mod openapi;
mod pages;
mod passkeys;
mod referrals;
mod responder;
mod signin;
mod trust;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{get, post};
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
struct Static;

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
    match st.app.store.db_health().await {
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
        .route("/", get(pages::home))
        .route(
            "/request",
            get(pages::request_form).post(pages::request_submit),
        )
        .route("/login", get(pages::login_form).post(pages::login_submit))
        .route("/logout", post(pages::logout))
        .route(
            "/login/code",
            get(signin::code_form).post(signin::code_submit),
        )
        .route(
            "/account/second-factor",
            get(signin::enrol_form).post(signin::enrol_submit),
        )
        .route("/account", get(signin::account_page))
        .route("/account/passkeys", post(passkeys::add))
        .route("/account/passkeys/options", post(passkeys::add_options))
        .route(
            "/account/passkeys/challenge",
            post(passkeys::confirm_challenge),
        )
        .route("/account/passkeys/{id}/name", post(passkeys::rename))
        .route("/account/passkeys/{id}/remove", post(passkeys::remove))
        .route("/login/passkey", post(passkeys::sign_in_challenge))
        .route(
            "/account/sign-out-everywhere",
            post(signin::sign_out_everywhere),
        )
        .route(
            "/setup/{token}",
            get(pages::setup_form).post(pages::setup_submit),
        )
        .route("/healthz", get(healthz))
        .route("/language", get(choose_language))
        .route("/metrics", get(metrics::render))
        .route("/api/openapi.json", get(api::openapi))
        .route("/static/{*path}", get(static_file))
        .route(
            "/intake",
            get(intake::intake_form).post(intake::intake_submit),
        )
        .route("/requests", get(intake::requests_list))
        .route("/requests/find", get(intake::find_request))
        .route("/requests/{id}", get(intake::request_page))
        .route("/requests/{id}/screen", post(intake::screen_submit))
        .route("/requests/{id}/assign", post(dispatch::assign_submit))
        .route("/requests/{id}/status", post(dispatch::status_submit))
        .route("/requests/{id}/close", post(care::close_submit))
        .route("/requests/{id}/ems", post(care::ems_submit))
        .route("/board", get(dispatch::board_page))
        .route("/board/requests", get(dispatch::board_requests))
        .route("/board/teams", get(dispatch::board_teams))
        .route("/board/alerts", get(dispatch::board_alerts))
        .route("/board/map", get(dispatch::board_map))
        .route(
            "/responder",
            get(responder::responder_page).post(responder::responder_close_submit),
        )
        .route("/responder/panel", get(responder::responder_panel))
        .route(
            "/responder/team-status",
            post(responder::team_status_submit),
        )
        .route("/responder/check-in", post(responder::check_in_submit))
        .route("/responder/need-help", post(responder::need_help_submit))
        .route("/responder/position", post(responder::position_submit))
        .route("/alerts/{id}/clear", post(responder::clear_alert_submit))
        .route("/follow-ups", get(care::follow_ups_page))
        .route(
            "/teams",
            get(dispatch::teams_page).post(dispatch::team_add_submit),
        )
        .route("/teams/shifts", post(dispatch::shift_add_submit))
        .route("/teams/members", post(dispatch::member_submit))
        .route("/follow-ups/{id}/done", post(care::follow_up_done_submit))
        .route("/requests/{id}/person", get(trust::person_page))
        .route("/requests/{id}/person/ask", post(trust::person_ask))
        .route("/requests/{id}/person/keep", post(trust::person_keep))
        .route("/requests/{id}/person/join", post(trust::person_join))
        .route("/approvals", get(trust::approvals_page))
        .route("/approvals/{id}/decide", post(trust::approval_decide))
        .route("/approvals/{id}/export", post(trust::export_download))
        .route("/audit", get(trust::audit_page))
        .route("/data", get(trust::inventory_page))
        .route("/api/v1/data-inventory", get(trust::inventory_api))
        .route("/health", get(trust::health_page))
        .route("/legal", get(trust::legal_page).post(trust::legal_record))
        .route("/accounts", get(trust::accounts_page))
        .route("/accounts/{id}/capabilities", post(trust::accounts_change))
        .route("/legal/{id}/{step}", post(trust::legal_step))
        .route("/events", get(events::events))
        .route(
            "/donate",
            get(money::donate_form).post(money::donate_submit),
        )
        .route("/donate/receipt/{token}", get(money::donate_receipt))
        .route(
            "/donate/test-checkout/{id}",
            get(money::test_checkout_page).post(money::test_checkout_pay),
        )
        // Stripe's events can be larger than the global limit (64 KiB): this hook alone takes up to 1 MiB.
        .route(
            "/hooks/stripe",
            post(money::stripe_hook).layer(DefaultBodyLimit::max(STRIPE_EVENT_BYTES)),
        )
        .route(
            "/hooks/partner/{partner}",
            post(channels::partner_hook).layer(DefaultBodyLimit::max(
                heart_domain::channels::MAX_ALERT_BYTES,
            )),
        )
        .route("/status/{token}", get(channels::status_page))
        .route("/directory", get(directory::directory_page))
        .route("/directory/capacity", post(directory::capacity_submit))
        .route(
            "/requests/{id}/refer",
            get(referrals::refer_form).post(referrals::refer_submit),
        )
        .route("/referrals/{id}/withdraw", post(referrals::withdraw_submit))
        .route("/partner", get(referrals::partner_page))
        .route("/partner/referrals/{id}", post(referrals::partner_answer))
        .route("/partner/hook", post(referrals::partner_hook_submit))
        .route(
            "/partner/services/{id}",
            get(referrals::partner_service_page).post(referrals::partner_service_submit),
        )
        .route("/hsds", get(directory::hsds_root))
        .route("/hsds/", get(directory::hsds_root))
        .route("/hsds/openapi.json", get(directory::hsds_openapi))
        .route("/hsds/services", get(directory::hsds_services))
        .route("/hsds/services/{id}", get(directory::hsds_service))
        .route("/hsds/organizations", get(directory::hsds_organizations))
        .route(
            "/hsds/organizations/{id}",
            get(directory::hsds_organization),
        )
        .route("/hsds/taxonomies", get(directory::hsds_taxonomies))
        .route("/hsds/taxonomies/{id}", get(directory::hsds_taxonomy))
        .route("/hsds/taxonomy_terms", get(directory::hsds_terms))
        .route("/hsds/taxonomy_terms/{id}", get(directory::hsds_term))
        .route("/hsds/service_at_locations", get(directory::hsds_sals))
        .route("/hsds/service_at_locations/{id}", get(directory::hsds_sal))
        .route("/hooks/sms/twilio", post(channels::sms_hook))
        .route("/hooks/sms/twilio/status", post(channels::sms_status_hook))
        .route("/requests/{id}/sms", post(channels::sms_reply_submit))
        .route("/board/service", get(channels::board_service))
        .route("/service/full", post(channels::full_submit))
        .route("/requests/{id}/acknowledge", post(channels::ack_submit))
        .route(
            "/open311/v2/{file}",
            get(channels::open311_get).post(channels::open311_post),
        )
        .route(
            "/open311/v2/services/{file}",
            get(channels::open311_service),
        )
        .route(
            "/open311/v2/requests/{file}",
            get(channels::open311_request),
        )
        .route("/open311/v2/tokens/{file}", get(channels::open311_token))
        .route("/funds", get(money::funds_page).post(money::fund_create))
        .route("/funds/gifts", post(money::gift_record))
        .route("/funds/grants", post(money::grant_record))
        .route("/funds/transfers", post(money::transfer_record))
        .route("/funds/campaigns", post(money::campaign_create))
        .route("/funds/report.csv", get(money::ledger_csv))
        .route("/funds/donors", get(money::donors_page))
        .route(
            "/funds/donors/{id}/statement",
            get(money::statement_page).post(money::statement_send),
        )
        .route("/funds/donations/{id}/refund", post(money::gift_refund))
        .route("/funds/entries/{id}/reverse", post(money::entry_reverse))
        .route("/funds/{id}", get(money::fund_page))
        .route("/mutual-aid", get(money::aid_queue_page))
        .route("/mutual-aid/{id}", get(money::aid_page))
        .route(
            "/mutual-aid/{id}/proof",
            get(money::aid_proof_download)
                .post(money::aid_proof_upload)
                .layer(DefaultBodyLimit::max(3 * 1024 * 1024)),
        )
        .route("/mutual-aid/{id}/{step}", post(money::aid_step))
        .route("/requests/{id}/aid", post(money::aid_ask))
        .nest("/api/v1", api::routes())
        .fallback(pages::not_found)
        .route_layer(axum::middleware::from_fn(metrics::track))
        .layer(axum::middleware::from_fn(edge::refuse_control_characters))
        .layer(axum::middleware::from_fn(edge::json_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), harden))
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
