//! Responder safety, without police: a check-in timer while on scene, and a silent "need help" alert.
//! Neither can summon police: alerts go to dispatch and the other teams on shift, nowhere else.

use crate::IntoViews;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::Status;
use heart_domain::dispatch::TeamStatus;
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::AlertId;
use heart_domain::time::Timestamp;
use heart_store::DispatchOp;
use heart_store::{AlertKind, AlertRow, ChangeSet, Op, RequestRow, TeamRow};

crate::view! {
    /// A safety alert (a responder asked for help, or a check-in is overdue).
    Alert from heart_store::AlertRow {
        id: heart_domain::ids::AlertId,
        kind: heart_domain::dispatch::AlertKind,
        team_id: heart_domain::ids::TeamId,
        request_id: Option<heart_domain::ids::RequestId>,
        /// Where the team is thought to be (kept only while the alert is open).
        lat: Option<f64>,
        lon: Option<f64>,
        /// How that position was known: "device", "request", "shared" or "base".
        position_source: Option<String>,
        /// When that position was true (the press, the arrival, the share); none for a base.
        position_at: Option<heart_domain::time::Timestamp>,
        created_at: heart_domain::time::Timestamp,
        cleared_at: Option<heart_domain::time::Timestamp>,
        cleared_by: Option<String>,
    }
}

/// Where an alert places a team, how that was known, and when it was true.
#[derive(Clone, Debug, PartialEq)]
pub struct BestPosition {
    pub lat: f64,
    pub lon: f64,
    /// "device" (the phone at the press), "request" (the assigned request's point, en route or on scene),
    /// "shared" (the last position the team shared), "base" (where the team starts from).
    pub source: &'static str,
    pub at: Option<Timestamp>,
}

/// The best known position of a team in trouble: the device's own location when the responder allowed it at the
/// press; else, while en route or on scene, the point of the request they went to; else the last position the
/// team shared; else its base. A team on scene at 71 Cherry St is never placed at its base 3 km away.
pub(crate) fn best_position(
    device: Option<(f64, f64)>,
    now: Timestamp,
    team: &TeamRow,
    request: Option<&RequestRow>,
) -> Option<BestPosition> {
    let valid = |(lat, lon): (f64, f64)| {
        lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon)
    };
    if let Some((lat, lon)) = device.filter(|p| valid(*p)) {
        return Some(BestPosition {
            lat,
            lon,
            source: "device",
            at: Some(now),
        });
    }
    if let Some(r) = request
        && matches!(r.status, Status::EnRoute | Status::OnScene)
        && let Some(p) = r.location.lat.zip(r.location.lon).filter(|p| valid(*p))
    {
        return Some(BestPosition {
            lat: p.0,
            lon: p.1,
            source: "request",
            at: Some(team.status_at),
        });
    }
    if let Some(at) = team.position_at
        && let Some(p) = team.lat.zip(team.lon).filter(|p| valid(*p))
    {
        return Some(BestPosition {
            lat: p.0,
            lon: p.1,
            source: "shared",
            at: Some(at),
        });
    }
    team.base_lat
        .zip(team.base_lon)
        .or(team.lat.zip(team.lon))
        .filter(|p| valid(*p))
        .map(|p| BestPosition {
            lat: p.0,
            lon: p.1,
            source: "base",
            at: None,
        })
}

fn alert_event(kind: EventKind, a: &AlertRow) -> LiveEvent {
    // Alerts reach every team on shift, so they carry no team scope.
    LiveEvent {
        kind,
        id: a.id.to_string(),
        team: None,
    }
}

