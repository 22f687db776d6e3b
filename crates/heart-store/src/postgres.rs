//! The PostgreSQL adapter: the SQL core's writer on one connection (group commit under an advisory lock, so
//! several nodes write one audit chain), a read pool, migrations of the same names as SQLite's.

use crate::sql::{SqlStore, backend, chain_keyed_now, key_the_chain, seal_legal_in_the_clear};
use crate::{StoreError, StoreResult, seal};
use heart_crypto::keys::Keys;
use heart_domain::ids::SubjectId;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions, Postgres};
use sqlx::{ConnectOptions, Connection};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The networked store.
pub type PgStore = SqlStore<Postgres>;

/// The migrations this binary knows (they must match SQLite's name for name).
pub fn migration_names() -> Vec<String> {
    MIGRATOR
        .iter()
        .map(|m| format!("{:04}_{}", m.version, m.description.replace(' ', "_")))
        .collect()
}

/// Parses a `postgres://` URL into options for its first host, with statement logging kept out of the logs (values
/// may be personal).
pub fn options(url: &str) -> Result<PgConnectOptions, String> {
    hosts(url)?
        .into_iter()
        .next()
        .ok_or_else(|| "the database URL names no host".to_string())
}

/// One set of options per host a URL names, in order: `postgres://user:pw@host1:5432,host2:5432/db?...` (libpq's
/// multi-host form; `target_session_attrs=read-write` is what heart does anyway: it writes only to a primary).
pub fn hosts(url: &str) -> Result<Vec<PgConnectOptions>, String> {
    let bad = |why: &str| format!("the database URL is not valid: {why}");
    let scheme_end = url.find("://").ok_or_else(|| bad("no scheme"))?;
    let rest = &url[scheme_end + 3..];
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    let (userinfo, hostlist) = match authority.rfind('@') {
        Some(at) => (&authority[..=at], &authority[at + 1..]),
        None => ("", authority),
    };
    // target_session_attrs is libpq's; sqlx would warn about it.
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|kv| !kv.starts_with("target_session_attrs=") && !kv.is_empty())
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    let mut out = Vec::new();
    for host in hostlist.split(',') {
        let one = format!("{}{userinfo}{host}{tail}", &url[..scheme_end + 3]);
        let opts = PgConnectOptions::from_str(&one).map_err(|e| bad(&redact(&e.to_string())))?;
        out.push(
            opts.application_name("heart")
                // A lock waited for past 10 s (another node's write stuck) fails the statement (503, try again);
                // a transaction left open by a node that vanished is ended by the server after 30 s, freeing
                // the write lock for the others.
                .options([
                    ("lock_timeout", "10s"),
                    ("idle_in_transaction_session_timeout", "30s"),
                ])
                .log_statements(tracing::log::LevelFilter::Trace)
                .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(2)),
        );
    }
    Ok(out)
}

/// Connects to the first host that is a primary (read-write), trying each in order; the connection and its
/// host's options.
pub(crate) async fn find_primary(url: &str) -> Result<(PgConnection, PgConnectOptions), String> {
    let mut last = String::from("the database URL names no host");
    for opts in hosts(url)? {
        match connect_primary(&opts).await {
            Ok(conn) => return Ok((conn, opts)),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Removes a password from anything that might quote a URL.
pub fn redact(text: &str) -> String {
    match (text.find("://"), text.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &text[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &text[..s + 3], &creds[..c], &text[at..]),
                None => text.to_string(),
            }
        }
        _ => text.to_string(),
    }
}

/// One line saying why the database could not be opened (no password, no personal data).
pub fn connect_error(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(d) => match d.code().as_deref() {
            Some("28P01") | Some("28000") => {
                "the database refused the user name or password".into()
            }
            Some("3D000") => "the database named in the URL does not exist".into(),
            Some("57P03") => {
                "the database server is starting up or in recovery; try again shortly".into()
            }
            Some("25006") => "the database is a read-only standby, not the primary".into(),
            _ => format!("the database refused the connection: {}", d.message()),
        },
        sqlx::Error::Io(io) => format!("cannot reach the database server: {}", io.kind()),
        sqlx::Error::Tls(_) => "the TLS connection to the database failed".into(),
        sqlx::Error::Configuration(c) => {
            format!("the database URL is not valid: {}", redact(&c.to_string()))
        }
        other => format!("cannot open the database: {}", redact(&other.to_string())),
    }
}

