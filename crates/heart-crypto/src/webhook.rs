//! Signed webhooks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, checked with a time tolerance and in
//! constant time. Stripe signs its webhooks this way (`Stripe-Signature`).

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebhookError {
    #[error("the signature header is missing")]
    Missing,
    #[error("the signature header is malformed")]
    Malformed,
    #[error("the timestamp is outside the tolerance")]
    Stale,
    #[error("no signature matches")]
    BadSignature,
    #[error("webhooks are not set up for this provider")]
    NotConfigured,
}

/// Stripe's scheme: `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, each `v1` an HMAC-SHA256 of `"<t>.<body>"`.
pub fn verify_stripe_signature(
    secret: &str,
    header: Option<&str>,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> Result<(), WebhookError> {
    if secret.is_empty() {
        return Err(WebhookError::NotConfigured);
    }
    let header = header.ok_or(WebhookError::Missing)?;
    let mut t: Option<i64> = None;
    let mut sigs = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = Some(v.parse().map_err(|_| WebhookError::Malformed)?),
            Some(("v1", v)) => sigs.push(v),
            Some(_) => {}
            None => return Err(WebhookError::Malformed),
        }
    }
    let t = t.ok_or(WebhookError::Malformed)?;
    if sigs.is_empty() {
        return Err(WebhookError::BadSignature);
    }
    if now.abs_diff(t) > tolerance_secs.unsigned_abs() {
        return Err(WebhookError::Stale);
    }
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(body);
    let want = crate::hmac_sha256_hex(secret.as_bytes(), &signed);
    if sigs.iter().any(|s| crate::constant_time_eq(s, &want)) {
        Ok(())
    } else {
        Err(WebhookError::BadSignature)
    }
}

/// The signature header Stripe sends (for tests and the local fake).
pub fn stripe_signature_header(secret: &str, t: i64, body: &[u8]) -> String {
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(body);
    format!(
        "t={t},v1={}",
        crate::hmac_sha256_hex(secret.as_bytes(), &signed)
    )
}

/// heart's own scheme for partners: `X-Heart-Timestamp: <unix seconds>` and
/// `X-Heart-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` (several `v1=` separated by commas
/// while a partner changes secrets), checked with a time tolerance and in constant time.
pub fn verify_heart_signature(
    secret: &[u8],
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> Result<(), WebhookError> {
    if secret.is_empty() {
        return Err(WebhookError::NotConfigured);
    }
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(WebhookError::Missing);
    };
    let t: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| WebhookError::Malformed)?;
    let mut sigs = Vec::new();
    for part in signature.split(',') {
        match part.trim().split_once('=') {
            Some(("v1", v)) => sigs.push(v.trim()),
            Some(_) => {}
            None => return Err(WebhookError::Malformed),
        }
    }
    if sigs.is_empty() {
        return Err(WebhookError::Malformed);
    }
    if now.abs_diff(t) > tolerance_secs.unsigned_abs() {
        return Err(WebhookError::Stale);
    }
    let want = heart_signature(secret, t, body);
    if sigs
        .iter()
        .any(|s| crate::constant_time_eq(&format!("v1={s}"), &want))
    {
        Ok(())
    } else {
        Err(WebhookError::BadSignature)
    }
}

/// The `X-Heart-Signature` value for a body sent at `t` (for partners' code, tests and the load tool).
pub fn heart_signature(secret: &[u8], t: i64, body: &[u8]) -> String {
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(body);
    format!("v1={}", crate::hmac_sha256_hex(secret, &signed))
}

/// Twilio's scheme (`X-Twilio-Signature`): base64 of HMAC-SHA1(auth token, the full URL Twilio called followed by
/// every POST parameter's name and value, sorted by name), compared in constant time.
pub fn twilio_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let Ok(mut mac) = <hmac::Hmac<sha1::Sha1> as KeyInit>::new_from_slice(auth_token.as_bytes())
    else {
        return String::new();
    };
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

