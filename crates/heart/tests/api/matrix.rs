//! The capability matrix: every endpoint checks capabilities.
use heart_domain::access::Capability::{self, *};
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn api_capability_matrix() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.36, -71.10)).await;
    let full = t.token(&[Intake, Dispatch, Coordinate]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&full),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();

    t.user("walker", &[Respond], None).await;
    let caps: [Capability; 6] = [Intake, Dispatch, Respond, Coordinate, Admin, Submit];
    let mut tokens = Vec::new();
    for c in caps {
        tokens.push((c, t.token(&[c]).await));
    }
    // (method, path, body, capabilities allowed)
    let cases: Vec<(&str, String, serde_json::Value, Vec<Capability>)> = vec![
        (
            "POST",
            "/api/v1/requests".into(),
            json!({"summary": "y"}),
            vec![Intake, Submit],
        ),
        (
            "GET",
            "/api/v1/requests".into(),
            json!(null),
            vec![Intake, Dispatch, Coordinate],
        ),
        (
            "GET",
            format!("/api/v1/requests/{id}"),
            json!(null),
            vec![Intake, Dispatch, Coordinate],
        ),
        (
            "GET",
            format!("/api/v1/requests/{id}/recommendations"),
            json!(null),
            vec![Dispatch],
        ),
        (
            "GET",
            "/api/v1/teams".into(),
            json!(null),
            vec![Intake, Dispatch, Coordinate],
        ),
        (
            "GET",
            "/api/v1/follow-ups".into(),
            json!(null),
            vec![Dispatch, Respond, Coordinate],
        ),
        (
            "POST",
            format!("/api/v1/requests/{id}/ems"),
            json!({"reason": "r", "consent": "agreed"}),
            vec![Intake, Dispatch],
        ),
        (
            "POST",
            "/api/v1/requests/search".into(),
            json!({"status": "closed"}),
            vec![Intake, Dispatch, Coordinate],
        ),
        (
            "POST",
            format!("/api/v1/requests/{id}/notes"),
            json!({"kind": "note", "text": "n"}),
            vec![Intake, Dispatch, Coordinate],
        ), // A token that acts for no person reads the rota with dispatch or coordinate (a person's own, with any
        // staff capability: tests/api/rota.rs).
        (
            "GET",
            "/api/v1/rota?from=2026-11-26&to=2026-11-26".into(),
            json!(null),
            vec![Dispatch, Coordinate],
        ),
        // The VAPID public key, for the team only (not a system that hands requests in, nor a partner).
        (
            "GET",
            "/api/v1/push/key".into(),
            json!(null),
            vec![Intake, Dispatch, Respond, Coordinate, Admin],
        ),
        // Outreach: those who go out and those who coordinate.
        (
            "GET",
            "/api/v1/outreach".into(),
            json!(null),
            vec![Respond, Coordinate],
        ),
        (
            "POST",
            "/api/v1/outreach".into(),
            json!({"kind": "event", "place": "Central Square", "started_at": "2026-11-26T17:00:00Z",
                   "ended_at": "2026-11-26T18:00:00Z", "people": ["walker"]}),
            vec![Respond, Coordinate],
        ),
        // Debriefs after hard calls: coordinators.
        (
            "GET",
            "/api/v1/debriefs".into(),
            json!(null),
            vec![Coordinate],
        ),
        (
            "GET",
            "/api/v1/trainings".into(),
            json!(null),
            vec![Coordinate],
        ),
        // Supplies: those who go out or coordinate; the low marks, coordinators.
        (
            "GET",
            "/api/v1/supplies".into(),
            json!(null),
            vec![Respond, Coordinate],
        ),
        (
            "POST",
            "/api/v1/supplies/moves".into(),
            json!({"direction": "received", "kind": "water", "place": "office", "count": 1, "source": "other"}),
            vec![Respond, Coordinate],
        ),
        (
            "POST",
            "/api/v1/supplies/levels".into(),
            json!({"kind": "water", "place": "office", "low_at": 2}),
            vec![Coordinate],
        ),
        // Circles: the list, for those who may open one (a token acting for nobody facilitates none); each
        // circle's own routes are for its facilitators only (tests/api/circles.rs).
        (
            "GET",
            "/api/v1/circles".into(),
            json!(null),
            vec![Coordinate],
        ),
        // The warmline: whoever answered.
        (
            "POST",
            "/api/v1/warmline".into(),
            json!({"minutes": 5, "about": "wanted_to_talk", "offered": ["listened"]}),
            vec![Intake, Dispatch, Respond, Coordinate],
        ),
    ];
    for (method, path, body, allowed) in &cases {
        for (cap, tok) in &tokens {
            let (s, b) = if *method == "GET" {
                t.get(path, Some(tok)).await
            } else {
                t.post(path, Some(tok), body).await
            };
            let expect_ok = allowed.contains(cap);
            assert_eq!(
                s.is_success(),
                expect_ok,
                "{method} {path} with {cap}: {s} {b}"
            );
            if !expect_ok {
                assert!(
                    s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                    "{method} {path} with {cap}: {s}"
                );
            }
        }
        let (s, _) = if *method == "GET" {
            t.get(path, None).await
        } else {
            t.post(path, None, body).await
        };
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{method} {path} without a token"
        );
        let (s, _) = if *method == "GET" {
            t.get(path, Some("heart_not-a-token")).await
        } else {
            t.post(path, Some("heart_nope"), body).await
        };
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{method} {path} with a wrong token"
        );
    }
    // Only dispatch assigns.
    for (cap, tok) in &tokens {
        let (s, _) = t
            .post(
                &format!("/api/v1/requests/{id}/assign"),
                Some(tok),
                &json!({"team_id": team.to_string()}),
            )
            .await;
        assert_eq!(s.is_success(), *cap == Dispatch, "assign with {cap}: {s}");
    }
}

