//! Moving a whole deployment between engines (SQLite -> PostgreSQL, or back): `heart export-all` writes every row
//! of every table as JSON lines, values exactly as stored (sealed fields stay sealed, the audit chain keeps its
//! hashes), and `heart import-all` loads them into an empty database in one transaction.
//!
//! The file holds sealed personal data and pseudonymous ids; it opens only with the deployment's key file, which it
//! does not contain. Treat it as a backup.

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{SqlStore, backend, get};
use crate::{StoreError, StoreResult};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};
use std::io::{BufRead, Write};

mod tables;
use Kind::*;
pub use tables::{Kind, TABLES, Table};

/// The first line of an export.
const FORMAT: &str = "heart-export";

fn value_of(row: &impl RowGet, col: &'static str, kind: Kind) -> StoreResult<Value> {
    Ok(match kind {
        Text => get::<Option<String>>(row, col)?.map_or(Value::Null, Value::String),
        Int => get::<Option<i64>>(row, col)?.map_or(Value::Null, |v| json!(v)),
        Real => get::<Option<f64>>(row, col)?.map_or(Value::Null, |v| json!(v)),
        Bool => get::<Option<bool>>(row, col)?.map_or(Value::Null, Value::Bool),
        Bytes => get::<Option<Vec<u8>>>(row, col)?
            .map_or(Value::Null, |b| Value::String(STANDARD.encode(b))),
    })
}

/// What an export or import did, table by table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, u64)>);

impl Counts {
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

impl<D: Db> SqlStore<D> {
    /// Every (table, column) this database's schema has.
    pub async fn schema_columns(&self) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query::<D>(D::COLUMNS_SQL)
            .all_in(&self.read)
            .await
            .map_err(backend("read the schema"))?;
        rows.iter()
            .map(|r| Ok((get(r, "t")?, get(r, "c")?)))
            .collect()
    }

    /// Writes every row of every table to `out` (JSON lines), in one read transaction's view per table.
    pub async fn export_all(
        &self,
        migrations: &[String],
        out: &mut (dyn Write + Send),
    ) -> StoreResult<Counts> {
        let io = |e: std::io::Error| {
            StoreError::Backend(format!("cannot write the export: {}", e.kind()))
        };
        writeln!(
            out,
            "{}",
            json!({"format": FORMAT, "version": 1, "migrations": migrations})
        )
        .map_err(io)?;
        // Every table read in one transaction: the export is one moment of the database even while nodes
        // write (a request and its transitions, the audit chain and its checkpoints agree).
        // (Dropped on an error: the transaction is rolled back.)
        let mut conn = self
            .read
            .begin()
            .await
            .map_err(backend("begin the export"))?;
        if let Some(sql) = D::SNAPSHOT {
            D::raw(&mut conn, sql)
                .await
                .map_err(backend("begin the export"))?;
        }
        let mut counts = Counts::default();
        for (table, order, cols) in TABLES {
            let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
            let sql = format!("SELECT {} FROM {table} ORDER BY {order}", names.join(", "));
            let mut n = 0u64;
            let mut failure: Option<StoreError> = None;
            {
                let mut each = |row: &D::Row| -> bool {
                    let mut obj = Map::new();
                    for (c, k) in cols.iter() {
                        match value_of(row, c, *k) {
                            Ok(v) => {
                                obj.insert((*c).to_string(), v);
                            }
                            Err(e) => {
                                failure = Some(e);
                                return false;
                            }
                        }
                    }
                    if let Err(e) = writeln!(out, "{}", json!({"t": table, "r": obj})) {
                        failure = Some(io(e));
                        return false;
                    }
                    n += 1;
                    true
                };
                D::conn_each(
                    sqlx::query::<D>(sqlx::AssertSqlSafe(sql)),
                    &mut conn,
                    &mut each,
                )
                .await
                .map_err(backend("read for export"))?;
            }
            if let Some(e) = failure {
                return Err(e);
            }
            counts.0.push((table, n));
        }
        conn.commit().await.map_err(backend("end the export"))?;
        out.flush().map_err(io)?;
        Ok(counts)
    }

    /// Loads an export into this database, which must hold no data yet (a fresh `heart migrate`), in one
    /// transaction: all of it or nothing. The export must come from the same schema version.
    pub async fn import_all(
        &self,
        migrations: &[String],
        input: &mut (dyn BufRead + Send),
    ) -> Result<Counts, String> {
        let mut lines = input.lines();
        let head: Value = match lines.next() {
            Some(Ok(l)) => serde_json::from_str(&l).map_err(|_| "line 1 is not a heart export")?,
            _ => return Err("the file is empty".into()),
        };
        if head["format"] != FORMAT {
            return Err("line 1 is not a heart export".into());
        }
        let theirs: Vec<String> = serde_json::from_value(head["migrations"].clone())
            .map_err(|_| "line 1 does not say which schema it has")?;
        if theirs != migrations {
            return Err(format!(
                "the export is from another schema version ({} migrations, this heart has {}): import it with the \
                 heart that made it, or migrate the source first",
                theirs.len(),
                migrations.len()
            ));
        }
        let mut conn = D::connect(&self.opts())
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        D::begin_write(&mut conn)
            .await
            .map_err(|e| format!("cannot begin: {e}"))?;
        let result = load::<D>(&mut conn, &mut lines).await;
        let outcome = match result {
            Ok(counts) => match D::after_import(&mut conn).await {
                Ok(()) => match D::raw(&mut conn, "COMMIT").await {
                    Ok(()) => Ok(counts),
                    Err(e) => Err(format!("cannot commit: {e}")),
                },
                Err(e) => Err(format!("cannot continue the sequences: {e}")),
            },
            Err(e) => Err(e),
        };
        if outcome.is_err() {
            let _ = D::raw(&mut conn, "ROLLBACK").await;
        }
        D::close(conn).await;
        outcome
    }
}

