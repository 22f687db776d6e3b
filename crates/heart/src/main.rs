//! `heart`: one binary for a community crisis-response team. See `heart --help`.

mod config;
mod ops;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use heart_app::{Actor, App, AppError};
use heart_crypto::keys::Keys;
use heart_domain::access::Capabilities;
use heart_domain::time::SystemClock;
use heart_store::Store;
use heart_store::postgres::PgStore;
use heart_store::sqlite::SqliteStore;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "heart",
    version,
    about = "Community crisis response, instead of the police: intake, triage, dispatch, care, follow-up."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DataArgs {
    /// Directory for the SQLite database, the key file and the erasure log (created if missing).
    #[arg(long, env = "HEART_DATA", global = true)]
    data: Option<PathBuf>,
    /// Use PostgreSQL instead of the embedded SQLite file: postgres://user:password@host:port/database. Name
    /// several hosts (host1:5432,host2:5432) with target_session_attrs=read-write to follow a failover.
    #[arg(long, env = "HEART_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// A TOML settings file (team name, hours, triage script, ...).
    #[arg(long, env = "HEART_CONFIG", global = true)]
    config: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, env = "HEART_ADDR")]
        addr: Option<String>,
        /// Load the Cambridge demo week when the database is empty, and print the demo sign-ins.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Run the server with the demo week in ./heart-demo (same as `serve --demo --data ./heart-demo`).
    Demo {
        #[arg(long, env = "HEART_ADDR")]
        addr: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Partner organisations that send signed alerts (`/hooks/partner/{partner}`).
    Partner {
        #[command(subcommand)]
        command: PartnerCommand,
    },
    /// The resource directory (Open Referral HSDS 3.0).
    Directory {
        #[command(subcommand)]
        command: DirectoryCommand,
    },
    /// The key file.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The hash-chained audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Email to donors (receipts, statements).
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// The books: check every entry against the rules.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Take a consistent copy of the database while the server runs.
    Backup {
        /// The file to write (must not exist).
        path: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Replace the database with a backup (stop the server first); erasures made since are applied again.
    Restore {
        /// A file written by `heart backup`.
        path: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// The retention policy.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Bring the database's schema up to this version (idempotent; refuses a database newer than this binary).
    Migrate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write every record of this deployment to a file (JSON lines, personal data still sealed), to move it to
    /// another database (e.g. from SQLite to PostgreSQL with `import-all`).
    ExportAll {
        /// The file to write (must not exist).
        path: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Load a file written by `export-all` into this deployment's database, which must be empty; all or nothing.
    /// Use the key file of the deployment it came from.
    ImportAll {
        path: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Re-wrap every data key under a new key-encryption key, while the server runs; the old one is removed.
    /// With several nodes on one database, in two phases: `--prepare` on one node, copy its key file to every
    /// node, then `--finish`.
    Rotate {
        /// Phase one: write a new key beside the current one (nothing is wrapped under it yet).
        #[arg(long, conflicts_with = "finish")]
        prepare: bool,
        /// Phase two: once every running node holds the prepared key, wrap under it and re-wrap everything.
        #[arg(long)]
        finish: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Send one test message through the `[mail]` settings: exit 0 when the server took it, 1 when it did not
    /// (with its answer code), 2 when email is not set up or the address is not one.
    Test {
        /// Where the test message goes.
        #[arg(long)]
        to: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum LedgerCommand {
    /// Recompute from the journal: every entry balances in one currency, the cached monthly totals equal the
    /// lines, no fund is below zero without a flagged refund or dispute. Exit 0 when sound, 1 naming each problem.
    Verify {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the chain: exit 0 when intact, 1 naming the first bad entry.
    Verify {
        /// A checkpoint printed earlier by `heart audit checkpoint` and kept elsewhere.
        #[arg(long)]
        against: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Sign the chain's head and print the checkpoint (JSON) so it can be kept elsewhere.
    Checkpoint {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum RetentionCommand {
    /// Apply the retention policy now and report what was erased.
    Run {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Remove an account's second factor (a lost phone) and end its sessions; it sets one up again at next
    /// sign-in. The operator's path on the host: audited.
    ResetSecondFactor {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Add an account. Without --password-stdin it prints a one-time setup link.
    Add {
        #[arg(long)]
        username: String,
        /// Comma-separated: intake, dispatch, respond, coordinate, admin, finance; or partner (alone, with
        /// --organization).
        #[arg(long)]
        capabilities: String,
        /// The name colleagues see.
        #[arg(long)]
        name: Option<String>,
        /// The team (by name) a responder belongs to.
        #[arg(long)]
        team: Option<String>,
        /// For someone at a partner organisation: the directory organization id the account acts for.
        #[arg(long)]
        organization: Option<String>,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token; prints it alone on one line of stdout, once.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        capabilities: String,
        /// The person the token acts for (it then counts as that person, e.g. for approvals). Only such a token
        /// is given people's personal fields.
        #[arg(long)]
        user: Option<String>,
        /// Days until it stops working (1 to 366). A token for a person always ends: 90 days unless chosen.
        #[arg(long)]
        expires: Option<i64>,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum PartnerCommand {
    /// Add a partner; prints its webhook secret alone on one line of stdout, once (its URL goes to stderr).
    Add {
        #[arg(long)]
        name: String,
        /// Kinds of request it may send (codes from the triage script's kinds); default: all.
        #[arg(long)]
        kinds: Option<String>,
        /// An alert opens a request only this many minutes after the situation began (the partner's "person
        /// sheltering longer than 60 minutes" rule); 0 sends at once.
        #[arg(long, default_value_t = 0)]
        escalate_minutes: i64,
        /// When its staff are there, in the team's time zone ("mon-fri 09:00-17:00; sat 10:00-14:00"): its alerts
        /// then go through at once, without the escalation timer.
        #[arg(long, default_value = "")]
        business_hours: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List partners (never their secrets).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum DirectoryCommand {
    /// Import HSDS: 3.0 JSON (a file or folder), the 3.0 tabular package (a folder with datapackage.json), or
    /// 1.x/2.x CSV (a folder; upgraded, one warning per repair on stderr). All or nothing; records with the same
    /// kind and id are replaced, others are kept.
    Import {
        path: PathBuf,
        /// Refuse instead of repairing.
        #[arg(long)]
        strict: bool,
        /// The IANA time zone of opening hours that do not name one (default: the team's).
        #[arg(long)]
        timezone: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Where a partner organization receives its referrals (a signed webhook). Prints the new signing secret alone
    /// on one line of stdout, once; without --url the hook is removed.
    Hook {
        #[arg(long)]
        organization: String,
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Export the directory to a folder: HSDS 3.0 JSON or the 3.0 tabular package (CSV).
    Export {
        path: PathBuf,
        #[arg(long, value_parser = ["json", "csv"], default_value = "json")]
        format: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

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
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .init();
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
    let mut config = settings.app_config();
    config.erasure_log = Some(paths.erasure_log.clone());
    config.backup_dir = Some(paths.backups.clone());
    config.backup_hours = settings.backup_hours;
    config.data_dir = Some(paths.dir.clone());
    config.passkeys = passkeys;
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
        Command::User {
            command:
                UserCommand::Add {
                    username,
                    capabilities,
                    name,
                    team,
                    organization,
                    password_stdin,
                    data,
                },
        } => {
            let caps = Capabilities::parse_list(&capabilities).map_err(|e| usage(e.to_string()))?;
            let app = open(&data, "./heart-data").await?.app;
            let team_id = match team {
                None => None,
                Some(t) => Some(
                    app.teams_now()
                        .await
                        .map_err(app_failure)?
                        .into_iter()
                        .find(|x| x.row.name.eq_ignore_ascii_case(t.trim()))
                        .map(|x| x.row.id)
                        .ok_or_else(|| usage(format!("there is no team named {t:?}")))?,
                ),
            };
            let password = if password_stdin {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .context("cannot read the password from stdin")?;
                Some(s.trim_end_matches(['\r', '\n']).to_string())
            } else {
                None
            };
            let (id, setup) = match organization {
                Some(org) => {
                    if caps != Capabilities::of(&[heart_domain::access::Capability::Partner])
                        || team_id.is_some()
                    {
                        return Err(usage(
                            "an account with --organization holds the partner capability alone, without a team",
                        ));
                    }
                    app.add_partner_user(
                        &Actor::cli(),
                        &username,
                        name.as_deref(),
                        &org,
                        password.as_deref(),
                    )
                    .await
                }
                None => {
                    app.add_user(
                        &Actor::cli(),
                        &username,
                        name.as_deref(),
                        caps,
                        team_id,
                        password.as_deref(),
                    )
                    .await
                }
            }
            .map_err(app_failure)?;
            eprintln!("heart: added account {id}");
            if let Some(token) = setup {
                eprintln!(
                    "heart: send this one-time link to the person so they can choose a password:"
                );
                println!("/setup/{token}");
            }
            Ok(())
        }
        Command::User {
            command: UserCommand::ResetSecondFactor { username, data },
        } => {
            let app = open(&data, "./heart-data").await?.app;
            app.reset_second_factor(&Actor::cli(), &username)
                .await
                .map_err(app_failure)?;
            eprintln!(
                "heart: {username} will set up a new second factor at the next sign-in; every session of theirs ended"
            );
            Ok(())
        }
        Command::Token {
            command:
                TokenCommand::Create {
                    name,
                    capabilities,
                    user,
                    expires,
                    data,
                },
        } => {
            let caps = Capabilities::parse_list(&capabilities).map_err(|e| usage(e.to_string()))?;
            if expires.is_some_and(|d| !(1..=366).contains(&d)) {
                return Err(usage("--expires takes a number of days from 1 to 366"));
            }
            let app = open(&data, "./heart-data").await?.app;
            let token = app
                .create_token_expiring(&Actor::cli(), &name, caps, user.as_deref(), expires)
                .await
                .map_err(app_failure)?;
            eprintln!("heart: store this token now; it is not shown again");
            println!("{token}");
            Ok(())
        }
        Command::Partner {
            command:
                PartnerCommand::Add {
                    name,
                    kinds,
                    escalate_minutes,
                    business_hours,
                    data,
                },
        } => {
            let kinds: Vec<String> = kinds
                .unwrap_or_default()
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect();
            let app = open(&data, "./heart-data").await?.app;
            let (p, secret) = app
                .add_partner(
                    &Actor::cli(),
                    &name,
                    &kinds,
                    escalate_minutes,
                    &business_hours,
                )
                .await
                .map_err(app_failure)?;
            eprintln!(
                "heart: added partner {} ({}); it sends signed alerts to /hooks/partner/{} and may send: {}",
                p.name,
                p.id,
                p.slug,
                p.kinds.join(", ")
            );
            eprintln!("heart: give this secret to the partner now; it is not shown again");
            println!("{secret}");
            Ok(())
        }
        Command::Partner {
            command: PartnerCommand::List { data },
        } => {
            let app = open(&data, "./heart-data").await?.app;
            let partners = app.partners(&Actor::cli()).await.map_err(app_failure)?;
            for p in partners {
                println!(
                    "{}\t{}\t{}\tescalate_minutes={}\tbusiness_hours={}\t{}",
                    p.slug,
                    p.name,
                    p.kinds.join(","),
                    p.escalate_minutes,
                    p.business_hours,
                    if p.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "active"
                    }
                );
            }
            Ok(())
        }
        Command::Directory {
            command:
                DirectoryCommand::Import {
                    path,
                    strict,
                    timezone,
                    data,
                },
        } => ops::directory_import(&data, &path, strict, timezone).await,
        Command::Directory {
            command: DirectoryCommand::Export { path, format, data },
        } => ops::directory_export(&data, &path, &format).await,
        Command::Directory {
            command:
                DirectoryCommand::Hook {
                    organization,
                    url,
                    data,
                },
        } => {
            let app = open(&data, "./heart-data").await?.app;
            match app
                .set_referral_hook(&Actor::cli(), &organization, url.as_deref())
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
        Command::Audit {
            command: AuditCommand::Verify { against, data },
        } => ops::audit_verify(&data, against).await,
        Command::Mail {
            command: MailCommand::Test { to, data },
        } => {
            let s = settings_of(&data)?;
            if !s.mail.on() {
                return Err(usage(
                    "email is not set up: set mail.smtp_url and mail.from in the settings",
                ));
            }
            if !heart_app::mail::is_address(&to) {
                return Err(usage("--to is not an email address"));
            }
            heart_app::mail::send_test(&s.mail, &to, &s.money.organisation)
                .await
                .map_err(|e| Failure::Failed(anyhow::anyhow!(e)))?;
            eprintln!("heart: the mail server took the test message");
            Ok(())
        }
        Command::Ledger {
            command: LedgerCommand::Verify { data },
        } => ops::ledger_verify(&data).await,
        Command::Audit {
            command: AuditCommand::Checkpoint { data },
        } => ops::audit_checkpoint(&data).await,
        Command::Backup { path, data } => ops::backup(&data, &path).await,
        Command::Restore { path, data } => ops::restore(&data, &path).await,
        Command::Retention {
            command: RetentionCommand::Run { data },
        } => ops::retention(&data).await,
        Command::Migrate { data } => ops::migrate(&data).await,
        Command::ExportAll { path, data } => ops::export_all(&data, &path).await,
        Command::ImportAll { path, data } => ops::import_all(&data, &path).await,
    }
}

async fn serve(
    addr: Option<String>,
    demo: bool,
    data: &DataArgs,
    default_dir: &str,
) -> Result<(), Failure> {
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
    eprintln!("heart: listening on http://{local}");
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
    axum::serve(
        listener,
        heart_web::router(app.clone())
            .into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown().await;
        app.stop_streams();
    })
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
