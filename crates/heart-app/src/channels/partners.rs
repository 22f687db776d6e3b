//! Partners and their alerts: adding a partner, an alert opening (or joining) a request once, held alerts
//! delivered when the team opens, and the status a partner's token shows.

use super::*;

crate::view! {
    /// A partner that may send alerts (its webhook secret stays in the store).
    Partner from heart_store::channels::PartnerRow {
        id: heart_domain::ids::PartnerId,
        name: String,
        slug: String,
        /// Kind codes it may send.
        kinds: Vec<String>,
        /// Alerts wait this long from when the situation began before a request opens (0: at once).
        escalate_minutes: i64,
        /// When its staff are there ("mon-fri 09:00-17:00"; empty: never): alerts then go through at once.
        business_hours: String,
        created_at: Timestamp,
        revoked_at: Option<Timestamp>,
    }
}

impl App {
    /// Adds a partner; returns it and its webhook secret (shown once).
    pub async fn add_partner(
        &self,
        actor: &Actor,
        name: &str,
        kinds: &[String],
        escalate_minutes: i64,
        business_hours: &str,
    ) -> AppResult<(Partner, String)> {
        actor.require(&[Capability::Admin])?;
        let mut e = FieldErrors::default();
        let name = Words::up_to(120)
            .required()
            .check(&mut e, "name", Some(name))
            .unwrap_or_default();
        let name = name.as_str();
        let s = slug(name);
        if s.is_empty() {
            // A name of nothing but signs makes no address for its hook.
            e.add("name", "required");
        }
        let kinds: Vec<String> = if kinds.is_empty() {
            self.script.kinds.iter().map(|k| k.code.clone()).collect()
        } else {
            kinds.iter().map(|k| k.trim().to_string()).collect()
        };
        if kinds.iter().any(|k| self.script.kind(k).is_none()) || kinds.is_empty() {
            e.add("kinds", "unknown");
        }
        if !(0..=24 * 60).contains(&escalate_minutes) {
            e.add("escalate_minutes", "out_of_range");
        }
        if crate::config::Hours::parse_short(business_hours, &self.config.hours.timezone).is_err() {
            e.add("business_hours", "invalid");
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let now = self.clock.now();
        let row = PartnerRow {
            id: PartnerId::new(),
            name: name.to_string(),
            slug: s,
            kinds,
            escalate_minutes,
            business_hours: business_hours.trim().to_string(),
            created_at: now,
            revoked_at: None,
        };
        let secret = format!("hps_{}", heart_crypto::random_token(32));
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::InsertPartner {
            row: row.clone(),
            secret: secret.as_bytes().to_vec(),
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "partner.add",
            "partner",
            &row.id.to_string(),
            &row.slug,
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::Duplicate(_) => AppError::field("name", "taken"),
            e => e.into(),
        })?;
        Ok((row.into(), secret))
    }

