//! One person's record, as they can ask for it through a responder: see it, export it (JSON), erase it. Export and
//! erasure follow the two-person rule: one person asks, a different person with `coordinate` approves.

use crate::IntoViews;
use crate::trust::{Approval, AuditLine};
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{ApprovalId, RequestId, SubjectId, UserId};
use heart_domain::time::Timestamp;
use heart_store::{
    ApprovalKind, ApprovalRow, ApprovalStatus, AuditRow, ChangeSet, Op, RequestRow, SealState,
};
use heart_store::{AuthOp, RequestOp, TrustOp};
use jiff::SignedDuration;
use serde_json::json;

/// Why someone asks for an export or an erasure: codes, so no personal data is written in the clear.
pub const REASONS: &[&str] = &["person_asked", "recorded_in_error", "retention_exception"];
/// Why an approver declines.
pub const DECLINE_REASONS: &[&str] = &["could_not_confirm_person", "asked_in_error", "other"];
/// An approved export can be downloaded, once, for this long.
pub const EXPORT_HOURS: i64 = 24;

crate::view! {
    /// The person a record is about (pseudonymous), and what happened to their data key.
    Subject from heart_store::SubjectRow {
        id: SubjectId,
        created_at: Timestamp,
        /// The person asked to keep their record past the retention period.
        keep: bool,
        erased_at: Option<Timestamp>,
        erase_reason: Option<String>,
    }
}

pub struct PersonRecord {
    pub subject: Subject,
    pub requests: Vec<PersonRequest>,
    pub approvals: Vec<Approval>,
    /// A request from the public form whose phone number is on an earlier record: the person may say it is them
    /// (`App::join_earlier_record`).
    pub joinable: bool,
}

pub struct PersonRequest {
    pub request: crate::intake::Request,
    pub history: Vec<crate::dispatch::Transition>,
    pub encounters: Vec<crate::care::Encounter>,
    pub follow_ups: Vec<crate::care::FollowUp>,
    /// The team's notes, tries to reach the person and handovers, newest first.
    pub notes: Vec<crate::care::notes::Note>,
    /// Text messages to and from the person about this request.
    pub texts: Vec<crate::sms::Text>,
    /// Referrals to directory services, with what the person agreed to share.
    pub referrals: Vec<crate::referrals::Referral>,
    /// Mutual aid asked for them on this request.
    pub aid: Vec<crate::money::Aid>,
}

impl PersonRecord {
    pub fn erased(&self) -> bool {
        self.subject.erased_at.is_some()
    }
}

pub(crate) fn user_of(actor: &Actor) -> AppResult<UserId> {
    match actor.kind {
        ActorKind::User(u) => Ok(u),
        // The two-person rule is between people signed in to the app; the host's CLI is the operator's path.
        _ => Err(AppError::conflict(
            "people-only",
            "only a person signed in can ask for or approve this",
        )),
    }
}

/// What erasing a person takes away, for the second person to see before they approve: the references of the
/// requests and how many of each kind of record, never their contents.
#[derive(Clone, Debug, Default)]
pub struct ErasurePreview {
    pub references: Vec<String>,
    pub requests: usize,
    pub encounters: usize,
    pub open_follow_ups: usize,
    pub texts: usize,
    pub referrals: usize,
}

impl App {
    /// What an erasure approval would erase (references and counts). For those who may decide it.
    pub async fn erasure_preview(
        &self,
        actor: &Actor,
        approval: &Approval,
    ) -> AppResult<Option<ErasurePreview>> {
        actor.require(&[Capability::Coordinate])?;
        let (ApprovalKind::Erase, Some(subject)) = (approval.kind, approval.subject) else {
            return Ok(None);
        };
        let mut p = ErasurePreview::default();
        for r in self.store.subject_requests(subject).await? {
            p.references.push(crate::intake::reference_of(r.id));
            p.requests += 1;
            p.encounters += self.store.encounters(r.id).await?.len();
            p.open_follow_ups += self
                .store
                .follow_ups_for(r.id)
                .await?
                .iter()
                .filter(|f| f.done_at.is_none() && f.cancelled_at.is_none())
                .count();
            p.texts += self.store.sms().sms_for_request(r.id).await?.len();
            p.referrals += self
                .store
                .referrals()
                .referrals_for_request(r.id)
                .await?
                .len();
        }
        Ok(Some(p))
    }

