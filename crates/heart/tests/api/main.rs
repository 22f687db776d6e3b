//! Integration tests: the real router and store on port 0 with a temp data dir (heart-testkit), and the real
//! binary for the CLI and durability cases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod architecture;
mod bad_input;
mod care;
mod channels;
mod circles;
mod cli;
mod correct;
mod debriefs;
mod directory;
mod dispatch;
mod durability;
mod events;
mod failover;
mod fuzz_seeds;
mod geo;
mod history;
mod impact;
mod import;
mod intake;
mod languages;
mod limits;
mod mail;
mod matrix;
mod money;
mod offline;
mod operate;
mod outreach;
mod plan;
mod postgres;
mod push;
mod push_ways;
mod referrals;
mod responder;
mod rota;
mod rota_hours;
mod signin;
mod sms;
mod supplies;
mod tls;
mod trainings;
mod trust;
mod warmline;
mod web;
