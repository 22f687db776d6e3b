//! One error type for pages and the API: status, and a page or a JSON body with field messages.

use crate::i18n;
use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::LanguageIdentifier;
use heart_app::AppError;
use serde_json::{Map, Value};

#[derive(Debug)]
pub enum WebError {
    /// An error shown as a page.
    Page(AppError, LanguageIdentifier),
    /// An error answered as JSON.
    Api(AppError),
    /// Malformed JSON or wrong types (400).
    BadJson(String),
    /// The body is larger than the limit.
    TooLarge,
    /// Not signed in: go to the sign-in page.
    Login,
    /// The form's CSRF token did not match.
    Csrf(LanguageIdentifier),
}

impl WebError {
    pub fn page(e: impl Into<AppError>, lang: &LanguageIdentifier) -> Self {
        WebError::Page(e.into(), lang.clone())
    }
}

/// Seconds a client waits before trying again while the database is not reachable (a failover takes a few).
const RETRY_AFTER_SECS: &str = "2";

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Duplicate(_) => StatusCode::CONFLICT,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

fn code_of(e: &AppError) -> &'static str {
    match e {
        AppError::Unauthenticated => "unauthenticated",
        AppError::Forbidden(_) => "forbidden",
        AppError::NotFound => "not_found",
        AppError::Invalid(_) => "invalid",
        AppError::Conflict(_) => "conflict",
        AppError::Throttled { .. } => "throttled",
        AppError::Internal(_) => "internal",
        AppError::Unavailable(_) => "unavailable",
        AppError::Duplicate(_) => "conflict",
    }
}

/// Every error the API answers: `{"error": {"code", "message", "fields"}}`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorDetail<'a> {
    /// invalid, conflict, not_found, forbidden, unauthenticated, throttled, unavailable, internal, ...
    code: &'a str,
    message: &'a str,
    /// Field name to what is wrong with it, in words.
    #[schema(value_type = std::collections::BTreeMap<String, String>)]
    fields: Map<String, Value>,
}

/// The JSON error body, with English field messages.
pub fn json_error(
    status: StatusCode,
    code: &str,
    message: &str,
    fields: Map<String, Value>,
) -> Response {
    (
        status,
        Json(ErrorBody {
            error: ErrorDetail {
                code,
                message,
                fields,
            },
        }),
    )
        .into_response()
}

/// A failure's code for the person to pass on: the request's id (in the log line and `X-Request-Id` too).
fn incident_id() -> String {
    crate::trace::request_id().unwrap_or_else(|| heart_crypto::random_token(6))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    ctx: crate::Ctx,
    title: String,
    message: String,
    /// The request's id, to pass on to whoever runs heart.
    reference: Option<String>,
}

