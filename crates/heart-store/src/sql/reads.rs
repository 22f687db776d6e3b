//! The `Store` port's reads (and its doors to the areas' own stores).

use super::*;

#[async_trait]
impl<D: Db> Store for SqlStore<D> {
    async fn apply(&self, changes: ChangeSet) -> StoreResult<()> {
        self.submit(changes).await
    }

    async fn user(&self, uid: UserId) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE id = $1",
            uid.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn user_by_username(&self, username: &str) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE username = $1",
            username.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn user_by_setup_token(&self, token_hash: &str) -> StoreResult<Option<UserRow>> {
        self.find(
            "SELECT * FROM users WHERE setup_token_hash = $1",
            token_hash.to_string(),
            "read user",
            user_row,
        )
        .await
    }

    async fn users(&self) -> StoreResult<Vec<UserRow>> {
        self.list(
            "SELECT * FROM users ORDER BY username",
            "read users",
            user_row,
        )
        .await
    }

    async fn token_by_hash(&self, token_hash: &str) -> StoreResult<Option<TokenRow>> {
        self.find(
            "SELECT * FROM api_tokens WHERE token_hash = $1",
            token_hash.to_string(),
            "read token",
            auth::token_row,
        )
        .await
    }

    async fn tokens(&self) -> StoreResult<Vec<TokenRow>> {
        self.list(
            "SELECT * FROM api_tokens ORDER BY created_at, id",
            "read tokens",
            auth::token_row,
        )
        .await
    }

    async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRow>> {
        self.find(
            "SELECT * FROM sessions WHERE id_hash = $1",
            id_hash.to_string(),
            "read session",
            |row| {
                Ok(SessionRow {
                    id_hash: get(row, "id_hash")?,
                    user_id: id(row, "user_id")?,
                    csrf: get(row, "csrf")?,
                    created_at: ts(row, "created_at")?,
                    expires_at: ts(row, "expires_at")?,
                    last_seen_at: ts(row, "last_seen_at")?,
                    stage: enum_of(row, "stage", SessionStage::parse)?,
                })
            },
        )
        .await
    }

    async fn team(&self, tid: TeamId) -> StoreResult<Option<TeamRow>> {
        self.find(
            "SELECT * FROM teams WHERE id = $1",
            tid.to_string(),
            "read team",
            team_row,
        )
        .await
    }

    async fn teams(&self) -> StoreResult<Vec<TeamRow>> {
        self.list("SELECT * FROM teams ORDER BY name", "read teams", team_row)
            .await
    }

