//! For the person who runs it (issue 29): `heart version`, `heart migrate --check`, and the backup SQLite gets
//! before migrations are applied.

use std::process::Command;

fn heart(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_heart"));
    c.env_remove("HEART_DATABASE_URL")
        .env_remove("HEART_CONFIG")
        .env("HEART_DATA", dir);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

async fn sql(db: &std::path::Path, statements: &[&str]) -> Vec<i64> {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    for s in statements {
        sqlx::query(sqlx::AssertSqlSafe(*s))
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let v = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    v
}

#[test]
fn version_says_the_binary_the_schema_and_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let out = heart(dir.path()).arg("version").output().unwrap();
    assert!(out.status.success());
    let s = text(&out.stdout);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 3, "{s}");
    assert_eq!(lines[0], format!("heart {}", env!("CARGO_PKG_VERSION")));
    let schema: i64 = lines[1].strip_prefix("schema ").unwrap().parse().unwrap();
    assert_eq!(schema, heart_store::sqlite::schema_version());
    let commit = lines[2].strip_prefix("commit ").unwrap();
    assert!(
        commit == "unknown" || commit.chars().all(|c| c.is_ascii_hexdigit()),
        "{commit}"
    );
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing made"
    );
}

/// A new database: every migration is pending and nothing is made. An older one (the newest migration undone by
/// hand): `--check` names it, and migrating takes a private backup first, at the old schema, and says where.
/// A newer one: refused with the version numbers, by `--check` too.
#[tokio::test]
async fn migrate_check_lists_what_is_pending_and_sqlite_is_backed_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = heart(&data).args(["migrate", "--check"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let known = heart_store::sqlite::schema_version();
    let pending = text(&out.stdout);
    assert_eq!(pending.lines().count() as i64, known, "{pending}");
    assert!(pending.starts_with("0001_"), "{pending}");
    assert!(text(&out.stderr).contains("a new database"));
    assert!(!data.join("heart.db").exists(), "--check makes nothing");

    let out = heart(&data).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("took a backup"),
        "a new database needs none"
    );
    let out = heart(&data).args(["migrate", "--check"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains(&format!("at this version's schema ({known})")));

    // As if the database were made by the heart before the newest migration.
    let db = data.join("heart.db");
    let newest = heart_store::sqlite::migration_names().pop().unwrap();
    assert_eq!(
        newest, "0050_requests_history",
        "undo the newest migration here"
    );
    let left = sql(
        &db,
        &[
            "DROP INDEX requests_history",
            "CREATE INDEX requests_created ON requests (created_at, id)",
            &format!("DELETE FROM _sqlx_migrations WHERE version = {known}"),
        ],
    )
    .await;
    assert_eq!(left.last(), Some(&(known - 1)));
    let out = heart(&data).args(["migrate", "--check"]).output().unwrap();
    assert_eq!(text(&out.stdout).trim(), newest);
    assert!(text(&out.stderr).contains(&format!(
        "at schema {}; 1 migrations to apply to reach {known}",
        known - 1
    )));
    let out = heart(&data).arg("migrate").output().unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let said = format!(
        "took a backup before migrating the database from schema {} to {known}: ",
        known - 1
    );
    let path = err
        .lines()
        .find_map(|l| l.split_once(&said))
        .map(|(_, p)| std::path::PathBuf::from(p.trim()))
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(path.parent(), Some(data.join("backups").as_path()));
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("heart-") && name.ends_with("Z.db"),
        "a scheduled backup's name, so it is pruned and scrubbed like one: {name}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(sql(&path, &[]).await.last(), Some(&(known - 1)));
    assert_eq!(sql(&db, &[]).await.last(), Some(&known));

    // A newer heart migrated it: refused, with the numbers.
    sql(
        &db,
        &["INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
           VALUES (9999, 'from the future', 1, x'00', 0)"],
    )
    .await;
    for args in [&["migrate", "--check"][..], &["migrate"][..]] {
        let out = heart(&data).args(args).output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("migrated by a newer heart"), "{err}");
        if args.len() == 2 {
            assert!(err.contains(&format!("schema 9999, newer than this binary's {known}")));
        }
    }
}

fn doctor(
    dir: &std::path::Path,
    config: Option<&std::path::Path>,
) -> (Option<i32>, String, String) {
    let mut c = heart(dir);
    c.arg("doctor");
    if let Some(f) = config {
        c.env("HEART_CONFIG", f);
    }
    let out = c.output().unwrap();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// `heart doctor` against a data directory broken on purpose: each fault found with its fix, exit 1; once fixed,
/// exit 0 with the advice left. It changes nothing.
/// Every table's rows, as a count and a digest of their text, so a test can say nothing was written.
async fn rows_of(db: &std::path::Path) -> Vec<(String, i64, String)> {
    use sqlx::{Connection, Row};
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", db.display()))
        .await
        .unwrap();
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let mut out = Vec::new();
    for t in tables {
        // Every column's text, joined, summed up by SQLite: enough to see a row written or changed.
        let cols: Vec<String> =
            sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA table_info(\"{t}\")")))
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .iter()
                .map(|r| r.get::<String, _>("name"))
                .collect();
        let joined = cols
            .iter()
            .map(|c| format!("COALESCE(hex(\"{c}\"), '-')"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n, COALESCE(group_concat(x, ';'), '') AS all_rows FROM \
             (SELECT {joined} AS x FROM \"{t}\" ORDER BY 1)"
        )))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        out.push((t, row.get::<i64, _>("n"), row.get::<String, _>("all_rows")));
    }
    conn.close().await.unwrap();
    out
}

