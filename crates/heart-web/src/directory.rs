//! The resource directory on the web: the Open Referral HSDS 3.0 API under `/hsds` (public, read-only) and the
//! search page `/directory` (no account, works without JavaScript).
//! Helpers return the finished error `Response` itself (built at most once per request), hence the lint allowance.
#![allow(clippy::result_large_err, clippy::type_complexity)]

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::form::{SignedForm, nav};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use heart_app::directory::Loaded;
use heart_app::doing::Doing;
use heart_domain::access::Capability;
use heart_hsds::{Kind, taxonomy};
use heart_search::haversine;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

fn problem(status: StatusCode, field: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({"error": message, "field": field})),
    )
        .into_response()
}

/// A list page as asked: JSON (the page envelope, the default), or NDJSON (`format=ndjson`: the page's items, one
/// JSON object a line, for bulk readers). Any other format is refused, naming the field.
fn list_response(q: &HashMap<String, String>, v: Value) -> Response {
    match q.get("format").map(|f| f.trim()).filter(|f| !f.is_empty()) {
        None | Some("json") => axum::Json(v).into_response(),
        Some("ndjson") => {
            let mut out = String::new();
            for item in v["contents"].as_array().into_iter().flatten() {
                out.push_str(&item.to_string());
                out.push('\n');
            }
            (
                [(axum::http::header::CONTENT_TYPE, "application/x-ndjson")],
                out,
            )
                .into_response()
        }
        Some(_) => problem(StatusCode::BAD_REQUEST, "format", "must be json or ndjson"),
    }
}

fn unavailable() -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "",
        "the directory is loading; try again in a moment",
    )
}

async fn loaded(st: &AppState) -> Result<Arc<Loaded>, Response> {
    st.app.directory().await.map_err(|_| unavailable())
}

fn flag(q: &HashMap<String, String>, k: &str) -> Result<bool, Response> {
    match q.get(k).map(|s| s.as_str()) {
        None | Some("") | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(_) => Err(problem(StatusCode::BAD_REQUEST, k, "must be true or false")),
    }
}

fn number(
    q: &HashMap<String, String>,
    k: &str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, Response> {
    match q.get(k).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => match s.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(problem(
                StatusCode::BAD_REQUEST,
                k,
                &format!("must be a whole number from {min} to {max}"),
            )),
        },
    }
}

fn coordinate(q: &HashMap<String, String>, k: &str, max: f64) -> Result<Option<f64>, Response> {
    match q.get(k).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => match s.parse::<f64>() {
            Ok(x) if x.is_finite() && (-max..=max).contains(&x) => Ok(Some(x)),
            _ => Err(problem(
                StatusCode::BAD_REQUEST,
                k,
                &format!("must be a number from -{max} to {max}"),
            )),
        },
    }
}

/// The HSDS page envelope.
fn page(items: Vec<Value>, total: usize, page: i64, per_page: i64) -> Value {
    let total_pages = if total == 0 {
        0
    } else {
        total.div_ceil(per_page as usize)
    };
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": items.len(),
        "first_page": page == 1,
        "last_page": page as usize >= total_pages,
        "empty": items.is_empty(),
        "contents": items,
    })
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|p| *p == "https")
        .unwrap_or("http");
    format!("{proto}://{host}")
}

pub async fn hsds_root(headers: HeaderMap) -> Response {
    let base = base_url(&headers);
    axum::Json(json!({
        "version": "3.0",
        "profile": "https://openreferral.org/",
        "openapi_url": format!("{base}/hsds/openapi.json"),
    }))
    .into_response()
}

pub async fn hsds_openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        heart_hsds::schema::OPENAPI,
    )
        .into_response()
}

fn modified_ok(l: &Loaded, kind: Kind, id: &str, after: Option<jiff::Timestamp>) -> bool {
    match after {
        None => true,
        Some(t) => l
            .modified
            .get(&(kind, id.to_string()))
            .is_some_and(|m| *m >= t),
    }
}

