//! `heart plan`: which of a city's 911 calls a team like ours could take, and the teams each hour of the week
//! needs (docs/planner.md). Reads no store unless given `--data` (or `--database-url`): then the week is shaped like
//! heart's own requests of the last year and the time per call is theirs (unless given); else the year's calls are
//! spread evenly over the 168 hours of a week.

use super::*;
use heart_domain::plan::{self, Choice, Staffing};

/// What `heart plan` is asked (the command line's flags).
pub struct PlanArgs<'a> {
    pub calltypes: &'a Path,
    pub city: &'a str,
    pub years: f64,
    pub categories: Option<&'a str>,
    pub minutes_per_call: Option<f64>,
    pub within: f64,
    pub target: f64,
    pub data: &'a crate::cli::DataArgs,
}

/// Prints one JSON object on stdout; exit 2 with one line naming what is wrong.
pub async fn plan(a: PlanArgs<'_>) -> Result<(), Failure> {
    let bytes = std::fs::read(a.calltypes)
        .map_err(|e| usage(format!("cannot read {}: {e}", a.calltypes.display())))?;
    let types = plan::read_calltypes(&bytes)
        .map_err(|e| usage(format!("{}: {e}", a.calltypes.display())))?;
    let choice = match a.categories {
        None => Choice::default_for_teams_like_ours(),
        Some(list) => Choice::categories(list).map_err(|e| usage(format!("--categories: {e}")))?,
    };
    let history = if a.data.data.is_some() || a.data.database_url.is_some() {
        let app = open(a.data, "./heart-data").await?.app;
        Some(
            app.planning_history(&Actor::cli())
                .await
                .map_err(app_failure)?,
        )
    } else {
        None
    };
    let from_history = history.as_ref().and_then(|h| h.minutes_per_call);
    let staffing = Staffing {
        minutes_per_call: a.minutes_per_call.or(from_history).unwrap_or(45.0),
        within: a.within,
        target: a.target,
    };
    staffing.check().map_err(|(field, _)| {
        usage(match field {
            "target" => "--target: give a share between 0 and 1, such as 0.9".to_string(),
            "minutes_per_call" => {
                "--minutes-per-call: give minutes above 0, at most 1440".to_string()
            }
            _ => "--within: give minutes from 0 to 1440".to_string(),
        })
    })?;
    let d = plan::diversion(&types, a.city, &choice, a.years).map_err(usage)?;
    // Shaped like heart's own week when there were enough requests (plan::shaped_week says), else even.
    let shaped = history
        .as_ref()
        .and_then(|h| plan::shaped_week(d.diverted_per_year, &h.hours).map(|w| (w, h.hours.len())));
    let week = shaped.map_or_else(|| plan::even_week(d.diverted_per_year), |(w, _)| w);
    let (teams, people_hours) = plan::staffing(&week, &staffing);
    let out = serde_json::json!({
        "city": d.city,
        "calls_per_year": (d.calls_per_year * 10.0).round() / 10.0,
        "diverted_per_year": (d.diverted_per_year * 10.0).round() / 10.0,
        "share": (d.share * 10000.0).round() / 10000.0,
        "teams_by_hour": teams,
        "people_hours_per_week": people_hours,
        "minutes_per_call": staffing.minutes_per_call,
        "minutes_per_call_from_history": a.minutes_per_call.is_none() && from_history.is_some(),
        "shaped_by_requests": shaped.map(|(_, n)| n),
    });
    println!("{out}");
    Ok(())
}
