//! Outreach: the tally page (`/responder/outreach`, inside the responder's service worker scope, so a walk
//! recorded with no signal is kept on the phone and sent later), the outreach page (`/outreach`: what the walks
//! counted week by week, and the walks), and the API (`/api/v1/outreach`).

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
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::outreach::{OutreachSummary, Recorded, Walk, Walker};
use heart_domain::outreach::{OutreachInput, Tallies};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// A walk or an event as the API gives it back.
#[derive(Serialize, ToSchema)]
pub(crate) struct WalkOut {
    id: String,
    /// walk or event.
    kind: String,
    /// A block or a named place, never finer.
    place: String,
    neighbourhood: Option<String>,
    started_at: String,
    ended_at: String,
    /// The usernames of the people who went.
    people: Vec<String>,
    people_reached: i64,
    conversations: i64,
    items: BTreeMap<String, i64>,
    naloxone_given: i64,
    naloxone_used: i64,
    referrals: i64,
    asked_for_team: i64,
    /// How many returning-person codes it holds (the codes themselves are never given back).
    codes: i64,
    /// The requests it opened (someone asked for a team).
    requests: Vec<String>,
}

impl WalkOut {
    fn new(r: &Recorded) -> Self {
        let w = &r.walk;
        WalkOut {
            id: w.id.to_string(),
            kind: w.kind.clone(),
            place: w.place.clone(),
            neighbourhood: w.neighbourhood.clone(),
            started_at: w.started_at.to_string(),
            ended_at: w.ended_at.to_string(),
            people: w.people.clone(),
            people_reached: w.people_reached,
            conversations: w.conversations,
            items: w.items.clone(),
            naloxone_given: w.naloxone_given,
            naloxone_used: w.naloxone_used,
            referrals: w.referrals,
            asked_for_team: w.asked_for_team,
            codes: w.codes,
            requests: r.requests.iter().map(ToString::to_string).collect(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/outreach", tag = "outreach", request_body = OutreachInput,
    description = "Records an outreach walk or event, at its end or later (up to a year back): where (a block or a named place the map knows; a street address is kept as its block), when, who went (`team_id`, its members, and/or `people`, usernames; a walk needs two), and the tallies. Each of `tallies.asked_for_team` opens a request in the usual queue, linked to the walk. `codes`: returning-person codes, the pieces each person chose to give as typed; only a keyed hash is kept, so a person met again counts once and nobody can read a code back. For a token with respond or coordinate.",
    responses((status = 201, description = "Recorded", body = WalkOut), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds neither respond nor coordinate", body = ErrorBody),
        (status = 422, description = "A field needs attention: `place` (required, not_placed), `started_at`/`ended_at` (required, invalid, before_start, too_long over 24 hours, in_future, out_of_range over a year back), `kind` (unknown), `people` (required, too_few for a walk, out_of_range over 50), `people.N` or `team_id` (unknown), `tallies.*` (out_of_range: 0 to 10,000; asked_for_team 0 to 20), `tallies.naloxone_used` (more_than_given), `tallies.items.KIND` (unknown, out_of_range), `codes.N` (invalid: 3 to 100 letters and digits), `codes` (out_of_range: over 2,000)", body = ErrorBody)))]
pub(crate) async fn api_record(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<OutreachInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let r = api(st.app.record_outreach(&actor, input, None).await)?
        .ok_or(WebError::Api(AppError::Internal("not recorded".into())))?;
    Ok((StatusCode::CREATED, Json(WalkOut::new(&r))).into_response())
}

/// A period of whole days in the team's time zone.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub(crate) struct OutreachQuery {
    /// YYYY-MM-DD (default: the first day of the month eleven months back).
    from: Option<String>,
    /// YYYY-MM-DD (default: today).
    to: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/outreach", tag = "outreach", params(OutreachQuery),
    description = "What the walks of a period counted, week by week (each week named by its Monday, in the team's time zone; the first and last cut to the period) and over the whole period. `unique_people`: distinct returning-person codes, per week and over the whole period (a person met in two weeks counts once in `total`). Counts only. For a token with respond or coordinate.",
    responses((status = 200, description = "The weeks and the total", body = OutreachSummary), (status = 400, description = "Malformed query", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds neither respond nor coordinate", body = ErrorBody),
        (status = 422, description = "`from`/`to`: invalid_date (not YYYY-MM-DD), after_to, period_too_long (over five years)", body = ErrorBody)))]
pub(crate) async fn api_summary(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    q: Result<Query<OutreachQuery>, QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let run = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        st.app.outreach_summary(&actor, period).await
    };
    Ok(Json(run.await.map_err(WebError::Api)?).into_response())
}