fn modified_after(q: &HashMap<String, String>) -> Result<Option<jiff::Timestamp>, Response> {
    match q.get("modified_after").filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<jiff::Timestamp>()
            .ok()
            .or_else(|| {
                let d = s.parse::<jiff::civil::Date>().ok()?;
                d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .ok()
                    .map(|z| z.timestamp())
            })
            .ok_or(())
            .map(Some)
            .map_err(|_| {
                problem(
                    StatusCode::BAD_REQUEST,
                    "modified_after",
                    "must be a date-time (2026-11-27T10:00:00Z)",
                )
            }),
    }
}

fn paging(q: &HashMap<String, String>) -> Result<(i64, i64), Response> {
    Ok((
        number(q, "page", 1, 1, 1_000_000)?,
        number(q, "per_page", 50, 1, 1000)?,
    ))
}

pub async fn hsds_services(State(st): State<AppState>, Query(q): Params) -> Response {
    let l = match loaded(&st).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let run = || -> Result<Value, Response> {
        let (pg, per) = paging(&q)?;
        let (full, minimal) = (flag(&q, "full")?, flag(&q, "minimal")?);
        // "When using this parameter aim to return all services within one call": minimal lists come whole,
        // unless the caller asks for pages (docs/hsds.md).
        let per = if minimal && q.get("per_page").is_none_or(|s| s.is_empty()) {
            l.index.len().max(1) as i64
        } else {
            per
        };
        let after = modified_after(&q)?;
        let term = q.get("taxonomy_term_id").filter(|s| !s.is_empty());
        let tax = q.get("taxonomy_id").filter(|s| !s.is_empty());
        let org = q.get("organization_id").filter(|s| !s.is_empty()).cloned();
        let text = q.get("search").cloned().unwrap_or_default();
        let query = heart_search::Query {
            text,
            term_id: term.or(tax).cloned(),
            organization: org,
            limit: l.index.len().max(1),
            ..Default::default()
        };
        let found = l.index.search(&query);
        let services = l.index.services();
        // Both filters: the index matched the term; the taxonomy is checked on the same hit.
        let ids: Vec<&str> = found
            .hits
            .iter()
            .map(|h| &services[h.service])
            .filter(|s| match (term, tax) {
                (Some(_), Some(tx)) => s.term_ids.contains(tx),
                _ => true,
            })
            .map(|s| s.id.as_str())
            .filter(|id| modified_ok(&l, Kind::Service, id, after))
            .collect();
        let total = ids.len();
        let start = ((pg - 1) * per) as usize;
        let items: Vec<Value> = ids
            .iter()
            .skip(start)
            .take(per as usize)
            .filter_map(|id| {
                if minimal {
                    let m = l
                        .modified
                        .get(&(Kind::Service, id.to_string()))
                        .map(|t| t.to_string());
                    Some(json!({"id": id, "modified_date": m}))
                } else if full {
                    l.dir.nested(&l.links, Kind::Service, id)
                } else {
                    l.dir.get(Kind::Service, id).cloned().map(Value::Object)
                }
            })
            .collect();
        Ok(page(items, total, pg, per))
    };
    match run() {
        Ok(v) => list_response(&q, v),
        Err(r) => r,
    }
}

fn one(l: &Loaded, kind: Kind, id: &str, nested: bool) -> Response {
    let v = if nested {
        l.dir.nested(&l.links, kind, id)
    } else {
        l.dir.get(kind, id).cloned().map(Value::Object)
    };
    match v {
        Some(v) => axum::Json(v).into_response(),
        None => problem(
            StatusCode::NOT_FOUND,
            "id",
            &format!("no {} has this id", kind.name()),
        ),
    }
}

pub async fn hsds_service(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    match loaded(&st).await {
        Ok(l) => one(&l, Kind::Service, &id, true),
        Err(r) => r,
    }
}

