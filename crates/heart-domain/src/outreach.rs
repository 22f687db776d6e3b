//! Outreach: walks and events where the team meets people where they are, counted without names. A walk has a
//! place (a block or a named place, never finer), a start and an end, the people who went (two or more), and tallies:
//! people reached, conversations, items given by kind, referrals, naloxone given and used, and how many asked for a
//! team. A returning-person code is the pieces a person chose to give, as typed; only a keyed hash of it is kept
//! (by the app), so the same person met on two walks is counted once and nobody can read the code back.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::intake::FieldErrors;
use crate::text::Words;

/// More than this on one tally of one walk is a typing slip, not a walk.
pub const MAX_TALLY: i64 = 10_000;
/// At most this many requests opened from one walk ("asked for a team").
pub const MAX_ASKED: i64 = 20;
/// At most this many returning-person codes on one walk.
pub const MAX_CODES: usize = 2_000;
/// A walk or an event lasts at most this long.
pub const MAX_HOURS: i64 = 24;
/// A walk may be recorded for a past date, at most this long ago.
pub const OLDEST_DAYS: i64 = 366;
/// A kind of item is a short word: letters, digits, `_` and `-`.
const MAX_KIND: usize = 40;

/// A walk (two or more people go out) or an event (a table at a fair, a meal: one person may run it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutreachKind {
    Walk,
    Event,
}

impl OutreachKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutreachKind::Walk => "walk",
            OutreachKind::Event => "event",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "walk" => Some(OutreachKind::Walk),
            "event" => Some(OutreachKind::Event),
            _ => None,
        }
    }
}

/// What a walk counted. Every count from 0 to 10,000; missing counts are 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = OutreachTallies))]
#[serde(default, deny_unknown_fields)]
pub struct Tallies {
    #[serde(deserialize_with = "crate::whole::one")]
    pub people_reached: i64,
    #[serde(deserialize_with = "crate::whole::one")]
    pub conversations: i64,
    /// Items given, by kind (a kind the team set up: `water`, `socks`, `naloxone`...).
    #[serde(deserialize_with = "crate::whole::map")]
    pub items: BTreeMap<String, i64>,
    #[serde(deserialize_with = "crate::whole::one")]
    pub naloxone_given: i64,
    /// Naloxone used: an overdose reversed.
    #[serde(deserialize_with = "crate::whole::one")]
    pub naloxone_used: i64,
    #[serde(deserialize_with = "crate::whole::one")]
    pub referrals: i64,
    /// People who asked for a team: each opens a request in the usual queue, linked to the walk (at most 20).
    #[serde(deserialize_with = "crate::whole::one")]
    pub asked_for_team: i64,
}

/// A walk or an event as sent (`POST /api/v1/outreach`, the tally page).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = OutreachBody))]
#[serde(deny_unknown_fields)]
pub struct OutreachInput {
    /// `walk` (the default) or `event`.
    pub kind: Option<String>,
    /// A block or a named place ("Central Square", "Mass Ave and Prospect St"); a street address is kept as its
    /// block only.
    pub place: Option<String>,
    /// RFC 3339.
    pub started_at: Option<String>,
    /// RFC 3339, after `started_at`.
    pub ended_at: Option<String>,
    /// The team that went (its members on the walk), or `people`.
    pub team_id: Option<String>,
    /// The usernames of the people who went.
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub tallies: Tallies,
    /// Returning-person codes: for each person who agreed, the pieces they chose to give, as typed and joined.
    #[serde(default)]
    pub codes: Vec<String>,
}

/// A walk's input, checked (the place and the people are the app's to check: they need the map and the accounts).
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedOutreach {
    pub kind: OutreachKind,
    pub place: String,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub tallies: Tallies,
    /// Each code normalized (`normalize_code`), repeats on one walk counted once.
    pub codes: Vec<String>,
}

