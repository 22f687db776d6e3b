//! `heart plan` on the Vera Institute's real call-type table: one JSON object on stdout, exit 2 with one line for
//! a bad file, an unknown city or a bad number.

use std::process::Command;

const VERA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../heart-domain/data/vera_911_calltypes/call_types_by_city.csv"
);

fn plan(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .arg("plan")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_city_plan_is_one_json_object() {
    let (code, out, err) = plan(&[
        "--calltypes",
        VERA,
        "--city",
        "Seattle",
        "--years",
        "5",
        "--categories",
        "Behavioral Health, assist the public ,Missing Persons",
        "--minutes-per-call",
        "45",
        "--within",
        "15",
        "--target",
        "0.9",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["city"], "Seattle");
    let teams = v["teams_by_hour"].as_array().unwrap();
    assert_eq!(teams.len(), 168);
    let per_year = v["diverted_per_year"].as_f64().unwrap();
    let share = v["share"].as_f64().unwrap();
    assert!(per_year > 0.0 && share > 0.0 && share < 1.0, "{v}");
    // Spread evenly: the same teams every hour, two people each.
    assert!(teams.iter().all(|t| t == &teams[0]));
    let n = teams[0].as_u64().unwrap();
    assert_eq!(v["people_hours_per_week"].as_u64(), Some(n * 2 * 168));
    // The same calls in a year with more time per call need more teams.
    let (_, slower, _) = plan(&[
        "--calltypes",
        VERA,
        "--city",
        "seattle",
        "--years",
        "5",
        "--categories",
        "Behavioral Health,Assisting the Public,Missing Persons",
        "--minutes-per-call",
        "90",
    ]);
    let slower: serde_json::Value = serde_json::from_str(slower.trim()).unwrap();
    assert_eq!(slower["diverted_per_year"], v["diverted_per_year"]);
    assert!(slower["teams_by_hour"][0].as_u64().unwrap() > n);
}

#[test]
fn bad_input_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let negative = dir.path().join("negative.csv");
    std::fs::write(
        &negative,
        "City,Field 1,Count,Category\nSeattle,WELFARE CHECK,-4,Statuses\n",
    )
    .unwrap();
    let no_column = dir.path().join("no_column.csv");
    std::fs::write(
        &no_column,
        "City,Field 1,Category\nSeattle,WELFARE CHECK,Statuses\n",
    )
    .unwrap();
    let (negative, no_column) = (negative.to_str().unwrap(), no_column.to_str().unwrap());
    for (args, says) in [
        (
            vec!["--calltypes", VERA, "--city", "Cambridge", "--years", "5"],
            "no city \"Cambridge\"",
        ),
        (
            vec!["--calltypes", negative, "--city", "Seattle", "--years", "5"],
            "line 2: Count is negative",
        ),
        (
            vec![
                "--calltypes",
                no_column,
                "--city",
                "Seattle",
                "--years",
                "5",
            ],
            "no column \"Count\"",
        ),
        (
            vec![
                "--calltypes",
                VERA,
                "--city",
                "Seattle",
                "--years",
                "5",
                "--target",
                "1",
            ],
            "--target",
        ),
        (
            vec![
                "--calltypes",
                VERA,
                "--city",
                "Seattle",
                "--years",
                "5",
                "--target",
                "0",
            ],
            "--target",
        ),
        (
            vec!["--calltypes", VERA, "--city", "Seattle", "--years", "0"],
            "years",
        ),
        (
            vec![
                "--calltypes",
                VERA,
                "--city",
                "Seattle",
                "--years",
                "5",
                "--categories",
                " , ",
            ],
            "--categories",
        ),
    ] {
        let (code, out, err) = plan(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: nothing on stdout");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// The page: the same plan as `heart plan`, the week shaped by heart's own requests when asked, and every field
/// to fix said at once, for coordinators only.
#[tokio::test]
async fn the_planner_page() {
    use heart_domain::access::Capability::*;
    let t = heart_testkit::spawn_app().await;
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let pw = t.user("ana", &[Respond], None).await;
    let ana = t.login("ana", &pw).await;
    let (s, page, _) = t.page("/planner", Some(&rae)).await;
    assert_eq!(s, reqwest::StatusCode::OK);
    assert!(
        page.contains("<option value=\"Seattle\"></option>"),
        "{page}"
    );
    let (s, _, _) = t.page("/planner", Some(&ana)).await;
    assert_eq!(s, reqwest::StatusCode::FORBIDDEN);

    let q = "/planner?city=Seattle&years=5&choice=chosen&category=Behavioral+Health\
             &category=Assisting+the+Public&category=Missing+Persons&minutes_per_call=45&within=15&target=0.9";
    let (s, page, _) = t.page(q, Some(&rae)).await;
    assert_eq!(s, reqwest::StatusCode::OK, "{page}");
    let (_, out, _) = plan(&[
        "--calltypes",
        VERA,
        "--city",
        "Seattle",
        "--years",
        "5",
        "--categories",
        "Behavioral Health,Assisting the Public,Missing Persons",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let per_year = v["diverted_per_year"].as_f64().unwrap().round() as i64;
    assert!(
        page.contains(&format!(
            "{per_year} calls a year could come to a team like ours."
        )),
        "the page and `heart plan` agree: {per_year}"
    );
    let n = v["teams_by_hour"][0].as_u64().unwrap();
    assert_eq!(
        page.matches(&format!(">{n}</td>")).count(),
        168,
        "every hour of the week"
    );
    assert!(page.contains(&format!(
        "{} people-hours a week",
        v["people_hours_per_week"]
    )));

    // Shaped by heart's own requests: too few in a new deployment, said plainly, spread evenly.
    let (_, page, _) = t
        .page("/planner?city=Seattle&years=5&spread=history", Some(&rae))
        .await;
    assert!(
        page.contains("We have too few requests of the last year (0)"),
        "{page}"
    );

    // Bad input: every field to fix, nothing computed.
    let (s, page, _) = t
        .page(
            "/planner?city=Nowhere&years=0&choice=chosen&target=1&minutes_per_call=many",
            Some(&rae),
        )
        .await;
    assert_eq!(s, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    for (field, says) in [
        ("city", "This is needed."),
        ("years", "This is outside the allowed range."),
        ("categories", "This is needed."),
        ("target", "This is outside the allowed range."),
        ("minutes_per_call", "Give a number, such as 0.9 or 45."),
    ] {
        assert!(
            page.contains(&format!("<a href=\"#{field}\">")),
            "{field}: {page}"
        );
        assert!(page.contains(says), "{field}: {says}");
    }
    assert!(!page.contains("people-hours a week"), "nothing computed");
}

/// With `--data`, the week is shaped like heart's own requests of the last year (here 200 past requests, each at
/// 10:00); their time per call is used only when enough of them were assigned and closed (imported history was
/// not, so the default 45 minutes stands, and the JSON says so). Without `--data`, no store is read.
#[test]
fn with_data_the_week_is_shaped_like_heart_s_own() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("past.csv");
    let map = dir.path().join("map.toml");
    let today = jiff::ZonedDateTime::now().date();
    let mut rows = String::from("Date,What happened,Outcome\n");
    for i in 1..=200 {
        let d = today.checked_sub(jiff::Span::new().days(i)).unwrap();
        rows.push_str(&format!("{d} 10:00,A past request,Connected\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    std::fs::write(
        &map,
        "date_format = \"%Y-%m-%d %H:%M\"\n[columns]\ndate = \"Date\"\nsummary = \"What happened\"\n\
         outcome = \"Outcome\"\n[outcome]\n\"Connected\" = \"connected_to_support\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_heart"))
        .args(["import", "requests"])
        .arg(&csv)
        .arg("--map")
        .arg(&map)
        .arg("--apply")
        .arg("--data")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data = dir.path().display().to_string();
    let args = ["--calltypes", VERA, "--city", "Seattle", "--years", "5"];
    let (code, out, err) = plan(&[&args[..], &["--data", &data]].concat());
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["shaped_by_requests"], 200);
    assert_eq!(v["minutes_per_call_from_history"], false);
    assert_eq!(v["minutes_per_call"], 45.0);
    let teams: Vec<u64> = v["teams_by_hour"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_u64().unwrap())
        .collect();
    // Every request came at 10:00, so 10:00 needs the most teams and 03:00 on any day fewer.
    assert!(teams[10] > teams[3], "{teams:?}");
    // Without --data: spread evenly, nothing read.
    let (_, even, _) = plan(&args);
    let v: serde_json::Value = serde_json::from_str(even.trim()).unwrap();
    assert_eq!(v["shaped_by_requests"], serde_json::Value::Null);
}

/// The planner page with another city's call-type table, uploaded: the plan is for that file's city (a file of one
/// city needs none chosen); a bad file is a 422 naming the field and the line; the file is refused without the form's
/// CSRF token; asking for our own minutes per call with no history says so and uses the minutes given.
#[tokio::test]
async fn the_planner_page_reads_another_citys_file() {
    use heart_domain::access::Capability;
    use reqwest::StatusCode;
    let t = heart_testkit::spawn_app().await;
    let pw = t.user("coord", &[Capability::Coordinate], None).await;
    let s = t.login("coord", &pw).await;
    let post = |file: &'static str, fields: &'static [(&'static str, &'static str)], csrf: bool| {
        let (t, s) = (&t, s.clone());
        async move {
            let b = "heartplanboundary";
            let mut body = String::new();
            let mut part = |name: &str, value: &str| {
                body.push_str(&format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                ))
            };
            if csrf {
                part("csrf", &s.csrf);
            }
            for (k, v) in fields {
                part(k, v);
            }
            body.push_str(&format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"calltypes\"; filename=\"city.csv\"\r\n\
                 Content-Type: text/csv\r\n\r\n{file}\r\n--{b}--\r\n"
            ));
            let resp = t
                .client
                .post(format!("{}/planner", t.url))
                .header("cookie", &s.cookie)
                .header("content-type", format!("multipart/form-data; boundary={b}"))
                .body(body)
                .send()
                .await
                .unwrap();
            (resp.status(), resp.text().await.unwrap())
        }
    };
    let good = "City,Field 1,Count,Category\n\
                Springfield,WELFARE CHECK,5000,Statuses\n\
                Springfield,PERSON IN CRISIS,2000,Behavioral Health\n\
                Springfield,BURGLARY,3000,Property Crime\n";
    let (st, html) = post(good, &[("years", "2"), ("minutes", "history")], true).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(html.contains("Springfield: what could move"), "{html}");
    // 7,000 of 10,000 calls over two years could move: 3,500 a year, 70%.
    assert!(html.contains("3500 calls a year could come"), "{html}");
    assert!(html.contains("That is 70.0% of all"), "{html}");
    assert!(html.contains("From your file, which holds: Springfield."));
    assert!(
        html.contains("Too few of our requests of the last year had a team&#39;s time on them (0)")
    );
    assert!(html.contains("45 minutes a call"));

    let bad = "City,Field 1,Count,Category\n\
               Springfield,WELFARE CHECK,5000,Statuses\n\
               Springfield,PERSON IN CRISIS,-2,Behavioral Health\n";
    let (st, html) = post(bad, &[("years", "2")], true).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("A Count in the file is below zero."),
        "{html}"
    );
    assert!(html.contains("Line 3 of the file."), "{html}");
    assert!(!html.contains("what could move"));

    let (st, html) = post(
        "City,Count\nSpringfield,4\n",
        &[("years", "2"), ("city", "Springfield")],
        true,
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("The file needs the columns City, Field 1, Count and Category."));
    let (st, html) = post(good, &[("years", "2"), ("city", "Seattle")], true).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("There is no such city in the table."),
        "{html}"
    );

    let (st, _) = post(good, &[("years", "2")], false).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
}
