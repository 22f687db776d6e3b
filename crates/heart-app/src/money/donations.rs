//! Donations: campaigns, gifts through the payment provider or entered by hand, grants, receipts, donors and
//! their yearly statements, the donor report, and refunds.

use super::*;
use crate::IntoViews;

crate::view! {
    /// A gift (one-off or monthly).
    Donation from heart_store::DonationRow {
        id: heart_domain::ids::DonationId,
        donor_id: heart_domain::ids::DonorId,
        fund_id: heart_domain::ids::FundId,
        campaign_id: Option<heart_domain::ids::CampaignId>,
        amount_minor: i64,
        currency: String,
        /// "once" or "monthly".
        frequency: String,
        anonymous: bool,
        message: Option<String>,
        /// "stripe" or "manual".
        provider: String,
        /// "card", "cash", "check", "bank_transfer".
        method: String,
        /// The provider's checkout session or payment id.
        provider_ref: Option<String>,
        subscription_ref: Option<String>,
        /// "pending", "paid", "refunded", "disputed", "failed".
        status: String,
        /// Opens the receipt page (random, unguessable).
        receipt_token: String,
        created_at: heart_domain::time::Timestamp,
        paid_at: Option<heart_domain::time::Timestamp>,
        entry_id: Option<heart_domain::ids::EntryId>,
        refunded_minor: i64,
        recorded_by: Option<String>,
        version: i64,
        /// The language the donor gave in (their receipt is written in it).
        language: String,
    }
}

crate::view! {
    /// Someone who gave.
    Donor from heart_store::DonorRow {
        id: heart_domain::ids::DonorId,
        /// Lower-cased; the donor's identity for receipts and statements.
        email: String,
        name: Option<String>,
        created_at: heart_domain::time::Timestamp,
    }
}

impl App {
    pub async fn campaigns(&self) -> AppResult<Vec<CampaignView>> {
        let m = self.store.money();
        let mut out = Vec::new();
        let funds = m.funds().await?;
        for c in m.campaigns().await? {
            let raised = m.campaign_raised(c.id).await?;
            let currency = funds
                .iter()
                .find(|f| f.id == c.fund_id)
                .map(|f| f.currency.clone())
                .unwrap_or_else(|| self.config.money.currency.clone());
            out.push(campaign_view(c, raised, currency));
        }
        Ok(out)
    }

