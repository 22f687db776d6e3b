//! Care over HTTP: closing with the encounter record, EMS recorded with the person's agreement.

mod follow_ups;
mod merge;
mod notes;
pub(crate) mod person;

use heart_domain::access::Capability::*;
use heart_testkit::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn phone_support_closes_without_a_team_and_ems_is_recorded_with_consent() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let answers = json!({"medical": "no", "in_area": "yes", "where_now": "home", "distress": "struggling",
        "suicide": "thoughts", "wants_visit": "no", "harm_at_home": "yes", "money_need": "yes"});
    let (s, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "Cannot pay bills; partner controls money", "answers": answers}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(r["triage"]["outcome"], "phone_support");
    assert!(
        r["triage"]["rationale"]
            .as_str()
            .unwrap()
            .contains("Never police")
    );
    let id = r["id"].as_str().unwrap();
    let (s, r) = t
        .post(&format!("/api/v1/requests/{id}/close"), Some(&intake), &json!({"actions": "Phone support; mutual aid started", "outcome": "ongoing_support", "needs": ["money", "safety"], "follow_up_consent": true, "follow_up_method": "phone", "follow_up_safe_confirmed": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "closed");

    let (_, r) = t
        .post(
            "/api/v1/requests",
            Some(&intake),
            &json!({"summary": "collapsed, slow breathing", "answers": {"medical": "yes"}}),
        )
        .await;
    assert_eq!(r["triage"]["outcome"], "ems_medical");
    let id = r["id"].as_str().unwrap();
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/ems"),
            Some(&intake),
            &json!({"reason": "", "consent": "maybe"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r["error"]["fields"]["ems_reason"].is_string()
            && r["error"]["fields"]["ems_consent"].is_string()
    );
    let (s, r) = t
        .post(
            &format!("/api/v1/requests/{id}/ems"),
            Some(&intake),
            &json!({"reason": "Possible overdose", "consent": "agreed"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r["ems"]["consent"], "agreed");
}
