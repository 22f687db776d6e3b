//! Mutual aid and donations end to end: the whole aid flow over pages and the API, the two-person rule, paying
//! once under concurrency, donations against a local fake of Stripe (wiremock) with webhooks signed exactly as
//! Stripe documents, the permission matrix, and donor data kept apart from care data.

use heart_app::money::MoneyConfig;
use heart_app::payments::stripe_signature_header;
use heart_domain::access::Capability;
use heart_testkit::{Session, TestApp, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const WHSEC: &str = "whsec_test_heart";

pub(crate) async fn fund(t: &TestApp, name: &str, kind: &str) -> String {
    t.app
        .create_fund(&heart_app::Actor::cli(), name, kind, None, None)
        .await
        .unwrap()
        .to_string()
}

/// A mutual-aid row as the store reads it (sealed fields opened).
async fn aid_row(t: &TestApp, id: &str) -> heart_store::AidRow {
    t.store
        .money()
        .aid(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
}

/// A gift received by hand, as someone holding finance records it.
async fn gift(t: &TestApp, s: &Session, fund: &str, amount: &str) {
    let (st, body, _) = t
        .form(
            "/funds/gifts",
            s,
            &[
                ("fund_id", fund),
                ("amount", amount),
                ("method", "cash"),
                ("email", "giver@example.org"),
                ("name", "A Giver"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
}

pub(crate) async fn person(t: &TestApp, name: &str, caps: &[Capability]) -> Session {
    let pw = t.user(name, caps, None).await;
    t.login(name, &pw).await
}

async fn care_request(t: &TestApp) -> String {
    let intake = t.token(&[Capability::Intake]).await;
    let (st, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Behind on the electric bill; a shut-off notice came today",
                    "contact": {"name": "Dana Example", "phone": "617-555-0142"}}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    r["id"].as_str().unwrap().to_string()
}

async fn balance(t: &TestApp, token: &str, fund: &str) -> i64 {
    let (st, funds) = t.get("/api/v1/funds", Some(token)).await;
    assert_eq!(st, StatusCode::OK);
    funds
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == fund)
        .unwrap()["balance_minor"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn mutual_aid_from_the_care_record_to_the_ledger() {
    let t = spawn_app().await;
    let aid_fund = fund(&t, "Mutual aid", "mutual_aid").await;
    let cora = person(&t, "cora", &[Capability::Coordinate]).await;
    let fin1 = person(&t, "fin1", &[Capability::Finance]).await;
    let fin2 = person(&t, "fin2", &[Capability::Finance]).await;
    let both = person(&t, "both", &[Capability::Finance, Capability::Coordinate]).await;
    gift(&t, &fin1, &aid_fund, "500").await;
    let rid = care_request(&t).await;

    // Over the per-request cap (default $1,000): refused beside the field, nothing kept.
    let (st, body, _) = t
        .form(
            &format!("/requests/{rid}/aid"),
            &cora,
            &[
                ("amount", "1000.01"),
                ("purpose", "arrears"),
                ("payee_kind", "third_party"),
                ("payee_name", "Eversource"),
                ("method", "check"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("more than one request may ask for"), "{body}");
    // Bad amounts, each with its own words.
    for (amount, words) in [
        ("-5", "more than zero"),
        ("0", "more than zero"),
        ("12.345", "whole cents"),
        ("twelve", "in numbers"),
        ("99999999999999999", "too large"),
    ] {
        let (st, body, _) = t
            .form(
                &format!("/requests/{rid}/aid"),
                &cora,
                &[
                    ("amount", amount),
                    ("purpose", "food"),
                    ("payee_kind", "person"),
                    ("method", "cash"),
                ],
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{amount}");
        assert!(body.contains(words), "{amount}: {body}");
    }
    assert!(
        t.store
            .money()
            .aid_for_request(rid.parse().unwrap())
            .await
            .unwrap()
            .is_empty()
    );

    let (st, _, loc) = t
        .form(
            &format!("/requests/{rid}/aid"),
            &cora,
            &[
                ("amount", "380"),
                ("purpose", "arrears"),
                ("payee_kind", "third_party"),
                ("payee_name", "Eversource"),
                ("method", "check"),
                ("notes", "two months behind"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let aid = loc.unwrap().trim_start_matches("/mutual-aid/").to_string();
    // The queue shows it waiting; the asker cannot approve (no finance), a person with finance who asked cannot
    // either.
    let (_, q, _) = t.page("/mutual-aid", Some(&fin1)).await;
    assert!(q.contains(&aid) && q.contains("$380.00"));
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{aid}/approve"),
            &cora,
            &[("version", "1")],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _, loc) = t
        .form(
            &format!("/requests/{rid}/aid"),
            &both,
            &[
                ("amount", "20"),
                ("purpose", "food"),
                ("payee_kind", "person"),
                ("method", "gift_card"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let own = loc.unwrap().trim_start_matches("/mutual-aid/").to_string();
    let (st, body, _) = t
        .form(
            &format!("/mutual-aid/{own}/approve"),
            &both,
            &[("version", "1")],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{body}");
    // Paying before approval is refused; a decline needs a reason.
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{aid}/pay"),
            &fin1,
            &[("version", "1")],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{own}/decline"),
            &fin1,
            &[("version", "1"), ("reason", " ")],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // fin1 approves; fin1 cannot approve again; fin2 pays.
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{aid}/approve"),
            &fin1,
            &[("version", "1")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{aid}/approve"),
            &fin1,
            &[("version", "2")],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{aid}/pay"),
            &fin2,
            &[("version", "2")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{aid}/pay"),
            &fin2,
            &[("version", "3")],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "paid twice");
    let (_, page, _) = t.page(&format!("/mutual-aid/{aid}"), Some(&fin2)).await;
    assert!(page.contains("data-status>paid"), "{page}");

    // Proof of payment: the file's bytes must be what it says (a PNG named .png but holding text is refused);
    // it downloads for people who may see it; once paid and on file, it is kept as it is.
    let version = page
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let upload = |bytes: &'static [u8], kind: &'static str, s: &Session| {
        let (t, aid, s, version) = (&t, aid.clone(), s.clone(), version.clone());
        async move {
            let boundary = "heartproofboundary";
            let mut body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n{version}\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"receipt.png\"\r\n\
                 Content-Type: {kind}\r\n\r\n",
                s.csrf
            )
            .into_bytes();
            body.extend_from_slice(bytes);
            body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
            let resp = t
                .client
                .post(format!("{}/mutual-aid/{aid}/proof", t.url))
                .header("cookie", &s.cookie)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body)
                .send()
                .await
                .unwrap();
            resp.status()
        }
    };
    assert_eq!(
        upload(b"just text", "image/png", &fin2).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let png: &'static [u8] = b"\x89PNG\r\n\x1a\n0000 a tiny receipt";
    assert_eq!(upload(png, "image/png", &fin2).await, StatusCode::SEE_OTHER);
    let resp = t
        .client
        .get(format!("{}/mutual-aid/{aid}/proof", t.url))
        .header("cookie", &fin2.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.bytes().await.unwrap().as_ref(), png);
    assert_eq!(upload(png, "image/png", &fin2).await, StatusCode::CONFLICT);

    // The payee's name, the proof's file name and a decline's reason are sealed at rest under the person's key,
    // and read back in the clear by people who may see them.
    let (st, _, _) = t
        .form(
            &format!("/mutual-aid/{own}/decline"),
            &fin1,
            &[
                ("version", "1"),
                ("reason", "Covered by the landlord's fund"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    {
        use sqlx::{Connection, Row};
        let mut conn = sqlx::SqliteConnection::connect(&format!(
            "sqlite://{}",
            t.dir.path().join("heart.db").display()
        ))
        .await
        .unwrap();
        let rows = sqlx::query("SELECT payee_name, proof_name, decline_reason FROM mutual_aid")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let mut stored = String::new();
        for r in rows {
            for c in 0..3 {
                let v: Option<String> = r.get(c);
                stored.push_str(&v.unwrap_or_default());
                stored.push(' ');
            }
        }
        for clear in ["Eversource", "receipt.png", "landlord's fund"] {
            assert!(
                !stored.contains(clear),
                "{clear} is stored in the clear: {stored}"
            );
        }
        assert!(stored.contains("sealed:v1:"), "{stored}");
        conn.close().await.unwrap();
    }
    let read = aid_row(&t, &aid).await;
    assert_eq!(read.payee_name.as_deref(), Some("Eversource"));
    assert_eq!(read.proof_name.as_deref(), Some("receipt.png"));
    let declined = aid_row(&t, &own).await;
    assert_eq!(
        declined.decline_reason.as_deref(),
        Some("Covered by the landlord's fund")
    );
    // The person's export holds their mutual aid, payee and reasons included.
    let reader = t.actor_of(&cora).await;
    let record = t
        .app
        .person_record(&reader, rid.parse().unwrap())
        .await
        .unwrap();
    let doc = heart_app::care::person::export_document(&record, &[], t.app.clock.now());
    let exported = doc["requests"][0]["mutual_aid"].to_string();
    for said in [
        "Eversource",
        "receipt.png",
        "landlord's fund",
        "two months behind",
    ] {
        assert!(
            exported.contains(said),
            "{said} is not in the export: {exported}"
        );
    }
    // Erased with the person: nothing of it can be read, sealed or not.
    t.erase(record.subject.id).await;
    let gone = aid_row(&t, &aid).await;
    assert_eq!(
        (gone.payee_name, gone.proof_name, gone.notes),
        (None, None, None)
    );
    let gone = aid_row(&t, &own).await;
    assert_eq!(gone.decline_reason, None);
    assert_eq!(gone.status, "declined", "the count and the decision stay");

    // The care record shows that aid was given; the ledger and its CSV never name the person.
    let (_, record, _) = t.page(&format!("/requests/{rid}"), Some(&cora)).await;
    assert!(record.contains(&aid) && record.contains("$380.00") && record.contains("paid"));
    let (_, ledger, _) = t.page(&format!("/funds/{aid_fund}"), Some(&fin1)).await;
    assert!(
        ledger.contains("mutual aid") && ledger.contains("-$380.00"),
        "{ledger}"
    );
    let (_, csv, _) = t.page("/funds/report.csv", Some(&fin1)).await;
    for secret in ["Dana", "617-555-0142", "shut-off", "two months behind"] {
        assert!(
            !ledger.contains(secret) && !csv.contains(secret),
            "{secret} leaked"
        );
    }
    assert!(csv.contains(",aid,380.00,,USD,"), "{csv}");
    let (_, funds, _) = t.page("/funds", Some(&fin1)).await;
    assert!(funds.contains("$120.00"), "500 - 380: {funds}");
    assert!(
        t.store
            .money()
            .ledger_verify()
            .await
            .unwrap()
            .problems
            .is_empty()
    );
}

/// The per-person cap is checked inside the write: eight requests for one person at once cannot together pass it.
#[tokio::test]
async fn the_per_person_cap_holds_when_requests_come_at_once() {
    let t = spawn_app().await;
    fund(&t, "Mutual aid", "mutual_aid").await;
    person(&t, "cora", &[Capability::Coordinate]).await;
    let rid = care_request(&t).await;
    let cora = t.token_for("cora", &[Capability::Coordinate]).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let c = t.client.clone();
        let url = format!("{}/api/v1/mutual-aid", t.url);
        let tok = cora.clone();
        let body = json!({"request_id": rid, "amount": "600", "purpose": "arrears", "payee_kind": "third_party",
                          "payee_name": "The landlord", "method": "check"});
        tasks.push(tokio::spawn(async move {
            let r = c
                .post(url)
                .bearer_auth(tok)
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }));
    }
    let mut made = 0;
    for task in tasks {
        let (st, body) = task.await.unwrap();
        if st == StatusCode::CREATED {
            made += 1;
        } else {
            assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(body["error"]["fields"]["amount"].is_string(), "{body}");
        }
    }
    // The default cap is $2,000 a year: three of $600, never four.
    assert_eq!(made, 3);
}

/// Caps are kept per currency: a fund in euros has its own caps (`money.aid_caps.EUR`), aid in euros and in
/// dollars is counted apart, and a currency without caps gives no aid.
#[tokio::test]
async fn aid_caps_hold_in_each_currency() {
    let t = spawn_app_with(|c| {
        c.money.aid_caps.insert(
            "EUR".into(),
            heart_app::money::AidCaps {
                request: "500".into(),
                person: "800".into(),
            },
        );
    })
    .await;
    let usd = fund(&t, "Mutual aid", "mutual_aid").await;
    let eur = t
        .app
        .create_fund(
            &heart_app::Actor::cli(),
            "Fonds d'entraide",
            "mutual_aid",
            Some("EUR"),
            None,
        )
        .await
        .unwrap()
        .to_string();
    // A mutual-aid fund in yen: no caps are set for yen, so it is refused with the reason.
    let err = t
        .app
        .create_fund(
            &heart_app::Actor::cli(),
            "Yen",
            "mutual_aid",
            Some("JPY"),
            None,
        )
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("no_aid_caps"), "{err:?}");
    person(&t, "cora", &[Capability::Coordinate]).await;
    let rid = care_request(&t).await;
    let cora = t.token_for("cora", &[Capability::Coordinate]).await;
    let ask = |fund: String, amount: &'static str| {
        let t = &t;
        let cora = cora.clone();
        let rid = rid.clone();
        async move {
            t.post(
                "/api/v1/mutual-aid",
                Some(&cora),
                &json!({"request_id": rid, "fund_id": fund, "amount": amount, "purpose": "arrears",
                        "payee_kind": "third_party", "payee_name": "The landlord", "method": "check"}),
            )
            .await
        }
    };
    // 600 euros is over the euro cap per request (500), though under the dollar one (1,000).
    let (st, body) = ask(eur.clone(), "600").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["fields"]["amount"]
            .as_str()
            .unwrap()
            .contains("one request"),
        "{body}"
    );
    let (st, body) = ask(eur.clone(), "500").await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    // 500 + 400 euros passes the euro cap per person (800) ...
    let (st, body) = ask(eur.clone(), "400").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["fields"]["amount"]
            .as_str()
            .unwrap()
            .contains("one person may receive"),
        "{body}"
    );
    // ... while dollars are counted apart: $1,000 is still within the dollar caps.
    let (st, body) = ask(usd.clone(), "1000").await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let (st, body) = ask(usd.clone(), "1000").await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let (st, body) = ask(usd, "1").await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["fields"]["amount"]
            .as_str()
            .unwrap()
            .contains("one person may receive"),
        "{body}"
    );
}

#[tokio::test]
async fn the_api_keeps_two_people_and_pays_once() {
    let t = spawn_app().await;
    let aid_fund = fund(&t, "Mutual aid", "mutual_aid").await;
    let fin1 = person(&t, "fin1", &[Capability::Finance]).await;
    person(&t, "fin2", &[Capability::Finance]).await;
    person(&t, "cora", &[Capability::Coordinate]).await;
    gift(&t, &fin1, &aid_fund, "100").await;
    let rid = care_request(&t).await;
    let reader = t.token(&[Capability::Finance]).await;
    let cora = t.token_for("cora", &[Capability::Coordinate]).await;
    let fin1_t = t.token_for("fin1", &[Capability::Finance]).await;
    let fin2_t = t.token_for("fin2", &[Capability::Finance]).await;
    // A person's token holds no more than the person.
    assert!(
        t.app
            .create_token(
                &heart_app::Actor::cli(),
                "x",
                heart_domain::access::Capabilities::of(&[Capability::Admin]),
                Some("cora")
            )
            .await
            .is_err()
    );

    let (st, funds) = t.get("/api/v1/funds", Some(&reader)).await;
    assert_eq!(st, StatusCode::OK);
    let f = &funds.as_array().unwrap()[0];
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["balance_minor", "currency", "id", "name"]);
    assert_eq!(f["balance_minor"], 10_000);
    let (st, _) = t.get("/api/v1/funds", Some(&cora)).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = t.get("/api/v1/funds", None).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);

    let ask = |amount: Value| json!({"request_id": rid, "amount": amount, "purpose": "food", "payee_kind": "person", "method": "cash"});
    for bad in [json!("-1"), json!("0.001"), json!("abc"), json!("")] {
        let (st, e) = t
            .post("/api/v1/mutual-aid", Some(&cora), &ask(bad.clone()))
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(e["error"]["fields"]["amount"].is_string(), "{e}");
    }
    let (st, _) = t
        .post("/api/v1/mutual-aid", Some(&cora), &ask(json!(12.5)))
        .await;
    assert_eq!(
        st,
        StatusCode::BAD_REQUEST,
        "a number where text is expected"
    );
    let (st, a) = t
        .post("/api/v1/mutual-aid", Some(&cora), &ask(json!("60.00")))
        .await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    let id = a["id"].as_str().unwrap().to_string();
    assert_eq!(a["amount_minor"], 6_000);
    // A token that is nobody's cannot approve; a person approves once.
    let (st, e) = t
        .post(
            &format!("/api/v1/mutual-aid/{id}/approve"),
            Some(&reader),
            &json!({"version": 1}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{e}");
    let (st, a) = t
        .post(
            &format!("/api/v1/mutual-aid/{id}/approve"),
            Some(&fin1_t),
            &json!({"version": 1}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{a}");
    assert_eq!(a["status"], "approved");
    let (st, _) = t
        .post(
            &format!("/api/v1/mutual-aid/{id}/approve"),
            Some(&fin1_t),
            &json!({"version": 2}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    // Eight payments at once: one pays.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let c = t.client.clone();
        let url = format!("{}/api/v1/mutual-aid/{id}/pay", t.url);
        let tok = fin2_t.clone();
        tasks.push(tokio::spawn(async move {
            c.post(url)
                .bearer_auth(tok)
                .json(&json!({"version": 2}))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut ok = 0;
    for task in tasks {
        if task.await.unwrap() == StatusCode::OK {
            ok += 1;
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(balance(&t, &reader, &aid_fund).await, 4_000);
    let (_, ledger) = t
        .get(
            &format!("/api/v1/funds/{aid_fund}/ledger?from=2026-11-01&to=2026-11-30"),
            Some(&reader),
        )
        .await;
    assert_eq!(ledger["opening_minor"], 0);
    assert_eq!(ledger["in_minor"], 10_000);
    assert_eq!(ledger["out_minor"], 6_000);
    assert_eq!(ledger["closing_minor"], 4_000);
    assert_eq!(ledger["entries"].as_array().unwrap().len(), 2);
    let (st, _) = t
        .get(
            &format!("/api/v1/funds/{aid_fund}/ledger?from=2026-12-01&to=2026-11-01"),
            Some(&reader),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // More than the fund holds is refused even when approved.
    let (_, b) = t
        .post("/api/v1/mutual-aid", Some(&cora), &ask(json!("50")))
        .await;
    let b = b["id"].as_str().unwrap().to_string();
    t.post(
        &format!("/api/v1/mutual-aid/{b}/approve"),
        Some(&fin1_t),
        &json!({"version": 1}),
    )
    .await;
    let (st, e) = t
        .post(
            &format!("/api/v1/mutual-aid/{b}/pay"),
            Some(&fin2_t),
            &json!({"version": 2}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("insufficient"),
        "{e}"
    );
    assert_eq!(balance(&t, &reader, &aid_fund).await, 4_000);
}

#[tokio::test]
async fn only_finance_reaches_the_books_and_donors() {
    let t = spawn_app().await;
    fund(&t, "General", "general").await;
    let pages = [
        "/funds",
        "/funds/donors",
        "/mutual-aid",
        "/funds/report.csv",
    ];
    for caps in [
        vec![Capability::Intake],
        vec![Capability::Dispatch],
        vec![Capability::Respond],
        vec![Capability::Coordinate],
        vec![Capability::Admin],
    ] {
        let name = format!("u{}", caps[0]);
        let s = person(&t, &name, &caps).await;
        for p in pages {
            let (st, _, _) = t.page(p, Some(&s)).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{caps:?} {p}");
        }
        let tok = t.token(&caps).await;
        for p in ["/api/v1/funds", "/api/v1/mutual-aid"] {
            let (st, _) = t.get(p, Some(&tok)).await;
            assert_eq!(st, StatusCode::FORBIDDEN, "{caps:?} {p}");
        }
    }
    let fin = person(&t, "fin", &[Capability::Finance]).await;
    for p in pages {
        let (st, _, _) = t.page(p, Some(&fin)).await;
        assert_eq!(st, StatusCode::OK, "{p}");
    }
    // Not signed in: to the sign-in page; the donation page is public.
    let (st, _, loc) = t.page("/funds", None).await;
    assert_eq!(
        (st, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/login"))
    );
    let (st, _, _) = t.page("/donate", None).await;
    assert_eq!(st, StatusCode::OK);
}

#[test]
fn no_query_joins_donors_with_care_data() {
    // Every file of the money store (a folder, one file per part of the books).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-store/src/money");
    let mut src = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        src += &std::fs::read_to_string(e.unwrap().path()).unwrap();
    }
    assert!(
        src.contains("INSERT INTO donations"),
        "the money store was read"
    );
    // Every SQL string literal of the money store.
    for stmt in src.split('"').skip(1).step_by(2) {
        let s = stmt.to_lowercase();
        let donor = s.contains("donors") || s.contains("donations");
        let care = [
            "requests",
            "subjects",
            "encounters",
            "follow_ups",
            "mutual_aid",
        ]
        .iter()
        .any(|t| s.contains(&format!(" {t}")));
        assert!(
            !(donor && care),
            "a statement joins donor and care data: {stmt}"
        );
    }
    let schema = include_str!("../../../heart-store/migrations/sqlite/0010_money.sql");
    let donations = &schema[schema.find("CREATE TABLE donations").unwrap()..];
    let donations = &donations[..donations.find(");").unwrap()];
    assert!(!donations.contains("requests(") && !donations.contains("subjects("));
}

// ---- donations against a fake Stripe ----

pub(crate) async fn stripe_app(mock: &MockServer) -> TestApp {
    let api = mock.uri();
    let t = spawn_app_with(move |c| {
        c.money = MoneyConfig {
            provider: "stripe".into(),
            stripe_api: api,
            stripe_secret_key: Some("sk_test_heart".into()),
            stripe_webhook_secret: Some(WHSEC.into()),
            public_url: "https://heart.example.org".into(),
            ..MoneyConfig::default()
        };
    })
    .await;
    fund(&t, "General", "general").await;
    t
}

/// The donation page's CSRF cookie and token, as a browser gets them.
pub(crate) async fn public_form(t: &TestApp) -> (String, String) {
    let r = t
        .client
        .get(format!("{}/donate", t.url))
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("heart_csrf="))
        .unwrap();
    let html = r.text().await.unwrap();
    let i = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    let token = html[i..i + html[i..].find('"').unwrap()].to_string();
    (cookie, token)
}

async fn donate(t: &TestApp, fields: &[(&str, &str)]) -> (StatusCode, String, Option<String>) {
    let (cookie, csrf) = public_form(t).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let r = t
        .client
        .post(format!("{}/donate", t.url))
        .header("cookie", cookie)
        .form(&all)
        .send()
        .await
        .unwrap();
    let loc = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    (r.status(), r.text().await.unwrap(), loc)
}

pub(crate) async fn hook(t: &TestApp, body: &Value, at: i64, secret: &str) -> (StatusCode, Value) {
    let raw = serde_json::to_vec(body).unwrap();
    let r = t
        .client
        .post(format!("{}/hooks/stripe", t.url))
        .header(
            "stripe-signature",
            stripe_signature_header(secret, at, &raw),
        )
        .header("content-type", "application/json")
        .body(raw)
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

pub(crate) fn now_s(t: &TestApp) -> i64 {
    heart_domain::time::Clock::now(&*t.clock).as_second()
}

pub(crate) fn completed(id: &str, session: &str, amount: i64, extra: Value) -> Value {
    let mut obj = json!({"id": session, "object": "checkout.session", "payment_status": "paid", "amount_total": amount,
                         "currency": "usd", "payment_intent": format!("pi_{session}"), "mode": "payment"});
    if let (Some(o), Some(e)) = (obj.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    json!({"id": id, "object": "event", "type": "checkout.session.completed", "data": {"object": obj}})
}

#[tokio::test]
async fn a_gift_of_ones_own_amount_through_stripe_to_the_receipt() {
    let mock = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .and(header("authorization", "Bearer sk_test_heart"))
        .and(body_string_contains("mode=payment"))
        .and(body_string_contains("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=2750"))
        .and(body_string_contains("line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=usd"))
        .and(body_string_contains("customer_email=giver%40example.org"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "cs_test_1", "object": "checkout.session", "url": "https://checkout.stripe.com/c/pay/cs_test_1"})))
        .expect(1)
        .mount(&mock)
        .await;
    let t = stripe_app(&mock).await;
    let (st, body, loc) = donate(
        &t,
        &[
            ("preset", "other"),
            ("amount", "27.50"),
            ("frequency", "once"),
            ("message", "For the winter"),
            ("name", "A Giver"),
            ("email", "Giver@Example.org"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        loc.as_deref(),
        Some("https://checkout.stripe.com/c/pay/cs_test_1")
    );
    let requests = mock.received_requests().await.unwrap();
    let sent = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(requests[0].headers.get("idempotency-key").is_some());
    let d = t
        .store
        .money()
        .donation_by_provider_ref("cs_test_1")
        .await
        .unwrap()
        .unwrap();
    assert!(
        sent.contains(&format!(
            "success_url=https%3A%2F%2Fheart.example.org%2Fdonate%2Freceipt%2F{}",
            d.receipt_token
        )),
        "{sent}"
    );
    assert_eq!(d.status, "pending");
    let receipt = format!("/donate/receipt/{}", d.receipt_token);
    let (_, page, _) = t.page(&receipt, None).await;
    assert!(page.contains("Waiting for the payment"));

    // Bad signatures, an old timestamp, a missing header, malformed JSON: refused, nothing posted.
    let ev = completed("evt_1", "cs_test_1", 2_750, json!({}));
    let now = now_s(&t);
    let (st, _) = hook(&t, &ev, now, "whsec_wrong").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, e) = hook(&t, &ev, now - 301, WHSEC).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(e["message"].as_str().unwrap().contains("tolerance"), "{e}");
    let r = t
        .client
        .post(format!("{}/hooks/stripe", t.url))
        .body(serde_json::to_vec(&ev).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let raw = b"{not json";
    let r = t
        .client
        .post(format!("{}/hooks/stripe", t.url))
        .header("stripe-signature", stripe_signature_header(WHSEC, now, raw))
        .body(raw.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // An amount that differs from the gift is refused.
    let (st, _) = hook(
        &t,
        &completed("evt_0", "cs_test_1", 2_000, json!({})),
        now,
        WHSEC,
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let general = t.store.money().funds().await.unwrap()[0].id;
    assert_eq!(t.store.money().fund_balance(general).await.unwrap(), 0);

    // Signed as Stripe signs: processed once; a replay changes nothing.
    let (st, r) = hook(&t, &ev, now, WHSEC).await;
    assert_eq!(st, StatusCode::OK, "{r}");
    let (st, r) = hook(&t, &ev, now, WHSEC).await;
    assert_eq!(st, StatusCode::OK);
    assert!(r["message"].as_str().unwrap().contains("already processed"));
    assert_eq!(t.store.money().fund_balance(general).await.unwrap(), 2_750);
    let (_, page, _) = t.page(&receipt, None).await;
    assert!(
        page.contains("$27.50") && page.contains("No goods or services were provided"),
        "{page}"
    );
    assert!(page.contains("A Giver") && page.contains("For the winter"));

    // A refund asked by finance goes to Stripe; its webhook posts it.
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .and(body_string_contains("payment_intent=pi_cs_test_1"))
        .and(body_string_contains("amount=1000"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "re_1", "status": "succeeded"})),
        )
        .expect(1)
        .mount(&mock)
        .await;
    let fin = person(&t, "fin", &[Capability::Finance]).await;
    let (st, body, _) = t
        .form(
            &format!("/funds/donations/{}/refund", d.id),
            &fin,
            &[("amount", "10")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    let refund = json!({"id": "evt_2", "type": "charge.refunded", "data": {"object": {"id": "ch_1", "payment_intent": "pi_cs_test_1", "amount_refunded": 1000, "currency": "usd"}}});
    let (st, _) = hook(&t, &refund, now, WHSEC).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(t.store.money().fund_balance(general).await.unwrap(), 1_750);
    // More than is left to give back is refused before anything is sent.
    let (st, _, _) = t
        .form(
            &format!("/funds/donations/{}/refund", d.id),
            &fin,
            &[("amount", "20")],
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // Two refunds of the same amount asked separately are two (each form has its own key); the same form sent
    // twice (a double click, a retry) is one at Stripe: the same Idempotency-Key.
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .and(body_string_contains("amount=200"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "re_2", "status": "pending"})),
        )
        .expect(3)
        .mount(&mock)
        .await;
    for key in [
        "form-key-aaaaaaaaaaaa",
        "form-key-aaaaaaaaaaaa",
        "form-key-bbbbbbbbbbbb",
    ] {
        let (st, body, _) = t
            .form(
                &format!("/funds/donations/{}/refund", d.id),
                &fin,
                &[("amount", "2"), ("key", key)],
            )
            .await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    }
    let keys: Vec<String> = mock
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("amount=200"))
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1], "the same form twice: one refund");
    assert_ne!(
        keys[0], keys[2],
        "another refund of the same amount: its own key"
    );
    assert!(
        t.store
            .money()
            .ledger_verify()
            .await
            .unwrap()
            .problems
            .is_empty()
    );
}

#[tokio::test]
async fn monthly_gifts_come_each_month_and_a_dispute_is_flagged() {
    let mock = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .and(body_string_contains("mode=subscription"))
        .and(body_string_contains(
            "line_items%5B0%5D%5Bprice_data%5D%5Brecurring%5D%5Binterval%5D=month",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"id": "cs_m", "url": "https://checkout.stripe.com/c/pay/cs_m"}),
            ),
        )
        .mount(&mock)
        .await;
    let t = stripe_app(&mock).await;
    let (st, body, _) = donate(
        &t,
        &[
            ("preset", "25"),
            ("frequency", "monthly"),
            ("anonymous", "yes"),
            ("email", "m@example.org"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    let now = now_s(&t);
    let first = completed(
        "evt_m1",
        "cs_m",
        2_500,
        json!({"mode": "subscription", "subscription": "sub_1", "payment_intent": null}),
    );
    assert_eq!(hook(&t, &first, now, WHSEC).await.0, StatusCode::OK);
    // The first invoice names the first month's payment: its refund finds the gift.
    let created = json!({"id": "evt_m1i", "type": "invoice.paid", "data": {"object": {"id": "in_1", "subscription": "sub_1",
        "billing_reason": "subscription_create", "amount_paid": 2500, "currency": "usd", "payment_intent": "pi_in_1"}}});
    assert_eq!(hook(&t, &created, now, WHSEC).await.0, StatusCode::OK);
    let first_gift = t
        .store
        .money()
        .donation_by_provider_ref("pi_in_1")
        .await
        .unwrap()
        .expect("the first month's gift carries its payment");
    assert_eq!(first_gift.amount_minor, 2_500);
    let cycle = json!({"id": "evt_m2", "type": "invoice.paid", "data": {"object": {"id": "in_2", "subscription": "sub_1",
        "billing_reason": "subscription_cycle", "amount_paid": 2500, "currency": "usd", "payment_intent": "pi_in_2"}}});
    assert_eq!(hook(&t, &cycle, now, WHSEC).await.0, StatusCode::OK);
    let m = t.store.money();
    let gifts = m.donations_for_subscription("sub_1").await.unwrap();
    assert_eq!(gifts.len(), 2);
    assert!(gifts.iter().all(|g| g.status == "paid" && g.anonymous));
    let general = m.funds().await.unwrap()[0].id;
    assert_eq!(m.fund_balance(general).await.unwrap(), 5_000);
    // A dispute of a gift already spent may take the fund below zero, and is flagged.
    let fin = person(&t, "fin", &[Capability::Finance]).await;
    let _ = fin;
    let dispute = json!({"id": "evt_m3", "type": "charge.dispute.created", "data": {"object": {"id": "dp_1", "payment_intent": "pi_in_2", "amount": 2500, "currency": "usd"}}});
    assert_eq!(hook(&t, &dispute, now, WHSEC).await.0, StatusCode::OK);
    assert_eq!(m.fund_balance(general).await.unwrap(), 2_500);
    assert_eq!(
        m.donation_by_provider_ref("pi_in_2")
            .await
            .unwrap()
            .unwrap()
            .status,
        "disputed"
    );
    // The dispute is won: the money comes back, the gift is whole again; the same event again changes nothing.
    let won = json!({"id": "evt_m4", "type": "charge.dispute.closed", "data": {"object": {"id": "dp_1", "payment_intent": "pi_in_2", "amount": 2500, "currency": "usd", "status": "won"}}});
    assert_eq!(hook(&t, &won, now, WHSEC).await.0, StatusCode::OK);
    assert_eq!(hook(&t, &won, now, WHSEC).await.0, StatusCode::OK);
    assert_eq!(m.fund_balance(general).await.unwrap(), 5_000);
    let back = m
        .donation_by_provider_ref("pi_in_2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((back.status.as_str(), back.refunded_minor), ("paid", 0));
    assert!(m.ledger_verify().await.unwrap().problems.is_empty());
    // Stripe's fee, from the charge's balance transaction, is posted once, whichever charge event names it.
    Mock::given(method("GET"))
        .and(path("/v1/balance_transactions/txn_2"))
        .and(header("authorization", "Bearer sk_test_heart"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "txn_2", "fee": 103})))
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/balance_transactions/txn_down"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&mock)
        .await;
    let charge = |id: &str, kind: &str, bt: &str| {
        json!({"id": id, "type": kind, "data": {"object": {"id": "ch_2", "payment_intent": "pi_in_2",
            "balance_transaction": bt, "amount": 2500, "currency": "usd"}}})
    };
    // Stripe down: 503, nothing posted, and the event is not remembered (Stripe sends it again).
    let (st, _) = hook(
        &t,
        &charge("evt_f0", "charge.succeeded", "txn_down"),
        now,
        WHSEC,
    )
    .await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(m.fund_balance(general).await.unwrap(), 5_000);
    let (st, _) = hook(
        &t,
        &charge("evt_f1", "charge.succeeded", "txn_2"),
        now,
        WHSEC,
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(m.fund_balance(general).await.unwrap(), 4_897);
    let (st, _) = hook(&t, &charge("evt_f2", "charge.updated", "txn_2"), now, WHSEC).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        m.fund_balance(general).await.unwrap(),
        4_897,
        "the fee once"
    );
    assert!(m.ledger_verify().await.unwrap().problems.is_empty());
    // An unknown payment is not silently accepted.
    let stray = json!({"id": "evt_x", "type": "charge.refunded", "data": {"object": {"payment_intent": "pi_nobody", "amount_refunded": 5}}});
    assert_eq!(hook(&t, &stray, now, WHSEC).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_donation_page_refuses_bad_gifts_and_says_when_stripe_is_down() {
    let mock = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&mock)
        .await;
    let t = stripe_app(&mock).await;
    let long = "x".repeat(151);
    for (fields, words) in [
        (
            vec![
                ("preset", "other"),
                ("amount", "4.99"),
                ("email", "a@example.org"),
            ],
            "below the smallest gift",
        ),
        (
            vec![
                ("preset", "other"),
                ("amount", "10001"),
                ("email", "a@example.org"),
            ],
            "more than this page takes",
        ),
        (
            vec![
                ("preset", "other"),
                ("amount", "-5"),
                ("email", "a@example.org"),
            ],
            "more than zero",
        ),
        (
            vec![
                ("preset", "other"),
                ("amount", "5.555"),
                ("email", "a@example.org"),
            ],
            "whole cents",
        ),
        (
            vec![
                ("preset", "other"),
                ("amount", "lots"),
                ("email", "a@example.org"),
            ],
            "in numbers",
        ),
        (
            vec![
                ("preset", "25"),
                ("message", long.as_str()),
                ("email", "a@example.org"),
            ],
            "This is too long",
        ),
        (
            vec![
                ("preset", "25"),
                ("message", "<b>hi</b>"),
                ("email", "a@example.org"),
            ],
            "Plain text only",
        ),
        (
            vec![("preset", "25"), ("email", "not-an-email")],
            "name@example.org",
        ),
        (
            vec![
                ("preset", "25"),
                ("frequency", "weekly"),
                ("email", "a@example.org"),
            ],
            "Choose one",
        ),
    ] {
        let mut f = fields.clone();
        if !f.iter().any(|(k, _)| *k == "frequency") {
            f.push(("frequency", "once"));
        }
        let (st, body, _) = donate(&t, &f).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(body.contains(words), "{fields:?}: {body}");
    }
    assert_eq!(
        mock.received_requests().await.unwrap().len(),
        0,
        "nothing reached Stripe"
    );
    // Stripe down: said plainly, nothing kept half-made.
    let (st, body, _) = donate(
        &t,
        &[
            ("preset", "50"),
            ("frequency", "once"),
            ("email", "a@example.org"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("did not answer"), "{body}");
    assert!(
        t.store
            .money()
            .donations_recent(10)
            .await
            .unwrap()
            .is_empty()
    );
    // Without the page's token: refused.
    let r = t
        .client
        .post(format!("{}/donate", t.url))
        .form(&[("preset", "50"), ("email", "a@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// Grants received and money moved between funds, from the funds page: balanced entries, never out of a restricted
/// fund, never between currencies, never more than a fund holds, and only by someone holding finance.
#[tokio::test]
async fn grants_come_in_and_money_moves_between_funds() {
    let t = spawn_app().await;
    let general = fund(&t, "General", "general").await;
    let aid = fund(&t, "Mutual aid", "mutual_aid").await;
    let grant = t
        .app
        .create_fund(
            &heart_app::Actor::cli(),
            "Community safety grant",
            "restricted",
            None,
            Some("peer responder stipends"),
        )
        .await
        .unwrap()
        .to_string();
    let euros = t
        .app
        .create_fund(
            &heart_app::Actor::cli(),
            "Euro gifts",
            "general",
            Some("EUR"),
            None,
        )
        .await
        .unwrap()
        .to_string();
    let fin = person(&t, "fin", &[Capability::Finance]).await;
    let reader = t.token(&[Capability::Finance]).await;

    // A grant into the restricted fund; one into general.
    for (f, amount, funder) in [
        (&grant, "5000", "The Cambridge Community Foundation"),
        (&general, "300", "City of Cambridge"),
    ] {
        let (st, body, _) = t
            .form(
                "/funds/grants",
                &fin,
                &[("fund_id", f), ("amount", amount), ("funder", funder)],
            )
            .await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    }
    assert_eq!(balance(&t, &reader, &grant).await, 500_000);
    assert_eq!(balance(&t, &reader, &general).await, 30_000);
    // Refused, nothing posted: no funder, a bad amount, a date to come.
    for fields in [
        vec![
            ("fund_id", general.as_str()),
            ("amount", "10"),
            ("funder", ""),
        ],
        vec![
            ("fund_id", general.as_str()),
            ("amount", "-10"),
            ("funder", "X"),
        ],
        vec![
            ("fund_id", general.as_str()),
            ("amount", "10"),
            ("funder", "X"),
            ("date", "2099-01-01"),
        ],
    ] {
        let (st, _, _) = t.form("/funds/grants", &fin, &fields).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
    }
    assert_eq!(balance(&t, &reader, &general).await, 30_000);

    // General to mutual aid: yes. Out of the restricted grant, across currencies, to itself, more than held: no.
    let (st, body, _) = t
        .form(
            "/funds/transfers",
            &fin,
            &[
                ("from", &general),
                ("to", &aid),
                ("amount", "120"),
                ("reason", "Winter arrears need"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(balance(&t, &reader, &general).await, 18_000);
    assert_eq!(balance(&t, &reader, &aid).await, 12_000);
    for (from, to, amount, words) in [
        (&grant, &aid, "10", "restricted fund"),
        (&general, &euros, "10", "same currency"),
        (&general, &general, "10", "two different funds"),
        (&general, &aid, "181", "does not hold enough"),
    ] {
        let (st, page, _) = t
            .form(
                "/funds/transfers",
                &fin,
                &[
                    ("from", from),
                    ("to", to),
                    ("amount", amount),
                    ("reason", "test"),
                ],
            )
            .await;
        assert!(
            st == StatusCode::UNPROCESSABLE_ENTITY || st == StatusCode::CONFLICT,
            "{from}->{to} {amount}: {st}"
        );
        assert!(page.contains(words), "{words}: {page}");
    }
    assert_eq!(balance(&t, &reader, &general).await, 18_000);
    assert_eq!(balance(&t, &reader, &grant).await, 500_000);
    // Only finance.
    let cora = person(&t, "cora", &[Capability::Coordinate]).await;
    let (st, _, _) = t
        .form(
            "/funds/grants",
            &cora,
            &[("fund_id", &general), ("amount", "1"), ("funder", "X")],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(
        t.store
            .money()
            .ledger_verify()
            .await
            .unwrap()
            .problems
            .is_empty()
    );
}

/// Stripe's events can be larger than the global 64 KiB limit: the hook reads up to 1 MiB; past that, 413.
#[tokio::test]
async fn stripe_events_up_to_one_mib_are_read() {
    let mock = MockServer::start().await;
    let t = stripe_app(&mock).await;
    let padded = |n: usize| {
        let mut e = completed(
            "evt_big",
            "cs_big",
            2500,
            json!({"metadata": {"note": "x".repeat(n)}}),
        );
        e["type"] = json!("customer.updated");
        e
    };
    let (s, b) = hook(&t, &padded(200 * 1024), now_s(&t), WHSEC).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, _) = hook(&t, &padded(1024 * 1024), now_s(&t), WHSEC).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

/// The demo's test provider exists only under `--demo`: anywhere else its checkout page is not there, and the
/// donation page does not claim to take gifts online.
#[tokio::test]
async fn the_test_provider_is_not_there_outside_the_demo() {
    let t = spawn_app().await;
    let id = heart_domain::ids::DonationId::new();
    let (s, _, _) = t.page(&format!("/donate/test-checkout/{id}"), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, page, _) = t.page("/donate", None).await;
    assert!(!page.contains("Test mode"), "{page}");
    assert!(!t.app.giving_test_mode());
}

/// With the test provider set (as `--demo` does), a gift goes from the form through the pretend card page to a
/// paid gift in the books, through the same signed-webhook path as a real provider's event.
#[tokio::test]
async fn the_test_provider_takes_a_gift_to_its_receipt() {
    let t = spawn_app().await;
    t.app
        .set_provider(std::sync::Arc::new(heart_app::payments::DemoTest::new()));
    let general = fund(&t, "General", "general").await;
    let form = heart_app::money::DonationForm {
        amount: Some("12".into()),
        frequency: "once".into(),
        fund_id: Some(general),
        email: "donor@example.org".into(),
        ..Default::default()
    };
    let (d, url) = t
        .app
        .start_donation(form, "http://127.0.0.1:1")
        .await
        .unwrap();
    assert_eq!(
        url,
        format!("http://127.0.0.1:1/donate/test-checkout/{}", d.id)
    );
    let (s, page, _) = t
        .page(&format!("/donate/test-checkout/{}", d.id), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Test mode: no money moves."));
    let token = t.app.pay_test_checkout(d.id).await.unwrap();
    let paid = t.store.money().donation(d.id).await.unwrap().unwrap();
    assert_eq!(paid.status, "paid");
    assert!(paid.entry_id.is_some(), "in the ledger");
    // Paying again changes nothing.
    assert_eq!(t.app.pay_test_checkout(d.id).await.unwrap(), token);
}
