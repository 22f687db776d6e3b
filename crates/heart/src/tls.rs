//! HTTPS of heart's own (`[tls]`), for those who run no proxy: a listener that completes each TLS handshake in a
//! task of its own (a slow client holds up nobody) and hands finished connections to `axum::serve`; the certificate
//! and key re-read when their files change (a renewed certificate needs no restart; a bad pair is logged and the
//! one in use kept); and a plain-HTTP listener that only redirects to HTTPS.

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;

/// How often the files are looked at (two `stat` calls).
const RELOAD_EVERY: Duration = Duration::from_secs(2);
/// A client that has not finished its handshake by then is dropped.
const HANDSHAKE: Duration = Duration::from_secs(10);

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Reads a certificate chain and its key; one line naming the file or the mismatch when they cannot serve.
pub fn load(cert: &Path, key: &Path) -> Result<CertifiedKey, String> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| format!("cannot read the certificate {}: {e}", cert.display()))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("the certificate {} is not PEM: {e}", cert.display()))?;
    if chain.is_empty() {
        return Err(format!("{} holds no certificate", cert.display()));
    }
    let k = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| format!("cannot read the private key {}: {e}", key.display()))?;
    CertifiedKey::from_der(chain, k, &provider()).map_err(|e| match e {
        rustls::Error::InconsistentKeys(_) => format!(
            "the certificate {} does not match the key {}",
            cert.display(),
            key.display()
        ),
        other => format!("the certificate or key cannot be used: {other}"),
    })
}

fn stamps(cert: &Path, key: &Path) -> Option<(SystemTime, SystemTime)> {
    let m = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    Some((m(cert)?, m(key)?))
}

/// The certificate in use, swapped when its files change.
#[derive(Debug)]
struct Reloading {
    current: RwLock<Arc<CertifiedKey>>,
}

impl ResolvesServerCert for Reloading {
    fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        self.current.read().ok().map(|c| c.clone())
    }
}

