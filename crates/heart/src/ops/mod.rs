//! Operations on a deployment: key rotation, the audit chain, backups and restores, retention, and the jobs
//! `heart serve` runs on a schedule.

use crate::{
    DataArgs, Engine, Failure, Opened, Paths, app_failure, open, paths, settings_of, usage,
};
use anyhow::Context;
use heart_app::Actor;
use heart_crypto::keys::{Keyring, Keys};
use heart_store::Store;
use heart_store::TrustOp;
use heart_store::postgres::PgStore;
use heart_store::sqlite::SqliteStore;
use heart_store::verify::Checkpoint;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const DEFAULT_DIR: &str = "./heart-data";

/// Held while the server runs, so a restore cannot replace the database under it.
pub fn lock_data(paths: &Paths) -> Result<std::fs::File, Failure> {
    let path = paths.dir.join("heart.lock");
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(_) => Err(Failure::Failed(anyhow::anyhow!(
            "another heart server is using {}; stop it first",
            paths.dir.display()
        ))),
    }
}

fn failed(e: impl std::fmt::Display) -> Failure {
    Failure::Failed(anyhow::anyhow!("{e}"))
}

/// The nodes running now (they said so within [`NODE_ALIVE`]).
async fn live_nodes(opened: &Opened) -> Result<Vec<heart_store::NodeKeysRow>, Failure> {
    let since =
        jiff::Timestamp::now() - jiff::SignedDuration::from_secs(NODE_ALIVE.as_secs() as i64);
    opened.store.node_keys(since).await.map_err(failed)
}

pub async fn rotate_keys(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    // One step changes this key file only: with other nodes on the database they could not open what is wrapped
    // under the new key, and would go on wrapping under the old one.
    let nodes = live_nodes(&opened).await?;
    if nodes.len() > 1 {
        let names: Vec<&str> = nodes.iter().map(|n| n.node.as_str()).collect();
        return Err(failed(format!(
            "{} nodes are running on this database ({}): rotate in two phases, `heart keys rotate --prepare` \
             here, copy the key file to every node, then `heart keys rotate --finish`",
            nodes.len(),
            names.join(", ")
        )));
    }
    let path = opened.paths.key_file.clone();
    let old = Keyring::load(&path).map_err(failed)?;
    let next = old.rotated();
    next.save(&path).map_err(failed)?;
    opened
        .store
        .apply(
            heart_store::ChangeSet::new().op(heart_store::Op::Trust(TrustOp::SetCurrentKek {
                id: next.current_kek(),
            })),
        )
        .await
        .map_err(failed)?;
    rewrap_and_retire(&opened, old, next).await
}

/// A new key for returning-person codes: the codes kept before can no longer be matched.
pub async fn rotate_uci(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let path = crate::uci_file(&opened.paths);
    heart_app::outreach::rotate_code_key(&path).map_err(failed)?;
    opened
        .app
        .record_operation(&Actor::cli(), "keys.rotate_uci", "")
        .await
        .map_err(app_failure)?;
    eprintln!(
        "heart: a new returning-person key is in {}; codes recorded before can no longer be matched. Copy it to \
         every node (a running server reads it at its next walk)",
        path.display()
    );
    Ok(())
}

/// Phase one of a rotation across nodes: a new KEK beside the current one, which nothing wraps under yet.
pub async fn rotate_prepare(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let path = opened.paths.key_file.clone();
    let ring = Keyring::load(&path).map_err(failed)?;
    let id = match ring.next_kek() {
        Some(id) => {
            eprintln!(
                "heart: key-encryption key {id} was already prepared in {}",
                path.display()
            );
            id
        }
        None => {
            let prepared = ring.prepared();
            prepared.save(&path).map_err(failed)?;
            opened
                .app
                .record_operation(
                    &Actor::cli(),
                    "keys.prepare",
                    &format!("kek={}", prepared.next_kek().unwrap_or(0)),
                )
                .await
                .map_err(app_failure)?;
            prepared.next_kek().unwrap_or(0)
        }
    };
    eprintln!(
        "heart: prepared key-encryption key {id} beside the current one in {}. Copy this key file to every node \
         (each re-reads it within a second and reports it within {} seconds; nothing is wrapped under the new key \
         yet), then run `heart keys rotate --finish`",
        path.display(),
        NODE_KEYS_EVERY.as_secs()
    );
    Ok(())
}

