//! Mutual aid and donations: funds, the ledger, aid requests approved by people other than the asker, gifts
//! through a payment provider or entered by hand, receipts and donor reports.
//!
//! Money is kept apart from care: the ledger names an aid request, never a person; donors live in their own
//! tables, read only by people holding `finance`, and never together with the records of people served.

use crate::payments::{CheckoutRequest, PaymentProvider, ProviderError};
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::*;
use heart_domain::intake::FieldErrors;
use heart_domain::ledger::{self, Account, EntryKind};
use heart_domain::money::Currency;
use heart_domain::time::Timestamp;
use heart_store::{
    AidRow, CampaignRow, ChangeSet, DonationRow, DonorRow, EntryRow, FundRow, MoneyOp, Op,
    PeriodRow, StoreError,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub const PURPOSES: &[&str] = &["arrears", "food", "transport", "phone", "medicine", "other"];
pub const METHODS: &[&str] = &["check", "card", "cash", "gift_card", "bank_transfer"];
pub const PAYEES: &[&str] = &["person", "third_party"];
pub const FUND_KINDS: &[&str] = &["general", "mutual_aid", "restricted"];
pub const GIFT_METHODS: &[&str] = &["cash", "check", "bank_transfer"];
/// A donor's message: at most this many characters.
pub const MESSAGE_MAX: usize = 150;
/// A proof of payment: at most 2 MB, an image or a PDF.
pub const PROOF_MAX: usize = 2 * 1024 * 1024;
pub const PROOF_TYPES: &[&str] = &["image/png", "image/jpeg", "application/pdf"];

/// `[money]`: the organisation on receipts, caps, approvals, the donation page, the payment provider.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MoneyConfig {
    /// The legal name printed on receipts.
    pub organisation: String,
    /// The tax id printed on receipts (e.g. "EIN 00-0000000").
    pub tax_id: String,
    /// The currency of new funds and of the donation page.
    pub currency: String,
    /// Approvals an aid request needs, from distinct people holding finance, none of them the asker.
    pub approvals_needed: i64,
    /// The most one aid request may ask for.
    pub aid_cap_request: String,
    /// The most aid one person may receive within `aid_cap_days`.
    pub aid_cap_person: String,
    pub aid_cap_days: i64,
    /// Caps for funds kept in another currency than `currency`, by code:
    /// `[money.aid_caps.EUR]` with `request = "900"` and `person = "1800"`. Aid from a fund in a currency
    /// without caps is refused.
    pub aid_caps: std::collections::BTreeMap<String, AidCaps>,
    /// The smallest and largest gift the donation page takes.
    pub donation_min: String,
    pub donation_max: String,
    /// The amounts offered as buttons on the donation page.
    pub presets: Vec<String>,
    /// "manual" (no online payment) or "stripe".
    pub provider: String,
    pub stripe_api: String,
    /// Also from `HEART_STRIPE_SECRET_KEY`.
    pub stripe_secret_key: Option<String>,
    /// Also from `HEART_STRIPE_WEBHOOK_SECRET`.
    pub stripe_webhook_secret: Option<String>,
    /// Seconds a signed webhook stays valid.
    pub webhook_tolerance_secs: i64,
    /// Where the provider's checkout page lives (allowed as a form target on the donation page).
    pub checkout_origin: String,
    /// This server's address as donors reach it (for the provider's return links), e.g. "https://heart.example.org";
    /// empty: the address the donor's browser used.
    pub public_url: String,
}

impl Default for MoneyConfig {
    fn default() -> Self {
        MoneyConfig {
            organisation: "HEART".into(),
            tax_id: String::new(),
            currency: "USD".into(),
            approvals_needed: 1,
            aid_cap_request: "1000".into(),
            aid_cap_person: "2000".into(),
            aid_cap_days: 365,
            aid_caps: Default::default(),
            donation_min: "5".into(),
            donation_max: "10000".into(),
            presets: vec!["25".into(), "50".into(), "100".into(), "250".into()],
            provider: "manual".into(),
            stripe_api: "https://api.stripe.com".into(),
            stripe_secret_key: None,
            stripe_webhook_secret: None,
            webhook_tolerance_secs: 300,
            checkout_origin: "https://checkout.stripe.com".into(),
            public_url: String::new(),
        }
    }
}

/// `[money.aid_caps.CODE]`: the caps of aid from funds kept in that currency.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AidCaps {
    /// The most one aid request may ask for.
    pub request: String,
    /// The most aid one person may receive within `aid_cap_days`.
    pub person: String,
}

/// The money settings, checked and in minor units.
#[derive(Clone, Debug)]
pub struct MoneyRules {
    pub currency: Currency,
    pub approvals_needed: i64,
    /// (currency, most per request, most per person in the period), in that currency's minor units; the
    /// configured currency first.
    pub caps: Vec<(Currency, i64, i64)>,
    pub cap_days: i64,
    pub donation_min: i64,
    pub donation_max: i64,
    pub presets: Vec<i64>,
}

impl MoneyRules {
    /// (most per request, most per person) for aid in `currency`; `None`: no aid in that currency.
    pub fn caps_for(&self, currency: Currency) -> Option<(i64, i64)> {
        self.caps
            .iter()
            .find(|(c, _, _)| *c == currency)
            .map(|(_, r, p)| (*r, *p))
    }
}

