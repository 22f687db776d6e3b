//! The outboxes: what heart sends to someone outside waits in a table until it has gone. Five of them (a
//! partner's callbacks, a partner organisation's referral hooks, receipts and statements by mail, texts, alerts to
//! the team's phones) share one claim and one settle:
//!
//! - **claim**: a sender takes a due row by moving its `next_at` to the end of its claim, guarded by the `next_at`
//!   it read. Of two senders (two nodes, or a slow batch and the next), one gets the row and the other `Conflict`,
//!   so nothing is sent twice; a sender that dies mid-send leaves the row due again when its claim runs out.
//! - **settle**: after a try the row is sent, due again at a later time, or given up, guarded by its still
//!   waiting (a sender whose claim ran out and another that settled it first leave it as it is).

use crate::StoreResult;
use crate::backend::{Bind, Db, Run};
use crate::sql::{guarded, us, us_opt, write_err};
use heart_domain::time::Timestamp;

/// Which outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outbox {
    /// News of a request for the partner whose alert opened it.
    Callbacks,
    /// News of a referral for the partner organisation it was sent to.
    ReferralHooks,
    /// Receipts and yearly statements to donors.
    Mail,
    /// Texts to people (the provider's deletion of erased people's texts keeps its own steps).
    Texts,
    /// Alerts to the team's phones (Web Push).
    Push,
}

impl Outbox {
    fn table(self) -> &'static str {
        match self {
            Outbox::Callbacks => "callback_outbox",
            Outbox::ReferralHooks => "referral_outbox",
            Outbox::Mail => "mail_outbox",
            Outbox::Texts => "sms_messages",
            Outbox::Push => "push_outbox",
        }
    }

    /// The rows still to send (SQL, on the outbox's own columns).
    fn waiting(self) -> &'static str {
        match self {
            Outbox::Callbacks | Outbox::ReferralHooks | Outbox::Texts | Outbox::Push => {
                "status = 'queued'"
            }
            Outbox::Mail => "sent_at IS NULL AND failed_at IS NULL",
        }
    }

    /// Its name in errors (never a value).
    fn what(self) -> &'static str {
        match self {
            Outbox::Callbacks => "callback",
            Outbox::ReferralHooks => "referral notice",
            Outbox::Mail => "mail",
            Outbox::Texts => "message",
            Outbox::Push => "alert",
        }
    }
}

/// How a try ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Try {
    /// It went; a text carries the provider's id for it (for its delivery reports).
    Sent { provider_ref: Option<String> },
    /// Not yet: tried again at `next_at`.
    Again { next_at: Timestamp, error: String },
    /// Given up for good.
    Failed { error: String },
}

#[derive(Clone, Debug, PartialEq)]
pub enum OutboxOp {
    /// Takes a due row until `until`, guarded by the `next_at` it was read with: of two senders, one gets it, the
    /// other `Conflict`.
    Claim {
        outbox: Outbox,
        id: String,
        was: Timestamp,
        until: Timestamp,
    },
    /// After a try, `attempts` in all (guarded: still waiting; `Conflict` when settled meanwhile).
    Settle {
        outbox: Outbox,
        id: String,
        attempts: i64,
        outcome: Try,
        at: Timestamp,
    },
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &OutboxOp) -> StoreResult<()> {
    match op {
        OutboxOp::Claim {
            outbox,
            id,
            was,
            until,
        } => {
            let n = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
                "UPDATE {} SET next_at = $1 WHERE id = $2 AND next_at = $3 AND {}",
                outbox.table(),
                outbox.waiting()
            )))
            .arg(us(*until))
            .arg(id.as_str())
            .arg(us(*was))
            .exec(&mut *conn)
            .await
            .map_err(write_err(outbox.what()))?;
            guarded(n)
        }
        OutboxOp::Settle {
            outbox,
            id,
            attempts,
            outcome,
            at,
        } => settle::<D>(conn, *outbox, id, *attempts, outcome, *at).await,
    }
}

async fn settle<D: Db>(
    conn: &mut D::Connection,
    outbox: Outbox,
    id: &str,
    attempts: i64,
    outcome: &Try,
    at: Timestamp,
) -> StoreResult<()> {
    let (status, next_at, error, provider_ref) = match outcome {
        Try::Sent { provider_ref } => ("sent", None, None, provider_ref.clone()),
        Try::Again { next_at, error } => ("queued", Some(*next_at), Some(error.clone()), None),
        Try::Failed { error } => ("failed", None, Some(error.clone()), None),
    };
    let table = outbox.table();
    let waiting = outbox.waiting();
    let q = match outbox {
        Outbox::Callbacks | Outbox::ReferralHooks | Outbox::Push => sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET status = $1, attempts = $2, next_at = $3, error = $4, updated_at = $5 \
             WHERE id = $6 AND {waiting}"
        )))
        .arg(status)
        .arg(attempts)
        .arg(us_opt(next_at))
        .arg(error)
        .arg(us(at))
        .arg(id),
        Outbox::Texts => sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET status = $1, attempts = $2, next_at = $3, error = $4, updated_at = $5, \
             provider_sid = $6 WHERE id = $7 AND {waiting}"
        )))
        .arg(status)
        .arg(attempts)
        .arg(us_opt(next_at))
        .arg(error)
        .arg(us(at))
        .arg(provider_ref)
        .arg(id),
        // A mail's `next_at` is always set: the time of its last try once it is settled for good.
        Outbox::Mail => sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET attempts = $1, next_at = $2, sent_at = $3, failed_at = $4, error = $5 \
             WHERE id = $6 AND {waiting}"
        )))
        .arg(attempts)
        .arg(us(next_at.unwrap_or(at)))
        .arg(us_opt((status == "sent").then_some(at)))
        .arg(us_opt((status == "failed").then_some(at)))
        .arg(error)
        .arg(id),
    };
    let n = q.exec(&mut *conn).await.map_err(write_err(outbox.what()))?;
    guarded(n)
}
