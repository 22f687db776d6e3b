//! Money pages: the public donation page and receipts, the provider's webhook, funds and the ledger, mutual aid
//! queues, donors. Every page works without JavaScript; the message counter is the only script.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::form::{self, FromForm, SignedForm, nav};
use crate::pages::{Errors, secure, with_csrf_cookie};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::doing::Doing;
use heart_app::money::Aid;
use heart_app::money::Donation;
use heart_app::money::Donor;
use heart_app::money::Entry;
use heart_app::money::Fund;
use heart_app::money::{
    CampaignView, DonationForm, DonorReport, FundView, ManualGift, NewAid, ReconciliationLine,
    Statement,
};
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use serde::Deserialize;
use std::collections::HashMap;

fn page_err(ctx: &Ctx) -> impl Fn(AppError) -> WebError + '_ {
    move |e| WebError::page(e, &ctx.lang)
}

/// The donation form, as sent and kept between tries.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DonateValues {
    pub preset: String,
    pub amount: String,
    #[serde(default = "once")]
    pub frequency: String,
    pub fund_id: String,
    pub campaign_id: String,
    pub message: String,
    pub name: String,
    #[serde(deserialize_with = "form::flag")]
    pub anonymous: bool,
    pub email: String,
}

fn once() -> String {
    "once".into()
}

impl DonateValues {
    fn form(&self, language: &str) -> DonationForm {
        DonationForm {
            language: language.into(),
            preset: Some(self.preset.clone()),
            amount: Some(self.amount.clone()),
            frequency: self.frequency.clone(),
            fund_id: Some(self.fund_id.clone()),
            campaign_id: Some(self.campaign_id.clone()),
            message: Some(self.message.clone()),
            name: Some(self.name.clone()),
            anonymous: self.anonymous,
            email: self.email.clone(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "money/donate.html")]
struct DonatePage {
    ctx: Ctx,
    online: bool,
    organisation: String,
    funds: Vec<Fund>,
    campaigns: Vec<CampaignView>,
    /// (value, label).
    presets: Vec<(String, String)>,
    min: String,
    max: String,
    values: DonateValues,
    errors: Errors,
    cancelled: bool,
    message_max: usize,
    /// Receipts are emailed (else the page says they are shown only).
    mail_on: bool,
    /// The demo's test provider: "test mode: no money moves".
    test_mode: bool,
}

async fn donate_page(
    st: &AppState,
    ctx: Ctx,
    values: DonateValues,
    errors: Errors,
    cancelled: bool,
) -> Result<DonatePage, WebError> {
    let rules = st.app.money_rules().map_err(page_err(&ctx))?;
    let funds = st.app.public_funds().await.map_err(page_err(&ctx))?;
    let campaigns = st
        .app
        .campaigns()
        .await
        .map_err(page_err(&ctx))?
        .into_iter()
        .filter(|c| c.active)
        .collect();
    let cur = rules.currency;
    Ok(DonatePage {
        online: st.app.online_giving(),
        organisation: st.app.config.money.organisation.clone(),
        funds,
        campaigns,
        presets: rules
            .presets
            .iter()
            .map(|p| (cur.plain(*p), cur.format(*p)))
            .collect(),
        min: cur.format(rules.donation_min),
        max: cur.format(rules.donation_max),
        values,
        errors,
        cancelled,
        message_max: heart_app::money::MESSAGE_MAX,
        mail_on: st.app.mail_on(),
        test_mode: st.app.giving_test_mode(),
        ctx,
    })
}

/// The donation page may send its form to the provider's checkout (a redirect after the POST).
fn donate_csp(st: &AppState, resp: &mut Response) {
    let origin = &st.app.config.money.checkout_origin;
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         frame-ancestors 'none'; form-action 'self' {origin}; base-uri 'none'; object-src 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        resp.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, v);
    }
}

pub async fn donate_form(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "donate").await?;
    let values = DonateValues {
        frequency: "once".into(),
        campaign_id: q.get("campaign").cloned().unwrap_or_default(),
        fund_id: q.get("fund").cloned().unwrap_or_default(),
        ..DonateValues::default()
    };
    let page = donate_page(
        &st,
        v.ctx.clone(),
        values,
        Errors::default(),
        q.contains_key("cancelled"),
    )
    .await?;
    let mut resp = with_csrf_cookie(&v, secure(&st, &headers), page);
    donate_csp(&st, &mut resp);
    Ok(resp)
}