/// Opens the write connection, checks it is the primary.
async fn connect_primary(opts: &PgConnectOptions) -> Result<PgConnection, String> {
    let late = || "cannot reach the database server: timed out after 5 s".to_string();
    let mut conn = tokio::time::timeout(Duration::from_secs(5), PgConnection::connect_with(opts))
        .await
        .map_err(|_| late())?
        .map_err(|e| connect_error(&e))?;
    let standby: bool = tokio::time::timeout(
        Duration::from_secs(5),
        sqlx::query_scalar("SELECT pg_is_in_recovery()").fetch_one(&mut conn),
    )
    .await
    .map_err(|_| late())?
    .map_err(|e| connect_error(&e))?;
    if standby {
        let _ = conn.close().await;
        return Err("the database is a read-only standby, not the primary".into());
    }
    Ok(conn)
}

impl SqlStore<Postgres> {
    /// Connects, runs migrations (idempotent; refused for a database newer than this binary), starts the writer.
    pub async fn open(url: &str, keys: Arc<Keys>) -> StoreResult<Self> {
        let (mut conn, opts) = find_primary(url).await.map_err(StoreError::Backend)?;
        let keyed_now = chain_keyed_now::<Postgres>(&mut conn, Some(&keys)).await?;
        MIGRATOR
            .run(&mut conn)
            .await
            .map_err(|e| StoreError::Backend(crate::migrate_error(&e)))?;
        key_the_chain::<Postgres>(&mut conn, &keys, keyed_now).await?;
        seal_legal_in_the_clear::<Postgres>(&mut conn, &keys).await?;
        let read = PgPoolOptions::new()
            .max_connections(16)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(opts.clone())
            .await
            .map_err(backend("open the read pool"))?;
        if hosts(url).map_err(StoreError::Backend)?.len() > 1 {
            follow_the_primary(read.clone(), url.to_string());
        }
        Ok(SqlStore::start(conn, read, opts, url, keys))
    }

    /// Where the database's schema stands, read without changing anything.
    pub async fn schema(url: &str) -> Result<crate::Schema, String> {
        let (mut conn, _) = find_primary(url).await?;
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(&mut conn)
                .await
                .unwrap_or_default();
        let _ = conn.close().await;
        crate::Schema::of(&applied, &MIGRATOR)
    }

    /// Runs the migrations and returns how many were applied now. `keys` (the key file, when there is one) is
    /// needed only to key the audit chain of a database that has one (see `sql::key_the_chain`).
    pub async fn migrate(url: &str, keys: Option<&Keys>) -> Result<usize, String> {
        let (mut conn, _) = find_primary(url).await?;
        let before: i64 = applied(&mut conn).await;
        let keyed_now = chain_keyed_now::<Postgres>(&mut conn, keys)
            .await
            .map_err(|e| e.to_string())?;
        MIGRATOR
            .run(&mut conn)
            .await
            .map_err(|e| crate::migrate_error(&e))?;
        if let Some(keys) = keys {
            key_the_chain::<Postgres>(&mut conn, keys, keyed_now)
                .await
                .map_err(|e| e.to_string())?;
        }
        let after: i64 = applied(&mut conn).await;
        let _ = conn.close().await;
        Ok((after - before).max(0) as usize)
    }
}

/// With several hosts named: checks every second that the read pool's host is still the primary; when it is not
/// (it died, or came back as a standby), points the pool at whichever host is the primary now. The writer finds
/// the new primary by itself when a write fails.
fn follow_the_primary(pool: sqlx::PgPool, url: String) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let check = tokio::time::timeout(
                Duration::from_secs(2),
                sqlx::query_scalar::<_, bool>("SELECT pg_is_in_recovery()").fetch_one(&pool),
            )
            .await;
            if matches!(check, Ok(Ok(false))) {
                continue;
            }
            match find_primary(&url).await {
                Ok((conn, opts)) => {
                    let _ = conn.close().await;
                    tracing::warn!("the database primary changed; reads follow it");
                    // New connections open to the new primary; idle ones to the old host fail their check
                    // before use and are replaced.
                    pool.set_connect_options(opts);
                }
                Err(e) => tracing::warn!(error = %e, "no database primary reachable yet"),
            }
        }
    });
}

/// The channel live events travel on between nodes.
const LIVE_CHANNEL: &str = "heart_live";

