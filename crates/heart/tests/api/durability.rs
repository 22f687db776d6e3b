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
    let client = reqwest::Client::new();
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
