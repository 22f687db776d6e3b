//! Every way in, end to end into the board: partners' signed alerts (signature, replay, dedupe by place, the
//! escalation timer, cleared alerts, status pages), Open311 GeoReport v2 in JSON and XML written from the spec,
//! closed and full on every channel, and the acknowledgement clock.

use heart_app::Actor;
use heart_crypto::webhook::heart_signature;
use heart_domain::access::Capability;
use heart_testkit::{Session, TestApp, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn partner(t: &TestApp, name: &str, kinds: &[&str], escalate: i64) -> (String, String) {
    let kinds: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
    let (p, secret) = t
        .app
        .add_partner(&Actor::cli(), name, &kinds, escalate, "")
        .await
        .unwrap();
    (p.slug, secret)
}

fn now_secs(t: &TestApp) -> i64 {
    heart_domain::time::Clock::now(t.clock.as_ref()).as_second()
}

/// Sends an alert signed as a partner does: (status, body).
async fn send(
    t: &TestApp,
    slug: &str,
    secret: &str,
    key: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let raw = serde_json::to_vec(body).unwrap();
    let ts = now_secs(t);
    send_raw(
        t,
        slug,
        Some(&ts.to_string()),
        Some(&heart_signature(secret.as_bytes(), ts, &raw)),
        key,
        raw,
    )
    .await
}

async fn send_raw(
    t: &TestApp,
    slug: &str,
    ts: Option<&str>,
    sig: Option<&str>,
    key: Option<&str>,
    raw: Vec<u8>,
) -> (StatusCode, Value) {
    let mut r = t
        .client
        .post(format!("{}/hooks/partner/{slug}", t.url))
        .header("content-type", "application/json")
        .body(raw);
    if let Some(ts) = ts {
        r = r.header("x-heart-timestamp", ts);
    }
    if let Some(sig) = sig {
        r = r.header("x-heart-signature", sig);
    }
    if let Some(k) = key {
        r = r.header("idempotency-key", k);
    }
    let resp = r.send().await.unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn open_requests(t: &TestApp) -> Vec<Value> {
    let token = t.person_token(&[Capability::Dispatch]).await;
    let (st, body) = t.get("/api/v1/requests?status=open", Some(&token)).await;
    assert_eq!(st, StatusCode::OK);
    body["requests"].as_array().cloned().unwrap_or_default()
}

fn atm(text: &str) -> Value {
    json!({"kind": "person_sheltering",
           "place": {"text": "ATM vestibule, 689 Massachusetts Ave", "lat": 42.36523, "lon": -71.10363},
           "text": text})
}

async fn status_json(t: &TestApp, url: &str) -> Value {
    let resp = t
        .client
        .get(url)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn a_partners_old_secret_keeps_working_through_the_grace_after_a_rotation_then_stops() {
    let t = spawn_app().await;
    let (slug, old) = partner(&t, "Harvard Square Bank", &["person_sheltering"], 0).await;
    let (_, new, until) = t
        .app
        .rotate_partner_secret(&Actor::cli(), "Harvard Square Bank")
        .await
        .unwrap();
    assert_ne!(new, old);
    let now = heart_domain::time::Clock::now(t.clock.as_ref());
    assert_eq!(
        until - now,
        jiff::SignedDuration::from_mins(60),
        "the default grace"
    );
    // Both secrets verify while the grace lasts.
    for (key, secret) in [("a-1", &old), ("a-2", &new)] {
        let (st, b) = send(&t, &slug, secret, Some(key), &atm("in the vestibule")).await;
        assert!(st.is_success(), "{key}: {st} {b}");
    }
    // After it, only the new one; the old one is refused like any wrong secret.
    t.clock.advance(jiff::SignedDuration::from_mins(61));
    let (st, b) = send(&t, &slug, &old, Some("a-3"), &atm("in the vestibule")).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "{b}");
    assert_eq!(b["error"]["code"], "unauthorized");
    let (st, b) = send(&t, &slug, &new, Some("a-4"), &atm("in the vestibule")).await;
    assert!(st.is_success(), "{st} {b}");
    // A second rotation ends the first secret's grace at once (only the one before it is kept).
    let (_, newer, _) = t
        .app
        .rotate_partner_secret(&Actor::cli(), &slug)
        .await
        .unwrap();
    let (st, _) = send(&t, &slug, &old, Some("a-5"), &atm("in the vestibule")).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    for (key, secret) in [("a-6", &new), ("a-7", &newer)] {
        let (st, b) = send(&t, &slug, secret, Some(key), &atm("in the vestibule")).await;
        assert!(st.is_success(), "{key}: {st} {b}");
    }
    // Rotating is audited and needs admin; a disabled partner is not given a new secret.
    let staff = t.actor_of(&dispatcher(&t).await).await;
    assert!(matches!(
        t.app.rotate_partner_secret(&staff, &slug).await,
        Err(heart_app::AppError::Forbidden(_))
    ));
    t.app.disable_partner(&Actor::cli(), &slug).await.unwrap();
    assert!(matches!(
        t.app.rotate_partner_secret(&Actor::cli(), &slug).await,
        Err(heart_app::AppError::Conflict(_))
    ));
}

#[tokio::test]
async fn a_partner_alarm_reaches_the_board_instead_of_the_police() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "Central Square Bank", &["person_sheltering"], 0).await;
    assert_eq!(slug, "central-square-bank");
    let (st, a) = send(
        &t,
        &slug,
        &secret,
        Some("alarm-1"),
        &atm("Someone has been in the vestibule over an hour; it is 20F out"),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    assert_eq!(a["state"], "received");
    assert_eq!(a["service"]["state"], "open");
    assert_eq!(a["service"]["alternatives"].as_array().unwrap().len(), 3);
    let url = a["status_url"].as_str().unwrap().to_string();
    assert!(url.contains("/status/"), "{url}");

    // On the board's queue, channel recorded, screened by what the partner knows: the kind (sheltering) and the
    // alarm's words (20F: exposed to the cold), so a team goes; nobody can phone the person, so never phone support.
    let open = open_requests(&t).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["channel"], "partner");
    assert_eq!(open[0]["requester"], "partner");
    assert_eq!(open[0]["answers"]["where_now"], "sheltering");
    assert_eq!(open[0]["answers"]["weather"], "yes");
    assert_eq!(open[0]["triage"]["outcome"], "field_response");
    assert_eq!(open[0]["triage"]["rule"], "sheltering_in_cold");
    assert_eq!(open[0]["triage"]["priority"], 2);

    // The status URL says how far along, and nothing about the person.
    let s = status_json(&t, &url).await;
    assert_eq!(s["progress"], "received");
    assert_eq!(s["kind"], "person_sheltering");
    assert!(!s.to_string().contains("vestibule over an hour"), "{s}");
    let (st, page, _) = t.page(&url.replace(&t.url, ""), None).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("The team has it"), "{page}");
    assert!(!page.contains("20F"), "{page}");

    // A team goes: the partner sees "on the way"; closed, "closed".
    let id = open[0]["id"].as_str().unwrap();
    let team = t.team("Team A", (42.3656, -71.1040)).await;
    let dispatch = t.person_token(&[Capability::Dispatch]).await;
    let (st, body) = t
        .post(
            &format!("/api/v1/requests/{id}/screen"),
            Some(&dispatch),
            &json!({"answers": {"where_now": "sheltering", "weather": "yes", "medical": "no"}}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let (st, body) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(status_json(&t, &url).await["progress"], "team_on_the_way");

    // There is no police destination: a field asking for one is refused by the format, nothing made.
    let mut bad = atm("x");
    bad["route_to"] = json!("police");
    let (st, body) = send(&t, &slug, &secret, Some("alarm-2"), &bad).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(open_requests(&t).await.len(), 1);
    // An unknown status token is a 404.
    let (st, _, _) = t.page("/status/not-a-token", None).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn waiting_for_a_first_reply_says_what_and_leaves_out_requests_a_team_is_with() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.3656, -71.1040)).await;
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    send(
        &t,
        &slug,
        &secret,
        None,
        &atm("Below freezing in the vestibule"),
    )
    .await;
    let s = dispatcher(&t).await;
    let actor = t.actor_of(&s).await;
    let clock = t.app.ack_clock(&actor).await.unwrap();
    assert_eq!(clock.waiting.len(), 1);
    assert_eq!(clock.waiting[0].outcome.as_str(), "field_response");
    assert_eq!(clock.waiting[0].priority, Some(2));
    let (_, board, _) = t.page("/board", Some(&s)).await;
    assert!(board.contains("Team goes out · Priority 2"), "{board}");
    // A team is sent by a system (no person acknowledged it): the person has a reply, so it no longer waits.
    let token = t.token(&[Capability::Dispatch]).await;
    let id = clock.waiting[0].id;
    let (st, r) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&token),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{r}");
    assert!(t.app.ack_clock(&actor).await.unwrap().waiting.is_empty());
}

