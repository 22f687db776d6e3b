//! The jobs `heart serve` runs on a schedule (each in one process per period, whichever takes its lease), the
//! live events relayed between nodes, and the scrub of older backups.

use super::*;

/// Live events cross to the other nodes on the same PostgreSQL database, and theirs reach the boards here.
pub fn relay_events(pg: &Arc<PgStore>, app: &Arc<heart_app::App>, node: &str) {
    struct Relay {
        node: String,
        out: heart_store::postgres::Notifier,
    }
    impl heart_app::Relay for Relay {
        fn send(&self, event: &heart_domain::events::LiveEvent) {
            self.out.send(format!("{} {}", self.node, event.to_wire()));
        }
    }
    app.set_relay(Arc::new(Relay {
        node: node.to_string(),
        out: pg.notifier(),
    }));
    let me = node.to_string();
    let weak = Arc::downgrade(app);
    pg.listen(move |payload| {
        let Some((from, wire)) = payload.split_once(' ') else {
            return;
        };
        if from == me {
            return;
        }
        if let (Some(app), Some(event)) = (
            weak.upgrade(),
            heart_domain::events::LiveEvent::from_wire(wire),
        ) {
            app.publish_relayed(event);
        }
    });
}

/// How often a running node says which keys its key file holds (and follows the deployment's choice of KEK).
pub(super) const NODE_KEYS_EVERY: Duration = Duration::from_secs(5);
/// A node that has not said so for this long is taken as stopped.
pub(super) const NODE_ALIVE: Duration = Duration::from_secs(30);

/// The scheduled jobs of `heart serve`: retention daily, a signed audit checkpoint hourly, backups, the outboxes.
/// Each periodic one runs in one process per period, whichever takes its lease (several nodes may share one
/// database).
pub fn spawn_jobs(opened: &Opened, node: &str) {
    report_node_keys(opened, node);
    retention(opened, node);
    partner_alerts(opened);
    directory(opened);
    rota(opened);
    supplies(opened);
    push(opened);
    mail(opened, node);
    sms(opened);
    audit_checkpoints(opened, node);
    backups(opened, node);
}

/// How often this node says which keys its key file holds, and follows the deployment's choice of KEK.
fn report_node_keys(opened: &Opened, node: &str) {
    let (store, keys, name) = (opened.store.clone(), opened.keys.clone(), node.to_string());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(NODE_KEYS_EVERY);
        loop {
            every.tick().await;
            let current = match store.current_kek().await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the deployment's key state");
                    continue;
                }
            };
            let wraps = keys.follow(current);
            let report =
                heart_store::ChangeSet::new().op(heart_store::Op::Trust(TrustOp::ReportNodeKeys {
                    node: name.clone(),
                    kek_ids: keys.get().kek_ids(),
                    wraps,
                    at: jiff::Timestamp::now(),
                }));
            if let Err(e) = store.apply(report).await {
                tracing::warn!(error = %e, "cannot report this node's keys");
            }
        }
    });
}

/// Retention, a minute after start and then daily (one node a day).
fn retention(opened: &Opened, node: &str) {
    let app = opened.app.clone();
    let holder = node.to_string();
    tokio::spawn(async move {
        // A minute after start, then daily.
        tokio::time::sleep(Duration::from_secs(60)).await;
        let period = Duration::from_secs(24 * 3600);
        let mut every = tokio::time::interval(period);
        loop {
            every.tick().await;
            if !app
                .claim_job("retention", &holder, period - Duration::from_secs(60))
                .await
            {
                continue;
            }
            match app.run_retention(&Actor::system()).await {
                Ok(r) => tracing::info!(erased = r.erased, circles = r.circles, "retention ran"),
                Err(e) => tracing::error!(error = %e, "retention failed"),
            }
        }
    });
}

/// Partners' held alerts whose waiting time is up become requests (any node may run it: each alert moves
/// once, guarded by its state); partner callbacks and referral notices go out.
fn partner_alerts(opened: &Opened) {
    let app = opened.app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5));
        loop {
            every.tick().await;
            match app.send_due_alerts().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "held partner alerts sent"),
                Err(e) => tracing::warn!(error = %e, "held partner alerts could not be sent"),
            }
            if let Err(e) = app.send_due_callbacks().await {
                tracing::warn!(error = %e, "partner callbacks could not be sent");
            }
            if let Err(e) = app.send_due_referral_hooks().await {
                tracing::warn!(error = %e, "referral notices could not be sent");
            }
        }
    });
}

/// The directory: rebuilt when an import (here or from the command line) moved the store's change counter.
fn directory(opened: &Opened) {
    let app = opened.app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            if let Err(e) = app.refresh_directory().await {
                tracing::warn!(error = %e, "the directory could not be reloaded");
            }
        }
    });
}

