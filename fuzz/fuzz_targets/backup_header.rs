//! The header of a file offered to `heart restore`: checked or refused, never a panic. The last 8 bytes (when
//! there are more than 100) stand for the file's length.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (header, len) = if data.len() >= 108 {
        let mut l = [0u8; 8];
        l.copy_from_slice(&data[data.len() - 8..]);
        (&data[..data.len() - 8], u64::from_be_bytes(l))
    } else {
        (data, data.len() as u64)
    };
    let _ = heart_store::backup::check_header(header, len);
});
