//! The signed-in pages: intake, request detail, the live board, the responder view, follow-ups.

use crate::AppState;
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::FormData;
use crate::pages::{Errors, IntakeValues, LANGUAGES, QuestionView, questions};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::care::{EncounterInput, FollowUpItem};
use heart_app::requests::{PLACE_TYPED, Recommendation, TeamNow};
use heart_app::teams::{Board, ResponderView};
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::{Command, Status, TeamStatus};
use heart_domain::ids::{AlertId, FollowUpId, RequestId, TeamId};
use heart_store::{AlertRow, EncounterRow, FollowUpRow, RequestRow, TransitionRow};
use std::collections::HashMap;

use crate::ctx::parse_id;

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Team names by id, for showing which team is on what.
#[derive(Clone, Default)]
pub struct TeamNames(HashMap<TeamId, String>);

impl TeamNames {
    fn of(teams: &[TeamNow]) -> Self {
        TeamNames(
            teams
                .iter()
                .map(|t| (t.row.id, t.row.name.clone()))
                .collect(),
        )
    }
    pub fn name(&self, id: impl std::borrow::Borrow<Option<TeamId>>) -> String {
        id.borrow()
            .and_then(|i| self.0.get(&i).cloned())
            .unwrap_or_default()
    }
    pub fn get(&self, id: impl std::borrow::Borrow<TeamId>) -> String {
        self.0.get(id.borrow()).cloned().unwrap_or_default()
    }
}

/// The encounter form's lists.
pub struct EncounterChoices {
    pub needs: Vec<&'static str>,
    pub outcomes: Vec<&'static str>,
    pub methods: Vec<&'static str>,
}

impl EncounterChoices {
    fn new() -> Self {
        EncounterChoices {
            needs: Need::ALL.iter().map(|n| n.as_str()).collect(),
            outcomes: CloseOutcome::ALL.iter().map(|o| o.as_str()).collect(),
            methods: FollowUpMethod::ALL.iter().map(|m| m.as_str()).collect(),
        }
    }
}

// ---------- intake ----------

#[derive(Template, WebTemplate)]
#[template(path = "intake.html")]
struct IntakePage {
    ctx: Ctx,
    values: IntakeValues,
    errors: Errors,
    questions: Vec<QuestionView>,
    languages: Vec<&'static str>,
}

pub async fn intake_form(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "intake").await?;
    v.require(&[Capability::Intake])?;
    Ok(IntakePage {
        questions: questions(&v.ctx, &st.app.script, &Default::default()),
        ctx: v.ctx,
        values: IntakeValues::fresh(),
        errors: Errors::default(),
        languages: LANGUAGES.to_vec(),
    }
    .into_response())
}

pub async fn intake_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "intake").await?;
    let actor = v.require(&[Capability::Intake])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let values = IntakeValues::from_form(&form);
    let channel = form.text("channel").unwrap_or_else(|| "phone".into());
    let result = match values.to_input(Some(&channel)) {
        Ok(input) => st
            .app
            .create_request_once(&actor, input, values.key())
            .await
            .map(|(r, _)| r),
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(see_other(&done(format!("/requests/{}", r.id), "intake"))),
        Err(e @ AppError::Invalid(_)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            IntakePage {
                questions: questions(&v.ctx, &st.app.script, &values.answers),
                errors: Errors(field_messages(&v.ctx, &e)),
                ctx: v.ctx,
                values,
                languages: LANGUAGES.to_vec(),
            },
        )
            .into_response()),
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

// ---------- requests ----------

#[derive(Template, WebTemplate)]
#[template(path = "requests.html")]
struct RequestsPage {
    ctx: Ctx,
    requests: Vec<RequestRow>,
    teams: TeamNames,
}

