//! Alerts to phones (Web Push, RFC 8030): a person turns alerts on per device; what happens to the team (a new
//! request nobody is watching, an assignment, "need help", a lapsed check-in) is queued in the same change set as
//! the event, one row per device, and sent by one node (the shared outbox claim) encrypted for the device (RFC
//! 8291, aes128gcm) and signed with the deployment's VAPID key (RFC 8292). An alert carries no personal data: its
//! kind, the priority, the neighbourhood at most, and a link. A device the push service says is gone (404, 410) is
//! dropped.

use crate::{Actor, ActorKind, App, AppError, AppResult};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{TeamId, UserId};
use heart_domain::time::Timestamp;
use heart_store::outbox::{Outbox, Try};
use heart_store::push::{PushOp, PushRow, SubscriptionRow};
use heart_store::{ChangeSet, Op};
use std::sync::Arc;
use web_push_native::jwt_simple::algorithms::ES256KeyPair;

mod ways;
pub use ways::{AlertWays, AlertWaysInput};

/// Who may have alerts on a phone: the team (a partner's account and a system that hands requests in may not).
const TEAM: [Capability; 6] = [
    Capability::Intake,
    Capability::Dispatch,
    Capability::Respond,
    Capability::Coordinate,
    Capability::Admin,
    Capability::Finance,
];

/// Alerts sent at once by one node.
const SENDING_AT_ONCE: usize = 16;

/// Tries before an alert is given up (an alert hours late is no use: the last try is about half an hour on).
const TRIES: i64 = 6;

/// The deployment's VAPID key and the contact the push services may use.
#[derive(Clone)]
pub struct PushConfig {
    pub vapid: Option<Arc<ES256KeyPair>>,
    /// `mailto:` or `https:` (RFC 8292's `sub`).
    pub contact: String,
}

impl Default for PushConfig {
    fn default() -> Self {
        PushConfig {
            vapid: None,
            contact: "mailto:heart@localhost.invalid".into(),
        }
    }
}

impl PushConfig {
    /// With a new VAPID key held in memory only (tests; a server keeps its key in a file, `open_vapid`).
    pub fn with_new_key(contact: &str) -> Self {
        PushConfig {
            vapid: Some(Arc::new(ES256KeyPair::generate())),
            contact: contact.into(),
        }
    }
}

impl std::fmt::Debug for PushConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushConfig")
            .field("vapid", &self.vapid.is_some())
            .field("contact", &self.contact)
            .finish()
    }
}

/// The VAPID key pair kept at `path` (beside the key file), made on first start (mode 0600). Every node of a
/// deployment needs the same file: a device's subscription is bound to its public key.
pub fn open_vapid(path: &std::path::Path) -> Result<(ES256KeyPair, bool), String> {
    if path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| "not a VAPID key".to_string())?;
        let kp = ES256KeyPair::from_bytes(&bytes).map_err(|_| "not a VAPID key".to_string())?;
        return Ok((kp, false));
    }
    let kp = ES256KeyPair::generate();
    let text = URL_SAFE_NO_PAD.encode(kp.to_bytes());
    write_private(path, &text).map_err(|e| format!("cannot write: {e}"))?;
    Ok((kp, true))
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// What happened, as an alert names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PushKind {
    NewRequest,
    Assigned,
    NeedHelp,
    CheckinLapsed,
    /// A shift of the person's begins within a day.
    ShiftReminder,
    /// A handover was left for the next shift.
    Handover,
    /// Some supplies are low or expire within 30 days (the day's alert to coordinators).
    Supplies,
    /// A place on the rota goes past someone's hours or rest.
    RotaStrain,
}

