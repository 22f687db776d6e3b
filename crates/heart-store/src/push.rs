//! Alerts to phones (Web Push): each person's devices that turned alerts on (the push service's endpoint and the
//! device's keys, as the browser gave them) and the outbox of alerts waiting for them (sent through the shared
//! claim and settle of `outbox.rs`).

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{RowKey, SqlStore, Tx, all, backend, get, id, id_o, row_key, ts, us, write_err};
use crate::{StoreError, StoreResult, seal};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// A device that turned alerts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionRow {
    pub id: String,
    pub user_id: UserId,
    /// The push service's URL for the device (checked by the outbound policy when saved and when sent).
    pub endpoint: String,
    /// The device's P-256 public key and its auth secret, base64url as the browser gave them.
    pub p256dh: String,
    pub auth: String,
    pub created_at: Timestamp,
}

/// An alert waiting for one device. `body` is the JSON the device shows: a kind, a priority, a neighbourhood at
/// most, and a link; never a person's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushRow {
    pub id: String,
    /// The device; for an alert by email, the person (`channel` "email").
    pub subscription_id: String,
    /// "push" (a device) or "email".
    pub channel: String,
    pub kind: String,
    pub body: String,
    pub attempts: i64,
    pub next_at: Timestamp,
    pub created_at: Timestamp,
}

/// How a person's alerts reach them besides their devices, and when they do not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlertWaysRow {
    pub user_id: UserId,
    /// Whose data key seals the number: one of the person's own (kept past the retention period), made with the
    /// first number they give and shredded when they take it away.
    pub subject: Option<SubjectId>,
    /// The same alerts as a text to `phone`.
    pub by_text: bool,
    /// Sealed; `None` when not given (or its key was shredded).
    pub phone: Option<String>,
    /// The same alerts by email to `email` (sealed like the number).
    pub by_email: bool,
    pub email: Option<String>,
    /// Quiet hours, minutes after local midnight, `[from, until)`, across midnight when `from > until`.
    pub quiet: Option<(i32, i32)>,
    /// Alerted of a new request when no team is on shift.
    pub on_call: bool,
    /// The alerts' words in the person's language (JSON, from the page they saved this on).
    pub words: String,
    pub updated_at: Timestamp,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct SealedWays {
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

/// A change to people's devices and their alerts.
#[derive(Clone, Debug, PartialEq)]
pub enum PushOp {
    /// Saves a device; the same endpoint saved again (a browser that subscribed anew, or another person on the
    /// same device) replaces the earlier one.
    Subscribe(SubscriptionRow),
    /// A person turns alerts off on one device (guarded: it must be theirs). What waited for it is dropped.
    Unsubscribe { user: UserId, endpoint: String },
    /// The push service said the device is gone (404 or 410): dropped with what waited for it.
    Drop { subscription: String },
    /// Alerts to send, one row per device.
    Queue(Vec<PushRow>),
    /// A person's ways and quiet hours (replacing what they said before); the number sealed under `subject`'s
    /// key, which must exist (made in the same change set).
    SetWays(AlertWaysRow),
}

#[async_trait]
pub trait PushStore: Send + Sync {
    /// The devices of these people.
    async fn subscriptions_of(&self, users: &[UserId]) -> StoreResult<Vec<SubscriptionRow>>;
    async fn subscription(&self, id: &str) -> StoreResult<Option<SubscriptionRow>>;
    /// Whether anyone has turned alerts on for any device.
    async fn any_device(&self) -> StoreResult<bool>;
    /// How many devices a person has turned alerts on for.
    async fn subscription_count(&self, user: UserId) -> StoreResult<i64>;
    /// Alerts due at `now`, oldest first.
    async fn push_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<PushRow>>;
    /// The ways of these people (those who said any), numbers opened.
    async fn alert_ways_of(&self, users: &[UserId]) -> StoreResult<Vec<AlertWaysRow>>;
    /// The people who said they are on call outside shifts.
    async fn on_call(&self) -> StoreResult<Vec<UserId>>;
}

const WAYS: &str = "SELECT w.*, w.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
     s.key_version AS k_version FROM alert_ways w LEFT JOIN subjects s ON s.id = w.subject";

fn ways_aad(user: &str, version: u32) -> heart_crypto::keys::Aad<'_> {
    heart_crypto::keys::Aad {
        table: "alert_ways",
        column: seal::COLUMN,
        row_id: user,
        key_version: version,
    }
}

