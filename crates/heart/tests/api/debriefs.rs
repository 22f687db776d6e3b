//! Debriefs after hard calls over HTTP: "need help" and an EMS contact on one request open one debrief with both
//! reasons, due within 24 hours; an encounter closed as a hard one opens one; an ordinary close opens none; a
//! coordinator marks it done (only that, and time off) and it leaves the list; the responder sees it on their
//! account page; nobody but a coordinator lists them.

use heart_domain::access::Capability;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn hard_calls_open_a_debrief_that_a_coordinator_marks_done() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.3656, -71.1040)).await;
    let pw = t.user("amara", &[Capability::Respond], Some(team)).await;
    let amara = t.login("amara", &pw).await;
    let dispatch = t.token(&[Capability::Intake, Capability::Dispatch]).await;
    let coordinator = t.token(&[Capability::Coordinate]).await;
    let list = || async {
        let (s, b) = t.get("/api/v1/debriefs", Some(&coordinator)).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        b["debriefs"].as_array().unwrap().clone()
    };
    assert!(list().await.is_empty());

    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&dispatch),
            &json!({"summary": "a man in distress outside a building", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, _, _) = t.form("/responder/need-help", &amara, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let d = list().await;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["reasons"], json!(["need_help"]));
    assert_eq!(d[0]["request_id"], id.as_str());
    assert_eq!(d[0]["team_id"], team.to_string());
    assert_eq!(d[0]["due_at"], "2026-11-27T20:00:00Z", "within 24 hours");
    assert_eq!(d[0]["overdue"], false);
    // EMS on the same request: the same debrief, one more reason.
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/ems"),
            Some(&dispatch),
            &json!({"reason": "chest pain", "consent": "agreed"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let d = list().await;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["reasons"], json!(["need_help", "ems"]));
    // A day later it is overdue, and still listed.
    t.clock.advance(jiff::SignedDuration::from_hours(25));
    assert_eq!(list().await[0]["overdue"], true);
    let amara = t.login("amara", &pw).await;

    // The responder sees it on their account page; no coordinator's list for them.
    let (s, html, _) = t.page("/account", Some(&amara)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("EMS called") && html.contains("waiting for a talk"),
        "{html}"
    );
    let (s, _, _) = t.page("/debriefs", Some(&amara)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let responder = t.token(&[Capability::Respond]).await;
    let (s, _) = t.get("/api/v1/debriefs", Some(&responder)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Done: only that, and that someone asked for time off.
    let did = d[0]["id"].as_str().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/debriefs/{did}/done"),
            Some(&coordinator),
            &json!({"time_off": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(list().await.is_empty());
    let (s, _) = t
        .post(
            &format!("/api/v1/debriefs/{did}/done"),
            Some(&coordinator),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = t
        .post(
            "/api/v1/debriefs/0193a0b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b/done",
            Some(&coordinator),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, html, _) = t.page("/account", Some(&amara)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("talked"), "{html}");
    // "Need help" again on the same request after the talk: a new debrief.
    let (s, _, _) = t.form("/responder/need-help", &amara, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(list().await.len(), 1);
}

#[tokio::test]
async fn an_encounter_closed_as_a_hard_one_opens_a_debrief_and_an_ordinary_one_none() {
    let t = spawn_app().await;
    let intake = t.token(&[Capability::Intake]).await;
    let coordinator = t.token(&[Capability::Coordinate]).await;
    let phone_support = |summary: &'static str| {
        let intake = intake.clone();
        let t = &t;
        async move {
            let (_, r) = t
                .post(
                    "/api/v1/requests",
                    Some(&intake),
                    &json!({"summary": summary, "answers": {"wants_visit": "no", "medical": "no"}}),
                )
                .await;
            r["id"].as_str().unwrap().to_string()
        }
    };
    let ordinary = phone_support("wants to talk about bills").await;
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{ordinary}/close"),
            Some(&intake),
            &json!({"actions": "Listened; gave the fuel assistance number", "outcome": "resolved_for_now"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, b) = t.get("/api/v1/debriefs", Some(&coordinator)).await;
    assert_eq!(b["debriefs"], json!([]));
    let hard = phone_support("her son died this morning").await;
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{hard}/close"),
            Some(&intake),
            &json!({"actions": "Stayed on the line; a friend came", "outcome": "connected_to_support",
                    "death": true, "hard": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, b) = t.get("/api/v1/debriefs", Some(&coordinator)).await;
    assert_eq!(b["debriefs"][0]["reasons"], json!(["death", "hard"]), "{b}");
    assert_eq!(b["debriefs"][0]["request_id"], hard.as_str());
    // The coordinators' page lists it, and its form marks it done.
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (s, html, _) = t.page("/debriefs", Some(&rae)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Someone died"), "{html}");
    let did = b["debriefs"][0]["id"].as_str().unwrap();
    let (s, _, loc) = t.form(&format!("/debriefs/{did}/done"), &rae, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/debriefs?done=debrief"));
    let (_, b) = t.get("/api/v1/debriefs", Some(&coordinator)).await;
    assert_eq!(b["debriefs"], json!([]));
}
