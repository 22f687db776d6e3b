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
}

/// One live event. `team` scopes it for responders (a responder only sees their own team's events); it is not sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LiveEvent {
    pub kind: EventKind,
    pub id: String,
    #[serde(skip)]
    pub team: Option<String>,
}
