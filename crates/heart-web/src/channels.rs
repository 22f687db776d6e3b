//! Ways in from outside, over HTTP: partners' signed alerts (`/hooks/partner/{partner}`), senders' status pages
//! (`/status/{token}`), Open311 GeoReport v2 (`/open311/v2/`, JSON and XML), and on the board the "we are full"
//! switch and the acknowledgement clock.

use crate::ctx::Ctx;
use crate::error::json_error;
use crate::form::FormData;
use crate::{AppState, WebError, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::AppError;
use heart_app::channels::{ALTERNATIVES, AckClock, AlertRefusal};
use heart_app::config::OpenState;
use heart_domain::access::Capability;
use heart_domain::channels::Progress;
use heart_domain::channels::{Open311Error, Open311Post};
use heart_domain::ids::RequestId;
use heart_domain::time::Timestamp;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The service state every channel answers with: open, closed or full, the next change, where else to turn, in
/// the person's language when the catalogue has it (`lang`: a language tag such as "es").
pub fn service_json(s: &OpenState, lang: Option<&str>) -> Value {
    let lang = i18n::negotiate(lang);
    // The same few answers over and over (the state changes a few times a day): worded once each.
    type Worded = std::collections::HashMap<(String, String), Value>;
    static WORDED: std::sync::Mutex<Option<Worded>> = std::sync::Mutex::new(None);
    let key = (lang.to_string(), format!("{s:?}"));
    if let Ok(w) = WORDED.lock()
        && let Some(v) = w.as_ref().and_then(|m| m.get(&key))
    {
        return v.clone();
    }
    let v = word_service(s, &lang);
    if let Ok(mut w) = WORDED.lock() {
        let m = w.get_or_insert_with(Default::default);
        if m.len() > 256 {
            m.clear();
        }
        m.insert(key, v.clone());
    }
    v
}

fn word_service(s: &OpenState, lang: &fluent_templates::LanguageIdentifier) -> Value {
    let lang = lang.clone();
    let message = match (s.as_str(), s.full_until_local, s.next_change_local) {
        ("open", _, _) => i18n::t(&lang, "service-open"),
        ("full", Some(u), _) => i18n::t_args(
            &lang,
            "service-full-until",
            &[("until", i18n::weekday_time(&lang, u))],
        ),
        ("full", None, _) => i18n::t(&lang, "service-full"),
        (_, _, Some(at)) => i18n::t_args(
            &lang,
            "service-closed-until",
            &[("at", i18n::weekday_time(&lang, at))],
        ),
        _ => i18n::t(&lang, "service-closed"),
    };
    json!({
        "state": s.as_str(),
        "next_change": s.next_change,
        "full_until": s.full_until,
        "message": message,
        "alternatives": ALTERNATIVES
            .iter()
            .map(|(key, contact)| json!({"name": i18n::t(&lang, key), "contact": contact}))
            .collect::<Vec<_>>(),
    })
}

// ---------- partner alerts ----------

/// A partner's alert.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub(crate) struct AlertBody {
    /// A kind from the screening script the partner may send: person_sheltering, person_in_distress,
    /// welfare_check, conflict, referral.
    kind: String,
    /// Where: words, a point, or both (required unless `cleared`).
    place: Option<crate::api::LocationBody>,
    /// When the situation began (RFC 3339); with the partner's escalation timer, a request opens only once it
    /// has lasted that long.
    time: Option<String>,
    /// What the partner saw, in their words (up to 4,000 characters).
    text: Option<String>,
    /// An https address for news of the request (kept; not called yet).
    callback: Option<String>,
    /// The person's language, if known (a tag such as es).
    language: Option<String>,
    /// The situation ended (the person left): an alert still waiting for its timer is dropped.
    cleared: Option<bool>,
}

/// What a partner hears back.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub(crate) struct AlertOut {
    alert: String,
    /// waiting, received, joined or cleared.
    state: String,
    /// A retry of an alert already taken: nothing new was made.
    replayed: bool,
    /// When a waiting alert opens a request.
    due_at: Option<String>,
    /// Waiting alerts dropped by a cleared alert.
    cleared: i64,
    /// A page (or JSON with `Accept: application/json`) showing only how far along it is.
    status_url: String,
    /// open, closed or full now; when that changes; a message; the other lines (988, the Behavioral Health Help
    /// Line, 911).
    service: serde_json::Value,
}

