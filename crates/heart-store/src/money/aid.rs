//! Mutual aid: a request, the approvals it needs from people other than its asker, its payment and proof.

use super::*;

/// Mutual aid: a request, the approvals it needs from people other than its asker, its payment and proof.
pub(super) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &AidOp,
) -> StoreResult<()> {
    match op {
        AidOp::InsertAid(a) => {
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
        AidOp::CheckAidCap {
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
        AidOp::ApproveAid {
            id,
            approver,
            at,
            version,
        } => approve::<D>(conn, *id, approver, *at, *version).await?,
        AidOp::DeclineAid {
            id,
            by,
            reason,
            at,
            version,
        } => decline::<D>(conn, tx, (*id, by, reason), *at, *version).await?,
        AidOp::PayAid {
            id,
            by,
            at,
            version,
            entry,
        } => pay::<D>(conn, (*id, by), *at, *version, entry).await?,
        AidOp::AttachAidProof {
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
    }
    Ok(())
}

/// Paid, by someone other than the asker, once: the disbursement is posted in the same transaction.
async fn pay<D: Db>(
    conn: &mut D::Connection,
    (aid, by): (AidId, &str),
    at: Timestamp,
    version: i64,
    entry: &EntryRow,
) -> StoreResult<()> {
    let s = aid_state::<D>(conn, aid).await?;
    if s.version != version {
        return Err(StoreError::Conflict);
    }
    if s.status != "approved" {
        return Err(StoreError::Refused(if s.status == "paid" {
            "paid-already"
        } else {
            "not-approved"
        }));
    }
    if s.requested_by == by {
        return Err(StoreError::Refused("own-request"));
    }
    post_entry::<D>(conn, entry).await?;
    let r = sqlx::query::<D>(
        "UPDATE mutual_aid SET status = 'paid', paid_by = $1, paid_at = $2, entry_id = $3, \
         version = version + 1 WHERE id = $4 AND version = $5 AND status = 'approved'",
    )
    .arg(by)
    .arg(us(at))
    .arg(entry.id.to_string())
    .arg(aid.to_string())
    .arg(version)
    .exec(&mut *conn)
    .await
    .map_err(write_err("mutual aid"))?;
    guarded(r)?;
    Ok(())
}

/// An approval, by someone other than the asker, once each; enough of them approve the aid.
async fn approve<D: Db>(
    conn: &mut D::Connection,
    aid: AidId,
    approver: &str,
    at: Timestamp,
    version: i64,
) -> StoreResult<()> {
    let s = aid_state::<D>(conn, aid).await?;
    if s.version != version {
        return Err(StoreError::Conflict);
    }
    if s.status != "awaiting_approval" {
        return Err(StoreError::Refused("not-awaiting-approval"));
    }
    if s.requested_by == approver {
        return Err(StoreError::Refused("own-request"));
    }
    sqlx::query::<D>("INSERT INTO mutual_aid_approvals (aid_id, approver, at) VALUES ($1,$2,$3)")
        .arg(aid.to_string())
        .arg(approver)
        .arg(us(at))
        .exec(&mut *conn)
        .await
        .map_err(|e| match write_err("approval")(e) {
            StoreError::Duplicate(_) => StoreError::Refused("approved-already"),
            other => other,
        })?;
    let row = sqlx::query::<D>("SELECT COUNT(*) AS n FROM mutual_aid_approvals WHERE aid_id = $1")
        .arg(aid.to_string())
        .opt(&mut *conn)
        .await
        .map_err(backend("approvals"))?;
    let n: i64 = match row {
        Some(r) => get(&r, "n")?,
        None => 0,
    };
    let (status, decided) = if n >= s.needed {
        ("approved", Some(us(at)))
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
    .arg(version)
    .exec(&mut *conn)
    .await
    .map_err(write_err("mutual aid"))?;
    guarded(r)?;
    Ok(())
}

/// A decline, by someone other than the asker, with its reason sealed under the person's key.
async fn decline<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    (aid, by, reason): (AidId, &str, &str),
    at: Timestamp,
    version: i64,
) -> StoreResult<()> {
    let s = aid_state::<D>(conn, aid).await?;
    if s.version != version {
        return Err(StoreError::Conflict);
    }
    if s.status != "awaiting_approval" && s.status != "approved" {
        return Err(StoreError::Refused("not-awaiting-approval"));
    }
    if s.requested_by == by {
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
    .arg(us(at))
    .arg(aid.to_string())
    .arg(version)
    .exec(&mut *conn)
    .await
    .map_err(write_err("mutual aid"))?;
    guarded(r)?;
    Ok(())
}
