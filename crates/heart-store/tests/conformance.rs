//! Store conformance: what every backend must do. Runs on SQLite (PostgreSQL joins with its adapter).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::sqlite::SqliteStore;
use heart_store::*;
use std::sync::Arc;

fn now() -> Timestamp {
    "2026-11-26T20:00:00.123456Z".parse().unwrap()
}

fn request() -> RequestRow {
    RequestRow {
        id: RequestId::new(),
        subject: SubjectId::new(),
        sealed: SealState::Open,
        created_at: now(),
        updated_at: now(),
        channel: Channel::Phone,
        requester: Requester::OnBehalf,
        summary: "Someone crying outside — ünïcode ok".into(),
        location: Location {
            text: Some("Central Square".into()),
            lat: Some(42.3651),
            lon: Some(-71.1035),
            withheld: false,
        },
        contact: Contact {
            name: None,
            phone: Some("617-555-0100".into()),
        },
        safe_contact: SafeContact {
            text_ok: true,
            voicemail_ok: false,
            call_ok: true,
            hours: Some("after 6".into()),
            code_word: None,
        },
        language: "pt-BR".into(),
        answers: [("medical".to_string(), "no".to_string())].into(),
        triage: Triage::unscreened(),
        ems_reason: None,
        ems_consent: None,
        status: Status::Received,
        team_id: None,
        outcome: None,
        version: 1,
    }
}

async fn store() -> (Arc<SqliteStore>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (
        Arc::new(
            SqliteStore::open(
                &dir.path().join("heart.db"),
                Arc::new(heart_crypto::keys::Keys::ephemeral()),
            )
            .await
            .unwrap(),
        ),
        dir,
    )
}

fn user(name: &str) -> UserRow {
    UserRow {
        id: UserId::new(),
        username: name.into(),
        display_name: name.into(),
        password_hash: None,
        capabilities: Capabilities::of(&[Capability::Intake]),
        team_id: None,
        active: true,
        setup_token_hash: None,
        created_at: now(),
    }
}

/// A change set adding a new person and their request.
fn new_request(r: RequestRow) -> ChangeSet {
    ChangeSet::new()
        .op(Op::NewSubject {
            id: r.subject,
            at: r.created_at,
        })
        .op(Op::InsertRequest(r))
}

fn audit(id: &str) -> AuditEntry {
    AuditEntry::new(now(), "cli", "test", "request", id, "")
}

#[tokio::test]
async fn rows_round_trip_exactly() {
    let (s, _d) = store().await;
    let r = request();
    let mut cs = new_request(r.clone());
    cs.audit(audit(&r.id.to_string()));
    s.apply(cs).await.unwrap();
    assert_eq!(s.request(r.id).await.unwrap().unwrap(), r);
    assert_eq!(s.open_requests().await.unwrap(), vec![r.clone()]);
    assert_eq!(
        s.audit_for("request", &r.id.to_string())
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(!s.is_empty().await.unwrap());
}

#[tokio::test]
async fn a_stale_update_is_a_conflict_and_leaves_nothing() {
    let (s, _d) = store().await;
    let r = request();
    s.apply(new_request(r.clone())).await.unwrap();
    let mut first = r.clone();
    first.status = Status::Cancelled;
    s.apply(ChangeSet::new().op(Op::UpdateRequest(first)))
        .await
        .unwrap();
    // Decided on version 1 as well: refused, and its audit entry is not written either.
    let mut second = r.clone();
    second.summary = "changed".into();
    let mut cs = ChangeSet::new().op(Op::UpdateRequest(second));
    cs.audit(audit("x"));
    assert!(matches!(s.apply(cs).await, Err(StoreError::Conflict)));
    let stored = s.request(r.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.status, stored.summary.as_str(), stored.version),
        (Status::Cancelled, r.summary.as_str(), 2)
    );
    assert_eq!(s.audit_count().await.unwrap(), 0);
}

#[tokio::test]
async fn a_closed_request_must_have_an_outcome() {
    let (s, _d) = store().await;
    let mut r = request();
    r.status = Status::Closed;
    assert!(s.apply(new_request(r)).await.is_err());
}