impl MoneyConfig {
    /// Checks the settings; one line naming the bad one.
    pub fn rules(&self) -> Result<MoneyRules, String> {
        let currency = Currency::parse(&self.currency)
            .map_err(|_| format!("money.currency {:?} is not one heart keeps", self.currency))?;
        let amount = |name: &str, v: &str| {
            currency
                .parse_amount(v)
                .map_err(|e| format!("money.{name} {v:?}: {e}"))
        };
        let presets = self
            .presets
            .iter()
            .map(|p| amount("presets", p))
            .collect::<Result<Vec<_>, _>>()?;
        let mut caps = vec![(
            currency,
            amount("aid_cap_request", &self.aid_cap_request)?,
            amount("aid_cap_person", &self.aid_cap_person)?,
        )];
        for (code, c) in &self.aid_caps {
            let other = Currency::parse(code)
                .map_err(|_| format!("money.aid_caps.{code}: not a currency heart keeps"))?;
            if caps.iter().any(|(k, _, _)| *k == other) {
                return Err(format!(
                    "money.aid_caps.{code}: set twice (the caps of {code} are aid_cap_request and aid_cap_person)"
                ));
            }
            let parse = |name: &str, v: &str| {
                other
                    .parse_amount(v)
                    .map_err(|e| format!("money.aid_caps.{code}.{name} {v:?}: {e}"))
            };
            caps.push((
                other,
                parse("request", &c.request)?,
                parse("person", &c.person)?,
            ));
        }
        let r = MoneyRules {
            currency,
            approvals_needed: self.approvals_needed,
            caps,
            cap_days: self.aid_cap_days,
            donation_min: amount("donation_min", &self.donation_min)?,
            donation_max: amount("donation_max", &self.donation_max)?,
            presets,
        };
        if !(1..=5).contains(&r.approvals_needed) {
            return Err("money.approvals_needed must be 1-5".into());
        }
        if !(1..=3650).contains(&r.cap_days) {
            return Err("money.aid_cap_days must be 1-3650".into());
        }
        if r.donation_min > r.donation_max {
            return Err("money.donation_min is above money.donation_max".into());
        }
        if r.presets.len() > 8 {
            return Err("money.presets: at most 8".into());
        }
        if !["manual", "stripe"].contains(&self.provider.as_str()) {
            return Err(format!(
                "money.provider {:?}: use \"manual\" or \"stripe\"",
                self.provider
            ));
        }
        if self.provider == "stripe"
            && (self.stripe_secret_key.as_deref().unwrap_or("").is_empty()
                || self
                    .stripe_webhook_secret
                    .as_deref()
                    .unwrap_or("")
                    .is_empty())
        {
            return Err("money.provider is stripe: set HEART_STRIPE_SECRET_KEY and HEART_STRIPE_WEBHOOK_SECRET".into());
        }
        if !(self.public_url.is_empty()
            || self.public_url.starts_with("http://")
            || self.public_url.starts_with("https://"))
        {
            return Err("money.public_url must start with http:// or https://".into());
        }
        if !origin_only(&self.checkout_origin) {
            return Err(
                "money.checkout_origin must be an origin like https://checkout.stripe.com".into(),
            );
        }
        if !(30..=3600).contains(&self.webhook_tolerance_secs) {
            return Err("money.webhook_tolerance_secs must be 30-3600".into());
        }
        Ok(r)
    }

    /// The configured provider.
    pub fn provider(&self) -> Arc<dyn PaymentProvider> {
        match self.provider.as_str() {
            "stripe" => Arc::new(crate::payments::Stripe::new(
                &self.stripe_api,
                self.stripe_secret_key.as_deref().unwrap_or(""),
                self.stripe_webhook_secret.as_deref().unwrap_or(""),
                self.webhook_tolerance_secs,
            )),
            _ => Arc::new(crate::payments::Manual),
        }
    }
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

/// A fund and what it holds now.
#[derive(Clone, Debug, Serialize)]
pub struct FundView {
    pub id: FundId,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub balance_minor: i64,
    pub restriction: Option<String>,
}

/// One line of the reconciliation report.
#[derive(Clone, Debug, Serialize)]
pub struct ReportRow {
    pub fund: FundView,
    pub opening_minor: i64,
    pub in_minor: i64,
    pub out_minor: i64,
    pub closing_minor: i64,
}

/// An aid request as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NewAid {
    pub amount: String,
    pub purpose: String,
    pub payee_kind: String,
    pub payee_name: Option<String>,
    pub method: String,
    pub notes: Option<String>,
    /// Default: the first mutual-aid fund.
    pub fund_id: Option<String>,
}

/// A gift as typed on the donation page.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DonationForm {
    /// A preset amount ("25") or "other".
    pub preset: Option<String>,
    /// The donor's own amount, when `preset` is "other" or absent.
    pub amount: Option<String>,
    /// "once" or "monthly".
    pub frequency: String,
    pub fund_id: Option<String>,
    pub campaign_id: Option<String>,
    pub message: Option<String>,
    pub name: Option<String>,
    pub anonymous: bool,
    pub email: String,
    /// The page's language (the receipt is written in it).
    #[serde(skip)]
    pub language: String,
}

/// A gift entered by someone holding finance (cash, check, bank transfer).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ManualGift {
    pub fund_id: String,
    pub amount: String,
    pub method: String,
    pub email: String,
    pub name: Option<String>,
    pub anonymous: bool,
    pub message: Option<String>,
    /// The date received (local), default today.
    pub date: Option<String>,
    /// The language of the donor's receipt ("en-US", "es"); default English.
    pub language: Option<String>,
}

/// A language tag as the pages write it ("en-US", "es"), else English.
fn language_tag(l: Option<&str>) -> String {
    match l.map(str::trim) {
        Some(t)
            if !t.is_empty()
                && t.len() <= 12
                && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            t.to_string()
        }
        _ => "en-US".into(),
    }
}

/// A campaign with what it has raised.
#[derive(Clone, Debug, Serialize)]
pub struct CampaignView {
    pub id: CampaignId,
    pub name: String,
    pub fund_id: FundId,
    pub goal_minor: i64,
    pub raised_minor: i64,
    /// The currency of its fund (goal and amount raised are in it).
    pub currency: String,
    pub active: bool,
    /// 0-100.
    pub percent: i64,
}

/// What a donor report says.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DonorReport {
    /// Gifts in the last 12 months, less refunds.
    pub last_12_months_minor: i64,
    pub donors_last_12_months: usize,
    /// What active monthly gifts bring each month.
    pub monthly_recurring_minor: i64,
    pub monthly_donors: usize,
    /// Donors of the 12 months before who gave again in the last 12 (percent, 0-100), and how many that was.
    pub retention_percent: Option<i64>,
    pub retained: usize,
    pub previous_donors: usize,
    /// The largest donor's share of the last 12 months (percent): the risk of losing one donor.
    pub top_donor_percent: Option<i64>,
    pub top_five_percent: Option<i64>,
}

/// A donor's gifts in one year.
#[derive(Clone, Debug)]
pub struct Statement {
    pub donor: DonorRowView,
    pub year: i32,
    pub gifts: Vec<DonationRow>,
    /// Given less given back, per currency (never added across currencies).
    pub totals: Vec<(String, i64)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DonorRowView {
    pub id: DonorId,
    pub email: String,
    pub name: Option<String>,
}

/// "https://host[:port]" and nothing else (it goes into a Content-Security-Policy).
fn origin_only(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && r.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    })
}

fn money_err(field: &str, e: heart_domain::money::MoneyError) -> AppError {
    AppError::field(field, e.code())
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// Plain text only: no markup in donors' messages or notes that others will read.
fn has_markup(s: &str) -> bool {
    s.contains('<') || s.contains('>')
}

fn valid_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && s.len() <= 254
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        }
        None => false,
    }
}

impl App {
    pub fn money_rules(&self) -> MoneyRules {
        // Checked when the settings were loaded; the defaults are valid.
        self.config.money.rules().unwrap_or_else(|_| {
            MoneyConfig::default()
                .rules()
                .unwrap_or_else(|_| unreachable!())
        })
    }

