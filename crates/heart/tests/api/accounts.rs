//! Accounts that begin and end in the app (issue 23.7): an admin adds an account on /accounts (its capabilities wait
//! for a second admin), disables one at once (its sessions and tokens stop on their next request), and enabling it
//! again takes a second admin; API tokens are listed (never the token) and revoked, from the page and the shell.

use heart_app::Actor;
use heart_domain::access::Capability::*;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use std::process::Command;

fn approval_id(page: &str) -> String {
    page.split("data-approval-id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn an_account_is_added_on_the_page_and_what_it_may_do_waits_for_a_second_admin() {
    let t = spawn_app().await;
    let pw = t.user("lee", &[Admin], None).await;
    let lee = t.login("lee", &pw).await;
    let (s, page, _) = t
        .form(
            "/accounts",
            &lee,
            &[
                ("username", "casey"),
                ("name", "Casey"),
                ("capability", "intake"),
                ("capability", "dispatch"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("Account added."), "{page}");
    let link = page
        .split("<code class=\"setup-link\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(link.starts_with("/setup/"));
    // The account can do nothing yet: the change waits for someone else.
    let casey = t
        .app
        .accounts(&Actor::cli())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "casey")
        .unwrap();
    assert!(casey.capabilities.iter().next().is_none());
    let (_, approvals, _) = t.page("/approvals", Some(&lee)).await;
    assert!(approvals.contains("Change of what an account may do"));
    assert!(approvals.contains("intake,dispatch"));
    // Shown once: the page after it does not show the link.
    let (_, again, _) = t.page("/accounts", Some(&lee)).await;
    assert!(!again.contains(link));
    // A taken username or a bad one: said beside the field, nothing added.
    for (name, message) in [
        ("casey", "This is already taken."),
        ("?", "This does not look right."),
    ] {
        let (s, page, _) = t
            .form("/accounts", &lee, &[("username", name), ("name", "x")])
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"new-username-error\""), "{page}");
        assert!(page.contains(message), "{page}");
    }
    assert_eq!(t.app.accounts(&Actor::cli()).await.unwrap().len(), 2);
    // Only an admin adds accounts.
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (s, _, _) = t
        .form("/accounts", &rae, &[("username", "x2"), ("name", "x")])
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_disabled_account_stops_at_once_and_enabling_it_takes_a_second_admin() {
    let t = spawn_app().await;
    let pw = t.user("lee", &[Admin], None).await;
    let lee = t.login("lee", &pw).await;
    let pw = t.user("mo", &[Admin], None).await;
    let mo = t.login("mo", &pw).await;
    let sam_pw = t.user("sam", &[Intake], None).await;
    let sam = t.login("sam", &sam_pw).await;
    let sams_token = t.token_for("sam", &[Intake]).await;
    let (s, _, _) = t.page("/intake", Some(&sam)).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t.get("/api/v1/teams", Some(&sams_token)).await;
    assert_eq!(s, StatusCode::OK);
    let sam_id = t
        .app
        .accounts(&Actor::cli())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "sam")
        .unwrap()
        .id;

    // One admin disables: the open session and the token are refused on their next request.
    let (s, _, loc) = t
        .form(&format!("/accounts/{sam_id}/disable"), &lee, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), "/accounts?done=account_disabled");
    let (s, _, loc) = t.page("/intake", Some(&sam)).await;
    assert!(
        s == StatusCode::SEE_OTHER && loc.as_deref().is_some_and(|l| l.starts_with("/login")),
        "{s} {loc:?}"
    );
    let (s, _) = t.get("/api/v1/teams", Some(&sams_token)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(t.app.login("sam", &sam_pw).await.is_err());
    let (_, page, _) = t.page("/accounts", Some(&lee)).await;
    assert!(page.contains("Disabled"));
    // Not twice, and never one's own.
    let (s, _, _) = t
        .form(&format!("/accounts/{sam_id}/disable"), &lee, &[])
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Enabling: asked by one admin, who cannot approve it; approved by another.
    let (s, _, loc) = t
        .form(&format!("/accounts/{sam_id}/enable"), &lee, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), "/approvals");
    let (_, page, _) = t.page("/approvals", Some(&lee)).await;
    assert!(page.contains("Letting a disabled account sign in again"));
    let aid = approval_id(&page);
    let (s, _, _) = t
        .form(
            &format!("/approvals/{aid}/decide"),
            &lee,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(t.app.login("sam", &sam_pw).await.is_err());
    let (s, _, _) = t
        .form(
            &format!("/approvals/{aid}/decide"),
            &mo,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(t.app.login("sam", &sam_pw).await.is_ok());
    let audit = t
        .store
        .audit_for("user", &sam_id.to_string())
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.entry.action.as_str()).collect();
    assert!(actions.contains(&"user.disable") && actions.contains(&"user.enable"));
}

#[tokio::test]
async fn a_revoked_token_gets_401_on_its_next_request() {
    let t = spawn_app().await;
    let pw = t.user("lee", &[Admin], None).await;
    let lee = t.login("lee", &pw).await;
    let token = t.token(&[Intake]).await;
    let _unused = t.token(&[Dispatch]).await;
    let (s, _) = t.get("/api/v1/teams", Some(&token)).await;
    assert_eq!(s, StatusCode::OK);
    let (_, page, _) = t.page("/accounts", Some(&lee)).await;
    assert!(page.contains("API tokens"));
    assert!(!page.contains(&token), "the token itself is never shown");
    assert!(page.contains("Never"), "the unused one was never used");
    let tokens = t.app.tokens(&Actor::cli()).await.unwrap();
    let used = tokens.iter().find(|x| x.last_used_at.is_some()).unwrap();
    let (s, _, loc) = t
        .form(&format!("/tokens/{}/revoke", used.id), &lee, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), "/accounts?done=token_revoked#tokens");
    let (s, _) = t.get("/api/v1/teams", Some(&token)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = t
        .form(&format!("/tokens/{}/revoke", used.id), &lee, &[])
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, page, _) = t.page("/accounts", Some(&lee)).await;
    assert!(page.contains("Revoked"));
}

