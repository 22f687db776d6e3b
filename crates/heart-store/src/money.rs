//! The money tables: funds, the ledger (entries, lines and cached monthly totals), mutual-aid requests, campaigns,
//! donors and gifts. Written once for both engines, like the rest of the SQL core.
//!
//! The rules of the books are checked inside the write transaction, where no other writer interleaves (SQLite's
//! single writer; PostgreSQL's write lock): an entry balances, its funds share a currency, money out does not take
//! a fund below zero, an entry is reversed at most once, an aid request is approved by people other than its asker,
//! once each, and paid once. Donor rows are never read together with care rows.

use crate::backend::{Bind, Db, RowGet, Run};
use crate::model::*;
use crate::seal;
use crate::sql::{
    RowKey, SqlStore, Tx, all, backend, corrupt, get, guarded, id, id_o, one, row_key, ts, ts_o,
    us, us_opt, write_err,
};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use heart_crypto::keys::Keys;
use heart_domain::ids::*;
use heart_domain::ledger::{self, Account, EntryKind, LedgerError, Line};
use heart_domain::time::Timestamp;
use std::collections::{BTreeMap, HashMap};

/// What `heart ledger verify` found.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct LedgerCheck {
    pub entries: i64,
    pub lines: i64,
    pub funds: usize,
    /// One plain line per problem (ids and numbers only).
    pub problems: Vec<String>,
}

/// The money port: reads of the money tables. Writes go through `Store::apply` with [`Op::Money`].
#[async_trait]
pub trait MoneyStore: Send + Sync {
    async fn funds(&self) -> StoreResult<Vec<FundRow>>;
    async fn fund(&self, id: FundId) -> StoreResult<Option<FundRow>>;
    /// What the fund holds now (its asset accounts), from the cached monthly totals.
    async fn fund_balance(&self, id: FundId) -> StoreResult<i64>;
    /// Opening, in, out and closing between two local dates (yyyymmdd, both included).
    async fn fund_period(&self, id: FundId, from_day: i64, to_day: i64) -> StoreResult<PeriodRow>;
    /// Entries touching the fund between two local dates, oldest first, at most `limit`.
    async fn fund_entries(
        &self,
        id: FundId,
        from_day: i64,
        to_day: i64,
        limit: i64,
    ) -> StoreResult<Vec<EntryRow>>;
    async fn entry(&self, id: EntryId) -> StoreResult<Option<EntryRow>>;
    /// The entry reversing `id`, if any.
    async fn reversal_of(&self, id: EntryId) -> StoreResult<Option<EntryId>>;
    /// Recomputes every check from the lines.
    async fn ledger_verify(&self) -> StoreResult<LedgerCheck>;

    async fn aid(&self, id: AidId) -> StoreResult<Option<AidRow>>;
    /// With one status, oldest first, at most `limit`.
    async fn aid_with_status(&self, status: &str, limit: i64) -> StoreResult<Vec<AidRow>>;
    async fn aid_for_request(&self, request: RequestId) -> StoreResult<Vec<AidRow>>;
    /// Aid asked for or given to the person in `currency` since `since` (not declined).
    async fn aid_total_for_subject(
        &self,
        subject: SubjectId,
        currency: &str,
        since: Timestamp,
    ) -> StoreResult<i64>;
    /// The proof of payment, opened: (file name, content type, bytes).
    async fn aid_proof(&self, id: AidId) -> StoreResult<Option<(String, String, Vec<u8>)>>;

    async fn campaigns(&self) -> StoreResult<Vec<CampaignRow>>;
    async fn campaign(&self, id: CampaignId) -> StoreResult<Option<CampaignRow>>;
    /// Paid gifts to the campaign, less refunds.
    async fn campaign_raised(&self, id: CampaignId) -> StoreResult<i64>;

    async fn donation(&self, id: DonationId) -> StoreResult<Option<DonationRow>>;
    async fn donation_by_token(&self, token: &str) -> StoreResult<Option<DonationRow>>;
    async fn donation_by_provider_ref(&self, r: &str) -> StoreResult<Option<DonationRow>>;
    /// Gifts of one subscription, oldest first.
    async fn donations_for_subscription(&self, r: &str) -> StoreResult<Vec<DonationRow>>;
    /// Newest first, at most `limit`.
    async fn donations_recent(&self, limit: i64) -> StoreResult<Vec<DonationRow>>;
    /// Paid gifts with `paid_at` in [from, to).
    async fn donations_paid_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> StoreResult<Vec<DonationRow>>;
    async fn donations_for_donor(&self, id: DonorId) -> StoreResult<Vec<DonationRow>>;
    async fn donor(&self, id: DonorId) -> StoreResult<Option<DonorRow>>;
    async fn donors(&self) -> StoreResult<Vec<DonorRow>>;
    /// Whether a provider's event was processed already.
    async fn payment_event_seen(&self, provider: &str, event_id: &str) -> StoreResult<bool>;
    /// Whether the provider's fee on a gift is in the books already.
    async fn fee_posted(&self, donation: DonationId) -> StoreResult<bool>;

    /// Mails neither sent nor failed whose time has come, oldest first, at most `limit`.
    async fn mail_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<MailRow>>;
    /// One donor's mails, newest first.
    async fn mail_for_donor(&self, donor: DonorId) -> StoreResult<Vec<MailRow>>;
    /// The receipt mail of a gift, if one was queued.
    async fn mail_for_donation(&self, donation: DonationId) -> StoreResult<Option<MailRow>>;
    async fn mail_summary(&self) -> StoreResult<MailSummary>;
    /// Mails given up, newest first, at most `limit`.
    async fn mail_failed(&self, limit: i64) -> StoreResult<Vec<MailRow>>;
}

fn refused(e: LedgerError) -> StoreError {
    StoreError::Refused(match e {
        LedgerError::Insufficient => "insufficient-funds",
        LedgerError::AlreadyReversed => "already-reversed",
        LedgerError::ReverseOfReversal => "reverse-of-reversal",
        LedgerError::MixedCurrencies => "mixed-currencies",
        LedgerError::UnknownFund => "unknown-fund",
        LedgerError::UnknownEntry => "unknown-entry",
        LedgerError::TooFewLines
        | LedgerError::ZeroLine
        | LedgerError::Unbalanced
        | LedgerError::Overflow => "unbalanced-entry",
    })
}

async fn balance_in<D: Db>(conn: &mut D::Connection, fund: FundId) -> StoreResult<i64> {
    let row = sqlx::query::<D>(
        "SELECT CAST(COALESCE(SUM(in_minor - out_minor), 0) AS BIGINT) AS n FROM ledger_months \
         WHERE fund_id = $1",
    )
    .arg(fund.to_string())
    .opt(&mut *conn)
    .await
    .map_err(backend("fund balance"))?;
    match row {
        Some(r) => get(&r, "n"),
        None => Ok(0),
    }
}

