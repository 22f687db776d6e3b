//! Alerts to phones (Web Push): each person's devices that turned alerts on (the push service's endpoint and the
//! device's keys, as the browser gave them) and the outbox of alerts waiting for them (sent through the shared
//! claim and settle of `outbox.rs`).

use crate::StoreResult;
use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{SqlStore, all, backend, get, id, ts, us, write_err};
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
    pub subscription_id: String,
    pub kind: String,
    pub body: String,
    pub attempts: i64,
    pub next_at: Timestamp,
    pub created_at: Timestamp,
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

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &PushOp) -> StoreResult<()> {
    match op {
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
                    "INSERT INTO push_outbox (id, subscription_id, kind, body, status, attempts, next_at, error, \
                     created_at, updated_at) VALUES ($1,$2,$3,$4,'queued',0,$5,NULL,$6,$7)",
                )
                .arg(p.id.as_str())
                .arg(p.subscription_id.as_str())
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