pub async fn requests_list(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.require(&[
        Capability::Intake,
        Capability::Dispatch,
        Capability::Coordinate,
    ])?;
    let requests = st
        .app
        .list_requests(&actor, false, None)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let teams = TeamNames::of(
        &st.app
            .teams_now()
            .await
            .map_err(|e| WebError::page(e, &v.ctx.lang))?,
    );
    Ok(RequestsPage {
        ctx: v.ctx,
        requests,
        teams,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "request.html")]
struct RequestPage {
    ctx: Ctx,
    r: RequestRow,
    questions: Vec<QuestionView>,
    recs: Vec<Recommendation>,
    history: Vec<TransitionRow>,
    encounters: Vec<EncounterRow>,
    follow_ups: Vec<FollowUpRow>,
    teams: TeamNames,
    errors: Errors,
    choices: EncounterChoices,
    /// Inline SVG (the request by block, or exactly for its own team).
    map: Option<String>,
    /// The neighbourhood its point is in.
    neighbourhood: Option<String>,
    /// Mutual aid asked for this person (the care record shows that aid was given, not the ledger).
    aid: Vec<heart_store::AidRow>,
    aid_purposes: &'static [&'static str],
    aid_methods: &'static [&'static str],
    /// The conversation by text (oldest first), and whether a reply can go.
    texts: Vec<heart_store::sms::SmsRow>,
    can_text: bool,
    /// Referrals to directory services, with their history.
    referrals: Vec<heart_app::referrals::TeamReferral>,
    /// When and why the person's record was erased, if it was.
    erasure: Option<(heart_domain::time::Timestamp, String)>,
}

impl RequestPage {
    fn open(&self) -> bool {
        self.r.status.is_open()
    }
    fn can_screen(&self) -> bool {
        matches!(
            self.r.status,
            Status::Received | Status::Triaged | Status::Waiting
        ) && (self.ctx.can("intake") || self.ctx.can("dispatch"))
    }
    fn can_assign(&self) -> bool {
        matches!(self.r.status, Status::Triaged | Status::Waiting) && self.ctx.can("dispatch")
    }
    fn can_close_without_team(&self) -> bool {
        matches!(self.r.status, Status::Triaged | Status::Waiting)
            && (self.ctx.can("intake") || self.ctx.can("dispatch"))
    }
    fn on_scene(&self) -> bool {
        self.r.status == Status::OnScene
    }
    fn needs_ems(&self) -> bool {
        self.r.triage.outcome == heart_domain::triage::Outcome::EmsMedical
    }
    /// Minutes from received to each later step, for response intervals.
    fn interval(&self, t: &TransitionRow) -> String {
        let first = self.history.first().map(|h| h.at).unwrap_or(t.at);
        let secs = t.at.duration_since(first).as_secs();
        let (d, h, m) = heart_domain::time::short_duration(secs);
        if d > 0 {
            format!("+{d}d {h}h {m}m")
        } else if h > 0 {
            format!("+{h}h {m}m")
        } else {
            format!("+{m}m")
        }
    }
}

async fn request_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    id: RequestId,
    errors: Errors,
) -> Result<RequestPage, AppError> {
    let r = st.app.read_request(actor, id).await?;
    let recs = if actor.caps.has(Capability::Dispatch)
        && matches!(r.status, Status::Triaged | Status::Waiting)
    {
        st.app.recommend(actor, id).await?
    } else {
        Vec::new()
    };
    let history = st.app.history(actor, id).await?;
    let encounters = st.app.encounters(actor, id).await?;
    let follow_ups = st.app.follow_ups_for(actor, id).await.unwrap_or_default();
    let aid = st.app.aid_for_request(actor, id).await?;
    let referrals = crate::referrals::for_request(st, actor, id).await?;
    let texts = st.app.store.sms().sms_for_request(id).await?;
    let erasure = st.app.erasure_of(&r).await?;
    let can_text = st.app.config.sms.provider != "none"
        && r.contact.phone.is_some()
        && (actor.caps.has(Capability::Intake) || actor.caps.has(Capability::Dispatch));
    let now = st.app.teams_now().await?;
    let teams = TeamNames::of(&now);
    let map = crate::maps::request(&st.app, &ctx, &r, actor.team, &now);
    let neighbourhood = match (r.location.withheld, r.location.lat, r.location.lon) {
        (false, Some(lat), Some(lon)) => st
            .app
            .geo()
            .neighbourhood(heart_geo::LatLon::new(lat, lon))
            .map(str::to_string),
        _ => None,
    };
    Ok(RequestPage {
        erasure,
        map,
        neighbourhood,
        questions: questions(&ctx, &st.app.script, &r.answers),
        ctx,
        r,
        recs,
        history,
        encounters,
        follow_ups,
        teams,
        errors,
        choices: EncounterChoices::new(),
        aid,
        aid_purposes: heart_app::money::PURPOSES,
        aid_methods: heart_app::money::METHODS,
        texts,
        can_text,
        referrals,
    })
}

