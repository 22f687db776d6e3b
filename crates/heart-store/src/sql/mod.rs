//! The SQL core, written once for both engines: one writer task with group commit, a read pool.
//!
//! Writes go to one task per process, on a thread of its own, that owns its only write connection. It drains up
//! to `MAX_BATCH` queued change sets into one write transaction, each inside its own savepoint (so one refused
//! change set does not undo the others), commits once, and only then answers each caller. A change answered `Ok`
//! is committed. On SQLite the transaction is `BEGIN IMMEDIATE`; on PostgreSQL it holds an advisory lock, so
//! several processes (nodes) still write one audit chain.

use crate::backend::{Bind, Col, Column, Db, Param, Q, RowGet, Run, Val};
use crate::model::*;
use crate::seal;
use crate::{DbHealth, Store, StoreError, StoreResult, verify};
use async_trait::async_trait;
use heart_crypto::chain;
use heart_crypto::keys::{DataKey, Keys};
use heart_domain::access::Capabilities;
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, FollowUpResult, Need};
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::{Timestamp, from_micros, to_micros};
use heart_domain::triage::{Outcome, Triage};
use sqlx::{AssertSqlSafe, Connection, Pool};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Requests joined with their person's data key.
macro_rules! request_select {
    () => {
        "SELECT r.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
         s.key_version AS k_version FROM requests r LEFT JOIN subjects s ON s.id = r.subject"
    };
}

/// Follow-ups joined with their person's data key.
macro_rules! follow_up_select {
    () => {
        "SELECT f.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
         s.key_version AS k_version FROM follow_ups f JOIN requests r ON r.id = f.request_id \
         LEFT JOIN subjects s ON s.id = r.subject"
    };
}

/// At most this many change sets share one transaction.
pub const MAX_BATCH: usize = 256;

pub(crate) type Options<D> = <<D as sqlx::Database>::Connection as Connection>::Options;
mod audit;
mod auth;
mod care;
pub(crate) mod dispatch;
mod doctor;
mod history;
pub(crate) mod impact;
mod merge;
mod reads;
mod requests;
mod trust;
mod writer;

pub(crate) use self::{audit::*, trust::*, writer::*};
use self::{auth::*, care::*, dispatch::*, requests::*};

/// Values sealed under the KEK itself (not a person's data key), re-sealed when the KEK rotates:
/// (table, id column, KEK column, sealed column, purpose bound into the seal).
const SEALED_SECRETS: [(&str, &str, &str, &str, &str); 6] = [
    (
        "legal_demands",
        "id",
        "kek_id",
        "sealed",
        seal::LEGAL_PURPOSE,
    ),
    ("users", "id", "totp_kek", "totp_secret", "totp"),
    ("partners", "id", "secret_kek", "secret", "partner"),
    ("partners", "id", "old_secret_kek", "old_secret", "partner"),
    ("partner_alerts", "id", "held_kek", "held", "partner-alert"),
    (
        "referral_hooks",
        "organization_id",
        "secret_kek",
        "secret",
        crate::referrals::HOOK_PURPOSE,
    ),
];

/// The store on either engine (`SqliteStore`, `PgStore`).
pub struct SqlStore<D: Db> {
    pub(crate) read: Pool<D>,
    writer: mpsc::Sender<Job>,
    pub(crate) keys: Arc<Keys>,
    /// The write connection's options: the current primary's (the writer moves them after a failover).
    opts: Arc<std::sync::RwLock<Options<D>>>,
    /// The database file or URL it was opened from (for backups).
    pub(crate) source: Arc<str>,
    /// Blind index -> person, for "has this number asked before?" without a read on every intake. Dropped
    /// whenever this store erases anyone; an erasure by another process is caught by the writer (an erased person
    /// takes no new request) and the caller asks again.
    phones: Mutex<HashMap<String, (SubjectId, std::time::Instant)>>,
    /// Data keys opened lately (see `DekCache`), shared with the writer.
    pub(crate) deks: Arc<DekCache>,
    /// Since when writes fail because the disk is full (microseconds since the epoch; 0: they do not). Set and
    /// cleared by the writer.
    disk_full: Arc<std::sync::atomic::AtomicI64>,
}

/// What an "unavailable" error ends with when the disk (or the database server's) is full.
pub(crate) const DISK_FULL: &str = "the disk is full";

/// Whether a failure is a full disk: SQLite's SQLITE_FULL, PostgreSQL's disk_full, or ENOSPC from the system.
fn disk_full(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => matches!(d.code().as_deref(), Some("13" | "53100")),
        sqlx::Error::Io(io) => io.raw_os_error() == Some(28),
        _ => false,
    }
}

/// How long one batch of writes may take before its callers are told to try again.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the writer checkpoints between batches (see `writer::restarted`).
const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);
/// ... and how soon it tries again, once, when a reader kept the log from starting again.
const CHECKPOINT_RETRY: Duration = Duration::from_millis(250);