impl SqlStore<Postgres> {
    /// Sends `payload` to every node listening on this database (NOTIFY), in order, from a task of its own: the
    /// caller never waits for the database.
    pub fn notifier(&self) -> Notifier {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(4096);
        let pool = self.read.clone();
        tokio::spawn(async move {
            while let Some(payload) = rx.recv().await {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(LIVE_CHANNEL)
                    .bind(&payload)
                    .execute(&pool)
                    .await;
                if let Err(e) = sent {
                    // The boards on other nodes catch up at their next refresh.
                    tracing::warn!(error = %e, "could not relay a live event to other nodes");
                }
            }
        });
        Notifier { tx }
    }

    /// Calls `each` with every payload other nodes send (LISTEN), for as long as the process runs; reconnects by
    /// itself after a failover.
    pub fn listen(&self, mut each: impl FnMut(String) + Send + 'static) {
        let pool = self.read.clone();
        tokio::spawn(async move {
            loop {
                let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
                    Ok(l) => l,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot listen for other nodes' events yet");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        continue;
                    }
                };
                if let Err(e) = listener.listen(LIVE_CHANNEL).await {
                    tracing::warn!(error = %e, "cannot listen for other nodes' events yet");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
                loop {
                    match listener.recv().await {
                        Ok(n) => each(n.payload().to_string()),
                        Err(e) => {
                            tracing::warn!(error = %e, "lost the connection for other nodes' events");
                            tokio::time::sleep(Duration::from_millis(500)).await;
                            break;
                        }
                    }
                }
            }
        });
    }

    /// Whether a database holds data keys that are not erased (so a missing key file is an error, not a fresh
    /// start); false for a fresh database. An error (one line) when the database cannot be reached, before
    /// anything else (such as a new key file) is made.
    pub async fn holds_sealed_data(url: &str) -> Result<bool, String> {
        let (mut conn, _) = find_primary(url).await?;
        // A database from a newer heart is refused before anything is made.
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .unwrap_or(None);
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        if let Some(v) = newest.filter(|v| *v > known) {
            let _ = conn.close().await;
            return Err(crate::migrate_error(
                &sqlx::migrate::MigrateError::VersionMissing(v),
            ));
        }
        let n: Result<i64, _> =
            sqlx::query_scalar("SELECT COUNT(*) FROM subjects WHERE wrapped IS NOT NULL")
                .fetch_one(&mut conn)
                .await;
        let _ = conn.close().await;
        Ok(n.map(|n| n > 0).unwrap_or(false))
    }
}

/// Sends payloads to other nodes; see [`SqlStore::notifier`].
#[derive(Clone)]
pub struct Notifier {
    tx: tokio::sync::mpsc::Sender<String>,
}

impl Notifier {
    pub fn send(&self, payload: String) {
        if self.tx.try_send(payload).is_err() {
            tracing::warn!("the relay to other nodes is full; an event was not relayed");
        }
    }
}

async fn applied(conn: &mut PgConnection) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(conn)
        .await
        .unwrap_or(0)
}

/// The URL without its password, and the password (decoded): the PostgreSQL tools get it in `PGPASSWORD`, never
/// on their command line, where any user of the machine could read it.
fn for_tools(url: &str) -> (String, Option<String>) {
    let Some(scheme_end) = url.find("://") else {
        return (url.to_string(), None);
    };
    let rest = &url[scheme_end + 3..];
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..auth_end].rfind('@') else {
        return (url.to_string(), None);
    };
    let Some(colon) = rest[..at].find(':') else {
        return (url.to_string(), None);
    };
    let password = percent_encoding::percent_decode_str(&rest[colon + 1..at])
        .decode_utf8_lossy()
        .to_string();
    let bare = format!(
        "{}{}{}",
        &url[..scheme_end + 3],
        &rest[..colon],
        &rest[at..]
    );
    (bare, Some(password))
}

/// A PostgreSQL tool pointed at `url` (the password in its environment).
fn tool(program: &str, url: &str) -> tokio::process::Command {
    let (bare, password) = for_tools(url);
    let mut cmd = tokio::process::Command::new(program);
    if let Some(pw) = password {
        cmd.env("PGPASSWORD", pw);
    }
    cmd.arg("--dbname").arg(bare);
    cmd
}

