//! Reads of circles: each row opened with the one key its join names (the person's for their words and notes, the
//! circle's for its title, commitments and check-ins); a key that is gone leaves the words `None`.

use super::*;
use crate::backend::{Bind, RowGet, Run};
use crate::sql::{RowKey, SqlStore, all, backend, get, id, id_o, row_key, ts, ts_o, us};

fn open_text(
    row: &impl RowGet,
    keys: &Keys,
    table: &str,
    column: &'static str,
    rid: &str,
) -> StoreResult<Option<String>> {
    let sealed: Option<Vec<u8>> = get(row, column)?;
    Ok(match (row_key(row, keys)?, sealed) {
        (RowKey::Key(k, v), Some(b)) => k
            .open(aad(table, column, rid, v), &b)
            .ok()
            .and_then(|raw| String::from_utf8(raw).ok()),
        _ => None,
    })
}

fn stage_of(row: &impl RowGet, col: &'static str) -> StoreResult<Stage> {
    Stage::parse(&get::<String>(row, col)?).ok_or(StoreError::Rule("circle stage"))
}

fn circle_row(row: &impl RowGet, keys: &Keys) -> StoreResult<CircleRow> {
    let cid: String = get(row, "id")?;
    Ok(CircleRow {
        id: id(row, "id")?,
        subject: id(row, "subject")?,
        request_id: id_o(row, "request_id")?,
        title: open_text(row, keys, "circles", "sealed", &cid)?,
        stage: stage_of(row, "stage")?,
        reached: stage_of(row, "reached")?,
        opened_by: get(row, "opened_by")?,
        opened_at: ts(row, "opened_at")?,
        closed_at: ts_o(row, "closed_at")?,
        purged_at: ts_o(row, "purged_at")?,
        version: get(row, "version")?,
        facilitators: Vec::new(),
    })
}

fn person_row(row: &impl RowGet, keys: &Keys) -> StoreResult<CirclePersonRow> {
    let pid: String = get(row, "id")?;
    let (mut words, mut plan) = (None, None);
    if let RowKey::Key(k, v) = row_key(row, keys)? {
        if let Some(b) = get::<Option<Vec<u8>>>(row, "sealed")? {
            words = open_json(&k, aad("circle_people", "sealed", &pid, v), &b).ok();
        }
        if let Some(b) = get::<Option<Vec<u8>>>(row, "plan")? {
            plan = open_json(&k, aad("circle_people", "plan", &pid, v), &b).ok();
        }
    }
    Ok(CirclePersonRow {
        id: id(row, "id")?,
        circle_id: id(row, "circle_id")?,
        subject: id(row, "subject")?,
        words,
        plan,
        added_at: ts(row, "added_at")?,
        added_by: get(row, "added_by")?,
        withdrawn_at: ts_o(row, "withdrawn_at")?,
    })
}

fn note_row(row: &impl RowGet, keys: &Keys) -> StoreResult<CircleNoteRow> {
    let nid: String = get(row, "id")?;
    Ok(CircleNoteRow {
        id: id(row, "id")?,
        circle_id: id(row, "circle_id")?,
        person_id: id(row, "person_id")?,
        text: open_text(row, keys, "circle_notes", "sealed", &nid)?,
        author: get(row, "author")?,
        author_name: get(row, "author_name")?,
        created_at: ts(row, "created_at")?,
    })
}

fn consent_row(row: &impl RowGet) -> StoreResult<ConsentRow> {
    Ok(ConsentRow {
        id: id(row, "id")?,
        circle_id: id(row, "circle_id")?,
        person_id: id(row, "person_id")?,
        what: ConsentTo::parse(&get::<String>(row, "what")?).ok_or(StoreError::Rule("consent"))?,
        agreement_id: id_o(row, "agreement_id")?,
        given: get(row, "given")?,
        at: ts(row, "at")?,
        recorded_by: get(row, "recorded_by")?,
    })
}

