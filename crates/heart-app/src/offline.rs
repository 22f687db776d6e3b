//! A responder's phone with no signal: what it sends afterwards. Each action ("on our way", "arrived", a check-in,
//! the encounter) comes with a key the device made for it and the device's time. The key is kept in the change set
//! of the action itself, so an action sent twice (the answer lost on the way back, the queue sent again) is done
//! once, and the board shows when the team did it as well as when it arrived.

use crate::{Actor, App, AppError, AppResult};
use heart_domain::ids::{RequestId, TeamId};
use heart_domain::time::Timestamp;
use heart_store::offline::{DeviceSendRow, OfflineOp};
use heart_store::{Op, StoreError};

/// How far back a device's time may be (a phone that was out of signal for days still sends what it kept).
const OLDEST_DAYS: i64 = 30;
/// How far ahead of this server's clock a device's time may be (a phone's clock a little fast).
const AHEAD_MINUTES: i64 = 24 * 60;

/// The key a device made for one action and the device's time when the person did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FromDevice {
    pub key: String,
    pub device_at: Timestamp,
}

impl FromDevice {
    /// The form's `device_key` and `device_at` (RFC 3339). Neither: an action sent with signal, nothing to keep. One
    /// without the other, a key that is not 16 to 64 letters, digits or dashes, or a time that is not RFC 3339:
    /// a field error.
    pub fn parse(key: Option<&str>, device_at: Option<&str>) -> AppResult<Option<FromDevice>> {
        let key = key.map(str::trim).filter(|k| !k.is_empty());
        let at = device_at.map(str::trim).filter(|k| !k.is_empty());
        match (key, at) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(AppError::field("device_key", "required")),
            (Some(_), None) => Err(AppError::field("device_at", "required")),
            (Some(key), Some(at)) => {
                let ok = (16..=64).contains(&key.len())
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !ok {
                    return Err(AppError::field("device_key", "invalid"));
                }
                let device_at = at
                    .parse::<Timestamp>()
                    .map_err(|_| AppError::field("device_at", "invalid"))?;
                Ok(Some(FromDevice {
                    key: key.to_string(),
                    device_at,
                }))
            }
        }
    }
}

/// What a device sent, for the board and the request's page.
pub type DeviceSend = DeviceSendRow;

impl App {
    /// The op that keeps a device's key with its action, in the action's own change set; the device's time must be
    /// within the last 30 days and at most a day ahead of this server's clock.
    pub(crate) fn device_op(
        &self,
        actor: &Actor,
        from: Option<&FromDevice>,
        what: &str,
        request: Option<RequestId>,
        team: Option<TeamId>,
    ) -> AppResult<Option<Op>> {
        let Some(from) = from else { return Ok(None) };
        let now = self.clock.now();
        let oldest = now - jiff::SignedDuration::from_hours(24 * OLDEST_DAYS);
        let latest = now + jiff::SignedDuration::from_mins(AHEAD_MINUTES);
        if from.device_at < oldest || from.device_at > latest {
            return Err(AppError::field("device_at", "out_of_range"));
        }
        Ok(Some(Op::Offline(OfflineOp::Record(DeviceSendRow {
            key: from.key.clone(),
            actor: actor.audit_name(),
            what: what.to_string(),
            request_id: request,
            team_id: team,
            device_at: from.device_at,
            received_at: now,
        }))))
    }

    /// Does `act` once per device key: an action whose key was kept before (by this person) is not done again and
    /// answers `None`, as does one whose twin arrived meanwhile (the key's insert refused as a duplicate). A key
    /// kept for someone else is refused.
    pub async fn once<T, Fut>(
        &self,
        actor: &Actor,
        from: Option<&FromDevice>,
        act: Fut,
    ) -> AppResult<Option<T>>
    where
        Fut: std::future::Future<Output = AppResult<T>>,
    {
        let Some(from) = from else {
            return act.await.map(Some);
        };
        if self.sent_before(actor, from).await? {
            return Ok(None);
        }
        match act.await {
            Ok(v) => Ok(Some(v)),
            Err(AppError::Duplicate(_)) if self.sent_before(actor, from).await? => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn sent_before(&self, actor: &Actor, from: &FromDevice) -> AppResult<bool> {
        match self.store.offline().device_send(&from.key).await? {
            None => Ok(false),
            Some(row) if row.actor == actor.audit_name() => Ok(true),
            Some(_) => Err(AppError::field("device_key", "used")),
        }
    }

    /// What devices sent for a request, in the order the team did it: for those who may read the request.
    pub async fn device_sends(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<DeviceSend>> {
        self.request_row(actor, id).await?;
        match self.store.offline().device_sends_for(id).await {
            Ok(rows) => Ok(rows),
            Err(StoreError::NotFound) => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_and_a_time_or_neither() {
        assert_eq!(FromDevice::parse(None, None).unwrap(), None);
        assert_eq!(FromDevice::parse(Some(" "), Some("")).unwrap(), None);
        let ok = FromDevice::parse(
            Some("0b5c1c3e-7f43-4a8e-9d59-2f7e0c9a1b22"),
            Some("2026-12-05T01:02:03.456Z"),
        )
        .unwrap()
        .unwrap();
        assert_eq!(ok.device_at.to_string(), "2026-12-05T01:02:03.456Z");
        for (k, t, field) in [
            (Some("0b5c1c3e-7f43-4a8e"), None, "device_at"),
            (None, Some("2026-12-05T01:02:03Z"), "device_key"),
            (Some("short"), Some("2026-12-05T01:02:03Z"), "device_key"),
            (
                Some("0b5c1c3e 7f43 4a8e 9d59"),
                Some("2026-12-05T01:02:03Z"),
                "device_key",
            ),
            (
                Some("0b5c1c3e-7f43-4a8e-9d59"),
                Some("yesterday"),
                "device_at",
            ),
        ] {
            let e = FromDevice::parse(k, t).unwrap_err();
            assert!(format!("{e:?}").contains(field), "{k:?} {t:?}: {e:?}");
        }
    }
}
