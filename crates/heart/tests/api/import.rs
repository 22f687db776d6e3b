//! History from spreadsheets (issue 23.8): `heart import requests FILE.csv --map MAP.toml`, with the template in
//! docs/import/: a dry run says what would be made; --apply writes every row (closed requests of their days,
//! sealed, audited, found by the history's filters) or none; a broken row or map is named, and nothing is written.

use heart_app::Actor;
use heart_domain::access::Capability::*;
use heart_domain::import::RequestsMap;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use std::process::Command;

const CSV: &str = include_str!("../../../../docs/import/requests.csv");
const MAP: &str = include_str!("../../../../docs/import/requests-map.toml");

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
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

#[tokio::test]
async fn the_template_becomes_closed_past_requests_sealed_and_found_by_filter() {
    let t = spawn_app().await;
    let map = RequestsMap::parse(MAP).unwrap();
    let cli = Actor::cli();
    let dry = t
        .app
        .import_requests(&cli, CSV.as_bytes(), &map, false)
        .await
        .unwrap();
    assert_eq!((dry.made, dry.refused.len()), (5, 0));
    let token = t.person_token(&[Coordinate]).await;
    let (_, list) = t
        .get(
            "/api/v1/requests?from=2025-01-01&to=2025-12-31",
            Some(&token),
        )
        .await;
    assert_eq!(list["total"], 0, "a dry run writes nothing");

    let done = t
        .app
        .import_requests(&cli, CSV.as_bytes(), &map, true)
        .await
        .unwrap();
    assert_eq!(done.made, 5);
    // The same file again, dry run or not: refused, nothing doubled.
    for apply in [false, true] {
        let again = t
            .app
            .import_requests(&cli, CSV.as_bytes(), &map, apply)
            .await
            .unwrap_err();
        assert!(
            again.to_string().contains("this file was imported already"),
            "{again}"
        );
    }
    let (s, list) = t
        .get(
            "/api/v1/requests?from=2025-01-01&to=2025-12-31",
            Some(&token),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["total"], 5, "{list}");
    let rows = list["requests"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["status"] == "closed"), "{list}");
    // Newest first: the food pantry (20 April 2025, noon in Cambridge).
    assert_eq!(rows[0]["created_at"], "2025-04-20T16:00:00Z");
    assert_eq!(rows[0]["language"], "pt-BR");
    let (_, money) = t
        .get(
            "/api/v1/requests?from=2025-01-01&to=2025-12-31&need=money",
            Some(&token),
        )
        .await;
    assert_eq!(money["total"], 1, "{money}");
    assert_eq!(money["requests"][0]["channel"], "sms");
    let (_, connected) = t
        .get(
            "/api/v1/requests?from=2025-01-01&to=2025-12-31&outcome=connected_to_support",
            Some(&token),
        )
        .await;
    assert_eq!(connected["total"], 2, "{connected}");
    // Sealed like any request, and audited.
    for f in files_under(t.dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        let needle = "partner controls the money";
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "in the clear in {f:?}"
        );
    }
    let id = money["requests"][0]["id"].as_str().unwrap();
    let audit = t.store.audit_for("request", id).await.unwrap();
    assert!(audit.iter().any(|a| a.entry.action == "request.import"));

    // A file with one broken row: every problem named by line, and nothing written.
    let broken = format!(
        "{CSV}06/01/2025,A row with an outcome nobody mapped,Phone call,,en,,Went well\n\
         31/31/2025,A row with a date that is not one,Phone call,,en,,Connected\n\
         06/02/2099,A row from the future,Phone call,,en,,Connected\n"
    );
    let r = t
        .app
        .import_requests(&cli, broken.as_bytes(), &map, true)
        .await
        .unwrap();
    let lines: Vec<u64> = r.refused.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [7, 8, 9], "{r:?}");
    assert!(r.refused[0].1.starts_with("outcome"), "{r:?}");
    assert!(r.refused[1].1.starts_with("date"), "{r:?}");
    assert!(r.refused[2].1.contains("future"), "{r:?}");
    assert!(
        r.refused
            .iter()
            .all(|(_, why)| !why.contains("nobody mapped"))
    );
    let (_, list) = t
        .get(
            "/api/v1/requests?from=2025-01-01&to=2025-12-31",
            Some(&token),
        )
        .await;
    assert_eq!(list["total"], 5, "all or nothing");
    // Only admin or coordinate imports.
    let pw = t.user("dee", &[Dispatch], None).await;
    let dee = t.login("dee", &pw).await;
    let dispatch = t.actor_of(&dee).await;
    assert!(matches!(
        t.app
            .import_requests(&dispatch, CSV.as_bytes(), &map, false)
            .await,
        Err(heart_app::AppError::Forbidden(_))
    ));
}

