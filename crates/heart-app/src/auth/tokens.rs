//! API tokens: made for a system or for a person, with an end when they act for a person; listed (never the token
//! itself), revoked at once, and looked up for each API request.

use super::*;
use heart_domain::text::Words;
use heart_store::{AuthOp, TokenOp};

/// How long a token lookup is trusted. A token revoked on another node, or from the command line while the server
/// runs, stops within this time (on the node that revoked it, at once): half a second, so that "within a second"
/// holds with room for the request itself on a busy machine.
const TOKEN_TTL: Duration = Duration::from_millis(500);

/// A token made for a person ends after this many days unless another number is chosen.
pub const PERSON_TOKEN_DAYS: i64 = 90;

#[derive(Default)]
pub struct TokenCache {
    /// The actor, when it was read, and when the token ends.
    by_hash: Mutex<HashMap<String, CachedToken>>,
}

type CachedToken = (Option<Actor>, Instant, Option<Timestamp>);

impl TokenCache {
    fn get(&self, hash: &str, now: Timestamp) -> Option<Option<Actor>> {
        let map = self.by_hash.lock().ok()?;
        let (actor, at, ends) = map.get(hash)?;
        if ends.is_some_and(|e| e <= now) {
            return Some(None);
        }
        (at.elapsed() < TOKEN_TTL).then(|| actor.clone())
    }
    fn put(&self, hash: String, actor: Option<Actor>, ends: Option<Timestamp>) {
        if let Ok(mut map) = self.by_hash.lock() {
            if map.len() > 10_000 {
                map.retain(|_, (_, at, _)| at.elapsed() < TOKEN_TTL);
                if map.len() > 10_000 {
                    map.clear();
                }
            }
            map.insert(hash, (actor, Instant::now(), ends));
        }
    }
    /// Forgets every lookup (a token revoked, an account disabled): the next request reads the store.
    pub(crate) fn clear(&self) {
        if let Ok(mut map) = self.by_hash.lock() {
            map.clear();
        }
    }
}

crate::view! {
    /// An API token as an admin sees it: never the token itself (only its hash is kept).
    ApiToken from heart_store::TokenRow {
        id: heart_domain::ids::TokenId,
        name: String,
        /// The person it acts for, if any.
        user_id: Option<heart_domain::ids::UserId>,
        capabilities: heart_domain::access::Capabilities,
        created_at: heart_domain::time::Timestamp,
        revoked_at: Option<heart_domain::time::Timestamp>,
        expires_at: Option<heart_domain::time::Timestamp>,
        last_used_at: Option<heart_domain::time::Timestamp>,
    }
}

impl ApiToken {
    /// Still working at `now`: not revoked, not past its end.
    pub fn works(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| e > now)
    }
}

impl App {
    /// Every API token, oldest first (admin).
    pub async fn tokens(&self, actor: &Actor) -> AppResult<Vec<ApiToken>> {
        actor.require(&[Capability::Admin])?;
        Ok(self
            .store
            .tokens()
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Ends a token at once (admin): its next request is refused, on this node at once and on every other within
    /// a second. An unknown id is not found; a token already ended, a conflict.
    pub async fn revoke_token(&self, actor: &Actor, id: TokenId) -> AppResult<()> {
        actor.require(&[Capability::Admin])?;
        let t = self
            .store
            .tokens()
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(AppError::NotFound)?;
        if t.revoked_at.is_some() {
            return Err(AppError::conflict(
                "token-revoked",
                "this token was already revoked",
            ));
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::Token(TokenOp::Revoke { id, at: now })));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "token.revoke",
            "token",
            &id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.tokens.clear();
        Ok(())
    }

    /// The actor of an API bearer token (none once revoked or past its end).
    pub async fn token_actor(&self, token: &str) -> AppResult<Option<Actor>> {
        let hash = sha256_hex(token.trim());
        let now = self.clock.now();
        if let Some(cached) = self.tokens.get(&hash, now) {
            return Ok(cached);
        }
        let row = self.store.token_by_hash(&hash).await?;
        let ends = row.as_ref().and_then(|t| t.expires_at);
        // When it was last used, noted at most once a minute (a lookup is cached meanwhile).
        if let Some(t) = row.as_ref().filter(|t| {
            t.revoked_at.is_none()
                && t.last_used_at
                    .is_none_or(|u| now - u > jiff::SignedDuration::from_mins(1))
        }) {
            let cs = ChangeSet::new().op(Op::Auth(AuthOp::Token(TokenOp::Touch {
                id: t.id,
                at: now,
            })));
            if let Err(e) = self.store.apply(cs).await {
                tracing::warn!(error = %e, "could not note token use");
            }
        }
        let actor = match row {
            Some(t) if t.revoked_at.is_none() && t.expires_at.is_none_or(|e| e > now) => {
                match t.user_id {
                    None => Some(Actor {
                        kind: ActorKind::Token(t.id),
                        caps: t.capabilities,
                        team: None,
                        organization: None,
                        name: t.name,
                    }),
                    // A person's token acts as that person, with no more than they may do now.
                    Some(uid) => match self.store.user(uid).await? {
                        Some(u) if u.active => Some(Actor {
                            kind: ActorKind::User(u.id),
                            caps: Capabilities::of(
                                &t.capabilities
                                    .iter()
                                    .filter(|c| u.capabilities.has(*c))
                                    .collect::<Vec<_>>(),
                            ),
                            team: u.team_id,
                            organization: u.organization_id,
                            name: u.display_name,
                        }),
                        _ => None,
                    },
                }
            }
            _ => None,
        };
        self.tokens.put(hash, actor.clone(), ends);
        Ok(actor)
    }

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
        if days.is_some_and(|d| !(1..=366).contains(&d)) {
            return Err(AppError::field("expires", "out_of_range"));
        }
        let now = self.clock.now();
        let ends = days.map(|d| now + jiff::SignedDuration::from_hours(24 * d));
        self.make_token(actor, name, caps, for_user, ends).await
    }

    /// As `create_token`, working through `last_day` (in the team's time zone): it ends at that day's midnight.
    /// The day must be from today to a year ahead.
    pub async fn create_token_until(
        &self,
        actor: &Actor,
        name: &str,
        caps: Capabilities,
        for_user: Option<&str>,
        last_day: jiff::civil::Date,
    ) -> AppResult<String> {
        let now = self.clock.now();
        let ends = last_day
            .tomorrow()
            .ok()
            .and_then(|d| self.config.local_moment(d, jiff::civil::Time::midnight()))
            .filter(|e| *e > now && *e <= now + jiff::SignedDuration::from_hours(24 * 367))
            .ok_or_else(|| AppError::field("expires", "out_of_range"))?;
        self.make_token(actor, name, caps, for_user, Some(ends))
            .await
    }

    async fn make_token(
        &self,
        actor: &Actor,
        name: &str,
        caps: Capabilities,
        for_user: Option<&str>,
        ends: Option<Timestamp>,
    ) -> AppResult<String> {
        actor.require(&[Capability::Admin])?;
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
        let expires_at = match (ends, user_id) {
            (Some(e), _) => Some(e),
            (None, Some(_)) => Some(now + jiff::SignedDuration::from_hours(24 * PERSON_TOKEN_DAYS)),
            (None, None) => None,
        };
        let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::Token(TokenOp::Insert(TokenRow {
            id,
            name: name.to_string(),
            user_id,
            token_hash: sha256_hex(&token),
            capabilities: caps,
            created_at: now,
            revoked_at: None,
            expires_at,
            last_used_at: None,
        }))));
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
