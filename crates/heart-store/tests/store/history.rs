//! Store conformance for past requests on both engines: filters, the count, pages newest first.

use crate::common::Under;
use heart_domain::care::CloseOutcome;
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::intake::*;
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::history::RequestFilter;
use heart_store::*;
use heart_store::{RequestOp, TrustOp};

on_both!(past_requests_by_filter_and_page);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn past_requests_by_filter_and_page(u: Under) {
    let s = u.s;
    let mut cs = ChangeSet::new();
    for (i, (when, channel, closed)) in [
        ("2026-11-01T12:00:00Z", Channel::Phone, true),
        ("2026-11-02T12:00:00Z", Channel::Web, false),
        ("2026-11-03T12:00:00Z", Channel::Phone, false),
        ("2026-11-04T12:00:00Z", Channel::Phone, true),
    ]
    .into_iter()
    .enumerate()
    {
        let r = RequestRow {
            id: RequestId::new(),
            subject: SubjectId::new(),
            sealed: SealState::Open,
            created_at: at(when),
            updated_at: at(when),
            channel,
            requester: Requester::Person,
            summary: format!("request {i}"),
            location: Location::default(),
            contact: Contact::default(),
            safe_contact: SafeContact::default(),
            language: "en".into(),
            answers: Default::default(),
            triage: Triage::unscreened(),
            ems_reason: None,
            ems_consent: None,
            status: if closed {
                Status::Closed
            } else {
                Status::Received
            },
            team_id: None,
            outcome: closed.then_some(CloseOutcome::ResolvedForNow),
            version: 1,
            facts: Default::default(),
        };
        cs = cs
            .op(Op::Trust(TrustOp::NewSubject {
                id: r.subject,
                at: r.created_at,
            }))
            .op(Op::Request(RequestOp::InsertRequest(r)));
    }
    s.apply(cs).await.unwrap();
    let h = s.history();
    // A file imported once: kept by its digest; the same digest again fails the whole change set.
    let file = heart_store::history::ImportRow {
        digest: "ab".repeat(32),
        kind: "requests".into(),
        rows: 4,
        actor: "cli".into(),
        at: at("2026-11-05T09:00:00Z"),
    };
    s.apply(ChangeSet::new().op(Op::Imported(file.clone())))
        .await
        .unwrap();
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Imported(file.clone())))
            .await,
        Err(StoreError::Duplicate("import"))
    ));
    assert_eq!(h.imported(&file.digest).await.unwrap(), Some(file));
    assert_eq!(h.imported("cd").await.unwrap(), None);
    // The planner's shape of the week: when each request since a time came in, nothing else.
    let mut times = h.request_times(at("2026-11-02T12:00:00Z")).await.unwrap();
    times.sort();
    assert_eq!(
        times,
        [
            at("2026-11-02T12:00:00Z"),
            at("2026-11-03T12:00:00Z"),
            at("2026-11-04T12:00:00Z")
        ]
    );
    let summaries =
        |rows: &[RequestRow]| rows.iter().map(|r| r.summary.clone()).collect::<Vec<_>>();
    let (rows, total) = h
        .find_requests(&RequestFilter::default(), 0, 2)
        .await
        .unwrap();
    assert_eq!(
        (summaries(&rows), total),
        (vec!["request 3".to_string(), "request 2".into()], 4)
    );
    let (rows, _) = h
        .find_requests(&RequestFilter::default(), 2, 2)
        .await
        .unwrap();
    assert_eq!(
        summaries(&rows),
        ["request 1", "request 0"],
        "opened: {:?}",
        rows[0].sealed
    );
    let phone_closed = RequestFilter {
        channel: Some(Channel::Phone),
        statuses: vec![Status::Closed],
        outcome: Some(CloseOutcome::ResolvedForNow),
        ..Default::default()
    };
    let (rows, total) = h.find_requests(&phone_closed, 0, 10).await.unwrap();
    assert_eq!(
        (summaries(&rows), total),
        (vec!["request 3".to_string(), "request 0".into()], 2)
    );
    let days = RequestFilter {
        from: Some(at("2026-11-02T00:00:00Z")),
        to: Some(at("2026-11-04T00:00:00Z")),
        statuses: vec![Status::Received, Status::Triaged],
        ..Default::default()
    };
    let (rows, total) = h.find_requests(&days, 0, 10).await.unwrap();
    assert_eq!(
        (summaries(&rows), total),
        (vec!["request 2".to_string(), "request 1".into()], 2)
    );
    assert!(
        rows.iter().all(|r| r.sealed == SealState::Open),
        "opened with their keys"
    );
}
