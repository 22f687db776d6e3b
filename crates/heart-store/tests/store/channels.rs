//! Store conformance for the tables of every way in, on both engines: partners' secrets sealed and opened, alerts
//! keyed once per partner and moved once, places claimed by compare and swap, senders' tokens, the first
//! acknowledgement winning, and the "we are full" switch.

use crate::common::Under;
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::channels::*;
use heart_store::outbox::{Outbox, OutboxOp, Try};
use heart_store::*;
use heart_store::{RequestOp, TrustOp};

on_both!(every_way_in, text_messages);

fn now() -> Timestamp {
    "2026-11-26T20:00:00Z".parse().unwrap()
}

fn ch(op: ChannelOp) -> ChangeSet {
    ChangeSet::new().op(Op::Channel(op))
}

fn care_request() -> RequestRow {
    RequestRow {
        id: RequestId::new(),
        subject: SubjectId::new(),
        sealed: SealState::Open,
        created_at: now(),
        updated_at: now(),
        channel: Channel::Phone,
        requester: Requester::Person,
        summary: "behind on the electric bill".into(),
        location: Location::default(),
        contact: Contact::default(),
        safe_contact: SafeContact::default(),
        language: "en".into(),
        answers: Default::default(),
        triage: Triage::unscreened(),
        ems_reason: None,
        ems_consent: None,
        status: heart_domain::dispatch::Status::Received,
        team_id: None,
        outcome: None,
        version: 1,
        facts: Default::default(),
    }
}

