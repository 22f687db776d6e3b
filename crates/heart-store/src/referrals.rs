//! Referrals to partner organisations in the directory, their status history, the partners' hooks and the signed
//! notices waiting to go to them. One SQL core for both engines.
//!
//! What a person agreed to share travels as field names in `shared` (readable, for counts and for the rule) and as
//! values sealed under the person's data key in `sealed`: erasing the person (or the retention purge) erases the
//! values, and a withdrawal clears them at once.

use crate::backend::{Bind, Db, RowGet, Run};
use crate::model::SealState;
use crate::sql::{
    RowKey, SqlStore, Tx, all, backend, corrupt, get, guarded, id, id_o, one, row_key, ts, ts_o,
    us, us_opt, write_err,
};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use heart_crypto::keys::{Aad, DataKey, Keys};
use heart_domain::ids::{CallbackId, EncounterId, ReferralId, RequestId, SubjectId, TeamId};
use heart_domain::referral::{DeclineReason, ReferralStatus, Share};
use heart_domain::time::Timestamp;

pub(crate) const HOOK_PURPOSE: &str = "referral_hook";

pub use heart_domain::referral::SharedDetails;

#[derive(Clone, Debug, PartialEq)]
pub struct ReferralRow {
    pub id: ReferralId,
    pub request_id: RequestId,
    pub encounter_id: Option<EncounterId>,
    pub subject: SubjectId,
    pub team_id: Option<TeamId>,
    /// The directory service and its organization (HSDS ids).
    pub service_id: String,
    pub organization_id: String,
    /// What the person agreed to share.
    pub shared: Vec<Share>,
    /// The shared values (empty when nothing was shared, when withdrawn, or once the person is erased).
    pub details: SharedDetails,
    pub sealed: SealState,
    pub status: ReferralStatus,
    pub reason: Option<DeclineReason>,
    pub created_at: Timestamp,
    pub created_by: String,
    /// When the next step is due (an answer, then the connection); none once it ended.
    pub due_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    pub version: i64,
}

impl ReferralRow {
    pub fn overdue(&self, now: Timestamp) -> bool {
        self.status.is_open() && self.due_at.is_some_and(|d| d < now)
    }
}

/// One status a referral took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralEvent {
    pub referral_id: ReferralId,
    pub status: ReferralStatus,
    pub reason: Option<DeclineReason>,
    pub at: Timestamp,
    pub actor: String,
}

/// A notice due to a partner's hook.
#[derive(Clone, Debug, PartialEq)]
pub struct HookDue {
    pub id: CallbackId,
    pub referral_id: ReferralId,
    pub organization_id: String,
    pub event: String,
    pub attempts: i64,
    /// When it became due (a sender takes it with [`ReferralOp::ClaimHook`] guarded by this).
    pub next_at: Timestamp,
    pub url: String,
    pub secret: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ReferralOp {
    /// A new referral (status `sent`, its first event); the details are sealed under the person's key.
    Insert(Box<ReferralRow>),
    /// A new status (guarded by version), with its event; `clear` erases the shared values (a withdrawal).
    Move {
        id: ReferralId,
        version: i64,
        status: ReferralStatus,
        reason: Option<DeclineReason>,
        due_at: Option<Timestamp>,
        clear: bool,
        at: Timestamp,
        actor: String,
    },
    /// Where a partner wants its referrals (replaces the old hook); `None` removes it.
    SetHook {
        organization_id: String,
        hook: Option<(String, Vec<u8>)>,
        at: Timestamp,
        by: String,
    },
    /// A notice for the partner's hook, if it has one (nothing is queued otherwise).
    QueueHook {
        id: CallbackId,
        referral: ReferralId,
        organization_id: String,
        event: &'static str,
        at: Timestamp,
    },
}

fn aad(id: &str, version: u32) -> Aad<'_> {
    Aad {
        table: "referrals",
        column: crate::seal::COLUMN,
        row_id: id,
        key_version: version,
    }
}