/// `GET /requests/find?reference=12a663`: the box on the board; opens the request a reference stands for.
pub async fn find_request(
    State(st): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.require(&heart_app::requests::REQUEST_READERS)?;
    let text = q.get("reference").map(|s| s.trim()).unwrap_or("");
    let id = st
        .app
        .resolve_request(&actor, text)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other(&format!("/requests/{id}")))
}

pub async fn request_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.require(&heart_app::requests::REQUEST_READERS)?;
    // A full id, or the reference the person was given (its last six characters).
    let id: RequestId = st
        .app
        .resolve_request(&actor, &id)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let lang = v.ctx.lang.clone();
    let page = request_page_for(&st, v.ctx, &actor, id, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

/// Runs a request action from a form: on a field error the request page is shown again with the messages.
async fn request_action<F, Fut>(
    st: AppState,
    headers: HeaderMap,
    id: String,
    body: Bytes,
    caps: &[Capability],
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, RequestId, FormData) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.require(caps)?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let rid: RequestId = parse_id(&id, &v.ctx)?;
    let back_to = form.get("back").map(str::to_owned);
    let back_to = back_to.as_deref();
    match act(st.clone(), actor.clone(), rid, form).await {
        Ok(to) => Ok(see_other(&to)),
        // From the responder's screen, the responder stays there and sees what to fix.
        Err(e @ AppError::Invalid(_)) if back_to == Some("/responder") => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let (ctx, actor, view, other_alerts, teams) = responder_for(&st, &headers).await?;
            let map = responder_map(&st, &ctx, &actor, &view);
            let page = ResponderPage {
                map,
                ctx,
                view,
                other_alerts,
                teams,
                choices: EncounterChoices::new(),
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let lang = v.ctx.lang.clone();
            let page = request_page_for(&st, v.ctx, &actor, rid, errors)
                .await
                .map_err(|e| WebError::page(e, &lang))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// A page to go back to after a save, with what was saved (`?done=assigned`): the page says so in a status
/// message (see `Ctx::done_message`).
pub(crate) fn done(to: String, what: &str) -> String {
    let (path, anchor) = match to.split_once('#') {
        Some((p, a)) => (p.to_string(), format!("#{a}")),
        None => (to, String::new()),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}done={what}{anchor}")
}

fn back(form: &FormData, default: String) -> String {
    match form.get("back") {
        Some(b @ ("/board" | "/responder" | "/requests")) => b.to_string(),
        _ => default,
    }
}

pub async fn screen_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        body,
        &[Capability::Intake, Capability::Dispatch],
        |st, actor, rid, form| async move {
            st.app
                .screen(&actor, rid, form.prefixed("q_").into_iter().collect())
                .await?;
            Ok(format!("/requests/{rid}"))
        },
    )
    .await
}

pub async fn assign_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        body,
        &[Capability::Dispatch],
        |st, actor, rid, form| async move {
            let team: TeamId = form
                .text("team")
                .and_then(|t| t.parse().ok())
                .ok_or_else(|| AppError::field("team", "required"))?;
            let version = form.text("version").and_then(|v| v.parse().ok());
            st.app
                .transition(&actor, rid, Command::Assign { team }, version)
                .await?;
            Ok(done(back(&form, format!("/requests/{rid}")), "assigned"))
        },
    )
    .await
}

