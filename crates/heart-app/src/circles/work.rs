//! What facilitators do in a circle: open it, add people, write notes, record consents, move its stage, make an
//! agreement, keep safety plans, schedule check-ins and record what they found. Each change is checked against the
//! circle as read and written with its version, so a stale edit is refused; nothing is written when a check fails.

use super::{Agreement, CheckIn, Circle, CircleNote, CirclePerson, Consents, taking_part};
use crate::doing::Doing;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::care::FollowUpResult;
use heart_domain::circle::{
    self, AgreementInput, CircleInput, CommitmentStatus, ConsentTo, Facts, NoteInput, PersonInput,
    Stage, StageInput,
};
use heart_domain::ids::*;
use heart_domain::intake::FieldErrors;
use heart_domain::text::Words;
use heart_store::circles::{
    AgreementRow, CheckInRow, CircleNoteRow, CircleOp, CirclePersonRow, CircleRow, CommitmentRow,
    ConsentRow,
};
use heart_store::{ChangeSet, Op, TrustOp};
use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

/// A consent given or withdrawn (`POST /api/v1/circles/{id}/consents`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ConsentBody))]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    pub person_id: Option<String>,
    /// take_part, joint_meeting or agreement.
    pub what: Option<String>,
    /// For `agreement`: which one.
    pub agreement_id: Option<String>,
    /// true: agreed; false: withdrawn (or said no).
    #[serde(default)]
    pub given: bool,
}

/// A check-in scheduled (`POST /api/v1/circles/{id}/check-ins`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CheckInBody))]
#[serde(deny_unknown_fields)]
pub struct CheckInInput {
    /// YYYY-MM-DD, today or later.
    pub due: Option<String>,
}

/// One commitment's status as a check-in found it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CommitmentStatusBody))]
#[serde(deny_unknown_fields)]
pub struct CommitmentUpdate {
    pub id: Option<String>,
    /// open, kept, in_progress or not_kept.
    pub status: Option<String>,
}

/// What a check-in found (`POST /api/v1/circles/{id}/check-ins/{check_in}/result`): the results of the team's
/// follow-ups.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CheckInResultBody))]
#[serde(deny_unknown_fields)]
pub struct CheckInResultInput {
    /// reached, no_answer, rescheduled or declined.
    pub result: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
    /// For `rescheduled`: YYYY-MM-DD.
    pub due: Option<String>,
    #[serde(default)]
    pub commitments: Vec<CommitmentUpdate>,
}

fn done(c: &CircleRow) -> AppResult<()> {
    if c.stage.is_done() {
        return Err(AppError::conflict(
            "circle-done",
            "this circle is closed or ended",
        ));
    }
    Ok(())
}

fn person_in(
    people: &[CirclePersonRow],
    raw: Option<&str>,
    field: &str,
) -> AppResult<CirclePersonRow> {
    let id: Option<CirclePersonId> = raw.map(str::trim).and_then(|s| s.parse().ok());
    match (raw.map(str::trim).filter(|s| !s.is_empty()), id) {
        (None, _) => Err(AppError::field(field, "required")),
        (Some(_), Some(id)) => people
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .ok_or_else(|| AppError::field(field, "not_in_circle")),
        (Some(_), None) => Err(AppError::field(field, "not_in_circle")),
    }
}

