//! Intake, screening and dispatch use cases.

use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::{
    Command, Lifecycle, Status, TeamStatus, decide, distance_km, team_status_after,
};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{RequestId, SubjectId, TeamId};
use heart_domain::intake::{Channel, Contact, IntakeInput, NewRequest, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::{Outcome, evaluate_for};
use heart_store::{ChangeSet, Op, RequestRow, SealState, TeamRow, TransitionRow};
use std::collections::BTreeMap;

/// A team as the board sees it now.
#[derive(Clone, Debug)]
pub struct TeamNow {
    pub row: TeamRow,
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
}

impl Recommendation {
    /// The ETA in whole minutes (at least 1).
    pub fn eta_minutes(&self) -> Option<u32> {
        self.eta_seconds.map(|s| ((s / 60.0).ceil() as u32).max(1))
    }
}

/// How sure the geocoder must be before a request's words are given a point on the map (nobody chose them for
/// the map, so only a sure answer).
pub const GEOCODE_SURE: f64 = 0.8;
/// How sure, for words a responder or coordinator types to say where a team is or starts from.
pub const PLACE_TYPED: f64 = 0.6;

fn request_event(kind: EventKind, r: &RequestRow) -> LiveEvent {
    LiveEvent {
        kind,
        id: r.id.to_string(),
        team: r.team_id.map(|t| t.to_string()),
    }
}

pub(crate) fn team_event(t: TeamId) -> LiveEvent {
    LiveEvent {
        kind: EventKind::TeamUpdated,
        id: t.to_string(),
        team: Some(t.to_string()),
    }
}

/// Why a request was not opened: the store refused the change set (the caller may know why), or another reason.
#[derive(Debug)]
pub(crate) enum OpenError {
    Store(heart_store::StoreError),
    App(AppError),
}

impl From<AppError> for OpenError {
    fn from(e: AppError) -> Self {
        OpenError::App(e)
    }
}

impl From<heart_store::StoreError> for OpenError {
    fn from(e: heart_store::StoreError) -> Self {
        OpenError::Store(e)
    }
}

/// Board order: field responses by priority (1 first), then everything else; oldest first within each.
pub fn board_order(a: &RequestRow, b: &RequestRow) -> std::cmp::Ordering {
    let rank = |r: &RequestRow| r.triage.priority.map(i32::from).unwrap_or(9);
    rank(a).cmp(&rank(b)).then(a.created_at.cmp(&b.created_at))
}

impl App {
    /// Teams with their shift state at `now`.
    pub async fn teams_now(&self) -> AppResult<Vec<TeamNow>> {
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
                TeamNow {
                    row,
                    on_shift,
                    status,
                }
            })
            .collect())
    }

    /// Whether any team is free now. Cached for a second (shifts start and end on their own), and dropped whenever
    /// a team changes through this server.
    async fn any_team_free(&self) -> AppResult<bool> {
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

    /// Takes a request. The public (no account) may only use the web form; everyone else needs `intake` (or
    /// `submit`, for a system that hands requests in).
    pub async fn create_request(&self, actor: &Actor, input: IntakeInput) -> AppResult<RequestRow> {
        self.create_request_once(actor, input, None)
            .await
            .map(|(r, _)| r)
    }

    /// As `create_request`, made at most once per `idempotency_key` (per sender): a retry after a timeout or a
    /// 503 gets the request the first try made. Returns the request and whether it was made before.
    pub async fn create_request_once(
        &self,
        actor: &Actor,
        input: IntakeInput,
        idempotency_key: Option<&str>,
    ) -> AppResult<(RequestRow, bool)> {
        self.create_request_with(actor, input, idempotency_key, None)
            .await
    }

    /// A request from the public form, with a status link for the visitor (`/status/{token}`): how far along it
    /// is, and nothing personal. The token is kept only as a hash, in the same transaction as the request. A
    /// retry with the same key answers with the first request and no new link (`None`).
    pub async fn create_visitor_request(
        &self,
        input: IntakeInput,
        idempotency_key: Option<&str>,
    ) -> AppResult<(RequestRow, Option<String>)> {
        let token = heart_crypto::random_token(24);
        let (row, replayed) = self
            .create_request_with(&Actor::public(), input, idempotency_key, Some(&token))
            .await?;
        Ok((row, (!replayed).then_some(token)))
    }

    async fn create_request_with(
        &self,
        actor: &Actor,
        input: IntakeInput,
        idempotency_key: Option<&str>,
        status_token: Option<&str>,
    ) -> AppResult<(RequestRow, bool)> {
        // What was sent, so a retry with the same key but another body is refused rather than answered with
        // the first request (only needed when a key was sent).
        let fingerprint = match idempotency_key {
            None => String::new(),
            Some(_) => heart_crypto::sha256_hex(
                &serde_json::to_string(&input).map_err(|_| AppError::field("input", "invalid"))?,
            ),
        };
        let key = match idempotency_key {
            None => None,
            Some(k) => {
                if k.is_empty()
                    || k.len() > 255
                    || !k.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
                {
                    return Err(AppError::field("idempotency_key", "invalid"));
                }
                let hashed = heart_crypto::sha256_hex(&format!("{}\n{k}", actor.audit_name()));
                if let Some((id, was)) = self.store.request_for_idempotency_key(&hashed).await? {
                    return self.replay(actor, id, &was, &fingerprint).await;
                }
                Some(hashed)
            }
        };
        let default_channel = match actor.kind {
            ActorKind::Public => Channel::Web,
            _ => {
                actor.require(&[Capability::Intake, Capability::Submit])?;
                Channel::Phone
            }
        };
        let mut new = input
            .parse(&self.script, default_channel)
            .map_err(AppError::Invalid)?;
        if actor.kind == ActorKind::Public {
            new.channel = Channel::Web;
        }
        let id = RequestId::new();
        let mut extra = Vec::new();
        if let Some(k) = &key {
            extra.push(Op::ClaimIdempotencyKey {
                key: k.clone(),
                request: id,
                fingerprint: fingerprint.clone(),
                at: self.clock.now(),
            });
        }
        if let Some(token) = status_token {
            extra.push(Op::Channel(heart_store::channels::ChannelOp::InsertToken {
                hash: crate::channels::token_hash(token),
                row: heart_store::channels::SenderTokenRow {
                    request: Some(id),
                    alert: None,
                    source: "web".into(),
                    kind: VISITOR_STATUS_KIND.into(),
                    created_at: self.clock.now(),
                },
            }));
        }
        match self.open_request(actor, new, id, extra).await {
            Ok(row) => Ok((row, false)),
            // The same key raced in from a retry: the first one's request is the answer; this one wrote nothing.
            Err(OpenError::Store(heart_store::StoreError::Duplicate("idempotency key"))) => {
                let first = match &key {
                    Some(k) => self.store.request_for_idempotency_key(k).await?,
                    None => None,
                };
                match first {
                    Some((first, was)) => self.replay(actor, first, &was, &fingerprint).await,
                    None => Err(AppError::conflict(
                        "idempotency",
                        "this key was used for another request",
                    )),
                }
            }
            Err(OpenError::Store(e)) => Err(e.into()),
            Err(OpenError::App(e)) => Err(e),
        }
    }

    /// Opens a checked request `id` with `extra` rows in the same transaction (the sender's idempotency key, a
    /// partner's alert, a 311 token). A refusal of the change set comes back as the store said it, so the caller
    /// can tell a raced key or place from a failure.
    pub(crate) async fn open_request(
        &self,
        actor: &Actor,
        new: NewRequest,
        id: RequestId,
        extra: Vec<Op>,
    ) -> Result<RequestRow, OpenError> {
        self.open_request_for(actor, new, id, extra, &|_| Vec::new())
            .await
    }

    /// As `open_request`, with rows that belong to the request's person too (`per_person` is given the person,
    /// known only here: the one the phone number names, or someone new).
    pub(crate) async fn open_request_for(
        &self,
        actor: &Actor,
        mut new: NewRequest,
        id: RequestId,
        extra: Vec<Op>,
        per_person: &(dyn Fn(SubjectId) -> Vec<Op> + Send + Sync),
    ) -> Result<RequestRow, OpenError> {
        // An address, intersection or place given in words and no point: the point the geocoder is sure of
        // (offline, nothing leaves the server), so dispatch can rank teams by travel time.
        if !new.location.withheld
            && new.location.lat.is_none()
            && let Some(text) = new.location.text.as_deref()
            && let Some((lat, lon)) = self.place(text, GEOCODE_SURE)
        {
            new.location.lat = Some(lat);
            new.location.lon = Some(lon);
        }
        let reach = reachable(new.channel, &new.contact, &new.safe_contact);
        let triage = evaluate_for(&self.script, &new.answers, reach)
            .map_err(|e| AppError::field(&format!("answers.{}", e.question()), "invalid"))?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new();
        // The same phone number is the same person (by blind index), so their record is one record to see,
        // export or erase; anyone else is a new person with a new data key. Not from the public form: anyone can
        // type a stranger's number there (and so keep their record alive past retention); such a request starts a
        // record of its own, joined to the earlier one only when the person confirms it (`join_earlier_record`).
        let existing = match &new.contact.phone {
            Some(phone) if actor.kind != ActorKind::Public => {
                self.store.subject_for_phone(phone).await?
            }
            _ => None,
        };
        let subject = match existing {
            Some(s) => s,
            None => {
                let s = SubjectId::new();
                cs.push(Op::NewSubject { id: s, at: now });
                s
            }
        };
        let mut row = RequestRow {
            id,
            subject,
            sealed: SealState::Open,
            created_at: now,
            updated_at: now,
            channel: new.channel,
            requester: new.requester,
            summary: new.summary,
            location: new.location,
            contact: new.contact,
            safe_contact: new.safe_contact,
            language: new.language,
            answers: new.answers,
            triage,
            ems_reason: None,
            ems_consent: None,
            status: Status::Received,
            team_id: None,
            outcome: None,
            version: 1,
        };
        let who = actor.audit_name();
        let mut transitions = vec![TransitionRow {
            request_id: id,
            from: None,
            to: Status::Received,
            team_id: None,
            at: now,
            actor: who.clone(),
        }];
        cs.audit(AuditEntry::new(
            now,
            &who,
            "request.create",
            "request",
            &id.to_string(),
            row.channel.as_str(),
        ));
        if row.triage.outcome != Outcome::NeedsScreening {
            let wait =
                row.triage.outcome == Outcome::FieldResponse && !self.any_team_free().await?;
            let next = decide(&Lifecycle::new(), &Command::Screen { wait })
                .map_err(|e| AppError::conflict("illegal-transition", e.to_string()))?;
            row.status = next.status;
            transitions.push(TransitionRow {
                request_id: id,
                from: Some(Status::Received),
                to: next.status,
                team_id: None,
                at: now,
                actor: who.clone(),
            });
            cs.audit(AuditEntry::new(
                now,
                &who,
                "request.screen",
                "request",
                &id.to_string(),
                row.triage.outcome.as_str(),
            ));
        }
        cs.push(Op::InsertRequest(row.clone()));
        for t in transitions {
            cs.push(Op::InsertTransition(t));
        }
        // A person on the team typed it in: acknowledged as it arrived.
        if matches!(actor.kind, ActorKind::User(_)) {
            cs.push(crate::channels::ack_op(&row, now, &who));
        }
        for op in extra {
            cs.push(op);
        }
        let personal_from = cs.ops.len();
        for op in per_person(subject) {
            cs.push(op);
        }
        let personal_to = cs.ops.len();
        match self.store.apply(cs.clone()).await {
            Ok(()) => {}
            // The number's last person was erased meanwhile (elsewhere): this is a new person.
            Err(heart_store::StoreError::Rule("erased person")) if existing.is_some() => {
                let fresh = SubjectId::new();
                row.subject = fresh;
                for op in cs.ops.iter_mut() {
                    if let Op::InsertRequest(r) = op {
                        r.subject = fresh;
                    }
                }
                cs.ops.splice(personal_from..personal_to, per_person(fresh));
                cs.ops.insert(0, Op::NewSubject { id: fresh, at: now });
                self.store.apply(cs).await.map_err(OpenError::Store)?;
            }
            Err(e) => return Err(OpenError::Store(e)),
        }
        metrics::counter!("heart_requests_created_total", "channel" => row.channel.as_str())
            .increment(1);
        self.publish(request_event(EventKind::RequestCreated, &row));
        Ok(row)
    }

    /// Answers a retry: the first try's request, if the retry sent the same thing (keys claimed before
    /// fingerprints were kept have none and are taken on trust).
    async fn replay(
        &self,
        actor: &Actor,
        id: RequestId,
        was: &str,
        now: &str,
    ) -> AppResult<(RequestRow, bool)> {
        if !was.is_empty() && was != now {
            return Err(AppError::conflict(
                "idempotency-reused",
                "this Idempotency-Key was sent before with a different request",
            ));
        }
        Ok((self.replayed(actor, id).await?, true))
    }

    /// The request an earlier try with the same key made (not a new read of someone's record: the sender made it).
    async fn replayed(&self, actor: &Actor, id: RequestId) -> AppResult<RequestRow> {
        let r = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        if actor.kind == ActorKind::Public {
            return Ok(r);
        }
        self.may_see(actor, &r).await?;
        Ok(r)
    }

    /// The request a reference stands for: a full id, or the last characters of one (the six a person is told,
    /// "Your reference: 12a663"). Two requests ending the same way: a conflict naming both.
    pub async fn resolve_request(&self, actor: &Actor, text: &str) -> AppResult<RequestId> {
        actor.require(&REQUEST_READERS)?;
        let text = text.trim();
        if let Ok(id) = text.parse::<RequestId>() {
            return Ok(id);
        }
        let reference = text.to_ascii_lowercase();
        if !(4..=12).contains(&reference.len())
            || !reference.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        {
            return Err(AppError::NotFound);
        }
        let found = self.store.requests_ending_with(&reference).await?;
        match found.as_slice() {
            [] => Err(AppError::NotFound),
            [one] => Ok(*one),
            many => Err(AppError::conflict(
                "ambiguous-reference",
                format!(
                    "more than one request ends with {reference}: {}",
                    many.iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// Reads a request. Responders read their own team's; intake, dispatch and coordinate read all.
    pub async fn get_request(&self, actor: &Actor, id: RequestId) -> AppResult<RequestRow> {
        let r = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        self.may_see(actor, &r).await?;
        Ok(r)
    }

    pub(crate) async fn may_see(&self, actor: &Actor, r: &RequestRow) -> AppResult<()> {
        if actor.caps.has_any(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Coordinate,
        ]) {
            return Ok(());
        }
        actor.require(&[Capability::Respond])?;
        let Some(team) = actor.team else {
            return Err(AppError::NotFound);
        };
        if r.team_id == Some(team) {
            return Ok(());
        }
        // A responder may see what their own team handled before (to follow up), never other teams' work.
        let handled = self
            .store
            .encounters(r.id)
            .await?
            .iter()
            .any(|e| e.team_id == Some(team));
        if handled {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Lists requests: open ones (the board), or the most recent.
    pub async fn list_requests(
        &self,
        actor: &Actor,
        open_only: bool,
        status: Option<Status>,
    ) -> AppResult<Vec<RequestRow>> {
        actor.require(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Coordinate,
        ])?;
        let rows = match status {
            // Closed and cancelled requests are many: the newest 500 of that status, from the database.
            Some(s) if !s.is_open() => self.store.requests_with_status(s, 500).await?,
            Some(s) => {
                let mut r = self.store.open_requests().await?;
                r.retain(|r| r.status == s);
                r.sort_by(board_order);
                r
            }
            None if open_only => {
                let mut r = self.store.open_requests().await?;
                r.sort_by(board_order);
                r
            }
            None => self.store.recent_requests(500).await?,
        };
        let ids: Vec<RequestId> = rows.iter().map(|r| r.id).collect();
        self.audit_list_read(
            actor,
            "requests.list",
            "list",
            status
                .map(|s| s.as_str())
                .unwrap_or(if open_only { "open" } else { "recent" }),
            &ids,
        )
        .await?;
        Ok(rows)
    }

    /// Screens (or re-screens) a request with the script's questions.
    pub async fn screen(
        &self,
        actor: &Actor,
        id: RequestId,
        answers: BTreeMap<String, String>,
    ) -> AppResult<RequestRow> {
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
        row.answers = answers;
        row.triage = triage;
        row.status = next.status;
        row.updated_at = now;
        let mut cs = ChangeSet::new();
        let who = actor.audit_name();
        cs.audit(AuditEntry::new(
            now,
            &who,
            "request.screen",
            "request",
            &id.to_string(),
            row.triage.outcome.as_str(),
        ));
        cs.push(Op::UpdateRequest(row.clone()));
        if matches!(actor.kind, ActorKind::User(_)) {
            cs.push(crate::channels::ack_op(&row, now, &who));
        }
        cs.push(Op::InsertTransition(TransitionRow {
            request_id: id,
            from: Some(from),
            to: next.status,
            team_id: None,
            at: now,
            actor: who,
        }));
        self.store.apply(cs).await?;
        row.version += 1;
        self.publish(request_event(EventKind::RequestUpdated, &row));
        Ok(row)
    }

    /// Records an EMS contact: the reason, and whether the person agreed. An exceptional, recorded event.
    pub async fn record_ems(
        &self,
        actor: &Actor,
        id: RequestId,
        reason: &str,
        consent: &str,
    ) -> AppResult<RequestRow> {
        actor.require(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Respond,
        ])?;
        let mut errors = heart_domain::intake::FieldErrors::default();
        let long = reason.chars().count() > 1_000;
        let reason = reason.trim();
        if reason.is_empty() {
            errors.add("ems_reason", "required");
        } else if long {
            errors.add("ems_reason", "too_long");
        }
        if !["agreed", "declined", "could_not_ask"].contains(&consent) {
            errors.add("ems_consent", "required");
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut row = self.get_request(actor, id).await?;
        let now = self.clock.now();
        row.ems_reason = Some(reason.to_string());
        row.ems_consent = Some(consent.to_string());
        row.updated_at = now;
        let mut cs = ChangeSet::new().op(Op::UpdateRequest(row.clone()));
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
        Ok(row)
    }

    /// Moves a request through its lifecycle (not closing with a team: that is `close_with_encounter`).
    pub async fn transition(
        &self,
        actor: &Actor,
        id: RequestId,
        cmd: Command,
        expected_version: Option<i64>,
    ) -> AppResult<RequestRow> {
        let row = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        match &cmd {
            Command::Assign { .. } | Command::Unassign => actor.require(&[Capability::Dispatch])?,
            Command::EnRoute | Command::OnScene => self.require_team_or_dispatch(actor, &row)?,
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
        self.apply_transition(actor, row, cmd, ChangeSet::new())
            .await
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
    ) -> AppResult<RequestRow> {
        let now = self.clock.now();
        let next = decide(&lifecycle(&row), &cmd)
            .map_err(|e| AppError::conflict("illegal-transition", e.to_string()))?;
        let who = actor.audit_name();
        // The team before (for unassign/cancel/close) or after (assign) the move.
        let team_id = next.team.or(row.team_id);
        let mut touched_team = None;
        if let (Some(tid), Some(team_status)) = (team_id, team_status_after(row.status, &cmd)) {
            let teams = self.teams_now().await?;
            let team = teams
                .into_iter()
                .find(|t| t.row.id == tid)
                .ok_or_else(|| AppError::field("team", "unknown"))?;
            if matches!(cmd, Command::Assign { .. }) {
                if team.status != TeamStatus::Available {
                    return Err(AppError::conflict(
                        "team-busy",
                        format!("that team is {}, not available", team.status.as_str()),
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
            let mut t = team.row;
            t.status = team_status;
            t.status_at = now;
            if team_status == TeamStatus::OnScene {
                t.checkin_at = Some(now);
            }
            cs.push(Op::UpdateTeam(t));
            touched_team = Some(tid);
        }
        let from = row.status;
        row.status = next.status;
        row.team_id = next.team;
        row.outcome = next.outcome;
        row.updated_at = now;
        cs.push(Op::UpdateRequest(row.clone()));
        // The first move a person on the team makes acknowledges it (later ones change nothing).
        if matches!(actor.kind, ActorKind::User(_)) {
            cs.push(crate::channels::ack_op(&row, now, &who));
        }
        cs.push(Op::InsertTransition(TransitionRow {
            request_id: row.id,
            from: Some(from),
            to: next.status,
            team_id,
            at: now,
            actor: who.clone(),
        }));
        let detail = match (&cmd, team_id) {
            (Command::Close { outcome }, _) => outcome.as_str().to_string(),
            (_, Some(t)) => format!("{} team:{t}", next.status.as_str()),
            _ => next.status.as_str().to_string(),
        };
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
        Ok(row)
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
                }
            })
            .collect();
        recs.sort_by(|a, b| {
            let eta = |r: &Recommendation| r.eta_seconds.unwrap_or(f64::MAX);
            let key = |r: &Recommendation| r.distance_km.unwrap_or(f64::MAX);
            eta(a)
                .total_cmp(&eta(b))
                .then_with(|| key(a).total_cmp(&key(b)))
                .then_with(|| a.team.row.name.cmp(&b.team.row.name))
        });
        Ok(recs)
    }

    /// What a system that handed a request in (`submit`) may read back: its status and times, for a request it
    /// created itself (the audit log's `request.create` names the token); any other is not found. Never the
    /// contents.
    pub async fn submitted_request(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> AppResult<(RequestRow, Vec<heart_store::TransitionRow>)> {
        actor.require(&[Capability::Submit])?;
        if !matches!(actor.kind, ActorKind::Token(_)) {
            return Err(AppError::NotFound);
        }
        let r = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        let who = actor.audit_name();
        let made_here = self
            .store
            .audit_for("request", &id.to_string())
            .await?
            .iter()
            .any(|a| a.entry.action == "request.create" && a.entry.actor == who);
        if !made_here {
            return Err(AppError::NotFound);
        }
        let history = self.store.transitions(id).await?;
        Ok((r, history))
    }

    /// The transitions of a request, for response intervals.
    pub async fn history(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> AppResult<Vec<heart_store::TransitionRow>> {
        self.get_request(actor, id).await?;
        Ok(self.store.transitions(id).await?)
    }
}

/// Who may open a request at all (responders then only their own team's): what finding one by reference needs.
pub const REQUEST_READERS: [Capability; 4] = [
    Capability::Intake,
    Capability::Dispatch,
    Capability::Coordinate,
    Capability::Respond,
];

/// The reference a person is given for a request: the last six characters of its id.
pub fn reference_of(id: RequestId) -> String {
    let s = id.to_string();
    s[s.len().saturating_sub(6)..].to_string()
}

pub(crate) fn lifecycle(r: &RequestRow) -> Lifecycle {
    Lifecycle {
        status: r.status,
        team: r.team_id,
        outcome: r.outcome,
    }
}

/// Seconds between two instants, for response intervals.
pub fn seconds_between(a: Timestamp, b: Timestamp) -> i64 {
    b.duration_since(a).as_secs()
}

/// The kind a visitor's own status link names: their request for support.
pub const VISITOR_STATUS_KIND: &str = "web_request";

/// Whether the team can talk with the person by phone: they are on the line or texting now (a call, a text
/// conversation), or they gave a number and allowed calls or texts to it.
pub fn reachable(channel: Channel, contact: &Contact, safe: &SafeContact) -> bool {
    matches!(channel, Channel::Phone | Channel::Sms)
        || (contact.phone.is_some() && (safe.call_ok || safe.text_ok))
}
