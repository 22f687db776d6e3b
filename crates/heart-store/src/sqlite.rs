//! The SQLite adapter: one file in WAL mode, the SQL core's writer on one connection, a read-only pool.

use crate::sql::{
    SqlStore, backend, chain_keyed_now, get, id, key_the_chain, seal_legal_in_the_clear,
};
use crate::{StoreError, StoreResult, seal};
use heart_crypto::keys::Keys;
use heart_domain::ids::SubjectId;
use sqlx::Connection;
use sqlx::sqlite::{
    Sqlite, SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions,
    SqliteSynchronous,
};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The embedded store.
pub type SqliteStore = SqlStore<Sqlite>;

/// The migrations this binary knows, by version (the PostgreSQL set must match them name for name).
pub fn migration_names() -> Vec<String> {
    MIGRATOR
        .iter()
        .map(|m| format!("{:04}_{}", m.version, m.description.replace(' ', "_")))
        .collect()
}

/// The newest schema (migration number) this binary knows.
pub fn schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Copies the WAL into the database file every second from a connection of its own (PASSIVE: it never waits for
/// the writer or readers, and they never wait for it), so commits do not stall on checkpoints. Stops with the
/// store.
fn checkpointer<T: Send + Sync + 'static>(opts: SqliteConnectOptions, alive: std::sync::Weak<T>) {
    tokio::spawn(async move {
        let mut conn: Option<SqliteConnection> = None;
        let mut every = tokio::time::interval(Duration::from_secs(1));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            if alive.strong_count() == 0 {
                break;
            }
            if conn.is_none() {
                conn = SqliteConnection::connect_with(&opts).await.ok();
            }
            let Some(c) = conn.as_mut() else { continue };
            if sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&mut *c)
                .await
                .is_err()
            {
                conn = None;
            }
        }
        if let Some(c) = conn {
            let _ = c.close().await;
        }
    });
}

