//! The tables of every way in: partners (secrets sealed under the KEK), their alerts, places that join repeated
//! alerts, senders' status tokens, acknowledgements and the "we are full" switch. One SQL core for both engines.
//!
//! Places are kept only as a keyed hash (the blind-index key): the table says "these alerts were about one
//! place", never which.

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{
    SqlStore, Tx, all, backend, get, guarded, id, id_o, one, ts, ts_o, us, us_opt, write_err,
};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use heart_crypto::keys::WrappedKey;
use heart_domain::dispatch::Status;
use heart_domain::ids::*;
use heart_domain::intake::Channel;
use heart_domain::time::Timestamp;

/// A partner organisation, without its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerRow {
    pub id: PartnerId,
    pub name: String,
    pub slug: String,
    /// Kind codes it may send.
    pub kinds: Vec<String>,
    /// Alerts wait this long from when the situation began before a request opens (0: at once).
    pub escalate_minutes: i64,
    /// When its staff are there ("mon-fri 09:00-17:00"; empty: never): alerts then go through at once.
    pub business_hours: String,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

/// A partner's webhook secret, and the one before it while it still verifies after a rotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerSecret {
    pub current: Vec<u8>,
    /// The secret before the last rotation and until when it is still accepted.
    pub previous: Option<(Vec<u8>, Timestamp)>,
}

/// A partner's alert. `held` is the alert (JSON) while it waits for the escalation timer, opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerAlertRow {
    pub id: PartnerAlertId,
    pub partner: PartnerId,
    pub idem_key: Option<String>,
    pub fingerprint: String,
    pub kind: String,
    /// "held", "sent", "joined", "cleared".
    pub state: String,
    pub request: Option<RequestId>,
    pub received_at: Timestamp,
    pub due_at: Option<Timestamp>,
    pub held: Option<Vec<u8>>,
    /// Where the partner asked to hear of changes (https).
    pub callback: Option<String>,
}

/// A notice waiting to go to a partner's callback: the alert, its partner, the URL, the JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackRow {
    pub id: CallbackId,
    pub alert: PartnerAlertId,
    pub partner: PartnerId,
    /// The partner's name in URLs (to find its secret).
    pub slug: String,
    pub url: String,
    pub body: String,
    pub attempts: i64,
    /// When it became due (a sender takes it with [`ChannelOp::ClaimCallback`] guarded by this).
    pub next_at: Timestamp,
}

/// A sender's token: what request (or held alert) it shows, where it came from ("partner", "open311").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SenderTokenRow {
    pub request: Option<RequestId>,
    pub alert: Option<PartnerAlertId>,
    pub source: String,
    pub kind: String,
    pub created_at: Timestamp,
}

/// What a sender may see of a request: no personal field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutsideRow {
    pub id: RequestId,
    pub kind: String,
    pub status: Status,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A place that has a request: which of the asked places (its index), the request, when the last alert came, and
/// the request's status and team now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceHit {
    pub index: usize,
    pub request: RequestId,
    pub last_at: Timestamp,
    pub status: Status,
    pub team: Option<TeamId>,
}

/// A first acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AckRow {
    pub request: RequestId,
    pub channel: Channel,
    pub received_at: Timestamp,
    pub acked_at: Timestamp,
}

/// The "we are full" switch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullRow {
    pub until: Option<Timestamp>,
    pub set_at: Timestamp,
    pub set_by: String,
}

