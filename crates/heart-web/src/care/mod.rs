//! Care: the encounter record when a request closes, EMS contact as a recorded exception, follow-ups, and the
//! person's record (`person`).

pub(crate) mod follow_ups;
pub(crate) mod notes;
mod person;

use crate::AppState;
use crate::ctx::parse_id;
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::{self, SignedForm, nav};
use crate::intake::*;
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::care::{EncounterInput, FollowUpItem};
use heart_app::doing::Doing;
use heart_app::intake::Request;
use heart_domain::ids::FollowUpId;
use serde::Deserialize;

/// The encounter form, on the request's page and the responder's screen (which names the request in `request`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct EncounterForm {
    pub(crate) request: String,
    needs: Vec<String>,
    #[serde(deserialize_with = "form::text")]
    actions: Option<String>,
    #[serde(deserialize_with = "form::text")]
    own_words: Option<String>,
    #[serde(deserialize_with = "form::text")]
    outcome: Option<String>,
    #[serde(deserialize_with = "form::flag")]
    follow_up_consent: bool,
    #[serde(deserialize_with = "form::text")]
    follow_up_method: Option<String>,
    #[serde(deserialize_with = "form::text")]
    follow_up_hours: Option<String>,
    #[serde(deserialize_with = "form::flag")]
    follow_up_safe_confirmed: bool,
    #[serde(deserialize_with = "form::flag")]
    death: bool,
    #[serde(deserialize_with = "form::flag")]
    violence: bool,
    #[serde(deserialize_with = "form::flag")]
    hard: bool,
}

impl EncounterForm {
    fn input(self) -> Result<EncounterInput, AppError> {
        let hours = match self.follow_up_hours {
            None => None,
            Some(h) => Some(
                h.parse::<i64>()
                    .map_err(|_| AppError::field("follow_up_hours", "invalid"))?,
            ),
        };
        Ok(EncounterInput {
            needs: self.needs,
            actions: self.actions,
            own_words: self.own_words,
            outcome: self.outcome,
            follow_up_consent: self.follow_up_consent,
            follow_up_method: self.follow_up_method,
            follow_up_hours: hours,
            follow_up_safe_confirmed: self.follow_up_safe_confirmed,
            death: self.death,
            violence: self.violence,
            hard: self.hard,
        })
    }
}

/// The EMS form: why, and whether the person agreed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct EmsForm {
    ems_reason: String,
    ems_consent: String,
}

/// A follow-up done, with a note.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct DoneForm {
    note: String,
}

pub async fn close_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, EncounterForm>,
) -> Result<Response, WebError> {
    let from = f.device.clone();
    request_action(
        st,
        headers,
        id,
        f,
        Doing::MoveRequests,
        |st, actor, rid, form, back| async move {
            let from = from.as_ref();
            let closing = st
                .app
                .close_with_encounter_from(&actor, rid, form.input()?, from);
            st.app.once(&actor, from, closing).await?;
            // "Saved and closed", and when the follow-up the person agreed to is due.
            let due = st
                .app
                .follow_ups_for(&actor, rid)
                .await
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.done_at.is_none() && f.cancelled_at.is_none())
                .map(|f| f.due_at)
                .max();
            let to = done(back.or(format!("/requests/{rid}")), "closed");
            Ok(match due {
                Some(at) => format!("{to}&due={}", at.as_second()),
                None => to,
            })
        },
    )
    .await
}

pub async fn ems_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, EmsForm>,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        f,
        Doing::MoveRequests,
        |st, actor, rid, form, _| async move {
            st.app
                .record_ems(&actor, rid, &form.ems_reason, &form.ems_consent)
                .await?;
            Ok(format!("/requests/{rid}"))
        },
    )
    .await
}

// ---------- follow-ups ----------

#[derive(Template, WebTemplate)]
#[template(path = "care/follow_ups.html")]
pub(crate) struct FollowUpsPage {
    pub(crate) ctx: Ctx,
    pub(crate) items: Vec<FollowUpItem>,
    /// Referrals still waiting, and those answered lately (overdue first).
    pub(crate) referrals: Vec<(heart_app::referrals::TeamReferral, Request)>,
    pub(crate) errors: Errors,
    /// Which follow-ups are shown: all, mine, unassigned or overdue.
    pub(crate) show: &'static str,
    pub(crate) results: [&'static str; 4],
    /// Why someone takes a follow-up past their caseload.
    pub(crate) caseload_reasons: &'static [&'static str],
}

impl FollowUpsPage {
    fn due(&self) -> Vec<&FollowUpItem> {
        self.items
            .iter()
            .filter(|i| self.ctx.is_past(i.follow_up.due_at))
            .collect()
    }
    fn upcoming(&self) -> Vec<&FollowUpItem> {
        self.items
            .iter()
            .filter(|i| !self.ctx.is_past(i.follow_up.due_at))
            .collect()
    }
}

/// The follow-ups page with the follow-ups the filter keeps, and the referrals to follow.
pub(crate) async fn follow_ups_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    filter: heart_app::care::follow_ups::FollowUpFilter,
    errors: Errors,
) -> Result<FollowUpsPage, WebError> {
    let page = |e| WebError::page(e, &ctx.lang);
    let items = st.app.follow_ups_where(actor, filter).await.map_err(page)?;
    let referrals = st.app.referrals_to_follow(actor).await.map_err(page)?;
    Ok(FollowUpsPage {
        ctx,
        items,
        referrals,
        errors,
        show: filter.as_str(),
        results: heart_domain::care::FollowUpResult::GIVEN.map(|r| r.as_str()),
        caseload_reasons: &heart_app::care::follow_ups::CASELOAD_REASONS,
    })
}

pub async fn follow_ups_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "follow-ups").await?;
    let actor = v.signed_in()?;
    let filter = q
        .get("show")
        .and_then(|s| heart_app::care::follow_ups::FollowUpFilter::parse(s))
        .unwrap_or_default();
    let page = follow_ups_page_for(&st, v.ctx, &actor, filter, Errors::default()).await?;
    Ok(page.into_response())
}

pub async fn follow_up_done_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::FollowUps, DoneForm>,
) -> Result<Response, WebError> {
    let fid: FollowUpId = parse_id(&id, &v.ctx)?;
    match st.app.complete_follow_up(&actor, fid, &form.note).await {
        Ok(_) => Ok(see_other(&done("/follow-ups".into(), "follow_up"))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(
                field_messages(&v.ctx, &e)
                    .into_iter()
                    .map(|(f, m)| (format!("{f}-{fid}"), m))
                    .collect(),
            );
            let page = follow_ups_page_for(
                &st,
                v.ctx,
                &actor,
                heart_app::care::follow_ups::FollowUpFilter::All,
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/requests/{id}/close", post(crate::care::close_submit))
        .route("/requests/{id}/ems", post(crate::care::ems_submit))
        .route("/follow-ups", get(crate::care::follow_ups_page))
        .route(
            "/follow-ups/{id}/done",
            post(crate::care::follow_up_done_submit),
        )
        .route("/follow-ups/{id}/result", post(follow_ups::result_submit))
        .route("/follow-ups/{id}/{change}", post(follow_ups::take_submit))
        .route("/requests/{id}/notes", post(notes::note_submit))
        .route("/handovers/{id}/read", post(notes::handover_read_submit))
        .merge(person::pages())
}
