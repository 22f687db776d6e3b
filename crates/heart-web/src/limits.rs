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
            // Only the entry our proxy appended (the last) is trusted; anything earlier is what the client said.
            let last = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|a| a.trim().parse::<IpAddr>().ok());
            if last.is_some() {
                return Ok(ClientIp(last));
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

    /// Counts one event; false when the address is over its limit. IPv6 counts by /64 (one household or
    /// machine holds a whole /64).
    /// Seconds to tell a refused client to wait (the window; a client that waits that long is always let in).
    pub fn retry_after(&self) -> u64 {
        self.window.as_secs().max(1)
    }

    pub fn allow(&self, ip: Option<IpAddr>) -> bool {
        let Some(ip) = ip else { return true };
        let ip = match ip {
            IpAddr::V6(v6) => {
                let s = v6.segments();
                IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])
            }
            v4 => v4,
        };
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 50_000 {
            let window = self.window;
            seen.retain(|_, (_, start)| start.elapsed() < window);
            if seen.len() > 50_000 {
                // Memory stays bounded even under a flood of fresh addresses.
                seen.clear();
            }
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
    /// Sign-in attempts (passwords and codes): 30 per 10 minutes per address (on top of the per-account lock).
    pub login: Limit,
    /// Every request without a credential that verifies (no session, no token, or one that is not valid): 300 a
    /// minute per address.
    pub public: Limit,
    /// Forms that make something at a provider (a payment page at Stripe): 20 per 10 minutes per address, whoever
    /// sends them.
    pub provider: Limit,
    /// Credentials that verified lately (a hash of the cookie or token), so the per-address limit is lifted only
    /// for a real credential without reading the database on every request. Only for the limit: every handler
    /// still checks the credential itself.
    verified: Mutex<HashMap<String, Instant>>,
}

/// How long a credential that verified lifts the per-address limit without being checked again.
const VERIFIED_FOR: Duration = Duration::from_secs(30);

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request: Limit::new(10, Duration::from_secs(600)),
            login: Limit::new(30, Duration::from_secs(600)),
            public: Limit::new(300, Duration::from_secs(60)),
            provider: Limit::new(20, Duration::from_secs(600)),
            verified: Mutex::new(HashMap::new()),
        }
    }
}

impl Limits {
    /// Whether this credential (its hash) verified within the last `VERIFIED_FOR`.
    pub fn recently_verified(&self, key: &str) -> bool {
        let seen = self.verified.lock().unwrap_or_else(|p| p.into_inner());
        seen.get(key).is_some_and(|at| at.elapsed() < VERIFIED_FOR)
    }

    /// Notes that a credential verified now.
    pub fn note_verified(&self, key: String) {
        let mut seen = self.verified.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 10_000 {
            seen.retain(|_, at| at.elapsed() < VERIFIED_FOR);
            if seen.len() > 10_000 {
                seen.clear();
            }
        }
        seen.insert(key, Instant::now());
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
        let v6 = |last: u16| Some(IpAddr::from([0x2001, 0xdb8, 1, 2, 0, 0, 0, last]));
        assert!(l.allow(v6(1)) && l.allow(v6(2)));
        assert!(!l.allow(v6(3)), "one /64 is one address");
    }
}
