//! Circles: several people, each with their own data key, and the circle's own key. A person's role words,
//! language, safe-contact words, safety plan and the notes from conversations with them are sealed under their key;
//! the circle's title, its commitments' words and its check-ins' notes under the circle's. Every row names which
//! key it is under by its join; an erased key leaves the row with its words `None`.
//!
//! A change that depends on the circle as read (a person added, a consent, a stage move, an agreement) carries the
//! circle's version and moves it on, so two facilitators acting at once cannot both be right about a stale circle.

use crate::backend::{Bind, Db, Run};
use crate::seal::{open_json, seal_json};
use crate::sql::{Tx, backend, guarded, us, write_err};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use heart_crypto::keys::{Aad, Keys};
use heart_domain::circle::{CommitmentStatus, ConsentTo, PersonWords, Stage};
use heart_domain::ids::*;
use heart_domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A circle as kept. `title` is `None` when none was given or the circle's key is gone.
#[derive(Clone, Debug, PartialEq)]
pub struct CircleRow {
    pub id: CircleId,
    /// The circle's own data key.
    pub subject: SubjectId,
    pub request_id: Option<RequestId>,
    pub title: Option<String>,
    pub stage: Stage,
    /// The furthest stage in order it reached.
    pub reached: Stage,
    pub opened_by: String,
    pub opened_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// Its keys destroyed by the retention purge.
    pub purged_at: Option<Timestamp>,
    pub version: i64,
    pub facilitators: Vec<UserId>,
}

/// A person's safety plan: who they can call and what they want to happen if they feel unsafe.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyPlan {
    pub who_to_call: String,
    pub if_unsafe: String,
}

/// A person in a circle. `words` and `plan` are `None` once they are erased.
#[derive(Clone, Debug, PartialEq)]
pub struct CirclePersonRow {
    pub id: CirclePersonId,
    pub circle_id: CircleId,
    pub subject: SubjectId,
    pub words: Option<PersonWords>,
    pub plan: Option<SafetyPlan>,
    pub added_at: Timestamp,
    pub added_by: String,
    pub withdrawn_at: Option<Timestamp>,
}

/// A note from a conversation with one person, under their key.
#[derive(Clone, Debug, PartialEq)]
pub struct CircleNoteRow {
    pub id: CircleNoteId,
    pub circle_id: CircleId,
    pub person_id: CirclePersonId,
    pub text: Option<String>,
    pub author: String,
    pub author_name: String,
    pub created_at: Timestamp,
}

/// A consent given or withdrawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsentRow {
    pub id: ConsentId,
    pub circle_id: CircleId,
    pub person_id: CirclePersonId,
    pub what: ConsentTo,
    pub agreement_id: Option<AgreementId>,
    pub given: bool,
    pub at: Timestamp,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgreementRow {
    pub id: AgreementId,
    pub circle_id: CircleId,
    pub made_at: Timestamp,
    pub made_by: String,
}

/// One commitment; its words under the circle's key.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentRow {
    pub id: CommitmentId,
    pub agreement_id: AgreementId,
    pub person_id: CirclePersonId,
    pub position: i64,
    pub text: Option<String>,
    /// YYYY-MM-DD.
    pub due_on: String,
    pub status: CommitmentStatus,
    pub updated_at: Timestamp,
}

/// A check-in: scheduled, then its result (as the team's follow-ups), its note under the circle's key.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckInRow {
    pub id: CheckInId,
    pub circle_id: CircleId,
    pub due_at: Timestamp,
    pub result: Option<String>,
    pub note: Option<String>,
    pub done_at: Option<Timestamp>,
    pub done_by: Option<String>,
    pub tries: i64,
}

/// A stage move.
#[derive(Clone, Debug, PartialEq)]
pub struct StageRow {
    pub stage: Stage,
    pub at: Timestamp,
    pub moved_by: String,
}

