//! Intake over HTTP: a request in, screened later, found by its reference, made once however often it is sent.

use heart_domain::access::Capability::*;
use heart_store::RequestOp;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

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
    let row = t.store.request(id.parse().unwrap()).await.unwrap().unwrap();
    let mut twin = row.clone();
    let twin_id = format!("00000000-0000-4000-8000-000000{reference}");
    twin.id = twin_id.parse().unwrap();
    t.store
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
