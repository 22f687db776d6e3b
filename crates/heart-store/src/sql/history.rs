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

/// The ids of one page, newest first, from the index alone (`requests_history`: the rows a deep page skips are never
/// read from the table); the page's rows and their people's keys are joined to these only. `n` values are bound
/// before the limit and the offset.
fn page_ids(cond: &str, n: usize) -> String {
    format!(
        "SELECT r.id, r.created_at FROM requests r{cond} \
         ORDER BY r.created_at DESC, r.id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    )
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
        let page_sql = format!(
            "SELECT r.*, r.subject AS k_subject, s.kek_id AS k_kek, s.wrapped AS k_wrapped, \
             s.key_version AS k_version FROM ({}) p \
             JOIN requests r ON r.id = p.id \
             LEFT JOIN subjects s ON s.id = r.subject ORDER BY r.created_at DESC, r.id DESC",
            page_ids(&cond, n)
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

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Sqlite;

    /// SQLite's plan of a page and of the count: never the requests' rows, only an index (`requests_history` for
    /// the page, and for the count when a filter is given), and no sort of its own.
    #[tokio::test]
    async fn a_page_and_its_count_are_read_from_the_index_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::sqlite::SqliteStore::open(
            &dir.path().join("heart.db"),
            Arc::new(Keys::ephemeral()),
        )
        .await
        .unwrap();
        let at = Timestamp::from_second(1_796_342_400).unwrap();
        // A period and a channel or an outcome (a status or a team may choose their own index: they keep few).
        let period = RequestFilter {
            from: Some(at),
            to: Some(at + jiff::SignedDuration::from_hours(72)),
            ..RequestFilter::default()
        };
        let filters = [
            RequestFilter::default(),
            period.clone(),
            RequestFilter {
                channel: Some(Channel::Phone),
                ..period.clone()
            },
            RequestFilter {
                channel: Some(Channel::Web),
                outcome: Some(CloseOutcome::ConnectedToSupport),
                ..period
            },
        ];
        for f in filters {
            let (cond, args) = conditions(&f);
            for (sql, index) in [
                (page_ids(&cond, args.len()), "requests_history"),
                // With no filter, any index holding every row counts them.
                (format!("SELECT COUNT(*) FROM requests r{cond}"), ""),
            ] {
                let plan = bind(
                    sqlx::query::<Sqlite>(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}"))),
                    &args,
                )
                .arg(50_i64)
                .arg(9_950_i64)
                .all_in(&store.read)
                .await
                .unwrap();
                let details: Vec<String> = plan
                    .iter()
                    .map(|r| get::<String>(r, "detail").unwrap())
                    .collect();
                let from_requests: Vec<&String> =
                    details.iter().filter(|d| d.contains("requests")).collect();
                assert!(
                    !from_requests.is_empty()
                        && from_requests.iter().all(|d| {
                            d.contains(&format!("USING COVERING INDEX {index}"))
                                && (index.is_empty() || d.contains("requests_history"))
                        }),
                    "{sql}: {details:?}"
                );
                assert!(
                    !details.iter().any(|d| d.contains("TEMP B-TREE")),
                    "{sql} sorts: {details:?}"
                );
            }
        }
    }
}
