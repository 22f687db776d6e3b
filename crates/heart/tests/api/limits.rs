//! Limits nobody can skip: only a credential that verifies lifts the per-address limit, and forms that make
//! something at a provider have their own limit whoever sends them.

use heart_domain::access::Capability;
use heart_testkit::spawn_app;
use reqwest::StatusCode;

async fn statuses(
    t: &heart_testkit::TestApp,
    n: usize,
    header: Option<(&str, &str)>,
) -> (usize, usize) {
    let (mut ok, mut limited) = (0, 0);
    for _ in 0..n {
        let mut r = t.client.get(format!("{}/healthz", t.url));
        if let Some((k, v)) = header {
            r = r.header(k, v);
        }
        match r.send().await.unwrap().status() {
            StatusCode::OK => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => limited += 1,
            s => panic!("unexpected {s}"),
        }
    }
    (ok, limited)
}

#[tokio::test]
async fn a_credential_that_does_not_verify_counts_like_none() {
    // A made-up bearer: the first 300 in the minute pass, the rest are refused.
    let t = spawn_app().await;
    assert_eq!(
        statuses(&t, 310, Some(("authorization", "Bearer x"))).await,
        (300, 10)
    );
    // A made-up session cookie likewise.
    let t = spawn_app().await;
    assert_eq!(
        statuses(&t, 310, Some(("cookie", "heart_session=made-up"))).await,
        (300, 10)
    );
    // A real token lifts it.
    let t = spawn_app().await;
    let token = t.token(&[Capability::Dispatch]).await;
    let auth = format!("Bearer {token}");
    assert_eq!(
        statuses(&t, 310, Some(("authorization", auth.as_str()))).await,
        (310, 0)
    );
    // And a real session.
    let t = spawn_app().await;
    let pw = t.user("dana", &[Capability::Dispatch], None).await;
    let s = t.login("dana", &pw).await;
    assert_eq!(
        statuses(&t, 310, Some(("cookie", s.cookie.as_str()))).await,
        (310, 0)
    );
}

#[tokio::test]
async fn starting_gifts_is_limited_per_address_whoever_asks() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    // Each post that passes makes a checkout session at the (fake) provider: 20 at most.
    let mock = MockServer::start().await;
    let made = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .respond_with(move |_: &wiremock::Request| {
            let n = made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "id": format!("cs_test_limit_{n}"), "object": "checkout.session",
                "url": format!("https://checkout.stripe.com/c/pay/cs_test_limit_{n}")}))
        })
        .expect(20)
        .mount(&mock)
        .await;
    let t = crate::money::stripe_app(&mock).await;
    let mut codes = Vec::new();
    for _ in 0..22 {
        // A fresh form each time, as a script posting again and again would fetch.
        let (cookie, csrf) = crate::money::public_form(&t).await;
        let r = t
            .client
            .post(format!("{}/donate", t.url))
            .header("cookie", &cookie)
            .form(&[
                ("csrf", csrf.as_str()),
                ("amount", "27.50"),
                ("frequency", "once"),
                ("name", "A Giver"),
                ("email", "giver@example.org"),
            ])
            .send()
            .await
            .unwrap();
        codes.push(r.status());
    }
    assert!(
        codes[..20].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{codes:?}"
    );
    assert_eq!(codes[20], StatusCode::TOO_MANY_REQUESTS, "{codes:?}");
    assert_eq!(codes[21], StatusCode::TOO_MANY_REQUESTS);
    // A bearer token does not open the page at all (tokens are for the API).
    let (cookie, csrf) = crate::money::public_form(&t).await;
    let token = t.token(&[Capability::Finance]).await;
    let r = t
        .client
        .post(format!("{}/donate", t.url))
        .header("cookie", &cookie)
        .bearer_auth(&token)
        .form(&[("csrf", csrf.as_str()), ("amount", "25")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
