//! Impact: the team's figures (`/impact`, coordinate; its downloads; `GET /api/v1/impact`) and the public page
//! (`/transparency`; `GET /api/v1/transparency`). Charts are SVG drawn here, each followed by a table of the same
//! numbers and a sentence, so nothing needs a script or sight. The figures are the app's (`heart_app::impact`).

mod funder;
mod svg;

use crate::AppState;
use crate::api::Bearer;
use crate::ctx::{Ctx, field_messages};
use crate::error::{ErrorBody, WebError};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use heart_app::AppError;
use heart_app::impact::{Impact, Shown, Table, Transparency, TransparencyTable};
use serde::Deserialize;
use std::sync::Arc;
use utoipa::IntoParams;

/// A period, and how to answer (`json`, the default, or `csv`; for one table, `table`).
#[derive(Deserialize, Default, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub(crate) struct PeriodQuery {
    /// The first day, YYYY-MM-DD in the team's time zone (default: the first of the month eleven months back).
    from: Option<String>,
    /// The last day, included (default: today). At most five years after `from`.
    to: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
    /// With `format=csv`: only this table, one column per kind (default: every table, one line per cell).
    table: Option<String>,
}

/// The words for a table's column code (`need-housing`, `channel-sms`, ...), else the code.
fn label(ctx: &Ctx, table: &str, code: &str) -> String {
    let prefixes: &[&str] = match table {
        "channel" => &["channel"],
        "outcome" => &["close"],
        "need" => &["need"],
        "ems" => &["ems-consent"],
        "alerts" => &["alert"],
        "referrals" => &["referral-status"],
        "follow_ups" => &["follow-up-result"],
        "outreach" => &["outreach-col"],
        "warmline" => &["warmline-about"],
        "warmline_offered" => &["warmline-offered"],
        "warmline_minutes" => &["warmline"],
        _ => &[],
    };
    prefixes
        .iter()
        .chain(["impact-col"].iter())
        .find_map(|p| crate::i18n::try_t(&ctx.lang, &format!("{p}-{code}")))
        .unwrap_or_else(|| code.to_string())
}

fn minutes(ctx: &Ctx, m: Option<i64>) -> String {
    match m {
        Some(m) => ctx.tn("impact-minutes", "n", usize::try_from(m).unwrap_or(0)),
        None => ctx.t("impact-none"),
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{:.0}%", v * 100.0))
}

fn money(ctx: &Ctx, minor: i64, currency: &str) -> String {
    ctx.money(minor, currency)
}

#[derive(Template, WebTemplate)]
#[template(path = "impact/impact.html")]
struct ImpactPage {
    ctx: Ctx,
    from: String,
    to: String,
    errors: Errors,
    impact: Option<Impact>,
}

impl ImpactPage {
    fn label(&self, table: &str, code: &str) -> String {
        label(&self.ctx, table, code)
    }
    fn minutes(&self, m: &Option<i64>) -> String {
        minutes(&self.ctx, *m)
    }
    fn percent(&self, v: &Option<f64>) -> String {
        percent(*v)
    }
    fn money(&self, minor: &i64, currency: &str) -> String {
        money(&self.ctx, *minor, currency)
    }
    /// Each row's label, cells and total.
    fn lines(&self, t: &Table) -> Vec<(String, Vec<u64>, u64)> {
        (0..t.rows.len())
            .map(|r| (t.rows[r].clone(), t.cells[r].clone(), t.row_total(r)))
            .collect()
    }
    fn column_totals(&self, t: &Table) -> Vec<u64> {
        (0..t.columns.len()).map(|c| t.column_total(c)).collect()
    }
    fn legend(&self, t: &Table) -> Vec<(String, &'static str)> {
        svg::legend(&self.ctx, t)
    }
    fn query(&self) -> String {
        format!("from={}&to={}", self.from, self.to)
    }
    /// The charts: requests by month, outcomes by month (stacked), and the time to a first reply (p50, p90).
    fn charts(&self) -> Vec<svg::Chart> {
        let Some(i) = &self.impact else {
            return Vec::new();
        };
        svg::team_charts(&self.ctx, i)
    }
}

/// A page of figures whose period (or anything else asked) was refused: the page again with each field's message,
/// 422; any other error is the error page.
pub(crate) fn period_refused<P>(mut page: P, e: AppError) -> Result<Response, WebError>
where
    P: PeriodPage + IntoResponse,
{
    match e {
        AppError::Invalid(_) => {
            let errors = Errors(field_messages(page.ctx(), &e));
            page.set_errors(errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        e => Err(WebError::page(e, &page.ctx().lang)),
    }
}

/// A page that asks for a period.
pub(crate) trait PeriodPage {
    fn ctx(&self) -> &Ctx;
    fn set_errors(&mut self, errors: Errors);
}

macro_rules! period_page {
    ($($t:ty),*) => {$(
        impl PeriodPage for $t {
            fn ctx(&self) -> &Ctx {
                &self.ctx
            }
            fn set_errors(&mut self, errors: Errors) {
                self.errors = errors;
            }
        }
    )*};
}
period_page!(ImpactPage, TransparencyPage);

/// `/impact`: the period picker and the team's figures (coordinate).
pub async fn impact_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "impact").await?;
    v.may(&st.app, heart_app::doing::Doing::SeeImpact)?;
    let actor = v.signed_in()?;
    let mut page = ImpactPage {
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        errors: Errors::default(),
        impact: None,
        ctx: v.ctx,
    };
    let figures = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        st.app.impact(&actor, period).await
    };
    match figures.await {
        Ok(i) => {
            page.from = i.from.clone();
            page.to = i.to.clone();
            page.impact = Some(i);
            Ok(page.into_response())
        }
        Err(e) => period_refused(page, e),
    }
}

