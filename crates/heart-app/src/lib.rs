//! heart-app: the use cases of the response loop. Each checks capabilities, loads, decides with the pure domain
//! rules, writes one `ChangeSet` (rows + audit) through the store, then publishes a live event.

/// A view type: what the pages and the API see of a stored record, moved out of the store's row in one `From`.
/// Rows stay inside heart-store (heart-web does not depend on it); fields the pages must never see (a password
/// hash, a second factor's secret, a session's cookie hash) are left out of the view.
macro_rules! view {
    ($(#[$m:meta])* $name:ident from $row:path { $($(#[$fm:meta])* $f:ident: $t:ty,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $($(#[$fm])* pub $f: $t,)*
        }

        impl From<$row> for $name {
            fn from(r: $row) -> Self {
                Self { $($f: r.$f,)* }
            }
        }
    };
}
pub(crate) use view;

view! {
    /// The database's state, for health checks and metrics.
    #[derive(serde::Serialize)]
    DbHealth from heart_store::DbHealth {
        engine: &'static str,
        /// "embedded" (SQLite), "primary" or "standby".
        role: &'static str,
        /// The largest replay lag of the streaming replicas, in bytes (PostgreSQL primary with replicas).
        replication_lag_bytes: Option<i64>,
        replicas: i64,
        pool_size: u32,
        pool_idle: u32,
        /// Change sets waiting for the writer.
        write_queue: usize,
        /// Since when writes fail because the disk is full (none: they do not).
        disk_full_since: Option<heart_domain::time::Timestamp>,
    }
}

/// Rows into their views, for a list.
pub(crate) trait IntoViews<V> {
    fn views(self) -> Vec<V>;
}

impl<R: Into<V>, V> IntoViews<V> for Vec<R> {
    fn views(self) -> Vec<V> {
        self.into_iter().map(Into::into).collect()
    }
}

pub mod auth;
pub mod care;
pub mod channels;
pub mod circles;
pub mod config;
pub mod debriefs;
pub mod demo;
pub mod directory;
pub mod dispatch;
pub mod doctor;
pub mod doing;
pub mod impact;
pub mod intake;
pub mod legal;
pub mod live;
pub mod mail;
pub mod money;
pub mod offline;
pub mod outbound;
mod outbox;
pub mod outreach;
pub mod passkeys;
pub mod payments;
pub mod plan;
pub mod push;
pub mod referrals;
pub mod rota;
pub mod safety;
pub mod sms;
pub mod supplies;
pub mod trainings;
pub mod trust;
pub mod warmline;

use heart_domain::access::{AccessError, Capabilities, Capability, authorize};
use heart_domain::ids::{TeamId, TokenId, UserId};
use heart_domain::intake::FieldErrors;
use heart_domain::time::Clock;
use heart_domain::triage::Script;
use heart_store::{Store, StoreError};
use std::sync::Arc;

pub use config::AppConfig;
pub use live::LiveHub;

/// Who is acting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActorKind {
    User(UserId),
    Token(TokenId),
    /// A community member using the public form.
    Public,
    /// heart itself (timers).
    System,
    /// A partner organisation's signed webhook.
    Partner(heart_domain::ids::PartnerId),
    /// The command line on the server.
    Cli,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub caps: Capabilities,
    /// The responder's team, if any.
    pub team: Option<TeamId>,
    /// A partner's account: the directory organization (HSDS id) it acts for.
    pub organization: Option<String>,
    /// Display name of the account (staff), for the page header. Never a person served.
    pub name: String,
}

