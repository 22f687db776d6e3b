//! Where: `/api/v1/geocode`, `/api/v1/reverse`, `/api/v1/route` (a signed-in session or a bearer token with
//! `intake` or `dispatch`), answered by the offline geocoder and street graph. What is asked is never logged: an
//! address typed during a call is where a person in crisis is.

use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use heart_app::doing::Doing;
use heart_app::{Actor, AppError};
use heart_geo::{LatLon, Mode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A signed-in session (the intake page's suggestions) or a bearer token; either with `intake` or `dispatch`.
/// Only GETs that change nothing take the session cookie here, so there is nothing to ride cross-site.
async fn who(st: &AppState, headers: &HeaderMap) -> Result<Actor, WebError> {
    let actor = crate::ctx::session_or_bearer(st, headers)
        .await?
        .ok_or(WebError::Api(AppError::Unauthenticated))?;
    st.app.may(&actor, Doing::Place).map_err(WebError::Api)?;
    Ok(actor)
}

#[derive(Deserialize)]
pub struct GeocodeQuery {
    q: Option<String>,
}

/// One place a query could mean.
#[derive(Serialize, ToSchema)]
pub struct CandidateOut {
    label: String,
    lat: f64,
    lon: f64,
    /// 0 to 1.
    confidence: f64,
    neighbourhood: Option<String>,
    /// address, intersection, street, or the kind of place (clinic, station, ...).
    kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct Candidates {
    /// Best first; empty when nothing fits.
    candidates: Vec<CandidateOut>,
}

fn out(c: heart_geo::Candidate) -> CandidateOut {
    CandidateOut {
        label: c.label,
        lat: c.lat,
        lon: c.lon,
        confidence: c.confidence,
        neighbourhood: c.neighbourhood,
        kind: c.kind,
    }
}

fn invalid(field: &str, code: &str) -> WebError {
    WebError::Api(AppError::field(field, code))
}

#[utoipa::path(get, path = "/api/v1/geocode", tag = "where",
    params(("q" = String, Query, description = "An address, intersection (\"Prospect and Harvard\"), or named place, as typed")),
    description = "Candidates for a place in the city, best first, from the city's own street and place files (nothing is sent elsewhere). Nothing found is 200 with no candidates. A signed-in session or a bearer token with `intake` or `dispatch`.",
    responses((status = 200, description = "Candidates", body = Candidates), (status = 401, description = "Not signed in and no valid bearer token", body = crate::api::ErrorBody), (status = 403, description = "Lacks intake and dispatch", body = crate::api::ErrorBody), (status = 422, description = "q missing or over 200 characters", body = crate::api::ErrorBody)))]
pub async fn geocode(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<GeocodeQuery>,
) -> Result<Response, WebError> {
    who(&st, &headers).await?;
    let q = heart_domain::text::Words::up_to(200)
        .required()
        .parse(q.q.as_deref())
        .map_err(|code| invalid("q", code))?
        .unwrap_or_default();
    let found = st.app.geo().map(|g| g.geocode(&q, 5)).unwrap_or_default();
    Ok(Json(Candidates {
        candidates: found.into_iter().map(out).collect(),
    })
    .into_response())
}

#[derive(Deserialize)]
pub struct ReverseQuery {
    lat: Option<String>,
    lon: Option<String>,
}

fn number(v: Option<&str>, field: &str, max: f64) -> Result<f64, WebError> {
    let v = v.map(str::trim).filter(|v| !v.is_empty());
    let Some(v) = v else {
        return Err(invalid(field, "required"));
    };
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && x.abs() <= max => Ok(x),
        Ok(_) => Err(invalid(field, "out_of_range")),
        Err(_) => Err(invalid(field, "invalid")),
    }
}

