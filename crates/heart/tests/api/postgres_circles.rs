//! Circles on two nodes of one PostgreSQL database: what one node seals, the other opens for the same facilitator;
//! a facilitator of neither is refused on both; and people added at once through both nodes are each either kept or
//! refused as a stale edit (409), never lost or doubled.

use crate::postgres::{heart, start, stderr_of};
use serde_json::{Value, json};
use std::process::Stdio;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_keep_one_circle() {
    let Some(db) = heart_pgtest::database().await else {
        return;
    };
    let keys = tempfile::tempdir().unwrap();
    let key_file = keys.path().join("heart.key");
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut c = heart(&db, a_dir.path(), &key_file);
        c.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(s) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    for name in ["ana", "bo", "dee"] {
        run(
            &[
                "user",
                "add",
                "--username",
                name,
                "--capabilities",
                "circle",
                "--password-stdin",
            ],
            Some("a long enough password here"),
        );
    }
    let token = |user: &str| {
        run(
            &[
                "token",
                "create",
                "--name",
                user,
                "--capabilities",
                "circle",
                "--user",
                user,
            ],
            None,
        )
    };
    let (ana, bo, dee) = (token("ana"), token("bo"), token("dee"));
    let a = start(&db, a_dir.path(), &key_file);
    let b = start(&db, b_dir.path(), &key_file);
    let client = heart_testkit::client();
    let post = |url: String, tok: String, body: Value| {
        let client = client.clone();
        async move {
            let r = client
                .post(url)
                .bearer_auth(tok)
                .json(&body)
                .send()
                .await
                .unwrap();
            let s = r.status().as_u16();
            (s, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };

    let (s, c) = post(
        format!("{}/api/v1/circles", a.url),
        ana.clone(),
        json!({"title": "noise between flats 2 and 3", "facilitators": ["ana", "bo"]}),
    )
    .await;
    assert_eq!(s, 201, "{c}");
    let id = c["id"].as_str().unwrap().to_string();
    let (s, p) = post(
        format!("{}/api/v1/circles/{id}/people", a.url),
        ana.clone(),
        json!({"role_words": "the neighbour upstairs"}),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    let (s, _) = post(
        format!("{}/api/v1/circles/{id}/notes", a.url),
        ana.clone(),
        json!({"person_id": p["id"], "text": "works nights, sleeps in the day"}),
    )
    .await;
    assert_eq!(s, 201);

    // Node B opens what node A sealed, for the other facilitator; a facilitator of neither is refused on both.
    let get = |url: String, tok: String| {
        let client = client.clone();
        async move {
            let r = client.get(url).bearer_auth(tok).send().await.unwrap();
            let s = r.status().as_u16();
            (s, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (s, on_b) = get(format!("{}/api/v1/circles/{id}", b.url), bo.clone()).await;
    assert_eq!(s, 200, "{on_b}");
    assert_eq!(on_b["title"], "noise between flats 2 and 3");
    assert_eq!(on_b["notes"][0]["text"], "works nights, sleeps in the day");
    for node in [&a, &b] {
        let (s, _) = get(format!("{}/api/v1/circles/{id}", node.url), dee.clone()).await;
        assert_eq!(s, 403);
    }

    // People added at once through both nodes: each kept, or refused as a stale edit; none lost.
    let mut tries = Vec::new();
    for i in 0..8 {
        let node = if i % 2 == 0 { &a.url } else { &b.url };
        let tok = if i % 2 == 0 { ana.clone() } else { bo.clone() };
        tries.push(tokio::spawn(post(
            format!("{node}/api/v1/circles/{id}/people"),
            tok,
            json!({"role_words": format!("neighbour {i}")}),
        )));
    }
    let mut kept = 0;
    for t in tries {
        let (s, body) = t.await.unwrap();
        assert!(s == 201 || s == 409, "{s} {body}");
        if s == 201 {
            kept += 1;
        }
    }
    assert!(kept >= 1);
    let (_, now) = get(format!("{}/api/v1/circles/{id}", a.url), ana.clone()).await;
    assert_eq!(now["people"].as_array().unwrap().len(), 1 + kept);
    assert_eq!(now["version"].as_i64().unwrap(), 2 + kept as i64);
}
