//! Referrals to a service in the directory: consent first, closed loop.
//!
//! A responder refers a person to a partner's service with the person's agreement. The referral records exactly
//! which of the person's details they agreed to share ([`Share`]); nothing else ever reaches the partner. The
//! partner answers (accepted, declined with a reason, connected), the team can withdraw it when the person changes
//! their mind, and every status is timestamped. An unanswered or unconnected hand-off becomes overdue.

use serde::{Deserialize, Serialize};

/// What a person may agree to share with the service they are referred to. Nothing is the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// The first name they go by.
    FirstName,
    /// A number the service may call or text back.
    Callback,
    /// The kinds of support they asked for (from the encounter).
    Needs,
    /// The language they prefer.
    Language,
    /// A few words written with them for the service.
    Note,
}

impl Share {
    pub const ALL: [Share; 5] = [
        Share::FirstName,
        Share::Callback,
        Share::Needs,
        Share::Language,
        Share::Note,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Share::FirstName => "first_name",
            Share::Callback => "callback",
            Share::Needs => "needs",
            Share::Language => "language",
            Share::Note => "note",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
    /// "first_name,needs" (the storage form); unknown names are refused.
    pub fn parse_list(s: &str) -> Option<Vec<Share>> {
        let mut out = Vec::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let v = Share::parse(part)?;
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out.sort();
        Some(out)
    }
    pub fn to_list(shares: &[Share]) -> String {
        let mut v: Vec<Share> = shares.to_vec();
        v.sort();
        v.dedup();
        v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// Where a referral stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    /// Sent, waiting for the service to answer.
    Sent,
    /// The service will take it up.
    Accepted,
    /// The service cannot take it up (with a reason).
    Declined,
    /// The person and the service are in touch: the hand-off worked.
    Connected,
    /// The team took it back (the person changed their mind); what was shared is erased.
    Withdrawn,
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 5] = [
        ReferralStatus::Sent,
        ReferralStatus::Accepted,
        ReferralStatus::Declined,
        ReferralStatus::Connected,
        ReferralStatus::Withdrawn,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Sent => "sent",
            ReferralStatus::Accepted => "accepted",
            ReferralStatus::Declined => "declined",
            ReferralStatus::Connected => "connected",
            ReferralStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
    /// Still waiting for something (an answer, or the connection).
    pub fn is_open(self) -> bool {
        matches!(self, ReferralStatus::Sent | ReferralStatus::Accepted)
    }
}

/// Who moves a referral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The partner organisation the referral was sent to.
    Partner,
    /// The team that made it.
    Team,
}

/// Why a service declines. Plain words, no blame on the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// No places free now.
    Full,
    /// The service does not fit what the person needs.
    NotOffered,
    /// The service's own eligibility rules (area, age, ...).
    NotEligible,
    /// The service tried and could not reach the person.
    CouldNotReach,
    /// The person chose not to go ahead.
    PersonChoseNot,
    Other,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 6] = [
        DeclineReason::Full,
        DeclineReason::NotOffered,
        DeclineReason::NotEligible,
        DeclineReason::CouldNotReach,
        DeclineReason::PersonChoseNot,
        DeclineReason::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DeclineReason::Full => "full",
            DeclineReason::NotOffered => "not_offered",
            DeclineReason::NotEligible => "not_eligible",
            DeclineReason::CouldNotReach => "could_not_reach",
            DeclineReason::PersonChoseNot => "person_chose_not",
            DeclineReason::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferralError {
    #[error("a referral that is {from} cannot become {to}")]
    Illegal {
        from: &'static str,
        to: &'static str,
    },
    #[error("only the team that made a referral can withdraw it")]
    NotYours,
    #[error("a decline needs a reason")]
    ReasonNeeded,
}

/// The rule: the partner answers an open referral (accept, decline, connected; an accepted one can still be
/// declined or connected); the team withdraws an open one; the ends (declined, connected, withdrawn) are final.
pub fn next(
    from: ReferralStatus,
    to: ReferralStatus,
    side: Side,
    reason: Option<DeclineReason>,
) -> Result<ReferralStatus, ReferralError> {
    use ReferralStatus::*;
    let illegal = || ReferralError::Illegal {
        from: from.as_str(),
        to: to.as_str(),
    };
    if !from.is_open() || from == to {
        return Err(illegal());
    }
    match (to, side) {
        (Withdrawn, Side::Team) => Ok(Withdrawn),
        (Withdrawn, Side::Partner) => Err(ReferralError::NotYours),
        (Sent, _) => Err(illegal()),
        (_, Side::Team) => Err(illegal()),
        (Accepted, Side::Partner) if from == Sent => Ok(Accepted),
        (Accepted, Side::Partner) => Err(illegal()),
        (Declined, Side::Partner) if reason.is_none() => Err(ReferralError::ReasonNeeded),
        (Declined, Side::Partner) | (Connected, Side::Partner) => Ok(to),
    }
}

/// The first name of what a person gave as their name: only the first word, at most 40 characters.
pub fn first_name(name: &str) -> Option<String> {
    let w = name.split_whitespace().next()?;
    Some(w.chars().take(40).collect())
}

/// The ways a shared call-back number may be used, as the person said at intake: a call, a text, a voicemail, and
/// the safe times (days and times in the team's time zone; none: any time). The code word stays with the team.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackWays {
    pub call_ok: bool,
    pub text_ok: bool,
    pub voicemail_ok: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hours: Option<String>,
}

