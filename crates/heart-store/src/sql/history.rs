//! Past requests by filter (`history::HistoryStore`), newest first, on both engines.

use super::*;
use crate::history::{HistoryStore, ImportRow, RequestFilter};

/// Keeps a file's import; a digest kept before makes the whole change set fail as `Duplicate("import")`.
pub(crate) async fn record_import<D: Db>(
    conn: &mut D::Connection,
    i: &ImportRow,
) -> StoreResult<()> {
    sqlx::query::<D>("INSERT INTO imports (digest, kind, rows, actor, at) VALUES ($1,$2,$3,$4,$5)")
        .arg(i.digest.as_str())
        .arg(i.kind.as_str())
        .arg(i.rows)
        .arg(i.actor.as_str())
        .arg(us(i.at))
        .exec(&mut *conn)
        .await
        .map_err(write_err("import"))?;
    Ok(())
}

/// The filter's conditions, with `$n` numbered from 1, and the values to bind in order.
fn conditions(f: &RequestFilter) -> (String, Vec<Value>) {
    let mut cond: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let next = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("${}", args.len())
    };
    if let Some(from) = f.from {
        cond.push(format!(
            "r.created_at >= {}",
            next(Value::Int(us(from)), &mut args)
        ));
    }
    if let Some(to) = f.to {
        cond.push(format!(
            "r.created_at < {}",
            next(Value::Int(us(to)), &mut args)
        ));
    }
    if !f.statuses.is_empty() {
        let list: Vec<String> = f
            .statuses
            .iter()
            .map(|s| next(Value::Text(s.as_str().into()), &mut args))
            .collect();
        cond.push(format!("r.status IN ({})", list.join(", ")));
    }
    if let Some(o) = f.outcome {
        cond.push(format!(
            "r.outcome = {}",
            next(Value::Text(o.as_str().into()), &mut args)
        ));
    }
    if let Some(c) = f.channel {
        cond.push(format!(
            "r.channel = {}",
            next(Value::Text(c.as_str().into()), &mut args)
        ));
    }
    if let Some(t) = f.team {
        cond.push(format!(
            "r.team_id = {}",
            next(Value::Text(t.to_string()), &mut args)
        ));
    }
    if let Some(n) = f.need {
        // Needs are kept as "housing,money": a need is one whole item of that list.
        let p = next(Value::Text(format!("%,{},%", n.as_str())), &mut args);
        cond.push(format!(
            "EXISTS (SELECT 1 FROM encounters e WHERE e.request_id = r.id AND (',' || e.needs || ',') LIKE {p})"
        ));
    }
    let sql = if cond.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", cond.join(" AND "))
    };
    (sql, args)
}

/// A value bound to a statement.
enum Value {
    Int(i64),
    Text(String),
}

fn bind<'q, D: Db>(mut q: Q<'q, D>, args: &[Value]) -> Q<'q, D> {
    for a in args {
        q = match a {
            Value::Int(i) => q.arg(*i),
            Value::Text(s) => q.arg(s.clone()),
        };
    }
    q
}

#[async_trait]
impl<D: Db> HistoryStore for SqlStore<D> {
    async fn imported(&self, digest: &str) -> StoreResult<Option<ImportRow>> {
        let r = sqlx::query::<D>("SELECT * FROM imports WHERE digest = $1")
            .arg(digest)
            .all_in(&self.read)
            .await
            .map_err(backend("read imports"))?;
        all(r, |row| {
            Ok(ImportRow {
                digest: get(row, "digest")?,
                kind: get(row, "kind")?,
                rows: get(row, "rows")?,
                actor: get(row, "actor")?,
                at: ts(row, "at")?,
            })
        })
        .map(|v| v.into_iter().next())
    }

    async fn request_times(&self, since: Timestamp) -> StoreResult<Vec<Timestamp>> {
        let r = sqlx::query::<D>("SELECT created_at FROM requests WHERE created_at >= $1")
            .arg(us(since))
            .all_in(&self.read)
            .await
            .map_err(backend("read requests"))?;
        all(r, |row| ts(row, "created_at"))
    }

    async fn find_requests(
        &self,
        filter: &RequestFilter,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<RequestRow>, i64)> {
        let (cond, args) = conditions(filter);
        let count_sql = format!("SELECT COUNT(*) AS n FROM requests r{cond}");
        let n = args.len();
        // The page first, then each of its rows with its person's key: the join is for one page only.
        let page_sql = format!(
            "SELECT r.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
             s.key_version AS k_version FROM (SELECT * FROM requests r{cond} \
             ORDER BY r.created_at DESC, r.id DESC LIMIT ${} OFFSET ${}) r \
             LEFT JOIN subjects s ON s.id = r.subject ORDER BY r.created_at DESC, r.id DESC",
            n + 1,
            n + 2
        );
        // The count and the page at once, on two of the pool's connections: the answer waits for the slower.
        let count = async {
            bind(sqlx::query::<D>(sqlx::AssertSqlSafe(count_sql)), &args)
                .all_in(&self.read)
                .await
                .map_err(backend("count requests"))
        };
        let page = async {
            bind(sqlx::query::<D>(sqlx::AssertSqlSafe(page_sql)), &args)
                .arg(limit)
                .arg(offset)
                .all_in(&self.read)
                .await
                .map_err(backend("read requests"))
        };
        let (counted, rows) = tokio::try_join!(count, page)?;
        let total: i64 = match counted.first() {
            Some(r) => get(r, "n")?,
            None => 0,
        };
        Ok((all(rows, |r| requests::request_row(r, &self.keys))?, total))
    }
}
