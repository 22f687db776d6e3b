//! Referrals, consent first and closed loop: only what the person agreed to share reaches the partner (its page,
//! its API and the signed webhook), the partner's answers reach the team's follow-up list, overdue hand-offs are
//! flagged, and a partner account sees its own organisation's listings and referrals and nothing else.

use heart_app::Actor;
use heart_app::demo::{DEMO_ARREARS_SERVICE, DEMO_PANTRY_SERVICE, DEMO_PARTNER_ORG};
use heart_domain::access::Capabilities;
use heart_domain::access::Capability::{self, *};
use heart_testkit::{TestApp, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const NAME: &str = "Ana Lucía Ferreira";
const PHONE: &str = "617-555-0142";
const SUMMARY: &str = "Bills piling up, partner controls the money, thinking of ending it";
const ACTIONS: &str = "Talked through the Eversource shutoff notice together";
const OWN_WORDS: &str = "I cannot let the lights go off with the kids here";

async fn app() -> TestApp {
    let t = spawn_app_with(|c| c.outbound.allow_loopback = true).await;
    assert!(t.app.seed_demo_directory().await.unwrap());
    t
}

/// A request about a person, closed with the encounter (needs: money, food). Returns its id.
async fn closed_request(t: &TestApp) -> String {
    let intake = t.token(&[Intake]).await;
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({
                "summary": SUMMARY,
                "contact": {"name": NAME, "phone": PHONE},
                "safe_contact": {"call_ok": true, "hours": "mon-fri 09:00-17:00"},
                "language": "pt-BR",
                "answers": {"medical": "no", "in_area": "yes", "where_now": "home", "distress": "calm"}
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/close"),
            Some(&intake),
            &json!({"needs": ["money", "food"], "actions": ACTIONS, "own_words": OWN_WORDS,
                    "outcome": "connected_to_support"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    id
}

/// Another organisation of the demo directory (not Margaret Fuller House), with one of its services.
async fn other_org(t: &TestApp) -> (String, String) {
    let l = t.app.directory().await.unwrap();
    let services = l.dir.tables.get(&heart_hsds::Kind::Service).unwrap();
    services
        .iter()
        .find_map(|(id, s)| {
            let org = s.get("organization_id")?.as_str()?;
            (org != DEMO_PARTNER_ORG).then(|| (org.to_string(), id.clone()))
        })
        .unwrap()
}

/// A partner's account (and a token acting for it).
async fn partner(t: &TestApp, username: &str, org: &str) -> (heart_testkit::Session, String) {
    let pw = format!("password-of-{username}");
    t.app
        .add_partner_user(&Actor::cli(), username, None, org, Some(&pw))
        .await
        .unwrap();
    let session = t.login(username, &pw).await;
    let token = t.token_for(username, &[Partner]).await;
    (session, token)
}

fn assert_private(what: &str, text: &str) {
    for secret in [
        SUMMARY,
        ACTIONS,
        OWN_WORDS,
        "Lucía",
        "Ferreira",
        "Eversource",
    ] {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
}

async fn refer(t: &TestApp, token: &str, id: &str, service: &str, share: Value) -> Value {
    let note = share
        .as_array()
        .unwrap()
        .contains(&json!("note"))
        .then_some("Prefers mornings; needs help with the electric bill");
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/referrals"),
            Some(token),
            &json!({"service_id": service, "share": share, "consent": true, "note": note}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    r
}

#[tokio::test]
async fn only_what_the_person_agreed_to_share_reaches_the_partner() {
    let t = app().await;
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/referrals"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    let secret = t
        .app
        .set_referral_hook(
            &Actor::cli(),
            DEMO_PARTNER_ORG,
            Some(&format!("{}/referrals", hook.uri())),
        )
        .await
        .unwrap()
        .unwrap();
    let id = closed_request(&t).await;
    let coordinator = t.token(&[Coordinate]).await;
    let (fuller, fuller_token) = partner(&t, "fuller", DEMO_PARTNER_ORG).await;

    // Refused: no consent, an unknown field, a note chosen but not written.
    for (body, field) in [
        (
            json!({"service_id": DEMO_ARREARS_SERVICE, "share": [], "consent": false}),
            "consent",
        ),
        (
            json!({"service_id": DEMO_ARREARS_SERVICE, "share": ["address"], "consent": true}),
            "share",
        ),
        (
            json!({"service_id": DEMO_ARREARS_SERVICE, "share": ["note"], "consent": true}),
            "note",
        ),
        // A note written but not ticked to share is not silently dropped.
        (
            json!({"service_id": DEMO_ARREARS_SERVICE, "share": ["needs"], "consent": true,
                   "note": "Prefers mornings"}),
            "note",
        ),
    ] {
        let (s, r) = t
            .post(
                &format!("/api/v1/requests/{id}/referrals"),
                Some(&coordinator),
                &body,
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {r}");
        assert!(r["error"]["fields"][field].is_string(), "{field}: {r}");
    }
    // A service the directory does not hold is not there, like any other id (and so said in the API document).
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/referrals"),
            Some(&coordinator),
            &json!({"service_id": "no-such-service", "share": ["address"], "consent": true}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{r}");
    let (_, none) = t
        .get(
            &format!("/api/v1/requests/{id}/referrals"),
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        none["referrals"].as_array().unwrap().len(),
        0,
        "nothing half-made"
    );

    // 1. The needs only.
    let first = refer(
        &t,
        &coordinator,
        &id,
        DEMO_ARREARS_SERVICE,
        json!(["needs"]),
    )
    .await;
    assert_eq!(first["shared"], json!(["needs"]));
    assert_eq!(first["status"], "sent");
    let first_id = first["id"].as_str().unwrap().to_string();
    // Sent again (a double click, a retry): one referral.
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/referrals"),
            Some(&coordinator),
            &json!({"service_id": DEMO_ARREARS_SERVICE, "share": ["needs"], "consent": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already referred"),
        "{r}"
    );
    // 2. The first name and a call-back number.
    let second = refer(
        &t,
        &coordinator,
        &id,
        DEMO_PANTRY_SERVICE,
        json!(["first_name", "callback"]),
    )
    .await;
    let second_id = second["id"].as_str().unwrap().to_string();

    // The partner's API: only the fields shared, and no ids of the request, the encounter or the person.
    let (s, list) = t
        .get("/api/v1/partner/referrals", Some(&fuller_token))
        .await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let text = list.to_string();
    assert_private("the partner API", &text);
    assert!(
        !text.contains("Prefers mornings"),
        "a note not chosen is not shared"
    );
    assert!(!text.contains(&id), "the request id stays with the team");
    let by_id = |v: &Value, rid: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rid)
            .unwrap()
            .clone()
    };
    let a = by_id(&list, &first_id);
    assert_eq!(a["person"], json!({"needs": ["money", "food"]}));
    assert_eq!(a["shared"], json!(["needs"]));
    let b = by_id(&list, &second_id);
    // The number carries the person's preferences with it (never the code word).
    assert_eq!(
        b["person"],
        json!({"first_name": "Ana", "callback": PHONE, "callback_ways":
            {"call_ok": true, "text_ok": false, "voicemail_ok": false, "hours": "mon-fri 09:00-17:00"}})
    );
    for k in [
        "request_id",
        "encounter_id",
        "subject",
        "team_id",
        "created_by",
    ] {
        assert!(a.get(k).is_none(), "{k} reaches the partner");
    }
    let (s, one) = t
        .get(
            &format!("/api/v1/partner/referrals/{first_id}"),
            Some(&fuller_token),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["person"], json!({"needs": ["money", "food"]}));
    assert!(!one.to_string().contains(PHONE), "not shared in this one");

    // The partner's page.
    let (s, page, _) = t.page("/partner", Some(&fuller)).await;
    assert_eq!(s, StatusCode::OK);
    assert_private("the partner page", &page);
    assert!(!page.contains("Prefers mornings"));
    assert!(
        page.contains("Ana") && page.contains(PHONE),
        "shared in the second"
    );
    assert!(page.contains("Money") && page.contains("Food"));

    // The webhook: signed, and only what was shared.
    assert_eq!(t.app.send_due_referral_hooks().await.unwrap(), 2);
    let got = hook.received_requests().await.unwrap();
    assert_eq!(got.len(), 2);
    let now = t.app.clock.now().as_second();
    for req in &got {
        let body = String::from_utf8(req.body.clone()).unwrap();
        assert_private("the webhook", &body);
        assert!(!body.contains("Prefers mornings"));
        let header = |h: &str| req.headers.get(h).map(|v| v.to_str().unwrap().to_string());
        heart_crypto::webhook::verify_heart_signature(
            secret.as_bytes(),
            header("x-heart-timestamp").as_deref(),
            header("x-heart-signature").as_deref(),
            body.as_bytes(),
            now,
            300,
        )
        .expect("signed with the organisation's secret");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["event"], "referral.created");
        let r = &v["referral"];
        let want = if r["id"] == first_id.as_str() {
            json!({"needs": ["money", "food"]})
        } else {
            json!({"first_name": "Ana", "callback": PHONE, "callback_ways":
                {"call_ok": true, "text_ok": false, "voicemail_ok": false, "hours": "mon-fri 09:00-17:00"}})
        };
        assert_eq!(r["person"], want, "{body}");
    }
    assert_eq!(
        t.app.send_due_referral_hooks().await.unwrap(),
        0,
        "sent once"
    );

    // The person changes their mind: withdrawn, what was shared is gone everywhere, the partner is told.
    let (s, w) = t
        .post(
            &format!("/api/v1/referrals/{second_id}/withdraw"),
            Some(&coordinator),
            &json!(null),
        )
        .await;
    assert_eq!(
        (s, w["status"].as_str()),
        (StatusCode::OK, Some("withdrawn"))
    );
    let (_, b) = t
        .get(
            &format!("/api/v1/partner/referrals/{second_id}"),
            Some(&fuller_token),
        )
        .await;
    assert_eq!(b["status"], "withdrawn");
    assert_eq!(b["person"], json!({}));
    assert!(!b.to_string().contains(PHONE));
    let (_, page, _) = t.page("/partner", Some(&fuller)).await;
    assert!(!page.contains(PHONE), "gone from the page");
    assert_eq!(t.app.send_due_referral_hooks().await.unwrap(), 1);
    let got = hook.received_requests().await.unwrap();
    let last: Value = serde_json::from_slice(&got[2].body).unwrap();
    assert_eq!(last["event"], "referral.withdrawn");
    assert_eq!(last["referral"]["person"], json!({}));
    assert!(!last.to_string().contains(PHONE));
    // The sealed copy is cleared in the database too, not only hidden.
    let stored = t
        .store
        .referrals()
        .referral(second_id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.details.is_empty());
}

#[tokio::test]
async fn the_partner_answers_and_the_team_sees_it_on_the_follow_up_list() {
    let t = app().await;
    let id = closed_request(&t).await;
    let coordinator = t.token(&[Coordinate]).await;
    let pw = t.user("rae", &[Coordinate], None).await;
    let rae = t.login("rae", &pw).await;
    let (_, fuller_token) = partner(&t, "fuller", DEMO_PARTNER_ORG).await;

    // From the request page: find a service, then the consent form (the values to be shared shown).
    let (s, page, _) = t.page(&format!("/requests/{id}"), Some(&rae)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("/directory?refer={id}")));
    let (_, found, _) = t
        .page(&format!("/directory?refer={id}&q=arrears"), Some(&rae))
        .await;
    assert!(found.contains(&format!(
        "/requests/{id}/refer?service={DEMO_ARREARS_SERVICE}"
    )));
    let (s, form, _) = t
        .page(
            &format!("/requests/{id}/refer?service={DEMO_ARREARS_SERVICE}"),
            Some(&rae),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("Help with utility arrears") && form.contains(PHONE));
    // Without the person's agreement ticked: the form again, naming the field.
    let (s, again, _) = t
        .form(
            &format!("/requests/{id}/refer"),
            &rae,
            &[("service", DEMO_ARREARS_SERVICE), ("share", "needs")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.contains("href=\"#consent\""));
    let (s, _, loc) = t
        .form(
            &format!("/requests/{id}/refer"),
            &rae,
            &[
                ("service", DEMO_ARREARS_SERVICE),
                ("share", "needs"),
                ("share", "first_name"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), format!("/requests/{id}#referrals"));
    let (_, list) = t
        .get(
            &format!("/api/v1/requests/{id}/referrals"),
            Some(&coordinator),
        )
        .await;
    let arrears = list["referrals"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        list["referrals"][0]["shared"],
        json!(["first_name", "needs"])
    );

    // The partner accepts on its page; declining needs a reason; then the person is connected.
    t.clock.advance(jiff::SignedDuration::from_hours(2));
    let fuller = t.login("fuller", "password-of-fuller").await;
    let (s, _, loc) = t
        .form(
            &format!("/partner/referrals/{arrears}"),
            &fuller,
            &[("status", "accepted")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc.unwrap(), format!("/partner#ref-{arrears}"));
    let (s, page, _) = t
        .form(
            &format!("/partner/referrals/{arrears}"),
            &fuller,
            &[("status", "declined"), ("reason", "")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(&format!("href=\"#reason-{arrears}\"")));
    t.clock.advance(jiff::SignedDuration::from_hours(20));
    let (s, r) = t
        .post(
            &format!("/api/v1/partner/referrals/{arrears}/status"),
            Some(&fuller_token),
            &json!({"status": "connected"}),
        )
        .await;
    assert_eq!(
        (s, r["status"].as_str()),
        (StatusCode::OK, Some("connected"))
    );
    // The end is final.
    let (s, r) = t
        .post(
            &format!("/api/v1/partner/referrals/{arrears}/status"),
            Some(&fuller_token),
            &json!({"status": "declined", "reason": "full"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{r}");
    let (s, r) = t
        .post(
            &format!("/api/v1/partner/referrals/{arrears}/status"),
            Some(&fuller_token),
            &json!({"status": "withdrawn"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{r}");

    // A second referral, declined with a reason; a third left unanswered past the answer time.
    let pantry = refer(&t, &coordinator, &id, DEMO_PANTRY_SERVICE, json!([])).await;
    let pantry = pantry["id"].as_str().unwrap().to_string();
    let (s, r) = t
        .post(
            &format!("/api/v1/partner/referrals/{pantry}/status"),
            Some(&fuller_token),
            &json!({"status": "declined", "reason": "full"}),
        )
        .await;
    assert_eq!((s, r["reason"].as_str()), (StatusCode::OK, Some("full")));
    // Declined, what the person shared is erased: the service has no more use for it.
    let shelter = refer(
        &t,
        &coordinator,
        &id,
        DEMO_PANTRY_SERVICE,
        json!(["callback"]),
    )
    .await;
    let shelter = shelter["id"].as_str().unwrap().to_string();
    let (_, r) = t
        .post(
            &format!("/api/v1/partner/referrals/{shelter}/status"),
            Some(&fuller_token),
            &json!({"status": "declined", "reason": "not_eligible"}),
        )
        .await;
    assert_eq!(r["person"], json!({}), "{r}");
    assert!(!r.to_string().contains(PHONE));
    let stored = t
        .store
        .referrals()
        .referral(shelter.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.details.is_empty());
    let waiting = refer(&t, &coordinator, &id, DEMO_ARREARS_SERVICE, json!([])).await;
    let waiting = waiting["id"].as_str().unwrap().to_string();
    let (_, r) = t.get("/api/v1/referrals", Some(&coordinator)).await;
    assert!(
        r["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["overdue"] == false)
    );
    t.clock.advance(jiff::SignedDuration::from_hours(25));
    let (_, r) = t.get("/api/v1/referrals", Some(&coordinator)).await;
    let rs = r["referrals"].as_array().unwrap();
    assert_eq!(rs.len(), 4, "{r}");
    assert_eq!(rs[0]["id"], waiting.as_str(), "overdue first");
    assert_eq!(rs[0]["overdue"], true);
    assert!(rs[1..].iter().all(|x| x["overdue"] == false));

    // Every status is timestamped.
    let (_, list) = t
        .get(
            &format!("/api/v1/requests/{id}/referrals"),
            Some(&coordinator),
        )
        .await;
    let a = &list["referrals"][0];
    let steps: Vec<&str> = a["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["sent", "accepted", "connected"]);
    let times: Vec<&str> = a["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");

    // The follow-up list shows the results and flags the overdue one (signed in again: hours went by).
    let rae = t.login("rae", &pw).await;
    let fuller = t.login("fuller", "password-of-fuller").await;
    let (s, page, _) = t.page("/follow-ups", Some(&rae)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Connected"));
    assert!(page.contains("No places free now"));
    assert!(page.contains("Overdue"));
    // The partner's page shows the overdue one too.
    let (_, page, _) = t.page("/partner", Some(&fuller)).await;
    assert!(page.contains("Overdue"));

    // A partner's page never shows the referral of a request to a responder of another team.
    let other = t.team("Team North", (42.38, -71.12)).await;
    let nia_pw = t.user("nia", &[Respond], Some(other)).await;
    let nia = t.login("nia", &nia_pw).await;
    let (_, page, _) = t.page("/follow-ups", Some(&nia)).await;
    assert!(!page.contains(&waiting), "not their team's request");
    let (s, _, _) = t
        .form(&format!("/referrals/{waiting}/withdraw"), &nia, &[])
        .await;
    assert!(
        s == StatusCode::NOT_FOUND || s == StatusCode::FORBIDDEN,
        "{s}"
    );
}

#[tokio::test]
async fn partner_accounts_hold_partner_alone_and_for_one_organisation() {
    let t = app().await;
    let cli = Actor::cli();
    let add = |caps: &[Capability]| {
        let caps = Capabilities::of(caps);
        let app = t.app.clone();
        let cli = cli.clone();
        async move {
            app.add_user(&cli, "someone", None, caps, None, Some("a test password"))
                .await
        }
    };
    let field = |r: Result<_, heart_app::AppError>| match r {
        Err(heart_app::AppError::Invalid(f)) => f.0.into_iter().collect::<Vec<_>>(),
        other => panic!("{:?}", other.map(|_| ())),
    };
    assert_eq!(
        field(add(&[Partner, Intake]).await),
        [("capabilities".to_string(), "partner_alone".to_string())]
    );
    assert_eq!(
        field(add(&[Partner]).await),
        [("organization".to_string(), "required".to_string())]
    );
    assert_eq!(
        field(
            t.app
                .add_partner_user(&cli, "x", None, "not-an-organization", None)
                .await
        ),
        [("organization".to_string(), "unknown".to_string())]
    );
    // A token with `partner` acts for a person's organisation: never a free-standing one.
    let r = t
        .app
        .create_token(&cli, "t", Capabilities::of(&[Partner]), None)
        .await;
    assert!(matches!(r, Err(heart_app::AppError::Invalid(_))));
    // A partner's account cannot be given a team capability (the two-person change is refused when asked).
    let (uid, _) = t
        .app
        .add_partner_user(
            &cli,
            "fuller",
            None,
            DEMO_PARTNER_ORG,
            Some("a test password"),
        )
        .await
        .unwrap();
    t.user("lee", &[Admin], None).await;
    let admin = t.app.token_actor(&t.token_for("lee", &[Admin]).await).await;
    let admin = admin.unwrap().unwrap();
    let r = t
        .app
        .ask_capabilities(&admin, uid, Capabilities::of(&[Partner, Intake]))
        .await;
    assert!(matches!(r, Err(heart_app::AppError::Invalid(_))), "{r:?}");
}

/// Every route of the server, from its source (so a new route cannot be forgotten here), tried as a partner: only
/// the public pages, the partner's own pages and API and the account pages answer; nothing shows a person's data.
#[tokio::test]
async fn partner_permission_matrix_over_every_route() {
    let t = app().await;
    let id = closed_request(&t).await;
    let coordinator = t.token(&[Coordinate]).await;
    let (other_org, other_service) = other_org(&t).await;
    let mine = refer(
        &t,
        &coordinator,
        &id,
        DEMO_ARREARS_SERVICE,
        json!(["needs", "callback"]),
    )
    .await;
    let mine = mine["id"].as_str().unwrap().to_string();
    let (fuller, fuller_token) = partner(&t, "fuller", DEMO_PARTNER_ORG).await;
    let (other, other_token) = partner(&t, "other", &other_org).await;
    let theirs = refer(&t, &coordinator, &id, &other_service, json!(["callback"])).await;
    let theirs = theirs["id"].as_str().unwrap().to_string();

    // Every route of the web layer: the router in lib.rs, each area's pages (`pages()`), and the API (`routes()`
    // and `api_routes()`, under /api/v1), wherever they are written.
    fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-web/src"),
        &mut files,
    );
    let mut routes: Vec<(String, bool, bool)> = Vec::new();
    for src in &files {
        for (at, _) in src.match_indices(".route(") {
            let part = &src[at + ".route(".len()..];
            // The function the route is written in says where it is mounted.
            let before = &src[..at];
            let in_api = before.rfind("fn ").is_some_and(|f| {
                let name = &before[f + 3..];
                name.starts_with("routes(") || name.starts_with("api_routes(")
            });
            let prefix = if in_api { "/api/v1" } else { "" };
            // A route names its path first (`.route(from, to, ..)` elsewhere is a street route).
            let Some(rest) = part.trim_start().strip_prefix('"') else {
                continue;
            };
            let Some(end) = rest.find('"') else { continue };
            let p = &rest[..end];
            if !p.starts_with('/') {
                continue;
            }
            let call = &rest[end..rest.find(")\n").unwrap_or(rest.len())];
            routes.push((
                format!("{prefix}{p}"),
                call.contains("get("),
                call.contains("post("),
            ));
        }
    }
    assert!(routes.len() > 100, "{}", routes.len());
    // Open to anyone (signed webhooks check their own signatures), or the partner's own.
    let public = [
        "/",
        "/request",
        "/login",
        "/login/code",
        "/login/passkey",
        "/logout",
        "/setup/{token}",
        "/healthz",
        "/metrics",
        "/api/openapi.json",
        "/static/{*path}",
        "/data",
        "/api/v1/data-inventory",
        "/directory",
        "/donate",
        "/donate/receipt/{token}",
        "/hooks/stripe",
        "/hooks/partner/{partner}",
        "/status/{token}",
        "/hooks/sms/twilio",
        "/hooks/sms/twilio/status",
        "/language",
        // The responder's service worker (a script with no data in it) and the web app manifest.
        "/responder/sw.js",
        "/manifest.webmanifest",
        // The public figures, small counts hidden, and what each figure counts.
        "/transparency",
        "/api/v1/transparency",
        "/impact/definitions",
    ];
    let partner_own = [
        "/partner",
        "/partner/referrals/{id}",
        "/partner/hook",
        "/partner/services/{id}",
        "/directory/capacity",
        "/account",
        "/account/second-factor",
        "/account/sign-out-everywhere",
        // An account's own password.
        "/account/password",
        // An account's own passkeys, whoever holds the account.
        "/account/passkeys",
        "/account/passkeys/options",
        "/account/passkeys/challenge",
        "/account/passkeys/{id}/name",
        "/account/passkeys/{id}/remove",
        "/api/v1/partner/referrals",
        "/api/v1/partner/referrals/{id}",
        "/api/v1/partner/referrals/{id}/status",
        "/api/v1/partner/services/{id}/capacity",
    ];
    let mut tried = 0;
    for (route, get, post) in &routes {
        let r = route.as_str();
        if public.contains(&r)
            || partner_own.contains(&r)
            || r.starts_with("/hsds")
            || r.starts_with("/open311")
        {
            continue;
        }
        let concrete = r
            .replace("{id}", if r.contains("referral") { &mine } else { &id })
            .replace("{step}", "approve")
            .replace("{token}", "x")
            .replace("{file}", "x");
        let api = r.starts_with("/api/");
        if *get {
            let (s, body) = if api {
                let (s, v) = t.get(&concrete, Some(&fuller_token)).await;
                (s, v.to_string())
            } else {
                let (s, b, _) = t.page(&concrete, Some(&fuller)).await;
                (s, b)
            };
            assert!(
                s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                "GET {concrete} as a partner: {s}"
            );
            assert_private(&concrete, &body);
            assert!(!body.contains(PHONE), "GET {concrete}");
            tried += 1;
        }
        if *post {
            let (s, body) = if api {
                let (s, v) = t.post(&concrete, Some(&fuller_token), &json!({})).await;
                (s, v.to_string())
            } else {
                let (s, b, _) = t.form(&concrete, &fuller, &[("status", "accepted")]).await;
                (s, b)
            };
            // 400: the JSON body was refused before anything else ran (no capability check reached).
            assert!(
                s == StatusCode::FORBIDDEN
                    || s == StatusCode::NOT_FOUND
                    || (api && s == StatusCode::BAD_REQUEST && body.contains("bad_request")),
                "POST {concrete} as a partner: {s} {body}"
            );
            assert_private(&concrete, &body);
            tried += 1;
        }
    }
    assert!(tried > 60, "{tried}");

    // Its own: yes. Another partner's: not found, everywhere.
    let (s, _) = t
        .get(
            &format!("/api/v1/partner/referrals/{mine}"),
            Some(&fuller_token),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .get(
            &format!("/api/v1/partner/referrals/{theirs}"),
            Some(&fuller_token),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t
        .get(
            &format!("/api/v1/partner/referrals/{mine}"),
            Some(&other_token),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = t.get("/api/v1/partner/referrals", Some(&other_token)).await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [theirs.as_str()]);
    let (_, page, _) = t.page("/partner", Some(&other)).await;
    assert!(!page.contains(&mine) && !page.contains("Help with utility arrears"));
    let (s, _) = t
        .post(
            &format!("/api/v1/partner/referrals/{mine}/status"),
            Some(&other_token),
            &json!({"status": "accepted"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = t
        .form(
            &format!("/partner/referrals/{mine}"),
            &other,
            &[("status", "accepted")],
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Listings and capacity: its own only.
    let (s, _) = t
        .post(
            &format!("/api/v1/partner/services/{DEMO_PANTRY_SERVICE}/capacity"),
            Some(&fuller_token),
            &json!({"status": "full", "available": 0}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .post(
            &format!("/api/v1/partner/services/{DEMO_PANTRY_SERVICE}/capacity"),
            Some(&other_token),
            &json!({"status": "open"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = t
        .form(
            "/directory/capacity",
            &other,
            &[("service", DEMO_PANTRY_SERVICE), ("status", "open")],
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = t
        .page(
            &format!("/partner/services/{DEMO_PANTRY_SERVICE}"),
            Some(&other),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = t
        .form(
            &format!("/partner/services/{DEMO_PANTRY_SERVICE}"),
            &other,
            &[("description", "taken over")],
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Its own listing: edited, checked against the HSDS schema, and searchable at once.
    let (s, _, _) = t
        .form(
            &format!("/partner/services/{DEMO_PANTRY_SERVICE}"),
            &fuller,
            &[
                (
                    "description",
                    "Groceries every Tuesday and Thursday; bring a bag. Quinoa today.",
                ),
                ("email", "not an email"),
                ("url", ""),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the schema checks the email"
    );
    let (s, page, _) = t
        .form(
            &format!("/partner/services/{DEMO_PANTRY_SERVICE}"),
            &fuller,
            &[("url", "javascript:alert(1)"), ("status", "active")],
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a website is a web address"
    );
    assert!(page.contains("href=\"#url\""));
    let (s, _, loc) = t
        .form(
            &format!("/partner/services/{DEMO_PANTRY_SERVICE}"),
            &fuller,
            &[
                (
                    "description",
                    "Groceries every Tuesday and Thursday; bring a bag. Quinoa today.",
                ),
                ("email", "pantry@example.org"),
                ("url", ""),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/partner#services"))
    );
    let (_, found, _) = t.page("/directory?q=quinoa", None).await;
    assert!(found.contains(DEMO_PANTRY_SERVICE), "searchable at once");
    assert!(
        found.contains("Full today") || found.contains("full"),
        "capacity shown"
    );
}

fn heart() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_heart"));
    c.env("RUST_LOG", "warn");
    c
}

/// The command line: a partner's account is made with --organization (partner alone, an organization that is in
/// the directory), and the organization's webhook with `heart directory hook` (https only; the secret once).
#[test]
fn the_command_line_adds_partners_and_their_hook() {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    let demo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../heart-app/data/directory-demo/services.json"
    );
    let out = heart()
        .args(["directory", "import", demo, "--data"])
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let add = |caps: &str, org: &str| {
        let mut child = heart()
            .args([
                "user",
                "add",
                "--username",
                "rosa",
                "--capabilities",
                caps,
                "--organization",
                org,
            ])
            .args(["--password-stdin", "--data"])
            .arg(data.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a long enough password\n")
            .unwrap();
        child.wait_with_output().unwrap()
    };
    for (caps, org) in [
        ("partner,intake", DEMO_PARTNER_ORG),
        ("partner", "no-such-organization"),
    ] {
        let out = add(caps, org);
        assert_eq!(out.status.code(), Some(2), "{caps} {org}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let out = add("partner", DEMO_PARTNER_ORG);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let hook = |url: &str| {
        heart()
            .args([
                "directory",
                "hook",
                "--organization",
                DEMO_PARTNER_ORG,
                "--url",
                url,
                "--data",
            ])
            .arg(data.path())
            .output()
            .unwrap()
    };
    let out = hook("http://partner.example/hook");
    assert_eq!(out.status.code(), Some(2), "https only");
    for inside in [
        "https://10.0.0.5/hook",
        "https://169.254.169.254/latest",
        "https://localhost/hook",
    ] {
        let out = hook(inside);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{inside}: never inside the network"
        );
    }
    let out = hook("https://partner.example/hook");
    assert_eq!(out.status.code(), Some(0));
    let secret = String::from_utf8(out.stdout).unwrap();
    assert!(
        secret.trim().starts_with("whsec_") && secret.trim().len() > 30,
        "{secret}"
    );
}

#[tokio::test]
async fn a_referral_hook_never_reaches_inside_the_network() {
    use std::sync::atomic::Ordering;
    let (port, connections) = heart_testkit::outbound::counting_receiver().await;
    // The outbound policy as deployed: no loopback.
    let t = heart_testkit::spawn_app().await;
    assert!(t.app.seed_demo_directory().await.unwrap());
    let stub = heart_testkit::outbound::Rebinding::new(true);
    t.app.outbound().set_lookup(stub.clone());
    for url in [
        format!("https://127.0.0.1:{port}/r"),
        format!("https://[::1]:{port}/r"),
        format!("https://localhost:{port}/r"),
        format!("https://rebind.invalid:{port}/r"),
    ] {
        let e = t
            .app
            .set_referral_hook(&Actor::cli(), DEMO_PARTNER_ORG, Some(&url))
            .await
            .unwrap_err();
        assert!(
            format!("{e:?}").contains("internal_address"),
            "{url}: {e:?}"
        );
    }
    let e = t
        .app
        .set_referral_hook(
            &Actor::cli(),
            DEMO_PARTNER_ORG,
            Some(&format!("http://127.0.0.1:{port}/r")),
        )
        .await
        .unwrap_err();
    assert!(format!("{e:?}").contains("invalid"), "{e:?}");
    // Saved while the name leads nowhere; by the time a referral is sent it leads to loopback.
    stub.flip(false);
    t.app
        .set_referral_hook(
            &Actor::cli(),
            DEMO_PARTNER_ORG,
            Some(&format!("https://rebind.invalid:{port}/r")),
        )
        .await
        .unwrap();
    stub.flip(true);
    let id = closed_request(&t).await;
    let coordinator = t.token(&[Coordinate]).await;
    refer(
        &t,
        &coordinator,
        &id,
        DEMO_ARREARS_SERVICE,
        json!(["needs"]),
    )
    .await;
    assert_eq!(t.app.send_due_referral_hooks().await.unwrap(), 0);
    t.clock.advance(jiff::SignedDuration::from_hours(5));
    assert_eq!(t.app.send_due_referral_hooks().await.unwrap(), 0);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing connected");
}
