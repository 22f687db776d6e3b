//! Correcting a request after intake: its summary, place, language, safe-contact preferences and (once closed
//! with an encounter) the needs named then. A correction is made on the version read (a stale one is refused),
//! and the audit names the fields changed, never their values.

use super::*;
use heart_domain::intake::{Correction, CorrectionInput};
use heart_store::CareOp;

impl App {
    /// Corrects a request: each field given replaces the one held. Only a person (signed in, or a token made for
    /// one) corrects, since the fields are sealed; the request must still be readable (not erased). Answers with
    /// the request as it now is; a correction that changes nothing writes nothing.
    pub async fn correct_request(
        &self,
        actor: &Actor,
        id: RequestId,
        input: CorrectionInput,
    ) -> AppResult<Request> {
        self.may(actor, crate::doing::Doing::CorrectRequests)?;
        if !actor.for_person() {
            return Err(AppError::conflict(
                "people-only",
                "only a person signed in (or a token made for one) corrects a request",
            ));
        }
        let c: Correction = input.parse().map_err(AppError::Invalid)?;
        let mut row = self.request_row(actor, id).await?;
        if row.sealed != SealState::Open {
            return Err(AppError::conflict(
                "erased-person",
                "this person's record was erased: nothing more can be kept about them",
            ));
        }
        if row.version != c.version {
            return Err(AppError::conflict(
                "changed-meanwhile",
                "someone changed this request meanwhile; read it again",
            ));
        }
        let mut changed: Vec<&str> = Vec::new();
        if let Some(s) = c.summary
            && s != row.summary
        {
            row.summary = s;
            changed.push("summary");
        }
        if let Some(mut l) = c.location {
            // New words and no point: the point the geocoder is sure of, as at intake.
            if !l.withheld
                && l.lat.is_none()
                && let Some(text) = l.text.as_deref()
                && let Some((lat, lon)) = self.place(text, GEOCODE_SURE)
            {
                l.lat = Some(lat);
                l.lon = Some(lon);
            }
            if l != row.location {
                row.location = l;
                row.facts.neighbourhood = self.hood(&row);
                changed.push("location");
            }
        }
        if let Some(l) = c.language
            && l != row.language
        {
            row.language = l;
            changed.push("language");
        }
        if let Some(s) = c.safe_contact
            && s != row.safe_contact
        {
            row.safe_contact = s;
            changed.push("safe_contact");
        }
        let mut needs_op = None;
        if let Some(needs) = c.needs {
            let encounter = self
                .store
                .encounters(id)
                .await?
                .into_iter()
                .max_by_key(|e| e.created_at)
                .ok_or_else(|| AppError::field("needs", "no_encounter"))?;
            if needs != encounter.needs {
                needs_op = Some(Op::Care(CareOp::SetNeeds {
                    encounter: encounter.id,
                    needs,
                }));
                changed.push("needs");
            }
        }
        if changed.is_empty() {
            return Ok(row.into());
        }
        let now = self.clock.now();
        row.updated_at = now;
        let mut cs = ChangeSet::new().op(Op::Request(RequestOp::UpdateRequest(row.clone())));
        if let Some(op) = needs_op {
            cs.push(op);
        }
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "request.correct",
            "request",
            &id.to_string(),
            &changed.join(","),
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            heart_store::StoreError::Conflict => AppError::conflict(
                "changed-meanwhile",
                "someone changed this request meanwhile; read it again",
            ),
            e => e.into(),
        })?;
        row.version += 1;
        self.publish(request_event(EventKind::RequestUpdated, &row));
        Ok(row.into())
    }
}

/// A correction, or a screening done again, as the request's page lists it: when, by whom, and what (the fields'
/// names, or the two outcomes), never the values.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: Timestamp,
    /// The name colleagues see, or empty for a system.
    pub by: String,
    /// "corrected" or "screened_again".
    pub kind: &'static str,
    /// The fields corrected, or the outcome before and after.
    pub what: Vec<String>,
}

impl App {
    /// The corrections and screenings again of a request, oldest first (from the audit log, which holds them).
    pub async fn request_changes(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<Change>> {
        self.request_row(actor, id).await?;
        let mut names: std::collections::HashMap<String, String> = Default::default();
        let mut out = Vec::new();
        for a in self.store.audit_for("request", &id.to_string()).await? {
            let (kind, what) = match a.entry.action.as_str() {
                "request.correct" => (
                    "corrected",
                    a.entry.detail.split(',').map(str::to_string).collect(),
                ),
                "request.screen_again" => (
                    "screened_again",
                    a.entry.detail.split(" -> ").map(str::to_string).collect(),
                ),
                _ => continue,
            };
            let by = match names.get(&a.entry.actor) {
                Some(n) => n.clone(),
                None => {
                    let n = match a.entry.actor.strip_prefix("user:").map(str::parse) {
                        Some(Ok(uid)) => self
                            .store
                            .user(uid)
                            .await?
                            .map(|u| u.display_name)
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    names.insert(a.entry.actor.clone(), n.clone());
                    n
                }
            };
            out.push(Change {
                at: a.entry.at,
                by,
                kind,
                what,
            });
        }
        out.sort_by_key(|c| c.at);
        Ok(out)
    }
}