#[tokio::test]
async fn concurrent_change_sets_share_a_commit_without_sharing_failure() {
    let (s, _d) = store().await;
    let mut tasks = Vec::new();
    for i in 0..200 {
        let s = s.clone();
        // Every tenth tries a taken username.
        let name = if i % 10 == 0 {
            "taken".to_string()
        } else {
            format!("user{i}")
        };
        tasks.push(tokio::spawn(async move {
            let r = request();
            let mut cs = new_request(r.clone()).op(Op::InsertUser(user(&name)));
            cs.audit(audit(&r.id.to_string()));
            (r.id, s.apply(cs).await)
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let (id, res) = t.await.unwrap();
        match res {
            Ok(()) => {
                ok += 1;
                assert!(s.request(id).await.unwrap().is_some());
            }
            Err(StoreError::Duplicate(what)) => {
                assert_eq!(what, "username");
                assert!(
                    s.request(id).await.unwrap().is_none(),
                    "a refused change set writes nothing"
                );
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(ok, 181, "180 distinct names and the first 'taken'");
    assert_eq!(s.audit_count().await.unwrap(), 181);
}

#[tokio::test]
async fn shifts_cover_half_open_intervals() {
    let (s, _d) = store().await;
    let team = TeamRow {
        id: TeamId::new(),
        name: "A".into(),
        status: TeamStatus::Available,
        status_at: now(),
        lat: None,
        lon: None,
        checkin_at: None,
        version: 1,
    };
    let start = now();
    let end = start
        .checked_add(jiff::SignedDuration::from_hours(8))
        .unwrap();
    s.apply(
        ChangeSet::new()
            .op(Op::InsertTeam(team.clone()))
            .op(Op::InsertShift(ShiftRow {
                id: ShiftId::new(),
                team_id: team.id,
                starts_at: start,
                ends_at: end,
            })),
    )
    .await
    .unwrap();
    assert_eq!(s.shifts_at(start).await.unwrap().len(), 1);
    assert_eq!(s.shifts_at(end).await.unwrap().len(), 0);
}

#[tokio::test]
async fn personal_fields_round_trip_sealed_and_erasure_leaves_only_the_counts() {
    let (s, _dir) = store().await;
    let r = request();
    s.apply(new_request(r.clone())).await.unwrap();
    let back = s.request(r.id).await.unwrap().unwrap();
    assert_eq!(back.sealed, SealState::Open);
    assert_eq!(back.summary, r.summary);
    assert_eq!(back.contact, r.contact);
    assert_eq!(back.location, r.location);
    assert_eq!(
        s.subject_for_phone("(617) 555-0100").await.unwrap(),
        Some(r.subject)
    );
    s.apply(ChangeSet::new().op(Op::EraseSubject {
        id: r.subject,
        at: now(),
        reason: "person_asked".into(),
    }))
    .await
    .unwrap();
    let gone = s.request(r.id).await.unwrap().unwrap();
    assert_eq!(gone.sealed, SealState::Erased);
    assert_eq!(gone.summary, "");
    assert_eq!(gone.contact.phone, None);
    assert_eq!(gone.status, r.status, "the counts stay");
    assert_eq!(s.subject_for_phone("617-555-0100").await.unwrap(), None);
    // Erasing twice is "not found", and nothing new can be written under an erased person.
    let again = s
        .apply(ChangeSet::new().op(Op::EraseSubject {
            id: r.subject,
            at: now(),
            reason: "again".into(),
        }))
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)));
    let mut other = request();
    other.subject = r.subject;
    let refused = s.apply(ChangeSet::new().op(Op::InsertRequest(other))).await;
    assert!(matches!(refused, Err(StoreError::Rule(_))));
}

#[tokio::test]
async fn the_audit_chain_stays_one_chain_under_concurrent_writers() {
    let (s, _dir) = store().await;
    let mut tasks = Vec::new();
    for i in 0..200 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let mut cs = ChangeSet::new();
            cs.audit(audit(&format!("r{i}")));
            cs.audit(audit(&format!("r{i}-b")));
            s.apply(cs).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let report = s.audit_verify(None).await.unwrap();
    assert_eq!(report.problem, None);
    assert_eq!(report.entries, 400);
    let cp = s.audit_checkpoint(now()).await.unwrap();
    assert_eq!(cp.seq, 400);
    assert_eq!(s.audit_verify(Some(cp)).await.unwrap().problem, None);
}

#[tokio::test]
async fn a_second_factor_step_is_accepted_once() {
    let (s, _dir) = store().await;
    let u = user("rae");
    s.apply(ChangeSet::new().op(Op::InsertUser(u.clone())))
        .await
        .unwrap();
    s.apply(ChangeSet::new().op(Op::SetTotp {
        user: u.id,
        secret: vec![7; 20],
    }))
    .await
    .unwrap();
    let t = s.user_totp(u.id).await.unwrap().unwrap();
    assert_eq!(t.secret, vec![7; 20], "the seed opens again");
    assert_eq!(t.enabled_at, None);
    s.apply(ChangeSet::new().op(Op::EnableTotp {
        user: u.id,
        at: now(),
        step: 100,
        recovery_hashes: vec!["h1".into(), "h2".into()],
    }))
    .await
    .unwrap();
    let replay = s
        .apply(ChangeSet::new().op(Op::UseTotpStep {
            user: u.id,
            step: 100,
        }))
        .await;
    assert!(matches!(replay, Err(StoreError::Conflict)));
    s.apply(ChangeSet::new().op(Op::UseTotpStep {
        user: u.id,
        step: 101,
    }))
    .await
    .unwrap();
    let use_code = |h: &str| {
        ChangeSet::new().op(Op::UseRecoveryCode {
            user: u.id,
            hash: h.into(),
            at: now(),
        })
    };
    s.apply(use_code("h1")).await.unwrap();
    assert!(matches!(
        s.apply(use_code("h1")).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(s.user_totp(u.id).await.unwrap().unwrap().recovery_left, 1);
}