fn seal_details(id: &str, d: &SharedDetails, key: &DataKey, version: u32) -> Vec<u8> {
    key.seal(aad(id, version), &serde_json::to_vec(d).unwrap_or_default())
}

async fn next_seq<D: Db>(conn: &mut D::Connection, rid: &str) -> StoreResult<i64> {
    let r = sqlx::query::<D>(
        "SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) AS n FROM referral_events WHERE referral_id = $1",
    )
    .arg(rid)
    .opt(&mut *conn)
    .await
    .map_err(backend("referral events"))?;
    Ok(match r {
        Some(r) => get::<i64>(&r, "n")? + 1,
        None => 1,
    })
}

async fn insert_event<D: Db>(
    conn: &mut D::Connection,
    rid: &str,
    status: ReferralStatus,
    reason: Option<DeclineReason>,
    at: Timestamp,
    actor: &str,
) -> StoreResult<()> {
    let seq = next_seq::<D>(conn, rid).await?;
    sqlx::query::<D>(
        "INSERT INTO referral_events (referral_id, seq, status, reason, at, actor) VALUES ($1,$2,$3,$4,$5,$6)",
    )
    .arg(rid)
    .arg(seq)
    .arg(status.as_str())
    .arg(reason.map(|r| r.as_str()))
    .arg(us(at))
    .arg(actor)
    .exec(&mut *conn)
    .await
    .map_err(write_err("referral event"))?;
    Ok(())
}

