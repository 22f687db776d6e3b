//! Makes the generated OpenAPI document say what the server truly does (issue 19.4), checked by schemathesis in
//! the test command: the statuses every operation can answer, the characters refused at the edge, the choices and
//! limits the use cases enforce (from the domain's own constants and the screening script in use), and which
//! fields may be `null`. The shapes come from the annotated types in `api.rs`; what they cannot express is added
//! here, in one place, next to the rule it mirrors.

use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::Status;
use heart_domain::intake::{Channel, MAX_SHORT_CHARS, MAX_SUMMARY_CHARS, Requester};
use heart_domain::referral::{DeclineReason, Share};
use heart_domain::triage::Script;
use serde_json::{Map, Value, json};

/// Text as the edge takes it: no control character but a tab, a newline, or the carriage return of a CRLF pair
/// (`edge::has_refused_control`).
pub const TEXT: &str = r"^(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*$";
/// The same, with at least one character that is not white space (the use cases trim, then require). No
/// look-ahead, so that generators can build examples from it quickly.
pub const FILLED: &str = r"^(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*$";
/// A query value that is not blank (the edge does not look at query strings).
pub const GIVEN: &str = r"^\s*\S[\s\S]*$";

/// Every status any operation can answer besides its own: the edge and the shared rules (a malformed body or
/// query, no or a wrong token, a missing capability, a record that is not there or changed meanwhile, a body too
/// large, invalid values, the per-address limit, the database unreachable or the disk full).
const COMMON: [(&str, &str); 9] = [
    (
        "400",
        "Malformed JSON, a wrong type, or a query parameter given twice",
    ),
    ("401", "No valid bearer token"),
    (
        "403",
        "The token lacks the capability, or acts for nobody where a person is needed",
    ),
    ("404", "Not found"),
    (
        "409",
        "A rule of the use case refused it, or the record changed meanwhile",
    ),
    ("413", "The body is too large"),
    ("422", "Invalid values, by field"),
    (
        "429",
        "Too many requests from this address: see Retry-After",
    ),
    (
        "503",
        "The database is not reachable or the disk is full: see Retry-After",
    ),
];

/// The document, made true.
pub fn truthful(mut doc: Value, script: &Script) -> Value {
    common_responses(&mut doc);
    queries_are_queries(&mut doc);
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        // What is sent in (bodies), not what comes back.
        for (name, schema) in schemas.iter_mut() {
            if name.ends_with("Body") || name == "Decision" {
                text_everywhere(schema);
                // Every body the API reads refuses fields it does not know (400).
                if let Some(o) = schema.as_object_mut() {
                    o.insert("additionalProperties".into(), json!(false));
                }
            }
        }
    }
    shapes(&mut doc, script);
    doc
}

