//! Dispatch: assigning a team and moving a request along, the board and its live parts, teams and shifts.

use crate::AppState;
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::{self, FromForm, SignedForm, nav};
use crate::intake::*;
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::dispatch::Board;
use heart_app::dispatch::TeamNow;
use heart_app::doing::Doing;
use heart_app::intake::PLACE_TYPED;
use heart_app::intake::Request;
use heart_app::{Actor, AppError};
use heart_domain::dispatch::{Command, Status, TeamStatus};
use heart_domain::ids::TeamId;
use serde::Deserialize;

pub async fn assign_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, AssignForm>,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        f,
        Doing::Dispatch,
        |st, actor, rid, form, back| async move {
            let team: TeamId = form
                .team
                .and_then(|t| t.parse().ok())
                .ok_or_else(|| AppError::field("team", "required"))?;
            let version = form.version.and_then(|v| v.parse().ok());
            st.app
                .transition(&actor, rid, Command::Assign { team }, version)
                .await?;
            Ok(done(back.or(format!("/requests/{rid}")), "assigned"))
        },
    )
    .await
}

pub async fn status_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, MoveForm>,
) -> Result<Response, WebError> {
    let from = f.device.clone();
    request_action(
        st,
        headers,
        id,
        f,
        Doing::MoveRequests,
        |st, actor, rid, form, back| async move {
            let cmd = match form.to.as_str() {
                "en_route" => Command::EnRoute,
                "on_scene" => Command::OnScene,
                "unassign" => Command::Unassign,
                "cancel" => Command::Cancel,
                _ => return Err(AppError::field("to", "unknown")),
            };
            let version = form.version.and_then(|v| v.parse().ok());
            let from = from.as_ref();
            let moved = st.app.transition_from(&actor, rid, cmd, version, from);
            st.app.once(&actor, from, moved).await?;
            Ok(back.or(format!("/requests/{rid}")))
        },
    )
    .await
}

/// Assigning a team, at the version of the request the person saw.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AssignForm {
    #[serde(deserialize_with = "form::text")]
    team: Option<String>,
    #[serde(deserialize_with = "form::text")]
    version: Option<String>,
}

/// Moving a request along (`to`: en_route, on_scene, unassign, cancel), at the version the person saw.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct MoveForm {
    /// The request, when the form is the responder's (`/responder/status`, inside the service worker's scope).
    pub(crate) request: String,
    to: String,
    #[serde(deserialize_with = "form::text")]
    version: Option<String>,
}

// ---------- board ----------

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/board.html")]
pub(crate) struct BoardPage {
    pub(crate) ctx: Ctx,
    pub(crate) board: Board,
    pub(crate) teams: TeamNames,
    pub(crate) map: String,
    /// The service section (open, full, closed; the acknowledgement clock), rendered.
    pub(crate) service: String,
    /// Handovers from earlier shifts nobody has marked read yet.
    pub(crate) handovers: Vec<heart_app::care::notes::Handover>,
    /// For coordinators: supplies that are low or expire within 30 days.
    pub(crate) supplies: Vec<heart_app::supplies::Supply>,
}

