//! Text messages: the conversation with a texter (number and words sealed under the person's data key), the outbox
//! of replies waiting for the provider, and numbers that said STOP (kept only as a keyed hash).

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{
    RowKey, SqlStore, Tx, all, backend, get, guarded, id, id_o, one, row_key, ts, ts_o, us, us_opt,
    write_err,
};
use crate::{StoreError, StoreResult, seal};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One text message, in or out. `phone` and `body` are `None` once the person is erased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsRow {
    pub id: SmsId,
    pub subject: SubjectId,
    pub request: Option<RequestId>,
    /// "in" or "out".
    pub direction: String,
    pub phone: Option<String>,
    pub body: Option<String>,
    /// in: "received"; out: "queued", "sent", "delivered", "undelivered", "failed".
    pub status: String,
    pub provider_sid: Option<String>,
    pub attempts: i64,
    pub next_at: Option<Timestamp>,
    /// The provider's error code, or why it was not sent ("opted_out").
    pub error: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    phone: String,
    body: String,
}

/// A change to the text-message tables.
#[derive(Clone, Debug, PartialEq)]
pub enum SmsOp {
    /// A message (sealed on the way in). A provider id seen before is `Duplicate("message")`.
    Insert(SmsRow),
    /// Status, provider id, attempts and next try of an outgoing message, or of the deletion at the provider of
    /// an erased person's message (nothing sealed changes).
    Update {
        id: SmsId,
        status: String,
        provider_sid: Option<String>,
        attempts: i64,
        next_at: Option<Timestamp>,
        error: Option<String>,
        at: Timestamp,
    },
    /// The provider reported on a message it took.
    Report {
        provider_sid: String,
        status: String,
        error: Option<String>,
        at: Timestamp,
    },
    OptOut {
        phone: String,
        at: Timestamp,
    },
    OptIn {
        phone: String,
    },
}

/// The status of a message whose person was erased and which the provider still holds: heart asks the provider
/// to delete it (then `deleted_at_provider`, or `delete_failed` with the provider's code).
pub const DELETE_PENDING: &str = "delete_pending";

/// Reads of the text-message tables.
#[async_trait]
pub trait SmsStore: Send + Sync {
    /// The conversation of a request, oldest first.
    async fn sms_for_request(&self, request: RequestId) -> StoreResult<Vec<SmsRow>>;
    /// Outgoing messages waiting for the provider and due now, oldest first.
    async fn sms_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<SmsRow>>;
    /// Messages of erased people that the provider still holds, due to be deleted there.
    async fn sms_deletions_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<SmsRow>>;
    /// Whether a number said STOP (and not START since).
    async fn sms_opted_out(&self, phone: &str) -> StoreResult<bool>;
}

const SELECT: &str = "SELECT m.*, m.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
     s.key_version AS k_version FROM sms_messages m LEFT JOIN subjects s ON s.id = m.subject";

fn seal_msg(id: &str, bytes: &[u8], key: &heart_crypto::keys::DataKey, version: u32) -> Vec<u8> {
    key.seal(
        heart_crypto::keys::Aad {
            table: "sms_messages",
            column: seal::COLUMN,
            row_id: id,
            key_version: version,
        },
        bytes,
    )
}

