//! Intake: a call-taker's form, the list of requests, one request's page (its record, screening, actions), and
//! what the request forms share (team names, the encounter form's lists, going back after a save).

use crate::AppState;
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::{FromForm, SignedForm, nav};
use crate::pages::{Errors, IntakeValues, LANGUAGES, QuestionView, questions};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::care::Encounter;
use heart_app::care::FollowUp;
use heart_app::dispatch::Transition;
use heart_app::dispatch::{Recommendation, TeamNow};
use heart_app::doing::Doing;
use heart_app::intake::Request;
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::Status;
use heart_domain::ids::{RequestId, TeamId};
use std::collections::HashMap;

use crate::ctx::parse_id;
use crate::responder::*;

mod correct;

pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Team names by id, for showing which team is on what.
#[derive(Clone, Default)]
pub struct TeamNames(HashMap<TeamId, String>);

impl TeamNames {
    pub(crate) fn of(teams: &[TeamNow]) -> Self {
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
    pub(crate) fn new() -> Self {
        EncounterChoices {
            needs: Need::ALL.iter().map(|n| n.as_str()).collect(),
            outcomes: CloseOutcome::ALL.iter().map(|o| o.as_str()).collect(),
            methods: FollowUpMethod::ALL.iter().map(|m| m.as_str()).collect(),
        }
    }
}

// ---------- intake ----------

#[derive(Template, WebTemplate)]
#[template(path = "intake/intake.html")]
pub(crate) struct IntakePage {
    pub(crate) ctx: Ctx,
    pub(crate) values: IntakeValues,
    pub(crate) errors: Errors,
    pub(crate) questions: Vec<QuestionView>,
    pub(crate) languages: Vec<&'static str>,
}

pub async fn intake_form(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "intake").await?;
    v.may(&st.app, Doing::TakeRequests)?;
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
    SignedForm {
        v,
        actor,
        form: values,
        ..
    }: SignedForm<nav::Intake, IntakeValues>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::TakeRequests)?;
    let channel = values.channel.clone().unwrap_or_else(|| "phone".into());
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
#[template(path = "intake/requests.html")]
pub(crate) struct RequestsPage {
    pub(crate) ctx: Ctx,
    pub(crate) found: heart_app::intake::history::RequestPage,
    pub(crate) teams: TeamNames,
    /// Every team, for the filter (id, name).
    pub(crate) team_list: Vec<(String, String)>,
    /// The filters as asked (the form shows them again).
    pub(crate) q: Filters,
    /// The words searched for, when the search was by words (never in the address).
    pub(crate) words: Option<String>,
    pub(crate) errors: Errors,
}

/// The request list's filters, as the form and the address carry them (never the words).
#[derive(serde::Deserialize, serde::Serialize, Default, Clone)]
#[serde(default)]
pub(crate) struct Filters {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) from: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) to: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) outcome: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) channel: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) team_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) need: String,
    #[serde(skip_serializing)]
    pub(crate) page: String,
}

/// The words form: the filters, the words and the page.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct WordsForm {
    #[serde(flatten)]
    filters: Filters,
    words: String,
}

impl Filters {
    fn search(
        &self,
        words: Option<String>,
    ) -> Result<heart_app::intake::history::RequestSearch, AppError> {
        let opt = |s: &String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(heart_app::intake::history::RequestSearch {
            from: opt(&self.from),
            to: opt(&self.to),
            status: opt(&self.status),
            outcome: opt(&self.outcome),
            channel: opt(&self.channel),
            team_id: opt(&self.team_id),
            need: opt(&self.need),
            page: match opt(&self.page) {
                None => None,
                Some(p) => Some(p.parse().map_err(|_| AppError::field("page", "invalid"))?),
            },
            per_page: None,
            words,
        })
    }
}

