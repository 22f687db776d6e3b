//! Trust: what the deployment holds and for how long, reads that leave a trace, erasure (crypto-shredding) with an
//! erasure log kept outside the database, retention.

use crate::IntoViews;
use crate::intake::Request;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{RequestId, SubjectId};
use heart_domain::time::{Timestamp, from_micros, to_micros};
use heart_store::TrustOp;
use heart_store::{ChangeSet, Op};
use jiff::SignedDuration;
use std::io::Write;
use std::path::Path;

crate::view! {
    /// A request for a second person's approval.
    Approval from heart_store::ApprovalRow {
        id: heart_domain::ids::ApprovalId,
        kind: heart_domain::access::ApprovalKind,
        subject: Option<heart_domain::ids::SubjectId>,
        request_id: Option<heart_domain::ids::RequestId>,
        target_user: Option<heart_domain::ids::UserId>,
        capabilities: Option<heart_domain::access::Capabilities>,
        /// A code ("person_asked", ...), never free text.
        reason: String,
        /// Audit names (`user:<id>`).
        requested_by: String,
        requested_at: heart_domain::time::Timestamp,
        status: heart_domain::access::ApprovalStatus,
        decided_by: Option<String>,
        decided_at: Option<heart_domain::time::Timestamp>,
        decline_reason: Option<String>,
        done_at: Option<heart_domain::time::Timestamp>,
        version: i64,
    }
}

