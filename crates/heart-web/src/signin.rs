//! The second factor: giving it when signing in, setting it up (QR code as inline SVG, recovery codes), the
//! account page, signing out everywhere.

use crate::AppState;
use crate::ctx::{Ctx, SESSION_COOKIE, cookie, session_cookie};
use crate::error::WebError;
use crate::form::{self, Nothing, SignedForm, nav};
use crate::limits::ClientIp;
use crate::pages::{home_for, secure};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::AppError;
use heart_app::auth::Account;
use heart_app::auth::SecondFactor;
use heart_app::auth::{NewSession, PendingSignIn};
use heart_domain::access::SessionStage;

fn with_session(
    mut resp: Response,
    st: &AppState,
    headers: &HeaderMap,
    s: &NewSession,
) -> Response {
    let c = session_cookie(
        &s.cookie,
        st.app.config.session_hours * 3600,
        secure(st, headers),
    );
    if let Ok(h) = c.parse() {
        resp.headers_mut().append(header::SET_COOKIE, h);
    }
    resp
}

async fn pending(st: &AppState, headers: &HeaderMap) -> Result<Option<PendingSignIn>, AppError> {
    match cookie(headers, SESSION_COOKIE) {
        Some(c) => st.app.pending_sign_in(c).await,
        None => Ok(None),
    }
}

fn code_message(ctx: &Ctx, e: &AppError) -> Option<(StatusCode, String)> {
    match e {
        AppError::Invalid(f) => {
            f.0.get("code")
                .map(|code| (StatusCode::UNPROCESSABLE_ENTITY, ctx.tv("code-error", code)))
        }
        AppError::Throttled { retry_after_secs } => Some((
            StatusCode::TOO_MANY_REQUESTS,
            ctx.t1("login-throttled", "seconds", &retry_after_secs.to_string()),
        )),
        AppError::Unauthenticated => {
            Some((StatusCode::UNAUTHORIZED, ctx.t("code-error-code_wrong")))
        }
        _ => None,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "signin/login_code.html")]
struct CodePage {
    ctx: Ctx,
    error: String,
    /// The account has a passkey it may sign in with.
    passkey: bool,
}

pub async fn code_form(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "login").await?;
    let p = pending(&st, &headers)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let Some(p) = p.filter(|p| p.session.stage == SessionStage::Password) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let mut ctx = v.ctx;
    ctx.csrf = p.session.csrf;
    let passkey = st
        .app
        .offers_passkey(p.user.id)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?;
    Ok(CodePage {
        ctx,
        error: String::new(),
        passkey,
    }
    .into_response())
}

/// The second factor's code, as typed (a one-time code or a recovery code).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CodeSent {
    code: String,
}

pub async fn code_submit(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "login").await?;
    let csrf = form::csrf_of(&body).unwrap_or_default();
    let p = pending(&st, &headers)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let Some(p) = p.filter(|p| p.session.stage == SessionStage::Password) else {
        return Ok(Redirect::to("/login").into_response());
    };
    if !heart_app::App::csrf_ok(&p.session, &csrf) {
        return Err(WebError::page(AppError::Unauthenticated, &v.ctx.lang));
    }
    let code: CodeSent = form::fields(&body).map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let mut ctx = v.ctx.clone();
    ctx.csrf = p.session.csrf.clone();
    let passkey = st
        .app
        .offers_passkey(p.user.id)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?;
    if !st.limits.login.allow(ip) {
        let error = ctx.t1("login-throttled", "seconds", "600");
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            CodePage {
                ctx,
                error,
                passkey,
            },
        )
            .into_response());
    }
    let Some(c) = cookie(&headers, SESSION_COOKIE) else {
        return Ok(Redirect::to("/login").into_response());
    };
    match st.app.second_factor(c, &code.code).await {
        Ok(s) => {
            let actor = st
                .app
                .session_actor(&s.cookie)
                .await
                .ok()
                .flatten()
                .map(|(a, _)| a);
            // Failed attempts since the last sign-in are told first, on the account page.
            let to = if s.failed_before > 0 {
                "/account"
            } else {
                home_for(actor.as_ref())
            };
            Ok(with_session(
                Redirect::to(to).into_response(),
                &st,
                &headers,
                &s,
            ))
        }
        Err(e) => match code_message(&ctx, &e) {
            Some((status, error)) => Ok((
                status,
                CodePage {
                    ctx,
                    error,
                    passkey,
                },
            )
                .into_response()),
            None => Err(WebError::page(e, &ctx.lang)),
        },
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "signin/second_factor.html")]
struct EnrolPage {
    ctx: Ctx,
    qr_svg: String,
    manual_key: String,
    error: String,
    required: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "signin/recovery_codes.html")]
