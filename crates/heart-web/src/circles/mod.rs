//! Circles (templates `circles/`): the list of one's circles with the opening form (`/circles`), a circle's page
//! for its facilitators (`/circles/{id}`: its stage, its people with their consents and safety plans, the notes from
//! conversations with each, agreements, check-ins, and each person's export or erasure), an agreement's printable
//! page (`/circles/{id}/agreements/{agreement}`), and the API (`/api/v1/circles`).

use crate::AppState;
use crate::ctx::{Ctx, field_messages, parse_id};
use crate::error::WebError;
use crate::form::{self, SignedForm, nav};
use crate::intake::{done, see_other};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use heart_app::circles::{
    Agreement, CheckInInput, CheckInResultInput, Circle, CircleExport, CircleLine, CirclePerson,
    CommitmentUpdate, ConsentInput, SafetyPlan,
};
use heart_app::doing::Doing;
use heart_app::{Actor, AppError};
use heart_domain::access::ApprovalKind;
use heart_domain::circle::{
    AgreementInput, CircleInput, CommitmentInput, NoteInput, PersonInput, StageInput,
};
use heart_domain::ids::{AgreementId, ApprovalId, CheckInId, CircleId, CirclePersonId};
use serde::Deserialize;

pub(crate) mod api;
pub(crate) use api::api_routes;

// ---- Pages ----

/// The opening form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct OpenForm {
    #[serde(deserialize_with = "form::text")]
    title: Option<String>,
    #[serde(deserialize_with = "form::text")]
    request_id: Option<String>,
    facilitators: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "circles/list.html")]
struct ListPage {
    ctx: Ctx,
    circles: Vec<CircleLine>,
    choices: Vec<(String, String)>,
    form: OpenForm,
    errors: Errors,
}

async fn list(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    form: OpenForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let err = |e| WebError::page(e, &ctx.lang);
    let circles = st.app.circles(actor).await.map_err(err)?;
    let choices = st.app.facilitator_choices(actor).await.map_err(err)?;
    Ok((
        status,
        ListPage {
            ctx,
            circles,
            choices,
            form,
            errors,
        },
    )
        .into_response())
}

/// `/circles?request={id}`: the opening form with the request it grows from (an id only; nothing personal).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct FromRequest {
    request: Option<String>,
}

