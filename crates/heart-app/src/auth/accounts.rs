//! Accounts: adding people and partner organisations' people, and finishing an account's set-up.

use super::*;
use heart_store::AuthOp;

impl App {
    /// Disables an account at once: one admin is enough, so that removing access is fast. Its sessions end, and
    /// its tokens stop on their next request (on this node at once, on every other within a second). Not one's
    /// own account.
    pub async fn disable_account(&self, actor: &Actor, user: UserId) -> AppResult<()> {
        actor.require(&[Capability::Admin])?;
        if actor.kind == ActorKind::User(user) {
            return Err(AppError::conflict(
                "own-account",
                "another admin disables your own account",
            ));
        }
        let mut u = self.store.user(user).await?.ok_or(AppError::NotFound)?;
        if !u.active {
            return Err(AppError::conflict(
                "account-disabled",
                "this account is already disabled",
            ));
        }
        u.active = false;
        let now = self.clock.now();
        let mut cs = ChangeSet::new()
            .op(Op::Auth(AuthOp::UpdateUser(u)))
            .op(Op::Auth(AuthOp::DeleteUserSessions(user)));
        // The number they gave for alerts by text is shredded with the account's end.
        cs.ops.extend(self.forget_alert_number(user, now).await?);
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "user.disable",
            "user",
            &user.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.tokens.clear();
        Ok(())
    }

    /// An admin's password reset for someone else's account: their password stops working and their sessions end
    /// at once; the returned one-time token makes a link (`/setup/{token}`) that works once, for 24 hours. Their
    /// second factor stays: they sign in with the new password and it, as before. Not for a disabled account
    /// (enable it first), nor one's own (change it on the account page).
    pub async fn reset_password_link(&self, actor: &Actor, user: UserId) -> AppResult<String> {
        actor.require(&[Capability::Admin])?;
        if actor.kind == ActorKind::User(user) {
            return Err(AppError::conflict(
                "own-account",
                "another admin resets your own password; change it on your account page",
            ));
        }
        let mut u = self.store.user(user).await?.ok_or(AppError::NotFound)?;
        if !u.active {
            return Err(AppError::conflict(
                "account-disabled",
                "this account is disabled",
            ));
        }
        let now = self.clock.now();
        let token = random_token(32);
        u.password_hash = None;
        u.setup_token_hash = Some(sha256_hex(&token));
        u.setup_until = Some(now + jiff::SignedDuration::from_hours(24));
        let mut cs = ChangeSet::new()
            .op(Op::Auth(AuthOp::UpdateUser(u)))
            .op(Op::Auth(AuthOp::DeleteUserSessions(user)));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "user.reset_password",
            "user",
            &user.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(token)
    }

