//! Training records over HTTP: recorded by a coordinator, shown with where each stands (current, running out within
//! 30 days, run out) to the coordinators and to the person; every bad field named with nothing written.

use heart_domain::access::Capability;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn trainings_are_recorded_and_what_runs_out_is_shown_first() {
    let t = spawn_app().await;
    let pw = t.user("amara", &[Capability::Respond], None).await;
    let coordinator = t.token(&[Capability::Coordinate]).await;
    // The clock's day is 26 November 2026.
    for (kind, date, expires) in [
        ("naloxone", "2025-12-10", Some("2026-12-10")),
        ("first_aid", "2024-06-01", Some("2026-06-01")),
        ("peer_support", "2026-02-01", None),
    ] {
        let (s, b) = t
            .post(
                "/api/v1/trainings",
                Some(&coordinator),
                &json!({"user": "amara", "kind": kind, "date": date, "expires": expires}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
    let (s, b) = t.get("/api/v1/trainings", Some(&coordinator)).await;
    assert_eq!(s, StatusCode::OK);
    let standing = |kind: &str| {
        b["trainings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["kind"] == kind)
            .unwrap()["standing"]
            .clone()
    };
    assert_eq!(standing("naloxone"), "expiring");
    assert_eq!(standing("first_aid"), "expired");
    assert_eq!(standing("peer_support"), "current");
    assert_eq!(b["trainings"][0]["user"], "amara");
    // The person sees their own on their account page.
    let amara = t.login("amara", &pw).await;
    let (s, html, _) = t.page("/account", Some(&amara)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Naloxone") && html.contains("runs out within 30 days"),
        "{html}"
    );
    // The coordinators' page puts what needs attention first; its form records, and removes.
    let rpw = t.user("rae", &[Capability::Coordinate], None).await;
    let rae = t.login("rae", &rpw).await;
    let (s, html, _) = t.page("/trainings", Some(&rae)).await;
    assert_eq!(s, StatusCode::OK);
    let soon = html
        .find("Needs attention")
        .expect("a section of what needs attention");
    assert!(html[soon..].find("has run out").is_some());
    let (s, _, loc) = t
        .form(
            "/trainings",
            &rae,
            &[
                ("user", "amara"),
                ("kind", "driving"),
                ("date", "2026-11-01"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/trainings?done=training"));
    let (_, b) = t.get("/api/v1/trainings", Some(&coordinator)).await;
    assert_eq!(b["trainings"].as_array().unwrap().len(), 4);
    let id = b["trainings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["kind"] == "driving")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _, _) = t.form(&format!("/trainings/{id}/remove"), &rae, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, b) = t.get("/api/v1/trainings", Some(&coordinator)).await;
    assert_eq!(b["trainings"].as_array().unwrap().len(), 3);
    let (s, _, _) = t.form(&format!("/trainings/{id}/remove"), &rae, &[]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    let t = spawn_app().await;
    t.user("amara", &[Capability::Respond], None).await;
    let coordinator = t.token(&[Capability::Coordinate]).await;
    let words = |code: &str| {
        heart_web::i18n::try_t(&heart_web::i18n::DEFAULT, &format!("field-error-{code}")).unwrap()
    };
    for (body, field, code) in [
        (
            json!({"user": "amara", "date": "2026-01-01"}),
            "kind",
            "required",
        ),
        (
            json!({"user": "amara", "kind": "juggling", "date": "2026-01-01"}),
            "kind",
            "unknown",
        ),
        (
            json!({"user": "nobody", "kind": "naloxone", "date": "2026-01-01"}),
            "user",
            "unknown",
        ),
        (
            json!({"kind": "naloxone", "date": "2026-01-01"}),
            "user",
            "required",
        ),
        (
            json!({"user": "amara", "kind": "naloxone"}),
            "date",
            "required",
        ),
        (
            json!({"user": "amara", "kind": "naloxone", "date": "2026-13-01"}),
            "date",
            "invalid_date",
        ),
        (
            json!({"user": "amara", "kind": "naloxone", "date": "2027-01-01"}),
            "date",
            "in_future",
        ),
        (
            json!({"user": "amara", "kind": "naloxone", "date": "2026-01-01", "expires": "2025-01-01"}),
            "expires",
            "before_start",
        ),
    ] {
        let (s, b) = t.post("/api/v1/trainings", Some(&coordinator), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        assert_eq!(b["error"]["fields"][field], words(code), "{body}: {b}");
    }
    let (_, b) = t.get("/api/v1/trainings", Some(&coordinator)).await;
    assert_eq!(b["trainings"], json!([]));
    for caps in [
        [Capability::Respond],
        [Capability::Admin],
        [Capability::Dispatch],
    ] {
        let other = t.token(&caps).await;
        let (s, _) = t.get("/api/v1/trainings", Some(&other)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{caps:?}");
    }
}

#[tokio::test]
async fn a_request_that_needs_a_training_prefers_a_team_holding_it_and_says_when_none_does() {
    let t = spawn_app().await;
    let near = t.team("Team Central", (42.3656, -71.1040)).await;
    let far = t.team("Team North", (42.3880, -71.1190)).await;
    let intake = t.person_token(&[Capability::Intake]).await;
    let dispatch = t.person_token(&[Capability::Dispatch]).await;
    let coordinator = t.token(&[Capability::Coordinate]).await;
    // Someone in acute distress outside: the script's rule names de-escalation.
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({
                "summary": "Someone in distress outside the library",
                "location": {"text": "Central Square", "lat": 42.3651, "lon": -71.1035},
                "answers": {"medical": "no", "in_area": "yes", "where_now": "outside", "distress": "acute"}
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/requests/{id}/recommendations");
    // Nobody holds it: the nearest first, and every team says it has none.
    let (_, b) = t.get(&path, Some(&dispatch)).await;
    assert_eq!(b["training"], "de_escalation");
    assert_eq!(b["teams"][0]["id"], near.to_string());
    assert!(
        b["teams"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["has_training"] == false)
    );
    let pw = t.user("dee", &[Capability::Dispatch], None).await;
    let dee = t.login("dee", &pw).await;
    let (_, html, _) = t.page(&format!("/requests/{id}"), Some(&dee)).await;
    assert!(
        html.contains("No team on shift has anyone with it now."),
        "{html}"
    );
    // Someone on the farther team holds it, current: that team comes first.
    let (s, b) = t
        .post(
            "/api/v1/trainings",
            Some(&coordinator),
            &json!({"user": "team-north-2", "kind": "de_escalation", "date": "2026-06-01", "expires": "2027-06-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    // One that has run out does not count.
    t.post(
        "/api/v1/trainings",
        Some(&coordinator),
        &json!({"user": "team-central-1", "kind": "de_escalation", "date": "2024-06-01", "expires": "2025-06-01"}),
    )
    .await;
    let (_, b) = t.get(&path, Some(&dispatch)).await;
    assert_eq!(b["teams"][0]["id"], far.to_string(), "{b}");
    assert_eq!(b["teams"][0]["has_training"], true);
    assert_eq!(b["teams"][1]["has_training"], false);
    let (_, html, _) = t.page(&format!("/requests/{id}"), Some(&dee)).await;
    assert!(html.contains("Teams with it come first.") && html.contains("has the training"));
    // A request whose rule names no training carries none.
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let (_, b) = t
        .get(
            &format!(
                "/api/v1/requests/{}/recommendations",
                r["id"].as_str().unwrap()
            ),
            Some(&dispatch),
        )
        .await;
    assert!(
        b.get("training").is_none() && b["teams"][0].get("has_training").is_none(),
        "{b}"
    );
}