/// How long a remembered phone -> person answer is trusted.
const PHONE_TTL: Duration = Duration::from_secs(60);

pub(crate) fn backend(context: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| {
        // sqlx errors name the statement's failure, never bound values.
        tracing::error!(error = %e, context, "database");
        if disk_full(&e) {
            StoreError::Unavailable(format!("{context}: {DISK_FULL}"))
        } else if unavailable(&e) {
            StoreError::Unavailable(context.to_string())
        } else {
            StoreError::Backend(context.to_string())
        }
    }
}

/// Whether an error means the database cannot be reached (or is not the primary) right now, rather than that
/// this statement is wrong: the caller may try again shortly.
pub(crate) fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(d) => {
            // PostgreSQL: read-only transaction (a standby), admin/crash shutdown, cannot connect now, too many
            // connections; SQLite: busy or locked past the timeout.
            // PostgreSQL classes 08 (connection), 53 (out of resources), 57 (operator intervention: shutdown,
            // a cancelled statement), lock not available (55P03, a lock timeout), idle in transaction too long
            // (25P03), read-only transaction (25006, a standby); SQLite busy or locked past the timeout.
            match d.code().as_deref() {
                Some(c) if c.len() == 5 => {
                    c.starts_with("08")
                        || c.starts_with("53")
                        || c.starts_with("57")
                        || matches!(c, "55P03" | "25P03" | "25006")
                }
                // SQLite: busy, locked, their extended forms, and full (13: heart answers "try again" while
                // the disk is full, and writes again by itself once there is room).
                Some(c) => matches!(c, "5" | "6" | "13" | "261" | "262" | "517" | "773"),
                None => false,
            }
        }
        // The server's answer could not be read (a half-closed connection).
        sqlx::Error::Protocol(_) => true,
        _ => false,
    }
}

impl<D: Db> SqlStore<D> {
    /// Starts the writer on `conn` (already migrated) beside the read pool.
    pub(crate) fn start(
        conn: D::Connection,
        read: Pool<D>,
        opts: Options<D>,
        source: &str,
        keys: Arc<Keys>,
    ) -> Self {
        let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
        let opts = Arc::new(std::sync::RwLock::new(opts));
        let disk_full = Arc::new(std::sync::atomic::AtomicI64::new(0));
        let deks = Arc::new(DekCache::default());
        let writer = writer_loop::<D>(
            conn,
            opts.clone(),
            source.to_string(),
            read.clone(),
            rx,
            (keys.clone(), deks.clone()),
            disk_full.clone(),
        );
        // The writer runs on a thread of its own: each statement is a round trip (to SQLite's worker thread, or
        // to PostgreSQL), and on the server's runtime every one of them waited its turn behind the web's tasks.
        // (Measured: heart-load intake 7,300-9,400 requests/s on the server's runtime, 10,900-12,400 here.)
        // Should the machine refuse a thread, the writer runs on the server's runtime as before.
        let writer = Arc::new(Mutex::new(Some(writer)));
        let mine = writer.clone();
        let on_thread = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|rt| {
                std::thread::Builder::new()
                    .name("heart-writer".into())
                    .spawn(move || {
                        let w = mine.lock().ok().and_then(|mut w| w.take());
                        if let Some(w) = w {
                            rt.block_on(w);
                        }
                    })
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = on_thread {
            tracing::warn!(error = %e, "no thread for the writer; it shares the server's");
            if let Some(w) = writer.lock().ok().and_then(|mut w| w.take()) {
                tokio::spawn(w);
            }
        }
        SqlStore {
            read,
            writer: tx,
            keys,
            opts,
            source: Arc::from(source),
            phones: Mutex::new(HashMap::new()),
            deks,
            disk_full,
        }
    }

    /// The read pool (for engine-specific reads: health, metrics).
    pub fn pool(&self) -> &Pool<D> {
        &self.read
    }

    /// Options for a connection of its own (checkpoints, key rotation, exports): the current primary's.
    pub(crate) fn opts(&self) -> Options<D> {
        self.opts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Alive while the store is (and its writer): background tasks stop when this no longer upgrades.
    pub(crate) fn liveness(&self) -> std::sync::Weak<std::sync::RwLock<Options<D>>> {
        Arc::downgrade(&self.opts)
    }
}

fn clone_err(e: &StoreError) -> StoreError {
    match e {
        StoreError::Conflict => StoreError::Conflict,
        StoreError::Duplicate(s) => StoreError::Duplicate(s),
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Backend(s) => StoreError::Backend(s.clone()),
        StoreError::Rule(s) => StoreError::Rule(s),
        StoreError::Refused(s) => StoreError::Refused(s),
        StoreError::Unavailable(s) => StoreError::Unavailable(s.clone()),
    }
}

pub(crate) fn write_err(what: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate(what),
        // A broken foreign key, CHECK or NOT NULL rule refuses this change set only.
        sqlx::Error::Database(d) if !matches!(d.kind(), sqlx::error::ErrorKind::Other) => {
            tracing::error!(error = %e, what, "a change broke a database rule");
            StoreError::Rule(what)
        }
        _ => backend(what)(e),
    }
}

pub(crate) fn guarded(rows: u64) -> StoreResult<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict)
    }
}

