//! Mutual aid: a request for money for the person a care request is about, approved by people other than the
//! asker, paid from a fund, with its proof of payment.

use super::*;
use crate::IntoViews;

crate::view! {
    /// A mutual-aid request and where it stands.
    Aid from heart_store::AidRow {
        id: heart_domain::ids::AidId,
        request_id: heart_domain::ids::RequestId,
        subject: heart_domain::ids::SubjectId,
        fund_id: heart_domain::ids::FundId,
        amount_minor: i64,
        currency: String,
        /// "arrears", "food", "transport", "phone", "medicine", "other".
        purpose: String,
        /// "person" or "third_party".
        payee_kind: String,
        /// A third party's name (a utility, a landlord); never the person's.
        payee_name: Option<String>,
        /// "check", "card", "cash", "gift_card", "bank_transfer".
        method: String,
        /// Sealed under the person's key; `None` once erased.
        notes: Option<String>,
        requested_by: String,
        requested_at: heart_domain::time::Timestamp,
        approvals_needed: i64,
        /// Who approved, when.
        approvals: Vec<(String, heart_domain::time::Timestamp)>,
        /// "awaiting_approval", "approved", "declined", "paid".
        status: String,
        declined_by: Option<String>,
        decline_reason: Option<String>,
        decided_at: Option<heart_domain::time::Timestamp>,
        paid_by: Option<String>,
        paid_at: Option<heart_domain::time::Timestamp>,
        entry_id: Option<heart_domain::ids::EntryId>,
        proof_name: Option<String>,
        proof_type: Option<String>,
        version: i64,
    }
}

