//! Store conformance for what phones sent after a time with no signal, on both engines: a device key is kept once
//! (the second change set with it fails whole, as a duplicate, and writes nothing of its own), and a request's sends
//! come back in the order the phone did them.

use crate::common::Under;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::offline::{DeviceSendRow, OfflineOp};
use heart_store::*;

on_both!(a_device_key_is_kept_once);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn send(key: &str, what: &str, request: RequestId, device_at: &str) -> Op {
    Op::Offline(OfflineOp::Record(DeviceSendRow {
        key: key.into(),
        actor: "user:x".into(),
        what: what.into(),
        request_id: Some(request),
        team_id: None,
        device_at: at(device_at),
        received_at: at("2026-12-05T02:00:00Z"),
    }))
}

async fn a_device_key_is_kept_once(u: Under) {
    let s = u.s;
    let request = RequestId::new();
    let arrived = "6f1c2a4e-0b7d-4c9e-8a51-3d2f7e9b0c11";
    let closed = "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f";
    s.apply(ChangeSet::new().op(send(closed, "encounter", request, "2026-12-05T01:50:00Z")))
        .await
        .unwrap();
    s.apply(ChangeSet::new().op(send(arrived, "on_scene", request, "2026-12-05T01:30:00Z")))
        .await
        .unwrap();
    // The same key again, with another op in the same change set: refused whole.
    let other = RequestId::new();
    let twice = ChangeSet::new()
        .op(send(
            "a2b3c4d5-e6f7-4a8b-9c0d-e1f2a3b4c5d6",
            "check_in",
            other,
            "2026-12-05T01:40:00Z",
        ))
        .op(send(arrived, "on_scene", request, "2026-12-05T01:31:00Z"));
    assert!(matches!(
        s.apply(twice).await,
        Err(StoreError::Duplicate(_))
    ));
    assert!(
        s.offline()
            .device_sends_for(other)
            .await
            .unwrap()
            .is_empty(),
        "nothing of it kept"
    );
    let sends = s.offline().device_sends_for(request).await.unwrap();
    let order: Vec<&str> = sends.iter().map(|r| r.what.as_str()).collect();
    assert_eq!(order, ["on_scene", "encounter"], "in the phone's order");
    assert_eq!(sends[0].device_at, at("2026-12-05T01:30:00Z"));
    let kept = s.offline().device_send(arrived).await.unwrap().unwrap();
    assert_eq!(
        (kept.request_id, kept.actor.as_str()),
        (Some(request), "user:x")
    );
    assert!(
        s.offline()
            .device_send("unknown-key-0000000")
            .await
            .unwrap()
            .is_none()
    );
}
