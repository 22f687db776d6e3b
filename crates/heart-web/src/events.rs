//! `/events`: server-sent events naming what changed (never personal data), resumable with Last-Event-ID.

use crate::AppState;
use crate::error::WebError;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use heart_app::AppError;
use heart_app::live::Sequenced;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;

/// A shared frame as response bytes, without copying it per client.
struct Frame(Arc<str>);

impl AsRef<[u8]> for Frame {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn to_bytes(s: &Sequenced) -> Bytes {
    Bytes::from_owner(Frame(s.frame.clone()))
}

fn reload(seq: u64) -> Bytes {
    Bytes::from(format!(
        "id: {seq}\ndata: {{\"kind\":\"reload\",\"id\":\"\"}}\n\n"
    ))
}

const RELOAD: &[u8] = b"data: {\"kind\":\"reload\",\"id\":\"\"}\n\n";
const KEEP_ALIVE: &[u8] = b":\n\n";

pub async fn events(State(st): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let actor = crate::ctx::session_or_bearer(&st, &headers)
        .await?
        .ok_or(WebError::Api(AppError::Unauthenticated))?;
    // Who may receive which event is the app's to say.
    let audience = st.app.event_audience(&actor).map_err(WebError::Api)?;
    let last: Option<u64> = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let sub = st.app.live.subscribe(last);
    let mut first: Vec<Bytes> = Vec::new();
    if sub.gap {
        first.push(reload(st.app.live.last_seq()));
    }
    first.extend(sub.replay.iter().filter(|s| audience.sees(s)).map(to_bytes));
    let live =
        tokio_stream::StreamExt::filter_map(BroadcastStream::new(sub.rx), move |item| match item {
            Ok(s) if audience.sees(&s) => Some(to_bytes(&s)),
            Ok(_) => None,
            // Too slow to keep up: tell the page to reload everything.
            Err(BroadcastStreamRecvError::Lagged(_)) => Some(Bytes::from_static(RELOAD)),
        });
    // A comment line every 15 s keeps proxies from closing a quiet stream.
    let keep_alive = tokio_stream::wrappers::IntervalStream::new(tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(15),
        Duration::from_secs(15),
    ))
    .map(|_| Bytes::from_static(KEEP_ALIVE));
    let events = stream::iter(first).chain(live);
    // Ends when the server stops, so a graceful shutdown does not wait on open boards.
    let body = tokio_stream::StreamExt::merge(events, keep_alive)
        .take_until(st.app.stopped())
        .map(Ok::<_, Infallible>);
    Ok((
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(body),
    )
        .into_response())
}
