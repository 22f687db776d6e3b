//! The resource directory end to end: the HSDS API's answers checked against the official schemas and page
//! envelope, its filters (combined with AND), bad parameters, the public search page, and the command line's
//! import (all or nothing) and export.

use heart_hsds::schema::schemas;
use heart_hsds::{Kind, taxonomy};
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn illinois() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../heart-hsds/tests/data/ilao")
}

async fn with_directory() -> TestApp {
    let t = spawn_app().await;
    assert!(t.app.seed_demo_directory().await.unwrap());
    let imported = heart_hsds::import(
        &illinois(),
        heart_hsds::Options {
            timezone: "America/Chicago".into(),
            ..Default::default()
        },
    )
    .unwrap();
    t.app.store_directory(&imported.directory).await.unwrap();
    t.app.refresh_directory().await.unwrap();
    t
}

fn valid(kind: Kind, v: &Value) {
    let errors = schemas().errors(kind, v);
    assert!(errors.is_empty(), "{} {}: {errors:?}", kind.name(), v["id"]);
}

/// The page envelope as the HSDS OpenAPI's `Page` schema defines it.
fn envelope(v: &Value) -> &Vec<Value> {
    for k in ["total_items", "total_pages", "page_number", "size"] {
        assert!(v[k].is_u64(), "{k} in {v}");
    }
    for k in ["first_page", "last_page", "empty"] {
        assert!(v[k].is_boolean(), "{k}");
    }
    let items = v["contents"].as_array().expect("contents");
    assert_eq!(v["size"].as_u64().unwrap() as usize, items.len());
    assert_eq!(v["empty"], items.is_empty());
    items
}

