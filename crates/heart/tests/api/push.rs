//! Alerts to phones (issue 24.2): a person turns alerts on for a device; an assignment, "need help" and a new
//! request nobody watches reach the right devices through a local fake push service that checks the VAPID JWT
//! (audience, expiry, signature, contact) and opens the aes128gcm payload with the device's private key, as a
//! browser would; a device the service says is gone is dropped; what is sent carries no personal data.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use web_push_native::jwt_simple::prelude::*;
use web_push_native::p256;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CONTACT: &str = "mailto:ops@heart.example.org";

/// A device: its key pair and auth secret, as a browser makes them.
struct Device {
    secret: p256::SecretKey,
    auth: Vec<u8>,
}

impl Device {
    fn new() -> Self {
        let bytes = URL_SAFE_NO_PAD
            .decode(heart_crypto::random_token(32))
            .unwrap();
        let auth = URL_SAFE_NO_PAD
            .decode(heart_crypto::random_token(16))
            .unwrap();
        Device {
            secret: p256::SecretKey::from_slice(&bytes).unwrap(),
            auth,
        }
    }
    fn keys(&self) -> Value {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        json!({
            "p256dh": URL_SAFE_NO_PAD.encode(self.secret.public_key().to_encoded_point(false).as_bytes()),
            "auth": URL_SAFE_NO_PAD.encode(&self.auth),
        })
    }
}

/// The push service's side for one device: checks the request as a real one would, then opens it.
struct FakePush {
    vapid_public: String,
    audience: String,
    device: Device,
    got: Arc<Mutex<Vec<Value>>>,
}

impl Respond for FakePush {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let header = |n: &str| {
            req.headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        // RFC 8292: "vapid t=<JWT>, k=<the server's public key>".
        let auth = header("authorization");
        let Some(rest) = auth.strip_prefix("vapid ") else {
            return ResponseTemplate::new(401);
        };
        let (mut t, mut k) = ("", "");
        for part in rest.split(',').map(str::trim) {
            if let Some(v) = part.strip_prefix("t=") {
                t = v;
            } else if let Some(v) = part.strip_prefix("k=") {
                k = v;
            }
        }
        if k != self.vapid_public {
            return ResponseTemplate::new(403);
        }
        let key = ES256PublicKey::from_bytes(&URL_SAFE_NO_PAD.decode(k).unwrap()).unwrap();
        let options = VerificationOptions {
            allowed_audiences: Some(std::collections::HashSet::from([self.audience.clone()])),
            ..Default::default()
        };
        let Ok(claims) = key.verify_token::<NoCustomClaims>(t, Some(options)) else {
            return ResponseTemplate::new(403);
        };
        let now = Clock::now_since_epoch();
        let exp = claims.expires_at.expect("an expiry");
        assert!(
            exp > now && exp - now <= Duration::from_hours(24),
            "at most 24 h"
        );
        assert_eq!(claims.subject.as_deref(), Some(CONTACT));
        assert_eq!(header("content-encoding"), "aes128gcm");
        assert!(!header("ttl").is_empty());
        let raw: [u8; 16] = self.device.auth.clone().try_into().unwrap();
        let auth = web_push_native::Auth::from(raw);
        let Ok(plain) = web_push_native::decrypt(req.body.clone(), &self.device.secret, &auth)
        else {
            return ResponseTemplate::new(400);
        };
        self.got
            .lock()
            .unwrap()
            .push(serde_json::from_slice(&plain).unwrap());
        ResponseTemplate::new(201)
    }
}

async fn app() -> TestApp {
    spawn_app_with(|c| {
        c.outbound.allow_loopback = true;
        c.push = heart_app::push::PushConfig {
            vapid: Some(Arc::new(ES256KeyPair::generate())),
            contact: CONTACT.into(),
        };
    })
    .await
}

