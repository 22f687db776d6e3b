//! Teams, shifts, the board and the responder's own view.

use super::{Shift, Team};
use super::{TeamNow, board_order, team_event};
use crate::IntoViews;
use crate::intake::Request;
use crate::safety::Alert;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::dispatch::{TeamStatus, team_can_set};
use heart_domain::ids::{ShiftId, TeamId};
use heart_domain::text::Words;
use heart_domain::time::Timestamp;
use heart_store::{AuthOp, DispatchOp};
use heart_store::{ChangeSet, Op, ShiftRow, TeamRow};

/// What the live board shows.
#[derive(Clone, Debug)]
pub struct Board {
    /// Open requests, by priority then age.
    pub requests: Vec<Request>,
    pub teams: Vec<TeamNow>,
    pub alerts: Vec<Alert>,
    /// The neighbourhood of each request placed on the map (by request id).
    pub neighbourhoods: std::collections::HashMap<String, String>,
}

/// What a responder sees.
#[derive(Clone, Debug)]
pub struct ResponderView {
    pub team: Option<TeamNow>,
    /// While on scene: when the next check-in is due.
    pub checkin_due: Option<heart_domain::time::Timestamp>,
    pub request: Option<Request>,
    /// Whether now is a safe time to contact the person of `request` (their safe-contact times).
    pub safe: crate::intake::SafeNow,
    pub alerts: Vec<Alert>,
}

impl App {
    pub async fn board(&self, actor: &Actor) -> AppResult<Board> {
        actor.require(&[Capability::Dispatch])?;
        let mut requests = self.store.open_requests().await?;
        requests.sort_by(board_order);
        let ids: Vec<_> = requests.iter().map(|r| r.id).collect();
        self.audit_list_read(actor, "requests.list", "board", "open", &ids)
            .await?;
        let neighbourhoods = requests
            .iter()
            .filter(|r| !r.location.withheld)
            .filter_map(|r| {
                let p = heart_geo::LatLon::new(r.location.lat?, r.location.lon?);
                Some((r.id.to_string(), self.geo()?.neighbourhood(p)?.to_string()))
            })
            .collect();
        Ok(Board {
            neighbourhoods,
            requests: requests.views(),
            teams: self.teams_now().await?,
            alerts: self.store.open_alerts().await?.views(),
        })
    }

    pub async fn responder_view(&self, actor: &Actor) -> AppResult<ResponderView> {
        actor.require(&[Capability::Respond])?;
        let Some(tid) = actor.team else {
            return Ok(ResponderView {
                team: None,
                checkin_due: None,
                request: None,
                safe: Default::default(),
                alerts: Vec::new(),
            });
        };
        let team = self
            .teams_now()
            .await?
            .into_iter()
            .find(|t| t.row.id == tid);
        let request = self.store.team_request(tid).await?;
        if let Some(r) = &request {
            self.audit_read_once(actor, "request.read", "request", &r.id.to_string())
                .await?;
        }
        let alerts = self
            .store
            .open_alerts()
            .await?
            .into_iter()
            .filter(|a| a.team_id == tid)
            .map(Into::into)
            .collect();
        let checkin_due = team
            .as_ref()
            .filter(|t| t.status == TeamStatus::OnScene)
            .and_then(|t| {
                let since = t.row.checkin_at.unwrap_or(t.row.status_at);
                since
                    .checked_add(jiff::SignedDuration::from_mins(self.config.checkin_minutes))
                    .ok()
            });
        let safe = request
            .as_ref()
            .map(|r| self.safe_now(&r.safe_contact))
            .unwrap_or_default();
        Ok(ResponderView {
            team,
            checkin_due,
            request: request.map(Into::into),
            safe,
            alerts,
        })
    }

    fn own_team(&self, actor: &Actor, team: TeamId) -> AppResult<()> {
        if actor.caps.has(Capability::Dispatch)
            || (actor.caps.has(Capability::Respond) && actor.team == Some(team))
        {
            Ok(())
        } else {
            actor.require(&[Capability::Dispatch])?;
            Err(AppError::NotFound)
        }
    }

    async fn load_team(&self, team: TeamId) -> AppResult<TeamRow> {
        self.store.team(team).await?.ok_or(AppError::NotFound)
    }