/// A change to circles. The circle's and its people's keys are made by `TrustOp::NewSubject` earlier in the same
/// change set.
#[derive(Clone, Debug, PartialEq)]
pub enum CircleOp {
    Open(CircleRow),
    /// A person joins (the circle as read: `version`).
    AddPerson {
        version: i64,
        person: CirclePersonRow,
    },
    Note(CircleNoteRow),
    /// A consent given or withdrawn; withdrawing `take_part` marks the person withdrawn.
    Consent {
        version: i64,
        consent: ConsentRow,
    },
    Stage {
        circle: CircleId,
        version: i64,
        stage: Stage,
        reached: Stage,
        at: Timestamp,
        by: String,
    },
    Agreement {
        version: i64,
        agreement: AgreementRow,
        commitments: Vec<CommitmentRow>,
    },
    SafetyPlan {
        person: CirclePersonId,
        plan: SafetyPlan,
    },
    ScheduleCheckIn(CheckInRow),
    /// A check-in's result, once; with the commitments' statuses it found.
    CheckInDone {
        id: CheckInId,
        result: String,
        note: Option<String>,
        at: Timestamp,
        by: String,
        statuses: Vec<(CommitmentId, CommitmentStatus)>,
    },
    /// The retention purge destroyed its keys (their erasure is `TrustOp::EraseSubject` in the same change set).
    Purged {
        circle: CircleId,
        at: Timestamp,
    },
}

/// Reads of circles.
#[async_trait]
pub trait CircleStore: Send + Sync {
    /// Every circle, newest first (titles opened).
    async fn circles(&self) -> StoreResult<Vec<CircleRow>>;
    async fn circle(&self, id: CircleId) -> StoreResult<Option<CircleRow>>;
    async fn circle_people(&self, circle: CircleId) -> StoreResult<Vec<CirclePersonRow>>;
    /// The circle person whose data key this is, if any.
    async fn circle_person_by_subject(
        &self,
        subject: SubjectId,
    ) -> StoreResult<Option<CirclePersonRow>>;
    /// A circle's notes, newest first.
    async fn circle_notes(&self, circle: CircleId) -> StoreResult<Vec<CircleNoteRow>>;
    /// A circle's consents, oldest first.
    async fn circle_consents(&self, circle: CircleId) -> StoreResult<Vec<ConsentRow>>;
    async fn circle_stages(&self, circle: CircleId) -> StoreResult<Vec<StageRow>>;
    async fn agreements(&self, circle: CircleId) -> StoreResult<Vec<AgreementRow>>;
    /// Every commitment of a circle's agreements, in order.
    async fn commitments(&self, circle: CircleId) -> StoreResult<Vec<CommitmentRow>>;
    async fn check_ins(&self, circle: CircleId) -> StoreResult<Vec<CheckInRow>>;
    /// For each circle with a check-in not done, when the soonest is due (one read for the list; nothing opened).
    async fn next_check_ins(&self) -> StoreResult<Vec<(CircleId, Timestamp)>>;
    /// Circles closed or ended before `before` whose keys are still there.
    async fn circles_to_purge(&self, before: Timestamp) -> StoreResult<Vec<CircleRow>>;
}

mod reads;

pub(crate) fn aad<'a>(table: &'a str, column: &'a str, id: &'a str, version: u32) -> Aad<'a> {
    Aad {
        table,
        column,
        row_id: id,
        key_version: version,
    }
}

/// The key columns joined from `subjects` (see [`row_key`]).
pub(crate) const KEY_COLS: &str =
    "s.id AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, s.key_version AS k_version";

/// Moves the circle's version on, guarded by the one read.
async fn touch<D: Db>(conn: &mut D::Connection, circle: CircleId, version: i64) -> StoreResult<()> {
    let n = sqlx::query::<D>(
        "UPDATE circles SET version = version + 1 WHERE id = $1 AND version = $2 AND purged_at IS NULL",
    )
    .arg(circle.to_string())
    .arg(version)
    .exec(&mut *conn)
    .await
    .map_err(write_err("circle"))?;
    guarded(n)
}

