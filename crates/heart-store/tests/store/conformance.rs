//! Store conformance: what every backend must do, every store method, on both engines. Each case runs on SQLite
//! and on PostgreSQL (a fresh database on `HEART_TEST_PG_URL`'s server or a private cluster; skipped only when
//! this machine has no PostgreSQL and `HEART_TEST_PG_REQUIRED` is not set).

use crate::common::Under;
use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::*;
use heart_store::{AuthOp, CareOp, DispatchOp, RequestOp, TrustOp};

on_both!(
    rows_round_trip_exactly,
    a_stale_update_is_a_conflict_and_leaves_nothing,
    a_closed_request_must_have_an_outcome,
    concurrent_change_sets_share_a_commit_without_sharing_failure,
    shifts_cover_half_open_intervals,
    personal_fields_round_trip_sealed_and_erasure_leaves_only_the_counts,
    the_audit_chain_stays_one_chain_under_concurrent_writers,
    a_second_factor_step_is_accepted_once,
    accounts_tokens_and_sessions,
    teams_and_the_request_lifecycle,
    encounters_follow_ups_and_alerts,
    approvals_and_legal_demands,
    people_retention_and_key_rotation,
    audit_reads_and_backup,
    a_job_lease_is_held_by_one_process_at_a_time,
    an_idempotency_key_makes_one_request,
    a_request_sent_after_an_erasure_is_refused_even_in_one_batch,
    an_erasure_that_was_refused_leaves_the_person_as_they_were,
    a_known_persons_key_kept_in_memory_never_outlives_their_erasure_elsewhere,
);

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
            interpreter: true,
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
        facts: Default::default(),
    }
}

fn user(name: &str) -> UserRow {
    UserRow {
        id: UserId::new(),
        username: name.into(),
        display_name: name.into(),
        password_hash: None,
        capabilities: Capabilities::of(&[Capability::Intake]),
        team_id: None,
        organization_id: None,
        active: true,
        setup_token_hash: None,
        setup_until: None,
        created_at: now(),
    }
}

/// A change set adding a new person and their request.
fn new_request(r: RequestRow) -> ChangeSet {
    ChangeSet::new()
        .op(Op::Trust(TrustOp::NewSubject {
            id: r.subject,
            at: r.created_at,
        }))
        .op(Op::Request(RequestOp::InsertRequest(r)))
}

fn audit(id: &str) -> AuditEntry {
    AuditEntry::new(now(), "cli", "test", "request", id, "")
}

async fn rows_round_trip_exactly(u: Under) {
    let s = u.s;
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

async fn a_stale_update_is_a_conflict_and_leaves_nothing(u: Under) {
    let s = u.s;
    let r = request();
    s.apply(new_request(r.clone())).await.unwrap();
    let mut first = r.clone();
    first.status = Status::Cancelled;
    s.apply(ChangeSet::new().op(Op::Request(RequestOp::UpdateRequest(first))))
        .await
        .unwrap();
    // Decided on version 1 as well: refused, and its audit entry is not written either.
    let mut second = r.clone();
    second.summary = "changed".into();
    let mut cs = ChangeSet::new().op(Op::Request(RequestOp::UpdateRequest(second)));
    cs.audit(audit("x"));
    assert!(matches!(s.apply(cs).await, Err(StoreError::Conflict)));
    let stored = s.request(r.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.status, stored.summary.as_str(), stored.version),
        (Status::Cancelled, r.summary.as_str(), 2)
    );
    assert_eq!(s.audit_count().await.unwrap(), 0);
}

async fn a_closed_request_must_have_an_outcome(u: Under) {
    let s = u.s;
    let mut r = request();
    r.status = Status::Closed;
    assert!(s.apply(new_request(r)).await.is_err());
}