pub async fn donate_submit(
    State(st): State<AppState>,
    ip: crate::limits::ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "donate").await?;
    let csrf = form::csrf_of(&body);
    // A body no browser sends (a field twice) is refused like any other wrong field, with the form shown empty.
    let (values, wrong) = match form::fields::<DonateValues>(&body) {
        Ok(values) => (values, None),
        Err(e) => (DonateValues::default(), Some(e)),
    };
    let rerender = |errors: Errors, status: StatusCode| {
        let st = st.clone();
        let ctx = v.ctx.clone();
        let values = values.clone();
        async move {
            let page = donate_page(&st, ctx, values, errors, false).await?;
            let mut resp = (status, page).into_response();
            donate_csp(&st, &mut resp);
            Ok::<Response, WebError>(resp)
        }
    };
    if v.check_csrf(&headers, csrf.as_deref()).is_err() {
        let msg = v.ctx.t("error-csrf");
        let resp = rerender(Errors(vec![(String::new(), msg)]), StatusCode::FORBIDDEN).await?;
        return Ok(with_csrf_cookie(&v, secure(&st, &headers), resp));
    }
    if let Some(e) = wrong {
        let errors = Errors(crate::ctx::field_messages(&v.ctx, &e));
        return rerender(errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    // Each post makes a payment page at the provider: limited per address, signed in or not.
    if !st.limits.provider.allow(ip.0) {
        let msg = v.ctx.t("donate-limited");
        let mut resp = rerender(
            Errors(vec![(String::new(), msg)]),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await?;
        if let Ok(h) = st.limits.provider.retry_after().to_string().parse() {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, h);
        }
        return Ok(resp);
    }
    let here = here(&st, &headers);
    match st
        .app
        .start_donation(values.form(&v.ctx.lang.to_string()), &here)
        .await
    {
        Ok((_, url)) => Ok(Redirect::to(&url).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(crate::ctx::field_messages(&v.ctx, &e));
            rerender(errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict(c)) => {
            let msg = v.ctx.t(&format!("conflict-{}", c.key));
            rerender(
                Errors(vec![(String::new(), msg)]),
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "money/donate_receipt.html")]
struct ReceiptPage {
    ctx: Ctx,
    donation: Donation,
    donor: Donor,
    fund: Fund,
    organisation: String,
    tax_id: String,
    /// The US written-acknowledgement rule applies from $250.
    large: bool,
    /// Whether the receipt was emailed: "sent", "waiting", "failed" (None: not emailed).
    mailed: Option<&'static str>,
    test_mode: bool,
}

pub async fn donate_receipt(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "donate").await?;
    let (donation, donor, fund) = st
        .app
        .receipt(&token)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let large = donation.currency == "USD" && donation.amount_minor >= 25_000;
    let mailed = st
        .app
        .receipt_mail_state(donation.id)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let mut resp = ReceiptPage {
        ctx: v.ctx,
        donation,
        donor,
        fund,
        organisation: st.app.config.money.organisation.clone(),
        tax_id: st.app.config.money.tax_id.clone(),
        large,
        mailed,
        test_mode: st.app.giving_test_mode(),
    }
    .into_response();
    // The link is the donor's own: not for search engines or other sites.
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    Ok(resp)
}

#[derive(Template, WebTemplate)]
#[template(path = "money/donate_test_checkout.html")]
struct TestCheckoutPage {
    ctx: Ctx,
    donation: Donation,
}

/// The demo's test provider's checkout: heart's own page, marked "test mode: no money moves" (404 otherwise).
pub async fn test_checkout_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "donate").await?;
    let id = id
        .parse()
        .map_err(|_| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    let donation = st
        .app
        .test_checkout(id)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let secure = secure(&st, &headers);
    let page = TestCheckoutPage {
        ctx: v.ctx.clone(),
        donation,
    };
    let mut resp = with_csrf_cookie(&v, secure, page);
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

/// The test checkout's button: the gift is "paid" through the same path as a provider's event.
pub async fn test_checkout_pay(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "donate").await?;
    v.check_csrf(&headers, form::csrf_of(&body).as_deref())?;
    let id = id
        .parse()
        .map_err(|_| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    let token = st
        .app
        .pay_test_checkout(id)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to(&format!("/donate/receipt/{token}")).into_response())
}

/// `POST /hooks/stripe`: the provider's signed events.
pub async fn stripe_hook(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    use heart_app::money::WebhookRefusal as R;
    let sig = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok());
    let (status, msg) = match st.app.payment_webhook(sig, &body).await {
        Ok(true) => (StatusCode::OK, "processed".to_string()),
        Ok(false) => (
            StatusCode::OK,
            "already processed; nothing done".to_string(),
        ),
        Err(R::Signature(e)) => (StatusCode::BAD_REQUEST, format!("signature refused: {e}")),
        Err(e @ R::Malformed) => (StatusCode::BAD_REQUEST, e.to_string()),
        Err(e @ R::Unknown) => (StatusCode::NOT_FOUND, e.to_string()),
        Err(e @ R::Mismatch) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
        Err(e @ R::ProviderDown) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        Err(R::Unavailable) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "try again shortly".to_string(),
        ),
        Err(R::Store(e)) => {
            tracing::error!(error = %e, "a payment event could not be stored");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "not stored; send it again".to_string(),
            )
        }
    };
    (
        status,
        axum::Json(serde_json::json!({"received": status.is_success(), "message": msg})),
    )
        .into_response()
}

