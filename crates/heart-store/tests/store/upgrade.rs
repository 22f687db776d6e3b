//! What a start does to a database an older heart wrote. The keyed audit chain (issue 21.3): a chain written
//! before it was keyed is re-linked under the key once, by the start that applies the migration keying it, and
//! never again; checkpoints must keep up with the entries. Legal demands kept in the clear (issue 21.5) are sealed.
//! SQLite only: what is tested is the start's own step, the same code on both engines.

use heart_crypto::chain;
use heart_crypto::keys::Keys;
use heart_domain::audit::AuditEntry;
use heart_domain::time::{Timestamp, to_micros};
use heart_store::TrustOp;
use heart_store::sqlite::SqliteStore;
use heart_store::*;
use sqlx::{Connection, Row};
use std::path::Path;
use std::sync::Arc;

fn at(hours: f64) -> Timestamp {
    let base: Timestamp = "2026-11-26T20:00:00Z".parse().unwrap();
    base + jiff::SignedDuration::from_secs_f64(hours * 3600.0)
}

async fn open(dir: &Path) -> SqliteStore {
    let (keys, _) = Keys::open(&dir.join("heart.key")).unwrap();
    SqliteStore::open(&dir.join("heart.db"), Arc::new(keys))
        .await
        .unwrap()
}

async fn write(s: &SqliteStore, n: usize, hours: f64) {
    for i in 0..n {
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            at(hours),
            "cli",
            "test",
            "request",
            &format!("r{i}"),
            "",
        ));
        s.apply(cs).await.unwrap();
    }
}

async fn sql(dir: &Path, statements: &[String]) {
    let mut conn =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.join("heart.db").display()))
            .await
            .unwrap();
    for s in statements {
        sqlx::query(sqlx::AssertSqlSafe(s.clone()))
            .execute(&mut conn)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();
}

/// Rewrites the stored chain as heart wrote it before it had a key (plain SHA-256), with its checkpoints signed
/// over those hashes; with `upgrade`, forgets that the keying migration ran: the database as an upgrade finds it.
async fn as_before_the_key(dir: &Path, upgrade: bool) {
    let mut conn =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.join("heart.db").display()))
            .await
            .unwrap();
    let rows = sqlx::query("SELECT * FROM audit_log ORDER BY seq")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let mut prev = chain::GENESIS;
    let mut hashes = std::collections::HashMap::new();
    for r in &rows {
        let seq: i64 = r.get("seq");
        let fields: Vec<String> = vec![
            seq.to_string(),
            r.get::<String, _>("id"),
            r.get::<i64, _>("at").to_string(),
            r.get("actor"),
            r.get("action"),
            r.get("record_kind"),
            r.get("record_id"),
            r.get("detail"),
        ];
        let f: Vec<&[u8]> = fields.iter().map(|x| x.as_bytes()).collect();
        prev = chain::link_unkeyed(&prev, &f);
        hashes.insert(seq, hex::encode(prev));
        sqlx::query("UPDATE audit_log SET hash = $1 WHERE seq = $2")
            .bind(hex::encode(prev))
            .bind(seq)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let (keys, _) = Keys::open(&dir.join("heart.key")).unwrap();
    let ring = keys.get();
    let cps = sqlx::query("SELECT seq, at FROM audit_checkpoints")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    for cp in cps {
        let (seq, at): (i64, i64) = (cp.get("seq"), cp.get("at"));
        let hash = &hashes[&seq];
        let sig = ring.sign(&chain::checkpoint_message(seq, hash, at));
        sqlx::query("UPDATE audit_checkpoints SET hash = $1, signature = $2 WHERE seq = $3")
            .bind(hash)
            .bind(hex::encode(sig))
            .bind(seq)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    if upgrade {
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 24")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();
}

async fn stored_hash(dir: &Path, seq: i64) -> String {
    let mut conn =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.join("heart.db").display()))
            .await
            .unwrap();
    let h: String = sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = $1")
        .bind(seq)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    h
}

#[tokio::test]
async fn an_intact_chain_is_keyed_once_at_the_upgrade_and_never_again() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path()).await;
    write(&s, 30, 0.0).await;
    let cp = s.audit_checkpoint(at(0.1)).await.unwrap();
    assert_eq!(cp.seq, 30);
    drop(s);
    as_before_the_key(dir.path(), true).await;
    let unkeyed = stored_hash(dir.path(), 30).await;

    // The upgrade: the whole chain is re-linked under the key, its checkpoint signed again.
    let s = open(dir.path()).await;
    let report = s.audit_verify(None).await.unwrap();
    assert_eq!(report.problem, None);
    assert_eq!((report.entries, report.checkpoints), (30, 1));
    assert_ne!(stored_hash(dir.path(), 30).await, unkeyed);
    // Keying is a function of the key file and the entries: the keyed checkpoint this test took before it turned
    // the chain back into an unkeyed one matches again.
    assert_eq!(s.audit_verify(Some(cp)).await.unwrap().problem, None);
    write(&s, 3, 0.2).await;
    assert_eq!(s.audit_verify(None).await.unwrap().problem, None);
    drop(s);

    // Someone with the database alone rewrites the chain as an unkeyed one over an edited entry: no later start
    // re-links it, and verify names the first entry.
    sql(
        dir.path(),
        &["UPDATE audit_log SET actor = 'someone-else' WHERE seq = 7".into()],
    )
    .await;
    as_before_the_key(dir.path(), false).await;
    let s = open(dir.path()).await;
    let p = s.audit_verify(None).await.unwrap().problem.unwrap();
    assert_eq!(p.seq, 1, "{}", p.message);
}