async fn concurrent_change_sets_share_a_commit_without_sharing_failure(u: Under) {
    let s = u.s;
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
            let mut cs = new_request(r.clone()).op(Op::Auth(AuthOp::InsertUser(user(&name))));
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

async fn shifts_cover_half_open_intervals(u: Under) {
    let s = u.s;
    let team = TeamRow {
        id: TeamId::new(),
        name: "A".into(),
        status: TeamStatus::Available,
        status_at: now(),
        lat: None,
        lon: None,
        position_at: None,
        base_lat: None,
        base_lon: None,
        checkin_at: None,
        version: 1,
    };
    let start = now();
    let end = start
        .checked_add(jiff::SignedDuration::from_hours(8))
        .unwrap();
    s.apply(
        ChangeSet::new()
            .op(Op::Dispatch(DispatchOp::InsertTeam(team.clone())))
            .op(Op::Dispatch(DispatchOp::InsertShift(ShiftRow {
                id: ShiftId::new(),
                team_id: team.id,
                starts_at: start,
                ends_at: end,
                needed: 2,
                from_pattern: false,
                version: 1,
            }))),
    )
    .await
    .unwrap();
    assert_eq!(s.shifts_at(start).await.unwrap().len(), 1);
    assert_eq!(s.shifts_at(end).await.unwrap().len(), 0);
}

async fn personal_fields_round_trip_sealed_and_erasure_leaves_only_the_counts(u: Under) {
    let s = u.s;
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
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: r.subject,
        at: now(),
        reason: "person_asked".into(),
    })))
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
        .apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
            id: r.subject,
            at: now(),
            reason: "again".into(),
        })))
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)));
    let mut other = request();
    other.subject = r.subject;
    let refused = s
        .apply(ChangeSet::new().op(Op::Request(RequestOp::InsertRequest(other))))
        .await;
    assert!(matches!(refused, Err(StoreError::Rule(_))));
}

