//! Referrals, consent first and closed loop, and what partner organisations may do.
//!
//! A responder refers a person from their encounter to a service in the directory, recording what the person agreed
//! to share. The partner that runs the service sees its referrals, and only the shared details, in its own view, its
//! API and (if it asked for one) a signed webhook; all three are built by [`App::partner_view`], which applies the
//! consent rule again on every read. The partner accepts, declines with a reason, or marks the person connected;
//! the team sees the answer on its follow-up list, and a hand-off left unanswered or unconnected is flagged.
//!
//! Someone at a partner holds `partner` alone, tied to one directory organization: they see their own listings,
//! capacity and referrals, never another partner's and never a request or an encounter.

use crate::IntoViews;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{CallbackId, ReferralId, RequestId};
use heart_domain::intake::FieldErrors;
use heart_domain::referral::{self, DeclineReason, ReferralStatus, Share, Side};
use heart_domain::text::Words;
use heart_domain::time::Timestamp;
use heart_hsds::Kind;
use heart_store::outbox::{Outbox, Try};
use heart_store::referrals::{ReferralEvent, ReferralOp, ReferralRow, SharedDetails};
use heart_store::{ChangeSet, EncounterRow, Op, RequestRow, StoreError};
use serde::Serialize;
use std::collections::HashMap;

/// The longest note written with the person for the service.
pub const MAX_REFERRAL_NOTE: usize = 500;

crate::view! {
    /// One step of a referral's history.
    ReferralStep from heart_store::referrals::ReferralEvent {
        referral_id: heart_domain::ids::ReferralId,
        status: heart_domain::referral::ReferralStatus,
        reason: Option<heart_domain::referral::DeclineReason>,
        at: Timestamp,
        actor: String,
    }
}

crate::view! {
    /// A referral as the team's pages and the API show it.
    Referral from heart_store::referrals::ReferralRow {
        id: heart_domain::ids::ReferralId,
        request_id: heart_domain::ids::RequestId,
        encounter_id: Option<heart_domain::ids::EncounterId>,
        subject: heart_domain::ids::SubjectId,
        team_id: Option<heart_domain::ids::TeamId>,
        /// The directory service and its organization (HSDS ids).
        service_id: String,
        organization_id: String,
        /// What the person agreed to share.
        shared: Vec<heart_domain::referral::Share>,
        /// The shared values (empty when nothing was shared, when withdrawn, or once the person is erased).
        details: heart_domain::referral::SharedDetails,
        sealed: heart_domain::intake::SealState,
        status: heart_domain::referral::ReferralStatus,
        reason: Option<heart_domain::referral::DeclineReason>,
        created_at: Timestamp,
        created_by: String,
        /// When the next step is due (an answer, then the connection); none once it ended.
        due_at: Option<Timestamp>,
        updated_at: Timestamp,
        version: i64,
    }
}

/// A referral as entered by the responder.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ReferBody))]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// The directory service's HSDS id.
    pub service_id: String,
    /// What the person agreed to share: first_name, callback, needs, language, note. Empty shares nothing.
    #[serde(default)]
    pub share: Vec<String>,
    /// A few words written with the person for the service (needed when `note` is shared).
    pub note: Option<String>,
    /// The person agreed to be referred (required).
    #[serde(default)]
    pub consent: bool,
}