#[utoipa::path(post, path = "/hooks/partner/{partner}", tag = "partners", request_body = AlertBody,
    params(("partner" = String, Path, description = "The partner's name in its URL (from `heart partner add`)"),
        ("X-Heart-Timestamp" = String, Header, description = "Unix seconds when sent (five minutes' tolerance)"),
        ("X-Heart-Signature" = String, Header, description = "v1=<hex HMAC-SHA256(secret, timestamp + \".\" + body)>"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry the same alert (without one, the signature is the key)")),
    description = "A partner's signed alert (a bank's vestibule alarm, a shelter's referral) instead of a call to the police. No bearer token: the signature is the credential.",
    security(()),
    responses((status = 201, description = "A new request", body = AlertOut), (status = 200, description = "Joined the open request about the same place, cleared, or a replay", body = AlertOut),
        (status = 202, description = "Waiting for the partner's escalation timer", body = AlertOut), (status = 400, description = "Not JSON of this shape", body = crate::api::ErrorBody),
        (status = 401, description = "Unknown partner, or a bad, missing or old signature", body = crate::api::ErrorBody), (status = 409, description = "This Idempotency-Key came before with another body", body = crate::api::ErrorBody),
        (status = 413, description = "Larger than 16 KiB"), (status = 422, description = "Invalid values, by field", body = crate::api::ErrorBody)))]
pub async fn partner_hook(
    State(st): State<AppState>,
    Path(partner): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let h = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let result = st
        .app
        .partner_alert(
            &partner,
            h("x-heart-timestamp"),
            h("x-heart-signature"),
            h("idempotency-key"),
            &body,
        )
        .await;
    let a = match result {
        Ok(a) => a,
        Err(AlertRefusal::UnknownPartner) => {
            return json_error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "unknown partner or bad signature",
                Map::new(),
            );
        }
        Err(AlertRefusal::Signature(e)) => {
            return json_error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                &format!("signature refused: {e}"),
                Map::new(),
            );
        }
        Err(AlertRefusal::Malformed(m)) => {
            return json_error(StatusCode::BAD_REQUEST, "bad_request", &m, Map::new());
        }
        Err(AlertRefusal::Invalid(f)) => {
            return WebError::Api(AppError::Invalid(f)).into_response();
        }
        Err(AlertRefusal::KeyReused) => {
            return json_error(
                StatusCode::CONFLICT,
                "idempotency-reused",
                "this Idempotency-Key was sent before with a different body",
                Map::new(),
            );
        }
        Err(AlertRefusal::App(e)) => return WebError::Api(e).into_response(),
    };
    let status = match (a.replayed, a.state) {
        (true, _) => StatusCode::OK,
        (_, "received") => StatusCode::CREATED,
        (_, "waiting") => StatusCode::ACCEPTED,
        _ => StatusCode::OK,
    };
    let service = st.app.open_state().await;
    let url = format!(
        "{}/status/{}",
        crate::money::here(&st, &headers),
        a.status_token
    );
    (
        status,
        axum::Json(json!({
            "alert": a.alert,
            "state": a.state,
            "replayed": a.replayed,
            "due_at": a.due_at,
            "cleared": a.cleared,
            "status_url": url,
            "service": service_json(&service, a.language.as_deref()),
        })),
    )
        .into_response()
}

// ---------- status pages ----------

#[derive(Template, WebTemplate)]
#[template(path = "status.html")]
struct StatusPage {
    ctx: Ctx,
    progress: &'static str,
    kind: String,
    since: Timestamp,
    open: OpenState,
}

pub async fn status_page(
    State(st): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "status").await?;
    let view = st
        .app
        .status_of(&token)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?
        .ok_or_else(|| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    let open = st.app.open_state().await;
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        return Ok(axum::Json(json!({
            "progress": view.progress,
            "kind": view.kind,
            "since": view.since,
            "updated_at": view.updated_at,
            "service": service_json(&open, None),
        }))
        .into_response());
    }
    let kind = if view.kind == heart_app::requests::VISITOR_STATUS_KIND {
        v.ctx.t("progress-kind-web")
    } else {
        st.app
            .script
            .kind(&view.kind)
            .map(|k| k.name.clone())
            .unwrap_or(view.kind)
    };
    let mut resp = StatusPage {
        ctx: v.ctx,
        progress: view.progress.as_str(),
        kind,
        since: view.since,
        open,
    }
    .into_response();
    resp.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    Ok(resp)
}

