//! Impact: the rules of the team's figures (`docs/metrics.md`), with no I/O. A period of whole local days, its
//! months in the team's time zone (across daylight saving), percentiles from a histogram of whole minutes, and
//! small-cell suppression for the public page.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::intake::FieldErrors;

/// Whether the team was taking requests when one arrived: open, open but full, or closed (outside its hours or on
/// a closed date). Kept with the request at intake, for "answered while closed or full".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Availability {
    Open,
    Full,
    Closed,
}

impl Availability {
    pub const ALL: [Availability; 3] =
        [Availability::Open, Availability::Full, Availability::Closed];
    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Open => "open",
            Availability::Full => "full",
            Availability::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// The longest period a figure is asked for: five years of days (and a leap day).
pub const MAX_DAYS: i64 = 5 * 365 + 2;

/// Whole local days, `from` and `to` both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// Reads `from` and `to` ("YYYY-MM-DD"); every wrong field is named at once. Missing: the last twelve months
    /// to `today` (from the first day of the month eleven months back).
    pub fn parse(from: Option<&str>, to: Option<&str>, today: Date) -> Result<Period, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut day =
            |field: &str, v: Option<&str>| match v.map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) => v
                    .parse::<Date>()
                    .map(Some)
                    .map_err(|_| errors.add(field, "invalid_date")),
            };
        let to = day("to", to);
        let from = day("from", from);
        let (Ok(from), Ok(to)) = (from, to) else {
            return Err(errors);
        };
        let to = to.unwrap_or(today);
        let from = match from {
            Some(f) => f,
            None => to
                .first_of_month()
                .checked_sub(11.months())
                .unwrap_or(to.first_of_month()),
        };
        let p = Period { from, to };
        if from > to {
            errors.add("from", "after_to");
        } else if p.days() > MAX_DAYS {
            errors.add("to", "period_too_long");
        }
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }

    /// How many days it holds.
    pub fn days(&self) -> i64 {
        i64::from((self.to - self.from).get_days()) + 1
    }

    /// Its first and last instants in `tz`: from local midnight of `from` to local midnight after `to`.
    pub fn bounds(&self, tz: &TimeZone) -> (Timestamp, Timestamp) {
        (
            midnight(self.from, tz),
            midnight(self.to.tomorrow().unwrap_or(self.to), tz),
        )
    }

    /// Its months in `tz`, each cut to the period: the first and last may be parts of a month, and the current,
    /// unfinished month is one of them.
    pub fn months(&self, tz: &TimeZone) -> Vec<Bucket> {
        self.buckets(
            tz,
            |d| d.first_of_month(),
            |d| d.first_of_month().checked_add(1.month()).ok(),
            |d| format!("{:04}-{:02}", d.year(), d.month()),
        )
    }

    /// Its quarters in `tz` ("2026-Q3"), each cut to the period.
    pub fn quarters(&self, tz: &TimeZone) -> Vec<Bucket> {
        let start = |d: Date| {
            Date::new(d.year(), (d.month() - 1) / 3 * 3 + 1, 1).unwrap_or(d.first_of_month())
        };
        self.buckets(
            tz,
            start,
            move |d| start(d).checked_add(3.months()).ok(),
            |d| format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        )
    }

    /// Its weeks in `tz`, Monday to Sunday, each cut to the period and named by its Monday ("2026-11-30").
    pub fn weeks(&self, tz: &TimeZone) -> Vec<Bucket> {
        let monday = |d: Date| {
            let back = i64::from(d.weekday().to_monday_zero_offset());
            d.checked_sub(back.days()).unwrap_or(d)
        };
        self.buckets(
            tz,
            monday,
            move |d| monday(d).checked_add(7.days()).ok(),
            move |d| monday(d).to_string(),
        )
    }

    fn buckets(
        &self,
        tz: &TimeZone,
        start: impl Fn(Date) -> Date,
        next: impl Fn(Date) -> Option<Date>,
        label: impl Fn(Date) -> String,
    ) -> Vec<Bucket> {
        let end = self.to.tomorrow().unwrap_or(self.to);
        let mut out = Vec::new();
        let mut day = self.from;
        while day < end {
            let following = next(start(day)).unwrap_or(end).min(end);
            out.push(Bucket {
                label: label(day),
                start: midnight(day, tz),
                end: midnight(following, tz),
            });
            day = following;
        }
        out
    }
}

