//! `heart-load`: measures a running `heart serve` and, in the same run, a bare baseline server.
//!
//! - `intake`: POST /api/v1/requests (bearer auth, validation, triage, insert, audit, live event) over N keep-alive
//!   connections for S seconds; then the same load against a baseline that only parses the JSON and inserts one row
//!   into SQLite (WAL) with group commit. Reports requests/s, p50/p99 and the ratio.
//! - `sse`: C clients on /events while requests are created at R per second; latency from each 201 to the event at
//!   every client; then the same against a bare axum + broadcast SSE server.
//! - `idle-rss`: resident memory of `heart serve` with the demo data, idle.
//! - `partners`: a burst of N signed partner alerts over S seconds about P places; every alert answered, p50/p99,
//!   and the requests the places made (dedupe keeps it to one per place).
//!
//! It only talks to servers it starts itself on 127.0.0.1, and every loop is bounded in time.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

mod baseline;
mod directory;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Intake throughput: heart against the baseline.
    Intake {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// A build of heart with `--features plaintext-for-benchmarks`: measured in the same run, alternating with
        /// the real one, to show what encryption costs.
        #[arg(long)]
        plain_bin: Option<PathBuf>,
        /// Rounds of heart / plain (alternating who goes first).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// `heart audit verify` over a chain of N entries.
    AuditVerify {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        entries: u64,
    },
    /// Live-board latency: heart against a bare axum + broadcast SSE server.
    Sse {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 1000)]
        clients: usize,
        #[arg(long, default_value_t = 100)]
        rate: u64,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Intake on PostgreSQL (a private cluster, durable settings: fsync and synchronous commit on) against a bare
    /// axum + sqlx server inserting one row per request with group commit on the same cluster, in the same run
    /// (rounds alternate who goes first), then one node against two.
    PgIntake {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 2)]
        rounds: usize,
    },
    /// The ledger: N journal entries over three funds and three years through the real writer, then a fund's
    /// balance and period reports (random periods) timed on SQLite.
    Ledger {
        #[arg(long, default_value_t = 1_000_000)]
        entries: u64,
        #[arg(long, default_value_t = 300)]
        queries: usize,
    },
    /// A burst of signed partner alerts (`/hooks/partner/{partner}`), paced evenly over the time given.
    Partners {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 5000)]
        alerts: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Distinct places the alerts are about (alerts about one place join one request).
        #[arg(long, default_value_t = 50)]
        places: usize,
        #[arg(long, default_value_t = 32)]
        connections: usize,
    },
    /// Directory search: N generated services from the Illinois directory's vocabulary, heart's index against
    /// SQLite FTS5 + R-tree on the same exact-word queries; index rebuild time; the Illinois import.
    Directory {
        #[arg(long, default_value_t = 100_000)]
        services: usize,
        #[arg(long, default_value_t = 2000)]
        queries: usize,
        /// The distance filter's radius.
        #[arg(long, default_value_t = 1000.0)]
        radius_m: f64,
        /// The Illinois directory (HSDS 1.x/2.x CSV).
        #[arg(long, default_value = "crates/heart-hsds/tests/data/ilao")]
        ilao: PathBuf,
    },
    /// Idle resident memory of `heart serve --demo`.
    IdleRss {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
    },
    /// Internal: the intake baseline server.
    BaselineIntake {
        #[arg(long)]
        data: PathBuf,
    },
    /// Internal: the SSE baseline server.
    BaselineSse,
    /// Internal: the intake baseline server on PostgreSQL.
    BaselinePgIntake {
        #[arg(long)]
        url: String,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        match cli.cmd {
            Cmd::Intake {
                heart_bin,
                connections,
                seconds,
                plain_bin: Some(plain),
                rounds,
            } => encryption_cost(&heart_bin, &plain, connections, seconds, rounds).await,
            Cmd::AuditVerify { heart_bin, entries } => audit_verify(&heart_bin, entries).await,
            Cmd::Intake {
                heart_bin,
                connections,
                seconds,
                plain_bin: None,
                ..
            } => intake(&heart_bin, connections, seconds).await,
            Cmd::Sse {
                heart_bin,
                clients,
                rate,
                seconds,
                rounds,
            } => sse(&heart_bin, clients, rate, seconds, rounds.max(1)).await,
            Cmd::IdleRss { heart_bin } => idle_rss(&heart_bin).await,
            Cmd::Directory {
                services,
                queries,
                radius_m,
                ilao,
            } => {
                directory::import_illinois(&ilao)?;
                directory::run(&ilao, services.max(1), queries.max(1), radius_m).await
            }
            Cmd::Partners {
                heart_bin,
                alerts,
                seconds,
                places,
                connections,
            } => {
                partners(
                    &heart_bin,
                    alerts,
                    seconds,
                    places.max(1),
                    connections.max(1),
                )
                .await
            }
            Cmd::Ledger { entries, queries } => ledger(entries, queries).await,
            Cmd::PgIntake {
                heart_bin,
                connections,
                seconds,
                rounds,
            } => pg_intake(&heart_bin, connections, seconds, rounds).await,
            Cmd::BaselineIntake { data } => baseline::intake_server(&data).await,
            Cmd::BaselineSse => baseline::sse_server().await,
            Cmd::BaselinePgIntake { url } => baseline::pg_intake_server(&url).await,
        }
    })
}

