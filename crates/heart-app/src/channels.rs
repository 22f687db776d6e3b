//! Every way in besides the form and the phone: partners' signed alerts (held by their escalation timer, joined
//! by place), Open311 requests from a city's 311 system, senders' status pages, the "we are full" switch, and the
//! acknowledgement clock. Every channel lands in the one intake queue (`open_request`), with its channel recorded.

use crate::config::OpenState;
use crate::requests::OpenError;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_crypto::webhook::{WebhookError, verify_heart_signature};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::channels::{AlertInput, Open311Error, Open311Post, Progress, place_key, slug};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{PartnerAlertId, PartnerId, RequestId};
use heart_domain::intake::{Channel, Contact, FieldErrors, NewRequest, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_store::channels::{
    AckRow, ChannelOp, FullRow, OutsideRow, PartnerAlertRow, PartnerRow, SenderTokenRow,
};
use heart_store::{ChangeSet, Op, RequestRow, StoreError};
use serde::{Deserialize, Serialize};

/// `[channels]`: joining repeated alerts, the acknowledgement target, webhook tolerance, Open311.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelsConfig {
    /// Alerts about the same place within this many minutes of the last one join its open request.
    pub dedupe_minutes: i64,
    /// The team's target for a first human acknowledgement, shown on the board.
    pub ack_target_minutes: i64,
    /// How far a partner's `X-Heart-Timestamp` may be from now.
    pub webhook_tolerance_secs: i64,
    /// The "we are full" switch turns itself off after at most this many hours.
    pub full_max_hours: i64,
    /// Open311: this endpoint's jurisdiction id (checked when a client sends one).
    pub open311_jurisdiction: String,
}

impl Default for ChannelsConfig {
    fn default() -> Self {
        ChannelsConfig {
            dedupe_minutes: 30,
            ack_target_minutes: 15,
            webhook_tolerance_secs: 300,
            full_max_hours: 12,
            open311_jurisdiction: "cambridge.ma.us".into(),
        }
    }
}

/// Where to turn when the team is closed or full (said on every channel, in this order): the message id of its
/// words, and the number.
pub const ALTERNATIVES: [(&str, &str); 3] = [
    ("alt-988", "988"),
    ("alt-bhhl", "833-773-2445"),
    ("alt-911", "911"),
];

/// The acknowledgement row for a request acknowledged now by `who`.
pub(crate) fn ack_op(row: &RequestRow, now: Timestamp, who: &str) -> Op {
    Op::Channel(ChannelOp::Ack {
        row: AckRow {
            request: row.id,
            channel: row.channel,
            received_at: row.created_at,
            acked_at: now,
        },
        actor: who.to_string(),
    })
}

/// Why a partner's alert was refused. Nothing was written.
#[derive(Debug)]
pub enum AlertRefusal {
    /// No such partner, or it was revoked (said the same way as a bad signature).
    UnknownPartner,
    Signature(WebhookError),
    /// Not JSON of the documented shape (the reason, without the body).
    Malformed(String),
    Invalid(FieldErrors),
    /// The Idempotency-Key came before with another body.
    KeyReused,
    App(AppError),
}

impl From<AppError> for AlertRefusal {
    fn from(e: AppError) -> Self {
        AlertRefusal::App(e)
    }
}

impl From<StoreError> for AlertRefusal {
    fn from(e: StoreError) -> Self {
        AlertRefusal::App(e.into())
    }
}

/// What a partner hears back.
#[derive(Clone, Debug, Serialize)]
pub struct AlertAnswer {
    pub alert: PartnerAlertId,
    /// "waiting" (held by the escalation timer), "received" (a new request), "joined" (an open request about the
    /// same place), "cleared" (a held alert dropped).
    pub state: &'static str,
    /// The token of the status URL (`/status/{token}`).
    #[serde(skip)]
    pub status_token: String,
    /// When a held alert becomes a request.
    pub due_at: Option<Timestamp>,
    /// A retry of an alert already taken: nothing new was made.
    pub replayed: bool,
    /// Held alerts dropped by a `cleared` alert.
    pub cleared: usize,
    /// The person's language, if the partner said (for the words of the answer).
    pub language: Option<String>,
}

/// A sender's view of a request or a held alert.
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    pub progress: Progress,
    pub kind: String,
    pub source: String,
    pub since: Timestamp,
    pub updated_at: Option<Timestamp>,
}

/// One channel's acknowledgement times over the last 30 days.
#[derive(Clone, Debug, Serialize)]
pub struct ChannelAck {
    pub channel: &'static str,
    pub count: usize,
    pub median_secs: i64,
    pub p90_secs: i64,
    /// Share acknowledged within the target, in percent.
    pub within_target_pct: u32,
}

/// A request nobody on the team has acknowledged yet.
#[derive(Clone, Debug, Serialize)]
pub struct Unacked {
    pub id: RequestId,
    pub channel: &'static str,
    /// What the screening decided so far, and how urgent (1-3) when a team goes.
    pub outcome: heart_domain::triage::Outcome,
    pub priority: Option<u8>,
    pub waiting_secs: i64,
    pub over_target: bool,
}

/// The acknowledgement clock for the board.
#[derive(Clone, Debug, Serialize)]
pub struct AckClock {
    pub target_minutes: i64,
    pub channels: Vec<ChannelAck>,
    /// Oldest first.
    pub waiting: Vec<Unacked>,
}