fn sms_row(row: &impl RowGet, keys: &heart_crypto::keys::Keys) -> StoreResult<SmsRow> {
    let mut m = SmsRow {
        id: id(row, "id")?,
        subject: id(row, "subject")?,
        request: id_o(row, "request_id")?,
        direction: get(row, "direction")?,
        phone: None,
        body: None,
        status: get(row, "status")?,
        provider_sid: get(row, "provider_sid")?,
        attempts: get(row, "attempts")?,
        next_at: ts_o(row, "next_at")?,
        error: get(row, "error")?,
        created_at: ts(row, "created_at")?,
        updated_at: ts(row, "updated_at")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key(row, keys)?, sealed) {
        let opened = key.open(
            heart_crypto::keys::Aad {
                table: "sms_messages",
                column: seal::COLUMN,
                row_id: &m.id.to_string(),
                key_version: version,
            },
            &bytes,
        );
        match opened
            .ok()
            .and_then(|raw| serde_json::from_slice::<Sealed>(&raw).ok())
        {
            Some(s) => {
                m.phone = Some(s.phone);
                m.body = Some(s.body);
            }
            None => tracing::error!(sms = %m.id, "a text message does not open"),
        }
    }
    Ok(m)
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &SmsOp,
) -> StoreResult<()> {
    match op {
        SmsOp::Insert(m) => {
            let (Some(phone), Some(body)) = (&m.phone, &m.body) else {
                return Err(StoreError::Rule("text message"));
            };
            let Some((key, version)) = tx.key(conn, m.subject).await? else {
                return Err(StoreError::Refused("erased-person"));
            };
            let raw = serde_json::to_vec(&Sealed {
                phone: phone.clone(),
                body: body.clone(),
            })
            .map_err(|_| StoreError::Rule("text message"))?;
            let sealed = seal_msg(&m.id.to_string(), &raw, &key, version);
            sqlx::query::<D>(
                "INSERT INTO sms_messages (id, subject, request_id, direction, sealed, status, provider_sid, \
                 attempts, next_at, error, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
            )
            .arg(m.id.to_string())
            .arg(m.subject.to_string())
            .arg(m.request.map(|r| r.to_string()))
            .arg(&m.direction)
            .arg(sealed)
            .arg(&m.status)
            .arg(&m.provider_sid)
            .arg(m.attempts)
            .arg(us_opt(m.next_at))
            .arg(&m.error)
            .arg(us(m.created_at))
            .arg(us(m.updated_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("message"))?;
        }
        SmsOp::Update {
            id,
            status,
            provider_sid,
            attempts,
            next_at,
            error,
            at,
        } => {
            let n = sqlx::query::<D>(
                "UPDATE sms_messages SET status = $1, provider_sid = $2, attempts = $3, next_at = $4, error = $5, \
                 updated_at = $6 WHERE id = $7 AND status IN ('queued', 'delete_pending')",
            )
            .arg(status.as_str())
            .arg(provider_sid.clone())
            .arg(*attempts)
            .arg(us_opt(*next_at))
            .arg(error.clone())
            .arg(us(*at))
            .arg(id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("message"))?;
            guarded(n)?;
        }
        SmsOp::Report {
            provider_sid,
            status,
            error,
            at,
        } => {
            sqlx::query::<D>(
                "UPDATE sms_messages SET status = $1, error = $2, updated_at = $3 WHERE provider_sid = $4 \
                 AND direction = 'out' \
                 AND status NOT IN ('delete_pending', 'deleted_at_provider', 'delete_failed')",
            )
            .arg(status.as_str())
            .arg(error.clone())
            .arg(us(*at))
            .arg(provider_sid.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("message"))?;
        }
        SmsOp::OptOut { phone, at } => {
            let idx = seal::phone_index(&tx.keys.get(), phone);
            sqlx::query::<D>(
                "INSERT INTO sms_optouts (phone_index, at) VALUES ($1, $2) ON CONFLICT (phone_index) DO NOTHING",
            )
            .arg(idx)
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("opt-out"))?;
        }
        SmsOp::OptIn { phone } => {
            let idx = seal::phone_index(&tx.keys.get(), phone);
            sqlx::query::<D>("DELETE FROM sms_optouts WHERE phone_index = $1")
                .arg(idx)
                .exec(&mut *conn)
                .await
                .map_err(write_err("opt-out"))?;
        }
    }
    Ok(())
}

impl<D: Db> SqlStore<D> {
    /// Messages in one outbox state (`queued` to send, `delete_pending` to delete at the provider) that are due.
    async fn sms_due_in(
        &self,
        status: &str,
        now: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<SmsRow>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE m.status = $1 AND m.next_at <= $2 ORDER BY m.next_at, m.id LIMIT $3"
        )))
        .arg(status)
        .arg(us(now))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("outbox"))?;
        all(r, |row| sms_row(row, &self.keys))
    }
}

#[async_trait]
impl<D: Db> SmsStore for SqlStore<D> {
    async fn sms_for_request(&self, request: RequestId) -> StoreResult<Vec<SmsRow>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE m.request_id = $1 ORDER BY m.created_at, m.id"
        )))
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("messages"))?;
        all(r, |row| sms_row(row, &self.keys))
    }

    async fn sms_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<SmsRow>> {
        self.sms_due_in("queued", now, limit).await
    }

    async fn sms_deletions_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<SmsRow>> {
        self.sms_due_in(DELETE_PENDING, now, limit).await
    }

    async fn sms_opted_out(&self, phone: &str) -> StoreResult<bool> {
        let idx = seal::phone_index(&self.keys.get(), phone);
        let r = sqlx::query::<D>("SELECT phone_index FROM sms_optouts WHERE phone_index = $1")
            .arg(idx)
            .opt_in(&self.read)
            .await
            .map_err(backend("opt-outs"))?;
        Ok(one(r, |_| Ok(()))?.is_some())
    }
}