impl PushKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PushKind::NewRequest => "new_request",
            PushKind::Assigned => "assigned",
            PushKind::NeedHelp => "need_help",
            PushKind::CheckinLapsed => "checkin_lapsed",
            PushKind::ShiftReminder => "shift_reminder",
            PushKind::Handover => "handover",
            PushKind::Supplies => "supplies",
            PushKind::RotaStrain => "rota_strain",
        }
    }

    pub fn parse(s: &str) -> Option<PushKind> {
        [
            PushKind::NewRequest,
            PushKind::Assigned,
            PushKind::NeedHelp,
            PushKind::CheckinLapsed,
            PushKind::ShiftReminder,
            PushKind::Handover,
            PushKind::Supplies,
            PushKind::RotaStrain,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// The alert's words when the person's page gave none (the service worker has the same).
    pub fn english(self) -> &'static str {
        match self {
            PushKind::NewRequest => "A new request is waiting.",
            PushKind::Assigned => "Your team has a request.",
            PushKind::NeedHelp => "A team asked for help.",
            PushKind::CheckinLapsed => "A team on scene has not checked in.",
            PushKind::ShiftReminder => "You have a shift within a day. See the rota.",
            PushKind::Handover => "The last shift left a handover for you.",
            PushKind::Supplies => "Some supplies are low or expire soon. See the supplies page.",
            PushKind::RotaStrain => "A shift goes past someone's hours or rest. See the rota.",
        }
    }
}

/// The whole of an alert: nothing about a person.
#[derive(serde::Serialize)]
struct Payload<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    neighbourhood: Option<&'a str>,
    link: &'a str,
}

/// The person alerts go to: someone on the team, signed in or through a token made for them.
fn alert_person(actor: &Actor) -> AppResult<UserId> {
    actor.require(&TEAM)?;
    match actor.kind {
        ActorKind::User(u) => Ok(u),
        _ => Err(AppError::conflict(
            "people-only",
            "alerts go to a person's own devices: sign in, or use a token made for a person",
        )),
    }
}