    fn provider(&self) -> Arc<dyn PaymentProvider> {
        self.payments
            .get_or_init(|| self.config.money.provider())
            .clone()
    }

    /// Replaces the payment provider (tests of a provider that is down).
    pub fn set_provider(&self, p: Arc<dyn PaymentProvider>) {
        let _ = self.payments.set(p);
    }

    pub fn online_giving(&self) -> bool {
        self.provider().name() != "manual"
    }

    /// The demo's test provider takes gifts: every page it touches says that no money moves.
    pub fn giving_test_mode(&self) -> bool {
        self.provider().name() == crate::payments::DemoTest::NAME
    }

    /// A pending gift on the test provider's checkout page (test mode only).
    pub async fn test_checkout(&self, id: DonationId) -> AppResult<DonationRow> {
        if !self.giving_test_mode() {
            return Err(AppError::NotFound);
        }
        let d = self
            .store
            .money()
            .donation(id)
            .await?
            .ok_or(AppError::NotFound)?;
        if d.provider != crate::payments::DemoTest::NAME {
            return Err(AppError::NotFound);
        }
        Ok(d)
    }

    /// "Pays" a gift in test mode: the event a provider sends when a checkout is paid, signed as it signs,
    /// through the same webhook path as a real payment (ledger entry, receipt). Returns the receipt token.
    pub async fn pay_test_checkout(&self, id: DonationId) -> AppResult<String> {
        let d = self.test_checkout(id).await?;
        if d.status == "pending" {
            let now = self.clock.now().as_second();
            let event = serde_json::json!({
                "id": format!("evt_test_{}", d.id),
                "type": "checkout.session.completed",
                "created": now,
                "data": {"object": {
                    "id": d.provider_ref.clone().unwrap_or_default(),
                    "client_reference_id": d.id.to_string(),
                    "payment_status": "paid",
                    "amount_total": d.amount_minor,
                    "currency": d.currency.to_lowercase(),
                }},
            });
            let body = event.to_string().into_bytes();
            let sig = self
                .provider()
                .sign_test_event(&body, now)
                .ok_or(AppError::NotFound)?;
            self.payment_webhook(Some(&sig), &body).await.map_err(|_| {
                AppError::conflict("provider-down", "the test payment did not go through")
            })?;
        }
        Ok(d.receipt_token)
    }

    /// The organisation's local date as yyyymmdd.
    pub fn day_of(&self, t: Timestamp) -> i64 {
        let d = t.to_zoned_datetime(self.config.tz()).date();
        i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
    }

    fn entry(
        &self,
        actor: &Actor,
        kind: EntryKind,
        memo: &str,
        lines: Vec<ledger::Line>,
    ) -> EntryRow {
        let now = self.clock.now();
        EntryRow {
            id: EntryId::new(),
            at: now,
            day: self.day_of(now),
            kind,
            memo: memo.into(),
            ref_kind: None,
            ref_id: None,
            reverses: None,
            flagged: false,
            posted_by: actor.audit_name(),
            lines,
        }
    }

