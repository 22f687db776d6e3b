//! Store conformance for circles on both engines: each person's words under their own key and the commitments under
//! the circle's; a stale circle version refused; one person's erasure leaves the others' words readable; a check-in
//! done once; no words readable in the database file's rows.

use crate::common::Under;
use heart_domain::access::{Capabilities, Capability};
use heart_domain::circle::{CommitmentStatus, ConsentTo, PersonWords, Stage};
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::circles::*;
use heart_store::*;

on_both!(circles_keep_each_persons_words_apart);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn facilitator(name: &str) -> UserRow {
    UserRow {
        id: UserId::new(),
        username: name.into(),
        display_name: name.into(),
        password_hash: None,
        capabilities: Capabilities::of(&[Capability::Circle]),
        team_id: None,
        organization_id: None,
        active: true,
        setup_token_hash: None,
        setup_until: None,
        created_at: at("2026-11-01T00:00:00Z"),
    }
}

fn person(circle: CircleId, role: &str) -> CirclePersonRow {
    CirclePersonRow {
        id: CirclePersonId::new(),
        circle_id: circle,
        subject: SubjectId::new(),
        words: Some(PersonWords {
            role_words: role.into(),
            language: Some("es".into()),
            contact: Some("texts after six".into()),
        }),
        plan: None,
        added_at: at("2026-11-26T20:00:00Z"),
        added_by: "user:ana".into(),
        withdrawn_at: None,
    }
}

async fn add(s: &dyn Store, version: i64, p: &CirclePersonRow) -> StoreResult<()> {
    s.apply(
        ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: p.subject,
                at: p.added_at,
            }))
            .op(Op::Circle(CircleOp::AddPerson {
                version,
                person: p.clone(),
            })),
    )
    .await
}

