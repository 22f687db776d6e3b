//! Store conformance for the money tables, on both engines: the ledger's rules inside the transaction, cached
//! monthly totals against the lines, mutual-aid approvals by other people once each, paid once under concurrency,
//! donations and idempotent provider events.

use crate::common::Under;
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::ledger::{self, Account, EntryKind};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::outbox::{Outbox, OutboxOp, Try};
use heart_store::*;
use heart_store::{RequestOp, TrustOp};

on_both!(
    entries_balances_and_periods,
    mutual_aid_is_approved_by_others_and_paid_once,
    donations_and_provider_events,
    receipts_wait_in_the_mail_outbox_and_go_once,
);

fn now() -> Timestamp {
    "2026-11-26T20:00:00Z".parse().unwrap()
}

fn fund(name: &str, currency: &str) -> FundRow {
    FundRow {
        id: FundId::new(),
        name: name.into(),
        kind: "general".into(),
        currency: currency.into(),
        restriction: None,
        created_at: now(),
        archived: false,
    }
}

fn entry(kind: EntryKind, day: i64, lines: Vec<ledger::Line>) -> EntryRow {
    EntryRow {
        id: EntryId::new(),
        at: now(),
        day,
        kind,
        memo: kind.as_str().into(),
        ref_kind: None,
        ref_id: None,
        reverses: None,
        flagged: false,
        posted_by: "user:test".into(),
        lines,
    }
}

fn post(e: EntryRow) -> ChangeSet {
    ChangeSet::new().op(Op::Money(MoneyOp::PostEntry(e)))
}

async fn entries_balances_and_periods(u: Under) {
    let s = u.s;
    let m = s.money();
    let (a, b, e) = (
        fund("General", "USD"),
        fund("Mutual aid", "USD"),
        fund("Euro", "EUR"),
    );
    for f in [&a, &b, &e] {
        s.apply(ChangeSet::new().op(Op::Money(MoneyOp::InsertFund(f.clone()))))
            .await
            .unwrap();
    }
    let dup = fund("General", "USD");
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Money(MoneyOp::InsertFund(dup))))
            .await,
        Err(StoreError::Duplicate(_))
    ));
    // October: 100.00 in, November: 50.00 in, 30.00 aid, a transfer of 20.00 to the aid fund.
    let g1 = entry(
        EntryKind::Gift,
        20261015,
        ledger::gift(a.id, 10_000, Account::Cash),
    );
    s.apply(post(g1.clone())).await.unwrap();
    s.apply(post(entry(
        EntryKind::Gift,
        20261103,
        ledger::gift(a.id, 5_000, Account::Processor),
    )))
    .await
    .unwrap();
    s.apply(post(entry(
        EntryKind::Disbursement,
        20261110,
        ledger::disbursement(a.id, 3_000),
    )))
    .await
    .unwrap();
    s.apply(post(entry(
        EntryKind::Transfer,
        20261120,
        ledger::transfer(a.id, b.id, 2_000),
    )))
    .await
    .unwrap();
    assert_eq!(m.fund_balance(a.id).await.unwrap(), 10_000);
    assert_eq!(m.fund_balance(b.id).await.unwrap(), 2_000);
    // Money out beyond the fund is refused and leaves nothing.
    let too_much = s
        .apply(post(entry(
            EntryKind::Disbursement,
            20261121,
            ledger::disbursement(b.id, 2_001),
        )))
        .await;
    assert!(
        matches!(too_much, Err(StoreError::Refused("insufficient-funds"))),
        "{too_much:?}"
    );
    assert_eq!(m.fund_balance(b.id).await.unwrap(), 2_000);
    // Unbalanced lines and mixed currencies are refused.
    let mut bad = ledger::gift(a.id, 100, Account::Cash);
    bad[0].amount = 99;
    assert!(matches!(
        s.apply(post(entry(EntryKind::Gift, 20261121, bad))).await,
        Err(StoreError::Refused("unbalanced-entry"))
    ));
    assert!(matches!(
        s.apply(post(entry(
            EntryKind::Transfer,
            20261121,
            ledger::transfer(a.id, e.id, 10)
        )))
        .await,
        Err(StoreError::Refused("mixed-currencies"))
    ));
    // A period report: November alone, and October to November.
    let nov = m.fund_period(a.id, 20261101, 20261130).await.unwrap();
    assert_eq!(
        nov,
        PeriodRow {
            opening: 10_000,
            inflow: 5_000,
            outflow: 5_000,
            closing: 10_000
        }
    );
    let both = m.fund_period(a.id, 20261001, 20261130).await.unwrap();
    assert_eq!(
        (both.opening, both.inflow, both.outflow, both.closing),
        (0, 15_000, 5_000, 10_000)
    );
    let mid = m.fund_period(a.id, 20261016, 20261109).await.unwrap();
    assert_eq!(
        (mid.opening, mid.inflow, mid.outflow, mid.closing),
        (10_000, 5_000, 0, 15_000)
    );
    // The ledger of a fund, with lines.
    let list = m.fund_entries(a.id, 20261001, 20261130, 100).await.unwrap();
    assert_eq!(list.len(), 4);
    assert!(
        list.iter()
            .all(|e| e.lines.iter().map(|l| l.amount).sum::<i64>() == 0)
    );
    assert_eq!(list[0].id, g1.id);
    assert_eq!(list[0].lines, g1.lines);
    // Reversal: once, and it restores the balance from before.
    let mut rev = entry(
        EntryKind::Reversal,
        20261122,
        ledger::reversal(&ledger::disbursement(a.id, 3_000)),
    );
    let disb = list
        .iter()
        .find(|e| e.kind == EntryKind::Disbursement)
        .unwrap();
    rev.reverses = Some(disb.id);
    s.apply(post(rev.clone())).await.unwrap();
    assert_eq!(m.fund_balance(a.id).await.unwrap(), 13_000);
    assert_eq!(m.reversal_of(disb.id).await.unwrap(), Some(rev.id));
    let mut again = rev.clone();
    again.id = EntryId::new();
    assert!(matches!(
        s.apply(post(again)).await,
        Err(StoreError::Refused("already-reversed"))
    ));
    // A refund beyond the fund is allowed and flagged.
    let refund = entry(
        EntryKind::Refund,
        20261123,
        ledger::refund(b.id, 2_500, Account::Processor),
    );
    s.apply(post(refund.clone())).await.unwrap();
    assert!(m.entry(refund.id).await.unwrap().unwrap().flagged);
    assert_eq!(m.fund_balance(b.id).await.unwrap(), -500);
    let check = m.ledger_verify().await.unwrap();
    assert_eq!(check.problems, Vec::<String>::new());
    assert_eq!(check.entries, 6);
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

