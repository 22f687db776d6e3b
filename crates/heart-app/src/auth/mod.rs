//! Accounts, sessions, API tokens and login throttling.

use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_crypto::totp;
use heart_crypto::{
    constant_time_eq, dummy_verify, new_api_token, random_token, sha256_hex, verify_password,
};
use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{TeamId, TokenId, UserId};
use heart_domain::time::Timestamp;
use heart_store::{AuthOp, SecondFactorOp};
use heart_store::{ChangeSet, Op, SessionStage, StoreError, TokenRow, UserRow};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

crate::view! {
    /// Wrong passwords given for an account: what its holder is told.
    LoginFailures from heart_store::LoginFailures {
        /// Wrong passwords since the last sign-in.
        since_signin: i64,
        last_at: Option<Timestamp>,
        /// Wrong passwords there had been when the holder last signed in (what they are told).
        before_this_signin: i64,
    }
}

crate::view! {
    /// A signed-in session (never the hash of its cookie).
    Session from heart_store::SessionRow {
        user_id: heart_domain::ids::UserId,
        csrf: String,
        created_at: heart_domain::time::Timestamp,
        expires_at: heart_domain::time::Timestamp,
        /// For idle expiry (updated at most once a minute).
        last_seen_at: heart_domain::time::Timestamp,
        stage: heart_domain::access::SessionStage,
    }
}

crate::view! {
    /// An account, without its password hash or setup token.
    Account from heart_store::UserRow {
        id: heart_domain::ids::UserId,
        username: String,
        display_name: String,
        capabilities: heart_domain::access::Capabilities,
        team_id: Option<heart_domain::ids::TeamId>,
        /// A partner's account: the directory organization (HSDS id) it acts for.
        organization_id: Option<String>,
        active: bool,
        created_at: heart_domain::time::Timestamp,
    }
}

crate::view! {
    /// Whether an account's second factor is set up, and its recovery codes left (never the secret).
    SecondFactor from heart_store::TotpRow {
        /// `None` while set up but not yet confirmed with a first code.
        enabled_at: Option<heart_domain::time::Timestamp>,
        /// Recovery codes not used yet.
        recovery_left: i64,
    }
}

/// Sign-in attempts are slowed, never locked (OWASP ASVS 2.2.1): an outsider must not be able to keep someone
/// signed out through a shift by typing wrong passwords. Attempts are counted per account *and* address: the first
/// `FREE_ATTEMPTS` in `WINDOW` go at once, each one after waits twice as long as the one before (2 s, 4 s, ... at most
/// `MAX_DELAY`). The right password from an address with no recent failures always goes through. Across addresses, an
/// account under many failures is slowed a little on every attempt (`ACCOUNT_SLOWDOWN`), never refused. (The web
/// layer also limits each address across accounts.)
const FREE_ATTEMPTS: u32 = 5;
const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_DELAY: Duration = Duration::from_secs(5 * 60);
/// Failures of one account (from every address) within `WINDOW` after which each attempt takes a second longer.
const ACCOUNT_PRESSURE: u32 = 20;
const ACCOUNT_SLOWDOWN: Duration = Duration::from_secs(1);

/// An account, and the address an attempt came from (none for second-factor codes).
type AccountAt = (String, Option<std::net::IpAddr>);

#[derive(Default)]
pub struct LoginThrottle {
    /// (account, address): attempts not yet followed by a success, and when the last one began.
    by_pair: Mutex<HashMap<AccountAt, (u32, Instant)>>,
    /// account: failures from every address, and when counting began.
    by_account: Mutex<HashMap<String, (u32, Instant)>>,
}

/// How long the attempt after `n` attempts must wait after the last one.
fn delay_after(n: u32) -> Duration {
    if n < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doubled = 1u64 << (n - FREE_ATTEMPTS + 1).min(16);
    Duration::from_secs(doubled).min(MAX_DELAY)
}

