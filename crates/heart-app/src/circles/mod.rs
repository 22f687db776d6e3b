//! Circles: conflict and harm worked through with everyone involved. A coordinator or a facilitator opens one with
//! two or more facilitators (accounts holding `circle`); from then on only those facilitators read or change
//! anything in it, `admin` included in "anyone else". Each person in it has their own data key: their role words,
//! language, safe-contact words, safety plan and the notes from conversations with them are sealed under it, so
//! erasing one person destroys only their words. The circle's title, its agreements' commitments and its check-ins'
//! notes are under the circle's own key. Every read of a circle's words is an audited read.

mod records;
mod work;

pub use records::CircleExport;
pub use work::{CheckInInput, CheckInResultInput, CommitmentUpdate, ConsentInput};

use crate::doing::Doing;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::circle::{CommitmentStatus, ConsentTo, Stage};
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use heart_store::ChangeSet;
use heart_store::circles::{CirclePersonRow, CircleRow, ConsentRow};
use serde::{Deserialize, Serialize};

/// `[circles]`: how long a circle's words are kept after it closes or ends, in days (then every key it holds is
/// destroyed: the people's and the circle's own).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CirclesConfig {
    pub retention_days: i64,
}

impl Default for CirclesConfig {
    fn default() -> Self {
        CirclesConfig {
            retention_days: 730,
        }
    }
}

/// A circle as its facilitators see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Circle {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CircleId,
    pub title: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub request_id: Option<RequestId>,
    /// opened, pre_meetings, circle, agreement, check_ins, closed, paused or ended.
    pub stage: &'static str,
    /// The furthest stage in order it reached.
    pub reached: &'static str,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub opened_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub closed_at: Option<Timestamp>,
    /// The facilitators' usernames.
    pub facilitators: Vec<String>,
    pub people: Vec<CirclePerson>,
    /// Newest first.
    pub notes: Vec<CircleNote>,
    pub agreements: Vec<Agreement>,
    pub check_ins: Vec<CheckIn>,
    pub stages: Vec<StageMove>,
    /// Goes up with every change; a stale edit is refused.
    pub version: i64,
}

/// A person in a circle. `role_words` is none once they are erased (pages say "a participant").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CirclePerson {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CirclePersonId,
    pub role_words: Option<String>,
    pub language: Option<String>,
    pub contact: Option<String>,
    /// Not withdrawn (and not erased).
    pub taking_part: bool,
    pub erased: bool,
    /// The latest answer to each: none when never asked.
    pub agreed_to_take_part: Option<bool>,
    pub agreed_to_meet: Option<bool>,
    pub safety_plan: Option<SafetyPlan>,
}

/// A person's safety plan (facilitators only).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SafetyPlanBody))]
#[serde(deny_unknown_fields)]
pub struct SafetyPlan {
    /// Who they can call.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub who_to_call: Option<String>,
    /// What they want to happen if they feel unsafe.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub if_unsafe: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CircleNote {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CircleNoteId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub person_id: CirclePersonId,
    /// None once the person is erased.
    pub text: Option<String>,
    pub author: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: AgreementId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub made_at: Timestamp,
    pub commitments: Vec<Commitment>,
    /// The people who consented to it (it is shown to them).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub consented: Vec<CirclePersonId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Commitment {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CommitmentId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub person_id: CirclePersonId,
    /// Who committed, by their role words; none once they are erased ("a participant").
    pub role_words: Option<String>,
    pub text: Option<String>,
    /// YYYY-MM-DD.
    pub due: String,
    /// open, kept, in_progress or not_kept.
    pub status: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckIn {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CheckInId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub due_at: Timestamp,
    /// reached, no_answer, rescheduled, declined or could_not_reach; none while waiting.
    pub result: Option<String>,
    pub note: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub done_at: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageMove {
    pub stage: &'static str,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: Timestamp,
    pub by: String,
}

/// A line of the circles list: no words of anyone in it, only the title its facilitator sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CircleLine {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CircleId,
    pub title: Option<String>,
    pub stage: &'static str,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub opened_at: Timestamp,
    /// When the next check-in not yet done is due, if one is scheduled.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub next_check_in: Option<Timestamp>,
    /// Whether that check-in's day has passed.
    pub check_in_overdue: bool,
}

/// Where each person's consents stand: the latest answer to each question.
pub(crate) struct Consents<'a>(pub &'a [ConsentRow]);

