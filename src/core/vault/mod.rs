//! The encrypted vault: PIN-derived keys, envelope encryption over a [`Store`], a decoy slot,
//! an opt-in duress PIN, re-key, and wrong-PIN backoff.
//!
//! Key hierarchy (see `ARCHITECTURE.md`, "Vault"):
//! ```text
//! pin_key = PBKDF2-HMAC-SHA256(PIN, header salt, header iterations)      (one run per attempt)
//! KEK     = HKDF-SHA256(salt = device secret, ikm = pin_key, info = "haven kek v1")
//! slot i  = ChaCha20-Poly1305(KEK, version || flags || DEK), AAD = header prefix || i
//! DEK     → index key, record key, DEK id            (see `core::vault::record`)
//! ```
//! Unlock runs the KDF once and then tries **both** slots, so a real PIN, a decoy PIN and a
//! wrong PIN cost the same work. Slot 0 is the real vault, slot 1 the decoy (random bytes
//! until one is set up).
//!
//! Duress model: there is one decoy PIN. If the user opts in, that PIN is also a duress PIN:
//! unlocking with it first overwrites slot 0 with random bytes (atomic header write), purges
//! every record the decoy does not own, and then opens the decoy as usual. Without the decoy
//! PIN nobody can tell whether duress is on (the flag sits inside the decoy slot's ciphertext).
//!
//! Every slot also owns one "anchor" record. Unlock refuses a header whose DEK has no anchor in
//! the store ([`VaultError::StaleHeader`]): after a re-key an old copy of the header no longer
//! opens anything.

pub mod backoff;
pub mod decoy;
pub mod header;
pub mod record;
pub mod store;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use self::backoff::BackoffState;
pub use self::header::KdfParams;
use self::header::{Header, HeaderError, FLAG_DURESS, FLAG_DURESS_SET, FLAG_HAS_DECOY};
use self::record::{RecordError, RecordKeys, RecordKind};
use self::store::{BatchOp, MetaStore, RecordKey, Store, StoreError};
use crate::core::clock::Clock;
use crate::core::crypto::{self, CryptoError, InvalidPin, Key32, Pin};

/// Everything the vault logic needs from the outside world, injected.
#[derive(Clone)]
pub struct VaultEnv {
    /// Where encrypted records live (sled in the app, [`self::store::MemStore`] in tests).
    pub store: Arc<dyn Store>,
    /// Where the key header and the wrong-PIN counter live.
    pub meta: Arc<dyn MetaStore>,
    /// Wall clock for the backoff.
    pub clock: Arc<dyn Clock>,
}

impl fmt::Debug for VaultEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultEnv(..)")
    }
}

/// Which header slot a PIN opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The real vault (slot 0).
    Real,
    /// The decoy vault (slot 1). The UI must render it exactly like the real one.
    Decoy,
}

impl Slot {
    fn index(self) -> usize {
        match self {
            Slot::Real => 0,
            Slot::Decoy => 1,
        }
    }
}

/// The result of a successful unlock. Both variants carry an unlocked [`Vault`].
#[derive(Debug)]
pub enum UnlockOutcome {
    /// The real PIN was entered.
    Real(Vault),
    /// The decoy PIN was entered (and, if duress was on, the real vault is now destroyed).
    Decoy(Vault),
}

impl UnlockOutcome {
    /// Which slot opened.
    pub fn slot(&self) -> Slot {
        match self {
            UnlockOutcome::Real(_) => Slot::Real,
            UnlockOutcome::Decoy(_) => Slot::Decoy,
        }
    }
    /// The unlocked vault, whichever slot it is.
    pub fn into_vault(self) -> Vault {
        match self {
            UnlockOutcome::Real(v) | UnlockOutcome::Decoy(v) => v,
        }
    }
}

/// A decoy to set up: its PIN and whether that PIN is also a duress PIN.
#[derive(Debug)]
pub struct DecoySpec {
    /// The decoy PIN (must differ from the real PIN).
    pub pin: Pin,
    /// If true, unlocking with the decoy PIN also destroys the real vault.
    pub duress: bool,
}