impl LoginThrottle {
    /// Counts an attempt before the password is checked, so concurrent guesses cannot slip past the delays.
    /// Refuses (with seconds to wait) an attempt that comes before its delay is over.
    fn begin_attempt_from(&self, account: &str, from: Option<std::net::IpAddr>) -> Result<(), u64> {
        let mut map = self.by_pair.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, last)| last.elapsed() < WINDOW);
        }
        let e = map
            .entry((account.to_string(), from))
            .or_insert((0, Instant::now()));
        if e.1.elapsed() > WINDOW {
            *e = (0, Instant::now());
        }
        let wait = delay_after(e.0);
        if e.0 > 0
            && let Some(left) = wait.checked_sub(e.1.elapsed())
            && !left.is_zero()
        {
            return Err(left.as_secs().max(1));
        }
        e.0 += 1;
        e.1 = Instant::now();
        Ok(())
    }

    /// As `begin_attempt_from`, for attempts that come from no known address (second-factor codes, which only
    /// someone who gave the right password can try).
    fn begin_attempt(&self, account: &str) -> Result<(), u64> {
        self.begin_attempt_from(account, None)
    }

    /// Notes a failure of the account from any address; returns how long to slow this attempt.
    fn failed(&self, account: &str) -> Duration {
        let mut map = self.by_account.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        let e = map
            .entry(account.to_string())
            .or_insert((0, Instant::now()));
        if e.1.elapsed() > WINDOW {
            *e = (0, Instant::now());
        }
        e.0 += 1;
        if e.0 > ACCOUNT_PRESSURE {
            ACCOUNT_SLOWDOWN
        } else {
            Duration::ZERO
        }
    }

    fn succeed_from(&self, account: &str, from: Option<std::net::IpAddr>) {
        if let Ok(mut map) = self.by_pair.lock() {
            map.remove(&(account.to_string(), from));
        }
    }

    fn succeed(&self, account: &str) {
        self.succeed_from(account, None);
    }
}

/// A new signed-in session: the cookie value (only ever given to the browser) and its CSRF token.
#[derive(Debug)]
pub struct NewSession {
    pub cookie: String,
    pub csrf: String,
    /// Whether a second factor (or setting one up) comes next.
    pub stage: SessionStage,
    /// Failed sign-ins since this person last signed in (told to them now), once fully signed in.
    pub failed_before: i64,
}

/// A sign-in that has given its password but not yet its second factor: it can only finish signing in.
#[derive(Clone, Debug)]
pub struct PendingSignIn {
    pub user: Account,
    pub session: Session,
    /// The session's key (the hash of its cookie), to end it when the sign-in finishes.
    id_hash: String,
}

/// A second factor being set up: what the authenticator app needs.
#[derive(Clone, Debug)]
pub struct Enrolment {
    pub otpauth_url: String,
    pub manual_key: String,
}

/// How long a half-finished sign-in (password given, code not yet) lasts.
const PENDING_MINUTES: i64 = 10;

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

/// `partner` is held alone, and exactly by the accounts tied to a directory organization: someone at a partner
/// organisation never also holds a team capability, and no team account can act for a partner.
pub fn partner_rule(caps: Capabilities, organization: Option<&str>) -> AppResult<()> {
    let partner = caps.has(Capability::Partner);
    if partner && caps.iter().count() > 1 {
        return Err(AppError::field("capabilities", "partner_alone"));
    }
    match (partner, organization) {
        (true, None) => Err(AppError::field("organization", "required")),
        (false, Some(_)) => Err(AppError::field("capabilities", "partner_only")),
        _ => Ok(()),
    }
}

