//! Circles: conflict or harm worked through with everyone involved, without police or courts. Separate
//! conversations with each person first, a joint circle when everyone still taking part agreed to meet, an
//! agreement of commitments, check-ins over weeks. The rules here are pure: which stage may follow which, what a
//! circle, a person in it, a note, an agreement and a check-in must hold.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::intake::FieldErrors;
use crate::text::Words;

/// Where a circle stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Opened,
    /// Separate conversations with each person.
    PreMeetings,
    /// The joint meeting: only when everyone still taking part agreed to meet.
    Circle,
    Agreement,
    CheckIns,
    Closed,
    /// Stopped for now; it goes back to a stage it had reached.
    Paused,
    /// Ended without an agreement.
    Ended,
}

/// The stages in their order (paused and ended are beside it).
pub const ORDER: [Stage; 6] = [
    Stage::Opened,
    Stage::PreMeetings,
    Stage::Circle,
    Stage::Agreement,
    Stage::CheckIns,
    Stage::Closed,
];

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Opened,
        Stage::PreMeetings,
        Stage::Circle,
        Stage::Agreement,
        Stage::CheckIns,
        Stage::Closed,
        Stage::Paused,
        Stage::Ended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Opened => "opened",
            Stage::PreMeetings => "pre_meetings",
            Stage::Circle => "circle",
            Stage::Agreement => "agreement",
            Stage::CheckIns => "check_ins",
            Stage::Closed => "closed",
            Stage::Paused => "paused",
            Stage::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// Closed and ended circles take no more moves, notes, agreements or check-ins.
    pub fn is_done(self) -> bool {
        matches!(self, Stage::Closed | Stage::Ended)
    }

    fn rank(self) -> Option<usize> {
        ORDER.iter().position(|s| *s == self)
    }
}

/// What a stage move depends on besides the stages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// People in the circle who have not withdrawn.
    pub taking_part: usize,
    /// Every one of them agreed to take part and to a joint meeting.
    pub all_agreed_to_meet: bool,
    /// An agreement was made.
    pub has_agreement: bool,
}

/// Why a stage move is refused (the codes are the API's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveRefused {
    /// The circle is closed or ended.
    Done,
    /// Not the next stage, nor one reached before (from paused), nor paused or ended.
    NotNext,
    /// A joint circle before everyone still taking part agreed to meet (or fewer than two people).
    NeedsConsent,
    /// Check-ins or closing with no agreement made.
    NeedsAgreement,
}

impl MoveRefused {
    pub fn code(self) -> &'static str {
        match self {
            MoveRefused::Done => "circle_done",
            MoveRefused::NotNext => "not_next",
            MoveRefused::NeedsConsent => "needs_consent",
            MoveRefused::NeedsAgreement => "needs_agreement",
        }
    }
}

/// Whether a circle at `from`, having reached `reached` at the furthest, may move to `to`. Forward one stage at a
/// time; paused from any open stage, and from paused back to any stage already reached; ended from any open stage.
pub fn may_move(from: Stage, reached: Stage, to: Stage, facts: Facts) -> Result<(), MoveRefused> {
    if from.is_done() {
        return Err(MoveRefused::Done);
    }
    if from == to {
        return Err(MoveRefused::NotNext);
    }
    let allowed = match to {
        Stage::Ended => true,
        Stage::Paused => true,
        _ => match from {
            Stage::Paused => match (to.rank(), reached.rank()) {
                (Some(t), Some(r)) => t <= r,
                _ => false,
            },
            _ => match (from.rank(), to.rank()) {
                (Some(f), Some(t)) => t == f + 1,
                _ => false,
            },
        },
    };
    if !allowed {
        return Err(MoveRefused::NotNext);
    }
    if to == Stage::Circle && (facts.taking_part < 2 || !facts.all_agreed_to_meet) {
        return Err(MoveRefused::NeedsConsent);
    }
    if matches!(to, Stage::CheckIns | Stage::Closed) && !facts.has_agreement {
        return Err(MoveRefused::NeedsAgreement);
    }
    Ok(())
}

/// The furthest stage reached after moving to `to`.
pub fn reached_after(reached: Stage, to: Stage) -> Stage {
    match (reached.rank(), to.rank()) {
        (Some(r), Some(t)) if t > r => to,
        _ => reached,
    }
}

/// What a person agrees to (each recorded with its time; each may be withdrawn).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentTo {
    /// To take part at all. Withdrawing it stops the process for them.
    TakePart,
    /// To a joint meeting with the others.
    JointMeeting,
    /// To one agreement (it is then shown to them).
    Agreement,
}

impl ConsentTo {
    pub const ALL: [ConsentTo; 3] = [
        ConsentTo::TakePart,
        ConsentTo::JointMeeting,
        ConsentTo::Agreement,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentTo::TakePart => "take_part",
            ConsentTo::JointMeeting => "joint_meeting",
            ConsentTo::Agreement => "agreement",
        }
    }
    pub fn parse(s: &str) -> Option<ConsentTo> {
        ConsentTo::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// Where one commitment of an agreement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Open,
    Kept,
    InProgress,
    NotKept,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 4] = [
        CommitmentStatus::Open,
        CommitmentStatus::Kept,
        CommitmentStatus::InProgress,
        CommitmentStatus::NotKept,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
            CommitmentStatus::Kept => "kept",
            CommitmentStatus::InProgress => "in_progress",
            CommitmentStatus::NotKept => "not_kept",
        }
    }
    pub fn parse(s: &str) -> Option<CommitmentStatus> {
        CommitmentStatus::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim())
    }
}

