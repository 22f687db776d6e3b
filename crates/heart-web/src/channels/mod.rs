//! Ways in from outside, over HTTP: partners' signed alerts (`/hooks/partner/{partner}`), senders' status pages
//! (`/status/{token}`), Open311 GeoReport v2 (`/open311/v2/`, JSON and XML), and on the board the "we are full"
//! switch and the acknowledgement clock.

use crate::ctx::Ctx;
use crate::error::json_error;
use crate::form::{Nothing, SignedForm, nav};
use crate::{AppState, WebError, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::AppError;
use heart_app::channels::{ALTERNATIVES, AckClock, AlertRefusal};
use heart_app::config::OpenState;
use heart_app::doing::Doing;
use heart_domain::channels::Progress;
use heart_domain::channels::{Open311Error, Open311Post};
use heart_domain::ids::RequestId;
use heart_domain::time::Timestamp;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The service state every channel answers with: open, closed or full, the next change, where else to turn, in
/// the person's language when the catalogue has it (`lang`: a language tag such as "es").
pub fn service_json(s: &OpenState, lang: Option<&str>) -> Value {
    let lang = i18n::negotiate(lang);
    // The same few answers over and over (the state changes a few times a day): worded once each.
    type Worded = std::collections::HashMap<(String, String), Value>;
    static WORDED: std::sync::Mutex<Option<Worded>> = std::sync::Mutex::new(None);
    let key = (lang.to_string(), format!("{s:?}"));
    if let Ok(w) = WORDED.lock()
        && let Some(v) = w.as_ref().and_then(|m| m.get(&key))
    {
        return v.clone();
    }
    let v = word_service(s, &lang);
    if let Ok(mut w) = WORDED.lock() {
        let m = w.get_or_insert_with(Default::default);
        if m.len() > 256 {
            m.clear();
        }
        m.insert(key, v.clone());
    }
    v
}

fn word_service(s: &OpenState, lang: &fluent_templates::LanguageIdentifier) -> Value {
    let lang = lang.clone();
    let message = match (s.as_str(), s.full_until_local, s.next_change_local) {
        ("open", _, _) => i18n::t(&lang, "service-open"),
        ("full", Some(u), _) => i18n::t_args(
            &lang,
            "service-full-until",
            &[("until", i18n::weekday_time(&lang, u))],
        ),
        ("full", None, _) => i18n::t(&lang, "service-full"),
        (_, _, Some(at)) => i18n::t_args(
            &lang,
            "service-closed-until",
            &[("at", i18n::weekday_time(&lang, at))],
        ),
        _ => i18n::t(&lang, "service-closed"),
    };
    json!({
        "state": s.as_str(),
        "next_change": s.next_change,
        "full_until": s.full_until,
        "message": message,
        "alternatives": ALTERNATIVES
            .iter()
            .map(|(key, contact)| json!({"name": i18n::t(&lang, key), "contact": contact}))
            .collect::<Vec<_>>(),
    })
}

// ---------- partner alerts ----------

/// What a partner hears back.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(crate) struct AlertOut {
    #[schema(value_type = String)]
    alert: heart_domain::ids::PartnerAlertId,
    /// waiting, received, joined or cleared.
    state: &'static str,
    /// A retry of an alert already taken: nothing new was made.
    replayed: bool,
    /// When a waiting alert opens a request.
    #[schema(value_type = Option<String>)]
    due_at: Option<heart_domain::time::Timestamp>,
    /// Waiting alerts dropped by a cleared alert.
    cleared: usize,
    /// A page (or JSON with `Accept: application/json`) showing only how far along it is.
    status_url: String,
    /// open, closed or full now; when that changes; a message; the other lines (988, the Behavioral Health Help
    /// Line, 911).
    #[schema(value_type = Object)]
    service: serde_json::Value,
}

