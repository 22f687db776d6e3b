//! The fuzz targets' seed corpora (fuzz/seeds/<target>), replayed as regression tests on every run: each decoder of
//! outside input answers or refuses, never panics. `cargo fuzz run --sanitizer none <target> fuzz/seeds/<target>`
//! explores further.
use std::path::PathBuf;

fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/seeds")
        .join(target);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds for {target}");
    out
}

#[test]
fn intake_json_seeds() {
    let script = heart_domain::triage::Script::shipped().unwrap();
    for (_, data) in seeds("intake_json") {
        if let Ok(input) = serde_json::from_slice::<heart_domain::intake::IntakeInput>(&data)
            && let Ok(req) = input.parse(&script, heart_domain::intake::Channel::Phone)
        {
            assert!(heart_domain::triage::evaluate(&script, &req.answers).is_ok());
        }
    }
}

#[test]
fn requests_csv_seeds() {
    let map = heart_domain::import::RequestsMap::parse(include_str!(
        "../../../../docs/import/requests-map.toml"
    ))
    .unwrap();
    let tz = jiff::tz::TimeZone::get("America/New_York").unwrap();
    let now: jiff::Timestamp = "2026-11-26T20:00:00Z".parse().unwrap();
    for (_, data) in seeds("requests_csv") {
        if let Ok(read) = map.read(&data, &tz, now) {
            assert!(read.rows.iter().all(|r| r.at <= now));
        }
        let gifts = heart_domain::import::GiftsMap::parse(include_str!(
            "../../../../docs/import/gifts-map.toml"
        ))
        .unwrap();
        let today = jiff::civil::date(2026, 11, 26);
        if let Ok((read, _)) = gifts.read(&data, today) {
            assert!(read.iter().all(|g| g.day <= today));
        }
        if let Ok(text) = std::str::from_utf8(&data) {
            let _ = heart_domain::import::RequestsMap::parse(text);
            let _ = heart_domain::import::GiftsMap::parse(text);
        }
    }
}

#[test]
fn triage_script_seeds() {
    for (_, data) in seeds("triage_script") {
        if let Ok(text) = std::str::from_utf8(&data) {
            let _ = heart_domain::triage::Script::parse(text);
        }
    }
}

#[test]
fn session_cookie_seeds() {
    let mut accepted = 0;
    for (_, data) in seeds("session_cookie") {
        if let Ok(s) = std::str::from_utf8(&data)
            && heart_crypto::totp::parse_session_cookie(s).is_some()
        {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 1, "only the well-formed seed is a cookie");
}

#[test]
fn totp_code_seeds() {
    for (p, data) in seeds("totp_code") {
        let Ok(s) = std::str::from_utf8(&data) else {
            continue;
        };
        let code = heart_crypto::totp::parse_code(s);
        let _ = heart_crypto::totp::recovery_hash(s);
        let _ = heart_crypto::totp::check(b"12345678901234567890", s, 1_800_000_000);
        if p.ends_with("fullwidth") || p.ends_with("long") {
            assert_eq!(code, None);
        }
    }
}

#[test]
fn backup_header_seeds() {
    for (p, data) in seeds("backup_header") {
        let (header, len) = if data.len() >= 108 {
            let mut l = [0u8; 8];
            l.copy_from_slice(&data[data.len() - 8..]);
            (&data[..data.len() - 8], u64::from_be_bytes(l))
        } else {
            (&data[..], data.len() as u64)
        };
        let r = heart_store::backup::check_header(header, len);
        assert_eq!(
            r.is_ok(),
            p.ends_with("whole") || p.ends_with("bigpage"),
            "{}: {r:?}",
            p.display()
        );
    }
}

#[test]
fn key_file_seeds() {
    for (p, data) in seeds("key_file") {
        let Ok(s) = std::str::from_utf8(&data) else {
            continue;
        };
        let r = heart_crypto::keys::Keyring::parse(s);
        assert_eq!(r.is_ok(), p.ends_with("good"), "{}", p.display());
    }
}

#[test]
fn geocode_seeds() {
    let city = heart_geo::City::cambridge().unwrap();
    for (p, data) in seeds("geocode") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let found = city.geocode(text, 5);
        for c in &found {
            assert!((0.0..=1.0).contains(&c.confidence), "{}", p.display());
        }
        if p.ends_with("address") || p.ends_with("corner") || p.ends_with("letter") {
            assert!(!found.is_empty(), "{}", p.display());
        }
    }
}

#[test]
fn centerlines_seeds() {
    for (p, data) in seeds("centerlines") {
        let layers = heart_geo::Layers {
            centerlines: ("seed.geojson", &data),
            intersections: None,
            neighbourhoods: None,
            boundary: None,
            places: Vec::new(),
            locality: "Town",
        };
        let city = heart_geo::City::load(
            &layers,
            &heart_geo::FieldMap::default(),
            heart_geo::Speeds::default(),
        );
        let ok = p.ends_with("one_street") || p.ends_with("loop");
        assert_eq!(city.is_ok(), ok, "{}: {:?}", p.display(), city.err());
        if let Ok(c) = city {
            let _ = c.geocode("5 Main St", 3);
            let here = heart_geo::LatLon::new(42.0005, -71.0005);
            let _ = c.route(here, here, heart_geo::Mode::Drive);
        }
    }
}

