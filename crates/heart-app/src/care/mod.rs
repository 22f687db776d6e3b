//! The encounter record, closing with the person's outcome, and follow-ups.

pub mod follow_ups;
mod merge;
pub mod notes;
pub mod person;

use crate::IntoViews;
use crate::intake::Request;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, MAX_NOTE_CHARS, Need};
use heart_domain::dispatch::{Command, Status};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{EncounterId, FollowUpId, RequestId};
use heart_domain::intake::FieldErrors;
use heart_domain::text::Words;
use heart_store::CareOp;
use heart_store::{ChangeSet, EncounterRow, FollowUpRow, Op};
use serde::Deserialize;

crate::view! {
    /// What happened when a team met the person.
    Encounter from heart_store::EncounterRow {
        id: heart_domain::ids::EncounterId,
        request_id: heart_domain::ids::RequestId,
        team_id: Option<heart_domain::ids::TeamId>,
        needs: Vec<heart_domain::care::Need>,
        actions: String,
        own_words: Option<String>,
        outcome: heart_domain::care::CloseOutcome,
        follow_up_consent: bool,
        follow_up_method: Option<heart_domain::care::FollowUpMethod>,
        created_at: heart_domain::time::Timestamp,
        created_by: String,
    }
}

crate::view! {
    /// A follow-up the person agreed to.
    FollowUp from heart_store::FollowUpRow {
        id: heart_domain::ids::FollowUpId,
        request_id: heart_domain::ids::RequestId,
        encounter_id: Option<heart_domain::ids::EncounterId>,
        due_at: heart_domain::time::Timestamp,
        method: Option<heart_domain::care::FollowUpMethod>,
        done_at: Option<heart_domain::time::Timestamp>,
        done_note: Option<String>,
        done_by: Option<String>,
        /// Set when the person was erased before the follow-up was done: it will not happen.
        cancelled_at: Option<heart_domain::time::Timestamp>,
        version: i64,
        /// How the last try went.
        result: Option<heart_domain::care::FollowUpResult>,
        tries: i64,
        /// Who took it, as the audit log names them.
        taken_by: Option<String>,
    }
}

/// The encounter record as entered.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = EncounterBody))]
#[serde(deny_unknown_fields)]
pub struct EncounterInput {
    /// housing, food, money, mental_health, substance_use, safety, conflict, medical, other.
    #[serde(default)]
    pub needs: Vec<String>,
    /// What was done.
    pub actions: Option<String>,
    /// The person's own words (optional, with their agreement).
    pub own_words: Option<String>,
    /// connected_to_support, resolved_for_now, declined_their_choice, could_not_find_them or ongoing_support.
    pub outcome: Option<String>,
    #[serde(default)]
    pub follow_up_consent: bool,
    /// phone, text, visit or other.
    pub follow_up_method: Option<String>,
    /// Hours until the follow-up is due (1-720, default 48).
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    pub follow_up_hours: Option<i64>,
    /// The person said just now that this way of reaching them is safe (needed when intake did not mark it so).
    #[serde(default)]
    pub follow_up_safe_confirmed: bool,
    /// For the team's own care, never part of the person's record: someone died.
    #[serde(default)]
    pub death: bool,
    /// For the team's own care: the team saw violence.
    #[serde(default)]
    pub violence: bool,
    /// For the team's own care: "this was a hard one". Any of the three opens a debrief for a coordinator.
    #[serde(default)]
    pub hard: bool,
}

struct ParsedEncounter {
    needs: Vec<Need>,
    actions: String,
    own_words: Option<String>,
    outcome: CloseOutcome,
    follow_up: Option<(Option<FollowUpMethod>, i64)>,
}

fn text(
    errors: &mut FieldErrors,
    field: &str,
    v: Option<String>,
    required: bool,
) -> Option<String> {
    let words = Words::up_to(MAX_NOTE_CHARS);
    let words = if required { words.required() } else { words };
    words.check(errors, field, v.as_deref())
}