/// The rota: every team's weekly pattern keeps its shifts four weeks ahead (at start, then hourly; two nodes
/// making the same shift make it once), and people are reminded of a shift the day before (once each).
fn rota(opened: &Opened) {
    let app = opened.app.clone();
    tokio::spawn(async move {
        // Every ten minutes: reminders for shifts that begin within a day; hourly, the weeks ahead.
        let mut every = tokio::time::interval(Duration::from_secs(600));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut ticks = 0u64;
        loop {
            every.tick().await;
            if ticks.is_multiple_of(6) {
                match app.extend_rota(&Actor::system()).await {
                    Ok(0) => {}
                    Ok(made) => tracing::info!(made, "rota shifts made"),
                    Err(e) => tracing::warn!(error = %e, "the rota could not be made ahead"),
                }
            }
            ticks += 1;
            if let Err(e) = app.remind_shifts(&Actor::system()).await {
                tracing::warn!(error = %e, "shift reminders could not be sent");
            }
        }
    });
}

/// Supplies: every half hour, the day's alert to the coordinators when something is low or expires within 30 days
/// (once a day, from `[supplies] alert_hour`; of two nodes, one sends it).
fn supplies(opened: &Opened) {
    let app = opened.app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(1800));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            match app.alert_supplies(&Actor::system()).await {
                Ok(true) => tracing::info!("the low-stock alert went to the coordinators"),
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "the low-stock alert could not be sent"),
            }
        }
    });
}

/// Alerts to phones (and by email): the outbox goes out as soon as something happens here (a live event follows every change
/// that queues an alert), and every two seconds for what other nodes queued or what is due again (each alert is
/// taken by one node).
fn push(opened: &Opened) {
    // Alerts by email wait in the same outbox.
    if !opened.app.push_on() && !opened.app.mail_on() {
        return;
    }
    let app = opened.app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(2));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut events = app.live.subscribe(None).rx;
        loop {
            tokio::select! {
                _ = every.tick() => {}
                e = events.recv() => {
                    if matches!(e, Err(tokio::sync::broadcast::error::RecvError::Closed)) {
                        events = app.live.subscribe(None).rx;
                    }
                    // What came meanwhile is covered by this one look.
                    while events.try_recv().is_ok() {}
                }
            }
            if let Err(e) = app.send_due_push().await {
                tracing::warn!(error = %e, "the alerts to phones could not be sent");
            }
        }
    });
}

/// Donors' receipts and statements: the mail outbox goes out every few seconds (each mail is taken by one
/// node), and each day in January the statements of the year before are queued (once per donor and year).
fn mail(opened: &Opened, node: &str) {
    if opened.app.mail_on() {
        let app = opened.app.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(5));
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                every.tick().await;
                if let Err(e) = app.send_due_mail().await {
                    tracing::warn!(error = %e, "the mail outbox could not be sent");
                }
            }
        });
        let app = opened.app.clone();
        let holder = node.to_string();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(90)).await;
            let period = Duration::from_secs(24 * 3600);
            let mut every = tokio::time::interval(period);
            loop {
                every.tick().await;
                if !app
                    .claim_job("statements", &holder, period - Duration::from_secs(60))
                    .await
                {
                    continue;
                }
                match app.queue_yearly_statements().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(donors = n, "yearly giving statements are due"),
                    Err(e) => tracing::error!(error = %e, "yearly giving statements failed"),
                }
            }
        });
    }
}

/// The text outbox: what waits for the provider goes out (and is tried again while the provider is down).
fn sms(opened: &Opened) {
    if opened.app.config.sms.provider != "none" {
        let app = opened.app.clone();
        let base = opened
            .app
            .config
            .sms
            .public_url
            .trim_end_matches('/')
            .to_string();
        let callback = if base.is_empty() {
            String::new()
        } else {
            format!("{base}/hooks/sms/twilio/status")
        };
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(2));
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                every.tick().await;
                if let Err(e) = app.send_due_sms(&callback).await {
                    tracing::warn!(error = %e, "the text outbox could not be sent");
                }
                if let Err(e) = app.delete_due_at_provider().await {
                    tracing::warn!(error = %e, "erased people's texts could not be deleted at the provider");
                }
            }
        });
    }
}

/// A signed audit checkpoint each period (one node per period).
fn audit_checkpoints(opened: &Opened, node: &str) {
    let store = opened.store.clone();
    let (app, holder) = (opened.app.clone(), node.to_string());
    tokio::spawn(async move {
        let period = heart_store::verify::CHECKPOINT_EVERY;
        let mut every = tokio::time::interval(period);
        loop {
            every.tick().await;
            if !app
                .claim_job(
                    "audit-checkpoint",
                    &holder,
                    period - Duration::from_secs(60),
                )
                .await
            {
                continue;
            }
            if let Err(e) = store.audit_checkpoint(jiff::Timestamp::now()).await {
                tracing::error!(error = %e, "audit checkpoint failed");
            }
        }
    });
}