/// `/impact/download`: the same figures as CSV or JSON, for a person signed in (coordinate).
pub async fn impact_download(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "impact").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let answer = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        let i = st.app.impact(&actor, period).await?;
        answer(&i, &q)
    };
    answer.await.map_err(|e| WebError::page(e, &lang))
}

/// CSV or JSON of the figures.
fn answer(i: &Impact, q: &PeriodQuery) -> Result<Response, AppError> {
    let name = format!("heart-impact-{}-{}", i.from, i.to);
    match q.format.as_deref().unwrap_or("json") {
        "json" => Ok(([(header::CACHE_CONTROL, "no-store")], Json(i)).into_response()),
        "csv" => {
            let csv = match q.table.as_deref() {
                None | Some("") => long_csv(i),
                Some(t) => wide_csv(
                    i.table(t)
                        .ok_or_else(|| AppError::field("table", "unknown"))?,
                ),
            };
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.csv\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                csv,
            )
                .into_response())
        }
        _ => Err(AppError::field("format", "unknown")),
    }
}

/// Every figure, one line each: `table,row,column,value` (times and aid too, under their own table names).
fn long_csv(i: &Impact) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["table", "row", "column", "value"]);
    for t in &i.tables {
        for (r, row) in t.rows.iter().enumerate() {
            for (c, col) in t.columns.iter().enumerate() {
                let _ = w.write_record([t.name, row, col, &t.cells[r][c].to_string()]);
            }
        }
    }
    for f in &i.times {
        let ch = f.channel.as_deref().unwrap_or("all");
        let row = format!("{} {ch}", f.month);
        let _ = w.write_record([
            "times",
            &row,
            &format!("{}_count", f.step),
            &f.count.to_string(),
        ]);
        for (k, v) in [("p50", f.p50_minutes), ("p90", f.p90_minutes)] {
            let v = v.map(|m| m.to_string()).unwrap_or_default();
            let _ = w.write_record(["times", &row, &format!("{k}_{}_minutes", f.step), &v]);
        }
    }
    for a in &i.aid {
        let row = format!("{} ({})", a.fund, a.currency);
        for (k, v) in [
            ("count", a.count as i64),
            ("total_minor", a.total_minor),
            ("median_minor", a.median_minor.unwrap_or(0)),
        ] {
            let _ = w.write_record(["mutual_aid", &row, k, &v.to_string()]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One table: a line per month, a column per kind (and the total, when the table has one).
fn wide_csv(t: &Table) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<&str> = vec!["month"];
    head.extend(t.columns.iter().map(String::as_str));
    if t.totals {
        head.push("total");
    }
    let _ = w.write_record(&head);
    for (r, row) in t.rows.iter().enumerate() {
        let mut line = vec![row.clone()];
        line.extend(t.cells[r].iter().map(u64::to_string));
        if t.totals {
            line.push(t.row_total(r).to_string());
        }
        let _ = w.write_record(&line);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[utoipa::path(get, path = "/api/v1/impact", tag = "impact", params(PeriodQuery),
    description = "The team's figures over a period of whole days in the team's time zone (docs/metrics.md): requests by month and channel, outcome, priority, need, neighbourhood; people served and returning; EMS contacts and consent; alerts; referrals; follow-ups; requests that came while closed or full; times to a first reply, a team assigned and arrival (p50 and p90, whole minutes); mutual aid per fund. JSON, or CSV with `format=csv` (every table, one line per cell; or one table with `table`). For a token with `coordinate`.",
    responses((status = 200, description = "The figures (JSON; CSV with format=csv)", content((heart_app::impact::Impact = "application/json"), (String = "text/csv"))), (status = 400, description = "Malformed query", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token does not hold coordinate", body = ErrorBody),
        (status = 422, description = "`from`/`to`: invalid_date (not YYYY-MM-DD), after_to, period_too_long (over five years); `format`: unknown; `table`: unknown", body = ErrorBody)))]
pub(crate) async fn api_impact(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    q: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let run = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        let i = st.app.impact(&actor, period).await?;
        answer(&i, &q)
    };
    run.await.map_err(WebError::Api)
}

#[derive(Template, WebTemplate)]
#[template(path = "impact/transparency.html")]
struct TransparencyPage {
    ctx: Ctx,
    from: String,
    to: String,
    errors: Errors,
    t: Option<Arc<Transparency>>,
}

impl TransparencyPage {
    fn label(&self, table: &str, code: &str) -> String {
        label(&self.ctx, table, code)
    }
    fn shown(&self, s: &Shown) -> String {
        match s {
            Shown::Count(n) => n.to_string(),
            Shown::Suppressed { .. } => self.ctx.tn(
                "transparency-fewer-than",
                "n",
                self.t.as_ref().map_or(11, |t| t.suppress_below as usize),
            ),
        }
    }
    fn minutes(&self, m: &Option<i64>) -> String {
        minutes(&self.ctx, *m)
    }
    fn percent(&self, v: &Option<f64>) -> String {
        percent(*v)
    }
    fn money(&self, minor: &i64, currency: &str) -> String {
        money(&self.ctx, *minor, currency)
    }
    /// Each row's label, cells and total, as shown.
    fn lines(&self, t: &TransparencyTable) -> Vec<(String, Vec<String>, String)> {
        (0..t.rows.len())
            .map(|r| {
                let cells = t.cells[r].iter().map(|s| self.shown(s)).collect();
                (t.rows[r].clone(), cells, self.shown(&t.row_totals[r]))
            })
            .collect()
    }
    fn caption(&self, t: &TransparencyTable) -> String {
        self.ctx.t(&format!("transparency-table-{}", t.name))
    }
    fn chart(&self) -> Option<svg::Chart> {
        self.t
            .as_ref()
            .and_then(|t| svg::public_chart(&self.ctx, t))
    }
}

/// `/transparency`: the public figures, small counts hidden (404 when `[impact] public = false`).
pub async fn transparency_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "transparency").await?;
    let mut page = TransparencyPage {
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        errors: Errors::default(),
        t: None,
        ctx: v.ctx,
    };
    let figures = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        st.app.transparency(period).await
    };
    match figures.await {
        Ok(t) => {
            page.from = t.from.clone();
            page.to = t.to.clone();
            page.t = Some(t);
            Ok(([(header::CACHE_CONTROL, "public, max-age=300")], page).into_response())
        }
        Err(e) => period_refused(page, e),
    }
}

#[utoipa::path(get, path = "/api/v1/transparency", tag = "impact", params(PeriodQuery),
    description = "The public figures over a period (no token needed; 404 when the team turned the public page off): requests by month and channel and by outcome, neighbourhoods by quarter (only those whose count passes), response times (p50 and p90, whole minutes, only for months with enough requests), requests sent to the police (always 0: heart has no way to send one), mutual aid paid, and where the money came from as shares. Every count from 1 to `suppress_below - 1`, and enough others that none can be worked out from the totals, is `{\"suppressed\": true}`, never the number. `format` and `table` are ignored.",
    security(()),
    responses((status = 200, description = "The public figures", body = Transparency), (status = 400, description = "Malformed query", body = ErrorBody), (status = 404, description = "The public page is turned off", body = ErrorBody),
        (status = 422, description = "`from`/`to`: invalid_date (not YYYY-MM-DD), after_to, period_too_long (over five years)", body = ErrorBody)))]
pub(crate) async fn api_transparency(
    State(st): State<AppState>,
    q: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let run = async {
        let period = st.app.impact_period(q.from.as_deref(), q.to.as_deref())?;
        st.app.transparency(period).await
    };
    let t = run.await.map_err(WebError::Api)?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=300")],
        Json(t.as_ref()),
    )
        .into_response())
}

/// `/impact/definitions`: what each figure counts (`docs/metrics.md`), as plain text, for anyone.
async fn definitions() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        include_str!("../../../docs/metrics.md"),
    )
        .into_response()
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/impact", get(impact_page))
        .route("/impact/download", get(impact_download))
        .route("/impact/definitions", get(definitions))
        .route("/impact/funds", get(funder::funds_page))
        .route("/transparency", get(transparency_page))
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/impact", get(api_impact))
        .route("/transparency", get(api_transparency))
}
