//! The rota: four weeks of shifts with the gaps first, signing up, withdrawing and swapping, placing people and
//! setting a team's weekly pattern (coordinators), each person's calendar feed (`/rota/feed/{token}.ics`), and the
//! rota's API.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api};
use crate::ctx::{Ctx, field_messages, parse_id};
use crate::error::WebError;
use crate::form::{self, SignedForm, nav};
use crate::intake::{done, see_other};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use heart_app::rota::{Rota, RotaMove, RotaSlot};
use heart_app::{Actor, AppError};
use heart_domain::ids::{ShiftId, TeamId, UserId};
use heart_domain::intake::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Template, WebTemplate)]
#[template(path = "rota/rota.html")]
pub(crate) struct RotaPage {
    ctx: Ctx,
    rota: Rota,
    errors: Errors,
    /// A calendar link just made: shown this once.
    new_feed: Option<String>,
    /// A place that goes past the person's hours or rest: the slot and the move, to confirm.
    confirm: Option<(ShiftId, String)>,
    /// The person's own hours on the rota this week.
    my_week: Option<heart_app::rota::MyWeek>,
    reasons: &'static [&'static str],
}

/// One week of the rota, from its Monday.
pub(crate) struct Week<'a> {
    monday: String,
    slots: Vec<&'a RotaSlot>,
}

impl RotaPage {
    /// Whole hours (rounded down) of minutes.
    fn hours(&self, minutes: &i64) -> String {
        (minutes / 60).to_string()
    }
    fn free(&self, s: &RotaSlot) -> usize {
        s.free() as usize
    }
    fn count(&self, n: &i64) -> usize {
        (*n).max(0) as usize
    }
    fn when(&self, at: &jiff::Timestamp) -> String {
        self.ctx.time(*at)
    }
    fn can_keep(&self) -> bool {
        self.ctx.can("coordinate") || self.ctx.can("admin")
    }
    fn can_sign_up(&self) -> bool {
        self.ctx.can("respond") && self.rota.me.is_some()
    }
    fn span(&self, s: &RotaSlot) -> String {
        format!(
            "{} – {}",
            self.ctx.time(s.starts_at),
            self.ctx.hm(s.ends_at)
        )
    }
    fn is_mine(&self, s: &RotaSlot) -> bool {
        self.rota.me.is_some_and(|u| s.has(u))
    }
    fn my_offer(&self, s: &RotaSlot) -> bool {
        self.rota
            .me
            .is_some_and(|u| s.people.iter().any(|p| p.user_id == u && p.offered))
    }
    /// The name of whoever offered their place to take, if the person may take it.
    fn to_take(&self, s: &RotaSlot) -> Option<String> {
        let me = self.rota.me?;
        (self.can_sign_up() && self.rota.my_team == Some(s.team_id))
            .then(|| s.offered_to(me).map(|p| p.name.clone()))
            .flatten()
    }
    fn may_join(&self, s: &RotaSlot) -> bool {
        self.can_sign_up()
            && self.rota.my_team == Some(s.team_id)
            && s.free() > 0
            && !self.is_mine(s)
    }
    /// Team members a coordinator may place in the slot (not in it yet).
    fn placeable(&self, s: &RotaSlot) -> Vec<(UserId, String)> {
        self.rota
            .responders
            .iter()
            .filter(|(id, _, team)| *team == Some(s.team_id) && !s.has(*id))
            .map(|(id, name, _)| (*id, name.clone()))
            .collect()
    }
    fn weeks(&self) -> Vec<Week<'_>> {
        let mut out: Vec<Week<'_>> = Vec::new();
        for s in &self.rota.slots {
            let day = s.starts_at.to_zoned_datetime(self.ctx.tz.clone()).date();
            let monday = day
                .checked_sub(jiff::Span::new().days(day.weekday().to_monday_zero_offset()))
                .unwrap_or(day)
                .to_string();
            match out.last_mut() {
                Some(w) if w.monday == monday => w.slots.push(s),
                _ => out.push(Week {
                    monday,
                    slots: vec![s],
                }),
            }
        }
        out
    }
}