#[test]
fn amount_seeds() {
    use heart_domain::money::CURRENCIES;
    let mut accepted = 0;
    for (_, data) in seeds("amount") {
        let Ok(s) = std::str::from_utf8(&data) else {
            continue;
        };
        for c in CURRENCIES {
            if let Ok(minor) = c.parse_amount(s) {
                accepted += 1;
                assert!(minor > 0 && minor <= c.max_minor());
                assert_eq!(c.parse_amount(&c.plain(minor)), Ok(minor));
            }
        }
    }
    assert!(accepted > 0);
}

#[test]
fn stripe_webhook_seeds() {
    use heart_crypto::webhook::{stripe_signature_header, verify_stripe_signature};
    for (_, data) in seeds("stripe_webhook") {
        let (header, body) = match data.iter().position(|b| *b == b'\n') {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (&data[..], &b""[..]),
        };
        let Ok(header) = std::str::from_utf8(header) else {
            continue;
        };
        assert!(
            verify_stripe_signature("whsec_fuzz", Some(header), body, 1_800_000_000, 300).is_err()
        );
        let good = stripe_signature_header("whsec_fuzz", 1_800_000_000, body);
        assert!(
            verify_stripe_signature("whsec_fuzz", Some(&good), body, 1_800_000_000, 300).is_ok()
        );
    }
}

#[test]
fn partner_alert_seeds() {
    use heart_crypto::webhook::{heart_signature, verify_heart_signature};
    let now = heart_domain::time::Timestamp::from_second(1_800_000_000).unwrap();
    let mut parsed = 0;
    for (_, data) in seeds("partner_alert") {
        let mut parts = data.splitn(3, |b| *b == b'\n');
        let ts = parts.next().and_then(|t| std::str::from_utf8(t).ok());
        let sig = parts.next().and_then(|s| std::str::from_utf8(s).ok());
        let body = parts.next().unwrap_or_default();
        assert!(verify_heart_signature(b"k", ts, sig, body, 1_800_000_000, 300).is_err());
        let good = heart_signature(b"k", 1_800_000_000, body);
        assert!(
            verify_heart_signature(
                b"k",
                Some("1800000000"),
                Some(&good),
                body,
                1_800_000_000,
                300
            )
            .is_ok()
        );
        if let Ok(input) = serde_json::from_slice::<heart_domain::channels::AlertInput>(body)
            && input.parse(|k| k != "forbidden", now).is_ok()
        {
            parsed += 1;
        }
    }
    assert_eq!(parsed, 2, "the full alert and the cleared one parse");
}

#[test]
fn open311_form_seeds() {
    let script = heart_domain::triage::Script::shipped().unwrap();
    let mut made = 0;
    for (_, data) in seeds("open311_form") {
        let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&data) else {
            continue;
        };
        match heart_domain::channels::Open311Post::from_pairs(&pairs) {
            Err(e) => assert_eq!(e.status, 400),
            Ok(p) => match p.to_request(&script) {
                Ok(_) => made += 1,
                Err(e) => assert!(e.status == 400 || e.status == 404, "{e:?}"),
            },
        }
    }
    assert_eq!(
        made, 2,
        "the full form and the address-only one make requests"
    );
}

#[test]
fn twilio_form_seeds() {
    use heart_crypto::webhook::{twilio_signature, verify_twilio_signature};
    let url = "https://heart.example.org/hooks/sms/twilio";
    let mut decoded = 0;
    for (_, data) in seeds("twilio_form") {
        let (sig, body) = match data.iter().position(|b| *b == b'\n') {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (&data[..], &b""[..]),
        };
        let Ok(params) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) else {
            continue;
        };
        decoded += 1;
        let sig = std::str::from_utf8(sig).ok();
        assert!(verify_twilio_signature("k", sig, url, &params).is_err());
        let good = twilio_signature("k", url, &params);
        assert!(verify_twilio_signature("k", Some(&good), url, &params).is_ok());
    }
    assert!(decoded >= 4, "{decoded}");
}

#[test]
fn directory_query_seeds() {
    let imported = heart_hsds::import::import_json(
        &[("services.json".into(), heart_app::directory::DEMO.into())],
        heart_hsds::Options::default(),
    )
    .unwrap();
    let ix = heart_search::Index::build(&imported.directory, &jiff::tz::TimeZone::UTC).unwrap();
    let mut found_some = 0;
    for (_, data) in seeds("directory_query") {
        let flags = data.first().copied().unwrap_or(0);
        let q = heart_search::Query {
            text: String::from_utf8_lossy(&data).into_owned(),
            free: flags & 1 != 0,
            no_id: flags & 2 != 0,
            near: (flags & 4 != 0).then_some((42.3736, -71.1097)),
            limit: 20,
            ..Default::default()
        };
        let found = ix.search(&q);
        assert!(found.hits.iter().all(|h| h.service < ix.len()));
        found_some += usize::from(!found.hits.is_empty());
    }
    assert!(found_some >= 1, "the misspelled seed finds the pantry");
}

#[test]
fn hsds_json_seeds() {
    let mut imported = 0;
    for (path, data) in seeds("hsds_json") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let files = [("services.json".to_string(), text.to_string())];
        match heart_hsds::import::import_json(&files, heart_hsds::Options::default()) {
            Err(e) => assert!(!e.message.is_empty()),
            Ok(d) => {
                imported += 1;
                let out = tempfile::tempdir().unwrap();
                heart_hsds::export::export_json(&d.directory, out.path()).unwrap();
                let back = heart_hsds::import(out.path(), heart_hsds::Options::default()).unwrap();
                assert_eq!(
                    back.directory.diff(&d.directory),
                    None,
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert_eq!(
        imported, 3,
        "the official service, the official page and the minimal service import"
    );
}
