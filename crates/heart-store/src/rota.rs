//! The rota: each team's weekly pattern, the shifts (the rota's slots) it makes ahead, who has a place in each, and
//! each person's calendar feed (found by its token's hash; the token itself is never kept).

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::dispatch::shift_row;
use crate::sql::{SqlStore, Tx, all, backend, get, guarded, id, ts, ts_o, us, us_opt, write_err};
use crate::{ShiftRow, StoreResult};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// A team's weekly pattern, as written ("tue,thu 10:00-16:00", in the team's time zone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternRow {
    pub team_id: TeamId,
    pub pattern: String,
    pub needed: i64,
    pub set_at: Timestamp,
    /// Who set it, as the audit log names them.
    pub set_by: String,
}

/// One person's place in a shift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceRow {
    pub user_id: UserId,
    /// The account's display name (read with the place; not written).
    pub name: String,
    pub since: Timestamp,
    /// When they offered it for a swap, while nobody has taken it.
    pub offered_at: Option<Timestamp>,
    /// Who put them there: themselves or a coordinator (as the audit log names them).
    pub placed_by: String,
    /// When their reminder the day before went.
    pub reminded_at: Option<Timestamp>,
}

/// A shift with its places.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotRow {
    pub shift: ShiftRow,
    pub places: Vec<PlaceRow>,
}

/// A change to the rota.
#[derive(Clone, Debug, PartialEq)]
pub enum RotaOp {
    /// Sets (or replaces) a team's weekly pattern.
    SetPattern(PatternRow),
    /// Shifts a pattern made; one already made for the same team and start is left as it is (two nodes making the
    /// same weeks at once make them once).
    MakeSlots(Vec<ShiftRow>),
    /// Shifts a pattern made that nobody has a place in any more (a changed pattern); one somebody took meanwhile
    /// stays.
    DropEmptySlots(Vec<ShiftId>),
    /// A shift's places, all of them, decided on `version` of the shift (a change committed meanwhile makes this a
    /// conflict, so two people cannot both take the last place).
    SetPlaces {
        shift: ShiftId,
        version: i64,
        places: Vec<PlaceRow>,
    },
    /// A person's calendar feed, replacing any earlier one (whose link stops working).
    SetFeed {
        user: UserId,
        token_hash: String,
        at: Timestamp,
    },
    DropFeed(UserId),
    /// A person's reminder for a shift went; guarded by its not having gone (of two nodes, one reminds).
    Reminded {
        shift: ShiftId,
        user: UserId,
        at: Timestamp,
    },
}

/// Reads of the rota.
#[async_trait]
pub trait RotaStore: Send + Sync {
    async fn patterns(&self) -> StoreResult<Vec<PatternRow>>;
    /// Shifts that overlap [from, to), earliest first (at most 2,000), each with its places.
    async fn slots(&self, from: Timestamp, to: Timestamp) -> StoreResult<Vec<SlotRow>>;
    async fn slot(&self, id: ShiftId) -> StoreResult<Option<SlotRow>>;
    /// The person whose calendar feed has this token hash.
    async fn feed_user(&self, token_hash: &str) -> StoreResult<Option<UserId>>;
    /// When the person's calendar feed was made, if they have one.
    async fn feed_made(&self, user: UserId) -> StoreResult<Option<Timestamp>>;
}

fn place_row(row: &impl RowGet) -> StoreResult<PlaceRow> {
    Ok(PlaceRow {
        user_id: id(row, "user_id")?,
        name: get(row, "display_name")?,
        since: ts(row, "since")?,
        offered_at: ts_o(row, "offered_at")?,
        placed_by: get(row, "placed_by")?,
        reminded_at: ts_o(row, "reminded_at")?,
    })
}

