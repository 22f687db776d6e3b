//! Hours and rest on the rota (issue 27.4): a place past the team's hours in a week (`week_hours`, 20) or with too
//! little rest between two shifts (`rest_hours`, 10) is not taken silently: the person is warned and may sign up
//! anyway (the coordinators are told, and see it on the rota); a coordinator placing someone past them gives a
//! reason, kept in the audit entry. Each person sees their own hours this week.

use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn slots(t: &TestApp, token: &str) -> Vec<Value> {
    let (s, b) = t
        .get("/api/v1/rota?from=2026-11-30&to=2026-12-06", Some(token))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["slots"].as_array().unwrap().clone()
}

fn at<'a>(slots: &'a [Value], start: &str) -> &'a str {
    slots
        .iter()
        .find(|s| s["start"] == start)
        .unwrap_or_else(|| panic!("no slot at {start}: {slots:?}"))["id"]
        .as_str()
        .unwrap()
}

async fn sign_up(t: &TestApp, token: &str, slot: &str, anyway: bool) -> (StatusCode, Value) {
    let q = if anyway { "?anyway=true" } else { "" };
    t.post(
        &format!("/api/v1/rota/slots/{slot}/signup{q}"),
        Some(token),
        &json!({}),
    )
    .await
}

#[tokio::test]
async fn past_the_hours_or_the_rest_the_person_is_warned_and_a_coordinator_gives_a_reason() {
    let t = spawn_app().await;
    // Thursday 26 November 2026, 15:00 in Cambridge. Next week: eight hours each weekday morning, and three hours on
    // Monday evening (four hours after the morning's shift ends).
    let north = t.team("North", (42.388, -71.119)).await;
    let pw = t.user("coord", &[Coordinate], None).await;
    let coord = t.login("coord", &pw).await;
    let (s, b, _) = t
        .form(
            "/rota/pattern",
            &coord,
            &[
                ("pattern_team", north.to_string().as_str()),
                ("pattern", "mon-fri 08:00-16:00; mon 20:00-23:00"),
                ("needed", "3"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{b}");
    let dispatch = t.token(&[Dispatch]).await;
    let week = slots(&t, &dispatch).await;
    let day = |d: &str| at(&week, &format!("2026-{d}T13:00:00Z")).to_string();
    let evening = at(&week, "2026-12-01T01:00:00Z").to_string();
    let one = t.token_for("north-1", &[Respond]).await;

    // Sixteen hours: fine. A third day would be 24: refused, then taken anyway.
    for d in ["11-30", "12-01"] {
        let (s, b) = sign_up(&t, &one, &day(d), false).await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    let (s, b) = sign_up(&t, &one, &day("12-02"), false).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(
        b["error"]["fields"]["slot"],
        "This goes past the hours a week the team set."
    );
    let (s, b) = sign_up(&t, &one, &day("12-02"), true).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // Monday evening, four hours after Monday's shift: too little rest.
    let two = t.token_for("north-2", &[Respond]).await;
    sign_up(&t, &two, &day("11-30"), false).await;
    let (s, b) = sign_up(&t, &two, &evening, false).await;
    assert_eq!(
        (s, &b["error"]["fields"]["slot"]),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!("This leaves too little rest between two shifts.")
        )
    );

    // On the page, the person is asked to confirm, and may.
    let s2 = t.login("north-2", "a test password").await;
    let (_, html, _) = t.page("/rota", Some(&s2)).await;
    assert!(
        html.contains("Your hours on the rota this week: 0 of 20."),
        "{html}"
    );
    let path = format!("/rota/slots/{evening}");
    let (s, html, _) = t.form(&path, &s2, &[("move", "sign_up")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Sign up anyway") && html.contains("Rest matters"));
    let (s, _, _) = t
        .form(&path, &s2, &[("move", "sign_up"), ("anyway", "on")])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // Their account page says where they stand.
    let (_, html, _) = t.page("/account", Some(&s2)).await;
    assert!(html.contains("Your hours on the rota this week: 0 of 20."));
    assert!(html.contains("at least 10 hours of rest"));

    // A coordinator placing someone past their hours gives a reason, kept in the audit entry.
    let audit_pw = t.user("north-3", &[Respond], Some(north)).await;
    let _ = audit_pw;
    let members = t.store.users().await.unwrap();
    let three = members.iter().find(|u| u.username == "north-3").unwrap().id;
    let one_id = members.iter().find(|u| u.username == "north-1").unwrap().id;
    let thursday = format!("/rota/slots/{}", day("12-03"));
    let (s, html, _) = t
        .form(
            &thursday,
            &coord,
            &[("move", "place"), ("member", one_id.to_string().as_str())],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("This goes past their hours or rest. Choose why to place them."),
        "{html}"
    );
    let (s, _, _) = t
        .form(
            &thursday,
            &coord,
            &[
                ("move", "place"),
                ("member", one_id.to_string().as_str()),
                ("reason", "short_staffed"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // Someone within their hours needs no reason.
    let (s, _, _) = t
        .form(
            &thursday,
            &coord,
            &[("move", "place"), ("member", three.to_string().as_str())],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let audit = t.store.audit_recent(100).await.unwrap();
    let details: Vec<&str> = audit
        .iter()
        .filter(|e| e.entry.action.starts_with("rota."))
        .map(|e| e.entry.detail.as_str())
        .collect();
    assert!(
        details
            .iter()
            .any(|d| d.ends_with("past_hours reason:short_staffed")),
        "{details:?}"
    );
    assert_eq!(
        details.iter().filter(|d| d.contains("past_")).count(),
        3,
        "anyway twice, placed with a reason once: {details:?}"
    );

    // The coordinators see who is past their hours or rest.
    let (_, html, _) = t.page("/rota", Some(&coord)).await;
    let from = html.find("Past hours or rest").expect("the section");
    let section = &html[from..];
    assert!(section.contains("north-1: 32 hours"), "{section}");
    assert!(section.contains("north-2 has too little rest"), "{section}");
    assert!(!section[..section.find("</section>").unwrap()].contains("north-3"));
}
