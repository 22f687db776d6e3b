//! What the SQL core needs from a database engine, implemented for SQLite and PostgreSQL.
//!
//! The core (`sql/`) is written once, generic over [`Db`]. Statements use `$1`-style placeholders, which both
//! engines accept. Values are bound through [`Param`] and read through [`Col`], closed sets of the column types the
//! schema uses (integers, floats, booleans, text, bytes), so the generic code never needs sqlx's per-type bounds.

use crate::StoreError;
use futures::future::BoxFuture;
use sqlx::postgres::{PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteRow};
use sqlx::{Connection, Database, Executor, Pool, Row};
use std::path::Path;

/// A database's role ("embedded", "primary", "standby"), its largest replica lag in bytes, how many replicas.
pub type Role = (&'static str, Option<i64>, i64);

pub type Q<'q, D> = sqlx::query::Query<'q, D, <D as Database>::Arguments>;

/// A value bound into a statement.
pub trait Param: Send {
    fn bind_sqlite<'q>(self, q: Q<'q, Sqlite>) -> Q<'q, Sqlite>;
    fn bind_pg<'q>(self, q: Q<'q, Postgres>) -> Q<'q, Postgres>;
}

macro_rules! param {
    ($($t:ty),* $(,)?) => {$(
        impl<'a> Param for $t {
            fn bind_sqlite<'q>(self, q: Q<'q, Sqlite>) -> Q<'q, Sqlite> {
                q.bind(self)
            }
            fn bind_pg<'q>(self, q: Q<'q, Postgres>) -> Q<'q, Postgres> {
                q.bind(self)
            }
        }
    )*};
}

param!(
    i64,
    Option<i64>,
    &'a i64,
    f64,
    Option<f64>,
    bool,
    Option<bool>,
    &'a bool,
    String,
    Option<String>,
    &'a String,
    &'a Option<String>,
    &'a str,
    Option<&'a str>,
    Vec<u8>,
    Option<Vec<u8>>,
);

/// A value of a row written in bulk (typed even when NULL).
#[derive(Clone, Debug)]
pub enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

impl Param for Val {
    fn bind_sqlite<'q>(self, q: Q<'q, Sqlite>) -> Q<'q, Sqlite> {
        match self {
            Val::Text(v) => q.bind(v),
            Val::Int(v) => q.bind(v),
            Val::Real(v) => q.bind(v),
            Val::Bool(v) => q.bind(v),
            Val::Bytes(v) => q.bind(v),
        }
    }
    fn bind_pg<'q>(self, q: Q<'q, Postgres>) -> Q<'q, Postgres> {
        match self {
            Val::Text(v) => q.bind(v),
            Val::Int(v) => q.bind(v),
            Val::Real(v) => q.bind(v),
            Val::Bool(v) => q.bind(v),
            Val::Bytes(v) => q.bind(v),
        }
    }
}

/// One column of rows written in bulk, for PostgreSQL's `UNNEST` (one array parameter per column).
pub enum Column {
    Text(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Bytes(Vec<Option<Vec<u8>>>),
}

impl Column {
    /// Transposes rows into columns (every row has the shape of the first).
    pub fn of(rows: Vec<Vec<Val>>) -> Vec<Column> {
        let mut cols: Vec<Column> = match rows.first() {
            None => return Vec::new(),
            Some(first) => first
                .iter()
                .map(|v| match v {
                    Val::Text(_) => Column::Text(Vec::with_capacity(rows.len())),
                    Val::Int(_) => Column::Int(Vec::with_capacity(rows.len())),
                    Val::Real(_) => Column::Real(Vec::with_capacity(rows.len())),
                    Val::Bool(_) => Column::Bool(Vec::with_capacity(rows.len())),
                    Val::Bytes(_) => Column::Bytes(Vec::with_capacity(rows.len())),
                })
                .collect(),
        };
        for row in rows {
            for (c, v) in cols.iter_mut().zip(row) {
                match (c, v) {
                    (Column::Text(c), Val::Text(v)) => c.push(v),
                    (Column::Int(c), Val::Int(v)) => c.push(v),
                    (Column::Real(c), Val::Real(v)) => c.push(v),
                    (Column::Bool(c), Val::Bool(v)) => c.push(v),
                    (Column::Bytes(c), Val::Bytes(v)) => c.push(v),
                    // Rows are built by one function per table: shapes never differ.
                    _ => {}
                }
            }
        }
        cols
    }

