//! Geocoder, routing and map on the Cambridge data.
//!
//! `cargo bench -p heart-geo --bench geo` prints percentiles first (the budgets are p99s: criterion reports
//! means), then runs criterion's own measurements.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::Criterion;
use heart_geo::{City, LatLon, MapView, Marker, MarkerKind, Mode};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name}: n={} p50={:?} p99={:?} max={:?}",
        samples.len(),
        at(0.5),
        at(0.99),
        samples[samples.len() - 1]
    );
}

/// A fixed sequence of points spread over the city (the street segments' own points, so all are routable).
fn points(city: &City, n: usize) -> Vec<LatLon> {
    let mut out = Vec::new();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let names = [
        "Cherry St",
        "Cambridge St",
        "Massachusetts Ave",
        "Broadway",
        "Hampshire St",
    ];
    while out.len() < n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let street = names[(seed % names.len() as u64) as usize];
        let number = 1 + (seed >> 8) % 1500;
        if let Some(c) = city.geocode(&format!("{number} {street}"), 1).first()
            && c.confidence > 0.8
        {
            out.push(LatLon::new(c.lat, c.lon));
        }
    }
    out
}

fn main() {
    let mut starts = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        black_box(City::cambridge().unwrap());
        starts.push(t.elapsed());
    }
    percentiles("build the graph and geocoder at start", starts);
    let city = City::cambridge().unwrap();

    let queries = [
        "71 Cherry St",
        "71 Cherry Street, Cambridge, MA 02139",
        "1493 Cambridge St",
        "Prospect and Harvard",
        "Prospect St & Harvard St",
        "Central Square",
        "Kendall/MIT station",
        "the ATM on Mass Ave near Central Square",
        "459 Broadway",
        "Havard St",
        "Porter station",
        "Cambridgeport",
        "Nowhere Boulevard 12345",
        "99999 Cherry St",
    ];
    let mut samples = Vec::new();
    for _ in 0..200 {
        for q in queries {
            let t = Instant::now();
            black_box(city.geocode(q, 5));
            samples.push(t.elapsed());
        }
    }
    percentiles("geocode (mixed queries)", samples);

    let pts = points(&city, 400);
    let mut samples = Vec::new();
    for w in pts.chunks(2) {
        let t = Instant::now();
        black_box(city.etas_to(w[0], &[w[1]], Mode::Drive));
        samples.push(t.elapsed());
    }
    percentiles("one ETA (drive)", samples);

    let mut samples = Vec::new();
    for w in pts.chunks(51).filter(|c| c.len() == 51) {
        let t = Instant::now();
        black_box(city.etas_to(w[0], &w[1..], Mode::Drive));
        samples.push(t.elapsed());
    }
    for _ in 0..20 {
        let t = Instant::now();
        black_box(city.etas_to(pts[0], &pts[1..51], Mode::Drive));
        samples.push(t.elapsed());
    }
    percentiles("rank 50 teams by ETA (drive)", samples);

    let mut samples = Vec::new();
    for w in pts.chunks(2).take(100) {
        let t = Instant::now();
        black_box(city.route(w[0], w[1], Mode::Drive));
        samples.push(t.elapsed());
    }
    percentiles("one route with its path (drive)", samples);

    let view = MapView {
        title: "Open requests".into(),
        markers: pts
            .iter()
            .take(20)
            .map(|p| Marker {
                at: *p,
                kind: MarkerKind::Request,
                label: "Request".into(),
                href: None,
            })
            .collect(),
        route: None,
        fit: false,
    };
    let svg = city.render_svg(&view);
    println!("whole-city map: {} bytes of SVG", svg.len());

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("geocode 71 Cherry St", |b| {
        b.iter(|| city.geocode(black_box("71 Cherry St"), 5))
    });
    c.bench_function("geocode Prospect and Harvard", |b| {
        b.iter(|| city.geocode(black_box("Prospect and Harvard"), 5))
    });
    c.bench_function("eta drive", |b| {
        b.iter(|| city.etas_to(black_box(pts[0]), &pts[1..2], Mode::Drive))
    });
    c.bench_function("rank 50 teams", |b| {
        b.iter(|| city.etas_to(black_box(pts[0]), &pts[1..51], Mode::Drive))
    });
    c.bench_function("render whole-city map", |b| {
        b.iter(|| city.render_svg(&view))
    });
    c.final_summary();
}
