//! Accounts: adding people and partner organisations' people, and finishing an account's set-up.

use super::*;
use heart_store::AuthOp;

impl App {
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
        // A setup link works once, for a week.
        let week = jiff::SignedDuration::from_hours(24 * 7);
        if user
            .created_at
            .checked_add(week)
            .is_ok_and(|end| end < self.clock.now())
        {
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
