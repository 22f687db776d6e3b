//! Two-way text messages end to end against a local fake of the provider (wiremock, Twilio's REST shape):
//! signatures as Twilio makes them, a texter starting and continuing a request, STOP/START/HELP, SAFE before any
//! update, the outbox holding replies while the provider is down (the fake stopped) and sending them when it is
//! back, status callbacks, emoji and 1,600 characters.

use heart_app::sms::SmsConfig;
use heart_crypto::webhook::twilio_signature;
use heart_domain::access::Capability;
use heart_testkit::{TestApp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "twilio-test-auth-token";
const SID: &str = "AC0000000000000000000000000000test";
const FROM: &str = "+16175550100";
const TEXTER: &str = "+16175550142";

async fn app_with(api: &str) -> TestApp {
    let api = api.to_string();
    spawn_app_with(move |c| {
        c.sms = SmsConfig {
            provider: "twilio".into(),
            api_base: api,
            account_sid: SID.into(),
            from: FROM.into(),
            public_url: "https://heart.example.org".into(),
            auth_token: Some(TOKEN.into()),
        };
    })
    .await
}

/// Posts a webhook signed as Twilio signs it (the public URL it called, the sorted form fields).
async fn twilio(
    t: &TestApp,
    hook: &str,
    fields: &[(&str, &str)],
    good: bool,
) -> (StatusCode, String) {
    let params: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let sig = if good {
        twilio_signature(TOKEN, &format!("https://heart.example.org{hook}"), &params)
    } else {
        twilio_signature(
            "not-the-token",
            &format!("https://heart.example.org{hook}"),
            &params,
        )
    };
    let resp = t
        .client
        .post(format!("{}{hook}", t.url))
        .header("x-twilio-signature", sig)
        .form(&params)
        .send()
        .await
        .unwrap();
    (resp.status(), resp.text().await.unwrap())
}

async fn text_in(t: &TestApp, sid: &str, body: &str) -> StatusCode {
    twilio(
        t,
        "/hooks/sms/twilio",
        &[
            ("MessageSid", sid),
            ("From", TEXTER),
            ("To", FROM),
            ("Body", body),
            ("AccountSid", SID),
        ],
        true,
    )
    .await
    .0
}

async fn open_requests(t: &TestApp) -> Vec<Value> {
    let token = t.person_token(&[Capability::Dispatch]).await;
    let (_, body) = t.get("/api/v1/requests?status=open", Some(&token)).await;
    body["requests"].as_array().cloned().unwrap_or_default()
}

fn messages_sent(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .filter(|r| r.url.path().ends_with("/Messages.json"))
        .map(|r| {
            let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&r.body).unwrap();
            form.into_iter()
                .find(|(k, _)| k == "Body")
                .map(|(_, v)| v)
                .unwrap_or_default()
        })
        .collect()
}

/// The provider taking a message: 201 with a new message id each time, as Twilio answers.
struct SentOk(std::sync::atomic::AtomicUsize);

impl wiremock::Respond for SentOk {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        ResponseTemplate::new(201)
            .set_body_json(json!({"sid": format!("SM{n:032}"), "status": "queued"}))
    }
}

fn sent_ok() -> SentOk {
    SentOk(std::sync::atomic::AtomicUsize::new(0))
}