/// Scheduled backups (encrypted when `backup_encrypt_to` is set, then handed to `backup_after`), older ones pruned
/// and scrubbed of people erased since (one node per period).
fn backups(opened: &Opened, node: &str) {
    let hours = opened.settings.backup_hours;
    if hours > 0 {
        let store = opened.store.clone();
        let dir = opened.paths.backups.clone();
        let keep = opened.settings.backups_kept;
        let app = opened.app.clone();
        let holder = node.to_string();
        let plan = match super::backups::Plan::of(&opened.settings, &opened.paths) {
            Ok(p) => p,
            Err(_) => return, // the settings were checked at start
        };
        let ext = match opened.engine {
            Engine::Sqlite(_) => "db",
            Engine::Postgres(_) => "pgdump",
        };
        tokio::spawn(async move {
            let period = Duration::from_secs(u64::try_from(hours).unwrap_or(24) * 3600);
            let mut every = tokio::time::interval(period);
            loop {
                every.tick().await;
                if !app
                    .claim_job("backup", &holder, period - Duration::from_secs(60))
                    .await
                {
                    continue;
                }
                let file = plan.target(&dir.join(format!(
                    "heart-{}.{ext}",
                    jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ")
                )));
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                match plan.take(store.as_ref(), &file).await {
                    Ok(()) => {
                        tracing::info!(file = %name, "scheduled backup taken");
                        let _ = app
                            .record_operation(&Actor::system(), "backup.take", "scheduled")
                            .await;
                        if let Some(run) = plan.after(&file).await {
                            app.note_backup_after(run);
                        }
                        prune_backups(&dir, keep);
                        if let Some(log) = &app.config.erasure_log {
                            let done = scrub_backups(&dir, log, &name).await;
                            if done.scrubbed + done.deleted > 0 {
                                let _ = app
                                    .record_operation(
                                        &Actor::system(),
                                        "backup.scrub",
                                        &format!(
                                            "keys_removed={} in={} deleted={}",
                                            done.keys, done.scrubbed, done.deleted
                                        ),
                                    )
                                    .await;
                            }
                        }
                    }
                    Err(e) => tracing::error!(error = %e, "scheduled backup failed"),
                }
            }
        });
    }
}

/// What [`scrub_backups`] did.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scrubbed {
    /// Backups re-written without the keys of people erased after they were taken.
    scrubbed: usize,
    /// The data keys removed from them.
    keys: u64,
    /// Backups deleted instead (PostgreSQL dumps cannot be edited in place).
    deleted: usize,
}

/// When a scheduled backup was taken, from its name (`heart-YYYYMMDDTHHMMSSZ.ext`).
fn backup_taken(name: &str) -> Option<jiff::Timestamp> {
    let stamp = name.strip_prefix("heart-")?.split('.').next()?;
    jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", stamp)
        .ok()?
        .to_datetime()
        .ok()?
        .in_tz("UTC")
        .ok()
        .map(|z| z.timestamp())
}

/// After a scheduled backup (`newest`, taken after every erasure so far): the older scheduled backups that hold
/// people erased since they were taken are re-written without those people's data keys (SQLite copies), or deleted
/// (PostgreSQL dumps, and copies encrypted to the operator's recipients: neither can be edited here), so an erased person does not stay readable with the live key file for as long as backups are
/// kept. Each step is logged without any id; a backup that cannot be scrubbed is left and logged as an error.
async fn scrub_backups(dir: &Path, log: &Path, newest: &str) -> Scrubbed {
    let mut done = Scrubbed::default();
    let erasures = match heart_app::trust::read_erasures(log) {
        Ok(e) => e,
        Err(m) => {
            tracing::error!(error = %m, "cannot read the erasure log: backups not scrubbed");
            return done;
        }
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return done;
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p.clone())))
        .filter(|(n, _)| n != newest && heart_app::doctor::is_backup_name(n))
        .collect();
    files.sort();
    for (name, path) in files {
        let Some(taken) = backup_taken(&name) else {
            continue;
        };
        let since: Vec<(heart_domain::ids::SubjectId, jiff::Timestamp)> = erasures
            .iter()
            .filter(|(_, at)| *at >= taken)
            .copied()
            .collect();
        if since.is_empty() {
            continue;
        }
        if name.ends_with(".pgdump") || name.ends_with(".age") {
            match std::fs::remove_file(&path) {
                Ok(()) => {
                    tracing::warn!(file = %name, "deleted a backup taken before an erasure (a dump or an encrypted copy cannot be edited)");
                    done.deleted += 1;
                }
                Err(e) => {
                    tracing::error!(file = %name, error = %e.kind(), "cannot delete a backup taken before an erasure")
                }
            }
            continue;
        }
        match SqliteStore::scrub_backup(&path, &since).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(file = %name, keys = n, "removed erased people's keys from an older backup");
                done.scrubbed += 1;
                done.keys += n;
            }
            Err(m) => tracing::error!(file = %name, error = %m, "cannot scrub an older backup"),
        }
    }
    done
}

