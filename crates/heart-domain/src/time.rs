//! Time: instants are `jiff::Timestamp`; the clock is a port so tests can fix it.

pub use jiff::Timestamp;
use std::sync::Mutex;

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to (tests).
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    pub fn new(at: Timestamp) -> Self {
        Self(Mutex::new(at))
    }
    pub fn advance(&self, by: jiff::SignedDuration) {
        if let Ok(mut t) = self.0.lock() {
            *t = t.checked_add(by).unwrap_or(*t);
        }
    }
    pub fn set(&self, at: Timestamp) {
        if let Ok(mut t) = self.0.lock() {
            *t = at;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
            .lock()
            .map(|t| *t)
            .unwrap_or_else(|_| Timestamp::UNIX_EPOCH)
    }
}

/// Unix microseconds, the storage form of an instant on SQLite.
pub fn to_micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

/// Back from unix microseconds; out-of-range values clamp to the epoch rather than panic.
pub fn from_micros(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// "3 min", "2 h 5 min", "1 d 4 h": a short, plain age.
pub fn short_duration(seconds: i64) -> (i64, i64, i64) {
    let s = seconds.max(0);
    (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60)
}

/// The days of the week as safe-contact times and opening hours write them, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One part of safe-contact times: the days (0 = Monday) and the times between which it is safe, "HH:MM" each in
/// the team's time zone (an end at or before the start runs past midnight).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekWindow {
    pub days: Vec<usize>,
    pub from: String,
    pub to: String,
}

/// Safe-contact times written short: parts separated by `;`, each days then times, e.g. `mon-fri 18:00-21:00;
/// sat,sun 10:00-20:00` (days as a forward range or a comma list, any case; times as HH:MM). Strict: no empty
/// part, no other words. The team's opening hours read a looser form of the same (`Hours::parse_short`).
pub fn parse_week(spec: &str) -> Result<Vec<WeekWindow>, &'static str> {
    let day = |d: &str| WEEKDAYS.iter().position(|x| x.eq_ignore_ascii_case(d));
    let hhmm = |t: &str| -> Result<String, &'static str> {
        let b = t.as_bytes();
        let ok = b.len() == 5
            && b[2] == b':'
            && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
            && (b[0] - b'0') * 10 + (b[1] - b'0') < 24
            && b[3] < b'6';
        if ok { Ok(t.to_string()) } else { Err("times") }
    };
    let mut out = Vec::new();
    for part in spec.trim().split(';').map(str::trim) {
        let (which, times) = part.split_once(' ').ok_or("days then times")?;
        let (from, to) = times.trim().split_once('-').ok_or("times")?;
        let mut days = Vec::new();
        for d in which.split(',') {
            match d.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (day(a).ok_or("days")?, day(b).ok_or("days")?);
                    if a > b {
                        return Err("days");
                    }
                    days.extend(a..=b);
                }
                None => days.push(day(d).ok_or("days")?),
            }
        }
        out.push(WeekWindow {
            days,
            from: hhmm(from.trim())?,
            to: hhmm(to.trim())?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod week_tests {
    use super::*;

    #[test]
    fn safe_times_are_days_then_times() {
        let w = parse_week("mon-fri 18:00-21:00; SAT,sun 10:00 - 02:30").unwrap();
        assert_eq!(w[0].days, vec![0, 1, 2, 3, 4]);
        assert_eq!((w[0].from.as_str(), w[0].to.as_str()), ("18:00", "21:00"));
        assert_eq!(w[1].days, vec![5, 6]);
        assert_eq!(w[1].to, "02:30");
        for bad in [
            "",
            "weekdays after 6pm",
            "fri-mon 09:00-10:00",
            "mon 9:00-10:00",
            "mon 24:00-10:00",
            "mon 09:60-10:00",
            "mon 09:00",
            "mon 09:00-10:00;",
            "mon, tue 09:00-10:00",
        ] {
            assert!(parse_week(bad).is_err(), "{bad:?}");
        }
    }
}