#[tokio::test]
async fn a_texter_starts_a_request_gets_an_answer_and_goes_on_in_the_same_one() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/2010-04-01/Accounts/{SID}/Messages.json")))
        .and(header(
            "authorization",
            "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwdGVzdDp0d2lsaW8tdGVzdC1hdXRoLXRva2Vu",
        ))
        .and(body_string_contains("To=%2B16175550142"))
        .and(body_string_contains("From=%2B16175550100"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    // Bad and missing signatures: 403, nothing made.
    let (st, _) = twilio(
        &t,
        "/hooks/sms/twilio",
        &[("MessageSid", "SM1"), ("From", TEXTER), ("Body", "hi")],
        false,
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let resp = t
        .client
        .post(format!("{}/hooks/sms/twilio", t.url))
        .form(&[("MessageSid", "SM1"), ("From", TEXTER), ("Body", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(open_requests(&t).await.is_empty());

    // A first text: a request by text, and an answer in the outbox.
    assert_eq!(
        text_in(
            &t,
            "SM1",
            "My friend is outside the laundromat on Mass Ave, shaking and upset 😟"
        )
        .await,
        StatusCode::OK
    );
    let open = open_requests(&t).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["channel"], "sms");
    let id = open[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        t.app
            .send_due_sms("https://heart.example.org/hooks/sms/twilio/status")
            .await
            .unwrap(),
        1
    );
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains("has your message") && sent[0].contains("reply SAFE"),
        "{}",
        sent[0]
    );
    let form = String::from_utf8(fake.received_requests().await.unwrap()[0].body.clone()).unwrap();
    assert!(
        form.contains(
            "StatusCallback=https%3A%2F%2Fheart.example.org%2Fhooks%2Fsms%2Ftwilio%2Fstatus"
        ),
        "{form}"
    );
    // The same message again (the provider retried): nothing new.
    assert_eq!(
        text_in(
            &t,
            "SM1",
            "My friend is outside the laundromat on Mass Ave, shaking and upset 😟"
        )
        .await,
        StatusCode::OK
    );
    // A second text goes on in the same request, without another automatic answer.
    assert_eq!(
        text_in(&t, "SM2", "He is near the bus stop now").await,
        StatusCode::OK
    );
    assert_eq!(open_requests(&t).await.len(), 1);
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0);
    // The conversation on the request page, and a reply from a person on the team.
    let pw = t.user("calltaker", &[Capability::Intake], None).await;
    let s = t.login("calltaker", &pw).await;
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&s)).await;
    assert!(page.contains("He is near the bus stop now"), "{page}");
    assert!(page.contains("shaking and upset 😟"));
    assert!(page.contains("has your message"));
    let (st, _, _) = t
        .form(
            &format!("/requests/{id}/sms"),
            &s,
            &[("body", "We are sending someone. Can you stay with him?")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    // The provider reports delivery.
    let (st, _) = twilio(
        &t,
        "/hooks/sms/twilio/status",
        &[
            ("MessageSid", "SM00000000000000000000000000000001"),
            ("MessageStatus", "delivered"),
        ],
        true,
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&s)).await;
    assert!(page.contains("delivered"), "{page}");
    // No updates by text until the person says texting is safe; then "a team is on the way".
    let team = t.team("Team A", (42.3656, -71.1040)).await;
    let dispatch = t.token(&[Capability::Dispatch]).await;
    t.post(
        &format!("/api/v1/requests/{id}/screen"),
        Some(&dispatch),
        &json!({"answers": {"wants_visit": "yes", "medical": "no"}}),
    )
    .await;
    let before = messages_sent(&fake.received_requests().await.unwrap()).len();
    assert_eq!(text_in(&t, "SM3", "safe").await, StatusCode::OK);
    let (st, body) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&dispatch),
            &json!({"team_id": team.to_string()}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert_eq!(sent.len(), before + 2, "{sent:?}");
    assert!(sent[before].contains("We will text you updates"));
    assert!(sent[before + 1].contains("a team is on the way"));
}

#[tokio::test]
async fn stop_start_and_help_are_honoured() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    assert_eq!(
        text_in(&t, "SM1", "I need to talk to someone").await,
        StatusCode::OK
    );
    let id = open_requests(&t).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(text_in(&t, "SM2", "STOP").await, StatusCode::OK);
    // The first answer was still waiting: it is not sent after STOP.
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0);
    assert!(messages_sent(&fake.received_requests().await.unwrap()).is_empty());
    let pw = t.user("calltaker", &[Capability::Intake], None).await;
    let s = t.login("calltaker", &pw).await;
    let (st, page, _) = t
        .form(
            &format!("/requests/{id}/sms"),
            &s,
            &[("body", "Are you OK?")],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("texted STOP"), "{page}");
    // HELP answers with who we are and the other lines; no request is made from it.
    assert_eq!(text_in(&t, "SM3", "help").await, StatusCode::OK);
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0, "still stopped");
    assert_eq!(text_in(&t, "SM4", "START").await, StatusCode::OK);
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert!(sent[0].contains("you can text us again"), "{sent:?}");
    assert_eq!(text_in(&t, "SM5", "help").await, StatusCode::OK);
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert!(sent.last().unwrap().contains("833-773-2445"), "{sent:?}");
    assert_eq!(open_requests(&t).await.len(), 1);
    let (st, _, _) = t
        .form(
            &format!("/requests/{id}/sms"),
            &s,
            &[("body", "Are you OK?")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn replies_wait_in_the_outbox_while_the_provider_is_down_and_go_when_it_is_back() {
    // A port where nothing listens: the provider is down.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let t = app_with(&format!("http://{addr}")).await;
    assert_eq!(text_in(&t, "SM1", "hello?").await, StatusCode::OK);
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0);
    // Not due again until the back-off has passed.
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0);
    t.clock.advance(jiff::SignedDuration::from_secs(6));
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0);
    // The provider comes back on that address.
    let fake = MockServer::builder()
        .listener(std::net::TcpListener::bind(addr).unwrap())
        .start()
        .await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    assert_eq!(
        t.app.send_due_sms("").await.unwrap(),
        0,
        "the second back-off (10 s) has not passed"
    );
    t.clock.advance(jiff::SignedDuration::from_secs(11));
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert_eq!(sent.len(), 1);
    assert!(sent[0].contains("has your message"));
}