fn list(
    l: &Loaded,
    kind: Kind,
    q: &HashMap<String, String>,
    keep: impl Fn(&heart_hsds::Record) -> bool,
) -> Response {
    let run = || -> Result<Value, Response> {
        let (pg, per) = paging(q)?;
        let full = flag(q, "full")?;
        let full_service = flag(q, "full_service")?;
        let after = modified_after(q)?;
        let search = q
            .get("search")
            .map(|s| s.to_lowercase())
            .filter(|s| !s.is_empty());
        let ids: Vec<&str> = l
            .dir
            .table(kind)
            .filter(|r| keep(r))
            .filter_map(|r| r.get("id").and_then(Value::as_str))
            .filter(|id| modified_ok(l, kind, id, after))
            .filter(|id| {
                search.as_ref().is_none_or(|s| {
                    l.dir.get(kind, id).is_some_and(|r| {
                        ["name", "description", "code"].iter().any(|f| {
                            r.get(*f)
                                .and_then(Value::as_str)
                                .is_some_and(|v| v.to_lowercase().contains(s))
                        })
                    })
                })
            })
            .collect();
        let total = ids.len();
        let items = ids
            .iter()
            .skip(((pg - 1) * per) as usize)
            .take(per as usize)
            .filter_map(|id| match (kind, full || full_service) {
                (Kind::Organization, true) => l.dir.nested_organization(&l.links, id, full_service),
                (_, true) => l.dir.nested(&l.links, kind, id),
                _ => l.dir.get(kind, id).cloned().map(Value::Object),
            })
            .collect();
        Ok(page(items, total, pg, per))
    };
    match run() {
        Ok(v) => list_response(q, v),
        Err(r) => r,
    }
}

pub async fn hsds_organizations(State(st): State<AppState>, Query(q): Params) -> Response {
    match loaded(&st).await {
        Ok(l) => list(&l, Kind::Organization, &q, |_| true),
        Err(r) => r,
    }
}

pub async fn hsds_organization(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let l = match loaded(&st).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let full_service = match flag(&q, "full_service") {
        Ok(f) => f,
        Err(r) => return r,
    };
    match l.dir.nested_organization(&l.links, &id, full_service) {
        Some(v) => axum::Json(v).into_response(),
        None => problem(StatusCode::NOT_FOUND, "id", "no organization has this id"),
    }
}

pub async fn hsds_taxonomies(State(st): State<AppState>, Query(q): Params) -> Response {
    match loaded(&st).await {
        Ok(l) => list(&l, Kind::Taxonomy, &q, |_| true),
        Err(r) => r,
    }
}

pub async fn hsds_taxonomy(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    match loaded(&st).await {
        Ok(l) => one(&l, Kind::Taxonomy, &id, false),
        Err(r) => r,
    }
}

pub async fn hsds_terms(State(st): State<AppState>, Query(q): Params) -> Response {
    let tax = q.get("taxonomy_id").filter(|s| !s.is_empty()).cloned();
    match loaded(&st).await {
        Ok(l) => list(&l, Kind::TaxonomyTerm, &q, |r| {
            tax.as_ref()
                .is_none_or(|t| r.get("taxonomy_id").and_then(Value::as_str) == Some(t.as_str()))
        }),
        Err(r) => r,
    }
}

pub async fn hsds_term(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    match loaded(&st).await {
        Ok(l) => one(&l, Kind::TaxonomyTerm, &id, true),
        Err(r) => r,
    }
}

/// The centre of a postcode: the mean of the directory's places with an address there.
fn postcode_centre(l: &Loaded, postcode: &str) -> Option<(f64, f64)> {
    let mut pts = Vec::new();
    for a in l.dir.table(Kind::Address) {
        if a.get("postal_code").and_then(Value::as_str).map(str::trim) == Some(postcode.trim())
            && let Some(loc) = a
                .get("location_id")
                .and_then(Value::as_str)
                .and_then(|id| l.dir.get(Kind::Location, id))
            && let (Some(lat), Some(lon)) = (
                loc.get("latitude").and_then(Value::as_f64),
                loc.get("longitude").and_then(Value::as_f64),
            )
        {
            pts.push((lat, lon));
        }
    }
    (!pts.is_empty()).then(|| {
        let n = pts.len() as f64;
        (
            pts.iter().map(|p| p.0).sum::<f64>() / n,
            pts.iter().map(|p| p.1).sum::<f64>() / n,
        )
    })
}

