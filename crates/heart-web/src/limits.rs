//! Per-address limits on the two forms anyone can post without an account: asking for support and signing in.
//! A flood from one address cannot bury the board or guess passwords at speed; everyone else is unaffected.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The client's address: the TCP peer, or, behind a reverse proxy that the settings trust (`trust_forwarded_for`,
/// and the peer one of `trusted_proxies`), the address that proxy appended last to `X-Forwarded-For`.
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
        // Only from a proxy the settings name (`trusted_proxies`): from anyone else the header is the client's word.
        if st.app.config.trust_forwarded_for
            && heart_app::config::Proxy::any_holds(&st.app.config.trusted_proxies, peer)
        {
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
    /// By (prefix length, prefix): the tiers never share a key.
    seen: Mutex<HashMap<(u8, IpAddr), (u32, Instant)>>,
}

impl Limit {
    pub fn new(max: u32, window: Duration) -> Self {
        Limit {
            max,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds to tell a refused client to wait (the window; a client that waits that long is always let in).
    pub fn retry_after(&self) -> u64 {
        self.window.as_secs().max(1)
    }

    /// Counts one event; false when the address (or, for IPv6, its /64, /48 or /32) is over its limit.
    pub fn allow(&self, ip: Option<IpAddr>) -> bool {
        let Some(ip) = ip else { return true };
        // IPv6: one household or machine holds a whole /64, a provider's customer a /48, a network a /32. Each
        // request counts in all three; the wider tiers allow more (8x for a /48, 64x for a /32), so a flood from
        // many /64s of one /48 is still held back, and one busy /64 never blocks its neighbours.
        let buckets: Vec<((u8, IpAddr), u32)> = match ip {
            IpAddr::V6(v6) => {
                let s = v6.segments();
                vec![
                    (
                        (64, IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])),
                        self.max,
                    ),
                    (
                        (48, IpAddr::from([s[0], s[1], s[2], 0, 0, 0, 0, 0])),
                        self.max.saturating_mul(8),
                    ),
                    (
                        (32, IpAddr::from([s[0], s[1], 0, 0, 0, 0, 0, 0])),
                        self.max.saturating_mul(64),
                    ),
                ]
            }
            v4 => vec![((32, v4), self.max)],
        };
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > MAX_TRACKED {
            let window = self.window;
            seen.retain(|_, (_, start)| start.elapsed() < window);
            if seen.len() > MAX_TRACKED {
                // Memory stays bounded under a flood of fresh addresses: the oldest half goes first, so the
                // addresses counted most recently (those still sending) keep their counts.
                let mut starts: Vec<Instant> = seen.values().map(|(_, s)| *s).collect();
                starts.sort_unstable();
                let cut = starts[starts.len() / 2];
                seen.retain(|_, (_, start)| *start > cut);
            }
        }
        let mut ok = true;
        for (key, max) in buckets {
            let e = seen.entry(key).or_insert((0, Instant::now()));
            if e.1.elapsed() >= self.window {
                *e = (0, Instant::now());
            }
            e.0 = e.0.saturating_add(1);
            ok &= e.0 <= max;
        }
        ok
    }
}

/// How many addresses (and IPv6 prefixes) a limit keeps counts for before it forgets the oldest.
const MAX_TRACKED: usize = 50_000;

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

    #[test]
    fn many_slash_64s_of_one_slash_48_are_held_back_too() {
        // Pure counting: no address here is ever connected to.
        let l = Limit::new(2, Duration::from_secs(60));
        let in48 = |n: u16| Some(IpAddr::from([0x2001, 0xdb8, 7, n, 0, 0, 0, 1]));
        let passed = (0..100u16).filter(|n| l.allow(in48(*n))).count();
        assert_eq!(passed, 16, "a /48 gets 8x one /64's allowance");
        // Another /48 of the same /32 still has its own.
        let other = Some(IpAddr::from([0x2001, 0xdb8, 8, 0, 0, 0, 0, 1]));
        assert!(l.allow(other));
    }

    #[test]
    fn a_flood_of_fresh_addresses_forgets_the_oldest_first() {
        let l = Limit::new(1, Duration::from_secs(600));
        let first = Some(IpAddr::from([127, 0, 0, 1]));
        assert!(l.allow(first));
        for i in 0..(MAX_TRACKED as u32 + 10) {
            // Loopback addresses (127.0.0.0/8 has millions): counted, never connected to.
            let [a, b, c, d] = (0x7f00_0002u32 + i).to_be_bytes();
            l.allow(Some(IpAddr::from([a, b, c, d])));
        }
        let newest = Some(IpAddr::from(
            (0x7f00_0002u32 + MAX_TRACKED as u32 + 9).to_be_bytes(),
        ));
        assert!(!l.allow(newest), "a recent address keeps its count");
        assert!(l.seen.lock().unwrap().len() <= MAX_TRACKED + 1);
    }
}