#[tokio::test]
async fn errors_say_words_never_message_ids() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    let (st, e) = send(&t, &slug, &secret, None, &json!({"kind": "conflict"})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(!e.to_string().contains("field-error-"), "{e}");
    assert!(e.to_string().contains("not allowed"), "{e}");
}

#[tokio::test]
async fn a_person_nobody_can_phone_is_never_given_phone_support() {
    let t = spawn_app().await;
    // An alarm with no word about the weather: sheltering is known, the rest is not. The script's fallback would
    // be phone support; the person cannot be called, and is in a public place, so a team goes.
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering", "welfare_check"], 0).await;
    let (st, _) = send(&t, &slug, &secret, None, &atm("Someone in the vestibule")).await;
    assert_eq!(st, StatusCode::CREATED);
    let open = open_requests(&t).await;
    assert_eq!(
        open[0]["triage"]["outcome"], "field_response",
        "{}",
        open[0]
    );
    assert_eq!(open[0]["triage"]["rule"], "unreachable_in_public");
    assert!(open[0]["answers"].get("weather").is_none());

    // A form with no number, whose answers lead to phone support: it waits for a call-taker, with the reason.
    let intake = t.token(&[Capability::Intake]).await;
    let answers =
        json!({"medical": "no", "where_now": "home", "suicide": "thoughts", "wants_visit": "no"});
    let (st, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Worried about a friend", "channel": "web", "answers": answers}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{r}");
    assert_eq!(r["triage"]["outcome"], "needs_screening");
    assert_eq!(r["triage"]["rule"], "unreachable");
    assert!(
        r["triage"]["rationale"]
            .as_str()
            .unwrap()
            .contains("cannot be called or texted")
    );
    // The same answers with a number the person allows texts to: phone support.
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Worried", "channel": "web", "answers": answers,
                    "contact": {"phone": "617-555-0142"}, "safe_contact": {"text_ok": true}}),
        )
        .await;
    assert_eq!(r["triage"]["outcome"], "phone_support", "{r}");
    // Screening the first one again with the same answers is refused with the reason, on the field.
    let id = open[0]["id"].as_str().unwrap();
    let (st, e) = t
        .post(
            &format!("/api/v1/requests/{id}/screen"),
            Some(&intake),
            &json!({"answers": {"where_now": "home", "suicide": "thoughts", "wants_visit": "no"}}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(
        e.to_string().contains("cannot_be_phoned") || e.to_string().contains("no way to call"),
        "{e}"
    );
}

#[tokio::test]
async fn signatures_and_bad_bodies_are_refused_and_nothing_is_made() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "Library", &["referral", "welfare_check"], 0).await;
    let body = json!({"kind": "referral", "place": {"text": "Central Square Library"}});
    let raw = serde_json::to_vec(&body).unwrap();
    let ts = now_secs(&t);
    let good = heart_signature(secret.as_bytes(), ts, &raw);
    let tss = ts.to_string();
    #[allow(clippy::type_complexity)]
    let cases: Vec<(
        &str,
        Option<&str>,
        Option<String>,
        Vec<u8>,
        &str,
        StatusCode,
    )> = vec![
        (
            "missing signature",
            Some(&tss),
            None,
            raw.clone(),
            &slug,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "missing timestamp",
            None,
            Some(good.clone()),
            raw.clone(),
            &slug,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "wrong secret",
            Some(&tss),
            Some(heart_signature(b"not-the-secret", ts, &raw)),
            raw.clone(),
            &slug,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "body changed",
            Some(&tss),
            Some(good.clone()),
            b"{\"kind\":\"referral\"} ".to_vec(),
            &slug,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "unknown partner",
            Some(&tss),
            Some(good.clone()),
            raw.clone(),
            "no-such-partner",
            StatusCode::UNAUTHORIZED,
        ),
    ];
    for (what, ts, sig, raw, slug, want) in cases {
        let (st, b) = send_raw(&t, slug, ts, sig.as_deref(), None, raw).await;
        assert_eq!(st, want, "{what}: {b}");
        assert_eq!(b["error"]["code"], "unauthorized", "{what}");
    }
    // A timestamp six minutes old (the tolerance is five).
    let old = ts - 360;
    let (st, b) = send_raw(
        &t,
        &slug,
        Some(&old.to_string()),
        Some(&heart_signature(secret.as_bytes(), old, &raw)),
        None,
        raw.clone(),
    )
    .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "{b}");
    assert!(
        b["error"]["message"]
            .as_str()
            .unwrap()
            .contains("timestamp"),
        "{b}"
    );
    // Oversized: refused before anything is read.
    let big = vec![b'x'; 20 * 1024];
    let (st, _) = send_raw(&t, &slug, Some(&tss), Some(&good), None, big).await;
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
    // Malformed JSON, correctly signed: 400.
    let (st, b) = send(&t, &slug, &secret, None, &json!("just a string")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{b}");
    // A kind this partner may not send, no place: 422 by field.
    let (st, b) = send(
        &t,
        &slug,
        &secret,
        None,
        &json!({"kind": "person_sheltering"}),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(b["error"]["fields"]["kind"].is_string(), "{b}");
    assert!(b["error"]["fields"]["place"].is_string(), "{b}");
    // SMS-length text with emoji is fine; 4,001 characters is not.
    let long = "🙂".repeat(4_001);
    let (st, b) = send(
        &t,
        &slug,
        &secret,
        None,
        &json!({"kind": "referral", "place": {"text": "Library"}, "text": long}),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(open_requests(&t).await.len(), 0);
}

#[tokio::test]
async fn a_replay_makes_nothing_new_and_a_reused_key_is_refused() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "Shelter", &["referral"], 0).await;
    let body = json!({"kind": "referral", "place": {"text": "45 Essex St"}, "text": "Asked for a visit tomorrow"});
    let raw = serde_json::to_vec(&body).unwrap();
    let ts = now_secs(&t).to_string();
    let sig = heart_signature(secret.as_bytes(), now_secs(&t), &raw);
    // Without a key, the same signed request sent twice (a replay) is one alert.
    let (st1, a1) = send_raw(&t, &slug, Some(&ts), Some(&sig), None, raw.clone()).await;
    let (st2, a2) = send_raw(&t, &slug, Some(&ts), Some(&sig), None, raw.clone()).await;
    assert_eq!(st1, StatusCode::CREATED, "{a1}");
    assert_eq!(st2, StatusCode::OK, "{a2}");
    assert_eq!(a2["replayed"], true);
    assert_eq!(a1["alert"], a2["alert"]);
    assert_eq!(a1["status_url"], a2["status_url"]);
    // With a key: the same key and body again is the same alert; another body with that key is a 409.
    let (st, a) = send(&t, &slug, &secret, Some("k-7"), &body).await;
    assert_eq!(st, StatusCode::OK, "{a}");
    let (st, b) = send(&t, &slug, &secret, Some("k-7"), &body).await;
    assert_eq!((st, &b["replayed"]), (StatusCode::OK, &json!(true)), "{b}");
    let (st, b) = send(
        &t,
        &slug,
        &secret,
        Some("k-7"),
        &json!({"kind": "referral", "place": {"text": "elsewhere"}}),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT, "{b}");
    // One request in all: the keyed alert joined the first (same place).
    assert_eq!(open_requests(&t).await.len(), 1);
    assert_eq!(a["state"], "joined");
}