/// How long a partner (and its secret) is used from memory: a partner revoked or added elsewhere is seen within
/// this long, as every change made beside a running server is.
const PARTNER_FRESH: std::time::Duration = std::time::Duration::from_secs(5);
/// How long the "we are full" row is used from memory (set here, it is forgotten at once).
const FULL_FRESH: std::time::Duration = std::time::Duration::from_secs(1);

type PartnerEntry = (PartnerRow, Vec<u8>, std::time::Instant);

/// What the webhook hot path reads from memory.
#[derive(Default)]
pub(crate) struct Cache {
    partners: std::sync::Mutex<std::collections::HashMap<String, PartnerEntry>>,
    full: std::sync::Mutex<Option<(Option<FullRow>, std::time::Instant)>>,
    /// The hours' state for one second (working it out converts a week of opening times between zones).
    hours: std::sync::Mutex<Option<(i64, OpenState)>>,
}

/// `deliver`'s answer when another try with the same Idempotency-Key wrote first (this one wrote nothing).
const RACED: &str = "raced";

fn fingerprint_of(body: &[u8]) -> String {
    heart_crypto::sha256_hex(&String::from_utf8_lossy(body))
}

pub(crate) fn token_hash(token: &str) -> String {
    hash(token)
}

fn hash(token: &str) -> String {
    heart_crypto::sha256_hex(token)
}

fn minutes(n: i64) -> jiff::SignedDuration {
    jiff::SignedDuration::from_mins(n.max(0))
}

/// How a signed notice to a partner went: what its outbox row becomes.
pub(crate) struct Notice {
    /// "sent", "queued" (tried again at `next_at`) or "failed".
    pub status: &'static str,
    pub next_at: Option<Timestamp>,
    pub error: Option<String>,
}

/// Posts a JSON body signed as partners sign theirs (`X-Heart-Timestamp`, `X-Heart-Signature` with the partner's
/// secret). A partner that refuses it (4xx but 429) is not tried again; one that is down is, with back-off, up to
/// `MAX_ATTEMPTS` in all (`attempts_before` were made already). The outbound policy is checked again here: an
/// address inside the network (named outright, or a name that leads there now) fails at once, never tried again.
pub(crate) async fn post_signed(
    sender: &crate::outbound::Sender<'_>,
    url: &str,
    secret: &[u8],
    event: Option<&str>,
    body: String,
    attempts_before: i64,
    now: Timestamp,
) -> Notice {
    let notice = |status, next_at, error| Notice {
        status,
        next_at,
        error,
    };
    if let Err(r) = sender.policy.check_url(url) {
        return notice("failed", None, Some(r.code().replace('_', " ")));
    }
    let t = now.as_second();
    let mut req = sender
        .http
        .post(url)
        .header("content-type", "application/json")
        .header("x-heart-timestamp", t.to_string())
        .header(
            "x-heart-signature",
            heart_crypto::webhook::heart_signature(secret, t, body.as_bytes()),
        );
    if let Some(e) = event {
        req = req.header("x-heart-event", e);
    }
    match req.body(body).send().await {
        Err(e) if crate::outbound::Outbound::refused(&e) => {
            notice("failed", None, Some("internal address".into()))
        }
        Ok(r) if r.status().is_success() => notice("sent", None, None),
        Ok(r) if r.status().is_client_error() && r.status().as_u16() != 429 => {
            notice("failed", None, Some(r.status().as_u16().to_string()))
        }
        other => {
            let why = match other {
                Ok(r) => r.status().as_u16().to_string(),
                Err(_) => "unreachable".to_string(),
            };
            if attempts_before + 1 >= crate::sms::MAX_ATTEMPTS {
                notice("failed", None, Some(why))
            } else {
                let next = now
                    + jiff::SignedDuration::from_secs(crate::sms::backoff_secs(attempts_before));
                notice("queued", Some(next), Some(why))
            }
        }
    }
}

impl App {
    /// Open, closed (hours, a holiday) or full (the switch), with the next change in local time.
    pub async fn open_state(&self) -> OpenState {
        let now = self.clock.now();
        let cached = self.channel_cache.hours.lock().ok().and_then(|c| {
            c.as_ref()
                .filter(|(at, _)| *at == now.as_second())
                .map(|(_, s)| s.clone())
        });
        let mut s = match cached {
            Some(s) => s,
            None => {
                let s = self.config.hours.state(now);
                if let Ok(mut c) = self.channel_cache.hours.lock() {
                    *c = Some((now.as_second(), s.clone()));
                }
                s
            }
        };
        // A failed read never closes the door: the hours alone decide then.
        if let Ok(Some(f)) = self.full_row().await
            && let Some(until) = f.until
            && until > now
            && s.open
        {
            s.full = true;
            let local = until.to_zoned_datetime(self.config.tz());
            s.full_until = Some(local.strftime("%A %H:%M").to_string());
            s.full_until_local = Some(local.datetime());
        }
        s
    }

    /// The switch's row, from memory when read within the last second.
    async fn full_row(&self) -> AppResult<Option<FullRow>> {
        if let Ok(c) = self.channel_cache.full.lock()
            && let Some((row, at)) = &*c
            && at.elapsed() < FULL_FRESH
        {
            return Ok(row.clone());
        }
        let row = self.store.channels().full().await?;
        if let Ok(mut c) = self.channel_cache.full.lock() {
            *c = Some((row.clone(), std::time::Instant::now()));
        }
        Ok(row)
    }

