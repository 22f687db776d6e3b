//! Passkeys on the account page (add, rename, remove) and as a second factor wherever one is asked for (signing
//! in, confirming an export, an erasure or a removal). The browser's part is `static/passkey.js`; a code from the
//! app always works without it.

use crate::AppState;
use crate::ctx::{SESSION_COOKIE, cookie};
use crate::error::WebError;
use crate::form::{self, Nothing, SignedForm, nav};
use crate::signin::{AccountNotice, render_account};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::AppError;
use heart_domain::access::SessionStage;
use heart_domain::ids::PasskeyId;

/// `POST /account/passkeys/options`: what the browser needs to make a passkey (JSON).
pub async fn add_options(
    State(st): State<AppState>,
    SignedForm { actor, .. }: SignedForm<nav::Account, Nothing>,
) -> Result<Response, WebError> {
    let options = st
        .app
        .passkey_add_begin(&actor)
        .await
        .map_err(WebError::Api)?;
    Ok(Json(options).into_response())
}

/// `POST /account/passkeys`: the passkey the browser made, with the name its holder gives it.
pub async fn add(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, AddForm>,
) -> Result<Response, WebError> {
    match st
        .app
        .passkey_add_finish(&actor, &form.name, &form.passkey)
        .await
    {
        Ok(_) => Ok(Redirect::to("/account?done=passkey_added#acc-passkeys").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            render_account(&st, v.ctx, &actor, AccountNotice::Add(e)).await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// A passkey the browser made (`passkey`, its JSON) and the name its holder gives it; a rename sends the name only.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct AddForm {
    name: String,
    passkey: String,
}

fn passkey_id(
    id: &str,
    lang: &fluent_templates::LanguageIdentifier,
) -> Result<PasskeyId, WebError> {
    id.parse()
        .map_err(|_| WebError::page(AppError::NotFound, lang))
}

/// `POST /account/passkeys/{id}/name`.
pub async fn rename(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, AddForm>,
) -> Result<Response, WebError> {
    let id = passkey_id(&id, &v.ctx.lang)?;
    match st.app.passkey_rename(&actor, id, &form.name).await {
        Ok(()) => Ok(Redirect::to("/account?done=passkey_renamed#acc-passkeys").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            render_account(&st, v.ctx, &actor, AccountNotice::Rename(id, e)).await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// `POST /account/passkeys/{id}/remove`: after the second factor again.
pub async fn remove(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, crate::trust::CodeForm>,
) -> Result<Response, WebError> {
    let id = passkey_id(&id, &v.ctx.lang)?;
    match st.app.passkey_remove(&actor, id, form.code()).await {
        Ok(()) => Ok(Redirect::to("/account?done=passkey_removed#acc-passkeys").into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Throttled { .. })) => {
            render_account(&st, v.ctx, &actor, AccountNotice::Remove(id, e)).await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// `POST /account/passkeys/challenge`: a challenge for the account signed in to confirm an action with a passkey
/// (JSON for `navigator.credentials.get`).
pub async fn confirm_challenge(
    State(st): State<AppState>,
    SignedForm { actor, .. }: SignedForm<nav::Account, Nothing>,
) -> Result<Response, WebError> {
    let (user, _) = st.app.account(&actor).await.map_err(WebError::Api)?;
    let options = st
        .app
        .passkey_challenge(&user)
        .await
        .map_err(WebError::Api)?;
    Ok(Json(options).into_response())
}

/// `POST /login/passkey`: a challenge for a sign-in that waits for its second factor.
pub async fn sign_in_challenge(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let csrf = form::csrf_of(&body).unwrap_or_default();
    let pending = match cookie(&headers, SESSION_COOKIE) {
        Some(c) => st.app.pending_sign_in(c).await.map_err(WebError::Api)?,
        None => None,
    };
    let Some(p) = pending.filter(|p| p.session.stage == SessionStage::Password) else {
        return Err(WebError::Api(AppError::Unauthenticated));
    };
    if !heart_app::App::csrf_ok(&p.session, &csrf) {
        return Err(WebError::Api(AppError::Unauthenticated));
    }
    let options = st
        .app
        .passkey_challenge(&p.user)
        .await
        .map_err(WebError::Api)?;
    Ok(Json(options).into_response())
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::post;
    axum::Router::new()
        .route("/account/passkeys", post(crate::passkeys::add))
        .route(
            "/account/passkeys/options",
            post(crate::passkeys::add_options),
        )
        .route(
            "/account/passkeys/challenge",
            post(crate::passkeys::confirm_challenge),
        )
        .route("/account/passkeys/{id}/name", post(crate::passkeys::rename))
        .route(
            "/account/passkeys/{id}/remove",
            post(crate::passkeys::remove),
        )
        .route("/login/passkey", post(crate::passkeys::sign_in_challenge))
}
