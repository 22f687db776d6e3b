//! A request's timeline: adding a note, a try to reach the person or a handover (the request's page and the API),
//! and marking a handover read from the board.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::parse_id;
use crate::error::WebError;
use crate::form::{self, Nothing, SignedForm, nav};
use crate::intake::{done, request_action, see_other};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::care::notes::{Note, NoteInput};
use heart_app::doing::Doing;
use heart_app::{Actor, AppError};
use heart_domain::ids::{NoteId, RequestId};
use heart_domain::intake::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One line of a request's timeline, as the API gives it.
#[derive(Serialize, ToSchema)]
pub(crate) struct NoteOut {
    #[schema(value_type = String)]
    id: NoteId,
    /// note, call_attempt or handover.
    kind: &'static str,
    /// The words: only to a signed-in person or a token made for a person (left out otherwise); null once the
    /// person's record is erased.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Option<String>>,
    /// For a call_attempt: reached, no_answer, voicemail or wrong_number.
    result: Option<&'static str>,
    /// The name of the account or token that wrote it.
    author: String,
    at: String,
    /// A handover: when someone on the next shift marked it read.
    #[serde(skip_serializing_if = "Option::is_none")]
    read_at: Option<String>,
}

impl NoteOut {
    pub(crate) fn new(actor: &Actor, n: &Note) -> Self {
        NoteOut {
            id: n.id,
            kind: n.kind.as_str(),
            text: actor.for_person().then(|| n.text.clone()),
            result: n.result.map(|r| r.as_str()),
            author: n.author_name.clone(),
            at: n.created_at.to_string(),
            read_at: n.read_at.map(|t| t.to_string()),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/notes", tag = "care", params(("id" = String, Path, description = "The request's id (UUID v7)")), request_body = NoteInput,
    description = "Adds a line to the request's timeline: a note, a try to reach the person (`call_attempt`, with its `result`), or a handover for the next shift (shown on the board until someone else marks it read). Anyone who may read the request may; a token that acts for no person too (its name is the author), though the words are given back only to a signed-in person or a token made for a person.",
    responses((status = 201, description = "Added", body = NoteOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks the capability", body = ErrorBody), (status = 404, description = "Not found", body = ErrorBody),
        (status = 409, description = "The person's record was erased", body = ErrorBody), (status = 422, description = "A field needs attention: kind, text (at most 10,000 characters) or result", body = ErrorBody)))]
pub(crate) async fn api_add_note(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<NoteInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let rid: RequestId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let b = body(b)?;
    let n = api(st.app.add_note(&actor, rid, b).await)?;
    Ok((StatusCode::CREATED, Json(NoteOut::new(&actor, &n))).into_response())
}

/// The note form on a request's page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct NoteForm {
    #[serde(deserialize_with = "form::text")]
    kind: Option<String>,
    #[serde(deserialize_with = "form::text")]
    text: Option<String>,
    #[serde(deserialize_with = "form::text")]
    result: Option<String>,
}

/// The form's fields are `note_kind`, `note_text` and `note_result` on the page (the request page has other
/// forms): a field error is named so.
fn on_the_page(e: AppError) -> AppError {
    match e {
        AppError::Invalid(f) => AppError::Invalid(FieldErrors(
            f.0.into_iter()
                .map(|(k, v)| (format!("note_{k}"), v))
                .collect(),
        )),
        other => other,
    }
}

pub async fn note_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, NoteForm>,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        f,
        Doing::ReadRequests,
        |st, actor, rid, form, _| async move {
            // A result is chosen on the page for every kind; it counts only for a try to reach the person.
            let result = form
                .result
                .filter(|_| form.kind.as_deref() == Some("call_attempt"));
            st.app
                .add_note(
                    &actor,
                    rid,
                    NoteInput {
                        kind: form.kind,
                        text: form.text,
                        result,
                    },
                )
                .await
                .map_err(on_the_page)?;
            Ok(done(format!("/requests/{rid}#notes"), "note"))
        },
    )
    .await
}

/// Someone on the next shift read a handover (from the board).
pub async fn handover_read_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, .. }: SignedForm<nav::Board, Nothing>,
) -> Result<Response, WebError> {
    let nid: NoteId = parse_id(&id, &v.ctx)?;
    st.app
        .mark_handover_read(&actor, nid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other(&done("/board#handovers".into(), "handover_read")))
}
