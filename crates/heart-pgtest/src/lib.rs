//! Private PostgreSQL clusters for tests.
//!
//! `database()` gives each test a fresh database: on the server named by `HEART_TEST_PG_URL`, or else on a
//! private cluster this process starts once from the machine's PostgreSQL binaries (Debian's `postgresql`), on a
//! free port, in a temporary directory, stopped and removed when the process ends. With neither, it returns `None`
//! and the PostgreSQL half of a test is skipped, unless `HEART_TEST_PG_REQUIRED=1` (set by the test command),
//! where that is a failure.
//!
//! `Cluster` starts clusters by hand: the failover test runs a primary and a synchronous streaming replica.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sqlx::Connection;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Where `initdb`, `postgres`, `pg_ctl`, `pg_basebackup` are, if PostgreSQL is installed.
pub fn binaries() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Ok(rd) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut versions: Vec<PathBuf> = rd.flatten().map(|e| e.path().join("bin")).collect();
        versions.sort();
        versions.reverse();
        dirs.extend(versions);
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs.into_iter()
        .find(|d| d.join("initdb").exists() && d.join("postgres").exists())
}

/// Whether PostgreSQL tests must run (the test command sets this after installing PostgreSQL).
pub fn required() -> bool {
    std::env::var("HEART_TEST_PG_REQUIRED").is_ok_and(|v| v == "1")
}

/// A free TCP port on 127.0.0.1 (free when asked; the cluster binds it right after).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The uid/gid of the `postgres` account when running as root (PostgreSQL refuses to run as root).
fn run_as() -> Option<(u32, u32)> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return None;
    }
    let num = |flag: &str| -> Option<u32> {
        let o = Command::new("id").args([flag, "postgres"]).output().ok()?;
        String::from_utf8_lossy(&o.stdout).trim().parse().ok()
    };
    Some((num("-u")?, num("-g")?))
}

fn command(bin: &Path, name: &str) -> Command {
    match run_as() {
        Some((uid, gid)) => {
            let mut c = Command::new("setpriv");
            c.arg(format!("--reuid={uid}"))
                .arg(format!("--regid={gid}"))
                .arg("--clear-groups")
                .arg("--")
                .arg(bin.join(name));
            c
        }
        None => Command::new(bin.join(name)),
    }
}

fn chown_tree(path: &Path) {
    if let Some((uid, gid)) = run_as() {
        let _ = Command::new("chown")
            .arg("-R")
            .arg(format!("{uid}:{gid}"))
            .arg(path)
            .status();
    }
}

/// One private cluster: its own directory, port and server process.
pub struct Cluster {
    pub dir: PathBuf,
    pub port: u16,
    bin: PathBuf,
    child: Option<std::process::Child>,
    _tmp: Option<tempfile::TempDir>,
}