/// Checks and writes one entry, its lines and its monthly totals.
pub(crate) async fn post_entry<D: Db>(conn: &mut D::Connection, e: &EntryRow) -> StoreResult<bool> {
    ledger::check_balanced(&e.lines).map_err(refused)?;
    let mut currency: Option<String> = None;
    let mut seen: Vec<FundId> = Vec::new();
    for l in &e.lines {
        if seen.contains(&l.fund) {
            continue;
        }
        seen.push(l.fund);
        let row = sqlx::query::<D>("SELECT currency FROM funds WHERE id = $1")
            .arg(l.fund.to_string())
            .opt(&mut *conn)
            .await
            .map_err(backend("fund"))?
            .ok_or(refused(LedgerError::UnknownFund))?;
        let c: String = get(&row, "currency")?;
        if currency.as_ref().is_some_and(|x| *x != c) {
            return Err(refused(LedgerError::MixedCurrencies));
        }
        currency = Some(c);
    }
    if let Some(target) = e.reverses {
        let row = sqlx::query::<D>("SELECT kind FROM ledger_entries WHERE id = $1")
            .arg(target.to_string())
            .opt(&mut *conn)
            .await
            .map_err(backend("entry"))?
            .ok_or(refused(LedgerError::UnknownEntry))?;
        if get::<String>(&row, "kind")? == EntryKind::Reversal.as_str() {
            return Err(refused(LedgerError::ReverseOfReversal));
        }
        let again = sqlx::query::<D>("SELECT id FROM ledger_entries WHERE reverses = $1")
            .arg(target.to_string())
            .opt(&mut *conn)
            .await
            .map_err(backend("entry"))?;
        if again.is_some() {
            return Err(refused(LedgerError::AlreadyReversed));
        }
    }
    let mut balances = HashMap::new();
    for (fund, delta) in ledger::asset_deltas(&e.lines) {
        if delta < 0 {
            balances.insert(fund, balance_in::<D>(conn, fund).await?);
        }
    }
    let flagged = ledger::check_funds(e.kind, &e.lines, |f| balances.get(&f).copied().unwrap_or(0))
        .map_err(refused)?;
    sqlx::query::<D>(
        "INSERT INTO ledger_entries (id, at, day, kind, memo, ref_kind, ref_id, reverses, flagged, posted_by) \
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
    )
    .arg(e.id.to_string())
    .arg(us(e.at))
    .arg(e.day)
    .arg(e.kind.as_str())
    .arg(&e.memo)
    .arg(&e.ref_kind)
    .arg(&e.ref_id)
    .arg(e.reverses.map(|r| r.to_string()))
    .arg(flagged)
    .arg(&e.posted_by)
    .exec(&mut *conn)
    .await
    .map_err(|err| match write_err("ledger entry")(err) {
        StoreError::Duplicate(_) if e.reverses.is_some() => refused(LedgerError::AlreadyReversed),
        other => other,
    })?;
    for (n, l) in e.lines.iter().enumerate() {
        sqlx::query::<D>(
            "INSERT INTO ledger_lines (entry_id, n, fund_id, account, amount_minor, day) \
             VALUES ($1,$2,$3,$4,$5,$6)",
        )
        .arg(e.id.to_string())
        .arg(n as i64)
        .arg(l.fund.to_string())
        .arg(l.account.as_str())
        .arg(l.amount)
        .arg(e.day)
        .exec(&mut *conn)
        .await
        .map_err(write_err("ledger line"))?;
    }
    // Money in and out of each fund this month: its asset debits and credits.
    let mut flows: BTreeMap<FundId, (i64, i64)> = BTreeMap::new();
    for l in e.lines.iter().filter(|l| l.account.is_asset()) {
        let f = flows.entry(l.fund).or_default();
        if l.amount > 0 {
            f.0 += l.amount;
        } else {
            f.1 -= l.amount;
        }
    }
    for (fund, (i, o)) in flows {
        sqlx::query::<D>(
            "INSERT INTO ledger_months (fund_id, month, in_minor, out_minor) VALUES ($1,$2,$3,$4) \
             ON CONFLICT (fund_id, month) DO UPDATE SET in_minor = ledger_months.in_minor + excluded.in_minor, \
             out_minor = ledger_months.out_minor + excluded.out_minor",
        )
        .arg(fund.to_string())
        .arg(e.day / 100)
        .arg(i)
        .arg(o)
        .exec(&mut *conn)
        .await
        .map_err(write_err("ledger month"))?;
    }
    Ok(flagged)
}

struct AidState {
    requested_by: String,
    status: String,
    needed: i64,
    version: i64,
    subject: SubjectId,
}

