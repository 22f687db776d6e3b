//! The audit chain: `hash(n) = HMAC-SHA256(chain key, hash(n-1) || canonical(entry n))`, with length-prefixed
//! fields so no two different entries encode alike. The chain key comes from the key file (never the database), so
//! someone who can write to the database alone cannot recompute the chain over an edited entry. Checkpoints sign
//! `(seq, hash, at)`.
//!
//! [`link_unkeyed`] is the plain SHA-256 link of chains written before the key: it is read once, when the
//! migration that keys the chain re-links what it finds intact.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// Chains one entry, given as its fields in a fixed order (the sequence number first), under the chain key.
pub fn link(key: &[u8; 32], prev: &[u8; 32], fields: &[&[u8]]) -> [u8; 32] {
    let Ok(mut mac) = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key) else {
        // HMAC takes a key of any length; a 32-byte key never fails.
        return [0; 32];
    };
    mac.update(b"heart-audit-chain-v2");
    mac.update(prev);
    for f in fields {
        mac.update(&(f.len() as u64).to_be_bytes());
        mac.update(f);
    }
    mac.finalize().into_bytes().into()
}

/// The link of chains written before the chain had a key (plain SHA-256).
pub fn link_unkeyed(prev: &[u8; 32], fields: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f);
    }
    h.finalize().into()
}

/// The message a checkpoint signs.
pub fn checkpoint_message(seq: i64, hash_hex: &str, at_micros: i64) -> Vec<u8> {
    format!("heart-audit-checkpoint-v1\n{seq}\n{hash_hex}\n{at_micros}").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_boundaries_matter() {
        let k = [7; 32];
        assert_ne!(
            link(&k, &GENESIS, &[b"ab", b"c"]),
            link(&k, &GENESIS, &[b"a", b"bc"])
        );
        assert_ne!(link(&k, &GENESIS, &[b"a"]), link(&k, &[1; 32], &[b"a"]));
        assert_ne!(
            link_unkeyed(&GENESIS, &[b"ab", b"c"]),
            link_unkeyed(&GENESIS, &[b"a", b"bc"])
        );
    }

    #[test]
    fn the_link_depends_on_the_key() {
        let fields: &[&[u8]] = &[b"1", b"entry"];
        assert_ne!(
            link(&[1; 32], &GENESIS, fields),
            link(&[2; 32], &GENESIS, fields)
        );
        assert_ne!(
            link(&[1; 32], &GENESIS, fields),
            link_unkeyed(&GENESIS, fields)
        );
    }
}
