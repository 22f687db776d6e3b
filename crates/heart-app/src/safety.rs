//! Responder safety, without police: a check-in timer while on scene, and a silent "need help" alert.
//! Neither can summon police: alerts go to dispatch and the other teams on shift, nowhere else.

use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::TeamStatus;
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::AlertId;
use heart_store::{AlertKind, AlertRow, ChangeSet, Op};

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
                let request = self.store.team_request(t.id).await?.map(|r| r.id);
                let a = AlertRow {
                    id: AlertId::new(),
                    kind: AlertKind::CheckinLapsed,
                    team_id: t.id,
                    request_id: request,
                    lat: t.lat,
                    lon: t.lon,
                    created_at: now,
                    cleared_at: None,
                    cleared_by: None,
                };
                let mut cs = ChangeSet::new().op(Op::InsertAlert(a.clone()));
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

    /// "Need help": silently alerts dispatch and the other teams on shift, with the team's position.
    pub async fn need_help(
        &self,
        actor: &Actor,
        position: Option<(f64, f64)>,
    ) -> AppResult<AlertRow> {
        actor.require(&[Capability::Respond])?;
        let team = actor
            .team
            .ok_or_else(|| AppError::field("team", "required"))?;
        let t = self.store.team(team).await?.ok_or(AppError::NotFound)?;
        let position = position
            .filter(|(lat, lon)| (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon))
            .or(t.lat.zip(t.lon));
        let now = self.clock.now();
        let a = AlertRow {
            id: AlertId::new(),
            kind: AlertKind::NeedHelp,
            team_id: team,
            request_id: self.store.team_request(team).await?.map(|r| r.id),
            lat: position.map(|p| p.0),
            lon: position.map(|p| p.1),
            created_at: now,
            cleared_at: None,
            cleared_by: None,
        };
        let mut cs = ChangeSet::new().op(Op::InsertAlert(a.clone()));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "alert.need_help",
            "team",
            &team.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.publish(alert_event(EventKind::AlertRaised, &a));
        Ok(a)
    }

    /// Dispatch (or the team itself) clears an alert once the team is safe.
    pub async fn clear_alert(&self, actor: &Actor, id: AlertId) -> AppResult<()> {
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
        let mut cs = ChangeSet::new().op(Op::UpdateAlert(a.clone()));
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
    pub async fn alerts_for(&self, actor: &Actor) -> AppResult<Vec<AlertRow>> {
        actor.require(&[Capability::Dispatch, Capability::Respond])?;
        let all = self.store.open_alerts().await?;
        if actor.caps.has(Capability::Dispatch) {
            return Ok(all);
        }
        Ok(all
            .into_iter()
            .filter(|a| Some(a.team_id) == actor.team || a.kind == AlertKind::NeedHelp)
            .collect())
    }
}
