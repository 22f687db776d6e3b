//! The warmline: calls and texts that needed no request, three fields each, counted by bucket in the database.

use crate::StoreResult;
use crate::backend::{Bind, Db, Run};
use crate::impact::Buckets;
use crate::sql::impact::{bind_bounds, bucket, bucket_of};
use crate::sql::{SqlStore, all, backend, get, us, write_err};
use async_trait::async_trait;
use heart_domain::ids::WarmlineId;
use heart_domain::time::Timestamp;

/// A warmline contact as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarmlineRow {
    pub id: WarmlineId,
    pub at: Timestamp,
    /// phone or sms.
    pub channel: String,
    pub minutes: i64,
    pub about: String,
    /// What was offered, comma-separated ("listened,a_number_to_call").
    pub offered: String,
    /// The audit name of who logged it, and when.
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

/// A change to the warmline's log.
#[derive(Clone, Debug, PartialEq)]
pub enum WarmlineOp {
    Record(WarmlineRow),
}

/// How many contacts of a bucket had these three fields, and their minutes together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarmlineCount {
    pub bucket: usize,
    pub channel: String,
    pub about: String,
    pub offered: String,
    pub n: i64,
    pub minutes: i64,
}

#[async_trait]
pub trait WarmlineStore: Send + Sync {
    /// Contacts per bucket (by when they happened), grouped by channel, what about and what was offered.
    async fn warmline_counts(&self, b: &Buckets) -> StoreResult<Vec<WarmlineCount>>;
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &WarmlineOp) -> StoreResult<()> {
    match op {
        WarmlineOp::Record(r) => {
            sqlx::query::<D>(
                "INSERT INTO warmline_contacts (id, at, channel, minutes, about, offered, recorded_by, recorded_at) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
            )
            .arg(r.id.to_string())
            .arg(us(r.at))
            .arg(r.channel.as_str())
            .arg(r.minutes)
            .arg(r.about.as_str())
            .arg(r.offered.as_str())
            .arg(r.recorded_by.as_str())
            .arg(us(r.recorded_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("warmline contact"))?;
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> WarmlineStore for SqlStore<D> {
    async fn warmline_counts(&self, b: &Buckets) -> StoreResult<Vec<WarmlineCount>> {
        if b.is_empty() {
            return Ok(Vec::new());
        }
        let (case, inside) = bucket_of("at", b);
        let sql = format!(
            "SELECT b, channel, about, offered, COUNT(*) AS n, CAST(SUM(minutes) AS BIGINT) AS minutes FROM \
             (SELECT {case} AS b, channel, about, offered, minutes FROM warmline_contacts WHERE {inside}) x \
             GROUP BY b, channel, about, offered"
        );
        let rows = bind_bounds(sqlx::query::<D>(sqlx::AssertSqlSafe(sql)), b)
            .all_in(&self.read)
            .await
            .map_err(backend("count warmline"))?;
        all(rows, |r| {
            Ok(WarmlineCount {
                bucket: bucket(r)?,
                channel: get(r, "channel")?,
                about: get(r, "about")?,
                offered: get(r, "offered")?,
                n: get(r, "n")?,
                minutes: get(r, "minutes")?,
            })
        })
    }
}
