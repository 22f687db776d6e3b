//! The SQL core, written once for both engines: one writer task with group commit, a read pool.
//!
//! Writes go to one task per process that owns its only write connection. It drains up to `MAX_BATCH` queued
//! change sets into one write transaction, each inside its own savepoint (so one refused change set does not undo
//! the others), commits once, and only then answers each caller. A change answered `Ok` is committed. On SQLite the
//! transaction is `BEGIN IMMEDIATE`; on PostgreSQL it holds an advisory lock, so several processes (nodes) still
//! write one audit chain.

use crate::backend::{Bind, Col, Column, Db, Param, Q, RowGet, Run, Val};
use crate::model::*;
use crate::seal;
use crate::{DbHealth, Store, StoreError, StoreResult, verify};
use async_trait::async_trait;
use heart_crypto::chain;
use heart_crypto::keys::{DataKey, Keys};
use heart_domain::access::Capabilities;
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
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

struct Job {
    changes: ChangeSet,
    /// Keys and sealed bytes made before the job reached the writer (in the caller's task, on any core).
    prepared: Prepared,
    reply: oneshot::Sender<StoreResult<()>>,
}

/// Work done before a change set reaches the single writer: a new person's data key (made and wrapped), and the
/// sealed fields of their first request. The writer only stores the bytes.
#[derive(Default)]
struct Prepared {
    subjects: HashMap<SubjectId, (Arc<DataKey>, u32, Vec<u8>)>,
    requests: HashMap<RequestId, PreSealed>,
}

/// A new request's blind index and sealed bytes, made by the caller. Sealed under a person's key from the cache
/// (`Some`), it is used only if the writer, reading the person's row in the transaction, opens the same key.
type PreSealed = (Option<String>, Vec<u8>, Option<(Arc<DataKey>, u32)>);

impl Prepared {
    fn of(changes: &ChangeSet, keys: &Keys, cache: &DekCache) -> Prepared {
        let mut p = Prepared::default();
        let ring = keys.get();
        for op in &changes.ops {
            match op {
                Op::NewSubject { id, .. } => {
                    let (dek, wrapped) = ring.new_data_key(&id.to_string());
                    p.subjects
                        .insert(*id, (Arc::new(dek), wrapped.kek_id, wrapped.bytes));
                }
                Op::InsertRequest(r) => {
                    let (key, version, check) = match p.subjects.get(&r.subject) {
                        Some((key, _, _)) => (key.clone(), KEY_VERSION, None),
                        None => match cache.get(r.subject) {
                            Some((key, version)) => (key.clone(), version, Some((key, version))),
                            None => continue,
                        },
                    };
                    let index = r
                        .contact
                        .phone
                        .as_deref()
                        .map(|ph| seal::phone_index(&ring, ph));
                    let sealed = seal::seal_request(r, &key, version);
                    p.requests.insert(r.id, (index, sealed, check));
                }
                _ => {}
            }
        }
        p
    }
}

/// Data keys the writer opened or made lately, so that a known person's next request is sealed by its caller (on
/// any core) rather than by the single writer. The cache's rules are the blind index's: bounded, dropped whenever
/// this store erases anyone, and never trusted alone: the writer still reads the person's row in the transaction
/// (an erased person, here or on another node, takes no new request) and seals again if the key differs.
#[derive(Default)]
pub(crate) struct DekCache(Mutex<HashMap<SubjectId, (Arc<DataKey>, u32)>>);

impl DekCache {
    /// People whose keys are kept at most (about 1 MB); past it the cache starts afresh.
    const MAX: usize = 10_000;

    fn get(&self, s: SubjectId) -> Option<(Arc<DataKey>, u32)> {
        self.0.lock().ok()?.get(&s).cloned()
    }

    fn put(&self, s: SubjectId, key: Arc<DataKey>, version: u32) {
        if let Ok(mut m) = self.0.lock() {
            if m.len() >= Self::MAX {
                m.clear();
            }
            m.insert(s, (key, version));
        }
    }

    fn forget(&self, s: SubjectId) {
        if let Ok(mut m) = self.0.lock() {
            m.remove(&s);
        }
    }

    pub(crate) fn clear(&self) {
        if let Ok(mut m) = self.0.lock() {
            m.clear();
        }
    }
}

/// Values sealed under the KEK itself (not a person's data key), re-sealed when the KEK rotates:
/// (table, id column, KEK column, sealed column, purpose bound into the seal).
const SEALED_SECRETS: [(&str, &str, &str, &str, &str); 5] = [
    (
        "legal_demands",
        "id",
        "kek_id",
        "sealed",
        seal::LEGAL_PURPOSE,
    ),
    ("users", "id", "totp_kek", "totp_secret", "totp"),
    ("partners", "id", "secret_kek", "secret", "partner"),
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
        tokio::spawn(writer_loop::<D>(
            conn,
            opts.clone(),
            source.to_string(),
            read.clone(),
            rx,
            (keys.clone(), deks.clone()),
            disk_full.clone(),
        ));
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

async fn writer_loop<D: Db>(
    mut conn: D::Connection,
    shared_opts: Arc<std::sync::RwLock<Options<D>>>,
    source: String,
    read: Pool<D>,
    mut rx: mpsc::Receiver<Job>,
    (keys, deks): (Arc<Keys>, Arc<DekCache>),
    disk_full: Arc<std::sync::atomic::AtomicI64>,
) {
    use std::sync::atomic::Ordering;
    let mut batch: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    let mut opts = shared_opts
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    while let Some(job) = rx.recv().await {
        batch.push(job);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        // A server that goes silent (a network cut with no reset) must not hold every writer for ever: past
        // the limit the callers hear "try again" and the connection is replaced.
        let (results, healthy) = match tokio::time::timeout(
            WRITE_TIMEOUT,
            write_batch::<D>(&mut conn, &batch, &keys, &deks),
        )
        .await
        {
            Ok(done) => done,
            Err(_) => {
                tracing::error!(engine = D::ENGINE, "a write took too long; reconnecting");
                let e = StoreError::Unavailable("the write timed out".into());
                (batch.iter().map(|_| Err(clone_err(&e))).collect(), false)
            }
        };
        // A full disk is said on /healthz and the health page until a write goes through again.
        if results
            .iter()
            .any(|r| matches!(r, Err(StoreError::Unavailable(m)) if m.ends_with(DISK_FULL)))
        {
            if disk_full.load(Ordering::Relaxed) == 0 {
                tracing::error!("writes fail: the disk is full; answering 503 until there is room");
                disk_full.store(us(Timestamp::now()), Ordering::Relaxed);
            }
        } else if results.iter().any(Result::is_ok) && disk_full.swap(0, Ordering::Relaxed) != 0 {
            tracing::warn!("writes go through again: the disk has room");
        }
        // A connection that answers but cannot write (a primary turned standby) is no use either.
        let healthy = healthy
            && !results
                .iter()
                .any(|r| matches!(r, Err(StoreError::Unavailable(_))));
        for (job, result) in batch.drain(..).zip(results) {
            let _ = job.reply.send(result);
        }
        if !healthy {
            // The connection could not even roll back (or the server went away): start afresh rather than fail
            // every later write. Jobs that arrive meanwhile wait in the queue; none is answered Ok unless
            // committed.
            loop {
                match D::reconnect(&opts, &source).await {
                    Ok((fresh, fresh_opts)) => {
                        D::close(std::mem::replace(&mut conn, fresh)).await;
                        // Reads follow the writer to the host that is the primary now (SQLite's read pool
                        // keeps its read-only options: the file does not move).
                        if D::ENGINE == "postgres" {
                            read.set_connect_options(fresh_opts.clone());
                        }
                        *shared_opts
                            .write()
                            .unwrap_or_else(std::sync::PoisonError::into_inner) =
                            fresh_opts.clone();
                        opts = fresh_opts;
                        break;
                    }
                    Err(e) => {
                        tracing::error!(error = %e, engine = D::ENGINE, "writer could not reconnect");
                        // Answer what is waiting (503 to the caller) rather than let it hang.
                        while let Ok(j) = rx.try_recv() {
                            let _ = j
                                .reply
                                .send(Err(StoreError::Unavailable("reconnect".into())));
                        }
                        if rx.is_closed() {
                            return;
                        }
                        tokio::time::sleep(Duration::from_millis(250)).await;
                    }
                }
            }
        }
    }
    D::close(conn).await;
}

async fn exec<D: Db>(conn: &mut D::Connection, sql: &'static str) -> Result<(), sqlx::Error> {
    D::raw(conn, sql).await
}

/// Writes a batch. Returns each change set's result, and whether the connection is still usable.
async fn write_batch<D: Db>(
    conn: &mut D::Connection,
    jobs: &[Job],
    keys: &Keys,
    deks: &DekCache,
) -> (Vec<StoreResult<()>>, bool) {
    // Fast path: the whole batch in one transaction with multi-row INSERTs. Any refusal (a taken name, a stale
    // version) rolls it back, and the batch is written again change set by change set, each in a savepoint.
    // The fast path writes people and requests before the other changes; an erasure in the batch must come in
    // its place (a request for that person sent after it is refused, not written and then wiped), so such a
    // batch goes change set by change set.
    let erases = jobs.iter().any(|j| {
        j.changes
            .ops
            .iter()
            .any(|op| matches!(op, Op::EraseSubject { .. }))
    });
    if jobs.len() > 1 && !erases && D::begin_write(conn).await.is_ok() {
        match write_fast::<D>(conn, jobs, keys, deks).await {
            Ok(()) if exec::<D>(conn, "COMMIT").await.is_ok() => {
                return (jobs.iter().map(|_| Ok(())).collect(), true);
            }
            _ => {
                if exec::<D>(conn, "ROLLBACK").await.is_err() {
                    // The connection is gone (or broken): whether the batch committed is unknown to us, so the
                    // callers hear "try again" (a retry with an Idempotency-Key finds what did commit).
                    let e = StoreError::Unavailable("the database connection was lost".into());
                    return (jobs.iter().map(|_| Err(clone_err(&e))).collect(), false);
                }
            }
        }
    }
    write_each::<D>(conn, jobs, keys, deks).await
}

/// Column lists of the tables written in bulk.
const REQUEST_COLS: &str = "created_at, updated_at, channel, requester, location_withheld, safe_text, \
     safe_voicemail, safe_call, language, triage_outcome, priority, triage_rule, rationale, ems_consent, status, \
     team_id, outcome, subject, phone_index, sealed, id";
const REQUEST_NCOLS: usize = 21;
const SUBJECT_COLS: &str = "id, kek_id, wrapped, key_version, created_at";
const TRANSITION_COLS: &str = "request_id, from_status, to_status, team_id, at, actor";
const AUDIT_COLS: &str = "seq, id, at, actor, action, record_kind, record_id, detail, hash";
/// Data keys start at version 1; the version is bound into every sealed value's associated data.
const KEY_VERSION: u32 = 1;

/// What one write transaction carries along: the keys, the data keys it has opened, and the audit chain's head.
pub(crate) struct Tx<'k, D> {
    pub(crate) keys: &'k Keys,
    cache: &'k DekCache,
    db: PhantomData<D>,
    deks: HashMap<SubjectId, Option<(Arc<DataKey>, u32)>>,
    chain: Chain,
    /// Wrapped keys and sealed requests prepared by the callers.
    pre_wrapped: HashMap<SubjectId, (u32, Vec<u8>)>,
    pre_sealed: HashMap<RequestId, PreSealed>,
}

#[derive(Clone, Copy)]
struct Chain {
    seq: i64,
    hash: [u8; 32],
    /// The chain's key, from the key file.
    key: [u8; 32],
}