impl Consents<'_> {
    pub(crate) fn latest(
        &self,
        person: CirclePersonId,
        what: ConsentTo,
        agreement: Option<AgreementId>,
    ) -> Option<bool> {
        self.0
            .iter()
            .rev()
            .find(|c| c.person_id == person && c.what == what && c.agreement_id == agreement)
            .map(|c| c.given)
    }
}

pub(crate) fn taking_part(p: &CirclePersonRow) -> bool {
    p.withdrawn_at.is_none() && p.words.is_some()
}

impl App {
    /// The circle, if the actor is one of its facilitators: 404 when there is no such circle, 403 for anyone
    /// else (a coordinator who opened it without facilitating it, an admin, a token acting for nobody).
    pub(crate) async fn circle_row(&self, actor: &Actor, id: CircleId) -> AppResult<CircleRow> {
        let c = self
            .store
            .circles()
            .circle(id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.may(actor, Doing::Circles)?;
        let facilitates = match actor.kind {
            ActorKind::User(u) => c.facilitators.contains(&u),
            _ => false,
        };
        if !facilitates {
            return Err(AppError::Forbidden(
                heart_domain::access::AccessError::Missing(
                    heart_domain::access::Capability::Circle,
                ),
            ));
        }
        if c.purged_at.is_some() {
            return Err(AppError::NotFound);
        }
        Ok(c)
    }

    /// The circles the actor facilitates, newest first (capability `circle`; a coordinator without it sees none).
    pub async fn circles(&self, actor: &Actor) -> AppResult<Vec<CircleLine>> {
        self.may(actor, Doing::OpenCircle)?;
        let ActorKind::User(me) = actor.kind else {
            return Ok(Vec::new());
        };
        if !actor.caps.has(heart_domain::access::Capability::Circle) {
            return Ok(Vec::new());
        }
        let store = self.store.circles();
        let now = self.clock.now();
        let next: std::collections::HashMap<CircleId, Timestamp> =
            store.next_check_ins().await?.into_iter().collect();
        Ok(store
            .circles()
            .await?
            .into_iter()
            .filter(|c| c.facilitators.contains(&me) && c.purged_at.is_none())
            .map(|c| {
                let next_check_in = next.get(&c.id).copied().filter(|_| !c.stage.is_done());
                CircleLine {
                    id: c.id,
                    title: c.title,
                    stage: c.stage.as_str(),
                    opened_at: c.opened_at,
                    next_check_in,
                    check_in_overdue: next_check_in.is_some_and(|d| d < now),
                }
            })
            .collect())
    }

    /// The accounts that may facilitate (active, holding `circle`), as (username, name), for the opening form.
    pub async fn facilitator_choices(&self, actor: &Actor) -> AppResult<Vec<(String, String)>> {
        self.may(actor, Doing::OpenCircle)?;
        let mut out: Vec<(String, String)> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| {
                u.active
                    && u.organization_id.is_none()
                    && u.capabilities.has(heart_domain::access::Capability::Circle)
            })
            .map(|u| (u.username, u.display_name))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }

