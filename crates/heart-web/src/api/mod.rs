//! The JSON API under /api/v1 (bearer tokens only). Documented as OpenAPI 3.1 at /api/openapi.json.

pub(crate) mod shapes;

use crate::AppState;
use crate::error::WebError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use heart_app::care::EncounterInput;
use heart_app::intake::history::RequestSearch;
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::dispatch::Command;
use heart_domain::ids::{FollowUpId, RequestId, TeamId};
use heart_domain::intake::IntakeInput;
use serde::Deserialize;

pub(crate) use crate::error::ErrorBody;
use shapes::*;
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};

const ID: &str = "The request's id (UUID v7)";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/requests", post(create).get(list))
        .route("/requests/search", post(search))
        .route("/requests/{id}", get(show).patch(correct))
        .route("/requests/{id}/screen", post(screen))
        .route("/requests/{id}/assign", post(assign))
        .route("/requests/{id}/transition", post(transition))
        .route("/requests/{id}/close", post(close))
        .route("/requests/{id}/ems", post(ems))
        .route("/requests/{id}/recommendations", get(recommendations))
        .route("/teams", get(teams))
        .route("/follow-ups", get(follow_ups))
        .route("/follow-ups/{id}/done", post(follow_up_done))
        .route(
            "/follow-ups/{id}/result",
            post(crate::care::follow_ups::api_follow_up_result),
        )
        .route(
            "/requests/{id}/notes",
            post(crate::care::notes::api_add_note),
        )
        .route("/geocode", get(crate::geo::geocode))
        .route("/reverse", get(crate::geo::reverse))
        .route("/route", get(crate::geo::route))
        .merge(crate::money::api::routes())
        .merge(crate::referrals::api_routes())
        .merge(crate::rota::api_routes())
        .merge(crate::push::api_routes())
        .merge(crate::impact::api_routes())
        .merge(crate::outreach::api_routes())
        .merge(crate::warmline::api_routes())
        .merge(crate::debriefs::api_routes())
        .merge(crate::trainings::api_routes())
        .merge(crate::circles::api_routes())
        .merge(crate::supplies::api_routes())
        .fallback(api_not_found)
}

async fn api_not_found() -> WebError {
    WebError::Api(AppError::NotFound)
}

/// The API takes bearer tokens only (so a browser session can never be ridden cross-site).
pub(crate) async fn actor(st: &AppState, headers: &HeaderMap) -> Result<Actor, WebError> {
    let token = crate::ctx::bearer(headers).ok_or(WebError::Api(AppError::Unauthenticated))?;
    st.app
        .token_actor(token)
        .await
        .map_err(WebError::Api)?
        .ok_or(WebError::Api(AppError::Unauthenticated))
}

/// The actor of the request's bearer token, taken before the handler runs (401 without a valid one): what every
/// API handler starts from.
pub(crate) struct Bearer(pub Actor);

impl axum::extract::FromRequestParts<AppState> for Bearer {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        st: &AppState,
    ) -> Result<Self, Self::Rejection> {
        actor(st, &parts.headers).await.map(Bearer)
    }
}

pub(crate) fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, WebError> {
    b.map(|Json(v)| v).map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge
        } else {
            WebError::BadJson(e.body_text())
        }
    })
}

fn rid(s: &str) -> Result<RequestId, WebError> {
    s.parse().map_err(|_| WebError::Api(AppError::NotFound))
}