/// The data key of a subject, or refused when it is gone (an erased person takes no more words).
async fn key_of<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    subject: SubjectId,
) -> StoreResult<(std::sync::Arc<heart_crypto::keys::DataKey>, u32)> {
    tx.key(conn, subject)
        .await?
        .ok_or(StoreError::Refused("erased-person"))
}

async fn subject_of<D: Db>(
    conn: &mut D::Connection,
    sql: &'static str,
    id: String,
) -> StoreResult<SubjectId> {
    let row = sqlx::query::<D>(sql)
        .arg(id)
        .opt(&mut *conn)
        .await
        .map_err(backend("circle key"))?
        .ok_or(StoreError::NotFound)?;
    crate::sql::id(&row, "subject")
}

fn seal_text(
    k: &heart_crypto::keys::DataKey,
    v: u32,
    table: &str,
    column: &str,
    rid: &str,
    text: &str,
) -> Vec<u8> {
    k.seal(aad(table, column, rid, v), text.as_bytes())
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &CircleOp,
) -> StoreResult<()> {
    match op {
        CircleOp::Open(c) => open::<D>(conn, tx, c).await,
        CircleOp::AddPerson { version, person } => {
            add_person::<D>(conn, tx, *version, person).await
        }
        CircleOp::Note(n) => note::<D>(conn, tx, n).await,
        CircleOp::Consent { version, consent } => {
            record_consent::<D>(conn, *version, consent).await
        }
        CircleOp::Stage {
            circle,
            version,
            stage,
            reached,
            at,
            by,
        } => {
            let closed = if stage.is_done() { Some(us(*at)) } else { None };
            let n = sqlx::query::<D>(
                "UPDATE circles SET stage = $1, reached = $2, closed_at = $3, version = version + 1 \
                 WHERE id = $4 AND version = $5 AND purged_at IS NULL",
            )
            .arg(stage.as_str())
            .arg(reached.as_str())
            .arg(closed)
            .arg(circle.to_string())
            .arg(*version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("circle"))?;
            guarded(n)?;
            insert_stage::<D>(conn, *circle, *stage, *at, by).await
        }
        CircleOp::Agreement {
            version,
            agreement,
            commitments,
        } => agree::<D>(conn, tx, *version, agreement, commitments).await,
        CircleOp::SafetyPlan { person, plan } => {
            let pid = person.to_string();
            let subject = subject_of::<D>(
                conn,
                "SELECT subject FROM circle_people WHERE id = $1",
                pid.clone(),
            )
            .await?;
            let (k, v) = key_of(conn, tx, subject).await?;
            let sealed = seal_json(plan, &k, aad("circle_people", "plan", &pid, v));
            let n = sqlx::query::<D>("UPDATE circle_people SET plan = $1 WHERE id = $2")
                .arg(sealed)
                .arg(pid)
                .exec(&mut *conn)
                .await
                .map_err(write_err("safety plan"))?;
            guarded(n)
        }
        CircleOp::ScheduleCheckIn(c) => {
            sqlx::query::<D>(
                "INSERT INTO circle_check_ins (id, circle_id, due_at, result, sealed, done_at, done_by, tries) \
                 VALUES ($1,$2,$3,NULL,NULL,NULL,NULL,$4)",
            )
            .arg(c.id.to_string())
            .arg(c.circle_id.to_string())
            .arg(us(c.due_at))
            .arg(c.tries)
            .exec(&mut *conn)
            .await
            .map_err(write_err("check-in"))?;
            Ok(())
        }
        CircleOp::CheckInDone {
            id,
            result,
            note,
            at,
            by,
            statuses,
        } => check_in_done::<D>(conn, tx, *id, result, note.as_deref(), *at, by, statuses).await,
        CircleOp::Purged { circle, at } => {
            let n = sqlx::query::<D>(
                "UPDATE circles SET purged_at = $1 WHERE id = $2 AND purged_at IS NULL",
            )
            .arg(us(*at))
            .arg(circle.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("circle"))?;
            guarded(n)
        }
    }
}

