//! The rota: a team's weekly pattern, the slots (shifts) it makes ahead, and the rules for taking a place in a slot:
//! signing up, withdrawing, offering a place for a swap and taking an offered place.

use crate::ids::UserId;
use crate::time::{Timestamp, WeekWindow, parse_week};
use jiff::tz::TimeZone;

/// Slots are made this many days ahead of today (four weeks).
pub const DAYS_AHEAD: i64 = 28;
/// A field team never goes out with fewer than two people.
pub const MIN_NEEDED: i64 = 2;
/// The most people one slot may ask for.
pub const MAX_NEEDED: i64 = 20;
/// What a slot asks for unless the team says otherwise.
pub const DEFAULT_NEEDED: i64 = 2;

/// A team's weekly pattern in the safe-times grammar ("tue,thu 10:00-16:00; sat 12:00-18:00", in the team's time
/// zone). Each part ends after it starts on the same day: a part whose end is at or before its start is refused
/// (`end_before_start`), anything else that does not read is `pattern`.
pub fn parse_pattern(spec: &str) -> Result<Vec<WeekWindow>, &'static str> {
    let windows = parse_week(spec).map_err(|_| "pattern")?;
    if windows.iter().any(|w| w.to <= w.from) {
        return Err("end_before_start");
    }
    Ok(windows)
}

/// How many people a slot needs: whole, from two (a field team never goes alone) to twenty.
pub fn check_needed(n: i64) -> Result<i64, &'static str> {
    if (MIN_NEEDED..=MAX_NEEDED).contains(&n) {
        Ok(n)
    } else {
        Err("out_of_range")
    }
}

/// The slots a pattern makes on `days` days from `first` (local dates in `tz`), as instants, earliest first. Days
/// and times are the team's wall clock, so a shift keeps its local hours across a change to or from daylight saving
/// (a time the clock skips counts as the moment after it; a time it repeats, as the first).
pub fn slots(
    windows: &[WeekWindow],
    tz: &TimeZone,
    first: jiff::civil::Date,
    days: i64,
) -> Vec<(Timestamp, Timestamp)> {
    let at = |date: jiff::civil::Date, hhmm: &str| -> Option<Timestamp> {
        let time: jiff::civil::Time = hhmm.parse().ok()?;
        tz.to_ambiguous_zoned_datetime(date.to_datetime(time))
            .compatible()
            .ok()
            .map(|z| z.timestamp())
    };
    let mut out = Vec::new();
    for offset in 0..days.max(0) {
        let Ok(date) = first.checked_add(jiff::Span::new().days(offset)) else {
            break;
        };
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        for w in windows.iter().filter(|w| w.days.contains(&weekday)) {
            if let (Some(s), Some(e)) = (at(date, &w.from), at(date, &w.to))
                && e > s
            {
                out.push((s, e));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// One person's place in a slot; `offered`: they offered it for a swap and nobody has taken it yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub user: UserId,
    pub offered: bool,
}

/// A slot and who has a place in it, as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub needed: i64,
    pub places: Vec<Place>,
}

/// What someone does with a place in a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Takes a free place (themselves, or a coordinator placing them).
    Join(UserId),
    /// Gives up their place.
    Leave(UserId),
    /// Offers their place for a swap (they keep it until someone takes it).
    Offer(UserId),
    /// Takes back an offer nobody took.
    KeepPlace(UserId),
    /// `to` takes the place `from` offered.
    Take { from: UserId, to: UserId },
}

impl Slot {
    /// Places nobody has taken yet (never below zero).
    pub fn free(&self) -> i64 {
        (self.needed - self.places.len() as i64).max(0)
    }

    /// Short of people: fewer places taken than needed.
    pub fn short(&self) -> bool {
        self.free() > 0
    }

    pub fn has(&self, user: UserId) -> bool {
        self.places.iter().any(|p| p.user == user)
    }

    /// The slot after `m` at `now`, or the field error's code: `past` (the slot has ended), `full`, `already` (in
    /// it already), `not_signed_up`, `not_offered` (nobody offered that place), `self` (a swap with oneself).
    pub fn after(&self, m: Move, now: Timestamp) -> Result<Slot, &'static str> {
        if self.ends_at <= now {
            return Err("past");
        }
        let mut next = self.clone();
        let mine = |s: &mut Slot, u: UserId| -> Result<usize, &'static str> {
            s.places
                .iter()
                .position(|p| p.user == u)
                .ok_or("not_signed_up")
        };
        match m {
            Move::Join(u) => {
                if self.has(u) {
                    return Err("already");
                }
                if !self.short() {
                    return Err("full");
                }
                next.places.push(Place {
                    user: u,
                    offered: false,
                });
            }
            Move::Leave(u) => {
                let i = mine(&mut next, u)?;
                next.places.remove(i);
            }
            Move::Offer(u) | Move::KeepPlace(u) => {
                let i = mine(&mut next, u)?;
                next.places[i].offered = matches!(m, Move::Offer(_));
            }
            Move::Take { from, to } => {
                if from == to {
                    return Err("self");
                }
                if self.has(to) {
                    return Err("already");
                }
                let i = mine(&mut next, from)?;
                if !next.places[i].offered {
                    return Err("not_offered");
                }
                next.places[i] = Place {
                    user: to,
                    offered: false,
                };
            }
        }
        Ok(next)
    }
}

