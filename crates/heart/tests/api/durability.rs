//! A request answered with 201 survives kill -9 of the server immediately afterwards.
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

fn start(dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("server printed its address").unwrap();
        if let Some(u) = line.strip_prefix("heart: listening on ") {
            break u.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

#[tokio::test]
async fn a_201_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args([
            "token",
            "create",
            "--name",
            "t",
            "--capabilities",
            "intake",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (mut child, url) = start(dir.path());
    let client = heart_testkit::client();
    let mut ids = Vec::new();
    for i in 0..25 {
        let r = client
            .post(format!("{url}/api/v1/requests"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"summary": format!("request {i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let v: serde_json::Value = r.json().await.unwrap();
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    // SIGKILL right after the last 201: no clean shutdown, no checkpoint.
    child.kill().unwrap();
    child.wait().unwrap();
    let (mut child, url) = start(dir.path());
    for id in &ids {
        let r = client
            .get(format!("{url}/api/v1/requests/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "request {id} was lost");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The command line works on the data of a running server, and the server sees the change at once.
#[tokio::test]
async fn cli_changes_reach_a_running_server() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = start(dir.path());
    let mut add = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args([
            "user",
            "add",
            "--username",
            "jordan",
            "--capabilities",
            "dispatch",
            "--password-stdin",
            "--data",
        ])
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"a long enough password\n")
        .unwrap();
    assert!(add.wait().unwrap().success());
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args([
            "token",
            "create",
            "--name",
            "t",
            "--capabilities",
            "dispatch",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let client = heart_testkit::client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client
        .get(format!("{url}/api/v1/teams"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        200,
        "a token made while the server runs works straight away"
    );
    // Sign in with the account just added.
    let page = client.get(format!("{url}/login")).send().await.unwrap();
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = cookie.split_once('=').unwrap().1.to_string();
    let r = client
        .post(format!("{url}/login"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "jordan"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // A real deployment: an account that reaches personal data sets up its second factor first.
    assert_eq!(r.headers()["location"], "/account/second-factor");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// SIGTERM stops the server cleanly even while a live board is connected.
#[tokio::test]
async fn sigterm_stops_the_server_with_a_board_open() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args([
            "token",
            "create",
            "--name",
            "t",
            "--capabilities",
            "dispatch",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (mut child, url) = start(dir.path());
    let events = heart_testkit::client()
        .get(format!("{url}/events"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not stop within 10 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    drop(events);
}

/// A small filesystem of its own (tmpfs), unmounted when dropped (with the server stopped first).
struct SmallDisk {
    dir: tempfile::TempDir,
    server: Option<Child>,
}

impl SmallDisk {
    /// `None` (and why, said plainly) when this machine cannot mount one: not root, or no permission to mount.
    fn make(mib: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={mib}m,mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { dir, server: None }),
            Ok(o) => {
                eprintln!(
                    "SKIPPED: this machine cannot mount a small filesystem for the disk-full test ({}); run as root",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: no mount command for the disk-full test ({e})");
                None
            }
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if let Some(mut c) = self.server.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Issue 19.11: the data directory fills up while intake runs. heart answers 503 with Retry-After (never 500,
/// never a 201 it did not keep), /healthz says why, and intake resumes by itself when space is freed; every 201 is
/// still there afterwards.
#[tokio::test]
async fn a_full_disk_is_503_and_intake_resumes_by_itself() {
    let Some(mut disk) = SmallDisk::make(12) else {
        return;
    };
    let data = disk.dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args([
            "token",
            "create",
            "--name",
            "t",
            "--capabilities",
            "intake",
            "--data",
        ])
        .arg(&data)
        .env("HEART_BACKUP_HOURS", "0")
        .output()
        .unwrap();
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env("RUST_LOG", "warn")
        .env("HEART_BACKUP_HOURS", "0")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("server printed its address").unwrap();
        if let Some(u) = line.strip_prefix("heart: listening on ") {
            break u.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    disk.server = Some(child);
    let client = heart_testkit::client();
    let words = "The person asked for help on a cold night, and said a lot about it. ".repeat(60);
    let post = |i: usize| {
        let (client, url, token, words) =
            (client.clone(), url.clone(), token.clone(), words.clone());
        async move {
            let r = client
                .post(format!("{url}/api/v1/requests"))
                .bearer_auth(&token)
                .json(&serde_json::json!({"summary": format!("{i}: {}", &words[..3900])}))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let retry = r.headers().get("retry-after").is_some();
            let body: serde_json::Value = r.json().await.unwrap_or_default();
            (status, retry, body["id"].as_str().map(str::to_string))
        }
    };
    // A file takes most of what is left, then intake runs until the disk is full.
    let filler = disk.dir.path().join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![7u8; 64 * 1024];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.sync_all();
    }
    let mut kept = Vec::new();
    let mut refused = 0;
    for i in 0..4000 {
        let (status, retry, id) = post(i).await;
        match status {
            201 => kept.push(id.unwrap()),
            503 => {
                assert!(retry, "503 says when to try again");
                refused += 1;
                if refused >= 3 {
                    break;
                }
            }
            other => panic!("request {i}: {other}, never a 500"),
        }
    }
    assert!(refused >= 3, "the disk never filled ({} kept)", kept.len());
    let h = client.get(format!("{url}/healthz")).send().await.unwrap();
    assert_eq!(h.status(), 503);
    assert!(h.headers().get("retry-after").is_some());
    let v: serde_json::Value = h.json().await.unwrap();
    assert_eq!(v["reason"], "disk_full", "{v}");

    // Space is freed: intake resumes by itself, no restart.
    std::fs::remove_file(&filler).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (status, _, id) = post(9999).await;
        if status == 201 {
            kept.push(id.unwrap());
            break;
        }
        assert_eq!(status, 503, "never a 500");
        assert!(
            std::time::Instant::now() < deadline,
            "intake did not resume"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let h = client.get(format!("{url}/healthz")).send().await.unwrap();
    assert_eq!(h.status(), 200);
    for id in &kept {
        let r = client
            .get(format!("{url}/api/v1/requests/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "a 201 that was not kept: {id}");
    }
}
