//! What someone types as a sign-in code: a code, a recovery code, or refused; never a panic.
#![no_main]
use heart_crypto::totp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(code) = totp::parse_code(s) {
        assert_eq!(code.len(), 6);
    }
    let _ = totp::recovery_hash(s);
    let _ = totp::check(b"12345678901234567890", s, 1_800_000_000);
});