/// A change to the tables of the ways in.
#[derive(Clone, Debug, PartialEq)]
pub enum ChannelOp {
    /// A new partner with its secret (sealed on the way in).
    InsertPartner {
        row: PartnerRow,
        secret: Vec<u8>,
    },
    UpdatePartner(PartnerRow),
    /// A partner's new secret (sealed on the way in); the one it had keeps verifying until `previous_until`.
    /// Refused (not found) for a partner that is disabled.
    RotatePartnerSecret {
        id: PartnerId,
        secret: Vec<u8>,
        previous_until: Timestamp,
    },
    /// A new alert; `held` is sealed on the way in. Refused as `Duplicate("idempotency key")` when the partner
    /// sent that key before.
    InsertAlert {
        row: PartnerAlertRow,
        place: Option<String>,
    },
    /// Moves an alert from `from` to `row.state` (guarded: `Conflict` if it was moved meanwhile); empties `held`
    /// unless the new state is "held".
    MoveAlert {
        row: PartnerAlertRow,
        from: &'static str,
    },
    /// This place's alerts join `request` from now on: taken only if the place has no request, or still has
    /// `expect` (compare and swap); otherwise `Duplicate("place")`, and the caller joins the newer one.
    ClaimPlace {
        place: String,
        request: RequestId,
        expect: Option<RequestId>,
        at: Timestamp,
    },
    TouchPlace {
        place: String,
        at: Timestamp,
    },
    /// What heart answers the senders with: status tokens, acknowledgements, callbacks, the "we are full" switch.
    Reply(ReplyOp),
}

/// What heart answers the ways in with.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplyOp {
    InsertToken {
        hash: String,
        row: SenderTokenRow,
    },
    /// A held alert became (or joined) a request: its tokens show the request.
    PointTokens {
        alert: PartnerAlertId,
        request: RequestId,
    },
    /// The first acknowledgement wins; later ones change nothing.
    Ack {
        row: AckRow,
        actor: String,
    },
    SetFull(FullRow),
    /// A notice for a partner's callback (sent by a worker).
    QueueCallback {
        id: CallbackId,
        alert: PartnerAlertId,
        body: String,
        at: Timestamp,
    },
}

