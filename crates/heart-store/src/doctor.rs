//! What the operator's checks (`heart doctor`, the Health page) read from the database.

use crate::StoreResult;
use async_trait::async_trait;
use heart_domain::time::Timestamp;

#[async_trait]
pub trait DoctorStore: Send + Sync {
    /// How many people were erased here (their data keys destroyed): with none, a missing erasure log loses
    /// nothing.
    async fn erased_people(&self) -> StoreResult<i64>;

    /// The database server's clock (PostgreSQL); none for the embedded file, which shares this machine's.
    async fn db_clock(&self) -> StoreResult<Option<Timestamp>>;
}
