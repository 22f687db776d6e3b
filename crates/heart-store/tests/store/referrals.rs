//! Store conformance for referrals on both engines: the shared details sealed under the person's key and only those
//! named, a status move guarded by version with its timestamped event, a withdrawal and an erasure clearing the
//! details, and the partner's hook (secret sealed, notices queued only when a hook exists).

use crate::common::Under;
use heart_domain::care::{CloseOutcome, Need};
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::intake::*;
use heart_domain::referral::{DeclineReason, ReferralStatus, Share};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::outbox::{Outbox, OutboxOp, Try};
use heart_store::referrals::*;
use heart_store::*;
use heart_store::{CareOp, RequestOp, TrustOp};
use std::sync::Arc;

on_both!(referrals_seal_move_and_erase, hooks_and_their_notices);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A person, their closed request and its encounter.
async fn person(s: &Arc<dyn Store>) -> (RequestRow, EncounterId) {
    let r = RequestRow {
        id: RequestId::new(),
        subject: SubjectId::new(),
        sealed: SealState::Open,
        created_at: at("2026-11-26T20:00:00Z"),
        updated_at: at("2026-11-26T20:00:00Z"),
        channel: Channel::Phone,
        requester: Requester::Person,
        summary: "bills".into(),
        location: Location::default(),
        contact: Contact {
            name: Some("Ana Ferreira".into()),
            phone: Some("617-555-0142".into()),
        },
        safe_contact: SafeContact::default(),
        language: "pt-BR".into(),
        answers: Default::default(),
        triage: Triage::unscreened(),
        ems_reason: None,
        ems_consent: None,
        status: Status::Closed,
        team_id: None,
        outcome: Some(CloseOutcome::ConnectedToSupport),
        version: 1,
        facts: Default::default(),
    };
    let e = EncounterId::new();
    s.apply(
        ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: r.subject,
                at: r.created_at,
            }))
            .op(Op::Request(RequestOp::InsertRequest(r.clone())))
            .op(Op::Care(CareOp::InsertEncounter(EncounterRow {
                id: e,
                request_id: r.id,
                team_id: None,
                needs: vec![Need::Money],
                actions: "talked".into(),
                own_words: None,
                outcome: CloseOutcome::ConnectedToSupport,
                follow_up_consent: false,
                follow_up_method: None,
                created_at: r.created_at,
                created_by: "cli".into(),
            }))),
    )
    .await
    .unwrap();
    (r, e)
}

fn referral(r: &RequestRow, e: EncounterId, shared: Vec<Share>, org: &str) -> ReferralRow {
    ReferralRow {
        id: ReferralId::new(),
        request_id: r.id,
        encounter_id: Some(e),
        subject: r.subject,
        team_id: None,
        service_id: format!("svc-of-{org}"),
        organization_id: org.into(),
        shared,
        // More is offered than agreed: the store keeps only what `shared` names.
        details: SharedDetails {
            first_name: Some("Ana".into()),
            callback: Some("617-555-0142".into()),
            callback_ways: None,
            needs: vec!["money".into()],
            language: Some("pt-BR".into()),
            note: None,
        },
        sealed: SealState::Open,
        status: ReferralStatus::Sent,
        reason: None,
        created_at: at("2026-11-26T21:00:00Z"),
        created_by: "user:x".into(),
        due_at: Some(at("2026-11-27T21:00:00Z")),
        updated_at: at("2026-11-26T21:00:00Z"),
        version: 1,
    }
}

fn insert(r: &ReferralRow) -> ChangeSet {
    ChangeSet::new().op(Op::Referral(ReferralOp::Insert(Box::new(r.clone()))))
}

