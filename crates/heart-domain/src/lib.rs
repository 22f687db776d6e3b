//! heart-domain: the pure rules of the response loop. No I/O, no async runtime, no database.

pub mod access;
pub mod audit;
pub mod care;
pub mod channels;
pub mod circle;
pub mod dispatch;
pub mod events;
pub mod ids;
pub mod impact;
pub mod import;
pub mod intake;
pub mod ledger;
pub mod money;
pub mod outreach;
pub mod plan;
pub mod referral;
pub mod rota;
pub mod supply;
pub mod text;
pub mod time;
pub mod training;
pub mod triage;
pub mod warmline;
pub mod whole;