/// Local midnight (or the first instant of the day, where a change of clocks skips midnight).
fn midnight(d: Date, tz: &TimeZone) -> Timestamp {
    d.to_datetime(jiff::civil::Time::midnight())
        .to_zoned_datetime(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or_else(|_| Timestamp::UNIX_EPOCH)
}

/// A stretch of time a figure is counted over: `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub label: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// Which bucket an instant falls in, if any.
pub fn bucket_of(buckets: &[Bucket], t: Timestamp) -> Option<usize> {
    let i = buckets.partition_point(|b| b.end <= t);
    buckets.get(i).filter(|b| b.start <= t).map(|_| i)
}

/// Durations in whole minutes (rounded up: 30 seconds is 1 minute, 0 is 0), counted per minute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Minutes(pub BTreeMap<i64, u64>);

impl Minutes {
    pub fn add(&mut self, minutes: i64, count: u64) {
        *self.0.entry(minutes.max(0)).or_default() += count;
    }
    pub fn merge(&mut self, other: &Minutes) {
        for (m, n) in &other.0 {
            self.add(*m, *n);
        }
    }
    pub fn count(&self) -> u64 {
        self.0.values().sum()
    }
    /// The nearest-rank percentile (`p` in (0, 1]): the smallest value with at least `p` of all at or below it.
    pub fn percentile(&self, p: f64) -> Option<i64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
        let mut seen = 0;
        for (m, c) in &self.0 {
            seen += c;
            if seen >= rank {
                return Some(*m);
            }
        }
        self.0.keys().next_back().copied()
    }
}

/// The median of amounts (nearest rank, the lower middle for an even count), or None for none.
pub fn median(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    sorted.get((sorted.len() - 1) / 2).copied()
}