#[tokio::test]
async fn emoji_and_1600_characters_are_taken_and_more_or_malformed_is_refused() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    let long = "🙂".repeat(1_600);
    assert_eq!(text_in(&t, "SM1", &long).await, StatusCode::OK);
    let open = open_requests(&t).await;
    assert_eq!(open[0]["summary"].as_str().unwrap().chars().count(), 1_600);
    let longer = "a".repeat(1_601);
    assert_eq!(text_in(&t, "SM2", &longer).await, StatusCode::BAD_REQUEST);
    let (st, _) = twilio(
        &t,
        "/hooks/sms/twilio",
        &[
            ("MessageSid", "SM3"),
            ("From", "not a number"),
            ("Body", "x"),
        ],
        true,
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = twilio(
        &t,
        "/hooks/sms/twilio",
        &[("From", TEXTER), ("Body", "x")],
        true,
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = twilio(
        &t,
        "/hooks/sms/twilio/status",
        &[("MessageSid", "SM1"), ("MessageStatus", "exploded")],
        true,
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(open_requests(&t).await.len(), 1);
}

#[tokio::test]
async fn a_texter_can_answer_the_screening_questions_by_text() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    assert_eq!(
        text_in(&t, "SM1", "I am not doing well").await,
        StatusCode::OK
    );
    t.app.send_due_sms("").await.unwrap();
    let first = messages_sent(&fake.received_requests().await.unwrap());
    assert!(
        first[0].contains("Is anyone badly hurt") && first[0].contains("Reply 1 for Yes, 2 for No"),
        "{first:?}"
    );
    // Words that are not a number are conversation: nothing is answered.
    assert_eq!(text_in(&t, "SM2", "sorry, what?").await, StatusCode::OK);
    let questions = heart_domain::triage::Script::shipped()
        .unwrap()
        .questions
        .len();
    for i in 0..questions {
        assert_eq!(text_in(&t, &format!("SMq{i}"), "2").await, StatusCode::OK);
    }
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert_eq!(sent.len(), 1 + questions, "{sent:?}");
    assert!(
        sent[1].contains("in the area the team serves"),
        "{}",
        sent[1]
    );
    assert!(
        sent.last()
            .unwrap()
            .contains("that helps us send the right support")
    );
    let r = &open_requests(&t).await[0];
    assert_ne!(r["triage"]["outcome"], "needs_screening", "{r}");
    assert_eq!(r["answers"]["medical"], "no");
    assert_eq!(r["answers"]["where_now"], "sheltering");
}

/// The first answer says how to have texts in Spanish; ES then switches this answer, the open question and every
/// update after it; a first text of only ESPAÑOL opens the request in Spanish.
#[tokio::test]
async fn a_texter_can_choose_spanish() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    assert_eq!(text_in(&t, "SM1", "necesito ayuda").await, StatusCode::OK);
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert!(sent[0].contains("Para español, responda ES."), "{sent:?}");
    assert_eq!(text_in(&t, "SM2", "ES").await, StatusCode::OK);
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[1].contains("le escribiremos en español"),
        "{}",
        sent[1]
    );
    assert!(
        sent[1].contains("Responda 1"),
        "the open question again: {}",
        sent[1]
    );
    assert!(
        sent[1].contains("1 para ") && !sent[1].contains(" for "),
        "the choices in Spanish: {}",
        sent[1]
    );
    let r = &open_requests(&t).await[0];
    assert_eq!(r["language"], "es", "{r}");
    // HELP and START in a Spanish conversation are answered in Spanish, and the answers are audited.
    let audited = t.store.audit_count().await.unwrap();
    for (sid, word) in [("SM3", "HELP"), ("SM4", "START")] {
        assert_eq!(text_in(&t, sid, word).await, StatusCode::OK);
        t.app.send_due_sms("").await.unwrap();
        let sent = messages_sent(&fake.received_requests().await.unwrap());
        let last = sent.last().unwrap();
        assert!(
            !last.contains("community crisis support") && !last.contains("you can text us again"),
            "{word} answered in English: {last}"
        );
    }
    assert!(t.store.audit_count().await.unwrap() >= audited + 3);

    // Another number whose first text is only ESPAÑOL: answered in Spanish from the start.
    let (st, _) = twilio(
        &t,
        "/hooks/sms/twilio",
        &[
            ("MessageSid", "SM9"),
            ("From", "+16175550199"),
            ("To", FROM),
            ("Body", "Español"),
            ("AccountSid", SID),
        ],
        true,
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    // The answer, then the first question in a text of its own: together they are more than one text holds in
    // UCS-2 (accented Spanish is not in the GSM alphabet), so they are cut between them, never inside a word.
    let (answer, question) = (&sent[sent.len() - 2], &sent[sent.len() - 1]);
    assert!(
        answer.contains("recibió su mensaje") && answer.contains("For English, reply EN."),
        "{answer}"
    );
    assert!(question.starts_with("¿Hay alguien herido"), "{question}");
}

