//! `[tls]` (issue 29.3): heart serves HTTPS itself with a certificate made here, takes a renewed certificate
//! without a restart, redirects plain HTTP, sends HSTS, and refuses a certificate that does not match its key.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

struct Pair {
    cert: String,
    key: String,
    der: Vec<u8>,
}

fn pair() -> Pair {
    let c = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    Pair {
        cert: c.cert.pem(),
        key: c.signing_key.serialize_pem(),
        der: c.cert.der().to_vec(),
    }
}

fn write(dir: &Path, p: &Pair) {
    // The key first, then the certificate: the server may look between the two writes.
    std::fs::write(dir.join("key.pem"), &p.key).unwrap();
    std::fs::write(dir.join("cert.pem"), &p.cert).unwrap();
}

/// A client that trusts only `der`, and finds "localhost" at `addr`.
fn client(der: &[u8], addr: SocketAddr) -> reqwest::Client {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(der.to_vec()))
        .unwrap();
    let tls = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .resolve("localhost", addr)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The address after `says` in the server's start-up lines.
fn address(lines: &[String], says: &str) -> SocketAddr {
    lines
        .iter()
        .find_map(|l| l.split_once(says).map(|(_, a)| a.trim().to_string()))
        .unwrap_or_else(|| panic!("{says} in {lines:?}"))
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heart_serves_https_itself_and_takes_a_renewed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let first = pair();
    write(dir.path(), &first);
    let settings = dir.path().join("heart.toml");
    std::fs::write(
        &settings,
        format!(
            "[tls]\ncert_file = \"{}\"\nkey_file = \"{}\"\nredirect_from = \"127.0.0.1:0\"\n",
            dir.path().join("cert.pem").display(),
            dir.path().join("key.pem").display()
        ),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("HEART_DATABASE_URL")
        .env("HEART_DATA", dir.path().join("data"))
        .env("HEART_CONFIG", &settings)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut lines = Vec::new();
    while !lines
        .iter()
        .any(|l: &String| l.contains("redirecting http://"))
    {
        let mut l = String::new();
        if err.read_line(&mut l).unwrap() == 0 {
            panic!("heart stopped: {lines:?}");
        }
        lines.push(l);
    }
    std::thread::spawn(move || for _ in err.lines() {});
    let https = address(&lines, "listening on https://");
    let plain = address(&lines, "redirecting http://");

    let c = client(&first.der, https);
    let url = format!("https://localhost:{}/healthz", https.port());
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()
            .get("strict-transport-security")
            .is_some_and(|v| v.to_str().unwrap().starts_with("max-age=")),
        "HSTS on with TLS: {:?}",
        r.headers()
    );

    // Plain HTTP only redirects, to the same path over HTTPS.
    heart_app::payments::ensure_tls_provider();
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("http://{plain}/requests?x=1"))
        .header("host", "localhost")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 308);
    assert_eq!(
        r.headers()["location"],
        format!("https://localhost:{}/requests?x=1", https.port()).as_str()
    );

    // A renewed certificate, written over the files while heart runs: served within seconds, no restart.
    let second = pair();
    write(dir.path(), &second);
    let renewed = client(&second.der, https);
    let mut served = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if renewed
            .get(&url)
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            served = true;
            break;
        }
    }
    assert!(served, "the renewed certificate is served");
    assert!(
        client(&first.der, https).get(&url).send().await.is_err(),
        "the old one is not"
    );

    // A broken renewal (a key that is not the certificate's) is not taken: the good one stays.
    std::fs::write(dir.path().join("key.pem"), pair().key).unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let r = renewed.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    child.kill().unwrap();
    let _ = child.wait();
}

/// A certificate that does not match its key: one line, exit 2, before anything is made.
#[test]
fn a_certificate_that_does_not_match_its_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (pair(), pair());
    std::fs::write(dir.path().join("cert.pem"), &a.cert).unwrap();
    std::fs::write(dir.path().join("key.pem"), &b.key).unwrap();
    let settings = dir.path().join("heart.toml");
    std::fs::write(
        &settings,
        format!(
            "[tls]\ncert_file = \"{}\"\nkey_file = \"{}\"\n",
            dir.path().join("cert.pem").display(),
            dir.path().join("key.pem").display()
        ),
    )
    .unwrap();
    let data = dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("HEART_DATABASE_URL")
        .env("HEART_DATA", &data)
        .env("HEART_CONFIG", &settings)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("does not match the key"), "{err}");
    assert!(!data.exists(), "nothing made");
    // And an unknown key in [tls] is named.
    std::fs::write(
        &settings,
        "[tls]\ncert_file = \"a\"\nkey_file = \"b\"\nredirect = \"x\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("HEART_DATABASE_URL")
        .env("HEART_DATA", &data)
        .env("HEART_CONFIG", &settings)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("redirect"), "{err}");
}
