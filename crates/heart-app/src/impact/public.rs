//! The public page's figures (`/transparency`, on unless `[impact] public = false`): the team's figures with every
//! count from 1 to `suppress_below - 1` hidden, and enough others with them that none can be worked out from the
//! totals (`heart_domain::impact::suppress`). Neighbourhoods only by quarter, and only those whose count over the
//! period passes; response times only for months with enough requests; no time of day at all. Kept for a few
//! minutes per period, so a page shared widely costs one computation.

use super::{Impact, Table};
use crate::{App, AppError, AppResult};
use heart_domain::impact::{Period, suppress};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a period's public figures are kept before they are computed again.
const FRESH: Duration = Duration::from_secs(300);
/// At most this many periods are kept at once.
const KEPT: usize = 64;

/// A count on the public page: the number, or hidden (`{"suppressed": true}`), never both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Shown {
    Count(u64),
    Suppressed {
        /// Always true: the count is from 1 to `suppress_below - 1`, or would give such a count away.
        suppressed: bool,
    },
}

impl Shown {
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Suppressed { .. } => None,
        }
    }
}

/// A public table: its cells, row totals, column totals and grand total, each shown or hidden.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransparencyTable {
    pub name: &'static str,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
}

impl TransparencyTable {
    fn of(t: &Table, below: u64) -> TransparencyTable {
        let hidden = suppress(&t.cells, below);
        let shown = |r: usize, c: usize, n: u64| {
            if hidden[r][c] {
                Shown::Suppressed { suppressed: true }
            } else {
                Shown::Count(n)
            }
        };
        let (rows, cols) = (t.rows.len(), t.columns.len());
        TransparencyTable {
            name: t.name,
            rows: t.rows.clone(),
            columns: t.columns.clone(),
            cells: (0..rows)
                .map(|r| (0..cols).map(|c| shown(r, c, t.cells[r][c])).collect())
                .collect(),
            row_totals: (0..rows).map(|r| shown(r, cols, t.row_total(r))).collect(),
            column_totals: (0..cols)
                .map(|c| shown(rows, c, t.column_total(c)))
                .collect(),
            total: shown(rows, cols, t.total()),
        }
    }
}

/// Response times of one month, shown only when at least `suppress_below` requests were timed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTime {
    pub month: String,
    pub p50_reply_minutes: Option<i64>,
    pub p90_reply_minutes: Option<i64>,
    pub p50_arrived_minutes: Option<i64>,
    pub p90_arrived_minutes: Option<i64>,
}

/// The public figures over a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transparency {
    pub from: String,
    pub to: String,
    pub suppress_below: u64,
    pub requests: Shown,
    /// Requests sent to the police: none, always, by design (heart has no way to send one).
    pub sent_to_police: u64,
    pub tables: Vec<TransparencyTable>,
    pub times: Vec<PublicTime>,
    /// Mutual aid paid in the period, per currency: the total, shown only when enough payments made it.
    pub mutual_aid: Vec<PublicAid>,
    /// Where the money came from in the period (gifts and grants received), as shares of the two.
    pub share_donations: Option<f64>,
    pub share_grants: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicAid {
    pub currency: String,
    pub payments: Shown,
    pub total_minor: Option<i64>,
}

/// A period's figures (by its first and last day) and when they were computed.
type Kept = HashMap<(String, String), (Instant, Arc<Transparency>)>;

#[derive(Default)]
pub(crate) struct Cache(Mutex<Kept>);

impl App {
    /// The public figures for a period (`NotFound` when the public page is turned off).
    pub async fn transparency(&self, period: Period) -> AppResult<Arc<Transparency>> {
        if !self.config.impact.public {
            return Err(AppError::NotFound);
        }
        let key = (period.from.to_string(), period.to.to_string());
        if let Ok(c) = self.impact_cache.0.lock()
            && let Some((at, t)) = c.get(&key)
            && at.elapsed() < FRESH
        {
            return Ok(t.clone());
        }
        let t = Arc::new(self.public_figures(period).await?);
        if let Ok(mut c) = self.impact_cache.0.lock() {
            if c.len() >= KEPT {
                c.retain(|_, (at, _)| at.elapsed() < FRESH);
                if c.len() >= KEPT {
                    c.clear();
                }
            }
            c.insert(key, (Instant::now(), t.clone()));
        }
        Ok(t)
    }