async fn the_audit_chain_stays_one_chain_under_concurrent_writers(u: Under) {
    let s = u.s;
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

async fn a_second_factor_step_is_accepted_once(u: Under) {
    let s = u.s;
    let u = user("rae");
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::InsertUser(u.clone()))))
        .await
        .unwrap();
    s.apply(
        ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::SetTotp {
            user: u.id,
            secret: vec![7; 20],
        }))),
    )
    .await
    .unwrap();
    let t = s.user_totp(u.id).await.unwrap().unwrap();
    assert_eq!(t.secret, vec![7; 20], "the seed opens again");
    assert_eq!(t.enabled_at, None);
    s.apply(
        ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::EnableTotp {
            user: u.id,
            at: now(),
            step: 100,
            recovery_hashes: vec!["h1".into(), "h2".into()],
        }))),
    )
    .await
    .unwrap();
    let replay = s
        .apply(ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(
            SecondFactorOp::UseTotpStep {
                user: u.id,
                step: 100,
            },
        ))))
        .await;
    assert!(matches!(replay, Err(StoreError::Conflict)));
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(
        SecondFactorOp::UseTotpStep {
            user: u.id,
            step: 101,
        },
    ))))
    .await
    .unwrap();
    let use_code = |h: &str| {
        ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(
            SecondFactorOp::UseRecoveryCode {
                user: u.id,
                hash: h.into(),
                at: now(),
            },
        )))
    };
    s.apply(use_code("h1")).await.unwrap();
    assert!(matches!(
        s.apply(use_code("h1")).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(s.user_totp(u.id).await.unwrap().unwrap().recovery_left, 1);
}

fn later(hours: i64) -> Timestamp {
    now()
        .checked_add(jiff::SignedDuration::from_hours(hours))
        .unwrap()
}

fn team(name: &str) -> TeamRow {
    TeamRow {
        id: TeamId::new(),
        name: name.into(),
        status: TeamStatus::Available,
        status_at: now(),
        lat: Some(42.37),
        lon: Some(-71.11),
        position_at: Some(now()),
        base_lat: Some(42.365),
        base_lon: Some(-71.104),
        checkin_at: None,
        version: 1,
    }
}

async fn accounts_tokens_and_sessions(u: Under) {
    let s = u.s;
    assert!(s.is_empty().await.unwrap());
    let mut a = user("ana");
    a.setup_token_hash = Some("setup-a".into());
    let b = user("bo");
    s.apply(
        ChangeSet::new()
            .op(Op::Auth(AuthOp::InsertUser(a.clone())))
            .op(Op::Auth(AuthOp::InsertUser(b.clone()))),
    )
    .await
    .unwrap();
    assert!(!s.is_empty().await.unwrap());
    assert_eq!(s.user(a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(s.user_by_username("bo").await.unwrap(), Some(b.clone()));
    assert_eq!(s.user_by_username("nobody").await.unwrap(), None);
    assert_eq!(
        s.user_by_setup_token("setup-a").await.unwrap(),
        Some(a.clone())
    );
    assert_eq!(s.users().await.unwrap(), vec![a.clone(), b.clone()]);
    // The setup link sets a password once.
    let set = || {
        ChangeSet::new().op(Op::Auth(AuthOp::SetPasswordBySetup {
            setup_token_hash: "setup-a".into(),
            password_hash: "argon2-hash".into(),
        }))
    };
    s.apply(set()).await.unwrap();
    assert!(matches!(s.apply(set()).await, Err(StoreError::Conflict)));
    let a2 = s.user(a.id).await.unwrap().unwrap();
    assert_eq!(
        (a2.password_hash.as_deref(), a2.setup_token_hash),
        (Some("argon2-hash"), None)
    );
    // A taken username on update.
    let mut clash = b.clone();
    clash.username = "ana".into();
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Auth(AuthOp::UpdateUser(clash))))
            .await,
        Err(StoreError::Duplicate("username"))
    ));
    let t = team("North");
    s.apply(
        ChangeSet::new()
            .op(Op::Dispatch(DispatchOp::InsertTeam(t.clone())))
            .op(Op::Auth(AuthOp::SetUserTeam {
                user: b.id,
                team: Some(t.id),
            })),
    )
    .await
    .unwrap();
    assert_eq!(s.user(b.id).await.unwrap().unwrap().team_id, Some(t.id));

    let token = TokenRow {
        user_id: None,
        id: TokenId::new(),
        name: "board".into(),
        token_hash: "tok-hash".into(),
        capabilities: Capabilities::of(&[Capability::Dispatch]),
        created_at: now(),
        revoked_at: None,
        expires_at: Some(now()),
        last_used_at: None,
    };
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::Token(TokenOp::Insert(token.clone())))))
        .await
        .unwrap();
    assert_eq!(
        s.token_by_hash("tok-hash").await.unwrap(),
        Some(token.clone())
    );
    assert_eq!(s.token_by_hash("other").await.unwrap(), None);
    // Noted when used; revoked once (a second revocation is a conflict); listed, never with more than its hash.
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::Token(TokenOp::Touch {
        id: token.id,
        at: later(1),
    }))))
    .await
    .unwrap();
    let revoke = || {
        ChangeSet::new().op(Op::Auth(AuthOp::Token(TokenOp::Revoke {
            id: token.id,
            at: later(2),
        })))
    };
    s.apply(revoke()).await.unwrap();
    assert!(matches!(s.apply(revoke()).await, Err(StoreError::Conflict)));
    let listed = s.tokens().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at, Some(later(1)));
    assert_eq!(listed[0].revoked_at, Some(later(2)));

    let session = |h: &str, user: UserId| SessionRow {
        id_hash: h.into(),
        user_id: user,
        csrf: "csrf".into(),
        created_at: now(),
        expires_at: later(12),
        last_seen_at: now(),
        stage: SessionStage::Password,
    };
    let s1 = session("s1", a.id);
    s.apply(
        ChangeSet::new()
            .op(Op::Auth(AuthOp::InsertSession(s1.clone())))
            .op(Op::Auth(AuthOp::InsertSession(session("s2", a.id))))
            .op(Op::Auth(AuthOp::InsertSession(session("s3", b.id)))),
    )
    .await
    .unwrap();
    assert_eq!(s.session("s1").await.unwrap(), Some(s1.clone()));
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::TouchSession {
        id_hash: "s1".into(),
        at: later(1),
    })))
    .await
    .unwrap();
    assert_eq!(
        s.session("s1").await.unwrap().unwrap().last_seen_at,
        later(1)
    );
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::DeleteSession("s3".into()))))
        .await
        .unwrap();
    assert_eq!(s.session("s3").await.unwrap(), None);
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::DeleteUserSessions(a.id))))
        .await
        .unwrap();
    assert_eq!(s.session("s1").await.unwrap(), None);
    assert_eq!(s.session("s2").await.unwrap(), None);

    // A second factor cleared leaves no seed.
    s.apply(
        ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::SetTotp {
            user: a.id,
            secret: vec![1; 20],
        }))),
    )
    .await
    .unwrap();
    assert!(s.user_totp(a.id).await.unwrap().is_some());
    s.apply(
        ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::ClearTotp(
            a.id,
        )))),
    )
    .await
    .unwrap();
    assert_eq!(s.user_totp(a.id).await.unwrap(), None);
}

