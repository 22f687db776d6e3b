//! Checks at the edge, before any handler: text that storage cannot hold or that no person types. Control
//! characters other than tab and line breaks (a newline, or the carriage return of a CRLF pair that browsers send
//! from text areas) are refused with 422 naming the field: U+0000 in particular, which PostgreSQL cannot store in
//! `text`, and which SQLite would keep, so both engines answer the same.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Host` are a proxy's word about the client: from a peer
/// that is not one of `trusted_proxies` they are the client's own claim, and are dropped before anything reads them
/// (the per-address limits, secure cookies, HSTS, links).
pub async fn forwarded(
    axum::extract::State(st): axum::extract::State<crate::AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if !heart_app::config::Proxy::any_holds(&st.app.config.trusted_proxies, peer) {
        for h in ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"] {
            req.headers_mut().remove(h);
        }
    }
    next.run(req).await
}

/// The most read here; larger bodies are left to the route's own limit.
const MAX_CHECKED: usize = 1024 * 1024;

/// Whether a piece of text holds a character refused at the edge.
pub fn has_refused_control(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if c.is_control() && c != '\t' && c != '\n' {
            return true;
        }
    }
    false
}

/// Whether a JSON text could hold a refused character in a string: a raw DEL or C1 control, or an escape that
/// can stand for a control (`\u....`, `\b`, `\f`, `\r`). Raw bytes below 0x20 are not JSON inside a string (the
/// parser refuses them) and are white space outside one. When this says no, the body need not be parsed to know.
fn may_hold_control_json(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| {
        matches!(
            w,
            [b'\\', b'u' | b'b' | b'f' | b'r'] | [0x7F, _] | [_, 0x7F] | [0xC2, 0x80..=0x9F]
        )
    })
}

/// The first field (as a dotted path) whose name or value holds a refused character.
pub fn refused_in_json(v: &Value, path: &str) -> Option<String> {
    match v {
        Value::String(s) if has_refused_control(s) => Some(path.to_string()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| refused_in_json(x, &join(path, &i.to_string()))),
        Value::Object(map) => map.iter().find_map(|(k, x)| {
            let here = join(path, k);
            if has_refused_control(k) {
                Some(here)
            } else {
                refused_in_json(x, &here)
            }
        }),
        _ => None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The first form field whose name or value holds a refused character.
pub fn refused_in_form(body: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body).ok()?;
    pairs
        .into_iter()
        .find(|(k, v)| has_refused_control(k) || has_refused_control(v))
        .map(|(k, _)| k)
}

/// The middleware. Signed webhooks are left alone: their signature covers the exact bytes, and what they carry is
/// checked by their own handlers.
pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH)
        || req.uri().path().starts_with("/hooks/sms/")
        || req.uri().path() == "/hooks/stripe"
    {
        return next.run(req).await;
    }
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let json = kind.starts_with("application/json") || kind.contains("+json");
    let form = kind.starts_with("application/x-www-form-urlencoded");
    if !json && !form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_CHECKED).await {
        Ok(b) => b,
        Err(_) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "the body is too large").into_response();
        }
    };
    let refused = if json {
        may_hold_control_json(&bytes)
            .then(|| serde_json::from_slice::<Value>(&bytes).ok())
            .flatten()
            .and_then(|v| refused_in_json(&v, ""))
    } else {
        refused_in_form(&bytes)
    };
    if let Some(field) = refused {
        let field = if field.is_empty() {
            "body".to_string()
        } else {
            field
        };
        let message = "a control character (such as U+0000) is not allowed here";
        if json || parts.uri.path().starts_with("/api/") {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(serde_json::json!({"error": {
                    "code": "invalid", "message": message, "fields": {field: "control_character"}
                }})),
            )
                .into_response();
        }
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("The field \"{field}\" holds a character that cannot be kept (a control character). Nothing was saved."),
        )
            .into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Every refusal under `/api/` and `/hsds/` is JSON with a field name, even one the framework made before a
