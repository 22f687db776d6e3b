//! Per-address limits on the two forms anyone can post without an account: asking for support and signing in.
//! A flood from one address cannot bury the board or guess passwords at speed; everyone else is unaffected.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The client's address: the TCP peer, or, behind a reverse proxy that the settings trust
/// (`trust_forwarded_for`), the address that proxy appended last to `X-Forwarded-For`.
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<crate::AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        st: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        if st.app.config.trust_forwarded_for {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if forwarded.is_some() {
                return Ok(ClientIp(forwarded));
            }
        }
        Ok(ClientIp(peer))
    }
}

/// At most `max` events per `window` per address.
pub struct Limit {
    max: u32,
    window: Duration,
    seen: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl Limit {
    pub fn new(max: u32, window: Duration) -> Self {
        Limit {
            max,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one event; false when the address is over its limit.
    pub fn allow(&self, ip: Option<IpAddr>) -> bool {
        let Some(ip) = ip else { return true };
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 50_000 {
            let window = self.window;
            seen.retain(|_, (_, start)| start.elapsed() < window);
        }
        let e = seen.entry(ip).or_insert((0, Instant::now()));
        if e.1.elapsed() >= self.window {
            *e = (0, Instant::now());
        }
        e.0 += 1;
        e.0 <= self.max
    }
}

pub struct Limits {
    /// Public requests for support: 10 per 10 minutes per address.
    pub request: Limit,
    /// Sign-in attempts: 30 per 10 minutes per address (on top of the per-account lock).
    pub login: Limit,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request: Limit::new(10, Duration::from_secs(600)),
            login: Limit::new(30, Duration::from_secs(600)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_address() {
        let l = Limit::new(2, Duration::from_secs(60));
        let a = Some(IpAddr::from([127, 0, 0, 1]));
        let b = Some(IpAddr::from([127, 0, 0, 2]));
        assert!(l.allow(a) && l.allow(a));
        assert!(!l.allow(a));
        assert!(l.allow(b));
        assert!(l.allow(None), "no address known: not limited here");
    }
}
