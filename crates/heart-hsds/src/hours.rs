//! Opening hours from HSDS schedules: weekly or monthly rules (`byday` as in iCal, `2MO`, `-1FR`), local opening
//! and closing times in an IANA zone (heart's `timezone_name`), so "open now" stays right across daylight-saving
//! changes; a closing time at or before the opening time means the hours run past midnight.

use crate::model::Record;
use crate::schema::TZ_FIELD;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde_json::Value;

#[derive(Clone, Debug)]
pub struct Rule {
    /// (occurrence in the month, 0 for every week; day).
    days: Vec<(i8, Weekday)>,
    monthly: bool,
    opens: Time,
    closes: Time,
    tz: TimeZone,
    valid_from: Option<Date>,
    valid_to: Option<Date>,
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

/// "09:00", "9:00:00", "09:00-05:00", "17:00Z" -> the local clock time (an offset is ignored: the zone rules).
pub fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim();
    let core = s.trim_end_matches('Z');
    let core = match core.get(5..).and_then(|rest| rest.find(['+', '-'])) {
        Some(i) => &core[..5 + i],
        None => core,
    };
    let mut it = core.split(':');
    let h: i8 = it.next()?.parse().ok()?;
    let m: i8 = it.next()?.parse().ok()?;
    let sec: i8 = match it.next() {
        Some(x) => x.parse().ok()?,
        None => 0,
    };
    if it.next().is_some() {
        return None;
    }
    Time::new(h, m, sec, 0).ok()
}

fn text<'a>(r: &'a Record, k: &str) -> Option<&'a str> {
    r.get(k)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// True for a schedule the importer flagged as impossible (closes before it opens in the source).
pub fn flagged(r: &Record) -> bool {
    text(r, "notes").is_some_and(|n| n.starts_with("Flagged on import"))
}

impl Rule {
    /// A schedule record as a rule; `Ok(None)` when it says nothing about hours (no times or no days).
    pub fn from_record(
        r: &Record,
        default_tz: &TimeZone,
    ) -> Result<Option<Rule>, (String, String)> {
        let bad = |f: &str, m: String| Err((f.to_string(), m));
        let (Some(o), Some(c)) = (text(r, "opens_at"), text(r, "closes_at")) else {
            if let Some(o) = text(r, "opens_at").or(text(r, "closes_at"))
                && parse_time(o).is_none()
            {
                return bad("opens_at", format!("{o:?} is not a time (HH:MM)"));
            }
            return Ok(None);
        };
        let Some(opens) = parse_time(o) else {
            return bad("opens_at", format!("{o:?} is not a time (HH:MM)"));
        };
        let Some(closes) = parse_time(c) else {
            return bad("closes_at", format!("{c:?} is not a time (HH:MM)"));
        };
        let monthly = text(r, "freq") == Some("MONTHLY");
        let mut days = Vec::new();
        if let Some(b) = text(r, "byday") {
            for part in b.split(',') {
                let part = part.trim();
                let split = part.len().saturating_sub(2);
                let (n, code) = part.split_at(split);
                let Some(day) = weekday(&code.to_ascii_uppercase()) else {
                    return bad(
                        "byday",
                        format!("{part:?} is not a day (MO, TU, ... or 2MO)"),
                    );
                };
                let n: i8 = if n.is_empty() {
                    0
                } else {
                    match n.parse() {
                        Ok(n) if (-5..=5).contains(&n) && n != 0 => n,
                        _ => {
                            return bad(
                                "byday",
                                format!("{part:?} is not a day (MO, TU, ... or 2MO)"),
                            );
                        }
                    }
                };
                days.push((n, day));
            }
        }
        if days.is_empty() {
            return Ok(None);
        }
        let tz = match text(r, TZ_FIELD) {
            Some(name) => TimeZone::get(name)
                .map_err(|_| (TZ_FIELD.to_string(), format!("{name:?} is not a time zone")))?,
            None => default_tz.clone(),
        };
        let date = |f: &str| -> Result<Option<Date>, (String, String)> {
            match text(r, f) {
                None => Ok(None),
                Some(d) => d
                    .parse::<Date>()
                    .map(Some)
                    .map_err(|_| (f.to_string(), format!("{d:?} is not a date"))),
            }
        };
        Ok(Some(Rule {
            days,
            monthly,
            opens,
            closes,
            tz,
            valid_from: date("valid_from")?,
            valid_to: date("valid_to")?,
        }))
    }

