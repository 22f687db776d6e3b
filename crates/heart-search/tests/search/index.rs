//! Search relevance and filters on a small directory and on the real Illinois directory.

use heart_hsds::{Directory, Kind, Place, taxonomy};
use heart_search::{Index, Query};
use jiff::tz::TimeZone;
use serde_json::{Value, json};

fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn service(n: u32, name: &str, desc: &str, at: (f64, f64), hours: Value, attrs: &[&str]) -> Value {
    let sid = uuid(n);
    let mut hours = hours;
    if let Some(list) = hours.as_array_mut() {
        for (i, h) in list.iter_mut().enumerate() {
            h["id"] = Value::String(uuid(n * 10 + 4000 + i as u32));
        }
    }
    let attributes: Vec<Value> = attrs
        .iter()
        .map(|c| Value::Object(taxonomy::attribute(&sid, "service", c)))
        .collect();
    json!({
        "id": sid, "name": name, "description": desc, "status": "active",
        "organization": {"id": uuid(n + 1000), "name": format!("{name} org"), "description": "x"},
        "attributes": attributes,
        "service_at_locations": [{
            "id": uuid(n + 2000),
            "location": {"id": uuid(n + 3000), "location_type": "physical", "name": name,
                         "latitude": at.0, "longitude": at.1,
                         "schedules": hours},
        }],
    })
}