/// Phase two: refused while a running node lacks the prepared key (named); then the deployment wraps under it,
/// every node follows, everything is re-wrapped, and the old keys leave this key file.
pub async fn rotate_finish(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let path = opened.paths.key_file.clone();
    let ring = Keyring::load(&path).map_err(failed)?;
    let Some(id) = ring.next_kek() else {
        return Err(usage(format!(
            "{} holds no prepared key: run `heart keys rotate --prepare` first",
            path.display()
        )));
    };
    let lacking = |nodes: &[heart_store::NodeKeysRow]| -> Option<String> {
        nodes.iter().find(|n| !n.kek_ids.contains(&id)).map(|n| {
            let held: Vec<String> = n.kek_ids.iter().map(u32::to_string).collect();
            format!(
                "node {} still holds only key(s) {}: copy the key file there (it re-reads it within a second) and \
                 run `heart keys rotate --finish` again; nothing was changed",
                n.node,
                held.join(", ")
            )
        })
    };
    if let Some(m) = lacking(&live_nodes(&opened).await?) {
        return Err(failed(m));
    }
    opened
        .store
        .apply(
            heart_store::ChangeSet::new().op(heart_store::Op::Trust(TrustOp::SetCurrentKek { id })),
        )
        .await
        .map_err(failed)?;
    let next = ring.promoted(id);
    next.save(&path).map_err(failed)?;
    // Every running node follows within one report; wait for all of them before re-wrapping, so that nothing new
    // is wrapped under the old key once this node stops holding it.
    let deadline = std::time::Instant::now() + NODE_KEYS_EVERY * 4;
    loop {
        let nodes = live_nodes(&opened).await?;
        if let Some(m) = lacking(&nodes) {
            return Err(failed(m));
        }
        match nodes.iter().find(|n| n.wraps != id) {
            None => break,
            Some(n) if std::time::Instant::now() > deadline => {
                return Err(failed(format!(
                    "node {} does not wrap under key {id} yet: run `heart keys rotate --finish` again in a moment \
                     (the deployment uses key {id} from now on; every key file keeps the old key until then)",
                    n.node
                )));
            }
            Some(_) => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    rewrap_and_retire(&opened, ring, next).await?;
    eprintln!(
        "heart: copy this key file to every node again: they no longer need the old key (until then they keep \
         working, holding both)"
    );
    Ok(())
}

/// Re-wraps every data key and secret under `next`'s current KEK, then keeps only it in the key file (the old
/// file is kept beside it, for backups taken before).
async fn rewrap_and_retire(opened: &Opened, old: Keyring, next: Keyring) -> Result<(), Failure> {
    let path = opened.paths.key_file.clone();
    let old_ids: Vec<u32> = old
        .kek_ids()
        .into_iter()
        .filter(|i| *i != next.current_kek())
        .collect();
    // A running server re-reads the key file at most a second after it changes; from then on it wraps new data
    // keys under the new KEK. Wait for that before counting what is left under the old ones.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let keys = opened.keys.refresh();
    debug_assert_eq!(keys.current_kek(), next.current_kek());
    let mut total = 0;
    loop {
        let (done, left) = opened.store.rewrap_keys(500).await.map_err(failed)?;
        total += done;
        if left == 0 {
            break;
        }
        if done == 0 {
            return Err(failed(
                "some data keys could not be re-wrapped; the key file keeps both keys, nothing is lost",
            ));
        }
    }
    // The old KEKs are no longer needed by the database. Backups taken before today still are: keep them in a
    // separate file to store offline with those backups, or delete it to make those backups unreadable.
    let retired = path.with_extension(format!(
        "retired-{}",
        old_ids
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("-")
    ));
    old.save(&retired).map_err(failed)?;
    next.without_old_keks().save(&path).map_err(failed)?;
    opened
        .app
        .record_operation(
            &Actor::cli(),
            "keys.rotate",
            &format!("kek={} rewrapped={total}", next.current_kek()),
        )
        .await
        .map_err(app_failure)?;
    eprintln!(
        "heart: re-wrapped {total} data keys under key-encryption key {}; the key file holds only that key now",
        next.current_kek()
    );
    eprintln!(
        "heart: the previous key file is at {}: backups taken before now need it. Keep it offline with those \
         backups, or delete it to make them unreadable",
        retired.display()
    );
    Ok(())
}

pub async fn audit_verify(data: &DataArgs, against: Option<PathBuf>) -> Result<(), Failure> {
    let against = match against {
        None => None,
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| usage(format!("cannot read {}: {}", p.display(), e.kind())))?;
            Some(
                serde_json::from_str::<Checkpoint>(&text)
                    .map_err(|_| usage(format!("{} is not a heart checkpoint", p.display())))?,
            )
        }
    };
    let opened = open(data, DEFAULT_DIR).await?;
    let report = opened.store.audit_verify(against).await.map_err(failed)?;
    match report.problem {
        None => {
            eprintln!(
                "heart: audit chain intact: {} entries, head {} ({}), {} signed checkpoints",
                report.entries, report.head_seq, report.head_hash, report.checkpoints
            );
            Ok(())
        }
        Some(p) => Err(Failure::Failed(anyhow::anyhow!(
            "audit chain broken at entry {}: {}",
            p.seq,
            p.message
        ))),
    }
}

