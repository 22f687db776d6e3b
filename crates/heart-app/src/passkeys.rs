//! Passkeys (WebAuthn, by webauthn-rs) as a second factor beside the app's codes: an account adds several and names
//! them, renames them, removes one after confirming with a second factor, and signs in or confirms with one.
//!
//! A ceremony's state (its challenge) is kept in the store for five minutes, one per account, so that the node
//! that finishes it need not be the one that began it, and it answers once.

use crate::IntoViews;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{PasskeyId, UserId};
use heart_domain::text::Words;
use heart_store::passkeys::{AUTHENTICATE, CeremonyRow, PasskeyOp, PasskeyRow, REGISTER};
use heart_store::{ChangeSet, Op, StoreError};
use webauthn_rs::prelude::{
    Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Webauthn, WebauthnBuilder,
};

crate::view! {
    /// A passkey as its holder sees it: its name and when it was added and last used (never the credential).
    PasskeyInfo from heart_store::passkeys::PasskeyRow {
        id: heart_domain::ids::PasskeyId,
        /// The name its holder gave it ("phone", "blue key").
        name: String,
        created_at: heart_domain::time::Timestamp,
        last_used_at: Option<heart_domain::time::Timestamp>,
    }
}

/// Where passkeys are used: the relying party id (a host name, never an IP address) and the origin pages are served
/// from. `None` turns passkeys off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasskeyConfig {
    pub rp_id: Option<String>,
    /// Default: `https://<rp_id>`, or `http://localhost` on any port for `localhost`.
    pub origin: Option<String>,
}

impl PasskeyConfig {
    /// From the settings: the relying party id given, else the host of the first public address heart is
    /// reached at (with that address's origin), else `localhost` for the demo, else none (passkeys off).
    pub fn from_settings(
        rp_id: Option<&str>,
        origin: Option<&str>,
        public_urls: &[&str],
        demo: bool,
    ) -> Self {
        let given = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(String::from);
        if let Some(rp_id) = given(rp_id) {
            return PasskeyConfig {
                rp_id: Some(rp_id),
                origin: given(origin),
            };
        }
        let public = public_urls
            .iter()
            .filter_map(|u| Url::parse(u.trim()).ok())
            .find(|u| u.host_str().is_some_and(|h| !h.is_empty()));
        match public {
            Some(u) => PasskeyConfig {
                rp_id: u.host_str().map(String::from),
                origin: given(origin).or_else(|| Some(u.origin().ascii_serialization())),
            },
            None if demo => PasskeyConfig {
                rp_id: Some("localhost".into()),
                origin: given(origin),
            },
            None => PasskeyConfig::default(),
        }
    }

    /// The WebAuthn relying party, or why the settings cannot make one.
    pub fn relying_party(&self) -> Result<Option<Webauthn>, String> {
        let Some(rp_id) = self
            .rp_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        else {
            return Ok(None);
        };
        if rp_id.parse::<std::net::IpAddr>().is_ok() || rp_id.starts_with('[') {
            return Err(format!(
                "webauthn_rp_id {rp_id:?} is an IP address; passkeys need a host name (WebAuthn refuses addresses)"
            ));
        }
        let local = rp_id == "localhost";
        let origin = match &self.origin {
            Some(o) => o.clone(),
            None if local => "http://localhost".into(),
            None => format!("https://{rp_id}"),
        };
        let url = Url::parse(&origin).map_err(|e| format!("passkey origin {origin:?}: {e}"))?;
        // The id must be the origin's host or a domain above it (checked here, said in one line).
        let host = url.host_str().unwrap_or("");
        if host != rp_id && !host.ends_with(&format!(".{rp_id}")) {
            return Err(format!(
                "webauthn_rp_id {rp_id:?} is not the host of {origin:?} or a domain above it"
            ));
        }
        let rp = WebauthnBuilder::new(rp_id, &url)
            .map_err(|_| {
                format!(
                    "webauthn_rp_id {rp_id:?} is not the host of {origin:?} or a domain above it"
                )
            })?
            .rp_name("heart")
            .allow_any_port(local)
            .build()
            .map_err(|e| format!("passkeys: {e}"))?;
        Ok(Some(rp))
    }
}

/// How long a ceremony may take.
const CEREMONY_SECS: i64 = 300;
/// The longest name of a passkey.
pub const NAME_MAX: usize = 60;

