//! Public pages, sign-in and account setup.

use crate::AppState;
use crate::ctx::{
    Ctx, SESSION_COOKIE, Visitor, cookie, csrf_cookie, field_messages, session_cookie,
};
use crate::error::WebError;
use crate::form;
use crate::limits::ClientIp;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::config::OpenState;
use heart_app::{Actor, AppError};
use heart_domain::dispatch::Status;
use heart_domain::intake::{Contact, IntakeInput, Location, SafeContact};
use heart_domain::triage;
use heart_domain::triage::Script;
use std::collections::BTreeMap;

/// Field errors for a form: (input id, message).
#[derive(Clone, Debug, Default)]
pub struct Errors(pub Vec<(String, String)>);

impl Errors {
    pub fn has(&self, field: impl AsRef<str>) -> bool {
        self.0.iter().any(|(f, _)| f == field.as_ref())
    }
    pub fn get(&self, field: impl AsRef<str>) -> String {
        self.0
            .iter()
            .find(|(f, _)| f == field.as_ref())
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
    /// `aria-describedby` for an input with an optional hint.
    pub fn describedby(&self, field: impl AsRef<str>, hint: bool) -> String {
        let field = field.as_ref();
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{field}-hint"));
        }
        if self.has(field) {
            ids.push(format!("{field}-error"));
        }
        ids.join(" ")
    }
    pub fn invalid(&self, field: impl AsRef<str>) -> &'static str {
        if self.has(field) { "true" } else { "false" }
    }
}

/// A screening question, worded for the page.
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub answers: Vec<(String, String, bool)>,
}

pub fn questions(
    ctx: &Ctx,
    script: &Script,
    chosen: &BTreeMap<String, String>,
) -> Vec<QuestionView> {
    script
        .questions
        .iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            text: crate::i18n::script_words(&ctx.lang, &triage::question_msg(&q.id), &q.text),
            answers: q
                .answers
                .iter()
                .map(|a| {
                    let text = crate::i18n::script_words(
                        &ctx.lang,
                        &triage::answer_msg(&q.id, &a.id),
                        &a.text,
                    );
                    (a.id.clone(), text, chosen.get(&q.id) == Some(&a.id))
                })
                .collect(),
        })
        .collect()
}

/// The intake form (the team's and the public one), as sent and for re-rendering after an error.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct IntakeValues {
    pub requester: String,
    pub summary: String,
    pub location_text: String,
    #[serde(deserialize_with = "form::flag")]
    pub location_withheld: bool,
    pub lat: String,
    pub lon: String,
    pub contact_name: String,
    pub contact_phone: String,
    #[serde(deserialize_with = "form::flag")]
    pub safe_text: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_voicemail: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_call: bool,
    #[serde(flatten)]
    pub safe_times: SafeTimes,
    pub code_word: String,
    pub language: String,
    #[serde(deserialize_with = "form::flag")]
    pub interpreter: bool,
    /// The screening answers, sent as `q_<question>=<answer>` (unanswered ones left out).
    #[serde(flatten, deserialize_with = "form::answered")]
    pub answers: BTreeMap<String, String>,
    /// Where the team's intake form was taken (phone, walk-in, ...); the public form is always `web`.
    #[serde(deserialize_with = "form::text")]
    pub channel: Option<String>,
    /// A random key per form shown, sent back as the request's idempotency key: sending the same form twice (a
    /// double click, a retry after "try again in a moment") makes one request.
    pub form_key: String,
}

impl IntakeValues {
    /// An empty form with a new form key.
    pub fn fresh() -> Self {
        IntakeValues {
            form_key: heart_crypto::random_token(16),
            ..IntakeValues::default()
        }
    }