#[tokio::test]
async fn the_hsds_api_answers_in_the_official_shapes() {
    let t = with_directory().await;
    let (s, root) = t.get("/hsds/", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(root["version"], "3.0");
    let openapi_url = root["openapi_url"].as_str().unwrap();
    assert!(openapi_url.starts_with("http://") && openapi_url.ends_with("/hsds/openapi.json"));
    let (s, doc) = t.get("/hsds/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["paths"]["/services"].is_object());
    assert_eq!(
        t.get("/hsds", None).await.1,
        root,
        "with or without the trailing slash"
    );

    // Every service, fully nested, is valid HSDS 3.0.
    let (s, all) = t.get("/hsds/services?per_page=1000&full=true", None).await;
    assert_eq!(s, StatusCode::OK);
    let items = envelope(&all);
    assert_eq!(all["total_items"], 429 + 84);
    assert_eq!(items.len(), 513);
    for v in items {
        valid(Kind::Service, v);
    }
    let id = items[0]["id"].as_str().unwrap();
    let (s, one) = t.get(&format!("/hsds/services/{id}"), None).await;
    assert_eq!(s, StatusCode::OK);
    valid(Kind::Service, &one);
    assert!(one["organization"].is_object());

    // Pages.
    let (_, p2) = t.get("/hsds/services?per_page=100&page=2", None).await;
    assert_eq!(p2["page_number"], 2);
    assert_eq!(p2["total_pages"], 6);
    assert_eq!(p2["first_page"], false);
    assert_eq!(p2["last_page"], false);
    let (_, p6) = t.get("/hsds/services?per_page=100&page=6", None).await;
    assert_eq!(p6["last_page"], true);
    assert_eq!(p6["size"], 13);
    let (_, minimal) = t.get("/hsds/services?minimal=true&per_page=3", None).await;
    assert!(
        envelope(&minimal)
            .iter()
            .all(|m| m["id"].is_string() && m["modified_date"].is_string())
    );
    assert_eq!(envelope(&minimal).len(), 3, "pages when asked");
    // Without per_page, a minimal list comes whole, in one call, as the specification asks.
    let (_, all) = t.get("/hsds/services?minimal=true", None).await;
    assert_eq!(all["total_items"], 513);
    assert_eq!(envelope(&all).len(), 513);
    assert_eq!(all["total_pages"], 1);
    assert_eq!(all["last_page"], true);

    for (path, kind) in [
        (
            "/hsds/organizations?full=true&per_page=1000",
            Kind::Organization,
        ),
        ("/hsds/taxonomies", Kind::Taxonomy),
        ("/hsds/taxonomy_terms?per_page=1000", Kind::TaxonomyTerm),
        (
            "/hsds/service_at_locations?full=true&per_page=1000",
            Kind::ServiceAtLocation,
        ),
    ] {
        let (s, v) = t.get(path, None).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        let items = envelope(&v);
        assert!(!items.is_empty(), "{path}");
        for i in items {
            valid(kind, i);
        }
    }
    let (_, org) = t.get("/hsds/organizations?per_page=1", None).await;
    let org_id = org["contents"][0]["id"].as_str().unwrap().to_string();
    let (s, full) = t
        .get(
            &format!("/hsds/organizations/{org_id}?full_service=true"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    valid(Kind::Organization, &full);
    assert!(full["services"].is_array());
    let (_, tax) = t
        .get(
            &format!("/hsds/taxonomies/{}", taxonomy::taxonomy_id()),
            None,
        )
        .await;
    assert_eq!(tax["uri"], taxonomy::URI);
    let (_, terms) = t
        .get(
            &format!(
                "/hsds/taxonomy_terms?taxonomy_id={}&per_page=100",
                taxonomy::taxonomy_id()
            ),
            None,
        )
        .await;
    assert_eq!(terms["total_items"], taxonomy::TERMS.len());
}

#[tokio::test]
async fn filters_combine_and_bad_parameters_name_the_field() {
    let t = with_directory().await;
    let pantry = taxonomy::term_id("food-pantry");
    let (_, v) = t
        .get(&format!("/hsds/services?taxonomy_term_id={pantry}"), None)
        .await;
    assert_eq!(v["total_items"], 1);
    let mf = v["contents"][0]["organization_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(v["contents"][0]["name"], "Food pantry");
    let (_, both) = t
        .get(&format!("/hsds/services?organization_id={mf}"), None)
        .await;
    assert_eq!(both["total_items"], 2, "the pantry and the arrears help");
    let (_, and) = t
        .get(
            &format!(
                "/hsds/services?organization_id={mf}&taxonomy_term_id={pantry}&search=groceries"
            ),
            None,
        )
        .await;
    assert_eq!(and["total_items"], 1);
    let (_, none) = t
        .get(
            &format!("/hsds/services?organization_id={mf}&search=bankruptcy"),
            None,
        )
        .await;
    assert_eq!(none["total_items"], 0);
    assert_eq!(none["empty"], true);
    let (_, tx) = t
        .get(
            &format!(
                "/hsds/services?taxonomy_id={}&per_page=1000",
                taxonomy::taxonomy_id()
            ),
            None,
        )
        .await;
    assert_eq!(
        tx["total_items"], 84,
        "every demo service carries one of our terms; Illinois none"
    );
    let (_, typo) = t.get("/hsds/services?search=bankrupcy", None).await;
    assert!(typo["total_items"].as_u64().unwrap() > 0);
    let (_, later) = t
        .get("/hsds/services?modified_after=2100-01-01T00:00:00Z", None)
        .await;
    assert_eq!(later["total_items"], 0);
    let (_, earlier) = t
        .get("/hsds/services?modified_after=2000-01-01", None)
        .await;
    assert_eq!(earlier["total_items"], 513);

    // Near Margaret Fuller Neighborhood House (71 Cherry St): by coordinates, or by postcode.
    let (_, near) = t
        .get(
            "/hsds/service_at_locations?lat=42.3635&lon=-71.0982&proximity=150",
            None,
        )
        .await;
    let near_services: Vec<&str> = envelope(&near)
        .iter()
        .map(|s| s["service_id"].as_str().unwrap())
        .collect();
    assert!(near_services.len() >= 2, "{near}");
    let (_, far) = t
        .get(
            "/hsds/service_at_locations?lat=41.88&lon=-87.63&proximity=1000",
            None,
        )
        .await;
    assert_eq!(far["total_items"], 0);
    let (_, pc) = t
        .get(
            "/hsds/service_at_locations?postcode=02139&proximity=5000",
            None,
        )
        .await;
    assert!(pc["total_items"].as_u64().unwrap() >= 2);
    let (_, nowhere) = t
        .get(
            "/hsds/service_at_locations?postcode=99999&proximity=100",
            None,
        )
        .await;
    assert_eq!(nowhere["total_items"], 0);

    for (path, field) in [
        ("/hsds/services?page=abc", "page"),
        ("/hsds/services?page=0", "page"),
        ("/hsds/services?per_page=100000", "per_page"),
        ("/hsds/services?full=maybe", "full"),
        ("/hsds/services?modified_after=yesterday", "modified_after"),
        ("/hsds/service_at_locations?lat=91&lon=0", "lat"),
        ("/hsds/service_at_locations?lat=42", "lat"),
        (
            "/hsds/service_at_locations?lat=42&lon=-71&proximity=-5",
            "proximity",
        ),
    ] {
        let (s, v) = t.get(path, None).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(v["field"], field, "{path}");
    }
    for path in [
        "/hsds/services/00000000-0000-4000-8000-000000000000",
        "/hsds/organizations/nope",
        "/hsds/taxonomy_terms/nope",
        "/hsds/service_at_locations/nope",
    ] {
        assert_eq!(t.get(path, None).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn the_public_search_page_finds_what_a_person_needs() {
    let t = with_directory().await;
    let (s, html, _) = t
        .page(
            "/directory?q=food+panrty&near=71+Cherry+St%2C+Cambridge",
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let first = html.split("<h3>").nth(1).unwrap();
    assert!(first.starts_with("Food pantry</h3>"), "{first}");
    assert!(first.contains("m away"), "{first}");
    assert!(first.contains("Demo data"), "{first}");
    let (_, html, _) = t.page("/directory?need=money&free=1", None).await;
    assert!(html.contains("Help with utility arrears"));
    assert!(!html.contains("<h3>Food pantry</h3>"));
    let (_, html, _) = t.page("/directory?q=evacuation", None).await;
    assert!(html.contains("emergency evacuation site"));
    assert!(html.contains("Not a nightly shelter"));
    let (_, html, _) = t.page("/directory?near=zzzz+nowhere+qqq", None).await;
    assert!(html.contains("We could not find that place"));
    // Any text is a query.
    let long = "x".repeat(10_000);
    for q in [
        "%22unclosed",
        "AND+OR+NOT",
        "%F0%9F%8D%9E",
        "title%3A%5Ba+TO+z%5D~2%5E3",
        long.as_str(),
    ] {
        let (s, _, _) = t.page(&format!("/directory?q={q}"), None).await;
        assert_eq!(s, StatusCode::OK, "{q}");
    }
}

fn heart() -> Command {
    Command::new(env!("CARGO_BIN_EXE_heart"))
}

#[test]
fn the_command_line_imports_all_or_nothing_and_exports_what_reads_back() {
    let data = tempfile::tempdir().unwrap();
    // A broken folder: nothing is stored, one line, exit 2.
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("services.json"),
        "[{\"id\": \"not-a-uuid\", \"name\": \"x\", \"status\": \"active\"}]",
    )
    .unwrap();
    let out = heart()
        .args(["directory", "import"])
        .arg(bad.path())
        .arg("--data")
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("nothing imported: services.json: service not-a-uuid: id:"),
        "{err}"
    );
    let out = heart()
        .args(["directory", "import"])
        .arg(illinois())
        .args(["--timezone", "America/Chicago", "--data"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("reading services.csv (430 rows)"),
        "progress is shown"
    );
    assert_eq!(err.matches("heart: warning: ").count(), 2042);
    assert!(
        err.contains("429 services"),
        "{}",
        err.lines().last().unwrap()
    );
    let strict = heart()
        .args(["directory", "import", "--strict"])
        .arg(illinois())
        .arg("--data")
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2));
    for format in ["json", "csv"] {
        let out_dir = tempfile::tempdir().unwrap();
        let out = heart()
            .args(["directory", "export"])
            .arg(out_dir.path())
            .args(["--format", format, "--data"])
            .arg(data.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let back = heart_hsds::import(out_dir.path(), heart_hsds::Options::default()).unwrap();
        assert!(back.warnings.is_empty());
        assert_eq!(back.directory.len(Kind::Service), 429);
        let original = heart_hsds::import(
            &illinois(),
            heart_hsds::Options {
                timezone: "America/Chicago".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(back.directory.diff(&original.directory), None, "{format}");
    }
}

#[tokio::test]
async fn a_coordinator_says_how_a_service_is_today_and_search_shows_its_age() {
    use heart_domain::access::Capability;
    let t = with_directory().await;
    let pw = t.user("cora", &[Capability::Coordinate], None).await;
    let cora = t.login("cora", &pw).await;
    let pw = t.user("rudy", &[Capability::Respond], None).await;
    let rudy = t.login("rudy", &pw).await;
    let pantry = taxonomy::term_id("food-pantry");
    let (_, v) = t
        .get(&format!("/hsds/services?taxonomy_term_id={pantry}"), None)
        .await;
    let id = v["contents"][0]["id"].as_str().unwrap().to_string();

    // Two clicks from the results: the form is on each result for a coordinator, not for others.
    let (_, html, _) = t.page("/directory?q=pantry", Some(&cora)).await;
    assert!(html.contains(&format!("id=\"status-{id}\"")));
    let (_, html, _) = t.page("/directory?q=pantry", Some(&rudy)).await;
    assert!(!html.contains("capacity-form"));
    let (_, html, _) = t.page("/directory?q=pantry", None).await;
    assert!(!html.contains("capacity-form"));

    let fields = [
        ("service", id.as_str()),
        ("status", "full"),
        ("available", "0"),
        ("note", "Back Thursday at 10"),
        ("back", "/directory?q=pantry"),
    ];
    let (s, _, loc) = t.form("/directory/capacity", &cora, &fields).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), format!("/directory?q=pantry#svc-{id}"));
    t.clock.advance(jiff::SignedDuration::from_mins(20));
    let (_, html, _) = t.page("/directory?q=pantry", None).await;
    assert!(
        html.contains("Full today</strong>: 0 places free. Back Thursday at 10"),
        "{html}"
    );
    assert!(html.contains("updated 20 minutes ago"));

    // Only coordinators; only real services; only the three states; numbers in range; a short note.
    let (s, _, _) = t.form("/directory/capacity", &rudy, &fields).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    for (field, value, status) in [
        (
            "service",
            "00000000-0000-4000-8000-000000000000",
            StatusCode::NOT_FOUND,
        ),
        ("status", "overflowing", StatusCode::UNPROCESSABLE_ENTITY),
        ("available", "-1", StatusCode::UNPROCESSABLE_ENTITY),
        ("available", "lots", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let mut f = fields.to_vec();
        f.retain(|(k, _)| *k != field);
        f.push((field, value));
        let (s, _, _) = t.form("/directory/capacity", &cora, &f).await;
        assert_eq!(s, status, "{field}={value}");
    }
    let long = "x".repeat(141);
    let mut f = fields.to_vec();
    f.retain(|(k, _)| *k != "note");
    f.push(("note", long.as_str()));
    assert_eq!(
        t.form("/directory/capacity", &cora, &f).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Nothing of those refusals was kept.
    let (_, html, _) = t.page("/directory?q=pantry", None).await;
    assert!(html.contains("Back Thursday at 10"));
}

/// `format=ndjson`: the page's items, one JSON object a line; an unknown format is refused naming the field.
#[tokio::test]
async fn hsds_lists_come_as_ndjson_when_asked() {
    let t = with_directory().await;
    for kind in ["services", "organizations", "taxonomy_terms"] {
        let (s, page, _) = t.page(&format!("/hsds/{kind}?per_page=5"), None).await;
        assert_eq!(s, StatusCode::OK);
        let page: Value = serde_json::from_str(&page).unwrap();
        let r = t
            .client
            .get(format!("{}/hsds/{kind}?per_page=5&format=ndjson", t.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/x-ndjson");
        let text = r.text().await.unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(&lines, page["contents"].as_array().unwrap(), "{kind}");
        assert!(!lines.is_empty());
    }
    let r = t
        .client
        .get(format!("{}/hsds/services?format=xml", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["field"], "format");
}
