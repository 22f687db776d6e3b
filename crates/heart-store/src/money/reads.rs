//! The money tables' reads: the `MoneyStore` port.

use super::*;

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

pub(super) async fn fund_lines_balance<D: Db>(s: &SqlStore<D>, fid: FundId) -> StoreResult<i64> {
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