#[utoipa::path(post, path = "/hooks/partner/{partner}", tag = "partners", request_body = heart_domain::channels::AlertInput,
    params(("partner" = String, Path, description = "The partner's name in its URL (from `heart partner add`)"),
        ("X-Heart-Timestamp" = String, Header, description = "Unix seconds when sent (five minutes' tolerance)"),
        ("X-Heart-Signature" = String, Header, description = "v1=<hex HMAC-SHA256(secret, timestamp + \".\" + body)>"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry the same alert (without one, the signature is the key)")),
    description = "A partner's signed alert (a bank's vestibule alarm, a shelter's referral) instead of a call to the police. No bearer token: the signature is the credential.",
    security(()),
    responses((status = 201, description = "A new request", body = AlertOut), (status = 200, description = "Joined the open request about the same place, cleared, or a replay", body = AlertOut),
        (status = 202, description = "Waiting for the partner's escalation timer", body = AlertOut), (status = 400, description = "Not JSON of this shape", body = crate::api::ErrorBody),
        (status = 401, description = "Unknown partner, or a bad, missing or old signature", body = crate::api::ErrorBody), (status = 409, description = "This Idempotency-Key came before with another body", body = crate::api::ErrorBody),
        (status = 413, description = "Larger than 16 KiB"), (status = 422, description = "Invalid values, by field", body = crate::api::ErrorBody)))]
pub async fn partner_hook(
    State(st): State<AppState>,
    Path(partner): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let h = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let result = st
        .app
        .partner_alert(
            &partner,
            h("x-heart-timestamp"),
            h("x-heart-signature"),
            h("idempotency-key"),
            &body,
        )
        .await;
    let a = match result {
        Ok(a) => a,
        Err(AlertRefusal::UnknownPartner) => {
            return json_error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "unknown partner or bad signature",
                Map::new(),
            );
        }
        Err(AlertRefusal::Signature(e)) => {
            return json_error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                &format!("signature refused: {e}"),
                Map::new(),
            );
        }
        Err(AlertRefusal::Malformed(m)) => {
            return json_error(StatusCode::BAD_REQUEST, "bad_request", &m, Map::new());
        }
        Err(AlertRefusal::Invalid(f)) => {
            return WebError::Api(AppError::Invalid(f)).into_response();
        }
        Err(AlertRefusal::KeyReused) => {
            return json_error(
                StatusCode::CONFLICT,
                "idempotency-reused",
                "this Idempotency-Key was sent before with a different body",
                Map::new(),
            );
        }
        Err(AlertRefusal::App(e)) => return WebError::Api(e).into_response(),
    };
    let status = match (a.replayed, a.state) {
        (true, _) => StatusCode::OK,
        (_, "received") => StatusCode::CREATED,
        (_, "waiting") => StatusCode::ACCEPTED,
        _ => StatusCode::OK,
    };
    let service = st.app.open_state().await;
    let url = format!(
        "{}/status/{}",
        crate::money::here(&st, &headers),
        a.status_token
    );
    (
        status,
        axum::Json(AlertOut {
            alert: a.alert,
            state: a.state,
            replayed: a.replayed,
            due_at: a.due_at,
            cleared: a.cleared,
            status_url: url,
            service: service_json(&service, a.language.as_deref()),
        }),
    )
        .into_response()
}

// ---------- status pages ----------

#[derive(Template, WebTemplate)]
#[template(path = "channels/status.html")]
struct StatusPage {
    ctx: Ctx,
    progress: &'static str,
    kind: String,
    since: Timestamp,
    open: OpenState,
}

pub async fn status_page(
    State(st): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "status").await?;
    let view = st
        .app
        .status_of(&token)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?
        .ok_or_else(|| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    let open = st.app.open_state().await;
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        return Ok(axum::Json(json!({
            "progress": view.progress,
            "kind": view.kind,
            "since": view.since,
            "updated_at": view.updated_at,
            "service": service_json(&open, None),
        }))
        .into_response());
    }
    let kind = if view.kind == heart_app::intake::VISITOR_STATUS_KIND {
        v.ctx.t("progress-kind-web")
    } else {
        st.app
            .script
            .kind(&view.kind)
            .map(|k| k.name.clone())
            .unwrap_or(view.kind)
    };
    let mut resp = StatusPage {
        ctx: v.ctx,
        progress: view.progress.as_str(),
        kind,
        since: view.since,
        open,
    }
    .into_response();
    resp.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    Ok(resp)
}

// ---------- the board: full switch, acknowledgement clock ----------

