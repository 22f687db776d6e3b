//! One outbound policy for every request heart makes to an address that someone other than the operator gave:
//! partners' callbacks, referral hooks, and any later one (push endpoints). The operator's own services (the SMS
//! provider, the payment provider, the SMTP server) are not under it.
//!
//! - Only `https://`. A URL that names an inside address outright (loopback, private, link-local, CGNAT,
//!   multicast, unspecified, reserved, IPv4-mapped or NAT64 forms of those, `localhost`, `*.internal`) is refused
//!   when saved and again when sent.
//! - A name is looked up when saved (refused if any address it has is inside) and again when sent, by the client's
//!   own resolver: the addresses are looked up once, every one is checked, and the connection goes to the checked
//!   addresses. There is no second look-up for a rebinding name to change its answer in between.
//! - No redirects are followed, and no proxy from the environment is used (it would do its own look-up).
//! - `[outbound] allow_loopback = true` (tests only) lets `http://` or `https://` to a loopback *literal*
//!   (127.0.0.0/8, ::1) through, so tests can run local receivers. Names are never let through to loopback.

use serde::{Deserialize, Serialize};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, OnceLock, RwLock};

/// `[outbound]`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OutboundConfig {
    /// Tests only: let `http://127.0.0.1:PORT` and `https://127.0.0.1:PORT` (loopback literals) through for every
    /// kind of outbound call. Off by default; never turn it on in a deployment.
    pub allow_loopback: bool,
}

/// The longest URL kept for an outbound call.
pub const MAX_URL_CHARS: usize = 500;

/// Why an address is refused: the field error's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not an https URL (or not a URL at all, or too long).
    Invalid,
    /// It names, or its name leads to, an address inside the network.
    Internal,
}

impl Refusal {
    /// The field error's code ("invalid", "internal_address").
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Invalid => "invalid",
            Refusal::Internal => "internal_address",
        }
    }
}

/// The error the client's resolver gives for a name that leads inside (found again in the error's sources).
#[derive(Debug)]
struct InsideAddress;

impl std::fmt::Display for InsideAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the name leads to an address inside the network")
    }
}

impl std::error::Error for InsideAddress {}

/// A look-up of a host name's addresses. The system's resolver in a deployment; a stub in tests.
pub trait Lookup: Send + Sync {
    fn lookup(
        &self,
        host: String,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send>>;
}

/// The system's resolver (getaddrinfo, on a blocking thread).
pub struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(
        &self,
        host: String,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send>> {
        Box::pin(async move {
            Ok(tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .map(|a| a.ip())
                .collect())
        })
    }
}

/// Addresses inside the network: loopback, private, link-local, CGNAT (100.64/10), multicast, unspecified,
/// broadcast, reserved and benchmarking ranges, IPv6 unique-local and site-local, and the IPv4-mapped,
/// IPv4-compatible, NAT64 and 6to4 forms of an inside IPv4 address. Documentation ranges are refused too: no
/// partner lives there.
pub fn inside(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let embedded = |a: u16, b: u16| {
                let [a1, a2] = a.to_be_bytes();
                let [b1, b2] = b.to_be_bytes();
                std::net::Ipv4Addr::new(a1, a2, b1, b2)
            };
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] & 0xffc0) == 0xfec0
                || v6.to_ipv4_mapped().is_some_and(|v4| inside(v4.into()))
                // ::a.b.c.d (IPv4-compatible, deprecated but still routed by some stacks)
                || (s[..6].iter().all(|x| *x == 0) && inside(embedded(s[6], s[7]).into()))
                // 64:ff9b::/96 (NAT64)
                || (s[0] == 0x64 && s[1] == 0xff9b && s[2..6].iter().all(|x| *x == 0)
                    && inside(embedded(s[6], s[7]).into()))
                // 2002::/16 (6to4) carries an IPv4 address in its next 32 bits
                || (s[0] == 0x2002 && inside(embedded(s[1], s[2]).into()))
                // 2001:db8::/32 (documentation)
                || (s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

fn loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback(),
    }
}

/// A host that is a name reserved for inside use, whatever it resolves to.
fn inside_name(host: &str) -> bool {
    let d = host.trim_end_matches('.').to_ascii_lowercase();
    d == "localhost"
        || d.ends_with(".localhost")
        || d.ends_with(".internal")
        || d.ends_with(".local")
        || d.ends_with(".home.arpa")
        || !d.contains('.')
}

/// The resolver in use (shared with the client's, so a stub set later is the one it asks).
type SharedLookup = Arc<RwLock<Arc<dyn Lookup>>>;

