//! `heart-load push`: from a new request to a local push service receiving the alert, for D devices subscribed by
//! the demo's responders on shift. heart sends through its real path: the outbound policy's client, the VAPID
//! signature and aes128gcm encryption per device, the shared outbox claim and settle.

use super::*;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::sync::Mutex;

/// The demo's responders, all on shift when the demo opens.
const RESPONDERS: [&str; 8] = ["amara", "bo", "carmen", "dev", "eli", "fern", "gus", "hana"];

async fn cli_token(bin: &Path, dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new(bin)
        .args(["token", "create", "--name", "bench"])
        .args(args)
        .arg("--data")
        .arg(dir)
        .env("RUST_LOG", "warn")
        .output()
        .await?;
    if !out.status.success() {
        bail!(
            "token create failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

pub(crate) async fn push(bin: &Path, devices: usize, rounds: usize) -> Result<()> {
    // The fake push service: records when each device's alert arrived.
    let got: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let seen = got.clone();
    let app = axum::Router::new().route(
        "/push/{n}",
        axum::routing::post(move || {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(Instant::now());
                axum::http::StatusCode::CREATED
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let push_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let dir = tempfile::tempdir()?;
    let settings = dir.path().join("heart.toml");
    std::fs::write(&settings, "[outbound]\nallow_loopback = true\n")?;
    let mut cmd = Command::new(bin);
    cmd.args(["serve", "--demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("HEART_CONFIG", &settings)
        .env("RUST_LOG", "warn")
        .env("HEART_BACKUP_HOURS", "0");
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let addr = wait_for_addr(&mut child).await?;
    let _server = Server {
        child,
        addr: addr.clone(),
        _dir: tempfile::tempdir()?,
    };
    let base = format!("http://{addr}");
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let intake = cli_token(bin, dir.path(), &["--capabilities", "intake"]).await?;
    // One device key for all (the push service here does not open them); each device its own endpoint.
    let secret = web_push_native::p256::SecretKey::from_slice(&[7u8; 32])?;
    use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
    let p256dh = URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes());
    let auth = URL_SAFE_NO_PAD.encode([9u8; 16]);
    let mut tokens = Vec::new();
    for who in RESPONDERS {
        tokens.push(
            cli_token(
                bin,
                dir.path(),
                &["--capabilities", "respond", "--user", who],
            )
            .await?,
        );
    }
    for n in 0..devices {
        let r = http
            .post(format!("{base}/api/v1/push/subscriptions"))
            .bearer_auth(&tokens[n % tokens.len()])
            .json(
                &serde_json::json!({"endpoint": format!("{push_url}/push/{n}"),
                                      "keys": {"p256dh": p256dh, "auth": auth}}),
            )
            .send()
            .await?;
        if r.status() != 201 {
            bail!("subscribing a device: {} {}", r.status(), r.text().await?);
        }
    }
    let mut latencies: Vec<f64> = Vec::new();
    let mut missing = 0;
    for round in 0..rounds {
        let before = got.lock().unwrap().len();
        let t0 = Instant::now();
        let r = http
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(&intake)
            .json(&serde_json::json!({"summary": format!("bench call {round}")}))
            .send()
            .await?;
        if r.status() != 201 {
            bail!("a request: {}", r.status());
        }
        let deadline = t0 + Duration::from_secs(10);
        while got.lock().unwrap().len() < before + devices && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let all = got.lock().unwrap().clone();
        missing += (before + devices).saturating_sub(all.len());
        latencies.extend(
            all[before..]
                .iter()
                .map(|t| (*t - t0).as_secs_f64() * 1000.0),
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    latencies.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!(
        "push: {devices} devices, {rounds} requests: {} alerts received, {missing} missing; from the request to the \
         push service: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        latencies.len(),
        pct(0.50),
        pct(0.99),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    Ok(())
}