pub async fn hsds_sals(State(st): State<AppState>, Query(q): Params) -> Response {
    let l = match loaded(&st).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let centre = (|| -> Result<Option<((f64, f64), Option<f64>)>, Response> {
        let proximity = match q.get("proximity").filter(|s| !s.is_empty()) {
            None => None,
            Some(p) => match p.parse::<f64>() {
                Ok(m) if m.is_finite() && m > 0.0 => Some(m),
                _ => {
                    return Err(problem(
                        StatusCode::BAD_REQUEST,
                        "proximity",
                        "must be a distance in metres above 0",
                    ));
                }
            },
        };
        let (lat, lon) = (coordinate(&q, "lat", 90.0)?, coordinate(&q, "lon", 180.0)?);
        let at = match (lat, lon, q.get("postcode").filter(|s| !s.is_empty())) {
            (Some(a), Some(o), _) => Some((a, o)),
            (None, None, Some(pc)) => match postcode_centre(&l, pc) {
                Some(c) => Some(c),
                None => return Ok(Some(((f64::NAN, f64::NAN), Some(0.0)))),
            },
            (None, None, None) => None,
            _ => {
                return Err(problem(
                    StatusCode::BAD_REQUEST,
                    "lat",
                    "give both lat and lon",
                ));
            }
        };
        Ok(at.map(|a| (a, proximity)))
    })();
    let centre = match centre {
        Ok(c) => c,
        Err(r) => return r,
    };
    let postcode = q.get("postcode").filter(|s| !s.is_empty()).cloned();
    let keep = |r: &heart_hsds::Record| {
        let Some(loc) = r
            .get("location_id")
            .and_then(Value::as_str)
            .and_then(|id| l.dir.get(Kind::Location, id))
        else {
            return centre.is_none() && postcode.is_none();
        };
        match centre {
            None => true,
            Some(((lat, lon), radius)) => {
                if lat.is_nan() {
                    return false;
                }
                match (
                    loc.get("latitude").and_then(Value::as_f64),
                    loc.get("longitude").and_then(Value::as_f64),
                ) {
                    (Some(a), Some(o)) => radius.is_none_or(|r| haversine((lat, lon), (a, o)) <= r),
                    _ => false,
                }
            }
        }
    };
    list(&l, Kind::ServiceAtLocation, &q, keep)
}

pub async fn hsds_sal(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    match loaded(&st).await {
        Ok(l) => one(&l, Kind::ServiceAtLocation, &id, true),
        Err(r) => r,
    }
}

// ---------- the search page ----------

