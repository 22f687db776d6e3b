//! heart-store: the `Store` port (use-case shaped, backend-neutral) and its SQLite and PostgreSQL adapters (one
//! SQL core, `sql/`, generic over the engine).
//!
//! Every write is a `ChangeSet`: rows plus their audit entries, applied in one transaction. Updates are guarded by
//! the row version they were decided on (optimistic concurrency).

pub mod backend;
pub mod backup;
pub mod channels;
pub mod circles;
pub mod debriefs;
pub mod directory;
pub mod doctor;
pub mod history;
pub mod impact;
pub mod model;
pub mod money;
pub mod notes;
pub mod offline;
pub mod outbox;
pub mod outreach;
pub mod passkeys;
pub mod postgres;
pub mod push;
pub mod referrals;
pub mod rota;
pub mod seal;
pub mod sms;
pub mod sql;
pub mod sqlite;
pub mod supplies;
pub mod trainings;
pub mod transfer;
pub mod verify;
pub mod warmline;

use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
pub use model::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A guarded update found the row changed since it was read.
    #[error("the record changed meanwhile; reload and try again")]
    Conflict,
    /// A unique value is taken (e.g. a username).
    #[error("{0} is already taken")]
    Duplicate(&'static str),
    #[error("the record was not found")]
    NotFound,
    /// The change broke a rule of the database (a foreign key, a CHECK): a bug, refused alone.
    #[error("the {0} change broke a rule of the database")]
    Rule(&'static str),
    /// The database failed. The message carries no personal data (it names the operation, not values).
    #[error("storage failure: {0}")]
    Backend(String),
    /// A rule of the books refused the change (a fund would go below zero, an entry reversed twice, a request no
    /// longer awaiting approval). The key names the rule for the person's message.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The database cannot be reached right now (restarting, failing over, not the primary): try again shortly.
    #[error("the database is not reachable right now ({0})")]
    Unavailable(String),
}

/// One line for a failed migration, naming a database newer than this binary plainly.
pub fn migrate_error(e: &sqlx::migrate::MigrateError) -> String {
    match e {
        sqlx::migrate::MigrateError::VersionMissing(v) => format!(
            "the database was migrated by a newer heart (migration {v} is unknown to this binary); \
             run the newer heart, or restore a backup made by this version"
        ),
        other => format!("migrations failed: {other}"),
    }
}

/// Where a database's schema stands against this binary's migrations (`heart migrate --check`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    /// The newest migration applied (`None`: a new, empty database).
    pub at: Option<i64>,
    /// The newest migration this binary knows.
    pub known: i64,
    /// The migrations not yet applied, oldest first, as `NNNN_name`.
    pub pending: Vec<String>,
}

impl Schema {
    /// From the versions applied and the migrator's list: an error (one line, the version numbers) for a database
    /// newer than this binary.
    pub(crate) fn of(applied: &[i64], migrator: &sqlx::migrate::Migrator) -> Result<Self, String> {
        let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
        let at = applied.iter().copied().max();
        if let Some(v) = at.filter(|v| *v > known) {
            return Err(format!(
                "the database is at schema {v}, newer than this binary's {known}: {}",
                migrate_error(&sqlx::migrate::MigrateError::VersionMissing(v))
            ));
        }
        let pending = migrator
            .iter()
            .filter(|m| !applied.contains(&m.version))
            .map(|m| format!("{:04}_{}", m.version, m.description.replace(' ', "_")))
            .collect();
        Ok(Self { at, known, pending })
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The database's state, for health checks and metrics.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DbHealth {
    pub engine: &'static str,
    /// "embedded" (SQLite), "primary" or "standby".
    pub role: &'static str,
    /// The largest replay lag of the streaming replicas, in bytes (PostgreSQL primary with replicas).
    pub replication_lag_bytes: Option<i64>,
    pub replicas: i64,
    pub pool_size: u32,
    pub pool_idle: u32,
    /// Change sets waiting for the writer.
    pub write_queue: usize,
    /// Since when writes fail because the disk is full (none: they do not).
    pub disk_full_since: Option<Timestamp>,
}

/// The storage port. Handlers never see it: `heart-app` holds an `Arc<dyn Store>`.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Applies rows and audit entries in one transaction.
    async fn apply(&self, changes: ChangeSet) -> StoreResult<()>;