    /// A team sets itself available, wrapping up or off shift. The other statuses follow from requests.
    pub async fn set_team_status(
        &self,
        actor: &Actor,
        team: TeamId,
        status: TeamStatus,
    ) -> AppResult<Team> {
        self.own_team(actor, team)?;
        if !team_can_set(status) {
            return Err(AppError::field("status", "invalid"));
        }
        if self.store.team_request(team).await?.is_some() {
            return Err(AppError::conflict(
                "team-on-request",
                "the team is still on a request; move the request first",
            ));
        }
        let mut t = self.load_team(team).await?;
        // Decided on this version of the team: an assignment committed meanwhile makes the write a conflict.
        if matches!(
            t.status,
            TeamStatus::Assigned | TeamStatus::EnRoute | TeamStatus::OnScene
        ) {
            return Err(AppError::conflict(
                "team-on-request",
                "the team is still on a request; move the request first",
            ));
        }
        let now = self.clock.now();
        t.status = status;
        t.status_at = now;
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateTeam(t.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "team.status",
            "team",
            &team.to_string(),
            status.as_str(),
        ));
        self.store.apply(cs).await?;
        t.version += 1;
        self.teams_changed();
        self.publish(team_event(team));
        Ok(t.into())
    }

    /// "We are OK": resets the on-scene timer and clears a lapsed-check-in alert.
    pub async fn check_in(&self, actor: &Actor, team: TeamId) -> AppResult<()> {
        self.check_in_from(actor, team, None).await
    }

    /// A check-in sent by a responder's phone (`from`: its key and time, kept with it; see `offline.rs`).
    pub async fn check_in_from(
        &self,
        actor: &Actor,
        team: TeamId,
        from: Option<&crate::offline::FromDevice>,
    ) -> AppResult<()> {
        self.own_team(actor, team)?;
        let mut t = self.load_team(team).await?;
        let now = self.clock.now();
        t.checkin_at = Some(now);
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateTeam(t)));
        if from.is_some() {
            let request = self.store.team_request(team).await?.map(|r| r.id);
            if let Some(op) = self.device_op(actor, from, "check_in", request, Some(team))? {
                cs.push(op);
            }
        }
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "team.check_in",
            "team",
            &team.to_string(),
            "",
        ));
        let mut cleared = Vec::new();
        for mut a in self.store.open_alerts().await? {
            if a.team_id == team && a.kind == heart_store::AlertKind::CheckinLapsed {
                a.cleared_at = Some(now);
                a.cleared_by = Some(actor.audit_name());
                cleared.push(a.id);
                cs.push(Op::Dispatch(DispatchOp::UpdateAlert(a)));
            }
        }
        self.store.apply(cs).await?;
        self.publish(team_event(team));
        for id in cleared {
            self.publish(heart_domain::events::LiveEvent {
                kind: heart_domain::events::EventKind::AlertCleared,
                id: id.to_string(),
                team: Some(team.to_string()),
            });
        }
        Ok(())
    }

    /// The team's position (from the responder's phone, when they share it).
    pub async fn set_position(
        &self,
        actor: &Actor,
        team: TeamId,
        lat: f64,
        lon: f64,
    ) -> AppResult<()> {
        self.own_team(actor, team)?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(AppError::field("position", "out_of_range"));
        }
        let mut t = self.load_team(team).await?;
        let now = self.clock.now();
        t.lat = Some(lat);
        t.lon = Some(lon);
        t.position_at = Some(now);
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::UpdateTeam(t)));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "team.position",
            "team",
            &team.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.publish(team_event(team));
        Ok(())
    }

    pub async fn create_team(
        &self,
        actor: &Actor,
        name: &str,
        position: Option<(f64, f64)>,
    ) -> AppResult<Team> {
        actor.require(&[Capability::Admin, Capability::Coordinate])?;
        let name = Words::up_to(100)
            .required()
            .parse(Some(name))
            .map_err(|code| AppError::field("name", code))?
            .unwrap_or_default();
        let name = name.as_str();
        let now = self.clock.now();
        let t = TeamRow {
            id: TeamId::new(),
            name: name.to_string(),
            status: TeamStatus::Available,
            status_at: now,
            lat: position.map(|p| p.0),
            lon: position.map(|p| p.1),
            position_at: None,
            base_lat: position.map(|p| p.0),
            base_lon: position.map(|p| p.1),
            checkin_at: None,
            version: 1,
        };
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertTeam(t.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "team.create",
            "team",
            &t.id.to_string(),
            "",
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            heart_store::StoreError::Duplicate(_) => AppError::field("name", "taken"),
            other => other.into(),
        })?;
        self.teams_changed();
        self.publish(team_event(t.id));
        Ok(t.into())
    }

    pub async fn add_shift(
        &self,
        actor: &Actor,
        team: TeamId,
        starts_at: Timestamp,
        ends_at: Timestamp,
    ) -> AppResult<Shift> {
        actor.require(&[Capability::Admin, Capability::Coordinate])?;
        if ends_at <= starts_at {
            return Err(AppError::field("ends_at", "out_of_range"));
        }
        self.load_team(team).await?;
        let s = ShiftRow {
            id: ShiftId::new(),
            team_id: team,
            starts_at,
            ends_at,
            needed: heart_domain::rota::DEFAULT_NEEDED,
            from_pattern: false,
            version: 1,
        };
        let mut cs = ChangeSet::new().op(Op::Dispatch(DispatchOp::InsertShift(s.clone())));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "shift.create",
            "team",
            &team.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.teams_changed();
        self.publish(team_event(team));
        Ok(s.into())
    }
}