impl OutreachInput {
    /// Checks everything that needs nothing but the input and now; every wrong field is named at once. `kinds`:
    /// the kinds of items the team set up.
    pub fn check(&self, now: Timestamp, kinds: &[String]) -> Result<CheckedOutreach, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = match self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            None => OutreachKind::Walk,
            Some(k) => OutreachKind::parse(k).unwrap_or_else(|| {
                e.add("kind", "unknown");
                OutreachKind::Walk
            }),
        };
        let place = Words::up_to(200)
            .required()
            .plain()
            .check(&mut e, "place", self.place.as_deref())
            .unwrap_or_default();
        let mut time = |field: &str, v: &Option<String>| -> Option<Timestamp> {
            match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => {
                    e.add(field, "required");
                    None
                }
                Some(v) => v.parse::<Timestamp>().ok().or_else(|| {
                    e.add(field, "invalid");
                    None
                }),
            }
        };
        let started = time("started_at", &self.started_at);
        let ended = time("ended_at", &self.ended_at);
        if let (Some(s), Some(en)) = (started, ended) {
            let oldest = now - jiff::SignedDuration::from_hours(24 * OLDEST_DAYS);
            if en <= s {
                e.add("ended_at", "before_start");
            } else if en.duration_since(s) > jiff::SignedDuration::from_hours(MAX_HOURS) {
                e.add("ended_at", "too_long");
            }
            if s < oldest {
                e.add("started_at", "out_of_range");
            }
            // A walk is recorded at its end or after it; a phone's clock a few minutes fast is forgiven.
            if en > now + jiff::SignedDuration::from_mins(15) {
                e.add("ended_at", "in_future");
            }
        }
        check_tallies(&self.tallies, kinds, &mut e);
        let mut codes: Vec<String> = Vec::new();
        if self.codes.len() > MAX_CODES {
            e.add("codes", "out_of_range");
        }
        for (i, c) in self.codes.iter().enumerate() {
            match normalize_code(c) {
                Some(n) => codes.push(n),
                None => e.add(&format!("codes.{i}"), "invalid"),
            }
        }
        codes.sort();
        codes.dedup();
        let (Some(started_at), Some(ended_at)) = (started, ended) else {
            return Err(e);
        };
        e.into_result(CheckedOutreach {
            kind,
            place,
            started_at,
            ended_at,
            tallies: self.tallies.clone(),
            codes,
        })
    }
}

fn check_tallies(t: &Tallies, kinds: &[String], e: &mut FieldErrors) {
    let counts = [
        ("people_reached", t.people_reached),
        ("conversations", t.conversations),
        ("naloxone_given", t.naloxone_given),
        ("naloxone_used", t.naloxone_used),
        ("referrals", t.referrals),
    ];
    for (name, n) in counts {
        if !(0..=MAX_TALLY).contains(&n) {
            e.add(&format!("tallies.{name}"), "out_of_range");
        }
    }
    if !(0..=MAX_ASKED).contains(&t.asked_for_team) {
        e.add("tallies.asked_for_team", "out_of_range");
    }
    if t.naloxone_used > t.naloxone_given.max(0) && t.naloxone_used <= MAX_TALLY {
        // Naloxone used on a walk was given on it (a kit the team carried); used from a kit given before is
        // counted where it was given.
        e.add("tallies.naloxone_used", "more_than_given");
    }
    for (kind, n) in &t.items {
        let field = format!("tallies.items.{}", short(kind));
        if !kinds.iter().any(|k| k == kind) {
            e.add(&field, "unknown");
        } else if !(0..=MAX_TALLY).contains(n) {
            e.add(&field, "out_of_range");
        }
    }
}

/// A field name never carries more than a short, printable piece of what was sent.
fn short(kind: &str) -> String {
    kind.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .take(MAX_KIND)
        .collect()
}

/// Whether `kind` may name a kind of item: 1 to 40 lowercase letters, digits, `_` or `-`.
pub fn valid_item_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind.len() <= MAX_KIND
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A returning-person code as it is hashed: lowercase, with everything but letters and digits dropped, so "JD 03",
/// "jd-03" and "jd03" are one code. Under 3 or over 100 letters and digits: not a code.
pub fn normalize_code(typed: &str) -> Option<String> {
    let n: String = typed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (3..=100).contains(&n.chars().count()).then_some(n)
}

