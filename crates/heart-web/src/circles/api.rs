//! The circles' API (`/api/v1/circles`): open one, add people, notes, consents, stage moves, agreements and
//! check-ins, for a circle's facilitators only.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::error::WebError;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::circles::{
    Agreement, CheckIn, CheckInInput, CheckInResultInput, Circle, CircleLine, CircleNote,
    CirclePerson, ConsentInput,
};
use heart_domain::circle::{AgreementInput, CircleInput, NoteInput, PersonInput, StageInput};
use heart_domain::ids::{CheckInId, CircleId};
use serde::Serialize;
use utoipa::ToSchema;

/// The circles a token's person facilitates.
#[derive(Serialize, ToSchema)]
pub(crate) struct CirclesOut {
    circles: Vec<CircleLine>,
}

fn circle_id(raw: &str) -> Result<CircleId, WebError> {
    raw.parse().map_err(|_| WebError::Api(AppError::NotFound))
}

#[utoipa::path(get, path = "/api/v1/circles", tag = "circles",
    description = "The circles the token's person facilitates, newest first: titles and stages, never anyone's words. For a token with coordinate or circle (a token acting for nobody facilitates none).",
    responses((status = 200, description = "The circles", body = CirclesOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds neither coordinate nor circle", body = ErrorBody)))]
pub(crate) async fn api_list(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let circles = api(st.app.circles(&actor).await)?;
    Ok(Json(CirclesOut { circles }).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles", tag = "circles", request_body = CircleInput,
    description = "Opens a circle with two or more facilitators (accounts holding circle; nobody else reads its words). For a token with coordinate or circle.",
    responses((status = 201, description = "Opened", body = Circle), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds neither coordinate nor circle", body = ErrorBody),
        (status = 422, description = "`facilitators` (two_needed, over_limit, not_facilitator), `title` (too_long, no_markup), `request_id` (unknown)", body = ErrorBody)))]
pub(crate) async fn api_open(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<CircleInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let c = api(st.app.open_circle(&actor, input).await)?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[utoipa::path(get, path = "/api/v1/circles/{id}", tag = "circles",
    params(("id" = String, Path, description = "The circle")),
    description = "A circle with its people, their notes, agreements and check-ins, for one of its facilitators (a token made for that person). Every read is audited.",
    responses((status = 200, description = "The circle", body = Circle), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody)))]
pub(crate) async fn api_show(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let c = api(st.app.circle(&actor, circle_id(&id)?).await)?;
    Ok(Json(c).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/people", tag = "circles", request_body = PersonInput,
    params(("id" = String, Path, description = "The circle")),
    description = "Adds a person, with a data key of their own, named by the words they choose. For one of its facilitators.",
    responses((status = 201, description = "Added", body = CirclePerson), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody),
        (status = 409, description = "The circle is closed or ended, or changed meanwhile", body = ErrorBody),
        (status = 422, description = "`role_words` (required, too_long, no_markup), `language` (too_long, invalid), `contact` (too_long, no_markup)", body = ErrorBody)))]
pub(crate) async fn api_add_person(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<PersonInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let input = body(b)?;
    let p = api(st.app.add_circle_person(&actor, cid, input).await)?;
    Ok((StatusCode::CREATED, Json(p)).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/notes", tag = "circles", request_body = NoteInput,
    params(("id" = String, Path, description = "The circle")),
    description = "A note from a conversation with one person, sealed under their key; no consent to meet is needed first. For one of its facilitators.",
    responses((status = 201, description = "Written", body = CircleNote), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody),
        (status = 409, description = "The circle is closed or ended", body = ErrorBody),
        (status = 422, description = "`person_id` (required, not_in_circle, withdrawn), `text` (required, too_long)", body = ErrorBody)))]
pub(crate) async fn api_note(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<NoteInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let input = body(b)?;
    let n = api(st.app.add_circle_note(&actor, cid, input).await)?;
    Ok((StatusCode::CREATED, Json(n)).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/consents", tag = "circles", request_body = ConsentInput,
    params(("id" = String, Path, description = "The circle")),
    description = "A person's consent given or withdrawn: to take part, to a joint meeting, or to one agreement. Withdrawing take_part stops the process for them. For one of its facilitators.",
    responses((status = 201, description = "Recorded; the circle as it is now", body = Circle), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody),
        (status = 409, description = "The circle is closed or ended, or changed meanwhile", body = ErrorBody),
        (status = 422, description = "`person_id` (required, not_in_circle, withdrawn, erased), `what` (required, choose_one), `agreement_id` (required, unknown, not_for_this)", body = ErrorBody)))]
