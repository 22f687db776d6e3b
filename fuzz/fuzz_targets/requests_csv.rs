//! A spreadsheet to import (`heart import requests`): any bytes read with the template's map give rows or
//! refusals by line, never a panic, and no row is dated after now; any text as a map parses or is refused.
#![no_main]
use heart_domain::import::RequestsMap;
use libfuzzer_sys::fuzz_target;

const MAP: &str = include_str!("../../docs/import/requests-map.toml");

fuzz_target!(|data: &[u8]| {
    let map = RequestsMap::parse(MAP).expect("the template's map parses");
    let tz = jiff::tz::TimeZone::get("America/New_York").expect("a known zone");
    let now: jiff::Timestamp = "2026-11-26T20:00:00Z".parse().expect("a time");
    if let Ok(read) = map.read(data, &tz, now) {
        assert!(read.rows.iter().all(|r| r.at <= now));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = RequestsMap::parse(text);
    }
});
