//! `/events`: server-sent events naming what changed (never personal data), resumable with Last-Event-ID.

use crate::AppState;
use crate::ctx::{SESSION_COOKIE, bearer, cookie};
use crate::error::WebError;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream, StreamExt};
use heart_app::live::Sequenced;
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::events::EventKind;
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;

/// Whether this actor gets this event: dispatch gets all; a responder gets its own team's and every alert.
fn visible(actor: &Actor, s: &Sequenced) -> bool {
    if actor.caps.has(Capability::Dispatch) {
        return true;
    }
    matches!(
        s.event.kind,
        EventKind::AlertRaised | EventKind::AlertCleared
    ) || (s.event.team.is_some() && s.event.team == actor.team.map(|t| t.to_string()))
}

fn to_sse(s: &Sequenced) -> Event {
    Event::default()
        .id(s.seq.to_string())
        .data(serde_json::to_string(&s.event).unwrap_or_else(|_| "{}".into()))
}

fn reload(seq: u64) -> Event {
    Event::default()
        .id(seq.to_string())
        .data(r#"{"kind":"reload","id":""}"#)
}

pub async fn events(State(st): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let mut actor = None;
    if let Some(c) = cookie(&headers, SESSION_COOKIE) {
        actor = st
            .app
            .session_actor(c)
            .await
            .map_err(WebError::Api)?
            .map(|(a, _)| a);
    }
    if actor.is_none()
        && let Some(t) = bearer(&headers)
    {
        actor = st.app.token_actor(t).await.map_err(WebError::Api)?;
    }
    let actor = actor.ok_or(WebError::Api(AppError::Unauthenticated))?;
    actor
        .require(&[Capability::Dispatch, Capability::Respond])
        .map_err(WebError::Api)?;
    let last: Option<u64> = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let sub = st.app.live.subscribe(last);
    let mut first: Vec<Result<Event, Infallible>> = Vec::new();
    if sub.gap {
        first.push(Ok(reload(st.app.live.last_seq())));
    }
    let replay_actor = actor.clone();
    first.extend(
        sub.replay
            .iter()
            .filter(|s| visible(&replay_actor, s))
            .map(|s| Ok(to_sse(s))),
    );
    let live = BroadcastStream::new(sub.rx).filter_map(move |item| {
        let actor = actor.clone();
        async move {
            match item {
                Ok(s) if visible(&actor, &s) => Some(Ok(to_sse(&s))),
                Ok(_) => None,
                // Too slow to keep up: tell the page to reload everything.
                Err(BroadcastStreamRecvError::Lagged(_)) => {
                    Some(Ok(Event::default().data(r#"{"kind":"reload","id":""}"#)))
                }
            }
        }
    });
    let stream: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(stream::iter(first).chain(live));
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}