impl RequestsPage {
    /// The address of another page of the same search (no words: those go by form).
    fn page_link(&self, page: i64) -> String {
        let q = serde_html_form::to_string(&self.q).unwrap_or_default();
        let sep = if q.is_empty() { "" } else { "&" };
        format!("/requests?{q}{sep}page={page}")
    }
    /// The filters as hidden fields of a form.
    fn hidden(&self) -> Vec<(&'static str, String)> {
        let q = &self.q;
        vec![
            ("from", q.from.clone()),
            ("to", q.to.clone()),
            ("status", q.status.clone()),
            ("outcome", q.outcome.clone()),
            ("channel", q.channel.clone()),
            ("team_id", q.team_id.clone()),
            ("need", q.need.clone()),
        ]
    }
    /// "2 / 7".
    fn page_of(&self) -> String {
        format!("{} / {}", self.found.page, self.found.pages())
    }
    /// The newer and the older page, where there are such.
    fn page_moves(&self) -> Vec<(&'static str, i64)> {
        let (p, last) = (self.found.page, self.found.pages());
        [("requests-newer", p - 1), ("requests-older", p + 1)]
            .into_iter()
            .filter(|(_, n)| (1..=last).contains(n))
            .collect()
    }
    fn statuses(&self) -> Vec<&'static str> {
        heart_domain::dispatch::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect()
    }
    fn outcomes(&self) -> Vec<&'static str> {
        CloseOutcome::ALL.iter().map(|o| o.as_str()).collect()
    }
    fn channels(&self) -> Vec<&'static str> {
        heart_domain::intake::Channel::ALL
            .iter()
            .map(|c| c.as_str())
            .collect()
    }
    fn needs(&self) -> Vec<&'static str> {
        Need::ALL.iter().map(|n| n.as_str()).collect()
    }
}