async fn page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    errors: Errors,
    new_feed: Option<String>,
) -> Result<RotaPage, AppError> {
    let rota = st.app.rota(actor).await?;
    let my_week = if ctx.can("respond") {
        st.app.my_rota_week(actor).await?
    } else {
        None
    };
    Ok(RotaPage {
        ctx,
        rota,
        errors,
        new_feed,
        confirm: None,
        my_week,
        reasons: &heart_domain::rota::PAST_LIMIT_REASONS,
    })
}

pub async fn rota_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "rota").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let page = page_for(&st, v.ctx, &actor, Errors::default(), None)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

/// A field error shows the page again with its message (a slot's error, which no one field holds, unlinked); a
/// place past the person's hours or rest asks them to confirm.
async fn again(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    e: AppError,
    confirm: Option<(ShiftId, String)>,
) -> Result<Response, WebError> {
    let lang = ctx.lang.clone();
    let AppError::Invalid(f) = e else {
        return Err(WebError::page(e, &lang));
    };
    let past =
        f.0.get("slot")
            .is_some_and(|c| c == "past_hours" || c == "past_rest");
    let confirm = confirm.filter(|_| past);
    let unlinked = AppError::Invalid(FieldErrors(
        f.0.into_iter()
            .map(|(k, v)| {
                (
                    if k == "slot" || k == "member" || k == "reason" {
                        String::new()
                    } else {
                        k
                    },
                    v,
                )
            })
            .collect(),
    ));
    let errors = Errors(field_messages(&ctx, &unlinked));
    let mut page = page_for(st, ctx, actor, errors, None)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    page.confirm = confirm;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A button on a slot: what to do (`sign_up`, `withdraw`, `offer`, `keep_place`, `take`, `place`, `remove`) and,
/// for a coordinator, whom.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct MoveForm {
    #[serde(rename = "move", deserialize_with = "form::text")]
    what: Option<String>,
    #[serde(deserialize_with = "form::text")]
    member: Option<String>,
    /// Past the person's hours or rest: they sign up anyway.
    #[serde(deserialize_with = "form::flag")]
    anyway: bool,
    /// Past someone's hours or rest: why a coordinator places them.
    #[serde(deserialize_with = "form::text")]
    reason: Option<String>,
}

pub async fn move_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Rota, MoveForm>,
) -> Result<Response, WebError> {
    let slot: ShiftId = parse_id(&id, &v.ctx)?;
    let member = || -> Result<UserId, AppError> {
        form.member
            .as_deref()
            .and_then(|m| m.parse().ok())
            .ok_or_else(|| AppError::field("member", "required"))
    };
    let m = match form.what.as_deref() {
        Some("sign_up") => Ok(RotaMove::SignUp),
        Some("withdraw") => Ok(RotaMove::Withdraw),
        Some("offer") => Ok(RotaMove::Offer),
        Some("keep_place") => Ok(RotaMove::KeepPlace),
        Some("take") => Ok(RotaMove::Take),
        Some("place") => member().map(RotaMove::Place),
        Some("remove") => member().map(RotaMove::Remove),
        _ => Err(AppError::field("move", "unknown")),
    };
    let past = heart_app::rota::PastLimits {
        anyway: form.anyway,
        reason: form.reason.clone(),
    };
    let result = match m {
        Ok(m) => st
            .app
            .rota_move_past(&actor, slot, m, &past)
            .await
            .map(|_| m),
        Err(e) => Err(e),
    };
    match result {
        Ok(m) => {
            let key = match m {
                RotaMove::SignUp => "rota_sign_up",
                RotaMove::Withdraw => "rota_withdraw",
                RotaMove::Offer => "rota_offer",
                RotaMove::KeepPlace => "rota_keep_place",
                RotaMove::Take => "rota_take",
                RotaMove::Place(_) => "rota_place",
                RotaMove::Remove(_) => "rota_remove",
            };
            Ok(see_other(&done(format!("/rota#slot-{slot}"), key)))
        }
        Err(e) => {
            let confirm = form
                .what
                .clone()
                .filter(|w| w == "sign_up" || w == "take")
                .map(|w| (slot, w));
            again(&st, v.ctx, &actor, e, confirm).await
        }
    }
}

/// A team's weekly pattern.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct PatternForm {
    #[serde(deserialize_with = "form::text")]
    pattern_team: Option<String>,
    #[serde(deserialize_with = "form::text")]
    pattern: Option<String>,
    #[serde(deserialize_with = "form::text")]
    needed: Option<String>,
}

