//! Referrals on the web: the responder's consent form (from the request's encounter), the partner's own view
//! (`/partner`: its listings, today's capacity, its referrals and its webhook), and the JSON API for both sides.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::{self, Nothing, SignedForm, nav};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::directory::Capacity;
use heart_app::doing::Doing;
use heart_app::intake::Request;
use heart_app::referrals::{PartnerReferral, ReferralInput, TeamReferral};
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::ids::{ReferralId, RequestId};
use heart_domain::referral::{DeclineReason, Share};
use heart_hsds::Kind;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use utoipa::ToSchema;

use crate::ctx::parse_id;

// ---------- the responder's side ----------

#[derive(Template, WebTemplate)]
#[template(path = "referrals/refer.html")]
struct ReferPage {
    ctx: Ctx,
    r: Request,
    service_id: String,
    service_name: String,
    organization_name: String,
    /// What the person could agree to share, with what it would be (so they hear exactly what goes).
    options: Vec<(&'static str, String)>,
    chosen: Vec<String>,
    note: String,
    errors: Errors,
}

impl ReferPage {
    fn chosen(&self, code: &str) -> bool {
        self.chosen.iter().any(|c| c == code)
    }
}

async fn refer_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    rid: RequestId,
    service_id: &str,
    form: Option<&ReferForm>,
    errors: Errors,
) -> Result<ReferPage, AppError> {
    let r = st.app.read_request(actor, rid).await?;
    let encounters = st.app.encounters(actor, rid).await?;
    let loaded = st.app.directory().await?;
    let service = loaded
        .dir
        .get(Kind::Service, service_id)
        .ok_or(AppError::NotFound)?;
    let text = |rec: Option<&heart_hsds::Record>, k: &str| {
        rec.and_then(|r| r.get(k))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let org_id = text(Some(service), "organization_id");
    let needs = encounters
        .last()
        .map(|e| {
            e.needs
                .iter()
                .map(|n| ctx.tv("need", n.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let mut options = Vec::new();
    for s in Share::ALL {
        let value = match s {
            Share::FirstName => r
                .contact
                .name
                .as_deref()
                .and_then(heart_domain::referral::first_name)
                .unwrap_or_default(),
            Share::Callback => r.contact.phone.clone().unwrap_or_default(),
            Share::Needs => needs.clone(),
            Share::Language => r.language.clone(),
            Share::Note => String::from("-"),
        };
        if !value.is_empty() {
            options.push((s.as_str(), value));
        }
    }
    Ok(ReferPage {
        service_id: service_id.to_string(),
        service_name: text(Some(service), "name"),
        organization_name: text(loaded.dir.get(Kind::Organization, &org_id), "name"),
        options,
        chosen: form.map(|f| f.share.clone()).unwrap_or_default(),
        note: form.and_then(|f| f.note.clone()).unwrap_or_default(),
        ctx,
        r,
        errors,
    })
}

pub async fn refer_form(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.may(&st.app, Doing::Refer)?;
    let rid: RequestId = parse_id(&id, &v.ctx)?;
    let service = q.get("service").cloned().unwrap_or_default();
    let lang = v.ctx.lang.clone();
    let page = refer_page_for(&st, v.ctx, &actor, rid, &service, None, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

/// A referral: the service, what the person agreed to share (a checkbox each), a note, and their consent.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct ReferForm {
    service: String,
    share: Vec<String>,
    #[serde(deserialize_with = "form::text")]
    note: Option<String>,
    #[serde(deserialize_with = "form::flag")]
    consent: bool,
}

impl ReferForm {
    fn input(&self) -> ReferralInput {
        ReferralInput {
            service_id: self.service.clone(),
            share: self.share.clone(),
            note: self.note.clone(),
            consent: self.consent,
        }
    }
}

/// A partner's answer to a referral, with a reason when it declines.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AnswerForm {
    status: String,
    reason: Option<String>,
}

/// Where the partner's referral hook posts (none: the hook is removed).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct HookForm {
    #[serde(deserialize_with = "form::text")]
    url: Option<String>,
}

/// A partner's own service, as it edits it (a field not sent shows as it is saved).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ServiceForm {
    name: Option<String>,
    description: Option<String>,
    email: Option<String>,
    url: Option<String>,
    status: Option<String>,
}

impl ServiceForm {
    fn get(&self, k: &str) -> Option<&str> {
        match k {
            "name" => self.name.as_deref(),
            "description" => self.description.as_deref(),
            "email" => self.email.as_deref(),
            "url" => self.url.as_deref(),
            "status" => self.status.as_deref(),
            _ => None,
        }
    }
}

pub async fn refer_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Requests, ReferForm>,
) -> Result<Response, WebError> {
    let rid: RequestId = parse_id(&id, &v.ctx)?;
    match st.app.refer(&actor, rid, form.input()).await {
        Ok(_) => Ok(Redirect::to(&format!("/requests/{rid}#referrals")).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let lang = v.ctx.lang.clone();
            let page = refer_page_for(&st, v.ctx, &actor, rid, &form.service, Some(&form), errors)
                .await
                .map_err(|e| WebError::page(e, &lang))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn withdraw_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, .. }: SignedForm<nav::Requests, Nothing>,
) -> Result<Response, WebError> {
    let id: ReferralId = parse_id(&id, &v.ctx)?;
    let r = st
        .app
        .withdraw_referral(&actor, id)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to(&format!("/requests/{}#referrals", r.request_id)).into_response())
}

/// The referrals section of a request page.
pub async fn for_request(
    st: &AppState,
    actor: &Actor,
    id: RequestId,
) -> Result<Vec<TeamReferral>, AppError> {
    if !actor.caps.has_any(&[
        Capability::Respond,
        Capability::Coordinate,
        Capability::Dispatch,
        Capability::Intake,
    ]) {
        return Ok(Vec::new());
    }
    st.app.referrals_for_request(actor, id).await
}

// ---------- the partner's view ----------

pub struct ServiceLine {
    pub id: String,
    pub name: String,
    pub status: String,
    pub capacity: Option<Capacity>,
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/partner.html")]
struct PartnerPage {
    ctx: Ctx,
    organization: String,
    services: Vec<ServiceLine>,
    referrals: Vec<PartnerReferral>,
    reasons: Vec<&'static str>,
    hook: Option<String>,
    /// The webhook's new secret, shown once.
    secret: Option<String>,
    errors: Errors,
}

impl PartnerPage {
    fn open(&self) -> Vec<&PartnerReferral> {
        self.referrals
            .iter()
            .filter(|r| matches!(r.status, "sent" | "accepted"))
            .collect()
    }
    fn done(&self) -> Vec<&PartnerReferral> {
        self.referrals
            .iter()
            .filter(|r| !matches!(r.status, "sent" | "accepted"))
            .collect()
    }
    fn when(&self, iso: &str) -> String {
        iso.parse::<heart_domain::time::Timestamp>()
            .map(|t| self.ctx.time(t))
            .unwrap_or_default()
    }
    fn need_name(&self, code: &str) -> String {
        self.ctx.tv("need", code)
    }
}

async fn partner_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    secret: Option<String>,
    errors: Errors,
) -> Result<PartnerPage, AppError> {
    let org = st.app.partner_org(actor)?.to_string();
    let loaded = st.app.directory().await?;
    let name = |rec: Option<&heart_hsds::Record>| {
        rec.and_then(|r| r.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let capacity = st.app.capacity().await?;
    let services = loaded
        .dir
        .tables
        .get(&Kind::Service)
        .map(|t| {
            t.iter()
                .filter(|(_, s)| s.get("organization_id").and_then(Value::as_str) == Some(&org))
                .map(|(id, s)| ServiceLine {
                    id: id.clone(),
                    name: name(Some(s)),
                    status: s
                        .get("status")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    capacity: capacity.get(id).cloned(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(PartnerPage {
        organization: name(loaded.dir.get(Kind::Organization, &org)),
        services,
        referrals: st.app.partner_referrals(actor).await?,
        reasons: DeclineReason::ALL.iter().map(|r| r.as_str()).collect(),
        hook: st.app.partner_hook(actor).await?,
        secret,
        ctx,
        errors,
    })
}

pub async fn partner_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "partner").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let page = partner_page_for(&st, v.ctx, &actor, None, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

pub async fn partner_answer(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Partner, AnswerForm>,
) -> Result<Response, WebError> {
    let id: ReferralId = parse_id(&id, &v.ctx)?;
    match st
        .app
        .answer_referral(&actor, id, &form.status, form.reason.as_deref())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/partner#ref-{id}")).into_response()),
        Err(AppError::Invalid(mut f)) => {
            // The reason's select is per referral on the page.
            if let Some(code) = f.0.remove("reason") {
                f.0.insert(format!("reason-{id}"), code);
            }
            let errors = Errors(field_messages(&v.ctx, &AppError::Invalid(f)));
            let lang = v.ctx.lang.clone();
            let page = partner_page_for(&st, v.ctx, &actor, None, errors)
                .await
                .map_err(|e| WebError::page(e, &lang))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn partner_hook_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Partner, HookForm>,
) -> Result<Response, WebError> {
    let org = st
        .app
        .partner_org(&actor)
        .map_err(|e| WebError::page(e, &v.ctx.lang))?
        .to_string();
    let url = form.url;
    let lang = v.ctx.lang.clone();
    let (secret, errors, status) =
        match st.app.set_referral_hook(&actor, &org, url.as_deref()).await {
            Ok(s) => (s, Errors::default(), StatusCode::OK),
            Err(e @ AppError::Invalid(_)) => (
                None,
                Errors(field_messages(&v.ctx, &e)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => return Err(WebError::page(e, &lang)),
        };
    let page = partner_page_for(&st, v.ctx, &actor, secret, errors)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok((status, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/partner_service.html")]
struct ServicePage {
    ctx: Ctx,
    id: String,
    name: String,
    description: String,
    email: String,
    url: String,
    status: String,
    errors: Errors,
}

async fn service_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    id: &str,
    form: Option<&ServiceForm>,
    errors: Errors,
) -> Result<ServicePage, AppError> {
    // The same rule as for saving: a partner's own services only.
    st.app.partner_org(actor)?;
    let loaded = st.app.directory().await?;
    let s = loaded
        .dir
        .get(Kind::Service, id)
        .filter(|s| {
            s.get("organization_id").and_then(Value::as_str) == actor.organization.as_deref()
        })
        .ok_or(AppError::NotFound)?;
    let field = |k: &str| match form.and_then(|f| f.get(k)) {
        Some(v) => v.to_string(),
        None => s
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    };
    Ok(ServicePage {
        id: id.to_string(),
        name: field("name"),
        description: field("description"),
        email: field("email"),
        url: field("url"),
        status: field("status"),
        ctx,
        errors,
    })
}

pub async fn partner_service_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "partner").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let page = service_page_for(&st, v.ctx, &actor, &id, None, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

pub async fn partner_service_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Partner, ServiceForm>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::PartnerWork)?;
    let edit = heart_app::directory::ServiceEdit {
        description: Some(form.description.clone().unwrap_or_default()),
        email: Some(form.email.clone().unwrap_or_default()),
        url: Some(form.url.clone().unwrap_or_default()),
        status: heart_domain::text::clean(form.status.as_deref()),
    };
    match st.app.update_service(&actor, &id, &edit).await {
        Ok(()) => Ok(Redirect::to("/partner#services").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let lang = v.ctx.lang.clone();
            let page = service_page_for(&st, v.ctx, &actor, &id, Some(&form), errors)
                .await
                .map_err(|e| WebError::page(e, &lang))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

// ---------- the API ----------

/// A referral as its partner sees it: only what the person agreed to share. No request, encounter, team, person
/// or responder ids.
#[derive(Serialize, ToSchema)]
pub(crate) struct PartnerReferralOut {
    #[schema(value_type = String)]
    id: ReferralId,
    service_id: String,
    service_name: String,
    /// sent, accepted, declined, connected or withdrawn.
    status: &'static str,
    /// Why it was declined: full, not_offered, not_eligible, could_not_reach, person_chose_not, other.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    sent_at: String,
    updated_at: String,
    /// When the next step is due (an answer, then the connection).
    #[serde(skip_serializing_if = "Option::is_none")]
    due_at: Option<String>,
    overdue: bool,
    /// The person's details were erased (at their request, or at the end of the retention period); only when so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    erased: bool,
    /// The fields the person agreed to share: first_name, callback, needs, language, note.
    shared: Vec<&'static str>,
    /// Their values, only those named in `shared`.
    person: SharedOut,
    history: Vec<ReferralStepOut>,
}

/// What the person agreed to share, and nothing else.
#[derive(Serialize, ToSchema)]
pub(crate) struct SharedOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback: Option<String>,
    /// With a call-back number: the ways the person said it may be used, and when (days and times in the team's
    /// time zone, e.g. "mon-fri 18:00-21:00"; none: any time).
    #[serde(skip_serializing_if = "Option::is_none")]
    callback_ways: Option<CallbackWaysOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    needs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// How a shared call-back number may be used.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallbackWaysOut {
    call_ok: bool,
    text_ok: bool,
    voicemail_ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<String>,
}

/// One step of a referral.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReferralStepOut {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    at: String,
}

impl From<&PartnerReferral> for PartnerReferralOut {
    fn from(r: &PartnerReferral) -> Self {
        PartnerReferralOut {
            id: r.id,
            service_id: r.service_id.clone(),
            service_name: r.service_name.clone(),
            status: r.status,
            reason: r.reason,
            sent_at: r.sent_at.clone(),
            updated_at: r.updated_at.clone(),
            due_at: r.due_at.clone(),
            overdue: r.overdue,
            erased: r.erased,
            shared: r.shared.clone(),
            person: SharedOut {
                first_name: r.person.first_name.clone(),
                callback: r.person.callback.clone(),
                callback_ways: r.person.callback_ways.as_ref().map(|w| CallbackWaysOut {
                    call_ok: w.call_ok,
                    text_ok: w.text_ok,
                    voicemail_ok: w.voicemail_ok,
                    hours: w.hours.clone(),
                }),
                needs: r.person.needs.clone(),
                language: r.person.language.clone(),
                note: r.person.note.clone(),
            },
            history: r
                .history
                .iter()
                .map(|h| ReferralStepOut {
                    status: h.status,
                    reason: h.reason,
                    at: h.at.clone(),
                })
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/partner/referrals", tag = "partner",
    description = "The referrals sent to the token's organization, newest first, with only what each person agreed to share. Needs `partner` (a token made for a partner's account).",
    responses((status = 200, description = "Referrals", body = [PartnerReferralOut]), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks `partner`", body = ErrorBody)))]
pub(crate) async fn api_partner_referrals(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let list = api(st.app.partner_referrals(&actor).await)?;
    Ok(Json(
        list.iter()
            .map(PartnerReferralOut::from)
            .collect::<Vec<_>>(),
    )
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/partner/referrals/{id}", tag = "partner", params(("id" = String, Path, description = "The referral's id")),
    description = "One referral sent to the token's organization; another organization's is 404.",
    responses((status = 200, description = "The referral", body = PartnerReferralOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks `partner`", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody)))]
pub(crate) async fn api_partner_referral(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id: ReferralId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let r = api(st.app.partner_referral(&actor, id).await)?;
    Ok(Json(PartnerReferralOut::from(&r)).into_response())
}

/// A partner's answer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnswerBody {
    /// accepted, declined or connected.
    status: String,
    /// Needed to decline: full, not_offered, not_eligible, could_not_reach, person_chose_not, other.
    reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/partner/referrals/{id}/status", tag = "partner", params(("id" = String, Path, description = "The referral's id")), request_body = AnswerBody,
    description = "Accept a referral, decline it with a reason, or say the person is connected. The ends (declined, connected, withdrawn) are final.",
    responses((status = 200, description = "The referral as it is now", body = PartnerReferralOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks `partner`", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 409, description = "Not possible from where it stands", body = ErrorBody), (status = 422, description = "A field is wrong", body = ErrorBody)))]
pub(crate) async fn api_partner_answer(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<AnswerBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id: ReferralId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    let view = api(st
        .app
        .answer_referral(&actor, id, &b.status, b.reason.as_deref())
        .await)?;
    Ok(Json(PartnerReferralOut::from(&view)).into_response())
}

/// Today's capacity of one of the organization's services.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CapacityBody {
    /// open, closed or full.
    status: String,
    /// Places free now (0-10,000).
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    available: Option<i64>,
    /// A short public note (140 characters).
    note: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/partner/services/{id}/capacity", tag = "partner", params(("id" = String, Path, description = "The service's HSDS id")), request_body = CapacityBody,
    description = "Say how one of the organization's services is today; search shows it with its age. Another organization's service is 404.",
    responses((status = 200, description = "Saved"), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks `partner`", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 422, description = "A field is wrong", body = ErrorBody)))]
pub(crate) async fn api_partner_capacity(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<CapacityBody>, JsonRejection>,
) -> Result<Response, WebError> {
    api(st.app.partner_org(&actor).map(|_| ()))?;
    let b = body(b)?;
    let c = api(st
        .app
        .set_capacity(
            &actor,
            &id,
            &b.status,
            b.available,
            b.note.as_deref().unwrap_or(""),
        )
        .await)?;
    Ok(Json(json!({"service_id": c.service_id, "status": c.status, "available": c.available, "note": c.note, "updated_at": c.updated_at.to_string()})).into_response())
}

fn team_json(t: &TeamReferral) -> Value {
    json!({
        "id": t.row.id,
        "request_id": t.row.request_id,
        "service_id": t.row.service_id,
        "service_name": t.service_name,
        "organization_name": t.organization_name,
        "status": t.row.status.as_str(),
        "reason": t.row.reason.map(|r| r.as_str()),
        "shared": t.row.shared.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "sent_at": t.row.created_at.to_string(),
        "updated_at": t.row.updated_at.to_string(),
        "due_at": t.row.due_at.filter(|_| t.row.status.is_open()).map(|d| d.to_string()),
        "overdue": t.overdue,
        "history": t.events.iter().map(|e| json!({"status": e.status.as_str(), "reason": e.reason.map(|r| r.as_str()), "at": e.at.to_string()})).collect::<Vec<_>>(),
    })
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/referrals", tag = "care", params(("id" = String, Path, description = "The request's id")), request_body = ReferralInput,
    description = "Refer the person to a directory service from their encounter, with what they agreed to share. Needs `respond` (own team's request) or `coordinate`.",
    responses((status = 201, description = "The referral"), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 409, description = "No encounter recorded yet", body = ErrorBody), (status = 422, description = "A field is wrong", body = ErrorBody)))]
pub(crate) async fn api_refer(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<ReferralInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let rid: RequestId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    // A service the directory does not hold is not there (404), like any other id.
    let r = match st.app.refer(&actor, rid, b).await {
        Err(AppError::Invalid(f)) if f.0.get("service_id").is_some_and(|c| c == "unknown") => {
            return Err(WebError::Api(AppError::NotFound));
        }
        other => api(other)?,
    };
    let list = api(st.app.referrals_for_request(&actor, rid).await)?;
    let made = list.iter().find(|t| t.row.id == r.id).map(team_json);
    Ok((StatusCode::CREATED, Json(made.unwrap_or(Value::Null))).into_response())
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/referrals", tag = "care", params(("id" = String, Path, description = "The request's id")),
    description = "The referrals made for a request, with their timestamped statuses.",
    responses((status = 200, description = "Referrals"), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody)))]
pub(crate) async fn api_request_referrals(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let rid: RequestId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let list = api(st.app.referrals_for_request(&actor, rid).await)?;
    Ok(Json(json!({"referrals": list.iter().map(team_json).collect::<Vec<_>>()})).into_response())
}

#[utoipa::path(get, path = "/api/v1/referrals", tag = "care",
    description = "For the follow-up list: open referrals and those answered in the last 14 days, of the requests the token may see; overdue first.",
    responses((status = 200, description = "Referrals"), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody)))]
pub(crate) async fn api_referrals_to_follow(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let list = api(st.app.referrals_to_follow(&actor).await)?;
    Ok(
        Json(json!({"referrals": list.iter().map(|(t, _)| team_json(t)).collect::<Vec<_>>()}))
            .into_response(),
    )
}

#[utoipa::path(post, path = "/api/v1/referrals/{id}/withdraw", tag = "care", params(("id" = String, Path, description = "The referral's id")),
    description = "The person changed their mind: the referral is withdrawn and what was shared is erased; the partner is told.",
    responses((status = 200, description = "Withdrawn"), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 409, description = "It already ended", body = ErrorBody)))]
pub(crate) async fn api_withdraw(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id: ReferralId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let r = api(st.app.withdraw_referral(&actor, id).await)?;
    Ok(Json(json!({"id": r.id, "status": r.status.as_str()})).into_response())
}

pub fn api_routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/partner/referrals", get(api_partner_referrals))
        .route("/partner/referrals/{id}", get(api_partner_referral))
        .route("/partner/referrals/{id}/status", post(api_partner_answer))
        .route(
            "/partner/services/{id}/capacity",
            post(api_partner_capacity),
        )
        .route(
            "/requests/{id}/referrals",
            post(api_refer).get(api_request_referrals),
        )
        .route("/referrals", get(api_referrals_to_follow))
        .route("/referrals/{id}/withdraw", post(api_withdraw))
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/requests/{id}/refer",
            get(crate::referrals::refer_form).post(crate::referrals::refer_submit),
        )
        .route(
            "/referrals/{id}/withdraw",
            post(crate::referrals::withdraw_submit),
        )
        .route("/partner", get(crate::referrals::partner_page))
        .route(
            "/partner/referrals/{id}",
            post(crate::referrals::partner_answer),
        )
        .route("/partner/hook", post(crate::referrals::partner_hook_submit))
        .route(
            "/partner/services/{id}",
            get(crate::referrals::partner_service_page)
                .post(crate::referrals::partner_service_submit),
        )
}
