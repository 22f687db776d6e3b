//! Training records: the coordinators' page (`/trainings`: what needs attention first, every record, the add form)
//! and the API (`/api/v1/trainings`).

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::{Ctx, field_messages, parse_id};
use crate::error::WebError;
use crate::form::{self, Nothing, SignedForm, nav};
use crate::intake::{done, see_other};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::doing::Doing;
use heart_app::trainings::Training;
use heart_domain::ids::TrainingId;
use heart_domain::training::{KINDS, TrainingInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every training of the team's active people.
#[derive(Serialize, ToSchema)]
pub(crate) struct TrainingsOut {
    trainings: Vec<Training>,
}

#[utoipa::path(get, path = "/api/v1/trainings", tag = "trainings",
    description = "Every training of the team's active people, by name, with where each stands today: current, expiring (within 30 days) or expired. For a token with coordinate.",
    responses((status = 200, description = "The trainings", body = TrainingsOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token does not hold coordinate", body = ErrorBody)))]
pub(crate) async fn api_list(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let trainings = api(st.app.trainings(&actor).await)?;
    Ok(Json(TrainingsOut { trainings }).into_response())
}

#[utoipa::path(post, path = "/api/v1/trainings", tag = "trainings", request_body = TrainingInput,
    description = "Records a training for someone on the team. For a token with coordinate.",
    responses((status = 201, description = "Recorded", body = Training), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token does not hold coordinate", body = ErrorBody),
        (status = 422, description = "`user` (required, unknown), `kind` (required, unknown), `date` (required, invalid_date, in_future), `expires` (invalid_date, before_start)", body = ErrorBody)))]
pub(crate) async fn api_record(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<TrainingInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let t = api(st.app.record_training(&actor, input).await)?;
    Ok((StatusCode::CREATED, Json(t)).into_response())
}

/// The add form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TrainingForm {
    #[serde(deserialize_with = "form::text")]
    user: Option<String>,
    #[serde(deserialize_with = "form::text")]
    kind: Option<String>,
    #[serde(deserialize_with = "form::text")]
    date: Option<String>,
    #[serde(deserialize_with = "form::text")]
    expires: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "trainings/trainings.html")]
struct TrainingsPage {
    ctx: Ctx,
    trainings: Vec<Training>,
    people: Vec<(String, String)>,
    kinds: &'static [&'static str],
    form: TrainingForm,
    errors: Errors,
}

impl TrainingsPage {
    /// Trainings that have lapsed or lapse within 30 days.
    fn attention(&self) -> Vec<&Training> {
        self.trainings
            .iter()
            .filter(|t| t.standing != "current")
            .collect()
    }
}

async fn page(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    form: TrainingForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let err = |e| WebError::page(e, &ctx.lang);
    let trainings = st.app.trainings(actor).await.map_err(err)?;
    let people = st
        .app
        .trainable(actor)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?;
    let p = TrainingsPage {
        ctx,
        trainings,
        people,
        kinds: &KINDS,
        form,
        errors,
    };
    Ok((status, p).into_response())
}

pub async fn trainings_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "trainings").await?;
    let actor = v.may(&st.app, Doing::Trainings)?;
    page(
        &st,
        v.ctx,
        &actor,
        TrainingForm::default(),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn training_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Trainings, TrainingForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let input = TrainingInput {
        user: form.user.clone(),
        kind: form.kind.clone(),
        date: form.date.clone(),
        expires: form.expires.clone(),
    };
    match st.app.record_training(&actor, input).await {
        Ok(_) => Ok(see_other(&done("/trainings".into(), "training"))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            page(
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

pub async fn training_remove(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Trainings, Nothing>,
) -> Result<Response, WebError> {
    let tid: TrainingId = parse_id(&id, &f.v.ctx)?;
    st.app
        .remove_training(&f.actor, tid)
        .await
        .map_err(|e| WebError::page(e, &f.v.ctx.lang))?;
    Ok(see_other(&done("/trainings".into(), "training_removed")))
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/trainings", get(trainings_page).post(training_submit))
        .route("/trainings/{id}/remove", post(training_remove))
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new().route("/trainings", get(api_list).post(api_record))
}
