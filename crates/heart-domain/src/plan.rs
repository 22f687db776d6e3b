//! The planner, for a city or a team deciding how much to take on: which of a city's 911 calls a team like ours
//! could take (from a call-type table in the Vera Institute's format), and how many teams each hour of the week
//! needs so that a share of requests find a free team in time (Erlang C). Pure: no store, no clock.

use std::collections::BTreeSet;

/// One row of a city's call-type table: how many calls of this type the city's data holds, over several years.
#[derive(Clone, Debug, PartialEq)]
pub struct CallType {
    pub city: String,
    /// The city's own words for the call type (`Field 1`).
    pub text: String,
    pub count: u64,
    /// Vera's category, normalised ([`category`]).
    pub category: String,
}

/// Vera's categories, as the planner names them.
pub const CATEGORIES: &[&str] = &[
    "Accidents/Traffic Safety",
    "Alarms",
    "Assisting the Public",
    "Behavioral Health",
    "Call Related Issues",
    "Callback",
    "Complaints/Environmental Conditions",
    "Domestic Violence",
    "Drugs",
    "Fire",
    "Liquor Violations",
    "Medical Emergencies",
    "Missing Persons",
    "Officer Needs Help",
    "Other (Not Crime)",
    "Other Crimes",
    "Property Crime",
    "Sex Offenses",
    "Status Offenses",
    "Statuses",
    "Suspicion",
    "Traffic",
    "Uncategorised",
    "Violent Crime",
    "Warrants",
];

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A category as the file writes it, named one way: case and spaces do not matter, and the file's known
/// variants and misspellings ("Isuues", "Assist the Public", "Warrant", "Medical") are the category they mean. An
/// empty category is "Uncategorised"; one not known keeps its words, trimmed.
pub fn category(raw: &str) -> String {
    let s = squash(raw);
    let s = match s.as_str() {
        "" => "uncategorised",
        "assist the public" | "assisting public" => "assisting the public",
        "call related isuues" | "call related issue" => "call related issues",
        "warrant" => "warrants",
        "medical" | "medical emergency" => "medical emergencies",
        "missing person" => "missing persons",
        "behavioural health" => "behavioral health",
        other => other,
    };
    CATEGORIES
        .iter()
        .find(|c| c.to_lowercase() == s)
        .map(|c| c.to_string())
        .unwrap_or_else(|| raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What is wrong with a call-type file: a code the pages translate (`file_not_csv`, `file_missing_column`,
/// `file_no_city`, `file_bad_count`, `file_negative_count`, `file_no_calls`), and where. `Display` says it in English for the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFileError {
    pub code: &'static str,
    /// The file's line (the header is line 1).
    pub line: Option<usize>,
    /// The column missing, or the one with the bad value.
    pub column: Option<&'static str>,
    /// For a file that is not CSV: the reader's own words.
    pub detail: Option<String>,
}

impl CallFileError {
    fn at(code: &'static str, line: usize, column: &'static str) -> Self {
        Self {
            code,
            line: Some(line),
            column: Some(column),
            detail: None,
        }
    }
}

impl std::fmt::Display for CallFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        match (self.code, self.column) {
            ("file_missing_column", Some(c)) => write!(f, "the file has no column \"{c}\""),
            ("file_no_city", _) => write!(f, "no City"),
            ("file_bad_count", _) => write!(f, "Count is not a whole number"),
            ("file_negative_count", _) => write!(f, "Count is negative"),
            ("file_no_calls", _) => write!(f, "the file has no calls"),
            _ => write!(
                f,
                "not a CSV file: {}",
                self.detail.as_deref().unwrap_or("unreadable")
            ),
        }
    }
}

/// The columns a call-type table must have.
pub const COLUMNS: [&str; 4] = ["City", "Field 1", "Count", "Category"];