async fn every_way_in(u: Under) {
    let s = u.s;
    let c = s.channels();
    let p = PartnerRow {
        id: PartnerId::new(),
        name: "Central Square Bank".into(),
        slug: "central-square-bank".into(),
        kinds: vec!["person_sheltering".into(), "referral".into()],
        escalate_minutes: 60,
        business_hours: "mon-fri 09:00-17:00".into(),
        created_at: now(),
        revoked_at: None,
    };
    s.apply(ch(ChannelOp::InsertPartner {
        row: p.clone(),
        secret: b"hps_secret".to_vec(),
    }))
    .await
    .unwrap();
    let (got, secret) = c
        .partner_by_slug("central-square-bank")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (got, secret.current.as_slice()),
        (p.clone(), &b"hps_secret"[..])
    );
    assert_eq!(secret.previous, None);
    // A new secret: the old one is kept beside it, with the end of its grace.
    let until = now() + jiff::SignedDuration::from_mins(60);
    s.apply(ch(ChannelOp::RotatePartnerSecret {
        id: p.id,
        secret: b"hps_new".to_vec(),
        previous_until: until,
    }))
    .await
    .unwrap();
    let (_, secret) = c
        .partner_by_slug("central-square-bank")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(secret.current, b"hps_new".to_vec());
    assert_eq!(secret.previous, Some((b"hps_secret".to_vec(), until)));
    assert!(c.partner_by_slug("nobody").await.unwrap().is_none());
    // The same name again: refused as a duplicate.
    let mut twin = p.clone();
    twin.id = PartnerId::new();
    twin.slug = "other".into();
    assert!(matches!(
        s.apply(ch(ChannelOp::InsertPartner {
            row: twin,
            secret: vec![1]
        }))
        .await,
        Err(StoreError::Duplicate(_))
    ));

    // A held alert: its body sealed, opened on read, due in an hour.
    let due = now() + jiff::SignedDuration::from_mins(60);
    let a = PartnerAlertRow {
        id: PartnerAlertId::new(),
        partner: p.id,
        idem_key: Some("k1".into()),
        fingerprint: "f".into(),
        kind: "person_sheltering".into(),
        state: "held".into(),
        request: None,
        received_at: now(),
        due_at: Some(due),
        held: Some(br#"{"kind":"person_sheltering"}"#.to_vec()),
        callback: Some("https://bank.example/heart".into()),
    };
    s.apply(ch(ChannelOp::InsertAlert {
        row: a.clone(),
        place: Some("tx:atm".into()),
    }))
    .await
    .unwrap();
    assert_eq!(c.alert(a.id).await.unwrap().unwrap(), a);
    assert_eq!(c.alert_by_key(p.id, "k1").await.unwrap().unwrap().id, a.id);
    assert!(c.alerts_due(now(), 10).await.unwrap().is_empty());
    assert_eq!(c.alerts_due(due, 10).await.unwrap().len(), 1);
    assert_eq!(c.alerts_held_at(p.id, "tx:atm").await.unwrap().len(), 1);
    assert!(
        c.alerts_held_at(p.id, "tx:elsewhere")
            .await
            .unwrap()
            .is_empty()
    );
    // The same key again is a duplicate; nothing else of that change set is written.
    let mut again = a.clone();
    again.id = PartnerAlertId::new();
    assert!(matches!(
        s.apply(ch(ChannelOp::InsertAlert {
            row: again,
            place: None
        }))
        .await,
        Err(StoreError::Duplicate("idempotency key"))
    ));

    // Moved once: the second move finds it moved and is a conflict; the sealed body is gone.
    let r = care_request();
    s.apply(
        ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: r.subject,
                at: now(),
            }))
            .op(Op::Request(RequestOp::InsertRequest(r.clone()))),
    )
    .await
    .unwrap();
    let mut sent = a.clone();
    sent.state = "sent".into();
    sent.request = Some(r.id);
    s.apply(ch(ChannelOp::MoveAlert {
        row: sent.clone(),
        from: "held",
    }))
    .await
    .unwrap();
    assert!(matches!(
        s.apply(ch(ChannelOp::MoveAlert {
            row: sent,
            from: "held"
        }))
        .await,
        Err(StoreError::Conflict)
    ));
    let moved = c.alert(a.id).await.unwrap().unwrap();
    assert_eq!(
        (moved.state.as_str(), moved.held, moved.request),
        ("sent", None, Some(r.id))
    );

    // A partner's callback: found through the request, queued, sent once.
    assert_eq!(c.alerts_with_callback(r.id).await.unwrap().len(), 1);
    let cb = CallbackId::new();
    s.apply(ch(ChannelOp::Reply(ReplyOp::QueueCallback {
        id: cb,
        alert: a.id,
        body: r#"{"progress":"received"}"#.into(),
        at: now(),
    })))
    .await
    .unwrap();
    let due = c.callbacks_due(now(), 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].slug.as_str(), due[0].url.as_str()),
        ("central-square-bank", "https://bank.example/heart")
    );
    // Two nodes take the same callback: one gets it, and it is no longer due for anyone.
    let claim = ChangeSet::new().op(Op::Outbox(OutboxOp::Claim {
        outbox: Outbox::Callbacks,
        id: cb.to_string(),
        was: due[0].next_at,
        until: now() + jiff::SignedDuration::from_mins(5),
    }));
    s.apply(claim.clone()).await.unwrap();
    assert!(matches!(s.apply(claim).await, Err(StoreError::Conflict)));
    assert!(c.callbacks_due(now(), 10).await.unwrap().is_empty());
    let settle = || {
        ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
            outbox: Outbox::Callbacks,
            id: cb.to_string(),
            attempts: 1,
            outcome: Try::Sent { provider_ref: None },
            at: now(),
        }))
    };
    s.apply(settle()).await.unwrap();
    assert!(matches!(s.apply(settle()).await, Err(StoreError::Conflict)));
    assert!(c.callbacks_due(now(), 10).await.unwrap().is_empty());

    // Places: the first claim takes it; a claim expecting another request is refused; the right one swaps.
    let claim = |request: RequestId, expect: Option<RequestId>| {
        ch(ChannelOp::ClaimPlace {
            place: "pt:1:2".into(),
            request,
            expect,
            at: now(),
        })
    };
    s.apply(claim(r.id, None)).await.unwrap();
    assert_eq!(c.place("pt:1:2").await.unwrap(), Some((r.id, now())));
    let r2 = care_request();
    s.apply(
        ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: r2.subject,
                at: now(),
            }))
            .op(Op::Request(RequestOp::InsertRequest(r2.clone()))),
    )
    .await
    .unwrap();
    assert!(matches!(
        s.apply(claim(r2.id, None)).await,
        Err(StoreError::Duplicate("place"))
    ));
    s.apply(claim(r2.id, Some(r.id))).await.unwrap();
    assert_eq!(c.place("pt:1:2").await.unwrap().unwrap().0, r2.id);
    let later = now() + jiff::SignedDuration::from_mins(5);
    s.apply(ch(ChannelOp::TouchPlace {
        place: "pt:1:2".into(),
        at: later,
    }))
    .await
    .unwrap();
    assert_eq!(c.place("pt:1:2").await.unwrap().unwrap().1, later);

    // Tokens: a held alert's token is pointed at its request; an Open311 one lists through the join.
    s.apply(ch(ChannelOp::Reply(ReplyOp::InsertToken {
        hash: "h-alert".into(),
        row: SenderTokenRow {
            request: None,
            alert: Some(a.id),
            source: "partner".into(),
            kind: "person_sheltering".into(),
            created_at: now(),
        },
    })))
    .await
    .unwrap();
    s.apply(ch(ChannelOp::Reply(ReplyOp::PointTokens {
        alert: a.id,
        request: r.id,
    })))
    .await
    .unwrap();
    assert_eq!(
        c.token("h-alert").await.unwrap().unwrap().request,
        Some(r.id)
    );
    s.apply(ch(ChannelOp::Reply(ReplyOp::InsertToken {
        hash: "h-311".into(),
        row: SenderTokenRow {
            request: Some(r2.id),
            alert: None,
            source: "open311".into(),
            kind: "welfare_check".into(),
            created_at: now(),
        },
    })))
    .await
    .unwrap();
    let listed = c
        .outside_requests(
            "open311",
            now() - jiff::SignedDuration::from_hours(1),
            later,
            10,
        )
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].id, listed[0].kind.as_str()),
        (r2.id, "welfare_check")
    );
    assert!(c.outside_request("open311", r.id).await.unwrap().is_none());

    // The first acknowledgement wins.
    let ack = |at: Timestamp| {
        ch(ChannelOp::Reply(ReplyOp::Ack {
            row: AckRow {
                request: r.id,
                channel: Channel::Partner,
                received_at: now(),
                acked_at: at,
            },
            actor: "user:x".into(),
        }))
    };
    s.apply(ack(later)).await.unwrap();
    s.apply(ack(later + jiff::SignedDuration::from_mins(9)))
        .await
        .unwrap();
    let acks = c.acks_since(now()).await.unwrap();
    assert_eq!(acks.len(), 1);
    assert_eq!(acks[0].acked_at, later);
    assert_eq!(c.acks_open().await.unwrap().len(), 1);

    // The full switch: on, then off.
    assert!(c.full().await.unwrap().is_none());
    s.apply(ch(ChannelOp::Reply(ReplyOp::SetFull(FullRow {
        until: Some(later),
        set_at: now(),
        set_by: "user:x".into(),
    }))))
    .await
    .unwrap();
    assert_eq!(c.full().await.unwrap().unwrap().until, Some(later));
    s.apply(ch(ChannelOp::Reply(ReplyOp::SetFull(FullRow {
        until: None,
        set_at: later,
        set_by: "user:y".into(),
    }))))
    .await
    .unwrap();
    assert_eq!(c.full().await.unwrap().unwrap().until, None);
}

