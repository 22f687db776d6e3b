//! One person, one record: two records of the same person made one. Someone asks (naming a request of each); a
//! second person approves, with their second factor and a confirmation, as for erasure; then everything of the
//! asked-about record is sealed again under the other's key and its own key is destroyed. The audit says who
//! merged what.

use super::person::user_of;
use super::*;
use heart_domain::access::{ApprovalKind, ApprovalStatus};
use heart_store::{SealState, TrustOp};

/// Why two records are made one: the person agreed that both are theirs (recorded with the ask).
pub const MERGE_REASON: &str = "person_agreed";

impl App {
    /// Asks to merge the record of request `id` into the record of request `into` (a reference or an id), with
    /// the person's agreement (`agreed`, recorded as the ask's reason). Refused for the same record twice, an
    /// erased record, or a merge already waiting.
    pub async fn ask_merge(
        &self,
        actor: &Actor,
        id: RequestId,
        into: &str,
        agreed: bool,
    ) -> AppResult<heart_domain::ids::ApprovalId> {
        let _ = user_of(actor)?;
        if !agreed {
            return Err(AppError::field("agreed", "required"));
        }
        let from = self.request_row(actor, id).await?;
        let into_id = self
            .resolve_request(actor, into)
            .await
            .map_err(|_| AppError::field("into", "not_found"))?;
        let to = self
            .request_row(actor, into_id)
            .await
            .map_err(|_| AppError::field("into", "not_found"))?;
        if from.subject == to.subject {
            return Err(AppError::field("into", "same_person"));
        }
        if from.sealed == SealState::Erased || to.sealed == SealState::Erased {
            return Err(AppError::conflict(
                "already-erased",
                "this person's record was already erased",
            ));
        }
        self.nothing_pending(from.subject, to.subject, true).await?;
        self.insert_approval(
            actor,
            ApprovalKind::Merge,
            Some(from.subject),
            Some(into_id),
            None,
            None,
            MERGE_REASON,
        )
        .await
    }

    /// The approved merge's change: the record of `subject` into the record of the request `into`.
    pub(super) async fn merge_op(
        &self,
        cs: &mut ChangeSet,
        actor: &Actor,
        subject: heart_domain::ids::SubjectId,
        into: RequestId,
        now: heart_domain::time::Timestamp,
    ) -> AppResult<()> {
        let to = self.store.request(into).await?.ok_or(AppError::NotFound)?;
        let from_erased = self
            .store
            .subject(subject)
            .await?
            .is_none_or(|s| s.erased_at.is_some());
        if to.subject == subject || to.sealed != SealState::Open || from_erased {
            return Err(AppError::conflict(
                "already-erased",
                "this person's record was already erased",
            ));
        }
        // This merge is itself still waiting as it is approved: only an erasure of either record stops it.
        self.nothing_pending(subject, to.subject, false).await?;
        // Like an erasure, the merged key's end goes in the erasure log first.
        self.log_erasure(subject, now)?;
        cs.push(Op::Trust(TrustOp::MergeSubject {
            from: subject,
            into: to.subject,
            at: now,
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "person.merge",
            "person",
            &subject.to_string(),
            &to.subject.to_string(),
        ));
        Ok(())
    }

    /// Refuses a merge while an erasure of either record waits for approval (it would be defeated by moving the
    /// record: decide it first), or, when `merges` is true, another merge of the record does.
    async fn nothing_pending(
        &self,
        from: heart_domain::ids::SubjectId,
        into: heart_domain::ids::SubjectId,
        merges: bool,
    ) -> AppResult<()> {
        for (who, merge_too) in [(from, merges), (into, false)] {
            let busy = self
                .store
                .approvals_for_subject(who)
                .await?
                .into_iter()
                .filter(|a| a.status == ApprovalStatus::Pending)
                .any(|a| {
                    a.kind == ApprovalKind::Erase || (merge_too && a.kind == ApprovalKind::Merge)
                });
            if busy {
                return Err(AppError::conflict(
                    "already-asked",
                    "this is already waiting for approval",
                ));
            }
        }
        Ok(())
    }
}
