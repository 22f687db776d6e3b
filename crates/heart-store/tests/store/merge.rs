//! Store conformance for making two records of one person one, on both engines: every sealed value of the merged
//! person opens under the surviving key, rows and the phone's blind index follow, the merged key is destroyed, and
//! a merge with oneself or an erased person is refused whole.

use crate::common::Under;
use heart_domain::care::NoteKind;
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::intake::*;
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::notes::{NoteOp, NoteRow};
use heart_store::*;
use heart_store::{CareOp, RequestOp, TrustOp};

on_both!(a_merge_reseals_moves_and_destroys_the_other_key);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn request(summary: &str, phone: &str) -> RequestRow {
    RequestRow {
        id: RequestId::new(),
        subject: SubjectId::new(),
        sealed: SealState::Open,
        created_at: at("2026-11-26T20:00:00Z"),
        updated_at: at("2026-11-26T20:00:00Z"),
        channel: Channel::Phone,
        requester: Requester::Person,
        summary: summary.into(),
        location: Location::default(),
        contact: Contact {
            name: None,
            phone: Some(phone.into()),
        },
        safe_contact: SafeContact::default(),
        language: "en".into(),
        answers: Default::default(),
        triage: Triage::unscreened(),
        ems_reason: None,
        ems_consent: None,
        status: Status::Received,
        team_id: None,
        outcome: None,
        version: 1,
        facts: Default::default(),
    }
}

async fn a_merge_reseals_moves_and_destroys_the_other_key(u: Under) {
    let s = u.s;
    let (a, b) = (
        request("first words", "617-555-0101"),
        request("second words", "617-555-0102"),
    );
    for r in [&a, &b] {
        s.apply(
            ChangeSet::new()
                .op(Op::Trust(TrustOp::NewSubject {
                    id: r.subject,
                    at: r.created_at,
                }))
                .op(Op::Request(RequestOp::InsertRequest(r.clone()))),
        )
        .await
        .unwrap();
    }
    let note = NoteRow {
        id: NoteId::new(),
        request_id: b.id,
        kind: NoteKind::Note,
        result: None,
        text: Some("call at work".into()),
        author: "user:ana".into(),
        author_name: "Ana".into(),
        created_at: at("2026-11-26T20:05:00Z"),
        read_by: None,
        read_at: None,
    };
    s.apply(
        ChangeSet::new()
            .op(Op::Care(CareOp::Note(NoteOp::Insert(note.clone()))))
            .op(Op::Trust(TrustOp::KeepSubject {
                id: b.subject,
                keep: true,
            })),
    )
    .await
    .unwrap();
    // With oneself: refused, nothing changed.
    let same = s
        .apply(ChangeSet::new().op(Op::Trust(TrustOp::MergeSubject {
            from: b.subject,
            into: b.subject,
            at: at("2026-11-27T10:00:00Z"),
        })))
        .await;
    assert!(matches!(same, Err(StoreError::Rule(_))), "{same:?}");
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::MergeSubject {
        from: b.subject,
        into: a.subject,
        at: at("2026-11-27T10:00:00Z"),
    })))
    .await
    .unwrap();
    let moved = s.request(b.id).await.unwrap().unwrap();
    assert_eq!(moved.subject, a.subject);
    assert_eq!(moved.sealed, SealState::Open);
    assert_eq!(moved.summary, "second words");
    assert_eq!(moved.contact.phone.as_deref(), Some("617-555-0102"));
    assert_eq!(
        s.notes().notes_for_request(b.id).await.unwrap(),
        vec![note],
        "the note opens under the surviving key"
    );
    assert_eq!(
        s.request(a.id).await.unwrap().unwrap().summary,
        "first words"
    );
    assert_eq!(
        s.subject_for_phone("617-555-0102").await.unwrap(),
        Some(a.subject)
    );
    let old = s.subject(b.subject).await.unwrap().unwrap();
    assert!(old.erased_at.is_some());
    assert_eq!(old.erase_reason.as_deref(), Some("merged"));
    assert!(
        s.subject(a.subject).await.unwrap().unwrap().keep,
        "kept if either was"
    );
    // The merged person is gone: merging them again is refused whole.
    let again = s
        .apply(ChangeSet::new().op(Op::Trust(TrustOp::MergeSubject {
            from: b.subject,
            into: a.subject,
            at: at("2026-11-27T11:00:00Z"),
        })))
        .await;
    assert!(again.is_err());
    assert_eq!(
        s.request(b.id).await.unwrap().unwrap().summary,
        "second words"
    );
}