#[tokio::test]
async fn page_capability_matrix() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.36, -71.10)).await;
    let mut sessions = Vec::new();
    for (name, cap) in [
        ("i", Intake),
        ("d", Dispatch),
        ("r", Respond),
        ("c", Coordinate),
        ("a", Admin),
    ] {
        let pw = t
            .user(
                &format!("user-{name}"),
                &[cap],
                (cap == Respond).then_some(team),
            )
            .await;
        sessions.push((cap, t.login(&format!("user-{name}"), &pw).await));
    }
    let pages: [(&str, &[Capability]); 29] = [
        ("/rota", &[Intake, Dispatch, Respond, Coordinate, Admin]),
        ("/approvals", &[Coordinate, Admin]),
        ("/languages", &[Coordinate, Admin]),
        ("/audit", &[Coordinate]),
        ("/planner", &[Coordinate]),
        ("/impact", &[Coordinate]),
        ("/impact/download?format=csv", &[Coordinate]),
        ("/impact/funds", &[Coordinate]),
        ("/health", &[Coordinate]),
        ("/legal", &[Coordinate]),
        ("/accounts", &[Admin]),
        ("/account", &[Intake, Dispatch, Respond, Coordinate, Admin]),
        ("/teams", &[Dispatch, Coordinate, Admin]),
        ("/intake", &[Intake]),
        ("/requests", &[Intake, Dispatch, Coordinate]),
        ("/board", &[Dispatch]),
        ("/board/requests", &[Dispatch]),
        ("/responder", &[Respond]),
        ("/responder/panel", &[Respond]),
        ("/follow-ups", &[Dispatch, Respond, Coordinate]),
        ("/outreach", &[Respond, Coordinate]),
        ("/responder/outreach", &[Respond, Coordinate]),
        ("/warmline", &[Intake, Dispatch, Respond, Coordinate]),
        ("/debriefs", &[Coordinate]),
        ("/trainings", &[Coordinate]),
        ("/supplies", &[Respond, Coordinate]),
        ("/supplies/move?direction=moved", &[Respond, Coordinate]),
        ("/supplies/levels", &[Coordinate]),
        ("/circles", &[Coordinate]),
    ];
    for (path, allowed) in pages {
        for (cap, s) in &sessions {
            let (status, _, _) = t.page(path, Some(s)).await;
            let want = if allowed.contains(cap) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(status, want, "{path} as {cap}");
        }
        let (status, _, loc) = t.page(path, None).await;
        assert_eq!(
            (status, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/login")),
            "{path} signed out"
        );
    }
    // Bearer tokens open API routes only, never a page: with or without a person, whatever they hold.
    let everything = t
        .token(&[
            Intake, Dispatch, Respond, Coordinate, Admin, Finance, Submit,
        ])
        .await;
    let person = t
        .person_token(&[Intake, Dispatch, Respond, Coordinate, Admin])
        .await;
    for (path, _) in pages {
        for tok in [&everything, &person] {
            let r = t
                .client
                .get(format!("{}{path}", t.url))
                .bearer_auth(tok)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path} with a bearer");
        }
    }
    for path in [
        "/",
        "/request",
        "/login",
        "/healthz",
        "/data",
        "/api/v1/data-inventory",
    ] {
        let (status, _, _) = t.page(path, None).await;
        assert_eq!(status, StatusCode::OK, "{path} is public");
    }
    // A bearer token does not open pages' unsafe forms without the session's CSRF token.
    let (_, dispatcher) = &sessions[1];
    let bad = heart_testkit::Session {
        cookie: dispatcher.cookie.clone(),
        csrf: "wrong".into(),
    };
    let (s, _, _) = t.form("/responder/check-in", &bad, &[]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Nor do the trust forms: each checks the session's CSRF token before anything else.
    let (_, coordinator) = &sessions[3];
    let (_, admin) = &sessions[4];
    let forged = |s: &heart_testkit::Session| heart_testkit::Session {
        cookie: s.cookie.clone(),
        csrf: "wrong".into(),
    };
    let some = uuid_like();
    for (path, who) in [
        (format!("/approvals/{some}/decide"), coordinator),
        (format!("/approvals/{some}/export"), coordinator),
        (format!("/requests/{some}/person/ask"), coordinator),
        (format!("/requests/{some}/person/keep"), coordinator),
        ("/legal".to_string(), coordinator),
        (format!("/legal/{some}/review"), coordinator),
        (format!("/accounts/{some}/capabilities"), admin),
        (format!("/accounts/{some}/reset-password"), admin),
        ("/account/sign-out-everywhere".to_string(), coordinator),
    ] {
        let (s, _, _) = t
            .form(&path, &forged(who), &[("decision", "approve")])
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path} without the CSRF token");
    }
}

