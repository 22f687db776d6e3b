//! The warmline: the page where whoever answered logs a call or a text that needed no request (`/warmline`), and
//! its API (`POST /api/v1/warmline`).

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::{self, SignedForm, nav};
use crate::intake::{done, see_other};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::doing::Doing;
use heart_app::warmline::WarmlineContact;
use heart_domain::warmline::{ABOUT, OFFERED, WarmlineInput};
use serde::Deserialize;

#[utoipa::path(post, path = "/api/v1/warmline", tag = "warmline", request_body = WarmlineInput,
    description = "Logs a warmline contact: a call or a text that needed no request (someone wanted to talk, or asked for a number), in three fields and when. Nothing personal is taken. Counted in the team's figures (`/api/v1/impact`, tables `warmline`, `warmline_offered` and `warmline_minutes`). For a token with intake, dispatch, respond or coordinate.",
    responses((status = 201, description = "Logged", body = WarmlineContact), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds none of intake, dispatch, respond or coordinate", body = ErrorBody),
        (status = 422, description = "`minutes` (required, out_of_range: 0 to 600), `about` (required, unknown), `offered` (required), `offered.N` (unknown), `channel` (unknown), `at` (invalid, out_of_range: at most 30 days back)", body = ErrorBody)))]
pub(crate) async fn api_log(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<WarmlineInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let c = api(st.app.log_warmline(&actor, input).await)?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

/// The warmline form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct WarmlineForm {
    #[serde(deserialize_with = "form::text")]
    minutes: Option<String>,
    #[serde(deserialize_with = "form::text")]
    about: Option<String>,
    offered: Vec<String>,
    #[serde(deserialize_with = "form::text")]
    channel: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "warmline/warmline.html")]
struct WarmlinePage {
    ctx: Ctx,
    form: WarmlineForm,
    about: &'static [&'static str],
    offered: &'static [&'static str],
    errors: Errors,
}

impl WarmlinePage {
    fn chosen(&self, o: &str) -> bool {
        self.form.offered.iter().any(|x| x == o)
    }
}

fn page(ctx: Ctx, form: WarmlineForm, errors: Errors, status: StatusCode) -> Response {
    let p = WarmlinePage {
        ctx,
        form,
        about: &ABOUT,
        offered: &OFFERED,
        errors,
    };
    (status, p).into_response()
}

pub async fn warmline_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "warmline").await?;
    v.may(&st.app, Doing::Warmline)?;
    Ok(page(
        v.ctx,
        WarmlineForm::default(),
        Errors::default(),
        StatusCode::OK,
    ))
}

pub async fn warmline_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Warmline, WarmlineForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let minutes = match form.minutes.as_deref().map(str::parse::<i64>) {
        None => Ok(None),
        Some(Ok(m)) => Ok(Some(m)),
        Some(Err(_)) => Err(AppError::field("minutes", "invalid")),
    };
    let logged = match minutes {
        Ok(minutes) => {
            let input = WarmlineInput {
                minutes,
                about: form.about.clone(),
                offered: form.offered.clone(),
                channel: form.channel.clone(),
                at: None,
            };
            st.app.log_warmline(&actor, input).await
        }
        Err(e) => Err(e),
    };
    match logged {
        Ok(_) => Ok(see_other(&done("/warmline".into(), "warmline"))),
        Err(AppError::Invalid(f)) => {
            // `offered.N` points at the list.
            let mut on_page = heart_domain::intake::FieldErrors::default();
            for (field, code) in f.0 {
                let field = if field.starts_with("offered.") {
                    "offered".to_string()
                } else {
                    field
                };
                on_page.add(&field, &code);
            }
            let errors = Errors(field_messages(&v.ctx, &AppError::Invalid(on_page)));
            Ok(page(v.ctx, form, errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new().route("/warmline", get(warmline_page).post(warmline_submit))
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new().route("/warmline", post(api_log))
}