/// Teams with their people and their coming shifts, for the coordinator's page.
#[derive(Clone, Debug)]
pub struct Roster {
    pub teams: Vec<RosterTeam>,
    /// Everyone with the respond capability, for moving people between teams.
    pub responders: Vec<(heart_domain::ids::UserId, String, Option<TeamId>)>,
}

#[derive(Clone, Debug)]
pub struct RosterTeam {
    pub team: TeamNow,
    pub members: Vec<String>,
    pub shifts: Vec<Shift>,
}

impl App {
    pub async fn roster(&self, actor: &Actor) -> AppResult<Roster> {
        actor.require(&[
            Capability::Coordinate,
            Capability::Admin,
            Capability::Dispatch,
        ])?;
        let users = self.store.users().await?;
        let responders: Vec<_> = users
            .iter()
            .filter(|u| u.active && u.capabilities.has(Capability::Respond))
            .map(|u| (u.id, u.display_name.clone(), u.team_id))
            .collect();
        let now = self.clock.now();
        let shifts = self.store.shifts_from(now).await?;
        let week = now
            .checked_add(jiff::SignedDuration::from_hours(24 * 7))
            .unwrap_or(now);
        let teams = self
            .teams_now()
            .await?
            .into_iter()
            .map(|t| RosterTeam {
                members: responders
                    .iter()
                    .filter(|r| r.2 == Some(t.row.id))
                    .map(|r| r.1.clone())
                    .collect(),
                shifts: shifts
                    .iter()
                    .filter(|s| s.team_id == t.row.id && s.starts_at < week)
                    .cloned()
                    .map(Into::into)
                    .collect(),
                team: t,
            })
            .collect();
        Ok(Roster { teams, responders })
    }

    /// Moves a responder to a team (or off every team).
    pub async fn set_user_team(
        &self,
        actor: &Actor,
        user: heart_domain::ids::UserId,
        team: Option<TeamId>,
    ) -> AppResult<()> {
        actor.require(&[Capability::Coordinate, Capability::Admin])?;
        let u = self.store.user(user).await?.ok_or(AppError::NotFound)?;
        if !u.capabilities.has(Capability::Respond) {
            return Err(AppError::field("member", "invalid"));
        }
        if let Some(t) = team {
            self.load_team(t).await?;
        }
        // Nobody is pulled off (or added to) a team while it is out with someone.
        for t in [u.team_id, team].into_iter().flatten() {
            if self.store.team_request(t).await?.is_some() {
                return Err(AppError::conflict(
                    "team-on-request",
                    "the team is still on a request: move the request on first",
                ));
            }
        }
        let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::SetUserTeam { user, team }));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "user.team",
            "user",
            &user.to_string(),
            &team.map(|t| format!("team:{t}")).unwrap_or_default(),
        ));
        self.store.apply(cs).await?;
        self.teams_changed();
        Ok(())
    }
}