    pub(crate) fn audit_money(
        &self,
        cs: &mut ChangeSet,
        actor: &Actor,
        action: &str,
        kind: &str,
        id: &str,
    ) {
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            action,
            kind,
            id,
            "",
        ));
    }

    // ---- funds and the ledger ----

    pub async fn funds(&self, actor: &Actor) -> AppResult<Vec<FundView>> {
        actor.require(&[Capability::Finance])?;
        self.fund_views().await
    }

    async fn fund_views(&self) -> AppResult<Vec<FundView>> {
        let m = self.store.money();
        let mut out = Vec::new();
        for f in m.funds().await? {
            let balance = m.fund_balance(f.id).await?;
            out.push(view(f, balance));
        }
        Ok(out)
    }

    /// Funds a donor may choose (not archived), without balances.
    pub async fn public_funds(&self) -> AppResult<Vec<FundRow>> {
        Ok(self
            .store
            .money()
            .funds()
            .await?
            .into_iter()
            .filter(|f| !f.archived)
            .collect())
    }

    pub async fn create_fund(
        &self,
        actor: &Actor,
        name: &str,
        kind: &str,
        currency: Option<&str>,
        restriction: Option<&str>,
    ) -> AppResult<FundId> {
        actor.require(&[Capability::Finance])?;
        let mut errors = FieldErrors::default();
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 || has_markup(name) {
            errors.add(
                "name",
                if name.is_empty() {
                    "required"
                } else {
                    "too_long"
                },
            );
        }
        if !FUND_KINDS.contains(&kind) {
            errors.add("kind", "choose_one");
        }
        let currency = match Currency::parse(currency.unwrap_or(&self.config.money.currency)) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.add("currency", e.code());
                None
            }
        };
        if kind == "mutual_aid"
            && currency.is_some_and(|c| self.money_rules().caps_for(c).is_none())
        {
            errors.add("currency", "no_aid_caps");
        }
        let restriction = clean(restriction);
        if kind == "restricted" && restriction.is_none() {
            errors.add("restriction", "required");
        }
        let Some(currency) = currency.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let f = FundRow {
            id: FundId::new(),
            name: name.into(),
            kind: kind.into(),
            currency: currency.code.into(),
            restriction,
            created_at: self.clock.now(),
            archived: false,
        };
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::InsertFund(f.clone())));
        self.audit_money(&mut cs, actor, "fund.create", "fund", &f.id.to_string());
        match self.store.apply(cs).await {
            Ok(()) => Ok(f.id),
            Err(StoreError::Duplicate(_)) => Err(AppError::field("name", "taken")),
            Err(e) => Err(e.into()),
        }
    }

    async fn fund_or_404(&self, id: &str) -> AppResult<FundRow> {
        let fid: FundId = id.trim().parse().map_err(|_| AppError::NotFound)?;
        self.store
            .money()
            .fund(fid)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn fund(&self, actor: &Actor, id: &str) -> AppResult<FundView> {
        actor.require(&[Capability::Finance])?;
        let f = self.fund_or_404(id).await?;
        let b = self.store.money().fund_balance(f.id).await?;
        Ok(view(f, b))
    }

    /// Parses a local date ("2026-11-01") as yyyymmdd.
    pub fn parse_day(&self, field: &str, s: &str) -> AppResult<i64> {
        let d: jiff::civil::Date = s
            .trim()
            .parse()
            .map_err(|_| AppError::field(field, "invalid_date"))?;
        Ok(i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day()))
    }

    /// The entries of a fund between two local dates (default: the last 90 days), at most 10,000.
    pub async fn fund_ledger(
        &self,
        actor: &Actor,
        id: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> AppResult<(FundView, Vec<EntryRow>)> {
        let fund = self.fund(actor, id).await?;
        let (from, to) = self.period(from, to)?;
        let entries = self
            .store
            .money()
            .fund_entries(fund.id, from, to, 10_000)
            .await?;
        Ok((fund, entries))
    }

    /// A period of local dates; default the last 90 days to today.
    pub fn period(&self, from: Option<&str>, to: Option<&str>) -> AppResult<(i64, i64)> {
        let now = self.clock.now();
        let to = match clean(to) {
            Some(t) => self.parse_day("to", &t)?,
            None => self.day_of(now),
        };
        let from = match clean(from) {
            Some(f) => self.parse_day("from", &f)?,
            None => self.day_of(now - jiff::SignedDuration::from_hours(24 * 90)),
        };
        if from > to {
            return Err(AppError::field("from", "after_to"));
        }
        Ok((from, to))
    }

    /// Opening, in, out and closing per fund for a period.
    pub async fn reconciliation(
        &self,
        actor: &Actor,
        from: Option<&str>,
        to: Option<&str>,
    ) -> AppResult<(i64, i64, Vec<ReportRow>)> {
        actor.require(&[Capability::Finance])?;
        let (from, to) = self.period(from, to)?;
        let m = self.store.money();
        let mut rows = Vec::new();
        for f in self.fund_views().await? {
            let p: PeriodRow = m.fund_period(f.id, from, to).await?;
            rows.push(ReportRow {
                fund: f,
                opening_minor: p.opening,
                in_minor: p.inflow,
                out_minor: p.outflow,
                closing_minor: p.closing,
            });
        }
        Ok((from, to, rows))
    }

    /// Every line of every entry in the period, for a bookkeeper: one row per line, amounts in major units.
    pub async fn ledger_csv(
        &self,
        actor: &Actor,
        from: Option<&str>,
        to: Option<&str>,
    ) -> AppResult<String> {
        actor.require(&[Capability::Finance])?;
        let (from, to) = self.period(from, to)?;
        let m = self.store.money();
        let funds = m.funds().await?;
        let mut out = String::from(
            "date,entry_id,kind,memo,fund,account,debit,credit,currency,reverses,flagged\r\n",
        );
        let mut seen = std::collections::HashSet::new();
        let mut all = Vec::new();
        for f in &funds {
            for e in m.fund_entries(f.id, from, to, 1_000_000).await? {
                if seen.insert(e.id) {
                    all.push(e);
                }
            }
        }
        all.sort_by_key(|e| (e.day, e.id));
        for e in all {
            for l in &e.lines {
                let Some(f) = funds.iter().find(|f| f.id == l.fund) else {
                    continue;
                };
                let c = Currency::parse(&f.currency).unwrap_or_else(|_| Currency::usd());
                let (debit, credit) = if l.amount > 0 {
                    (c.plain(l.amount), String::new())
                } else {
                    (String::new(), c.plain(-l.amount))
                };
                let date = ledger::day_text(e.day);
                out.push_str(&csv_row(&[
                    &date,
                    &e.id.to_string(),
                    e.kind.as_str(),
                    &e.memo,
                    &f.name,
                    l.account.as_str(),
                    &debit,
                    &credit,
                    &f.currency,
                    &e.reverses.map(|r| r.to_string()).unwrap_or_default(),
                    if e.flagged { "yes" } else { "" },
                ]));
            }
        }
        Ok(out)
    }

    /// Undoes an entry with its mirror image, with a reason.
    pub async fn reverse_entry(&self, actor: &Actor, id: &str, reason: &str) -> AppResult<EntryId> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 200 || has_markup(reason) {
            return Err(AppError::field(
                "reason",
                if reason.is_empty() {
                    "required"
                } else {
                    "too_long"
                },
            ));
        }
        let eid: EntryId = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let target = self
            .store
            .money()
            .entry(eid)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut e = self.entry(
            actor,
            EntryKind::Reversal,
            &format!("reversal: {reason}"),
            ledger::reversal(&target.lines),
        );
        e.reverses = Some(eid);
        e.ref_kind = target.ref_kind.clone();
        e.ref_id = target.ref_id.clone();
        let rid = e.id;
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::PostEntry(e)));
        self.audit_money(&mut cs, actor, "ledger.reverse", "entry", &eid.to_string());
        self.store.apply(cs).await?;
        Ok(rid)
    }

    // ---- mutual aid ----

    /// Opens an aid request for the person a care request is about.
    pub async fn ask_aid(&self, actor: &Actor, request: &str, input: NewAid) -> AppResult<AidId> {
        actor.require(&[Capability::Respond, Capability::Coordinate])?;
        people_only(actor)?;
        let rid: RequestId = request.trim().parse().map_err(|_| AppError::NotFound)?;
        let r = self.get_request(actor, rid).await?;
        let rules = self.money_rules();
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
        if input
            .payee_name
            .as_deref()
            .is_some_and(|n| n.chars().count() > 120)
        {
            errors.add("payee_name", "too_long");
        }
        let payee_name = clean(input.payee_name.as_deref());
        if input.payee_kind == "third_party" && !errors.0.contains_key("payee_name") {
            match &payee_name {
                None => errors.add("payee_name", "required"),
                Some(n) if n.chars().count() > 120 || has_markup(n) => {
                    errors.add("payee_name", "too_long")
                }
                _ => {}
            }
        }
        if !METHODS.contains(&input.method.as_str()) {
            errors.add("method", "choose_one");
        }
        let notes = clean(input.notes.as_deref());
        if input
            .notes
            .as_deref()
            .is_some_and(|n| n.chars().count() > 2000)
        {
            errors.add("notes", "too_long");
        }
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
            .op(Op::Money(MoneyOp::CheckAidCap {
                subject: r.subject,
                currency: currency.code.to_string(),
                since,
                max: cap_person,
                amount,
            }))
            .op(Op::Money(MoneyOp::InsertAid(a.clone())));
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
    pub async fn aid_for_request(&self, actor: &Actor, rid: RequestId) -> AppResult<Vec<AidRow>> {
        let r = self.store.request(rid).await?.ok_or(AppError::NotFound)?;
        if !actor.caps.has(Capability::Finance) {
            self.may_see(actor, &r).await?;
        }
        Ok(self.store.money().aid_for_request(rid).await?)
    }

    /// Queues: awaiting approval, approved awaiting payment, paid, declined.
    pub async fn aid_queue(&self, actor: &Actor, status: &str) -> AppResult<Vec<AidRow>> {
        actor.require(&[Capability::Finance])?;
        if !["awaiting_approval", "approved", "paid", "declined"].contains(&status) {
            return Err(AppError::field("status", "choose_one"));
        }
        let mut rows = self.store.money().aid_with_status(status, 500).await?;
        if status == "paid" || status == "declined" {
            rows.reverse();
        }
        Ok(rows)
    }

    pub async fn aid(&self, actor: &Actor, id: &str) -> AppResult<AidRow> {
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
        Ok(a)
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
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::ApproveAid {
            id: a.id,
            approver: actor.audit_name(),
            at: self.clock.now(),
            version,
        }));
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
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 || has_markup(reason) {
            return Err(AppError::field(
                "reason",
                if reason.is_empty() {
                    "required"
                } else {
                    "too_long"
                },
            ));
        }
        let a = self.aid(actor, id).await?;
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::DeclineAid {
            id: a.id,
            by: actor.audit_name(),
            reason: reason.into(),
            at: self.clock.now(),
            version,
        }));
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
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::PayAid {
            id: a.id,
            by: actor.audit_name(),
            at: self.clock.now(),
            version,
            entry: e,
        }));
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
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::AttachAidProof {
            id: a.id,
            name: if name.trim().is_empty() {
                "proof".into()
            } else {
                name
            },
            content_type: content_type.into(),
            bytes,
            version,
        }));
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

    // ---- donations ----

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
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 || has_markup(name) {
            errors.add(
                "name",
                if name.is_empty() {
                    "required"
                } else {
                    "too_long"
                },
            );
        }
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
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::InsertCampaign(c.clone())));
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
    async fn check_donation(
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
        let rules = self.money_rules();
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
        let funds = self.public_funds().await?;
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
    ) -> AppResult<(DonationRow, String)> {
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
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::InsertDonation {
            donor,
            donation: d.clone(),
        }));
        cs.audit(AuditEntry::new(
            now,
            "public",
            "donation.start",
            "donation",
            &d.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok((d, checkout.url))
    }

    /// A gift entered by hand (cash, check, bank transfer): paid at once, posted to cash.
    pub async fn record_gift(&self, actor: &Actor, g: ManualGift) -> AppResult<DonationId> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
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
        let mut e = self.entry(
            actor,
            EntryKind::Gift,
            &format!("gift by {}", g.method),
            ledger::gift(fund.id, amount, Account::Cash),
        );
        e.day = self.day_of(when);
        e.at = when;
        let did = DonationId::new();
        e.ref_kind = Some("donation".into());
        e.ref_id = Some(did.to_string());
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
        let receipt = self.receipt_mail(&d);
        let mut cs = ChangeSet::new()
            .op(Op::Money(MoneyOp::PostEntry(e)))
            .op(Op::Money(MoneyOp::InsertDonation { donor, donation: d }));
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
        self.store.apply(cs).await?;
        Ok(did)
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
        let funder = clean(Some(funder));
        match &funder {
            None => errors.add("funder", "required"),
            Some(f) if f.chars().count() > 120 => errors.add("funder", "too_long"),
            Some(f) if has_markup(f) => errors.add("funder", "no_markup"),
            _ => {}
        }
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

    /// Moves money between two funds of the same currency, with the reason. Never out of a restricted fund (a grant
    /// held for its purpose), never more than the fund holds (checked inside the write).
    pub async fn transfer_funds(
        &self,
        actor: &Actor,
        from: &str,
        to: &str,
        amount: &str,
        reason: &str,
    ) -> AppResult<EntryId> {
        actor.require(&[Capability::Finance])?;
        people_only(actor)?;
        let mut errors = FieldErrors::default();
        let source = self.fund_or_404(from).await.ok();
        let target = self.fund_or_404(to).await.ok();
        if source.is_none() {
            errors.add("from", "choose_one");
        }
        if target.is_none() {
            errors.add("to", "choose_one");
        }
        let (Some(source), Some(target)) = (source, target) else {
            return Err(AppError::Invalid(errors));
        };
        if source.id == target.id {
            errors.add("to", "same_fund");
        }
        if source.kind == "restricted" {
            errors.add("from", "restricted");
        }
        if source.currency != target.currency {
            errors.add("to", "other_currency");
        }
        let currency = Currency::parse(&source.currency).unwrap_or_else(|_| Currency::usd());
        let amount = match currency.parse_amount(amount) {
            Ok(a) => a,
            Err(e) => {
                errors.add("amount", e.code());
                0
            }
        };
        let reason = clean(Some(reason));
        match &reason {
            None => errors.add("reason", "required"),
            Some(r) if r.chars().count() > 200 => errors.add("reason", "too_long"),
            Some(r) if has_markup(r) => errors.add("reason", "no_markup"),
            _ => {}
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let e = self.entry(
            actor,
            EntryKind::Transfer,
            &reason.unwrap_or_default(),
            ledger::transfer(source.id, target.id, amount),
        );
        let id = e.id;
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::PostEntry(e)));
        self.audit_money(&mut cs, actor, "ledger.transfer", "entry", &id.to_string());
        self.store.apply(cs).await?;
        Ok(id)
    }

    /// The receipt behind an unguessable link (the donor's own).
    pub async fn receipt(&self, token: &str) -> AppResult<(DonationRow, DonorRow, FundRow)> {
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
        Ok((d, donor, fund))
    }

    pub async fn donations(&self, actor: &Actor) -> AppResult<Vec<DonationRow>> {
        actor.require(&[Capability::Finance])?;
        Ok(self.store.money().donations_recent(500).await?)
    }

    pub async fn donors(&self, actor: &Actor) -> AppResult<Vec<DonorRow>> {
        actor.require(&[Capability::Finance])?;
        Ok(self.store.money().donors().await?)
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
            gifts,
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
            let mut e = self.entry(
                actor,
                EntryKind::Refund,
                "gift given back",
                ledger::refund(d.fund_id, amount, Account::Cash),
            );
            e.ref_kind = Some("donation".into());
            e.ref_id = Some(d.id.to_string());
            let mut nd = d.clone();
            nd.refunded_minor += amount;
            if nd.refunded_minor >= nd.amount_minor {
                nd.status = "refunded".into();
            }
            let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::UpdateDonation {
                donation: nd,
                entry: Some(e),
            }));
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

    /// Handles a payment provider's signed webhook. Each event id is processed once; a replay is answered
    /// `Ok(false)` and changes nothing.
    pub async fn payment_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
    ) -> Result<bool, WebhookRefusal> {
        let provider = self.provider();
        provider
            .verify_webhook(signature, body, self.clock.now().as_second())
            .map_err(WebhookRefusal::Signature)?;
        let event: serde_json::Value =
            serde_json::from_slice(body).map_err(|_| WebhookRefusal::Malformed)?;
        let (Some(event_id), Some(kind)) = (event["id"].as_str(), event["type"].as_str()) else {
            return Err(WebhookRefusal::Malformed);
        };
        if event_id.is_empty() || event_id.len() > 255 {
            return Err(WebhookRefusal::Malformed);
        }
        let obj = &event["data"]["object"];
        let now = self.clock.now();
        // When the money moved: the payment's own time (Stripe may deliver an event days later, e.g. a gift of
        // 31 December on 1 January), never in the future nor older than a month.
        let paid_at = obj["status_transitions"]["paid_at"]
            .as_i64()
            .or(event["created"].as_i64())
            .and_then(|s| Timestamp::from_second(s).ok())
            .filter(|t| *t <= now && *t > now - jiff::SignedDuration::from_hours(24 * 31))
            .unwrap_or(now);
        let m = self.store.money();
        // A replay is answered before anything is looked up (the gift may have moved on since).
        if m.payment_event_seen(provider.name(), event_id)
            .await
            .map_err(WebhookRefusal::store)?
        {
            return Ok(false);
        }
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::ClaimPaymentEvent {
            provider: provider.name().into(),
            event_id: event_id.into(),
            at: now,
        }));
        let system = Actor::system();
        match kind {
            "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
                let paid = obj["payment_status"].as_str() == Some("paid");
                let session = obj["id"].as_str().unwrap_or("");
                let d = match m.donation_by_provider_ref(session).await {
                    Ok(Some(d)) => Some(d),
                    Ok(None) => match obj["client_reference_id"]
                        .as_str()
                        .and_then(|s| s.parse::<DonationId>().ok())
                    {
                        Some(did) => m.donation(did).await.map_err(WebhookRefusal::store)?,
                        None => None,
                    },
                    Err(e) => return Err(WebhookRefusal::store(e)),
                };
                let Some(d) = d else {
                    return Err(WebhookRefusal::Unknown);
                };
                if paid && d.status == "pending" {
                    let amount = obj["amount_total"].as_i64().unwrap_or(d.amount_minor);
                    if amount != d.amount_minor
                        || !obj["currency"]
                            .as_str()
                            .is_some_and(|c| c.eq_ignore_ascii_case(&d.currency))
                    {
                        return Err(WebhookRefusal::Mismatch);
                    }
                    let mut nd = d.clone();
                    nd.status = "paid".into();
                    nd.paid_at = Some(paid_at);
                    nd.provider_ref = obj["payment_intent"]
                        .as_str()
                        .map(String::from)
                        .or(nd.provider_ref);
                    nd.subscription_ref = obj["subscription"].as_str().map(String::from);
                    let mut e = self.entry(
                        &system,
                        EntryKind::Gift,
                        "gift online",
                        ledger::gift(d.fund_id, amount, Account::Processor),
                    );
                    e.ref_kind = Some("donation".into());
                    e.ref_id = Some(d.id.to_string());
                    e.at = paid_at;
                    e.day = self.day_of(paid_at);
                    nd.entry_id = Some(e.id);
                    let receipt = self.receipt_mail(&nd);
                    cs.push(Op::Money(MoneyOp::UpdateDonation {
                        donation: nd,
                        entry: Some(e),
                    }));
                    // The receipt is due with the gift, in the same write.
                    if let Some(r) = receipt {
                        cs.push(Op::Money(r));
                    }
                }
            }
            "invoice.paid" => {
                // Monthly gifts after the first (the first is the checkout above).
                let reason = obj["billing_reason"].as_str().unwrap_or("");
                let sub = obj["subscription"]
                    .as_str()
                    .or(obj["parent"]["subscription_details"]["subscription"].as_str())
                    .unwrap_or("");
                if reason == "subscription_cycle" && !sub.is_empty() {
                    let first = m
                        .donations_for_subscription(sub)
                        .await
                        .map_err(WebhookRefusal::store)?
                        .into_iter()
                        .next()
                        .ok_or(WebhookRefusal::Unknown)?;
                    let amount = obj["amount_paid"].as_i64().unwrap_or(0);
                    if amount <= 0 {
                        return Err(WebhookRefusal::Mismatch);
                    }
                    let did = DonationId::new();
                    let mut e = self.entry(
                        &system,
                        EntryKind::Gift,
                        "monthly gift online",
                        ledger::gift(first.fund_id, amount, Account::Processor),
                    );
                    e.ref_kind = Some("donation".into());
                    e.ref_id = Some(did.to_string());
                    e.at = paid_at;
                    e.day = self.day_of(paid_at);
                    let donor = m
                        .donor(first.donor_id)
                        .await
                        .map_err(WebhookRefusal::store)?
                        .ok_or(WebhookRefusal::Unknown)?;
                    let d = DonationRow {
                        id: did,
                        amount_minor: amount,
                        provider_ref: obj["payment_intent"]
                            .as_str()
                            .or(obj["id"].as_str())
                            .map(String::from),
                        status: "paid".into(),
                        receipt_token: heart_crypto::random_token(24),
                        created_at: now,
                        paid_at: Some(paid_at),
                        entry_id: Some(e.id),
                        refunded_minor: 0,
                        version: 1,
                        ..first
                    };
                    let receipt = self.receipt_mail(&d);
                    cs.push(Op::Money(MoneyOp::PostEntry(e)));
                    cs.push(Op::Money(MoneyOp::InsertDonation { donor, donation: d }));
                    if let Some(r) = receipt {
                        cs.push(Op::Money(r));
                    }
                } else if reason == "subscription_create" && !sub.is_empty() {
                    // The first month was recorded at checkout, where a subscription has no payment yet: the
                    // invoice names it, so a refund or dispute of that first gift finds it.
                    let pi = obj["payment_intent"]
                        .as_str()
                        .or(obj["payments"]["data"][0]["payment"]["payment_intent"].as_str());
                    if let Some(pi) = pi
                        && let Some(first) = m
                            .donations_for_subscription(sub)
                            .await
                            .map_err(WebhookRefusal::store)?
                            .into_iter()
                            .next()
                        && first
                            .provider_ref
                            .as_deref()
                            .is_none_or(|r| r.starts_with("cs_"))
                    {
                        let mut nd = first.clone();
                        nd.provider_ref = Some(pi.to_string());
                        cs.push(Op::Money(MoneyOp::UpdateDonation {
                            donation: nd,
                            entry: None,
                        }));
                    }
                }
            }
            "charge.refunded" => {
                let pi = obj["payment_intent"].as_str().unwrap_or("");
                let d = m
                    .donation_by_provider_ref(pi)
                    .await
                    .map_err(WebhookRefusal::store)?
                    .ok_or(WebhookRefusal::Unknown)?;
                let total = obj["amount_refunded"].as_i64().unwrap_or(0);
                let delta = total - d.refunded_minor;
                if delta > 0 && total <= d.amount_minor {
                    let mut e = self.entry(
                        &system,
                        EntryKind::Refund,
                        "gift given back",
                        ledger::refund(d.fund_id, delta, Account::Processor),
                    );
                    e.ref_kind = Some("donation".into());
                    e.ref_id = Some(d.id.to_string());
                    let mut nd = d.clone();
                    nd.refunded_minor = total;
                    if total >= d.amount_minor {
                        nd.status = "refunded".into();
                    }
                    cs.push(Op::Money(MoneyOp::UpdateDonation {
                        donation: nd,
                        entry: Some(e),
                    }));
                }
            }
            "charge.dispute.created" => {
                let pi = obj["payment_intent"].as_str().unwrap_or("");
                let d = m
                    .donation_by_provider_ref(pi)
                    .await
                    .map_err(WebhookRefusal::store)?
                    .ok_or(WebhookRefusal::Unknown)?;
                let amount = obj["amount"]
                    .as_i64()
                    .unwrap_or(d.amount_minor)
                    .min(d.amount_minor - d.refunded_minor);
                if amount > 0 {
                    let mut e = self.entry(
                        &system,
                        EntryKind::Dispute,
                        "gift disputed",
                        ledger::refund(d.fund_id, amount, Account::Processor),
                    );
                    e.ref_kind = Some("donation".into());
                    e.ref_id = Some(d.id.to_string());
                    let mut nd = d.clone();
                    nd.refunded_minor += amount;
                    nd.status = "disputed".into();
                    cs.push(Op::Money(MoneyOp::UpdateDonation {
                        donation: nd,
                        entry: Some(e),
                    }));
                }
            }
            // The provider's fee on a gift, once its balance transaction exists (on the charge, or when it is
            // updated): posted once, as money the provider already took.
            "charge.succeeded" | "charge.updated" => {
                if let (Some(pi), Some(bt)) = (
                    obj["payment_intent"].as_str(),
                    obj["balance_transaction"].as_str(),
                ) {
                    let d = m
                        .donation_by_provider_ref(pi)
                        .await
                        .map_err(WebhookRefusal::store)?
                        .ok_or(WebhookRefusal::Unknown)?;
                    if !m.fee_posted(d.id).await.map_err(WebhookRefusal::store)? {
                        let fee = self
                            .provider()
                            .fee(bt)
                            .await
                            .map_err(|_| WebhookRefusal::ProviderDown)?;
                        if fee > 0 {
                            let mut e = self.entry(
                                &system,
                                EntryKind::Fee,
                                "payment processing fee",
                                ledger::fee(d.fund_id, fee),
                            );
                            e.ref_kind = Some("donation".into());
                            e.ref_id = Some(d.id.to_string());
                            cs.push(Op::Money(MoneyOp::PostEntry(e)));
                        }
                    }
                }
            }
            // A dispute that ended: when the team won it, the money comes back and the gift is whole again.
            "charge.dispute.closed" => {
                let pi = obj["payment_intent"].as_str().unwrap_or("");
                let d = m
                    .donation_by_provider_ref(pi)
                    .await
                    .map_err(WebhookRefusal::store)?
                    .ok_or(WebhookRefusal::Unknown)?;
                let amount = obj["amount"].as_i64().unwrap_or(0).min(d.refunded_minor);
                if obj["status"].as_str() == Some("won") && d.status == "disputed" && amount > 0 {
                    let mut e = self.entry(
                        &system,
                        EntryKind::Dispute,
                        "dispute won: gift returned",
                        ledger::reversal(&ledger::refund(d.fund_id, amount, Account::Processor)),
                    );
                    e.ref_kind = Some("donation".into());
                    e.ref_id = Some(d.id.to_string());
                    let mut nd = d.clone();
                    nd.refunded_minor -= amount;
                    nd.status = "paid".into();
                    cs.push(Op::Money(MoneyOp::UpdateDonation {
                        donation: nd,
                        entry: Some(e),
                    }));
                }
            }
            // Other events are acknowledged and remembered, nothing more.
            _ => {}
        }
        cs.audit(AuditEntry::new(
            now,
            "system",
            "payment.event",
            "payment_event",
            event_id,
            kind,
        ));
        match self.store.apply(cs).await {
            Ok(()) => Ok(true),
            Err(StoreError::Duplicate("payment event")) => Ok(false),
            Err(e) => Err(WebhookRefusal::store(e)),
        }
    }
}

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