impl Actor {
    pub fn public() -> Self {
        Actor {
            kind: ActorKind::Public,
            caps: Capabilities::empty(),
            team: None,
            organization: None,
            name: String::new(),
        }
    }
    pub fn system() -> Self {
        Actor {
            kind: ActorKind::System,
            caps: Capabilities::of(&Capability::ALL),
            team: None,
            organization: None,
            name: "heart".into(),
        }
    }
    pub fn cli() -> Self {
        Actor {
            kind: ActorKind::Cli,
            caps: Capabilities::of(&Capability::ALL),
            team: None,
            organization: None,
            name: "cli".into(),
        }
    }
    /// How the audit log names this actor: pseudonymous ids, never names.
    pub fn audit_name(&self) -> String {
        match &self.kind {
            ActorKind::User(id) => format!("user:{id}"),
            ActorKind::Token(id) => format!("token:{id}"),
            ActorKind::Public => "public".into(),
            ActorKind::System => "system".into(),
            ActorKind::Partner(id) => format!("partner:{id}"),
            ActorKind::Cli => "cli".into(),
        }
    }
    /// A signed-in person, or a token made for a person: only such an actor is given people's personal (sealed)
    /// fields. A token that acts for no person (an integration) never is, whatever its capabilities.
    pub fn for_person(&self) -> bool {
        matches!(self.kind, ActorKind::User(_))
    }
    pub fn require(&self, needed: &[Capability]) -> Result<(), AppError> {
        authorize(self.caps, needed).map_err(AppError::from)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("sign in first")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(AccessError),
    #[error("not found")]
    NotFound,
    #[error("some fields need attention")]
    Invalid(FieldErrors),
    /// A state conflict: an illegal transition, or the record changed meanwhile.
    #[error("{0}")]
    Conflict(Conflict),
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: u64 },
    /// A value that must be unique is taken (e.g. a username).
    #[error("{0} is already taken")]
    Duplicate(&'static str),
    /// The database cannot be reached right now (restarting, failing over): try again shortly.
    #[error("the database is not reachable right now ({0})")]
    Unavailable(String),
    /// A failure the person cannot fix (a bug, a broken disk). The message names the operation, never values.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// A storage failure, named by the operation that failed.
    pub fn backend(what: impl std::fmt::Display) -> Self {
        AppError::Internal(StoreError::Backend(what.to_string()).to_string())
    }
}

impl From<AccessError> for AppError {
    fn from(e: AccessError) -> Self {
        AppError::Forbidden(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => AppError::conflict("changed-meanwhile", e.to_string()),
            StoreError::NotFound => AppError::NotFound,
            StoreError::Refused(key) => AppError::Conflict(Conflict {
                key,
                message: e.to_string(),
            }),
            StoreError::Duplicate(what) => AppError::Duplicate(what),
            StoreError::Unavailable(m) => AppError::Unavailable(m),
            other @ (StoreError::Backend(_) | StoreError::Rule(_)) => {
                AppError::Internal(other.to_string())
            }
        }
    }
}

/// A conflict with what the record is now: a key for the page's catalogue, and an English message for the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// `conflict-<key>` in the Fluent catalogue.
    pub key: &'static str,
    pub message: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl AppError {
    pub fn conflict(key: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict(Conflict {
            key,
            message: message.into(),
        })
    }

    /// One invalid field.
    pub fn field(field: &str, code: &str) -> Self {
        let mut e = FieldErrors::default();
        e.add(field, code);
        AppError::Invalid(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl App {
    /// The server is stopping: live streams end.
    pub fn stop_streams(&self) {
        self.stopping.send_replace(true);
    }

    /// Resolves once the server is stopping.
    pub fn stopped(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.stopping.subscribe();
        async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }
    }
}

/// The application: everything the web layer and the CLI call.
pub struct App {
    store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub script: Arc<Script>,
    pub live: LiveHub,
    pub config: AppConfig,
    throttle: auth::LoginThrottle,
    /// Bearer tokens seen in the last few seconds (so the API does not read the database on every call).
    tokens: auth::TokenCache,
    /// argon2 runs at most this many at once (one per core): each takes 19 MiB and tens of milliseconds.
    argon2_slots: tokio::sync::Semaphore,
    /// Told when the server stops, so live streams end and shutdown can finish.
    stopping: tokio::sync::watch::Sender<bool>,
    /// Whether a team is free, for the intake hot path; dropped whenever a team changes here.
    team_free: std::sync::Mutex<Option<(bool, std::time::Instant)>>,
    /// When no device was subscribed anywhere, as last read, for the intake hot path (see `push::NO_DEVICE_FRESH`).
    no_device_seen: std::sync::Mutex<Option<std::time::Instant>>,
    /// Reads that refresh on their own (the board, the responder's view) are audited once per person, record and
    /// ten minutes, not at every refresh.
    read_seen: std::sync::Mutex<std::collections::HashMap<(String, String), std::time::Instant>>,
    /// Where live events also go when several processes share one database (PostgreSQL NOTIFY).
    relay: std::sync::OnceLock<Arc<dyn Relay>>,
    /// The city's streets and places (geocoder, ETAs, map); Cambridge's unless another was set at start.
    geo: std::sync::OnceLock<Option<Arc<heart_geo::City>>>,
    /// The payment provider (from the settings unless a test set another).
    payments: std::sync::OnceLock<Arc<dyn payments::PaymentProvider>>,
    /// Partners and the "we are full" switch, read at most every few seconds on the webhook hot path.
    channel_cache: channels::Cache,
    /// Words in people's languages for texts (set by the web layer, which holds the catalogue).
    words: std::sync::OnceLock<Arc<dyn sms::Words>>,
    /// The resource directory, nested and indexed (rebuilt when the store's change counter moves).
    directory_cache: directory::Cache,
    /// The public figures of the periods asked for lately.
    impact_cache: impact::Cache,
    /// How the last `backup_after` command went (this node).
    backup_after: std::sync::Mutex<Option<doctor::HookRun>>,
    /// The one policy for calls to addresses that others gave (partners' callbacks, referral hooks).
    outbound: outbound::Outbound,
    /// The WebAuthn relying party, when passkeys are set up (the settings were checked at start).
    passkeys_rp: Option<webauthn_rs::Webauthn>,
}

/// Cambridge, built once per process (the shipped default). Its files are part of the binary and covered by
/// tests; should they ever fail to load (a broken build), heart says so once and works on without maps,
/// addresses and ETAs rather than stopping.
fn cambridge() -> Option<Arc<heart_geo::City>> {
    static CITY: std::sync::OnceLock<Option<Arc<heart_geo::City>>> = std::sync::OnceLock::new();
    CITY.get_or_init(|| match heart_geo::City::cambridge() {
        Ok(c) => Some(Arc::new(c)),
        Err(e) => {
            tracing::error!(error = %e, "the shipped Cambridge map data does not load; no maps, addresses or ETAs");
            None
        }
    })
    .clone()
}

/// Carries live events to the other processes (nodes) on the same database.
pub trait Relay: Send + Sync {
    fn send(&self, event: &heart_domain::events::LiveEvent);
}

impl App {
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        script: Script,
        config: AppConfig,
    ) -> Arc<Self> {
        Arc::new(App {
            store,
            clock,
            script: Arc::new(script),
            live: LiveHub::new(1_000),
            throttle: auth::LoginThrottle::default(),
            tokens: auth::TokenCache::default(),
            argon2_slots: tokio::sync::Semaphore::new(
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2),
            ),
            stopping: tokio::sync::watch::channel(false).0,
            team_free: std::sync::Mutex::new(None),
            no_device_seen: std::sync::Mutex::new(None),
            read_seen: std::sync::Mutex::new(std::collections::HashMap::new()),
            relay: std::sync::OnceLock::new(),
            geo: std::sync::OnceLock::new(),
            payments: std::sync::OnceLock::new(),
            channel_cache: channels::Cache::default(),
            words: std::sync::OnceLock::new(),
            directory_cache: directory::Cache::default(),
            impact_cache: impact::Cache::default(),
            backup_after: std::sync::Mutex::new(None),
            outbound: outbound::Outbound::new(&config.outbound),
            passkeys_rp: config.passkeys.relying_party().ok().flatten(),
            config,
        })
    }

    /// The policy for calls to addresses that others gave (tests set a stub resolver through it).
    pub fn outbound(&self) -> &outbound::Outbound {
        &self.outbound
    }

    /// Where the words of texts come from (the web layer's catalogue); call before serving.
    pub fn set_words(&self, words: Arc<dyn sms::Words>) {
        let _ = self.words.set(words);
    }

    /// Uses another city's streets and places (from `[geo]` in the settings); call before serving.
    pub fn set_geo(&self, city: Arc<heart_geo::City>) {
        let _ = self.geo.set(Some(city));
    }

    /// The city's streets and places (`None` only when the shipped map data failed to load).
    pub fn geo(&self) -> Option<&heart_geo::City> {
        self.geo.get_or_init(cambridge).as_deref()
    }

    /// The point words name, when the geocoder is at least `sure` of it.
    pub fn place(&self, words: &str, sure: f64) -> Option<(f64, f64)> {
        self.geo()?
            .geocode(words, 1)
            .into_iter()
            .next()
            .filter(|c| c.confidence >= sure)
            .map(|c| (c.lat, c.lon))
    }

    /// The database's state, for health checks and metrics (no audit: nothing personal is read).
    pub async fn db_health(&self) -> AppResult<DbHealth> {
        Ok(self.store.db_health().await?.into())
    }

    /// Where a team is best thought to be now: a position it shared recently, else its base.
    pub fn whereabouts(&self, t: &dispatch::Team) -> Option<(f64, f64)> {
        let fresh = std::time::Duration::from_secs(
            u64::try_from(self.config.position_fresh_minutes.max(0)).unwrap_or(0) * 60,
        );
        t.whereabouts(self.clock.now(), fresh)
    }

    /// Sends every later live event to other nodes too.
    pub fn set_relay(&self, relay: Arc<dyn Relay>) {
        let _ = self.relay.set(relay);
    }

    /// Tells the boards connected here, and (through the relay) those connected to other nodes.
    pub fn publish(&self, event: heart_domain::events::LiveEvent) {
        if let Some(r) = self.relay.get() {
            r.send(&event);
        }
        self.live.publish(event);
    }

    /// An event that happened on another node: told to the boards connected here; what this node remembers
    /// about teams is dropped.
    pub fn publish_relayed(&self, event: heart_domain::events::LiveEvent) {
        if event.kind == heart_domain::events::EventKind::TeamUpdated
            && let Ok(mut c) = self.team_free.lock()
        {
            *c = None;
        }
        self.live.publish(event);
    }

    /// Whether this process runs the scheduled job `name` now: it takes the job's lease for `period` (one process
    /// per period across every node on the database).
    pub async fn claim_job(&self, name: &str, holder: &str, period: std::time::Duration) -> bool {
        let now = self.clock.now();
        let Ok(span) = jiff::SignedDuration::try_from(period) else {
            return false;
        };
        let Ok(until) = now.checked_add(span) else {
            return false;
        };
        match self
            .store
            .apply(heart_store::ChangeSet::new().op(heart_store::Op::ClaimJob {
                name: name.to_string(),
                holder: holder.to_string(),
                now,
                until,
            }))
            .await
        {
            Ok(()) => true,
            Err(heart_store::StoreError::Conflict) => false,
            Err(e) => {
                tracing::warn!(error = %e, job = name, "could not take a job's lease");
                false
            }
        }
    }
}