async fn aid_state<D: Db>(conn: &mut D::Connection, aid: AidId) -> StoreResult<AidState> {
    let row = sqlx::query::<D>(
        "SELECT requested_by, status, approvals_needed, version, subject FROM mutual_aid WHERE id = $1",
    )
    .arg(aid.to_string())
    .opt(&mut *conn)
    .await
    .map_err(backend("mutual aid"))?
    .ok_or(StoreError::NotFound)?;
    Ok(AidState {
        requested_by: get(&row, "requested_by")?,
        status: get(&row, "status")?,
        needed: get(&row, "approvals_needed")?,
        version: get(&row, "version")?,
        subject: id(&row, "subject")?,
    })
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &MoneyOp,
) -> StoreResult<()> {
    match op {
        MoneyOp::InsertFund(f) => {
            sqlx::query::<D>(
                "INSERT INTO funds (id, name, kind, currency, restriction, created_at, archived) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7)",
            )
            .arg(f.id.to_string())
            .arg(&f.name)
            .arg(&f.kind)
            .arg(&f.currency)
            .arg(&f.restriction)
            .arg(us(f.created_at))
            .arg(f.archived)
            .exec(&mut *conn)
            .await
            .map_err(write_err("fund name"))?;
        }
        MoneyOp::PostEntry(e) => {
            post_entry::<D>(conn, e).await?;
        }
        MoneyOp::InsertAid(a) => {
            let key = tx.key(conn, a.subject).await?;
            let payee_name = match (&a.payee_name, &key) {
                (Some(n), Some((key, version))) => Some(seal::seal_aid_text(
                    &a.id.to_string(),
                    "payee_name",
                    n,
                    key,
                    *version,
                )),
                (Some(_), None) => return Err(StoreError::Refused("erased-person")),
                (None, _) => None,
            };
            let sealed = match (&a.notes, key) {
                (Some(n), Some((key, version))) => Some(seal::seal_aid(
                    &a.id.to_string(),
                    seal::COLUMN,
                    n.as_bytes(),
                    &key,
                    version,
                )),
                (Some(_), None) => return Err(StoreError::Refused("erased-person")),
                (None, _) => None,
            };
            sqlx::query::<D>(
                "INSERT INTO mutual_aid (id, request_id, subject, fund_id, amount_minor, currency, purpose, \
                 payee_kind, payee_name, method, sealed, requested_by, requested_at, approvals_needed, status, \
                 version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,1)",
            )
            .arg(a.id.to_string())
            .arg(a.request_id.to_string())
            .arg(a.subject.to_string())
            .arg(a.fund_id.to_string())
            .arg(a.amount_minor)
            .arg(&a.currency)
            .arg(&a.purpose)
            .arg(&a.payee_kind)
            .arg(payee_name)
            .arg(&a.method)
            .arg(sealed)
            .arg(&a.requested_by)
            .arg(us(a.requested_at))
            .arg(a.approvals_needed)
            .arg(&a.status)
            .exec(&mut *conn)
            .await
            .map_err(write_err("mutual aid"))?;
        }
        MoneyOp::CheckAidCap {
            subject,
            currency,
            since,
            max,
            amount,
        } => {
            let r = sqlx::query::<D>(
                "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS n FROM mutual_aid \
                 WHERE subject = $1 AND requested_at >= $2 AND status != 'declined' AND currency = $3",
            )
            .arg(subject.to_string())
            .arg(us(*since))
            .arg(currency)
            .opt(&mut *conn)
            .await
            .map_err(backend("mutual aid"))?;
            let before: i64 = match r {
                Some(r) => get(&r, "n")?,
                None => 0,
            };
            if before.saturating_add(*amount) > *max {
                return Err(StoreError::Refused("over-person-cap"));
            }
        }
        MoneyOp::ApproveAid {
            id: aid,
            approver,
            at,
            version,
        } => {
            let s = aid_state::<D>(conn, *aid).await?;
            if s.version != *version {
                return Err(StoreError::Conflict);
            }
            if s.status != "awaiting_approval" {
                return Err(StoreError::Refused("not-awaiting-approval"));
            }
            if s.requested_by == *approver {
                return Err(StoreError::Refused("own-request"));
            }
            sqlx::query::<D>(
                "INSERT INTO mutual_aid_approvals (aid_id, approver, at) VALUES ($1,$2,$3)",
            )
            .arg(aid.to_string())
            .arg(approver)
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(|e| match write_err("approval")(e) {
                StoreError::Duplicate(_) => StoreError::Refused("approved-already"),
                other => other,
            })?;
            let row = sqlx::query::<D>(
                "SELECT COUNT(*) AS n FROM mutual_aid_approvals WHERE aid_id = $1",
            )
            .arg(aid.to_string())
            .opt(&mut *conn)
            .await
            .map_err(backend("approvals"))?;
            let n: i64 = match row {
                Some(r) => get(&r, "n")?,
                None => 0,
            };
            let (status, decided) = if n >= s.needed {
                ("approved", Some(us(*at)))
            } else {
                ("awaiting_approval", None)
            };
            let r = sqlx::query::<D>(
                "UPDATE mutual_aid SET status = $1, decided_at = $2, version = version + 1 \
                 WHERE id = $3 AND version = $4",
            )
            .arg(status)
            .arg(decided)
            .arg(aid.to_string())
            .arg(*version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("mutual aid"))?;
            guarded(r)?;
        }
        MoneyOp::DeclineAid {
            id: aid,
            by,
            reason,
            at,
            version,
        } => {
            let s = aid_state::<D>(conn, *aid).await?;
            if s.version != *version {
                return Err(StoreError::Conflict);
            }
            if s.status != "awaiting_approval" && s.status != "approved" {
                return Err(StoreError::Refused("not-awaiting-approval"));
            }
            if s.requested_by == *by {
                return Err(StoreError::Refused("own-request"));
            }
            // The reason may say something about the person: sealed under their key (gone when they are erased).
            let reason = match tx.key(conn, s.subject).await? {
                Some((key, kv)) => {
                    seal::seal_aid_text(&aid.to_string(), "decline_reason", reason, &key, kv)
                }
                None => return Err(StoreError::Refused("erased-person")),
            };
            let r = sqlx::query::<D>(
                "UPDATE mutual_aid SET status = 'declined', declined_by = $1, decline_reason = $2, \
                 decided_at = $3, version = version + 1 WHERE id = $4 AND version = $5",
            )
            .arg(by)
            .arg(reason)
            .arg(us(*at))
            .arg(aid.to_string())
            .arg(*version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("mutual aid"))?;
            guarded(r)?;
        }
        MoneyOp::PayAid {
            id: aid,
            by,
            at,
            version,
            entry,
        } => {
            let s = aid_state::<D>(conn, *aid).await?;
            if s.version != *version {
                return Err(StoreError::Conflict);
            }
            if s.status != "approved" {
                return Err(StoreError::Refused(if s.status == "paid" {
                    "paid-already"
                } else {
                    "not-approved"
                }));
            }
            if s.requested_by == *by {
                return Err(StoreError::Refused("own-request"));
            }
            post_entry::<D>(conn, entry).await?;
            let r = sqlx::query::<D>(
                "UPDATE mutual_aid SET status = 'paid', paid_by = $1, paid_at = $2, entry_id = $3, \
                 version = version + 1 WHERE id = $4 AND version = $5 AND status = 'approved'",
            )
            .arg(by)
            .arg(us(*at))
            .arg(entry.id.to_string())
            .arg(aid.to_string())
            .arg(*version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("mutual aid"))?;
            guarded(r)?;
        }
        MoneyOp::AttachAidProof {
            id: aid,
            name,
            content_type,
            bytes,
            version,
        } => {
            let s = aid_state::<D>(conn, *aid).await?;
            let (key, kv) = tx
                .key(conn, s.subject)
                .await?
                .ok_or(StoreError::Refused("erased-person"))?;
            let sealed = seal::seal_aid(&aid.to_string(), "proof", bytes, &key, kv);
            let name = seal::seal_aid_text(&aid.to_string(), "proof_name", name, &key, kv);
            let r = sqlx::query::<D>(
                "UPDATE mutual_aid SET proof_name = $1, proof_type = $2, proof = $3, version = version + 1 \
                 WHERE id = $4 AND version = $5",
            )
            .arg(name)
            .arg(content_type)
            .arg(sealed)
            .arg(aid.to_string())
            .arg(*version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("mutual aid"))?;
            guarded(r)?;
        }
        MoneyOp::InsertCampaign(c) => {
            sqlx::query::<D>(
                "INSERT INTO campaigns (id, name, fund_id, goal_minor, active, created_at) \
                 VALUES ($1,$2,$3,$4,$5,$6)",
            )
            .arg(c.id.to_string())
            .arg(&c.name)
            .arg(c.fund_id.to_string())
            .arg(c.goal_minor)
            .arg(c.active)
            .arg(us(c.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("campaign"))?;
        }
        MoneyOp::UpdateCampaign(c) => {
            sqlx::query::<D>(
                "UPDATE campaigns SET name = $1, goal_minor = $2, active = $3 WHERE id = $4",
            )
            .arg(&c.name)
            .arg(c.goal_minor)
            .arg(c.active)
            .arg(c.id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("campaign"))?;
        }
        MoneyOp::InsertDonation { donor, donation: d } => {
            sqlx::query::<D>(
                "INSERT INTO donors (id, email, name, created_at) VALUES ($1,$2,$3,$4) \
                 ON CONFLICT (email) DO UPDATE SET name = COALESCE(donors.name, excluded.name)",
            )
            .arg(donor.id.to_string())
            .arg(&donor.email)
            .arg(&donor.name)
            .arg(us(donor.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("donor"))?;
            let row = sqlx::query::<D>("SELECT id FROM donors WHERE email = $1")
                .arg(&donor.email)
                .opt(&mut *conn)
                .await
                .map_err(backend("donor"))?
                .ok_or(StoreError::Rule("donor"))?;
            let donor_id: String = get(&row, "id")?;
            bind_donation(
                sqlx::query::<D>(
                    "INSERT INTO donations (donor_id, fund_id, campaign_id, amount_minor, currency, frequency, \
                     anonymous, message, provider, method, provider_ref, subscription_ref, status, receipt_token, \
                     created_at, paid_at, entry_id, refunded_minor, recorded_by, id, version, language) \
                     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,1,$21)",
                ),
                d,
                donor_id,
            )
            .arg(&d.language)
            .exec(&mut *conn)
            .await
            .map_err(write_err("donation"))?;
        }
        MoneyOp::UpdateDonation { donation: d, entry } => {
            if let Some(e) = entry {
                post_entry::<D>(conn, e).await?;
            }
            let r = bind_donation(
                sqlx::query::<D>(
                    "UPDATE donations SET donor_id = $1, fund_id = $2, campaign_id = $3, amount_minor = $4, \
                     currency = $5, frequency = $6, anonymous = $7, message = $8, provider = $9, method = $10, \
                     provider_ref = $11, subscription_ref = $12, status = $13, receipt_token = $14, \
                     created_at = $15, paid_at = $16, entry_id = $17, refunded_minor = $18, recorded_by = $19, \
                     version = version + 1 WHERE id = $20 AND version = $21",
                ),
                d,
                d.donor_id.to_string(),
            )
            .arg(d.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("donation"))?;
            guarded(r)?;
        }
        MoneyOp::QueueMail(m) => {
            // A receipt goes to the gift's donor as the store keeps it (a donor giving again with the same email
            // is the donor already known, whatever id the new gift was written with).
            sqlx::query::<D>(
                "INSERT INTO mail_outbox (id, dedup, kind, donor_id, donation_id, year, language, created_at, \
                 next_at, attempts) VALUES ($1, $2, $3, \
                 COALESCE((SELECT d.donor_id FROM donations d WHERE d.id = $5), $4), \
                 $5, $6, $7, $8, $9, $10) ON CONFLICT (dedup) DO NOTHING",
            )
            .arg(m.id.to_string())
            .arg(&m.dedup)
            .arg(&m.kind)
            .arg(m.donor_id.to_string())
            .arg(m.donation_id.map(|d| d.to_string()))
            .arg(m.year.map(i64::from))
            .arg(&m.language)
            .arg(us(m.created_at))
            .arg(us(m.next_at))
            .arg(m.attempts)
            .exec(&mut *conn)
            .await
            .map_err(write_err("mail"))?;
        }
        MoneyOp::ClaimMail {
            id: mid,
            was,
            until,
        } => {
            let n = sqlx::query::<D>(
                "UPDATE mail_outbox SET next_at = $1 WHERE id = $2 AND next_at = $3 \
                 AND sent_at IS NULL AND failed_at IS NULL",
            )
            .arg(us(*until))
            .arg(mid.to_string())
            .arg(us(*was))
            .exec(&mut *conn)
            .await
            .map_err(write_err("mail"))?;
            guarded(n)?;
        }
        MoneyOp::SettleMail {
            id: mid,
            attempts,
            next_at,
            sent_at,
            failed_at,
            error,
        } => {
            let n = sqlx::query::<D>(
                "UPDATE mail_outbox SET attempts = $1, next_at = $2, sent_at = $3, failed_at = $4, error = $5 \
                 WHERE id = $6 AND sent_at IS NULL AND failed_at IS NULL",
            )
            .arg(*attempts)
            .arg(us(*next_at))
            .arg(us_opt(*sent_at))
            .arg(us_opt(*failed_at))
            .arg(error.clone())
            .arg(mid.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("mail"))?;
            guarded(n)?;
        }
        MoneyOp::ClaimPaymentEvent {
            provider,
            event_id,
            at,
        } => {
            sqlx::query::<D>(
                "INSERT INTO payment_events (provider, event_id, received_at) VALUES ($1,$2,$3)",
            )
            .arg(provider)
            .arg(event_id)
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("payment event"))?;
        }
    }
    Ok(())
}

fn bind_donation<'q, D: Db>(
    q: crate::backend::Q<'q, D>,
    d: &'q DonationRow,
    donor_id: String,
) -> crate::backend::Q<'q, D> {
    q.arg(donor_id)
        .arg(d.fund_id.to_string())
        .arg(d.campaign_id.map(|c| c.to_string()))
        .arg(d.amount_minor)
        .arg(&d.currency)
        .arg(&d.frequency)
        .arg(d.anonymous)
        .arg(&d.message)
        .arg(&d.provider)
        .arg(&d.method)
        .arg(&d.provider_ref)
        .arg(&d.subscription_ref)
        .arg(&d.status)
        .arg(&d.receipt_token)
        .arg(us(d.created_at))
        .arg(us_opt(d.paid_at))
        .arg(d.entry_id.map(|e| e.to_string()))
        .arg(d.refunded_minor)
        .arg(&d.recorded_by)
        .arg(d.id.to_string())
}