    /// PostgreSQL's array type for the column.
    pub fn pg_type(&self) -> &'static str {
        match self {
            Column::Text(_) => "text[]",
            Column::Int(_) => "int8[]",
            Column::Real(_) => "float8[]",
            Column::Bool(_) => "bool[]",
            Column::Bytes(_) => "bytea[]",
        }
    }
}

/// A value read from a column.
pub trait Col: Sized {
    fn from_sqlite(row: &SqliteRow, col: &str) -> Result<Self, sqlx::Error>;
    fn from_pg(row: &PgRow, col: &str) -> Result<Self, sqlx::Error>;
}

macro_rules! col {
    ($($t:ty),* $(,)?) => {$(
        impl Col for $t {
            fn from_sqlite(row: &SqliteRow, col: &str) -> Result<Self, sqlx::Error> {
                row.try_get(col)
            }
            fn from_pg(row: &PgRow, col: &str) -> Result<Self, sqlx::Error> {
                row.try_get(col)
            }
        }
    )*};
}

col!(
    i64,
    Option<i64>,
    f64,
    Option<f64>,
    bool,
    Option<bool>,
    String,
    Option<String>,
    Vec<u8>,
    Option<Vec<u8>>,
);

/// A row of either engine.
pub trait RowGet: Send + Sync {
    fn col<T: Col>(&self, col: &str) -> Result<T, sqlx::Error>;
}

impl RowGet for SqliteRow {
    fn col<T: Col>(&self, col: &str) -> Result<T, sqlx::Error> {
        T::from_sqlite(self, col)
    }
}

impl RowGet for PgRow {
    fn col<T: Col>(&self, col: &str) -> Result<T, sqlx::Error> {
        T::from_pg(self, col)
    }
}

/// A database engine the core runs on.
pub trait Db: Database<Row: RowGet> {
    /// For logs and errors.
    const ENGINE: &'static str;
    /// Every (table, column) of the schema, as `t` and `c` (heart's own tables only).
    const COLUMNS_SQL: &'static str;

    fn bind<T: Param>(q: Q<'_, Self>, v: T) -> Q<'_, Self>;

    /// Starts a write transaction that no other writer (in this process or another) interleaves with: the audit
    /// chain's head is read inside it.
    fn begin_write(conn: &mut Self::Connection) -> BoxFuture<'_, Result<(), sqlx::Error>>;

    fn raw<'c>(
        conn: &'c mut Self::Connection,
        sql: &'static str,
    ) -> BoxFuture<'c, Result<(), sqlx::Error>>;
    fn execute<'c>(
        q: Q<'c, Self>,
        conn: &'c mut Self::Connection,
    ) -> BoxFuture<'c, Result<u64, sqlx::Error>>;
    fn fetch_all<'c>(
        q: Q<'c, Self>,
        conn: &'c mut Self::Connection,
    ) -> BoxFuture<'c, Result<Vec<Self::Row>, sqlx::Error>>;
    fn fetch_optional<'c>(
        q: Q<'c, Self>,
        conn: &'c mut Self::Connection,
    ) -> BoxFuture<'c, Result<Option<Self::Row>, sqlx::Error>>;
    fn pool_all<'c>(
        q: Q<'c, Self>,
        pool: &'c Pool<Self>,
    ) -> BoxFuture<'c, Result<Vec<Self::Row>, sqlx::Error>>;
    fn pool_optional<'c>(
        q: Q<'c, Self>,
        pool: &'c Pool<Self>,
    ) -> BoxFuture<'c, Result<Option<Self::Row>, sqlx::Error>>;
    /// Streams rows to `each` (for walks over the whole audit log).
    fn conn_each<'c>(
        q: Q<'c, Self>,
        conn: &'c mut Self::Connection,
        each: &'c mut (dyn FnMut(&Self::Row) -> bool + Send),
    ) -> BoxFuture<'c, Result<(), sqlx::Error>>;
    /// Run first in a transaction, makes its reads all see one moment (an export's consistent snapshot).
    const SNAPSHOT: Option<&'static str>;
    /// Run by the writer between batches now and then (see `writer::restarted`): on SQLite, a checkpoint that
    /// lets the log start again from its beginning, between a statement that bounds how long it waits for readers
    /// and one that puts the connection's usual wait back.
    const CHECKPOINT: Option<[&'static str; 3]>;
    fn connect(
        opts: &<Self::Connection as Connection>::Options,
    ) -> BoxFuture<'_, Result<Self::Connection, sqlx::Error>>;
    fn close(conn: Self::Connection) -> BoxFuture<'static, ()>;

    /// A new write connection after the old one failed: on PostgreSQL, to whichever host named in `source` is the
    /// primary now (after a failover), with that host's options.
    #[allow(clippy::type_complexity)]
    fn reconnect<'a>(
        opts: &'a <Self::Connection as Connection>::Options,
        source: &'a str,
    ) -> BoxFuture<'a, Result<(Self::Connection, <Self::Connection as Connection>::Options), String>>;

    /// The database's role ("embedded", "primary", "standby"), the largest replica lag in bytes, and how many
    /// replicas stream from it.
    fn role(pool: &Pool<Self>) -> BoxFuture<'_, Result<Role, sqlx::Error>>;

    /// Whether many rows go in as one `INSERT ... SELECT FROM UNNEST(arrays)` (PostgreSQL: one round trip per
    /// table and batch) rather than multi-row VALUES in chunks (SQLite: no round trips to save).
    const UNNEST: bool;

    /// Binds one whole column as an array (only where `UNNEST` is true).
    fn bind_column(q: Q<'_, Self>, col: Column) -> Q<'_, Self>;

    /// After rows were copied in with their own ids: identity sequences continue after the largest id.
    fn after_import(conn: &mut Self::Connection) -> BoxFuture<'_, Result<(), sqlx::Error>>;

    /// A consistent copy of the whole database at `to`, taken while writers go on.
    fn backup<'a>(
        opts: &'a <Self::Connection as Connection>::Options,
        source: &'a str,
        to: &'a Path,
    ) -> BoxFuture<'a, Result<(), StoreError>>;
}

