//! The resource directory as Open Referral HSDS 3.0 (<https://openreferral.org/>): flat records by kind and id,
//! nested as the HSDS API and JSON files nest them, checked against the official JSON Schemas, read from 3.0 JSON,
//! the 3.0 tabular package or 1.x/2.x CSV (upgraded), and written back as 3.0 JSON or CSV.

pub mod export;
pub mod hours;
pub mod import;
pub mod model;
pub mod schema;
pub mod taxonomy;
pub mod upgrade;

pub use import::{Format, Imported, Options, Warning, import};
pub use model::{Directory, HsdsError, Kind, Links, Place, Record};
