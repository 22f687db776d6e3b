//! The JSON API under /api/v1 (bearer tokens; a signed-in session works too for reads).

use crate::AppState;
use crate::error::WebError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use heart_app::care::EncounterInput;
use heart_app::requests::TeamNow;
use heart_app::{Actor, AppError};
use heart_domain::dispatch::{Command, Status};
use heart_domain::ids::{FollowUpId, RequestId, TeamId};
use heart_domain::intake::IntakeInput;
use heart_store::RequestRow;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/requests", post(create).get(list))
        .route("/requests/{id}", get(show))
        .route("/requests/{id}/screen", post(screen))
        .route("/requests/{id}/assign", post(assign))
        .route("/requests/{id}/transition", post(transition))
        .route("/requests/{id}/close", post(close))
        .route("/requests/{id}/ems", post(ems))
        .route("/requests/{id}/recommendations", get(recommendations))
        .route("/teams", get(teams))
        .route("/follow-ups", get(follow_ups))
        .route("/follow-ups/{id}/done", post(follow_up_done))
        .fallback(api_not_found)
}

async fn api_not_found() -> WebError {
    WebError::Api(AppError::NotFound)
}

/// The API takes bearer tokens only (so a browser session can never be ridden cross-site).
async fn actor(st: &AppState, headers: &HeaderMap) -> Result<Actor, WebError> {
    let token = crate::ctx::bearer(headers).ok_or(WebError::Api(AppError::Unauthenticated))?;
    st.app
        .token_actor(token)
        .await
        .map_err(WebError::Api)?
        .ok_or(WebError::Api(AppError::Unauthenticated))
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, WebError> {
    b.map(|Json(v)| v)
        .map_err(|e| WebError::BadJson(e.body_text()))
}

fn rid(s: &str) -> Result<RequestId, WebError> {
    s.parse().map_err(|_| WebError::Api(AppError::NotFound))
}

fn api<T>(r: Result<T, AppError>) -> Result<T, WebError> {
    r.map_err(WebError::Api)
}

pub fn request_json(r: &RequestRow) -> Value {
    json!({
        "id": r.id,
        "status": r.status.as_str(),
        "created_at": r.created_at.to_string(),
        "updated_at": r.updated_at.to_string(),
        "channel": r.channel.as_str(),
        "requester": r.requester.as_str(),
        "summary": r.summary,
        "location": {
            "text": r.location.text, "lat": r.location.lat, "lon": r.location.lon, "withheld": r.location.withheld,
        },
        "contact": {"name": r.contact.name, "phone": r.contact.phone},
        "safe_contact": {
            "text_ok": r.safe_contact.text_ok, "voicemail_ok": r.safe_contact.voicemail_ok,
            "call_ok": r.safe_contact.call_ok, "hours": r.safe_contact.hours, "code_word": r.safe_contact.code_word,
        },
        "language": r.language,
        "answers": r.answers,
        "triage": {
            "outcome": r.triage.outcome.as_str(), "priority": r.triage.priority,
            "rule": r.triage.rule, "rationale": r.triage.rationale,
        },
        "ems": {"reason": r.ems_reason, "consent": r.ems_consent},
        "team_id": r.team_id,
        "outcome": r.outcome.map(|o| o.as_str()),
        "version": r.version,
    })
}

fn team_json(t: &TeamNow) -> Value {
    json!({
        "id": t.row.id, "name": t.row.name, "status": t.status.as_str(), "on_shift": t.on_shift,
        "status_at": t.row.status_at.to_string(), "lat": t.row.lat, "lon": t.row.lon,
    })
}

async fn create(
    State(st): State<AppState>,
    headers: HeaderMap,
    b: Result<Json<IntakeInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let input = body(b)?;
    let r = api(st.app.create_request(&actor, input).await)?;
    Ok((
        StatusCode::CREATED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/requests/{}", r.id),
        )],
        Json(request_json(&r)),
    )
        .into_response())
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
}

