//! A session cookie from outside: any string is a session cookie heart issued, or refused; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(c) = heart_crypto::totp::parse_session_cookie(s) {
        assert_eq!(c.len(), 43);
    }
});