fn fund_row(row: &impl RowGet) -> StoreResult<FundRow> {
    Ok(FundRow {
        id: id(row, "id")?,
        name: get(row, "name")?,
        kind: get(row, "kind")?,
        currency: get(row, "currency")?,
        restriction: get(row, "restriction")?,
        created_at: ts(row, "created_at")?,
        archived: get(row, "archived")?,
    })
}

fn entry_row(row: &impl RowGet) -> StoreResult<EntryRow> {
    Ok(EntryRow {
        id: id(row, "id")?,
        at: ts(row, "at")?,
        day: get(row, "day")?,
        kind: EntryKind::parse(&get::<String>(row, "kind")?).ok_or_else(|| corrupt("kind"))?,
        memo: get(row, "memo")?,
        ref_kind: get(row, "ref_kind")?,
        ref_id: get(row, "ref_id")?,
        reverses: id_o(row, "reverses")?,
        flagged: get(row, "flagged")?,
        posted_by: get(row, "posted_by")?,
        lines: Vec::new(),
    })
}

fn line_of(row: &impl RowGet) -> StoreResult<(EntryId, Line)> {
    Ok((
        id(row, "entry_id")?,
        Line {
            fund: id(row, "fund_id")?,
            account: Account::parse(&get::<String>(row, "account")?)
                .ok_or_else(|| corrupt("account"))?,
            amount: get(row, "amount_minor")?,
        },
    ))
}