async fn text_messages(u: Under) {
    use heart_store::sms::{SmsOp, SmsRow};
    let s = u.s;
    let r = care_request();
    s.apply(
        ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: r.subject,
                at: now(),
            }))
            .op(Op::Request(RequestOp::InsertRequest(r.clone()))),
    )
    .await
    .unwrap();
    let msg = |dir: &str, body: &str, status: &str, sid: Option<&str>| SmsRow {
        id: SmsId::new(),
        subject: r.subject,
        request: Some(r.id),
        direction: dir.into(),
        phone: Some("+16175550142".into()),
        body: Some(body.into()),
        status: status.into(),
        provider_sid: sid.map(str::to_string),
        attempts: 0,
        next_at: (dir == "out").then(now),
        error: None,
        created_at: now(),
        updated_at: now(),
    };
    let sms = |op: SmsOp| ChangeSet::new().op(Op::Sms(op));
    let inbound = msg("in", "is anyone there? 🙂", "received", Some("SM1"));
    s.apply(sms(SmsOp::Insert(inbound.clone()))).await.unwrap();
    // The provider's id is taken once.
    let mut again = inbound.clone();
    again.id = SmsId::new();
    assert!(matches!(
        s.apply(sms(SmsOp::Insert(again))).await,
        Err(StoreError::Duplicate(_))
    ));
    let out = msg("out", "We have your message.", "queued", None);
    s.apply(sms(SmsOp::Insert(out.clone()))).await.unwrap();
    let m = s.sms();
    let conv = m.sms_for_request(r.id).await.unwrap();
    assert_eq!(conv.len(), 2);
    assert_eq!(conv[0].body.as_deref(), Some("is anyone there? 🙂"));
    assert_eq!(conv[0].phone.as_deref(), Some("+16175550142"));
    assert_eq!(m.sms_due(now(), 10).await.unwrap().len(), 1);
    // Two senders take the same text: one gets it, and it is no longer due for anyone.
    let claim = ChangeSet::new().op(Op::Outbox(OutboxOp::Claim {
        outbox: Outbox::Texts,
        id: out.id.to_string(),
        was: now(),
        until: now() + jiff::SignedDuration::from_mins(10),
    }));
    s.apply(claim.clone()).await.unwrap();
    assert!(matches!(s.apply(claim).await, Err(StoreError::Conflict)));
    assert!(m.sms_due(now(), 10).await.unwrap().is_empty());
    // Sent once: a second settle finds it settled.
    let settle = || {
        ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
            outbox: Outbox::Texts,
            id: out.id.to_string(),
            attempts: 1,
            outcome: Try::Sent {
                provider_ref: Some("SM2".into()),
            },
            at: now(),
        }))
    };
    s.apply(settle()).await.unwrap();
    assert!(matches!(s.apply(settle()).await, Err(StoreError::Conflict)));
    assert!(m.sms_due(now(), 10).await.unwrap().is_empty());
    s.apply(sms(SmsOp::Report {
        provider_sid: "SM2".into(),
        status: "delivered".into(),
        error: None,
        at: now(),
    }))
    .await
    .unwrap();
    assert_eq!(
        m.sms_for_request(r.id).await.unwrap()[1].status,
        "delivered"
    );
    // STOP and START, by number in any format.
    assert!(!m.sms_opted_out("617-555-0142").await.unwrap());
    s.apply(sms(SmsOp::OptOut {
        phone: "+16175550142".into(),
        at: now(),
    }))
    .await
    .unwrap();
    assert!(m.sms_opted_out("(617) 555-0142").await.unwrap());
    s.apply(sms(SmsOp::OptIn {
        phone: "617 555 0142".into(),
    }))
    .await
    .unwrap();
    assert!(!m.sms_opted_out("+16175550142").await.unwrap());
    // Erased with the person: the words and the number are gone for good.
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: r.subject,
        at: now(),
        reason: "asked".into(),
    })))
    .await
    .unwrap();
    let conv = m.sms_for_request(r.id).await.unwrap();
    assert_eq!(conv.len(), 2);
    assert!(conv.iter().all(|c| c.body.is_none() && c.phone.is_none()));
}
