//! A person's record, reached from their request: see it, ask for an export or an erasure (the two-person rule
//! decides them on the approvals page), keep it past retention, or join an earlier record that is theirs.

use crate::AppState;
use crate::ctx::{Ctx, parse_id};
use crate::error::WebError;
use crate::form::{SignedForm, nav};
use crate::trust::{Names, form_action};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::care::person::{PersonRecord, REASONS};
use heart_app::doing::Doing;
use heart_app::trust::Approval;
use heart_domain::access::{ApprovalKind, ApprovalStatus};
use heart_domain::ids::RequestId;

#[derive(Template, WebTemplate)]
#[template(path = "care/person.html")]
struct PersonPage {
    ctx: Ctx,
    request_id: RequestId,
    record: PersonRecord,
    names: Names,
    me: String,
    reasons: &'static [&'static str],
    errors: crate::pages::Errors,
}

impl PersonPage {
    fn mine_ready(&self, a: &&Approval) -> bool {
        a.kind == ApprovalKind::Export
            && a.status == ApprovalStatus::Approved
            && a.requested_by == self.me
    }
}

pub async fn person_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.signed_in()?;
    let rid: RequestId = parse_id(&id, &v.ctx)?;
    let page = person_page_for(&st, v.ctx, &actor, rid, Default::default()).await?;
    Ok(page.into_response())
}

async fn person_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    rid: RequestId,
    errors: crate::pages::Errors,
) -> Result<PersonPage, WebError> {
    let lang = ctx.lang.clone();
    let record = st
        .app
        .person_record(actor, rid)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let names = Names(
        st.app
            .staff_names()
            .await
            .map_err(|e| WebError::page(e, &lang))?,
    );
    Ok(PersonPage {
        ctx,
        request_id: rid,
        record,
        names,
        me: actor.audit_name(),
        reasons: REASONS,
        errors,
    })
}

/// The record this one is a duplicate of: a request of it, by reference or id.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct MergeForm {
    into: String,
    #[serde(deserialize_with = "crate::form::flag")]
    agreed: bool,
}

/// Asks to merge this record into another of the same person (a second person approves); a reference that finds
/// nothing, or this record itself, is said beside the field.
pub async fn person_merge(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Requests, MergeForm>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::AskAboutRecord)?;
    let rid: RequestId = parse_id(&id, &v.ctx)?;
    match st.app.ask_merge(&actor, rid, &form.into, form.agreed).await {
        Ok(_) => Ok(
            axum::response::Redirect::to(&format!("/requests/{rid}/person#asked-h"))
                .into_response(),
        ),
        Err(e @ AppError::Invalid(_)) => {
            let errors = crate::pages::Errors(crate::ctx::field_messages(&v.ctx, &e));
            let page = person_page_for(&st, v.ctx, &actor, rid, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// An ask about the person's record: an export or an erasure, and why.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct AskForm {
    kind: String,
    reason: String,
}

/// Whether the person asked to keep their record past the usual time.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct KeepForm {
    keep: String,
}

/// The person confirmed an earlier record is theirs.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct JoinForm {
    confirm: String,
}

pub async fn person_ask(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, AskForm>,
) -> Result<Response, WebError> {
    form_action(
        st,
        f,
        Doing::AskAboutRecord,
        |st, actor, form, ctx| async move {
            let rid: RequestId = parse_id(&id, &ctx)?;
            let kind = match form.kind.as_str() {
                "export" => ApprovalKind::Export,
                "erase" => ApprovalKind::Erase,
                _ => {
                    return Err(WebError::page(
                        AppError::field("kind", "choose_one"),
                        &ctx.lang,
                    ));
                }
            };
            st.app
                .ask_for(&actor, rid, kind, &form.reason)
                .await
                .map_err(|e| WebError::page(e, &ctx.lang))?;
            Ok(format!("/requests/{rid}/person#asks"))
        },
    )
    .await
}

pub async fn person_keep(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, KeepForm>,
) -> Result<Response, WebError> {
    form_action(
        st,
        f,
        Doing::ReadRequests,
        |st, actor, form, ctx| async move {
            let rid: RequestId = parse_id(&id, &ctx)?;
            st.app
                .set_keep(&actor, rid, form.keep == "yes")
                .await
                .map_err(|e| WebError::page(e, &ctx.lang))?;
            Ok(format!("/requests/{rid}/person"))
        },
    )
    .await
}

/// The person confirmed that an earlier record with the same phone number is theirs: the request joins it.
pub async fn person_join(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, JoinForm>,
) -> Result<Response, WebError> {
    form_action(
        st,
        f,
        Doing::ReadRequests,
        |st, actor, form, ctx| async move {
            let rid: RequestId = parse_id(&id, &ctx)?;
            st.app
                .join_earlier_record(&actor, rid, form.confirm == "yes")
                .await
                .map_err(|e| WebError::page(e, &ctx.lang))?;
            Ok(format!("/requests/{rid}/person"))
        },
    )
    .await
}

/// The person's record and the asks about it.
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/requests/{id}/person", get(person_page))
        .route("/requests/{id}/person/ask", post(person_ask))
        .route("/requests/{id}/person/merge", post(person_merge))
        .route("/requests/{id}/person/keep", post(person_keep))
        .route("/requests/{id}/person/join", post(person_join))
}