/// Reads a call-type table (CSV with the columns `City`, `Field 1`, `Count` and `Category`; others are ignored).
/// A missing column, a row without a city, or a count that is not a whole number of zero or more: an error naming
/// the line.
pub fn read_calltypes(bytes: &[u8]) -> Result<Vec<CallType>, CallFileError> {
    let not_csv = |e: csv::Error| CallFileError {
        code: "file_not_csv",
        line: e.position().map(|p| p.line() as usize),
        column: None,
        detail: Some(e.to_string()),
    };
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = r.headers().map_err(not_csv)?.clone();
    let mut cols = [0usize; 4];
    for (i, name) in COLUMNS.iter().enumerate() {
        cols[i] = headers
            .iter()
            .position(|h| h.trim() == *name)
            .ok_or(CallFileError {
                code: "file_missing_column",
                line: None,
                column: Some(name),
                detail: None,
            })?;
    }
    let [city, text, count, cat] = cols;
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(not_csv)?;
        let get = |c: usize| rec.get(c).unwrap_or("").trim();
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if get(city).is_empty() {
            return Err(CallFileError::at("file_no_city", line, "City"));
        }
        let n: i64 = get(count)
            .parse()
            .map_err(|_| CallFileError::at("file_bad_count", line, "Count"))?;
        let n = u64::try_from(n)
            .map_err(|_| CallFileError::at("file_negative_count", line, "Count"))?;
        out.push(CallType {
            city: get(city).to_string(),
            text: get(text).to_string(),
            count: n,
            category: category(rec.get(cat).unwrap_or("")),
        });
    }
    if out.is_empty() {
        return Err(CallFileError {
            code: "file_no_calls",
            line: None,
            column: None,
            detail: None,
        });
    }
    Ok(out)
}

/// Words in a call type that mean a weapon or violence: such a call never moves to a team like ours.
const VIOLENT: &[&str] = &[
    "weapon", "gun", "firearm", "knife", "shot", "shoot", "stab", "armed", "assault", "fight",
    "violen", "robbery", "threat", "hostage", "kidnap", "gang", "dv ", "dv-", "domestic", "rape",
    "homicide", "murder",
];

/// Words of call types outside the default categories that a team like ours takes: welfare checks, a person down,
/// a person in crisis, people sheltering, someone disruptive in public.
const TAKEN: &[&str] = &[
    "welfare",
    "person down",
    "check for person",
    "crisis",
    "mental",
    "suicid",
    "homeless",
    "encampment",
    "shelter",
    "transient",
    "disturbance",
    "intoxicated person",
    "panhandl",
    "trespass",
    "loiter",
];

/// Categories whose calls never move, whatever their words.
const NEVER: &[&str] = &[
    "Violent Crime",
    "Domestic Violence",
    "Sex Offenses",
    "Officer Needs Help",
    "Drugs",
    "Fire",
    "Medical Emergencies",
    "Warrants",
];

/// What calls a team like ours could take: whole categories, and call types by their words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    /// Normalised category names.
    pub categories: BTreeSet<String>,
    /// Words of call types (lower case), in any category but those that never move.
    pub words: Vec<String>,
}

impl Choice {
    /// The documented default (docs/planner.md): behavioural health, assisting the public and missing persons,
    /// and welfare checks, people down or in crisis, people sheltering and disturbances in any other category but
    /// violence, domestic violence, sex offences, officers needing help, drugs, fire, medical emergencies and
    /// warrants; never a call whose words name a weapon or violence.
    pub fn default_for_teams_like_ours() -> Self {
        Choice {
            categories: [
                "Behavioral Health",
                "Assisting the Public",
                "Missing Persons",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            words: TAKEN.iter().map(|w| w.to_string()).collect(),
        }
    }

    /// Categories named by the user (comma-separated, matched after the same normalisation as the file's); an
    /// empty choice or an unknown category is an error.
    pub fn categories(list: &str) -> Result<Self, String> {
        let mut categories = BTreeSet::new();
        for raw in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let c = category(raw);
            if !CATEGORIES.contains(&c.as_str()) {
                return Err(format!("unknown category \"{raw}\""));
            }
            categories.insert(c);
        }
        if categories.is_empty() {
            return Err("choose at least one category".into());
        }
        Ok(Choice {
            categories,
            words: Vec::new(),
        })
    }

