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
        let expected = crate::sql::link_entry(&self.hash, row.seq, &row.entry);
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

#[cfg(test)]
mod tests {
    use super::*;
    use heart_domain::audit::AuditEntry;
    use heart_domain::time::from_micros;
    use proptest::prelude::*;

    /// A well-formed chain of `n` entries: rows and their stored hashes.
    fn chain(n: usize) -> Vec<(AuditRow, String)> {
        let mut prev = chain::GENESIS;
        (1..=n as i64)
            .map(|seq| {
                let entry = AuditEntry::new(
                    from_micros(1_800_000_000_000_000 + seq),
                    &format!("user:{}", seq % 3),
                    "request.read",
                    "request",
                    &format!("r{}", seq % 5),
                    "",
                );
                let row = AuditRow { seq, entry };
                prev = crate::sql::link_entry(&prev, seq, &row.entry);
                (row, hex::encode(prev))
            })
            .collect()
    }

    fn first_problem(rows: &[(AuditRow, String)]) -> Option<i64> {
        let mut walk = ChainWalk::default();
        for (row, hash) in rows {
            if let Err(p) = walk.push(row, Some(hash)) {
                return Some(p.seq);
            }
        }
        None
    }

    #[derive(Debug, Clone)]
    enum Tamper {
        Edit(usize),
        Delete(usize),
        Insert(usize),
        Swap(usize),
    }

    fn tamper() -> impl Strategy<Value = Tamper> {
        prop_oneof![
            (0usize..1000).prop_map(Tamper::Edit),
            (0usize..1000).prop_map(Tamper::Delete),
            (0usize..1000).prop_map(Tamper::Insert),
            (0usize..1000).prop_map(Tamper::Swap),
        ]
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(first_problem(&chain(50)), None);
    }

    proptest! {
        /// Any single edit, deletion (except of the last entries, which needs a checkpoint), insertion or swap is
        /// found, at the first entry it touches.
        #[test]
        fn any_single_tampering_is_found(n in 3usize..60, t in tamper()) {
            let mut rows = chain(n);
            let expected = match t {
                Tamper::Edit(i) => {
                    let i = i % n;
                    rows[i].0.entry.detail.push('x');
                    i as i64 + 1
                }
                Tamper::Delete(i) => {
                    let i = i % (n - 1);
                    rows.remove(i);
                    i as i64 + 1
                }
                Tamper::Insert(i) => {
                    // A copy of an entry, renumbered into place, with everything after renumbered too.
                    let i = i % n;
                    let mut extra = rows[i].clone();
                    extra.0.entry.id = heart_domain::ids::AuditId::new();
                    rows.insert(i, extra);
                    for (k, r) in rows.iter_mut().enumerate() {
                        r.0.seq = k as i64 + 1;
                    }
                    i as i64 + 1
                }
                Tamper::Swap(i) => {
                    let i = i % (n - 1);
                    let (a, b) = (rows[i].0.entry.clone(), rows[i + 1].0.entry.clone());
                    rows[i].0.entry = b;
                    rows[i + 1].0.entry = a;
                    i as i64 + 1
                }
            };
            prop_assert_eq!(first_problem(&rows), Some(expected));
        }
    }
}