async fn add_person<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    version: i64,
    person: &CirclePersonRow,
) -> StoreResult<()> {
    touch::<D>(conn, person.circle_id, version).await?;
    let pid = person.id.to_string();
    let (k, v) = key_of(conn, tx, person.subject).await?;
    let words = person.words.clone().unwrap_or_default();
    let sealed = seal_json(&words, &k, aad("circle_people", "sealed", &pid, v));
    sqlx::query::<D>(
                "INSERT INTO circle_people (id, circle_id, subject, sealed, plan, added_at, added_by, withdrawn_at) \
                 VALUES ($1,$2,$3,$4,NULL,$5,$6,NULL)",
            )
            .arg(pid)
            .arg(person.circle_id.to_string())
            .arg(person.subject.to_string())
            .arg(sealed)
            .arg(us(person.added_at))
            .arg(person.added_by.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("circle person"))?;
    Ok(())
}

async fn note<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    n: &CircleNoteRow,
) -> StoreResult<()> {
    let subject = subject_of::<D>(
        conn,
        "SELECT subject FROM circle_people WHERE id = $1",
        n.person_id.to_string(),
    )
    .await?;
    let (k, v) = key_of(conn, tx, subject).await?;
    let nid = n.id.to_string();
    let text = n.text.as_deref().ok_or(StoreError::Rule("circle note"))?;
    sqlx::query::<D>(
                "INSERT INTO circle_notes (id, circle_id, person_id, sealed, author, author_name, created_at) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7)",
            )
            .arg(nid.clone())
            .arg(n.circle_id.to_string())
            .arg(n.person_id.to_string())
            .arg(seal_text(&k, v, "circle_notes", "sealed", &nid, text))
            .arg(n.author.as_str())
            .arg(n.author_name.as_str())
            .arg(us(n.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("circle note"))?;
    Ok(())
}

async fn record_consent<D: Db>(
    conn: &mut D::Connection,
    version: i64,
    consent: &ConsentRow,
) -> StoreResult<()> {
    touch::<D>(conn, consent.circle_id, version).await?;
    sqlx::query::<D>(
                "INSERT INTO circle_consents (id, circle_id, person_id, what, agreement_id, given, at, recorded_by) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
            )
            .arg(consent.id.to_string())
            .arg(consent.circle_id.to_string())
            .arg(consent.person_id.to_string())
            .arg(consent.what.as_str())
            .arg(consent.agreement_id.map(|a| a.to_string()))
            .arg(consent.given)
            .arg(us(consent.at))
            .arg(consent.recorded_by.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("consent"))?;
    if consent.what == ConsentTo::TakePart {
        sqlx::query::<D>("UPDATE circle_people SET withdrawn_at = $1 WHERE id = $2")
            .arg(if consent.given {
                None
            } else {
                Some(us(consent.at))
            })
            .arg(consent.person_id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("consent"))?;
    }
    Ok(())
}

async fn insert_stage<D: Db>(
    conn: &mut D::Connection,
    circle: CircleId,
    stage: Stage,
    at: Timestamp,
    by: &str,
) -> StoreResult<()> {
    sqlx::query::<D>(
        "INSERT INTO circle_stages (id, circle_id, stage, at, moved_by) VALUES ($1,$2,$3,$4,$5)",
    )
    .arg(uuid::Uuid::now_v7().to_string())
    .arg(circle.to_string())
    .arg(stage.as_str())
    .arg(us(at))
    .arg(by)
    .exec(&mut *conn)
    .await
    .map_err(write_err("circle stage"))?;
    Ok(())
}

async fn open<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    c: &CircleRow,
) -> StoreResult<()> {
    let cid = c.id.to_string();
    let (k, v) = key_of(conn, tx, c.subject).await?;
    let sealed = c
        .title
        .as_deref()
        .map(|t| seal_text(&k, v, "circles", "sealed", &cid, t));
    sqlx::query::<D>(
        "INSERT INTO circles (id, subject, request_id, sealed, stage, reached, opened_by, opened_at, closed_at, \
         purged_at, version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL,NULL,1)",
    )
    .arg(cid.clone())
    .arg(c.subject.to_string())
    .arg(c.request_id.map(|r| r.to_string()))
    .arg(sealed)
    .arg(c.stage.as_str())
    .arg(c.reached.as_str())
    .arg(c.opened_by.as_str())
    .arg(us(c.opened_at))
    .exec(&mut *conn)
    .await
    .map_err(write_err("circle"))?;
    for f in &c.facilitators {
        sqlx::query::<D>("INSERT INTO circle_facilitators (circle_id, user_id) VALUES ($1,$2)")
            .arg(cid.clone())
            .arg(f.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("facilitator"))?;
    }
    insert_stage::<D>(conn, c.id, c.stage, c.opened_at, &c.opened_by).await
}

