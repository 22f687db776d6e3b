//! A partner's alert: the timestamp (first line), the signature (second line) and the body (the rest). The
//! signature is checked or refused and the body parsed or refused, never a panic; a body signed with the secret
//! verifies, and a parsed alert always has a kind and (unless cleared) a place key.
#![no_main]
use heart_crypto::webhook::{heart_signature, verify_heart_signature};
use heart_domain::channels::{AlertInput, place_key};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"hps_fuzz";

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == b'\n');
    let ts = parts.next().and_then(|t| std::str::from_utf8(t).ok());
    let sig = parts.next().and_then(|s| std::str::from_utf8(s).ok());
    let body = parts.next().unwrap_or_default();
    let _ = verify_heart_signature(SECRET, ts, sig, body, 1_800_000_000, 300);
    let good = heart_signature(SECRET, 1_800_000_000, body);
    assert_eq!(
        verify_heart_signature(SECRET, Some("1800000000"), Some(&good), body, 1_800_000_000, 300),
        Ok(())
    );
    let now = heart_domain::time::Timestamp::from_second(1_800_000_000).unwrap();
    if let Ok(input) = serde_json::from_slice::<AlertInput>(body)
        && let Ok(alert) = input.parse(|k| k != "forbidden", now)
    {
        assert!(!alert.kind.is_empty());
        assert!(alert.cleared || place_key(&alert.place).is_some());
        assert!(alert.began.is_none_or(|b| b <= now));
    }
});
