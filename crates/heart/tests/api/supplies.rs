//! Supplies over HTTP: received (bought with its ledger entry, donated in kind with a receipt naming the items and
//! no value), given out, moved, never below zero (also when two people give the last of it at once), low marks and
//! what expires within 30 days on the page, the board and the day's alert; a walk taking from the van and its
//! shortfall flagged; every bad field named with nothing written.

use heart_domain::access::Capability;
use heart_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn stock(t: &TestApp, token: &str) -> Vec<Value> {
    let (s, b) = t.get("/api/v1/supplies", Some(token)).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["supplies"].as_array().unwrap().clone()
}

fn find<'a>(stock: &'a [Value], kind: &str, place: &str) -> &'a Value {
    stock
        .iter()
        .find(|s| s["kind"] == kind && s["place"] == place)
        .unwrap_or_else(|| panic!("no {kind} at {place}: {stock:?}"))
}

async fn moved(t: &TestApp, token: &str, body: Value) -> Value {
    let (s, b) = t.post("/api/v1/supplies/moves", Some(token), &body).await;
    assert_eq!(s, StatusCode::CREATED, "{body} {b}");
    b
}

/// A ledger entry that paid for something: a gift recorded by hand.
async fn ledger_entry(t: &TestApp) -> String {
    let finance = t.token(&[Capability::Finance]).await;
    let pw = t.user("fin", &[Capability::Finance], None).await;
    let fin = t.login("fin", &pw).await;
    let fund = crate::money::fund(t, "Supplies", "general").await;
    let (s, b, _) = t
        .form(
            "/funds/gifts",
            &fin,
            &[
                ("fund_id", fund.as_str()),
                ("amount", "40.00"),
                ("method", "cash"),
                ("email", "giver@example.org"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{b}");
    let (_, ledger) = t
        .get(
            &format!("/api/v1/funds/{fund}/ledger?from=2026-11-01&to=2026-11-30"),
            Some(&finance),
        )
        .await;
    ledger["entries"][0]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn stock_goes_up_down_and_between_places_and_never_below_zero() {
    let t = spawn_app().await;
    let token = t.token(&[Capability::Coordinate]).await;
    let entry = ledger_entry(&t).await;
    moved(
        &t,
        &token,
        json!({"direction": "received", "kind": "water", "place": "office", "count": 10, "source": "other"}),
    )
    .await;
    let gift = moved(
        &t,
        &token,
        json!({"direction": "received", "kind": "naloxone", "place": "office", "count": 4, "expires": "2026-12-10",
               "source": "donated", "donor_name": "A Neighbour", "donor_email": "Neighbour@Example.org"}),
    )
    .await;
    let receipt = gift["receipt"].as_str().expect("a receipt").to_string();
    let gift_token = receipt.rsplit('/').next().unwrap();
    // Socks given with it go on the same receipt; the receipt names its donor already.
    moved(
        &t,
        &token,
        json!({"direction": "received", "kind": "socks", "place": "office", "count": 12, "source": "donated",
               "receipt": gift_token}),
    )
    .await;
    for (body, field, code) in [
        (
            json!({"direction": "received", "kind": "socks", "place": "office", "count": 1, "source": "donated",
                "receipt": gift_token, "donor_name": "Someone else"}),
            "donor_name",
            "The receipt already names the donor.",
        ),
        (
            json!({"direction": "received", "kind": "socks", "place": "office", "count": 1, "source": "donated",
                "receipt": "no-such-receipt"}),
            "receipt",
            "not found",
        ),
        (
            json!({"direction": "received", "kind": "socks", "place": "office", "count": 1, "source": "other",
                "receipt": gift_token}),
            "receipt",
            "Only for supplies donated.",
        ),
    ] {
        let (s, b) = t.post("/api/v1/supplies/moves", Some(&token), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        let said = b["error"]["fields"][field]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(said.contains(code) || code == "not found", "{body}: {b}");
    }
    moved(
        &t,
        &token,
        json!({"direction": "received", "kind": "naloxone", "place": "office", "count": 3, "expires": "2027-06-01",
               "source": "bought", "ledger_entry_id": entry}),
    )
    .await;
    moved(
        &t,
        &token,
        json!({"direction": "moved", "kind": "water", "place": "office", "to_place": "van", "count": 5}),
    )
    .await;
    moved(
        &t,
        &token,
        json!({"direction": "given", "kind": "water", "place": "van", "count": 2}),
    )
    .await;
    let s = stock(&t, &token).await;
    assert_eq!(find(&s, "water", "office")["on_hand"], 5);
    assert_eq!(find(&s, "water", "van")["on_hand"], 3);
    let nal = find(&s, "naloxone", "office");
    assert_eq!(nal["on_hand"], 7);
    assert_eq!(nal["expiring_30d"], 4, "the kit expiring on 10 December");
    assert_eq!(nal["soonest_expiry"], "2026-12-10");
    assert_eq!(nal["low"], false);

    // More than is on hand: refused, nothing written.
    let (st, b) = t
        .post(
            "/api/v1/supplies/moves",
            Some(&token),
            &json!({"direction": "given", "kind": "water", "place": "van", "count": 4}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(b["error"]["fields"]["count"].is_string(), "{b}");
    assert_eq!(find(&stock(&t, &token).await, "water", "van")["on_hand"], 3);

    // Two people give out the last three at once, two each: one is refused.
    let give = json!({"direction": "given", "kind": "water", "place": "van", "count": 2});
    let (a, b) = tokio::join!(
        t.post("/api/v1/supplies/moves", Some(&token), &give),
        t.post("/api/v1/supplies/moves", Some(&token), &give)
    );
    let mut codes = [a.0, b.0];
    codes.sort();
    assert_eq!(
        codes,
        [StatusCode::CREATED, StatusCode::UNPROCESSABLE_ENTITY],
        "{} {}",
        a.1,
        b.1
    );
    assert_eq!(find(&stock(&t, &token).await, "water", "van")["on_hand"], 1);

    // A low mark; the donation's receipt names the items and no value.
    let (st, b) = t
        .post(
            "/api/v1/supplies/levels",
            Some(&token),
            &json!({"kind": "naloxone", "place": "office", "low_at": 8}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{b}");
    assert_eq!(b["low"], true);
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    // The receipt names the donor: for those who handle money and donors, not for everyone on the team.
    let (st, _, _) = t.page(&receipt, Some(&rae)).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Someone without it who records a gift in kind is told it is saved, not sent to the receipt.
    let (st, _, loc) = t
        .form(
            "/supplies/move",
            &rae,
            &[
                ("direction", "received"),
                ("kind", "socks"),
                ("place", "office"),
                ("count", "3"),
                ("source", "donated"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/supplies?done=supplies_received"));
    let pw = t.user("fay", &[Capability::Finance], None).await;
    let fay = t.login("fay", &pw).await;
    let (st, html, _) = t.page(&receipt, Some(&fay)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        html.contains("A Neighbour") && html.contains("Naloxone: 4") && html.contains("Socks: 12"),
        "{html}"
    );
    assert!(html.contains("states no value") && !html.contains('$'));
    // The page and the board show what is low and what expires.
    let (_, html, _) = t.page("/supplies", Some(&rae)).await;
    assert!(html.contains("low: 7 left") && html.contains("4 expired or expire within 30 days"));
    // The board shows it to someone who coordinates, not to a dispatcher alone.
    let pw = t
        .user("dee", &[Capability::Dispatch, Capability::Coordinate], None)
        .await;
    let dee = t.login("dee", &pw).await;
    let (st, html, _) = t.page("/board", Some(&dee)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Supplies to look at"), "{html}");
    let pw = t.user("dan", &[Capability::Dispatch], None).await;
    let dan = t.login("dan", &pw).await;
    let (_, html, _) = t.page("/board", Some(&dan)).await;
    assert!(!html.contains("Supplies to look at"));
    // Each movement is in the audit log, naming the kind, never a donor.
    let audit = t.store.audit_recent(200).await.unwrap();
    let moves = audit
        .iter()
        .filter(|e| e.entry.action.starts_with("supply."))
        .count();
    assert_eq!(moves, 9, "eight movements and a mark");
    assert!(audit.iter().all(|e| !e.entry.detail.contains("Neighbour")));

    // The day's alert goes once to the coordinators while something is low.
    let system = heart_app::Actor::system();
    assert!(t.app.alert_supplies(&system).await.unwrap());
    assert!(!t.app.alert_supplies(&system).await.unwrap());

    // Thrown away: the soonest-expiring go first (two of the four kits that expire on 10 December).
    moved(
        &t,
        &token,
        json!({"direction": "discarded", "kind": "naloxone", "place": "office", "count": 2}),
    )
    .await;
    let nal = stock(&t, &token).await;
    let nal = find(&nal, "naloxone", "office");
    assert_eq!(
        (nal["on_hand"].as_i64(), nal["expiring_30d"].as_i64()),
        (Some(5), Some(2))
    );
}

#[tokio::test]
async fn a_walk_takes_from_the_van_and_what_it_lacked_is_flagged() {
    let t = spawn_app().await;
    t.user("sam", &[Capability::Respond], None).await;
    t.user("ana", &[Capability::Respond], None).await;
    let token = t.token(&[Capability::Coordinate]).await;
    moved(
        &t,
        &token,
        json!({"direction": "received", "kind": "water", "place": "van", "count": 5, "source": "other"}),
    )
    .await;
    let walk = json!({
        "place": "Central Square", "started_at": "2026-11-26T17:00:00Z", "ended_at": "2026-11-26T19:00:00Z",
        "people": ["sam", "ana"],
        "tallies": {"people_reached": 9, "items": {"water": 8, "socks": 3}, "naloxone_given": 0},
    });
    let (s, b) = t.post("/api/v1/outreach", Some(&token), &walk).await;
    assert_eq!(
        s,
        StatusCode::CREATED,
        "the walk is never refused for stock: {b}"
    );
    let st = stock(&t, &token).await;
    assert_eq!(find(&st, "water", "van")["on_hand"], 0);
    let pw = t.user("rae", &[Capability::Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (_, html, _) = t.page("/supplies", Some(&rae)).await;
    assert!(html.contains("3 more than the stock held") && html.contains("3 more"));
    let short = t
        .app
        .supply_shortfalls(&heart_app::Actor::system())
        .await
        .unwrap();
    assert_eq!(short.len(), 2, "water and socks");
    // Each of the walk's movements is in the audit log, beside the walk.
    let audit = t.store.audit_recent(50).await.unwrap();
    let given: Vec<&str> = audit
        .iter()
        .filter(|e| e.entry.action == "supply.given")
        .map(|e| e.entry.detail.as_str())
        .collect();
    assert_eq!(given.len(), 2, "{given:?}");
    assert!(given.contains(&"water") && given.contains(&"socks"));
    let water = short.iter().find(|m| m.kind == "water").unwrap();
    assert_eq!((water.count, water.shortfall), (8, 3));
    let (s, _, loc) = t
        .form(
            &format!("/supplies/shortfalls/{}/checked", water.id),
            &rae,
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.as_deref(), Some("/supplies?done=shortfall_checked"));
    // Once only; and a movement that is no shortfall is not one.
    let path = format!("/supplies/shortfalls/{}/checked", water.id);
    let (s, _, _) = t.form(&path, &rae, &[]).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let received = t
        .app
        .supply_moves(&heart_app::Actor::system())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.direction == "received")
        .unwrap();
    let path = format!("/supplies/shortfalls/{}/checked", received.id);
    let (s, _, _) = t.form(&path, &rae, &[]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let left = t
        .app
        .supply_shortfalls(&heart_app::Actor::system())
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    let t = spawn_app().await;
    let token = t.token(&[Capability::Coordinate]).await;
    let cases = [
        (json!({}), "direction"),
        (
            json!({"direction": "sent", "kind": "water", "place": "office", "count": 1}),
            "direction",
        ),
        (
            json!({"direction": "received", "kind": "gold", "place": "office", "count": 1, "source": "other"}),
            "kind",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "moon", "count": 1, "source": "other"}),
            "place",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "office", "count": 0, "source": "other"}),
            "count",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "office", "count": 10001, "source": "other"}),
            "count",
        ),
        (
            json!({"direction": "received", "kind": "naloxone", "place": "office", "count": 1, "source": "other", "expires": "2026-11-25"}),
            "expires",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "office", "count": 1}),
            "source",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "office", "count": 1, "source": "bought"}),
            "ledger_entry_id",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "office", "count": 1, "source": "bought", "ledger_entry_id": "0192f0c2-0000-7000-8000-000000000000"}),
            "ledger_entry_id",
        ),
        (
            json!({"direction": "received", "kind": "water", "place": "office", "count": 1, "source": "donated", "donor_email": "not an email"}),
            "donor_email",
        ),
        (
            json!({"direction": "moved", "kind": "water", "place": "office", "to_place": "office", "count": 1}),
            "to_place",
        ),
        (
            json!({"direction": "given", "kind": "water", "place": "office", "count": 1, "request_id": "0192f0c2-0000-7000-8000-000000000000"}),
            "request_id",
        ),
        (
            json!({"direction": "given", "kind": "water", "place": "office", "count": 1}),
            "count",
        ),
    ];
    for (body, field) in cases {
        let (s, b) = t.post("/api/v1/supplies/moves", Some(&token), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        assert!(b["error"]["fields"][field].is_string(), "{body}: {b}");
    }
    for (body, field) in [
        (
            json!({"kind": "water", "place": "office", "low_at": -1}),
            "low_at",
        ),
        (json!({"kind": "water", "place": "office"}), "low_at"),
        (
            json!({"kind": "water", "place": "garage", "low_at": 3}),
            "place",
        ),
    ] {
        let (s, b) = t.post("/api/v1/supplies/levels", Some(&token), &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {b}");
        assert!(b["error"]["fields"][field].is_string(), "{body}: {b}");
    }
    assert!(stock(&t, &token).await.is_empty(), "nothing written");
    // Only those who go out or coordinate.
    let intake = t.token(&[Capability::Intake]).await;
    let (s, _) = t.get("/api/v1/supplies", Some(&intake)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let respond = t.token(&[Capability::Respond]).await;
    let (s, _) = t
        .post(
            "/api/v1/supplies/levels",
            Some(&respond),
            &json!({"kind": "water", "place": "office", "low_at": 3}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t.get("/api/v1/supplies", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}
