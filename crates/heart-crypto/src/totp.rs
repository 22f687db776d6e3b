//! Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s) for staff sign-in, and recovery codes.

use crate::sha256_hex;
use base64::Engine;
use rand::RngCore;
use totp_rs::{Algorithm, Builder, Totp};

pub const SECRET_LEN: usize = 20;

pub fn new_secret() -> Vec<u8> {
    let mut b = vec![0u8; SECRET_LEN];
    rand::rng().fill_bytes(&mut b);
    b
}

fn totp(secret: &[u8], issuer: &str, account: &str) -> Option<Totp> {
    let issuer = issuer.replace(':', " ");
    let account = account.replace(':', " ");
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret.to_vec())
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .ok()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn url(secret: &[u8], issuer: &str, account: &str) -> Option<String> {
    totp(secret, issuer, account)?.to_url().ok()
}

/// The secret as people type it into an app by hand: base32, in groups of four.
pub fn manual_key(secret: &[u8]) -> String {
    let b32 = base32_encode(secret);
    b32.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn base32_encode(data: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in data {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The secret back from its manual key (spaces ignored): what an authenticator app does with it.
pub fn decode_manual_key(key: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in key.chars().filter(|c| !c.is_whitespace()) {
        let v = ALPHABET
            .iter()
            .position(|a| *a as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push(((buffer >> (bits - 8)) & 0xff) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// What a person typed, as a code: six digits, spaces and dashes ignored. Anything else is not a code.
pub fn parse_code(input: &str) -> Option<String> {
    if input.len() > 32 {
        return None;
    }
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The 30-second step a code belongs to (one step either side of `unix_secs`), if it is right.
pub fn check(secret: &[u8], code: &str, unix_secs: u64) -> Option<u64> {
    let code = parse_code(code)?;
    totp(secret, "heart", "check")?.check(&code, unix_secs)
}

/// The code for a moment (tests, and the enrolment check).
pub fn code_at(secret: &[u8], unix_secs: u64) -> String {
    totp(secret, "heart", "check")
        .map(|t| t.generate(unix_secs).to_string())
        .unwrap_or_default()
}

/// Ten single-use recovery codes, shown once: `xxxxx-xxxxx-xxxxx` (75 random bits each).
pub fn recovery_codes() -> Vec<String> {
    (0..10)
        .map(|_| {
            let mut b = [0u8; 10];
            rand::rng().fill_bytes(&mut b);
            let s = base32_encode(&b).to_lowercase();
            format!("{}-{}-{}", &s[0..5], &s[5..10], &s[10..15])
        })
        .collect()
}

/// How a recovery code is stored: its SHA-256 after normalising what was typed.
pub fn recovery_hash(input: &str) -> Option<String> {
    if input.len() > 64 {
        return None;
    }
    let s: String = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    (s.len() == 15).then(|| sha256_hex(&s))
}

/// A session cookie as heart issues it: 43 characters of URL-safe base64 (32 random bytes). Anything else is
/// refused before it reaches the store.
pub fn parse_session_cookie(value: &str) -> Option<&str> {
    let ok = value.len() == 43
        && base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value)
            .is_ok_and(|b| b.len() == 32);
    ok.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_vector() {
        // RFC 6238 appendix B, SHA-1, truncated to 6 digits.
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59), "287082");
        assert_eq!(code_at(secret, 1_111_111_109), "081804");
    }

    #[test]
    fn codes_are_accepted_one_step_either_side_and_parsed_strictly() {
        let s = new_secret();
        let now = 1_800_000_000;
        let step = now / 30;
        assert_eq!(check(&s, &code_at(&s, now), now), Some(step));
        assert_eq!(check(&s, &code_at(&s, now - 30), now), Some(step - 1));
        assert_eq!(check(&s, &code_at(&s, now - 90), now), None);
        let c = code_at(&s, now);
        assert_eq!(
            check(&s, &format!("{} {}", &c[..3], &c[3..]), now),
            Some(step)
        );
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６"] {
            assert_eq!(parse_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn recovery_codes_normalise() {
        let codes = recovery_codes();
        assert_eq!(codes.len(), 10);
        let c = &codes[0];
        assert_eq!(
            recovery_hash(c),
            recovery_hash(&c.to_uppercase().replace('-', " "))
        );
        assert_eq!(recovery_hash("short"), None);
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        let s = new_secret();
        assert_eq!(decode_manual_key(&manual_key(&s)), Some(s));
        assert!(
            url(&new_secret(), "HEART", "rae")
                .unwrap()
                .starts_with("otpauth://totp/")
        );
    }

    #[test]
    fn session_cookies_are_exactly_what_heart_issues() {
        let c = crate::random_token(32);
        assert_eq!(parse_session_cookie(&c), Some(c.as_str()));
        assert_eq!(parse_session_cookie("x"), None);
        assert_eq!(parse_session_cookie(&format!("{c}=")), None);
    }
}