#[utoipa::path(get, path = "/api/v1/reverse", tag = "where",
    params(("lat" = f64, Query, description = "Latitude"), ("lon" = f64, Query, description = "Longitude")),
    description = "The nearest address and the neighbourhood of a point. A point outside the city is 200 with no candidates. A signed-in session or a bearer token with `intake` or `dispatch`.",
    responses((status = 200, description = "At most one candidate", body = Candidates), (status = 401, description = "Not signed in and no valid bearer token", body = crate::api::ErrorBody), (status = 403, description = "Lacks intake and dispatch", body = crate::api::ErrorBody), (status = 422, description = "lat or lon missing, not a number, or out of range", body = crate::api::ErrorBody)))]
pub async fn reverse(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ReverseQuery>,
) -> Result<Response, WebError> {
    who(&st, &headers).await?;
    let lat = number(q.lat.as_deref(), "lat", 90.0)?;
    let lon = number(q.lon.as_deref(), "lon", 180.0)?;
    let found = st
        .app
        .geo()
        .map(|g| g.reverse(LatLon::new(lat, lon)))
        .unwrap_or_default();
    Ok(Json(Candidates {
        candidates: found.into_iter().map(out).collect(),
    })
    .into_response())
}

#[derive(Deserialize)]
pub struct RouteQuery {
    from: Option<String>,
    to: Option<String>,
    mode: Option<String>,
}

/// The fastest way over the streets.
#[derive(Serialize, ToSchema)]
pub struct RouteOut {
    seconds: f64,
    meters: f64,
    /// [longitude, latitude] pairs, from start to end.
    path: Vec<[f64; 2]>,
}

fn point(v: Option<&str>, field: &str) -> Result<LatLon, WebError> {
    let v = v.map(str::trim).filter(|v| !v.is_empty());
    let Some(v) = v else {
        return Err(invalid(field, "required"));
    };
    let Some((a, b)) = v.split_once(',') else {
        return Err(invalid(field, "invalid"));
    };
    let lat = number(Some(a), field, 90.0)?;
    let lon = number(Some(b), field, 180.0)?;
    Ok(LatLon::new(lat, lon))
}

#[utoipa::path(get, path = "/api/v1/route", tag = "where",
    params(("from" = String, Query, description = "LAT,LON"), ("to" = String, Query, description = "LAT,LON"), ("mode" = Option<String>, Query, description = "walk, bike or drive (default drive)")),
    description = "The fastest way between two points on the street network: one-way rules bind driving and cycling, not walking. A point not near a street of the city, or with no way there, is 422 naming the field. A signed-in session or a bearer token with `intake` or `dispatch`.",
    responses((status = 200, description = "The route", body = RouteOut), (status = 401, description = "Not signed in and no valid bearer token", body = crate::api::ErrorBody), (status = 403, description = "Lacks intake and dispatch", body = crate::api::ErrorBody), (status = 422, description = "A point missing, malformed, off the streets or unreachable; an unknown mode", body = crate::api::ErrorBody)))]
pub async fn route(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<RouteQuery>,
) -> Result<Response, WebError> {
    who(&st, &headers).await?;
    let from = point(q.from.as_deref(), "from")?;
    let to = point(q.to.as_deref(), "to")?;
    let mode = match q.mode.as_deref().map(str::trim) {
        None | Some("") => Mode::Drive,
        Some(m) => Mode::parse(m).ok_or_else(|| invalid("mode", "unknown"))?,
    };
    let Some(geo) = st.app.geo() else {
        return Err(invalid("from", "off_the_map"));
    };
    if !geo.covers(from) {
        return Err(invalid("from", "off_the_map"));
    }
    if !geo.covers(to) {
        return Err(invalid("to", "off_the_map"));
    }
    let r = geo
        .route(from, to, mode)
        .ok_or_else(|| invalid("to", "unreachable"))?;
    Ok(Json(RouteOut {
        seconds: (r.seconds * 10.0).round() / 10.0,
        meters: r.meters.round(),
        path: r
            .path
            .iter()
            .map(|p| [(p[0] * 1e6).round() / 1e6, (p[1] * 1e6).round() / 1e6])
            .collect(),
    })
    .into_response())
}
