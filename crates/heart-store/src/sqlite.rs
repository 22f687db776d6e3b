//! The SQLite adapter: WAL, one writer task with group commit, a read-only pool.
//!
//! Writes go to one task that owns the only write connection. It drains up to `MAX_BATCH` queued change sets into
//! one `BEGIN IMMEDIATE` transaction, each inside its own savepoint (so one refused change set does not undo the
//! others), commits once, and only then answers each caller. A change answered `Ok` is committed.

use crate::model::*;
use crate::{Store, StoreError, StoreResult};
use async_trait::async_trait;
use heart_domain::access::Capabilities;
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::{Timestamp, from_micros, to_micros};
use heart_domain::triage::{Outcome, Triage};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteRow, SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, Connection, Executor, Row};
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// At most this many change sets share one transaction.
pub const MAX_BATCH: usize = 256;

struct Job {
    changes: ChangeSet,
    reply: oneshot::Sender<StoreResult<()>>,
}

/// The embedded store.
pub struct SqliteStore {
    read: SqlitePool,
    writer: mpsc::Sender<Job>,
}

fn backend(context: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| {
        // sqlx errors name the statement's failure, never bound values.
        tracing::error!(error = %e, context, "sqlite");
        StoreError::Backend(context.to_string())
    }
}

impl SqliteStore {
    /// Opens (creating if needed) `heart.db` at `path`, runs migrations, starts the writer.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let mut conn = SqliteConnection::connect_with(&opts)
            .await
            .map_err(backend("open the database"))?;
        MIGRATOR
            .run(&mut conn)
            .await
            .map_err(|e| StoreError::Backend(format!("migrations failed: {e}")))?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .connect_with(opts.clone().read_only(true))
            .await
            .map_err(backend("open the read pool"))?;
        let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(writer_loop(conn, opts.clone(), rx));
        Ok(SqliteStore { read, writer: tx })
    }
}

async fn writer_loop(
    mut conn: SqliteConnection,
    opts: SqliteConnectOptions,
    mut rx: mpsc::Receiver<Job>,
) {
    let mut batch: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    while let Some(job) = rx.recv().await {
        batch.push(job);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let (results, healthy) = write_batch(&mut conn, &batch).await;
        for (job, result) in batch.drain(..).zip(results) {
            let _ = job.reply.send(result);
        }
        if !healthy {
            // The connection could not even roll back: start afresh rather than fail every later write.
            match SqliteConnection::connect_with(&opts).await {
                Ok(fresh) => conn = fresh,
                Err(e) => tracing::error!(error = %e, "sqlite writer could not reconnect"),
            }
        }
    }
    let _ = conn.close().await;
}

async fn exec(conn: &mut SqliteConnection, sql: &'static str) -> Result<(), sqlx::Error> {
    conn.execute(sql).await.map(|_| ())
}

/// Writes a batch. Returns each change set's result, and whether the connection is still usable.
async fn write_batch(conn: &mut SqliteConnection, jobs: &[Job]) -> (Vec<StoreResult<()>>, bool) {
    // Fast path: the whole batch in one transaction with multi-row INSERTs. Any refusal (a taken name, a stale
    // version) rolls it back, and the batch is written again change set by change set, each in a savepoint.
    if jobs.len() > 1 && exec(conn, "BEGIN IMMEDIATE").await.is_ok() {
        match write_fast(conn, jobs).await {
            Ok(()) if exec(conn, "COMMIT").await.is_ok() => {
                return (jobs.iter().map(|_| Ok(())).collect(), true);
            }
            _ => {
                if exec(conn, "ROLLBACK").await.is_err() {
                    let e = StoreError::Backend("rollback".into());
                    return (jobs.iter().map(|_| Err(clone_err(&e))).collect(), false);
                }
            }
        }
    }
    write_each(conn, jobs).await
}

/// Column lists of the tables written in bulk.
const REQUEST_COLS: &str = "created_at, updated_at, channel, requester, summary, location_text, lat, lon, \
     location_withheld, contact_name, contact_phone, safe_text, safe_voicemail, safe_call, safe_hours, code_word, \
     language, answers, triage_outcome, priority, triage_rule, rationale, ems_reason, ems_consent, status, team_id, \
     outcome, id";
const REQUEST_NCOLS: usize = 28;
const TRANSITION_COLS: &str = "request_id, from_status, to_status, team_id, at, actor";
const AUDIT_COLS: &str = "id, at, actor, action, record_kind, record_id, detail";

