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
use heart_domain::text::{Words, clean};
use heart_domain::time::Timestamp;
use heart_store::{
    AidOp, AidRow, CampaignRow, ChangeSet, DonationOp, DonationRow, DonorRow, EntryRow, FundRow,
    MoneyOp, Op, PeriodRow, StoreError,
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
pub struct ReconciliationLine {
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
    pub gifts: Vec<Donation>,
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

pub(crate) fn valid_email(s: &str) -> bool {
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
    /// The money settings as rules. They were checked when the settings were loaded; settings made in code
    /// that break them are refused here, as a conflict naming what is wrong.
    pub fn money_rules(&self) -> AppResult<MoneyRules> {
        self.config
            .money
            .rules()
            .map_err(|e| AppError::conflict("money-settings", e))
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
    pub async fn test_checkout(&self, id: DonationId) -> AppResult<Donation> {
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
        Ok(d.into())
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

    /// An entry about a gift (the gift itself, its refund, a dispute, the provider's fee): pointing at the donation.
    fn gift_entry(
        &self,
        actor: &Actor,
        kind: EntryKind,
        memo: &str,
        lines: Vec<ledger::Line>,
        donation: DonationId,
    ) -> EntryRow {
        let mut e = self.entry(actor, kind, memo, lines);
        e.ref_kind = Some("donation".into());
        e.ref_id = Some(donation.to_string());
        e
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
}

mod aid;
pub use aid::Aid;
mod demo;
mod donations;
pub use donations::{Donation, Donor};
mod funds;
mod import;
pub use funds::{Entry, Fund, Period};
mod providers;

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
    /// The database cannot be reached right now: the provider should send the event again shortly.
    #[error("the database is not reachable right now")]
    Unavailable,
    /// The event could not be stored (the message names the operation, never values).
    #[error("{0}")]
    Store(String),
}

impl WebhookRefusal {
    fn store(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => WebhookRefusal::Unavailable,
            other => WebhookRefusal::Store(other.to_string()),
        }
    }
}

/// The donor's message, name and email, checked.
fn donor_fields(
    form: &DonationForm,
    errors: &mut FieldErrors,
) -> (Option<String>, Option<String>, String) {
    let message =
        Words::up_to(MESSAGE_MAX)
            .plain()
            .check(errors, "message", form.message.as_deref());
    let name = if form.anonymous {
        None
    } else {
        Words::up_to(100)
            .plain()
            .check(errors, "name", form.name.as_deref())
    };
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
pub(crate) fn report_of(
    current: &[DonationRow],
    previous: &[DonationRow],
    now: Timestamp,
) -> DonorReport {
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