    /// A partner and its secret, from memory when read within the last few seconds.
    async fn partner_by_slug(&self, slug: &str) -> AppResult<Option<(PartnerRow, Vec<u8>)>> {
        if let Ok(c) = self.channel_cache.partners.lock()
            && let Some((p, s, at)) = c.get(slug)
            && at.elapsed() < PARTNER_FRESH
        {
            return Ok(Some((p.clone(), s.clone())));
        }
        let found = self.store.channels().partner_by_slug(slug).await?;
        if let Some((p, s)) = &found
            && let Ok(mut c) = self.channel_cache.partners.lock()
        {
            if c.len() > 1_000 {
                c.clear();
            }
            c.insert(
                slug.to_string(),
                (p.clone(), s.clone(), std::time::Instant::now()),
            );
        }
        Ok(found)
    }

    /// The "we are full" switch: on for `hours` (at most the configured maximum), or off (`hours` = 0).
    pub async fn set_full(&self, actor: &Actor, hours: i64) -> AppResult<OpenState> {
        actor.require(&[Capability::Dispatch, Capability::Coordinate])?;
        if !(0..=self.config.channels.full_max_hours).contains(&hours) {
            return Err(AppError::field("hours", "out_of_range"));
        }
        let now = self.clock.now();
        let until = (hours > 0).then(|| now + jiff::SignedDuration::from_hours(hours));
        let who = actor.audit_name();
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::SetFull(FullRow {
            until,
            set_at: now,
            set_by: who.clone(),
        })));
        cs.audit(AuditEntry::new(
            now,
            &who,
            if hours > 0 {
                "service.full"
            } else {
                "service.open"
            },
            "service",
            "1",
            &hours.to_string(),
        ));
        self.store.apply(cs).await?;
        if let Ok(mut c) = self.channel_cache.full.lock() {
            *c = None;
        }
        self.publish(LiveEvent {
            kind: EventKind::TeamUpdated,
            id: "service".into(),
            team: None,
        });
        Ok(self.open_state().await)
    }

    // ---- partners ----

    /// Adds a partner; returns it and its webhook secret (shown once).
    pub async fn add_partner(
        &self,
        actor: &Actor,
        name: &str,
        kinds: &[String],
        escalate_minutes: i64,
        business_hours: &str,
    ) -> AppResult<(PartnerRow, String)> {
        actor.require(&[Capability::Admin])?;
        let name = name.trim();
        let mut e = FieldErrors::default();
        let s = slug(name);
        if name.is_empty() || s.is_empty() {
            e.add("name", "required");
        } else if name.chars().count() > 120 {
            e.add("name", "too_long");
        }
        let kinds: Vec<String> = if kinds.is_empty() {
            self.script.kinds.iter().map(|k| k.code.clone()).collect()
        } else {
            kinds.iter().map(|k| k.trim().to_string()).collect()
        };
        if kinds.iter().any(|k| self.script.kind(k).is_none()) || kinds.is_empty() {
            e.add("kinds", "unknown");
        }
        if !(0..=24 * 60).contains(&escalate_minutes) {
            e.add("escalate_minutes", "out_of_range");
        }
        if crate::config::Hours::parse_short(business_hours, &self.config.hours.timezone).is_err() {
            e.add("business_hours", "invalid");
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let now = self.clock.now();
        let row = PartnerRow {
            id: PartnerId::new(),
            name: name.to_string(),
            slug: s,
            kinds,
            escalate_minutes,
            business_hours: business_hours.trim().to_string(),
            created_at: now,
            revoked_at: None,
        };
        let secret = format!("hps_{}", heart_crypto::random_token(32));
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::InsertPartner {
            row: row.clone(),
            secret: secret.as_bytes().to_vec(),
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "partner.add",
            "partner",
            &row.id.to_string(),
            &row.slug,
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::Duplicate(_) => AppError::field("name", "taken"),
            e => e.into(),
        })?;
        Ok((row, secret))
    }

    pub async fn partners(&self, actor: &Actor) -> AppResult<Vec<PartnerRow>> {
        actor.require(&[
            Capability::Admin,
            Capability::Coordinate,
            Capability::Dispatch,
        ])?;
        Ok(self.store.channels().partners().await?)
    }

    /// Takes a partner's signed alert: checks the signature, the body and the partner's rules, then holds it (the
    /// escalation timer), joins the open request about the same place, or opens a request. Nothing is written
    /// when anything is refused.
    pub async fn partner_alert(
        &self,
        partner_slug: &str,
        timestamp: Option<&str>,
        signature: Option<&str>,
        idempotency_key: Option<&str>,
        body: &[u8],
    ) -> Result<AlertAnswer, AlertRefusal> {
        let (partner, secret) = match self.partner_by_slug(partner_slug).await? {
            Some((p, s)) if p.revoked_at.is_none() => (p, s),
            _ => return Err(AlertRefusal::UnknownPartner),
        };
        let now = self.clock.now();
        verify_heart_signature(
            &secret,
            timestamp,
            signature,
            body,
            now.as_second(),
            self.config.channels.webhook_tolerance_secs,
        )
        .map_err(AlertRefusal::Signature)?;
        let input: AlertInput = serde_json::from_slice(body).map_err(|e| {
            // The kind of error and where, never the body.
            AlertRefusal::Malformed(format!(
                "{} at line {} column {}",
                match e.classify() {
                    serde_json::error::Category::Data =>
                        "a field has the wrong type or is not known",
                    serde_json::error::Category::Eof => "the body ends too soon",
                    _ => "the body is not JSON",
                },
                e.line(),
                e.column()
            ))
        })?;
        let alert = input
            .parse(|k| partner.kinds.iter().any(|x| x == k), now)
            .map_err(AlertRefusal::Invalid)?;
        // Where the partner wants to hear back: never inside our own network (checked again when sent).
        if let Some(cb) = &alert.callback
            && let Err(r) = self.outbound.check_saved(cb).await
        {
            let mut e = FieldErrors::default();
            e.add("callback", r.code());
            return Err(AlertRefusal::Invalid(e));
        }
        // With no key, the signature itself is the key: a replayed request (same time, same body) is the same
        // alert, never a second one.
        let key = match idempotency_key.map(str::trim) {
            Some(k) if !k.is_empty() => {
                if k.len() > 255 || !k.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(AlertRefusal::Invalid({
                        let mut e = FieldErrors::default();
                        e.add("Idempotency-Key", "invalid");
                        e
                    }));
                }
                hash(&format!("key\n{k}"))
            }
            _ => hash(&format!("sig\n{}", signature.unwrap_or_default())),
        };
        let fingerprint = fingerprint_of(body);
        if let Some(was) = self.store.channels().alert_by_key(partner.id, &key).await? {
            return self.replayed_alert(&secret, was, &fingerprint);
        }
        let place = place_key(&alert.place);
        if alert.cleared {
            return self
                .clear_held(
                    &partner,
                    &secret,
                    place.as_deref(),
                    key,
                    fingerprint,
                    &alert.kind,
                )
                .await;
        }
        let aid = PartnerAlertId::new();
        let token = status_token(&secret, aid);
        let began = alert.began.unwrap_or(now);
        // While the partner's staff are there (its business hours), they have looked: no timer.
        let staffed =
            crate::config::Hours::parse_short(&partner.business_hours, &self.config.hours.timezone)
                .map(|h| h.state(now).open)
                .unwrap_or(false);
        let wait = if staffed { 0 } else { partner.escalate_minutes };
        let due = began + minutes(wait);
        let mut row = PartnerAlertRow {
            id: aid,
            partner: partner.id,
            idem_key: Some(key),
            fingerprint,
            kind: alert.kind.clone(),
            state: "held".into(),
            request: None,
            received_at: now,
            due_at: None,
            held: None,
            callback: alert.callback.clone(),
        };
        let token_row = SenderTokenRow {
            request: None,
            alert: Some(aid),
            source: "partner".into(),
            kind: alert.kind.clone(),
            created_at: now,
        };
        if due > now {
            row.due_at = Some(due);
            row.held = Some(body.to_vec());
            let mut cs = ChangeSet::new()
                .op(Op::Channel(ChannelOp::InsertAlert { row, place }))
                .op(Op::Channel(ChannelOp::InsertToken {
                    hash: hash(&token),
                    row: token_row,
                }));
            cs.audit(AuditEntry::new(
                now,
                &format!("partner:{}", partner.id),
                "partner.alert.hold",
                "partner_alert",
                &aid.to_string(),
                &alert.kind,
            ));
            match self.store.apply(cs).await {
                Ok(()) => {}
                Err(StoreError::Duplicate("idempotency key")) => {
                    return Err(AppError::conflict(
                        "changed-meanwhile",
                        "the same alert arrived twice at once; send it again to see its state",
                    )
                    .into());
                }
                Err(e) => return Err(e.into()),
            }
            metrics::counter!("heart_partner_alerts_total", "state" => "waiting").increment(1);
            return Ok(AlertAnswer {
                alert: aid,
                state: "waiting",
                status_token: token,
                due_at: Some(due),
                replayed: false,
                cleared: 0,
                language: alert.language.clone(),
            });
        }
        let new = alert_request(self, &alert);
        let key = row.idem_key.clone().unwrap_or_default();
        let state = self
            .deliver(&partner, row, place, Some((hash(&token), token_row)), new)
            .await?;
        if state == RACED {
            let was = self.store.channels().alert_by_key(partner.id, &key).await?;
            return match was {
                Some(was) => self.replayed_alert(&secret, was, &fingerprint_of(body)),
                None => Err(AppError::conflict(
                    "changed-meanwhile",
                    "the same alert arrived twice at once; send it again to see its state",
                )
                .into()),
            };
        }
        metrics::counter!("heart_partner_alerts_total", "state" => state).increment(1);
        Ok(AlertAnswer {
            alert: aid,
            state,
            status_token: token,
            due_at: None,
            replayed: false,
            cleared: 0,
            language: alert.language.clone(),
        })
    }

    /// Opens a request for an alert, or joins the open one about the same place. `token` is a new token to
    /// write (a held alert's token exists already and is pointed at the request). Returns "received" or
    /// "joined", or `RACED` when another try with the same key wrote first.
    async fn deliver(
        &self,
        partner: &PartnerRow,
        mut row: PartnerAlertRow,
        place: Option<String>,
        token: Option<(String, SenderTokenRow)>,
        new: NewRequest,
    ) -> Result<&'static str, AlertRefusal> {
        let was_held = row.state == "held" && row.held.is_some() && token.is_none();
        let who = format!("partner:{}", partner.id);
        let nearby: Vec<String> = match &place {
            Some(_) => heart_domain::channels::nearby_keys(&new.location),
            None => Vec::new(),
        };
        // No lock per place: alerts that join (nearly all of a burst) commit together in one group; two that
        // would both open a request race on the place's compare and swap, and the loser joins the winner.
        for _ in 0..3 {
            let now = self.clock.now();
            let window = now - minutes(self.config.channels.dedupe_minutes);
            // The place's own cell first, then its neighbours: the first open request seen within the window.
            let hits = self.store.channels().places(&nearby).await?;
            let joined = hits
                .iter()
                .find(|h| h.index == 0)
                .map(|h| (h.request, h.last_at));
            let open_one = hits
                .iter()
                .find(|h| h.last_at >= window && h.status.is_open())
                .map(|h| (nearby[h.index].clone(), h.clone()));
            let mut ops: Vec<Op> = Vec::new();
            let token_ops = |rid: RequestId, ops: &mut Vec<Op>| {
                if let Some((h, t)) = &token {
                    let mut t = t.clone();
                    t.request = Some(rid);
                    ops.push(Op::Channel(ChannelOp::InsertToken {
                        hash: h.clone(),
                        row: t,
                    }));
                } else {
                    ops.push(Op::Channel(ChannelOp::PointTokens {
                        alert: row.id,
                        request: rid,
                    }));
                }
            };
            if let Some((joined_key, r)) = open_one {
                row.request = Some(r.request);
                let mut cs = ChangeSet::new();
                if was_held {
                    let mut moved = row.clone();
                    moved.state = "joined".into();
                    cs.push(Op::Channel(ChannelOp::MoveAlert {
                        row: moved,
                        from: "held",
                    }));
                } else {
                    let mut ins = row.clone();
                    ins.state = "joined".into();
                    cs.push(Op::Channel(ChannelOp::InsertAlert {
                        row: ins,
                        place: place.clone(),
                    }));
                }
                token_ops(r.request, &mut ops);
                for op in ops {
                    cs.push(op);
                }
                cs.push(Op::Channel(ChannelOp::TouchPlace {
                    place: joined_key,
                    at: now,
                }));
                cs.audit(AuditEntry::new(
                    now,
                    &who,
                    "request.alert_joined",
                    "request",
                    &r.request.to_string(),
                    &row.kind,
                ));
                match self.store.apply(cs).await {
                    Ok(()) => {}
                    // The same key raced in from a retry, which wrote it first.
                    Err(StoreError::Duplicate("idempotency key")) => return Ok(RACED),
                    Err(e) => return Err(e.into()),
                }
                self.publish(LiveEvent {
                    kind: EventKind::RequestUpdated,
                    id: r.request.to_string(),
                    team: r.team.map(|t| t.to_string()),
                });
                return Ok("joined");
            }
            let rid = RequestId::new();
            row.request = Some(rid);
            let mut extra = Vec::new();
            if let Some(p) = &place {
                extra.push(Op::Channel(ChannelOp::ClaimPlace {
                    place: p.clone(),
                    request: rid,
                    expect: joined.map(|(r, _)| r),
                    at: now,
                }));
            }
            if was_held {
                let mut moved = row.clone();
                moved.state = "sent".into();
                extra.push(Op::Channel(ChannelOp::MoveAlert {
                    row: moved,
                    from: "held",
                }));
            } else {
                let mut ins = row.clone();
                ins.state = "sent".into();
                extra.push(Op::Channel(ChannelOp::InsertAlert {
                    row: ins,
                    place: place.clone(),
                }));
            }
            token_ops(rid, &mut ops);
            extra.extend(ops);
            let actor = Actor {
                kind: ActorKind::Partner(partner.id),
                caps: heart_domain::access::Capabilities::empty(),
                team: None,
                organization: None,
                name: String::new(),
            };
            match self.open_request(&actor, new.clone(), rid, extra).await {
                Ok(_) => return Ok("received"),
                // Another alert about this place opened a request first: join that one.
                Err(OpenError::Store(StoreError::Duplicate("place"))) => continue,
                Err(OpenError::Store(StoreError::Duplicate("idempotency key"))) => {
                    return Ok(RACED);
                }
                Err(OpenError::Store(StoreError::Conflict)) if was_held => return Ok("received"),
                Err(OpenError::Store(e)) => return Err(e.into()),
                Err(OpenError::App(e)) => return Err(e.into()),
            }
        }
        Err(AppError::conflict(
            "changed-meanwhile",
            "alerts about this place keep racing; try again",
        )
        .into())
    }

    fn replayed_alert(
        &self,
        secret: &[u8],
        was: PartnerAlertRow,
        fingerprint: &str,
    ) -> Result<AlertAnswer, AlertRefusal> {
        if was.fingerprint != fingerprint {
            return Err(AlertRefusal::KeyReused);
        }
        Ok(AlertAnswer {
            alert: was.id,
            state: match was.state.as_str() {
                "held" => "waiting",
                "joined" => "joined",
                "cleared" => "cleared",
                _ => "received",
            },
            status_token: status_token(secret, was.id),
            due_at: was.due_at.filter(|_| was.state == "held"),
            replayed: true,
            cleared: 0,
            language: None,
        })
    }

    /// A `cleared` alert: drops what the partner holds about the place (the person left before the timer ran
    /// out). A request already open is left to the team.
    async fn clear_held(
        &self,
        partner: &PartnerRow,
        secret: &[u8],
        place: Option<&str>,
        key: String,
        fingerprint: String,
        kind: &str,
    ) -> Result<AlertAnswer, AlertRefusal> {
        let now = self.clock.now();
        let held = match place {
            Some(p) => self.store.channels().alerts_held_at(partner.id, p).await?,
            None => Vec::new(),
        };
        let aid = PartnerAlertId::new();
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::InsertAlert {
            row: PartnerAlertRow {
                id: aid,
                partner: partner.id,
                idem_key: Some(key),
                fingerprint,
                kind: kind.to_string(),
                state: "cleared".into(),
                request: None,
                received_at: now,
                due_at: None,
                held: None,
                callback: None,
            },
            place: None,
        }));
        for mut a in held.iter().cloned() {
            a.state = "cleared".into();
            cs.push(Op::Channel(ChannelOp::MoveAlert {
                row: a,
                from: "held",
            }));
        }
        cs.audit(AuditEntry::new(
            now,
            &format!("partner:{}", partner.id),
            "partner.alert.clear",
            "partner_alert",
            &aid.to_string(),
            &held.len().to_string(),
        ));
        match self.store.apply(cs).await {
            Ok(()) => {}
            // One of them was sent meanwhile: nothing cleared; say so by the count of a fresh try.
            Err(StoreError::Conflict) => {
                return Err(AppError::conflict(
                    "changed-meanwhile",
                    "a held alert was sent meanwhile; send again to clear the rest",
                )
                .into());
            }
            Err(e) => return Err(e.into()),
        }
        Ok(AlertAnswer {
            alert: aid,
            state: "cleared",
            status_token: status_token(secret, aid),
            due_at: None,
            replayed: false,
            cleared: held.len(),
            language: None,
        })
    }

    /// Held alerts whose time is up become requests (or join one). Run by a timer; returns how many.
    pub async fn send_due_alerts(&self) -> AppResult<usize> {
        let now = self.clock.now();
        let due = self.store.channels().alerts_due(now, 100).await?;
        if due.is_empty() {
            return Ok(0);
        }
        let partners = self.store.channels().partners().await?;
        let mut n = 0;
        for a in due {
            let Some(body) = a.held.clone() else { continue };
            let Some(partner) = partners.iter().find(|p| p.id == a.partner).cloned() else {
                continue;
            };
            let Ok(input) = serde_json::from_slice::<AlertInput>(&body) else {
                continue;
            };
            let Ok(alert) = input.parse(|_| true, now) else {
                continue;
            };
            let place = place_key(&alert.place);
            let new = alert_request(self, &alert);
            let (aid, has_callback) = (a.id, a.callback.is_some());
            match self.deliver(&partner, a, place, None, new).await {
                Ok(_) => {
                    n += 1;
                    if has_callback {
                        self.queue_callbacks(&[aid], Progress::Received).await;
                    }
                }
                Err(AlertRefusal::App(e)) => return Err(e),
                Err(_) => {}
            }
        }
        Ok(n)
    }

    /// What a status token shows (no personal data); `None` for an unknown token.
    pub async fn status_of(&self, token: &str) -> AppResult<Option<StatusView>> {
        if token.len() > 200 {
            return Ok(None);
        }
        let Some(t) = self.store.channels().token(&hash(token)).await? else {
            return Ok(None);
        };
        if let Some(rid) = t.request {
            let Some(r) = self.store.request(rid).await? else {
                return Ok(None);
            };
            return Ok(Some(StatusView {
                progress: Progress::of(r.status),
                kind: t.kind,
                source: t.source,
                since: t.created_at,
                updated_at: Some(r.updated_at),
            }));
        }
        let alert = match t.alert {
            Some(a) => self.store.channels().alert(a).await?,
            None => None,
        };
        Ok(alert.map(|a| StatusView {
            progress: if a.state == "cleared" {
                Progress::Closed
            } else {
                Progress::Waiting
            },
            kind: t.kind,
            source: t.source,
            since: t.created_at,
            updated_at: None,
        }))
    }

    // ---- partners' callbacks ----

    /// After a request moved: a notice for every partner alert about it that gave a callback (no personal data:
    /// the alert, how far along, when). Written on its own after the move (a partner that is down never holds up
    /// dispatch).
    pub(crate) async fn notify_partners(&self, r: &RequestRow, progress: Progress) {
        let alerts = match self.store.channels().alerts_with_callback(r.id).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "partner callbacks could not be read");
                return;
            }
        };
        let ids: Vec<PartnerAlertId> = alerts.iter().map(|a| a.id).collect();
        self.queue_callbacks(&ids, progress).await;
    }

    async fn queue_callbacks(&self, alerts: &[PartnerAlertId], progress: Progress) {
        if alerts.is_empty() {
            return;
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new();
        for a in alerts {
            let body = serde_json::json!({"alert": a, "progress": progress, "at": now}).to_string();
            cs.push(Op::Channel(ChannelOp::QueueCallback {
                id: heart_domain::ids::CallbackId::new(),
                alert: *a,
                body,
                at: now,
            }));
        }
        if let Err(e) = self.store.apply(cs).await {
            tracing::warn!(error = %e, "partner callbacks could not be queued");
        }
    }

    /// Sends the notices due to partners' callbacks, signed as partners sign their alerts (`X-Heart-Timestamp`,
    /// `X-Heart-Signature` with the partner's secret); a partner that is down is tried again with back-off.
    pub async fn send_due_callbacks(&self) -> AppResult<usize> {
        let now = self.clock.now();
        let due = self.store.channels().callbacks_due(now, 50).await?;
        let sender = self.outbound.sender();
        let mut sent = 0;
        for c in due {
            // Taken first, so two nodes never send the same callback (the other skips it).
            let claim = ChangeSet::new().op(Op::Channel(ChannelOp::ClaimCallback {
                id: c.id,
                was: c.next_at,
                until: self.clock.now() + jiff::SignedDuration::from_secs(300),
            }));
            match self.store.apply(claim).await {
                Ok(()) => {}
                Err(StoreError::Conflict) => continue,
                Err(e) => return Err(e.into()),
            }
            let Some((partner, secret)) = self.partner_by_slug(&c.slug).await? else {
                continue;
            };
            let attempts = c.attempts + 1;
            let settle =
                |status: &'static str, next_at: Option<Timestamp>, error: Option<String>| {
                    ChangeSet::new().op(Op::Channel(ChannelOp::SettleCallback {
                        id: c.id,
                        status,
                        attempts,
                        next_at,
                        error,
                        at: now,
                    }))
                };
            if partner.revoked_at.is_some() {
                self.settle_callback(settle("failed", None, Some("revoked".into())))
                    .await?;
                continue;
            }
            let n = post_signed(
                &sender,
                &c.url,
                &secret,
                None,
                c.body.clone(),
                c.attempts,
                now,
            )
            .await;
            if n.status == "sent" {
                sent += 1;
            }
            self.settle_callback(settle(n.status, n.next_at, n.error))
                .await?;
        }
        Ok(sent)
    }

    async fn settle_callback(&self, cs: ChangeSet) -> AppResult<()> {
        match self.store.apply(cs).await {
            Ok(()) | Err(StoreError::Conflict) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    // ---- acknowledgement ----

    /// A person on the team says "seen, we have it".
    pub async fn acknowledge(&self, actor: &Actor, id: RequestId) -> AppResult<()> {
        actor.require(&[Capability::Intake, Capability::Dispatch])?;
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Err(AppError::conflict(
                "people-only",
                "only a person signed in can acknowledge a request",
            ));
        }
        let row = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let who = actor.audit_name();
        let mut cs = ChangeSet::new().op(ack_op(&row, now, &who));
        cs.audit(AuditEntry::new(
            now,
            &who,
            "request.acknowledge",
            "request",
            &id.to_string(),
            row.channel.as_str(),
        ));
        self.store.apply(cs).await?;
        self.publish(LiveEvent {
            kind: EventKind::RequestUpdated,
            id: id.to_string(),
            team: row.team_id.map(|t| t.to_string()),
        });
        Ok(())
    }

    /// Time from arrival to first acknowledgement per channel (last 30 days), and what waits now.
    pub async fn ack_clock(&self, actor: &Actor) -> AppResult<AckClock> {
        actor.require(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Coordinate,
        ])?;
        let now = self.clock.now();
        let target = self.config.channels.ack_target_minutes * 60;
        let since = now - jiff::SignedDuration::from_hours(24 * 30);
        let acks = self.store.channels().acks_since(since).await?;
        let mut channels = Vec::new();
        for c in Channel::ALL {
            let mut secs: Vec<i64> = acks
                .iter()
                .filter(|a| a.channel == c)
                .map(|a| crate::requests::seconds_between(a.received_at, a.acked_at).max(0))
                .collect();
            if secs.is_empty() {
                continue;
            }
            secs.sort_unstable();
            let at = |q: f64| secs[((secs.len() - 1) as f64 * q).round() as usize];
            let within = secs.iter().filter(|s| **s <= target).count();
            channels.push(ChannelAck {
                channel: c.as_str(),
                count: secs.len(),
                median_secs: at(0.5),
                p90_secs: at(0.9),
                within_target_pct: u32::try_from(within * 100 / secs.len()).unwrap_or(100),
            });
        }
        let acked: std::collections::HashSet<RequestId> = self
            .store
            .channels()
            .acks_open()
            .await?
            .into_iter()
            .map(|a| a.request)
            .collect();
        let mut waiting: Vec<Unacked> = self
            .store
            .open_requests()
            .await?
            .into_iter()
            // A team already with the person is a reply, whoever acknowledged it.
            .filter(|r| !acked.contains(&r.id) && r.team_id.is_none())
            .map(|r| {
                let w = crate::requests::seconds_between(r.created_at, now).max(0);
                Unacked {
                    id: r.id,
                    channel: r.channel.as_str(),
                    outcome: r.triage.outcome,
                    priority: r.triage.priority,
                    waiting_secs: w,
                    over_target: w > target,
                }
            })
            .collect();
        waiting.sort_by_key(|w| std::cmp::Reverse(w.waiting_secs));
        Ok(AckClock {
            target_minutes: self.config.channels.ack_target_minutes,
            channels,
            waiting,
        })
    }

    // ---- Open311 GeoReport v2 ----

    /// The token's holder, if it may hand requests in (`submit`, or `intake`); otherwise the spec's 403.
    pub async fn open311_actor(&self, api_key: Option<&str>) -> Result<Actor, Open311Error> {
        let key = api_key.map(str::trim).filter(|k| !k.is_empty());
        let Some(key) = key else {
            return Err(Open311Error::new(403, "api_key is missing"));
        };
        match self.token_actor(key).await {
            Ok(Some(a)) if a.caps.has_any(&[Capability::Submit, Capability::Intake]) => Ok(a),
            Ok(Some(_)) => Err(Open311Error::new(
                403,
                "this api_key may not create requests",
            )),
            Ok(None) => Err(Open311Error::new(403, "api_key is not valid")),
            Err(_) => Err(Open311Error::new(503, "try again shortly")),
        }
    }

    /// Creates a request from a 311 system; returns it and a token for `tokens/{token}` and `/status/{token}`.
    pub async fn open311_create(
        &self,
        actor: &Actor,
        post: Open311Post,
    ) -> Result<(RequestRow, String), Open311Error> {
        let (mut new, kind) = post.to_request(&self.script)?;
        // What the report's words say (it is freezing, 20F) answers what the report itself left open.
        for (q, a) in self.script.answers_from_text(&new.summary) {
            new.answers.entry(q).or_insert(a);
        }
        let token = heart_crypto::random_token(24);
        let now = self.clock.now();
        let rid = RequestId::new();
        let extra = vec![Op::Channel(ChannelOp::InsertToken {
            hash: hash(&token),
            row: SenderTokenRow {
                request: Some(rid),
                alert: None,
                source: "open311".into(),
                kind: kind.code.clone(),
                created_at: now,
            },
        })];
        let row = self
            .open_request(actor, new, rid, extra)
            .await
            .map_err(|e| match e {
                OpenError::App(AppError::Invalid(f)) => {
                    let field = f.0.keys().next().cloned().unwrap_or_default();
                    Open311Error::new(400, format!("{field} is not valid"))
                }
                _ => Open311Error::new(503, "the request could not be saved; try again shortly"),
            })?;
        Ok((row, token))
    }

    /// Requests made through Open311 in [start, end) (at most 90 days), newest first.
    pub async fn open311_requests(
        &self,
        start: Option<Timestamp>,
        end: Option<Timestamp>,
    ) -> Result<Vec<OutsideRow>, Open311Error> {
        let now = self.clock.now();
        let window = jiff::SignedDuration::from_hours(24 * 90);
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) => (s, e),
            (Some(s), None) => (s, (s + window).min(now)),
            (None, Some(e)) => (e - window, e),
            (None, None) => (now - window, now),
        };
        if end < start {
            return Err(Open311Error::new(400, "end_date is before start_date"));
        }
        if end.duration_since(start) > window {
            return Err(Open311Error::new(
                400,
                "start_date and end_date may be at most 90 days apart",
            ));
        }
        // Inclusive end (a whole second).
        let end = end + jiff::SignedDuration::from_secs(1);
        self.store
            .channels()
            .outside_requests("open311", start, end, 1000)
            .await
            .map_err(|_| Open311Error::new(503, "try again shortly"))
    }

    pub async fn open311_request(&self, id: RequestId) -> AppResult<Option<OutsideRow>> {
        Ok(self.store.channels().outside_request("open311", id).await?)
    }

    /// The request an Open311 token stands for.
    pub async fn open311_token(&self, token: &str) -> AppResult<Option<RequestId>> {
        let t = self.store.channels().token(&hash(token)).await?;
        Ok(t.filter(|t| t.source == "open311").and_then(|t| t.request))
    }
}

