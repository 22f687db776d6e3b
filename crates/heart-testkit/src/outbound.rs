//! For tests of the outbound policy: a resolver whose one name leads inside on cue, and a loopback receiver that
//! counts the connections made to it (it must see none when a refusal works). Nothing here reaches beyond
//! 127.0.0.0/8: the stub answers `rebind.invalid` with 127.0.0.1 only, and every other name not at all.

use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// `rebind.invalid` leads nowhere until `flip(true)`, then to 127.0.0.1. Counts its look-ups.
#[derive(Default)]
pub struct Rebinding {
    flipped: AtomicBool,
    asked: AtomicUsize,
}

impl Rebinding {
    pub fn new(inside: bool) -> Arc<Self> {
        let r = Arc::new(Rebinding::default());
        r.flip(inside);
        r
    }
    /// Whether the name leads inside (to loopback) from now on.
    pub fn flip(&self, inside: bool) {
        self.flipped.store(inside, Ordering::SeqCst);
    }
    /// How many look-ups were made.
    pub fn asked(&self) -> usize {
        self.asked.load(Ordering::SeqCst)
    }
}

impl heart_app::outbound::Lookup for Rebinding {
    fn lookup(
        &self,
        host: String,
    ) -> Pin<Box<dyn std::future::Future<Output = std::io::Result<Vec<IpAddr>>> + Send>> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        let answer = (host == "rebind.invalid" && self.flipped.load(Ordering::SeqCst))
            .then_some(vec![IpAddr::from([127, 0, 0, 1])]);
        Box::pin(async move {
            answer.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such name"))
        })
    }
}

/// A receiver on 127.0.0.1 that counts every connection made to it: its port and the count.
pub async fn counting_receiver() -> (u16, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let seen = connections.clone();
    tokio::spawn(async move {
        while let Ok((_s, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
        }
    });
    (port, connections)
}
