//! Store conformance for the directory's tables on both engines: records kept by kind and id with their
//! modified time (unchanged records keep theirs), the change counter, and today's capacity replaced in place.

use crate::common::Under;
use heart_domain::time::Timestamp;
use heart_store::directory::*;
use heart_store::*;

on_both!(directory_records_and_capacity);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn upsert(records: &[(&str, &str, &str)], when: &str) -> ChangeSet {
    ChangeSet::new().op(Op::Directory(DirectoryOp::Upsert {
        records: records
            .iter()
            .map(|(k, i, d)| (k.to_string(), i.to_string(), d.to_string()))
            .collect(),
        at: at(when),
    }))
}

async fn directory_records_and_capacity(u: Under) {
    let d = u.s.directory();
    assert_eq!(d.directory_version().await.unwrap(), 0);
    assert!(d.directory_records().await.unwrap().is_empty());
    u.s.apply(upsert(
        &[
            ("service", "s1", r#"{"id":"s1","name":"Pantry"}"#),
            ("organization", "o1", r#"{"id":"o1"}"#),
        ],
        "2026-11-26T20:00:00Z",
    ))
    .await
    .unwrap();
    assert_eq!(d.directory_version().await.unwrap(), 1);
    // The same record again keeps its time; a changed one takes the new time; others stay.
    u.s.apply(upsert(
        &[
            ("service", "s1", r#"{"id":"s1","name":"Pantry"}"#),
            ("organization", "o1", r#"{"id":"o1","name":"x"}"#),
        ],
        "2026-11-27T09:00:00Z",
    ))
    .await
    .unwrap();
    assert_eq!(d.directory_version().await.unwrap(), 2);
    let rows = d.directory_records().await.unwrap();
    assert_eq!(rows.len(), 2);
    let by = |k: &str| rows.iter().find(|r| r.kind == k).unwrap().clone();
    assert_eq!(by("service").modified_at, at("2026-11-26T20:00:00Z"));
    assert_eq!(by("organization").modified_at, at("2026-11-27T09:00:00Z"));
    assert_eq!(by("organization").doc, r#"{"id":"o1","name":"x"}"#);

    // Capacity: replaced, not added; a bad status is refused by the table and nothing changes.
    let cap = |status: &str, available: Option<i64>, when: &str| CapacityRow {
        service_id: "s1".into(),
        status: status.into(),
        available,
        note: Some("Back at 10".into()),
        updated_at: at(when),
        updated_by: "user:u1".into(),
    };
    let set = |c: CapacityRow| ChangeSet::new().op(Op::Directory(DirectoryOp::SetCapacity(c)));
    u.s.apply(set(cap("full", Some(0), "2026-11-27T09:00:00Z")))
        .await
        .unwrap();
    u.s.apply(set(cap("open", Some(3), "2026-11-27T10:00:00Z")))
        .await
        .unwrap();
    assert!(
        u.s.apply(set(cap("overflowing", None, "2026-11-27T11:00:00Z")))
            .await
            .is_err()
    );
    let c = d.directory_capacity().await.unwrap();
    assert_eq!(c, vec![cap("open", Some(3), "2026-11-27T10:00:00Z")]);
    assert_eq!(
        d.directory_version().await.unwrap(),
        2,
        "capacity does not rebuild the index"
    );
}
