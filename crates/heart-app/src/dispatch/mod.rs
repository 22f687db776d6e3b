//! A request moving along: screening, EMS as a recorded exception, status changes by the dispatch state machine
//! (with their effects: callbacks, texts, follow-ups), and the teams recommended for it.

use crate::intake::*;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::{Command, Status, TeamStatus, decide, distance_km, team_status_after};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{RequestId, TeamId, UserId};
use heart_domain::text::Words;
use heart_domain::triage::{Outcome, evaluate_for};
use heart_store::{ChangeSet, Op, RequestRow, TeamRow, TransitionRow};
use heart_store::{DispatchOp, RequestOp};
use std::collections::{BTreeMap, HashMap};

mod teams;
pub use teams::{Board, ResponderView, Roster, RosterTeam};

crate::view! {
    /// A team as the pages and the API show it.
    Team from heart_store::TeamRow {
        id: heart_domain::ids::TeamId,
        name: String,
        status: heart_domain::dispatch::TeamStatus,
        status_at: heart_domain::time::Timestamp,
        /// Where the team last said it was (or its base, until it says), and when it said so.
        lat: Option<f64>,
        lon: Option<f64>,
        position_at: Option<heart_domain::time::Timestamp>,
        /// Where it starts from (set when the team is made).
        base_lat: Option<f64>,
        base_lon: Option<f64>,
        /// The last time the team said it is OK (status change or check-in) while on scene.
        checkin_at: Option<heart_domain::time::Timestamp>,
        version: i64,
    }
}

impl Team {
    /// Where the team is best thought to be at `now` (see [`heart_domain::dispatch::whereabouts`]).
    pub fn whereabouts(
        &self,
        now: heart_domain::time::Timestamp,
        fresh: std::time::Duration,
    ) -> Option<(f64, f64)> {
        heart_domain::dispatch::whereabouts(
            self.lat.zip(self.lon),
            self.position_at,
            self.base_lat.zip(self.base_lon),
            now,
            fresh,
        )
    }
}

crate::view! {
    /// One step of a request's history.
    Transition from heart_store::TransitionRow {
        request_id: heart_domain::ids::RequestId,
        from: Option<heart_domain::dispatch::Status>,
        to: heart_domain::dispatch::Status,
        team_id: Option<heart_domain::ids::TeamId>,
        at: heart_domain::time::Timestamp,
        actor: String,
    }
}

crate::view! {
    /// A team's shift.
    Shift from heart_store::ShiftRow {
        id: heart_domain::ids::ShiftId,
        team_id: heart_domain::ids::TeamId,
        starts_at: heart_domain::time::Timestamp,
        ends_at: heart_domain::time::Timestamp,
        /// How many people it needs.
        needed: i64,
    }
}

/// A team as the board sees it now.
#[derive(Clone, Debug)]
pub struct TeamNow {
    pub row: Team,
    pub on_shift: bool,
    /// The status to show: a team with no shift now is off shift unless it is still out on a request.
    pub status: TeamStatus,
}

/// A recommended team: its travel time over the streets and straight-line distance, when both positions are known.
#[derive(Clone, Debug)]
pub struct Recommendation {
    pub team: TeamNow,
    pub distance_km: Option<f64>,
    /// Seconds to get there on the street network (the configured way of travel), if a way is known.
    pub eta_seconds: Option<f64>,
    /// When the request's kind needs a training (its triage rule names one): whether someone on the team's shift
    /// now holds it, current.
    pub has_training: Option<bool>,
}

impl Recommendation {
    /// The ETA in whole minutes (at least 1).
    pub fn eta_minutes(&self) -> Option<u32> {
        self.eta_seconds.map(|s| ((s / 60.0).ceil() as u32).max(1))
    }
}

pub(crate) fn team_event(t: TeamId) -> LiveEvent {
    LiveEvent {
        kind: EventKind::TeamUpdated,
        id: t.to_string(),
        team: Some(t.to_string()),
    }
}