/// The values a person agreed to share; only the fields named in the referral's `shared` are ever filled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback: Option<String>,
    /// How the call-back number may be used, as the person said (it travels with the number).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub callback_ways: Option<CallbackWays>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub needs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SharedDetails {
    /// Keeps only what `shared` names (the consent rule, applied again on every read).
    pub fn only(mut self, shared: &[Share]) -> Self {
        let has = |s| shared.contains(&s);
        if !has(Share::FirstName) {
            self.first_name = None;
        }
        if !has(Share::Callback) {
            self.callback = None;
            self.callback_ways = None;
        }
        if !has(Share::Needs) {
            self.needs.clear();
        }
        if !has(Share::Language) {
            self.language = None;
        }
        if !has(Share::Note) {
            self.note = None;
        }
        self
    }
    pub fn is_empty(&self) -> bool {
        *self == SharedDetails::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReferralStatus::*;
    use proptest::prelude::*;

    #[test]
    fn the_partner_answers_and_the_team_withdraws() {
        assert_eq!(next(Sent, Accepted, Side::Partner, None), Ok(Accepted));
        assert_eq!(next(Sent, Connected, Side::Partner, None), Ok(Connected));
        assert_eq!(
            next(Accepted, Declined, Side::Partner, None),
            Err(ReferralError::ReasonNeeded)
        );
        assert_eq!(
            next(Accepted, Declined, Side::Partner, Some(DeclineReason::Full)),
            Ok(Declined)
        );
        assert_eq!(next(Sent, Withdrawn, Side::Team, None), Ok(Withdrawn));
        assert_eq!(
            next(Sent, Withdrawn, Side::Partner, None),
            Err(ReferralError::NotYours)
        );
        assert!(next(Sent, Accepted, Side::Team, None).is_err());
        assert!(
            next(
                Connected,
                Declined,
                Side::Partner,
                Some(DeclineReason::Other)
            )
            .is_err()
        );
        assert!(next(Accepted, Accepted, Side::Partner, None).is_err());
        assert!(next(Accepted, Sent, Side::Partner, None).is_err());
    }

    #[test]
    fn shares_parse_strictly() {
        assert_eq!(
            Share::parse_list("needs, first_name,needs"),
            Some(vec![Share::FirstName, Share::Needs])
        );
        assert_eq!(Share::parse_list(""), Some(vec![]));
        assert_eq!(Share::parse_list("address"), None);
        assert_eq!(
            Share::to_list(&[Share::Note, Share::Callback]),
            "callback,note"
        );
        assert_eq!(first_name("  Ana María López "), Some("Ana".into()));
        assert_eq!(first_name("   "), None);
    }

    fn status() -> impl Strategy<Value = ReferralStatus> {
        prop::sample::select(ReferralStatus::ALL.to_vec())
    }

    proptest! {
        /// Any sequence of attempted moves: ends stay ends, a decline always has a reason, nothing returns to sent,
        /// and the number of accepted moves is bounded by the length of the longest path (sent, accepted, end).
        #[test]
        fn any_sequence_keeps_the_rule(steps in prop::collection::vec(
            (status(), any::<bool>(), prop::option::of(prop::sample::select(DeclineReason::ALL.to_vec()))), 0..40)
        ) {
            let mut s = Sent;
            let mut moved = 0;
            for (to, partner, reason) in steps {
                let side = if partner { Side::Partner } else { Side::Team };
                if let Ok(n) = next(s, to, side, reason) {
                    prop_assert!(s.is_open());
                    prop_assert_ne!(n, Sent);
                    prop_assert_eq!(n, to);
                    if n == Declined { prop_assert!(reason.is_some()); }
                    if n == Withdrawn { prop_assert_eq!(side, Side::Team); }
                    if side == Side::Team { prop_assert_eq!(n, Withdrawn); }
                    s = n;
                    moved += 1;
                }
            }
            prop_assert!(moved <= 2);
        }
    }
}
