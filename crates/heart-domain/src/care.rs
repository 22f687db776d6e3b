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

/// How a follow-up went: the last try's result, or, once the tries ran out, `could_not_reach`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpResult {
    /// Reached them (with a note): done.
    Reached,
    /// No answer: tried again later, up to the number of tries.
    NoAnswer,
    /// They asked for another day: due again then.
    Rescheduled,
    /// They do not want it: done.
    Declined,
    /// No answer on the last try: done, not reached.
    CouldNotReach,
}

impl FollowUpResult {
    pub const ALL: [FollowUpResult; 5] = [
        FollowUpResult::Reached,
        FollowUpResult::NoAnswer,
        FollowUpResult::Rescheduled,
        FollowUpResult::Declined,
        FollowUpResult::CouldNotReach,
    ];
    /// What a person may record (`could_not_reach` is what no answer on the last try becomes).
    pub const GIVEN: [FollowUpResult; 4] = [
        FollowUpResult::Reached,
        FollowUpResult::NoAnswer,
        FollowUpResult::Rescheduled,
        FollowUpResult::Declined,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpResult::Reached => "reached",
            FollowUpResult::NoAnswer => "no_answer",
            FollowUpResult::Rescheduled => "rescheduled",
            FollowUpResult::Declined => "declined",
            FollowUpResult::CouldNotReach => "could_not_reach",
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

/// What a line on a request's timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Something the team should know.
    Note,
    /// A try to reach the person, with its result.
    CallAttempt,
    /// For the next shift: stays on the board until someone there marks it read.
    Handover,
}

impl NoteKind {
    pub const ALL: [NoteKind; 3] = [NoteKind::Note, NoteKind::CallAttempt, NoteKind::Handover];
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::CallAttempt => "call_attempt",
            NoteKind::Handover => "handover",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// How a try to reach the person went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallResult {
    Reached,
    NoAnswer,
    Voicemail,
    WrongNumber,
}

impl CallResult {
    pub const ALL: [CallResult; 4] = [
        CallResult::Reached,
        CallResult::NoAnswer,
        CallResult::Voicemail,
        CallResult::WrongNumber,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            CallResult::Reached => "reached",
            CallResult::NoAnswer => "no_answer",
            CallResult::Voicemail => "voicemail",
            CallResult::WrongNumber => "wrong_number",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The longest note on a request's timeline.
pub const MAX_TIMELINE_NOTE_CHARS: usize = 10_000;