    /// How a person's record ended, when it did: the time and the reason (`person_asked`, `retention`, ...).
    pub async fn erasure_of(
        &self,
        r: &crate::intake::Request,
    ) -> AppResult<Option<(Timestamp, String)>> {
        if r.sealed != SealState::Erased {
            return Ok(None);
        }
        Ok(self.store.subject(r.subject).await?.and_then(|s| {
            s.erased_at
                .map(|at| (at, s.erase_reason.unwrap_or_else(|| "retention".into())))
        }))
    }

    /// The person a request is about, with every request of theirs this actor may see. Leaves an audit entry.
    pub async fn person_record(&self, actor: &Actor, id: RequestId) -> AppResult<PersonRecord> {
        self.may(actor, crate::doing::Doing::ReadRequests)?;
        let r = self.request_row(actor, id).await?;
        let subject = self
            .store
            .subject(r.subject)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut requests = Vec::new();
        for req in self.store.subject_requests(r.subject).await? {
            if self.may_see(actor, &req).await.is_err() {
                continue;
            }
            requests.push(PersonRequest {
                history: self.store.transitions(req.id).await?.views(),
                encounters: self.store.encounters(req.id).await?.views(),
                follow_ups: self.store.follow_ups_for(req.id).await?.views(),
                notes: self.store.notes().notes_for_request(req.id).await?.views(),
                texts: self.store.sms().sms_for_request(req.id).await?.views(),
                referrals: self
                    .store
                    .referrals()
                    .referrals_for_request(req.id)
                    .await?
                    .views(),
                aid: self.store.money().aid_for_request(req.id).await?.views(),
                request: req.into(),
            });
        }
        let approvals = self.store.approvals_for_subject(r.subject).await?;
        let joinable = self.earlier_record(&r).await?.is_some();
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "person.read",
            "person",
            &subject.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(PersonRecord {
            subject: subject.into(),
            requests,
            approvals: approvals.views(),
            joinable,
        })
    }

    /// For a request from the public form: the earlier record with the same phone number, if there is one.
    async fn earlier_record(&self, r: &RequestRow) -> AppResult<Option<SubjectId>> {
        if r.channel != heart_domain::intake::Channel::Web || r.sealed != SealState::Open {
            return Ok(None);
        }
        let Some(phone) = r.contact.phone.as_deref() else {
            return Ok(None);
        };
        Ok(self
            .store
            .subject_for_phone(phone)
            .await?
            .filter(|s| *s != r.subject))
    }

    /// Joins a request from the public form to the earlier record with the same phone number, once the person has
    /// confirmed to the team that it is them (`confirmed`): a signed-in person's act, audited. The request moves
    /// (its sealed fields sealed again under the earlier record's key) and the record it started, now empty, is
    /// erased. Only before anything else hangs on it (an encounter, a follow-up, a text, a referral, aid).
    pub async fn join_earlier_record(
        &self,
        actor: &Actor,
        id: RequestId,
        confirmed: bool,
    ) -> AppResult<SubjectId> {
        let _ = user_of(actor)?;
        actor.require(&[Capability::Intake, Capability::Coordinate])?;
        if !confirmed {
            return Err(AppError::field("confirm", "required"));
        }
        let r = self.request_row(actor, id).await?;
        let Some(target) = self.earlier_record(&r).await? else {
            return Err(AppError::conflict(
                "nothing-to-join",
                "there is no earlier record with this phone number",
            ));
        };
        let alone = self.store.subject_requests(r.subject).await?.len() == 1;
        let bare = self.store.encounters(id).await?.is_empty()
            && self.store.follow_ups_for(id).await?.is_empty()
            && self.store.sms().sms_for_request(id).await?.is_empty()
            && self
                .store
                .referrals()
                .referrals_for_request(id)
                .await?
                .is_empty()
            && self.store.money().aid_for_request(id).await?.is_empty()
            && self.store.notes().notes_for_request(id).await?.is_empty();
        if !alone || !bare {
            return Err(AppError::conflict(
                "join-too-late",
                "this request already has a record of its own (a visit, a follow-up, texts, a referral, aid or a note)",
            ));
        }
        let from = r.subject;
        let now = self.clock.now();
        let mut row = r;
        row.subject = target;
        row.updated_at = now;
        let mut cs = ChangeSet::new()
            .op(Op::Request(RequestOp::UpdateRequest(row)))
            .op(Op::Trust(TrustOp::EraseSubject {
                id: from,
                at: now,
                reason: "joined".into(),
            }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "person.join",
            "request",
            &id.to_string(),
            &format!("from={from} to={target} confirmed_by_person"),
        ));
        self.store.apply(cs).await?;
        Ok(target)
    }