fn error_ref() -> Value {
    json!({"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}})
}

fn common_responses(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for ops in paths.values_mut() {
        let Some(ops) = ops.as_object_mut() else {
            continue;
        };
        for op in ops.values_mut() {
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (code, description) in COMMON {
                responses
                    .entry(code)
                    .or_insert_with(|| json!({"description": description, "content": error_ref()}));
            }
        }
    }
}

/// A parameter declared in the path that the path does not name is a query parameter (never required).
fn queries_are_queries(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, ops) in paths.iter_mut() {
        let Some(ops) = ops.as_object_mut() else {
            continue;
        };
        for op in ops.values_mut() {
            let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else {
                continue;
            };
            for p in params {
                let name = p["name"].as_str().unwrap_or_default().to_string();
                if p["in"] == "path" && !path.contains(&format!("{{{name}}}")) {
                    p["in"] = json!("query");
                    p["required"] = json!(false);
                }
            }
        }
    }
}

/// Every string without a format, a choice or a pattern of its own takes only what the edge lets through.
fn text_everywhere(v: &mut Value) {
    match v {
        Value::Object(o) => {
            let is_string = match o.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            if is_string
                && !o.contains_key("enum")
                && !o.contains_key("format")
                && !o.contains_key("pattern")
            {
                o.insert("pattern".into(), json!(TEXT));
            }
            for x in o.values_mut() {
                text_everywhere(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(text_everywhere),
        _ => {}
    }
}

/// Merges `with` into the property `prop` of the component schema `schema`.
fn patch(doc: &mut Value, schema: &str, prop: &str, with: Value) {
    let Some(p) = doc
        .pointer_mut(&format!("/components/schemas/{schema}/properties/{prop}"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if let Value::Object(w) = with {
        for (k, x) in w {
            p.insert(k, x);
        }
    }
}

/// Merges `with` into the component schema `schema` itself.
fn patch_schema(doc: &mut Value, schema: &str, with: Value) {
    let Some(s) = doc
        .pointer_mut(&format!("/components/schemas/{schema}"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if let Value::Object(w) = with {
        for (k, x) in w {
            s.insert(k, x);
        }
    }
}

/// Merges `with` into the schema of an operation's parameter.
fn patch_param(doc: &mut Value, path: &str, method: &str, name: &str, with: Value) {
    let Some(params) = doc
        .pointer_mut(&format!(
            "/paths/{}/{method}/parameters",
            path.replace('~', "~0").replace('/', "~1")
        ))
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for p in params {
        if p["name"] == name
            && let Some(s) = p.get_mut("schema").and_then(Value::as_object_mut)
            && let Value::Object(w) = &with
        {
            for (k, x) in w {
                s.insert(k.clone(), x.clone());
            }
        }
    }
}

/// Choices, as a schema: the values, and `null` and "" where the server takes them as "not given".
fn choice(values: &[&str], blank: bool, null: bool) -> Value {
    let mut e: Vec<Value> = values.iter().map(|v| json!(v)).collect();
    if blank {
        e.push(json!(""));
    }
    if null {
        e.push(Value::Null);
    }
    let t = if null {
        json!(["string", "null"])
    } else {
        json!("string")
    };
    json!({"type": t, "enum": e})
}

fn short(null: bool) -> Value {
    let t = if null {
        json!(["string", "null"])
    } else {
        json!("string")
    };
    json!({"type": t, "maxLength": MAX_SHORT_CHARS, "pattern": TEXT})
}

/// The screening answers the script in use takes: each question's answer ids (and "" for "not answered").
/// `time::parse_week` as a pattern: parts of days (a forward range or a comma list, any case), a space, then
/// HH:MM-HH:MM, separated by `;`; blank is any time.
fn week_pattern() -> String {
    let any_case = |d: &str| {
        d.chars()
            .map(|c| format!("[{}{c}]", c.to_ascii_uppercase()))
            .collect::<String>()
    };
    let days = heart_domain::time::WEEKDAYS;
    let alts: Vec<String> = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let ends: Vec<String> = days[i..].iter().map(|e| any_case(e)).collect();
            format!("{}(?:-(?:{}))?", any_case(d), ends.join("|"))
        })
        .collect();
    let day = format!("(?:{})", alts.join("|"));
    let time = "(?:[01][0-9]|2[0-3]):[0-5][0-9]";
    let ws = r"(?:[ \t\n]|\r\n)*";
    let part = format!("{day}(?:,{day})* {ws}{time}{ws}-{ws}{time}");
    format!("^{ws}(?:{part}(?:{ws};{ws}{part})*)?{ws}$")
}

fn answers(script: &Script, blank: bool) -> Value {
    let mut props = Map::new();
    for q in &script.questions {
        let ids: Vec<&str> = q.answers.iter().map(|a| a.id.as_str()).collect();
        props.insert(q.id.clone(), choice(&ids, blank, false));
    }
    json!({"type": "object", "properties": props, "additionalProperties": false})
}

fn shapes(doc: &mut Value, script: &Script) {
    intake_shapes(doc, script);
    care_shapes(doc);
    week_shapes(doc);
    money_shapes(doc);
    referral_shapes(doc);
    push_shapes(doc);
}

/// Alerts to phones: a browser's `PushSubscription` (`App::push_subscribe`): an https endpoint, the device's
/// uncompressed P-256 point (65 bytes, so 87 base64url characters starting with `B`) and its 16-byte auth secret.
fn push_shapes(doc: &mut Value) {
    let max = heart_app::outbound::MAX_URL_CHARS;
    patch(
        doc,
        "PushSubscriptionBody",
        "endpoint",
        json!({"type": "string", "pattern": r"^ *https://[^\s\u0000-\u001F\u007F-\u009F]+ *$", "maxLength": max}),
    );
    patch_schema(
        doc,
        "PushSubscriptionBody",
        json!({"required": ["endpoint", "keys"]}),
    );
    patch(
        doc,
        "PushKeysBody",
        "p256dh",
        json!({"type": "string", "pattern": "^B[A-Za-z0-9_-]{86}$"}),
    );
    patch(
        doc,
        "PushKeysBody",
        "auth",
        json!({"type": "string", "pattern": "^[A-Za-z0-9_-]{22}$"}),
    );
    patch_schema(doc, "PushKeysBody", json!({"required": ["p256dh", "auth"]}));
    patch(
        doc,
        "PushUnsubscribeBody",
        "endpoint",
        json!({"type": "string", "pattern": FILLED, "maxLength": max}),
    );
    patch_schema(
        doc,
        "PushUnsubscribeBody",
        json!({"required": ["endpoint"]}),
    );
}

/// Intake and screening: the request as it is sent in, and read back.
fn intake_shapes(doc: &mut Value, script: &Script) {
    let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
    let requesters: Vec<&str> = Requester::ALL.iter().map(|r| r.as_str()).collect();
    // Intake (`IntakeInput::parse`).
    patch(doc, "IntakeBody", "channel", choice(&channels, true, true));
    patch(
        doc,
        "IntakeBody",
        "requester",
        choice(&requesters, true, true),
    );
    patch(
        doc,
        "IntakeBody",
        "summary",
        json!({"type": "string", "pattern": FILLED, "maxLength": MAX_SUMMARY_CHARS}),
    );
    patch(
        doc,
        "IntakeBody",
        "language",
        json!({"type": ["string", "null"], "pattern": "^ *(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)? *$"}),
    );
    patch(doc, "IntakeBody", "answers", answers(script, true));
    // A correction (`CorrectionInput::parse`): what is given is checked as at intake; at least one field.
    patch(
        doc,
        "CorrectionBody",
        "summary",
        json!({"type": ["string", "null"], "pattern": FILLED, "maxLength": MAX_SUMMARY_CHARS}),
    );
    patch(
        doc,
        "CorrectionBody",
        "language",
        json!({"type": ["string", "null"], "pattern": "^ *(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)? *$"}),
    );
    let needs: Vec<&str> = Need::ALL.iter().map(|n| n.as_str()).collect();
    patch(
        doc,
        "CorrectionBody",
        "needs",
        json!({"type": ["array", "null"], "items": choice(&needs, false, false)}),
    );
    let given = |f: &str, t: &str| json!({"required": [f], "properties": {f: {"type": t}}});
    patch_schema(
        doc,
        "CorrectionBody",
        json!({"required": ["version"], "anyOf": [
            given("summary", "string"), given("location", "object"), given("language", "string"),
            given("safe_contact", "object"), given("needs", "array")
        ]}),
    );
    patch(doc, "LocationBody", "text", short(true));
    patch(
        doc,
        "LocationBody",
        "lat",
        json!({"type": ["number", "null"], "minimum": -90, "maximum": 90}),
    );
    patch(
        doc,
        "LocationBody",
        "lon",
        json!({"type": ["number", "null"], "minimum": -180, "maximum": 180}),
    );
    patch(doc, "LocationBody", "withheld", json!({"type": "boolean"}));
    // A point is both numbers or neither, unless the person preferred not to say (then the rest is dropped).
    let withheld = json!({"properties": {"withheld": {"const": true}}, "required": ["withheld"]});
    patch_schema(
        doc,
        "LocationBody",
        json!({"allOf": [
            {"if": {"properties": {"lat": {"type": "number"}}, "required": ["lat"], "not": withheld},
             "then": {"properties": {"lon": {"type": "number"}}, "required": ["lon"]}},
            {"if": {"properties": {"lon": {"type": "number"}}, "required": ["lon"], "not": withheld},
             "then": {"properties": {"lat": {"type": "number"}}, "required": ["lat"]}}
        ]}),
    );
    patch(doc, "ContactBody", "name", short(true));
    // `parse_phone`: digits with the usual separators, 7 to 15 digits; blank is "no number".
    patch(
        doc,
        "ContactBody",
        "phone",
        json!({"type": ["string", "null"], "pattern": r"^(?:[ +\-().]*(?:[0-9][ +\-().]*){7,15}|[ \t\n]*)$"}),
    );
    for b in ["text_ok", "voicemail_ok", "call_ok"] {
        patch(doc, "SafeContactBody", b, json!({"type": "boolean"}));
    }
    patch(
        doc,
        "SafeContactBody",
        "hours",
        json!({"type": ["string", "null"], "maxLength": MAX_SHORT_CHARS, "pattern": week_pattern()}),
    );
    patch(doc, "SafeContactBody", "code_word", short(true));
    // What the use cases need (the input types take a missing value to say so by field, 422).
    for (schema, required) in [
        ("IntakeBody", &["summary"][..]),
        ("EncounterBody", &["actions", "outcome"][..]),
        ("ReferBody", &["service_id", "consent"][..]),
        ("AlertBody", &["kind"][..]),
    ] {
        patch_schema(doc, schema, json!({ "required": required }));
    }
    // What a `submit` token reads back has these fields and no others, so a whole request is never taken for it.
    patch_schema(doc, "SubmittedOut", json!({"additionalProperties": false}));
    // Screening (`App::screen`): at least one question answered.
    let mut screen = answers(script, false);
    screen["minProperties"] = json!(1);
    patch(doc, "ScreenBody", "answers", screen);
}

/// Dispatch and care: moves, the encounter record, follow-ups.
fn care_shapes(doc: &mut Value) {
    // Dispatch and care.
    patch(
        doc,
        "TransitionBody",
        "to",
        choice(
            &[
                "en_route",
                "on_scene",
                "waiting",
                "unassign",
                "cancelled",
                "cancel",
            ],
            false,
            false,
        ),
    );
    let needs: Vec<&str> = Need::ALL.iter().map(|n| n.as_str()).collect();
    let outcomes: Vec<&str> = CloseOutcome::ALL.iter().map(|o| o.as_str()).collect();
    let methods: Vec<&str> = FollowUpMethod::ALL.iter().map(|m| m.as_str()).collect();
    patch(
        doc,
        "EncounterBody",
        "needs",
        json!({"type": "array", "items": {"type": "string", "enum": needs}}),
    );
    patch(
        doc,
        "EncounterBody",
        "actions",
        json!({"type": "string", "pattern": FILLED, "maxLength": MAX_SUMMARY_CHARS}),
    );
    patch(
        doc,
        "EncounterBody",
        "outcome",
        choice(&outcomes, false, false),
    );
    patch(
        doc,
        "EncounterBody",
        "follow_up_method",
        choice(&methods, true, true),
    );
    patch(
        doc,
        "EncounterBody",
        "follow_up_hours",
        json!({"type": ["integer", "null"], "minimum": 1, "maximum": 720}),
    );
    for b in ["follow_up_consent", "follow_up_safe_confirmed"] {
        patch(doc, "EncounterBody", b, json!({"type": "boolean"}));
    }
    patch(
        doc,
        "EmsBody",
        "reason",
        json!({"type": "string", "pattern": FILLED, "maxLength": 1000}),
    );
    patch(
        doc,
        "EmsBody",
        "consent",
        choice(&["agreed", "declined", "could_not_ask"], false, false),
    );
    patch(
        doc,
        "DoneBody",
        "note",
        json!({"type": "string", "pattern": FILLED, "maxLength": MAX_SUMMARY_CHARS}),
    );
}

/// A day as a query or body takes it, or blank for "not given".
fn day_or_blank(null: bool) -> Value {
    let t = if null {
        json!(["string", "null"])
    } else {
        json!("string")
    };
    json!({"type": t, "anyOf": [{"format": "date"}, {"maxLength": 0}]})
}

/// A team's week: notes on a request (`NoteInput::parse`), a follow-up's result (`App::follow_up_result`), and
/// past requests by filter (`App::search_requests`).
fn week_shapes(doc: &mut Value) {
    use heart_domain::care::{
        CallResult, FollowUpResult, MAX_NOTE_CHARS, MAX_TIMELINE_NOTE_CHARS, NoteKind,
    };
    let kinds: Vec<&str> = NoteKind::ALL.iter().map(|k| k.as_str()).collect();
    let calls: Vec<&str> = CallResult::ALL.iter().map(|c| c.as_str()).collect();
    patch(doc, "NoteBody", "kind", choice(&kinds, false, false));
    patch(
        doc,
        "NoteBody",
        "text",
        json!({"type": "string", "pattern": FILLED, "maxLength": MAX_TIMELINE_NOTE_CHARS}),
    );
    patch(doc, "NoteBody", "result", choice(&calls, true, true));
    patch_schema(
        doc,
        "NoteBody",
        json!({"required": ["kind", "text"],
               "if": {"properties": {"kind": {"const": "call_attempt"}}, "required": ["kind"]},
               "then": {"required": ["result"], "properties": {"result": choice(&calls, false, false)}},
               "else": {"properties": {"result": {"enum": ["", null]}}}}),
    );
    let given: Vec<&str> = FollowUpResult::GIVEN.iter().map(|r| r.as_str()).collect();
    patch(
        doc,
        "FollowUpResultBody",
        "result",
        choice(&given, false, false),
    );
    patch(
        doc,
        "FollowUpResultBody",
        "note",
        json!({"type": ["string", "null"], "pattern": TEXT, "maxLength": MAX_NOTE_CHARS}),
    );
    patch(doc, "FollowUpResultBody", "due", day_or_blank(true));
    patch_schema(
        doc,
        "FollowUpResultBody",
        json!({"required": ["result"],
        "allOf": [
          {"if": {"properties": {"result": {"const": "reached"}}, "required": ["result"]},
           "then": {"required": ["note"], "properties": {"note": {"type": "string", "pattern": FILLED}}}},
          {"if": {"properties": {"result": {"const": "rescheduled"}}, "required": ["result"]},
           "then": {"required": ["due"], "properties": {"due": {"type": "string", "format": "date"}}},
           "else": {"properties": {"due": {"enum": ["", null]}}}}
        ]}),
    );
    patch_param(
        doc,
        "/api/v1/follow-ups",
        "get",
        "show",
        choice(&["all", "mine", "unassigned", "overdue"], true, false),
    );
    let mut statuses: Vec<&str> = vec!["open"];
    statuses.extend(Status::ALL.iter().map(|s| s.as_str()));
    let outcomes: Vec<&str> = CloseOutcome::ALL.iter().map(|o| o.as_str()).collect();
    let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
    let needs: Vec<&str> = Need::ALL.iter().map(|n| n.as_str()).collect();
    let uuid = json!({"anyOf": [{"format": "uuid"}, {"maxLength": 0}]});
    let filters = [
        ("status", choice(&statuses, true, false)),
        ("outcome", choice(&outcomes, true, false)),
        ("channel", choice(&channels, true, false)),
        ("need", choice(&needs, true, false)),
        ("from", day_or_blank(false)),
        ("to", day_or_blank(false)),
        ("team_id", uuid.clone()),
    ];
    for (name, with) in &filters {
        patch_param(doc, "/api/v1/requests", "get", name, with.clone());
    }
    patch_param(
        doc,
        "/api/v1/requests",
        "get",
        "page",
        json!({"pattern": "^(?:[1-9][0-9]{0,5}|1000000)?$"}),
    );
    patch_param(
        doc,
        "/api/v1/requests",
        "get",
        "per_page",
        json!({"pattern": "^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)?$"}),
    );
    for (name, with) in filters {
        let mut with = with;
        if let Some(t) = with.get_mut("type") {
            *t = json!(["string", "null"]);
        } else {
            with["type"] = json!(["string", "null"]);
        }
        if let Some(e) = with.get_mut("enum").and_then(Value::as_array_mut) {
            e.push(Value::Null);
        }
        patch(doc, "RequestSearchBody", name, with);
    }
    patch(
        doc,
        "RequestSearchBody",
        "page",
        json!({"type": ["integer", "null"], "minimum": 1, "maximum": heart_app::intake::history::PAGE_MAX}),
    );
    patch(
        doc,
        "RequestSearchBody",
        "per_page",
        json!({"type": ["integer", "null"], "minimum": 1, "maximum": 200}),
    );
    patch(
        doc,
        "RequestSearchBody",
        "words",
        json!({"type": ["string", "null"], "pattern": TEXT, "maxLength": 200}),
    );
}

/// Money, places and ids: aid, amounts, where, and the ids every path names.
fn money_shapes(doc: &mut Value) {
    // Money (`App::ask_aid`, `App::aid_queue`).
    patch(
        doc,
        "AidBody",
        "purpose",
        choice(heart_app::money::PURPOSES, false, false),
    );
    patch(
        doc,
        "AidBody",
        "payee_kind",
        choice(heart_app::money::PAYEES, false, false),
    );
    patch(
        doc,
        "AidBody",
        "method",
        choice(heart_app::money::METHODS, false, false),
    );
    // Where (`geo.rs`).
    patch_param(
        doc,
        "/api/v1/geocode",
        "get",
        "q",
        json!({"pattern": GIVEN, "maxLength": 200}),
    );
    patch_param(
        doc,
        "/api/v1/reverse",
        "get",
        "lat",
        json!({"minimum": -90, "maximum": 90}),
    );
    patch_param(
        doc,
        "/api/v1/reverse",
        "get",
        "lon",
        json!({"minimum": -180, "maximum": 180}),
    );
    // Ids are UUIDs.
    patch(
        doc,
        "AssignBody",
        "team_id",
        json!({"type": "string", "format": "uuid"}),
    );
    patch(
        doc,
        "AidBody",
        "request_id",
        json!({"type": "string", "format": "uuid"}),
    );
    patch(
        doc,
        "AidBody",
        "fund_id",
        json!({"type": ["string", "null"], "format": "uuid"}),
    );
    // The amount once: as text or in minor units.
    patch_schema(
        doc,
        "AidBody",
        json!({"not": {"required": ["amount", "amount_minor"],
                       "properties": {"amount": {"type": "string"}, "amount_minor": {"type": "integer"}}}}),
    );
    patch(
        doc,
        "AidBody",
        "amount_minor",
        json!({"type": ["integer", "null"], "minimum": 1}),
    );
    patch(
        doc,
        "AidBody",
        "payee_name",
        json!({"type": ["string", "null"], "maxLength": 120, "pattern": TEXT}),
    );
    patch(
        doc,
        "AidBody",
        "notes",
        json!({"type": ["string", "null"], "maxLength": 2000, "pattern": TEXT}),
    );
}

/// Referrals, lists, map points, partners' answers and capacity.
fn referral_shapes(doc: &mut Value) {
    // A referral is made only with the person's agreement, to a service the directory holds, sharing what is named.
    patch(
        doc,
        "ReferBody",
        "consent",
        json!({"type": "boolean", "const": true}),
    );
    patch(
        doc,
        "ReferBody",
        "service_id",
        json!({"type": "string", "pattern": FILLED, "maxLength": 200}),
    );
    let shares: Vec<&str> = Share::ALL.iter().map(|s| s.as_str()).collect();
    patch(
        doc,
        "ReferBody",
        "share",
        json!({"type": "array", "items": {"type": "string", "enum": shares}, "uniqueItems": true}),
    );
    // Lists: a blank status is "not given".
    let mut statuses: Vec<&str> = vec!["open"];
    statuses.extend(Status::ALL.iter().map(|s| s.as_str()));
    patch_param(
        doc,
        "/api/v1/requests",
        "get",
        "status",
        choice(&statuses, true, true),
    );
    patch_param(
        doc,
        "/api/v1/mutual-aid",
        "get",
        "status",
        choice(
            &["awaiting_approval", "approved", "paid", "declined"],
            false,
            true,
        ),
    );
    // The figures' period: two days, each optional; and how to answer.
    for path in ["/api/v1/impact", "/api/v1/transparency", "/api/v1/outreach"] {
        for end in ["from", "to"] {
            patch_param(
                doc,
                path,
                "get",
                end,
                // A date, or blank for the default.
                json!({"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]}),
            );
        }
    }
    patch_param(
        doc,
        "/api/v1/impact",
        "get",
        "format",
        choice(&["json", "csv"], false, true),
    );
    // The rota's period: two days, both given.
    for end in ["from", "to"] {
        patch_param(
            doc,
            "/api/v1/rota",
            "get",
            end,
            json!({"type": "string", "format": "date"}),
        );
    }
    // A point on the map, `LAT,LON`, and how one travels.
    for end in ["from", "to"] {
        patch_param(
            doc,
            "/api/v1/route",
            "get",
            end,
            json!({"type": "string", "pattern": r"^\s*-?[0-9]{1,2}(?:\.[0-9]+)?\s*,\s*-?[0-9]{1,3}(?:\.[0-9]+)?\s*$"}),
        );
        // A date, or blank for the default.
        patch_param(
            doc,
            "/api/v1/funds/{id}/ledger",
            "get",
            end,
            json!({"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]}),
        );
    }
    patch_param(
        doc,
        "/api/v1/route",
        "get",
        "mode",
        choice(&["walk", "bike", "drive"], true, true),
    );
    // A partner's answer (`App::partner_answer`): a reason is needed to decline, and taken only then.
    let reasons: Vec<&str> = DeclineReason::ALL.iter().map(|r| r.as_str()).collect();
    patch(
        doc,
        "AnswerBody",
        "status",
        choice(&["accepted", "declined", "connected"], false, false),
    );
    patch(doc, "AnswerBody", "reason", choice(&reasons, true, true));
    patch_schema(
        doc,
        "AnswerBody",
        json!({"if": {"properties": {"status": {"const": "declined"}}},
               "then": {"required": ["reason"], "properties": {"reason": choice(&reasons, false, false)}}}),
    );
    // A service's places (`App::set_capacity`).
    patch(
        doc,
        "CapacityBody",
        "status",
        choice(&["open", "closed", "full"], false, false),
    );
    patch(
        doc,
        "CapacityBody",
        "available",
        json!({"type": ["integer", "null"], "minimum": 0, "maximum": 10000}),
    );
    patch(
        doc,
        "CapacityBody",
        "note",
        json!({"type": ["string", "null"], "maxLength": 140, "pattern": TEXT}),
    );
}
