//! Checking the audit chain: backend-neutral, fed entries in sequence order.

use crate::model::AuditRow;
use heart_crypto::chain;
use heart_crypto::keys::verify_signature;
use heart_domain::time::{Timestamp, to_micros};
use serde::{Deserialize, Serialize};

/// A signed statement that the chain had `seq` entries ending in `hash` at `at`. Kept elsewhere, it shows later
/// that nothing was cut off the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub at: Timestamp,
    /// ed25519, hex.
    pub public_key: String,
    /// ed25519 over `chain::checkpoint_message`, hex.
    pub signature: String,
}

impl Checkpoint {
    pub fn message(&self) -> Vec<u8> {
        chain::checkpoint_message(self.seq, &self.hash, to_micros(self.at))
    }

    /// Whether the signature is good and made by `public_key` (hex).
    pub fn signed_by(&self, public_key: &str) -> bool {
        let (Ok(pk), Ok(sig)) = (hex::decode(&self.public_key), hex::decode(&self.signature))
        else {
            return false;
        };
        let (Ok(pk), Ok(sig)) = (<[u8; 32]>::try_from(pk), <[u8; 64]>::try_from(sig)) else {
            return false;
        };
        self.public_key == public_key && verify_signature(&pk, &self.message(), &sig)
    }
}

/// The first thing wrong with the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The first entry that is wrong (or the checkpoint's position, when entries are missing after it).
    pub seq: i64,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub entries: i64,
    pub head_seq: i64,
    pub head_hash: String,
    pub checkpoints: i64,
    pub problem: Option<Problem>,
}

/// Walks the chain entry by entry.
pub struct ChainWalk {
    seq: i64,
    hash: [u8; 32],
    pub entries: i64,
}

impl Default for ChainWalk {
    fn default() -> Self {
        ChainWalk {
            seq: 0,
            hash: chain::GENESIS,
            entries: 0,
        }
    }
}

impl ChainWalk {
    /// Checks the next stored entry against what the chain says it must be.
    pub fn push(&mut self, row: &AuditRow, stored_hash: Option<&str>) -> Result<(), Problem> {
        let bad = |message: &str| Problem {
            seq: row.seq,
            message: message.to_string(),
        };
        if row.seq != self.seq + 1 {
            return Err(if row.seq <= self.seq {
                bad("entry out of order")
            } else {
                Problem {
                    seq: self.seq + 1,
                    message: format!(
                        "entries {} to {} are missing (deleted)",
                        self.seq + 1,
                        row.seq - 1
                    ),
                }
            });
        }
        let expected = crate::sqlite::link_entry(&self.hash, row.seq, &row.entry);
        if stored_hash != Some(hex::encode(expected).as_str()) {
            return Err(bad(
                "entry does not match the chain (edited, inserted or moved)",
            ));
        }
        self.seq = row.seq;
        self.hash = expected;
        self.entries += 1;
        Ok(())
    }

    pub fn head(&self) -> (i64, String) {
        (self.seq, hex::encode(self.hash))
    }
}

/// Checks a checkpoint against the chain: `hash_at` is the stored hash of the entry at its position, if any.
pub fn check_checkpoint(
    cp: &Checkpoint,
    public_key: &str,
    hash_at: Option<&str>,
    head_seq: i64,
) -> Result<(), Problem> {
    if !cp.signed_by(public_key) {
        return Err(Problem {
            seq: cp.seq,
            message: "checkpoint signature does not verify with this deployment's key".into(),
        });
    }
    if cp.seq > head_seq {
        return Err(Problem {
            seq: head_seq + 1,
            message: format!(
                "entries {} to {} were cut off after a signed checkpoint",
                head_seq + 1,
                cp.seq
            ),
        });
    }
    if cp.seq > 0 && hash_at != Some(cp.hash.as_str()) {
        return Err(Problem {
            seq: cp.seq,
            message: "the chain differs from a signed checkpoint (rewritten)".into(),
        });
    }
    Ok(())
}