pub fn verify_twilio_signature(
    auth_token: &str,
    header: Option<&str>,
    url: &str,
    params: &[(String, String)],
) -> Result<(), WebhookError> {
    if auth_token.is_empty() {
        return Err(WebhookError::NotConfigured);
    }
    let header = header
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or(WebhookError::Missing)?;
    if crate::constant_time_eq(header, &twilio_signature(auth_token, url, params)) {
        Ok(())
    } else {
        Err(WebhookError::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";

    #[test]
    fn a_signature_made_as_stripe_documents_verifies() {
        let body = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;
        let h = stripe_signature_header(SECRET, 1_700_000_000, body);
        assert_eq!(
            verify_stripe_signature(SECRET, Some(&h), body, 1_700_000_100, 300),
            Ok(())
        );
        // Another v1 (a rolled secret) beside the good one is fine.
        let two = format!("{h},v1=00ff,v0=abc");
        assert_eq!(
            verify_stripe_signature(SECRET, Some(&two), body, 1_700_000_000, 300),
            Ok(())
        );
    }

    #[test]
    fn bad_signatures_are_refused() {
        let body = br#"{"id":"evt_1"}"#;
        let h = stripe_signature_header(SECRET, 1_700_000_000, body);
        let v = |h: Option<&str>, body: &[u8], now: i64| {
            verify_stripe_signature(SECRET, h, body, now, 300)
        };
        assert_eq!(v(None, body, 1_700_000_000), Err(WebhookError::Missing));
        assert_eq!(
            v(Some("nonsense"), body, 1_700_000_000),
            Err(WebhookError::Malformed)
        );
        assert_eq!(
            v(Some("t=x,v1=00"), body, 1_700_000_000),
            Err(WebhookError::Malformed)
        );
        assert_eq!(
            v(Some(&h), br#"{"id":"evt_2"}"#, 1_700_000_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(v(Some(&h), body, 1_700_000_301), Err(WebhookError::Stale));
        assert_eq!(
            verify_stripe_signature("whsec_other", Some(&h), body, 1_700_000_000, 300),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify_stripe_signature("", Some(&h), body, 1_700_000_000, 300),
            Err(WebhookError::NotConfigured)
        );
    }

    const KNOWN_VECTOR: &str =
        "v1=a5dc59c629422766d1f2c3b170e688d9a00e1c3170df93cc3fc594ae5302431d";

    #[test]
    fn heart_signatures_match_a_known_vector() {
        // Computed independently: printf '1700000000.{"kind":"referral"}' |
        //   openssl dgst -sha256 -hmac 'partner-secret'
        let body = br#"{"kind":"referral"}"#;
        let sig = heart_signature(b"partner-secret", 1_700_000_000, body);
        assert_eq!(sig, KNOWN_VECTOR);
        assert_eq!(
            verify_heart_signature(
                b"partner-secret",
                Some("1700000000"),
                Some(&sig),
                body,
                1_700_000_299,
                300
            ),
            Ok(())
        );
    }

    #[test]
    fn heart_signatures_refuse_what_they_should() {
        let body = b"{}";
        let sig = heart_signature(b"s", 1_700_000_000, body);
        let check = |ts: Option<&str>, sig: Option<&str>, body: &[u8], now: i64| {
            verify_heart_signature(b"s", ts, sig, body, now, 300)
        };
        assert_eq!(
            check(None, Some(&sig), body, 1_700_000_000),
            Err(WebhookError::Missing)
        );
        assert_eq!(
            check(Some("1700000000"), None, body, 1_700_000_000),
            Err(WebhookError::Missing)
        );
        assert_eq!(
            check(Some("soon"), Some(&sig), body, 1_700_000_000),
            Err(WebhookError::Malformed)
        );
        assert_eq!(
            check(Some("1700000000"), Some("abc"), body, 1_700_000_000),
            Err(WebhookError::Malformed)
        );
        assert_eq!(
            check(Some("1700000000"), Some(&sig), body, 1_700_000_301),
            Err(WebhookError::Stale)
        );
        assert_eq!(
            check(Some("1700000000"), Some(&sig), b"{ }", 1_700_000_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            check(Some("1700000001"), Some(&sig), body, 1_700_000_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            check(
                Some("1700000000"),
                Some(&format!("v1=00, {sig}")),
                body,
                1_700_000_000
            ),
            Ok(())
        );
        assert_eq!(
            verify_heart_signature(b"", Some("1"), Some(&sig), body, 1, 300),
            Err(WebhookError::NotConfigured)
        );
    }

    #[test]
    fn twilio_signatures_match_twilios_documented_example() {
        // The example in Twilio's webhook security documentation.
        let params: Vec<(String, String)> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert_eq!(
            twilio_signature("12345", url, &params),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
        assert_eq!(
            verify_twilio_signature("12345", Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ="), url, &params),
            Ok(())
        );
        assert_eq!(
            verify_twilio_signature(
                "12345",
                Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ="),
                "https://mycompany.com/myapp.php",
                &params
            ),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify_twilio_signature("12345", None, url, &params),
            Err(WebhookError::Missing)
        );
        assert_eq!(
            verify_twilio_signature("", Some("x"), url, &params),
            Err(WebhookError::NotConfigured)
        );
    }
}