async fn teams_and_the_request_lifecycle(u: Under) {
    let s = u.s;
    let t = team("East");
    s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertTeam(t.clone()))))
        .await
        .unwrap();
    assert_eq!(s.team(t.id).await.unwrap(), Some(t.clone()));
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertTeam(team("East")))))
            .await,
        Err(StoreError::Duplicate(_))
    ));
    let mut moved = t.clone();
    moved.status = TeamStatus::Assigned;
    moved.checkin_at = Some(later(1));
    s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateTeam(moved.clone()))))
        .await
        .unwrap();
    let stored = s.team(t.id).await.unwrap().unwrap();
    assert_eq!((stored.status, stored.version), (TeamStatus::Assigned, 2));
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateTeam(moved))))
            .await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(s.teams().await.unwrap().len(), 1);
    for h in [0, 10] {
        s.apply(
            ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertShift(ShiftRow {
                id: ShiftId::new(),
                team_id: t.id,
                starts_at: later(h),
                ends_at: later(h + 8),
                needed: 2,
                from_pattern: false,
                version: 1,
            }))),
        )
        .await
        .unwrap();
    }
    assert_eq!(s.shifts_from(later(9)).await.unwrap().len(), 1);
    assert_eq!(s.shifts_from(now()).await.unwrap().len(), 2);

    let r = request();
    s.apply(new_request(r.clone())).await.unwrap();
    let mut other = request();
    other.created_at = later(1);
    s.apply(new_request(other.clone())).await.unwrap();
    let mut assigned = r.clone();
    assigned.status = Status::Assigned;
    assigned.team_id = Some(t.id);
    s.apply(
        ChangeSet::new()
            .op(Op::Request(RequestOp::UpdateRequest(assigned)))
            .op(Op::Request(RequestOp::InsertTransition(TransitionRow {
                request_id: r.id,
                from: Some(Status::Received),
                to: Status::Assigned,
                team_id: Some(t.id),
                at: now(),
                actor: "user:ana".into(),
            }))),
    )
    .await
    .unwrap();
    assert_eq!(s.team_request(t.id).await.unwrap().unwrap().id, r.id);
    assert_eq!(s.transitions(r.id).await.unwrap().len(), 1);
    let recent = s.recent_requests(10).await.unwrap();
    assert_eq!(
        recent.iter().map(|x| x.id).collect::<Vec<_>>(),
        vec![other.id, r.id],
        "most recent first"
    );
    assert_eq!(s.recent_requests(1).await.unwrap().len(), 1);
    assert_eq!(
        s.requests_with_status(Status::Assigned, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.requests_with_status(Status::Closed, 10)
            .await
            .unwrap()
            .len(),
        0
    );
    let mut closed = s.request(r.id).await.unwrap().unwrap();
    closed.status = Status::Closed;
    closed.outcome = Some(CloseOutcome::ConnectedToSupport);
    s.apply(ChangeSet::new().op(Op::Request(RequestOp::UpdateRequest(closed))))
        .await
        .unwrap();
    assert_eq!(s.team_request(t.id).await.unwrap(), None);
    assert_eq!(s.open_requests().await.unwrap().len(), 1);
}

