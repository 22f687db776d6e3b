//! The care record: encounters and follow-ups.

use super::*;

pub(super) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &CareOp,
) -> StoreResult<()> {
    match op {
        CareOp::InsertEncounter(e) => {
            let needs: Vec<&str> = e.needs.iter().map(|n| n.as_str()).collect();
            let (key, version) = tx
                .request_key(conn, e.request_id)
                .await?
                .ok_or(StoreError::Rule("erased person"))?;
            sqlx::query::<D>(
                "INSERT INTO encounters (id, request_id, team_id, needs, sealed, outcome, \
                 follow_up_consent, follow_up_method, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            )
            .arg(e.id.to_string())
            .arg(e.request_id.to_string())
            .arg(id_opt(&e.team_id))
            .arg(needs.join(","))
            .arg(seal::seal_encounter(e, &key, version))
            .arg(e.outcome.as_str())
            .arg(e.follow_up_consent)
            .arg(e.follow_up_method.map(FollowUpMethod::as_str))
            .arg(us(e.created_at))
            .arg(&e.created_by)
            .exec(&mut *conn)
            .await
            .map_err(write_err("encounter"))?;
            // The last encounter's needs, on the request's row for the figures.
            sqlx::query::<D>("UPDATE requests SET needs = $1 WHERE id = $2")
                .arg(needs.join(","))
                .arg(e.request_id.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("encounter"))?;
        }
        CareOp::InsertFollowUp(f) => {
            let sealed = tx
                .request_key(conn, f.request_id)
                .await?
                .map(|(key, version)| seal::seal_follow_up(f, &key, version));
            sqlx::query::<D>(
                "INSERT INTO follow_ups (id, request_id, encounter_id, due_at, method, done_at, sealed, done_by, \
                 version, result, tries, taken_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,1,$9,$10,$11)",
            )
            .arg(f.id.to_string())
            .arg(f.request_id.to_string())
            .arg(id_opt(&f.encounter_id))
            .arg(us(f.due_at))
            .arg(f.method.map(FollowUpMethod::as_str))
            .arg(us_opt(f.done_at))
            .arg(sealed)
            .arg(&f.done_by)
            .arg(f.result.map(FollowUpResult::as_str))
            .arg(f.tries)
            .arg(&f.taken_by)
            .exec(&mut *conn)
            .await
            .map_err(write_err("follow-up"))?;
        }
        CareOp::UpdateFollowUp(f) => {
            // After an erasure a follow-up can still be marked done, but its note is not kept.
            let sealed = tx
                .request_key(conn, f.request_id)
                .await?
                .map(|(key, version)| seal::seal_follow_up(f, &key, version));
            let r = sqlx::query::<D>(
                "UPDATE follow_ups SET due_at = $1, method = $2, done_at = $3, sealed = $4, done_by = $5, \
                 result = $8, tries = $9, taken_by = $10, version = version + 1 WHERE id = $6 AND version = $7",
            )
            .arg(us(f.due_at))
            .arg(f.method.map(FollowUpMethod::as_str))
            .arg(us_opt(f.done_at))
            .arg(sealed)
            .arg(&f.done_by)
            .arg(f.id.to_string())
            .arg(f.version)
            .arg(f.result.map(FollowUpResult::as_str))
            .arg(f.tries)
            .arg(&f.taken_by)
            .exec(&mut *conn)
            .await
            .map_err(write_err("follow-up"))?;
            guarded(r)?;
        }
        CareOp::SetNeeds { encounter, needs } => {
            let needs: Vec<&str> = needs.iter().map(|n| n.as_str()).collect();
            let r = sqlx::query::<D>("UPDATE encounters SET needs = $1 WHERE id = $2")
                .arg(needs.join(","))
                .arg(encounter.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("encounter"))?;
            guarded(r)?;
        }
        CareOp::Note(n) => crate::notes::apply::<D>(conn, tx, n).await?,
    }
    Ok(())
}

pub(super) fn encounter_row(row: &impl RowGet, keys: &Keys) -> StoreResult<EncounterRow> {
    let needs: String = get(row, "needs")?;
    let mut e = EncounterRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        team_id: id_o(row, "team_id")?,
        needs: needs.split(',').filter_map(Need::parse).collect(),
        actions: String::new(),
        own_words: None,
        outcome: enum_of(row, "outcome", CloseOutcome::parse)?,
        follow_up_consent: get(row, "follow_up_consent")?,
        follow_up_method: get::<Option<String>>(row, "follow_up_method")?
            .and_then(|m| FollowUpMethod::parse(&m)),
        created_at: ts(row, "created_at")?,
        created_by: get(row, "created_by")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key(row, keys)?, sealed)
        && let Err(err) = seal::open_encounter(&mut e, &key, version, &bytes)
    {
        tracing::error!(error = %err, encounter = %e.id, "an encounter's notes do not open");
    }
    Ok(e)
}

pub(super) fn follow_up_row(row: &impl RowGet, keys: &Keys) -> StoreResult<FollowUpRow> {
    let mut f = FollowUpRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        encounter_id: id_o(row, "encounter_id")?,
        due_at: ts(row, "due_at")?,
        method: get::<Option<String>>(row, "method")?.and_then(|m| FollowUpMethod::parse(&m)),
        done_at: ts_o(row, "done_at")?,
        done_note: None,
        done_by: get(row, "done_by")?,
        cancelled_at: ts_o(row, "cancelled_at")?,
        version: get(row, "version")?,
        result: get::<Option<String>>(row, "result")?.and_then(|r| FollowUpResult::parse(&r)),
        tries: get(row, "tries")?,
        taken_by: get(row, "taken_by")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key(row, keys)?, sealed)
        && let Err(err) = seal::open_follow_up(&mut f, &key, version, &bytes)
    {
        tracing::error!(error = %err, follow_up = %f.id, "a follow-up's note does not open");
    }
    Ok(f)
}
