//! Store conformance for supplies, on both engines: lots by expiry day, given soonest-expiring first, moved keeping
//! their day, never below zero (refused when strict, a shortfall for a walk), two people giving the last box at
//! once (one refused), a donor kept once by email, low marks, shortfalls looked at once, the day's alert once.

use crate::common::Under;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::supplies::{LevelRow, MoveRow, SupplyOp};
use heart_store::*;

on_both!(stock_moves_by_lot_and_never_below_zero);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn mv(direction: &str, place: &str, count: i64) -> MoveRow {
    MoveRow {
        id: SupplyMoveId::new(),
        at: at("2026-12-05T12:00:00Z"),
        direction: direction.into(),
        kind: "naloxone".into(),
        place: place.into(),
        to_place: None,
        count,
        shortfall: 0,
        expires_on: None,
        source: None,
        entry_id: None,
        donor_id: None,
        donor_name: None,
        receipt_token: None,
        walk_id: None,
        request_id: None,
        recorded_by: "user:x".into(),
        checked_by: None,
        checked_at: None,
    }
}

fn receive(place: &str, count: i64, expires: Option<&str>) -> ChangeSet {
    let mut m = mv("received", place, count);
    m.expires_on = expires.map(String::from);
    m.source = Some("donated".into());
    m.receipt_token = Some("tok".into());
    ChangeSet::new().op(Op::Supply(SupplyOp::Receive {
        mv: Box::new(m),
        donor: Some(DonorRow {
            id: DonorId::new(),
            email: "kind@example.invalid".into(),
            name: None,
            created_at: at("2026-12-05T12:00:00Z"),
        }),
    }))
}

fn give(place: &str, count: i64, strict: bool) -> (SupplyMoveId, ChangeSet) {
    let m = mv("given", place, count);
    let id = m.id;
    (
        id,
        ChangeSet::new().op(Op::Supply(SupplyOp::Give {
            mv: Box::new(m),
            strict,
        })),
    )
}

async fn lots(s: &dyn Store) -> Vec<(String, Option<String>, i64)> {
    s.supplies()
        .supply_lots()
        .await
        .unwrap()
        .into_iter()
        // Lots given out to the last are kept (at 0), so a kind that ran out still shows.
        .filter(|l| l.on_hand > 0)
        .map(|l| (l.place, l.expires_on, l.on_hand))
        .collect()
}

async fn stock_moves_by_lot_and_never_below_zero(u: Under) {
    let s = u.s;
    s.apply(receive("office", 4, Some("2027-06-01")))
        .await
        .unwrap();
    s.apply(receive("office", 2, Some("2026-12-20")))
        .await
        .unwrap();
    s.apply(receive("office", 3, None)).await.unwrap();
    s.apply(receive("office", 1, Some("2026-12-20")))
        .await
        .unwrap();
    assert_eq!(
        lots(s.as_ref()).await,
        vec![
            ("office".into(), None, 3),
            ("office".into(), Some("2026-12-20".into()), 3),
            ("office".into(), Some("2027-06-01".into()), 4),
        ]
    );
    assert_eq!(
        s.supplies()
            .supply_on_hand("naloxone", "office")
            .await
            .unwrap(),
        10
    );
    assert_eq!(
        s.supplies()
            .supply_on_hand("naloxone", "van")
            .await
            .unwrap(),
        0
    );
    let receipt = s.supplies().supply_receipt("tok").await.unwrap();
    assert_eq!(receipt.len(), 4);
    assert!(
        receipt
            .iter()
            .all(|m| m.donor_id == receipt[0].donor_id && m.donor_id.is_some())
    );

    // Moved: the soonest-expiring first, each keeping its day.
    let mut m = mv("moved", "office", 5);
    m.to_place = Some("van".into());
    s.apply(ChangeSet::new().op(Op::Supply(SupplyOp::Move { mv: Box::new(m) })))
        .await
        .unwrap();
    assert_eq!(
        lots(s.as_ref()).await,
        vec![
            ("office".into(), None, 3),
            ("office".into(), Some("2027-06-01".into()), 2),
            ("van".into(), Some("2026-12-20".into()), 3),
            ("van".into(), Some("2027-06-01".into()), 2),
        ]
    );

    // More than is on hand: refused when strict, nothing written; a walk's shortfall otherwise.
    let (_, over) = give("van", 6, true);
    assert!(matches!(
        s.apply(over).await,
        Err(StoreError::Refused("short-stock"))
    ));
    assert_eq!(lots(s.as_ref()).await.len(), 4);
    let (walk, short) = give("van", 7, false);
    s.apply(short).await.unwrap();
    assert!(lots(s.as_ref()).await.iter().all(|l| l.0 == "office"));
    let shortfalls = s.supplies().supply_shortfalls().await.unwrap();
    assert_eq!(shortfalls.len(), 1);
    assert_eq!((shortfalls[0].id, shortfalls[0].shortfall), (walk, 2));
    let check = || {
        ChangeSet::new().op(Op::Supply(SupplyOp::Checked {
            id: walk,
            by: "user:c".into(),
            at: at("2026-12-05T13:00:00Z"),
        }))
    };
    s.apply(check()).await.unwrap();
    assert!(matches!(s.apply(check()).await, Err(StoreError::Conflict)));
    let looked = s.supplies().supply_move(walk).await.unwrap().unwrap();
    assert_eq!(looked.checked_by.as_deref(), Some("user:c"));
    assert!(
        s.supplies()
            .supply_move(SupplyMoveId::new())
            .await
            .unwrap()
            .is_none()
    );
    assert!(s.supplies().supply_shortfalls().await.unwrap().is_empty());

    // Two people give out the last five at once: one is refused.
    let (_, a) = give("office", 5, true);
    let (_, b) = give("office", 3, true);
    let (ra, rb) = tokio::join!(s.apply(a), s.apply(b));
    assert!(ra.is_ok() != rb.is_ok(), "{ra:?} {rb:?}");
    let left: i64 = lots(s.as_ref()).await.iter().map(|l| l.2).sum();
    assert_eq!(left, if ra.is_ok() { 0 } else { 2 });

    // Low marks replace each other; the day's alert goes once.
    for low_at in [5, 8] {
        s.apply(ChangeSet::new().op(Op::Supply(SupplyOp::Level(LevelRow {
            kind: "naloxone".into(),
            place: "office".into(),
            low_at,
        }))))
        .await
        .unwrap();
    }
    assert_eq!(s.supplies().supply_levels().await.unwrap()[0].low_at, 8);
    let alert = || {
        ChangeSet::new().op(Op::Supply(SupplyOp::Alerted {
            day: "2026-12-05".into(),
            at: at("2026-12-05T13:00:00Z"),
        }))
    };
    s.apply(alert()).await.unwrap();
    assert!(matches!(
        s.apply(alert()).await,
        Err(StoreError::Duplicate(_))
    ));
    assert_eq!(
        s.supplies().supply_moves(100).await.unwrap().len(),
        7,
        "four received, one moved, two given"
    );
}