impl EncounterInput {
    fn parse(self, default_hours: i64) -> Result<ParsedEncounter, FieldErrors> {
        let mut e = FieldErrors::default();
        let mut needs = Vec::new();
        for n in &self.needs {
            match Need::parse(n) {
                Some(n) if !needs.contains(&n) => needs.push(n),
                Some(_) => {}
                None => e.add("needs", "unknown"),
            }
        }
        let actions = text(&mut e, "actions", self.actions, true).unwrap_or_default();
        let own_words = text(&mut e, "own_words", self.own_words, false);
        let outcome = match self.outcome.as_deref().map(str::trim) {
            None | Some("") => {
                e.add("outcome", "required");
                CloseOutcome::ResolvedForNow
            }
            Some(o) => CloseOutcome::parse(o).unwrap_or_else(|| {
                e.add("outcome", "unknown");
                CloseOutcome::ResolvedForNow
            }),
        };
        let method = match self.follow_up_method.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(m) => FollowUpMethod::parse(m).or_else(|| {
                e.add("follow_up_method", "unknown");
                None
            }),
        };
        let hours = self.follow_up_hours.unwrap_or(default_hours);
        if !(1..=24 * 30).contains(&hours) {
            e.add("follow_up_hours", "out_of_range");
        }
        // Consent to a follow-up includes how: the way it is safe to reach them is part of the consent.
        if self.follow_up_consent && method.is_none() && !e.0.contains_key("follow_up_method") {
            e.add("follow_up_method", "required");
        }
        let follow_up = self.follow_up_consent.then_some((method, hours));
        e.into_result(ParsedEncounter {
            needs,
            actions,
            own_words,
            outcome,
            follow_up,
        })
    }
}

/// A follow-up with the request it belongs to (for the list).
#[derive(Clone, Debug)]
pub struct FollowUpItem {
    pub follow_up: FollowUp,
    pub request: Request,
    /// Whether now is a safe time to call or text the person (their safe-contact times).
    pub safe: crate::intake::SafeNow,
}

impl App {
    /// Records the encounter and closes the request with the outcome chosen with the person. With consent, a
    /// follow-up is due `follow_up_hours` later (48 by default). One transaction.
    pub async fn close_with_encounter(
        &self,
        actor: &Actor,
        id: RequestId,
        input: EncounterInput,
    ) -> AppResult<Request> {
        self.close_with_encounter_from(actor, id, input, None).await
    }

    /// The encounter sent by a responder's phone (`from`: its key and time, kept with it; see `offline.rs`).
    pub async fn close_with_encounter_from(
        &self,
        actor: &Actor,
        id: RequestId,
        input: EncounterInput,
        from: Option<&crate::offline::FromDevice>,
    ) -> AppResult<Request> {
        let row = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        if !row.status.is_open() || row.team_id.is_some() && actor.team != row.team_id {
            // Reassigned or closed since the team saw it: said so to the team it was with.
            if !actor.caps.has(Capability::Dispatch) && self.was_with_team(actor, &row).await? {
                return Err(AppError::conflict(
                    "changed-meanwhile",
                    "the request was reassigned or closed meanwhile",
                ));
            }
        }
        if row.team_id.is_some() {
            self.require_team_or_dispatch(actor, &row)?;
        } else {
            actor.require(&[Capability::Intake, Capability::Dispatch])?;
        }
        if !row.status.is_open() {
            return Err(AppError::conflict(
                "closed-already",
                format!(
                    "a request that is {} cannot be closed again",
                    row.status.as_str()
                ),
            ));
        }
        if row.team_id.is_some() && row.status != Status::OnScene {
            return Err(AppError::conflict(
                "not-on-scene",
                format!(
                    "a request that is {} cannot be closed by close; the team marks on scene first",
                    row.status.as_str()
                ),
            ));
        }
        let confirmed = input.follow_up_safe_confirmed;
        let hard: Vec<&str> = [
            ("death", input.death),
            ("violence", input.violence),
            ("hard", input.hard),
        ]
        .into_iter()
        .filter_map(|(r, on)| on.then_some(r))
        .collect();
        let p = input
            .parse(self.config.follow_up_hours)
            .map_err(AppError::Invalid)?;
        // No message goes to a contact that is not marked safe for it: a call or a text needs the person's word
        // that it is safe, from intake or from them now (which is then kept on the request).
        let mut row = row;
        if let Some((Some(method), _)) = p.follow_up {
            let flag = match method {
                FollowUpMethod::Phone => Some(&mut row.safe_contact.call_ok),
                FollowUpMethod::Text => Some(&mut row.safe_contact.text_ok),
                FollowUpMethod::Visit | FollowUpMethod::Other => None,
            };
            if let Some(safe) = flag
                && !*safe
            {
                if !confirmed {
                    return Err(AppError::field("follow_up_method", "not_marked_safe"));
                }
                *safe = true;
            }
        }
        let now = self.clock.now();
        let who = actor.audit_name();
        let eid = EncounterId::new();
        let mut cs = ChangeSet::new().op(Op::Care(CareOp::InsertEncounter(EncounterRow {
            id: eid,
            request_id: id,
            team_id: row.team_id,
            needs: p.needs.clone(),
            actions: p.actions,
            own_words: p.own_words,
            outcome: p.outcome,
            follow_up_consent: p.follow_up.is_some(),
            follow_up_method: p.follow_up.and_then(|(m, _)| m),
            created_at: now,
            created_by: who.clone(),
        })));
        if let Some(op) = self.device_op(actor, from, "encounter", Some(id), row.team_id)? {
            cs.push(op);
        }
        cs.ops
            .extend(self.debrief_ops(row.team_id, Some(id), &hard).await?);
        let needs: Vec<&str> = p.needs.iter().map(|n| n.as_str()).collect();
        cs.audit(AuditEntry::new(
            now,
            &who,
            "encounter.create",
            "request",
            &id.to_string(),
            // Which needs is care data: the audit log keeps only how many.
            &format!("needs:{}", needs.len()),
        ));
        if let Some((method, hours)) = p.follow_up {
            let fid = FollowUpId::new();
            cs.push(Op::Care(CareOp::InsertFollowUp(FollowUpRow {
                id: fid,
                request_id: id,
                encounter_id: Some(eid),
                due_at: now
                    .checked_add(jiff::SignedDuration::from_hours(hours))
                    .unwrap_or(now),
                method,
                done_at: None,
                done_note: None,
                done_by: None,
                cancelled_at: None,
                version: 1,
                result: None,
                tries: 0,
                taken_by: None,
            })));
            cs.audit(AuditEntry::new(
                now,
                &who,
                "follow_up.create",
                "follow_up",
                &fid.to_string(),
                &format!("due_in_hours:{hours}"),
            ));
        }
        let closed = self
            .apply_transition(actor, row, Command::Close { outcome: p.outcome }, cs)
            .await?;
        if p.follow_up.is_some() {
            self.publish(LiveEvent {
                kind: EventKind::FollowUpUpdated,
                id: id.to_string(),
                team: None,
            });
        }
        Ok(closed)
    }