impl BoardPage {
    fn place(&self, p: &str) -> String {
        crate::supplies::place_word(&self.ctx, p)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/_board_requests.html")]
pub(crate) struct BoardRequests {
    pub(crate) ctx: Ctx,
    pub(crate) board: Board,
    pub(crate) teams: TeamNames,
}

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/_board_teams.html")]
pub(crate) struct BoardTeams {
    pub(crate) ctx: Ctx,
    pub(crate) board: Board,
}

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/_board_map.html")]
pub(crate) struct BoardMap {
    pub(crate) map: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/_board_alerts.html")]
pub(crate) struct BoardAlerts {
    pub(crate) ctx: Ctx,
    pub(crate) board: Board,
    pub(crate) teams: TeamNames,
}

/// Shared by the board's templates.
pub trait BoardView {
    fn board(&self) -> &Board;
    fn available(&self) -> Vec<&TeamNow> {
        self.board()
            .teams
            .iter()
            .filter(|t| t.status == TeamStatus::Available)
            .collect()
    }
    fn assignable(&self, r: &Request) -> bool {
        matches!(r.status, Status::Triaged | Status::Waiting)
            && r.triage.outcome == heart_domain::triage::Outcome::FieldResponse
    }
}
impl BoardView for BoardPage {
    fn board(&self) -> &Board {
        &self.board
    }
}
impl BoardView for BoardRequests {
    fn board(&self) -> &Board {
        &self.board
    }
}
impl BoardView for BoardTeams {
    fn board(&self) -> &Board {
        &self.board
    }
}
impl BoardView for BoardAlerts {
    fn board(&self) -> &Board {
        &self.board
    }
}

pub(crate) async fn board_for(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<(Ctx, Board, TeamNames), WebError> {
    let v = st.visitor(headers, "board").await?;
    let actor = v.signed_in()?;
    let board = st
        .app
        .board(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let teams = TeamNames::of(&board.teams);
    Ok((v.ctx, board, teams))
}

pub async fn board_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, board, teams) = board_for(&st, &headers).await?;
    let map = crate::maps::board(&st.app, &ctx, &board.requests, &board.teams);
    let service = crate::channels::board_service_html(&st, &ctx).await?;
    let handovers = handovers_for(&st, &ctx).await?;
    let supplies = crate::supplies::to_watch(&st, &headers).await?;
    Ok(BoardPage {
        ctx,
        board,
        teams,
        map,
        service,
        handovers,
        supplies,
    }
    .into_response())
}

pub async fn board_map(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, board, _) = board_for(&st, &headers).await?;
    let map = crate::maps::board(&st.app, &ctx, &board.requests, &board.teams);
    Ok(BoardMap { map }.into_response())
}

pub async fn board_requests(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, board, teams) = board_for(&st, &headers).await?;
    Ok(BoardRequests { ctx, board, teams }.into_response())
}

pub async fn board_teams(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, board, _) = board_for(&st, &headers).await?;
    Ok(BoardTeams { ctx, board }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/_board_handovers.html")]
pub(crate) struct BoardHandovers {
    pub(crate) ctx: Ctx,
    pub(crate) handovers: Vec<heart_app::care::notes::Handover>,
}

/// The handovers waiting to be read: asked only by the page and this live part, not by every part of the board.
async fn handovers_for(
    st: &AppState,
    ctx: &Ctx,
) -> Result<Vec<heart_app::care::notes::Handover>, WebError> {
    let actor = ctx.actor.as_ref().ok_or(WebError::Login)?;
    st.app
        .handovers(actor)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))
}

/// The handovers waiting to be read (a live part of the board).
pub async fn board_handovers(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "board").await?;
    v.signed_in()?;
    let handovers = handovers_for(&st, &v.ctx).await?;
    Ok(BoardHandovers {
        ctx: v.ctx,
        handovers,
    }
    .into_response())
}

pub async fn board_alerts(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, board, teams) = board_for(&st, &headers).await?;
    Ok(BoardAlerts { ctx, board, teams }.into_response())
}

// ---------- teams and shifts ----------

#[derive(Template, WebTemplate)]
#[template(path = "dispatch/teams.html")]
pub(crate) struct TeamsPage {
    pub(crate) ctx: Ctx,
    pub(crate) roster: heart_app::dispatch::Roster,
    pub(crate) errors: Errors,
    pub(crate) today: String,
}

impl TeamsPage {
    fn can_edit(&self) -> bool {
        self.ctx.can("coordinate") || self.ctx.can("admin")
    }
    fn shift_span(&self, s: &heart_app::dispatch::Shift) -> String {
        let end = s
            .ends_at
            .to_zoned_datetime(self.ctx.tz.clone())
            .strftime("%H:%M")
            .to_string();
        format!("{} – {end}", self.ctx.time(s.starts_at))
    }
    fn team_of(&self, t: &Option<TeamId>) -> String {
        t.and_then(|id| self.roster.teams.iter().find(|x| x.team.row.id == id))
            .map(|x| x.team.row.name.clone())
            .unwrap_or_default()
    }
}

pub(crate) async fn teams_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    errors: Errors,
) -> Result<TeamsPage, AppError> {
    let roster = st.app.roster(actor).await?;
    let today = ctx.now.to_zoned_datetime(ctx.tz.clone()).date().to_string();
    Ok(TeamsPage {
        ctx,
        roster,
        errors,
        today,
    })
}