    /// Whether a team like ours could take this call.
    pub fn takes(&self, c: &CallType) -> bool {
        let text = format!("{} ", c.text.to_lowercase());
        if VIOLENT.iter().any(|w| text.contains(w)) {
            return false;
        }
        self.categories.contains(&c.category)
            || (!NEVER.contains(&c.category.as_str())
                && self.words.iter().any(|w| text.contains(w.as_str())))
    }
}

/// The calls of one city that could move, per year, and as a share of all its calls in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diversion {
    pub city: String,
    pub calls_per_year: f64,
    pub diverted_per_year: f64,
    pub share: f64,
}

/// The calls of `city` (matched without regard to case) that `choice` takes, over the `years` the file covers.
pub fn diversion(
    types: &[CallType],
    city: &str,
    choice: &Choice,
    years: f64,
) -> Result<Diversion, String> {
    if !(years.is_finite() && years > 0.0 && years <= 100.0) {
        return Err("years: give the span the file covers, more than 0".into());
    }
    let rows: Vec<&CallType> = types
        .iter()
        .filter(|c| c.city.eq_ignore_ascii_case(city.trim()))
        .collect();
    let Some(first) = rows.first() else {
        let known: BTreeSet<&str> = types.iter().map(|c| c.city.as_str()).collect();
        let known: Vec<&str> = known.into_iter().collect();
        return Err(format!(
            "no city \"{city}\" in the file (it has {})",
            known.join(", ")
        ));
    };
    let all: u64 = rows.iter().map(|c| c.count).sum();
    let taken: u64 = rows
        .iter()
        .filter(|c| choice.takes(c))
        .map(|c| c.count)
        .sum();
    Ok(Diversion {
        city: first.city.clone(),
        calls_per_year: all as f64 / years,
        diverted_per_year: taken as f64 / years,
        share: if all == 0 {
            0.0
        } else {
            taken as f64 / all as f64
        },
    })
}

/// Erlang C: the probability that a request waits for a team, with `n` teams and an offered load of `a` erlangs
/// (requests an hour x hours per request). 1 when `n <= a` (the queue grows without end).
pub fn erlang_c(n: u32, a: f64) -> f64 {
    if a <= 0.0 {
        return 0.0;
    }
    if f64::from(n) <= a {
        return 1.0;
    }
    // Erlang B by its stable recurrence, then C from B.
    let mut b = 1.0;
    for k in 1..=n {
        b = a * b / (f64::from(k) + a * b);
    }
    let n = f64::from(n);
    n * b / (n - a * (1.0 - b))
}

/// The share of requests that find a free team within `within` minutes, with `n` teams, load `a` and `minutes`
/// per request.
pub fn service_level(n: u32, a: f64, minutes: f64, within: f64) -> f64 {
    if a <= 0.0 {
        return 1.0;
    }
    if f64::from(n) <= a {
        return 0.0;
    }
    1.0 - erlang_c(n, a) * (-(f64::from(n) - a) * within / minutes).exp()
}

/// What the staffing part is asked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Staffing {
    /// The mean time a team spends on a request.
    pub minutes_per_call: f64,
    /// ... so that `target` of requests find a free team within this many minutes.
    pub within: f64,
    pub target: f64,
}

impl Staffing {
    /// A target strictly between 0 and 1, minutes per call above 0 (at most a day), a wait of 0 or more.
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        if !(self.target.is_finite() && self.target > 0.0 && self.target < 1.0) {
            return Err(("target", "out_of_range"));
        }
        if !(self.minutes_per_call.is_finite()
            && self.minutes_per_call > 0.0
            && self.minutes_per_call <= 1440.0)
        {
            return Err(("minutes_per_call", "out_of_range"));
        }
        if !(self.within.is_finite() && self.within >= 0.0 && self.within <= 1440.0) {
            return Err(("within", "out_of_range"));
        }
        Ok(())
    }

    /// Teams needed for `calls_per_hour`: the smallest `n` above the load whose service level meets the target
    /// (none when no call comes).
    pub fn teams(&self, calls_per_hour: f64) -> u32 {
        let a = calls_per_hour.max(0.0) * self.minutes_per_call / 60.0;
        if a <= 0.0 {
            return 0;
        }
        let mut n = a.floor() as u32 + 1;
        while service_level(n, a, self.minutes_per_call, self.within) < self.target {
            n += 1;
        }
        n
    }
}

