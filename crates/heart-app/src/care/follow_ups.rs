//! Follow-ups that can fail: a try's result (reached, no answer, another day, declined), tried again after no
//! answer until the tries run out (then closed as "could not reach"), and taken by a person ("mine").

use super::*;
use heart_domain::care::FollowUpResult;

/// A try's result, as recorded.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = FollowUpResultBody))]
#[serde(deny_unknown_fields)]
pub struct FollowUpResultInput {
    /// reached, no_answer, rescheduled or declined.
    pub result: Option<String>,
    /// What happened (needed when reached; at most 4,000 characters).
    pub note: Option<String>,
    /// For rescheduled only, and needed there: the new date (YYYY-MM-DD, in the morning in the team's time zone)
    /// or a time (RFC 3339), within a year.
    pub due: Option<String>,
}

/// Which follow-ups a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FollowUpFilter {
    #[default]
    All,
    /// Taken by the one asking.
    Mine,
    /// Taken by nobody.
    Unassigned,
    /// Past their due time.
    Overdue,
}

impl FollowUpFilter {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "" | "all" => FollowUpFilter::All,
            "mine" => FollowUpFilter::Mine,
            "unassigned" => FollowUpFilter::Unassigned,
            "overdue" => FollowUpFilter::Overdue,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpFilter::All => "all",
            FollowUpFilter::Mine => "mine",
            FollowUpFilter::Unassigned => "unassigned",
            FollowUpFilter::Overdue => "overdue",
        }
    }
}

/// Why someone takes a follow-up past their caseload: a short list, so nothing about a person is typed.
pub const CASELOAD_REASONS: [&str; 4] = [
    "covering_for_someone",
    "knows_the_person",
    "short_staffed",
    "other",
];

/// A follow-up rescheduled to a date is due at this hour of it (team time).
const RESCHEDULED_HOUR: i8 = 10;

impl App {
    /// Open follow-ups as `follow_ups` lists them, only those the filter keeps.
    pub async fn follow_ups_where(
        &self,
        actor: &Actor,
        filter: FollowUpFilter,
    ) -> AppResult<Vec<FollowUpItem>> {
        let me = actor.audit_name();
        let now = self.clock.now();
        let mut all = self.follow_ups(actor).await?;
        all.retain(|i| match filter {
            FollowUpFilter::All => true,
            FollowUpFilter::Mine => i.follow_up.taken_by.as_deref() == Some(me.as_str()),
            FollowUpFilter::Unassigned => i.follow_up.taken_by.is_none(),
            FollowUpFilter::Overdue => i.follow_up.due_at <= now,
        });
        Ok(all)
    }

