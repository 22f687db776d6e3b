//! A person's record: see it, export it, erase it, with the two-person rule; retention.
use heart_domain::access::Capability;
use heart_store::TrustOp;
use heart_testkit::{Session, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub(crate) async fn intake(
    t: &TestApp,
    token: &str,
    name: &str,
    phone: &str,
    summary: &str,
) -> Value {
    let (s, body) = t
        .post(
            "/api/v1/requests",
            Some(token),
            &json!({
                "summary": summary,
                "contact": {"name": name, "phone": phone},
                "safe_contact": {"call_ok": true},
                "answers": {"medical": "no", "in_area": "yes", "where_now": "home", "distress": "calm"}
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    body
}

/// The CSRF token of a signed-in session is on every page it sees.
pub(crate) async fn with_csrf(t: &TestApp, s: Session) -> Session {
    let (_, page, _) = t.page("/account", Some(&s)).await;
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    Session { csrf, ..s }
}

pub(crate) async fn people(t: &TestApp) -> (Session, Session) {
    let p1 = t.user("rae", &[Capability::Coordinate], None).await;
    let p2 = t.user("mo", &[Capability::Coordinate], None).await;
    let a = with_csrf(t, t.login("rae", &p1).await).await;
    let b = with_csrf(t, t.login("mo", &p2).await).await;
    (a, b)
}

pub(crate) fn approval_ids(page: &str) -> Vec<String> {
    page.split("data-approval-id=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn one_phone_number_is_one_person_and_their_record_is_read_with_a_trace() {
    let t = spawn_app().await;
    let token = t.person_token(&[Capability::Intake]).await;
    let r1 = intake(
        &t,
        &token,
        "Ada Quill",
        "(617) 555-0199",
        "First call: rent arrears",
    )
    .await;
    let r2 = intake(
        &t,
        &token,
        "Ada Quill",
        "+1 617 555 0199",
        "Second call: bills again",
    )
    .await;
    let r3 = intake(&t, &token, "Bo Other", "617-555-0111", "Someone else").await;
    assert_eq!(
        r1["person"], r2["person"],
        "the same number is the same person"
    );
    assert_ne!(r1["person"], r3["person"]);
    assert_eq!(r1["personal_fields"], "open");
    let (a, _) = people(&t).await;
    let id = r2["id"].as_str().unwrap();
    let (s, page, _) = t.page(&format!("/requests/{id}/person"), Some(&a)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("First call: rent arrears") && page.contains("Second call"));
    assert!(!page.contains("Someone else"));
    // Reading the record and the request page left audit entries, without personal data.
    t.page(&format!("/requests/{id}"), Some(&a)).await;
    let audit = t.store.audit_recent(10).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|r| r.entry.action.as_str()).collect();
    assert!(
        actions.contains(&"person.read") && actions.contains(&"request.read"),
        "{actions:?}"
    );
    for r in &audit {
        assert!(!r.entry.detail.contains("Ada") && !r.entry.detail.contains("555"));
    }
}

/// Issue 21.9: the public form never attaches a request to whoever owns a phone number (anyone can type a
/// stranger's number there, and keep their record alive past retention); it joins the earlier record only when the
/// person confirms it to the team, a signed-in person's act, audited.
#[tokio::test]
async fn a_public_request_joins_an_earlier_record_only_when_the_person_confirms() {
    let t = spawn_app().await;
    let token = t.person_token(&[Capability::Intake]).await;
    let first = intake(
        &t,
        &token,
        "Ada Quill",
        "617-555-0199",
        "First call: rent arrears",
    )
    .await;
    let subject: heart_domain::ids::SubjectId = first["person"].as_str().unwrap().parse().unwrap();
    let input: heart_domain::intake::IntakeInput = serde_json::from_value(json!({
        "summary": "From the web: bills again",
        "contact": {"name": "Ada", "phone": "+1 617 555 0199"},
        "safe_contact": {"call_ok": true}
    }))
    .unwrap();
    let (web, _) = t.app.create_visitor_request(input, None).await.unwrap();
    assert_ne!(web.subject, subject, "kept apart");
    // A later call from the number still finds the earlier record, not the web request's.
    let later = intake(&t, &token, "Ada Quill", "617 555 0199", "Third call").await;
    assert_eq!(later["person"], first["person"]);
    assert_eq!(
        t.store.subject_for_phone("617-555-0199").await.unwrap(),
        Some(subject)
    );

    let (a, _) = people(&t).await;
    let page_of = |id: String| {
        let a = a.clone();
        let t = &t;
        async move { t.page(&format!("/requests/{id}/person"), Some(&a)).await.1 }
    };
    let page = page_of(web.id.to_string()).await;
    assert!(
        page.contains("Someone gave this phone number before"),
        "offered"
    );
    assert!(
        !page.contains("First call"),
        "the earlier record is not shown before the join"
    );
    assert!(
        !page_of(first["id"].as_str().unwrap().to_string())
            .await
            .contains("Someone gave this phone number before"),
        "only on the web request"
    );
    // Not without the person's word.
    let (s, _, _) = t
        .form(&format!("/requests/{}/person/join", web.id), &a, &[])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_ne!(
        t.store.request(web.id).await.unwrap().unwrap().subject,
        subject
    );
    // A token acting for nobody cannot do it either.
    let system = t.token(&[Capability::Intake, Capability::Coordinate]).await;
    let actor = t.app.token_actor(&system).await.unwrap().unwrap();
    assert!(
        t.app
            .join_earlier_record(&actor, web.id, true)
            .await
            .is_err()
    );

    let (s, _, _) = t
        .form(
            &format!("/requests/{}/person/join", web.id),
            &a,
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let joined = t.store.request(web.id).await.unwrap().unwrap();
    assert_eq!(joined.subject, subject);
    assert_eq!(
        joined.summary, "From the web: bills again",
        "sealed again under the earlier key"
    );
    let gone = t.store.subject(web.subject).await.unwrap().unwrap();
    assert!(
        gone.erased_at.is_some(),
        "the empty record it started is erased"
    );
    let page = page_of(web.id.to_string()).await;
    assert!(page.contains("First call") && page.contains("From the web"));
    assert!(!page.contains("Someone gave this phone number before"));
    let audit = t.store.audit_recent(20).await.unwrap();
    assert!(audit.iter().any(|e| e.entry.action == "person.join"
        && e.entry.record_id == web.id.to_string()
        && !e.entry.detail.contains("555")));
    // Nothing left to join.
    let (s, _, _) = t
        .form(
            &format!("/requests/{}/person/join", web.id),
            &a,
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn erasure_needs_a_second_person_and_leaves_nothing_readable() {
    let t = spawn_app().await;
    let token = t
        .person_token(&[Capability::Intake, Capability::Dispatch])
        .await;
    let r = intake(
        &t,
        &token,
        "Ada Quill",
        "617-555-0199",
        "Coercive partner, bills",
    )
    .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (a, b) = people(&t).await;
    // Closed with a follow-up agreed: it hangs on the person until the erasure ends it.
    let (s, e) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&token),
            &json!({"actions": "Talked it through", "outcome": "ongoing_support",
                    "follow_up_consent": true, "follow_up_method": "visit"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{e}");
    let (_, fus) = t.get("/api/v1/follow-ups", Some(&token)).await;
    let fid = fus["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["request_id"] == id.as_str())
        .expect("the follow-up is listed")["id"]
        .as_str()
        .unwrap()
        .to_string();

    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/person/ask"),
            &a,
            &[("kind", "erase"), ("reason", "nonsense")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "reasons are codes");
    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/person/ask"),
            &a,
            &[("kind", "erase"), ("reason", "person_asked")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page, _) = t.page("/approvals", Some(&a)).await;
    let ids = approval_ids(&page);
    assert_eq!(ids.len(), 1);
    assert!(page.contains("someone else must approve"));
    // The asker cannot approve their own.
    let (s, body, _) = t
        .form(
            &format!("/approvals/{}/decide", ids[0]),
            &a,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    let (_, still) = t.get(&format!("/api/v1/requests/{id}"), Some(&token)).await;
    assert_eq!(still["summary"], "Coercive partner, bills");
    // A second person sees what will be erased, and must say once more that they read it.
    let (_, page, _) = t.page("/approvals", Some(&b)).await;
    assert!(page.contains("What will be erased"), "{page}");
    assert!(page.contains("1 request"), "{page}");
    assert!(page.contains(&id[30..]), "the reference is shown");
    assert!(
        page.contains("1 open follow-up, which will be cancelled"),
        "{page}"
    );
    assert!(!page.contains("Coercive partner"), "counts, never contents");
    let (s, body, _) = t
        .form(
            &format!("/approvals/{}/decide", ids[0]),
            &b,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (_, still) = t.get(&format!("/api/v1/requests/{id}"), Some(&token)).await;
    assert_eq!(still["summary"], "Coercive partner, bills");
    // A second person approves: erased at once.
    let (s, _, _) = t
        .form(
            &format!("/approvals/{}/decide", ids[0]),
            &b,
            &[("decision", "approve"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, gone) = t.get(&format!("/api/v1/requests/{id}"), Some(&token)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(gone["personal_fields"], "erased");
    assert_eq!(gone["summary"], "");
    assert_eq!(gone["contact"]["phone"], Value::Null);
    assert_eq!(gone["status"], "closed", "counts and statuses remain");
    // The follow-up is cancelled: off the list, and it cannot be marked done; the request says why it is empty.
    let (_, fus) = t.get("/api/v1/follow-ups", Some(&token)).await;
    assert!(!fus.to_string().contains(&fid), "{fus}");
    let (s, _) = t
        .post(
            &format!("/api/v1/follow-ups/{fid}/done"),
            Some(&token),
            &json!({"note": "called"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&b)).await;
    assert!(
        page.contains("Erased at the person&#39;s request")
            || page.contains("Erased at the person's request"),
        "{page}"
    );
    assert!(page.contains("Cancelled: the person"), "{page}");
    assert!(!page.contains(">Anonymous<"), "{page}");
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&a)).await;
    assert!(page.contains("were erased"));
    // The same phone number no longer finds the person: a new call is a new person.
    let again = intake(&t, &token, "Ada Quill", "617-555-0199", "New call").await;
    assert_ne!(again["person"], r["person"]);
    // The erasure log beside the key file names the pseudonymous id only.
    let log = std::fs::read_to_string(t.dir.path().join("heart.erasures")).unwrap();
    assert!(log.contains(r["person"].as_str().unwrap()));
    assert!(!log.contains("Ada"));
    // The audit has both people and no personal data.
    let audit = t.store.audit_recent(20).await.unwrap();
    assert!(audit.iter().any(|e| e.entry.action == "person.erase"));
    assert!(audit.iter().any(|e| e.entry.action == "approval.ask.erase"));
    assert!(audit.iter().all(|e| !e.entry.detail.contains("Coercive")));
    // A second erasure ask is refused: nothing left.
    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/person/ask"),
            &a,
            &[("kind", "erase"), ("reason", "person_asked")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_approved_export_is_downloaded_once_by_the_asker() {
    let t = spawn_app().await;
    let token = t.token(&[Capability::Intake]).await;
    let r = intake(
        &t,
        &token,
        "Ada Quill",
        "617-555-0199",
        "Needs help with utility arrears",
    )
    .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (a, b) = people(&t).await;
    // Someone looks at a list that shows the request (not the request itself): the export says so.
    let looker = t.user("lou", &[Capability::Dispatch], None).await;
    let lou = t.login("lou", &looker).await;
    let (s, board, _) = t.page("/board", Some(&lou)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(board.contains("Needs help with utility arrears"));
    t.form(
        &format!("/requests/{id}/person/ask"),
        &a,
        &[("kind", "export"), ("reason", "person_asked")],
    )
    .await;
    let (_, page, _) = t.page("/approvals", Some(&b)).await;
    let aid = approval_ids(&page).remove(0);
    // Not downloadable before approval.
    let (s, _, _) = t.form(&format!("/approvals/{aid}/export"), &a, &[]).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Declining needs a reason code.
    let (s, _, _) = t
        .form(
            &format!("/approvals/{aid}/decide"),
            &b,
            &[("decision", "decline")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    t.form(
        &format!("/approvals/{aid}/decide"),
        &b,
        &[("decision", "approve")],
    )
    .await;
    // The approver cannot take it; the asker can, once.
    let (s, _, _) = t.form(&format!("/approvals/{aid}/export"), &b, &[]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, person, _) = t.page(&format!("/requests/{id}/person"), Some(&a)).await;
    assert!(person.contains(&format!("/approvals/{aid}/export")));
    let (s, body, _) = t.form(&format!("/approvals/{aid}/export"), &a, &[]).await;
    assert_eq!(s, StatusCode::OK);
    let doc: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["format"], "heart-person-export-1");
    assert_eq!(
        doc["requests"][0]["what_happened"],
        "Needs help with utility arrears"
    );
    assert_eq!(doc["requests"][0]["contact"]["phone"], "617-555-0199");
    assert!(doc["who_looked_or_changed"].as_array().unwrap().len() >= 2);
    let looked = doc["who_looked_or_changed"].as_array().unwrap();
    assert!(
        looked.iter().any(
            |e| e["what"] == "requests.list" && e["who"].as_str().unwrap().starts_with("user:")
        ),
        "the board's read of the request is in the export: {looked:?}"
    );
    let (s, _, _) = t.form(&format!("/approvals/{aid}/export"), &a, &[]).await;
    assert_eq!(s, StatusCode::CONFLICT, "once");
}

#[tokio::test]
async fn retention_erases_after_the_period_unless_the_person_asked_to_keep_it() {
    let t = spawn_app().await;
    let token = t
        .person_token(&[Capability::Intake, Capability::Dispatch])
        .await;
    let (a, _) = people(&t).await;
    // Three people; all requests closed (no team needed: resolved by phone).
    let mut ids = Vec::new();
    for (n, p) in [
        ("A One", "617-555-0001"),
        ("B Two", "617-555-0002"),
        ("C Three", "617-555-0003"),
    ] {
        let r = intake(&t, &token, n, p, "Talked it through").await;
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    for id in &ids[..2] {
        let (s, body) = t
            .post(
                &format!("/api/v1/requests/{id}/close"),
                Some(&token),
                &json!({"outcome": "resolved_for_now", "needs": [], "actions": "phone support"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{body}");
    }
    // The second person asks to keep their record.
    let (s, _, _) = t
        .form(
            &format!("/requests/{}/person/keep", ids[1]),
            &a,
            &[("keep", "yes")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let cli = heart_app::Actor::cli();
    let report = t.app.run_retention(&cli).await.unwrap();
    assert_eq!(report.erased, 0, "nothing is old yet");
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 181));
    let report = t.app.run_retention(&cli).await.unwrap();
    assert_eq!(report.erased, 1, "only the closed, unkept one");
    let (_, r0) = t
        .get(&format!("/api/v1/requests/{}", ids[0]), Some(&token))
        .await;
    let (_, r1) = t
        .get(&format!("/api/v1/requests/{}", ids[1]), Some(&token))
        .await;
    let (_, r2) = t
        .get(&format!("/api/v1/requests/{}", ids[2]), Some(&token))
        .await;
    assert_eq!(r0["personal_fields"], "erased");
    assert_eq!(r0["status"], "closed", "the count stays");
    assert_eq!(r1["personal_fields"], "open", "asked to keep");
    assert_eq!(
        r2["personal_fields"], "open",
        "still open: not erased under anyone"
    );
    let audit = t.store.audit_recent(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.entry.action == "retention.run" && e.entry.detail == "erased=1")
    );
}

#[tokio::test]
async fn views_that_refresh_themselves_are_audited_once_per_person_and_ten_minutes() {
    let t = spawn_app().await;
    let (a, _) = people(&t).await;
    let before = t.store.audit_count().await.unwrap();
    for _ in 0..5 {
        let (s, _, _) = t.page("/follow-ups", Some(&a)).await;
        assert_eq!(s, StatusCode::OK);
    }
    let audit = t.store.audit_recent(20).await.unwrap();
    let lists = audit
        .iter()
        .filter(|e| e.entry.action == "follow_ups.list")
        .count();
    assert_eq!(lists, 1);
    assert!(t.store.audit_count().await.unwrap() <= before + 2);
}

#[tokio::test]
async fn a_number_whose_person_was_erased_elsewhere_starts_a_new_person() {
    let t = spawn_app().await;
    let token = t.person_token(&[Capability::Intake]).await;
    let first = intake(&t, &token, "Ada Quill", "617-555-0199", "First").await;
    let second = intake(&t, &token, "Ada Quill", "617-555-0199", "Second").await;
    assert_eq!(first["person"], second["person"]);
    // Another process (the retention job from the command line) erases the person.
    let (keys, _) = heart_crypto::keys::Keys::open(&t.dir.path().join("heart.key")).unwrap();
    let other = heart_store::sqlite::SqliteStore::open(
        &t.dir.path().join("heart.db"),
        std::sync::Arc::new(keys),
    )
    .await
    .unwrap();
    use heart_store::Store;
    other
        .apply(
            heart_store::ChangeSet::new().op(heart_store::Op::Trust(TrustOp::EraseSubject {
                id: first["person"].as_str().unwrap().parse().unwrap(),
                at: heart_testkit::test_now(),
                reason: "retention".into(),
            })),
        )
        .await
        .unwrap();
    let third = intake(&t, &token, "Ada Quill", "617-555-0199", "Third").await;
    assert_ne!(
        third["person"], first["person"],
        "never written under an erased person"
    );
    assert_eq!(third["personal_fields"], "open");
}

/// Keeping a record past retention is a signed-in coordinator's act, audited: not a reader's, not a token's.
#[tokio::test]
async fn only_a_signed_in_coordinator_keeps_a_record() {
    let t = spawn_app().await;
    let intake = t.person_token(&[Capability::Intake]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Keep me", "contact": {"phone": "617-555-0123"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id: heart_domain::ids::RequestId = r["id"].as_str().unwrap().parse().unwrap();
    // A dispatcher may read the request but not keep the record.
    let pw = t.user("dee", &[Capability::Dispatch], None).await;
    let dee = t.login("dee", &pw).await;
    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/person/keep"),
            &dee,
            &[("keep", "yes")],
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A token (even one with coordinate) cannot: it is no person signed in.
    let token_actor = t
        .app
        .token_actor(&t.token(&[Capability::Coordinate]).await)
        .await
        .unwrap()
        .unwrap();
    assert!(t.app.set_keep(&token_actor, id, true).await.is_err());
    // A coordinator signed in can, and it is audited.
    let pw = t.user("cora", &[Capability::Coordinate], None).await;
    let cora = t.login("cora", &pw).await;
    let before = t.store.audit_count().await.unwrap();
    let (s, _, _) = t
        .form(
            &format!("/requests/{id}/person/keep"),
            &cora,
            &[("keep", "yes")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(t.store.audit_count().await.unwrap() > before);
}
