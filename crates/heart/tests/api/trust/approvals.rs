//! The two-person rule beyond a person's record: legal demands for data, reviewed by two people, and a change of
//! someone's capabilities, approved by a second admin.
use crate::care::person::{approval_ids, intake, people, with_csrf};
use heart_domain::access::Capability;
use heart_testkit::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn a_legal_demand_is_recorded_reviewed_by_two_people_and_the_person_told() {
    let t = spawn_app().await;
    let token = t.token(&[Capability::Intake]).await;
    let r = intake(&t, &token, "Ada Quill", "617-555-0199", "Anything").await;
    let (a, b) = people(&t).await;
    let (s, page, _) = t
        .form(
            "/legal",
            &a,
            &[
                ("received", "tomorrow"),
                ("from_kind", "police"),
                ("reference", ""),
                ("asked", ""),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Give a date") && page.contains("This is needed"));
    let (s, _, _) = t
        .form(
            "/legal",
            &a,
            &[
                ("received", "2026-11-20"),
                ("from_kind", "police"),
                ("reference", "CPD 2026-1142"),
                (
                    "asked",
                    "All records about the person in the linked request",
                ),
                ("request", r["id"].as_str().unwrap()),
                ("gag_order", "yes"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page, _) = t.page("/legal", Some(&a)).await;
    let did = page
        .split("data-demand-id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(
        page.contains(r["person"].as_str().unwrap()),
        "linked by pseudonymous id"
    );
    let (s, _, _) = t
        .form(
            &format!("/legal/{did}/close"),
            &a,
            &[("handed_over", "nothing")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "two reviews first");
    t.form(
        &format!("/legal/{did}/review"),
        &a,
        &[("decision", "refuse")],
    )
    .await;
    let (s, _, _) = t
        .form(
            &format!("/legal/{did}/review"),
            &a,
            &[("decision", "refuse")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "not the same person twice");
    let (s, _, _) = t
        .form(
            &format!("/legal/{did}/review"),
            &b,
            &[("decision", "challenge")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, _, _) = t.form(&format!("/legal/{did}/told"), &a, &[]).await;
    assert_eq!(s, StatusCode::CONFLICT, "a court order forbids telling");
    t.form(&format!("/legal/{did}/gag-lifted"), &b, &[]).await;
    let (s, _, _) = t.form(&format!("/legal/{did}/told"), &a, &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, _, _) = t
        .form(
            &format!("/legal/{did}/close"),
            &b,
            &[("handed_over", "nothing")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let d = t.store.legal_demands().await.unwrap().remove(0);
    assert!(d.closed_at.is_some() && d.person_told_at.is_some());
    assert_eq!(d.handed_over.as_deref(), Some("nothing"));
    assert_ne!(d.first_review_by, d.second_review_by);

    // Issue 21.5: the words are sealed at rest, under the person's key, or the deployment's when nobody is named;
    // the register shows them to coordinators; erasing the person erases them and keeps the register's row.
    let (s, _, _) = t
        .form(
            "/legal",
            &b,
            &[
                ("received", "2026-11-21"),
                ("from_kind", "court"),
                ("reference", "Docket 26-XY-77"),
                ("asked", "Rota and call logs for the week of Jane Roe"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page, _) = t.page("/legal", Some(&a)).await;
    assert!(page.contains("CPD 2026-1142") && page.contains("Docket 26-XY-77"));
    let stored = || async {
        use sqlx::{Connection, Row};
        let mut conn = sqlx::SqliteConnection::connect(&format!(
            "sqlite://{}",
            t.dir.path().join("heart.db").display()
        ))
        .await
        .unwrap();
        let rows = sqlx::query(
            "SELECT reference, asked, COALESCE(handed_over, '') AS h, sealed, kek_id FROM legal_demands \
             ORDER BY received_at",
        )
        .fetch_all(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
        rows.iter()
            .map(|r| {
                let sealed: Option<Vec<u8>> = r.get("sealed");
                (
                    format!(
                        "{} {} {} {}",
                        r.get::<String, _>("reference"),
                        r.get::<String, _>("asked"),
                        r.get::<String, _>("h"),
                        String::from_utf8_lossy(sealed.as_deref().unwrap_or_default())
                    ),
                    sealed.is_some(),
                    r.get::<Option<i64>, _>("kek_id"),
                )
            })
            .collect::<Vec<_>>()
    };
    let rows = stored().await;
    assert_eq!(rows.len(), 2);
    for (text, sealed, _) in &rows {
        assert!(*sealed);
        for clear in [
            "CPD",
            "1142",
            "linked request",
            "nothing",
            "26-XY-77",
            "Jane Roe",
        ] {
            assert!(!text.contains(clear), "{clear} is stored in the clear");
        }
    }
    assert_eq!(rows[0].2, None, "under the person's key");
    assert!(rows[1].2.is_some(), "under the deployment's key");
    let subject: heart_domain::ids::SubjectId = r["person"].as_str().unwrap().parse().unwrap();
    t.erase(subject).await;
    let rows = stored().await;
    assert!(!rows[0].1, "erased with the person");
    assert!(rows[1].1, "a demand naming nobody stays");
    let all = t.store.legal_demands().await.unwrap();
    let about = all.iter().find(|d| d.subject == Some(subject)).unwrap();
    assert!(about.asked.is_empty() && about.reference.is_empty());
    assert!(about.closed_at.is_some(), "the register keeps the demand");
    let (_, page, _) = t.page("/legal", Some(&a)).await;
    assert!(page.contains("(erased with the person)") && page.contains("Docket 26-XY-77"));
}

#[tokio::test]
async fn a_capability_change_takes_a_second_admin() {
    let t = spawn_app().await;
    let p1 = t.user("lee", &[Capability::Admin], None).await;
    let p2 = t
        .user("mo", &[Capability::Admin, Capability::Coordinate], None)
        .await;
    t.user("sam", &[Capability::Intake], None).await;
    let a = with_csrf(&t, t.login("lee", &p1).await).await;
    let b = with_csrf(&t, t.login("mo", &p2).await).await;
    let sam = t.store.user_by_username("sam").await.unwrap().unwrap();
    let (s, page, _) = t.page("/accounts", Some(&a)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("sam"));
    let (s, _, _) = t
        .form(
            &format!("/accounts/{}/capabilities", sam.id),
            &a,
            &[("capability", "intake"), ("capability", "dispatch")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let still = t.store.user(sam.id).await.unwrap().unwrap();
    assert_eq!(
        still.capabilities.to_list(),
        "intake",
        "nothing changes on one person's word"
    );
    let (_, page, _) = t.page("/approvals", Some(&a)).await;
    let aid = approval_ids(&page).remove(0);
    let (s, _, _) = t
        .form(
            &format!("/approvals/{aid}/decide"),
            &a,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _, _) = t
        .form(
            &format!("/approvals/{aid}/decide"),
            &b,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let now = t.store.user(sam.id).await.unwrap().unwrap();
    assert_eq!(now.capabilities.to_list(), "intake,dispatch");
    // No single account, admin included, can do it alone: a coordinator without admin cannot approve either.
    let p3 = t.user("rae", &[Capability::Coordinate], None).await;
    let c = with_csrf(&t, t.login("rae", &p3).await).await;
    t.form(
        &format!("/accounts/{}/capabilities", sam.id),
        &a,
        &[("capability", "intake")],
    )
    .await;
    let (_, page, _) = t.page("/approvals", Some(&a)).await;
    let aid = approval_ids(&page).remove(0);
    let (s, _, _) = t
        .form(
            &format!("/approvals/{aid}/decide"),
            &c,
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
