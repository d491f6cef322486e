//! The encrypted vault: PIN-derived keys, envelope encryption over a [`Store`], a decoy slot,
//! an opt-in duress PIN, re-key, and wrong-PIN backoff.
//!
//! Key hierarchy (see `ARCHITECTURE.md`, "Vault"):
//! ```text
//! pin_key = PBKDF2-HMAC-SHA256(PIN, header salt, header iterations)      (one run per attempt)
//! KEK i   = HKDF-SHA256(salt = slot secret i, ikm = pin_key, info = "haven kek v1")
//! slot i  = ChaCha20-Poly1305(KEK i, version || flags || DEK), AAD see `header`
//! DEK     → index key, record key, DEK id            (see `core::vault::record`)
//! ```
//! Unlock runs the KDF once and then tries **both** slots, so a real PIN, a decoy PIN and a
//! wrong PIN cost the same work. Slot 0 is the real vault, slot 1 the decoy (random bytes
//! until one is set up).
//!
//! **Slot secrets.** Each slot's KEK depends on a secret of its own, kept by a
//! [`SecretStore`] (hardware on phones) and named by a random id in the header. An unused
//! slot has a filler secret too, so the number of secrets says nothing. Lifecycle:
//! - create: two new secrets (real + decoy or filler), then the header (commit point);
//! - change PIN, re-key: a new secret for the slot → new header (commit) → old secret
//!   destroyed, so an old header copy plus the old PIN opens nothing any more;
//! - duress: a new filler secret for slot 0 → header with slot 0 random (commit) → the real
//!   slot's secret destroyed → real records purged;
//! - set/remove decoy: slot 1 gets a new secret (decoy or filler), the old one is destroyed;
//! - wipe (`io::vault_files`): every secret destroyed, then the files.
//!
//! A crash between the steps leaves either the old header with its secret (the new secret
//! is an orphan) or the new header with its secret (the old one is an orphan): old or new
//! state opens, never neither. Orphans — secrets the header does not name — are destroyed
//! after the next successful unlock.
//!
//! Duress model: there is one decoy PIN. If the user opts in, that PIN is also a duress PIN:
//! unlocking with it first crypto-shreds slot 0 as above and purges every record the decoy
//! does not own, and then opens the decoy as usual. Without the decoy PIN nobody can tell
//! whether duress is on (the flag sits inside the decoy slot's ciphertext).
//!
//! **No PIN oracle.** Any operation that tests a PIN against the *other* slot (the collision
//! check of change PIN, setting the decoy PIN, turning duress on or off) counts as a wrong
//! attempt in the persisted backoff whether or not it matches, and runs only when no delay
//! is pending. A decoy session cannot test PINs at all: change PIN and every decoy/duress
//! setting answer [`VaultError::NotAvailable`] before any KDF work.
//!
//! Every slot also owns one "anchor" record. Unlock refuses a header whose DEK has no anchor in
//! the store ([`VaultError::StaleHeader`]): after a re-key an old copy of the header no longer
//! opens anything.

pub mod backoff;
pub mod decoy;
mod error;
pub mod header;
pub mod record;
pub mod store;

use error::record_err;
pub use error::VaultError;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use self::backoff::{BackoffClock, BackoffState};
use self::header::{Header, SlotSecret, FLAG_DURESS, FLAG_DURESS_SET, FLAG_HAS_DECOY};
pub use self::header::{KdfBounds, KdfParams};
use self::record::{RecordKeys, RecordKind};
use self::store::{BatchOp, MetaStore, RecordKey, SecretError, SecretId, SecretStore, Store};
use crate::core::clock::Clock;
use crate::core::crypto::{self, Key32, Pin};

/// Everything the vault logic needs from the outside world, injected.
#[derive(Clone)]
pub struct VaultEnv {
    /// Where encrypted records live (sled in the app, [`self::store::MemStore`] in tests).
    pub store: Arc<dyn Store>,
    /// Where the key header and the wrong-PIN counter live.
    pub meta: Arc<dyn MetaStore>,
    /// Where the per-slot secrets live (secure hardware on phones).
    pub secrets: Arc<dyn SecretStore>,
    /// Monotonic time for the backoff.
    pub clock: Arc<dyn Clock>,
    /// Counts the stored delay down by the monotonic time this app run observed. Share one
    /// per app run (cloning the env shares it).
    pub backoff: Arc<BackoffClock>,
    /// Which header iteration counts are accepted before any KDF work.
    pub kdf_bounds: KdfBounds,
}

