//! Audit entries: who did what to which record, when. Never personal data in `detail`.

use crate::ids::AuditId;
use crate::time::Timestamp;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: Timestamp,
    /// "user:<id>", "token:<id>", "public", "system", "cli".
    pub actor: String,
    /// e.g. "request.create", "request.assign".
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    /// Non-personal detail: statuses, outcomes, capability names.
    pub detail: String,
}

impl AuditEntry {
    pub fn new(
        at: Timestamp,
        actor: &str,
        action: &str,
        record_kind: &str,
        record_id: &str,
        detail: &str,
    ) -> Self {
        AuditEntry {
            id: AuditId::new(),
            at,
            actor: actor.into(),
            action: action.into(),
            record_kind: record_kind.into(),
            record_id: record_id.into(),
            detail: detail.into(),
        }
    }
}
