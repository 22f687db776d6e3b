//! heart-geo's integration tests, one binary: Cambridge's shipped data (real addresses, places, ETAs) and another
//! city's files loaded from settings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cambridge;
mod other_city;
