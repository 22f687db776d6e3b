//! People's data keys and their erasure, the two-person rule, legal demands, and which key file wraps.

use super::*;

pub(super) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &TrustOp,
) -> StoreResult<()> {
    match op {
        TrustOp::NewSubject { id, at } => {
            let (kek, wrapped) = tx.new_subject(*id);
            sqlx::query::<D>(
                "INSERT INTO subjects (id, kek_id, wrapped, key_version, created_at) VALUES ($1,$2,$3,$4,$5)",
            )
            .arg(id.to_string())
            .arg(i64::from(kek))
            .arg(wrapped)
            .arg(i64::from(KEY_VERSION))
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("person"))?;
        }
        TrustOp::EraseSubject { id, at, reason } => {
            if erase_rows::<D>(conn, *id, *at, reason).await? != 1 {
                return Err(StoreError::NotFound);
            }
            tx.cache.forget(*id);
            tx.deks.insert(*id, None);
        }
        TrustOp::MergeSubject { from, into, at } => {
            super::merge::merge_subject::<D>(conn, tx, *from, *into, *at).await?;
        }
        TrustOp::InsertApproval(a) => {
            bind_approval(sqlx::query::<D>(
                "INSERT INTO approvals (kind, subject, request_id, target_user, capabilities, reason, requested_by, \
                 requested_at, status, decided_by, decided_at, decline_reason, done_at, id, version) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,1)",
            ), a)
            .exec(&mut *conn)
            .await
            .map_err(write_err("approval"))?;
        }
        TrustOp::UpdateApproval(a) => {
            let r = bind_approval(sqlx::query::<D>(
                "UPDATE approvals SET kind = $1, subject = $2, request_id = $3, target_user = $4, capabilities = $5, \
                 reason = $6, requested_by = $7, requested_at = $8, status = $9, decided_by = $10, decided_at = $11, \
                 decline_reason = $12, done_at = $13, version = version + 1 WHERE id = $14 AND version = $15",
            ), a)
            .arg(a.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("approval"))?;
            guarded(r)?;
        }
        TrustOp::InsertLegalDemand(d) => {
            let (kek, sealed) = seal_legal_row(conn, tx, d).await?;
            bind_legal(sqlx::query::<D>(
                "INSERT INTO legal_demands (received_at, from_kind, reference, asked, subject, recorded_by, \
                 first_review_by, first_decision, second_review_by, second_decision, gag_order, person_told_at, \
                 handed_over, closed_at, id, sealed, kek_id, version) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,1)",
            ), d)
            .arg(sealed)
            .arg(kek)
            .exec(&mut *conn)
            .await
            .map_err(write_err("legal demand"))?;
        }
        TrustOp::UpdateLegalDemand(d) => {
            let (kek, sealed) = seal_legal_row(conn, tx, d).await?;
            let r = bind_legal(sqlx::query::<D>(
                "UPDATE legal_demands SET received_at = $1, from_kind = $2, reference = $3, asked = $4, subject = $5, \
                 recorded_by = $6, first_review_by = $7, first_decision = $8, second_review_by = $9, \
                 second_decision = $10, gag_order = $11, person_told_at = $12, handed_over = $13, closed_at = $14, \
                 sealed = $16, kek_id = $17, version = version + 1 WHERE id = $15 AND version = $18",
            ), d)
            .arg(sealed)
            .arg(kek)
            .arg(d.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("legal demand"))?;
            guarded(r)?;
        }
        TrustOp::KeepSubject { id, keep } => {
            let r = sqlx::query::<D>("UPDATE subjects SET keep = $1 WHERE id = $2")
                .arg(keep)
                .arg(id.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("person"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        TrustOp::ReportNodeKeys {
            node,
            kek_ids,
            wraps,
            at,
        } => {
            let ids: Vec<String> = kek_ids.iter().map(u32::to_string).collect();
            sqlx::query::<D>(
                "INSERT INTO node_keys (node, kek_ids, wraps, seen_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (node) DO UPDATE SET kek_ids = excluded.kek_ids, wraps = excluded.wraps, \
                 seen_at = excluded.seen_at",
            )
            .arg(node)
            .arg(ids.join(" "))
            .arg(i64::from(*wraps))
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("node keys"))?;
        }
        TrustOp::SetCurrentKek { id } => {
            sqlx::query::<D>(
                "INSERT INTO key_state (id, kek_in_use) VALUES (1, $1) \
                 ON CONFLICT (id) DO UPDATE SET kek_in_use = excluded.kek_in_use",
            )
            .arg(i64::from(*id))
            .exec(&mut *conn)
            .await
            .map_err(write_err("key state"))?;
        }
    }
    Ok(())
}

pub(super) fn bind_approval<'q, D: Db>(q: Q<'q, D>, a: &'q ApprovalRow) -> Q<'q, D> {
    q.arg(a.kind.as_str())
        .arg(id_opt(&a.subject))
        .arg(id_opt(&a.request_id))
        .arg(id_opt(&a.target_user))
        .arg(a.capabilities.map(|c| c.to_list()))
        .arg(&a.reason)
        .arg(&a.requested_by)
        .arg(us(a.requested_at))
        .arg(a.status.as_str())
        .arg(&a.decided_by)
        .arg(us_opt(a.decided_at))
        .arg(&a.decline_reason)
        .arg(us_opt(a.done_at))
        .arg(a.id.to_string())
}

/// Every step of erasing a person, inside the caller's transaction: their data key goes (so every sealed value of
/// theirs is noise), the sealed bytes and the blind index too, what hangs on them ends. Returns 1 when the person was
/// there and not yet erased (then every step ran), else 0 (nothing changed). Used by the live erasure and by the
/// scrub of older backups (`sqlite::SqliteStore::scrub_backup`).
pub(crate) async fn erase_rows<D: Db>(
    conn: &mut D::Connection,
    id: SubjectId,
    at: Timestamp,
    reason: &str,
) -> StoreResult<u64> {
    let sid = id.to_string();
    let r = sqlx::query::<D>(
        "UPDATE subjects SET kek_id = NULL, wrapped = NULL, erased_at = $1, erase_reason = $2 \
         WHERE id = $3 AND erased_at IS NULL",
    )
    .arg(us(at))
    .arg(reason)
    .arg(&sid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("erasure"))?;
    if r != 1 {
        return Ok(0);
    }
    // The key is gone, so the sealed bytes are noise; remove them anyway, and the blind index with them.
    for sql in [
        "UPDATE requests SET sealed = NULL, phone_index = NULL, neighbourhood = NULL WHERE subject = $1",
        "UPDATE encounters SET sealed = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
        "UPDATE follow_ups SET sealed = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
        "UPDATE request_notes SET sealed = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
        "UPDATE mutual_aid SET sealed = NULL, proof = NULL, payee_name = NULL, decline_reason = NULL, \
         proof_name = NULL WHERE subject = $1",
        "UPDATE referrals SET sealed = NULL WHERE subject = $1",
        "UPDATE legal_demands SET sealed = NULL, kek_id = NULL, reference = '', asked = '', \
         handed_over = NULL WHERE subject = $1",
        "UPDATE alerts SET lat = NULL, lon = NULL WHERE request_id IN (SELECT id FROM requests WHERE subject = $1)",
    ] {
        sqlx::query::<D>(sql)
            .arg(&sid)
            .exec(&mut *conn)
            .await
            .map_err(write_err("erasure"))?;
    }
    // Texts the provider still holds: asked to be deleted there, through the outbox (`sms_deletions_due`).
    sqlx::query::<D>(
        "UPDATE sms_messages SET sealed = NULL, status = 'delete_pending', attempts = 0, next_at = $1, \
         error = NULL, updated_at = $1 WHERE subject = $2 AND provider_sid IS NOT NULL",
    )
    .arg(us(at))
    .arg(&sid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("erasure"))?;
    // What hangs on the person ends with them: a follow-up not yet done will not happen.
    sqlx::query::<D>(
        "UPDATE follow_ups SET cancelled_at = $1, version = version + 1 \
         WHERE done_at IS NULL AND cancelled_at IS NULL \
         AND request_id IN (SELECT id FROM requests WHERE subject = $2)",
    )
    .arg(us(at))
    .arg(&sid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("erasure"))?;
    crate::referrals::close_for_erasure::<D>(conn, id, at).await?;
    Ok(1)
}

/// A legal demand's row values; its free text is bound empty (it goes sealed, see `seal_legal_row`).
pub(super) fn bind_legal<'q, D: Db>(q: Q<'q, D>, d: &'q LegalDemandRow) -> Q<'q, D> {
    q.arg(us(d.received_at))
        .arg(&d.from_kind)
        .arg("")
        .arg("")
        .arg(id_opt(&d.subject))
        .arg(&d.recorded_by)
        .arg(&d.first_review_by)
        .arg(&d.first_decision)
        .arg(&d.second_review_by)
        .arg(&d.second_decision)
        .arg(d.gag_order)
        .arg(us_opt(d.person_told_at))
        .arg(None::<String>)
        .arg(us_opt(d.closed_at))
        .arg(d.id.to_string())
}

/// Seals a legal demand's free text for its row: under the named person's key, else the deployment's.
pub(super) async fn seal_legal_row<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    d: &LegalDemandRow,
) -> StoreResult<(Option<i64>, Vec<u8>)> {
    let person = match d.subject {
        Some(s) => tx.key(conn, s).await?,
        None => None,
    };
    Ok(seal::seal_legal(
        &d.id.to_string(),
        &d.reference,
        &d.asked,
        d.handed_over.as_deref(),
        person.as_ref().map(|(k, v)| (&**k, *v)),
        &tx.keys.get(),
    ))
}