fn aid_row(row: &impl RowGet, keys: &Keys) -> StoreResult<AidRow> {
    let mut a = AidRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        subject: id(row, "subject")?,
        fund_id: id(row, "fund_id")?,
        amount_minor: get(row, "amount_minor")?,
        currency: get(row, "currency")?,
        purpose: get(row, "purpose")?,
        payee_kind: get(row, "payee_kind")?,
        payee_name: get(row, "payee_name")?,
        method: get(row, "method")?,
        notes: None,
        requested_by: get(row, "requested_by")?,
        requested_at: ts(row, "requested_at")?,
        approvals_needed: get(row, "approvals_needed")?,
        approvals: Vec::new(),
        status: get(row, "status")?,
        declined_by: get(row, "declined_by")?,
        decline_reason: get(row, "decline_reason")?,
        decided_at: ts_o(row, "decided_at")?,
        paid_by: get(row, "paid_by")?,
        paid_at: ts_o(row, "paid_at")?,
        entry_id: id_o(row, "entry_id")?,
        proof_name: get(row, "proof_name")?,
        proof_type: get(row, "proof_type")?,
        version: get(row, "version")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    let row_key = row_key(row, keys)?;
    let key = match &row_key {
        RowKey::Key(key, version) => Some((&**key, *version)),
        _ => None,
    };
    let rid = a.id.to_string();
    a.payee_name = a
        .payee_name
        .as_deref()
        .and_then(|t| seal::open_aid_text(&rid, "payee_name", t, key));
    a.decline_reason = a
        .decline_reason
        .as_deref()
        .and_then(|t| seal::open_aid_text(&rid, "decline_reason", t, key));
    a.proof_name = a
        .proof_name
        .as_deref()
        .and_then(|t| seal::open_aid_text(&rid, "proof_name", t, key));
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key, sealed) {
        match seal::open_aid(&a.id.to_string(), seal::COLUMN, &bytes, &key, version) {
            Ok(raw) => a.notes = String::from_utf8(raw).ok(),
            Err(err) => tracing::error!(error = %err, aid = %a.id, "mutual-aid notes do not open"),
        }
    }
    Ok(a)
}

fn campaign_row(row: &impl RowGet) -> StoreResult<CampaignRow> {
    Ok(CampaignRow {
        id: id(row, "id")?,
        name: get(row, "name")?,
        fund_id: id(row, "fund_id")?,
        goal_minor: get(row, "goal_minor")?,
        active: get(row, "active")?,
        created_at: ts(row, "created_at")?,
    })
}

fn donor_row(row: &impl RowGet) -> StoreResult<DonorRow> {
    Ok(DonorRow {
        id: id(row, "id")?,
        email: get(row, "email")?,
        name: get(row, "name")?,
        created_at: ts(row, "created_at")?,
    })
}

fn donation_row(row: &impl RowGet) -> StoreResult<DonationRow> {
    Ok(DonationRow {
        id: id(row, "id")?,
        donor_id: id(row, "donor_id")?,
        fund_id: id(row, "fund_id")?,
        campaign_id: id_o(row, "campaign_id")?,
        amount_minor: get(row, "amount_minor")?,
        currency: get(row, "currency")?,
        frequency: get(row, "frequency")?,
        anonymous: get(row, "anonymous")?,
        message: get(row, "message")?,
        provider: get(row, "provider")?,
        method: get(row, "method")?,
        provider_ref: get(row, "provider_ref")?,
        subscription_ref: get(row, "subscription_ref")?,
        status: get(row, "status")?,
        receipt_token: get(row, "receipt_token")?,
        created_at: ts(row, "created_at")?,
        paid_at: ts_o(row, "paid_at")?,
        entry_id: id_o(row, "entry_id")?,
        refunded_minor: get(row, "refunded_minor")?,
        recorded_by: get(row, "recorded_by")?,
        version: get(row, "version")?,
        language: get(row, "language")?,
    })
}

fn mail_row(row: &impl RowGet) -> StoreResult<MailRow> {
    let year: Option<i64> = get(row, "year")?;
    Ok(MailRow {
        id: id(row, "id")?,
        dedup: get(row, "dedup")?,
        kind: get(row, "kind")?,
        donor_id: id(row, "donor_id")?,
        donation_id: id_o(row, "donation_id")?,
        year: year.and_then(|y| i32::try_from(y).ok()),
        language: get(row, "language")?,
        created_at: ts(row, "created_at")?,
        next_at: ts(row, "next_at")?,
        attempts: get(row, "attempts")?,
        sent_at: ts_o(row, "sent_at")?,
        failed_at: ts_o(row, "failed_at")?,
        error: get(row, "error")?,
    })
}

macro_rules! approvals_where {
    ($cond:literal) => {
        concat!(
            "SELECT p.aid_id, p.approver, p.at FROM mutual_aid_approvals p \
             JOIN mutual_aid a ON a.id = p.aid_id WHERE ",
            $cond,
            " ORDER BY p.at"
        )
    };
}

macro_rules! aid_select {
    () => {
        "SELECT a.*, a.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
         s.key_version AS k_version FROM mutual_aid a LEFT JOIN subjects s ON s.id = a.subject"
    };
}

/// Sums of the fund's asset lines between two days: (in, out) = (debits, credits). Read from the covering index
/// (fund_id, day, account, amount_minor).
const FLOWS_SQL: &str = "SELECT CAST(COALESCE(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END), 0) AS BIGINT) AS i, \
     CAST(COALESCE(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END), 0) AS BIGINT) AS o \
     FROM ledger_lines WHERE fund_id = $1 AND day >= $2 AND day <= $3 AND account IN ('cash','processor')";

impl<D: Db> SqlStore<D> {
    async fn flows(&self, fund: FundId, from: i64, to: i64) -> StoreResult<(i64, i64)> {
        if from > to {
            return Ok((0, 0));
        }
        let row = sqlx::query::<D>(FLOWS_SQL)
            .arg(fund.to_string())
            .arg(from)
            .arg(to)
            .opt_in(&self.read)
            .await
            .map_err(backend("ledger flows"))?;
        match row {
            Some(r) => Ok((get(&r, "i")?, get(&r, "o")?)),
            None => Ok((0, 0)),
        }
    }

