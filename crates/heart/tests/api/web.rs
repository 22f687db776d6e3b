use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;

/// Opens the public form as a browser would: (its CSRF cookie, the token, the page).
async fn public_form(t: &TestApp) -> (String, String, String) {
    let resp = t
        .client
        .get(format!("{}/request", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let cookie = resp.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let token = cookie.split_once('=').unwrap().1.to_string();
    (cookie, token, resp.text().await.unwrap())
}

/// The public form needs no account and no JavaScript, but does need its CSRF cookie and token.
#[tokio::test]
async fn the_public_can_ask_for_support_without_an_account() {
    let t = spawn_app().await;
    let resp = t
        .client
        .get(format!("{}/request", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let set_cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let token = cookie.split_once('=').unwrap().1.to_string();
    let html = resp.text().await.unwrap();
    assert!(html.contains(&format!("name=\"csrf\" value=\"{token}\"")));
    assert!(html.contains("833-773-2445") && html.contains("988"));

    // Without the token: refused, nothing saved.
    let resp = t
        .client
        .post(format!("{}/request", t.url))
        .form(&[("summary", "help")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    let resp = t
        .client
        .post(format!("{}/request", t.url))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", token.as_str()),
            ("summary", "My neighbour is crying in the hallway"),
            ("location_withheld", "on"),
            ("q_wants_visit", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    let html = resp.text().await.unwrap();
    assert!(html.contains("We have your request"));
    // No team on shift: it says so honestly and names alternatives.
    assert!(
        html.contains("All our teams are with other people right now"),
        "{html}"
    );
    let dispatch = t.token(&[Dispatch]).await;
    let (_, list) = t.get("/api/v1/requests?status=open", Some(&dispatch)).await;
    assert_eq!(list["requests"][0]["channel"], "web");
    assert_eq!(list["requests"][0]["location"]["withheld"], true);

    // The visitor gets their own status link: how far along, and nothing personal.
    let status = html
        .split("href=\"/status/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a status link")
        .to_string();
    let resp = t
        .client
        .get(format!("{}/status/{status}", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let page = resp.text().await.unwrap();
    assert!(page.contains("your request for support"), "{page}");
    assert!(!page.contains("crying in the hallway"), "{page}");
    // It is not a key to anything else: the 311 token look-up does not know it.
    let resp = t
        .client
        .get(format!("{}/open311/v2/tokens/{status}.json", t.url))
        .send()
        .await
        .unwrap();
    assert!(
        !resp
            .text()
            .await
            .unwrap()
            .contains("service_request_id\":\"")
    );
}

/// Sending the same form twice (a double click, or again after "try again in a moment") makes one request: each
/// form carries its own key.
#[tokio::test]
async fn the_same_form_sent_twice_makes_one_request() {
    let t = spawn_app().await;
    let (cookie, token, html) = public_form(&t).await;
    let key = html
        .split("name=\"form_key\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    assert!(key.len() >= 16, "each form has its own key");
    for _ in 0..2 {
        let resp = t
            .client
            .post(format!("{}/request", t.url))
            .header("cookie", &cookie)
            .form(&[
                ("csrf", token.as_str()),
                ("form_key", key.as_str()),
                (
                    "summary",
                    "Someone sleeping in the ATM vestibule, it is very cold",
                ),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED);
    }
    let dispatch = t.token(&[Dispatch]).await;
    let (_, list) = t.get("/api/v1/requests?status=open", Some(&dispatch)).await;
    assert_eq!(list["requests"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn closed_hours_are_said_plainly() {
    let t = spawn_app().await;
    t.clock.set("2026-11-27T08:00:00Z".parse().unwrap()); // 03:00 in Cambridge
    let (_, html, _) = t.page("/", None).await;
    assert!(
        html.contains("We are closed now. We open again today 08:00."),
        "{html}"
    );
}

#[tokio::test]
async fn sign_in_sign_out_and_throttling() {
    let t = spawn_app().await;
    let pw = t.user("jordan", &[Dispatch], None).await;
    let resp = t
        .client
        .get(format!("{}/login", t.url))
        .send()
        .await
        .unwrap();
    let cookie = resp.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = cookie.split_once('=').unwrap().1.to_string();
    let login = |password: String| {
        let (c, cookie) = (csrf.clone(), cookie.clone());
        let t = &t;
        async move {
            t.client
                .post(format!("{}/login", t.url))
                .header("cookie", cookie)
                .form(&[
                    ("csrf", c.as_str()),
                    ("username", "jordan"),
                    ("password", password.as_str()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let ok = login(pw.clone()).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(ok.headers()["location"], "/board");
    let session = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
            && !session.contains("Secure")
    );
    let session_cookie = session.split(';').next().unwrap().to_string();
    let board = t
        .client
        .get(format!("{}/board", t.url))
        .header("cookie", &session_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(board.status(), StatusCode::OK);

    for _ in 0..5 {
        assert_eq!(
            login("wrong password!".into()).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Locked for a while, even with the right password.
    let locked = login(pw.clone()).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.text().await.unwrap().contains("Too many attempts"));

    // Signing out ends the session on the server.
    let page = board.text().await.unwrap();
    let start = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let token = &page[start..start + page[start..].find('"').unwrap()];
    let out = t
        .client
        .post(format!("{}/logout", t.url))
        .header("cookie", &session_cookie)
        .form(&[("csrf", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let again = t
        .client
        .get(format!("{}/board", t.url))
        .header("cookie", &session_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers()["location"], "/login");
}

#[tokio::test]
async fn pages_are_sent_with_protective_headers() {
    let t = spawn_app().await;
    let resp = t.client.get(format!("{}/", t.url)).send().await.unwrap();
    let h = resp.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cache-control"], "no-store");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert!(
        h.get("strict-transport-security").is_none(),
        "not on plain HTTP"
    );
    let html = resp.text().await.unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no third-party requests"
    );
}

/// A peer that is not one of `trusted_proxies` cannot claim HTTPS (or another address) by header.
#[tokio::test]
async fn forwarded_headers_count_only_from_trusted_proxies() {
    let t = heart_testkit::spawn_app_with(|c| {
        c.trusted_proxies = vec!["127.0.0.2".parse().unwrap()];
    })
    .await;
    let resp = t
        .client
        .get(format!("{}/login", t.url))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(
        !resp.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure")
    );
    assert!(resp.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn cookies_are_secure_behind_a_tls_proxy() {
    let t = spawn_app().await;
    let resp = t
        .client
        .get(format!("{}/login", t.url))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(
        resp.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure")
    );
    assert!(
        resp.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=31536000")
    );
}

#[tokio::test]
async fn public_endpoints_are_limited_per_address_and_bodies_are_bounded() {
    let t = spawn_app().await;
    let mut last = None;
    for _ in 0..301 {
        last = Some(
            t.client
                .get(format!("{}/data", t.url))
                .send()
                .await
                .unwrap(),
        );
    }
    let last = last.unwrap();
    assert_eq!(last.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(last.headers()["retry-after"], "60");
    assert!(last.text().await.unwrap().contains("988"));
    // Signed-in work is not held back by the public limit.
    let token = t.token(&[heart_domain::access::Capability::Intake]).await;
    let (s, _) = t.get("/api/v1/teams", Some(&token)).await;
    assert_eq!(s, StatusCode::OK);
    // A body over 64 KiB is refused before it is read.
    let (s, _) = t
        .post_raw(
            "/api/v1/requests",
            &token,
            "application/json",
            &"x".repeat(100_000),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_never_by_id() {
    let t = spawn_app().await;
    let tok = t.token(&[Intake]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &serde_json::json!({"summary": "Ana at 3 Elm St"}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    t.get(&format!("/api/v1/requests/{id}"), Some(&tok)).await;
    assert_eq!(
        t.client
            .get(format!("{}/metrics", t.url))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let r = t
        .client
        .get(format!("{}/metrics", t.url))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "intake does not see operational numbers"
    );
    let admin = t.token(&[Admin]).await;
    let r = t
        .client
        .get(format!("{}/metrics", t.url))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    assert!(text.contains("heart_requests_created_total"), "{text}");
    assert!(text.contains("route=\"/api/v1/requests/{id}\""), "{text}");
    assert!(!text.contains(&id) && !text.contains("Elm"));
}

#[tokio::test]
async fn openapi_documents_every_json_endpoint() {
    let t = spawn_app().await;
    let (s, spec) = t.get("/api/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
    let mut paths: Vec<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/api/v1/circles",
            "/api/v1/circles/{id}",
            "/api/v1/circles/{id}/agreements",
            "/api/v1/circles/{id}/check-ins",
            "/api/v1/circles/{id}/check-ins/{check_in}/result",
            "/api/v1/circles/{id}/consents",
            "/api/v1/circles/{id}/notes",
            "/api/v1/circles/{id}/people",
            "/api/v1/circles/{id}/stage",
            "/api/v1/debriefs",
            "/api/v1/debriefs/{id}/done",
            "/api/v1/follow-ups",
            "/api/v1/follow-ups/{id}/done",
            "/api/v1/follow-ups/{id}/result",
            "/api/v1/funds",
            "/api/v1/funds/{id}/ledger",
            "/api/v1/geocode",
            "/api/v1/impact",
            "/api/v1/mutual-aid",
            "/api/v1/mutual-aid/{id}",
            "/api/v1/mutual-aid/{id}/approve",
            "/api/v1/mutual-aid/{id}/decline",
            "/api/v1/mutual-aid/{id}/pay",
            "/api/v1/outreach",
            "/api/v1/partner/referrals",
            "/api/v1/partner/referrals/{id}",
            "/api/v1/partner/referrals/{id}/status",
            "/api/v1/partner/services/{id}/capacity",
            "/api/v1/push/key",
            "/api/v1/push/subscriptions",
            "/api/v1/referrals",
            "/api/v1/referrals/{id}/withdraw",
            "/api/v1/requests",
            "/api/v1/requests/search",
            "/api/v1/requests/{id}",
            "/api/v1/requests/{id}/assign",
            "/api/v1/requests/{id}/close",
            "/api/v1/requests/{id}/ems",
            "/api/v1/requests/{id}/notes",
            "/api/v1/requests/{id}/recommendations",
            "/api/v1/requests/{id}/referrals",
            "/api/v1/requests/{id}/screen",
            "/api/v1/requests/{id}/transition",
            "/api/v1/reverse",
            "/api/v1/rota",
            "/api/v1/rota/slots/{id}/signup",
            "/api/v1/rota/slots/{id}/withdraw",
            "/api/v1/route",
            "/api/v1/supplies",
            "/api/v1/supplies/levels",
            "/api/v1/supplies/moves",
            "/api/v1/teams",
            "/api/v1/trainings",
            "/api/v1/transparency",
            "/api/v1/warmline",
            "/hooks/partner/{partner}",
        ]
    );
    let create = &spec["paths"]["/api/v1/requests"]["post"];
    assert!(create["responses"]["201"].is_object() && create["responses"]["422"].is_object());
    let required = &spec["components"]["schemas"]["IntakeBody"]["required"];
    assert_eq!(required, &serde_json::json!(["summary"]));
}

#[tokio::test]
async fn a_coordinator_sets_up_a_team_its_people_and_a_shift() {
    let t = spawn_app().await;
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let a = t.user("amara", &[Respond], None).await;
    let _ = t.user("bo", &[Respond], None).await;
    let (s, _, loc) = t.form("/teams", &rae, &[("name", "Team East")]).await;
    assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/teams")));
    let (s, html, _) = t.form("/teams", &rae, &[("name", "")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("This is needed."));
    let team = t
        .store
        .teams()
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.name == "Team East")
        .unwrap();
    for u in ["amara", "bo"] {
        let id = t
            .store
            .user_by_username(u)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let (s, _, _) = t
            .form(
                "/teams/members",
                &rae,
                &[("member", &id), ("member_team", &team.id.to_string())],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    // 14:00 to 02:00 local (runs past midnight), on the test day.
    let (s, html, _) = t
        .form(
            "/teams/shifts",
            &rae,
            &[
                ("shift_team", &team.id.to_string()),
                ("shift_date", "2026-11-26"),
                ("shift_start", "14:00"),
                ("shift_end", "xx"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"shift_end-error\""));
    let (s, _, _) = t
        .form(
            "/teams/shifts",
            &rae,
            &[
                ("shift_team", &team.id.to_string()),
                ("shift_date", "2026-11-26"),
                ("shift_start", "14:00"),
                ("shift_end", "02:00"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let shifts = t.store.shifts_at(heart_testkit::test_now()).await.unwrap();
    assert_eq!(shifts.len(), 1);
    assert_eq!(shifts[0].starts_at.to_string(), "2026-11-26T19:00:00Z");
    assert_eq!(shifts[0].ends_at.to_string(), "2026-11-27T07:00:00Z");
    // Across the end of daylight saving (1 November 2026): 22:00 to 06:00 is nine hours, ending at 06:00 local.
    let (s, _, _) = t
        .form(
            "/teams/shifts",
            &rae,
            &[
                ("shift_team", &team.id.to_string()),
                ("shift_date", "2026-10-31"),
                ("shift_start", "22:00"),
                ("shift_end", "06:00"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let dst = t
        .store
        .shifts_at("2026-11-01T10:00:00Z".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(dst[0].ends_at.to_string(), "2026-11-01T11:00:00Z");
    let (_, html, _) = t.page("/teams", Some(&rae)).await;
    assert!(
        html.contains("Team East") && html.contains("amara"),
        "{html}"
    );
    // The team can now be sent.
    let tok = t.token(&[Intake, Dispatch]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &serde_json::json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{}/assign", r["id"].as_str().unwrap()),
            Some(&tok),
            &serde_json::json!({"team_id": team.id.to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // A responder cannot change the roster.
    let amara = t.login("amara", &a).await;
    let (s, _, _) = t.form("/teams", &amara, &[("name", "Mine")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_flood_from_one_address_is_held_back_with_the_alternatives() {
    let t = spawn_app().await;
    let (cookie, token, _) = public_form(&t).await;
    let mut last = None;
    for i in 0..11 {
        let resp = t
            .client
            .post(format!("{}/request", t.url))
            .header("cookie", &cookie)
            .form(&[
                ("csrf", token.as_str()),
                ("summary", &format!("request {i}")),
            ])
            .send()
            .await
            .unwrap();
        last = Some((resp.status(), resp.text().await.unwrap()));
        if i < 10 {
            assert_eq!(last.as_ref().unwrap().0, StatusCode::CREATED, "request {i}");
        }
    }
    let (status, html) = last.unwrap();
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        html.contains("this one was not sent")
            && html.contains("833-773-2445")
            && html.contains("request 10")
    );
    let dispatch = t.token(&[Dispatch]).await;
    let (_, list) = t.get("/api/v1/requests?status=open", Some(&dispatch)).await;
    assert_eq!(list["requests"].as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn a_setup_link_works_once() {
    let t = spawn_app().await;
    let (_, setup) = t
        .app
        .add_user(
            &heart_app::Actor::cli(),
            "rae",
            None,
            heart_domain::access::Capabilities::of(&[Coordinate]),
            None,
            None,
        )
        .await
        .unwrap();
    let token = setup.unwrap();
    let resp = t
        .client
        .get(format!("{}/setup/{token}", t.url))
        .send()
        .await
        .unwrap();
    let cookie = resp.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = cookie.split_once('=').unwrap().1.to_string();
    let submit = |pw: &'static str| {
        let (cookie, csrf, token) = (cookie.clone(), csrf.clone(), token.clone());
        let t = &t;
        async move {
            t.client
                .post(format!("{}/setup/{token}", t.url))
                .header("cookie", cookie)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("password", pw),
                    ("password_again", pw),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(submit("too short").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(submit("a good long password").await, StatusCode::SEE_OTHER);
    assert_eq!(
        submit("another long password").await,
        StatusCode::NOT_FOUND,
        "used once"
    );
    assert!(t.app.login("rae", "a good long password").await.is_ok());
}

/// Pages speak Spanish to a browser that asks for it, or to anyone who chooses it at the foot of a page (a cookie;
/// no JavaScript), and go back to the page they were on.
#[tokio::test]
async fn pages_speak_the_language_asked_for_or_chosen() {
    let t = spawn_app().await;
    let r = t
        .client
        .get(format!("{}/", t.url))
        .header("accept-language", "es-US,es;q=0.9,en;q=0.8")
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(page.contains("<html lang=\"es\" dir=\"ltr\">"), "{page}");
    assert!(page.contains("Pedir apoyo"));
    assert!(
        page.contains("href=\"/language?to=en-US&amp;back=/\""),
        "{page}"
    );
    let (_, english, _) = t.page("/", None).await;
    assert!(
        english.contains("<html lang=\"en\" dir=\"ltr\">") && english.contains("Ask for support")
    );
    assert!(english.contains("href=\"/language?to=es&amp;back=/\" lang=\"es\""));
    // The link comes back to the page it is on, even where browsers send no Referer (heart asks them not to).
    let (_, dir, _) = t.page("/directory?q=food", None).await;
    assert!(
        dir.contains("/language?to=es&amp;back=/directory%3Fq%3Dfood"),
        "{dir}"
    );
    let r = t
        .client
        .get(format!(
            "{}/language?to=es&back=%2Fdirectory%3Fq%3Dfood",
            t.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/directory?q=food");
    let r = t
        .client
        .get(format!(
            "{}/language?to=es&back=%2F%2Felsewhere.example",
            t.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/", "never to another site");

    // Chosen from the directory page: back there, in Spanish from now on.
    let r = t
        .client
        .get(format!("{}/language?to=es", t.url))
        .header("referer", format!("{}/directory?q=pantry", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/directory?q=pantry");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("heart_lang=es;"), "{cookie}");
    let r = t
        .client
        .get(format!("{}/directory", t.url))
        .header("cookie", "heart_lang=es")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<html lang=\"es\" dir=\"ltr\">"),
        "the choice wins over the browser"
    );
    // Days are named in the page's language, not the system's.
    let r = t
        .client
        .get(format!("{}/request", t.url))
        .header("cookie", "heart_lang=es")
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    let days_es = [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "hoy",
        "mañana",
    ];
    assert!(
        days_es
            .iter()
            .any(|d| page.contains(&format!("hasta {d} "))),
        "{page}"
    );
    for d in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ] {
        assert!(!page.contains(d), "{d} in a Spanish page");
    }
    // The screening questions and their answers are asked in Spanish too (issue 25.1).
    assert!(page.contains("¿Hay alguien herido"), "{page}");
    assert!(page.contains("Refugiándose en un lugar"));
    assert!(!page.contains("Is anyone badly hurt") && !page.contains(">Not sure<"));
    // Another site's page is never where it goes back to; an unknown language is refused.
    let r = t
        .client
        .get(format!("{}/language?to=es", t.url))
        .header("referer", "https://elsewhere.example/phish")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
    let r = t
        .client
        .get(format!("{}/language?to=xx", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// "We open again today 08:00" when it is today, not the weekday's name.
#[tokio::test]
async fn closed_hours_say_today_when_it_is_today() {
    let t = heart_testkit::spawn_app().await;
    // Thursday 15:00 in Cambridge; 15 hours on it is Friday 06:00, before the 08:00 opening.
    t.clock.advance(jiff::SignedDuration::from_hours(15));
    let (s, html, _) = t.page("/", None).await;
    assert_eq!(s, reqwest::StatusCode::OK);
    assert!(html.contains("We open again today 08:00"), "{html}");
    t.clock.advance(jiff::SignedDuration::from_hours(3));
    let (_, html, _) = t.page("/", None).await;
    assert!(html.contains("tomorrow 00:00"), "{html}");
}
