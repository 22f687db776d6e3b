//! `/impact/funds` (coordinate or finance): a report for a funder, one fund over a period, printable (the print
//! style sheet drops the navigation and forms) and as CSV (`format=csv`).

use super::money;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use heart_app::impact::FunderReport;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct FundQuery {
    fund: Option<String>,
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "impact/funds.html")]
struct FundsPage {
    ctx: Ctx,
    funds: Vec<(String, String)>,
    fund: String,
    from: String,
    to: String,
    errors: Errors,
    report: Option<FunderReport>,
}

impl FundsPage {
    fn money(&self, minor: &i64) -> String {
        money(
            &self.ctx,
            *minor,
            self.report.as_ref().map_or("", |r| r.currency.as_str()),
        )
    }
    fn money_o(&self, minor: &Option<i64>) -> String {
        minor.map_or_else(|| self.ctx.t("impact-none"), |m| self.money(&m))
    }
    /// What a line paid for, in words: the purpose of mutual aid (`aid-purpose-...`), or the account.
    fn what(&self, code: &str) -> String {
        match code.strip_prefix("aid:") {
            Some(p) => self.ctx.t1(
                "funder-aid-for",
                "name",
                &crate::i18n::try_t(&self.ctx.lang, &format!("aid-purpose-{p}"))
                    .unwrap_or_else(|| p.to_string()),
            ),
            None => self.ctx.t(&format!("funder-spent-{code}")),
        }
    }
    fn query(&self) -> String {
        format!("fund={}&from={}&to={}", self.fund, self.from, self.to)
    }
}

/// One line per figure: `section,item,value` (amounts in minor units of the fund's currency).
fn csv(r: &FunderReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut line = |a: &str, b: &str, c: String| {
        let _ = w.write_record([a, b, c.as_str()]);
    };
    line("section", "item", "value".into());
    line("fund", "name", r.fund.clone());
    line("fund", "currency", r.currency.clone());
    line("period", "from", r.from.clone());
    line("period", "to", r.to.clone());
    line("money_in", "gifts_minor", r.gifts_minor.to_string());
    line("money_in", "grants_minor", r.grants_minor.to_string());
    line("money_in", "refunds_minor", r.refunds_minor.to_string());
    for s in &r.spent {
        line("spent", &format!("{}_count", s.what), s.count.to_string());
        line(
            "spent",
            &format!("{}_minor", s.what),
            s.amount_minor.to_string(),
        );
    }
    line("spent", "total_minor", r.spent_minor.to_string());
    line(
        "activity",
        "requests_answered",
        r.requests_answered.to_string(),
    );
    line("activity", "people_served", r.people_served.to_string());
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    line(
        "cost",
        "per_request_answered_minor",
        opt(r.cost_per_request_minor),
    );
    line(
        "cost",
        "per_person_served_minor",
        opt(r.cost_per_person_minor),
    );
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

impl super::PeriodPage for FundsPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
    fn set_errors(&mut self, errors: Errors) {
        self.errors = errors;
    }
}

pub async fn funds_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<FundQuery>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "impact").await?;
    v.may(&st.app, heart_app::doing::Doing::FunderReport)?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let funds = st
        .app
        .report_funds(&actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let mut page = FundsPage {
        fund: q.fund.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        funds,
        errors: Errors::default(),
        report: None,
        ctx: v.ctx,
    };
    let Some(fund) = q.fund.as_deref().filter(|f| !f.is_empty()) else {
        return Ok(page.into_response());
    };
    let report = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        st.app.funder_report(&actor, fund, period).await
    };
    match report.await {
        Ok(r) if q.format.as_deref() == Some("csv") => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"heart-fund-report-{}-{}.csv\"",
                        r.from, r.to
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            csv(&r),
        )
            .into_response()),
        Ok(r) => {
            page.from = r.from.clone();
            page.to = r.to.clone();
            page.report = Some(r);
            Ok(page.into_response())
        }
        Err(e) => super::period_refused(page, e),
    }
}
