//! Receipts and giving statements by email, against a local SMTP server (heart-testkit's `FakeSmtp`): a gift by
//! hand and a gift through the fake Stripe each get one receipt in the donor's language, a replayed event sends
//! nothing more, a server that says "try later" is tried again and one that refuses ends the mail (counted on the
//! donors page), statements go on request and each January, and with email off nothing is promised or queued.

use crate::money::{WHSEC, completed, fund, hook, now_s, person, public_form};
use heart_app::mail::MailConfig;
use heart_app::money::MoneyConfig;
use heart_domain::access::Capability;
use heart_testkit::smtp::{FakeSmtp, Mode, Received};
use heart_testkit::{Session, TestApp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mail_app(smtp: &FakeSmtp, stripe: Option<&MockServer>) -> TestApp {
    let url = smtp.url();
    let api = stripe.map(|m| m.uri());
    let t = spawn_app_with(move |c| {
        c.money = MoneyConfig {
            organisation: "Cambridge HEART, Inc.".into(),
            tax_id: "EIN 00-0000000".into(),
            public_url: "https://heart.example.org".into(),
            ..MoneyConfig::default()
        };
        if let Some(api) = api {
            c.money.provider = "stripe".into();
            c.money.stripe_api = api;
            c.money.stripe_secret_key = Some("sk_test_heart".into());
            c.money.stripe_webhook_secret = Some(WHSEC.into());
        }
        c.mail = MailConfig {
            smtp_url: url,
            from: "Cambridge HEART <giving@heart.example.org>".into(),
            reply_to: "team@heart.example.org".into(),
            ..MailConfig::default()
        };
    })
    .await;
    assert!(t.app.config.mail.check().is_ok());
    t
}

async fn by_hand(t: &TestApp, s: &Session, fund: &str, amount: &str, language: &str) {
    let (st, body, _) = t
        .form(
            "/funds/gifts",
            s,
            &[
                ("fund_id", fund),
                ("amount", amount),
                ("method", "check"),
                ("email", "lucia@example.org"),
                ("name", "Lucía Giver"),
                ("language", language),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
}

fn receipt_path(m: &Received) -> String {
    let body = m.body();
    let i = body
        .find("https://heart.example.org/donate/receipt/")
        .unwrap()
        + 25;
    body[i..].split_whitespace().next().unwrap().to_string()
}

#[tokio::test]
async fn a_gift_by_hand_gets_one_receipt_in_the_donors_language() {
    let smtp = FakeSmtp::start().await;
    let t = mail_app(&smtp, None).await;
    let general = fund(&t, "General", "general").await;
    let fin = person(&t, "fran", &[Capability::Finance]).await;
    by_hand(&t, &fin, &general, "300", "es").await;
    // Queued with the gift; nothing has gone before the sender runs.
    assert!(smtp.mails().is_empty());
    assert_eq!(t.app.send_due_mail().await.unwrap(), 1);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.to, vec!["<lucia@example.org>".to_string()]);
    assert_eq!(m.from, "<giving@heart.example.org>");
    assert_eq!(
        m.header("Reply-To").as_deref(),
        Some("team@heart.example.org")
    );
    let subject = m.header("Subject").unwrap();
    assert!(
        subject.contains("Cambridge HEART") || subject.starts_with("=?utf-8?"),
        "{subject}"
    );
    let body = m.body();
    // The written acknowledgement, in Spanish: organisation and tax id, donor, amount, date, no goods or services.
    for part in [
        "Gracias por su donación a Cambridge HEART, Inc.",
        "número de identificación fiscal EIN 00-0000000",
        "Lucía Giver",
        "$300.00",
        "2026-11-26",
        "No se entregaron bienes ni servicios a cambio de esta contribución.",
        "para una donación de $250 o más",
        "https://heart.example.org/donate/receipt/",
    ] {
        assert!(body.contains(part), "{part} not in {body}");
    }
    // The receipt page says it was emailed.
    let (st, html, _) = t.page(&receipt_path(m), None).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("We emailed this receipt to you."), "{html}");
    // The donors page counts it.
    let (st, html, _) = t.page("/funds/donors", Some(&fin)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        html.contains("1 sent") && html.contains("0 waiting"),
        "{html}"
    );
}

#[tokio::test]
async fn a_gift_through_stripe_is_acknowledged_once_even_when_the_event_comes_again() {
    let smtp = FakeSmtp::start().await;
    let stripe = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "cs_mail_1", "object": "checkout.session", "url": "https://checkout.stripe.com/c/pay/cs_mail_1"})))
        .mount(&stripe)
        .await;
    let t = mail_app(&smtp, Some(&stripe)).await;
    fund(&t, "General", "general").await;
    let (cookie, csrf) = public_form(&t).await;
    let r = t
        .client
        .post(format!("{}/donate", t.url))
        .header("cookie", cookie)
        .header("accept-language", "es")
        .form(&[
            ("csrf", csrf.as_str()),
            ("preset", "other"),
            ("amount", "40"),
            ("frequency", "once"),
            ("email", "ana@example.org"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html, _) = t.page("/donate", None).await;
    assert!(html.contains("We send the receipt"), "{html}");
    // Pending: no receipt yet.
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    let d = t
        .store
        .money()
        .donation_by_provider_ref("cs_mail_1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.language, "es");
    // Stripe delivers the event two days after the payment: the gift is dated when it was paid.
    let mut event = completed("evt_mail_1", "cs_mail_1", 4_000, json!({}));
    event["created"] = json!(now_s(&t) - 2 * 86_400);
    let (st, _) = hook(&t, &event, now_s(&t), WHSEC).await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = hook(&t, &event, now_s(&t), WHSEC).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 1);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body().contains("$40.00"));
    assert!(
        mails[0].body().contains("2026-11-24"),
        "{}",
        mails[0].body()
    );
    assert!(mails[0].body().contains("Este correo es su recibo"));
    // No goods statement for a gift under $250 too; no "$250 or more" line.
    assert!(!mails[0].body().contains("$250 o más"));
}

