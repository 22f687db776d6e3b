use std::io::Write;
use std::process::{Command, Stdio};

fn heart() -> Command {
    Command::new(env!("CARGO_BIN_EXE_heart"))
}

#[test]
fn bad_usage_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = heart()
        .args([
            "user",
            "add",
            "--username",
            "x1",
            "--capabilities",
            "police",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("unknown capability \"police\""), "{err}");
    assert!(out.stdout.is_empty());

    let out = heart().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr)
            .unwrap()
            .trim()
            .lines()
            .count(),
        1
    );

    let out = heart()
        .args(["serve", "--database-url", "mysql://x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn token_create_prints_the_token_alone_and_user_add_makes_a_working_account() {
    let dir = tempfile::tempdir().unwrap();
    let out = heart()
        .args([
            "token",
            "create",
            "--name",
            "partner-alarm",
            "--capabilities",
            "intake",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.starts_with("heart_") && stdout.trim().len() > 40);

    let mut child = heart()
        .args([
            "user",
            "add",
            "--username",
            "sam",
            "--capabilities",
            "intake,dispatch",
            "--password-stdin",
            "--data",
        ])
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough password\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());

    // The same username twice: a clear input error.
    let out = heart()
        .args([
            "user",
            "add",
            "--username",
            "sam",
            "--capabilities",
            "intake",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("username: taken")
    );

    // Without a password: a one-time setup link on stdout.
    let out = heart()
        .args([
            "user",
            "add",
            "--username",
            "rae",
            "--capabilities",
            "coordinate",
            "--data",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let first = String::from_utf8(out.stdout).unwrap();
    assert!(first.starts_with("/setup/"));
    // A reset: another one-time link; an unknown account is exit 2 with one line.
    let reset = |who: &str| {
        heart()
            .args(["user", "reset-password", "--username", who, "--data"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let out = reset("rae");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8(out.stdout).unwrap();
    assert!(link.starts_with("/setup/") && link != first, "{link}");
    let out = reset("nobody");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn bad_settings_are_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("heart.toml");
    std::fs::write(&cfg, "[hours]\ntimezone = \"Mars/Base\"\ndays = []\n").unwrap();
    let out = heart()
        .args(["serve", "--addr", "127.0.0.1:0", "--config"])
        .arg(&cfg)
        .arg("--data")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown time zone"), "{err}");
    let out = heart()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("HEART_CHECKIN_MINUTES", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("checkin_minutes")
    );
    // A police outcome in a custom screening script is refused before anything starts.
    let script = dir.path().join("triage.toml");
    std::fs::write(&script, "[[questions]]\nid = \"q\"\ntext = \"?\"\nanswers = [{ id = \"y\", text = \"y\" }]\n[fallback]\noutcome = \"police\"\nrationale = \"no\"\n").unwrap();
    let out = heart()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("HEART_TRIAGE_SCRIPT", &script)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("triage script"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // Passkeys need a host name: an address as the relying party id is refused before anything starts.
    for (rp, origin, says) in [
        ("127.0.0.1", None, "IP address"),
        (
            "heart.example.org",
            Some("https://elsewhere.example.org"),
            "not the host",
        ),
    ] {
        let mut c = heart();
        c.args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(dir.path())
            .env("HEART_WEBAUTHN_RP_ID", rp);
        if let Some(o) = origin {
            c.env("HEART_WEBAUTHN_ORIGIN", o);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{rp}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(says) && err.contains("webauthn_rp_id"),
            "{err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

/// A team's own screening script is checked at start like the shipped one (issue 25.1): a text that a shipped
/// language has no words for stops heart with one line naming the language and the message ids, unless the
/// settings allow English for those texts (then it starts, with a warning).
#[test]
fn a_script_with_untranslated_texts_is_refused_or_allowed_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("triage.toml");
    std::fs::write(
        &script,
        "[[questions]]\nid = \"pets\"\ntext = \"Is there a pet with them?\"\nanswers = [{ id = \"yes\", text = \"Yes\" }]\n[fallback]\noutcome = \"phone_support\"\nrationale = \"Talk it through.\"\n",
    )
    .unwrap();
    let create = || {
        let mut c = heart();
        c.args([
            "token",
            "create",
            "--name",
            "t",
            "--capabilities",
            "intake",
            "--data",
        ])
        .arg(dir.path())
        .env("HEART_TRIAGE_SCRIPT", &script);
        c
    };
    let out = create().output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // The fallback keeps the shipped id, but its English is not what the translations were made from.
    assert!(
        err.contains("es: triage-q-pets, triage-a-pets-yes, triage-rule-fallback")
            && err.contains("allow_untranslated_script"),
        "{err}"
    );
    let out = create()
        .env("HEART_ALLOW_UNTRANSLATED_SCRIPT", "true")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!out.stdout.is_empty());
    // The shipped script, given as a file, has words in every language.
    std::fs::write(&script, heart_domain::triage::DEFAULT_SCRIPT).unwrap();
    let out = create().output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// `heart mail test` sends one message through the `[mail]` settings, to a local SMTP server: exit 0 when taken,
/// 1 with the server's code when refused, 2 when email is not set up or the address is not one; a bad setting is
/// one line naming it (never the password).
#[tokio::test]
async fn mail_test_checks_the_mail_settings() {
    use heart_testkit::smtp::{FakeSmtp, Mode};
    let smtp = FakeSmtp::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("heart.toml");
    std::fs::write(
        &cfg,
        format!(
            "[money]\norganisation = \"Cambridge HEART\"\n[mail]\nsmtp_url = \"{}\"\nfrom = \"Cambridge HEART <giving@heart.example.org>\"\n",
            smtp.url()
        ),
    )
    .unwrap();
    let run = |args: &[&str], cfg: &std::path::Path| {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_heart"));
        c.args(args)
            .arg("--config")
            .arg(cfg)
            .arg("--data")
            .arg(dir.path())
            .env("RUST_LOG", "warn");
        async move { c.output().await.unwrap() }
    };
    let out = run(&["mail", "test", "--to", "me@example.org"], &cfg).await;
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["<me@example.org>".to_string()]);
    assert!(
        mails[0]
            .header("Subject")
            .unwrap()
            .contains("Cambridge HEART")
    );
    smtp.set_mode(Mode::Refuse);
    let out = run(&["mail", "test", "--to", "me@example.org"], &cfg).await;
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("refused the message (550)"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let out = run(&["mail", "test", "--to", "not an address"], &cfg).await;
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // Not set up; a password in the URL: one line each, exit 2, the password never echoed.
    let plain = dir.path().join("plain.toml");
    std::fs::write(&plain, "").unwrap();
    let out = run(&["mail", "test", "--to", "me@example.org"], &plain).await;
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("not set up")
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[mail]\nsmtp_url = \"smtp://giving:hunter2@mail.example.org\"\nfrom = \"giving@example.org\"\n",
    )
    .unwrap();
    let out = run(&["serve", "--addr", "127.0.0.1:0"], &bad).await;
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("HEART_SMTP_PASSWORD") && !err.contains("hunter2"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// `[geo]` names another city's files: a file that is missing or holds no street stops the server in one line
/// (exit 2); a good one is served, its own field names mapped.
#[test]
fn another_citys_streets_load_from_settings() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("heart.toml");
    let streets = dir.path().join("streets.geojson");
    let run = |cfg: &std::path::Path| {
        heart()
            .args(["serve", "--addr", "127.0.0.1:0", "--config"])
            .arg(cfg)
            .arg("--data")
            .arg(dir.path())
            .output()
            .unwrap()
    };
    std::fs::write(
        &cfg,
        format!("[geo]\ncenterlines = {:?}\n", streets.display().to_string()),
    )
    .unwrap();
    let out = run(&cfg);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("geo") && err.contains("streets.geojson"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    std::fs::write(&streets, r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    let out = run(&cfg);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no street segments"), "{err}");
    // A one-street town with its own field names.
    std::fs::write(
        &streets,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME":"Main St","LF":1,"LT":99},"geometry":{"type":"LineString","coordinates":[[-72.0,44.0],[-71.998,44.0]]}}]}"#,
    )
    .unwrap();
    std::fs::write(
        &cfg,
        format!(
            "[geo]\ncenterlines = {:?}\nlocality = \"Grid Town\"\ntravel_mode = \"walk\"\n[geo.fields]\nstreet = \"NAME\"\nleft_from = \"LF\"\nleft_to = \"LT\"\n",
            streets.display().to_string()
        ),
    )
    .unwrap();
    let mut child = heart()
        .args(["serve", "--addr", "127.0.0.1:0", "--config"])
        .arg(&cfg)
        .arg("--data")
        .arg(dir.path())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let started = lines.any(|l| l.unwrap().starts_with("heart: listening on "));
    let _ = child.kill();
    let _ = child.wait();
    assert!(started, "the server started with the other city's streets");
    // Another city's layers without its streets would be ignored: refused instead.
    std::fs::write(&cfg, "[geo]\nboundary = \"/x.geojson\"\n").unwrap();
    let out = run(&cfg);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("set centerlines too")
    );
    // A tile server must be https (or localhost) with {z}/{x}/{y}.
    for bad in [
        "ftp://tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org/tile.png",
    ] {
        std::fs::write(&cfg, format!("[geo]\ntile_url = {bad:?}\n")).unwrap();
        let out = run(&cfg);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8(out.stderr).unwrap().contains("tile_url"));
    }
    // A field name that is not a setting is refused (a typo must not be ignored silently).
    std::fs::write(&cfg, "[geo.fields]\nstret = \"NAME\"\n").unwrap();
    let out = run(&cfg);
    assert_eq!(out.status.code(), Some(2));
}

/// `heart i18n status` needs no data directory: a table with every shipped language, exit 0 while every one has
/// every message a person served meets; `heart i18n stamp` marks translations as made from today's English, and
/// refuses a language heart does not ship with exit 2 and one line.
#[test]
fn i18n_status_and_stamp() {
    let out = heart().args(["i18n", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let table = String::from_utf8(out.stdout).unwrap();
    for l in heart_web::languages::LANGUAGES {
        assert!(
            table.contains(&format!("| {} ({}) |", l.name, l.tag)),
            "{table}"
        );
    }
    // Every language has every message a person served meets.
    for row in table.lines().skip(2) {
        let person = row.split(" | ").nth(1).unwrap();
        let (have, all) = person.split_once(' ').unwrap().0.split_once('/').unwrap();
        assert_eq!(have, all, "{row}");
    }
    // The README's table is this one.
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
    )
    .unwrap();
    assert!(
        readme.contains(&table),
        "README's language table is not `heart i18n status`:\n{table}"
    );

    let dir = tempfile::tempdir().unwrap();
    for tag in ["en-US", "ht"] {
        std::fs::create_dir_all(dir.path().join(tag)).unwrap();
    }
    std::fs::write(dir.path().join("en-US/main.ftl"), "a = Hello\n").unwrap();
    std::fs::write(dir.path().join("en-US/triage.ftl"), "triage-q-x = Where?\n").unwrap();
    std::fs::write(
        dir.path().join("ht/main.ftl"),
        "# reviewed-by-fluent-speaker: no\na = Bonjou\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ht/triage.ftl"), "triage-q-x = Ki kote?\n").unwrap();
    let out = heart()
        .args(["i18n", "stamp", "ht", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let main = std::fs::read_to_string(dir.path().join("ht/main.ftl")).unwrap();
    assert_eq!(
        main,
        format!(
            "# reviewed-by-fluent-speaker: no\n# en-hash: {}\na = Bonjou\n",
            heart_web::languages::en_hash("Hello")
        )
    );
    let out = heart().args(["i18n", "stamp", "tlh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr)
            .unwrap()
            .trim()
            .lines()
            .count(),
        1
    );
}