pub async fn ledger_verify(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let check = opened.store.money().ledger_verify().await.map_err(failed)?;
    if check.problems.is_empty() {
        eprintln!(
            "heart: the books are sound: {} entries, {} lines, {} funds",
            check.entries, check.lines, check.funds
        );
        return Ok(());
    }
    for p in &check.problems {
        eprintln!("heart: ledger: {p}");
    }
    Err(Failure::Failed(anyhow::anyhow!(
        "the ledger has {} problem(s)",
        check.problems.len()
    )))
}

pub async fn audit_checkpoint(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let cp = opened
        .store
        .audit_checkpoint(jiff::Timestamp::now())
        .await
        .map_err(failed)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&cp).map_err(|e| failed(e.to_string()))?
    );
    eprintln!(
        "heart: keep this checkpoint somewhere else; `heart audit verify --against FILE` checks it"
    );
    Ok(())
}

pub async fn backup(data: &DataArgs, path: &Path) -> Result<(), Failure> {
    let settings = settings_of(data)?;
    let plan = backups::Plan::of(&settings, &paths(data, &settings, DEFAULT_DIR))?;
    let target = plan.target(path);
    if target.exists() {
        return Err(usage(format!("{} already exists", target.display())));
    }
    let opened = open(data, DEFAULT_DIR).await?;
    plan.take(opened.store.as_ref(), &target)
        .await
        .map_err(failed)?;
    opened
        .app
        .record_operation(&Actor::cli(), "backup.take", "")
        .await
        .map_err(app_failure)?;
    if plan.encrypts() {
        eprintln!(
            "heart: backed up to {}, encrypted to the backup_encrypt_to recipients: restoring it needs one of their \
             identities, and the key file",
            target.display()
        );
    } else {
        eprintln!(
            "heart: backed up to {}. It holds personal data sealed with the key file, which it does not contain: \
             keep the key file somewhere else",
            target.display()
        );
    }
    if let Some(run) = plan.after(&target).await {
        eprintln!("heart: backup_after: {}", run.outcome);
    }
    Ok(())
}

async fn take_backup(store: &dyn Store, path: &Path) -> anyhow::Result<()> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    store.backup(path).await?;
    backups::private(path)?;
    Ok(())
}

/// `heart restore FILE [--identity FILE]`: an encrypted backup is decrypted into the data directory first (never
/// beside the backup), restored from there, and the plain copy removed.
pub async fn restore(data: &DataArgs, from: &Path, identity: Option<&Path>) -> Result<(), Failure> {
    let settings = settings_of(data)?;
    let p = paths(data, &settings, DEFAULT_DIR);
    if !from.exists() {
        return Err(usage(format!("{} does not exist", from.display())));
    }
    if !backups::is_encrypted(from) {
        return restore_file(data, &p, &settings, from, from).await;
    }
    let Some(identity) = identity else {
        return Err(usage(format!(
            "{} is encrypted: give --identity FILE, an age identity of one of its recipients",
            from.display()
        )));
    };
    std::fs::create_dir_all(&p.dir).context("cannot create the data directory")?;
    let plain = p.dir.join("heart.restore-decrypted");
    let _ = std::fs::remove_file(&plain);
    backups::decrypt(from, identity, &plain).map_err(failed)?;
    let done = restore_file(data, &p, &settings, &plain, from).await;
    let _ = std::fs::remove_file(&plain);
    done
}

