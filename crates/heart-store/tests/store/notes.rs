//! Store conformance for a request's timeline on both engines: the words sealed under the person's key, newest first,
//! a handover marked read once, and an erasure that removes the words but keeps who wrote what and when.

use crate::common::Under;
use heart_domain::care::{CallResult, NoteKind};
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::intake::*;
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::notes::{NoteOp, NoteRow};
use heart_store::*;
use heart_store::{CareOp, RequestOp, TrustOp};

on_both!(notes_seal_order_and_erase);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn note(r: RequestId, kind: NoteKind, text: &str, when: &str) -> NoteRow {
    NoteRow {
        id: NoteId::new(),
        request_id: r,
        kind,
        result: (kind == NoteKind::CallAttempt).then_some(CallResult::Voicemail),
        text: Some(text.into()),
        author: "user:ana".into(),
        author_name: "Ana".into(),
        created_at: at(when),
        read_by: None,
        read_at: None,
    }
}

async fn notes_seal_order_and_erase(u: Under) {
    let s = u.s;
    let r = RequestRow {
        id: RequestId::new(),
        subject: SubjectId::new(),
        sealed: SealState::Open,
        created_at: at("2026-11-26T20:00:00Z"),
        updated_at: at("2026-11-26T20:00:00Z"),
        channel: Channel::Phone,
        requester: Requester::Person,
        summary: "grieving outside".into(),
        location: Location::default(),
        contact: Contact::default(),
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
    };
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
    let first = note(
        r.id,
        NoteKind::Note,
        "keys with the neighbour",
        "2026-11-26T20:05:00Z",
    );
    let call = note(
        r.id,
        NoteKind::CallAttempt,
        "left a message",
        "2026-11-26T20:10:00Z",
    );
    let hand = note(
        r.id,
        NoteKind::Handover,
        "call him at 9",
        "2026-11-26T20:15:00Z",
    );
    let mut cs = ChangeSet::new();
    for n in [&first, &call, &hand] {
        cs = cs.op(Op::Care(CareOp::Note(NoteOp::Insert(n.clone()))));
    }
    s.apply(cs).await.unwrap();
    assert_eq!(
        s.notes().notes_for_request(r.id).await.unwrap(),
        vec![hand.clone(), call.clone(), first.clone()],
        "sealed, opened, newest first"
    );
    assert_eq!(
        s.notes().unread_handovers(10).await.unwrap(),
        vec![hand.clone()]
    );
    assert_eq!(s.notes().note(call.id).await.unwrap(), Some(call.clone()));

    // A try to reach the person has a result; nothing else has one (the database says so too).
    let mut bad = note(r.id, NoteKind::Note, "x", "2026-11-26T20:20:00Z");
    bad.result = Some(CallResult::Reached);
    assert!(
        s.apply(ChangeSet::new().op(Op::Care(CareOp::Note(NoteOp::Insert(bad)))))
            .await
            .is_err()
    );

    // Marked read once.
    let read = |id| {
        ChangeSet::new().op(Op::Care(CareOp::Note(NoteOp::MarkRead {
            id,
            by: "user:bo".into(),
            at: at("2026-11-27T13:00:00Z"),
        })))
    };
    s.apply(read(hand.id)).await.unwrap();
    assert!(s.notes().unread_handovers(10).await.unwrap().is_empty());
    assert!(matches!(
        s.apply(read(hand.id)).await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        s.apply(read(first.id)).await,
        Err(StoreError::Conflict)
    ));
    let back = s.notes().note(hand.id).await.unwrap().unwrap();
    assert_eq!(back.read_by.as_deref(), Some("user:bo"));
    assert_eq!(back.read_at, Some(at("2026-11-27T13:00:00Z")));

    // Erased with the person: the words go, who wrote what and when stay; nothing more is written about them.
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: r.subject,
        at: at("2026-11-28T12:00:00Z"),
        reason: "person_asked".into(),
    })))
    .await
    .unwrap();
    let after = s.notes().notes_for_request(r.id).await.unwrap();
    assert_eq!(after.len(), 3);
    assert!(
        after
            .iter()
            .all(|n| n.text.is_none() && n.author == "user:ana")
    );
    assert!(matches!(
        s.apply(
            ChangeSet::new().op(Op::Care(CareOp::Note(NoteOp::Insert(note(
                r.id,
                NoteKind::Note,
                "more",
                "2026-11-28T13:00:00Z"
            )))))
        )
        .await,
        Err(StoreError::Refused(_))
    ));
}