impl App {
    /// Raises a check-in alert for every team on scene longer than the check-in interval without an update.
    /// Returns how many were raised. Run by a timer in `heart serve`.
    pub async fn check_lapsed(&self) -> AppResult<usize> {
        let now = self.clock.now();
        let limit = jiff::SignedDuration::from_mins(self.config.checkin_minutes);
        let open = self.store.open_alerts().await?;
        let mut raised = Vec::new();
        for t in self.store.teams().await? {
            if t.status != TeamStatus::OnScene {
                continue;
            }
            let since = t.checkin_at.unwrap_or(t.status_at);
            let lapsed = now.duration_since(since) >= limit;
            let already = open
                .iter()
                .any(|a| a.team_id == t.id && a.kind == AlertKind::CheckinLapsed);
            if lapsed && !already {
                let request = self.store.team_request(t.id).await?;
                let pos = best_position(None, now, &t, request.as_ref());
                let a = AlertRow {
                    id: AlertId::new(),
                    kind: AlertKind::CheckinLapsed,
                    team_id: t.id,
                    request_id: request.map(|r| r.id),
                    lat: pos.as_ref().map(|p| p.lat),
                    lon: pos.as_ref().map(|p| p.lon),
                    position_source: pos.as_ref().map(|p| p.source.to_string()),
                    position_at: pos.and_then(|p| p.at),
                    created_at: now,
                    cleared_at: None,
                    cleared_by: None,
                };
                let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertAlert(a.clone())));
                let people = self.safety_people(t.id).await?;
                let kind = crate::push::PushKind::CheckinLapsed;
                cs.ops
                    .extend(self.alert_ops(&people, kind, None, None, "/board").await?);
                cs.audit(AuditEntry::new(
                    now,
                    "system",
                    "alert.checkin_lapsed",
                    "team",
                    &t.id.to_string(),
                    "",
                ));
                self.store.apply(cs).await?;
                raised.push(a);
            }
        }
        for a in &raised {
            self.publish(alert_event(EventKind::AlertRaised, a));
        }
        Ok(raised.len())
    }

    /// "Need help": silently alerts dispatch and the other teams on shift, with the team's best known position
    /// (see [`best_position`]): the phone's location when given at the press, else the request's point while en
    /// route or on scene, else the last shared position, else the base; the alert says which and when.
    pub async fn need_help(&self, actor: &Actor, position: Option<(f64, f64)>) -> AppResult<Alert> {
        actor.require(&[Capability::Respond])?;
        let team = actor
            .team
            .ok_or_else(|| AppError::field("team", "required"))?;
        let t = self.store.team(team).await?.ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let request = self.store.team_request(team).await?;
        let pos = best_position(position, now, &t, request.as_ref());
        let a = AlertRow {
            id: AlertId::new(),
            kind: AlertKind::NeedHelp,
            team_id: team,
            request_id: request.map(|r| r.id),
            lat: pos.as_ref().map(|p| p.lat),
            lon: pos.as_ref().map(|p| p.lon),
            position_source: pos.as_ref().map(|p| p.source.to_string()),
            position_at: pos.and_then(|p| p.at),
            created_at: now,
            cleared_at: None,
            cleared_by: None,
        };
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertAlert(a.clone())));
        // A call that needed help is a hard one: a debrief for a coordinator, in the same change set.
        cs.ops.extend(
            self.debrief_ops(Some(team), a.request_id, &["need_help"])
                .await?,
        );
        let people = self.safety_people(team).await?;
        let kind = crate::push::PushKind::NeedHelp;
        cs.ops
            .extend(self.alert_ops(&people, kind, None, None, "/board").await?);
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "alert.need_help",
            "team",
            &team.to_string(),
            a.position_source.as_deref().unwrap_or(""),
        ));
        self.store.apply(cs).await?;
        self.publish(alert_event(EventKind::AlertRaised, &a));
        Ok(a.into())
    }

    /// Dispatch (or the team itself) clears an alert once the team is safe.
    pub async fn clear_alert(&self, actor: &Actor, id: AlertId) -> AppResult<()> {
        // Who may clear any alert at all, before it is looked up (an id is no answer to someone who may not).
        actor.require(&[Capability::Dispatch, Capability::Respond])?;
        let mut a = self.store.alert(id).await?.ok_or(AppError::NotFound)?;
        if !(actor.caps.has(Capability::Dispatch)
            || (actor.caps.has(Capability::Respond) && actor.team == Some(a.team_id)))
        {
            actor.require(&[Capability::Dispatch])?;
        }
        if a.cleared_at.is_some() {
            return Ok(());
        }
        let now = self.clock.now();
        a.cleared_at = Some(now);
        a.cleared_by = Some(actor.audit_name());
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateAlert(a.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "alert.clear",
            "team",
            &a.team_id.to_string(),
            a.kind.as_str(),
        ));
        self.store.apply(cs).await?;
        self.publish(alert_event(EventKind::AlertCleared, &a));
        Ok(())
    }

    /// Alerts a responder sees: their own team's and need-help alerts from other teams on shift.
    pub async fn alerts_for(&self, actor: &Actor) -> AppResult<Vec<Alert>> {
        actor.require(&[Capability::Dispatch, Capability::Respond])?;
        let all = self.store.open_alerts().await?;
        if actor.caps.has(Capability::Dispatch) {
            return Ok(all.views());
        }
        Ok(all
            .into_iter()
            .filter(|a| Some(a.team_id) == actor.team || a.kind == AlertKind::NeedHelp)
            .map(Into::into)
            .collect())
    }
}