fn ways_row(row: &impl RowGet, keys: &heart_crypto::keys::Keys) -> StoreResult<AlertWaysRow> {
    let user: String = get(row, "user_id")?;
    let from: Option<i64> = get(row, "quiet_from")?;
    let until: Option<i64> = get(row, "quiet_until")?;
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    let opened = match (row_key(row, keys)?, sealed) {
        (RowKey::Key(key, version), Some(bytes)) => key
            .open(ways_aad(&user, version), &bytes)
            .ok()
            .and_then(|raw| serde_json::from_slice::<SealedWays>(&raw).ok()),
        _ => None,
    };
    let (phone, email) = opened.map(|s| (s.phone, s.email)).unwrap_or_default();
    Ok(AlertWaysRow {
        user_id: user
            .parse()
            .map_err(|_| crate::sql::corrupt("alert ways"))?,
        subject: id_o(row, "subject")?,
        by_text: get(row, "by_text")?,
        phone,
        by_email: get(row, "by_email")?,
        email,
        quiet: from.zip(until).map(|(f, u)| (f as i32, u as i32)),
        on_call: get(row, "on_call")?,
        words: get(row, "words")?,
        updated_at: ts(row, "updated_at")?,
    })
}

fn subscription_row(row: &impl RowGet) -> StoreResult<SubscriptionRow> {
    Ok(SubscriptionRow {
        id: get(row, "id")?,
        user_id: id(row, "user_id")?,
        endpoint: get(row, "endpoint")?,
        p256dh: get(row, "p256dh")?,
        auth: get(row, "auth")?,
        created_at: ts(row, "created_at")?,
    })
}

fn push_row(row: &impl RowGet) -> StoreResult<PushRow> {
    Ok(PushRow {
        id: get(row, "id")?,
        subscription_id: get(row, "subscription_id")?,
        kind: get(row, "kind")?,
        channel: get(row, "channel")?,
        body: get(row, "body")?,
        attempts: get(row, "attempts")?,
        next_at: ts(row, "next_at")?,
        created_at: ts(row, "created_at")?,
    })
}

