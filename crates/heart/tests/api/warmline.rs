//! The warmline over HTTP: a contact logged in three fields is counted in the team's figures, every bad field is
//! named with nothing written, and the page's form.

use heart_domain::access::Capability;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn table<'a>(i: &'a Value, name: &str) -> &'a Value {
    i["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no table {name}: {i}"))
}

fn cell(t: &Value, col: &str) -> u64 {
    let c = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == col)
        .unwrap_or_else(|| panic!("no column {col}: {t}"));
    t["cells"][0][c].as_u64().unwrap()
}

async fn november(t: &TestApp) -> Value {
    let coordinator = t.token(&[Capability::Coordinate]).await;
    let (s, i) = t
        .get(
            "/api/v1/impact?from=2026-11-01&to=2026-11-30",
            Some(&coordinator),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{i}");
    i
}

#[tokio::test]
async fn a_contact_is_logged_in_three_fields_and_counted() {
    let t = spawn_app().await;
    let token = t.token(&[Capability::Intake]).await;
    let (s, c) = t
        .post(
            "/api/v1/warmline",
            Some(&token),
            &json!({"minutes": 25, "about": "loneliness", "offered": ["listened", "a_number_to_call"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!(c["channel"], "phone");
    assert_eq!(c["offered"], json!(["listened", "a_number_to_call"]));
    let (s, _) = t
        .post(
            "/api/v1/warmline",
            Some(&token),
            &json!({"minutes": 5.0, "about": "asked_for_a_number", "offered": ["a_number_to_call"],
                    "channel": "sms", "at": "2026-11-20T15:00:00Z"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let i = november(&t).await;
    let about = table(&i, "warmline");
    assert_eq!(cell(about, "loneliness"), 1);
    assert_eq!(cell(about, "asked_for_a_number"), 1);
    let offered = table(&i, "warmline_offered");
    assert_eq!(cell(offered, "a_number_to_call"), 2);
    assert_eq!(cell(offered, "listened"), 1);
    assert_eq!(cell(table(&i, "warmline_minutes"), "minutes"), 30);
    // Not a request: the requests counted stay none.
    assert_eq!(i["requests"], 0);
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    let t = spawn_app().await;
    let token = t.token(&[Capability::Dispatch]).await;
    let words = |code: &str| {
        heart_web::i18n::try_t(&heart_web::i18n::DEFAULT, &format!("field-error-{code}")).unwrap()
    };
    for (body, field, code) in [
        (
            json!({"minutes": -1, "about": "loneliness", "offered": ["listened"]}),
            "minutes",
            "out_of_range",
        ),
        (
            json!({"minutes": 601, "about": "loneliness", "offered": ["listened"]}),
            "minutes",
            "out_of_range",
        ),
        (
            json!({"about": "loneliness", "offered": ["listened"]}),
            "minutes",
            "required",
        ),
        (
            json!({"minutes": 5, "about": "gossip", "offered": ["listened"]}),
            "about",
            "unknown",
        ),
        (
            json!({"minutes": 5, "about": "food", "offered": []}),
            "offered",
            "required",
        ),
        (
            json!({"minutes": 5, "about": "food", "offered": ["advice"]}),
            "offered.0",
            "unknown",
        ),
        (
            json!({"minutes": 5, "about": "food", "offered": ["listened"], "channel": "fax"}),
            "channel",
            "unknown",
        ),
        (
            json!({"minutes": 5, "about": "food", "offered": ["listened"], "at": "2026-09-01T00:00:00Z"}),
            "at",
            "out_of_range",
        ),
        (
            json!({"minutes": 5, "about": "food", "offered": ["listened"], "at": "soon"}),
            "at",
            "invalid",
        ),
    ] {
        let (s, b) = t.post("/api/v1/warmline", Some(&token), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        assert_eq!(b["error"]["fields"][field], words(code), "{body}: {b}");
    }
    let (s, _) = t
        .post(
            "/api/v1/warmline",
            Some(&token),
            &json!({"minutes": "five"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = t
        .post(
            "/api/v1/warmline",
            Some(&token),
            &json!({"minutes": 5, "name": "Zora"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "no field for a name");
    for caps in [
        [Capability::Finance],
        [Capability::Admin],
        [Capability::Submit],
    ] {
        let other = t.token(&caps).await;
        let (s, _) = t
            .post(
                "/api/v1/warmline",
                Some(&other),
                &json!({"minutes": 5, "about": "food", "offered": ["listened"]}),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{caps:?}");
    }
    let i = november(&t).await;
    assert_eq!(
        table(&i, "warmline")["cells"][0]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .sum::<u64>(),
        0
    );
}

#[tokio::test]
async fn the_warmline_page_logs_a_contact_and_names_what_to_fix() {
    let t = spawn_app().await;
    let pw = t.user("ines", &[Capability::Intake], None).await;
    let s = t.login("ines", &pw).await;
    let (status, html, _) = t.page("/warmline", Some(&s)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"about\"") && html.contains("name=\"offered\""));
    let (status, _, loc) = t
        .form(
            "/warmline",
            &s,
            &[
                ("minutes", "15"),
                ("about", "wanted_to_talk"),
                ("offered", "listened"),
                ("offered", "a_call_back"),
                ("channel", "phone"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/warmline?done=warmline"));
    let (status, html, _) = t
        .form(
            "/warmline",
            &s,
            &[("minutes", "many"), ("offered", "listened")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#minutes\""), "{html}");
    let (status, html, _) = t
        .form(
            "/warmline",
            &s,
            &[("minutes", "3"), ("offered", "listened")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("href=\"#about\"") && html.contains("value=\"listened\" checked"),
        "{html}"
    );
    let i = november(&t).await;
    assert_eq!(cell(table(&i, "warmline"), "wanted_to_talk"), 1);
    assert_eq!(cell(table(&i, "warmline_offered"), "a_call_back"), 1);
}