fn uuid_like() -> String {
    heart_domain::ids::RequestId::new().to_string()
}

/// A system that hands requests in (`submit`): it creates them and reads back the status and times of its own,
/// and nothing else. A token that acts for no person is never given personal fields; one made for a person is,
/// until it ends.
#[tokio::test]
async fn integrations_hand_requests_in_and_read_nothing_personal() {
    let t = spawn_app().await;
    t.team("Team Central", (42.36, -71.10)).await;
    let submit = t.token(&[Submit]).await;
    let other_submit = t.token(&[Submit]).await;
    let body = json!({
        "summary": "Someone sheltering in the vestibule, very cold",
        "contact": {"name": "Quincy Vestibule", "phone": "617-555-0163"},
        "location": {"text": "71 Cherry St"},
        "safe_contact": {"code_word": "lantern"},
        "answers": {"medical": "no"}
    });
    let (s, made) = t.post("/api/v1/requests", Some(&submit), &body).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    let id = made["id"].as_str().unwrap().to_string();
    let shown = made.to_string();
    for secret in ["Quincy", "617-555-0163", "Cherry", "lantern", "vestibule"] {
        assert!(
            !shown.contains(secret),
            "the answer to a submit token shows {secret}: {shown}"
        );
    }
    assert_eq!(made["personal_fields"], "withheld");
    // Its own request: status and times, never the contents.
    let (s, own) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&submit))
        .await;
    assert_eq!(s, StatusCode::OK, "{own}");
    assert!(own["status"].is_string() && own["created_at"].is_string());
    assert!(own["history"].as_array().is_some_and(|h| !h.is_empty()));
    for field in [
        "summary",
        "contact",
        "location",
        "answers",
        "safe_contact",
        "person",
    ] {
        assert!(own.get(field).is_none(), "{field} in {own}");
    }
    // Another system's request is not found; lists, teams and follow-ups are refused.
    let (s, _) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&other_submit))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for path in [
        "/api/v1/requests",
        "/api/v1/teams",
        "/api/v1/follow-ups",
        "/api/v1/mutual-aid",
        "/api/v1/rota?from=2026-11-26&to=2026-11-26",
        "/api/v1/outreach",
    ] {
        let (s, b) = t.get(path, Some(&submit)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}: {b}");
    }
    // Open311 takes it as its api_key.
    let r = t
        .client
        .post(format!("{}/open311/v2/requests.json", t.url))
        .form(&[
            ("api_key", submit.as_str()),
            ("service_code", "welfare_check"),
            ("description", "A person outside, cold"),
            ("address_string", "Central Square"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success(),
        "open311 with submit: {}",
        r.status()
    );

    // A token with `intake` that acts for no person: the request, without its personal fields.
    let integration = t.token(&[Intake, Dispatch, Coordinate]).await;
    for path in [
        format!("/api/v1/requests/{id}"),
        "/api/v1/requests".to_string(),
    ] {
        let (s, b) = t.get(&path, Some(&integration)).await;
        assert_eq!(s, StatusCode::OK);
        let text = b.to_string();
        for secret in ["Quincy", "617-555-0163", "Cherry", "lantern", "vestibule"] {
            assert!(
                !text.contains(secret),
                "{path} shows {secret} to a token without a person"
            );
        }
        assert!(text.contains("withheld"), "{text}");
    }
    // A token made for a person reads them.
    let person = t.person_token(&[Intake]).await;
    let (s, b) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["contact"]["name"], "Quincy Vestibule");
    assert_eq!(b["personal_fields"], "open");
}

#[tokio::test]
async fn a_persons_token_ends() {
    let t = spawn_app().await;
    let pw = t.user("sam", &[Intake], None).await;
    assert!(!pw.is_empty());
    // 90 days unless chosen; 1 to 366 may be chosen.
    let token = t.token_for("sam", &[Intake]).await;
    let err = t
        .app
        .create_token_expiring(
            &heart_app::Actor::cli(),
            "long",
            heart_domain::access::Capabilities::of(&[Intake]),
            Some("sam"),
            Some(400),
        )
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("expires"), "{err:?}");
    let (s, _) = t.get("/api/v1/teams", Some(&token)).await;
    assert_eq!(s, StatusCode::OK);
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 89));
    let (s, _) = t.get("/api/v1/teams", Some(&token)).await;
    assert_eq!(s, StatusCode::OK, "day 89");
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 2));
    let (s, _) = t.get("/api/v1/teams", Some(&token)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "day 91: ended");
    // An integration's token (no person) lasts until revoked.
    let integration = t.token(&[Intake]).await;
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 400));
    let (s, _) = t.get("/api/v1/teams", Some(&integration)).await;
    assert_eq!(s, StatusCode::OK);
}