async fn drop_waiting<D: Db>(conn: &mut D::Connection, subscription: &str) -> StoreResult<()> {
    sqlx::query::<D>("DELETE FROM push_outbox WHERE subscription_id = $1 AND status = 'queued'")
        .arg(subscription)
        .exec(&mut *conn)
        .await
        .map_err(write_err("alert"))?;
    Ok(())
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &PushOp,
) -> StoreResult<()> {
    match op {
        PushOp::SetWays(w) => {
            let user = w.user_id.to_string();
            let given = w.phone.is_some() || w.email.is_some();
            let sealed = match (given, w.subject) {
                (true, Some(subject)) => {
                    let Some((key, version)) = tx.key(conn, subject).await? else {
                        return Err(StoreError::Refused("erased-person"));
                    };
                    let raw = serde_json::to_vec(&SealedWays {
                        phone: w.phone.clone(),
                        email: w.email.clone(),
                    })
                    .map_err(|_| StoreError::Rule("alert ways"))?;
                    Some(key.seal(ways_aad(&user, version), &raw))
                }
                (true, None) => return Err(StoreError::Rule("alert ways")),
                _ => None,
            };
            sqlx::query::<D>("DELETE FROM alert_ways WHERE user_id = $1")
                .arg(user.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("alert ways"))?;
            sqlx::query::<D>(
                "INSERT INTO alert_ways (user_id, subject, by_text, by_email, sealed, quiet_from, quiet_until, \
                 on_call, words, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            )
            .arg(user.as_str())
            .arg(w.subject.map(|s| s.to_string()))
            .arg(w.by_text)
            .arg(w.by_email)
            .arg(sealed)
            .arg(w.quiet.map(|q| i64::from(q.0)))
            .arg(w.quiet.map(|q| i64::from(q.1)))
            .arg(w.on_call)
            .arg(w.words.as_str())
            .arg(us(w.updated_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("alert ways"))?;
        }
        PushOp::Subscribe(s) => {
            let old = sqlx::query::<D>("SELECT id FROM push_subscriptions WHERE endpoint = $1")
                .arg(s.endpoint.as_str())
                .all(&mut *conn)
                .await
                .map_err(write_err("device"))?;
            for row in old {
                let old_id: String = get(&row, "id")?;
                drop_waiting::<D>(conn, &old_id).await?;
            }
            sqlx::query::<D>("DELETE FROM push_subscriptions WHERE endpoint = $1")
                .arg(s.endpoint.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("device"))?;
            sqlx::query::<D>(
                "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) \
                 VALUES ($1,$2,$3,$4,$5,$6)",
            )
            .arg(s.id.as_str())
            .arg(s.user_id.to_string())
            .arg(s.endpoint.as_str())
            .arg(s.p256dh.as_str())
            .arg(s.auth.as_str())
            .arg(us(s.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("device"))?;
        }
        PushOp::Unsubscribe { user, endpoint } => {
            let rows = sqlx::query::<D>(
                "SELECT id FROM push_subscriptions WHERE endpoint = $1 AND user_id = $2",
            )
            .arg(endpoint.as_str())
            .arg(user.to_string())
            .all(&mut *conn)
            .await
            .map_err(write_err("device"))?;
            let Some(row) = rows.first() else {
                return Err(crate::StoreError::NotFound);
            };
            let sid: String = get(row, "id")?;
            drop_waiting::<D>(conn, &sid).await?;
            sqlx::query::<D>("DELETE FROM push_subscriptions WHERE id = $1")
                .arg(sid.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("device"))?;
        }
        PushOp::Drop { subscription } => {
            drop_waiting::<D>(conn, subscription).await?;
            sqlx::query::<D>("DELETE FROM push_subscriptions WHERE id = $1")
                .arg(subscription.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("device"))?;
        }
        PushOp::Queue(rows) => {
            for p in rows {
                sqlx::query::<D>(
                    "INSERT INTO push_outbox (id, subscription_id, channel, kind, body, status, attempts, next_at, \
                     error, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,'queued',0,$6,NULL,$7,$8)",
                )
                .arg(p.id.as_str())
                .arg(p.subscription_id.as_str())
                .arg(p.channel.as_str())
                .arg(p.kind.as_str())
                .arg(p.body.as_str())
                .arg(us(p.next_at))
                .arg(us(p.created_at))
                .arg(us(p.created_at))
                .exec(&mut *conn)
                .await
                .map_err(write_err("alert"))?;
            }
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> PushStore for SqlStore<D> {
    async fn subscriptions_of(&self, users: &[UserId]) -> StoreResult<Vec<SubscriptionRow>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let r = sqlx::query::<D>("SELECT * FROM push_subscriptions ORDER BY created_at, id")
            .all_in(&self.read)
            .await
            .map_err(backend("devices"))?;
        let wanted: std::collections::HashSet<UserId> = users.iter().copied().collect();
        Ok(all(r, subscription_row)?
            .into_iter()
            .filter(|s| wanted.contains(&s.user_id))
            .collect())
    }

    async fn subscription(&self, sid: &str) -> StoreResult<Option<SubscriptionRow>> {
        let r = sqlx::query::<D>("SELECT * FROM push_subscriptions WHERE id = $1")
            .arg(sid)
            .all_in(&self.read)
            .await
            .map_err(backend("devices"))?;
        Ok(all(r, subscription_row)?.into_iter().next())
    }

    async fn any_device(&self) -> StoreResult<bool> {
        let r = sqlx::query::<D>("SELECT id FROM push_subscriptions LIMIT 1")
            .all_in(&self.read)
            .await
            .map_err(backend("devices"))?;
        Ok(!r.is_empty())
    }

    async fn subscription_count(&self, user: UserId) -> StoreResult<i64> {
        let r = sqlx::query::<D>("SELECT id FROM push_subscriptions WHERE user_id = $1")
            .arg(user.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("devices"))?;
        Ok(r.len() as i64)
    }

    async fn alert_ways_of(&self, users: &[UserId]) -> StoreResult<Vec<AlertWaysRow>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!("{WAYS} ORDER BY w.user_id")))
            .all_in(&self.read)
            .await
            .map_err(backend("alert ways"))?;
        let wanted: std::collections::HashSet<UserId> = users.iter().copied().collect();
        Ok(all(r, |row| ways_row(row, &self.keys))?
            .into_iter()
            .filter(|w| wanted.contains(&w.user_id))
            .collect())
    }

    async fn on_call(&self) -> StoreResult<Vec<UserId>> {
        let r =
            sqlx::query::<D>("SELECT user_id FROM alert_ways WHERE on_call = $1 ORDER BY user_id")
                .arg(true)
                .all_in(&self.read)
                .await
                .map_err(backend("alert ways"))?;
        all(r, |row| id(row, "user_id"))
    }

    async fn push_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<PushRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM push_outbox WHERE status = 'queued' AND next_at <= $1 ORDER BY next_at, id LIMIT $2",
        )
        .arg(us(now))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("alerts"))?;
        all(r, push_row)
    }
}
