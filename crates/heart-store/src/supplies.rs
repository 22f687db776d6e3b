//! Supplies: stock of each kind at each place, in lots by expiry day ('' for none), and every movement. Stock never
//! goes below zero: what is given or moved is taken from the soonest-expiring lots inside the writer's transaction,
//! so two people giving out the last box at once cannot both take it (the database's CHECK holds it too).

use crate::StoreError;
use crate::StoreResult;
use crate::backend::{Bind, Db, RowGet, Run};
use crate::model::DonorRow;
use crate::sql::{
    SqlStore, all, backend, get, guarded, id, id_o, id_opt, ts, ts_o, us, us_opt, write_err,
};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// A movement as kept: received, given or moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveRow {
    pub id: SupplyMoveId,
    pub at: Timestamp,
    /// "received", "given", "moved" or "discarded".
    pub direction: String,
    pub kind: String,
    pub place: String,
    pub to_place: Option<String>,
    /// How many were received, given or moved (given by a walk: how many the walk counted).
    pub count: i64,
    /// Given by a walk: how many of `count` the stock did not hold.
    pub shortfall: i64,
    /// Received: YYYY-MM-DD.
    pub expires_on: Option<String>,
    /// Received: "bought", "donated" or "other".
    pub source: Option<String>,
    pub entry_id: Option<EntryId>,
    pub donor_id: Option<DonorId>,
    pub donor_name: Option<String>,
    /// Donated: the receipt's link.
    pub receipt_token: Option<String>,
    pub walk_id: Option<WalkId>,
    pub request_id: Option<RequestId>,
    pub recorded_by: String,
    /// A shortfall looked at: by whom and when.
    pub checked_by: Option<String>,
    pub checked_at: Option<Timestamp>,
}

/// One lot: a kind at a place with one expiry day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LotRow {
    pub kind: String,
    pub place: String,
    /// YYYY-MM-DD, or none.
    pub expires_on: Option<String>,
    pub on_hand: i64,
}

/// The low mark of a kind at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelRow {
    pub kind: String,
    pub place: String,
    pub low_at: i64,
}

/// A change to supplies.
#[derive(Clone, Debug, PartialEq)]
pub enum SupplyOp {
    /// Into a place's stock (the lot of its expiry day); with a donor when donated (one per email, as for gifts).
    Receive {
        mv: Box<MoveRow>,
        donor: Option<DonorRow>,
    },
    /// Out of a place (given out, or discarded), the soonest-expiring first. `strict`: refused (`short-stock`) when
    /// fewer are on hand;
    /// otherwise (a walk, which gave what it had in hand) what is on hand goes and the rest is the shortfall.
    Give { mv: Box<MoveRow>, strict: bool },
    /// From `place` to `to_place`, the soonest-expiring first, each lot keeping its day; refused (`short-stock`)
    /// when fewer are on hand.
    Move { mv: Box<MoveRow> },
    /// The low mark of a kind at a place.
    Level(LevelRow),
    /// A shortfall looked at by a coordinator (a conflict when it was already).
    Checked {
        id: SupplyMoveId,
        by: String,
        at: Timestamp,
    },
    /// The low-stock alert of a day (a duplicate when it went already).
    Alerted { day: String, at: Timestamp },
}

#[async_trait]
pub trait SupplyStore: Send + Sync {
    /// Every lot (those given out to the last too), by kind, place and expiry.
    async fn supply_lots(&self) -> StoreResult<Vec<LotRow>>;
    /// How many of a kind a place holds.
    async fn supply_on_hand(&self, kind: &str, place: &str) -> StoreResult<i64>;
    /// Every low mark.
    async fn supply_levels(&self) -> StoreResult<Vec<LevelRow>>;
    /// The newest movements, at most `limit`.
    async fn supply_moves(&self, limit: i64) -> StoreResult<Vec<MoveRow>>;
    /// Walks' shortfalls not yet looked at, oldest first.
    async fn supply_shortfalls(&self) -> StoreResult<Vec<MoveRow>>;
    /// One movement.
    async fn supply_move(&self, id: SupplyMoveId) -> StoreResult<Option<MoveRow>>;
    /// The movements of one receipt.
    async fn supply_receipt(&self, token: &str) -> StoreResult<Vec<MoveRow>>;
}

fn move_row(r: &impl RowGet) -> StoreResult<MoveRow> {
    Ok(MoveRow {
        id: id(r, "id")?,
        at: ts(r, "at")?,
        direction: get(r, "direction")?,
        kind: get(r, "kind")?,
        place: get(r, "place")?,
        to_place: get(r, "to_place")?,
        count: get(r, "count")?,
        shortfall: get(r, "shortfall")?,
        expires_on: get(r, "expires_on")?,
        source: get(r, "source")?,
        entry_id: id_o(r, "entry_id")?,
        donor_id: id_o(r, "donor_id")?,
        donor_name: get(r, "donor_name")?,
        receipt_token: get(r, "receipt_token")?,
        walk_id: id_o(r, "walk_id")?,
        request_id: id_o(r, "request_id")?,
        recorded_by: get(r, "recorded_by")?,
        checked_by: get(r, "checked_by")?,
        checked_at: ts_o(r, "checked_at")?,
    })
}