/// Why a coordinator placed someone past their hours or rest (kept in the audit entry as the code).
pub const PAST_LIMIT_REASONS: [&str; 4] = [
    "they_asked",
    "short_staffed",
    "covering_for_someone",
    "other",
];

/// What a place in a shift would come to against the team's limits: the person's minutes on the rota in the week
/// (Monday to Monday, the team's time) of the shift's start, this shift included, and the shortest rest between
/// this shift and another of theirs (none: no other shift near).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strain {
    pub week_minutes: i64,
    pub rest_minutes: Option<i64>,
    pub past_hours: bool,
    pub past_rest: bool,
}

impl Strain {
    pub fn past(&self) -> bool {
        self.past_hours || self.past_rest
    }
    /// The field error's code: `past_hours` first, then `past_rest`.
    pub fn code(&self) -> Option<&'static str> {
        if self.past_hours {
            Some("past_hours")
        } else if self.past_rest {
            Some("past_rest")
        } else {
            None
        }
    }
}

/// The Monday 00:00 (team time) that begins the week of `at`, and the next one.
pub fn week_of(at: Timestamp, tz: &TimeZone) -> (Timestamp, Timestamp) {
    let day = at.to_zoned_datetime(tz.clone()).date();
    let monday = day
        .checked_sub(jiff::Span::new().days(day.weekday().to_monday_zero_offset()))
        .unwrap_or(day);
    let start = |d: jiff::civil::Date| {
        tz.to_ambiguous_zoned_datetime(d.to_datetime(jiff::civil::Time::midnight()))
            .compatible()
            .map(|z| z.timestamp())
            .unwrap_or(at)
    };
    let next = monday
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or(monday);
    (start(monday), start(next))
}

/// The whole minutes of a shift that fall within a week (0 when none do).
pub fn minutes_within(shift: (Timestamp, Timestamp), week: (Timestamp, Timestamp)) -> i64 {
    let from = shift.0.max(week.0);
    let to = shift.1.min(week.1);
    ((to.as_second() - from.as_second()) / 60).max(0)
}

