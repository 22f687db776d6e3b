//! The writer task: one write connection, group commit, a savepoint per change set, and the dispatch of each
//! change to its area.

use super::*;

pub(super) struct Job {
    pub(super) changes: ChangeSet,
    /// Keys and sealed bytes made before the job reached the writer (in the caller's task, on any core).
    pub(super) prepared: Prepared,
    pub(super) reply: oneshot::Sender<StoreResult<()>>,
}

/// Work done before a change set reaches the single writer: a new person's data key (made and wrapped), and the
/// sealed fields of their first request. The writer only stores the bytes.
#[derive(Default)]
pub(super) struct Prepared {
    pub(super) subjects: HashMap<SubjectId, (Arc<DataKey>, u32, Vec<u8>)>,
    pub(super) requests: HashMap<RequestId, PreSealed>,
}

/// A new request's blind index and sealed bytes, made by the caller. Sealed under a person's key from the cache
/// (`Some`), it is used only if the writer, reading the person's row in the transaction, opens the same key.
pub(super) type PreSealed = (Option<String>, Vec<u8>, Option<(Arc<DataKey>, u32)>);

impl Prepared {
    pub(super) fn of(changes: &ChangeSet, keys: &Keys, cache: &DekCache) -> Prepared {
        let mut p = Prepared::default();
        let ring = keys.get();
        for op in &changes.ops {
            match op {
                Op::Trust(TrustOp::NewSubject { id, .. }) => {
                    let (dek, wrapped) = ring.new_data_key(&id.to_string());
                    p.subjects
                        .insert(*id, (Arc::new(dek), wrapped.kek_id, wrapped.bytes));
                }
                Op::Request(RequestOp::InsertRequest(r)) => {
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

    pub(super) fn get(&self, s: SubjectId) -> Option<(Arc<DataKey>, u32)> {
        self.0.lock().ok()?.get(&s).cloned()
    }

    pub(super) fn put(&self, s: SubjectId, key: Arc<DataKey>, version: u32) {
        if let Ok(mut m) = self.0.lock() {
            if m.len() >= Self::MAX {
                m.clear();
            }
            m.insert(s, (key, version));
        }
    }

    pub(super) fn forget(&self, s: SubjectId) {
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

pub(super) async fn writer_loop<D: Db>(
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
    let mut next_checkpoint = std::time::Instant::now() + CHECKPOINT_EVERY;
    let mut retried = false;
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
        if healthy
            && let Some(steps) = D::CHECKPOINT
            && std::time::Instant::now() >= next_checkpoint
        {
            // Tried again soon once, then at the usual pace while a long reader keeps the old log: each try
            // waits for it a little.
            let done = restarted::<D>(&mut conn, steps).await;
            let wait = if done || retried {
                CHECKPOINT_EVERY
            } else {
                CHECKPOINT_RETRY
            };
            retried = !done && !retried;
            next_checkpoint = std::time::Instant::now() + wait;
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

/// Runs the engine's checkpoint between batches; true when it went through (false: a reader of the old log
/// outlasted the short wait, another connection was checkpointing, or it failed: the writer tries again soon).
///
/// On SQLite, under a steady stream of writes the background checkpointer (`sqlite::checkpointer`) copies the log
/// into the database but never catches up with the writer, so the log never starts again from its beginning. It
/// grew until SQLite's own checkpoint inside a commit ran, and from then on it ran in most commits, since readers
/// kept the log from starting again: each one synced the log and the database (40-90 ms on this disk) while
/// every caller waited. A `RESTART` checkpoint now and then makes the next write start the log again. It waits at
/// most 20 ms for readers of the old log (a long export is not waited for: the checkpoint is tried again after
/// `CHECKPOINT_RETRY`, then every `CHECKPOINT_EVERY`), and it is quick, since the background checkpointer has
/// copied nearly all of it.
async fn restarted<D: Db>(
    conn: &mut D::Connection,
    [wait, checkpoint, back]: [&'static str; 3],
) -> bool {
    if let Err(e) = exec::<D>(conn, wait).await {
        tracing::warn!(error = %e, engine = D::ENGINE, "checkpoint failed");
        return false;
    }
    let done = match sqlx::query::<D>(checkpoint).opt(&mut *conn).await {
        Ok(Some(row)) => get::<i64>(&row, "busy").is_ok_and(|busy| busy == 0),
        Ok(None) => true,
        Err(e) => {
            tracing::warn!(error = %e, engine = D::ENGINE, "checkpoint failed");
            false
        }
    };
    if let Err(e) = exec::<D>(conn, back).await {
        tracing::warn!(error = %e, engine = D::ENGINE, "checkpoint failed");
    }
    done
}

pub(super) async fn exec<D: Db>(
    conn: &mut D::Connection,
    sql: &'static str,
) -> Result<(), sqlx::Error> {
    D::raw(conn, sql).await
}

/// Writes a batch. Returns each change set's result, and whether the connection is still usable.
pub(super) async fn write_batch<D: Db>(
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
            .any(|op| matches!(op, Op::Trust(TrustOp::EraseSubject { .. })))
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
pub(super) const REQUEST_COLS: &str = "created_at, updated_at, channel, requester, location_withheld, safe_text, \
     safe_voicemail, safe_call, language, triage_outcome, priority, triage_rule, rationale, ems_consent, status, \
     team_id, outcome, neighbourhood, availability, subject, phone_index, sealed, id";
pub(super) const REQUEST_NCOLS: usize = 23;
pub(super) const SUBJECT_COLS: &str = "id, kek_id, wrapped, key_version, created_at";
pub(super) const TRANSITION_COLS: &str = "request_id, from_status, to_status, team_id, at, actor";
pub(super) const AUDIT_COLS: &str =
    "seq, id, at, actor, action, record_kind, record_id, detail, hash";
/// Data keys start at version 1; the version is bound into every sealed value's associated data.
pub(super) const KEY_VERSION: u32 = 1;

/// What one write transaction carries along: the keys, the data keys it has opened, and the audit chain's head.
pub(crate) struct Tx<'k, D> {
    pub(crate) keys: &'k Keys,
    pub(super) cache: &'k DekCache,
    pub(super) db: PhantomData<D>,
    pub(super) deks: HashMap<SubjectId, Option<(Arc<DataKey>, u32)>>,
    pub(super) chain: Chain,
    /// Wrapped keys and sealed requests prepared by the callers.
    pub(super) pre_wrapped: HashMap<SubjectId, (u32, Vec<u8>)>,
    pub(super) pre_sealed: HashMap<RequestId, PreSealed>,
}

#[derive(Clone, Copy)]
pub(super) struct Chain {
    pub(super) seq: i64,
    pub(super) hash: [u8; 32],
    /// The chain's key, from the key file.
    pub(super) key: [u8; 32],
}

impl<'k, D: Db> Tx<'k, D> {
    pub(super) async fn begin(
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
    pub(super) fn adopt(&mut self, jobs: &[Job]) {
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

    pub(super) fn new_subject(&mut self, id: SubjectId) -> (u32, Vec<u8>) {
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
    pub(crate) async fn request_key(
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
    pub(super) fn link(&mut self, entries: &[&AuditEntry]) -> Vec<(i64, String)> {
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

pub(super) async fn chain_head<D: Db>(
    conn: &mut D::Connection,
    key: [u8; 32],
) -> StoreResult<Chain> {
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

/// `INSERT INTO t (cols) VALUES (?,..)[,(..)]` for `rows` rows; cached, since there are few shapes (powers of two).
/// Placeholders are `?` where the engine allows them (SQLite: naming 1,344 parameters `$N` makes binding them
/// quadratic, since each name is looked up in a list), `$N` for PostgreSQL.
pub(super) fn multi_insert(
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
pub(super) fn chunks(mut n: usize) -> Vec<usize> {
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

pub(super) async fn write_fast<D: Db>(
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
                Op::Trust(TrustOp::NewSubject { id, at }) => subjects.push((*id, *at)),
                Op::Request(RequestOp::InsertRequest(r)) => requests.push(r),
                Op::Request(RequestOp::InsertTransition(t)) => transitions.push(t),
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
    for t in &transitions {
        requests::first_step::<D>(conn, t).await?;
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
pub(super) async fn insert_rows<D: Db>(
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
pub(super) async fn write_each<D: Db>(
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

pub(super) async fn apply_changes<D: Db>(
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

pub(super) async fn apply_op<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &Op,
) -> StoreResult<()> {
    match op {
        Op::Auth(a) => super::auth::apply::<D>(conn, tx, a).await,
        Op::Request(r) => super::requests::apply::<D>(conn, tx, r).await,
        Op::Dispatch(d) => super::dispatch::apply::<D>(conn, tx, d).await,
        Op::Care(c) => super::care::apply::<D>(conn, tx, c).await,
        Op::Trust(t) => super::trust::apply::<D>(conn, tx, t).await,
        Op::ClaimJob {
            name,
            holder,
            now,
            until,
        } => claim_job::<D>(conn, name, holder, *now, *until).await,
        Op::Money(m) => crate::money::apply::<D>(conn, tx, m).await,
        Op::Channel(c) => crate::channels::apply::<D>(conn, tx, c).await,
        Op::Sms(m) => crate::sms::apply::<D>(conn, tx, m).await,
        Op::Passkey(p) => crate::passkeys::apply::<D>(conn, tx, p).await,
        Op::Directory(d) => crate::directory::apply::<D>(conn, tx, d).await,
        Op::Referral(r) => crate::referrals::apply::<D>(conn, tx, r).await,
        Op::Outbox(o) => crate::outbox::apply::<D>(conn, o).await,
        Op::Rota(r) => crate::rota::apply::<D>(conn, tx, r).await,
        Op::Push(p) => crate::push::apply::<D>(conn, tx, p).await,
        Op::Offline(o) => crate::offline::apply::<D>(conn, o).await,
        Op::Outreach(o) => crate::outreach::apply::<D>(conn, o).await,
        Op::Warmline(o) => crate::warmline::apply::<D>(conn, o).await,
        Op::Debrief(o) => crate::debriefs::apply::<D>(conn, o).await,
        Op::Training(o) => crate::trainings::apply::<D>(conn, o).await,
        Op::Supply(o) => crate::supplies::apply::<D>(conn, o).await,
        Op::Circle(o) => crate::circles::apply::<D>(conn, tx, o).await,
        Op::Imported(i) => super::history::record_import::<D>(conn, i).await,
    }
}

/// Takes a scheduled job's lease (see `Op::ClaimJob`).
async fn claim_job<D: Db>(
    conn: &mut D::Connection,
    name: &str,
    holder: &str,
    now: Timestamp,
    until: Timestamp,
) -> StoreResult<()> {
    let r = sqlx::query::<D>(
        "INSERT INTO job_leases (name, holder, until) VALUES ($1, $2, $4) \
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until \
         WHERE job_leases.until <= $3",
    )
    .arg(name)
    .arg(holder)
    .arg(us(now))
    .arg(us(until))
    .exec(&mut *conn)
    .await
    .map_err(write_err("job lease"))?;
    guarded(r)
}

impl<D: Db> SqlStore<D> {
    /// A change set to the writer, and its answer: the caches an erasure or a merge would leave stale are
    /// emptied first.
    pub(crate) async fn submit(&self, changes: ChangeSet) -> StoreResult<()> {
        if changes.ops.iter().any(|op| {
            matches!(
                op,
                Op::Trust(TrustOp::EraseSubject { .. } | TrustOp::MergeSubject { .. })
            )
        }) {
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
}