/// Reads of the ways in. Writes go through `Store::apply` with [`crate::Op::Channel`].
#[async_trait]
pub trait ChannelStore: Send + Sync {
    async fn partners(&self) -> StoreResult<Vec<PartnerRow>>;
    /// A partner and its secrets, opened.
    async fn partner_by_slug(&self, slug: &str)
    -> StoreResult<Option<(PartnerRow, PartnerSecret)>>;
    async fn alert(&self, id: PartnerAlertId) -> StoreResult<Option<PartnerAlertRow>>;
    async fn alert_by_key(
        &self,
        partner: PartnerId,
        key: &str,
    ) -> StoreResult<Option<PartnerAlertRow>>;
    /// Held alerts due at `now`, soonest first.
    async fn alerts_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<PartnerAlertRow>>;
    /// Alerts one partner holds about a place.
    async fn alerts_held_at(
        &self,
        partner: PartnerId,
        place: &str,
    ) -> StoreResult<Vec<PartnerAlertRow>>;
    /// The request a place's alerts join, and when the last came.
    async fn place(&self, place: &str) -> StoreResult<Option<(RequestId, Timestamp)>>;
    /// For several places at once (a cell and its neighbours): each one that has a request, with that request's
    /// status and team, in the order asked.
    async fn places(&self, places: &[String]) -> StoreResult<Vec<PlaceHit>>;
    async fn token(&self, hash: &str) -> StoreResult<Option<SenderTokenRow>>;
    /// Requests a source made ("open311") created in [from, to), newest first, at most `limit`.
    async fn outside_requests(
        &self,
        source: &str,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<OutsideRow>>;
    async fn outside_request(&self, source: &str, id: RequestId)
    -> StoreResult<Option<OutsideRow>>;
    /// Acknowledgements of requests still open.
    async fn acks_open(&self) -> StoreResult<Vec<AckRow>>;
    /// Acknowledgements made since `since`.
    async fn acks_since(&self, since: Timestamp) -> StoreResult<Vec<AckRow>>;
    async fn full(&self) -> StoreResult<Option<FullRow>>;
    /// Alerts sent to or joined with a request whose partner gave a callback.
    async fn alerts_with_callback(&self, request: RequestId) -> StoreResult<Vec<PartnerAlertRow>>;
    /// Notices waiting for partners' callbacks and due now, oldest first.
    async fn callbacks_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<CallbackRow>>;
}

const PURPOSE: &str = "partner";
const HELD: &str = "partner-alert";

fn place_hash<D>(tx: &Tx<'_, D>, place: &str) -> String {
    tx.keys.get().blind_index("place", place)
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &ChannelOp,
) -> StoreResult<()> {
    match op {
        ChannelOp::InsertPartner { row, secret } => {
            let w = tx
                .keys
                .get()
                .seal_secret(PURPOSE, &row.id.to_string(), secret);
            sqlx::query::<D>(
                "INSERT INTO partners (id, name, slug, secret_kek, secret, kinds, escalate_minutes, created_at, \
                 revoked_at, business_hours) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            )
            .arg(row.id.to_string())
            .arg(&row.name)
            .arg(&row.slug)
            .arg(i64::from(w.kek_id))
            .arg(w.bytes)
            .arg(row.kinds.join(","))
            .arg(row.escalate_minutes)
            .arg(us(row.created_at))
            .arg(us_opt(row.revoked_at))
            .arg(&row.business_hours)
            .exec(&mut *conn)
            .await
            .map_err(write_err("partner name"))?;
        }
        ChannelOp::UpdatePartner(row) => {
            let n = sqlx::query::<D>(
                "UPDATE partners SET kinds = $1, escalate_minutes = $2, revoked_at = $3, business_hours = $5 \
                 WHERE id = $4",
            )
            .arg(row.kinds.join(","))
            .arg(row.escalate_minutes)
            .arg(us_opt(row.revoked_at))
            .arg(row.id.to_string())
            .arg(&row.business_hours)
            .exec(&mut *conn)
            .await
            .map_err(write_err("partner"))?;
            guarded(n)?;
        }
        ChannelOp::RotatePartnerSecret {
            id,
            secret,
            previous_until,
        } => {
            let w = tx.keys.get().seal_secret(PURPOSE, &id.to_string(), secret);
            // The row's current secret moves to `old_secret` as it is (same purpose, same owner).
            let n = sqlx::query::<D>(
                "UPDATE partners SET old_secret_kek = secret_kek, old_secret = secret, old_secret_until = $1, \
                 secret_kek = $2, secret = $3 WHERE id = $4 AND revoked_at IS NULL",
            )
            .arg(us(*previous_until))
            .arg(i64::from(w.kek_id))
            .arg(w.bytes)
            .arg(id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("partner"))?;
            guarded(n)?;
        }
        ChannelOp::InsertAlert { row, place } => {
            let held = row
                .held
                .as_ref()
                .map(|h| tx.keys.get().seal_secret(HELD, &row.id.to_string(), h));
            let hash = place.as_deref().map(|p| place_hash(tx, p));
            sqlx::query::<D>(
                "INSERT INTO partner_alerts (id, partner_id, idem_key, fingerprint, kind, state, request_id, \
                 place_hash, received_at, due_at, held_kek, held, callback) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
            )
            .arg(row.id.to_string())
            .arg(row.partner.to_string())
            .arg(&row.idem_key)
            .arg(&row.fingerprint)
            .arg(&row.kind)
            .arg(&row.state)
            .arg(row.request.map(|r| r.to_string()))
            .arg(hash)
            .arg(us(row.received_at))
            .arg(us_opt(row.due_at))
            .arg(held.as_ref().map(|w| i64::from(w.kek_id)))
            .arg(held.map(|w| w.bytes))
            .arg(row.callback.clone())
            .exec(&mut *conn)
            .await
            .map_err(write_err("idempotency key"))?;
        }
        ChannelOp::MoveAlert { row, from } => {
            let keep = row.state == "held";
            let n = sqlx::query::<D>(
                "UPDATE partner_alerts SET state = $1, request_id = $2, \
                 held = CASE WHEN $3 THEN held ELSE NULL END, \
                 held_kek = CASE WHEN $3 THEN held_kek ELSE NULL END WHERE id = $4 AND state = $5",
            )
            .arg(&row.state)
            .arg(row.request.map(|r| r.to_string()))
            .arg(keep)
            .arg(row.id.to_string())
            .arg(*from)
            .exec(&mut *conn)
            .await
            .map_err(write_err("alert"))?;
            guarded(n)?;
        }
        ChannelOp::ClaimPlace {
            place,
            request,
            expect,
            at,
        } => {
            let hash = place_hash(tx, place);
            let n = sqlx::query::<D>(
                "INSERT INTO alert_places (place_hash, request_id, last_at) VALUES ($1,$2,$3) \
                 ON CONFLICT (place_hash) DO UPDATE SET request_id = excluded.request_id, \
                 last_at = excluded.last_at WHERE alert_places.request_id = $4",
            )
            .arg(hash)
            .arg(request.to_string())
            .arg(us(*at))
            .arg(expect.map(|r| r.to_string()).unwrap_or_default())
            .exec(&mut *conn)
            .await
            .map_err(write_err("place"))?;
            if n == 0 {
                return Err(StoreError::Duplicate("place"));
            }
        }
        ChannelOp::TouchPlace { place, at } => {
            let hash = place_hash(tx, place);
            sqlx::query::<D>(
                "UPDATE alert_places SET last_at = $1 WHERE place_hash = $2 AND last_at < $1",
            )
            .arg(us(*at))
            .arg(hash)
            .exec(&mut *conn)
            .await
            .map_err(write_err("place"))?;
        }
        ChannelOp::Reply(op) => answers::<D>(conn, op).await?,
    }
    Ok(())
}

/// Tokens and acknowledgements, the callbacks to partners (queued, claimed by one sender, settled), and the "we are full" switch.
async fn answers<D: Db>(conn: &mut D::Connection, op: &ReplyOp) -> StoreResult<()> {
    match op {
        ReplyOp::InsertToken { hash, row } => {
            sqlx::query::<D>(
                "INSERT INTO request_tokens (token_hash, request_id, alert_id, source, kind, created_at) \
                 VALUES ($1,$2,$3,$4,$5,$6)",
            )
            .arg(hash.as_str())
            .arg(row.request.map(|r| r.to_string()))
            .arg(row.alert.map(|a| a.to_string()))
            .arg(&row.source)
            .arg(&row.kind)
            .arg(us(row.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("token"))?;
        }
        ReplyOp::PointTokens { alert, request } => {
            sqlx::query::<D>("UPDATE request_tokens SET request_id = $1 WHERE alert_id = $2")
                .arg(request.to_string())
                .arg(alert.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("token"))?;
        }
        ReplyOp::Ack { row, actor } => {
            sqlx::query::<D>(
                "INSERT INTO request_acks (request_id, channel, received_at, acked_at, actor) \
                 VALUES ($1,$2,$3,$4,$5) ON CONFLICT (request_id) DO NOTHING",
            )
            .arg(row.request.to_string())
            .arg(row.channel.as_str())
            .arg(us(row.received_at))
            .arg(us(row.acked_at))
            .arg(actor.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("acknowledgement"))?;
        }
        ReplyOp::QueueCallback {
            id,
            alert,
            body,
            at,
        } => {
            sqlx::query::<D>(
                "INSERT INTO callback_outbox (id, alert_id, body, status, attempts, next_at, created_at, updated_at) \
                 VALUES ($1,$2,$3,'queued',0,$4,$4,$4)",
            )
            .arg(id.to_string())
            .arg(alert.to_string())
            .arg(body.as_str())
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("callback"))?;
        }
        ReplyOp::SetFull(f) => {
            sqlx::query::<D>(
                "INSERT INTO service_state (id, full_until, set_at, set_by) VALUES (1,$1,$2,$3) \
                 ON CONFLICT (id) DO UPDATE SET full_until = excluded.full_until, set_at = excluded.set_at, \
                 set_by = excluded.set_by",
            )
            .arg(us_opt(f.until))
            .arg(us(f.set_at))
            .arg(f.set_by.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("service state"))?;
        }
    }
    Ok(())
}

fn partner_row(r: &impl RowGet) -> StoreResult<PartnerRow> {
    let kinds: String = get(r, "kinds")?;
    Ok(PartnerRow {
        id: id(r, "id")?,
        name: get(r, "name")?,
        slug: get(r, "slug")?,
        kinds: kinds
            .split(',')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect(),
        escalate_minutes: get(r, "escalate_minutes")?,
        business_hours: get(r, "business_hours")?,
        created_at: ts(r, "created_at")?,
        revoked_at: ts_o(r, "revoked_at")?,
    })
}

fn token_row(r: &impl RowGet) -> StoreResult<SenderTokenRow> {
    Ok(SenderTokenRow {
        request: id_o(r, "request_id")?,
        alert: id_o(r, "alert_id")?,
        source: get(r, "source")?,
        kind: get(r, "kind")?,
        created_at: ts(r, "created_at")?,
    })
}

fn outside_row(r: &impl RowGet) -> StoreResult<OutsideRow> {
    let status: String = get(r, "status")?;
    Ok(OutsideRow {
        id: id(r, "id")?,
        kind: get(r, "kind")?,
        status: Status::parse(&status).ok_or(crate::sql::corrupt("status"))?,
        created_at: ts(r, "created_at")?,
        updated_at: ts(r, "updated_at")?,
    })
}

fn ack_row(r: &impl RowGet) -> StoreResult<AckRow> {
    let channel: String = get(r, "channel")?;
    Ok(AckRow {
        request: id(r, "request_id")?,
        channel: Channel::parse(&channel).ok_or(crate::sql::corrupt("channel"))?,
        received_at: ts(r, "received_at")?,
        acked_at: ts(r, "acked_at")?,
    })
}

impl<D: Db> SqlStore<D> {
    /// Opens a value sealed under a KEK (re-reading the key file once if another process rotated it).
    pub(crate) fn open_sealed(
        &self,
        purpose: &str,
        owner: &str,
        kek: i64,
        bytes: Vec<u8>,
    ) -> StoreResult<Vec<u8>> {
        let w = WrappedKey {
            kek_id: u32::try_from(kek).unwrap_or(0),
            bytes,
        };
        self.keys
            .get()
            .open_secret(purpose, owner, &w)
            .or_else(|_| self.keys.refresh().open_secret(purpose, owner, &w))
            .map_err(|_| StoreError::Backend(format!("a sealed {purpose} value does not open")))
    }

    fn alert_row(&self, r: &impl RowGet) -> StoreResult<PartnerAlertRow> {
        let aid: PartnerAlertId = id(r, "id")?;
        let held = match get::<Option<Vec<u8>>>(r, "held")? {
            None => None,
            Some(bytes) => {
                let kek: Option<i64> = get(r, "held_kek")?;
                Some(self.open_sealed(HELD, &aid.to_string(), kek.unwrap_or(0), bytes)?)
            }
        };
        Ok(PartnerAlertRow {
            id: aid,
            partner: id(r, "partner_id")?,
            idem_key: get(r, "idem_key")?,
            fingerprint: get(r, "fingerprint")?,
            kind: get(r, "kind")?,
            state: get(r, "state")?,
            request: id_o(r, "request_id")?,
            received_at: ts(r, "received_at")?,
            due_at: ts_o(r, "due_at")?,
            held,
            callback: get(r, "callback")?,
        })
    }
}

#[async_trait]
impl<D: Db> ChannelStore for SqlStore<D> {
    async fn partners(&self) -> StoreResult<Vec<PartnerRow>> {
        let r = sqlx::query::<D>("SELECT * FROM partners ORDER BY name")
            .all_in(&self.read)
            .await
            .map_err(backend("partners"))?;
        all(r, partner_row)
    }

    async fn partner_by_slug(
        &self,
        slug: &str,
    ) -> StoreResult<Option<(PartnerRow, PartnerSecret)>> {
        let r = sqlx::query::<D>("SELECT * FROM partners WHERE slug = $1")
            .arg(slug)
            .opt_in(&self.read)
            .await
            .map_err(backend("partner"))?;
        let Some(r) = r else { return Ok(None) };
        let p = partner_row(&r)?;
        let kek: i64 = get(&r, "secret_kek")?;
        let current = self.open_sealed(PURPOSE, &p.id.to_string(), kek, get(&r, "secret")?)?;
        let previous = match (
            get::<Option<Vec<u8>>>(&r, "old_secret")?,
            ts_o(&r, "old_secret_until")?,
        ) {
            (Some(bytes), Some(until)) => {
                let kek: Option<i64> = get(&r, "old_secret_kek")?;
                let old = self.open_sealed(PURPOSE, &p.id.to_string(), kek.unwrap_or(0), bytes)?;
                Some((old, until))
            }
            _ => None,
        };
        Ok(Some((p, PartnerSecret { current, previous })))
    }

    async fn alert(&self, aid: PartnerAlertId) -> StoreResult<Option<PartnerAlertRow>> {
        let r = sqlx::query::<D>("SELECT * FROM partner_alerts WHERE id = $1")
            .arg(aid.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("alert"))?;
        one(r, |r| self.alert_row(r))
    }

    async fn alert_by_key(
        &self,
        partner: PartnerId,
        key: &str,
    ) -> StoreResult<Option<PartnerAlertRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM partner_alerts WHERE partner_id = $1 AND idem_key = $2",
        )
        .arg(partner.to_string())
        .arg(key)
        .opt_in(&self.read)
        .await
        .map_err(backend("alert"))?;
        one(r, |r| self.alert_row(r))
    }

