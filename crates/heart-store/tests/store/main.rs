//! heart-store's integration tests, one binary (one link) with a module per area: every case of the conformance
//! suite runs on SQLite and on PostgreSQL (`on_both!`, from `common`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[macro_use]
mod common;

mod channels;
mod circles;
mod conformance;
mod debriefs;
mod directory;
mod doctor;
mod history;
mod impact;
mod merge;
mod money;
mod notes;
mod offline;
mod outreach;
mod referrals;
mod rota;
mod supplies;
mod transfer;
mod upgrade;
mod wal;
