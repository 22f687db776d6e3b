//! The request lifecycle and team status: a pure state machine.
//!
//! received -> triaged -> waiting (no team free) | assigned -> en_route -> on_scene -> closed (with an outcome);
//! cancelled is possible from any open status. Requests that need no team (phone support, referral, EMS, outside
//! scope) close from `triaged` with an outcome.

use crate::care::CloseOutcome;
use crate::ids::TeamId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Received,
    Triaged,
    Waiting,
    Assigned,
    EnRoute,
    OnScene,
    Closed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Received,
        Status::Triaged,
        Status::Waiting,
        Status::Assigned,
        Status::EnRoute,
        Status::OnScene,
        Status::Closed,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Triaged => "triaged",
            Status::Waiting => "waiting",
            Status::Assigned => "assigned",
            Status::EnRoute => "en_route",
            Status::OnScene => "on_scene",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Cancelled)
    }

    /// A team is attached in these statuses.
    pub fn has_team(self) -> bool {
        matches!(self, Status::Assigned | Status::EnRoute | Status::OnScene)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamStatus {
    Available,
    Assigned,
    EnRoute,
    OnScene,
    WrappingUp,
    OffShift,
}

impl TeamStatus {
    pub const ALL: [TeamStatus; 6] = [
        TeamStatus::Available,
        TeamStatus::Assigned,
        TeamStatus::EnRoute,
        TeamStatus::OnScene,
        TeamStatus::WrappingUp,
        TeamStatus::OffShift,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            TeamStatus::Available => "available",
            TeamStatus::Assigned => "assigned",
            TeamStatus::EnRoute => "en_route",
            TeamStatus::OnScene => "on_scene",
            TeamStatus::WrappingUp => "wrapping_up",
            TeamStatus::OffShift => "off_shift",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        TeamStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What someone asks the lifecycle to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Screening finished: the request is triaged, or waits when it needs a team and none is free.
    Screen {
        wait: bool,
    },
    Assign {
        team: TeamId,
    },
    /// Take the team off (it could not go); the request waits again.
    Unassign,
    EnRoute,
    OnScene,
    Close {
        outcome: CloseOutcome,
    },
    Cancel,
}

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::Screen { .. } => "screen",
            Command::Assign { .. } => "assign",
            Command::Unassign => "unassign",
            Command::EnRoute => "en_route",
            Command::OnScene => "on_scene",
            Command::Close { .. } => "close",
            Command::Cancel => "cancel",
        }
    }
}

/// The part of a request the lifecycle decides on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lifecycle {
    pub status: Status,
    pub team: Option<TeamId>,
    pub outcome: Option<CloseOutcome>,
}

impl Lifecycle {
    pub fn new() -> Self {
        Lifecycle {
            status: Status::Received,
            team: None,
            outcome: None,
        }
    }
}

impl Default for Lifecycle {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a request that is {from} cannot be moved by {command}")]
pub struct IllegalTransition {
    pub from: &'static str,
    pub command: &'static str,
}

/// Decides the next lifecycle for a command, or refuses it. Pure.
pub fn decide(current: &Lifecycle, cmd: &Command) -> Result<Lifecycle, IllegalTransition> {
    use Status::*;
    let refuse = || IllegalTransition {
        from: current.status.as_str(),
        command: cmd.name(),
    };
    let next = |status: Status, team: Option<TeamId>| Lifecycle {
        status,
        team,
        outcome: None,
    };
    match (current.status, cmd) {
        // Screening may be redone while nobody has been sent.
        (Received | Triaged | Waiting, Command::Screen { wait }) => {
            Ok(next(if *wait { Waiting } else { Triaged }, None))
        }
        (Triaged | Waiting, Command::Assign { team }) => Ok(next(Assigned, Some(*team))),
        (Assigned | EnRoute, Command::Unassign) => Ok(next(Waiting, None)),
        (Assigned, Command::EnRoute) => Ok(next(EnRoute, current.team)),
        (Assigned | EnRoute, Command::OnScene) => Ok(next(OnScene, current.team)),
        // With a team: only once on scene. Without: after screening (phone support, referral, EMS, outside scope).
        (OnScene | Triaged | Waiting, Command::Close { outcome }) => Ok(Lifecycle {
            status: Closed,
            team: None,
            outcome: Some(*outcome),
        }),
        (Received | Triaged | Waiting | Assigned | EnRoute | OnScene, Command::Cancel) => {
            Ok(next(Cancelled, None))
        }
        _ => Err(refuse()),
    }
}

/// The team's status that follows a request transition, for the team attached before or after it.
/// A team that was with the person (on scene) wraps up, whatever ended the request: it is still out there.
pub fn team_status_after(from: Status, cmd: &Command) -> Option<TeamStatus> {
    match cmd {
        Command::Assign { .. } => Some(TeamStatus::Assigned),
        Command::EnRoute => Some(TeamStatus::EnRoute),
        Command::OnScene => Some(TeamStatus::OnScene),
        Command::Close { .. } => Some(TeamStatus::WrappingUp),
        Command::Unassign | Command::Cancel if from == Status::OnScene => {
            Some(TeamStatus::WrappingUp)
        }
        Command::Unassign | Command::Cancel => Some(TeamStatus::Available),
        Command::Screen { .. } => None,
    }
}

/// Straight-line (great-circle) distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6_371.0 * h.sqrt().asin()
}