/// Vault failures. Messages never contain PINs, names, record contents or paths.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The PIN opened no slot.
    #[error("wrong PIN")]
    WrongPin,
    /// Too many wrong PINs: wait before trying again. The KDF was not run.
    #[error("too many wrong PINs; wait {} s", remaining.as_secs())]
    Backoff {
        /// Time left before the next attempt is allowed.
        remaining: Duration,
    },
    /// The PIN is too short or too long.
    #[error(transparent)]
    InvalidPin(#[from] InvalidPin),
    /// The new PIN is already the PIN of the other slot.
    #[error("that PIN cannot be used")]
    PinInUse,
    /// No vault has been set up in this place.
    #[error("no vault set up")]
    NotSetUp,
    /// A vault already exists here.
    #[error("a vault already exists")]
    AlreadyExists,
    /// The key header is damaged. Recovery: reset (wipe and set up again).
    #[error("key header damaged")]
    HeaderCorrupt,
    /// The key header is of a version this build does not read.
    #[error("key header version not supported")]
    HeaderUnsupported,
    /// The header's KDF iteration count is outside 1 000 ..= 50 000 000.
    #[error("key header KDF parameters out of range")]
    KdfOutOfRange,
    /// The header opened but belongs to data that was re-keyed or removed since.
    #[error("key header does not match the stored data")]
    StaleHeader,
    /// The device secret is missing or unreadable (after a wipe, or a restore to a new device).
    #[error("device key unavailable")]
    DeviceKeyUnavailable,
    /// One record is damaged or does not authenticate.
    #[error("record damaged")]
    RecordCorrupt,
    /// Some records of this vault are damaged; [`Vault::list_readable`] opens the rest and
    /// [`Vault::purge_damaged`] removes them.
    #[error("{damaged} record(s) damaged")]
    Damaged {
        /// How many records failed to authenticate.
        damaged: usize,
    },
    /// The storage engine reported damaged files. Recovery: reset (wipe and set up again).
    #[error("storage damaged")]
    StoreCorrupt,
    /// An I/O error from the operating system.
    #[error("storage I/O error ({0:?})")]
    Io(std::io::ErrorKind),
    /// The store was closed (wiped) under this vault.
    #[error("vault closed")]
    Closed,
    /// The logical name is empty or longer than 512 bytes.
    #[error("record name invalid")]
    InvalidName,
    /// The record is larger than 16 MiB.
    #[error("record too large")]
    RecordTooLarge,
    /// The value could not be serialized.
    #[error("record could not be serialized")]
    Serialize,
    /// The stored record is authentic but does not deserialize into the requested type.
    #[error("record has a different shape than requested")]
    Deserialize,
    /// The operation needs the real vault or a configured decoy.
    #[error("operation not available here")]
    NotAvailable,
    /// The random number generator or another primitive failed.
    #[error("cryptographic failure")]
    Crypto,
}

impl From<StoreError> for VaultError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Corrupt => VaultError::StoreCorrupt,
            StoreError::Io(k) => VaultError::Io(k),
            StoreError::Closed => VaultError::Closed,
        }
    }
}

impl From<CryptoError> for VaultError {
    fn from(_: CryptoError) -> Self {
        VaultError::Crypto
    }
}

impl From<HeaderError> for VaultError {
    fn from(e: HeaderError) -> Self {
        match e {
            HeaderError::Corrupt => VaultError::HeaderCorrupt,
            HeaderError::Unsupported => VaultError::HeaderUnsupported,
            HeaderError::KdfOutOfRange => VaultError::KdfOutOfRange,
        }
    }
}

fn record_err(e: RecordError) -> VaultError {
    match e {
        RecordError::Malformed | RecordError::Unauthentic => VaultError::RecordCorrupt,
        RecordError::TooLarge => VaultError::RecordTooLarge,
        RecordError::BadName => VaultError::InvalidName,
        RecordError::Rng => VaultError::Crypto,
    }
}

/// What [`Vault::list_readable`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScanReport {
    /// Logical names of every record that authenticated, sorted.
    pub names: Vec<String>,
    /// How many of this vault's records did not authenticate.
    pub damaged: usize,
}

const KEK_INFO: &[u8] = b"haven kek v1";

fn derive_kek(device: &Key32, pin_key: &Key32) -> Result<Key32, VaultError> {
    Ok(crypto::hkdf_key(
        device.expose_secret(),
        pin_key.expose_secret(),
        KEK_INFO,
    )?)
}