#[tokio::test]
async fn a_busy_server_is_tried_again_and_a_refusal_is_counted() {
    let smtp = FakeSmtp::start().await;
    let t = mail_app(&smtp, None).await;
    let general = fund(&t, "General", "general").await;
    let fin = person(&t, "fran", &[Capability::Finance]).await;
    smtp.set_mode(Mode::TryLater);
    by_hand(&t, &fin, &general, "20", "en-US").await;
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    let waiting = t.app.mail_summary(&heart_app::Actor::cli()).await.unwrap();
    assert_eq!((waiting.waiting, waiting.sent, waiting.failed), (1, 0, 0));
    // Not again before its time (a minute after the first try).
    smtp.set_mode(Mode::Accept);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    t.clock.advance(jiff::SignedDuration::from_secs(61));
    assert_eq!(t.app.send_due_mail().await.unwrap(), 1);
    assert_eq!(smtp.mails().len(), 1);
    assert!(
        smtp.mails()[0]
            .body()
            .contains("This email is your receipt.")
    );
    assert_eq!(
        smtp.mails()[0].header("Subject").as_deref(),
        Some("Cambridge HEART, Inc.: receipt for your gift of $20.00")
    );
    // A refused mailbox ends the mail at once, and the donors page says so.
    smtp.set_mode(Mode::Refuse);
    by_hand(&t, &fin, &general, "25", "en-US").await;
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    t.clock.advance(jiff::SignedDuration::from_hours(48));
    smtp.set_mode(Mode::Accept);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    assert_eq!(smtp.mails().len(), 1);
    let fin = person(&t, "fred", &[Capability::Finance]).await;
    let (_, html, _) = t.page("/funds/donors", Some(&fin)).await;
    assert!(html.contains("1 could not be sent"), "{html}");
    // Which one, so it can be printed and sent by hand.
    assert!(
        html.contains("Lucía Giver</a> · receipt 2026") && html.contains("refused (550)"),
        "{html}"
    );
    // What is kept of the failure is the server's code, never the address.
    let donor = t.app.donors(&heart_app::Actor::cli()).await.unwrap()[0].id;
    let mails = t.store.money().mail_for_donor(donor).await.unwrap();
    let failed = mails.iter().find(|m| m.failed_at.is_some()).unwrap();
    assert_eq!(failed.error.as_deref(), Some("refused (550)"));
}

