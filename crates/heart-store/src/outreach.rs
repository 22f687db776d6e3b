//! Outreach walks and events: what each counted, who went, the requests a walk opened, and the keyed hashes of
//! returning-person codes. Every count of a period is grouped in the database by week (`impact::Buckets`), from
//! indexes that carry the walk's start, so a year of walks comes back as a few hundred rows.

use crate::StoreResult;
use crate::backend::{Bind, Db, RowGet, Run};
use crate::impact::{Buckets, KeyCount};
use crate::sql::impact::{bind_bounds, bucket, bucket_of};
use crate::sql::{SqlStore, all, backend, get, id, id_o, ts, us, write_err};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use std::collections::BTreeMap;

/// A walk or an event as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkRow {
    pub id: WalkId,
    /// "walk" or "event".
    pub kind: String,
    /// A block or a named place, never finer.
    pub place: String,
    pub neighbourhood: Option<String>,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub team_id: Option<TeamId>,
    /// The usernames of the people who went.
    pub people: Vec<String>,
    pub people_reached: i64,
    pub conversations: i64,
    pub naloxone_given: i64,
    pub naloxone_used: i64,
    pub referrals: i64,
    pub asked_for_team: i64,
    /// Items given, by kind.
    pub items: BTreeMap<String, i64>,
    /// How many returning-person codes it holds.
    pub codes: i64,
    /// The audit name of who sent it, and when it arrived.
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

/// A change to outreach.
#[derive(Clone, Debug, PartialEq)]
pub enum OutreachOp {
    /// A walk with its people, items and codes (keyed hashes).
    Record {
        walk: Box<WalkRow>,
        codes: Vec<String>,
    },
    /// A request a walk opened (someone asked for a team), in the request's change set.
    Asked { walk: WalkId, request: RequestId },
}

/// What the walks of a bucket counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WalkCount {
    pub bucket: usize,
    pub walks: i64,
    pub people_reached: i64,
    pub conversations: i64,
    pub naloxone_given: i64,
    pub naloxone_used: i64,
    pub referrals: i64,
    pub asked_for_team: i64,
}