/// The policy, with its resolver and the one client made under it.
pub struct Outbound {
    allow_loopback: bool,
    lookup: SharedLookup,
    /// Made on first use and kept: making a client reads the system's root certificates from disk, which cost
    /// more than a whole intake when it was done on every wake of the outboxes.
    client: OnceLock<reqwest::Client>,
}

impl Outbound {
    pub fn new(config: &OutboundConfig) -> Self {
        Outbound {
            allow_loopback: config.allow_loopback,
            lookup: Arc::new(RwLock::new(Arc::new(SystemLookup))),
            client: OnceLock::new(),
        }
    }

    /// Uses another resolver (tests: a stub whose names resolve inside).
    pub fn set_lookup(&self, lookup: Arc<dyn Lookup>) {
        if let Ok(mut l) = self.lookup.write() {
            *l = lookup;
        }
    }

    fn resolver(&self) -> Arc<dyn Lookup> {
        current(&self.lookup)
    }

    /// What can be told from the URL alone: its scheme and length, and whether its host is an inside literal or
    /// an inside name. A loopback literal passes only with `allow_loopback`.
    pub fn check_url(&self, url: &str) -> Result<reqwest::Url, Refusal> {
        let url = url.trim();
        if url.chars().count() > MAX_URL_CHARS || url.chars().any(char::is_whitespace) {
            return Err(Refusal::Invalid);
        }
        let parsed = reqwest::Url::parse(url).map_err(|_| Refusal::Invalid)?;
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Refusal::Invalid);
        }
        let Some(host) = parsed.host_str() else {
            return Err(Refusal::Invalid);
        };
        // The URL parser has already made "2130706433" or "0x7f.1" into 127.0.0.1.
        let literal = host.trim_matches(['[', ']']).parse::<IpAddr>().ok();
        let tested_loopback = self.allow_loopback && literal.is_some_and(loopback);
        match parsed.scheme() {
            "https" => {}
            "http" if tested_loopback => {}
            _ => return Err(Refusal::Invalid),
        }
        match (literal, parsed.host_str()) {
            (Some(_), _) if tested_loopback => Ok(parsed),
            (Some(ip), _) if inside(ip) => Err(Refusal::Internal),
            (Some(_), _) => Ok(parsed),
            (None, Some(name)) if inside_name(name) => Err(Refusal::Internal),
            (None, _) => Ok(parsed),
        }
    }

    /// The check when an address is saved: the URL itself, then where its name leads now. A name that does not
    /// resolve now is kept (it is checked again when sent); one with any inside address is refused.
    pub async fn check_saved(&self, url: &str) -> Result<reqwest::Url, Refusal> {
        let parsed = self.check_url(url)?;
        let name = parsed.host_str().unwrap_or_default();
        if name.trim_matches(['[', ']']).parse::<IpAddr>().is_err()
            && let Ok(addrs) = self.resolver().lookup(name.to_string()).await
            && addrs.into_iter().any(inside)
        {
            return Err(Refusal::Internal);
        }
        Ok(parsed)
    }

    /// The client for outbound calls under this policy (made once; a clone shares it): its resolver looks each
    /// name up once and refuses it when any address is inside; it connects to the addresses it checked. No
    /// redirects, no proxy, a short timeout.
    pub fn client(&self) -> reqwest::Client {
        self.client
            .get_or_init(|| {
                crate::payments::ensure_tls_provider();
                reqwest::Client::builder()
                    .timeout(std::time::Duration::from_secs(10))
                    .redirect(reqwest::redirect::Policy::none())
                    .no_proxy()
                    .dns_resolver(Arc::new(PolicyResolver(self.lookup.clone())))
                    .build()
                    .unwrap_or_default()
            })
            .clone()
    }

    /// The policy and one client under it, for a batch of sends.
    pub fn sender(&self) -> Sender<'_> {
        Sender {
            policy: self,
            http: self.client(),
        }
    }

    /// Whether a failed send was this policy's refusal (an inside address at send time), not the other end.
    pub fn refused(err: &reqwest::Error) -> bool {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = source {
            if e.is::<InsideAddress>() {
                return true;
            }
            source = e.source();
        }
        false
    }
}

/// A batch's client with the policy it was made under (URLs are checked again before each send).
pub struct Sender<'a> {
    pub policy: &'a Outbound,
    pub http: reqwest::Client,
}

