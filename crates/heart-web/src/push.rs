//! Alerts to phones: the VAPID public key a browser subscribes with, and a person's devices turned on and off.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::form::{self, SignedForm, nav};
use crate::intake::see_other;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::push::SubscriptionInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(crate) struct PushKeyOut {
    /// base64url (no padding) of the 65-byte uncompressed P-256 point: `applicationServerKey` for
    /// `pushManager.subscribe`.
    public_key: String,
}

#[utoipa::path(get, path = "/api/v1/push/key", tag = "push",
    description = "The deployment's VAPID public key (RFC 8292), for a browser to subscribe with. For anyone on the team (intake, dispatch, respond, coordinate, admin or finance).",
    responses((status = 200, description = "The key", body = PushKeyOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not someone on the team (a partner, a system)", body = ErrorBody),
        (status = 409, description = "Alerts to phones are not set up (push-off)", body = ErrorBody)))]
pub(crate) async fn api_key(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let key = api(st.app.push_key_for(&actor))?.ok_or_else(|| {
        WebError::Api(AppError::conflict(
            "push-off",
            "alerts to phones are not set up",
        ))
    })?;
    Ok(Json(PushKeyOut { public_key: key }).into_response())
}

#[utoipa::path(post, path = "/api/v1/push/subscriptions", tag = "push", request_body = SubscriptionInput,
    description = "Turns alerts on for one device of the token's person: the browser's `PushSubscription` as JSON. The endpoint must be https and outside the network, checked now and at each send. A token must be made for a person (`heart token create --user`).",
    responses((status = 201, description = "Alerts on for this device"), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not someone on the team (a partner, a system)", body = ErrorBody),
        (status = 409, description = "A token that acts for no person (people-only), or alerts are not set up (push-off)", body = ErrorBody),
        (status = 422, description = "`endpoint`: required, invalid, internal_address; `keys.p256dh`: not a 65-byte P-256 point; `keys.auth`: not 16 bytes", body = ErrorBody)))]
pub(crate) async fn api_subscribe(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<SubscriptionInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    api(st.app.push_subscribe(&actor, input).await)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({}))).into_response())
}

/// Which device to turn alerts off for.
#[derive(Deserialize, ToSchema)]
#[schema(as = PushUnsubscribeBody)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnsubscribeBody {
    endpoint: Option<String>,
}

#[utoipa::path(delete, path = "/api/v1/push/subscriptions", tag = "push", request_body = UnsubscribeBody,
    description = "Turns alerts off for one device of the token's person.",
    responses((status = 204, description = "Alerts off for this device"), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not someone on the team (a partner, a system)", body = ErrorBody),
        (status = 404, description = "No such device of this person", body = ErrorBody), (status = 409, description = "A token that acts for no person (people-only)", body = ErrorBody),
        (status = 422, description = "`endpoint`: required", body = ErrorBody)))]
pub(crate) async fn api_unsubscribe(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<UnsubscribeBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let b = body(b)?;
    api(st.app.push_unsubscribe(&actor, b.endpoint.as_deref()).await)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A device of the signed-in person, from the account page's script (the browser's `PushSubscription`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct PushForm {
    #[serde(deserialize_with = "form::text")]
    endpoint: Option<String>,
    #[serde(deserialize_with = "form::text")]
    p256dh: Option<String>,
    #[serde(deserialize_with = "form::text")]
    auth: Option<String>,
}

pub async fn push_on_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, PushForm>,
) -> Result<Response, WebError> {
    let input = SubscriptionInput {
        endpoint: form.endpoint,
        keys: Some(heart_app::push::SubscriptionKeys {
            p256dh: form.p256dh,
            auth: form.auth,
        }),
        expiration_time: None,
    };
    st.app
        .push_subscribe(&actor, input)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other("/account?done=push_on#push-h"))
}

pub async fn push_off_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, PushForm>,
) -> Result<Response, WebError> {
    st.app
        .push_unsubscribe(&actor, form.endpoint.as_deref())
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other("/account?done=push_off#push-h"))
}

/// The responder's service worker (scope `/responder`): shows the team's alerts and keeps the responder's view
/// working with no signal.
pub async fn service_worker() -> Response {
    match crate::Static::get("sw.js") {
        Some(f) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
                (
                    header::HeaderName::from_static("service-worker-allowed"),
                    "/responder",
                ),
            ],
            f.data,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The alerts' words in the page's language, for the service worker (JSON).
pub(crate) fn words(ctx: &Ctx) -> String {
    let mut w = serde_json::Map::new();
    for kind in [
        "new_request",
        "assigned",
        "need_help",
        "checkin_lapsed",
        "shift_reminder",
        "handover",
        "supplies",
        "rota_strain",
        "priority",
    ] {
        w.insert(
            kind.into(),
            ctx.t(&format!("push-word-{}", kind.replace('_', "-")))
                .into(),
        );
    }
    w.insert("title".into(), ctx.team_name.clone().into());
    serde_json::Value::Object(w).to_string()
}

/// How alerts reach a person besides their devices: a text, quiet hours, on call (the account page's form).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct WaysForm {
    #[serde(deserialize_with = "crate::form::text")]
    by_text: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    phone: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    by_email: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    email: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    quiet_from: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    quiet_until: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    on_call: Option<String>,
}

pub async fn ways_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, WaysForm>,
) -> Result<Response, WebError> {
    let typed = heart_app::push::AlertWays {
        by_text: form.by_text.is_some(),
        phone: form.phone.clone(),
        by_email: form.by_email.is_some(),
        email: form.email.clone(),
        quiet_from: form.quiet_from.clone(),
        quiet_until: form.quiet_until.clone(),
        on_call: form.on_call.is_some(),
    };
    let input = heart_app::push::AlertWaysInput {
        by_text: typed.by_text,
        phone: form.phone,
        by_email: typed.by_email,
        email: form.email,
        quiet_from: form.quiet_from,
        quiet_until: form.quiet_until,
        on_call: typed.on_call,
        words: words(&v.ctx),
    };
    match st.app.set_alert_ways(&actor, input).await {
        Ok(()) => Ok(see_other("/account?done=alert_ways#ways-h")),
        Err(e @ AppError::Invalid(_)) => {
            crate::signin::render_account(
                &st,
                v.ctx,
                &actor,
                crate::signin::AccountNotice::Ways(e, typed),
            )
            .await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/account/alerts", post(ways_submit))
        .route("/account/push", post(push_on_submit))
        .route("/account/push/off", post(push_off_submit))
        .route("/responder/sw.js", get(service_worker))
}

// One route a line: the partner matrix test reads the routes from here.
#[rustfmt::skip]
pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/push/key", get(api_key))
        .route("/push/subscriptions", post(api_subscribe).delete(api_unsubscribe))
}
