//! The geocoder and router on the real Cambridge data.

use heart_geo::{City, LatLon, Mode};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

fn city() -> &'static City {
    static CITY: OnceLock<City> = OnceLock::new();
    CITY.get_or_init(|| City::cambridge().unwrap())
}

fn features(file: &str) -> Vec<Value> {
    let path = format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["features"].as_array().unwrap().clone()
}

fn point(f: &Value) -> LatLon {
    let c = &f["geometry"]["coordinates"];
    LatLon::new(c[1].as_f64().unwrap(), c[0].as_f64().unwrap())
}

/// Every distinct street address in the city's files of shelters, clinics, hospitals and community assets,
/// geocoded and compared with the point the city publishes for it.
#[test]
fn real_addresses_land_near_their_published_points() {
    let mut addresses: BTreeMap<String, LatLon> = BTreeMap::new();
    for (file, field) in [
        ("emergency_shelters.geojson", "Address"),
        ("health_clinics.geojson", "ADDRESS"),
        ("hospitals.geojson", "ADDRESS"),
        ("community_assets.geojson", "Address"),
    ] {
        for f in features(file) {
            if let Some(a) = f["properties"][field].as_str() {
                // Street addresses only (a number first).
                if a.trim().starts_with(|c: char| c.is_ascii_digit()) {
                    addresses.entry(a.trim().to_string()).or_insert(point(&f));
                }
            }
        }
    }
    assert!(addresses.len() >= 50, "{} addresses", addresses.len());
    let mut errors: Vec<(f64, &str)> = Vec::new();
    for (a, published) in &addresses {
        let got = city().geocode(a, 1);
        let d = got
            .first()
            .map(|c| LatLon::new(c.lat, c.lon).distance(*published))
            .unwrap_or(f64::INFINITY);
        errors.push((d, a));
    }
    errors.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = errors.len();
    let within = errors.iter().filter(|e| e.0 <= 100.0).count();
    let median = errors[n / 2].0;
    let pct = |q: f64| errors[((n as f64 - 1.0) * q).round() as usize].0;
    println!(
        "geocoded {n} addresses: {within} within 100 m ({:.1}%); error p25 {:.0} m, median {median:.0} m, p75 {:.0} m, p90 {:.0} m, max {:.0} m",
        100.0 * within as f64 / n as f64,
        pct(0.25),
        pct(0.75),
        pct(0.9),
        errors[n - 1].0
    );
    for (d, a) in errors.iter().filter(|e| e.0 > 100.0) {
        println!("  over 100 m: {a:?} {d:.0} m");
    }
    assert!(
        within as f64 >= 0.85 * n as f64,
        "{within} of {n} within 100 m"
    );
    assert!(median < 50.0, "median {median} m");
}

/// 200 random named intersections whose pair of names is unique in the city's file, asked in either order with
/// "and" or "&", give that node first.
#[test]
fn named_intersections_are_found_in_either_order() {
    let mut pairs: HashMap<(String, String), Vec<i64>> = HashMap::new();
    let mut named: Vec<(String, String, i64)> = Vec::new();
    for f in features("intersections.geojson") {
        let (Some(name), Some(node)) = (
            f["properties"]["Intersection"].as_str(),
            f["properties"]["NodeNumber"].as_f64(),
        ) else {
            continue;
        };
        let names: Vec<String> = name.split('&').map(|s| s.trim().to_string()).collect();
        for i in 0..names.len() {
            for j in 0..names.len() {
                if i != j {
                    pairs
                        .entry((
                            heart_geo::text::norm(&names[i]),
                            heart_geo::text::norm(&names[j]),
                        ))
                        .or_default()
                        .push(node as i64);
                }
            }
        }
        if names.len() == 2 && names[0] != names[1] && !names.iter().any(|n| n.is_empty()) {
            named.push((names[0].clone(), names[1].clone(), node as i64));
        }
    }
    let unique: Vec<&(String, String, i64)> = named
        .iter()
        .filter(|(a, b, _)| {
            pairs
                .get(&(heart_geo::text::norm(a), heart_geo::text::norm(b)))
                .is_some_and(|v| v.len() == 1)
        })
        .collect();
    assert!(unique.len() > 400, "{}", unique.len());
    // A fixed pseudo-random choice (the same every run).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut wrong = Vec::new();
    for k in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (a, b, node) = unique[(seed % unique.len() as u64) as usize];
        let q = match k % 4 {
            0 => format!("{a} & {b}"),
            1 => format!("{b} and {a}"),
            2 => format!("{b} & {a}"),
            _ => format!("{a} and {b}"),
        };
        let got = city().geocode(&q, 3);
        if got.first().and_then(|c| c.node) != Some(*node) {
            wrong.push((q, got.first().map(|c| (c.label.clone(), c.node))));
        }
    }
    assert!(wrong.is_empty(), "{} wrong: {wrong:?}", wrong.len());
}

