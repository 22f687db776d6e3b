//! Outreach walks over HTTP: recorded and counted week by week, returning-person codes counted once and never
//! readable, unmatchable after the key is rotated, "asked for a team" opening requests, every bad field named with
//! nothing written, and the tally page's form.

use heart_domain::access::Capability;
use heart_testkit::{TestApp, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;

async fn walkers(t: &TestApp) {
    t.user("sam", &[Capability::Respond], None).await;
    t.user("ana", &[Capability::Respond], None).await;
}

fn walk(start: &str, end: &str, codes: &[&str]) -> Value {
    json!({
        "place": "Central Square",
        "started_at": start,
        "ended_at": end,
        "people": ["sam", "ana"],
        "tallies": {"people_reached": 12, "conversations": 5, "items": {"water": 10, "socks": 4},
                    "naloxone_given": 2, "naloxone_used": 1, "referrals": 3},
        "codes": codes,
    })
}

/// The words the API gives for a field error's code.
fn words(code: &str) -> String {
    let lang = heart_web::i18n::DEFAULT;
    heart_web::i18n::try_t(&lang, &format!("field-error-{code}"))
        .unwrap_or_else(|| heart_web::i18n::try_t(&lang, "field-error-generic").unwrap())
}

async fn summary(t: &TestApp, token: &str, q: &str) -> Value {
    let (s, b) = t.get(&format!("/api/v1/outreach?{q}"), Some(token)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b
}

#[tokio::test]
async fn walks_are_counted_week_by_week_and_a_returning_person_once() {
    let t = spawn_app().await;
    walkers(&t).await;
    let token = t.token(&[Capability::Respond]).await;
    // Thursday 19 and Thursday 26 November 2026 (the clock's day), afternoons in Cambridge.
    let (s, w) = t
        .post(
            "/api/v1/outreach",
            Some(&token),
            &walk(
                "2026-11-19T19:00:00Z",
                "2026-11-19T21:00:00Z",
                &["JD 03", "Kai"],
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    assert!(
        w["place"].as_str().unwrap().starts_with("Central Sq"),
        "{w}"
    );
    assert_eq!(w["people"], json!(["ana", "sam"]));
    assert_eq!(w["codes"], 2);
    assert_eq!(w["kind"], "walk");
    let (s, w2) = t
        .post(
            "/api/v1/outreach",
            Some(&token),
            &walk(
                "2026-11-26T17:00:00Z",
                "2026-11-26T19:30:00Z",
                &["jd-03", "Robin", "robin"],
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{w2}");
    // "Robin" and "robin" are one code on one walk.
    assert_eq!(w2["codes"], 2);
    let b = summary(&t, &token, "from=2026-11-16&to=2026-11-26").await;
    let weeks = b["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 2, "{b}");
    assert_eq!(weeks[0]["week"], "2026-11-16");
    assert_eq!(weeks[1]["week"], "2026-11-23");
    for w in weeks {
        assert_eq!(w["walks"], 1);
        assert_eq!(w["people_reached"], 12);
        assert_eq!(w["unique_people"], 2);
        assert_eq!(w["items"], json!({"socks": 4, "water": 10}));
    }
    let total = &b["total"];
    assert_eq!(total["walks"], 2);
    assert_eq!(total["people_reached"], 24);
    // JD 03 met in both weeks: three people in all, not four.
    assert_eq!(total["unique_people"], 3, "{b}");
    assert_eq!(total["naloxone_given"], 4);
    assert_eq!(total["naloxone_used"], 2);
    assert_eq!(total["referrals"], 6);
    assert_eq!(total["items"]["water"], 20);
    // A period of the second week alone.
    let b = summary(&t, &token, "from=2026-11-23&to=2026-11-26").await;
    assert_eq!(b["total"]["walks"], 1);
    assert_eq!(b["total"]["unique_people"], 2);
    // A street address is kept as its block, never finer.
    let mut at_door = walk("2026-11-25T19:00:00Z", "2026-11-25T20:00:00Z", &[]);
    at_door["place"] = json!("71 Cherry Street");
    let (s, w) = t.post("/api/v1/outreach", Some(&token), &at_door).await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    let place = w["place"].as_str().unwrap();
    assert!(place.contains("block") && !place.contains("71"), "{place}");
    // The team's figures carry outreach by month (different people counted once in the month).
    let coordinator = t.token(&[Capability::Coordinate]).await;
    let (s, i) = t
        .get(
            "/api/v1/impact?from=2026-11-01&to=2026-11-30",
            Some(&coordinator),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let table = i["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "outreach")
        .unwrap_or_else(|| panic!("no outreach table: {i}"));
    let col = |name: &str| {
        table["columns"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c == name)
            .unwrap()
    };
    assert_eq!(table["cells"][0][col("walks")], 3, "{table}");
    assert_eq!(table["cells"][0][col("people_reached")], 36);
    assert_eq!(table["cells"][0][col("unique_people")], 3);
    // The outreach page shows the weeks and the walks.
    let pw = t.user("cam", &[Capability::Coordinate], None).await;
    let session = t.login("cam", &pw).await;
    let (s, html, _) = t
        .page("/outreach?from=2026-11-16&to=2026-11-26", Some(&session))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("2026-11-23") && html.contains("Central Sq"),
        "{html}"
    );
}

#[tokio::test]
async fn codes_cannot_be_read_back_and_rotation_makes_them_unmatchable() {
    let keys = tempfile::tempdir().unwrap();
    let path = keys.path().join("heart.uci");
    let (key, made) = heart_app::outreach::CodeKey::open(&path).unwrap();
    assert!(made);
    let t = spawn_app_with(|c| c.outreach.code_key = Arc::new(key)).await;
    walkers(&t).await;
    let token = t.token(&[Capability::Respond]).await;
    let (s, b) = t
        .post(
            "/api/v1/outreach",
            Some(&token),
            &walk(
                "2026-11-24T19:00:00Z",
                "2026-11-24T21:00:00Z",
                &["Zora Mayfield 07"],
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    // The database holds neither the pieces nor a plain hash of them.
    let mut bytes = std::fs::read(t.dir.path().join("heart.db")).unwrap();
    if let Ok(wal) = std::fs::read(t.dir.path().join("heart.db-wal")) {
        bytes.extend(wal);
    }
    for probe in [
        "Zora Mayfield".to_string(),
        "zoramayfield07".to_string(),
        heart_crypto::sha256_hex("zoramayfield07"),
        heart_crypto::sha256_hex("Zora Mayfield 07"),
    ] {
        assert!(
            !bytes.windows(probe.len()).any(|w| w == probe.as_bytes()),
            "{probe} is readable in the database"
        );
    }
    // The same person met again counts once...
    let (s, _) = t
        .post(
            "/api/v1/outreach",
            Some(&token),
            &walk(
                "2026-11-25T19:00:00Z",
                "2026-11-25T21:00:00Z",
                &["zora-mayfield-07"],
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let q = "from=2026-11-23&to=2026-11-26";
    assert_eq!(summary(&t, &token, q).await["total"]["unique_people"], 1);
    // ...until the key is rotated: the running server reads the new key, and the earlier code no longer matches.
    heart_app::outreach::rotate_code_key(&path).unwrap();
    let (s, _) = t
        .post(
            "/api/v1/outreach",
            Some(&token),
            &walk(
                "2026-11-26T17:00:00Z",
                "2026-11-26T19:00:00Z",
                &["Zora Mayfield 07"],
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(summary(&t, &token, q).await["total"]["unique_people"], 2);
}

#[tokio::test]
async fn someone_who_asked_for_a_team_is_a_request_in_the_queue() {
    let t = spawn_app().await;
    walkers(&t).await;
    let token = t.token(&[Capability::Respond]).await;
    let mut w = walk("2026-11-26T17:00:00Z", "2026-11-26T19:00:00Z", &[]);
    w["tallies"]["asked_for_team"] = json!(2);
    let (s, b) = t.post("/api/v1/outreach", Some(&token), &w).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let ids = b["requests"].as_array().unwrap();
    assert_eq!(ids.len(), 2, "{b}");
    let reader = t.token(&[Capability::Dispatch]).await;
    let (s, list) = t.get("/api/v1/requests?status=open", Some(&reader)).await;
    assert_eq!(s, StatusCode::OK);
    for id in ids {
        let r = list["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| &r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in the queue: {list}"));
        assert_eq!(r["channel"], "outreach");
    }
    let b = summary(&t, &token, "from=2026-11-23&to=2026-11-26").await;
    assert_eq!(b["total"]["asked_for_team"], 2);
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    let t = spawn_app().await;
    walkers(&t).await;
    let token = t.token(&[Capability::Respond]).await;
    let base = walk("2026-11-26T17:00:00Z", "2026-11-26T19:00:00Z", &[]);
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"tallies": {"people_reached": -1}}),
            "tallies.people_reached",
            "out_of_range",
        ),
        (
            json!({"tallies": {"people_reached": 10001}}),
            "tallies.people_reached",
            "out_of_range",
        ),
        (
            json!({"ended_at": "2026-11-26T16:00:00Z"}),
            "ended_at",
            "before_start",
        ),
        (
            json!({"ended_at": "2026-11-27T19:00:00Z"}),
            "ended_at",
            "too_long",
        ),
        (json!({"place": "Zzyzx Qwxv Plaza"}), "place", "not_placed"),
        (json!({"place": ""}), "place", "required"),
        (json!({"people": ["sam"]}), "people", "too_few"),
        (
            json!({"people": ["sam", "nobody-here"]}),
            "people.1",
            "unknown",
        ),
        (
            json!({"tallies": {"items": {"caviar": 1}}}),
            "tallies.items.caviar",
            "unknown",
        ),
        (
            json!({"tallies": {"naloxone_given": 1, "naloxone_used": 2}}),
            "tallies.naloxone_used",
            "more_than_given",
        ),
        (
            json!({"tallies": {"asked_for_team": 21}}),
            "tallies.asked_for_team",
            "out_of_range",
        ),
        (json!({"codes": ["x"]}), "codes.0", "invalid"),
        (json!({"kind": "party"}), "kind", "unknown"),
        (json!({"team_id": "not-a-team"}), "team_id", "unknown"),
    ];
    for (change, field, code) in cases {
        let mut body = base.clone();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (s, b) = t.post("/api/v1/outreach", Some(&token), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{change}: {b}");
        assert_eq!(b["error"]["fields"][field], words(code), "{change}: {b}");
    }
    // Wrong types are a 400, never a 5xx.
    let mut body = base.clone();
    body["tallies"]["people_reached"] = json!("many");
    let (s, _) = t.post("/api/v1/outreach", Some(&token), &body).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let b = summary(&t, &token, "from=2026-11-01&to=2026-11-26").await;
    assert_eq!(b["total"]["walks"], 0, "nothing was written: {b}");
    // An event may be run by one person; a team stands for its members.
    let mut event = base.clone();
    event["kind"] = json!("event");
    event["people"] = json!(["sam"]);
    // Whole numbers written with a point are whole numbers (JSON Schema's integers).
    event["tallies"]["people_reached"] = json!(3.0);
    event["tallies"]["items"] = json!({"water": 2.0});
    let (s, b) = t.post("/api/v1/outreach", Some(&token), &event).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["items"]["water"], 2);
    let (s, b) = t
        .get(
            "/api/v1/outreach?from=2026-11-27&to=2026-11-01",
            Some(&token),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["error"]["fields"]["from"], words("after_to"));
}

#[tokio::test]
async fn only_those_who_go_out_or_coordinate_record_and_read_walks() {
    let t = spawn_app().await;
    walkers(&t).await;
    let body = walk("2026-11-26T17:00:00Z", "2026-11-26T19:00:00Z", &[]);
    let (s, _) = t.post("/api/v1/outreach", None, &body).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    for caps in [
        [Capability::Intake],
        [Capability::Finance],
        [Capability::Dispatch],
    ] {
        let token = t.token(&caps).await;
        let (s, _) = t.post("/api/v1/outreach", Some(&token), &body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{caps:?}");
        let (s, _) = t.get("/api/v1/outreach", Some(&token)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{caps:?}");
    }
    let coordinator = t.token(&[Capability::Coordinate]).await;
    let (s, _) = t.post("/api/v1/outreach", Some(&coordinator), &body).await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn the_tally_page_records_a_walk_once_and_names_what_to_fix() {
    let t = spawn_app().await;
    let pw = t.user("sam", &[Capability::Respond], None).await;
    t.user("ana", &[Capability::Respond], None).await;
    let s = t.login("sam", &pw).await;
    let (status, html, _) = t.page("/responder/outreach", Some(&s)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"tally-form\"") && html.contains("data-offline"));
    assert!(html.contains("name=\"item_n\""), "a count per kind of item");
    // Local times, as the phone's date-and-time field sends them (Cambridge: UTC-5 in November).
    let fields = [
        ("kind", "walk"),
        ("place", "Central Square"),
        ("started_at", "2026-11-26T12:00"),
        ("ended_at", "2026-11-26T14:00"),
        ("people", "sam"),
        ("people", "ana"),
        ("people_reached", "7"),
        ("item_kind", "water"),
        ("item_n", "5"),
        ("item_kind", "socks"),
        ("item_n", "0"),
        ("codes", "JD 03\nKai"),
        ("device_key", "0193a0b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b"),
        ("device_at", "2026-11-26T19:00:00Z"),
    ];
    let (status, _, loc) = t.form("/responder/outreach", &s, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/outreach?done=outreach"));
    // Sent again by the phone (the answer lost on the way): counted once.
    let (status, _, _) = t.form("/responder/outreach", &s, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let token = t.token(&[Capability::Coordinate]).await;
    let b = summary(&t, &token, "from=2026-11-23&to=2026-11-26").await;
    assert_eq!(b["total"]["walks"], 1, "{b}");
    assert_eq!(b["total"]["people_reached"], 7);
    assert_eq!(b["total"]["unique_people"], 2);
    assert_eq!(b["total"]["items"], json!({"water": 5}));
    // 12:00 to 14:00 in Cambridge is 17:00 to 19:00 UTC.
    let walks = t
        .app
        .walks(
            &t.actor_of(&s).await,
            t.app.impact_period(Some("2026-11-26"), None).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(walks[0].started_at.to_string(), "2026-11-26T17:00:00Z");
    // A bad count and one person alone: the page comes back with both named and what was typed kept.
    let (status, html, _) = t
        .form(
            "/responder/outreach",
            &s,
            &[
                ("place", "Central Square"),
                ("started_at", "2026-11-26T12:00"),
                ("ended_at", "2026-11-26T14:00"),
                ("people", "sam"),
                ("people_reached", "lots"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("error-summary") && html.contains("href=\"#people_reached\""),
        "{html}"
    );
    let (status, html, _) = t
        .form(
            "/responder/outreach",
            &s,
            &[
                ("place", "Central Square"),
                ("started_at", "2026-11-26T12:00"),
                ("ended_at", "2026-11-26T14:00"),
                ("people", "sam"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#people\"") && html.contains("value=\"Central Square\""));
    assert_eq!(
        summary(&t, &token, "from=2026-11-23&to=2026-11-26").await["total"]["walks"],
        1
    );
}