#[tokio::test]
async fn statements_go_on_request_and_each_january() {
    let smtp = FakeSmtp::start().await;
    let t = mail_app(&smtp, None).await;
    let general = fund(&t, "General", "general").await;
    let fin = person(&t, "fran", &[Capability::Finance]).await;
    by_hand(&t, &fin, &general, "50", "en-US").await;
    by_hand(&t, &fin, &general, "70", "en-US").await;
    assert_eq!(t.app.send_due_mail().await.unwrap(), 2);
    let donor = t.app.donors(&heart_app::Actor::cli()).await.unwrap()[0].id;
    let page = format!("/funds/donors/{donor}/statement");
    // The same form sent twice (a double click) is one mail.
    let key = [("year", "2026"), ("key", "k-0123456789abcdef")];
    let (st, _, loc) = t.form(&page, &fin, &key).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _, _) = t.form(&page, &fin, &key).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (_, html, _) = t.page(&loc.unwrap(), Some(&fin)).await;
    assert!(html.contains("will be emailed to the donor"), "{html}");
    assert_eq!(t.app.send_due_mail().await.unwrap(), 1);
    let m = smtp.mails().pop().unwrap();
    assert!(m.header("Subject").unwrap().contains("2026"));
    let body = m.body();
    assert!(body.contains("Giving statement for 2026"), "{body}");
    assert!(body.contains("$50.00") && body.contains("$70.00"));
    assert!(body.contains("Total: $120.00"), "{body}");
    // A year without gifts: refused beside the field.
    let (st, html, _) = t.form(&page, &fin, &[("year", "2024")]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    // Not January: the yearly run does nothing. In January: once per donor, however often it runs.
    assert_eq!(t.app.queue_yearly_statements().await.unwrap(), 0);
    // Not before the 5th (a late event of 31 December still counts).
    t.clock.set("2027-01-04T15:00:00Z".parse().unwrap());
    assert_eq!(t.app.queue_yearly_statements().await.unwrap(), 0);
    t.clock.set("2027-01-05T15:00:00Z".parse().unwrap());
    assert_eq!(t.app.queue_yearly_statements().await.unwrap(), 1);
    assert_eq!(t.app.queue_yearly_statements().await.unwrap(), 1);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 1);
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    assert_eq!(smtp.mails().len(), 4);
}

#[tokio::test]
async fn with_email_off_nothing_is_promised_or_queued() {
    let t = spawn_app_with(|c| {
        c.money.provider = "stripe".into();
        c.money.stripe_secret_key = Some("sk_test_heart".into());
        c.money.stripe_webhook_secret = Some(WHSEC.into());
    })
    .await;
    let general = fund(&t, "General", "general").await;
    let fin = person(&t, "fran", &[Capability::Finance]).await;
    by_hand(&t, &fin, &general, "30", "en-US").await;
    assert_eq!(t.app.send_due_mail().await.unwrap(), 0);
    let s = t.store.money().mail_summary().await.unwrap();
    assert_eq!((s.waiting, s.sent, s.failed), (0, 0, 0));
    let (_, html, _) = t.page("/donate", None).await;
    assert!(html.contains("it shows on the next page"), "{html}");
    assert!(!html.contains("We send the receipt"));
    let (_, html, _) = t.page("/funds/donors", Some(&fin)).await;
    assert!(html.contains("Email is off"), "{html}");
    let donor = t.app.donors(&heart_app::Actor::cli()).await.unwrap()[0].id;
    let (st, html, _) = t
        .form(
            &format!("/funds/donors/{donor}/statement"),
            &fin,
            &[("year", "2026")],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{html}");
    assert!(html.contains("print the statement"), "{html}");
}
