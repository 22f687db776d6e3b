use heart_domain::access::Capability::*;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn bad_json_is_400_bad_values_are_422_with_fields() {
    let t = spawn_app().await;
    let tok = t.token(&[Intake, Dispatch]).await;
    let before = t.store.audit_count().await.unwrap();

    let (s, b) = t
        .post_raw(
            "/api/v1/requests",
            &tok,
            "application/json",
            "{\"summary\": ",
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(b["error"]["code"], "bad_request");
    let (s, _) = t
        .post_raw(
            "/api/v1/requests",
            &tok,
            "application/json",
            "{\"summary\": 42}",
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "wrong type");
    let (s, _) = t
        .post_raw(
            "/api/v1/requests",
            &tok,
            "text/plain",
            "{\"summary\": \"x\"}",
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "not JSON");
    let (s, _) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "x", "immigration_status": "?"}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "no such field, and never will be"
    );

    let (s, b) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "  ", "location": {"lat": 999.0, "lon": -71.1}, "contact": {"phone": "call me"},
                    "channel": "pigeon", "answers": {"medical": "perhaps", "risk_score": "high"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = b["error"]["fields"].as_object().unwrap();
    for f in ["summary", "location.lat", "contact.phone", "channel"] {
        assert!(fields.contains_key(f), "{f} missing in {b}");
    }
    assert_eq!(b["error"]["code"], "invalid");
    assert_eq!(fields["summary"], "This is needed.");

    // Nothing half-written.
    assert_eq!(t.store.audit_count().await.unwrap(), before);
    let (_, list) = t.get("/api/v1/requests", Some(&tok)).await;
    assert!(list["requests"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn illegal_transitions_are_409_with_a_clear_message_and_unknown_ids_404() {
    let t = spawn_app().await;
    let tok = t.token(&[Intake, Dispatch]).await;
    let (_, r) = t
        .post("/api/v1/requests", Some(&tok), &json!({"summary": "x"}))
        .await;
    let id = r["id"].as_str().unwrap();
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&tok),
            &json!({"to": "on_scene"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(
        b["error"]["message"],
        "a request that is received cannot be moved by on_scene"
    );
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&tok),
            &json!({"to": "teleported"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(b["error"]["fields"]["to"].is_string());
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&tok),
            &json!({"team_id": "not-a-uuid"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = t
        .get(
            "/api/v1/requests/0190c0de-0000-7000-8000-000000000000",
            Some(&tok),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t.get("/api/v1/requests/nonsense", Some(&tok)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b) = t.get("/api/v1/nothing-here", Some(&tok)).await;
    assert_eq!(
        (s, b["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (s, _) = t.get("/api/v1/requests?status=sideways", Some(&tok)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Cancel, then nothing more.
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/transition"),
            Some(&tok),
            &json!({"to": "cancelled"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&tok),
            &json!({"actions": "x", "outcome": "resolved_for_now"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_not_a_lost_update() {
    let t = spawn_app().await;
    let a = t.team("A", (42.36, -71.10)).await;
    let b = t.team("B", (42.37, -71.11)).await;
    let tok = t.token(&[Intake, Dispatch]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap();
    let v = r["version"].as_i64().unwrap();
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&tok),
            &json!({"team_id": a.to_string(), "version": v}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&tok),
            &json!({"team_id": b.to_string(), "version": v}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn forms_rerender_with_field_messages() {
    let t = spawn_app().await;
    let pw = t.user("sam", &[Intake], None).await;
    let sam = t.login("sam", &pw).await;
    let (s, html, _) = t
        .form(
            "/intake",
            &sam,
            &[("summary", ""), ("lat", "north"), ("contact_phone", "x")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"error-summary\""));
    assert!(html.contains("This does not look right."), "{html}");
    assert!(html.contains("aria-invalid=\"true\""));
    let (s, html, _) = t
        .form(
            "/intake",
            &sam,
            &[("summary", ""), ("contact_phone", "617 555 0100")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("<a href=\"#summary\">This is needed.</a>"),
        "{html}"
    );
    assert!(
        html.contains("value=\"617 555 0100\""),
        "keeps what was typed"
    );
}

/// Control characters other than tab and line breaks are refused at the edge with 422 naming the field, on the API,
/// the partner hook and the public form; nothing is written. (PostgreSQL cannot store U+0000 in text; the
/// PostgreSQL test checks the same answer there.)
#[tokio::test]
async fn control_characters_are_refused_naming_the_field() {
    let t = spawn_app().await;
    let tok = t.token(&[Intake, Dispatch]).await;
    let before = t.store.audit_count().await.unwrap();
    for (body, field) in [
        (json!({"summary": "a\u{0}b"}), "summary"),
        (
            json!({"summary": "ok", "contact": {"name": "Ana\u{7}"}}),
            "contact.name",
        ),
        (
            json!({"summary": "ok", "answers": {"medical": "no\u{1b}"}}),
            "answers.medical",
        ),
        (json!({"summary": "lone\rreturn"}), "summary"),
    ] {
        let (s, b) = t.post("/api/v1/requests", Some(&tok), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        assert_eq!(b["error"]["fields"][field], "control_character", "{b}");
    }
    // Tabs and line breaks (CRLF from a text area too) are fine.
    let (s, b) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "first line\r\nsecond\tline\nthird"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let after_ok = t.store.audit_count().await.unwrap();
    assert!(after_ok > before);
    // The public form too.
    let r = t
        .client
        .post(format!("{}/request", t.url))
        .form(&[("summary", "help\u{0}"), ("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("\"summary\""));
    assert_eq!(
        t.store.audit_count().await.unwrap(),
        after_ok,
        "nothing written"
    );
}

/// Refusals made before a handler runs (a query string or a path that does not parse) are the JSON error body
/// with a field name under /api/ and /hsds/, never plain text.
#[tokio::test]
async fn every_refusal_under_the_api_is_json_with_a_field() {
    let t = spawn_app().await;
    let tok = t.token(&[Intake, Dispatch]).await;
    for (path, field) in [
        ("/api/v1/reverse?lat=42.37&lon=-71.1&lon=-71.1", Some("lon")),
        ("/api/v1/reverse?lat=north&lon=-71.1", None),
        ("/api/v1/requests/%FF", None),
        ("/api/v1/requests?status=open&status=closed", Some("status")),
    ] {
        let r = t
            .client
            .get(format!("{}{path}", t.url))
            .bearer_auth(&tok)
            .send()
            .await
            .unwrap();
        let status = r.status();
        assert!(status.is_client_error(), "{path}: {status}");
        let kind = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(kind.starts_with("application/json"), "{path}: {kind}");
        let b: serde_json::Value = r.json().await.unwrap();
        let fields = b["error"]["fields"].as_object().unwrap();
        assert!(!fields.is_empty(), "{path}: {b}");
        if let Some(f) = field {
            assert!(fields.contains_key(f), "{path}: {b}");
        }
        assert!(!b.to_string().contains("Failed to deserialize"), "{b}");
    }
    let r = t
        .client
        .get(format!("{}/hsds/services?page=abc", t.url))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let b: serde_json::Value = r.json().await.unwrap();
    assert!(b["field"].is_string(), "{b}");
}

/// What schemathesis found against the API document (issue 19.4), each as the server now answers it.
#[tokio::test]
async fn the_api_answers_as_its_document_says() {
    let t = spawn_app().await;
    t.team("A", (42.36, -71.10)).await;
    let tok = t.token(&[Intake, Dispatch, Respond]).await;
    // A part written as an array is not an object (serde alone would take `[null, null]` for a struct).
    for part in ["contact", "location", "safe_contact"] {
        let (s, b) = t
            .post(
                "/api/v1/requests",
                Some(&tok),
                &json!({"summary": "x", part: [null, null]}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{part}: {b}");
    }
    // A field the document does not name, inside a part, is refused too.
    let (s, _) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "x", "location": {"text": "Central Square", "floor": 2}}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // A whole number written with a decimal point is still that number.
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = r["id"].as_str().unwrap();
    let v = r["version"].as_i64().unwrap();
    // A team that is not there is not found, like any other id.
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/assign"),
            Some(&tok),
            &json!({"team_id": "2f770947-0a34-5a40-bc46-3fb0201cdab9", "version": v as f64}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    // Limits count the text as sent: 1,000 characters of reason and one space is over.
    let (s, b) = t
        .post(
            &format!("/api/v1/requests/{id}/ems"),
            Some(&tok),
            &json!({"reason": format!("{} ", "r".repeat(1000)), "consent": "agreed"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        b["error"]["fields"]["reason"].is_string()
            || b["error"]["fields"]["ems_reason"].is_string(),
        "{b}"
    );

    // The document lists, for every operation, the statuses every operation can answer, and the bodies refuse
    // fields they do not name.
    let (_, doc) = t.get("/api/openapi.json", None).await;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for code in [
                "400", "401", "403", "404", "409", "413", "422", "429", "503",
            ] {
                assert!(op["responses"][code].is_object(), "{method} {path}: {code}");
            }
        }
    }
    assert_eq!(
        doc["components"]["schemas"]["IntakeBody"]["additionalProperties"],
        false
    );
    assert_eq!(
        doc["components"]["schemas"]["ReferBody"]["properties"]["consent"]["const"],
        true
    );
}

/// Issue 22.7: the API documents what it sends. The answers are the documented types themselves, so every field
/// a real answer carries is named in its schema (`ems` and `service` were sent and not documented before).
#[tokio::test]
async fn every_field_a_request_answer_carries_is_documented() {
    let t = spawn_app().await;
    let tok = t.token(&[Intake, Dispatch]).await;
    let (s, created) = t
        .post(
            "/api/v1/requests",
            Some(&tok),
            &json!({"summary": "x", "answers": {"wants_visit": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, doc) = t.get("/api/openapi.json", None).await;
    let schemas = &doc["components"]["schemas"];
    // The properties a schema names, its own and those of the schemas it flattens in (`allOf`).
    fn named(schemas: &serde_json::Value, name: &str) -> Vec<String> {
        let s = &schemas[name];
        let mut out: Vec<String> = s["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        for part in s["allOf"].as_array().into_iter().flatten() {
            if let Some(r) = part["$ref"].as_str() {
                out.extend(named(
                    schemas,
                    r.trim_start_matches("#/components/schemas/"),
                ));
            }
            if let Some(o) = part["properties"].as_object() {
                out.extend(o.keys().cloned());
            }
        }
        out
    }
    let created_fields = named(schemas, "CreatedOut");
    for k in created.as_object().unwrap().keys() {
        assert!(created_fields.contains(k), "CreatedOut does not name {k}");
    }
    for k in ["ems", "service", "reference"] {
        assert!(created.get(k).is_some(), "the answer carries {k}");
    }
    let id = created["id"].as_str().unwrap();
    let (_, shown) = t.get(&format!("/api/v1/requests/{id}"), Some(&tok)).await;
    let detail_fields = named(schemas, "RequestDetailOut");
    for k in shown.as_object().unwrap().keys() {
        assert!(
            detail_fields.contains(k),
            "RequestDetailOut does not name {k}"
        );
    }
    let request_fields = named(schemas, "RequestOut");
    for part in ["ems", "location", "safe_contact", "triage"] {
        assert!(request_fields.contains(&part.to_string()), "{part}");
    }
    assert_eq!(
        doc["paths"]["/api/v1/requests/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["$ref"],
        "#/components/schemas/ShowOut"
    );
    // A step of the history is documented as one (two types of one name would overwrite each other).
    let step = shown["history"][0].as_object().unwrap();
    let item = doc["components"]["schemas"]["RequestDetailOut"]["allOf"][1]["properties"]["history"]
        ["items"]["$ref"]
        .as_str()
        .unwrap()
        .trim_start_matches("#/components/schemas/")
        .to_string();
    let step_fields = named(schemas, &item);
    for k in step.keys() {
        assert!(step_fields.contains(k), "{item} does not name {k}");
    }
    // Every reference in the document leads to a schema that is there.
    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(r) = o.get("$ref").and_then(|r| r.as_str()) {
                    out.push(r.to_string());
                }
                o.values().for_each(|x| refs(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let name = r.trim_start_matches("#/components/schemas/");
        assert!(schemas[name].is_object(), "{r} leads nowhere");
    }
}