/// Why a webhook was not processed.
#[derive(Debug, thiserror::Error)]
pub enum WebhookRefusal {
    #[error("{0}")]
    Signature(crate::payments::WebhookError),
    #[error("the event is not valid JSON with an id and a type")]
    Malformed,
    #[error("the event names a payment heart does not know")]
    Unknown,
    #[error("the event's amount or currency differs from the gift")]
    Mismatch,
    #[error("the payment provider did not answer; send the event again")]
    ProviderDown,
    #[error("{0}")]
    Store(StoreError),
}

impl WebhookRefusal {
    fn store(e: StoreError) -> Self {
        WebhookRefusal::Store(e)
    }
}

/// The donor's message, name and email, checked.
fn donor_fields(
    form: &DonationForm,
    errors: &mut FieldErrors,
) -> (Option<String>, Option<String>, String) {
    let message = clean(form.message.as_deref());
    if let Some(msg) = &message {
        if msg.chars().count() > MESSAGE_MAX {
            errors.add("message", "too_long");
        } else if has_markup(msg) {
            errors.add("message", "no_markup");
        }
    }
    let name = if form.anonymous {
        None
    } else {
        clean(form.name.as_deref())
    };
    if let Some(n) = &name
        && (n.chars().count() > 100 || has_markup(n))
    {
        errors.add("name", "too_long");
    }
    let email = form.email.trim().to_lowercase();
    if email.is_empty() {
        errors.add("email", "required");
    } else if !valid_email(&email) {
        errors.add("email", "invalid_email");
    }
    (message, name, email)
}

