//! Circles over HTTP: opened with two facilitators, people each with their own key, notes before any consent, a
//! joint circle refused until everyone still taking part agreed to meet, agreements naming roles, check-ins; only the
//! facilitators read any of it; one person's export holds none of another's words; erasing one person leaves the
//! others' words (also when a backup taken before is restored); no circle words in the clear under the data directory.

use heart_domain::access::Capability::{self, *};
use heart_testkit::{Session, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

struct Circle {
    id: String,
    harmed: String,
    responsible: String,
    ana: String,
    ana_session: Session,
    bo: String,
}

/// A circle with two people and a note for each, opened by a coordinator who does not facilitate it.
async fn circle(t: &TestApp) -> Circle {
    let ana_pw = t.user("ana", &[Capability::Circle, Respond], None).await;
    let ana_session = t.login("ana", &ana_pw).await;
    t.user("bo", &[Capability::Circle], None).await;
    t.user("cy", &[Respond], None).await;
    let ana = t.token_for("ana", &[Capability::Circle, Respond]).await;
    let bo = t.token_for("bo", &[Capability::Circle]).await;
    let coordinator = t.token(&[Coordinate]).await;
    // One facilitator, or someone without the capability, is refused with nothing written.
    for (names, code) in [
        (json!(["ana"]), "Name at least two facilitators."),
        (
            json!(["ana", "cy"]),
            "This person does not hold the circle capability.",
        ),
    ] {
        let (s, b) = t
            .post(
                "/api/v1/circles",
                Some(&coordinator),
                &json!({"facilitators": names}),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert_eq!(b["error"]["fields"]["facilitators"], code, "{b}");
    }
    let (s, c) = t
        .post(
            "/api/v1/circles",
            Some(&coordinator),
            &json!({"title": "the bike on Inman Street", "facilitators": ["ana", "bo"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    let mut people = Vec::new();
    for role in ["the person harmed", "the person responsible"] {
        let (s, p) = t
            .post(
                &format!("/api/v1/circles/{id}/people"),
                Some(&ana),
                &json!({"role_words": role, "language": "es", "contact": "texts after six"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        people.push(p["id"].as_str().unwrap().to_string());
    }
    // Pre-meeting notes need no consent to meet.
    for (p, text) in [
        (&people[0], "She wants the bike back and an apology"),
        (&people[1], "He lost his job that week and sold it"),
    ] {
        let (s, n) = t
            .post(
                &format!("/api/v1/circles/{id}/notes"),
                Some(&bo),
                &json!({"person_id": p, "text": text}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{n}");
    }
    Circle {
        id,
        harmed: people[0].clone(),
        responsible: people[1].clone(),
        ana,
        ana_session,
        bo,
    }
}

async fn stage(t: &TestApp, c: &Circle, to: &str) -> (StatusCode, Value) {
    t.post(
        &format!("/api/v1/circles/{}/stage", c.id),
        Some(&c.ana),
        &json!({"stage": to}),
    )
    .await
}

async fn consent(t: &TestApp, c: &Circle, person: &str, what: &str, agreement: Option<&str>) {
    let (s, b) = t
        .post(
            &format!("/api/v1/circles/{}/consents", c.id),
            Some(&c.bo),
            &json!({"person_id": person, "what": what, "agreement_id": agreement, "given": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

#[tokio::test]
async fn a_circle_goes_from_opening_to_agreement_with_each_persons_consent() {
    let t = spawn_app().await;
    let c = circle(&t).await;
    assert_eq!(stage(&t, &c, "pre_meetings").await.0, StatusCode::CREATED);
    // A joint circle before everyone agreed to meet: refused, the stage unchanged.
    consent(&t, &c, &c.harmed, "take_part", None).await;
    consent(&t, &c, &c.harmed, "joint_meeting", None).await;
    let (s, b) = stage(&t, &c, "circle").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(
        b["error"]["fields"]["stage"],
        "Everyone still taking part must agree to take part and to meet before a joint circle."
    );
    let (_, now) = t
        .get(&format!("/api/v1/circles/{}", c.id), Some(&c.ana))
        .await;
    assert_eq!(now["stage"], "pre_meetings");
    // Skipping a stage is refused too.
    assert_eq!(
        stage(&t, &c, "check_ins").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    consent(&t, &c, &c.responsible, "take_part", None).await;
    consent(&t, &c, &c.responsible, "joint_meeting", None).await;
    assert_eq!(stage(&t, &c, "circle").await.0, StatusCode::CREATED);

    // A note for someone not in the circle, an agreement naming a role nobody holds: refused, nothing written.
    let (s, b) = t
        .post(
            &format!("/api/v1/circles/{}/notes", c.id),
            Some(&c.ana),
            &json!({"person_id": heart_domain::ids::CircleId::new().to_string(), "text": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        b["error"]["fields"]["person_id"],
        "This person is not in the circle."
    );
    let agreement = |role: &str| {
        json!({"commitments": [
            {"role_words": role, "text": "Return the bike or pay for it", "due": "2026-12-20"},
            {"role_words": "the person harmed", "text": "Meet once more after", "due": "2027-01-10"},
        ]})
    };
    let (s, b) = t
        .post(
            &format!("/api/v1/circles/{}/agreements", c.id),
            Some(&c.ana),
            &agreement("the landlord"),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(
        b["error"]["fields"]["commitments[0].role_words"],
        "Nobody taking part in the circle is named this way."
    );
    let (s, a) = t
        .post(
            &format!("/api/v1/circles/{}/agreements", c.id),
            Some(&c.ana),
            &agreement("The Person Responsible"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    assert_eq!(a["commitments"][0]["role_words"], "the person responsible");
    assert_eq!(a["commitments"][0]["status"], "open");
    let aid = a["id"].as_str().unwrap().to_string();
    consent(&t, &c, &c.harmed, "agreement", Some(&aid)).await;
    assert_eq!(stage(&t, &c, "agreement").await.0, StatusCode::CREATED);

    let (s, full) = t
        .get(&format!("/api/v1/circles/{}", c.id), Some(&c.bo))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(full["title"], "the bike on Inman Street");
    assert_eq!(full["notes"].as_array().unwrap().len(), 2);
    assert_eq!(full["agreements"][0]["consented"], json!([c.harmed]));
    let moves: Vec<&str> = full["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(moves, ["opened", "pre_meetings", "circle", "agreement"]);
    // Every read of the words is audited.
    let audit = t.store.audit_for("circle", &c.id).await.unwrap();
    assert!(audit.iter().any(|a| a.entry.action == "circle.read"));
    assert!(audit.iter().all(|a| !a.entry.detail.contains("bike")));

    // A check-in on the agreement, and what it found per commitment (once).
    let checks = format!("/api/v1/circles/{}/check-ins", c.id);
    let (s, b) = t
        .post(&checks, Some(&c.ana), &json!({"due": "2026-11-01"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let (s, k) = t
        .post(&checks, Some(&c.ana), &json!({"due": "2026-12-10"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    let (_, list) = t.get("/api/v1/circles", Some(&c.ana)).await;
    assert_eq!(list["circles"][0]["next_check_in"], k["due_at"], "{list}");
    assert_eq!(list["circles"][0]["check_in_overdue"], false);
    let (_, html, _) = t.page("/circles", Some(&c.ana_session)).await;
    assert!(html.contains("Check-in due"), "{html}");
    let found = format!("{checks}/{}/result", k["id"].as_str().unwrap());
    let commitment = a["commitments"][0]["id"].as_str().unwrap();
    let result = json!({"result": "reached", "note": "bike returned",
        "commitments": [{"id": commitment, "status": "kept"}]});
    let (s, b) = t.post(&found, Some(&c.ana), &result).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["result"], "reached");
    assert_eq!(
        t.post(&found, Some(&c.ana), &result).await.0,
        StatusCode::CONFLICT
    );
    let (_, full) = t
        .get(&format!("/api/v1/circles/{}", c.id), Some(&c.ana))
        .await;
    assert_eq!(full["agreements"][0]["commitments"][0]["status"], "kept");
    assert_eq!(full["check_ins"][0]["note"], "bike returned");
    let (_, list) = t.get("/api/v1/circles", Some(&c.ana)).await;
    assert_eq!(list["circles"][0]["next_check_in"], Value::Null);

    // Withdrawing stops the process for that person: no more notes for them.
    let (s, _) = t
        .post(
            &format!("/api/v1/circles/{}/consents", c.id),
            Some(&c.bo),
            &json!({"person_id": c.responsible, "what": "take_part", "given": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, b) = t
        .post(
            &format!("/api/v1/circles/{}/notes", c.id),
            Some(&c.ana),
            &json!({"person_id": c.responsible, "text": "called again"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        b["error"]["fields"]["person_id"],
        "This person withdrew from the circle."
    );

    // Ended: a check-in or a note on a closed circle is refused.
    assert_eq!(stage(&t, &c, "ended").await.0, StatusCode::CREATED);
    let (s, _) = t
        .post(
            &format!("/api/v1/circles/{}/notes", c.id),
            Some(&c.ana),
            &json!({"person_id": c.harmed, "text": "one more"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = t
        .post(&checks, Some(&c.ana), &json!({"due": "2026-12-12"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    let (_, after) = t
        .get(&format!("/api/v1/circles/{}", c.id), Some(&c.ana))
        .await;
    assert_eq!(after["check_ins"].as_array().unwrap().len(), 1);

    // The words are nowhere in the clear under the data directory.
    for f in files_under(t.dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        for needle in [
            "bike back and an apology",
            "lost his job",
            "Return the bike",
            "Inman Street",
            "texts after six",
            "bike returned",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} holds circle words in the clear",
                f.display()
            );
        }
    }
}

#[tokio::test]
async fn only_a_circles_facilitators_reach_it() {
    let t = spawn_app().await;
    let c = circle(&t).await;
    t.user("dee", &[Capability::Circle], None).await;
    let other_facilitator = t.token_for("dee", &[Capability::Circle]).await;
    t.user("cora", &[Coordinate], None).await;
    let coordinator = t.token_for("cora", &[Coordinate]).await;
    t.user("ada", &[Admin], None).await;
    let admin = t.token_for("ada", &[Admin]).await;
    t.user("rue", &[Respond], None).await;
    let responder = t.token_for("rue", &[Respond]).await;
    let nobody = t.token(&[Capability::Circle, Coordinate]).await;
    let pw = "password-of-pat";
    assert!(t.app.seed_demo_directory().await.unwrap());
    t.app
        .add_partner_user(
            &heart_app::Actor::cli(),
            "pat",
            None,
            heart_app::demo::DEMO_PARTNER_ORG,
            Some(pw),
        )
        .await
        .unwrap();
    let partner = t.token_for("pat", &[Partner]).await;
    let id = &c.id;
    let routes: Vec<(&str, String, Value)> = vec![
        ("GET", format!("/api/v1/circles/{id}"), json!(null)),
        (
            "POST",
            format!("/api/v1/circles/{id}/people"),
            json!({"role_words": "a supporter"}),
        ),
        (
            "POST",
            format!("/api/v1/circles/{id}/notes"),
            json!({"person_id": c.harmed, "text": "t"}),
        ),
        (
            "POST",
            format!("/api/v1/circles/{id}/consents"),
            json!({"person_id": c.harmed, "what": "take_part", "given": true}),
        ),
        (
            "POST",
            format!("/api/v1/circles/{id}/stage"),
            json!({"stage": "paused"}),
        ),
        (
            "POST",
            format!("/api/v1/circles/{id}/agreements"),
            json!({"commitments": [{"role_words": "the person harmed", "text": "t", "due": "2026-12-30"}]}),
        ),
        (
            "POST",
            format!("/api/v1/circles/{id}/check-ins"),
            json!({"due": "2026-12-30"}),
        ),
    ];
    for (method, path, body) in &routes {
        for (who, tok) in [
            ("another facilitator", &other_facilitator),
            ("a coordinator", &coordinator),
            ("an admin", &admin),
            ("a responder", &responder),
            ("a partner", &partner),
            ("a token acting for nobody", &nobody),
        ] {
            let (s, b) = if *method == "GET" {
                t.get(path, Some(tok)).await
            } else {
                t.post(path, Some(tok), body).await
            };
            assert_eq!(s, StatusCode::FORBIDDEN, "{method} {path} as {who}: {b}");
        }
        let (s, _) = if *method == "GET" {
            t.get(path, None).await
        } else {
            t.post(path, None, body).await
        };
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        // A circle that does not exist is a 404, for a facilitator too.
        let missing = path.replace(id.as_str(), &heart_domain::ids::CircleId::new().to_string());
        let (s, _) = if *method == "GET" {
            t.get(&missing, Some(&c.ana)).await
        } else {
            t.post(&missing, Some(&c.ana), body).await
        };
        assert_eq!(s, StatusCode::NOT_FOUND, "{method} {missing}");
    }
    // A facilitator does each.
    for (method, path, body) in &routes {
        let (s, b) = if *method == "GET" {
            t.get(path, Some(&c.ana)).await
        } else {
            t.post(path, Some(&c.ana), body).await
        };
        assert!(s.is_success(), "{method} {path}: {s} {b}");
    }
    // The list shows a facilitator their circles, and nobody else any.
    let (_, mine) = t.get("/api/v1/circles", Some(&c.ana)).await;
    assert_eq!(mine["circles"].as_array().unwrap().len(), 1);
    for tok in [&other_facilitator, &coordinator, &nobody] {
        let (s, theirs) = t.get("/api/v1/circles", Some(tok)).await;
        assert_eq!(s, StatusCode::OK);
        assert!(theirs["circles"].as_array().unwrap().is_empty());
    }
    for tok in [&admin, &responder, &partner] {
        assert_eq!(
            t.get("/api/v1/circles", Some(tok)).await.0,
            StatusCode::FORBIDDEN
        );
    }
    // The page: the same facilitators only.
    let pw = t.user("fay", &[Capability::Circle], None).await;
    let fay = t.login("fay", &pw).await;
    let (s, _, _) = t.page(&format!("/circles/{id}"), Some(&fay)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = t.page("/circles", Some(&fay)).await;
    assert_eq!(s, StatusCode::OK);
}

async fn form(
    t: &TestApp,
    s: &Session,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let (status, body, _) = t.form(path, s, fields).await;
    (status, body)
}

#[tokio::test]
async fn one_persons_export_and_erasure_leave_the_others_words() {
    let t = spawn_app().await;
    let pw_a = t.user("ana-p", &[Capability::Circle], None).await;
    let pw_b = t.user("bo-p", &[Capability::Circle], None).await;
    let coordinator = t.token(&[Coordinate]).await;
    let (_, made) = t
        .post(
            "/api/v1/circles",
            Some(&coordinator),
            &json!({"facilitators": ["ana-p", "bo-p"]}),
        )
        .await;
    let id = made["id"].as_str().unwrap().to_string();
    let a = t.login("ana-p", &pw_a).await;
    let b = t.login("bo-p", &pw_b).await;
    for role in ["the person harmed", "the person responsible"] {
        let (s, body) = form(
            &t,
            &a,
            &format!("/circles/{id}/people"),
            &[("role_words", role)],
        )
        .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    }
    let ana = t.actor_of(&a).await;
    let cid: heart_domain::ids::CircleId = id.parse().unwrap();
    let view = t.app.circle(&ana, cid).await.unwrap();
    let (harmed, responsible) = (view.people[0].id.to_string(), view.people[1].id.to_string());
    for (p, text) in [
        (&harmed, "my sister will come with me"),
        (&responsible, "I want to make it right"),
    ] {
        let (s, body) = form(
            &t,
            &a,
            &format!("/circles/{id}/notes"),
            &[("person_id", p), ("text", text)],
        )
        .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    }
    let (s, _) = form(
        &t,
        &b,
        &format!("/circles/{id}/people/{harmed}/plan"),
        &[
            ("who_to_call", "my sister Rosa"),
            ("if_unsafe", "leave and text her"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    for (p, what) in [
        (&harmed, "take_part"),
        (&harmed, "joint_meeting"),
        (&responsible, "take_part"),
        (&responsible, "joint_meeting"),
    ] {
        form(
            &t,
            &b,
            &format!("/circles/{id}/consents"),
            &[("person_id", p), ("what", what), ("given", "yes")],
        )
        .await;
    }
    for s in ["pre_meetings", "circle"] {
        assert_eq!(
            form(&t, &a, &format!("/circles/{id}/stage"), &[("stage", s)])
                .await
                .0,
            StatusCode::SEE_OTHER
        );
    }
    let (s, body) = form(
        &t,
        &a,
        &format!("/circles/{id}/agreements"),
        &[
            ("role_words", "the person responsible"),
            ("text", "Pay back 40 dollars"),
            ("due", "2026-12-15"),
            ("role_words", ""),
            ("text", ""),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let agreement = t.app.circle(&ana, cid).await.unwrap().agreements[0]
        .id
        .to_string();
    form(
        &t,
        &b,
        &format!("/circles/{id}/consents"),
        &[
            ("person_id", &harmed),
            ("what", "agreement"),
            ("agreement_id", &agreement),
            ("given", "yes"),
        ],
    )
    .await;

    // The harmed person's export: asked by one facilitator, approved by the other, downloaded by the asker.
    let (s, _) = form(
        &t,
        &a,
        &format!("/circles/{id}/people/{harmed}/ask"),
        &[("kind", "export"), ("reason", "person_asked")],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let asks = t.app.circle_exports(&ana, cid).await.unwrap();
    let export = asks[0].id.to_string();
    // Not by the asker, nor by anyone outside the circle (a coordinator on the approvals page does not see it).
    let (s, _) = form(
        &t,
        &a,
        &format!("/circles/{id}/approvals/{export}/decide"),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let pw_c = t.user("cora", &[Coordinate], None).await;
    let cora = t.login("cora", &pw_c).await;
    let (_, page, _) = t.page("/approvals", Some(&cora)).await;
    assert!(
        !page.contains(&export),
        "a circle's approvals are for its facilitators"
    );
    let (s, _) = form(
        &t,
        &cora,
        &format!("/approvals/{export}/decide"),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = form(
        &t,
        &b,
        &format!("/circles/{id}/approvals/{export}/decide"),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, doc) = form(
        &t,
        &a,
        &format!("/circles/{id}/approvals/{export}/export"),
        &[],
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{doc}");
    let doc: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(doc["format"], "heart-circle-person-export-1");
    assert_eq!(doc["named_as"], "the person harmed");
    assert_eq!(doc["notes"][0]["text"], "my sister will come with me");
    assert_eq!(doc["safety_plan"]["who_to_call"], "my sister Rosa");
    assert_eq!(
        doc["agreements"][0]["commitments"][0]["what"],
        "Pay back 40 dollars"
    );
    assert!(
        !doc.to_string().contains("make it right"),
        "another's words: {doc}"
    );

    // A backup taken before the erasure.
    let backup = t.dir.path().join("before.db");
    t.store.backup(&backup).await.unwrap();

    // The responsible person's erasure: their notes go, they become "a participant", the other's words stay.
    form(
        &t,
        &a,
        &format!("/circles/{id}/people/{responsible}/ask"),
        &[("kind", "erase"), ("reason", "person_asked")],
    )
    .await;
    let erase = t
        .app
        .circle_exports(&ana, cid)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.kind == "erase")
        .unwrap()
        .id
        .to_string();
    let (s, _) = form(
        &t,
        &b,
        &format!("/circles/{id}/approvals/{erase}/decide"),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "erasing is confirmed once more"
    );
    let (s, _) = form(
        &t,
        &b,
        &format!("/circles/{id}/approvals/{erase}/decide"),
        &[("decision", "approve"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let after = t.app.circle(&ana, cid).await.unwrap();
    let text_of = |v: &heart_app::circles::Circle, p: &str| {
        v.notes
            .iter()
            .find(|n| n.person_id.to_string() == p)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(text_of(&after, &responsible), None);
    assert_eq!(
        text_of(&after, &harmed).as_deref(),
        Some("my sister will come with me")
    );
    assert!(after.people[1].erased);
    assert_eq!(after.agreements[0].commitments[0].role_words, None);
    assert_eq!(
        after.agreements[0].commitments[0].text.as_deref(),
        Some("Pay back 40 dollars")
    );
    let (_, printable, _) = t
        .page(&format!("/circles/{id}/agreements/{agreement}"), Some(&a))
        .await;
    assert!(printable.contains("a participant"), "{printable}");
    assert!(printable.contains("Pay back 40 dollars"));

    // The backup taken before: a restore applies the erasure log again.
    let (keys, _) = heart_crypto::keys::Keys::open(&t.dir.path().join("heart.key")).unwrap();
    let restored = heart_store::sqlite::SqliteStore::open(&backup, std::sync::Arc::new(keys))
        .await
        .unwrap();
    let restored: std::sync::Arc<dyn heart_store::Store> = std::sync::Arc::new(restored);
    let app = heart_app::App::new(
        restored.clone(),
        t.clock.clone(),
        heart_domain::triage::Script::shipped().unwrap(),
        t.app.config.clone(),
    );
    let before = restored.circles().circle_notes(cid).await.unwrap();
    assert!(
        before.iter().all(|n| n.text.is_some()),
        "the backup still holds both"
    );
    assert_eq!(
        app.reapply_erasures(&heart_app::Actor::cli(), "restore")
            .await
            .unwrap(),
        1
    );
    let notes = restored.circles().circle_notes(cid).await.unwrap();
    let restored_text = |p: &str| {
        notes
            .iter()
            .find(|n| n.person_id.to_string() == p)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(restored_text(&responsible), None);
    assert!(restored_text(&harmed).is_some());
}

#[tokio::test]
async fn a_closed_circle_is_kept_for_its_retention_then_every_key_is_destroyed() {
    let t = spawn_app().await;
    let c = circle(&t).await;
    // What a circle holds is on the public list of what heart holds.
    let (_, data, _) = t.page("/data", None).await;
    assert!(
        data.contains("Circles: how each person wants to be named"),
        "{data}"
    );
    let ana = heart_app::Actor {
        kind: heart_app::ActorKind::User(
            t.store.user_by_username("ana").await.unwrap().unwrap().id,
        ),
        caps: heart_domain::access::Capabilities::of(&[Capability::Circle]),
        team: None,
        organization: None,
        name: "ana".into(),
    };
    let cid: heart_domain::ids::CircleId = c.id.parse().unwrap();
    let cli = heart_app::Actor::cli();
    // An open circle is never purged, however old.
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 800));
    assert_eq!(t.app.run_retention(&cli).await.unwrap().circles, 0);
    t.app
        .move_circle(
            &ana,
            cid,
            heart_domain::circle::StageInput {
                stage: Some("ended".into()),
            },
        )
        .await
        .unwrap();
    // Within the retention (730 days by default) after it ended: kept, the people's keys too (the general
    // retention of 180 days after last contact does not touch them).
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 729));
    assert_eq!(t.app.run_retention(&cli).await.unwrap().circles, 0);
    let kept = t.app.circle(&ana, cid).await.unwrap();
    assert!(kept.notes.iter().all(|n| n.text.is_some()));
    // After it: every key destroyed (logged for restores), the circle gone from its facilitators.
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 2));
    assert_eq!(t.app.run_retention(&cli).await.unwrap().circles, 1);
    assert!(matches!(
        t.app.circle(&ana, cid).await,
        Err(heart_app::AppError::NotFound)
    ));
    let notes = t.store.circles().circle_notes(cid).await.unwrap();
    assert!(notes.iter().all(|n| n.text.is_none()));
    let log = std::fs::read_to_string(t.dir.path().join("heart.erasures")).unwrap();
    assert_eq!(
        log.lines().filter(|l| !l.trim().is_empty()).count(),
        3,
        "the circle's key and its two people's"
    );
}

#[tokio::test]
async fn a_circle_can_be_opened_from_a_request() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "two neighbours keep arguing over a shared porch",
                    "answers": {"medical": "no", "in_area": "yes", "where_now": "home", "distress": "calm"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let rid = r["id"].as_str().unwrap();
    // A coordinator sees the way to a circle on the request's page; the form opens with the request in it.
    let pw = t.user("cora", &[Coordinate], None).await;
    let cora = t.login("cora", &pw).await;
    let (s, html, _) = t.page(&format!("/requests/{rid}"), Some(&cora)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains(&format!("href=\"/circles?request={rid}\"")),
        "{html}"
    );
    let (s, html, _) = t
        .page(&format!("/circles?request={rid}"), Some(&cora))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&format!("name=\"request_id\" value=\"{rid}\"")));
    // Something that is not a request's id is not put in the form.
    let (_, html, _) = t.page("/circles?request=%3Cb%3E", Some(&cora)).await;
    assert!(html.contains("name=\"request_id\" value=\"\""));
    // Someone who may not open a circle is not shown the way.
    let pw = t.user("ina", &[Intake], None).await;
    let ina = t.login("ina", &pw).await;
    let (_, html, _) = t.page(&format!("/requests/{rid}"), Some(&ina)).await;
    assert!(!html.contains("/circles?request="));
    // Opened from it, the circle names the request.
    t.user("ana", &[Capability::Circle], None).await;
    t.user("bo", &[Capability::Circle], None).await;
    let ana = t.token_for("ana", &[Capability::Circle]).await;
    let coordinator = t.token_for("cora", &[Coordinate]).await;
    let (s, c) = t
        .post(
            "/api/v1/circles",
            Some(&coordinator),
            &json!({"request_id": rid, "facilitators": ["ana", "bo"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let (_, full) = t
        .get(
            &format!("/api/v1/circles/{}", c["id"].as_str().unwrap()),
            Some(&ana),
        )
        .await;
    assert_eq!(full["request_id"], rid);
}