/// Erasing a person ends their open referrals (withdrawn, by the system) and tells each partner with a hook, in
/// the erasure's own transaction: a partner's own system learns to delete what it received.
pub(crate) async fn close_for_erasure<D: Db>(
    conn: &mut D::Connection,
    subject: SubjectId,
    at: Timestamp,
) -> StoreResult<()> {
    let rows = sqlx::query::<D>(
        "SELECT id FROM referrals WHERE subject = $1 AND status IN ('sent', 'accepted')",
    )
    .arg(subject.to_string())
    .all(&mut *conn)
    .await
    .map_err(backend("referrals"))?;
    for row in rows {
        let rid: String = get(&row, "id")?;
        sqlx::query::<D>(
            "UPDATE referrals SET status = 'withdrawn', due_at = NULL, updated_at = $1, version = version + 1, \
             sealed = NULL WHERE id = $2",
        )
        .arg(us(at))
        .arg(rid.as_str())
        .exec(&mut *conn)
        .await
        .map_err(write_err("referral"))?;
        insert_event::<D>(conn, &rid, ReferralStatus::Withdrawn, None, at, "system").await?;
        sqlx::query::<D>(
            "INSERT INTO referral_outbox (id, referral_id, event, status, attempts, next_at, created_at, updated_at) \
             SELECT $1, r.id, 'referral.withdrawn', 'queued', 0, $2, $2, $2 FROM referrals r \
             JOIN referral_hooks h ON h.organization_id = r.organization_id WHERE r.id = $3",
        )
        .arg(CallbackId::new().to_string())
        .arg(us(at))
        .arg(rid.as_str())
        .exec(&mut *conn)
        .await
        .map_err(write_err("referral notice"))?;
    }
    Ok(())
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &ReferralOp,
) -> StoreResult<()> {
    match op {
        ReferralOp::Insert(r) => {
            let rid = r.id.to_string();
            let details = r.details.clone().only(&r.shared);
            let sealed = if details.is_empty() {
                None
            } else {
                match tx.key(conn, r.subject).await? {
                    Some((key, version)) => Some(seal_details(&rid, &details, &key, version)),
                    None => return Err(StoreError::Refused("erased-person")),
                }
            };
            sqlx::query::<D>(
                "INSERT INTO referrals (id, request_id, encounter_id, subject, team_id, service_id, organization_id, \
                 shared, sealed, status, reason, created_at, created_by, due_at, updated_at, version) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,1)",
            )
            .arg(rid.as_str())
            .arg(r.request_id.to_string())
            .arg(r.encounter_id.map(|e| e.to_string()))
            .arg(r.subject.to_string())
            .arg(r.team_id.map(|t| t.to_string()))
            .arg(r.service_id.as_str())
            .arg(r.organization_id.as_str())
            .arg(Share::to_list(&r.shared))
            .arg(sealed)
            .arg(r.status.as_str())
            .arg(r.reason.map(|r| r.as_str()))
            .arg(us(r.created_at))
            .arg(r.created_by.as_str())
            .arg(us_opt(r.due_at))
            .arg(us(r.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("referral"))?;
            insert_event::<D>(conn, &rid, r.status, None, r.created_at, &r.created_by).await?;
        }
        ReferralOp::Move {
            id,
            version,
            status,
            reason,
            due_at,
            clear,
            at,
            actor,
        } => {
            let rid = id.to_string();
            let sql = if *clear {
                "UPDATE referrals SET status = $1, reason = $2, due_at = $3, updated_at = $4, \
                 version = version + 1, sealed = NULL WHERE id = $5 AND version = $6"
            } else {
                "UPDATE referrals SET status = $1, reason = $2, due_at = $3, updated_at = $4, \
                 version = version + 1 WHERE id = $5 AND version = $6"
            };
            let n = sqlx::query::<D>(sql)
                .arg(status.as_str())
                .arg(reason.map(|r| r.as_str()))
                .arg(us_opt(*due_at))
                .arg(us(*at))
                .arg(rid.as_str())
                .arg(*version)
                .exec(&mut *conn)
                .await
                .map_err(write_err("referral"))?;
            guarded(n)?;
            insert_event::<D>(conn, &rid, *status, *reason, *at, actor).await?;
        }
        ReferralOp::SetHook {
            organization_id,
            hook,
            at,
            by,
        } => {
            sqlx::query::<D>("DELETE FROM referral_hooks WHERE organization_id = $1")
                .arg(organization_id.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("referral hook"))?;
            if let Some((url, secret)) = hook {
                let w = tx
                    .keys
                    .get()
                    .seal_secret(HOOK_PURPOSE, organization_id, secret);
                sqlx::query::<D>(
                    "INSERT INTO referral_hooks (organization_id, url, secret_kek, secret, created_at, created_by) \
                     VALUES ($1,$2,$3,$4,$5,$6)",
                )
                .arg(organization_id.as_str())
                .arg(url.as_str())
                .arg(i64::from(w.kek_id))
                .arg(w.bytes)
                .arg(us(*at))
                .arg(by.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("referral hook"))?;
            }
        }
        ReferralOp::QueueHook {
            id,
            referral,
            organization_id,
            event,
            at,
        } => queue_hook::<D>(conn, (*id, *referral), organization_id, event, *at).await?,
    }
    Ok(())
}

/// A notice queued for the organization's hook (none when it has no hook); the outbox claims and settles it.
async fn queue_hook<D: Db>(
    conn: &mut D::Connection,
    (id, referral): (CallbackId, ReferralId),
    organization_id: &str,
    event: &'static str,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query::<D>(
        "INSERT INTO referral_outbox (id, referral_id, event, status, attempts, next_at, created_at, updated_at) \
         SELECT $1, $2, $3, 'queued', 0, $4, $4, $4 FROM referral_hooks WHERE organization_id = $5",
    )
    .arg(id.to_string())
    .arg(referral.to_string())
    .arg(event)
    .arg(us(at))
    .arg(organization_id)
    .exec(&mut *conn)
    .await
    .map_err(write_err("referral notice"))?;
    Ok(())
}