impl App {
    fn circle_audit(
        &self,
        cs: &mut ChangeSet,
        actor: &Actor,
        action: &str,
        id: CircleId,
        detail: &str,
    ) {
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            action,
            "circle",
            &id.to_string(),
            detail,
        ));
    }

    /// Opens a circle (a coordinator, or an account holding `circle`): two or more facilitators holding `circle`.
    pub async fn open_circle(&self, actor: &Actor, input: CircleInput) -> AppResult<Circle> {
        self.may(actor, Doing::OpenCircle)?;
        let (title, names) = input.check().map_err(AppError::Invalid)?;
        let mut e = FieldErrors::default();
        let mut facilitators = Vec::new();
        for n in &names {
            match self.store.user_by_username(n).await? {
                Some(u)
                    if u.active
                        && u.organization_id.is_none()
                        && u.capabilities.has(Capability::Circle) =>
                {
                    facilitators.push(u.id)
                }
                _ => e.add("facilitators", "not_facilitator"),
            }
        }
        let request_id = match input
            .request_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(r) => match r.parse::<RequestId>() {
                Ok(id) if self.store.request(id).await?.is_some() => Some(id),
                _ => {
                    e.add("request_id", "unknown");
                    None
                }
            },
        };
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let now = self.clock.now();
        let row = CircleRow {
            id: CircleId::new(),
            subject: SubjectId::new(),
            request_id,
            title,
            stage: Stage::Opened,
            reached: Stage::Opened,
            opened_by: actor.audit_name(),
            opened_at: now,
            closed_at: None,
            purged_at: None,
            version: 1,
            facilitators,
        };
        let mut cs = ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: row.subject,
                at: now,
            }))
            .op(Op::Circle(CircleOp::Open(row.clone())));
        self.circle_audit(&mut cs, actor, "circle.open", row.id, "");
        self.store.apply(cs).await?;
        self.circle_as_stored(row.id).await
    }

    /// Adds a person, with their own data key.
    pub async fn add_circle_person(
        &self,
        actor: &Actor,
        id: CircleId,
        input: PersonInput,
    ) -> AppResult<CirclePerson> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let words = input.check().map_err(AppError::Invalid)?;
        let now = self.clock.now();
        let person = CirclePersonRow {
            id: CirclePersonId::new(),
            circle_id: id,
            subject: SubjectId::new(),
            words: Some(words.clone()),
            plan: None,
            added_at: now,
            added_by: actor.audit_name(),
            withdrawn_at: None,
        };
        let mut cs = ChangeSet::new()
            .op(Op::Trust(TrustOp::NewSubject {
                id: person.subject,
                at: now,
            }))
            .op(Op::Circle(CircleOp::AddPerson {
                version: c.version,
                person: person.clone(),
            }));
        self.circle_audit(&mut cs, actor, "circle.person", id, &person.id.to_string());
        self.store.apply(cs).await?;
        Ok(CirclePerson {
            id: person.id,
            role_words: Some(words.role_words),
            language: words.language,
            contact: words.contact,
            taking_part: true,
            erased: false,
            agreed_to_take_part: None,
            agreed_to_meet: None,
            safety_plan: None,
        })
    }

    /// A note from a conversation with one person, sealed under their key. Pre-meeting notes need no consent to
    /// meet; a person who withdrew takes no more notes.
    pub async fn add_circle_note(
        &self,
        actor: &Actor,
        id: CircleId,
        input: NoteInput,
    ) -> AppResult<CircleNote> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let mut e = FieldErrors::default();
        let text = circle::NOTE.check(&mut e, "text", input.text.as_deref());
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let people = self.store.circles().circle_people(id).await?;
        let p = person_in(&people, input.person_id.as_deref(), "person_id")?;
        if !taking_part(&p) {
            return Err(AppError::field("person_id", "withdrawn"));
        }
        let now = self.clock.now();
        let note = CircleNoteRow {
            id: CircleNoteId::new(),
            circle_id: id,
            person_id: p.id,
            text,
            author: actor.audit_name(),
            author_name: actor.name.clone(),
            created_at: now,
        };
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::Note(note.clone())));
        self.circle_audit(&mut cs, actor, "circle.note", id, &p.id.to_string());
        self.store.apply(cs).await?;
        Ok(CircleNote {
            id: note.id,
            person_id: p.id,
            text: note.text,
            author: note.author_name,
            at: now,
        })
    }

    /// Records a consent given or withdrawn. Withdrawing `take_part` stops the process for that person: they take
    /// no more notes, are not asked to meet, and no agreement is shown to them.
    pub async fn record_circle_consent(
        &self,
        actor: &Actor,
        id: CircleId,
        input: ConsentInput,
    ) -> AppResult<Circle> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let what = match input
            .what
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => return Err(AppError::field("what", "required")),
            Some(w) => ConsentTo::parse(w).ok_or_else(|| AppError::field("what", "choose_one"))?,
        };
        let people = self.store.circles().circle_people(id).await?;
        let p = person_in(&people, input.person_id.as_deref(), "person_id")?;
        if p.words.is_none() {
            return Err(AppError::field("person_id", "erased"));
        }
        if p.withdrawn_at.is_some() && !(what == ConsentTo::TakePart && input.given) {
            return Err(AppError::field("person_id", "withdrawn"));
        }
        let agreement_id = match (
            what,
            input
                .agreement_id
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
        ) {
            (ConsentTo::Agreement, None) => {
                return Err(AppError::field("agreement_id", "required"));
            }
            (ConsentTo::Agreement, Some(a)) => {
                let found = a.parse::<AgreementId>().ok();
                let agreements = self.store.circles().agreements(id).await?;
                match found.filter(|a| agreements.iter().any(|x| x.id == *a)) {
                    Some(a) => Some(a),
                    None => return Err(AppError::field("agreement_id", "unknown")),
                }
            }
            (_, Some(_)) => return Err(AppError::field("agreement_id", "not_for_this")),
            (_, None) => None,
        };
        let consent = ConsentRow {
            id: ConsentId::new(),
            circle_id: id,
            person_id: p.id,
            what,
            agreement_id,
            given: input.given,
            at: self.clock.now(),
            recorded_by: actor.audit_name(),
        };
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::Consent {
            version: c.version,
            consent,
        }));
        let detail = format!(
            "{} {} {}",
            p.id,
            what.as_str(),
            if input.given { "given" } else { "withdrawn" }
        );
        self.circle_audit(&mut cs, actor, "circle.consent", id, &detail);
        self.store.apply(cs).await?;
        self.circle_as_stored(id).await
    }

    /// Moves the circle's stage: forward one at a time, paused and back, or ended; a joint circle only when
    /// everyone still taking part agreed to take part and to meet.
    pub async fn move_circle(
        &self,
        actor: &Actor,
        id: CircleId,
        input: StageInput,
    ) -> AppResult<Circle> {
        let c = self.circle_row(actor, id).await?;
        let to = match input
            .stage
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => return Err(AppError::field("stage", "required")),
            Some(s) => Stage::parse(s).ok_or_else(|| AppError::field("stage", "choose_one"))?,
        };
        let facts = self.circle_facts(&c).await?;
        circle::may_move(c.stage, c.reached, to, facts)
            .map_err(|r| AppError::field("stage", r.code()))?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::Stage {
            circle: id,
            version: c.version,
            stage: to,
            reached: circle::reached_after(c.reached, to),
            at: now,
            by: actor.audit_name(),
        }));
        self.circle_audit(&mut cs, actor, "circle.stage", id, to.as_str());
        self.store.apply(cs).await?;
        self.circle_as_stored(id).await
    }

    async fn circle_facts(&self, c: &CircleRow) -> AppResult<Facts> {
        let store = self.store.circles();
        let people = store.circle_people(c.id).await?;
        let consents = store.circle_consents(c.id).await?;
        let consent = Consents(&consents);
        let in_it: Vec<&CirclePersonRow> = people.iter().filter(|p| taking_part(p)).collect();
        Ok(Facts {
            taking_part: in_it.len(),
            all_agreed_to_meet: in_it.iter().all(|p| {
                consent.latest(p.id, ConsentTo::TakePart, None) == Some(true)
                    && consent.latest(p.id, ConsentTo::JointMeeting, None) == Some(true)
            }),
            has_agreement: !store.agreements(c.id).await?.is_empty(),
        })
    }

    /// Makes an agreement: each commitment names who commits by the role words of someone taking part.
    pub async fn make_agreement(
        &self,
        actor: &Actor,
        id: CircleId,
        input: AgreementInput,
    ) -> AppResult<Agreement> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let lines = input.check(self.today()).map_err(AppError::Invalid)?;
        let people = self.store.circles().circle_people(id).await?;
        let mut e = FieldErrors::default();
        let now = self.clock.now();
        let agreement = AgreementRow {
            id: AgreementId::new(),
            circle_id: id,
            made_at: now,
            made_by: actor.audit_name(),
        };
        let mut rows = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let holder = people.iter().find(|p| {
                taking_part(p)
                    && p.words
                        .as_ref()
                        .is_some_and(|w| circle::same_role(&w.role_words, &l.role_words))
            });
            match holder {
                None => e.add(&format!("commitments[{i}].role_words"), "no_one_holds"),
                Some(p) => rows.push(CommitmentRow {
                    id: CommitmentId::new(),
                    agreement_id: agreement.id,
                    person_id: p.id,
                    position: i as i64,
                    text: Some(l.text.clone()),
                    due_on: l.due.to_string(),
                    status: CommitmentStatus::Open,
                    updated_at: now,
                }),
            }
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::Agreement {
            version: c.version,
            agreement: agreement.clone(),
            commitments: rows.clone(),
        }));
        self.circle_audit(
            &mut cs,
            actor,
            "circle.agreement",
            id,
            &agreement.id.to_string(),
        );
        self.store.apply(cs).await?;
        let view = self.circle_as_stored(id).await?;
        view.agreements
            .into_iter()
            .find(|a| a.id == agreement.id)
            .ok_or(AppError::NotFound)
    }

    /// Keeps a person's safety plan, under their key.
    pub async fn keep_safety_plan(
        &self,
        actor: &Actor,
        id: CircleId,
        person: CirclePersonId,
        plan: super::SafetyPlan,
    ) -> AppResult<()> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let people = self.store.circles().circle_people(id).await?;
        let p = people
            .iter()
            .find(|p| p.id == person)
            .ok_or(AppError::NotFound)?;
        if p.words.is_none() {
            return Err(AppError::field("person_id", "erased"));
        }
        let mut e = FieldErrors::default();
        let who = circle::PLAN.check(&mut e, "who_to_call", plan.who_to_call.as_deref());
        let unsafe_ = circle::PLAN.check(&mut e, "if_unsafe", plan.if_unsafe.as_deref());
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::SafetyPlan {
            person,
            plan: heart_store::circles::SafetyPlan {
                who_to_call: who.unwrap_or_default(),
                if_unsafe: unsafe_.unwrap_or_default(),
            },
        }));
        self.circle_audit(
            &mut cs,
            actor,
            "circle.safety_plan",
            id,
            &person.to_string(),
        );
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Schedules a check-in on an agreement (a circle with none, or closed, is refused).
    pub async fn schedule_check_in(
        &self,
        actor: &Actor,
        id: CircleId,
        input: CheckInInput,
    ) -> AppResult<CheckIn> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let due = self.check_in_day(input.due.as_deref(), "due")?;
        if self.store.circles().agreements(id).await?.is_empty() {
            return Err(AppError::conflict(
                "needs-agreement",
                "a check-in follows an agreement",
            ));
        }
        let row = CheckInRow {
            id: CheckInId::new(),
            circle_id: id,
            due_at: due,
            result: None,
            note: None,
            done_at: None,
            done_by: None,
            tries: 0,
        };
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::ScheduleCheckIn(row.clone())));
        self.circle_audit(&mut cs, actor, "circle.check_in", id, &row.id.to_string());
        self.store.apply(cs).await?;
        Ok(CheckIn {
            id: row.id,
            due_at: row.due_at,
            result: None,
            note: None,
            done_at: None,
        })
    }

    fn check_in_day(
        &self,
        raw: Option<&str>,
        field: &str,
    ) -> AppResult<heart_domain::time::Timestamp> {
        let day = match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => return Err(AppError::field(field, "required")),
            Some(d) => d
                .parse::<jiff::civil::Date>()
                .map_err(|_| AppError::field(field, "invalid_date"))?,
        };
        if day < self.today() {
            return Err(AppError::field(field, "in_past"));
        }
        self.config
            .local_moment(day, jiff::civil::time(10, 0, 0, 0))
            .ok_or_else(|| AppError::field(field, "invalid_date"))
    }

    /// Records what a check-in found, once: `no_answer` is tried again after `follow_up_retry_hours` up to
    /// `follow_up_tries`, then is "could not reach"; `rescheduled` is due again on its day.
    pub async fn check_in_result(
        &self,
        actor: &Actor,
        id: CircleId,
        check_in: CheckInId,
        input: CheckInResultInput,
    ) -> AppResult<CheckIn> {
        let c = self.circle_row(actor, id).await?;
        done(&c)?;
        let store = self.store.circles();
        let k = store
            .check_ins(id)
            .await?
            .into_iter()
            .find(|k| k.id == check_in)
            .ok_or(AppError::NotFound)?;
        if k.done_at.is_some() {
            return Err(AppError::conflict(
                "already-done",
                "this check-in was already recorded",
            ));
        }
        let result = match input
            .result
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => return Err(AppError::field("result", "required")),
            Some(r) => FollowUpResult::GIVEN
                .into_iter()
                .find(|x| x.as_str() == r)
                .ok_or_else(|| AppError::field("result", "choose_one"))?,
        };
        let mut e = FieldErrors::default();
        let note = Words::up_to(2000).check(&mut e, "note", input.note.as_deref());
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let commitments = store.commitments(id).await?;
        let mut statuses = Vec::new();
        for (i, u) in input.commitments.iter().enumerate() {
            let cid =
                u.id.as_deref()
                    .and_then(|s| s.trim().parse::<CommitmentId>().ok());
            let Some(cid) = cid.filter(|x| commitments.iter().any(|m| m.id == *x)) else {
                return Err(AppError::field(&format!("commitments[{i}].id"), "unknown"));
            };
            let Some(s) = u.status.as_deref().and_then(CommitmentStatus::parse) else {
                return Err(AppError::field(
                    &format!("commitments[{i}].status"),
                    "choose_one",
                ));
            };
            statuses.push((cid, s));
        }
        let now = self.clock.now();
        let next_due = match result {
            FollowUpResult::Rescheduled => Some(self.check_in_day(input.due.as_deref(), "due")?),
            FollowUpResult::NoAnswer if k.tries + 1 < self.config.follow_up_tries => {
                Some(now + SignedDuration::from_hours(self.config.follow_up_retry_hours))
            }
            _ => None,
        };
        let recorded = match result {
            FollowUpResult::NoAnswer if next_due.is_none() => FollowUpResult::CouldNotReach,
            r => r,
        };
        let mut cs = ChangeSet::new().op(Op::Circle(CircleOp::CheckInDone {
            id: check_in,
            result: recorded.as_str().into(),
            note: note.clone(),
            at: now,
            by: actor.audit_name(),
            statuses,
        }));
        if let Some(due) = next_due {
            cs.push(Op::Circle(CircleOp::ScheduleCheckIn(CheckInRow {
                id: CheckInId::new(),
                circle_id: id,
                due_at: due,
                result: None,
                note: None,
                done_at: None,
                done_by: None,
                tries: k.tries + 1,
            })));
        }
        self.circle_audit(
            &mut cs,
            actor,
            "circle.check_in_result",
            id,
            recorded.as_str(),
        );
        self.store.apply(cs).await?;
        Ok(CheckIn {
            id: check_in,
            due_at: k.due_at,
            result: Some(recorded.as_str().into()),
            note,
            done_at: Some(now),
        })
    }
}
