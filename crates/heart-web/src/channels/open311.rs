//! Open311 GeoReport v2: service list and definitions, reports in and their status, in JSON and XML.

use super::*;

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

fn request_node(st: &AppState, r: &heart_app::channels::OutsideRequest) -> Node {
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
        "discovery" => discovery(&st, &headers, format),
        "services" => document(
            StatusCode::OK,
            format,
            "services",
            Node::List(
                "service",
                st.app.script.kinds.iter().map(service_node).collect(),
            ),
        ),
        "requests" => requests(&st, &q, format).await,
        _ => (StatusCode::NOT_FOUND, "no such GeoReport resource").into_response(),
    }
}

/// `discovery`: where the service is and what it speaks.
fn discovery(st: &AppState, headers: &HeaderMap, format: Format) -> Response {
    let url = format!("{}/open311/v2", crate::money::here(st, headers));
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
                            Node::List("format", vec![text("text/xml"), text("application/json")]),
                        ),
                    ])],
                ),
            ),
        ]),
    )
}

/// `requests`: the ids asked for, or those in a time window filtered by service and status (status only, never
/// who or where).
async fn requests(st: &AppState, q: &HashMap<String, String>, format: Format) -> Response {
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
    let rows = if let Some(ids) = q.get("service_request_id").filter(|s| !s.trim().is_empty()) {
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
            rows.iter().map(|r| request_node(st, r)).collect(),
        ),
    )
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
    // The pairs as sent: the service request's own parser reads them (repeated `attribute[...]` keys and all).
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(&body).unwrap_or_default();
    let mut all: HashMap<String, String> = q.clone();
    for k in ["jurisdiction_id", "api_key"] {
        let sent = pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str());
        if let Some(v) = heart_domain::text::clean(sent) {
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
