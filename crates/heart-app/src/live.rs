//! The live-update hub: a broadcast of events naming what changed, with the last N kept for resume.

use heart_domain::access::Capability;
use heart_domain::events::{EventKind, LiveEvent};
use std::collections::VecDeque;
use std::sync::Mutex;
use tokio::sync::broadcast;

#[derive(Clone, Debug)]
pub struct Sequenced {
    pub seq: u64,
    pub event: LiveEvent,
    /// The whole SSE frame (`id:` and `data:` lines), encoded once and shared by every client.
    pub frame: std::sync::Arc<str>,
}

pub struct LiveHub {
    inner: Mutex<Inner>,
    tx: broadcast::Sender<Sequenced>,
    keep: usize,
    /// Live streams open with dispatch's view (the board), on this node.
    watching: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

/// One open board: counted while its stream lives.
#[derive(Debug)]
pub struct Watch(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Watch {
    fn new(count: &std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Self {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Watch(count.clone())
    }
}

impl Clone for Watch {
    fn clone(&self) -> Self {
        Watch::new(&self.0)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

struct Inner {
    next: u64,
    recent: VecDeque<Sequenced>,
}

/// Who gets which live events, decided once per connection: dispatch gets all; a responder gets its own team's and
/// every alert.
#[derive(Clone, Debug)]
pub struct Audience {
    all: bool,
    team: Option<String>,
    /// Dispatch's stream counts as a board open while it lives.
    _watch: Option<Watch>,
}

impl Audience {
    pub fn sees(&self, s: &Sequenced) -> bool {
        self.all
            || matches!(
                s.event.kind,
                EventKind::AlertRaised | EventKind::AlertCleared
            )
            || (s.event.team.is_some() && s.event.team == self.team)
    }
}

impl crate::App {
    /// The live events `actor` may receive (`dispatch` or `respond` is needed to receive any).
    pub fn event_audience(&self, actor: &crate::Actor) -> crate::AppResult<Audience> {
        actor.require(&[Capability::Dispatch, Capability::Respond])?;
        let all = actor.caps.has(Capability::Dispatch);
        Ok(Audience {
            all,
            team: actor.team.map(|t| t.to_string()),
            _watch: all.then(|| Watch::new(&self.live.watching)),
        })
    }
}

/// What a subscriber gets: events it missed (after its Last-Event-ID), then the live stream.
pub struct Subscription {
    pub replay: Vec<Sequenced>,
    /// True when the requested id is older than what is kept: the client should reload in full.
    pub gap: bool,
    pub rx: broadcast::Receiver<Sequenced>,
}

impl LiveHub {
    pub fn new(keep: usize) -> Self {
        let (tx, _) = broadcast::channel(4 * keep.max(16));
        LiveHub {
            inner: Mutex::new(Inner {
                next: 1,
                recent: VecDeque::with_capacity(keep),
            }),
            tx,
            keep,
            watching: Default::default(),
        }
    }

    /// How many boards (dispatch's live streams) are open on this node now.
    pub fn boards_open(&self) -> usize {
        self.watching.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn publish(&self, event: LiveEvent) {
        metrics::counter!("heart_live_events_total", "kind" => event.kind.as_str()).increment(1);
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let json = serde_json::to_string(&event).unwrap_or_else(|_| "{}".into());
        let frame = format!("id: {}\ndata: {json}\n\n", inner.next).into();
        let s = Sequenced {
            seq: inner.next,
            event,
            frame,
        };
        inner.next += 1;
        if inner.recent.len() == self.keep {
            inner.recent.pop_front();
        }
        inner.recent.push_back(s.clone());
        // Sent under the lock so a subscriber's replay and stream never overlap or miss.
        let _ = self.tx.send(s);
    }

    pub fn subscribe(&self, last_seen: Option<u64>) -> Subscription {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let rx = self.tx.subscribe();
        let (replay, gap) = match last_seen {
            None => (Vec::new(), false),
            Some(last) => {
                let oldest = inner.recent.front().map(|s| s.seq).unwrap_or(inner.next);
                let next = last.saturating_add(1);
                let gap = next < oldest && next < inner.next;
                (
                    inner
                        .recent
                        .iter()
                        .filter(|s| s.seq > last)
                        .cloned()
                        .collect(),
                    gap,
                )
            }
        };
        Subscription { replay, gap, rx }
    }

    pub fn last_seq(&self) -> u64 {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).next - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use heart_domain::events::EventKind;

    fn ev(i: u32) -> LiveEvent {
        LiveEvent {
            kind: EventKind::RequestCreated,
            id: i.to_string(),
            team: None,
        }
    }

    #[test]
    fn resume_replays_what_was_missed() {
        let hub = LiveHub::new(3);
        for i in 0..5 {
            hub.publish(ev(i));
        }
        let s = hub.subscribe(Some(3));
        assert_eq!(
            s.replay.iter().map(|s| s.seq).collect::<Vec<_>>(),
            vec![4, 5]
        );
        assert!(!s.gap);
        let s = hub.subscribe(Some(1));
        assert!(s.gap, "seq 2 fell out of the buffer");
        assert_eq!(s.replay.len(), 3);
    }

    #[test]
    fn a_huge_last_event_id_is_harmless() {
        let hub = LiveHub::new(3);
        hub.publish(ev(1));
        let s = hub.subscribe(Some(u64::MAX));
        assert!(s.replay.is_empty() && !s.gap);
    }

    #[tokio::test]
    async fn live_events_follow_the_replay() {
        let hub = LiveHub::new(10);
        hub.publish(ev(1));
        let mut s = hub.subscribe(Some(0));
        hub.publish(ev(2));
        assert_eq!(s.replay.len(), 1);
        assert_eq!(s.rx.recv().await.unwrap().seq, 2);
    }
}