async fn insert_move<D: Db>(conn: &mut D::Connection, m: &MoveRow) -> StoreResult<()> {
    sqlx::query::<D>(
        "INSERT INTO supply_moves (id, at, direction, kind, place, to_place, count, shortfall, expires_on, source, \
         entry_id, donor_id, donor_name, receipt_token, walk_id, request_id, recorded_by, checked_by, checked_at) \
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)",
    )
    .arg(m.id.to_string())
    .arg(us(m.at))
    .arg(m.direction.as_str())
    .arg(m.kind.as_str())
    .arg(m.place.as_str())
    .arg(m.to_place.clone())
    .arg(m.count)
    .arg(m.shortfall)
    .arg(m.expires_on.clone())
    .arg(m.source.clone())
    .arg(id_opt(&m.entry_id))
    .arg(id_opt(&m.donor_id))
    .arg(m.donor_name.clone())
    .arg(m.receipt_token.clone())
    .arg(id_opt(&m.walk_id))
    .arg(id_opt(&m.request_id))
    .arg(m.recorded_by.as_str())
    .arg(m.checked_by.clone())
    .arg(us_opt(m.checked_at))
    .exec(&mut *conn)
    .await
    .map_err(write_err("supply move"))?;
    Ok(())
}

/// Adds `n` to a lot, making it when it is new.
async fn add<D: Db>(
    conn: &mut D::Connection,
    kind: &str,
    place: &str,
    expires: &str,
    n: i64,
) -> StoreResult<()> {
    sqlx::query::<D>(
        "INSERT INTO supply_lots (kind, place, expires_on, on_hand) VALUES ($1,$2,$3,$4) \
         ON CONFLICT (kind, place, expires_on) DO UPDATE SET on_hand = supply_lots.on_hand + excluded.on_hand",
    )
    .arg(kind)
    .arg(place)
    .arg(expires)
    .arg(n)
    .exec(&mut *conn)
    .await
    .map_err(write_err("supply lot"))?;
    Ok(())
}

/// Takes up to `n` of a kind from a place, the soonest-expiring lots first (those with no day last): the lots
/// taken from, with how many, in that order.
async fn take<D: Db>(
    conn: &mut D::Connection,
    kind: &str,
    place: &str,
    n: i64,
) -> StoreResult<Vec<(String, i64)>> {
    let lots = sqlx::query::<D>(
        "SELECT expires_on, on_hand FROM supply_lots WHERE kind = $1 AND place = $2 AND on_hand > 0 \
         ORDER BY CASE WHEN expires_on = '' THEN 1 ELSE 0 END, expires_on",
    )
    .arg(kind)
    .arg(place)
    .all(&mut *conn)
    .await
    .map_err(backend("supply lots"))?;
    let mut left = n;
    let mut taken = Vec::new();
    for lot in lots {
        if left == 0 {
            break;
        }
        let day: String = get(&lot, "expires_on")?;
        let on_hand: i64 = get(&lot, "on_hand")?;
        let k = left.min(on_hand);
        let changed = sqlx::query::<D>(
            "UPDATE supply_lots SET on_hand = on_hand - $1 \
             WHERE kind = $2 AND place = $3 AND expires_on = $4 AND on_hand >= $1",
        )
        .arg(k)
        .arg(kind)
        .arg(place)
        .arg(day.as_str())
        .exec(&mut *conn)
        .await
        .map_err(write_err("supply lot"))?;
        guarded(changed)?;
        left -= k;
        taken.push((day, k));
    }
    // A lot with an expiry day that is used up goes (the lot with none stays at 0, so a kind that ran out shows).
    sqlx::query::<D>(
        "DELETE FROM supply_lots WHERE kind = $1 AND place = $2 AND on_hand = 0 AND expires_on <> ''",
    )
    .arg(kind)
    .arg(place)
    .exec(&mut *conn)
    .await
    .map_err(write_err("supply lot"))?;
    Ok(taken)
}

