//! The demo week is realistic and complete: every outcome and every status a request waits in.

use heart_app::{App, AppConfig};
use heart_crypto::PasswordPolicy;
use heart_domain::access::Capability;
use heart_domain::care::CloseOutcome;
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::time::SystemClock;
use heart_domain::triage::{Outcome, Script};
use heart_store::sqlite::SqliteStore;
use std::collections::HashSet;
use std::sync::Arc;

#[tokio::test]
async fn the_demo_week() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(
        &dir.path().join("heart.db"),
        Arc::new(heart_crypto::keys::Keys::ephemeral()),
    )
    .await
    .unwrap();
    let config = AppConfig {
        password_policy: PasswordPolicy::low_cost(),
        ..AppConfig::default()
    };
    let store: Arc<dyn heart_store::Store> = Arc::new(store);
    let app = App::new(
        store.clone(),
        Arc::new(SystemClock),
        Script::shipped().unwrap(),
        config,
    );
    let logins = app
        .load_demo()
        .await
        .unwrap()
        .expect("loaded into an empty database");
    assert!(
        app.load_demo().await.unwrap().is_none(),
        "never loaded twice"
    );

    let users = store.users().await.unwrap();
    let responders: Vec<_> = users
        .iter()
        .filter(|u| u.capabilities.has(Capability::Respond))
        .collect();
    assert_eq!(responders.len(), 8);
    assert_eq!(logins.len(), users.len());
    let teams = app.teams_now().await.unwrap();
    assert_eq!(teams.len(), 3);
    for t in &teams {
        assert!(
            responders
                .iter()
                .filter(|u| u.team_id == Some(t.row.id))
                .count()
                >= 2,
            "{} has two or more",
            t.row.name
        );
    }
    assert!(
        teams.iter().any(|t| t.status == TeamStatus::Available),
        "a team is free to try the loop"
    );

    let requests = store.recent_requests(1000).await.unwrap();
    assert!((38..=45).contains(&requests.len()));
    let statuses: HashSet<Status> = requests.iter().map(|r| r.status).collect();
    for s in [
        Status::Received,
        Status::Triaged,
        Status::Waiting,
        Status::Assigned,
        Status::OnScene,
        Status::Closed,
        Status::Cancelled,
    ] {
        assert!(statuses.contains(&s), "no {s:?} request");
    }
    let outcomes: HashSet<Outcome> = requests.iter().map(|r| r.triage.outcome).collect();
    assert_eq!(outcomes.len(), 6, "every triage outcome: {outcomes:?}");
    let closed: HashSet<CloseOutcome> = requests.iter().filter_map(|r| r.outcome).collect();
    assert_eq!(
        closed.len(),
        5,
        "every outcome chosen with a person: {closed:?}"
    );
    for r in requests.iter().filter(|r| r.status == Status::Closed) {
        assert_eq!(store.encounters(r.id).await.unwrap().len(), 1);
        let steps = store.transitions(r.id).await.unwrap();
        assert_eq!(steps.last().unwrap().to, Status::Closed);
    }
    // The three stories.
    for words in [
        "mother has just died",
        "ATM vestibule",
        "controls all the money",
    ] {
        assert!(
            requests.iter().any(|r| r.summary.contains(words)),
            "{words}"
        );
    }
    // Follow-ups: some overdue, some coming up.
    let now = heart_domain::time::Timestamp::now();
    let open = store.open_follow_ups().await.unwrap();
    assert!(
        open.iter().any(|f| f.due_at <= now) && open.iter().any(|f| f.due_at > now),
        "{open:?}"
    );
}
