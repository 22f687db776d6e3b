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
        MoneyOp::Aid(op) => aid::apply::<D>(conn, tx, op).await?,
        MoneyOp::Donations(op) => donations::apply::<D>(conn, op).await?,
        MoneyOp::QueueMail(m) => mail::queue::<D>(conn, m).await?,
    }
    Ok(())
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

mod aid;
mod donations;
mod mail;
mod reads;
