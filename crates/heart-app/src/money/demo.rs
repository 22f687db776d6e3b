//! The demo's books (the demo week's money), as written in `data/demo.toml`.

use super::*;
use crate::demo::{AidData, GiftData, Week};
use std::collections::HashMap;

impl App {
    /// The demo's books: funds, gifts by hand and online from fictional donors (example.org), a campaign, and
    /// mutual aid asked for some of the week's people (`requests`: the week's requests by their keys).
    pub(crate) async fn load_demo_money(
        &self,
        week: &Week,
        requests: &HashMap<String, RequestId>,
    ) -> AppResult<()> {
        let days = |d: i64| self.clock.now() - jiff::SignedDuration::from_hours(24 * d);
        let mut cs = ChangeSet::new();
        let mut funds = HashMap::new();
        for f in &week.funds {
            let row = FundRow {
                id: FundId::new(),
                name: f.name.clone(),
                kind: f.kind.clone(),
                currency: "USD".into(),
                restriction: f.restriction.clone(),
                created_at: days(60),
                archived: false,
            };
            funds.insert(f.key.clone(), row.clone());
            cs.push(Op::Money(MoneyOp::InsertFund(row)));
        }
        let fund = |key: &str| {
            funds
                .get(key)
                .cloned()
                .ok_or_else(|| AppError::field("demo.fund", "unknown"))
        };
        let c = &week.campaign;
        let campaign = CampaignRow {
            id: CampaignId::new(),
            name: c.name.clone(),
            fund_id: fund(&c.fund)?.id,
            goal_minor: c.goal_minor,
            active: true,
            created_at: days(c.days_ago),
        };
        cs.push(Op::Money(MoneyOp::Donations(Box::new(
            DonationOp::InsertCampaign(campaign.clone()),
        ))));
        for g in &week.gifts {
            let at = days(g.days_ago);
            let (entry, donation) = self.demo_gift(g, &fund(&g.fund)?, &campaign, week, at);
            cs.push(Op::Money(MoneyOp::PostEntry(entry)));
            cs.push(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::InsertDonation {
                    donor: DonorRow {
                        id: donation.donor_id,
                        email: g.email.clone(),
                        name: g.name.clone(),
                        created_at: at,
                    },
                    donation,
                },
            ))));
        }
        self.store.apply(cs).await?;
        for a in &week.aid {
            let request = requests
                .get(&a.request)
                .copied()
                .ok_or_else(|| AppError::field("demo.request", "unknown"))?;
            let row = self
                .store
                .request(request)
                .await?
                .ok_or(AppError::NotFound)?;
            self.demo_aid(a, &fund(&a.fund)?, (row.id, row.subject), &days)
                .await?;
        }
        Ok(())
    }

    /// One gift: its entry in the books and the donation row.
    fn demo_gift(
        &self,
        g: &GiftData,
        f: &FundRow,
        campaign: &CampaignRow,
        week: &Week,
        at: Timestamp,
    ) -> (heart_store::EntryRow, DonationRow) {
        let card = g.method == "card";
        let via = if card {
            Account::Processor
        } else {
            Account::Cash
        };
        let (kind, lines, memo) = if f.kind == "restricted" {
            (
                EntryKind::Grant,
                ledger::grant(f.id, g.amount_minor),
                "grant received",
            )
        } else {
            (
                EntryKind::Gift,
                ledger::gift(f.id, g.amount_minor, via),
                if card { "gift online" } else { "gift by hand" },
            )
        };
        let did = DonationId::new();
        let mut e = self.gift_entry(&Actor::cli(), kind, memo, lines, did);
        e.at = at;
        e.day = self.day_of(at);
        let d = DonationRow {
            id: did,
            donor_id: DonorId::new(),
            fund_id: f.id,
            campaign_id: g.campaign.then_some(campaign.id),
            amount_minor: g.amount_minor,
            currency: "USD".into(),
            frequency: if g.monthly { "monthly" } else { "once" }.into(),
            anonymous: g.name.is_none(),
            message: g.campaign.then(|| week.gift_message().to_string()),
            provider: if card { "stripe" } else { "manual" }.into(),
            method: g.method.clone(),
            provider_ref: None,
            subscription_ref: g.monthly.then(|| "sub_demo".to_string()),
            status: "paid".into(),
            receipt_token: heart_crypto::random_token(24),
            created_at: at,
            paid_at: Some(at),
            entry_id: Some(e.id),
            refunded_minor: 0,
            recorded_by: Some("cli".into()),
            version: 1,
            language: "en-US".into(),
        };
        (e, d)
    }

    /// Mutual aid asked for one of the week's people: waiting for approval, or approved by one person and paid by
    /// another.
    async fn demo_aid(
        &self,
        a: &AidData,
        fund: &FundRow,
        (request_id, subject): (RequestId, SubjectId),
        days: &impl Fn(i64) -> Timestamp,
    ) -> AppResult<()> {
        let user = |name: String| async move {
            self.store
                .user_by_username(&name)
                .await
                .ok()
                .flatten()
                .map(|u| format!("user:{}", u.id))
                .unwrap_or_else(|| "cli".into())
        };
        let row = AidRow {
            id: AidId::new(),
            request_id,
            subject,
            fund_id: fund.id,
            amount_minor: a.amount_minor,
            currency: "USD".into(),
            purpose: a.purpose.clone(),
            payee_kind: a.payee_kind.clone(),
            payee_name: a.payee_name.clone(),
            method: a.method.clone(),
            notes: Some(a.notes.clone()),
            requested_by: user(a.requested_by.clone()).await,
            requested_at: days(a.days_ago),
            approvals_needed: 1,
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
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Aid(AidOp::InsertAid(Box::new(
            row.clone(),
        )))));
        if let Some(paid) = &a.paid {
            let mut e = self.entry(
                &Actor::cli(),
                EntryKind::Disbursement,
                &format!("mutual aid {} ({})", short(&row.id.to_string()), a.purpose),
                ledger::disbursement(fund.id, row.amount_minor),
            );
            e.ref_kind = Some("mutual_aid".into());
            e.ref_id = Some(row.id.to_string());
            cs.push(Op::Money(MoneyOp::Aid(AidOp::ApproveAid {
                id: row.id,
                approver: user(paid.approved_by.clone()).await,
                at: days(paid.days_ago),
                version: 1,
            })));
            cs.push(Op::Money(MoneyOp::Aid(AidOp::PayAid {
                id: row.id,
                by: user(paid.paid_by.clone()).await,
                at: days(paid.days_ago),
                version: 2,
                entry: e,
            })));
        }
        self.store.apply(cs).await?;
        Ok(())
    }
}