/// Restores the plain backup `from` (`shown` is the file the operator named).
async fn restore_file(
    data: &DataArgs,
    p: &Paths,
    settings: &crate::config::Settings,
    from: &Path,
    shown: &Path,
) -> Result<(), Failure> {
    if let Engine::Postgres(url) = Engine::of(data, settings, p)? {
        if !p.key_file.exists() {
            return Err(failed(format!(
                "the key file {} is missing: a backup cannot be read without it",
                p.key_file.display()
            )));
        }
        let (keys, _) = Keys::open(&p.key_file).map_err(failed)?;
        heart_store::postgres::restore(&url, from, &keys)
            .await
            .map_err(|m| failed(format!("{} is refused: {m}", shown.display())))?;
        return after_restore(data, shown, None).await;
    }
    std::fs::create_dir_all(&p.dir).context("cannot create the data directory")?;
    let _lock = lock_data(p)?;
    if !p.key_file.exists() {
        return Err(failed(format!(
            "the key file {} is missing: a backup cannot be read without it",
            p.key_file.display()
        )));
    }
    let (keys, _) = Keys::open(&p.key_file).map_err(failed)?;
    let requests = SqliteStore::check_backup(from, &keys)
        .await
        .map_err(|m| failed(format!("{} is refused: {m}", shown.display())))?;
    // Copy beside the database, make it durable, then swap it in; the old WAL belongs to the old database.
    let tmp = p.dir.join("heart.db.restoring");
    std::fs::copy(from, &tmp).context("cannot copy the backup")?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .context("cannot write the restored copy")?;
    for ext in ["db-wal", "db-shm"] {
        let f = p.dir.join(format!("heart.{ext}"));
        if f.exists() {
            std::fs::remove_file(&f).with_context(|| format!("cannot remove {}", f.display()))?;
        }
    }
    std::fs::rename(&tmp, &p.db).context("cannot put the restored copy in place")?;
    drop(_lock);
    after_restore(data, shown, Some(requests)).await
}

/// Re-applies the erasures made since the backup, and records the restore.
async fn after_restore(data: &DataArgs, from: &Path, requests: Option<i64>) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let again = opened
        .app
        .reapply_erasures(&Actor::cli(), "restore")
        .await
        .map_err(app_failure)?;
    opened
        .app
        .record_operation(
            &Actor::cli(),
            "backup.restore",
            &format!("erased_again={again}"),
        )
        .await
        .map_err(app_failure)?;
    let requests = match requests {
        Some(n) => format!("{n} requests"),
        None => format!(
            "{} requests",
            opened
                .store
                .recent_requests(i64::MAX)
                .await
                .map_or(0, |v| v.len())
        ),
    };
    eprintln!(
        "heart: restored {} ({requests}); {again} erasures made since that backup were applied again",
        from.display()
    );
    Ok(())
}

pub async fn retention(data: &DataArgs) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let report = opened
        .app
        .run_retention(&Actor::cli())
        .await
        .map_err(app_failure)?;
    eprintln!(
        "heart: retention ({} days): erased the identifying data of {} people with no contact since {}",
        opened.settings.retention_days,
        report.erased,
        report
            .cutoff
            .map(|c| c.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default()
    );
    if report.circles > 0 {
        eprintln!(
            "heart: retention: destroyed the keys of {} circles closed more than {} days ago",
            report.circles, opened.settings.circles.retention_days
        );
    }
    Ok(())
}