impl Cluster {
    /// `initdb` into a new temporary directory (trust authentication on loopback, user `postgres`).
    pub fn init(extra_conf: &str) -> Option<Cluster> {
        let bin = binaries()?;
        let tmp = tempfile::Builder::new()
            .prefix("heart-pg-")
            .tempdir_in("/tmp")
            .ok()?;
        let dir = tmp.path().join("data");
        std::fs::create_dir_all(&dir).ok()?;
        chown_tree(tmp.path());
        let ok = command(&bin, "initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "-D",
            ])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?
            .success();
        if !ok {
            return None;
        }
        let port = free_port();
        let conf = format!(
            "\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\n\
             max_connections = 300\nshared_buffers = 64MB\nwal_level = replica\nmax_wal_senders = 5\n\
             hot_standby = on\n{extra_conf}\n",
            tmp.path().display()
        );
        append(&dir.join("postgresql.conf"), &conf);
        append(
            &dir.join("pg_hba.conf"),
            "\nhost replication postgres 127.0.0.1/32 trust\n",
        );
        Some(Cluster {
            dir,
            port,
            bin,
            child: None,
            _tmp: Some(tmp),
        })
    }

    /// A streaming replica of `primary` (pg_basebackup), named `name` for synchronous replication.
    pub fn replica_of(primary: &Cluster, name: &str) -> Option<Cluster> {
        let tmp = tempfile::Builder::new()
            .prefix("heart-pg-")
            .tempdir_in("/tmp")
            .ok()?;
        chown_tree(tmp.path());
        let dir = tmp.path().join("data");
        let ok = command(&primary.bin, "pg_basebackup")
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-X",
                "stream",
                "-c",
                "fast",
                "-p",
            ])
            .arg(primary.port.to_string())
            .arg("-D")
            .arg(&dir)
            .stdout(Stdio::null())
            .status()
            .ok()?
            .success();
        if !ok {
            return None;
        }
        // A standby that streams from the primary under `name` (for synchronous_standby_names).
        std::fs::write(dir.join("standby.signal"), "").ok()?;
        chown_tree(&dir);
        let port = free_port();
        let conf = format!(
            "\nport = {port}\nunix_socket_directories = '{}'\n\
             primary_conninfo = 'host=127.0.0.1 port={} user=postgres application_name={name}'\n",
            tmp.path().display(),
            primary.port
        );
        append(&dir.join("postgresql.conf"), &conf);
        Some(Cluster {
            dir,
            port,
            bin: primary.bin.clone(),
            child: None,
            _tmp: Some(tmp),
        })
    }

    /// Starts the server and waits until it accepts connections.
    pub fn start(&mut self) {
        let child = command(&self.bin, "postgres")
            .arg("-D")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        watchdog(
            child.id(),
            self.dir.parent().unwrap_or(Path::new("/nonexistent")),
        );
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
                && self.psql("SELECT 1").is_some()
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the private PostgreSQL cluster did not start");
    }

    /// Stops the server at once (SIGKILL to the postmaster's group is what a crash looks like; `fast` is a clean
    /// shutdown).
    pub fn stop(&mut self, fast: bool) {
        if let Some(mut child) = self.child.take() {
            let sig = if fast { "-INT" } else { "-KILL" };
            let _ = Command::new("kill")
                .arg(sig)
                .arg(child.id().to_string())
                .status();
            let _ = child.wait();
            if !fast {
                // The backends of a killed postmaster exit on their own; wait until the port is free.
                let deadline = Instant::now() + Duration::from_secs(10);
                while Instant::now() < deadline
                    && std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    /// Promotes a standby to primary.
    pub fn promote(&self) -> bool {
        command(&self.bin, "pg_ctl")
            .arg("promote")
            .arg("-w")
            .arg("-D")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Runs one statement with psql; its output, or `None` on failure.
    pub fn psql(&self, sql: &str) -> Option<String> {
        self.psql_in("postgres", sql)
    }

    /// Runs one statement with psql in database `db`; its output, or `None` on failure.
    pub fn psql_in(&self, db: &str, sql: &str) -> Option<String> {
        let out = command(&self.bin, "psql")
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                db,
                "-At",
                "-c",
                sql,
                "-p",
            ])
            .arg(self.port.to_string())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// The URL of a database on this cluster.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop(true);
    }
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// Stops the server when this process ends, however it ends (statics are never dropped), and removes its
/// directory.
fn watchdog(pid: u32, dir: &Path) {
    let me = std::process::id();
    let _ = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "while kill -0 {me} 2>/dev/null && kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             kill -INT {pid} 2>/dev/null; while kill -0 {pid} 2>/dev/null; do sleep 0.2; done; rm -rf '{}'",
            dir.display()
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// The server tests create their databases on.
fn server() -> Option<&'static str> {
    static SERVER: OnceLock<Option<(String, Option<Cluster>)>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            if let Ok(url) = std::env::var("HEART_TEST_PG_URL")
                && !url.is_empty()
            {
                return Some((url, None));
            }
            // Fast and unsafe on purpose: a test cluster does not need to survive a power cut.
            let mut c =
                Cluster::init("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")?;
            c.start();
            Some((c.url("postgres"), Some(c)))
        })
        .as_ref()
        .map(|(u, _)| u.as_str())
}

/// A fresh, empty database for one test: its URL. `None` when no PostgreSQL is available (and not required).
pub async fn database() -> Option<String> {
    let base = match server() {
        Some(b) => b.to_string(),
        None if required() => {
            panic!(
                "HEART_TEST_PG_REQUIRED=1 but no PostgreSQL: set HEART_TEST_PG_URL or install postgresql"
            )
        }
        None => {
            eprintln!("no PostgreSQL here: the PostgreSQL half of this test is skipped");
            return None;
        }
    };
    let name = format!(
        "heart_t_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut conn = sqlx::PgConnection::connect(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let _ = conn.close().await;
    // Same server, the new database: replace the path of the base URL.
    let (head, tail) = match base.find('?') {
        Some(q) => (&base[..q], &base[q..]),
        None => (base.as_str(), ""),
    };
    let slash = head.rfind('/').unwrap();
    Some(format!("{}/{name}{tail}", &head[..slash]))
}

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
