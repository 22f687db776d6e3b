//! Capabilities, not ranks. A person or token holds a set of them; every use case names the one it needs.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Take requests for support (call-takers).
    Intake,
    /// Run the live board: assign teams, watch safety alerts.
    Dispatch,
    /// Go out as a responder: own team's assignment, encounter records.
    Respond,
    /// See across the work: follow-ups, records, teams and shifts.
    Coordinate,
    /// Manage accounts and tokens.
    Admin,
    /// Funds, gifts and donors; approve and pay mutual aid (never one's own request).
    Finance,
    /// Someone at a partner organisation in the directory: its own listings, today's capacity and the referrals
    /// sent to it, and nothing else. Held alone, by an account tied to one organisation.
    Partner,
    /// A system that hands requests in (a partner's alarm system, the city's 311): it may create requests and
    /// read back the status and times of those it created, never their contents; it cannot list, search, read
    /// teams or open any page.
    Submit,
    /// Facilitate circles: conflict and harm worked through with everyone involved. Only a circle's own
    /// facilitators read its words.
    Circle,
}

impl Capability {
    pub const ALL: [Capability; 9] = [
        Capability::Intake,
        Capability::Dispatch,
        Capability::Respond,
        Capability::Coordinate,
        Capability::Admin,
        Capability::Finance,
        Capability::Partner,
        Capability::Submit,
        Capability::Circle,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Intake => "intake",
            Capability::Dispatch => "dispatch",
            Capability::Respond => "respond",
            Capability::Coordinate => "coordinate",
            Capability::Admin => "admin",
            Capability::Finance => "finance",
            Capability::Partner => "partner",
            Capability::Submit => "submit",
            Capability::Circle => "circle",
        }
    }

    fn bit(self) -> u16 {
        match self {
            Capability::Intake => 1,
            Capability::Dispatch => 2,
            Capability::Respond => 4,
            Capability::Coordinate => 8,
            Capability::Admin => 16,
            Capability::Finance => 32,
            Capability::Partner => 64,
            Capability::Submit => 128,
            Capability::Circle => 256,
        }
    }

    pub fn parse(s: &str) -> Result<Self, AccessError> {
        Capability::ALL
            .into_iter()
            .find(|c| c.as_str() == s.trim())
            .ok_or_else(|| AccessError::UnknownCapability(s.trim().to_string()))
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of capabilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Capabilities(u16);

impl Capabilities {
    pub fn empty() -> Self {
        Self(0)
    }
    pub fn of(caps: &[Capability]) -> Self {
        Self(caps.iter().fold(0, |acc, c| acc | c.bit()))
    }
    pub fn has(self, c: Capability) -> bool {
        self.0 & c.bit() != 0
    }
    pub fn has_any(self, cs: &[Capability]) -> bool {
        cs.iter().any(|c| self.has(*c))
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Capability> {
        Capability::ALL.into_iter().filter(move |c| self.has(*c))
    }

    /// Parses "intake,dispatch"; unknown names are an error, an empty list is an error.
    pub fn parse_list(s: &str) -> Result<Self, AccessError> {
        let mut caps = Vec::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            caps.push(Capability::parse(part)?);
        }
        if caps.is_empty() {
            return Err(AccessError::NoCapabilities);
        }
        Ok(Self::of(&caps))
    }

    /// "intake,dispatch": the storage form.
    pub fn to_list(self) -> String {
        self.iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccessError {
    #[error(
        "unknown capability {0:?}; known: intake, dispatch, respond, coordinate, admin, finance, partner, submit, circle"
    )]
    UnknownCapability(String),
    #[error("at least one capability is needed")]
    NoCapabilities,
    #[error("this needs the {0} capability")]
    Missing(Capability),
}

/// Refuses unless `held` includes one of `needed`.
pub fn authorize(held: Capabilities, needed: &[Capability]) -> Result<(), AccessError> {
    if held.has_any(needed) {
        Ok(())
    } else {
        Err(AccessError::Missing(
            needed.first().copied().unwrap_or(Capability::Admin),
        ))
    }
}

/// How far a sign-in has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right; the second factor is still to come.
    Password,
    /// The password was right; the account must set up a second factor before anything else.
    Enrol,
    Full,
}

impl SessionStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::Password => "password",
            SessionStage::Enrol => "enrol",
            SessionStage::Full => "full",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "password" => SessionStage::Password,
            "enrol" => SessionStage::Enrol,
            "full" => SessionStage::Full,
            _ => return None,
        })
    }
}

/// The two-person rule: what a second person must approve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalKind {
    /// A JSON export of one person's record, for them.
    Export,
    /// Erasure of one person's record (crypto-shredding).
    Erase,
    /// Changing what an account may do.
    Capabilities,
    /// Letting a disabled account sign in again (disabling needs one admin; enabling, two).
    Enable,
    /// Making two records of one person one (the asked-about record moves into another).
    Merge,
}

impl ApprovalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalKind::Export => "export",
            ApprovalKind::Erase => "erase",
            ApprovalKind::Capabilities => "capabilities",
            ApprovalKind::Enable => "enable",
            ApprovalKind::Merge => "merge",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "export" => ApprovalKind::Export,
            "erase" => ApprovalKind::Erase,
            "capabilities" => ApprovalKind::Capabilities,
            "enable" => ApprovalKind::Enable,
            "merge" => ApprovalKind::Merge,
            _ => return None,
        })
    }
}

/// Where a request for a second person's approval stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalStatus {
    Pending,
    Approved,
    Declined,
    /// Carried out (erased, downloaded, changed).
    Done,
    /// Not used in time (an approved export not downloaded within a day).
    Expired,
}

impl ApprovalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalStatus::Pending => "pending",
            ApprovalStatus::Approved => "approved",
            ApprovalStatus::Declined => "declined",
            ApprovalStatus::Done => "done",
            ApprovalStatus::Expired => "expired",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => ApprovalStatus::Pending,
            "approved" => ApprovalStatus::Approved,
            "declined" => ApprovalStatus::Declined,
            "done" => ApprovalStatus::Done,
            "expired" => ApprovalStatus::Expired,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trip() {
        let c = Capabilities::parse_list("dispatch, intake").unwrap();
        assert!(c.has(Capability::Intake) && c.has(Capability::Dispatch));
        assert!(!c.has(Capability::Admin));
        assert_eq!(c.to_list(), "intake,dispatch");
        assert_eq!(Capabilities::parse_list(&c.to_list()).unwrap(), c);
    }

    #[test]
    fn police_is_not_a_capability() {
        assert!(matches!(
            Capabilities::parse_list("police"),
            Err(AccessError::UnknownCapability(_))
        ));
        assert_eq!(
            Capabilities::parse_list(" , "),
            Err(AccessError::NoCapabilities)
        );
    }

    #[test]
    fn authorize_needs_one_of() {
        let c = Capabilities::of(&[Capability::Respond]);
        assert!(authorize(c, &[Capability::Dispatch, Capability::Respond]).is_ok());
        assert_eq!(
            authorize(c, &[Capability::Admin]),
            Err(AccessError::Missing(Capability::Admin))
        );
    }
}
