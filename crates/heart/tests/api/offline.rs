//! The responder's view with no signal, over HTTP: the manifest and the service worker's scope, moves, check-ins
//! and the encounter sent later with the phone's key and time (done once however often they arrive, both times on
//! the request's page), what no longer applies answered 409, and signing out clearing what the phone kept.

use heart_domain::access::Capability::*;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_view_installs_and_its_worker_covers_it() {
    let t = spawn_app().await;
    let r = reqwest::get(format!("{}/manifest.webmanifest", t.url))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/manifest+json"
    );
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["start_url"], "/responder");
    assert_eq!(m["scope"], "/responder");
    assert_eq!(m["display"], "standalone");
    assert!(m["name"].as_str().is_some_and(|n| !n.is_empty()));
    for icon in m["icons"].as_array().unwrap() {
        let r = reqwest::get(format!("{}{}", t.url, icon["src"].as_str().unwrap()))
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{icon}");
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            icon["type"].as_str().unwrap()
        );
    }
    let r = reqwest::get(format!("{}/responder/sw.js", t.url))
        .await
        .unwrap();
    assert_eq!(r.headers()["service-worker-allowed"], "/responder");
    let sw = r.text().await.unwrap();
    assert!(sw.contains("importScripts(\"/static/outbox.js\")"));
}

#[tokio::test]
async fn what_a_phone_sent_later_is_done_once_with_both_times() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.3656, -71.1040)).await;
    let pw = t.user("amara", &[Respond], Some(team)).await;
    let amara = t.login("amara", &pw).await;
    let pw = t.user("bo", &[Respond], Some(team)).await;
    let bo = t.login("bo", &pw).await;
    let pw = t.user("dina", &[Dispatch, Intake], None).await;
    let dina = t.login("dina", &pw).await;
    let dispatch = t.token(&[Dispatch, Intake]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&dispatch),
            &json!({"summary": "x", "answers": {"medical": "no", "wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // The phone's times: "arrived" 25 minutes ago, the check-in 10, the encounter 5; all arrive now.
    let now = heart_domain::time::Clock::now(&*t.clock);
    let ago = |m: i64| (now - jiff::SignedDuration::from_mins(m)).to_string();
    let (arrived_at, checked_at, closed_at) = (ago(25), ago(10), ago(5));
    let arrive = "6f1c2a4e-0b7d-4c9e-8a51-3d2f7e9b0c11";
    let (v, _) = version(&t, &id, &dispatch).await;
    let v = v.to_string();
    let arrival = [
        ("request", id.as_str()),
        ("to", "on_scene"),
        ("version", v.as_str()),
        ("back", "/responder"),
        ("device_key", arrive),
        ("device_at", arrived_at.as_str()),
    ];
    let (s, _, loc) = t.form("/responder/status", &amara, &arrival).await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/responder"))
    );
    // Sent again (the answer was lost on the way): done once, answered as done, not "changed meanwhile".
    let (s, _, loc) = t.form("/responder/status", &amara, &arrival).await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/responder"))
    );
    let (v2, status) = version(&t, &id, &dispatch).await;
    assert_eq!(
        (v2, status.as_str()),
        (v.parse::<i64>().unwrap() + 1, "on_scene")
    );
    // Another person's phone cannot reuse the key.
    let (s, body, _) = t.form("/responder/status", &bo, &arrival).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("This was used already."), "{body}");

    let check = [
        ("device_key", "a2b3c4d5-e6f7-4a8b-9c0d-e1f2a3b4c5d6"),
        ("device_at", checked_at.as_str()),
    ];
    for _ in 0..2 {
        let (s, _, _) = t.form("/responder/check-in", &amara, &check).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    let encounter = [
        ("request", id.as_str()),
        ("needs", "housing"),
        ("actions", "Warm drink, shelter list"),
        ("outcome", "resolved_for_now"),
        ("back", "/responder"),
        ("device_key", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"),
        ("device_at", closed_at.as_str()),
    ];
    for _ in 0..2 {
        let (s, _, loc) = t.form("/responder", &amara, &encounter).await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/responder?done=closed"))
        );
    }
    let (_, full) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&dispatch))
        .await;
    assert_eq!(full["status"], "closed");
    assert_eq!(
        full["encounters"].as_array().unwrap().len(),
        1,
        "one encounter, not two"
    );

    // The request's page shows what the phone did, with the phone's time and the time received.
    let (s, page, _) = t.page(&format!("/requests/{id}"), Some(&dina)).await;
    assert_eq!(s, StatusCode::OK);
    let start = page
        .find("Sent from a phone after a time with no signal")
        .expect(&page);
    let table = &page[start..page[start..].find("</table>").unwrap() + start];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3, "{table}");
    for (row, (what, at)) in rows.iter().zip([
        ("Arrived", &arrived_at),
        ("We are OK", &checked_at),
        ("The encounter record", &closed_at),
    ]) {
        assert!(row.contains(what), "{row}");
        let at: jiff::Timestamp = at.parse().unwrap();
        assert!(
            row.contains(&format!("datetime=\"{}", &at.to_string()[..16])),
            "{row}"
        );
        assert!(
            row.contains(&format!("datetime=\"{}", &now.to_string()[..16])),
            "{row}"
        );
    }

    // An action that no longer applies (the request was closed meanwhile) is answered 409, and nothing is kept.
    let late = [
        ("request", id.as_str()),
        ("to", "en_route"),
        ("version", v.as_str()),
        ("back", "/responder"),
        ("device_key", "11111111-2222-4333-8444-555555555555"),
        ("device_at", closed_at.as_str()),
    ];
    let (s, _, _) = t.form("/responder/status", &amara, &late).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&dina)).await;
    assert_eq!(page.matches("<td>On our way</td>").count(), 0);
}

