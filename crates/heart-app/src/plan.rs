//! The planner's page (`/planner`): which of a city's 911 calls a team like ours could take, from the example
//! call-type table, and the teams each hour of the week needs, the calls spread evenly or shaped like heart's own
//! requests of the last year. The rules are `heart_domain::plan`'s; `heart plan` prints the same.

use crate::doing::Doing;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::intake::FieldErrors;
use heart_domain::plan::{self, CallType, Choice, Staffing, WEEK_HOURS};
use std::sync::OnceLock;

/// What the person asks the planner (the page's fields, as typed).
#[derive(Clone, Debug, Default)]
pub struct PlanInput {
    pub city: String,
    pub years: String,
    /// `None`: the documented default choice; `Some`: exactly these categories.
    pub categories: Option<Vec<String>>,
    pub minutes_per_call: String,
    pub within: String,
    pub target: String,
    /// Shape the week like heart's own requests of the last year.
    pub from_history: bool,
    /// Take the minutes per call from heart's own assigned-to-closed times of the last year (when there are
    /// enough; else the minutes given).
    pub minutes_from_history: bool,
    /// Another city's call-type table, uploaded (`None`: the example table). Read, used and dropped: never kept.
    pub file: Option<Vec<u8>>,
}

/// Where the calls came from, and what in an uploaded file was wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct FileProblem {
    pub line: Option<usize>,
    pub column: Option<&'static str>,
}

/// The planner's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub city: String,
    pub calls_per_year: f64,
    pub diverted_per_year: f64,
    pub share: f64,
    /// Teams per hour of the week, Monday 00:00 first.
    pub teams: Vec<u32>,
    pub people_hours: u32,
    /// How many of heart's requests shaped the week (`None`: spread evenly).
    pub shaped_by: Option<usize>,
    /// Asked to shape the week by history, but there were too few requests (this many).
    pub too_few: Option<usize>,
    /// The minutes per call used.
    pub minutes_per_call: f64,
    /// The minutes came from this many of heart's own requests, assigned and closed in the last year.
    pub minutes_from: Option<usize>,
    /// Asked for the minutes from history, but too few requests were timed (this many): the minutes given were used.
    pub minutes_too_few: Option<usize>,
    /// The cities of the uploaded file (empty: the example table was used).
    pub file_cities: Vec<String>,
}

/// Heart's own requests of the last year, as the planner uses them.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanningHistory {
    /// The hour of the week each came in (0: Monday 00:00, team time).
    pub hours: Vec<usize>,
    /// The mean minutes from a team assigned to closed, when at least `MIN_TIMED` requests were both.
    pub minutes_per_call: Option<f64>,
    /// How many requests were assigned and closed.
    pub timed: usize,
}

/// Fewer requests than this with a team's time on them say too little of the time per call.
pub const MIN_TIMED: usize = 30;

fn example() -> &'static [CallType] {
    static TYPES: OnceLock<Vec<CallType>> = OnceLock::new();
    TYPES.get_or_init(|| plan::read_calltypes(plan::example()).unwrap_or_default())
}

/// The cities of the example table.
pub fn cities() -> Vec<String> {
    cities_of(example())
}

fn cities_of(types: &[CallType]) -> Vec<String> {
    let mut c: Vec<String> = types.iter().map(|t| t.city.clone()).collect();
    c.sort();
    c.dedup();
    c
}

/// Where an uploaded call-type file is wrong (the line, the column), to show beside the field's message.
pub fn file_problem(bytes: &[u8]) -> Option<FileProblem> {
    if bytes.len() > MAX_FILE {
        return None;
    }
    plan::read_calltypes(bytes).err().map(|e| FileProblem {
        line: e.line,
        column: e.column,
    })
}

/// The largest call-type file the planner reads (the Vera table of five cities is 240 kB).
pub const MAX_FILE: usize = 2 * 1024 * 1024;

fn number(e: &mut FieldErrors, field: &str, raw: &str, default: f64) -> f64 {
    let raw = raw.trim();
    if raw.is_empty() {
        return default;
    }
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => {
            e.add(field, "not_a_number");
            default
        }
    }
}