#[tokio::test]
async fn a_text_when_closed_or_full_is_answered_so_at_once_and_kept() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    // Full: the dispatcher said so for two hours.
    let pw = t.user("dispatcher", &[Capability::Dispatch], None).await;
    let s = t.login("dispatcher", &pw).await;
    t.form("/service/full", &s, &[("hours", "2")]).await;
    assert_eq!(
        text_in(&t, "SM1", "can someone come?").await,
        StatusCode::OK
    );
    t.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert!(
        sent[0].contains("Every responder is with someone else"),
        "{sent:?}"
    );
    assert!(sent[0].contains("988"));
    // Closed: a holiday.
    let t2 = {
        let api = fake.uri();
        spawn_app_with(move |c| {
            c.hours.closed_dates = vec!["2026-11-26".into()];
            c.sms = SmsConfig {
                provider: "twilio".into(),
                api_base: api,
                account_sid: SID.into(),
                from: FROM.into(),
                public_url: "https://heart.example.org".into(),
                auth_token: Some(TOKEN.into()),
            };
        })
        .await
    };
    assert_eq!(text_in(&t2, "SM9", "hello?").await, StatusCode::OK);
    t2.app.send_due_sms("").await.unwrap();
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert!(
        sent.last().unwrap().contains("We are closed now"),
        "{sent:?}"
    );
    assert!(sent.last().unwrap().contains("Friday 08:00"), "{sent:?}");
    // Both kept.
    assert_eq!(open_requests(&t).await.len(), 1);
    assert_eq!(open_requests(&t2).await.len(), 1);
}

/// When a person is erased, heart asks the provider to delete their texts (Twilio's Message DELETE), through the
/// outbox: a provider that is down is asked again later; a message already gone (404) counts as deleted.
#[tokio::test]
async fn an_erased_persons_texts_are_deleted_at_the_provider() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/2010-04-01/Accounts/{SID}/Messages.json")))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    assert_eq!(
        text_in(
            &t,
            "SMin0000000000000000000000000001",
            "I need to talk to someone"
        )
        .await,
        StatusCode::OK
    );
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    let open = open_requests(&t).await;
    let rid: heart_domain::ids::RequestId = open[0]["id"].as_str().unwrap().parse().unwrap();
    let subject = t.store.request(rid).await.unwrap().unwrap().subject;
    // Nothing is asked before the erasure.
    assert_eq!(t.app.delete_due_at_provider().await.unwrap(), 0);
    t.erase(subject).await;
    // The provider is down at first: asked again later.
    let down = Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .mount_as_scoped(&fake)
        .await;
    assert_eq!(t.app.delete_due_at_provider().await.unwrap(), 0);
    drop(down);
    Mock::given(method("DELETE"))
        .and(path(format!(
            "/2010-04-01/Accounts/{SID}/Messages/SMin0000000000000000000000000001.json"
        )))
        .respond_with(ResponseTemplate::new(404))
        .mount(&fake)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!(
            "/2010-04-01/Accounts/{SID}/Messages/SM{:032}.json",
            1
        )))
        .and(header(
            "authorization",
            "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwdGVzdDp0d2lsaW8tdGVzdC1hdXRoLXRva2Vu",
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&fake)
        .await;
    // Not yet due (the back-off), then due.
    assert_eq!(t.app.delete_due_at_provider().await.unwrap(), 0);
    t.clock.advance(jiff::SignedDuration::from_secs(60));
    assert_eq!(t.app.delete_due_at_provider().await.unwrap(), 2);
    // Done: nothing more is asked, and the rows say so.
    assert_eq!(t.app.delete_due_at_provider().await.unwrap(), 0);
    let rows = t.store.sms().sms_for_request(rid).await.unwrap();
    assert!(
        rows.iter()
            .all(|m| m.status == "deleted_at_provider" && m.body.is_none()),
        "{rows:?}"
    );
    let deletes = fake
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "DELETE")
        .count();
    assert_eq!(deletes, 4, "two refused while down, then one each");
}

