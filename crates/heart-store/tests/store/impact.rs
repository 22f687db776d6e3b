//! Store conformance for the figures on both engines: counts grouped by bucket and facts, durations in whole
//! minutes rounded up, people and those who came back; erasing a person empties their request's neighbourhood.

use crate::common::Under;
use heart_domain::care::CloseOutcome;
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::impact::Availability;
use heart_domain::intake::*;
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::channels::{AckRow, ChannelOp, ReplyOp};
use heart_store::impact::Buckets;
use heart_store::*;
use heart_store::{RequestOp, TrustOp};

on_both!(figures_grouped_in_the_database);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn request(when: &str, subject: SubjectId, channel: Channel, hood: Option<&str>) -> RequestRow {
    RequestRow {
        id: RequestId::new(),
        subject,
        sealed: SealState::Open,
        created_at: at(when),
        updated_at: at(when),
        channel,
        requester: Requester::Person,
        summary: "private words".into(),
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
        facts: RequestFacts {
            neighbourhood: hood.map(str::to_string),
            availability: Some(Availability::Closed),
        },
    }
}

fn moved(r: &RequestRow, to: Status, after_secs: i64) -> Op {
    Op::Request(RequestOp::InsertTransition(TransitionRow {
        request_id: r.id,
        from: None,
        to,
        team_id: None,
        at: r.created_at + jiff::SignedDuration::from_secs(after_secs),
        actor: "user:x".into(),
    }))
}

async fn figures_grouped_in_the_database(u: Under) {
    let s = u.s;
    let (one, two) = (SubjectId::new(), SubjectId::new());
    // October: one request of the person who comes back. November: theirs again, and another person's.
    let early = request("2026-10-20T12:00:00Z", one, Channel::Phone, None);
    let mut again = request(
        "2026-11-02T12:00:00Z",
        one,
        Channel::Phone,
        Some("Cambridgeport"),
    );
    again.status = Status::Closed;
    again.outcome = Some(CloseOutcome::ResolvedForNow);
    again.ems_consent = Some("agreed".into());
    let other = request(
        "2026-11-03T12:00:00Z",
        two,
        Channel::Sms,
        Some("Cambridgeport"),
    );
    let mut cs = ChangeSet::new();
    for (id, when) in [(one, early.created_at), (two, other.created_at)] {
        cs = cs.op(Op::Trust(TrustOp::NewSubject { id, at: when }));
    }
    for r in [&early, &again, &other] {
        cs = cs.op(Op::Request(RequestOp::InsertRequest(r.clone())));
    }
    // Assigned after 90 seconds (2 whole minutes), on scene at 10 minutes, closed at 40; first reply at 30 s.
    cs = cs
        .op(moved(&again, Status::Assigned, 90))
        .op(moved(&again, Status::Assigned, 300))
        .op(moved(&again, Status::OnScene, 600))
        .op(moved(&again, Status::Closed, 2400))
        .op(Op::Channel(ChannelOp::Reply(ReplyOp::Ack {
            row: AckRow {
                request: other.id,
                channel: other.channel,
                received_at: other.created_at,
                acked_at: other.created_at + jiff::SignedDuration::from_secs(30),
            },
            actor: "user:x".into(),
        })));
    s.apply(cs).await.unwrap();

    // November in New York, as two buckets: the first week and the rest.
    let b = Buckets(vec![
        at("2026-11-01T04:00:00Z"),
        at("2026-11-03T05:00:00Z"),
        at("2026-12-01T05:00:00Z"),
    ]);
    let f = s.impact();
    let mut counts = f.request_counts(&b).await.unwrap();
    counts.sort_by_key(|c| c.bucket);
    assert_eq!(counts.len(), 2, "{counts:?}");
    assert_eq!(
        (
            counts[0].bucket,
            counts[0].channel.as_str(),
            counts[0].outcome.as_deref(),
            counts[0].n
        ),
        (0, "phone", Some("resolved_for_now"), 1)
    );
    assert_eq!(counts[0].ems_consent.as_deref(), Some("agreed"));
    assert_eq!(counts[0].availability.as_deref(), Some("closed"));
    assert_eq!(
        (
            counts[1].bucket,
            counts[1].channel.as_str(),
            counts[1].status.as_str()
        ),
        (1, "sms", "received")
    );
    let mut d = f.durations(&b).await.unwrap();
    d.sort_by(|a, b| a.step.cmp(&b.step));
    let steps: Vec<(&str, i64, usize)> = d
        .iter()
        .map(|d| (d.step.as_str(), d.minutes, d.bucket))
        .collect();
    assert_eq!(
        steps,
        [
            ("arrived", 10, 0),
            ("assigned", 2, 0),
            ("on_scene", 30, 0),
            ("reply", 1, 1)
        ]
    );
    let hoods = f.neighbourhood_counts(&b).await.unwrap();
    assert_eq!(hoods.iter().map(|h| h.n).sum::<i64>(), 2);
    assert!(
        hoods
            .iter()
            .all(|h| h.key.as_deref() == Some("Cambridgeport"))
    );
    // Two people in November; the first came back (a request in October).
    let p = f.people(&b).await.unwrap();
    assert_eq!((p.people, p.returning), (2, 1));
    assert!(counts.iter().all(|c| c.needs.is_none()));
    assert_eq!(counts[0].neighbourhood.as_deref(), Some("Cambridgeport"));
    assert!(f.alert_counts(&b).await.unwrap().is_empty());
    assert!(f.aid_paid(&b).await.unwrap().is_empty());
    assert!(f.ledger_sums(20261101, 20261130).await.unwrap().is_empty());
    // The planner's time per call: one request assigned (first at 90 s) and closed (at 2,400 s).
    assert_eq!(
        f.assigned_to_close(at("2026-10-01T00:00:00Z"))
            .await
            .unwrap(),
        (1, 2310)
    );
    assert_eq!(
        f.assigned_to_close(at("2026-11-03T00:00:00Z"))
            .await
            .unwrap(),
        (0, 0)
    );
    // Erasing the person empties where their request was counted; it is still counted.
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: two,
        at: at("2026-11-05T00:00:00Z"),
        reason: "asked".into(),
    })))
    .await
    .unwrap();
    let hoods = f.neighbourhood_counts(&b).await.unwrap();
    assert_eq!(
        hoods
            .iter()
            .filter(|h| h.key.is_none())
            .map(|h| h.n)
            .sum::<i64>(),
        1
    );
    assert_eq!(hoods.iter().map(|h| h.n).sum::<i64>(), 2);
}