fn pattern_row(row: &impl RowGet) -> StoreResult<PatternRow> {
    Ok(PatternRow {
        team_id: id(row, "team_id")?,
        pattern: get(row, "pattern")?,
        needed: get(row, "needed")?,
        set_at: ts(row, "set_at")?,
        set_by: get(row, "set_by")?,
    })
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    _tx: &mut Tx<'_, D>,
    op: &RotaOp,
) -> StoreResult<()> {
    match op {
        RotaOp::SetPattern(p) => {
            sqlx::query::<D>(
                "INSERT INTO rota_patterns (team_id, pattern, needed, set_at, set_by) VALUES ($1,$2,$3,$4,$5) \
                 ON CONFLICT (team_id) DO UPDATE SET pattern = excluded.pattern, needed = excluded.needed, \
                 set_at = excluded.set_at, set_by = excluded.set_by",
            )
            .arg(p.team_id.to_string())
            .arg(&p.pattern)
            .arg(p.needed)
            .arg(us(p.set_at))
            .arg(&p.set_by)
            .exec(&mut *conn)
            .await
            .map_err(write_err("rota pattern"))?;
        }
        RotaOp::MakeSlots(slots) => {
            for s in slots {
                crate::sql::dispatch::insert_shift::<D>(conn, s, true).await?;
            }
        }
        RotaOp::DropEmptySlots(ids) => {
            for s in ids {
                sqlx::query::<D>(
                    "DELETE FROM shifts WHERE id = $1 AND from_pattern = $2 \
                     AND NOT EXISTS (SELECT 1 FROM shift_people p WHERE p.shift_id = $3)",
                )
                .arg(s.to_string())
                .arg(true)
                .arg(s.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("shift"))?;
            }
        }
        RotaOp::SetPlaces {
            shift,
            version,
            places,
        } => {
            let n = sqlx::query::<D>(
                "UPDATE shifts SET version = version + 1 WHERE id = $1 AND version = $2",
            )
            .arg(shift.to_string())
            .arg(*version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("shift"))?;
            guarded(n)?;
            sqlx::query::<D>("DELETE FROM shift_people WHERE shift_id = $1")
                .arg(shift.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("shift place"))?;
            for p in places {
                sqlx::query::<D>(
                    "INSERT INTO shift_people (shift_id, user_id, since, offered_at, placed_by, reminded_at) \
                     VALUES ($1,$2,$3,$4,$5,$6)",
                )
                .arg(shift.to_string())
                .arg(p.user_id.to_string())
                .arg(us(p.since))
                .arg(us_opt(p.offered_at))
                .arg(&p.placed_by)
                .arg(us_opt(p.reminded_at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("shift place"))?;
            }
        }
        RotaOp::SetFeed {
            user,
            token_hash,
            at,
        } => {
            sqlx::query::<D>(
                "INSERT INTO rota_feeds (user_id, token_hash, created_at) VALUES ($1,$2,$3) \
                 ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
                 created_at = excluded.created_at",
            )
            .arg(user.to_string())
            .arg(token_hash.as_str())
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("calendar feed"))?;
        }
        RotaOp::Reminded { shift, user, at } => {
            let n = sqlx::query::<D>(
                "UPDATE shift_people SET reminded_at = $1 \
                 WHERE shift_id = $2 AND user_id = $3 AND reminded_at IS NULL",
            )
            .arg(us(*at))
            .arg(shift.to_string())
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("shift place"))?;
            guarded(n)?;
        }
        RotaOp::DropFeed(user) => {
            sqlx::query::<D>("DELETE FROM rota_feeds WHERE user_id = $1")
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("calendar feed"))?;
        }
    }
    Ok(())
}

const PLACES: &str = "SELECT p.*, u.display_name FROM shift_people p JOIN users u ON u.id = p.user_id \
     JOIN shifts s ON s.id = p.shift_id";

/// Shifts with their places (places listed in the order they were taken).
fn join(shifts: Vec<ShiftRow>, places: Vec<(ShiftId, PlaceRow)>) -> Vec<SlotRow> {
    let mut out: Vec<SlotRow> = shifts
        .into_iter()
        .map(|shift| SlotRow {
            shift,
            places: Vec::new(),
        })
        .collect();
    let at: std::collections::HashMap<ShiftId, usize> = out
        .iter()
        .enumerate()
        .map(|(i, s)| (s.shift.id, i))
        .collect();
    for (sid, p) in places {
        if let Some(&i) = at.get(&sid) {
            out[i].places.push(p);
        }
    }
    for s in &mut out {
        s.places.sort_by_key(|p| (p.since, p.user_id));
    }
    out
}

fn with_shift(row: &impl RowGet) -> StoreResult<(ShiftId, PlaceRow)> {
    Ok((id(row, "shift_id")?, place_row(row)?))
}

#[async_trait]
impl<D: Db> RotaStore for SqlStore<D> {
    async fn patterns(&self) -> StoreResult<Vec<PatternRow>> {
        let r = sqlx::query::<D>("SELECT * FROM rota_patterns ORDER BY team_id")
            .all_in(&self.read)
            .await
            .map_err(backend("rota patterns"))?;
        all(r, pattern_row)
    }

    async fn slots(&self, from: Timestamp, to: Timestamp) -> StoreResult<Vec<SlotRow>> {
        let shifts = sqlx::query::<D>(
            "SELECT * FROM shifts WHERE starts_at < $1 AND ends_at > $2 ORDER BY starts_at, team_id LIMIT 2000",
        )
        .arg(us(to))
        .arg(us(from))
        .all_in(&self.read)
        .await
        .map_err(backend("rota"))?;
        let places = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "{PLACES} WHERE s.starts_at < $1 AND s.ends_at > $2"
        )))
        .arg(us(to))
        .arg(us(from))
        .all_in(&self.read)
        .await
        .map_err(backend("rota"))?;
        Ok(join(all(shifts, shift_row)?, all(places, with_shift)?))
    }

    async fn slot(&self, sid: ShiftId) -> StoreResult<Option<SlotRow>> {
        let shifts = sqlx::query::<D>("SELECT * FROM shifts WHERE id = $1")
            .arg(sid.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("rota"))?;
        let places = sqlx::query::<D>(sqlx::AssertSqlSafe(format!("{PLACES} WHERE s.id = $1")))
            .arg(sid.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("rota"))?;
        Ok(join(all(shifts, shift_row)?, all(places, with_shift)?)
            .into_iter()
            .next())
    }

    async fn feed_user(&self, token_hash: &str) -> StoreResult<Option<UserId>> {
        let r = sqlx::query::<D>("SELECT user_id FROM rota_feeds WHERE token_hash = $1")
            .arg(token_hash)
            .opt_in(&self.read)
            .await
            .map_err(backend("calendar feed"))?;
        r.map(|row| id(&row, "user_id")).transpose()
    }

    async fn feed_made(&self, user: UserId) -> StoreResult<Option<Timestamp>> {
        let r = sqlx::query::<D>("SELECT created_at FROM rota_feeds WHERE user_id = $1")
            .arg(user.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("calendar feed"))?;
        r.map(|row| ts(&row, "created_at")).transpose()
    }
}