pub struct Row {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub description: String,
    pub distance: Option<String>,
    pub open_now: Option<bool>,
    pub address: String,
    pub phones: Vec<String>,
    pub needs: Vec<String>,
    pub alert: String,
    pub free: bool,
    pub no_id: bool,
    pub accessible: bool,
    /// Today's availability: ("open" | "closed" | "full", places free, note, minutes since it was said).
    pub capacity: Option<(String, Option<i64>, String, i64)>,
    /// The visitor may say how it is today (a coordinator, or the partner that runs it).
    pub keep: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/directory.html")]
struct DirectoryPage {
    ctx: Ctx,
    q: String,
    near: String,
    need: String,
    language: String,
    open_now: bool,
    free: bool,
    no_id: bool,
    accessible: bool,
    needs: Vec<(String, String)>,
    rows: Vec<Row>,
    total: usize,
    searched: bool,
    near_unknown: bool,
    /// Where the capacity form returns to.
    back: String,
    /// Referring someone: the request the search is for (a responder came from its encounter).
    refer: Option<String>,
}

impl DirectoryPage {
    /// "updated just now", "updated 20 minutes ago", ...
    fn age(&self, minutes: &i64) -> String {
        let m = (*minutes).max(0);
        let n = if m < 60 {
            m
        } else if m < 48 * 60 {
            m / 60
        } else {
            m / (24 * 60)
        };
        let key = match m {
            0 => "directory-updated-now",
            1..60 => "directory-updated-minutes",
            60..2880 => "directory-updated-hours",
            _ => "directory-updated-days",
        };
        self.ctx.t1(key, "n", n.to_string().as_str())
    }
}

fn distance_text(m: f64) -> String {
    if m < 1000.0 {
        format!("{} m", (m / 10.0).round() * 10.0)
    } else {
        format!("{:.1} km", m / 1000.0)
    }
}

pub async fn directory_page(
    State(st): State<AppState>,
    Query(q): Params,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "directory").await?;
    let l = st
        .app
        .directory()
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let get = |k: &str| {
        q.get(k)
            .map(|s| s.trim().chars().take(500).collect::<String>())
            .unwrap_or_default()
    };
    let on = |k: &str| {
        q.get(k)
            .is_some_and(|s| s == "1" || s == "on" || s == "true")
    };
    let (text, near, need, language) = (get("q"), get("near"), get("need"), get("language"));
    let mut at = None;
    let mut near_unknown = false;
    if let (Some(Ok(lat)), Some(Ok(lon))) = (
        q.get("lat").map(|s| s.parse::<f64>()),
        q.get("lon").map(|s| s.parse::<f64>()),
    ) && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
    {
        at = Some((lat, lon));
    } else if !near.is_empty() {
        at = st.app.place(&near, 0.5);
        near_unknown = at.is_none();
    }
    let now = st.app.clock.now();
    let query = heart_search::Query {
        text: text.clone(),
        needs: if need.is_empty() {
            vec![]
        } else {
            vec![need.clone()]
        },
        near: at,
        within_m: None,
        open_at: on("open").then_some(now),
        language: (!language.is_empty()).then(|| language.clone()),
        free: on("free"),
        no_id: on("no_id"),
        accessible: on("accessible"),
        limit: 50,
        ..Default::default()
    };
    let searched = q.keys().any(|k| k != "refer");
    let refer = q
        .get("refer")
        .filter(|_| {
            v.ctx.actor.as_ref().is_some_and(|a| {
                a.caps
                    .has_any(&[Capability::Respond, Capability::Coordinate])
            })
        })
        .and_then(|r| r.parse::<heart_domain::ids::RequestId>().ok())
        .map(|r| r.to_string());
    let coordinator = v
        .ctx
        .actor
        .as_ref()
        .is_some_and(|a| a.caps.has(Capability::Coordinate));
    let own_org = v
        .ctx
        .actor
        .as_ref()
        .filter(|a| a.caps.has(Capability::Partner))
        .and_then(|a| a.organization.clone());
    let capacity = st
        .app
        .capacity()
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let found = l.index.search(&query);
    let services = l.index.services();
    let rows = found
        .hits
        .iter()
        .map(|h| {
            let s = &services[h.service];
            let rec = l.dir.get(Kind::Service, &s.id);
            let keep = coordinator
                || (own_org.is_some()
                    && rec
                        .and_then(|r| r.get("organization_id"))
                        .and_then(Value::as_str)
                        == own_org.as_deref());
            let capacity = capacity.get(&s.id).map(|c| {
                (
                    c.status.clone(),
                    c.available,
                    c.note.clone().unwrap_or_default(),
                    (now - c.updated_at).as_secs() / 60,
                )
            });
            row_of(s, rec, h.distance_m, (at, now), keep, capacity)
        })
        .collect();
    let needs = taxonomy::TERMS
        .iter()
        .filter(|t| t.3.is_empty() && !t.4.is_empty())
        .map(|t| (t.0.to_string(), t.1.to_string()))
        .collect();
    Ok(DirectoryPage {
        ctx: v.ctx,
        q: text,
        near,
        need,
        language,
        open_now: on("open"),
        free: on("free"),
        no_id: on("no_id"),
        accessible: on("accessible"),
        needs,
        rows,
        total: found.total,
        searched,
        near_unknown,
        back: back_of(&q),
        refer,
    }
    .into_response())
}