impl<'k, D: Db> Tx<'k, D> {
    async fn begin(
        conn: &mut D::Connection,
        keys: &'k Keys,
        cache: &'k DekCache,
    ) -> StoreResult<Tx<'k, D>> {
        Ok(Tx {
            keys,
            cache,
            db: PhantomData,
            deks: HashMap::new(),
            pre_wrapped: HashMap::new(),
            pre_sealed: HashMap::new(),
            chain: chain_head::<D>(conn, keys.get().chain_key()).await?,
        })
    }

    /// Makes a data key for a new person; returns the row values to insert.
    /// Takes over what the callers prepared for these jobs.
    fn adopt(&mut self, jobs: &[Job]) {
        for job in jobs {
            for (id, (dek, kek, wrapped)) in &job.prepared.subjects {
                self.cache.put(*id, dek.clone(), KEY_VERSION);
                self.deks.insert(*id, Some((dek.clone(), KEY_VERSION)));
                self.pre_wrapped.insert(*id, (*kek, wrapped.clone()));
            }
            for (id, sealed) in &job.prepared.requests {
                self.pre_sealed.insert(*id, sealed.clone());
            }
        }
    }

    fn new_subject(&mut self, id: SubjectId) -> (u32, Vec<u8>) {
        if let Some(w) = self.pre_wrapped.remove(&id) {
            return w;
        }
        let ring = self.keys.get();
        let (dek, wrapped) = ring.new_data_key(&id.to_string());
        let dek = Arc::new(dek);
        self.cache.put(id, dek.clone(), KEY_VERSION);
        self.deks.insert(id, Some((dek, KEY_VERSION)));
        (wrapped.kek_id, wrapped.bytes)
    }

    /// The person's data key; `None` once erased.
    pub(crate) async fn key(
        &mut self,
        conn: &mut D::Connection,
        subject: SubjectId,
    ) -> StoreResult<Option<(Arc<DataKey>, u32)>> {
        if let Some(k) = self.deks.get(&subject) {
            return Ok(k.clone());
        }
        let row =
            sqlx::query::<D>("SELECT kek_id, wrapped, key_version FROM subjects WHERE id = $1")
                .arg(subject.to_string())
                .opt(&mut *conn)
                .await
                .map_err(backend("read data key"))?
                .ok_or(StoreError::Rule("person"))?;
        let kek: Option<i64> = get(&row, "kek_id")?;
        let wrapped: Option<Vec<u8>> = get(&row, "wrapped")?;
        let version: i64 = get(&row, "key_version")?;
        let key = match (kek, wrapped) {
            (Some(kek), Some(w)) => {
                let dek = seal::unwrap_key(self.keys, subject, kek as u32, w).map_err(|e| {
                    tracing::error!(error = %e, "a data key does not open");
                    StoreError::Backend(format!("a data key does not open: {e}"))
                })?;
                self.cache.put(subject, dek.clone(), version as u32);
                Some((dek, version as u32))
            }
            _ => {
                self.cache.forget(subject);
                None
            }
        };
        self.deks.insert(subject, key.clone());
        Ok(key)
    }

    /// The data key of the person a request is about.
    async fn request_key(
        &mut self,
        conn: &mut D::Connection,
        request: RequestId,
    ) -> StoreResult<Option<(Arc<DataKey>, u32)>> {
        let row = sqlx::query::<D>("SELECT subject FROM requests WHERE id = $1")
            .arg(request.to_string())
            .opt(&mut *conn)
            .await
            .map_err(backend("read request"))?;
        let subject: Option<String> = match row {
            Some(r) => get(&r, "subject")?,
            None => None,
        };
        match subject.and_then(|s| s.parse().ok()) {
            Some(s) => self.key(conn, s).await,
            // A missing request is refused by its foreign key on insert.
            None => Ok(None),
        }
    }

    /// Sequence numbers and hashes for the next audit entries, in order.
    fn link(&mut self, entries: &[&AuditEntry]) -> Vec<(i64, String)> {
        entries
            .iter()
            .map(|a| {
                self.chain.seq += 1;
                self.chain.hash = link_entry(&self.chain.key, &self.chain.hash, self.chain.seq, a);
                (self.chain.seq, hex::encode(self.chain.hash))
            })
            .collect()
    }
}

/// The fields of one entry in the chain's canonical order.
fn entry_fields(seq: i64, a: &AuditEntry) -> [String; 3] {
    [seq.to_string(), a.id.to_string(), us(a.at).to_string()]
}

/// The audit chain's link over one entry, under the chain key (see `heart_crypto::chain`).
pub fn link_entry(key: &[u8; 32], prev: &[u8; 32], seq: i64, a: &AuditEntry) -> [u8; 32] {
    let [seq, id, at] = entry_fields(seq, a);
    chain::link(
        key,
        prev,
        &[
            seq.as_bytes(),
            id.as_bytes(),
            at.as_bytes(),
            a.actor.as_bytes(),
            a.action.as_bytes(),
            a.record_kind.as_bytes(),
            a.record_id.as_bytes(),
            a.detail.as_bytes(),
        ],
    )
}

/// The link chains had before they were keyed (read once, by [`key_the_chain`]).
fn link_entry_unkeyed(prev: &[u8; 32], seq: i64, a: &AuditEntry) -> [u8; 32] {
    let [seq, id, at] = entry_fields(seq, a);
    chain::link_unkeyed(
        prev,
        &[
            seq.as_bytes(),
            id.as_bytes(),
            at.as_bytes(),
            a.actor.as_bytes(),
            a.action.as_bytes(),
            a.record_kind.as_bytes(),
            a.record_id.as_bytes(),
            a.detail.as_bytes(),
        ],
    )
}

