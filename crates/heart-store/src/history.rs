//! Past requests: one page of those a filter keeps (dates, status, outcome, channel, team, need), newest first, with
//! how many there are in all. Words are never indexed: a search by words opens the requests of a period (see the
//! app), so this filter has no words.

use crate::StoreResult;
use crate::model::RequestRow;
use async_trait::async_trait;
use heart_domain::care::{CloseOutcome, Need};
use heart_domain::dispatch::Status;
use heart_domain::ids::TeamId;
use heart_domain::intake::Channel;
use heart_domain::time::Timestamp;

/// Which requests: every part optional (none: every request).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestFilter {
    /// Received at or after.
    pub from: Option<Timestamp>,
    /// Received before.
    pub to: Option<Timestamp>,
    /// Any of these statuses (none: any).
    pub statuses: Vec<Status>,
    pub outcome: Option<CloseOutcome>,
    pub channel: Option<Channel>,
    pub team: Option<TeamId>,
    /// Recorded as a need in one of its encounters.
    pub need: Option<Need>,
}

/// A file brought in by `heart import`: its digest (SHA-256 of its kind and bytes), how many rows it made, by whom
/// and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub digest: String,
    /// "requests" or "gifts".
    pub kind: String,
    pub rows: i64,
    pub actor: String,
    pub at: Timestamp,
}

/// Reads of past requests.
#[async_trait]
pub trait HistoryStore: Send + Sync {
    /// The requests the filter keeps, newest first, skipping `offset` and at most `limit`; and how many it keeps
    /// in all.
    async fn find_requests(
        &self,
        filter: &RequestFilter,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<RequestRow>, i64)>;
    /// The import of a file with this digest, if it was imported.
    async fn imported(&self, digest: &str) -> StoreResult<Option<ImportRow>>;
    /// When each request since `since` came in (nothing else of it): the planner's shape of the week.
    async fn request_times(&self, since: Timestamp) -> StoreResult<Vec<Timestamp>>;
}