#[cfg(unix)]
#[tokio::test]
async fn doctor_finds_each_fault_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Never started: nothing is missing yet (but this machine's own disk may be short of space: a fault then).
    let (code, out, err) = doctor(&data, None);
    if out.contains("(under 10%)") {
        assert_eq!(out.matches("fault:").count(), 1, "only the disk: {out}");
    } else {
        assert_eq!(code, Some(0), "{out}{err}");
    }
    assert!(out.contains("has not made its database"), "{out}");
    assert!(!data.exists(), "doctor makes nothing");

    // Migrated by hand, never served: no admin, no erasure log, no backup, and a key file others can read.
    assert!(heart(&data).arg("migrate").status().unwrap().success());
    let key = data.join("heart.key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let settings = dir.path().join("heart.toml");
    std::fs::write(
        &settings,
        "secure_cookies = false\n[money]\npublic_url = \"https://heart.example.invalid\"\n\
         [mail]\nsmtp_url = \"smtp://127.0.0.1:1\"\nfrom = \"heart@example.invalid\"\n",
    )
    .unwrap();
    // What is there, by name and content, but the database (SQLite's -wal and -shm files come and go with its
    // connections, and a checkpoint rewrites the file's pages): that is compared by its rows, table by table.
    let files = |dir: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().to_string(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .filter(|(n, _)| !n.starts_with("heart.db"))
            .collect();
        v.sort();
        v
    };
    let before = files(&data);
    let rows_before = rows_of(&data.join("heart.db")).await;
    let (code, out, err) = doctor(&data, Some(&settings));
    assert_eq!(code, Some(1), "{out}{err}");
    for says in [
        "fault: the key file",
        "can be read by other users (mode 0644)",
        "fix: chmod 600",
        "fault: the erasure log",
        "fault: there is no backup yet",
        "fault: no active account holds admin",
        "fix: heart user add --username NAME --capabilities admin",
        "warning: heart is reached over https but its cookies",
        "warning: mail is set up (127.0.0.1:1) but does not answer",
        "warning: the key file",
    ] {
        assert!(out.contains(says), "{says}: {out}");
    }
    // Faults first, then warnings; one line on stderr.
    let first_warning = out.find("warning:").unwrap();
    assert!(out.rfind("fault:").unwrap() < first_warning, "{out}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // The machine's own disk may be short of space: that fault is then said too, and counted.
    let low = usize::from(out.contains("(under 10%)"));
    assert!(
        err.contains(&format!("{} faults and 3 warnings", 4 + low)),
        "{err}"
    );
    let after = files(&data);
    assert_eq!(rows_of(&data.join("heart.db")).await, rows_before);
    assert_eq!(
        before.iter().map(|f| &f.0).collect::<Vec<_>>(),
        after.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(before == after, "doctor changes nothing");

    // Fixed: a private key file, an admin, an erasure log, a backup; only advice left, exit 0.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut add = heart(&data)
        .args([
            "user",
            "add",
            "--username",
            "keeper",
            "--capabilities",
            "admin",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = add.stdin.take().unwrap();
        stdin
            .write_all(b"a long enough password for the keeper\n")
            .unwrap();
    }
    assert!(add.wait().unwrap().success());
    std::fs::write(data.join("heart.erasures"), "").unwrap();
    let copy = data.join("backups").join("heart-20261205T000000Z.db");
    let out = heart(&data).arg("backup").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (code, out, err) = doctor(&data, None);
    if out.contains("(under 10%)") {
        assert_eq!(out.matches("fault:").count(), 1, "only the disk: {out}");
    } else {
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(!out.contains("fault:"), "{out}");
        assert!(err.contains("no faults, 1 warnings"), "{err}");
    }
    assert!(out.contains("warning: the key file"), "{out}");
}

/// The Health page shows what `heart doctor` finds, in words a coordinator can pass on; an empty erasure log is
/// made at start only while nobody was erased.
#[tokio::test]
async fn the_health_page_shows_what_to_fix() {
    use heart_domain::access::Capability;
    let t = heart_testkit::spawn_app().await;
    let pw = t.user("coord", &[Capability::Coordinate], None).await;
    let s = t.login("coord", &pw).await;
    let (st, html, _) = t.page("/health", Some(&s)).await;
    assert_eq!(st, reqwest::StatusCode::OK);
    assert!(html.contains("What to fix"), "{html}");
    assert!(html.contains(r#"data-finding="no_admin""#), "{html}");
    assert!(html.contains("No active account holds admin"), "{html}");
    assert!(
        html.contains(r#"data-finding="erasure_log_missing""#),
        "{html}"
    );

    t.user("keeper", &[Capability::Admin], None).await;
    assert!(
        t.app.make_erasure_log().await.unwrap(),
        "made: nobody erased yet"
    );
    assert!(!t.app.make_erasure_log().await.unwrap(), "made once");
    let (_, html, _) = t.page("/health", Some(&s)).await;
    assert!(!html.contains("data-finding"), "{html}");
    assert!(!html.contains("What to fix"));

    // The command after each backup: how it went last, on the page and as advice when it failed.
    t.app.note_backup_after(heart_app::doctor::HookRun {
        at: heart_testkit::test_now(),
        ok: false,
        outcome: "exit 3".into(),
    });
    let (_, html, _) = t.page("/health", Some(&s)).await;
    assert!(html.contains("data-backup-after"), "{html}");
    assert!(html.contains("did not finish well: exit 3"), "{html}");
    assert!(
        html.contains(r#"data-finding="backup_after_failed""#),
        "{html}"
    );
}

/// `heart serve` takes its scheduled backup encrypted and hands it to `backup_after`.
#[tokio::test]
async fn scheduled_backups_are_encrypted_and_shipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let identity = age::x25519::Identity::generate();
    let shipped = dir.path().join("shipped");
    std::fs::create_dir(&shipped).unwrap();
    let config = settings_file(
        dir.path(),
        &format!(
            "backup_hours = 1
backup_encrypt_to = [\"{}\"]\nbackup_after = [\"cp\", \"{{file}}\", \"{}\"]\n",
            identity.to_public(),
            shipped.display()
        ),
    );
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("HEART_DATABASE_URL")
        .env("HEART_DATA", &data)
        .env("HEART_CONFIG", &config)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let backups = data.join("backups");
    let mut found = None;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let copies: Vec<_> = std::fs::read_dir(&shipped)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        // Shipped whole: the same bytes as the backup (cp may still be writing).
        if let Some(c) = copies.first()
            && let (Ok(a), Ok(b)) = (
                std::fs::read(c),
                std::fs::read(backups.join(c.file_name().unwrap())),
            )
            && a == b
            && !a.is_empty()
        {
            found = Some(c.clone());
            break;
        }
    }
    child.kill().await.unwrap();
    let copy = found.expect("a scheduled backup was shipped");
    let name = copy.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("heart-") && name.ends_with(".db.age"),
        "{name}"
    );
    let bytes = std::fs::read(&copy).unwrap();
    assert_eq!(std::fs::read(backups.join(&name)).unwrap(), bytes);
    let plain = age::decrypt(&identity, &bytes).unwrap();
    assert!(plain.starts_with(b"SQLite format 3"));
}

fn settings_file(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    let f = dir.join("heart.toml");
    std::fs::write(&f, body).unwrap();
    f
}

fn with_config(data: &std::path::Path, config: &std::path::Path) -> Command {
    let mut c = heart(data);
    c.env("HEART_CONFIG", config);
    c
}

/// Backups encrypted to an age recipient: nothing readable on disk (in the backups directory or left in the data
/// directory), handed to `backup_after`, restored only with the identity; a bad recipient and a hanging command
/// said plainly.
#[test]
fn backups_are_encrypted_to_the_operators_recipients() {
    use age::secrecy::ExposeSecret;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let identity = age::x25519::Identity::generate();
    let id_file = dir.path().join("operator.age-key");
    std::fs::write(
        &id_file,
        format!("{}\n", identity.to_string().expose_secret()),
    )
    .unwrap();
    let shipped = dir.path().join("shipped");
    let config = settings_file(
        dir.path(),
        &format!(
            "backup_encrypt_to = [\"{}\"]\nbackup_after = [\"cp\", \"{{file}}\", \"{}\"]\n",
            identity.to_public(),
            shipped.display()
        ),
    );
    assert!(heart(&data).arg("migrate").status().unwrap().success());
    let asked = dir.path().join("copies").join("monday.db");
    let out = with_config(&data, &config)
        .arg("backup")
        .arg(&asked)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let file = dir.path().join("copies").join("monday.db.age");
    assert!(
        err.contains("encrypted to the backup_encrypt_to recipients"),
        "{err}"
    );
    assert!(err.contains("backup_after: ok"), "{err}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    assert_eq!(
        std::fs::read(&shipped).unwrap(),
        bytes,
        "backup_after got the file"
    );
    assert!(!asked.exists());
    let left: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !left.iter().any(|n| n.starts_with("backup-in-progress")),
        "no plain copy left: {left:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Any age tool opens it with the identity: here the age crate itself.
    let plain = age::decrypt(&identity, &bytes).unwrap();
    assert!(plain.starts_with(b"SQLite format 3"));

    // Restore: without the identity, exit 2; with another, exit 1; with it, restored.
    let out = heart(&data).arg("restore").arg(&file).output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
    assert!(err.contains("is encrypted: give --identity FILE"), "{err}");
    let other = dir.path().join("other.age-key");
    std::fs::write(
        &other,
        format!(
            "{}\n",
            age::x25519::Identity::generate()
                .to_string()
                .expose_secret()
        ),
    )
    .unwrap();
    let out = heart(&data)
        .arg("restore")
        .arg(&file)
        .arg("--identity")
        .arg(&other)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("does not open"), "{err}");
    let out = heart(&data)
        .arg("restore")
        .arg(&file)
        .arg("--identity")
        .arg(&id_file)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("restored"), "{err}");
    assert!(!data.join("heart.restore-decrypted").exists());

    // A recipient that does not parse: exit 2, named.
    let bad = settings_file(dir.path(), "backup_encrypt_to = [\"age1notakey\"]\n");
    let out = with_config(&data, &bad)
        .arg("backup")
        .arg(dir.path().join("x.db"))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("\"age1notakey\" is not an age recipient"),
        "{err}"
    );

    // A command that hangs is stopped at its timeout and reported; the backup stands.
    let slow = settings_file(
        dir.path(),
        "backup_after = [\"sleep\", \"30\"]\nbackup_after_timeout_secs = 1\n",
    );
    let started = std::time::Instant::now();
    let out = with_config(&data, &slow)
        .arg("backup")
        .arg(dir.path().join("slow.db"))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("backup_after: stopped after 1 s"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(dir.path().join("slow.db").exists());
}

/// `--log-format json`: one object per line; each request's line has its id (the one in `X-Request-Id` and on
/// the error page), route, status and time; nothing a person typed is in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_carry_the_request_id_and_no_personal_data() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["serve", "--addr", "127.0.0.1:0", "--log-format", "json"])
        .env_remove("HEART_DATABASE_URL")
        .env("HEART_DATA", dir.path().join("data"))
        .env("RUST_LOG", "info,heart::http=debug")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut addr = None;
    while addr.is_none() {
        let mut l = String::new();
        assert!(err.read_line(&mut l).unwrap() > 0, "heart stopped");
        addr = l
            .split_once("listening on http://")
            .map(|(_, a)| a.trim().to_string());
    }
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for l in err.lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let base = format!("http://{}", addr.unwrap());
    heart_app::payments::ensure_tls_provider();
    let c = reqwest::Client::new();
    // A page that does not exist, asked with words that must not reach the log.
    let r = c
        .get(format!("{base}/nowhere?name=Ada+Lovelace&phone=6175550123"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&id),
        "the error page gives the reference: {page}"
    );
    // A public request for help, with a name and a number.
    let r = c
        .post(format!("{base}/api/v1/requests"))
        .json(&serde_json::json!({
            "summary": "Ada Lovelace needs a place to stay tonight",
            "channel": "web",
            "callback_phone": "617-555-0123"
        }))
        .send()
        .await
        .unwrap();
    let posted = r.headers()["x-request-id"].to_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    child.kill().unwrap();
    let _ = child.wait();
    let lines: Vec<String> = rx.try_iter().collect();
    let mut seen = 0;
    for l in &lines {
        let v: serde_json::Value =
            serde_json::from_str(l).unwrap_or_else(|_| panic!("not one JSON object: {l}"));
        assert!(v["level"].is_string() && v["target"].is_string(), "{l}");
        assert!(
            // The number as sent, never a bare "555": a time such as 11:05:55 holds one.
            !l.contains("Lovelace") && !l.contains("555-0123") && !l.contains("5550123"),
            "personal data in the log: {l}"
        );
        if v["request_id"] == id.as_str() {
            assert_eq!(v["status"], 404, "{l}");
            assert_eq!(v["route"], "unmatched", "{l}");
            assert!(v["latency_ms"].is_number(), "{l}");
            seen += 1;
        }
        if v["request_id"] == posted.as_str() {
            assert_eq!(v["route"], "/api/v1/requests", "{l}");
            seen += 1;
        }
    }
    assert_eq!(seen, 2, "{lines:#?}");
}