// ---------- the board: full switch, acknowledgement clock ----------

#[derive(Template, WebTemplate)]
#[template(path = "_board_service.html")]
struct BoardService {
    ctx: Ctx,
    open: OpenState,
    clock: AckClock,
    full_hours: Vec<i64>,
}

impl BoardService {
    fn minutes(&self, secs: impl std::borrow::Borrow<i64>) -> String {
        ((secs.borrow() + 59) / 60).to_string()
    }
}

pub(crate) async fn board_service_parts(
    st: &AppState,
    ctx: &Ctx,
) -> Result<(OpenState, AckClock), WebError> {
    let actor = ctx.actor.clone().ok_or(WebError::Login)?;
    let clock = st
        .app
        .ack_clock(&actor)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?;
    Ok((st.app.open_state().await, clock))
}

fn full_hours(st: &AppState) -> Vec<i64> {
    [1, 2, 4, 8]
        .into_iter()
        .filter(|h| *h <= st.app.config.channels.full_max_hours)
        .collect()
}

pub async fn board_service(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "board").await?;
    v.require(&[Capability::Dispatch])?;
    let (open, clock) = board_service_parts(&st, &v.ctx).await?;
    Ok(BoardService {
        ctx: v.ctx,
        open,
        clock,
        full_hours: full_hours(&st),
    }
    .into_response())
}

/// The board's service section, for the whole board page.
pub(crate) async fn board_service_html(st: &AppState, ctx: &Ctx) -> Result<String, WebError> {
    let (open, clock) = board_service_parts(st, ctx).await?;
    BoardService {
        ctx: ctx.clone(),
        open,
        clock,
        full_hours: full_hours(st),
    }
    .render()
    .map_err(|_| WebError::page(AppError::NotFound, &ctx.lang))
}

pub async fn full_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "board").await?;
    let actor = v.require(&[Capability::Dispatch, Capability::Coordinate])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let hours = form
        .text("hours")
        .and_then(|h| h.parse::<i64>().ok())
        .unwrap_or(-1);
    st.app
        .set_full(&actor, hours)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to("/board#service-h").into_response())
}

