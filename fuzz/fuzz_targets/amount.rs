//! An amount a person typed (a donation, a mutual-aid request): minor units or a reason, never a panic; what is
//! accepted is positive, within the cap, and prints back to itself.
#![no_main]
use heart_domain::money::{CURRENCIES, Currency};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for c in CURRENCIES {
        if let Ok(minor) = c.parse_amount(s) {
            assert!(minor > 0 && minor <= c.max_minor());
            assert_eq!(c.parse_amount(&c.plain(minor)), Ok(minor));
            assert_eq!(c.parse_amount(&c.format(minor)), Ok(minor));
        }
    }
    let _ = Currency::parse(s);
});
