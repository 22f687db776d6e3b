//! Requests: their rows, status history and idempotency keys.

use super::*;

pub(super) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &RequestOp,
) -> StoreResult<()> {
    match op {
        RequestOp::ClaimIdempotencyKey {
            key,
            request,
            fingerprint,
            at,
        } => {
            sqlx::query::<D>(
                "INSERT INTO idempotency_keys (key, request_id, fingerprint, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .arg(key)
            .arg(request.to_string())
            .arg(fingerprint)
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("idempotency key"))?;
        }
        RequestOp::InsertRequest(r) => {
            let (index, sealed) = seal_new_request(conn, tx, r).await?;
            let sql = multi_insert("requests", REQUEST_COLS, REQUEST_NCOLS, ",1", 1, D::UNNEST);
            bind_vals(
                sqlx::query::<D>(AssertSqlSafe(sql)),
                request_vals(r, index, Some(sealed)),
            )
            .exec(&mut *conn)
            .await
            .map_err(write_err("request"))?;
        }
        RequestOp::UpdateRequest(r) => {
            // Personal fields are rewritten only from a row read in full: a row whose fields were erased or did
            // not open keeps what the database holds.
            let key = match r.sealed {
                SealState::Open => tx.key(conn, r.subject).await?,
                _ => None,
            };
            let res = match key {
                Some((key, version)) => {
                    let index = r
                        .contact
                        .phone
                        .as_deref()
                        .map(|p| seal::phone_index(&tx.keys.get(), p));
                    bind_vals(
                        sqlx::query::<D>(
                            "UPDATE requests SET created_at = $1, updated_at = $2, channel = $3, requester = $4, \
                             location_withheld = $5, safe_text = $6, safe_voicemail = $7, safe_call = $8, language = $9, \
                             triage_outcome = $10, priority = $11, triage_rule = $12, rationale = $13, ems_consent = $14, \
                             status = $15, team_id = $16, outcome = $17, neighbourhood = $18, availability = $19, \
                             subject = $20, phone_index = $21, sealed = $22, \
                             version = version + 1 WHERE id = $23 AND version = $24",
                        ),
                        request_vals(r, index, Some(seal::seal_request(r, &key, version))),
                    )
                    .arg(r.version)
                    .exec(&mut *conn)
                    .await
                }
                None => sqlx::query::<D>(
                    "UPDATE requests SET updated_at = $1, status = $2, team_id = $3, outcome = $4, \
                     ems_consent = $5, version = version + 1 WHERE id = $6 AND version = $7",
                )
                .arg(us(r.updated_at))
                .arg(r.status.as_str())
                .arg(id_opt(&r.team_id))
                .arg(r.outcome.map(CloseOutcome::as_str))
                .arg(&r.ems_consent)
                .arg(r.id.to_string())
                .arg(r.version)
                .exec(&mut *conn)
                .await,
            }
            .map_err(write_err("request"))?;
            guarded(res)?;
        }
        RequestOp::InsertTransition(t) => {
            first_step::<D>(conn, t).await?;
            bind_vals(
                sqlx::query::<D>(
                    "INSERT INTO request_transitions (request_id, from_status, to_status, team_id, at, actor) \
                     VALUES ($1,$2,$3,$4,$5,$6)",
                ),
                transition_vals(t),
            )
            .exec(&mut *conn)
            .await
            .map_err(write_err("transition"))?;
        }
    }
    Ok(())
}

/// Keeps the first time a request was assigned, on scene and closed on its row (the figures' times, one pass).
pub(super) async fn first_step<D: Db>(
    conn: &mut D::Connection,
    t: &TransitionRow,
) -> StoreResult<()> {
    let col = match t.to {
        Status::Assigned => "assigned_at",
        Status::OnScene => "on_scene_at",
        Status::Closed => "closed_at",
        _ => return Ok(()),
    };
    sqlx::query::<D>(AssertSqlSafe(format!(
        "UPDATE requests SET {col} = $1 WHERE id = $2 AND ({col} IS NULL OR {col} > $1)"
    )))
    .arg(us(t.at))
    .arg(t.request_id.to_string())
    .exec(&mut *conn)
    .await
    .map_err(write_err("request"))?;
    Ok(())
}

/// The blind index and sealed bytes of a new request; refused for a person already erased.
pub(super) async fn seal_new_request<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    r: &RequestRow,
) -> StoreResult<(Option<String>, Vec<u8>)> {
    let pre = tx.pre_sealed.remove(&r.id);
    if let Some((index, sealed, None)) = pre {
        // Sealed under the key of a person made in this same change set.
        return Ok((index, sealed));
    }
    let (key, version) = tx
        .key(conn, r.subject)
        .await?
        .ok_or(StoreError::Rule("erased person"))?;
    if let Some((index, sealed, Some((used, used_version)))) = pre
        && used_version == version
        && used.same_as(&key)
    {
        return Ok((index, sealed));
    }
    let index = r
        .contact
        .phone
        .as_deref()
        .map(|p| seal::phone_index(&tx.keys.get(), p));
    Ok((index, seal::seal_request(r, &key, version)))
}