    /// The person asked to keep their record past the retention period (or changed their mind).
    pub async fn set_keep(&self, actor: &Actor, id: RequestId, keep: bool) -> AppResult<()> {
        // Keeping a record past retention is a signed-in person's act on the person's word, by someone who looks
        // after records (`coordinate`), never a token's or a reader's.
        let _ = user_of(actor)?;
        actor.require(&[Capability::Coordinate])?;
        let r = self.request_row(actor, id).await?;
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::KeepSubject {
            id: r.subject,
            keep,
        }));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "person.keep",
            "person",
            &r.subject.to_string(),
            if keep { "keep" } else { "retention" },
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Asks for an export or erasure of the person a request is about. Someone else must approve.
    pub async fn ask_for(
        &self,
        actor: &Actor,
        id: RequestId,
        kind: ApprovalKind,
        reason: &str,
    ) -> AppResult<ApprovalId> {
        let _ = user_of(actor)?;
        if !REASONS.contains(&reason) {
            return Err(AppError::field("reason", "choose_one"));
        }
        let r = self.request_row(actor, id).await?;
        if r.sealed == SealState::Erased {
            return Err(AppError::conflict(
                "already-erased",
                "this person's record was already erased",
            ));
        }
        if !matches!(kind, ApprovalKind::Export | ApprovalKind::Erase) {
            return Err(AppError::field("kind", "choose_one"));
        }
        let pending = self
            .store
            .approvals_for_subject(r.subject)
            .await?
            .into_iter()
            .any(|a| a.kind == kind && a.status == ApprovalStatus::Pending);
        if pending {
            return Err(AppError::conflict(
                "already-asked",
                "this is already waiting for approval",
            ));
        }
        self.insert_approval(actor, kind, Some(r.subject), Some(id), None, None, reason)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn insert_approval(
        &self,
        actor: &Actor,
        kind: ApprovalKind,
        subject: Option<SubjectId>,
        request_id: Option<RequestId>,
        target_user: Option<UserId>,
        capabilities: Option<Capabilities>,
        reason: &str,
    ) -> AppResult<ApprovalId> {
        let now = self.clock.now();
        let row = ApprovalRow {
            id: ApprovalId::new(),
            kind,
            subject,
            request_id,
            target_user,
            capabilities,
            reason: reason.into(),
            requested_by: actor.audit_name(),
            requested_at: now,
            status: ApprovalStatus::Pending,
            decided_by: None,
            decided_at: None,
            decline_reason: None,
            done_at: None,
            version: 1,
        };
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::InsertApproval(row.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            &format!("approval.ask.{}", kind.as_str()),
            "approval",
            &row.id.to_string(),
            reason,
        ));
        self.store.apply(cs).await?;
        Ok(row.id)
    }

    /// Approvals for people who may decide them (coordinate or admin): pending first.
    pub async fn approvals(&self, actor: &Actor) -> AppResult<Vec<Approval>> {
        actor.require(&[Capability::Coordinate, Capability::Admin])?;
        let mut out = Vec::new();
        for a in self.store.approvals_recent(200).await? {
            // A circle person's export or erasure is for the circle's facilitators, on the circle's page.
            let circle = match (a.subject, a.request_id) {
                (Some(s), None) => self
                    .store
                    .circles()
                    .circle_person_by_subject(s)
                    .await?
                    .is_some(),
                _ => false,
            };
            if !circle {
                out.push(a.into());
            }
        }
        Ok(out)
    }

    /// Approves or declines. The asker can never decide their own; an approved erasure or capability change is
    /// carried out at once, an approved export waits for the asker to download it.
    pub async fn decide(
        &self,
        actor: &Actor,
        id: ApprovalId,
        approve: bool,
        decline_reason: Option<&str>,
        code: Option<&str>,
        confirmed: bool,
    ) -> AppResult<Approval> {
        let _ = user_of(actor)?;
        let mut a = self.store.approval(id).await?.ok_or(AppError::NotFound)?;
        // A circle person's record is decided by another facilitator of their circle, and nobody else.
        if self.circle_approval_check(actor, &a).await?.is_none() {
            let needed = match a.kind {
                ApprovalKind::Capabilities | ApprovalKind::Enable => Capability::Admin,
                _ => Capability::Coordinate,
            };
            actor.require(&[needed])?;
        }
        if a.requested_by == actor.audit_name() {
            return Err(AppError::conflict(
                "own-approval",
                "someone else must approve what you asked for",
            ));
        }
        if a.status != ApprovalStatus::Pending {
            return Err(AppError::conflict(
                "already-decided",
                "this was already decided",
            ));
        }
        // Erasing cannot be undone: the approver has seen what goes (the preview) and says so once more.
        if approve && matches!(a.kind, ApprovalKind::Erase | ApprovalKind::Merge) && !confirmed {
            return Err(AppError::field("confirm", "required"));
        }
        // Erasing and changing what an account may do take the second factor again (step-up).
        if approve && a.kind != ApprovalKind::Export {
            self.step_up(actor, code).await?;
        }
        let now = self.clock.now();
        a.decided_by = Some(actor.audit_name());
        a.decided_at = Some(now);
        if !approve {
            let reason = decline_reason.unwrap_or("");
            if !DECLINE_REASONS.contains(&reason) {
                return Err(AppError::field("decline_reason", "choose_one"));
            }
            a.status = ApprovalStatus::Declined;
            a.decline_reason = Some(reason.into());
        } else {
            a.status = match a.kind {
                ApprovalKind::Export => ApprovalStatus::Approved,
                _ => ApprovalStatus::Done,
            };
            if a.status == ApprovalStatus::Done {
                a.done_at = Some(now);
            }
        }
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateApproval(a.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            &format!(
                "approval.{}.{}",
                if approve { "approve" } else { "decline" },
                a.kind.as_str()
            ),
            "approval",
            &a.id.to_string(),
            a.decline_reason.as_deref().unwrap_or(""),
        ));
        if approve {
            match a.kind {
                ApprovalKind::Erase => {
                    let subject = a.subject.ok_or(AppError::NotFound)?;
                    // The erasure log first: a restore must never bring the person back.
                    self.log_erasure(subject, now)?;
                    cs.push(Op::Trust(TrustOp::EraseSubject {
                        id: subject,
                        at: now,
                        reason: a.reason.clone(),
                    }));
                    cs.audit(AuditEntry::new(
                        now,
                        &actor.audit_name(),
                        "person.erase",
                        "person",
                        &subject.to_string(),
                        &a.reason,
                    ));
                }
                ApprovalKind::Capabilities => {
                    let user = a.target_user.ok_or(AppError::NotFound)?;
                    let caps = a.capabilities.ok_or(AppError::NotFound)?;
                    let mut u = self.store.user(user).await?.ok_or(AppError::NotFound)?;
                    u.capabilities = caps;
                    cs.push(Op::Auth(AuthOp::UpdateUser(u)));
                    cs.audit(AuditEntry::new(
                        now,
                        &actor.audit_name(),
                        "user.capabilities",
                        "user",
                        &user.to_string(),
                        &caps.to_list(),
                    ));
                }
                ApprovalKind::Enable => {
                    let user = a.target_user.ok_or(AppError::NotFound)?;
                    let mut u = self.store.user(user).await?.ok_or(AppError::NotFound)?;
                    u.active = true;
                    cs.push(Op::Auth(AuthOp::UpdateUser(u)));
                    cs.audit(AuditEntry::new(
                        now,
                        &actor.audit_name(),
                        "user.enable",
                        "user",
                        &user.to_string(),
                        "",
                    ));
                }
                ApprovalKind::Merge => {
                    let subject = a.subject.ok_or(AppError::NotFound)?;
                    let into = a.request_id.ok_or(AppError::NotFound)?;
                    self.merge_op(&mut cs, actor, subject, into, now).await?;
                }
                ApprovalKind::Export => {}
            }
        }
        self.store.apply(cs).await?;
        Ok(a.into())
    }

    /// The approved export, for the person who asked, once, within a day of approval.
    pub async fn take_export(
        &self,
        actor: &Actor,
        id: ApprovalId,
        code: Option<&str>,
    ) -> AppResult<serde_json::Value> {
        let _ = user_of(actor)?;
        let mut a = self.store.approval(id).await?.ok_or(AppError::NotFound)?;
        let circle = self.circle_approval_check(actor, &a).await?.is_some();
        if !circle {
            self.may(actor, crate::doing::Doing::ReadRequests)?;
        }
        if a.kind != ApprovalKind::Export || a.requested_by != actor.audit_name() {
            return Err(AppError::NotFound);
        }
        if a.status == ApprovalStatus::Approved {
            self.step_up(actor, code).await?;
        }
        let now = self.clock.now();
        if a.status != ApprovalStatus::Approved {
            return Err(AppError::conflict(
                "export-not-ready",
                "this export is not approved, or was already downloaded",
            ));
        }
        let fresh = a
            .decided_at
            .is_some_and(|d| now - SignedDuration::from_hours(EXPORT_HOURS) < d);
        if !fresh {
            a.status = ApprovalStatus::Expired;
            let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateApproval(a.clone())));
            cs.audit(AuditEntry::new(
                now,
                "system",
                "approval.expire.export",
                "approval",
                &a.id.to_string(),
                "",
            ));
            self.store.apply(cs).await?;
            return Err(AppError::conflict(
                "export-expired",
                "this export was approved more than a day ago; ask again",
            ));
        }
        if circle {
            let subject = a.subject.ok_or(AppError::NotFound)?;
            let doc = self.circle_export_document(subject, now).await?;
            a.status = ApprovalStatus::Done;
            a.done_at = Some(now);
            let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateApproval(a.clone())));
            cs.audit(AuditEntry::new(
                now,
                &actor.audit_name(),
                "person.export",
                "person",
                &subject.to_string(),
                &a.id.to_string(),
            ));
            self.store.apply(cs).await?;
            return Ok(doc);
        }
        let rid = a.request_id.ok_or(AppError::NotFound)?;
        let record = self.person_record(actor, rid).await?;
        if record.erased() {
            return Err(AppError::conflict(
                "already-erased",
                "this person's record was already erased",
            ));
        }
        let audit = self.person_audit(&record).await?;
        let doc = export_document(&record, &audit.views(), now);
        a.status = ApprovalStatus::Done;
        a.done_at = Some(now);
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::UpdateApproval(a.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "person.export",
            "person",
            &record.subject.id.to_string(),
            &a.id.to_string(),
        ));
        self.store.apply(cs).await?;
        Ok(doc)
    }

    /// Who looked at or changed this person's record (pseudonymous names), for their export.
    async fn person_audit(&self, record: &PersonRecord) -> AppResult<Vec<AuditRow>> {
        let mut out = self
            .store
            .audit_for("person", &record.subject.id.to_string())
            .await?;
        for r in &record.requests {
            out.extend(
                self.store
                    .audit_for("request", &r.request.id.to_string())
                    .await?,
            );
            // Lists that showed the request (the board, the request list, the follow-ups).
            out.extend(
                self.store
                    .audit_list_reads(&crate::trust::list_mark(r.request.id))
                    .await?,
            );
        }
        out.sort_by_key(|a| a.seq);
        out.dedup_by_key(|a| a.seq);
        Ok(out)
    }
}