fn view(f: FundRow, balance: i64) -> FundView {
    FundView {
        id: f.id,
        name: f.name,
        kind: f.kind,
        currency: f.currency,
        balance_minor: balance,
        restriction: f.restriction,
    }
}

fn campaign_view(c: CampaignRow, raised: i64, currency: String) -> CampaignView {
    let percent = if c.goal_minor > 0 {
        (raised.max(0) as i128 * 100 / c.goal_minor as i128).min(100) as i64
    } else {
        0
    };
    CampaignView {
        id: c.id,
        name: c.name,
        fund_id: c.fund_id,
        goal_minor: c.goal_minor,
        raised_minor: raised,
        currency,
        active: c.active,
        percent,
    }
}

/// The first 8 characters of an id, for memos.
pub fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// One CSV row (RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it).
pub fn csv_row(fields: &[&str]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut v = f.to_string();
        if v.starts_with(['=', '+', '@']) || (v.starts_with('-') && v.parse::<f64>().is_err()) {
            v.insert(0, '\'');
        }
        if v.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&v.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&v);
        }
    }
    out.push_str("\r\n");
    out
}

/// Recurring revenue, retention and concentration from two years of paid gifts.
pub fn report_of(current: &[DonationRow], previous: &[DonationRow], now: Timestamp) -> DonorReport {
    use std::collections::{BTreeMap, BTreeSet};
    let net = |d: &DonationRow| d.amount_minor - d.refunded_minor;
    let mut by_donor: BTreeMap<DonorId, i64> = BTreeMap::new();
    for d in current {
        *by_donor.entry(d.donor_id).or_default() += net(d);
    }
    let total: i64 = by_donor.values().sum();
    let mut amounts: Vec<i64> = by_donor.values().copied().collect();
    amounts.sort_unstable_by(|a, b| b.cmp(a));
    let pct = |part: i64| {
        if total > 0 {
            Some((part as i128 * 100 / total as i128) as i64)
        } else {
            None
        }
    };
    // A monthly gift is active when its subscription paid in the last 35 days.
    let recent = now - jiff::SignedDuration::from_hours(24 * 35);
    let mut subs: BTreeMap<String, (Timestamp, i64)> = BTreeMap::new();
    for d in current
        .iter()
        .filter(|d| d.frequency == "monthly" && d.status == "paid")
    {
        let key = d
            .subscription_ref
            .clone()
            .unwrap_or_else(|| d.id.to_string());
        let at = d.paid_at.unwrap_or(d.created_at);
        let e = subs.entry(key).or_insert((at, d.amount_minor));
        if at >= e.0 {
            *e = (at, d.amount_minor);
        }
    }
    let active: Vec<i64> = subs
        .values()
        .filter(|(at, _)| *at >= recent)
        .map(|(_, a)| *a)
        .collect();
    let before: BTreeSet<DonorId> = previous.iter().map(|d| d.donor_id).collect();
    let retained = before.iter().filter(|d| by_donor.contains_key(d)).count();
    DonorReport {
        last_12_months_minor: total,
        donors_last_12_months: by_donor.len(),
        monthly_recurring_minor: active.iter().sum(),
        monthly_donors: active.len(),
        retention_percent: if before.is_empty() {
            None
        } else {
            Some((retained * 100 / before.len()) as i64)
        },
        retained,
        previous_donors: before.len(),
        top_donor_percent: amounts.first().and_then(|a| pct(*a)),
        top_five_percent: pct(amounts.iter().take(5).sum()),
    }
}

