//! The rota (issue 24.1): a team's weekly pattern makes four weeks of slots in the team's time zone; people sign up,
//! withdraw and swap, a coordinator places people; the board's "on shift" is the rota's; each person's calendar feed
//! is a real iCalendar (read here by a second, independent parser) that ends when it is replaced or stopped.

use heart_domain::access::Capability::*;
use heart_testkit::{Session, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn rota(t: &TestApp, token: &str, from: &str, to: &str) -> Vec<Value> {
    let (s, b) = t
        .get(&format!("/api/v1/rota?from={from}&to={to}"), Some(token))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["slots"].as_array().unwrap().clone()
}

async fn coordinator(t: &TestApp) -> Session {
    let pw = t.user("coord", &[Coordinate], None).await;
    t.login("coord", &pw).await
}

async fn pattern(
    t: &TestApp,
    s: &Session,
    team: &str,
    pattern: &str,
    needed: &str,
) -> (StatusCode, String) {
    let (st, body, _) = t
        .form(
            "/rota/pattern",
            s,
            &[
                ("pattern_team", team),
                ("pattern", pattern),
                ("needed", needed),
            ],
        )
        .await;
    (st, body)
}

async fn sign(t: &TestApp, token: &str, slot: &str, what: &str) -> (StatusCode, Value) {
    t.post(
        &format!("/api/v1/rota/slots/{slot}/{what}"),
        Some(token),
        &json!({}),
    )
    .await
}

#[tokio::test]
async fn a_pattern_makes_four_weeks_of_slots_and_people_sign_up_withdraw_and_swap() {
    let t = spawn_app().await;
    // Thursday 26 November 2026, 15:00 in Cambridge; the team has a shift by hand from 14:00 to 23:00 today.
    let north = t.team("North", (42.388, -71.119)).await.to_string();
    let coord = coordinator(&t).await;
    let dispatch = t.token(&[Dispatch]).await;

    // Bad patterns: each a field's message, nothing written.
    for (p, n, says) in [
        ("tue 16:00-10:00", "2", "must end after it starts"),
        ("someday 10:00-16:00", "2", "Give days, then times"),
        ("tue 10:00-16:00", "1", "outside the allowed range"),
    ] {
        let (s, body) = pattern(&t, &coord, &north, p, n).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p} {n}");
        assert!(body.contains(says), "{p}: {says}");
    }
    assert_eq!(
        rota(&t, &dispatch, "2026-11-26", "2026-12-23").await.len(),
        1
    );

    let (s, _) = pattern(&t, &coord, &north, "tue,thu 10:00-16:00", "2").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let slots = rota(&t, &dispatch, "2026-11-26", "2026-12-23").await;
    // Today's Thursday overlaps the shift added by hand, so it is not made again; then seven in four weeks.
    assert_eq!(slots.len(), 8, "{slots:?}");
    let made: Vec<&Value> = slots
        .iter()
        .filter(|s| s["start"] != slots[0]["start"])
        .collect();
    assert_eq!(made.len(), 7);
    assert_eq!(
        made[0]["start"], "2026-12-01T15:00:00Z",
        "10:00 in Cambridge"
    );
    assert_eq!(made[0]["end"], "2026-12-01T21:00:00Z");
    assert_eq!(made[0]["needed"], 2);
    assert!(made.iter().all(|s| s["team_id"] == north.as_str()));
    // Saving it again makes nothing twice.
    pattern(&t, &coord, &north, "tue,thu 10:00-16:00", "2").await;
    assert_eq!(
        rota(&t, &dispatch, "2026-11-26", "2026-12-23").await.len(),
        8
    );
    // From may equal to; a day both included.
    assert_eq!(
        rota(&t, &dispatch, "2026-12-01", "2026-12-01").await.len(),
        1
    );
    for q in [
        "from=2026-12-02&to=2026-12-01",
        "from=2026-12-01",
        "from=tuesday&to=2026-12-01",
        "from=2026-01-01&to=2026-12-01",
    ] {
        let (s, b) = t.get(&format!("/api/v1/rota?{q}"), Some(&dispatch)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {b}");
    }

    let slot = made[0]["id"].as_str().unwrap().to_string();
    let one = t.token_for("north-1", &[Respond]).await;
    let two = t.token_for("north-2", &[Respond]).await;
    t.user("north-3", &[Respond], Some(north.parse().unwrap()))
        .await;
    let three = t.token_for("north-3", &[Respond]).await;
    let other_team = t.team("South", (42.36, -71.10)).await;
    let _ = other_team;
    let south = t.token_for("south-1", &[Respond]).await;

    let (s, b) = sign(&t, &one, &slot, "signup").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["people"].as_array().unwrap().len(), 1);
    assert_eq!(b["people"][0]["name"], "north-1");
    let (s, b) = sign(&t, &one, &slot, "signup").await;
    assert_eq!(
        (s, &b["error"]["fields"]["slot"]),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!("You are already on this shift.")
        )
    );
    let (s, b) = sign(&t, &south, &slot, "signup").await;
    assert_eq!(
        (s, &b["error"]["fields"]["slot"]),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!(
                "Only the team's members can be on its shifts. A coordinator can add people to the team."
            )
        )
    );
    let (s, b) = sign(&t, &dispatch, &slot, "signup").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    let person_less = t.token(&[Respond]).await;
    let (s, b) = sign(&t, &person_less, &slot, "signup").await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(
        b["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only a person")
    );

    // Two people take the last place at once: one has it, the other is told it is full.
    let (a, b) = tokio::join!(
        sign(&t, &two, &slot, "signup"),
        sign(&t, &three, &slot, "signup")
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY],
        "{a:?} {b:?}"
    );
    let loser = if a.0 == StatusCode::OK { &b.1 } else { &a.1 };
    assert_eq!(
        loser["error"]["fields"]["slot"],
        "This shift has all the people it needs."
    );
    let now = rota(&t, &dispatch, "2026-12-01", "2026-12-01").await;
    assert_eq!(now[0]["people"].as_array().unwrap().len(), 2);

    // Withdraw, and the place is free again.
    let (winner, other) = if a.0 == StatusCode::OK {
        (&two, &three)
    } else {
        (&three, &two)
    };
    let (s, b) = sign(&t, winner, &slot, "withdraw").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["people"].as_array().unwrap().len(), 1);
    let (s, b) = sign(&t, winner, &slot, "withdraw").await;
    assert_eq!(
        b["error"]["fields"]["slot"], "You are not on this shift.",
        "{s}"
    );
    let (s, _) = sign(&t, other, &slot, "signup").await;
    assert_eq!(s, StatusCode::OK);

    // A swap on the page: north-1 offers their place, north-1 cannot take it back as a swap, the winner takes it.
    let s1 = t.login("north-1", "a test password").await;
    let page = t.page("/rota", Some(&s1)).await.1;
    assert!(page.contains("Offer for a swap"));
    let path = format!("/rota/slots/{slot}");
    let (s, _, loc) = t.form(&path, &s1, &[("move", "offer")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(loc.unwrap().contains("done=rota_offer"));
    let (s, body, _) = t.form(&path, &s1, &[("move", "take")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("You cannot swap with yourself."));
    let winner_name = if a.0 == StatusCode::OK {
        "north-2"
    } else {
        "north-3"
    };
    let pw = if winner_name == "north-3" {
        "password-of-north-3"
    } else {
        "a test password"
    };
    let sw = t.login(winner_name, pw).await;
    let page = t.page("/rota", Some(&sw)).await.1;
    assert!(page.contains("Take north-1&#39;s place") || page.contains("Take north-1's place"));
    let (s, _, _) = t.form(&path, &sw, &[("move", "take")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let after = rota(&t, &dispatch, "2026-12-01", "2026-12-01").await;
    let names: Vec<&str> = after[0]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"north-1") && names.contains(&winner_name),
        "{names:?}"
    );
    assert!(
        after[0]["people"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["offered"] == false)
    );

    // A coordinator places north-1 in another slot; the gap closes on the page.
    let next = made[1]["id"].as_str().unwrap();
    let gap_row = format!("id=\"slot-{next}\" class=\"rota-slot rota-gap\"");
    assert!(t.page("/rota", Some(&coord)).await.1.contains(&gap_row));
    let uid = t
        .store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "north-1")
        .unwrap()
        .id
        .to_string();
    let (s, _, _) = t
        .form(
            &format!("/rota/slots/{next}"),
            &coord,
            &[("move", "place"), ("member", &uid)],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, _) = sign(&t, &two, next, "signup").await;
    assert_eq!(s, StatusCode::OK);
    let page = t.page("/rota", Some(&coord)).await.1;
    assert!(!page.contains(&gap_row), "the slot has its two people");
    assert!(page.contains(&format!("id=\"slot-{next}\" class=\"rota-slot\"")));

    // A slot that has ended: nobody signs up or withdraws any more.
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 8));
    let (s, b) = sign(&t, winner, &slot, "withdraw").await;
    assert_eq!(b["error"]["fields"]["slot"], "This shift is over.", "{s}");
    // Every move is in the audit log, naming the slot and the person's id, never more.
    let audit = t.store.audit_recent(1000).await.unwrap();
    for action in [
        "rota.pattern",
        "rota.sign_up",
        "rota.withdraw",
        "rota.offer",
        "rota.take",
        "rota.place",
    ] {
        assert!(audit.iter().any(|e| e.entry.action == action), "{action}");
    }
}