    async fn public_figures(&self, period: Period) -> AppResult<Transparency> {
        let tz = self.config.tz();
        let below = self.config.impact.suppress_below;
        let months = period.months(&tz);
        let all: Impact = self.figures(period, &months).await?;
        let quarters = period.quarters(&tz);
        let hoods = self
            .store
            .impact()
            .neighbourhood_counts(&super::buckets(&quarters))
            .await?;
        let mut by_quarter = Table::new("neighbourhood", &quarters, Vec::new(), true);
        for h in &hoods {
            if let Some(k) = &h.key {
                by_quarter.add(h.bucket, k, h.n);
            }
        }
        // Only neighbourhoods whose count over the whole period passes are named at all.
        let keep: Vec<usize> = (0..by_quarter.columns.len())
            .filter(|c| by_quarter.column_total(*c) >= below)
            .collect();
        by_quarter.columns = keep
            .iter()
            .map(|c| by_quarter.columns[*c].clone())
            .collect();
        for r in &mut by_quarter.cells {
            *r = keep.iter().map(|c| r[*c]).collect();
        }
        super::sort_columns(&mut by_quarter, str::to_string);
        let mut tables = Vec::new();
        for name in ["channel", "outcome"] {
            if let Some(t) = all.table(name) {
                tables.push(TransparencyTable::of(t, below));
            }
        }
        if !by_quarter.columns.is_empty() {
            tables.push(TransparencyTable::of(&by_quarter, below));
        }
        let requests = tables.first().map_or(Shown::Count(0), |t| t.total);
        let times = months
            .iter()
            .map(|m| {
                let step = |s: &str, p50: bool| {
                    all.times
                        .iter()
                        .find(|t| t.month == m.label && t.channel.is_none() && t.step == s)
                        .filter(|t| t.count >= below)
                        .and_then(|t| if p50 { t.p50_minutes } else { t.p90_minutes })
                };
                PublicTime {
                    month: m.label.clone(),
                    p50_reply_minutes: step("reply", true),
                    p90_reply_minutes: step("reply", false),
                    p50_arrived_minutes: step("arrived", true),
                    p90_arrived_minutes: step("arrived", false),
                }
            })
            .collect();
        let mut aid: Vec<PublicAid> = Vec::new();
        for a in &all.aid {
            match aid.iter_mut().find(|p| p.currency == a.currency) {
                Some(p) => {
                    p.payments = Shown::Count(p.payments.count().unwrap_or(0) + a.count);
                    p.total_minor = Some(p.total_minor.unwrap_or(0) + a.total_minor);
                }
                None => aid.push(PublicAid {
                    currency: a.currency.clone(),
                    payments: Shown::Count(a.count),
                    total_minor: Some(a.total_minor),
                }),
            }
        }
        for p in &mut aid {
            if p.payments.count().is_some_and(|n| n > 0 && n < below) {
                p.payments = Shown::Suppressed { suppressed: true };
                p.total_minor = None;
            }
        }
        let (donations, grants) = self.money_in(period).await?;
        let whole = donations + grants;
        let share =
            |part: i64| (whole > 0).then(|| (part as f64 / whole as f64 * 1000.0).round() / 1000.0);
        Ok(Transparency {
            from: all.from,
            to: all.to,
            suppress_below: below,
            requests,
            sent_to_police: 0,
            tables,
            times,
            mutual_aid: aid,
            share_donations: share(donations),
            share_grants: share(grants),
        })
    }

    /// Gifts and grants received in the period (in minor units, every fund and currency together: only their
    /// shares are shown).
    async fn money_in(&self, period: Period) -> AppResult<(i64, i64)> {
        let day = |d: jiff::civil::Date| {
            i64::from(d.year()) * 10000 + i64::from(d.month()) * 100 + i64::from(d.day())
        };
        let sums = self
            .store
            .impact()
            .ledger_sums(day(period.from), day(period.to))
            .await?;
        let of = |account: &str| -> i64 {
            sums.iter()
                .filter(|s| s.account == account)
                .map(|s| s.amount_minor)
                .sum::<i64>()
                .abs()
        };
        Ok((of("gifts"), of("grants")))
    }
}