/// A street address is kept as its block: "71 Cherry Street" becomes "Cherry Street, 0-99 block"; anything else
/// (a named place, an intersection, a street) is kept as the map names it.
pub fn coarsen(label: &str, kind: &str) -> String {
    if kind != "address" {
        // A named place is labelled with its kind ("Central Sq (square)"), once is enough.
        let suffix = format!(" ({kind})");
        return label.strip_suffix(&suffix).unwrap_or(label).to_string();
    }
    let mut words = label.splitn(2, ' ');
    let (Some(number), Some(street)) = (words.next(), words.next()) else {
        return label.to_string();
    };
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(n) => {
            let from = n / 100 * 100;
            format!("{street}, {from}-{} block", from + 99)
        }
        Err(_) => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-12-05T20:00:00Z".parse().unwrap()
    }

    fn kinds() -> Vec<String> {
        vec!["water".into(), "socks".into()]
    }

    fn good() -> OutreachInput {
        OutreachInput {
            kind: None,
            place: Some("Central Square".into()),
            started_at: Some("2026-12-05T17:00:00Z".into()),
            ended_at: Some("2026-12-05T19:00:00Z".into()),
            team_id: None,
            people: vec!["sam".into(), "ana".into()],
            tallies: Tallies {
                people_reached: 12,
                items: [("water".to_string(), 10)].into(),
                naloxone_given: 2,
                naloxone_used: 1,
                ..Tallies::default()
            },
            codes: vec!["JD 03".into(), "jd-03".into(), "Robin".into()],
        }
    }

    #[test]
    fn a_walk_checks_and_its_codes_are_counted_once() {
        let c = good().check(now(), &kinds()).unwrap();
        assert_eq!(c.kind, OutreachKind::Walk);
        assert_eq!(c.codes, vec!["jd03".to_string(), "robin".to_string()]);
    }

    #[test]
    fn every_wrong_field_is_named() {
        let mut i = good();
        i.ended_at = Some("2026-12-05T16:00:00Z".into());
        i.tallies.people_reached = 10_001;
        i.tallies.conversations = -1;
        i.tallies.items.insert("tents".into(), 1);
        i.kind = Some("party".into());
        i.codes.push("x".into());
        let e = i.check(now(), &kinds()).unwrap_err();
        assert_eq!(e.0["ended_at"], "before_start");
        assert_eq!(e.0["tallies.people_reached"], "out_of_range");
        assert_eq!(e.0["tallies.conversations"], "out_of_range");
        assert_eq!(e.0["tallies.items.tents"], "unknown");
        assert_eq!(e.0["kind"], "unknown");
        assert_eq!(e.0["codes.3"], "invalid");
    }

    #[test]
    fn times_must_be_sane() {
        let mut i = good();
        i.started_at = None;
        i.ended_at = Some("yesterday".into());
        let e = i.check(now(), &kinds()).unwrap_err();
        assert_eq!(e.0["started_at"], "required");
        assert_eq!(e.0["ended_at"], "invalid");
        let mut i = good();
        i.ended_at = Some("2026-12-06T19:00:00Z".into());
        let e = i.check(now(), &kinds()).unwrap_err();
        assert_eq!(e.0["ended_at"], "too_long");
        let mut i = good();
        i.started_at = Some("2026-12-05T19:30:00Z".into());
        i.ended_at = Some("2026-12-05T21:00:00Z".into());
        assert_eq!(
            i.check(now(), &kinds()).unwrap_err().0["ended_at"],
            "in_future"
        );
    }

    #[test]
    fn naloxone_used_is_at_most_given() {
        let mut i = good();
        i.tallies.naloxone_used = 3;
        assert_eq!(
            i.check(now(), &kinds()).unwrap_err().0["tallies.naloxone_used"],
            "more_than_given"
        );
    }

    #[test]
    fn an_address_is_kept_as_its_block() {
        assert_eq!(
            coarsen("71 Cherry Street", "address"),
            "Cherry Street, 0-99 block"
        );
        assert_eq!(
            coarsen("1234 Massachusetts Avenue", "address"),
            "Massachusetts Avenue, 1200-1299 block"
        );
        assert_eq!(coarsen("Central Square", "square"), "Central Square");
        assert_eq!(coarsen("Central Sq (square)", "square"), "Central Sq");
    }

    #[test]
    fn codes_normalize() {
        assert_eq!(normalize_code(" Jd 03 "), Some("jd03".into()));
        assert_eq!(normalize_code("é-L 7"), Some("él7".into()));
        assert_eq!(normalize_code("ab"), None);
        assert!(valid_item_kind("fentanyl_test_strips"));
        assert!(!valid_item_kind("Water"));
    }
}