/// `pg_dump` in its custom format: a consistent snapshot taken while writers go on. The file is made readable by
/// its owner only before anything is written to it.
pub(crate) async fn backup(url: &str, to: &Path) -> Result<(), StoreError> {
    {
        let mut open = std::fs::OpenOptions::new();
        open.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
        let f = open
            .open(to)
            .map_err(|e| StoreError::Backend(format!("cannot create the backup: {}", e.kind())))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| {
                    StoreError::Backend(format!("cannot create the backup: {}", e.kind()))
                })?;
        }
    }
    let out = tool("pg_dump", url)
        .arg("--format=custom")
        .arg("--no-owner")
        .arg("--file")
        .arg(to)
        .output()
        .await
        .map_err(|e| StoreError::Backend(format!("cannot run pg_dump: {}", e.kind())))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(StoreError::Backend(format!(
            "pg_dump failed: {}",
            redact(msg.lines().next().unwrap_or("no message"))
        )));
    }
    Ok(())
}

/// Held (shared) by every serving node for as long as it runs; a restore needs it alone.
const SERVING_LOCK: i64 = 0x6865_6172_7401;

/// Takes the serving lock, shared with other nodes, on a connection kept open for the process's life. Returns the
/// task keeping it (dropping it does not release it; the process ending does).
pub async fn hold_serving_lock(url: &str) -> Result<tokio::task::JoinHandle<()>, String> {
    let (mut conn, _) = find_primary(url).await?;
    let url = url.to_string();
    sqlx::query("SELECT pg_advisory_lock_shared($1)")
        .bind(SERVING_LOCK)
        .execute(&mut conn)
        .await
        .map_err(|e| connect_error(&e))?;
    Ok(tokio::spawn(async move {
        // Keep the session (and its lock) alive; after a failover the new primary has no locks, so take it again.
        loop {
            tokio::time::sleep(Duration::from_secs(30)).await;
            if sqlx::query("SELECT 1").execute(&mut conn).await.is_err() {
                match find_primary(&url).await {
                    Ok((mut fresh, _)) => {
                        let _ = sqlx::query("SELECT pg_advisory_lock_shared($1)")
                            .bind(SERVING_LOCK)
                            .execute(&mut fresh)
                            .await;
                        conn = fresh;
                    }
                    Err(e) => tracing::warn!(error = %e, "serving lock: database not reachable"),
                }
            }
        }
    }))
}