impl App {
    /// Opens an aid request for the person a care request is about.
    pub async fn ask_aid(&self, actor: &Actor, request: &str, input: NewAid) -> AppResult<AidId> {
        actor.require(&[Capability::Respond, Capability::Coordinate])?;
        people_only(actor)?;
        let rid: RequestId = request.trim().parse().map_err(|_| AppError::NotFound)?;
        let r = self.request_row(actor, rid).await?;
        let rules = self.money_rules()?;
        let m = self.store.money();
        let mut errors = FieldErrors::default();
        let fund = match clean(input.fund_id.as_deref()) {
            Some(f) => match f.parse::<FundId>() {
                Ok(fid) => m.fund(fid).await?,
                Err(_) => None,
            },
            None => m
                .funds()
                .await?
                .into_iter()
                .find(|f| f.kind == "mutual_aid" && !f.archived),
        };
        let Some(fund) = fund else {
            errors.add("fund_id", "no_fund");
            return Err(AppError::Invalid(errors));
        };
        let currency = Currency::parse(&fund.currency).unwrap_or(rules.currency);
        let amount = match currency.parse_amount(&input.amount) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.add("amount", e.code());
                None
            }
        };
        let caps = rules.caps_for(currency);
        if caps.is_none() {
            errors.add("fund_id", "no_aid_caps");
        }
        if let (Some(a), Some((cap_request, _))) = (amount, caps)
            && a > cap_request
        {
            errors.add("amount", "over_request_cap");
        }
        if !PURPOSES.contains(&input.purpose.as_str()) {
            errors.add("purpose", "choose_one");
        }
        if !PAYEES.contains(&input.payee_kind.as_str()) {
            errors.add("payee_kind", "choose_one");
        }
        // A third party is paid by name, shown to the approvers; a person's own bills may name nobody.
        let payee = match input.payee_kind.as_str() {
            "third_party" => Words::up_to(120).required().plain(),
            _ => Words::up_to(120),
        };
        let payee_name = payee.check(&mut errors, "payee_name", input.payee_name.as_deref());
        if !METHODS.contains(&input.method.as_str()) {
            errors.add("method", "choose_one");
        }
        let notes = Words::up_to(2000).check(&mut errors, "notes", input.notes.as_deref());
        let now = self.clock.now();
        let since = now - jiff::SignedDuration::from_hours(24 * rules.cap_days);
        if let (Some(a), Some((_, cap_person))) = (amount, caps)
            && errors.is_empty()
        {
            let before = m
                .aid_total_for_subject(r.subject, currency.code, since)
                .await?;
            if before.saturating_add(a) > cap_person {
                errors.add("amount", "over_person_cap");
            }
        }
        let (Some(amount), Some((_, cap_person))) = (amount, caps) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let a = AidRow {
            id: AidId::new(),
            request_id: r.id,
            subject: r.subject,
            fund_id: fund.id,
            amount_minor: amount,
            currency: fund.currency.clone(),
            purpose: input.purpose,
            payee_kind: input.payee_kind.clone(),
            // The person is never named here; a third party (a utility, a landlord) is.
            payee_name: if input.payee_kind == "third_party" {
                payee_name
            } else {
                None
            },
            method: input.method,
            notes,
            requested_by: actor.audit_name(),
            requested_at: now,
            approvals_needed: rules.approvals_needed,
            approvals: Vec::new(),
            status: "awaiting_approval".into(),
            declined_by: None,
            decline_reason: None,
            decided_at: None,
            paid_by: None,
            paid_at: None,
            entry_id: None,
            proof_name: None,
            proof_type: None,
            version: 1,
        };
        // Checked again where it counts, inside the write: two requests at once cannot both pass the cap.
        let mut cs = ChangeSet::new()
            .op(Op::Money(MoneyOp::Aid(AidOp::CheckAidCap {
                subject: r.subject,
                currency: currency.code.to_string(),
                since,
                max: cap_person,
                amount,
            })))
            .op(Op::Money(MoneyOp::Aid(AidOp::InsertAid(Box::new(
                a.clone(),
            )))));
        self.audit_money(&mut cs, actor, "aid.ask", "request", &r.id.to_string());
        self.store.apply(cs).await.map_err(|e| match e {
            heart_store::StoreError::Refused("over-person-cap") => {
                AppError::field("amount", "over_person_cap")
            }
            other => other.into(),
        })?;
        Ok(a.id)
    }

    /// Aid requests of one care request (the care record shows that aid was asked for and given).
    pub async fn aid_for_request(&self, actor: &Actor, rid: RequestId) -> AppResult<Vec<Aid>> {
        let r = self.store.request(rid).await?.ok_or(AppError::NotFound)?;
        if !actor.caps.has(Capability::Finance) {
            self.may_see(actor, &r).await?;
        }
        Ok(self.store.money().aid_for_request(rid).await?.views())
    }

    /// Queues: awaiting approval, approved awaiting payment, paid, declined.
    pub async fn aid_queue(&self, actor: &Actor, status: &str) -> AppResult<Vec<Aid>> {
        actor.require(&[Capability::Finance])?;
        if !["awaiting_approval", "approved", "paid", "declined"].contains(&status) {
            return Err(AppError::field("status", "choose_one"));
        }
        let mut rows = self.store.money().aid_with_status(status, 500).await?;
        if status == "paid" || status == "declined" {
            rows.reverse();
        }
        Ok(rows.views())
    }

    pub async fn aid(&self, actor: &Actor, id: &str) -> AppResult<Aid> {
        self.may(actor, crate::doing::Doing::SeeAid)?;
        let aid: AidId = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let a = self
            .store
            .money()
            .aid(aid)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor.caps.has(Capability::Finance) && a.requested_by != actor.audit_name() {
            return Err(AppError::NotFound);
        }
        self.audit_read_once(actor, "aid.read", "aid", &a.id.to_string())
            .await?;
        Ok(a.into())
    }

    pub async fn approve_aid(&self, actor: &Actor, id: &str, version: i64) -> AppResult<()> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let a = self.aid(actor, id).await?;
        if a.requested_by == actor.audit_name() {
            return Err(AppError::conflict(
                "own-request",
                "a request cannot be approved by the person who asked for it",
            ));
        }
        if a.approvals
            .iter()
            .any(|(who, _)| *who == actor.audit_name())
        {
            return Err(AppError::conflict(
                "approved-already",
                "you approved this already; another person must approve it",
            ));
        }
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Aid(AidOp::ApproveAid {
            id: a.id,
            approver: actor.audit_name(),
            at: self.clock.now(),
            version,
        })));
        self.audit_money(&mut cs, actor, "aid.approve", "aid", &a.id.to_string());
        Ok(self.store.apply(cs).await?)
    }

    pub async fn decline_aid(
        &self,
        actor: &Actor,
        id: &str,
        version: i64,
        reason: &str,
    ) -> AppResult<()> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let reason = Words::up_to(500)
            .required()
            .plain()
            .parse(Some(reason))
            .map_err(|code| AppError::field("reason", code))?
            .unwrap_or_default();
        let reason = reason.as_str();
        let a = self.aid(actor, id).await?;
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Aid(AidOp::DeclineAid {
            id: a.id,
            by: actor.audit_name(),
            reason: reason.into(),
            at: self.clock.now(),
            version,
        })));
        self.audit_money(&mut cs, actor, "aid.decline", "aid", &a.id.to_string());
        Ok(self.store.apply(cs).await?)
    }

    /// Records that an approved request was paid: the disbursement is posted in the same transaction.
    pub async fn pay_aid(&self, actor: &Actor, id: &str, version: i64) -> AppResult<EntryId> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let a = self.aid(actor, id).await?;
        let mut e = self.entry(
            actor,
            EntryKind::Disbursement,
            &format!("mutual aid {} ({})", short(&a.id.to_string()), a.purpose),
            ledger::disbursement(a.fund_id, a.amount_minor),
        );
        e.ref_kind = Some("mutual_aid".into());
        e.ref_id = Some(a.id.to_string());
        let eid = e.id;
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Aid(AidOp::PayAid {
            id: a.id,
            by: actor.audit_name(),
            at: self.clock.now(),
            version,
            entry: e,
        })));
        self.audit_money(&mut cs, actor, "aid.pay", "aid", &a.id.to_string());
        self.store.apply(cs).await?;
        Ok(eid)
    }

    pub async fn attach_aid_proof(
        &self,
        actor: &Actor,
        id: &str,
        version: i64,
        name: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> AppResult<()> {
        actor.require(&[
            Capability::Finance,
            Capability::Respond,
            Capability::Coordinate,
        ])?;
        people_only(actor)?;
        let a = self.aid(actor, id).await?;
        // Once paid, the proof on file is what the books rest on: kept as it is, never swapped.
        if a.status == "paid" && a.proof_name.is_some() {
            return Err(AppError::conflict(
                "proof-kept",
                "the proof of a paid request is kept as it is",
            ));
        }
        if bytes.is_empty() {
            return Err(AppError::field("proof", "required"));
        }
        if bytes.len() > PROOF_MAX {
            return Err(AppError::field("proof", "too_large"));
        }
        let sniffed = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            "image/jpeg"
        } else if bytes.starts_with(b"%PDF-") {
            "application/pdf"
        } else {
            ""
        };
        if !PROOF_TYPES.contains(&content_type) || sniffed != content_type {
            return Err(AppError::field("proof", "file_type"));
        }
        let name: String = name
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
            .take(100)
            .collect();
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Aid(AidOp::AttachAidProof {
            id: a.id,
            name: if name.trim().is_empty() {
                "proof".into()
            } else {
                name
            },
            content_type: content_type.into(),
            bytes,
            version,
        })));
        self.audit_money(&mut cs, actor, "aid.proof", "aid", &a.id.to_string());
        Ok(self.store.apply(cs).await?)
    }

    pub async fn aid_proof(&self, actor: &Actor, id: &str) -> AppResult<(String, String, Vec<u8>)> {
        let a = self.aid(actor, id).await?;
        self.audit_read(actor, "aid.proof.read", &a.request_id.to_string())
            .await?;
        self.store
            .money()
            .aid_proof(a.id)
            .await?
            .ok_or(AppError::NotFound)
    }
}
