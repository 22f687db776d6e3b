//! The finance pages: funds and their ledgers, grants, transfers, gifts by hand, campaigns, refunds, reversals,
//! donors and their yearly statements.

use super::*;

#[derive(Template, WebTemplate)]
#[template(path = "money/funds.html")]
struct FundsPage {
    ctx: Ctx,
    funds: Vec<FundView>,
    report: Vec<ReconciliationLine>,
    from: String,
    to: String,
    campaigns: Vec<CampaignView>,
    donations: Vec<Donation>,
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
    let actor = v.signed_in()?;
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

pub(super) async fn finance_form<T: FromForm, F, Fut>(
    st: AppState,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Funds, T>,
    doing: Doing,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, T) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    v.may(&st.app, doing)?;
    let to = act(st.clone(), actor, form)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to(&to).into_response())
}

/// A new fund: its name, kind, currency and restriction.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct FundForm {
    name: String,
    kind: String,
    currency: Option<String>,
    restriction: Option<String>,
}

/// A grant received into a fund.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct GrantForm {
    fund_id: String,
    amount: String,
    funder: String,
    date: Option<String>,
}

/// Money moved from one fund to another, with the reason.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TransferForm {
    from: String,
    to: String,
    amount: String,
    reason: String,
}

/// A gift received outside the online form (cash, cheque, ...).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct GiftForm {
    fund_id: String,
    amount: String,
    method: String,
    email: String,
    #[serde(deserialize_with = "form::text")]
    name: Option<String>,
    #[serde(deserialize_with = "form::flag")]
    anonymous: bool,
    #[serde(deserialize_with = "form::text")]
    message: Option<String>,
    #[serde(deserialize_with = "form::text")]
    date: Option<String>,
    #[serde(deserialize_with = "form::text")]
    language: Option<String>,
}

/// A campaign: its name, fund and goal.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct CampaignForm {
    name: String,
    fund_id: String,
    goal: String,
}

/// A refund of a gift, with the key that makes a second press the same refund.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RefundForm {
    amount: String,
    key: String,
}

/// A ledger entry reversed, with the reason (and the fund page to go back to).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ReverseForm {
    reason: String,
    fund: Option<String>,
}

/// A donor's statement for a year, with the key that makes a second press the same mail.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct StatementForm {
    year: String,
    key: String,
}

pub async fn fund_create(
    State(st): State<AppState>,
    f: SignedForm<nav::Funds, FundForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        st.app
            .create_fund(
                &actor,
                &f.name,
                &f.kind,
                f.currency.as_deref(),
                f.restriction.as_deref(),
            )
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn grant_record(
    State(st): State<AppState>,
    f: SignedForm<nav::Funds, GrantForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        st.app
            .record_grant(&actor, &f.fund_id, &f.amount, &f.funder, f.date.as_deref())
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn transfer_record(
    State(st): State<AppState>,
    f: SignedForm<nav::Funds, TransferForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        st.app
            .transfer_funds(&actor, &f.from, &f.to, &f.amount, &f.reason)
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn gift_record(
    State(st): State<AppState>,
    f: SignedForm<nav::Funds, GiftForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        let g = ManualGift {
            fund_id: f.fund_id,
            amount: f.amount,
            method: f.method,
            email: f.email,
            name: f.name,
            anonymous: f.anonymous,
            message: f.message,
            date: f.date,
            language: f.language,
        };
        st.app.record_gift(&actor, g).await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn campaign_create(
    State(st): State<AppState>,
    f: SignedForm<nav::Funds, CampaignForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        st.app
            .create_campaign(&actor, &f.name, &f.fund_id, &f.goal)
            .await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn gift_refund(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Funds, RefundForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        st.app.refund_gift(&actor, &id, &f.amount, &f.key).await?;
        Ok("/funds".into())
    })
    .await
}

pub async fn entry_reverse(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Funds, ReverseForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        st.app.reverse_entry(&actor, &id, &f.reason).await?;
        Ok(match f.fund.and_then(|x| x.parse::<uuid::Uuid>().ok()) {
            Some(fund) => format!("/funds/{fund}"),
            None => "/funds".into(),
        })
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
    let actor = v.signed_in()?;
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
#[template(path = "money/fund.html")]
struct FundPage {
    ctx: Ctx,
    fund: FundView,
    entries: Vec<Entry>,
    from: String,
    to: String,
}

impl FundPage {
    /// What an entry did to this fund's money.
    fn delta(&self, e: &Entry) -> i64 {
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
    let actor = v.may(&st.app, Doing::Finance)?;
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
#[template(path = "money/donors.html")]
struct DonorsPage {
    ctx: Ctx,
    report: DonorReport,
    donors: Vec<Donor>,
    currency: String,
    year: i16,
    /// How the mail outbox stands (None: email is off).
    mail: Option<heart_app::mail::MailCounts>,
    failed_mails: Vec<heart_app::mail::FailedMail>,
}

pub async fn donors_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "funds").await?;
    let actor = v.signed_in()?;
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
#[template(path = "money/statement.html")]
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
    let actor = v.signed_in()?;
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
    Path(id): Path<String>,
    f: SignedForm<nav::Funds, StatementForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        let year = f
            .year
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::field("year", "invalid_date"))?;
        st.app.send_statement(&actor, &id, year, &f.key).await?;
        let did: heart_domain::ids::DonorId = id.trim().parse().map_err(|_| AppError::NotFound)?;
        Ok(format!("/funds/donors/{did}/statement?year={year}&sent=1"))
    })
    .await
}
