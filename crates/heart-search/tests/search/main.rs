//! heart-search's integration tests, one binary: ranking, languages and typos over a real directory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod index;