/// The JSON an alert carries, the same for a device and an email.
fn payload(
    kind: PushKind,
    priority: Option<u8>,
    neighbourhood: Option<&str>,
    link: &str,
) -> AppResult<String> {
    serde_json::to_string(&Payload {
        kind: kind.as_str(),
        priority,
        neighbourhood,
        link,
    })
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// An alert as queued, read back to write it as an email.
#[derive(serde::Deserialize)]
struct Queued {
    kind: String,
    #[serde(default)]
    priority: Option<u8>,
    #[serde(default)]
    neighbourhood: Option<String>,
    link: String,
}

/// A device as the browser's `PushSubscription` gives it.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = PushSubscriptionBody))]
#[serde(deny_unknown_fields)]
pub struct SubscriptionInput {
    /// The push service's URL for this device (https).
    pub endpoint: Option<String>,
    pub keys: Option<SubscriptionKeys>,
    /// Sent by browsers (null); not used.
    #[serde(default, rename = "expirationTime")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub expiration_time: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = PushKeysBody))]
#[serde(deny_unknown_fields)]
pub struct SubscriptionKeys {
    /// The device's P-256 public key: base64url of the 65-byte uncompressed point.
    pub p256dh: Option<String>,
    /// The device's auth secret: base64url of 16 bytes.
    pub auth: Option<String>,
}

/// After a try that may work later: again in 10 s, 40 s, 2.5 min, 10 min, 40 min, then given up.
fn again(attempts: i64, now: Timestamp, error: String) -> Try {
    if attempts >= TRIES {
        Try::Failed { error }
    } else {
        let wait = 10 * 4i64.pow((attempts - 1).clamp(0, 5) as u32);
        Try::Again {
            next_at: now + jiff::SignedDuration::from_secs(wait),
            error,
        }
    }
}

fn decoded(v: Option<&str>, len: usize) -> Option<Vec<u8>> {
    let b = URL_SAFE_NO_PAD
        .decode(v?.trim().trim_end_matches('='))
        .ok()?;
    (b.len() == len).then_some(b)
}

/// How long "no device is subscribed anywhere" is used from memory: a first device subscribed on another node is
/// heard of by new requests within this long (one subscribed on this node at once), as other changes made beside
/// a running server are.
const NO_DEVICE_FRESH: std::time::Duration = std::time::Duration::from_secs(1);

impl App {
    /// Whether alerts to phones are on (a VAPID key was opened).
    pub fn push_on(&self) -> bool {
        self.config.push.vapid.is_some()
    }

    /// The VAPID public key for someone on the team to subscribe with (`None`: alerts are not set up).
    pub fn push_key_for(&self, actor: &Actor) -> AppResult<Option<String>> {
        actor.require(&TEAM)?;
        Ok(self.push_public_key())
    }

    /// The VAPID public key a browser subscribes with: base64url (no padding) of the 65-byte uncompressed point.
    pub fn push_public_key(&self) -> Option<String> {
        let kp = self.config.push.vapid.as_ref()?;
        use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
        let key =
            web_push_native::p256::PublicKey::from_sec1_bytes(&kp.public_key().to_bytes()).ok()?;
        Some(URL_SAFE_NO_PAD.encode(key.to_encoded_point(false).as_bytes()))
    }

    /// A person turns alerts on for one device. The endpoint must be https and outside the network (the same
    /// outbound policy as partners' callbacks), checked now and again at each send.
    pub async fn push_subscribe(&self, actor: &Actor, input: SubscriptionInput) -> AppResult<()> {
        let user = alert_person(actor)?;
        if !self.push_on() {
            return Err(AppError::conflict(
                "push-off",
                "alerts to phones are not set up",
            ));
        }
        let mut e = heart_domain::intake::FieldErrors::default();
        let endpoint = match input.endpoint.as_deref().map(str::trim) {
            None | Some("") => {
                e.add("endpoint", "required");
                None
            }
            Some(url) => match self.outbound.check_saved(url).await {
                Ok(u) => Some(u.to_string()),
                Err(r) => {
                    e.add("endpoint", r.code());
                    None
                }
            },
        };
        let keys = input.keys.unwrap_or_default();
        // An uncompressed point (0x04, x, y) that is on the curve.
        let point = decoded(keys.p256dh.as_deref(), 65).filter(|b| b[0] == 4);
        if point.is_none_or(|b| web_push_native::p256::PublicKey::from_sec1_bytes(&b).is_err()) {
            e.add("keys.p256dh", "invalid");
        }
        if decoded(keys.auth.as_deref(), 16).is_none() {
            e.add("keys.auth", "invalid");
        }
        let (Some(endpoint), true) = (endpoint, e.0.is_empty()) else {
            return Err(AppError::Invalid(e));
        };
        let now = self.clock.now();
        let row = SubscriptionRow {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: user,
            endpoint,
            p256dh: keys.p256dh.unwrap_or_default().trim().to_string(),
            auth: keys.auth.unwrap_or_default().trim().to_string(),
            created_at: now,
        };
        let mut cs = ChangeSet::new().op(Op::Push(PushOp::Subscribe(row)));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "push.subscribe",
            "user",
            &user.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        // A device here is heard of at once by the next request.
        if let Ok(mut c) = self.no_device_seen.lock() {
            *c = None;
        }
        Ok(())
    }

    /// A person turns alerts off for one device of theirs (`NotFound` when it is not theirs or not there).
    pub async fn push_unsubscribe(&self, actor: &Actor, endpoint: Option<&str>) -> AppResult<()> {
        let user = alert_person(actor)?;
        let endpoint = endpoint
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .ok_or_else(|| AppError::field("endpoint", "required"))?;
        let endpoint = reqwest::Url::parse(endpoint)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| endpoint.to_string());
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Push(PushOp::Unsubscribe { user, endpoint }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "push.unsubscribe",
            "user",
            &user.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// How many devices the person has turned alerts on for.
    pub async fn push_devices(&self, actor: &Actor) -> AppResult<i64> {
        match actor.kind {
            ActorKind::User(u) => Ok(self.store.push().subscription_count(u).await?),
            _ => Ok(0),
        }
    }

    /// The op that queues an alert to every device of `users` (none when alerts are off or nobody has a device).
    pub(crate) async fn push_op(
        &self,
        users: &[UserId],
        kind: PushKind,
        priority: Option<u8>,
        neighbourhood: Option<&str>,
        link: &str,
    ) -> AppResult<Option<Op>> {
        if !self.push_on() || users.is_empty() {
            return Ok(None);
        }
        let devices = self.store.push().subscriptions_of(users).await?;
        if devices.is_empty() {
            return Ok(None);
        }
        let body = payload(kind, priority, neighbourhood, link)?;
        let now = self.clock.now();
        let rows = devices
            .into_iter()
            .map(|d| PushRow {
                id: uuid::Uuid::now_v7().to_string(),
                subscription_id: d.id,
                channel: "push".into(),
                kind: kind.as_str().to_string(),
                body: body.clone(),
                attempts: 0,
                next_at: now,
                created_at: now,
            })
            .collect();
        Ok(Some(Op::Push(PushOp::Queue(rows))))
    }

    /// Whether any device is subscribed, on any node. "None" is used from memory for [`NO_DEVICE_FRESH`]: it was
    /// a read through the pool on every request taken (about 9% of the server's time under intake load).
    async fn any_device(&self) -> AppResult<bool> {
        if let Ok(c) = self.no_device_seen.lock()
            && c.is_some_and(|at| at.elapsed() < NO_DEVICE_FRESH)
        {
            return Ok(false);
        }
        let any = self.store.push().any_device().await?;
        if let Ok(mut c) = self.no_device_seen.lock() {
            *c = (!any).then(std::time::Instant::now);
        }
        Ok(any)
    }

    /// A new request, to the people on shift; outside every shift, to the people on call. (Cheap to ask first
    /// whether anyone could hear it, since it comes with every request taken.)
    pub(crate) async fn new_request_alerts(
        &self,
        row: &heart_store::RequestRow,
    ) -> AppResult<Vec<Op>> {
        let others = self.config.sms.provider != "none" || self.mail_on();
        if !others && (!self.push_on() || !self.any_device().await?) {
            return Ok(Vec::new());
        }
        // (`alert_ops` leaves out accounts that are disabled.)
        let mut people = self.on_shift_people().await?;
        if people.is_empty() {
            people = self.store.push().on_call().await?;
        }
        let hood = self.hood(row);
        self.alert_ops(
            &people,
            PushKind::NewRequest,
            row.triage.priority,
            hood.as_deref(),
            "/responder",
        )
        .await
    }

    /// The neighbourhood of a request's point, unless its place is withheld: the most an alert says of where.
    pub(crate) fn hood(&self, row: &heart_store::RequestRow) -> Option<String> {
        self.hood_at(&row.location)
    }

    /// The neighbourhood a place is in, unless it is withheld.
    pub(crate) fn hood_at(&self, l: &heart_domain::intake::Location) -> Option<String> {
        if l.withheld {
            return None;
        }
        let p = heart_geo::LatLon::new(l.lat?, l.lon?);
        Some(self.geo()?.neighbourhood(p)?.to_string())
    }

    /// What the figures count of a new request: its neighbourhood, and whether the team is open, full or closed.
    pub(crate) async fn facts_of(
        &self,
        l: &heart_domain::intake::Location,
    ) -> heart_store::RequestFacts {
        heart_store::RequestFacts {
            neighbourhood: self.hood_at(l),
            availability: Some(self.open_state().await.availability()),
        }
    }

    /// The members of a team (responders on it).
    pub(crate) async fn team_people(&self, team: TeamId) -> AppResult<Vec<UserId>> {
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| {
                u.active && u.team_id == Some(team) && u.capabilities.has(Capability::Respond)
            })
            .map(|u| u.id)
            .collect())
    }

    /// Dispatch, and the members of the teams on shift other than `team`: who hears "need help".
    pub(crate) async fn safety_people(&self, team: TeamId) -> AppResult<Vec<UserId>> {
        let on: Vec<TeamId> = self
            .teams_now()
            .await?
            .into_iter()
            .filter(|t| t.on_shift && t.row.id != team)
            .map(|t| t.row.id)
            .collect();
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.active)
            .filter(|u| {
                u.capabilities.has(Capability::Dispatch)
                    || (u.capabilities.has(Capability::Respond)
                        && u.team_id.is_some_and(|t| on.contains(&t)))
            })
            .map(|u| u.id)
            .collect())
    }

    /// The people of the next shift: in each team's first shift that begins within a day, everyone with a place
    /// in it but `except` (who wrote the handover).
    pub(crate) async fn next_shift_people(&self, except: Option<UserId>) -> AppResult<Vec<UserId>> {
        let now = self.clock.now();
        let until = now + jiff::SignedDuration::from_hours(24);
        let mut first: std::collections::HashMap<TeamId, Timestamp> = Default::default();
        let slots = self.store.rota().slots(now, until).await?;
        for s in slots.iter().filter(|s| s.shift.starts_at > now) {
            let at = first.entry(s.shift.team_id).or_insert(s.shift.starts_at);
            *at = (*at).min(s.shift.starts_at);
        }
        let mut people: Vec<UserId> = slots
            .iter()
            .filter(|s| first.get(&s.shift.team_id) == Some(&s.shift.starts_at))
            .flat_map(|s| s.places.iter().map(|p| p.user_id))
            .filter(|u| Some(*u) != except)
            .collect();
        people.sort();
        people.dedup();
        Ok(people)
    }

    /// The people of the teams on shift now: who hears of a new request when nobody is watching the board.
    pub(crate) async fn on_shift_people(&self) -> AppResult<Vec<UserId>> {
        let on: Vec<TeamId> = self
            .teams_now()
            .await?
            .into_iter()
            .filter(|t| t.on_shift)
            .map(|t| t.row.id)
            .collect();
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.active && u.capabilities.has(Capability::Respond))
            .filter(|u| u.team_id.is_some_and(|t| on.contains(&t)))
            .map(|u| u.id)
            .collect())
    }

    /// Sends the alerts that are due (each taken first, so two nodes never send the same one). Returns how many
    /// went.
    pub async fn send_due_push(&self) -> AppResult<usize> {
        use futures::StreamExt as _;
        let vapid = self.config.push.vapid.clone();
        if vapid.is_none() && !self.mail_on() {
            return Ok(0);
        }
        let vapid = vapid.as_deref();
        let now = self.clock.now();
        let due = self.store.push().push_due(now, 500).await?;
        let sender = self.outbound.sender();
        // Several at once: a new request may mean an alert to every phone on shift, and each waits on the push
        // service's answer.
        let results: Vec<AppResult<bool>> = futures::stream::iter(due)
            .map(|p| self.send_one(&sender, vapid, p, now))
            .buffer_unordered(SENDING_AT_ONCE)
            .collect()
            .await;
        let mut sent = 0;
        for r in results {
            if r? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// One alert: taken (false when another sender has it), sent, and settled.
    async fn send_one(
        &self,
        sender: &crate::outbound::Sender<'_>,
        vapid: Option<&ES256KeyPair>,
        p: PushRow,
        now: Timestamp,
    ) -> AppResult<bool> {
        if !self.claim(Outbox::Push, &p.id, p.next_at).await? {
            return Ok(false);
        }
        let attempts = p.attempts + 1;
        if p.channel == "email" {
            let outcome = self.mail_alert(&p, attempts, now).await;
            let sent = matches!(outcome, Try::Sent { .. });
            if let Try::Again { error, .. } | Try::Failed { error } = &outcome {
                tracing::warn!(alert = %p.id, error = %error, "an alert by email did not go");
            }
            self.settle(Outbox::Push, &p.id, attempts, outcome).await?;
            return Ok(sent);
        }
        let Some(vapid) = vapid else {
            let off = Try::Failed {
                error: "alerts to phones are off".into(),
            };
            self.settle(Outbox::Push, &p.id, attempts, off).await?;
            return Ok(false);
        };
        let Some(device) = self.store.push().subscription(&p.subscription_id).await? else {
            let gone = Try::Failed {
                error: "no such device".into(),
            };
            self.settle(Outbox::Push, &p.id, attempts, gone).await?;
            return Ok(false);
        };
        let outcome = self
            .push_once(sender, vapid, &device, &p, attempts, now)
            .await;
        let sent = matches!(outcome, Try::Sent { .. });
        match &outcome {
            Try::Sent { .. } => {}
            Try::Again { error, .. } | Try::Failed { error } => {
                tracing::warn!(alert = %p.id, error = %error, "an alert to a phone did not go")
            }
        }
        if let Try::Failed { error } = &outcome
            && error.starts_with("gone")
        {
            let cs = ChangeSet::new().op(Op::Push(PushOp::Drop {
                subscription: device.id.clone(),
            }));
            self.store.apply(cs).await?;
        }
        self.settle(Outbox::Push, &p.id, attempts, outcome).await?;
        Ok(sent)
    }

    /// RFC 8292's header: a JWT for the push resource's origin (scheme, host and port: the crate's own leaves the
    /// port out), good for 12 hours, naming the operator's contact, with the public key browsers subscribed with.
    fn vapid_authorization(&self, vapid: &ES256KeyPair, url: &reqwest::Url) -> Option<String> {
        use web_push_native::jwt_simple::prelude::*;
        let claims = Claims::create(Duration::from_hours(12))
            .with_audience(url.origin().ascii_serialization())
            .with_subject(&self.config.push.contact);
        let token = vapid.sign(claims).ok()?;
        Some(format!("vapid t={token}, k={}", self.push_public_key()?))
    }

    async fn push_once(
        &self,
        sender: &crate::outbound::Sender<'_>,
        vapid: &ES256KeyPair,
        device: &SubscriptionRow,
        p: &PushRow,
        attempts: i64,
        now: Timestamp,
    ) -> Try {
        let again = |error: String| again(attempts, now, error);
        let url = match sender.policy.check_url(&device.endpoint) {
            Ok(u) => u,
            Err(r) => {
                return Try::Failed {
                    error: format!("refused: {}", r.code()),
                };
            }
        };
        let request = (|| {
            let endpoint: http::Uri = url.as_str().parse().ok()?;
            let key = web_push_native::p256::PublicKey::from_sec1_bytes(&decoded(
                Some(&device.p256dh),
                65,
            )?)
            .ok()?;
            let auth: [u8; 16] = decoded(Some(&device.auth), 16)?.try_into().ok()?;
            web_push_native::WebPushBuilder::new(endpoint, key, web_push_native::Auth::from(auth))
                .with_valid_duration(std::time::Duration::from_secs(3600))
                .build(p.body.as_bytes().to_vec())
                .ok()
        })();
        let authorization = self.vapid_authorization(vapid, &url);
        let Some(request) = request else {
            return Try::Failed {
                error: "the device's keys do not work".into(),
            };
        };
        let Some(authorization) = authorization else {
            return Try::Failed {
                error: "the VAPID key could not sign".into(),
            };
        };
        let mut r = sender.http.post(url).header("Authorization", authorization);
        for (name, value) in request.headers() {
            r = r.header(name.as_str(), value.as_bytes());
        }
        // Urgent: a person may be waiting (RFC 8030 5.3).
        r = r.header("Urgency", "high").body(request.into_body());
        match r.send().await {
            Ok(resp) if resp.status().is_success() => Try::Sent { provider_ref: None },
            Ok(resp) if matches!(resp.status().as_u16(), 404 | 410) => Try::Failed {
                error: format!("gone ({})", resp.status().as_u16()),
            },
            Ok(resp) if resp.status().is_client_error() && resp.status().as_u16() != 429 => {
                Try::Failed {
                    error: format!("refused by the push service ({})", resp.status().as_u16()),
                }
            }
            Ok(resp) => again(format!("push service answered {}", resp.status().as_u16())),
            Err(e) if crate::outbound::Outbound::refused(&e) => Try::Failed {
                error: "refused: internal_address".into(),
            },
            Err(_) => again("the push service could not be reached".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(s).unwrap()
    }

    /// RFC 8291 section 5's worked example: the device's key and auth secret open the message as a browser would.
    #[test]
    fn the_rfc_8291_example_opens_with_the_devices_key() {
        let ua = web_push_native::p256::SecretKey::from_slice(&b64(
            "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
        ))
        .unwrap();
        assert_eq!(
            URL_SAFE_NO_PAD.encode(
                web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
                    &ua.public_key(),
                    false
                )
                .as_bytes()
            ),
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
        );
        let raw: [u8; 16] = b64("BTBZMqHH6r4Tts7J_aSIgg").try_into().unwrap();
        let auth = web_push_native::Auth::from(raw);
        let body = b64(
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
        );
        let plain = web_push_native::decrypt(body, &ua, &auth).unwrap();
        assert_eq!(plain, b"When I grow up, I want to be a watermelon");
        // And what heart encrypts for that device opens the same way.
        let mine =
            web_push_native::encrypt(b"{\"kind\":\"assigned\"}".to_vec(), &ua.public_key(), &auth)
                .unwrap();
        assert_eq!(
            web_push_native::decrypt(mine, &ua, &auth).unwrap(),
            b"{\"kind\":\"assigned\"}"
        );
    }

    #[test]
    fn a_vapid_key_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("heart.vapid");
        let (a, made) = open_vapid(&path).unwrap();
        assert!(made);
        let (b, made) = open_vapid(&path).unwrap();
        assert!(!made);
        assert_eq!(a.to_bytes(), b.to_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(dir.path().join("bad"), "not a key").unwrap();
        assert!(open_vapid(&dir.path().join("bad")).is_err());
    }
}