/// Board order: field responses by priority (1 first), then everything else; oldest first within each.
pub(crate) fn board_order(a: &RequestRow, b: &RequestRow) -> std::cmp::Ordering {
    let rank = |r: &RequestRow| r.triage.priority.map(i32::from).unwrap_or(9);
    rank(a).cmp(&rank(b)).then(a.created_at.cmp(&b.created_at))
}

impl App {
    /// Teams with their shift state at `now`.
    pub async fn teams_now(&self) -> AppResult<Vec<TeamNow>> {
        Ok(self
            .teams_with_status()
            .await?
            .into_iter()
            .map(|(row, on_shift, status)| TeamNow {
                row: row.into(),
                on_shift,
                status,
            })
            .collect())
    }

    /// Each team's row, whether it is on shift at `now`, and the status to show (a team with no shift now is off
    /// shift unless it is still out on a request).
    async fn teams_with_status(&self) -> AppResult<Vec<(TeamRow, bool, TeamStatus)>> {
        let now = self.clock.now();
        let on: std::collections::HashSet<TeamId> = self
            .store
            .shifts_at(now)
            .await?
            .into_iter()
            .map(|s| s.team_id)
            .collect();
        Ok(self
            .store
            .teams()
            .await?
            .into_iter()
            .map(|row| {
                let on_shift = on.contains(&row.id);
                let status = match row.status {
                    TeamStatus::Available | TeamStatus::WrappingUp if !on_shift => {
                        TeamStatus::OffShift
                    }
                    s => s,
                };
                (row, on_shift, status)
            })
            .collect())
    }

    /// Whether any team is free now. Cached for a second (shifts start and end on their own), and dropped whenever
    /// a team changes through this server.
    pub(crate) async fn any_team_free(&self) -> AppResult<bool> {
        if let Ok(c) = self.team_free.lock()
            && let Some((free, at)) = *c
            && at.elapsed() < std::time::Duration::from_secs(1)
        {
            return Ok(free);
        }
        let free = self
            .teams_now()
            .await?
            .iter()
            .any(|t| t.status == TeamStatus::Available);
        if let Ok(mut c) = self.team_free.lock() {
            *c = Some((free, std::time::Instant::now()));
        }
        Ok(free)
    }

    /// Active responders on a team.
    pub async fn responders_in(&self, team: TeamId) -> AppResult<usize> {
        Ok(self
            .store
            .users()
            .await?
            .iter()
            .filter(|u| {
                u.active && u.team_id == Some(team) && u.capabilities.has(Capability::Respond)
            })
            .count())
    }

    /// Forget the cached team availability (after a team changed).
    pub(crate) fn teams_changed(&self) {
        if let Ok(mut c) = self.team_free.lock() {
            *c = None;
        }
    }
}