crate::view! {
    /// One entry of the audit chain, with its place in it.
    AuditLine from heart_store::AuditRow {
        seq: i64,
        entry: heart_domain::audit::AuditEntry,
    }
}

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
    pub async fn read_request(&self, actor: &Actor, id: RequestId) -> AppResult<Request> {
        let r = self.request_row(actor, id).await?;
        self.audit_read(actor, "request.read", &id.to_string())
            .await?;
        Ok(r.into())
    }

    /// Audits a read that repeats on its own (live refreshes): once per actor, record and ten minutes.
    pub(crate) async fn audit_read_once(
        &self,
        actor: &Actor,
        action: &str,
        kind: &str,
        id: &str,
    ) -> AppResult<()> {
        let key = (actor.audit_name(), format!("{action}:{id}"));
        self.audit_read_keyed(actor, key, action, kind, id, "")
            .await
    }

    /// A list read (the board, the request list, the follow-ups): one entry per person, list and set of
    /// requests in ten minutes, naming every request the list showed (compactly, see [`list_mark`]), so a
    /// person's "who looked at my record" shows bulk reads too.
    pub(crate) async fn audit_list_read(
        &self,
        actor: &Actor,
        action: &str,
        kind: &str,
        id: &str,
        requests: &[RequestId],
    ) -> AppResult<()> {
        let mut marks: Vec<String> = requests.iter().map(|r| list_mark(*r)).collect();
        marks.sort_unstable();
        marks.dedup();
        let detail = format!("requests: {}", marks.join(" "));
        let set = heart_crypto::sha256_hex(&detail);
        let key = (actor.audit_name(), format!("{action}:{id}:{set}"));
        self.audit_read_keyed(actor, key, action, kind, id, &detail)
            .await
    }

    /// Writes a read's audit entry unless the same `key` was written in the last ten minutes.
    async fn audit_read_keyed(
        &self,
        actor: &Actor,
        key: (String, String),
        action: &str,
        kind: &str,
        id: &str,
        detail: &str,
    ) -> AppResult<()> {
        const WINDOW: std::time::Duration = std::time::Duration::from_secs(600);
        {
            let mut seen = self.read_seen.lock().unwrap_or_else(|p| p.into_inner());
            if seen.len() > 50_000 {
                seen.retain(|_, t| t.elapsed() < WINDOW);
            }
            if seen.get(&key).is_some_and(|t| t.elapsed() < WINDOW) {
                return Ok(());
            }
            seen.insert(key, std::time::Instant::now());
        }
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            action,
            kind,
            id,
            detail,
        ));
        self.store.apply(cs).await?;
        Ok(())
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
                AppError::backend("cannot write the erasure log")
            })?;
        }
        let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
            id: subject,
            at: now,
            reason: reason.into(),
        }));
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
                Err(AppError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        // Retries come within minutes; a day of idempotency keys is plenty.
        self.store
            .forget_idempotency_keys(self.clock.now() - SignedDuration::from_hours(24))
            .await?;
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

    /// Re-applies the erasure log to a database (`after` "restore" or "import"): returns how many people it
    /// erased again.
    pub async fn reapply_erasures(&self, actor: &Actor, after: &str) -> AppResult<usize> {
        let Some(log) = &self.config.erasure_log else {
            return Ok(0);
        };
        let entries = read_erasures(log).map_err(AppError::backend)?;
        let mut again = 0;
        for (subject, _) in entries {
            let Some(row) = self.store.subject(subject).await? else {
                continue;
            };
            if row.erased_at.is_some() {
                continue;
            }
            let mut cs = ChangeSet::new().op(Op::Trust(TrustOp::EraseSubject {
                id: subject,
                at: self.clock.now(),
                reason: format!("erasure re-applied after {after}"),
            }));
            cs.audit(AuditEntry::new(
                self.clock.now(),
                &actor.audit_name(),
                "person.erase",
                "person",
                &subject.to_string(),
                &format!("re-applied after {after}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_we_hold_lists_every_sealed_field() {
        let items = inventory(&crate::AppConfig::default());
        let covered: Vec<&str> = items
            .iter()
            .flat_map(|i| i.fields.iter().copied())
            .collect();
        for f in heart_store::seal::SEALED_FIELDS {
            assert!(covered.contains(f), "{f} is missing from what-we-hold");
        }
    }

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

/// One kind of personal data the deployment holds.
#[derive(Clone, Debug, serde::Serialize)]
pub struct InventoryItem {
    pub what: &'static str,
    /// The stored fields this covers (`table.field`), when they are sealed personal fields.
    pub fields: &'static [&'static str],
    pub why: &'static str,
    pub kept: String,
    pub who_can_see: &'static str,
    pub how_protected: &'static str,
}

/// The honest answer to "what do you hold about people?": every kind of personal data, why, for how long, who sees
/// it. Kept beside the code that stores it; a test checks every sealed field is listed.
pub fn inventory(config: &crate::AppConfig) -> Vec<InventoryItem> {
    let days = config.retention_days;
    let kept = format!(
        "{days} days after the person's last contact, then erased automatically, unless the person asked us to keep it"
    );
    let sealed = "encrypted with a key for this one person; erasing the person destroys the key";
    vec![
        InventoryItem {
            fields: &["requests.summary", "requests.answers"],
            what: "What happened, in the caller's words (request summary) and screening answers",
            why: "to send the right people and bring the right things",
            kept: kept.clone(),
            who_can_see: "call-takers, dispatchers, coordinators; responders on the team that went",
            how_protected: sealed,
        },
        InventoryItem {
            fields: &["requests.location_text", "requests.lat", "requests.lon"],
            what: "Where the person is (place description and map position)",
            why: "to find the person",
            kept: kept.clone(),
            who_can_see: "call-takers, dispatchers, coordinators; responders on the team that went",
            how_protected: sealed,
        },
        InventoryItem {
            fields: &["requests.contact_name", "requests.contact_phone"],
            what: "Name and phone number, if the person gave them (help is also given anonymously)",
            why: "to reach the person back, only in the ways they said are safe",
            kept: kept.clone(),
            who_can_see: "call-takers, dispatchers, coordinators; responders on the team that went",
            how_protected: "encrypted as above; the phone number is also kept as a keyed fingerprint (not reversible) so a repeat caller's record stays one record",
        },
        InventoryItem {
            fields: &[
                "requests.safe_hours",
                "requests.code_word",
                "requests.interpreter",
            ],
            what: "When and how it is safe to contact the person, a code word, and whether they asked for an \
                   interpreter",
            why: "so that contacting them never puts them in danger",
            kept: kept.clone(),
            who_can_see: "call-takers, dispatchers, coordinators; responders on the team that went",
            how_protected: sealed,
        },
        InventoryItem {
            fields: &["encounters.actions", "encounters.own_words"],
            what: "What the team did, and the person's own words about it (encounter record)",
            why: "continuity of care and follow-up the person agreed to",
            kept: kept.clone(),
            who_can_see: "coordinators, dispatchers; responders on the team that went",
            how_protected: sealed,
        },
        InventoryItem {
            fields: &["follow_ups.done_note"],
            what: "Follow-up notes",
            why: "to check in as agreed",
            kept: kept.clone(),
            who_can_see: "coordinators, dispatchers; responders on the team that went",
            how_protected: sealed,
        },
        InventoryItem {
            fields: &[
                "mutual_aid.notes",
                "mutual_aid.proof",
                "mutual_aid.payee_name",
                "mutual_aid.decline_reason",
                "mutual_aid.proof_name",
            ],
            what: "Notes on money the team paid for a person (mutual aid), who was paid (a utility, a landlord), why a request was declined, and the receipt or proof of payment with its file name",
            why: "so two people can check a payment before it is made, and the books can show where money went",
            kept: kept.clone(),
            who_can_see: "the responder who asked, and people who hold finance",
            how_protected: "encrypted as above; the amount, purpose and payee type stay for the books, and the \
                            ledger names the aid request, never the person",
        },
        InventoryItem {
            fields: &["referrals.sealed"],
            what: "What a person agreed to share with a service they were referred to (first name, a call-back \
                   number, needs, language, a note: only what they chose)",
            why: "so the service can reach them; nothing they did not agree to is ever sent",
            kept: kept.clone(),
            who_can_see: "the partner organisation it was sent to (only those details); coordinators; responders \
                          on the team that went",
            how_protected: "encrypted as above; withdrawing the referral or erasing the person removes it, and the \
                            partner never sees the request, the encounter or any other detail",
        },
        InventoryItem {
            fields: &["sms_messages.sealed"],
            what: "Text messages to and from the person, and the number they texted from",
            why: "to talk with someone who asked for support by text; updates go only if they said texting is safe",
            kept: kept.clone(),
            who_can_see: "call-takers, dispatchers, coordinators; responders on the team that went",
            how_protected: "encrypted as above; a number that texted STOP is kept only as a keyed fingerprint, so \
                            nothing is sent to it until it texts START. The text-message provider (Twilio) also \
                            keeps each message it carried, with the number, in its own logs, under its own terms; \
                            when a person is erased here, heart asks the provider to delete their messages too \
                            (tried again until it answers), and the provider's own logs of calls to its API are \
                            outside what heart can erase",
        },
    ]
    .into_iter()
    .chain(held_by_others(&kept))
    .collect()
}

/// What partners' alerts, donors, legal demands, EMS calls, counts and the audit log hold.
fn held_by_others(kept: &str) -> Vec<InventoryItem> {
    vec![
        InventoryItem {
            fields: &["partner_alerts.held"],
            what: "A partner's alert while it waits for the partner's timer (what they saw, and where)",
            why: "so an alarm like \"someone has sheltered here over an hour\" reaches the team, not the police, \
                  only once the time is up",
            kept: "until the timer runs out (then it becomes a request, as above) or the partner says the person \
                   left (then it is deleted)"
                .into(),
            who_can_see: "nobody while it waits; then as a request",
            how_protected: "encrypted under the server's key; the place is kept only as a keyed fingerprint for \
                            joining repeated alerts",
        },
        InventoryItem {
            fields: &[],
            what: "Donors' names and email addresses, their gifts and messages",
            why: "to send receipts and yearly giving statements, and to keep honest books",
            kept: "as long as the books must be kept (seven years after the gift by default practice)".into(),
            who_can_see: "people who hold finance; never joined with the records of people the team serves",
            how_protected: "kept in their own tables, apart from care records; receipts and statements are \
                            emailed through the organisation's own mail server, and logs keep only its answer \
                            codes, never an address; backups are as protected as the server",
        },
        InventoryItem {
            fields: &[
                "legal_demands.reference",
                "legal_demands.asked",
                "legal_demands.handed_over",
            ],
            what: "Legal demands for records (a subpoena, a court order, any demand for data): who asked, their \
                   reference, what they asked for, and what, if anything, was handed over",
            why: "so two people review every demand, the person is told unless a court forbids it, and the team \
                  can show what it refused",
            kept: "the register stays; the words of a demand about a person are erased with the person".into(),
            who_can_see: "coordinators",
            how_protected: "a demand about a person is encrypted with that person's key, so erasing the person \
                            erases its words; one about nobody in particular is encrypted under the server's key",
        },
        InventoryItem {
            fields: &["requests.ems_reason"],
            what: "Why emergency medical services were called, and whether the person agreed",
            why: "an emergency call is an exceptional, recorded event",
            kept: kept.to_string(),
            who_can_see: "call-takers, dispatchers, coordinators",
            how_protected: "the reason is encrypted as above; whether the person agreed is kept as a choice",
        },
        InventoryItem {
            fields: &[],
            what: "Times, statuses, outcomes, needs categories, language (no names)",
            why: "to run the service and to report counts to funders and the city",
            kept: "for good, as counts; they cannot be tied back to a person once the person's data is erased".into(),
            who_can_see: "everyone on the team; only counts leave the team",
            how_protected: "kept in the database; backups are as protected as the server",
        },
        InventoryItem {
            fields: &[],
            what: "Who looked at or changed a person's record (audit log, with pseudonymous ids only)",
            why: "so nobody reaches a person's data without leaving a trace",
            kept: "for good; it holds no personal data".into(),
            who_can_see: "coordinators; the person, in their export",
            how_protected: "each entry is chained to the one before and the chain is signed, so edits show",
        },
    ]
}

/// What a coordinator needs to know is working.
#[derive(Clone, Debug, Default)]
pub struct Health {
    pub last_backup: Option<(Timestamp, u64)>,
    pub backups: usize,
    pub backup_overdue: bool,
    pub free_bytes: Option<u64>,
    pub disk_low: bool,
    /// Since when writes fail because the disk is full.
    pub disk_full_since: Option<Timestamp>,
    /// Messages waiting to go out (no outbound messages exist yet: always 0).
    pub outbox_backlog: u64,
    pub audit_entries: i64,
    pub retention_days: i64,
}

impl Health {
    pub fn warnings(&self) -> bool {
        self.backup_overdue || self.disk_low || self.disk_full_since.is_some()
    }
}

impl App {
    pub async fn health(&self, actor: &Actor) -> AppResult<Health> {
        actor.require(&[Capability::Coordinate])?;
        let mut h = Health {
            retention_days: self.config.retention_days,
            audit_entries: self.store.audit_count().await?,
            ..Health::default()
        };
        if let Some(dir) = &self.config.backup_dir
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            for e in entries.flatten() {
                let name = e.file_name();
                let Some(name) = name.to_str() else { continue };
                if !(name.starts_with("heart-") && name.ends_with(".db")) {
                    continue;
                }
                h.backups += 1;
                if let Ok(meta) = e.metadata()
                    && let Ok(modified) = meta.modified()
                    && let Ok(t) = Timestamp::try_from(modified)
                    && h.last_backup.is_none_or(|(last, _)| t > last)
                {
                    h.last_backup = Some((t, meta.len()));
                }
            }
        }
        let hours = self.config.backup_hours;
        h.backup_overdue = hours > 0
            && h.last_backup
                .is_none_or(|(t, _)| self.clock.now() - SignedDuration::from_hours(2 * hours) > t);
        if let Some(dir) = &self.config.data_dir {
            h.free_bytes = fs4::available_space(dir).ok();
            h.disk_low = h.free_bytes.is_some_and(|b| b < 1024 * 1024 * 1024);
        }
        h.disk_full_since = self.store.db_health().await?.disk_full_since;
        Ok(h)
    }

    /// The latest audit entries, for coordinators, with staff accounts named (people served never are).
    pub async fn audit_page(
        &self,
        actor: &Actor,
    ) -> AppResult<(Vec<AuditLine>, std::collections::HashMap<String, String>)> {
        actor.require(&[Capability::Coordinate])?;
        let rows = self.store.audit_recent(300).await?;
        let names = self.staff_names().await?;
        Ok((rows.views(), names))
    }

    /// Audit names (`user:<id>`) of staff accounts to their usernames.
    pub async fn staff_names(&self) -> AppResult<std::collections::HashMap<String, String>> {
        Ok(self
            .store
            .users()
            .await?
            .into_iter()
            .map(|u| (format!("user:{}", u.id), u.username))
            .collect())
    }
}

/// How a list's audit entry names a request: the last 12 hex digits of its id (48 random bits: enough to tell
/// the requests of one deployment apart, at a third of the length).
pub fn list_mark(id: RequestId) -> String {
    let s = id.to_string();
    s[s.len() - 12..].to_string()
}
