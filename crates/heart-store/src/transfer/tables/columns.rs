//! The columns of the tables of the team's work around the call (outreach, the warmline, debriefs, trainings),
//! kept apart so `tables.rs` stays short.

use super::Kind;
use super::Kind::*;

pub(super) const OUTREACH_WALKS: &[(&str, Kind)] = &[
    ("id", Text),
    ("kind", Text),
    ("place", Text),
    ("neighbourhood", Text),
    ("started_at", Int),
    ("ended_at", Int),
    ("team_id", Text),
    ("people_reached", Int),
    ("conversations", Int),
    ("naloxone_given", Int),
    ("naloxone_used", Int),
    ("referrals", Int),
    ("asked_for_team", Int),
    ("recorded_by", Text),
    ("recorded_at", Int),
];

pub(super) const OUTREACH_ITEMS: &[(&str, Kind)] = &[
    ("walk_id", Text),
    ("kind", Text),
    ("given", Int),
    ("started_at", Int),
];

pub(super) const WARMLINE_CONTACTS: &[(&str, Kind)] = &[
    ("id", Text),
    ("at", Int),
    ("channel", Text),
    ("minutes", Int),
    ("about", Text),
    ("offered", Text),
    ("recorded_by", Text),
    ("recorded_at", Int),
];

pub(super) const DEBRIEFS: &[(&str, Kind)] = &[
    ("id", Text),
    ("team_id", Text),
    ("request_id", Text),
    ("reasons", Text),
    ("created_at", Int),
    ("due_at", Int),
    ("done_at", Int),
    ("done_by", Text),
    ("time_off", Bool),
];

pub(super) const TRAININGS: &[(&str, Kind)] = &[
    ("id", Text),
    ("user_id", Text),
    ("kind", Text),
    ("done_on", Text),
    ("expires_on", Text),
    ("recorded_by", Text),
    ("recorded_at", Int),
];

pub(super) const SUPPLY_LOTS: &[(&str, Kind)] = &[
    ("kind", Text),
    ("place", Text),
    ("expires_on", Text),
    ("on_hand", Int),
];

pub(super) const SUPPLY_LEVELS: &[(&str, Kind)] =
    &[("kind", Text), ("place", Text), ("low_at", Int)];

pub(super) const SUPPLY_MOVES: &[(&str, Kind)] = &[
    ("id", Text),
    ("at", Int),
    ("direction", Text),
    ("kind", Text),
    ("place", Text),
    ("to_place", Text),
    ("count", Int),
    ("shortfall", Int),
    ("expires_on", Text),
    ("source", Text),
    ("entry_id", Text),
    ("donor_id", Text),
    ("donor_name", Text),
    ("receipt_token", Text),
    ("walk_id", Text),
    ("request_id", Text),
    ("recorded_by", Text),
    ("checked_by", Text),
    ("checked_at", Int),
];

pub(super) const SUPPLY_ALERTS: &[(&str, Kind)] = &[("day", Text), ("at", Int)];

pub(super) const CIRCLES: &[(&str, Kind)] = &[
    ("id", Text),
    ("subject", Text),
    ("request_id", Text),
    ("sealed", Bytes),
    ("stage", Text),
    ("reached", Text),
    ("opened_by", Text),
    ("opened_at", Int),
    ("closed_at", Int),
    ("purged_at", Int),
    ("version", Int),
];

pub(super) const CIRCLE_PEOPLE: &[(&str, Kind)] = &[
    ("id", Text),
    ("circle_id", Text),
    ("subject", Text),
    ("sealed", Bytes),
    ("plan", Bytes),
    ("added_at", Int),
    ("added_by", Text),
    ("withdrawn_at", Int),
];

pub(super) const CIRCLE_CONSENTS: &[(&str, Kind)] = &[
    ("id", Text),
    ("circle_id", Text),
    ("person_id", Text),
    ("what", Text),
    ("agreement_id", Text),
    ("given", Bool),
    ("at", Int),
    ("recorded_by", Text),
];

pub(super) const CIRCLE_NOTES: &[(&str, Kind)] = &[
    ("id", Text),
    ("circle_id", Text),
    ("person_id", Text),
    ("sealed", Bytes),
    ("author", Text),
    ("author_name", Text),
    ("created_at", Int),
];

pub(super) const CIRCLE_COMMITMENTS: &[(&str, Kind)] = &[
    ("id", Text),
    ("agreement_id", Text),
    ("person_id", Text),
    ("position", Int),
    ("sealed", Bytes),
    ("due_on", Text),
    ("status", Text),
    ("updated_at", Int),
];

pub(super) const CIRCLE_CHECK_INS: &[(&str, Kind)] = &[
    ("id", Text),
    ("circle_id", Text),
    ("due_at", Int),
    ("result", Text),
    ("sealed", Bytes),
    ("done_at", Int),
    ("done_by", Text),
    ("tries", Int),
];
