//! The audit chain: `hash(n) = SHA-256(hash(n-1) || canonical(entry n))`, with length-prefixed fields so no two
//! different entries encode alike. Checkpoints sign `(seq, hash, at)`.

use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// Chains one entry, given as its fields in a fixed order (the sequence number first).
pub fn link(prev: &[u8; 32], fields: &[&[u8]]) -> [u8; 32] {
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
        assert_ne!(
            link(&GENESIS, &[b"ab", b"c"]),
            link(&GENESIS, &[b"a", b"bc"])
        );
        assert_ne!(link(&GENESIS, &[b"a"]), link(&[1; 32], &[b"a"]));
    }
}