async fn requests_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    q: Filters,
    words: Option<String>,
) -> Result<Response, WebError> {
    let lang = ctx.lang.clone();
    let page = |e| WebError::page(e, &lang);
    let now = st.app.teams_now().await.map_err(page)?;
    let teams = TeamNames::of(&now);
    let team_list = now
        .iter()
        .map(|t| (t.row.id.to_string(), t.row.name.clone()))
        .collect();
    let searched = match q.search(words.clone()) {
        Ok(s) => st.app.search_requests(actor, s).await,
        Err(e) => Err(e),
    };
    let (found, errors, status) = match searched {
        Ok(found) => (found, Errors::default(), StatusCode::OK),
        Err(e @ AppError::Invalid(_)) => (
            heart_app::intake::history::RequestPage {
                requests: Vec::new(),
                total: 0,
                page: 1,
                per_page: heart_app::intake::history::PER_PAGE_DEFAULT,
            },
            Errors(field_messages(&ctx, &e)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(page(e)),
    };
    Ok((
        status,
        RequestsPage {
            ctx,
            found,
            teams,
            team_list,
            q,
            words,
            errors,
        },
    )
        .into_response())
}

/// `/requests`: past requests by filter and page (the filters in the address, never words).
pub async fn requests_list(
    State(st): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<Filters>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.signed_in()?;
    requests_page_for(&st, v.ctx, &actor, q, None).await
}

/// A search by words: sent in the body, so the words stay out of addresses and logs.
pub async fn requests_search(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Requests, WordsForm>,
) -> Result<Response, WebError> {
    let words = Some(form.words.trim().to_string()).filter(|w| !w.is_empty());
    requests_page_for(&st, v.ctx, &actor, form.filters, words).await
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/request.html")]
pub(crate) struct RequestPage {
    pub(crate) ctx: Ctx,
    pub(crate) r: Request,
    pub(crate) questions: Vec<QuestionView>,
    pub(crate) recs: Vec<Recommendation>,
    /// The training this kind of request needs (its screening rule names it), if any.
    pub(crate) training: Option<String>,
    pub(crate) history: Vec<Transition>,
    /// What responders' phones sent after a time with no signal: the phone's time and the time received.
    pub(crate) device_sends: Vec<heart_app::offline::DeviceSend>,
    /// Corrections and screenings done again (what changed, never the values).
    pub(crate) changes: Vec<heart_app::intake::Change>,
    /// Whether now is a safe time to contact the person.
    pub(crate) safe: heart_app::intake::SafeNow,
    pub(crate) encounters: Vec<Encounter>,
    pub(crate) follow_ups: Vec<FollowUp>,
    /// The timeline: notes, tries to reach the person, handovers (newest first).
    pub(crate) notes: Vec<heart_app::care::notes::Note>,
    pub(crate) teams: TeamNames,
    pub(crate) errors: Errors,
    pub(crate) choices: EncounterChoices,
    /// Inline SVG (the request by block, or exactly for its own team).
    pub(crate) map: Option<String>,
    /// The neighbourhood its point is in.
    pub(crate) neighbourhood: Option<String>,
    /// Mutual aid asked for this person (the care record shows that aid was given, not the ledger).
    pub(crate) aid: Vec<heart_app::money::Aid>,
    pub(crate) aid_purposes: &'static [&'static str],
    pub(crate) aid_methods: &'static [&'static str],
    /// The conversation by text (oldest first), and whether a reply can go.
    pub(crate) texts: Vec<heart_app::sms::Text>,
    pub(crate) can_text: bool,
    /// Referrals to directory services, with their history.
    pub(crate) referrals: Vec<heart_app::referrals::TeamReferral>,
    /// When and why the person's record was erased, if it was.
    pub(crate) erasure: Option<(heart_domain::time::Timestamp, String)>,
}

impl RequestPage {
    /// What the recommendations say of the training the request needs: which teams have it, or that none does.
    fn training_note(&self) -> Option<String> {
        let t = self.training.as_deref()?;
        let name = self.ctx.t(&format!("training-kind-{t}"));
        Some(if self.recs.iter().any(|r| r.has_training == Some(true)) {
            self.ctx.t1("assign-training", "training", &name)
        } else {
            self.ctx.t1("assign-training-none", "training", &name)
        })
    }

    fn note_kinds(&self) -> [&'static str; 3] {
        heart_domain::care::NoteKind::ALL.map(|k| k.as_str())
    }
    fn call_results(&self) -> [&'static str; 4] {
        heart_domain::care::CallResult::ALL.map(|c| c.as_str())
    }
    fn open(&self) -> bool {
        self.r.status.is_open()
    }
    fn can_screen(&self) -> bool {
        matches!(
            self.r.status,
            Status::Received | Status::Triaged | Status::Waiting
        ) && (self.ctx.can("intake") || self.ctx.can("dispatch"))
    }
    /// A change in words: which fields were corrected, or the two outcomes of a screening done again.
    fn change_words(&self, c: &heart_app::intake::Change) -> String {
        match c.kind {
            "screened_again" => self.ctx.t_args2(
                "change-screened-again",
                "from",
                &self
                    .ctx
                    .tv("outcome", c.what.first().map(String::as_str).unwrap_or("")),
                "to",
                &self
                    .ctx
                    .tv("outcome", c.what.get(1).map(String::as_str).unwrap_or("")),
            ),
            _ => {
                let fields: Vec<String> = c
                    .what
                    .iter()
                    .map(|f| self.ctx.tv("corrected-field", f))
                    .collect();
                self.ctx
                    .t1("change-corrected", "fields", &fields.join(", "))
            }
        }
    }
    fn can_correct(&self) -> bool {
        self.r.sealed.is_open()
            && (self.ctx.can("intake") || self.ctx.can("dispatch") || self.ctx.can("coordinate"))
    }
    /// A coordinator or a facilitator may open a circle that grows from this request.
    fn can_open_circle(&self) -> bool {
        self.ctx.can("coordinate") || self.ctx.can("circle")
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
    fn interval(&self, t: &Transition) -> String {
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

pub(crate) async fn request_page_for(
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
    let device_sends = st.app.device_sends(actor, id).await?;
    let changes = st.app.request_changes(actor, id).await?;
    let encounters = st.app.encounters(actor, id).await?;
    let follow_ups = st.app.follow_ups_for(actor, id).await.unwrap_or_default();
    let notes = st.app.notes(actor, id).await?;
    let aid = st.app.aid_for_request(actor, id).await?;
    let referrals = crate::referrals::for_request(st, actor, id).await?;
    let texts = st.app.sms_conversation(actor, id).await?;
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
            .and_then(|g| g.neighbourhood(heart_geo::LatLon::new(lat, lon)))
            .map(str::to_string),
        _ => None,
    };
    Ok(RequestPage {
        training: st.app.training_needed(&r.triage.rule).map(String::from),
        safe: st.app.safe_now(&r.safe_contact),
        erasure,
        map,
        neighbourhood,
        questions: questions(&ctx, &st.app.script, &r.answers),
        ctx,
        r,
        recs,
        history,
        device_sends,
        changes,
        encounters,
        follow_ups,
        notes,
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
    let actor = v.signed_in()?;
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
    let actor = v.signed_in()?;
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
/// A form about one request: the closure acts and says where to go next; a field to fix re-renders the page the
/// form was on (the request's, or the responder's screen) with the message beside it.
pub(crate) async fn request_action<T: FromForm, F, Fut>(
    st: AppState,
    headers: HeaderMap,
    id: String,
    SignedForm {
        v,
        actor,
        form,
        back,
        ..
    }: SignedForm<nav::Requests, T>,
    doing: Doing,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, RequestId, T, Back) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    v.may(&st.app, doing)?;
    let rid: RequestId = parse_id(&id, &v.ctx)?;
    let back_to = back.clone();
    let back_to = back_to.as_deref();
    match act(st.clone(), actor.clone(), rid, form, Back(back)).await {
        Ok(to) => Ok(see_other(&to)),
        // From the responder's screen, the responder stays there and sees what to fix.
        Err(e @ AppError::Invalid(_)) if back_to == Some("/responder") => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let (ctx, actor, view, other_alerts, teams) = responder_for(&st, &headers).await?;
            let map = responder_map(&st, &ctx, &actor, &view);
            let page = ResponderPage {
                dispatch_phone: st.app.config.dispatch_phone.clone(),
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

/// The screening form: its answers, `q_<question>=<answer>`.
#[derive(serde::Deserialize)]
pub(crate) struct Screening {
    #[serde(flatten, deserialize_with = "crate::form::answers")]
    answers: std::collections::BTreeMap<String, String>,
}

/// Where a form about a request was sent from (its `back` field).
pub(crate) struct Back(Option<String>);

impl Back {
    /// Back to the board, the responder's screen or the list of requests; anywhere else, `default`.
    pub(crate) fn or(&self, default: String) -> String {
        match self.0.as_deref() {
            Some(b @ ("/board" | "/responder" | "/requests")) => b.to_string(),
            _ => default,
        }
    }
}

pub async fn screen_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: SignedForm<nav::Requests, Screening>,
) -> Result<Response, WebError> {
    request_action(
        st,
        headers,
        id,
        f,
        Doing::Screen,
        |st, actor, rid, form, _| async move {
            st.app.screen(&actor, rid, form.answers).await?;
            Ok(format!("/requests/{rid}"))
        },
    )
    .await
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/intake",
            get(crate::intake::intake_form).post(crate::intake::intake_submit),
        )
        .route("/requests", get(crate::intake::requests_list))
        .route("/requests/search", post(crate::intake::requests_search))
        .route("/requests/find", get(crate::intake::find_request))
        .route("/requests/{id}", get(crate::intake::request_page))
        .route("/requests/{id}/screen", post(crate::intake::screen_submit))
        .route(
            "/requests/{id}/correct",
            get(correct::correct_form).post(correct::correct_submit),
        )
}
