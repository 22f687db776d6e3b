//! What an operator gets wrong, found before it hurts (`heart doctor`, and the Health page): each finding a fault
//! (heart is not safe to run like this: `heart doctor` exits 1) or a warning (advice that fits many good layouts),
//! with what was found and a plain fix. Nothing here changes anything.

use crate::{Actor, App, AppResult};
use heart_domain::access::Capability;
use heart_domain::time::Timestamp;
use jiff::SignedDuration;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Fault,
    Warning,
}

/// One thing found. `code` names it for the pages' words (`doctor-<code>`, `doctor-<code>-fix`); `what` is the
/// path, setting or figure it is about (never personal data); `said` and `fix` say it in English for the command
/// line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub what: String,
    pub said: String,
    pub fix: String,
}

/// Everything the checks look at that is not in the database.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub key_file: Option<PathBuf>,
    pub erasure_log: Option<PathBuf>,
    pub backup_dir: Option<PathBuf>,
    pub backup_hours: i64,
    pub data_dir: Option<PathBuf>,
    pub secure_cookies: bool,
    /// The addresses people reach heart at (settings' public URLs): an `https` one means it is served over TLS.
    pub public_urls: Vec<String>,
    /// Outside services set up, as (what, URL): each must answer.
    pub services: Vec<(&'static str, String)>,
}

/// What the database says, when it could be opened.
#[derive(Clone, Debug, Default)]
pub struct DbFacts {
    pub admins: usize,
    pub erased_people: i64,
    /// The database server's clock minus this machine's (PostgreSQL).
    pub clock_skew: Option<SignedDuration>,
}

/// How a `backup_after` command went.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct HookRun {
    pub at: Timestamp,
    pub ok: bool,
    /// "ok", "exit N", "stopped after N s", "could not start (...)".
    pub outcome: String,
}

/// Below this share of the disk free, writes are close to failing.
pub const MIN_FREE_SHARE: f64 = 0.10;

fn finding(
    severity: Severity,
    code: &'static str,
    what: &Path,
    said: String,
    fix: String,
) -> Finding {
    Finding {
        severity,
        code,
        what: what.display().to_string(),
        said,
        fix,
    }
}

/// The checks of files, disk and settings (no database needed), at `now`.
pub fn check_layout(l: &Layout, now: Timestamp) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(key) = &l.key_file {
        check_key_file(key, l, &mut out);
    }
    if let Some(log) = &l.erasure_log
        && !log.exists()
    {
        out.push(finding(
            Severity::Fault,
            "erasure_log_missing",
            log,
            format!("the erasure log {} is missing: a restored backup would bring erased people back", log.display()),
            format!(
                "put back the copy of {} kept with the key file; if nobody was ever erased here, start heart once and it makes an empty one",
                log.display()
            ),
        ));
    }
    if let Some(dir) = &l.data_dir {
        check_disk(dir, &mut out);
    }
    if let Some(dir) = &l.backup_dir {
        check_backups(dir, l.backup_hours, now, &mut out);
    }
    if !l.secure_cookies && l.public_urls.iter().any(|u| u.starts_with("https://")) {
        out.push(Finding {
            severity: Severity::Warning,
            code: "cookies_not_secure",
            what: "secure_cookies".into(),
            said: "heart is reached over https but its cookies may also be sent over plain http"
                .into(),
            fix: "set secure_cookies = true in the settings".into(),
        });
    }
    out
}