    async fn user(&self, id: UserId) -> StoreResult<Option<UserRow>>;
    async fn user_by_username(&self, username: &str) -> StoreResult<Option<UserRow>>;
    async fn user_by_setup_token(&self, token_hash: &str) -> StoreResult<Option<UserRow>>;
    async fn users(&self) -> StoreResult<Vec<UserRow>>;
    async fn token_by_hash(&self, token_hash: &str) -> StoreResult<Option<TokenRow>>;
    /// Every API token (never the token itself: only its hash is kept), oldest first.
    async fn tokens(&self) -> StoreResult<Vec<TokenRow>>;
    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRow>>;
    /// A staff member's second factor (the seed opened), if one is set up.
    async fn user_totp(&self, user: UserId) -> StoreResult<Option<TotpRow>>;
    /// Failed sign-ins of an account: since it last signed in, and those it was told of at that sign-in.
    async fn login_failures(&self, user: UserId) -> StoreResult<LoginFailures>;

    async fn team(&self, id: TeamId) -> StoreResult<Option<TeamRow>>;
    async fn teams(&self) -> StoreResult<Vec<TeamRow>>;
    /// Shifts that cover `at`.
    async fn shifts_at(&self, at: Timestamp) -> StoreResult<Vec<ShiftRow>>;
    /// Shifts that end after `from`, soonest first.
    async fn shifts_from(&self, from: Timestamp) -> StoreResult<Vec<ShiftRow>>;

    async fn request(&self, id: RequestId) -> StoreResult<Option<RequestRow>>;
    /// Open requests (neither closed nor cancelled).
    async fn open_requests(&self) -> StoreResult<Vec<RequestRow>>;
    /// Most recent first, at most `limit`.
    async fn recent_requests(&self, limit: i64) -> StoreResult<Vec<RequestRow>>;
    /// The ids of requests whose id ends with `suffix` (a reference a person was given), at most three.
    async fn requests_ending_with(&self, suffix: &str) -> StoreResult<Vec<RequestId>>;
    /// Requests with one status, most recent first, at most `limit`.
    async fn requests_with_status(
        &self,
        status: heart_domain::dispatch::Status,
        limit: i64,
    ) -> StoreResult<Vec<RequestRow>>;
    /// The open request a team is attached to, if any.
    async fn team_request(&self, team: TeamId) -> StoreResult<Option<RequestRow>>;
    async fn transitions(&self, request: RequestId) -> StoreResult<Vec<TransitionRow>>;
    async fn encounters(&self, request: RequestId) -> StoreResult<Vec<EncounterRow>>;

    async fn follow_up(&self, id: FollowUpId) -> StoreResult<Option<FollowUpRow>>;
    async fn open_follow_ups(&self) -> StoreResult<Vec<FollowUpRow>>;
    async fn follow_ups_for(&self, request: RequestId) -> StoreResult<Vec<FollowUpRow>>;

    async fn alert(&self, id: AlertId) -> StoreResult<Option<AlertRow>>;
    async fn open_alerts(&self) -> StoreResult<Vec<AlertRow>>;

    /// Audit entries about one record, oldest first.
    async fn audit_for(&self, record_kind: &str, record_id: &str) -> StoreResult<Vec<AuditRow>>;
    /// Entries of list reads (`*.list`) whose detail names `mark` (a request's list mark), oldest first.
    async fn audit_list_reads(&self, mark: &str) -> StoreResult<Vec<AuditRow>>;
    async fn audit_count(&self) -> StoreResult<i64>;
    /// Whether the database has no users and no requests yet (a fresh install).
    async fn is_empty(&self) -> StoreResult<bool>;

    // ---- the two-person rule, legal demands ----
    async fn approval(&self, id: ApprovalId) -> StoreResult<Option<ApprovalRow>>;
    /// Pending first, then the most recent.
    async fn approvals_recent(&self, limit: i64) -> StoreResult<Vec<ApprovalRow>>;
    async fn approvals_for_subject(&self, id: SubjectId) -> StoreResult<Vec<ApprovalRow>>;
    async fn legal_demand(&self, id: LegalDemandId) -> StoreResult<Option<LegalDemandRow>>;
    /// Newest first.
    async fn legal_demands(&self) -> StoreResult<Vec<LegalDemandRow>>;