fn ts(t: Timestamp) -> String {
    t.to_string()
}

/// The export a person receives: everything held about them, in plain JSON.
pub fn export_document(
    record: &PersonRecord,
    audit: &[AuditLine],
    now: Timestamp,
) -> serde_json::Value {
    let requests: Vec<serde_json::Value> = record
        .requests
        .iter()
        .map(|p| {
            let r = &p.request;
            json!({
                "id": r.id,
                "received_at": ts(r.created_at),
                "channel": r.channel.as_str(),
                "requester": r.requester.as_str(),
                "what_happened": r.summary,
                "location": {
                    "text": r.location.text,
                    "lat": r.location.lat,
                    "lon": r.location.lon,
                    "withheld": r.location.withheld,
                },
                "contact": { "name": r.contact.name, "phone": r.contact.phone },
                "safe_contact": {
                    "call": r.safe_contact.call_ok,
                    "text": r.safe_contact.text_ok,
                    "voicemail": r.safe_contact.voicemail_ok,
                    "hours": r.safe_contact.hours,
                    "code_word": r.safe_contact.code_word,
                },
                "language": r.language,
                "screening_answers": r.answers,
                "screening_outcome": r.triage.outcome.as_str(),
                "ems": { "reason": r.ems_reason, "consent": r.ems_consent },
                "status": r.status.as_str(),
                "outcome": r.outcome.map(|o| o.as_str()),
                "history": p.history.iter().map(|h| json!({
                    "status": h.to.as_str(), "at": ts(h.at)
                })).collect::<Vec<_>>(),
                "encounters": p.encounters.iter().map(|e| json!({
                    "at": ts(e.created_at),
                    "needs": e.needs.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
                    "what_we_did": e.actions,
                    "in_your_words": e.own_words,
                    "outcome": e.outcome.as_str(),
                    "follow_up_agreed": e.follow_up_consent,
                })).collect::<Vec<_>>(),
                "follow_ups": p.follow_ups.iter().map(|f| json!({
                    "due": ts(f.due_at),
                    "done": f.done_at.map(ts),
                    "note": f.done_note,
                })).collect::<Vec<_>>(),
                "notes": p.notes.iter().map(|n| json!({
                    "at": ts(n.created_at),
                    "kind": n.kind.as_str(),
                    "result": n.result.map(|r| r.as_str()),
                    "text": n.text,
                })).collect::<Vec<_>>(),
                "referrals": p.referrals.iter().map(|x| json!({
                    "sent_at": ts(x.created_at),
                    "service_id": x.service_id,
                    "organization_id": x.organization_id,
                    "you_agreed_to_share": x.shared.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "what_was_shared": x.details,
                    "status": x.status.as_str(),
                    "reason": x.reason.map(|r| r.as_str()),
                    "last_change": ts(x.updated_at),
                })).collect::<Vec<_>>(),
                "mutual_aid": p.aid.iter().map(|a| json!({
                    "asked_at": ts(a.requested_at),
                    "amount_minor": a.amount_minor,
                    "currency": a.currency,
                    "for": a.purpose,
                    "paid_to": a.payee_kind,
                    "payee_name": a.payee_name,
                    "how": a.method,
                    "notes": a.notes,
                    "status": a.status,
                    "decline_reason": a.decline_reason,
                    "paid_at": a.paid_at.map(ts),
                    "proof_file_name": a.proof_name,
                })).collect::<Vec<_>>(),
                "text_messages": p.texts.iter().map(|m| json!({
                    "at": ts(m.created_at),
                    "from": if m.direction == "in" { "you" } else { "the team" },
                    "number": m.phone,
                    "words": m.body,
                    "status": m.status,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "format": "heart-person-export-1",
        "exported_at": ts(now),
        "person": record.subject.id,
        "keep_past_retention": record.subject.keep,
        "requests": requests,
        "who_looked_or_changed": audit.iter().map(|a| json!({
            "at": ts(a.entry.at),
            "who": a.entry.actor,
            "what": a.entry.action,
        })).collect::<Vec<_>>(),
    })
}

impl App {
    /// Accounts, for admins (staff only; no people served here).
    pub async fn accounts(&self, actor: &Actor) -> AppResult<Vec<crate::auth::Account>> {
        actor.require(&[Capability::Admin])?;
        Ok(self.store.users().await?.views())
    }

    /// Asks to change what an account may do. Another admin approves (with their second factor again).
    pub async fn ask_capabilities(
        &self,
        actor: &Actor,
        user: UserId,
        caps: Capabilities,
    ) -> AppResult<ApprovalId> {
        actor.require(&[Capability::Admin])?;
        let _ = user_of(actor)?;
        let target = self.store.user(user).await?.ok_or(AppError::NotFound)?;
        if target.capabilities == caps {
            return Err(AppError::field("capabilities", "unchanged"));
        }
        crate::auth::partner_rule(caps, target.organization_id.as_deref())?;
        self.insert_approval(
            actor,
            ApprovalKind::Capabilities,
            None,
            None,
            Some(user),
            Some(caps),
            "capability_change",
        )
        .await
    }
}