// ---------- servers under test ----------

struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

async fn wait_for_addr(child: &mut Child) -> Result<String> {
    let stderr = child.stderr.take().context("stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let Some(line) = tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await??
        else {
            break;
        };
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let addr = rest.trim().to_string();
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return Ok(addr);
        }
    }
    bail!("server did not start")
}

async fn start_heart(bin: &Path, demo: bool) -> Result<(Server, String)> {
    start_heart_on(bin, demo, None, None).await
}

/// `heart serve` on a free port; on PostgreSQL when `db` is given (its nodes share `key_file`).
async fn start_heart_on(
    bin: &Path,
    demo: bool,
    db: Option<&str>,
    key_file: Option<&Path>,
) -> Result<(Server, String)> {
    let dir = tempfile::tempdir()?;
    let env = |c: &mut Command| {
        if let Some(url) = db {
            c.env("HEART_DATABASE_URL", url);
        }
        if let Some(k) = key_file {
            c.env("HEART_KEY_FILE", k);
        }
        c.env("HEART_BACKUP_HOURS", "0");
    };
    let mut token_cmd = Command::new(bin);
    env(&mut token_cmd);
    let out = token_cmd
        .args([
            "token",
            "create",
            "--name",
            "bench",
            "--capabilities",
            "intake,dispatch",
            "--data",
        ])
        .arg(dir.path())
        .env("RUST_LOG", "warn")
        .output()
        .await?;
    if !out.status.success() {
        bail!(
            "token create failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let token = String::from_utf8(out.stdout)?.trim().to_string();
    let mut cmd = Command::new(bin);
    env(&mut cmd);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("RUST_LOG", "warn");
    if demo {
        cmd.arg("--demo");
    }
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let addr = wait_for_addr(&mut child).await?;
    Ok((
        Server {
            child,
            addr,
            _dir: dir,
        },
        token,
    ))
}

async fn start_self(args: &[&str], with_dir: bool) -> Result<Server> {
    let dir = tempfile::tempdir()?;
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.args(args);
    if with_dir {
        cmd.arg(dir.path());
    }
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let addr = wait_for_addr(&mut child).await?;
    Ok(Server {
        child,
        addr,
        _dir: dir,
    })
}

// ---------- a minimal HTTP/1.1 keep-alive client ----------

struct Conn {
    r: BufReader<TcpStream>,
}

impl Conn {
    async fn open(addr: &str) -> Result<Self> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        Ok(Conn {
            r: BufReader::new(s),
        })
    }

    /// Sends one request and reads one response with a Content-Length body.
    async fn call(&mut self, req: &[u8]) -> Result<(u16, Vec<u8>)> {
        self.r.get_mut().write_all(req).await?;
        let mut line = String::new();
        self.r.read_line(&mut line).await?;
        let status: u16 = line.split(' ').nth(1).context("status")?.parse()?;
        let mut len = 0usize;
        loop {
            line.clear();
            self.r.read_line(&mut line).await?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse()?;
            }
        }
        let mut body = vec![0; len];
        self.r.read_exact(&mut body).await?;
        Ok((status, body))
    }
}

