//! heart on PostgreSQL: the real binary against a fresh database (a private cluster, or HEART_TEST_PG_URL's
//! server): errors at start, `heart migrate`, two nodes on one database behaving as one system.
use futures::StreamExt;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) fn heart(url: &str, data: &Path, key_file: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_heart"));
    c.env("HEART_DATABASE_URL", url)
        .env("HEART_DATA", data)
        .env("HEART_KEY_FILE", key_file)
        .env("RUST_LOG", "warn");
    c
}

pub(crate) fn stderr_of(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A node: `heart serve` on a free port; its stderr is drained in the background.
pub(crate) struct Node {
    child: Child,
    pub(crate) url: String,
    /// The name it reports to the other nodes.
    name: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(url: &str, data: &Path, key_file: &Path) -> Node {
    start_with(url, data, key_file, &[])
}

/// A node with settings from the environment.
fn start_with(url: &str, data: &Path, key_file: &Path, env: &[(&str, &str)]) -> Node {
    let mut child = heart(url, data, key_file)
        .envs(env.iter().copied())
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut name = String::new();
    let addr = loop {
        let line = lines.next().expect("the node printed its address").unwrap();
        if let Some(n) = line.strip_prefix("heart: this node is ") {
            name = n.trim().to_string();
        }
        if let Some(u) = line.strip_prefix("heart: listening on ") {
            break u.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Node {
        child,
        url: addr,
        name,
    }
}

fn token(url: &str, data: &Path, key_file: &Path, caps: &str) -> String {
    let out = heart(url, data, key_file)
        .args(["token", "create", "--name", "t", "--capabilities", caps])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_database_behave_as_one_system() {
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let keys = tempfile::tempdir().unwrap();
    let key_file = keys.path().join("heart.key");
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let tok = token(&db, a_dir.path(), &key_file, "intake,dispatch");
    let a = start(&db, a_dir.path(), &key_file);
    let b = start(&db, b_dir.path(), &key_file);
    let client = heart_testkit::client();

    // Node B's board stream, open before the request is made on node A.
    let mut stream = client
        .get(format!("{}/events", b.url))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap()
        .bytes_stream();
    let made = Instant::now();
    let r = client
        .post(format!("{}/api/v1/requests", a.url))
        .bearer_auth(&tok)
        .json(&serde_json::json!({"summary": "Someone sheltering in the ATM vestibule"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // Text PostgreSQL cannot hold (U+0000) is refused at the edge, naming the field, as on SQLite.
    let nul = client
        .post(format!("{}/api/v1/requests", a.url))
        .bearer_auth(&tok)
        .json(&serde_json::json!({"summary": "a\u{0}b"}))
        .send()
        .await
        .unwrap();
    assert_eq!(nul.status(), 422);
    let body: serde_json::Value = nul.json().await.unwrap();
    assert_eq!(body["error"]["fields"]["summary"], "control_character");
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut seen = String::new();
    let arrived = tokio::time::timeout(Duration::from_secs(1), async {
        while let Some(chunk) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if seen.contains("request.created") && seen.contains(&id) {
                return;
            }
        }
    })
    .await;
    assert!(
        arrived.is_ok(),
        "node B's board did not hear of node A's request within a second: {seen:?}"
    );
    eprintln!("event reached node B after {:?}", made.elapsed());
    // Node B reads what node A wrote, and its own changes reach node A.
    let on_b = client
        .get(format!("{}/api/v1/requests/{id}", b.url))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(on_b.status(), 200);
    let health: serde_json::Value = client
        .get(format!("{}/healthz", b.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["database"]["engine"], "postgres");
    assert_eq!(health["database"]["role"], "primary");

    // Scheduled jobs run once across nodes: both started with backups due, one took it.
    let count = |d: &Path| {
        std::fs::read_dir(d.join("backups"))
            .map(|r| r.flatten().count())
            .unwrap_or(0)
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while count(a_dir.path()) + count(b_dir.path()) == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        count(a_dir.path()) + count(b_dir.path()),
        1,
        "exactly one node took the scheduled backup"
    );

    // Both nodes writing at once still make one audit chain.
    let mut sends = Vec::new();
    for i in 0..60 {
        let (client, tok) = (client.clone(), tok.clone());
        let url = if i % 2 == 0 {
            a.url.clone()
        } else {
            b.url.clone()
        };
        sends.push(tokio::spawn(async move {
            client
                .post(format!("{url}/api/v1/requests"))
                .bearer_auth(&tok)
                .json(&serde_json::json!({"summary": format!("intake {i}")}))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for s in sends {
        assert_eq!(s.await.unwrap(), 201);
    }
    drop((a, b));
    let verify = heart(&db, a_dir.path(), &key_file)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", stderr_of(&verify));
    assert!(stderr_of(&verify).contains("audit chain intact"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_at_start_are_one_clear_line() {
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("heart.key");
    let port = heart_pgtest::free_port();
    let cases = [
        (
            format!("postgres://postgres@127.0.0.1:{port}/heart"),
            1,
            "cannot reach the database server",
        ),
        (
            format!("{}_missing", db),
            1,
            "the database named in the URL does not exist",
        ),
        ("mysql://x/y".to_string(), 2, "must start with postgres://"),
        ("postgres://[bad".to_string(), 2, "not valid"),
    ];
    for (url, code, says) in cases {
        let out = heart(&url, dir.path(), &key_file)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{url}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{url}: {err}");
        assert!(err.contains(says), "{url}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_is_idempotent_and_refuses_a_newer_database() {
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("heart.key");
    let first = heart(&db, dir.path(), &key_file)
        .arg("migrate")
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr_of(&first));
    assert!(
        !stderr_of(&first).contains("(0 migrations"),
        "{}",
        stderr_of(&first)
    );
    let again = heart(&db, dir.path(), &key_file)
        .arg("migrate")
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(
        stderr_of(&again).contains("(0 migrations applied now)"),
        "{}",
        stderr_of(&again)
    );
    // Nothing is pending now: `--check` lists nothing.
    let check = heart(&db, dir.path(), &key_file)
        .args(["migrate", "--check"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr_of(&check));
    assert!(check.stdout.is_empty());
    assert!(stderr_of(&check).contains("at this version's schema"));
    // A newer heart migrated this database: this binary refuses it, and changes nothing.
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&db).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', true, '\\x00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    for cmd in [
        ["migrate", ""],
        ["migrate", "--check"],
        ["serve", "--addr=127.0.0.1:0"],
    ] {
        let out = heart(&db, dir.path(), &key_file)
            .args(cmd.iter().filter(|a| !a.is_empty()))
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("migrated by a newer heart"), "{err}");
    }
}

/// From SQLite to PostgreSQL: the demo week moves over with `heart export-all` / `heart import-all`, and every
/// record is found on the other side, opening with the same key file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_moves_from_sqlite_to_postgres_with_every_record() {
    use heart_store::Store;
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let src = tempfile::tempdir().unwrap();
    // The demo week, loaded by the real binary into SQLite.
    let mut demo = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(src.path())
        .env_remove("HEART_DATABASE_URL")
        .env("HEART_BACKUP_HOURS", "0")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(demo.stderr.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if line.starts_with("heart: listening on ") {
            break;
        }
    }
    demo.kill().unwrap();
    demo.wait().unwrap();
    let file = src.path().join("all.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["export-all"])
        .arg(&file)
        .arg("--data")
        .arg(src.path())
        .env_remove("HEART_DATABASE_URL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let key_file = src.path().join("heart.key");
    // Into PostgreSQL, with the same key file; a wrong key file is refused first.
    let other = tempfile::tempdir().unwrap();
    let wrong = heart(&db, other.path(), &other.path().join("heart.key"))
        .arg("import-all")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr_of(&wrong).contains("does not open"),
        "{}",
        stderr_of(&wrong)
    );
    let out = heart(&db, other.path(), &key_file)
        .arg("import-all")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));

    let keys = Arc::new(heart_crypto::keys::Keys::open(&key_file).unwrap().0);
    let from = heart_store::sqlite::SqliteStore::open(&src.path().join("heart.db"), keys.clone())
        .await
        .unwrap();
    let to = heart_store::postgres::PgStore::open(&db, keys)
        .await
        .unwrap();
    let a = from.recent_requests(i64::MAX).await.unwrap();
    let b = to.recent_requests(i64::MAX).await.unwrap();
    assert!(a.len() >= 40, "the demo week has its requests");
    assert_eq!(a, b, "every request, its sealed fields opening the same");
    for r in &a {
        assert_eq!(
            from.transitions(r.id).await.unwrap(),
            to.transitions(r.id).await.unwrap()
        );
        assert_eq!(
            from.encounters(r.id).await.unwrap(),
            to.encounters(r.id).await.unwrap()
        );
        assert_eq!(
            from.follow_ups_for(r.id).await.unwrap(),
            to.follow_ups_for(r.id).await.unwrap()
        );
    }
    assert_eq!(from.users().await.unwrap(), to.users().await.unwrap());
    assert_eq!(from.teams().await.unwrap(), to.teams().await.unwrap());
    assert_eq!(
        from.open_alerts().await.unwrap(),
        to.open_alerts().await.unwrap()
    );
    assert_eq!(
        from.approvals_recent(1000).await.unwrap(),
        to.approvals_recent(1000).await.unwrap()
    );
    // The chain came over whole: the source then recorded the export, the target the import.
    let n = from.audit_count().await.unwrap();
    assert_eq!(to.audit_count().await.unwrap(), n);
    let (last_from, last_to) = (
        from.audit_recent(1).await.unwrap(),
        to.audit_recent(1).await.unwrap(),
    );
    assert_eq!(last_from[0].entry.action, "export.all");
    assert_eq!(last_to[0].entry.action, "import.all");
    assert_eq!(to.audit_verify(None).await.unwrap().problem, None);
}

/// `heart backup` / `heart restore` on PostgreSQL: pg_dump and pg_restore, refused while a node serves, and the
/// database is as it was at the backup afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_on_postgres() {
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("heart.key");
    let before = token(&db, dir.path(), &key_file, "intake");
    // Someone asked for help before the backup: the backup holds a data key.
    let other = tempfile::tempdir().unwrap();
    let node = start(&db, other.path(), &key_file);
    let made = heart_testkit::client()
        .post(format!("{}/api/v1/requests", node.url))
        .bearer_auth(&before)
        .json(&serde_json::json!({"summary": "Outside the building", "contact": {"phone": "617-555-0101"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status().as_u16(), 201);
    drop(node);
    let file = dir.path().join("heart.pgdump");
    let out = heart(&db, dir.path(), &key_file)
        .arg("backup")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the backup is readable by its owner only");
    }
    let after = token(&db, dir.path(), &key_file, "intake");
    // Not with a key file that does not open the backup's data keys: refused before anything is replaced.
    let restore = |key: &Path, from: &Path| {
        heart(&db, dir.path(), key)
            .arg("restore")
            .arg(from)
            .output()
            .unwrap()
    };
    let refused_with = |out: Output, why: &str| {
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        assert!(stderr_of(&out).contains(why), "{}", stderr_of(&out));
    };
    let wrong_key = dir.path().join("wrong.key");
    heart_crypto::keys::Keys::open(&wrong_key).unwrap();
    refused_with(restore(&wrong_key, &file), "key file does not open");
    // Not while a node serves.
    let node = start(&db, other.path(), &key_file);
    refused_with(restore(&key_file, &file), "stop every node first");
    drop(node);
    // Not a file that is not a backup.
    let junk = dir.path().join("junk");
    std::fs::write(&junk, b"not a dump").unwrap();
    refused_with(restore(&key_file, &junk), "not a heart backup");
    let out = restore(&key_file, &file);
    assert!(out.status.success(), "{}", stderr_of(&out));
    // The token made before the backup works; the one made after is gone.
    let node = start(&db, other.path(), &key_file);
    let client = heart_testkit::client();
    for (t, expect) in [(&before, 200), (&after, 401)] {
        let r = client
            .get(format!("{}/api/v1/requests?status=open", node.url))
            .bearer_auth(t)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), expect);
    }
}

/// Signs in over HTTP as a browser does: the password, then a code from the second factor (enrolled first when the
/// account has none: `secret` gets the enrolled seed).
async fn sign_in(url: &str, user: &str, password: &str, secret: &mut Option<Vec<u8>>) {
    use heart_crypto::totp;
    let client = heart_testkit::cookie_client();
    let field = |page: &str, attr: &str| -> String {
        page.split(attr)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .to_string()
    };
    let cookie = |r: &reqwest::Response, name: &str| -> String {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix(&format!("{name}=")))
            .map(|v| format!("{name}={}", v.split(';').next().unwrap()))
            .unwrap()
    };
    let page = client.get(format!("{url}/login")).send().await.unwrap();
    let csrf_cookie = cookie(&page, "heart_csrf");
    let body = page.text().await.unwrap();
    let csrf = field(&body, "name=\"csrf\" value=\"");
    let r = client
        .post(format!("{url}/login"))
        .header("cookie", &csrf_cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", user),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let pending = cookie(&r, "heart_session");
    let path = if to.starts_with("/account/second-factor") {
        "/account/second-factor"
    } else {
        assert!(to.starts_with("/login/code"), "{to}");
        "/login/code"
    };
    let page = client
        .get(format!("{url}{path}"))
        .header("cookie", &pending)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    if path == "/account/second-factor" {
        let key = page
            .split("id=\"manual-key\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap();
        *secret = Some(totp::decode_manual_key(key).unwrap());
    }
    let csrf = field(&page, "name=\"csrf\" value=\"");
    let code = totp::code_at(
        secret.as_ref().unwrap(),
        jiff::Timestamp::now().as_second() as u64,
    );
    let r = client
        .post(format!("{url}{path}"))
        .header("cookie", &pending)
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        r.status() == 200 || r.status() == 303,
        "the second factor opens: {}",
        r.status()
    );
    let full = cookie(&r, "heart_session");
    let me = client
        .get(format!("{url}/board"))
        .header("cookie", &full)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "signed in");
}

/// Issue 21.6: rotating the key-encryption key with two nodes running, in two phases: the one-step rotation and
/// an early finish are refused naming the node; afterwards every sign-in (second-factor seeds are sealed under the
/// KEK) and every person's data open on both nodes, and everything is wrapped under the new key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_rotate_keys_in_two_phases_and_every_sign_in_keeps_working() {
    use heart_store::Store;
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (ka, kb) = (
        a_dir.path().join("heart.key"),
        b_dir.path().join("heart.key"),
    );
    let tok = token(&db, a_dir.path(), &ka, "intake");
    std::fs::copy(&ka, &kb).unwrap();
    let mut add = heart(&db, a_dir.path(), &ka)
        .args([
            "user",
            "add",
            "--username",
            "rae",
            "--capabilities",
            "dispatch",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        add.stdin
            .take()
            .unwrap()
            .write_all(b"a long rotation passphrase\n")
            .unwrap();
    }
    assert!(add.wait().unwrap().success());
    let name_of = |n: &Node| n.name.clone();
    let a = start(&db, a_dir.path(), &ka);
    let b = start(&db, b_dir.path(), &kb);
    let mut secret = None;
    sign_in(&a.url, "rae", "a long rotation passphrase", &mut secret).await;
    let signed_in_step = jiff::Timestamp::now().as_second() / 30;
    let client = heart_testkit::client();
    let made = |url: String| {
        let (client, tok) = (client.clone(), tok.clone());
        async move {
            let r = client
                .post(format!("{url}/api/v1/requests"))
                .bearer_auth(&tok)
                .json(&serde_json::json!({"summary": "Cold night by the river", "contact": {"phone": "617-555-0142"}}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            r.json::<serde_json::Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .parse::<heart_domain::ids::RequestId>()
                .unwrap()
        }
    };
    let before = made(a.url.clone()).await;
    // Both nodes have said which keys they hold.
    tokio::time::sleep(Duration::from_secs(6)).await;

    let one_step = heart(&db, a_dir.path(), &ka)
        .args(["keys", "rotate"])
        .output()
        .unwrap();
    assert_eq!(one_step.status.code(), Some(1));
    let err = stderr_of(&one_step);
    assert!(
        err.contains("two phases") && err.contains(&name_of(&b)),
        "{err}"
    );

    let early = heart(&db, a_dir.path(), &ka)
        .args(["keys", "rotate", "--finish"])
        .output()
        .unwrap();
    assert_eq!(early.status.code(), Some(2), "nothing prepared yet");
    let prepare = heart(&db, a_dir.path(), &ka)
        .args(["keys", "rotate", "--prepare"])
        .output()
        .unwrap();
    assert!(prepare.status.success(), "{}", stderr_of(&prepare));
    assert!(
        std::fs::read_to_string(&ka)
            .unwrap()
            .contains("kek-next 2 ")
    );
    tokio::time::sleep(Duration::from_secs(6)).await;
    let refused = heart(&db, a_dir.path(), &ka)
        .args(["keys", "rotate", "--finish"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr_of(&refused);
    assert!(
        err.contains(&format!("node {} still holds only key(s) 1", name_of(&b))),
        "{err}"
    );
    // Made meanwhile: still under the old key, which every node holds.
    let during = made(b.url.clone()).await;

    // The operator copies the key file to node B; the finish then goes through once B has said so (it re-reads
    // the file within a second and reports every 5 s: on a loaded machine a little later).
    std::fs::copy(&ka, &kb).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let finish = heart(&db, a_dir.path(), &ka)
            .args(["keys", "rotate", "--finish"])
            .output()
            .unwrap();
        if finish.status.success() {
            break;
        }
        let err = stderr_of(&finish);
        assert!(
            finish.status.code() == Some(1)
                && err.contains(&format!("node {} still holds only key(s) 1", name_of(&b)))
                && std::time::Instant::now() < deadline,
            "{err}"
        );
    }
    let text = std::fs::read_to_string(&ka).unwrap();
    assert!(
        text.contains("kek 2 ") && !text.contains("kek 1 "),
        "only the new key is left on A"
    );

    // Sign-ins work on both nodes (B still holds its copy with both keys); a code is taken once, so in the next
    // 30-second step.
    while jiff::Timestamp::now().as_second() / 30 == signed_in_step {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    sign_in(&b.url, "rae", "a long rotation passphrase", &mut secret).await;
    let after = made(b.url.clone()).await;
    let keys = Arc::new(heart_crypto::keys::Keys::open(&ka).unwrap().0);
    let store = heart_store::postgres::PgStore::open(&db, keys)
        .await
        .unwrap();
    for id in [before, during, after] {
        let r = store.request(id).await.unwrap().unwrap();
        assert_eq!(
            r.summary, "Cold night by the river",
            "opens with A's key file alone"
        );
    }
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&db).await.unwrap();
    let old: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM subjects WHERE wrapped IS NOT NULL AND kek_id <> 2) + \
         (SELECT COUNT(*) FROM users WHERE totp_secret IS NOT NULL AND totp_kek <> 2)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(old, 0, "everything is under the new key");
    drop((a, b));
}

/// Polls `probe` until it answers `want` or `limit` passes: how long it took, if it did.
async fn within<F, Fut>(limit: Duration, want: u16, probe: F) -> Option<Duration>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u16>,
{
    let since = Instant::now();
    while since.elapsed() < limit {
        if probe().await == want {
            return Some(since.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_stop_a_revoked_token_and_a_disabled_account_within_a_second() {
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let keys = tempfile::tempdir().unwrap();
    let key_file = keys.path().join("heart.key");
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut c = heart(&db, a_dir.path(), &key_file);
        c.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(s) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let pw = "sam's long password";
    run(
        &[
            "user",
            "add",
            "--username",
            "sam",
            "--capabilities",
            "intake",
            "--password-stdin",
        ],
        Some(pw),
    );
    let create = |name: &str| {
        run(
            &[
                "token",
                "create",
                "--name",
                name,
                "--capabilities",
                "intake",
                "--user",
                "sam",
            ],
            None,
        )
        .trim()
        .to_string()
    };
    let (first, second) = (create("first"), create("second"));
    // Signing in with a password alone, so that the session is a whole one at once.
    let one_step = [("HEART_REQUIRE_SECOND_FACTOR", "false")];
    let a = start_with(&db, a_dir.path(), &key_file, &one_step);
    let b = start_with(&db, b_dir.path(), &key_file, &one_step);
    let client = heart_testkit::client();
    let api = |url: String, tok: String| {
        let client = client.clone();
        async move {
            client
                .get(format!("{url}/api/v1/teams"))
                .bearer_auth(tok)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for n in [&a, &b] {
        assert_eq!(api(n.url.clone(), first.clone()).await, 200);
        assert_eq!(api(n.url.clone(), second.clone()).await, 200);
    }
    // Signed in on node A; the same session works on node B.
    let session = heart_testkit::login_at(&heart_testkit::cookie_client(), &a.url, "sam", pw).await;
    let browser = heart_testkit::cookie_client();
    let page = |url: String| {
        let (client, cookie) = (browser.clone(), session.cookie.clone());
        async move {
            client
                .get(format!("{url}/intake"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(page(a.url.clone()).await, 200);
    assert_eq!(page(b.url.clone()).await, 200);

    // A token revoked from the shell (a third process): 401 on both nodes within a second.
    let list = run(&["token", "list"], None);
    let id = list
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("first"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    run(&["token", "revoke", &id], None);
    let limit = Duration::from_secs(1);
    for n in [&a, &b] {
        let took = within(Duration::from_secs(3), 401, || {
            api(n.url.clone(), first.clone())
        })
        .await;
        eprintln!("revoked token refused by {} after {took:?}", n.name);
        assert!(took.is_some_and(|t| t <= limit), "{}: {took:?}", n.name);
        assert_eq!(
            api(n.url.clone(), second.clone()).await,
            200,
            "the other token works"
        );
    }

    // The account disabled from the shell: its session is refused on its next page on both nodes, and its
    // other token within a second.
    run(&["user", "disable", "--username", "sam"], None);
    for n in [&a, &b] {
        assert_eq!(page(n.url.clone()).await, 303, "{}", n.name);
        let took = within(Duration::from_secs(3), 401, || {
            api(n.url.clone(), second.clone())
        })
        .await;
        eprintln!(
            "disabled account's token refused by {} after {took:?}",
            n.name
        );
        assert!(took.is_some_and(|t| t <= limit), "{}: {took:?}", n.name);
    }
}

/// Alerts to phones with two nodes on one database (issue 24.2): each alert is taken by one node and sent once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_send_each_alert_to_a_phone_once() {
    use heart_app::{Actor, App};
    use heart_domain::access::{Capabilities, Capability};
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let keys_dir = tempfile::tempdir().unwrap();
    let key_file = keys_dir.path().join("heart.key");
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // The deployment's key file and VAPID key, beside each other, as `heart serve` makes them; the nodes share both.
    let keys = Arc::new(heart_crypto::keys::Keys::open(&key_file).unwrap().0);
    let (vapid, _) = heart_app::push::open_vapid(&keys_dir.path().join("heart.vapid")).unwrap();
    let store: Arc<dyn heart_store::Store> = Arc::new(
        heart_store::postgres::PgStore::open(&db, keys)
            .await
            .unwrap(),
    );
    let config = heart_app::config::AppConfig {
        outbound: heart_app::outbound::OutboundConfig {
            allow_loopback: true,
        },
        push: heart_app::push::PushConfig {
            vapid: Some(Arc::new(vapid)),
            contact: "mailto:ops@heart.example.org".into(),
        },
        ..Default::default()
    };
    let app = App::new(
        store,
        Arc::new(heart_domain::time::SystemClock),
        heart_domain::triage::Script::shipped().unwrap(),
        config,
    );
    let cli = Actor::cli();
    let team = app
        .create_team(&cli, "North", Some((42.388, -71.119)))
        .await
        .unwrap();
    let now = jiff::Timestamp::now();
    app.add_shift(
        &cli,
        team.id,
        now - jiff::SignedDuration::from_hours(1),
        now + jiff::SignedDuration::from_hours(8),
    )
    .await
    .unwrap();
    let push = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(wiremock::ResponseTemplate::new(201))
        .mount(&push)
        .await;
    for n in 1..=2 {
        let name = format!("north-{n}");
        let caps = Capabilities::of(&[Capability::Respond]);
        app.add_user(
            &cli,
            &name,
            None,
            caps,
            Some(team.id),
            Some("a long test password"),
        )
        .await
        .unwrap();
        let token = app
            .create_token(&cli, "t", caps, Some(&name))
            .await
            .unwrap();
        let person = app.token_actor(&token).await.unwrap().unwrap();
        // A device's keys, as a browser makes them (any valid point and secret will do here).
        let secret = web_push_native::p256::SecretKey::from_slice(&[n as u8 + 1; 32]).unwrap();
        use base64::Engine as _;
        use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        app.push_subscribe(
            &person,
            heart_app::push::SubscriptionInput {
                endpoint: Some(format!("{}/push/{name}", push.uri())),
                keys: Some(heart_app::push::SubscriptionKeys {
                    p256dh: Some(
                        b64.encode(secret.public_key().to_encoded_point(false).as_bytes()),
                    ),
                    auth: Some(b64.encode([n as u8; 16])),
                }),
                expiration_time: None,
            },
        )
        .await
        .unwrap();
    }
    // Twenty new requests while no board is open: forty alerts waiting, before either node runs.
    for i in 0..20 {
        let input: heart_domain::intake::IntakeInput =
            serde_json::from_value(serde_json::json!({"summary": format!("call {i}")})).unwrap();
        app.create_request(&Actor::cli(), input).await.unwrap();
    }
    let settings = keys_dir.path().join("heart.toml");
    std::fs::write(&settings, "[outbound]\nallow_loopback = true\n").unwrap();
    let env = [("HEART_CONFIG", settings.to_str().unwrap())];
    let _a = start_with(&db, a_dir.path(), &key_file, &env);
    let _b = start_with(&db, b_dir.path(), &key_file, &env);
    let deadline = Instant::now() + Duration::from_secs(30);
    while push.received_requests().await.unwrap().len() < 40 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Both nodes go on looking for due alerts a while longer: nothing more goes.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let got = push.received_requests().await.unwrap();
    assert_eq!(got.len(), 40, "each alert once, by one node or the other");
    for name in ["north-1", "north-2"] {
        let n = got
            .iter()
            .filter(|r| r.url.path() == format!("/push/{name}"))
            .count();
        assert_eq!(n, 20, "{name}");
    }
}
