//! Hours and rest: care for the people who do the work. A place that would take someone past `week_hours` in a
//! week, or leave them less than `rest_hours` between two shifts, is not taken silently: the person is warned and
//! may sign up anyway (the coordinators are told), and a coordinator placing someone past them gives a reason, kept
//! in the audit entry. Nobody is scored: the figures are the person's own hours, shown to them and to coordinators.

use super::{Rota, RotaMove};
use crate::push::PushKind;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::ids::{ShiftId, UserId};
use heart_domain::rota::{self as rules, PAST_LIMIT_REASONS, Strain};
use heart_domain::time::Timestamp;
use heart_store::Op;
use heart_store::rota::SlotRow;
use jiff::SignedDuration;
use std::collections::BTreeMap;

/// What a person, or a coordinator, says when a place would go past the team's hours or rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PastLimits {
    /// The person signs up (or takes a place) knowing it goes past.
    pub anyway: bool,
    /// A coordinator placing someone past them: why (one of `PAST_LIMIT_REASONS`).
    pub reason: Option<String>,
}

/// Someone past their hours in a week (once a week), or short of rest before or after a shift, for the
/// coordinators.
#[derive(Clone, Debug, PartialEq)]
pub struct Strained {
    /// "hours" or "rest".
    pub kind: &'static str,
    /// Hours: the first of their shifts that week; rest: the shift with too little rest around it.
    pub slot: ShiftId,
    pub team_name: String,
    pub starts_at: Timestamp,
    /// YYYY-MM-DD, the Monday of the week.
    pub week: String,
    pub name: String,
    pub strain: Strain,
}

/// A person's week on the rota: minutes in their places this week, and the team's limit in hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MyWeek {
    pub minutes: i64,
    pub limit_hours: i64,
    pub rest_hours: i64,
}

impl App {
    /// The slots that may bear on the hours of the week of `at` and the rest around it.
    async fn slots_near(&self, from: Timestamp, to: Timestamp) -> AppResult<Vec<SlotRow>> {
        let margin = SignedDuration::from_hours(self.config.rest_hours + 24);
        let from = from.checked_sub(margin).unwrap_or(from);
        let to = to.checked_add(margin).unwrap_or(to);
        Ok(self.store.rota().slots(from, to).await?)
    }

    /// Where a place in `row` would leave `who` against the team's hours and rest.
    pub(super) async fn strain_of(&self, who: UserId, row: &SlotRow) -> AppResult<Strain> {
        let tz = self.config.tz();
        let week = rules::week_of(row.shift.starts_at, &tz);
        let near = self
            .slots_near(
                week.0.min(row.shift.starts_at),
                week.1.max(row.shift.ends_at),
            )
            .await?;
        let others: Vec<_> = near
            .iter()
            .filter(|s| s.shift.id != row.shift.id && s.places.iter().any(|p| p.user_id == who))
            .map(|s| (s.shift.starts_at, s.shift.ends_at))
            .collect();
        Ok(rules::strain(
            &others,
            (row.shift.starts_at, row.shift.ends_at),
            week,
            self.config.week_hours,
            self.config.rest_hours,
        ))
    }

    /// Whether a move may go past the limits: a person who said "anyway", a coordinator with a reason from the
    /// list. The field error otherwise: `slot` (a person: `past_hours` or `past_rest`) or `reason` (a coordinator:
    /// `needs_reason`).
    pub(super) fn past_allowed(m: RotaMove, strain: &Strain, past: &PastLimits) -> AppResult<()> {
        let Some(code) = strain.code() else {
            return Ok(());
        };
        match m {
            RotaMove::Place(_) => match past.reason.as_deref().map(str::trim) {
                None | Some("") => Err(AppError::field("reason", "needs_reason")),
                Some(r) if !PAST_LIMIT_REASONS.contains(&r) => {
                    Err(AppError::field("reason", "unknown"))
                }
                Some(_) => Ok(()),
            },
            _ if past.anyway => Ok(()),
            _ => Err(AppError::field("slot", code)),
        }
    }

    /// The alerts of a place taken past the limits: to the coordinators when the person signed up, to the person
    /// when a coordinator placed them.
    pub(super) async fn past_alerts(
        &self,
        m: RotaMove,
        who: UserId,
        slot: ShiftId,
    ) -> AppResult<Vec<Op>> {
        let to: Vec<UserId> = match m {
            RotaMove::Place(_) => vec![who],
            _ => self
                .store
                .users()
                .await?
                .into_iter()
                .filter(|u| u.active && u.capabilities.has(Capability::Coordinate) && u.id != who)
                .map(|u| u.id)
                .collect(),
        };
        self.alert_ops(
            &to,
            PushKind::RotaStrain,
            None,
            None,
            &format!("/rota#slot-{slot}"),
        )
        .await
    }

    /// The coming places past someone's hours or rest (for the rota page of those who coordinate).
    pub(super) async fn strains(&self, rota: &Rota) -> AppResult<Vec<Strained>> {
        let (Some(first), Some(last)) = (rota.slots.first(), rota.slots.last()) else {
            return Ok(Vec::new());
        };
        let tz = self.config.tz();
        let from = rules::week_of(first.starts_at, &tz).0;
        let near = self.slots_near(from, last.ends_at).await?;
        let mut by_person: BTreeMap<UserId, Vec<&SlotRow>> = BTreeMap::new();
        for s in &near {
            for p in &s.places {
                by_person.entry(p.user_id).or_default().push(s);
            }
        }
        let mut out = Vec::new();
        let mut weeks_told = std::collections::HashSet::new();
        for slot in &rota.slots {
            for p in &slot.people {
                let mine = by_person.get(&p.user_id).map(Vec::as_slice).unwrap_or(&[]);
                let others: Vec<_> = mine
                    .iter()
                    .filter(|s| s.shift.id != slot.id)
                    .map(|s| (s.shift.starts_at, s.shift.ends_at))
                    .collect();
                let week = rules::week_of(slot.starts_at, &tz);
                let strain = rules::strain(
                    &others,
                    (slot.starts_at, slot.ends_at),
                    week,
                    self.config.week_hours,
                    self.config.rest_hours,
                );
                let monday = week.0.to_zoned_datetime(tz.clone()).date().to_string();
                let entry = |kind| Strained {
                    kind,
                    slot: slot.id,
                    team_name: slot.team_name.clone(),
                    starts_at: slot.starts_at,
                    week: monday.clone(),
                    name: p.name.clone(),
                    strain,
                };
                if strain.past_hours && weeks_told.insert((p.user_id, week.0)) {
                    out.push(entry("hours"));
                }
                if strain.past_rest {
                    out.push(entry("rest"));
                }
            }
        }
        Ok(out)
    }

    /// The person's own hours on the rota this week (none for a token that acts for nobody).
    pub async fn my_rota_week(&self, actor: &Actor) -> AppResult<Option<MyWeek>> {
        let ActorKind::User(me) = actor.kind else {
            return Ok(None);
        };
        let week = rules::week_of(self.clock.now(), &self.config.tz());
        let slots = self.store.rota().slots(week.0, week.1).await?;
        let minutes = slots
            .iter()
            .filter(|s| s.places.iter().any(|p| p.user_id == me))
            .map(|s| rules::minutes_within((s.shift.starts_at, s.shift.ends_at), week))
            .sum();
        Ok(Some(MyWeek {
            minutes,
            limit_hours: self.config.week_hours,
            rest_hours: self.config.rest_hours,
        }))
    }
}