/// A text from `from` (a conversation of its own).
async fn text_from(t: &TestApp, from: &str, sid: &str, body: &str) -> StatusCode {
    twilio(
        t,
        "/hooks/sms/twilio",
        &[
            ("MessageSid", sid),
            ("From", from),
            ("To", FROM),
            ("Body", body),
            ("AccountSid", SID),
        ],
        true,
    )
    .await
    .0
}

/// Words (lowercase) of a text, leaving out what is meant to stay as it is in every language: the keywords a
/// texter answers with (written in capitals), numbers, and the offer of the other language.
fn words_of(text: &str, offer: &str) -> Vec<String> {
    text.replace(offer, " ")
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| !(w.len() > 1 && w.chars().all(|c| c.is_uppercase())))
        .map(str::to_lowercase)
        .collect()
}

/// A whole text conversation held in each language (issue 19.6, 25.1, 25.2): the first answer, every screening
/// question and its numbered answers, "thank you" after screening, SAFE, a team on the way, HELP and START. In
/// every other language no answer has an English word, and in English none has a Spanish one; only the offer of
/// English (or of Spanish) and the Help Line's own name are written in it.
#[tokio::test]
async fn a_whole_text_conversation_speaks_the_texters_language() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    let dispatch = t.token(&[Capability::Dispatch]).await;
    let english = [
        "the",
        "for",
        "and",
        "you",
        "your",
        "reply",
        "yes",
        "is",
        "are",
        "we",
        "us",
        "to",
        "of",
        "with",
        "what",
        "where",
        "how",
        "has",
        "have",
        "here",
        "text",
        "texts",
        "message",
        "team",
        "thank",
        "help",
        "person",
        "someone",
        "anyone",
        "right",
        "now",
        "hurt",
        "outside",
        "home",
        "sure",
        "visit",
        "call",
        "any",
        "hour",
        "emergency",
        "service",
        "support",
        "community",
        "updates",
        "way",
        "it",
        "on",
        "or",
        "be",
        "will",
        "can",
        "not",
        "they",
        "them",
        "their",
        "people",
        "money",
        "weather",
    ];
    let spanish = [
        "para",
        "responda",
        "usted",
        "su",
        "sus",
        "gracias",
        "equipo",
        "mensaje",
        "persona",
        "sí",
        "ayuda",
        "está",
        "hay",
        "dónde",
        "cómo",
        "ahora",
        "por",
        "que",
        "el",
        "la",
        "los",
        "las",
        "del",
        "una",
        "alguien",
        "casa",
        "apoyo",
        "emergencia",
        "novedades",
        "camino",
        "puede",
        "escribirnos",
    ];
    let not_portuguese: Vec<&str> = english.iter().copied().filter(|w| *w != "for").collect();
    let script = heart_domain::triage::Script::shipped().unwrap();
    // Answers by number that lead to a team going out: not medical, in the area, outside, in acute distress.
    let picks = ["2", "1", "1", "2", "1", "1", "1", "2", "2"];
    assert_eq!(picks.len(), script.questions.len());
    // The first text: words in English, or the language's own keyword (which opens the request in it).
    for (n, (lang, from, first, offer, foreign)) in [
        (
            "en",
            "+16175550161",
            "hello, I need someone",
            "Para español, responda ES.",
            &spanish[..],
        ),
        (
            "es",
            "+16175550162",
            "Español",
            "For English, reply EN.",
            &english[..],
        ),
        // Every other language, opened by the word its speakers write for it (issue 25.2).
        (
            "pt-BR",
            "+16175550163",
            "Português",
            "For English, reply EN.",
            // "for" is Portuguese too ("se for seguro").
            &not_portuguese[..],
        ),
        (
            "ht",
            "+16175550164",
            "Kreyòl",
            "For English, reply EN.",
            &english[..],
        ),
        (
            "zh-Hans",
            "+16175550165",
            "中文",
            "For English, reply EN.",
            &english[..],
        ),
        (
            "ar",
            "+16175550166",
            "عربي",
            "For English, reply EN.",
            &english[..],
        ),
        (
            "am",
            "+16175550167",
            "አማርኛ",
            "For English, reply EN.",
            &english[..],
        ),
        (
            "bn",
            "+16175550168",
            "বাংলা",
            "For English, reply EN.",
            &english[..],
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let before = messages_sent(&fake.received_requests().await.unwrap()).len();
        let sid = |k: &str| format!("SM{n}{k}");
        assert_eq!(text_from(&t, from, &sid("a"), first).await, StatusCode::OK);
        for (i, pick) in picks.iter().enumerate() {
            assert_eq!(
                text_from(&t, from, &sid(&format!("q{i}")), pick).await,
                StatusCode::OK
            );
        }
        assert_eq!(text_from(&t, from, &sid("s"), "SAFE").await, StatusCode::OK);
        let open = open_requests(&t).await;
        let r = open
            .iter()
            .find(|r| r["language"] == lang && r["channel"] == "sms")
            .unwrap();
        assert_eq!(r["triage"]["outcome"], "field_response", "{r}");
        let team = t.team(&format!("Team {lang}"), (42.3656, -71.1040)).await;
        let (st, body) = t
            .post(
                &format!("/api/v1/requests/{}/assign", r["id"].as_str().unwrap()),
                Some(&dispatch),
                &json!({"team_id": team.to_string()}),
            )
            .await;
        assert_eq!(st, StatusCode::OK, "{body}");
        assert_eq!(text_from(&t, from, &sid("h"), "HELP").await, StatusCode::OK);
        assert_eq!(
            text_from(&t, from, &sid("t"), "START").await,
            StatusCode::OK
        );
        t.app.send_due_sms("").await.unwrap();
        let received = fake.received_requests().await.unwrap();
        let to = format!("To=%2B{}", &from[1..]);
        let sent: Vec<String> = messages_sent(&received[before..])
            .into_iter()
            .zip(received[before..].iter())
            .filter(|(_, r)| String::from_utf8_lossy(&r.body).contains(&to))
            .map(|(m, _)| m)
            .collect();
        // The first answer with the first question, each next question, thanks, SAFE, on the way, HELP, START;
        // where the first answer and the first question are more than one text holds, they come as two, cut
        // between them. No text is longer than the most segments heart sends in one.
        let want = script.questions.len() + 1 + 1 + 1 + 2;
        assert!((want..=want + 1).contains(&sent.len()), "{lang}: {sent:#?}");
        for text in &sent {
            let (_, segments) = heart_domain::text::sms_segments(text);
            assert!(
                segments <= heart_app::sms::SMS_MAX_SEGMENTS,
                "{lang}: {segments} segments: {text}"
            );
        }
        for text in &sent {
            // The Help Line's own name may stay in English beside its translation, as a person would dial it.
            let text = text
                .replace("Massachusetts Behavioral Health Help Line", " ")
                .replace("MA Behavioral Health Help Line", " ")
                .replace("Behavioral Health Help Line", " ");
            let wrong: Vec<String> = words_of(&text, offer)
                .into_iter()
                .filter(|w| foreign.contains(&w.as_str()))
                .collect();
            assert!(wrong.is_empty(), "{lang}: {wrong:?} in {text:?}");
        }
        // Every question was asked in the texter's language.
        for q in &script.questions {
            let asked = if lang == "en" {
                q.text.clone()
            } else {
                heart_web::i18n::script_words(
                    &lang.parse().unwrap(),
                    &heart_domain::triage::question_msg(&q.id),
                    &q.text,
                )
            };
            assert!(
                sent.iter().any(|m| m.contains(&asked)),
                "{lang}: {} not asked: {sent:#?}",
                q.id
            );
        }
    }
}

