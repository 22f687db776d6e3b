//! The responder's screen: their team's request, status, check-ins, position, "need help", and closing.

use crate::AppState;
use crate::ctx::Ctx;
use crate::ctx::parse_id;
use crate::error::WebError;
use crate::form::{self, FromForm, Nothing, SignedForm, nav};
use crate::pages::Errors;
use crate::{care::*, intake::*};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::dispatch::ResponderView;
use heart_app::doing::Doing;
use heart_app::intake::PLACE_TYPED;
use heart_app::safety::Alert;
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::dispatch::TeamStatus;
use heart_domain::ids::{AlertId, TeamId};

/// The encounter form on the responder's screen posts here, so a field to fix shows at `/responder` itself.
pub async fn responder_close_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    f: SignedForm<nav::Requests, crate::care::EncounterForm>,
) -> Result<Response, WebError> {
    let id = f.form.request.clone();
    close_submit(State(st), headers, Path(id), f).await
}

/// "On our way" and "Arrived" on the responder's screen post here (the request in the form), inside the service
/// worker's scope, so a move made with no signal is kept on the phone and sent later.
pub async fn responder_status_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    f: SignedForm<nav::Requests, crate::dispatch::MoveForm>,
) -> Result<Response, WebError> {
    let id = f.form.request.clone();
    crate::dispatch::status_submit(State(st), headers, Path(id), f).await
}

/// The web app manifest: the responder's view installs on a phone's home screen and opens at `/responder`.
pub async fn manifest(State(st): State<AppState>) -> Response {
    let name = &st.app.config.team_name;
    let body = serde_json::json!({
        "id": "/responder",
        "name": name,
        "short_name": name,
        "start_url": "/responder",
        "scope": "/responder",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#7a1f3d",
        "icons": [
            {"src": "/static/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/static/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml"}
        ]
    });
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "application/manifest+json",
        )],
        body.to_string(),
    )
        .into_response()
}

// ---------- responder ----------

#[derive(Template, WebTemplate)]
#[template(path = "responder/responder.html")]
pub(crate) struct ResponderPage {
    pub(crate) ctx: Ctx,
    /// Dispatch's number, for "need help" that could not be sent.
    pub(crate) dispatch_phone: Option<String>,
    pub(crate) view: ResponderView,
    pub(crate) other_alerts: Vec<Alert>,
    pub(crate) teams: TeamNames,
    pub(crate) choices: EncounterChoices,
    pub(crate) errors: Errors,
    pub(crate) map: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "responder/_responder_panel.html")]
pub(crate) struct ResponderPanel {
    pub(crate) ctx: Ctx,
    pub(crate) view: ResponderView,
    pub(crate) other_alerts: Vec<Alert>,
    pub(crate) teams: TeamNames,
    pub(crate) choices: EncounterChoices,
    pub(crate) errors: Errors,
    pub(crate) map: Option<String>,
}

pub(crate) async fn responder_for(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<(Ctx, Actor, ResponderView, Vec<Alert>, TeamNames), WebError> {
    let v = st.visitor(headers, "responder").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let err = |e| WebError::page(e, &lang);
    let view = st.app.responder_view(&actor).await.map_err(err)?;
    let other_alerts = st
        .app
        .alerts_for(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?
        .into_iter()
        .filter(|a| Some(a.team_id) != actor.team)
        .collect();
    let teams = TeamNames::of(
        &st.app
            .teams_now()
            .await
            .map_err(|e| WebError::page(e, &v.ctx.lang))?,
    );
    Ok((v.ctx, actor, view, other_alerts, teams))
}

/// The assigned request on a map, exactly, with the way there from the team's last known position.
pub(crate) fn responder_map(
    st: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    view: &ResponderView,
) -> Option<String> {
    let r = view.request.as_ref()?;
    let team = view.team.clone()?;
    crate::maps::request(&st.app, ctx, r, actor.team, &[team])
}

pub async fn responder_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, actor, view, other_alerts, teams) = responder_for(&st, &headers).await?;
    let map = responder_map(&st, &ctx, &actor, &view);
    Ok(ResponderPage {
        dispatch_phone: st.app.config.dispatch_phone.clone(),
        map,
        ctx,
        view,
        other_alerts,
        teams,
        choices: EncounterChoices::new(),
        errors: Errors::default(),
    }
    .into_response())
}

pub async fn responder_panel(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, actor, view, other_alerts, teams) = responder_for(&st, &headers).await?;
    let map = responder_map(&st, &ctx, &actor, &view);
    Ok(ResponderPanel {
        map,
        ctx,
        view,
        other_alerts,
        teams,
        choices: EncounterChoices::new(),
        errors: Errors::default(),
    }
    .into_response())
}