macro_rules! db_common {
    ($bind:ident) => {
        fn bind<T: Param>(q: Q<'_, Self>, v: T) -> Q<'_, Self> {
            v.$bind(q)
        }
        fn raw<'c>(
            conn: &'c mut Self::Connection,
            sql: &'static str,
        ) -> BoxFuture<'c, Result<(), sqlx::Error>> {
            Box::pin(async move { conn.execute(sql).await.map(|_| ()) })
        }
        fn execute<'c>(
            q: Q<'c, Self>,
            conn: &'c mut Self::Connection,
        ) -> BoxFuture<'c, Result<u64, sqlx::Error>> {
            Box::pin(async move { q.execute(conn).await.map(|r| r.rows_affected()) })
        }
        fn fetch_all<'c>(
            q: Q<'c, Self>,
            conn: &'c mut Self::Connection,
        ) -> BoxFuture<'c, Result<Vec<Self::Row>, sqlx::Error>> {
            Box::pin(q.fetch_all(conn))
        }
        fn fetch_optional<'c>(
            q: Q<'c, Self>,
            conn: &'c mut Self::Connection,
        ) -> BoxFuture<'c, Result<Option<Self::Row>, sqlx::Error>> {
            Box::pin(q.fetch_optional(conn))
        }
        fn pool_all<'c>(
            q: Q<'c, Self>,
            pool: &'c Pool<Self>,
        ) -> BoxFuture<'c, Result<Vec<Self::Row>, sqlx::Error>> {
            Box::pin(q.fetch_all(pool))
        }
        fn pool_optional<'c>(
            q: Q<'c, Self>,
            pool: &'c Pool<Self>,
        ) -> BoxFuture<'c, Result<Option<Self::Row>, sqlx::Error>> {
            Box::pin(q.fetch_optional(pool))
        }
        fn conn_each<'c>(
            q: Q<'c, Self>,
            conn: &'c mut Self::Connection,
            each: &'c mut (dyn FnMut(&Self::Row) -> bool + Send),
        ) -> BoxFuture<'c, Result<(), sqlx::Error>> {
            Box::pin(async move {
                use futures::TryStreamExt;
                let mut rows = q.fetch(conn);
                while let Some(row) = rows.try_next().await? {
                    if !each(&row) {
                        break;
                    }
                }
                Ok(())
            })
        }
        fn connect(
            opts: &<Self::Connection as Connection>::Options,
        ) -> BoxFuture<'_, Result<Self::Connection, sqlx::Error>> {
            Box::pin(<Self::Connection as Connection>::connect_with(opts))
        }
        fn close(conn: Self::Connection) -> BoxFuture<'static, ()> {
            Box::pin(async move {
                let _ = conn.close().await;
            })
        }
    };
}

