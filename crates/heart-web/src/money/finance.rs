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

pub(super) async fn finance_form<F, Fut>(
    st: AppState,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Funds>,
    doing: Doing,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, FormData) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    v.may(&st.app, doing)?;
    let to = act(st.clone(), actor, form)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to(&to).into_response())
}

pub async fn fund_create(
    State(st): State<AppState>,
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    Path(id): Path<String>,
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    Path(id): Path<String>,
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
    f: SignedForm<nav::Funds>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
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