fn read_header(meta: &dyn MetaStore) -> Result<Header, VaultError> {
    let bytes = meta.read_header()?.ok_or(VaultError::NotSetUp)?;
    Ok(Header::decode(&bytes)?)
}

fn load_backoff(meta: &dyn MetaStore) -> Result<BackoffState, VaultError> {
    let bytes = meta.read_attempts()?;
    Ok(BackoffState::decode(bytes.as_deref()))
}

/// Returns `Err(Backoff)` while a delay is active (re-arming it if the clock went back).
fn check_backoff(env: &VaultEnv) -> Result<BackoffState, VaultError> {
    let state = load_backoff(env.meta.as_ref())?;
    let now = env.clock.now_unix_secs();
    let remaining = state.remaining(now);
    if !remaining.is_zero() {
        if now < state.last_failure {
            let rearmed = BackoffState {
                failures: state.failures,
                last_failure: now,
            };
            env.meta.write_attempts(&rearmed.encode())?;
        }
        return Err(VaultError::Backoff { remaining });
    }
    Ok(state)
}

fn record_failure(env: &VaultEnv, state: &BackoffState) -> Result<(), VaultError> {
    let next = state.after_failure(env.clock.now_unix_secs());
    env.meta.write_attempts(&next.encode())?;
    Ok(())
}

/// How long the user must wait before the next PIN attempt (zero if none).
pub fn delay_remaining(env: &VaultEnv) -> Result<Duration, VaultError> {
    delay_remaining_in(env.meta.as_ref(), env.clock.as_ref())
}

/// [`delay_remaining`] from its two inputs alone (no record store needed).
pub fn delay_remaining_in(meta: &dyn MetaStore, clock: &dyn Clock) -> Result<Duration, VaultError> {
    let state = load_backoff(meta)?;
    Ok(state.remaining(clock.now_unix_secs()))
}

/// Whether a key header exists (a vault was set up, or its header is damaged).
pub fn exists(env: &VaultEnv) -> Result<bool, VaultError> {
    Ok(env.meta.read_header()?.is_some())
}

/// Sets up a new vault with `pin`, and optionally a decoy (1 KDF run, 2 with a decoy).
///
/// Order on disk: anchors are written and flushed first, the header last; the header write is
/// the commit point, so a crash leaves either no vault or a complete one.
pub fn create(
    env: &VaultEnv,
    device: &Key32,
    kdf: KdfParams,
    pin: &Pin,
    decoy: Option<&DecoySpec>,
) -> Result<Vault, VaultError> {
    if env.meta.read_header()?.is_some() {
        return Err(VaultError::AlreadyExists);
    }
    let mut header = Header::new_random(kdf)?;
    let pin_key = crypto::pbkdf2_pin(kdf.iterations(), &header.salt, pin)?;
    let kek = derive_kek(device, &pin_key)?;
    let dek = Key32::random()?;
    let keys = RecordKeys::derive(&dek)?;
    let mut flags = 0;
    let mut ops = vec![anchor_op(&keys)?];
    if let Some(d) = decoy {
        let decoy_key = crypto::pbkdf2_pin(kdf.iterations(), &header.salt, &d.pin)?;
        if decoy_key == pin_key {
            return Err(VaultError::PinInUse);
        }
        let decoy_kek = derive_kek(device, &decoy_key)?;
        let decoy_dek = Key32::random()?;
        let decoy_flags = if d.duress { FLAG_DURESS } else { 0 };
        header.seal_slot(1, &decoy_kek, &decoy_dek, decoy_flags)?;
        ops.push(anchor_op(&RecordKeys::derive(&decoy_dek)?)?);
        flags = FLAG_HAS_DECOY | if d.duress { FLAG_DURESS_SET } else { 0 };
    }
    header.seal_slot(0, &kek, &dek, flags)?;
    env.store.apply(ops)?;
    env.store.flush()?;
    env.meta.write_header(&header.encode())?;
    env.meta.write_attempts(&BackoffState::default().encode())?;
    Ok(Vault {
        env: env.clone(),
        device: device.duplicate(),
        slot: Slot::Real,
        kek,
        dek,
        flags,
        keys,
    })
}

