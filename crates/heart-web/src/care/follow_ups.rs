//! Follow-ups that can fail: a try's result from the follow-ups page and the API, and taking one ("mine").

use super::*;
use crate::api::shapes::FollowUpOut;
use crate::api::{Bearer, ErrorBody, api, body};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use heart_app::care::follow_ups::{FollowUpFilter, FollowUpResultInput};

#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/result", tag = "care", params(("id" = String, Path, description = "The follow-up's id")), request_body = FollowUpResultInput,
    description = "Records a try: `reached` (with a note) or `declined` end it; `no_answer` makes it due again after `follow_up_retry_hours`, and after `follow_up_tries` tries it ends as `could_not_reach`; `rescheduled` makes it due on `due`. `/done` is `reached`.",
    responses((status = 200, description = "Recorded", body = FollowUpOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "Already done, or cancelled by an erasure", body = ErrorBody), (status = 422, description = "A field needs attention: result, note or due", body = ErrorBody)))]
pub(crate) async fn api_follow_up_result(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<FollowUpResultInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let fid: FollowUpId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    let f = api(st.app.follow_up_result(&actor, fid, b).await)?;
    let now = st.app.clock.now();
    Ok(Json(FollowUpOut::new(&f, f.request_id, now)).into_response())
}

/// A try's result on the follow-ups page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ResultForm {
    #[serde(deserialize_with = "form::text")]
    result: Option<String>,
    #[serde(deserialize_with = "form::text")]
    note: Option<String>,
    #[serde(deserialize_with = "form::text")]
    due: Option<String>,
}

pub async fn result_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::FollowUps, ResultForm>,
) -> Result<Response, WebError> {
    let fid: FollowUpId = parse_id(&id, &v.ctx)?;
    // The date counts only for another day; the page sends the field whatever was chosen.
    let due = form
        .due
        .filter(|_| form.result.as_deref() == Some("rescheduled"));
    let input = FollowUpResultInput {
        result: form.result,
        note: form.note,
        due,
    };
    match st.app.follow_up_result(&actor, fid, input).await {
        Ok(f) => {
            let what = match f.result.map(|r| r.as_str()) {
                Some("no_answer") => "follow_up_no_answer",
                Some("rescheduled") => "follow_up_rescheduled",
                Some("could_not_reach") => "follow_up_could_not_reach",
                Some("declined") => "follow_up_declined",
                _ => "follow_up",
            };
            Ok(see_other(&done("/follow-ups".into(), what)))
        }
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(
                field_messages(&v.ctx, &e)
                    .into_iter()
                    .map(|(f, m)| (format!("{f}-{fid}"), m))
                    .collect(),
            );
            let page = follow_ups_page_for(&st, v.ctx, &actor, FollowUpFilter::All, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// Taking a follow-up: why, when it is one more than the caseload.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct TakeForm {
    #[serde(deserialize_with = "form::text")]
    reason: Option<String>,
}

/// Takes a follow-up ("mine"), or gives it back. One more than the caseload: the page again, asking why.
pub async fn take_submit(
    State(st): State<AppState>,
    Path((id, change)): Path<(String, String)>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::FollowUps, TakeForm>,
) -> Result<Response, WebError> {
    let fid: FollowUpId = parse_id(&id, &v.ctx)?;
    let take = match change.as_str() {
        "take" => true,
        "give-back" => false,
        _ => return Err(WebError::page(AppError::NotFound, &v.ctx.lang)),
    };
    match st
        .app
        .take_follow_up(&actor, fid, take, form.reason.as_deref())
        .await
    {
        Ok(_) => Ok(see_other(if take {
            "/follow-ups?show=mine"
        } else {
            "/follow-ups"
        })),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(
                field_messages(&v.ctx, &e)
                    .into_iter()
                    .map(|(f, m)| (format!("{f}-{fid}"), m))
                    .collect(),
            );
            let page = follow_ups_page_for(&st, v.ctx, &actor, FollowUpFilter::All, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}