/// Hours in a week, Monday 00:00 first.
pub const WEEK_HOURS: usize = 168;

/// Weeks in a year.
const WEEKS: f64 = 365.2425 / 7.0;

/// A year's calls spread evenly over the hours of the week.
pub fn even_week(per_year: f64) -> [f64; WEEK_HOURS] {
    [per_year / (365.2425 * 24.0); WEEK_HOURS]
}

/// A year's calls spread over the week as the `hours` of past requests were (each an hour of the week, 0 for
/// Monday 00:00 to 167 for Sunday 23:00); `None` without at least one request per hour of the week on average
/// (168), too few to give the week a shape.
pub fn shaped_week(per_year: f64, hours: &[usize]) -> Option<[f64; WEEK_HOURS]> {
    if hours.len() < WEEK_HOURS {
        return None;
    }
    let mut counts = [0usize; WEEK_HOURS];
    for h in hours {
        counts[h % WEEK_HOURS] += 1;
    }
    let total = hours.len() as f64;
    Some(counts.map(|c| per_year * (c as f64 / total) / WEEKS))
}

/// The example call-type table: the Vera Institute's, for five US cities (`data/vera_911_calltypes`, MIT).
pub fn example() -> &'static [u8] {
    include_bytes!("../data/vera_911_calltypes/call_types_by_city.csv")
}

