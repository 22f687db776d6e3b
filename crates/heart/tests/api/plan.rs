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
