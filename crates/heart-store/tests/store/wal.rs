//! SQLite's log under writes: the writer checkpoints between batches so that the log starts again, and a reader
//! that keeps an old view of the log for long (an export) holds up no write meanwhile.

use crate::common::sqlite;
use heart_domain::ids::SubjectId;
use heart_domain::time::Timestamp;
use heart_store::*;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use std::time::{Duration, Instant};

async fn people(s: &dyn Store, n: usize) {
    for _ in 0..n {
        s.apply(ChangeSet::new().op(Op::Trust(TrustOp::NewSubject {
            id: SubjectId::new(),
            at: Timestamp::now(),
        })))
        .await
        .unwrap();
    }
}

/// Frames in the log, as a checkpoint from a connection of its own counts them.
async fn log_frames(c: &mut SqliteConnection) -> i64 {
    let (_, log, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(c)
        .await
        .unwrap();
    log
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_reader_holds_up_no_write_and_the_log_starts_again_after_it() {
    let u = sqlite().await;
    let file = u.dir.path().join("heart.db");
    let mut reader = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&file))
        .await
        .unwrap();
    people(&*u.s, 20).await;
    // A read transaction that keeps its view of the log, as a long export does.
    sqlx::query("BEGIN").execute(&mut reader).await.unwrap();
    let _: (i64,) = sqlx::query_as("SELECT count(*) FROM subjects")
        .fetch_one(&mut reader)
        .await
        .unwrap();
    people(&*u.s, 20).await;
    // Past the writer's checkpoint time: its checkpoint waits for that reader only briefly (the connection's own
    // wait is 5 s), so the writes after it are not held up.
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    let t = Instant::now();
    people(&*u.s, 5).await;
    assert!(
        t.elapsed() < Duration::from_secs(1),
        "writes waited {:?} behind a reader",
        t.elapsed()
    );
    sqlx::query("COMMIT").execute(&mut reader).await.unwrap();
    // Once the reader is gone, the writer's next checkpoint lets the log start again from its beginning.
    let mut other = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&file))
        .await
        .unwrap();
    let before = log_frames(&mut other).await;
    assert!(before > 10, "the log holds the writes ({before} frames)");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        people(&*u.s, 1).await;
        let now = log_frames(&mut other).await;
        if now < before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the log never started again ({now} frames, {before} before)"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
