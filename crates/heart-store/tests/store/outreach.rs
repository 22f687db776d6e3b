//! Store conformance for outreach and the warmline, on both engines: a walk with its people, items and codes kept
//! whole; the weeks' sums, items and distinct codes grouped in the database (a code on two walks counted once over
//! the whole period, once in each week); the warmline grouped by month and fields.

use crate::common::Under;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::impact::Buckets;
use heart_store::outreach::{OutreachOp, WalkRow};
use heart_store::warmline::{WarmlineOp, WarmlineRow};
use heart_store::*;
use std::collections::BTreeMap;

on_both!(walks_are_grouped_by_week_with_codes_counted_once);
on_both!(warmline_contacts_are_grouped_by_month);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn walk(start: &str, reached: i64, codes: &[&str]) -> Op {
    Op::Outreach(OutreachOp::Record {
        walk: Box::new(WalkRow {
            id: WalkId::new(),
            kind: "walk".into(),
            place: "Central Sq".into(),
            neighbourhood: Some("Cambridgeport".into()),
            started_at: at(start),
            ended_at: at(start) + jiff::SignedDuration::from_hours(2),
            team_id: None,
            people: vec!["ana".into(), "sam".into()],
            people_reached: reached,
            conversations: 2,
            naloxone_given: 2,
            naloxone_used: 1,
            referrals: 1,
            asked_for_team: 0,
            items: BTreeMap::from([("water".to_string(), 5), ("socks".to_string(), 0)]),
            codes: codes.len() as i64,
            recorded_by: "user:ana".into(),
            recorded_at: at(start),
        }),
        codes: codes.iter().map(|c| c.to_string()).collect(),
    })
}

async fn walks_are_grouped_by_week_with_codes_counted_once(u: Under) {
    let s = u.s;
    for op in [
        walk("2026-11-17T18:00:00Z", 10, &["h1", "h2"]),
        walk("2026-11-19T18:00:00Z", 4, &["h1"]),
        walk("2026-11-24T18:00:00Z", 7, &["h1", "h3"]),
        // Outside the buckets.
        walk("2026-12-02T18:00:00Z", 99, &["h9"]),
    ] {
        s.apply(ChangeSet::new().op(op)).await.unwrap();
    }
    let b = Buckets(vec![
        at("2026-11-16T05:00:00Z"),
        at("2026-11-23T05:00:00Z"),
        at("2026-11-30T05:00:00Z"),
    ]);
    let o = s.outreach();
    let mut counts = o.outreach_counts(&b).await.unwrap();
    counts.sort_by_key(|c| c.bucket);
    assert_eq!(counts.len(), 2);
    assert_eq!((counts[0].walks, counts[0].people_reached), (2, 14));
    assert_eq!((counts[1].walks, counts[1].people_reached), (1, 7));
    assert_eq!(counts[0].naloxone_used, 2);
    let items = o.outreach_items(&b).await.unwrap();
    let water: i64 = items
        .iter()
        .filter(|i| i.key.as_deref() == Some("water"))
        .map(|i| i.n)
        .sum();
    assert_eq!(water, 15);
    assert!(
        items.iter().all(|i| i.key.as_deref() != Some("socks")),
        "a kind none was given of is not kept"
    );
    let (mut per, total) = o.outreach_unique(&b).await.unwrap();
    per.sort_by_key(|k| k.bucket);
    assert_eq!(per.iter().map(|k| k.n).collect::<Vec<_>>(), vec![2, 2]);
    assert_eq!(total, 3, "h1 on three walks counts once");
    let walks = o
        .walks(at("2026-11-16T05:00:00Z"), at("2026-11-30T05:00:00Z"), 10)
        .await
        .unwrap();
    assert_eq!(walks.len(), 3);
    assert_eq!(
        walks[0].started_at,
        at("2026-11-24T18:00:00Z"),
        "newest first"
    );
    assert_eq!(walks[0].people, vec!["ana".to_string(), "sam".to_string()]);
    assert_eq!(walks[0].items, BTreeMap::from([("water".to_string(), 5)]));
    assert_eq!(walks[0].codes, 2);
    let request = RequestId::new();
    s.apply(ChangeSet::new().op(Op::Outreach(OutreachOp::Asked {
        walk: walks[0].id,
        request,
    })))
    .await
    .unwrap();
    assert_eq!(o.walk_requests(walks[0].id).await.unwrap(), vec![request]);
    assert_eq!(
        o.walk(walks[0].id).await.unwrap().map(|w| w.people_reached),
        Some(7)
    );
}

async fn warmline_contacts_are_grouped_by_month(u: Under) {
    let s = u.s;
    for (when, about, offered, minutes) in [
        ("2026-11-03T15:00:00Z", "loneliness", "listened", 20),
        ("2026-11-04T15:00:00Z", "loneliness", "listened", 10),
        (
            "2026-11-05T15:00:00Z",
            "food",
            "listened,a_number_to_call",
            5,
        ),
        ("2026-12-01T15:00:00Z", "food", "listened", 7),
    ] {
        s.apply(
            ChangeSet::new().op(Op::Warmline(WarmlineOp::Record(WarmlineRow {
                id: WarmlineId::new(),
                at: at(when),
                channel: "phone".into(),
                minutes,
                about: about.into(),
                offered: offered.into(),
                recorded_by: "user:ines".into(),
                recorded_at: at(when),
            }))),
        )
        .await
        .unwrap();
    }
    let b = Buckets(vec![at("2026-11-01T04:00:00Z"), at("2026-12-01T05:00:00Z")]);
    let mut c = s.warmline().warmline_counts(&b).await.unwrap();
    c.sort_by(|a, b| a.about.cmp(&b.about));
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!((c[0].about.as_str(), c[0].n, c[0].minutes), ("food", 1, 5));
    assert_eq!(
        (c[1].about.as_str(), c[1].n, c[1].minutes),
        ("loneliness", 2, 30)
    );
}