#[test]
fn the_shell_lists_and_revokes_tokens_and_takes_an_end_date() {
    let dir = tempfile::tempdir().unwrap();
    let heart = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_heart"));
        c.env("RUST_LOG", "warn");
        c
    };
    let create = |expires: &str| {
        heart()
            .args([
                "token",
                "create",
                "--name",
                "alarm",
                "--capabilities",
                "intake",
            ])
            .args(["--expires", expires, "--data"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let out = create("2099-01-01");
    assert_eq!(out.status.code(), Some(2), "more than a year ahead");
    let out = create("not-a-date");
    assert_eq!(out.status.code(), Some(2));
    let in_30_days = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 30);
    let last_day = in_30_days.to_string()[..10].to_string();
    let out = create(&last_day);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = create("10");
    assert!(out.status.success());

    let out = heart()
        .args(["token", "list", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    let first: Vec<&str> = lines[0].split('\t').collect();
    assert!(
        first[0].parse::<heart_domain::ids::TokenId>().is_ok(),
        "{list}"
    );
    assert_eq!(first[1], "alarm");
    assert_eq!(first[2], "intake");
    assert_eq!(first[4], "last used never");
    assert!(first[5].starts_with("works until"), "{list}");
    assert!(!list.contains("heart_"), "never the token itself");

    let revoke = |id: &str| {
        heart()
            .args(["token", "revoke", id, "--data"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    assert!(revoke(first[0]).status.success());
    let out = revoke("0190d5c8-0000-7000-8000-000000000000");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
    assert_eq!(revoke("nope").status.code(), Some(2));
    let out = heart()
        .args(["token", "list", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.lines().next().unwrap().ends_with("revoked") || list.contains("\trevoked "),
        "{list}"
    );

    // A partner ends the same way; an unknown one is exit 2 with one line.
    let out = heart()
        .args(["partner", "add", "--name", "Corner Bank", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let partner = |what: &[&str]| {
        heart()
            .arg("partner")
            .args(what)
            .arg("--data")
            .arg(dir.path())
            .output()
            .unwrap()
    };
    // A new secret, printed once, alone on stdout; the old one's end time on stderr.
    let added = String::from_utf8(out.stdout).unwrap();
    let out = partner(&["rotate", "Corner Bank"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rotated = String::from_utf8(out.stdout).unwrap();
    assert!(
        rotated.trim().starts_with("hps_") && rotated.lines().count() == 1,
        "{rotated}"
    );
    assert_ne!(rotated.trim(), added.trim());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("keeps working until")
    );
    assert_eq!(partner(&["rotate", "Nobody"]).status.code(), Some(2));
    assert!(partner(&["disable", "Corner Bank"]).status.success());
    let out = partner(&["rotate", "Corner Bank"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a disabled partner gets no new secret"
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
    let list = String::from_utf8(partner(&["list"]).stdout).unwrap();
    assert!(
        list.contains("corner-bank") && list.trim_end().ends_with("revoked"),
        "{list}"
    );
    let out = partner(&["disable", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[tokio::test]
async fn a_person_changes_their_password_and_their_other_sessions_end() {
    let t = spawn_app().await;
    let pw = t.user("sam", &[Intake], None).await;
    let here = t.login("sam", &pw).await;
    let elsewhere = t.login("sam", &pw).await;
    let new = "a brand new long password";
    for (fields, wrong) in [
        (
            [
                ("current_password", "not it"),
                ("new_password", new),
                ("new_password_again", new),
            ],
            "current_password",
        ),
        (
            [
                ("current_password", pw.as_str()),
                ("new_password", new),
                ("new_password_again", "typo"),
            ],
            "new_password_again",
        ),
        (
            [
                ("current_password", pw.as_str()),
                ("new_password", "short"),
                ("new_password_again", "short"),
            ],
            "new_password",
        ),
    ] {
        let (s, page, _) = t.form("/account/password", &here, &fields).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}");
        assert!(
            page.contains(&format!("id=\"{wrong}-error\"")),
            "{wrong}: {page}"
        );
    }
    assert!(t.app.login("sam", &pw).await.is_ok(), "nothing changed");
    let (s, _, loc) = t
        .form(
            "/account/password",
            &here,
            &[
                ("current_password", &pw),
                ("new_password", new),
                ("new_password_again", new),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), "/account?done=password_changed");
    let (s, page, _) = t.page("/account?done=password_changed", Some(&here)).await;
    assert_eq!(s, StatusCode::OK, "this session stays");
    assert!(page.contains("Your password is changed."));
    let (s, _, loc) = t.page("/account", Some(&elsewhere)).await;
    assert!(
        s == StatusCode::SEE_OTHER && loc.is_some_and(|l| l.starts_with("/login")),
        "the other session ended"
    );
    assert!(t.app.login("sam", &pw).await.is_err());
    assert!(t.app.login("sam", new).await.is_ok());
}

/// Sessions that ended by time are purged by the daily job (issue 23.7); live ones stay.
#[tokio::test]
async fn the_daily_job_purges_ended_sessions() {
    let t = spawn_app().await;
    let pw = t.user("sam", &[Intake], None).await;
    let old = t.login("sam", &pw).await;
    let hash = |s: &heart_testkit::Session| {
        heart_crypto::sha256_hex(s.cookie.trim_start_matches("heart_session="))
    };
    assert!(t.store.session(&hash(&old)).await.unwrap().is_some());
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 2));
    let fresh = t.login("sam", &pw).await;
    t.app.run_retention(&Actor::cli()).await.unwrap();
    assert!(
        t.store.session(&hash(&old)).await.unwrap().is_none(),
        "ended, purged"
    );
    assert!(
        t.store.session(&hash(&fresh)).await.unwrap().is_some(),
        "live, kept"
    );
}

/// Submits the setup page of a one-time link as a browser does (its CSRF cookie first): the status.
async fn choose_password(t: &heart_testkit::TestApp, link: &str, pw: &str) -> StatusCode {
    let resp = t
        .client
        .get(format!("{}{link}", t.url))
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
    t.client
        .post(format!("{}{link}", t.url))
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

#[tokio::test]
async fn an_admins_reset_link_ends_the_old_password_and_works_once_for_a_day() {
    let t = spawn_app().await;
    let pw_lee = t.user("lee", &[Admin], None).await;
    let lee = t.login("lee", &pw_lee).await;
    let sam_pw = t.user("sam", &[Intake], None).await;
    let sam = t.login("sam", &sam_pw).await;
    let sam_id = t
        .app
        .accounts(&Actor::cli())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "sam")
        .unwrap()
        .id;
    let reset = |who: &heart_testkit::Session| {
        let who = who.clone();
        let t = &t;
        async move {
            t.form(&format!("/accounts/{sam_id}/reset-password"), &who, &[])
                .await
        }
    };
    let link_in = |page: &str| {
        page.split("<code class=\"setup-link\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    let (s, page, _) = reset(&lee).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("It works once, for 24 hours"), "{page}");
    let link = link_in(&page);
    assert!(link.starts_with("/setup/"), "{link}");
    // At once: the old password and the open session stop.
    let (s, _, loc) = t.page("/intake", Some(&sam)).await;
    assert!(
        s == StatusCode::SEE_OTHER && loc.as_deref().is_some_and(|l| l.starts_with("/login")),
        "{s} {loc:?}"
    );
    assert!(t.app.login("sam", &sam_pw).await.is_err());
    // The link sets a new one, once.
    assert_eq!(
        choose_password(&t, &link, "a new long password").await,
        StatusCode::SEE_OTHER
    );
    assert!(t.app.login("sam", "a new long password").await.is_ok());
    assert_eq!(
        choose_password(&t, &link, "yet another password").await,
        StatusCode::NOT_FOUND,
        "used once"
    );
    // A link not used within 24 hours has ended.
    let (_, page, _) = reset(&lee).await;
    let late = link_in(&page);
    t.clock.advance(jiff::SignedDuration::from_hours(25));
    assert_eq!(
        choose_password(&t, &late, "a late long password").await,
        StatusCode::NOT_FOUND
    );
    assert!(t.app.login("sam", "a late long password").await.is_err());
    // Audited, without the link.
    let audit = t.store.audit_recent(20).await.unwrap();
    let resets: Vec<_> = audit
        .iter()
        .filter(|a| a.entry.action == "user.reset_password")
        .collect();
    assert_eq!(resets.len(), 2);
    assert!(
        resets
            .iter()
            .all(|a| !late.contains(&a.entry.detail) || a.entry.detail.is_empty())
    );
    // Only an admin, and not for their own account (that is the account page's password change).
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (s, _, _) = reset(&rae).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let lee_id = t
        .app
        .accounts(&Actor::cli())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "lee")
        .unwrap()
        .id;
    let lee = t.login("lee", &pw_lee).await;
    let (s, _, _) = t
        .form(&format!("/accounts/{lee_id}/reset-password"), &lee, &[])
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}
