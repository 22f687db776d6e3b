//! Directory search at scale: N generated services (names and ~60-word descriptions drawn from the real Illinois
//! directory's vocabulary, points in a 10 km box around Cambridge, weekly schedules), searched by heart's index
//! (tantivy + R-tree) and, in the same run, by SQLite FTS5 with an R-tree answering the same exact-word queries.

use anyhow::{Context, Result};
use heart_hsds::{Directory, Kind, Place};
use serde_json::{Value, json};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Executor, Row};
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run searches the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Words of the real directory (letters only, 3+ characters), each as often as it occurs.
fn vocabulary(ilao: &Path) -> Result<Vec<String>> {
    let mut words = Vec::new();
    let mut r = csv::Reader::from_path(ilao.join("services.csv")).context("services.csv")?;
    for row in r.records() {
        let row = row?;
        for cell in [row.get(3), row.get(5), row.get(12), row.get(10)]
            .into_iter()
            .flatten()
        {
            for w in cell.split(|c: char| !c.is_alphabetic()) {
                if w.len() >= 3 {
                    words.push(w.to_lowercase());
                }
            }
        }
    }
    anyhow::ensure!(
        words.len() > 1000,
        "too few words in the Illinois directory"
    );
    Ok(words)
}

const CENTRE: (f64, f64) = (42.3736, -71.1097);

/// A point in a 10 km box around Cambridge.
fn point(rng: &mut Rng) -> (f64, f64) {
    let dlat = 5000.0 / 111_320.0;
    let dlon = 5000.0 / (111_320.0 * CENTRE.0.to_radians().cos());
    (
        CENTRE.0 + (rng.unit() * 2.0 - 1.0) * dlat,
        CENTRE.1 + (rng.unit() * 2.0 - 1.0) * dlon,
    )
}

fn uuid(kind: u64, n: usize) -> String {
    format!("{:08x}-0000-4000-8000-{:012x}", kind, n)
}

pub struct Generated {
    pub dir: Directory,
    /// (id, name, description, lat, lon) as the baseline stores them.
    pub rows: Vec<(String, String, String, f64, f64)>,
}