/// One service found, as the page shows it: the place nearest to where the person is, whether it is open now.
fn row_of(
    s: &heart_search::Service,
    rec: Option<&serde_json::Map<String, Value>>,
    distance_m: Option<f64>,
    (at, now): (Option<(f64, f64)>, jiff::Timestamp),
    keep: bool,
    capacity: Option<(String, Option<i64>, String, i64)>,
) -> Row {
    let place = match at {
        Some(a) => s
            .places
            .iter()
            .min_by(|x, y| haversine(a, (x.lat, x.lon)).total_cmp(&haversine(a, (y.lat, y.lon)))),
        None => s.places.first(),
    };
    Row {
        id: s.id.clone(),
        name: s.name.clone(),
        organization: s.organization.clone(),
        description: s.description.chars().take(300).collect(),
        distance: distance_m.map(distance_text),
        open_now: (!s.rules.is_empty()).then(|| heart_hsds::hours::open_at(&s.rules, now)),
        address: place.map(|p| p.address.clone()).unwrap_or_default(),
        phones: s.phones.clone(),
        needs: s
            .needs
            .iter()
            .filter_map(|c| {
                taxonomy::TERMS
                    .iter()
                    .find(|t| t.0 == c)
                    .map(|t| t.1.to_string())
            })
            .collect(),
        alert: rec
            .and_then(|r| r.get("alert"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        free: s.free,
        no_id: s.no_id,
        accessible: s.accessible,
        keep,
        capacity,
    }
}

/// The search's own address, to come back to after an update.
fn back_of(q: &HashMap<String, String>) -> String {
    let mut pairs: Vec<(&String, &String)> = q.iter().collect();
    pairs.sort();
    let query = serde_html_form::to_string(&pairs).unwrap_or_default();
    if query.is_empty() {
        "/directory".into()
    } else {
        format!("/directory?{query}")
    }
}

/// How a service is today: its status, the places free (a whole number, or empty for "not counted"), a note.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct CapacityForm {
    service: String,
    status: String,
    #[serde(deserialize_with = "crate::form::text")]
    available: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    note: Option<String>,
}

/// A coordinator (or the partner that runs it) says how a service is today, in two clicks from the search results.
pub async fn capacity_submit(
    State(st): State<AppState>,
    SignedForm {
        v,
        actor,
        form,
        back,
        ..
    }: SignedForm<nav::Directory, CapacityForm>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::KeepCapacity)?;
    let CapacityForm {
        service,
        status,
        available,
        note,
    } = form;
    let available = match available {
        None => None,
        Some(t) => match t.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                return Err(WebError::page(
                    heart_app::AppError::field("available", "out_of_range"),
                    &v.ctx.lang,
                ));
            }
        },
    };
    let note = note.unwrap_or_default();
    st.app
        .set_capacity(&actor, &service, &status, available, &note)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let back = match back.as_deref() {
        Some(b) if (b.starts_with("/directory") || b == "/partner") && !b.starts_with("//") => {
            b.to_string()
        }
        _ => "/directory".to_string(),
    };
    Ok(axum::response::Redirect::to(&format!("{back}#svc-{service}")).into_response())
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/directory", get(crate::directory::directory_page))
        .route(
            "/directory/capacity",
            post(crate::directory::capacity_submit),
        )
        .route("/hsds", get(crate::directory::hsds_root))
        .route("/hsds/", get(crate::directory::hsds_root))
        .route("/hsds/openapi.json", get(crate::directory::hsds_openapi))
        .route("/hsds/services", get(crate::directory::hsds_services))
        .route("/hsds/services/{id}", get(crate::directory::hsds_service))
        .route(
            "/hsds/organizations",
            get(crate::directory::hsds_organizations),
        )
        .route(
            "/hsds/organizations/{id}",
            get(crate::directory::hsds_organization),
        )
        .route("/hsds/taxonomies", get(crate::directory::hsds_taxonomies))
        .route(
            "/hsds/taxonomies/{id}",
            get(crate::directory::hsds_taxonomy),
        )
        .route("/hsds/taxonomy_terms", get(crate::directory::hsds_terms))
        .route(
            "/hsds/taxonomy_terms/{id}",
            get(crate::directory::hsds_term),
        )
        .route(
            "/hsds/service_at_locations",
            get(crate::directory::hsds_sals),
        )
        .route(
            "/hsds/service_at_locations/{id}",
            get(crate::directory::hsds_sal),
        )
}