pub(crate) fn api<T>(r: Result<T, AppError>) -> Result<T, WebError> {
    r.map_err(WebError::Api)
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = IntakeInput,
    description = "Takes a request for support. Only `summary` is required: anonymous, no location and no answers are valid. Needs `intake`, or `submit` (a system that hands requests in: its answer, like every answer to a token that acts for no person, leaves out the personal fields). The answer also carries `service`: whether the team is open, closed or full now, when that changes, a plain message and the alternatives (988, the Behavioral Health Help Line, 911); the request is kept in every case. Send an `Idempotency-Key` header (up to 255 visible characters) to retry safely after a timeout or a 503: a retry with the same key answers 201 with the request the first try made (and `Idempotent-Replayed: true`) instead of making another.",
    responses((status = 201, description = "Created, triaged when answers were given", body = CreatedOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody),
        (status = 422, description = "Invalid values, by field", body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    headers: HeaderMap,
    b: Result<Json<IntakeInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .map_err(|_| WebError::Api(AppError::field("idempotency_key", "invalid")))?,
        ),
    };
    let (r, replayed) = api(st.app.create_request_once(&actor, input, key).await)?;
    // Open, closed or full, said at once with where else to turn; the request is kept either way.
    let id = r.id;
    let service =
        crate::channels::service_json(&st.app.open_state().await, Some(r.language.as_str()));
    let out = CreatedOut {
        reference: heart_app::intake::reference_of(id),
        service,
        request: RequestOut::new(&actor, r),
    };
    let mut resp = (
        StatusCode::CREATED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/requests/{id}"),
        )],
        Json(out),
    )
        .into_response();
    if replayed {
        resp.headers_mut().insert(
            "idempotent-replayed",
            axum::http::HeaderValue::from_static("true"),
        );
    }
    Ok(resp)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// `open` (neither closed nor cancelled: by priority then age), or one status: received, triaged, waiting,
    /// assigned, en_route, on_scene, closed, cancelled.
    status: Option<String>,
    /// The first day received (YYYY-MM-DD, team time).
    from: Option<String>,
    /// The last day received (YYYY-MM-DD, team time), at most two years after `from`.
    to: Option<String>,
    /// connected_to_support, resolved_for_now, declined_their_choice, could_not_find_them, ongoing_support.
    outcome: Option<String>,
    /// phone, web, sms, partner or open311.
    channel: Option<String>,
    team_id: Option<String>,
    /// housing, food, money, mental_health, substance_use, safety, conflict, medical, other.
    need: Option<String>,
    /// From 1.
    page: Option<String>,
    /// 1 to 200 (default 50).
    per_page: Option<String>,
}

/// A whole number from the query string, or the field's error.
fn number(field: &str, v: Option<&str>) -> Result<Option<i64>, WebError> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| WebError::Api(AppError::field(field, "invalid"))),
    }
}

fn page_out(actor: &Actor, p: heart_app::intake::history::RequestPage) -> Response {
    Json(RequestList {
        total: p.total,
        page: p.page,
        per_page: p.per_page,
        requests: p
            .requests
            .into_iter()
            .map(|r| RequestOut::new(actor, r))
            .collect(),
    })
    .into_response()
}

#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", params(ListQuery),
    description = "Requests newest first, a page at a time, filtered by the days they came in, status, outcome, channel, team and need; with no parameters, the newest of any date. `status=open` alone lists every open request by priority then age. Needs `intake`, `dispatch` or `coordinate`. To find words, `POST /api/v1/requests/search`.",
    responses((status = 200, description = "Requests", body = RequestList), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 422, description = "A parameter needs attention (an unknown value, a bad date, a period over two years, per_page over 200)", body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let only_open = q.status.as_deref() == Some("open")
        && [
            &q.from,
            &q.to,
            &q.outcome,
            &q.channel,
            &q.team_id,
            &q.need,
            &q.page,
            &q.per_page,
        ]
        .iter()
        .all(|v| v.is_none());
    if only_open {
        let rows = api(st.app.list_requests(&actor, true, None).await)?;
        let n = rows.len() as i64;
        return Ok(Json(RequestList {
            total: n,
            page: 1,
            per_page: n,
            requests: rows
                .into_iter()
                .map(|r| RequestOut::new(&actor, r))
                .collect(),
        })
        .into_response());
    }
    let search = heart_app::intake::history::RequestSearch {
        page: number("page", q.page.as_deref())?,
        per_page: number("per_page", q.per_page.as_deref())?,
        from: q.from,
        to: q.to,
        status: q.status,
        outcome: q.outcome,
        channel: q.channel,
        team_id: q.team_id,
        need: q.need,
        words: None,
    };
    let p = api(st.app.search_requests(&actor, search).await)?;
    Ok(page_out(&actor, p))
}

