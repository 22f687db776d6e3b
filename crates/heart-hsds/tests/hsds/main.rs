//! heart-hsds's integration tests, one binary: importing the Open Referral examples and a real directory
//! (`tests/data`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod import;