    async fn alerts_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<PartnerAlertRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM partner_alerts WHERE state = 'held' AND due_at <= $1 ORDER BY due_at LIMIT $2",
        )
        .arg(us(now))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("alerts due"))?;
        all(r, |r| self.alert_row(r))
    }

    async fn alerts_held_at(
        &self,
        partner: PartnerId,
        place: &str,
    ) -> StoreResult<Vec<PartnerAlertRow>> {
        let hash = self.keys.get().blind_index("place", place);
        let r = sqlx::query::<D>(
            "SELECT * FROM partner_alerts WHERE state = 'held' AND partner_id = $1 AND place_hash = $2",
        )
        .arg(partner.to_string())
        .arg(hash)
        .all_in(&self.read)
        .await
        .map_err(backend("held alerts"))?;
        all(r, |r| self.alert_row(r))
    }

    async fn place(&self, place: &str) -> StoreResult<Option<(RequestId, Timestamp)>> {
        let hash = self.keys.get().blind_index("place", place);
        let r =
            sqlx::query::<D>("SELECT request_id, last_at FROM alert_places WHERE place_hash = $1")
                .arg(hash)
                .opt_in(&self.read)
                .await
                .map_err(backend("place"))?;
        one(r, |r| Ok((id(r, "request_id")?, ts(r, "last_at")?)))
    }

    async fn places(&self, places: &[String]) -> StoreResult<Vec<PlaceHit>> {
        if places.is_empty() {
            return Ok(Vec::new());
        }
        let ring = self.keys.get();
        let hashes: Vec<String> = places
            .iter()
            .map(|p| ring.blind_index("place", p))
            .collect();
        let marks: Vec<String> = (1..=hashes.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT p.place_hash, p.request_id, p.last_at, r.status, r.team_id FROM alert_places p \
             JOIN requests r ON r.id = p.request_id WHERE p.place_hash IN ({})",
            marks.join(",")
        );
        let mut q = sqlx::query::<D>(sqlx::AssertSqlSafe(sql));
        for h in &hashes {
            q = q.arg(h.as_str());
        }
        let rows = q.all_in(&self.read).await.map_err(backend("places"))?;
        let mut out = Vec::new();
        for r in &rows {
            let h: String = get(r, "place_hash")?;
            let Some(index) = hashes.iter().position(|x| *x == h) else {
                continue;
            };
            let status: String = get(r, "status")?;
            out.push(PlaceHit {
                index,
                request: id(r, "request_id")?,
                last_at: ts(r, "last_at")?,
                status: Status::parse(&status).ok_or(crate::sql::corrupt("status"))?,
                team: id_o(r, "team_id")?,
            });
        }
        out.sort_by_key(|p| p.index);
        Ok(out)
    }

    async fn token(&self, hash: &str) -> StoreResult<Option<SenderTokenRow>> {
        let r = sqlx::query::<D>("SELECT * FROM request_tokens WHERE token_hash = $1")
            .arg(hash)
            .opt_in(&self.read)
            .await
            .map_err(backend("token"))?;
        one(r, token_row)
    }

    async fn outside_requests(
        &self,
        source: &str,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<OutsideRow>> {
        let r = sqlx::query::<D>(
            "SELECT r.id, t.kind, r.status, r.created_at, r.updated_at FROM request_tokens t \
             JOIN requests r ON r.id = t.request_id WHERE t.source = $1 AND r.created_at >= $2 \
             AND r.created_at < $3 ORDER BY r.created_at DESC LIMIT $4",
        )
        .arg(source)
        .arg(us(from))
        .arg(us(to))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("outside requests"))?;
        all(r, outside_row)
    }

    async fn outside_request(
        &self,
        source: &str,
        rid: RequestId,
    ) -> StoreResult<Option<OutsideRow>> {
        let r = sqlx::query::<D>(
            "SELECT r.id, t.kind, r.status, r.created_at, r.updated_at FROM request_tokens t \
             JOIN requests r ON r.id = t.request_id WHERE t.source = $1 AND r.id = $2 LIMIT 1",
        )
        .arg(source)
        .arg(rid.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("outside request"))?;
        one(r, outside_row)
    }

    async fn acks_open(&self) -> StoreResult<Vec<AckRow>> {
        let r = sqlx::query::<D>(
            "SELECT a.* FROM request_acks a JOIN requests r ON r.id = a.request_id \
             WHERE r.status NOT IN ('closed', 'cancelled')",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("acknowledgements"))?;
        all(r, ack_row)
    }

    async fn acks_since(&self, since: Timestamp) -> StoreResult<Vec<AckRow>> {
        let r = sqlx::query::<D>("SELECT * FROM request_acks WHERE acked_at >= $1")
            .arg(us(since))
            .all_in(&self.read)
            .await
            .map_err(backend("acknowledgements"))?;
        all(r, ack_row)
    }

    async fn alerts_with_callback(&self, request: RequestId) -> StoreResult<Vec<PartnerAlertRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM partner_alerts WHERE request_id = $1 AND callback IS NOT NULL \
             AND state IN ('sent', 'joined')",
        )
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("alerts"))?;
        all(r, |r| self.alert_row(r))
    }

    async fn callbacks_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<CallbackRow>> {
        let r = sqlx::query::<D>(
            "SELECT c.id, c.alert_id, c.body, c.attempts, c.next_at, a.partner_id, a.callback, p.slug \
             FROM callback_outbox c JOIN partner_alerts a ON a.id = c.alert_id \
             JOIN partners p ON p.id = a.partner_id WHERE c.status = 'queued' AND c.next_at <= $1 \
             AND a.callback IS NOT NULL ORDER BY c.next_at LIMIT $2",
        )
        .arg(us(now))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("callbacks"))?;
        all(r, |r| {
            Ok(CallbackRow {
                id: id(r, "id")?,
                alert: id(r, "alert_id")?,
                partner: id(r, "partner_id")?,
                slug: get(r, "slug")?,
                url: get(r, "callback")?,
                body: get(r, "body")?,
                attempts: get(r, "attempts")?,
                next_at: ts(r, "next_at")?,
            })
        })
    }

    async fn full(&self) -> StoreResult<Option<FullRow>> {
        let r = sqlx::query::<D>("SELECT * FROM service_state WHERE id = 1")
            .opt_in(&self.read)
            .await
            .map_err(backend("service state"))?;
        one(r, |r| {
            Ok(FullRow {
                until: ts_o(r, "full_until")?,
                set_at: ts(r, "set_at")?,
                set_by: get(r, "set_by")?,
            })
        })
    }
}
