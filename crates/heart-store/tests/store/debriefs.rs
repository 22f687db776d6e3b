//! Store conformance for debriefs, on both engines: opened, a reason added while open, done once (a second time, or
//! a reason added after, is a conflict), time off read back, and the open list by due time.

use crate::common::Under;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::debriefs::{DebriefOp, DebriefRow};
use heart_store::*;

on_both!(a_debrief_is_opened_added_to_and_done_once);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn a_debrief_is_opened_added_to_and_done_once(u: Under) {
    let s = u.s;
    let team = TeamId::new();
    let request = RequestId::new();
    let open = |id: DebriefId, request: Option<RequestId>, due: &str| {
        Op::Debrief(DebriefOp::Open(DebriefRow {
            id,
            team_id: Some(team),
            request_id: request,
            reasons: "need_help".into(),
            created_at: at("2026-11-26T20:00:00Z"),
            due_at: at(due),
            done_at: None,
            done_by: None,
            time_off: false,
        }))
    };
    let (first, second) = (DebriefId::new(), DebriefId::new());
    s.apply(ChangeSet::new().op(open(first, Some(request), "2026-11-27T20:00:00Z")))
        .await
        .unwrap();
    s.apply(ChangeSet::new().op(open(second, None, "2026-11-27T10:00:00Z")))
        .await
        .unwrap();
    let d = s.debriefs();
    let listed: Vec<DebriefId> = d
        .open_debriefs()
        .await
        .unwrap()
        .iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(listed, vec![second, first], "the soonest due first");
    s.apply(ChangeSet::new().op(Op::Debrief(DebriefOp::AddReason {
        id: first,
        reasons: "need_help,ems".into(),
    })))
    .await
    .unwrap();
    let found = d.open_debrief_for_request(request).await.unwrap().unwrap();
    assert_eq!(found.reasons, "need_help,ems");
    let done = || {
        ChangeSet::new().op(Op::Debrief(DebriefOp::Done {
            id: first,
            at: at("2026-11-27T09:00:00Z"),
            by: "user:rae".into(),
            time_off: true,
        }))
    };
    s.apply(done()).await.unwrap();
    assert!(matches!(s.apply(done()).await, Err(StoreError::Conflict)));
    assert!(matches!(
        s.apply(ChangeSet::new().op(Op::Debrief(DebriefOp::AddReason {
            id: first,
            reasons: "hard".into()
        })))
        .await,
        Err(StoreError::Conflict)
    ));
    let kept = d.debrief(first).await.unwrap().unwrap();
    assert!(kept.time_off);
    assert_eq!(kept.done_by.as_deref(), Some("user:rae"));
    assert!(d.open_debrief_for_request(request).await.unwrap().is_none());
    let team_list = d
        .team_debriefs(team, at("2026-11-26T00:00:00Z"))
        .await
        .unwrap();
    assert_eq!(team_list.len(), 2);
}