pub async fn migrate(data: &DataArgs) -> Result<(), Failure> {
    let settings = settings_of(data)?;
    let p = paths(data, &settings, DEFAULT_DIR);
    match Engine::of(data, &settings, &p)? {
        Engine::Postgres(url) => {
            // The key file is read when it is there (it keys an existing audit chain); never made here.
            let keys = if p.key_file.exists() {
                Some(Keys::open(&p.key_file).map_err(failed)?.0)
            } else {
                None
            };
            let n = PgStore::migrate(&url, keys.as_ref())
                .await
                .map_err(failed)?;
            eprintln!(
                "heart: the database is at this version's schema ({n} migrations applied now)"
            );
        }
        Engine::Sqlite(_) => {
            // Opening the embedded store migrates it (and refuses one made by a newer heart).
            open(data, DEFAULT_DIR).await?;
            eprintln!("heart: the database is at this version's schema");
        }
    }
    Ok(())
}

/// `heart migrate --check`: the migrations not yet applied, one per line on stdout (nothing when none), and where
/// the schema stands on stderr; nothing is applied or made. A database newer than this binary: exit 1.
pub async fn migrate_check(data: &DataArgs) -> Result<(), Failure> {
    let settings = settings_of(data)?;
    let p = paths(data, &settings, DEFAULT_DIR);
    let schema = match Engine::of(data, &settings, &p)? {
        Engine::Postgres(url) => PgStore::schema(&url).await,
        Engine::Sqlite(db) => SqliteStore::schema(&db).await,
    }
    .map_err(failed)?;
    for m in &schema.pending {
        println!("{m}");
    }
    match schema.at {
        None => eprintln!(
            "heart: a new database: {} migrations to apply (schema {})",
            schema.pending.len(),
            schema.known
        ),
        Some(at) if schema.pending.is_empty() => {
            eprintln!("heart: the database is at this version's schema ({at})")
        }
        Some(at) => eprintln!(
            "heart: the database is at schema {at}; {} migrations to apply to reach {}",
            schema.pending.len(),
            schema.known
        ),
    }
    Ok(())
}

pub async fn export_all(data: &DataArgs, path: &Path) -> Result<(), Failure> {
    if path.exists() {
        return Err(usage(format!("{} already exists", path.display())));
    }
    let opened = open(data, DEFAULT_DIR).await?;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| usage(format!("cannot write {}: {}", path.display(), e.kind())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    let mut out = std::io::BufWriter::new(file);
    let names = heart_store::sqlite::migration_names();
    let counts = match (&opened.sqlite, &opened.pg) {
        (Some(s), _) => s.export_all(&names, &mut out).await,
        (_, Some(p)) => p.export_all(&names, &mut out).await,
        _ => return Err(failed("no store")),
    };
    let counts = match counts {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(path);
            return Err(failed(e));
        }
    };
    opened
        .app
        .record_operation(
            &Actor::cli(),
            "export.all",
            &format!("rows={}", counts.total()),
        )
        .await
        .map_err(app_failure)?;
    eprintln!(
        "heart: wrote {} records to {}. Personal data in it is sealed with the key file, which it does not contain",
        counts.total(),
        path.display()
    );
    Ok(())
}

pub async fn import_all(data: &DataArgs, path: &Path) -> Result<(), Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| usage(format!("cannot read {}: {}", path.display(), e.kind())))?;
    let opened = open(data, DEFAULT_DIR).await?;
    heart_store::transfer::check_keys(&mut std::io::BufReader::new(file), &opened.keys)
        .map_err(|m| failed(format!("{} is refused: {m}", path.display())))?;
    let file = std::fs::File::open(path)
        .map_err(|e| usage(format!("cannot read {}: {}", path.display(), e.kind())))?;
    let mut input = std::io::BufReader::new(file);
    let names = heart_store::sqlite::migration_names();
    let counts = match (&opened.sqlite, &opened.pg) {
        (Some(s), _) => s.import_all(&names, &mut input).await,
        (_, Some(p)) => p.import_all(&names, &mut input).await,
        _ => return Err(failed("no store")),
    }
    .map_err(|m| {
        failed(format!(
            "{} is refused, nothing was imported: {m}",
            path.display()
        ))
    })?;
    // An export taken before an erasure must not bring the person back.
    let again = opened
        .app
        .reapply_erasures(&Actor::cli(), "import")
        .await
        .map_err(app_failure)?;
    opened
        .app
        .record_operation(
            &Actor::cli(),
            "import.all",
            &format!("rows={} erased_again={again}", counts.total()),
        )
        .await
        .map_err(app_failure)?;
    eprintln!(
        "heart: imported {} records from {}; {again} erasures made since that export were applied again",
        counts.total(),
        path.display()
    );
    Ok(())
}