pub async fn circles_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<axum::extract::Query<FromRequest>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "circles").await?;
    let actor = v.may(&st.app, Doing::OpenCircle)?;
    // A query that does not read is ignored: the form opens empty.
    let request_id = q
        .ok()
        .and_then(|q| q.0.request)
        .filter(|r| r.parse::<heart_domain::ids::RequestId>().is_ok());
    list(
        &st,
        v.ctx,
        &actor,
        OpenForm {
            request_id,
            ..OpenForm::default()
        },
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn circle_open(
    State(st): State<AppState>,
    f: SignedForm<nav::Circles, OpenForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let input = CircleInput {
        title: form.title.clone(),
        request_id: form.request_id.clone(),
        facilitators: form.facilitators.clone(),
    };
    match st.app.open_circle(&actor, input).await {
        // The opener goes to the circle's page when they facilitate it, else back to the list.
        Ok(c) if st.app.circle(&actor, c.id).await.is_ok() => Ok(see_other(&done(
            format!("/circles/{}", c.id),
            "circle_opened",
        ))),
        Ok(_) => Ok(see_other(&done("/circles".into(), "circle_opened"))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            list(
                &st,
                v.ctx,
                &actor,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "circles/circle.html")]
struct CirclePage {
    ctx: Ctx,
    c: Circle,
    asks: Vec<CircleExport>,
    stages: Vec<&'static str>,
    statuses: Vec<&'static str>,
    reasons: &'static [&'static str],
    errors: Errors,
}

impl CirclePage {
    /// How a person is named: their words, or "a participant" once erased.
    fn role(&self, p: &heart_domain::ids::CirclePersonId) -> String {
        self.c
            .people
            .iter()
            .find(|x| x.id == *p)
            .and_then(|x| x.role_words.clone())
            .unwrap_or_else(|| self.ctx.t("circle-a-participant"))
    }
    fn people_in(&self) -> Vec<&CirclePerson> {
        self.c.people.iter().filter(|p| p.taking_part).collect()
    }
    fn answer(&self, a: &Option<bool>) -> String {
        self.ctx.t(match a {
            None => "circle-consent-not-asked",
            Some(true) => "circle-consent-yes",
            Some(false) => "circle-consent-no",
        })
    }
    fn agreed_to(&self, a: &Agreement, p: &CirclePerson) -> bool {
        a.consented.contains(&p.id)
    }
    fn open(&self) -> bool {
        !matches!(self.c.stage, "closed" | "ended")
    }
}

async fn circle_view(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    id: CircleId,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let err = |e| WebError::page(e, &ctx.lang);
    let c = st.app.circle(actor, id).await.map_err(err)?;
    let asks = st.app.circle_exports(actor, id).await.map_err(err)?;
    Ok((
        status,
        CirclePage {
            ctx,
            c,
            asks,
            stages: heart_app::circles::stages(),
            statuses: heart_app::circles::commitment_statuses(),
            reasons: heart_app::care::person::REASONS,
            errors,
        },
    )
        .into_response())
}

pub async fn circle_page(
    State(st): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "circles").await?;
    let actor = v.may(&st.app, Doing::Circles)?;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    circle_view(&st, v.ctx, &actor, cid, Errors::default(), StatusCode::OK).await
}

/// Runs one of the circle page's forms: on success back to the page with what was done, on a field error the page
/// again with the errors (422), anything else its error page.
async fn act<T>(
    st: &AppState,
    v: crate::ctx::Visitor,
    actor: &Actor,
    id: CircleId,
    what: &str,
    r: Result<T, AppError>,
) -> Result<Response, WebError> {
    match r {
        Ok(_) => Ok(see_other(&done(format!("/circles/{id}"), what))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            circle_view(
                st,
                v.ctx,
                actor,
                id,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct PersonForm {
    #[serde(deserialize_with = "form::text")]
    role_words: Option<String>,
    #[serde(deserialize_with = "form::text")]
    language: Option<String>,
    #[serde(deserialize_with = "form::text")]
    contact: Option<String>,
}

pub async fn person_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Circles, PersonForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let input = PersonInput {
        role_words: form.role_words,
        language: form.language,
        contact: form.contact,
    };
    let r = st.app.add_circle_person(&actor, cid, input).await;
    act(&st, v, &actor, cid, "circle_person", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct NoteForm {
    #[serde(deserialize_with = "form::text")]
    person_id: Option<String>,
    #[serde(deserialize_with = "form::text")]
    text: Option<String>,
}

pub async fn note_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Circles, NoteForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let r = st
        .app
        .add_circle_note(
            &actor,
            cid,
            NoteInput {
                person_id: form.person_id,
                text: form.text,
            },
        )
        .await;
    act(&st, v, &actor, cid, "circle_note", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ConsentForm {
    #[serde(deserialize_with = "form::text")]
    person_id: Option<String>,
    #[serde(deserialize_with = "form::text")]
    what: Option<String>,
    #[serde(deserialize_with = "form::text")]
    agreement_id: Option<String>,
    #[serde(deserialize_with = "form::text")]
    given: Option<String>,
}

pub async fn consent_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Circles, ConsentForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let input = ConsentInput {
        person_id: form.person_id,
        what: form.what,
        agreement_id: form.agreement_id,
        given: form.given.as_deref() == Some("yes"),
    };
    let r = st.app.record_circle_consent(&actor, cid, input).await;
    act(&st, v, &actor, cid, "circle_consent", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct StageForm {
    #[serde(deserialize_with = "form::text")]
    stage: Option<String>,
}

pub async fn stage_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Circles, StageForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let r = st
        .app
        .move_circle(&actor, cid, StageInput { stage: form.stage })
        .await;
    act(&st, v, &actor, cid, "circle_stage", r).await
}

/// An agreement's rows: the n-th role, text and due day make the n-th commitment; a row left blank is skipped.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AgreementForm {
    role_words: Vec<String>,
    text: Vec<String>,
    due: Vec<String>,
}

pub async fn agreement_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Circles, AgreementForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let cell = |v: &Vec<String>, i: usize| {
        v.get(i)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let rows = form
        .role_words
        .len()
        .max(form.text.len())
        .max(form.due.len());
    let commitments = (0..rows)
        .map(|i| CommitmentInput {
            role_words: cell(&form.role_words, i),
            text: cell(&form.text, i),
            due: cell(&form.due, i),
        })
        .filter(|c| c.role_words.is_some() || c.text.is_some() || c.due.is_some())
        .collect();
    let r = st
        .app
        .make_agreement(&actor, cid, AgreementInput { commitments })
        .await;
    act(&st, v, &actor, cid, "circle_agreement", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct PlanForm {
    #[serde(deserialize_with = "form::text")]
    who_to_call: Option<String>,
    #[serde(deserialize_with = "form::text")]
    if_unsafe: Option<String>,
}

pub async fn plan_submit(
    State(st): State<AppState>,
    Path((id, person)): Path<(String, String)>,
    f: SignedForm<nav::Circles, PlanForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let pid: CirclePersonId = parse_id(&person, &v.ctx)?;
    let r = st
        .app
        .keep_safety_plan(
            &actor,
            cid,
            pid,
            SafetyPlan {
                who_to_call: form.who_to_call,
                if_unsafe: form.if_unsafe,
            },
        )
        .await;
    act(&st, v, &actor, cid, "circle_plan", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct CheckInForm {
    #[serde(deserialize_with = "form::text")]
    due: Option<String>,
}

pub async fn check_in_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Circles, CheckInForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let r = st
        .app
        .schedule_check_in(&actor, cid, CheckInInput { due: form.due })
        .await;
    act(&st, v, &actor, cid, "circle_check_in", r).await
}

/// What a check-in found: the result, a note, a new day when rescheduled, and each commitment's status (the n-th
/// `commitment` with the n-th `status`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ResultForm {
    #[serde(deserialize_with = "form::text")]
    result: Option<String>,
    #[serde(deserialize_with = "form::text")]
    note: Option<String>,
    #[serde(deserialize_with = "form::text")]
    due: Option<String>,
    commitment: Vec<String>,
    status: Vec<String>,
}

pub async fn result_submit(
    State(st): State<AppState>,
    Path((id, check_in)): Path<(String, String)>,
    f: SignedForm<nav::Circles, ResultForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let kid: CheckInId = parse_id(&check_in, &v.ctx)?;
    let commitments = form
        .commitment
        .iter()
        .zip(form.status.iter())
        .filter(|(_, s)| !s.trim().is_empty())
        .map(|(c, s)| CommitmentUpdate {
            id: Some(c.clone()),
            status: Some(s.clone()),
        })
        .collect();
    let input = CheckInResultInput {
        result: form.result,
        note: form.note,
        due: form.due,
        commitments,
    };
    let r = st.app.check_in_result(&actor, cid, kid, input).await;
    act(&st, v, &actor, cid, "circle_check_in_result", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AskForm {
    #[serde(deserialize_with = "form::text")]
    kind: Option<String>,
    #[serde(deserialize_with = "form::text")]
    reason: Option<String>,
}

pub async fn ask_submit(
    State(st): State<AppState>,
    Path((id, person)): Path<(String, String)>,
    f: SignedForm<nav::Circles, AskForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let pid: CirclePersonId = parse_id(&person, &v.ctx)?;
    let kind = match form.kind.as_deref() {
        Some("export") => ApprovalKind::Export,
        Some("erase") => ApprovalKind::Erase,
        _ => {
            return act::<()>(
                &st,
                v,
                &actor,
                cid,
                "",
                Err(AppError::field("kind", "choose_one")),
            )
            .await;
        }
    };
    let reason = form.reason.unwrap_or_default();
    let r = st
        .app
        .ask_about_circle_person(&actor, cid, pid, kind, &reason)
        .await;
    act(&st, v, &actor, cid, "circle_asked", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct DecideForm {
    decision: String,
    #[serde(deserialize_with = "form::text")]
    decline_reason: Option<String>,
    #[serde(deserialize_with = "form::text")]
    code: Option<String>,
    confirm: String,
}

pub async fn decide_submit(
    State(st): State<AppState>,
    Path((id, approval)): Path<(String, String)>,
    f: SignedForm<nav::Circles, DecideForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let aid: ApprovalId = parse_id(&approval, &v.ctx)?;
    // Only a facilitator of this circle reaches the decision (the app checks the approval is about its people).
    st.app
        .circle_exports(&actor, cid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => {
            return act::<()>(
                &st,
                v,
                &actor,
                cid,
                "",
                Err(AppError::field("decision", "choose_one")),
            )
            .await;
        }
    };
    let r = st
        .app
        .decide(
            &actor,
            aid,
            approve,
            form.decline_reason.as_deref(),
            form.code.as_deref(),
            form.confirm == "yes",
        )
        .await;
    act(&st, v, &actor, cid, "circle_decided", r).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct CodeForm {
    #[serde(deserialize_with = "form::text")]
    code: Option<String>,
}

/// A person's export, as a download (a form with the second factor again, never a link), for the one who asked.
pub async fn export_download(
    State(st): State<AppState>,
    Path((id, approval)): Path<(String, String)>,
    f: SignedForm<nav::Circles, CodeForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let aid: ApprovalId = parse_id(&approval, &v.ctx)?;
    st.app
        .circle_exports(&actor, cid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let doc = st
        .app
        .take_export(&actor, aid, form.code.as_deref())
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let body = serde_json::to_string_pretty(&doc).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"heart-circle-export-{aid}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "circles/agreement.html")]
struct AgreementPage {
    ctx: Ctx,
    circle: CircleId,
    title: Option<String>,
    a: Agreement,
    /// Who each commitment is from, by role words ("a participant" once erased), in order.
    roles: Vec<String>,
    /// The people it is shown to (who consented), by role words.
    shown_to: Vec<String>,
}

/// An agreement, printable, for a facilitator to hand to the people who consented to it.
pub async fn agreement_page(
    State(st): State<AppState>,
    Path((id, agreement)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "circles").await?;
    let actor = v.may(&st.app, Doing::Circles)?;
    let cid: CircleId = parse_id(&id, &v.ctx)?;
    let aid: AgreementId = parse_id(&agreement, &v.ctx)?;
    let c = st
        .app
        .circle(&actor, cid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let a = c
        .agreements
        .iter()
        .find(|a| a.id == aid)
        .cloned()
        .ok_or_else(|| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    let name = |p: &CirclePersonId| {
        c.people
            .iter()
            .find(|x| x.id == *p)
            .and_then(|x| x.role_words.clone())
            .unwrap_or_else(|| v.ctx.t("circle-a-participant"))
    };
    let roles = a.commitments.iter().map(|m| name(&m.person_id)).collect();
    let shown_to = a.consented.iter().map(name).collect();
    Ok(AgreementPage {
        circle: cid,
        title: c.title.clone(),
        ctx: v.ctx,
        a,
        roles,
        shown_to,
    }
    .into_response())
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/circles", get(circles_page).post(circle_open))
        .route("/circles/{id}", get(circle_page))
        .route("/circles/{id}/people", post(person_submit))
        .route("/circles/{id}/notes", post(note_submit))
        .route("/circles/{id}/consents", post(consent_submit))
        .route("/circles/{id}/stage", post(stage_submit))
        .route("/circles/{id}/agreements", post(agreement_submit))
        .route("/circles/{id}/agreements/{agreement}", get(agreement_page))
        .route("/circles/{id}/people/{person}/plan", post(plan_submit))
        .route("/circles/{id}/people/{person}/ask", post(ask_submit))
        .route("/circles/{id}/check-ins", post(check_in_submit))
        .route(
            "/circles/{id}/check-ins/{check_in}/result",
            post(result_submit),
        )
        .route(
            "/circles/{id}/approvals/{approval}/decide",
            post(decide_submit),
        )
        .route(
            "/circles/{id}/approvals/{approval}/export",
            post(export_download),
        )
}
