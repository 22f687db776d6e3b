//! Safe contact, enforced: whether now is a safe time to contact a person, by the times they gave (days and times
//! in the team's time zone, or any time), and when it next is. Every outbound contact asks at that moment: the
//! pages say "not a safe time to contact", and a text waits in the outbox until the time opens.

use super::*;
use crate::config::Hours;

/// Whether it is a safe time to contact a person now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SafeNow {
    /// Now is inside their times, or they gave none (any time).
    pub now: bool,
    /// When it is next safe, if not now.
    pub opens: Option<Timestamp>,
    /// The same, as the team's local date and time (pages word it in their language).
    pub opens_local: Option<jiff::civil::DateTime>,
}

impl App {
    /// Whether now is a safe time to contact the person, by `safe.hours`. Words that are not days and times (a
    /// record from before times were structured) are not enforced: the pages show them for the team to read.
    pub fn safe_now(&self, safe: &SafeContact) -> SafeNow {
        let any = SafeNow {
            now: true,
            ..SafeNow::default()
        };
        let Some(spec) = safe.hours.as_deref().filter(|h| !h.trim().is_empty()) else {
            return any;
        };
        if heart_domain::time::parse_week(spec).is_err() {
            return any;
        }
        let Ok(hours) = Hours::parse_short(spec, &self.config.hours.timezone) else {
            return any;
        };
        let now = self.clock.now();
        let windows = hours.intervals(now);
        if windows.iter().any(|(s, e)| *s <= now && now < *e) {
            return any;
        }
        let opens = windows.iter().map(|(s, _)| *s).find(|s| *s > now);
        let tz =
            jiff::tz::TimeZone::get(&self.config.hours.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
        SafeNow {
            now: false,
            opens,
            opens_local: opens.map(|t| t.to_zoned_datetime(tz.clone()).datetime()),
        }
    }
}
