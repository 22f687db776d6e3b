//! A request's timeline: notes, tries to reach the person and handovers to the next shift. The words are sealed under
//! the person's data key (erased with them); the kind, the result, who wrote it and when stay readable.

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{
    RowKey, SqlStore, Tx, all, backend, get, guarded, id, row_key, ts, ts_o, us, write_err,
};
use crate::{StoreError, StoreResult, seal};
use async_trait::async_trait;
use heart_domain::care::{CallResult, NoteKind};
use heart_domain::ids::*;
use heart_domain::time::Timestamp;

/// One line of a request's timeline. `text` is `None` once the person is erased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteRow {
    pub id: NoteId,
    pub request_id: RequestId,
    pub kind: NoteKind,
    /// Only for a try to reach the person.
    pub result: Option<CallResult>,
    pub text: Option<String>,
    /// Who wrote it, as the audit log names them (`user:<id>`, `token:<id>`).
    pub author: String,
    /// The account's or the token's name, as shown to the team.
    pub author_name: String,
    pub created_at: Timestamp,
    /// A handover: who on the next shift marked it read, and when.
    pub read_by: Option<String>,
    pub read_at: Option<Timestamp>,
}

/// A change to the timeline.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteOp {
    /// A new line (its words sealed on the way in). Refused for a person already erased.
    Insert(NoteRow),
    /// Someone marks a handover read; only while it is unread (a second marking is a conflict).
    MarkRead {
        id: NoteId,
        by: String,
        at: Timestamp,
    },
}

/// Reads of the timeline.
#[async_trait]
pub trait NoteStore: Send + Sync {
    /// A request's timeline, newest first.
    async fn notes_for_request(&self, request: RequestId) -> StoreResult<Vec<NoteRow>>;
    async fn note(&self, id: NoteId) -> StoreResult<Option<NoteRow>>;
    /// Handovers nobody has marked read yet, oldest first.
    async fn unread_handovers(&self, limit: i64) -> StoreResult<Vec<NoteRow>>;
}

const SELECT: &str = "SELECT n.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
     s.key_version AS k_version FROM request_notes n JOIN requests r ON r.id = n.request_id \
     LEFT JOIN subjects s ON s.id = r.subject";

fn aad(id: &str, version: u32) -> heart_crypto::keys::Aad<'_> {
    heart_crypto::keys::Aad {
        table: "request_notes",
        column: seal::COLUMN,
        row_id: id,
        key_version: version,
    }
}

fn note_row(row: &impl RowGet, keys: &heart_crypto::keys::Keys) -> StoreResult<NoteRow> {
    let kind: String = get(row, "kind")?;
    let result: Option<String> = get(row, "result")?;
    let mut n = NoteRow {
        id: id(row, "id")?,
        request_id: id(row, "request_id")?,
        kind: NoteKind::parse(&kind).ok_or(StoreError::Rule("note kind"))?,
        result: result.as_deref().and_then(CallResult::parse),
        text: None,
        author: get(row, "author")?,
        author_name: get(row, "author_name")?,
        created_at: ts(row, "created_at")?,
        read_by: get(row, "read_by")?,
        read_at: ts_o(row, "read_at")?,
    };
    let sealed: Option<Vec<u8>> = get(row, "sealed")?;
    if let (RowKey::Key(key, version), Some(bytes)) = (row_key(row, keys)?, sealed) {
        match key
            .open(aad(&n.id.to_string(), version), &bytes)
            .ok()
            .and_then(|raw| String::from_utf8(raw).ok())
        {
            Some(t) => n.text = Some(t),
            None => tracing::error!(note = %n.id, "a note does not open"),
        }
    }
    Ok(n)
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &NoteOp,
) -> StoreResult<()> {
    match op {
        NoteOp::Insert(n) => {
            let Some(text) = &n.text else {
                return Err(StoreError::Rule("note"));
            };
            let Some((key, version)) = tx.request_key(conn, n.request_id).await? else {
                return Err(StoreError::Refused("erased-person"));
            };
            let sealed = key.seal(aad(&n.id.to_string(), version), text.as_bytes());
            sqlx::query::<D>(
                "INSERT INTO request_notes (id, request_id, kind, result, sealed, author, author_name, created_at, \
                 read_by, read_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
            )
            .arg(n.id.to_string())
            .arg(n.request_id.to_string())
            .arg(n.kind.as_str())
            .arg(n.result.map(CallResult::as_str))
            .arg(sealed)
            .arg(&n.author)
            .arg(&n.author_name)
            .arg(us(n.created_at))
            .arg(None::<String>)
            .arg(None::<i64>)
            .exec(&mut *conn)
            .await
            .map_err(write_err("note"))?;
        }
        NoteOp::MarkRead { id, by, at } => {
            let n = sqlx::query::<D>(
                "UPDATE request_notes SET read_by = $1, read_at = $2 \
                 WHERE id = $3 AND kind = 'handover' AND read_at IS NULL",
            )
            .arg(by.as_str())
            .arg(us(*at))
            .arg(id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("note"))?;
            guarded(n)?;
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> NoteStore for SqlStore<D> {
    async fn notes_for_request(&self, request: RequestId) -> StoreResult<Vec<NoteRow>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE n.request_id = $1 ORDER BY n.created_at DESC, n.id DESC"
        )))
        .arg(request.to_string())
        .all_in(&self.read)
        .await
        .map_err(backend("notes"))?;
        all(r, |row| note_row(row, &self.keys))
    }

    async fn note(&self, id: NoteId) -> StoreResult<Option<NoteRow>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE n.id = $1")))
            .arg(id.to_string())
            .all_in(&self.read)
            .await
            .map_err(backend("notes"))?;
        Ok(all(r, |row| note_row(row, &self.keys))?.into_iter().next())
    }

    async fn unread_handovers(&self, limit: i64) -> StoreResult<Vec<NoteRow>> {
        let r = sqlx::query::<D>(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE n.kind = 'handover' AND n.read_at IS NULL ORDER BY n.created_at, n.id LIMIT $1"
        )))
        .arg(limit)
        .all_in(&self.read)
        .await
        .map_err(backend("notes"))?;
        all(r, |row| note_row(row, &self.keys))
    }
}
