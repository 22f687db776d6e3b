//! The responder's side over HTTP: their own team only, check-ins, "need help" with where they are.

use heart_domain::access::Capability::*;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn responders_move_only_their_own_team_and_safety_alerts_reach_dispatch() {
    let t = spawn_app().await;
    let central = t.team("Team Central", (42.3656, -71.1040)).await;
    let north = t.team("Team North", (42.3880, -71.1190)).await;
    let pw = t.user("amara", &[Respond], Some(central)).await;
    let amara = t.login("amara", &pw).await;
    let pw = t.user("dev", &[Respond], Some(north)).await;
    let dev = t.login("dev", &pw).await;
    let dispatch = t.token(&[Dispatch, Intake]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&dispatch),
            &json!({"summary": "x", "answers": {"medical": "no", "wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    t.post(
        &format!("/api/v1/requests/{id}/assign"),
        Some(&dispatch),
        &json!({"team_id": central.to_string()}),
    )
    .await;

    // Another team's responder cannot move it or see it.
    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/status"),
            &dev,
            &[("to", "en_route")],
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = t.page(&format!("/requests/{id}"), Some(&dev)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Its own team can.
    let (s, _, loc) = t
        .form(
            &format!("/requests/{id}/status"),
            &amara,
            &[("to", "en_route"), ("back", "/responder")],
        )
        .await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/responder"))
    );
    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/status"),
            &amara,
            &[("to", "on_scene")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);

    let (_, panel, _) = t.page("/responder/panel", Some(&amara)).await;
    assert!(panel.contains("Next check-in due in 20 min"), "{panel}");
    assert!(
        panel.contains("The person asked for someone to come"),
        "the screening's reason is shown: {panel}"
    );

    // 20 minutes on scene with no update: an alert for dispatch.
    t.clock.advance(jiff::SignedDuration::from_mins(19));
    assert_eq!(t.app.check_lapsed().await.unwrap(), 0);
    t.clock.advance(jiff::SignedDuration::from_mins(2));
    assert_eq!(t.app.check_lapsed().await.unwrap(), 1);
    assert_eq!(
        t.app.check_lapsed().await.unwrap(),
        0,
        "one alert, not one per tick"
    );
    let alerts = t.store.open_alerts().await.unwrap();
    assert_eq!(alerts[0].kind.as_str(), "checkin_lapsed");
    // "We are OK" clears it.
    let (s, _, _) = t.form("/responder/check-in", &amara, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(t.store.open_alerts().await.unwrap().is_empty());

    // Need help: dispatch and the other team see it; it goes nowhere else.
    let (s, _, _) = t.form("/responder/need-help", &amara, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let alerts = t.store.open_alerts().await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].kind.as_str(), "need_help");
    assert_eq!(alerts[0].lat, Some(42.3656));
    let (_, panel, _) = t.page("/responder/panel", Some(&dev)).await;
    assert!(panel.contains("A team needs help"), "{panel}");

    // Closing from the responder view records the encounter.
    let (s, _, loc) = t
        .form(
            &format!("/requests/{id}/close"),
            &amara,
            &[
                ("needs", "housing"),
                ("needs", "food"),
                ("actions", "Warm drink, shelter list"),
                ("outcome", "resolved_for_now"),
                ("back", "/responder"),
            ],
        )
        .await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/responder?done=closed"))
    );
    let (_, full) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&dispatch))
        .await;
    assert_eq!(full["status"], "closed");
    assert_eq!(full["encounters"][0]["needs"], json!(["housing", "food"]));

    // After closing, the team that was there can still open it (to follow up); another team cannot.
    let (s, _, _) = t.page(&format!("/requests/{id}"), Some(&amara)).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _, _) = t.page(&format!("/requests/{id}"), Some(&dev)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The audit log keeps how many needs, not which.
    let audit = t.store.audit_for("request", &id).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entry.action == "encounter.create" && a.entry.detail == "needs:2")
    );
    assert!(audit.iter().all(|a| !a.entry.detail.contains("housing")));
}