pub async fn status_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        body,
        &[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Respond,
        ],
        |st, actor, rid, form| async move {
            let cmd = match form.get("to") {
                Some("en_route") => Command::EnRoute,
                Some("on_scene") => Command::OnScene,
                Some("unassign") => Command::Unassign,
                Some("cancel") => Command::Cancel,
                _ => return Err(AppError::field("to", "unknown")),
            };
            let version = form.text("version").and_then(|v| v.parse().ok());
            st.app.transition(&actor, rid, cmd, version).await?;
            Ok(back(&form, format!("/requests/{rid}")))
        },
    )
    .await
}

fn encounter_from(form: &FormData) -> Result<EncounterInput, AppError> {
    let hours = match form.text("follow_up_hours") {
        None => None,
        Some(h) => Some(
            h.parse::<i64>()
                .map_err(|_| AppError::field("follow_up_hours", "invalid"))?,
        ),
    };
    Ok(EncounterInput {
        needs: form.all("needs"),
        actions: form.text("actions"),
        own_words: form.text("own_words"),
        outcome: form.text("outcome"),
        follow_up_consent: form.flag("follow_up_consent"),
        follow_up_method: form.text("follow_up_method"),
        follow_up_hours: hours,
        follow_up_safe_confirmed: form.flag("follow_up_safe_confirmed"),
    })
}

pub async fn close_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        body,
        &[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Respond,
        ],
        |st, actor, rid, form| async move {
            st.app
                .close_with_encounter(&actor, rid, encounter_from(&form)?)
                .await?;
            // "Saved and closed", and when the follow-up the person agreed to is due.
            let due = st
                .app
                .follow_ups_for(&actor, rid)
                .await
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.done_at.is_none() && f.cancelled_at.is_none())
                .map(|f| f.due_at)
                .max();
            let to = done(back(&form, format!("/requests/{rid}")), "closed");
            Ok(match due {
                Some(at) => format!("{to}&due={}", at.as_second()),
                None => to,
            })
        },
    )
    .await
}

/// The encounter form on the responder's screen posts here, so a field to fix shows at `/responder` itself.
pub async fn responder_close_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let id = FormData::parse(&body)
        .get("request")
        .unwrap_or_default()
        .to_string();
    close_submit(State(st), headers, Path(id), body).await
}

pub async fn ems_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        body,
        &[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Respond,
        ],
        |st, actor, rid, form| async move {
            st.app
                .record_ems(
                    &actor,
                    rid,
                    form.get("ems_reason").unwrap_or(""),
                    form.get("ems_consent").unwrap_or(""),
                )
                .await?;
            Ok(format!("/requests/{rid}"))
        },
    )
    .await
}

// ---------- board ----------

#[derive(Template, WebTemplate)]
#[template(path = "board.html")]
struct BoardPage {
    ctx: Ctx,
    board: Board,
    teams: TeamNames,
    map: String,
    /// The service section (open, full, closed; the acknowledgement clock), rendered.
    service: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "_board_requests.html")]
struct BoardRequests {
    ctx: Ctx,
    board: Board,
    teams: TeamNames,
}

#[derive(Template, WebTemplate)]
#[template(path = "_board_teams.html")]
struct BoardTeams {
    ctx: Ctx,
    board: Board,
}

#[derive(Template, WebTemplate)]
#[template(path = "_board_map.html")]
struct BoardMap {
    map: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "_board_alerts.html")]
