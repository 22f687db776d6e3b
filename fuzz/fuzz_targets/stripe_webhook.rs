//! A payment provider's webhook: the signature header (first line) and the body (the rest). Checked or refused,
//! never a panic; a body signed with the secret at the time verifies, the same body with any other header does not
//! unless it carries that signature.
#![no_main]
use heart_crypto::webhook::{stripe_signature_header, verify_stripe_signature};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "whsec_fuzz";

fuzz_target!(|data: &[u8]| {
    let (header, body) = match data.iter().position(|b| *b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(header) = std::str::from_utf8(header) else { return };
    let _ = verify_stripe_signature(SECRET, Some(header), body, 1_800_000_000, 300);
    let good = stripe_signature_header(SECRET, 1_800_000_000, body);
    assert_eq!(verify_stripe_signature(SECRET, Some(&good), body, 1_800_000_000, 300), Ok(()));
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        let _ = (v["id"].as_str(), v["type"].as_str(), v["data"]["object"]["amount_total"].as_i64());
    }
});