    /// Records a try. Reached or declined: done. No answer: due again after `follow_up_retry_hours`, until
    /// `follow_up_tries` tries were made, then closed as "could not reach". Rescheduled: due on the new date.
    pub async fn follow_up_result(
        &self,
        actor: &Actor,
        id: FollowUpId,
        input: FollowUpResultInput,
    ) -> AppResult<FollowUp> {
        actor.require(&[
            Capability::Coordinate,
            Capability::Dispatch,
            Capability::Respond,
        ])?;
        let now = self.clock.now();
        let (result, note, due) = self.parse_result(input, now)?;
        let mut f = self.store.follow_up(id).await?.ok_or(AppError::NotFound)?;
        self.request_row(actor, f.request_id).await?;
        if f.done_at.is_some() {
            return Err(AppError::conflict(
                "follow-up-done",
                "this follow-up is already done",
            ));
        }
        if f.cancelled_at.is_some() {
            return Err(AppError::conflict(
                "follow-up-cancelled",
                "this follow-up was cancelled when the person's record was erased",
            ));
        }
        f.tries += 1;
        if note.is_some() {
            f.done_note = note;
        }
        let retry = jiff::SignedDuration::from_hours(self.config.follow_up_retry_hours);
        f.result = Some(match result {
            FollowUpResult::NoAnswer if f.tries >= self.config.follow_up_tries => {
                FollowUpResult::CouldNotReach
            }
            r => r,
        });
        match f.result {
            Some(FollowUpResult::NoAnswer) => f.due_at = now.checked_add(retry).unwrap_or(now),
            Some(FollowUpResult::Rescheduled) => f.due_at = due.unwrap_or(f.due_at),
            _ => {
                f.done_at = Some(now);
                f.done_by = Some(actor.audit_name());
            }
        }
        let mut cs = ChangeSet::new().op(Op::Care(CareOp::UpdateFollowUp(f.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            if f.done_at.is_some() {
                "follow_up.done"
            } else {
                "follow_up.try"
            },
            "follow_up",
            &id.to_string(),
            f.result.map(FollowUpResult::as_str).unwrap_or_default(),
        ));
        self.store.apply(cs).await?;
        f.version += 1;
        self.publish(LiveEvent {
            kind: EventKind::FollowUpUpdated,
            id: f.request_id.to_string(),
            team: None,
        });
        Ok(f.into())
    }

    fn parse_result(
        &self,
        input: FollowUpResultInput,
        now: heart_domain::time::Timestamp,
    ) -> AppResult<(
        FollowUpResult,
        Option<String>,
        Option<heart_domain::time::Timestamp>,
    )> {
        let mut e = FieldErrors::default();
        let result = match input.result.as_deref().map(str::trim) {
            None | Some("") => {
                e.add("result", "required");
                None
            }
            Some(r) => FollowUpResult::parse(r)
                .filter(|r| FollowUpResult::GIVEN.contains(r))
                .or_else(|| {
                    e.add("result", "unknown");
                    None
                }),
        };
        let note = text(
            &mut e,
            "note",
            input.note,
            result == Some(FollowUpResult::Reached),
        );
        let due = match (result, input.due.as_deref().map(str::trim)) {
            (Some(FollowUpResult::Rescheduled), None | Some("")) => {
                e.add("due", "required");
                None
            }
            (Some(FollowUpResult::Rescheduled), Some(d)) => match self.due_of(d) {
                None => {
                    e.add("due", "invalid_date");
                    None
                }
                Some(at) if at <= now || at > now + jiff::SignedDuration::from_hours(24 * 366) => {
                    e.add("due", "out_of_range");
                    None
                }
                at => at,
            },
            (_, Some(d)) if !d.is_empty() => {
                e.add("due", "not_allowed");
                None
            }
            _ => None,
        };
        match result {
            Some(r) if e.is_empty() => Ok((r, note, due)),
            _ => Err(AppError::Invalid(e)),
        }
    }

    /// A date (in the morning, team time) or a time.
    fn due_of(&self, s: &str) -> Option<heart_domain::time::Timestamp> {
        if let Ok(t) = s.parse::<heart_domain::time::Timestamp>() {
            return Some(t);
        }
        let d: jiff::civil::Date = s.parse().ok()?;
        let at = jiff::civil::Time::new(RESCHEDULED_HOUR, 0, 0, 0).ok()?;
        self.config.local_moment(d, at)
    }

    /// Takes a follow-up ("mine"), or gives it back (`take: false`, only by whoever took it). Taking one more than
    /// `follow_up_caseload` asks why (`reason`, one of [`CASELOAD_REASONS`]), kept in the audit entry.
    pub async fn take_follow_up(
        &self,
        actor: &Actor,
        id: FollowUpId,
        take: bool,
        reason: Option<&str>,
    ) -> AppResult<FollowUp> {
        actor.require(&[
            Capability::Coordinate,
            Capability::Dispatch,
            Capability::Respond,
        ])?;
        let mut f = self.store.follow_up(id).await?.ok_or(AppError::NotFound)?;
        self.request_row(actor, f.request_id).await?;
        let me = actor.audit_name();
        if f.done_at.is_some() || f.cancelled_at.is_some() {
            return Err(AppError::conflict(
                "follow-up-done",
                "this follow-up is already done",
            ));
        }
        // Taken by someone else: neither taken again nor given back by another.
        if f.taken_by.as_ref().is_some_and(|who| *who != me) {
            return Err(AppError::conflict(
                "follow-up-taken",
                "someone else has taken this follow-up",
            ));
        }
        let mut over = "";
        if take && f.taken_by.is_none() {
            let held = self
                .store
                .open_follow_ups()
                .await?
                .iter()
                .filter(|o| o.taken_by.as_deref() == Some(me.as_str()))
                .count();
            if i64::try_from(held).unwrap_or(i64::MAX) >= self.config.follow_up_caseload {
                over = match reason.map(str::trim).filter(|r| !r.is_empty()) {
                    None => return Err(AppError::field("reason", "over_caseload")),
                    Some(r) => CASELOAD_REASONS
                        .iter()
                        .copied()
                        .find(|c| *c == r)
                        .ok_or_else(|| AppError::field("reason", "unknown"))?,
                };
            }
        }
        f.taken_by = take.then_some(me.clone());
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Care(CareOp::UpdateFollowUp(f.clone())));
        cs.audit(AuditEntry::new(
            now,
            &me,
            if take {
                "follow_up.take"
            } else {
                "follow_up.give_back"
            },
            "follow_up",
            &id.to_string(),
            &if over.is_empty() {
                String::new()
            } else {
                format!("over_caseload:{over}")
            },
        ));
        self.store.apply(cs).await?;
        f.version += 1;
        self.publish(LiveEvent {
            kind: EventKind::FollowUpUpdated,
            id: f.request_id.to_string(),
            team: None,
        });
        Ok(f.into())
    }
}
