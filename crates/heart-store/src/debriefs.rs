//! Debriefs after hard calls: opened in the change set of what made the call hard (a "need help" alert, an EMS
//! contact, the encounter closed as a hard one), listed until a coordinator marks them done. Nothing said in one is
//! kept.

use crate::StoreResult;
use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{SqlStore, all, backend, get, guarded, id, id_o, ts, ts_o, us, write_err};
use async_trait::async_trait;
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// A debrief as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DebriefRow {
    pub id: DebriefId,
    pub team_id: Option<TeamId>,
    pub request_id: Option<RequestId>,
    /// Why it was opened, comma-separated: need_help, ems, death, violence, hard.
    pub reasons: String,
    pub created_at: Timestamp,
    pub due_at: Timestamp,
    pub done_at: Option<Timestamp>,
    pub done_by: Option<String>,
    /// Someone asked for time off (said when it was marked done).
    pub time_off: bool,
}

/// A change to debriefs.
#[derive(Clone, Debug, PartialEq)]
pub enum DebriefOp {
    Open(DebriefRow),
    /// Another reason for a debrief still open (a conflict if it was done meanwhile).
    AddReason {
        id: DebriefId,
        reasons: String,
    },
    /// Done (a conflict if it was done already).
    Done {
        id: DebriefId,
        at: Timestamp,
        by: String,
        time_off: bool,
    },
}

#[async_trait]
pub trait DebriefStore: Send + Sync {
    /// The debriefs not yet done, the soonest due first.
    async fn open_debriefs(&self) -> StoreResult<Vec<DebriefRow>>;
    /// One debrief.
    async fn debrief(&self, id: DebriefId) -> StoreResult<Option<DebriefRow>>;
    /// The open debrief about a request, if any.
    async fn open_debrief_for_request(&self, request: RequestId)
    -> StoreResult<Option<DebriefRow>>;
    /// A team's debriefs opened since `since`, newest first.
    async fn team_debriefs(&self, team: TeamId, since: Timestamp) -> StoreResult<Vec<DebriefRow>>;
}

fn row(r: &impl RowGet) -> StoreResult<DebriefRow> {
    Ok(DebriefRow {
        id: id(r, "id")?,
        team_id: id_o(r, "team_id")?,
        request_id: id_o(r, "request_id")?,
        reasons: get(r, "reasons")?,
        created_at: ts(r, "created_at")?,
        due_at: ts(r, "due_at")?,
        done_at: ts_o(r, "done_at")?,
        done_by: get(r, "done_by")?,
        time_off: get(r, "time_off")?,
    })
}

pub(crate) async fn apply<D: Db>(conn: &mut D::Connection, op: &DebriefOp) -> StoreResult<()> {
    match op {
        DebriefOp::Open(d) => {
            sqlx::query::<D>(
                "INSERT INTO debriefs (id, team_id, request_id, reasons, created_at, due_at, done_at, done_by, \
                 time_off) VALUES ($1,$2,$3,$4,$5,$6,NULL,NULL,$7)",
            )
            .arg(d.id.to_string())
            .arg(d.team_id.map(|t| t.to_string()))
            .arg(d.request_id.map(|r| r.to_string()))
            .arg(d.reasons.as_str())
            .arg(us(d.created_at))
            .arg(us(d.due_at))
            .arg(d.time_off)
            .exec(&mut *conn)
            .await
            .map_err(write_err("debrief"))?;
        }
        DebriefOp::AddReason { id, reasons } => {
            let n = sqlx::query::<D>(
                "UPDATE debriefs SET reasons = $2 WHERE id = $1 AND done_at IS NULL",
            )
            .arg(id.to_string())
            .arg(reasons.as_str())
            .exec(&mut *conn)
            .await
            .map_err(write_err("debrief"))?;
            guarded(n)?;
        }
        DebriefOp::Done {
            id,
            at,
            by,
            time_off,
        } => {
            let n = sqlx::query::<D>(
                "UPDATE debriefs SET done_at = $2, done_by = $3, time_off = $4 WHERE id = $1 AND done_at IS NULL",
            )
            .arg(id.to_string())
            .arg(us(*at))
            .arg(by.as_str())
            .arg(*time_off)
            .exec(&mut *conn)
            .await
            .map_err(write_err("debrief"))?;
            guarded(n)?;
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> DebriefStore for SqlStore<D> {
    async fn open_debriefs(&self) -> StoreResult<Vec<DebriefRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM debriefs WHERE done_at IS NULL ORDER BY due_at, id LIMIT 500",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("debriefs"))?;
        all(r, row)
    }

    async fn debrief(&self, did: DebriefId) -> StoreResult<Option<DebriefRow>> {
        let r = sqlx::query::<D>("SELECT * FROM debriefs WHERE id = $1")
            .arg(did.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("debriefs"))?;
        Ok(all(r, row)?.into_iter().next())
    }

    async fn open_debrief_for_request(
        &self,
        request: RequestId,
    ) -> StoreResult<Option<DebriefRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM debriefs WHERE request_id = $1 AND done_at IS NULL ORDER BY created_at LIMIT 1",
        )
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("debriefs"))?;
        Ok(all(r, row)?.into_iter().next())
    }

    async fn team_debriefs(&self, team: TeamId, since: Timestamp) -> StoreResult<Vec<DebriefRow>> {
        let r = sqlx::query::<D>(
            "SELECT * FROM debriefs WHERE team_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT 100",
        )
        .arg(team.to_string())
        .arg(us(since))
        .all_in(&self.read)
        .await
        .map_err(backend("debriefs"))?;
        all(r, row)
    }
}
