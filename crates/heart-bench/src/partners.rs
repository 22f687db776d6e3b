//! Partner alerts: a burst of signed alerts about a few places.

use super::*;

// ---------- partner alerts ----------

pub(crate) async fn partners(
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
pub(crate) async fn start_heart_with_partner(bin: &Path) -> Result<(Server, String, String)> {
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