    fn on(&self, d: Date) -> bool {
        if self.valid_from.is_some_and(|f| d < f) || self.valid_to.is_some_and(|t| d > t) {
            return false;
        }
        self.days.iter().any(|(n, day)| {
            if d.weekday() != *day {
                return false;
            }
            if !self.monthly || *n == 0 {
                return true;
            }
            let dom = d.day();
            if *n > 0 {
                (dom - 1) / 7 + 1 == *n
            } else {
                let last = d.last_of_month().day();
                (last - dom) / 7 + 1 == -*n
            }
        })
    }

    /// Open at this instant?
    pub fn open_at(&self, t: Timestamp) -> bool {
        let z = t.to_zoned_datetime(self.tz.clone());
        let (d, now) = (z.date(), z.time());
        if self.closes > self.opens {
            return self.on(d) && now >= self.opens && now < self.closes;
        }
        // Past midnight: the evening of day d, or the small hours after day d-1.
        (self.on(d) && now >= self.opens)
            || (d.checked_sub(1.day()).is_ok_and(|y| self.on(y)) && now < self.closes)
    }
}

/// Open at `t` by any of the rules.
pub fn open_at(rules: &[Rule], t: Timestamp) -> bool {
    rules.iter().any(|r| r.open_at(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule(v: Value) -> Rule {
        let Value::Object(m) = v else {
            panic!("a rule is a JSON object")
        };
        Rule::from_record(&m, &TimeZone::get("America/New_York").unwrap())
            .unwrap()
            .unwrap()
    }

    fn at(s: &str) -> Timestamp {
        s.parse::<jiff::ZonedDateTime>().unwrap().timestamp()
    }

    #[test]
    fn overnight_hours_run_past_midnight() {
        let r = rule(
            json!({"id":"x","freq":"WEEKLY","byday":"FR","opens_at":"22:00","closes_at":"02:00"}),
        );
        assert!(r.open_at(at("2026-11-27T23:30[America/New_York]")));
        assert!(r.open_at(at("2026-11-28T01:59[America/New_York]")));
        assert!(!r.open_at(at("2026-11-28T02:00[America/New_York]")));
        assert!(
            !r.open_at(at("2026-11-27T01:00[America/New_York]")),
            "Thursday night is not Friday's"
        );
    }

    #[test]
    fn hours_follow_the_zone_across_a_daylight_saving_change() {
        // 9-17 local on Mondays; on 2026-11-02 Boston is UTC-5, on 2026-10-26 UTC-4.
        let r = rule(
            json!({"id":"x","freq":"WEEKLY","byday":"MO","opens_at":"09:00","closes_at":"17:00"}),
        );
        assert!(r.open_at(at("2026-10-26T13:30Z[UTC]")), "09:30 EDT");
        assert!(!r.open_at(at("2026-11-02T13:30Z[UTC]")), "08:30 EST");
        assert!(r.open_at(at("2026-11-02T14:30Z[UTC]")), "09:30 EST");
        assert!(!r.open_at(at("2026-11-02T22:30Z[UTC]")), "17:30 EST");
    }

    #[test]
    fn monthly_occurrences_and_bad_values() {
        let r = rule(
            json!({"id":"x","freq":"MONTHLY","byday":"2MO,-1FR","opens_at":"10:00","closes_at":"12:00"}),
        );
        assert!(
            r.open_at(at("2026-11-09T11:00[America/New_York]")),
            "second Monday"
        );
        assert!(!r.open_at(at("2026-11-16T11:00[America/New_York]")));
        assert!(
            r.open_at(at("2026-11-27T11:00[America/New_York]")),
            "last Friday"
        );
        let tz = TimeZone::UTC;
        let bad = |v: Value| {
            let Value::Object(m) = v else {
                panic!("a rule is a JSON object")
            };
            Rule::from_record(&m, &tz).unwrap_err().0
        };
        assert_eq!(
            bad(json!({"byday":"XX","opens_at":"10:00","closes_at":"12:00"})),
            "byday"
        );
        assert_eq!(
            bad(json!({"byday":"MO","opens_at":"25:00","closes_at":"12:00"})),
            "opens_at"
        );
        assert_eq!(parse_time("09:00-05:00"), Some(Time::constant(9, 0, 0, 0)));
    }
}