    /// Ends a partner at once (admin): its signed alerts are refused from then on (on other nodes once their
    /// short cache of partners lapses). An unknown name is not found; one already ended, a conflict.
    pub async fn disable_partner(&self, actor: &Actor, slug_or_name: &str) -> AppResult<Partner> {
        actor.require(&[Capability::Admin])?;
        let mut p = self.partner_named(slug_or_name).await?;
        if p.revoked_at.is_some() {
            return Err(AppError::conflict(
                "partner-disabled",
                "this partner is already disabled",
            ));
        }
        let now = self.clock.now();
        p.revoked_at = Some(now);
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::UpdatePartner(p.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "partner.disable",
            "partner",
            &p.id.to_string(),
            &p.slug,
        ));
        self.store.apply(cs).await?;
        if let Ok(mut c) = self.channel_cache.partners.lock() {
            c.remove(&p.slug);
        }
        Ok(p.into())
    }

    /// Gives a partner a new secret (admin), returned once with the time until which the old one still verifies
    /// (`[channels] partner_rotate_grace_minutes` from now; then it stops). Callbacks are signed with the new one
    /// at once. An unknown name is not found; a disabled partner, a conflict.
    pub async fn rotate_partner_secret(
        &self,
        actor: &Actor,
        slug_or_name: &str,
    ) -> AppResult<(Partner, String, Timestamp)> {
        actor.require(&[Capability::Admin])?;
        let p = self.partner_named(slug_or_name).await?;
        if p.revoked_at.is_some() {
            return Err(AppError::conflict(
                "partner-disabled",
                "this partner is already disabled",
            ));
        }
        let now = self.clock.now();
        let until = now + minutes(self.config.channels.partner_rotate_grace_minutes);
        let secret = format!("hps_{}", heart_crypto::random_token(32));
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::RotatePartnerSecret {
            id: p.id,
            secret: secret.as_bytes().to_vec(),
            previous_until: until,
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "partner.rotate",
            "partner",
            &p.id.to_string(),
            &p.slug,
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::Conflict => {
                AppError::conflict("partner-disabled", "this partner is already disabled")
            }
            e => e.into(),
        })?;
        if let Ok(mut c) = self.channel_cache.partners.lock() {
            c.remove(&p.slug);
        }
        Ok((p.into(), secret, until))
    }

    /// A partner by its name or the name in its URLs.
    async fn partner_named(&self, slug_or_name: &str) -> AppResult<PartnerRow> {
        let wanted = slug(slug_or_name);
        self.store
            .channels()
            .partners()
            .await?
            .into_iter()
            .find(|p| p.slug == wanted || p.slug == slug_or_name.trim())
            .ok_or(AppError::NotFound)
    }

    pub async fn partners(&self, actor: &Actor) -> AppResult<Vec<Partner>> {
        actor.require(&[
            Capability::Admin,
            Capability::Coordinate,
            Capability::Dispatch,
        ])?;
        Ok(self.store.channels().partners().await?.views())
    }

    /// Takes a partner's signed alert: checks the signature, the body and the partner's rules, then holds it (the
    /// escalation timer), joins the open request about the same place, or opens a request. Nothing is written
    /// when anything is refused.
    pub async fn partner_alert(
        &self,
        partner_slug: &str,
        timestamp: Option<&str>,
        signature: Option<&str>,
        idempotency_key: Option<&str>,
        body: &[u8],
    ) -> Result<AlertAnswer, AlertRefusal> {
        let (partner, secrets) = match self.partner_by_slug(partner_slug).await? {
            Some((p, s)) if p.revoked_at.is_none() => (p, s),
            _ => return Err(AlertRefusal::UnknownPartner),
        };
        let now = self.clock.now();
        let check = |secret: &[u8]| {
            verify_heart_signature(
                secret,
                timestamp,
                signature,
                body,
                now.as_second(),
                self.config.channels.webhook_tolerance_secs,
            )
        };
        // The secret that signed it: the current one, or the one before while its grace lasts.
        let secret = match (check(&secrets.current), secrets.previous) {
            (Ok(()), _) => secrets.current,
            (Err(WebhookError::BadSignature), Some((old, until)))
                if now < until && check(&old).is_ok() =>
            {
                old
            }
            (Err(e), _) => return Err(AlertRefusal::Signature(e)),
        };
        let alert = self.read_alert(&partner, body, now).await?;
        let key = alert_key(idempotency_key, signature)?;
        let fingerprint = fingerprint_of(body);
        if let Some(was) = self.store.channels().alert_by_key(partner.id, &key).await? {
            return self.replayed_alert(&secret, was, &fingerprint);
        }
        let place = place_key(&alert.place);
        if alert.cleared {
            return self
                .clear_held(
                    &partner,
                    &secret,
                    place.as_deref(),
                    key,
                    fingerprint,
                    &alert.kind,
                )
                .await;
        }
        let aid = PartnerAlertId::new();
        let token = status_token(&secret, aid);
        let began = alert.began.unwrap_or(now);
        // While the partner's staff are there (its business hours), they have looked: no timer.
        let staffed =
            crate::config::Hours::parse_short(&partner.business_hours, &self.config.hours.timezone)
                .map(|h| h.state(now).open)
                .unwrap_or(false);
        let wait = if staffed { 0 } else { partner.escalate_minutes };
        let due = began + minutes(wait);
        let row = PartnerAlertRow {
            id: aid,
            partner: partner.id,
            idem_key: Some(key),
            fingerprint,
            kind: alert.kind.clone(),
            state: "held".into(),
            request: None,
            received_at: now,
            due_at: None,
            held: None,
            callback: alert.callback.clone(),
        };
        let token_row = SenderTokenRow {
            request: None,
            alert: Some(aid),
            source: "partner".into(),
            kind: alert.kind.clone(),
            created_at: now,
        };
        if due > now {
            let hold = (token.clone(), hash(&token), token_row, body.to_vec());
            return self
                .hold_alert(&partner, &alert, row, place, due, hold)
                .await;
        }
        let new = alert_request(self, &alert);
        let key = row.idem_key.clone().unwrap_or_default();
        let state = self
            .deliver(&partner, row, place, Some((hash(&token), token_row)), new)
            .await?;
        if state == RACED {
            let was = self.store.channels().alert_by_key(partner.id, &key).await?;
            return match was {
                Some(was) => self.replayed_alert(&secret, was, &fingerprint_of(body)),
                None => Err(AppError::conflict(
                    "changed-meanwhile",
                    "the same alert arrived twice at once; send it again to see its state",
                )
                .into()),
            };
        }
        metrics::counter!("heart_partner_alerts_total", "state" => state).increment(1);
        Ok(AlertAnswer {
            alert: aid,
            state,
            status_token: token,
            due_at: None,
            replayed: false,
            cleared: 0,
            language: alert.language.clone(),
        })
    }

    /// A partner's alert, read from its body and checked against the partner's kinds; a callback inside our own
    /// network is refused (and checked again when sent).
    async fn read_alert(
        &self,
        partner: &PartnerRow,
        body: &[u8],
        now: Timestamp,
    ) -> Result<heart_domain::channels::Alert, AlertRefusal> {
        let input: AlertInput = serde_json::from_slice(body).map_err(|e| {
            // The kind of error and where, never the body.
            AlertRefusal::Malformed(format!(
                "{} at line {} column {}",
                match e.classify() {
                    serde_json::error::Category::Data =>
                        "a field has the wrong type or is not known",
                    serde_json::error::Category::Eof => "the body ends too soon",
                    _ => "the body is not JSON",
                },
                e.line(),
                e.column()
            ))
        })?;
        let alert = input
            .parse(|k| partner.kinds.iter().any(|x| x == k), now)
            .map_err(AlertRefusal::Invalid)?;
        if let Some(cb) = &alert.callback
            && let Err(r) = self.outbound.check_saved(cb).await
        {
            let mut e = FieldErrors::default();
            e.add("callback", r.code());
            return Err(AlertRefusal::Invalid(e));
        }
        Ok(alert)
    }

    /// Holds an alert until its escalation time (the partner's staff may clear it meanwhile).
    async fn hold_alert(
        &self,
        partner: &PartnerRow,
        alert: &heart_domain::channels::Alert,
        mut row: PartnerAlertRow,
        place: Option<String>,
        due: Timestamp,
        (token, token_hash, token_row, held): (String, String, SenderTokenRow, Vec<u8>),
    ) -> Result<AlertAnswer, AlertRefusal> {
        let (now, aid) = (row.received_at, row.id);
        row.due_at = Some(due);
        row.held = Some(held);
        let mut cs = ChangeSet::new()
            .op(Op::Channel(ChannelOp::InsertAlert { row, place }))
            .op(Op::Channel(ChannelOp::Reply(ReplyOp::InsertToken {
                hash: token_hash,
                row: token_row,
            })));
        cs.audit(AuditEntry::new(
            now,
            &format!("partner:{}", partner.id),
            "partner.alert.hold",
            "partner_alert",
            &aid.to_string(),
            &alert.kind,
        ));
        match self.store.apply(cs).await {
            Ok(()) => {}
            Err(StoreError::Duplicate("idempotency key")) => {
                return Err(AppError::conflict(
                    "changed-meanwhile",
                    "the same alert arrived twice at once; send it again to see its state",
                )
                .into());
            }
            Err(e) => return Err(e.into()),
        }
        metrics::counter!("heart_partner_alerts_total", "state" => "waiting").increment(1);
        Ok(AlertAnswer {
            alert: aid,
            state: "waiting",
            status_token: token,
            due_at: Some(due),
            replayed: false,
            cleared: 0,
            language: alert.language.clone(),
        })
    }

    /// Opens a request for an alert, or joins the open one about the same place. `token` is a new token to
    /// write (a held alert's token exists already and is pointed at the request). Returns "received" or
    /// "joined", or `RACED` when another try with the same key wrote first.
    pub(super) async fn deliver(
        &self,
        partner: &PartnerRow,
        mut row: PartnerAlertRow,
        place: Option<String>,
        token: Option<(String, SenderTokenRow)>,
        new: NewRequest,
    ) -> Result<&'static str, AlertRefusal> {
        let was_held = row.state == "held" && row.held.is_some() && token.is_none();
        let who = format!("partner:{}", partner.id);
        let nearby: Vec<String> = match &place {
            Some(_) => heart_domain::channels::nearby_keys(&new.location),
            None => Vec::new(),
        };
        // No lock per place: alerts that join (nearly all of a burst) commit together in one group; two that
        // would both open a request race on the place's compare and swap, and the loser joins the winner.
        for _ in 0..3 {
            let now = self.clock.now();
            let window = now - minutes(self.config.channels.dedupe_minutes);
            // The place's own cell first, then its neighbours: the first open request seen within the window.
            let hits = self.store.channels().places(&nearby).await?;
            let joined = hits
                .iter()
                .find(|h| h.index == 0)
                .map(|h| (h.request, h.last_at));
            let open_one = hits
                .iter()
                .find(|h| h.last_at >= window && h.status.is_open())
                .map(|h| (nearby[h.index].clone(), h.clone()));
            let mut ops: Vec<Op> = Vec::new();
            let token_ops = |rid: RequestId, ops: &mut Vec<Op>| {
                if let Some((h, t)) = &token {
                    let mut t = t.clone();
                    t.request = Some(rid);
                    ops.push(Op::Channel(ChannelOp::Reply(ReplyOp::InsertToken {
                        hash: h.clone(),
                        row: t,
                    })));
                } else {
                    ops.push(Op::Channel(ChannelOp::Reply(ReplyOp::PointTokens {
                        alert: row.id,
                        request: rid,
                    })));
                }
            };
            if let Some((joined_key, r)) = open_one {
                row.request = Some(r.request);
                let mut cs = ChangeSet::new();
                if was_held {
                    let mut moved = row.clone();
                    moved.state = "joined".into();
                    cs.push(Op::Channel(ChannelOp::MoveAlert {
                        row: moved,
                        from: "held",
                    }));
                } else {
                    let mut ins = row.clone();
                    ins.state = "joined".into();
                    cs.push(Op::Channel(ChannelOp::InsertAlert {
                        row: ins,
                        place: place.clone(),
                    }));
                }
                token_ops(r.request, &mut ops);
                for op in ops {
                    cs.push(op);
                }
                cs.push(Op::Channel(ChannelOp::TouchPlace {
                    place: joined_key,
                    at: now,
                }));
                cs.audit(AuditEntry::new(
                    now,
                    &who,
                    "request.alert_joined",
                    "request",
                    &r.request.to_string(),
                    &row.kind,
                ));
                match self.store.apply(cs).await {
                    Ok(()) => {}
                    // The same key raced in from a retry, which wrote it first.
                    Err(StoreError::Duplicate("idempotency key")) => return Ok(RACED),
                    Err(e) => return Err(e.into()),
                }
                self.publish(LiveEvent {
                    kind: EventKind::RequestUpdated,
                    id: r.request.to_string(),
                    team: r.team.map(|t| t.to_string()),
                });
                return Ok("joined");
            }
            let rid = RequestId::new();
            row.request = Some(rid);
            let mut extra = Vec::new();
            if let Some(p) = &place {
                extra.push(Op::Channel(ChannelOp::ClaimPlace {
                    place: p.clone(),
                    request: rid,
                    expect: joined.map(|(r, _)| r),
                    at: now,
                }));
            }
            if was_held {
                let mut moved = row.clone();
                moved.state = "sent".into();
                extra.push(Op::Channel(ChannelOp::MoveAlert {
                    row: moved,
                    from: "held",
                }));
            } else {
                let mut ins = row.clone();
                ins.state = "sent".into();
                extra.push(Op::Channel(ChannelOp::InsertAlert {
                    row: ins,
                    place: place.clone(),
                }));
            }
            token_ops(rid, &mut ops);
            extra.extend(ops);
            let actor = Actor {
                kind: ActorKind::Partner(partner.id),
                caps: heart_domain::access::Capabilities::empty(),
                team: None,
                organization: None,
                name: String::new(),
            };
            match self.open_request(&actor, new.clone(), rid, extra).await {
                Ok(_) => return Ok("received"),
                // Another alert about this place opened a request first: join that one.
                Err(OpenError::Store(StoreError::Duplicate("place"))) => continue,
                Err(OpenError::Store(StoreError::Duplicate("idempotency key"))) => {
                    return Ok(RACED);
                }
                Err(OpenError::Store(StoreError::Conflict)) if was_held => return Ok("received"),
                Err(OpenError::Store(e)) => return Err(e.into()),
                Err(OpenError::App(e)) => return Err(e.into()),
            }
        }
        Err(AppError::conflict(
            "changed-meanwhile",
            "alerts about this place keep racing; try again",
        )
        .into())
    }

    pub(super) fn replayed_alert(
        &self,
        secret: &[u8],
        was: PartnerAlertRow,
        fingerprint: &str,
    ) -> Result<AlertAnswer, AlertRefusal> {
        if was.fingerprint != fingerprint {
            return Err(AlertRefusal::KeyReused);
        }
        Ok(AlertAnswer {
            alert: was.id,
            state: match was.state.as_str() {
                "held" => "waiting",
                "joined" => "joined",
                "cleared" => "cleared",
                _ => "received",
            },
            status_token: status_token(secret, was.id),
            due_at: was.due_at.filter(|_| was.state == "held"),
            replayed: true,
            cleared: 0,
            language: None,
        })
    }

    /// A `cleared` alert: drops what the partner holds about the place (the person left before the timer ran
    /// out). A request already open is left to the team.
    pub(super) async fn clear_held(
        &self,
        partner: &PartnerRow,
        secret: &[u8],
        place: Option<&str>,
        key: String,
        fingerprint: String,
        kind: &str,
    ) -> Result<AlertAnswer, AlertRefusal> {
        let now = self.clock.now();
        let held = match place {
            Some(p) => self.store.channels().alerts_held_at(partner.id, p).await?,
            None => Vec::new(),
        };
        let aid = PartnerAlertId::new();
        let mut cs = ChangeSet::new().op(Op::Channel(ChannelOp::InsertAlert {
            row: PartnerAlertRow {
                id: aid,
                partner: partner.id,
                idem_key: Some(key),
                fingerprint,
                kind: kind.to_string(),
                state: "cleared".into(),
                request: None,
                received_at: now,
                due_at: None,
                held: None,
                callback: None,
            },
            place: None,
        }));
        for mut a in held.iter().cloned() {
            a.state = "cleared".into();
            cs.push(Op::Channel(ChannelOp::MoveAlert {
                row: a,
                from: "held",
            }));
        }
        cs.audit(AuditEntry::new(
            now,
            &format!("partner:{}", partner.id),
            "partner.alert.clear",
            "partner_alert",
            &aid.to_string(),
            &held.len().to_string(),
        ));
        match self.store.apply(cs).await {
            Ok(()) => {}
            // One of them was sent meanwhile: nothing cleared; say so by the count of a fresh try.
            Err(StoreError::Conflict) => {
                return Err(AppError::conflict(
                    "changed-meanwhile",
                    "a held alert was sent meanwhile; send again to clear the rest",
                )
                .into());
            }
            Err(e) => return Err(e.into()),
        }
        Ok(AlertAnswer {
            alert: aid,
            state: "cleared",
            status_token: status_token(secret, aid),
            due_at: None,
            replayed: false,
            cleared: held.len(),
            language: None,
        })
    }

    /// Held alerts whose time is up become requests (or join one). Run by a timer; returns how many.
    pub async fn send_due_alerts(&self) -> AppResult<usize> {
        let now = self.clock.now();
        let due = self.store.channels().alerts_due(now, 100).await?;
        if due.is_empty() {
            return Ok(0);
        }
        let partners = self.store.channels().partners().await?;
        let mut n = 0;
        for a in due {
            let Some(body) = a.held.clone() else { continue };
            let Some(partner) = partners.iter().find(|p| p.id == a.partner).cloned() else {
                continue;
            };
            let Ok(input) = serde_json::from_slice::<AlertInput>(&body) else {
                continue;
            };
            let Ok(alert) = input.parse(|_| true, now) else {
                continue;
            };
            let place = place_key(&alert.place);
            let new = alert_request(self, &alert);
            let (aid, has_callback) = (a.id, a.callback.is_some());
            match self.deliver(&partner, a, place, None, new).await {
                Ok(_) => {
                    n += 1;
                    if has_callback {
                        self.queue_callbacks(&[aid], Progress::Received).await;
                    }
                }
                Err(AlertRefusal::App(e)) => return Err(e),
                Err(_) => {}
            }
        }
        Ok(n)
    }

    /// What a status token shows (no personal data); `None` for an unknown token.
    pub async fn status_of(&self, token: &str) -> AppResult<Option<StatusView>> {
        if token.len() > 200 {
            return Ok(None);
        }
        let Some(t) = self.store.channels().token(&hash(token)).await? else {
            return Ok(None);
        };
        if let Some(rid) = t.request {
            let Some(r) = self.store.request(rid).await? else {
                return Ok(None);
            };
            return Ok(Some(StatusView {
                progress: Progress::of(r.status),
                kind: t.kind,
                source: t.source,
                since: t.created_at,
                updated_at: Some(r.updated_at),
            }));
        }
        let alert = match t.alert {
            Some(a) => self.store.channels().alert(a).await?,
            None => None,
        };
        Ok(alert.map(|a| StatusView {
            progress: if a.state == "cleared" {
                Progress::Closed
            } else {
                Progress::Waiting
            },
            kind: t.kind,
            source: t.source,
            since: t.created_at,
            updated_at: None,
        }))
    }
}

/// The key a partner's alert is known by: its Idempotency-Key or, with none, its signature (a replayed request,
/// same time and same body, is the same alert, never a second one).
fn alert_key(
    idempotency_key: Option<&str>,
    signature: Option<&str>,
) -> Result<String, AlertRefusal> {
    Ok(match idempotency_key.map(str::trim) {
        Some(k) if !k.is_empty() => {
            if k.len() > 255 || !k.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(AlertRefusal::Invalid({
                    let mut e = FieldErrors::default();
                    e.add("Idempotency-Key", "invalid");
                    e
                }));
            }
            hash(&format!("key\n{k}"))
        }
        _ => hash(&format!("sig\n{}", signature.unwrap_or_default())),
    })
}
