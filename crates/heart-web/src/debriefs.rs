//! Debriefs after hard calls: the coordinators' list (`/debriefs`), marking one done, and the API.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::{Ctx, parse_id};
use crate::error::WebError;
use crate::form::{self, SignedForm, nav};
use crate::intake::{TeamNames, done, see_other};
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::debriefs::Debrief;
use heart_app::doing::Doing;
use heart_domain::ids::DebriefId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A debrief as the API gives it.
#[derive(Serialize, ToSchema)]
pub(crate) struct DebriefOut {
    id: String,
    team_id: Option<String>,
    request_id: Option<String>,
    /// Why it was opened: need_help, ems, death, violence, hard.
    reasons: Vec<String>,
    created_at: String,
    /// 24 hours after it was opened.
    due_at: String,
    overdue: bool,
}

/// The debriefs still to have.
#[derive(Serialize, ToSchema)]
pub(crate) struct DebriefsOut {
    debriefs: Vec<DebriefOut>,
}

#[utoipa::path(get, path = "/api/v1/debriefs", tag = "debriefs",
    description = "The debriefs still to have after hard calls (a \"need help\" alert, an EMS contact, a death, violence seen, or a team saying it was a hard one), the soonest due first. Nothing said in a debrief is kept. For a token with coordinate.",
    responses((status = 200, description = "The debriefs not yet done", body = DebriefsOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token does not hold coordinate", body = ErrorBody)))]
pub(crate) async fn api_list(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let now = st.app.clock.now();
    let list = api(st.app.open_debriefs(&actor).await)?;
    let debriefs = list
        .iter()
        .map(|d| DebriefOut {
            id: d.id.to_string(),
            team_id: d.team_id.map(|t| t.to_string()),
            request_id: d.request_id.map(|r| r.to_string()),
            reasons: d.reason_list().into_iter().map(String::from).collect(),
            created_at: d.created_at.to_string(),
            due_at: d.due_at.to_string(),
            overdue: d.overdue(now),
        })
        .collect();
    Ok(Json(DebriefsOut { debriefs }).into_response())
}

/// Marking a debrief done: only whether someone asked for time off.
#[derive(Deserialize, ToSchema, Default)]
#[schema(as = DebriefDoneBody)]
#[serde(deny_unknown_fields)]
pub(crate) struct DoneBody {
    #[serde(default)]
    time_off: bool,
}

#[utoipa::path(post, path = "/api/v1/debriefs/{id}/done", tag = "debriefs", params(("id" = String, Path, description = "The debrief's id (UUID v7)")), request_body = DoneBody,
    description = "The debrief happened. What was said is not recorded; only that it happened, and whether someone asked for time off. For a token with coordinate.",
    responses((status = 200, description = "Done"), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token does not hold coordinate", body = ErrorBody),
        (status = 404, description = "No such debrief", body = ErrorBody), (status = 409, description = "Marked done already (done-already)", body = ErrorBody)))]
pub(crate) async fn api_done(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<DoneBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let did: DebriefId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    api(st.app.debrief_done(&actor, did, b.time_off).await)?;
    Ok(Json(serde_json::json!({})).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "debriefs/debriefs.html")]
struct DebriefsPage {
    ctx: Ctx,
    debriefs: Vec<Debrief>,
    teams: TeamNames,
}

pub async fn debriefs_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "debriefs").await?;
    let actor = v.may(&st.app, Doing::Debrief)?;
    let err = |e| WebError::page(e, &v.ctx.lang);
    let debriefs = st.app.open_debriefs(&actor).await.map_err(err)?;
    let teams = TeamNames::of(
        &st.app
            .teams_now()
            .await
            .map_err(|e| WebError::page(e, &v.ctx.lang))?,
    );
    Ok(DebriefsPage {
        ctx: v.ctx,
        debriefs,
        teams,
    }
    .into_response())
}

/// The "done" form: whether someone asked for time off.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct DoneForm {
    #[serde(deserialize_with = "form::flag")]
    time_off: bool,
}

pub async fn debrief_done_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Debriefs, DoneForm>,
) -> Result<Response, WebError> {
    let did: DebriefId = parse_id(&id, &f.v.ctx)?;
    st.app
        .debrief_done(&f.actor, did, f.form.time_off)
        .await
        .map_err(|e| WebError::page(e, &f.v.ctx.lang))?;
    Ok(see_other(&done("/debriefs".into(), "debrief")))
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/debriefs", get(debriefs_page))
        .route("/debriefs/{id}/done", post(debrief_done_submit))
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/debriefs", get(api_list))
        .route("/debriefs/{id}/done", post(api_done))
}