pub async fn pattern_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Rota, PatternForm>,
) -> Result<Response, WebError> {
    let result = async {
        let team: TeamId = form
            .pattern_team
            .as_deref()
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| AppError::field("pattern_team", "required"))?;
        let needed = match form.needed.as_deref() {
            None => None,
            Some(n) => Some(
                n.parse::<i64>()
                    .map_err(|_| AppError::field("needed", "invalid"))?,
            ),
        };
        st.app
            .set_rota_pattern(&actor, team, form.pattern.as_deref(), needed)
            .await
    }
    .await;
    match result {
        Ok(_) => Ok(see_other(&done("/rota#pattern-h".into(), "rota_pattern"))),
        Err(e) => again(&st, v.ctx, &actor, e, None).await,
    }
}

/// Makes the person's calendar link (replacing any earlier one) and shows it once.
pub async fn feed_make_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    SignedForm { v, actor, .. }: SignedForm<nav::Rota, form::Nothing>,
) -> Result<Response, WebError> {
    let lang = v.ctx.lang.clone();
    let token = st
        .app
        .make_rota_feed(&actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let link = format!(
        "{}/rota/feed/{token}.ics",
        crate::money::here(&st, &headers)
    );
    let page = page_for(&st, v.ctx, &actor, Errors::default(), Some(link))
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

pub async fn feed_stop_submit(
    State(st): State<AppState>,
    SignedForm { v, actor, .. }: SignedForm<nav::Rota, form::Nothing>,
) -> Result<Response, WebError> {
    st.app
        .drop_rota_feed(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(see_other(&done("/rota#feed-h".into(), "rota_feed_stopped")))
}

/// The person's shifts as an iCalendar feed (RFC 5545) any calendar app can subscribe to: each shift a VEVENT with
/// a stable UID, times in UTC, and a SUMMARY naming the team (never a person served). 404 for an unknown or revoked
/// link.
pub async fn feed(State(st): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let slots = match st.app.rota_feed(token).await {
        Ok(s) => s,
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return WebError::Api(e).into_response(),
    };
    let body = calendar(&st.app.config.team_name, &slots, st.app.clock.now());
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response()
}

/// The calendar text: times as UTC (`20261204T150000Z`), so no time zone table is needed by the reader.
fn calendar(team_name: &str, slots: &[RotaSlot], now: jiff::Timestamp) -> String {
    use icalendar::{Calendar, Component};
    let utc = |t: jiff::Timestamp| t.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut cal = Calendar::new();
    cal.name(&format!("{team_name}: my shifts"));
    for s in slots {
        let event = icalendar::Event::new()
            .uid(&format!("{}@heart", s.id))
            .add_property("DTSTAMP", utc(now))
            .add_property("DTSTART", utc(s.starts_at))
            .add_property("DTEND", utc(s.ends_at))
            .summary(&format!("{team_name} shift: {}", s.team_name))
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

// ---------- the API ----------

/// Both days are included; `from` may equal `to`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct RotaQuery {
    /// The first day (YYYY-MM-DD, team time).
    #[serde(default)]
    from: String,
    /// The last day (YYYY-MM-DD, team time), at most 91 days after `from`.
    #[serde(default)]
    to: String,
}

/// One person's place in a slot.
#[derive(Serialize, ToSchema)]
pub(crate) struct PlaceOut {
    #[schema(value_type = String)]
    user_id: UserId,
    name: String,
    /// Offered for a swap and not taken yet.
    offered: bool,
}

/// A slot of the rota: one team's shift.
#[derive(Serialize, ToSchema)]
pub(crate) struct SlotOut {
    #[schema(value_type = String)]
    id: ShiftId,
    #[schema(value_type = String)]
    team_id: TeamId,
    /// RFC 3339, UTC.
    start: String,
    end: String,
    /// How many people it needs.
    needed: i64,
    people: Vec<PlaceOut>,
}

impl From<&RotaSlot> for SlotOut {
    fn from(s: &RotaSlot) -> Self {
        SlotOut {
            id: s.id,
            team_id: s.team_id,
            start: s.starts_at.to_string(),
            end: s.ends_at.to_string(),
            needed: s.needed,
            people: s
                .people
                .iter()
                .map(|p| PlaceOut {
                    user_id: p.user_id,
                    name: p.name.clone(),
                    offered: p.offered,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RotaOut {
    slots: Vec<SlotOut>,
}

#[utoipa::path(get, path = "/api/v1/rota", tag = "rota", params(RotaQuery),
    description = "The rota's slots (shifts) that overlap the days from `from` to `to`, both included (team time), earliest first, with the people in each. For a token with `dispatch` or `coordinate`, or any person's own token.",
    responses((status = 200, description = "The slots", body = RotaOut), (status = 400, description = "Malformed query", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token may not read the rota", body = ErrorBody),
        (status = 422, description = "A day is missing or not a date, or `to` is before `from` or more than 91 days after it", body = ErrorBody)))]
pub(crate) async fn api_rota(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    q: Result<Query<RotaQuery>, QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let slots = api(st
        .app
        .rota_between(&actor, Some(&q.from), Some(&q.to))
        .await)?;
    Ok(Json(RotaOut {
        slots: slots.iter().map(SlotOut::from).collect(),
    })
    .into_response())
}

async fn api_move(
    st: AppState,
    actor: Actor,
    id: String,
    m: RotaMove,
    anyway: bool,
) -> Result<Response, WebError> {
    let slot: ShiftId = id.parse().map_err(|_| WebError::Api(AppError::NotFound))?;
    let past = heart_app::rota::PastLimits {
        anyway,
        reason: None,
    };
    let s = api(st.app.rota_move_past(&actor, slot, m, &past).await)?;
    Ok(Json(SlotOut::from(&s)).into_response())
}

/// Signing up past the team's hours or rest.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub(crate) struct SignUpQuery {
    /// `true`: sign up even though the place goes past the person's hours in the week (`week_hours`) or leaves less
    /// rest than `rest_hours` between two shifts; the coordinators are told.
    #[serde(default)]
    anyway: bool,
}

#[utoipa::path(post, path = "/api/v1/rota/slots/{id}/signup", tag = "rota", params(("id" = String, Path, description = "The slot's id (UUID v7)"), SignUpQuery),
    description = "Signs the token's person up for a slot of their team. The token must be made for a person who holds `respond`. A place that takes the person past the team's hours in a week or leaves them less rest than it set between two shifts is refused (`past_hours`, `past_rest`) unless `anyway=true`; then the coordinators are told.",
    responses((status = 200, description = "Signed up: the slot now", body = SlotOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The person does not hold respond", body = ErrorBody), (status = 404, description = "No such slot", body = ErrorBody),
        (status = 409, description = "A token that acts for no person (people-only), or the slot kept changing meanwhile", body = ErrorBody), (status = 422, description = "`slot`: full, past (it has ended), already (signed up), not_member (another team's slot), past_hours (past the hours a week), past_rest (too little rest between two shifts)", body = ErrorBody)))]
pub(crate) async fn api_sign_up(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    q: Result<Query<SignUpQuery>, QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    api_move(st, actor, id, RotaMove::SignUp, q.anyway).await
}

#[utoipa::path(post, path = "/api/v1/rota/slots/{id}/withdraw", tag = "rota", params(("id" = String, Path, description = "The slot's id (UUID v7)")),
    description = "Takes the token's person off a slot. The token must be made for a person who holds `respond`.",
    responses((status = 200, description = "Withdrawn: the slot now", body = SlotOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The person does not hold respond", body = ErrorBody), (status = 404, description = "No such slot", body = ErrorBody),
        (status = 409, description = "A token that acts for no person (people-only), or the slot kept changing meanwhile", body = ErrorBody), (status = 422, description = "`slot`: past (it has ended), not_signed_up", body = ErrorBody)))]
pub(crate) async fn api_withdraw(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    api_move(st, actor, id, RotaMove::Withdraw, false).await
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/rota", get(api_rota))
        .route("/rota/slots/{id}/signup", post(api_sign_up))
        .route("/rota/slots/{id}/withdraw", post(api_withdraw))
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/rota", get(rota_page))
        .route("/rota/slots/{id}", post(move_submit))
        .route("/rota/pattern", post(pattern_submit))
        .route("/rota/feed", post(feed_make_submit))
        .route("/rota/feed/stop", post(feed_stop_submit))
        .route("/rota/feed/{file}", get(feed))
}