/// `INSERT INTO t (cols) VALUES (?,..)[,(..)]` for `rows` rows; cached, since there are few shapes (powers of two).
fn multi_insert(
    table: &'static str,
    cols: &'static str,
    ncols: usize,
    extra: &'static str,
    rows: usize,
) -> Arc<str> {
    type Shapes = Mutex<HashMap<(&'static str, usize), Arc<str>>>;
    static CACHE: OnceLock<Shapes> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = match cache.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry((table, rows))
        .or_insert_with(|| {
            let one = format!("({}{extra})", vec!["?"; ncols].join(","));
            let extra_cols = if extra.is_empty() { "" } else { ", version" };
            Arc::from(format!(
                "INSERT INTO {table} ({cols}{extra_cols}) VALUES {}",
                vec![one; rows].join(",")
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

async fn write_fast(conn: &mut SqliteConnection, jobs: &[Job]) -> StoreResult<()> {
    let mut requests = Vec::new();
    let mut transitions = Vec::new();
    let mut audits = Vec::new();
    let mut others = Vec::new();
    for job in jobs {
        for op in &job.changes.ops {
            match op {
                Op::InsertRequest(r) => requests.push(r),
                Op::InsertTransition(t) => transitions.push(t),
                other => others.push(other),
            }
        }
        audits.extend(job.changes.audit.iter());
    }
    // Parents before children: requests, then the rest in order, then transitions and audit entries.
    let mut i = 0;
    for n in chunks(requests.len()) {
        let sql = multi_insert("requests", REQUEST_COLS, REQUEST_NCOLS, ",1", n);
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for r in &requests[i..i + n] {
            q = bind_request(q, r);
        }
        q.execute(&mut *conn).await.map_err(write_err("request"))?;
        i += n;
    }
    for op in others {
        apply_op(conn, op).await?;
    }
    let mut i = 0;
    for n in chunks(transitions.len()) {
        let mut q = sqlx::query(AssertSqlSafe(multi_insert(
            "request_transitions",
            TRANSITION_COLS,
            6,
            "",
            n,
        )));
        for t in &transitions[i..i + n] {
            q = bind_transition(q, t);
        }
        q.execute(&mut *conn)
            .await
            .map_err(write_err("transition"))?;
        i += n;
    }
    let mut i = 0;
    for n in chunks(audits.len()) {
        let mut q = sqlx::query(AssertSqlSafe(multi_insert(
            "audit_log",
            AUDIT_COLS,
            7,
            "",
            n,
        )));
        for a in &audits[i..i + n] {
            q = bind_audit(q, a);
        }
        q.execute(&mut *conn)
            .await
            .map_err(write_err("audit entry"))?;
        i += n;
    }
    Ok(())
}

/// One savepoint per change set: a refused change set (a taken name, a stale version, a broken rule) is undone
/// alone. A failure of the database itself (I/O, a full disk) may have rolled the whole transaction back, so it
/// fails the whole batch: every caller is told, and nothing is half-written or committed behind an error.
async fn write_each(conn: &mut SqliteConnection, jobs: &[Job]) -> (Vec<StoreResult<()>>, bool) {
    let fail_all = |e: StoreError| jobs.iter().map(|_| Err(clone_err(&e))).collect::<Vec<_>>();
    if exec(conn, "BEGIN IMMEDIATE").await.is_err() {
        // Perhaps a transaction was left open: close it and try once more.
        let _ = exec(conn, "ROLLBACK").await;
        if let Err(e) = exec(conn, "BEGIN IMMEDIATE").await {
            return (fail_all(backend("begin")(e)), false);
        }
    }
    let mut results = Vec::with_capacity(jobs.len());
    let mut fatal = None;
    for job in jobs {
        if let Err(e) = exec(conn, "SAVEPOINT change_set").await {
            fatal = Some(backend("savepoint")(e));
            break;
        }
        match apply_changes(conn, &job.changes).await {
            Ok(()) => {
                if let Err(e) = exec(conn, "RELEASE change_set").await {
                    fatal = Some(backend("release")(e));
                    break;
                }
                results.push(Ok(()));
            }
            Err(e @ StoreError::Backend(_)) => {
                fatal = Some(e);
                break;
            }
            Err(e) => {
                let undone = exec(conn, "ROLLBACK TO change_set").await.is_ok()
                    && exec(conn, "RELEASE change_set").await.is_ok();
                if !undone {
                    fatal = Some(StoreError::Backend("rollback to savepoint".into()));
                    break;
                }
                results.push(Err(e));
            }
        }
    }
    if let Some(e) = fatal {
        let healthy = exec(conn, "ROLLBACK").await.is_ok();
        return (fail_all(e), healthy);
    }
    if let Err(e) = exec(conn, "COMMIT").await {
        let healthy = exec(conn, "ROLLBACK").await.is_ok();
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
    }
}

fn write_err(what: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
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

fn guarded(rows: u64) -> StoreResult<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict)
    }
}

fn us(t: Timestamp) -> i64 {
    to_micros(t)
}
fn us_opt(t: Option<Timestamp>) -> Option<i64> {
    t.map(to_micros)
}
fn id_opt<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

async fn apply_changes(conn: &mut SqliteConnection, cs: &ChangeSet) -> StoreResult<()> {
    for op in &cs.ops {
        apply_op(conn, op).await?;
    }
    for a in &cs.audit {
        bind_audit(sqlx::query("INSERT INTO audit_log (id, at, actor, action, record_kind, record_id, detail) VALUES (?,?,?,?,?,?,?)"), a)
            .execute(&mut *conn)
            .await
            .map_err(write_err("audit entry"))?;
    }
    Ok(())
}

async fn apply_op(conn: &mut SqliteConnection, op: &Op) -> StoreResult<()> {
    match op {
        Op::InsertUser(u) => {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, password_hash, capabilities, team_id, active, \
                 setup_token_hash, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            )
            .bind(u.id.to_string())
            .bind(&u.username)
            .bind(&u.display_name)
            .bind(&u.password_hash)
            .bind(u.capabilities.to_list())
            .bind(id_opt(&u.team_id))
            .bind(u.active)
            .bind(&u.setup_token_hash)
            .bind(us(u.created_at))
            .execute(&mut *conn)
            .await
            .map_err(write_err("username"))?;
        }
        Op::UpdateUser(u) => {
            let r = sqlx::query(
                "UPDATE users SET username = ?, display_name = ?, password_hash = ?, capabilities = ?, team_id = ?, \
                 active = ?, setup_token_hash = ? WHERE id = ?",
            )
            .bind(&u.username)
            .bind(&u.display_name)
            .bind(&u.password_hash)
            .bind(u.capabilities.to_list())
            .bind(id_opt(&u.team_id))
            .bind(u.active)
            .bind(&u.setup_token_hash)
            .bind(u.id.to_string())
            .execute(&mut *conn)
            .await
            .map_err(write_err("username"))?;
            if r.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
        }
        Op::SetUserTeam { user, team } => {
            let r = sqlx::query("UPDATE users SET team_id = ? WHERE id = ?")
                .bind(id_opt(team))
                .bind(user.to_string())
                .execute(&mut *conn)
                .await
                .map_err(write_err("user team"))?;
            if r.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
        }
        Op::SetPasswordBySetup {
            setup_token_hash,
            password_hash,
        } => {
            let r = sqlx::query(
                "UPDATE users SET password_hash = ?, setup_token_hash = NULL WHERE setup_token_hash = ?",
            )
            .bind(password_hash)
            .bind(setup_token_hash)
            .execute(&mut *conn)
            .await
            .map_err(write_err("password"))?;
            // Used by someone else meanwhile: this use is refused.
            guarded(r.rows_affected())?;
        }
        Op::InsertToken(t) => {
            sqlx::query(
                "INSERT INTO api_tokens (id, name, token_hash, capabilities, created_at, revoked_at) \
                 VALUES (?,?,?,?,?,?)",
            )
            .bind(t.id.to_string())
            .bind(&t.name)
            .bind(&t.token_hash)
            .bind(t.capabilities.to_list())
            .bind(us(t.created_at))
            .bind(us_opt(t.revoked_at))
            .execute(&mut *conn)
            .await
            .map_err(write_err("token"))?;
        }
        Op::InsertSession(s) => {
            sqlx::query("INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?,?,?,?,?)")
                .bind(&s.id_hash)
                .bind(s.user_id.to_string())
                .bind(&s.csrf)
                .bind(us(s.created_at))
                .bind(us(s.expires_at))
                .execute(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        Op::DeleteSession(h) => {
            sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
                .bind(h)
                .execute(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        Op::InsertTeam(t) => {
            sqlx::query(
                "INSERT INTO teams (id, name, status, status_at, lat, lon, checkin_at, version) VALUES (?,?,?,?,?,?,?,1)",
            )
            .bind(t.id.to_string())
            .bind(&t.name)
            .bind(t.status.as_str())
            .bind(us(t.status_at))
            .bind(t.lat)
            .bind(t.lon)
            .bind(us_opt(t.checkin_at))
            .execute(&mut *conn)
            .await
            .map_err(write_err("team name"))?;
        }
        Op::UpdateTeam(t) => {
            let r = sqlx::query(
                "UPDATE teams SET name = ?, status = ?, status_at = ?, lat = ?, lon = ?, checkin_at = ?, \
                 version = version + 1 WHERE id = ? AND version = ?",
            )
            .bind(&t.name)
            .bind(t.status.as_str())
            .bind(us(t.status_at))
            .bind(t.lat)
            .bind(t.lon)
            .bind(us_opt(t.checkin_at))
            .bind(t.id.to_string())
            .bind(t.version)
            .execute(&mut *conn)
            .await
            .map_err(write_err("team name"))?;
            guarded(r.rows_affected())?;
        }
        Op::InsertShift(s) => {
            sqlx::query("INSERT INTO shifts (id, team_id, starts_at, ends_at) VALUES (?,?,?,?)")
                .bind(s.id.to_string())
                .bind(s.team_id.to_string())
                .bind(us(s.starts_at))
                .bind(us(s.ends_at))
                .execute(&mut *conn)
                .await
                .map_err(write_err("shift"))?;
        }
        Op::InsertRequest(r) => {
            bind_request(sqlx::query(
                "INSERT INTO requests (created_at, updated_at, channel, requester, summary, location_text, lat, lon, \
                 location_withheld, contact_name, contact_phone, safe_text, safe_voicemail, safe_call, safe_hours, \
                 code_word, language, answers, triage_outcome, priority, triage_rule, rationale, ems_reason, \
                 ems_consent, status, team_id, outcome, id, version) \
                 VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
            ), r)
            .execute(&mut *conn)
            .await
            .map_err(write_err("request"))?;
        }
        Op::UpdateRequest(r) => {
            let res = bind_request(sqlx::query(
                "UPDATE requests SET created_at = ?, updated_at = ?, channel = ?, requester = ?, summary = ?, \
                 location_text = ?, lat = ?, lon = ?, location_withheld = ?, contact_name = ?, contact_phone = ?, \
                 safe_text = ?, safe_voicemail = ?, safe_call = ?, safe_hours = ?, code_word = ?, language = ?, \
                 answers = ?, triage_outcome = ?, priority = ?, triage_rule = ?, rationale = ?, ems_reason = ?, \
                 ems_consent = ?, status = ?, team_id = ?, outcome = ?, version = version + 1 \
                 WHERE id = ? AND version = ?",
            ), r)
            .bind(r.version)
            .execute(&mut *conn)
            .await
            .map_err(write_err("request"))?;
            guarded(res.rows_affected())?;
        }
        Op::InsertTransition(t) => {
            bind_transition(
                sqlx::query(
                    "INSERT INTO request_transitions (request_id, from_status, to_status, team_id, at, actor) \
                     VALUES (?,?,?,?,?,?)",
                ),
                t,
            )
            .execute(&mut *conn)
            .await
            .map_err(write_err("transition"))?;
        }
        Op::InsertEncounter(e) => {
            let needs: Vec<&str> = e.needs.iter().map(|n| n.as_str()).collect();
            sqlx::query(
                "INSERT INTO encounters (id, request_id, team_id, needs, actions, own_words, outcome, \
                 follow_up_consent, follow_up_method, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            )
            .bind(e.id.to_string())
            .bind(e.request_id.to_string())
            .bind(id_opt(&e.team_id))
            .bind(needs.join(","))
            .bind(&e.actions)
            .bind(&e.own_words)
            .bind(e.outcome.as_str())
            .bind(e.follow_up_consent)
            .bind(e.follow_up_method.map(FollowUpMethod::as_str))
            .bind(us(e.created_at))
            .bind(&e.created_by)
            .execute(&mut *conn)
            .await
            .map_err(write_err("encounter"))?;
        }
        Op::InsertFollowUp(f) => {
            sqlx::query(
                "INSERT INTO follow_ups (id, request_id, encounter_id, due_at, method, done_at, done_note, done_by, \
                 version) VALUES (?,?,?,?,?,?,?,?,1)",
            )
            .bind(f.id.to_string())
            .bind(f.request_id.to_string())
            .bind(id_opt(&f.encounter_id))
            .bind(us(f.due_at))
            .bind(f.method.map(FollowUpMethod::as_str))
            .bind(us_opt(f.done_at))
            .bind(&f.done_note)
            .bind(&f.done_by)
            .execute(&mut *conn)
            .await
            .map_err(write_err("follow-up"))?;
        }
        Op::UpdateFollowUp(f) => {
            let r = sqlx::query(
                "UPDATE follow_ups SET due_at = ?, method = ?, done_at = ?, done_note = ?, done_by = ?, \
                 version = version + 1 WHERE id = ? AND version = ?",
            )
            .bind(us(f.due_at))
            .bind(f.method.map(FollowUpMethod::as_str))
            .bind(us_opt(f.done_at))
            .bind(&f.done_note)
            .bind(&f.done_by)
            .bind(f.id.to_string())
            .bind(f.version)
            .execute(&mut *conn)
            .await
            .map_err(write_err("follow-up"))?;
            guarded(r.rows_affected())?;
        }
        Op::InsertAlert(a) => {
            sqlx::query(
                "INSERT INTO alerts (id, kind, team_id, request_id, lat, lon, created_at, cleared_at, cleared_by) \
                 VALUES (?,?,?,?,?,?,?,?,?)",
            )
            .bind(a.id.to_string())
            .bind(a.kind.as_str())
            .bind(a.team_id.to_string())
            .bind(id_opt(&a.request_id))
            .bind(a.lat)
            .bind(a.lon)
            .bind(us(a.created_at))
            .bind(us_opt(a.cleared_at))
            .bind(&a.cleared_by)
            .execute(&mut *conn)
            .await
            .map_err(write_err("alert"))?;
        }
        Op::UpdateAlert(a) => {
            let r = sqlx::query("UPDATE alerts SET cleared_at = ?, cleared_by = ? WHERE id = ? AND cleared_at IS NULL")
                .bind(us_opt(a.cleared_at))
                .bind(&a.cleared_by)
                .bind(a.id.to_string())
                .execute(&mut *conn)
                .await
                .map_err(write_err("alert"))?;
            guarded(r.rows_affected())?;
        }
    }
    Ok(())
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>;

fn bind_transition<'q>(q: Query<'q>, t: &'q TransitionRow) -> Query<'q> {
    q.bind(t.request_id.to_string())
        .bind(t.from.map(Status::as_str))
        .bind(t.to.as_str())
        .bind(id_opt(&t.team_id))
        .bind(us(t.at))
        .bind(&t.actor)
}

fn bind_audit<'q>(q: Query<'q>, a: &'q AuditEntry) -> Query<'q> {
    q.bind(a.id.to_string())
        .bind(us(a.at))
        .bind(&a.actor)
        .bind(&a.action)
        .bind(&a.record_kind)
        .bind(&a.record_id)
        .bind(&a.detail)
}

fn bind_request<'q>(q: Query<'q>, r: &'q RequestRow) -> Query<'q> {
    let answers = serde_json::to_string(&r.answers).unwrap_or_else(|_| "{}".into());
    q.bind(us(r.created_at))
        .bind(us(r.updated_at))
        .bind(r.channel.as_str())
        .bind(r.requester.as_str())
        .bind(&r.summary)
        .bind(&r.location.text)
        .bind(r.location.lat)
        .bind(r.location.lon)
        .bind(r.location.withheld)
        .bind(&r.contact.name)
        .bind(&r.contact.phone)
        .bind(r.safe_contact.text_ok)
        .bind(r.safe_contact.voicemail_ok)
        .bind(r.safe_contact.call_ok)
        .bind(&r.safe_contact.hours)
        .bind(&r.safe_contact.code_word)
        .bind(&r.language)
        .bind(answers)
        .bind(r.triage.outcome.as_str())
        .bind(r.triage.priority.map(i64::from))
        .bind(&r.triage.rule)
        .bind(&r.triage.rationale)
        .bind(&r.ems_reason)
        .bind(&r.ems_consent)
        .bind(r.status.as_str())
        .bind(id_opt(&r.team_id))
        .bind(r.outcome.map(CloseOutcome::as_str))
        .bind(r.id.to_string())
}

// ---- decoding ----

fn corrupt(what: &'static str) -> StoreError {
    StoreError::Backend(format!("unreadable {what} in the database"))
}

fn get<'r, T>(row: &'r SqliteRow, col: &'static str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(col).map_err(|_| corrupt(col))
}

fn id<T: FromStr>(row: &SqliteRow, col: &'static str) -> StoreResult<T> {
    get::<String>(row, col)?.parse().map_err(|_| corrupt(col))
}

fn id_o<T: FromStr>(row: &SqliteRow, col: &'static str) -> StoreResult<Option<T>> {
    match get::<Option<String>>(row, col)? {
        Some(s) => s.parse().map(Some).map_err(|_| corrupt(col)),
        None => Ok(None),
    }
}

fn ts(row: &SqliteRow, col: &'static str) -> StoreResult<Timestamp> {
    Ok(from_micros(get::<i64>(row, col)?))
}

fn ts_o(row: &SqliteRow, col: &'static str) -> StoreResult<Option<Timestamp>> {
    Ok(get::<Option<i64>>(row, col)?.map(from_micros))
}

fn enum_of<T>(row: &SqliteRow, col: &'static str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(&get::<String>(row, col)?).ok_or_else(|| corrupt(col))
}

fn caps(row: &SqliteRow) -> StoreResult<Capabilities> {
    Capabilities::parse_list(&get::<String>(row, "capabilities")?)
        .map_err(|_| corrupt("capabilities"))
}

fn user_row(row: &SqliteRow) -> StoreResult<UserRow> {
    Ok(UserRow {
        id: id(row, "id")?,
        username: get(row, "username")?,
        display_name: get(row, "display_name")?,
        password_hash: get(row, "password_hash")?,
        capabilities: caps(row)?,
        team_id: id_o(row, "team_id")?,
        active: get(row, "active")?,
        setup_token_hash: get(row, "setup_token_hash")?,
        created_at: ts(row, "created_at")?,
    })
}

fn team_row(row: &SqliteRow) -> StoreResult<TeamRow> {
    Ok(TeamRow {
        id: id(row, "id")?,
        name: get(row, "name")?,
        status: enum_of(row, "status", TeamStatus::parse)?,
        status_at: ts(row, "status_at")?,
        lat: get(row, "lat")?,
        lon: get(row, "lon")?,
        checkin_at: ts_o(row, "checkin_at")?,
        version: get(row, "version")?,
    })
}

fn shift_row(row: &SqliteRow) -> StoreResult<ShiftRow> {
    Ok(ShiftRow {
        id: id(row, "id")?,
        team_id: id(row, "team_id")?,
        starts_at: ts(row, "starts_at")?,
        ends_at: ts(row, "ends_at")?,
    })
}

fn request_row(row: &SqliteRow) -> StoreResult<RequestRow> {
    let answers: String = get(row, "answers")?;
    let priority: Option<i64> = get(row, "priority")?;
    Ok(RequestRow {
        id: id(row, "id")?,
        created_at: ts(row, "created_at")?,
        updated_at: ts(row, "updated_at")?,
        channel: enum_of(row, "channel", Channel::parse)?,
        requester: enum_of(row, "requester", Requester::parse)?,
        summary: get(row, "summary")?,
        location: Location {
            text: get(row, "location_text")?,
            lat: get(row, "lat")?,
            lon: get(row, "lon")?,
            withheld: get(row, "location_withheld")?,
        },
        contact: Contact {
            name: get(row, "contact_name")?,
            phone: get(row, "contact_phone")?,
        },
        safe_contact: SafeContact {
            text_ok: get(row, "safe_text")?,
            voicemail_ok: get(row, "safe_voicemail")?,
            call_ok: get(row, "safe_call")?,
            hours: get(row, "safe_hours")?,
            code_word: get(row, "code_word")?,
        },
        language: get(row, "language")?,
        answers: serde_json::from_str(&answers).map_err(|_| corrupt("answers"))?,
        triage: Triage {
            outcome: enum_of(row, "triage_outcome", Outcome::parse)?,
            priority: priority.and_then(|p| u8::try_from(p).ok()),
            rule: get(row, "triage_rule")?,
            rationale: get(row, "rationale")?,
        },
        ems_reason: get(row, "ems_reason")?,
        ems_consent: get(row, "ems_consent")?,
        status: enum_of(row, "status", Status::parse)?,
        team_id: id_o(row, "team_id")?,
        outcome: match get::<Option<String>>(row, "outcome")? {
            Some(o) => Some(CloseOutcome::parse(&o).ok_or_else(|| corrupt("outcome"))?),
            None => None,
        },
        version: get(row, "version")?,
    })
}

fn transition_row(row: &SqliteRow) -> StoreResult<TransitionRow> {
    Ok(TransitionRow {
        request_id: id(row, "request_id")?,
        from: get::<Option<String>>(row, "from_status")?.and_then(|s| Status::parse(&s)),
        to: enum_of(row, "to_status", Status::parse)?,
        team_id: id_o(row, "team_id")?,
        at: ts(row, "at")?,
        actor: get(row, "actor")?,
    })
}

fn encounter_row(row: &SqliteRow) -> StoreResult<EncounterRow> {
    let needs: String = get(row, "needs")?;
    Ok(EncounterRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        team_id: id_o(row, "team_id")?,
        needs: needs.split(',').filter_map(Need::parse).collect(),
        actions: get(row, "actions")?,
        own_words: get(row, "own_words")?,
        outcome: enum_of(row, "outcome", CloseOutcome::parse)?,
        follow_up_consent: get(row, "follow_up_consent")?,
        follow_up_method: get::<Option<String>>(row, "follow_up_method")?
            .and_then(|m| FollowUpMethod::parse(&m)),
        created_at: ts(row, "created_at")?,
        created_by: get(row, "created_by")?,
    })
}

fn follow_up_row(row: &SqliteRow) -> StoreResult<FollowUpRow> {
    Ok(FollowUpRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        encounter_id: id_o(row, "encounter_id")?,
        due_at: ts(row, "due_at")?,
        method: get::<Option<String>>(row, "method")?.and_then(|m| FollowUpMethod::parse(&m)),
        done_at: ts_o(row, "done_at")?,
        done_note: get(row, "done_note")?,
        done_by: get(row, "done_by")?,
        version: get(row, "version")?,
    })
}

fn alert_row(row: &SqliteRow) -> StoreResult<AlertRow> {
    Ok(AlertRow {
        id: id(row, "id")?,
        kind: enum_of(row, "kind", AlertKind::parse)?,
        team_id: id(row, "team_id")?,
        request_id: id_o(row, "request_id")?,
        lat: get(row, "lat")?,
        lon: get(row, "lon")?,
        created_at: ts(row, "created_at")?,
        cleared_at: ts_o(row, "cleared_at")?,
        cleared_by: get(row, "cleared_by")?,
    })
}

fn audit_row(row: &SqliteRow) -> StoreResult<AuditRow> {
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

fn all<T>(rows: Vec<SqliteRow>, f: Decode<T>) -> StoreResult<Vec<T>> {
    rows.iter().map(f).collect()
}

fn one<T>(row: Option<SqliteRow>, f: Decode<T>) -> StoreResult<Option<T>> {
    row.as_ref().map(f).transpose()
}

impl SqliteStore {
    /// At most one row by a single key.
    async fn find<T, K>(
        &self,
        sql: &'static str,
        key: K,
        what: &'static str,
        f: Decode<T>,
    ) -> StoreResult<Option<T>>
    where
        K: 'static + Send + for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
    {
        let r = sqlx::query(sql)
            .bind(key)
            .fetch_optional(&self.read)
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
        f: Decode<T>,
    ) -> StoreResult<Vec<T>>
    where
        K: 'static + Send + for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
    {
        let r = sqlx::query(sql)
            .bind(key)
            .fetch_all(&self.read)
            .await
            .map_err(backend(what))?;
        all(r, f)
    }

    /// Every row of a query without parameters.
    async fn list<T>(
        &self,
        sql: &'static str,
        what: &'static str,
        f: Decode<T>,
    ) -> StoreResult<Vec<T>> {
        let r = sqlx::query(sql)
            .fetch_all(&self.read)
            .await
            .map_err(backend(what))?;
        all(r, f)
    }
}

/// Turns a database row into a model row.
type Decode<T> = fn(&SqliteRow) -> StoreResult<T>;

#[async_trait]
impl Store for SqliteStore {
    async fn apply(&self, changes: ChangeSet) -> StoreResult<()> {
        let (reply, rx) = oneshot::channel();
        self.writer
            .send(Job { changes, reply })
            .await
            .map_err(|_| StoreError::Backend("the writer has stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Backend("the writer has stopped".into()))?
    }

    async fn user(&self, uid: UserId) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE id = ?",
            uid.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn user_by_username(&self, username: &str) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE username = ?",
            username.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn user_by_setup_token(&self, token_hash: &str) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE setup_token_hash = ?",
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
            "SELECT * FROM api_tokens WHERE token_hash = ?",
            token_hash.to_string(),
            "read token",
            |row| {
                Ok(TokenRow {
                    id: id(row, "id")?,
                    name: get(row, "name")?,
                    token_hash: get(row, "token_hash")?,
                    capabilities: caps(row)?,
                    created_at: ts(row, "created_at")?,
                    revoked_at: ts_o(row, "revoked_at")?,
                })
            },
        )
        .await
    }

    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRow>> {
        self.find(
            "SELECT * FROM sessions WHERE id_hash = ?",
            id_hash.to_string(),
            "read session",
            |row| {
                Ok(SessionRow {
                    id_hash: get(row, "id_hash")?,
                    user_id: id(row, "user_id")?,
                    csrf: get(row, "csrf")?,
                    created_at: ts(row, "created_at")?,
                    expires_at: ts(row, "expires_at")?,
                })
            },
        )
        .await
    }

    async fn team(&self, tid: TeamId) -> StoreResult<Option<TeamRow>> {
        self.find(
            "SELECT * FROM teams WHERE id = ?",
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
        let r = sqlx::query(
            "SELECT * FROM shifts WHERE starts_at <= ? AND ends_at > ? ORDER BY starts_at",
        )
        .bind(us(at))
        .bind(us(at))
        .fetch_all(&self.read)
        .await
        .map_err(backend("read shifts"))?;
        all(r, shift_row)
    }

    async fn shifts_from(&self, from: Timestamp) -> StoreResult<Vec<ShiftRow>> {
        self.find_all(
            "SELECT * FROM shifts WHERE ends_at > ? ORDER BY starts_at LIMIT 200",
            us(from),
            "read shifts",
            shift_row,
        )
        .await
    }

    async fn request(&self, rid: RequestId) -> StoreResult<Option<RequestRow>> {
        self.find(
            "SELECT * FROM requests WHERE id = ?",
            rid.to_string(),
            "read request",
            request_row,
        )
        .await
    }

    async fn open_requests(&self) -> StoreResult<Vec<RequestRow>> {
        self.list("SELECT * FROM requests WHERE status NOT IN ('closed', 'cancelled') ORDER BY created_at", "read requests", request_row).await
    }

    async fn recent_requests(&self, limit: i64) -> StoreResult<Vec<RequestRow>> {
        self.find_all(
            "SELECT * FROM requests ORDER BY created_at DESC LIMIT ?",
            limit,
            "read requests",
            request_row,
        )
        .await
    }

    async fn requests_with_status(
        &self,
        status: Status,
        limit: i64,
    ) -> StoreResult<Vec<RequestRow>> {
        let r =
            sqlx::query("SELECT * FROM requests WHERE status = ? ORDER BY created_at DESC LIMIT ?")
                .bind(status.as_str())
                .bind(limit)
                .fetch_all(&self.read)
                .await
                .map_err(backend("read requests"))?;
        all(r, request_row)
    }

    async fn team_request(&self, team: TeamId) -> StoreResult<Option<RequestRow>> {
        let r = sqlx::query(
            "SELECT * FROM requests WHERE team_id = ? AND status IN ('assigned', 'en_route', 'on_scene') \
             ORDER BY created_at LIMIT 1",
        )
        .bind(team.to_string())
        .fetch_optional(&self.read)
        .await
        .map_err(backend("read requests"))?;
        one(r, request_row)
    }

    async fn transitions(&self, request: RequestId) -> StoreResult<Vec<TransitionRow>> {
        self.find_all(
            "SELECT * FROM request_transitions WHERE request_id = ? ORDER BY seq",
            request.to_string(),
            "read transitions",
            transition_row,
        )
        .await
    }

    async fn encounters(&self, request: RequestId) -> StoreResult<Vec<EncounterRow>> {
        self.find_all(
            "SELECT * FROM encounters WHERE request_id = ? ORDER BY created_at",
            request.to_string(),
            "read encounters",
            encounter_row,
        )
        .await
    }

    async fn follow_up(&self, fid: FollowUpId) -> StoreResult<Option<FollowUpRow>> {
        self.find(
            "SELECT * FROM follow_ups WHERE id = ?",
            fid.to_string(),
            "read follow-up",
            follow_up_row,
        )
        .await
    }

    async fn open_follow_ups(&self) -> StoreResult<Vec<FollowUpRow>> {
        self.list(
            "SELECT * FROM follow_ups WHERE done_at IS NULL ORDER BY due_at",
            "read follow-ups",
            follow_up_row,
        )
        .await
    }

    async fn follow_ups_for(&self, request: RequestId) -> StoreResult<Vec<FollowUpRow>> {
        self.find_all(
            "SELECT * FROM follow_ups WHERE request_id = ? ORDER BY due_at",
            request.to_string(),
            "read follow-ups",
            follow_up_row,
        )
        .await
    }

    async fn alert(&self, aid: AlertId) -> StoreResult<Option<AlertRow>> {
        self.find(
            "SELECT * FROM alerts WHERE id = ?",
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
        let r = sqlx::query(
            "SELECT * FROM audit_log WHERE record_kind = ? AND record_id = ? ORDER BY seq",
        )
        .bind(record_kind)
        .bind(record_id)
        .fetch_all(&self.read)
        .await
        .map_err(backend("read audit"))?;
        all(r, audit_row)
    }

    async fn audit_count(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&self.read)
            .await
            .map_err(backend("read audit"))
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM requests)",
        )
        .fetch_one(&self.read)
        .await
        .map_err(backend("read counts"))?;
        Ok(n == 0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunks_are_powers_of_two_up_to_64() {
        assert_eq!(super::chunks(0), Vec::<usize>::new());
        assert_eq!(super::chunks(1), vec![1]);
        assert_eq!(super::chunks(7), vec![4, 2, 1]);
        assert_eq!(super::chunks(130), vec![64, 64, 2]);
        let sql = super::multi_insert("audit_log", super::AUDIT_COLS, 7, "", 2);
        assert!(
            sql.ends_with("VALUES (?,?,?,?,?,?,?),(?,?,?,?,?,?,?)"),
            "{sql}"
        );
    }
}