fn user_of(actor: &Actor) -> AppResult<UserId> {
    match actor.kind {
        ActorKind::User(uid) => Ok(uid),
        _ => Err(AppError::Unauthenticated),
    }
}

fn clean_name(name: &str) -> AppResult<String> {
    // One space between words, whatever was typed.
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Words::up_to(NAME_MAX)
        .required()
        .parse(Some(&name))
        .map_err(|code| AppError::field("name", code))
        .map(Option::unwrap_or_default)
}

/// Whether a second-factor answer is a passkey's (a WebAuthn response, JSON) rather than a code.
pub fn is_passkey_answer(input: &str) -> bool {
    input.trim_start().starts_with('{')
}

impl App {
    fn relying_party(&self) -> AppResult<&Webauthn> {
        self.passkeys_rp.as_ref().ok_or_else(|| {
            AppError::conflict(
                "passkeys-off",
                "passkeys are not set up on this server (webauthn_rp_id)",
            )
        })
    }

    /// Whether this server offers passkeys.
    pub fn passkeys_on(&self) -> bool {
        self.passkeys_rp.is_some()
    }

    /// The passkeys of the account signed in.
    pub async fn my_passkeys(&self, actor: &Actor) -> AppResult<Vec<PasskeyInfo>> {
        Ok(self
            .store
            .passkeys()
            .passkeys_of(user_of(actor)?)
            .await?
            .views())
    }

    fn audit(&self, cs: &mut ChangeSet, who: &str, action: &str, user: UserId, detail: &str) {
        cs.audit(AuditEntry::new(
            self.clock.now(),
            who,
            action,
            "user",
            &user.to_string(),
            detail,
        ));
    }

    /// Starts adding a passkey: the options for the browser's `navigator.credentials.create` (JSON).
    pub async fn passkey_add_begin(&self, actor: &Actor) -> AppResult<serde_json::Value> {
        let rp = self.relying_party()?;
        let uid = user_of(actor)?;
        let user = self
            .store
            .user(uid)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let held = self.store.passkeys().passkeys_of(uid).await?;
        let exclude = held
            .iter()
            .filter_map(|p| serde_json::from_str::<Passkey>(&p.credential).ok())
            .map(|p| p.cred_id().clone())
            .collect::<Vec<_>>();
        let (options, state) = rp
            .start_passkey_registration(uid.0, &user.username, &user.display_name, Some(exclude))
            .map_err(|_| {
                AppError::conflict("passkey-failed", "the passkey could not be started")
            })?;
        self.begin_ceremony(uid, REGISTER, &state).await?;
        serde_json::to_value(options)
            .map_err(|_| AppError::conflict("passkey-failed", "the passkey could not be started"))
    }

    async fn begin_ceremony<S: serde::Serialize>(
        &self,
        user: UserId,
        purpose: &str,
        state: &S,
    ) -> AppResult<()> {
        let state = serde_json::to_string(state).map_err(|_| {
            AppError::conflict("passkey-failed", "the passkey could not be started")
        })?;
        let row = CeremonyRow {
            user,
            purpose: purpose.into(),
            state,
            expires_at: self.clock.now() + jiff::SignedDuration::from_secs(CEREMONY_SECS),
        };
        self.store
            .apply(ChangeSet::new().op(Op::Passkey(PasskeyOp::Begin(row))))
            .await?;
        Ok(())
    }

    /// The account's outstanding ceremony of `purpose`, still in time.
    async fn ceremony<S: serde::de::DeserializeOwned>(
        &self,
        user: UserId,
        purpose: &str,
    ) -> AppResult<S> {
        let c = self.store.passkeys().ceremony(user).await?;
        c.filter(|c| c.purpose == purpose && c.expires_at > self.clock.now())
            .and_then(|c| serde_json::from_str(&c.state).ok())
            .ok_or_else(|| AppError::field("passkey", "passkey_expired"))
    }