/// The words a person chooses to be named by ("the person harmed", "a supporter"): no fixed labels.
pub const ROLE_WORDS: Words = Words::up_to(80).required().plain();
/// A circle's title, seen only by its facilitators.
pub const TITLE: Words = Words::up_to(120).plain();
/// A note from a conversation with one person.
pub const NOTE: Words = Words::up_to(4000).required();
/// A commitment's words.
pub const COMMITMENT: Words = Words::up_to(500).required();
/// Safe-contact preferences, in the person's words ("texts only, after 6pm").
pub const CONTACT: Words = Words::up_to(200).plain();
/// A safety plan's parts.
pub const PLAN: Words = Words::up_to(2000);
/// At most this many commitments in one agreement.
pub const MAX_COMMITMENTS: usize = 30;

/// A circle as opened (`POST /api/v1/circles`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CircleBody))]
#[serde(deny_unknown_fields)]
pub struct CircleInput {
    /// A title only the facilitators see.
    #[cfg_attr(feature = "openapi", schema(max_length = 120))]
    pub title: Option<String>,
    /// The request it grew from, if any.
    pub request_id: Option<String>,
    /// Two or more usernames of accounts holding `circle`.
    #[serde(default)]
    pub facilitators: Vec<String>,
}

impl CircleInput {
    /// The title and the distinct facilitators named (the app checks they hold `circle`).
    pub fn check(&self) -> Result<(Option<String>, Vec<String>), FieldErrors> {
        let mut e = FieldErrors::default();
        let title = TITLE.check(&mut e, "title", self.title.as_deref());
        let mut names: Vec<String> = Vec::new();
        for f in &self.facilitators {
            let f = f.trim();
            if !f.is_empty() && !names.iter().any(|n| n == f) {
                names.push(f.to_string());
            }
        }
        if names.len() < 2 {
            e.add("facilitators", "two_needed");
        }
        if names.len() > 10 {
            e.add("facilitators", "over_limit");
        }
        e.into_result((title, names))
    }
}

/// A person joining a circle (`POST /api/v1/circles/{id}/people`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CirclePersonBody))]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// The words they choose to be named by in this circle.
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub role_words: Option<String>,
    /// Their language, a tag such as `es`.
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub language: Option<String>,
    /// How and when it is safe to reach them, in their words.
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub contact: Option<String>,
}

/// A person as checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonWords {
    pub role_words: String,
    pub language: Option<String>,
    pub contact: Option<String>,
}

impl PersonInput {
    pub fn check(&self) -> Result<PersonWords, FieldErrors> {
        let mut e = FieldErrors::default();
        let role_words = ROLE_WORDS.check(&mut e, "role_words", self.role_words.as_deref());
        let language = Words::up_to(20)
            .plain()
            .check(&mut e, "language", self.language.as_deref());
        if let Some(l) = &language
            && !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            e.add("language", "invalid");
        }
        let contact = CONTACT.check(&mut e, "contact", self.contact.as_deref());
        e.into_result(PersonWords {
            role_words: role_words.unwrap_or_default(),
            language,
            contact,
        })
    }
}

/// A note from a conversation with one person (`POST /api/v1/circles/{id}/notes`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CircleNoteBody))]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// The person in the circle it belongs to.
    pub person_id: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub text: Option<String>,
}

/// A stage move (`POST /api/v1/circles/{id}/stage`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CircleStageBody))]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    /// opened, pre_meetings, circle, agreement, check_ins, closed, paused or ended.
    pub stage: Option<String>,
}

/// One commitment as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CommitmentBody))]
#[serde(deny_unknown_fields)]
pub struct CommitmentInput {
    /// The role words of the person who commits (as they are named in the circle).
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub role_words: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub text: Option<String>,
    /// YYYY-MM-DD, not in the past.
    pub due: Option<String>,
}

/// An agreement as sent (`POST /api/v1/circles/{id}/agreements`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AgreementBody))]
#[serde(deny_unknown_fields)]
pub struct AgreementInput {
    #[serde(default)]
    pub commitments: Vec<CommitmentInput>,
}

/// A commitment as checked: the role words are matched to a person by the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCommitment {
    pub role_words: String,
    pub text: String,
    pub due: Date,
}