fn current(lookup: &SharedLookup) -> Arc<dyn Lookup> {
    lookup
        .read()
        .map(|l| l.clone())
        .unwrap_or_else(|_| Arc::new(SystemLookup))
}

/// reqwest's resolver under the policy: it asks the policy's resolver of the moment.
struct PolicyResolver(SharedLookup);

impl reqwest::dns::Resolve for PolicyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let lookup = current(&self.0);
        let host = name.as_str().to_string();
        Box::pin(async move {
            if inside_name(&host) {
                return Err(Box::new(InsideAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            let addrs = lookup.lookup(host).await?;
            if addrs.is_empty() {
                return Err(Box::new(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no address",
                ))
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            if addrs.iter().any(|a| inside(*a)) {
                return Err(Box::new(InsideAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            let addrs: Vec<SocketAddr> =
                addrs.into_iter().map(|ip| SocketAddr::new(ip, 0)).collect();
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    //! Every address a test here could connect to is on loopback: inside addresses are checked by the pure
    //! `inside` function, and names are under `.invalid` or answered by a stub.
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn inside_ranges() {
        // Pure classification: nothing here connects anywhere.
        let v4 = |a, b, c, d| IpAddr::V4(Ipv4Addr::new(a, b, c, d));
        for ip in [
            v4(127, 0, 0, 1),
            v4(127, 9, 9, 9),
            v4(10, 0, 0, 1),
            v4(172, 16, 0, 1),
            v4(192, 168, 1, 1),
            v4(169, 254, 169, 254),
            v4(100, 64, 0, 1),
            v4(0, 0, 0, 0),
            v4(224, 0, 0, 1),
            v4(255, 255, 255, 255),
            v4(198, 18, 0, 1),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::UNSPECIFIED),
            "fd00::1".parse().unwrap(),
            "fe80::1".parse().unwrap(),
            "ff02::1".parse().unwrap(),
            "::ffff:127.0.0.1".parse().unwrap(),
            "::ffff:10.0.0.1".parse().unwrap(),
            "::127.0.0.1".parse().unwrap(),
            "64:ff9b::a9fe:a9fe".parse().unwrap(),
            "2002:7f00:1::1".parse().unwrap(),
        ] {
            assert!(inside(ip), "{ip}");
        }
        for ip in [
            v4(18, 9, 22, 69),
            "2606:4700::1111".parse::<IpAddr>().unwrap(),
        ] {
            assert!(!inside(ip), "{ip}");
        }
    }

    fn strict() -> Outbound {
        Outbound::new(&OutboundConfig::default())
    }

    #[test]
    fn urls_refused_from_their_words() {
        let o = strict();
        for (url, why) in [
            ("http://partner.invalid/cb", Refusal::Invalid),
            ("ftp://partner.invalid/cb", Refusal::Invalid),
            ("https://user:pw@partner.invalid/cb", Refusal::Invalid),
            ("not a url", Refusal::Invalid),
            ("https://127.0.0.1/cb", Refusal::Internal),
            ("https://127.0.0.1:9/cb", Refusal::Internal),
            ("https://[::1]/cb", Refusal::Internal),
            ("https://[::ffff:127.0.0.1]/cb", Refusal::Internal),
            ("https://2130706433/cb", Refusal::Internal),
            ("https://0x7f.1/cb", Refusal::Internal),
            ("https://localhost/cb", Refusal::Internal),
            ("https://LOCALHOST./cb", Refusal::Internal),
            ("https://api.localhost/cb", Refusal::Internal),
            ("https://db.internal/cb", Refusal::Internal),
            ("https://printer.local/cb", Refusal::Internal),
            ("https://intranet/cb", Refusal::Internal),
            ("http://127.0.0.1:9/cb", Refusal::Invalid),
        ] {
            assert_eq!(o.check_url(url).err(), Some(why), "{url}");
        }
        assert!(o.check_url("https://partner.invalid/cb").is_ok());
        let long = format!("https://partner.invalid/{}", "a".repeat(MAX_URL_CHARS));
        assert_eq!(o.check_url(&long).err(), Some(Refusal::Invalid));
    }

    #[test]
    fn loopback_literals_only_when_tests_allow_them() {
        let o = Outbound::new(&OutboundConfig {
            allow_loopback: true,
        });
        assert!(o.check_url("http://127.0.0.1:9/cb").is_ok());
        assert!(o.check_url("https://127.0.0.1:9/cb").is_ok());
        assert!(o.check_url("http://[::1]:9/cb").is_ok());
        // Names never: a name could lead anywhere.
        assert_eq!(
            o.check_url("http://localhost:9/cb").err(),
            Some(Refusal::Invalid)
        );
        assert_eq!(
            o.check_url("https://localhost:9/cb").err(),
            Some(Refusal::Internal)
        );
    }

    /// A resolver whose one name leads to loopback; it counts its look-ups.
    struct Stub {
        answer: IpAddr,
        asked: AtomicUsize,
    }

    impl Lookup for Stub {
        fn lookup(
            &self,
            host: String,
        ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<IpAddr>>> + Send>> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            let answer = self.answer;
            Box::pin(async move {
                if host == "rebind.invalid" {
                    Ok(vec![answer])
                } else {
                    Err(std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no such name",
                    ))
                }
            })
        }
    }

    /// A local receiver that counts the connections it accepts.
    async fn receiver() -> (u16, Arc<AtomicUsize>) {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = l.local_addr().unwrap().port();
        let n = Arc::new(AtomicUsize::new(0));
        let seen = n.clone();
        tokio::spawn(async move {
            while let Ok((_s, _)) = l.accept().await {
                seen.fetch_add(1, Ordering::SeqCst);
            }
        });
        (port, n)
    }

    #[tokio::test]
    async fn a_name_that_resolves_inside_is_refused_when_saved_and_when_sent_without_connecting() {
        let (port, connections) = receiver().await;
        for allow_loopback in [false, true] {
            let o = Outbound::new(&OutboundConfig { allow_loopback });
            let stub = Arc::new(Stub {
                answer: IpAddr::V4(Ipv4Addr::LOCALHOST),
                asked: AtomicUsize::new(0),
            });
            o.set_lookup(stub.clone());
            let url = format!("https://rebind.invalid:{port}/cb");
            assert_eq!(o.check_saved(&url).await.err(), Some(Refusal::Internal));
            // At send time the client's own resolver refuses it: one look-up, no connection.
            let before = stub.asked.load(Ordering::SeqCst);
            let err = o.client().post(&url).body("{}").send().await.unwrap_err();
            assert!(Outbound::refused(&err), "{err}");
            assert_eq!(
                stub.asked.load(Ordering::SeqCst),
                before + 1,
                "looked up once"
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(connections.load(Ordering::SeqCst), 0, "never connected");
    }

    #[tokio::test]
    async fn the_one_client_asks_the_resolver_of_the_moment() {
        // The client is made once and kept; a resolver set after it was made is still the one it asks.
        let (port, connections) = receiver().await;
        let o = strict();
        let first = o.client();
        let stub = Arc::new(Stub {
            answer: IpAddr::V4(Ipv4Addr::LOCALHOST),
            asked: AtomicUsize::new(0),
        });
        o.set_lookup(stub.clone());
        for client in [first, o.client()] {
            let err = client
                .post(format!("https://rebind.invalid:{port}/cb"))
                .send()
                .await
                .unwrap_err();
            assert!(Outbound::refused(&err), "{err}");
        }
        assert_eq!(stub.asked.load(Ordering::SeqCst), 2);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(connections.load(Ordering::SeqCst), 0, "never connected");
    }

    #[tokio::test]
    async fn a_name_that_does_not_resolve_is_kept_and_fails_when_sent() {
        let o = strict();
        o.set_lookup(Arc::new(Stub {
            answer: IpAddr::V4(Ipv4Addr::LOCALHOST),
            asked: AtomicUsize::new(0),
        }));
        assert!(o.check_saved("https://partner.invalid/cb").await.is_ok());
        let err = o
            .client()
            .post("https://partner.invalid/cb")
            .send()
            .await
            .unwrap_err();
        assert!(!Outbound::refused(&err));
    }

    #[tokio::test]
    async fn redirects_are_not_followed() {
        // A loopback receiver (allowed for tests) that answers with a redirect to another loopback port.
        let (port2, followed) = receiver().await;
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = l.local_addr().unwrap().port();
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            if let Ok((mut s, _)) = l.accept().await {
                let mut buf = [0u8; 1024];
                let _ = s.read(&mut buf).await;
                let _ = s
                    .write_all(
                        format!(
                            "HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:{port2}/x\r\ncontent-length: 0\r\n\r\n"
                        )
                        .as_bytes(),
                    )
                    .await;
            }
        });
        let o = Outbound::new(&OutboundConfig {
            allow_loopback: true,
        });
        let r = o
            .client()
            .post(format!("http://127.0.0.1:{port}/cb"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 307);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(followed.load(Ordering::SeqCst), 0);
    }
}