struct RecoveryPage {
    ctx: Ctx,
    codes: Vec<String>,
    next: &'static str,
}

/// Who is setting up a second factor: a sign-in that must, or a signed-in account without one.
async fn enroller(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<(Ctx, Account, Option<PendingSignIn>), WebError> {
    let v = st.visitor(headers, "account").await?;
    let lang = v.ctx.lang.clone();
    if let Some(p) = pending(st, headers)
        .await
        .map_err(|e| WebError::page(e, &lang))?
        .filter(|p| p.session.stage == SessionStage::Enrol)
    {
        let mut ctx = v.ctx;
        ctx.csrf = p.session.csrf.clone();
        return Ok((ctx, p.user.clone(), Some(p)));
    }
    let Some(actor) = v.ctx.actor.clone() else {
        return Err(WebError::Login);
    };
    let (user, _) = st
        .app
        .account(&actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok((v.ctx, user, None))
}

fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

async fn enrol_page(
    st: &AppState,
    ctx: Ctx,
    user: &Account,
    required: bool,
    error: String,
) -> Result<EnrolPage, WebError> {
    let lang = ctx.lang.clone();
    let e = st
        .app
        .enrol_begin(user)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(EnrolPage {
        qr_svg: qr_svg(&e.otpauth_url),
        manual_key: e.manual_key,
        ctx,
        error,
        required,
    })
}

pub async fn enrol_form(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, user, p) = enroller(&st, &headers).await?;
    Ok(enrol_page(&st, ctx, &user, p.is_some(), String::new())
        .await?
        .into_response())
}

pub async fn enrol_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let (ctx, user, p) = enroller(&st, &headers).await?;
    let csrf = form::csrf_of(&body);
    let csrf_ok = match &p {
        Some(p) => heart_app::App::csrf_ok(&p.session, csrf.as_deref().unwrap_or("")),
        None => csrf.as_deref() == Some(ctx.csrf.as_str()),
    };
    if !csrf_ok {
        return Err(WebError::page(AppError::Unauthenticated, &ctx.lang));
    }
    let code: CodeSent = form::fields(&body).map_err(|e| WebError::page(e, &ctx.lang))?;
    match st.app.enrol_confirm(&user, p.as_ref(), &code.code).await {
        Ok((codes, session)) => {
            let page = RecoveryPage {
                ctx,
                codes,
                next: if session.is_some() { "/" } else { "/account" },
            }
            .into_response();
            Ok(match session {
                Some(s) => with_session(page, &st, &headers, &s),
                None => page,
            })
        }
        Err(e) => match code_message(&ctx, &e) {
            Some((status, error)) => {
                let page = enrol_page(&st, ctx, &user, p.is_some(), error).await?;
                Ok((status, page).into_response())
            }
            None => Err(WebError::page(e, &ctx.lang)),
        },
    }
}

/// A passkey as the account page lists it.
pub struct PasskeyView {
    pub id: String,
    pub name: String,
    pub added: String,
    pub last_used: Option<String>,
}

