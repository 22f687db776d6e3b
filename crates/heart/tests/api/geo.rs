//! Where: the geocoder, reverse geocoder and router over HTTP; intake words placed on the map; teams ranked by
//! travel time; maps that show a request's exact point only to its team; a responder sharing where the team is.

use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn route(t: &TestApp, token: &str, from: &str, to: &str, mode: &str) -> (StatusCode, Value) {
    t.get(
        &format!("/api/v1/route?from={from}&to={to}&mode={mode}"),
        Some(token),
    )
    .await
}

/// The first recommended team for a request.
async fn first(t: &TestApp, token: &str, id: &str) -> Value {
    let (_, recs) = t
        .get(
            &format!("/api/v1/requests/{id}/recommendations"),
            Some(token),
        )
        .await;
    recs["teams"][0].clone()
}

async fn position(t: &TestApp, token: &str) -> (f64, f64) {
    let (_, teams) = t.get("/api/v1/teams", Some(token)).await;
    let me = teams["teams"][0].clone();
    (me["lat"].as_f64().unwrap(), me["lon"].as_f64().unwrap())
}

fn q(s: &str) -> String {
    s.replace(' ', "%20").replace('&', "%26")
}

#[tokio::test]
async fn geocode_reverse_and_route_over_http() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let dispatch = t.token(&[Dispatch]).await;
    let respond_only = t.token(&[Respond]).await;

    let (s, g) = t
        .get(
            &format!("/api/v1/geocode?q={}", q("71 Cherry St")),
            Some(&intake),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{g}");
    let best = &g["candidates"][0];
    assert!(
        best["label"].as_str().unwrap().starts_with("71 Cherry"),
        "{g}"
    );
    assert!(best["confidence"].as_f64().unwrap() >= 0.9);
    assert_eq!(best["neighbourhood"], "The Port");
    let (lat, lon) = (best["lat"].as_f64().unwrap(), best["lon"].as_f64().unwrap());

    // An intersection in either order, with "and" or "&".
    for words in ["Prospect St & Harvard St", "Harvard and Prospect"] {
        let (s, g) = t
            .get(&format!("/api/v1/geocode?q={}", q(words)), Some(&dispatch))
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(g["candidates"][0]["kind"], "intersection", "{words}: {g}");
    }
    // Nothing fitting: 200 and no candidates.
    let (s, g) = t
        .get(
            &format!("/api/v1/geocode?q={}", q("Nowhere Boulevard 12345")),
            Some(&intake),
        )
        .await;
    assert_eq!(
        (s, g["candidates"].as_array().unwrap().len()),
        (StatusCode::OK, 0)
    );
    // Asking nothing, or too much: a field error.
    let (s, e) = t.get("/api/v1/geocode", Some(&intake)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(e["error"]["fields"]["q"].is_string(), "{e}");
    let (s, _) = t
        .get(
            &format!("/api/v1/geocode?q={}", "a".repeat(201)),
            Some(&intake),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Who may ask.
    let (s, _) = t.get("/api/v1/geocode?q=Central%20Square", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t
        .get("/api/v1/geocode?q=Central%20Square", Some(&respond_only))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A signed-in call-taker's session works too (the intake page's suggestions).
    let pw = t.user("kai", &[Intake], None).await;
    let kai = t.login("kai", &pw).await;
    let r = t
        .client
        .get(format!("{}/api/v1/geocode?q=Central%20Square", t.url))
        .header("cookie", &kai.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let g: Value = r.json().await.unwrap();
    assert!(
        g["candidates"][0]["label"]
            .as_str()
            .unwrap()
            .contains("Central")
    );

    // Reverse: the nearest address, and nothing outside the city.
    let (s, g) = t
        .get(
            &format!("/api/v1/reverse?lat={lat}&lon={lon}"),
            Some(&intake),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        g["candidates"][0]["label"].as_str().unwrap().contains("St"),
        "{g}"
    );
    assert_eq!(g["candidates"][0]["neighbourhood"], "The Port");
    let (s, g) = t
        .get("/api/v1/reverse?lat=42.3550&lon=-71.0656", Some(&intake))
        .await;
    assert_eq!(
        (s, g["candidates"].as_array().unwrap().len()),
        (StatusCode::OK, 0)
    );
    for bad in ["lat=abc&lon=-71.1", "lat=95&lon=-71.1", "lon=-71.1"] {
        let (s, e) = t
            .get(&format!("/api/v1/reverse?{bad}"), Some(&intake))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(e["error"]["fields"]["lat"].is_string(), "{bad}: {e}");
    }

    // Routes: the same length both ways on foot; errors by field.
    let central = "42.365326,-71.103474";
    let cherry = format!("{lat},{lon}");
    let (s, there) = route(&t, &dispatch, &cherry, central, "walk").await;
    assert_eq!(s, StatusCode::OK, "{there}");
    let (_, back) = route(&t, &dispatch, central, &cherry, "walk").await;
    assert!((there["seconds"].as_f64().unwrap() - back["seconds"].as_f64().unwrap()).abs() < 1.0);
    assert!(there["meters"].as_f64().unwrap() > 300.0);
    let path = there["path"].as_array().unwrap();
    assert!(path.len() >= 2);
    assert!(
        (path[0][1].as_f64().unwrap() - lat).abs() < 0.002,
        "[lon, lat] pairs"
    );
    let (s, drive) = route(&t, &dispatch, &cherry, central, "drive").await;
    assert_eq!(s, StatusCode::OK);
    assert!(drive["meters"].as_f64().unwrap() >= there["meters"].as_f64().unwrap() - 1.0);
    for (from, to, mode, field) in [
        (cherry.clone(), central.to_string(), "fly", "mode"),
        (
            "42.3550,-71.0656".to_string(),
            central.to_string(),
            "walk",
            "from",
        ),
        (cherry.clone(), "north".to_string(), "walk", "to"),
    ] {
        let (s, e) = route(&t, &dispatch, &from, &to, mode).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert!(e["error"]["fields"][field].is_string(), "{field}: {e}");
    }
}

#[tokio::test]
async fn words_at_intake_get_a_point_and_teams_rank_by_travel_time() {
    let t = spawn_app().await;
    // Near 71 Cherry St, in Central Square, at Alewife; one with no known position.
    let near = t.team("Team Cherry", (42.3634, -71.1004)).await;
    let mid = t.team("Team Central", (42.3653, -71.1035)).await;
    let far = t.team("Team Alewife", (42.3954, -71.1425)).await;
    let nowhere = t.team("Team Unknown", (0.0, 0.0)).await;
    let intake = t.person_token(&[Intake, Dispatch]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Help with bills", "location": {"text": "outside 71 Cherry Street, Cambridge"},
                    "answers": {"medical": "no", "wants_visit": "yes"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    // Placed by the geocoder (the words were clear enough).
    assert!(
        (r["location"]["lat"].as_f64().unwrap() - 42.3637).abs() < 0.002,
        "{r}"
    );
    assert_eq!(r["location"]["text"], "outside 71 Cherry Street, Cambridge");
    let id = r["id"].as_str().unwrap();
    let (s, recs) = t
        .get(
            &format!("/api/v1/requests/{id}/recommendations"),
            Some(&intake),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{recs}");
    let order: Vec<&str> = recs["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [near, mid, far, nowhere]
            .map(|t| t.to_string())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let etas: Vec<Option<u64>> = recs["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["eta_minutes"].as_u64())
        .collect();
    assert!(
        etas[0].unwrap() <= etas[1].unwrap() && etas[1].unwrap() < etas[2].unwrap(),
        "{etas:?}"
    );
    assert!(etas[2].unwrap() >= 5, "Alewife is minutes away: {etas:?}");
    assert_eq!(etas[3], None, "no position, no ETA");

    // Vague words are not placed: a wrong confident point is worse than none.
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "x", "location": {"text": "somewhere by the river"}}),
        )
        .await;
    assert_eq!(r["location"]["lat"], Value::Null, "{r}");
    // Withheld is withheld.
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "x", "location": {"text": "71 Cherry St", "withheld": true}}),
        )
        .await;
    assert_eq!(r["location"]["lat"], Value::Null, "{r}");
}

#[tokio::test]
async fn maps_show_the_exact_point_only_to_the_assigned_team() {
    let t = spawn_app().await;
    let central = t.team("Team Central", (42.3653, -71.1035)).await;
    let pw = t.user("amara", &[Respond], Some(central)).await;
    let amara = t.login("amara", &pw).await;
    let pw = t.user("dana", &[Dispatch, Intake], None).await;
    let dana = t.login("dana", &pw).await;
    let dispatch = t.token(&[Dispatch, Intake]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&dispatch),
            &json!({"summary": "Person sheltering in the ATM vestibule", "location": {"text": "71 Cherry St"},
                    "answers": {"medical": "no", "wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();

    // The board: every open request by its block, teams by position.
    let (s, board, _) = t.page("/board", Some(&dana)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        board.contains(r#"id="board-map""#) && board.contains("<svg"),
        "{board}"
    );
    assert!(board.contains(r#"class="m-request""#) && board.contains(r#"class="m-team""#));
    assert!(
        board.contains("71 Cherry St · Neighbourhood: The Port"),
        "{board}"
    );
    let (s, part, _) = t.page("/board/map", Some(&dana)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(part.starts_with("<svg"), "{part}");
    assert!(
        !part.contains("ATM") && !part.contains("Cherry"),
        "the map names no one and no address"
    );
    // The request page: the block, no route.
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&dana)).await;
    assert!(
        page.contains("the request&#39;s block") || page.contains("the request's block"),
        "{page}"
    );
    assert!(!page.contains(r#"class="route""#));
    assert!(page.contains("Neighbourhood: The Port"));

    t.post(
        &format!("/api/v1/requests/{id}/assign"),
        Some(&dispatch),
        &json!({"team_id": central.to_string()}),
    )
    .await;
    // The assigned team: the exact point and the way there from where it is.
    let (_, panel, _) = t.page("/responder/panel", Some(&amara)).await;
    assert!(
        panel.contains("the exact point and the way there"),
        "{panel}"
    );
    assert!(panel.contains(r#"class="route""#), "{panel}");
    // The dispatcher still sees the block.
    let (_, page, _) = t.page(&format!("/requests/{id}"), Some(&dana)).await;
    assert!(!page.contains(r#"class="route""#));
}

#[tokio::test]
async fn a_responder_shares_where_the_team_is() {
    let t = spawn_app().await;
    let team = t.team("Team Central", (42.3653, -71.1035)).await;
    let pw = t.user("amara", &[Respond], Some(team)).await;
    let amara = t.login("amara", &pw).await;
    let dispatch = t.token(&[Dispatch]).await;
    // Words: a corner.
    let (s, _, loc) = t
        .form(
            "/responder/position",
            &amara,
            &[("where", "Prospect and Harvard")],
        )
        .await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/responder"))
    );
    let (lat, lon) = position(&t, &dispatch).await;
    assert!(
        (lat - 42.3696).abs() < 0.002 && (lon + 71.1002).abs() < 0.002,
        "{lat},{lon}"
    );
    // The device's position (what the button sends).
    let (s, _, _) = t
        .form(
            "/responder/position",
            &amara,
            &[("lat", "42.3736"), ("lon", "-71.1190"), ("where", "")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(position(&t, &dispatch).await, (42.3736, -71.119));
    // Nothing, or words that place nothing: refused, position unchanged.
    for bad in ["", "Nowhere Boulevard 12345"] {
        let (s, body, _) = t
            .form("/responder/position", &amara, &[("where", bad)])
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    assert_eq!(position(&t, &dispatch).await, (42.3736, -71.119));
}

#[tokio::test]
async fn a_configured_tile_server_is_the_only_other_origin_pages_load_from() {
    let plain = spawn_app().await;
    let r = plain
        .client
        .get(format!("{}/", plain.url))
        .send()
        .await
        .unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    let t = heart_testkit::spawn_app_with(|c| {
        c.tile_url = Some("https://tiles.example.org/{z}/{x}/{y}.png".into());
        c.tile_attribution = "© Example \"tiles\"".into();
    })
    .await;
    let r = t.client.get(format!("{}/", t.url)).send().await.unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("img-src 'self' data: https://tiles.example.org;"),
        "{csp}"
    );
    assert!(
        csp.contains("script-src 'self';"),
        "scripts still only from here: {csp}"
    );
    let pw = t.user("dana", &[Dispatch], None).await;
    let dana = t.login("dana", &pw).await;
    let (_, board, _) = t.page("/board", Some(&dana)).await;
    assert!(
        board.contains(r#"data-tiles="https://tiles.example.org/{z}/{x}/{y}.png""#),
        "{board}"
    );
    assert!(board.contains("data-attribution=\"© Example &quot;tiles&quot;\""));
    assert!(board.contains("<svg"), "the drawn map stays");
}

/// ETAs start from where a team said it is, while that is recent; then from its base again.
#[tokio::test]
async fn a_shared_position_counts_while_fresh_then_the_base_again() {
    let t = spawn_app().await;
    // Both based far from Cherry St; one will say it is just there.
    let porter = t.team("Team Porter", (42.3884, -71.1191)).await;
    let alewife = t.team("Team Alewife", (42.3954, -71.1425)).await;
    let pw = t.user("amara", &[Respond], Some(alewife)).await;
    let amara = t.login("amara", &pw).await;
    let dispatch = t.token(&[Intake, Dispatch]).await;
    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&dispatch),
            &json!({"summary": "x", "location": {"text": "71 Cherry St"},
                    "answers": {"medical": "no", "wants_visit": "yes"}}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    assert_eq!(first(&t, &dispatch, &id).await["id"], porter.to_string());
    let (s, _, _) = t
        .form(
            "/responder/position",
            &amara,
            &[("where", "Cherry St & Harvard St")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let top = first(&t, &dispatch, &id).await;
    assert_eq!(top["id"], alewife.to_string(), "{top}");
    assert!(top["eta_minutes"].as_u64().unwrap() <= 2, "{top}");
    assert_eq!(top["base"]["lat"], 42.3954);
    assert!(top["position_at"].is_string());
    // Five hours later the report is stale: Alewife is back at its base.
    t.clock.advance(jiff::SignedDuration::from_hours(5));
    assert_eq!(first(&t, &dispatch, &id).await["id"], porter.to_string());
}

/// A coordinator gives a new team its base in words; words that place nothing are refused beside the field.
#[tokio::test]
async fn a_new_team_gets_its_base_from_words() {
    let t = spawn_app().await;
    let pw = t.user("mo", &[Coordinate], None).await;
    let mo = t.login("mo", &pw).await;
    let (s, _, _) = t
        .form(
            "/teams",
            &mo,
            &[("name", "Team Port"), ("base", "Prospect and Harvard")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let dispatch = t.token(&[Dispatch]).await;
    let (_, teams) = t.get("/api/v1/teams", Some(&dispatch)).await;
    let port = teams["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Team Port")
        .unwrap()
        .clone();
    assert!(
        (port["base"]["lat"].as_f64().unwrap() - 42.3696).abs() < 0.002,
        "{port}"
    );
    assert_eq!(port["position_at"], Value::Null);
    let (s, page, _) = t
        .form(
            "/teams",
            &mo,
            &[
                ("name", "Team Nowhere"),
                ("base", "Nowhere Boulevard 12345"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(r#"id="base-error""#) && page.contains("We could not find that place"),
        "{page}"
    );
}
