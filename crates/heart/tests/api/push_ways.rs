//! How alerts reach a person besides their devices (issue 24.2): the same alert as a text through the texts'
//! outbox (the number sealed, taken away by leaving it empty), quiet hours that only "need help" passes, and people
//! on call hearing of a new request when no team is on shift. Against a local fake of the texting provider.

use heart_domain::access::Capability::*;
use heart_domain::time::Clock;
use heart_testkit::{TestApp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SID: &str = "AC0000000000000000000000000000test";

async fn app(api: &str) -> TestApp {
    let api = api.to_string();
    spawn_app_with(move |c| {
        c.sms = heart_app::sms::SmsConfig {
            provider: "twilio".into(),
            api_base: api,
            account_sid: SID.into(),
            from: "+16175550100".into(),
            public_url: "https://heart.example.org".into(),
            auth_token: Some("twilio-test-auth-token".into()),
        };
    })
    .await
}

/// The texts the fake provider took since `from`: (to, body).
async fn texts(fake: &MockServer, from: usize) -> Vec<(String, String)> {
    fake.received_requests()
        .await
        .unwrap()
        .iter()
        .skip(from)
        .map(|r| {
            let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&r.body).unwrap();
            let get = |k: &str| {
                form.iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            (get("To"), get("Body"))
        })
        .collect()
}

async fn new_request(t: &TestApp, token: &str, words: &str) {
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(token),
            &json!({"summary": words, "answers": {"wants_visit": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
}

/// "HH:MM" in the team's time zone, `mins` from now.
fn local_hm(t: &TestApp, mins: i64) -> String {
    let at = t.clock.now() + jiff::SignedDuration::from_mins(mins);
    let z = at.to_zoned_datetime(t.app.config.tz());
    format!("{:02}:{:02}", z.hour(), z.minute())
}

#[tokio::test]
async fn alerts_by_text_quiet_hours_and_on_call() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/2010-04-01/Accounts/{SID}/Messages.json")))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"sid": "SM1", "status": "queued"})),
        )
        .mount(&fake)
        .await;
    let t = app(&fake.uri()).await;
    t.team("North", (42.388, -71.119)).await;
    t.team("South", (42.36, -71.10)).await;
    let north = t.login("north-1", "a test password").await;
    let south = t.login("south-1", "a test password").await;
    let desk = t.token(&[Intake, Dispatch]).await;

    // The account page has the form; a text needs a number, quiet hours both times and different ones.
    let (s, page, _) = t.page("/account", Some(&north)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("How alerts reach you"), "{page}");
    for (fields, says) in [
        (vec![("by_text", "on")], "This is needed."),
        (vec![("phone", "call me")], "This does not look right."),
        (vec![("quiet_from", "22:00")], "This is needed."),
        (
            vec![("quiet_from", "22:00"), ("quiet_until", "22:00")],
            "Quiet hours need two different times.",
        ),
    ] {
        let (s, body, _) = t.form("/account/alerts", &north, &fields).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(body.contains(says), "{fields:?}: {body}");
    }
    let (s, _, loc) = t
        .form(
            "/account/alerts",
            &north,
            &[("by_text", "on"), ("phone", "+1 617 555 0199")],
        )
        .await;
    assert_eq!(
        (s, loc.as_deref()),
        (
            StatusCode::SEE_OTHER,
            Some("/account?done=alert_ways#ways-h")
        )
    );
    let (_, page, _) = t.page("/account", Some(&north)).await;
    assert!(page.contains("value=\"+1 617 555 0199\""), "{page}");

    // A new request while no board is open: north-1's phone gets a text that says what the push says, never
    // the words of the request.
    let words = "Woman outside the laundromat on Mass Ave, shaking";
    new_request(&t, &desk, words).await;
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    let got = texts(&fake, 0).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "+1 617 555 0199");
    assert!(
        got[0].1.starts_with("HEART: A new request is waiting."),
        "{}",
        got[0].1
    );
    assert!(
        got[0].1.ends_with("https://heart.example.org/responder"),
        "{}",
        got[0].1
    );
    assert!(!got[0].1.contains("laundromat"));

    // Quiet hours around now: nothing reaches north-1 but a call for help.
    let (s, _, _) = t
        .form(
            "/account/alerts",
            &north,
            &[
                ("by_text", "on"),
                ("phone", "+1 617 555 0199"),
                ("quiet_from", &local_hm(&t, -60)),
                ("quiet_until", &local_hm(&t, 60)),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    new_request(&t, &desk, "Someone in the ATM vestibule on Main St").await;
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0, "quiet hours");
    let (s, _, _) = t.form("/responder/need-help", &south, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(
        t.app.send_due_sms("").await.unwrap(),
        1,
        "need help passes quiet hours"
    );
    let got = texts(&fake, 1).await;
    assert_eq!(
        got[0].1,
        "HEART: A team asked for help. https://heart.example.org/board"
    );

    // Outside every shift, a new request reaches the people on call, and only them.
    let (s, _, _) = t
        .form(
            "/account/alerts",
            &north,
            &[("by_text", "on"), ("phone", "+1 617 555 0199")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let pw = t.user("ona", &[Respond], None).await;
    let ona = t.login("ona", &pw).await;
    let (s, _, _) = t
        .form(
            "/account/alerts",
            &ona,
            &[
                ("by_text", "on"),
                ("phone", "617-555-0123"),
                ("on_call", "on"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    new_request(&t, &desk, "On shift: north and south hear of it").await;
    assert_eq!(
        t.app.send_due_sms("").await.unwrap(),
        1,
        "north-1 on shift, not ona"
    );
    t.clock.advance(jiff::SignedDuration::from_hours(9));
    new_request(&t, &desk, "At night, no team on shift").await;
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    let got = texts(&fake, 3).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "617-555-0123", "the person on call");

    // Taking the number away: nothing texts north-1 any more, and the number is gone.
    let north = t.login("north-1", "a test password").await;
    let (s, _, loc) = t.form("/account/alerts", &north, &[]).await;
    assert_eq!(
        (s, loc.as_deref()),
        (
            StatusCode::SEE_OTHER,
            Some("/account?done=alert_ways#ways-h")
        )
    );
    let users = t.store.users().await.unwrap();
    let n1 = users.iter().find(|u| u.username == "north-1").unwrap().id;
    let ways = t.store.push().alert_ways_of(&[n1]).await.unwrap();
    assert_eq!((ways[0].phone.as_deref(), ways[0].subject), (None, None));
    let audit = t.store.audit_for("user", &n1.to_string()).await.unwrap();
    assert!(audit.iter().any(|a| a.entry.action == "alerts.ways"));
    assert!(
        audit.iter().all(|a| !a.entry.detail.contains("617")),
        "no number in the audit"
    );
}

#[tokio::test]
async fn alerts_by_email_through_the_alerts_outbox() {
    let smtp = heart_testkit::smtp::FakeSmtp::start().await;
    let url = smtp.url();
    let t = spawn_app_with(move |c| {
        c.mail = heart_app::mail::MailConfig {
            smtp_url: url,
            from: "Cambridge HEART <alerts@heart.example.org>".into(),
            ..heart_app::mail::MailConfig::default()
        };
        c.money.public_url = "https://heart.example.org".into();
    })
    .await;
    t.team("North", (42.388, -71.119)).await;
    let north = t.login("north-1", "a test password").await;
    let desk = t.token(&[Intake, Dispatch]).await;
    for (fields, field, says) in [
        (vec![("by_email", "on")], "email", "This is needed."),
        (
            vec![("by_email", "on"), ("email", "not an address")],
            "email",
            "Give an email address like name@example.org.",
        ),
        (
            vec![("by_text", "on"), ("phone", "617-555-0199")],
            "by_text",
            "Text messages are not set up here.",
        ),
    ] {
        let (s, body, _) = t.form("/account/alerts", &north, &fields).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(body.contains(says), "{field}: {body}");
    }
    let (s, _, _) = t
        .form(
            "/account/alerts",
            &north,
            &[("by_email", "on"), ("email", "north1@heart.example.org")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    new_request(
        &t,
        &desk,
        "Man asleep in the doorway of 5 Pearl St, very cold",
    )
    .await;
    assert_eq!(t.app.send_due_push().await.unwrap(), 1);
    assert_eq!(t.app.send_due_push().await.unwrap(), 0, "sent once");
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["<north1@heart.example.org>".to_string()]);
    assert_eq!(
        mails[0].header("Subject").as_deref(),
        Some("HEART: A new request is waiting.")
    );
    let body = mails[0].body();
    assert!(
        body.contains("https://heart.example.org/responder"),
        "{body}"
    );
    assert!(!body.contains("Pearl"), "{body}");
}