struct BoardAlerts {
    ctx: Ctx,
    board: Board,
    teams: TeamNames,
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
    fn assignable(&self, r: &RequestRow) -> bool {
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

async fn board_for(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<(Ctx, Board, TeamNames), WebError> {
    let v = st.visitor(headers, "board").await?;
    let actor = v.require(&[Capability::Dispatch])?;
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
    Ok(BoardPage {
        ctx,
        board,
        teams,
        map,
        service,
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

pub async fn board_alerts(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (ctx, board, teams) = board_for(&st, &headers).await?;
    Ok(BoardAlerts { ctx, board, teams }.into_response())
}

// ---------- responder ----------

#[derive(Template, WebTemplate)]
#[template(path = "responder.html")]
struct ResponderPage {
    ctx: Ctx,
    view: ResponderView,
    other_alerts: Vec<AlertRow>,
    teams: TeamNames,
    choices: EncounterChoices,
    errors: Errors,
    map: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "_responder_panel.html")]
struct ResponderPanel {
    ctx: Ctx,
    view: ResponderView,
    other_alerts: Vec<AlertRow>,
    teams: TeamNames,
    choices: EncounterChoices,
    errors: Errors,
    map: Option<String>,
}

async fn responder_for(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<(Ctx, Actor, ResponderView, Vec<AlertRow>, TeamNames), WebError> {
    let v = st.visitor(headers, "responder").await?;
    let actor = v.require(&[Capability::Respond])?;
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
fn responder_map(st: &AppState, ctx: &Ctx, actor: &Actor, view: &ResponderView) -> Option<String> {
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

async fn team_action<F, Fut>(
    st: AppState,
    headers: HeaderMap,
    body: Bytes,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, TeamId, FormData) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    let v = st.visitor(&headers, "responder").await?;
    let actor = v.require(&[Capability::Respond])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
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
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    team_action(st, headers, body, |st, actor, team, form| async move {
        let status = form
            .get("status")
            .and_then(TeamStatus::parse)
            .ok_or_else(|| AppError::field("status", "unknown"))?;
        st.app
            .set_team_status(&actor, team, status)
            .await
            .map(|_| ())
    })
    .await
}

pub async fn check_in_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    team_action(st, headers, body, |st, actor, team, _| async move {
        st.app.check_in(&actor, team).await
    })
    .await
}

/// "Share where we are": the device's position (the responder pressed the button, which is their consent) or
/// an address, corner or place they type; used to rank teams by travel time.
pub async fn position_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    team_action(st, headers, body, |st, actor, team, form| async move {
        let (lat, lon) = match (form.number("lat"), form.number("lon")) {
            (Ok(Some(lat)), Ok(Some(lon))) => (lat, lon),
            _ => {
                let text = form.get("where").unwrap_or("").trim();
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
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "responder").await?;
    let actor = v.require(&[Capability::Respond])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let pos = match (form.number("lat"), form.number("lon")) {
        (Ok(Some(lat)), Ok(Some(lon))) => Some((lat, lon)),
        _ => None,
    };
    match st.app.need_help(&actor, pos).await {
        Ok(_) => Ok(see_other("/responder")),
        Err(e) => {
            tracing::warn!(error = %e, "a need-help alert could not be sent");
            let status = match &e {
                AppError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
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
#[template(path = "need_help_failed.html")]
struct NeedHelpFailed {
    ctx: Ctx,
    dispatch_phone: Option<String>,
}

pub async fn clear_alert_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "board").await?;
    let actor = v.require(&[Capability::Dispatch, Capability::Respond])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
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

// ---------- follow-ups ----------

#[derive(Template, WebTemplate)]
#[template(path = "follow_ups.html")]
struct FollowUpsPage {
    ctx: Ctx,
    items: Vec<FollowUpItem>,
    /// Referrals still waiting, and those answered lately (overdue first).
    referrals: Vec<(heart_app::referrals::TeamReferral, RequestRow)>,
    errors: Errors,
}

impl FollowUpsPage {
    fn due(&self) -> Vec<&FollowUpItem> {
        self.items
            .iter()
            .filter(|i| self.ctx.is_past(i.follow_up.due_at))
            .collect()
    }
    fn upcoming(&self) -> Vec<&FollowUpItem> {
        self.items
            .iter()
            .filter(|i| !self.ctx.is_past(i.follow_up.due_at))
            .collect()
    }
}

pub async fn follow_ups_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "follow-ups").await?;
    let actor = v.require(&[
        Capability::Coordinate,
        Capability::Dispatch,
        Capability::Respond,
    ])?;
    let items = st
        .app
        .follow_ups(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let referrals = st
        .app
        .referrals_to_follow(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(FollowUpsPage {
        ctx: v.ctx,
        items,
        referrals,
        errors: Errors::default(),
    }
    .into_response())
}

pub async fn follow_up_done_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "follow-ups").await?;
    let actor = v.require(&[
        Capability::Coordinate,
        Capability::Dispatch,
        Capability::Respond,
    ])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let fid: FollowUpId = parse_id(&id, &v.ctx)?;
    match st
        .app
        .complete_follow_up(&actor, fid, form.get("note").unwrap_or(""))
        .await
    {
        Ok(_) => Ok(see_other(&done("/follow-ups".into(), "follow_up"))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(
                field_messages(&v.ctx, &e)
                    .into_iter()
                    .map(|(f, m)| (format!("{f}-{fid}"), m))
                    .collect(),
            );
            let items = st
                .app
                .follow_ups(&actor)
                .await
                .map_err(|e| WebError::page(e, &v.ctx.lang))?;
            let referrals = st
                .app
                .referrals_to_follow(&actor)
                .await
                .map_err(|e| WebError::page(e, &v.ctx.lang))?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                FollowUpsPage {
                    ctx: v.ctx,
                    items,
                    referrals,
                    errors,
                },
            )
                .into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

// ---------- teams and shifts ----------

#[derive(Template, WebTemplate)]
#[template(path = "teams.html")]
struct TeamsPage {
    ctx: Ctx,
    roster: heart_app::teams::Roster,
    errors: Errors,
    today: String,
}

impl TeamsPage {
    fn can_edit(&self) -> bool {
        self.ctx.can("coordinate") || self.ctx.can("admin")
    }
    fn shift_span(&self, s: &heart_store::ShiftRow) -> String {
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

async fn teams_page_for(
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
    let actor = v.require(&[
        Capability::Coordinate,
        Capability::Admin,
        Capability::Dispatch,
    ])?;
    let lang = v.ctx.lang.clone();
    let page = teams_page_for(&st, v.ctx, &actor, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

/// Runs a form on the teams page; field errors show the page again with messages.
async fn teams_action<F, Fut>(
    st: AppState,
    headers: HeaderMap,
    body: Bytes,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, FormData) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    let v = st.visitor(&headers, "teams").await?;
    let actor = v.require(&[Capability::Coordinate, Capability::Admin])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
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
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    teams_action(st, headers, body, |st, actor, form| async move {
        // Its base, in words ("Central Square", "71 Cherry St"): where ETAs start from until it shares a position.
        let base = match form.text("base") {
            None => None,
            Some(words) => Some(
                st.app
                    .place(&words, PLACE_TYPED)
                    .ok_or_else(|| AppError::field("base", "not_placed"))?,
            ),
        };
        st.app
            .create_team(&actor, form.get("name").unwrap_or(""), base)
            .await
            .map(|_| ())
    })
    .await
}

pub async fn shift_add_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    teams_action(st, headers, body, |st, actor, form| async move {
        let mut e = heart_domain::intake::FieldErrors::default();
        let team: Option<TeamId> = form.text("shift_team").and_then(|t| t.parse().ok());
        if team.is_none() {
            e.add("shift_team", "required");
        }
        let date = form.get("shift_date").unwrap_or("");
        let start = st
            .app
            .config
            .local(date, form.get("shift_start").unwrap_or(""));
        let end = st
            .app
            .config
            .local(date, form.get("shift_end").unwrap_or(""));
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
                .and_then(|d| st.app.config.local(&d, form.get("shift_end").unwrap_or("")))
                .ok_or_else(|| AppError::field("shift_end", "invalid"))?;
        }
        st.app.add_shift(&actor, team, start, end).await.map(|_| ())
    })
    .await
}

pub async fn member_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    teams_action(st, headers, body, |st, actor, form| async move {
        let user = form
            .text("member")
            .and_then(|u| u.parse().ok())
            .ok_or_else(|| AppError::field("member", "required"))?;
        let team = match form.text("member_team") {
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
