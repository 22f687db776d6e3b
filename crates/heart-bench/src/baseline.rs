//! The baselines the benchmarks compare heart against, measured in the same run.

use anyhow::Result;
use axum::Router;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use futures::StreamExt;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Executor};
use std::path::Path;
use tokio::sync::{broadcast, mpsc, oneshot};

type Job = (String, String, oneshot::Sender<bool>);

/// The next group to commit together: the first job to arrive and whatever else waits (up to 256).
async fn next_batch(rx: &mut mpsc::Receiver<Job>) -> Option<Vec<Job>> {
    let mut batch = vec![rx.recv().await?];
    while batch.len() < 256 {
        match rx.try_recv() {
            Ok(j) => batch.push(j),
            Err(_) => break,
        }
    }
    Some(batch)
}

/// The same as [`intake_server`] on PostgreSQL: parses the JSON and inserts one row per request, the waiting
/// inserts of many requests in one transaction (group commit), on the cluster heart is measured on.
pub async fn pg_intake_server(url: &str) -> Result<()> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    conn.execute("CREATE TABLE IF NOT EXISTS requests (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        .await?;
    let (tx, mut rx) = mpsc::channel::<Job>(1024);
    tokio::spawn(async move {
        while let Some(mut batch) = next_batch(&mut rx).await {
            let mut ok = conn.execute("BEGIN").await.is_ok();
            for (id, body, _) in &batch {
                ok &= sqlx::query("INSERT INTO requests (id, body) VALUES ($1, $2)")
                    .bind(id)
                    .bind(body)
                    .execute(&mut conn)
                    .await
                    .is_ok();
            }
            ok &= conn
                .execute(if ok { "COMMIT" } else { "ROLLBACK" })
                .await
                .is_ok();
            for (_, _, reply) in batch.drain(..) {
                let _ = reply.send(ok);
            }
        }
    });
    serve(intake_routes(tx)).await
}

fn intake_routes(tx: mpsc::Sender<Job>) -> Router {
    Router::new().route(
        "/api/v1/requests",
        post(move |body: axum::Json<serde_json::Value>| {
            let tx = tx.clone();
            async move {
                let id = uuid::Uuid::now_v7().to_string();
                let (reply, done) = oneshot::channel();
                let _ = tx.send((id.clone(), body.0.to_string(), reply)).await;
                match done.await {
                    Ok(true) => (
                        StatusCode::CREATED,
                        axum::Json(serde_json::json!({"id": id})),
                    ),
                    _ => (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        axum::Json(serde_json::json!({})),
                    ),
                }
            }
        }),
    )
}

/// Parses the JSON and inserts one row into SQLite (WAL), batching waiting inserts into one transaction.
pub async fn intake_server(dir: &Path) -> Result<()> {
    let opts = SqliteConnectOptions::new()
        .filename(dir.join("baseline.db"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    let mut conn = SqliteConnection::connect_with(&opts).await?;
    conn.execute("CREATE TABLE IF NOT EXISTS requests (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        .await?;
    let (tx, mut rx) = mpsc::channel::<Job>(1024);
    tokio::spawn(async move {
        while let Some(mut batch) = next_batch(&mut rx).await {
            let mut ok = conn.execute("BEGIN IMMEDIATE").await.is_ok();
            for (id, body, _) in &batch {
                ok &= sqlx::query("INSERT INTO requests (id, body) VALUES (?, ?)")
                    .bind(id)
                    .bind(body)
                    .execute(&mut conn)
                    .await
                    .is_ok();
            }
            ok &= conn.execute("COMMIT").await.is_ok();
            for (_, _, reply) in batch.drain(..) {
                let _ = reply.send(ok);
            }
        }
    });
    serve(intake_routes(tx)).await
}

/// Bare axum + tokio broadcast SSE: POST /publish answers 201 and broadcasts the new id.
pub async fn sse_server() -> Result<()> {
    let (tx, _) = broadcast::channel::<String>(4096);
    let pub_tx = tx.clone();
    let app = Router::new()
        .route(
            "/publish",
            post(move |_body: axum::body::Bytes| {
                let tx = pub_tx.clone();
                async move {
                    let id = uuid::Uuid::now_v7().to_string();
                    let _ = tx.send(id.clone());
                    (
                        StatusCode::CREATED,
                        axum::Json(serde_json::json!({"id": id})),
                    )
                }
            }),
        )
        .route(
            "/events",
            get(move || {
                let rx = tx.subscribe();
                async move {
                    let s =
                        tokio_stream::wrappers::BroadcastStream::new(rx).filter_map(
                            |m| async move {
                                m.ok().map(|id| {
                                    Ok::<_, std::convert::Infallible>(Event::default().data(
                                        format!(r#"{{"kind":"request.created","id":"{id}"}}"#),
                                    ))
                                })
                            },
                        );
                    Sse::new(s).keep_alive(KeepAlive::default())
                }
            }),
        );
    serve(app).await
}

async fn serve(app: Router) -> Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    eprintln!("baseline: listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
