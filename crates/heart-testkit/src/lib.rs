//! Test helpers: `spawn_app()` starts the real router and SQLite store on 127.0.0.1:0 with a temp data dir,
//! a fixed clock and cheap argon2. Tests only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod outbound;
pub mod smtp;

use heart_app::{Actor, App, AppConfig};
use heart_crypto::PasswordPolicy;
use heart_crypto::keys::Keys;
use heart_domain::access::{Capabilities, Capability};
use heart_domain::ids::TeamId;
use heart_domain::time::{FixedClock, Timestamp};
use heart_domain::triage::Script;
use heart_store::TrustOp;
use heart_store::sqlite::SqliteStore;
use reqwest::StatusCode;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;

pub struct TestApp {
    pub addr: SocketAddr,
    pub url: String,
    pub app: Arc<App>,
    /// The app's store, for tests that look at what was kept (the app itself keeps it private).
    pub store: Arc<dyn heart_store::Store>,
    pub clock: Arc<FixedClock>,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
}

/// Thursday 26 November 2026, 15:00 in Cambridge: within the default hours.
pub fn test_now() -> Timestamp {
    "2026-11-26T20:00:00Z".parse().unwrap()
}

/// The real router and store, with second-factor sign-in off (most tests are about other things).
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// As `spawn_app`, with settings changed first (e.g. `require_second_factor = true`).
pub async fn spawn_app_with(change: impl FnOnce(&mut AppConfig)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    // A real key file under the data directory, as `heart serve` makes one.
    let (keys, _) = Keys::open(&dir.path().join("heart.key")).unwrap();
    let store = SqliteStore::open(&dir.path().join("heart.db"), Arc::new(keys))
        .await
        .unwrap();
    let clock = Arc::new(FixedClock::new(test_now()));
    let mut config = AppConfig {
        password_policy: PasswordPolicy::low_cost(),
        erasure_log: Some(dir.path().join("heart.erasures")),
        require_second_factor: false,
        push: heart_app::push::PushConfig::with_new_key("mailto:ops@heart.example.org"),
        ..AppConfig::default()
    };
    change(&mut config);
    let store: Arc<dyn heart_store::Store> = Arc::new(store);
    let app = App::new(
        store.clone(),
        clock.clone(),
        Script::shipped().unwrap(),
        config,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = heart_web::router(app.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let client = cookie_client();
    TestApp {
        url: format!("http://{addr}"),
        addr,
        app,
        store,
        clock,
        client,
        dir,
    }
}

/// A signed-in browser: its session cookie and CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl TestApp {
    /// The person a signed-in session acts as, for calling use cases directly.
    pub async fn actor_of(&self, s: &Session) -> Actor {
        self.app
            .session_actor(s.cookie.trim_start_matches("heart_session="))
            .await
            .unwrap()
            .expect("a live session")
            .0
    }

    /// Erases a person straight in the store (as an approved erasure does), now.
    pub async fn erase(&self, subject: heart_domain::ids::SubjectId) {
        self.store
            .apply(heart_store::ChangeSet::new().op(heart_store::Op::Trust(
                TrustOp::EraseSubject {
                    id: subject,
                    at: self.app.clock.now(),
                    reason: "person_asked".into(),
                },
            )))
            .await
            .unwrap();
    }

    pub async fn token(&self, caps: &[Capability]) -> String {
        self.app
            .create_token(&Actor::cli(), "test", Capabilities::of(caps), None)
            .await
            .unwrap()
    }

    /// A token made for a new account holding `caps` (a person): unlike `token`, it is given people's personal
    /// (sealed) fields.
    pub async fn person_token(&self, caps: &[Capability]) -> String {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let username = format!("staff-{n}");
        self.app
            .add_user(
                &Actor::cli(),
                &username,
                None,
                Capabilities::of(caps),
                None,
                Some("a test password"),
            )
            .await
            .unwrap();
        // The longest a person's token may last, so tests that move the clock months ahead keep it.
        self.app
            .create_token_expiring(
                &Actor::cli(),
                "test",
                Capabilities::of(caps),
                Some(&username),
                Some(366),
            )
            .await
            .unwrap()
    }

    /// A token that acts for one person.
    pub async fn token_for(&self, username: &str, caps: &[Capability]) -> String {
        self.app
            .create_token(
                &Actor::cli(),
                "test",
                Capabilities::of(caps),
                Some(username),
            )
            .await
            .unwrap()
    }

    /// A team on shift now, at a position.
    pub async fn team(&self, name: &str, at: (f64, f64)) -> TeamId {
        let t = self
            .app
            .create_team(&Actor::cli(), name, Some(at))
            .await
            .unwrap();
        // Two responders: nobody goes out alone.
        for n in 1..=2 {
            let username = format!("{}-{n}", name.to_lowercase().replace(' ', "-"));
            let caps = Capabilities::of(&[Capability::Respond]);
            self.app
                .add_user(
                    &Actor::cli(),
                    &username,
                    None,
                    caps,
                    Some(t.id),
                    Some("a test password"),
                )
                .await
                .unwrap();
        }
        let now = self.clock.now_ts();
        self.app
            .add_shift(
                &Actor::cli(),
                t.id,
                now.checked_sub(jiff::SignedDuration::from_hours(1))
                    .unwrap(),
                now.checked_add(jiff::SignedDuration::from_hours(8))
                    .unwrap(),
            )
            .await
            .unwrap();
        t.id
    }

    /// Adds an account and returns its password.
    pub async fn user(&self, username: &str, caps: &[Capability], team: Option<TeamId>) -> String {
        let password = format!("password-of-{username}");
        self.app
            .add_user(
                &Actor::cli(),
                username,
                None,
                Capabilities::of(caps),
                team,
                Some(&password),
            )
            .await
            .unwrap();
        password
    }

    pub async fn login(&self, username: &str, password: &str) -> Session {
        let s = self.app.login(username, password).await.unwrap();
        Session {
            cookie: format!("heart_session={}", s.cookie),
            csrf: s.csrf,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut r = self.client.get(format!("{}{path}", self.url));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        let resp = r.send().await.unwrap();
        let status = resp.status();
        let body = resp.json().await.unwrap_or(Value::Null);
        (status, body)
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (StatusCode, Value) {
        let mut r = self.client.post(format!("{}{path}", self.url)).json(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        let resp = r.send().await.unwrap();
        let status = resp.status();
        let body = resp.json().await.unwrap_or(Value::Null);
        (status, body)
    }

    pub async fn post_raw(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: &str,
    ) -> (StatusCode, Value) {
        let resp = self
            .client
            .post(format!("{}{path}", self.url))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// A page as a signed-in person: (status, body, location header).
    pub async fn page(
        &self,
        path: &str,
        s: Option<&Session>,
    ) -> (StatusCode, String, Option<String>) {
        let mut r = self.client.get(format!("{}{path}", self.url));
        if let Some(s) = s {
            r = r.header("cookie", &s.cookie);
        }
        let resp = r.send().await.unwrap();
        let loc = resp
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        (resp.status(), resp.text().await.unwrap(), loc)
    }

    /// Submits a form as a signed-in person (the CSRF token is added).
    pub async fn form(
        &self,
        path: &str,
        s: &Session,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String, Option<String>) {
        let mut all: Vec<(&str, &str)> = vec![("csrf", &s.csrf)];
        all.extend_from_slice(fields);
        let resp = self
            .client
            .post(format!("{}{path}", self.url))
            .header("cookie", &s.cookie)
            .form(&all)
            .send()
            .await
            .unwrap();
        let loc = resp
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        (resp.status(), resp.text().await.unwrap(), loc)
    }
}

trait NowTs {
    fn now_ts(&self) -> Timestamp;
}
impl NowTs for FixedClock {
    fn now_ts(&self) -> Timestamp {
        heart_domain::time::Clock::now(self)
    }
}

/// A plain client (the TLS provider installed first: reqwest is built with rustls and no default provider).
pub fn client() -> reqwest::Client {
    client_builder().build().unwrap()
}

pub fn client_builder() -> reqwest::ClientBuilder {
    heart_app::payments::ensure_tls_provider();
    reqwest::Client::builder()
}

/// A client that does not follow redirects (cookies are passed by hand, as a browser would send them).
pub fn cookie_client() -> reqwest::Client {
    heart_app::payments::ensure_tls_provider();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn set_cookie(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        })
}

/// Signs in through the real sign-in page of a server at `url` (a separate process): the session to send.
pub async fn login_at(
    client: &reqwest::Client,
    url: &str,
    username: &str,
    password: &str,
) -> Session {
    let page = client.get(format!("{url}/login")).send().await.unwrap();
    let csrf_cookie = set_cookie(&page, "heart_csrf").expect("the sign-in page sets a CSRF cookie");
    let body = page.text().await.unwrap();
    let field = body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the sign-in form carries a CSRF field")
        .to_string();
    let resp = client
        .post(format!("{url}/login"))
        .header("cookie", format!("heart_csrf={csrf_cookie}"))
        .form(&[
            ("csrf", field.as_str()),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    let session = set_cookie(&resp, "heart_session").expect("signed in");
    Session {
        cookie: format!("heart_session={session}"),
        csrf: String::new(),
    }
}