#[test]
fn the_command_is_a_dry_run_first_and_says_what_is_wrong_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/import");
    let run = |file: &std::path::Path, map: &std::path::Path, apply: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_heart"));
        c.args(["import", "requests"])
            .arg(file)
            .arg("--map")
            .arg(map);
        if apply {
            c.arg("--apply");
        }
        c.arg("--data").arg(dir.path()).output().unwrap()
    };
    let (csv, map) = (docs.join("requests.csv"), docs.join("requests-map.toml"));
    let out = run(&csv, &map, false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 past requests would be made"));
    let out = run(&csv, &map, true);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("made 5 past requests"));
    // A map naming a field heart does not know: exit 2, one line naming it and its line.
    let bad_map = dir.path().join("bad.toml");
    std::fs::write(
        &bad_map,
        "date_format = \"%m/%d/%Y\"\n[columns]\ndate = \"Date\"\nsummary = \"What happened\"\noutcome = \"Outcome\"\nwho = \"Name\"\n",
    )
    .unwrap();
    let out = run(&csv, &bad_map, false);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("line 6") && err.contains("who"), "{err}");
    // A broken row: named by line on stdout, exit 2, nothing written.
    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(
        &bad_csv,
        format!(
            "{}04/21/2025,Another,Phone call,,en,Nonsense,Connected\n",
            std::fs::read_to_string(&csv).unwrap()
        ),
    )
    .unwrap();
    let out = run(&bad_csv, &map, true);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("line 7: needs")
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("nothing was written")
    );
    // Gifts into funds this deployment does not have: every row named, exit 2.
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["import", "gifts"])
        .arg(docs.join("gifts.csv"))
        .arg("--map")
        .arg(docs.join("gifts-map.toml"))
        .arg("--data")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(said.lines().count(), 3, "{said}");
    assert!(
        said.lines().all(|l| l.contains("fund: there is no fund")),
        "{said}"
    );
    // A missing file: exit 2, one line.
    let out = run(&dir.path().join("nope.csv"), &map, false);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[tokio::test]
async fn gifts_come_into_the_books_balanced_one_donor_per_email_all_or_nothing() {
    let t = spawn_app().await;
    let cli = Actor::cli();
    for (name, kind) in [("General", "general"), ("Mutual Aid Fund", "mutual_aid")] {
        t.app
            .create_fund(&cli, name, kind, None, None)
            .await
            .unwrap();
    }
    let csv = include_str!("../../../../docs/import/gifts.csv");
    let map = heart_domain::import::GiftsMap::parse(include_str!(
        "../../../../docs/import/gifts-map.toml"
    ))
    .unwrap();
    let dry = t
        .app
        .import_gifts(&cli, csv.as_bytes(), &map, false)
        .await
        .unwrap();
    assert_eq!((dry.made, dry.refused.len()), (3, 0), "{dry:?}");
    assert!(
        t.app.donations(&cli).await.unwrap().is_empty(),
        "a dry run writes nothing"
    );
    let done = t
        .app
        .import_gifts(&cli, csv.as_bytes(), &map, true)
        .await
        .unwrap();
    assert_eq!(done.made, 3);
    let again = t
        .app
        .import_gifts(&cli, csv.as_bytes(), &map, true)
        .await
        .unwrap_err();
    assert!(again.to_string().contains("imported already"), "{again}");
    let gifts = t.app.donations(&cli).await.unwrap();
    let mut amounts: Vec<i64> = gifts.iter().map(|g| g.amount_minor).collect();
    amounts.sort_unstable();
    assert_eq!(amounts, [2_500, 5_000, 120_000]);
    assert!(
        gifts
            .iter()
            .all(|g| g.status == "paid" && g.entry_id.is_some())
    );
    assert_eq!(
        t.app.donors(&cli).await.unwrap().len(),
        2,
        "one donor per email"
    );
    let funds = t.app.funds(&cli).await.unwrap();
    let balance = |n: &str| {
        funds
            .iter()
            .find(|f| f.name == n)
            .map(|f| f.balance_minor)
            .unwrap()
    };
    assert_eq!(
        (balance("General"), balance("Mutual Aid Fund")),
        (7_500, 120_000)
    );
    // The books still balance after the import.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["ledger", "verify", "--data"])
        .arg(t.dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A broken file: every bad row named by line, nothing written.
    let broken = format!(
        "{csv}03/01/2025,lots,carol@example.org,,,Cash,\n03/02/2025,10,not an email,,,Cash,\n\
         03/03/2025,10,dan@example.org,,No such fund,Cash,\n"
    );
    let r = t
        .app
        .import_gifts(&cli, broken.as_bytes(), &map, true)
        .await
        .unwrap();
    let lines: Vec<u64> = r.refused.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [5, 6, 7], "{r:?}");
    assert!(r.refused[0].1.starts_with("amount"), "{r:?}");
    assert!(r.refused[1].1.starts_with("email"), "{r:?}");
    assert!(r.refused[2].1.starts_with("fund"), "{r:?}");
    assert_eq!(
        t.app.donations(&cli).await.unwrap().len(),
        3,
        "all or nothing"
    );
}
