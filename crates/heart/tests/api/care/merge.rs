//! One person, one record (issue 23.6): two records of the same person made one, asked by one person and approved
//! by another with a confirmation; every sealed field is sealed again under the surviving key, the other key is
//! destroyed, and the audit says who merged what.

use super::person::{approval_ids, intake, people};
use heart_domain::access::Capability;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn two_records_of_one_person_become_one_under_the_surviving_key() {
    let t = spawn_app().await;
    let token = t
        .person_token(&[Capability::Intake, Capability::Coordinate])
        .await;
    let first = intake(
        &t,
        &token,
        "Rosa",
        "617-555-0131",
        "Bills and a partner who controls the money",
    )
    .await;
    let second = intake(
        &t,
        &token,
        "R.",
        "617-555-0199",
        "Asked again from a friend's phone",
    )
    .await;
    let (a_id, b_id) = (
        first["id"].as_str().unwrap().to_string(),
        second["id"].as_str().unwrap().to_string(),
    );
    let (a_person, b_person) = (first["person"].clone(), second["person"].clone());
    assert_ne!(a_person, b_person);
    // The second record has a note of its own.
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{b_id}/notes"),
            Some(&token),
            &json!({"kind": "note", "text": "She prefers to be called at work"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (rae, mo) = people(&t).await;

    // Bad asks: the same record, a reference that finds nothing. Said beside the field; nothing asked.
    for (into, words) in [
        (b_id.as_str(), "That request is in this same record."),
        ("zzzzzz", "There is no such request."),
    ] {
        let (s, page, _) = t
            .form(
                &format!("/requests/{b_id}/person/merge"),
                &rae,
                &[("into", into), ("agreed", "on")],
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{into}");
        assert!(page.contains(words), "{page}");
        assert!(page.contains("id=\"into-error\""), "{page}");
    }
    let reference = &a_id[30..];
    // Only with the person's agreement, recorded with the ask.
    let (s, page, _) = t
        .form(
            &format!("/requests/{b_id}/person/merge"),
            &rae,
            &[("into", reference)],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"agreed-error\""), "{page}");
    let (s, _, _) = t
        .form(
            &format!("/requests/{b_id}/person/merge"),
            &rae,
            &[("into", reference), ("agreed", "on")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page, _) = t.page("/approvals", Some(&mo)).await;
    let ids = approval_ids(&page);
    assert_eq!(ids.len(), 1, "{page}");
    assert!(page.contains("Merging two records of one person"), "{page}");
    assert!(page.contains("The person agreed both are theirs"), "{page}");
    assert!(
        page.contains(&format!("into the record of request {reference}")),
        "{page}"
    );
    // Not the asker; and the approver says once more that they checked.
    let decide = format!("/approvals/{}/decide", ids[0]);
    let (s, _, _) = t.form(&decide, &rae, &[("decision", "approve")]).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _, _) = t.form(&decide, &mo, &[("decision", "approve")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _, _) = t
        .form(&decide, &mo, &[("decision", "approve"), ("confirm", "yes")])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);

    // One person now: the second request is theirs, its words and note read under the surviving key.
    let (_, b) = t
        .get(&format!("/api/v1/requests/{b_id}"), Some(&token))
        .await;
    assert_eq!(b["person"], a_person, "{b}");
    assert_eq!(b["summary"], "Asked again from a friend's phone");
    assert_eq!(b["contact"]["phone"], "617-555-0199");
    assert_eq!(b["notes"][0]["text"], "She prefers to be called at work");
    let (_, a) = t
        .get(&format!("/api/v1/requests/{a_id}"), Some(&token))
        .await;
    assert_eq!(a["summary"], "Bills and a partner who controls the money");
    let (_, page, _) = t
        .page(&format!("/requests/{a_id}/person"), Some(&rae))
        .await;
    assert!(
        page.contains(&b_id[30..]) && page.contains(reference),
        "both requests in one record: {page}"
    );
    // The other key is gone: its record ended as merged; the audit names who merged what.
    let old: heart_domain::ids::SubjectId = b_person.as_str().unwrap().parse().unwrap();
    let subject = t.store.subject(old).await.unwrap().unwrap();
    assert!(subject.erased_at.is_some());
    assert_eq!(subject.erase_reason.as_deref(), Some("merged"));
    let audit = t
        .store
        .audit_for("person", b_person.as_str().unwrap())
        .await
        .unwrap();
    let merge = audit
        .iter()
        .find(|a| a.entry.action == "person.merge")
        .unwrap();
    assert_eq!(merge.entry.detail, a_person.as_str().unwrap());
    // A new request from the second number joins the surviving record.
    let again = intake(&t, &token, "R.", "617-555-0199", "Third time").await;
    assert_eq!(again["person"], a_person);
}

#[tokio::test]
async fn a_merge_waits_for_an_erasure_already_asked() {
    let t = spawn_app().await;
    let token = t
        .person_token(&[Capability::Intake, Capability::Coordinate])
        .await;
    let first = intake(&t, &token, "Ana", "617-555-0141", "First").await;
    let second = intake(&t, &token, "Ana", "617-555-0142", "Second").await;
    let (a_id, b_id) = (
        first["id"].as_str().unwrap().to_string(),
        second["id"].as_str().unwrap().to_string(),
    );
    let (rae, _) = people(&t).await;
    let (s, _, _) = t
        .form(
            &format!("/requests/{b_id}/person/ask"),
            &rae,
            &[("kind", "erase"), ("reason", "person_asked")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, page, _) = t
        .form(
            &format!("/requests/{b_id}/person/merge"),
            &rae,
            &[("into", &a_id[30..]), ("agreed", "on")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{page}");
}
