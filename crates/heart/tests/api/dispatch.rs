//! Dispatch over HTTP: the whole loop through the board, two people to a team, calling a team off.

use heart_domain::access::Capability::*;
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
    let audit = t.store.audit_for("request", &id).await.unwrap();
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
            // The phone number in either spelling: "617" alone also turns up inside the hex of an id (1 run in ~50).
            .all(|a| !a.entry.detail.contains("aunt")
                && !a.entry.detail.contains("555-0100")
                && !a.entry.detail.contains("5550100"))
    );
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