/// Seals the legal demands written before their text was sealed (migration 0025), on every start until none is
/// left in the clear: a handful of rows, once.
/// Returns how many it sealed.
pub(crate) async fn seal_legal_in_the_clear<D: Db>(
    conn: &mut D::Connection,
    keys: &Keys,
) -> StoreResult<usize> {
    let rows = sqlx::query::<D>(
        "SELECT l.id, l.reference, l.asked, l.handed_over, l.subject AS k_subject, s.kek_id AS k_kek, \
         s.wrapped AS k_wrapped, s.key_version AS k_version FROM legal_demands l \
         LEFT JOIN subjects s ON s.id = l.subject \
         WHERE l.sealed IS NULL AND (l.reference <> '' OR l.asked <> '' OR l.handed_over IS NOT NULL)",
    )
    .all(&mut *conn)
    .await
    .map_err(backend("read legal demands"))?;
    if rows.is_empty() {
        return Ok(0);
    }
    D::begin_write(conn).await.map_err(backend("begin"))?;
    for row in &rows {
        let lid: String = get(row, "id")?;
        let (reference, asked, handed_over): (String, String, Option<String>) = (
            get(row, "reference")?,
            get(row, "asked")?,
            get(row, "handed_over")?,
        );
        let person = match row_key(row, keys)? {
            RowKey::Key(k, v) => Some((k, v)),
            _ => None,
        };
        let (kek, sealed) = seal::seal_legal(
            &lid,
            &reference,
            &asked,
            handed_over.as_deref(),
            person.as_ref().map(|(k, v)| (&**k, *v)),
            &keys.get(),
        );
        sqlx::query::<D>(
            "UPDATE legal_demands SET sealed = $1, kek_id = $2, reference = '', asked = '', handed_over = NULL \
             WHERE id = $3",
        )
        .arg(sealed)
        .arg(kek)
        .arg(&lid)
        .exec(&mut *conn)
        .await
        .map_err(backend("seal legal demands"))?;
    }
    exec::<D>(conn, "COMMIT").await.map_err(backend("commit"))?;
    tracing::info!(
        rows = rows.len(),
        "sealed the text of legal demands kept in the clear"
    );
    Ok(rows.len())
}

