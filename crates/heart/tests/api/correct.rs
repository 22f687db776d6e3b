//! Correcting a request after intake (issue 23.2): summary, place, language, safe contact and needs, on the version
//! read (a stale edit is 409), audited by field name and never by value, sealed like intake; and screening done
//! again, with both outcomes kept.

use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn patch(t: &TestApp, id: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    let resp = t
        .client
        .patch(format!("{}/api/v1/requests/{id}", t.url))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let s = resp.status();
    (s, resp.json().await.unwrap_or(Value::Null))
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn a_request_is_corrected_on_the_version_read_and_the_audit_names_only_the_fields() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake, Dispatch]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&person),
            &json!({"summary": "Young man outside his building, very upset",
                    "location": {"text": "Main St and Windsor St"},
                    "safe_contact": {"call_ok": true, "hours": "mon-fri 18:00-22:00"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let version = r["version"].as_i64().unwrap();

    let (s, c) = patch(
        &t,
        &id,
        &person,
        &json!({"version": version,
                "summary": "Young man outside 12 Windsor St; his mother died there today",
                "language": "es",
                "safe_contact": {"call_ok": true, "text_ok": true, "code_word": "sunflower"}}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(
        c["summary"],
        "Young man outside 12 Windsor St; his mother died there today"
    );
    assert_eq!(c["language"], "es");
    assert_eq!(c["safe_contact"]["text_ok"], true);
    assert_eq!(c["safe_contact"]["code_word"], "sunflower");
    assert_eq!(
        c["location"]["text"], "Main St and Windsor St",
        "not given: kept"
    );
    assert_eq!(c["version"].as_i64().unwrap(), version + 1);
    // The same edit on the old version: refused, nothing written.
    let (s, e) = patch(
        &t,
        &id,
        &person,
        &json!({"version": version, "summary": "an older idea"}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["error"]["code"], "conflict");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("meanwhile"),
        "{e}"
    );
    let (_, now) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    assert_ne!(now["summary"], "an older idea");

    // The audit names the fields changed, never their values.
    let audit = t.store.audit_for("request", &id).await.unwrap();
    let corrections: Vec<&str> = audit
        .iter()
        .filter(|a| a.entry.action == "request.correct")
        .map(|a| a.entry.detail.as_str())
        .collect();
    assert_eq!(corrections, ["summary,language,safe_contact"]);
    assert!(
        audit
            .iter()
            .all(|a| !a.entry.detail.contains("sunflower") && !a.entry.detail.contains("mother"))
    );
    // Sealed like intake: the new words are nowhere in the clear under the data directory.
    for f in files_under(t.dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        for needle in ["his mother died there", "sunflower"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle:?} in the clear in {f:?}"
            );
        }
    }

    // Bad input: each a field-level 422, nothing written.
    let v = c["version"].as_i64().unwrap();
    for (body, field) in [
        (json!({"version": v}), "correction"),
        (json!({"version": v, "summary": "   "}), "summary"),
        (
            json!({"version": v, "language": "not a language"}),
            "language",
        ),
        (
            json!({"version": v, "location": {"lat": 42.37}}),
            "location.lon",
        ),
        (json!({"version": v, "needs": ["housing"]}), "needs"),
        (
            json!({"version": v, "summary": "x".repeat(4_001)}),
            "summary",
        ),
    ] {
        let (s, e) = patch(&t, &id, &person, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert!(e["error"]["fields"][field].is_string(), "{body}: {e}");
    }
    let (s, _) = patch(&t, &id, &person, &json!({"summary": "no version"})).await;
    assert!(s.is_client_error());

    // A token that acts for no person cannot correct sealed fields; a responder or an admin may not at all.
    let integration = t.token(&[Intake]).await;
    let (s, e) = patch(
        &t,
        &id,
        &integration,
        &json!({"version": v, "summary": "y"}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    for caps in [&[Respond][..], &[Admin][..]] {
        let tok = t.person_token(caps).await;
        let (s, _) = patch(&t, &id, &tok, &json!({"version": v, "summary": "y"})).await;
        assert!(
            s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
            "{caps:?}: {s}"
        );
    }
}

#[tokio::test]
async fn a_changed_place_is_placed_again_and_needs_are_corrected_after_the_visit() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake, Dispatch, Coordinate]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&person),
            &json!({"summary": "Bills piling up, thinking of ending it",
                    "answers": {"medical": "no", "in_area": "yes", "where_now": "home", "weather": "no",
                                "distress": "calm", "suicide": "thoughts", "wants_visit": "no",
                                "harm_at_home": "yes", "money_need": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let v = r["version"].as_i64().unwrap();
    let (s, c) = patch(
        &t,
        &id,
        &person,
        &json!({"version": v, "location": {"text": "71 Cherry St"}}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert!(
        c["location"]["lat"].is_number(),
        "placed by the geocoder: {c}"
    );
    let (s, closed) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&person),
            &json!({"actions": "Talked it through; paid the arrears from mutual aid",
                    "outcome": "ongoing_support", "needs": ["money"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{closed}");
    let (_, now) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    let v = now["version"].as_i64().unwrap();
    let (s, c) = patch(
        &t,
        &id,
        &person,
        &json!({"version": v, "needs": ["money", "safety", "housing"]}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    let (_, now) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    let needs: Vec<&str> = now["encounters"][0]["needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(needs, ["money", "safety", "housing"]);
    let (s, e) = patch(
        &t,
        &id,
        &person,
        &json!({"version": now["version"], "needs": ["nonsense"]}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(e["error"]["fields"]["needs"].is_string(), "{e}");
}

#[tokio::test]
async fn screening_again_keeps_both_outcomes_and_the_page_corrects_and_says_what_changed() {
    let t = spawn_app().await;
    let pw = t.user("ana", &[Intake, Dispatch], None).await;
    let ana = t.login("ana", &pw).await;
    let token = t.token_for("ana", &[Intake, Dispatch]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&token),
            &json!({"summary": "Someone in the ATM vestibule", "contact": {"phone": "617-555-0142"},
                    "safe_contact": {"call_ok": true}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let screen = |answers: Value| {
        let (t, token, id) = (&t, token.clone(), id.clone());
        async move {
            t.post(
                &format!("/api/v1/requests/{id}/screen"),
                Some(&token),
                &json!({ "answers": answers }),
            )
            .await
        }
    };
    let (s, first) = screen(
        json!({"medical": "no", "in_area": "yes", "where_now": "home",
        "weather": "no", "distress": "calm", "suicide": "no", "wants_visit": "no"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{first}");
    let (s, again) =
        screen(json!({"where_now": "sheltering", "weather": "yes", "medical": "no"})).await;
    assert_eq!(s, StatusCode::OK, "{again}");
    let before = first["triage"]["outcome"].as_str().unwrap().to_string();
    let after = again["triage"]["outcome"].as_str().unwrap().to_string();
    assert_ne!(before, after);
    let audit = t.store.audit_for("request", &id).await.unwrap();
    let details: Vec<(&str, &str)> = audit
        .iter()
        .filter(|a| a.entry.action.starts_with("request.screen"))
        .map(|a| (a.entry.action.as_str(), a.entry.detail.as_str()))
        .collect();
    assert_eq!(
        details,
        [
            ("request.screen", before.as_str()),
            (
                "request.screen_again",
                format!("{before} -> {after}").as_str()
            )
        ]
    );

    // The page: a link to the form, the form filled in as the request is, a correction saved, and said.
    let (s, page, _) = t.page(&format!("/requests/{id}"), Some(&ana)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("/requests/{id}/correct")), "{page}");
    assert!(page.contains("Screened again"), "{page}");
    let (s, form, _) = t.page(&format!("/requests/{id}/correct"), Some(&ana)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("Someone in the ATM vestibule"));
    let version = form
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let fields = [
        ("version", version.as_str()),
        (
            "summary",
            "Someone in the ATM vestibule at 689 Mass Ave, very cold",
        ),
        ("location_text", ""),
        ("location_was", ""),
        ("safe_call", "on"),
        ("language", "ht"),
    ];
    let (s, _, loc) = t
        .form(&format!("/requests/{id}/correct"), &ana, &fields)
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), format!("/requests/{id}?done=corrected"));
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&ana)).await;
    assert!(page.contains("very cold"), "{page}");
    assert!(
        page.contains("Corrected: what is happening, language"),
        "{page}"
    );
    // The same form again (its version is now stale): refused, the words as they were.
    let (s, _, _) = t
        .form(&format!("/requests/{id}/correct"), &ana, &fields)
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    // A blank summary: the form again with the message beside the field.
    let (s, page, _) = t
        .form(
            &format!("/requests/{id}/correct"),
            &ana,
            &[
                (
                    "version",
                    (version.parse::<i64>().unwrap() + 1).to_string().as_str(),
                ),
                ("summary", " "),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"summary-error\""), "{page}");
}

#[tokio::test]
async fn safe_times_are_days_and_times_not_free_words() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake]).await;
    for (hours, ok) in [
        ("mon-fri 18:00-22:00", true),
        ("sat,sun 10:00-14:00; wed 20:00-02:00", true),
        ("", true),
        ("weekdays after 6pm", false),
        ("fri-mon 09:00-10:00", false),
        ("mon 25:00-26:00", false),
    ] {
        let (s, r) = t
            .post(
                "/api/v1/requests",
                Some(&person),
                &json!({"summary": "x", "safe_contact": {"call_ok": true, "hours": hours}}),
            )
            .await;
        if ok {
            assert_eq!(s, StatusCode::CREATED, "{hours}: {r}");
        } else {
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{hours}: {r}");
            assert!(
                r["error"]["fields"]["safe_contact.hours"].is_string(),
                "{r}"
            );
        }
    }
    // The call-taker's form asks days and times, and says what is missing.
    let pw = t.user("ana", &[Intake], None).await;
    let ana = t.login("ana", &pw).await;
    let (_, form, _) = t.page("/intake", Some(&ana)).await;
    assert!(
        form.contains("name=\"safe_when\" value=\"any\" checked"),
        "{form}"
    );
    let base = [
        ("summary", "Safe only on some evenings"),
        ("safe_call", "on"),
        ("safe_when", "times"),
        ("safe_tue", "on"),
        ("safe_thu", "on"),
        ("safe_from", "18:30"),
        ("safe_to", "21:00"),
        ("form_key", "k1"),
    ];
    let (s, _, loc) = t.form("/intake", &ana, &base).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let id = loc.unwrap().trim_start_matches("/requests/")[..36].to_string();
    let (_, r) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    assert_eq!(r["safe_contact"]["hours"], "tue,thu 18:30-21:00");
    let (s, page, _) = t
        .form(
            "/intake",
            &ana,
            &[
                ("summary", "No days chosen"),
                ("safe_when", "times"),
                ("safe_from", "18:30"),
                ("form_key", "k2"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"safe_hours-error\""), "{page}");
    assert!(page.contains("Choose the days and both times"), "{page}");
}

#[tokio::test]
async fn a_follow_up_outside_the_persons_safe_times_says_so() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake, Dispatch, Coordinate]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&person),
            &json!({"summary": "Follow up by phone, Thursday evenings only",
                    "contact": {"phone": "617-555-0161"},
                    "safe_contact": {"call_ok": true, "hours": "thu 18:00-22:00"},
                    "answers": {"medical": "no", "in_area": "yes", "where_now": "home", "weather": "no",
                                "distress": "calm", "suicide": "no", "wants_visit": "no"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&person),
            &json!({"actions": "Talked it through", "outcome": "ongoing_support",
                    "follow_up_consent": true, "follow_up_method": "phone"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // Two days on (Saturday afternoon) the follow-up is due, and it is not a safe time to call.
    t.clock.advance(jiff::SignedDuration::from_hours(49));
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (s, page, _) = t.page("/follow-ups", Some(&rae)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Not a safe time to contact."), "{page}");
    assert!(page.contains("Safe again Thursday 18:00."), "{page}");
    assert!(page.contains("Thursday 18:00–22:00"), "{page}");
}