/// What a partner sees of a referral: the service, where it stands, and the details the person agreed to share.
/// No request, encounter, team, person or responder ids.
#[derive(Clone, Debug, Serialize)]
pub struct PartnerReferral {
    pub id: ReferralId,
    pub service_id: String,
    pub service_name: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    pub sent_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<String>,
    pub overdue: bool,
    /// The person's details were erased (at their request, or at the end of the retention period).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub erased: bool,
    /// The names of the fields the person agreed to share.
    pub shared: Vec<&'static str>,
    /// Their values (only those named in `shared`).
    pub person: SharedDetails,
    pub history: Vec<HistoryItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HistoryItem {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    pub at: String,
}

/// A referral on the team's side: the row, its service's name and its history.
#[derive(Clone, Debug)]
pub struct TeamReferral {
    pub row: Referral,
    pub service_name: String,
    pub organization_name: String,
    pub events: Vec<ReferralStep>,
    pub overdue: bool,
}

fn ts(t: Timestamp) -> String {
    t.to_string()
}

fn hours(h: i64) -> jiff::SignedDuration {
    jiff::SignedDuration::from_hours(h)
}

impl App {
    /// The organization a partner acts for (and the check that the actor is one).
    pub fn partner_org<'a>(&self, actor: &'a Actor) -> AppResult<&'a str> {
        actor.require(&[Capability::Partner])?;
        actor.organization.as_deref().ok_or(AppError::Forbidden(
            heart_domain::access::AccessError::Missing(Capability::Partner),
        ))
    }

    /// Whether the actor may act for the service's organization: the directory's keepers (`coordinate`) for any,
    /// a partner for its own. Another partner's service is "not found".
    pub(crate) async fn may_keep_service(
        &self,
        actor: &Actor,
        service_id: &str,
    ) -> AppResult<String> {
        actor.require(&[Capability::Coordinate, Capability::Partner])?;
        // Who runs it is read fresh: an import may have just moved the service to another organisation.
        self.refresh_directory().await?;
        let loaded = self.directory().await?;
        let service = loaded
            .dir
            .get(Kind::Service, service_id)
            .ok_or(AppError::NotFound)?;
        let org = service
            .get("organization_id")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        if actor.caps.has(Capability::Coordinate) {
            return Ok(org);
        }
        if actor.organization.as_deref() == Some(org.as_str()) {
            Ok(org)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Refers the person a request is about to a directory service, with what they agreed to share. Only the
    /// team that met them (or coordinators) can, and only once the encounter is recorded.
    pub async fn refer(
        &self,
        actor: &Actor,
        request: RequestId,
        input: ReferralInput,
    ) -> AppResult<Referral> {
        actor.require(&[Capability::Respond, Capability::Coordinate])?;
        let row = self.request_row(actor, request).await?;
        let encounter = self
            .store
            .encounters(request)
            .await?
            .into_iter()
            .last()
            .ok_or_else(|| {
                AppError::conflict(
                    "no-encounter",
                    "a referral is made from the encounter: record it first",
                )
            })?;
        let mut e = FieldErrors::default();
        if !input.consent {
            e.add("consent", "required");
        }
        let mut shares = Vec::new();
        for s in &input.share {
            match Share::parse(s) {
                Some(s) if !shares.contains(&s) => shares.push(s),
                Some(_) => {}
                None => e.add("share", "unknown"),
            }
        }
        shares.sort();
        let loaded = self.directory().await?;
        let service = loaded.dir.get(Kind::Service, input.service_id.trim());
        let organization = service
            .and_then(|s| s.get("organization_id"))
            .and_then(|v| v.as_str())
            .map(str::to_string);
        if service.is_none() {
            e.add("service_id", "unknown");
        }
        let note = input
            .note
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let details = shared_details(&row, &encounter, &shares, note, &mut e);
        // A note written but not ticked to share would be lost without a word: say so instead.
        if note.is_some() && !shares.contains(&Share::Note) {
            e.add("note", "not_chosen_to_share");
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let (service_id, organization) = (
            input.service_id.trim().to_string(),
            organization.unwrap_or_default(),
        );
        let already = || {
            AppError::conflict(
                "already-referred",
                "this person is already referred to this service, waiting for its answer",
            )
        };
        if self
            .store
            .referrals()
            .referrals_for_request(request)
            .await?
            .iter()
            .any(|x| x.service_id == service_id && x.status.is_open())
        {
            return Err(already());
        }
        let now = self.clock.now();
        let who = actor.audit_name();
        let r = ReferralRow {
            id: ReferralId::new(),
            request_id: request,
            encounter_id: Some(encounter.id),
            subject: row.subject,
            team_id: row.team_id,
            service_id: service_id.clone(),
            organization_id: organization.clone(),
            shared: shares.clone(),
            details,
            sealed: heart_store::SealState::Open,
            status: ReferralStatus::Sent,
            reason: None,
            created_at: now,
            created_by: who.clone(),
            due_at: Some(
                now.checked_add(hours(self.config.referral_answer_hours))
                    .unwrap_or(now),
            ),
            updated_at: now,
            version: 1,
        };
        let mut cs = ChangeSet::new().op(Op::Referral(ReferralOp::Insert(Box::new(r.clone()))));
        cs.push(Op::Referral(ReferralOp::QueueHook {
            id: CallbackId::new(),
            referral: r.id,
            organization_id: organization,
            event: "referral.created",
            at: now,
        }));
        cs.audit(AuditEntry::new(
            now,
            &who,
            "referral.create",
            "referral",
            &r.id.to_string(),
            // Which fields, never their values.
            &format!("service:{service_id} shared:{}", Share::to_list(&shares)),
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            // Two sends at once (a double click): the second finds the first.
            StoreError::Duplicate(_) => already(),
            other => erased(other),
        })?;
        Ok(r.into())
    }

    /// The team takes a referral back (the person changed their mind): what was shared is erased at once, and the
    /// partner is told (without any detail).
    pub async fn withdraw_referral(&self, actor: &Actor, id: ReferralId) -> AppResult<Referral> {
        actor.require(&[Capability::Respond, Capability::Coordinate])?;
        let r = self
            .store
            .referrals()
            .referral(id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.request_row(actor, r.request_id).await?;
        self.move_referral(actor, r, ReferralStatus::Withdrawn, None, Side::Team)
            .await
            .map(Into::into)
    }

    /// A partner's answer: accepted, declined (with a reason) or connected.
    pub async fn answer_referral(
        &self,
        actor: &Actor,
        id: ReferralId,
        status: &str,
        reason: Option<&str>,
    ) -> AppResult<PartnerReferral> {
        let org = self.partner_org(actor)?.to_string();
        let r = self
            .store
            .referrals()
            .referral(id)
            .await?
            .filter(|r| r.organization_id == org)
            .ok_or(AppError::NotFound)?;
        let to = ReferralStatus::parse(status)
            .filter(|s| {
                matches!(
                    s,
                    ReferralStatus::Accepted | ReferralStatus::Declined | ReferralStatus::Connected
                )
            })
            .ok_or_else(|| AppError::field("status", "invalid"))?;
        let reason = match reason.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                Some(DeclineReason::parse(s).ok_or_else(|| AppError::field("reason", "invalid"))?)
            }
        };
        if to == ReferralStatus::Declined && reason.is_none() {
            return Err(AppError::field("reason", "required"));
        }
        let reason = reason.filter(|_| to == ReferralStatus::Declined);
        let r = self
            .move_referral(actor, r, to, reason, Side::Partner)
            .await?;
        self.partner_view(&r).await
    }

    async fn move_referral(
        &self,
        actor: &Actor,
        mut r: ReferralRow,
        to: ReferralStatus,
        reason: Option<DeclineReason>,
        side: Side,
    ) -> AppResult<ReferralRow> {
        let status = referral::next(r.status, to, side, reason)
            .map_err(|e| AppError::conflict("referral-state", e.to_string()))?;
        let now = self.clock.now();
        let due_at = (status == ReferralStatus::Accepted).then(|| {
            now.checked_add(hours(self.config.referral_connect_hours))
                .unwrap_or(now)
        });
        // Withdrawn or declined, the service has no more use for what the person shared: it is erased.
        let clear = matches!(status, ReferralStatus::Withdrawn | ReferralStatus::Declined);
        let who = actor.audit_name();
        let mut cs = ChangeSet::new().op(Op::Referral(ReferralOp::Move {
            id: r.id,
            version: r.version,
            status,
            reason,
            due_at,
            clear,
            at: now,
            actor: who.clone(),
        }));
        if status == ReferralStatus::Withdrawn {
            cs.push(Op::Referral(ReferralOp::QueueHook {
                id: CallbackId::new(),
                referral: r.id,
                organization_id: r.organization_id.clone(),
                event: "referral.withdrawn",
                at: now,
            }));
        }
        cs.audit(AuditEntry::new(
            now,
            &who,
            "referral.status",
            "referral",
            &r.id.to_string(),
            &format!(
                "{}{}",
                status.as_str(),
                reason
                    .map(|r| format!(" reason:{}", r.as_str()))
                    .unwrap_or_default()
            ),
        ));
        self.store.apply(cs).await?;
        r.status = status;
        r.reason = reason;
        r.due_at = due_at;
        r.updated_at = now;
        r.version += 1;
        if clear {
            r.details = SharedDetails::default();
        }
        Ok(r)
    }

    /// What the partner sees of one referral: the consent rule applied again (only the fields named in `shared`;
    /// nothing once withdrawn). The page, the API, the webhook and a partner's answer all use this.
    pub(crate) async fn partner_view(&self, r: &ReferralRow) -> AppResult<PartnerReferral> {
        let loaded = self.directory().await?;
        let events = self.store.referrals().referral_events(r.id).await?;
        Ok(self.partner_view_of(r, &events, &loaded))
    }

    fn partner_view_of(
        &self,
        r: &ReferralRow,
        events: &[ReferralEvent],
        loaded: &crate::directory::Loaded,
    ) -> PartnerReferral {
        let service_name = loaded
            .dir
            .get(Kind::Service, &r.service_id)
            .and_then(|s| s.get("name"))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let erased = r.sealed == heart_store::SealState::Erased;
        let withdrawn = matches!(
            r.status,
            ReferralStatus::Withdrawn | ReferralStatus::Declined
        ) || r.sealed != heart_store::SealState::Open;
        let person = if withdrawn {
            SharedDetails::default()
        } else {
            r.details.clone().only(&r.shared)
        };
        PartnerReferral {
            id: r.id,
            service_id: r.service_id.clone(),
            service_name,
            status: r.status.as_str(),
            reason: r.reason.map(|x| x.as_str()),
            sent_at: ts(r.created_at),
            updated_at: ts(r.updated_at),
            due_at: r.due_at.filter(|_| r.status.is_open()).map(ts),
            overdue: r.overdue(self.clock.now()),
            erased,
            shared: if withdrawn {
                Vec::new()
            } else {
                r.shared.iter().map(|s| s.as_str()).collect()
            },
            person,
            history: events
                .iter()
                .map(|e| HistoryItem {
                    status: e.status.as_str(),
                    reason: e.reason.map(|x| x.as_str()),
                    at: ts(e.at),
                })
                .collect(),
        }
    }

    /// A partner's referrals, newest first (its own organization's only). Reading them is audited.
    /// The address of the partner's own referral hook, if they set one (its secret stays inside).
    pub async fn partner_hook(&self, actor: &Actor) -> AppResult<Option<String>> {
        let org = self.partner_org(actor)?;
        Ok(self.store.referrals().referral_hook(org).await?)
    }

    pub async fn partner_referrals(&self, actor: &Actor) -> AppResult<Vec<PartnerReferral>> {
        let org = self.partner_org(actor)?.to_string();
        self.audit_read_once(actor, "referrals.list", "organization", &org)
            .await?;
        let rows = self
            .store
            .referrals()
            .referrals_for_organization(&org, 500)
            .await?;
        // Their histories in one read, not one per referral.
        let mut events: HashMap<ReferralId, Vec<ReferralEvent>> = HashMap::new();
        for e in self
            .store
            .referrals()
            .referral_events_for_organization(&org)
            .await?
        {
            events.entry(e.referral_id).or_default().push(e);
        }
        let loaded = self.directory().await?;
        Ok(rows
            .iter()
            .map(|r| {
                let history = events.get(&r.id).map(Vec::as_slice).unwrap_or_default();
                self.partner_view_of(r, history, &loaded)
            })
            .collect())
    }

    /// One of a partner's referrals; another organization's is "not found".
    pub async fn partner_referral(
        &self,
        actor: &Actor,
        id: ReferralId,
    ) -> AppResult<PartnerReferral> {
        let org = self.partner_org(actor)?.to_string();
        let r = self
            .store
            .referrals()
            .referral(id)
            .await?
            .filter(|r| r.organization_id == org)
            .ok_or(AppError::NotFound)?;
        self.audit_read_once(actor, "referral.read", "referral", &id.to_string())
            .await?;
        self.partner_view(&r).await
    }

    async fn team_referral(&self, row: ReferralRow) -> AppResult<TeamReferral> {
        let loaded = self.directory().await?;
        let name = |kind, id: &str| {
            loaded
                .dir
                .get(kind, id)
                .and_then(|s| s.get("name"))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let events = self.store.referrals().referral_events(row.id).await?;
        Ok(TeamReferral {
            service_name: name(Kind::Service, &row.service_id),
            organization_name: name(Kind::Organization, &row.organization_id),
            overdue: row.overdue(self.clock.now()),
            events: events.views(),
            row: row.into(),
        })
    }

    /// The referrals made for a request, with their history.
    pub async fn referrals_for_request(
        &self,
        actor: &Actor,
        request: RequestId,
    ) -> AppResult<Vec<TeamReferral>> {
        self.request_row(actor, request).await?;
        let rows = self
            .store
            .referrals()
            .referrals_for_request(request)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(self.team_referral(r).await?);
        }
        Ok(out)
    }

    /// For the follow-up list: open referrals and those answered in the last 14 days, of the requests the actor
    /// may see; overdue ones first.
    pub async fn referrals_to_follow(
        &self,
        actor: &Actor,
    ) -> AppResult<Vec<(TeamReferral, crate::intake::Request)>> {
        actor.require(&[
            Capability::Coordinate,
            Capability::Dispatch,
            Capability::Respond,
        ])?;
        let since = self
            .clock
            .now()
            .checked_sub(hours(24 * 14))
            .unwrap_or(self.clock.now());
        let rows = self.store.referrals().referrals_to_follow(since).await?;
        let mut out = Vec::new();
        for r in rows {
            let Some(request) = self.store.request(r.request_id).await? else {
                continue;
            };
            if self.may_see(actor, &request).await.is_err() {
                continue;
            }
            out.push((self.team_referral(r).await?, request.into()));
        }
        out.sort_by_key(|(t, _)| (!t.overdue, !t.row.status.is_open(), t.row.updated_at));
        Ok(out)
    }

    /// Where a partner wants its referrals delivered: an https URL outside our own network (the outbound policy).
    /// Returns the new signing secret, shown once; `None` removes the hook.
    pub async fn set_referral_hook(
        &self,
        actor: &Actor,
        organization_id: &str,
        url: Option<&str>,
    ) -> AppResult<Option<String>> {
        let org = if actor.caps.has(Capability::Admin) {
            let loaded = self.directory().await?;
            loaded
                .dir
                .get(Kind::Organization, organization_id.trim())
                .ok_or_else(|| AppError::field("organization", "unknown"))?;
            organization_id.trim().to_string()
        } else {
            let own = self.partner_org(actor)?;
            if own != organization_id.trim() {
                return Err(AppError::NotFound);
            }
            own.to_string()
        };
        let hook = match url.map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(u) => {
                // Never inside our own network: checked now and again when sent.
                self.outbound
                    .check_saved(u)
                    .await
                    .map_err(|r| AppError::field("url", r.code()))?;
                let secret = format!("whsec_{}", heart_crypto::random_token(32));
                Some((u.to_string(), secret))
            }
        };
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Referral(ReferralOp::SetHook {
            organization_id: org.clone(),
            hook: hook
                .as_ref()
                .map(|(u, s)| (u.clone(), s.as_bytes().to_vec())),
            at: now,
            by: actor.audit_name(),
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            if hook.is_some() {
                "referral_hook.set"
            } else {
                "referral_hook.remove"
            },
            "organization",
            &org,
            "",
        ));
        self.store.apply(cs).await?;
        Ok(hook.map(|(_, s)| s))
    }

    /// Sends the referral notices due, signed like partners' callbacks (`X-Heart-Timestamp`, `X-Heart-Signature`,
    /// HMAC-SHA256 with the organization's secret). The body is built now, by [`App::partner_view`]: a withdrawal or
    /// an erasure since the notice was queued is respected.
    pub async fn send_due_referral_hooks(&self) -> AppResult<usize> {
        let now = self.clock.now();
        let due = self.store.referrals().referral_hooks_due(now, 50).await?;
        if due.is_empty() {
            return Ok(0);
        }
        let sender = self.outbound.sender();
        let mut sent = 0;
        for d in due {
            // Taken first, so two nodes never send the same notice (the other skips it).
            if !self.claim(Outbox::ReferralHooks, d.id, d.next_at).await? {
                continue;
            }
            let Some(r) = self.store.referrals().referral(d.referral_id).await? else {
                continue;
            };
            let view = self.partner_view(&r).await?;
            let body = serde_json::json!({
                "id": d.id,
                "event": d.event,
                "organization_id": d.organization_id,
                "referral": view,
            })
            .to_string();
            let outcome = crate::channels::post_signed(
                &sender,
                &d.url,
                &d.secret,
                Some(&d.event),
                body,
                d.attempts,
                now,
            )
            .await;
            if matches!(outcome, Try::Sent { .. }) {
                sent += 1;
            }
            self.settle(Outbox::ReferralHooks, d.id, d.attempts + 1, outcome)
                .await?;
        }
        Ok(sent)
    }
}