async fn list(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let (open, status) = match q.status.as_deref() {
        None | Some("") => (false, None),
        Some("open") => (true, None),
        Some(s) => (
            false,
            Some(
                Status::parse(s)
                    .ok_or_else(|| WebError::Api(AppError::field("status", "unknown")))?,
            ),
        ),
    };
    let rows = api(st.app.list_requests(&actor, open, status).await)?;
    Ok(
        Json(json!({"requests": rows.iter().map(request_json).collect::<Vec<_>>()}))
            .into_response(),
    )
}

async fn show(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let id = rid(&id)?;
    let r = api(st.app.get_request(&actor, id).await)?;
    let history = api(st.app.history(&actor, id).await)?;
    let encounters = api(st.app.encounters(&actor, id).await)?;
    let mut v = request_json(&r);
    v["history"] = history
        .iter()
        .map(|t| json!({"from": t.from.map(|s| s.as_str()), "to": t.to.as_str(), "at": t.at.to_string(), "team_id": t.team_id}))
        .collect();
    v["encounters"] = encounters
        .iter()
        .map(|e| {
            json!({
                "id": e.id, "team_id": e.team_id, "needs": e.needs.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
                "actions": e.actions, "own_words": e.own_words, "outcome": e.outcome.as_str(),
                "follow_up_consent": e.follow_up_consent, "follow_up_method": e.follow_up_method.map(|m| m.as_str()),
                "created_at": e.created_at.to_string(),
            })
        })
        .collect();
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScreenBody {
    answers: BTreeMap<String, String>,
}

async fn screen(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<ScreenBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.screen(&actor, id, b.answers).await)?;
    Ok(Json(request_json(&r)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignBody {
    team_id: String,
    version: Option<i64>,
}

async fn assign(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<AssignBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let id = rid(&id)?;
    let b = body(b)?;
    let team: TeamId = b
        .team_id
        .parse()
        .map_err(|_| WebError::Api(AppError::field("team_id", "invalid")))?;
    let r = api(st
        .app
        .transition(&actor, id, Command::Assign { team }, b.version)
        .await)?;
    Ok(Json(request_json(&r)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitionBody {
    to: String,
    version: Option<i64>,
}

async fn transition(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<TransitionBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
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
    Ok(Json(request_json(&r)).into_response())
}

async fn close(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<EncounterInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.close_with_encounter(&actor, id, b).await)?;
    Ok(Json(request_json(&r)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmsBody {
    reason: String,
    consent: String,
}

async fn ems(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<EmsBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let id = rid(&id)?;
    let b = body(b)?;
    let r = api(st.app.record_ems(&actor, id, &b.reason, &b.consent).await)?;
    Ok(Json(request_json(&r)).into_response())
}

async fn recommendations(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let recs = api(st.app.recommend(&actor, rid(&id)?).await)?;
    let out: Vec<Value> = recs
        .iter()
        .map(|r| {
            let mut v = team_json(&r.team);
            v["distance_km"] = json!(r.distance_km.map(|d| (d * 100.0).round() / 100.0));
            v
        })
        .collect();
    Ok(Json(json!({"teams": out})).into_response())
}

async fn teams(State(st): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    api(actor.require(&[
        heart_domain::access::Capability::Dispatch,
        heart_domain::access::Capability::Coordinate,
        heart_domain::access::Capability::Intake,
    ]))?;
    let teams = api(st.app.teams_now().await)?;
    Ok(Json(json!({"teams": teams.iter().map(team_json).collect::<Vec<_>>()})).into_response())
}

async fn follow_ups(State(st): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let items = api(st.app.follow_ups(&actor).await)?;
    let now = st.app.clock.now();
    let out: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "id": i.follow_up.id, "request_id": i.request.id, "due_at": i.follow_up.due_at.to_string(),
                "due": i.follow_up.due_at <= now, "method": i.follow_up.method.map(|m| m.as_str()),
            })
        })
        .collect();
    Ok(Json(json!({"follow_ups": out})).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DoneBody {
    note: String,
}

async fn follow_up_done(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    b: Result<Json<DoneBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let actor = actor(&st, &headers).await?;
    let fid: FollowUpId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    let f = api(st.app.complete_follow_up(&actor, fid, &b.note).await)?;
    Ok(Json(json!({"id": f.id, "done_at": f.done_at.map(|t| t.to_string())})).into_response())
}