fn error_page(
    status: StatusCode,
    lang: &LanguageIdentifier,
    title_key: &str,
    message: String,
) -> Response {
    let ctx = crate::Ctx {
        lang: lang.clone(),
        actor: None,
        csrf: String::new(),
        team_name: String::new(),
        area: String::new(),
        tz: jiff::tz::TimeZone::UTC,
        now: jiff::Timestamp::now(),
        nav: "",
        step_up: false,
        page: "/".into(),
        public_impact: false,
    };
    let page = ErrorPage {
        title: i18n::t(lang, title_key),
        message,
        reference: crate::trace::request_id(),
        ctx,
    };
    match page.render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::Login => Redirect::to("/login").into_response(),
            WebError::BadJson(msg) => {
                // Always a field: the one serde names, else the body or the query string as a whole.
                let (field, ours) = crate::edge::framework_refusal(&msg);
                let query = msg.contains("query string");
                let field = field.unwrap_or_else(|| if query { "query" } else { "body" }.into());
                let mut fields = Map::new();
                fields.insert(field, Value::String("invalid".into()));
                let message = if query { ours.to_string() } else { msg };
                json_error(StatusCode::BAD_REQUEST, "bad_request", &message, fields)
            }
            WebError::TooLarge => json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the body is larger than 64 KiB",
                Map::new(),
            ),
            WebError::Csrf(lang) => error_page(
                StatusCode::FORBIDDEN,
                &lang,
                "error-csrf-title",
                i18n::t(&lang, "error-csrf"),
            ),
            WebError::Api(e) => {
                let status = status_of(&e);
                let mut fields = Map::new();
                if let AppError::Invalid(f) = &e {
                    for (field, code) in &f.0 {
                        fields.insert(
                            field.clone(),
                            // Words, never a message id: a code the catalogue lacks gets the general words.
                            Value::String(
                                i18n::try_t(&i18n::DEFAULT, &format!("field-error-{code}"))
                                    .unwrap_or_else(|| {
                                        i18n::t(&i18n::DEFAULT, "field-error-generic")
                                    }),
                            ),
                        );
                    }
                }
                let message = if status == StatusCode::SERVICE_UNAVAILABLE {
                    tracing::warn!(error = %e, "database not reachable; answered 503");
                    "the database is not reachable for a moment; nothing was saved, please try again".to_string()
                } else if status.is_server_error() {
                    let id = incident_id();
                    tracing::error!(incident = %id, error = %e, "request failed");
                    format!("something went wrong on our side (incident {id})")
                } else {
                    e.to_string()
                };
                let mut resp = json_error(status, code_of(&e), &message, fields);
                if status == StatusCode::SERVICE_UNAVAILABLE {
                    resp.headers_mut().insert(
                        axum::http::header::RETRY_AFTER,
                        axum::http::HeaderValue::from_static(RETRY_AFTER_SECS),
                    );
                }
                if let AppError::Throttled { retry_after_secs } = e
                    && let Ok(v) = retry_after_secs.to_string().parse()
                {
                    resp.headers_mut()
                        .insert(axum::http::header::RETRY_AFTER, v);
                }
                resp
            }
            WebError::Page(e, lang) => {
                let status = status_of(&e);
                let (title, message) = match &e {
                    AppError::Forbidden(_) => {
                        ("error-forbidden-title", i18n::t(&lang, "error-forbidden"))
                    }
                    AppError::NotFound => {
                        ("error-not-found-title", i18n::t(&lang, "error-not-found"))
                    }
                    AppError::Conflict(c) => (
                        "error-conflict-title",
                        i18n::try_t(&lang, &format!("conflict-{}", c.key))
                            .unwrap_or_else(|| c.message.clone()),
                    ),
                    AppError::Unauthenticated => {
                        ("error-forbidden-title", i18n::t(&lang, "login-failed"))
                    }
                    AppError::Throttled { retry_after_secs } => (
                        "error-throttled-title",
                        i18n::t_args(
                            &lang,
                            "login-throttled",
                            &[("seconds", retry_after_secs.to_string())],
                        ),
                    ),
                    // What was wrong, in words (forms that cannot show it beside the field).
                    AppError::Invalid(f) => {
                        let mut m = i18n::t(&lang, "error-invalid");
                        for code in f.0.values() {
                            if let Some(text) = i18n::try_t(&lang, &format!("field-error-{code}")) {
                                m.push(' ');
                                m.push_str(&text);
                            }
                        }
                        ("error-invalid-title", m)
                    }
                    AppError::Unavailable(_) => {
                        tracing::warn!(error = %e, "database not reachable; answered 503");
                        (
                            "error-unavailable-title",
                            i18n::t(&lang, "error-unavailable"),
                        )
                    }
                    AppError::Duplicate(_) | AppError::Internal(_) => {
                        let id = incident_id();
                        tracing::error!(incident = %id, error = %e, "page failed");
                        (
                            "error-internal-title",
                            i18n::t_args(&lang, "error-internal", &[("incident", id)]),
                        )
                    }
                };
                let mut resp = error_page(status, &lang, title, message);
                if status == StatusCode::SERVICE_UNAVAILABLE {
                    resp.headers_mut().insert(
                        axum::http::header::RETRY_AFTER,
                        axum::http::HeaderValue::from_static(RETRY_AFTER_SECS),
                    );
                }
                resp
            }
        }
    }
}
