//! The command line: every subcommand and its arguments (clap).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "heart",
    version,
    about = "Community crisis response, instead of the police: intake, triage, dispatch, care, follow-up."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// How log lines are written on stderr: "text", or "json" (one object per line: time, level, target, and the
    /// fields; for each request its id, method, route, status and milliseconds). Never personal data.
    #[arg(long, global = true, env = "HEART_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub(crate) log_format: String,
}

#[derive(Args, Clone)]
pub(crate) struct DataArgs {
    /// Directory for the SQLite database, the key file and the erasure log (created if missing).
    #[arg(long, env = "HEART_DATA", global = true)]
    pub(crate) data: Option<PathBuf>,
    /// Use PostgreSQL instead of the embedded SQLite file: postgres://user:password@host:port/database. Name
    /// several hosts (host1:5432,host2:5432) with target_session_attrs=read-write to follow a failover.
    #[arg(long, env = "HEART_DATABASE_URL", global = true)]
    pub(crate) database_url: Option<String>,
    /// A TOML settings file (team name, hours, triage script, ...).
    #[arg(long, env = "HEART_CONFIG", global = true)]
    pub(crate) config: Option<PathBuf>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// The languages heart ships: how complete each catalogue is (no data directory needed).
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
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
        /// A file written by `heart backup` (or a scheduled backup), plain or encrypted (`.age`).
        path: PathBuf,
        /// For an encrypted backup: an age identity file holding the key of one of its recipients.
        #[arg(long)]
        identity: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// The retention policy.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Bring the database's schema up to this version (idempotent; refuses a database newer than this binary).
    /// On SQLite a backup is taken first when there is anything to apply.
    Migrate {
        /// Only list the migrations not yet applied (one per line), applying nothing; exit 0.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// This binary's version, the newest database schema it knows, and the commit it was built from.
    Version,
    /// Check what an operator gets wrong, each with a plain fix: the key file's mode, owner and disk, the erasure
    /// log, free disk, the last backup, cookies over https, the mail, text and payment services answering, an
    /// account holding admin, the database's clock. Changes nothing. Exit 1 when there is a fault (warnings
    /// alone: 0).
    Doctor {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Bring a team's history in from spreadsheets: a CSV file and a map of its columns (templates in
    /// docs/import/). A dry run unless --apply; applying writes every row or none.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Write every record of this deployment to a file (JSON lines, personal data still sealed), to move it to
    /// another database (e.g. from SQLite to PostgreSQL with `import-all`).
    ExportAll {
        /// The file to write (must not exist).
        path: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// The planner: which of a city's 911 calls a team like ours could take (a call-type table in the Vera
    /// Institute's format: City, Field 1, Count, Category), and how many teams each hour of the week needs so that
    /// --target of requests find a free team within --within minutes (Erlang C). Prints one JSON object; the
    /// year's calls are spread evenly over the week's 168 hours. See docs/planner.md.
    Plan {
        /// The call-type table (CSV).
        #[arg(long)]
        calltypes: PathBuf,
        /// The city, as the file names it.
        #[arg(long)]
        city: String,
        /// How many years the file's counts cover.
        #[arg(long)]
        years: f64,
        /// The categories a team like ours could take, comma-separated (default: docs/planner.md).
        #[arg(long)]
        categories: Option<String>,
        /// The mean minutes a team spends on a call (default: heart's own, with --data and enough history; else
        /// 45).
        #[arg(long)]
        minutes_per_call: Option<f64>,
        /// ... so that --target of requests find a free team within this many minutes.
        #[arg(long, default_value_t = 15.0)]
        within: f64,
        /// The share of requests that find a free team in time, between 0 and 1.
        #[arg(long, default_value_t = 0.9)]
        target: f64,
        /// With --data (or --database-url): shape the week like heart's own requests of the last year, and take
        /// the time per call from them unless --minutes-per-call is given. Without: no store is read.
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
pub(crate) enum ImportCommand {
    /// Past requests: each row a request closed on its day with its outcome and needs, sealed under a new
    /// person's key and audited. Prints what would be made and each refused row (its line and why); exit 2 when
    /// any row is refused (then nothing is written) or the file or map cannot be used.
    Requests {
        /// The CSV file (a first row of column names).
        file: PathBuf,
        /// The map: which column holds which field, and what the sheet's words mean (TOML).
        #[arg(long)]
        map: PathBuf,
        /// Write the rows (all or nothing); without it, only say what would be written.
        #[arg(long)]
        apply: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Gifts: each row a gift entered by hand into a fund (a balanced entry; the donor by email), without a
    /// receipt mail. Prints what would be made and each refused row; exit 2 when any row is refused (then nothing
    /// is written) or the file or map cannot be used.
    Gifts {
        /// The CSV file (a first row of column names).
        file: PathBuf,
        /// The map: which column holds which field, and what the sheet's words mean (TOML).
        #[arg(long)]
        map: PathBuf,
        /// Write the gifts (all or nothing); without it, only say what would be written.
        #[arg(long)]
        apply: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum KeysCommand {
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
    /// A new key for outreach's returning-person codes (`heart.uci`, beside the key file): every code kept before
    /// can no longer be matched, so a person met again counts as someone new. Every node needs the new file.
    RotateUci {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum I18nCommand {
    /// Per language: person-facing and staff messages present, translations made from older English, and whether
    /// a fluent speaker reviewed it. Exit 1 when a shipped language misses a message a person served meets.
    Status,
    /// After checking a language's translations against today's English, mark each as made from it (rewrites the
    /// `# en-hash:` lines of `<dir>/<language>/main.ftl` and `triage.ftl`; nothing else changes).
    Stamp {
        /// The language's tag, e.g. `pt-BR`.
        language: String,
        /// The catalogues' folder.
        #[arg(long, default_value = "crates/heart-web/locales")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum MailCommand {
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
pub(crate) enum LedgerCommand {
    /// Recompute from the journal: every entry balances in one currency, the cached monthly totals equal the
    /// lines, no fund is below zero without a flagged refund or dispute. Exit 0 when sound, 1 naming each problem.
    Verify {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum AuditCommand {
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
pub(crate) enum RetentionCommand {
    /// Apply the retention policy now and report what was erased.
    Run {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum UserCommand {
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
    /// Reset someone's password: it stops working and their sessions end at once; prints a one-time link to
    /// choose a new one, valid for 24 hours. Their second factor stays. Exit 2 for an unknown account.
    ResetPassword {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Disable an account at once: its sessions end and its tokens stop. Enabling it again takes two admins
    /// (/accounts).
    Disable {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum TokenCommand {
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
        /// When it stops working: a number of days (1 to 366), or the last day it works (YYYY-MM-DD, in the
        /// team's time zone, within a year). A token for a person always ends: 90 days unless chosen.
        #[arg(long)]
        expires: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List tokens, one a line: id, name, capabilities, created, last used (or "never"), and whether it works
    /// (never the token itself: only its hash is kept).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// End a token at once (its next request gets 401). Exit 2 for an unknown id.
    Revoke {
        /// The token's id, as `heart token list` shows it.
        id: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum PartnerCommand {
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
    /// Give a partner a new webhook secret, printed alone on one line of stdout, once. The old secret keeps
    /// verifying for `[channels] partner_rotate_grace_minutes` (default 60), then stops. Exit 2 for an unknown
    /// or disabled partner.
    Rotate {
        /// Its name or its address name (as `heart partner list` shows it).
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// End a partner at once: its signed alerts are refused from then on. Exit 2 for an unknown name.
    Disable {
        /// Its name or its address name (as `heart partner list` shows it).
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum DirectoryCommand {
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
