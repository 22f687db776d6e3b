//! Past requests (issue 23.4): with `total` requests in the store (made over HTTP, `web` of them by the web form),
//! one filtered page of `GET /api/v1/requests` and one search by words over the period's web requests
//! (`POST /api/v1/requests/search`, which opens each of them), each asked `queries` times in turn; p50 and p99.

use super::*;

pub(crate) fn get(path: &str, host: &str, token: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\r\n")
        .into_bytes()
}

/// `heart serve` with a person's token (the words search is for a person), after `before` (each a command's
/// arguments, run with the same data directory and database), with the settings file `config` if any.
pub(crate) async fn start(
    bin: &Path,
    db: Option<&str>,
    before: &[Vec<String>],
    config: Option<&Path>,
) -> Result<(Server, String)> {
    let dir = tempfile::tempdir()?;
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut c = std::process::Command::new(bin);
        c.args(args)
            .arg("--data")
            .arg(dir.path())
            .env("RUST_LOG", "warn");
        if let Some(url) = db {
            c.env("HEART_DATABASE_URL", url);
        }
        c.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn()?;
        if let Some(s) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .context("stdin")?
                .write_all(s.as_bytes())?;
        }
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!("{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8(out.stdout)?.trim().to_string())
    };
    run(
        &[
            "user",
            "add",
            "--username",
            "bench",
            "--capabilities",
            "intake,coordinate",
            "--password-stdin",
        ],
        Some("a long enough bench password\n"),
    )?;
    let token = run(
        &[
            "token",
            "create",
            "--name",
            "bench",
            "--capabilities",
            "intake,coordinate",
            "--user",
            "bench",
        ],
        None,
    )?;
    for args in before {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args, None)?;
    }
    let server = serve(bin, dir, false, |c| {
        if let Some(url) = db {
            c.env("HEART_DATABASE_URL", url);
        }
        c.env("HEART_BACKUP_HOURS", "0");
        if let Some(f) = config {
            c.env("HEART_CONFIG", f);
        }
    })
    .await?;
    Ok((server, token))
}

/// Makes `total` requests over 32 connections, the first `web` by the web form.
async fn fill(addr: &str, token: &str, total: usize, web: usize) -> Result<()> {
    let phone = Arc::new(post("/api/v1/requests", addr, token, BODY));
    let by_web = Arc::new(post(
        "/api/v1/requests",
        addr,
        token,
        &BODY.replace("\"channel\":\"phone\"", "\"channel\":\"web\""),
    ));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..32 {
        let (phone, by_web, next, addr) = (
            phone.clone(),
            by_web.clone(),
            next.clone(),
            addr.to_string(),
        );
        tasks.push(tokio::spawn(async move {
            let mut c = Conn::open(&addr).await?;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    return Ok::<_, anyhow::Error>(());
                }
                let req = if i < web { &by_web } else { &phone };
                let (s, b) = c.call(req).await?;
                if s != 201 {
                    bail!("intake got {s}: {}", String::from_utf8_lossy(&b));
                }
            }
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(())
}

pub(crate) async fn timed(addr: &str, reqs: &[Vec<u8>]) -> Result<(Duration, Duration, usize)> {
    let mut c = Conn::open(addr).await?;
    let mut lat = Vec::with_capacity(reqs.len());
    let mut found = 0;
    for r in reqs {
        let t = Instant::now();
        let (s, b) = c.call(r).await?;
        lat.push(t.elapsed());
        if s != 200 {
            bail!("got {s}: {}", String::from_utf8_lossy(&b));
        }
        let v: serde_json::Value = serde_json::from_slice(&b)?;
        found = v["total"].as_u64().unwrap_or(0) as usize;
    }
    lat.sort();
    Ok((pct(&lat, 0.50), pct(&lat, 0.99), found))
}

/// Waits (at most three minutes) until PostgreSQL's autovacuum has been over the requests once since they were
/// made, as it is in a store that was not filled a moment ago; how long it waited.
async fn settle(cluster: &heart_pgtest::Cluster) -> Result<Duration> {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(180) {
        let done = cluster.psql_in(
            "history",
            "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'requests'",
        );
        if done
            .as_deref()
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
            > 0
        {
            return Ok(t.elapsed());
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    bail!("autovacuum did not reach the requests in three minutes")
}

pub async fn run(
    bin: &Path,
    total: usize,
    web: usize,
    queries: usize,
    pg: Option<(&str, &heart_pgtest::Cluster)>,
) -> Result<()> {
    let db = pg.map(|(url, _)| url);
    let (server, token) = start(bin, db, &[], None).await?;
    let addr = server.addr.clone();
    let t = Instant::now();
    fill(&addr, &token, total, web).await?;
    println!(
        "{} on {}: made {total} requests ({web} by the web form) in {:.1} s",
        bin.display(),
        if db.is_some() { "PostgreSQL" } else { "SQLite" },
        t.elapsed().as_secs_f64()
    );
    let pages = (total / 50).max(1);
    // The period around today (team time is within a day of UTC).
    let day = |d: i64| {
        (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * d)).to_string()[..10]
            .to_string()
    };
    let (from, to) = (day(-1), day(1));
    let filtered: Vec<Vec<u8>> = (0..queries)
        .map(|i| {
            let page = 1 + (i * 7919) % pages.min(200);
            get(
                &format!(
                    "/api/v1/requests?from={from}&to={to}&channel=phone&per_page=50&page={page}"
                ),
                &addr,
                &token,
            )
        })
        .collect();
    let _ = timed(&addr, &filtered[..filtered.len().min(20)]).await?;
    let (p50, p99, found) = timed(&addr, &filtered).await?;
    println!(
        "filtered page (3 days, channel; 50 a page) x{queries}: p50 {:.1} ms, p99 {:.1} ms ({found} found)",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
    // Right after a burst, PostgreSQL's index-only reads still visit each row's page (the visibility map is set by
    // the table's first vacuum): measured again once autovacuum has been, as in a store that was not just filled.
    if let Some((_, cluster)) = pg {
        let waited = settle(cluster).await?;
        let (p50, p99, found) = timed(&addr, &filtered).await?;
        println!(
            "after autovacuum's first pass ({:.0} s later), filtered page x{queries}: p50 {:.1} ms, p99 {:.1} ms ({found} found)",
            waited.as_secs_f64(),
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    }
    let words = post(
        "/api/v1/requests/search",
        &addr,
        &token,
        r#"{"channel":"web","words":"vestibule porter","per_page":50}"#,
    );
    let n = (queries / 4).max(10);
    let reqs: Vec<Vec<u8>> = (0..n).map(|_| words.clone()).collect();
    let _ = timed(&addr, &reqs[..3]).await?;
    let (p50, p99, found) = timed(&addr, &reqs).await?;
    println!(
        "words over the {web} web requests x{n}: p50 {:.1} ms, p99 {:.1} ms ({found} found)",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
    Ok(())
}