/// handler ran (a query string or path that does not parse: "Failed to deserialize ..." as plain text). The
/// framework's words are not passed on: they can quote what was sent.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let api = path.starts_with("/api/");
    let hsds = path.starts_with("/hsds/") || path == "/hsds";
    if !api && !hsds {
        return next.run(req).await;
    }
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.contains("+json"));
    if !status.is_client_error() || is_json {
        return resp;
    }
    let (_, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).to_string())
        .unwrap_or_default();
    let (field, message) = framework_refusal(&text);
    let field = field.unwrap_or_else(|| {
        if text.contains("query") {
            "query"
        } else {
            "path"
        }
        .to_string()
    });
    if hsds {
        return (
            status,
            axum::Json(serde_json::json!({"error": message, "field": field})),
        )
            .into_response();
    }
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        _ => "bad_request",
    };
    let mut fields = serde_json::Map::new();
    fields.insert(field, Value::String("invalid".into()));
    crate::error::json_error(status, code, message, fields)
}

/// The field a framework refusal names (serde's "`lon`"), and a message in our words.
pub(crate) fn framework_refusal(text: &str) -> (Option<String>, &'static str) {
    let field = text
        .split('`')
        .nth(1)
        .filter(|f| {
            !f.is_empty()
                && f.len() <= 64
                && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(str::to_string);
    let message = if text.contains("query") {
        "the query string is not valid (a value of the wrong kind, a name given twice, or one missing)"
    } else if text.contains("path") || text.contains("URI") {
        "the address is not valid"
    } else if text.contains("Content-Type") || text.contains("content type") {
        "send the body as application/json"
    } else {
        "the request is not valid"
    };
    (field, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut never lets a refused character through: every control, as serde writes it and as a client
    /// could escape it by hand, makes the body worth parsing; plain text does not.
    #[test]
    fn the_json_shortcut_never_skips_a_control() {
        for c in (0u32..=0x9F).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            if !has_refused_control(&text) {
                continue;
            }
            let written = serde_json::to_vec(&serde_json::json!({"summary": text})).unwrap();
            assert!(may_hold_control_json(&written), "{c:?} as {written:?}");
            let by_hand = format!(r#"{{"summary": "a\u{:04x}b"}}"#, c as u32);
            assert!(may_hold_control_json(by_hand.as_bytes()), "{by_hand}");
        }
        let escaped = br#"{"summary": "Someone is sheltering in the cold \u00e9"}"#;
        assert!(may_hold_control_json(escaped), "a \\u escape is checked");
        let plain = "{\"summary\": \"Caf\u{e9} at Porter Square, two\\tcolumns\\nand lines\"}";
        assert!(!may_hold_control_json(plain.as_bytes()));
    }

    #[test]
    fn control_characters_but_tabs_and_line_breaks_are_refused() {
        assert!(!has_refused_control(
            "two\tcolumns\nand lines\r\nfrom a text area"
        ));
        for bad in [
            "nul\u{0}",
            "bell\u{7}",
            "lone\rreturn",
            "esc\u{1b}[0m",
            "c1\u{85}",
            "del\u{7f}",
        ] {
            assert!(has_refused_control(bad), "{bad:?}");
        }
        let v: Value = serde_json::json!({"summary": "ok", "contact": {"name": "A\u{0}B"}});
        assert_eq!(refused_in_json(&v, "").as_deref(), Some("contact.name"));
        let v: Value = serde_json::json!({"needs": ["food", "x\u{1}"]});
        assert_eq!(refused_in_json(&v, "").as_deref(), Some("needs.1"));
        assert_eq!(
            refused_in_form(b"summary=a%00b&csrf=x").as_deref(),
            Some("summary")
        );
        assert_eq!(refused_in_form(b"summary=a%0D%0Ab"), None);
    }
}