pub(crate) fn us(t: Timestamp) -> i64 {
    to_micros(t)
}
pub(crate) fn us_opt(t: Option<Timestamp>) -> Option<i64> {
    t.map(to_micros)
}
pub(crate) fn id_opt<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

fn bind_vals<D: Db>(mut q: Q<'_, D>, vals: Vec<Val>) -> Q<'_, D> {
    for v in vals {
        q = q.arg(v);
    }
    q
}

// ---- decoding ----

pub(crate) fn corrupt(what: &'static str) -> StoreError {
    StoreError::Backend(format!("unreadable {what} in the database"))
}

pub(crate) fn get<T: Col>(row: &impl RowGet, col: &'static str) -> StoreResult<T> {
    row.col(col).map_err(|_| corrupt(col))
}

pub(crate) fn id<T: FromStr>(row: &impl RowGet, col: &'static str) -> StoreResult<T> {
    get::<String>(row, col)?.parse().map_err(|_| corrupt(col))
}

pub(crate) fn id_o<T: FromStr>(row: &impl RowGet, col: &'static str) -> StoreResult<Option<T>> {
    match get::<Option<String>>(row, col)? {
        Some(s) => s.parse().map(Some).map_err(|_| corrupt(col)),
        None => Ok(None),
    }
}

pub(crate) fn ts(row: &impl RowGet, col: &'static str) -> StoreResult<Timestamp> {
    Ok(from_micros(get::<i64>(row, col)?))
}

pub(crate) fn ts_o(row: &impl RowGet, col: &'static str) -> StoreResult<Option<Timestamp>> {
    Ok(get::<Option<i64>>(row, col)?.map(from_micros))
}

fn enum_of<T>(
    row: &impl RowGet,
    col: &'static str,
    parse: fn(&str) -> Option<T>,
) -> StoreResult<T> {
    parse(&get::<String>(row, col)?).ok_or_else(|| corrupt(col))
}

fn caps(row: &impl RowGet) -> StoreResult<Capabilities> {
    let list = get::<String>(row, "capabilities")?;
    // An account added on the accounts page holds nothing until a second admin approves what it may do.
    if list.is_empty() {
        return Ok(Capabilities::empty());
    }
    Capabilities::parse_list(&list).map_err(|_| corrupt("capabilities"))
}

/// How a row's data key came out of the join with `subjects`.
pub(crate) enum RowKey {
    Key(Arc<DataKey>, u32),
    Erased,
    Unreadable,
}

pub(crate) fn row_key(row: &impl RowGet, keys: &Keys) -> StoreResult<RowKey> {
    let subject: Option<String> = get(row, "k_subject")?;
    let kek: Option<i64> = get(row, "k_kek")?;
    let wrapped: Option<Vec<u8>> = get(row, "k_wrapped")?;
    let version: Option<i64> = get(row, "k_version")?;
    let Some(subject) = subject.and_then(|s| s.parse::<SubjectId>().ok()) else {
        return Ok(RowKey::Erased);
    };
    match (kek, wrapped) {
        (Some(kek), Some(w)) => match seal::unwrap_key(keys, subject, kek as u32, w) {
            Ok(k) => Ok(RowKey::Key(k, version.unwrap_or(1) as u32)),
            Err(e) => {
                tracing::error!(error = %e, "a data key does not open");
                Ok(RowKey::Unreadable)
            }
        },
        _ => Ok(RowKey::Erased),
    }
}

pub(crate) fn all<T, R: RowGet>(
    rows: Vec<R>,
    f: impl Fn(&R) -> StoreResult<T>,
) -> StoreResult<Vec<T>> {
    rows.iter().map(f).collect()
}

pub(crate) fn one<T, R: RowGet>(
    row: Option<R>,
    f: impl Fn(&R) -> StoreResult<T>,
) -> StoreResult<Option<T>> {
    row.as_ref().map(f).transpose()
}

impl<D: Db> SqlStore<D> {
    /// At most one row by a single key.
    async fn find<T, K>(
        &self,
        sql: &'static str,
        key: K,
        what: &'static str,
        f: impl Fn(&D::Row) -> StoreResult<T> + Send,
    ) -> StoreResult<Option<T>>
    where
        K: 'static + Param,
    {
        let r = sqlx::query::<D>(sql)
            .arg(key)
            .opt_in(&self.read)
            .await
            .map_err(backend(what))?;
        one(r, f)
    }

    /// Every row for a single key.
    async fn find_all<T, K>(
        &self,
        sql: &'static str,
        key: K,
        what: &'static str,
        f: impl Fn(&D::Row) -> StoreResult<T> + Send,
    ) -> StoreResult<Vec<T>>
    where
        K: 'static + Param,
    {
        let r = sqlx::query::<D>(sql)
            .arg(key)
            .all_in(&self.read)
            .await
            .map_err(backend(what))?;
        all(r, f)
    }

    /// Every row of a query without parameters.
    async fn list<T>(
        &self,
        sql: &'static str,
        what: &'static str,
        f: impl Fn(&D::Row) -> StoreResult<T> + Send,
    ) -> StoreResult<Vec<T>> {
        let r = sqlx::query::<D>(sql)
            .all_in(&self.read)
            .await
            .map_err(backend(what))?;
        all(r, f)
    }
}

impl<D: Db> SqlStore<D> {
    /// Whether the key file opens this database's newest data key (a wrong key file is refused at start).
    pub async fn keys_match(&self) -> StoreResult<bool> {
        let row = sqlx::query::<D>(
            "SELECT id, kek_id, wrapped FROM subjects WHERE wrapped IS NOT NULL ORDER BY created_at DESC LIMIT 1",
        )
        .opt_in(&self.read)
        .await
        .map_err(backend("read data keys"))?;
        let Some(row) = row else { return Ok(true) };
        let sid: SubjectId = id(&row, "id")?;
        let kek: i64 = get(&row, "kek_id")?;
        let wrapped: Vec<u8> = get(&row, "wrapped")?;
        Ok(seal::unwrap_key(&self.keys, sid, kek as u32, wrapped).is_ok())
    }

    /// One number from a query that names it `n`.
    async fn count(&self, sql: &'static str, what: &'static str) -> StoreResult<i64> {
        let row = sqlx::query::<D>(sql)
            .opt_in(&self.read)
            .await
            .map_err(backend(what))?;
        match row {
            Some(r) => get(&r, "n"),
            None => Ok(0),
        }
    }

    async fn checkpoints(&self) -> StoreResult<Vec<verify::Checkpoint>> {
        self.list(
            "SELECT * FROM audit_checkpoints ORDER BY seq",
            "read checkpoints",
            |row| {
                Ok(verify::Checkpoint {
                    seq: get(row, "seq")?,
                    hash: get(row, "hash")?,
                    at: ts(row, "at")?,
                    public_key: get(row, "public_key")?,
                    signature: get(row, "signature")?,
                })
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    /// Every column sealed under the KEK (`*_kek`) in the migrations is re-sealed by `heart keys rotate`: one
    /// forgotten would stop opening once the old KEK is dropped.
    #[test]
    fn every_kek_column_is_rotated() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut table = String::new();
            for line in text.lines() {
                let l = line.trim();
                if let Some(rest) = l
                    .strip_prefix("CREATE TABLE ")
                    .or_else(|| l.strip_prefix("ALTER TABLE "))
                {
                    table = rest.split_whitespace().next().unwrap_or("").to_string();
                }
                // A column: the first word of a line inside CREATE TABLE, or what ALTER TABLE adds.
                let column = match l.split_once("ADD COLUMN ") {
                    Some((_, rest)) => rest.split_whitespace().next(),
                    None => l.split_whitespace().next(),
                };
                if let Some(c) = column.filter(|c| c.ends_with("_kek")) {
                    found.push((table.clone(), c.to_string()));
                }
            }
        }
        assert!(found.len() >= 4, "{found:?}");
        for (table, col) in found {
            assert!(
                super::SEALED_SECRETS
                    .iter()
                    .any(|(t, _, k, _, _)| *t == table && *k == col),
                "{table}.{col} is not re-sealed when the KEK rotates"
            );
        }
    }

    #[test]
    fn chunks_are_powers_of_two_up_to_64() {
        assert_eq!(super::chunks(0), Vec::<usize>::new());
        assert_eq!(super::chunks(1), vec![1]);
        assert_eq!(super::chunks(7), vec![4, 2, 1]);
        assert_eq!(super::chunks(130), vec![64, 64, 2]);
        let sql = super::multi_insert("audit_log", super::AUDIT_COLS, 7, "", 2, false);
        assert!(
            sql.ends_with("VALUES (?,?,?,?,?,?,?),(?,?,?,?,?,?,?)"),
            "{sql}"
        );
        let sql = super::multi_insert("audit_log", super::AUDIT_COLS, 7, "", 2, true);
        assert!(
            sql.ends_with("VALUES ($1,$2,$3,$4,$5,$6,$7),($8,$9,$10,$11,$12,$13,$14)"),
            "{sql}"
        );
    }
}