    /// Finishes adding a passkey with the browser's answer (JSON) and the name the person gives it.
    pub async fn passkey_add_finish(
        &self,
        actor: &Actor,
        name: &str,
        answer: &str,
    ) -> AppResult<PasskeyInfo> {
        let rp = self.relying_party()?;
        let uid = user_of(actor)?;
        let name = clean_name(name)?;
        let answer: RegisterPublicKeyCredential = serde_json::from_str(answer)
            .map_err(|_| AppError::field("passkey", "passkey_refused"))?;
        let state: PasskeyRegistration = self.ceremony(uid, REGISTER).await?;
        let key = rp
            .finish_passkey_registration(&answer, &state)
            .map_err(|_| AppError::field("passkey", "passkey_refused"))?;
        let row = PasskeyRow {
            id: PasskeyId::new(),
            user: uid,
            name,
            // Base64url, as WebAuthn writes credential ids.
            credential_id: match serde_json::to_value(key.cred_id()) {
                Ok(serde_json::Value::String(id)) => id,
                _ => return Err(AppError::field("passkey", "passkey_refused")),
            },
            credential: serde_json::to_string(&key)
                .map_err(|_| AppError::field("passkey", "passkey_refused"))?,
            created_at: self.clock.now(),
            last_used_at: None,
        };
        let mut cs = ChangeSet::new()
            .op(Op::Passkey(PasskeyOp::End {
                user: uid,
                purpose: REGISTER.into(),
            }))
            .op(Op::Passkey(PasskeyOp::Insert(row.clone())));
        self.audit(
            &mut cs,
            &actor.audit_name(),
            "passkey.add",
            uid,
            &row.id.to_string(),
        );
        match self.store.apply(cs).await {
            Ok(()) => Ok(row.into()),
            Err(StoreError::Conflict) => Err(AppError::field("passkey", "passkey_expired")),
            Err(StoreError::Duplicate(_)) => Err(AppError::field("passkey", "passkey_taken")),
            Err(e) => Err(e.into()),
        }
    }

