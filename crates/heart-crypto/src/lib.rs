//! heart-crypto: password hashing (argon2id), API token hashing (SHA-256), and random secrets.
//!
//! API tokens are random 256-bit values, not passwords: they are stored as SHA-256 hashes, not argon2.

use argon2::{Algorithm, Argon2, Params, Version};
use argon2::{PasswordHash, PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("password hashing failed")]
    Hash,
}

/// argon2id cost. The default follows OWASP's minimum (19 MiB, 2 passes); tests use a cheap one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            memory_kib: 19 * 1024,
            iterations: 2,
        }
    }
}

impl PasswordPolicy {
    /// For tests only: fast, still argon2id.
    pub fn low_cost() -> Self {
        PasswordPolicy {
            memory_kib: 256,
            iterations: 1,
        }
    }

    fn argon2(&self) -> Result<Argon2<'static>, CryptoError> {
        let params = Params::new(self.memory_kib, self.iterations, 1, None)
            .map_err(|_| CryptoError::Hash)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// A PHC string (`$argon2id$...`).
    pub fn hash(&self, password: &str) -> Result<String, CryptoError> {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        self.argon2()?
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| CryptoError::Hash)
    }
}

/// Checks a password against a PHC string; the parameters come from the string itself.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// The dummy hashes made so far, one per policy.
static DUMMIES: std::sync::Mutex<Vec<(PasswordPolicy, String)>> = std::sync::Mutex::new(Vec::new());

/// A hash to verify against when the account does not exist, so timing does not tell which usernames exist.
pub fn dummy_verify(policy: &PasswordPolicy, password: &str) {
    // The dummy hash is made once per policy, so an unknown name costs one argon2 run, as a known one does
    // (hashing it on every attempt made unknown names cost two, which told an attacker which names exist).
    let known = DUMMIES
        .lock()
        .ok()
        .and_then(|d| d.iter().find(|(p, _)| p == policy).map(|(_, h)| h.clone()));
    let hash = match known {
        Some(h) => h,
        None => match policy.hash("heart-dummy-password") {
            Ok(h) => {
                if let Ok(mut d) = DUMMIES.lock() {
                    d.push((*policy, h.clone()));
                }
                h
            }
            Err(_) => return,
        },
    };
    let _ = verify_password(password, &hash);
}

/// `n` random bytes, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A new API token: 256 random bits, prefixed so it is recognisable in a secret scanner.
pub fn new_api_token() -> String {
    format!("heart_{}", random_token(32))
}

/// SHA-256, lowercase hex: how tokens and session ids are stored.
pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// SHA-256 of bytes, hex (a file's fingerprint).
pub fn sha256_hex_bytes(value: &[u8]) -> String {
    hex::encode(Sha256::digest(value))
}

/// Compares two strings in time independent of where they differ.
/// HMAC-SHA256 of `msg` under `key`, lower-case hex (webhook signatures: Stripe's `v1`, heart's partner scheme).
pub fn hmac_sha256_hex(key: &[u8], msg: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    // HMAC takes a key of any length.
    let mut mac = match hmac::Hmac::<Sha256>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(msg);
    hex::encode(mac.finalize().into_bytes())
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unknown_name_costs_one_argon2_run_like_a_known_one() {
        let policy = PasswordPolicy {
            memory_kib: 8 * 1024,
            iterations: 1,
        };
        let count = || {
            DUMMIES
                .lock()
                .unwrap()
                .iter()
                .filter(|(p, _)| *p == policy)
                .count()
        };
        dummy_verify(&policy, "a guess");
        let first = DUMMIES
            .lock()
            .unwrap()
            .iter()
            .find(|(p, _)| *p == policy)
            .map(|(_, h)| h.clone());
        dummy_verify(&policy, "another guess");
        assert_eq!(
            count(),
            1,
            "the dummy hash is made once, not on every attempt"
        );
        let again = DUMMIES
            .lock()
            .unwrap()
            .iter()
            .find(|(p, _)| *p == policy)
            .map(|(_, h)| h.clone());
        assert_eq!(first, again);
    }

    use super::*;

    #[test]
    fn passwords_round_trip_and_differ_by_salt() {
        let p = PasswordPolicy::low_cost();
        let h1 = p.hash("correct horse").unwrap();
        let h2 = p.hash("correct horse").unwrap();
        assert!(h1.starts_with("$argon2id$"));
        assert_ne!(h1, h2);
        assert!(verify_password("correct horse", &h1));
        assert!(!verify_password("wrong", &h1));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let t = new_api_token();
        assert!(t.len() > 40);
        assert_ne!(t, new_api_token());
        assert_eq!(sha256_hex(&t).len(), 64);
        // RFC 4231, test case 2.
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(
            constant_time_eq("abc", "abc")
                && !constant_time_eq("abc", "abd")
                && !constant_time_eq("a", "ab")
        );
    }
}

pub mod chain;
pub mod keys;
pub mod totp;
pub mod webhook;
