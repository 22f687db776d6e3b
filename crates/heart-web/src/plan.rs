//! `/planner` (coordinate): which of a city's 911 calls a team like ours could take, and the teams each hour of the
//! week needs; a form sent by GET (it changes nothing), the teams as a table shaded like a heat map, every number
//! written in its cell.

use crate::AppState;
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::doing::Doing;
use heart_app::plan::{Plan, PlanInput};

/// The form's fields, as the browser sends them (a category box once per category checked).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct PlanQuery {
    city: String,
    years: String,
    /// "default" (the documented choice) or "chosen" (the categories checked).
    choice: String,
    category: Vec<String>,
    minutes_per_call: String,
    within: String,
    target: String,
    /// "even" or "history".
    spread: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan/planner.html")]
struct PlannerPage {
    ctx: Ctx,
    cities: Vec<String>,
    categories: &'static [&'static str],
    q: PlanQuery,
    errors: Errors,
    plan: Option<Plan>,
}

impl PlannerPage {
    fn chosen(&self, c: &&str) -> bool {
        self.q.category.iter().any(|x| x == *c)
    }
    fn per_year(&self, v: &f64) -> String {
        format!("{}", v.round() as i64)
    }
    fn percent(&self, v: &f64) -> String {
        format!("{:.1}%", v * 100.0)
    }
    /// The week's rows: each day's name and its 24 hours' teams with their shade (0 to 4, of the most).
    fn week(&self) -> Vec<(String, Vec<(u32, u32)>)> {
        let Some(p) = &self.plan else {
            return Vec::new();
        };
        let most = p.teams.iter().copied().max().unwrap_or(0).max(1);
        (0..7)
            .map(|d| {
                let hours = (0..24)
                    .map(|h| {
                        let n = p.teams[d * 24 + h];
                        (n, (n * 4).div_ceil(most))
                    })
                    .collect();
                (self.ctx.t(&format!("weekday-{}", d + 1)), hours)
            })
            .collect()
    }
}

pub async fn planner_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "planner").await?;
    v.may(&st.app, Doing::Plan)?;
    let actor = v.signed_in()?;
    let asked = query.as_deref().is_some_and(|q| q.contains("city="));
    let q: PlanQuery =
        serde_html_form::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let mut page = PlannerPage {
        cities: heart_app::plan::cities(),
        categories: heart_domain::plan::CATEGORIES,
        q,
        errors: Errors::default(),
        plan: None,
        ctx: v.ctx,
    };
    if !asked {
        return Ok(page.into_response());
    }
    let input = PlanInput {
        city: page.q.city.clone(),
        years: page.q.years.clone(),
        categories: (page.q.choice == "chosen").then(|| page.q.category.clone()),
        minutes_per_call: page.q.minutes_per_call.clone(),
        within: page.q.within.clone(),
        target: page.q.target.clone(),
        from_history: page.q.spread == "history",
    };
    match st.app.plan(&actor, &input).await {
        Ok(p) => {
            page.plan = Some(p);
            Ok(page.into_response())
        }
        Err(e @ AppError::Invalid(_)) => {
            page.errors = Errors(field_messages(&page.ctx, &e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &page.ctx.lang)),
    }
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new().route("/planner", get(planner_page))
}