fn erased(e: StoreError) -> AppError {
    match e {
        StoreError::Refused("erased-person") => AppError::conflict(
            "erased-person",
            "this person's details were erased; a referral can share nothing of them",
        ),
        other => other.into(),
    }
}

/// What the person agreed to share, from their record; a field chosen but not on record is an error in `e`.
fn shared_details(
    row: &RequestRow,
    encounter: &EncounterRow,
    shares: &[Share],
    note: Option<&str>,
    e: &mut FieldErrors,
) -> SharedDetails {
    let mut details = SharedDetails::default();
    for s in shares {
        match s {
            Share::FirstName => match row.contact.name.as_deref().and_then(referral::first_name) {
                Some(n) => details.first_name = Some(n),
                None => e.add("share", "first_name_not_on_record"),
            },
            Share::Callback => match row.contact.phone.as_deref() {
                Some(p) if !p.trim().is_empty() => {
                    details.callback = Some(p.trim().into());
                    // The number carries the person's preferences with it.
                    details.callback_ways = Some(referral::CallbackWays {
                        call_ok: row.safe_contact.call_ok,
                        text_ok: row.safe_contact.text_ok,
                        voicemail_ok: row.safe_contact.voicemail_ok,
                        hours: row.safe_contact.hours.clone(),
                    });
                }
                _ => e.add("share", "callback_not_on_record"),
            },
            Share::Needs => {
                if encounter.needs.is_empty() {
                    e.add("share", "needs_not_on_record");
                }
                details.needs = encounter
                    .needs
                    .iter()
                    .map(|n| n.as_str().to_string())
                    .collect();
            }
            Share::Language => {
                if row.language.trim().is_empty() {
                    e.add("share", "language_not_on_record");
                } else {
                    details.language = Some(row.language.trim().into());
                }
            }
            Share::Note => match Words::up_to(MAX_REFERRAL_NOTE).required().parse(note) {
                Err(code) => e.add("note", code),
                Ok(n) => details.note = n,
            },
        }
    }
    details
}