#[async_trait]
pub trait OutreachStore: Send + Sync {
    /// Walks and their sums per bucket (by start).
    async fn outreach_counts(&self, b: &Buckets) -> StoreResult<Vec<WalkCount>>;
    /// Items given per bucket and kind (`key`: the kind).
    async fn outreach_items(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>>;
    /// Distinct returning-person codes per bucket (`key`: none), and over all the buckets together.
    async fn outreach_unique(&self, b: &Buckets) -> StoreResult<(Vec<KeyCount>, i64)>;
    /// The walks that started in `[from, to)`, newest first, at most `limit`.
    async fn walks(&self, from: Timestamp, to: Timestamp, limit: i64) -> StoreResult<Vec<WalkRow>>;
    /// One walk.
    async fn walk(&self, id: WalkId) -> StoreResult<Option<WalkRow>>;
    /// The requests a walk opened.
    async fn walk_requests(&self, id: WalkId) -> StoreResult<Vec<RequestId>>;
}

fn walk_row(row: &impl RowGet) -> StoreResult<WalkRow> {
    Ok(WalkRow {
        id: id(row, "id")?,
        kind: get(row, "kind")?,
        place: get(row, "place")?,
        neighbourhood: get(row, "neighbourhood")?,
        started_at: ts(row, "started_at")?,
        ended_at: ts(row, "ended_at")?,
        team_id: id_o(row, "team_id")?,
        people: Vec::new(),
        people_reached: get(row, "people_reached")?,
        conversations: get(row, "conversations")?,
        naloxone_given: get(row, "naloxone_given")?,
        naloxone_used: get(row, "naloxone_used")?,
        referrals: get(row, "referrals")?,
        asked_for_team: get(row, "asked_for_team")?,
        items: BTreeMap::new(),
        codes: 0,
        recorded_by: get(row, "recorded_by")?,
        recorded_at: ts(row, "recorded_at")?,
    })
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &OutreachOp) -> StoreResult<()> {
    match op {
        OutreachOp::Record { walk: w, codes } => {
            sqlx::query::<D>(
                "INSERT INTO outreach_walks (id, kind, place, neighbourhood, started_at, ended_at, team_id, \
                 people_reached, conversations, naloxone_given, naloxone_used, referrals, asked_for_team, \
                 recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
            )
            .arg(w.id.to_string())
            .arg(w.kind.as_str())
            .arg(w.place.as_str())
            .arg(w.neighbourhood.clone())
            .arg(us(w.started_at))
            .arg(us(w.ended_at))
            .arg(w.team_id.map(|t| t.to_string()))
            .arg(w.people_reached)
            .arg(w.conversations)
            .arg(w.naloxone_given)
            .arg(w.naloxone_used)
            .arg(w.referrals)
            .arg(w.asked_for_team)
            .arg(w.recorded_by.as_str())
            .arg(us(w.recorded_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("outreach walk"))?;
            for p in &w.people {
                sqlx::query::<D>("INSERT INTO outreach_people (walk_id, username) VALUES ($1,$2)")
                    .arg(w.id.to_string())
                    .arg(p.as_str())
                    .exec(&mut *conn)
                    .await
                    .map_err(write_err("outreach person"))?;
            }
            for (kind, n) in w.items.iter().filter(|(_, n)| **n > 0) {
                sqlx::query::<D>(
                    "INSERT INTO outreach_items (walk_id, kind, given, started_at) VALUES ($1,$2,$3,$4)",
                )
                .arg(w.id.to_string())
                .arg(kind.as_str())
                .arg(*n)
                .arg(us(w.started_at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("outreach items"))?;
            }
            for c in codes {
                sqlx::query::<D>(
                    "INSERT INTO outreach_codes (walk_id, code, started_at) VALUES ($1,$2,$3)",
                )
                .arg(w.id.to_string())
                .arg(c.as_str())
                .arg(us(w.started_at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("outreach code"))?;
            }
        }
        OutreachOp::Asked { walk, request } => {
            sqlx::query::<D>("INSERT INTO outreach_requests (request_id, walk_id) VALUES ($1,$2)")
                .arg(request.to_string())
                .arg(walk.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("outreach request"))?;
        }
    }
    Ok(())
}

impl<D: Db> SqlStore<D> {
    /// Fills in the people, items and code counts of `walks`.
    async fn filled(&self, mut walks: Vec<WalkRow>) -> StoreResult<Vec<WalkRow>> {
        if walks.is_empty() {
            return Ok(walks);
        }
        // Three reads for all the walks together, never three a walk.
        let ids: Vec<String> = walks.iter().map(|w| w.id.to_string()).collect();
        let list = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(",");
        let read = |sql: String, what: &'static str| {
            let mut q = sqlx::query::<D>(sqlx::AssertSqlSafe(sql));
            for id in &ids {
                q = q.arg(id.as_str());
            }
            async move { q.all_in(&self.read).await.map_err(backend(what)) }
        };
        let people = read(
            format!(
                "SELECT walk_id, username FROM outreach_people WHERE walk_id IN ({list}) ORDER BY username"
            ),
            "outreach people",
        )
        .await?;
        let people: Vec<(String, String)> =
            all(people, |r| Ok((get(r, "walk_id")?, get(r, "username")?)))?;
        let items = read(
            format!("SELECT walk_id, kind, given FROM outreach_items WHERE walk_id IN ({list})"),
            "outreach items",
        )
        .await?;
        let items: Vec<(String, String, i64)> = all(items, |r| {
            Ok((get(r, "walk_id")?, get(r, "kind")?, get(r, "given")?))
        })?;
        let codes = read(
            format!(
                "SELECT walk_id, COUNT(*) AS n FROM outreach_codes WHERE walk_id IN ({list}) GROUP BY walk_id"
            ),
            "outreach codes",
        )
        .await?;
        let codes: Vec<(String, i64)> = all(codes, |r| Ok((get(r, "walk_id")?, get(r, "n")?)))?;
        for (w, wid) in walks.iter_mut().zip(&ids) {
            w.people = people
                .iter()
                .filter(|(id, _)| id == wid)
                .map(|(_, u)| u.clone())
                .collect();
            w.items = items
                .iter()
                .filter(|(id, _, _)| id == wid)
                .map(|(_, k, n)| (k.clone(), *n))
                .collect();
            w.codes = codes
                .iter()
                .find(|(id, _)| id == wid)
                .map_or(0, |(_, n)| *n);
        }
        Ok(walks)
    }
}

#[async_trait]
impl<D: Db> OutreachStore for SqlStore<D> {
    async fn outreach_counts(&self, b: &Buckets) -> StoreResult<Vec<WalkCount>> {
        if b.is_empty() {
            return Ok(Vec::new());
        }
        let (case, inside) = bucket_of("started_at", b);
        let sum = |c: &str| format!("CAST(SUM({c}) AS BIGINT) AS {c}");
        let sums = [
            "people_reached",
            "conversations",
            "naloxone_given",
            "naloxone_used",
            "referrals",
            "asked_for_team",
        ]
        .map(sum)
        .join(", ");
        let sql = format!(
            "SELECT b, COUNT(*) AS walks, {sums} FROM (SELECT {case} AS b, people_reached, conversations, \
             naloxone_given, naloxone_used, referrals, asked_for_team FROM outreach_walks WHERE {inside}) x \
             GROUP BY b"
        );
        let rows = bind_bounds(sqlx::query::<D>(sqlx::AssertSqlSafe(sql)), b)
            .all_in(&self.read)
            .await
            .map_err(backend("count walks"))?;
        all(rows, |r| {
            Ok(WalkCount {
                bucket: bucket(r)?,
                walks: get(r, "walks")?,
                people_reached: get(r, "people_reached")?,
                conversations: get(r, "conversations")?,
                naloxone_given: get(r, "naloxone_given")?,
                naloxone_used: get(r, "naloxone_used")?,
                referrals: get(r, "referrals")?,
                asked_for_team: get(r, "asked_for_team")?,
            })
        })
    }

    async fn outreach_items(&self, b: &Buckets) -> StoreResult<Vec<KeyCount>> {
        let (case, inside) = bucket_of("started_at", b);
        self.keyed(
            format!(
                "SELECT b, kind AS k, CAST(SUM(given) AS BIGINT) AS n FROM (SELECT {case} AS b, kind, given \
                 FROM outreach_items WHERE {inside}) x GROUP BY b, kind"
            ),
            b,
            "count items",
        )
        .await
    }

    async fn outreach_unique(&self, b: &Buckets) -> StoreResult<(Vec<KeyCount>, i64)> {
        if b.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let (case, inside) = bucket_of("started_at", b);
        let per = self
            .keyed(
                format!(
                    "SELECT b, CAST(NULL AS TEXT) AS k, COUNT(DISTINCT code) AS n FROM (SELECT {case} AS b, code \
                     FROM outreach_codes WHERE {inside}) x GROUP BY b"
                ),
                b,
                "count codes",
            )
            .await?;
        let (first, last) = (b.0[0], b.0[b.0.len() - 1]);
        let total = sqlx::query::<D>(
            "SELECT COUNT(DISTINCT code) AS n FROM outreach_codes WHERE started_at >= $1 AND started_at < $2",
        )
        .arg(us(first))
        .arg(us(last))
        .all_in(&self.read)
        .await
        .map_err(backend("count codes"))?;
        let total = all(total, |r| get(r, "n"))?.into_iter().next().unwrap_or(0);
        Ok((per, total))
    }

    async fn walks(&self, from: Timestamp, to: Timestamp, limit: i64) -> StoreResult<Vec<WalkRow>> {
        let rows = sqlx::query::<D>(
            "SELECT * FROM outreach_walks WHERE started_at >= $1 AND started_at < $2 \
             ORDER BY started_at DESC, id DESC LIMIT $3",
        )
        .arg(us(from))
        .arg(us(to))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("walks"))?;
        self.filled(all(rows, walk_row)?).await
    }

    async fn walk(&self, wid: WalkId) -> StoreResult<Option<WalkRow>> {
        let rows = sqlx::query::<D>("SELECT * FROM outreach_walks WHERE id = $1")
            .arg(wid.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("walk"))?;
        Ok(self.filled(all(rows, walk_row)?).await?.into_iter().next())
    }

    async fn walk_requests(&self, wid: WalkId) -> StoreResult<Vec<RequestId>> {
        let rows = sqlx::query::<D>(
            "SELECT request_id FROM outreach_requests WHERE walk_id = $1 ORDER BY request_id",
        )
        .arg(wid.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("walk requests"))?;
        all(rows, |r| id(r, "request_id"))
    }
}