/// A walk as the outreach page lists it.
pub(crate) struct WalkLine {
    pub(crate) when: String,
    pub(crate) walk: Walk,
}

#[derive(Template, WebTemplate)]
#[template(path = "outreach/outreach.html")]
struct OutreachPage {
    ctx: Ctx,
    from: String,
    to: String,
    summary: OutreachSummary,
    walks: Vec<WalkLine>,
    errors: Errors,
}

impl OutreachPage {
    fn items(&self, items: &BTreeMap<String, i64>) -> String {
        items
            .iter()
            .map(|(k, n)| format!("{} {n}", self.ctx.t(&format!("supply-{k}"))))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `/outreach`: the weeks of a period (the last twelve months unless chosen) and the walks in it.
pub async fn outreach_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<OutreachQuery>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "outreach").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let period = match st.app.impact_period(q.from.as_deref(), q.to.as_deref()) {
        Ok(p) => p,
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let p = st
                .app
                .impact_period(None, None)
                .map_err(|e| WebError::page(e, &lang))?;
            return page(
                &st,
                v.ctx,
                &actor,
                p,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => return Err(WebError::page(e, &lang)),
    };
    page(
        &st,
        v.ctx,
        &actor,
        period,
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

async fn page(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    period: heart_domain::impact::Period,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let err = |e| WebError::page(e, &ctx.lang);
    let summary = st.app.outreach_summary(actor, period).await.map_err(err)?;
    let tz = st.app.config.tz();
    let walks = st
        .app
        .walks(actor, period)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?
        .into_iter()
        .map(|w| WalkLine {
            when: format!(
                "{} – {}",
                w.started_at
                    .to_zoned_datetime(tz.clone())
                    .strftime("%Y-%m-%d %H:%M"),
                w.ended_at.to_zoned_datetime(tz.clone()).strftime("%H:%M")
            ),
            walk: w,
        })
        .collect();
    let page = OutreachPage {
        from: period.from.to_string(),
        to: period.to.to_string(),
        summary,
        walks,
        errors,
        ctx,
    };
    Ok((status, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "responder/outreach.html")]
struct TallyPage {
    ctx: Ctx,
    form: TallyForm,
    kinds: Vec<String>,
    walkers: Vec<Walker>,
    errors: Errors,
}

impl TallyPage {
    fn went(&self, w: &Walker) -> bool {
        if self.form.sent {
            self.form.people.contains(&w.username)
        } else {
            w.me
        }
    }
    fn given(&self, kind: &str) -> String {
        self.form
            .item_kind
            .iter()
            .position(|k| k == kind)
            .and_then(|i| self.form.item_n.get(i).cloned())
            .unwrap_or_else(|| "0".into())
    }
    fn count(&self, name: &str) -> String {
        let v = match name {
            "people_reached" => &self.form.people_reached,
            "conversations" => &self.form.conversations,
            "naloxone_given" => &self.form.naloxone_given,
            "naloxone_used" => &self.form.naloxone_used,
            "referrals" => &self.form.referrals,
            _ => &self.form.asked_for_team,
        };
        v.clone().unwrap_or_else(|| "0".into())
    }
}

/// The tally form: the walk's place and times (local, from the phone's `datetime-local`), who went, each count,
/// each item given (`item_kind` and `item_n` in pairs) and the codes, one a line.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TallyForm {
    #[serde(deserialize_with = "form::text")]
    kind: Option<String>,
    #[serde(deserialize_with = "form::text")]
    place: Option<String>,
    #[serde(deserialize_with = "form::text")]
    started_at: Option<String>,
    #[serde(deserialize_with = "form::text")]
    ended_at: Option<String>,
    people: Vec<String>,
    #[serde(deserialize_with = "form::text")]
    people_reached: Option<String>,
    #[serde(deserialize_with = "form::text")]
    conversations: Option<String>,
    #[serde(deserialize_with = "form::text")]
    naloxone_given: Option<String>,
    #[serde(deserialize_with = "form::text")]
    naloxone_used: Option<String>,
    #[serde(deserialize_with = "form::text")]
    referrals: Option<String>,
    #[serde(deserialize_with = "form::text")]
    asked_for_team: Option<String>,
    item_kind: Vec<String>,
    item_n: Vec<String>,
    codes: String,
    /// Set when the form came back from the server (not the blank form).
    #[serde(skip)]
    sent: bool,
}

impl TallyForm {
    /// The API's input: local times made instants in the team's time zone; a count that is not a whole number is
    /// a field error.
    fn input(&self, tz: &jiff::tz::TimeZone) -> Result<OutreachInput, AppError> {
        let mut e = heart_domain::intake::FieldErrors::default();
        let mut n = |field: &str, v: &Option<String>| -> i64 {
            match v.as_deref() {
                None => 0,
                Some(s) => s.parse::<i64>().unwrap_or_else(|_| {
                    e.add(&format!("tallies.{field}"), "invalid");
                    0
                }),
            }
        };
        let mut t = Tallies {
            people_reached: n("people_reached", &self.people_reached),
            conversations: n("conversations", &self.conversations),
            naloxone_given: n("naloxone_given", &self.naloxone_given),
            naloxone_used: n("naloxone_used", &self.naloxone_used),
            referrals: n("referrals", &self.referrals),
            asked_for_team: n("asked_for_team", &self.asked_for_team),
            items: BTreeMap::new(),
        };
        for (kind, given) in self.item_kind.iter().zip(&self.item_n) {
            let v = heart_domain::text::clean(Some(given));
            let given = n(&format!("items.{kind}"), &v);
            if given != 0 {
                t.items.insert(kind.clone(), given);
            }
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let local = |v: &Option<String>| {
            v.as_deref().map(|s| {
                s.parse::<jiff::civil::DateTime>()
                    .ok()
                    .and_then(|d| d.to_zoned_datetime(tz.clone()).ok())
                    .map(|z| z.timestamp().to_string())
                    .unwrap_or_else(|| s.to_string())
            })
        };
        Ok(OutreachInput {
            kind: self.kind.clone(),
            place: self.place.clone(),
            started_at: local(&self.started_at),
            ended_at: local(&self.ended_at),
            team_id: None,
            people: self.people.clone(),
            tallies: t,
            codes: self
                .codes
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
        })
    }
}

/// `/responder/outreach`: the tally page, the walk's times set to the last two hours.
pub async fn tally_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "outreach").await?;
    let actor = v.signed_in()?;
    let now = st.app.clock.now().to_zoned_datetime(st.app.config.tz());
    let fmt = |z: &jiff::ZonedDateTime| z.strftime("%Y-%m-%dT%H:%M").to_string();
    let form = TallyForm {
        started_at: Some(fmt(&(now
            .checked_sub(jiff::Span::new().hours(2))
            .unwrap_or(now.clone())))),
        ended_at: Some(fmt(&now)),
        ..TallyForm::default()
    };
    tally(&st, v.ctx, &actor, form, Errors::default(), StatusCode::OK).await
}

async fn tally(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    form: TallyForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let walkers = st
        .app
        .walkers(actor)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?;
    let page = TallyPage {
        kinds: st.app.item_kinds().to_vec(),
        walkers,
        form,
        errors,
        ctx,
    };
    Ok((status, page).into_response())
}

pub async fn tally_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Outreach, TallyForm>,
) -> Result<Response, WebError> {
    let SignedForm {
        v,
        actor,
        mut form,
        device,
        ..
    } = f;
    form.sent = true;
    let tz = st.app.config.tz();
    let recorded = match form.input(&tz) {
        Ok(input) => st.app.record_outreach(&actor, input, device.as_ref()).await,
        Err(e) => Err(e),
    };
    match recorded {
        Ok(_) => Ok(see_other(&done("/outreach".into(), "outreach"))),
        Err(AppError::Invalid(f)) => {
            let mut on_page = heart_domain::intake::FieldErrors::default();
            for (field, code) in f.0 {
                on_page.add(&tally_field(&field), &code);
            }
            let errors = Errors(field_messages(&v.ctx, &AppError::Invalid(on_page)));
            tally(
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

/// The input on the tally page a field error points at.
fn tally_field(field: &str) -> String {
    let f = field.strip_prefix("tallies.").unwrap_or(field);
    let f = f.replace("items.", "item-");
    if f.starts_with("people.") {
        return "people".into();
    }
    if f.starts_with("codes.") {
        return "codes".into();
    }
    f
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/outreach", get(outreach_page))
        .route("/responder/outreach", get(tally_page).post(tally_submit))
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new().route("/outreach", get(api_summary).post(api_record))
}
