//! heart-store: the `Store` port (use-case shaped, backend-neutral) and its SQLite adapter.
//!
//! Every write is a `ChangeSet`: rows plus their audit entries, applied in one transaction. Updates are guarded by
//! the row version they were decided on (optimistic concurrency).

pub mod model;
pub mod sqlite;

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
}

pub type StoreResult<T> = Result<T, StoreError>;

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
    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRow>>;

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
    async fn audit_count(&self) -> StoreResult<i64>;
    /// Whether the database has no users and no requests yet (a fresh install).
    async fn is_empty(&self) -> StoreResult<bool>;
}