/// Small-cell suppression of a table of counts shown with its row totals, column totals and grand total.
///
/// Returns, for the table extended by a total column (last) and a total row (last), which cells are hidden. Every
/// count from 1 to `below - 1` is hidden (0 is shown: nobody is in it); then, until nothing changes, every row and
/// column (totals included) with exactly one hidden cell hides one more, the smallest shown count above zero in it
/// (a cell of the table before a total, and zero only when nothing else is left), so no hidden cell can be worked
/// out by subtracting the shown cells from a total.
pub fn suppress(cells: &[Vec<u64>], below: u64) -> Vec<Vec<bool>> {
    let rows = cells.len();
    let cols = cells.first().map_or(0, Vec::len);
    // The extended table: each row with its total, then the totals' row.
    let mut t: Vec<Vec<u64>> = cells
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.resize(cols, 0);
            r.push(r.iter().sum());
            r
        })
        .collect();
    let totals: Vec<u64> = (0..=cols).map(|c| t.iter().map(|r| r[c]).sum()).collect();
    t.push(totals);
    let small = |n: u64| n > 0 && n < below;
    let mut hidden: Vec<Vec<bool>> = t
        .iter()
        .map(|r| r.iter().map(|n| small(*n)).collect())
        .collect();
    // Each line is the cells of a row or a column of the extended table, its total last.
    let mut lines: Vec<Vec<(usize, usize)>> = (0..=rows)
        .map(|r| (0..=cols).map(|c| (r, c)).collect())
        .collect();
    lines.extend((0..=cols).map(|c| (0..=rows).map(|r| (r, c)).collect::<Vec<_>>()));
    loop {
        let mut changed = false;
        for line in &lines {
            if line.iter().filter(|(r, c)| hidden[*r][*c]).count() != 1 {
                continue;
            }
            let total = *line.last().unwrap_or(&(0, 0));
            let pick = line
                .iter()
                .filter(|(r, c)| !hidden[*r][*c])
                .min_by_key(|(r, c)| (t[*r][*c] == 0, (*r, *c) == total, t[*r][*c]))
                .copied();
            if let Some((r, c)) = pick {
                hidden[r][c] = true;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_names_each_wrong_field() {
        let today = d("2026-12-05");
        let p = Period::parse(Some("2026-01-01"), Some("2026-12-05"), today).unwrap();
        assert_eq!(p.days(), 339);
        let e = Period::parse(Some("2026-12-06"), Some("2026-12-05"), today).unwrap_err();
        assert_eq!(e.0.get("from").map(String::as_str), Some("after_to"));
        let e = Period::parse(Some("2020-01-01"), Some("2026-12-05"), today).unwrap_err();
        assert_eq!(e.0.get("to").map(String::as_str), Some("period_too_long"));
        let e = Period::parse(Some("nope"), Some("2026-13-01"), today).unwrap_err();
        assert_eq!(e.0.len(), 2);
        // Five whole years ending today are allowed (a leap day among them).
        assert!(Period::parse(Some("2021-12-06"), Some("2026-12-05"), today).is_ok());
        // Nothing given: the twelve months to today, this unfinished one included.
        let p = Period::parse(None, None, today).unwrap();
        assert_eq!((p.from, p.to), (d("2026-01-01"), today));
    }

    #[test]
    fn months_follow_the_team_clock_across_daylight_saving() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let p = Period {
            from: d("2026-10-15"),
            to: d("2026-12-05"),
        };
        let m = p.months(&tz);
        let labels: Vec<&str> = m.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["2026-10", "2026-11", "2026-12"]);
        // Midnight in New York: 04:00 UTC in October (EDT), 05:00 UTC from November (EST).
        assert_eq!(m[0].start.to_string(), "2026-10-15T04:00:00Z");
        assert_eq!(m[1].start.to_string(), "2026-11-01T04:00:00Z");
        assert_eq!(m[2].start.to_string(), "2026-12-01T05:00:00Z");
        assert_eq!(m[2].end.to_string(), "2026-12-06T05:00:00Z");
        // 23:30 local on 31 October is October's; 00:30 local on 1 November is November's.
        let late: Timestamp = "2026-11-01T03:30:00Z".parse().unwrap();
        let early: Timestamp = "2026-11-01T04:30:00Z".parse().unwrap();
        assert_eq!(bucket_of(&m, late), Some(0));
        assert_eq!(bucket_of(&m, early), Some(1));
        assert_eq!(bucket_of(&m, "2026-12-06T05:00:00Z".parse().unwrap()), None);
        let q: Vec<String> = Period {
            from: d("2026-02-10"),
            to: d("2026-07-01"),
        }
        .quarters(&tz)
        .into_iter()
        .map(|b| b.label)
        .collect();
        assert_eq!(q, ["2026-Q1", "2026-Q2", "2026-Q3"]);
    }

    #[test]
    fn weeks_are_named_by_their_monday_and_cut_to_the_period() {
        let tz = TimeZone::get("America/New_York").unwrap();
        // Wednesday 28 October to Wednesday 11 November 2026: clocks change on Sunday 1 November.
        let p = Period {
            from: d("2026-10-28"),
            to: d("2026-11-11"),
        };
        let w = p.weeks(&tz);
        let labels: Vec<&str> = w.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["2026-10-26", "2026-11-02", "2026-11-09"]);
        assert_eq!(w[0].start.to_string(), "2026-10-28T04:00:00Z");
        assert_eq!(w[0].end.to_string(), "2026-11-02T05:00:00Z");
        assert_eq!(w[2].end.to_string(), "2026-11-12T05:00:00Z");
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut m = Minutes::default();
        for v in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] {
            m.add(v, 1);
        }
        assert_eq!(m.percentile(0.5), Some(5));
        assert_eq!(m.percentile(0.9), Some(9));
        assert_eq!(Minutes::default().percentile(0.5), None);
        assert_eq!(median(&[100, 250, 4000]), Some(250));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn a_lone_small_cell_takes_a_partner_in_its_row_and_column() {
        // 3 is small; without more, 3 = row total 23 - 20.
        let h = suppress(&[vec![20, 3], vec![40, 50]], 11);
        assert!(h[0][1]);
        // Its row hides 20 with it, its column 50, and so the second row and first column hide one more each.
        assert!(h[0][0] && h[1][1] && h[1][0]);
        // The totals stay shown.
        assert!(!h[0][2] && !h[2][0] && !h[2][2]);
    }

    proptest! {
        #[test]
        fn no_hidden_cell_can_be_worked_out_by_subtraction(
            table in prop::collection::vec(prop::collection::vec(0u64..40, 1..6), 1..8),
            below in 2u64..15,
        ) {
            let cols = table[0].len();
            let table: Vec<Vec<u64>> = table.into_iter().map(|mut r| { r.resize(cols, 0); r }).collect();
            let h = suppress(&table, below);
            let rows = table.len();
            // Every small count is hidden, with the totals that are small.
            for (r, row) in table.iter().enumerate() {
                for (c, n) in row.iter().enumerate() {
                    if *n > 0 && *n < below { prop_assert!(h[r][c]); }
                }
            }
            // No row or column of the table with its totals has exactly one hidden cell.
            prop_assert_eq!(h.len(), rows + 1);
            for line in &h {
                prop_assert_ne!(line.iter().filter(|x| **x).count(), 1);
            }
            for c in 0..=cols {
                prop_assert_ne!(h.iter().filter(|line| line[c]).count(), 1);
            }
        }
    }
}
