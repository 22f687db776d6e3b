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

/// How a column is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Real,
    Bool,
    Bytes,
}

use Kind::*;

/// A table: its name, the columns its rows are ordered by, and every column with how it is stored.
pub type Table = (&'static str, &'static str, &'static [(&'static str, Kind)]);

/// Every table, parents before children, with every column. A test checks this against both engines' schemas,
/// so a table or column added later cannot be left behind.
pub const TABLES: &[Table] = &[
    (
        "teams",
        "id",
        &[
            ("id", Text),
            ("name", Text),
            ("status", Text),
            ("status_at", Int),
            ("lat", Real),
            ("lon", Real),
            ("checkin_at", Int),
            ("version", Int),
            ("base_lat", Real),
            ("base_lon", Real),
            ("position_at", Int),
        ],
    ),
    (
        "users",
        "id",
        &[
            ("id", Text),
            ("username", Text),
            ("display_name", Text),
            ("password_hash", Text),
            ("capabilities", Text),
            ("team_id", Text),
            ("active", Bool),
            ("setup_token_hash", Text),
            ("created_at", Int),
            ("totp_kek", Int),
            ("totp_secret", Bytes),
            ("totp_enabled_at", Int),
            ("totp_last_step", Int),
            ("organization_id", Text),
            ("failed_logins", Int),
            ("last_failed_login_at", Int),
            ("failed_at_last_signin", Int),
        ],
    ),
    (
        "api_tokens",
        "id",
        &[
            ("id", Text),
            ("name", Text),
            ("token_hash", Text),
            ("capabilities", Text),
            ("created_at", Int),
            ("revoked_at", Int),
            ("user_id", Text),
            ("expires_at", Int),
        ],
    ),
    (
        "sessions",
        "id_hash",
        &[
            ("id_hash", Text),
            ("user_id", Text),
            ("csrf", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("last_seen_at", Int),
            ("stage", Text),
        ],
    ),
    (
        "recovery_codes",
        "user_id, code_hash",
        &[("user_id", Text), ("code_hash", Text), ("used_at", Int)],
    ),
    (
        "passkeys",
        "id",
        &[
            ("id", Text),
            ("user_id", Text),
            ("name", Text),
            ("credential_id", Text),
            ("credential", Text),
            ("created_at", Int),
            ("last_used_at", Int),
        ],
    ),
    (
        "passkey_ceremonies",
        "user_id",
        &[
            ("user_id", Text),
            ("purpose", Text),
            ("state", Text),
            ("expires_at", Int),
        ],
    ),
    (
        "shifts",
        "id",
        &[
            ("id", Text),
            ("team_id", Text),
            ("starts_at", Int),
            ("ends_at", Int),
        ],
    ),
    (
        "subjects",
        "id",
        &[
            ("id", Text),
            ("kek_id", Int),
            ("wrapped", Bytes),
            ("key_version", Int),
            ("created_at", Int),
            ("keep", Bool),
            ("erased_at", Int),
            ("erase_reason", Text),
        ],
    ),
    (
        "requests",
        "id",
        &[
            ("id", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("channel", Text),
            ("requester", Text),
            ("location_withheld", Bool),
            ("safe_text", Bool),
            ("safe_voicemail", Bool),
            ("safe_call", Bool),
            ("language", Text),
            ("triage_outcome", Text),
            ("priority", Int),
            ("triage_rule", Text),
            ("rationale", Text),
            ("ems_consent", Text),
            ("status", Text),
            ("team_id", Text),
            ("outcome", Text),
            ("version", Int),
            ("subject", Text),
            ("phone_index", Text),
            ("sealed", Bytes),
        ],
    ),
    (
        "request_transitions",
        "seq",
        &[
            ("seq", Int),
            ("request_id", Text),
            ("from_status", Text),
            ("to_status", Text),
            ("team_id", Text),
            ("at", Int),
            ("actor", Text),
        ],
    ),
    (
        "encounters",
        "id",
        &[
            ("id", Text),
            ("request_id", Text),
            ("team_id", Text),
            ("needs", Text),
            ("outcome", Text),
            ("follow_up_consent", Bool),
            ("follow_up_method", Text),
            ("created_at", Int),
            ("created_by", Text),
            ("sealed", Bytes),
        ],
    ),
    (
        "follow_ups",
        "id",
        &[
            ("id", Text),
            ("request_id", Text),
            ("encounter_id", Text),
            ("due_at", Int),
            ("method", Text),
            ("done_at", Int),
            ("done_by", Text),
            ("version", Int),
            ("sealed", Bytes),
            ("cancelled_at", Int),
        ],
    ),
    (
        "alerts",
        "id",
        &[
            ("id", Text),
            ("kind", Text),
            ("team_id", Text),
            ("request_id", Text),
            ("lat", Real),
            ("lon", Real),
            ("created_at", Int),
            ("cleared_at", Int),
            ("cleared_by", Text),
            ("position_source", Text),
            ("position_at", Int),
        ],
    ),
    (
        "approvals",
        "id",
        &[
            ("id", Text),
            ("kind", Text),
            ("subject", Text),
            ("request_id", Text),
            ("target_user", Text),
            ("capabilities", Text),
            ("reason", Text),
            ("requested_by", Text),
            ("requested_at", Int),
            ("status", Text),
            ("decided_by", Text),
            ("decided_at", Int),
            ("decline_reason", Text),
            ("done_at", Int),
            ("version", Int),
        ],
    ),
    (
        "legal_demands",
        "id",
        &[
            ("id", Text),
            ("received_at", Int),
            ("from_kind", Text),
            ("reference", Text),
            ("asked", Text),
            ("subject", Text),
            ("recorded_by", Text),
            ("first_review_by", Text),
            ("first_decision", Text),
            ("second_review_by", Text),
            ("second_decision", Text),
            ("gag_order", Bool),
            ("person_told_at", Int),
            ("handed_over", Text),
            ("closed_at", Int),
            ("version", Int),
            ("sealed", Bytes),
            ("kek_id", Int),
        ],
    ),
    (
        "idempotency_keys",
        "key",
        &[
            ("key", Text),
            ("request_id", Text),
            ("fingerprint", Text),
            ("created_at", Int),
        ],
    ),
    (
        "audit_log",
        "seq",
        &[
            ("seq", Int),
            ("id", Text),
            ("at", Int),
            ("actor", Text),
            ("action", Text),
            ("record_kind", Text),
            ("record_id", Text),
            ("detail", Text),
            ("hash", Text),
        ],
    ),
    (
        "audit_checkpoints",
        "seq",
        &[
            ("seq", Int),
            ("hash", Text),
            ("at", Int),
            ("public_key", Text),
            ("signature", Text),
        ],
    ),
    (
        "job_leases",
        "name",
        &[("name", Text), ("holder", Text), ("until", Int)],
    ),
    (
        "node_keys",
        "node",
        &[
            ("node", Text),
            ("kek_ids", Text),
            ("wraps", Int),
            ("seen_at", Int),
        ],
    ),
    ("key_state", "id", &[("id", Int), ("kek_in_use", Int)]),
    (
        "funds",
        "id",
        &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("currency", Text),
            ("restriction", Text),
            ("created_at", Int),
            ("archived", Bool),
        ],
    ),
    (
        "ledger_entries",
        "id",
        &[
            ("id", Text),
            ("at", Int),
            ("day", Int),
            ("kind", Text),
            ("memo", Text),
            ("ref_kind", Text),
            ("ref_id", Text),
            ("reverses", Text),
            ("flagged", Bool),
            ("posted_by", Text),
        ],
    ),
    (
        "ledger_lines",
        "entry_id, n",
        &[
            ("entry_id", Text),
            ("n", Int),
            ("fund_id", Text),
            ("account", Text),
            ("amount_minor", Int),
            ("day", Int),
        ],
    ),
    (
        "ledger_months",
        "fund_id, month",
        &[
            ("fund_id", Text),
            ("month", Int),
            ("in_minor", Int),
            ("out_minor", Int),
        ],
    ),
    (
        "mutual_aid",
        "id",
        &[
            ("id", Text),
            ("request_id", Text),
            ("subject", Text),
            ("fund_id", Text),
            ("amount_minor", Int),
            ("currency", Text),
            ("purpose", Text),
            ("payee_kind", Text),
            ("payee_name", Text),
            ("method", Text),
            ("sealed", Bytes),
            ("requested_by", Text),
            ("requested_at", Int),
            ("approvals_needed", Int),
            ("status", Text),
            ("declined_by", Text),
            ("decline_reason", Text),
            ("decided_at", Int),
            ("paid_by", Text),
            ("paid_at", Int),
            ("entry_id", Text),
            ("proof_name", Text),
            ("proof_type", Text),
            ("proof", Bytes),
            ("version", Int),
        ],
    ),
    (
        "mutual_aid_approvals",
        "aid_id, approver",
        &[("aid_id", Text), ("approver", Text), ("at", Int)],
    ),
    (
        "campaigns",
        "id",
        &[
            ("id", Text),
            ("name", Text),
            ("fund_id", Text),
            ("goal_minor", Int),
            ("active", Bool),
            ("created_at", Int),
        ],
    ),
    (
        "donors",
        "id",
        &[
            ("id", Text),
            ("email", Text),
            ("name", Text),
            ("created_at", Int),
        ],
    ),
    (
        "donations",
        "id",
        &[
            ("id", Text),
            ("donor_id", Text),
            ("fund_id", Text),
            ("campaign_id", Text),
            ("amount_minor", Int),
            ("currency", Text),
            ("frequency", Text),
            ("anonymous", Bool),
            ("message", Text),
            ("provider", Text),
            ("method", Text),
            ("provider_ref", Text),
            ("subscription_ref", Text),
            ("status", Text),
            ("receipt_token", Text),
            ("created_at", Int),
            ("paid_at", Int),
            ("entry_id", Text),
            ("refunded_minor", Int),
            ("recorded_by", Text),
            ("version", Int),
            ("language", Text),
        ],
    ),
    (
        "payment_events",
        "provider, event_id",
        &[("provider", Text), ("event_id", Text), ("received_at", Int)],
    ),
    (
        "partners",
        "id",
        &[
            ("id", Text),
            ("name", Text),
            ("slug", Text),
            ("secret_kek", Int),
            ("secret", Bytes),
            ("kinds", Text),
            ("escalate_minutes", Int),
            ("created_at", Int),
            ("revoked_at", Int),
            ("business_hours", Text),
        ],
    ),
    (
        "partner_alerts",
        "id",
        &[
            ("id", Text),
            ("partner_id", Text),
            ("idem_key", Text),
            ("fingerprint", Text),
            ("kind", Text),
            ("state", Text),
            ("request_id", Text),
            ("place_hash", Text),
            ("received_at", Int),
            ("due_at", Int),
            ("held_kek", Int),
            ("held", Bytes),
            ("callback", Text),
        ],
    ),
    (
        "callback_outbox",
        "id",
        &[
            ("id", Text),
            ("alert_id", Text),
            ("body", Text),
            ("status", Text),
            ("attempts", Int),
            ("next_at", Int),
            ("error", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "alert_places",
        "place_hash",
        &[("place_hash", Text), ("request_id", Text), ("last_at", Int)],
    ),
    (
        "request_tokens",
        "token_hash",
        &[
            ("token_hash", Text),
            ("request_id", Text),
            ("alert_id", Text),
            ("source", Text),
            ("kind", Text),
            ("created_at", Int),
        ],
    ),
    (
        "request_acks",
        "request_id",
        &[
            ("request_id", Text),
            ("channel", Text),
            ("received_at", Int),
            ("acked_at", Int),
            ("actor", Text),
        ],
    ),
    (
        "sms_messages",
        "id",
        &[
            ("id", Text),
            ("subject", Text),
            ("request_id", Text),
            ("direction", Text),
            ("sealed", Bytes),
            ("status", Text),
            ("provider_sid", Text),
            ("attempts", Int),
            ("next_at", Int),
            ("error", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "sms_optouts",
        "phone_index",
        &[("phone_index", Text), ("at", Int)],
    ),
    (
        "service_state",
        "id",
        &[
            ("id", Int),
            ("full_until", Int),
            ("set_at", Int),
            ("set_by", Text),
        ],
    ),
    (
        "directory_records",
        "kind, id",
        &[
            ("kind", Text),
            ("id", Text),
            ("doc", Text),
            ("modified_at", Int),
        ],
    ),
    (
        "directory_state",
        "id",
        &[("id", Int), ("version", Int), ("changed_at", Int)],
    ),
    (
        "directory_capacity",
        "service_id",
        &[
            ("service_id", Text),
            ("status", Text),
            ("available", Int),
            ("note", Text),
            ("updated_at", Int),
            ("updated_by", Text),
        ],
    ),
    (
        "referral_hooks",
        "organization_id",
        &[
            ("organization_id", Text),
            ("url", Text),
            ("secret_kek", Int),
            ("secret", Bytes),
            ("created_at", Int),
            ("created_by", Text),
        ],
    ),
    (
        "referrals",
        "id",
        &[
            ("id", Text),
            ("request_id", Text),
            ("encounter_id", Text),
            ("subject", Text),
            ("team_id", Text),
            ("service_id", Text),
            ("organization_id", Text),
            ("shared", Text),
            ("sealed", Bytes),
            ("status", Text),
            ("reason", Text),
            ("created_at", Int),
            ("created_by", Text),
            ("due_at", Int),
            ("updated_at", Int),
            ("version", Int),
        ],
    ),
    (
        "referral_events",
        "referral_id, seq",
        &[
            ("referral_id", Text),
            ("seq", Int),
            ("status", Text),
            ("reason", Text),
            ("at", Int),
            ("actor", Text),
        ],
    ),
    (
        "referral_outbox",
        "id",
        &[
            ("id", Text),
            ("referral_id", Text),
            ("event", Text),
            ("status", Text),
            ("attempts", Int),
            ("next_at", Int),
            ("error", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "mail_outbox",
        "id",
        &[
            ("id", Text),
            ("dedup", Text),
            ("kind", Text),
            ("donor_id", Text),
            ("donation_id", Text),
            ("year", Int),
            ("language", Text),
            ("created_at", Int),
            ("next_at", Int),
            ("attempts", Int),
            ("sent_at", Int),
            ("failed_at", Int),
            ("error", Text),
        ],
    ),
];

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
