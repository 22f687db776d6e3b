//! API tokens: made for a system or for a person, with an end when they act for a person.

use super::*;
use heart_domain::text::Words;
use heart_store::AuthOp;

impl App {
    /// Creates an API token; the plain token is returned once and never stored. A token for a person ends after
    /// `PERSON_TOKEN_DAYS`; one for no person is kept until revoked.
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        caps: Capabilities,
        for_user: Option<&str>,
    ) -> AppResult<String> {
        self.create_token_expiring(actor, name, caps, for_user, None)
            .await
    }

    /// As `create_token`, ending after `days` (1 to 366; a token for a person ends after `PERSON_TOKEN_DAYS` when
    /// `None`).
    pub async fn create_token_expiring(
        &self,
        actor: &Actor,
        name: &str,
        caps: Capabilities,
        for_user: Option<&str>,
        days: Option<i64>,
    ) -> AppResult<String> {
        actor.require(&[Capability::Admin])?;
        if days.is_some_and(|d| !(1..=366).contains(&d)) {
            return Err(AppError::field("expires", "out_of_range"));
        }
        let user_id = match for_user {
            None => None,
            Some(u) => {
                let u = self
                    .store
                    .user_by_username(u.trim())
                    .await?
                    .filter(|u| u.active)
                    .ok_or_else(|| AppError::field("user", "not_found"))?;
                if caps.iter().any(|c| !u.capabilities.has(c)) {
                    return Err(AppError::field("capabilities", "more_than_the_person"));
                }
                Some(u.id)
            }
        };
        // A partner's token acts for its organisation, so it is made for a person who holds `partner`.
        if caps.has(Capability::Partner) && user_id.is_none() {
            return Err(AppError::field("user", "required"));
        }
        let name = Words::up_to(100)
            .required()
            .parse(Some(name))
            .map_err(|code| AppError::field("name", code))?
            .unwrap_or_default();
        let name = name.as_str();
        let token = new_api_token();
        let now = self.clock.now();
        let id = TokenId::new();
        let days = match (days, user_id) {
            (Some(d), _) => Some(d),
            (None, Some(_)) => Some(PERSON_TOKEN_DAYS),
            (None, None) => None,
        };
        let expires_at = days.map(|d| now + jiff::SignedDuration::from_hours(24 * d));
        let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::InsertToken(TokenRow {
            id,
            name: name.to_string(),
            user_id,
            token_hash: sha256_hex(&token),
            capabilities: caps,
            created_at: now,
            revoked_at: None,
            expires_at,
        })));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "token.create",
            "token",
            &id.to_string(),
            &caps.to_list(),
        ));
        self.store.apply(cs).await?;
        Ok(token)
    }
}
