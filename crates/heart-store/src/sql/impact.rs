//! The figures' reads on both engines (`impact::ImpactStore`): every count is grouped in the database, and every
//! duration is grouped by whole minutes, so a period of any size comes back as a few hundred rows.

use super::*;
use crate::impact::{
    AidPaid, Buckets, Duration, ImpactStore, KeyCount, LedgerSum, People, RequestCount,
};

/// `CAST(CASE WHEN col < $2 THEN 0 WHEN col < $3 THEN 1 ... END AS BIGINT)`: the bucket of `col`, with the
/// bounds bound from `$1` (the start) on; and the condition keeping `col` inside them.
pub(crate) fn bucket_of(col: &str, b: &Buckets) -> (String, String) {
    let n = b.0.len();
    let whens: Vec<String> = (2..=n)
        .map(|p| format!("WHEN {col} < ${p} THEN {}", p - 2))
        .collect();
    (
        format!("CAST(CASE {} END AS BIGINT)", whens.join(" ")),
        format!("{col} >= $1 AND {col} < ${n}"),
    )
}

pub(crate) fn bind_bounds<'q, D: Db>(mut q: Q<'q, D>, b: &Buckets) -> Q<'q, D> {
    for t in &b.0 {
        q = q.arg(us(*t));
    }
    q
}

pub(crate) fn bucket(row: &impl RowGet) -> StoreResult<usize> {
    usize::try_from(get::<i64>(row, "b")?).map_err(|_| corrupt("bucket"))
}

/// Whole minutes from `a` to `b` (microseconds), rounded up.
fn minutes(a: &str, b: &str) -> String {
    format!("(({b}) - ({a}) + 59999999) / 60000000")
}

impl<D: Db> SqlStore<D> {
    /// Counts by bucket and one key: a query selecting `b`, `k` and `n`, with the buckets' bounds bound.
    pub(crate) async fn keyed(
        &self,
        sql: String,
        b: &Buckets,
        what: &'static str,
    ) -> StoreResult<Vec<KeyCount>> {
        if b.is_empty() {
            return Ok(Vec::new());
        }
        let rows = bind_bounds(sqlx::query::<D>(sqlx::AssertSqlSafe(sql)), b)
            .all_in(&self.read)
            .await
            .map_err(backend(what))?;
        all(rows, |r| {
            Ok(KeyCount {
                bucket: bucket(r)?,
                key: get(r, "k")?,
                n: get(r, "n")?,
            })
        })
    }
}

#[async_trait]
impl<D: Db> ImpactStore for SqlStore<D> {
    async fn request_counts(&self, b: &Buckets) -> StoreResult<Vec<RequestCount>> {
        if b.is_empty() {
            return Ok(Vec::new());
        }
        let (case, inside) = bucket_of("created_at", b);
        let sql = format!(
            "SELECT b, channel, status, outcome, priority, availability, ems_consent, neighbourhood, needs, \
             COUNT(*) AS n FROM (SELECT {case} AS b, channel, status, outcome, CAST(priority AS BIGINT) AS priority, \
             availability, ems_consent, neighbourhood, needs FROM requests WHERE {inside}) x \
             GROUP BY b, channel, status, outcome, priority, availability, ems_consent, neighbourhood, needs"
        );
        let rows = bind_bounds(sqlx::query::<D>(sqlx::AssertSqlSafe(sql)), b)
            .all_in(&self.read)
            .await
            .map_err(backend("count requests"))?;
        all(rows, |r| {
            Ok(RequestCount {
                bucket: bucket(r)?,
                channel: get(r, "channel")?,
                status: get(r, "status")?,
                outcome: get(r, "outcome")?,
                priority: get(r, "priority")?,
                availability: get(r, "availability")?,
                ems_consent: get(r, "ems_consent")?,
                neighbourhood: get(r, "neighbourhood")?,
                needs: get(r, "needs")?,
                n: get(r, "n")?,
            })
        })
    }

    async fn neighbourhood_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>> {
        let (case, inside) = bucket_of("created_at", b);
        let sql = format!(
            "SELECT b, k, COUNT(*) AS n FROM (SELECT {case} AS b, neighbourhood AS k FROM requests \
             WHERE {inside}) x GROUP BY b, k"
        );
        self.keyed(sql, b, "count neighbourhoods").await
    }

    async fn durations(&self, b: &Buckets) -> StoreResult<Vec<Duration>> {
        if b.is_empty() {
            return Ok(Vec::new());
        }
        let (case, inside) = bucket_of("r.created_at", b);
        // Each step's two ends are on the request's row (the first assignment, arrival and close, kept as they
        // happen) but the first reply, which is its acknowledgement's: one pass over the period's requests.
        let steps = [
            (
                "reply",
                "r.created_at",
                "(SELECT a.acked_at FROM request_acks a WHERE a.request_id = r.id)",
            ),
            ("assigned", "r.created_at", "r.assigned_at"),
            ("arrived", "r.created_at", "r.on_scene_at"),
            ("on_scene", "r.on_scene_at", "r.closed_at"),
        ];
        let parts: Vec<String> = steps
            .iter()
            .map(|(step, from, to)| {
                format!(
                    "SELECT b, channel, availability, '{step}' AS step, {m} AS m FROM (SELECT {case} AS b, \
                     r.channel, r.availability, {from} AS f, {to} AS t FROM requests r WHERE {inside}) x \
                     WHERE f IS NOT NULL AND t IS NOT NULL",
                    m = minutes("f", "t"),
                )
            })
            .collect();
        let sql = format!(
            "SELECT b, channel, availability, step, m, COUNT(*) AS n FROM ({}) y \
             GROUP BY b, channel, availability, step, m",
            parts.join(" UNION ALL ")
        );
        let rows = bind_bounds(sqlx::query::<D>(sqlx::AssertSqlSafe(sql)), b)
            .all_in(&self.read)
            .await
            .map_err(backend("request durations"))?;
        all(rows, |r| {
            Ok(Duration {
                bucket: bucket(r)?,
                channel: get(r, "channel")?,
                availability: get(r, "availability")?,
                step: get(r, "step")?,
                minutes: get(r, "m")?,
                n: get(r, "n")?,
            })
        })
    }