pub async fn teams_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "teams").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let page = teams_page_for(&st, v.ctx, &actor, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

/// Runs a form on the teams page; field errors show the page again with messages.
pub(crate) async fn teams_action<T: FromForm, F, Fut>(
    st: AppState,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Teams, T>,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, T) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    v.may(&st.app, Doing::KeepTeams)?;
    match act(st.clone(), actor.clone(), form).await {
        Ok(()) => Ok(see_other("/teams")),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let lang = v.ctx.lang.clone();
            let page = teams_page_for(&st, v.ctx, &actor, errors)
                .await
                .map_err(|e| WebError::page(e, &lang))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn team_add_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Teams, TeamForm>,
) -> Result<Response, WebError> {
    teams_action(st, f, |st, actor, form| async move {
        // Its base, in words ("Central Square", "71 Cherry St"): where ETAs start from until it shares a position.
        let base = match form.base {
            None => None,
            Some(words) => Some(
                st.app
                    .place(&words, PLACE_TYPED)
                    .ok_or_else(|| AppError::field("base", "not_placed"))?,
            ),
        };
        st.app
            .create_team(&actor, &form.name, base)
            .await
            .map(|_| ())
    })
    .await
}

pub async fn shift_add_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Teams, ShiftForm>,
) -> Result<Response, WebError> {
    teams_action(st, f, |st, actor, form| async move {
        let mut e = heart_domain::intake::FieldErrors::default();
        let team: Option<TeamId> = form.shift_team.and_then(|t| t.parse().ok());
        if team.is_none() {
            e.add("shift_team", "required");
        }
        let date = form.shift_date.as_str();
        let start = st.app.config.local(date, &form.shift_start);
        let end = st.app.config.local(date, &form.shift_end);
        if start.is_none() {
            e.add(
                if date.trim().parse::<jiff::civil::Date>().is_err() {
                    "shift_date"
                } else {
                    "shift_start"
                },
                "invalid",
            );
        }
        if end.is_none() {
            e.add("shift_end", "invalid");
        }
        let (Some(team), Some(start), Some(mut end)) = (team, start, end) else {
            return Err(AppError::Invalid(e));
        };
        // An end before the start runs past midnight: the same clock time on the next day (right across a
        // daylight-saving change, unlike adding 24 hours).
        if end <= start {
            let next_day = date
                .trim()
                .parse::<jiff::civil::Date>()
                .ok()
                .and_then(|d| d.tomorrow().ok())
                .map(|d| d.to_string());
            end = next_day
                .and_then(|d| st.app.config.local(&d, &form.shift_end))
                .ok_or_else(|| AppError::field("shift_end", "invalid"))?;
        }
        st.app.add_shift(&actor, team, start, end).await.map(|_| ())
    })
    .await
}

pub async fn member_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Teams, MemberForm>,
) -> Result<Response, WebError> {
    teams_action(st, f, |st, actor, form| async move {
        let user = form
            .member
            .and_then(|u| u.parse().ok())
            .ok_or_else(|| AppError::field("member", "required"))?;
        let team = match form.member_team {
            None => None,
            Some(t) => Some(
                t.parse()
                    .map_err(|_| AppError::field("member_team", "unknown"))?,
            ),
        };
        st.app.set_user_team(&actor, user, team).await
    })
    .await
}

/// A new team: its name, and its base in words.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TeamForm {
    name: String,
    #[serde(deserialize_with = "form::text")]
    base: Option<String>,
}

/// A shift: a team, a date, and the local times it starts and ends (an end before the start is the next day).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ShiftForm {
    #[serde(deserialize_with = "form::text")]
    shift_team: Option<String>,
    shift_date: String,
    shift_start: String,
    shift_end: String,
}

/// A responder joins a team, or leaves theirs (no team).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct MemberForm {
    #[serde(deserialize_with = "form::text")]
    member: Option<String>,
    #[serde(deserialize_with = "form::text")]
    member_team: Option<String>,
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/requests/{id}/assign",
            post(crate::dispatch::assign_submit),
        )
        .route(
            "/requests/{id}/status",
            post(crate::dispatch::status_submit),
        )
        .route("/board", get(crate::dispatch::board_page))
        .route("/board/requests", get(crate::dispatch::board_requests))
        .route("/board/teams", get(crate::dispatch::board_teams))
        .route("/board/alerts", get(crate::dispatch::board_alerts))
        .route("/board/handovers", get(crate::dispatch::board_handovers))
        .route("/board/map", get(crate::dispatch::board_map))
        .route(
            "/teams",
            get(crate::dispatch::teams_page).post(crate::dispatch::team_add_submit),
        )
        .route("/teams/shifts", post(crate::dispatch::shift_add_submit))
        .route("/teams/members", post(crate::dispatch::member_submit))
}
