//! `doctor::DoctorStore` on both engines.

use super::*;
use crate::doctor::DoctorStore;

#[async_trait]
impl<D: Db> DoctorStore for SqlStore<D> {
    async fn erased_people(&self) -> StoreResult<i64> {
        let rows =
            sqlx::query::<D>("SELECT COUNT(*) AS n FROM subjects WHERE erased_at IS NOT NULL")
                .all_in(&self.read)
                .await
                .map_err(backend("count erased people"))?;
        Ok(all(rows, |r| get::<i64>(r, "n"))?
            .into_iter()
            .next()
            .unwrap_or(0))
    }

    async fn db_clock(&self) -> StoreResult<Option<Timestamp>> {
        if D::ENGINE != "postgres" {
            return Ok(None);
        }
        let rows = sqlx::query::<D>(
            "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT) AS now",
        )
        .all_in(&self.read)
        .await
        .map_err(backend("read the database's clock"))?;
        Ok(all(rows, |r| get::<i64>(r, "now"))?
            .into_iter()
            .next()
            .map(from_micros))
    }
}