#[utoipa::path(post, path = "/api/v1/requests/search", tag = "requests", request_body = RequestSearch,
    description = "As `GET /api/v1/requests`, with `words`: found in what was said and where, in the requests of the period as they are opened (nothing is indexed in plaintext; at most 5,000 requests a search, else narrow the dates). Words only for a signed-in person's token (a token made for a person).",
    responses((status = 200, description = "Requests", body = RequestList), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 422, description = "A field needs attention (words from a token made for no person, over 5,000 requests in the period, a bad date)", body = ErrorBody)))]
async fn search(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<RequestSearch>, JsonRejection>,
) -> Result<Response, WebError> {
    let b = body(b)?;
    let p = api(st.app.search_requests(&actor, b).await)?;
    Ok(page_out(&actor, p))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = String, Path, description = ID)),
    description = "One request with its timeline and encounter records. Personal fields (names, numbers, words, places, answers) only to a signed-in person or a token made for a person; to another token they are left out and `personal_fields` is \"withheld\". A `submit` token reads back only the status and times of a request it created.",
    responses((status = 200, description = "The request", body = ShowOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody)))]
async fn show(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let text = id;
    let id = match rid(&text) {
        Ok(id) => id,
        // The reference a person was given (the id's last six characters) finds it too.
        Err(_) if actor.caps.has_any(&heart_app::intake::REQUEST_READERS) => {
            api(st.app.resolve_request(&actor, &text).await)?
        }
        Err(e) => return Err(e),
    };
    // A system that hands requests in reads back the status and times of its own, nothing more.
    if !actor.caps.has_any(&heart_app::intake::REQUEST_READERS)
        && actor.caps.has(Capability::Submit)
    {
        let (r, history) = api(st.app.submitted_request(&actor, id).await)?;
        return Ok(Json(ShowOut::Submitted(SubmittedOut {
            id: r.id,
            status: r.status.as_str(),
            created_at: r.created_at.to_string(),
            updated_at: r.updated_at.to_string(),
            channel: r.channel.as_str(),
            history: history.iter().map(Into::into).collect(),
        }))
        .into_response());
    }
    let r = api(st.app.read_request(&actor, id).await)?;
    let history = api(st.app.history(&actor, id).await)?;
    let encounters = api(st.app.encounters(&actor, id).await)?;
    let notes = api(st.app.notes(&actor, id).await)?;
    Ok(Json(ShowOut::Request(Box::new(RequestDetailOut {
        request: RequestOut::new(&actor, r),
        history: history.iter().map(Into::into).collect(),
        notes: notes
            .iter()
            .map(|n| crate::care::notes::NoteOut::new(&actor, n))
            .collect(),
        encounters: encounters
            .iter()
            .map(|e| EncounterOut::new(&actor, e))
            .collect(),
    })))
    .into_response())
}

#[utoipa::path(patch, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = String, Path, description = ID)), request_body = heart_domain::intake::CorrectionInput,
    description = "Corrects a request after intake: each field given (summary, location, language, safe_contact, and needs once it was closed with an encounter) replaces the one held. `version` is the request's version as read: an edit made on a stale copy is refused (409). The audit names the fields changed, never their values. Needs `intake`, `dispatch` or `coordinate`, and a signed-in person or a token made for a person (the fields are sealed).",
    responses((status = 200, description = "The request as it now is", body = RequestOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "Changed meanwhile (a stale version), the person's record was erased, or a token that acts for no person", body = ErrorBody), (status = 422, description = "A field that does not look right, or nothing to correct", body = ErrorBody)))]
