//! Intake: taking a request (from a call-taker, the public form, a text, a partner or Open311), finding it, and
//! what is read back about it. Screening and status changes are in `dispatch`.

mod correct;
pub mod history;
pub mod import;
mod safe;

pub use correct::Change;
pub use safe::SafeNow;

use crate::IntoViews;
use crate::dispatch::board_order;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::{Command, Lifecycle, Status, decide};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{RequestId, SubjectId};
use heart_domain::intake::{Channel, Contact, IntakeInput, NewRequest, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::{Outcome, evaluate_for};
use heart_store::{ChangeSet, Op, RequestRow, SealState, TransitionRow};
use heart_store::{RequestOp, TrustOp};

crate::view! {
    /// A request for support as the pages and the API show it.
    Request from heart_store::RequestRow {
        id: heart_domain::ids::RequestId,
        /// The person this request is about (pseudonymous): their data key seals the personal fields below.
        subject: heart_domain::ids::SubjectId,
        /// Whether the personal fields could be read. When they could not, they are empty.
        sealed: heart_domain::intake::SealState,
        created_at: heart_domain::time::Timestamp,
        updated_at: heart_domain::time::Timestamp,
        channel: heart_domain::intake::Channel,
        requester: heart_domain::intake::Requester,
        summary: String,
        location: heart_domain::intake::Location,
        contact: heart_domain::intake::Contact,
        safe_contact: heart_domain::intake::SafeContact,
        language: String,
        answers: std::collections::BTreeMap<String, String>,
        triage: heart_domain::triage::Triage,
        ems_reason: Option<String>,
        /// "agreed", "declined", "could_not_ask".
        ems_consent: Option<String>,
        status: heart_domain::dispatch::Status,
        team_id: Option<heart_domain::ids::TeamId>,
        outcome: Option<heart_domain::care::CloseOutcome>,
        version: i64,
    }
}

/// How sure the geocoder must be before a request's words are given a point on the map (nobody chose them for
/// the map, so only a sure answer).
pub const GEOCODE_SURE: f64 = 0.8;
/// How sure, for words a responder or coordinator types to say where a team is or starts from.
pub const PLACE_TYPED: f64 = 0.6;

pub(crate) fn request_event(kind: EventKind, r: &RequestRow) -> LiveEvent {
    LiveEvent {
        kind,
        id: r.id.to_string(),
        team: r.team_id.map(|t| t.to_string()),
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

impl App {
    /// Takes a request. The public (no account) may only use the web form; everyone else needs `intake` (or
    /// `submit`, for a system that hands requests in).
    pub async fn create_request(&self, actor: &Actor, input: IntakeInput) -> AppResult<Request> {
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
    ) -> AppResult<(Request, bool)> {
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
    ) -> AppResult<(Request, Option<String>)> {
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
    ) -> AppResult<(Request, bool)> {
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
            extra.push(Op::Request(RequestOp::ClaimIdempotencyKey {
                key: k.clone(),
                request: id,
                fingerprint: fingerprint.clone(),
                at: self.clock.now(),
            }));
        }
        if let Some(token) = status_token {
            extra.push(Op::Channel(heart_store::channels::ChannelOp::Reply(
                heart_store::channels::ReplyOp::InsertToken {
                    hash: crate::channels::token_hash(token),
                    row: heart_store::channels::SenderTokenRow {
                        request: Some(id),
                        alert: None,
                        source: "web".into(),
                        kind: VISITOR_STATUS_KIND.into(),
                        created_at: self.clock.now(),
                    },
                },
            )));
        }
        match self.open_request(actor, new, id, extra).await {
            Ok(row) => Ok((row.into(), false)),
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
                cs.push(Op::Trust(TrustOp::NewSubject { id: s, at: now }));
                s
            }
        };
        let facts = self.facts_of(&new.location).await;
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
            facts,
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
        cs.push(Op::Request(RequestOp::InsertRequest(row.clone())));
        // Nobody watches the board here: the people on shift (or, outside every shift, the people on call) hear
        // of it on their phones.
        if self.live.boards_open() == 0 {
            cs.ops.extend(self.new_request_alerts(&row).await?);
        }
        for t in transitions {
            cs.push(Op::Request(RequestOp::InsertTransition(t)));
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
                    if let Op::Request(RequestOp::InsertRequest(r)) = op {
                        r.subject = fresh;
                    }
                }
                cs.ops.splice(personal_from..personal_to, per_person(fresh));
                cs.ops
                    .insert(0, Op::Trust(TrustOp::NewSubject { id: fresh, at: now }));
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
    ) -> AppResult<(Request, bool)> {
        if !was.is_empty() && was != now {
            return Err(AppError::conflict(
                "idempotency-reused",
                "this Idempotency-Key was sent before with a different request",
            ));
        }
        Ok((self.replayed(actor, id).await?, true))
    }

    /// The request an earlier try with the same key made (not a new read of someone's record: the sender made it).
    async fn replayed(&self, actor: &Actor, id: RequestId) -> AppResult<Request> {
        let r = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        if actor.kind == ActorKind::Public {
            return Ok(r.into());
        }
        self.may_see(actor, &r).await?;
        Ok(r.into())
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
    pub(crate) async fn request_row(&self, actor: &Actor, id: RequestId) -> AppResult<RequestRow> {
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
    ) -> AppResult<Vec<Request>> {
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
        Ok(rows.views())
    }

    /// What a system that handed a request in (`submit`) may read back: its status and times, for a request it
    /// created itself (the audit log's `request.create` names the token); any other is not found. Never the
    /// contents.
    pub async fn submitted_request(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> AppResult<(Request, Vec<crate::dispatch::Transition>)> {
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
        Ok((r.into(), history.views()))
    }

    /// The transitions of a request, for response intervals.
    pub async fn history(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> AppResult<Vec<crate::dispatch::Transition>> {
        self.request_row(actor, id).await?;
        Ok(self.store.transitions(id).await?.views())
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