fn check_key_file(key: &Path, l: &Layout, out: &mut Vec<Finding>) {
    let Ok(meta) = std::fs::metadata(key) else {
        out.push(finding(
            Severity::Warning,
            "key_file_missing",
            key,
            format!("there is no key file at {}", key.display()),
            "a new deployment makes one when it first starts; otherwise put the kept copy back before starting".into(),
        ));
        return;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.mode() & 0o077 != 0 {
            out.push(finding(
                Severity::Fault,
                "key_file_open",
                key,
                format!(
                    "the key file {} can be read by other users (mode {:04o})",
                    key.display(),
                    meta.mode() & 0o7777
                ),
                format!("chmod 600 {}", key.display()),
            ));
        }
        if let Some(dir) = &l.data_dir
            && let Ok(d) = std::fs::metadata(dir)
            && d.uid() != meta.uid()
        {
            out.push(finding(
                Severity::Warning,
                "key_file_owner",
                key,
                format!(
                    "the key file {} belongs to user {} but the data directory to user {}",
                    key.display(),
                    meta.uid(),
                    d.uid()
                ),
                format!(
                    "chown the key file to the user heart runs as (the data directory's owner): chown {} {}",
                    d.uid(),
                    key.display()
                ),
            ));
        }
        if let Some(b) = &l.backup_dir
            && let Some(b) = existing_ancestor(b)
            && let Ok(bm) = std::fs::metadata(&b)
            && bm.dev() == meta.dev()
        {
            out.push(finding(
                Severity::Warning,
                "key_with_backups",
                key,
                format!(
                    "the key file {} is on the same disk as the backups ({}): whoever takes the disk can read them",
                    key.display(),
                    b.display()
                ),
                "keep a copy of the key file apart from the backups (a password manager, a safe), or send the backups elsewhere".into(),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = (meta, l);
}

fn existing_ancestor(p: &Path) -> Option<PathBuf> {
    p.ancestors().find(|a| a.exists()).map(Path::to_path_buf)
}

fn check_disk(dir: &Path, out: &mut Vec<Finding>) {
    let Some(at) = existing_ancestor(dir) else {
        return;
    };
    let (Ok(free), Ok(total)) = (fs4::available_space(&at), fs4::total_space(&at)) else {
        return;
    };
    if disk_low(free, total) {
        out.push(finding(
            Severity::Fault,
            "disk_low",
            &at,
            format!(
                "the disk of {} has {} MB free of {} MB (under 10%)",
                at.display(),
                free / 1_000_000,
                total / 1_000_000
            ),
            "free space on that disk (old backups elsewhere, logs), or give it more".into(),
        ));
    }
}

/// Under [`MIN_FREE_SHARE`] of the disk free.
pub fn disk_low(free: u64, total: u64) -> bool {
    total > 0 && (free as f64) < MIN_FREE_SHARE * total as f64
}

/// A scheduled backup's file name: `heart-<when>.db` (SQLite), `.pgdump` (PostgreSQL), either with `.age` added
/// when encrypted.
pub fn is_backup_name(name: &str) -> bool {
    let name = name.strip_suffix(".age").unwrap_or(name);
    name.starts_with("heart-") && (name.ends_with(".db") || name.ends_with(".pgdump"))
}

/// The scheduled backups in `dir` (SQLite copies, PostgreSQL dumps, encrypted or not): how many, and the newest
/// by its file's time with its size.
pub fn backups(dir: &Path) -> (usize, Option<(Timestamp, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, None);
    };
    let (mut count, mut newest) = (0, None::<(Timestamp, u64)>);
    for e in entries.flatten() {
        let name = e.file_name();
        if !name.to_str().is_some_and(is_backup_name) {
            continue;
        }
        count += 1;
        if let Ok(meta) = e.metadata()
            && let Ok(modified) = meta.modified()
            && let Ok(t) = Timestamp::try_from(modified)
            && newest.is_none_or(|(last, _)| t > last)
        {
            newest = Some((t, meta.len()));
        }
    }
    (count, newest)
}

/// Whether backups due every `hours` are late: none yet, or the newest older than twice that.
pub fn backup_late(newest: Option<Timestamp>, hours: i64, now: Timestamp) -> bool {
    hours > 0 && newest.is_none_or(|t| now - SignedDuration::from_hours(2 * hours) > t)
}

fn check_backups(dir: &Path, hours: i64, now: Timestamp, out: &mut Vec<Finding>) {
    if hours <= 0 {
        out.push(finding(
            Severity::Warning,
            "backups_off",
            dir,
            "scheduled backups are off (backup_hours = 0)".into(),
            "set backup_hours (24 is the default), or take copies by other means and test restoring them".into(),
        ));
        return;
    }
    let newest = backups(dir).1.map(|(t, _)| t);
    let stale = match newest {
        _ if !backup_late(newest, hours, now) => None,
        None => Some("there is no backup yet".to_string()),
        Some(t) => Some(format!(
            "the newest backup is from {} (backups are due every {hours} hours)",
            t.strftime("%Y-%m-%d %H:%M UTC")
        )),
    };
    if let Some(said) = stale {
        out.push(finding(
            Severity::Fault,
            "backup_stale",
            dir,
            format!("{said} in {}", dir.display()),
            "check that heart serve is running and can write there (its log says why a backup failed); `heart backup FILE` takes one now".into(),
        ));
    }
}

/// The checks of what the database says.
pub fn check_db(f: &DbFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    if f.admins == 0 {
        out.push(Finding {
            severity: Severity::Fault,
            code: "no_admin",
            what: "accounts".into(),
            said: "no active account holds admin: nobody can add accounts or approve what needs two people".into(),
            fix: "heart user add --username NAME --capabilities admin (then a second one, for the two-person rule)"
                .into(),
        });
    }
    if let Some(skew) = f.clock_skew
        && skew.abs() > SignedDuration::from_mins(1)
    {
        out.push(Finding {
            severity: Severity::Warning,
            code: "clock_skew",
            what: "clock".into(),
            said: format!(
                "this machine's clock and the database's differ by {} seconds",
                skew.as_secs()
            ),
            fix: "keep both clocks set by NTP (systemd-timesyncd or chrony)".into(),
        });
    }
    out
}

/// Whether an outside service set up in the settings answers: a TCP connection to its host and port within
/// `timeout` (nothing is sent).
pub async fn check_services(
    services: &[(&'static str, String)],
    timeout: Duration,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (what, url) in services {
        let Ok(u) = reqwest::Url::parse(url) else {
            continue;
        };
        let Some(host) = u.host_str().map(|h| h.trim_matches(['[', ']']).to_string()) else {
            continue;
        };
        let port = u.port_or_known_default().unwrap_or(match u.scheme() {
            "smtps" => 465,
            _ => 587,
        });
        let answered = tokio::time::timeout(
            timeout,
            tokio::net::TcpStream::connect((host.as_str(), port)),
        )
        .await
        .is_ok_and(|c| c.is_ok());
        if !answered {
            out.push(Finding {
                severity: Severity::Warning,
                code: "service_silent",
                what: (*what).to_string(),
                said: format!("{what} is set up ({host}:{port}) but does not answer"),
                fix: format!("check the {what} settings, the network, and that the service is up"),
            });
        }
    }
    out
}

/// The layout a deployment with these settings uses.
pub fn layout(c: &crate::config::AppConfig) -> Layout {
    {
        let mut services = Vec::new();
        if !c.mail.smtp_url.is_empty() {
            services.push(("mail", c.mail.smtp_url.clone()));
        }
        if c.sms.provider != "none" {
            services.push(("sms", c.sms.api_base.clone()));
        }
        if c.money.provider == "stripe" {
            services.push(("payments", c.money.stripe_api.clone()));
        }
        Layout {
            key_file: c.key_file.clone(),
            erasure_log: c.erasure_log.clone(),
            backup_dir: c.backup_dir.clone(),
            backup_hours: c.backup_hours,
            data_dir: c.data_dir.clone(),
            secure_cookies: c.secure_cookies,
            public_urls: vec![c.money.public_url.clone(), c.sms.public_url.clone()],
            services,
        }
    }
}

impl App {
    /// What the database says, for the checks.
    pub async fn db_facts(&self) -> AppResult<DbFacts> {
        let admins = self
            .store
            .users()
            .await?
            .iter()
            .filter(|u| u.active && u.capabilities.has(Capability::Admin))
            .count();
        let ops = self.store.doctor();
        let clock_skew = ops
            .db_clock()
            .await?
            .map(|db| db.duration_since(self.clock.now()));
        Ok(DbFacts {
            admins,
            erased_people: ops.erased_people().await?,
            clock_skew,
        })
    }

    /// Notes how the `backup_after` command went (for the Health page).
    pub fn note_backup_after(&self, run: HookRun) {
        if let Ok(mut last) = self.backup_after.lock() {
            *last = Some(run);
        }
    }

    /// How the last `backup_after` command went on this node.
    pub fn last_backup_after(&self) -> Option<HookRun> {
        self.backup_after.lock().ok().and_then(|l| l.clone())
    }

    /// Every check: faults first. `services` also asks each outside service set up (seconds, not for a page).
    pub async fn checkup(&self, services: bool) -> AppResult<Vec<Finding>> {
        let layout = layout(&self.config);
        let mut out = check_layout(&layout, self.clock.now());
        out.extend(check_db(&self.db_facts().await?));
        if services {
            out.extend(check_services(&layout.services, Duration::from_secs(3)).await);
        }
        if let Some(run) = self.last_backup_after().filter(|r| !r.ok) {
            out.push(Finding {
                severity: Severity::Warning,
                code: "backup_after_failed",
                what: run.outcome.clone(),
                said: format!("the backup_after command did not finish well: {}", run.outcome),
                fix: "run it by hand with the newest backup to see why; the backups themselves were taken".into(),
            });
        }
        out.sort_by_key(|f| f.severity);
        Ok(out)
    }

    /// A deployment with no erasure log and nobody erased yet gets an empty one (mode 0600), so that a log gone
    /// missing later is a fault `heart doctor` finds; with people erased, none is made (that loss must be seen).
    pub async fn make_erasure_log(&self) -> AppResult<bool> {
        let Some(log) = &self.config.erasure_log else {
            return Ok(false);
        };
        if log.exists() || self.store.doctor().erased_people().await? > 0 {
            return Ok(false);
        }
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(log) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => {
                tracing::error!(error = %e.kind(), "cannot make the erasure log");
                Err(crate::AppError::backend("cannot make the erasure log"))
            }
        }
    }

    /// The checks, for the Health page (coordinate); outside services are not asked (a page must be quick).
    pub async fn doctor(&self, actor: &Actor) -> AppResult<Vec<Finding>> {
        actor.require(&[Capability::Coordinate])?;
        self.checkup(false).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code).collect()
    }

    #[test]
    fn the_database_checks() {
        let ok = DbFacts {
            admins: 1,
            erased_people: 0,
            clock_skew: Some(SignedDuration::from_secs(59)),
        };
        assert!(check_db(&ok).is_empty());
        let bad = DbFacts {
            admins: 0,
            erased_people: 3,
            clock_skew: Some(SignedDuration::from_secs(-61)),
        };
        let found = check_db(&bad);
        assert_eq!(codes(&found), ["no_admin", "clock_skew"]);
        assert_eq!(found[0].severity, Severity::Fault);
        assert_eq!(found[1].severity, Severity::Warning);
        assert!(found[1].said.contains("61 seconds"), "{}", found[1].said);
    }

    #[test]
    fn a_disk_is_low_under_a_tenth_free() {
        assert!(disk_low(99, 1000));
        assert!(!disk_low(100, 1000));
        assert!(!disk_low(0, 0), "a size not known is not low");
    }

    #[cfg(unix)]
    #[test]
    fn the_layout_checks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("heart.key");
        std::fs::write(&key, "k").unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let backups = dir.path().join("backups");
        std::fs::create_dir(&backups).unwrap();
        let copy = backups.join("heart-20261201T000000Z.db");
        std::fs::write(&copy, "copy").unwrap();
        let now = Timestamp::now();
        let l = Layout {
            key_file: Some(key.clone()),
            erasure_log: Some(dir.path().join("heart.erasures")),
            backup_dir: Some(backups.clone()),
            backup_hours: 24,
            // The free space of this machine's disk is not the test's: `disk_low` is tested above.
            data_dir: None,
            secure_cookies: false,
            public_urls: vec!["https://heart.example.invalid".into()],
            services: Vec::new(),
        };
        let found = check_layout(&l, now);
        assert_eq!(
            codes(&found),
            [
                "key_file_open",
                "key_with_backups",
                "erasure_log_missing",
                "cookies_not_secure"
            ]
        );
        assert!(found[0].said.contains("mode 0644"));
        // Fixed: only the advice for a layout that keeps the key beside the backups is left.
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::write(dir.path().join("heart.erasures"), "").unwrap();
        let fixed = Layout {
            secure_cookies: true,
            ..l.clone()
        };
        assert_eq!(codes(&check_layout(&fixed, now)), ["key_with_backups"]);
        // Two days and a minute after the newest backup, with one due every day: stale.
        let two_days =
            std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86400 + 60);
        std::fs::File::options()
            .write(true)
            .open(&copy)
            .unwrap()
            .set_modified(two_days)
            .unwrap();
        let found = check_layout(&fixed, now);
        assert_eq!(codes(&found), ["key_with_backups", "backup_stale"]);
        // An encrypted copy counts as a backup too (for this check and the Health page).
        std::fs::write(backups.join("heart-20261203T000000Z.db.age"), "age").unwrap();
        std::fs::write(backups.join("notes.txt"), "not a backup").unwrap();
        let (count, newest) = super::backups(&backups);
        assert_eq!(count, 2);
        assert_eq!(newest.map(|(_, size)| size), Some(3));
        assert_eq!(codes(&check_layout(&fixed, now)), ["key_with_backups"]);
        std::fs::remove_file(backups.join("heart-20261203T000000Z.db.age")).unwrap();
        assert_eq!(found[1].severity, Severity::Fault);
        let off = Layout {
            backup_hours: 0,
            ..fixed
        };
        assert_eq!(
            codes(&check_layout(&off, now)),
            ["key_with_backups", "backups_off"]
        );
    }

    #[tokio::test]
    async fn a_service_that_does_not_answer() {
        let open = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = open.local_addr().unwrap().port();
        let closed = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let found = check_services(
            &[
                ("mail", format!("smtp://127.0.0.1:{port}")),
                ("sms", format!("http://127.0.0.1:{closed}")),
            ],
            Duration::from_secs(2),
        )
        .await;
        assert_eq!(codes(&found), ["service_silent"]);
        assert_eq!(found[0].what, "sms");
    }
}