mod accounts;
pub mod backups;
mod doctor;
mod import;
mod jobs;
mod plan;
pub use accounts::{partner, token, user};
pub use doctor::doctor;
pub use import::{import_gifts, import_requests};
use jobs::{NODE_ALIVE, NODE_KEYS_EVERY};
pub use jobs::{relay_events, spawn_jobs};
pub use plan::{PlanArgs, plan};

/// `heart directory import PATH`: read, check (all or nothing), store; a running server sees it within 5 s.
pub async fn directory_import(
    data: &DataArgs,
    path: &Path,
    strict: bool,
    timezone: Option<String>,
) -> Result<(), Failure> {
    if !path.exists() {
        return Err(usage(format!("{} does not exist", path.display())));
    }
    let opened = open(data, DEFAULT_DIR).await?;
    let timezone = timezone.unwrap_or_else(|| opened.app.config.hours.timezone.clone());
    if jiff::tz::TimeZone::get(&timezone).is_err() {
        return Err(usage(format!(
            "--timezone {timezone:?} is not an IANA time zone"
        )));
    }
    let started = std::time::Instant::now();
    let mut progress = |file: &str, rows: usize| eprintln!("heart: reading {file} ({rows} rows)");
    let imported = heart_hsds::import(
        path,
        heart_hsds::Options {
            strict,
            timezone,
            progress: Some(&mut progress),
        },
    )
    .map_err(|e| usage(format!("nothing imported: {e}")))?;
    for w in &imported.warnings {
        eprintln!("heart: warning: {w}");
    }
    let d = &imported.directory;
    let n = opened
        .app
        .store_directory(d)
        .await
        .map_err(|e| failed(e.to_string()))?;
    eprintln!(
        "heart: imported {} ({}): {} services, {} organizations, {} locations, {} records in all, {} repairs, in {} ms",
        path.display(),
        imported.format.label(),
        d.len(heart_hsds::Kind::Service),
        d.len(heart_hsds::Kind::Organization),
        d.len(heart_hsds::Kind::Location),
        n,
        imported.warnings.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// `heart directory export PATH --format json|csv`.
pub async fn directory_export(data: &DataArgs, path: &Path, format: &str) -> Result<(), Failure> {
    let opened = open(data, DEFAULT_DIR).await?;
    let loaded = opened
        .app
        .directory()
        .await
        .map_err(|e| failed(e.to_string()))?;
    let files = match format {
        "csv" => heart_hsds::export::export_csv(&loaded.dir, path),
        _ => heart_hsds::export::export_json(&loaded.dir, path),
    }
    .map_err(|e| failed(format!("cannot write {}: {e}", path.display())))?;
    eprintln!(
        "heart: exported {} services to {} ({})",
        loaded.dir.len(heart_hsds::Kind::Service),
        path.display(),
        files.join(", ")
    );
    Ok(())
}

/// `heart directory hook`: where a partner organization receives its referrals.
pub async fn directory_hook(
    data: &DataArgs,
    organization: &str,
    url: Option<&str>,
) -> Result<(), Failure> {
    let app = open(data, "./heart-data").await?.app;
    match app
        .set_referral_hook(&Actor::cli(), organization, url)
        .await
        .map_err(app_failure)?
    {
        Some(secret) => {
            eprintln!(
                "heart: referrals to this organization now go to its hook, signed with this secret:"
            );
            println!("{secret}");
        }
        None => eprintln!("heart: the organization's hook is removed"),
    }
    Ok(())
}

/// `heart mail test`: one message through the configured mail server.
pub async fn mail_test(data: &DataArgs, to: &str) -> Result<(), Failure> {
    let s = settings_of(data)?;
    if !s.mail.on() {
        return Err(usage(
            "email is not set up: set mail.smtp_url and mail.from in the settings",
        ));
    }
    if !heart_app::mail::is_address(to) {
        return Err(usage("--to is not an email address"));
    }
    heart_app::mail::send_test(&s.mail, to, &s.money.organisation)
        .await
        .map_err(|e| Failure::Failed(anyhow::anyhow!(e)))?;
    eprintln!("heart: the mail server took the test message");
    Ok(())
}