/// This server's origin as the visitor reached it (`https://host`), for links handed to others (a checkout's
/// return address, a partner's status URL). A Host with anything but host characters reads as localhost.
pub(crate) fn here(st: &AppState, headers: &HeaderMap) -> String {
    format!(
        "{}://{}",
        if secure(st, headers) { "https" } else { "http" },
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| h
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')))
            .unwrap_or("localhost")
    )
}

mod aid;
pub(crate) mod api;
mod finance;
pub use aid::*;
pub use finance::*;

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/donate",
            get(crate::money::donate_form).post(crate::money::donate_submit),
        )
        .route("/donate/receipt/{token}", get(crate::money::donate_receipt))
        .route(
            "/donate/test-checkout/{id}",
            get(crate::money::test_checkout_page).post(crate::money::test_checkout_pay),
        )
        // Stripe's events can be larger than the global limit (64 KiB): this hook alone takes up to 1 MiB.
        .route(
            "/hooks/stripe",
            post(crate::money::stripe_hook).layer(axum::extract::DefaultBodyLimit::max(
                crate::STRIPE_EVENT_BYTES,
            )),
        )
        .route(
            "/funds",
            get(crate::money::funds_page).post(crate::money::fund_create),
        )
        .route("/funds/gifts", post(crate::money::gift_record))
        .route("/funds/grants", post(crate::money::grant_record))
        .route("/funds/transfers", post(crate::money::transfer_record))
        .route("/funds/campaigns", post(crate::money::campaign_create))
        .route("/funds/report.csv", get(crate::money::ledger_csv))
        .route("/funds/donors", get(crate::money::donors_page))
        .route(
            "/funds/donors/{id}/statement",
            get(crate::money::statement_page).post(crate::money::statement_send),
        )
        .route(
            "/funds/donations/{id}/refund",
            post(crate::money::gift_refund),
        )
        .route(
            "/funds/entries/{id}/reverse",
            post(crate::money::entry_reverse),
        )
        .route("/funds/{id}", get(crate::money::fund_page))
        .route("/mutual-aid", get(crate::money::aid_queue_page))
        .route("/mutual-aid/{id}", get(crate::money::aid_page))
        .route(
            "/mutual-aid/{id}/proof",
            get(crate::money::aid_proof_download)
                .post(crate::money::aid_proof_upload)
                .layer(axum::extract::DefaultBodyLimit::max(3 * 1024 * 1024)),
        )
        .route("/mutual-aid/{id}/{step}", post(crate::money::aid_step))
        .route("/requests/{id}/aid", post(crate::money::aid_ask))
}
