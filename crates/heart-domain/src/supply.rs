//! Supplies: what the team keeps (water, socks, naloxone...) and where (the office, the van, a partner's closet).
//! Stock goes up when supplies are received (bought, donated in kind, or otherwise) and down when they are given
//! out or moved; it never goes below zero. A lot is one kind at one place with one expiry day (or none).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::intake::FieldErrors;
use crate::text::Words;
use crate::whole;

/// The most of one kind one movement may count.
pub const MAX_COUNT: i64 = 10_000;
/// Items expiring within this many days are shown as expiring.
pub const EXPIRING_DAYS: i64 = 30;
/// Where received supplies came from.
pub const SOURCES: [&str; 3] = ["bought", "donated", "other"];

/// Which way a movement goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Into a place's stock.
    Received,
    /// Out to people (by hand, or as mutual aid in kind for a request).
    Given,
    /// From one place to another.
    Moved,
    /// Thrown away: expired or damaged (the soonest-expiring first, so what has expired goes first).
    Discarded,
}

impl Direction {
    pub const ALL: [Direction; 4] = [
        Direction::Received,
        Direction::Given,
        Direction::Moved,
        Direction::Discarded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Received => "received",
            Direction::Given => "given",
            Direction::Moved => "moved",
            Direction::Discarded => "discarded",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// A movement of supplies as sent (`POST /api/v1/supplies/moves`, the supplies page).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SupplyMoveBody))]
#[serde(deny_unknown_fields)]
pub struct MoveInput {
    /// received, given, moved or discarded (expired or damaged, thrown away).
    pub direction: Option<String>,
    /// One of the kinds the team set up (`[supplies] kinds`).
    pub kind: Option<String>,
    /// One of the places the team set up (`[supplies] places`): received into, given from or moved from.
    pub place: Option<String>,
    /// Moved: the place it goes to.
    pub to_place: Option<String>,
    /// How many, 1 to 10,000.
    #[serde(default, deserialize_with = "whole::opt")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub count: Option<i64>,
    /// Received: YYYY-MM-DD, the day it expires (not in the past; none: it does not expire).
    pub expires: Option<String>,
    /// Received: bought, donated or other.
    pub source: Option<String>,
    /// Bought: the ledger entry that paid for it.
    pub ledger_entry_id: Option<String>,
    /// Donated: the donor's name, as it goes on the receipt (optional; up to 100 characters, no markup).
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub donor_name: Option<String>,
    /// Donated: the donor's email (optional; with it, the gift is kept with the donor's other gifts).
    pub donor_email: Option<String>,
    /// Given: the request it went to, as mutual aid in kind (optional).
    pub request_id: Option<String>,
    /// Donated: an earlier receipt of the same gift (the token at the end of its `receipt` link), so one receipt
    /// names every item given together (optional; the donor is the receipt's).
    pub receipt: Option<String>,
}

/// A movement, checked against the team's kinds and places (ids are the app's to find).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedMove {
    pub direction: Direction,
    pub kind: String,
    pub place: String,
    pub to_place: Option<String>,
    pub count: i64,
    pub expires: Option<Date>,
    pub source: Option<&'static str>,
    pub ledger_entry_id: Option<String>,
    pub donor_name: Option<String>,
    pub donor_email: Option<String>,
    pub request_id: Option<String>,
    pub receipt: Option<String>,
}

fn trimmed(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// One of `names`, or a field error (`required`, `unknown`).
fn one_of(e: &mut FieldErrors, field: &str, v: Option<&str>, names: &[String]) -> Option<String> {
    match trimmed(v) {
        None => {
            e.add(field, "required");
            None
        }
        Some(v) if names.iter().any(|n| n == v) => Some(v.to_string()),
        Some(_) => {
            e.add(field, "unknown");
            None
        }
    }
}

/// A count of 1 to `MAX_COUNT` (`min` 1), or 0 to `MAX_COUNT` (`min` 0).
fn count(e: &mut FieldErrors, field: &str, v: Option<i64>, min: i64) -> i64 {
    match v {
        None => {
            e.add(field, "required");
            0
        }
        Some(n) if (min..=MAX_COUNT).contains(&n) => n,
        Some(_) => {
            e.add(field, "out_of_range");
            0
        }
    }
}

impl MoveInput {
    /// Checks every field at once against the team's `kinds` and `places`; each wrong field is named.
    pub fn check(
        &self,
        today: Date,
        kinds: &[String],
        places: &[String],
    ) -> Result<CheckedMove, FieldErrors> {
        let mut e = FieldErrors::default();
        let direction = match trimmed(self.direction.as_deref()) {
            None => {
                e.add("direction", "required");
                None
            }
            Some(d) => Direction::parse(d).or_else(|| {
                e.add("direction", "unknown");
                None
            }),
        };
        let kind = one_of(&mut e, "kind", self.kind.as_deref(), kinds);
        let place = one_of(&mut e, "place", self.place.as_deref(), places);
        let n = count(&mut e, "count", self.count, 1);
        let moved = direction == Some(Direction::Moved);
        let received = direction == Some(Direction::Received);
        let to_place = if moved {
            let to = one_of(&mut e, "to_place", self.to_place.as_deref(), places);
            if to.is_some() && to == place {
                e.add("to_place", "same_place");
            }
            to
        } else {
            if trimmed(self.to_place.as_deref()).is_some() {
                e.add("to_place", "only_moved");
            }
            None
        };
        let expires = match trimmed(self.expires.as_deref()) {
            None => None,
            Some(_) if !received => {
                e.add("expires", "only_received");
                None
            }
            Some(v) => match v.parse::<Date>() {
                Err(_) => {
                    e.add("expires", "invalid_date");
                    None
                }
                Ok(d) if d < today => {
                    e.add("expires", "in_past");
                    None
                }
                Ok(d) => Some(d),
            },
        };
        let source = match (received, trimmed(self.source.as_deref())) {
            (true, None) => {
                e.add("source", "required");
                None
            }
            (true, Some(s)) => SOURCES.iter().copied().find(|x| *x == s).or_else(|| {
                e.add("source", "unknown");
                None
            }),
            (false, Some(_)) => {
                e.add("source", "only_received");
                None
            }
            (false, None) => None,
        };
        let entry = trimmed(self.ledger_entry_id.as_deref()).map(String::from);
        match (source, &entry) {
            (Some("bought"), None) => e.add("ledger_entry_id", "required"),
            (Some("bought"), Some(_)) | (_, None) => {}
            (_, Some(_)) => e.add("ledger_entry_id", "only_bought"),
        }
        let donor_name =
            Words::up_to(100)
                .plain()
                .check(&mut e, "donor_name", self.donor_name.as_deref());
        let donor_email = trimmed(self.donor_email.as_deref()).map(str::to_lowercase);
        if source != Some("donated") {
            if donor_name.is_some() {
                e.add("donor_name", "only_donated");
            }
            if donor_email.is_some() {
                e.add("donor_email", "only_donated");
            }
        }
        let receipt = trimmed(self.receipt.as_deref()).map(String::from);
        if receipt.is_some() && source != Some("donated") {
            e.add("receipt", "only_donated");
        }
        if receipt.as_ref().is_some_and(|r| r.len() > 64) {
            e.add("receipt", "not_found");
        }
        if receipt.is_some() {
            // The receipt names its donor already.
            if donor_name.is_some() {
                e.add("donor_name", "with_receipt");
            }
            if donor_email.is_some() {
                e.add("donor_email", "with_receipt");
            }
        }
        let request_id = trimmed(self.request_id.as_deref()).map(String::from);
        if request_id.is_some() && direction != Some(Direction::Given) {
            e.add("request_id", "only_given");
        }
        match (direction, kind, place) {
            (Some(direction), Some(kind), Some(place)) if e.is_empty() => Ok(CheckedMove {
                direction,
                kind,
                place,
                to_place,
                count: n,
                expires,
                source,
                ledger_entry_id: entry,
                donor_name,
                donor_email,
                request_id,
                receipt,
            }),
            _ => Err(e),
        }
    }
}

/// The low-stock mark of one kind at one place, as sent (`POST /api/v1/supplies/levels`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SupplyLevelBody))]
#[serde(deny_unknown_fields)]
pub struct LevelInput {
    pub kind: Option<String>,
    pub place: Option<String>,
    /// Stock at or below this is low (0: never shown as low), 0 to 10,000.
    #[serde(default, deserialize_with = "whole::opt")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub low_at: Option<i64>,
}

impl LevelInput {
    /// The kind, the place and the mark, each checked.
    pub fn check(
        &self,
        kinds: &[String],
        places: &[String],
    ) -> Result<(String, String, i64), FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = one_of(&mut e, "kind", self.kind.as_deref(), kinds);
        let place = one_of(&mut e, "place", self.place.as_deref(), places);
        let low_at = count(&mut e, "low_at", self.low_at, 0);
        match (kind, place) {
            (Some(k), Some(p)) if e.is_empty() => Ok((k, p, low_at)),
            _ => Err(e),
        }
    }
}

/// Whether a lot that expires on `expires` is expired or expires within `EXPIRING_DAYS` of `today`.
pub fn expiring(expires: Date, today: Date) -> bool {
    (expires - today).get_days() as i64 <= EXPIRING_DAYS
}

/// Whether `on_hand` is low against the mark `low_at` (a mark of 0 is never low).
pub fn low(on_hand: i64, low_at: i64) -> bool {
    low_at > 0 && on_hand <= low_at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn input(direction: &str) -> MoveInput {
        MoveInput {
            direction: Some(direction.into()),
            kind: Some("naloxone".into()),
            place: Some("office".into()),
            count: Some(3),
            ..MoveInput::default()
        }
    }

    fn check(i: &MoveInput) -> Result<CheckedMove, FieldErrors> {
        i.check(
            d("2026-12-05"),
            &names(&["naloxone", "water"]),
            &names(&["office", "van"]),
        )
    }

    #[test]
    fn a_receipt_names_its_source_and_a_day_not_past() {
        let mut i = input("received");
        i.source = Some("donated".into());
        i.expires = Some("2027-01-01".into());
        i.donor_name = Some("A neighbour".into());
        let m = check(&i).unwrap();
        assert_eq!(m.direction, Direction::Received);
        assert_eq!(m.expires, Some(d("2027-01-01")));
        i.expires = Some("2026-12-04".into());
        i.source = Some("bought".into());
        let e = check(&i).unwrap_err();
        assert_eq!(e.0["expires"], "in_past");
        assert_eq!(e.0["ledger_entry_id"], "required");
        assert_eq!(e.0["donor_name"], "only_donated");
        i.source = None;
        assert_eq!(check(&i).unwrap_err().0["source"], "required");
    }

    #[test]
    fn a_move_goes_somewhere_else_and_counts_one_to_ten_thousand() {
        let mut i = input("moved");
        i.to_place = Some("van".into());
        assert_eq!(check(&i).unwrap().to_place.as_deref(), Some("van"));
        i.to_place = Some("office".into());
        i.count = Some(10_001);
        let e = check(&i).unwrap_err();
        assert_eq!(e.0["to_place"], "same_place");
        assert_eq!(e.0["count"], "out_of_range");
        let mut g = input("given");
        g.count = Some(0);
        g.kind = Some("tents".into());
        g.place = Some("closet".into());
        g.expires = Some("2027-01-01".into());
        let e = check(&g).unwrap_err();
        assert_eq!(e.0["count"], "out_of_range");
        assert_eq!(e.0["kind"], "unknown");
        assert_eq!(e.0["place"], "unknown");
        assert_eq!(e.0["expires"], "only_received");
        let e = check(&MoveInput::default()).unwrap_err();
        for f in ["direction", "kind", "place", "count"] {
            assert_eq!(e.0[f], "required", "{f}");
        }
    }

    #[test]
    fn low_and_expiring() {
        assert!(low(2, 5));
        assert!(low(5, 5));
        assert!(!low(6, 5));
        assert!(!low(0, 0));
        let today = d("2026-12-05");
        assert!(expiring(d("2026-12-01"), today));
        assert!(expiring(d("2027-01-04"), today));
        assert!(!expiring(d("2027-01-05"), today));
    }
}