pub(super) fn approval_row(row: &impl RowGet) -> StoreResult<ApprovalRow> {
    Ok(ApprovalRow {
        id: id(row, "id")?,
        kind: enum_of(row, "kind", ApprovalKind::parse)?,
        subject: id_o(row, "subject")?,
        request_id: id_o(row, "request_id")?,
        target_user: id_o(row, "target_user")?,
        capabilities: match get::<Option<String>>(row, "capabilities")? {
            Some(c) => Some(Capabilities::parse_list(&c).map_err(|_| corrupt("capabilities"))?),
            None => None,
        },
        reason: get(row, "reason")?,
        requested_by: get(row, "requested_by")?,
        requested_at: ts(row, "requested_at")?,
        status: enum_of(row, "status", ApprovalStatus::parse)?,
        decided_by: get(row, "decided_by")?,
        decided_at: ts_o(row, "decided_at")?,
        decline_reason: get(row, "decline_reason")?,
        done_at: ts_o(row, "done_at")?,
        version: get(row, "version")?,
    })
}

pub(super) fn legal_row(row: &impl RowGet, keys: &Keys) -> StoreResult<LegalDemandRow> {
    let mut d = LegalDemandRow {
        id: id(row, "id")?,
        received_at: ts(row, "received_at")?,
        from_kind: get(row, "from_kind")?,
        reference: get(row, "reference")?,
        asked: get(row, "asked")?,
        subject: id_o(row, "subject")?,
        recorded_by: get(row, "recorded_by")?,
        first_review_by: get(row, "first_review_by")?,
        first_decision: get(row, "first_decision")?,
        second_review_by: get(row, "second_review_by")?,
        second_decision: get(row, "second_decision")?,
        gag_order: get(row, "gag_order")?,
        person_told_at: ts_o(row, "person_told_at")?,
        handed_over: get(row, "handed_over")?,
        closed_at: ts_o(row, "closed_at")?,
        version: get(row, "version")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let Some(sealed) = sealed {
        let kek: Option<i64> = get(row, "kek_id")?;
        let person = match (kek, row_key(row, keys)?) {
            (None, RowKey::Key(k, v)) => Some((k, v)),
            _ => None,
        };
        let id = d.id.to_string();
        match seal::open_legal(
            &id,
            &sealed,
            kek,
            person.as_ref().map(|(k, v)| (&**k, *v)),
            keys,
        ) {
            Some((reference, asked, handed_over)) => {
                (d.reference, d.asked, d.handed_over) = (reference, asked, handed_over);
            }
            None => tracing::error!(legal_demand = %id, "a legal demand's text does not open"),
        }
    }
    Ok(d)
}
