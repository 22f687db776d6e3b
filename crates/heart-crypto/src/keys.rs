//! The key envelope: a key-encryption key (KEK) file outside the database wraps one data key (DEK) per person;
//! fields are sealed with XChaCha20-Poly1305 under the person's DEK, with associated data binding table, column,
//! row id and key version. Exact-match lookups use a keyed blind index (HMAC-SHA256). The audit chain is keyed
//! (HMAC-SHA256, its key derived from the index key) and its checkpoints are signed with an ed25519 key kept in the
//! same file.
//!
//! The key file is text, one key per line, so an operator can see what it holds without a tool:
//!
//! ```text
//! heart-keys 1
//! kek 2 <base64 32 bytes>      <- the first `kek` line wraps new data keys
//! kek 1 <base64 32 bytes>      <- older ones only unwrap, until `heart keys rotate` has re-wrapped everything
//! kek-next 3 <base64 32 bytes> <- `heart keys rotate --prepare`: unwraps only, until the deployment says to use it
//! index <base64 32 bytes>
//! signing <base64 32 bytes>
//! ```

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
#[cfg_attr(feature = "plaintext-for-benchmarks", allow(unused_imports))]
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
#[cfg_attr(feature = "plaintext-for-benchmarks", allow(unused_imports))]
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// Sealed values start with this byte, so a later format can be told apart.
#[cfg_attr(feature = "plaintext-for-benchmarks", allow(dead_code))]
const SEALED_V1: u8 = 1;
#[cfg_attr(feature = "plaintext-for-benchmarks", allow(dead_code))]
const NONCE_LEN: usize = 24;
#[cfg_attr(feature = "plaintext-for-benchmarks", allow(dead_code))]
const TAG_LEN: usize = 16;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("the key file cannot be read: {0}")]
    Unreadable(String),
    #[error("the key file is not a heart key file (line {line}: {what})")]
    Malformed { line: usize, what: &'static str },
    #[error("the key file cannot be written: {0}")]
    Unwritable(String),
    /// The data key was wrapped by a KEK this key file does not hold: a wrong or stale key file.
    #[error("no key-encryption key {0} in the key file (wrong key file?)")]
    UnknownKek(u32),
    /// The wrapped key or sealed value was altered, or belongs to another row, column or person.
    #[error("the sealed value does not open with this key (tampered, or a wrong key file)")]
    Tampered,
}

/// One person's data key. Zeroed on drop.
pub struct DataKey([u8; 32]);

impl DataKey {
    /// Whether two data keys are the same key (in constant time).
    pub fn same_as(&self, other: &DataKey) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl Drop for DataKey {
    fn drop(&mut self) {
        // Volatile-free best effort: the optimiser may not elide a write followed by a fence.
        self.0 = [0; 32];
        std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    }
}

/// Where a sealed value lives: it opens only in the same table, column and row, under the same key version.
#[derive(Clone, Copy, Debug)]
pub struct Aad<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub row_id: &'a str,
    pub key_version: u32,
}

impl Aad<'_> {
    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64);
        out.extend_from_slice(b"heart-field-v1");
        for part in [self.table, self.column, self.row_id] {
            out.push(0);
            out.extend_from_slice(part.as_bytes());
        }
        out.push(0);
        out.extend_from_slice(&self.key_version.to_be_bytes());
        out
    }
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rng().fill_bytes(&mut b);
    b
}

/// Benchmarks only (`--features plaintext-for-benchmarks`, never in a release anyone runs): the same bytes in the
/// same places without the cipher, to measure what encryption costs the loop.
#[cfg(feature = "plaintext-for-benchmarks")]
fn seal_with(_key: &[u8; 32], _aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8];
    out.extend_from_slice(plaintext);
    out
}

