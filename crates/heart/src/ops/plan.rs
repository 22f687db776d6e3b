//! `heart plan`: which of a city's 911 calls a team like ours could take, and the teams each hour of the week
//! needs (docs/planner.md). Reads no store: the year's calls are spread evenly over the 168 hours of a week.

use super::*;
use heart_domain::plan::{self, Choice, Staffing};

/// What `heart plan` is asked (the command line's flags).
pub struct PlanArgs<'a> {
    pub calltypes: &'a Path,
    pub city: &'a str,
    pub years: f64,
    pub categories: Option<&'a str>,
    pub staffing: Staffing,
}

/// Prints one JSON object on stdout; exit 2 with one line naming what is wrong.
pub fn plan(a: PlanArgs<'_>) -> Result<(), Failure> {
    let bytes = std::fs::read(a.calltypes)
        .map_err(|e| usage(format!("cannot read {}: {e}", a.calltypes.display())))?;
    let types = plan::read_calltypes(&bytes)
        .map_err(|e| usage(format!("{}: {e}", a.calltypes.display())))?;
    let choice = match a.categories {
        None => Choice::default_for_teams_like_ours(),
        Some(list) => Choice::categories(list).map_err(|e| usage(format!("--categories: {e}")))?,
    };
    a.staffing.check().map_err(|(field, _)| {
        usage(match field {
            "target" => "--target: give a share between 0 and 1, such as 0.9".to_string(),
            "minutes_per_call" => {
                "--minutes-per-call: give minutes above 0, at most 1440".to_string()
            }
            _ => "--within: give minutes from 0 to 1440".to_string(),
        })
    })?;
    let d = plan::diversion(&types, a.city, &choice, a.years).map_err(usage)?;
    let (teams, people_hours) = plan::staffing(&plan::even_week(d.diverted_per_year), &a.staffing);
    let out = serde_json::json!({
        "city": d.city,
        "calls_per_year": (d.calls_per_year * 10.0).round() / 10.0,
        "diverted_per_year": (d.diverted_per_year * 10.0).round() / 10.0,
        "share": (d.share * 10000.0).round() / 10000.0,
        "teams_by_hour": teams,
        "people_hours_per_week": people_hours,
    });
    println!("{out}");
    Ok(())
}