/// Checks that `keys` open the backup's data keys (the newest person's still holding one), before anything is
/// replaced: a backup restored without its key file would be unreadable.
async fn check_backup_keys(from: &Path, keys: &Keys) -> Result<(), String> {
    let out = tokio::process::Command::new("pg_restore")
        .args(["--data-only", "--table=subjects", "--file=-"])
        .arg(from)
        .output()
        .await
        .map_err(|e| format!("cannot run pg_restore: {}", e.kind()))?;
    if !out.status.success() {
        return Err("its people's data keys cannot be read".into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    match newest_wrapped_key(&text)? {
        None => Ok(()),
        Some((sid, kek, wrapped)) => seal::unwrap_key(keys, sid, kek, wrapped)
            .map(|_| ())
            .map_err(|_| "the key file does not open this backup's data keys".to_string()),
    }
}

/// From `pg_restore`'s plain output of the `subjects` table (COPY text format): the wrapped key of the person
/// made last that still has one.
fn newest_wrapped_key(text: &str) -> Result<Option<(SubjectId, u32, Vec<u8>)>, String> {
    let bad = || "its people's data keys cannot be read".to_string();
    let mut lines = text.lines();
    let header = lines
        .by_ref()
        .find(|l| l.starts_with("COPY public.subjects ") || l.starts_with("COPY subjects "))
        .ok_or_else(bad)?;
    let cols: Vec<&str> = header
        .split_once('(')
        .and_then(|(_, r)| r.split_once(')'))
        .ok_or_else(bad)?
        .0
        .split(',')
        .map(str::trim)
        .collect();
    let at = |name: &str| cols.iter().position(|c| *c == name).ok_or_else(bad);
    let (i_id, i_kek, i_wrapped, i_created) =
        (at("id")?, at("kek_id")?, at("wrapped")?, at("created_at")?);
    let mut best: Option<(i64, SubjectId, u32, Vec<u8>)> = None;
    for line in lines.take_while(|l| *l != "\\.") {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != cols.len() || f[i_wrapped] == "\\N" {
            continue;
        }
        let created: i64 = f[i_created].parse().map_err(|_| bad())?;
        if best.as_ref().is_some_and(|b| b.0 >= created) {
            continue;
        }
        let sid: SubjectId = f[i_id].parse().map_err(|_| bad())?;
        let kek: u32 = f[i_kek].parse().map_err(|_| bad())?;
        // bytea in COPY text: "\\x" then hex (the backslash itself escaped).
        let hex_digits = f[i_wrapped].strip_prefix("\\\\x").ok_or_else(bad)?;
        let wrapped = hex::decode(hex_digits).map_err(|_| bad())?;
        best = Some((created, sid, kek, wrapped));
    }
    Ok(best.map(|(_, s, k, w)| (s, k, w)))
}

/// Replaces the database's contents with a `heart backup` (pg_dump custom format): refused while any node
/// serves, for a file that is not such a backup, and when `keys` do not open its data keys. One transaction: all
/// or nothing.
pub async fn restore(url: &str, from: &Path, keys: &Keys) -> Result<(), String> {
    let list = tokio::process::Command::new("pg_restore")
        .arg("--list")
        .arg(from)
        .output()
        .await
        .map_err(|e| format!("cannot run pg_restore: {}", e.kind()))?;
    let listing = String::from_utf8_lossy(&list.stdout);
    if !list.status.success() || !listing.contains("TABLE DATA public subjects") {
        return Err(
            "it is not a heart backup of a PostgreSQL database (pg_dump custom format)".into(),
        );
    }
    check_backup_keys(from, keys).await?;
    let (mut conn, _) = find_primary(url).await?;
    let alone: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(SERVING_LOCK)
        .fetch_one(&mut conn)
        .await
        .map_err(|e| connect_error(&e))?;
    if !alone {
        let _ = conn.close().await;
        return Err("a heart server is running on this database; stop every node first".into());
    }
    let out = tool("pg_restore", url)
        .args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
        ])
        .arg(from)
        .output()
        .await
        .map_err(|e| format!("cannot run pg_restore: {}", e.kind()))?;
    let _ = conn.close().await;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "pg_restore failed, nothing was changed: {}",
            redact(msg.lines().next().unwrap_or("no message"))
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn migrations_match_sqlite_name_for_name() {
        let pg = super::migration_names();
        assert!(!pg.is_empty());
        assert_eq!(pg, crate::sqlite::migration_names());
        // And the folders hold the same files.
        let names = |dir: &str| {
            let mut v: Vec<String> =
                std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
                    .unwrap()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect();
            v.sort();
            v
        };
        assert_eq!(names("migrations/postgres"), names("migrations/sqlite"));
    }

    #[test]
    fn a_url_may_name_several_hosts() {
        let h = super::hosts(
            "postgres://heart:pw@db1:5432,db2:5433/heart?target_session_attrs=read-write&sslmode=disable",
        )
        .unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].get_host(), h[0].get_port()), ("db1", 5432));
        assert_eq!((h[1].get_host(), h[1].get_port()), ("db2", 5433));
        assert_eq!(h[1].get_database(), Some("heart"));
        assert_eq!(h[1].get_username(), "heart");
        let one = super::hosts("postgres://u@localhost/db").unwrap();
        assert_eq!(one.len(), 1);
        assert!(super::hosts("not a url").is_err());
    }

    #[test]
    fn tools_get_the_password_outside_their_arguments() {
        let (bare, pw) =
            super::for_tools("postgres://heart:s%40cret@db1:5432,db2/heart?sslmode=disable");
        assert_eq!(bare, "postgres://heart@db1:5432,db2/heart?sslmode=disable");
        assert_eq!(pw.as_deref(), Some("s@cret"));
        let (bare, pw) = super::for_tools("postgres://heart@db/heart");
        assert_eq!((bare.as_str(), pw), ("postgres://heart@db/heart", None));
    }

    #[test]
    fn the_newest_wrapped_key_is_read_from_copy_text() {
        let text = "SET x;\nCOPY public.subjects (id, kek_id, wrapped, key_version, created_at, erased_at) \
                    FROM stdin;\n\
                    00000000-0000-4000-8000-000000000001\t1\t\\\\x0a0b\t1\t10\t\\N\n\
                    00000000-0000-4000-8000-000000000002\t2\t\\\\xff\t1\t30\t\\N\n\
                    00000000-0000-4000-8000-000000000003\t1\t\\N\t1\t40\t50\n\\.\n";
        let (sid, kek, w) = super::newest_wrapped_key(text).unwrap().unwrap();
        assert_eq!(sid.to_string(), "00000000-0000-4000-8000-000000000002");
        assert_eq!((kek, w), (2, vec![0xff]));
        assert!(super::newest_wrapped_key("no copy here").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact("postgres://heart:s3cret@db:5432/heart"),
            "postgres://heart:***@db:5432/heart"
        );
        assert_eq!(super::redact("no url here"), "no url here");
    }
}
