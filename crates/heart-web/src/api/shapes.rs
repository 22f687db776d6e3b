//! What the requests API sends: the types that are serialized are the types in the OpenAPI document (built from
//! the app's views with `new`/`From`), so the document cannot drift from the answers.

use heart_app::Actor;
use heart_app::care::{Encounter, FollowUp};
use heart_app::dispatch::{Recommendation, TeamNow, Transition};
use heart_app::intake::Request;
use heart_domain::ids::{EncounterId, FollowUpId, RequestId, SubjectId, TeamId};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A request for support. People's personal (sealed) fields go only to a signed-in person or a token made for a
/// person; to a token that acts for no person they are left out, and `personal_fields` says "withheld".
#[derive(Serialize, ToSchema)]
pub(crate) struct RequestOut {
    #[schema(value_type = String)]
    id: RequestId,
    /// The person this request is about (pseudonymous id): one person's requests share it.
    #[schema(value_type = String)]
    person: SubjectId,
    /// open (readable), withheld (left out for this token), erased (the person's data key was destroyed:
    /// personal fields are empty), or unreadable.
    personal_fields: &'static str,
    /// received, triaged, waiting, assigned, en_route, on_scene, closed or cancelled.
    status: &'static str,
    created_at: String,
    updated_at: String,
    /// phone, web, sms, partner or open311.
    channel: &'static str,
    /// person, on_behalf or partner.
    requester: &'static str,
    /// What is happening, in plain words (withheld).
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    location: LocationOut,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<ContactOut>,
    safe_contact: SafeContactOut,
    language: String,
    /// Screening answers: question id to answer id (withheld).
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<BTreeMap<String, String>>,
    triage: TriageOut,
    /// An EMS contact, if there was one: an exceptional event with its reason and the person's word.
    ems: EmsOut,
    #[schema(value_type = Option<String>)]
    team_id: Option<TeamId>,
    /// The outcome chosen with the person, once closed.
    outcome: Option<&'static str>,
    /// Send it back as `version` to refuse a change when someone else moved the request meanwhile.
    version: i64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct LocationOut {
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Option<String>>,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<Option<f64>>,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<Option<f64>>,
    /// The person preferred not to say where they are.
    withheld: bool,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ContactOut {
    name: Option<String>,
    phone: Option<String>,
}

/// How it is safe to reach the person. No message goes to a contact not marked safe for it.
#[derive(Serialize, ToSchema)]
pub(crate) struct SafeContactOut {
    text_ok: bool,
    voicemail_ok: bool,
    call_ok: bool,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<Option<String>>,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    code_word: Option<Option<String>>,
    /// The person asked for an interpreter. Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    interpreter: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct TriageOut {
    /// needs_screening, field_response, phone_support, referral_only, ems_medical or outside_scope.
    outcome: &'static str,
    /// 1-3 for field_response, null otherwise.
    priority: Option<u8>,
    rule: String,
    rationale: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct EmsOut {
    /// Why EMS was contacted (withheld).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Option<String>>,
    /// agreed, declined or could_not_ask.
    consent: Option<String>,
}

impl RequestOut {
    /// A request as the API shows it to `actor` (moved, not copied: the answer is built on every intake).
    pub(crate) fn new(actor: &Actor, r: Request) -> Self {
        let personal = actor.for_person();
        RequestOut {
            id: r.id,
            person: r.subject,
            personal_fields: if !personal && r.sealed.is_open() {
                "withheld"
            } else {
                r.sealed.as_str()
            },
            status: r.status.as_str(),
            created_at: r.created_at.to_string(),
            updated_at: r.updated_at.to_string(),
            channel: r.channel.as_str(),
            requester: r.requester.as_str(),
            summary: personal.then_some(r.summary),
            location: LocationOut {
                text: personal.then_some(r.location.text),
                lat: personal.then_some(r.location.lat),
                lon: personal.then_some(r.location.lon),
                withheld: r.location.withheld,
            },
            contact: personal.then_some(ContactOut {
                name: r.contact.name,
                phone: r.contact.phone,
            }),
            safe_contact: SafeContactOut {
                text_ok: r.safe_contact.text_ok,
                voicemail_ok: r.safe_contact.voicemail_ok,
                call_ok: r.safe_contact.call_ok,
                hours: personal.then_some(r.safe_contact.hours),
                code_word: personal.then_some(r.safe_contact.code_word),
                interpreter: personal.then_some(r.safe_contact.interpreter),
            },
            language: r.language,
            answers: personal.then_some(r.answers),
            triage: TriageOut {
                outcome: r.triage.outcome.as_str(),
                priority: r.triage.priority,
                rule: r.triage.rule,
                rationale: r.triage.rationale,
            },
            ems: EmsOut {
                reason: personal.then_some(r.ems_reason),
                consent: r.ems_consent,
            },
            team_id: r.team_id,
            outcome: r.outcome.map(|o| o.as_str()),
            version: r.version,
        }
    }
}

/// A request just taken: the request, the reference the person is given, and whether the team can come.
#[derive(Serialize, ToSchema)]
pub(crate) struct CreatedOut {
    #[serde(flatten)]
    pub request: RequestOut,
    /// What the person is given to quote: the last six characters of the id.
    pub reference: String,
    /// Whether the team is open, closed or full now, when that changes, a plain message and the alternatives
    /// (988, the Behavioral Health Help Line, 911). The request is kept in every case.
    #[schema(value_type = Object)]
    pub service: Value,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RequestList {
    pub requests: Vec<RequestOut>,
    /// How many the search found in all.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// One request with its timeline and encounter records.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequestDetailOut {
    #[serde(flatten)]
    pub request: RequestOut,
    pub history: Vec<StepOut>,
    /// The timeline: notes, tries to reach the person and handovers, newest first.
    pub notes: Vec<crate::care::notes::NoteOut>,
    pub encounters: Vec<EncounterOut>,
}

/// What a system that handed a request in (`submit`) reads back: its status and times, never its contents.
#[derive(Serialize, ToSchema)]
pub(crate) struct SubmittedOut {
    #[schema(value_type = String)]
    pub id: RequestId,
    pub status: &'static str,
    pub created_at: String,
    pub updated_at: String,
    pub channel: &'static str,
    pub history: Vec<SubmittedStepOut>,
}

/// `GET /api/v1/requests/{id}`: the whole request, or for a `submit` token its status and times.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub(crate) enum ShowOut {
    Request(Box<RequestDetailOut>),
    Submitted(SubmittedOut),
}

/// One step of a request's history.
#[derive(Serialize, ToSchema)]
pub(crate) struct StepOut {
    from: Option<&'static str>,
    to: &'static str,
    at: String,
    #[schema(value_type = Option<String>)]
    team_id: Option<TeamId>,
}

impl From<&Transition> for StepOut {
    fn from(t: &Transition) -> Self {
        StepOut {
            from: t.from.map(|s| s.as_str()),
            to: t.to.as_str(),
            at: t.at.to_string(),
            team_id: t.team_id,
        }
    }
}

/// One step of a request's history, without the team.
#[derive(Serialize, ToSchema)]
pub(crate) struct SubmittedStepOut {
    from: Option<&'static str>,
    to: &'static str,
    at: String,
}

impl From<&Transition> for SubmittedStepOut {
    fn from(t: &Transition) -> Self {
        SubmittedStepOut {
            from: t.from.map(|s| s.as_str()),
            to: t.to.as_str(),
            at: t.at.to_string(),
        }
    }
}

/// An encounter record. What was done and the person's own words go only where personal fields do.
#[derive(Serialize, ToSchema)]
pub(crate) struct EncounterOut {
    #[schema(value_type = String)]
    id: EncounterId,
    #[schema(value_type = Option<String>)]
    team_id: Option<TeamId>,
    needs: Vec<&'static str>,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<String>,
    /// Withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    own_words: Option<Option<String>>,
    outcome: &'static str,
    follow_up_consent: bool,
    follow_up_method: Option<&'static str>,
    created_at: String,
}

impl EncounterOut {
    pub(crate) fn new(actor: &Actor, e: &Encounter) -> Self {
        let personal = actor.for_person();
        EncounterOut {
            id: e.id,
            team_id: e.team_id,
            needs: e.needs.iter().map(|n| n.as_str()).collect(),
            actions: personal.then(|| e.actions.clone()),
            own_words: personal.then(|| e.own_words.clone()),
            outcome: e.outcome.as_str(),
            follow_up_consent: e.follow_up_consent,
            follow_up_method: e.follow_up_method.map(|m| m.as_str()),
            created_at: e.created_at.to_string(),
        }
    }
}

/// A team with its status now.
#[derive(Serialize, ToSchema)]
pub(crate) struct TeamOut {
    #[schema(value_type = String)]
    id: TeamId,
    name: String,
    /// available, assigned, en_route, on_scene, wrapping_up or off_shift.
    status: &'static str,
    on_shift: bool,
    status_at: String,
    lat: Option<f64>,
    lon: Option<f64>,
    position_at: Option<String>,
    base: BaseOut,
    /// Only in recommendations: straight-line distance, when both positions are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    distance_km: Option<Option<f64>>,
    /// Only in recommendations: minutes over the street network, when a way is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    eta_minutes: Option<Option<u32>>,
    /// Only in recommendations for a kind of request that needs a training (`training` on the list): whether
    /// someone on the team's shift now holds it. Such teams come first.
    #[serde(skip_serializing_if = "Option::is_none")]
    has_training: Option<bool>,
}

/// Where a team starts from.
#[derive(Serialize, ToSchema)]
pub(crate) struct BaseOut {
    lat: Option<f64>,
    lon: Option<f64>,
}

impl From<&TeamNow> for TeamOut {
    fn from(t: &TeamNow) -> Self {
        TeamOut {
            id: t.row.id,
            name: t.row.name.clone(),
            status: t.status.as_str(),
            on_shift: t.on_shift,
            status_at: t.row.status_at.to_string(),
            lat: t.row.lat,
            lon: t.row.lon,
            position_at: t.row.position_at.map(|p| p.to_string()),
            base: BaseOut {
                lat: t.row.base_lat,
                lon: t.row.base_lon,
            },
            distance_km: None,
            eta_minutes: None,
            has_training: None,
        }
    }
}

impl From<&Recommendation> for TeamOut {
    fn from(r: &Recommendation) -> Self {
        TeamOut {
            distance_km: Some(r.distance_km.map(|d| (d * 100.0).round() / 100.0)),
            eta_minutes: Some(r.eta_minutes()),
            has_training: r.has_training,
            ..TeamOut::from(&r.team)
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct TeamList {
    pub teams: Vec<TeamOut>,
    /// Only in recommendations: the training this kind of request needs (its screening rule names it), e.g.
    /// first_aid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training: Option<String>,
}

/// A follow-up the person agreed to.
#[derive(Serialize, ToSchema)]
pub(crate) struct FollowUpOut {
    #[schema(value_type = String)]
    id: FollowUpId,
    #[schema(value_type = String)]
    request_id: RequestId,
    due_at: String,
    /// Due now or overdue.
    due: bool,
    /// phone, text, visit or other.
    method: Option<&'static str>,
    /// How the last try went: reached, no_answer, rescheduled, declined or could_not_reach.
    result: Option<&'static str>,
    /// Tries made.
    tries: i64,
    /// When it was done (reached, declined, or could not reach), if it is.
    done_at: Option<String>,
    /// Whether someone has taken it ("mine" to them).
    taken: bool,
}

impl FollowUpOut {
    pub(crate) fn new(
        f: &FollowUp,
        request: RequestId,
        now: heart_domain::time::Timestamp,
    ) -> Self {
        FollowUpOut {
            id: f.id,
            request_id: request,
            due_at: f.due_at.to_string(),
            due: f.due_at <= now,
            method: f.method.map(|m| m.as_str()),
            result: f.result.map(|r| r.as_str()),
            tries: f.tries,
            done_at: f.done_at.map(|t| t.to_string()),
            taken: f.taken_by.is_some(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct FollowUpList {
    pub follow_ups: Vec<FollowUpOut>,
}

/// A follow-up marked done.
#[derive(Serialize, ToSchema)]
pub(crate) struct DoneOut {
    #[schema(value_type = String)]
    pub id: FollowUpId,
    pub done_at: Option<String>,
}