/// "Need help" places the team where it is (the phone, else the request's place while en route or on scene, else
/// the last shared position, else the base), says which and how old on the board, tells the responder when
/// dispatch was alerted, and keeps no position once cleared or once the person is erased.
#[tokio::test]
async fn need_help_places_the_team_where_it_is() {
    let t = spawn_app().await;
    // The team's base is about 3 km from the request.
    let base = (42.3880, -71.1190);
    let team = t.team("Team North", base).await;
    let dispatch = t.person_token(&[Intake, Dispatch]).await;
    let pw = t.user("disp", &[Dispatch], None).await;
    let board = t.login("disp", &pw).await;
    let responder = t.login("team-north-1", "a test password").await;
    let cherry = (42.3624, -71.0987);
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&dispatch),
            &json!({"summary": "Grieving outside the building", "location": {"text": "71 Cherry St", "lat": cherry.0, "lon": cherry.1},
                    "answers": {"medical": "no", "in_area": "yes", "where_now": "outside", "distress": "acute"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    // Assigned, not yet on the way: no better position than the base, and the board says so.
    let (s, _, _) = t.form("/responder/need-help", &responder, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let a = t.store.open_alerts().await.unwrap().remove(0);
    assert_eq!((a.lat, a.lon), (Some(base.0), Some(base.1)));
    assert_eq!(a.position_source.as_deref(), Some("base"));
    let (_, html, _) = t.page("/board/alerts", Some(&board)).await;
    assert!(html.contains("no better position known"), "{html}");
    let (s, _, _) = t
        .form(&format!("/alerts/{}/clear", a.id), &board, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let cleared = t.store.alert(a.id).await.unwrap().unwrap();
    assert_eq!(
        (cleared.lat, cleared.lon),
        (None, None),
        "cleared: no position kept"
    );

    // On scene at 71 Cherry St: the alert is there, not at the base.
    for to in ["en_route", "on_scene"] {
        let (s, _, _) = t
            .form(&format!("/requests/{id}/status"), &responder, &[("to", to)])
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    t.clock.advance(jiff::SignedDuration::from_mins(3));
    let (s, _, _) = t.form("/responder/need-help", &responder, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let a = t.store.open_alerts().await.unwrap().remove(0);
    assert_eq!((a.lat, a.lon), (Some(cherry.0), Some(cherry.1)));
    assert_eq!(a.position_source.as_deref(), Some("request"));
    let (_, html, _) = t.page("/board/alerts", Some(&board)).await;
    assert!(
        html.contains("where the team went (the request&#39;s place), 3 min ago"),
        "{html}"
    );
    // The responder sees that it went, and when.
    let (_, panel, _) = t.page("/responder/panel", Some(&responder)).await;
    assert!(panel.contains("Dispatch was alerted at"), "{panel}");
    // Need help is the first thing on the responder's screen.
    let help = panel.find("need-help-form").unwrap();
    assert!(
        panel.find("encounter").is_none_or(|e| help < e)
            && panel.find("position-form").is_none_or(|p| help < p),
        "need help comes first"
    );
    t.form(&format!("/alerts/{}/clear", a.id), &board, &[])
        .await;

    // The phone's own location, when the responder allowed it at the press, comes first.
    let (s, _, _) = t
        .form(
            "/responder/need-help",
            &responder,
            &[("lat", "42.3630"), ("lon", "-71.0990")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let a = t.store.open_alerts().await.unwrap().remove(0);
    assert_eq!((a.lat, a.lon), (Some(42.3630), Some(-71.0990)));
    assert_eq!(a.position_source.as_deref(), Some("device"));

    // Erasing the person removes the scene's position from an alert still open.
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&dispatch),
            &json!({"outcome": "resolved_for_now", "needs": [], "actions": "stayed with him"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 181));
    let report = t.app.run_retention(&heart_app::Actor::cli()).await.unwrap();
    assert_eq!(report.erased, 1);
    let after = t.store.alert(a.id).await.unwrap().unwrap();
    assert_eq!((after.lat, after.lon), (None, None));
}

/// When "Need help" cannot be sent, the responder is told so plainly, with dispatch's number to call.
#[tokio::test]
async fn need_help_that_could_not_be_sent_says_so_with_the_number_to_call() {
    let t = heart_testkit::spawn_app_with(|c| c.dispatch_phone = Some("617-555-0100".into())).await;
    // A responder with no team: the alert cannot be raised.
    let pw = t.user("loner", &[Respond], None).await;
    let s = t.login("loner", &pw).await;
    let r = t
        .client
        .post(format!("{}/responder/need-help", t.url))
        .header("cookie", &s.cookie)
        .form(&[("csrf", s.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error() || r.status().is_server_error());
    let html = r.text().await.unwrap();
    assert!(html.contains("Your alert was not sent"), "{html}");
    assert!(html.contains("href=\"tel:617-555-0100\""), "{html}");
    assert!(html.contains("href=\"tel:911\""));
}