async fn agree<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    version: i64,
    a: &AgreementRow,
    commitments: &[CommitmentRow],
) -> StoreResult<()> {
    touch::<D>(conn, a.circle_id, version).await?;
    let subject = subject_of::<D>(
        conn,
        "SELECT subject FROM circles WHERE id = $1",
        a.circle_id.to_string(),
    )
    .await?;
    let (k, v) = key_of(conn, tx, subject).await?;
    sqlx::query::<D>(
        "INSERT INTO circle_agreements (id, circle_id, made_at, made_by) VALUES ($1,$2,$3,$4)",
    )
    .arg(a.id.to_string())
    .arg(a.circle_id.to_string())
    .arg(us(a.made_at))
    .arg(a.made_by.as_str())
    .exec(&mut *conn)
    .await
    .map_err(write_err("agreement"))?;
    for c in commitments {
        let cid = c.id.to_string();
        let text = c.text.as_deref().ok_or(StoreError::Rule("commitment"))?;
        sqlx::query::<D>(
            "INSERT INTO circle_commitments (id, agreement_id, person_id, position, sealed, due_on, status, \
             updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
        )
        .arg(cid.clone())
        .arg(a.id.to_string())
        .arg(c.person_id.to_string())
        .arg(c.position)
        .arg(seal_text(&k, v, "circle_commitments", "sealed", &cid, text))
        .arg(c.due_on.as_str())
        .arg(c.status.as_str())
        .arg(us(c.updated_at))
        .exec(&mut *conn)
        .await
        .map_err(write_err("commitment"))?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn check_in_done<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    id: CheckInId,
    result: &str,
    note: Option<&str>,
    at: Timestamp,
    by: &str,
    statuses: &[(CommitmentId, CommitmentStatus)],
) -> StoreResult<()> {
    let cid = id.to_string();
    let subject = subject_of::<D>(
        conn,
        "SELECT c.subject FROM circle_check_ins k JOIN circles c ON c.id = k.circle_id WHERE k.id = $1",
        cid.clone(),
    )
    .await?;
    let sealed = match note {
        Some(t) => {
            let (k, v) = key_of(conn, tx, subject).await?;
            Some(seal_text(&k, v, "circle_check_ins", "sealed", &cid, t))
        }
        None => None,
    };
    let n = sqlx::query::<D>(
        "UPDATE circle_check_ins SET result = $1, sealed = $2, done_at = $3, done_by = $4, tries = tries + 1 \
         WHERE id = $5 AND done_at IS NULL",
    )
    .arg(result)
    .arg(sealed)
    .arg(us(at))
    .arg(by)
    .arg(cid)
    .exec(&mut *conn)
    .await
    .map_err(write_err("check-in"))?;
    guarded(n)?;
    for (c, s) in statuses {
        let n = sqlx::query::<D>(
            "UPDATE circle_commitments SET status = $1, updated_at = $2 WHERE id = $3",
        )
        .arg(s.as_str())
        .arg(us(at))
        .arg(c.to_string())
        .exec(&mut *conn)
        .await
        .map_err(write_err("commitment"))?;
        guarded(n)?;
    }
    Ok(())
}