async fn chain_head<D: Db>(conn: &mut D::Connection, key: [u8; 32]) -> StoreResult<Chain> {
    let row = sqlx::query::<D>("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .opt(&mut *conn)
        .await
        .map_err(backend("read audit head"))?;
    match row {
        None => Ok(Chain {
            seq: 0,
            hash: chain::GENESIS,
            key,
        }),
        Some(r) => {
            let hash: Option<String> = get(&r, "hash")?;
            let mut out = [0u8; 32];
            hex::decode_to_slice(hash.unwrap_or_default(), &mut out)
                .map_err(|_| corrupt("audit hash"))?;
            Ok(Chain {
                seq: get(&r, "seq")?,
                hash: out,
                key,
            })
        }
    }
}

/// The migration that keys the audit chain (`0024_audit_chain_keyed`).
pub(crate) const CHAIN_KEYED_MIGRATION: i64 = 24;

/// The migrations a database has applied (none for a new one).
pub(crate) async fn applied_migrations<D: Db>(conn: &mut D::Connection) -> Vec<i64> {
    match sqlx::query::<D>("SELECT version FROM _sqlx_migrations WHERE success")
        .all(&mut *conn)
        .await
    {
        Ok(rows) => rows.iter().filter_map(|r| get(r, "version").ok()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Whether this start applies the migration that keys the audit chain (see [`key_the_chain`]); asked before the
/// migrations run. When it does and the database already holds data, the key file must be this deployment's (its
/// newest data key opens, its checkpoints are signed by its key), or nothing is migrated: a wrong key file would
/// key the chain under a key nobody else holds.
pub(crate) async fn chain_keyed_now<D: Db>(
    conn: &mut D::Connection,
    keys: Option<&Keys>,
) -> StoreResult<bool> {
    if applied_migrations::<D>(conn)
        .await
        .contains(&CHAIN_KEYED_MIGRATION)
    {
        return Ok(false);
    }
    let entries = sqlx::query::<D>("SELECT seq FROM audit_log LIMIT 1")
        .opt(&mut *conn)
        .await
        .ok()
        .flatten();
    if entries.is_none() {
        return Ok(true);
    }
    let Some(keys) = keys else {
        return Err(StoreError::Backend(
            "this version keys the audit chain with the key file: run it where the key file is"
                .into(),
        ));
    };
    let wrong = || {
        StoreError::Backend(
            "the key file does not open this database's data keys (a wrong key file?): nothing was migrated"
                .into(),
        )
    };
    let newest = sqlx::query::<D>(
        "SELECT id, kek_id, wrapped FROM subjects WHERE wrapped IS NOT NULL ORDER BY created_at DESC LIMIT 1",
    )
    .opt(&mut *conn)
    .await
    .map_err(backend("read data keys"))?;
    if let Some(row) = newest {
        let sid: SubjectId = id(&row, "id")?;
        let kek: i64 = get(&row, "kek_id")?;
        let wrapped: Vec<u8> = get(&row, "wrapped")?;
        if seal::unwrap_key(keys, sid, kek as u32, wrapped).is_err() {
            return Err(wrong());
        }
    }
    let ours = hex::encode(keys.get().verifying_key());
    let foreign =
        sqlx::query::<D>("SELECT seq FROM audit_checkpoints WHERE public_key <> $1 LIMIT 1")
            .arg(ours)
            .opt(&mut *conn)
            .await
            .map_err(backend("read checkpoints"))?;
    if foreign.is_some() {
        return Err(wrong());
    }
    Ok(true)
}

/// Keys the audit chain, once: in the same start that applied the migration keying it (`newly_keyed`), never
/// again (a later start that found a chain it could re-link would let someone with the database rewrite it).
///
/// The entries that form an intact unkeyed chain from the start (entries from before the chain existed, which have
/// no hash at all, count as intact) are re-linked under the key, and the signed checkpoints on them are signed
/// again over the new hashes. From the first entry that does not match on, nothing is touched:
/// `heart audit verify` names it.
pub(crate) async fn key_the_chain<D: Db>(
    conn: &mut D::Connection,
    keys: &Keys,
    newly_keyed: bool,
) -> StoreResult<()> {
    if !newly_keyed {
        return Ok(());
    }
    let ring = keys.get();
    let key = ring.chain_key();
    D::begin_write(conn).await.map_err(backend("begin"))?;
    let rows = sqlx::query::<D>("SELECT * FROM audit_log ORDER BY seq")
        .all(&mut *conn)
        .await
        .map_err(backend("read audit"))?;
    let (mut old, mut new) = (chain::GENESIS, chain::GENESIS);
    let mut relinked: HashMap<i64, (String, String)> = HashMap::new();
    let mut hashed_yet = false;
    for (n, row) in rows.iter().enumerate() {
        let a = audit_row(row)?;
        let stored: Option<String> = get(row, "hash")?;
        old = link_entry_unkeyed(&old, a.seq, &a.entry);
        let intact = a.seq == n as i64 + 1
            && match &stored {
                Some(h) => *h == hex::encode(old),
                None => !hashed_yet,
            };
        hashed_yet |= stored.is_some();
        if !intact {
            tracing::warn!(
                seq = a.seq,
                "the audit chain does not match from this entry on: keyed up to the entry before it"
            );
            break;
        }
        new = link_entry(&key, &new, a.seq, &a.entry);
        sqlx::query::<D>("UPDATE audit_log SET hash = $1 WHERE seq = $2")
            .arg(hex::encode(new))
            .arg(a.seq)
            .exec(&mut *conn)
            .await
            .map_err(backend("key the audit chain"))?;
        relinked.insert(a.seq, (hex::encode(old), hex::encode(new)));
    }
    let checkpoints = sqlx::query::<D>("SELECT seq, hash, at FROM audit_checkpoints")
        .all(&mut *conn)
        .await
        .map_err(backend("read checkpoints"))?;
    for cp in &checkpoints {
        let (seq, hash, at): (i64, String, i64) =
            (get(cp, "seq")?, get(cp, "hash")?, get(cp, "at")?);
        let Some((was, now)) = relinked.get(&seq) else {
            continue;
        };
        if *was != hash {
            continue;
        }
        let signature = ring.sign(&chain::checkpoint_message(seq, now, at));
        sqlx::query::<D>(
            "UPDATE audit_checkpoints SET hash = $1, public_key = $2, signature = $3 WHERE seq = $4",
        )
        .arg(now)
        .arg(hex::encode(ring.verifying_key()))
        .arg(hex::encode(signature))
        .arg(seq)
        .exec(&mut *conn)
        .await
        .map_err(backend("sign checkpoints"))?;
    }
    exec::<D>(conn, "COMMIT").await.map_err(backend("commit"))?;
    if !rows.is_empty() {
        tracing::info!(
            entries = relinked.len(),
            "the audit chain is keyed: checkpoints kept elsewhere before now no longer match; take a new one"
        );
    }
    Ok(())
}

/// `INSERT INTO t (cols) VALUES (?,..)[,(..)]` for `rows` rows; cached, since there are few shapes (powers of two).
/// Placeholders are `?` where the engine allows them (SQLite: naming 1,344 parameters `$N` makes binding them
/// quadratic, since each name is looked up in a list), `$N` for PostgreSQL.
fn multi_insert(
    table: &'static str,
    cols: &'static str,
    ncols: usize,
    extra: &'static str,
    rows: usize,
    numbered: bool,
) -> Arc<str> {
    type Shapes = Mutex<HashMap<(&'static str, usize, bool), Arc<str>>>;
    static CACHE: OnceLock<Shapes> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = match cache.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry((table, rows, numbered))
        .or_insert_with(|| {
            let extra_cols = if extra.is_empty() { "" } else { ", version" };
            let values: Vec<String> = (0..rows)
                .map(|r| {
                    let params: Vec<String> = (1..=ncols)
                        .map(|c| {
                            if numbered {
                                format!("${}", r * ncols + c)
                            } else {
                                "?".to_string()
                            }
                        })
                        .collect();
                    format!("({}{extra})", params.join(","))
                })
                .collect();
            Arc::from(format!(
                "INSERT INTO {table} ({cols}{extra_cols}) VALUES {}",
                values.join(",")
            ))
        })
        .clone()
}

/// Splits `n` rows into power-of-two chunks of at most 64, so few statement shapes are cached.
fn chunks(mut n: usize) -> Vec<usize> {
    let mut out = Vec::new();
    while n > 0 {
        let c = if n >= 64 {
            64
        } else {
            1 << (usize::BITS - 1 - n.leading_zeros())
        };
        out.push(c);
        n -= c;
    }
    out
}

async fn write_fast<D: Db>(
    conn: &mut D::Connection,
    jobs: &[Job],
    keys: &Keys,
    deks: &DekCache,
) -> StoreResult<()> {
    let mut tx = Tx::<D>::begin(conn, keys, deks).await?;
    tx.adopt(jobs);
    let mut subjects = Vec::new();
    let mut requests = Vec::new();
    let mut transitions = Vec::new();
    let mut audits = Vec::new();
    let mut others = Vec::new();
    for job in jobs {
        for op in &job.changes.ops {
            match op {
                Op::NewSubject { id, at } => subjects.push((*id, *at)),
                Op::InsertRequest(r) => requests.push(r),
                Op::InsertTransition(t) => transitions.push(t),
                other => others.push(other),
            }
        }
        audits.extend(job.changes.audit.iter());
    }
    // Parents before children: people, requests, then the rest in order, then transitions and audit entries.
    let rows: Vec<Vec<Val>> = subjects
        .iter()
        .map(|(id, at)| {
            let (kek, wrapped) = tx.new_subject(*id);
            vec![
                Val::Text(Some(id.to_string())),
                Val::Int(Some(i64::from(kek))),
                Val::Bytes(Some(wrapped)),
                Val::Int(Some(i64::from(KEY_VERSION))),
                Val::Int(Some(us(*at))),
            ]
        })
        .collect();
    insert_rows::<D>(conn, "subjects", SUBJECT_COLS, "", rows)
        .await
        .map_err(write_err("person"))?;
    let mut rows = Vec::with_capacity(requests.len());
    for r in &requests {
        let (index, bytes) = seal_new_request(conn, &mut tx, r).await?;
        rows.push(request_vals(r, index, Some(bytes)));
    }
    insert_rows::<D>(conn, "requests", REQUEST_COLS, ",1", rows)
        .await
        .map_err(write_err("request"))?;
    for op in others {
        apply_op(conn, &mut tx, op).await?;
    }
    let rows = transitions.iter().map(|t| transition_vals(t)).collect();
    insert_rows::<D>(conn, "request_transitions", TRANSITION_COLS, "", rows)
        .await
        .map_err(write_err("transition"))?;
    let links = tx.link(&audits);
    let rows = audits
        .iter()
        .zip(links)
        .map(|(a, (seq, hash))| audit_vals(seq, a, hash))
        .collect();
    insert_rows::<D>(conn, "audit_log", AUDIT_COLS, "", rows)
        .await
        .map_err(write_err("audit entry"))?;
    Ok(())
}

/// Inserts many rows of one table: on PostgreSQL one statement with an array per column (`UNNEST`), on SQLite
/// multi-row VALUES in power-of-two chunks (few statement shapes to cache). `extra` is ",1" to set `version`.
async fn insert_rows<D: Db>(
    conn: &mut D::Connection,
    table: &'static str,
    cols: &'static str,
    extra: &'static str,
    rows: Vec<Vec<Val>>,
) -> Result<(), sqlx::Error> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let ncols = first.len();
    if D::UNNEST {
        let columns = Column::of(rows);
        let casts: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("${}::{}", i + 1, c.pg_type()))
            .collect();
        let (extra_cols, extra_vals) = if extra.is_empty() {
            ("", "")
        } else {
            (", version", ", 1")
        };
        let sql = format!(
            "INSERT INTO {table} ({cols}{extra_cols}) SELECT u.*{extra_vals} FROM UNNEST({}) AS u",
            casts.join(", ")
        );
        let mut q = sqlx::query::<D>(AssertSqlSafe(sql));
        for c in columns {
            q = D::bind_column(q, c);
        }
        q.exec(&mut *conn).await?;
        return Ok(());
    }
    let mut rows = rows.into_iter();
    for n in chunks(rows.len()) {
        let mut q = sqlx::query::<D>(AssertSqlSafe(multi_insert(
            table, cols, ncols, extra, n, false,
        )));
        for row in rows.by_ref().take(n) {
            for v in row {
                q = q.arg(v);
            }
        }
        q.exec(&mut *conn).await?;
    }
    Ok(())
}

/// One savepoint per change set: a refused change set (a taken name, a stale version, a broken rule, a statement
/// the database refused) is undone alone. A lost connection, or a failure that rolled the whole transaction back
/// (SQLite on a full disk), fails the whole batch: every caller is told, and nothing is half-written or committed
/// behind an error.
async fn write_each<D: Db>(
    conn: &mut D::Connection,
    jobs: &[Job],
    keys: &Keys,
    deks: &DekCache,
) -> (Vec<StoreResult<()>>, bool) {
    let fail_all = |e: StoreError| jobs.iter().map(|_| Err(clone_err(&e))).collect::<Vec<_>>();
    if D::begin_write(conn).await.is_err() {
        // Perhaps a transaction was left open: close it and try once more.
        let _ = exec::<D>(conn, "ROLLBACK").await;
        if let Err(e) = D::begin_write(conn).await {
            return (fail_all(backend("begin")(e)), false);
        }
    }
    let mut tx = match Tx::<D>::begin(conn, keys, deks).await {
        Ok(mut tx) => {
            tx.adopt(jobs);
            tx
        }
        Err(e) => {
            let healthy = exec::<D>(conn, "ROLLBACK").await.is_ok();
            return (fail_all(e), healthy);
        }
    };
    let mut results = Vec::with_capacity(jobs.len());
    let mut fatal = None;
    for job in jobs {
        if let Err(e) = exec::<D>(conn, "SAVEPOINT change_set").await {
            fatal = Some(backend("savepoint")(e));
            break;
        }
        // What a refused change set must not leave behind: the chain's head, and data keys it opened, made or
        // erased.
        let head = tx.chain;
        let deks = tx.deks.clone();
        match apply_changes(conn, &mut tx, &job.changes).await {
            Ok(()) => {
                if let Err(e) = exec::<D>(conn, "RELEASE change_set").await {
                    fatal = Some(backend("release")(e));
                    break;
                }
                results.push(Ok(()));
            }
            Err(e @ StoreError::Unavailable(_)) => {
                fatal = Some(e);
                break;
            }
            Err(e) => {
                tx.chain = head;
                tx.deks = deks;
                let undone = exec::<D>(conn, "ROLLBACK TO change_set").await.is_ok()
                    && exec::<D>(conn, "RELEASE change_set").await.is_ok();
                if !undone {
                    // The transaction is gone (SQLite rolls it all back on a full disk) or the connection went
                    // away: nothing of the batch is kept, and every caller is told.
                    fatal = Some(match e {
                        StoreError::Backend(_) => e,
                        _ => StoreError::Unavailable("rollback to savepoint".into()),
                    });
                    break;
                }
                // A statement the database refused (not the connection) fails this change set alone.
                results.push(Err(e));
            }
        }
    }
    if let Some(e) = fatal {
        let healthy = exec::<D>(conn, "ROLLBACK").await.is_ok();
        return (fail_all(e), healthy);
    }
    if let Err(e) = exec::<D>(conn, "COMMIT").await {
        let healthy = exec::<D>(conn, "ROLLBACK").await.is_ok();
        return (fail_all(backend("commit")(e)), healthy);
    }
    (results, true)
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

async fn apply_changes<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    cs: &ChangeSet,
) -> StoreResult<()> {
    for op in &cs.ops {
        apply_op(conn, tx, op).await?;
    }
    let entries: Vec<&AuditEntry> = cs.audit.iter().collect();
    for (a, (seq, hash)) in entries.iter().zip(tx.link(&entries)) {
        bind_vals(
            sqlx::query::<D>(
                "INSERT INTO audit_log (seq, id, at, actor, action, record_kind, record_id, detail, hash) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
            ),
            audit_vals(seq, a, hash),
        )
        .exec(&mut *conn)
        .await
        .map_err(write_err("audit entry"))?;
    }
    Ok(())
}

/// The blind index and sealed bytes of a new request; refused for a person already erased.
async fn seal_new_request<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    r: &RequestRow,
) -> StoreResult<(Option<String>, Vec<u8>)> {
    let pre = tx.pre_sealed.remove(&r.id);
    if let Some((index, sealed, None)) = pre {
        // Sealed under the key of a person made in this same change set.
        return Ok((index, sealed));
    }
    let (key, version) = tx
        .key(conn, r.subject)
        .await?
        .ok_or(StoreError::Rule("erased person"))?;
    if let Some((index, sealed, Some((used, used_version)))) = pre
        && used_version == version
        && used.same_as(&key)
    {
        return Ok((index, sealed));
    }
    let index = r
        .contact
        .phone
        .as_deref()
        .map(|p| seal::phone_index(&tx.keys.get(), p));
    Ok((index, seal::seal_request(r, &key, version)))
}

async fn apply_op<D: Db>(conn: &mut D::Connection, tx: &mut Tx<'_, D>, op: &Op) -> StoreResult<()> {
    match op {
        Op::NewSubject { id, at } => {
            let (kek, wrapped) = tx.new_subject(*id);
            sqlx::query::<D>(
                "INSERT INTO subjects (id, kek_id, wrapped, key_version, created_at) VALUES ($1,$2,$3,$4,$5)",
            )
            .arg(id.to_string())
            .arg(i64::from(kek))
            .arg(wrapped)
            .arg(i64::from(KEY_VERSION))
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("person"))?;
        }
        Op::EraseSubject { id, at, reason } => {
            if erase_rows::<D>(conn, *id, *at, reason).await? != 1 {
                return Err(StoreError::NotFound);
            }
            tx.cache.forget(*id);
            tx.deks.insert(*id, None);
        }
        Op::InsertApproval(a) => {
            bind_approval(sqlx::query::<D>(
                "INSERT INTO approvals (kind, subject, request_id, target_user, capabilities, reason, requested_by, \
                 requested_at, status, decided_by, decided_at, decline_reason, done_at, id, version) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,1)",
            ), a)
            .exec(&mut *conn)
            .await
            .map_err(write_err("approval"))?;
        }
        Op::UpdateApproval(a) => {
            let r = bind_approval(sqlx::query::<D>(
                "UPDATE approvals SET kind = $1, subject = $2, request_id = $3, target_user = $4, capabilities = $5, \
                 reason = $6, requested_by = $7, requested_at = $8, status = $9, decided_by = $10, decided_at = $11, \
                 decline_reason = $12, done_at = $13, version = version + 1 WHERE id = $14 AND version = $15",
            ), a)
            .arg(a.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("approval"))?;
            guarded(r)?;
        }
        Op::InsertLegalDemand(d) => {
            let (kek, sealed) = seal_legal_row(conn, tx, d).await?;
            bind_legal(sqlx::query::<D>(
                "INSERT INTO legal_demands (received_at, from_kind, reference, asked, subject, recorded_by, \
                 first_review_by, first_decision, second_review_by, second_decision, gag_order, person_told_at, \
                 handed_over, closed_at, id, sealed, kek_id, version) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,1)",
            ), d)
            .arg(sealed)
            .arg(kek)
            .exec(&mut *conn)
            .await
            .map_err(write_err("legal demand"))?;
        }
        Op::UpdateLegalDemand(d) => {
            let (kek, sealed) = seal_legal_row(conn, tx, d).await?;
            let r = bind_legal(sqlx::query::<D>(
                "UPDATE legal_demands SET received_at = $1, from_kind = $2, reference = $3, asked = $4, subject = $5, \
                 recorded_by = $6, first_review_by = $7, first_decision = $8, second_review_by = $9, \
                 second_decision = $10, gag_order = $11, person_told_at = $12, handed_over = $13, closed_at = $14, \
                 sealed = $16, kek_id = $17, version = version + 1 WHERE id = $15 AND version = $18",
            ), d)
            .arg(sealed)
            .arg(kek)
            .arg(d.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("legal demand"))?;
            guarded(r)?;
        }
        Op::KeepSubject { id, keep } => {
            let r = sqlx::query::<D>("UPDATE subjects SET keep = $1 WHERE id = $2")
                .arg(keep)
                .arg(id.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("person"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        Op::InsertUser(u) => {
            sqlx::query::<D>(
                "INSERT INTO users (id, username, display_name, password_hash, capabilities, team_id, active, \
                 setup_token_hash, created_at, organization_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            )
            .arg(u.id.to_string())
            .arg(&u.username)
            .arg(&u.display_name)
            .arg(&u.password_hash)
            .arg(u.capabilities.to_list())
            .arg(id_opt(&u.team_id))
            .arg(u.active)
            .arg(&u.setup_token_hash)
            .arg(us(u.created_at))
            .arg(&u.organization_id)
            .exec(&mut *conn)
            .await
            .map_err(write_err("username"))?;
        }
        Op::UpdateUser(u) => {
            let r = sqlx::query::<D>(
                "UPDATE users SET username = $1, display_name = $2, password_hash = $3, capabilities = $4, team_id = $5, \
                 active = $6, setup_token_hash = $7 WHERE id = $8",
            )
            .arg(&u.username)
            .arg(&u.display_name)
            .arg(&u.password_hash)
            .arg(u.capabilities.to_list())
            .arg(id_opt(&u.team_id))
            .arg(u.active)
            .arg(&u.setup_token_hash)
            .arg(u.id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("username"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        Op::SetUserTeam { user, team } => {
            let r = sqlx::query::<D>("UPDATE users SET team_id = $1 WHERE id = $2")
                .arg(id_opt(team))
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("user team"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        Op::SetPasswordBySetup {
            setup_token_hash,
            password_hash,
        } => {
            let r = sqlx::query::<D>(
                "UPDATE users SET password_hash = $1, setup_token_hash = NULL WHERE setup_token_hash = $2",
            )
            .arg(password_hash)
            .arg(setup_token_hash)
            .exec(&mut *conn)
            .await
            .map_err(write_err("password"))?;
            // Used by someone else meanwhile: this use is refused.
            guarded(r)?;
        }
        Op::InsertToken(t) => {
            sqlx::query::<D>(
                "INSERT INTO api_tokens (id, name, token_hash, capabilities, created_at, revoked_at, user_id, \
                 expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
            )
            .arg(t.id.to_string())
            .arg(&t.name)
            .arg(&t.token_hash)
            .arg(t.capabilities.to_list())
            .arg(us(t.created_at))
            .arg(us_opt(t.revoked_at))
            .arg(id_opt(&t.user_id))
            .arg(us_opt(t.expires_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("token"))?;
        }
        Op::InsertSession(s) => {
            sqlx::query::<D>("INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at, last_seen_at, stage) VALUES ($1,$2,$3,$4,$5,$6,$7)")
                .arg(&s.id_hash)
                .arg(s.user_id.to_string())
                .arg(&s.csrf)
                .arg(us(s.created_at))
                .arg(us(s.expires_at))
                .arg(us(s.last_seen_at))
                .arg(s.stage.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        Op::DeleteSession(h) => {
            sqlx::query::<D>("DELETE FROM sessions WHERE id_hash = $1")
                .arg(h)
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        Op::DeleteUserSessions(u) => {
            sqlx::query::<D>("DELETE FROM sessions WHERE user_id = $1")
                .arg(u.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        Op::LoginFailed { user, at } => {
            sqlx::query::<D>(
                "UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = $1 WHERE id = $2",
            )
            .arg(us(*at))
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("sign-in"))?;
        }
        Op::LoginSucceeded { user } => {
            sqlx::query::<D>(
                "UPDATE users SET failed_at_last_signin = failed_logins, failed_logins = 0 WHERE id = $1",
            )
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("sign-in"))?;
        }
        Op::TouchSession { id_hash, at } => {
            sqlx::query::<D>("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                .arg(us(*at))
                .arg(id_hash)
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        Op::SetTotp { user, secret } => {
            let w = tx.keys.get().seal_secret("totp", &user.to_string(), secret);
            let r = sqlx::query::<D>(
                "UPDATE users SET totp_kek = $1, totp_secret = $2, totp_enabled_at = NULL WHERE id = $3",
            )
            .arg(i64::from(w.kek_id))
            .arg(w.bytes)
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        Op::EnableTotp {
            user,
            at,
            step,
            recovery_hashes,
        } => {
            let r = sqlx::query::<D>(
                "UPDATE users SET totp_enabled_at = $1, totp_last_step = $2 WHERE id = $3 AND totp_secret IS NOT NULL \
                 AND totp_last_step < $4",
            )
            .arg(us(*at))
            .arg(step)
            .arg(user.to_string())
            .arg(step)
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            guarded(r)?;
            sqlx::query::<D>("DELETE FROM recovery_codes WHERE user_id = $1")
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("recovery codes"))?;
            for h in recovery_hashes {
                sqlx::query::<D>("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1,$2)")
                    .arg(user.to_string())
                    .arg(h)
                    .exec(&mut *conn)
                    .await
                    .map_err(write_err("recovery codes"))?;
            }
        }
        Op::UseTotpStep { user, step } => {
            let r = sqlx::query::<D>(
                "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_enabled_at IS NOT NULL \
                 AND totp_last_step < $3",
            )
            .arg(step)
            .arg(user.to_string())
            .arg(step)
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            guarded(r)?;
        }
        Op::UseRecoveryCode { user, hash, at } => {
            let r = sqlx::query::<D>(
                "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
            )
            .arg(us(*at))
            .arg(user.to_string())
            .arg(hash)
            .exec(&mut *conn)
            .await
            .map_err(write_err("recovery codes"))?;
            guarded(r)?;
        }
        Op::ClearTotp(user) => {
            sqlx::query::<D>(
                "UPDATE users SET totp_kek = NULL, totp_secret = NULL, totp_enabled_at = NULL WHERE id = $1",
            )
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            sqlx::query::<D>("DELETE FROM recovery_codes WHERE user_id = $1")
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("recovery codes"))?;
        }
        Op::ClaimIdempotencyKey {
            key,
            request,
            fingerprint,
            at,
        } => {
            sqlx::query::<D>(
                "INSERT INTO idempotency_keys (key, request_id, fingerprint, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .arg(key)
            .arg(request.to_string())
            .arg(fingerprint)
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("idempotency key"))?;
        }
        Op::ClaimJob {
            name,
            holder,
            now,
            until,
        } => {
            let r = sqlx::query::<D>(
                "INSERT INTO job_leases (name, holder, until) VALUES ($1, $2, $4) \
                 ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until \
                 WHERE job_leases.until <= $3",
            )
            .arg(name)
            .arg(holder)
            .arg(us(*now))
            .arg(us(*until))
            .exec(&mut *conn)
            .await
            .map_err(write_err("job lease"))?;
            guarded(r)?;
        }
        Op::ReportNodeKeys {
            node,
            kek_ids,
            wraps,
            at,
        } => {
            let ids: Vec<String> = kek_ids.iter().map(u32::to_string).collect();
            sqlx::query::<D>(
                "INSERT INTO node_keys (node, kek_ids, wraps, seen_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (node) DO UPDATE SET kek_ids = excluded.kek_ids, wraps = excluded.wraps, \
                 seen_at = excluded.seen_at",
            )
            .arg(node)
            .arg(ids.join(" "))
            .arg(i64::from(*wraps))
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("node keys"))?;
        }
        Op::SetCurrentKek { id } => {
            sqlx::query::<D>(
                "INSERT INTO key_state (id, kek_in_use) VALUES (1, $1) \
                 ON CONFLICT (id) DO UPDATE SET kek_in_use = excluded.kek_in_use",
            )
            .arg(i64::from(*id))
            .exec(&mut *conn)
            .await
            .map_err(write_err("key state"))?;
        }
        Op::InsertTeam(t) => {
            sqlx::query::<D>(
                "INSERT INTO teams (id, name, status, status_at, lat, lon, checkin_at, position_at, base_lat, \
                 base_lon, version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1)",
            )
            .arg(t.id.to_string())
            .arg(&t.name)
            .arg(t.status.as_str())
            .arg(us(t.status_at))
            .arg(t.lat)
            .arg(t.lon)
            .arg(us_opt(t.checkin_at))
            .arg(us_opt(t.position_at))
            .arg(t.base_lat)
            .arg(t.base_lon)
            .exec(&mut *conn)
            .await
            .map_err(write_err("team name"))?;
        }
        Op::UpdateTeam(t) => {
            let r = sqlx::query::<D>(
                "UPDATE teams SET name = $1, status = $2, status_at = $3, lat = $4, lon = $5, checkin_at = $6, \
                 position_at = $9, base_lat = $10, base_lon = $11, version = version + 1 WHERE id = $7 AND version = $8",
            )
            .arg(&t.name)
            .arg(t.status.as_str())
            .arg(us(t.status_at))
            .arg(t.lat)
            .arg(t.lon)
            .arg(us_opt(t.checkin_at))
            .arg(t.id.to_string())
            .arg(t.version)
            .arg(us_opt(t.position_at))
            .arg(t.base_lat)
            .arg(t.base_lon)
            .exec(&mut *conn)
            .await
            .map_err(write_err("team name"))?;
            guarded(r)?;
        }
        Op::InsertShift(s) => {
            sqlx::query::<D>(
                "INSERT INTO shifts (id, team_id, starts_at, ends_at) VALUES ($1,$2,$3,$4)",
            )
            .arg(s.id.to_string())
            .arg(s.team_id.to_string())
            .arg(us(s.starts_at))
            .arg(us(s.ends_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("shift"))?;
        }
        Op::InsertRequest(r) => {
            let (index, sealed) = seal_new_request(conn, tx, r).await?;
            let sql = multi_insert("requests", REQUEST_COLS, REQUEST_NCOLS, ",1", 1, D::UNNEST);
            bind_vals(
                sqlx::query::<D>(AssertSqlSafe(sql)),
                request_vals(r, index, Some(sealed)),
            )
            .exec(&mut *conn)
            .await
            .map_err(write_err("request"))?;
        }
        Op::UpdateRequest(r) => {
            // Personal fields are rewritten only from a row read in full: a row whose fields were erased or did
            // not open keeps what the database holds.
            let key = match r.sealed {
                SealState::Open => tx.key(conn, r.subject).await?,
                _ => None,
            };
            let res = match key {
                Some((key, version)) => {
                    let index = r
                        .contact
                        .phone
                        .as_deref()
                        .map(|p| seal::phone_index(&tx.keys.get(), p));
                    bind_vals(
                        sqlx::query::<D>(
                            "UPDATE requests SET created_at = $1, updated_at = $2, channel = $3, requester = $4, \
                             location_withheld = $5, safe_text = $6, safe_voicemail = $7, safe_call = $8, language = $9, \
                             triage_outcome = $10, priority = $11, triage_rule = $12, rationale = $13, ems_consent = $14, \
                             status = $15, team_id = $16, outcome = $17, subject = $18, phone_index = $19, sealed = $20, \
                             version = version + 1 WHERE id = $21 AND version = $22",
                        ),
                        request_vals(r, index, Some(seal::seal_request(r, &key, version))),
                    )
                    .arg(r.version)
                    .exec(&mut *conn)
                    .await
                }
                None => sqlx::query::<D>(
                    "UPDATE requests SET updated_at = $1, status = $2, team_id = $3, outcome = $4, \
                     ems_consent = $5, version = version + 1 WHERE id = $6 AND version = $7",
                )
                .arg(us(r.updated_at))
                .arg(r.status.as_str())
                .arg(id_opt(&r.team_id))
                .arg(r.outcome.map(CloseOutcome::as_str))
                .arg(&r.ems_consent)
                .arg(r.id.to_string())
                .arg(r.version)
                .exec(&mut *conn)
                .await,
            }
            .map_err(write_err("request"))?;
            guarded(res)?;
        }
        Op::InsertTransition(t) => {
            bind_vals(
                sqlx::query::<D>(
                    "INSERT INTO request_transitions (request_id, from_status, to_status, team_id, at, actor) \
                     VALUES ($1,$2,$3,$4,$5,$6)",
                ),
                transition_vals(t),
            )
            .exec(&mut *conn)
            .await
            .map_err(write_err("transition"))?;
        }
        Op::InsertEncounter(e) => {
            let needs: Vec<&str> = e.needs.iter().map(|n| n.as_str()).collect();
            let (key, version) = tx
                .request_key(conn, e.request_id)
                .await?
                .ok_or(StoreError::Rule("erased person"))?;
            sqlx::query::<D>(
                "INSERT INTO encounters (id, request_id, team_id, needs, sealed, outcome, \
                 follow_up_consent, follow_up_method, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            )
            .arg(e.id.to_string())
            .arg(e.request_id.to_string())
            .arg(id_opt(&e.team_id))
            .arg(needs.join(","))
            .arg(seal::seal_encounter(e, &key, version))
            .arg(e.outcome.as_str())
            .arg(e.follow_up_consent)
            .arg(e.follow_up_method.map(FollowUpMethod::as_str))
            .arg(us(e.created_at))
            .arg(&e.created_by)
            .exec(&mut *conn)
            .await
            .map_err(write_err("encounter"))?;
        }
        Op::InsertFollowUp(f) => {
            let sealed = tx
                .request_key(conn, f.request_id)
                .await?
                .map(|(key, version)| seal::seal_follow_up(f, &key, version));
            sqlx::query::<D>(
                "INSERT INTO follow_ups (id, request_id, encounter_id, due_at, method, done_at, sealed, done_by, \
                 version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,1)",
            )
            .arg(f.id.to_string())
            .arg(f.request_id.to_string())
            .arg(id_opt(&f.encounter_id))
            .arg(us(f.due_at))
            .arg(f.method.map(FollowUpMethod::as_str))
            .arg(us_opt(f.done_at))
            .arg(sealed)
            .arg(&f.done_by)
            .exec(&mut *conn)
            .await
            .map_err(write_err("follow-up"))?;
        }
        Op::UpdateFollowUp(f) => {
            // After an erasure a follow-up can still be marked done, but its note is not kept.
            let sealed = tx
                .request_key(conn, f.request_id)
                .await?
                .map(|(key, version)| seal::seal_follow_up(f, &key, version));
            let r = sqlx::query::<D>(
                "UPDATE follow_ups SET due_at = $1, method = $2, done_at = $3, sealed = $4, done_by = $5, \
                 version = version + 1 WHERE id = $6 AND version = $7",
            )
            .arg(us(f.due_at))
            .arg(f.method.map(FollowUpMethod::as_str))
            .arg(us_opt(f.done_at))
            .arg(sealed)
            .arg(&f.done_by)
            .arg(f.id.to_string())
            .arg(f.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("follow-up"))?;
            guarded(r)?;
        }
        Op::Money(m) => crate::money::apply::<D>(conn, tx, m).await?,
        Op::Channel(c) => crate::channels::apply::<D>(conn, tx, c).await?,
        Op::Sms(m) => crate::sms::apply::<D>(conn, tx, m).await?,
        Op::Passkey(p) => crate::passkeys::apply::<D>(conn, tx, p).await?,
        Op::Directory(d) => crate::directory::apply::<D>(conn, tx, d).await?,
        Op::Referral(r) => crate::referrals::apply::<D>(conn, tx, r).await?,
        Op::InsertAlert(a) => {
            sqlx::query::<D>(
                "INSERT INTO alerts (id, kind, team_id, request_id, lat, lon, created_at, cleared_at, cleared_by, \
                 position_source, position_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
            )
            .arg(a.id.to_string())
            .arg(a.kind.as_str())
            .arg(a.team_id.to_string())
            .arg(id_opt(&a.request_id))
            .arg(a.lat)
            .arg(a.lon)
            .arg(us(a.created_at))
            .arg(us_opt(a.cleared_at))
            .arg(&a.cleared_by)
            .arg(&a.position_source)
            .arg(us_opt(a.position_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("alert"))?;
        }
        Op::UpdateAlert(a) => {
            // A cleared alert keeps no position: where a team was on scene is the person's place.
            let r = sqlx::query::<D>(
                "UPDATE alerts SET cleared_at = $1, cleared_by = $2, lat = NULL, lon = NULL \
                 WHERE id = $3 AND cleared_at IS NULL",
            )
            .arg(us_opt(a.cleared_at))
            .arg(&a.cleared_by)
            .arg(a.id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("alert"))?;
            guarded(r)?;
        }
    }
    Ok(())
}

fn transition_vals(t: &TransitionRow) -> Vec<Val> {
    vec![
        Val::Text(Some(t.request_id.to_string())),
        Val::Text(t.from.map(|s| s.as_str().to_string())),
        Val::Text(Some(t.to.as_str().to_string())),
        Val::Text(id_opt(&t.team_id)),
        Val::Int(Some(us(t.at))),
        Val::Text(Some(t.actor.clone())),
    ]
}

fn audit_vals(seq: i64, a: &AuditEntry, hash: String) -> Vec<Val> {
    vec![
        Val::Int(Some(seq)),
        Val::Text(Some(a.id.to_string())),
        Val::Int(Some(us(a.at))),
        Val::Text(Some(a.actor.clone())),
        Val::Text(Some(a.action.clone())),
        Val::Text(Some(a.record_kind.clone())),
        Val::Text(Some(a.record_id.clone())),
        Val::Text(Some(a.detail.clone())),
        Val::Text(Some(hash)),
    ]
}

/// A request's columns, in `REQUEST_COLS` order.
fn request_vals(r: &RequestRow, phone_index: Option<String>, sealed: Option<Vec<u8>>) -> Vec<Val> {
    vec![
        Val::Int(Some(us(r.created_at))),
        Val::Int(Some(us(r.updated_at))),
        Val::Text(Some(r.channel.as_str().to_string())),
        Val::Text(Some(r.requester.as_str().to_string())),
        Val::Bool(Some(r.location.withheld)),
        Val::Bool(Some(r.safe_contact.text_ok)),
        Val::Bool(Some(r.safe_contact.voicemail_ok)),
        Val::Bool(Some(r.safe_contact.call_ok)),
        Val::Text(Some(r.language.clone())),
        Val::Text(Some(r.triage.outcome.as_str().to_string())),
        Val::Int(r.triage.priority.map(i64::from)),
        Val::Text(Some(r.triage.rule.clone())),
        Val::Text(Some(r.triage.rationale.clone())),
        Val::Text(r.ems_consent.clone()),
        Val::Text(Some(r.status.as_str().to_string())),
        Val::Text(id_opt(&r.team_id)),
        Val::Text(r.outcome.map(|o| o.as_str().to_string())),
        Val::Text(Some(r.subject.to_string())),
        Val::Text(phone_index),
        Val::Bytes(sealed),
        Val::Text(Some(r.id.to_string())),
    ]
}

fn bind_vals<D: Db>(mut q: Q<'_, D>, vals: Vec<Val>) -> Q<'_, D> {
    for v in vals {
        q = q.arg(v);
    }
    q
}

fn bind_approval<'q, D: Db>(q: Q<'q, D>, a: &'q ApprovalRow) -> Q<'q, D> {
    q.arg(a.kind.as_str())
        .arg(id_opt(&a.subject))
        .arg(id_opt(&a.request_id))
        .arg(id_opt(&a.target_user))
        .arg(a.capabilities.map(|c| c.to_list()))
        .arg(&a.reason)
        .arg(&a.requested_by)
        .arg(us(a.requested_at))
        .arg(a.status.as_str())
        .arg(&a.decided_by)
        .arg(us_opt(a.decided_at))
        .arg(&a.decline_reason)
        .arg(us_opt(a.done_at))
        .arg(a.id.to_string())
}

/// Every step of erasing a person, inside the caller's transaction: their data key goes (so every sealed value of
/// theirs is noise), the sealed bytes and the blind index too, what hangs on them ends. Returns 1 when the person was
/// there and not yet erased (then every step ran), else 0 (nothing changed). Used by the live erasure and by the
/// scrub of older backups (`sqlite::SqliteStore::scrub_backup`).
pub(crate) async fn erase_rows<D: Db>(
    conn: &mut D::Connection,
    id: SubjectId,
    at: Timestamp,
    reason: &str,
) -> StoreResult<u64> {
    let sid = id.to_string();
    let r = sqlx::query::<D>(
        "UPDATE subjects SET kek_id = NULL, wrapped = NULL, erased_at = $1, erase_reason = $2 \
         WHERE id = $3 AND erased_at IS NULL",
    )
    .arg(us(at))
    .arg(reason)
    .arg(&sid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("erasure"))?;
    if r != 1 {
        return Ok(0);
    }
    // The key is gone, so the sealed bytes are noise; remove them anyway, and the blind index with them.
    for sql in [
        "UPDATE requests SET sealed = NULL, phone_index = NULL WHERE subject = $1",
        "UPDATE encounters SET sealed = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
        "UPDATE follow_ups SET sealed = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
        "UPDATE mutual_aid SET sealed = NULL, proof = NULL, payee_name = NULL, decline_reason = NULL, \
         proof_name = NULL WHERE subject = $1",
        "UPDATE referrals SET sealed = NULL WHERE subject = $1",
        "UPDATE legal_demands SET sealed = NULL, kek_id = NULL, reference = '', asked = '', \
         handed_over = NULL WHERE subject = $1",
        "UPDATE alerts SET lat = NULL, lon = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
    ] {
        sqlx::query::<D>(sql)
            .arg(&sid)
            .exec(&mut *conn)
            .await
            .map_err(write_err("erasure"))?;
    }
    // Texts the provider still holds: asked to be deleted there, through the outbox (`sms_deletions_due`).
    sqlx::query::<D>(
        "UPDATE sms_messages SET sealed = NULL, status = 'delete_pending', attempts = 0, next_at = $1, \
         error = NULL, updated_at = $1 WHERE subject = $2 AND provider_sid IS NOT NULL",
    )
    .arg(us(at))
    .arg(&sid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("erasure"))?;
    // What hangs on the person ends with them: a follow-up not yet done will not happen.
    sqlx::query::<D>(
        "UPDATE follow_ups SET cancelled_at = $1, version = version + 1 \
         WHERE done_at IS NULL AND cancelled_at IS NULL \
         AND request_id IN (SELECT id FROM requests WHERE subject = $2)",
    )
    .arg(us(at))
    .arg(&sid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("erasure"))?;
    crate::referrals::close_for_erasure::<D>(conn, id, at).await?;
    Ok(1)
}

/// A legal demand's row values; its free text is bound empty (it goes sealed, see `seal_legal_row`).
fn bind_legal<'q, D: Db>(q: Q<'q, D>, d: &'q LegalDemandRow) -> Q<'q, D> {
    q.arg(us(d.received_at))
        .arg(&d.from_kind)
        .arg("")
        .arg("")
        .arg(id_opt(&d.subject))
        .arg(&d.recorded_by)
        .arg(&d.first_review_by)
        .arg(&d.first_decision)
        .arg(&d.second_review_by)
        .arg(&d.second_decision)
        .arg(d.gag_order)
        .arg(us_opt(d.person_told_at))
        .arg(None::<String>)
        .arg(us_opt(d.closed_at))
        .arg(d.id.to_string())
}

/// Seals a legal demand's free text for its row: under the named person's key, else the deployment's.
async fn seal_legal_row<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    d: &LegalDemandRow,
) -> StoreResult<(Option<i64>, Vec<u8>)> {
    let person = match d.subject {
        Some(s) => tx.key(conn, s).await?,
        None => None,
    };
    Ok(seal::seal_legal(
        &d.id.to_string(),
        &d.reference,
        &d.asked,
        d.handed_over.as_deref(),
        person.as_ref().map(|(k, v)| (&**k, *v)),
        &tx.keys.get(),
    ))
}

/// Seals the legal demands written before their text was sealed (migration 0025), on every start until none is
/// left in the clear: a handful of rows, once.
/// Returns how many it sealed.
pub(crate) async fn seal_legal_in_the_clear<D: Db>(
    conn: &mut D::Connection,
    keys: &Keys,
) -> StoreResult<usize> {
    let rows = sqlx::query::<D>(
        "SELECT l.id, l.reference, l.asked, l.handed_over, l.subject AS k_subject, s.kek_id AS k_kek, \
         s.wrapped AS k_wrapped, s.key_version AS k_version FROM legal_demands l \
         LEFT JOIN subjects s ON s.id = l.subject \
         WHERE l.sealed IS NULL AND (l.reference <> '' OR l.asked <> '' OR l.handed_over IS NOT NULL)",
    )
    .all(&mut *conn)
    .await
    .map_err(backend("read legal demands"))?;
    if rows.is_empty() {
        return Ok(0);
    }
    D::begin_write(conn).await.map_err(backend("begin"))?;
    for row in &rows {
        let lid: String = get(row, "id")?;
        let (reference, asked, handed_over): (String, String, Option<String>) = (
            get(row, "reference")?,
            get(row, "asked")?,
            get(row, "handed_over")?,
        );
        let person = match row_key(row, keys)? {
            RowKey::Key(k, v) => Some((k, v)),
            _ => None,
        };
        let (kek, sealed) = seal::seal_legal(
            &lid,
            &reference,
            &asked,
            handed_over.as_deref(),
            person.as_ref().map(|(k, v)| (&**k, *v)),
            &keys.get(),
        );
        sqlx::query::<D>(
            "UPDATE legal_demands SET sealed = $1, kek_id = $2, reference = '', asked = '', handed_over = NULL \
             WHERE id = $3",
        )
        .arg(sealed)
        .arg(kek)
        .arg(&lid)
        .exec(&mut *conn)
        .await
        .map_err(backend("seal legal demands"))?;
    }
    exec::<D>(conn, "COMMIT").await.map_err(backend("commit"))?;
    tracing::info!(
        rows = rows.len(),
        "sealed the text of legal demands kept in the clear"
    );
    Ok(rows.len())
}

fn approval_row(row: &impl RowGet) -> StoreResult<ApprovalRow> {
    Ok(ApprovalRow {
        id: id(row, "id")?,
        kind: enum_of(row, "kind", ApprovalKind::parse)?,
        subject: id_o(row, "subject")?,
        request_id: id_o(row, "request_id")?,
        target_user: id_o(row, "target_user")?,
        capabilities: match get::<Option<String>>(row, "capabilities")? {
            Some(c) => Some(Capabilities::parse_list(&c).map_err(|_| corrupt("capabilities"))?),
            None => None,
        },
        reason: get(row, "reason")?,
        requested_by: get(row, "requested_by")?,
        requested_at: ts(row, "requested_at")?,
        status: enum_of(row, "status", ApprovalStatus::parse)?,
        decided_by: get(row, "decided_by")?,
        decided_at: ts_o(row, "decided_at")?,
        decline_reason: get(row, "decline_reason")?,
        done_at: ts_o(row, "done_at")?,
        version: get(row, "version")?,
    })
}

fn legal_row(row: &impl RowGet, keys: &Keys) -> StoreResult<LegalDemandRow> {
    let mut d = LegalDemandRow {
        id: id(row, "id")?,
        received_at: ts(row, "received_at")?,
        from_kind: get(row, "from_kind")?,
        reference: get(row, "reference")?,
        asked: get(row, "asked")?,
        subject: id_o(row, "subject")?,
        recorded_by: get(row, "recorded_by")?,
        first_review_by: get(row, "first_review_by")?,
        first_decision: get(row, "first_decision")?,
        second_review_by: get(row, "second_review_by")?,
        second_decision: get(row, "second_decision")?,
        gag_order: get(row, "gag_order")?,
        person_told_at: ts_o(row, "person_told_at")?,
        handed_over: get(row, "handed_over")?,
        closed_at: ts_o(row, "closed_at")?,
        version: get(row, "version")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let Some(sealed) = sealed {
        let kek: Option<i64> = get(row, "kek_id")?;
        let person = match (kek, row_key(row, keys)?) {
            (None, RowKey::Key(k, v)) => Some((k, v)),
            _ => None,
        };
        let id = d.id.to_string();
        match seal::open_legal(
            &id,
            &sealed,
            kek,
            person.as_ref().map(|(k, v)| (&**k, *v)),
            keys,
        ) {
            Some((reference, asked, handed_over)) => {
                (d.reference, d.asked, d.handed_over) = (reference, asked, handed_over);
            }
            None => tracing::error!(legal_demand = %id, "a legal demand's text does not open"),
        }
    }
    Ok(d)
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
    Capabilities::parse_list(&get::<String>(row, "capabilities")?)
        .map_err(|_| corrupt("capabilities"))
}

fn user_row(row: &impl RowGet) -> StoreResult<UserRow> {
    Ok(UserRow {
        id: id(row, "id")?,
        username: get(row, "username")?,
        display_name: get(row, "display_name")?,
        password_hash: get(row, "password_hash")?,
        capabilities: caps(row)?,
        team_id: id_o(row, "team_id")?,
        organization_id: get(row, "organization_id")?,
        active: get(row, "active")?,
        setup_token_hash: get(row, "setup_token_hash")?,
        created_at: ts(row, "created_at")?,
    })
}

fn team_row(row: &impl RowGet) -> StoreResult<TeamRow> {
    Ok(TeamRow {
        id: id(row, "id")?,
        name: get(row, "name")?,
        status: enum_of(row, "status", TeamStatus::parse)?,
        status_at: ts(row, "status_at")?,
        lat: get(row, "lat")?,
        lon: get(row, "lon")?,
        position_at: ts_o(row, "position_at")?,
        base_lat: get(row, "base_lat")?,
        base_lon: get(row, "base_lon")?,
        checkin_at: ts_o(row, "checkin_at")?,
        version: get(row, "version")?,
    })
}

fn shift_row(row: &impl RowGet) -> StoreResult<ShiftRow> {
    Ok(ShiftRow {
        id: id(row, "id")?,
        team_id: id(row, "team_id")?,
        starts_at: ts(row, "starts_at")?,
        ends_at: ts(row, "ends_at")?,
    })
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

fn request_row(row: &impl RowGet, keys: &Keys) -> StoreResult<RequestRow> {
    let priority: Option<i64> = get(row, "priority")?;
    let mut r = RequestRow {
        id: id(row, "id")?,
        subject: get::<Option<String>>(row, "subject")?
            .and_then(|s| s.parse().ok())
            .unwrap_or_default(),
        sealed: SealState::Erased,
        created_at: ts(row, "created_at")?,
        updated_at: ts(row, "updated_at")?,
        channel: enum_of(row, "channel", Channel::parse)?,
        requester: enum_of(row, "requester", Requester::parse)?,
        summary: String::new(),
        location: Location {
            text: None,
            lat: None,
            lon: None,
            withheld: get(row, "location_withheld")?,
        },
        contact: Contact::default(),
        safe_contact: SafeContact {
            text_ok: get(row, "safe_text")?,
            voicemail_ok: get(row, "safe_voicemail")?,
            call_ok: get(row, "safe_call")?,
            hours: None,
            code_word: None,
        },
        language: get(row, "language")?,
        answers: Default::default(),
        triage: Triage {
            outcome: enum_of(row, "triage_outcome", Outcome::parse)?,
            priority: priority.and_then(|p| u8::try_from(p).ok()),
            rule: get(row, "triage_rule")?,
            rationale: get(row, "rationale")?,
        },
        ems_reason: None,
        ems_consent: get(row, "ems_consent")?,
        status: enum_of(row, "status", Status::parse)?,
        team_id: id_o(row, "team_id")?,
        outcome: match get::<Option<String>>(row, "outcome")? {
            Some(o) => Some(CloseOutcome::parse(&o).ok_or_else(|| corrupt("outcome"))?),
            None => None,
        },
        version: get(row, "version")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    match (row_key(row, keys)?, sealed) {
        (RowKey::Key(key, version), Some(bytes)) => {
            if let Err(e) = seal::open_request(&mut r, &key, version, &bytes) {
                tracing::error!(error = %e, request = %r.id, "a request's personal fields do not open");
                r.sealed = SealState::Unreadable;
            }
        }
        (RowKey::Key(..), None) | (RowKey::Unreadable, _) => r.sealed = SealState::Unreadable,
        (RowKey::Erased, _) => r.sealed = SealState::Erased,
    }
    Ok(r)
}

fn transition_row(row: &impl RowGet) -> StoreResult<TransitionRow> {
    Ok(TransitionRow {
        request_id: id(row, "request_id")?,
        from: get::<Option<String>>(row, "from_status")?.and_then(|s| Status::parse(&s)),
        to: enum_of(row, "to_status", Status::parse)?,
        team_id: id_o(row, "team_id")?,
        at: ts(row, "at")?,
        actor: get(row, "actor")?,
    })
}

fn encounter_row(row: &impl RowGet, keys: &Keys) -> StoreResult<EncounterRow> {
    let needs: String = get(row, "needs")?;
    let mut e = EncounterRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        team_id: id_o(row, "team_id")?,
        needs: needs.split(',').filter_map(Need::parse).collect(),
        actions: String::new(),
        own_words: None,
        outcome: enum_of(row, "outcome", CloseOutcome::parse)?,
        follow_up_consent: get(row, "follow_up_consent")?,
        follow_up_method: get::<Option<String>>(row, "follow_up_method")?
            .and_then(|m| FollowUpMethod::parse(&m)),
        created_at: ts(row, "created_at")?,
        created_by: get(row, "created_by")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key(row, keys)?, sealed)
        && let Err(err) = seal::open_encounter(&mut e, &key, version, &bytes)
    {
        tracing::error!(error = %err, encounter = %e.id, "an encounter's notes do not open");
    }
    Ok(e)
}

fn follow_up_row(row: &impl RowGet, keys: &Keys) -> StoreResult<FollowUpRow> {
    let mut f = FollowUpRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        encounter_id: id_o(row, "encounter_id")?,
        due_at: ts(row, "due_at")?,
        method: get::<Option<String>>(row, "method")?.and_then(|m| FollowUpMethod::parse(&m)),
        done_at: ts_o(row, "done_at")?,
        done_note: None,
        done_by: get(row, "done_by")?,
        cancelled_at: ts_o(row, "cancelled_at")?,
        version: get(row, "version")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key(row, keys)?, sealed)
        && let Err(err) = seal::open_follow_up(&mut f, &key, version, &bytes)
    {
        tracing::error!(error = %err, follow_up = %f.id, "a follow-up's note does not open");
    }
    Ok(f)
}

fn alert_row(row: &impl RowGet) -> StoreResult<AlertRow> {
    Ok(AlertRow {
        id: id(row, "id")?,
        kind: enum_of(row, "kind", AlertKind::parse)?,
        team_id: id(row, "team_id")?,
        request_id: id_o(row, "request_id")?,
        lat: get(row, "lat")?,
        lon: get(row, "lon")?,
        position_source: get(row, "position_source")?,
        position_at: ts_o(row, "position_at")?,
        created_at: ts(row, "created_at")?,
        cleared_at: ts_o(row, "cleared_at")?,
        cleared_by: get(row, "cleared_by")?,
    })
}

fn audit_row(row: &impl RowGet) -> StoreResult<AuditRow> {
    Ok(AuditRow {
        seq: get(row, "seq")?,
        entry: AuditEntry {
            id: id(row, "id")?,
            at: ts(row, "at")?,
            actor: get(row, "actor")?,
            action: get(row, "action")?,
            record_kind: get(row, "record_kind")?,
            record_id: get(row, "record_id")?,
            detail: get(row, "detail")?,
        },
    })
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

#[async_trait]
impl<D: Db> Store for SqlStore<D> {
    async fn apply(&self, changes: ChangeSet) -> StoreResult<()> {
        if changes
            .ops
            .iter()
            .any(|op| matches!(op, Op::EraseSubject { .. }))
        {
            if let Ok(mut map) = self.phones.lock() {
                map.clear();
            }
            self.deks.clear();
        }
        let (reply, rx) = oneshot::channel();
        let prepared = Prepared::of(&changes, &self.keys, &self.deks);
        self.writer
            .send(Job {
                changes,
                prepared,
                reply,
            })
            .await
            .map_err(|_| StoreError::Backend("the writer has stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Backend("the writer has stopped".into()))?
    }

    async fn user(&self, uid: UserId) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE id = $1",
            uid.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn user_by_username(&self, username: &str) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE username = $1",
            username.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn user_by_setup_token(&self, token_hash: &str) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE setup_token_hash = $1",
            token_hash.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn users(&self) -> StoreResult<Vec<UserRow>> {
        self.list(
            "SELECT * FROM users ORDER BY username",
            "read users",
            user_row,
        )
        .await
    }

    async fn token_by_hash(&self, token_hash: &str) -> StoreResult<Option<TokenRow>> {
        self.find(
            "SELECT * FROM api_tokens WHERE token_hash = $1",
            token_hash.to_string(),
            "read token",
            |row| {
                Ok(TokenRow {
                    id: id(row, "id")?,
                    name: get(row, "name")?,
                    user_id: id_o(row, "user_id")?,
                    token_hash: get(row, "token_hash")?,
                    capabilities: caps(row)?,
                    created_at: ts(row, "created_at")?,
                    revoked_at: ts_o(row, "revoked_at")?,
                    expires_at: ts_o(row, "expires_at")?,
                })
            },
        )
        .await
    }

    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRow>> {
        self.find(
            "SELECT * FROM sessions WHERE id_hash = $1",
            id_hash.to_string(),
            "read session",
            |row| {
                Ok(SessionRow {
                    id_hash: get(row, "id_hash")?,
                    user_id: id(row, "user_id")?,
                    csrf: get(row, "csrf")?,
                    created_at: ts(row, "created_at")?,
                    expires_at: ts(row, "expires_at")?,
                    last_seen_at: ts(row, "last_seen_at")?,
                    stage: enum_of(row, "stage", SessionStage::parse)?,
                })
            },
        )
        .await
    }

    async fn team(&self, tid: TeamId) -> StoreResult<Option<TeamRow>> {
        self.find(
            "SELECT * FROM teams WHERE id = $1",
            tid.to_string(),
            "read team",
            team_row,
        )
        .await
    }

    async fn teams(&self) -> StoreResult<Vec<TeamRow>> {
        self.list("SELECT * FROM teams ORDER BY name", "read teams", team_row)
            .await
    }

    async fn shifts_at(&self, at: Timestamp) -> StoreResult<Vec<ShiftRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM shifts WHERE starts_at <= $1 AND ends_at > $2 ORDER BY starts_at",
        )
        .arg(us(at))
        .arg(us(at))
        .all_in(&self.read)
        .await
        .map_err(backend("read shifts"))?;
        all(r, shift_row)
    }

    async fn shifts_from(&self, from: Timestamp) -> StoreResult<Vec<ShiftRow>> {
        self.find_all(
            "SELECT * FROM shifts WHERE ends_at > $1 ORDER BY starts_at LIMIT 200",
            us(from),
            "read shifts",
            shift_row,
        )
        .await
    }

    async fn request(&self, rid: RequestId) -> StoreResult<Option<RequestRow>> {
        self.find(
            concat!(request_select!(), " WHERE r.id = $1"),
            rid.to_string(),
            "read request",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn open_requests(&self) -> StoreResult<Vec<RequestRow>> {
        self.list(
            concat!(
                request_select!(),
                " WHERE r.status NOT IN ('closed', 'cancelled') ORDER BY r.created_at"
            ),
            "read requests",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn requests_ending_with(&self, suffix: &str) -> StoreResult<Vec<RequestId>> {
        // Only hex digits and dashes reach the pattern, so it holds no wildcard of the caller's.
        if suffix.is_empty() || !suffix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Ok(Vec::new());
        }
        self.find_all(
            "SELECT id FROM requests WHERE id LIKE $1 ORDER BY created_at LIMIT 3",
            format!("%{}", suffix.to_ascii_lowercase()),
            "find request by reference",
            |r| id(r, "id"),
        )
        .await
    }

    async fn recent_requests(&self, limit: i64) -> StoreResult<Vec<RequestRow>> {
        self.find_all(
            concat!(request_select!(), " ORDER BY r.created_at DESC LIMIT $1"),
            limit,
            "read requests",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn requests_with_status(
        &self,
        status: Status,
        limit: i64,
    ) -> StoreResult<Vec<RequestRow>> {
        let r = sqlx::query::<D>(concat!(
            request_select!(),
            " WHERE r.status = $1 ORDER BY r.created_at DESC LIMIT $2"
        ))
        .arg(status.as_str())
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("read requests"))?;
        all(r, |r| request_row(r, &self.keys))
    }

    async fn team_request(&self, team: TeamId) -> StoreResult<Option<RequestRow>> {
        let r = sqlx::query::<D>(concat!(
            request_select!(),
            " WHERE r.team_id = $1 AND r.status IN ('assigned', 'en_route', 'on_scene') \
                 ORDER BY r.created_at LIMIT 1"
        ))
        .arg(team.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("read requests"))?;
        one(r, |r| request_row(r, &self.keys))
    }

    async fn transitions(&self, request: RequestId) -> StoreResult<Vec<TransitionRow>> {
        self.find_all(
            "SELECT * FROM request_transitions WHERE request_id = $1 ORDER BY seq",
            request.to_string(),
            "read transitions",
            transition_row,
        )
        .await
    }

    async fn encounters(&self, request: RequestId) -> StoreResult<Vec<EncounterRow>> {
        self.find_all(
            concat!(
                "SELECT e.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
                 s.key_version AS k_version FROM encounters e JOIN requests r ON r.id = e.request_id \
                 LEFT JOIN subjects s ON s.id = r.subject",
                " WHERE e.request_id = $1 ORDER BY e.created_at"
            ),
            request.to_string(),
            "read encounters",
            |r| encounter_row(r, &self.keys),
        )
        .await
    }

    async fn follow_up(&self, fid: FollowUpId) -> StoreResult<Option<FollowUpRow>> {
        self.find(
            concat!(follow_up_select!(), " WHERE f.id = $1"),
            fid.to_string(),
            "read follow-up",
            |r| follow_up_row(r, &self.keys),
        )
        .await
    }

    async fn open_follow_ups(&self) -> StoreResult<Vec<FollowUpRow>> {
        self.list(
            concat!(
                follow_up_select!(),
                " WHERE f.done_at IS NULL AND f.cancelled_at IS NULL ORDER BY f.due_at"
            ),
            "read follow-ups",
            |r| follow_up_row(r, &self.keys),
        )
        .await
    }

    async fn follow_ups_for(&self, request: RequestId) -> StoreResult<Vec<FollowUpRow>> {
        self.find_all(
            concat!(
                follow_up_select!(),
                " WHERE f.request_id = $1 ORDER BY f.due_at"
            ),
            request.to_string(),
            "read follow-ups",
            |r| follow_up_row(r, &self.keys),
        )
        .await
    }

    async fn alert(&self, aid: AlertId) -> StoreResult<Option<AlertRow>> {
        self.find(
            "SELECT * FROM alerts WHERE id = $1",
            aid.to_string(),
            "read alert",
            alert_row,
        )
        .await
    }

    async fn open_alerts(&self) -> StoreResult<Vec<AlertRow>> {
        self.list(
            "SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY created_at",
            "read alerts",
            alert_row,
        )
        .await
    }

    async fn audit_for(&self, record_kind: &str, record_id: &str) -> StoreResult<Vec<AuditRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM audit_log WHERE record_kind = $1 AND record_id = $2 ORDER BY seq",
        )
        .arg(record_kind)
        .arg(record_id)
        .all_in(&self.read)
        .await
        .map_err(backend("read audit"))?;
        all(r, audit_row)
    }

    async fn audit_list_reads(&self, mark: &str) -> StoreResult<Vec<AuditRow>> {
        // Marks are hex digits only (no LIKE wildcards); a scan, but only for a person's export.
        if mark.is_empty() || !mark.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Vec::new());
        }
        let r = sqlx::query::<D>(
            "SELECT * FROM audit_log WHERE action LIKE '%.list' AND detail LIKE $1 ORDER BY seq",
        )
        .arg(format!("%{mark}%"))
        .all_in(&self.read)
        .await
        .map_err(backend("read audit"))?;
        all(r, audit_row)
    }

    async fn audit_count(&self) -> StoreResult<i64> {
        self.count("SELECT COUNT(*) AS n FROM audit_log", "read audit")
            .await
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let n = self
            .count(
                "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM requests) AS n",
                "read counts",
            )
            .await?;
        Ok(n == 0)
    }

    async fn approval(&self, aid: ApprovalId) -> StoreResult<Option<ApprovalRow>> {
        self.find(
            "SELECT * FROM approvals WHERE id = $1",
            aid.to_string(),
            "read approval",
            approval_row,
        )
        .await
    }

    async fn approvals_recent(&self, limit: i64) -> StoreResult<Vec<ApprovalRow>> {
        self.find_all(
            "SELECT * FROM approvals ORDER BY status != 'pending', requested_at DESC LIMIT $1",
            limit,
            "read approvals",
            approval_row,
        )
        .await
    }

    async fn approvals_for_subject(&self, sid: SubjectId) -> StoreResult<Vec<ApprovalRow>> {
        self.find_all(
            "SELECT * FROM approvals WHERE subject = $1 ORDER BY requested_at",
            sid.to_string(),
            "read approvals",
            approval_row,
        )
        .await
    }

    async fn legal_demand(&self, lid: LegalDemandId) -> StoreResult<Option<LegalDemandRow>> {
        self.find(
            "SELECT l.*, l.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
             s.key_version AS k_version FROM legal_demands l LEFT JOIN subjects s ON s.id = l.subject \
             WHERE l.id = $1",
            lid.to_string(),
            "read legal demand",
            |row| legal_row(row, &self.keys),
        )
        .await
    }

    async fn legal_demands(&self) -> StoreResult<Vec<LegalDemandRow>> {
        self.list(
            "SELECT l.*, l.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
             s.key_version AS k_version FROM legal_demands l LEFT JOIN subjects s ON s.id = l.subject \
             ORDER BY l.received_at DESC",
            "read legal demands",
            |row| legal_row(row, &self.keys),
        )
        .await
    }

    async fn login_failures(&self, user: UserId) -> StoreResult<LoginFailures> {
        let row = sqlx::query::<D>(
            "SELECT failed_logins, last_failed_login_at, failed_at_last_signin FROM users WHERE id = $1",
        )
        .arg(user.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("read sign-in failures"))?;
        let Some(row) = row else {
            return Ok(LoginFailures::default());
        };
        Ok(LoginFailures {
            since_signin: get(&row, "failed_logins")?,
            last_at: ts_o(&row, "last_failed_login_at")?,
            before_this_signin: get(&row, "failed_at_last_signin")?,
        })
    }

    async fn user_totp(&self, user: UserId) -> StoreResult<Option<TotpRow>> {
        let row = sqlx::query::<D>(
            "SELECT totp_kek, totp_secret, totp_enabled_at, totp_last_step, \
             (SELECT COUNT(*) FROM recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) AS recovery_left \
             FROM users u WHERE id = $1",
        )
        .arg(user.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("read second factor"))?;
        let Some(row) = row else { return Ok(None) };
        let kek: Option<i64> = get(&row, "totp_kek")?;
        let sealed: Option<Vec<u8>> = get(&row, "totp_secret")?;
        let (Some(kek), Some(sealed)) = (kek, sealed) else {
            return Ok(None);
        };
        let w = heart_crypto::keys::WrappedKey {
            kek_id: kek as u32,
            bytes: sealed,
        };
        let owner = user.to_string();
        let secret = match self.keys.get().open_secret("totp", &owner, &w) {
            Err(heart_crypto::keys::KeyError::UnknownKek(_)) => {
                self.keys.refresh().open_secret("totp", &owner, &w)
            }
            other => other,
        }
        .map_err(|e| StoreError::Backend(format!("a second-factor seed does not open: {e}")))?;
        Ok(Some(TotpRow {
            secret,
            enabled_at: ts_o(&row, "totp_enabled_at")?,
            last_step: get(&row, "totp_last_step")?,
            recovery_left: get(&row, "recovery_left")?,
        }))
    }

    async fn subject(&self, sid: SubjectId) -> StoreResult<Option<SubjectRow>> {
        self.find(
            "SELECT id, created_at, keep, erased_at, erase_reason FROM subjects WHERE id = $1",
            sid.to_string(),
            "read person",
            |row| {
                Ok(SubjectRow {
                    id: id(row, "id")?,
                    created_at: ts(row, "created_at")?,
                    keep: get(row, "keep")?,
                    erased_at: ts_o(row, "erased_at")?,
                    erase_reason: get(row, "erase_reason")?,
                })
            },
        )
        .await
    }

    async fn subject_for_phone(&self, phone: &str) -> StoreResult<Option<SubjectId>> {
        let index = seal::phone_index(&self.keys.get(), phone);
        if let Ok(map) = self.phones.lock()
            && let Some((s, at)) = map.get(&index)
            && at.elapsed() < PHONE_TTL
        {
            return Ok(Some(*s));
        }
        let row = sqlx::query::<D>(
            "SELECT r.subject FROM requests r JOIN subjects s ON s.id = r.subject \
             WHERE r.phone_index = $1 AND r.channel <> 'web' AND s.wrapped IS NOT NULL \
             ORDER BY r.created_at DESC LIMIT 1",
        )
        .arg(&index)
        .opt_in(&self.read)
        .await
        .map_err(backend("read person"))?;
        let s: Option<String> = match row {
            Some(r) => get(&r, "subject")?,
            None => None,
        };
        let found: Option<SubjectId> = s.and_then(|s| s.parse().ok());
        if let Some(f) = found
            && let Ok(mut map) = self.phones.lock()
        {
            if map.len() > 10_000 {
                map.clear();
            }
            map.insert(index, (f, std::time::Instant::now()));
        }
        Ok(found)
    }

    async fn subject_requests(&self, sid: SubjectId) -> StoreResult<Vec<RequestRow>> {
        self.find_all(
            concat!(
                request_select!(),
                " WHERE r.subject = $1 ORDER BY r.created_at"
            ),
            sid.to_string(),
            "read requests",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn retention_due(&self, before: Timestamp) -> StoreResult<Vec<SubjectId>> {
        let rows = sqlx::query::<D>(
            "SELECT s.id FROM subjects s WHERE s.wrapped IS NOT NULL AND NOT s.keep \
             AND s.created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.subject = s.id \
                 AND (r.updated_at >= $1 OR r.status NOT IN ('closed', 'cancelled'))) \
             AND NOT EXISTS (SELECT 1 FROM follow_ups f JOIN requests r ON r.id = f.request_id \
                 WHERE r.subject = s.id AND f.cancelled_at IS NULL AND (f.done_at IS NULL OR f.done_at >= $1)) \
             ORDER BY s.created_at",
        )
        .arg(us(before))
        .all_in(&self.read)
        .await
        .map_err(backend("read retention"))?;
        let ids: Vec<String> = all(rows, |r| get(r, "id"))?;
        Ok(ids.iter().filter_map(|s| s.parse().ok()).collect())
    }

    async fn node_keys(&self, since: Timestamp) -> StoreResult<Vec<NodeKeysRow>> {
        let rows = sqlx::query::<D>(
            "SELECT node, kek_ids, wraps, seen_at FROM node_keys WHERE seen_at >= $1 ORDER BY node",
        )
        .arg(us(since))
        .all_in(&self.read)
        .await
        .map_err(backend("read node keys"))?;
        all(rows, |r| {
            let ids: String = get(r, "kek_ids")?;
            Ok(NodeKeysRow {
                node: get(r, "node")?,
                kek_ids: ids
                    .split_whitespace()
                    .filter_map(|i| i.parse().ok())
                    .collect(),
                wraps: get::<i64>(r, "wraps")? as u32,
                seen_at: ts(r, "seen_at")?,
            })
        })
    }

    async fn current_kek(&self) -> StoreResult<Option<u32>> {
        let row = sqlx::query::<D>("SELECT kek_in_use FROM key_state WHERE id = 1")
            .opt_in(&self.read)
            .await
            .map_err(backend("read key state"))?;
        match row {
            Some(r) => Ok(Some(get::<i64>(&r, "kek_in_use")? as u32)),
            None => Ok(None),
        }
    }

    async fn rewrap_keys(&self, limit: i64) -> StoreResult<(u64, u64)> {
        // Its own connection and short transactions: the server keeps writing meanwhile.
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(backend("open the database"))?;
        let ring = self.keys.get();
        let current = i64::from(ring.current_kek());
        D::begin_write(&mut conn).await.map_err(backend("begin"))?;
        let rows = sqlx::query::<D>(
            "SELECT id, kek_id, wrapped FROM subjects WHERE wrapped IS NOT NULL AND kek_id != $1 LIMIT $2",
        )
        .arg(current)
        .arg(limit)
        .all(&mut conn)
        .await
        .map_err(backend("read data keys"))?;
        let mut done = 0;
        for row in &rows {
            let sid: String = get(row, "id")?;
            let kek: i64 = get(row, "kek_id")?;
            let wrapped: Vec<u8> = get(row, "wrapped")?;
            let w = heart_crypto::keys::WrappedKey {
                kek_id: kek as u32,
                bytes: wrapped,
            };
            let again = ring
                .rewrap(&sid, &w)
                .map_err(|e| StoreError::Backend(format!("a data key does not open: {e}")))?;
            sqlx::query::<D>(
                "UPDATE subjects SET kek_id = $1, wrapped = $2 WHERE id = $3 AND kek_id = $4",
            )
            .arg(i64::from(again.kek_id))
            .arg(again.bytes)
            .arg(&sid)
            .arg(kek)
            .exec(&mut conn)
            .await
            .map_err(backend("re-wrap data key"))?;
            done += 1;
        }
        // Secrets sealed under the KEK directly: second-factor seeds, partners' webhook secrets, held alerts.
        for (table, id_col, kek_col, secret_col, purpose) in SEALED_SECRETS {
            let sql = format!(
                "SELECT {id_col} AS id, {kek_col} AS kek, {secret_col} AS secret FROM {table} \
                 WHERE {secret_col} IS NOT NULL AND {kek_col} != $1 LIMIT $2"
            );
            let rows = sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                .arg(current)
                .arg(limit)
                .all(&mut conn)
                .await
                .map_err(backend("read sealed secrets"))?;
            for row in &rows {
                let owner: String = get(row, "id")?;
                let kek: i64 = get(row, "kek")?;
                let w = heart_crypto::keys::WrappedKey {
                    kek_id: kek as u32,
                    bytes: get(row, "secret")?,
                };
                let secret = ring.open_secret(purpose, &owner, &w).map_err(|e| {
                    StoreError::Backend(format!("a sealed {purpose} secret does not open: {e}"))
                })?;
                let again = ring.seal_secret(purpose, &owner, &secret);
                let sql = format!(
                    "UPDATE {table} SET {kek_col} = $1, {secret_col} = $2 WHERE {id_col} = $3 AND {kek_col} = $4"
                );
                sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                    .arg(i64::from(again.kek_id))
                    .arg(again.bytes)
                    .arg(&owner)
                    .arg(kek)
                    .exec(&mut conn)
                    .await
                    .map_err(backend("re-seal a secret"))?;
                done += 1;
            }
        }
        exec::<D>(&mut conn, "COMMIT")
            .await
            .map_err(backend("commit"))?;
        let sql = std::iter::once(
            "(SELECT COUNT(*) FROM subjects WHERE wrapped IS NOT NULL AND kek_id != $1)".to_string(),
        )
        .chain(SEALED_SECRETS.iter().map(|(table, _, kek_col, secret_col, _)| {
            format!("(SELECT COUNT(*) FROM {table} WHERE {secret_col} IS NOT NULL AND {kek_col} != $1)")
        }))
        .collect::<Vec<_>>()
        .join(" + ");
        let row = sqlx::query::<D>(sqlx::AssertSqlSafe(format!("SELECT {sql} AS n")))
            .arg(current)
            .opt(&mut conn)
            .await
            .map_err(backend("read data keys"))?;
        let left: i64 = match row {
            Some(r) => get(&r, "n")?,
            None => 0,
        };
        D::close(conn).await;
        Ok((done, left as u64))
    }

    async fn audit_recent(&self, limit: i64) -> StoreResult<Vec<AuditRow>> {
        self.find_all(
            "SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1",
            limit,
            "read audit",
            audit_row,
        )
        .await
    }

    async fn audit_verify(
        &self,
        against: Option<verify::Checkpoint>,
    ) -> StoreResult<verify::AuditReport> {
        let mut walk = verify::ChainWalk::new(self.keys.get().chain_key());
        let mut report = verify::AuditReport::default();
        let mut failure = None;
        {
            let mut each = |row: &D::Row| -> bool {
                let entry = match audit_row(row) {
                    Ok(e) => e,
                    Err(_) => {
                        report.problem = Some(verify::Problem {
                            seq: get(row, "seq").unwrap_or(walk.head().0 + 1),
                            message: "entry cannot be read (altered)".into(),
                        });
                        return false;
                    }
                };
                let hash: Option<String> = match get(row, "hash") {
                    Ok(h) => h,
                    Err(e) => {
                        failure = Some(e);
                        return false;
                    }
                };
                if let Err(p) = walk.push(&entry, hash.as_deref()) {
                    report.problem = Some(p);
                    return false;
                }
                true
            };
            let mut conn = self.read.acquire().await.map_err(backend("read audit"))?;
            D::conn_each(
                sqlx::query::<D>(
                    "SELECT seq, id, at, actor, action, record_kind, record_id, detail, hash FROM audit_log \
                     ORDER BY seq",
                ),
                &mut conn,
                &mut each,
            )
            .await
            .map_err(backend("read audit"))?;
        }
        if let Some(e) = failure {
            return Err(e);
        }
        let (head_seq, head_hash) = walk.head();
        report.entries = walk.entries;
        report.head_seq = head_seq;
        report.head_hash = head_hash;
        if report.problem.is_some() {
            return Ok(report);
        }
        let public_key = hex::encode(self.keys.get().verifying_key());
        let mut checkpoints = self.checkpoints().await?;
        report.checkpoints = checkpoints.len() as i64;
        if let Err(p) =
            verify::check_freshness(checkpoints.last(), head_seq, walk.first_at, walk.last_at)
        {
            report.problem = Some(p);
            return Ok(report);
        }
        checkpoints.extend(against);
        for cp in &checkpoints {
            let row = sqlx::query::<D>("SELECT hash FROM audit_log WHERE seq = $1")
                .arg(cp.seq)
                .opt_in(&self.read)
                .await
                .map_err(backend("read audit"))?;
            let hash_at: Option<String> = match row {
                Some(r) => get(&r, "hash")?,
                None => None,
            };
            if let Err(p) = verify::check_checkpoint(cp, &public_key, hash_at.as_deref(), head_seq)
            {
                report.problem = Some(p);
                break;
            }
        }
        Ok(report)
    }

    async fn audit_checkpoint(&self, at: Timestamp) -> StoreResult<verify::Checkpoint> {
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(backend("open the database"))?;
        D::begin_write(&mut conn).await.map_err(backend("begin"))?;
        let head = chain_head::<D>(&mut conn, self.keys.get().chain_key()).await?;
        let latest = self.checkpoints().await?.pop();
        let cp = match latest {
            Some(cp) if cp.seq == head.seq => cp,
            _ => {
                let ring = self.keys.get();
                let mut cp = verify::Checkpoint {
                    seq: head.seq,
                    hash: hex::encode(head.hash),
                    at,
                    public_key: hex::encode(ring.verifying_key()),
                    signature: String::new(),
                };
                cp.signature = hex::encode(ring.sign(&cp.message()));
                sqlx::query::<D>(
                    "INSERT INTO audit_checkpoints (seq, hash, at, public_key, signature) VALUES ($1,$2,$3,$4,$5) \
                     ON CONFLICT (seq) DO NOTHING",
                )
                .arg(cp.seq)
                .arg(&cp.hash)
                .arg(us(cp.at))
                .arg(&cp.public_key)
                .arg(&cp.signature)
                .exec(&mut conn)
                .await
                .map_err(backend("write checkpoint"))?;
                cp
            }
        };
        exec::<D>(&mut conn, "COMMIT")
            .await
            .map_err(backend("commit"))?;
        D::close(conn).await;
        Ok(cp)
    }

    async fn request_for_idempotency_key(
        &self,
        key: &str,
    ) -> StoreResult<Option<(RequestId, String)>> {
        let row =
            sqlx::query::<D>("SELECT request_id, fingerprint FROM idempotency_keys WHERE key = $1")
                .arg(key)
                .opt_in(&self.read)
                .await
                .map_err(backend("read idempotency key"))?;
        match row {
            Some(r) => Ok(Some((id(&r, "request_id")?, get(&r, "fingerprint")?))),
            None => Ok(None),
        }
    }

    async fn forget_idempotency_keys(&self, before: Timestamp) -> StoreResult<u64> {
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(backend("open the database"))?;
        let n = sqlx::query::<D>("DELETE FROM idempotency_keys WHERE created_at < $1")
            .arg(us(before))
            .exec(&mut conn)
            .await
            .map_err(backend("forget idempotency keys"))?;
        D::close(conn).await;
        Ok(n)
    }

    async fn db_health(&self) -> StoreResult<DbHealth> {
        let (role, lag, replicas) = D::role(&self.read)
            .await
            .map_err(backend("read the database role"))?;
        Ok(DbHealth {
            engine: D::ENGINE,
            role,
            replication_lag_bytes: lag,
            replicas,
            pool_size: self.read.size(),
            pool_idle: u32::try_from(self.read.num_idle()).unwrap_or(u32::MAX),
            write_queue: self.writer.max_capacity() - self.writer.capacity(),
            disk_full_since: match self.disk_full.load(std::sync::atomic::Ordering::Relaxed) {
                0 => None,
                at => Some(from_micros(at)),
            },
        })
    }

    fn money(&self) -> &dyn crate::money::MoneyStore {
        self
    }

    fn channels(&self) -> &dyn crate::channels::ChannelStore {
        self
    }

    fn sms(&self) -> &dyn crate::sms::SmsStore {
        self
    }

    fn passkeys(&self) -> &dyn crate::passkeys::PasskeyStore {
        self
    }

    fn referrals(&self) -> &dyn crate::referrals::ReferralStore {
        self
    }

    fn directory(&self) -> &dyn crate::directory::DirectoryStore {
        self
    }

    async fn backup(&self, path: &std::path::Path) -> StoreResult<()> {
        D::backup(&self.opts(), &self.source, path).await
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
