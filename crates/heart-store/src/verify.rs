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
    key: [u8; 32],
    seq: i64,
    hash: [u8; 32],
    /// When the newest entry was written.
    pub last_at: Option<Timestamp>,
    /// When the first entry was written.
    pub first_at: Option<Timestamp>,
    pub entries: i64,
}

impl ChainWalk {
    /// A walk under the chain's key (`Keyring::chain_key`).
    pub fn new(key: [u8; 32]) -> Self {
        ChainWalk {
            key,
            seq: 0,
            hash: chain::GENESIS,
            last_at: None,
            first_at: None,
            entries: 0,
        }
    }

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
        let expected = crate::sql::link_entry(&self.key, &self.hash, row.seq, &row.entry);
        let Some(stored_hash) = stored_hash else {
            return Err(bad(
                "entry has no hash (blanked: the chain is never filled in again once it exists)",
            ));
        };
        if stored_hash != hex::encode(expected) {
            return Err(bad(
                "entry does not match the chain (edited, inserted or moved)",
            ));
        }
        self.seq = row.seq;
        self.hash = expected;
        self.entries += 1;
        self.first_at.get_or_insert(row.entry.at);
        self.last_at = Some(row.entry.at);
        Ok(())
    }

    pub fn head(&self) -> (i64, String) {
        (self.seq, hex::encode(self.hash))
    }
}

/// How often a running heart signs a checkpoint of the chain's head.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Whether the stored checkpoints keep up with the chain. A running heart signs one every
/// [`CHECKPOINT_EVERY`] while entries are written, so entries that go on for more than twice that after the newest
/// checkpoint (or, with none at all, after the first entry) mean checkpoints were removed, or were never taken.
/// Measured between entries, not against the clock: a heart that was stopped for a week is not a broken chain.
pub fn check_freshness(
    newest: Option<&Checkpoint>,
    head_seq: i64,
    first_at: Option<Timestamp>,
    last_at: Option<Timestamp>,
) -> Result<(), Problem> {
    let (Some(first_at), Some(last_at)) = (first_at, last_at) else {
        return Ok(());
    };
    let limit = 2 * CHECKPOINT_EVERY.as_micros() as i64;
    let hours = |since: Timestamp| (to_micros(last_at) - to_micros(since)) / 3_600_000_000;
    match newest {
        None if to_micros(last_at) - to_micros(first_at) > limit => Err(Problem {
            seq: 1,
            message: format!(
                "no signed checkpoint, though the entries span {} hours (heart signs one every hour while it                  runs): the checkpoints were removed",
                hours(first_at)
            ),
        }),
        Some(cp) if head_seq > cp.seq && to_micros(last_at) - to_micros(cp.at) > limit => {
            Err(Problem {
                seq: cp.seq + 1,
                message: format!(
                    "entries go on for {} hours after the newest signed checkpoint (heart signs one every hour while                  it runs): newer checkpoints were removed",
                    hours(cp.at)
                ),
            })
        }
        _ => Ok(()),
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
    const KEY: [u8; 32] = [9; 32];

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
                prev = crate::sql::link_entry(&KEY, &prev, seq, &row.entry);
                (row, hex::encode(prev))
            })
            .collect()
    }

    fn first_problem(rows: &[(AuditRow, String)]) -> Option<i64> {
        let mut walk = ChainWalk::new(KEY);
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
    fn checkpoints_must_keep_up_with_the_entries() {
        let at = |h: i64| from_micros(1_800_000_000_000_000 + h * 3_600_000_000);
        let cp = |seq, h| Checkpoint {
            seq,
            hash: String::new(),
            at: at(h),
            public_key: String::new(),
            signature: String::new(),
        };
        // None, entries within two hours (a new deployment): fine; spanning three: the checkpoints were removed.
        assert_eq!(check_freshness(None, 5, Some(at(0)), Some(at(2))), Ok(()));
        let p = check_freshness(None, 5, Some(at(0)), Some(at(3))).unwrap_err();
        assert_eq!(p.seq, 1);
        assert!(p.message.contains("no signed checkpoint"), "{}", p.message);
        // Entries three hours after the newest checkpoint: newer ones were removed.
        let p = check_freshness(Some(&cp(40, 0)), 60, Some(at(-5)), Some(at(3))).unwrap_err();
        assert_eq!(p.seq, 41);
        // A heart stopped for a week and started again: the checkpoint covers the head.
        assert_eq!(
            check_freshness(Some(&cp(60, 0)), 60, Some(at(-5)), Some(at(0))),
            Ok(())
        );
        assert_eq!(check_freshness(None, 0, None, None), Ok(()));
    }

    #[test]
    fn a_blanked_hash_is_named() {
        let rows = chain(5);
        let mut walk = ChainWalk::new(KEY);
        walk.push(&rows[0].0, Some(&rows[0].1)).unwrap();
        let p = walk.push(&rows[1].0, None).unwrap_err();
        assert_eq!(p.seq, 2);
        assert!(p.message.contains("no hash"), "{}", p.message);
    }

    #[test]
    fn another_key_does_not_verify() {
        let rows = chain(3);
        let mut walk = ChainWalk::new([1; 32]);
        assert_eq!(walk.push(&rows[0].0, Some(&rows[0].1)).unwrap_err().seq, 1);
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