fn aid(r: &RequestRow, fund: FundId, amount: i64, needed: i64) -> AidRow {
    AidRow {
        id: AidId::new(),
        request_id: r.id,
        subject: r.subject,
        fund_id: fund,
        amount_minor: amount,
        currency: "USD".into(),
        purpose: "arrears".into(),
        payee_kind: "third_party".into(),
        payee_name: Some("Eversource".into()),
        method: "check".into(),
        notes: Some("two months behind; shut-off notice".into()),
        requested_by: "user:asker".into(),
        requested_at: now(),
        approvals_needed: needed,
        approvals: Vec::new(),
        status: "awaiting_approval".into(),
        declined_by: None,
        decline_reason: None,
        decided_at: None,
        paid_by: None,
        paid_at: None,
        entry_id: None,
        proof_name: None,
        proof_type: None,
        version: 1,
    }
}

fn money(op: MoneyOp) -> ChangeSet {
    ChangeSet::new().op(Op::Money(op))
}

async fn mutual_aid_is_approved_by_others_and_paid_once(u: Under) {
    let s = u.s;
    let m = s.money();
    let f = fund("Mutual aid", "USD");
    s.apply(money(MoneyOp::InsertFund(f.clone())))
        .await
        .unwrap();
    s.apply(post(entry(
        EntryKind::Gift,
        20261101,
        ledger::gift(f.id, 50_000, Account::Cash),
    )))
    .await
    .unwrap();
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
    let a = aid(&r, f.id, 40_000, 2);
    s.apply(money(MoneyOp::Aid(AidOp::InsertAid(Box::new(a.clone())))))
        .await
        .unwrap();
    let got = m.aid(a.id).await.unwrap().unwrap();
    assert_eq!(
        got.notes.as_deref(),
        Some("two months behind; shut-off notice")
    );
    assert_eq!(m.aid_for_request(r.id).await.unwrap().len(), 1);
    assert_eq!(
        m.aid_total_for_subject(r.subject, "USD", now())
            .await
            .unwrap(),
        40_000
    );
    // Aid in another currency is counted apart.
    assert_eq!(
        m.aid_total_for_subject(r.subject, "EUR", now())
            .await
            .unwrap(),
        0
    );
    let approve = |who: &str, version: i64| {
        money(MoneyOp::Aid(AidOp::ApproveAid {
            id: a.id,
            approver: who.into(),
            at: now(),
            version,
        }))
    };
    // The asker cannot approve; nobody approves twice.
    assert!(matches!(
        s.apply(approve("user:asker", 1)).await,
        Err(StoreError::Refused("own-request"))
    ));
    s.apply(approve("user:one", 1)).await.unwrap();
    assert!(matches!(
        s.apply(approve("user:one", 2)).await,
        Err(StoreError::Refused("approved-already"))
    ));
    assert_eq!(
        m.aid(a.id).await.unwrap().unwrap().status,
        "awaiting_approval"
    );
    // A stale version is a conflict.
    assert!(matches!(
        s.apply(approve("user:two", 1)).await,
        Err(StoreError::Conflict)
    ));
    s.apply(approve("user:two", 2)).await.unwrap();
    let got = m.aid(a.id).await.unwrap().unwrap();
    assert_eq!(got.status, "approved");
    assert_eq!(got.approvals.len(), 2);
    // Many people press "paid" at once: one payment, one entry.
    let mut tasks = Vec::new();
    for n in 0..8 {
        let s = s.clone();
        let e = entry(
            EntryKind::Disbursement,
            20261126,
            ledger::disbursement(f.id, 40_000),
        );
        tasks.push(tokio::spawn(async move {
            s.apply(money(MoneyOp::Aid(AidOp::PayAid {
                id: a.id,
                by: format!("user:payer{n}"),
                at: now(),
                version: 3,
                entry: e,
            })))
            .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap().is_ok() {
            ok += 1;
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(m.fund_balance(f.id).await.unwrap(), 10_000);
    let paid = m.aid(a.id).await.unwrap().unwrap();
    assert_eq!(paid.status, "paid");
    assert!(paid.entry_id.is_some());
    // A second request beyond what is left cannot be paid even when approved.
    let b = aid(&r, f.id, 20_000, 1);
    s.apply(money(MoneyOp::Aid(AidOp::InsertAid(Box::new(b.clone())))))
        .await
        .unwrap();
    s.apply(money(MoneyOp::Aid(AidOp::ApproveAid {
        id: b.id,
        approver: "user:one".into(),
        at: now(),
        version: 1,
    })))
    .await
    .unwrap();
    let pay = s
        .apply(money(MoneyOp::Aid(AidOp::PayAid {
            id: b.id,
            by: "user:one".into(),
            at: now(),
            version: 2,
            entry: entry(
                EntryKind::Disbursement,
                20261126,
                ledger::disbursement(f.id, 20_000),
            ),
        })))
        .await;
    assert!(
        matches!(pay, Err(StoreError::Refused("insufficient-funds"))),
        "{pay:?}"
    );
    assert_eq!(m.aid(b.id).await.unwrap().unwrap().status, "approved");
    // A declined request needs a reason and someone other than the asker.
    s.apply(money(MoneyOp::Aid(AidOp::DeclineAid {
        id: b.id,
        by: "user:two".into(),
        reason: "the fund is empty this month".into(),
        at: now(),
        version: 2,
    })))
    .await
    .unwrap();
    assert_eq!(m.aid_with_status("declined", 10).await.unwrap().len(), 1);
    assert_eq!(m.aid_with_status("paid", 10).await.unwrap().len(), 1);
    // Proof is sealed; erasure removes notes and proof, the amounts stay for the books.
    let v = m.aid(a.id).await.unwrap().unwrap().version;
    s.apply(money(MoneyOp::Aid(AidOp::AttachAidProof {
        id: a.id,
        name: "check.png".into(),
        content_type: "image/png".into(),
        bytes: vec![1, 2, 3],
        version: v,
    })))
    .await
    .unwrap();
    assert_eq!(
        m.aid_proof(a.id).await.unwrap(),
        Some(("check.png".into(), "image/png".into(), vec![1, 2, 3]))
    );
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: r.subject,
        at: now(),
        reason: "person_asked".into(),
    })))
    .await
    .unwrap();
    let gone = m.aid(a.id).await.unwrap().unwrap();
    assert_eq!(gone.notes, None);
    assert_eq!(gone.amount_minor, 40_000);
    assert_eq!(m.aid_proof(a.id).await.unwrap(), None);
    assert!(m.ledger_verify().await.unwrap().problems.is_empty());
}

fn donation(fund: FundId, email: &str, provider_ref: &str) -> (DonorRow, DonationRow) {
    let donor = DonorRow {
        id: DonorId::new(),
        email: email.into(),
        name: Some("A. Donor".into()),
        created_at: now(),
    };
    let d = DonationRow {
        id: DonationId::new(),
        donor_id: donor.id,
        fund_id: fund,
        campaign_id: None,
        amount_minor: 2_500,
        currency: "USD".into(),
        frequency: "once".into(),
        anonymous: false,
        message: Some("for the winter".into()),
        provider: "stripe".into(),
        method: "card".into(),
        provider_ref: Some(provider_ref.into()),
        subscription_ref: None,
        status: "pending".into(),
        receipt_token: format!("tok-{provider_ref}"),
        created_at: now(),
        paid_at: None,
        entry_id: None,
        refunded_minor: 0,
        recorded_by: None,
        version: 1,
        language: "es".into(),
    };
    (donor, d)
}

async fn donations_and_provider_events(u: Under) {
    let s = u.s;
    let m = s.money();
    let f = fund("General", "USD");
    s.apply(money(MoneyOp::InsertFund(f.clone())))
        .await
        .unwrap();
    let c = CampaignRow {
        id: CampaignId::new(),
        name: "Winter".into(),
        fund_id: f.id,
        goal_minor: 100_000,
        active: true,
        created_at: now(),
    };
    s.apply(money(MoneyOp::Donations(Box::new(
        DonationOp::InsertCampaign(c.clone()),
    ))))
    .await
    .unwrap();
    let (donor, mut d) = donation(f.id, "a@example.org", "cs_1");
    d.campaign_id = Some(c.id);
    s.apply(money(MoneyOp::Donations(Box::new(
        DonationOp::InsertDonation {
            donor: donor.clone(),
            donation: d.clone(),
        },
    ))))
    .await
    .unwrap();
    // The same email is the same donor.
    let (donor2, d2) = donation(f.id, "a@example.org", "cs_2");
    s.apply(money(MoneyOp::Donations(Box::new(
        DonationOp::InsertDonation {
            donor: donor2,
            donation: d2.clone(),
        },
    ))))
    .await
    .unwrap();
    assert_eq!(m.donors().await.unwrap().len(), 1);
    assert_eq!(m.donations_for_donor(donor.id).await.unwrap().len(), 2);
    assert_eq!(m.donation(d2.id).await.unwrap().unwrap().donor_id, donor.id);
    assert_eq!(
        m.donation_by_token("tok-cs_1").await.unwrap().unwrap().id,
        d.id
    );
    // Paid: the gift and its entry together; the event once.
    let mut paid = m.donation_by_provider_ref("cs_1").await.unwrap().unwrap();
    paid.status = "paid".into();
    paid.paid_at = Some(now());
    let e = entry(
        EntryKind::Gift,
        20261126,
        ledger::gift(f.id, 2_500, Account::Processor),
    );
    paid.entry_id = Some(e.id);
    let cs = ChangeSet::new()
        .op(Op::Money(MoneyOp::Donations(Box::new(
            DonationOp::ClaimPaymentEvent {
                provider: "stripe".into(),
                event_id: "evt_1".into(),
                at: now(),
            },
        ))))
        .op(Op::Money(MoneyOp::Donations(Box::new(
            DonationOp::UpdateDonation {
                donation: paid.clone(),
                entry: Some(e),
            },
        ))));
    s.apply(cs.clone()).await.unwrap();
    assert!(matches!(
        s.apply(cs).await,
        Err(StoreError::Duplicate("payment event"))
    ));
    assert!(m.payment_event_seen("stripe", "evt_1").await.unwrap());
    assert!(!m.payment_event_seen("stripe", "evt_2").await.unwrap());
    assert_eq!(m.fund_balance(f.id).await.unwrap(), 2_500);
    assert_eq!(m.campaign_raised(c.id).await.unwrap(), 2_500);
    let from: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
    let to: Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
    assert_eq!(m.donations_paid_between(from, to).await.unwrap().len(), 1);
    assert_eq!(m.donations_recent(10).await.unwrap().len(), 2);
    assert_eq!(m.campaigns().await.unwrap(), vec![c]);
    assert_eq!(m.donation(d.id).await.unwrap().unwrap().language, "es");
}

fn mail(donor: DonorId, donation: Option<DonationId>, dedup: &str) -> MailRow {
    MailRow {
        id: MailId::new(),
        dedup: dedup.into(),
        kind: if donation.is_some() {
            "receipt"
        } else {
            "statement"
        }
        .into(),
        donor_id: donor,
        donation_id: donation,
        year: donation.is_none().then_some(2026),
        language: "es".into(),
        created_at: now(),
        next_at: now(),
        attempts: 0,
        sent_at: None,
        failed_at: None,
        error: None,
    }
}

async fn receipts_wait_in_the_mail_outbox_and_go_once(u: Under) {
    let s = u.s;
    let m = s.money();
    let f = fund("General", "USD");
    s.apply(money(MoneyOp::InsertFund(f.clone())))
        .await
        .unwrap();
    let (donor, d) = donation(f.id, "b@example.org", "cs_9");
    s.apply(money(MoneyOp::Donations(Box::new(
        DonationOp::InsertDonation {
            donor: donor.clone(),
            donation: d.clone(),
        },
    ))))
    .await
    .unwrap();
    let receipt = mail(donor.id, Some(d.id), &format!("receipt:{}", d.id));
    s.apply(money(MoneyOp::QueueMail(receipt.clone())))
        .await
        .unwrap();
    // Queued again (a replayed event): still one mail.
    s.apply(money(MoneyOp::QueueMail(mail(
        donor.id,
        Some(d.id),
        &format!("receipt:{}", d.id),
    ))))
    .await
    .unwrap();
    let later = mail(donor.id, None, "statement:x:2026");
    let later = MailRow {
        next_at: now() + jiff::SignedDuration::from_hours(1),
        ..later
    };
    s.apply(money(MoneyOp::QueueMail(later.clone())))
        .await
        .unwrap();
    assert_eq!(m.mail_due(now(), 10).await.unwrap(), vec![receipt.clone()]);
    assert_eq!(
        m.mail_for_donation(d.id).await.unwrap().map(|r| r.id),
        Some(receipt.id)
    );
    assert_eq!(m.mail_for_donor(donor.id).await.unwrap().len(), 2);
    // Two senders take the same due mail: one gets it.
    let until = now() + jiff::SignedDuration::from_mins(5);
    let claim = ChangeSet::new().op(Op::Outbox(OutboxOp::Claim {
        outbox: Outbox::Mail,
        id: receipt.id.to_string(),
        was: receipt.next_at,
        until,
    }));
    s.apply(claim.clone()).await.unwrap();
    assert!(matches!(s.apply(claim).await, Err(StoreError::Conflict)));
    assert!(m.mail_due(now(), 10).await.unwrap().is_empty());
    // A failed try waits; then it is sent, and a sent mail is never settled again.
    let again = now() + jiff::SignedDuration::from_secs(30);
    s.apply(ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
        outbox: Outbox::Mail,
        id: receipt.id.to_string(),
        attempts: 1,
        outcome: Try::Again {
            next_at: again,
            error: "421 try again later".into(),
        },
        at: now(),
    })))
    .await
    .unwrap();
    let due = m.mail_due(again, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].attempts, 1);
    assert_eq!(due[0].error.as_deref(), Some("421 try again later"));
    let sent = ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
        outbox: Outbox::Mail,
        id: receipt.id.to_string(),
        attempts: 2,
        outcome: Try::Sent { provider_ref: None },
        at: again,
    }));
    s.apply(sent.clone()).await.unwrap();
    assert!(matches!(s.apply(sent).await, Err(StoreError::Conflict)));
    s.apply(ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
        outbox: Outbox::Mail,
        id: later.id.to_string(),
        attempts: 1,
        outcome: Try::Failed {
            error: "550 no such mailbox".into(),
        },
        at: again,
    })))
    .await
    .unwrap();
    assert_eq!(
        m.mail_summary().await.unwrap(),
        MailSummary {
            waiting: 0,
            failed: 1,
            sent: 1
        }
    );
    assert!(
        m.mail_due(now() + jiff::SignedDuration::from_hours(48), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

mod model {
    //! The store against the ledger's reference model: the same sequence of postings and reversals is accepted or
    //! refused alike, balances agree after every step, and the books verify.
    use super::*;
    use heart_domain::ledger::Ledger;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Step {
        Gift(usize, i64),
        Aid(usize, i64),
        Refund(usize, i64),
        Transfer(usize, usize, i64),
        Reverse(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0..2usize, 1i64..50_000).prop_map(|(f, a)| Step::Gift(f, a)),
            (0..2usize, 1i64..50_000).prop_map(|(f, a)| Step::Aid(f, a)),
            (0..2usize, 1i64..20_000).prop_map(|(f, a)| Step::Refund(f, a)),
            (0..2usize, 0..2usize, 1i64..50_000).prop_map(|(f, t, a)| Step::Transfer(f, t, a)),
            (0..30usize).prop_map(Step::Reverse),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn the_store_keeps_the_books_as_the_model_does(steps in proptest::collection::vec(step(), 1..30)) {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async {
                let u = crate::common::sqlite().await;
                let s = u.s.clone();
                let funds = [fund("A", "USD"), fund("B", "USD")];
                let mut model = Ledger::default();
                for f in &funds {
                    s.apply(money(MoneyOp::InsertFund(f.clone()))).await.unwrap();
                    model.open_fund(f.id, "USD");
                }
                let mut posted: Vec<(EntryId, EntryId)> = Vec::new(); // (store id, model id)
                for (n, st) in steps.into_iter().enumerate() {
                    let day = 20260101 + (n as i64 % 28);
                    let (kind, lines, reverses) = match st {
                        Step::Gift(f, a) => (EntryKind::Gift, ledger::gift(funds[f].id, a, Account::Cash), None),
                        Step::Aid(f, a) => (EntryKind::Disbursement, ledger::disbursement(funds[f].id, a), None),
                        Step::Refund(f, a) => (EntryKind::Refund, ledger::refund(funds[f].id, a, Account::Cash), None),
                        Step::Transfer(f, t, a) if f != t => {
                            (EntryKind::Transfer, ledger::transfer(funds[f].id, funds[t].id, a), None)
                        }
                        Step::Transfer(..) => continue,
                        Step::Reverse(i) => match posted.get(i) {
                            Some(&(sid, mid)) => {
                                let e = s.money().entry(sid).await.unwrap().unwrap();
                                (EntryKind::Reversal, ledger::reversal(&e.lines), Some((sid, mid)))
                            }
                            None => continue,
                        },
                    };
                    let mut e = entry(kind, day, lines.clone());
                    e.reverses = reverses.map(|(sid, _)| sid);
                    let stored = s.apply(post(e.clone())).await;
                    let modeled = match reverses {
                        Some((_, mid)) => model.reverse(mid),
                        None => model.post(kind, lines, None),
                    };
                    prop_assert_eq!(stored.is_ok(), modeled.is_ok(), "{:?} vs {:?}", stored, modeled);
                    if let Ok(mid) = modeled {
                        posted.push((e.id, mid));
                    }
                    for f in &funds {
                        prop_assert_eq!(s.money().fund_balance(f.id).await.unwrap(), model.balance(f.id));
                    }
                }
                let check = s.money().ledger_verify().await.unwrap();
                prop_assert!(check.problems.is_empty(), "{:?}", check.problems);
                Ok(())
            })?;
        }
    }
}
