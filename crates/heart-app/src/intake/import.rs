//! Past requests from a spreadsheet (`heart import requests FILE.csv --map MAP.toml`): the rows read by the
//! domain's map (`heart_domain::import`), each a closed request of its day, sealed under a new person's key and
//! audited like any other. A dry run reports what would be made and what is refused (by line); applying writes
//! all rows in one change set, or nothing.

use super::*;
use heart_domain::ids::EncounterId;
use heart_domain::import::{PastRequest, RequestsMap};
use heart_domain::intake::{Location, Requester};
use heart_domain::triage::Triage;
use heart_store::{CareOp, EncounterRow};

/// What an import did, or would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Rows that are (or would be) requests.
    pub made: usize,
    /// Rows refused: the line in the file and why (the field and what is wrong; never the cell's words).
    pub refused: Vec<(u64, String)>,
}

impl App {
    /// Imports past requests from CSV (`admin` or `coordinate`). With `apply` false nothing is written; with it,
    /// every row is written in one change set, or none when any row is refused. A missing column or a file that
    /// is not CSV is an error for the whole file.
    pub async fn import_requests(
        &self,
        actor: &Actor,
        csv_text: &[u8],
        map: &RequestsMap,
        apply: bool,
    ) -> AppResult<ImportReport> {
        actor.require(&[Capability::Admin, Capability::Coordinate])?;
        let digest = self.not_imported_before("requests", csv_text).await?;
        let tz = jiff::tz::TimeZone::get(&self.config.hours.timezone)
            .map_err(|_| AppError::field("timezone", "invalid"))?;
        let read = map
            .read(csv_text, &tz, self.clock.now())
            .map_err(AppError::Invalid)?;
        let report = ImportReport {
            made: read.rows.len(),
            refused: read.refused,
        };
        if !apply || !report.refused.is_empty() || read.rows.is_empty() {
            return Ok(report);
        }
        let mut cs = ChangeSet::new();
        let who = actor.audit_name();
        for r in read.rows {
            self.past_request_ops(&mut cs, &who, r);
        }
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &who,
            "requests.import",
            "requests",
            "import",
            &report.made.to_string(),
        ));
        cs.push(self.import_op(digest, "requests", report.made, &who));
        self.apply_import(cs).await?;
        Ok(report)
    }

    /// The digest of a file to import (SHA-256 of its kind and bytes); a file imported before is refused (409),
    /// saying when, so the same file twice does not double the history or the books.
    pub(crate) async fn not_imported_before(&self, kind: &str, bytes: &[u8]) -> AppResult<String> {
        let digest = heart_crypto::sha256_hex_bytes(&[kind.as_bytes(), b"\0", bytes].concat());
        if let Some(done) = self.store.history().imported(&digest).await? {
            return Err(imported_already(done.at));
        }
        Ok(digest)
    }

    /// The op that keeps a file's import, in the change set of its rows.
    pub(crate) fn import_op(&self, digest: String, kind: &str, rows: usize, who: &str) -> Op {
        Op::Imported(heart_store::history::ImportRow {
            digest,
            kind: kind.into(),
            rows: rows as i64,
            actor: who.into(),
            at: self.clock.now(),
        })
    }

    /// Applies an import's change set; the same file applied at once twice (two commands) writes once.
    pub(crate) async fn apply_import(&self, cs: ChangeSet) -> AppResult<()> {
        match self.store.apply(cs).await {
            Err(heart_store::StoreError::Duplicate("import")) => {
                Err(imported_already(self.clock.now()))
            }
            other => Ok(other?),
        }
    }

    /// The change set's part for one past request: a new person, the request closed at its moment with the
    /// outcome, its two steps, the encounter with the needs, and an audit entry.
    fn past_request_ops(&self, cs: &mut ChangeSet, who: &str, r: PastRequest) {
        let (id, subject) = (RequestId::new(), SubjectId::new());
        let mut location = Location {
            text: r.place,
            ..Location::default()
        };
        if let Some(text) = location.text.as_deref()
            && let Some((lat, lon)) = self.place(text, GEOCODE_SURE)
        {
            location.lat = Some(lat);
            location.lon = Some(lon);
        }
        cs.push(Op::Trust(TrustOp::NewSubject {
            id: subject,
            at: r.at,
        }));
        // Counted by its neighbourhood; whether the team was open then is not known.
        let facts = heart_store::RequestFacts {
            neighbourhood: self.hood_at(&location),
            availability: None,
        };
        cs.push(Op::Request(RequestOp::InsertRequest(RequestRow {
            id,
            subject,
            sealed: SealState::Open,
            created_at: r.at,
            updated_at: r.at,
            channel: r.channel,
            requester: Requester::Person,
            summary: r.summary,
            location,
            contact: Contact::default(),
            safe_contact: SafeContact::default(),
            language: r.language,
            answers: Default::default(),
            triage: Triage::unscreened(),
            ems_reason: None,
            ems_consent: None,
            status: Status::Closed,
            team_id: None,
            outcome: Some(r.outcome),
            version: 1,
            facts,
        })));
        for (from, to) in [
            (None, Status::Received),
            (Some(Status::Received), Status::Closed),
        ] {
            cs.push(Op::Request(RequestOp::InsertTransition(TransitionRow {
                request_id: id,
                from,
                to,
                team_id: None,
                at: r.at,
                actor: who.to_string(),
            })));
        }
        cs.push(Op::Care(CareOp::InsertEncounter(EncounterRow {
            id: EncounterId::new(),
            request_id: id,
            team_id: None,
            needs: r.needs,
            actions: String::new(),
            own_words: None,
            outcome: r.outcome,
            follow_up_consent: false,
            follow_up_method: None,
            created_at: r.at,
            created_by: who.to_string(),
        })));
        cs.audit(AuditEntry::new(
            self.clock.now(),
            who,
            "request.import",
            "request",
            &id.to_string(),
            r.channel.as_str(),
        ));
    }
}

fn imported_already(at: heart_domain::time::Timestamp) -> AppError {
    AppError::conflict(
        "imported-already",
        format!(
            "this file was imported already ({}); nothing was written",
            at.strftime("%Y-%m-%d %H:%M UTC")
        ),
    )
}