fn post(path: &str, host: &str, token: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const BODY: &str = r#"{"channel":"phone","summary":"Someone is sheltering in an ATM vestibule in the cold","location":{"text":"Mass Ave near Porter Square","lat":42.3884,"lon":-71.1191},"contact":{"name":"Caller","phone":"617-555-0100"},"language":"en","answers":{"medical":"no","in_area":"yes","where_now":"sheltering","weather":"yes","distress":"calm"}}"#;

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

struct LoadResult {
    rps: f64,
    p50: Duration,
    p99: Duration,
    ok: usize,
    errors: usize,
}

async fn hammer(
    addr: &str,
    token: &str,
    path: &str,
    connections: usize,
    seconds: u64,
) -> Result<LoadResult> {
    let req = Arc::new(post(path, addr, token, BODY));
    // Warm-up.
    let mut c = Conn::open(addr).await?;
    for _ in 0..50 {
        let (s, b) = c.call(&req).await?;
        if s != 201 {
            bail!("warm-up got {s}: {}", String::from_utf8_lossy(&b));
        }
    }
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let req = req.clone();
        let addr = addr.to_string();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(100_000);
            let mut errors = 0usize;
            let Ok(mut c) = Conn::open(&addr).await else {
                return (lat, 1);
            };
            while Instant::now() < until {
                let t = Instant::now();
                match c.call(&req).await {
                    Ok((201, _)) => lat.push(t.elapsed()),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        match Conn::open(&addr).await {
                            Ok(n) => c = n,
                            Err(_) => break,
                        }
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        all.extend(l);
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort();
    Ok(LoadResult {
        rps: all.len() as f64 / elapsed,
        p50: pct(&all, 0.50),
        p99: pct(&all, 0.99),
        ok: all.len(),
        errors,
    })
}

async fn intake(bin: &Path, connections: usize, seconds: u64) -> Result<()> {
    let (heart, token) = start_heart(bin, false).await?;
    let h = hammer(
        &heart.addr,
        &token,
        "/api/v1/requests",
        connections,
        seconds,
    )
    .await?;
    drop(heart);
    let base = start_self(&["baseline-intake", "--data"], true).await?;
    let b = hammer(&base.addr, "x", "/api/v1/requests", connections, seconds).await?;
    drop(base);
    println!("intake load: {connections} connections, {seconds} s each");
    println!("| server | requests/s | p50 | p99 | ok | errors |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, r) in [
        ("heart", &h),
        ("baseline (parse + 1 row, group commit)", &b),
    ] {
        println!(
            "| {name} | {:.0} | {:.2} ms | {:.2} ms | {} | {} |",
            r.rps,
            ms(r.p50),
            ms(r.p99),
            r.ok,
            r.errors
        );
    }
    println!("heart / baseline throughput: {:.1}%", 100.0 * h.rps / b.rps);
    Ok(())
}

/// The same intake load against heart as built and against a build that does not encrypt, alternating.
async fn encryption_cost(
    bin: &Path,
    plain: &Path,
    connections: usize,
    seconds: u64,
    rounds: usize,
) -> Result<()> {
    println!("intake load, encryption on and off: {connections} connections, {seconds} s each");
    println!("| round | build | requests/s | p50 | p99 | errors |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let order: [(&str, &Path); 2] = if round % 2 == 1 {
            [("encrypted", bin), ("plaintext", plain)]
        } else {
            [("plaintext", plain), ("encrypted", bin)]
        };
        let mut rps = HashMap::new();
        for (name, b) in order {
            let (server, token) = start_heart(b, false).await?;
            let r = hammer(
                &server.addr,
                &token,
                "/api/v1/requests",
                connections,
                seconds,
            )
            .await?;
            drop(server);
            println!(
                "| {round} | {name} | {:.0} | {:.2} ms | {:.2} ms | {} |",
                r.rps,
                ms(r.p50),
                ms(r.p99),
                r.errors
            );
            rps.insert(name, r.rps);
        }
        ratios.push(rps["encrypted"] / rps["plaintext"]);
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    println!(
        "encrypted / plaintext throughput by round: {}; median {:.1}%",
        ratios
            .iter()
            .map(|r| format!("{:.1}%", 100.0 * r))
            .collect::<Vec<_>>()
            .join(", "),
        100.0 * ratios[ratios.len() / 2]
    );
    Ok(())
}

/// Builds a chain of `entries` audit entries (through the real writer: one CLI-free store, batches of change sets),
/// then times `heart audit verify` on it.
async fn ledger(entries: u64, queries: usize) -> Result<()> {
    use heart_domain::ids::{EntryId, FundId};
    use heart_domain::ledger::{self, Account, EntryKind};
    use heart_store::{ChangeSet, EntryRow, FundRow, MoneyOp, Op, Store};
    let dir = tempfile::tempdir()?;
    let keys =
        std::sync::Arc::new(heart_crypto::keys::Keys::open(&dir.path().join("heart.key"))?.0);
    let store = heart_store::sqlite::SqliteStore::open(&dir.path().join("heart.db"), keys).await?;
    let store = std::sync::Arc::new(store);
    let at = jiff::Timestamp::now();
    let funds: Vec<FundId> = (0..3).map(|_| FundId::new()).collect();
    let mut cs = ChangeSet::new();
    for (i, f) in funds.iter().enumerate() {
        cs.push(Op::Money(MoneyOp::InsertFund(FundRow {
            id: *f,
            name: format!("fund {i}"),
            kind: "general".into(),
            currency: "USD".into(),
            restriction: None,
            created_at: at,
            archived: false,
        })));
    }
    store.apply(cs).await?;
    // Three years of days, 2024-01-01 on; every fifth entry is money out (so the balance check reads).
    let days: Vec<i64> = {
        let mut d = jiff::civil::date(2024, 1, 1);
        let mut v = Vec::new();
        while d.year() < 2027 {
            v.push(i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day()));
            d = d.tomorrow()?;
        }
        v
    };
    let started = Instant::now();
    let mut written = 0u64;
    let per_set = 250u64;
    while written < entries {
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let n = (entries - written).min(per_set);
            if n == 0 {
                break;
            }
            let first = written;
            written += n;
            let store = store.clone();
            let funds = funds.clone();
            let days = days.clone();
            tasks.push(tokio::spawn(async move {
                let mut cs = ChangeSet::new();
                for k in first..first + n {
                    let fund = funds[(k % 3) as usize];
                    // Entries in date order, so the books are as a real year leaves them.
                    let day = days[((k * days.len() as u64) / entries) as usize];
                    let (kind, lines) = if k % 5 == 4 {
                        (
                            EntryKind::Disbursement,
                            ledger::disbursement(fund, 1_000 + (k % 7) as i64),
                        )
                    } else {
                        (
                            EntryKind::Gift,
                            ledger::gift(fund, 2_500 + (k % 11) as i64, Account::Cash),
                        )
                    };
                    cs.push(Op::Money(MoneyOp::PostEntry(EntryRow {
                        id: EntryId::new(),
                        at,
                        day,
                        kind,
                        memo: "bench".into(),
                        ref_kind: None,
                        ref_id: None,
                        reverses: None,
                        flagged: false,
                        posted_by: "cli".into(),
                        lines,
                    })));
                }
                store.apply(cs).await
            }));
        }
        for t in tasks {
            t.await??;
        }
    }
    println!(
        "wrote {written} entries ({} lines) in {:.1} s",
        written * 2,
        started.elapsed().as_secs_f64()
    );
    let m = store.money();
    let mut bal = Vec::new();
    let mut rep = Vec::new();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for q in 0..queries {
        let fund = funds[q % 3];
        let t = Instant::now();
        let b = m.fund_balance(fund).await?;
        bal.push(t.elapsed());
        let (a, z) = (next(days.len()), next(days.len()));
        let (from, to) = (days[a.min(z)], days[a.max(z)]);
        let t = Instant::now();
        let p = m.fund_period(fund, from, to).await?;
        rep.push(t.elapsed());
        if p.closing > b && to == *days.last().unwrap_or(&0) {
            bail!("a period closes above the balance");
        }
    }
    let t = Instant::now();
    let check = m.ledger_verify().await?;
    let verify = t.elapsed();
    let show = |name: &str, v: &mut Vec<Duration>| {
        v.sort();
        let p = |q: f64| v[((v.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1e3;
        println!(
            "{name}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} queries",
            p(0.5),
            p(0.99),
            p(1.0),
            v.len()
        );
    };
    show("fund balance", &mut bal);
    show("period report (random from/to)", &mut rep);
    println!(
        "ledger verify: {:.1} s, {} problems",
        verify.as_secs_f64(),
        check.problems.len()
    );
    Ok(())
}

async fn audit_verify(bin: &Path, entries: u64) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let keys =
        std::sync::Arc::new(heart_crypto::keys::Keys::open(&dir.path().join("heart.key"))?.0);
    let store = heart_store::sqlite::SqliteStore::open(&dir.path().join("heart.db"), keys).await?;
    let store = std::sync::Arc::new(store);
    let started = Instant::now();
    let mut written = 0u64;
    let at = jiff::Timestamp::now();
    while written < entries {
        let mut tasks = Vec::new();
        for _ in 0..64 {
            let store = store.clone();
            let n = (entries - written).min(100);
            if n == 0 {
                break;
            }
            written += n;
            tasks.push(tokio::spawn(async move {
                use heart_store::Store;
                let mut cs = heart_store::ChangeSet::new();
                for i in 0..n {
                    cs.audit(heart_domain::audit::AuditEntry::new(
                        at,
                        "user:0190f0f0-0000-7000-8000-000000000000",
                        "request.read",
                        "request",
                        &format!("0190f0f0-0000-7000-8000-{i:012}"),
                        "",
                    ));
                }
                store.apply(cs).await
            }));
        }
        for t in tasks {
            t.await??;
        }
    }
    drop(store);
    eprintln!(
        "wrote {written} chained entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let out = Command::new(bin)
        .args(["audit", "verify", "--data"])
        .arg(dir.path())
        .env("RUST_LOG", "warn")
        .output()
        .await?;
    let secs = t.elapsed().as_secs_f64();
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    println!(
        "heart audit verify over {written} entries: {secs:.2} s (exit {:?})",
        out.status.code()
    );
    println!("{said}");
    if !out.status.success() {
        bail!("verify failed");
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

// ---------- SSE fan-out ----------

/// One SSE client: records when each event id arrived.
async fn sse_client(
    addr: String,
    auth: Option<String>,
    stop: Instant,
    connected: Arc<std::sync::atomic::AtomicUsize>,
    mut done: tokio::sync::watch::Receiver<bool>,
) -> Result<Vec<(String, Instant)>> {
    let s = TcpStream::connect(&addr).await?;
    let mut r = BufReader::new(s);
    let auth = auth
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    r.get_mut()
        .write_all(
            format!(
                "GET /events HTTP/1.1\r\nHost: {addr}\r\n{auth}Accept: text/event-stream\r\n\r\n"
            )
            .as_bytes(),
        )
        .await?;
    let mut line = String::new();
    r.read_line(&mut line).await?;
    if !line.contains(" 200 ") {
        bail!("events: {line}");
    }
    connected.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let mut seen = Vec::new();
    loop {
        line.clear();
        let n = tokio::select! {
            read = tokio::time::timeout_at(stop.into(), r.read_line(&mut line)) => match read {
                Ok(Ok(n)) => n,
                _ => break,
            },
            _ = done.changed() => break,
        };
        if n == 0 {
            break;
        }
        if let Some(data) = line.strip_prefix("data:")
            && let Some(i) = data.find("\"id\":\"")
        {
            let rest = &data[i + 6..];
            if let Some(end) = rest.find('"') {
                seen.push((rest[..end].to_string(), Instant::now()));
            }
        }
    }
    Ok(seen)
}

struct SseResult {
    created: usize,
    deliveries: usize,
    missing: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

async fn fan_out(
    addr: &str,
    token: Option<&str>,
    path: &str,
    clients: usize,
    rate: u64,
    seconds: u64,
) -> Result<SseResult> {
    let connected = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (done_tx, done_rx) = tokio::sync::watch::channel(false);
    // Every client is subscribed before the first request is created (at most 30 s to get there).
    let stop = Instant::now() + Duration::from_secs(seconds + 35);
    let mut handles = Vec::new();
    for _ in 0..clients {
        handles.push(tokio::spawn(sse_client(
            addr.to_string(),
            token.map(String::from),
            stop,
            connected.clone(),
            done_rx.clone(),
        )));
    }
    let ready_by = Instant::now() + Duration::from_secs(30);
    while connected.load(std::sync::atomic::Ordering::SeqCst) < clients && Instant::now() < ready_by
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let req = post(path, addr, token.unwrap_or("x"), BODY);
    let mut c = Conn::open(addr).await?;
    let mut created: HashMap<String, Instant> = HashMap::new();
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let end = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < end {
        tick.tick().await;
        let (s, body) = c.call(&req).await?;
        let at = Instant::now();
        if s != 201 {
            bail!("create got {s}");
        }
        let v: serde_json::Value = serde_json::from_slice(&body)?;
        created.insert(v["id"].as_str().context("id")?.to_string(), at);
    }
    // Three seconds for the last events to arrive, then every client stops reading.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let _ = done_tx.send(true);
    let mut lat = Vec::new();
    let mut missing = 0;
    for h in handles {
        let seen = h.await??;
        let got: HashMap<String, Instant> = seen.into_iter().collect();
        for (id, at) in &created {
            match got.get(id) {
                Some(t) => lat.push(t.saturating_duration_since(*at)),
                None => missing += 1,
            }
        }
    }
    lat.sort();
    Ok(SseResult {
        created: created.len(),
        deliveries: lat.len(),
        missing,
        p50: pct(&lat, 0.5),
        p99: pct(&lat, 0.99),
        max: lat.last().copied().unwrap_or_default(),
    })
}

/// Rounds alternate which server goes first, and the verdict is the median round: one noisy round on a shared
/// 2-core machine does not decide it.
async fn sse(bin: &Path, clients: usize, rate: u64, seconds: u64, rounds: usize) -> Result<()> {
    println!(
        "live board: {clients} SSE clients, {rate} new requests/s for {seconds} s, {rounds} rounds"
    );
    println!("| round | server | created | deliveries | missing | p50 | p99 | max |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let mut h = None;
        let mut b = None;
        for heart_turn in if round % 2 == 1 {
            [true, false]
        } else {
            [false, true]
        } {
            if heart_turn {
                let (heart, token) = start_heart(bin, false).await?;
                h = Some(
                    fan_out(
                        &heart.addr,
                        Some(&token),
                        "/api/v1/requests",
                        clients,
                        rate,
                        seconds,
                    )
                    .await?,
                );
            } else {
                let base = start_self(&["baseline-sse"], false).await?;
                b = Some(fan_out(&base.addr, None, "/publish", clients, rate, seconds).await?);
            }
        }
        let (h, b) = (h.context("heart")?, b.context("baseline")?);
        for (name, r) in [("heart", &h), ("baseline (axum + broadcast)", &b)] {
            println!(
                "| {round} | {name} | {} | {} | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
                r.created,
                r.deliveries,
                r.missing,
                ms(r.p50),
                ms(r.p99),
                ms(r.max)
            );
        }
        ratios.push(h.p99.as_secs_f64() / b.p99.as_secs_f64().max(1e-9));
    }
    let all: Vec<String> = ratios.iter().map(|r| format!("{r:.2}x")).collect();
    ratios.sort_by(f64::total_cmp);
    println!(
        "heart p99 / baseline p99 by round: {}; median {:.2}x",
        all.join(", "),
        ratios[ratios.len() / 2]
    );
    Ok(())
}

async fn idle_rss(bin: &Path) -> Result<()> {
    let (heart, _) = start_heart(bin, true).await?;
    // Touch the main pages once, then let it sit.
    let mut c = Conn::open(&heart.addr).await?;
    for p in ["/", "/request", "/login", "/healthz"] {
        c.call(format!("GET {p} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
            .await?;
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let pid = heart.child.id().context("pid")?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("VmRSS: ?");
    println!(
        "idle heart serve with the demo data: {}",
        rss.trim_start_matches("VmRSS:").trim()
    );
    Ok(())
}

async fn pg_intake(bin: &Path, connections: usize, seconds: u64, rounds: usize) -> Result<()> {
    // Durable, as a deployment runs it: fsync and synchronous_commit stay on.
    let mut cluster = heart_pgtest::Cluster::init("shared_buffers = 256MB\n")
        .context("PostgreSQL is not installed (Debian's postgresql)")?;
    cluster.start();
    let keys = tempfile::tempdir()?;
    let key_file = keys.path().join("heart.key");
    println!(
        "intake on PostgreSQL 15 (private cluster, fsync on, synchronous_commit on): {connections} connections, {seconds} s each"
    );
    println!("| round | server | requests/s | p50 | p99 | ok | errors |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    let mut last_single = None;
    for round in 1..=rounds.max(1) {
        let mut heart_r = None;
        let mut base_r = None;
        let heart_first = round % 2 == 1;
        for turn in 0..2 {
            let db = format!("r{round}_{turn}");
            cluster
                .psql(&format!("CREATE DATABASE {db}"))
                .context("create db")?;
            let url = cluster.url(&db);
            if (turn == 0) == heart_first {
                let (one, token) = start_heart_on(bin, false, Some(&url), Some(&key_file)).await?;
                heart_r = Some(
                    hammer(&one.addr, &token, "/api/v1/requests", connections, seconds).await?,
                );
            } else {
                let base = start_self(&["baseline-pg-intake", "--url", &url], false).await?;
                base_r =
                    Some(hammer(&base.addr, "x", "/api/v1/requests", connections, seconds).await?);
            }
        }
        let (h, b) = (
            heart_r.context("heart ran")?,
            base_r.context("baseline ran")?,
        );
        for (name, r) in [
            ("heart, one node", &h),
            ("baseline (parse + 1 row, group commit)", &b),
        ] {
            println!(
                "| {round} | {name} | {:.0} | {:.2} ms | {:.2} ms | {} | {} |",
                r.rps,
                ms(r.p50),
                ms(r.p99),
                r.ok,
                r.errors
            );
        }
        ratios.push(h.rps / b.rps);
        last_single = Some(h);
    }
    let single = last_single.context("a round ran")?;

    cluster
        .psql("CREATE DATABASE heart_two")
        .context("create db")?;
    let two_url = cluster.url("heart_two");
    let (a, token) = start_heart_on(bin, false, Some(&two_url), Some(&key_file)).await?;
    let (b, _) = start_heart_on(bin, false, Some(&two_url), Some(&key_file)).await?;
    let half = connections / 2;
    let (ra, rb) = tokio::join!(
        hammer(&a.addr, &token, "/api/v1/requests", half, seconds),
        hammer(
            &b.addr,
            &token,
            "/api/v1/requests",
            connections - half,
            seconds
        )
    );
    let (ra, rb) = (ra?, rb?);
    drop((a, b));
    let both_rps = ra.rps + rb.rps;
    println!(
        "| | heart, two nodes (half the connections each) | {both_rps:.0} | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {} | {} |",
        ms(ra.p50),
        ms(rb.p50),
        ms(ra.p99),
        ms(rb.p99),
        ra.ok + rb.ok,
        ra.errors + rb.errors
    );
    let shown: Vec<String> = ratios
        .iter()
        .map(|r| format!("{:.1}%", 100.0 * r))
        .collect();
    println!(
        "heart one node / baseline by round: {}; two nodes / one node (last round): {:.2}x",
        shown.join(", "),
        both_rps / single.rps
    );
    Ok(())
}

// ---------- partner alerts ----------

async fn partners(
    bin: &Path,
    alerts: usize,
    seconds: u64,
    places: usize,
    connections: usize,
) -> Result<()> {
    let (heart, token, secret) = start_heart_with_partner(bin).await?;
    let addr = heart.addr.clone();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let spacing = Duration::from_secs_f64(seconds as f64 / alerts.max(1) as f64);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (addr, next, secret) = (addr.clone(), next.clone(), secret.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut answers: Vec<(u16, String)> = Vec::new();
            let Ok(mut c) = Conn::open(&addr).await else {
                return (lat, answers);
            };
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= alerts {
                    break;
                }
                let due = start + spacing * u32::try_from(i).unwrap_or(u32::MAX);
                tokio::time::sleep_until(due.into()).await;
                let place = i % places;
                // Points on a 300 m grid over Cambridge: places far enough apart never join.
                let lat_p = 42.36 + 0.003 * (place / 10) as f64;
                let lon_p = -71.12 + 0.004 * (place % 10) as f64;
                let body = format!(
                    r#"{{"kind":"person_sheltering","place":{{"text":"ATM vestibule {place}","lat":{lat_p},"lon":{lon_p}}},"text":"Someone sheltering from the cold"}}"#
                );
                let ts = jiff::Timestamp::now().as_second();
                let sig = heart_crypto::webhook::heart_signature(secret.as_bytes(), ts, body.as_bytes());
                let req = format!(
                    "POST /hooks/partner/bench-bank HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nX-Heart-Timestamp: {ts}\r\nX-Heart-Signature: {sig}\r\nIdempotency-Key: alert-{i}\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let t = Instant::now();
                match c.call(req.as_bytes()).await {
                    Ok((status, b)) => {
                        lat.push((t.elapsed(), i));
                        let v: serde_json::Value = serde_json::from_slice(&b).unwrap_or_default();
                        answers.push((status, v["alert"].as_str().unwrap_or_default().to_string()));
                    }
                    Err(_) => {
                        answers.push((0, String::new()));
                        match Conn::open(&addr).await {
                            Ok(n) => c = n,
                            Err(_) => break,
                        }
                    }
                }
            }
            (lat, answers)
        }));
    }
    let mut timed = Vec::new();
    let mut answers = Vec::new();
    for t in tasks {
        let (l, a) = t.await?;
        timed.extend(l);
        answers.extend(a);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut all: Vec<Duration> = timed.iter().map(|(d, _)| *d).collect();
    all.sort();
    // Where the slowest ones fell, by second of the burst.
    let mut slow_by_second = vec![0usize; usize::try_from(seconds).unwrap_or(10) + 1];
    let p99 = pct(&all, 0.99);
    for (d, i) in &timed {
        if *d >= p99 {
            let sec = i * usize::try_from(seconds).unwrap_or(10) / alerts.max(1);
            if let Some(n) = slow_by_second.get_mut(sec) {
                *n += 1;
            }
        }
    }
    let ok = answers
        .iter()
        .filter(|(s, _)| (200..300).contains(s))
        .count();
    let distinct: std::collections::HashSet<&String> = answers
        .iter()
        .filter(|(s, a)| (200..300).contains(s) && !a.is_empty())
        .map(|(_, a)| a)
        .collect();
    // What the board has now: one request per place.
    let mut c = Conn::open(&addr).await?;
    let (status, body) = c
        .call(
            format!(
                "GET /api/v1/requests?status=open HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\r\n"
            )
            .as_bytes(),
        )
        .await?;
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let requests = v["requests"].as_array().map(Vec::len).unwrap_or(0);
    drop(heart);
    println!(
        "partner alerts: {alerts} signed alerts over {seconds} s ({connections} connections), {places} places"
    );
    println!(
        "| sent | answered 2xx | distinct alerts | elapsed | p50 | p99 | max | open requests |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {ok} | {} | {elapsed:.1} s | {:.2} ms | {:.2} ms | {:.2} ms | {requests} (status {status}) |",
        answers.len(),
        distinct.len(),
        ms(pct(&all, 0.50)),
        ms(pct(&all, 0.99)),
        ms(all.last().copied().unwrap_or_default()),
    );
    let mut by_status: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for (s, _) in &answers {
        *by_status.entry(*s).or_default() += 1;
    }
    println!(
        "answers by status: {by_status:?}; the slowest 1% by second of the burst: {slow_by_second:?}"
    );
    if ok != alerts || distinct.len() != alerts || requests != places {
        bail!(
            "lost or doubled: {ok} answered, {} distinct, {requests} requests for {places} places",
            distinct.len()
        );
    }
    Ok(())
}

/// `heart serve` with one partner (`bench-bank`, all kinds, no escalation timer) and a dispatch token.
async fn start_heart_with_partner(bin: &Path) -> Result<(Server, String, String)> {
    let dir = tempfile::tempdir()?;
    let run = |args: &[&str]| {
        let mut c = Command::new(bin);
        c.args(args)
            .arg("--data")
            .arg(dir.path())
            .env("RUST_LOG", "warn")
            .env("HEART_BACKUP_HOURS", "0");
        c
    };
    let out = run(&["partner", "add", "--name", "Bench Bank"])
        .output()
        .await?;
    if !out.status.success() {
        bail!(
            "partner add failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let secret = String::from_utf8(out.stdout)?.trim().to_string();
    let out = run(&[
        "token",
        "create",
        "--name",
        "bench",
        "--capabilities",
        "dispatch",
    ])
    .output()
    .await?;
    if !out.status.success() {
        bail!(
            "token create failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let token = String::from_utf8(out.stdout)?.trim().to_string();
    let mut cmd = Command::new(bin);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("RUST_LOG", "warn")
        .env("HEART_BACKUP_HOURS", "0");
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let addr = wait_for_addr(&mut child).await?;
    Ok((
        Server {
            child,
            addr,
            _dir: dir,
        },
        token,
        secret,
    ))
}
