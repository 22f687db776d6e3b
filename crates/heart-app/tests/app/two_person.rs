//! The two-person rule as a property: whatever people ask and decide, in any order, nothing is erased, exported
//! or changed on one person's word.

use heart_app::{Actor, ActorKind, App, AppConfig};
use heart_crypto::PasswordPolicy;
use heart_crypto::keys::Keys;
use heart_domain::access::{Capabilities, Capability};
use heart_domain::intake::IntakeInput;
use heart_domain::time::SystemClock;
use heart_domain::triage::Script;
use heart_store::sqlite::SqliteStore;
use heart_store::{ApprovalKind, ApprovalStatus, SealState};
use proptest::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug)]
enum Step {
    Ask { who: usize, erase: bool },
    Decide { who: usize, approve: bool },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..3, any::<bool>()).prop_map(|(who, erase)| Step::Ask { who, erase }),
        (0usize..3, any::<bool>()).prop_map(|(who, approve)| Step::Decide { who, approve }),
    ]
}

async fn run(steps: Vec<Step>) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("heart.db"), Arc::new(Keys::ephemeral()))
        .await
        .unwrap();
    let config = AppConfig {
        password_policy: PasswordPolicy::low_cost(),
        require_second_factor: false,
        ..AppConfig::default()
    };
    let store: Arc<dyn heart_store::Store> = Arc::new(store);
    let app = App::new(
        store.clone(),
        Arc::new(SystemClock),
        Script::shipped().unwrap(),
        config,
    );
    let caps = Capabilities::of(&[
        Capability::Coordinate,
        Capability::Admin,
        Capability::Intake,
    ]);
    let mut people = Vec::new();
    for n in ["ana", "bo", "cy"] {
        let (id, _) = app
            .add_user(
                &Actor::cli(),
                n,
                None,
                caps,
                None,
                Some("a long enough password"),
            )
            .await
            .unwrap();
        people.push(Actor {
            kind: ActorKind::User(id),
            caps,
            team: None,
            organization: None,
            name: n.into(),
        });
    }
    let input: IntakeInput = serde_json::from_value(
        serde_json::json!({"summary": "someone", "contact": {"phone": "617-555-0100"}}),
    )
    .unwrap();
    let r = app.create_request(&people[0], input).await.unwrap();
    for s in steps {
        match s {
            Step::Ask { who, erase } => {
                let kind = if erase {
                    ApprovalKind::Erase
                } else {
                    ApprovalKind::Export
                };
                let _ = app.ask_for(&people[who], r.id, kind, "person_asked").await;
            }
            Step::Decide { who, approve } => {
                let pending = app
                    .approvals(&people[who])
                    .await
                    .unwrap()
                    .into_iter()
                    .find(|a| a.status == ApprovalStatus::Pending);
                if let Some(a) = pending {
                    let res = app
                        .decide(
                            &people[who],
                            a.id,
                            approve,
                            Some("asked_in_error"),
                            None,
                            true,
                        )
                        .await;
                    let own = a.requested_by == people[who].audit_name();
                    assert_eq!(res.is_err(), own, "only someone else decides: {res:?}");
                }
            }
        }
        // The invariant, after every step.
        let all = app.approvals(&people[0]).await.unwrap();
        for a in &all {
            if let Some(d) = &a.decided_by {
                assert_ne!(d, &a.requested_by);
            }
        }
        let erased = store.request(r.id).await.unwrap().unwrap().sealed == SealState::Erased;
        let approved_erasure = all
            .iter()
            .any(|a| a.kind == ApprovalKind::Erase && a.status == ApprovalStatus::Done);
        assert_eq!(
            erased, approved_erasure,
            "erased exactly when a second person approved it"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn nothing_happens_on_one_persons_word(steps in proptest::collection::vec(step(), 1..12)) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(run(steps));
    }
}
