//! Funds and the ledger: the funds people give to, their balances, the ledger by fund and period, the
//! reconciliation and its CSV, reversing an entry, and moving money between funds.

use super::*;
use crate::IntoViews;

crate::view! {
    /// A fund's balances over a period, in minor units.
    Period from heart_store::PeriodRow {
        opening: i64,
        inflow: i64,
        outflow: i64,
        closing: i64,
    }
}

crate::view! {
    /// A fund of the books.
    Fund from heart_store::FundRow {
        id: heart_domain::ids::FundId,
        name: String,
        /// "general", "mutual_aid", "restricted".
        kind: String,
        currency: String,
        /// What a restricted grant may be spent on.
        restriction: Option<String>,
        created_at: heart_domain::time::Timestamp,
        archived: bool,
    }
}

crate::view! {
    /// A journal entry of the books.
    Entry from heart_store::EntryRow {
        id: heart_domain::ids::EntryId,
        at: heart_domain::time::Timestamp,
        /// The organisation's local date as yyyymmdd.
        day: i64,
        kind: heart_domain::ledger::EntryKind,
        /// Plain words without names ("mutual aid 0192…", "gift").
        memo: String,
        /// What it records: ("mutual_aid", id), ("donation", id).
        ref_kind: Option<String>,
        ref_id: Option<String>,
        reverses: Option<heart_domain::ids::EntryId>,
        /// Set by the store: a refund or dispute that left a fund below zero.
        flagged: bool,
        posted_by: String,
        lines: Vec<heart_domain::ledger::Line>,
    }
}

impl App {
    pub async fn funds(&self, actor: &Actor) -> AppResult<Vec<FundView>> {
        actor.require(&[Capability::Finance])?;
        self.fund_views().await
    }

    pub(super) async fn fund_views(&self) -> AppResult<Vec<FundView>> {
        let m = self.store.money();
        let mut out = Vec::new();
        for f in m.funds().await? {
            let balance = m.fund_balance(f.id).await?;
            out.push(view(f, balance));
        }
        Ok(out)
    }

    /// Funds a donor may choose (not archived), without balances.
    pub async fn public_funds(&self) -> AppResult<Vec<Fund>> {
        Ok(self.open_funds().await?.views())
    }

    pub(crate) async fn open_funds(&self) -> AppResult<Vec<FundRow>> {
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
        let name = Words::up_to(80)
            .required()
            .plain()
            .check(&mut errors, "name", Some(name))
            .unwrap_or_default();
        let name = name.as_str();
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
        let rules = self.money_rules()?;
        if kind == "mutual_aid" && currency.is_some_and(|c| rules.caps_for(c).is_none()) {
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

    pub(crate) async fn fund_or_404(&self, id: &str) -> AppResult<FundRow> {
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
    ) -> AppResult<(FundView, Vec<Entry>)> {
        let fund = self.fund(actor, id).await?;
        let (from, to) = self.period(from, to)?;
        let entries = self
            .store
            .money()
            .fund_entries(fund.id, from, to, 10_000)
            .await?;
        Ok((fund, entries.views()))
    }

    /// A fund's opening and closing balance over a period of local dates, and what came in and went out.
    pub async fn fund_period(
        &self,
        actor: &Actor,
        fund: FundId,
        from: i64,
        to: i64,
    ) -> AppResult<Period> {
        actor.require(&[Capability::Finance])?;
        Ok(self.store.money().fund_period(fund, from, to).await?.into())
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
    ) -> AppResult<(i64, i64, Vec<ReconciliationLine>)> {
        actor.require(&[Capability::Finance])?;
        let (from, to) = self.period(from, to)?;
        let m = self.store.money();
        let mut rows = Vec::new();
        for f in self.fund_views().await? {
            let p: PeriodRow = m.fund_period(f.id, from, to).await?;
            rows.push(ReconciliationLine {
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
        let reason = Words::up_to(200)
            .required()
            .plain()
            .parse(Some(reason))
            .map_err(|code| AppError::field("reason", code))?
            .unwrap_or_default();
        let reason = reason.as_str();
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
        let reason =
            Words::up_to(200)
                .required()
                .plain()
                .check(&mut errors, "reason", Some(reason));
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
}