#[cfg(feature = "plaintext-for-benchmarks")]
fn open_with(_key: &[u8; 32], _aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, KeyError> {
    match sealed.split_first() {
        Some((0, rest)) => Ok(rest.to_vec()),
        _ => Err(KeyError::Tampered),
    }
}

/// Whether this build seals at all (false only in the benchmark build).
pub const SEALING: bool = cfg!(not(feature = "plaintext-for-benchmarks"));

#[cfg(not(feature = "plaintext-for-benchmarks"))]
fn seal_with(key: &[u8; 32], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    let nonce_bytes: [u8; NONCE_LEN] = random();
    let nonce = XNonce::from(nonce_bytes);
    // Encryption with a valid key and nonce cannot fail for in-memory buffers.
    let ct = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .unwrap_or_default();
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(SEALED_V1);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(&ct);
    out
}

#[cfg(not(feature = "plaintext-for-benchmarks"))]
fn open_with(key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, KeyError> {
    if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != SEALED_V1 {
        return Err(KeyError::Tampered);
    }
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    let mut nonce_bytes = [0u8; NONCE_LEN];
    nonce_bytes.copy_from_slice(&sealed[1..1 + NONCE_LEN]);
    cipher
        .decrypt(
            &XNonce::from(nonce_bytes),
            Payload {
                msg: &sealed[1 + NONCE_LEN..],
                aad,
            },
        )
        .map_err(|_| KeyError::Tampered)
}

impl DataKey {
    pub fn generate() -> Self {
        DataKey(random())
    }

    pub fn seal(&self, aad: Aad<'_>, plaintext: &[u8]) -> Vec<u8> {
        seal_with(&self.0, &aad.bytes(), plaintext)
    }

    pub fn open(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<Vec<u8>, KeyError> {
        open_with(&self.0, &aad.bytes(), sealed)
    }
}

/// A data key as stored: sealed under one KEK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrappedKey {
    pub kek_id: u32,
    pub bytes: Vec<u8>,
}

fn wrap_aad(subject: &str, kek_id: u32) -> Vec<u8> {
    let mut out = b"heart-dek-v1\0".to_vec();
    out.extend_from_slice(subject.as_bytes());
    out.push(0);
    out.extend_from_slice(&kek_id.to_be_bytes());
    out
}

fn secret_aad(purpose: &str, owner: &str, kek_id: u32) -> Vec<u8> {
    let mut out = b"heart-secret-v1\0".to_vec();
    out.extend_from_slice(purpose.as_bytes());
    out.push(0);
    out.extend_from_slice(owner.as_bytes());
    out.push(0);
    out.extend_from_slice(&kek_id.to_be_bytes());
    out
}

/// The keys of one deployment, as read from its key file.
pub struct Keyring {
    /// The first wraps; all unwrap.
    keks: Vec<(u32, [u8; 32])>,
    /// A prepared KEK (two-phase rotation across nodes): it unwraps, and wraps only once promoted.
    next: Option<(u32, [u8; 32])>,
    index: [u8; 32],
    signing: SigningKey,
}

impl Drop for Keyring {
    fn drop(&mut self) {
        for (_, k) in self.keks.iter_mut().chain(self.next.iter_mut()) {
            *k = [0; 32];
        }
        self.index = [0; 32];
    }
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.debug_struct("Keyring")
            .field("kek_ids", &self.kek_ids())
            .finish_non_exhaustive()
    }
}

impl Keyring {
    pub fn generate() -> Self {
        Keyring {
            keks: vec![(1, random())],
            next: None,
            index: random(),
            signing: SigningKey::from_bytes(&random()),
        }
    }

    /// Every KEK this file holds, the prepared one included (what a node reports to the others).
    pub fn kek_ids(&self) -> Vec<u32> {
        self.keks
            .iter()
            .chain(self.next.iter())
            .map(|(id, _)| *id)
            .collect()
    }

    /// The prepared KEK's id, if `heart keys rotate --prepare` wrote one.
    pub fn next_kek(&self) -> Option<u32> {
        self.next.map(|(id, _)| id)
    }

    fn kek(&self, id: u32) -> Option<&[u8; 32]> {
        self.keks
            .iter()
            .chain(self.next.iter())
            .find(|(i, _)| *i == id)
            .map(|(_, k)| k)
    }

    /// A copy with a fresh prepared KEK beside the current ones (nothing wraps under it yet).
    pub fn prepared(&self) -> Keyring {
        let id = self.kek_ids().into_iter().max().unwrap_or(0) + 1;
        Keyring {
            keks: self.keks.clone(),
            next: Some((id, random())),
            index: self.index,
            signing: SigningKey::from_bytes(&self.signing.to_bytes()),
        }
    }

    /// A copy where the prepared KEK `id` wraps from now on (the old ones still unwrap); itself when it holds no
    /// such prepared key.
    pub fn promoted(&self, id: u32) -> Keyring {
        let mut keks = self.keks.clone();
        let mut next = self.next;
        if let Some((n, k)) = self.next
            && n == id
        {
            keks.insert(0, (n, k));
            next = None;
        }
        Keyring {
            keks,
            next,
            index: self.index,
            signing: SigningKey::from_bytes(&self.signing.to_bytes()),
        }
    }

    pub fn current_kek(&self) -> u32 {
        self.keks.first().map(|(id, _)| *id).unwrap_or(0)
    }

    /// A new data key for `subject`, and its wrapped form to store.
    pub fn new_data_key(&self, subject: &str) -> (DataKey, WrappedKey) {
        let dek = DataKey::generate();
        let wrapped = self.wrap(subject, &dek);
        (dek, wrapped)
    }

    pub fn wrap(&self, subject: &str, dek: &DataKey) -> WrappedKey {
        let (kek_id, kek) = match self.keks.first() {
            Some(k) => *k,
            None => (0, [0; 32]),
        };
        WrappedKey {
            kek_id,
            bytes: seal_with(&kek, &wrap_aad(subject, kek_id), &dek.0),
        }
    }

    pub fn unwrap(&self, subject: &str, wrapped: &WrappedKey) -> Result<DataKey, KeyError> {
        let kek = self
            .kek(wrapped.kek_id)
            .ok_or(KeyError::UnknownKek(wrapped.kek_id))?;
        let raw = open_with(kek, &wrap_aad(subject, wrapped.kek_id), &wrapped.bytes)?;
        let bytes: [u8; 32] = raw.as_slice().try_into().map_err(|_| KeyError::Tampered)?;
        Ok(DataKey(bytes))
    }

    /// Re-wraps under the current KEK (a no-op result when it already is).
    pub fn rewrap(&self, subject: &str, wrapped: &WrappedKey) -> Result<WrappedKey, KeyError> {
        let dek = self.unwrap(subject, wrapped)?;
        Ok(self.wrap(subject, &dek))
    }

    /// Seals a small secret of the deployment (a staff member's TOTP seed) directly under the current KEK, bound
    /// to its purpose and owner.
    pub fn seal_secret(&self, purpose: &str, owner: &str, secret: &[u8]) -> WrappedKey {
        let (kek_id, kek) = match self.keks.first() {
            Some(k) => *k,
            None => (0, [0; 32]),
        };
        WrappedKey {
            kek_id,
            bytes: seal_with(&kek, &secret_aad(purpose, owner, kek_id), secret),
        }
    }

    pub fn open_secret(
        &self,
        purpose: &str,
        owner: &str,
        wrapped: &WrappedKey,
    ) -> Result<Vec<u8>, KeyError> {
        let kek = self
            .kek(wrapped.kek_id)
            .ok_or(KeyError::UnknownKek(wrapped.kek_id))?;
        open_with(
            kek,
            &secret_aad(purpose, owner, wrapped.kek_id),
            &wrapped.bytes,
        )
    }

    /// A keyed, deterministic index for exact-match lookups (`kind` separates e.g. phone numbers from names).
    pub fn blind_index(&self, kind: &str, value: &str) -> String {
        let mut mac = match <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(&self.index) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The audit chain's key: derived from the index key under its own label, so it lives in the key file (every
    /// node already holds it) and never in the database; `heart keys rotate` leaves it as it is, like the index.
    pub fn chain_key(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        if let Ok(mut mac) = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(&self.index) {
            mac.update(b"heart-audit-chain-key-v1");
            out.copy_from_slice(&mac.finalize().into_bytes());
        }
        out
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }

    pub fn verifying_key(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    /// A copy with a fresh KEK in front; the old ones stay until everything is re-wrapped.
    pub fn rotated(&self) -> Keyring {
        let next = self.kek_ids().into_iter().max().unwrap_or(0) + 1;
        let mut keks = vec![(next, random())];
        keks.extend(self.keks.iter().copied());
        Keyring {
            keks,
            next: self.next,
            index: self.index,
            signing: SigningKey::from_bytes(&self.signing.to_bytes()),
        }
    }

    /// A copy holding only the current KEK.
    pub fn without_old_keks(&self) -> Keyring {
        Keyring {
            keks: self.keks.iter().take(1).copied().collect(),
            next: self.next,
            index: self.index,
            signing: SigningKey::from_bytes(&self.signing.to_bytes()),
        }
    }

    pub fn encode(&self) -> String {
        let mut out = String::from(
            "# heart key file. Keep it apart from backups: without it no sealed field can be read.\nheart-keys 1\n",
        );
        for (id, k) in &self.keks {
            out.push_str(&format!("kek {id} {}\n", STANDARD.encode(k)));
        }
        if let Some((id, k)) = &self.next {
            out.push_str(&format!("kek-next {id} {}\n", STANDARD.encode(k)));
        }
        out.push_str(&format!("index {}\n", STANDARD.encode(self.index)));
        out.push_str(&format!(
            "signing {}\n",
            STANDARD.encode(self.signing.to_bytes())
        ));
        out
    }

    pub fn parse(text: &str) -> Result<Keyring, KeyError> {
        let mut header = false;
        let mut keks: Vec<(u32, [u8; 32])> = Vec::new();
        let mut next: Option<(u32, [u8; 32])> = None;
        let mut index = None;
        let mut signing = None;
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let bad = |what| KeyError::Malformed {
                line: line_no,
                what,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            if !header {
                if parts == ["heart-keys", "1"] {
                    header = true;
                    continue;
                }
                return Err(bad("expected `heart-keys 1` first"));
            }
            let key32 = |b64: &str| -> Result<[u8; 32], KeyError> {
                let raw = STANDARD
                    .decode(b64)
                    .map_err(|_| bad("a key is not base64"))?;
                raw.as_slice()
                    .try_into()
                    .map_err(|_| bad("a key is not 32 bytes"))
            };
            match parts.as_slice() {
                ["kek", id, b64] => {
                    let id: u32 = id.parse().map_err(|_| bad("a kek id is not a number"))?;
                    if id == 0 || keks.iter().any(|(i, _)| *i == id) {
                        return Err(bad("kek ids must be unique and above zero"));
                    }
                    keks.push((id, key32(b64)?));
                }
                ["kek-next", id, b64] if next.is_none() => {
                    let id: u32 = id.parse().map_err(|_| bad("a kek id is not a number"))?;
                    if id == 0 {
                        return Err(bad("kek ids must be unique and above zero"));
                    }
                    next = Some((id, key32(b64)?));
                }
                ["index", b64] if index.is_none() => index = Some(key32(b64)?),
                ["signing", b64] if signing.is_none() => signing = Some(key32(b64)?),
                _ => return Err(bad("unknown or repeated line")),
            }
        }
        let end = text.lines().count().max(1);
        if keks.is_empty() {
            return Err(KeyError::Malformed {
                line: end,
                what: "no kek line",
            });
        }
        let (Some(index), Some(signing)) = (index, signing) else {
            return Err(KeyError::Malformed {
                line: end,
                what: "missing index or signing key",
            });
        };
        if let Some((id, _)) = next
            && keks.iter().any(|(i, _)| *i == id)
        {
            return Err(KeyError::Malformed {
                line: end,
                what: "kek ids must be unique and above zero",
            });
        }
        Ok(Keyring {
            keks,
            next,
            index,
            signing: SigningKey::from_bytes(&signing),
        })
    }

    pub fn load(path: &Path) -> Result<Keyring, KeyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| KeyError::Unreadable(e.kind().to_string()))?;
        Keyring::parse(&text)
    }

    /// Reads the key file, creating it (mode 0600) with fresh keys if it does not exist.
    pub fn load_or_create(path: &Path) -> Result<(Keyring, bool), KeyError> {
        match std::fs::metadata(path) {
            Ok(_) => Ok((Keyring::load(path)?, false)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let ring = Keyring::generate();
                ring.save(path)?;
                Ok((ring, true))
            }
            Err(e) => Err(KeyError::Unreadable(e.kind().to_string())),
        }
    }

    /// Writes the key file atomically (a 0600 temporary file renamed over it).
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        let err = |e: std::io::Error| KeyError::Unwritable(e.kind().to_string());
        let dir = path.parent().unwrap_or(Path::new("."));
        let tmp = dir.join(format!(
            ".{}.tmp",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("heart.key")
        ));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(err)?;
        f.write_all(self.encode().as_bytes()).map_err(err)?;
        f.sync_all().map_err(err)?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(err)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Checks a signature made by [`Keyring::sign`].
pub fn verify_signature(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    match VerifyingKey::from_bytes(public_key) {
        Ok(vk) => vk
            .verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
            .is_ok(),
        Err(_) => false,
    }
}

/// The key file a running process uses. It notices when `heart keys rotate` rewrites the file (checked at most
/// once a second), so rotation needs no restart.
pub struct Keys {
    path: Option<PathBuf>,
    state: RwLock<(Arc<Keyring>, Option<SystemTime>)>,
    checked: Mutex<Instant>,
    /// The KEK the deployment wraps under (from the database, during a two-phase rotation): a prepared key with
    /// this id is used as the current one.
    promote: Mutex<Option<u32>>,
}

impl Keys {
    pub fn open(path: &Path) -> Result<(Keys, bool), KeyError> {
        let (ring, created) = Keyring::load_or_create(path)?;
        let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Ok((
            Keys {
                path: Some(path.to_path_buf()),
                state: RwLock::new((Arc::new(ring), mtime)),
                checked: Mutex::new(Instant::now()),
                promote: Mutex::new(None),
            },
            created,
        ))
    }

    /// Keys held in memory only (tests, benchmarks).
    pub fn ephemeral() -> Keys {
        Keys {
            path: None,
            state: RwLock::new((Arc::new(Keyring::generate()), None)),
            checked: Mutex::new(Instant::now()),
            promote: Mutex::new(None),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn get(&self) -> Arc<Keyring> {
        self.maybe_reload(false);
        match self.state.read() {
            Ok(s) => s.0.clone(),
            Err(p) => p.into_inner().0.clone(),
        }
    }

    /// Follows the deployment's choice of KEK (`heart keys rotate --finish` records it in the database): when this
    /// key file holds it as its prepared key, it wraps under it from now on. Returns the KEK this process wraps
    /// under.
    pub fn follow(&self, current: Option<u32>) -> u32 {
        if let Ok(mut p) = self.promote.lock() {
            *p = current;
        }
        if let Some(id) = current
            && let Ok(mut s) = self.state.write()
            && s.0.next_kek() == Some(id)
        {
            s.0 = Arc::new(s.0.promoted(id));
        }
        self.get().current_kek()
    }

    /// Re-reads the file now if it changed (e.g. a data key names a KEK this process has not seen yet).
    pub fn refresh(&self) -> Arc<Keyring> {
        self.maybe_reload(true);
        self.get()
    }

    fn maybe_reload(&self, force: bool) {
        let Some(path) = &self.path else { return };
        {
            let mut last = match self.checked.lock() {
                Ok(l) => l,
                Err(p) => p.into_inner(),
            };
            if !force && last.elapsed() < Duration::from_secs(1) {
                return;
            }
            *last = Instant::now();
        }
        let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let known = match self.state.read() {
            Ok(s) => s.1,
            Err(p) => p.into_inner().1,
        };
        if mtime.is_some() && mtime != known {
            match Keyring::load(path) {
                Ok(ring) => {
                    let promote = self.promote.lock().map(|p| *p).unwrap_or(None);
                    let ring = match promote {
                        Some(id) => ring.promoted(id),
                        None => ring,
                    };
                    if let Ok(mut s) = self.state.write() {
                        *s = (Arc::new(ring), mtime);
                    }
                }
                Err(e) => tracing_free_warn(&e),
            }
        }
    }
}

fn tracing_free_warn(e: &KeyError) {
    // heart-crypto has no logger; the message names no key material.
    eprintln!(
        "heart: the key file changed but could not be read ({e}); keeping the keys in memory"
    );
}

#[cfg(all(test, not(feature = "plaintext-for-benchmarks")))]
mod tests {
    use super::*;

    fn aad(row: &str) -> Aad<'_> {
        Aad {
            table: "requests",
            column: "sealed",
            row_id: row,
            key_version: 1,
        }
    }

    #[test]
    fn a_prepared_key_unwraps_at_once_and_wraps_only_once_promoted() {
        let ring = Keyring::generate();
        let (_, old) = ring.new_data_key("s1");
        let prepared = Keyring::parse(&ring.prepared().encode()).unwrap();
        assert_eq!(prepared.kek_ids(), vec![1, 2]);
        assert_eq!(prepared.next_kek(), Some(2));
        assert_eq!(prepared.current_kek(), 1, "nothing wraps under it yet");
        assert!(prepared.unwrap("s1", &old).is_ok());
        let promoted = prepared.promoted(2);
        assert_eq!(promoted.current_kek(), 2);
        let (_, new) = promoted.new_data_key("s2");
        assert_eq!(new.kek_id, 2);
        // A node holding the prepared key opens what a promoted node wrapped; one without it cannot.
        assert!(prepared.unwrap("s2", &new).is_ok());
        assert_eq!(ring.unwrap("s2", &new).err(), Some(KeyError::UnknownKek(2)));
        assert_eq!(promoted.promoted(7).current_kek(), 2);
        assert!(
            Keyring::parse(&format!(
                "{}kek-next 1 {}\n",
                ring.encode(),
                STANDARD.encode([0u8; 32])
            ))
            .is_err()
        );
    }

    #[test]
    fn a_running_process_follows_the_deployment_to_its_prepared_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("heart.key");
        let (keys, _) = Keys::open(&path).unwrap();
        // The file is told apart by its modification time: let the clock move past the first write.
        std::thread::sleep(Duration::from_millis(20));
        keys.get().prepared().save(&path).unwrap();
        let ring = keys.refresh();
        assert_eq!((ring.current_kek(), ring.next_kek()), (1, Some(2)));
        assert_eq!(keys.follow(None), 1);
        assert_eq!(keys.follow(Some(2)), 2);
        // The file is re-read (it changed again): the promotion holds.
        std::thread::sleep(Duration::from_millis(20));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}# touched\n")).unwrap();
        assert_eq!(keys.refresh().current_kek(), 2);
    }

    #[test]
    fn seal_round_trips_and_binds_its_place() {
        let k = DataKey::generate();
        let sealed = k.seal(aad("r1"), b"Ada at 12 Elm St");
        assert_eq!(k.open(aad("r1"), &sealed).unwrap(), b"Ada at 12 Elm St");
        assert_eq!(k.open(aad("r2"), &sealed), Err(KeyError::Tampered));
        let other_col = Aad {
            column: "notes",
            ..aad("r1")
        };
        assert_eq!(k.open(other_col, &sealed), Err(KeyError::Tampered));
        let other_version = Aad {
            key_version: 2,
            ..aad("r1")
        };
        assert_eq!(k.open(other_version, &sealed), Err(KeyError::Tampered));
        assert_eq!(
            DataKey::generate().open(aad("r1"), &sealed),
            Err(KeyError::Tampered)
        );
        // No plaintext in the sealed bytes.
        assert!(!sealed.windows(3).any(|w| w == b"Ada"));
    }

    #[test]
    fn truncated_or_foreign_input_is_refused() {
        let k = DataKey::generate();
        for bad in [&b""[..], &[1u8; 10][..], &[2u8; 80][..]] {
            assert_eq!(k.open(aad("r"), bad), Err(KeyError::Tampered));
        }
    }

    #[test]
    fn wrapping_binds_the_subject_and_rotation_rewraps() {
        let ring = Keyring::generate();
        let (dek, wrapped) = ring.new_data_key("s1");
        let sealed = dek.seal(aad("r"), b"note");
        assert!(ring.unwrap("s2", &wrapped).is_err());
        let rotated = ring.rotated();
        assert_eq!(rotated.current_kek(), 2);
        // Old wraps still open under the rotated ring; re-wrapping moves them to the new KEK.
        let again = rotated.rewrap("s1", &wrapped).unwrap();
        assert_eq!(again.kek_id, 2);
        let only_new = rotated.without_old_keks();
        assert_eq!(
            only_new.unwrap("s1", &wrapped).err(),
            Some(KeyError::UnknownKek(1))
        );
        let dek2 = only_new.unwrap("s1", &again).unwrap();
        assert_eq!(dek2.open(aad("r"), &sealed).unwrap(), b"note");
    }

    #[test]
    fn key_file_round_trips_and_refuses_garbage() {
        let ring = Keyring::generate().rotated();
        let back = Keyring::parse(&ring.encode()).unwrap();
        assert_eq!(back.kek_ids(), vec![2, 1]);
        assert_eq!(
            back.blind_index("phone", "6175550100"),
            ring.blind_index("phone", "6175550100")
        );
        assert_eq!(back.verifying_key(), ring.verifying_key());
        for bad in [
            "",
            "heart-keys 2\n",
            "heart-keys 1\nkek 1 xx\n",
            "heart-keys 1\nindex AAAA\n",
        ] {
            assert!(Keyring::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn blind_index_is_keyed() {
        let a = Keyring::generate();
        let b = Keyring::generate();
        assert_eq!(a.blind_index("phone", "1"), a.blind_index("phone", "1"));
        assert_ne!(a.blind_index("phone", "1"), b.blind_index("phone", "1"));
        assert_ne!(a.blind_index("phone", "1"), a.blind_index("name", "1"));
    }

    #[test]
    fn signatures_verify_only_for_their_message() {
        let ring = Keyring::generate();
        let sig = ring.sign(b"seq 10");
        assert!(verify_signature(&ring.verifying_key(), b"seq 10", &sig));
        assert!(!verify_signature(&ring.verifying_key(), b"seq 11", &sig));
    }

    #[test]
    fn key_file_is_created_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("heart.key");
        let (_, created) = Keyring::load_or_create(&path).unwrap();
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (_, created) = Keyring::load_or_create(&path).unwrap();
        assert!(!created);
    }

    proptest::proptest! {
        #[test]
        fn any_plaintext_round_trips_and_any_flip_is_caught(data in proptest::collection::vec(0u8..=255, 0..200), flip in 0usize..400) {
            let k = DataKey::generate();
            let sealed = k.seal(aad("r"), &data);
            proptest::prop_assert_eq!(k.open(aad("r"), &sealed).unwrap(), data);
            let mut bad = sealed.clone();
            let i = flip % bad.len();
            bad[i] ^= 0x01;
            proptest::prop_assert!(k.open(aad("r"), &bad).is_err());
        }
    }
}