#[tokio::test]
async fn the_board_is_on_shift_when_the_rota_says_so() {
    let t = spawn_app().await;
    let team = t
        .app
        .create_team(
            &heart_app::Actor::cli(),
            "Riverside",
            Some((42.36, -71.112)),
        )
        .await
        .unwrap();
    let dispatch = t.token(&[Dispatch]).await;
    let on_shift = |b: &Value| {
        b["teams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == "Riverside")
            .unwrap()["on_shift"]
            .clone()
    };
    let (_, b) = t.get("/api/v1/teams", Some(&dispatch)).await;
    assert_eq!(on_shift(&b), false);
    // Thursday 15:00 in Cambridge: a Thursday pattern from 14:00 covers now.
    let coord = coordinator(&t).await;
    let (s, _) = pattern(&t, &coord, &team.id.to_string(), "thu 14:00-18:00", "3").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, b) = t.get("/api/v1/teams", Some(&dispatch)).await;
    assert_eq!(on_shift(&b), true, "{b}");
    let slots = rota(&t, &dispatch, "2026-11-26", "2026-11-26").await;
    assert_eq!(slots[0]["needed"], 3);
    // The hourly job keeps four weeks ahead as the days pass, making nothing twice.
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 7));
    let made = t
        .app
        .extend_rota(&heart_app::Actor::system())
        .await
        .unwrap();
    assert_eq!(made, 1, "one more Thursday at the end of the four weeks");
    assert_eq!(
        t.app
            .extend_rota(&heart_app::Actor::system())
            .await
            .unwrap(),
        0
    );
}

