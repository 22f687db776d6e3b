//! The legal demands register: a subpoena or a police request for data is logged, reviewed by two different
//! people, and the person concerned is told unless a court order forbids it. The register shows what was asked and
//! what, if anything, was handed over. Nothing here hands anything over: heart has no way to send data to police.

use crate::IntoViews;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{LegalDemandId, RequestId};
use heart_domain::intake::FieldErrors;
use heart_domain::text::Words;
use heart_store::TrustOp;
use heart_store::{ChangeSet, LegalDemandRow, Op};

crate::view! {
    /// A demand for records from outside (a subpoena, a court order) and its two reviews.
    LegalDemand from heart_store::LegalDemandRow {
        id: heart_domain::ids::LegalDemandId,
        received_at: heart_domain::time::Timestamp,
        /// "police", "court", "agency", "lawyer", "other".
        from_kind: String,
        /// Their reference (docket or case number).
        reference: String,
        /// What was asked, without names.
        asked: String,
        subject: Option<heart_domain::ids::SubjectId>,
        recorded_by: String,
        first_review_by: Option<String>,
        /// "refuse", "hand_over_some", "hand_over", "challenge".
        first_decision: Option<String>,
        second_review_by: Option<String>,
        second_decision: Option<String>,
        /// A court order forbids telling the person.
        gag_order: bool,
        person_told_at: Option<heart_domain::time::Timestamp>,
        /// What, if anything, was handed over (without names), or "nothing".
        handed_over: Option<String>,
        closed_at: Option<heart_domain::time::Timestamp>,
        version: i64,
    }
}

pub const FROM_KINDS: &[&str] = &["police", "court", "agency", "lawyer", "other"];
pub const DECISIONS: &[&str] = &["refuse", "challenge", "hand_over_some", "hand_over"];

/// A demand as recorded.
#[derive(Clone, Debug, Default)]
pub struct NewDemand {
    pub received: String,
    pub from_kind: String,
    pub reference: String,
    pub asked: String,
    pub request: Option<String>,
    pub gag_order: bool,
}

fn people_only(actor: &Actor) -> AppResult<()> {
    match actor.kind {
        ActorKind::User(_) => Ok(()),
        _ => Err(AppError::conflict(
            "people-only",
            "only a person signed in can ask for or approve this",
        )),
    }
}

impl App {
    pub async fn legal_demands(&self, actor: &Actor) -> AppResult<Vec<LegalDemand>> {
        actor.require(&[Capability::Coordinate])?;
        Ok(self.store.legal_demands().await?.views())
    }