    async fn people(&self, b: &Buckets) -> StoreResult<People> {
        if b.is_empty() {
            return Ok(People::default());
        }
        let rows = sqlx::query::<D>(
            "SELECT COUNT(*) AS people, CAST(COALESCE(SUM(CASE WHEN x.n > 1 OR EXISTS (SELECT 1 FROM requests p \
             WHERE p.subject = x.subject AND p.created_at < $1) THEN 1 ELSE 0 END), 0) AS BIGINT) AS back \
             FROM (SELECT r.subject, COUNT(*) AS n FROM requests r WHERE r.created_at >= $1 AND r.created_at < $2 \
             GROUP BY r.subject) x",
        )
        .arg(us(b.0[0]))
            .arg(us(b.0[b.0.len() - 1]))
            .all_in(&self.read)
            .await
            .map_err(backend("count people"))?;
        let p = all(rows, |r| {
            Ok(People {
                people: get(r, "people")?,
                returning: get(r, "back")?,
            })
        })?;
        Ok(p.into_iter().next().unwrap_or_default())
    }

    async fn alert_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>> {
        let (case, inside) = bucket_of("created_at", b);
        let sql = format!(
            "SELECT b, k, COUNT(*) AS n FROM (SELECT {case} AS b, kind AS k FROM alerts WHERE {inside}) x \
             GROUP BY b, k"
        );
        self.keyed(sql, b, "count alerts").await
    }

    async fn referral_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>> {
        let (case, inside) = bucket_of("created_at", b);
        let sql = format!(
            "SELECT b, k, COUNT(*) AS n FROM (SELECT {case} AS b, status AS k FROM referrals WHERE {inside}) x \
             GROUP BY b, k"
        );
        self.keyed(sql, b, "count referrals").await
    }

    async fn follow_up_counts(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>> {
        let (case, inside) = bucket_of("due_at", b);
        let sql = format!(
            "SELECT b, k, COUNT(*) AS n FROM (SELECT {case} AS b, CASE \
             WHEN cancelled_at IS NOT NULL THEN 'cancelled' \
             WHEN result = 'could_not_reach' THEN 'could_not_reach' \
             WHEN done_at IS NULL THEN 'open' \
             WHEN done_at <= due_at + 86400000000 THEN 'on_time' \
             ELSE 'late' END AS k FROM follow_ups WHERE {inside}) x GROUP BY b, k"
        );
        self.keyed(sql, b, "count follow-ups").await
    }

    async fn aid_paid(&self, b: &Buckets) -> StoreResult<Vec<AidPaid>> {
        if b.is_empty() {
            return Ok(Vec::new());
        }
        let (case, inside) = bucket_of("a.paid_at", b);
        let sql = format!(
            "SELECT {case} AS b, a.fund_id, f.name AS fund_name, a.currency, a.amount_minor, a.purpose \
             FROM mutual_aid a JOIN funds f ON f.id = a.fund_id WHERE a.status = 'paid' AND {inside} \
             AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.reverses = a.entry_id) \
             ORDER BY a.fund_id, a.amount_minor"
        );
        let rows = bind_bounds(sqlx::query::<D>(sqlx::AssertSqlSafe(sql)), b)
            .all_in(&self.read)
            .await
            .map_err(backend("read aid paid"))?;
        all(rows, |r| {
            Ok(AidPaid {
                bucket: bucket(r)?,
                fund_id: get(r, "fund_id")?,
                fund_name: get(r, "fund_name")?,
                currency: get(r, "currency")?,
                amount_minor: get(r, "amount_minor")?,
                purpose: get(r, "purpose")?,
            })
        })
    }

    async fn assigned_to_close(&self, since: Timestamp) -> StoreResult<(i64, i64)> {
        let rows = sqlx::query::<D>(
            "SELECT COUNT(*) AS n, CAST(COALESCE(SUM((closed_at - assigned_at) / 1000000), 0) AS BIGINT) AS secs \
             FROM requests WHERE created_at >= $1 AND assigned_at IS NOT NULL AND closed_at IS NOT NULL \
             AND closed_at >= assigned_at",
        )
        .arg(us(since))
        .all_in(&self.read)
        .await
        .map_err(backend("time per call"))?;
        let v = all(rows, |r| Ok((get::<i64>(r, "n")?, get::<i64>(r, "secs")?)))?;
        Ok(v.into_iter().next().unwrap_or((0, 0)))
    }

    async fn ledger_sums(&self, from_day: i64, to_day: i64) -> StoreResult<Vec<LedgerSum>> {
        let rows = sqlx::query::<D>(
            "SELECT l.fund_id, l.account, e.kind, CAST(SUM(l.amount_minor) AS BIGINT) AS amount, \
             COUNT(*) AS lines FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id \
             WHERE l.day >= $1 AND l.day <= $2 GROUP BY l.fund_id, l.account, e.kind",
        )
        .arg(from_day)
        .arg(to_day)
        .all_in(&self.read)
        .await
        .map_err(backend("sum the ledger"))?;
        all(rows, |r| {
            Ok(LedgerSum {
                fund_id: get(r, "fund_id")?,
                account: get(r, "account")?,
                kind: get(r, "kind")?,
                amount_minor: get(r, "amount")?,
                lines: get(r, "lines")?,
            })
        })
    }
}