/// The provider's idempotency key of a refund: the gift, the amount and the form's key (a fresh random one when the
/// form gave none or a malformed one).
fn refund_key(donation: DonationId, amount: i64, key: &str) -> String {
    format!("refund-{donation}-{amount}-{}", form_key(key))
}

/// The key a form carried to make the same form sent twice one action (a random one when it carried none).
pub(crate) fn form_key(key: &str) -> String {
    let key = key.trim();
    if (16..=64).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        heart_crypto::random_token(16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(
            csv_row(&["=SUM(A1)", "-25.00", "-x"]),
            "'=SUM(A1),-25.00,'-x\r\n"
        );
    }

    #[test]
    fn emails() {
        assert!(valid_email("a@example.org"));
        assert!(!valid_email("a@b"));
        assert!(!valid_email("<a>@example.org"));
        assert!(!valid_email("a example@org.x"));
    }

    #[test]
    fn the_default_settings_are_valid() {
        let r = MoneyConfig::default().rules().unwrap();
        assert_eq!(r.presets, vec![2_500, 5_000, 10_000, 25_000]);
        let bad = MoneyConfig {
            provider: "stripe".into(),
            ..MoneyConfig::default()
        };
        assert!(bad.rules().unwrap_err().contains("HEART_STRIPE_SECRET_KEY"));
    }

    #[test]
    fn caps_are_kept_per_currency() {
        let caps = |code: &str, request: &str| {
            let mut c = MoneyConfig::default();
            c.aid_caps.insert(
                code.into(),
                AidCaps {
                    request: request.into(),
                    person: "1800".into(),
                },
            );
            c.rules()
        };
        let r = caps("JPY", "90000").unwrap();
        let usd = Currency::parse("USD").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(r.caps_for(usd), Some((100_000, 200_000)));
        // Yen have no minor unit: 90,000 yen are 90,000.
        assert_eq!(r.caps_for(jpy), Some((90_000, 1_800)));
        assert_eq!(r.caps_for(Currency::parse("EUR").unwrap()), None);
        assert!(caps("XYZ", "1").unwrap_err().contains("money.aid_caps.XYZ"));
        assert!(caps("USD", "1").unwrap_err().contains("set twice"));
        assert!(
            caps("EUR", "9.999")
                .unwrap_err()
                .contains("money.aid_caps.EUR.request")
        );
    }

    fn gift(donor: DonorId, amount: i64, days_ago: i64, monthly: bool) -> DonationRow {
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let at = now - jiff::SignedDuration::from_hours(24 * days_ago);
        DonationRow {
            id: DonationId::new(),
            donor_id: donor,
            fund_id: FundId::new(),
            campaign_id: None,
            amount_minor: amount,
            currency: "USD".into(),
            frequency: if monthly { "monthly" } else { "once" }.into(),
            anonymous: false,
            message: None,
            provider: "stripe".into(),
            method: "card".into(),
            provider_ref: None,
            subscription_ref: monthly.then(|| format!("sub_{donor}")),
            status: "paid".into(),
            receipt_token: String::new(),
            created_at: at,
            paid_at: Some(at),
            entry_id: None,
            refunded_minor: 0,
            recorded_by: None,
            version: 1,
            language: "en-US".into(),
        }
    }

    #[test]
    fn a_donor_report_names_the_risk_of_one_large_donor() {
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let (big, small, gone) = (DonorId::new(), DonorId::new(), DonorId::new());
        let current = vec![
            gift(big, 90_000, 100, false),
            gift(small, 2_000, 10, true),
            gift(small, 2_000, 40, true),
            gift(small, 6_000, 200, false),
        ];
        let previous = vec![gift(big, 50_000, 400, false), gift(gone, 1_000, 500, false)];
        let r = report_of(&current, &previous, now);
        assert_eq!(r.last_12_months_minor, 100_000);
        assert_eq!(r.top_donor_percent, Some(90));
        assert_eq!(r.monthly_recurring_minor, 2_000);
        assert_eq!(r.monthly_donors, 1);
        assert_eq!(
            (r.retained, r.previous_donors, r.retention_percent),
            (1, 2, Some(50))
        );
    }
}