fn small() -> Index {
    let mut dir = Directory::default();
    taxonomy::add_to(&mut dir);
    let place = Place {
        file: "t".into(),
        line: 0,
        field: String::new(),
    };
    let week = json!([{"id": uuid(90), "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "timezone_name": "America/New_York"}]);
    let night = json!([{"id": uuid(91), "freq": "WEEKLY", "byday": "FR,SA", "opens_at": "21:00", "closes_at": "03:00", "timezone_name": "America/New_York"}]);
    for v in [
        service(
            1,
            "Cherry Street Food Pantry",
            "Groceries every weekday, no questions asked.",
            (42.3655, -71.1040),
            week.clone(),
            &["food-pantry", "free", "no-id"],
        ),
        service(
            2,
            "Utility arrears help",
            "Help paying gas and electric arrears for families.",
            (42.3656, -71.1041),
            week,
            &["utility-arrears"],
        ),
        service(
            3,
            "Night shelter",
            "Overnight beds for adults.",
            (42.3736, -71.1190),
            night,
            &["shelter-bed", "accessible", "spanish"],
        ),
        service(
            4,
            "Boston counselling",
            "Counselling for anxiety.",
            (42.3601, -71.0589),
            json!([]),
            &["mental-health"],
        ),
    ] {
        dir.flatten(Kind::Service, &v, &place, "").unwrap();
    }
    Index::build(&dir, &TimeZone::get("America/New_York").unwrap()).unwrap()
}

fn names(ix: &Index, q: &Query) -> Vec<String> {
    ix.search(q)
        .hits
        .iter()
        .map(|h| ix.services()[h.service].name.clone())
        .collect()
}

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 10,
        ..Query::default()
    }
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse::<jiff::ZonedDateTime>().unwrap().timestamp()
}

#[test]
fn words_find_services_despite_typos_and_word_forms() {
    let ix = small();
    assert_eq!(names(&ix, &q("pantry")), ["Cherry Street Food Pantry"]);
    assert_eq!(
        names(&ix, &q("panrty")),
        ["Cherry Street Food Pantry"],
        "a transposition"
    );
    assert_eq!(
        names(&ix, &q("arears")),
        ["Utility arrears help"],
        "a missing letter"
    );
    assert_eq!(
        names(&ix, &q("counseling")),
        ["Boston counselling"],
        "American spelling"
    );
    assert_eq!(
        names(&ix, &q("families")),
        ["Utility arrears help"],
        "stemmed"
    );
    assert_eq!(
        names(&ix, &q("bed tonight")),
        ["Night shelter"],
        "our taxonomy's words are indexed"
    );
    assert!(names(&ix, &q("xylophone")).is_empty());
}

#[test]
fn filters_combine() {
    let ix = small();
    let near = Query {
        near: Some((42.3655, -71.1040)),
        within_m: Some(500.0),
        limit: 10,
        ..Query::default()
    };
    assert_eq!(
        names(&ix, &near),
        ["Cherry Street Food Pantry", "Utility arrears help"]
    );
    let hit = &ix.search(&near).hits[1];
    assert!(hit.distance_m.unwrap() < 20.0);
    assert_eq!(
        names(
            &ix,
            &Query {
                free: true,
                no_id: true,
                ..near.clone()
            }
        ),
        ["Cherry Street Food Pantry"]
    );
    assert_eq!(
        names(
            &ix,
            &Query {
                needs: vec!["money".into()],
                limit: 10,
                ..Query::default()
            }
        ),
        ["Utility arrears help"]
    );
    assert_eq!(
        names(
            &ix,
            &Query {
                language: Some("Spanish".into()),
                accessible: true,
                limit: 10,
                ..Query::default()
            }
        ),
        ["Night shelter"]
    );
    assert_eq!(
        names(
            &ix,
            &Query {
                text: "help".into(),
                near: Some((42.3736, -71.1190)),
                within_m: Some(300.0),
                limit: 10,
                ..Query::default()
            }
        ),
        Vec::<String>::new()
    );
}

#[test]
fn open_now_respects_midnight_and_daylight_saving() {
    let ix = small();
    let open = |t: &str| {
        let mut v = names(
            &ix,
            &Query {
                open_at: Some(at(t)),
                limit: 10,
                ..Query::default()
            },
        );
        v.sort();
        v
    };
    // Friday 2026-10-30, 10:00 in Boston (EDT): the weekday services.
    assert_eq!(
        open("2026-10-30T10:00[America/New_York]"),
        ["Cherry Street Food Pantry", "Utility arrears help"]
    );
    // Saturday 02:30 after Friday night: the shelter is still open; 03:00 it has closed.
    assert_eq!(
        open("2026-10-31T02:30[America/New_York]"),
        ["Night shelter"]
    );
    assert!(open("2026-10-31T03:00[America/New_York]").is_empty());
    // Sunday 2026-11-01 01:30 EST happens twice; the shelter (Saturday night) is open at both.
    assert_eq!(
        open("2026-11-01T05:30Z[UTC]"),
        ["Night shelter"],
        "01:30 EDT"
    );
    assert_eq!(
        open("2026-11-01T06:30Z[UTC]"),
        ["Night shelter"],
        "01:30 EST"
    );
    // Monday 2026-11-02 08:30 EST = 13:30 UTC: not yet open (it would be 09:30 under EDT).
    assert!(open("2026-11-02T13:30Z[UTC]").is_empty());
    assert_eq!(open("2026-11-02T14:30Z[UTC]").len(), 2);
}

#[test]
fn any_text_is_a_query() {
    let ix = small();
    for text in [
        "\"unclosed",
        "AND OR NOT",
        "food:*",
        "🍞🍞",
        "(((",
        "-",
        &"x".repeat(10_000),
        "title:[a TO z]~2^3",
    ] {
        let _ = ix.search(&q(text));
    }
}

#[test]
fn the_illinois_directory_is_searchable() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-hsds/tests/data/ilao");
    let imported = heart_hsds::import(
        &dir,
        heart_hsds::Options {
            timezone: "America/Chicago".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let ix = Index::build(
        &imported.directory,
        &TimeZone::get("America/Chicago").unwrap(),
    )
    .unwrap();
    assert_eq!(ix.len(), 429);
    let found = ix.search(&q("bankrupcy"));
    assert!(found.total > 0, "a misspelling finds bankruptcy help");
    let found = ix.search(&q("expungement"));
    assert!(found.total > 0);
}
