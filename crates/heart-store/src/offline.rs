//! What a responder's phone sent after a time with no signal: the key the device made for each action and the
//! device's time, kept in the change set of the action itself, so the same action sent twice is done once and the
//! board shows when it happened as well as when it arrived.

use crate::StoreResult;
use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{SqlStore, all, backend, corrupt, get, ts, us, write_err};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// One action a device sent: what (`en_route`, `on_scene`, `check_in`, `encounter`), for which request or team, by
/// whom (the audit name), when the device says it was done and when it arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceSendRow {
    pub key: String,
    pub actor: String,
    pub what: String,
    pub request_id: Option<RequestId>,
    pub team_id: Option<TeamId>,
    pub device_at: Timestamp,
    pub received_at: Timestamp,
}

/// A change to what devices sent.
#[derive(Clone, Debug, PartialEq)]
pub enum OfflineOp {
    /// Keeps a device's key with its action; a key kept before makes the whole change set fail as a duplicate, so
    /// an action sent twice is done once.
    Record(DeviceSendRow),
}

#[async_trait]
pub trait OfflineStore: Send + Sync {
    /// What was sent under this key, if anything.
    async fn device_send(&self, key: &str) -> StoreResult<Option<DeviceSendRow>>;
    /// What devices sent for a request, in the order the devices did it.
    async fn device_sends_for(&self, request: RequestId) -> StoreResult<Vec<DeviceSendRow>>;
}

fn device_send_row(row: &impl RowGet) -> StoreResult<DeviceSendRow> {
    let opt = |col: &'static str| -> StoreResult<Option<String>> { get(row, col) };
    fn parse<T: std::str::FromStr>(
        v: Option<String>,
        what: &'static str,
    ) -> StoreResult<Option<T>> {
        v.map(|s| s.parse().map_err(|_| corrupt(what))).transpose()
    }
    Ok(DeviceSendRow {
        key: get(row, "key")?,
        actor: get(row, "actor")?,
        what: get(row, "what")?,
        request_id: parse(opt("request_id")?, "device send request")?,
        team_id: parse(opt("team_id")?, "device send team")?,
        device_at: ts(row, "device_at")?,
        received_at: ts(row, "received_at")?,
    })
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &OfflineOp) -> StoreResult<()> {
    match op {
        OfflineOp::Record(r) => {
            sqlx::query::<D>(
                "INSERT INTO device_sends (key, actor, what, request_id, team_id, device_at, received_at) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7)",
            )
            .arg(r.key.as_str())
            .arg(r.actor.as_str())
            .arg(r.what.as_str())
            .arg(r.request_id.map(|i| i.to_string()))
            .arg(r.team_id.map(|i| i.to_string()))
            .arg(us(r.device_at))
            .arg(us(r.received_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("device send"))?;
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> OfflineStore for SqlStore<D> {
    async fn device_send(&self, key: &str) -> StoreResult<Option<DeviceSendRow>> {
        let r = sqlx::query::<D>("SELECT * FROM device_sends WHERE key = $1")
            .arg(key)
            .all_in(&self.read)
            .await
            .map_err(backend("device sends"))?;
        Ok(all(r, device_send_row)?.into_iter().next())
    }

    async fn device_sends_for(&self, request: RequestId) -> StoreResult<Vec<DeviceSendRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM device_sends WHERE request_id = $1 ORDER BY device_at, received_at, key",
        )
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("device sends"))?;
        all(r, device_send_row)
    }
}