/// The server side of TLS for `[tls]`: loaded now (an error is one line), then watched.
pub fn server_config(cert: PathBuf, key: PathBuf) -> Result<Arc<rustls::ServerConfig>, String> {
    let first = load(&cert, &key)?;
    let resolver = Arc::new(Reloading {
        current: RwLock::new(Arc::new(first)),
    });
    let watched = resolver.clone();
    tokio::spawn(async move {
        let mut seen = stamps(&cert, &key);
        let mut every = tokio::time::interval(RELOAD_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            let now = stamps(&cert, &key);
            if now.is_none() || now == seen {
                continue;
            }
            seen = now;
            match load(&cert, &key) {
                Ok(k) => {
                    if let Ok(mut c) = watched.current.write() {
                        *c = Arc::new(k);
                    }
                    tracing::info!("the TLS certificate changed on disk: now serving the new one");
                }
                Err(m) => tracing::error!(
                    error = %m,
                    "the TLS certificate changed on disk but cannot be used: still serving the previous one"
                ),
            }
        }
    });
    let mut config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_no_client_auth()
        .with_cert_resolver(resolver);
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Finished TLS connections, for `axum::serve`.
pub struct TlsListener {
    done: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl TlsListener {
    /// Accepts on `tcp`; each handshake in its own task, at most [`HANDSHAKE`] long.
    pub fn new(tcp: TcpListener, config: Arc<rustls::ServerConfig>) -> std::io::Result<Self> {
        let local = tcp.local_addr()?;
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        let (tx, done) = tokio::sync::mpsc::channel(256);
        tokio::spawn(async move {
            loop {
                let (stream, addr) = match tcp.accept().await {
                    Ok(c) => c,
                    Err(_) => {
                        // Out of file descriptors and the like: wait a little rather than spin.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    if let Ok(Ok(tls)) =
                        tokio::time::timeout(HANDSHAKE, acceptor.accept(stream)).await
                    {
                        let _ = tx.send((tls, addr)).await;
                    }
                });
            }
        });
        Ok(Self { done, local })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.done.recv().await {
            Some(c) => c,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}

/// Says where heart listens and, with `[tls]`, loads the certificate and starts the plain-HTTP redirect; one line
/// for what is wrong.
pub async fn start(
    tls: Option<&crate::config::TlsSettings>,
    local: SocketAddr,
) -> Result<Option<Arc<rustls::ServerConfig>>, String> {
    let Some(t) = tls else {
        eprintln!("heart: listening on http://{local}");
        return Ok(None);
    };
    let config = server_config(t.cert_file.clone(), t.key_file.clone())
        .map_err(|m| format!("bad settings: tls: {m}"))?;
    eprintln!("heart: listening on https://{local}");
    if let Some(from) = &t.redirect_from {
        let plain = TcpListener::bind(from)
            .await
            .map_err(|e| format!("cannot listen on {from}: {e}"))?;
        let at = plain
            .local_addr()
            .map_err(|e| format!("cannot listen on {from}: {e}"))?;
        eprintln!("heart: redirecting http://{at} to https");
        tokio::spawn(redirect(plain, local.port()));
    }
    Ok(Some(config))
}

/// Serves `router` on `listener` (with each peer's address for the per-address limits), over TLS when `config` is
/// given, until `stop`.
pub async fn serve<F>(
    listener: TcpListener,
    config: Option<Arc<rustls::ServerConfig>>,
    router: axum::Router,
    stop: F,
) -> std::io::Result<()>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    match config {
        None => {
            axum::serve(listener, service)
                .with_graceful_shutdown(stop)
                .await
        }
        // `tap_io` (doing nothing) gives the listener axum's connect-info for its peer address.
        Some(config) => {
            let tls = axum::serve::ListenerExt::tap_io(TlsListener::new(listener, config)?, |_| {});
            axum::serve(tls, service).with_graceful_shutdown(stop).await
        }
    }
}

/// Where a plain-HTTP request is sent: the same host and path over HTTPS, at `https_port` (left out when 443).
pub fn https_location(host: &str, path_and_query: &str, https_port: u16) -> Option<String> {
    // The host as the client named it, without its port; a name or an address, nothing else.
    let name = match host.strip_prefix('[') {
        Some(v6) => format!("[{}]", v6.split(']').next()?),
        None => host.split(':').next()?.to_string(),
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.[]:".contains(c))
    {
        return None;
    }
    let port = if https_port == 443 {
        String::new()
    } else {
        format!(":{https_port}")
    };
    let path = if path_and_query.starts_with('/') {
        path_and_query
    } else {
        "/"
    };
    Some(format!("https://{name}{port}{path}"))
}

/// The plain-HTTP listener of `redirect_from`: every request answered with a permanent redirect to HTTPS.
pub async fn redirect(listener: TcpListener, https_port: u16) {
    use axum::http::{HeaderMap, StatusCode, Uri, header};
    use axum::response::IntoResponse;
    let app = axum::Router::new().fallback(move |headers: HeaderMap, uri: Uri| async move {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        match https_location(host, path, https_port) {
            Some(to) => (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, to)],
                "This server speaks HTTPS.\n",
            )
                .into_response(),
            None => (StatusCode::BAD_REQUEST, "A Host header is needed.\n").into_response(),
        }
    });
    if let Err(e) = axum::serve(listener, app).await {
        tracing::error!(error = %e, "the HTTP to HTTPS redirect stopped");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_goes_to_the_same_place_over_https() {
        assert_eq!(
            https_location("heart.example.org", "/requests?x=1", 443).as_deref(),
            Some("https://heart.example.org/requests?x=1")
        );
        assert_eq!(
            https_location("heart.example.org:80", "/", 8443).as_deref(),
            Some("https://heart.example.org:8443/")
        );
        assert_eq!(
            https_location("[::1]:80", "/a", 443).as_deref(),
            Some("https://[::1]/a")
        );
        assert_eq!(https_location("", "/", 443), None);
        assert_eq!(https_location("evil.example/x", "/", 443), None);
        assert_eq!(https_location("a\"b", "/", 443), None);
    }
}
