//! Search and history (issue 23.4): past requests by days, status, outcome, channel, team and need, a page at a
//! time, newest first, over the API and on /requests; words found in the sealed text by a person only, sent in a
//! body and never in an address.

use heart_domain::access::Capability::*;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PHONE: &str = r#"{"medical": "no", "in_area": "yes", "where_now": "home", "weather": "no", "distress": "calm",
    "suicide": "thoughts", "wants_visit": "no", "harm_at_home": "yes", "money_need": "yes"}"#;

async fn request(t: &TestApp, token: &str, summary: &str, close: Option<(&str, &str)>) -> String {
    let answers: Value = serde_json::from_str(PHONE).unwrap();
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(token),
            &json!({"summary": summary, "answers": answers, "location": {"text": "Near Inman Square"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    if let Some((outcome, need)) = close {
        let (s, r) = t
            .post(
                &format!("/api/v1/requests/{id}/close"),
                Some(token),
                &json!({"actions": "Talked it through", "outcome": outcome, "needs": [need]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{r}");
    }
    id
}

fn summaries(list: &Value) -> Vec<String> {
    list["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["summary"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn past_requests_are_found_by_filter_a_page_at_a_time_newest_first() {
    let t = spawn_app().await;
    let token = t.person_token(&[Intake, Dispatch, Coordinate]).await;
    // Thursday 26 November (team time): two; Friday 27: three; Saturday 28: two.
    request(&t, &token, "Thu one", Some(("ongoing_support", "money"))).await;
    t.clock.advance(jiff::SignedDuration::from_mins(10));
    request(&t, &token, "Thu two", None).await;
    t.clock.advance(jiff::SignedDuration::from_hours(24));
    request(&t, &token, "Fri one", Some(("resolved_for_now", "housing"))).await;
    t.clock.advance(jiff::SignedDuration::from_mins(10));
    request(&t, &token, "Fri two", Some(("ongoing_support", "housing"))).await;
    t.clock.advance(jiff::SignedDuration::from_mins(10));
    request(&t, &token, "Fri three", None).await;
    t.clock.advance(jiff::SignedDuration::from_hours(24));
    request(&t, &token, "Sat one", None).await;
    t.clock.advance(jiff::SignedDuration::from_mins(10));
    request(&t, &token, "Sat two", Some(("ongoing_support", "money"))).await;

    let get = |q: &str| {
        let q = q.to_string();
        let t = &t;
        let token = token.clone();
        async move { t.get(&format!("/api/v1/requests{q}"), Some(&token)).await }
    };
    let (s, all) = get("?per_page=3").await;
    assert_eq!(s, StatusCode::OK, "{all}");
    assert_eq!(
        (
            all["total"].as_i64(),
            all["page"].as_i64(),
            all["per_page"].as_i64()
        ),
        (Some(7), Some(1), Some(3))
    );
    assert_eq!(summaries(&all), ["Sat two", "Sat one", "Fri three"]);
    let (_, last) = get("?per_page=3&page=3").await;
    assert_eq!(summaries(&last), ["Thu one"]);
    let (_, none) = get("?per_page=3&page=9").await;
    assert!(summaries(&none).is_empty());
    // With no parameters: the newest 50 of any date, and how many there are.
    let (_, plain) = get("").await;
    assert_eq!(
        (plain["total"].as_i64(), plain["per_page"].as_i64()),
        (Some(7), Some(50))
    );

    let (_, fri) = get("?from=2026-11-27&to=2026-11-27").await;
    assert_eq!(summaries(&fri), ["Fri three", "Fri two", "Fri one"]);
    let (_, closed) = get("?status=closed&outcome=ongoing_support").await;
    assert_eq!(summaries(&closed), ["Sat two", "Fri two", "Thu one"]);
    let (_, housing) = get("?need=housing&from=2026-11-26").await;
    assert_eq!(summaries(&housing), ["Fri two", "Fri one"]);
    let (_, phone) = get("?channel=web").await;
    assert_eq!(phone["total"], 0);
    // `status=open` alone still lists every open request, by priority then age.
    let (_, open) = get("?status=open").await;
    assert_eq!(open["total"], 3);

    for (q, field) in [
        ("?per_page=201", "per_page"),
        ("?page=0", "page"),
        ("?page=two", "page"),
        ("?from=2024-01-01&to=2026-11-28", "to"),
        ("?from=2026-11-28&to=2026-11-27", "to"),
        ("?from=yesterday", "from"),
        ("?status=sideways", "status"),
        ("?need=risk", "need"),
        ("?team_id=nobody", "team_id"),
    ] {
        let (s, e) = get(q).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {e}");
        assert!(e["error"]["fields"][field].is_string(), "{q}: {e}");
    }
}

#[tokio::test]
async fn words_are_found_by_a_person_in_the_sealed_text_only() {
    let t = spawn_app().await;
    let person = t.person_token(&[Intake, Coordinate]).await;
    let integration = t.token(&[Intake, Coordinate]).await;
    request(
        &t,
        &person,
        "Cold night in the ATM vestibule",
        Some(("resolved_for_now", "housing")),
    )
    .await;
    request(&t, &person, "Grieving outside the building", None).await;
    request(&t, &person, "Bills and an atm card taken", None).await;
    let (s, found) = t
        .post(
            "/api/v1/requests/search",
            Some(&person),
            &json!({"words": "ATM", "per_page": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{found}");
    assert_eq!(found["total"], 2);
    assert_eq!(summaries(&found), ["Bills and an atm card taken"]);
    let (_, both) = t
        .post(
            "/api/v1/requests/search",
            Some(&person),
            &json!({"words": "atm cold", "status": "closed"}),
        )
        .await;
    assert_eq!(summaries(&both), ["Cold night in the ATM vestibule"]);
    // The place is searched too.
    let (_, place) = t
        .post(
            "/api/v1/requests/search",
            Some(&person),
            &json!({"words": "inman"}),
        )
        .await;
    assert_eq!(place["total"], 3);
    // A token that acts for no person is not given a search of the words.
    let (s, e) = t
        .post(
            "/api/v1/requests/search",
            Some(&integration),
            &json!({"words": "atm"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e["error"]["fields"]["words"].is_string());
    // Unknown fields are the body's fault.
    let (s, _) = t
        .post(
            "/api/v1/requests/search",
            Some(&person),
            &json!({"word": "atm"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // On the page: the filters in the address, the words in a form's body.
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (s, page, _) = t.page("/requests?status=closed", Some(&rae)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("1 request found") && page.contains("Cold night in the ATM vestibule"));
    let (s, page, _) = t
        .form(
            "/requests/search",
            &rae,
            &[("words", "grieving"), ("status", "")],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("1 request found") && page.contains("Grieving outside the building"),
        "{page}"
    );
    let (s, page, _) = t.page("/requests?to=someday", Some(&rae)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"to-error\""));
    // Words match in any case, from the page as over the API.
    let (_, page, _) = t.form("/requests/search", &rae, &[("words", "atm")]).await;
    assert!(page.contains("2 requests found"));
}
