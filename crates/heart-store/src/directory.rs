//! The resource directory's records (HSDS 3.0, public data about services) and the change counter a running
//! server watches. One SQL core for both engines.

use crate::StoreResult;
use crate::backend::{Bind, Db, Run};
use crate::sql::{SqlStore, Tx, all, backend, get, ts, us, write_err};
use async_trait::async_trait;
use heart_domain::time::Timestamp;

/// One HSDS record as stored: its kind ("service"), id and JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirRecord {
    pub kind: String,
    pub id: String,
    pub doc: String,
    pub modified_at: Timestamp,
}

/// Today's availability of a service (public).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapacityRow {
    pub service_id: String,
    /// "open", "closed" or "full".
    pub status: String,
    /// Places free now (beds tonight), when counted.
    pub available: Option<i64>,
    pub note: Option<String>,
    pub updated_at: Timestamp,
    pub updated_by: String,
}

/// A change to the directory.
#[derive(Clone, Debug, PartialEq)]
pub enum DirectoryOp {
    /// Say how a service is today (replaces what was said before).
    SetCapacity(CapacityRow),
    /// Add or replace records (kind, id, JSON); a record whose JSON is unchanged keeps its modified time.
    Upsert {
        records: Vec<(String, String, String)>,
        at: Timestamp,
    },
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    _tx: &mut Tx<'_, D>,
    op: &DirectoryOp,
) -> StoreResult<()> {
    match op {
        DirectoryOp::SetCapacity(c) => {
            sqlx::query::<D>(
                "INSERT INTO directory_capacity (service_id, status, available, note, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (service_id) DO UPDATE SET status = excluded.status, \
                 available = excluded.available, note = excluded.note, updated_at = excluded.updated_at, \
                 updated_by = excluded.updated_by",
            )
            .arg(c.service_id.as_str())
            .arg(c.status.as_str())
            .arg(c.available)
            .arg(c.note.clone())
            .arg(us(c.updated_at))
            .arg(c.updated_by.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("capacity"))?;
        }
        DirectoryOp::Upsert { records, at } => {
            for (kind, id, doc) in records {
                sqlx::query::<D>(
                    "INSERT INTO directory_records (kind, id, doc, modified_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc, modified_at = excluded.modified_at \
                     WHERE directory_records.doc <> excluded.doc",
                )
                .arg(kind.as_str())
                .arg(id.as_str())
                .arg(doc.as_str())
                .arg(us(*at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("directory record"))?;
            }
            bump::<D>(conn, *at).await?;
        }
    }
    Ok(())
}

async fn bump<D: Db>(conn: &mut D::Connection, at: Timestamp) -> StoreResult<()> {
    sqlx::query::<D>(
        "INSERT INTO directory_state (id, version, changed_at) VALUES (1, 1, $1) \
         ON CONFLICT (id) DO UPDATE SET version = directory_state.version + 1, \
         changed_at = excluded.changed_at",
    )
    .arg(us(at))
    .exec(&mut *conn)
    .await
    .map_err(write_err("directory"))?;
    Ok(())
}

/// Reads of the directory. Writes go through `Store::apply` with [`crate::Op::Directory`].
#[async_trait]
pub trait DirectoryStore: Send + Sync {
    /// Every record.
    async fn directory_records(&self) -> StoreResult<Vec<DirRecord>>;
    /// The change counter.
    async fn directory_version(&self) -> StoreResult<i64>;
    /// What services said of today.
    async fn directory_capacity(&self) -> StoreResult<Vec<CapacityRow>>;
}

#[async_trait]
impl<D: Db> DirectoryStore for SqlStore<D> {
    async fn directory_records(&self) -> StoreResult<Vec<DirRecord>> {
        let r = sqlx::query::<D>(
            "SELECT kind, id, doc, modified_at FROM directory_records ORDER BY kind, id",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("directory"))?;
        all(r, |row| {
            Ok(DirRecord {
                kind: get(row, "kind")?,
                id: get(row, "id")?,
                doc: get(row, "doc")?,
                modified_at: ts(row, "modified_at")?,
            })
        })
    }

    async fn directory_capacity(&self) -> StoreResult<Vec<CapacityRow>> {
        let r = sqlx::query::<D>(
            "SELECT service_id, status, available, note, updated_at, updated_by FROM directory_capacity",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("capacity"))?;
        all(r, |row| {
            Ok(CapacityRow {
                service_id: get(row, "service_id")?,
                status: get(row, "status")?,
                available: get(row, "available")?,
                note: get(row, "note")?,
                updated_at: ts(row, "updated_at")?,
                updated_by: get(row, "updated_by")?,
            })
        })
    }

    async fn directory_version(&self) -> StoreResult<i64> {
        let r = sqlx::query::<D>("SELECT version FROM directory_state WHERE id = 1")
            .opt_in(&self.read)
            .await
            .map_err(backend("directory"))?;
        Ok(match r {
            Some(row) => get(&row, "version")?,
            None => 0,
        })
    }
}