    /// The form key, if the form sent a plausible one.
    pub fn key(&self) -> Option<&str> {
        let k = self.form_key.as_str();
        (!k.is_empty()
            && k.len() <= 64
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then_some(k)
    }

    /// To the domain's input; a coordinate that is not a number is a field error straight away.
    pub fn to_input(&self, channel: Option<&str>) -> Result<IntakeInput, AppError> {
        let num = |field: &str, v: &str| -> Result<Option<f64>, AppError> {
            let v = v.trim();
            if v.is_empty() {
                Ok(None)
            } else {
                v.parse()
                    .map(Some)
                    .map_err(|_| AppError::field(field, "invalid"))
            }
        };
        let opt = |v: &str| Some(v.to_string()).filter(|s| !s.trim().is_empty());
        Ok(IntakeInput {
            channel: channel.map(String::from),
            requester: opt(&self.requester),
            summary: Some(self.summary.clone()),
            location: Some(Location {
                text: opt(&self.location_text),
                lat: num("location.lat", &self.lat)?,
                lon: num("location.lon", &self.lon)?,
                withheld: self.location_withheld,
            }),
            contact: Some(Contact {
                name: opt(&self.contact_name),
                phone: opt(&self.contact_phone),
            }),
            safe_contact: Some(SafeContact {
                text_ok: self.safe_text,
                voicemail_ok: self.safe_voicemail,
                call_ok: self.safe_call,
                hours: self.safe_times.spec()?,
                code_word: opt(&self.code_word),
                interpreter: self.interpreter,
            }),
            language: opt(&self.language),
            answers: self.answers.clone(),
        })
    }
    pub fn requester_is(&self, r: &str) -> bool {
        self.requester == r || (self.requester.is_empty() && r == "person")
    }
    pub fn language_is(&self, l: &str) -> bool {
        self.language == l || (self.language.is_empty() && l == "en")
    }
}

/// The safe times to contact as the forms ask them: any time, or some days between two times in the team's time
/// zone; or, kept as they are, times set in several parts (through the API), which the form shows in words.
#[derive(serde::Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct SafeTimes {
    /// "any" (or nothing), "times", or "kept".
    pub safe_when: String,
    #[serde(deserialize_with = "form::flag")]
    pub safe_mon: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_tue: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_wed: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_thu: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_fri: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_sat: bool,
    #[serde(deserialize_with = "form::flag")]
    pub safe_sun: bool,
    pub safe_from: String,
    pub safe_to: String,
    /// Times set in several parts, as they were (sent back unchanged when "kept" is chosen).
    pub safe_kept: String,
}

impl SafeTimes {
    /// The form as `spec` (days and times, `time::parse_week`) is: one part fills the days and times; several
    /// parts with other times are kept as they are.
    pub fn of(spec: Option<&str>) -> Self {
        let mut t = SafeTimes {
            safe_when: "any".into(),
            ..SafeTimes::default()
        };
        let Some(spec) = spec.filter(|s| !s.trim().is_empty()) else {
            return t;
        };
        match heart_domain::time::parse_week(spec) {
            Ok(w) if w.len() == 1 => {
                t.safe_when = "times".into();
                for d in &w[0].days {
                    *t.day_mut(*d) = true;
                }
                t.safe_from = w[0].from.clone();
                t.safe_to = w[0].to.clone();
            }
            _ => {
                t.safe_when = "kept".into();
                t.safe_kept = spec.to_string();
            }
        }
        t
    }

    fn day_mut(&mut self, d: usize) -> &mut bool {
        match d {
            0 => &mut self.safe_mon,
            1 => &mut self.safe_tue,
            2 => &mut self.safe_wed,
            3 => &mut self.safe_thu,
            4 => &mut self.safe_fri,
            5 => &mut self.safe_sat,
            _ => &mut self.safe_sun,
        }
    }

    /// Whether a day (`mon`..`sun`) is ticked.
    pub fn day(&self, code: &str) -> bool {
        let mut copy = self.clone();
        heart_domain::time::WEEKDAYS
            .iter()
            .position(|d| *d == code)
            .is_some_and(|i| *copy.day_mut(i))
    }

    pub fn when_is(&self, w: &str) -> bool {
        self.safe_when == w || (self.safe_when.is_empty() && w == "any")
    }