    pub async fn create_campaign(
        &self,
        actor: &Actor,
        name: &str,
        fund_id: &str,
        goal: &str,
    ) -> AppResult<CampaignId> {
        actor.require(&[Capability::Finance])?;
        let mut errors = FieldErrors::default();
        let name = Words::up_to(80)
            .required()
            .plain()
            .check(&mut errors, "name", Some(name))
            .unwrap_or_default();
        let name = name.as_str();
        let fund = self.fund_or_404(fund_id).await.ok();
        if fund.is_none() {
            errors.add("fund_id", "choose_one");
        }
        let currency = fund
            .as_ref()
            .and_then(|f| Currency::parse(&f.currency).ok())
            .unwrap_or_else(Currency::usd);
        let goal = match currency.parse_amount(goal) {
            Ok(g) => Some(g),
            Err(e) => {
                errors.add("goal", e.code());
                None
            }
        };
        let (Some(fund), Some(goal)) = (fund, goal.filter(|_| errors.is_empty())) else {
            return Err(AppError::Invalid(errors));
        };
        let c = CampaignRow {
            id: CampaignId::new(),
            name: name.into(),
            fund_id: fund.id,
            goal_minor: goal,
            active: true,
            created_at: self.clock.now(),
        };
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Donations(Box::new(
            DonationOp::InsertCampaign(c.clone()),
        ))));
        self.audit_money(
            &mut cs,
            actor,
            "campaign.create",
            "campaign",
            &c.id.to_string(),
        );
        self.store.apply(cs).await?;
        Ok(c.id)
    }

    /// Checks a gift from the donation page and the chosen amount, in minor units.
    pub(super) async fn check_donation(
        &self,
        form: &DonationForm,
    ) -> AppResult<(
        i64,
        FundRow,
        Option<CampaignRow>,
        Option<String>,
        Option<String>,
        String,
    )> {
        let rules = self.money_rules()?;
        let m = self.store.money();
        let mut errors = FieldErrors::default();
        let campaign = match clean(form.campaign_id.as_deref()) {
            Some(c) => match c.parse::<CampaignId>() {
                Ok(cid) => match m.campaign(cid).await? {
                    Some(c) if c.active => Some(c),
                    _ => {
                        errors.add("campaign_id", "choose_one");
                        None
                    }
                },
                Err(_) => {
                    errors.add("campaign_id", "choose_one");
                    None
                }
            },
            None => None,
        };
        let funds = self.open_funds().await?;
        let fund = match (&campaign, clean(form.fund_id.as_deref())) {
            (Some(c), _) => funds.iter().find(|f| f.id == c.fund_id).cloned(),
            (None, Some(f)) => funds.iter().find(|x| x.id.to_string() == f).cloned(),
            (None, None) => funds
                .iter()
                .find(|f| f.kind == "general")
                .or(funds.first())
                .cloned(),
        };
        if fund.is_none() {
            errors.add("fund_id", "choose_one");
        }
        let currency = fund
            .as_ref()
            .and_then(|f| Currency::parse(&f.currency).ok())
            .unwrap_or(rules.currency);
        let typed = match clean(form.preset.as_deref()) {
            Some(p) if p != "other" => Some(p),
            _ => clean(form.amount.as_deref()),
        };
        let amount = match typed {
            None => {
                errors.add("amount", "required");
                None
            }
            Some(t) => match currency.parse_amount(&t) {
                Ok(a) if a < rules.donation_min => {
                    errors.add("amount", "below_minimum");
                    None
                }
                Ok(a) if a > rules.donation_max => {
                    errors.add("amount", "above_maximum");
                    None
                }
                Ok(a) => Some(a),
                Err(e) => {
                    errors.add("amount", e.code());
                    None
                }
            },
        };
        if !["once", "monthly"].contains(&form.frequency.as_str()) {
            errors.add("frequency", "choose_one");
        }
        let (message, name, email) = donor_fields(form, &mut errors);
        match (amount, fund) {
            (Some(a), Some(f)) if errors.is_empty() => Ok((a, f, campaign, message, name, email)),
            _ => Err(AppError::Invalid(errors)),
        }
    }

    /// A gift from the donation page: kept as pending, then handed to the provider's checkout. Returns the
    /// address where the donor pays.
    /// `here` is this server's address as the donor reached it (used when `public_url` is not set).
    pub async fn start_donation(
        &self,
        form: DonationForm,
        here: &str,
    ) -> AppResult<(Donation, String)> {
        let (amount, fund, campaign, message, name, email) = self.check_donation(&form).await?;
        let provider = self.provider();
        let now = self.clock.now();
        let d = DonationRow {
            id: DonationId::new(),
            donor_id: DonorId::new(),
            fund_id: fund.id,
            campaign_id: campaign.as_ref().map(|c| c.id),
            amount_minor: amount,
            currency: fund.currency.clone(),
            frequency: form.frequency.clone(),
            anonymous: form.anonymous,
            message,
            provider: provider.name().into(),
            method: "card".into(),
            provider_ref: None,
            subscription_ref: None,
            status: "pending".into(),
            receipt_token: heart_crypto::random_token(24),
            created_at: now,
            paid_at: None,
            entry_id: None,
            refunded_minor: 0,
            recorded_by: None,
            version: 1,
            language: language_tag(Some(&form.language)),
        };
        let base = if self.config.money.public_url.is_empty() {
            here.trim_end_matches('/')
        } else {
            self.config.money.public_url.trim_end_matches('/')
        };
        let req = CheckoutRequest {
            donation_id: d.id.to_string(),
            amount_minor: amount,
            currency: fund.currency.to_lowercase(),
            monthly: d.frequency == "monthly",
            description: format!("Gift to {}: {}", self.config.money.organisation, fund.name),
            email: email.clone(),
            success_url: format!("{base}/donate/receipt/{}", d.receipt_token),
            cancel_url: format!("{base}/donate?cancelled=1"),
        };
        let checkout = provider.checkout(&req).await.map_err(|e| match e {
            ProviderError::NotOnline => {
                AppError::conflict("not-online", "online giving is not set up here")
            }
            _ => AppError::conflict(
                "provider-down",
                "the payment service did not answer; nothing was charged, please try again in a few minutes",
            ),
        })?;
        let mut d = d;
        d.provider_ref = Some(checkout.id);
        let donor = DonorRow {
            id: d.donor_id,
            email,
            name,
            created_at: now,
        };
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Donations(Box::new(
            DonationOp::InsertDonation {
                donor,
                donation: d.clone(),
            },
        ))));
        cs.audit(AuditEntry::new(
            now,
            "public",
            "donation.start",
            "donation",
            &d.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok((d.into(), checkout.url))
    }

    /// A gift entered by hand (cash, check, bank transfer): paid at once, posted to cash.
    pub async fn record_gift(&self, actor: &Actor, g: ManualGift) -> AppResult<DonationId> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let (cs, did) = self.gift_ops(actor, g, true).await?;
        self.store.apply(cs).await?;
        Ok(did)
    }

    /// The change set of a gift entered by hand (checked; not applied): its balanced entry, the donor (one per
    /// email) and the gift, the receipt by mail when `receipt` and mail is set up, and the audit entry.
    pub(super) async fn gift_ops(
        &self,
        actor: &Actor,
        g: ManualGift,
        receipt: bool,
    ) -> AppResult<(ChangeSet, DonationId)> {
        // Hand-entered gifts are not bound by the page's minimum and maximum.
        let fund = self
            .fund_or_404(&g.fund_id)
            .await
            .map_err(|_| AppError::field("fund_id", "choose_one"))?;
        let currency = Currency::parse(&fund.currency).unwrap_or_else(|_| Currency::usd());
        let amount = currency
            .parse_amount(&g.amount)
            .map_err(|e| money_err("amount", e))?;
        if !GIFT_METHODS.contains(&g.method.as_str()) {
            return Err(AppError::field("method", "choose_one"));
        }
        let mut errors = FieldErrors::default();
        let (message, name, email) = donor_fields(
            &DonationForm {
                message: g.message.clone(),
                name: g.name.clone(),
                anonymous: g.anonymous,
                email: g.email.clone(),
                ..DonationForm::default()
            },
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let now = self.clock.now();
        let when = match clean(g.date.as_deref()) {
            Some(d) => self
                .config
                .local(&d, "12:00")
                .ok_or_else(|| AppError::field("date", "invalid_date"))?,
            None => now,
        };
        if self.day_of(when) > self.day_of(now) {
            return Err(AppError::field("date", "in_the_future"));
        }
        let did = DonationId::new();
        let mut e = self.gift_entry(
            actor,
            EntryKind::Gift,
            &format!("gift by {}", g.method),
            ledger::gift(fund.id, amount, Account::Cash),
            did,
        );
        e.day = self.day_of(when);
        e.at = when;
        let d = DonationRow {
            id: did,
            donor_id: DonorId::new(),
            fund_id: fund.id,
            campaign_id: None,
            amount_minor: amount,
            currency: fund.currency.clone(),
            frequency: "once".into(),
            anonymous: g.anonymous,
            message,
            provider: "manual".into(),
            method: g.method.clone(),
            provider_ref: None,
            subscription_ref: None,
            status: "paid".into(),
            receipt_token: heart_crypto::random_token(24),
            created_at: now,
            paid_at: Some(when),
            entry_id: Some(e.id),
            refunded_minor: 0,
            recorded_by: Some(actor.audit_name()),
            version: 1,
            language: language_tag(g.language.as_deref()),
        };
        let donor = DonorRow {
            id: d.donor_id,
            email,
            name,
            created_at: now,
        };
        let receipt = if receipt { self.receipt_mail(&d) } else { None };
        let mut cs = ChangeSet::new()
            .op(Op::Money(MoneyOp::PostEntry(e)))
            .op(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::InsertDonation { donor, donation: d },
            ))));
        if let Some(r) = receipt {
            cs.push(Op::Money(r));
        }
        self.audit_money(
            &mut cs,
            actor,
            "donation.record",
            "donation",
            &did.to_string(),
        );
        Ok((cs, did))
    }

    /// A grant received (from a foundation, the city) into a fund, as someone holding finance enters it. The funder
    /// is an organisation, named in the entry's memo.
    pub async fn record_grant(
        &self,
        actor: &Actor,
        fund_id: &str,
        amount: &str,
        funder: &str,
        date: Option<&str>,
    ) -> AppResult<EntryId> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let fund = self
            .fund_or_404(fund_id)
            .await
            .map_err(|_| AppError::field("fund_id", "choose_one"))?;
        let currency = Currency::parse(&fund.currency).unwrap_or_else(|_| Currency::usd());
        let mut errors = FieldErrors::default();
        let amount = match currency.parse_amount(amount) {
            Ok(a) => a,
            Err(e) => {
                errors.add("amount", e.code());
                0
            }
        };
        let funder =
            Words::up_to(120)
                .required()
                .plain()
                .check(&mut errors, "funder", Some(funder));
        let now = self.clock.now();
        let when = match clean(date) {
            Some(d) => match self.config.local(&d, "12:00") {
                Some(w) => w,
                None => {
                    errors.add("date", "invalid_date");
                    now
                }
            },
            None => now,
        };
        if self.day_of(when) > self.day_of(now) {
            errors.add("date", "in_the_future");
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut e = self.entry(
            actor,
            EntryKind::Grant,
            &format!("grant from {}", funder.unwrap_or_default()),
            ledger::grant(fund.id, amount),
        );
        e.day = self.day_of(when);
        e.at = when;
        let id = e.id;
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::PostEntry(e)));
        self.audit_money(&mut cs, actor, "ledger.grant", "entry", &id.to_string());
        self.store.apply(cs).await?;
        Ok(id)
    }

    /// The receipt behind an unguessable link (the donor's own).
    pub async fn receipt(&self, token: &str) -> AppResult<(Donation, Donor, Fund)> {
        if token.len() < 16 || token.len() > 100 {
            return Err(AppError::NotFound);
        }
        let m = self.store.money();
        let d = m
            .donation_by_token(token)
            .await?
            .ok_or(AppError::NotFound)?;
        let donor = m.donor(d.donor_id).await?.ok_or(AppError::NotFound)?;
        let fund = m.fund(d.fund_id).await?.ok_or(AppError::NotFound)?;
        Ok((d.into(), donor.into(), fund.into()))
    }

    pub async fn donations(&self, actor: &Actor) -> AppResult<Vec<Donation>> {
        actor.require(&[Capability::Finance])?;
        Ok(self.store.money().donations_recent(500).await?.views())
    }

    pub async fn donors(&self, actor: &Actor) -> AppResult<Vec<Donor>> {
        actor.require(&[Capability::Finance])?;
        Ok(self.store.money().donors().await?.views())
    }

    /// A donor's giving statement for a calendar year (paid gifts, less refunds).
    pub async fn statement(&self, actor: &Actor, donor: &str, year: i32) -> AppResult<Statement> {
        actor.require(&[Capability::Finance])?;
        let did: DonorId = donor.trim().parse().map_err(|_| AppError::NotFound)?;
        let d = self
            .store
            .money()
            .donor(did)
            .await?
            .ok_or(AppError::NotFound)?;
        if !(2000..=2100).contains(&year) {
            return Err(AppError::field("year", "invalid_date"));
        }
        self.statement_of(d, year).await
    }

    /// The statement itself (the caller checked who asks).
    pub(crate) async fn statement_of(&self, d: DonorRow, year: i32) -> AppResult<Statement> {
        let did = d.id;
        let m = self.store.money();
        let tz = self.config.tz();
        let gifts: Vec<DonationRow> = m
            .donations_for_donor(did)
            .await?
            .into_iter()
            .filter(|g| {
                g.paid_at
                    .is_some_and(|p| p.to_zoned_datetime(tz.clone()).year() == year as i16)
            })
            .collect();
        let mut by_currency: std::collections::BTreeMap<String, i64> = Default::default();
        for g in &gifts {
            *by_currency.entry(g.currency.clone()).or_default() +=
                g.amount_minor - g.refunded_minor;
        }
        if by_currency.is_empty() {
            by_currency.insert(self.config.money.currency.clone(), 0);
        }
        Ok(Statement {
            donor: DonorRowView {
                id: d.id,
                email: d.email,
                name: d.name,
            },
            year,
            gifts: gifts.views(),
            totals: by_currency.into_iter().collect(),
        })
    }

    /// Recurring revenue, retention and concentration.
    pub async fn donor_report(&self, actor: &Actor) -> AppResult<DonorReport> {
        actor.require(&[Capability::Finance])?;
        let m = self.store.money();
        let now = self.clock.now();
        let year = jiff::SignedDuration::from_hours(24 * 365);
        let current = m.donations_paid_between(now - year, now).await?;
        let previous = m
            .donations_paid_between(now - year - year, now - year)
            .await?;
        Ok(report_of(&current, &previous, now))
    }

    /// Gives back part or all of a gift: through the provider for online gifts (its webhook then posts the
    /// refund), at once for gifts entered by hand. `key` (from the form shown) makes the same refund sent twice
    /// one refund at the provider; two refunds asked separately are two, even of the same amount.
    pub async fn refund_gift(
        &self,
        actor: &Actor,
        id: &str,
        amount: &str,
        key: &str,
    ) -> AppResult<()> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let did: DonationId = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let m = self.store.money();
        let d = m.donation(did).await?.ok_or(AppError::NotFound)?;
        let currency = Currency::parse(&d.currency).unwrap_or_else(|_| Currency::usd());
        let amount = currency
            .parse_amount(amount)
            .map_err(|e| money_err("amount", e))?;
        if d.status == "pending" || d.status == "failed" {
            return Err(AppError::conflict("not-paid", "this gift was not paid"));
        }
        if amount > d.amount_minor - d.refunded_minor {
            return Err(AppError::field("amount", "above_maximum"));
        }
        if d.provider == "manual" {
            let e = self.gift_entry(
                actor,
                EntryKind::Refund,
                "gift given back",
                ledger::refund(d.fund_id, amount, Account::Cash),
                d.id,
            );
            let mut nd = d.clone();
            nd.refunded_minor += amount;
            if nd.refunded_minor >= nd.amount_minor {
                nd.status = "refunded".into();
            }
            let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::UpdateDonation {
                    donation: nd,
                    entry: Some(e),
                },
            ))));
            self.audit_money(
                &mut cs,
                actor,
                "donation.refund",
                "donation",
                &d.id.to_string(),
            );
            self.store.apply(cs).await?;
            return Ok(());
        }
        let pay = d
            .provider_ref
            .as_deref()
            .filter(|r| !r.starts_with("cs_"))
            .ok_or_else(|| AppError::conflict("not-paid", "this gift was not paid"))?;
        self.provider()
            .refund(pay, amount, &refund_key(d.id, amount, key))
            .await
            .map_err(|_| {
                AppError::conflict(
                    "provider-down",
                    "the payment service did not answer; nothing was refunded, try again",
                )
            })?;
        let mut cs = ChangeSet::new();
        self.audit_money(
            &mut cs,
            actor,
            "donation.refund.ask",
            "donation",
            &d.id.to_string(),
        );
        self.store.apply(cs).await?;
        Ok(())
    }
}
