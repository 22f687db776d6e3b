//! Training records: what each person on the team trained in, when, and until when it holds. Care for the people
//! who do the work, never a score: a training expiring soon is a reminder to the person and to a coordinator.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::intake::FieldErrors;

/// The kinds of training recorded.
pub const KINDS: [&str; 7] = [
    "first_aid",
    "naloxone",
    "de_escalation",
    "peer_support",
    "mandated_reporting",
    "driving",
    "other",
];

/// A training expiring within this many days is shown as expiring soon.
pub const EXPIRING_DAYS: i64 = 30;

/// A training as sent (`POST /api/v1/trainings`, the trainings page).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = TrainingBody))]
#[serde(deny_unknown_fields)]
pub struct TrainingInput {
    /// The username of the person trained.
    pub user: Option<String>,
    /// first_aid, naloxone, de_escalation, peer_support, mandated_reporting, driving or other.
    pub kind: Option<String>,
    /// YYYY-MM-DD, the day of the training (not in the future).
    pub date: Option<String>,
    /// YYYY-MM-DD, the day it stops holding (after `date`; none: it does not expire).
    pub expires: Option<String>,
}

/// A training, checked (the person is the app's to find).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedTraining {
    pub kind: &'static str,
    pub date: Date,
    pub expires: Option<Date>,
}

impl TrainingInput {
    /// Checks the kind and the dates; every wrong field is named at once.
    pub fn check(&self, today: Date) -> Result<CheckedTraining, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = match self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            None => {
                e.add("kind", "required");
                "other"
            }
            Some(k) => KINDS.iter().copied().find(|x| *x == k).unwrap_or_else(|| {
                e.add("kind", "unknown");
                "other"
            }),
        };
        let mut day = |field: &str, v: Option<&str>, required: bool| -> Option<Date> {
            match v.map(str::trim).filter(|v| !v.is_empty()) {
                None => {
                    if required {
                        e.add(field, "required");
                    }
                    None
                }
                Some(v) => v.parse::<Date>().ok().or_else(|| {
                    e.add(field, "invalid_date");
                    None
                }),
            }
        };
        let date = day("date", self.date.as_deref(), true);
        let expires = day("expires", self.expires.as_deref(), false);
        if let Some(d) = date
            && d > today
        {
            e.add("date", "in_future");
        }
        if let (Some(d), Some(x)) = (date, expires)
            && x <= d
        {
            e.add("expires", "before_start");
        }
        match date {
            Some(date) if e.is_empty() => Ok(CheckedTraining {
                kind,
                date,
                expires,
            }),
            _ => Err(e),
        }
    }
}

/// Whether a training that stops holding on `expires` has lapsed, or lapses within `EXPIRING_DAYS` of `today`.
pub fn standing(expires: Option<Date>, today: Date) -> &'static str {
    match expires {
        None => "current",
        Some(x) if x <= today => "expired",
        Some(x) if (x - today).get_days() as i64 <= EXPIRING_DAYS => "expiring",
        Some(_) => "current",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_training_needs_a_kind_and_a_past_day() {
        let t = TrainingInput {
            kind: Some("naloxone".into()),
            date: Some("2026-03-01".into()),
            expires: Some("2027-03-01".into()),
            ..TrainingInput::default()
        }
        .check(d("2026-12-05"))
        .unwrap();
        assert_eq!(t.kind, "naloxone");
        let e = TrainingInput {
            date: Some("2026-12-06".into()),
            expires: Some("2026-12-01".into()),
            ..TrainingInput::default()
        }
        .check(d("2026-12-05"))
        .unwrap_err();
        assert_eq!(e.0["kind"], "required");
        assert_eq!(e.0["date"], "in_future");
        assert_eq!(e.0["expires"], "before_start");
    }

    #[test]
    fn standing_counts_thirty_days() {
        let today = d("2026-12-05");
        assert_eq!(standing(None, today), "current");
        assert_eq!(standing(Some(d("2026-12-05")), today), "expired");
        assert_eq!(standing(Some(d("2027-01-04")), today), "expiring");
        assert_eq!(standing(Some(d("2027-01-05")), today), "current");
    }
}