async fn circles_keep_each_persons_words_apart(u: Under) {
    let s = u.s;
    let (ana, bo) = (facilitator("ana"), facilitator("bo"));
    let c = CircleRow {
        id: CircleId::new(),
        subject: SubjectId::new(),
        request_id: None,
        title: Some("the bike on Inman Street".into()),
        stage: Stage::Opened,
        reached: Stage::Opened,
        opened_by: "user:ana".into(),
        opened_at: at("2026-11-26T20:00:00Z"),
        closed_at: None,
        purged_at: None,
        version: 1,
        facilitators: vec![ana.id, bo.id],
    };
    s.apply(
        ChangeSet::new()
            .op(Op::Auth(AuthOp::InsertUser(ana.clone())))
            .op(Op::Auth(AuthOp::InsertUser(bo.clone())))
            .op(Op::Trust(TrustOp::NewSubject {
                id: c.subject,
                at: c.opened_at,
            }))
            .op(Op::Circle(CircleOp::Open(c.clone()))),
    )
    .await
    .unwrap();
    let back = s.circles().circle(c.id).await.unwrap().unwrap();
    assert_eq!(back.title.as_deref(), Some("the bike on Inman Street"));
    let mut want = vec![ana.id, bo.id];
    want.sort_by_key(|u| u.to_string());
    assert_eq!(back.facilitators, want);

    let harmed = person(c.id, "the person harmed");
    let responsible = person(c.id, "the person responsible");
    add(s.as_ref(), 1, &harmed).await.unwrap();
    // A stale version (1 again) is refused and writes nothing: not the person, not their key.
    assert!(matches!(
        add(s.as_ref(), 1, &responsible).await,
        Err(StoreError::Conflict)
    ));
    assert!(s.subject(responsible.subject).await.unwrap().is_none());
    add(s.as_ref(), 2, &responsible).await.unwrap();

    let note = |p: &CirclePersonRow, text: &str| CircleNoteRow {
        id: CircleNoteId::new(),
        circle_id: c.id,
        person_id: p.id,
        text: Some(text.into()),
        author: "user:ana".into(),
        author_name: "ana".into(),
        created_at: at("2026-11-27T20:00:00Z"),
    };
    s.apply(
        ChangeSet::new()
            .op(Op::Circle(CircleOp::Note(note(
                &harmed,
                "wants the bike back",
            ))))
            .op(Op::Circle(CircleOp::Note(note(
                &responsible,
                "lost a job that week",
            ))))
            .op(Op::Circle(CircleOp::SafetyPlan {
                person: harmed.id,
                plan: SafetyPlan {
                    who_to_call: "my sister".into(),
                    if_unsafe: "leave and call".into(),
                },
            })),
    )
    .await
    .unwrap();
    let consent = |p: &CirclePersonRow, what: ConsentTo, given: bool| ConsentRow {
        id: ConsentId::new(),
        circle_id: c.id,
        person_id: p.id,
        what,
        agreement_id: None,
        given,
        at: at("2026-11-28T20:00:00Z"),
        recorded_by: "user:bo".into(),
    };
    s.apply(ChangeSet::new().op(Op::Circle(CircleOp::Consent {
        version: 3,
        consent: consent(&harmed, ConsentTo::TakePart, false),
    })))
    .await
    .unwrap();
    let people = s.circles().circle_people(c.id).await.unwrap();
    assert!(people[0].withdrawn_at.is_some());
    assert_eq!(
        s.circles().circle_consents(c.id).await.unwrap()[0].what,
        ConsentTo::TakePart
    );

    let agreement = AgreementRow {
        id: AgreementId::new(),
        circle_id: c.id,
        made_at: at("2026-11-29T20:00:00Z"),
        made_by: "user:ana".into(),
    };
    let commitment = CommitmentRow {
        id: CommitmentId::new(),
        agreement_id: agreement.id,
        person_id: responsible.id,
        position: 0,
        text: Some("return the bike".into()),
        due_on: "2026-12-10".into(),
        status: CommitmentStatus::Open,
        updated_at: agreement.made_at,
    };
    s.apply(ChangeSet::new().op(Op::Circle(CircleOp::Agreement {
        version: 4,
        agreement: agreement.clone(),
        commitments: vec![commitment.clone()],
    })))
    .await
    .unwrap();
    let check = CheckInRow {
        id: CheckInId::new(),
        circle_id: c.id,
        due_at: at("2026-12-10T20:00:00Z"),
        result: None,
        note: None,
        done_at: None,
        done_by: None,
        tries: 0,
    };
    s.apply(ChangeSet::new().op(Op::Circle(CircleOp::ScheduleCheckIn(check.clone()))))
        .await
        .unwrap();
    let later = CheckInRow {
        id: CheckInId::new(),
        due_at: at("2026-12-20T20:00:00Z"),
        ..check.clone()
    };
    s.apply(ChangeSet::new().op(Op::Circle(CircleOp::ScheduleCheckIn(later))))
        .await
        .unwrap();
    assert_eq!(
        s.circles().next_check_ins().await.unwrap(),
        vec![(c.id, check.due_at)],
        "the soonest of those not done"
    );
    let done = || {
        ChangeSet::new().op(Op::Circle(CircleOp::CheckInDone {
            id: check.id,
            result: "reached".into(),
            note: Some("bike returned".into()),
            at: at("2026-12-10T21:00:00Z"),
            by: "user:bo".into(),
            statuses: vec![(commitment.id, CommitmentStatus::Kept)],
        }))
    };
    s.apply(done()).await.unwrap();
    assert!(matches!(s.apply(done()).await, Err(StoreError::Conflict)));
    let ins = s.circles().check_ins(c.id).await.unwrap();
    assert_eq!(ins[0].note.as_deref(), Some("bike returned"));
    assert_eq!(
        s.circles().next_check_ins().await.unwrap(),
        vec![(c.id, at("2026-12-20T20:00:00Z"))],
        "a check-in done is not next"
    );
    assert_eq!(
        s.circles().commitments(c.id).await.unwrap()[0].status,
        CommitmentStatus::Kept
    );

    s.apply(ChangeSet::new().op(Op::Circle(CircleOp::Stage {
        circle: c.id,
        version: 5,
        stage: Stage::Ended,
        reached: Stage::Opened,
        at: at("2026-12-11T20:00:00Z"),
        by: "user:ana".into(),
    })))
    .await
    .unwrap();
    let stages = s.circles().circle_stages(c.id).await.unwrap();
    assert_eq!(
        stages.iter().map(|x| x.stage).collect::<Vec<_>>(),
        vec![Stage::Opened, Stage::Ended]
    );
    assert_eq!(
        s.circles()
            .circles_to_purge(at("2026-12-12T00:00:00Z"))
            .await
            .unwrap()
            .len(),
        1
    );

    // Erasing the person responsible: their words go, the other's stay, the commitment's words (the circle's) stay.
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: responsible.subject,
        at: at("2026-12-12T20:00:00Z"),
        reason: "asked".into(),
    })))
    .await
    .unwrap();
    let people = s.circles().circle_people(c.id).await.unwrap();
    assert_eq!(
        people[0].words.as_ref().unwrap().role_words,
        "the person harmed"
    );
    assert_eq!(people[0].plan.as_ref().unwrap().who_to_call, "my sister");
    assert!(people[1].words.is_none());
    let notes = s.circles().circle_notes(c.id).await.unwrap();
    let text_of = |p: CirclePersonId| {
        notes
            .iter()
            .find(|n| n.person_id == p)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(text_of(harmed.id).as_deref(), Some("wants the bike back"));
    assert_eq!(text_of(responsible.id), None);
    assert_eq!(
        s.circles().commitments(c.id).await.unwrap()[0]
            .text
            .as_deref(),
        Some("return the bike")
    );
    let by_key = s
        .circles()
        .circle_person_by_subject(harmed.subject)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_key.id, harmed.id);
    // Nothing for a circle key's subject: the general retention leaves circles' keys to their own.
    let due = s.retention_due(at("2030-01-01T00:00:00Z")).await.unwrap();
    assert!(!due.contains(&c.subject) && !due.contains(&harmed.subject));
}