/// Reads of referrals. Writes go through `Store::apply` with [`crate::Op::Referral`].
#[async_trait]
pub trait ReferralStore: Send + Sync {
    async fn referral(&self, id: ReferralId) -> StoreResult<Option<ReferralRow>>;
    /// A partner's referrals, newest first.
    async fn referrals_for_organization(
        &self,
        organization_id: &str,
        limit: i64,
    ) -> StoreResult<Vec<ReferralRow>>;
    async fn referrals_for_request(&self, request: RequestId) -> StoreResult<Vec<ReferralRow>>;
    /// Open referrals, and those that changed since `since` (for the follow-up list), oldest change first.
    async fn referrals_to_follow(&self, since: Timestamp) -> StoreResult<Vec<ReferralRow>>;
    async fn referral_events(&self, id: ReferralId) -> StoreResult<Vec<ReferralEvent>>;
    /// The histories of all an organization's referrals, in order within each.
    async fn referral_events_for_organization(
        &self,
        organization_id: &str,
    ) -> StoreResult<Vec<ReferralEvent>>;
    /// The organization's hook: its URL (the secret stays inside).
    async fn referral_hook(&self, organization_id: &str) -> StoreResult<Option<String>>;
    async fn referral_hooks_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<HookDue>>;
}

macro_rules! referral_select {
    () => {
        "SELECT r.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
         s.key_version AS k_version FROM referrals r LEFT JOIN subjects s ON s.id = r.subject"
    };
}

fn referral_row(row: &impl RowGet, keys: &Keys) -> StoreResult<ReferralRow> {
    let shared = Share::parse_list(&get::<String>(row, "shared")?).ok_or(corrupt("shared"))?;
    let status: String = get(row, "status")?;
    let reason: Option<String> = get(row, "reason")?;
    let mut r = ReferralRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        encounter_id: id_o(row, "encounter_id")?,
        subject: id(row, "subject")?,
        team_id: id_o(row, "team_id")?,
        service_id: get(row, "service_id")?,
        organization_id: get(row, "organization_id")?,
        shared,
        details: SharedDetails::default(),
        sealed: SealState::Open,
        status: ReferralStatus::parse(&status).ok_or(corrupt("status"))?,
        reason: match reason {
            None => None,
            Some(r) => Some(DeclineReason::parse(&r).ok_or(corrupt("reason"))?),
        },
        created_at: ts(row, "created_at")?,
        created_by: get(row, "created_by")?,
        due_at: ts_o(row, "due_at")?,
        updated_at: ts(row, "updated_at")?,
        version: get(row, "version")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let Some(bytes) = sealed {
        match row_key(row, keys)? {
            RowKey::Key(key, version) => {
                match key
                    .open(aad(&r.id.to_string(), version), &bytes)
                    .ok()
                    .and_then(|raw| serde_json::from_slice::<SharedDetails>(&raw).ok())
                {
                    Some(d) => r.details = d.only(&r.shared),
                    None => {
                        tracing::error!(referral = %r.id, "a referral's shared details do not open");
                        r.sealed = SealState::Unreadable;
                    }
                }
            }
            RowKey::Erased => r.sealed = SealState::Erased,
            RowKey::Unreadable => r.sealed = SealState::Unreadable,
        }
    }
    Ok(r)
}

fn event_row(row: &impl RowGet) -> StoreResult<ReferralEvent> {
    let status: String = get(row, "status")?;
    let reason: Option<String> = get(row, "reason")?;
    Ok(ReferralEvent {
        referral_id: id(row, "referral_id")?,
        status: ReferralStatus::parse(&status).ok_or(corrupt("status"))?,
        reason: reason.as_deref().and_then(DeclineReason::parse),
        at: ts(row, "at")?,
        actor: get(row, "actor")?,
    })
}

#[async_trait]
impl<D: Db> ReferralStore for SqlStore<D> {
    async fn referral(&self, rid: ReferralId) -> StoreResult<Option<ReferralRow>> {
        let r = sqlx::query::<D>(concat!(referral_select!(), " WHERE r.id = $1"))
            .arg(rid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("referral"))?;
        one(r, |r| referral_row(r, &self.keys))
    }