impl AgreementInput {
    /// Every commitment's words and day; errors are named `commitments[i].field`.
    pub fn check(&self, today: Date) -> Result<Vec<CheckedCommitment>, FieldErrors> {
        let mut e = FieldErrors::default();
        if self.commitments.is_empty() {
            e.add("commitments", "required");
        }
        if self.commitments.len() > MAX_COMMITMENTS {
            e.add("commitments", "over_limit");
        }
        let mut out = Vec::new();
        for (i, c) in self.commitments.iter().enumerate() {
            let role = ROLE_WORDS.check(
                &mut e,
                &format!("commitments[{i}].role_words"),
                c.role_words.as_deref(),
            );
            let text =
                COMMITMENT.check(&mut e, &format!("commitments[{i}].text"), c.text.as_deref());
            let due = match c.due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                None => {
                    e.add(&format!("commitments[{i}].due"), "required");
                    None
                }
                Some(d) => match d.parse::<Date>() {
                    Err(_) => {
                        e.add(&format!("commitments[{i}].due"), "invalid_date");
                        None
                    }
                    Ok(d) if d < today => {
                        e.add(&format!("commitments[{i}].due"), "in_past");
                        None
                    }
                    Ok(d) => Some(d),
                },
            };
            if let (Some(role_words), Some(text), Some(due)) = (role, text, due) {
                out.push(CheckedCommitment {
                    role_words,
                    text,
                    due,
                });
            }
        }
        e.into_result(out)
    }
}

/// Role words compared as a person would: case and spacing do not matter.
pub fn same_role(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn facts(n: usize, agreed: bool, agreement: bool) -> Facts {
        Facts {
            taking_part: n,
            all_agreed_to_meet: agreed,
            has_agreement: agreement,
        }
    }

    #[test]
    fn forward_one_stage_at_a_time() {
        let f = facts(2, true, true);
        assert_eq!(
            may_move(Stage::Opened, Stage::Opened, Stage::PreMeetings, f),
            Ok(())
        );
        assert_eq!(
            may_move(Stage::Opened, Stage::Opened, Stage::Agreement, f),
            Err(MoveRefused::NotNext)
        );
        assert_eq!(
            may_move(Stage::Closed, Stage::Closed, Stage::Paused, f),
            Err(MoveRefused::Done)
        );
    }

    #[test]
    fn a_joint_circle_needs_everyone_to_agree_to_meet() {
        let s = Stage::PreMeetings;
        assert_eq!(
            may_move(s, s, Stage::Circle, facts(3, false, false)),
            Err(MoveRefused::NeedsConsent)
        );
        assert_eq!(
            may_move(s, s, Stage::Circle, facts(1, true, false)),
            Err(MoveRefused::NeedsConsent)
        );
        assert_eq!(may_move(s, s, Stage::Circle, facts(2, true, false)), Ok(()));
    }

    #[test]
    fn paused_goes_back_to_a_stage_reached() {
        let f = facts(2, true, false);
        assert_eq!(
            may_move(Stage::Paused, Stage::PreMeetings, Stage::PreMeetings, f),
            Ok(())
        );
        assert_eq!(
            may_move(Stage::Paused, Stage::PreMeetings, Stage::Circle, f),
            Err(MoveRefused::NotNext)
        );
        assert_eq!(
            may_move(Stage::Agreement, Stage::Agreement, Stage::CheckIns, f),
            Err(MoveRefused::NeedsAgreement)
        );
    }

    #[test]
    fn an_agreement_is_checked_line_by_line() {
        let today: Date = "2026-12-05".parse().unwrap();
        let a = AgreementInput {
            commitments: vec![CommitmentInput {
                role_words: Some(" ".into()),
                text: Some("Return the bike".into()),
                due: Some("2026-12-01".into()),
            }],
        };
        let e = a.check(today).unwrap_err();
        assert_eq!(e.0["commitments[0].role_words"], "required");
        assert_eq!(e.0["commitments[0].due"], "in_past");
        assert_eq!(
            AgreementInput::default().check(today).unwrap_err().0["commitments"],
            "required"
        );
        assert!(same_role("The  person harmed", "the person HARMED"));
    }

    #[test]
    fn a_circle_needs_two_facilitators() {
        let c = CircleInput {
            facilitators: vec!["ana".into(), " ana ".into()],
            ..Default::default()
        };
        assert_eq!(c.check().unwrap_err().0["facilitators"], "two_needed");
    }

    fn stage() -> impl Strategy<Value = Stage> {
        prop::sample::select(Stage::ALL.to_vec())
    }

    proptest! {
        /// Whatever is tried, a joint circle is never reached without everyone agreeing to meet, a circle
        /// that is done stays done, and the furthest stage reached never goes back.
        #[test]
        fn moves_keep_the_rules(tries in prop::collection::vec((stage(), any::<bool>(), any::<bool>(), 0usize..4), 0..60)) {
            let (mut at, mut reached) = (Stage::Opened, Stage::Opened);
            for (to, agreed, agreement, n) in tries {
                let f = facts(n, agreed, agreement);
                let before = (at, reached);
                match may_move(at, reached, to, f) {
                    Ok(()) => {
                        prop_assert!(!before.0.is_done());
                        if to == Stage::Circle { prop_assert!(agreed && n >= 2); }
                        if matches!(to, Stage::CheckIns | Stage::Closed) { prop_assert!(agreement); }
                        reached = reached_after(reached, to);
                        prop_assert!(reached >= before.1 || before.1.rank().is_none());
                        at = to;
                    }
                    Err(_) => prop_assert_eq!((at, reached), before),
                }
            }
        }
    }
}