fn commitment_row(row: &impl RowGet, keys: &Keys) -> StoreResult<CommitmentRow> {
    let cid: String = get(row, "id")?;
    Ok(CommitmentRow {
        id: id(row, "id")?,
        agreement_id: id(row, "agreement_id")?,
        person_id: id(row, "person_id")?,
        position: get(row, "position")?,
        text: open_text(row, keys, "circle_commitments", "sealed", &cid)?,
        due_on: get(row, "due_on")?,
        status: CommitmentStatus::parse(&get::<String>(row, "status")?)
            .ok_or(StoreError::Rule("commitment"))?,
        updated_at: ts(row, "updated_at")?,
    })
}

fn check_in_row(row: &impl RowGet, keys: &Keys) -> StoreResult<CheckInRow> {
    let cid: String = get(row, "id")?;
    Ok(CheckInRow {
        id: id(row, "id")?,
        circle_id: id(row, "circle_id")?,
        due_at: ts(row, "due_at")?,
        result: get(row, "result")?,
        note: open_text(row, keys, "circle_check_ins", "sealed", &cid)?,
        done_at: ts_o(row, "done_at")?,
        done_by: get(row, "done_by")?,
        tries: get(row, "tries")?,
    })
}

/// The one argument of a circles query.
enum Arg {
    Text(String),
    Int(i64),
}

impl<D: Db> SqlStore<D> {
    async fn facilitators_of(&self, mut rows: Vec<CircleRow>) -> StoreResult<Vec<CircleRow>> {
        for c in &mut rows {
            let r = sqlx::query::<D>(
                "SELECT user_id FROM circle_facilitators WHERE circle_id = $1 ORDER BY user_id",
            )
            .arg(c.id.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("facilitators"))?;
            c.facilitators = all(r, |row| id(row, "user_id"))?;
        }
        Ok(rows)
    }

    async fn circles_where(&self, filter: &str, arg: Option<Arg>) -> StoreResult<Vec<CircleRow>> {
        let q = format!(
            "SELECT c.*, {KEY_COLS} FROM circles c LEFT JOIN subjects s ON s.id = c.subject {filter} \
             ORDER BY c.opened_at DESC, c.id DESC LIMIT 2000"
        );
        let mut q = sqlx::query::<D>(sqlx::AssertSqlSafe(q));
        match arg {
            Some(Arg::Text(a)) => q = q.arg(a),
            Some(Arg::Int(a)) => q = q.arg(a),
            None => {}
        }
        let r = q.all_in(&self.read).await.map_err(backend("circles"))?;
        let rows = all(r, |row| circle_row(row, &self.keys))?;
        self.facilitators_of(rows).await
    }

    async fn by_circle<T>(
        &self,
        sql: String,
        circle: CircleId,
        f: impl Fn(&D::Row) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
            .arg(circle.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("circle"))?;
        all(r, f)
    }
}

#[async_trait]
impl<D: Db> CircleStore for SqlStore<D> {
    async fn circles(&self) -> StoreResult<Vec<CircleRow>> {
        self.circles_where("", None).await
    }

    async fn circle(&self, id: CircleId) -> StoreResult<Option<CircleRow>> {
        Ok(self
            .circles_where("WHERE c.id = $1", Some(Arg::Text(id.to_string())))
            .await?
            .into_iter()
            .next())
    }

    async fn circle_people(&self, circle: CircleId) -> StoreResult<Vec<CirclePersonRow>> {
        self.by_circle(
            format!(
                "SELECT p.*, {KEY_COLS} FROM circle_people p LEFT JOIN subjects s ON s.id = p.subject \
                 WHERE p.circle_id = $1 ORDER BY p.added_at, p.id"
            ),
            circle,
            |r| person_row(r, &self.keys),
        )
        .await
    }

