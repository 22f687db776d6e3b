//! Store conformance for the operator's checks on both engines: people erased, and the database server's clock
//! (PostgreSQL's; none for the embedded file).

use crate::common::Under;
use heart_domain::ids::SubjectId;
use heart_domain::time::Timestamp;
use heart_store::TrustOp;
use heart_store::*;

on_both!(what_the_doctor_reads);

async fn what_the_doctor_reads(u: Under) {
    let s = u.s;
    let d = s.doctor();
    assert_eq!(d.erased_people().await.unwrap(), 0);
    let at: Timestamp = "2026-11-01T08:00:00Z".parse().unwrap();
    let (gone, stays) = (SubjectId::new(), SubjectId::new());
    for id in [gone, stays] {
        s.apply(ChangeSet::new().op(Op::Trust(TrustOp::NewSubject { id, at })))
            .await
            .unwrap();
    }
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: gone,
        at,
        reason: "asked".into(),
    })))
    .await
    .unwrap();
    assert_eq!(d.erased_people().await.unwrap(), 1);
    let clock = d.db_clock().await.unwrap();
    match u.url {
        None => assert_eq!(clock, None, "the embedded file shares this machine's clock"),
        Some(_) => {
            let skew = clock
                .expect("PostgreSQL's clock")
                .duration_since(Timestamp::now());
            assert!(skew.abs() < jiff::SignedDuration::from_secs(60), "{skew:?}");
        }
    }
}
