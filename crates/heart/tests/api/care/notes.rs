//! A request's timeline (issue 23.1): notes, tries to reach the person and handovers, sealed under the person's key,
//! read back only by a person, audited, erased with the person; a handover stays on the board until someone on the
//! next shift marks it read.

use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

async fn a_request(t: &TestApp, token: &str) -> String {
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(token),
            &json!({"summary": "Outside the building on Prospect St, grieving"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    r["id"].as_str().unwrap().to_string()
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
async fn notes_are_sealed_audited_and_read_back_only_by_a_person() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake, Dispatch]).await;
    let integration = t.token(&[Intake]).await;
    let id = a_request(&t, &person).await;
    let path = format!("/api/v1/requests/{id}/notes");

    let words = "Mother's flat keys with the neighbour at number 12; he prefers Kreyòl";
    let (s, n) = t
        .post(
            &path,
            Some(&person),
            &json!({"kind": "note", "text": words}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    assert_eq!(n["kind"], "note");
    assert_eq!(n["text"], words);
    assert!(n["result"].is_null());
    let (s, n) = t
        .post(
            &path,
            Some(&person),
            &json!({"kind": "call_attempt", "text": "Rang the number he gave", "result": "no_answer"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    assert_eq!(n["result"], "no_answer");
    // A token that acts for no person may add a line; its name is the author, and it is not given the words back.
    let (s, n) = t
        .post(
            &path,
            Some(&integration),
            &json!({"kind": "handover", "text": "Check in with him tomorrow morning"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    assert_eq!(n["author"], "test");
    assert!(n.get("text").is_none(), "{n}");

    // The request carries its timeline, newest first; words only for a person.
    let (s, r) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    assert_eq!(s, StatusCode::OK);
    let notes = r["notes"].as_array().unwrap();
    let kinds: Vec<&str> = notes.iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["handover", "call_attempt", "note"]);
    assert_eq!(notes[2]["text"], words);
    assert_eq!(notes[0]["text"], "Check in with him tomorrow morning");
    assert!(
        notes
            .iter()
            .all(|n| n["at"].is_string() && n["id"].is_string())
    );
    let (_, r) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&integration))
        .await;
    let notes = r["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    assert!(notes.iter().all(|n| n.get("text").is_none()));

    // Writing and reading the words leave audit entries; none holds the words.
    let audit = t.store.audit_for("request", &id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.entry.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "request.note").count(), 3);
    assert!(actions.contains(&"request.notes.read"));
    assert!(audit.iter().all(|a| !a.entry.detail.contains("neighbour")));

    // The words are nowhere in the clear under the data directory.
    for f in files_under(t.dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        for needle in ["neighbour at number 12", "Check in with him tomorrow"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} holds a note in the clear",
                f.display()
            );
        }
    }

    // Erasing the person erases the words; who wrote what and when stay.
    let subject: heart_domain::ids::SubjectId = r["person"].as_str().unwrap().parse().unwrap();
    t.erase(subject).await;
    let (_, r) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    let notes = r["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    assert!(
        notes
            .iter()
            .all(|n| n["text"].is_null() && n["author"].is_string())
    );
    // And nothing more is written about them.
    let (s, e) = t
        .post(
            &path,
            Some(&person),
            &json!({"kind": "note", "text": "one more"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
}

#[tokio::test]
async fn a_bad_note_is_refused_by_field_and_nothing_is_written() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake]).await;
    let id = a_request(&t, &person).await;
    let path = format!("/api/v1/requests/{id}/notes");
    for (body, field, code) in [
        (json!({"kind": "gossip", "text": "x"}), "kind", "unknown"),
        (json!({"text": "x"}), "kind", "required"),
        (json!({"kind": "note", "text": "  "}), "text", "required"),
        (
            json!({"kind": "note", "text": "a".repeat(10_001)}),
            "text",
            "too_long",
        ),
        (
            json!({"kind": "call_attempt", "text": "rang"}),
            "result",
            "required",
        ),
        (
            json!({"kind": "call_attempt", "text": "rang", "result": "busy"}),
            "result",
            "unknown",
        ),
        (
            json!({"kind": "handover", "text": "x", "result": "reached"}),
            "result",
            "not_allowed",
        ),
    ] {
        let (s, e) = t.post(&path, Some(&person), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        let message = match code {
            "unknown" => "This is not one of the choices.",
            "required" => "This is needed.",
            "too_long" => "This is too long.",
            _ => "This is not allowed here.",
        };
        assert_eq!(e["error"]["fields"][field], message, "{body}: {e}");
    }
    // Unknown fields and wrong types are the body's fault (400), an unknown request is 404.
    let (s, _) = t
        .post(
            &path,
            Some(&person),
            &json!({"kind": "note", "text": "x", "mood": "low"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = t
        .post(
            "/api/v1/requests/0190d5c8-0000-7000-8000-000000000000/notes",
            Some(&person),
            &json!({"kind": "note", "text": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Exactly 10,000 characters are kept.
    let (s, _) = t
        .post(
            &path,
            Some(&person),
            &json!({"kind": "note", "text": "a".repeat(10_000)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, r) = t
        .get(&format!("/api/v1/requests/{id}"), Some(&person))
        .await;
    assert_eq!(r["notes"].as_array().unwrap().len(), 1);
    // Those who may not read the request may not write on it.
    let finance = t.person_token(&[Finance]).await;
    let (s, _) = t
        .post(&path, Some(&finance), &json!({"kind": "note", "text": "x"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_handover_waits_on_the_board_until_someone_on_the_next_shift_reads_it() {
    let t = spawn_app().await;
    let pw = t.user("evening", &[Intake, Dispatch], None).await;
    let evening = t.login("evening", &pw).await;
    let pw = t.user("morning", &[Dispatch], None).await;
    let morning = t.login("morning", &pw).await;
    let token = t.person_token(&[Intake]).await;
    let id = a_request(&t, &token).await;

    // The evening call-taker writes a handover on the request's page.
    let (s, _, loc) = t
        .form(
            &format!("/requests/{id}/notes"),
            &evening,
            &[
                ("kind", "handover"),
                ("result", "reached"),
                (
                    "text",
                    "He may call back after 9; keys are with the neighbour",
                ),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), format!("/requests/{id}?done=note#notes"));
    let (_, page, _) = t
        .page(&format!("/requests/{id}?done=note"), Some(&evening))
        .await;
    assert!(page.contains("Saved. The note is on the timeline."));
    assert!(page.contains("He may call back after 9; keys are with the neighbour"));
    assert!(page.contains("Handover for the next shift"));
    assert!(page.contains("Not read yet"));

    // A field to fix comes back on the request's page, beside the field.
    let (s, page, _) = t
        .form(
            &format!("/requests/{id}/notes"),
            &evening,
            &[("kind", "note"), ("text", "")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"note_text-error\""), "{page}");

    // Its writer sees it on the board but cannot mark it read: it is for someone else.
    let (_, board, _) = t.page("/board", Some(&evening)).await;
    assert!(board.contains("He may call back after 9"));
    assert!(board.contains("Someone on the next shift marks it read."));
    let note_id = board
        .split("action=\"/handovers/")
        .nth(1)
        .map(|s| s.split('/').next().unwrap().to_string());
    assert!(note_id.is_none(), "no button for its own writer");

    // The morning dispatcher sees it and marks it read; it leaves the board, and the request says so.
    let (_, board, _) = t.page("/board", Some(&morning)).await;
    assert!(board.contains("Handover from the last shift"));
    let note_id = board
        .split("action=\"/handovers/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let (_, frag, _) = t.page("/board/handovers", Some(&morning)).await;
    assert!(frag.contains("He may call back after 9"));
    let (s, _, loc) = t
        .form(&format!("/handovers/{note_id}/read"), &morning, &[])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), "/board?done=handover_read#handovers");
    let (_, board, _) = t.page("/board?done=handover_read", Some(&morning)).await;
    assert!(board.contains("Marked read. It is off the board."));
    assert!(!board.contains("He may call back after 9"));
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&morning)).await;
    assert!(page.contains("Read "));
    assert!(!page.contains("Not read yet"));
    // Once is enough.
    let (s, _, _) = t
        .form(&format!("/handovers/{note_id}/read"), &morning, &[])
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let audit = t.store.audit_for("request", &id).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entry.action == "request.handover_read")
    );
}