/// Teams per hour of the week, and people-hours a week (two people a team).
pub fn staffing(calls: &[f64; WEEK_HOURS], s: &Staffing) -> (Vec<u32>, u32) {
    let teams: Vec<u32> = calls.iter().map(|c| s.teams(*c)).collect();
    let people_hours = teams.iter().sum::<u32>() * 2;
    (teams, people_hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against values computed independently (the textbook formula with factorials, not the recurrence).
    #[test]
    fn erlang_c_for_ten_erlangs() {
        for (n, want) in [(11, 0.6821), (12, 0.4494), (15, 0.1020)] {
            let got = erlang_c(n, 10.0);
            assert!((got - want).abs() < 0.00005, "N = {n}: {got}");
        }
        // N <= A: every request waits.
        assert_eq!(erlang_c(10, 10.0), 1.0);
        assert_eq!(erlang_c(3, 10.0), 1.0);
        assert_eq!(erlang_c(1, 0.0), 0.0);
        // 10 erlangs, 45 minutes a call, 90% within 15 minutes: 14 teams (13 reach 0.895).
        let s = Staffing {
            minutes_per_call: 45.0,
            within: 15.0,
            target: 0.9,
        };
        assert_eq!(s.teams(10.0 * 60.0 / 45.0), 14);
        assert!((service_level(13, 10.0, 45.0, 15.0) - 0.89505).abs() < 0.0001);
        assert_eq!(s.teams(0.0), 0);
        // A load far below one team still needs one.
        assert_eq!(s.teams(0.01), 1);
    }

    #[test]
    fn a_week_shaped_by_past_requests() {
        assert_eq!(
            shaped_week(1000.0, &[3; 100]),
            None,
            "too few to shape a week"
        );
        // Every request on Monday at 03:00: the year's calls all fall in that hour.
        let w = shaped_week(5217.75, &[3; 200]).unwrap();
        assert!((w[3] - 100.0).abs() < 1e-9, "{}", w[3]);
        assert_eq!(w.iter().filter(|c| **c > 0.0).count(), 1);
        let even: Vec<usize> = (0..168).collect();
        let w = shaped_week(8765.82, &even).unwrap();
        assert!((w[0] - even_week(8765.82)[0]).abs() < 1e-9);
    }

    #[test]
    fn staffing_is_checked() {
        let ok = Staffing {
            minutes_per_call: 45.0,
            within: 15.0,
            target: 0.9,
        };
        assert!(ok.check().is_ok());
        for target in [0.0, 1.0, 1.5, f64::NAN] {
            assert_eq!(
                Staffing { target, ..ok }.check(),
                Err(("target", "out_of_range"))
            );
        }
        assert!(
            Staffing {
                minutes_per_call: 0.0,
                ..ok
            }
            .check()
            .is_err()
        );
        assert!(Staffing { within: -1.0, ..ok }.check().is_err());
    }

    #[test]
    fn categories_are_named_one_way() {
        assert_eq!(category("Property Crime "), "Property Crime");
        assert_eq!(category("Assisting the Public "), "Assisting the Public");
        assert_eq!(category("Assist the Public"), "Assisting the Public");
        assert_eq!(category("Call Related Isuues"), "Call Related Issues");
        assert_eq!(category("Warrant"), "Warrants");
        assert_eq!(category("Medical"), "Medical Emergencies");
        assert_eq!(category("  behavioral   HEALTH"), "Behavioral Health");
        assert_eq!(category(""), "Uncategorised");
        assert_eq!(category(" Something  new "), "Something new");
        assert!(Choice::categories(" , ").is_err());
        assert!(Choice::categories("Behavioral Health, Nonsense").is_err());
    }

    #[test]
    fn the_vera_file_loads_with_its_misspellings() {
        let types = read_calltypes(example()).unwrap();
        assert_eq!(types.len(), 3227);
        let cities: BTreeSet<&str> = types.iter().map(|c| c.city.as_str()).collect();
        assert_eq!(
            cities.into_iter().collect::<Vec<_>>(),
            ["Charleston", "Dallas", "Detroit", "New Orleans", "Seattle"]
        );
        // Every category the file writes is one of Vera's, however it is spelled.
        for t in &types {
            assert!(
                CATEGORIES.contains(&t.category.as_str()),
                "{:?}",
                t.category
            );
        }
        let d = diversion(
            &types,
            "seattle",
            &Choice::default_for_teams_like_ours(),
            5.0,
        )
        .unwrap();
        assert_eq!(d.city, "Seattle");
        assert!(d.share > 0.05 && d.share < 0.5, "{d:?}");
        assert!(
            diversion(
                &types,
                "Cambridge",
                &Choice::default_for_teams_like_ours(),
                5.0
            )
            .unwrap_err()
            .contains("Charleston, Dallas")
        );
        // Never a call with a weapon or violence, whatever the choice.
        let all = Choice::categories(&CATEGORIES.join(",")).unwrap();
        assert!(!all.takes(&CallType {
            city: "X".into(),
            text: "DISTURBANCE - WEAPON".into(),
            count: 1,
            category: "Behavioral Health".into(),
        }));
    }

    #[test]
    fn a_bad_file_says_what_is_wrong() {
        let no_count = "City,Field 1,Category\nSeattle,WELFARE CHECK,Statuses\n";
        let e = read_calltypes(no_count.as_bytes()).unwrap_err();
        assert_eq!(e.to_string(), "the file has no column \"Count\"");
        assert_eq!((e.code, e.column), ("file_missing_column", Some("Count")));
        let negative = "City,Field 1,Count,Category\nSeattle,WELFARE CHECK,-3,Statuses\n";
        let e = read_calltypes(negative.as_bytes()).unwrap_err();
        assert_eq!(e.to_string(), "line 2: Count is negative");
        assert_eq!((e.code, e.line), ("file_negative_count", Some(2)));
        let words = "City,Field 1,Count,Category\nSeattle,WELFARE CHECK,many,Statuses\n";
        assert!(
            read_calltypes(words.as_bytes())
                .unwrap_err()
                .to_string()
                .starts_with("line 2")
        );
        assert_eq!(
            read_calltypes(b"City,Field 1,Count,Category\n")
                .unwrap_err()
                .code,
            "file_no_calls"
        );
        let unquoted = b"City,Field 1,Count,Category\nSeattle,\"WELFARE,3,Statuses\n";
        assert!(read_calltypes(unquoted).is_err());
    }
}
