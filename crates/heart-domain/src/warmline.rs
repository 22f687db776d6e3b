//! The warmline: a call or a text that needs no request (someone wanted to talk, or asked for a number), logged in
//! three fields (how many minutes, what it was about, what was offered) and counted in the numbers. It holds nothing
//! personal: no name, no number, no words.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::intake::FieldErrors;

/// What a contact was about: one of a short list.
pub const ABOUT: [&str; 10] = [
    "wanted_to_talk",
    "loneliness",
    "mental_health",
    "substance_use",
    "housing",
    "food",
    "money",
    "safety",
    "asked_for_a_number",
    "other",
];

/// What was offered: any of a short list (at least one).
pub const OFFERED: [&str; 7] = [
    "listened",
    "information",
    "a_number_to_call",
    "referral",
    "mutual_aid_information",
    "a_call_back",
    "crisis_line",
];

/// The ways a warmline contact comes in.
pub const CHANNELS: [&str; 2] = ["phone", "sms"];

/// The longest contact logged, in minutes.
pub const MAX_MINUTES: i64 = 600;
/// A contact may be logged up to this many days after it happened.
pub const OLDEST_DAYS: i64 = 30;

/// A warmline contact as sent (`POST /api/v1/warmline`, the warmline page).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = WarmlineBody))]
#[serde(deny_unknown_fields)]
pub struct WarmlineInput {
    /// Whole minutes, 0 to 600.
    #[serde(default, deserialize_with = "crate::whole::opt")]
    pub minutes: Option<i64>,
    /// One of: wanted_to_talk, loneliness, mental_health, substance_use, housing, food, money, safety,
    /// asked_for_a_number, other.
    pub about: Option<String>,
    /// Any of: listened, information, a_number_to_call, referral, mutual_aid_information, a_call_back,
    /// crisis_line (at least one).
    #[serde(default)]
    pub offered: Vec<String>,
    /// phone (the default) or sms.
    pub channel: Option<String>,
    /// When it happened (RFC 3339; default now; at most 30 days back).
    pub at: Option<String>,
}

/// A warmline contact, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub at: Timestamp,
    pub channel: &'static str,
    pub minutes: i64,
    pub about: &'static str,
    /// In the order of `OFFERED`, each once.
    pub offered: Vec<&'static str>,
}

fn one_of(list: &[&'static str], v: &str) -> Option<&'static str> {
    list.iter().copied().find(|x| *x == v)
}

impl WarmlineInput {
    /// Checks every field; every wrong one is named at once.
    pub fn check(&self, now: Timestamp) -> Result<Contact, FieldErrors> {
        let mut e = FieldErrors::default();
        let minutes = match self.minutes {
            None => {
                e.add("minutes", "required");
                0
            }
            Some(m) if !(0..=MAX_MINUTES).contains(&m) => {
                e.add("minutes", "out_of_range");
                0
            }
            Some(m) => m,
        };
        let about = match self
            .about
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            None => {
                e.add("about", "required");
                "other"
            }
            Some(a) => one_of(&ABOUT, a).unwrap_or_else(|| {
                e.add("about", "unknown");
                "other"
            }),
        };
        if self.offered.is_empty() {
            e.add("offered", "required");
        }
        for (i, o) in self.offered.iter().enumerate() {
            if one_of(&OFFERED, o.trim()).is_none() {
                e.add(&format!("offered.{i}"), "unknown");
            }
        }
        let offered: Vec<&'static str> = OFFERED
            .iter()
            .copied()
            .filter(|o| self.offered.iter().any(|x| x.trim() == *o))
            .collect();
        let channel = match self
            .channel
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            None => "phone",
            Some(c) => one_of(&CHANNELS, c).unwrap_or_else(|| {
                e.add("channel", "unknown");
                "phone"
            }),
        };
        let at = match self.at.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            None => now,
            Some(a) => match a.parse::<Timestamp>() {
                Err(_) => {
                    e.add("at", "invalid");
                    now
                }
                Ok(t) => {
                    let oldest = now - jiff::SignedDuration::from_hours(24 * OLDEST_DAYS);
                    if t < oldest || t > now + jiff::SignedDuration::from_mins(15) {
                        e.add("at", "out_of_range");
                    }
                    t
                }
            },
        };
        e.into_result(Contact {
            at,
            channel,
            minutes,
            about,
            offered,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-12-05T20:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_contact_is_three_fields() {
        let c = WarmlineInput {
            minutes: Some(12),
            about: Some("loneliness".into()),
            offered: vec![
                "a_number_to_call".into(),
                "listened".into(),
                "listened".into(),
            ],
            ..WarmlineInput::default()
        }
        .check(now())
        .unwrap();
        assert_eq!(c.channel, "phone");
        assert_eq!(c.at, now());
        assert_eq!(c.offered, vec!["listened", "a_number_to_call"]);
    }

    #[test]
    fn every_wrong_field_is_named() {
        let e = WarmlineInput {
            minutes: Some(601),
            about: Some("gossip".into()),
            offered: vec!["listened".into(), "advice".into()],
            channel: Some("fax".into()),
            at: Some("2026-10-01T00:00:00Z".into()),
        }
        .check(now())
        .unwrap_err();
        assert_eq!(e.0["minutes"], "out_of_range");
        assert_eq!(e.0["about"], "unknown");
        assert_eq!(e.0["offered.1"], "unknown");
        assert_eq!(e.0["channel"], "unknown");
        assert_eq!(e.0["at"], "out_of_range");
        let e = WarmlineInput::default().check(now()).unwrap_err();
        assert_eq!(e.0["minutes"], "required");
        assert_eq!(e.0["about"], "required");
        assert_eq!(e.0["offered"], "required");
    }
}
