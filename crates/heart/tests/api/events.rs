use futures::StreamExt;
use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Reads SSE frames until `n` data events arrived (or 5 s passed).
async fn read_events(resp: reqwest::Response, n: usize) -> Vec<(String, Value)> {
    let mut stream = resp.bytes_stream();
    let mut buf = String::new();
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while out.len() < n {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("events in time")
            .expect("stream open")
            .unwrap();
        buf.push_str(std::str::from_utf8(&chunk).unwrap());
        while let Some(end) = buf.find("\n\n") {
            let frame: String = buf[..end].to_string();
            buf.drain(..end + 2);
            let mut id = String::new();
            let mut data = None;
            for line in frame.lines() {
                if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().to_string();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data = Some(serde_json::from_str(v.trim()).unwrap());
                }
            }
            if let Some(d) = data {
                out.push((id, d));
            }
        }
    }
    out
}

async fn connect(t: &TestApp, token: Option<&str>, last: Option<&str>) -> reqwest::Response {
    let mut r = t.client.get(format!("{}/events", t.url));
    if let Some(tok) = token {
        r = r.bearer_auth(tok);
    }
    if let Some(l) = last {
        r = r.header("last-event-id", l);
    }
    r.send().await.unwrap()
}

#[tokio::test]
async fn events_name_what_changed_and_nothing_personal() {
    let t = spawn_app().await;
    let dispatch = t.token(&[Dispatch]).await;
    let intake = t.token(&[Intake]).await;
    assert_eq!(
        connect(&t, None, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        connect(&t, Some(&intake), None).await.status(),
        StatusCode::FORBIDDEN
    );
    let resp = connect(&t, Some(&dispatch), None).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let (_, r) = t
        .post("/api/v1/requests", Some(&intake), &json!({"summary": "Maria Lopez at 12 Elm St, 617-555-0199", "contact": {"name": "Maria Lopez"}}))
        .await;
    let events = read_events(resp, 1).await;
    let (id, data) = &events[0];
    assert!(!id.is_empty());
    assert_eq!(data, &json!({"kind": "request.created", "id": r["id"]}));
    let raw = data.to_string();
    assert!(!raw.contains("Maria") && !raw.contains("Elm") && !raw.contains("555"));
}

#[tokio::test]
async fn a_dropped_connection_catches_up_with_last_event_id() {
    let t = spawn_app().await;
    let dispatch = t.token(&[Dispatch]).await;
    let intake = t.token(&[Intake]).await;
    let resp = connect(&t, Some(&dispatch), None).await;
    t.post(
        "/api/v1/requests",
        Some(&intake),
        &json!({"summary": "one"}),
    )
    .await;
    let first = read_events(resp, 1).await;
    let last_id = first[0].0.clone();
    // Disconnected: two more requests arrive meanwhile.
    let (_, a) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "two"}),
        )
        .await;
    let (_, b) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "three"}),
        )
        .await;
    let resp = connect(&t, Some(&dispatch), Some(&last_id)).await;
    let missed = read_events(resp, 2).await;
    assert_eq!(missed[0].1["id"], a["id"]);
    assert_eq!(missed[1].1["id"], b["id"]);
}

#[tokio::test]
async fn responders_get_their_own_teams_events_only() {
    let t = spawn_app().await;
    let central = t.team("Team Central", (42.36, -71.10)).await;
    let north = t.team("Team North", (42.38, -71.11)).await;
    let pw = t.user("dev", &[Respond], Some(north)).await;
    let dev = t.login("dev", &pw).await;
    let ops = t.token(&[Dispatch, Intake]).await;
    let resp = t
        .client
        .get(format!("{}/events", t.url))
        .header("cookie", &dev.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (_, r1) = t
        .post(
            "/api/v1/requests",
            Some(&ops),
            &json!({"summary": "a", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let (_, r2) = t
        .post(
            "/api/v1/requests",
            Some(&ops),
            &json!({"summary": "b", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    t.post(
        &format!("/api/v1/requests/{}/assign", r1["id"].as_str().unwrap()),
        Some(&ops),
        &json!({"team_id": central.to_string()}),
    )
    .await;
    t.post(
        &format!("/api/v1/requests/{}/assign", r2["id"].as_str().unwrap()),
        Some(&ops),
        &json!({"team_id": north.to_string()}),
    )
    .await;
    let got = read_events(resp, 2).await;
    assert_eq!(got[0].1, json!({"kind": "request.updated", "id": r2["id"]}));
    assert_eq!(
        got[1].1,
        json!({"kind": "team.updated", "id": north.to_string()})
    );
}
