//! `heart`: one binary for a community crisis-response team. See `heart --help`.

mod config;
mod ops;
mod tls;

use anyhow::Context;
use clap::Parser;
use heart_app::{App, AppError};
use heart_crypto::keys::Keys;
use heart_domain::time::SystemClock;
use heart_store::Store;
use heart_store::postgres::PgStore;
use heart_store::sqlite::SqliteStore;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

mod cli;

use cli::*;
/// Exit 2: bad usage or input. Exit 1: a failure.
enum Failure {
    Usage(String),
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Failed(e)
    }
}

/// Every shipped language must be able to ask the screening script's questions and give its reasons: a script
/// with texts no catalogue has words for is refused (naming the message ids), or, when the settings allow it, used
/// with those texts in English and a warning.
fn check_script_words(
    script: &heart_domain::triage::Script,
    allow_untranslated: bool,
) -> Result<(), Failure> {
    let missing = heart_web::i18n::untranslated(script);
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing
        .iter()
        .map(|(lang, ids)| format!("{lang}: {}", ids.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    if allow_untranslated {
        tracing::warn!(
            "some of the screening script's texts are not translated (new, or changed since); they are shown in English ({list})"
        );
        return Ok(());
    }
    Err(usage(format!(
        "some of the screening script's texts are not translated, new or changed since they were ({list}); add their words to the catalogues, or set allow_untranslated_script = true to show them in English"
    )))
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure::Usage(msg.into())
}

fn app_failure(e: AppError) -> Failure {
    match e {
        AppError::Invalid(f) => usage(
            f.0.iter()
                .map(|(field, code)| format!("{field}: {}", code.replace('_', " ")))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        AppError::Forbidden(_) | AppError::NotFound | AppError::Conflict(_) => usage(e.to_string()),
        other => Failure::Failed(anyhow::anyhow!(other.to_string())),
    }
}

/// glibc raises its mmap threshold after large blocks are freed, so argon2's 19 MiB work areas end up kept in the
/// heap for good. A fixed threshold makes every such block its own mapping, returned to the system when freed: idle
/// memory stays small after password hashing (measured in BENCHMARKS.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets allocator parameters; called once before any other thread starts.
    #[allow(unsafe_code)]
    // the workspace's one unsafe block: glibc's allocator has no safe binding for this
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

/// mimalloc rather than glibc's malloc: under intake load glibc spent a fifth of the process's CPU in malloc, free
/// and consolidating free chunks (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tune_allocator();
    heart_app::payments::ensure_tls_provider();
    if !heart_crypto::keys::SEALING {
        eprintln!(
            "heart: THIS BUILD DOES NOT ENCRYPT personal data (built with plaintext-for-benchmarks); use it only to \
             measure encryption's cost, never with real people's data"
        );
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let first = e
                .to_string()
                .lines()
                .next()
                .unwrap_or("bad usage")
                .trim_start_matches("error: ")
                .to_string();
            eprintln!("heart: {first} (see heart --help)");
            return ExitCode::from(2);
        }
    };
    let logs = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        );
    if cli.log_format == "json" {
        logs.json().flatten_event(true).init();
    } else {
        logs.init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("heart: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("heart: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(e)) => {
            eprintln!("heart: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Where a deployment keeps its files.
struct Paths {
    dir: PathBuf,
    db: PathBuf,
    key_file: PathBuf,
    erasure_log: PathBuf,
    backups: PathBuf,
}

/// The key of outreach's returning-person codes, beside the key file.
fn uci_file(paths: &Paths) -> PathBuf {
    paths
        .key_file
        .parent()
        .map(|p| p.join("heart.uci"))
        .unwrap_or_else(|| PathBuf::from("heart.uci"))
}

fn paths(data: &DataArgs, settings: &config::Settings, default_dir: &str) -> Paths {
    let dir = data
        .data
        .clone()
        .or_else(|| settings.data.clone())
        .unwrap_or_else(|| PathBuf::from(default_dir));
    let key_file = settings
        .key_file
        .clone()
        .unwrap_or_else(|| dir.join("heart.key"));
    // Beside the key file: outside the database and outside its backups.
    let erasure_log = key_file
        .parent()
        .map(|p| p.join("heart.erasures"))
        .unwrap_or_else(|| PathBuf::from("heart.erasures"));
    Paths {
        db: dir.join("heart.db"),
        backups: settings
            .backup_dir
            .clone()
            .unwrap_or_else(|| dir.join("backups")),
        dir,
        key_file,
        erasure_log,
    }
}

/// Which database a deployment uses.
#[derive(Clone)]
enum Engine {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Engine {
    fn of(data: &DataArgs, settings: &config::Settings, paths: &Paths) -> Result<Engine, Failure> {
        match data.database_url.clone().or(settings.database_url.clone()) {
            None => Ok(Engine::Sqlite(paths.db.clone())),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                heart_store::postgres::options(&url).map_err(usage)?;
                Ok(Engine::Postgres(url))
            }
            Some(url) if url.starts_with("sqlite:") => Ok(Engine::Sqlite(PathBuf::from(
                url.trim_start_matches("sqlite:").trim_start_matches("//"),
            ))),
            Some(_) => Err(usage(
                "--database-url must start with postgres:// (or sqlite:PATH for the embedded store)",
            )),
        }
    }
}

struct Opened {
    app: Arc<App>,
    settings: config::Settings,
    store: Arc<dyn Store>,
    /// Set on PostgreSQL (for what only it does: events across nodes, the database role).
    pg: Option<Arc<PgStore>>,
    /// Set on SQLite.
    sqlite: Option<Arc<SqliteStore>>,
    engine: Engine,
    keys: Arc<Keys>,
    paths: Paths,
}

fn settings_of(data: &DataArgs) -> Result<config::Settings, Failure> {
    config::Settings::load(data.config.as_deref()).map_err(|e| usage(format!("{e:#}")))
}

/// On SQLite, a database with migrations to apply is copied first, into the backups directory under a scheduled
/// backup's name (so it is pruned, and scrubbed of people erased later, like the others); a new database is not.
async fn backup_before_migrating(db: &std::path::Path, paths: &Paths) -> Result<(), Failure> {
    let schema = SqliteStore::schema(db)
        .await
        .map_err(|m| Failure::Failed(anyhow::anyhow!("{m}")))?;
    let Some(at) = schema.at.filter(|_| !schema.pending.is_empty()) else {
        return Ok(());
    };
    let name = format!(
        "heart-{}.db",
        jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ")
    );
    let to = paths.backups.join(name);
    std::fs::create_dir_all(&paths.backups).with_context(|| {
        format!(
            "cannot create the backups directory {}",
            paths.backups.display()
        )
    })?;
    SqliteStore::copy_before_migrating(db, &to)
        .await
        .map_err(|e| Failure::Failed(anyhow::anyhow!("no backup before migrating: {e}")))?;
    ops::backups::private(&to).context("cannot make the backup private")?;
    eprintln!(
        "heart: took a backup before migrating the database from schema {at} to {}: {}",
        schema.known,
        to.display()
    );
    Ok(())
}

/// The app's settings for a deployment: the settings file's, and where the deployment keeps its files.
fn app_config(settings: &config::Settings, paths: &Paths) -> heart_app::config::AppConfig {
    let mut config = settings.app_config();
    config.erasure_log = Some(paths.erasure_log.clone());
    config.backup_dir = Some(paths.backups.clone());
    config.key_file = Some(paths.key_file.clone());
    config.backup_hours = settings.backup_hours;
    config.data_dir = Some(paths.dir.clone());
    config
}

async fn open(data: &DataArgs, default_dir: &str) -> Result<Opened, Failure> {
    open_for(data, default_dir, false).await
}

/// Opens a deployment; the demo (fictional people, published passwords) signs in without a second factor unless
/// HEART_REQUIRE_SECOND_FACTOR says otherwise.
async fn open_for(data: &DataArgs, default_dir: &str, demo: bool) -> Result<Opened, Failure> {
    let mut settings = settings_of(data)?;
    if demo && std::env::var_os("HEART_REQUIRE_SECOND_FACTOR").is_none() {
        settings.require_second_factor = false;
    }
    // The demo's dispatch line (a fictional 555 number), offered when "Need help" cannot be sent.
    if demo && settings.dispatch_phone.is_none() {
        settings.dispatch_phone = Some("617-555-0100".into());
    }
    let paths = paths(data, &settings, default_dir);
    // Every setting is checked before anything on disk is touched.
    let script = settings.script().map_err(|e| usage(format!("{e:#}")))?;
    check_script_words(&script, settings.allow_untranslated_script)?;
    let passkeys = settings.passkeys(demo);
    passkeys
        .relying_party()
        .map_err(|e| usage(format!("bad settings: {e}")))?;
    let city = settings
        .geo
        .city()
        .map_err(|e| usage(format!("bad settings: geo: {e:#}")))?;
    settings
        .geo
        .check_tile_url()
        .map_err(|e| usage(format!("bad settings: geo: {e:#}")))?;
    let engine = Engine::of(data, &settings, &paths)?;
    std::fs::create_dir_all(&paths.dir)
        .with_context(|| format!("cannot create the data directory {}", paths.dir.display()))?;
    let holds = match &engine {
        Engine::Sqlite(db) => SqliteStore::holds_sealed_data(db).await,
        Engine::Postgres(url) => PgStore::holds_sealed_data(url)
            .await
            .map_err(|m| Failure::Failed(anyhow::anyhow!("{m}")))?,
    };
    if !paths.key_file.exists() && holds {
        return Err(Failure::Failed(anyhow::anyhow!(
            "the database holds sealed personal data but the key file {} is missing: put the key file back \
             (or point HEART_KEY_FILE at it); a new key could not read anything",
            paths.key_file.display()
        )));
    }
    let (keys, created) = Keys::open(&paths.key_file)
        .map_err(|e| Failure::Failed(anyhow::anyhow!("{} ({})", e, paths.key_file.display())))?;
    if created {
        eprintln!(
            "heart: created the key file {} (mode 0600). Keep a copy apart from backups: without it no personal \
             data can be read",
            paths.key_file.display()
        );
    }
    let keys = Arc::new(keys);
    let failed = |e: heart_store::StoreError| match e {
        heart_store::StoreError::Backend(m) | heart_store::StoreError::Unavailable(m) => {
            Failure::Failed(anyhow::anyhow!("{m}"))
        }
        other => Failure::Failed(anyhow::anyhow!("{other}")),
    };
    let (store, pg, sqlite, matches): (Arc<dyn Store>, _, _, bool) = match &engine {
        Engine::Sqlite(db) => {
            backup_before_migrating(db, &paths).await?;
            let s = Arc::new(SqliteStore::open(db, keys.clone()).await.map_err(failed)?);
            let m = s.keys_match().await.map_err(failed)?;
            (s.clone(), None, Some(s), m)
        }
        Engine::Postgres(url) => {
            let s = Arc::new(PgStore::open(url, keys.clone()).await.map_err(failed)?);
            let m = s.keys_match().await.map_err(failed)?;
            (s.clone(), Some(s), None, m)
        }
    };
    if !matches {
        return Err(Failure::Failed(anyhow::anyhow!(
            "the key file {} does not open this database's data keys (a wrong key file?)",
            paths.key_file.display()
        )));
    }
    // Mid-rotation across nodes: wrap under the key the deployment chose, if this key file holds it prepared.
    keys.follow(store.current_kek().await.map_err(failed)?);
    let mut config = app_config(&settings, &paths);
    config.passkeys = passkeys;
    // Alerts to phones: the VAPID key pair beside the key file (every node needs the same one).
    let vapid_file = paths
        .key_file
        .parent()
        .map(|p| p.join("heart.vapid"))
        .unwrap_or_else(|| PathBuf::from("heart.vapid"));
    let (vapid, made) = heart_app::push::open_vapid(&vapid_file)
        .map_err(|e| Failure::Failed(anyhow::anyhow!("{e} ({})", vapid_file.display())))?;
    if made {
        eprintln!(
            "heart: created the alerts key {} (mode 0600); every node of this deployment needs the same file",
            vapid_file.display()
        );
    }
    config.push = heart_app::push::PushConfig {
        vapid: Some(Arc::new(vapid)),
        contact: settings.push_contact.clone(),
    };
    // Outreach's returning-person codes: their key beside the key file, never in the database.
    let uci_file = uci_file(&paths);
    let (code_key, made) = heart_app::outreach::CodeKey::open(&uci_file)
        .map_err(|e| Failure::Failed(anyhow::anyhow!("{e} ({})", uci_file.display())))?;
    if made {
        eprintln!(
            "heart: created the returning-person key {} (mode 0600); every node of this deployment needs the same file",
            uci_file.display()
        );
    }
    config.outreach.code_key = Arc::new(code_key);
    let app = App::new(store.clone(), Arc::new(SystemClock), script, config);
    if let Some(city) = city {
        app.set_geo(Arc::new(city));
    }
    Ok(Opened {
        app,
        settings,
        store,
        pg,
        sqlite,
        engine,
        keys,
        paths,
    })
}

async fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Serve { addr, demo, data } => serve(addr, demo, &data, "./heart-data").await,
        Command::Demo { addr, data } => serve(addr, true, &data, "./heart-demo").await,
        Command::User { command } => ops::user(command).await,
        Command::Token { command } => ops::token(command).await,
        Command::Partner { command } => ops::partner(command).await,
        Command::Directory { command } => match command {
            DirectoryCommand::Import {
                path,
                strict,
                timezone,
                data,
            } => ops::directory_import(&data, &path, strict, timezone).await,
            DirectoryCommand::Export { path, format, data } => {
                ops::directory_export(&data, &path, &format).await
            }
            DirectoryCommand::Hook {
                organization,
                url,
                data,
            } => ops::directory_hook(&data, &organization, url.as_deref()).await,
        },
        Command::Keys {
            command:
                KeysCommand::Rotate {
                    prepare,
                    finish,
                    data,
                },
        } => match (prepare, finish) {
            (true, _) => ops::rotate_prepare(&data).await,
            (_, true) => ops::rotate_finish(&data).await,
            _ => ops::rotate_keys(&data).await,
        },
        Command::Keys {
            command: KeysCommand::RotateUci { data },
        } => ops::rotate_uci(&data).await,
        Command::Audit {
            command: AuditCommand::Verify { against, data },
        } => ops::audit_verify(&data, against).await,
        Command::Mail {
            command: MailCommand::Test { to, data },
        } => ops::mail_test(&data, &to).await,
        Command::Ledger {
            command: LedgerCommand::Verify { data },
        } => ops::ledger_verify(&data).await,
        Command::Audit {
            command: AuditCommand::Checkpoint { data },
        } => ops::audit_checkpoint(&data).await,
        Command::Backup { path, data } => ops::backup(&data, &path).await,
        Command::Restore {
            path,
            identity,
            data,
        } => ops::restore(&data, &path, identity.as_deref()).await,
        Command::Retention {
            command: RetentionCommand::Run { data },
        } => ops::retention(&data).await,
        Command::Migrate { check: false, data } => ops::migrate(&data).await,
        Command::Migrate { check: true, data } => ops::migrate_check(&data).await,
        Command::Doctor { data } => ops::doctor(&data).await,
        Command::Version => {
            println!("heart {}", env!("CARGO_PKG_VERSION"));
            println!("schema {}", heart_store::sqlite::schema_version());
            println!("commit {}", env!("HEART_BUILD_COMMIT"));
            Ok(())
        }
        Command::Import {
            command:
                cli::ImportCommand::Requests {
                    file,
                    map,
                    apply,
                    data,
                },
        } => ops::import_requests(&data, &file, &map, apply).await,
        Command::Import {
            command:
                cli::ImportCommand::Gifts {
                    file,
                    map,
                    apply,
                    data,
                },
        } => ops::import_gifts(&data, &file, &map, apply).await,
        Command::ExportAll { path, data } => ops::export_all(&data, &path).await,
        Command::ImportAll { path, data } => ops::import_all(&data, &path).await,
        Command::Plan {
            calltypes,
            city,
            years,
            categories,
            minutes_per_call,
            within,
            target,
            data,
        } => {
            ops::plan(ops::PlanArgs {
                calltypes: &calltypes,
                city: &city,
                years,
                categories: categories.as_deref(),
                minutes_per_call,
                within,
                target,
                data: &data,
            })
            .await
        }
        Command::I18n { command } => i18n(command),
    }
}

/// `heart i18n status` and `heart i18n stamp`.
fn i18n(command: I18nCommand) -> Result<(), Failure> {
    use heart_web::languages;
    match command {
        I18nCommand::Status => {
            let all = languages::coverage();
            print!("{}", languages::table(&all));
            let short: Vec<String> = all
                .iter()
                .filter(|c| !c.person_missing.is_empty())
                .map(|c| format!("{} misses {}", c.tag, c.person_missing.join(", ")))
                .collect();
            if short.is_empty() {
                Ok(())
            } else {
                Err(Failure::Failed(anyhow::anyhow!(
                    "a language misses messages a person served meets: {}",
                    short.join("; ")
                )))
            }
        }
        I18nCommand::Stamp { language, dir } => {
            let Some(lang) = languages::find(&language).filter(|l| l.tag == language) else {
                return Err(usage(format!("{language}: not a language heart ships")));
            };
            if lang.tag == "en-US" {
                return Err(usage("en-US is the source: there is nothing to stamp"));
            }
            for file in ["main.ftl", "triage.ftl"] {
                let en = std::fs::read_to_string(dir.join("en-US").join(file)).map_err(|e| {
                    usage(format!("{}: {e}", dir.join("en-US").join(file).display()))
                })?;
                let path = dir.join(lang.tag).join(file);
                let mine = std::fs::read_to_string(&path)
                    .map_err(|e| usage(format!("{}: {e}", path.display())))?;
                std::fs::write(&path, languages::stamp(&en, &mine))
                    .map_err(|e| Failure::Failed(anyhow::anyhow!("{}: {e}", path.display())))?;
            }
            println!(
                "{}: every translation marked as made from today's English",
                lang.tag
            );
            Ok(())
        }
    }
}

async fn serve(
    addr: Option<String>,
    demo: bool,
    data: &DataArgs,
    default_dir: &str,
) -> Result<(), Failure> {
    // The certificate is checked before anything on disk is touched: a bad one is one line, exit 2.
    if let Some(t) = &settings_of(data)?.tls {
        tls::load(&t.cert_file, &t.key_file)
            .map_err(|m| usage(format!("bad settings: tls: {m}")))?;
    }
    let opened = open_for(data, default_dir, demo).await?;
    let _lock = ops::lock_data(&opened.paths)?;
    if demo && !opened.settings.require_second_factor {
        eprintln!(
            "heart: demo: signing in asks for no second factor here; a real deployment requires one for every \
             account that reaches personal data"
        );
    }
    let (app, settings) = (opened.app.clone(), opened.settings.clone());
    // Giving works end to end in the demo: a local test provider, marked "test mode: no money moves" on every
    // page it touches. Only under --demo, only when no real provider is set, and before anything asks for one.
    if demo && settings.money.provider == "manual" {
        app.set_provider(std::sync::Arc::new(heart_app::payments::DemoTest::new()));
        eprintln!("heart: demo: gifts go through a local test provider; no money moves");
    }
    // This process among others on one database: events and jobs are shared through it.
    // Named by its machine, so an operator can tell which node an answer is about.
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.".contains(c))
        })
        .unwrap_or_else(|| "node".into());
    let node = format!("{host}-{}", heart_crypto::random_token(4));
    let _serving = match &opened.engine {
        Engine::Postgres(url) => Some(
            heart_store::postgres::hold_serving_lock(url)
                .await
                .map_err(|m| Failure::Failed(anyhow::anyhow!("{m}")))?,
        ),
        Engine::Sqlite(_) => None,
    };
    if let Some(pg) = &opened.pg {
        ops::relay_events(pg, &app, &node);
    }
    if app.make_erasure_log().await.map_err(app_failure)? {
        eprintln!(
            "heart: made the erasure log {} (empty; erasures are noted there). Keep it with the key file",
            opened.paths.erasure_log.display()
        );
    }
    ops::spawn_jobs(&opened, &node);
    let addr = addr
        .or(settings.addr.clone())
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    if demo {
        // The directory first: the demo's partner account belongs to one of its organisations.
        if app.seed_demo_directory().await.map_err(app_failure)? {
            eprintln!(
                "heart: loaded the Cambridge demo directory (City of Cambridge public places; demo data)"
            );
        }
        match app.load_demo().await.map_err(app_failure)? {
            Some(logins) => {
                eprintln!(
                    "heart: loaded the Cambridge demo week (fictional people only). Demo sign-ins:"
                );
                for l in logins {
                    eprintln!(
                        "  {:<12} password {:<24} {}",
                        l.username, l.password, l.what
                    );
                }
            }
            None => eprintln!(
                "heart: the data already holds a week; demo sign-ins are <username> with password heart-demo-<username> \
                 (dispatch, intake, coordinator, admin, amara, dev, gus, ...)"
            ),
        }
    }
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| usage(format!("cannot listen on {addr}: {e}")))?;
    let local = listener.local_addr().context("no local address")?;
    eprintln!("heart: this node is {node}");
    let tls_config = tls::start(settings.tls.as_ref(), local)
        .await
        .map_err(usage)?;
    let ticker = app.clone();
    let holder = node.clone();
    tokio::spawn(async move {
        let period = std::time::Duration::from_secs(15);
        let mut every = tokio::time::interval(period);
        loop {
            every.tick().await;
            // One node checks the timers each period (a little less than the period, so the next tick of any
            // node finds the lease free).
            if !ticker
                .claim_job(
                    "checkin-timers",
                    &holder,
                    period - std::time::Duration::from_secs(1),
                )
                .await
            {
                continue;
            }
            if let Err(e) = ticker.check_lapsed().await {
                tracing::warn!(error = %e, "check-in timer");
            }
        }
    });
    let router = heart_web::router(app.clone());
    let stop = async move {
        shutdown().await;
        app.stop_streams();
    };
    tls::serve(listener, tls_config, router, stop)
        .await
        .context("the server stopped")?;
    eprintln!("heart: stopped");
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
