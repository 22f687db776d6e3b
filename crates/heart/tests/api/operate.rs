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
        newest, "0043_impact_index",
        "undo the newest migration here"
    );
    let left = sql(
        &db,
        &[
            "DROP INDEX requests_impact",
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
#[cfg(unix)]
#[test]
fn doctor_finds_each_fault_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Never started: nothing is missing yet.
    let (code, out, err) = doctor(&data, None);
    assert_eq!(code, Some(0), "{out}{err}");
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
    // What is there, by name and content (SQLite's own -wal and -shm files come and go with its connections).
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
            .filter(|(n, _)| !n.ends_with("-wal") && !n.ends_with("-shm"))
            .collect();
        v.sort();
        v
    };
    let before = files(&data);
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
    assert!(err.contains("4 faults and 3 warnings"), "{err}");
    let after = files(&data);
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
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(!out.contains("fault:"), "{out}");
    assert!(out.contains("warning: the key file"), "{out}");
    assert!(err.contains("no faults, 1 warnings"), "{err}");
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
}
