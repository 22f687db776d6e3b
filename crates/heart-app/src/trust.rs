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
    /// Circles whose keys were destroyed (`[circles] retention_days` after they closed).
    pub circles: usize,
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
    /// Notes a person's key's end in the erasure log (when one is set) before it is destroyed, so that no
    /// restore of an older backup brings them back.
    pub(crate) fn log_erasure(&self, subject: SubjectId, now: Timestamp) -> AppResult<()> {
        if let Some(log) = &self.config.erasure_log {
            append_erasure(log, subject, now).map_err(|e| {
                tracing::error!(error = %e.kind(), "cannot write the erasure log");
                AppError::backend("cannot write the erasure log")
            })?;
        }
        Ok(())
    }

    pub(crate) async fn shred(
        &self,
        actor: &Actor,
        subject: SubjectId,
        reason: &str,
    ) -> AppResult<()> {
        let now = self.clock.now();
        self.log_erasure(subject, now)?;
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
        let circles = self.purge_circles(actor).await?;
        // Retries come within minutes; a day of idempotency keys is plenty.
        self.store
            .forget_idempotency_keys(self.clock.now() - SignedDuration::from_hours(24))
            .await?;
        // Sessions that ended by time go too (they no longer work; this only tidies them away).
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Auth(heart_store::AuthOp::PurgeSessions {
            now,
            idle_since: now - SignedDuration::from_mins(self.config.idle_minutes),
        }));
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
            circles,
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
        let items = inventory();
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

/// One kind of personal data the deployment holds. The words are message ids (`locales/*/main.ftl`), so the page
/// says them in the reader's language; `inv-kept-days` takes the retention period as `days`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct InventoryItem {
    /// What it is (the message id; `<what>-why` says why it is held).
    pub what: &'static str,
    /// The stored fields this covers (`table.field`), when they are sealed personal fields.
    pub fields: &'static [&'static str],
    pub why: &'static str,
    pub kept: &'static str,
    pub who_can_see: &'static str,
    pub how_protected: &'static str,
}

/// Kept for the retention period after the person's last contact, then erased.
const KEPT: &str = "inv-kept-days";
/// Kept `[circles] retention_days` after the circle closes; `days` is that setting.
pub const CIRCLE_KEPT: &str = "inv-circle-kept";
/// Sealed under the person's own key.
const SEALED: &str = "inv-sealed";
/// Those who take, send and coordinate requests, and the team that went.
const WHO_REQUEST: &str = "inv-who-request";
/// Those who send and coordinate, and the team that went.
const WHO_CARE: &str = "inv-who-care";

const fn item(
    what: &'static str,
    why: &'static str,
    fields: &'static [&'static str],
    kept: &'static str,
    who_can_see: &'static str,
    how_protected: &'static str,
) -> InventoryItem {
    InventoryItem {
        what,
        fields,
        why,
        kept,
        who_can_see,
        how_protected,
    }
}

/// The honest answer to "what do you hold about people?": every kind of personal data, why, for how long, who sees
/// it. Kept beside the code that stores it; a test checks every sealed field is listed.
pub fn inventory() -> Vec<InventoryItem> {
    vec![
        item(
            "inv-request",
            "inv-request-why",
            &["requests.summary", "requests.answers"],
            KEPT,
            WHO_REQUEST,
            SEALED,
        ),
        item(
            "inv-place",
            "inv-place-why",
            &["requests.location_text", "requests.lat", "requests.lon"],
            KEPT,
            WHO_REQUEST,
            SEALED,
        ),
        item(
            "inv-contact",
            "inv-contact-why",
            &["requests.contact_name", "requests.contact_phone"],
            KEPT,
            WHO_REQUEST,
            "inv-contact-how",
        ),
        item(
            "inv-safe",
            "inv-safe-why",
            &[
                "requests.safe_hours",
                "requests.code_word",
                "requests.interpreter",
            ],
            KEPT,
            WHO_REQUEST,
            SEALED,
        ),
        item(
            "inv-encounter",
            "inv-encounter-why",
            &["encounters.actions", "encounters.own_words"],
            KEPT,
            WHO_CARE,
            SEALED,
        ),
        item(
            "inv-follow-up",
            "inv-follow-up-why",
            &["follow_ups.done_note", "request_notes.sealed"],
            KEPT,
            WHO_CARE,
            SEALED,
        ),
        item(
            "inv-aid",
            "inv-aid-why",
            &[
                "mutual_aid.notes",
                "mutual_aid.proof",
                "mutual_aid.payee_name",
                "mutual_aid.decline_reason",
                "mutual_aid.proof_name",
            ],
            KEPT,
            "inv-aid-who",
            "inv-aid-how",
        ),
        item(
            "inv-referral",
            "inv-referral-why",
            &["referrals.sealed"],
            KEPT,
            "inv-referral-who",
            "inv-referral-how",
        ),
        item(
            "inv-sms",
            "inv-sms-why",
            &["sms_messages.sealed"],
            KEPT,
            WHO_REQUEST,
            "inv-sms-how",
        ),
        item(
            "inv-alert",
            "inv-alert-why",
            &["partner_alerts.held"],
            "inv-alert-kept",
            "inv-alert-who",
            "inv-alert-how",
        ),
    ]
    .into_iter()
    .chain(about_the_work())
    .collect()
}