pub(super) fn transition_vals(t: &TransitionRow) -> Vec<Val> {
    vec![
        Val::Text(Some(t.request_id.to_string())),
        Val::Text(t.from.map(|s| s.as_str().to_string())),
        Val::Text(Some(t.to.as_str().to_string())),
        Val::Text(id_opt(&t.team_id)),
        Val::Int(Some(us(t.at))),
        Val::Text(Some(t.actor.clone())),
    ]
}

/// A request's columns, in `REQUEST_COLS` order.
pub(super) fn request_vals(
    r: &RequestRow,
    phone_index: Option<String>,
    sealed: Option<Vec<u8>>,
) -> Vec<Val> {
    vec![
        Val::Int(Some(us(r.created_at))),
        Val::Int(Some(us(r.updated_at))),
        Val::Text(Some(r.channel.as_str().to_string())),
        Val::Text(Some(r.requester.as_str().to_string())),
        Val::Bool(Some(r.location.withheld)),
        Val::Bool(Some(r.safe_contact.text_ok)),
        Val::Bool(Some(r.safe_contact.voicemail_ok)),
        Val::Bool(Some(r.safe_contact.call_ok)),
        Val::Text(Some(r.language.clone())),
        Val::Text(Some(r.triage.outcome.as_str().to_string())),
        Val::Int(r.triage.priority.map(i64::from)),
        Val::Text(Some(r.triage.rule.clone())),
        Val::Text(Some(r.triage.rationale.clone())),
        Val::Text(r.ems_consent.clone()),
        Val::Text(Some(r.status.as_str().to_string())),
        Val::Text(id_opt(&r.team_id)),
        Val::Text(r.outcome.map(|o| o.as_str().to_string())),
        Val::Text(r.facts.neighbourhood.clone()),
        Val::Text(r.facts.availability.map(|a| a.as_str().to_string())),
        Val::Text(Some(r.subject.to_string())),
        Val::Text(phone_index),
        Val::Bytes(sealed),
        Val::Text(Some(r.id.to_string())),
    ]
}

pub(super) fn request_row(row: &impl RowGet, keys: &Keys) -> StoreResult<RequestRow> {
    let priority: Option<i64> = get(row, "priority")?;
    let mut r = RequestRow {
        id: id(row, "id")?,
        subject: get::<Option<String>>(row, "subject")?
            .and_then(|s| s.parse().ok())
            .unwrap_or_default(),
        sealed: SealState::Erased,
        created_at: ts(row, "created_at")?,
        updated_at: ts(row, "updated_at")?,
        channel: enum_of(row, "channel", Channel::parse)?,
        requester: enum_of(row, "requester", Requester::parse)?,
        summary: String::new(),
        location: Location {
            text: None,
            lat: None,
            lon: None,
            withheld: get(row, "location_withheld")?,
        },
        contact: Contact::default(),
        safe_contact: SafeContact {
            text_ok: get(row, "safe_text")?,
            voicemail_ok: get(row, "safe_voicemail")?,
            call_ok: get(row, "safe_call")?,
            hours: None,
            code_word: None,
            interpreter: false,
        },
        language: get(row, "language")?,
        answers: Default::default(),
        triage: Triage {
            outcome: enum_of(row, "triage_outcome", Outcome::parse)?,
            priority: priority.and_then(|p| u8::try_from(p).ok()),
            rule: get(row, "triage_rule")?,
            rationale: get(row, "rationale")?,
        },
        ems_reason: None,
        ems_consent: get(row, "ems_consent")?,
        status: enum_of(row, "status", Status::parse)?,
        team_id: id_o(row, "team_id")?,
        outcome: match get::<Option<String>>(row, "outcome")? {
            Some(o) => Some(CloseOutcome::parse(&o).ok_or_else(|| corrupt("outcome"))?),
            None => None,
        },
        version: get(row, "version")?,
        facts: RequestFacts {
            neighbourhood: get(row, "neighbourhood")?,
            availability: get::<Option<String>>(row, "availability")?
                .and_then(|a| heart_domain::impact::Availability::parse(&a)),
        },
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    match (row_key(row, keys)?, sealed) {
        (RowKey::Key(key, version), Some(bytes)) => {
            if let Err(e) = seal::open_request(&mut r, &key, version, &bytes) {
                tracing::error!(error = %e, request = %r.id, "a request's personal fields do not open");
                r.sealed = SealState::Unreadable;
            }
        }
        (RowKey::Key(..), None) | (RowKey::Unreadable, _) => r.sealed = SealState::Unreadable,
        (RowKey::Erased, _) => r.sealed = SealState::Erased,
    }
    Ok(r)
}

pub(super) fn transition_row(row: &impl RowGet) -> StoreResult<TransitionRow> {
    Ok(TransitionRow {
        request_id: id(row, "request_id")?,
        from: get::<Option<String>>(row, "from_status")?.and_then(|s| Status::parse(&s)),
        to: enum_of(row, "to_status", Status::parse)?,
        team_id: id_o(row, "team_id")?,
        at: ts(row, "at")?,
        actor: get(row, "actor")?,
    })
}