#[test]
fn abbreviations_typos_places_and_suffixes() {
    let c = city();
    let top = |q: &str| {
        let got = c.geocode(q, 5);
        assert!(!got.is_empty(), "{q}: nothing");
        got[0].clone()
    };
    let cherry = top("71 Cherry St");
    assert!(cherry.label.starts_with("71 Cherry"), "{cherry:?}");
    assert!(cherry.confidence >= 0.9);
    for q in [
        "71 Cherry Street, Cambridge",
        "71 cherry st, Cambridge, MA 02139",
        "outside 71 Cherry Street",
        "71 Chery St",
    ] {
        let got = top(q);
        assert!(
            LatLon::new(got.lat, got.lon).distance(LatLon::new(cherry.lat, cherry.lon)) < 30.0,
            "{q}: {got:?}"
        );
    }
    let central = top("Central Square");
    assert!(central.label.contains("Central"), "{central:?}");
    let kendall = top("Kendall/MIT station");
    assert!(kendall.label.contains("Kendall/MIT"), "{kendall:?}");
    // Squares the street layer does not name, at the city's intersection at their heart.
    for (q, near) in [
        ("Harvard Square", (42.37347, -71.11939)),
        ("harvard sq", (42.37347, -71.11939)),
        ("Porter Square", (42.38897, -71.11969)),
        ("Inman Square", (42.37373, -71.10084)),
        ("Kendall Square", (42.36229, -71.08373)),
    ] {
        let got = top(q);
        assert_eq!(got.kind, "square", "{q}: {got:?}");
        assert!(got.confidence >= 0.9, "{q}: {got:?}");
        assert!(
            LatLon::new(got.lat, got.lon).distance(LatLon::new(near.0, near.1)) < 30.0,
            "{q}: {got:?}"
        );
    }
    let pair = top("Prospect and Harvard");
    assert_eq!(pair.kind, "intersection", "{pair:?}");
    let mass = top("the ATM on Mass Ave near Central Square");
    assert!(
        LatLon::new(mass.lat, mass.lon).distance(LatLon::new(central.lat, central.lon)) < 300.0,
        "{mass:?}"
    );
    assert!(mass.neighbourhood.is_some());
    // A neighbourhood is an area, never sure enough to place a request.
    let port = c.geocode("Cambridgeport", 5);
    assert!(port.iter().any(|x| x.kind == "neighbourhood"), "{port:?}");
    assert!(port.iter().all(|x| x.confidence < 0.8), "{port:?}");
    // The same number in two places on one street: both, neither sure.
    let twice = c.geocode("971 Memorial Dr", 5);
    let addresses: Vec<_> = twice.iter().filter(|x| x.kind == "address").collect();
    assert!(
        addresses.len() >= 2 && addresses.iter().all(|x| x.confidence < 0.8),
        "{twice:?}"
    );
    // Nothing fitting: no candidates, not a wrong confident one.
    assert!(c.geocode("Nowhere Boulevard 12345", 5).is_empty());
    assert!(c.geocode("", 5).is_empty());
    // A number outside every range: the street, not sure.
    let far = c.geocode("99999 Cherry St", 5);
    assert!(far.iter().all(|x| x.confidence < 0.5), "{far:?}");
}

