//! `export_all` / `import_all`: every table and column is carried, and a deployment moves SQLite -> PostgreSQL ->
//! SQLite with every row identical (sealed fields still opening, the audit chain intact).

use heart_crypto::keys::Keys;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use heart_store::postgres::PgStore;
use heart_store::sqlite::SqliteStore;
use heart_store::transfer::TABLES;
use heart_store::*;
use heart_store::{RequestOp, TrustOp};
use std::collections::BTreeSet;
use std::sync::Arc;

fn now() -> Timestamp {
    "2026-11-26T20:00:00.123456Z".parse().unwrap()
}

fn request(phone: Option<&str>) -> RequestRow {
    RequestRow {
        id: RequestId::new(),
        subject: SubjectId::new(),
        sealed: SealState::Open,
        created_at: now(),
        updated_at: now(),
        channel: Channel::Phone,
        requester: Requester::OnBehalf,
        summary: "Someone sheltering in the ATM vestibule".into(),
        location: Location {
            text: Some("Mass Ave near Central Square".into()),
            lat: Some(42.365_123_456_789),
            lon: Some(-71.103_5),
            withheld: false,
        },
        contact: Contact {
            name: Some("R.".into()),
            phone: phone.map(str::to_string),
        },
        safe_contact: SafeContact {
            text_ok: true,
            voicemail_ok: false,
            call_ok: true,
            hours: None,
            code_word: Some("blue".into()),
            interpreter: false,
        },
        language: "es".into(),
        answers: [("medical".to_string(), "no".to_string())].into(),
        triage: Triage::unscreened(),
        ems_reason: None,
        ems_consent: None,
        status: Status::Received,
        team_id: None,
        outcome: None,
        version: 1,
        facts: Default::default(),
    }
}

fn expected() -> BTreeSet<(String, String)> {
    TABLES
        .iter()
        .flat_map(|(t, _, cols)| cols.iter().map(|(c, _)| (t.to_string(), c.to_string())))
        .collect()
}

#[tokio::test]
async fn the_transfer_list_names_every_table_and_column_of_both_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let s = SqliteStore::open(&dir.path().join("heart.db"), Arc::new(Keys::ephemeral()))
        .await
        .unwrap();
    let have: BTreeSet<_> = s.schema_columns().await.unwrap().into_iter().collect();
    assert_eq!(have, expected(), "SQLite schema vs transfer::TABLES");
    if let Some(url) = heart_pgtest::database().await {
        let p = PgStore::open(&url, Arc::new(Keys::ephemeral()))
            .await
            .unwrap();
        let have: BTreeSet<_> = p.schema_columns().await.unwrap().into_iter().collect();
        assert_eq!(have, expected(), "PostgreSQL schema vs transfer::TABLES");
    }
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deployment_moves_between_engines_row_for_row() {
    let Some(url) = heart_pgtest::database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (keys, _) = Keys::open(&dir.path().join("heart.key")).unwrap();
    let keys = Arc::new(keys);
    let names = heart_store::sqlite::migration_names();
    let src = SqliteStore::open(&dir.path().join("heart.db"), keys.clone())
        .await
        .unwrap();
    let kept = request(Some("617-555-0101"));
    let erased = request(None);
    for r in [&kept, &erased] {
        let mut cs = ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: r.subject,
                at: now(),
            }))
            .op(Op::Request(RequestOp::InsertRequest(r.clone())))
            .op(Op::Request(RequestOp::InsertTransition(TransitionRow {
                request_id: r.id,
                from: None,
                to: Status::Received,
                team_id: None,
                at: now(),
                actor: "cli".into(),
            })));
        cs.audit(AuditEntry::new(
            now(),
            "cli",
            "request.create",
            "request",
            &r.id.to_string(),
            "phone",
        ));
        src.apply(cs).await.unwrap();
    }
    src.apply(ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
        id: erased.subject,
        at: now(),
        reason: "person_asked".into(),
    })))
    .await
    .unwrap();
    src.audit_checkpoint(now()).await.unwrap();

    let mut out = Vec::new();
    let exported = src.export_all(&names, &mut out).await.unwrap();
    assert!(exported.total() >= 9, "{exported:?}");

    let dst = PgStore::open(&url, keys.clone()).await.unwrap();
    let imported = dst
        .import_all(&names, &mut std::io::Cursor::new(out.clone()))
        .await
        .unwrap();
    assert_eq!(imported, exported);
    // Row for row the same, and what the rows mean is the same.
    let mut again = Vec::new();
    dst.export_all(&names, &mut again).await.unwrap();
    assert_eq!(lines(&again), lines(&out));
    assert_eq!(dst.request(kept.id).await.unwrap().unwrap(), kept);
    assert_eq!(
        dst.request(erased.id).await.unwrap().unwrap().sealed,
        SealState::Erased
    );
    assert_eq!(
        dst.subject_for_phone("6175550101").await.unwrap(),
        Some(kept.subject)
    );
    let report = dst.audit_verify(None).await.unwrap();
    assert_eq!((report.problem, report.checkpoints), (None, 1));
    // New writes continue the chain and the sequences on the new engine.
    let mut cs = ChangeSet::new().op(Op::Request(RequestOp::InsertTransition(TransitionRow {
        request_id: kept.id,
        from: Some(Status::Received),
        to: Status::Cancelled,
        team_id: None,
        at: now(),
        actor: "cli".into(),
    })));
    cs.audit(AuditEntry::new(now(), "cli", "x", "request", "y", ""));
    dst.apply(cs).await.unwrap();
    assert_eq!(dst.transitions(kept.id).await.unwrap().len(), 2);
    assert_eq!(dst.audit_verify(None).await.unwrap().problem, None);

    // Into a database that holds data: refused, nothing changed.
    let refused = dst
        .import_all(&names, &mut std::io::Cursor::new(out.clone()))
        .await;
    assert!(refused.unwrap_err().contains("already holds data"));
    // From another schema version: refused.
    let fresh = tempfile::tempdir().unwrap();
    let back = SqliteStore::open(&fresh.path().join("heart.db"), keys.clone())
        .await
        .unwrap();
    let older = &names[..names.len() - 1];
    let refused = back
        .import_all(older, &mut std::io::Cursor::new(out.clone()))
        .await;
    assert!(refused.unwrap_err().contains("another schema version"));
    // A broken line refuses the whole import.
    let mut broken = out.clone();
    broken.extend_from_slice(b"{\"t\":\"requests\",\"r\":{\"id\":42}}\n");
    let refused = back
        .import_all(&names, &mut std::io::Cursor::new(broken))
        .await
        .unwrap_err();
    assert!(
        refused.contains("requests.id has the wrong type"),
        "{refused}"
    );
    assert!(back.is_empty().await.unwrap(), "all or nothing");
    // And back to SQLite, row for row.
    back.import_all(&names, &mut std::io::Cursor::new(out.clone()))
        .await
        .unwrap();
    let mut third = Vec::new();
    back.export_all(&names, &mut third).await.unwrap();
    assert_eq!(lines(&third), lines(&out));
}
