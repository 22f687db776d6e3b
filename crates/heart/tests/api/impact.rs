//! Impact: the figures of the demo week (fixed clock) against counts made by hand from `data/demo.toml`, the API's
//! CSV and errors, and the public page's small-cell suppression.

use heart_domain::access::Capability;
use heart_testkit::{spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::Value;

const NOVEMBER: &str = "from=2026-11-01&to=2026-11-30";

fn column(t: &Value, name: &str) -> usize {
    t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {t}"))
}

fn cell(i: &Value, table: &str, col: &str) -> u64 {
    let t = i["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == table)
        .unwrap();
    assert_eq!(t["rows"], serde_json::json!(["2026-11"]), "{t}");
    t["cells"][0][column(t, col)].as_u64().unwrap()
}

fn time(i: &Value, step: &str) -> (u64, u64, u64) {
    let f = i["times"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["step"] == step && f["channel"].is_null())
        .unwrap_or_else(|| panic!("no {step}"));
    (
        f["count"].as_u64().unwrap(),
        f["p50_minutes"].as_u64().unwrap(),
        f["p90_minutes"].as_u64().unwrap(),
    )
}

/// Counted by hand from `heart-app/data/demo.toml` (each request's channel, outcome and path of minutes).
#[tokio::test]
async fn the_demo_week_is_counted_as_by_hand() {
    let t = spawn_app().await;
    t.app.load_demo().await.unwrap().unwrap();
    let token = t.token(&[Capability::Coordinate]).await;
    let (status, i) = t
        .get(&format!("/api/v1/impact?{NOVEMBER}"), Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "{i}");
    assert_eq!(i["requests"], 40);
    assert_eq!(i["timezone"], "America/New_York");
    for (c, n) in [
        ("phone", 20),
        ("web", 10),
        ("partner", 10),
        ("sms", 0),
        ("open311", 0),
    ] {
        assert_eq!(cell(&i, "channel", c), n, "{c}");
    }
    for (o, n) in [
        ("connected_to_support", 9),
        ("resolved_for_now", 9),
        ("declined_their_choice", 7),
        ("ongoing_support", 5),
        ("could_not_find_them", 3),
        ("cancelled", 2),
        ("not_closed", 5),
    ] {
        assert_eq!(cell(&i, "outcome", o), n, "{o}");
    }
    // Three EMS contacts, none where the person could be asked.
    assert_eq!(cell(&i, "ems", "could_not_ask"), 3);
    assert_eq!(i["share_ems_with_consent"], 0.0);
    // Whole minutes, nearest rank: 23 requests were assigned, 22 reached, 21 closed after being on scene.
    assert_eq!(time(&i, "assigned"), (23, 7, 9));
    assert_eq!(time(&i, "arrived"), (22, 30, 33));
    assert_eq!(time(&i, "on_scene"), (21, 71, 86));
    // Of the demo's two mutual-aid requests, one was paid (the other waits for a second person's approval).
    assert_eq!(
        i["aid"],
        serde_json::json!([{"fund": "Mutual aid", "currency": "USD", "count": 1, "total_minor": 38000,
            "median_minor": 38000}])
    );
    // Every request was taken by the use cases, so each knows whether the team was open.
    assert_eq!(cell(&i, "availability", "not_recorded"), 0);
    // October is outside: nothing counted.
    let (_, oct) = t
        .get("/api/v1/impact?from=2026-10-01&to=2026-10-31", Some(&token))
        .await;
    assert_eq!(oct["requests"], 0);
}

#[tokio::test]
async fn the_figures_come_as_csv_and_bad_periods_are_named() {
    let t = spawn_app().await;
    t.app.load_demo().await.unwrap().unwrap();
    let token = t.token(&[Capability::Coordinate]).await;
    let csv = t
        .client
        .get(format!(
            "{}/api/v1/impact?{NOVEMBER}&format=csv&table=channel",
            t.url
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    assert_eq!(
        body,
        "month,phone,web,sms,partner,open311,outreach,total\n2026-11,20,10,0,10,0,0,40\n"
    );
    let all = t
        .client
        .get(format!("{}/api/v1/impact?{NOVEMBER}&format=csv", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(all.starts_with("table,row,column,value\n"), "{all}");
    assert!(all.contains("outcome,2026-11,cancelled,2\n"), "{all}");
    assert!(
        all.contains("times,2026-11 all,p50_arrived_minutes,30\n"),
        "{all}"
    );
    // Without a token, and with one that does not hold coordinate.
    let (s, _) = t.get(&format!("/api/v1/impact?{NOVEMBER}"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let responder = t.token(&[Capability::Respond]).await;
    let (s, _) = t
        .get(&format!("/api/v1/impact?{NOVEMBER}"), Some(&responder))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    for (q, field, words) in [
        (
            "from=2026-12-01&to=2026-11-01",
            "from",
            "The start comes after the end.",
        ),
        (
            "from=2020-01-01&to=2026-11-30",
            "to",
            "Choose at most five years.",
        ),
        ("from=2026-13-01&to=2026-11-30", "from", "Give a date."),
        (
            "from=2026-11-01&to=2026-11-30&format=xml",
            "format",
            "This is not one of the choices.",
        ),
        (
            "from=2026-11-01&to=2026-11-30&format=csv&table=secrets",
            "table",
            "This is not one of the choices.",
        ),
    ] {
        let (s, body) = t.get(&format!("/api/v1/impact?{q}"), Some(&token)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {body}");
        assert_eq!(body["error"]["fields"][field], words, "{q}: {body}");
    }
}

/// Every count anywhere in the public answer: none from 1 to `below - 1`.
fn no_small_count(v: &Value, key: &str, below: u64, out: &mut Vec<String>) {
    match v {
        Value::Number(n) => {
            let is_count = !(key.ends_with("_minutes")
                || key.starts_with("share_")
                || key.ends_with("_minor"));
            if is_count && key != "suppress_below" && n.as_u64().is_some_and(|n| n > 0 && n < below)
            {
                out.push(format!("{key}={n}"));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| no_small_count(x, key, below, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| no_small_count(x, k, below, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_public_page_hides_every_small_count() {
    let t = spawn_app().await;
    t.app.load_demo().await.unwrap().unwrap();
    let (s, p) = t
        .get(&format!("/api/v1/transparency?{NOVEMBER}"), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["suppress_below"], 11);
    assert_eq!(p["requests"], 40);
    assert_eq!(p["sent_to_police"], 0);
    let channel = &p["tables"][0];
    assert_eq!(channel["name"], "channel");
    // Phone 20 is shown; web 10 and partner 10 are under 11, hidden (each other's partner in the row), and so
    // are their column totals; nothing is left that a subtraction would give away.
    assert_eq!(channel["cells"][0][column(channel, "phone")], 20);
    for c in ["web", "partner"] {
        assert_eq!(
            channel["cells"][0][column(channel, c)],
            serde_json::json!({"suppressed": true}),
            "{c}"
        );
        assert_eq!(
            channel["column_totals"][column(channel, c)],
            serde_json::json!({"suppressed": true})
        );
    }
    assert_eq!(channel["row_totals"][0], 40);
    let mut small = Vec::new();
    no_small_count(&p, "", 11, &mut small);
    assert!(
        small.is_empty(),
        "counts under 11 in the public answer: {small:?}"
    );
    // Neighbourhoods only by quarter.
    for x in p["tables"].as_array().unwrap() {
        if x["name"] == "neighbourhood" {
            assert_eq!(x["rows"], serde_json::json!(["2026-Q4"]));
        }
    }
    // The page says the same, in words, with no script needed.
    let (s, html, _) = t.page(&format!("/transparency?{NOVEMBER}"), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("fewer than 11"), "{html}");
    assert!(html.contains("Requests sent to the police: 0"));
    assert!(html.contains("<svg"));
    // Asked again: the same answer, from memory.
    let (_, again) = t
        .get(&format!("/api/v1/transparency?{NOVEMBER}"), None)
        .await;
    assert_eq!(again, p);
}

#[tokio::test]
async fn the_public_page_can_be_turned_off_and_the_team_page_needs_coordinate() {
    let t = spawn_app_with(|c| c.impact.public = false).await;
    let (s, _) = t.get("/api/v1/transparency", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = t.page("/transparency", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let pw = t.user("coord", &[Capability::Coordinate], None).await;
    let coord = t.login("coord", &pw).await;
    let (s, html, _) = t
        .page("/impact?from=2026-11-01&to=2026-11-30", Some(&coord))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("<svg") && html.contains("Requests by month and channel"),
        "{html}"
    );
    let (s, _, _) = t
        .page("/impact?from=2026-11-30&to=2026-11-01", Some(&coord))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let pw = t.user("resp", &[Capability::Respond], None).await;
    let resp = t.login("resp", &pw).await;
    let (s, _, _) = t.page("/impact", Some(&resp)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// The demo's mutual-aid fund paid one request's arrears (38,000 cents) in November; 38 of the 40 requests were
/// answered (2 were cancelled before anyone went).
#[tokio::test]
async fn a_funder_report_says_what_a_fund_paid_for_and_what_it_cost() {
    let t = spawn_app().await;
    t.app.load_demo().await.unwrap().unwrap();
    let finance = t.token(&[Capability::Finance]).await;
    let (_, funds) = t.get("/api/v1/funds", Some(&finance)).await;
    let aid = funds
        .as_array()
        .or(funds["funds"].as_array())
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Mutual aid")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let pw = t.user("books", &[Capability::Finance], None).await;
    let s = t.login("books", &pw).await;
    let q = format!("/impact/funds?fund={aid}&{NOVEMBER}");
    let (status, csv, _) = t.page(&format!("{q}&format=csv"), Some(&s)).await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    let value = |item: &str| -> String {
        csv.lines()
            .find_map(|l| {
                let mut f = l.splitn(3, ',');
                let (_, i, v) = (f.next()?, f.next()?, f.next()?);
                (i == item).then(|| v.to_string())
            })
            .unwrap_or_else(|| panic!("no {item} in {csv}"))
    };
    assert_eq!(value("aid:arrears_minor"), "38000");
    assert_eq!(value("aid:arrears_count"), "1");
    assert_eq!(value("requests_answered"), "38");
    let spent: i64 = value("total_minor").parse().unwrap();
    assert!(spent >= 38000, "{csv}");
    assert_eq!(
        value("per_request_answered_minor"),
        (spent / 38).to_string()
    );
    let people: i64 = value("people_served").parse().unwrap();
    assert_eq!(
        value("per_person_served_minor"),
        (spent / people).to_string()
    );
    // The page prints the definitions with the figures.
    let (status, html, _) = t.page(&q, Some(&s)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Mutual aid: Rent or utility arrears")
            && html.contains("How these are counted")
    );
    // A responder may not; an unknown fund is 404.
    let pw = t.user("resp", &[Capability::Respond], None).await;
    let r = t.login("resp", &pw).await;
    assert_eq!(t.page(&q, Some(&r)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        t.page(&format!("/impact/funds?fund=nope&{NOVEMBER}"), Some(&s))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}