impl App {
    /// Screens (or re-screens) a request with the script's questions.
    pub async fn screen(
        &self,
        actor: &Actor,
        id: RequestId,
        answers: BTreeMap<String, String>,
    ) -> AppResult<Request> {
        actor.require(&[Capability::Intake, Capability::Dispatch])?;
        let answers: BTreeMap<String, String> = answers
            .into_iter()
            .filter(|(_, a)| !a.trim().is_empty())
            .collect();
        let mut row = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        let reach = reachable(row.channel, &row.contact, &row.safe_contact);
        let triage = evaluate_for(&self.script, &answers, reach)
            .map_err(|e| AppError::field(&format!("answers.{}", e.question()), "invalid"))?;
        if triage.outcome == Outcome::NeedsScreening {
            // No answers at all; or answers that lead to phone support for a person nobody can call or text.
            let code = if answers.is_empty() {
                "required"
            } else {
                "cannot_be_phoned"
            };
            return Err(AppError::field("answers", code));
        }
        let wait = triage.outcome == Outcome::FieldResponse && !self.any_team_free().await?;
        let cmd = Command::Screen { wait };
        let next = decide(&lifecycle(&row), &cmd)
            .map_err(|e| AppError::conflict("illegal-transition", e.to_string()))?;
        let now = self.clock.now();
        let from = row.status;
        // Screened before: both outcomes are kept (the audit says from which to which).
        let (action, detail) = match row.triage.outcome {
            Outcome::NeedsScreening => ("request.screen", triage.outcome.as_str().to_string()),
            before => (
                "request.screen_again",
                format!("{} -> {}", before.as_str(), triage.outcome.as_str()),
            ),
        };
        row.answers = answers;
        row.triage = triage;
        row.status = next.status;
        row.updated_at = now;
        let mut cs = ChangeSet::new();
        let who = actor.audit_name();
        cs.audit(AuditEntry::new(
            now,
            &who,
            action,
            "request",
            &id.to_string(),
            &detail,
        ));
        cs.push(Op::Request(RequestOp::UpdateRequest(row.clone())));
        if matches!(actor.kind, ActorKind::User(_)) {
            cs.push(crate::channels::ack_op(&row, now, &who));
        }
        cs.push(Op::Request(RequestOp::InsertTransition(TransitionRow {
            request_id: id,
            from: Some(from),
            to: next.status,
            team_id: None,
            at: now,
            actor: who,
        })));
        self.store.apply(cs).await?;
        row.version += 1;
        self.publish(request_event(EventKind::RequestUpdated, &row));
        Ok(row.into())
    }