    async fn referrals_for_organization(
        &self,
        organization_id: &str,
        limit: i64,
    ) -> StoreResult<Vec<ReferralRow>> {
        let r = sqlx::query::<D>(concat!(
            referral_select!(),
            " WHERE r.organization_id = $1 \
             ORDER BY CASE WHEN r.status IN ('sent', 'accepted') THEN 0 ELSE 1 END, r.created_at DESC LIMIT $2"
        ))
        .arg(organization_id)
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("referrals"))?;
        all(r, |r| referral_row(r, &self.keys))
    }

    async fn referrals_for_request(&self, request: RequestId) -> StoreResult<Vec<ReferralRow>> {
        let r = sqlx::query::<D>(concat!(
            referral_select!(),
            " WHERE r.request_id = $1 ORDER BY r.created_at"
        ))
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("referrals"))?;
        all(r, |r| referral_row(r, &self.keys))
    }

    async fn referrals_to_follow(&self, since: Timestamp) -> StoreResult<Vec<ReferralRow>> {
        let r = sqlx::query::<D>(concat!(
            referral_select!(),
            " WHERE r.status IN ('sent', 'accepted') OR r.updated_at >= $1 ORDER BY r.updated_at"
        ))
        .arg(us(since))
        .all_in(&self.read)
        .await
        .map_err(backend("referrals"))?;
        all(r, |r| referral_row(r, &self.keys))
    }

    async fn referral_events(&self, rid: ReferralId) -> StoreResult<Vec<ReferralEvent>> {
        let r = sqlx::query::<D>(
            "SELECT referral_id, status, reason, at, actor FROM referral_events WHERE referral_id = $1 ORDER BY seq",
        )
        .arg(rid.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("referral events"))?;
        all(r, event_row)
    }

    async fn referral_events_for_organization(
        &self,
        organization_id: &str,
    ) -> StoreResult<Vec<ReferralEvent>> {
        let r = sqlx::query::<D>(
            "SELECT e.referral_id, e.status, e.reason, e.at, e.actor FROM referral_events e \
             JOIN referrals r ON r.id = e.referral_id WHERE r.organization_id = $1 ORDER BY e.referral_id, e.seq",
        )
        .arg(organization_id)
        .all_in(&self.read)
        .await
        .map_err(backend("referral events"))?;
        all(r, event_row)
    }

    async fn referral_hook(&self, organization_id: &str) -> StoreResult<Option<String>> {
        let r = sqlx::query::<D>("SELECT url FROM referral_hooks WHERE organization_id = $1")
            .arg(organization_id)
            .opt_in(&self.read)
            .await
            .map_err(backend("referral hook"))?;
        one(r, |r| get(r, "url"))
    }

    async fn referral_hooks_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<HookDue>> {
        let r = sqlx::query::<D>(
            "SELECT o.id, o.referral_id, o.event, o.attempts, o.next_at, h.organization_id, h.url, h.secret_kek, h.secret \
             FROM referral_outbox o JOIN referrals r ON r.id = o.referral_id \
             JOIN referral_hooks h ON h.organization_id = r.organization_id \
             WHERE o.status = 'queued' AND o.next_at <= $1 ORDER BY o.next_at LIMIT $2",
        )
        .arg(us(now))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("referral notices"))?;
        let mut out = Vec::with_capacity(r.len());
        for row in &r {
            let org: String = get(row, "organization_id")?;
            // One hook whose secret does not open (a key file without its KEK) does not stop the others.
            let Ok(secret) = self.open_sealed(
                HOOK_PURPOSE,
                &org,
                get(row, "secret_kek")?,
                get(row, "secret")?,
            ) else {
                tracing::error!("a partner's referral hook secret does not open; its notices wait");
                continue;
            };
            out.push(HookDue {
                id: id(row, "id")?,
                referral_id: id(row, "referral_id")?,
                organization_id: org,
                event: get(row, "event")?,
                attempts: get(row, "attempts")?,
                next_at: ts(row, "next_at")?,
                url: get(row, "url")?,
                secret,
            });
        }
        Ok(out)
    }
}
