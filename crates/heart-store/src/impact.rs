//! The figures' reads (`docs/metrics.md`): counts and whole-minute durations grouped in the database, one pass per
//! kind of fact, never a request loaded into memory. Each read takes a period cut into contiguous buckets (the app's
//! months or quarters in the team's time zone) and says which bucket each count belongs to.

use crate::StoreResult;
use async_trait::async_trait;
use heart_domain::time::Timestamp;

/// Contiguous `[start, end)` stretches, in order: `bounds[i]..bounds[i + 1]` is bucket `i`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buckets(pub Vec<Timestamp>);

impl Buckets {
    pub fn len(&self) -> usize {
        self.0.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How many requests arrived in a bucket with these facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestCount {
    pub bucket: usize,
    pub channel: String,
    pub status: String,
    pub outcome: Option<String>,
    pub priority: Option<i64>,
    /// "open", "full", "closed", or none (imported history).
    pub availability: Option<String>,
    /// EMS recorded: "agreed", "declined", "could_not_ask"; none when no EMS contact.
    pub ems_consent: Option<String>,
    /// The neighbourhood its point is in (none: withheld, outside, not placed or erased).
    pub neighbourhood: Option<String>,
    /// The needs of its last encounter, as kept ("housing,money"); none: no encounter.
    pub needs: Option<String>,
    pub n: i64,
}

/// A count of something in a bucket, by one key (a need list, a neighbourhood, an alert's kind, a state).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCount {
    pub bucket: usize,
    pub key: Option<String>,
    pub n: i64,
}

/// How many requests of a bucket and channel took `minutes` (whole, rounded up) for one step: "reply" (arrival to
/// the first human acknowledgement), "assigned" (to a team assigned), "arrived" (to on scene), "on_scene" (on
/// scene to closed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duration {
    pub bucket: usize,
    pub channel: String,
    pub availability: Option<String>,
    pub step: String,
    pub minutes: i64,
    pub n: i64,
}

/// People served in a period: distinct person records among its requests, and those of them who came back (two
/// or more requests in the period, or one before it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct People {
    pub people: i64,
    pub returning: i64,
}

/// One mutual-aid payment made in the period (its fund and amount only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AidPaid {
    pub bucket: usize,
    pub fund_id: String,
    pub fund_name: String,
    pub currency: String,
    pub amount_minor: i64,
    /// What it paid for (the purpose's code).
    pub purpose: String,
}

/// A fund's ledger lines in a period, summed by account and entry kind (money in is positive on the asset side;
/// here amounts are as posted to the named account).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerSum {
    pub fund_id: String,
    pub account: String,
    pub kind: String,
    pub amount_minor: i64,
    pub lines: i64,
}

#[async_trait]
pub trait ImpactStore: Send + Sync {
    /// Requests that arrived in the buckets, counted by their facts (one pass).
    async fn request_counts(&self, b: &Buckets) -> StoreResult<Vec<RequestCount>>;
    /// Requests by the neighbourhood their point is in (none: withheld, outside, imported or erased).
    async fn neighbourhood_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>>;
    /// Durations of each step, grouped by whole minutes.
    async fn durations(&self, b: &Buckets) -> StoreResult<Vec<Duration>>;
    /// People served by the requests of the whole period.
    async fn people(&self, b: &Buckets) -> StoreResult<People>;
    /// Alerts raised in the buckets, by kind ("need_help", "checkin_lapsed").
    async fn alert_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>>;
    /// Referrals made in the buckets, by their status now.
    async fn referral_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>>;
    /// Follow-ups due in the buckets, by how they went: "on_time" (done within a day of due), "late",
    /// "could_not_reach", "cancelled", "open".
    async fn follow_up_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>>;
    /// Mutual aid paid in the buckets (not reversed).
    async fn aid_paid(&self, b: &Buckets) -> StoreResult<Vec<AidPaid>>;
    /// Requests received since `since` that were assigned and later closed: how many, and the seconds from the
    /// first assignment to the first close summed (the planner's time per call).
    async fn assigned_to_close(&self, since: Timestamp) -> StoreResult<(i64, i64)>;
    /// Every fund's ledger lines in the period, by account and entry kind (days are the organisation's local
    /// dates, `from_day..=to_day` as 20261127).
    async fn ledger_sums(&self, from_day: i64, to_day: i64) -> StoreResult<Vec<LedgerSum>>;
}