    /// Records an EMS contact: the reason, and whether the person agreed. An exceptional, recorded event.
    pub async fn record_ems(
        &self,
        actor: &Actor,
        id: RequestId,
        reason: &str,
        consent: &str,
    ) -> AppResult<Request> {
        actor.require(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Respond,
        ])?;
        let mut errors = heart_domain::intake::FieldErrors::default();
        let reason = Words::up_to(1_000)
            .required()
            .check(&mut errors, "ems_reason", Some(reason))
            .unwrap_or_default();
        let reason = reason.as_str();
        if !["agreed", "declined", "could_not_ask"].contains(&consent) {
            errors.add("ems_consent", "required");
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut row = self.request_row(actor, id).await?;
        let now = self.clock.now();
        row.ems_reason = Some(reason.to_string());
        row.ems_consent = Some(consent.to_string());
        row.updated_at = now;
        let mut cs = ChangeSet::new().op(Op::Request(RequestOp::UpdateRequest(row.clone())));
        // An EMS contact is a hard call: a debrief for a coordinator.
        cs.ops
            .extend(self.debrief_ops(row.team_id, Some(id), &["ems"]).await?);
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "request.ems_contact",
            "request",
            &id.to_string(),
            consent,
        ));
        self.store.apply(cs).await?;
        row.version += 1;
        self.publish(request_event(EventKind::RequestUpdated, &row));
        Ok(row.into())
    }

    /// Moves a request through its lifecycle (not closing with a team: that is `close_with_encounter`).
    pub async fn transition(
        &self,
        actor: &Actor,
        id: RequestId,
        cmd: Command,
        expected_version: Option<i64>,
    ) -> AppResult<Request> {
        self.transition_from(actor, id, cmd, expected_version, None)
            .await
    }

    /// A move sent by a responder's phone (`from`: its key and time, kept with the move; see `offline.rs`).
    pub async fn transition_from(
        &self,
        actor: &Actor,
        id: RequestId,
        cmd: Command,
        expected_version: Option<i64>,
        from: Option<&crate::offline::FromDevice>,
    ) -> AppResult<Request> {
        let row = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        match &cmd {
            Command::Assign { .. } | Command::Unassign => actor.require(&[Capability::Dispatch])?,
            Command::EnRoute | Command::OnScene => self.team_moves(actor, &row).await?,
            // Once a team is out, only dispatch calls it off.
            Command::Cancel if row.team_id.is_some() => actor.require(&[Capability::Dispatch])?,
            Command::Cancel => actor.require(&[Capability::Intake, Capability::Dispatch])?,
            Command::Screen { .. } => {
                return Err(AppError::conflict(
                    "use-screening",
                    "use screening to triage a request",
                ));
            }
            Command::Close { .. } => {
                if row.status == Status::OnScene {
                    return Err(AppError::field("encounter", "required"));
                }
                actor.require(&[Capability::Intake, Capability::Dispatch])?;
            }
        }
        if expected_version.is_some_and(|v| v != row.version) {
            return Err(AppError::conflict(
                "changed-meanwhile",
                "the request changed meanwhile; reload and try again",
            ));
        }
        let mut cs = ChangeSet::new();
        let team = row.team_id;
        if let Some(op) = self.device_op(actor, from, cmd.name(), Some(id), team)? {
            cs.push(op);
        }
        self.apply_transition(actor, row, cmd, cs).await
    }

    /// The team's own moves (and dispatch's). A team whose request was reassigned or closed since it last saw it
    /// (a phone that had no signal) learns that it changed meanwhile, a 409; anyone else learns nothing (404).
    pub(crate) async fn team_moves(&self, actor: &Actor, row: &RequestRow) -> AppResult<()> {
        if self.require_team_or_dispatch(actor, row).is_ok() {
            if row.status.is_open() {
                return Ok(());
            }
        } else if !self.was_with_team(actor, row).await? {
            return Err(AppError::NotFound);
        }
        Err(AppError::conflict(
            "changed-meanwhile",
            "the request was reassigned or closed meanwhile",
        ))
    }

    /// Whether the actor's team had this request at some time.
    pub(crate) async fn was_with_team(&self, actor: &Actor, row: &RequestRow) -> AppResult<bool> {
        let Some(team) = actor.team.filter(|_| actor.caps.has(Capability::Respond)) else {
            return Ok(false);
        };
        Ok(self
            .store
            .transitions(row.id)
            .await?
            .iter()
            .any(|t| t.team_id == Some(team)))
    }

    pub(crate) fn require_team_or_dispatch(
        &self,
        actor: &Actor,
        row: &RequestRow,
    ) -> AppResult<()> {
        if actor.caps.has(Capability::Dispatch) {
            return Ok(());
        }
        actor.require(&[Capability::Respond])?;
        if actor.team.is_some() && actor.team == row.team_id {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Decides and writes one transition with the team's matching status, plus whatever `cs` already holds.
    pub(crate) async fn apply_transition(
        &self,
        actor: &Actor,
        mut row: RequestRow,
        cmd: Command,
        mut cs: ChangeSet,
    ) -> AppResult<Request> {
        let now = self.clock.now();
        let next = decide(&lifecycle(&row), &cmd)
            .map_err(|e| AppError::conflict("illegal-transition", e.to_string()))?;
        let who = actor.audit_name();
        // The team before (for unassign/cancel/close) or after (assign) the move.
        let team_id = next.team.or(row.team_id);
        let mut touched_team = None;
        if let (Some(tid), Some(team_status)) = (team_id, team_status_after(row.status, &cmd)) {
            let (mut t, _, status_now) = self
                .teams_with_status()
                .await?
                .into_iter()
                .find(|(t, _, _)| t.id == tid)
                .ok_or_else(|| AppError::field("team", "unknown"))?;
            if matches!(cmd, Command::Assign { .. }) {
                if status_now != TeamStatus::Available {
                    return Err(AppError::conflict(
                        "team-busy",
                        format!("that team is {}, not available", status_now.as_str()),
                    ));
                }
                // Responders never go out alone.
                if self.responders_in(tid).await? < 2 {
                    return Err(AppError::conflict(
                        "team-too-small",
                        "a team goes out with two or more responders; add people to it first",
                    ));
                }
            }
            t.status = team_status;
            t.status_at = now;
            if team_status == TeamStatus::OnScene {
                t.checkin_at = Some(now);
            }
            cs.push(Op::Dispatch(DispatchOp::UpdateTeam(t)));
            touched_team = Some(tid);
        }
        let from = row.status;
        row.status = next.status;
        row.team_id = next.team;
        row.outcome = next.outcome;
        row.updated_at = now;
        cs.push(Op::Request(RequestOp::UpdateRequest(row.clone())));
        // The first move a person on the team makes acknowledges it (later ones change nothing).
        if matches!(actor.kind, ActorKind::User(_)) {
            cs.push(crate::channels::ack_op(&row, now, &who));
        }
        cs.push(Op::Request(RequestOp::InsertTransition(TransitionRow {
            request_id: row.id,
            from: Some(from),
            to: next.status,
            team_id,
            at: now,
            actor: who.clone(),
        })));
        let detail = match (&cmd, team_id) {
            (Command::Close { outcome }, _) => outcome.as_str().to_string(),
            (_, Some(t)) => format!("{} team:{t}", next.status.as_str()),
            _ => next.status.as_str().to_string(),
        };
        if let (Command::Assign { .. }, Some(tid)) = (&cmd, next.team) {
            let people = self.team_people(tid).await?;
            let hood = self.hood(&row);
            let kind = crate::push::PushKind::Assigned;
            let alerts = self.alert_ops(
                &people,
                kind,
                row.triage.priority,
                hood.as_deref(),
                "/responder",
            );
            cs.ops.extend(alerts.await?);
        }
        cs.audit(AuditEntry::new(
            now,
            &who,
            &format!("request.{}", cmd.name()),
            "request",
            &row.id.to_string(),
            &detail,
        ));
        self.store.apply(cs).await?;
        row.version += 1;
        let mut ev = request_event(EventKind::RequestUpdated, &row);
        ev.team = team_id.map(|t| t.to_string());
        self.publish(ev);
        match &cmd {
            Command::Assign { .. } => {
                self.notify_partners(&row, heart_domain::channels::Progress::TeamOnTheWay)
                    .await
            }
            Command::Close { .. } | Command::Cancel => {
                self.notify_partners(&row, heart_domain::channels::Progress::Closed)
                    .await
            }
            _ => {}
        }
        match &cmd {
            Command::Assign { .. } => self.sms_update(&row, "on_the_way").await,
            Command::Close {
                outcome: heart_domain::care::CloseOutcome::CouldNotFindThem,
            } => self.sms_update(&row, "not_found").await,
            _ => {}
        }
        if let Some(t) = touched_team {
            self.teams_changed();
            self.publish(team_event(t));
        }
        Ok(row.into())
    }

    /// Available teams on shift, soonest there first: travel time over the streets from each team's last known
    /// position (one search from the request over the reversed street graph, however many teams), then
    /// straight-line distance for a team the streets cannot place, then name.
    pub async fn recommend(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<Recommendation>> {
        actor.require(&[Capability::Dispatch])?;
        let r = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        let here = r.location.lat.zip(r.location.lon);
        let teams: Vec<TeamNow> = self
            .teams_now()
            .await?
            .into_iter()
            .filter(|t| t.status == TeamStatus::Available)
            .collect();
        let wheres: Vec<Option<(f64, f64)>> =
            teams.iter().map(|t| self.whereabouts(&t.row)).collect();
        // One search for every team whose whereabouts are known; the others have no ETA.
        let mut etas = match here {
            Some((lat, lon)) => {
                let from: Vec<heart_geo::LatLon> = wheres
                    .iter()
                    .flatten()
                    .map(|&(a, b)| heart_geo::LatLon::new(a, b))
                    .collect();
                match self.geo() {
                    Some(geo) => geo.etas_to(
                        heart_geo::LatLon::new(lat, lon),
                        &from,
                        self.config.travel_mode,
                    ),
                    None => vec![None; from.len()],
                }
                .into_iter()
            }
            None => Vec::new().into_iter(),
        };
        let mut recs: Vec<Recommendation> = teams
            .into_iter()
            .zip(wheres)
            .map(|(t, at)| {
                let eta = at.and_then(|_| etas.next().flatten());
                let d = here.zip(at).map(|(a, b)| distance_km(a, b));
                Recommendation {
                    team: t,
                    distance_km: d,
                    eta_seconds: eta,
                    has_training: None,
                }
            })
            .collect();
        if let Some(kind) = self.script.training_for(&r.triage.rule) {
            let holders = self.training_holders(kind).await?;
            let on_shift = self.people_on_shift().await?;
            for rec in &mut recs {
                let people = on_shift.get(&rec.team.row.id);
                rec.has_training =
                    Some(people.is_some_and(|p| p.iter().any(|u| holders.contains(u))));
            }
        }
        recs.sort_by(|a, b| {
            let eta = |r: &Recommendation| r.eta_seconds.unwrap_or(f64::MAX);
            let key = |r: &Recommendation| r.distance_km.unwrap_or(f64::MAX);
            // A team with the training the request needs first.
            b.has_training
                .unwrap_or(false)
                .cmp(&a.has_training.unwrap_or(false))
                .then_with(|| eta(a).total_cmp(&eta(b)))
                .then_with(|| key(a).total_cmp(&key(b)))
                .then_with(|| a.team.row.name.cmp(&b.team.row.name))
        });
        Ok(recs)
    }

    /// The training a request's kind needs, as its triage rule names it (none for most).
    pub fn training_needed(&self, rule: &str) -> Option<&str> {
        self.script.training_for(rule)
    }

    /// The training the request needs, for the recommendations' answer (capability `dispatch`).
    pub async fn training_for_request(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> AppResult<Option<String>> {
        actor.require(&[Capability::Dispatch])?;
        let r = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        Ok(self.script.training_for(&r.triage.rule).map(String::from))
    }

    /// The people who hold a training of `kind` that has not run out today.
    async fn training_holders(&self, kind: &str) -> AppResult<std::collections::HashSet<UserId>> {
        let today = self.today();
        Ok(self
            .store
            .trainings()
            .trainings()
            .await?
            .into_iter()
            .filter(|t| t.kind == kind)
            .filter(|t| {
                let expires = t.expires_on.as_deref().and_then(|d| d.parse().ok());
                heart_domain::training::standing(expires, today) != "expired"
            })
            .map(|t| t.user_id)
            .collect())
    }

    /// Who is on each team's shift now: the people in its rota slot that covers now, or, for a shift added by hand
    /// with nobody placed in it, the team's active members who respond.
    async fn people_on_shift(&self) -> AppResult<HashMap<TeamId, Vec<UserId>>> {
        let now = self.clock.now();
        let soon = now
            .checked_add(jiff::SignedDuration::from_secs(1))
            .unwrap_or(now);
        let mut on: HashMap<TeamId, Vec<UserId>> = HashMap::new();
        for s in self.store.rota().slots(now, soon).await? {
            // A rota slot is its people (none when everyone left it); a shift added by hand, with nobody placed,
            // is the team's members (below).
            if s.shift.starts_at <= now
                && now < s.shift.ends_at
                && (s.shift.from_pattern || !s.places.is_empty())
            {
                on.entry(s.shift.team_id)
                    .or_default()
                    .extend(s.places.iter().map(|p| p.user_id));
            }
        }
        // Teams with no rota slot now (a shift added by hand, nobody placed): their active members who respond.
        let users = self.store.users().await?;
        let by_rota: std::collections::HashSet<TeamId> = on.keys().copied().collect();
        for u in users
            .iter()
            .filter(|u| u.active && u.capabilities.has(Capability::Respond))
        {
            if let Some(team) = u.team_id
                && !by_rota.contains(&team)
            {
                on.entry(team).or_default().push(u.id);
            }
        }
        Ok(on)
    }
}