    pub async fn record_legal_demand(
        &self,
        actor: &Actor,
        d: NewDemand,
    ) -> AppResult<LegalDemandId> {
        actor.require(&[Capability::Coordinate])?;
        people_only(actor)?;
        let mut errors = FieldErrors::default();
        let received = self.config.local(&d.received, "12:00");
        if received.is_none() {
            errors.add("received", "invalid_date");
        }
        if !FROM_KINDS.contains(&d.from_kind.as_str()) {
            errors.add("from_kind", "choose_one");
        }
        let reference = Words::up_to(200)
            .required()
            .check(&mut errors, "reference", Some(&d.reference))
            .unwrap_or_default();
        let reference = reference.as_str();
        let asked = Words::up_to(4000)
            .required()
            .check(&mut errors, "asked", Some(&d.asked))
            .unwrap_or_default();
        let asked = asked.as_str();
        let subject = match d
            .request
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match s.parse::<RequestId>() {
                Ok(rid) => match self.store.request(rid).await? {
                    Some(r) => Some(r.subject),
                    None => {
                        errors.add("request", "not_found");
                        None
                    }
                },
                Err(_) => {
                    errors.add("request", "not_found");
                    None
                }
            },
        };
        let Some(received) = received.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let row = LegalDemandRow {
            id: LegalDemandId::new(),
            received_at: received,
            from_kind: d.from_kind,
            reference: reference.into(),
            asked: asked.into(),
            subject,
            recorded_by: actor.audit_name(),
            first_review_by: None,
            first_decision: None,
            second_review_by: None,
            second_decision: None,
            gag_order: d.gag_order,
            person_told_at: None,
            handed_over: None,
            closed_at: None,
            version: 1,
        };
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::InsertLegalDemand(row.clone())));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "legal.record",
            "legal_demand",
            &row.id.to_string(),
            &row.from_kind,
        ));
        self.store.apply(cs).await?;
        Ok(row.id)
    }

    /// One of the two reviews. The second must come from someone other than the first.
    pub async fn review_legal_demand(
        &self,
        actor: &Actor,
        id: LegalDemandId,
        decision: &str,
    ) -> AppResult<()> {
        actor.require(&[Capability::Coordinate])?;
        people_only(actor)?;
        if !DECISIONS.contains(&decision) {
            return Err(AppError::field("decision", "choose_one"));
        }
        let mut d = self
            .store
            .legal_demand(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if d.closed_at.is_some() {
            return Err(AppError::conflict("demand-closed", "this demand is closed"));
        }
        let me = actor.audit_name();
        if d.first_review_by.is_none() {
            d.first_review_by = Some(me.clone());
            d.first_decision = Some(decision.into());
        } else if d.second_review_by.is_none() {
            if d.first_review_by.as_deref() == Some(me.as_str()) {
                return Err(AppError::conflict(
                    "own-review",
                    "a second, different person reviews a legal demand",
                ));
            }
            d.second_review_by = Some(me.clone());
            d.second_decision = Some(decision.into());
        } else {
            return Err(AppError::conflict(
                "already-reviewed",
                "two people have already reviewed this demand",
            ));
        }
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateLegalDemand(d.clone())));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &me,
            "legal.review",
            "legal_demand",
            &d.id.to_string(),
            decision,
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The person was told (refused while a court order forbids it).
    pub async fn legal_person_told(&self, actor: &Actor, id: LegalDemandId) -> AppResult<()> {
        actor.require(&[Capability::Coordinate])?;
        people_only(actor)?;
        let mut d = self
            .store
            .legal_demand(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if d.gag_order {
            return Err(AppError::conflict(
                "gag-order",
                "a court order forbids telling the person; record when it lifts",
            ));
        }
        if d.person_told_at.is_some() {
            return Ok(());
        }
        d.person_told_at = Some(self.clock.now());
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateLegalDemand(d.clone())));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "legal.person_told",
            "legal_demand",
            &d.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The court order forbidding notice was lifted: the person can be told now.
    pub async fn legal_gag_lifted(&self, actor: &Actor, id: LegalDemandId) -> AppResult<()> {
        actor.require(&[Capability::Coordinate])?;
        people_only(actor)?;
        let mut d = self
            .store
            .legal_demand(id)
            .await?
            .ok_or(AppError::NotFound)?;
        d.gag_order = false;
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateLegalDemand(d.clone())));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "legal.gag_lifted",
            "legal_demand",
            &d.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Closes a reviewed demand, saying what (if anything) was handed over.
    pub async fn close_legal_demand(
        &self,
        actor: &Actor,
        id: LegalDemandId,
        handed_over: &str,
    ) -> AppResult<()> {
        actor.require(&[Capability::Coordinate])?;
        people_only(actor)?;
        let mut d = self
            .store
            .legal_demand(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if d.second_review_by.is_none() {
            return Err(AppError::conflict(
                "needs-two-reviews",
                "two different people review a legal demand before it is closed",
            ));
        }
        if d.closed_at.is_some() {
            return Err(AppError::conflict("demand-closed", "this demand is closed"));
        }
        let what = Words::up_to(2000)
            .required()
            .parse(Some(handed_over))
            .map_err(|code| AppError::field("handed_over", code))?
            .unwrap_or_default();
        let what = what.as_str();
        d.handed_over = Some(what.into());
        d.closed_at = Some(self.clock.now());
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateLegalDemand(d.clone())));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "legal.close",
            "legal_demand",
            &d.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }
}