/// The status token of a partner's alert: derived from the partner's secret, so a retried alert gets the same
/// URL back without heart keeping the token.
fn status_token(secret: &[u8], alert: PartnerAlertId) -> String {
    heart_crypto::hmac_sha256_hex(secret, format!("status:{alert}").as_bytes())
}

/// The request an alert opens: the partner's words, the place, the kind's screening answers, and those its words
/// give ("freezing", "19F": exposed to weather).
fn alert_request(app: &App, alert: &heart_domain::channels::Alert) -> NewRequest {
    let kind = app.script.kind(&alert.kind);
    let summary = match (&alert.text, kind) {
        (Some(t), _) => t.clone(),
        (None, Some(k)) => k.name.clone(),
        (None, None) => alert.kind.clone(),
    };
    NewRequest {
        channel: Channel::Partner,
        requester: Requester::Partner,
        summary,
        location: alert.place.clone(),
        contact: Contact::default(),
        safe_contact: SafeContact::default(),
        language: alert.language.clone().unwrap_or_else(|| "en".into()),
        answers: {
            let mut answers = kind.map(|k| k.answers.clone()).unwrap_or_default();
            if let Some(text) = &alert.text {
                for (q, a) in app.script.answers_from_text(text) {
                    answers.entry(q).or_insert(a);
                }
            }
            answers
        },
    }
}