    pub async fn encounters(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<Encounter>> {
        self.request_row(actor, id).await?;
        Ok(self.store.encounters(id).await?.views())
    }

    /// Open follow-ups, soonest due first. Responders see their team's; coordinators and dispatchers see all.
    pub async fn follow_ups(&self, actor: &Actor) -> AppResult<Vec<FollowUpItem>> {
        actor.require(&[
            Capability::Coordinate,
            Capability::Dispatch,
            Capability::Respond,
        ])?;
        let mut out = Vec::new();
        for f in self.store.open_follow_ups().await? {
            let Some(request) = self.store.request(f.request_id).await? else {
                continue;
            };
            // The same rule as for reading the request: responders see what their own team handled.
            if self.may_see(actor, &request).await.is_err() {
                continue;
            }
            out.push(FollowUpItem {
                follow_up: f.into(),
                safe: self.safe_now(&request.safe_contact),
                request: request.into(),
            });
        }
        let ids: Vec<RequestId> = out.iter().map(|i| i.request.id).collect();
        self.audit_list_read(actor, "follow_ups.list", "list", "follow-ups", &ids)
            .await?;
        Ok(out)
    }

    pub async fn follow_ups_for(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<FollowUp>> {
        actor.require(&[
            Capability::Coordinate,
            Capability::Dispatch,
            Capability::Respond,
            Capability::Intake,
        ])?;
        self.request_row(actor, id).await?;
        Ok(self.store.follow_ups_for(id).await?.views())
    }

    /// Marks a follow-up done: the person was reached (`follow_up_result` with `reached`).
    pub async fn complete_follow_up(
        &self,
        actor: &Actor,
        id: FollowUpId,
        note: &str,
    ) -> AppResult<FollowUp> {
        self.follow_up_result(
            actor,
            id,
            follow_ups::FollowUpResultInput {
                result: Some("reached".into()),
                note: Some(note.to_string()),
                due: None,
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encounter_needs_actions_and_an_outcome() {
        let e = EncounterInput::default().parse(48).err().unwrap();
        assert_eq!(
            e.0.keys().map(String::as_str).collect::<Vec<_>>(),
            ["actions", "outcome"]
        );
        let e = EncounterInput {
            needs: vec!["housing".into(), "risk_score".into()],
            actions: Some("talked".into()),
            outcome: Some("arrested".into()),
            follow_up_hours: Some(0),
            ..Default::default()
        }
        .parse(48)
        .err()
        .unwrap();
        assert_eq!(e.0["needs"], "unknown");
        assert_eq!(e.0["outcome"], "unknown");
        assert_eq!(e.0["follow_up_hours"], "out_of_range");
    }

    #[test]
    fn follow_up_only_with_consent() {
        let ok = EncounterInput {
            needs: vec!["food".into(), "food".into()],
            actions: Some("brought food".into()),
            outcome: Some("resolved_for_now".into()),
            ..Default::default()
        }
        .parse(48)
        .ok()
        .unwrap();
        assert_eq!(ok.needs, vec![Need::Food]);
        assert!(ok.follow_up.is_none());
    }
}