    async fn shifts_at(&self, at: Timestamp) -> StoreResult<Vec<ShiftRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM shifts WHERE starts_at <= $1 AND ends_at > $2 ORDER BY starts_at",
        )
        .arg(us(at))
        .arg(us(at))
        .all_in(&self.read)
        .await
        .map_err(backend("read shifts"))?;
        all(r, shift_row)
    }

    async fn shifts_from(&self, from: Timestamp) -> StoreResult<Vec<ShiftRow>> {
        self.find_all(
            "SELECT * FROM shifts WHERE ends_at > $1 ORDER BY starts_at LIMIT 200",
            us(from),
            "read shifts",
            shift_row,
        )
        .await
    }

    async fn request(&self, rid: RequestId) -> StoreResult<Option<RequestRow>> {
        self.find(
            concat!(request_select!(), " WHERE r.id = $1"),
            rid.to_string(),
            "read request",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn open_requests(&self) -> StoreResult<Vec<RequestRow>> {
        self.list(
            concat!(
                request_select!(),
                " WHERE r.status NOT IN ('closed', 'cancelled') ORDER BY r.created_at"
            ),
            "read requests",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn requests_ending_with(&self, suffix: &str) -> StoreResult<Vec<RequestId>> {
        // Only hex digits and dashes reach the pattern, so it holds no wildcard of the caller's.
        if suffix.is_empty() || !suffix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Ok(Vec::new());
        }
        self.find_all(
            "SELECT id FROM requests WHERE id LIKE $1 ORDER BY created_at LIMIT 3",
            format!("%{}", suffix.to_ascii_lowercase()),
            "find request by reference",
            |r| id(r, "id"),
        )
        .await
    }

    async fn recent_requests(&self, limit: i64) -> StoreResult<Vec<RequestRow>> {
        self.find_all(
            concat!(request_select!(), " ORDER BY r.created_at DESC LIMIT $1"),
            limit,
            "read requests",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn requests_with_status(
        &self,
        status: Status,
        limit: i64,
    ) -> StoreResult<Vec<RequestRow>> {
        let r = sqlx::query::<D>(concat!(
            request_select!(),
            " WHERE r.status = $1 ORDER BY r.created_at DESC LIMIT $2"
        ))
        .arg(status.as_str())
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("read requests"))?;
        all(r, |r| request_row(r, &self.keys))
    }

    async fn team_request(&self, team: TeamId) -> StoreResult<Option<RequestRow>> {
        let r = sqlx::query::<D>(concat!(
            request_select!(),
            " WHERE r.team_id = $1 AND r.status IN ('assigned', 'en_route', 'on_scene') \
                 ORDER BY r.created_at LIMIT 1"
        ))
        .arg(team.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("read requests"))?;
        one(r, |r| request_row(r, &self.keys))
    }

    async fn transitions(&self, request: RequestId) -> StoreResult<Vec<TransitionRow>> {
        self.find_all(
            "SELECT * FROM request_transitions WHERE request_id = $1 ORDER BY seq",
            request.to_string(),
            "read transitions",
            transition_row,
        )
        .await
    }

    async fn encounters(&self, request: RequestId) -> StoreResult<Vec<EncounterRow>> {
        self.find_all(
            concat!(
                "SELECT e.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
                 s.key_version AS k_version FROM encounters e JOIN requests r ON r.id = e.request_id \
                 LEFT JOIN subjects s ON s.id = r.subject",
                " WHERE e.request_id = $1 ORDER BY e.created_at"
            ),
            request.to_string(),
            "read encounters",
            |r| encounter_row(r, &self.keys),
        )
        .await
    }

    async fn follow_up(&self, fid: FollowUpId) -> StoreResult<Option<FollowUpRow>> {
        self.find(
            concat!(follow_up_select!(), " WHERE f.id = $1"),
            fid.to_string(),
            "read follow-up",
            |r| follow_up_row(r, &self.keys),
        )
        .await
    }

    async fn open_follow_ups(&self) -> StoreResult<Vec<FollowUpRow>> {
        self.list(
            concat!(
                follow_up_select!(),
                " WHERE f.done_at IS NULL AND f.cancelled_at IS NULL ORDER BY f.due_at"
            ),
            "read follow-ups",
            |r| follow_up_row(r, &self.keys),
        )
        .await
    }

    async fn follow_ups_for(&self, request: RequestId) -> StoreResult<Vec<FollowUpRow>> {
        self.find_all(
            concat!(
                follow_up_select!(),
                " WHERE f.request_id = $1 ORDER BY f.due_at"
            ),
            request.to_string(),
            "read follow-ups",
            |r| follow_up_row(r, &self.keys),
        )
        .await
    }

    async fn alert(&self, aid: AlertId) -> StoreResult<Option<AlertRow>> {
        self.find(
            "SELECT * FROM alerts WHERE id = $1",
            aid.to_string(),
            "read alert",
            alert_row,
        )
        .await
    }

    async fn open_alerts(&self) -> StoreResult<Vec<AlertRow>> {
        self.list(
            "SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY created_at",
            "read alerts",
            alert_row,
        )
        .await
    }

    async fn audit_for(&self, record_kind: &str, record_id: &str) -> StoreResult<Vec<AuditRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM audit_log WHERE record_kind = $1 AND record_id = $2 ORDER BY seq",
        )
        .arg(record_kind)
        .arg(record_id)
        .all_in(&self.read)
        .await
        .map_err(backend("read audit"))?;
        all(r, audit_row)
    }

    async fn audit_list_reads(&self, mark: &str) -> StoreResult<Vec<AuditRow>> {
        // Marks are hex digits only (no LIKE wildcards); a scan, but only for a person's export.
        if mark.is_empty() || !mark.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Vec::new());
        }
        let r = sqlx::query::<D>(
            "SELECT * FROM audit_log WHERE action LIKE '%.list' AND detail LIKE $1 ORDER BY seq",
        )
        .arg(format!("%{mark}%"))
        .all_in(&self.read)
        .await
        .map_err(backend("read audit"))?;
        all(r, audit_row)
    }

    async fn audit_count(&self) -> StoreResult<i64> {
        self.count("SELECT COUNT(*) AS n FROM audit_log", "read audit")
            .await
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let n = self
            .count(
                "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM requests) AS n",
                "read counts",
            )
            .await?;
        Ok(n == 0)
    }

    async fn approval(&self, aid: ApprovalId) -> StoreResult<Option<ApprovalRow>> {
        self.find(
            "SELECT * FROM approvals WHERE id = $1",
            aid.to_string(),
            "read approval",
            approval_row,
        )
        .await
    }

    async fn approvals_recent(&self, limit: i64) -> StoreResult<Vec<ApprovalRow>> {
        self.find_all(
            "SELECT * FROM approvals ORDER BY status != 'pending', requested_at DESC LIMIT $1",
            limit,
            "read approvals",
            approval_row,
        )
        .await
    }

    async fn approvals_for_subject(&self, sid: SubjectId) -> StoreResult<Vec<ApprovalRow>> {
        self.find_all(
            "SELECT * FROM approvals WHERE subject = $1 ORDER BY requested_at",
            sid.to_string(),
            "read approvals",
            approval_row,
        )
        .await
    }

    async fn legal_demand(&self, lid: LegalDemandId) -> StoreResult<Option<LegalDemandRow>> {
        self.find(
            "SELECT l.*, l.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
             s.key_version AS k_version FROM legal_demands l LEFT JOIN subjects s ON s.id = l.subject \
             WHERE l.id = $1",
            lid.to_string(),
            "read legal demand",
            |row| legal_row(row, &self.keys),
        )
        .await
    }

    async fn legal_demands(&self) -> StoreResult<Vec<LegalDemandRow>> {
        self.list(
            "SELECT l.*, l.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
             s.key_version AS k_version FROM legal_demands l LEFT JOIN subjects s ON s.id = l.subject \
             ORDER BY l.received_at DESC",
            "read legal demands",
            |row| legal_row(row, &self.keys),
        )
        .await
    }

    async fn login_failures(&self, user: UserId) -> StoreResult<LoginFailures> {
        let row = sqlx::query::<D>(
            "SELECT failed_logins, last_failed_login_at, failed_at_last_signin FROM users WHERE id = $1",
        )
        .arg(user.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("read sign-in failures"))?;
        let Some(row) = row else {
            return Ok(LoginFailures::default());
        };
        Ok(LoginFailures {
            since_signin: get(&row, "failed_logins")?,
            last_at: ts_o(&row, "last_failed_login_at")?,
            before_this_signin: get(&row, "failed_at_last_signin")?,
        })
    }

    async fn user_totp(&self, user: UserId) -> StoreResult<Option<TotpRow>> {
        let row = sqlx::query::<D>(
            "SELECT totp_kek, totp_secret, totp_enabled_at, totp_last_step, \
             (SELECT COUNT(*) FROM recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) AS recovery_left \
             FROM users u WHERE id = $1",
        )
        .arg(user.to_string())
        .opt_in(&self.read)
        .await
        .map_err(backend("read second factor"))?;
        let Some(row) = row else { return Ok(None) };
        let kek: Option<i64> = get(&row, "totp_kek")?;
        let sealed: Option<Vec<u8>> = get(&row, "totp_secret")?;
        let (Some(kek), Some(sealed)) = (kek, sealed) else {
            return Ok(None);
        };
        let w = heart_crypto::keys::WrappedKey {
            kek_id: kek as u32,
            bytes: sealed,
        };
        let owner = user.to_string();
        let secret = match self.keys.get().open_secret("totp", &owner, &w) {
            Err(heart_crypto::keys::KeyError::UnknownKek(_)) => {
                self.keys.refresh().open_secret("totp", &owner, &w)
            }
            other => other,
        }
        .map_err(|e| StoreError::Backend(format!("a second-factor seed does not open: {e}")))?;
        Ok(Some(TotpRow {
            secret,
            enabled_at: ts_o(&row, "totp_enabled_at")?,
            last_step: get(&row, "totp_last_step")?,
            recovery_left: get(&row, "recovery_left")?,
        }))
    }

    async fn subject(&self, sid: SubjectId) -> StoreResult<Option<SubjectRow>> {
        self.find(
            "SELECT id, created_at, keep, erased_at, erase_reason FROM subjects WHERE id = $1",
            sid.to_string(),
            "read person",
            |row| {
                Ok(SubjectRow {
                    id: id(row, "id")?,
                    created_at: ts(row, "created_at")?,
                    keep: get(row, "keep")?,
                    erased_at: ts_o(row, "erased_at")?,
                    erase_reason: get(row, "erase_reason")?,
                })
            },
        )
        .await
    }

    async fn subject_for_phone(&self, phone: &str) -> StoreResult<Option<SubjectId>> {
        let index = seal::phone_index(&self.keys.get(), phone);
        if let Ok(map) = self.phones.lock()
            && let Some((s, at)) = map.get(&index)
            && at.elapsed() < PHONE_TTL
        {
            return Ok(Some(*s));
        }
        let row = sqlx::query::<D>(
            "SELECT r.subject FROM requests r JOIN subjects s ON s.id = r.subject \
             WHERE r.phone_index = $1 AND r.channel <> 'web' AND s.wrapped IS NOT NULL \
             ORDER BY r.created_at DESC LIMIT 1",
        )
        .arg(&index)
        .opt_in(&self.read)
        .await
        .map_err(backend("read person"))?;
        let s: Option<String> = match row {
            Some(r) => get(&r, "subject")?,
            None => None,
        };
        let found: Option<SubjectId> = s.and_then(|s| s.parse().ok());
        if let Some(f) = found
            && let Ok(mut map) = self.phones.lock()
        {
            if map.len() > 10_000 {
                map.clear();
            }
            map.insert(index, (f, std::time::Instant::now()));
        }
        Ok(found)
    }

    async fn subject_requests(&self, sid: SubjectId) -> StoreResult<Vec<RequestRow>> {
        self.find_all(
            concat!(
                request_select!(),
                " WHERE r.subject = $1 ORDER BY r.created_at"
            ),
            sid.to_string(),
            "read requests",
            |r| request_row(r, &self.keys),
        )
        .await
    }

    async fn retention_due(&self, before: Timestamp) -> StoreResult<Vec<SubjectId>> {
        let rows = sqlx::query::<D>(
            "SELECT s.id FROM subjects s WHERE s.wrapped IS NOT NULL AND NOT s.keep \
             AND s.created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.subject = s.id \
                 AND (r.updated_at >= $1 OR r.status NOT IN ('closed', 'cancelled'))) \
             AND NOT EXISTS (SELECT 1 FROM follow_ups f JOIN requests r ON r.id = f.request_id \
                 WHERE r.subject = s.id AND f.cancelled_at IS NULL AND (f.done_at IS NULL OR f.done_at >= $1)) \
             AND s.id NOT IN (SELECT subject FROM circles UNION SELECT subject FROM circle_people) \
             ORDER BY s.created_at",
        )
        .arg(us(before))
        .all_in(&self.read)
        .await
        .map_err(backend("read retention"))?;
        let ids: Vec<String> = all(rows, |r| get(r, "id"))?;
        Ok(ids.iter().filter_map(|s| s.parse().ok()).collect())
    }

    async fn node_keys(&self, since: Timestamp) -> StoreResult<Vec<NodeKeysRow>> {
        let rows = sqlx::query::<D>(
            "SELECT node, kek_ids, wraps, seen_at FROM node_keys WHERE seen_at >= $1 ORDER BY node",
        )
        .arg(us(since))
        .all_in(&self.read)
        .await
        .map_err(backend("read node keys"))?;
        all(rows, |r| {
            let ids: String = get(r, "kek_ids")?;
            Ok(NodeKeysRow {
                node: get(r, "node")?,
                kek_ids: ids
                    .split_whitespace()
                    .filter_map(|i| i.parse().ok())
                    .collect(),
                wraps: get::<i64>(r, "wraps")? as u32,
                seen_at: ts(r, "seen_at")?,
            })
        })
    }

    async fn current_kek(&self) -> StoreResult<Option<u32>> {
        let row = sqlx::query::<D>("SELECT kek_in_use FROM key_state WHERE id = 1")
            .opt_in(&self.read)
            .await
            .map_err(backend("read key state"))?;
        match row {
            Some(r) => Ok(Some(get::<i64>(&r, "kek_in_use")? as u32)),
            None => Ok(None),
        }
    }

    async fn rewrap_keys(&self, limit: i64) -> StoreResult<(u64, u64)> {
        // Its own connection and short transactions: the server keeps writing meanwhile.
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(backend("open the database"))?;
        let ring = self.keys.get();
        let current = i64::from(ring.current_kek());
        D::begin_write(&mut conn).await.map_err(backend("begin"))?;
        let rows = sqlx::query::<D>(
            "SELECT id, kek_id, wrapped FROM subjects WHERE wrapped IS NOT NULL AND kek_id != $1 LIMIT $2",
        )
        .arg(current)
        .arg(limit)
        .all(&mut conn)
        .await
        .map_err(backend("read data keys"))?;
        let mut done = 0;
        for row in &rows {
            let sid: String = get(row, "id")?;
            let kek: i64 = get(row, "kek_id")?;
            let wrapped: Vec<u8> = get(row, "wrapped")?;
            let w = heart_crypto::keys::WrappedKey {
                kek_id: kek as u32,
                bytes: wrapped,
            };
            let again = ring
                .rewrap(&sid, &w)
                .map_err(|e| StoreError::Backend(format!("a data key does not open: {e}")))?;
            sqlx::query::<D>(
                "UPDATE subjects SET kek_id = $1, wrapped = $2 WHERE id = $3 AND kek_id = $4",
            )
            .arg(i64::from(again.kek_id))
            .arg(again.bytes)
            .arg(&sid)
            .arg(kek)
            .exec(&mut conn)
            .await
            .map_err(backend("re-wrap data key"))?;
            done += 1;
        }
        // Secrets sealed under the KEK directly: second-factor seeds, partners' webhook secrets, held alerts.
        for (table, id_col, kek_col, secret_col, purpose) in SEALED_SECRETS {
            let sql = format!(
                "SELECT {id_col} AS id, {kek_col} AS kek, {secret_col} AS secret FROM {table} \
                 WHERE {secret_col} IS NOT NULL AND {kek_col} != $1 LIMIT $2"
            );
            let rows = sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                .arg(current)
                .arg(limit)
                .all(&mut conn)
                .await
                .map_err(backend("read sealed secrets"))?;
            for row in &rows {
                let owner: String = get(row, "id")?;
                let kek: i64 = get(row, "kek")?;
                let w = heart_crypto::keys::WrappedKey {
                    kek_id: kek as u32,
                    bytes: get(row, "secret")?,
                };
                let secret = ring.open_secret(purpose, &owner, &w).map_err(|e| {
                    StoreError::Backend(format!("a sealed {purpose} secret does not open: {e}"))
                })?;
                let again = ring.seal_secret(purpose, &owner, &secret);
                let sql = format!(
                    "UPDATE {table} SET {kek_col} = $1, {secret_col} = $2 WHERE {id_col} = $3 AND {kek_col} = $4"
                );
                sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                    .arg(i64::from(again.kek_id))
                    .arg(again.bytes)
                    .arg(&owner)
                    .arg(kek)
                    .exec(&mut conn)
                    .await
                    .map_err(backend("re-seal a secret"))?;
                done += 1;
            }
        }
        exec::<D>(&mut conn, "COMMIT")
            .await
            .map_err(backend("commit"))?;
        let sql = std::iter::once(
            "(SELECT COUNT(*) FROM subjects WHERE wrapped IS NOT NULL AND kek_id != $1)".to_string(),
        )
        .chain(SEALED_SECRETS.iter().map(|(table, _, kek_col, secret_col, _)| {
            format!("(SELECT COUNT(*) FROM {table} WHERE {secret_col} IS NOT NULL AND {kek_col} != $1)")
        }))
        .collect::<Vec<_>>()
        .join(" + ");
        let row = sqlx::query::<D>(sqlx::AssertSqlSafe(format!("SELECT {sql} AS n")))
            .arg(current)
            .opt(&mut conn)
            .await
            .map_err(backend("read data keys"))?;
        let left: i64 = match row {
            Some(r) => get(&r, "n")?,
            None => 0,
        };
        D::close(conn).await;
        Ok((done, left as u64))
    }

    async fn audit_recent(&self, limit: i64) -> StoreResult<Vec<AuditRow>> {
        self.find_all(
            "SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1",
            limit,
            "read audit",
            audit_row,
        )
        .await
    }

    async fn audit_verify(
        &self,
        against: Option<verify::Checkpoint>,
    ) -> StoreResult<verify::AuditReport> {
        let mut walk = verify::ChainWalk::new(self.keys.get().chain_key());
        let mut report = verify::AuditReport::default();
        let mut failure = None;
        {
            let mut each = |row: &D::Row| -> bool {
                let entry = match audit_row(row) {
                    Ok(e) => e,
                    Err(_) => {
                        report.problem = Some(verify::Problem {
                            seq: get(row, "seq").unwrap_or(walk.head().0 + 1),
                            message: "entry cannot be read (altered)".into(),
                        });
                        return false;
                    }
                };
                let hash: Option<String> = match get(row, "hash") {
                    Ok(h) => h,
                    Err(e) => {
                        failure = Some(e);
                        return false;
                    }
                };
                if let Err(p) = walk.push(&entry, hash.as_deref()) {
                    report.problem = Some(p);
                    return false;
                }
                true
            };
            let mut conn = self.read.acquire().await.map_err(backend("read audit"))?;
            D::conn_each(
                sqlx::query::<D>(
                    "SELECT seq, id, at, actor, action, record_kind, record_id, detail, hash FROM audit_log \
                     ORDER BY seq",
                ),
                &mut conn,
                &mut each,
            )
            .await
            .map_err(backend("read audit"))?;
        }
        if let Some(e) = failure {
            return Err(e);
        }
        let (head_seq, head_hash) = walk.head();
        report.entries = walk.entries;
        report.head_seq = head_seq;
        report.head_hash = head_hash;
        if report.problem.is_some() {
            return Ok(report);
        }
        let public_key = hex::encode(self.keys.get().verifying_key());
        let mut checkpoints = self.checkpoints().await?;
        report.checkpoints = checkpoints.len() as i64;
        if let Err(p) =
            verify::check_freshness(checkpoints.last(), head_seq, walk.first_at, walk.last_at)
        {
            report.problem = Some(p);
            return Ok(report);
        }
        checkpoints.extend(against);
        for cp in &checkpoints {
            let row = sqlx::query::<D>("SELECT hash FROM audit_log WHERE seq = $1")
                .arg(cp.seq)
                .opt_in(&self.read)
                .await
                .map_err(backend("read audit"))?;
            let hash_at: Option<String> = match row {
                Some(r) => get(&r, "hash")?,
                None => None,
            };
            if let Err(p) = verify::check_checkpoint(cp, &public_key, hash_at.as_deref(), head_seq)
            {
                report.problem = Some(p);
                break;
            }
        }
        Ok(report)
    }

    async fn audit_checkpoint(&self, at: Timestamp) -> StoreResult<verify::Checkpoint> {
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(backend("open the database"))?;
        D::begin_write(&mut conn).await.map_err(backend("begin"))?;
        let head = chain_head::<D>(&mut conn, self.keys.get().chain_key()).await?;
        let latest = self.checkpoints().await?.pop();
        let cp = match latest {
            Some(cp) if cp.seq == head.seq => cp,
            _ => {
                let ring = self.keys.get();
                let mut cp = verify::Checkpoint {
                    seq: head.seq,
                    hash: hex::encode(head.hash),
                    at,
                    public_key: hex::encode(ring.verifying_key()),
                    signature: String::new(),
                };
                cp.signature = hex::encode(ring.sign(&cp.message()));
                sqlx::query::<D>(
                    "INSERT INTO audit_checkpoints (seq, hash, at, public_key, signature) VALUES ($1,$2,$3,$4,$5) \
                     ON CONFLICT (seq) DO NOTHING",
                )
                .arg(cp.seq)
                .arg(&cp.hash)
                .arg(us(cp.at))
                .arg(&cp.public_key)
                .arg(&cp.signature)
                .exec(&mut conn)
                .await
                .map_err(backend("write checkpoint"))?;
                cp
            }
        };
        exec::<D>(&mut conn, "COMMIT")
            .await
            .map_err(backend("commit"))?;
        D::close(conn).await;
        Ok(cp)
    }

    async fn request_for_idempotency_key(
        &self,
        key: &str,
    ) -> StoreResult<Option<(RequestId, String)>> {
        let row =
            sqlx::query::<D>("SELECT request_id, fingerprint FROM idempotency_keys WHERE key = $1")
                .arg(key)
                .opt_in(&self.read)
                .await
                .map_err(backend("read idempotency key"))?;
        match row {
            Some(r) => Ok(Some((id(&r, "request_id")?, get(&r, "fingerprint")?))),
            None => Ok(None),
        }
    }

    async fn forget_idempotency_keys(&self, before: Timestamp) -> StoreResult<u64> {
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(backend("open the database"))?;
        let n = sqlx::query::<D>("DELETE FROM idempotency_keys WHERE created_at < $1")
            .arg(us(before))
            .exec(&mut conn)
            .await
            .map_err(backend("forget idempotency keys"))?;
        D::close(conn).await;
        Ok(n)
    }

    async fn db_health(&self) -> StoreResult<DbHealth> {
        let (role, lag, replicas) = D::role(&self.read)
            .await
            .map_err(backend("read the database role"))?;
        Ok(DbHealth {
            engine: D::ENGINE,
            role,
            replication_lag_bytes: lag,
            replicas,
            pool_size: self.read.size(),
            pool_idle: u32::try_from(self.read.num_idle()).unwrap_or(u32::MAX),
            write_queue: self.writer.max_capacity() - self.writer.capacity(),
            disk_full_since: match self.disk_full.load(std::sync::atomic::Ordering::Relaxed) {
                0 => None,
                at => Some(from_micros(at)),
            },
        })
    }

    fn money(&self) -> &dyn crate::money::MoneyStore {
        self
    }

    fn channels(&self) -> &dyn crate::channels::ChannelStore {
        self
    }

    fn sms(&self) -> &dyn crate::sms::SmsStore {
        self
    }

    fn notes(&self) -> &dyn crate::notes::NoteStore {
        self
    }

    fn history(&self) -> &dyn crate::history::HistoryStore {
        self
    }

    fn impact(&self) -> &dyn crate::impact::ImpactStore {
        self
    }

    fn doctor(&self) -> &dyn crate::doctor::DoctorStore {
        self
    }

    fn passkeys(&self) -> &dyn crate::passkeys::PasskeyStore {
        self
    }

    fn referrals(&self) -> &dyn crate::referrals::ReferralStore {
        self
    }

    fn directory(&self) -> &dyn crate::directory::DirectoryStore {
        self
    }

    fn rota(&self) -> &dyn crate::rota::RotaStore {
        self
    }

    fn push(&self) -> &dyn crate::push::PushStore {
        self
    }
    fn offline(&self) -> &dyn crate::offline::OfflineStore {
        self
    }
    fn outreach(&self) -> &dyn crate::outreach::OutreachStore {
        self
    }
    fn warmline(&self) -> &dyn crate::warmline::WarmlineStore {
        self
    }
    fn debriefs(&self) -> &dyn crate::debriefs::DebriefStore {
        self
    }
    fn trainings(&self) -> &dyn crate::trainings::TrainingStore {
        self
    }
    fn supplies(&self) -> &dyn crate::supplies::SupplyStore {
        self
    }
    fn circles(&self) -> &dyn crate::circles::CircleStore {
        self
    }
    async fn backup(&self, path: &std::path::Path) -> StoreResult<()> {
        D::backup(&self.opts(), &self.source, path).await
    }
}
