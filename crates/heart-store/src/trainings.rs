//! Training records: a person's trainings, each with its day and the day it stops holding.

use crate::StoreResult;
use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{SqlStore, all, backend, get, guarded, id, ts, us, write_err};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// A training as kept (days as YYYY-MM-DD).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingRow {
    pub id: TrainingId,
    pub user_id: UserId,
    pub kind: String,
    pub done_on: String,
    pub expires_on: Option<String>,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

/// A change to training records.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainingOp {
    Record(TrainingRow),
    /// A record typed by mistake goes (a conflict if it is gone already).
    Remove {
        id: TrainingId,
    },
}

#[async_trait]
pub trait TrainingStore: Send + Sync {
    /// Every training, by person and kind, the latest first.
    async fn trainings(&self) -> StoreResult<Vec<TrainingRow>>;
    /// One person's trainings, the latest first.
    async fn trainings_of(&self, user: UserId) -> StoreResult<Vec<TrainingRow>>;
}

fn row(r: &impl RowGet) -> StoreResult<TrainingRow> {
    Ok(TrainingRow {
        id: id(r, "id")?,
        user_id: id(r, "user_id")?,
        kind: get(r, "kind")?,
        done_on: get(r, "done_on")?,
        expires_on: get(r, "expires_on")?,
        recorded_by: get(r, "recorded_by")?,
        recorded_at: ts(r, "recorded_at")?,
    })
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &TrainingOp) -> StoreResult<()> {
    match op {
        TrainingOp::Record(t) => {
            sqlx::query::<D>(
                "INSERT INTO trainings (id, user_id, kind, done_on, expires_on, recorded_by, recorded_at) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7)",
            )
            .arg(t.id.to_string())
            .arg(t.user_id.to_string())
            .arg(t.kind.as_str())
            .arg(t.done_on.as_str())
            .arg(t.expires_on.clone())
            .arg(t.recorded_by.as_str())
            .arg(us(t.recorded_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("training"))?;
        }
        TrainingOp::Remove { id } => {
            let n = sqlx::query::<D>("DELETE FROM trainings WHERE id = $1")
                .arg(id.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("training"))?;
            guarded(n)?;
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> TrainingStore for SqlStore<D> {
    async fn trainings(&self) -> StoreResult<Vec<TrainingRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM trainings ORDER BY user_id, kind, done_on DESC, id LIMIT 5000",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("trainings"))?;
        all(r, row)
    }

    async fn trainings_of(&self, user: UserId) -> StoreResult<Vec<TrainingRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM trainings WHERE user_id = $1 ORDER BY done_on DESC, id",
        )
        .arg(user.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("trainings"))?;
        all(r, row)
    }
}