pub fn generate(words: &[String], n: usize, seed: u64) -> Result<Generated> {
    let mut rng = Rng(seed | 1);
    let mut dir = Directory::default();
    let mut rows = Vec::with_capacity(n);
    let place = Place {
        file: "generated".into(),
        line: 0,
        field: String::new(),
    };
    let orgs = (n / 10).max(1);
    for i in 0..n {
        let pick = |rng: &mut Rng, k: usize| -> String {
            (0..k)
                .map(|_| words[rng.below(words.len())].clone())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let k = 2 + rng.below(3);
        let name = pick(&mut rng, k);
        let k = 50 + rng.below(21);
        let description = pick(&mut rng, k);
        let (lat, lon) = point(&mut rng);
        let org = i % orgs;
        let days = [
            "MO,TU,WE,TH,FR",
            "MO,WE,FR",
            "TU,TH",
            "SA,SU",
            "MO,TU,WE,TH,FR,SA,SU",
        ][rng.below(5)];
        let opens = 6 + rng.below(6);
        let closes = (opens + 4 + rng.below(12)) % 24;
        let v = json!({
            "id": uuid(1, i), "name": name, "description": description, "status": "active",
            "organization": {"id": uuid(2, org), "name": format!("Organization {org}"), "description": "Generated."},
            "service_at_locations": [{"id": uuid(3, i), "location": {
                "id": uuid(4, i), "location_type": "physical", "name": name, "latitude": lat, "longitude": lon,
            }}],
            "schedules": [{"id": uuid(5, i), "freq": "WEEKLY", "byday": days,
                           "opens_at": format!("{opens:02}:00"), "closes_at": format!("{closes:02}:00"),
                           "timezone_name": "America/New_York"}],
        });
        dir.flatten(Kind::Service, &v, &place, "")?;
        rows.push((uuid(1, i), name, description, lat, lon));
    }
    Ok(Generated { dir, rows })
}

/// 1-3 word queries drawn from the same vocabulary.
pub fn queries(words: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed | 1);
    (0..n)
        .map(|_| {
            let k = 1 + rng.below(3);
            (0..k)
                .map(|_| words[rng.below(words.len())].clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(label: &str, mut times: Vec<Duration>, found: usize) -> Duration {
    times.sort();
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    println!(
        "{label:<44} p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms  ({} queries, {found} results in all)",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        times.len()
    );
    p99
}

async fn baseline(dir: &Path, g: &Generated) -> Result<SqliteConnection> {
    let opts = SqliteConnectOptions::new()
        .filename(dir.join("fts.db"))
        .create_if_missing(true);
    let mut conn = SqliteConnection::connect_with(&opts).await?;
    conn.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, description, tokenize = 'porter unicode61');
         CREATE VIRTUAL TABLE places USING rtree(rid, min_lat, max_lat, min_lon, max_lon);",
    )
    .await?;
    let mut tx = conn.begin().await?;
    for (i, (id, name, desc, lat, lon)) in g.rows.iter().enumerate() {
        sqlx::query("INSERT INTO docs (rowid, id, name, description) VALUES (?, ?, ?, ?)")
            .bind(i as i64 + 1)
            .bind(id)
            .bind(name)
            .bind(desc)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO places (rid, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(i as i64 + 1)
        .bind(lat)
        .bind(lat)
        .bind(lon)
        .bind(lon)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    conn.execute("INSERT INTO docs(docs) VALUES('optimize')")
        .await?;
    Ok(conn)
}

/// Quote each word for FTS5 (words only: the same exact-word query for both).
fn fts(q: &str) -> String {
    q.split_whitespace()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn run(ilao: &Path, services: usize, n_queries: usize, radius_m: f64) -> Result<()> {
    let words = vocabulary(ilao)?;
    println!(
        "vocabulary: {} words from the Illinois directory",
        words.len()
    );
    let t = Instant::now();
    let g = generate(&words, services, 42)?;
    println!(
        "generated {services} services in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let tz = jiff::tz::TimeZone::get("America/New_York")?;
    let mut builds = Vec::new();
    let mut index = None;
    for _ in 0..3 {
        let t = Instant::now();
        index = Some(heart_search::Index::build(&g.dir, &tz)?);
        builds.push(t.elapsed());
    }
    let index = index.context("no index")?;
    builds.sort();
    println!(
        "heart index rebuild ({services} services): {:.2} s median of 3 ({:.2}-{:.2} s)",
        builds[1].as_secs_f64(),
        builds[0].as_secs_f64(),
        builds[2].as_secs_f64()
    );
    let tmp = tempfile::tempdir()?;
    let t = Instant::now();
    let mut conn = baseline(tmp.path(), &g).await?;
    println!(
        "SQLite FTS5 + R-tree load: {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let qs = queries(&words, n_queries, 7);
    let mut rng = Rng(99);
    let centres: Vec<(f64, f64)> = (0..n_queries).map(|_| point(&mut rng)).collect();
    // Warm both.
    for q in qs.iter().take(50) {
        let _ = index.search(&heart_search::Query {
            text: q.clone(),
            limit: 20,
            ..Default::default()
        });
        let _ = sqlx::query("SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20")
            .bind(fts(q))
            .fetch_all(&mut conn)
            .await?;
    }
    let dlat = radius_m / 111_320.0;
    for round in 0..2 {
        println!("-- round {}", round + 1);
        let (mut th, mut tf, mut thd, mut tfd) = (vec![], vec![], vec![], vec![]);
        let (mut nh, mut nf, mut nhd, mut nfd) = (0, 0, 0, 0);
        for (q, c) in qs.iter().zip(&centres) {
            let t = Instant::now();
            let r = index.search(&heart_search::Query {
                text: q.clone(),
                limit: 20,
                ..Default::default()
            });
            th.push(t.elapsed());
            nh += r.hits.len();
            let t = Instant::now();
            let r = index.search(&heart_search::Query {
                text: q.clone(),
                near: Some(*c),
                within_m: Some(radius_m),
                limit: 20,
                ..Default::default()
            });
            thd.push(t.elapsed());
            nhd += r.hits.len();
            let t = Instant::now();
            let rows = sqlx::query("SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20")
                .bind(fts(q))
                .fetch_all(&mut conn)
                .await?;
            tf.push(t.elapsed());
            nf += rows.len();
            let dlon = radius_m / (111_320.0 * c.0.to_radians().cos());
            let t = Instant::now();
            let rows = sqlx::query(
                "SELECT d.id FROM docs d JOIN places p ON p.rid = d.rowid WHERE docs MATCH ? \
                 AND p.min_lat >= ? AND p.max_lat <= ? AND p.min_lon >= ? AND p.max_lon <= ? ORDER BY rank LIMIT 20",
            )
            .bind(fts(q))
            .bind(c.0 - dlat)
            .bind(c.0 + dlat)
            .bind(c.1 - dlon)
            .bind(c.1 + dlon)
            .fetch_all(&mut conn)
            .await?;
            tfd.push(t.elapsed());
            nfd += rows.len();
            let _ = rows.first().map(|r| r.get::<String, _>(0));
        }
        let h = report("heart (tantivy, typo-tolerant)", th, nh);
        let f = report("SQLite FTS5 (exact words)", tf, nf);
        let hd = report(&format!("heart, within {radius_m} m (R-tree)"), thd, nhd);
        let fd = report(
            &format!("SQLite FTS5 + R-tree, within {radius_m} m"),
            tfd,
            nfd,
        );
        println!(
            "p99 ratio FTS5/heart: {:.1}x without distance, {:.1}x with distance",
            f.as_secs_f64() / h.as_secs_f64().max(1e-9),
            fd.as_secs_f64() / hd.as_secs_f64().max(1e-9)
        );
    }
    Ok(())
}

/// The Illinois import (read, upgrade, check), as `heart directory import` does before storing.
pub fn import_illinois(ilao: &Path) -> Result<()> {
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let imported = heart_hsds::import(
            ilao,
            heart_hsds::Options {
                timezone: "America/Chicago".into(),
                ..Default::default()
            },
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed());
        let _: Value = json!(imported.directory.count());
    }
    times.sort();
    println!(
        "Illinois import (read, upgrade, schema checks): median {:.0} ms, best {:.0} ms, worst {:.0} ms (5 runs)",
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3
    );
    Ok(())
}
