//! Sending what waits in an outbox (a partner's callbacks, referral hooks, mail, texts): one claim and one settle
//! for the four, over heart-store's `outbox`.

use crate::{App, AppResult};
use heart_domain::time::Timestamp;
use heart_store::outbox::{Outbox, OutboxOp, Try};
use heart_store::{ChangeSet, Op, StoreError};

/// How long a sender holds a row it took (longer than any exchange with the other end: lettre allows 30 s a step
/// of SMTP, the outbound client 10 s a request): a sender that dies mid-send leaves it due again after this.
const CLAIM_SECS: i64 = 600;

impl App {
    /// Takes a due row for this sender (read with `next_at` = `was`): false when another sender took it first.
    pub(crate) async fn claim(
        &self,
        outbox: Outbox,
        id: impl ToString,
        was: Timestamp,
    ) -> AppResult<bool> {
        let cs = ChangeSet::new().op(Op::Outbox(OutboxOp::Claim {
            outbox,
            id: id.to_string(),
            was,
            until: self.clock.now() + jiff::SignedDuration::from_secs(CLAIM_SECS),
        }));
        match self.store.apply(cs).await {
            Ok(()) => Ok(true),
            Err(StoreError::Conflict) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Records how a try ended, `attempts` in all. A row settled meanwhile (by another sender, after this one's
    /// claim ran out) is left as it is. A provider's id already known is kept without it (its reports will not
    /// match), rather than losing that the text went.
    pub(crate) async fn settle(
        &self,
        outbox: Outbox,
        id: impl ToString,
        attempts: i64,
        outcome: Try,
    ) -> AppResult<()> {
        let id = id.to_string();
        let op = |outcome| {
            ChangeSet::new().op(Op::Outbox(OutboxOp::Settle {
                outbox,
                id: id.clone(),
                attempts,
                outcome,
                at: self.clock.now(),
            }))
        };
        match self.store.apply(op(outcome.clone())).await {
            Ok(()) | Err(StoreError::Conflict) => Ok(()),
            Err(StoreError::Duplicate(_))
                if matches!(
                    outcome,
                    Try::Sent {
                        provider_ref: Some(_)
                    }
                ) =>
            {
                match self.store.apply(op(Try::Sent { provider_ref: None })).await {
                    Ok(()) | Err(StoreError::Conflict) => Ok(()),
                    Err(e) => Err(e.into()),
                }
            }
            Err(e) => Err(e.into()),
        }
    }
}