#[tokio::test]
async fn a_bad_key_or_time_is_refused_and_nothing_moves() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.3656, -71.1040)).await;
    let pw = t.user("amara", &[Respond], Some(team)).await;
    let amara = t.login("amara", &pw).await;
    let now = heart_domain::time::Clock::now(&*t.clock);
    let far = (now + jiff::SignedDuration::from_hours(48)).to_string();
    for (fields, field, says) in [
        (
            vec![("device_key", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f")],
            "device_at",
            "This is needed.",
        ),
        (
            vec![
                ("device_key", "short"),
                ("device_at", "2026-12-05T01:00:00Z"),
            ],
            "device_key",
            "This does not look right.",
        ),
        (
            vec![
                ("device_key", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"),
                ("device_at", "yesterday"),
            ],
            "device_at",
            "This does not look right.",
        ),
        (
            vec![
                ("device_key", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"),
                ("device_at", far.as_str()),
            ],
            "device_at",
            "This is outside the allowed range.",
        ),
    ] {
        let (s, body, _) = t.form("/responder/check-in", &amara, &fields).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        assert!(body.contains(says), "{field}: {body}");
    }
    let teams = t.app.teams_now().await.unwrap();
    let central = teams.iter().find(|x| x.row.id == team).unwrap();
    assert_eq!(central.row.checkin_at, None, "no check-in was kept");
}

#[tokio::test]
async fn signing_out_clears_what_the_phone_kept() {
    let t = spawn_app().await;
    let pw = t.user("amara", &[Respond], None).await;
    let amara = t.login("amara", &pw).await;
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/logout", t.url))
        .header("cookie", &amara.cookie)
        .form(&[("csrf", amara.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["clear-site-data"], "\"cache\", \"storage\"");
}

async fn version(t: &heart_testkit::TestApp, id: &str, token: &str) -> (i64, String) {
    let (_, r) = t.get(&format!("/api/v1/requests/{id}"), Some(token)).await;
    (
        r["version"].as_i64().unwrap(),
        r["status"].as_str().unwrap().to_string(),
    )
}
