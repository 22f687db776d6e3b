//! Second-factor sign-in, end to end over HTTP: enrolment with a QR code, codes once only, recovery codes, step-up
//! for erasure, throttling, idle expiry, signing out everywhere, forged cookies.
use heart_crypto::totp;
use heart_domain::access::Capability;
use heart_testkit::{Session, TestApp, spawn_app_with};
use reqwest::StatusCode;

fn set_cookie(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|r| r.split(';').next().unwrap().to_string())
        })
}

fn field(page: &str, attr: &str) -> String {
    page.split(attr)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string()
}

/// Password step through the real sign-in form: the half-done session and where it leads.
async fn password_step(t: &TestApp, user: &str, password: &str) -> (String, String) {
    let page = t
        .client
        .get(format!("{}/login", t.url))
        .send()
        .await
        .unwrap();
    let csrf_cookie = set_cookie(&page, "heart_csrf").unwrap();
    let body = page.text().await.unwrap();
    let csrf = field(&body, "name=\"csrf\" value=\"");
    let r = t
        .client
        .post(format!("{}/login", t.url))
        .header("cookie", format!("heart_csrf={csrf_cookie}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", user),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    (set_cookie(&r, "heart_session").unwrap(), to)
}

async fn get(t: &TestApp, path: &str, cookie: &str) -> (StatusCode, String, Option<String>) {
    let r = t
        .client
        .get(format!("{}{path}", t.url))
        .header("cookie", format!("heart_session={cookie}"))
        .send()
        .await
        .unwrap();
    let loc = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    (r.status(), r.text().await.unwrap(), loc)
}

async fn post(t: &TestApp, path: &str, cookie: &str, form: &[(&str, &str)]) -> reqwest::Response {
    t.client
        .post(format!("{}{path}", t.url))
        .header("cookie", format!("heart_session={cookie}"))
        .form(form)
        .send()
        .await
        .unwrap()
}

fn now_secs(t: &TestApp) -> u64 {
    heart_domain::time::Clock::now(t.clock.as_ref()).as_second() as u64
}

/// Enrols `user` from a fresh sign-in; returns the secret, the recovery codes and the full session cookie.
async fn enrol(t: &TestApp, user: &str, password: &str) -> (Vec<u8>, Vec<String>, String) {
    let (pending, to) = password_step(t, user, password).await;
    assert_eq!(to, "/account/second-factor");
    // Nothing else opens with a half-done sign-in.
    let (s, _, loc) = get(t, "/follow-ups", &pending).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(loc.unwrap().starts_with("/login"));
    let (s, page, _) = get(t, "/account/second-factor", &pending).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("<svg"), "the QR code is inline SVG");
    let key = page
        .split("id=\"manual-key\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    let secret = totp::decode_manual_key(key).unwrap();
    let csrf = field(&page, "name=\"csrf\" value=\"");
    let r = post(
        t,
        "/account/second-factor",
        &pending,
        &[("csrf", &csrf), ("code", "000000")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let code = totp::code_at(&secret, now_secs(t));
    let r = post(
        t,
        "/account/second-factor",
        &pending,
        &[("csrf", &csrf), ("code", &code)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let full = set_cookie(&r, "heart_session").unwrap();
    assert_ne!(full, pending, "the session rotates");
    let page = r.text().await.unwrap();
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|r| r.split('<').next().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    let (s, _, _) = get(t, "/account/second-factor", &pending).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "the half-done session is gone");
    (secret, codes, full)
}

#[tokio::test]
async fn after_a_password_reset_the_second_factor_is_asked_again() {
    let t = spawn_app_with(|c| c.require_second_factor = true).await;
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    let (_, _, full) = enrol(&t, "rae", &pw).await;
    let rae = t
        .app
        .accounts(&heart_app::Actor::cli())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "rae")
        .unwrap()
        .id;
    let token = t
        .app
        .reset_password_link(&heart_app::Actor::cli(), rae)
        .await
        .unwrap();
    let (s, _, _) = get(&t, "/follow-ups", &full).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "the reset ended the session");
    t.app
        .complete_setup(&token, "a new long password")
        .await
        .unwrap();
    // The new password is one step; the second factor is still asked.
    let (_, to) = password_step(&t, "rae", "a new long password").await;
    assert_eq!(to, "/login/code");
}

#[tokio::test]
async fn enrol_then_sign_in_with_a_code_each_code_once() {
    let t = spawn_app_with(|c| c.require_second_factor = true).await;
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    let (secret, codes, full) = enrol(&t, "rae", &pw).await;
    let (s, page, _) = get(&t, "/account", &full).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Recovery codes left: 10"));

    // Next sign-in asks for a code; the code used to enrol (same 30 s) is refused as a replay.
    let (pending, to) = password_step(&t, "rae", &pw).await;
    assert_eq!(to, "/login/code");
    let (_, page, _) = get(&t, "/login/code", &pending).await;
    let csrf = field(&page, "name=\"csrf\" value=\"");
    let same = totp::code_at(&secret, now_secs(&t));
    let r = post(
        &t,
        "/login/code",
        &pending,
        &[("csrf", &csrf), ("code", &same)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("already used"));
    let audit = t.store.audit_recent(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entry.action == "sign_in.code_refused" && a.entry.detail == "replayed")
    );
    // An expired code (two minutes old) is refused.
    t.clock.advance(jiff::SignedDuration::from_secs(30));
    let old = totp::code_at(&secret, now_secs(&t) - 120);
    let r = post(
        &t,
        "/login/code",
        &pending,
        &[("csrf", &csrf), ("code", &old)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The current one works, and the session rotates again.
    let code = totp::code_at(&secret, now_secs(&t));
    let r = post(
        &t,
        "/login/code",
        &pending,
        &[("csrf", &csrf), ("code", &code)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let session = set_cookie(&r, "heart_session").unwrap();
    assert_ne!(session, pending);
    let (s, _, _) = get(&t, "/follow-ups", &session).await;
    assert_eq!(s, StatusCode::OK);

    // A recovery code signs in once.
    let (pending, _) = password_step(&t, "rae", &pw).await;
    let (_, page, _) = get(&t, "/login/code", &pending).await;
    let csrf = field(&page, "name=\"csrf\" value=\"");
    let r = post(
        &t,
        "/login/code",
        &pending,
        &[("csrf", &csrf), ("code", &codes[3].to_uppercase())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (pending, _) = password_step(&t, "rae", &pw).await;
    let (_, page, _) = get(&t, "/login/code", &pending).await;
    let csrf = field(&page, "name=\"csrf\" value=\"");
    let r = post(
        &t,
        "/login/code",
        &pending,
        &[("csrf", &csrf), ("code", &codes[3])],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn wrong_codes_are_throttled_per_account() {
    let t = spawn_app_with(|c| c.require_second_factor = true).await;
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    enrol(&t, "rae", &pw).await;
    let (pending, _) = password_step(&t, "rae", &pw).await;
    let (_, page, _) = get(&t, "/login/code", &pending).await;
    let csrf = field(&page, "name=\"csrf\" value=\"");
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let r = post(
            &t,
            "/login/code",
            &pending,
            &[("csrf", &csrf), ("code", "123456")],
        )
        .await;
        statuses.push(r.status().as_u16());
    }
    assert!(statuses[..4].iter().all(|s| *s == 422), "{statuses:?}");
    assert_eq!(statuses[6], 429, "{statuses:?}");
}

#[tokio::test]
async fn erasure_takes_the_second_factor_again() {
    let t = spawn_app_with(|c| c.require_second_factor = true).await;
    let token = t.person_token(&[Capability::Intake]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&token),
            &serde_json::json!({"summary": "Please erase me later"}),
        )
        .await;
    let rid = r["id"].as_str().unwrap().to_string();
    let pa = t.user("rae", &[Capability::Coordinate], None).await;
    let pb = t.user("mo", &[Capability::Coordinate], None).await;
    let (_, _, a) = enrol(&t, "rae", &pa).await;
    let (secret_b, _, b) = enrol(&t, "mo", &pb).await;
    let (_, page, _) = get(&t, &format!("/requests/{rid}/person"), &a).await;
    let csrf_a = field(&page, "name=\"csrf\" value=\"");
    let r = post(
        &t,
        &format!("/requests/{rid}/person/ask"),
        &a,
        &[
            ("csrf", &csrf_a),
            ("kind", "erase"),
            ("reason", "person_asked"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page, _) = get(&t, "/approvals", &b).await;
    assert!(page.contains("Your code again"));
    let aid = field(&page, "data-approval-id=\"");
    let csrf_b = field(&page, "name=\"csrf\" value=\"");
    let r = post(
        &t,
        &format!("/approvals/{aid}/decide"),
        &b,
        &[
            ("csrf", &csrf_b),
            ("decision", "approve"),
            ("confirm", "yes"),
        ],
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no code, no erasure"
    );
    let (_, still) = t
        .get(&format!("/api/v1/requests/{rid}"), Some(&token))
        .await;
    assert_eq!(still["personal_fields"], "open");
    t.clock.advance(jiff::SignedDuration::from_secs(30));
    let code = totp::code_at(&secret_b, now_secs(&t));
    let r = post(
        &t,
        &format!("/approvals/{aid}/decide"),
        &b,
        &[
            ("csrf", &csrf_b),
            ("decision", "approve"),
            ("confirm", "yes"),
            ("code", &code),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, gone) = t
        .get(&format!("/api/v1/requests/{rid}"), Some(&token))
        .await;
    assert_eq!(gone["personal_fields"], "erased");
}

#[tokio::test]
async fn sessions_end_when_idle_everywhere_at_once_and_forged_ones_never_start() {
    let t = spawn_app().await;
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    let s1: Session = t.login("rae", &pw).await;
    let s2: Session = t.login("rae", &pw).await;
    let (s, _, _) = t.page("/follow-ups", Some(&s1)).await;
    assert_eq!(s, StatusCode::OK);
    // Idle for longer than the limit: signed out.
    t.clock.advance(jiff::SignedDuration::from_mins(61));
    let (s, _, _) = t.page("/follow-ups", Some(&s1)).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // Sign out everywhere ends every session of the account.
    let s3 = t.login("rae", &pw).await;
    let s4 = t.login("rae", &pw).await;
    let (s, _, _) = t.form("/account/sign-out-everywhere", &s3, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    for s in [&s2, &s3, &s4] {
        let (st, _, _) = t.page("/follow-ups", Some(s)).await;
        assert_eq!(st, StatusCode::SEE_OTHER);
    }
    // Forged or mangled cookies are simply not sessions.
    for forged in [
        "x",
        "../../etc",
        &"A".repeat(43),
        &"é".repeat(50),
        &"a".repeat(5000),
    ] {
        let fake = Session {
            cookie: format!("heart_session={forged}"),
            csrf: String::new(),
        };
        let (st, _, _) = t.page("/follow-ups", Some(&fake)).await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{forged}");
    }
}

use heart_testkit::spawn_app;

/// Wrong passwords slow the address that types them; they never lock the account, so an outsider cannot keep
/// someone signed out. The holder is told of the failed attempts at their next sign-in and on /account.
#[tokio::test]
async fn wrong_passwords_slow_the_guesser_and_never_lock_the_owner_out() {
    let t = spawn_app_with(|_| {}).await;
    let pw = t.user("dispatch-dana", &[Capability::Dispatch], None).await;
    let outsider = Some(std::net::IpAddr::from([127, 0, 0, 9]));
    let owner = Some(std::net::IpAddr::from([127, 0, 0, 2]));
    let mut answers = Vec::new();
    for _ in 0..8 {
        answers.push(
            match t
                .app
                .login_from("dispatch-dana", "not the password", outsider)
                .await
            {
                Err(heart_app::AppError::Unauthenticated) => "wrong",
                Err(heart_app::AppError::Throttled { .. }) => "slowed",
                other => panic!("{other:?}"),
            },
        );
    }
    assert_eq!(&answers[..5], ["wrong"; 5], "{answers:?}");
    assert!(answers[5..].iter().all(|a| *a == "slowed"), "{answers:?}");
    // The owner, from their own address, gets in at once with the right password.
    let s = t.app.login_from("dispatch-dana", &pw, owner).await.unwrap();
    assert_eq!(s.failed_before, 5, "the five that were checked are told");
    // Told on the account page too.
    let session = Session {
        cookie: format!("heart_session={}", s.cookie),
        csrf: s.csrf.clone(),
    };
    let (st, page, _) = t.page("/account", Some(&session)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("5 times since you last signed in"), "{page}");
    // Signing in through the page after a failure lands on the account page, which says so.
    let elsewhere = Some(std::net::IpAddr::from([127, 0, 0, 10]));
    assert!(matches!(
        t.app
            .login_from("dispatch-dana", "wrong again", elsewhere)
            .await,
        Err(heart_app::AppError::Unauthenticated)
    ));
    let r = t
        .client
        .get(format!("{}/login", t.url))
        .send()
        .await
        .unwrap();
    let csrf_cookie = set_cookie(&r, "heart_csrf").unwrap();
    let html = r.text().await.unwrap();
    let csrf = field(&html, "name=\"csrf\" value=\"");
    let r = t
        .client
        .post(format!("{}/login", t.url))
        .header("cookie", format!("heart_csrf={csrf_cookie}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "dispatch-dana"),
            ("password", pw.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/account");
}

/// Passkeys over HTTP, as far as a test without an authenticator can go (the browser test adds, uses and removes
/// real ones with Chromium's virtual authenticator): the account page offers them only where a relying party is
/// set; the options name this server and the account; a made-up passkey, a stale challenge, another account's
/// passkey and a form without its CSRF token are refused; signing in offers a passkey only to an account that has
/// one.
#[tokio::test]
async fn passkeys_are_offered_checked_and_refused_as_they_should_be() {
    // Off: no relying party.
    let off = spawn_app_with(|c| c.require_second_factor = false).await;
    let pw = off.user("rae", &[Capability::Dispatch], None).await;
    let s = off.login("rae", &pw).await;
    let (_, page, _) = off.page("/account", Some(&s)).await;
    assert!(
        page.contains("Passkeys are not set up on this server"),
        "{page}"
    );
    let (st, body, _) = off.form("/account/passkeys/options", &s, &[]).await;
    assert_eq!(st, StatusCode::CONFLICT, "{body}");

    let t = spawn_app_with(|c| {
        c.require_second_factor = false;
        c.passkeys = heart_app::passkeys::PasskeyConfig {
            rp_id: Some("localhost".into()),
            origin: None,
        };
    })
    .await;
    let pw = t.user("rae", &[Capability::Dispatch], None).await;
    let s = t.login("rae", &pw).await;
    let (_, page, _) = t.page("/account", Some(&s)).await;
    assert!(
        page.contains("You have no passkey yet.") && page.contains("data-passkey-add"),
        "{page}"
    );
    // The options: this server, this account, a fresh challenge, user verification required.
    let (st, body, _) = t.form("/account/passkeys/options", &s, &[]).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let o: serde_json::Value = serde_json::from_str(&body).unwrap();
    let pk = &o["publicKey"];
    assert_eq!(pk["rp"]["id"], "localhost");
    assert_eq!(pk["user"]["name"], "rae");
    assert!(pk["challenge"].as_str().unwrap().len() >= 22, "{pk}");
    assert_eq!(pk["authenticatorSelection"]["userVerification"], "required");
    let (st, body, _) = t.form("/account/passkeys/options", &s, &[]).await;
    let again: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(st, StatusCode::OK);
    assert_ne!(
        again["publicKey"]["challenge"], pk["challenge"],
        "a new challenge each time"
    );
    // Without the CSRF token: refused, nothing started.
    let r = t
        .client
        .post(format!("{}/account/passkeys/options", t.url))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A made-up passkey (well-formed JSON, no real attestation): refused next to the form, nothing added.
    let forged = serde_json::json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {"attestationObject": "AAAA", "clientDataJSON": "AAAA"}
    })
    .to_string();
    let (st, page, _) = t
        .form(
            "/account/passkeys",
            &s,
            &[("name", "my phone"), ("passkey", &forged)],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("could not be checked"), "{page}");
    let (st, page, _) = t
        .form(
            "/account/passkeys",
            &s,
            &[("name", "   "), ("passkey", &forged)],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This is needed."), "{page}");
    assert!(
        t.app
            .my_passkeys(&t.actor_of(&s).await)
            .await
            .unwrap()
            .is_empty()
    );
    // Renaming or removing a passkey that is not the account's: not found.
    let other = heart_domain::ids::PasskeyId::new().to_string();
    let (st, _, _) = t
        .form(
            &format!("/account/passkeys/{other}/name"),
            &s,
            &[("name", "x")],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _, _) = t
        .form(
            &format!("/account/passkeys/{other}/remove"),
            &s,
            &[("code", "123456")],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _, _) = t
        .form("/account/passkeys/not-an-id/name", &s, &[("name", "x")])
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    // A step-up challenge for an account without passkeys: said so.
    let (st, body, _) = t.form("/account/passkeys/challenge", &s, &[]).await;
    assert_eq!(st, StatusCode::CONFLICT, "{body}");
    // Signing in is not held for a second factor the account does not have.
    let (_, to) = password_step(&t, "rae", &pw).await;
    assert_ne!(to, "/login/code");
}
