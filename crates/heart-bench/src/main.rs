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
//! - `push`: alerts to phones, from a new request to a local push service receiving it at each of D devices.
//! - `impact`: the team's figures over a year with N past requests in the store, and the public page's cache.
//! - `outreach`: a year of outreach walks recorded over HTTP, then the weekly summary for the year.
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
mod history;
mod impact;
mod outreach;
mod partners;
mod push;
mod server;
mod sse;

use partners::*;
use server::*;
use sse::*;
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
    /// Alerts to phones: from a new request to a local push service receiving the alert at each of D devices.
    Push {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 200)]
        devices: usize,
        #[arg(long, default_value_t = 10)]
        rounds: usize,
    },
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
    /// Impact: N past requests over three years brought in with `heart import`, then `GET /api/v1/impact` for
    /// one-year periods and `GET /api/v1/transparency` (from its cache), each timed in turn.
    Impact {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 100_000)]
        requests: usize,
        #[arg(long, default_value_t = 50)]
        queries: usize,
        /// On a private PostgreSQL cluster instead of SQLite.
        #[arg(long)]
        postgres: bool,
    },
    /// Outreach: a year of walks (each with twenty item tallies and C returning-person codes) recorded over HTTP,
    /// then `GET /api/v1/outreach` for the year, timed in turn.
    Outreach {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 5_000)]
        walks: usize,
        #[arg(long, default_value_t = 4)]
        codes: usize,
        #[arg(long, default_value_t = 50)]
        queries: usize,
    },
    /// Past requests: N requests made over HTTP (W of them by the web form), then a filtered page of
    /// `GET /api/v1/requests` and a words search over the W web requests, each timed in turn.
    History {
        #[arg(long, default_value = "target/release/heart")]
        heart_bin: PathBuf,
        #[arg(long, default_value_t = 50_000)]
        requests: usize,
        #[arg(long, default_value_t = 5_000)]
        web: usize,
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// On a private PostgreSQL cluster instead of SQLite.
        #[arg(long)]
        postgres: bool,
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
            Cmd::Push {
                heart_bin,
                devices,
                rounds,
            } => push::push(&heart_bin, devices.max(1), rounds.max(1)).await,
            Cmd::History {
                heart_bin,
                requests,
                web,
                queries,
                postgres,
            } => {
                if postgres {
                    let mut cluster = heart_pgtest::Cluster::init("shared_buffers = 256MB\n")
                        .context("PostgreSQL is not installed (Debian's postgresql)")?;
                    cluster.start();
                    cluster
                        .psql("CREATE DATABASE history")
                        .context("create db")?;
                    let url = cluster.url("history");
                    history::run(&heart_bin, requests, web, queries, Some((&url, &cluster))).await
                } else {
                    history::run(&heart_bin, requests, web, queries, None).await
                }
            }
            Cmd::Impact {
                heart_bin,
                requests,
                queries,
                postgres,
            } => {
                if postgres {
                    let mut cluster = heart_pgtest::Cluster::init("shared_buffers = 256MB\n")
                        .context("PostgreSQL is not installed (Debian's postgresql)")?;
                    cluster.start();
                    cluster
                        .psql("CREATE DATABASE impact")
                        .context("create db")?;
                    let url = cluster.url("impact");
                    impact::run(&heart_bin, requests, queries.max(1), Some(&url)).await
                } else {
                    impact::run(&heart_bin, requests, queries.max(1), None).await
                }
            }
            Cmd::Outreach {
                heart_bin,
                walks,
                codes,
                queries,
            } => outreach::run(&heart_bin, walks.max(1), codes, queries.max(1)).await,
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
