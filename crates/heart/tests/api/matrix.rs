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

    let caps: [Capability; 5] = [Intake, Dispatch, Respond, Coordinate, Admin];
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
            vec![Intake],
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
    let pages: [(&str, &[Capability]); 14] = [
        ("/approvals", &[Coordinate, Admin]),
        ("/audit", &[Coordinate]),
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
