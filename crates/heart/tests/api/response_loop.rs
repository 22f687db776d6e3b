use heart_domain::access::Capability::*;
use heart_store::RequestOp;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_whole_loop_over_http() {
    let t = spawn_app().await;
    let near = t.team("Team Central", (42.3656, -71.1040)).await;
    let _far = t.team("Team North", (42.3880, -71.1190)).await;
    let intake = t.person_token(&[Intake]).await;
    let dispatch = t.person_token(&[Dispatch]).await;
    let coordinator = t.person_token(&[Coordinate]).await;

    // A call-taker takes the grief story: a team goes now.
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({
                "channel": "phone",
                "summary": "Young man in distress outside the building where his mother died",
                "location": {"text": "Central Square", "lat": 42.3651, "lon": -71.1035},
                "contact": {"name": "Neighbour", "phone": "617-555-0100"},
                "language": "en",
                "answers": {"medical": "no", "in_area": "yes", "where_now": "outside", "distress": "acute"}
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["status"], "triaged");
    assert_eq!(r["triage"]["outcome"], "field_response");
    assert_eq!(r["triage"]["priority"], 1);
    let id = r["id"].as_str().unwrap().to_string();

    // It is on the open list, first.
    let (s, list) = t.get("/api/v1/requests?status=open", Some(&dispatch)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["requests"][0]["id"], id.as_str());

    // The nearest available team is recommended first.
    let (s, recs) = t
        .get(
            &format!("/api/v1/requests/{id}/recommendations"),
            Some(&dispatch),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(recs["teams"][0]["id"], near.to_string());
    assert!(recs["teams"][0]["distance_km"].as_f64().unwrap() < 0.2);

    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": near.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "assigned");
    // The team is now assigned: it cannot take a second request.
    let (_, teams) = t.get("/api/v1/teams", Some(&dispatch)).await;
    let central = teams["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == near.to_string())
        .unwrap()
        .clone();
    assert_eq!(central["status"], "assigned");

    t.clock.advance(jiff::SignedDuration::from_mins(2));
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&dispatch),
            &json!({"to": "en_route"}),
        )
        .await;
    assert_eq!(
        (s, r["status"].as_str()),
        (StatusCode::OK, Some("en_route"))
    );
    t.clock.advance(jiff::SignedDuration::from_mins(9));
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&dispatch),
            &json!({"to": "on_scene"}),
        )
        .await;
    assert_eq!(
        (s, r["status"].as_str()),
        (StatusCode::OK, Some("on_scene"))
    );

    // Closing on scene needs the encounter record.
    t.clock.advance(jiff::SignedDuration::from_mins(50));
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&dispatch),
            &json!({
                "needs": ["mental_health", "other"],
                "actions": "Sat with him for an hour; called his aunt together.",
                "own_words": "I just needed someone to stay.",
                "outcome": "connected_to_support",
                "follow_up_consent": true,
                "follow_up_method": "text"
            }),
        )
        .await;
    // Texts were never marked safe for this person: refused until they say so.
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
    assert!(
        r["error"]["fields"]["follow_up_method"]
            .as_str()
            .unwrap()
            .contains("not marked safe")
    );
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&dispatch),
            &json!({
                "needs": ["mental_health", "other"],
                "actions": "Sat with him for an hour; called his aunt together.",
                "own_words": "I just needed someone to stay.",
                "outcome": "connected_to_support",
                "follow_up_consent": true,
                "follow_up_method": "text",
                "follow_up_safe_confirmed": true
            }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        r["safe_contact"]["text_ok"], true,
        "what the person said is kept"
    );
    assert_eq!(r["status"], "closed");
    assert_eq!(r["outcome"], "connected_to_support");

    // Timestamps for every step, by the server's clock.
    let (_, full) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&dispatch))
        .await;
    let steps: Vec<&str> = full["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "received", "triaged", "assigned", "en_route", "on_scene", "closed"
        ]
    );
    assert_eq!(full["history"][3]["at"], "2026-11-26T20:02:00Z");
    assert_eq!(
        full["encounters"][0]["own_words"],
        "I just needed someone to stay."
    );

    // The team is wrapping up, and the follow-up is due in 48 hours.
    let (_, teams) = t.get("/api/v1/teams", Some(&dispatch)).await;
    assert!(
        teams["teams"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == near.to_string() && x["status"] == "wrapping_up")
    );
    let (s, fu) = t.get("/api/v1/follow-ups", Some(&coordinator)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(fu["follow_ups"][0]["due"], false);
    assert_eq!(fu["follow_ups"][0]["due_at"], "2026-11-28T21:01:00Z");
    t.clock.advance(jiff::SignedDuration::from_hours(49));
    let (_, fu) = t.get("/api/v1/follow-ups", Some(&coordinator)).await;
    assert_eq!(fu["follow_ups"][0]["due"], true);
    let fid = fu["follow_ups"][0]["id"].as_str().unwrap().to_string();
    let (s, _) = t
        .post(
            &format!("/api/v1/follow-ups/{fid}/done"),
            Some(&coordinator),
            &json!({"note": "Called; he is with family."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, fu) = t.get("/api/v1/follow-ups", Some(&coordinator)).await;
    assert!(fu["follow_ups"].as_array().unwrap().is_empty());

    // Every change left an audit entry in the same transaction.
    let audit = t.app.store.audit_for("request", &id).await.unwrap();
    let actions: Vec<&str> = audit
        .iter()
        .map(|a| a.entry.action.as_str())
        .filter(|a| *a != "request.read")
        .collect();
    // Reads of the record left their own entries.
    assert!(audit.iter().any(|a| a.entry.action == "request.read"));
    assert_eq!(
        actions,
        [
            "request.create",
            "request.screen",
            "request.assign",
            "request.en_route",
            "request.on_scene",
            "encounter.create",
            "request.close"
        ]
    );
    assert!(
        audit
            .iter()
            .all(|a| !a.entry.detail.contains("aunt") && !a.entry.detail.contains("617"))
    );
}

#[tokio::test]
async fn anonymous_unscreened_then_screened_then_waiting_when_no_team_is_free() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Someone sleeping in the ATM vestibule, it is freezing"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(r["status"], "received");
    assert_eq!(r["triage"]["outcome"], "needs_screening");
    assert!(r["triage"]["priority"].is_null());
    assert!(r["contact"]["name"].is_null());
    let id = r["id"].as_str().unwrap();
    // No team on shift: screening puts it in the queue, honestly.
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/screen"),
            Some(&intake),
            &json!({"answers": {"medical": "no", "in_area": "yes", "where_now": "sheltering", "weather": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "waiting");
    assert_eq!(r["triage"]["priority"], 2);
}

#[tokio::test]
async fn phone_support_closes_without_a_team_and_ems_is_recorded_with_consent() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let answers = json!({"medical": "no", "in_area": "yes", "where_now": "home", "distress": "struggling",
        "suicide": "thoughts", "wants_visit": "no", "harm_at_home": "yes", "money_need": "yes"});
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Cannot pay bills; partner controls money", "answers": answers}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(r["triage"]["outcome"], "phone_support");
    assert!(
        r["triage"]["rationale"]
            .as_str()
            .unwrap()
            .contains("Never police")
    );
    let id = r["id"].as_str().unwrap();
    let (s, r) = t
        .post(&format!("/api/v1/requests/{id}/close"), Some(&intake), &json!({"actions": "Phone support; mutual aid started", "outcome": "ongoing_support", "needs": ["money", "safety"], "follow_up_consent": true, "follow_up_method": "phone", "follow_up_safe_confirmed": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "closed");

    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "collapsed, slow breathing", "answers": {"medical": "yes"}}),
        )
        .await;
    assert_eq!(r["triage"]["outcome"], "ems_medical");
    let id = r["id"].as_str().unwrap();
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/ems"),
            Some(&intake),
            &json!({"reason": "", "consent": "maybe"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r["error"]["fields"]["ems_reason"].is_string()
            && r["error"]["fields"]["ems_consent"].is_string()
    );
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/ems"),
            Some(&intake),
            &json!({"reason": "Possible overdose", "consent": "agreed"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r["ems"]["consent"], "agreed");
}

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
    let alerts = t.app.store.open_alerts().await.unwrap();
    assert_eq!(alerts[0].kind.as_str(), "checkin_lapsed");
    // "We are OK" clears it.
    let (s, _, _) = t.form("/responder/check-in", &amara, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(t.app.store.open_alerts().await.unwrap().is_empty());

    // Need help: dispatch and the other team see it; it goes nowhere else.
    let (s, _, _) = t.form("/responder/need-help", &amara, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let alerts = t.app.store.open_alerts().await.unwrap();
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
    let audit = t.app.store.audit_for("request", &id).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entry.action == "encounter.create" && a.entry.detail == "needs:2")
    );
    assert!(audit.iter().all(|a| !a.entry.detail.contains("housing")));
}

#[tokio::test]
async fn nobody_goes_out_alone() {
    let t = spawn_app().await;
    let solo = t
        .app
        .create_team(&heart_app::Actor::cli(), "Solo", Some((42.36, -71.10)))
        .await
        .unwrap();
    let now = heart_testkit::test_now();
    t.app
        .add_shift(
            &heart_app::Actor::cli(),
            solo.id,
            now,
            now.checked_add(jiff::SignedDuration::from_hours(4))
                .unwrap(),
        )
        .await
        .unwrap();
    t.user("only-one", &[Respond], Some(solo.id)).await;
    let tok = t.token(&[Intake, Dispatch]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&tok),
            &json!({"team_id": solo.id.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        b["error"]["message"]
            .as_str()
            .unwrap()
            .contains("two or more responders")
    );
    t.user("second", &[Respond], Some(solo.id)).await;
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&tok),
            &json!({"team_id": solo.id.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn calling_off_a_team_on_scene_keeps_it_wrapping_up_and_needs_dispatch() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.36, -71.10)).await;
    let intake = t.token(&[Intake]).await;
    let dispatch = t.token(&[Dispatch]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap();
    t.post(
        &format!("/api/v1/requests/{id}/assign"),
        Some(&dispatch),
        &json!({"team_id": team.to_string()}),
    )
    .await;
    t.post(
        &format!("/api/v1/requests/{id}/transition"),
        Some(&dispatch),
        &json!({"to": "on_scene"}),
    )
    .await;
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&intake),
            &json!({"to": "cancelled"}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "once a team is out, only dispatch calls it off"
    );
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&dispatch),
            &json!({"to": "cancelled"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, teams) = t.get("/api/v1/teams", Some(&dispatch)).await;
    assert_eq!(
        teams["teams"][0]["status"], "wrapping_up",
        "still out there: not silently available"
    );
}

/// A client retrying after a timeout or a 503 sends the same Idempotency-Key and gets the first request back,
/// never a second one; a different sender's same key is theirs alone.
#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_makes_one_request() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let other = t.token(&[Intake]).await;
    let send = |token: String, key: &'static str| {
        let (client, url) = (t.client.clone(), t.url.clone());
        async move {
            client
                .post(format!("{url}/api/v1/requests"))
                .bearer_auth(token)
                .header("Idempotency-Key", key)
                .json(&json!({"summary": "Person sheltering in the ATM vestibule"}))
                .send()
                .await
                .unwrap()
        }
    };
    let first = send(intake.clone(), "abc-1").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let id = first.json::<serde_json::Value>().await.unwrap()["id"].clone();
    // Retries, some at once: all answer the first request.
    let retries = futures::future::join_all((0..5).map(|_| send(intake.clone(), "abc-1"))).await;
    for r in retries {
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(r.headers()["idempotent-replayed"], "true");
        assert_eq!(r.json::<serde_json::Value>().await.unwrap()["id"], id);
    }
    let theirs = send(other, "abc-1").await;
    assert_ne!(theirs.json::<serde_json::Value>().await.unwrap()["id"], id);
    let (_, list) = t.get("/api/v1/requests?status=open", Some(&intake)).await;
    assert_eq!(list["requests"].as_array().unwrap().len(), 2);
    // A key that is not visible ASCII is refused by field.
    let bad = t
        .client
        .post(format!("{}/api/v1/requests", t.url))
        .bearer_auth(&intake)
        .header("Idempotency-Key", "")
        .json(&json!({"summary": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The same key with another request is refused, not answered with the first one; nothing is made.
    let reused = t
        .client
        .post(format!("{}/api/v1/requests", t.url))
        .bearer_auth(&intake)
        .header("Idempotency-Key", "abc-1")
        .json(&json!({"summary": "Someone else entirely"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), StatusCode::CONFLICT);
    let body = reused.json::<serde_json::Value>().await.unwrap();
    assert!(body.to_string().contains("different request"), "{body}");
    let (_, list) = t.get("/api/v1/requests?status=open", Some(&intake)).await;
    assert_eq!(list["requests"].as_array().unwrap().len(), 2);
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
    let a = t.app.store.open_alerts().await.unwrap().remove(0);
    assert_eq!((a.lat, a.lon), (Some(base.0), Some(base.1)));
    assert_eq!(a.position_source.as_deref(), Some("base"));
    let (_, html, _) = t.page("/board/alerts", Some(&board)).await;
    assert!(html.contains("no better position known"), "{html}");
    let (s, _, _) = t
        .form(&format!("/alerts/{}/clear", a.id), &board, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let cleared = t.app.store.alert(a.id).await.unwrap().unwrap();
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
    let a = t.app.store.open_alerts().await.unwrap().remove(0);
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
    let a = t.app.store.open_alerts().await.unwrap().remove(0);
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
    let after = t.app.store.alert(a.id).await.unwrap().unwrap();
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

/// The reference a person is told ("Your reference: 12a663") opens the request on the API and the pages, and the
/// board's box finds it.
#[tokio::test]
async fn a_reference_opens_the_request() {
    let t = spawn_app().await;
    let intake = t.person_token(&[Intake, Dispatch]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Call me back"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let reference = r["reference"].as_str().unwrap().to_string();
    assert_eq!(reference.len(), 6);
    assert!(id.ends_with(&reference));
    let (s, b) = t
        .get(&format!("/api/v1/requests/{reference}"), Some(&intake))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["id"], id.as_str());
    let (s, b) = t
        .get(
            &format!("/api/v1/requests/{}", reference.to_uppercase()),
            Some(&intake),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, _) = t.get("/api/v1/requests/zzzzzz", Some(&intake)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let pw = t.user("disp", &[Dispatch], None).await;
    let board = t.login("disp", &pw).await;
    let (s, page, _) = t
        .page(&format!("/requests/{reference}"), Some(&board))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Call me back"));
    let (s, _, loc) = t
        .page(
            &format!("/requests/find?reference=+{reference}+"),
            Some(&board),
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some(format!("/requests/{id}").as_str()));
    let (_, html, _) = t.page("/board", Some(&board)).await;
    assert!(html.contains("action=\"/requests/find\""));

    // Two requests that end alike: the reference is refused with 409, listing both ids.
    let row = t
        .app
        .store
        .request(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut twin = row.clone();
    let twin_id = format!("00000000-0000-4000-8000-000000{reference}");
    twin.id = twin_id.parse().unwrap();
    t.app
        .store
        .apply(
            heart_store::ChangeSet::new()
                .op(heart_store::Op::Request(RequestOp::InsertRequest(twin))),
        )
        .await
        .unwrap();
    let (s, b) = t
        .get(&format!("/api/v1/requests/{reference}"), Some(&intake))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(
        b.to_string().contains(&id) && b.to_string().contains(&twin_id),
        "{b}"
    );
    // The full id still opens each.
    let (s, _) = t
        .get(&format!("/api/v1/requests/{twin_id}"), Some(&intake))
        .await;
    assert_eq!(s, StatusCode::OK);
}