/// What the inventory lists beyond a person's own record: the team's own numbers, donors, legal demands, EMS,
/// counts, outreach and the audit log.
fn about_the_work() -> Vec<InventoryItem> {
    vec![
        item(
            "inv-team-phone",
            "inv-team-phone-why",
            &["alert_ways.sealed"],
            "inv-team-phone-kept",
            "inv-team-phone-who",
            "inv-team-phone-how",
        ),
        item(
            "inv-donor",
            "inv-donor-why",
            &["supply_moves.donor_name"],
            "inv-donor-kept",
            "inv-donor-who",
            "inv-donor-how",
        ),
        item(
            "inv-legal",
            "inv-legal-why",
            &[
                "legal_demands.reference",
                "legal_demands.asked",
                "legal_demands.handed_over",
            ],
            "inv-legal-kept",
            "inv-legal-who",
            "inv-legal-how",
        ),
        item(
            "inv-ems",
            "inv-ems-why",
            &["requests.ems_reason"],
            KEPT,
            "inv-ems-who",
            "inv-ems-how",
        ),
        item(
            "inv-outreach",
            "inv-outreach-why",
            &["outreach_codes.code"],
            "inv-outreach-kept",
            "inv-outreach-who",
            "inv-outreach-how",
        ),
        item(
            "inv-circle",
            "inv-circle-why",
            &[
                "circles.sealed",
                "circle_people.sealed",
                "circle_people.plan",
                "circle_notes.sealed",
                "circle_commitments.sealed",
                "circle_check_ins.sealed",
            ],
            CIRCLE_KEPT,
            "inv-circle-who",
            "inv-circle-how",
        ),
        item(
            "inv-counts",
            "inv-counts-why",
            &[],
            "inv-counts-kept",
            "inv-counts-who",
            "inv-counts-how",
        ),
        item(
            "inv-audit",
            "inv-audit-why",
            &[],
            "inv-audit-kept",
            "inv-audit-who",
            "inv-audit-how",
        ),
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
    /// What `heart doctor` finds (outside services not asked), faults first.
    pub findings: Vec<crate::doctor::Finding>,
    /// How the last `backup_after` command went on this node.
    pub backup_after: Option<crate::doctor::HookRun>,
}

impl Health {
    pub fn warnings(&self) -> bool {
        self.backup_overdue
            || self.disk_low
            || self.disk_full_since.is_some()
            || !self.findings.is_empty()
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
        if let Some(dir) = &self.config.backup_dir {
            (h.backups, h.last_backup) = crate::doctor::backups(dir);
        }
        h.backup_overdue = crate::doctor::backup_late(
            h.last_backup.map(|(t, _)| t),
            self.config.backup_hours,
            self.clock.now(),
        );
        if let Some(dir) = &self.config.data_dir {
            h.free_bytes = fs4::available_space(dir).ok();
            h.disk_low = h.free_bytes.is_some_and(|b| b < 1024 * 1024 * 1024);
        }
        h.disk_full_since = self.store.db_health().await?.disk_full_since;
        h.findings = self.doctor(actor).await?;
        h.backup_after = self.last_backup_after();
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
