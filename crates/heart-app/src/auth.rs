//! Accounts, sessions, API tokens and login throttling.

use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_crypto::{
    constant_time_eq, dummy_verify, new_api_token, random_token, sha256_hex, verify_password,
};
use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{TeamId, TokenId, UserId};
use heart_store::{ChangeSet, Op, SessionRow, TokenRow, UserRow};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per account within `WINDOW` before it is locked for `LOCKOUT`.
const MAX_FAILURES: u32 = 5;
const WINDOW: Duration = Duration::from_secs(15 * 60);
const LOCKOUT: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginThrottle {
    by_account: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    /// Counts an attempt before the password is checked, so concurrent guesses cannot slip past the limit.
    /// Refuses (with seconds to wait) once the account has used its attempts.
    fn begin_attempt(&self, account: &str) -> Result<(), u64> {
        let mut map = self.by_account.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW.max(LOCKOUT));
        }
        let e = map
            .entry(account.to_string())
            .or_insert((0, Instant::now()));
        if e.0 >= MAX_FAILURES {
            match LOCKOUT.checked_sub(e.1.elapsed()) {
                Some(left) => return Err(left.as_secs().max(1)),
                None => *e = (0, Instant::now()),
            }
        } else if e.1.elapsed() > WINDOW {
            *e = (0, Instant::now());
        }
        e.0 += 1;
        if e.0 >= MAX_FAILURES {
            e.1 = Instant::now();
        }
        Ok(())
    }

    fn succeed(&self, account: &str) {
        if let Ok(mut map) = self.by_account.lock() {
            map.remove(account);
        }
    }
}

/// How long a token lookup is trusted. A token created or revoked from the command line while the server runs takes
/// effect within this time.
const TOKEN_TTL: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct TokenCache {
    by_hash: Mutex<HashMap<String, (Option<Actor>, Instant)>>,
}

impl TokenCache {
    fn get(&self, hash: &str) -> Option<Option<Actor>> {
        let map = self.by_hash.lock().ok()?;
        let (actor, at) = map.get(hash)?;
        (at.elapsed() < TOKEN_TTL).then(|| actor.clone())
    }
    fn put(&self, hash: String, actor: Option<Actor>) {
        if let Ok(mut map) = self.by_hash.lock() {
            if map.len() > 10_000 {
                map.retain(|_, (_, at)| at.elapsed() < TOKEN_TTL);
                if map.len() > 10_000 {
                    map.clear();
                }
            }
            map.insert(hash, (actor, Instant::now()));
        }
    }
}

/// A new signed-in session: the cookie value (only ever given to the browser) and its CSRF token.
#[derive(Debug)]
pub struct NewSession {
    pub cookie: String,
    pub csrf: String,
}

/// A username: 2-64 of a-z, 0-9, '.', '-', '_'.
pub fn parse_username(s: &str) -> Option<String> {
    let s = s.trim().to_lowercase();
    let ok = (2..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c));
    ok.then_some(s)
}

/// Passwords: at least 10 characters, at most 1,000 (NIST 800-63B: length, not composition rules).
pub fn check_password(p: &str) -> Result<(), &'static str> {
    let n = p.chars().count();
    if n < 10 {
        Err("too_short")
    } else if n > 1_000 {
        Err("too_long")
    } else {
        Ok(())
    }
}

fn actor_for_user(u: &UserRow) -> Actor {
    Actor {
        kind: ActorKind::User(u.id),
        caps: u.capabilities,
        team: u.team_id,
        name: u.display_name.clone(),
    }
}

impl App {
    /// argon2id off the async workers (it takes tens of milliseconds of CPU and 19 MiB).
    async fn hash_password(&self, password: &str) -> AppResult<String> {
        let _permit = self
            .argon2_slots
            .acquire()
            .await
            .map_err(|_| AppError::Unauthenticated)?;
        let policy = self.config.password_policy;
        let password = password.to_string();
        let failed = || AppError::Store(heart_store::StoreError::Backend("hashing".into()));
        tokio::task::spawn_blocking(move || policy.hash(&password))
            .await
            .map_err(|_| failed())?
            .map_err(|_| failed())
    }

