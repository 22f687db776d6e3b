//! History from spreadsheets: `heart import requests` and `heart import gifts`.

use super::*;

/// `heart import requests FILE --map MAP [--apply]`.
pub async fn import_requests(
    data: &crate::cli::DataArgs,
    file: &std::path::Path,
    map: &std::path::Path,
    apply: bool,
) -> Result<(), Failure> {
    let (csv, map) = inputs(file, map, heart_domain::import::RequestsMap::parse)?;
    let app = open(data, "./heart-data").await?.app;
    let report = app
        .import_requests(&Actor::cli(), &csv, &map, apply)
        .await
        .map_err(app_failure)?;
    said(&report, apply, "past requests")
}

/// `heart import gifts FILE --map MAP [--apply]`.
pub async fn import_gifts(
    data: &crate::cli::DataArgs,
    file: &std::path::Path,
    map: &std::path::Path,
    apply: bool,
) -> Result<(), Failure> {
    let (csv, map) = inputs(file, map, heart_domain::import::GiftsMap::parse)?;
    let app = open(data, "./heart-data").await?.app;
    let report = app
        .import_gifts(&Actor::cli(), &csv, &map, apply)
        .await
        .map_err(app_failure)?;
    said(&report, apply, "gifts")
}

/// The file's bytes and its map, parsed: exit 2 with one line when either cannot be read.
fn inputs<M>(
    file: &std::path::Path,
    map: &std::path::Path,
    parse: fn(&str) -> Result<M, String>,
) -> Result<(Vec<u8>, M), Failure> {
    let (csv, text) = (read(file)?, read(map)?);
    let text = String::from_utf8(text).map_err(|_| usage("the map is not UTF-8 text"))?;
    let map = parse(&text).map_err(|e| usage(format!("the map: {e}")))?;
    Ok((csv, map))
}

fn read(p: &std::path::Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(p).map_err(|e| usage(format!("cannot read {}: {e}", p.display())))
}

/// The report: each refused row on stdout, then one line on stderr; exit 2 when any row was refused.
fn said(
    report: &heart_app::intake::import::ImportReport,
    apply: bool,
    what: &str,
) -> Result<(), Failure> {
    for (line, why) in &report.refused {
        println!("line {line}: {why}");
    }
    if !report.refused.is_empty() {
        return Err(usage(format!(
            "{} rows refused (listed above); nothing was written",
            report.refused.len()
        )));
    }
    if apply {
        eprintln!("heart: made {} {what}", report.made);
    } else {
        eprintln!(
            "heart: {} {what} would be made; run again with --apply to write them",
            report.made
        );
    }
    Ok(())
}
