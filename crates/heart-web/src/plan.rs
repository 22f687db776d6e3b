//! `/planner` (coordinate): which of a city's 911 calls a team like ours could take, and the teams each hour of the
//! week needs; a form sent by GET (it changes nothing), the teams as a table shaded like a heat map, every number
//! written in its cell.

use crate::AppState;
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::doing::Doing;
use heart_app::plan::{FileProblem, Plan, PlanInput};

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
    /// "given" or "history".
    minutes: String,
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
    /// Where an uploaded file is wrong.
    problem: Option<FileProblem>,
}

impl PlannerPage {
    fn chosen(&self, c: &&str) -> bool {
        self.q.category.iter().any(|x| x == *c)
    }
    fn per_year(&self, v: &f64) -> String {
        format!("{}", v.round() as i64)
    }
    fn minutes(&self, v: &f64) -> String {
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

/// `GET /planner`: the form, and the plan when the query asks (from the example table).
pub async fn planner_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "planner").await?;
    v.may(&st.app, Doing::Plan)?;
    let asked = query.as_deref().is_some_and(|q| q.contains("city="));
    let q: PlanQuery =
        serde_html_form::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    answer(&st, v, q, asked.then_some(None)).await
}

/// `POST /planner`: the same form sent with another city's call-type table (multipart, up to 2 MB). The file is
/// read, used for this answer and dropped; nothing of it is kept.
pub async fn planner_upload(
    State(st): State<AppState>,
    headers: HeaderMap,
    mut mp: Multipart,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "planner").await?;
    v.may(&st.app, Doing::Plan)?;
    let mut q = PlanQuery::default();
    let (mut csrf, mut file) = (String::new(), None);
    let mut too_large = false;
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                too_large = true;
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "calltypes" {
            let mut bytes = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(c)) if bytes.len() + c.len() <= heart_app::plan::MAX_FILE => {
                        bytes.extend_from_slice(&c)
                    }
                    Ok(None) => break,
                    _ => {
                        too_large = true;
                        break;
                    }
                }
            }
            // A file input left empty still sends a part, with no name and no bytes.
            if !bytes.is_empty() || field.file_name().is_some_and(|n| !n.is_empty()) {
                file = Some(bytes);
            }
            continue;
        }
        let text = field.text().await.unwrap_or_default();
        match name.as_str() {
            "csrf" => csrf = text,
            "city" => q.city = text,
            "years" => q.years = text,
            "choice" => q.choice = text,
            "category" => q.category.push(text),
            "minutes_per_call" => q.minutes_per_call = text,
            "within" => q.within = text,
            "target" => q.target = text,
            "spread" => q.spread = text,
            "minutes" => q.minutes = text,
            _ => {}
        }
    }
    v.check_csrf(&headers, Some(&csrf))?;
    if too_large {
        let lang = v.ctx.lang.clone();
        return Err(WebError::page(
            AppError::field("calltypes", "too_large"),
            &lang,
        ));
    }
    answer(&st, v, q, Some(file)).await
}

/// The page for what was asked: `None`, only the form; `Some(file)`, the plan (from the file, when one came).
async fn answer(
    st: &AppState,
    v: crate::ctx::Visitor,
    q: PlanQuery,
    asked: Option<Option<Vec<u8>>>,
) -> Result<Response, WebError> {
    let actor = v.signed_in()?;
    let mut page = PlannerPage {
        cities: heart_app::plan::cities(),
        categories: heart_domain::plan::CATEGORIES,
        q,
        errors: Errors::default(),
        plan: None,
        problem: None,
        ctx: v.ctx,
    };
    let Some(file) = asked else {
        return Ok(page.into_response());
    };
    let input = PlanInput {
        city: page.q.city.clone(),
        years: page.q.years.clone(),
        categories: (page.q.choice == "chosen").then(|| page.q.category.clone()),
        minutes_per_call: page.q.minutes_per_call.clone(),
        within: page.q.within.clone(),
        target: page.q.target.clone(),
        from_history: page.q.spread == "history",
        minutes_from_history: page.q.minutes == "history",
        file,
    };
    match st.app.plan(&actor, &input).await {
        Ok(p) => {
            page.plan = Some(p);
            Ok(page.into_response())
        }
        Err(e @ AppError::Invalid(_)) => {
            page.problem = input
                .file
                .as_deref()
                .and_then(heart_app::plan::file_problem);
            page.errors = Errors(field_messages(&page.ctx, &e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &page.ctx.lang)),
    }
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new().route(
        "/planner",
        get(planner_page)
            .post(planner_upload)
            .layer(axum::extract::DefaultBodyLimit::max(
                heart_app::plan::MAX_FILE + 64 * 1024,
            )),
    )
}
