//! Outreach (issue 27): a year of walks recorded over HTTP (`walks` walks over the last year, each with a tally of
//! every one of twenty kinds of item and `codes` returning-person codes drawn from a pool of people met again and
//! again), then `GET /api/v1/outreach` for the year, asked `queries` times in turn; p50 and p99.

use super::*;
use crate::history::{get, start};

/// Twenty kinds of item, so a walk's tally is twenty rows.
const KINDS: [&str; 20] = [
    "water",
    "food",
    "socks",
    "hygiene_kits",
    "clothing",
    "blankets",
    "tents",
    "naloxone",
    "fentanyl_test_strips",
    "phone_chargers",
    "transit_passes",
    "gloves",
    "hats",
    "hand_warmers",
    "tampons",
    "condoms",
    "snacks",
    "coffee",
    "umbrellas",
    "maps",
];
const PLACES: [&str; 4] = [
    "Central Square",
    "Harvard station",
    "Kendall/MIT station",
    "Broadway and Hampshire St",
];

fn walk(i: usize, walks: usize, codes: usize, people: usize) -> Result<String> {
    let year = 364 * 24 * 3600;
    let start = jiff::Timestamp::now()
        - jiff::SignedDuration::from_secs(3 * 3600 + (year * i as i64) / walks as i64);
    let end = start + jiff::SignedDuration::from_secs(2 * 3600);
    let items: serde_json::Map<String, serde_json::Value> = KINDS
        .iter()
        .enumerate()
        .map(|(k, kind)| (kind.to_string(), ((i + k) % 9 + 1).into()))
        .collect();
    let codes: Vec<String> = (0..codes)
        .map(|c| format!("person {}", (i * 7 + c * 131) % people))
        .collect();
    Ok(serde_json::json!({
        "place": PLACES[i % PLACES.len()],
        "started_at": start.to_string(),
        "ended_at": end.to_string(),
        "people": ["bench", "walker"],
        "tallies": {"people_reached": 10 + i % 20, "conversations": 5, "items": items,
                    "naloxone_given": i % 3, "naloxone_used": i % 2 * (i % 3).min(1), "referrals": i % 4},
        "codes": codes,
    })
    .to_string())
}

pub async fn run(bin: &Path, walks: usize, codes: usize, queries: usize) -> Result<()> {
    let files = tempfile::tempdir()?;
    let config = files.path().join("heart.toml");
    let kinds: Vec<String> = KINDS.iter().map(|k| format!("{k:?}")).collect();
    std::fs::write(
        &config,
        format!("[supplies]\nkinds = [{}]\n", kinds.join(", ")),
    )?;
    let before = vec![
        [
            "user",
            "add",
            "--username",
            "walker",
            "--capabilities",
            "respond",
        ]
        .map(str::to_string)
        .to_vec(),
    ];
    let (server, token) = start(bin, None, &before, Some(&config)).await?;
    let addr = server.addr.clone();
    let people = (walks * codes / 4).max(1);
    let t = Instant::now();
    let mut c = Conn::open(&addr).await?;
    for i in 0..walks {
        let (s, b) = c
            .call(&post(
                "/api/v1/outreach",
                &addr,
                &token,
                &walk(i, walks, codes, people)?,
            ))
            .await?;
        if s != 201 {
            bail!("walk {i}: {s} {}", String::from_utf8_lossy(&b));
        }
    }
    println!(
        "{}: recorded {walks} walks ({} item tallies, {} codes from {people} people) in {:.1} s",
        bin.display(),
        walks * KINDS.len(),
        walks * codes,
        t.elapsed().as_secs_f64()
    );
    let today = jiff::ZonedDateTime::now().date();
    let from = today.checked_sub(jiff::Span::new().years(1))?.tomorrow()?;
    let ask = get(
        &format!("/api/v1/outreach?from={from}&to={today}"),
        &addr,
        &token,
    );
    let mut lat = Vec::with_capacity(queries);
    let mut answer = serde_json::Value::Null;
    for _ in 0..queries + 3 {
        let t = Instant::now();
        let (s, b) = c.call(&ask).await?;
        lat.push(t.elapsed());
        if s != 200 {
            bail!("got {s}: {}", String::from_utf8_lossy(&b));
        }
        answer = serde_json::from_slice(&b)?;
    }
    let mut lat = lat.split_off(3);
    lat.sort();
    let total = &answer["total"];
    println!(
        "/api/v1/outreach for a year ({} weeks) x{queries}: p50 {:.1} ms, p99 {:.1} ms ({} walks, {} people reached, {} unique people)",
        answer["weeks"].as_array().map_or(0, Vec::len),
        pct(&lat, 0.50).as_secs_f64() * 1e3,
        pct(&lat, 0.99).as_secs_f64() * 1e3,
        total["walks"],
        total["people_reached"],
        total["unique_people"],
    );
    Ok(())
}