/// What a passkey form on the account page said back: the form it was, and what went wrong.
pub enum AccountNotice {
    None,
    Add(AppError),
    Rename(heart_domain::ids::PasskeyId, AppError),
    Remove(heart_domain::ids::PasskeyId, AppError),
    /// The password form, with what to fix.
    Password(AppError),
    /// The form of how alerts reach the person, with what to fix and what they typed.
    Ways(AppError, heart_app::push::AlertWays),
}

#[derive(Template, WebTemplate)]
#[template(path = "signin/account.html")]
struct AccountPage {
    ctx: Ctx,
    user: Account,
    totp: Option<SecondFactor>,
    required: bool,
    /// Wrong passwords between the sign-in before this one and this one.
    failed_before: i64,
    /// Wrong passwords since this sign-in.
    failed_since: i64,
    passkeys_on: bool,
    passkeys: Vec<PasskeyView>,
    /// An error of the add form, or of one passkey's rename or remove form (its id).
    add_error: String,
    passkey_error: Option<(String, String)>,
    /// The password form's field messages.
    errors: crate::pages::Errors,
    /// Alerts to phones: the VAPID key to subscribe with (none: not set up, or not someone on the team), how many
    /// devices have them on, and the alerts' words in the page's language for the service worker.
    push_key: Option<String>,
    push_devices: usize,
    push_words: String,
    /// How alerts reach the person besides their devices (none: not someone on the team), whether texts can be
    /// sent here, and the form's field messages.
    ways: Option<heart_app::push::AlertWays>,
    texts_on: bool,
    mail_on: bool,
    ways_errors: crate::pages::Errors,
    /// The debriefs of the person's team after hard calls (the last 90 days).
    debriefs: Vec<heart_app::debriefs::Debrief>,
    /// The person's own trainings, with where each stands.
    trainings: Vec<heart_app::trainings::Training>,
    /// The person's own hours on the rota this week (someone who goes out).
    my_week: Option<heart_app::rota::MyWeek>,
}

impl AccountPage {
    fn enabled(&self) -> bool {
        self.totp.as_ref().is_some_and(|t| t.enabled_at.is_some())
    }
    fn recovery_left(&self) -> String {
        self.totp
            .as_ref()
            .map(|t| t.recovery_left)
            .unwrap_or(0)
            .to_string()
    }
    /// The error of passkey `id`'s form, if it was the one sent.
    fn error_of(&self, id: &str) -> String {
        match &self.passkey_error {
            Some((of, e)) if of == id => e.clone(),
            _ => String::new(),
        }
    }
}

/// The words for a passkey form's error.
fn passkey_message(ctx: &Ctx, e: &AppError) -> String {
    match e {
        AppError::Invalid(f) => {
            f.0.iter()
                .next()
                .map(|(field, code)| match field.as_str() {
                    "name" => ctx.tv("field-error", code),
                    _ => ctx.tv("code-error", code),
                })
                .unwrap_or_default()
        }
        other => code_message(ctx, other).map(|(_, m)| m).unwrap_or_default(),
    }
}