async fn load<D: Db>(
    conn: &mut D::Connection,
    lines: &mut std::io::Lines<&mut (dyn BufRead + Send)>,
) -> Result<Counts, String> {
    // Only into an empty database: an import never merges with existing people.
    for (table, _, _) in TABLES {
        let probe = format!("SELECT 1 AS one FROM {table} LIMIT 1");
        let found = sqlx::query::<D>(sqlx::AssertSqlSafe(probe))
            .opt(&mut *conn)
            .await
            .map_err(|e| format!("cannot read {table}: {e}"))?;
        if found.is_some() && *table != "job_leases" && *table != "node_keys" {
            return Err(format!(
                "the target database already holds data ({table}); import only into a fresh database"
            ));
        }
    }
    for table in ["job_leases", "node_keys"] {
        sqlx::query::<D>(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .exec(&mut *conn)
            .await
            .map_err(|e| format!("cannot clear {table}: {e}"))?;
    }
    let mut counts: Vec<(&'static str, u64)> = TABLES.iter().map(|(t, _, _)| (*t, 0)).collect();
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let line = line.map_err(|e| format!("line {line_no}: cannot read: {}", e.kind()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(&line).map_err(|_| format!("line {line_no}: not JSON"))?;
        let table = v["t"].as_str().unwrap_or_default();
        let Some(pos) = TABLES.iter().position(|(t, _, _)| *t == table) else {
            return Err(format!("line {line_no}: unknown table {table:?}"));
        };
        let (name, _, cols) = TABLES[pos];
        let row = v["r"]
            .as_object()
            .ok_or_else(|| format!("line {line_no}: no row"))?;
        let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
        let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "INSERT INTO {name} ({}) VALUES ({})",
            names.join(", "),
            params.join(", ")
        );
        let mut q = sqlx::query::<D>(sqlx::AssertSqlSafe(sql));
        for (col, kind) in cols.iter() {
            let val = row.get(*col).unwrap_or(&Value::Null);
            let bad = || format!("line {line_no}: {name}.{col} has the wrong type");
            q = match (kind, val) {
                (Text, Value::Null) => q.arg(None::<String>),
                (Int, Value::Null) => q.arg(None::<i64>),
                (Real, Value::Null) => q.arg(None::<f64>),
                (Bool, Value::Null) => q.arg(None::<bool>),
                (Bytes, Value::Null) => q.arg(None::<Vec<u8>>),
                (Text, Value::String(s)) => q.arg(s.clone()),
                (Int, Value::Number(n)) => q.arg(n.as_i64().ok_or_else(bad)?),
                (Real, Value::Number(n)) => q.arg(n.as_f64().ok_or_else(bad)?),
                (Bool, Value::Bool(b)) => q.arg(*b),
                (Bytes, Value::String(s)) => q.arg(STANDARD.decode(s).map_err(|_| bad())?),
                _ => return Err(bad()),
            };
        }
        q.exec(&mut *conn)
            .await
            .map_err(|e| format!("line {line_no}: {name} refused: {e}"))?;
        counts[pos].1 += 1;
    }
    Ok(Counts(counts))
}

/// Whether `keys` open the data keys in an export (checked before anything is imported): the first person with a
/// key is tried. Ok when the export holds no keys.
pub fn check_keys(input: &mut dyn BufRead, keys: &heart_crypto::keys::Keys) -> Result<(), String> {
    for line in input.lines() {
        let line = line.map_err(|e| format!("cannot read the export: {}", e.kind()))?;
        if !line.contains("\"t\":\"subjects\"") {
            continue;
        }
        let v: Value = serde_json::from_str(&line).map_err(|_| "a line is not JSON".to_string())?;
        if v["t"] != "subjects" {
            continue;
        }
        let r = &v["r"];
        let (Some(id), Some(kek), Some(wrapped)) = (
            r["id"].as_str(),
            r["kek_id"].as_i64(),
            r["wrapped"].as_str(),
        ) else {
            continue;
        };
        let id = id
            .parse()
            .map_err(|_| "a person's id is not valid".to_string())?;
        let bytes = STANDARD
            .decode(wrapped)
            .map_err(|_| "a wrapped key is not valid".to_string())?;
        return crate::seal::unwrap_key(keys, id, kek as u32, bytes)
            .map(|_| ())
            .map_err(|_| {
                "the key file does not open this export's data keys: use the key file of the deployment it came \
                 from"
                    .to_string()
            });
    }
    Ok(())
}
