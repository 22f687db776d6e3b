//! A key file: parsed or refused with a line number, never a panic; what parses encodes back to the same keys.
#![no_main]
use heart_crypto::keys::Keyring;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(ring) = Keyring::parse(s) {
        let again = Keyring::parse(&ring.encode()).expect("a parsed key file encodes back");
        assert_eq!(again.kek_ids(), ring.kek_ids());
    }
});