/// Keeps the newest `keep` scheduled backups.
fn prune_backups(dir: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(heart_app::doctor::is_backup_name)
        })
        .collect();
    names.sort();
    let extra = names.len().saturating_sub(keep);
    for old in names.into_iter().take(extra) {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use heart_domain::ids::SubjectId;
    use heart_store::{ChangeSet, Op};

    #[test]
    fn a_scheduled_backup_says_when_it_was_taken() {
        let at = backup_taken("heart-20261101T083000Z.db").unwrap();
        assert_eq!(at.to_string(), "2026-11-01T08:30:00Z");
        assert!(backup_taken("heart-latest.db").is_none());
        assert!(backup_taken("other-20261101T083000Z.db").is_none());
    }

    /// Issue 21.4: a person erased after a backup was taken does not stay readable in it with the live key file.
    #[tokio::test]
    async fn older_backups_lose_the_keys_of_people_erased_since() {
        let dir = tempfile::tempdir().unwrap();
        let (keys, _) = Keys::open(&dir.path().join("heart.key")).unwrap();
        let keys = Arc::new(keys);
        let store = SqliteStore::open(&dir.path().join("heart.db"), keys.clone())
            .await
            .unwrap();
        let (gone, stays) = (SubjectId::new(), SubjectId::new());
        let t0: jiff::Timestamp = "2026-11-01T08:00:00Z".parse().unwrap();
        for id in [gone, stays] {
            store
                .apply(ChangeSet::new().op(Op::Trust(TrustOp::NewSubject { id, at: t0 })))
                .await
                .unwrap();
        }
        let backups = dir.path().join("backups");
        let before = "heart-20261101T083000Z.db";
        take_backup(&store, &backups.join(before)).await.unwrap();
        let wrapped = |path: PathBuf, id: SubjectId| async move {
            use sqlx::Connection;
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            let w: Option<Vec<u8>> =
                sqlx::query_scalar("SELECT wrapped FROM subjects WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_one(&mut c)
                    .await
                    .unwrap();
            c.close().await.unwrap();
            w
        };
        let key_bytes = wrapped(backups.join(before), gone).await.unwrap();
        // A dump from before, and one from after the erasure (a PostgreSQL deployment's).
        std::fs::write(backups.join("heart-20261101T083100Z.pgdump"), b"dump").unwrap();
        std::fs::write(backups.join("heart-20261101T100000Z.pgdump"), b"dump").unwrap();
        // And copies encrypted to the operator's recipients, before and after: they cannot be edited here either.
        std::fs::write(backups.join("heart-20261101T083200Z.db.age"), b"age").unwrap();
        std::fs::write(backups.join("heart-20261101T100100Z.db.age"), b"age").unwrap();
        let log = dir.path().join("heart.erasures");
        heart_app::trust::append_erasure(&log, gone, "2026-11-01T09:00:00Z".parse().unwrap())
            .unwrap();
        let newest = "heart-20261101T110000Z.db";
        take_backup(&store, &backups.join(newest)).await.unwrap();

        let done = scrub_backups(&backups, &log, newest).await;
        assert_eq!(
            done,
            Scrubbed {
                scrubbed: 1,
                keys: 1,
                deleted: 2
            }
        );
        assert_eq!(wrapped(backups.join(before), gone).await, None);
        let erased = store.subject(gone).await.unwrap().unwrap();
        assert!(
            erased.erased_at.is_none(),
            "the live database is not touched"
        );
        assert!(wrapped(backups.join(before), stays).await.is_some());
        let bytes = std::fs::read(backups.join(before)).unwrap();
        assert!(
            !bytes.windows(key_bytes.len()).any(|w| w == key_bytes),
            "no free page keeps the key"
        );
        SqliteStore::check_backup(&backups.join(before), &keys)
            .await
            .unwrap();
        assert!(!backups.join("heart-20261101T083100Z.pgdump").exists());
        assert!(backups.join("heart-20261101T100000Z.pgdump").exists());
        assert!(!backups.join("heart-20261101T083200Z.db.age").exists());
        assert!(backups.join("heart-20261101T100100Z.db.age").exists());
        // Done once: the next backup finds nothing left to remove.
        assert_eq!(
            scrub_backups(&backups, &log, newest).await,
            Scrubbed::default()
        );
    }
}