impl Db for Sqlite {
    const ENGINE: &'static str = "sqlite";
    // In WAL mode a read transaction sees the database as of its first read already.
    const SNAPSHOT: Option<&'static str> = None;
    // (5000 ms: the `busy_timeout` every connection opens with, in `sqlite.rs`.)
    const CHECKPOINT: Option<[&'static str; 3]> = Some([
        "PRAGMA busy_timeout = 20",
        "PRAGMA wal_checkpoint(RESTART)",
        "PRAGMA busy_timeout = 20",
    ]);
    const COLUMNS_SQL: &'static str = "SELECT m.name AS t, p.name AS c FROM sqlite_master m, \
         pragma_table_info(m.name) p WHERE m.type = 'table' \
         AND m.name NOT IN ('sqlite_sequence', '_sqlx_migrations') ORDER BY 1, 2";
    db_common!(bind_sqlite);

    fn begin_write(conn: &mut Self::Connection) -> BoxFuture<'_, Result<(), sqlx::Error>> {
        Box::pin(async move { conn.execute("BEGIN IMMEDIATE").await.map(|_| ()) })
    }

    fn reconnect<'a>(
        opts: &'a <Self::Connection as Connection>::Options,
        _source: &'a str,
    ) -> BoxFuture<'a, Result<(Self::Connection, <Self::Connection as Connection>::Options), String>>
    {
        Box::pin(async move {
            let conn = <Self::Connection as Connection>::connect_with(opts)
                .await
                .map_err(|e| e.to_string())?;
            Ok((conn, opts.clone()))
        })
    }

    const UNNEST: bool = false;

    fn bind_column(q: Q<'_, Self>, _col: Column) -> Q<'_, Self> {
        // SQLite has no arrays; the core never asks (UNNEST is false).
        q
    }

    fn after_import(_conn: &mut Self::Connection) -> BoxFuture<'_, Result<(), sqlx::Error>> {
        // AUTOINCREMENT follows explicit ids by itself.
        Box::pin(async { Ok(()) })
    }

    fn role(pool: &Pool<Self>) -> BoxFuture<'_, Result<Role, sqlx::Error>> {
        Box::pin(async move {
            sqlx::query("SELECT 1").execute(pool).await?;
            Ok(("embedded", None, 0))
        })
    }

    fn backup<'a>(
        opts: &'a <Self::Connection as Connection>::Options,
        _source: &'a str,
        to: &'a Path,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(crate::sqlite::backup(opts, to))
    }
}

/// The advisory lock every PostgreSQL write transaction holds: one audit chain across every node.
pub const WRITE_LOCK: i64 = 0x6865_6172_7400;
const BEGIN_WRITE: &str = "BEGIN; SELECT pg_advisory_xact_lock(114784635876352)";

impl Db for Postgres {
    const ENGINE: &'static str = "postgres";
    const CHECKPOINT: Option<[&'static str; 3]> = None;
    // Long exports stream while the client writes: no idle-in-transaction limit for this one.
    const SNAPSHOT: Option<&'static str> = Some(
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; \
         SET LOCAL idle_in_transaction_session_timeout = 0",
    );
    const COLUMNS_SQL: &'static str = "SELECT table_name::TEXT AS t, column_name::TEXT AS c \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         AND table_name <> '_sqlx_migrations' ORDER BY 1, 2";
    db_common!(bind_pg);

