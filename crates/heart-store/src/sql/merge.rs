//! Two records of one person made one (`TrustOp::MergeSubject`): every value sealed under the merged person's key is
//! sealed again under the surviving person's, the rows that named the one name the other, and the merged person's
//! key is destroyed. In the change set's transaction: all or nothing.

use super::*;
use heart_crypto::keys::{Aad, DataKey};

/// The rows of the merged person in each table holding values sealed under their key, and those columns (the
/// column's name is the one bound into its seal).
const SEALED: [(&str, &str, &[&str]); 8] = [
    (
        "encounters",
        "request_id IN (SELECT id FROM requests WHERE subject = $1)",
        &["sealed"],
    ),
    (
        "follow_ups",
        "request_id IN (SELECT id FROM requests WHERE subject = $1)",
        &["sealed"],
    ),
    (
        "request_notes",
        "request_id IN (SELECT id FROM requests WHERE subject = $1)",
        &["sealed"],
    ),
    ("mutual_aid", "subject = $1", &["sealed", "proof"]),
    ("referrals", "subject = $1", &["sealed"]),
    ("sms_messages", "subject = $1", &["sealed"]),
    (
        "legal_demands",
        "subject = $1 AND kek_id IS NULL",
        &["sealed"],
    ),
    ("requests", "subject = $1", &["sealed"]),
];

/// Mutual aid's short texts, sealed as text (`seal::seal_aid_text`).
const AID_TEXT: [&str; 3] = ["payee_name", "decline_reason", "proof_name"];

/// Tables whose rows name the person, moved to the surviving one (requests last: the others find their rows
/// through it).
const MOVED: [&str; 5] = [
    "mutual_aid",
    "referrals",
    "sms_messages",
    "legal_demands",
    "requests",
];

struct Keys2<'k> {
    from: (&'k DataKey, u32),
    into: (&'k DataKey, u32),
}

impl Keys2<'_> {
    fn reseal(&self, table: &str, column: &str, id: &str, bytes: &[u8]) -> StoreResult<Vec<u8>> {
        let aad = |key_version| Aad {
            table,
            column,
            row_id: id,
            key_version,
        };
        let plain =
            self.from.0.open(aad(self.from.1), bytes).map_err(|_| {
                StoreError::Backend(format!("a sealed {table} value does not open"))
            })?;
        Ok(self.into.0.seal(aad(self.into.1), &plain))
    }
}

pub(crate) async fn merge_subject<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    from: SubjectId,
    into: SubjectId,
    at: Timestamp,
) -> StoreResult<()> {
    if from == into {
        return Err(StoreError::Rule("merge"));
    }
    let kf = tx
        .key(conn, from)
        .await?
        .ok_or(StoreError::Rule("person"))?;
    let ki = tx
        .key(conn, into)
        .await?
        .ok_or(StoreError::Rule("person"))?;
    let keys = Keys2 {
        from: (&kf.0, kf.1),
        into: (&ki.0, ki.1),
    };
    let sf = from.to_string();
    for (table, rows, columns) in SEALED {
        for column in columns {
            let sql = format!(
                "SELECT id, {column} AS v FROM {table} WHERE {rows} AND {column} IS NOT NULL"
            );
            let found = sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                .arg(&sf)
                .all(&mut *conn)
                .await
                .map_err(backend("merge"))?;
            for r in found {
                let id: String = get(&r, "id")?;
                let v: Vec<u8> = get(&r, "v")?;
                let sealed = keys.reseal(table, column, &id, &v)?;
                let sql = format!("UPDATE {table} SET {column} = $1 WHERE id = $2");
                sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                    .arg(sealed)
                    .arg(&id)
                    .exec(&mut *conn)
                    .await
                    .map_err(write_err("merge"))?;
            }
        }
    }
    for column in AID_TEXT {
        let sql = format!(
            "SELECT id, {column} AS v FROM mutual_aid WHERE subject = $1 AND {column} IS NOT NULL"
        );
        let found = sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
            .arg(&sf)
            .all(&mut *conn)
            .await
            .map_err(backend("merge"))?;
        for r in found {
            let id: String = get(&r, "id")?;
            let v: String = get(&r, "v")?;
            // A value from before the column was sealed stays as it is.
            let Some(b64) = v.strip_prefix(crate::seal::SEALED_TEXT) else {
                continue;
            };
            use base64::Engine;
            let b64e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let bytes = b64e.decode(b64).map_err(|_| {
                StoreError::Backend("a sealed mutual_aid value does not open".into())
            })?;
            let sealed = keys.reseal("mutual_aid", column, &id, &bytes)?;
            let text = format!("{}{}", crate::seal::SEALED_TEXT, b64e.encode(sealed));
            let sql = format!("UPDATE mutual_aid SET {column} = $1 WHERE id = $2");
            sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
                .arg(text)
                .arg(&id)
                .exec(&mut *conn)
                .await
                .map_err(write_err("merge"))?;
        }
    }
    let si = into.to_string();
    for table in MOVED {
        // A copy read before the merge is stale after it (its version check refuses it).
        let bump = if matches!(
            table,
            "requests" | "legal_demands" | "mutual_aid" | "referrals"
        ) {
            ", version = version + 1"
        } else {
            ""
        };
        let sql = format!("UPDATE {table} SET subject = $1{bump} WHERE subject = $2");
        sqlx::query::<D>(sqlx::AssertSqlSafe(sql))
            .arg(&si)
            .arg(&sf)
            .exec(&mut *conn)
            .await
            .map_err(write_err("merge"))?;
    }
    // Kept past the retention period if either record was.
    let keep: bool = sqlx::query::<D>("SELECT keep FROM subjects WHERE id = $1")
        .arg(&sf)
        .opt(&mut *conn)
        .await
        .map_err(backend("merge"))?
        .map(|r| get::<bool>(&r, "keep"))
        .transpose()?
        .unwrap_or(false);
    if keep {
        sqlx::query::<D>("UPDATE subjects SET keep = $1 WHERE id = $2")
            .arg(true)
            .arg(&si)
            .exec(&mut *conn)
            .await
            .map_err(write_err("merge"))?;
    }
    // The merged person's key is destroyed: nothing is left under it.
    if super::trust::erase_rows::<D>(conn, from, at, "merged").await? != 1 {
        return Err(StoreError::Rule("person"));
    }
    tx.cache.forget(from);
    tx.deks.insert(from, None);
    Ok(())
}