#[tokio::test]
async fn repeated_alerts_for_one_place_join_one_request_within_the_window() {
    let t = spawn_app().await;
    let (bank, bank_secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    let (mgr, mgr_secret) = partner(
        &t,
        "Building manager",
        &["person_sheltering", "welfare_check"],
        0,
    )
    .await;
    let (st, a) = send(&t, &bank, &bank_secret, Some("1"), &atm("first")).await;
    assert_eq!(
        (st, a["state"].as_str()),
        (StatusCode::CREATED, Some("received"))
    );
    // Another alarm a few metres off, and another partner about the same point: joined.
    let mut near = atm("second");
    near["place"]["lat"] = json!(42.36525);
    let (st, b) = send(&t, &bank, &bank_secret, Some("2"), &near).await;
    assert_eq!(
        (st, b["state"].as_str()),
        (StatusCode::OK, Some("joined")),
        "{b}"
    );
    let (_, c) = send(&t, &mgr, &mgr_secret, Some("1"), &atm("third")).await;
    assert_eq!(c["state"], "joined");
    assert_eq!(open_requests(&t).await.len(), 1);
    // Twenty-nine minutes after the last alert: still joined (the window slides with each alert).
    t.clock.advance(jiff::SignedDuration::from_secs(29 * 60));
    let (_, d) = send(&t, &bank, &bank_secret, Some("3"), &atm("fourth")).await;
    assert_eq!(d["state"], "joined");
    // Thirty-one minutes of quiet: a new request.
    t.clock.advance(jiff::SignedDuration::from_secs(31 * 60));
    let (st, e) = send(&t, &bank, &bank_secret, Some("4"), &atm("fifth")).await;
    assert_eq!(
        (st, e["state"].as_str()),
        (StatusCode::CREATED, Some("received")),
        "{e}"
    );
    assert_eq!(open_requests(&t).await.len(), 2);
    // A closed request is never joined: the next alert opens a new one.
    let dispatch = t.person_token(&[Capability::Dispatch]).await;
    let newest = open_requests(&t)
        .await
        .into_iter()
        .find(|r| r["summary"] == "fifth")
        .unwrap();
    let (st, body) = t
        .post(
            &format!(
                "/api/v1/requests/{}/transition",
                newest["id"].as_str().unwrap()
            ),
            Some(&dispatch),
            &json!({"to": "cancelled"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let (st, f) = send(&t, &bank, &bank_secret, Some("5"), &atm("sixth")).await;
    assert_eq!(
        (st, f["state"].as_str()),
        (StatusCode::CREATED, Some("received")),
        "{f}"
    );
    // Somewhere else entirely: its own request.
    let (_, g) = send(
        &t,
        &mgr,
        &mgr_secret,
        Some("2"),
        &json!({"kind": "welfare_check", "place": {"text": "22 Pine St lobby"}}),
    )
    .await;
    assert_eq!(g["state"], "received");
    assert_eq!(open_requests(&t).await.len(), 3);
}

#[tokio::test]
async fn the_escalation_timer_holds_an_alert_until_its_time_and_a_cleared_alert_drops_it() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "ATM network", &["person_sheltering"], 60).await;
    let began = |mins: i64| {
        (heart_domain::time::Clock::now(t.clock.as_ref()) - jiff::SignedDuration::from_mins(mins))
            .to_string()
    };
    let mut body = atm("came in to get warm");
    body["time"] = json!(began(10));
    let (st, a) = send(&t, &slug, &secret, Some("h1"), &body).await;
    assert_eq!(st, StatusCode::ACCEPTED, "{a}");
    assert_eq!(a["state"], "waiting");
    assert!(a["due_at"].is_string());
    let url = a["status_url"].as_str().unwrap().to_string();
    assert_eq!(status_json(&t, &url).await["progress"], "waiting");
    assert_eq!(open_requests(&t).await.len(), 0);
    assert_eq!(t.app.send_due_alerts().await.unwrap(), 0);
    // Fifty minutes on (an hour since it began): the timer runs out and the request opens.
    t.clock.advance(jiff::SignedDuration::from_secs(50 * 60));
    assert_eq!(t.app.send_due_alerts().await.unwrap(), 1);
    let open = open_requests(&t).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["summary"], "came in to get warm");
    assert_eq!(status_json(&t, &url).await["progress"], "received");
    assert_eq!(t.app.send_due_alerts().await.unwrap(), 0);

    // An alert that began over an hour ago goes at once (it joins the open one: same place).
    let mut late = atm("still there");
    late["time"] = json!(began(70));
    let (st, b) = send(&t, &slug, &secret, Some("h2"), &late).await;
    assert_eq!(
        (st, b["state"].as_str()),
        (StatusCode::OK, Some("joined")),
        "{b}"
    );

    // Elsewhere: held, then the person leaves and the partner says so: nothing is sent.
    let other = json!({"kind": "person_sheltering", "place": {"text": "Kendall ATM lobby"}, "time": began(5)});
    let (st, c) = send(&t, &slug, &secret, Some("h3"), &other).await;
    assert_eq!(st, StatusCode::ACCEPTED, "{c}");
    let cleared = json!({"kind": "person_sheltering", "place": {"text": "Kendall ATM lobby"}, "cleared": true});
    let (st, d) = send(&t, &slug, &secret, Some("h4"), &cleared).await;
    assert_eq!(st, StatusCode::OK, "{d}");
    assert_eq!(d["cleared"], 1);
    assert_eq!(
        status_json(&t, c["status_url"].as_str().unwrap()).await["progress"],
        "closed"
    );
    t.clock.advance(jiff::SignedDuration::from_secs(2 * 3600));
    assert_eq!(t.app.send_due_alerts().await.unwrap(), 0);
    assert_eq!(open_requests(&t).await.len(), 1);
}

async fn dispatcher(t: &TestApp) -> Session {
    let pw = t
        .user(
            "dispatcher",
            &[Capability::Dispatch, Capability::Intake],
            None,
        )
        .await;
    t.login("dispatcher", &pw).await
}

#[tokio::test]
async fn when_closed_every_channel_says_so_at_once_and_keeps_the_request() {
    // Thanksgiving is a closed date: the whole day is closed.
    let t = spawn_app_with(|c| {
        c.hours.closed_dates = vec!["2026-11-26".into()];
    })
    .await;
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    let (st, a) = send(&t, &slug, &secret, None, &atm("cold night")).await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    assert_eq!(a["service"]["state"], "closed");
    let next = a["service"]["next_change"].as_str().unwrap();
    assert_eq!(next, "Friday 08:00");
    assert!(
        a["service"]["message"]
            .as_str()
            .unwrap()
            .contains("Friday 08:00"),
        "{a}"
    );
    assert!(
        a["service"]["alternatives"]
            .to_string()
            .contains("833-773-2445")
    );

    let intake = t.token(&[Capability::Intake]).await;
    let (st, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Needs to talk"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    assert_eq!(r["service"]["state"], "closed");

    let key = t.token(&[Capability::Intake]).await;
    let resp = t
        .client
        .post(format!("{}/open311/v2/requests.json", t.url))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "welfare_check"),
            ("address_string", "1 Main St"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.unwrap();
    assert!(
        body[0]["service_notice"]
            .as_str()
            .unwrap()
            .contains("closed"),
        "{body}"
    );

    let (_, home, _) = t.page("/", None).await;
    assert!(home.contains("We are closed today."), "{home}");
    assert!(home.contains("833-773-2445"));
    // Every request was kept.
    assert_eq!(open_requests(&t).await.len(), 3);
}

#[tokio::test]
async fn the_full_switch_tells_every_channel_and_turns_itself_off() {
    let t = spawn_app().await;
    let s = dispatcher(&t).await;
    let (st, _, loc) = t.form("/service/full", &s, &[("hours", "2")]).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert!(loc.unwrap().starts_with("/board"));
    let (_, home, _) = t.page("/", None).await;
    assert!(
        home.contains("every responder is with someone else"),
        "{home}"
    );
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    let (_, a) = send(&t, &slug, &secret, None, &atm("x")).await;
    assert_eq!(a["service"]["state"], "full");
    assert!(a["service"]["full_until"].is_string());
    let (_, board, _) = t.page("/board", Some(&s)).await;
    assert!(board.contains("We can take requests again"), "{board}");
    // Out of range is refused; a responder cannot flip it.
    let (st, _, _) = t.form("/service/full", &s, &[("hours", "99")]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let pw = t.user("resp", &[Capability::Respond], None).await;
    let r = t.login("resp", &pw).await;
    let (st, _, _) = t.form("/service/full", &r, &[("hours", "0")]).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Two hours later it is off by itself.
    t.clock
        .advance(jiff::SignedDuration::from_secs(2 * 3600 + 1));
    let (_, a) = send(
        &t,
        &slug,
        &secret,
        None,
        &json!({"kind": "person_sheltering", "place": {"text": "elsewhere"}}),
    )
    .await;
    assert_eq!(a["service"]["state"], "open");
    // And off by hand.
    t.form("/service/full", &s, &[("hours", "1")]).await;
    t.form("/service/full", &s, &[("hours", "0")]).await;
    assert_eq!(t.app.open_state().await.as_str(), "open");
}

// ---------- Open311 GeoReport v2, from the specification text ----------

async fn get_text(t: &TestApp, path: &str) -> (StatusCode, String, String) {
    let resp = t
        .client
        .get(format!("{}{path}", t.url))
        .send()
        .await
        .unwrap();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (resp.status(), ct, resp.text().await.unwrap())
}

async fn post311(t: &TestApp, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
    let resp = t
        .client
        .post(format!("{}{path}", t.url))
        .form(form)
        .send()
        .await
        .unwrap();
    (resp.status(), resp.text().await.unwrap())
}

#[tokio::test]
async fn open311_discovery_services_and_definitions_in_json_and_xml() {
    let t = spawn_app().await;
    let (st, _, body) = get_text(&t, "/open311/v2/discovery.json").await;
    assert_eq!(st, StatusCode::OK);
    let d: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        d["endpoints"][0]["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert!(
        d["endpoints"][0]["formats"]
            .to_string()
            .contains("text/xml")
    );
    let (st, ct, xml) = get_text(&t, "/open311/v2/discovery.xml").await;
    assert_eq!(st, StatusCode::OK);
    assert!(ct.starts_with("text/xml"), "{ct}");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<discovery>"),
        "{xml}"
    );
    assert!(
        xml.contains("<endpoints><endpoint><specification>"),
        "{xml}"
    );

    let (st, _, body) = get_text(&t, "/open311/v2/services.json").await;
    assert_eq!(st, StatusCode::OK);
    let services: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(services.len(), 5);
    for s in &services {
        for f in [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ] {
            assert!(s.get(f).is_some(), "{f} missing in {s}");
        }
        assert_eq!(s["group"], "community response");
        assert_eq!(s["type"], "realtime");
        assert_eq!(s["metadata"], true);
    }
    assert!(
        services
            .iter()
            .any(|s| s["service_code"] == "person_sheltering")
    );
    let (_, _, xml) = get_text(&t, "/open311/v2/services.xml").await;
    assert!(xml.contains("<services><service><service_code>"), "{xml}");
    assert_eq!(xml.matches("<service>").count(), 5);

    let (st, _, body) = get_text(&t, "/open311/v2/services/person_sheltering.json").await;
    assert_eq!(st, StatusCode::OK);
    let def: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(def["service_code"], "person_sheltering");
    let attrs = def["attributes"].as_array().unwrap();
    // The kind already says where the person is: that question is not asked again.
    assert!(attrs.iter().all(|a| a["code"] != "where_now"));
    let medical = attrs.iter().find(|a| a["code"] == "medical").unwrap();
    assert_eq!(medical["datatype"], "singlevaluelist");
    assert_eq!(medical["variable"], true);
    assert_eq!(medical["order"], 1);
    assert_eq!(medical["values"][0]["key"], "yes");
    let (_, _, xml) = get_text(&t, "/open311/v2/services/person_sheltering.xml").await;
    assert!(xml.contains("<service_definition><service_code>person_sheltering</service_code><attributes><attribute><variable>true</variable>"), "{xml}");
    assert!(
        xml.contains("<values><value><key>yes</key><name>Yes</name></value>"),
        "{xml}"
    );

    // Unknown service: 404 with the spec's error array, in both formats.
    let (st, _, body) = get_text(&t, "/open311/v2/services/potholes.json").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let e: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(e[0]["code"], 404);
    assert!(e[0]["description"].is_string());
    let (st, _, xml) = get_text(&t, "/open311/v2/services/potholes.xml").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(
        xml.contains("<errors><error><code>404</code><description>"),
        "{xml}"
    );
    // jurisdiction_id is optional, and checked when given.
    let (st, _, _) = get_text(
        &t,
        "/open311/v2/services.json?jurisdiction_id=cambridge.ma.us",
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _, body) = get_text(&t, "/open311/v2/services.json?jurisdiction_id=boston.gov").await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{body}");
}

#[tokio::test]
async fn open311_requests_are_created_listed_and_found_by_token() {
    let t = spawn_app().await;
    let key = t.token(&[Capability::Intake]).await;
    let read_only = t.token(&[Capability::Coordinate]).await;
    let good = [
        ("api_key", key.as_str()),
        ("service_code", "person_in_distress"),
        ("lat", "42.3656"),
        ("long", "-71.1040"),
        (
            "description",
            "A man is crying outside 5 Pleasant St; his mother just died",
        ),
        ("first_name", "Caller"),
        ("phone", "617-555-0188"),
        ("attribute[distress]", "acute"),
        ("attribute[medical]", "no"),
    ];
    // api_key missing, bad, or without intake: 403 with an error array.
    for k in [None, Some("nope"), Some(read_only.as_str())] {
        let mut f: Vec<(&str, &str)> = good
            .iter()
            .filter(|(n, _)| *n != "api_key")
            .copied()
            .collect();
        if let Some(k) = k {
            f.push(("api_key", k));
        }
        let (st, body) = post311(&t, "/open311/v2/requests.json", &f).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
        let e: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(e[0]["code"], 403);
    }
    let (st, xml) = post311(
        &t,
        "/open311/v2/requests.xml",
        &[("service_code", "conflict"), ("lat", "1"), ("long", "2")],
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(xml.contains("<errors><error><code>403</code>"), "{xml}");
    // Unknown service 404; no location 400; half a point 400; a bad attribute 400.
    let (st, _) = post311(
        &t,
        "/open311/v2/requests.json",
        &[
            ("api_key", &key),
            ("service_code", "potholes"),
            ("address_string", "1 Main St"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, body) = post311(
        &t,
        "/open311/v2/requests.json",
        &[("api_key", &key), ("service_code", "conflict")],
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("location"), "{body}");
    let (st, _) = post311(
        &t,
        "/open311/v2/requests.json",
        &[
            ("api_key", &key),
            ("service_code", "conflict"),
            ("lat", "42.1"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, body) = post311(
        &t,
        "/open311/v2/requests.json",
        &[
            ("api_key", &key),
            ("service_code", "conflict"),
            ("address_string", "x"),
            ("attribute[medical]", "maybe"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
    let (st, _) = post311(
        &t,
        "/open311/v2/requests.json",
        &[
            ("api_key", &key),
            ("service_code", "conflict"),
            ("address_string", "x"),
            ("jurisdiction_id", "elsewhere"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(open_requests(&t).await.len(), 0, "nothing half-created");

    // Created: 200 and the spec's array.
    let (st, body) = post311(&t, "/open311/v2/requests.json", &good).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let created: Value = serde_json::from_str(&body).unwrap();
    let id = created[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    let token = created[0]["token"].as_str().unwrap().to_string();
    assert!(created[0]["service_notice"].is_string());
    assert!(created[0].get("account_id").is_some());
    // The api_key may come in the query string too; XML answers.
    let (st, xml) = post311(
        &t,
        &format!("/open311/v2/requests.xml?api_key={key}"),
        &[
            ("service_code", "welfare_check"),
            ("address_string", "Central Square"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{xml}");
    assert!(
        xml.contains("<service_requests><request><service_request_id>"),
        "{xml}"
    );

    // On the board's queue, screened from the attributes: acute distress outside is a priority-1 visit.
    let open = open_requests(&t).await;
    assert_eq!(open.len(), 2);
    let r = open.iter().find(|r| r["id"] == id.as_str()).unwrap();
    assert_eq!(r["channel"], "open311");
    assert_eq!(r["triage"]["priority"], 1, "{r}");

    // GET requests: no personal data, in both formats.
    let (st, _, body) = get_text(&t, "/open311/v2/requests.json").await;
    assert_eq!(st, StatusCode::OK);
    let list: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(list.len(), 2);
    assert!(
        !body.contains("Pleasant") && !body.contains("555-0188") && !body.contains("Caller"),
        "{body}"
    );
    assert!(!body.contains("42.3656"), "{body}");
    let one = list
        .iter()
        .find(|r| r["service_request_id"] == id.as_str())
        .unwrap();
    assert_eq!(one["status"], "open");
    assert_eq!(one["service_code"], "person_in_distress");
    assert!(
        one["requested_datetime"]
            .as_str()
            .unwrap()
            .ends_with("-05:00"),
        "{one}"
    );
    let (_, _, xml) = get_text(
        &t,
        "/open311/v2/requests.xml?service_code=welfare_check&status=open",
    )
    .await;
    assert_eq!(xml.matches("<request>").count(), 1, "{xml}");
    let (_, _, body) = get_text(&t, "/open311/v2/requests.json?status=closed").await;
    assert_eq!(body, "[]");
    let (_, _, body) = get_text(
        &t,
        &format!("/open311/v2/requests.json?service_request_id={id}"),
    )
    .await;
    assert_eq!(serde_json::from_str::<Vec<Value>>(&body).unwrap().len(), 1);
    // A window over 90 days, a bad date or status: 400.
    for q in [
        "start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z",
        "start_date=yesterday",
        "status=pending",
    ] {
        let (st, _, body) = get_text(&t, &format!("/open311/v2/requests.json?{q}")).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{q}: {body}");
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()[0]["code"],
            400
        );
    }
    let (st, _, _) = get_text(
        &t,
        "/open311/v2/requests.json?start_date=2026-09-01T00:00:00Z&end_date=2026-11-27T00:00:00Z",
    )
    .await;
    assert_eq!(st, StatusCode::OK);

    // One request, and a token, in both formats.
    let (st, _, body) = get_text(&t, &format!("/open311/v2/requests/{id}.json")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()[0]["service_request_id"],
        id.as_str()
    );
    let (st, _, xml) = get_text(&t, &format!("/open311/v2/requests/{id}.xml")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(xml.contains(&format!("<service_request_id>{id}</service_request_id>")));
    let (st, _, body) = get_text(
        &t,
        "/open311/v2/requests/0193a000-0000-7000-8000-000000000000.json",
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{body}");
    let (st, _, body) = get_text(&t, &format!("/open311/v2/tokens/{token}.json")).await;
    assert_eq!(st, StatusCode::OK);
    let tk: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(tk[0]["service_request_id"], id.as_str());
    assert_eq!(tk[0]["token"], token.as_str());
    let (_, _, xml) = get_text(&t, &format!("/open311/v2/tokens/{token}.xml")).await;
    assert!(xml.contains("<token>"), "{xml}");
    let (st, _, _) = get_text(&t, "/open311/v2/tokens/unknown.json").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    // A request made elsewhere is not visible through Open311.
    let intake = t.token(&[Capability::Intake]).await;
    let (_, other) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "by phone"}),
        )
        .await;
    let (st, _, _) = get_text(
        &t,
        &format!(
            "/open311/v2/requests/{}.json",
            other["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    // The Open311 token also opens a status page.
    let (st, page, _) = t.page(&format!("/status/{token}"), None).await;
    assert_eq!(st, StatusCode::OK);
    assert!(!page.contains("Pleasant"));
    // No format: 404 with a plain word.
    let (st, _, _) = get_text(&t, "/open311/v2/services").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_acknowledgement_clock_measures_the_first_human_reply_per_channel() {
    let t = spawn_app().await;
    let s = dispatcher(&t).await;
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    send(&t, &slug, &secret, None, &atm("a")).await;
    t.clock.advance(jiff::SignedDuration::from_secs(5 * 60));
    let intake = t.token(&[Capability::Intake]).await;
    let (_, web) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "by a token: not a person", "channel": "web"}),
        )
        .await;
    t.clock.advance(jiff::SignedDuration::from_secs(20 * 60));
    let actor = t.actor_of(&s).await;
    let clock = t.app.ack_clock(&actor).await.unwrap();
    // Oldest first: the partner's alert has waited 25 minutes (over the 15-minute target), the other 20.
    assert_eq!(clock.waiting.len(), 2);
    assert_eq!(clock.waiting[0].channel, "partner");
    assert_eq!(clock.waiting[0].waiting_secs, 25 * 60);
    assert!(clock.waiting[0].over_target);
    let (_, board, _) = t.page("/board", Some(&s)).await;
    assert!(
        board.contains("Partner organisation: waiting 25 min"),
        "{board}"
    );
    assert!(board.contains("over the target"));
    // Acknowledged from the board.
    let id = clock.waiting[0].id.to_string();
    let (st, _, loc) = t
        .form(
            &format!("/requests/{id}/acknowledge"),
            &s,
            &[("back", "/board")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(
        loc.as_deref(),
        Some("/board?done=acknowledged#service-h"),
        "back to the board's waiting list, saying it worked"
    );
    let (_, board, _) = t.page("/board?done=acknowledged", Some(&s)).await;
    assert!(board.contains("role=\"status\""), "{board}");
    assert!(board.contains("Acknowledged. The clock for a first reply has stopped"));
    // Screening by a person acknowledges too; a second acknowledgement changes nothing.
    t.clock.advance(jiff::SignedDuration::from_secs(60));
    let wid = web["id"].as_str().unwrap();
    let (st, _, _) = t
        .form(
            &format!("/requests/{wid}/screen"),
            &s,
            &[("q_medical", "no"), ("q_wants_visit", "yes")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    t.form(&format!("/requests/{id}/acknowledge"), &s, &[])
        .await;
    // A call-taker typing a request in acknowledges it as it arrives.
    let (st, _, _) = t
        .form(
            "/intake",
            &s,
            &[("summary", "called in"), ("channel", "phone")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let clock = t.app.ack_clock(&actor).await.unwrap();
    assert!(clock.waiting.is_empty(), "{:?}", clock.waiting);
    let partner_row = clock
        .channels
        .iter()
        .find(|c| c.channel == "partner")
        .unwrap();
    assert_eq!((partner_row.count, partner_row.median_secs), (1, 25 * 60));
    assert_eq!(partner_row.within_target_pct, 0);
    let phone = clock
        .channels
        .iter()
        .find(|c| c.channel == "phone")
        .unwrap();
    assert_eq!(phone.median_secs, 0);
    assert_eq!(phone.within_target_pct, 100);
    // A token (no person) cannot acknowledge: only people count.
    let t2 = t.token_for("dispatcher", &[Capability::Dispatch]).await;
    let _ = t2;
    let (_, board, _) = t.page("/board", Some(&s)).await;
    assert!(
        board.contains("Every open request has been acknowledged."),
        "{board}"
    );
}

#[tokio::test]
async fn a_burst_of_alerts_about_one_place_makes_one_request_and_one_key_one_alert() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    // Forty alarms about one vestibule at once, each with its own key: one request, every alarm answered.
    let sends = (0..40).map(|i| {
        let (t, slug, secret) = (&t, slug.clone(), secret.clone());
        async move {
            send(
                t,
                &slug,
                &secret,
                Some(&format!("burst-{i}")),
                &atm("burst"),
            )
            .await
        }
    });
    let answers = futures::future::join_all(sends).await;
    assert!(answers.iter().all(|(st, _)| st.is_success()), "{answers:?}");
    let received = answers
        .iter()
        .filter(|(_, a)| a["state"] == "received")
        .count();
    assert_eq!(received, 1, "{answers:?}");
    assert_eq!(open_requests(&t).await.len(), 1);
    // Ten retries of one alert at once: one alert, the same status URL for all.
    let body = json!({"kind": "person_sheltering", "place": {"text": "Porter Square ATM"}});
    let sends = (0..10).map(|_| {
        let (t, slug, secret, body) = (&t, slug.clone(), secret.clone(), body.clone());
        async move { send(t, &slug, &secret, Some("same-key"), &body).await }
    });
    let answers = futures::future::join_all(sends).await;
    let urls: std::collections::HashSet<String> = answers
        .iter()
        .filter(|(st, _)| st.is_success())
        .map(|(_, a)| a["status_url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls.len(), 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(st, _)| st.is_success() || *st == StatusCode::CONFLICT)
    );
    assert_eq!(open_requests(&t).await.len(), 2);
}

#[tokio::test]
async fn a_partner_hears_of_changes_at_its_callback_signed_with_its_secret() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/heart"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&fake)
        .await;
    Mock::given(method("POST"))
        .and(path("/heart"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&fake)
        .await;
    let t = spawn_app_with(|c| c.outbound.allow_loopback = true).await;
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    let mut body = atm("cold");
    body["callback"] = json!(format!("{}/heart", fake.uri()));
    let (st, a) = send(&t, &slug, &secret, Some("cb-1"), &body).await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    // Without the setting, only https is taken.
    let strict = spawn_app().await;
    let (s2, k2) = partner(&strict, "Bank", &["person_sheltering"], 0).await;
    let (st, b) = send(&strict, &s2, &k2, None, &body).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

    let id = open_requests(&t).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let team = t.team("Team A", (42.3656, -71.1040)).await;
    let dispatch = t.token(&[Capability::Dispatch]).await;
    t.post(
        &format!("/api/v1/requests/{id}/screen"),
        Some(&dispatch),
        &json!({"answers": {"wants_visit": "yes", "medical": "no"}}),
    )
    .await;
    let (st, r) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{r}");
    // The partner is down at first (503): tried again after the back-off.
    assert_eq!(t.app.send_due_callbacks().await.unwrap(), 0);
    assert_eq!(t.app.send_due_callbacks().await.unwrap(), 0, "not due yet");
    t.clock.advance(jiff::SignedDuration::from_secs(6));
    assert_eq!(t.app.send_due_callbacks().await.unwrap(), 1);
    let got = fake.received_requests().await.unwrap();
    let last = got.last().unwrap();
    let body: Value = serde_json::from_slice(&last.body).unwrap();
    assert_eq!(body["progress"], "team_on_the_way");
    assert_eq!(body["alert"], a["alert"]);
    assert!(!String::from_utf8_lossy(&last.body).contains("cold"));
    // Signed as the partner signs its own alerts: it can check it with its secret.
    let ts = last
        .headers
        .get("x-heart-timestamp")
        .unwrap()
        .to_str()
        .unwrap();
    let sig = last
        .headers
        .get("x-heart-signature")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(
        heart_crypto::webhook::verify_heart_signature(
            secret.as_bytes(),
            Some(ts),
            Some(sig),
            &last.body,
            now_secs(&t),
            300
        ),
        Ok(())
    );
    // Called off: "closed".
    let (st, r) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&dispatch),
            &json!({"to": "cancelled"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{r}");
    assert_eq!(t.app.send_due_callbacks().await.unwrap(), 1);
    let got = fake.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&got.last().unwrap().body).unwrap();
    assert_eq!(body["progress"], "closed");
}

#[tokio::test]
async fn while_a_partners_staff_are_there_its_alerts_go_through_at_once() {
    let t = spawn_app().await;
    // A bank branch open weekdays 9 to 5; its vestibule alarm waits an hour only when nobody is there.
    let (p, secret) = t
        .app
        .add_partner(
            &Actor::cli(),
            "Branch",
            &["person_sheltering".to_string()],
            60,
            "mon-fri 09:00-17:00",
        )
        .await
        .unwrap();
    let began = |t: &TestApp| {
        (heart_domain::time::Clock::now(t.clock.as_ref()) - jiff::SignedDuration::from_mins(5))
            .to_string()
    };
    // Thursday 15:00: staff are there.
    let mut body = atm("staff asked for help");
    body["time"] = json!(began(&t));
    let (st, a) = send(&t, &p.slug, &secret, Some("bh-1"), &body).await;
    assert_eq!(
        (st, a["state"].as_str()),
        (StatusCode::CREATED, Some("received")),
        "{a}"
    );
    // Thursday 20:00: closed, so the timer holds the alarm.
    t.clock.advance(jiff::SignedDuration::from_hours(5));
    let mut body = json!({"kind": "person_sheltering", "place": {"text": "Branch vestibule"}});
    body["time"] = json!(began(&t));
    let (st, a) = send(&t, &p.slug, &secret, Some("bh-2"), &body).await;
    assert_eq!(
        (st, a["state"].as_str()),
        (StatusCode::ACCEPTED, Some("waiting")),
        "{a}"
    );
    // Hours that do not read are refused by field.
    let e = t
        .app
        .add_partner(&Actor::cli(), "Other", &[], 0, "weekdays 9-5")
        .await
        .unwrap_err();
    assert!(format!("{e:?}").contains("business_hours"), "{e:?}");
}

#[tokio::test]
async fn a_partner_callback_never_reaches_inside_the_network() {
    use std::sync::atomic::Ordering;
    // A receiver on loopback that counts every connection made to it.
    let (port, connections) = heart_testkit::outbound::counting_receiver().await;
    let t = spawn_app().await;
    let stub = heart_testkit::outbound::Rebinding::new(false);
    t.app.outbound().set_lookup(stub.clone());
    let (slug, secret) = partner(&t, "Bank", &["person_sheltering"], 0).await;
    // Inside addresses, named outright, are refused when the alert comes (nothing is made).
    for (i, cb) in [
        format!("https://127.0.0.1:{port}/cb"),
        format!("http://127.0.0.1:{port}/cb"),
        format!("https://[::1]:{port}/cb"),
        format!("https://[::ffff:127.0.0.1]:{port}/cb"),
        format!("https://localhost:{port}/cb"),
        format!("https://2130706433:{port}/cb"),
    ]
    .iter()
    .enumerate()
    {
        let mut body = atm("cold");
        body["callback"] = json!(cb);
        let (st, a) = send(&t, &slug, &secret, Some(&format!("inside-{i}")), &body).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{cb}: {a}");
        assert!(a.to_string().contains("callback"), "{a}");
    }
    assert!(open_requests(&t).await.is_empty());
    // A name that leads inside is refused too.
    stub.flip(true);
    let mut body = atm("cold");
    body["callback"] = json!(format!("https://rebind.invalid:{port}/cb"));
    let (st, a) = send(&t, &slug, &secret, Some("named-inside"), &body).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{a}");
    // A name that leads nowhere when saved is kept; when the request moves, it leads to loopback (rebinding):
    // the notice fails at once, is never tried again, and nothing connects.
    stub.flip(false);
    let (st, a) = send(&t, &slug, &secret, Some("rebinds-later"), &body).await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    stub.flip(true);
    let id = open_requests(&t).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let dispatch = t.token(&[Capability::Dispatch]).await;
    let (st, r) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&dispatch),
            &json!({"to": "cancelled"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{r}");
    let asked = stub.asked();
    assert_eq!(t.app.send_due_callbacks().await.unwrap(), 0);
    assert_eq!(stub.asked(), asked + 1, "looked up once, when sent");
    t.clock.advance(jiff::SignedDuration::from_hours(5));
    assert_eq!(t.app.send_due_callbacks().await.unwrap(), 0);
    assert_eq!(stub.asked(), asked + 1, "not tried again");
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing connected");
}

/// A partner can be ended (issue 23.7): its next signed alert is refused, and nothing is made.
#[tokio::test]
async fn a_disabled_partners_alerts_are_refused_at_once() {
    let t = spawn_app().await;
    let (slug, secret) = partner(&t, "Corner Bank", &["welfare_check"], 0).await;
    let body = json!({"kind": "welfare_check", "place": {"text": "ATM vestibule, Mass Ave"}});
    let (s, _) = send(&t, &slug, &secret, Some("a1"), &body).await;
    assert!(s.is_success(), "{s}");
    let before = open_requests(&t).await.len();
    let p = t
        .app
        .disable_partner(&Actor::cli(), "Corner Bank")
        .await
        .unwrap();
    assert!(p.revoked_at.is_some());
    let (s, _) = send(&t, &slug, &secret, Some("a2"), &body).await;
    assert!(s.is_client_error(), "{s}");
    assert_eq!(open_requests(&t).await.len(), before);
    // Not twice; an unknown one is not found.
    assert!(t.app.disable_partner(&Actor::cli(), &slug).await.is_err());
    assert!(matches!(
        t.app.disable_partner(&Actor::cli(), "Nobody").await,
        Err(heart_app::AppError::NotFound)
    ));
}
