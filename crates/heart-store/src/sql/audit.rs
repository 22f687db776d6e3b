//! The audit chain: how entries are linked, keying the chain once, and its rows.

use super::*;

/// The fields of one entry in the chain's canonical order.
pub(super) fn entry_fields(seq: i64, a: &AuditEntry) -> [String; 3] {
    [seq.to_string(), a.id.to_string(), us(a.at).to_string()]
}

/// The audit chain's link over one entry, under the chain key (see `heart_crypto::chain`).
pub fn link_entry(key: &[u8; 32], prev: &[u8; 32], seq: i64, a: &AuditEntry) -> [u8; 32] {
    let [seq, id, at] = entry_fields(seq, a);
    chain::link(
        key,
        prev,
        &[
            seq.as_bytes(),
            id.as_bytes(),
            at.as_bytes(),
            a.actor.as_bytes(),
            a.action.as_bytes(),
            a.record_kind.as_bytes(),
            a.record_id.as_bytes(),
            a.detail.as_bytes(),
        ],
    )
}

/// The link chains had before they were keyed (read once, by [`key_the_chain`]).
pub(super) fn link_entry_unkeyed(prev: &[u8; 32], seq: i64, a: &AuditEntry) -> [u8; 32] {
    let [seq, id, at] = entry_fields(seq, a);
    chain::link_unkeyed(
        prev,
        &[
            seq.as_bytes(),
            id.as_bytes(),
            at.as_bytes(),
            a.actor.as_bytes(),
            a.action.as_bytes(),
            a.record_kind.as_bytes(),
            a.record_id.as_bytes(),
            a.detail.as_bytes(),
        ],
    )
}

/// The migration that keys the audit chain (`0024_audit_chain_keyed`).
pub(crate) const CHAIN_KEYED_MIGRATION: i64 = 24;