    /// (in, out) of whole months in [from, to].
    async fn month_flows(&self, fund: FundId, from: i64, to: i64) -> StoreResult<(i64, i64)> {
        if from > to {
            return Ok((0, 0));
        }
        let row = sqlx::query::<D>(
            "SELECT CAST(COALESCE(SUM(in_minor), 0) AS BIGINT) AS i, \
             CAST(COALESCE(SUM(out_minor), 0) AS BIGINT) AS o FROM ledger_months \
             WHERE fund_id = $1 AND month >= $2 AND month <= $3",
        )
        .arg(fund.to_string())
        .arg(from)
        .arg(to)
        .opt_in(&self.read)
        .await
        .map_err(backend("ledger months"))?;
        match row {
            Some(r) => Ok((get(&r, "i")?, get(&r, "o")?)),
            None => Ok((0, 0)),
        }
    }

    async fn with_lines(&self, mut entries: Vec<EntryRow>) -> StoreResult<Vec<EntryRow>> {
        // One read per entry would be slow on a long ledger; lines come by entry id range instead.
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return Ok(entries);
        };
        let (lo, hi) = if first.id <= last.id {
            (first.id, last.id)
        } else {
            (last.id, first.id)
        };
        let rows = sqlx::query::<D>(
            "SELECT * FROM ledger_lines WHERE entry_id >= $1 AND entry_id <= $2 ORDER BY entry_id, n",
        )
        .arg(lo.to_string())
        .arg(hi.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("ledger lines"))?;
        let mut by: HashMap<EntryId, Vec<Line>> = HashMap::new();
        for r in &rows {
            let (e, l) = line_of(r)?;
            by.entry(e).or_default().push(l);
        }
        for e in &mut entries {
            e.lines = by.remove(&e.id).unwrap_or_default();
        }
        Ok(entries)
    }

    /// Fills in who approved, for rows chosen by `cond` on `mutual_aid a` (one read, however many rows).
    async fn with_approvals(
        &self,
        mut rows: Vec<AidRow>,
        sql: &'static str,
        key: String,
    ) -> StoreResult<Vec<AidRow>> {
        if rows.is_empty() {
            return Ok(rows);
        }
        let r = sqlx::query::<D>(sql)
            .arg(key)
            .all_in(&self.read)
            .await
            .map_err(backend("approvals"))?;
        let mut by: HashMap<AidId, Vec<(String, Timestamp)>> = HashMap::new();
        for row in &r {
            by.entry(id(row, "aid_id")?)
                .or_default()
                .push((get(row, "approver")?, ts(row, "at")?));
        }
        for a in &mut rows {
            a.approvals = by.remove(&a.id).unwrap_or_default();
        }
        Ok(rows)
    }

    async fn donations_where(
        &self,
        sql: &'static str,
        key: String,
    ) -> StoreResult<Vec<DonationRow>> {
        let r = sqlx::query::<D>(sql)
            .arg(key)
            .all_in(&self.read)
            .await
            .map_err(backend("donations"))?;
        all(r, donation_row)
    }

    async fn donation_where(
        &self,
        sql: &'static str,
        key: String,
    ) -> StoreResult<Option<DonationRow>> {
        let r = sqlx::query::<D>(sql)
            .arg(key)
            .opt_in(&self.read)
            .await
            .map_err(backend("donation"))?;
        one(r, donation_row)
    }
}

#[async_trait]
impl<D: Db> MoneyStore for SqlStore<D> {
    async fn funds(&self) -> StoreResult<Vec<FundRow>> {
        let r = sqlx::query::<D>("SELECT * FROM funds ORDER BY created_at, name")
            .all_in(&self.read)
            .await
            .map_err(backend("funds"))?;
        all(r, fund_row)
    }

    async fn fund(&self, fid: FundId) -> StoreResult<Option<FundRow>> {
        let r = sqlx::query::<D>("SELECT * FROM funds WHERE id = $1")
            .arg(fid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("fund"))?;
        one(r, fund_row)
    }

    async fn fund_balance(&self, fid: FundId) -> StoreResult<i64> {
        let (i, o) = self.month_flows(fid, i64::MIN, i64::MAX).await?;
        Ok(i - o)
    }

    async fn fund_period(&self, fid: FundId, from_day: i64, to_day: i64) -> StoreResult<PeriodRow> {
        let (fm, tm) = (from_day / 100, to_day / 100);
        // Opening: whole months before, then the first month's days before `from_day`.
        let (bi, bo) = self.month_flows(fid, i64::MIN, fm - 1).await?;
        let (pi, po) = self.flows(fid, fm * 100, from_day - 1).await?;
        let opening = bi - bo + pi - po;
        let (inflow, outflow) = if from_day > to_day {
            (0, 0)
        } else if fm == tm {
            self.flows(fid, from_day, to_day).await?
        } else {
            let (ai, ao) = self.flows(fid, from_day, fm * 100 + 99).await?;
            let (mi, mo) = self.month_flows(fid, fm + 1, tm - 1).await?;
            let (zi, zo) = self.flows(fid, tm * 100, to_day).await?;
            (ai + mi + zi, ao + mo + zo)
        };
        Ok(PeriodRow {
            opening,
            inflow,
            outflow,
            closing: opening + inflow - outflow,
        })
    }