#[derive(Template, WebTemplate)]
#[template(path = "channels/_board_service.html")]
struct BoardService {
    ctx: Ctx,
    open: OpenState,
    clock: AckClock,
    full_hours: Vec<i64>,
}

impl BoardService {
    fn minutes(&self, secs: impl std::borrow::Borrow<i64>) -> String {
        ((secs.borrow() + 59) / 60).to_string()
    }
}

pub(crate) async fn board_service_parts(
    st: &AppState,
    ctx: &Ctx,
) -> Result<(OpenState, AckClock), WebError> {
    let actor = ctx.actor.clone().ok_or(WebError::Login)?;
    let clock = st
        .app
        .ack_clock(&actor)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?;
    Ok((st.app.open_state().await, clock))
}

fn full_hours(st: &AppState) -> Vec<i64> {
    [1, 2, 4, 8]
        .into_iter()
        .filter(|h| *h <= st.app.config.channels.full_max_hours)
        .collect()
}

pub async fn board_service(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "board").await?;
    v.may(&st.app, Doing::Dispatch)?;
    let (open, clock) = board_service_parts(&st, &v.ctx).await?;
    Ok(BoardService {
        ctx: v.ctx,
        open,
        clock,
        full_hours: full_hours(&st),
    }
    .into_response())
}

/// The board's service section, for the whole board page.
pub(crate) async fn board_service_html(st: &AppState, ctx: &Ctx) -> Result<String, WebError> {
    let (open, clock) = board_service_parts(st, ctx).await?;
    BoardService {
        ctx: ctx.clone(),
        open,
        clock,
        full_hours: full_hours(st),
    }
    .render()
    .map_err(|_| WebError::page(AppError::NotFound, &ctx.lang))
}

/// "We are full" for some hours (none or not a number: open again).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct FullForm {
    #[serde(deserialize_with = "crate::form::text")]
    hours: Option<String>,
}

pub async fn full_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Board, FullForm>,
) -> Result<Response, WebError> {
    let hours = form.hours.and_then(|h| h.parse::<i64>().ok()).unwrap_or(-1);
    st.app
        .set_full(&actor, hours)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to("/board#service-h").into_response())
}

pub async fn ack_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, back, .. }: SignedForm<nav::Board, Nothing>,
) -> Result<Response, WebError> {
    let rid: RequestId = id
        .parse()
        .map_err(|_| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    st.app
        .acknowledge(&actor, rid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let back = match back.as_deref() {
        Some(b) if b.starts_with("/requests/") || b == "/board" => b.to_string(),
        _ => "/board".to_string(),
    };
    // Back where the dispatcher was: the board's service section (the script keeps the exact scroll).
    let anchor = if back == "/board" { "#service-h" } else { "" };
    Ok(Redirect::to(&crate::intake::done(
        format!("{back}{anchor}"),
        "acknowledged",
    ))
    .into_response())
}

mod open311;
mod sms;
pub use open311::*;
pub use sms::*;

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/hooks/partner/{partner}",
            post(crate::channels::partner_hook).layer(axum::extract::DefaultBodyLimit::max(
                heart_domain::channels::MAX_ALERT_BYTES,
            )),
        )
        .route("/status/{token}", get(crate::channels::status_page))
        .route("/hooks/sms/twilio", post(crate::channels::sms_hook))
        .route(
            "/hooks/sms/twilio/status",
            post(crate::channels::sms_status_hook),
        )
        .route(
            "/requests/{id}/sms",
            post(crate::channels::sms_reply_submit),
        )
        .route("/board/service", get(crate::channels::board_service))
        .route("/service/full", post(crate::channels::full_submit))
        .route(
            "/requests/{id}/acknowledge",
            post(crate::channels::ack_submit),
        )
        .route(
            "/open311/v2/{file}",
            get(crate::channels::open311_get).post(crate::channels::open311_post),
        )
        .route(
            "/open311/v2/services/{file}",
            get(crate::channels::open311_service),
        )
        .route(
            "/open311/v2/requests/{file}",
            get(crate::channels::open311_request),
        )
        .route(
            "/open311/v2/tokens/{file}",
            get(crate::channels::open311_token),
        )
}