/// Unlocks with `pin`: exactly one KDF run, then both slots are tried.
///
/// Errors: [`VaultError::Backoff`] while a delay is active (no KDF run), [`VaultError::WrongPin`]
/// (counted for the backoff), [`VaultError::NotSetUp`], header and store damage.
pub fn unlock(env: &VaultEnv, device: &Key32, pin: &Pin) -> Result<UnlockOutcome, VaultError> {
    let state = check_backoff(env)?;
    let mut header = read_header(env.meta.as_ref())?;
    let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, pin)?;
    let kek = derive_kek(device, &pin_key)?;
    drop(pin_key);
    // Always try both slots, whatever the first one gave.
    let s0 = header.open_slot(0, &kek);
    let s1 = header.open_slot(1, &kek);
    let (slot, contents) = match (s0, s1) {
        (Some(c), _) => (Slot::Real, c),
        (None, Some(c)) => (Slot::Decoy, c),
        (None, None) => {
            record_failure(env, &state)?;
            return Err(VaultError::WrongPin);
        }
    };
    if state != BackoffState::default() {
        env.meta.write_attempts(&BackoffState::default().encode())?;
    }
    let keys = RecordKeys::derive(&contents.dek)?;
    let anchor = keys.key_for(RecordKind::Anchor, b"");
    if env.store.get(&anchor)?.is_none() {
        return Err(VaultError::StaleHeader);
    }
    let vault = Vault {
        env: env.clone(),
        device: device.duplicate(),
        slot,
        kek,
        dek: contents.dek.duplicate(),
        flags: contents.flags,
        keys,
    };
    match slot {
        Slot::Real => Ok(UnlockOutcome::Real(vault)),
        Slot::Decoy => {
            if contents.flags & FLAG_DURESS != 0 {
                header.clear_slot(0)?;
                env.meta.write_header(&header.encode())?;
                vault.purge_foreign(None)?;
            }
            Ok(UnlockOutcome::Decoy(vault))
        }
    }
}

fn anchor_op(keys: &RecordKeys) -> Result<BatchOp, VaultError> {
    let (key, value) = keys.seal(RecordKind::Anchor, "", &[]).map_err(record_err)?;
    Ok(BatchOp::Put(key, value))
}

/// An unlocked vault: one owned value holding every key. Dropping it (or [`Vault::lock`])
/// zeroizes the keys. `Send`, so it can live on a background thread.
pub struct Vault {
    env: VaultEnv,
    device: Key32,
    slot: Slot,
    kek: Key32,
    dek: Key32,
    flags: u8,
    keys: RecordKeys,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("slot", &self.slot)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Which slot this vault is.
    pub fn slot(&self) -> Slot {
        self.slot
    }

    /// Locks: drops every key (zeroized). Same as dropping the value.
    pub fn lock(self) {}

    /// Real vault only: whether a decoy is configured.
    pub fn has_decoy(&self) -> bool {
        self.slot == Slot::Real && self.flags & FLAG_HAS_DECOY != 0
    }

    /// Real vault only: whether the decoy PIN is also a duress PIN.
    pub fn duress_enabled(&self) -> bool {
        self.slot == Slot::Real && self.flags & FLAG_DURESS_SET != 0
    }

    // --- records ---------------------------------------------------------------------------

    /// Stores `value` (serialized as JSON) under `name`, replacing any previous value, and
    /// flushes to disk before returning: `Ok` means saved.
    pub fn put<T: Serialize + ?Sized>(&self, name: &str, value: &T) -> Result<(), VaultError> {
        let body = Zeroizing::new(serde_json::to_vec(value).map_err(|_| VaultError::Serialize)?);
        self.put_bytes(name, &body)
    }

    /// Stores raw bytes under `name` and flushes.
    pub fn put_bytes(&self, name: &str, body: &[u8]) -> Result<(), VaultError> {
        let (key, value) = self
            .keys
            .seal(RecordKind::User, name, body)
            .map_err(record_err)?;
        self.env.store.put(&key, &value)?;
        self.env.store.flush()?;
        Ok(())
    }