async fn encounters_follow_ups_and_alerts(u: Under) {
    let s = u.s;
    let t = team("West");
    let r = request();
    s.apply(new_request(r.clone()).op(Op::Dispatch(DispatchOp::InsertTeam(t.clone()))))
        .await
        .unwrap();
    let e = EncounterRow {
        id: EncounterId::new(),
        request_id: r.id,
        team_id: Some(t.id),
        needs: vec![Need::Housing, Need::Money],
        actions: "Sat together, called a friend".into(),
        own_words: Some("I just need my bills paid".into()),
        outcome: CloseOutcome::OngoingSupport,
        follow_up_consent: true,
        follow_up_method: Some(FollowUpMethod::Text),
        created_at: now(),
        created_by: "user:ana".into(),
    };
    let f = FollowUpRow {
        id: FollowUpId::new(),
        request_id: r.id,
        encounter_id: Some(e.id),
        due_at: later(24),
        method: Some(FollowUpMethod::Text),
        done_at: None,
        done_note: None,
        done_by: None,
        cancelled_at: None,
        version: 1,
        result: None,
        tries: 0,
        taken_by: None,
    };
    s.apply(
        ChangeSet::new()
            .op(Op::Care(CareOp::InsertEncounter(e.clone())))
            .op(Op::Care(CareOp::InsertFollowUp(f.clone()))),
    )
    .await
    .unwrap();
    assert_eq!(s.encounters(r.id).await.unwrap(), vec![e]);
    assert_eq!(s.follow_up(f.id).await.unwrap(), Some(f.clone()));
    assert_eq!(s.open_follow_ups().await.unwrap(), vec![f.clone()]);
    let mut done = f.clone();
    done.done_at = Some(later(25));
    done.done_note = Some("She is doing better".into());
    done.done_by = Some("user:bo".into());
    done.result = Some(heart_domain::care::FollowUpResult::Reached);
    done.tries = 1;
    done.taken_by = Some("user:bo".into());
    s.apply(ChangeSet::new().op(Op::Care(CareOp::UpdateFollowUp(done.clone()))))
        .await
        .unwrap();
    assert!(s.open_follow_ups().await.unwrap().is_empty());
    let back = s.follow_ups_for(r.id).await.unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(
        back[0].done_note, done.done_note,
        "the note is sealed and opens"
    );
    assert_eq!(back[0].version, 2);
    assert_eq!(
        (back[0].result, back[0].tries, back[0].taken_by.as_deref()),
        (done.result, 1, Some("user:bo")),
        "how it went, the tries and who took it are kept"
    );
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Care(CareOp::UpdateFollowUp(done))))
            .await,
        Err(StoreError::Conflict)
    ));

    let a = AlertRow {
        id: AlertId::new(),
        kind: AlertKind::NeedHelp,
        team_id: t.id,
        request_id: Some(r.id),
        lat: Some(42.36),
        lon: Some(-71.1),
        position_source: Some("device".into()),
        position_at: Some(now()),
        created_at: now(),
        cleared_at: None,
        cleared_by: None,
    };
    s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertAlert(a.clone()))))
        .await
        .unwrap();
    assert_eq!(s.alert(a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(s.open_alerts().await.unwrap(), vec![a.clone()]);
    let mut cleared = a.clone();
    cleared.cleared_at = Some(later(1));
    cleared.cleared_by = Some("user:ana".into());
    s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateAlert(cleared.clone()))))
        .await
        .unwrap();
    assert!(s.open_alerts().await.unwrap().is_empty());
    // Cleared, it keeps no position.
    let kept = s.alert(a.id).await.unwrap().unwrap();
    assert_eq!((kept.lat, kept.lon), (None, None));
    assert_eq!(kept.cleared_by.as_deref(), Some("user:ana"));
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateAlert(cleared))))
            .await,
        Err(StoreError::Conflict)
    ));
    // An open alert's position goes when the person is erased (issue 21.2).
    let open = AlertRow {
        id: AlertId::new(),
        ..a
    };
    s.apply(ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertAlert(open.clone()))))
        .await
        .unwrap();
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: r.subject,
        at: later(2),
        reason: "person_asked".into(),
    })))
    .await
    .unwrap();
    let kept = s.alert(open.id).await.unwrap().unwrap();
    assert_eq!((kept.lat, kept.lon), (None, None));
    assert!(kept.cleared_at.is_none(), "the alert itself stays open");
}