pub async fn ack_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "board").await?;
    let actor = v.require(&[Capability::Intake, Capability::Dispatch])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let rid: RequestId = id
        .parse()
        .map_err(|_| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    st.app
        .acknowledge(&actor, rid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let back = match form.get("back") {
        Some(b) if b.starts_with("/requests/") || b == "/board" => b.to_string(),
        _ => "/board".to_string(),
    };
    // Back where the dispatcher was: the board's service section (the script keeps the exact scroll).
    let anchor = if back == "/board" { "#service-h" } else { "" };
    Ok(Redirect::to(&crate::work::done(
        format!("{back}{anchor}"),
        "acknowledged",
    ))
    .into_response())
}

// ---------- Open311 GeoReport v2 ----------

/// The response format a file name asks for (`services.json`, `requests.xml`), and its stem.
fn split_format(file: &str) -> Option<(&str, Format)> {
    if let Some(stem) = file.strip_suffix(".json") {
        Some((stem, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|stem| (stem, Format::Xml))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

/// A value in a GeoReport document: the same tree written as JSON or as XML.
enum Node {
    Text(Option<String>),
    Bool(bool),
    Int(i64),
    Num(Option<f64>),
    /// A JSON object; an XML element per field.
    Obj(Vec<(&'static str, Node)>),
    /// A JSON array; in XML, each item wrapped in `item` elements.
    List(&'static str, Vec<Node>),
}

fn text(s: impl Into<String>) -> Node {
    Node::Text(Some(s.into()))
}

fn to_json(n: &Node) -> Value {
    match n {
        Node::Text(t) => t.clone().map_or(Value::Null, Value::String),
        Node::Bool(b) => Value::Bool(*b),
        Node::Int(i) => json!(i),
        Node::Num(x) => x.map_or(Value::Null, |x| json!(x)),
        Node::Obj(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_string(), to_json(v)))
                .collect(),
        ),
        Node::List(_, items) => Value::Array(items.iter().map(to_json).collect()),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn to_xml(tag: &str, n: &Node, out: &mut String) {
    match n {
        Node::List(item, items) => {
            out.push_str(&format!("<{tag}>"));
            for i in items {
                to_xml(item, i, out);
            }
            out.push_str(&format!("</{tag}>"));
        }
        Node::Obj(fields) => {
            out.push_str(&format!("<{tag}>"));
            for (k, v) in fields {
                to_xml(k, v, out);
            }
            out.push_str(&format!("</{tag}>"));
        }
        Node::Text(None) | Node::Num(None) => out.push_str(&format!("<{tag}/>")),
        Node::Text(Some(t)) => out.push_str(&format!("<{tag}>{}</{tag}>", escape(t))),
        Node::Bool(b) => out.push_str(&format!("<{tag}>{b}</{tag}>")),
        Node::Int(i) => out.push_str(&format!("<{tag}>{i}</{tag}>")),
        Node::Num(Some(x)) => out.push_str(&format!("<{tag}>{x}</{tag}>")),
    }
}

/// Writes a document: `root` is the XML root element (for a list, its items are named in the list).
fn document(status: StatusCode, format: Format, root: &str, n: Node) -> Response {
    match format {
        Format::Json => (status, axum::Json(to_json(&n))).into_response(),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            to_xml(root, &n, &mut out);
            (
                status,
                [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                out,
            )
                .into_response()
        }
    }
}

/// The spec's error array.
fn errors(format: Format, e: &Open311Error) -> Response {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST);
    document(
        status,
        format,
        "errors",
        Node::List(
            "error",
            vec![Node::Obj(vec![
                ("code", Node::Int(i64::from(e.status))),
                ("description", text(e.description.clone())),
            ])],
        ),
    )
}

fn no_format() -> Response {
    (
        StatusCode::NOT_FOUND,
        "ask for a format: add .json or .xml to the path",
    )
        .into_response()
}

/// A given jurisdiction_id must be this endpoint's (it serves one, so none is needed).
fn jurisdiction(st: &AppState, q: &HashMap<String, String>) -> Result<(), Open311Error> {
    match q.get("jurisdiction_id").map(|j| j.trim()) {
        None | Some("") => Ok(()),
        Some(j) if j == st.app.config.channels.open311_jurisdiction => Ok(()),
        Some(_) => Err(Open311Error::new(404, "jurisdiction_id not found")),
    }
}

fn rfc3339(t: Timestamp, st: &AppState) -> String {
    t.to_zoned_datetime(st.app.config.tz())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

fn service_node(k: &heart_domain::triage::Kind) -> Node {
    Node::Obj(vec![
        ("service_code", text(k.code.clone())),
        ("service_name", text(k.name.clone())),
        ("description", text(k.description.clone())),
        ("metadata", Node::Bool(true)),
        ("type", text("realtime")),
        ("keywords", text("community response, crisis, support")),
        ("group", text("community response")),
    ])
}

fn request_node(st: &AppState, r: &heart_store::channels::OutsideRow) -> Node {
    let service_name = st
        .app
        .script
        .kind(&r.kind)
        .map(|k| k.name.clone())
        .unwrap_or_else(|| r.kind.clone());
    let closed = Progress::of(r.status) == Progress::Closed;
    let notes = match Progress::of(r.status) {
        Progress::TeamOnTheWay => "A team is on the way or there.",
        Progress::Closed => "Closed.",
        _ => "Received by the team.",
    };
    // Nothing personal: no description, address or point (the 311 system has what it sent).
    Node::Obj(vec![
        ("service_request_id", text(r.id.to_string())),
        ("status", text(if closed { "closed" } else { "open" })),
        ("status_notes", text(notes)),
        ("service_name", text(service_name)),
        ("service_code", text(r.kind.clone())),
        ("description", Node::Text(None)),
        ("agency_responsible", text(st.app.config.team_name.clone())),
        ("service_notice", Node::Text(None)),
        ("requested_datetime", text(rfc3339(r.created_at, st))),
        ("updated_datetime", text(rfc3339(r.updated_at, st))),
        ("expected_datetime", Node::Text(None)),
        ("address", Node::Text(None)),
        ("address_id", Node::Text(None)),
        ("zipcode", Node::Text(None)),
        ("lat", Node::Num(None)),
        ("long", Node::Num(None)),
        ("media_url", Node::Text(None)),
    ])
}

/// `GET /open311/v2/{discovery|services|requests}.{json|xml}`.
pub async fn open311_get(
    State(st): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some((stem, format)) = split_format(&file) else {
        return no_format();
    };
    if let Err(e) = jurisdiction(&st, &q) {
        return errors(format, &e);
    }
    match stem {
        "discovery" => {
            let url = format!("{}/open311/v2", crate::money::here(&st, &headers));
            let changeset = "2026-11-27T00:00:00Z";
            document(
                StatusCode::OK,
                format,
                "discovery",
                Node::Obj(vec![
                    ("changeset", text(changeset)),
                    (
                        "contact",
                        text(format!(
                            "{} ({})",
                            st.app.config.team_name, st.app.config.area
                        )),
                    ),
                    (
                        "key_service",
                        text(
                            "Ask the team for an API key (a heart token holding submit: it hands requests in and reads back only their status).",
                        ),
                    ),
                    (
                        "endpoints",
                        Node::List(
                            "endpoint",
                            vec![Node::Obj(vec![
                                (
                                    "specification",
                                    text("http://wiki.open311.org/GeoReport_v2"),
                                ),
                                ("url", text(url)),
                                ("changeset", text(changeset)),
                                ("type", text("production")),
                                (
                                    "formats",
                                    Node::List(
                                        "format",
                                        vec![text("text/xml"), text("application/json")],
                                    ),
                                ),
                            ])],
                        ),
                    ),
                ]),
            )
        }
        "services" => document(
            StatusCode::OK,
            format,
            "services",
            Node::List(
                "service",
                st.app.script.kinds.iter().map(service_node).collect(),
            ),
        ),
        "requests" => {
            let parse_time = |k: &str| -> Result<Option<Timestamp>, Open311Error> {
                match q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    None => Ok(None),
                    Some(v) => v
                        .parse::<Timestamp>()
                        .map(Some)
                        .map_err(|_| Open311Error::new(400, format!("{k} is not a w3c datetime"))),
                }
            };
            let (start, end) = match (parse_time("start_date"), parse_time("end_date")) {
                (Ok(s), Ok(e)) => (s, e),
                (Err(e), _) | (_, Err(e)) => return errors(format, &e),
            };
            let status = q.get("status").map(|s| s.trim().to_string());
            if let Some(s) = &status
                && !s.is_empty()
                && s.split(',').any(|x| !matches!(x.trim(), "open" | "closed"))
            {
                return errors(format, &Open311Error::new(400, "status is open or closed"));
            }
            let rows = if let Some(ids) =
                q.get("service_request_id").filter(|s| !s.trim().is_empty())
            {
                // The ids asked for, ignoring any other filter (as the spec says).
                let mut out = Vec::new();
                for i in ids.split(',').take(100) {
                    let Ok(rid) = i.trim().parse::<RequestId>() else {
                        continue;
                    };
                    match st.app.open311_request(rid).await {
                        Ok(Some(r)) => out.push(r),
                        Ok(None) => {}
                        Err(_) => {
                            return errors(format, &Open311Error::new(503, "try again shortly"));
                        }
                    }
                }
                out
            } else {
                let rows = match st.app.open311_requests(start, end).await {
                    Ok(r) => r,
                    Err(e) => return errors(format, &e),
                };
                let codes: Vec<String> = q
                    .get("service_code")
                    .map(|c| {
                        c.split(',')
                            .map(|x| x.trim().to_string())
                            .filter(|x| !x.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                let statuses: Vec<String> = status
                    .map(|s| {
                        s.split(',')
                            .map(|x| x.trim().to_string())
                            .filter(|x| !x.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                rows.into_iter()
                    .filter(|r| codes.is_empty() || codes.contains(&r.kind))
                    .filter(|r| {
                        let s = if Progress::of(r.status) == Progress::Closed {
                            "closed"
                        } else {
                            "open"
                        };
                        statuses.is_empty() || statuses.iter().any(|x| x == s)
                    })
                    .collect()
            };
            document(
                StatusCode::OK,
                format,
                "service_requests",
                Node::List(
                    "request",
                    rows.iter().map(|r| request_node(&st, r)).collect(),
                ),
            )
        }
        _ => (StatusCode::NOT_FOUND, "no such GeoReport resource").into_response(),
    }
}

/// `GET /open311/v2/services/{code}.{json|xml}`: the service definition (its screening questions as attributes).
pub async fn open311_service(
    State(st): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some((code, format)) = split_format(&file) else {
        return no_format();
    };
    if let Err(e) = jurisdiction(&st, &q) {
        return errors(format, &e);
    }
    let Some(kind) = st.app.script.kind(code) else {
        return errors(format, &Open311Error::new(404, "service_code not found"));
    };
    let attributes: Vec<Node> = st
        .app
        .script
        .questions
        .iter()
        .filter(|question| !kind.answers.contains_key(&question.id))
        .enumerate()
        .map(|(i, question)| {
            Node::Obj(vec![
                ("variable", Node::Bool(true)),
                ("code", text(question.id.clone())),
                ("datatype", text("singlevaluelist")),
                ("required", Node::Bool(false)),
                ("datatype_description", Node::Text(None)),
                ("order", Node::Int(i64::try_from(i).unwrap_or(0) + 1)),
                ("description", text(question.text.clone())),
                (
                    "values",
                    Node::List(
                        "value",
                        question
                            .answers
                            .iter()
                            .map(|a| {
                                Node::Obj(vec![
                                    ("key", text(a.id.clone())),
                                    ("name", text(a.text.clone())),
                                ])
                            })
                            .collect(),
                    ),
                ),
            ])
        })
        .collect();
    document(
        StatusCode::OK,
        format,
        "service_definition",
        Node::Obj(vec![
            ("service_code", text(kind.code.clone())),
            ("attributes", Node::List("attribute", attributes)),
        ]),
    )
}

/// `POST /open311/v2/requests.{json|xml}` (form-encoded).
pub async fn open311_post(
    State(st): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let Some((stem, format)) = split_format(&file) else {
        return no_format();
    };
    if stem != "requests" {
        return (StatusCode::METHOD_NOT_ALLOWED, "only requests take a POST").into_response();
    }
    let form = FormData::parse(&body);
    let mut all: HashMap<String, String> = q.clone();
    for k in ["jurisdiction_id", "api_key"] {
        if let Some(v) = form.text(k) {
            all.insert(k.to_string(), v);
        }
    }
    if let Err(e) = jurisdiction(&st, &all) {
        return errors(format, &e);
    }
    let actor = match st
        .app
        .open311_actor(all.get("api_key").map(String::as_str))
        .await
    {
        Ok(a) => a,
        Err(e) => return errors(format, &e),
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let post = match Open311Post::from_pairs(&pairs) {
        Ok(p) => p,
        Err(e) => return errors(format, &e),
    };
    match st.app.open311_create(&actor, post).await {
        Ok((row, token)) => {
            let open = st.app.open_state().await;
            let notice = service_json(&open, None)["message"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            document(
                StatusCode::OK,
                format,
                "service_requests",
                Node::List(
                    "request",
                    vec![Node::Obj(vec![
                        ("service_request_id", text(row.id.to_string())),
                        ("token", text(token)),
                        ("service_notice", text(notice)),
                        ("account_id", Node::Text(None)),
                    ])],
                ),
            )
        }
        Err(e) => errors(format, &e),
    }
}

/// `GET /open311/v2/requests/{id}.{json|xml}`.
pub async fn open311_request(
    State(st): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some((id, format)) = split_format(&file) else {
        return no_format();
    };
    if let Err(e) = jurisdiction(&st, &q) {
        return errors(format, &e);
    }
    let not_found = || {
        errors(
            format,
            &Open311Error::new(404, "service_request_id not found"),
        )
    };
    let Ok(rid) = id.parse::<RequestId>() else {
        return not_found();
    };
    match st.app.open311_request(rid).await {
        Ok(Some(r)) => document(
            StatusCode::OK,
            format,
            "service_requests",
            Node::List("request", vec![request_node(&st, &r)]),
        ),
        Ok(None) => not_found(),
        Err(_) => errors(format, &Open311Error::new(503, "try again shortly")),
    }
}

/// `GET /open311/v2/tokens/{token}.{json|xml}`.
pub async fn open311_token(
    State(st): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some((token, format)) = split_format(&file) else {
        return no_format();
    };
    if let Err(e) = jurisdiction(&st, &q) {
        return errors(format, &e);
    }
    match st.app.open311_token(token).await {
        Ok(Some(rid)) => document(
            StatusCode::OK,
            format,
            "service_requests",
            Node::List(
                "request",
                vec![Node::Obj(vec![
                    ("service_request_id", text(rid.to_string())),
                    ("token", text(token)),
                ])],
            ),
        ),
        Ok(None) => errors(format, &Open311Error::new(404, "token not found")),
        Err(_) => errors(format, &Open311Error::new(503, "try again shortly")),
    }
}

// ---------- text messages ----------

/// The URL the provider called, as it signed it: the configured public origin, or the Host it used.
fn called_url(st: &AppState, headers: &HeaderMap, path_and_query: &str) -> String {
    let base = st.app.config.sms.public_url.trim_end_matches('/');
    if base.is_empty() {
        format!("{}{path_and_query}", crate::money::here(st, headers))
    } else {
        format!("{base}{path_and_query}")
    }
}

/// What a provider's webhook carries: the URL it called (as it signed it), its signature, the form fields.
fn twilio_request<'h>(
    st: &AppState,
    headers: &'h HeaderMap,
    uri: &axum::http::Uri,
    body: &[u8],
) -> (String, Option<&'h str>, Vec<(String, String)>) {
    let params = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let url = called_url(
        st,
        headers,
        uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"),
    );
    let sig = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok());
    (url, sig, params)
}

fn sms_answer(r: Result<(), heart_app::sms::SmsRefusal>) -> Response {
    use heart_app::sms::SmsRefusal as R;
    match r {
        // An empty TwiML answer: replies go through the outbox, not in this response.
        Ok(()) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
        )
            .into_response(),
        Err(R::NotConfigured) => (StatusCode::NOT_FOUND, "texting is not set up").into_response(),
        Err(R::Signature(e)) => {
            (StatusCode::FORBIDDEN, format!("signature refused: {e}")).into_response()
        }
        Err(R::Bad(field)) => (
            StatusCode::BAD_REQUEST,
            format!("{field} is missing or malformed"),
        )
            .into_response(),
        Err(R::App(e)) => WebError::Api(e).into_response(),
    }
}

/// `POST /hooks/sms/twilio`: a text from the provider (form-encoded, `X-Twilio-Signature`).
pub async fn sms_hook(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Bytes,
) -> Response {
    let (url, sig, params) = twilio_request(&st, &headers, &uri, &body);
    sms_answer(st.app.sms_inbound(&url, sig, &params).await)
}

/// `POST /hooks/sms/twilio/status`: the provider's report on a message it took.
pub async fn sms_status_hook(
    State(st): State<AppState>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Bytes,
) -> Response {
    let (url, sig, params) = twilio_request(&st, &headers, &uri, &body);
    sms_answer(st.app.sms_status(&url, sig, &params).await)
}

/// `POST /requests/{id}/sms`: a person on the team replies by text.
pub async fn sms_reply_submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.require(&[Capability::Intake, Capability::Dispatch])?;
    let form = FormData::parse(&body);
    v.check_csrf(&headers, form.get("csrf"))?;
    let rid: RequestId = id
        .parse()
        .map_err(|_| WebError::page(AppError::NotFound, &v.ctx.lang))?;
    st.app
        .sms_reply(&actor, rid, form.get("body").unwrap_or_default())
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(Redirect::to(&format!("/requests/{rid}#texts-h")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_tree_writes_as_json_and_as_xml() {
        let n = Node::List(
            "request",
            vec![Node::Obj(vec![
                ("service_request_id", text("a<b&c")),
                ("lat", Node::Num(None)),
                ("n", Node::Int(3)),
            ])],
        );
        assert_eq!(
            to_json(&n),
            json!([{"service_request_id": "a<b&c", "lat": null, "n": 3}])
        );
        let mut out = String::new();
        to_xml("service_requests", &n, &mut out);
        assert_eq!(
            out,
            "<service_requests><request><service_request_id>a&lt;b&amp;c</service_request_id><lat/><n>3</n></request></service_requests>"
        );
    }

    #[test]
    fn formats_come_from_the_file_name() {
        assert!(matches!(
            split_format("services.json"),
            Some(("services", Format::Json))
        ));
        assert!(matches!(
            split_format("services.xml"),
            Some(("services", Format::Xml))
        ));
        assert!(split_format("services").is_none());
        assert_eq!(escape("\u{1}ok\u{7}"), "ok");
    }
}