/// The migrations a database has applied (none for a new one).
pub(crate) async fn applied_migrations<D: Db>(conn: &mut D::Connection) -> Vec<i64> {
    match sqlx::query::<D>("SELECT version FROM _sqlx_migrations WHERE success")
        .all(&mut *conn)
        .await
    {
        Ok(rows) => rows.iter().filter_map(|r| get(r, "version").ok()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Whether this start applies the migration that keys the audit chain (see [`key_the_chain`]); asked before the
/// migrations run. When it does and the database already holds data, the key file must be this deployment's (its
/// newest data key opens, its checkpoints are signed by its key), or nothing is migrated: a wrong key file would
/// key the chain under a key nobody else holds.
pub(crate) async fn chain_keyed_now<D: Db>(
    conn: &mut D::Connection,
    keys: Option<&Keys>,
) -> StoreResult<bool> {
    if applied_migrations::<D>(conn)
        .await
        .contains(&CHAIN_KEYED_MIGRATION)
    {
        return Ok(false);
    }
    let entries = sqlx::query::<D>("SELECT seq FROM audit_log LIMIT 1")
        .opt(&mut *conn)
        .await
        .ok()
        .flatten();
    if entries.is_none() {
        return Ok(true);
    }
    let Some(keys) = keys else {
        return Err(StoreError::Backend(
            "this version keys the audit chain with the key file: run it where the key file is"
                .into(),
        ));
    };
    let wrong = || {
        StoreError::Backend(
            "the key file does not open this database's data keys (a wrong key file?): nothing was migrated"
                .into(),
        )
    };
    let newest = sqlx::query::<D>(
        "SELECT id, kek_id, wrapped FROM subjects WHERE wrapped IS NOT NULL ORDER BY created_at DESC LIMIT 1",
    )
    .opt(&mut *conn)
    .await
    .map_err(backend("read data keys"))?;
    if let Some(row) = newest {
        let sid: SubjectId = id(&row, "id")?;
        let kek: i64 = get(&row, "kek_id")?;
        let wrapped: Vec<u8> = get(&row, "wrapped")?;
        if seal::unwrap_key(keys, sid, kek as u32, wrapped).is_err() {
            return Err(wrong());
        }
    }
    let ours = hex::encode(keys.get().verifying_key());
    let foreign =
        sqlx::query::<D>("SELECT seq FROM audit_checkpoints WHERE public_key <> $1 LIMIT 1")
            .arg(ours)
            .opt(&mut *conn)
            .await
            .map_err(backend("read checkpoints"))?;
    if foreign.is_some() {
        return Err(wrong());
    }
    Ok(true)
}

/// Keys the audit chain, once: in the same start that applied the migration keying it (`newly_keyed`), never
/// again (a later start that found a chain it could re-link would let someone with the database rewrite it).
///
/// The entries that form an intact unkeyed chain from the start (entries from before the chain existed, which have
/// no hash at all, count as intact) are re-linked under the key, and the signed checkpoints on them are signed
/// again over the new hashes. From the first entry that does not match on, nothing is touched:
/// `heart audit verify` names it.
pub(crate) async fn key_the_chain<D: Db>(
    conn: &mut D::Connection,
    keys: &Keys,
    newly_keyed: bool,
) -> StoreResult<()> {
    if !newly_keyed {
        return Ok(());
    }
    let ring = keys.get();
    let key = ring.chain_key();
    D::begin_write(conn).await.map_err(backend("begin"))?;
    let rows = sqlx::query::<D>("SELECT * FROM audit_log ORDER BY seq")
        .all(&mut *conn)
        .await
        .map_err(backend("read audit"))?;
    let (mut old, mut new) = (chain::GENESIS, chain::GENESIS);
    let mut relinked: HashMap<i64, (String, String)> = HashMap::new();
    let mut hashed_yet = false;
    for (n, row) in rows.iter().enumerate() {
        let a = audit_row(row)?;
        let stored: Option<String> = get(row, "hash")?;
        old = link_entry_unkeyed(&old, a.seq, &a.entry);
        let intact = a.seq == n as i64 + 1
            && match &stored {
                Some(h) => *h == hex::encode(old),
                None => !hashed_yet,
            };
        hashed_yet |= stored.is_some();
        if !intact {
            tracing::warn!(
                seq = a.seq,
                "the audit chain does not match from this entry on: keyed up to the entry before it"
            );
            break;
        }
        new = link_entry(&key, &new, a.seq, &a.entry);
        sqlx::query::<D>("UPDATE audit_log SET hash = $1 WHERE seq = $2")
            .arg(hex::encode(new))
            .arg(a.seq)
            .exec(&mut *conn)
            .await
            .map_err(backend("key the audit chain"))?;
        relinked.insert(a.seq, (hex::encode(old), hex::encode(new)));
    }
    let checkpoints = sqlx::query::<D>("SELECT seq, hash, at FROM audit_checkpoints")
        .all(&mut *conn)
        .await
        .map_err(backend("read checkpoints"))?;
    for cp in &checkpoints {
        let (seq, hash, at): (i64, String, i64) =
            (get(cp, "seq")?, get(cp, "hash")?, get(cp, "at")?);
        let Some((was, now)) = relinked.get(&seq) else {
            continue;
        };
        if *was != hash {
            continue;
        }
        let signature = ring.sign(&chain::checkpoint_message(seq, now, at));
        sqlx::query::<D>(
            "UPDATE audit_checkpoints SET hash = $1, public_key = $2, signature = $3 WHERE seq = $4",
        )
        .arg(now)
        .arg(hex::encode(ring.verifying_key()))
        .arg(hex::encode(signature))
        .arg(seq)
        .exec(&mut *conn)
        .await
        .map_err(backend("sign checkpoints"))?;
    }
    exec::<D>(conn, "COMMIT").await.map_err(backend("commit"))?;
    if !rows.is_empty() {
        tracing::info!(
            entries = relinked.len(),
            "the audit chain is keyed: checkpoints kept elsewhere before now no longer match; take a new one"
        );
    }
    Ok(())
}

pub(super) fn audit_vals(seq: i64, a: &AuditEntry, hash: String) -> Vec<Val> {
    vec![
        Val::Int(Some(seq)),
        Val::Text(Some(a.id.to_string())),
        Val::Int(Some(us(a.at))),
        Val::Text(Some(a.actor.clone())),
        Val::Text(Some(a.action.clone())),
        Val::Text(Some(a.record_kind.clone())),
        Val::Text(Some(a.record_id.clone())),
        Val::Text(Some(a.detail.clone())),
        Val::Text(Some(hash)),
    ]
}

pub(super) fn audit_row(row: &impl RowGet) -> StoreResult<AuditRow> {
    Ok(AuditRow {
        seq: get(row, "seq")?,
        entry: AuditEntry {
            id: id(row, "id")?,
            at: ts(row, "at")?,
            actor: get(row, "actor")?,
            action: get(row, "action")?,
            record_kind: get(row, "record_kind")?,
            record_id: get(row, "record_id")?,
            detail: get(row, "detail")?,
        },
    })
}