/// Statuses a team can set for itself (the rest follow from requests).
pub fn team_can_set(status: TeamStatus) -> bool {
    matches!(
        status,
        TeamStatus::Available | TeamStatus::WrappingUp | TeamStatus::OffShift
    )
}

/// Why a safety alert was raised for a team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertKind {
    /// On scene and no update within the check-in interval.
    CheckinLapsed,
    /// A responder pressed "need help".
    NeedHelp,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::CheckinLapsed => "checkin_lapsed",
            AlertKind::NeedHelp => "need_help",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "checkin_lapsed" => Some(AlertKind::CheckinLapsed),
            "need_help" => Some(AlertKind::NeedHelp),
            _ => None,
        }
    }
}

/// Where a team is best thought to be at `now`: its last shared position if shared within `fresh`, else its base
/// (else the last position, however old).
pub fn whereabouts(
    shared: Option<(f64, f64)>,
    shared_at: Option<crate::time::Timestamp>,
    base: Option<(f64, f64)>,
    now: crate::time::Timestamp,
    fresh: std::time::Duration,
) -> Option<(f64, f64)> {
    let recent = shared_at.is_some_and(|at| {
        now.duration_since(at).as_secs() <= i64::try_from(fresh.as_secs()).unwrap_or(i64::MAX)
    });
    if recent {
        return shared;
    }
    base.or(shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_team_is_where_it_said_while_that_is_fresh_then_at_its_base() {
        let at = |s: &str| s.parse::<crate::time::Timestamp>().unwrap();
        let fresh = std::time::Duration::from_secs(30 * 60);
        let said = Some((42.37, -71.10));
        let base = Some((42.36, -71.09));
        let when = Some(at("2026-11-26T20:00:00Z"));
        assert_eq!(
            whereabouts(said, when, base, at("2026-11-26T20:29:00Z"), fresh),
            said
        );
        assert_eq!(
            whereabouts(said, when, base, at("2026-11-26T20:31:00Z"), fresh),
            base
        );
        // No base: the last position, however old.
        assert_eq!(
            whereabouts(said, when, None, at("2026-11-27T20:00:00Z"), fresh),
            said
        );
        assert_eq!(
            whereabouts(None, None, None, at("2026-11-27T20:00:00Z"), fresh),
            None
        );
    }

    #[test]
    fn the_whole_path() {
        let team = TeamId::new();
        let mut l = Lifecycle::new();
        for cmd in [
            Command::Screen { wait: true },
            Command::Assign { team },
            Command::EnRoute,
            Command::OnScene,
            Command::Close {
                outcome: CloseOutcome::ConnectedToSupport,
            },
        ] {
            l = decide(&l, &cmd).unwrap();
        }
        assert_eq!(l.status, Status::Closed);
        assert_eq!(l.outcome, Some(CloseOutcome::ConnectedToSupport));
    }

    #[test]
    fn distance_across_cambridge() {
        // Central Square to Harvard Square: about 1.6 km
        let d = distance_km((42.3655, -71.1040), (42.3736, -71.1190));
        assert!((1.3..1.8).contains(&d), "{d}");
    }

    #[test]
    fn a_team_cancelled_on_scene_wraps_up_rather_than_vanishing() {
        assert_eq!(
            team_status_after(Status::OnScene, &Command::Cancel),
            Some(TeamStatus::WrappingUp)
        );
        assert_eq!(
            team_status_after(Status::EnRoute, &Command::Cancel),
            Some(TeamStatus::Available)
        );
    }

    #[test]
    fn illegal_moves_say_why() {
        let l = Lifecycle::new();
        let e = decide(&l, &Command::OnScene).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a request that is received cannot be moved by on_scene"
        );
        let closed = Lifecycle {
            status: Status::Closed,
            team: None,
            outcome: Some(CloseOutcome::ResolvedForNow),
        };
        assert!(decide(&closed, &Command::Cancel).is_err());
        assert!(decide(&closed, &Command::Screen { wait: true }).is_err());
    }

    fn arb_command() -> impl Strategy<Value = Command> {
        prop_oneof![
            any::<bool>().prop_map(|wait| Command::Screen { wait }),
            Just(Command::Assign {
                team: TeamId(uuid::Uuid::nil())
            }),
            Just(Command::Unassign),
            Just(Command::EnRoute),
            Just(Command::OnScene),
            (0usize..5).prop_map(|i| Command::Close {
                outcome: CloseOutcome::ALL[i]
            }),
            Just(Command::Cancel),
        ]
    }

    proptest! {
        #[test]
        fn no_sequence_reaches_an_illegal_state(cmds in proptest::collection::vec(arb_command(), 0..40)) {
            let mut l = Lifecycle::new();
            for cmd in &cmds {
                let before = l.clone();
                match decide(&l, cmd) {
                    Ok(n) => {
                        prop_assert!(before.status.is_open(), "moved out of a final status");
                        l = n;
                    }
                    Err(_) => prop_assert_eq!(&l, &before),
                }
                // invariants of every reachable state
                prop_assert_eq!(l.status == Status::Closed, l.outcome.is_some(), "closed iff outcome");
                prop_assert_eq!(l.status.has_team(), l.team.is_some(), "team iff assigned/en route/on scene");
            }
        }
    }
}
