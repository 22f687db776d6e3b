//! A spreadsheet to import (`heart import requests`, `heart import gifts`): any bytes read with the templates'
//! maps give rows or refusals by line, never a panic, and no row is dated after now; any text as a map parses or
//! is refused.
#![no_main]
use heart_domain::import::{GiftsMap, RequestsMap};
use libfuzzer_sys::fuzz_target;

const MAP: &str = include_str!("../../docs/import/requests-map.toml");
const GIFTS: &str = include_str!("../../docs/import/gifts-map.toml");

fuzz_target!(|data: &[u8]| {
    let map = RequestsMap::parse(MAP).expect("the template's map parses");
    let tz = jiff::tz::TimeZone::get("America/New_York").expect("a known zone");
    let now: jiff::Timestamp = "2026-11-26T20:00:00Z".parse().expect("a time");
    if let Ok(read) = map.read(data, &tz, now) {
        assert!(read.rows.iter().all(|r| r.at <= now));
    }
    let gifts = GiftsMap::parse(GIFTS).expect("the template's map parses");
    let today = jiff::civil::date(2026, 11, 26);
    if let Ok((read, _)) = gifts.read(data, today) {
        assert!(read.iter().all(|g| g.day <= today));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = RequestsMap::parse(text);
        let _ = GiftsMap::parse(text);
    }
});