/// Mounts a device at `/push/{name}` and subscribes it for the token's person.
async fn device(t: &TestApp, push: &MockServer, token: &str, name: &str) -> Arc<Mutex<Vec<Value>>> {
    let got = Arc::new(Mutex::new(Vec::new()));
    let d = Device::new();
    let keys = d.keys();
    Mock::given(wiremock::matchers::path(format!("/push/{name}")))
        .respond_with(FakePush {
            vapid_public: t.app.push_public_key().unwrap(),
            audience: push.uri(),
            device: d,
            got: got.clone(),
        })
        .mount(push)
        .await;
    let (s, b) = t
        .post(
            "/api/v1/push/subscriptions",
            Some(token),
            &json!({"endpoint": format!("{}/push/{name}", push.uri()), "keys": keys, "expirationTime": null}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    got
}

#[tokio::test]
async fn alerts_reach_the_right_devices_encrypted_and_signed_and_a_gone_device_is_dropped() {
    let t = app().await;
    let push = MockServer::start().await;
    let north = t.team("North", (42.388, -71.119)).await;
    t.team("South", (42.36, -71.10)).await;
    let one = t.token_for("north-1", &[Respond]).await;
    let south = t.token_for("south-1", &[Respond]).await;
    t.user("disp", &[Intake, Dispatch], None).await;
    let disp = t.token_for("disp", &[Intake, Dispatch]).await;

    let (s, k) = t.get("/api/v1/push/key", Some(&one)).await;
    assert_eq!(s, StatusCode::OK);
    let point = URL_SAFE_NO_PAD
        .decode(k["public_key"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        (point.len(), point[0]),
        (65, 4),
        "an uncompressed P-256 point"
    );

    // A request before any device: nobody to tell (and "no device" is kept in memory for a moment, which a device
    // subscribed here must end at once).
    let (s, _) = t
        .post(
            "/api/v1/requests",
            Some(&disp),
            &json!({"summary": "before any phone", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(t.app.send_due_push().await.unwrap(), 0);
    let north_phone = device(&t, &push, &one, "north-1").await;
    let south_phone = device(&t, &push, &south, "south-1").await;
    let board_phone = device(&t, &push, &disp, "disp").await;
    // north-2's phone is gone from the push service.
    let two = t.token_for("north-2", &[Respond]).await;
    Mock::given(wiremock::matchers::path("/push/gone"))
        .respond_with(ResponseTemplate::new(410))
        .mount(&push)
        .await;
    let (s, _) = t
        .post(
            "/api/v1/push/subscriptions",
            Some(&two),
            &json!({"endpoint": format!("{}/push/gone", push.uri()), "keys": Device::new().keys()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);

    // A new request while nobody has the board open: the people on shift hear of it (not dispatch's phone).
    let words = "Young man in distress outside 12 Windsor St, his mother just died";
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&disp),
            &json!({"summary": words, "location": {"text": "Main St and Windsor St"},
                    "answers": {"wants_visit": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap();
    assert_eq!(
        t.app.send_due_push().await.unwrap(),
        2,
        "north-1 and south-1; north-2's phone is gone"
    );
    assert_eq!(t.app.send_due_push().await.unwrap(), 0, "each sent once");
    let first = north_phone.lock().unwrap()[0].clone();
    assert_eq!(first["kind"], "new_request");
    assert_eq!(first["link"], "/responder");
    assert!(board_phone.lock().unwrap().is_empty());
    assert_eq!(south_phone.lock().unwrap().len(), 1);
    // The gone phone was dropped: the next alert does not try it.
    let users = t.store.users().await.unwrap();
    let n2 = users.iter().find(|u| u.username == "north-2").unwrap().id;
    assert_eq!(t.store.push().subscription_count(n2).await.unwrap(), 0);

    // An assignment: the team's members only.
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&disp),
            &json!({"team_id": north.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(t.app.send_due_push().await.unwrap(), 1);
    let assigned = north_phone.lock().unwrap()[1].clone();
    assert_eq!(assigned["kind"], "assigned");
    assert_eq!(south_phone.lock().unwrap().len(), 1);
    // No personal data in any alert: only these fields, and never the words said.
    for p in north_phone.lock().unwrap().iter() {
        let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        assert!(
            keys.iter()
                .all(|k| ["kind", "priority", "neighbourhood", "link"].contains(&k.as_str())),
            "{p}"
        );
        assert!(!p.to_string().contains("Windsor") && !p.to_string().contains("mother"));
    }

    // "Need help" from North: dispatch and the other team on shift, not North itself.
    let s1 = t.login("north-1", "a test password").await;
    let actor = t.actor_of(&s1).await;
    t.app.need_help(&actor, None).await.unwrap();
    assert_eq!(t.app.send_due_push().await.unwrap(), 2);
    assert_eq!(board_phone.lock().unwrap()[0]["kind"], "need_help");
    assert_eq!(south_phone.lock().unwrap()[1]["kind"], "need_help");
    assert_eq!(north_phone.lock().unwrap().len(), 2);

    // While a board is open, a new request is left to it.
    let events = t
        .client
        .get(format!("{}/events", t.url))
        .bearer_auth(&disp)
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), StatusCode::OK);
    assert_eq!(t.app.live.boards_open(), 1);
    let (s, _) = t
        .post(
            "/api/v1/requests",
            Some(&disp),
            &json!({"summary": "A second call"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(t.app.send_due_push().await.unwrap(), 0);
    drop(events);

    // Alerts off for a device: gone, and once more is not found.
    let endpoint = format!("{}/push/north-1", push.uri());
    let del = |tok: String, e: String| {
        let c = t.client.clone();
        let url = format!("{}/api/v1/push/subscriptions", t.url);
        async move {
            c.delete(url)
                .bearer_auth(tok)
                .json(&json!({ "endpoint": e }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        del(one.clone(), endpoint.clone()).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        del(one.clone(), endpoint.clone()).await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_device_is_refused_when_its_endpoint_or_keys_are_wrong_and_nothing_is_kept() {
    // The outbound policy as deployed: no loopback.
    let t = spawn_app_with(|c| {
        c.push = heart_app::push::PushConfig {
            vapid: Some(Arc::new(ES256KeyPair::generate())),
            contact: CONTACT.into(),
        };
    })
    .await;
    t.user("ana", &[Respond], None).await;
    let ana = t.token_for("ana", &[Respond]).await;
    let good = Device::new().keys();
    let cases = [
        (
            json!({"endpoint": "http://127.0.0.1:9/push", "keys": good}),
            "endpoint",
        ),
        (
            json!({"endpoint": "https://127.0.0.1/push", "keys": good}),
            "endpoint",
        ),
        (
            json!({"endpoint": "https://[::1]/push", "keys": good}),
            "endpoint",
        ),
        (json!({"keys": good}), "endpoint"),
        (
            json!({"endpoint": "https://push.example.invalid/x", "keys": {"p256dh": "AAAA", "auth": good["auth"]}}),
            "keys.p256dh",
        ),
        (
            json!({"endpoint": "https://push.example.invalid/x", "keys": {"p256dh": good["p256dh"], "auth": "AAAA"}}),
            "keys.auth",
        ),
    ];
    for (body, field) in cases {
        let (s, b) = t
            .post("/api/v1/push/subscriptions", Some(&ana), &body)
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        assert!(b["error"]["fields"][field].is_string(), "{field}: {b}");
    }
    let users = t.store.users().await.unwrap();
    let id = users.iter().find(|u| u.username == "ana").unwrap().id;
    assert_eq!(t.store.push().subscription_count(id).await.unwrap(), 0);
    // A token that acts for nobody has no devices.
    let system = t.token(&[Respond]).await;
    let (s, _) = t
        .post(
            "/api/v1/push/subscriptions",
            Some(&system),
            &json!({"endpoint": "https://push.example.invalid/x", "keys": good}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = t.get("/api/v1/push/key", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_person_turns_alerts_on_and_off_from_the_account_page_and_the_worker_is_served() {
    let t = app().await;
    let push = MockServer::start().await;
    t.team("North", (42.388, -71.119)).await;
    let s = t.login("north-1", "a test password").await;
    let (status, page, _) = t.page("/account", Some(&s)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Alerts on this phone"));
    assert!(page.contains(&format!(
        "data-key=\"{}\"",
        t.app.push_public_key().unwrap()
    )));
    assert!(page.contains("No device of yours has alerts on."));
    // What the page's script sends: the browser's subscription, with the page's CSRF token.
    let d = Device::new();
    let keys = d.keys();
    let endpoint = format!("{}/push/phone", push.uri());
    let (status, _, loc) = t
        .form(
            "/account/push",
            &s,
            &[
                ("endpoint", endpoint.as_str()),
                ("p256dh", keys["p256dh"].as_str().unwrap()),
                ("auth", keys["auth"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/account?done=push_on#push-h"));
    let page = t.page("/account?done=push_on", Some(&s)).await.1;
    assert!(page.contains("Alerts are on for 1 device of yours."));
    assert!(page.contains("Alerts are on for this device."));
    // A bad key is a plain error page, nothing kept.
    let (status, _, _) = t
        .form(
            "/account/push",
            &s,
            &[
                ("endpoint", endpoint.as_str()),
                ("p256dh", "AAAA"),
                ("auth", "AAAA"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, loc) = t
        .form("/account/push/off", &s, &[("endpoint", endpoint.as_str())])
        .await;
    assert_eq!(
        (status, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/account?done=push_off#push-h"))
    );
    assert!(
        t.page("/account", Some(&s))
            .await
            .1
            .contains("No device of yours has alerts on.")
    );

    // The worker that shows them, allowed to control the responder's pages.
    let r = t
        .client
        .get(format!("{}/responder/sw.js", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["service-worker-allowed"], "/responder");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(r.text().await.unwrap().contains("showNotification"));
}

#[tokio::test]
async fn a_person_is_reminded_of_a_shift_the_day_before_once() {
    let t = app().await;
    let push = MockServer::start().await;
    let north = t.team("North", (42.388, -71.119)).await;
    // Thursday 15:00 in Cambridge: Friday's shift from 10:00 begins within a day.
    t.app
        .set_rota_pattern(
            &heart_app::Actor::cli(),
            north,
            Some("fri 10:00-16:00"),
            None,
        )
        .await
        .unwrap();
    let one = t.token_for("north-1", &[Respond]).await;
    let phone = device(&t, &push, &one, "north-1").await;
    let dispatch = t.token(&[Dispatch]).await;
    let (_, b) = t
        .get(
            "/api/v1/rota?from=2026-11-27&to=2026-11-27",
            Some(&dispatch),
        )
        .await;
    let slot = b["slots"][0]["id"].as_str().unwrap().to_string();
    let (s, _) = t
        .post(
            &format!("/api/v1/rota/slots/{slot}/signup"),
            Some(&one),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let system = heart_app::Actor::system();
    assert_eq!(
        t.app.remind_shifts(&system).await.unwrap(),
        1,
        "north-1 alone: north-2 is not on it"
    );
    assert_eq!(t.app.remind_shifts(&system).await.unwrap(), 0, "once");
    assert_eq!(t.app.send_due_push().await.unwrap(), 1);
    let got = phone.lock().unwrap()[0].clone();
    assert_eq!(got, json!({"kind": "shift_reminder", "link": "/rota"}));
}

#[tokio::test]
async fn a_handover_reaches_the_next_shifts_phones_without_its_words() {
    let t = app().await;
    let push = MockServer::start().await;
    let north = t.team("North", (42.388, -71.119)).await;
    t.app
        .set_rota_pattern(
            &heart_app::Actor::cli(),
            north,
            Some("fri 10:00-16:00"),
            None,
        )
        .await
        .unwrap();
    let one = t.token_for("north-1", &[Respond]).await;
    let two = t.token_for("north-2", &[Respond]).await;
    let phone = device(&t, &push, &one, "north-1").await;
    let other = device(&t, &push, &two, "north-2").await;
    let dispatch = t.token(&[Dispatch]).await;
    let (_, b) = t
        .get(
            "/api/v1/rota?from=2026-11-27&to=2026-11-27",
            Some(&dispatch),
        )
        .await;
    let slot = b["slots"][0]["id"].as_str().unwrap().to_string();
    let (s, _) = t
        .post(
            &format!("/api/v1/rota/slots/{slot}/signup"),
            Some(&one),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let intake = t.person_token(&[Intake]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Needs a call back"}),
        )
        .await;
    let id = r["id"].as_str().unwrap();
    // The request's own alert to the people on shift goes first.
    t.app.send_due_push().await.unwrap();
    let before = (phone.lock().unwrap().len(), other.lock().unwrap().len());
    let words = "The keys are with the neighbour at number 12";
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/notes"),
            Some(&intake),
            &json!({"kind": "handover", "text": words}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(
        t.app.send_due_push().await.unwrap(),
        1,
        "north-1 is on the next shift; north-2 is not"
    );
    let got = phone.lock().unwrap()[before.0].clone();
    assert_eq!(got, json!({"kind": "handover", "link": "/board#handovers"}));
    assert_eq!(other.lock().unwrap().len(), before.1);
}