fn actor_for_user(u: &UserRow) -> Actor {
    Actor {
        kind: ActorKind::User(u.id),
        caps: u.capabilities,
        team: u.team_id,
        organization: u.organization_id.clone(),
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
        let failed = || AppError::backend("hashing");
        tokio::task::spawn_blocking(move || policy.hash(&password))
            .await
            .map_err(|_| failed())?
            .map_err(|_| failed())
    }

    pub async fn login(&self, username: &str, password: &str) -> AppResult<NewSession> {
        self.login_from(username, password, None).await
    }

    /// Signs in with a password, from a client address (for the throttle: attempts are slowed per account and
    /// address, never locked, so nobody can keep another person out).
    pub async fn login_from(
        &self,
        username: &str,
        password: &str,
        from: Option<std::net::IpAddr>,
    ) -> AppResult<NewSession> {
        // A name that cannot be a username is refused before any work (and never enters the throttle's map).
        let Some(account) = parse_username(username) else {
            return Err(AppError::Unauthenticated);
        };
        let user = self.store.user_by_username(&account).await?;
        // Only real accounts are counted, so the throttle holds at most one entry per account and address.
        if user.is_some()
            && let Err(secs) = self.throttle.begin_attempt_from(&account, from)
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
        let known = user.as_ref().map(|u| u.id);
        let Some(user) = user.filter(|_| ok) else {
            if let Some(uid) = known {
                // Counted for the holder to be told at their next sign-in; slowed when under many failures.
                let slow = self.throttle.failed(&account);
                let cs = ChangeSet::new().op(Op::Auth(AuthOp::LoginFailed {
                    user: uid,
                    at: self.clock.now(),
                }));
                if let Err(e) = self.store.apply(cs).await {
                    tracing::warn!(error = %e, "a failed sign-in could not be counted");
                }
                if !slow.is_zero() {
                    tokio::time::sleep(slow).await;
                }
            }
            return Err(AppError::Unauthenticated);
        };
        self.throttle.succeed_from(&account, from);
        let enabled = self
            .store
            .user_totp(user.id)
            .await?
            .is_some_and(|t| t.enabled_at.is_some())
            || self.has_passkey(user.id).await?;
        let stage = if enabled {
            SessionStage::Password
        } else if self.config.require_second_factor && !user.capabilities.is_empty() {
            SessionStage::Enrol
        } else {
            SessionStage::Full
        };
        let mut cs = ChangeSet::new();
        let mut s = self.new_session(&mut cs, user.id, stage);
        if stage == SessionStage::Full {
            s.failed_before = self.store.login_failures(user.id).await?.since_signin;
        }
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &format!("user:{}", user.id),
            if stage == SessionStage::Full {
                "session.create"
            } else {
                "session.password_ok"
            },
            "user",
            &user.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(s)
    }

    /// A fresh session (a new cookie: sessions rotate at every step of signing in).
    fn new_session(&self, cs: &mut ChangeSet, user: UserId, stage: SessionStage) -> NewSession {
        let now = self.clock.now();
        let cookie = random_token(32);
        let csrf = random_token(32);
        let life = if stage == SessionStage::Full {
            jiff::SignedDuration::from_hours(self.config.session_hours)
        } else {
            jiff::SignedDuration::from_mins(PENDING_MINUTES)
        };
        cs.push(Op::Auth(AuthOp::InsertSession(heart_store::SessionRow {
            id_hash: sha256_hex(&cookie),
            user_id: user,
            csrf: csrf.clone(),
            created_at: now,
            expires_at: now.checked_add(life).unwrap_or(now),
            last_seen_at: now,
            stage,
        })));
        // Fully signed in: the failures since the last sign-in are kept to be told, and counting starts again.
        if stage == SessionStage::Full {
            cs.push(Op::Auth(AuthOp::LoginSucceeded { user }));
        }
        NewSession {
            cookie,
            csrf,
            stage,
            failed_before: 0,
        }
    }

    /// A sign-in waiting for its second factor (or for one to be set up).
    pub async fn pending_sign_in(&self, cookie: &str) -> AppResult<Option<PendingSignIn>> {
        let Some(cookie) = totp::parse_session_cookie(cookie) else {
            return Ok(None);
        };
        let Some(session) = self.store.session(&sha256_hex(cookie)).await? else {
            return Ok(None);
        };
        if session.stage == SessionStage::Full || session.expires_at <= self.clock.now() {
            return Ok(None);
        }
        match self.store.user(session.user_id).await? {
            Some(user) if user.active => Ok(Some(PendingSignIn {
                id_hash: session.id_hash.clone(),
                user: user.into(),
                session: session.into(),
            })),
            _ => Ok(None),
        }
    }

    /// Checks a second factor: a code from the app (each 30-second code once only), a recovery code (each once),
    /// or a passkey's answer to the account's challenge (once). Refusals are audited; attempts are throttled per
    /// account. The changes returned use the factor up.
    async fn check_second_factor(
        &self,
        user_id: UserId,
        username: &str,
        input: &str,
    ) -> AppResult<Vec<Op>> {
        if let Err(secs) = self.throttle.begin_attempt(&format!("2fa:{}", username)) {
            return Err(AppError::Throttled {
                retry_after_secs: secs,
            });
        }
        let now = self.clock.now();
        let totp_row = self.store.user_totp(user_id).await?;
        let refused = |why: &str| {
            let mut cs = ChangeSet::new();
            cs.audit(AuditEntry::new(
                now,
                &format!("user:{}", user_id),
                "sign_in.code_refused",
                "user",
                &user_id.to_string(),
                why,
            ));
            cs
        };
        if crate::passkeys::is_passkey_answer(input) {
            return match self.passkey_answer(user_id, input).await {
                Ok(ops) => Ok(ops),
                Err(e) => {
                    if matches!(e, AppError::Invalid(_)) {
                        self.store.apply(refused("passkey")).await?;
                    }
                    Err(e)
                }
            };
        }
        let Some(t) = totp_row.filter(|t| t.enabled_at.is_some()) else {
            // An account with passkeys alone: a code cannot be right.
            if self.has_passkey(user_id).await? {
                self.store.apply(refused("no_app_codes")).await?;
                return Err(AppError::field("code", "code_wrong"));
            }
            return Err(AppError::Unauthenticated);
        };
        let op = if totp::parse_code(input).is_some() {
            let secs = u64::try_from(now.as_second()).unwrap_or(0);
            match totp::check(&t.secret, input, secs) {
                Some(step) if step as i64 > t.last_step => {
                    Op::Auth(AuthOp::SecondFactor(SecondFactorOp::UseTotpStep {
                        user: user_id,
                        step: step as i64,
                    }))
                }
                Some(_) => {
                    self.store.apply(refused("replayed")).await?;
                    return Err(AppError::field("code", "code_used"));
                }
                None => {
                    self.store.apply(refused("wrong_or_expired")).await?;
                    return Err(AppError::field("code", "code_wrong"));
                }
            }
        } else if let Some(hash) = totp::recovery_hash(input) {
            Op::Auth(AuthOp::SecondFactor(SecondFactorOp::UseRecoveryCode {
                user: user_id,
                hash,
                at: now,
            }))
        } else {
            return Err(AppError::field("code", "code_format"));
        };
        Ok(vec![op])
    }

    /// Finishes signing in with a second factor: the half-done session is replaced by a new one.
    pub async fn second_factor(&self, cookie: &str, input: &str) -> AppResult<NewSession> {
        let Some(p) = self.pending_sign_in(cookie).await? else {
            return Err(AppError::Unauthenticated);
        };
        if p.session.stage != SessionStage::Password {
            return Err(AppError::Unauthenticated);
        }
        let ops = self
            .check_second_factor(p.user.id, &p.user.username, input)
            .await?;
        let recovery = ops.iter().any(|op| {
            matches!(
                op,
                Op::Auth(AuthOp::SecondFactor(SecondFactorOp::UseRecoveryCode { .. }))
            )
        });
        let passkey = ops.iter().any(|op| matches!(op, Op::Passkey(_)));
        let mut cs = ChangeSet::new();
        for op in ops {
            cs.push(op);
        }
        cs.push(Op::Auth(AuthOp::DeleteSession(p.id_hash.clone())));
        let mut s = self.new_session(&mut cs, p.user.id, SessionStage::Full);
        s.failed_before = self.store.login_failures(p.user.id).await?.since_signin;
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &format!("user:{}", p.user.id),
            if recovery {
                "session.create.recovery_code"
            } else if passkey {
                "session.create.passkey"
            } else {
                "session.create"
            },
            "user",
            &p.user.id.to_string(),
            "",
        ));
        match self.store.apply(cs).await {
            Ok(()) => {}
            // The same code (or recovery code) was used meanwhile by another attempt.
            Err(StoreError::Conflict) => return Err(AppError::field("code", "code_used")),
            Err(e) => return Err(e.into()),
        }
        self.throttle.succeed(&format!("2fa:{}", p.user.username));
        Ok(s)
    }

    /// Starts (or shows again) setting up a second factor, for a sign-in that must set one up or an account
    /// that has none yet.
    pub async fn enrol_begin(&self, user: &Account) -> AppResult<Enrolment> {
        let existing = self.store.user_totp(user.id).await?;
        if existing.as_ref().is_some_and(|t| t.enabled_at.is_some()) {
            return Err(AppError::conflict(
                "second-factor-set",
                "a second factor is already set up for this account",
            ));
        }
        let secret = match existing {
            Some(t) => t.secret,
            None => {
                let secret = totp::new_secret();
                let mut cs =
                    ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::SetTotp {
                        user: user.id,
                        secret: secret.clone(),
                    })));
                cs.audit(AuditEntry::new(
                    self.clock.now(),
                    &format!("user:{}", user.id),
                    "second_factor.begin",
                    "user",
                    &user.id.to_string(),
                    "",
                ));
                self.store.apply(cs).await?;
                secret
            }
        };
        Ok(Enrolment {
            otpauth_url: totp::url(&secret, &self.config.team_name, &user.username)
                .unwrap_or_default(),
            manual_key: totp::manual_key(&secret),
        })
    }

    /// Confirms the second factor with a first code. Returns the recovery codes (shown once) and, for a sign-in
    /// that was waiting on this, its new full session.
    pub async fn enrol_confirm(
        &self,
        user: &Account,
        pending: Option<&PendingSignIn>,
        code: &str,
    ) -> AppResult<(Vec<String>, Option<NewSession>)> {
        let Some(t) = self.store.user_totp(user.id).await? else {
            return Err(AppError::conflict(
                "second-factor-missing",
                "start setting up the second factor first",
            ));
        };
        if let Err(secs) = self
            .throttle
            .begin_attempt(&format!("2fa:{}", user.username))
        {
            return Err(AppError::Throttled {
                retry_after_secs: secs,
            });
        }
        if totp::parse_code(code).is_none() {
            return Err(AppError::field("code", "code_format"));
        }
        let now = self.clock.now();
        let secs = u64::try_from(now.as_second()).unwrap_or(0);
        let Some(step) = totp::check(&t.secret, code, secs) else {
            return Err(AppError::field("code", "code_wrong"));
        };
        let codes = totp::recovery_codes();
        let mut cs =
            ChangeSet::new().op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::EnableTotp {
                user: user.id,
                at: now,
                step: step as i64,
                recovery_hashes: codes
                    .iter()
                    .filter_map(|c| totp::recovery_hash(c))
                    .collect(),
            })));
        cs.audit(AuditEntry::new(
            now,
            &format!("user:{}", user.id),
            "second_factor.enable",
            "user",
            &user.id.to_string(),
            "",
        ));
        let session = match pending {
            Some(p) => {
                cs.push(Op::Auth(AuthOp::DeleteSession(p.id_hash.clone())));
                Some(self.new_session(&mut cs, user.id, SessionStage::Full))
            }
            None => None,
        };
        match self.store.apply(cs).await {
            Ok(()) => {}
            Err(StoreError::Conflict) => return Err(AppError::field("code", "code_used")),
            Err(e) => return Err(e.into()),
        }
        self.throttle.succeed(&format!("2fa:{}", user.username));
        Ok((codes, session))
    }

    /// The second factor again, for an export or an erasure (step-up). Accounts without one pass only where the
    /// deployment does not require one.
    pub async fn step_up(&self, actor: &Actor, input: Option<&str>) -> AppResult<()> {
        let ActorKind::User(uid) = actor.kind else {
            return Err(AppError::Unauthenticated);
        };
        let user = self
            .store
            .user(uid)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let enabled = self
            .store
            .user_totp(uid)
            .await?
            .is_some_and(|t| t.enabled_at.is_some())
            || self.has_passkey(uid).await?;
        if !enabled {
            return if self.config.require_second_factor {
                Err(AppError::conflict(
                    "second-factor-needed",
                    "set up a second factor on your account page first",
                ))
            } else {
                Ok(())
            };
        }
        let ops = self
            .check_second_factor(user.id, &user.username, input.unwrap_or("").trim())
            .await?;
        let mut cs = ChangeSet::new();
        for op in ops {
            cs.push(op);
        }
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "session.step_up",
            "user",
            &uid.to_string(),
            "",
        ));
        match self.store.apply(cs).await {
            Ok(()) => {}
            Err(StoreError::Conflict) => return Err(AppError::field("code", "code_used")),
            Err(e) => return Err(e.into()),
        }
        self.throttle.succeed(&format!("2fa:{}", user.username));
        Ok(())
    }

    /// Failed sign-ins of the person signed in: those they were told of at this sign-in, and any since.
    pub async fn my_login_failures(&self, actor: &Actor) -> AppResult<LoginFailures> {
        let ActorKind::User(uid) = actor.kind else {
            return Err(AppError::Unauthenticated);
        };
        Ok(self.store.login_failures(uid).await?.into())
    }

    /// What the account page shows.
    pub async fn account(&self, actor: &Actor) -> AppResult<(Account, Option<SecondFactor>)> {
        let ActorKind::User(uid) = actor.kind else {
            return Err(AppError::Unauthenticated);
        };
        let user = self
            .store
            .user(uid)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let t = self.store.user_totp(uid).await?;
        Ok((user.into(), t.map(Into::into)))
    }

    /// Ends every session of the actor's account, this one included.
    pub async fn sign_out_everywhere(&self, actor: &Actor) -> AppResult<()> {
        let ActorKind::User(uid) = actor.kind else {
            return Err(AppError::Unauthenticated);
        };
        let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::DeleteUserSessions(uid)));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "session.end_all",
            "user",
            &uid.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The operator's reset of a lost second factor (from the host's command line, audited).
    pub async fn reset_second_factor(&self, actor: &Actor, username: &str) -> AppResult<()> {
        let user = self
            .store
            .user_by_username(&parse_username(username).ok_or(AppError::NotFound)?)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut cs = ChangeSet::new()
            .op(Op::Auth(AuthOp::SecondFactor(SecondFactorOp::ClearTotp(
                user.id,
            ))))
            .op(Op::Passkey(heart_store::passkeys::PasskeyOp::RemoveAll(
                user.id,
            )))
            .op(Op::Auth(AuthOp::DeleteUserSessions(user.id)));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "second_factor.reset",
            "user",
            &user.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    pub async fn logout(&self, cookie: &str) -> AppResult<()> {
        let hash = sha256_hex(cookie);
        if let Some(s) = self.store.session(&hash).await? {
            let mut cs = ChangeSet::new().op(Op::Auth(AuthOp::DeleteSession(hash)));
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
    pub async fn session_actor(&self, cookie: &str) -> AppResult<Option<(Actor, Session)>> {
        // A cookie heart could not have issued never reaches the store.
        let Some(cookie) = totp::parse_session_cookie(cookie) else {
            return Ok(None);
        };
        let Some(session) = self.store.session(&sha256_hex(cookie)).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        let idle = jiff::SignedDuration::from_mins(self.config.idle_minutes);
        if session.stage != SessionStage::Full
            || session.expires_at <= now
            || session.last_seen_at + idle <= now
        {
            return Ok(None);
        }
        // Idle expiry counts from the last request, noted at most once a minute.
        if now - session.last_seen_at > jiff::SignedDuration::from_mins(1) {
            let cs = ChangeSet::new().op(Op::Auth(AuthOp::TouchSession {
                id_hash: session.id_hash.clone(),
                at: now,
            }));
            if let Err(e) = self.store.apply(cs).await {
                tracing::warn!(error = %e, "could not note session use");
            }
        }
        let Some(user) = self.store.user(session.user_id).await? else {
            return Ok(None);
        };
        if !user.active {
            return Ok(None);
        }
        Ok(Some((actor_for_user(&user), session.into())))
    }

    /// Whether a submitted CSRF token matches the session's.
    pub fn csrf_ok(session: &Session, submitted: &str) -> bool {
        constant_time_eq(&session.csrf, submitted)
    }
}

mod accounts;
mod tokens;
pub use tokens::{ApiToken, PERSON_TOKEN_DAYS, TokenCache};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_slows_per_account_and_address_and_never_locks_others_out() {
        let t = LoginThrottle::default();
        let outsider = Some(std::net::IpAddr::from([127, 0, 0, 9]));
        let owner = Some(std::net::IpAddr::from([127, 0, 0, 2]));
        for _ in 0..FREE_ATTEMPTS {
            assert!(t.begin_attempt_from("sam", outsider).is_ok());
        }
        let wait = t.begin_attempt_from("sam", outsider).unwrap_err();
        assert!((1..=2).contains(&wait), "the next waits 2 s: {wait}");
        assert!(
            t.begin_attempt_from("sam", owner).is_ok(),
            "the owner's address is not slowed"
        );
        assert!(
            t.begin_attempt_from("alex", outsider).is_ok(),
            "per account"
        );
        t.succeed_from("sam", outsider);
        assert!(t.begin_attempt_from("sam", outsider).is_ok());
        // Delays double, up to a ceiling.
        assert_eq!(delay_after(FREE_ATTEMPTS - 1), Duration::ZERO);
        assert_eq!(delay_after(FREE_ATTEMPTS), Duration::from_secs(2));
        assert_eq!(delay_after(FREE_ATTEMPTS + 1), Duration::from_secs(4));
        assert_eq!(delay_after(FREE_ATTEMPTS + 40), MAX_DELAY);
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