async fn approvals_and_legal_demands(u: Under) {
    let s = u.s;
    let r = request();
    s.apply(new_request(r.clone())).await.unwrap();
    let ask = |kind, at: Timestamp| ApprovalRow {
        id: ApprovalId::new(),
        kind,
        subject: Some(r.subject),
        request_id: Some(r.id),
        target_user: None,
        capabilities: None,
        reason: "person_asked".into(),
        requested_by: "user:ana".into(),
        requested_at: at,
        status: ApprovalStatus::Pending,
        decided_by: None,
        decided_at: None,
        decline_reason: None,
        done_at: None,
        version: 1,
    };
    let export = ask(ApprovalKind::Export, now());
    let erase = ask(ApprovalKind::Erase, later(1));
    s.apply(
        ChangeSet::new()
            .op(Op::Trust(TrustOp::InsertApproval(export.clone())))
            .op(Op::Trust(TrustOp::InsertApproval(erase.clone()))),
    )
    .await
    .unwrap();
    assert_eq!(s.approval(export.id).await.unwrap(), Some(export.clone()));
    let mut self_approved = export.clone();
    self_approved.status = ApprovalStatus::Approved;
    self_approved.decided_by = Some("user:ana".into());
    assert!(
        matches!(
            s.apply(ChangeSet::new().op(Op::Trust(TrustOp::UpdateApproval(self_approved))))
                .await,
            Err(StoreError::Rule(_))
        ),
        "the database itself refuses the asker deciding"
    );
    let mut approved = export.clone();
    approved.status = ApprovalStatus::Approved;
    approved.decided_by = Some("user:bo".into());
    approved.decided_at = Some(later(2));
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::UpdateApproval(approved))))
        .await
        .unwrap();
    let recent = s.approvals_recent(10).await.unwrap();
    assert_eq!(
        recent.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![erase.id, export.id],
        "pending first"
    );
    assert_eq!(s.approvals_for_subject(r.subject).await.unwrap().len(), 2);

    let d = LegalDemandRow {
        id: LegalDemandId::new(),
        received_at: now(),
        from_kind: "subpoena".into(),
        reference: "case 2026-1".into(),
        asked: "records of one person".into(),
        subject: Some(r.subject),
        recorded_by: "user:ana".into(),
        first_review_by: None,
        first_decision: None,
        second_review_by: None,
        second_decision: None,
        gag_order: true,
        person_told_at: None,
        handed_over: None,
        closed_at: None,
        version: 1,
    };
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::InsertLegalDemand(d.clone()))))
        .await
        .unwrap();
    assert_eq!(s.legal_demand(d.id).await.unwrap(), Some(d.clone()));
    let mut reviewed = d.clone();
    reviewed.first_review_by = Some("user:bo".into());
    reviewed.first_decision = Some("refuse".into());
    reviewed.second_review_by = Some("user:bo".into());
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Trust(TrustOp::UpdateLegalDemand(reviewed.clone()))))
            .await,
        Err(StoreError::Rule(_))
    ));
    reviewed.second_review_by = Some("user:cy".into());
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::UpdateLegalDemand(reviewed))))
        .await
        .unwrap();
    let all = s.legal_demands().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].version, 2);
}

async fn people_retention_and_key_rotation(u: Under) {
    let s = u.s;
    let mut old = request();
    old.status = Status::Cancelled;
    let mut kept = request();
    kept.status = Status::Cancelled;
    let open = request();
    for r in [&old, &kept, &open] {
        s.apply(new_request(r.clone())).await.unwrap();
    }
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::KeepSubject {
        id: kept.subject,
        keep: true,
    })))
    .await
    .unwrap();
    let person = s.subject(kept.subject).await.unwrap().unwrap();
    assert!(person.keep);
    assert_eq!(person.erased_at, None);
    assert_eq!(s.subject(SubjectId::new()).await.unwrap(), None);
    assert_eq!(
        s.subject_requests(old.subject)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        vec![old.id]
    );
    // Only the person with nothing open, not asking to be kept, and no contact since the cut-off.
    assert_eq!(s.retention_due(later(1)).await.unwrap(), vec![old.subject]);
    assert!(s.retention_due(now()).await.unwrap().is_empty());

    // A new key file: every data key (and second-factor seed) is re-wrapped, and everything still opens.
    let a = user("rae");
    s.apply(
        ChangeSet::new()
            .op(Op::Auth(AuthOp::InsertUser(a.clone())))
            .op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::SetTotp {
                user: a.id,
                secret: vec![9; 20],
            }))),
    )
    .await
    .unwrap();
    let path = u.dir.path().join("heart.key");
    u.keys.get().rotated().save(&path).unwrap();
    u.keys.refresh();
    // Three data keys and one seed, at most two of each kind per call.
    assert_eq!(s.rewrap_keys(2).await.unwrap(), (3, 1));
    assert_eq!(s.rewrap_keys(100).await.unwrap(), (1, 0));
    assert_eq!(s.rewrap_keys(100).await.unwrap(), (0, 0));
    assert_eq!(
        s.request(open.id).await.unwrap().unwrap().summary,
        open.summary
    );
    assert_eq!(
        s.user_totp(a.id).await.unwrap().unwrap().secret,
        vec![9; 20]
    );
}