    pub async fn login(&self, username: &str, password: &str) -> AppResult<NewSession> {
        // A name that cannot be a username is refused before any work (and never enters the throttle's map).
        let Some(account) = parse_username(username) else {
            return Err(AppError::Unauthenticated);
        };
        let user = self.store.user_by_username(&account).await?;
        // Only real accounts are counted, so the throttle holds at most one entry per account.
        if user.is_some()
            && let Err(secs) = self.throttle.begin_attempt(&account)
        {
            return Err(AppError::Throttled {
                retry_after_secs: secs,
            });
        }
        // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
        let hash = user
            .as_ref()
            .filter(|u| u.active)
            .and_then(|u| u.password_hash.clone());
        let policy = self.config.password_policy;
        let attempt = password.to_string();
        let _permit = self
            .argon2_slots
            .acquire()
            .await
            .map_err(|_| AppError::Unauthenticated)?;
        let ok = tokio::task::spawn_blocking(move || match hash {
            Some(h) => verify_password(&attempt, &h),
            None => {
                dummy_verify(&policy, &attempt);
                false
            }
        })
        .await
        .unwrap_or(false);
        let Some(user) = user.filter(|_| ok) else {
            return Err(AppError::Unauthenticated);
        };
        self.throttle.succeed(&account);
        let now = self.clock.now();
        let cookie = random_token(32);
        let csrf = random_token(32);
        let expires_at = now
            .checked_add(jiff::SignedDuration::from_hours(self.config.session_hours))
            .unwrap_or(now);
        let mut cs = ChangeSet::new();
        cs.push(Op::InsertSession(heart_store::SessionRow {
            id_hash: sha256_hex(&cookie),
            user_id: user.id,
            csrf: csrf.clone(),
            created_at: now,
            expires_at,
        }));
        cs.audit(AuditEntry::new(
            now,
            &format!("user:{}", user.id),
            "session.create",
            "user",
            &user.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(NewSession { cookie, csrf })
    }

    pub async fn logout(&self, cookie: &str) -> AppResult<()> {
        let hash = sha256_hex(cookie);
        if let Some(s) = self.store.session(&hash).await? {
            let mut cs = ChangeSet::new().op(Op::DeleteSession(hash));
            cs.audit(AuditEntry::new(
                self.clock.now(),
                &format!("user:{}", s.user_id),
                "session.end",
                "user",
                &s.user_id.to_string(),
                "",
            ));
            self.store.apply(cs).await?;
        }
        Ok(())
    }

    /// The actor and CSRF token of a session cookie, if it is valid and the account active.
    pub async fn session_actor(&self, cookie: &str) -> AppResult<Option<(Actor, SessionRow)>> {
        let Some(session) = self.store.session(&sha256_hex(cookie)).await? else {
            return Ok(None);
        };
        if session.expires_at <= self.clock.now() {
            return Ok(None);
        }
        let Some(user) = self.store.user(session.user_id).await? else {
            return Ok(None);
        };
        if !user.active {
            return Ok(None);
        }
        Ok(Some((actor_for_user(&user), session)))
    }

    /// Whether a submitted CSRF token matches the session's.
    pub fn csrf_ok(session: &SessionRow, submitted: &str) -> bool {
        constant_time_eq(&session.csrf, submitted)
    }

    /// The actor of an API bearer token.
    pub async fn token_actor(&self, token: &str) -> AppResult<Option<Actor>> {
        let hash = sha256_hex(token.trim());
        if let Some(cached) = self.tokens.get(&hash) {
            return Ok(cached);
        }
        let actor = match self.store.token_by_hash(&hash).await? {
            Some(t) if t.revoked_at.is_none() => Some(Actor {
                kind: ActorKind::Token(t.id),
                caps: t.capabilities,
                team: None,
                name: t.name,
            }),
            _ => None,
        };
        self.tokens.put(hash, actor.clone());
        Ok(actor)
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
        actor.require(&[Capability::Admin])?;
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
        let mut cs = ChangeSet::new().op(Op::InsertUser(UserRow {
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
            active: true,
            setup_token_hash: setup.as_deref().map(sha256_hex),
            created_at: now,
        }));
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
        cs.push(Op::SetPasswordBySetup {
            setup_token_hash: user.setup_token_hash.take().unwrap_or_default(),
            password_hash,
        });
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

    /// Creates an API token; the plain token is returned once and never stored.
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        caps: Capabilities,
    ) -> AppResult<String> {
        actor.require(&[Capability::Admin])?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::field(
                "name",
                if name.is_empty() {
                    "required"
                } else {
                    "too_long"
                },
            ));
        }
        let token = new_api_token();
        let now = self.clock.now();
        let id = TokenId::new();
        let mut cs = ChangeSet::new().op(Op::InsertToken(TokenRow {
            id,
            name: name.to_string(),
            token_hash: sha256_hex(&token),
            capabilities: caps,
            created_at: now,
            revoked_at: None,
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_locks_after_five_failures_and_resets_on_success() {
        let t = LoginThrottle::default();
        for _ in 0..5 {
            assert!(t.begin_attempt("sam").is_ok());
        }
        assert!(
            t.begin_attempt("sam").is_err(),
            "the sixth attempt is refused"
        );
        assert!(t.begin_attempt("alex").is_ok(), "per account");
        t.succeed("sam");
        assert!(t.begin_attempt("sam").is_ok());
    }

    #[test]
    fn usernames_and_passwords() {
        assert_eq!(parse_username(" Sam.R ").as_deref(), Some("sam.r"));
        assert!(parse_username("a").is_none());
        assert!(parse_username("no spaces").is_none());
        assert_eq!(check_password("short"), Err("too_short"));
        assert!(check_password("long enough pass").is_ok());
    }
}