async fn correct(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<heart_domain::intake::CorrectionInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.correct_request(&actor, id, b).await)?;
    Ok(Json(RequestOut::new(&actor, r)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ScreenBody {
    answers: BTreeMap<String, String>,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/screen", tag = "dispatch", params(("id" = String, Path, description = ID)), request_body = ScreenBody,
    description = "Screens (or re-screens) a request with the screening script's answers. Needs `intake` or `dispatch`.",
    responses((status = 200, description = "Screened", body = RequestOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "Not in a status that can be screened", body = ErrorBody), (status = 422, description = "Unknown question or answer", body = ErrorBody)))]
async fn screen(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<ScreenBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.screen(&actor, id, b.answers).await)?;
    Ok(Json(RequestOut::new(&actor, r)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AssignBody {
    team_id: String,
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    version: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/assign", tag = "dispatch", params(("id" = String, Path, description = ID)), request_body = AssignBody,
    description = "Assigns an available team of two or more responders. Needs `dispatch`.",
    responses((status = 200, description = "Assigned", body = RequestOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "Illegal transition, team not available, or the request changed meanwhile", body = ErrorBody)))]
async fn assign(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<AssignBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let b = body(b)?;
    let team: TeamId = b
        .team_id
        .parse()
        .map_err(|_| WebError::Api(AppError::field("team_id", "invalid")))?;
    // A team that is not there is not found, like any other id in the path or the body.
    let r = match st
        .app
        .transition(&actor, id, Command::Assign { team }, b.version)
        .await
    {
        Err(AppError::Invalid(f)) if f.0.get("team").is_some_and(|c| c == "unknown") => {
            return Err(WebError::Api(AppError::NotFound));
        }
        other => api(other)?,
    };
    Ok(Json(RequestOut::new(&actor, r)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct TransitionBody {
    to: String,
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    version: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/transition", tag = "dispatch", params(("id" = String, Path, description = ID)), request_body = TransitionBody,
    description = "Moves a request: en_route, on_scene, waiting (take the team off) or cancelled.",
    responses((status = 200, description = "Moved", body = RequestOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "Illegal transition", body = ErrorBody), (status = 422, description = "Unknown target status", body = ErrorBody)))]
async fn transition(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<TransitionBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let b = body(b)?;
    let cmd = match b.to.as_str() {
        "en_route" => Command::EnRoute,
        "on_scene" => Command::OnScene,
        "waiting" | "unassign" => Command::Unassign,
        "cancelled" | "cancel" => Command::Cancel,
        _ => return Err(WebError::Api(AppError::field("to", "unknown"))),
    };
    let r = api(st.app.transition(&actor, id, cmd, b.version).await)?;
    Ok(Json(RequestOut::new(&actor, r)).into_response())
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/close", tag = "care", params(("id" = String, Path, description = ID)), request_body = EncounterInput,
    description = "Records the encounter and closes the request with the outcome chosen with the person; with consent a follow-up is due 48 hours later by default.",
    responses((status = 200, description = "Closed", body = RequestOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "Not in a status that can be closed", body = ErrorBody), (status = 422, description = "Invalid encounter record", body = ErrorBody)))]
async fn close(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<EncounterInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.close_with_encounter(&actor, id, b).await)?;
    Ok(Json(RequestOut::new(&actor, r)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EmsBody {
    reason: String,
    consent: String,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/ems", tag = "care", params(("id" = String, Path, description = ID)), request_body = EmsBody,
    description = "Records an EMS contact: an exceptional event with its reason and whether the person agreed.",
    responses((status = 200, description = "Recorded", body = RequestOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 422, description = "Missing reason or consent", body = ErrorBody)))]
async fn ems(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<EmsBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.record_ems(&actor, id, &b.reason, &b.consent).await)?;
    Ok(Json(RequestOut::new(&actor, r)).into_response())
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/recommendations", tag = "dispatch", params(("id" = String, Path, description = ID)),
    description = "Available teams on shift, soonest there first: `eta_minutes` over the street network from each team's last known position (the configured way of travel), then straight-line `distance_km`. When the request's kind needs a training (its screening rule names one, e.g. first_aid for a medical red flag), `training` names it, each team says whether someone on its shift now holds it (`has_training`), and those that do come first. Needs `dispatch`.",
    responses((status = 200, description = "Teams", body = TeamList), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody)))]
async fn recommendations(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = rid(&id)?;
    let recs = api(st.app.recommend(&actor, id).await)?;
    let training = api(st.app.training_for_request(&actor, id).await)?;
    Ok(Json(TeamList {
        teams: recs.iter().map(Into::into).collect(),
        training,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/teams", tag = "dispatch",
    description = "Teams with their status now.", responses((status = 200, description = "Teams", body = TeamList), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody)))]
async fn teams(State(st): State<AppState>, Bearer(actor): Bearer) -> Result<Response, WebError> {
    api(st.app.may(&actor, heart_app::doing::Doing::SeeTeams))?;
    let teams = api(st.app.teams_now().await)?;
    Ok(Json(TeamList {
        teams: teams.iter().map(Into::into).collect(),
        training: None,
    })
    .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
struct FollowUpQuery {
    /// all (the default), mine (taken by you), unassigned (taken by nobody) or overdue.
    show: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/follow-ups", tag = "care", params(FollowUpQuery),
    description = "Open follow-ups, soonest due first: all, or those you took (`show=mine`), nobody took (`unassigned`) or past due (`overdue`).", responses((status = 200, description = "Follow-ups", body = FollowUpList), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 422, description = "An unknown `show`", body = ErrorBody)))]
async fn follow_ups(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    q: Result<Query<FollowUpQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let show = q.show.unwrap_or_default();
    let filter = heart_app::care::follow_ups::FollowUpFilter::parse(show.trim())
        .ok_or(WebError::Api(AppError::field("show", "unknown")))?;
    let items = api(st.app.follow_ups_where(&actor, filter).await)?;
    let now = st.app.clock.now();
    Ok(Json(FollowUpList {
        follow_ups: items
            .iter()
            .map(|i| FollowUpOut::new(&i.follow_up, i.request.id, now))
            .collect(),
    })
    .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DoneBody {
    note: String,
}

#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/done", tag = "care", params(("id" = String, Path, description = "The follow-up's id")), request_body = DoneBody,
    description = "Marks a follow-up done, with a note.",
    responses((status = 200, description = "Done", body = DoneOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody), (status = 409, description = "Already done", body = ErrorBody)))]
async fn follow_up_done(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<DoneBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let fid: FollowUpId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    let f = api(st.app.complete_follow_up(&actor, fid, &b.note).await)?;
    Ok(Json(DoneOut {
        id: f.id,
        done_at: f.done_at.map(|t| t.to_string()),
    })
    .into_response())
}

// ---------- OpenAPI: the documented shapes (the handlers parse the domain's own types) ----------

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "heart", description = "Community crisis response, instead of the police. Bearer tokens carry capabilities: intake, dispatch, respond, coordinate, admin, finance, submit (a system that hands requests in: it creates them and reads back their status and times only), partner (a partner organisation's own listings and referrals, under /api/v1/partner/). A token made for a person (`heart token create --user`) acts as that person and alone is given personal fields (it ends after 90 days): approving and paying mutual aid needs one. Errors are {\"error\": {\"code\", \"message\", \"fields\"}}."),
    paths(create, list, search, show, correct, screen, assign, transition, close, ems, recommendations, teams, follow_ups, follow_up_done, crate::care::follow_ups::api_follow_up_result, crate::care::notes::api_add_note, crate::geo::geocode, crate::geo::reverse, crate::geo::route, crate::money::api::funds, crate::money::api::ledger, crate::money::api::aid_list, crate::money::api::aid_create, crate::money::api::aid_show, crate::money::api::aid_approve, crate::money::api::aid_decline, crate::money::api::aid_pay, crate::channels::partner_hook, crate::referrals::api_partner_referrals, crate::referrals::api_partner_referral, crate::referrals::api_partner_answer, crate::referrals::api_partner_capacity, crate::referrals::api_refer, crate::referrals::api_request_referrals, crate::referrals::api_referrals_to_follow, crate::referrals::api_withdraw, crate::rota::api_rota, crate::rota::api_sign_up, crate::rota::api_withdraw, crate::push::api_key, crate::push::api_subscribe, crate::push::api_unsubscribe, crate::impact::api_impact, crate::impact::api_transparency, crate::outreach::api_record, crate::outreach::api_summary, crate::warmline::api_log, crate::debriefs::api_list, crate::debriefs::api_done, crate::trainings::api_list, crate::trainings::api_record, crate::supplies::api_list, crate::supplies::api_move, crate::supplies::api_level, crate::circles::api::api_list, crate::circles::api::api_open, crate::circles::api::api_show, crate::circles::api::api_add_person, crate::circles::api::api_note, crate::circles::api::api_consent, crate::circles::api::api_stage, crate::circles::api::api_agreement, crate::circles::api::api_check_in, crate::circles::api::api_check_in_result),
    components(schemas(RequestSearch, IntakeInput, heart_domain::intake::CorrectionInput, RequestOut, CreatedOut, ShowOut, ErrorBody, ScreenBody, AssignBody, TransitionBody, EncounterInput, EmsBody, DoneBody, crate::geo::Candidates, crate::geo::CandidateOut, crate::geo::RouteOut, crate::money::api::AidBody, crate::money::api::Decision, heart_domain::channels::AlertInput, crate::channels::AlertOut, crate::referrals::PartnerReferralOut, crate::referrals::AnswerBody, crate::referrals::CapacityBody, heart_app::referrals::ReferralInput, heart_app::care::notes::NoteInput, crate::care::notes::NoteOut, heart_app::care::follow_ups::FollowUpResultInput, crate::rota::RotaOut, crate::rota::SlotOut, crate::rota::PlaceOut, crate::push::PushKeyOut, heart_app::push::SubscriptionInput, heart_app::push::SubscriptionKeys, crate::push::UnsubscribeBody, heart_app::impact::Impact, heart_app::impact::Table, heart_app::impact::TimeFigure, heart_app::impact::AidFigure, heart_app::impact::AfterHours, heart_app::impact::Transparency, heart_app::impact::TransparencyTable, heart_app::impact::Shown, heart_app::impact::PublicTime, heart_app::impact::PublicAid, heart_domain::outreach::OutreachInput, heart_domain::outreach::Tallies, crate::outreach::WalkOut, heart_app::outreach::OutreachSummary, heart_app::outreach::OutreachWeek, heart_app::outreach::OutreachFigures, heart_domain::warmline::WarmlineInput, heart_app::warmline::WarmlineContact, crate::debriefs::DebriefOut, crate::debriefs::DebriefsOut, crate::debriefs::DoneBody, crate::trainings::TrainingsOut, heart_app::trainings::Training, heart_domain::training::TrainingInput, crate::supplies::SuppliesOut, heart_app::supplies::Supply, heart_app::supplies::SupplyMove, heart_domain::supply::MoveInput, heart_domain::supply::LevelInput, crate::circles::api::CirclesOut, heart_app::circles::CheckInInput, heart_app::circles::CheckInResultInput, heart_app::circles::CommitmentUpdate, heart_app::circles::CircleLine, heart_app::circles::Circle, heart_app::circles::CirclePerson, heart_app::circles::SafetyPlan, heart_app::circles::CircleNote, heart_app::circles::Agreement, heart_app::circles::Commitment, heart_app::circles::CheckIn, heart_app::circles::StageMove, heart_app::circles::ConsentInput, heart_domain::circle::CircleInput, heart_domain::circle::PersonInput, heart_domain::circle::NoteInput, heart_domain::circle::StageInput, heart_domain::circle::AgreementInput, heart_domain::circle::CommitmentInput)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`.
pub async fn openapi(State(st): State<AppState>) -> Response {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    Json(crate::openapi::truthful(doc, &st.app.script)).into_response()
}