fn events(ics: &str) -> Vec<std::collections::HashMap<String, String>> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let mut out = Vec::new();
    let mut calendars = 0;
    for cal in reader {
        let cal = cal.expect("a valid calendar");
        calendars += 1;
        for e in cal.events {
            out.push(
                e.properties
                    .into_iter()
                    .map(|p| (p.name, p.value.unwrap_or_default()))
                    .collect(),
            );
        }
    }
    assert_eq!(calendars, 1);
    out
}

#[tokio::test]
async fn the_calendar_feed_is_a_real_calendar_across_daylight_saving_and_ends_when_stopped() {
    let t = spawn_app().await;
    // Sunday 25 October 2026, 09:00 in Cambridge: the clocks go back on Sunday 1 November.
    t.clock.set("2026-10-25T13:00:00Z".parse().unwrap());
    let north = t.team("North", (42.388, -71.119)).await.to_string();
    let coord = coordinator(&t).await;
    pattern(&t, &coord, &north, "mon 10:00-16:00", "2").await;
    let one = t.token_for("north-1", &[Respond]).await;
    let dispatch = t.token(&[Dispatch]).await;
    let slots = rota(&t, &dispatch, "2026-10-25", "2026-11-02").await;
    let mondays: Vec<&Value> = slots
        .iter()
        .filter(|s| {
            ["2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z"].contains(&s["start"].as_str().unwrap())
        })
        .collect();
    assert_eq!(mondays.len(), 2, "10:00 on the wall both weeks: {slots:?}");
    for s in &mondays {
        let (st, b) = sign(&t, &one, s["id"].as_str().unwrap(), "signup").await;
        assert_eq!(st, StatusCode::OK, "{b}");
    }

    let s1 = t.login("north-1", "a test password").await;
    let (s, page, _) = t.form("/rota/feed", &s1, &[]).await;
    assert_eq!(s, StatusCode::OK);
    let start = page.find("/rota/feed/").unwrap();
    let end = start + page[start..].find(".ics").unwrap() + 4;
    let path = page[start..end].to_string();
    assert!(page.contains("shown only this once"));
    assert!(
        !t.page("/rota", Some(&s1)).await.1.contains(&path),
        "shown once"
    );

    let resp = t
        .client
        .get(format!("{}{path}", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = resp.text().await.unwrap();
    let evs = events(&ics);
    assert_eq!(evs.len(), 2, "{ics}");
    let starts: Vec<&str> = evs.iter().map(|e| e["DTSTART"].as_str()).collect();
    assert!(
        starts.contains(&"20261026T140000Z") && starts.contains(&"20261102T150000Z"),
        "{starts:?}"
    );
    for e in &evs {
        assert!(e["UID"].ends_with("@heart"));
        assert!(e.contains_key("DTSTAMP") && e["DTEND"].ends_with('Z'));
        assert!(e["SUMMARY"].contains("North"), "{e:?}");
        assert!(!e["SUMMARY"].contains("north-1"));
    }

    // A new link ends the old one; stopping ends the new one; anything else is 404.
    let (_, page2, _) = t.form("/rota/feed", &s1, &[]).await;
    let st = page2.find("/rota/feed/").unwrap();
    let path2 = page2[st..st + page2[st..].find(".ics").unwrap() + 4].to_string();
    assert_ne!(path, path2);
    let get = |p: String| {
        let c = t.client.clone();
        let url = t.url.clone();
        async move { c.get(format!("{url}{p}")).send().await.unwrap().status() }
    };
    assert_eq!(get(path.clone()).await, StatusCode::NOT_FOUND);
    assert_eq!(get(path2.clone()).await, StatusCode::OK);
    let (s, _, _) = t.form("/rota/feed/stop", &s1, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(get(path2.clone()).await, StatusCode::NOT_FOUND);
    assert_eq!(
        get("/rota/feed/nothing.ics".into()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(path2.trim_end_matches(".ics").to_string()).await,
        StatusCode::NOT_FOUND
    );
}