/// Safe contact, enforced (issue 23.3): outside the person's safe times the page says so and a reply waits in the
/// outbox until the time opens; a person who did not allow texts gets none.
#[tokio::test]
async fn a_reply_outside_the_persons_safe_times_waits_until_they_open() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    let token = t.person_token(&[Capability::Intake]).await;
    // It is Thursday 15:00 in Cambridge; texts are safe on Thursdays from 18:00.
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&token),
            &json!({"summary": "Bills, and a partner who controls the money",
                    "contact": {"phone": "617-555-0199"},
                    "safe_contact": {"text_ok": true, "hours": "thu 18:00-22:00"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let pw = t.user("calltaker", &[Capability::Intake], None).await;
    let me = t.login("calltaker", &pw).await;
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&me)).await;
    assert!(page.contains("Not a safe time to contact."), "{page}");
    assert!(page.contains("Safe again today 18:00."), "{page}");
    assert!(page.contains("Thursday 18:00–22:00"), "{page}");
    let (s, _, loc) = t
        .form(
            &format!("/requests/{id}/sms"),
            &me,
            &[("body", "This is the team. We can help with the bills.")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let loc = loc.unwrap();
    assert!(loc.contains("done=text_waits"), "{loc}");
    let (_, page, _) = t.page(&loc, Some(&me)).await;
    assert!(
        page.contains("the text waits and goes today 18:00"),
        "{page}"
    );
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0, "not before 18:00");
    t.clock.advance(jiff::SignedDuration::from_mins(3 * 60 + 1));
    assert_eq!(
        t.app.send_due_sms("").await.unwrap(),
        1,
        "when the time opens"
    );
    let sent = messages_sent(&fake.received_requests().await.unwrap());
    assert!(
        sent.iter().any(|m| m.contains("help with the bills")),
        "{sent:?}"
    );
    // Three hours on, the earlier sign-in has lapsed for idleness.
    let me = t.login("calltaker", &pw).await;
    let (s, page, _) = t.page(&format!("/requests/{id}"), Some(&me)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        !page.contains("Not a safe time to contact."),
        "now it is: {page}"
    );

    // A person who did not say texts are safe: no reply by text at all.
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&token),
            &json!({"summary": "Call only", "contact": {"phone": "617-555-0198"},
                    "safe_contact": {"call_ok": true}}),
        )
        .await;
    let other = r["id"].as_str().unwrap();
    let (s, page, loc) = t
        .form(&format!("/requests/{other}/sms"), &me, &[("body", "Hello")])
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{loc:?} {r}");
    assert!(page.contains("did not say texts are safe"), "{page}");
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 0);
}