    /// Asks to let a disabled account sign in again: a second admin approves (with their second factor again).
    pub async fn ask_enable_account(
        &self,
        actor: &Actor,
        user: UserId,
    ) -> AppResult<heart_domain::ids::ApprovalId> {
        actor.require(&[Capability::Admin])?;
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Err(AppError::Unauthenticated);
        }
        let u = self.store.user(user).await?.ok_or(AppError::NotFound)?;
        if u.active {
            return Err(AppError::conflict(
                "account-active",
                "this account is not disabled",
            ));
        }
        self.insert_approval(
            actor,
            heart_domain::access::ApprovalKind::Enable,
            None,
            None,
            Some(user),
            None,
            "account_enable",
        )
        .await
    }

    /// Changes one's own password: the current one is needed, the new one follows the password rules and is typed
    /// twice; every other session of the account ends (the one that changed it, `cookie`, stays).
    pub async fn change_password(
        &self,
        actor: &Actor,
        cookie: &str,
        current: &str,
        new: &str,
        again: &str,
    ) -> AppResult<()> {
        let ActorKind::User(uid) = actor.kind else {
            return Err(AppError::Unauthenticated);
        };
        let mut user = self
            .store
            .user(uid)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let mut e = heart_domain::intake::FieldErrors::default();
        if let Err(code) = check_password(new) {
            e.add("new_password", code);
        } else if new != again {
            e.add("new_password_again", "mismatch");
        }
        let hash = user.password_hash.clone();
        let attempt = current.to_string();
        let right = {
            let _permit = self
                .argon2_slots
                .acquire()
                .await
                .map_err(|_| AppError::Unauthenticated)?;
            tokio::task::spawn_blocking(move || {
                hash.is_some_and(|h| heart_crypto::verify_password(&attempt, &h))
            })
            .await
            .unwrap_or(false)
        };
        if !right {
            e.add("current_password", "password_wrong");
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        user.password_hash = Some(self.hash_password(new).await?);
        let now = self.clock.now();
        let mut cs = ChangeSet::new()
            .op(Op::Auth(AuthOp::UpdateUser(user)))
            .op(Op::Auth(AuthOp::DeleteOtherSessions {
                user: uid,
                keep: sha256_hex(cookie),
            }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "user.change_password",
            "user",
            &uid.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Adds an account from the accounts page: it starts with no capabilities, and what it should be able to do
    /// is asked for at once, for a second admin to approve (the two-person rule, as for any change). Returns the
    /// account, its one-time setup token, and the ask, if any.
    pub async fn add_account(
        &self,
        actor: &Actor,
        username: &str,
        display_name: Option<&str>,
        caps: Capabilities,
    ) -> AppResult<(
        UserId,
        Option<String>,
        Option<heart_domain::ids::ApprovalId>,
    )> {
        actor.require(&[Capability::Admin])?;
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Err(AppError::Unauthenticated);
        }
        if caps.has(Capability::Partner) || caps.has(Capability::Submit) {
            return Err(AppError::field("capabilities", "not_allowed"));
        }
        let (id, setup) = self
            .insert_user(
                actor,
                username,
                display_name,
                Capabilities::empty(),
                None,
                None,
                None,
            )
            .await
            .map_err(|e| match e {
                AppError::Duplicate(_) => AppError::field("username", "taken"),
                e => e,
            })?;
        let ask = if caps.iter().next().is_some() {
            Some(self.ask_capabilities(actor, id, caps).await?)
        } else {
            None
        };
        Ok((id, setup, ask))
    }

    /// Adds an account. With no password, returns a one-time setup token for a link.
    pub async fn add_user(
        &self,
        actor: &Actor,
        username: &str,
        display_name: Option<&str>,
        caps: Capabilities,
        team: Option<TeamId>,
        password: Option<&str>,
    ) -> AppResult<(UserId, Option<String>)> {
        self.insert_user(actor, username, display_name, caps, team, None, password)
            .await
    }

    /// Adds an account for someone at a partner organisation: it holds `partner` alone and acts only for
    /// `organization_id`, which must be an organization in the directory.
    pub async fn add_partner_user(
        &self,
        actor: &Actor,
        username: &str,
        display_name: Option<&str>,
        organization_id: &str,
        password: Option<&str>,
    ) -> AppResult<(UserId, Option<String>)> {
        actor.require(&[Capability::Admin])?;
        let org = organization_id.trim();
        let dir = self.directory().await?;
        if dir.dir.get(heart_hsds::Kind::Organization, org).is_none() {
            return Err(AppError::field("organization", "unknown"));
        }
        self.insert_user(
            actor,
            username,
            display_name,
            Capabilities::of(&[Capability::Partner]),
            None,
            Some(org.to_string()),
            password,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) async fn insert_user(
        &self,
        actor: &Actor,
        username: &str,
        display_name: Option<&str>,
        caps: Capabilities,
        team: Option<TeamId>,
        organization: Option<String>,
        password: Option<&str>,
    ) -> AppResult<(UserId, Option<String>)> {
        actor.require(&[Capability::Admin])?;
        partner_rule(caps, organization.as_deref())?;
        let username =
            parse_username(username).ok_or_else(|| AppError::field("username", "invalid"))?;
        if let Some(p) = password {
            check_password(p).map_err(|code| AppError::field("password", code))?;
        }
        if let Some(t) = team
            && self.store.team(t).await?.is_none()
        {
            return Err(AppError::field("team", "unknown"));
        }
        let now = self.clock.now();
        let setup = password.is_none().then(|| random_token(32));
        let password_hash = match password {
            Some(p) => Some(self.hash_password(p).await?),
            None => None,
        };
        let id = UserId::new();
        let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::InsertUser(UserRow {
            id,
            username: username.clone(),
            display_name: display_name
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(&username)
                .to_string(),
            password_hash,
            capabilities: caps,
            team_id: team,
            organization_id: organization,
            active: true,
            setup_token_hash: setup.as_deref().map(sha256_hex),
            setup_until: None,
            created_at: now,
        })));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "user.create",
            "user",
            &id.to_string(),
            &caps.to_list(),
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            heart_store::StoreError::Duplicate(_) => AppError::field("username", "taken"),
            other => other.into(),
        })?;
        Ok((id, setup))
    }

    /// Sets the password through a one-time setup link.
    pub async fn complete_setup(&self, setup_token: &str, password: &str) -> AppResult<()> {
        check_password(password).map_err(|code| AppError::field("password", code))?;
        let Some(mut user) = self
            .store
            .user_by_setup_token(&sha256_hex(setup_token))
            .await?
        else {
            return Err(AppError::NotFound);
        };
        // A setup link works once, for a week; a reset link, once, for 24 hours.
        let week = jiff::SignedDuration::from_hours(24 * 7);
        let end = match user.setup_until {
            Some(until) => Some(until),
            None => user.created_at.checked_add(week).ok(),
        };
        if end.is_some_and(|end| end < self.clock.now()) {
            return Err(AppError::NotFound);
        }
        let password_hash = self.hash_password(password).await?;
        let mut cs = ChangeSet::new();
        let uid = user.id;
        cs.push(Op::Auth(AuthOp::SetPasswordBySetup {
            setup_token_hash: user.setup_token_hash.take().unwrap_or_default(),
            password_hash,
        }));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &format!("user:{uid}"),
            "user.set_password",
            "user",
            &uid.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }
}