impl App {
    /// The plan for what was asked; field errors for each thing to fix, nothing computed half. A bad uploaded file
    /// is the field `calltypes` (its code says what is wrong; [`file_problem`] says where).
    pub async fn plan(&self, actor: &Actor, input: &PlanInput) -> AppResult<Plan> {
        self.may(actor, Doing::Plan)?;
        let mut e = FieldErrors::default();
        let uploaded = match input.file.as_deref() {
            None => None,
            Some(b) if b.len() > MAX_FILE => {
                e.add("calltypes", "too_large");
                Some(Vec::new())
            }
            Some(b) => match plan::read_calltypes(b) {
                Ok(t) => Some(t),
                Err(err) => {
                    e.add("calltypes", err.code);
                    Some(Vec::new())
                }
            },
        };
        let types: &[CallType] = uploaded.as_deref().unwrap_or(example());
        let file_cities = if uploaded.is_some() {
            cities_of(types)
        } else {
            Vec::new()
        };
        // A file of one city needs no city chosen.
        let city = match input.city.trim() {
            "" if file_cities.len() == 1 => file_cities[0].clone(),
            c => c.to_string(),
        };
        let known = cities_of(types);
        if city.is_empty() {
            e.add("city", "required");
        } else if !e.0.contains_key("calltypes")
            && !known.iter().any(|c| c.eq_ignore_ascii_case(&city))
        {
            e.add("city", "unknown_city");
        }
        let years = number(&mut e, "years", &input.years, 0.0);
        let years_ok = years > 0.0 && years <= 100.0;
        if !years_ok && !e.0.contains_key("years") {
            e.add("years", "out_of_range");
        }
        let choice = match &input.categories {
            None => Some(Choice::default_for_teams_like_ours()),
            Some(list) => match Choice::categories(&list.join(",")) {
                Ok(c) => Some(c),
                Err(_) => {
                    e.add("categories", "required");
                    None
                }
            },
        };
        let mut staffing = Staffing {
            minutes_per_call: number(&mut e, "minutes_per_call", &input.minutes_per_call, 45.0),
            within: number(&mut e, "within", &input.within, 15.0),
            target: number(&mut e, "target", &input.target, 0.9),
        };
        if let Err((field, code)) = staffing.check()
            && !e.0.contains_key(field)
        {
            e.add(field, code);
        }
        let Some(choice) = choice.filter(|_| e.0.is_empty()) else {
            return Err(AppError::Invalid(e));
        };
        let d = plan::diversion(types, &city, &choice, years)
            .map_err(|_| AppError::field("city", "unknown_city"))?;
        let (mut minutes_from, mut minutes_too_few) = (None, None);
        if input.minutes_from_history {
            let h = self.planning_history(actor).await?;
            match h.minutes_per_call {
                Some(m) if m > 0.0 => {
                    staffing.minutes_per_call = m;
                    minutes_from = Some(h.timed);
                }
                _ => minutes_too_few = Some(h.timed),
            }
        }
        let (calls, shaped_by, too_few) = if input.from_history {
            let hours = self.request_hours().await?;
            match plan::shaped_week(d.diverted_per_year, &hours) {
                Some(w) => (w, Some(hours.len()), None),
                None => (
                    plan::even_week(d.diverted_per_year),
                    None,
                    Some(hours.len()),
                ),
            }
        } else {
            (plan::even_week(d.diverted_per_year), None, None)
        };
        let (teams, people_hours) = plan::staffing(&calls, &staffing);
        debug_assert_eq!(teams.len(), WEEK_HOURS);
        Ok(Plan {
            city: d.city,
            calls_per_year: d.calls_per_year,
            diverted_per_year: d.diverted_per_year,
            share: d.share,
            teams,
            people_hours,
            shaped_by,
            too_few,
            minutes_per_call: staffing.minutes_per_call,
            minutes_from,
            minutes_too_few,
            file_cities,
        })
    }

    /// What heart's own requests of the last year say to the planner: the hour of the week each came in, and the
    /// mean minutes from a team assigned to the request closed (none with fewer than `MIN_TIMED` such requests).
    pub async fn planning_history(&self, actor: &Actor) -> AppResult<PlanningHistory> {
        self.may(actor, Doing::Plan)?;
        let since = self.clock.now() - jiff::SignedDuration::from_hours(24 * 365);
        let (timed, secs) = self.store.impact().assigned_to_close(since).await?;
        let timed = usize::try_from(timed).unwrap_or(0);
        Ok(PlanningHistory {
            hours: self.request_hours().await?,
            minutes_per_call: (timed >= MIN_TIMED).then(|| secs as f64 / timed as f64 / 60.0),
            timed,
        })
    }

    /// The hour of the week (0: Monday 00:00, in the team's time zone) each request of the last year came in.
    async fn request_hours(&self) -> AppResult<Vec<usize>> {
        let now = self.clock.now();
        let since = now - jiff::SignedDuration::from_hours(24 * 365);
        let tz = self.config.tz();
        Ok(self
            .store
            .history()
            .request_times(since)
            .await?
            .into_iter()
            .map(|t| {
                let z = t.to_zoned_datetime(tz.clone());
                let day = z.weekday().to_monday_zero_offset() as usize;
                day * 24 + z.hour() as usize
            })
            .collect())
    }
}