async fn referrals_seal_move_and_erase(u: Under) {
    let s = u.s;
    let (req, e) = person(&s).await;
    let a = referral(&req, e, vec![Share::FirstName, Share::Needs], "org-a");
    s.apply(insert(&a)).await.unwrap();
    // One open referral per request and service.
    let twice = referral(&req, e, vec![Share::Needs], "org-a");
    assert!(matches!(
        s.apply(insert(&twice)).await,
        Err(StoreError::Duplicate(_))
    ));
    let back = s.referrals().referral(a.id).await.unwrap().unwrap();
    assert_eq!(back.shared, [Share::FirstName, Share::Needs]);
    assert_eq!(
        back.details,
        SharedDetails {
            first_name: Some("Ana".into()),
            needs: vec!["money".into()],
            ..Default::default()
        },
        "only what the person agreed to is kept"
    );
    let nothing = referral(&req, e, vec![], "org-b");
    s.apply(insert(&nothing)).await.unwrap();
    assert!(
        s.referrals()
            .referral(nothing.id)
            .await
            .unwrap()
            .unwrap()
            .details
            .is_empty()
    );
    assert_eq!(
        s.referrals()
            .referrals_for_organization("org-a", 10)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        [a.id]
    );
    assert_eq!(
        s.referrals()
            .referrals_for_request(req.id)
            .await
            .unwrap()
            .len(),
        2
    );

    // A move guarded by version; a stale one changes nothing.
    let mv = |version, status, reason, when: &str| {
        ChangeSet::new().op(Op::Referral(ReferralOp::Move {
            id: a.id,
            version,
            status,
            reason,
            due_at: None,
            clear: false,
            at: at(when),
            actor: "user:p".into(),
        }))
    };
    s.apply(mv(
        1,
        ReferralStatus::Accepted,
        None,
        "2026-11-26T22:00:00Z",
    ))
    .await
    .unwrap();
    assert!(matches!(
        s.apply(mv(
            1,
            ReferralStatus::Declined,
            Some(DeclineReason::Full),
            "2026-11-26T22:30:00Z"
        ))
        .await,
        Err(StoreError::Conflict)
    ));
    let now = s.referrals().referral(a.id).await.unwrap().unwrap();
    assert_eq!((now.status, now.version), (ReferralStatus::Accepted, 2));
    let events = s.referrals().referral_events(a.id).await.unwrap();
    assert_eq!(
        events.iter().map(|e| (e.status, e.at)).collect::<Vec<_>>(),
        [
            (ReferralStatus::Sent, at("2026-11-26T21:00:00Z")),
            (ReferralStatus::Accepted, at("2026-11-26T22:00:00Z"))
        ]
    );
    // The same histories, read for the whole organization at once.
    assert_eq!(
        s.referrals()
            .referral_events_for_organization("org-a")
            .await
            .unwrap(),
        events
    );
    // Open ones are followed; an old ended one is not.
    let follow = s
        .referrals()
        .referrals_to_follow(at("2026-11-20T00:00:00Z"))
        .await
        .unwrap();
    assert_eq!(follow.len(), 2);

    // A withdrawal clears what was shared, in the database.
    s.apply(ChangeSet::new().op(Op::Referral(ReferralOp::Move {
        id: a.id,
        version: 2,
        status: ReferralStatus::Withdrawn,
        reason: None,
        due_at: None,
        clear: true,
        at: at("2026-11-26T23:00:00Z"),
        actor: "user:x".into(),
    })))
    .await
    .unwrap();
    let w = s.referrals().referral(a.id).await.unwrap().unwrap();
    assert!(w.details.is_empty());
    assert_eq!(w.sealed, SealState::Open);

    // Erasing the person erases the rest; nothing new can be shared about them.
    let b = referral(&req, e, vec![Share::Callback], "org-a");
    s.apply(insert(&b)).await.unwrap();
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: req.subject,
        at: at("2026-11-27T00:00:00Z"),
        reason: "person_asked".into(),
    })))
    .await
    .unwrap();
    let gone = s.referrals().referral(b.id).await.unwrap().unwrap();
    assert!(gone.details.is_empty());
    // Its open referral ends with the erasure (by the system), so no partner keeps waiting on it.
    assert_eq!(gone.status, ReferralStatus::Withdrawn);
    assert_eq!(gone.due_at, None);
    let events = s.referrals().referral_events(b.id).await.unwrap();
    assert_eq!(
        events.last().map(|e| (e.status, e.actor.as_str())),
        Some((ReferralStatus::Withdrawn, "system"))
    );
    let refused = s
        .apply(insert(&referral(&req, e, vec![Share::Needs], "org-a")))
        .await;
    assert!(matches!(refused, Err(StoreError::Refused("erased-person"))));
}

async fn hooks_and_their_notices(u: Under) {
    let s = u.s;
    let (req, e) = person(&s).await;
    let a = referral(&req, e, vec![Share::Needs], "org-a");
    s.apply(insert(&a)).await.unwrap();
    let queue = |id: CallbackId| {
        ChangeSet::new().op(Op::Referral(ReferralOp::QueueHook {
            id,
            referral: a.id,
            organization_id: "org-a".into(),
            event: "referral.created",
            at: at("2026-11-26T21:00:00Z"),
        }))
    };
    // No hook: nothing is queued.
    s.apply(queue(CallbackId::new())).await.unwrap();
    assert!(
        s.referrals()
            .referral_hooks_due(at("2026-11-27T00:00:00Z"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    s.apply(ChangeSet::new().op(Op::Referral(ReferralOp::SetHook {
        organization_id: "org-a".into(),
        hook: Some(("https://partner.example/hook".into(), b"whsec_x".to_vec())),
        at: at("2026-11-26T21:00:00Z"),
        by: "cli".into(),
    })))
    .await
    .unwrap();
    assert_eq!(
        s.referrals()
            .referral_hook("org-a")
            .await
            .unwrap()
            .as_deref(),
        Some("https://partner.example/hook")
    );
    let id = CallbackId::new();
    s.apply(queue(id)).await.unwrap();
    let due = s
        .referrals()
        .referral_hooks_due(at("2026-11-27T00:00:00Z"), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].secret, b"whsec_x", "the secret opens");
    assert_eq!(due[0].event, "referral.created");
    // Two nodes take the same notice: one gets it, and it is no longer due for anyone.
    let claim = ChangeSet::new().op(Op::Outbox(OutboxOp::Claim {
        outbox: Outbox::ReferralHooks,
        id: id.to_string(),
        was: due[0].next_at,
        until: at("2026-11-27T00:05:00Z"),
    }));
    s.apply(claim.clone()).await.unwrap();
    assert!(matches!(s.apply(claim).await, Err(StoreError::Conflict)));
    assert!(
        s.referrals()
            .referral_hooks_due(at("2026-11-27T00:00:00Z"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let settle = ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
        outbox: Outbox::ReferralHooks,
        id: id.to_string(),
        attempts: 1,
        outcome: Try::Sent { provider_ref: None },
        at: at("2026-11-27T00:00:00Z"),
    }));
    s.apply(settle.clone()).await.unwrap();
    assert!(
        matches!(s.apply(settle).await, Err(StoreError::Conflict)),
        "settled once"
    );
    assert!(
        s.referrals()
            .referral_hooks_due(at("2026-11-27T00:00:00Z"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    // Removing the hook.
    s.apply(ChangeSet::new().op(Op::Referral(ReferralOp::SetHook {
        organization_id: "org-a".into(),
        hook: None,
        at: at("2026-11-27T00:00:00Z"),
        by: "cli".into(),
    })))
    .await
    .unwrap();
    assert_eq!(s.referrals().referral_hook("org-a").await.unwrap(), None);
}