impl VaultEnv {
    /// An environment with the production KDF bounds; the backoff counts from now.
    pub fn new(
        store: Arc<dyn Store>,
        meta: Arc<dyn MetaStore>,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let backoff = Arc::new(BackoffClock::new(clock.monotonic()));
        Self {
            store,
            meta,
            secrets,
            clock,
            backoff,
            kdf_bounds: KdfBounds::PRODUCTION,
        }
    }

    /// **Tests and benchmarks only**: accept the low iteration counts of
    /// [`KdfParams::insecure_for_tests`].
    pub fn insecure_for_tests(mut self) -> Self {
        self.kdf_bounds = KdfBounds::insecure_for_tests();
        self
    }
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

/// What a PIN-shaped calculator entry did (see `VaultService::attempt`). Lets the UI give the
/// owner a cue while a delay runs without ever saying whether a PIN was right.
#[derive(Debug)]
pub enum PinAttempt {
    /// A slot opened.
    Opened(Box<UnlockOutcome>),
    /// Not opened: a wrong PIN (or no vault). The calculator just computes: the number stays,
    /// like any number typed on a calculator (it is not the PIN).
    Refused,
    /// Not opened because something failed (storage, keystore). The PIN may have been right,
    /// so the calculator returns to `0` and the digits leave the display.
    Failed,
    /// A delay is running: no PIN was checked at all. The calculator shows `Error`.
    Waiting,
    /// Not PIN-shaped (not digits only, or outside the PIN length range): not tried, not
    /// counted.
    NotAPin,
}

/// A decoy to set up: its PIN and whether that PIN is also a duress PIN.
#[derive(Debug)]
pub struct DecoySpec {
    /// The decoy PIN (must differ from the real PIN).
    pub pin: Pin,
    /// If true, unlocking with the decoy PIN also destroys the real vault.
    pub duress: bool,
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

fn derive_kek(secret: &Key32, pin_key: &Key32) -> Result<Key32, VaultError> {
    Ok(crypto::hkdf_key(
        secret.expose_secret(),
        pin_key.expose_secret(),
        KEK_INFO,
    )?)
}

fn read_header(meta: &dyn MetaStore) -> Result<Header, VaultError> {
    let bytes = meta.read_header()?.ok_or(VaultError::NotSetUp)?;
    Ok(Header::decode(&bytes)?)
}

fn load_backoff(env: &VaultEnv, key: &Key32) -> Result<BackoffState, VaultError> {
    let bytes = env.meta.read_attempts()?;
    Ok(BackoffState::decode(bytes.as_deref(), key))
}

fn write_backoff(env: &VaultEnv, key: &Key32, state: BackoffState) -> Result<(), VaultError> {
    env.meta.write_attempts(&state.encode(key)?)?;
    env.backoff.wrote(state, env.clock.monotonic());
    Ok(())
}

/// Returns `Err(Backoff)` while a delay is running; saves how much of it is left.
fn check_backoff(env: &VaultEnv, header: &Header) -> Result<(Key32, BackoffState), VaultError> {
    let key = backoff::state_key(&header.salt)?;
    let persisted = load_backoff(env, &key)?;
    let now = env.clock.monotonic();
    let current = env.backoff.current(persisted, now);
    if current != persisted {
        write_backoff(env, &key, current)?;
    }
    let remaining = current.remaining();
    if !remaining.is_zero() {
        return Err(VaultError::Backoff { remaining });
    }
    Ok((key, current))
}

fn record_failure(env: &VaultEnv, key: &Key32, state: &BackoffState) -> Result<(), VaultError> {
    write_backoff(env, key, state.after_failure())
}

/// How long the user must wait before the next PIN attempt (zero if none). Reads only.
pub fn delay_remaining(env: &VaultEnv) -> Result<Duration, VaultError> {
    let header = match read_header(env.meta.as_ref()) {
        Ok(h) => h,
        Err(VaultError::NotSetUp) => return Ok(Duration::ZERO),
        Err(e) => return Err(e),
    };
    let key = backoff::state_key(&header.salt)?;
    let persisted = load_backoff(env, &key)?;
    Ok(env
        .backoff
        .current(persisted, env.clock.monotonic())
        .remaining())
}

/// Whether a key header exists (a vault was set up, or its header is damaged).
pub fn exists(env: &VaultEnv) -> Result<bool, VaultError> {
    Ok(env.meta.read_header()?.is_some())
}

/// A fresh slot secret under a fresh random id.
fn new_secret(env: &VaultEnv) -> Result<(SecretId, Key32), VaultError> {
    let mut last = VaultError::Crypto;
    for _ in 0..3 {
        let id = SecretId::random()?;
        match env.secrets.create(&id) {
            Ok(k) => return Ok((id, k)),
            Err(SecretError::Exists) => last = VaultError::DeviceKeyUnavailable,
            Err(e) => return Err(e.into()),
        }
    }
    Err(last)
}

/// The secret behind slot `i`; `None` if it is missing or unreadable.
fn slot_secret(env: &VaultEnv, header: &Header, i: usize) -> Result<Option<Key32>, VaultError> {
    let r = match header.secrets.get(i).copied().unwrap_or(SlotSecret::Legacy) {
        SlotSecret::Legacy => env.secrets.load_legacy(),
        SlotSecret::Id(id) => env.secrets.load(&id),
    };
    match r {
        Ok(k) => Ok(k),
        Err(SecretError::Corrupt) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The KEK slot `i` would have for `pin_key` (a random key if its secret is missing, so the
/// work is the same and the slot simply does not open).
fn slot_kek(
    env: &VaultEnv,
    header: &Header,
    i: usize,
    pin_key: &Key32,
) -> Result<Key32, VaultError> {
    let secret = match slot_secret(env, header, i)? {
        Some(s) => s,
        None => Key32::random()?,
    };
    derive_kek(&secret, pin_key)
}

/// Destroys the secret a header no longer names (after the header that dropped it was
/// written). Best effort: a failure leaves an orphan, destroyed after the next unlock.
fn retire_secret(env: &VaultEnv, old: SlotSecret, now: &Header) {
    match old {
        SlotSecret::Id(id) => {
            if !now.secret_ids().contains(&id) {
                let _ = env.secrets.destroy(&id);
            }
        }
        SlotSecret::Legacy => {
            if !now.uses_legacy() {
                let _ = env.secrets.destroy_legacy();
            }
        }
    }
}

/// Destroys every secret `header` does not name (orphans of an interrupted rotation).
fn destroy_orphans(env: &VaultEnv, header: &Header) -> Result<(), VaultError> {
    let named = header.secret_ids();
    for id in env.secrets.list()? {
        if !named.contains(&id) {
            env.secrets.destroy(&id)?;
        }
    }
    if !header.uses_legacy() {
        env.secrets.destroy_legacy()?;
    }
    Ok(())
}

/// Sets up a new vault with `pin`, and optionally a decoy (1 KDF run, 2 with a decoy).
///
/// Order: two slot secrets (the second a filler without a decoy), anchors written and
/// flushed, the header last: the header write is the commit point, so a crash leaves
/// either no vault or a complete one.
pub fn create(
    env: &VaultEnv,
    kdf: KdfParams,
    pin: &Pin,
    decoy: Option<&DecoySpec>,
) -> Result<Vault, VaultError> {
    if env.meta.read_header()?.is_some() {
        return Err(VaultError::AlreadyExists);
    }
    if !env.kdf_bounds.allows(kdf) {
        return Err(VaultError::KdfOutOfRange);
    }
    let (id0, secret0) = new_secret(env)?;
    let (id1, secret1) = new_secret(env)?;
    let mut header = Header::new_random(kdf, [id0, id1])?;
    let pin_key = crypto::pbkdf2_pin(kdf.iterations(), &header.salt, pin)?;
    let kek = derive_kek(&secret0, &pin_key)?;
    let dek = Key32::random()?;
    let keys = RecordKeys::derive(&dek)?;
    let mut flags = 0;
    let mut ops = vec![anchor_op(&keys)?];
    if let Some(d) = decoy {
        let decoy_key = crypto::pbkdf2_pin(kdf.iterations(), &header.salt, &d.pin)?;
        if decoy_key == pin_key {
            let _ = env.secrets.destroy(&id0);
            let _ = env.secrets.destroy(&id1);
            return Err(VaultError::PinInUse);
        }
        let decoy_kek = derive_kek(&secret1, &decoy_key)?;
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
    let st_key = backoff::state_key(&header.salt)?;
    write_backoff(env, &st_key, BackoffState::default())?;
    Ok(Vault {
        env: env.clone(),
        slot: Slot::Real,
        pin_key,
        kek,
        dek,
        flags,
        keys,
    })
}

/// Unlocks with `pin`: exactly one KDF run, then both slots are tried.
///
/// Errors: [`VaultError::Backoff`] while a delay is running (no KDF run),
/// [`VaultError::WrongPin`] (counted for the backoff), [`VaultError::NotSetUp`],
/// [`VaultError::DeviceKeyUnavailable`] (no slot secret at all), header and store damage.
///
/// After a success: a format-v1 slot moves to v2 with its own new secret; a duress PIN
/// crypto-shreds the real slot; secrets the header no longer names are destroyed.
pub fn unlock(env: &VaultEnv, pin: &Pin) -> Result<UnlockOutcome, VaultError> {
    let header = read_header(env.meta.as_ref())?;
    if !env.kdf_bounds.allows(header.kdf) {
        return Err(VaultError::KdfOutOfRange);
    }
    let (st_key, state) = check_backoff(env, &header)?;
    let s0 = slot_secret(env, &header, 0)?;
    let s1 = slot_secret(env, &header, 1)?;
    if s0.is_none() && s1.is_none() {
        return Err(VaultError::DeviceKeyUnavailable);
    }
    let s0 = match s0 {
        Some(s) => s,
        None => Key32::random()?,
    };
    let s1 = match s1 {
        Some(s) => s,
        None => Key32::random()?,
    };
    let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, pin)?;
    let kek0 = derive_kek(&s0, &pin_key)?;
    let kek1 = derive_kek(&s1, &pin_key)?;
    drop((s0, s1));
    // Always try both slots, whatever the first one gave.
    let o0 = header.open_slot(0, &kek0);
    let o1 = header.open_slot(1, &kek1);
    let (slot, contents, kek) = match (o0, o1) {
        (Some(c), _) => (Slot::Real, c, kek0),
        (None, Some(c)) => (Slot::Decoy, c, kek1),
        (None, None) => {
            record_failure(env, &st_key, &state)?;
            return Err(VaultError::WrongPin);
        }
    };
    if state != BackoffState::default() {
        write_backoff(env, &st_key, BackoffState::default())?;
    }
    let keys = RecordKeys::derive(&contents.dek)?;
    let anchor = keys.key_for(RecordKind::Anchor, b"");
    if env.store.get(&anchor)?.is_none() {
        return Err(VaultError::StaleHeader);
    }
    let mut vault = Vault {
        env: env.clone(),
        slot,
        pin_key,
        kek,
        dek: contents.dek.duplicate(),
        flags: contents.flags,
        keys,
    };
    let mut header = header;
    if slot == Slot::Decoy && contents.flags & FLAG_DURESS != 0 {
        vault.duress(&mut header)?;
    } else if header.secrets[slot.index()] == SlotSecret::Legacy {
        // Upgrade to v2 is best effort: on failure the v1 slot keeps working as it was.
        if let Ok(h) = vault.upgrade(header.clone()) {
            header = h;
        }
    }
    // Orphans of an interrupted rotation. Best effort: retried after the next unlock.
    let _ = destroy_orphans(env, &header);
    match slot {
        Slot::Real => Ok(UnlockOutcome::Real(vault)),
        Slot::Decoy => Ok(UnlockOutcome::Decoy(vault)),
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
    slot: Slot,
    pin_key: Key32,
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

    /// Seals `dek` into this vault's slot of `header` under a **new** slot secret. Returns
    /// the secret the slot used before (to retire once the header is written) and the KEK.
    fn reseal_own(
        &self,
        header: &mut Header,
        pin_key: &Key32,
        dek: &Key32,
        flags: u8,
    ) -> Result<(SlotSecret, Key32), VaultError> {
        let i = self.slot.index();
        let (id, secret) = new_secret(&self.env)?;
        let kek = derive_kek(&secret, pin_key)?;
        let old = header.secrets[i];
        header.secrets[i] = SlotSecret::Id(id);
        header.seal_slot(i, &kek, dek, flags)?;
        Ok((old, kek))
    }

    /// Moves this (format-v1) slot to its own new secret and writes a v2 header. A v1 filler
    /// slot 1 (no decoy) gets a filler secret; a v1 slot of the other space stays a legacy
    /// slot until its own PIN opens it. Returns the header as written.
    fn upgrade(&mut self, mut header: Header) -> Result<Header, VaultError> {
        let (old, kek) = self.reseal_own(&mut header, &self.pin_key, &self.dek, self.flags)?;
        if self.slot == Slot::Real
            && self.flags & FLAG_HAS_DECOY == 0
            && header.secrets[1] == SlotSecret::Legacy
        {
            let (filler, _) = new_secret(&self.env)?;
            header.clear_slot(1, filler)?;
        }
        self.env.meta.write_header(&header.encode())?;
        self.kek = kek;
        retire_secret(&self.env, old, &header);
        Ok(header)
    }

    /// Duress: slot 0 becomes random bytes under a fresh filler secret (header write = the
    /// commit point), the real slot's secret is destroyed, then every record the decoy does
    /// not own is purged.
    fn duress(&mut self, header: &mut Header) -> Result<(), VaultError> {
        let (filler, _) = new_secret(&self.env)?;
        let old_real = header.secrets[0];
        header.clear_slot(0, filler)?;
        let mut old_own = None;
        if header.secrets[1] == SlotSecret::Legacy {
            let (old, kek) = self.reseal_own(header, &self.pin_key, &self.dek, self.flags)?;
            self.kek = kek;
            old_own = Some(old);
        }
        self.env.meta.write_header(&header.encode())?;
        retire_secret(&self.env, old_real, header);
        if let Some(old) = old_own {
            retire_secret(&self.env, old, header);
        }
        self.purge_foreign(None)
    }

    /// Real vault only: changes the PIN. The slot gets a new slot secret (new header = the
    /// commit point, then the old secret is destroyed), so an old copy of the header opens
    /// nothing with the old PIN. The DEK is kept (records stay byte-identical; use
    /// [`Vault::rekey`] against someone who may have copied the old secret too).
    ///
    /// One KDF run. The new PIN is checked against the decoy slot so the two never collide;
    /// that check **always** counts as a wrong attempt for the backoff, match or not, and
    /// does not run while a delay is pending. A decoy session gets
    /// [`VaultError::NotAvailable`] (the decoy PIN is set from the real space).
    pub fn change_pin(&mut self, new_pin: &Pin) -> Result<(), VaultError> {
        if self.slot != Slot::Real {
            return Err(VaultError::NotAvailable);
        }
        let mut header = self.current_header()?;
        let (st_key, state) = check_backoff(&self.env, &header)?;
        let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, new_pin)?;
        record_failure(&self.env, &st_key, &state)?;
        let other = slot_kek(&self.env, &header, 1, &pin_key)?;
        if header.open_slot(1, &other).is_some() {
            return Err(VaultError::PinInUse);
        }
        let (old, kek) = self.reseal_own(&mut header, &pin_key, &self.dek, self.flags)?;
        self.env.meta.write_header(&header.encode())?;
        self.kek = kek;
        self.pin_key = pin_key;
        retire_secret(&self.env, old, &header);
        Ok(())
    }

    /// Re-key after a suspected compromise: a new DEK and a new slot secret, every record
    /// re-encrypted under the DEK, the old records deleted, the old secret destroyed. Neither
    /// an old copy of the header nor an old copy of the database opens any more.
    ///
    /// Crash-safe order: new secret, new records + new anchor (flushed), then the header
    /// (commit point), then deletion of the old records and the old secret. Refuses to run
    /// while records are damaged ([`VaultError::Damaged`]): purge them first.
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
        let (old, kek) = self.reseal_own(&mut header, &self.pin_key, &new_dek, self.flags)?;
        self.env.store.apply(puts)?;
        self.env.store.flush()?;
        self.env.meta.write_header(&header.encode())?;
        self.kek = kek;
        self.dek = new_dek;
        self.keys = new_keys;
        retire_secret(&self.env, old, &header);
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

    /// Real vault only: creates (or replaces) the decoy in slot 1 with its own PIN, a new
    /// slot secret and an empty record set; the previous decoy's secret is destroyed and its
    /// records deleted. One KDF run; the check that the decoy PIN differs from the real one
    /// counts as a wrong attempt, match or not. Put plausible content in it by unlocking
    /// with the decoy PIN.
    pub fn set_decoy(&mut self, decoy_pin: &Pin, duress: bool) -> Result<(), VaultError> {
        if self.slot != Slot::Real {
            return Err(VaultError::NotAvailable);
        }
        let mut header = self.current_header()?;
        let (st_key, state) = check_backoff(&self.env, &header)?;
        let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, decoy_pin)?;
        record_failure(&self.env, &st_key, &state)?;
        if pin_key == self.pin_key {
            return Err(VaultError::PinInUse);
        }
        let (decoy_id, decoy_secret) = new_secret(&self.env)?;
        let decoy_kek = derive_kek(&decoy_secret, &pin_key)?;
        let decoy_dek = Key32::random()?;
        let decoy_keys = RecordKeys::derive(&decoy_dek)?;
        self.env.store.apply(vec![anchor_op(&decoy_keys)?])?;
        self.env.store.flush()?;
        let decoy_flags = if duress { FLAG_DURESS } else { 0 };
        let flags = FLAG_HAS_DECOY | if duress { FLAG_DURESS_SET } else { 0 };
        let old = header.secrets[1];
        header.secrets[1] = SlotSecret::Id(decoy_id);
        header.seal_slot(1, &decoy_kek, &decoy_dek, decoy_flags)?;
        header.seal_slot(0, &self.kek, &self.dek, flags)?;
        self.env.meta.write_header(&header.encode())?;
        self.flags = flags;
        retire_secret(&self.env, old, &header);
        self.purge_foreign(Some(&decoy_keys))
    }

    /// Real vault only: turns the duress behaviour of the decoy PIN on or off. Needs the
    /// decoy PIN (one KDF run); testing it counts as a wrong attempt, right or wrong.
    pub fn set_duress(&mut self, decoy_pin: &Pin, enabled: bool) -> Result<(), VaultError> {
        if self.slot != Slot::Real || !self.has_decoy() {
            return Err(VaultError::NotAvailable);
        }
        let mut header = self.current_header()?;
        let (st_key, state) = check_backoff(&self.env, &header)?;
        let pin_key = crypto::pbkdf2_pin(header.kdf.iterations(), &header.salt, decoy_pin)?;
        record_failure(&self.env, &st_key, &state)?;
        let decoy_kek = slot_kek(&self.env, &header, 1, &pin_key)?;
        let Some(decoy) = header.open_slot(1, &decoy_kek) else {
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

    /// Real vault only: removes the decoy (slot 1 becomes random bytes under a new filler
    /// secret, the decoy's secret is destroyed and its records deleted).
    pub fn remove_decoy(&mut self) -> Result<(), VaultError> {
        if self.slot != Slot::Real {
            return Err(VaultError::NotAvailable);
        }
        let mut header = self.current_header()?;
        let (filler, _) = new_secret(&self.env)?;
        let old = header.secrets[1];
        header.clear_slot(1, filler)?;
        header.seal_slot(0, &self.kek, &self.dek, 0)?;
        self.env.meta.write_header(&header.encode())?;
        self.flags = 0;
        retire_secret(&self.env, old, &header);
        self.purge_foreign(None)
    }
}

#[cfg(test)]
mod tests;