    /// The record under `name`, deserialized. `Ok(None)` if there is none;
    /// [`VaultError::RecordCorrupt`] if it exists but does not authenticate.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, VaultError> {
        match self.get_bytes(name)? {
            None => Ok(None),
            Some(body) => serde_json::from_slice(&body)
                .map(Some)
                .map_err(|_| VaultError::Deserialize),
        }
    }

    /// The raw bytes under `name` (zeroized on drop).
    pub fn get_bytes(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, VaultError> {
        if name.is_empty() || name.len() > self::record::MAX_NAME_LEN {
            return Err(VaultError::InvalidName);
        }
        let key = self.keys.key_for(RecordKind::User, name.as_bytes());
        let Some(value) = self.env.store.get(&key)? else {
            return Ok(None);
        };
        let rec = self.keys.open(&key, &value).map_err(record_err)?;
        if rec.kind != RecordKind::User || rec.name.as_str() != name {
            return Err(VaultError::RecordCorrupt);
        }
        Ok(Some(rec.body))
    }

    /// Whether a record exists under `name` (without decrypting it).
    pub fn contains(&self, name: &str) -> Result<bool, VaultError> {
        if name.is_empty() || name.len() > self::record::MAX_NAME_LEN {
            return Err(VaultError::InvalidName);
        }
        let key = self.keys.key_for(RecordKind::User, name.as_bytes());
        Ok(self.env.store.get(&key)?.is_some())
    }

    /// Removes the record under `name` and flushes. Returns whether one existed.
    pub fn delete(&self, name: &str) -> Result<bool, VaultError> {
        if !self.contains(name)? {
            return Ok(false);
        }
        let key = self.keys.key_for(RecordKind::User, name.as_bytes());
        self.env.store.delete(&key)?;
        self.env.store.flush()?;
        Ok(true)
    }

    /// Every logical name in this vault, sorted. Fails with [`VaultError::Damaged`] if any of
    /// this vault's records does not authenticate (never silently hides one); use
    /// [`Vault::list_readable`] to get the rest.
    pub fn list(&self) -> Result<Vec<String>, VaultError> {
        let report = self.list_readable()?;
        if report.damaged > 0 {
            return Err(VaultError::Damaged {
                damaged: report.damaged,
            });
        }
        Ok(report.names)
    }

    /// Recovery path: the names of every record that still authenticates, plus a count of
    /// the damaged ones.
    pub fn list_readable(&self) -> Result<ScanReport, VaultError> {
        let mut report = ScanReport::default();
        for (key, value) in self.env.store.entries()? {
            if !self.keys.owns(&key) {
                continue;
            }
            match self.keys.open(&key, &value) {
                Ok(rec) if rec.kind == RecordKind::User => report.names.push(rec.name.to_string()),
                Ok(_) => {}
                Err(_) => report.damaged += 1,
            }
        }
        report.names.sort();
        Ok(report)
    }

    /// Recovery path: deletes this vault's records that do not authenticate; returns how many.
    pub fn purge_damaged(&self) -> Result<usize, VaultError> {
        let mut ops = Vec::new();
        for (key, value) in self.env.store.entries()? {
            if self.keys.owns(&key) && self.keys.open(&key, &value).is_err() {
                if let Ok(k) = <RecordKey>::try_from(key.as_slice()) {
                    ops.push(BatchOp::Delete(k));
                }
            }
        }
        let n = ops.len();
        if n > 0 {
            self.env.store.apply(ops)?;
            self.env.store.flush()?;
        }
        Ok(n)
    }

    // --- header operations -------------------------------------------------------------------

    /// Reads the current header and checks this vault's slot still opens with our KEK.
    fn current_header(&self) -> Result<Header, VaultError> {
        let header = read_header(self.env.meta.as_ref())?;
        match header.open_slot(self.slot.index(), &self.kek) {
            Some(c) if c.dek == self.dek => Ok(header),
            _ => Err(VaultError::StaleHeader),
        }
    }

    fn other_index(&self) -> usize {
        1 - self.slot.index()
    }

    /// Changes this slot's PIN. Rewrites the header only; records stay byte-identical.
    /// One KDF run. A PIN that opens the other slot is refused ([`VaultError::PinInUse`]) and
    /// counts as a wrong attempt, so this is no faster a PIN oracle than unlock.
    pub fn change_pin(&mut self, new_pin: &Pin) -> Result<(), VaultError> {
        let state = check_backoff(&self.env)?;
        let mut header = self.current_header()?;
        let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, new_pin)?;
        let kek = derive_kek(&self.device, &pin_key)?;
        if header.open_slot(self.other_index(), &kek).is_some() {
            record_failure(&self.env, &state)?;
            return Err(VaultError::PinInUse);
        }
        header.seal_slot(self.slot.index(), &kek, &self.dek, self.flags)?;
        self.env.meta.write_header(&header.encode())?;
        self.kek = kek;
        Ok(())
    }

    /// Re-key after a suspected compromise: a new DEK, every record re-encrypted under it, the
    /// old records deleted. An old copy of the header no longer opens the data.
    ///
    /// Crash-safe order: new records + new anchor (flushed), then the header (commit point),
    /// then deletion of the old records. Refuses to run while records are damaged
    /// ([`VaultError::Damaged`]): purge them first.
    pub fn rekey(&mut self) -> Result<(), VaultError> {
        let mut header = self.current_header()?;
        let new_dek = Key32::random()?;
        let new_keys = RecordKeys::derive(&new_dek)?;
        let mut puts = vec![anchor_op(&new_keys)?];
        let mut old_keys = Vec::new();
        let mut damaged = 0usize;
        for (key, value) in self.env.store.entries()? {
            if !self.keys.owns(&key) {
                continue;
            }
            match self.keys.open(&key, &value) {
                Ok(rec) => {
                    if rec.kind == RecordKind::User {
                        let (k, v) = new_keys
                            .seal(RecordKind::User, &rec.name, &rec.body)
                            .map_err(record_err)?;
                        puts.push(BatchOp::Put(k, v));
                    }
                    if let Ok(k) = <RecordKey>::try_from(key.as_slice()) {
                        old_keys.push(BatchOp::Delete(k));
                    }
                }
                Err(_) => damaged += 1,
            }
        }
        if damaged > 0 {
            return Err(VaultError::Damaged { damaged });
        }
        self.env.store.apply(puts)?;
        self.env.store.flush()?;
        header.seal_slot(self.slot.index(), &self.kek, &new_dek, self.flags)?;
        self.env.meta.write_header(&header.encode())?;
        self.dek = new_dek;
        self.keys = new_keys;
        self.env.store.apply(old_keys)?;
        self.env.store.flush()?;
        if self.slot == Slot::Real && !self.has_decoy() {
            // No decoy: anything not ours is garbage (e.g. from an interrupted re-key).
            self.purge_foreign(None)?;
        }
        Ok(())
    }

    /// Deletes every record owned neither by this vault nor by `also_keep`.
    fn purge_foreign(&self, also_keep: Option<&RecordKeys>) -> Result<(), VaultError> {
        let mut ops = Vec::new();
        for (key, _) in self.env.store.entries()? {
            let keep = self.keys.owns(&key) || also_keep.is_some_and(|k| k.owns(&key));
            if !keep {
                match <RecordKey>::try_from(key.as_slice()) {
                    Ok(k) => ops.push(BatchOp::Delete(k)),
                    // A key of another length cannot be deleted through the trait's key type;
                    // it is foreign garbage that authenticates under no slot.
                    Err(_) => continue,
                }
            }
        }
        if !ops.is_empty() {
            self.env.store.apply(ops)?;
            self.env.store.flush()?;
        }
        Ok(())
    }

    /// Real vault only: creates (or replaces) the decoy in slot 1 with its own PIN and an
    /// empty record set; the previous decoy's records are deleted. One KDF run.
    /// Put plausible content in it by unlocking with the decoy PIN.
    pub fn set_decoy(&mut self, decoy_pin: &Pin, duress: bool) -> Result<(), VaultError> {
        if self.slot != Slot::Real {
            return Err(VaultError::NotAvailable);
        }
        let state = check_backoff(&self.env)?;
        let mut header = self.current_header()?;
        let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, decoy_pin)?;
        let decoy_kek = derive_kek(&self.device, &pin_key)?;
        if header.open_slot(0, &decoy_kek).is_some() {
            record_failure(&self.env, &state)?;
            return Err(VaultError::PinInUse);
        }
        let decoy_dek = Key32::random()?;
        let decoy_keys = RecordKeys::derive(&decoy_dek)?;
        self.env.store.apply(vec![anchor_op(&decoy_keys)?])?;
        self.env.store.flush()?;
        let decoy_flags = if duress { FLAG_DURESS } else { 0 };
        let flags = FLAG_HAS_DECOY | if duress { FLAG_DURESS_SET } else { 0 };
        header.seal_slot(1, &decoy_kek, &decoy_dek, decoy_flags)?;
        header.seal_slot(0, &self.kek, &self.dek, flags)?;
        self.env.meta.write_header(&header.encode())?;
        self.flags = flags;
        self.purge_foreign(Some(&decoy_keys))
    }

    /// Real vault only: turns the duress behaviour of the decoy PIN on or off. Needs the
    /// decoy PIN (one KDF run); a wrong one counts for the backoff.
    pub fn set_duress(&mut self, decoy_pin: &Pin, enabled: bool) -> Result<(), VaultError> {
        if self.slot != Slot::Real {
            return Err(VaultError::NotAvailable);
        }
        if !self.has_decoy() {
            return Err(VaultError::NotAvailable);
        }
        let state = check_backoff(&self.env)?;
        let mut header = self.current_header()?;
        let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, decoy_pin)?;
        let decoy_kek = derive_kek(&self.device, &pin_key)?;
        let Some(decoy) = header.open_slot(1, &decoy_kek) else {
            record_failure(&self.env, &state)?;
            return Err(VaultError::WrongPin);
        };
        let decoy_flags = if enabled { FLAG_DURESS } else { 0 };
        let flags = FLAG_HAS_DECOY | if enabled { FLAG_DURESS_SET } else { 0 };
        header.seal_slot(1, &decoy_kek, &decoy.dek, decoy_flags)?;
        header.seal_slot(0, &self.kek, &self.dek, flags)?;
        self.env.meta.write_header(&header.encode())?;
        self.flags = flags;
        Ok(())
    }

    /// Real vault only: removes the decoy (slot 1 becomes random bytes, its records deleted).
    pub fn remove_decoy(&mut self) -> Result<(), VaultError> {
        if self.slot != Slot::Real {
            return Err(VaultError::NotAvailable);
        }
        let mut header = self.current_header()?;
        header.clear_slot(1)?;
        header.seal_slot(0, &self.kek, &self.dek, 0)?;
        self.env.meta.write_header(&header.encode())?;
        self.flags = 0;
        self.purge_foreign(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::clock::ManualClock;
    use crate::core::vault::store::{MemMeta, MemStore};

    fn env() -> VaultEnv {
        VaultEnv {
            store: Arc::new(MemStore::new()),
            meta: Arc::new(MemMeta::new()),
            clock: Arc::new(ManualClock::new(1_000_000)),
        }
    }

    fn pin(s: &str) -> Pin {
        Pin::from_str_copy(s).unwrap()
    }

    fn kdf() -> KdfParams {
        KdfParams::insecure_for_tests(1000).unwrap()
    }

    #[test]
    fn vault_is_send() {
        fn is_send<T: Send>() {}
        is_send::<Vault>();
        is_send::<UnlockOutcome>();
        is_send::<VaultError>();
    }

    #[test]
    fn create_unlock_put_get() {
        let env = env();
        let dev = Key32::random().unwrap();
        let v = create(&env, &dev, kdf(), &pin("1234"), None).unwrap();
        v.put("a", &vec![1, 2, 3]).unwrap();
        v.lock();
        assert_eq!(
            unlock(&env, &dev, &pin("9999")).unwrap_err(),
            VaultError::WrongPin
        );
        let v = unlock(&env, &dev, &pin("1234")).unwrap();
        assert_eq!(v.slot(), Slot::Real);
        let v = v.into_vault();
        assert_eq!(v.get::<Vec<i32>>("a").unwrap(), Some(vec![1, 2, 3]));
        assert_eq!(v.list().unwrap(), vec!["a".to_string()]);
        // Another device secret: the right PIN no longer opens.
        let other = Key32::random().unwrap();
        assert_eq!(
            unlock(&env, &other, &pin("1234")).unwrap_err(),
            VaultError::WrongPin
        );
    }
}