/// The safe times are checked again when the text is sent: times corrected after a reply was queued hold it.
#[tokio::test]
async fn a_queued_text_waits_if_the_safe_times_changed_before_it_went() {
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sent_ok())
        .mount(&fake)
        .await;
    let t = app_with(&fake.uri()).await;
    let token = t
        .person_token(&[Capability::Intake, Capability::Dispatch])
        .await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&token),
            &json!({"summary": "Texts are fine", "contact": {"phone": "617-555-0177"},
                    "safe_contact": {"text_ok": true}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let pw = t.user("calltaker", &[Capability::Intake], None).await;
    let me = t.login("calltaker", &pw).await;
    let (s, _, loc) = t
        .form(
            &format!("/requests/{id}/sms"),
            &me,
            &[("body", "We can talk tonight")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(
        !loc.unwrap().contains("text_waits"),
        "any time: it goes at once"
    );
    // Before it goes, the person says: only on Thursdays from 18:00 (it is Thursday 15:00).
    let (s, c) = t
        .client
        .patch(format!("{}/api/v1/requests/{id}", t.url))
        .bearer_auth(&token)
        .json(&json!({"version": r["version"], "safe_contact": {"text_ok": true, "hours": "thu 18:00-22:00"}}))
        .send()
        .await
        .map(|resp| (resp.status(), resp))
        .unwrap();
    assert_eq!(s, StatusCode::OK, "{:?}", c.text().await);
    assert_eq!(
        t.app.send_due_sms("").await.unwrap(),
        0,
        "held at the moment of sending"
    );
    t.clock.advance(jiff::SignedDuration::from_mins(3 * 60 + 1));
    assert_eq!(t.app.send_due_sms("").await.unwrap(), 1);
    assert!(
        messages_sent(&fake.received_requests().await.unwrap())
            .iter()
            .any(|m| m.contains("We can talk tonight"))
    );
}
