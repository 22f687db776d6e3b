//! Impact (issue 26): `total` past requests spread evenly over the last three years, brought in with
//! `heart import` (ten files, each its own change set) before `heart serve` starts; then `GET /api/v1/impact` for
//! one-year periods (each a different year, a month apart) and `GET /api/v1/transparency` for one period, asked
//! again and again (served from the cache after the first); p50 and p99 of each.

use super::*;
use crate::history::{get, start};

const PLACES: [&str; 6] = [
    "Central Square",
    "Harvard Square",
    "Kendall Square",
    "Porter Square",
    "Inman Square",
    "Alewife",
];
const CHANNELS: [&str; 3] = ["Phone call", "Partner alarm", "Text"];
const OUTCOMES: [&str; 4] = ["Connected", "Ongoing", "Resolved", "Declined"];
const NEEDS: [&str; 4] = ["Housing", "Mental health", "Food; Money", "Safety"];

const MAP: &str = r#"date_format = "%Y-%m-%d %H:%M"
[columns]
date = "Date"
summary = "What happened"
channel = "How they reached us"
place = "Neighbourhood or place"
needs = "Needs"
outcome = "Outcome"
[channel]
"Phone call" = "phone"
"Text" = "sms"
"Partner alarm" = "partner"
[outcome]
"Connected" = "connected_to_support"
"Ongoing" = "ongoing_support"
"Resolved" = "resolved_for_now"
"Declined" = "declined_their_choice"
[needs]
"Housing" = "housing"
"Mental health" = "mental_health"
"Food" = "food"
"Money" = "money"
"Safety" = "safety"
"#;

/// Ten spreadsheets of `total` rows in all, a row every few minutes back from now over three years.
fn sheets(dir: &Path, total: usize) -> Result<Vec<PathBuf>> {
    let now = jiff::Timestamp::now();
    let span = 3 * 365 * 24 * 3600;
    let files = 10;
    let mut out = Vec::new();
    for f in 0..files {
        let path = dir.join(format!("past-{f}.csv"));
        let mut w = csv::Writer::from_path(&path)?;
        w.write_record([
            "Date",
            "What happened",
            "How they reached us",
            "Neighbourhood or place",
            "Needs",
            "Outcome",
        ])?;
        for i in (f..total).step_by(files) {
            let at = now - jiff::SignedDuration::from_secs(60 + (span * i as i64) / total as i64);
            let local = at.to_zoned_datetime(jiff::tz::TimeZone::get("America/New_York")?);
            w.write_record([
                local.strftime("%Y-%m-%d %H:%M").to_string().as_str(),
                "A past request (benchmark)",
                CHANNELS[i % CHANNELS.len()],
                PLACES[i % PLACES.len()],
                NEEDS[i % NEEDS.len()],
                OUTCOMES[i % OUTCOMES.len()],
            ])?;
        }
        w.flush()?;
        out.push(path);
    }
    Ok(out)
}

async fn timed(addr: &str, reqs: &[Vec<u8>]) -> Result<(Duration, Duration, u64)> {
    let mut c = Conn::open(addr).await?;
    let mut lat = Vec::with_capacity(reqs.len());
    let mut counted = 0;
    for r in reqs {
        let t = Instant::now();
        let (s, b) = c.call(r).await?;
        lat.push(t.elapsed());
        if s != 200 {
            bail!("got {s}: {}", String::from_utf8_lossy(&b));
        }
        let v: serde_json::Value = serde_json::from_slice(&b)?;
        counted = v["requests"].as_u64().unwrap_or(0);
    }
    lat.sort();
    Ok((pct(&lat, 0.50), pct(&lat, 0.99), counted))
}

pub async fn run(bin: &Path, total: usize, queries: usize, db: Option<&str>) -> Result<()> {
    let files = tempfile::tempdir()?;
    let map = files.path().join("map.toml");
    std::fs::write(&map, MAP)?;
    let before: Vec<Vec<String>> = sheets(files.path(), total)?
        .into_iter()
        .map(|f| {
            [
                "import",
                "requests",
                &f.display().to_string(),
                "--map",
                &map.display().to_string(),
                "--apply",
            ]
            .map(str::to_string)
            .to_vec()
        })
        .collect();
    let t = Instant::now();
    let (server, token) = start(bin, db, &before, None).await?;
    let engine = if db.is_some() { "PostgreSQL" } else { "SQLite" };
    println!(
        "{} on {engine}: imported {total} past requests over three years in {:.1} s",
        bin.display(),
        t.elapsed().as_secs_f64()
    );
    let addr = server.addr.clone();
    let today = jiff::ZonedDateTime::now().date();
    let year = |back: i64| -> Result<(String, String)> {
        let to = today.checked_sub(jiff::Span::new().months(back))?;
        let from = to.checked_sub(jiff::Span::new().years(1))?.tomorrow()?;
        Ok((from.to_string(), to.to_string()))
    };
    let mut reqs = Vec::new();
    for i in 0..queries {
        let (from, to) = year((i % 24) as i64)?;
        reqs.push(get(
            &format!("/api/v1/impact?from={from}&to={to}"),
            &addr,
            &token,
        ));
    }
    let _ = timed(&addr, &reqs[..reqs.len().min(3)]).await?;
    let (p50, p99, n) = timed(&addr, &reqs).await?;
    println!(
        "/api/v1/impact, a year a month apart x{queries}: p50 {:.1} ms, p99 {:.1} ms ({n} requests in the last)",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
    let (from, to) = year(0)?;
    // With the token (which the public page does not need) only so that the per-address limit on anonymous visits
    // does not stop one address asking hundreds of times.
    let public = get(
        &format!("/api/v1/transparency?from={from}&to={to}"),
        &addr,
        &token,
    );
    let first = timed(&addr, std::slice::from_ref(&public)).await?;
    let reqs: Vec<Vec<u8>> = (0..queries * 10).map(|_| public.clone()).collect();
    let (p50, p99, _) = timed(&addr, &reqs).await?;
    println!(
        "/api/v1/transparency for a year: first {:.1} ms; then from the cache x{}: p50 {:.2} ms, p99 {:.2} ms",
        first.0.as_secs_f64() * 1e3,
        reqs.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
    Ok(())
}
