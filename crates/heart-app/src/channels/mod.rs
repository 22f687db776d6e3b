//! Every way in besides the form and the phone: partners' signed alerts (held by their escalation timer, joined
//! by place), Open311 requests from a city's 311 system, senders' status pages, the "we are full" switch, and the
//! acknowledgement clock. Every channel lands in the one intake queue (`open_request`), with its channel recorded.

use crate::IntoViews;
use crate::config::OpenState;
use crate::intake::OpenError;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_crypto::webhook::{WebhookError, verify_heart_signature};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::channels::{AlertInput, Open311Error, Open311Post, Progress, place_key, slug};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{PartnerAlertId, PartnerId, RequestId};
use heart_domain::intake::{Channel, Contact, FieldErrors, NewRequest, Requester, SafeContact};
use heart_domain::text::Words;
use heart_domain::time::Timestamp;
use heart_store::channels::{
    AckRow, ChannelOp, FullRow, PartnerAlertRow, PartnerRow, PartnerSecret, ReplyOp, SenderTokenRow,
};
use heart_store::outbox::{Outbox, Try};
use heart_store::{ChangeSet, Op, RequestRow, StoreError};
use serde::{Deserialize, Serialize};

crate::view! {
    /// A request a partner or the city handed in, as they may see it (status and times, never its contents).
    OutsideRequest from heart_store::channels::OutsideRow {
        id: heart_domain::ids::RequestId,
        kind: String,
        status: heart_domain::dispatch::Status,
        created_at: heart_domain::time::Timestamp,
        updated_at: heart_domain::time::Timestamp,
    }
}

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
    /// After `heart partner rotate`, a partner's old secret keeps verifying for this many minutes (0-10080).
    pub partner_rotate_grace_minutes: i64,
}

impl Default for ChannelsConfig {
    fn default() -> Self {
        ChannelsConfig {
            dedupe_minutes: 30,
            ack_target_minutes: 15,
            webhook_tolerance_secs: 300,
            full_max_hours: 12,
            open311_jurisdiction: "cambridge.ma.us".into(),
            partner_rotate_grace_minutes: 60,
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
    Op::Channel(ChannelOp::Reply(ReplyOp::Ack {
        row: AckRow {
            request: row.id,
            channel: row.channel,
            received_at: row.created_at,
            acked_at: now,
        },
        actor: who.to_string(),
    }))
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

type PartnerEntry = (PartnerRow, PartnerSecret, std::time::Instant);

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
) -> Try {
    let failed = |error: String| Try::Failed { error };
    if let Err(r) = sender.policy.check_url(url) {
        return failed(r.code().replace('_', " "));
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
        Err(e) if crate::outbound::Outbound::refused(&e) => failed("internal address".into()),
        Ok(r) if r.status().is_success() => Try::Sent { provider_ref: None },
        Ok(r) if r.status().is_client_error() && r.status().as_u16() != 429 => {
            failed(r.status().as_u16().to_string())
        }
        other => {
            let why = match other {
                Ok(r) => r.status().as_u16().to_string(),
                Err(_) => "unreachable".to_string(),
            };
            if attempts_before + 1 >= crate::sms::MAX_ATTEMPTS {
                failed(why)
            } else {
                Try::Again {
                    next_at: now
                        + jiff::SignedDuration::from_secs(crate::sms::backoff_secs(
                            attempts_before,
                        )),
                    error: why,
                }
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
    async fn partner_by_slug(&self, slug: &str) -> AppResult<Option<(PartnerRow, PartnerSecret)>> {
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
        let mut cs =
            ChangeSet::new().op(Op::Channel(ChannelOp::Reply(ReplyOp::SetFull(FullRow {
                until,
                set_at: now,
                set_by: who.clone(),
            }))));
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
}

mod acknowledgement;
mod callbacks;
mod open311;
mod partners;

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