async fn audit_reads_and_backup(u: Under) {
    let s = u.s;
    for i in 0..5 {
        let mut cs = ChangeSet::new();
        cs.audit(audit(&format!("r{i}")));
        s.apply(cs).await.unwrap();
    }
    let recent = s.audit_recent(3).await.unwrap();
    assert_eq!(
        recent.iter().map(|a| a.seq).collect::<Vec<_>>(),
        vec![5, 4, 3],
        "newest first"
    );
    assert_eq!(recent[0].entry.record_id, "r4");
    assert_eq!(s.audit_for("request", "r2").await.unwrap().len(), 1);
    let cp = s.audit_checkpoint(now()).await.unwrap();
    assert_eq!(
        s.audit_checkpoint(later(1)).await.unwrap(),
        cp,
        "no new entry, no new checkpoint"
    );
    let report = s.audit_verify(None).await.unwrap();
    assert_eq!((report.entries, report.checkpoints), (5, 1));
    let h = s.db_health().await.unwrap();
    assert!(matches!(h.role, "embedded" | "primary"), "{h:?}");
    assert_eq!(h.write_queue, 0);
    assert!(h.pool_size >= 1);
    let out = u.dir.path().join("backup");
    s.backup(&out).await.unwrap();
    assert!(std::fs::metadata(&out).unwrap().len() > 0);
}

async fn a_job_lease_is_held_by_one_process_at_a_time(u: Under) {
    let s = u.s;
    let claim = |holder: &str, at: i64| {
        ChangeSet::new().op(Op::ClaimJob {
            name: "retention".into(),
            holder: holder.into(),
            now: later(at),
            until: later(at + 24),
        })
    };
    s.apply(claim("node-a", 0)).await.unwrap();
    assert!(matches!(
        s.apply(claim("node-b", 1)).await,
        Err(StoreError::Conflict)
    ));
    // Concurrent claims for the next period: exactly one wins.
    let mut tasks = Vec::new();
    for i in 0..8 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.apply(ChangeSet::new().op(Op::ClaimJob {
                name: "retention".into(),
                holder: format!("node-{i}"),
                now: later(24),
                until: later(48),
            }))
            .await
            .is_ok()
        }));
    }
    let mut won = 0;
    for t in tasks {
        won += usize::from(t.await.unwrap());
    }
    assert_eq!(won, 1);
}

async fn an_idempotency_key_makes_one_request(u: Under) {
    let s = u.s;
    let first = request();
    let with_key = |r: RequestRow| {
        let id = r.id;
        new_request(r).op(Op::Request(RequestOp::ClaimIdempotencyKey {
            key: "k1".into(),
            request: id,
            fingerprint: "f1".into(),
            at: now(),
        }))
    };
    s.apply(with_key(first.clone())).await.unwrap();
    let retry = request();
    assert!(matches!(
        s.apply(with_key(retry.clone())).await,
        Err(StoreError::Duplicate("idempotency key"))
    ));
    assert_eq!(
        s.request(retry.id).await.unwrap(),
        None,
        "the retry wrote nothing"
    );
    assert_eq!(
        s.request_for_idempotency_key("k1").await.unwrap(),
        Some((first.id, "f1".to_string()))
    );
    assert_eq!(s.request_for_idempotency_key("k2").await.unwrap(), None);
    assert_eq!(s.forget_idempotency_keys(now()).await.unwrap(), 0);
    assert_eq!(s.forget_idempotency_keys(later(1)).await.unwrap(), 1);
    assert_eq!(s.request_for_idempotency_key("k1").await.unwrap(), None);
}

/// Forty new requests at once: while the writer works through them, what is sent next queues up into one batch.
fn busy_writer(
    s: &std::sync::Arc<dyn Store>,
) -> Vec<tokio::task::JoinHandle<heart_store::StoreResult<()>>> {
    (0..40)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.apply(new_request(request())).await })
        })
        .collect()
}