    /// The times as the domain takes them: none for any time; days and times; or the kept ones. Days or a time
    /// missing is said beside the field (`safe_contact.hours`).
    pub fn spec(&self) -> Result<Option<String>, AppError> {
        match self.safe_when.as_str() {
            "times" => {
                let days: Vec<&str> = heart_domain::time::WEEKDAYS
                    .iter()
                    .copied()
                    .filter(|d| self.day(d))
                    .collect();
                let (from, to) = (self.safe_from.trim(), self.safe_to.trim());
                if days.is_empty() || from.is_empty() || to.is_empty() {
                    return Err(AppError::field("safe_contact.hours", "safe_hours_missing"));
                }
                // A browser's time field may send seconds: only hours and minutes are kept.
                let hm = |t: &str| t.get(..5).unwrap_or(t).to_string();
                Ok(Some(format!("{} {}-{}", days.join(","), hm(from), hm(to))))
            }
            "kept" => Ok(Some(self.safe_kept.clone()).filter(|s| !s.trim().is_empty())),
            _ => Ok(None),
        }
    }
}

/// The intake form's language for a page's language (`en` for English, `zh` for Chinese, else the page's tag).
fn person_language(ctx: &Ctx) -> String {
    let tag = ctx.lang_tag();
    let primary = tag.split('-').next().unwrap_or("en");
    LANGUAGES
        .iter()
        .find(|l| **l == tag || **l == primary)
        .map_or_else(|| "en".to_string(), |l| l.to_string())
}

/// Languages offered on the intake forms (the person's language, not the UI's).
pub const LANGUAGES: [&str; 9] = ["en", "es", "pt-BR", "ht", "zh", "am", "ar", "bn", "other"];

pub(crate) fn with_csrf_cookie(v: &Visitor, secure: bool, resp: impl IntoResponse) -> Response {
    let mut resp = resp.into_response();
    if let Some(c) = &v.new_csrf_cookie
        && let Ok(h) = csrf_cookie(c, secure).parse()
    {
        resp.headers_mut().append(header::SET_COOKIE, h);
    }
    resp
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    open: OpenState,
}

