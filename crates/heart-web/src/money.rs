//! Money pages: the public donation page and receipts, the provider's webhook, funds and the ledger, mutual aid
//! queues, donors. Every page works without JavaScript; the message counter is the only script.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::form::FormData;
use crate::pages::{Errors, secure, with_csrf_cookie};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::money::{
    CampaignView, DonationForm, DonorReport, FundView, ManualGift, NewAid, ReportRow, Statement,
};
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_store::{AidRow, DonationRow, DonorRow, EntryRow, FundRow};
use std::collections::HashMap;

const FINANCE: [Capability; 1] = [Capability::Finance];

fn page_err(ctx: &Ctx) -> impl Fn(AppError) -> WebError + '_ {
    move |e| WebError::page(e, &ctx.lang)
}

/// A value the donation form keeps between tries.
#[derive(Clone, Debug, Default)]
pub struct DonateValues {
    pub preset: String,
    pub amount: String,
    pub frequency: String,
    pub fund_id: String,
    pub campaign_id: String,
    pub message: String,
    pub name: String,
    pub anonymous: bool,
    pub email: String,
}

impl DonateValues {
    fn from_form(f: &FormData) -> Self {
        DonateValues {
            preset: f.get("preset").unwrap_or("").into(),
            amount: f.get("amount").unwrap_or("").into(),
            frequency: f.get("frequency").unwrap_or("once").into(),
            fund_id: f.get("fund_id").unwrap_or("").into(),
            campaign_id: f.get("campaign_id").unwrap_or("").into(),
            message: f.get("message").unwrap_or("").into(),
            name: f.get("name").unwrap_or("").into(),
            anonymous: f.flag("anonymous"),
            email: f.get("email").unwrap_or("").into(),
        }
    }
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
#[template(path = "donate.html")]
struct DonatePage {
    ctx: Ctx,
    online: bool,
    organisation: String,
    funds: Vec<FundRow>,
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
    let rules = st.app.money_rules();
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
    let form = FormData::parse(&body);
    let values = DonateValues::from_form(&form);
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
    if v.check_csrf(&headers, form.get("csrf")).is_err() {
        let msg = v.ctx.t("error-csrf");
        let resp = rerender(Errors(vec![(String::new(), msg)]), StatusCode::FORBIDDEN).await?;
        return Ok(with_csrf_cookie(&v, secure(&st, &headers), resp));
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
#[template(path = "donate_receipt.html")]
struct ReceiptPage {
    ctx: Ctx,
    donation: DonationRow,
    donor: DonorRow,
    fund: FundRow,
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
#[template(path = "donate_test_checkout.html")]
struct TestCheckoutPage {
    ctx: Ctx,
    donation: DonationRow,
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
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
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
        Err(R::Store(heart_store::StoreError::Unavailable(_))) => (
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

// ---- finance pages ----

#[derive(Template, WebTemplate)]
#[template(path = "funds.html")]
struct FundsPage {
    ctx: Ctx,
    funds: Vec<FundView>,
    report: Vec<ReportRow>,
    from: String,
    to: String,
    campaigns: Vec<CampaignView>,
    donations: Vec<DonationRow>,
    fund_kinds: &'static [&'static str],
    gift_methods: &'static [&'static str],
    fund_names: HashMap<String, String>,
    /// One key per page shown: the same refund sent twice (a double click, a retry) is made once.
    refund_key: String,
}

pub async fn funds_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.require(&FINANCE)?;
    let ctx = v.ctx;
    let funds = st.app.funds(&actor).await.map_err(page_err(&ctx))?;
    let (from, to, report) = st
        .app
        .reconciliation(
            &actor,
            q.get("from").map(String::as_str),
            q.get("to").map(String::as_str),
        )
        .await
        .map_err(page_err(&ctx))?;
    let campaigns = st.app.campaigns().await.map_err(page_err(&ctx))?;
    let mut donations = st.app.donations(&actor).await.map_err(page_err(&ctx))?;
    donations.truncate(50);
    let fund_names = funds
        .iter()
        .map(|f| (f.id.to_string(), f.name.clone()))
        .collect();
    Ok(FundsPage {
        from: ctx.day(from),
        to: ctx.day(to),
        ctx,
        funds,
        report,
        campaigns,
        donations,
        fund_kinds: heart_app::money::FUND_KINDS,
        gift_methods: heart_app::money::GIFT_METHODS,
        fund_names,
        refund_key: heart_crypto::random_token(16),
    }
    .into_response())
}

async fn finance_form<F, Fut>(
    st: AppState,
    headers: HeaderMap,
    body: Bytes,
    caps: &[Capability],
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, FormData) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.require(caps)?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let to = act(st.clone(), actor, form)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to(&to).into_response())
}

pub async fn fund_create(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        st.app
            .create_fund(
                &actor,
                f.get("name").unwrap_or(""),
                f.get("kind").unwrap_or(""),
                f.get("currency"),
                f.get("restriction"),
            )
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn grant_record(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        st.app
            .record_grant(
                &actor,
                f.get("fund_id").unwrap_or(""),
                f.get("amount").unwrap_or(""),
                f.get("funder").unwrap_or(""),
                f.get("date"),
            )
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn transfer_record(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        st.app
            .transfer_funds(
                &actor,
                f.get("from").unwrap_or(""),
                f.get("to").unwrap_or(""),
                f.get("amount").unwrap_or(""),
                f.get("reason").unwrap_or(""),
            )
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn gift_record(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        let g = ManualGift {
            fund_id: f.get("fund_id").unwrap_or("").into(),
            amount: f.get("amount").unwrap_or("").into(),
            method: f.get("method").unwrap_or("").into(),
            email: f.get("email").unwrap_or("").into(),
            name: f.text("name"),
            anonymous: f.flag("anonymous"),
            message: f.text("message"),
            date: f.text("date"),
            language: f.text("language"),
        };
        st.app.record_gift(&actor, g).await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn campaign_create(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        st.app
            .create_campaign(
                &actor,
                f.get("name").unwrap_or(""),
                f.get("fund_id").unwrap_or(""),
                f.get("goal").unwrap_or(""),
            )
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn gift_refund(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        st.app
            .refund_gift(
                &actor,
                &id,
                f.get("amount").unwrap_or(""),
                f.get("key").unwrap_or(""),
            )
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn entry_reverse(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        st.app
            .reverse_entry(&actor, &id, f.get("reason").unwrap_or(""))
            .await?;
        Ok(
            match f.get("fund").and_then(|x| x.parse::<uuid::Uuid>().ok()) {
                Some(fund) => format!("/funds/{fund}"),
                None => "/funds".into(),
            },
        )
    })
    .await
}

/// The reconciliation report's lines as CSV, for a bookkeeper.
pub async fn ledger_csv(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.require(&FINANCE)?;
    let csv = st
        .app
        .ledger_csv(
            &actor,
            q.get("from").map(String::as_str),
            q.get("to").map(String::as_str),
        )
        .await
        .map_err(page_err(&v.ctx))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"heart-ledger.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        csv,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "fund.html")]
struct FundPage {
    ctx: Ctx,
    fund: FundView,
    entries: Vec<EntryRow>,
    from: String,
    to: String,
}

impl FundPage {
    /// What an entry did to this fund's money.
    fn delta(&self, e: &EntryRow) -> i64 {
        heart_domain::ledger::asset_deltas(&e.lines)
            .get(&self.fund.id)
            .copied()
            .unwrap_or(0)
    }
}

pub async fn fund_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.require(&FINANCE)?;
    let ctx = v.ctx;
    let (from, to) = st
        .app
        .period(
            q.get("from").map(String::as_str),
            q.get("to").map(String::as_str),
        )
        .map_err(page_err(&ctx))?;
    let (fund, entries) = st
        .app
        .fund_ledger(&actor, &id, Some(&ctx.day(from)), Some(&ctx.day(to)))
        .await
        .map_err(page_err(&ctx))?;
    Ok(FundPage {
        from: ctx.day(from),
        to: ctx.day(to),
        ctx,
        fund,
        entries,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "donors.html")]
struct DonorsPage {
    ctx: Ctx,
    report: DonorReport,
    donors: Vec<DonorRow>,
    currency: String,
    year: i16,
    /// How the mail outbox stands (None: email is off).
    mail: Option<heart_store::MailSummary>,
    failed_mails: Vec<heart_app::mail::FailedMail>,
}

pub async fn donors_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.require(&FINANCE)?;
    let ctx = v.ctx;
    let report = st.app.donor_report(&actor).await.map_err(page_err(&ctx))?;
    let donors = st.app.donors(&actor).await.map_err(page_err(&ctx))?;
    let year = ctx.now.to_zoned_datetime(ctx.tz.clone()).year();
    let (mail, failed_mails) = if st.app.mail_on() {
        (
            Some(st.app.mail_summary(&actor).await.map_err(page_err(&ctx))?),
            st.app.failed_mails(&actor).await.map_err(page_err(&ctx))?,
        )
    } else {
        (None, Vec::new())
    };
    Ok(DonorsPage {
        ctx,
        report,
        donors,
        currency: st.app.config.money.currency.clone(),
        year,
        mail,
        failed_mails,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "statement.html")]
struct StatementPage {
    ctx: Ctx,
    s: Statement,
    organisation: String,
    tax_id: String,
    mail_on: bool,
    /// Just queued to be emailed.
    sent: bool,
    /// Makes the send form sent twice one mail.
    send_key: String,
}

pub async fn statement_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.require(&FINANCE)?;
    let ctx = v.ctx;
    let year = q
        .get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .unwrap_or_else(|| i32::from(ctx.now.to_zoned_datetime(ctx.tz.clone()).year()));
    let s = st
        .app
        .statement(&actor, &id, year)
        .await
        .map_err(page_err(&ctx))?;
    Ok(StatementPage {
        ctx,
        s,
        organisation: st.app.config.money.organisation.clone(),
        tax_id: st.app.config.money.tax_id.clone(),
        mail_on: st.app.mail_on(),
        sent: q.contains_key("sent"),
        send_key: heart_crypto::random_token(16),
    }
    .into_response())
}

/// `POST /funds/donors/{id}/statement`: email the donor their statement for the year.
pub async fn statement_send(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        let year = f
            .get("year")
            .and_then(|y| y.trim().parse::<i32>().ok())
            .ok_or_else(|| AppError::field("year", "invalid_date"))?;
        st.app
            .send_statement(&actor, &id, year, f.get("key").unwrap_or(""))
            .await?;
        let did: heart_domain::ids::DonorId = id.trim().parse().map_err(|_| AppError::NotFound)?;
        Ok(format!("/funds/donors/{did}/statement?year={year}&sent=1"))
    })
    .await
}

// ---- mutual aid ----

#[derive(Template, WebTemplate)]
#[template(path = "mutual_aid.html")]
struct AidQueuePage {
    ctx: Ctx,
    sections: Vec<(&'static str, Vec<AidRow>)>,
}

pub async fn aid_queue_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.require(&FINANCE)?;
    let ctx = v.ctx;
    let q = |s: &'static str| {
        let st = st.clone();
        let actor = actor.clone();
        async move { st.app.aid_queue(&actor, s).await }
    };
    let mut paid = q("paid").await.map_err(page_err(&ctx))?;
    paid.truncate(50);
    let mut declined = q("declined").await.map_err(page_err(&ctx))?;
    declined.truncate(20);
    let sections = vec![
        (
            "aid-awaiting",
            q("awaiting_approval").await.map_err(page_err(&ctx))?,
        ),
        ("aid-approved", q("approved").await.map_err(page_err(&ctx))?),
        ("aid-paid", paid),
        ("aid-declined", declined),
    ];
    Ok(AidQueuePage { sections, ctx }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "aid.html")]
struct AidPage {
    ctx: Ctx,
    a: AidRow,
    fund: Option<FundView>,
    me: String,
    names: crate::trust::Names,
}

impl AidPage {
    fn may_approve(&self) -> bool {
        self.a.status == "awaiting_approval"
            && self.a.requested_by != self.me
            && !self.a.approvals.iter().any(|(w, _)| *w == self.me)
            && self.ctx.can("finance")
    }
    fn may_decline(&self) -> bool {
        (self.a.status == "awaiting_approval" || self.a.status == "approved")
            && self.a.requested_by != self.me
            && self.ctx.can("finance")
    }
    fn count(&self) -> String {
        format!("{}/{}", self.a.approvals.len(), self.a.approvals_needed)
    }
    fn may_pay(&self) -> bool {
        self.a.status == "approved" && self.a.requested_by != self.me && self.ctx.can("finance")
    }
}

pub async fn aid_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.require(&[
        Capability::Finance,
        Capability::Respond,
        Capability::Coordinate,
    ])?;
    let ctx = v.ctx;
    let a = st.app.aid(&actor, &id).await.map_err(page_err(&ctx))?;
    let fund = if actor.caps.has(Capability::Finance) {
        st.app.fund(&actor, &a.fund_id.to_string()).await.ok()
    } else {
        None
    };
    let names = crate::trust::Names(st.app.staff_names().await.map_err(page_err(&ctx))?);
    Ok(AidPage {
        me: actor.audit_name(),
        ctx,
        a,
        fund,
        names,
    }
    .into_response())
}

fn version(f: &FormData) -> i64 {
    f.get("version").and_then(|v| v.parse().ok()).unwrap_or(0)
}

pub async fn aid_step(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path((id, step)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    finance_form(st, headers, body, &FINANCE, |st, actor, f| async move {
        match step.as_str() {
            "approve" => st.app.approve_aid(&actor, &id, version(&f)).await?,
            "decline" => {
                st.app
                    .decline_aid(&actor, &id, version(&f), f.get("reason").unwrap_or(""))
                    .await?
            }
            "pay" => {
                st.app.pay_aid(&actor, &id, version(&f)).await?;
            }
            _ => return Err(AppError::NotFound),
        }
        Ok(format!("/mutual-aid/{id}"))
    })
    .await
}

/// A receipt or proof of payment (multipart upload, up to 2 MB).
pub async fn aid_proof_upload(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    mut mp: Multipart,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.require(&[
        Capability::Finance,
        Capability::Respond,
        Capability::Coordinate,
    ])?;
    let lang = v.ctx.lang.clone();
    let bad = |code: &str| WebError::page(AppError::field("proof", code), &lang);
    let (mut csrf, mut ver, mut file) = (String::new(), 0i64, None);
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(bad("too_large")),
        };
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "version" => {
                ver = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(0)
            }
            "proof" => {
                let name = field.file_name().unwrap_or("proof").to_string();
                let kind = field.content_type().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|_| bad("too_large"))?;
                file = Some((name, kind, bytes.to_vec()));
            }
            _ => {}
        }
    }
    v.check_csrf(&headers, Some(&csrf))?;
    let (name, kind, bytes) = file.ok_or_else(|| bad("required"))?;
    st.app
        .attach_aid_proof(&actor, &id, ver, &name, &kind, bytes)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(Redirect::to(&format!("/mutual-aid/{id}")).into_response())
}

pub async fn aid_proof_download(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.require(&[
        Capability::Finance,
        Capability::Respond,
        Capability::Coordinate,
    ])?;
    let (_, kind, bytes) = st
        .app
        .aid_proof(&actor, &id)
        .await
        .map_err(page_err(&v.ctx))?;
    let kind = HeaderValue::from_str(&kind)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"proof\""),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /requests/{id}/aid`: a responder asks for mutual aid for the person.
pub async fn aid_ask(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let caps = [Capability::Respond, Capability::Coordinate];
    finance_form(st, headers, body, &caps, |st, actor, f| async move {
        let input = NewAid {
            amount: f.get("amount").unwrap_or("").into(),
            purpose: f.get("purpose").unwrap_or("").into(),
            payee_kind: f.get("payee_kind").unwrap_or("").into(),
            payee_name: f.text("payee_name"),
            method: f.get("method").unwrap_or("").into(),
            notes: f.text("notes"),
            fund_id: f.text("fund_id"),
        };
        let aid = st.app.ask_aid(&actor, &id, input).await?;
        Ok(format!("/mutual-aid/{aid}"))
    })
    .await
}
