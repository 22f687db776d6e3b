//! Live events: they name what changed, never personal data.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EventKind {
    #[serde(rename = "request.created")]
    RequestCreated,
    #[serde(rename = "request.updated")]
    RequestUpdated,
    #[serde(rename = "team.updated")]
    TeamUpdated,
    #[serde(rename = "alert.raised")]
    AlertRaised,
    #[serde(rename = "alert.cleared")]
    AlertCleared,
    #[serde(rename = "follow_up.updated")]
    FollowUpUpdated,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::RequestCreated => "request.created",
            EventKind::RequestUpdated => "request.updated",
            EventKind::TeamUpdated => "team.updated",
            EventKind::AlertRaised => "alert.raised",
            EventKind::AlertCleared => "alert.cleared",
            EventKind::FollowUpUpdated => "follow_up.updated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            EventKind::RequestCreated,
            EventKind::RequestUpdated,
            EventKind::TeamUpdated,
            EventKind::AlertRaised,
            EventKind::AlertCleared,
            EventKind::FollowUpUpdated,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One live event. `team` scopes it for responders (a responder only sees their own team's events); it is not sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LiveEvent {
    pub kind: EventKind,
    pub id: String,
    #[serde(skip)]
    pub team: Option<String>,
}

impl LiveEvent {
    /// One line for other nodes: `kind id [team]` (ids are UUIDs; nothing personal).
    pub fn to_wire(&self) -> String {
        match &self.team {
            Some(t) => format!("{} {} {t}", self.kind.as_str(), self.id),
            None => format!("{} {}", self.kind.as_str(), self.id),
        }
    }

    pub fn from_wire(s: &str) -> Option<Self> {
        let mut parts = s.split(' ');
        let kind = EventKind::parse(parts.next()?)?;
        let id = parts.next()?.to_string();
        let team = parts.next().map(str::to_string);
        if parts.next().is_some() || id.is_empty() {
            return None;
        }
        Some(LiveEvent { kind, id, team })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_cross_the_wire_unchanged() {
        for e in [
            LiveEvent {
                kind: EventKind::TeamUpdated,
                id: "0190-a".into(),
                team: Some("0190-t".into()),
            },
            LiveEvent {
                kind: EventKind::RequestCreated,
                id: "0190-b".into(),
                team: None,
            },
        ] {
            assert_eq!(LiveEvent::from_wire(&e.to_wire()), Some(e));
        }
        assert_eq!(LiveEvent::from_wire("nonsense"), None);
        assert_eq!(LiveEvent::from_wire("request.created a b c"), None);
    }
}
