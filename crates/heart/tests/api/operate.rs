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