#[test]
fn reverse_geocoding_names_the_nearest_address_and_neighbourhood() {
    let c = city();
    // The middle of a street comes back as a numbered address on it.
    let cherry = c.geocode("Cherry St", 1).remove(0);
    assert_eq!(cherry.kind, "street");
    let back = c.reverse(LatLon::new(cherry.lat, cherry.lon)).unwrap();
    assert!(back.label.ends_with(" Cherry St"), "{back:?}");
    let n: u32 = back.label.split(' ').next().unwrap().parse().unwrap();
    assert!(n > 0);
    assert_eq!(back.neighbourhood, cherry.neighbourhood);
    // And a geocoded address comes back within a few numbers, on the same side (same parity).
    let addr = c.geocode("1493 Cambridge St", 1).remove(0);
    let back = c.reverse(LatLon::new(addr.lat, addr.lon)).unwrap();
    assert!(back.label.ends_with(" Cambridge St"), "{back:?}");
    let n: u32 = back.label.split(' ').next().unwrap().parse().unwrap();
    assert!(n.abs_diff(1493) <= 6 && n % 2 == 1, "{back:?}");
    // Boston Common is not in Cambridge.
    assert!(c.reverse(LatLon::new(42.3550, -71.0656)).is_none());
}

#[test]
fn one_way_streets_bind_driving_not_walking() {
    let c = city();
    let mut checked = 0;
    // For one-way segments: driving against the arrow takes longer than with it, walking the same both ways.
    for f in features("centerlines.geojson").iter() {
        let dir = f["properties"]["Direction"].as_str().unwrap_or("0");
        if dir == "0" || checked >= 20 {
            continue;
        }
        let coords = f["geometry"]["coordinates"].as_array().unwrap();
        if coords.len() != 2 {
            continue;
        }
        let p = |v: &Value| LatLon::new(v[1].as_f64().unwrap(), v[0].as_f64().unwrap());
        let (a, b) = (p(&coords[0]), p(&coords[1]));
        let mid = |t: f64| LatLon::new(a.lat + (b.lat - a.lat) * t, a.lon + (b.lon - a.lon) * t);
        let (x, y) = (mid(0.2), mid(0.8));
        let (with, against) = if dir == "1" { (x, y) } else { (y, x) };
        let (Some(ok), Some(back)) = (
            c.route(with, against, Mode::Drive),
            c.route(against, with, Mode::Drive),
        ) else {
            continue;
        };
        let walk_there = c.route(x, y, Mode::Walk).unwrap();
        let walk_back = c.route(y, x, Mode::Walk).unwrap();
        assert!((walk_there.seconds - walk_back.seconds).abs() < 0.01);
        assert!(
            back.meters > ok.meters + 1.0,
            "driving against a one-way street: {} m vs {} m",
            back.meters,
            ok.meters
        );
        checked += 1;
    }
    assert_eq!(checked, 20);
}

#[test]
fn routes_follow_real_edges_and_walking_is_symmetric() {
    let c = city();
    let places = [
        "71 Cherry St",
        "1493 Cambridge St",
        "Central Square",
        "Kendall/MIT station",
        "Porter station",
        "Alewife station",
    ];
    let pts: Vec<LatLon> = places
        .iter()
        .map(|q| {
            let g = c.geocode(q, 1).remove(0);
            LatLon::new(g.lat, g.lon)
        })
        .collect();
    for a in &pts {
        for b in &pts {
            let there = c.route(*a, *b, Mode::Walk).unwrap();
            let back = c.route(*b, *a, Mode::Walk).unwrap();
            assert!(
                (there.seconds - back.seconds).abs() < 0.5,
                "{there:?} {back:?}"
            );
            // Every step of the path is along a street: no jumps.
            for w in there.path.windows(2) {
                let d = LatLon::new(w[0][1], w[0][0]).distance(LatLon::new(w[1][1], w[1][0]));
                assert!(d < 400.0, "a jump of {d} m");
            }
            let drive = c.route(*a, *b, Mode::Drive).unwrap();
            // Walking takes the shortest way over every street; driving has fewer to choose from.
            assert!(drive.meters >= there.meters - 1.0, "{drive:?} {there:?}");
            let etas = c.etas_to(*b, &[*a], Mode::Drive);
            assert!(
                (etas[0].unwrap() - drive.seconds).abs() < 0.5,
                "{etas:?} {drive:?}"
            );
        }
    }
}
