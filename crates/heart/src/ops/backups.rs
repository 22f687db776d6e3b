//! Backups as they leave heart: encrypted to the operator's age recipients when `backup_encrypt_to` is set (the
//! plain copy is made in the data directory, never in the backups directory, and removed once encrypted), read back
//! with an identity file on restore, and handed to the `backup_after` command with a timeout.

use super::*;
use heart_app::doctor::HookRun;
use std::io::{Read, Write};
use std::str::FromStr;

/// What every encrypted file starts with.
const AGE_HEADER: &[u8] = b"age-encryption.org/v1";

/// The recipients of `backup_encrypt_to`, each an `age1...` key; an error names the first that does not parse.
pub fn recipients(list: &[String]) -> Result<Vec<age::x25519::Recipient>, String> {
    list.iter()
        .map(|r| {
            age::x25519::Recipient::from_str(r.trim())
                .map_err(|_| format!("\"{r}\" is not an age recipient (age1...)"))
        })
        .collect()
}

/// How backups are taken on this deployment.
#[derive(Clone)]
pub struct Plan {
    recipients: Vec<age::x25519::Recipient>,
    /// Where the plain copy is made before it is encrypted (the data directory).
    work_dir: PathBuf,
    after: Vec<String>,
    after_timeout: Duration,
}

impl Plan {
    pub fn of(settings: &crate::config::Settings, paths: &Paths) -> Result<Self, Failure> {
        Ok(Self {
            recipients: recipients(&settings.backup_encrypt_to).map_err(usage)?,
            work_dir: paths.dir.clone(),
            after: settings.backup_after.clone(),
            after_timeout: Duration::from_secs(settings.backup_after_timeout_secs),
        })
    }

    pub fn encrypts(&self) -> bool {
        !self.recipients.is_empty()
    }

    /// The file a backup asked for at `path` is written to: `path` itself, or with `.age` added when encrypting
    /// (unless it has it).
    pub fn target(&self, path: &Path) -> PathBuf {
        if self.encrypts() && path.extension().is_none_or(|e| e != "age") {
            let mut p = path.as_os_str().to_owned();
            p.push(".age");
            PathBuf::from(p)
        } else {
            path.to_path_buf()
        }
    }

    /// Takes a backup into `target` (see [`Plan::target`]), mode 0600.
    pub async fn take(&self, store: &dyn Store, target: &Path) -> anyhow::Result<()> {
        if let Some(parent) = target.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        if !self.encrypts() {
            return take_backup(store, target).await;
        }
        let plain = self.work_dir.join(format!(
            "backup-in-progress-{}",
            jiff::Timestamp::now().as_microsecond()
        ));
        let done = async {
            store.backup(&plain).await?;
            private(&plain)?;
            encrypt(&plain, target, &self.recipients)
        }
        .await;
        let _ = std::fs::remove_file(&plain);
        if done.is_err() {
            let _ = std::fs::remove_file(target);
        }
        done
    }

    /// Runs `backup_after` for `file` (none set: `None`), stopped at its timeout; never fails the backup.
    pub async fn after(&self, file: &Path) -> Option<HookRun> {
        let (cmd, args) = self.after.split_first()?;
        let file = file.display().to_string();
        let at = jiff::Timestamp::now();
        let mut c = tokio::process::Command::new(cmd);
        c.args(args.iter().map(|a| a.replace("{file}", &file)))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true);
        let outcome = match c.spawn() {
            Err(e) => format!("could not start ({})", e.kind()),
            Ok(mut child) => match tokio::time::timeout(self.after_timeout, child.wait()).await {
                Ok(Ok(s)) if s.success() => "ok".to_string(),
                Ok(Ok(s)) => match s.code() {
                    Some(c) => format!("exit {c}"),
                    None => "stopped by a signal".to_string(),
                },
                Ok(Err(e)) => format!("failed ({})", e.kind()),
                Err(_) => {
                    let _ = child.kill().await;
                    format!("stopped after {} s", self.after_timeout.as_secs())
                }
            },
        };
        if outcome == "ok" {
            tracing::info!("backup_after command done");
        } else {
            tracing::error!(outcome = %outcome, "backup_after command failed");
        }
        Some(HookRun {
            at,
            ok: outcome == "ok",
            outcome,
        })
    }
}

/// Makes a file readable by heart's user alone (mode 0600).
pub fn private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A new file only heart's user can read (mode 0600 from its creation); an existing one is an error.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// `plain` encrypted to `recipients` as `to` (made new, mode 0600), durable before it returns.
fn encrypt(plain: &Path, to: &Path, recipients: &[age::x25519::Recipient]) -> anyhow::Result<()> {
    let out = create_private(to).with_context(|| format!("cannot write {}", to.display()))?;
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .context("cannot encrypt the backup")?;
    let mut w = encryptor
        .wrap_output(std::io::BufWriter::new(out))
        .context("cannot encrypt the backup")?;
    let mut input = std::fs::File::open(plain).context("cannot read the plain copy")?;
    std::io::copy(&mut input, &mut w).context("cannot encrypt the backup")?;
    let out = w
        .finish()
        .and_then(|b| b.into_inner().map_err(|e| e.into_error()))
        .context("cannot finish the encrypted backup")?;
    out.sync_all()
        .context("cannot write the encrypted backup")?;
    Ok(())
}

/// Whether a file is age-encrypted (by its first bytes).
pub fn is_encrypted(path: &Path) -> bool {
    let mut head = [0u8; 21];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == AGE_HEADER)
}

/// Decrypts `from` with the identities in `identity` into `to` (made new, mode 0600). One line for what is wrong:
/// an identity file that cannot be read, one that does not open this backup, a damaged file.
pub fn decrypt(from: &Path, identity: &Path, to: &Path) -> Result<(), String> {
    let ids = age::IdentityFile::from_file(identity.display().to_string())
        .map_err(|e| {
            format!(
                "cannot read the identity file {}: {}",
                identity.display(),
                e.kind()
            )
        })?
        .into_identities()
        .map_err(|_| format!("{} holds no age identity", identity.display()))?;
    let input = std::fs::File::open(from)
        .map_err(|e| format!("cannot read {}: {}", from.display(), e.kind()))?;
    let d = age::Decryptor::new(std::io::BufReader::new(input))
        .map_err(|e| format!("{} is not a readable age file ({e})", from.display()))?;
    let mut r = d
        .decrypt(ids.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|_| {
            format!(
                "the identity file {} does not open {}",
                identity.display(),
                from.display()
            )
        })?;
    let mut out =
        create_private(to).map_err(|e| format!("cannot write {}: {}", to.display(), e.kind()))?;
    let copied = std::io::copy(&mut r, &mut out)
        .and_then(|_| out.flush())
        .and_then(|()| out.sync_all());
    if let Err(e) = copied {
        let _ = std::fs::remove_file(to);
        return Err(format!(
            "{} is damaged or cut short ({})",
            from.display(),
            e.kind()
        ));
    }
    Ok(())
}