/// The strain of a shift `new` for a person who already has `others` (their other shifts near it), against at most
/// `week_hours` in the week of its start and at least `rest_hours` between two shifts. Shifts that overlap have no
/// rest between them.
pub fn strain(
    others: &[(Timestamp, Timestamp)],
    new: (Timestamp, Timestamp),
    week: (Timestamp, Timestamp),
    week_hours: i64,
    rest_hours: i64,
) -> Strain {
    let minutes_in_week = |shift| minutes_within(shift, week);
    let week_minutes =
        minutes_in_week(new) + others.iter().map(|o| minutes_in_week(*o)).sum::<i64>();
    let rest_minutes = others
        .iter()
        .map(|(s, e)| {
            let gap = if *s >= new.1 {
                s.as_second() - new.1.as_second()
            } else if new.0 >= *e {
                new.0.as_second() - e.as_second()
            } else {
                0
            };
            gap / 60
        })
        .min();
    Strain {
        week_minutes,
        rest_minutes,
        past_hours: week_minutes > week_hours * 60,
        past_rest: rest_minutes.is_some_and(|r| r < rest_hours * 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_pattern_reads_and_refuses_an_end_before_its_start() {
        let w = parse_pattern("tue,thu 10:00-16:00").unwrap();
        assert_eq!(w[0].days, vec![1, 3]);
        assert_eq!(parse_pattern("mon 16:00-10:00"), Err("end_before_start"));
        assert_eq!(parse_pattern("mon 10:00-10:00"), Err("end_before_start"));
        assert_eq!(parse_pattern("someday 10:00-11:00"), Err("pattern"));
        assert_eq!(parse_pattern(""), Err("pattern"));
        assert_eq!(check_needed(1), Err("out_of_range"));
        assert_eq!(check_needed(2), Ok(2));
        assert_eq!(check_needed(21), Err("out_of_range"));
    }

    #[test]
    fn slots_keep_their_local_hours_across_daylight_saving() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let w = parse_pattern("sun 10:00-16:00; sat 01:30-03:30").unwrap();
        // 2026-03-07 is a Saturday; the clocks go forward at 02:00 on Sunday 2026-03-08.
        let s = slots(&w, &tz, "2026-03-07".parse().unwrap(), 9);
        assert_eq!(
            s[0],
            (ts("2026-03-07T06:30:00Z"), ts("2026-03-07T08:30:00Z")),
            "Saturday before the change: five hours behind UTC"
        );
        assert_eq!(
            s[1],
            (ts("2026-03-08T14:00:00Z"), ts("2026-03-08T20:00:00Z")),
            "Sunday after the change: four hours behind, still 10:00 to 16:00 on the wall"
        );
        assert_eq!(s.len(), 4, "two Saturdays and two Sundays in nine days");
        // In the autumn the same wall times are an hour later in UTC again.
        let s = slots(&w, &tz, "2026-11-01".parse().unwrap(), 1);
        assert_eq!(
            s,
            vec![(ts("2026-11-01T15:00:00Z"), ts("2026-11-01T21:00:00Z"))]
        );
    }

    #[test]
    fn places_are_taken_given_up_and_swapped() {
        let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
        let now = ts("2026-12-01T12:00:00Z");
        let slot = Slot {
            starts_at: ts("2026-12-02T15:00:00Z"),
            ends_at: ts("2026-12-02T21:00:00Z"),
            needed: 2,
            places: Vec::new(),
        };
        let s = slot.after(Move::Join(a), now).unwrap();
        assert_eq!(s.after(Move::Join(a), now), Err("already"));
        let s = s.after(Move::Join(b), now).unwrap();
        assert!(!s.short());
        assert_eq!(s.after(Move::Join(c), now), Err("full"));
        assert_eq!(
            s.after(Move::Take { from: a, to: c }, now),
            Err("not_offered")
        );
        let s = s.after(Move::Offer(a), now).unwrap();
        assert_eq!(s.after(Move::Take { from: a, to: a }, now), Err("self"));
        assert_eq!(s.after(Move::Take { from: a, to: b }, now), Err("already"));
        let s = s.after(Move::Take { from: a, to: c }, now).unwrap();
        assert!(s.has(c) && !s.has(a) && s.places.iter().all(|p| !p.offered));
        assert_eq!(s.after(Move::Leave(a), now), Err("not_signed_up"));
        let later = ts("2026-12-03T00:00:00Z");
        assert_eq!(s.after(Move::Leave(c), later), Err("past"));
    }

    fn moves() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
        proptest::collection::vec((0u8..5, 0usize..4, 0usize..4), 0..40)
    }

    proptest! {
        /// Whatever people do, a slot never holds more people than it needs, nobody twice, and a refused move
        /// changes nothing.
        #[test]
        fn a_slot_never_overfills(steps in moves(), needed in 2i64..5) {
            let people: Vec<UserId> = (0..4).map(|_| UserId::new()).collect();
            let now = ts("2026-12-01T12:00:00Z");
            let mut slot = Slot {
                starts_at: ts("2026-12-02T15:00:00Z"),
                ends_at: ts("2026-12-02T21:00:00Z"),
                needed,
                places: Vec::new(),
            };
            for (kind, i, j) in steps {
                let (u, v) = (people[i], people[j]);
                let m = match kind {
                    0 => Move::Join(u),
                    1 => Move::Leave(u),
                    2 => Move::Offer(u),
                    3 => Move::KeepPlace(u),
                    _ => Move::Take { from: u, to: v },
                };
                let before = slot.clone();
                match slot.after(m, now) {
                    Ok(next) => slot = next,
                    Err(_) => prop_assert_eq!(&slot, &before),
                }
                prop_assert!(slot.places.len() as i64 <= needed);
                let mut users: Vec<_> = slot.places.iter().map(|p| p.user).collect();
                users.sort();
                users.dedup();
                prop_assert_eq!(users.len(), slot.places.len());
            }
        }
    }

    #[test]
    fn strain_counts_the_week_and_the_rest_between_shifts() {
        let t = |s: &str| -> Timestamp { s.parse().unwrap() };
        let tz = TimeZone::get("America/New_York").unwrap();
        // Thursday 3 December 2026; its week runs from Monday 30 November, 05:00 UTC.
        let week = week_of(t("2026-12-03T15:00:00Z"), &tz);
        assert_eq!(week.0, t("2026-11-30T05:00:00Z"));
        assert_eq!(week.1, t("2026-12-07T05:00:00Z"));
        let eight = |day: &str| {
            (
                t(&format!("{day}T13:00:00Z")),
                t(&format!("{day}T21:00:00Z")),
            )
        };
        let others = [eight("2026-11-30"), eight("2026-12-01")];
        let s = strain(&others, eight("2026-12-03"), week, 20, 10);
        assert_eq!(s.week_minutes, 24 * 60);
        assert!(s.past_hours && !s.past_rest);
        assert_eq!(s.code(), Some("past_hours"));
        assert_eq!(s.rest_minutes, Some(40 * 60));
        // A late shift then an early one: six hours between them.
        let late = (t("2026-12-02T22:00:00Z"), t("2026-12-03T03:00:00Z"));
        let early = (t("2026-12-03T09:00:00Z"), t("2026-12-03T13:00:00Z"));
        let s = strain(&[late], early, week, 20, 10);
        assert_eq!(
            (s.rest_minutes, s.past_rest, s.past_hours),
            (Some(360), true, false)
        );
        assert_eq!(s.code(), Some("past_rest"));
        // A shift of the week before counts only its part inside this week.
        let sunday_night = (t("2026-11-30T01:00:00Z"), t("2026-11-30T09:00:00Z"));
        let s = strain(&[sunday_night], eight("2026-12-04"), week, 20, 10);
        assert_eq!(s.week_minutes, 8 * 60 + 4 * 60);
        assert!(!s.past());
    }
}
