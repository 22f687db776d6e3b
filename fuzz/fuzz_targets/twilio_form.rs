//! A text-message provider's webhook: the signature (first line) and the form body (the rest). Decoded and checked
//! or refused, never a panic; the body signed as Twilio signs it verifies, and changing the URL does not.
#![no_main]
use heart_crypto::webhook::{twilio_signature, verify_twilio_signature};
use libfuzzer_sys::fuzz_target;

const TOKEN: &str = "fuzz-auth-token";
const URL: &str = "https://heart.example.org/hooks/sms/twilio";

fuzz_target!(|data: &[u8]| {
    let (sig, body) = match data.iter().position(|b| *b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(params) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) else {
        return;
    };
    let sig = std::str::from_utf8(sig).ok();
    let _ = verify_twilio_signature(TOKEN, sig, URL, &params);
    let good = twilio_signature(TOKEN, URL, &params);
    assert_eq!(verify_twilio_signature(TOKEN, Some(&good), URL, &params), Ok(()));
    assert!(verify_twilio_signature(TOKEN, Some(&good), "https://elsewhere.example/", &params).is_err());
});
