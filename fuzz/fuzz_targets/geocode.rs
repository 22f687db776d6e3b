//! What a call-taker types (or a client sends to /api/v1/geocode): any text gets candidates or none, never a panic,
//! and every candidate is a real point in the city with a confidence from 0 to 1.
#![no_main]
use heart_geo::City;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static CITY: OnceLock<City> = OnceLock::new();
    let city = CITY.get_or_init(|| City::cambridge().unwrap());
    let Ok(text) = std::str::from_utf8(data) else { return };
    for c in city.geocode(text, 5) {
        assert!((0.0..=1.0).contains(&c.confidence));
        assert!(c.lat.is_finite() && c.lon.is_finite());
    }
});
