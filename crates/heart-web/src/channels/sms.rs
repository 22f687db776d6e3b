//! Text messages: the provider's webhooks (signed) and a person's reply from the request page.

use super::*;

/// The URL the provider called, as it signed it: the configured public origin, or the Host it used.
fn called_url(st: &AppState, headers: &HeaderMap, path_and_query: &str) -> String {
    let base = st.app.config.sms.public_url.trim_end_matches('/');
    if base.is_empty() {
        format!("{}{path_and_query}", crate::money::here(st, headers))
    } else {
        format!("{base}{path_and_query}")
    }
}

/// What a provider's webhook carries: the URL it called (as it signed it), its signature, the form fields.
fn twilio_request<'h>(
    st: &AppState,
    headers: &'h HeaderMap,
    uri: &axum::http::Uri,
    body: &[u8],
) -> (String, Option<&'h str>, Vec<(String, String)>) {
    let params = serde_html_form::from_bytes(body).unwrap_or_default();
    let url = called_url(
        st,
        headers,
        uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"),
    );
    let sig = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok());
    (url, sig, params)
}

fn sms_answer(r: Result<(), heart_app::sms::SmsRefusal>) -> Response {
    use heart_app::sms::SmsRefusal as R;
    match r {
        // An empty TwiML answer: replies go through the outbox, not in this response.
        Ok(()) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
        )
            .into_response(),
        Err(R::NotConfigured) => (StatusCode::NOT_FOUND, "texting is not set up").into_response(),
        Err(R::Signature(e)) => {
            (StatusCode::FORBIDDEN, format!("signature refused: {e}")).into_response()
        }
        Err(R::Bad(field)) => (
            StatusCode::BAD_REQUEST,
            format!("{field} is missing or malformed"),
        )
            .into_response(),
        Err(R::App(e)) => WebError::Api(e).into_response(),
    }
}

/// `POST /hooks/sms/twilio`: a text from the provider (form-encoded, `X-Twilio-Signature`).
pub async fn sms_hook(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Bytes,
) -> Response {
    let (url, sig, params) = twilio_request(&st, &headers, &uri, &body);
    sms_answer(st.app.sms_inbound(&url, sig, &params).await)
}

/// `POST /hooks/sms/twilio/status`: the provider's report on a message it took.
pub async fn sms_status_hook(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Bytes,
) -> Response {
    let (url, sig, params) = twilio_request(&st, &headers, &uri, &body);
    sms_answer(st.app.sms_status(&url, sig, &params).await)
}

/// A reply by text, as typed.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct ReplyForm {
    body: String,
}

/// `POST /requests/{id}/sms`: a person on the team replies by text.
pub async fn sms_reply_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Requests, ReplyForm>,
) -> Result<Response, WebError> {
    let rid: RequestId = id
        .parse()
        .map_err(|_| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    let waits = st
        .app
        .sms_reply(&actor, rid, &form.body)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    // Outside the person's safe times the text waits in the outbox: the page says until when.
    let to = match waits {
        Some(at) => format!(
            "/requests/{rid}?done=text_waits&due={}#texts-h",
            at.as_second()
        ),
        None => format!("/requests/{rid}#texts-h"),
    };
    Ok(Redirect::to(&to).into_response())
}