    async fn fund_entries(
        &self,
        fid: FundId,
        from_day: i64,
        to_day: i64,
        limit: i64,
    ) -> StoreResult<Vec<EntryRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM ledger_entries WHERE id IN (SELECT entry_id FROM ledger_lines \
             WHERE fund_id = $1 AND day >= $2 AND day <= $3) ORDER BY id LIMIT $4",
        )
        .arg(fid.to_string())
        .arg(from_day)
        .arg(to_day)
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("ledger"))?;
        let entries = all(r, entry_row)?;
        self.with_lines(entries).await
    }

    async fn entry(&self, eid: EntryId) -> StoreResult<Option<EntryRow>> {
        let r = sqlx::query::<D>("SELECT * FROM ledger_entries WHERE id = $1")
            .arg(eid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("entry"))?;
        match one(r, entry_row)? {
            Some(e) => Ok(self.with_lines(vec![e]).await?.pop()),
            None => Ok(None),
        }
    }

    async fn reversal_of(&self, eid: EntryId) -> StoreResult<Option<EntryId>> {
        let r = sqlx::query::<D>("SELECT id FROM ledger_entries WHERE reverses = $1")
            .arg(eid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("entry"))?;
        match r {
            Some(row) => Ok(Some(id(&row, "id")?)),
            None => Ok(None),
        }
    }

    async fn ledger_verify(&self) -> StoreResult<LedgerCheck> {
        let mut check = LedgerCheck::default();
        let count = |sql: &'static str| async move {
            let r = sqlx::query::<D>(sql)
                .opt_in(&self.read)
                .await
                .map_err(backend("ledger verify"))?;
            match r {
                Some(r) => get::<i64>(&r, "n"),
                None => Ok(0),
            }
        };
        check.entries = count("SELECT COUNT(*) AS n FROM ledger_entries").await?;
        check.lines = count("SELECT COUNT(*) AS n FROM ledger_lines").await?;
        let funds = self.funds().await?;
        check.funds = funds.len();
        let unbalanced = sqlx::query::<D>(
            "SELECT e.id AS id FROM ledger_entries e LEFT JOIN ledger_lines l ON l.entry_id = e.id \
             GROUP BY e.id HAVING COALESCE(SUM(l.amount_minor), 0) != 0 OR COUNT(l.entry_id) < 2",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("ledger verify"))?;
        for r in &unbalanced {
            check.problems.push(format!(
                "entry {} does not balance",
                get::<String>(r, "id")?
            ));
        }
        let mixed = sqlx::query::<D>(
            "SELECT l.entry_id AS id FROM ledger_lines l JOIN funds f ON f.id = l.fund_id \
             GROUP BY l.entry_id HAVING COUNT(DISTINCT f.currency) > 1",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("ledger verify"))?;
        for r in &mixed {
            check.problems.push(format!(
                "entry {} mixes currencies",
                get::<String>(r, "id")?
            ));
        }
        // The cached monthly totals, recomputed from the lines.
        let recomputed = sqlx::query::<D>(
            "SELECT fund_id, day / 100 AS month, \
             CAST(SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS BIGINT) AS i, \
             CAST(SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS BIGINT) AS o \
             FROM ledger_lines WHERE account IN ('cash','processor') GROUP BY fund_id, day / 100",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("ledger verify"))?;
        let mut want: BTreeMap<(String, i64), (i64, i64)> = BTreeMap::new();
        for r in &recomputed {
            let (i, o): (i64, i64) = (get(r, "i")?, get(r, "o")?);
            if i != 0 || o != 0 {
                want.insert((get(r, "fund_id")?, get(r, "month")?), (i, o));
            }
        }
        let cached = sqlx::query::<D>("SELECT * FROM ledger_months")
            .all_in(&self.read)
            .await
            .map_err(backend("ledger verify"))?;
        let mut have: BTreeMap<(String, i64), (i64, i64)> = BTreeMap::new();
        for r in &cached {
            let (i, o): (i64, i64) = (get(r, "in_minor")?, get(r, "out_minor")?);
            if i != 0 || o != 0 {
                have.insert((get(r, "fund_id")?, get(r, "month")?), (i, o));
            }
        }
        for (k, v) in &want {
            if have.get(k) != Some(v) {
                check.problems.push(format!(
                    "fund {} month {}: cached totals {:?} differ from the lines {:?}",
                    k.0,
                    k.1,
                    have.get(k),
                    v
                ));
            }
        }
        for k in have.keys() {
            if !want.contains_key(k) {
                check.problems.push(format!(
                    "fund {} month {}: cached totals without lines",
                    k.0, k.1
                ));
            }
        }
        // No fund below zero unless a flagged refund or dispute took it there.
        for f in &funds {
            let bal = fund_lines_balance(self, f.id).await?;
            if bal < 0 {
                let flagged = sqlx::query::<D>(
                    "SELECT e.id FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id \
                     WHERE l.fund_id = $1 AND e.flagged = $2 LIMIT 1",
                )
                .arg(f.id.to_string())
                .arg(true)
                .opt_in(&self.read)
                .await
                .map_err(backend("ledger verify"))?;
                if flagged.is_none() {
                    check
                        .problems
                        .push(format!("fund {} is below zero with no flagged entry", f.id));
                }
            }
        }
        Ok(check)
    }

    async fn aid(&self, aid: AidId) -> StoreResult<Option<AidRow>> {
        let r = sqlx::query::<D>(concat!(aid_select!(), " WHERE a.id = $1"))
            .arg(aid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("mutual aid"))?;
        let keys = self.keys.clone();
        let rows = one(r, |row| aid_row(row, &keys))?.into_iter().collect();
        Ok(self
            .with_approvals(rows, approvals_where!("a.id = $1"), aid.to_string())
            .await?
            .pop())
    }

    async fn aid_with_status(&self, status: &str, limit: i64) -> StoreResult<Vec<AidRow>> {
        let r = sqlx::query::<D>(concat!(
            aid_select!(),
            " WHERE a.status = $1 ORDER BY a.requested_at LIMIT $2"
        ))
        .arg(status.to_string())
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("mutual aid"))?;
        let keys = self.keys.clone();
        let rows = all(r, |row| aid_row(row, &keys))?;
        self.with_approvals(rows, approvals_where!("a.status = $1"), status.to_string())
            .await
    }

    async fn aid_for_request(&self, request: RequestId) -> StoreResult<Vec<AidRow>> {
        let r = sqlx::query::<D>(concat!(
            aid_select!(),
            " WHERE a.request_id = $1 ORDER BY a.requested_at"
        ))
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("mutual aid"))?;
        let keys = self.keys.clone();
        let rows = all(r, |row| aid_row(row, &keys))?;
        self.with_approvals(
            rows,
            approvals_where!("a.request_id = $1"),
            request.to_string(),
        )
        .await
    }

    async fn aid_total_for_subject(
        &self,
        subject: SubjectId,
        currency: &str,
        since: Timestamp,
    ) -> StoreResult<i64> {
        let r = sqlx::query::<D>(
            "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS n FROM mutual_aid \
             WHERE subject = $1 AND requested_at >= $2 AND status != 'declined' AND currency = $3",
        )
        .arg(subject.to_string())
        .arg(us(since))
        .arg(currency)
        .opt_in(&self.read)
        .await
        .map_err(backend("mutual aid"))?;
        match r {
            Some(r) => get(&r, "n"),
            None => Ok(0),
        }
    }

    async fn aid_proof(&self, aid: AidId) -> StoreResult<Option<(String, String, Vec<u8>)>> {
        let r = sqlx::query::<D>(
            "SELECT a.proof_name, a.proof_type, a.proof, a.subject AS k_subject, s.kek_id AS k_kek, \
             s.wrapped AS k_wrapped, s.key_version AS k_version FROM mutual_aid a \
             LEFT JOIN subjects s ON s.id = a.subject WHERE a.id = $1",
        )
        .arg(aid.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("mutual aid"))?;
        let Some(row) = r else { return Ok(None) };
        let (name, kind, bytes): (Option<String>, Option<String>, Option<Vec<u8>>) = (
            get(&row, "proof_name")?,
            get(&row, "proof_type")?,
            get(&row, "proof")?,
        );
        let (Some(name), Some(kind), Some(bytes)) = (name, kind, bytes) else {
            return Ok(None);
        };
        match row_key(&row, &self.keys)? {
            RowKey::Key(key, version) => {
                let name = seal::open_aid_text(
                    &aid.to_string(),
                    "proof_name",
                    &name,
                    Some((&*key, version)),
                )
                .unwrap_or_else(|| "proof".into());
                match seal::open_aid(&aid.to_string(), "proof", &bytes, &key, version) {
                    Ok(raw) => Ok(Some((name, kind, raw))),
                    Err(_) => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    async fn campaigns(&self) -> StoreResult<Vec<CampaignRow>> {
        let r = sqlx::query::<D>("SELECT * FROM campaigns ORDER BY created_at")
            .all_in(&self.read)
            .await
            .map_err(backend("campaigns"))?;
        all(r, campaign_row)
    }

    async fn campaign(&self, cid: CampaignId) -> StoreResult<Option<CampaignRow>> {
        let r = sqlx::query::<D>("SELECT * FROM campaigns WHERE id = $1")
            .arg(cid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("campaign"))?;
        one(r, campaign_row)
    }

    async fn campaign_raised(&self, cid: CampaignId) -> StoreResult<i64> {
        let r = sqlx::query::<D>(
            "SELECT CAST(COALESCE(SUM(amount_minor - refunded_minor), 0) AS BIGINT) AS n FROM donations \
             WHERE campaign_id = $1 AND status IN ('paid','refunded','disputed')",
        )
        .arg(cid.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("campaign"))?;
        match r {
            Some(r) => get(&r, "n"),
            None => Ok(0),
        }
    }

    async fn donation(&self, did: DonationId) -> StoreResult<Option<DonationRow>> {
        self.donation_where("SELECT * FROM donations WHERE id = $1", did.to_string())
            .await
    }

    async fn donation_by_token(&self, token: &str) -> StoreResult<Option<DonationRow>> {
        self.donation_where(
            "SELECT * FROM donations WHERE receipt_token = $1",
            token.to_string(),
        )
        .await
    }

    async fn donation_by_provider_ref(&self, r: &str) -> StoreResult<Option<DonationRow>> {
        self.donation_where(
            "SELECT * FROM donations WHERE provider_ref = $1",
            r.to_string(),
        )
        .await
    }

    async fn donations_for_subscription(&self, r: &str) -> StoreResult<Vec<DonationRow>> {
        self.donations_where(
            "SELECT * FROM donations WHERE subscription_ref = $1 ORDER BY created_at",
            r.to_string(),
        )
        .await
    }

    async fn donations_recent(&self, limit: i64) -> StoreResult<Vec<DonationRow>> {
        let r = sqlx::query::<D>("SELECT * FROM donations ORDER BY created_at DESC LIMIT $1")
            .arg(limit)
            .all_in(&self.read)
            .await
            .map_err(backend("donations"))?;
        all(r, donation_row)
    }

    async fn donations_paid_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> StoreResult<Vec<DonationRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM donations WHERE paid_at >= $1 AND paid_at < $2 \
             AND status IN ('paid','refunded','disputed') ORDER BY paid_at",
        )
        .arg(us(from))
        .arg(us(to))
        .all_in(&self.read)
        .await
        .map_err(backend("donations"))?;
        all(r, donation_row)
    }

    async fn donations_for_donor(&self, did: DonorId) -> StoreResult<Vec<DonationRow>> {
        self.donations_where(
            "SELECT * FROM donations WHERE donor_id = $1 ORDER BY created_at",
            did.to_string(),
        )
        .await
    }

    async fn mail_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<MailRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= $1 \
             ORDER BY next_at LIMIT $2",
        )
        .arg(us(now))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("mail"))?;
        all(r, mail_row)
    }

    async fn mail_for_donor(&self, donor: DonorId) -> StoreResult<Vec<MailRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM mail_outbox WHERE donor_id = $1 ORDER BY created_at DESC LIMIT 200",
        )
        .arg(donor.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("mail"))?;
        all(r, mail_row)
    }

    async fn mail_for_donation(&self, donation: DonationId) -> StoreResult<Option<MailRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM mail_outbox WHERE donation_id = $1 AND kind = 'receipt' LIMIT 1",
        )
        .arg(donation.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("mail"))?;
        one(r, mail_row)
    }

    async fn mail_failed(&self, limit: i64) -> StoreResult<Vec<MailRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM mail_outbox WHERE failed_at IS NOT NULL ORDER BY failed_at DESC LIMIT $1",
        )
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("mail"))?;
        all(r, mail_row)
    }

    async fn mail_summary(&self) -> StoreResult<MailSummary> {
        let r = sqlx::query::<D>(
            "SELECT \
             CAST(COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS waiting, \
             CAST(COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS failed, \
             CAST(COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS sent \
             FROM mail_outbox",
        )
        .opt_in(&self.read)
        .await
        .map_err(backend("mail"))?;
        Ok(match r {
            Some(r) => MailSummary {
                waiting: get(&r, "waiting")?,
                failed: get(&r, "failed")?,
                sent: get(&r, "sent")?,
            },
            None => MailSummary::default(),
        })
    }

    async fn donor(&self, did: DonorId) -> StoreResult<Option<DonorRow>> {
        let r = sqlx::query::<D>("SELECT * FROM donors WHERE id = $1")
            .arg(did.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("donor"))?;
        one(r, donor_row)
    }

    async fn fee_posted(&self, donation: DonationId) -> StoreResult<bool> {
        let r = sqlx::query::<D>(
            "SELECT id FROM ledger_entries WHERE ref_kind = 'donation' AND ref_id = $1 AND kind = 'fee' LIMIT 1",
        )
        .arg(donation.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("ledger"))?;
        Ok(r.is_some())
    }

    async fn payment_event_seen(&self, provider: &str, event_id: &str) -> StoreResult<bool> {
        let r = sqlx::query::<D>(
            "SELECT event_id FROM payment_events WHERE provider = $1 AND event_id = $2",
        )
        .arg(provider.to_string())
        .arg(event_id.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("payment event"))?;
        Ok(r.is_some())
    }

    async fn donors(&self) -> StoreResult<Vec<DonorRow>> {
        let r = sqlx::query::<D>("SELECT * FROM donors ORDER BY created_at")
            .all_in(&self.read)
            .await
            .map_err(backend("donors"))?;
        all(r, donor_row)
    }
}

async fn fund_lines_balance<D: Db>(s: &SqlStore<D>, fid: FundId) -> StoreResult<i64> {
    let r = sqlx::query::<D>(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS n FROM ledger_lines \
         WHERE fund_id = $1 AND account IN ('cash','processor')",
    )
    .arg(fid.to_string())
    .opt_in(&s.read)
    .await
    .map_err(backend("ledger verify"))?;
    match r {
        Some(r) => get(&r, "n"),
        None => Ok(0),
    }
}
