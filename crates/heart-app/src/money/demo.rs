//! The demo's books (the demo week's money).

use super::*;

impl App {
    /// The demo's books: three funds, gifts by hand and online from fictional donors (example.org), a campaign,
    /// and mutual aid asked for two of the demo's people: one paid, one waiting for approval.
    pub(crate) async fn load_demo_money(&self) -> AppResult<()> {
        let now = self.clock.now();
        let days = |d: i64| now - jiff::SignedDuration::from_hours(24 * d);
        let fund = |name: &str, kind: &str, restriction: Option<&str>| FundRow {
            id: FundId::new(),
            name: name.into(),
            kind: kind.into(),
            currency: "USD".into(),
            restriction: restriction.map(String::from),
            created_at: days(60),
            archived: false,
        };
        let general = fund("General", "general", None);
        let aid = fund("Mutual aid", "mutual_aid", None);
        let grant = fund(
            "Community safety grant",
            "restricted",
            Some("peer responder stipends and training"),
        );
        let mut cs = ChangeSet::new();
        for f in [&general, &aid, &grant] {
            cs.push(Op::Money(MoneyOp::InsertFund(f.clone())));
        }
        let campaign = CampaignRow {
            id: CampaignId::new(),
            name: "Warm through winter".into(),
            fund_id: aid.id,
            goal_minor: 500_000,
            active: true,
            created_at: days(30),
        };
        cs.push(Op::Money(MoneyOp::InsertCampaign(campaign.clone())));
        let cli = Actor::cli();
        // (email, name, fund, amount, how, days ago, to the campaign)
        type Gift<'a> = (
            &'a str,
            Option<&'a str>,
            &'a FundRow,
            i64,
            &'a str,
            i64,
            bool,
        );
        let gifts: [Gift; 7] = [
            (
                "river.friend@example.org",
                Some("A. Rivera"),
                &general,
                250_000,
                "check",
                50,
                false,
            ),
            ("neighbour@example.org", None, &aid, 5_000, "card", 20, true),
            (
                "m.chen@example.org",
                Some("M. Chen"),
                &aid,
                2_500,
                "card",
                12,
                true,
            ),
            (
                "m.chen@example.org",
                Some("M. Chen"),
                &aid,
                2_500,
                "card",
                42,
                true,
            ),
            (
                "book.club@example.org",
                Some("Riverside Book Club"),
                &aid,
                42_000,
                "cash",
                8,
                false,
            ),
            (
                "foundation@example.org",
                Some("Example Community Foundation"),
                &grant,
                1_500_000,
                "bank_transfer",
                45,
                false,
            ),
            (
                "j.okafor@example.org",
                Some("J. Okafor"),
                &general,
                10_000,
                "card",
                3,
                false,
            ),
        ];
        for (email, name, f, amount, method, ago, campaign_gift) in gifts {
            let at = days(ago);
            let via = if method == "card" {
                Account::Processor
            } else {
                Account::Cash
            };
            let kind = if f.kind == "restricted" {
                EntryKind::Grant
            } else {
                EntryKind::Gift
            };
            let lines = if kind == EntryKind::Grant {
                ledger::grant(f.id, amount)
            } else {
                ledger::gift(f.id, amount, via)
            };
            let did = DonationId::new();
            let memo = match (kind, method) {
                (EntryKind::Grant, _) => "grant received",
                (_, "card") => "gift online",
                _ => "gift by hand",
            };
            let mut e = self.entry(&cli, kind, memo, lines);
            e.at = at;
            e.day = self.day_of(at);
            e.ref_kind = Some("donation".into());
            e.ref_id = Some(did.to_string());
            let d = DonationRow {
                id: did,
                donor_id: DonorId::new(),
                fund_id: f.id,
                campaign_id: campaign_gift.then_some(campaign.id),
                amount_minor: amount,
                currency: "USD".into(),
                frequency: if email.starts_with("m.chen") {
                    "monthly"
                } else {
                    "once"
                }
                .into(),
                anonymous: name.is_none(),
                message: campaign_gift.then(|| "Stay warm, everyone.".to_string()),
                provider: if method == "card" { "stripe" } else { "manual" }.into(),
                method: method.into(),
                provider_ref: None,
                subscription_ref: email.starts_with("m.chen").then(|| "sub_demo".to_string()),
                status: "paid".into(),
                receipt_token: heart_crypto::random_token(24),
                created_at: at,
                paid_at: Some(at),
                entry_id: Some(e.id),
                refunded_minor: 0,
                recorded_by: Some("cli".into()),
                version: 1,
                language: if email.starts_with("l.") {
                    "es"
                } else {
                    "en-US"
                }
                .into(),
            };
            cs.push(Op::Money(MoneyOp::PostEntry(e)));
            cs.push(Op::Money(MoneyOp::InsertDonation {
                donor: DonorRow {
                    id: d.donor_id,
                    email: email.into(),
                    name: name.map(String::from),
                    created_at: at,
                },
                donation: d,
            }));
        }
        self.store.apply(cs).await?;
        // Mutual aid for two of the week's people: arrears paid to a utility, and food waiting for approval.
        let closed = self
            .store
            .requests_with_status(heart_domain::dispatch::Status::Closed, 4)
            .await?;
        let user = |name: &'static str| async move {
            self.store
                .user_by_username(name)
                .await
                .ok()
                .flatten()
                .map(|u| format!("user:{}", u.id))
                .unwrap_or_else(|| "cli".into())
        };
        let (dev, rae, mo) = (
            user("dev").await,
            user("coordinator").await,
            user("mo").await,
        );
        for (n, r) in closed.iter().take(2).enumerate() {
            let paid = n == 0;
            let a = AidRow {
                id: AidId::new(),
                request_id: r.id,
                subject: r.subject,
                fund_id: aid.id,
                amount_minor: if paid { 38_000 } else { 6_000 },
                currency: "USD".into(),
                purpose: if paid { "arrears" } else { "food" }.into(),
                payee_kind: if paid { "third_party" } else { "person" }.into(),
                payee_name: paid.then(|| "Electric utility".to_string()),
                method: if paid { "check" } else { "gift_card" }.into(),
                notes: Some(if paid {
                    "Two months behind; a shut-off notice. Connected with a neighborhood house for the long term."
                } else {
                    "Groceries for the week while benefits are sorted out."
                }
                .into()),
                requested_by: dev.clone(),
                requested_at: days(if paid { 6 } else { 1 }),
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
            let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::InsertAid(a.clone())));
            if paid {
                let mut e = self.entry(
                    &cli,
                    EntryKind::Disbursement,
                    &format!("mutual aid {} (arrears)", short(&a.id.to_string())),
                    ledger::disbursement(aid.id, a.amount_minor),
                );
                e.ref_kind = Some("mutual_aid".into());
                e.ref_id = Some(a.id.to_string());
                cs.push(Op::Money(MoneyOp::ApproveAid {
                    id: a.id,
                    approver: rae.clone(),
                    at: days(5),
                    version: 1,
                }));
                cs.push(Op::Money(MoneyOp::PayAid {
                    id: a.id,
                    by: mo.clone(),
                    at: days(5),
                    version: 2,
                    entry: e,
                }));
            }
            self.store.apply(cs).await?;
        }
        Ok(())
    }
}
