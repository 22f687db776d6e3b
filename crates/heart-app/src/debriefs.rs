//! Debriefs after hard calls: care for the people who do the work. A "need help" alert, an EMS contact, or an
//! encounter closed with a death, violence seen or "this was a hard one" opens a debrief for a coordinator, due
//! within 24 hours and listed until done (in the same change set as what made the call hard). What is said in it is
//! never recorded: only that it happened, and whether someone asked for time off. Nobody's wellbeing is scored.

use crate::doing::Doing;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{DebriefId, RequestId, TeamId};
use heart_store::debriefs::{DebriefOp, DebriefRow};
use heart_store::{ChangeSet, Op, StoreError};

/// A debrief is due this many hours after it was opened.
pub const DEBRIEF_WITHIN_HOURS: i64 = 24;

/// Why a debrief was opened.
pub const REASONS: [&str; 5] = ["need_help", "ems", "death", "violence", "hard"];

view! {
    /// A debrief: why it was opened, when it is due, and whether it is done.
    Debrief from DebriefRow {
        id: DebriefId,
        team_id: Option<TeamId>,
        request_id: Option<RequestId>,
        reasons: String,
        created_at: jiff::Timestamp,
        due_at: jiff::Timestamp,
        done_at: Option<jiff::Timestamp>,
        done_by: Option<String>,
        time_off: bool,
    }
}

impl Debrief {
    /// Its reasons, in the order of `REASONS`.
    pub fn reason_list(&self) -> Vec<&str> {
        REASONS
            .iter()
            .copied()
            .filter(|r| self.reasons.split(',').any(|x| x == *r))
            .collect()
    }
    /// Not done and past its due time.
    pub fn overdue(&self, now: jiff::Timestamp) -> bool {
        self.done_at.is_none() && self.due_at < now
    }
}

fn merged(had: &str, more: &[&str]) -> String {
    REASONS
        .iter()
        .copied()
        .filter(|r| had.split(',').any(|x| x == *r) || more.contains(r))
        .collect::<Vec<_>>()
        .join(",")
}

impl App {
    /// The ops that open a debrief for what just happened, or add its reasons to the debrief still open about the
    /// same request (or, with no request, the same team's opened in the last day): one conversation per hard call.
    pub(crate) async fn debrief_ops(
        &self,
        team: Option<TeamId>,
        request: Option<RequestId>,
        reasons: &[&str],
    ) -> AppResult<Vec<Op>> {
        if reasons.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.clock.now();
        let store = self.store.debriefs();
        let open = match (request, team) {
            (Some(r), _) => store.open_debrief_for_request(r).await?,
            (None, Some(t)) => store
                .team_debriefs(t, now - jiff::SignedDuration::from_hours(24))
                .await?
                .into_iter()
                .find(|d| d.done_at.is_none() && d.request_id.is_none()),
            (None, None) => None,
        };
        Ok(vec![Op::Debrief(match open {
            Some(d) => {
                let reasons = merged(&d.reasons, reasons);
                if reasons == d.reasons {
                    return Ok(Vec::new());
                }
                DebriefOp::AddReason { id: d.id, reasons }
            }
            None => DebriefOp::Open(DebriefRow {
                id: DebriefId::new(),
                team_id: team,
                request_id: request,
                reasons: merged("", reasons),
                created_at: now,
                due_at: now + jiff::SignedDuration::from_hours(DEBRIEF_WITHIN_HOURS),
                done_at: None,
                done_by: None,
                time_off: false,
            }),
        })])
    }

    /// The debriefs not yet done, the soonest due first (capability `coordinate`).
    pub async fn open_debriefs(&self, actor: &Actor) -> AppResult<Vec<Debrief>> {
        self.may(actor, Doing::Debrief)?;
        let rows = self.store.debriefs().open_debriefs().await?;
        Ok(rows.into_iter().map(Debrief::from).collect())
    }

    /// A coordinator had the debrief: only that it happened is kept, and whether someone asked for time off.
    pub async fn debrief_done(
        &self,
        actor: &Actor,
        id: DebriefId,
        time_off: bool,
    ) -> AppResult<()> {
        self.may(actor, Doing::Debrief)?;
        self.store
            .debriefs()
            .debrief(id)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Debrief(DebriefOp::Done {
            id,
            at: now,
            by: actor.audit_name(),
            time_off,
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "debrief.done",
            "debrief",
            &id.to_string(),
            if time_off { "time_off" } else { "" },
        ));
        match self.store.apply(cs).await {
            Ok(()) => Ok(()),
            Err(StoreError::Conflict) => Err(AppError::conflict(
                "done-already",
                "this debrief was marked done already",
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// The debriefs of the person's own team in the last 90 days (their account page): anyone on a team.
    pub async fn my_debriefs(&self, actor: &Actor) -> AppResult<Vec<Debrief>> {
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Ok(Vec::new());
        }
        let Some(team) = actor.team else {
            return Ok(Vec::new());
        };
        let since = self.clock.now() - jiff::SignedDuration::from_hours(24 * 90);
        let rows = self.store.debriefs().team_debriefs(team, since).await?;
        Ok(rows.into_iter().map(Debrief::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_merge_in_one_order_each_once() {
        assert_eq!(merged("", &["hard", "ems"]), "ems,hard");
        assert_eq!(
            merged("need_help", &["need_help", "death"]),
            "need_help,death"
        );
    }
}