/// An erasure and a new request for the same person, sent one after the other while the writer is busy, share a
/// batch: the request must be refused (the person is erased), never written and then wiped behind an Ok.
async fn a_request_sent_after_an_erasure_is_refused_even_in_one_batch(u: Under) {
    let s = u.s;
    for _ in 0..10 {
        let r = request();
        s.apply(new_request(r.clone())).await.unwrap();
        // Keep the writer busy so the next two queue up together.
        let fillers = busy_writer(&s);
        let mut later = request();
        later.subject = r.subject;
        let erase = ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
            id: r.subject,
            at: now(),
            reason: "person_asked".into(),
        }));
        let (erased, sent) = futures::join!(
            s.apply(erase),
            s.apply(ChangeSet::new().op(Op::Request(RequestOp::InsertRequest(later.clone()))))
        );
        erased.unwrap();
        assert!(
            matches!(sent, Err(StoreError::Rule(_))),
            "a request for an erased person was answered {sent:?}"
        );
        assert_eq!(s.request(later.id).await.unwrap(), None);
        for f in fillers {
            f.await.unwrap().unwrap();
        }
    }
}

/// A known person's next request is sealed by its caller with the data key the store keeps in memory (off the
/// single writer): it opens as written; and once another process or node erases the person, the kept key is not
/// trusted: the writer reads the person's row and refuses the request.
async fn a_known_persons_key_kept_in_memory_never_outlives_their_erasure_elsewhere(u: Under) {
    let s = u.s.clone();
    let first = request();
    s.apply(new_request(first.clone())).await.unwrap();
    for _ in 0..3 {
        let mut next = request();
        next.subject = first.subject;
        next.summary = format!("Again, {}", next.id);
        s.apply(ChangeSet::new().op(Op::Request(RequestOp::InsertRequest(next.clone()))))
            .await
            .unwrap();
        let back = s.request(next.id).await.unwrap().unwrap();
        assert_eq!(back.summary, next.summary);
        assert_eq!(back.contact, next.contact);
        assert_eq!(back.sealed, SealState::Open);
    }
    let other = u.another().await;
    other
        .apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
            id: first.subject,
            at: now(),
            reason: "person_asked".into(),
        })))
        .await
        .unwrap();
    let mut after = request();
    after.subject = first.subject;
    let sent = s
        .apply(ChangeSet::new().op(Op::Request(RequestOp::InsertRequest(after.clone()))))
        .await;
    assert!(
        matches!(sent, Err(StoreError::Rule(_))),
        "a request for a person erased elsewhere was answered {sent:?}"
    );
    assert_eq!(s.request(after.id).await.unwrap(), None);
}

/// A change set that erases someone and is then refused (here: a taken username) is undone whole, in the same
/// batch too: a request for that person right after it is written as usual.
async fn an_erasure_that_was_refused_leaves_the_person_as_they_were(u: Under) {
    let s = u.s;
    s.apply(ChangeSet::new().op(Op::Auth(AuthOp::InsertUser(user("taken")))))
        .await
        .unwrap();
    for _ in 0..10 {
        let r = request();
        s.apply(new_request(r.clone())).await.unwrap();
        let fillers = busy_writer(&s);
        let mut later = request();
        later.subject = r.subject;
        let refused_erasure = ChangeSet::new()
            .op(Op::Trust(TrustOp::EraseSubject {
                id: r.subject,
                at: now(),
                reason: "person_asked".into(),
            }))
            .op(Op::Auth(AuthOp::InsertUser(user("taken"))));
        let (erased, sent) = futures::join!(
            s.apply(refused_erasure),
            s.apply(ChangeSet::new().op(Op::Request(RequestOp::InsertRequest(later.clone()))))
        );
        assert!(
            matches!(erased, Err(StoreError::Duplicate(_))),
            "{erased:?}"
        );
        sent.unwrap();
        assert_eq!(
            s.request(later.id).await.unwrap().unwrap().summary,
            later.summary
        );
        assert_eq!(
            s.request(r.id).await.unwrap().unwrap().sealed,
            SealState::Open
        );
        for f in fillers {
            f.await.unwrap().unwrap();
        }
    }
}
