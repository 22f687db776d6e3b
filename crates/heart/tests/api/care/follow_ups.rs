//! Follow-ups that can fail (issue 23.5): reached, no answer (tried again after `follow_up_retry_hours`, closed as
//! "could not reach" after `follow_up_tries`), another day, declined; taken by a person and listed as mine,
//! unassigned or overdue; `/done` still works as reached.

use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::json;

/// A closed request whose person agreed to a follow-up; returns the follow-up's id.
async fn follow_up(t: &TestApp, token: &str, summary: &str) -> String {
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(token),
            &json!({"summary": summary, "contact": {"phone": "617-555-0123"}, "safe_contact": {"call_ok": true},
                "answers": {"medical": "no", "in_area": "yes", "where_now": "home", "weather": "no", "distress": "calm",
                    "suicide": "thoughts", "wants_visit": "no", "harm_at_home": "yes", "money_need": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(token),
            &json!({"actions": "Talked it through", "outcome": "ongoing_support", "follow_up_consent": true,
                "follow_up_method": "phone", "follow_up_safe_confirmed": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (_, list) = t.get("/api/v1/follow-ups", Some(token)).await;
    list["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["request_id"] == id.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn no_answer_is_tried_again_then_closed_as_could_not_reach() {
    let t = spawn_app_with(|c| {
        c.follow_up_retry_hours = 12;
        c.follow_up_tries = 2;
    })
    .await;
    let token = t.person_token(&[Intake, Dispatch]).await;
    let fid = follow_up(&t, &token, "Bills overdue").await;
    let path = format!("/api/v1/follow-ups/{fid}/result");

    let (s, f) = t
        .post(&path, Some(&token), &json!({"result": "no_answer"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["result"], "no_answer");
    assert_eq!(f["tries"], 1);
    assert!(f["done_at"].is_null());
    let due: jiff::Timestamp = f["due_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        due,
        t.app.clock.now() + jiff::SignedDuration::from_hours(12)
    );
    // Not overdue now; it is, once the retry time has passed.
    let (_, over) = t.get("/api/v1/follow-ups?show=overdue", Some(&token)).await;
    assert!(over["follow_ups"].as_array().unwrap().is_empty());
    t.clock.advance(jiff::SignedDuration::from_hours(13));
    let (_, over) = t.get("/api/v1/follow-ups?show=overdue", Some(&token)).await;
    assert_eq!(over["follow_ups"].as_array().unwrap().len(), 1);

    // The last try: closed as could not reach.
    let (s, f) = t
        .post(
            &path,
            Some(&token),
            &json!({"result": "no_answer", "note": "Rang twice, no voicemail"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["result"], "could_not_reach");
    assert_eq!(f["tries"], 2);
    assert!(f["done_at"].is_string());
    let (_, all) = t.get("/api/v1/follow-ups", Some(&token)).await;
    assert!(all["follow_ups"].as_array().unwrap().is_empty());
    // A result on a closed follow-up: a conflict, nothing changes.
    let (s, _) = t
        .post(
            &path,
            Some(&token),
            &json!({"result": "reached", "note": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn another_day_declined_and_reached_and_bad_results_are_refused_by_field() {
    let t = spawn_app_with(|_| {}).await;
    let token = t.person_token(&[Intake, Dispatch]).await;
    let fid = follow_up(&t, &token, "Needs food").await;
    let path = format!("/api/v1/follow-ups/{fid}/result");
    for (body, field, message) in [
        (json!({}), "result", "This is needed."),
        (
            json!({"result": "could_not_reach"}),
            "result",
            "This is not one of the choices.",
        ),
        (json!({"result": "reached"}), "note", "This is needed."),
        (json!({"result": "rescheduled"}), "due", "This is needed."),
        (
            json!({"result": "rescheduled", "due": "soon"}),
            "due",
            "Give a date.",
        ),
        (
            json!({"result": "rescheduled", "due": "2020-01-01"}),
            "due",
            "This is outside the allowed range.",
        ),
        (
            json!({"result": "declined", "due": "2027-01-01"}),
            "due",
            "This is not allowed here.",
        ),
    ] {
        let (s, e) = t.post(&path, Some(&token), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert_eq!(e["error"]["fields"][field], message, "{body}: {e}");
    }
    // Another day: due then (in the morning, team time), still open.
    let (s, f) = t
        .post(
            &path,
            Some(&token),
            &json!({"result": "rescheduled", "due": "2026-12-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["due_at"], "2026-12-01T15:00:00Z");
    assert!(f["done_at"].is_null());
    // Declined: done.
    let (s, f) = t
        .post(&path, Some(&token), &json!({"result": "declined"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{f}");
    assert_eq!(f["result"], "declined");
    assert!(f["done_at"].is_string());
    // `/done` is reached.
    let other = follow_up(&t, &token, "Needs a ride").await;
    let (s, _) = t
        .post(
            &format!("/api/v1/follow-ups/{other}/done"),
            Some(&token),
            &json!({"note": "All good"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let audit = t.store.audit_for("follow_up", &other).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entry.action == "follow_up.done" && a.entry.detail == "reached")
    );
}

#[tokio::test]
async fn a_follow_up_is_taken_and_listed_as_mine_on_the_page() {
    let t = spawn_app_with(|_| {}).await;
    let token = t.person_token(&[Intake, Dispatch]).await;
    let fid = follow_up(&t, &token, "Check on the family").await;
    let pw = t.user("cleo", &[Coordinate], None).await;
    let cleo = t.login("cleo", &pw).await;
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (_, page, _) = t.page("/follow-ups?show=mine", Some(&cleo)).await;
    assert!(!page.contains("Check on the family"));
    let (s, _, loc) = t.form(&format!("/follow-ups/{fid}/take"), &cleo, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), "/follow-ups?show=mine");
    let (_, page, _) = t.page("/follow-ups?show=mine", Some(&cleo)).await;
    assert!(page.contains("Check on the family") && page.contains("You took this."));
    let (_, page, _) = t.page("/follow-ups?show=unassigned", Some(&rae)).await;
    assert!(!page.contains("Check on the family"));
    let (_, page, _) = t.page("/follow-ups", Some(&rae)).await;
    assert!(page.contains("Someone has taken this."));
    let (s, _, _) = t.form(&format!("/follow-ups/{fid}/take"), &rae, &[]).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // A try from the page: no answer, said so.
    let (s, _, loc) = t
        .form(
            &format!("/follow-ups/{fid}/result"),
            &cleo,
            &[("result", "no_answer"), ("note", ""), ("due", "")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let loc = loc.unwrap();
    assert_eq!(loc, "/follow-ups?done=follow_up_no_answer");
    let (_, page, _) = t.page(&loc, Some(&cleo)).await;
    assert!(page.contains("Saved. No answer: it is due again later."));
    assert!(page.contains("Tried once"));
    // A field to fix comes back beside the field.
    let (s, page, _) = t
        .form(
            &format!("/follow-ups/{fid}/result"),
            &cleo,
            &[("result", "reached"), ("note", "")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(&format!("id=\"note-{fid}-error\"")), "{page}");
    // Given back, it is nobody's again.
    let (s, _, _) = t
        .form(&format!("/follow-ups/{fid}/give-back"), &cleo, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page, _) = t.page("/follow-ups?show=unassigned", Some(&rae)).await;
    assert!(page.contains("Check on the family"));
    // An unknown filter over the API is refused by field.
    let (s, e) = t.get("/api/v1/follow-ups?show=someone", Some(&token)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
}

/// The caseload (issue 27.4): taking one more follow-up than `follow_up_caseload` asks why, from a short list, and
/// the reason is kept in the audit log; giving one back makes room again.
#[tokio::test]
async fn taking_past_the_caseload_asks_why() {
    let t = spawn_app_with(|c| c.follow_up_caseload = 1).await;
    let token = t.person_token(&[Intake, Dispatch]).await;
    let first = follow_up(&t, &token, "Check on the family").await;
    let second = follow_up(&t, &token, "Call about the shelter bed").await;
    let pw = t.user("cleo", &[Coordinate], None).await;
    let cleo = t.login("cleo", &pw).await;
    let (s, _, _) = t
        .form(&format!("/follow-ups/{first}/take"), &cleo, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, page, _) = t
        .form(&format!("/follow-ups/{second}/take"), &cleo, &[])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(&format!("id=\"reason-{second}\"")), "{page}");
    assert!(page.contains("Take it anyway"));
    let (s, _, _) = t
        .form(
            &format!("/follow-ups/{second}/take"),
            &cleo,
            &[("reason", "bored")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _, loc) = t
        .form(
            &format!("/follow-ups/{second}/take"),
            &cleo,
            &[("reason", "covering_for_someone")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/follow-ups?show=mine"));
    let audit = t.store.audit_for("follow_up", &second).await.unwrap();
    assert!(audit.iter().any(|a| a.entry.action == "follow_up.take"
        && a.entry.detail == "over_caseload:covering_for_someone"));
    // Given back: room again, no reason asked.
    for fid in [&first, &second] {
        let (s, _, _) = t
            .form(&format!("/follow-ups/{fid}/give-back"), &cleo, &[])
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    let (s, _, _) = t
        .form(&format!("/follow-ups/{second}/take"), &cleo, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
}
