//! Failover on this machine: a primary and a synchronous streaming replica (two private clusters on free ports),
//! heart on a URL naming both. Under a steady stream of intakes the primary is killed and the replica promoted:
//! every request acknowledged with 201 (before, during, after) is there afterwards, exactly once, and nothing but
//! 503 answers while there is no primary.
use heart_pgtest::Cluster;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_acknowledged_is_lost_when_the_primary_dies() {
    let Some(mut primary) = Cluster::init("synchronous_commit = on\n") else {
        assert!(
            !heart_pgtest::required(),
            "PostgreSQL is required but could not be set up"
        );
        eprintln!("no PostgreSQL here: the failover test is skipped");
        return;
    };
    let t0 = Instant::now();
    primary.start();
    eprintln!("phase primary up {:?}", t0.elapsed());
    primary.psql("CREATE DATABASE heart").unwrap();
    let mut replica = Cluster::replica_of(&primary, "replica1").expect("a streaming replica");
    replica.start();
    // Synchronous from now on: a commit is acknowledged once the replica has it.
    primary
        .psql("ALTER SYSTEM SET synchronous_standby_names = 'replica1'")
        .unwrap();
    primary.psql("SELECT pg_reload_conf()").unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while primary
        .psql("SELECT sync_state FROM pg_stat_replication")
        .as_deref()
        != Some("sync")
    {
        assert!(
            Instant::now() < deadline,
            "the replica never became synchronous"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("phase replica sync {:?}", t0.elapsed());
    let url = format!(
        "postgres://postgres@127.0.0.1:{},127.0.0.1:{}/heart?target_session_attrs=read-write",
        primary.port, replica.port
    );
    let dir = tempfile::tempdir().unwrap();
    let heart = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_heart"));
        c.env("HEART_DATABASE_URL", &url)
            .env("HEART_DATA", dir.path())
            .env("HEART_BACKUP_HOURS", "0")
            .env("RUST_LOG", "error");
        c
    };
    let out = heart()
        .args(["token", "create", "--name", "t", "--capabilities", "intake"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let mut node = heart()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(node.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("the node printed its address").unwrap();
        if let Some(u) = line.strip_prefix("heart: listening on ") {
            break u.trim().to_string();
        }
    };
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            eprintln!("node: {line}");
        }
    });
    eprintln!("phase node up {:?}", t0.elapsed());

    // A steady stream of intakes; each logical intake is retried with its own Idempotency-Key until it is 201.
    let acked: Arc<Mutex<BTreeMap<usize, String>>> = Arc::default();
    let statuses: Arc<Mutex<BTreeMap<u16, usize>>> = Arc::default();
    let first_201_after: Arc<Mutex<Option<Instant>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (acked, statuses, stop, first) = (
            acked.clone(),
            statuses.clone(),
            stop.clone(),
            first_201_after.clone(),
        );
        let (base, token) = (base.clone(), token.clone());
        writers.push(tokio::spawn(async move {
            let client = heart_testkit::client_builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let logical = w * 1_000_000 + n;
                n += 1;
                let key = format!("intake-{logical}");
                let give_up = Instant::now() + Duration::from_secs(60);
                loop {
                    let sent = client
                        .post(format!("{base}/api/v1/requests"))
                        .bearer_auth(&token)
                        .header("Idempotency-Key", &key)
                        .json(&serde_json::json!({"summary": format!("intake {logical}")}))
                        .send()
                        .await;
                    match sent {
                        Ok(r) => {
                            let code = r.status().as_u16();
                            *statuses.lock().unwrap().entry(code).or_default() += 1;
                            if code == 201 {
                                let v: serde_json::Value = r.json().await.unwrap();
                                acked
                                    .lock()
                                    .unwrap()
                                    .insert(logical, v["id"].as_str().unwrap().to_string());
                                let mut f = first.lock().unwrap();
                                if f.is_none() {
                                    *f = Some(Instant::now());
                                }
                                break;
                            }
                            assert_eq!(code, 503, "only 503 while there is no primary");
                            assert!(r.headers().contains_key("retry-after"));
                        }
                        // The node itself never goes away; a timeout would be a hang.
                        Err(e) => panic!("the node did not answer: {e}"),
                    }
                    assert!(Instant::now() < give_up, "intake {logical} never succeeded");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let before = acked.lock().unwrap().len();
    assert!(before > 0, "intakes flow before the failover");
    // The primary dies (SIGKILL: a crash, not a clean shutdown); the replica is promoted.
    primary.stop(false);
    tokio::time::sleep(Duration::from_millis(500)).await;
    *first_201_after.lock().unwrap() = None;
    let promoted_at = Instant::now();
    assert!(replica.promote(), "pg_ctl promote failed");
    // Service comes back by itself.
    let deadline = promoted_at + Duration::from_secs(30);
    let back_after = loop {
        if let Some(t) = *first_201_after.lock().unwrap()
            && t > promoted_at
        {
            break t - promoted_at;
        }
        assert!(
            Instant::now() < deadline,
            "no 201 within 30 s of the promotion"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    eprintln!("phase writers done {:?}", t0.elapsed());
    let acked = acked.lock().unwrap().clone();
    let statuses = statuses.lock().unwrap().clone();
    eprintln!(
        "failover: {} intakes acknowledged ({before} before the crash), statuses {statuses:?}, service back {back_after:?} after the promotion",
        acked.len()
    );
    assert!(
        statuses.keys().all(|c| *c == 201 || *c == 503),
        "{statuses:?}"
    );
    // Every acknowledged request is on the new primary, exactly once.
    let stored: Vec<String> = replica_query(&replica, "SELECT id FROM requests ORDER BY id")
        .lines()
        .map(str::to_string)
        .collect();
    let unique: std::collections::BTreeSet<&String> = stored.iter().collect();
    assert_eq!(unique.len(), stored.len());
    let missing: Vec<&String> = acked.values().filter(|id| !unique.contains(id)).collect();
    assert!(missing.is_empty(), "acknowledged but missing: {missing:?}");
    assert_eq!(
        stored.len(),
        acked.len(),
        "every acknowledged request, and no request made twice"
    );
    assert!(
        back_after < Duration::from_secs(10),
        "service back {back_after:?} after the promotion (target: within 10 s)"
    );
    let _ = node.kill();
    let _ = node.wait();
    eprintln!("phase end {:?}", t0.elapsed());
}

fn replica_query(c: &Cluster, sql: &str) -> String {
    let out = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "heart",
            "-At",
            "-c",
            sql,
            "-p",
        ])
        .arg(c.port.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}
