//! A circle person's own record: their export (their words, their safety plan, the agreements they consented to,
//! never another's words) and erasure (their key destroyed: their notes and safety plan gone, in agreements they
//! become "a participant"), each asked by one facilitator and approved by another, as the two-person rule asks for
//! every person's record; and the circles' retention, which destroys every key a closed circle holds.

use super::Consents;
use crate::care::person::REASONS;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::{ApprovalKind, ApprovalStatus};
use heart_domain::audit::AuditEntry;
use heart_domain::circle::ConsentTo;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::circles::{CircleOp, CirclePersonRow};
use heart_store::{ApprovalRow, ChangeSet, Op, TrustOp};
use jiff::SignedDuration;
use serde_json::json;

/// A circle person's export or erasure waiting for (or given) a second facilitator's approval.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CircleExport {
    pub id: ApprovalId,
    pub person_id: CirclePersonId,
    /// export or erase.
    pub kind: &'static str,
    /// pending, approved, declined, done or expired.
    pub status: &'static str,
    /// The facilitator who asked (an audit name).
    pub asked_by: String,
    /// The actor may approve it (a facilitator other than the one who asked).
    pub may_decide: bool,
    /// The actor may download it (they asked, and it is approved).
    pub may_download: bool,
}

impl App {
    /// Asks for one person's export or erasure; another facilitator of the circle approves it.
    pub async fn ask_about_circle_person(
        &self,
        actor: &Actor,
        id: CircleId,
        person: CirclePersonId,
        kind: ApprovalKind,
        reason: &str,
    ) -> AppResult<ApprovalId> {
        let _ = crate::care::person::user_of(actor)?;
        self.circle_row(actor, id).await?;
        if !REASONS.contains(&reason) {
            return Err(AppError::field("reason", "choose_one"));
        }
        if !matches!(kind, ApprovalKind::Export | ApprovalKind::Erase) {
            return Err(AppError::field("kind", "choose_one"));
        }
        let p = self.circle_person(id, person).await?;
        if p.words.is_none() {
            return Err(AppError::conflict(
                "already-erased",
                "this person's record was already erased",
            ));
        }
        let pending = self
            .store
            .approvals_for_subject(p.subject)
            .await?
            .into_iter()
            .any(|a| a.kind == kind && a.status == ApprovalStatus::Pending);
        if pending {
            return Err(AppError::conflict(
                "already-asked",
                "this is already waiting for approval",
            ));
        }
        self.insert_approval(actor, kind, Some(p.subject), None, None, None, reason)
            .await
    }

    async fn circle_person(
        &self,
        id: CircleId,
        person: CirclePersonId,
    ) -> AppResult<CirclePersonRow> {
        self.store
            .circles()
            .circle_people(id)
            .await?
            .into_iter()
            .find(|p| p.id == person)
            .ok_or(AppError::NotFound)
    }

    /// The exports and erasures asked for the people of a circle, for its facilitators.
    pub async fn circle_exports(
        &self,
        actor: &Actor,
        id: CircleId,
    ) -> AppResult<Vec<CircleExport>> {
        self.circle_row(actor, id).await?;
        let me = actor.audit_name();
        let mut out = Vec::new();
        for p in self.store.circles().circle_people(id).await? {
            for a in self.store.approvals_for_subject(p.subject).await? {
                if a.request_id.is_some() {
                    continue;
                }
                out.push(CircleExport {
                    id: a.id,
                    person_id: p.id,
                    kind: a.kind.as_str(),
                    status: a.status.as_str(),
                    may_decide: a.status == ApprovalStatus::Pending && a.requested_by != me,
                    may_download: a.status == ApprovalStatus::Approved
                        && a.kind == ApprovalKind::Export
                        && a.requested_by == me,
                    asked_by: a.requested_by,
                });
            }
        }
        Ok(out)
    }

    /// For the two-person rule: when an approval is about a circle person, only another facilitator of that
    /// circle decides it (`Some(())`); `None` when it is not about a circle person.
    pub(crate) async fn circle_approval_check(
        &self,
        actor: &Actor,
        a: &ApprovalRow,
    ) -> AppResult<Option<()>> {
        let Some(subject) = a.subject.filter(|_| a.request_id.is_none()) else {
            return Ok(None);
        };
        let Some(p) = self
            .store
            .circles()
            .circle_person_by_subject(subject)
            .await?
        else {
            return Ok(None);
        };
        self.circle_row(actor, p.circle_id).await?;
        Ok(Some(()))
    }