fn taken_sum(t: &[(String, i64)]) -> i64 {
    t.iter().map(|(_, k)| k).sum()
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &SupplyOp) -> StoreResult<()> {
    match op {
        SupplyOp::Receive { mv, donor } => {
            let mut m = (**mv).clone();
            if let Some(d) = donor {
                sqlx::query::<D>(
                    "INSERT INTO donors (id, email, name, created_at) VALUES ($1,$2,$3,$4) \
                     ON CONFLICT (email) DO UPDATE SET name = COALESCE(donors.name, excluded.name)",
                )
                .arg(d.id.to_string())
                .arg(&d.email)
                .arg(&d.name)
                .arg(us(d.created_at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("donor"))?;
                let row = sqlx::query::<D>("SELECT id FROM donors WHERE email = $1")
                    .arg(&d.email)
                    .opt(&mut *conn)
                    .await
                    .map_err(backend("donor"))?
                    .ok_or(StoreError::NotFound)?;
                m.donor_id = Some(id(&row, "id")?);
            }
            let day = m.expires_on.clone().unwrap_or_default();
            add::<D>(conn, &m.kind, &m.place, &day, m.count).await?;
            insert_move::<D>(conn, &m).await
        }
        SupplyOp::Give { mv, strict } => {
            let mut m = (**mv).clone();
            let taken = take::<D>(conn, &m.kind, &m.place, m.count).await?;
            let short = m.count - taken_sum(&taken);
            if short > 0 && *strict {
                return Err(StoreError::Refused("short-stock"));
            }
            m.shortfall = short;
            insert_move::<D>(conn, &m).await
        }
        SupplyOp::Move { mv } => {
            let taken = take::<D>(conn, &mv.kind, &mv.place, mv.count).await?;
            if taken_sum(&taken) < mv.count {
                return Err(StoreError::Refused("short-stock"));
            }
            let to = mv
                .to_place
                .as_deref()
                .ok_or(StoreError::Rule("supply move"))?;
            for (day, k) in &taken {
                add::<D>(conn, &mv.kind, to, day, *k).await?;
            }
            insert_move::<D>(conn, mv).await
        }
        SupplyOp::Level(l) => {
            sqlx::query::<D>(
                "INSERT INTO supply_levels (kind, place, low_at) VALUES ($1,$2,$3) \
                 ON CONFLICT (kind, place) DO UPDATE SET low_at = excluded.low_at",
            )
            .arg(l.kind.as_str())
            .arg(l.place.as_str())
            .arg(l.low_at)
            .exec(&mut *conn)
            .await
            .map_err(write_err("supply level"))?;
            Ok(())
        }
        SupplyOp::Checked { id, by, at } => {
            let n = sqlx::query::<D>(
                "UPDATE supply_moves SET checked_by = $1, checked_at = $2 \
                 WHERE id = $3 AND shortfall > 0 AND checked_at IS NULL",
            )
            .arg(by.as_str())
            .arg(us(*at))
            .arg(id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("supply shortfall"))?;
            guarded(n)
        }
        SupplyOp::Alerted { day, at } => {
            sqlx::query::<D>("INSERT INTO supply_alerts (day, at) VALUES ($1,$2)")
                .arg(day.as_str())
                .arg(us(*at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("supply alert"))?;
            Ok(())
        }
    }
}

#[async_trait]
impl<D: Db> SupplyStore for SqlStore<D> {
    async fn supply_lots(&self) -> StoreResult<Vec<LotRow>> {
        let r = sqlx::query::<D>(
            "SELECT kind, place, expires_on, on_hand FROM supply_lots \
             ORDER BY kind, place, expires_on LIMIT 10000",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("supply lots"))?;
        all(r, |r| {
            let day: String = get(r, "expires_on")?;
            Ok(LotRow {
                kind: get(r, "kind")?,
                place: get(r, "place")?,
                expires_on: Some(day).filter(|d| !d.is_empty()),
                on_hand: get(r, "on_hand")?,
            })
        })
    }

    async fn supply_on_hand(&self, kind: &str, place: &str) -> StoreResult<i64> {
        let r = sqlx::query::<D>(
            "SELECT CAST(COALESCE(SUM(on_hand), 0) AS BIGINT) AS n FROM supply_lots WHERE kind = $1 AND place = $2",
        )
        .arg(kind)
        .arg(place)
        .opt_in(&self.read)
        .await
        .map_err(backend("supply on hand"))?;
        match r {
            Some(row) => get(&row, "n"),
            None => Ok(0),
        }
    }

    async fn supply_levels(&self) -> StoreResult<Vec<LevelRow>> {
        let r =
            sqlx::query::<D>("SELECT kind, place, low_at FROM supply_levels ORDER BY kind, place")
                .all_in(&self.read)
                .await
                .map_err(backend("supply levels"))?;
        all(r, |r| {
            Ok(LevelRow {
                kind: get(r, "kind")?,
                place: get(r, "place")?,
                low_at: get(r, "low_at")?,
            })
        })
    }

    async fn supply_moves(&self, limit: i64) -> StoreResult<Vec<MoveRow>> {
        let r = sqlx::query::<D>("SELECT * FROM supply_moves ORDER BY at DESC, id DESC LIMIT $1")
            .arg(limit)
            .all_in(&self.read)
            .await
            .map_err(backend("supply moves"))?;
        all(r, move_row)
    }

    async fn supply_shortfalls(&self) -> StoreResult<Vec<MoveRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM supply_moves WHERE shortfall > 0 AND checked_at IS NULL ORDER BY at, id LIMIT 500",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("supply shortfalls"))?;
        all(r, move_row)
    }

    async fn supply_move(&self, id: SupplyMoveId) -> StoreResult<Option<MoveRow>> {
        let r = sqlx::query::<D>("SELECT * FROM supply_moves WHERE id = $1")
            .arg(id.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("supply move"))?;
        r.as_ref().map(move_row).transpose()
    }

    async fn supply_receipt(&self, token: &str) -> StoreResult<Vec<MoveRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM supply_moves WHERE receipt_token = $1 ORDER BY at, id LIMIT 100",
        )
        .arg(token)
        .all_in(&self.read)
        .await
        .map_err(backend("supply receipt"))?;
        all(r, move_row)
    }
}