pub async fn home(State(st): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "home").await?;
    let open = st.app.open_state().await;
    Ok(HomePage { ctx: v.ctx, open }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/request_form.html")]
struct RequestForm {
    ctx: Ctx,
    open: OpenState,
    values: IntakeValues,
    errors: Errors,
    questions: Vec<QuestionView>,
    languages: Vec<&'static str>,
}

pub async fn request_form(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "request").await?;
    let open = st.app.open_state().await;
    let page = RequestForm {
        questions: questions(&v.ctx, &st.app.script, &BTreeMap::new()),
        ctx: v.ctx.clone(),
        open,
        // The person's language starts as the page's: the team calls or texts back in it.
        values: IntakeValues {
            language: person_language(&v.ctx),
            ..IntakeValues::fresh()
        },
        errors: Errors::default(),
        languages: LANGUAGES.to_vec(),
    };
    Ok(with_csrf_cookie(&v, secure(&st, &headers), page))
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/request_thanks.html")]
struct RequestThanks {
    ctx: Ctx,
    open: OpenState,
    reference: String,
    /// The visitor's own status link (not on a replayed submission).
    status_url: Option<String>,
    /// All teams busy and this needs one.
    full: bool,
    needs_team: bool,
}

pub async fn request_submit(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "request").await?;
    let csrf = form::csrf_of(&body);
    // A body no browser sends (a field twice) is refused like any other wrong field, with the form shown empty.
    let (values, wrong) = match form::fields::<IntakeValues>(&body) {
        Ok(values) => (values, None),
        Err(e) => (IntakeValues::fresh(), Some(e)),
    };
    let open = st.app.open_state().await;
    let rerender = |errors: Errors, status: StatusCode| {
        let page = RequestForm {
            questions: questions(&v.ctx, &st.app.script, &values.answers),
            ctx: v.ctx.clone(),
            open: open.clone(),
            values: values.clone(),
            errors,
            languages: LANGUAGES.to_vec(),
        };
        with_csrf_cookie(&v, secure(&st, &headers), (status, page))
    };
    if v.check_csrf(&headers, csrf.as_deref()).is_err() {
        let msg = v.ctx.t("error-csrf");
        return Ok(rerender(
            Errors(vec![(String::new(), msg)]),
            StatusCode::FORBIDDEN,
        ));
    }
    if let Some(e) = wrong {
        return Ok(rerender(
            Errors(field_messages(&v.ctx, &e)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    // A partner organisation sends through its own signed channel, never through the public form.
    let input = match values.to_input(Some("web")).and_then(|i| {
        if i.requester.as_deref() == Some("partner") {
            Err(heart_app::AppError::field("requester", "unknown"))
        } else {
            Ok(i)
        }
    }) {
        Ok(input) => input,
        Err(e) => {
            return Ok(rerender(
                Errors(field_messages(&v.ctx, &e)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    if !st.limits.request.allow(ip) {
        // Said plainly, with the lines that are always there; what was typed stays in the form.
        let msg = v.ctx.t("request-limited");
        let mut resp = rerender(
            Errors(vec![(String::new(), msg)]),
            StatusCode::TOO_MANY_REQUESTS,
        );
        if let Ok(v) = st.limits.request.retry_after().to_string().parse() {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(resp);
    }
    let result = st.app.create_visitor_request(input, values.key()).await;
    match result {
        Ok((r, status_token)) => {
            let needs_team = r.triage.outcome == heart_domain::triage::Outcome::FieldResponse;
            let full = open.full || r.status == Status::Waiting;
            let page = RequestThanks {
                ctx: v.ctx.clone(),
                open,
                reference: heart_app::intake::reference_of(r.id),
                status_url: status_token.map(|t| format!("/status/{t}")),
                full,
                needs_team,
            };
            Ok((StatusCode::CREATED, page).into_response())
        }
        Err(e @ AppError::Invalid(_)) => Ok(rerender(
            Errors(field_messages(&v.ctx, &e)),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "signin/login.html")]
struct LoginPage {
    ctx: Ctx,
    username: String,
    error: String,
}

pub async fn login_form(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "login").await?;
    if v.ctx.signed_in() {
        return Ok(Redirect::to(home_for(v.ctx.actor.as_ref())).into_response());
    }
    let page = LoginPage {
        ctx: v.ctx.clone(),
        username: String::new(),
        error: String::new(),
    };
    Ok(with_csrf_cookie(&v, secure(&st, &headers), page))
}

/// Where a person lands after signing in: the page for what they do.
pub fn home_for(actor: Option<&Actor>) -> &'static str {
    use heart_domain::access::Capability::*;
    match actor {
        Some(a) if a.caps.has(Dispatch) => "/board",
        Some(a) if a.caps.has(Respond) => "/responder",
        Some(a) if a.caps.has(Intake) => "/intake",
        Some(a) if a.caps.has(Coordinate) => "/follow-ups",
        Some(a) if a.caps.has(Partner) => "/partner",
        Some(_) => "/",
        None => "/login",
    }
}

/// The sign-in form. A body no browser sends (a field twice) signs nobody in: it is read as empty.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    username: String,
    password: String,
}

/// An account's first password, typed twice.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct SetupForm {
    password: String,
    password_again: String,
}

pub async fn login_submit(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "login").await?;
    let csrf = form::csrf_of(&body).unwrap_or_default();
    let sent: LoginForm = form::fields(&body).unwrap_or_default();
    let username = sent.username.trim().to_string();
    let fail = |status: StatusCode, error: String| {
        let page = LoginPage {
            ctx: v.ctx.clone(),
            username: username.clone(),
            error,
        };
        with_csrf_cookie(&v, secure(&st, &headers), (status, page))
    };
    // Signing in always goes through the public double-submit token, not an old session.
    let csrf_ok = cookie(&headers, crate::ctx::CSRF_COOKIE)
        .is_some_and(|c| heart_crypto::constant_time_eq(c, &csrf));
    if !csrf_ok {
        return Ok(fail(StatusCode::FORBIDDEN, v.ctx.t("error-csrf")));
    }
    if !st.limits.login.allow(ip) {
        let mut resp = fail(
            StatusCode::TOO_MANY_REQUESTS,
            v.ctx.t1("login-throttled", "seconds", "600"),
        );
        if let Ok(v) = st.limits.login.retry_after().to_string().parse() {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(resp);
    }
    match st.app.login_from(&username, &sent.password, ip).await {
        Ok(s) => {
            let to = match s.stage {
                heart_domain::access::SessionStage::Password => "/login/code",
                heart_domain::access::SessionStage::Enrol => "/account/second-factor",
                heart_domain::access::SessionStage::Full => {
                    let actor = st
                        .app
                        .session_actor(&s.cookie)
                        .await
                        .ok()
                        .flatten()
                        .map(|(a, _)| a);
                    // Failed attempts since the last sign-in are told first, on the account page.
                    if s.failed_before > 0 {
                        "/account"
                    } else {
                        home_for(actor.as_ref())
                    }
                }
            };
            let mut resp = Redirect::to(to).into_response();
            let c = session_cookie(
                &s.cookie,
                st.app.config.session_hours * 3600,
                secure(&st, &headers),
            );
            if let Ok(h) = c.parse() {
                resp.headers_mut().append(header::SET_COOKIE, h);
            }
            Ok(resp)
        }
        Err(AppError::Unauthenticated) => {
            Ok(fail(StatusCode::UNAUTHORIZED, v.ctx.t("login-failed")))
        }
        Err(AppError::Throttled { retry_after_secs }) => Ok(fail(
            StatusCode::TOO_MANY_REQUESTS,
            v.ctx
                .t1("login-throttled", "seconds", &retry_after_secs.to_string()),
        )),
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn logout(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "").await?;
    v.check_csrf(&headers, form::csrf_of(&body).as_deref())?;
    if let Some(c) = cookie(&headers, SESSION_COOKIE) {
        st.app
            .logout(c)
            .await
            .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    }
    let mut resp = Redirect::to("/login").into_response();
    if let Ok(h) = session_cookie("", 0, secure(&st, &headers)).parse() {
        resp.headers_mut().append(header::SET_COOKIE, h);
    }
    crate::ctx::clear_device(&mut resp);
    Ok(resp)
}

#[derive(Template, WebTemplate)]
#[template(path = "signin/setup.html")]
struct SetupPage {
    ctx: Ctx,
    token: String,
    errors: Errors,
}

pub async fn setup_form(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "").await?;
    let page = SetupPage {
        ctx: v.ctx.clone(),
        token,
        errors: Errors::default(),
    };
    Ok(with_csrf_cookie(&v, secure(&st, &headers), page))
}

pub async fn setup_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "").await?;
    v.check_csrf(&headers, form::csrf_of(&body).as_deref())?;
    let sent: SetupForm = form::fields(&body).map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let password = sent.password.as_str();
    if password != sent.password_again {
        let errors = Errors(vec![(
            "password_again".into(),
            v.ctx.t("field-error-mismatch"),
        )]);
        let page = SetupPage {
            ctx: v.ctx.clone(),
            token,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    match st.app.complete_setup(&token, password).await {
        Ok(()) => Ok(Redirect::to("/login").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let page = SetupPage {
                errors: Errors(field_messages(&v.ctx, &e)),
                ctx: v.ctx.clone(),
                token,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn not_found(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "").await?;
    if headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
    {
        return Err(WebError::Api(AppError::NotFound));
    }
    Err(WebError::page(AppError::NotFound, &v.ctx.lang))
}

/// Cookies get the Secure flag when configured, or when a TLS-terminating proxy says the visit is over HTTPS.
pub(crate) fn secure(st: &AppState, headers: &HeaderMap) -> bool {
    st.app.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/", get(crate::pages::home))
        .route(
            "/request",
            get(crate::pages::request_form).post(crate::pages::request_submit),
        )
        .route(
            "/login",
            get(crate::pages::login_form).post(crate::pages::login_submit),
        )
        .route("/logout", post(crate::pages::logout))
        .route(
            "/setup/{token}",
            get(crate::pages::setup_form).post(crate::pages::setup_submit),
        )
}