    /// The export of one circle person: their words and the agreements they consented to, never another's words.
    pub(crate) async fn circle_export_document(
        &self,
        subject: SubjectId,
        now: Timestamp,
    ) -> AppResult<serde_json::Value> {
        let store = self.store.circles();
        let p = store
            .circle_person_by_subject(subject)
            .await?
            .ok_or(AppError::NotFound)?;
        let Some(words) = &p.words else {
            return Err(AppError::conflict(
                "already-erased",
                "this person's record was already erased",
            ));
        };
        let consents = store.circle_consents(p.circle_id).await?;
        let consent = Consents(&consents);
        let notes: Vec<_> = store
            .circle_notes(p.circle_id)
            .await?
            .into_iter()
            .filter(|n| n.person_id == p.id)
            .map(|n| json!({"at": n.created_at.to_string(), "text": n.text}))
            .collect();
        let people = store.circle_people(p.circle_id).await?;
        let role_of = |id: CirclePersonId| {
            people
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.words.as_ref())
                .map(|w| w.role_words.clone())
        };
        let commitments = store.commitments(p.circle_id).await?;
        let agreements: Vec<_> = store
            .agreements(p.circle_id)
            .await?
            .into_iter()
            .filter(|a| consent.latest(p.id, ConsentTo::Agreement, Some(a.id)) == Some(true))
            .map(|a| {
                json!({
                    "made_at": a.made_at.to_string(),
                    "commitments": commitments.iter().filter(|m| m.agreement_id == a.id).map(|m| json!({
                        "who": role_of(m.person_id),
                        "what": m.text,
                        "due": m.due_on,
                        "status": m.status.as_str(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let yours: Vec<_> = consents
            .iter()
            .filter(|c| c.person_id == p.id)
            .map(|c| {
                json!({
                    "to": c.what.as_str(),
                    "given": c.given,
                    "at": c.at.to_string(),
                })
            })
            .collect();
        Ok(json!({
            "format": "heart-circle-person-export-1",
            "exported_at": now.to_string(),
            "person": p.id,
            "named_as": words.role_words,
            "language": words.language,
            "safe_contact": words.contact,
            "safety_plan": p.plan.as_ref().map(|s| json!({
                "who_to_call": s.who_to_call,
                "if_unsafe": s.if_unsafe,
            })),
            "notes": notes,
            "consents": yours,
            "agreements": agreements,
        }))
    }

    /// Destroys every key of circles closed or ended more than `[circles] retention_days` ago (the erasure log
    /// first, so no restore brings them back); returns how many circles.
    pub(crate) async fn purge_circles(&self, actor: &Actor) -> AppResult<usize> {
        let now = self.clock.now();
        let cutoff = now - SignedDuration::from_hours(24 * self.config.circles.retention_days);
        let due = self.store.circles().circles_to_purge(cutoff).await?;
        for c in &due {
            let people = self.store.circles().circle_people(c.id).await?;
            let mut subjects = vec![c.subject];
            subjects.extend(
                people
                    .iter()
                    .filter(|p| p.words.is_some())
                    .map(|p| p.subject),
            );
            let mut cs = ChangeSet::new();
            for s in subjects {
                if self
                    .store
                    .subject(s)
                    .await?
                    .is_some_and(|r| r.erased_at.is_none())
                {
                    self.log_erasure(s, now)?;
                    cs.push(Op::Trust(TrustOp::EraseSubject {
                        id: s,
                        at: now,
                        reason: "retention".into(),
                    }));
                }
            }
            cs.push(Op::Circle(CircleOp::Purged {
                circle: c.id,
                at: now,
            }));
            cs.audit(AuditEntry::new(
                now,
                &actor.audit_name(),
                "circle.purge",
                "circle",
                &c.id.to_string(),
                "retention",
            ));
            self.store.apply(cs).await?;
        }
        Ok(due.len())
    }
}