pub(crate) async fn api_consent(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<ConsentInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let input = body(b)?;
    let c = api(st.app.record_circle_consent(&actor, cid, input).await)?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/stage", tag = "circles", request_body = StageInput,
    params(("id" = String, Path, description = "The circle")),
    description = "Moves the circle: forward one stage at a time (opened, pre_meetings, circle, agreement, check_ins, closed), paused and back to a stage it reached, or ended. A joint circle only when everyone still taking part agreed to take part and to meet. For one of its facilitators.",
    responses((status = 201, description = "Moved; the circle as it is now", body = Circle), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody),
        (status = 409, description = "The circle changed meanwhile", body = ErrorBody),
        (status = 422, description = "`stage` (required, choose_one, not_next, needs_consent, needs_agreement, circle_done)", body = ErrorBody)))]
pub(crate) async fn api_stage(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<StageInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let input = body(b)?;
    let c = api(st.app.move_circle(&actor, cid, input).await)?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/agreements", tag = "circles", request_body = AgreementInput,
    params(("id" = String, Path, description = "The circle")),
    description = "Makes an agreement: commitments, each naming who commits by the role words of someone taking part, with a due day. Its words are sealed under the circle's own key. For one of its facilitators.",
    responses((status = 201, description = "Made", body = Agreement), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody),
        (status = 409, description = "The circle is closed or ended, or changed meanwhile", body = ErrorBody),
        (status = 422, description = "`commitments` (required, over_limit); `commitments[i].role_words` (required, too_long, no_markup, no_one_holds), `commitments[i].text` (required, too_long), `commitments[i].due` (required, invalid_date, in_past)", body = ErrorBody)))]
pub(crate) async fn api_agreement(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<AgreementInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let input = body(b)?;
    let a = api(st.app.make_agreement(&actor, cid, input).await)?;
    Ok((StatusCode::CREATED, Json(a)).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/check-ins", tag = "circles", request_body = CheckInInput,
    params(("id" = String, Path, description = "The circle")),
    description = "Schedules a check-in on the circle's agreements, due on a day (today or later). For one of its facilitators.",
    responses((status = 201, description = "Scheduled", body = CheckIn), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle", body = ErrorBody),
        (status = 409, description = "The circle is closed or ended, or has no agreement yet", body = ErrorBody),
        (status = 422, description = "`due` (required, invalid_date, in_past)", body = ErrorBody)))]
pub(crate) async fn api_check_in(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<CheckInInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let input = body(b)?;
    let k = api(st.app.schedule_check_in(&actor, cid, input).await)?;
    Ok((StatusCode::CREATED, Json(k)).into_response())
}

#[utoipa::path(post, path = "/api/v1/circles/{id}/check-ins/{check_in}/result", tag = "circles", request_body = CheckInResultInput,
    params(("id" = String, Path, description = "The circle"), ("check_in" = String, Path, description = "The check-in")),
    description = "Records what a check-in found, once, with the results of the team's follow-ups (reached, no_answer, rescheduled, declined) and each commitment's status. `no_answer` is tried again after `follow_up_retry_hours`, up to `follow_up_tries`, then is `could_not_reach`; `rescheduled` is due again on `due`. For one of its facilitators.",
    responses((status = 201, description = "Recorded", body = CheckIn), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "Not one of its facilitators", body = ErrorBody), (status = 404, description = "No such circle or check-in", body = ErrorBody),
        (status = 409, description = "The circle is closed or ended, or the check-in was already recorded", body = ErrorBody),
        (status = 422, description = "`result` (required, choose_one); `note` (too_long); `due` (required, invalid_date, in_past); `commitments[i].id` (unknown); `commitments[i].status` (choose_one)", body = ErrorBody)))]
pub(crate) async fn api_check_in_result(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path((id, check_in)): Path<(String, String)>,
    b: Result<Json<CheckInResultInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let cid = circle_id(&id)?;
    let kid: CheckInId = check_in
        .parse()
        .map_err(|_| WebError::Api(AppError::NotFound))?;
    let input = body(b)?;
    let k = api(st.app.check_in_result(&actor, cid, kid, input).await)?;
    Ok((StatusCode::CREATED, Json(k)).into_response())
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/circles", get(api_list).post(api_open))
        .route("/circles/{id}", get(api_show))
        .route("/circles/{id}/people", post(api_add_person))
        .route("/circles/{id}/notes", post(api_note))
        .route("/circles/{id}/consents", post(api_consent))
        .route("/circles/{id}/stage", post(api_stage))
        .route("/circles/{id}/agreements", post(api_agreement))
        .route("/circles/{id}/check-ins", post(api_check_in))
        .route(
            "/circles/{id}/check-ins/{check_in}/result",
            post(api_check_in_result),
        )
}