    /// A circle with its people, notes, agreements and check-ins, for one of its facilitators; an audited read.
    pub async fn circle(&self, actor: &Actor, id: CircleId) -> AppResult<Circle> {
        let c = self.circle_row(actor, id).await?;
        let mut cs = ChangeSet::new();
        cs.audit(AuditEntry::new(
            self.clock.now(),
            &actor.audit_name(),
            "circle.read",
            "circle",
            &id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.circle_view(c).await
    }

    /// The circle as stored now (after a change), as its facilitators see it.
    pub(crate) async fn circle_as_stored(&self, id: CircleId) -> AppResult<Circle> {
        let c = self
            .store
            .circles()
            .circle(id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.circle_view(c).await
    }

    pub(crate) async fn circle_view(&self, c: CircleRow) -> AppResult<Circle> {
        let store = self.store.circles();
        let people = store.circle_people(c.id).await?;
        let consents = store.circle_consents(c.id).await?;
        let commitments = store.commitments(c.id).await?;
        let users = self.store.users().await?;
        let name_of = |u: &UserId| {
            users
                .iter()
                .find(|x| x.id == *u)
                .map(|x| x.username.clone())
                .unwrap_or_default()
        };
        let audit_name = |a: &str| -> String {
            a.strip_prefix("user:")
                .and_then(|u| u.parse::<UserId>().ok())
                .map(|u| name_of(&u))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| a.to_string())
        };
        let consent = Consents(&consents);
        let role_of = |p: CirclePersonId| {
            people
                .iter()
                .find(|x| x.id == p)
                .and_then(|x| x.words.as_ref())
                .map(|w| w.role_words.clone())
        };
        let agreements = store
            .agreements(c.id)
            .await?
            .into_iter()
            .map(|a| Agreement {
                id: a.id,
                made_at: a.made_at,
                consented: people
                    .iter()
                    .filter(|p| {
                        taking_part(p)
                            && consent.latest(p.id, ConsentTo::Agreement, Some(a.id)) == Some(true)
                    })
                    .map(|p| p.id)
                    .collect(),
                commitments: commitments
                    .iter()
                    .filter(|m| m.agreement_id == a.id)
                    .map(|m| Commitment {
                        id: m.id,
                        person_id: m.person_id,
                        role_words: role_of(m.person_id),
                        text: m.text.clone(),
                        due: m.due_on.clone(),
                        status: m.status.as_str(),
                    })
                    .collect(),
            })
            .collect();
        Ok(Circle {
            id: c.id,
            title: c.title,
            request_id: c.request_id,
            stage: c.stage.as_str(),
            reached: c.reached.as_str(),
            opened_at: c.opened_at,
            closed_at: c.closed_at,
            facilitators: c.facilitators.iter().map(name_of).collect(),
            people: people
                .iter()
                .map(|p| CirclePerson {
                    id: p.id,
                    role_words: p.words.as_ref().map(|w| w.role_words.clone()),
                    language: p.words.as_ref().and_then(|w| w.language.clone()),
                    contact: p.words.as_ref().and_then(|w| w.contact.clone()),
                    taking_part: taking_part(p),
                    erased: p.words.is_none(),
                    agreed_to_take_part: consent.latest(p.id, ConsentTo::TakePart, None),
                    agreed_to_meet: consent.latest(p.id, ConsentTo::JointMeeting, None),
                    safety_plan: p.plan.as_ref().map(|s| SafetyPlan {
                        who_to_call: Some(s.who_to_call.clone()).filter(|x| !x.is_empty()),
                        if_unsafe: Some(s.if_unsafe.clone()).filter(|x| !x.is_empty()),
                    }),
                })
                .collect(),
            notes: store
                .circle_notes(c.id)
                .await?
                .into_iter()
                .map(|n| CircleNote {
                    id: n.id,
                    person_id: n.person_id,
                    text: n.text,
                    author: n.author_name,
                    at: n.created_at,
                })
                .collect(),
            agreements,
            check_ins: store
                .check_ins(c.id)
                .await?
                .into_iter()
                .map(|k| CheckIn {
                    id: k.id,
                    due_at: k.due_at,
                    result: k.result,
                    note: k.note,
                    done_at: k.done_at,
                })
                .collect(),
            stages: store
                .circle_stages(c.id)
                .await?
                .into_iter()
                .map(|s| StageMove {
                    stage: s.stage.as_str(),
                    at: s.at,
                    by: audit_name(&s.moved_by),
                })
                .collect(),
            version: c.version,
        })
    }
}

/// The stages a facilitator may choose from on the page, in order.
pub fn stages() -> Vec<&'static str> {
    Stage::ALL.iter().map(|s| s.as_str()).collect()
}

/// The statuses a check-in may give a commitment.
pub fn commitment_statuses() -> Vec<&'static str> {
    CommitmentStatus::ALL.iter().map(|s| s.as_str()).collect()
}