    async fn circle_person_by_subject(
        &self,
        subject: SubjectId,
    ) -> StoreResult<Option<CirclePersonRow>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "SELECT p.*, {KEY_COLS} FROM circle_people p LEFT JOIN subjects s ON s.id = p.subject \
             WHERE p.subject = $1"
        )))
        .arg(subject.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("circle person"))?;
        Ok(all(r, |row| person_row(row, &self.keys))?
            .into_iter()
            .next())
    }

    async fn circle_notes(&self, circle: CircleId) -> StoreResult<Vec<CircleNoteRow>> {
        self.by_circle(
            format!(
                "SELECT n.*, {KEY_COLS} FROM circle_notes n JOIN circle_people p ON p.id = n.person_id \
                 LEFT JOIN subjects s ON s.id = p.subject WHERE n.circle_id = $1 \
                 ORDER BY n.created_at DESC, n.id DESC"
            ),
            circle,
            |r| note_row(r, &self.keys),
        )
        .await
    }

    async fn circle_consents(&self, circle: CircleId) -> StoreResult<Vec<ConsentRow>> {
        self.by_circle(
            "SELECT * FROM circle_consents WHERE circle_id = $1 ORDER BY at, id".into(),
            circle,
            consent_row,
        )
        .await
    }

    async fn circle_stages(&self, circle: CircleId) -> StoreResult<Vec<StageRow>> {
        self.by_circle(
            "SELECT * FROM circle_stages WHERE circle_id = $1 ORDER BY at, id".into(),
            circle,
            |r| {
                Ok(StageRow {
                    stage: stage_of(r, "stage")?,
                    at: ts(r, "at")?,
                    moved_by: get(r, "moved_by")?,
                })
            },
        )
        .await
    }

    async fn agreements(&self, circle: CircleId) -> StoreResult<Vec<AgreementRow>> {
        self.by_circle(
            "SELECT * FROM circle_agreements WHERE circle_id = $1 ORDER BY made_at, id".into(),
            circle,
            |r| {
                Ok(AgreementRow {
                    id: id(r, "id")?,
                    circle_id: id(r, "circle_id")?,
                    made_at: ts(r, "made_at")?,
                    made_by: get(r, "made_by")?,
                })
            },
        )
        .await
    }

    async fn commitments(&self, circle: CircleId) -> StoreResult<Vec<CommitmentRow>> {
        self.by_circle(
            format!(
                "SELECT m.*, {KEY_COLS} FROM circle_commitments m \
                 JOIN circle_agreements a ON a.id = m.agreement_id JOIN circles c ON c.id = a.circle_id \
                 LEFT JOIN subjects s ON s.id = c.subject WHERE a.circle_id = $1 \
                 ORDER BY a.made_at, a.id, m.position"
            ),
            circle,
            |r| commitment_row(r, &self.keys),
        )
        .await
    }

    async fn check_ins(&self, circle: CircleId) -> StoreResult<Vec<CheckInRow>> {
        self.by_circle(
            format!(
                "SELECT k.*, {KEY_COLS} FROM circle_check_ins k JOIN circles c ON c.id = k.circle_id \
                 LEFT JOIN subjects s ON s.id = c.subject WHERE k.circle_id = $1 ORDER BY k.due_at, k.id"
            ),
            circle,
            |r| check_in_row(r, &self.keys),
        )
        .await
    }

    async fn next_check_ins(&self) -> StoreResult<Vec<(CircleId, Timestamp)>> {
        let r = sqlx::query::<D>(
            "SELECT circle_id, MIN(due_at) AS due FROM circle_check_ins WHERE done_at IS NULL \
             GROUP BY circle_id",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("read check-ins"))?;
        all(r, |row| Ok((id(row, "circle_id")?, ts(row, "due")?)))
    }

    async fn circles_to_purge(&self, before: Timestamp) -> StoreResult<Vec<CircleRow>> {
        self.circles_where(
            "WHERE c.closed_at IS NOT NULL AND c.purged_at IS NULL AND c.closed_at < $1",
            Some(Arg::Int(us(before))),
        )
        .await
    }
}
