//! Trust: what the deployment holds and for how long, reads that leave a trace, erasure (crypto-shredding) with an
//! erasure log kept outside the database, retention.

use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{RequestId, SubjectId};
use heart_domain::time::{Timestamp, from_micros, to_micros};
use heart_store::{ChangeSet, Op, RequestRow, SealState};
use jiff::SignedDuration;
use std::io::Write;
use std::path::Path;

/// The erasure log: one line per erased person, `v1 <subject id> <unix micros>`. Pseudonymous ids only.
pub fn append_erasure(path: &Path, subject: SubjectId, at: Timestamp) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(f, "v1 {subject} {}", to_micros(at))?;
    f.sync_all()
}

/// Reads the erasure log. Lines it cannot read are reported by number, never skipped silently.
pub fn read_erasures(path: &Path) -> Result<Vec<(SubjectId, Timestamp)>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read the erasure log: {}", e.kind())),
    };
    parse_erasures(&text)
}

pub fn parse_erasures(text: &str) -> Result<Vec<(SubjectId, Timestamp)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split(' ').collect();
        let parsed = match parts.as_slice() {
            ["v1", id, at] => id
                .parse::<SubjectId>()
                .ok()
                .zip(at.parse::<i64>().ok().map(from_micros)),
            _ => None,
        };
        match parsed {
            Some(e) => out.push(e),
            None => return Err(format!("the erasure log has an unreadable line {}", n + 1)),
        }
    }
    Ok(out)
}

/// What retention did.
#[derive(Clone, Debug, Default)]
pub struct RetentionReport {
    pub cutoff: Option<Timestamp>,
    pub erased: usize,
}

impl App {
    /// Reads a request for a person (a page or the API): leaves an audit entry in the same transaction.
    pub async fn read_request(&self, actor: &Actor, id: RequestId) -> AppResult<RequestRow> {
        let r = self.get_request(actor, id).await?;
        self.audit_read(actor, "request.read", &id.to_string())
            .await?;
        Ok(r)
    }

    pub(crate) async fn audit_read(&self, actor: &Actor, action: &str, id: &str) -> AppResult<()> {
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            action,
            "request",
            id,
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Destroys a person's data key (after recording the erasure outside the database, so no restore brings
    /// them back). Callers check who may do this; the CLI and retention call it directly.
    pub(crate) async fn shred(
        &self,
        actor: &Actor,
        subject: SubjectId,
        reason: &str,
    ) -> AppResult<()> {
        let now = self.clock.now();
        if let Some(log) = &self.config.erasure_log {
            append_erasure(log, subject, now).map_err(|e| {
                tracing::error!(error = %e.kind(), "cannot write the erasure log");
                AppError::Store(heart_store::StoreError::Backend(
                    "cannot write the erasure log".into(),
                ))
            })?;
        }
        let mut cs = ChangeSet::new().op(Op::EraseSubject {
            id: subject,
            at: now,
            reason: reason.into(),
        });
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "person.erase",
            "person",
            &subject.to_string(),
            reason,
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Applies the retention policy: identifying data of people with no contact for `retention_days` (and
    /// nothing open) is erased, unless they asked to keep it. Counts of requests and outcomes stay.
    pub async fn run_retention(&self, actor: &Actor) -> AppResult<RetentionReport> {
        actor.require(&[Capability::Admin])?;
        let cutoff = self.clock.now() - SignedDuration::from_hours(24 * self.config.retention_days);
        let due = self.store.retention_due(cutoff).await?;
        let mut erased = 0;
        for s in due {
            match self.shred(actor, s, "retention").await {
                Ok(()) => erased += 1,
                // Erased meanwhile by someone else: nothing left to do.
                Err(AppError::Store(heart_store::StoreError::NotFound)) => {}
                Err(e) => return Err(e),
            }
        }
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "retention.run",
            "deployment",
            "retention",
            &format!("erased={erased}"),
        ));
        self.store.apply(cs).await?;
        Ok(RetentionReport {
            cutoff: Some(cutoff),
            erased,
        })
    }

    /// Re-applies the erasure log to a database (after a restore): returns how many people it erased again.
    pub async fn reapply_erasures(&self, actor: &Actor) -> AppResult<usize> {
        let Some(log) = &self.config.erasure_log else {
            return Ok(0);
        };
        let entries =
            read_erasures(log).map_err(|m| AppError::Store(heart_store::StoreError::Backend(m)))?;
        let mut again = 0;
        for (subject, _) in entries {
            let Some(row) = self.store.subject(subject).await? else {
                continue;
            };
            if row.erased_at.is_some() {
                continue;
            }
            let mut cs = ChangeSet::new().op(Op::EraseSubject {
                id: subject,
                at: self.clock.now(),
                reason: "erasure re-applied after restore".into(),
            });
            cs.audit(AuditEntry::new(
                self.clock.now(),
                &actor.audit_name(),
                "person.erase",
                "person",
                &subject.to_string(),
                "re-applied after restore",
            ));
            self.store.apply(cs).await?;
            again += 1;
        }
        Ok(again)
    }

    /// An audit entry for an operation on the deployment (backup, restore, key rotation).
    pub async fn record_operation(
        &self,
        actor: &Actor,
        action: &str,
        detail: &str,
    ) -> AppResult<()> {
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            action,
            "deployment",
            action,
            detail,
        ));
        self.store.apply(cs).await?;
        Ok(())
    }
}

/// Whether a request's personal fields can be shown.
pub fn readable(r: &RequestRow) -> bool {
    r.sealed == SealState::Open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erasure_log_round_trips_and_names_bad_lines() {
        let s = SubjectId::new();
        let text = format!("v1 {s} 1700000000000000\n\n");
        let back = parse_erasures(&text).unwrap();
        assert_eq!(back[0].0, s);
        assert_eq!(
            parse_erasures(&format!("{text}v2 x y\n")).unwrap_err(),
            "the erasure log has an unreadable line 3"
        );
    }
}
