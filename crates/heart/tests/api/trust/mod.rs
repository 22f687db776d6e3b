//! Trust, end to end with the real binary: nothing personal on disk in the clear, the audit chain catches any
//! edit, key files are checked, keys rotate while data stays readable.
mod approvals;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn heart() -> Command {
    Command::new(env!("CARGO_BIN_EXE_heart"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    heart()
        .args(args)
        .arg("--data")
        .arg(dir)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// `heart serve --demo` on a free port; returns the child and its URL.
fn serve_demo(dir: &Path) -> (Child, String) {
    let mut child = heart()
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--data"])
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

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "server did not stop");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn assert_no_personal_data(dir: &Path) {
    let needles = heart_app::demo::personal_strings();
    assert!(needles.len() > 50, "the demo names its people's words");
    let files = files_under(dir);
    assert!(files.iter().any(|f| f.ends_with("heart.db")));
    // The scan does find what is stored in the clear (a team's name), so its silence about people means something.
    let all: Vec<u8> = files
        .iter()
        .flat_map(|f| std::fs::read(f).unwrap())
        .collect();
    assert!(all.windows(14).any(|w| w == b"Team Riverside"));
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        for n in &needles {
            assert!(
                !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
                "{} holds {n:?} in the clear",
                f.display()
            );
        }
    }
}

#[tokio::test]
async fn no_demo_name_phone_or_note_is_in_any_file_under_data() {
    let dir = tempfile::tempdir().unwrap();
    let (child, url) = serve_demo(dir.path());
    // The server reads them back (decrypting) while they are sealed on disk.
    let client = heart_testkit::cookie_client();
    let s = heart_testkit::login_at(&client, &url, "dispatch", "heart-demo-dispatch").await;
    let page = client
        .get(format!("{url}/requests"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("ATM vestibule"),
        "the list shows the opened fields"
    );
    // While it runs (database, WAL, shared memory) and after it stopped.
    assert_no_personal_data(dir.path());
    stop(child);
    assert_no_personal_data(dir.path());
    let key = std::fs::read_to_string(dir.path().join("heart.key")).unwrap();
    assert!(key.starts_with("# heart key file"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("heart.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

async fn sql(dir: &Path, statements: &[&str]) {
    use sqlx::Connection;
    let mut conn =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.join("heart.db").display()))
            .await
            .unwrap();
    for s in statements {
        sqlx::query(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut conn)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();
}

/// A demo database, stopped, with its chain verified intact; returns a copy to tamper with each time.
fn demo_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (child, _) = serve_demo(dir.path());
    stop(child);
    let out = run(&["audit", "verify"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("audit chain intact"),
        "{}",
        stderr(&out)
    );
    dir
}

fn copy_of(dir: &Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    for f in files_under(dir) {
        std::fs::copy(&f, to.path().join(f.file_name().unwrap())).unwrap();
    }
    to
}

fn verify_fails_at(dir: &Path, seq: i64) -> String {
    let out = run(&["audit", "verify"], dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("audit chain broken at entry {seq}:")),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    err
}

#[tokio::test]
async fn audit_verify_names_the_first_edited_deleted_inserted_or_swapped_entry() {
    let base = demo_data();

    let d = copy_of(base.path());
    sql(
        d.path(),
        &["UPDATE audit_log SET actor = 'someone-else' WHERE seq = 17"],
    )
    .await;
    verify_fails_at(d.path(), 17);

    // Edited, its hash set to NULL and the checkpoints removed: a start never fills the hash in again.
    let d = copy_of(base.path());
    sql(
        d.path(),
        &[
            "UPDATE audit_log SET actor = 'someone-else', hash = NULL WHERE seq = 17",
            "DELETE FROM audit_checkpoints",
        ],
    )
    .await;
    let out = run(&["retention", "run"], d.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = verify_fails_at(d.path(), 17);
    assert!(err.contains("no hash"), "{err}");

    let d = copy_of(base.path());
    sql(d.path(), &["DELETE FROM audit_log WHERE seq = 23"]).await;
    let err = verify_fails_at(d.path(), 23);
    assert!(err.contains("missing"), "{err}");

    // Swap the contents of two entries (keeping their places and hashes).
    let d = copy_of(base.path());
    sql(
        d.path(),
        &[
            "UPDATE audit_log SET seq = -1 WHERE seq = 30",
            "UPDATE audit_log SET seq = 30, hash = (SELECT hash FROM audit_log WHERE seq = -1) WHERE seq = 31",
            "UPDATE audit_log SET seq = 31 WHERE seq = -1",
        ],
    )
    .await;
    verify_fails_at(d.path(), 30);

    // Insert an entry in the middle, renumbering what follows.
    let d = copy_of(base.path());
    sql(
        d.path(),
        &[
            "UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= 12",
            "UPDATE audit_log SET seq = seq - 999999 WHERE seq >= 1000000",
            "INSERT INTO audit_log (seq, id, at, actor, action, record_kind, record_id, detail, hash) \
             SELECT 12, '0190f0f0-0000-7000-8000-000000000000', at, actor, action, record_kind, record_id, detail, hash \
             FROM audit_log WHERE seq = 11",
        ],
    )
    .await;
    verify_fails_at(d.path(), 12);
}

#[tokio::test]
async fn a_checkpoint_kept_elsewhere_catches_entries_cut_off_the_end() {
    let base = demo_data();
    let out = run(&["audit", "checkpoint"], base.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let cp: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let head = cp["seq"].as_i64().unwrap();
    assert!(head > 40);
    let kept = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(kept.path(), &out.stdout).unwrap();
    let against = kept.path().to_str().unwrap();

    // Cutting the end off and deleting the stored checkpoints too: only the kept copy can tell.
    let d = copy_of(base.path());
    sql(
        d.path(),
        &[
            &format!("DELETE FROM audit_log WHERE seq > {}", head - 5),
            "DELETE FROM audit_checkpoints",
        ],
    )
    .await;
    let out = run(&["audit", "verify"], d.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "without the kept checkpoint the cut is invisible"
    );
    let out = run(&["audit", "verify", "--against", against], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cut off"), "{}", stderr(&out));

    // A forged checkpoint does not verify.
    let mut forged = cp.clone();
    forged["seq"] = serde_json::json!(head - 1);
    std::fs::write(kept.path(), forged.to_string()).unwrap();
    let out = run(&["audit", "verify", "--against", against], base.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("signature"), "{}", stderr(&out));

    // The intact chain verifies against the real one.
    std::fs::write(kept.path(), cp.to_string()).unwrap();
    let out = run(&["audit", "verify", "--against", against], base.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[tokio::test]
async fn a_wrong_or_missing_key_file_is_refused_before_anything_changes() {
    let base = demo_data();
    let d = copy_of(base.path());
    std::fs::remove_file(d.path().join("heart.key")).unwrap();
    let out = run(&["audit", "verify"], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("key file"), "{}", stderr(&out));
    assert!(!d.path().join("heart.key").exists(), "no new key was made");

    // Another deployment's key file.
    let other = tempfile::tempdir().unwrap();
    let _ = run(&["audit", "verify"], other.path());
    std::fs::copy(other.path().join("heart.key"), d.path().join("heart.key")).unwrap();
    let out = run(&["audit", "verify"], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not open"), "{}", stderr(&out));

    // A damaged key file.
    std::fs::write(d.path().join("heart.key"), "heart-keys 1\nkek 1 nonsense\n").unwrap();
    let out = run(&["audit", "verify"], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a heart key file"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn keys_rotate_while_the_server_runs_and_everything_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (child, url) = serve_demo(dir.path());
    // A partner's webhook secret is sealed under the KEK itself: it must survive the rotation.
    let out = run(&["partner", "add", "--name", "Rotation Bank"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let old = String::from_utf8(out.stdout).unwrap().trim().to_string();
    // Its secret rotated too: the one before, kept for the grace, must be re-wrapped as well.
    let out = run(&["partner", "rotate", "Rotation Bank"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let secret = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let out = run(&["keys", "rotate"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("re-wrapped"), "{}", stderr(&out));
    let key = std::fs::read_to_string(dir.path().join("heart.key")).unwrap();
    assert!(key.contains("\nkek 2 "), "{key}");
    assert!(!key.contains("\nkek 1 "), "{key}");
    // The running server still reads every request, and takes new ones.
    let client = heart_testkit::cookie_client();
    let s = heart_testkit::login_at(&client, &url, "dispatch", "heart-demo-dispatch").await;
    let page = client
        .get(format!("{url}/requests"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("ATM vestibule"), "{page}");
    stop(child);
    // And after a restart, with only the new key.
    let (child, url) = serve_demo(dir.path());
    let client = heart_testkit::cookie_client();
    let s = heart_testkit::login_at(&client, &url, "dispatch", "heart-demo-dispatch").await;
    let page = client
        .get(format!("{url}/requests"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("ATM vestibule"));
    // The partner's secrets still open: alerts signed with the new one and (in its grace) the old one are taken.
    for (secret, place) in [
        (&secret, "Central Square Library"),
        (&old, "Cambridge City Hall"),
    ] {
        let body = format!(r#"{{"kind":"referral","place":{{"text":"{place}"}}}}"#);
        let t = jiff::Timestamp::now().as_second();
        let resp = client
            .post(format!("{url}/hooks/partner/rotation-bank"))
            .header("content-type", "application/json")
            .header("x-heart-timestamp", t.to_string())
            .header(
                "x-heart-signature",
                heart_crypto::webhook::heart_signature(secret.as_bytes(), t, body.as_bytes()),
            )
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), reqwest::StatusCode::CREATED, "{place}");
    }
    stop(child);
    let out = run(&["audit", "verify"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

async fn csrf_of(client: &reqwest::Client, url: &str, s: &heart_testkit::Session) -> String {
    let page = client
        .get(format!("{url}/follow-ups"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string()
}

async fn post_form(
    client: &reqwest::Client,
    url: &str,
    s: &heart_testkit::Session,
    csrf: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::StatusCode {
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    client
        .post(format!("{url}{path}"))
        .header("cookie", &s.cookie)
        .form(&all)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_backup_under_write_load_restores_every_acknowledged_request_and_never_an_erased_person()
{
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &[
            "token",
            "create",
            "--name",
            "load",
            "--capabilities",
            "intake,dispatch",
        ],
        dir.path(),
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (child, url) = serve_demo(dir.path());
    let client = heart_testkit::cookie_client();

    // Someone asks to be erased; the coordinator asks, Mo approves. First find them.
    let victim = client
        .post(format!("{url}/api/v1/requests"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "summary": "Erase-me summary text",
            "contact": {"name": "Erin Erasable", "phone": "617-555-0142"}
        }))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let victim_id = victim["id"].as_str().unwrap().to_string();

    // Writers keep adding requests while a backup is taken.
    let stop_writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (client, url, token, stop) = (
            heart_testkit::client(),
            url.clone(),
            token.clone(),
            stop_writing.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut acked: Vec<(std::time::Instant, String)> = Vec::new();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let r = client
                    .post(format!("{url}/api/v1/requests"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"summary": format!("load {w}-{i}")}))
                    .send()
                    .await
                    .unwrap();
                if r.status() == 201 {
                    let body: serde_json::Value = r.json().await.unwrap();
                    acked.push((
                        std::time::Instant::now(),
                        body["id"].as_str().unwrap().into(),
                    ));
                }
                i += 1;
            }
            acked
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let backup = dir.path().join("before-erasure.db");
    let started = std::time::Instant::now();
    let out = run(&["backup", backup.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop_writing.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut acked_before = Vec::new();
    let mut total = 0;
    for w in writers {
        for (at, id) in w.await.unwrap() {
            total += 1;
            if at < started {
                acked_before.push(id);
            }
        }
    }
    assert!(acked_before.len() > 20, "load ran: {}", acked_before.len());

    // Now the erasure, after the backup.
    let rae = heart_testkit::login_at(&client, &url, "coordinator", "heart-demo-coordinator").await;
    let rae_csrf = csrf_of(&client, &url, &rae).await;
    let s = post_form(
        &client,
        &url,
        &rae,
        &rae_csrf,
        &format!("/requests/{victim_id}/person/ask"),
        &[("kind", "erase"), ("reason", "person_asked")],
    )
    .await;
    assert_eq!(s, 303);
    let mo = heart_testkit::login_at(&client, &url, "mo", "heart-demo-mo").await;
    let mo_csrf = csrf_of(&client, &url, &mo).await;
    let approvals = client
        .get(format!("{url}/approvals"))
        .header("cookie", &mo.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let aid = approvals
        .split("data-approval-id=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let s = post_form(
        &client,
        &url,
        &mo,
        &mo_csrf,
        &format!("/approvals/{aid}/decide"),
        &[("decision", "approve"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(s, 303);
    stop(child);

    // A damaged backup is refused, and nothing is touched.
    let cut = dir.path().join("cut.db");
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = run(&["restore", cut.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));

    // A restore while the server runs is refused.
    let (child, _) = serve_demo(dir.path());
    let out = run(&["restore", backup.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("stop it first"), "{}", stderr(&out));
    stop(child);

    // Restore the backup taken before the erasure.
    let out = run(&["restore", backup.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 erasures made since"),
        "{}",
        stderr(&out)
    );
    let (child, url) = serve_demo(dir.path());
    let api = heart_testkit::client();
    for id in &acked_before {
        let r = api
            .get(format!("{url}/api/v1/requests/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            200,
            "acknowledged before the backup, so in it: {id}"
        );
    }
    let v: serde_json::Value = api
        .get(format!("{url}/api/v1/requests/{victim_id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        v["personal_fields"], "erased",
        "the restore did not bring them back"
    );
    stop(child);
    let db = std::fs::read(dir.path().join("heart.db")).unwrap();
    assert!(!db.windows(13).any(|w| w == b"Erin Erasable"));
    let out = run(&["audit", "verify"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    eprintln!(
        "backup under load: {} acknowledged before, {total} in all",
        acked_before.len()
    );
}

/// The whole loop with logs at debug level: the log holds none of the person's names, numbers or words.
#[tokio::test]
async fn debug_logs_of_the_whole_loop_hold_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let child = heart()
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("RUST_LOG", "debug")
        .stderr(log)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let url = {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let text = std::fs::read_to_string(&log_path).unwrap();
            if let Some(l) = text
                .lines()
                .find_map(|l| l.strip_prefix("heart: listening on "))
            {
                break l.trim().to_string();
            }
            assert!(std::time::Instant::now() < deadline, "server did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    // A token made for a person (only such a token is given the personal fields read back below), for a
    // colleague added once the demo is in (a data directory that already has an account gets no demo).
    let out = run(
        &[
            "user",
            "add",
            "--username",
            "ops",
            "--capabilities",
            "intake,dispatch,coordinate",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(
        &[
            "token",
            "create",
            "--name",
            "all",
            "--capabilities",
            "intake,dispatch,coordinate",
            "--user",
            "ops",
        ],
        dir.path(),
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let c = heart_testkit::client();
    let secrets = [
        "Zebulon Quartermaine",
        "617-555-0177",
        "Behind the laundromat on Zephyr Lane",
        "moonflower",
        "wed 19:23-23:47",
        "Zephyr-only summary of what is happening",
        "Zephyr actions text",
        "Zephyr own words",
        "Zephyr follow-up note",
    ];
    let post = |path: String, body: serde_json::Value| {
        let c = c.clone();
        let token = token.clone();
        let url = url.clone();
        async move {
            let r = c
                .post(format!("{url}{path}"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
                .unwrap();
            let s = r.status();
            let v: serde_json::Value = r.json().await.unwrap_or_default();
            assert!(s.is_success(), "{path}: {s} {v}");
            v
        }
    };
    let r = post(
        "/api/v1/requests".into(),
        serde_json::json!({
            "summary": secrets[5],
            "location": {"text": secrets[2], "lat": 42.3651, "lon": -71.1035},
            "contact": {"name": secrets[0], "phone": secrets[1]},
            "safe_contact": {"call_ok": true, "text_ok": true, "code_word": secrets[3], "hours": secrets[4]},
            "answers": {"medical": "no", "in_area": "yes", "where_now": "outside", "distress": "acute"}
        }),
    )
    .await;
    let id = r["id"].as_str().unwrap().to_string();
    let recs: serde_json::Value = c
        .get(format!("{url}/api/v1/requests/{id}/recommendations"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let team = recs["teams"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{recs}"))
        .to_string();
    post(
        format!("/api/v1/requests/{id}/assign"),
        serde_json::json!({"team_id": team}),
    )
    .await;
    post(
        format!("/api/v1/requests/{id}/transition"),
        serde_json::json!({"to": "en_route"}),
    )
    .await;
    post(
        format!("/api/v1/requests/{id}/transition"),
        serde_json::json!({"to": "on_scene"}),
    )
    .await;
    post(
        format!("/api/v1/requests/{id}/close"),
        serde_json::json!({
            "needs": ["mental_health"], "actions": secrets[6], "own_words": secrets[7],
            "outcome": "connected_to_support", "follow_up_consent": true, "follow_up_method": "phone"
        }),
    )
    .await;
    let fu: serde_json::Value = c
        .get(format!("{url}/api/v1/follow-ups"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let fid = fu["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["request_id"] == id.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    post(
        format!("/api/v1/follow-ups/{fid}/done"),
        serde_json::json!({"note": secrets[8]}),
    )
    .await;
    let back: serde_json::Value = c
        .get(format!("{url}/api/v1/requests/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(back["contact"]["name"], secrets[0]);
    // A bad request too: errors must not echo what was sent.
    let bad = c
        .post(format!("{url}/api/v1/requests"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"summary": secrets[5], "contact": {"phone": "not a phone Zebulon"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    stop(child);
    let text = std::fs::read_to_string(&log_path).unwrap();
    assert!(text.contains("DEBUG"), "the log really was at debug level");
    assert!(text.lines().count() > 50, "and said a lot");
    for s in secrets
        .iter()
        .chain(["Zebulon", "Zephyr", "5550177"].iter())
    {
        assert!(!text.contains(s), "the debug log holds {s:?}");
    }
}

#[tokio::test]
async fn tampered_ciphertext_is_refused_plainly_and_nothing_else_breaks() {
    let dir = demo_data();
    let d = dir.path();
    // Flip one byte inside one request's sealed fields, and move another's sealed bytes onto a third row.
    let (victim, moved): (String, String) = {
        use sqlx::Connection;
        let mut conn =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}", d.join("heart.db").display()))
                .await
                .unwrap();
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM requests WHERE sealed IS NOT NULL ORDER BY created_at LIMIT 3",
        )
        .fetch_all(&mut conn)
        .await
        .unwrap();
        // A byte that really changes (0xFF unless it already was: then 0x00).
        sqlx::query(
            "UPDATE requests SET sealed = substr(sealed, 1, 30) || \
             CASE WHEN substr(sealed, 31, 1) = X'FF' THEN X'00' ELSE X'FF' END || substr(sealed, 32) WHERE id = ?",
        )
            .bind(&ids[0])
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query(
            "UPDATE requests SET sealed = (SELECT sealed FROM requests WHERE id = ?) WHERE id = ?",
        )
        .bind(&ids[1])
        .bind(&ids[2])
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
        (ids[0].clone(), ids[2].clone())
    };
    let out = run(
        &[
            "token",
            "create",
            "--name",
            "t",
            "--capabilities",
            "intake,dispatch",
            "--user",
            "dispatch",
        ],
        d,
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (child, url) = serve_demo(d);
    let c = heart_testkit::client();
    for id in [&victim, &moved] {
        let r = c
            .get(format!("{url}/api/v1/requests/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["personal_fields"], "unreadable", "{id}");
        assert_eq!(v["summary"], "", "never guessed");
    }
    // The rest of the list still reads.
    let list: serde_json::Value = c
        .get(format!("{url}/api/v1/requests"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = list["requests"].as_array().unwrap();
    assert!(
        rows.iter()
            .filter(|r| r["personal_fields"] == "open")
            .count()
            > 10
    );
    let client = heart_testkit::cookie_client();
    let s = heart_testkit::login_at(&client, &url, "dispatch", "heart-demo-dispatch").await;
    let page = client
        .get(format!("{url}/requests/{victim}"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("could not be opened"),
        "said plainly on the page"
    );
    stop(child);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ledger_verify_checks_the_books_against_the_journal() {
    let base = demo_data();
    let out = run(&["ledger", "verify"], base.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the books are sound"),
        "{}",
        stderr(&out)
    );
    // A cached monthly total that no longer matches the lines.
    let d = copy_of(base.path());
    sql(
        d.path(),
        &["UPDATE ledger_months SET in_minor = in_minor + 1 WHERE rowid = (SELECT MIN(rowid) FROM ledger_months)"],
    )
    .await;
    let out = run(&["ledger", "verify"], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("differ from the lines"),
        "{}",
        stderr(&out)
    );
    // A line edited behind the ledger's back: the entry no longer balances.
    let d = copy_of(base.path());
    sql(
        d.path(),
        &["UPDATE ledger_lines SET amount_minor = amount_minor + 100 WHERE rowid = (SELECT MIN(rowid) FROM ledger_lines)"],
    )
    .await;
    let out = run(&["ledger", "verify"], d.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("does not balance"),
        "{}",
        stderr(&out)
    );
}

/// Issue 21.4: an export taken before an erasure does not bring the person back: `import-all` re-applies the
/// deployment's erasure log, as `restore` does.
#[tokio::test]
async fn import_all_of_an_older_export_leaves_an_erased_person_unreadable() {
    use sqlx::{Connection, Row};
    let base = demo_data();
    let file = base.path().join("all.jsonl");
    let out = heart()
        .arg("export-all")
        .arg(&file)
        .arg("--data")
        .arg(base.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let db = |dir: &Path| format!("sqlite://{}", dir.join("heart.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&db(base.path()))
        .await
        .unwrap();
    let person: String = sqlx::query(
        "SELECT s.id FROM subjects s JOIN requests r ON r.subject = s.id WHERE s.wrapped IS NOT NULL LIMIT 1",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap()
    .get("id");
    conn.close().await.unwrap();

    // The deployment erased the person after the export (its erasure log, beside the key file, says so).
    let to = tempfile::tempdir().unwrap();
    std::fs::copy(base.path().join("heart.key"), to.path().join("heart.key")).unwrap();
    heart_app::trust::append_erasure(
        &to.path().join("heart.erasures"),
        person.parse().unwrap(),
        jiff::Timestamp::now(),
    )
    .unwrap();
    let out = heart()
        .arg("import-all")
        .arg(&file)
        .arg("--data")
        .arg(to.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 erasures made since that export were applied again"),
        "{}",
        stderr(&out)
    );
    let mut conn = sqlx::SqliteConnection::connect(&db(to.path()))
        .await
        .unwrap();
    let row = sqlx::query("SELECT wrapped, erased_at FROM subjects WHERE id = $1")
        .bind(&person)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert!(row.get::<Option<Vec<u8>>, _>("wrapped").is_none());
    assert!(row.get::<Option<i64>, _>("erased_at").is_some());
    let sealed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM requests WHERE subject = $1 AND sealed IS NOT NULL",
    )
    .bind(&person)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(sealed, 0);
    conn.close().await.unwrap();
    let out = run(&["audit", "verify"], to.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