pub(crate) async fn team_action<T: FromForm, F, Fut>(
    st: AppState,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Responder, T>,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, TeamId, T) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    v.may(&st.app, Doing::Respond)?;
    let team = actor
        .team
        .ok_or_else(|| WebError::page(AppError::field("team", "required"), &v.ctx.lang))?;
    act(st, actor, team, form)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other("/responder"))
}

pub async fn team_status_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Responder, TeamStatusForm>,
) -> Result<Response, WebError> {
    team_action(st, f, |st, actor, team, form| async move {
        let status =
            TeamStatus::parse(&form.status).ok_or_else(|| AppError::field("status", "unknown"))?;
        st.app
            .set_team_status(&actor, team, status)
            .await
            .map(|_| ())
    })
    .await
}

pub async fn check_in_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Responder, Nothing>,
) -> Result<Response, WebError> {
    let from = f.device.clone();
    team_action(st, f, |st, actor, team, _| async move {
        let from = from.as_ref();
        let checked = st.app.check_in_from(&actor, team, from);
        st.app.once(&actor, from, checked).await.map(|_| ())
    })
    .await
}

/// The team's status, as the responder sets it.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct TeamStatusForm {
    status: String,
}

/// Where the team is: the device's position (`lat`, `lon`), or words (`where`) for the geocoder.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct PositionForm {
    #[serde(deserialize_with = "form::text")]
    lat: Option<String>,
    #[serde(deserialize_with = "form::text")]
    lon: Option<String>,
    r#where: String,
}

impl PositionForm {
    /// The device's position, when both coordinates are numbers.
    fn position(&self) -> Option<(f64, f64)> {
        let num = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<f64>().ok());
        Some((num(&self.lat)?, num(&self.lon)?))
    }
}

/// "Share where we are": the device's position (the responder pressed the button, which is their consent) or
/// an address, corner or place they type; used to rank teams by travel time.
pub async fn position_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Responder, PositionForm>,
) -> Result<Response, WebError> {
    team_action(st, f, |st, actor, team, form| async move {
        let (lat, lon) = match form.position() {
            Some(pos) => pos,
            None => {
                let text = form.r#where.trim();
                if text.is_empty() {
                    return Err(AppError::field("where", "required"));
                }
                st.app
                    .place(text, PLACE_TYPED)
                    .ok_or_else(|| AppError::field("where", "not_placed"))?
            }
        };
        st.app.set_position(&actor, team, lat, lon).await
    })
    .await
}

/// "Need help". When the alert could not be sent, the responder is told so plainly, with dispatch's number to
/// call (`dispatch_phone`) and 911, never a generic error page.
pub async fn need_help_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Responder, PositionForm>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::Respond)?;
    let pos = form.position();
    match st.app.need_help(&actor, pos).await {
        Ok(_) => Ok(see_other("/responder")),
        Err(e) => {
            tracing::warn!(error = %e, "a need-help alert could not be sent");
            let status = match &e {
                AppError::Duplicate(_) | AppError::Internal(_) | AppError::Unavailable(_) => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                other => crate::error::status_of(other),
            };
            Ok((
                status,
                NeedHelpFailed {
                    dispatch_phone: st.app.config.dispatch_phone.clone(),
                    ctx: v.ctx,
                },
            )
                .into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "responder/need_help_failed.html")]
pub(crate) struct NeedHelpFailed {
    pub(crate) ctx: Ctx,
    pub(crate) dispatch_phone: Option<String>,
}

pub async fn clear_alert_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, .. }: SignedForm<nav::Board, Nothing>,
) -> Result<Response, WebError> {
    let aid: AlertId = parse_id(&id, &v.ctx)?;
    st.app
        .clear_alert(&actor, aid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other(if actor.caps.has(Capability::Dispatch) {
        "/board"
    } else {
        "/responder"
    }))
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/responder",
            get(crate::responder::responder_page).post(crate::responder::responder_close_submit),
        )
        .route("/responder/panel", get(crate::responder::responder_panel))
        .route(
            "/responder/status",
            post(crate::responder::responder_status_submit),
        )
        .route("/manifest.webmanifest", get(crate::responder::manifest))
        .route(
            "/responder/team-status",
            post(crate::responder::team_status_submit),
        )
        .route(
            "/responder/check-in",
            post(crate::responder::check_in_submit),
        )
        .route(
            "/responder/need-help",
            post(crate::responder::need_help_submit),
        )
        .route(
            "/responder/position",
            post(crate::responder::position_submit),
        )
        .route(
            "/alerts/{id}/clear",
            post(crate::responder::clear_alert_submit),
        )
}
