//! heart-app's integration tests, one binary: the demo week loads through the use cases, and the two-person rule
//! holds for every sequence of approvals (property test).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod demo;
mod two_person;
