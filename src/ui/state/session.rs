//! The unlocked vault, shared with background tasks. The vault sits behind a mutex that
//! only the blocking pool takes ([`Session::run`]); what a render needs (slot, second PIN,
//! duress) is cached here, so the UI thread never waits for a PIN change or a re-key.

use crate::core::vault::{Slot, Vault, VaultError};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Flags read by renders without touching the vault.
#[derive(Default)]
struct Flags {
    closed: AtomicBool,
    has_decoy: AtomicBool,
    duress: AtomicBool,
}

/// The unlocked vault. Closing takes the vault out and drops it (zeroizing its keys) even
/// if a task still holds a clone of the handle.
#[derive(Clone)]
pub struct Session {
    vault: Arc<Mutex<Option<Vault>>>,
    flags: Arc<Flags>,
    /// Real or decoy: used only where behaviour must differ (never shown).
    pub slot: Slot,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.vault, &other.vault)
    }
}

impl Session {
    /// Wrap an unlocked vault (reads only in-memory header flags).
    pub fn new(vault: Vault) -> Self {
        let slot = vault.slot();
        let flags = Flags::default();
        flags.has_decoy.store(vault.has_decoy(), Ordering::SeqCst);
        flags.duress.store(vault.duress_enabled(), Ordering::SeqCst);
        Session {
            vault: Arc::new(Mutex::new(Some(vault))),
            flags: Arc::new(flags),
            slot,
        }
    }

    fn is_closed(&self) -> bool {
        self.flags.closed.load(Ordering::SeqCst)
    }

    /// Run `f` with the vault on the blocking pool. `Err(Closed)` after the session was
    /// closed, or if the task panicked or was cancelled; if the session is closed while
    /// `f` runs, the vault is dropped as soon as `f` returns. The returned future owns
    /// everything it needs, so it may outlive the component that started it.
    pub fn run<R, F>(&self, f: F) -> impl Future<Output = Result<R, VaultError>> + 'static
    where
        R: Send + 'static,
        F: FnOnce(&mut Vault) -> Result<R, VaultError> + Send + 'static,
    {
        let session = self.clone();
        async move {
            tokio::task::spawn_blocking(move || session.with(f))
                .await
                .unwrap_or(Err(VaultError::Closed))
        }
    }

    /// Run `f` with the vault, blocking until the vault is free. Only for the blocking pool
    /// (through [`Session::run`]) and this crate's blocking flows: never on the UI thread
    /// (a debug build panics there).
    pub(crate) fn with<R>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<R, VaultError>,
    ) -> Result<R, VaultError> {
        debug_assert!(
            dioxus::dioxus_core::Runtime::try_current().is_none(),
            "the vault mutex was taken on the UI thread"
        );
        let mut guard = self.vault.lock().unwrap_or_else(|e| e.into_inner());
        if self.is_closed() {
            drop(guard.take());
            return Err(VaultError::Closed);
        }
        let result = match guard.as_mut() {
            Some(v) => {
                let r = f(v);
                self.flags.has_decoy.store(v.has_decoy(), Ordering::SeqCst);
                self.flags
                    .duress
                    .store(v.duress_enabled(), Ordering::SeqCst);
                r
            }
            None => Err(VaultError::Closed),
        };
        if self.is_closed() {
            drop(guard.take());
        }
        result
    }

    /// Drop the vault and every key in it. Never waits: if a background task is using the
    /// vault (a PIN change, a re-key), the task drops it the moment it finishes, so a quick
    /// exit never stalls the UI thread.
    pub fn close(&self) {
        self.flags.closed.store(true, Ordering::SeqCst);
        match self.vault.try_lock() {
            Ok(mut guard) => drop(guard.take()),
            Err(std::sync::TryLockError::Poisoned(p)) => drop(p.into_inner().take()),
            Err(std::sync::TryLockError::WouldBlock) => {}
        }
    }

    /// True while the vault is open. Never waits: a vault busy in a background task counts
    /// as open until it is closed.
    pub fn is_open(&self) -> bool {
        if self.is_closed() {
            return false;
        }
        match self.vault.try_lock() {
            Ok(g) => g.is_some(),
            Err(std::sync::TryLockError::Poisoned(_)) => false,
            Err(std::sync::TryLockError::WouldBlock) => true,
        }
    }

    /// Real vault: whether a second PIN is set (cached; updated after every vault call).
    pub fn has_decoy(&self) -> bool {
        self.flags.has_decoy.load(Ordering::SeqCst)
    }

    /// Real vault: whether the second PIN also erases (cached like [`Session::has_decoy`]).
    pub fn duress_enabled(&self) -> bool {
        self.flags.duress.load(Ordering::SeqCst)
    }

    /// A handle that only tells whether the vault still exists (tests prove a lock dropped
    /// it).
    pub(crate) fn weak(&self) -> std::sync::Weak<Mutex<Option<Vault>>> {
        Arc::downgrade(&self.vault)
    }
}
