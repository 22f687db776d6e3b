//! Store conformance for the rota on both engines: a pattern's slots made twice are made once (two nodes extending
//! the rota at once), places are set on the version read (a stale write is a conflict and writes nothing), a slot
//! somebody took is never dropped, and a calendar feed is found by its hash until it is replaced or dropped.

use crate::common::Under;
use heart_domain::access::{Capabilities, Capability};
use heart_domain::dispatch::TeamStatus;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::rota::{PatternRow, PlaceRow, RotaOp};
use heart_store::*;

on_both!(rota_slots_places_and_feeds);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn slot(team: TeamId, start: &str, end: &str) -> ShiftRow {
    ShiftRow {
        id: ShiftId::new(),
        team_id: team,
        starts_at: at(start),
        ends_at: at(end),
        needed: 2,
        from_pattern: true,
        version: 1,
    }
}

fn place(user: UserId, when: &str) -> PlaceRow {
    PlaceRow {
        user_id: user,
        name: String::new(),
        since: at(when),
        offered_at: None,
        placed_by: format!("user:{user}"),
        reminded_at: None,
    }
}

async fn rota_slots_places_and_feeds(u: Under) {
    let s = u.s;
    let now = "2026-11-26T20:00:00Z";
    let team = TeamRow {
        id: TeamId::new(),
        name: "North".into(),
        status: TeamStatus::Available,
        status_at: at(now),
        lat: None,
        lon: None,
        position_at: None,
        base_lat: None,
        base_lon: None,
        checkin_at: None,
        version: 1,
    };
    let ana = UserRow {
        id: UserId::new(),
        username: "ana".into(),
        display_name: "Ana".into(),
        password_hash: None,
        capabilities: Capabilities::of(&[Capability::Respond]),
        team_id: Some(team.id),
        organization_id: None,
        active: true,
        setup_token_hash: None,
        setup_until: None,
        created_at: at(now),
    };
    let mut bo = ana.clone();
    bo.id = UserId::new();
    bo.username = "bo".into();
    bo.display_name = "Bo".into();
    s.apply(
        ChangeSet::new()
            .op(Op::Dispatch(DispatchOp::InsertTeam(team.clone())))
            .op(Op::Auth(AuthOp::InsertUser(ana.clone())))
            .op(Op::Auth(AuthOp::InsertUser(bo.clone())))
            .op(Op::Rota(RotaOp::SetPattern(PatternRow {
                team_id: team.id,
                pattern: "tue 10:00-16:00".into(),
                needed: 2,
                set_at: at(now),
                set_by: "user:x".into(),
            }))),
    )
    .await
    .unwrap();
    let first = slot(team.id, "2026-12-01T15:00:00Z", "2026-12-01T21:00:00Z");
    let second = slot(team.id, "2026-12-08T15:00:00Z", "2026-12-08T21:00:00Z");
    // Two nodes make the same weeks at once: the same team and start are made once.
    let again = slot(team.id, "2026-12-01T15:00:00Z", "2026-12-01T21:00:00Z");
    for make in [
        vec![first.clone(), second.clone()],
        vec![again.clone(), second.clone()],
    ] {
        s.apply(ChangeSet::new().op(Op::Rota(RotaOp::MakeSlots(make))))
            .await
            .unwrap();
    }
    let window = (at("2026-11-30T00:00:00Z"), at("2026-12-31T00:00:00Z"));
    let slots = s.rota().slots(window.0, window.1).await.unwrap();
    assert_eq!(slots.len(), 2, "made once: {slots:?}");
    assert_eq!(slots[0].shift.id, first.id);
    assert_eq!(s.rota().patterns().await.unwrap().len(), 1);

    // Places on the version read; the same version again is a conflict and leaves the first write.
    s.apply(ChangeSet::new().op(Op::Rota(RotaOp::SetPlaces {
        shift: first.id,
        version: 1,
        places: vec![place(ana.id, now)],
    })))
    .await
    .unwrap();
    let stale = s
        .apply(ChangeSet::new().op(Op::Rota(RotaOp::SetPlaces {
            shift: first.id,
            version: 1,
            places: vec![place(bo.id, now)],
        })))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
    let one = s.rota().slot(first.id).await.unwrap().unwrap();
    assert_eq!(one.shift.version, 2);
    assert_eq!(one.places.len(), 1);
    assert_eq!(one.places[0].user_id, ana.id);
    assert_eq!(one.places[0].name, "Ana", "the name is read with the place");

    // A changed pattern drops the slots nobody took, never one somebody did.
    s.apply(ChangeSet::new().op(Op::Rota(RotaOp::DropEmptySlots(vec![first.id, second.id]))))
        .await
        .unwrap();
    let left = s.rota().slots(window.0, window.1).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].shift.id, first.id);

    // A feed: found by its hash, replaced by a new one, then dropped.
    for hash in ["h1", "h2"] {
        s.apply(ChangeSet::new().op(Op::Rota(RotaOp::SetFeed {
            user: ana.id,
            token_hash: hash.into(),
            at: at(now),
        })))
        .await
        .unwrap();
    }
    assert_eq!(s.rota().feed_user("h1").await.unwrap(), None);
    assert_eq!(s.rota().feed_user("h2").await.unwrap(), Some(ana.id));
    assert_eq!(s.rota().feed_made(ana.id).await.unwrap(), Some(at(now)));
    s.apply(ChangeSet::new().op(Op::Rota(RotaOp::DropFeed(ana.id))))
        .await
        .unwrap();
    assert_eq!(s.rota().feed_user("h2").await.unwrap(), None);
}