    /// Gives one of the account's passkeys a new name.
    pub async fn passkey_rename(&self, actor: &Actor, id: PasskeyId, name: &str) -> AppResult<()> {
        let uid = user_of(actor)?;
        let name = clean_name(name)?;
        let mut cs = ChangeSet::new().op(Op::Passkey(PasskeyOp::Rename {
            user: uid,
            id,
            name,
        }));
        self.audit(
            &mut cs,
            &actor.audit_name(),
            "passkey.rename",
            uid,
            &id.to_string(),
        );
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound,
            e => e.into(),
        })
    }

    /// Removes one of the account's passkeys, after the second factor again (a code, a recovery code or a
    /// passkey, this one included).
    pub async fn passkey_remove(
        &self,
        actor: &Actor,
        id: PasskeyId,
        confirm: Option<&str>,
    ) -> AppResult<()> {
        let uid = user_of(actor)?;
        if !self
            .store
            .passkeys()
            .passkeys_of(uid)
            .await?
            .iter()
            .any(|p| p.id == id)
        {
            return Err(AppError::NotFound);
        }
        self.step_up(actor, confirm).await?;
        let mut cs = ChangeSet::new().op(Op::Passkey(PasskeyOp::Remove { user: uid, id }));
        self.audit(
            &mut cs,
            &actor.audit_name(),
            "passkey.remove",
            uid,
            &id.to_string(),
        );
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound,
            e => e.into(),
        })
    }

    /// Starts signing in or confirming with a passkey: the options for `navigator.credentials.get` (JSON).
    pub async fn passkey_challenge(
        &self,
        user: &crate::auth::Account,
    ) -> AppResult<serde_json::Value> {
        let rp = self.relying_party()?;
        let keys = self.held_passkeys(user.id).await?;
        if keys.is_empty() {
            return Err(AppError::conflict(
                "no-passkey",
                "this account has no passkey; use a code from your app",
            ));
        }
        let creds: Vec<Passkey> = keys.into_iter().map(|(_, k)| k).collect();
        let (options, state) = rp.start_passkey_authentication(&creds).map_err(|_| {
            AppError::conflict("passkey-failed", "the passkey could not be started")
        })?;
        self.begin_ceremony(user.id, AUTHENTICATE, &state).await?;
        serde_json::to_value(options)
            .map_err(|_| AppError::conflict("passkey-failed", "the passkey could not be started"))
    }

    /// The account's passkeys that still parse, with their rows.
    async fn held_passkeys(&self, user: UserId) -> AppResult<Vec<(PasskeyRow, Passkey)>> {
        Ok(self
            .store
            .passkeys()
            .passkeys_of(user)
            .await?
            .into_iter()
            .filter_map(|row| {
                let key = serde_json::from_str::<Passkey>(&row.credential).ok()?;
                Some((row, key))
            })
            .collect())
    }

    /// Checks a passkey's answer to the account's challenge: the changes that use it up (the challenge ends, the
    /// passkey's counter and last use are kept). Applying them twice is a conflict, so an answer counts once.
    pub(crate) async fn passkey_answer(&self, user_id: UserId, answer: &str) -> AppResult<Vec<Op>> {
        let rp = self.relying_party()?;
        let answer: PublicKeyCredential =
            serde_json::from_str(answer).map_err(|_| AppError::field("code", "passkey_refused"))?;
        let state: PasskeyAuthentication = self
            .ceremony(user_id, AUTHENTICATE)
            .await
            .map_err(|_| AppError::field("code", "passkey_expired"))?;
        let result = rp
            .finish_passkey_authentication(&answer, &state)
            .map_err(|_| AppError::field("code", "passkey_refused"))?;
        let (row, mut key) = self
            .held_passkeys(user_id)
            .await?
            .into_iter()
            .find(|(_, k)| k.cred_id() == result.cred_id())
            .ok_or_else(|| AppError::field("code", "passkey_refused"))?;
        key.update_credential(&result);
        let credential =
            serde_json::to_string(&key).map_err(|_| AppError::field("code", "passkey_refused"))?;
        Ok(vec![
            Op::Passkey(PasskeyOp::End {
                user: user_id,
                purpose: AUTHENTICATE.into(),
            }),
            Op::Passkey(PasskeyOp::Used {
                user: user_id,
                id: row.id,
                credential,
                at: self.clock.now(),
            }),
        ])
    }

    /// Whether the account may sign in or confirm with a passkey here.
    pub async fn offers_passkey(&self, user: UserId) -> AppResult<bool> {
        Ok(self.passkeys_on() && self.has_passkey(user).await?)
    }

    /// Whether the account has a passkey (a second factor of its own).
    pub(crate) async fn has_passkey(&self, user: UserId) -> AppResult<bool> {
        Ok(!self.store.passkeys().passkeys_of(user).await?.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relying_party_needs_a_host_name_that_matches_the_origin() {
        let cfg = |rp: Option<&str>, origin: Option<&str>| PasskeyConfig {
            rp_id: rp.map(Into::into),
            origin: origin.map(Into::into),
        };
        assert!(cfg(None, None).relying_party().unwrap().is_none());
        assert!(
            cfg(Some("localhost"), None)
                .relying_party()
                .unwrap()
                .is_some()
        );
        assert!(
            cfg(Some("heart.example.org"), None)
                .relying_party()
                .unwrap()
                .is_some()
        );
        assert!(
            cfg(Some("example.org"), Some("https://heart.example.org"))
                .relying_party()
                .unwrap()
                .is_some()
        );
        for bad in ["127.0.0.1", "[::1]", "::1"] {
            let e = cfg(Some(bad), None).relying_party().unwrap_err();
            assert!(
                e.contains("IP address") || e.contains("origin"),
                "{bad}: {e}"
            );
        }
        let e = cfg(Some("other.invalid"), Some("https://heart.example.org"))
            .relying_party()
            .unwrap_err();
        assert!(e.contains("not the host"), "{e}");
    }

    #[test]
    fn the_relying_party_comes_from_the_settings_or_the_public_address() {
        let c =
            PasskeyConfig::from_settings(None, None, &["", "https://heart.example.org/x"], false);
        assert_eq!(c.rp_id.as_deref(), Some("heart.example.org"));
        assert_eq!(c.origin.as_deref(), Some("https://heart.example.org"));
        let c = PasskeyConfig::from_settings(
            Some("example.org"),
            None,
            &["https://heart.example.org"],
            false,
        );
        assert_eq!(c.rp_id.as_deref(), Some("example.org"));
        assert_eq!(c.origin, None);
        assert_eq!(
            PasskeyConfig::from_settings(None, None, &[""], false),
            PasskeyConfig::default()
        );
        let demo = PasskeyConfig::from_settings(None, None, &[], true);
        assert_eq!(demo.rp_id.as_deref(), Some("localhost"));
        assert!(demo.relying_party().unwrap().is_some());
    }

    #[test]
    fn names_are_trimmed_and_limited() {
        assert_eq!(clean_name("  my   phone ").unwrap(), "my phone");
        assert!(clean_name("   ").is_err());
        assert!(clean_name(&"x".repeat(NAME_MAX + 1)).is_err());
        assert!(clean_name(&"é".repeat(NAME_MAX)).is_ok());
    }
}