/// The account page, with what a passkey form said back (422 when it refused something).
pub async fn render_account(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    notice: AccountNotice,
) -> Result<Response, WebError> {
    let lang = ctx.lang.clone();
    let (user, totp) = st
        .app
        .account(actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let failures = st
        .app
        .my_login_failures(actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let passkeys = st
        .app
        .my_passkeys(actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?
        .into_iter()
        .map(|p| PasskeyView {
            id: p.id.to_string(),
            name: p.name,
            added: ctx.time(p.created_at),
            last_used: p.last_used_at.map(|t| ctx.time(t)),
        })
        .collect();
    let (status, add_error, passkey_error) = match &notice {
        AccountNotice::None => (StatusCode::OK, String::new(), None),
        AccountNotice::Add(e) => (status_of(e), passkey_message(&ctx, e), None),
        AccountNotice::Rename(id, e) | AccountNotice::Remove(id, e) => (
            status_of(e),
            String::new(),
            Some((id.to_string(), passkey_message(&ctx, e))),
        ),
        AccountNotice::Password(e) | AccountNotice::Ways(e, _) => {
            (status_of(e), String::new(), None)
        }
    };
    let errors = match &notice {
        AccountNotice::Password(e) => crate::pages::Errors(crate::ctx::field_messages(&ctx, e)),
        _ => crate::pages::Errors::default(),
    };
    let push_key = st.app.push_key_for(actor).ok().flatten();
    let push_devices = st.app.push_devices(actor).await.unwrap_or(0).max(0) as usize;
    let push_words = crate::push::words(&ctx);
    let (ways, ways_errors) = match notice {
        AccountNotice::Ways(e, typed) => (
            Some(typed),
            crate::pages::Errors(crate::ctx::field_messages(&ctx, &e)),
        ),
        _ => (
            st.app.alert_ways(actor).await.ok(),
            crate::pages::Errors::default(),
        ),
    };
    let debriefs = st.app.my_debriefs(actor).await.unwrap_or_default();
    let trainings = st.app.my_trainings(actor).await.unwrap_or_default();
    let my_week = if actor.caps.has(heart_domain::access::Capability::Respond) {
        st.app.my_rota_week(actor).await.unwrap_or_default()
    } else {
        None
    };
    let page = AccountPage {
        my_week,
        debriefs,
        trainings,
        ways,
        texts_on: st.app.config.sms.provider != "none",
        mail_on: st.app.mail_on(),
        ways_errors,
        push_key,
        push_devices,
        push_words,
        required: st.app.config.require_second_factor,
        passkeys_on: st.app.passkeys_on(),
        ctx,
        user,
        totp,
        failed_before: failures.before_this_signin,
        failed_since: failures.since_signin,
        passkeys,
        add_error,
        passkey_error,
        errors,
    };
    Ok((status, page).into_response())
}

fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

pub async fn account_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "account").await?;
    let Some(actor) = v.ctx.actor.clone() else {
        return Err(WebError::Login);
    };
    render_account(&st, v.ctx, &actor, AccountNotice::None).await
}

/// Changing one's own password.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_again: String,
}

/// Changes one's own password; every other session of the account ends.
pub async fn change_password(
    State(st): State<AppState>,
    headers: HeaderMap,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Account, PasswordForm>,
) -> Result<Response, WebError> {
    let cookie = crate::ctx::cookie(&headers, crate::ctx::SESSION_COOKIE).unwrap_or_default();
    match st
        .app
        .change_password(
            &actor,
            cookie,
            &form.current_password,
            &form.new_password,
            &form.new_password_again,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/account?done=password_changed").into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Throttled { .. })) => {
            render_account(&st, v.ctx, &actor, AccountNotice::Password(e)).await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn sign_out_everywhere(
    State(st): State<AppState>,
    headers: HeaderMap,
    SignedForm { v, actor, .. }: SignedForm<nav::Account, Nothing>,
) -> Result<Response, WebError> {
    st.app
        .sign_out_everywhere(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let mut resp = Redirect::to("/login").into_response();
    if let Ok(h) = session_cookie("", 0, secure(&st, &headers)).parse() {
        resp.headers_mut().append(header::SET_COOKIE, h);
    }
    crate::ctx::clear_device(&mut resp);
    Ok(resp)
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/login/code",
            get(crate::signin::code_form).post(crate::signin::code_submit),
        )
        .route(
            "/account/second-factor",
            get(crate::signin::enrol_form).post(crate::signin::enrol_submit),
        )
        .route("/account", get(crate::signin::account_page))
        .route(
            "/account/sign-out-everywhere",
            post(crate::signin::sign_out_everywhere),
        )
        .route("/account/password", post(crate::signin::change_password))
}