impl SqlStore<Sqlite> {
    /// Opens (creating if needed) `heart.db` at `path`, runs migrations, starts the writer.
    pub async fn open(path: &Path, keys: Arc<Keys>) -> StoreResult<Self> {
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Deleted content (an erased person's wrapped key) is overwritten, not left in free pages.
            .pragma("secure_delete", "ON")
            // A checkpoint inside a commit copies and fsyncs the database file and holds every write behind it
            // for tens of milliseconds, more on a slow disk: `checkpointer` copies from its own connection beside
            // the writer, and the writer lets the log start again every two seconds (`writer::restarted`). This
            // one (a log of about 160 MB) is only a safety net.
            .pragma("wal_autocheckpoint", "40000")
            // A statement's undo journal (a multi-row insert in a batch) in memory, not a new file each batch.
            .pragma("temp_store", "memory")
            .busy_timeout(Duration::from_secs(5));
        let mut conn = SqliteConnection::connect_with(&opts)
            .await
            .map_err(backend("open the database"))?;
        let keyed_now = chain_keyed_now::<Sqlite>(&mut conn, Some(&keys)).await?;
        MIGRATOR
            .run(&mut conn)
            .await
            .map_err(|e| StoreError::Backend(crate::migrate_error(&e)))?;
        key_the_chain::<Sqlite>(&mut conn, &keys, keyed_now).await?;
        if seal_legal_in_the_clear::<Sqlite>(&mut conn, &keys).await? > 0 {
            // The words in the clear must not stay behind in the write-ahead log either.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut conn)
                .await
                .map_err(backend("checkpoint"))?;
        }
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .connect_with(opts.clone().read_only(true))
            .await
            .map_err(backend("open the read pool"))?;
        let source = path.to_string_lossy().to_string();
        let store = SqlStore::start(conn, read, opts.clone(), &source, keys);
        checkpointer(opts, store.liveness());
        Ok(store)
    }

    /// Where the database file's schema stands, read without changing anything (no file: a new database).
    pub async fn schema(path: &Path) -> Result<crate::Schema, String> {
        if !path.exists() {
            return crate::Schema::of(&[], &MIGRATOR);
        }
        let opts = SqliteConnectOptions::new().filename(path).read_only(true);
        let mut conn = SqliteConnection::connect_with(&opts)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(&mut conn)
                .await
                .unwrap_or_default();
        let _ = conn.close().await;
        crate::Schema::of(&applied, &MIGRATOR)
    }

    /// A copy of the database file as it is (a consistent snapshot, `VACUUM INTO`), taken before migrations are
    /// applied to it; the file is left as it was.
    pub async fn copy_before_migrating(path: &Path, to: &Path) -> StoreResult<()> {
        let opts = SqliteConnectOptions::new().filename(path).read_only(true);
        backup(&opts, to).await
    }

    /// Whether a database file holds data keys that are not erased (so a missing key file is an error, not a
    /// fresh start).
    pub async fn holds_sealed_data(path: &Path) -> bool {
        if !path.exists() {
            return false;
        }
        let opts = SqliteConnectOptions::new().filename(path).read_only(true);
        let Ok(mut conn) = SqliteConnection::connect_with(&opts).await else {
            return false;
        };
        let n: Result<i64, _> =
            sqlx::query_scalar("SELECT COUNT(*) FROM subjects WHERE wrapped IS NOT NULL")
                .fetch_one(&mut conn)
                .await;
        let _ = conn.close().await;
        n.map(|n| n > 0).unwrap_or(false)
    }

    /// Checks a backup file without changing it: header and length, SQLite's own integrity check, and that
    /// `keys` open its data keys. Returns how many requests it holds.
    /// Erases, in a backup file taken before they were erased, the people erased since (every step of the live
    /// erasure: the data key, the sealed bytes, the blind index), in place, so the live key file no longer opens
    /// their data in it (issue 21.4). Rewrites the whole file (VACUUM) so no free page keeps a key; returns how
    /// many people it erased there (0: nothing to do, the file is left as it was).
    pub async fn scrub_backup(
        path: &Path,
        erased: &[(SubjectId, heart_domain::time::Timestamp)],
    ) -> Result<u64, String> {
        if erased.is_empty() {
            return Ok(0);
        }
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(false)
            .journal_mode(SqliteJournalMode::Delete)
            .foreign_keys(true)
            .pragma("secure_delete", "ON");
        let mut conn = SqliteConnection::connect_with(&opts)
            .await
            .map_err(|_| "the backup does not open as a database".to_string())?;
        let mut removed = 0;
        let result: Result<(), String> = async {
            sqlx::query("BEGIN IMMEDIATE")
                .execute(&mut conn)
                .await
                .map_err(|e| format!("cannot begin: {e}"))?;
            for (sid, at) in erased {
                removed += crate::sql::erase_rows::<Sqlite>(
                    &mut conn,
                    *sid,
                    *at,
                    "erased after this backup was taken",
                )
                .await
                .map_err(|e| format!("the backup is not a heart database ({e})"))?;
            }
            sqlx::query("COMMIT")
                .execute(&mut conn)
                .await
                .map_err(|e| format!("cannot write the backup: {e}"))?;
            Ok(())
        }
        .await;
        if let Err(m) = result {
            let _ = sqlx::query("ROLLBACK").execute(&mut conn).await;
            let _ = conn.close().await;
            return Err(m);
        }
        if removed > 0 {
            sqlx::query("VACUUM")
                .execute(&mut conn)
                .await
                .map_err(|e| format!("cannot rewrite the backup: {e}"))?;
        }
        let _ = conn.close().await;
        Ok(removed)
    }

    pub async fn check_backup(path: &Path, keys: &Keys) -> Result<i64, String> {
        use std::io::Read;
        let mut header = [0u8; 100];
        let len = std::fs::metadata(path)
            .map_err(|e| format!("cannot read the backup: {}", e.kind()))?
            .len();
        let mut f = std::fs::File::open(path)
            .map_err(|e| format!("cannot read the backup: {}", e.kind()))?;
        let got = f
            .read(&mut header)
            .map_err(|e| format!("cannot read the backup: {}", e.kind()))?;
        crate::backup::check_header(&header[..got], len).map_err(|e| e.to_string())?;
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .immutable(true);
        let mut conn = SqliteConnection::connect_with(&opts)
            .await
            .map_err(|_| "the backup does not open as a database".to_string())?;
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .map_err(|_| "the backup fails SQLite's integrity check".to_string())?;
        if check != "ok" {
            return Err("the backup fails SQLite's integrity check".into());
        }
        let requests: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests")
            .fetch_one(&mut conn)
            .await
            .map_err(|_| "the backup is not a heart database".to_string())?;
        let row = sqlx::query(
            "SELECT id, kek_id, wrapped FROM subjects WHERE wrapped IS NOT NULL ORDER BY created_at DESC LIMIT 1",
        )
        .fetch_optional(&mut conn)
        .await
        .map_err(|_| "the backup is from a heart without sealed data".to_string())?;
        let _ = conn.close().await;
        if let Some(row) = row {
            let sid: SubjectId = id(&row, "id").map_err(|e| e.to_string())?;
            let kek: i64 = get(&row, "kek_id").map_err(|e| e.to_string())?;
            let wrapped: Vec<u8> = get(&row, "wrapped").map_err(|e| e.to_string())?;
            if seal::unwrap_key(keys, sid, kek as u32, wrapped).is_err() {
                return Err("the key file does not open this backup's data keys".into());
            }
        }
        Ok(requests)
    }
}

/// VACUUM INTO writes a consistent snapshot (one read transaction) while writers go on.
pub(crate) async fn backup(opts: &SqliteConnectOptions, to: &Path) -> Result<(), StoreError> {
    let target = to
        .to_str()
        .ok_or_else(|| StoreError::Backend("the backup path is not UTF-8".into()))?;
    let mut conn = SqliteConnection::connect_with(opts)
        .await
        .map_err(backend("open the database"))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut conn)
        .await
        .map_err(backend("back up"))?;
    let _ = conn.close().await;
    Ok(())
}