    // ---- people, keys, erasure ----
    async fn subject(&self, id: SubjectId) -> StoreResult<Option<SubjectRow>>;
    /// The person who last asked from this phone number (by blind index), unless erased. Requests sent through the
    /// public web form do not count: anyone can type anyone's number there, so such a request joins an earlier
    /// record only when the person confirms it to the team (`App::join_earlier_record`).
    async fn subject_for_phone(&self, phone: &str) -> StoreResult<Option<SubjectId>>;
    /// Every request about one person, oldest first.
    async fn subject_requests(&self, id: SubjectId) -> StoreResult<Vec<RequestRow>>;
    /// People not erased, not asking to be kept, with no open request, no open follow-up and no contact since
    /// `before` (the keys of circles and of the people in them keep to their circles' own retention).
    async fn retention_due(&self, before: Timestamp) -> StoreResult<Vec<SubjectId>>;
    /// Re-wraps up to `limit` data keys that are not under the key file's current KEK; returns how many it did
    /// and how many remain.
    async fn rewrap_keys(&self, limit: i64) -> StoreResult<(u64, u64)>;
    /// The nodes that reported their key files at or after `since`, by name.
    async fn node_keys(&self, since: Timestamp) -> StoreResult<Vec<NodeKeysRow>>;
    /// The KEK the deployment wraps under, once a two-phase rotation recorded one.
    async fn current_kek(&self) -> StoreResult<Option<u32>>;

    // ---- audit ----
    /// The latest entries, newest first.
    async fn audit_recent(&self, limit: i64) -> StoreResult<Vec<AuditRow>>;
    /// Walks the whole chain and every stored checkpoint (and `against`, a checkpoint kept elsewhere).
    async fn audit_verify(
        &self,
        against: Option<verify::Checkpoint>,
    ) -> StoreResult<verify::AuditReport>;
    /// Signs the chain's head (unless the latest checkpoint already covers it) and returns the latest checkpoint.
    async fn audit_checkpoint(&self, at: Timestamp) -> StoreResult<verify::Checkpoint>;

    /// The request a client's (hashed) Idempotency-Key made, if any.
    async fn request_for_idempotency_key(
        &self,
        key: &str,
    ) -> StoreResult<Option<(RequestId, String)>>;
    /// Forgets idempotency keys made before `before`; returns how many.
    async fn forget_idempotency_keys(&self, before: Timestamp) -> StoreResult<u64>;

    // ---- operations ----
    /// The database's state for `/healthz` and `/metrics` (no personal data).
    async fn db_health(&self) -> StoreResult<DbHealth>;
    /// A consistent copy of the whole database at `path`, taken while the server runs.
    async fn backup(&self, path: &std::path::Path) -> StoreResult<()>;

    /// Funds, the ledger, mutual aid, donors and gifts.
    fn money(&self) -> &dyn money::MoneyStore;

    /// Partners, their alerts, senders' tokens, acknowledgements, the "we are full" switch.
    fn channels(&self) -> &dyn channels::ChannelStore;

    /// Text messages: conversations, the outbox, opt-outs.
    fn sms(&self) -> &dyn sms::SmsStore;

    /// Requests' timelines: notes, tries to reach the person, handovers.
    fn notes(&self) -> &dyn notes::NoteStore;

    /// Past requests by filter, a page at a time.
    fn history(&self) -> &dyn history::HistoryStore;

    /// The figures: counts and durations grouped in the database.
    fn impact(&self) -> &dyn impact::ImpactStore;

    /// What the operator's checks read.
    fn doctor(&self) -> &dyn doctor::DoctorStore;

    /// Accounts' passkeys (WebAuthn credentials) and their outstanding ceremonies.
    fn passkeys(&self) -> &dyn passkeys::PasskeyStore;

    /// The resource directory's records.
    fn directory(&self) -> &dyn directory::DirectoryStore;

    /// Referrals to partner organisations, their history and the partners' hooks.
    fn referrals(&self) -> &dyn referrals::ReferralStore;

    /// The rota: weekly patterns, shifts with their places, calendar feeds.
    fn rota(&self) -> &dyn rota::RotaStore;

    /// Alerts to phones: people's devices and the outbox of alerts.
    fn push(&self) -> &dyn push::PushStore;

    /// What responders' phones sent after a time with no signal.
    fn offline(&self) -> &dyn offline::OfflineStore;

    /// Outreach walks and events: their tallies, people, items and returning-person codes.
    fn outreach(&self) -> &dyn outreach::OutreachStore;

    /// The warmline's contacts, counted.
    fn warmline(&self) -> &dyn warmline::WarmlineStore;

    /// Debriefs after hard calls.
    fn debriefs(&self) -> &dyn debriefs::DebriefStore;

    /// Training records.
    fn trainings(&self) -> &dyn trainings::TrainingStore;

    /// Supplies: stock by kind, place and expiry, and its movements.
    fn supplies(&self) -> &dyn supplies::SupplyStore;

    /// Circles: their people, words, consents, agreements and check-ins.
    fn circles(&self) -> &dyn circles::CircleStore;
}