    fn begin_write(conn: &mut Self::Connection) -> BoxFuture<'_, Result<(), sqlx::Error>> {
        // One round trip: on a busy machine each one costs scheduling latency on both sides.
        Box::pin(async move {
            sqlx::raw_sql(BEGIN_WRITE)
                .execute(&mut *conn)
                .await
                .map(|_| ())
        })
    }

    fn reconnect<'a>(
        _opts: &'a <Self::Connection as Connection>::Options,
        source: &'a str,
    ) -> BoxFuture<'a, Result<(Self::Connection, <Self::Connection as Connection>::Options), String>>
    {
        Box::pin(crate::postgres::find_primary(source))
    }

    const UNNEST: bool = true;

    fn bind_column(q: Q<'_, Self>, col: Column) -> Q<'_, Self> {
        match col {
            Column::Text(v) => q.bind(v),
            Column::Int(v) => q.bind(v),
            Column::Real(v) => q.bind(v),
            Column::Bool(v) => q.bind(v),
            Column::Bytes(v) => q.bind(v),
        }
    }

    fn after_import(conn: &mut Self::Connection) -> BoxFuture<'_, Result<(), sqlx::Error>> {
        Box::pin(async move {
            conn.execute(
                "SELECT setval(pg_get_serial_sequence('request_transitions', 'seq'), \
                 COALESCE((SELECT MAX(seq) FROM request_transitions), 0) + 1, false)",
            )
            .await
            .map(|_| ())
        })
    }

    fn role(pool: &Pool<Self>) -> BoxFuture<'_, Result<Role, sqlx::Error>> {
        Box::pin(async move {
            let standby: bool = sqlx::query_scalar("SELECT pg_is_in_recovery()")
                .fetch_one(pool)
                .await?;
            if standby {
                return Ok(("standby", None, 0));
            }
            let (lag, replicas): (Option<i64>, i64) = sqlx::query_as(
                "SELECT MAX(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::BIGINT, COUNT(*) \
                 FROM pg_stat_replication",
            )
            .fetch_one(pool)
            .await?;
            Ok(("primary", lag, replicas))
        })
    }

    fn backup<'a>(
        _opts: &'a <Self::Connection as Connection>::Options,
        source: &'a str,
        to: &'a Path,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(crate::postgres::backup(source, to))
    }
}

/// Binding through [`Db`] in the generic core: `q.arg(v)`.
pub trait Bind: Sized {
    fn arg<T: Param>(self, v: T) -> Self;
}

impl<'q, D: Db> Bind for Q<'q, D> {
    fn arg<T: Param>(self, v: T) -> Self {
        D::bind(self, v)
    }
}

/// Running a statement through [`Db`] in the generic core.
pub trait Run<'q, D: Db>: Sized {
    /// Rows changed.
    fn exec(self, conn: &'q mut D::Connection) -> BoxFuture<'q, Result<u64, sqlx::Error>>;
    fn all(self, conn: &'q mut D::Connection) -> BoxFuture<'q, Result<Vec<D::Row>, sqlx::Error>>;
    fn opt(self, conn: &'q mut D::Connection)
    -> BoxFuture<'q, Result<Option<D::Row>, sqlx::Error>>;
    fn all_in(self, pool: &'q Pool<D>) -> BoxFuture<'q, Result<Vec<D::Row>, sqlx::Error>>;
    fn opt_in(self, pool: &'q Pool<D>) -> BoxFuture<'q, Result<Option<D::Row>, sqlx::Error>>;
}

impl<'q, D: Db> Run<'q, D> for Q<'q, D> {
    fn exec(self, conn: &'q mut D::Connection) -> BoxFuture<'q, Result<u64, sqlx::Error>> {
        D::execute(self, conn)
    }
    fn all(self, conn: &'q mut D::Connection) -> BoxFuture<'q, Result<Vec<D::Row>, sqlx::Error>> {
        D::fetch_all(self, conn)
    }
    fn opt(
        self,
        conn: &'q mut D::Connection,
    ) -> BoxFuture<'q, Result<Option<D::Row>, sqlx::Error>> {
        D::fetch_optional(self, conn)
    }
    fn all_in(self, pool: &'q Pool<D>) -> BoxFuture<'q, Result<Vec<D::Row>, sqlx::Error>> {
        Box::pin(bounded(D::pool_all(self, pool)))
    }
    fn opt_in(self, pool: &'q Pool<D>) -> BoxFuture<'q, Result<Option<D::Row>, sqlx::Error>> {
        Box::pin(bounded(D::pool_optional(self, pool)))
    }
}

/// How long a read may take before the caller hears "unavailable, try again" (a server gone silent, a network
/// cut without a reset) rather than waiting for ever.
pub const READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

async fn bounded<T>(
    f: impl std::future::Future<Output = Result<T, sqlx::Error>>,
) -> Result<T, sqlx::Error> {
    match tokio::time::timeout(READ_TIMEOUT, f).await {
        Ok(r) => r,
        // Counted as unavailable (see `sql::unavailable`): the pool could not give an answer in time.
        Err(_) => Err(sqlx::Error::PoolTimedOut),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_write_lock_is_the_same_number_in_sql() {
        assert!(super::BEGIN_WRITE.ends_with(&format!("({})", super::WRITE_LOCK)));
    }
}