#[tokio::test]
async fn an_upgrade_keys_the_chain_up_to_the_first_entry_that_does_not_match() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path()).await;
    write(&s, 20, 0.0).await;
    drop(s);
    as_before_the_key(dir.path(), true).await;
    sql(
        dir.path(),
        &["UPDATE audit_log SET detail = 'edited' WHERE seq = 12".into()],
    )
    .await;
    let s = open(dir.path()).await;
    let p = s.audit_verify(None).await.unwrap().problem.unwrap();
    assert_eq!(p.seq, 12, "{}", p.message);
}

#[tokio::test]
async fn a_wrong_key_file_at_the_upgrade_migrates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path()).await;
    let mut cs = ChangeSet::new();
    let sid = heart_domain::ids::SubjectId::new();
    cs.push(Op::Trust(TrustOp::NewSubject {
        id: sid,
        at: at(0.0),
    }));
    s.apply(cs).await.unwrap();
    write(&s, 5, 0.0).await;
    drop(s);
    as_before_the_key(dir.path(), true).await;
    let other = tempfile::tempdir().unwrap();
    let (wrong, _) = Keys::open(&other.path().join("heart.key")).unwrap();
    let err = SqliteStore::open(&dir.path().join("heart.db"), Arc::new(wrong))
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("key file"), "{err}");
    // The right key file then keys it.
    let s = open(dir.path()).await;
    assert_eq!(s.audit_verify(None).await.unwrap().problem, None);
}

#[tokio::test]
async fn checkpoints_removed_while_entries_go_on_fail_verify() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path()).await;
    write(&s, 5, 0.0).await;
    // A new deployment, minutes old, without a checkpoint yet: intact.
    write(&s, 5, 0.5).await;
    assert_eq!(s.audit_verify(None).await.unwrap().problem, None);
    // Three hours of entries and no checkpoint at all.
    write(&s, 5, 3.0).await;
    let p = s.audit_verify(None).await.unwrap().problem.unwrap();
    assert_eq!(p.seq, 1);
    assert!(p.message.contains("no signed checkpoint"), "{}", p.message);
    // A checkpoint of the head: intact; entries three hours after it: newer checkpoints are missing.
    s.audit_checkpoint(at(3.0)).await.unwrap();
    assert_eq!(s.audit_verify(None).await.unwrap().problem, None);
    write(&s, 2, 3.5).await;
    assert_eq!(s.audit_verify(None).await.unwrap().problem, None);
    write(&s, 2, 6.5).await;
    let p = s.audit_verify(None).await.unwrap().problem.unwrap();
    assert_eq!(p.seq, 16, "{}", p.message);
    assert!(to_micros(at(6.5)) > 0);
}

#[tokio::test]
async fn legal_demands_kept_in_the_clear_are_sealed_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path()).await;
    let sid = heart_domain::ids::SubjectId::new();
    s.apply(ChangeSet::new().op(Op::Trust(TrustOp::NewSubject {
        id: sid,
        at: at(0.0),
    })))
    .await
    .unwrap();
    drop(s);
    let (about, nobody) = (
        heart_domain::ids::LegalDemandId::new(),
        heart_domain::ids::LegalDemandId::new(),
    );
    // As an older heart wrote them: the words in the plain columns.
    sql(
        dir.path(),
        &[
            format!(
                "INSERT INTO legal_demands (id, received_at, from_kind, reference, asked, subject, recorded_by, \
                 handed_over) VALUES ('{about}', 1, 'court', 'Docket about Jane', 'Records on Jane Doe, 12 Elm St', \
                 '{sid}', 'cli', 'nothing')"
            ),
            format!(
                "INSERT INTO legal_demands (id, received_at, from_kind, reference, asked, recorded_by) \
                 VALUES ('{nobody}', 2, 'agency', 'Agency letter 7', 'Counts by month', 'cli')"
            ),
        ],
    )
    .await;
    let s = open(dir.path()).await;
    let raw = std::fs::read(dir.path().join("heart.db")).unwrap();
    let wal = std::fs::read(dir.path().join("heart.db-wal")).unwrap_or_default();
    for clear in [
        "Jane Doe",
        "12 Elm St",
        "Docket about Jane",
        "Agency letter 7",
        "Counts by month",
    ] {
        for bytes in [&raw, &wal] {
            assert!(
                !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
                "{clear} is still in the clear"
            );
        }
    }
    let a = s.legal_demand(about).await.unwrap().unwrap();
    assert_eq!(a.asked, "Records on Jane Doe, 12 Elm St");
    assert_eq!(a.handed_over.as_deref(), Some("nothing"));
    let n = s.legal_demand(nobody).await.unwrap().unwrap();
    assert_eq!(n.reference, "Agency letter 7");
}
