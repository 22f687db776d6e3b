//! The encounter record and follow-ups.

use serde::{Deserialize, Serialize};

/// The outcome, chosen with the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseOutcome {
    ConnectedToSupport,
    ResolvedForNow,
    DeclinedTheirChoice,
    CouldNotFindThem,
    OngoingSupport,
}

impl CloseOutcome {
    pub const ALL: [CloseOutcome; 5] = [
        CloseOutcome::ConnectedToSupport,
        CloseOutcome::ResolvedForNow,
        CloseOutcome::DeclinedTheirChoice,
        CloseOutcome::CouldNotFindThem,
        CloseOutcome::OngoingSupport,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            CloseOutcome::ConnectedToSupport => "connected_to_support",
            CloseOutcome::ResolvedForNow => "resolved_for_now",
            CloseOutcome::DeclinedTheirChoice => "declined_their_choice",
            CloseOutcome::CouldNotFindThem => "could_not_find_them",
            CloseOutcome::OngoingSupport => "ongoing_support",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Housing,
    Food,
    Money,
    MentalHealth,
    SubstanceUse,
    Safety,
    Conflict,
    Medical,
    Other,
}

impl Need {
    pub const ALL: [Need; 9] = [
        Need::Housing,
        Need::Food,
        Need::Money,
        Need::MentalHealth,
        Need::SubstanceUse,
        Need::Safety,
        Need::Conflict,
        Need::Medical,
        Need::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Need::Housing => "housing",
            Need::Food => "food",
            Need::Money => "money",
            Need::MentalHealth => "mental_health",
            Need::SubstanceUse => "substance_use",
            Need::Safety => "safety",
            Need::Conflict => "conflict",
            Need::Medical => "medical",
            Need::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// How the person agreed to be followed up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpMethod {
    Phone,
    Text,
    Visit,
    Other,
}

impl FollowUpMethod {
    pub const ALL: [FollowUpMethod; 4] = [
        FollowUpMethod::Phone,
        FollowUpMethod::Text,
        FollowUpMethod::Visit,
        FollowUpMethod::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpMethod::Phone => "phone",
            FollowUpMethod::Text => "text",
            FollowUpMethod::Visit => "visit",
            FollowUpMethod::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Default time from an encounter to its follow-up.
pub const DEFAULT_FOLLOW_UP_HOURS: i64 = 48;

/// Limits on free text, so one field cannot fill the disk.
pub const MAX_NOTE_CHARS: usize = 4_000;
