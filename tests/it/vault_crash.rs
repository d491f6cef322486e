//! Crash test: a child process writes records, flushing each and reporting it as acknowledged;
//! the parent kills it with SIGKILL at random moments, reopens the vault, and checks that the
//! store opens every time and every acknowledged record is there and authenticates.
//!
//! The child is this same test binary, re-run with `HAVEN_VAULT_CRASH_CHILD` set (one test
//! function plays both roles). 50 kills by default; set `HAVEN_VAULT_CRASH_ITERS=1000` for a
//! longer run.
//!
//! Second part: every secret rotation (change PIN, re-key, duress, set/remove decoy, v1
//! upgrade) is "killed" at each of its durable steps in turn — fault-injecting wrappers around
//! the store, the meta store and the secret store fail the k-th write and every write after
//! it, as a crash would — and a restart must then open the old state with the old PIN or the
//! new state with the new PIN, never neither.

use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use haven::core::clock::ManualClock;
use haven::core::crypto::{Key32, Pin};
use haven::core::vault::store::{
    BatchOp, Entry as RawEntry, MemMeta, MemSecrets, MemStore, MetaStore, RecordKey, SecretError,
    SecretId, SecretStore, Store, StoreError,
};
use haven::core::vault::{self, DecoySpec, Slot, VaultEnv, VaultError};
use haven::io::clock::SystemClock;
use haven::io::vault_files::VaultService;
use haven::platform::desktop::KeyFiles;

use crate::crash_support::{seed, spawn_child, Rng, Spawned};
use crate::vault_support::{kdf, pin};

const CHILD_ENV: &str = "HAVEN_VAULT_CRASH_CHILD";
const ROUND_ENV: &str = "HAVEN_VAULT_CRASH_ROUND";
const ITERS_ENV: &str = "HAVEN_VAULT_CRASH_ITERS";
const TEST_NAME: &str = "vault_crash::acknowledged_writes_survive_sigkill";
const PIN: &str = "246810";

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    round: u32,
    i: u32,
    payload: String,
}

fn entry(round: u32, i: u32) -> Entry {
    Entry {
        round,
        i,
        payload: "p".repeat(((round * 31 + i * 17) % 900) as usize),
    }
}

fn name(round: u32, i: u32) -> String {
    format!("r{round}/{i}")
}

/// The vault in `dir` with the real desktop key files (test KDF bounds).
fn service(dir: &std::path::Path) -> VaultService {
    VaultService::with_parts(dir, Arc::new(KeyFiles::new(dir)), Arc::new(SystemClock))
        .expect("open service")
}

/// Child role: create or unlock, then write, flush and acknowledge records until killed.
fn child(dir: &str) {
    let round: u32 = std::env::var(ROUND_ENV)
        .ok()
        .and_then(|r| r.parse().ok())
        .expect("round number");
    let svc = service(std::path::Path::new(dir));
    let v = if svc.exists() {
        svc.unlock(&pin(PIN)).expect("unlock in child").into_vault()
    } else {
        svc.create(&pin(PIN), None, kdf()).expect("create in child")
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "READY").expect("stdout");
    out.flush().expect("stdout");
    for i in 0..100_000 {
        v.put(&name(round, i), &entry(round, i)).expect("put");
        // put() returned: the record is flushed. Only now is it acknowledged.
        writeln!(out, "ACK {round} {i}").expect("stdout");
        out.flush().expect("stdout");
    }
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        child(&dir);
        return;
    }
    let iterations: u32 = std::env::var(ITERS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    assert!(iterations >= 1);
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut acked: Vec<(u32, u32)> = Vec::new();
    let mut kills_mid_write = 0;
    for round in 0..iterations {
        let Spawned {
            mut child,
            lines: rx,
            reader,
        } = spawn_child(
            TEST_NAME,
            &[
                (CHILD_ENV, dir.path().display().to_string()),
                (ROUND_ENV, round.to_string()),
            ],
        );
        // Kill after a random number of acknowledgements (0 = possibly before or during
        // setup), plus a random sub-write delay so the kill lands inside a write or fsync.
        let target = rng.next() % 25;
        let delay = Duration::from_micros(rng.next() % 4000);
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = 0u64;
        let mut lines = Vec::new();
        if target > 0 {
            while seen < target && Instant::now() < deadline {
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(l) => {
                        if l.starts_with("ACK ") {
                            seen += 1;
                        }
                        lines.push(l);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        }
        std::thread::sleep(delay);
        let still_running = child.try_wait().expect("try_wait").is_none();
        assert!(
            still_running || round == 0 && target == 0,
            "seed {seed:#x} round {round}: child exited on its own: {lines:?}"
        );
        child.kill().expect("SIGKILL"); // SIGKILL on Unix
        let status = child.wait().expect("wait");
        assert!(
            !status.success(),
            "seed {seed:#x} round {round}: child must die by the signal"
        );
        reader.join().expect("reader");
        lines.extend(rx.try_iter());
        let before = acked.len();
        for l in &lines {
            if let Some(rest) = l.strip_prefix("ACK ") {
                let mut it = rest.split(' ').map(|x| x.parse::<u32>().expect("number"));
                let (r, i) = (it.next().expect("round"), it.next().expect("index"));
                assert_eq!(r, round);
                acked.push((r, i));
            }
        }
        if acked.len() > before {
            kills_mid_write += 1;
        }

        // Reopen as a fresh process would: the store opens, every acknowledged record is
        // there and authenticates.
        let svc = service(dir.path());
        if !svc.exists() {
            assert!(
                acked.is_empty(),
                "seed {seed:#x}: vault vanished after acks"
            );
            continue;
        }
        let v = svc
            .unlock(&pin(PIN))
            .unwrap_or_else(|e| panic!("seed {seed:#x} round {round}: reopen failed: {e:?}"))
            .into_vault();
        // `list` authenticates every record (any damage is an error); every acknowledged
        // name must be among them, and this round's records must hold exactly what was put.
        let listed: std::collections::BTreeSet<String> = v
            .list()
            .unwrap_or_else(|e| panic!("seed {seed:#x} round {round}: list failed: {e:?}"))
            .into_iter()
            .collect();
        for &(r, i) in &acked {
            assert!(
                listed.contains(&name(r, i)),
                "seed {seed:#x}: r{r}/{i} lost"
            );
        }
        for &(r, i) in &acked[before..] {
            let got = v
                .get::<Entry>(&name(r, i))
                .unwrap_or_else(|e| panic!("seed {seed:#x}: r{r}/{i} unreadable: {e:?}"));
            assert_eq!(got, Some(entry(r, i)), "seed {seed:#x}: r{r}/{i} wrong");
        }
    }
    assert!(
        kills_mid_write * 2 >= iterations as usize,
        "too few rounds killed a writing child ({kills_mid_write} of {iterations})"
    );
    assert!(!acked.is_empty());
}

// ------------------------------------------------------------------ rotation crash points

/// Counts durable writes across the three stores; the `fail_at`-th and every later one fail.
struct Crash {
    writes: AtomicU32,
    fail_at: u32,
}

impl Crash {
    fn step(&self) -> bool {
        self.writes.fetch_add(1, Ordering::SeqCst) >= self.fail_at
    }
}

struct CStore(Arc<MemStore>, Arc<Crash>);
struct CMeta(Arc<MemMeta>, Arc<Crash>);
struct CSecrets(Arc<MemSecrets>, Arc<Crash>);

const DOWN: StoreError = StoreError::Io(std::io::ErrorKind::Other);
const SDOWN: SecretError = SecretError::Io(std::io::ErrorKind::Other);

impl Store for CStore {
    fn get(&self, key: &RecordKey) -> Result<Option<Vec<u8>>, StoreError> {
        self.0.get(key)
    }
    fn put(&self, key: &RecordKey, value: &[u8]) -> Result<(), StoreError> {
        if self.1.step() {
            return Err(DOWN);
        }
        self.0.put(key, value)
    }
    fn delete(&self, key: &RecordKey) -> Result<(), StoreError> {
        if self.1.step() {
            return Err(DOWN);
        }
        self.0.delete(key)
    }
    fn apply(&self, ops: Vec<BatchOp>) -> Result<(), StoreError> {
        if self.1.step() {
            return Err(DOWN);
        }
        self.0.apply(ops)
    }
    fn entries(&self) -> Result<Vec<RawEntry>, StoreError> {
        self.0.entries()
    }
    fn flush(&self) -> Result<(), StoreError> {
        self.0.flush()
    }
}

impl MetaStore for CMeta {
    fn read_header(&self) -> Result<Option<Vec<u8>>, StoreError> {
        self.0.read_header()
    }
    fn write_header(&self, bytes: &[u8]) -> Result<(), StoreError> {
        if self.1.step() {
            return Err(DOWN);
        }
        self.0.write_header(bytes)
    }
    fn read_attempts(&self) -> Result<Option<Vec<u8>>, StoreError> {
        self.0.read_attempts()
    }
    fn write_attempts(&self, bytes: &[u8]) -> Result<(), StoreError> {
        if self.1.step() {
            return Err(DOWN);
        }
        self.0.write_attempts(bytes)
    }
}

impl SecretStore for CSecrets {
    fn create(&self, id: &SecretId) -> Result<Key32, SecretError> {
        if self.1.step() {
            return Err(SDOWN);
        }
        self.0.create(id)
    }
    fn load(&self, id: &SecretId) -> Result<Option<Key32>, SecretError> {
        self.0.load(id)
    }
    fn destroy(&self, id: &SecretId) -> Result<(), SecretError> {
        if self.1.step() {
            return Err(SDOWN);
        }
        self.0.destroy(id)
    }
    fn list(&self) -> Result<Vec<SecretId>, SecretError> {
        self.0.list()
    }
    fn load_legacy(&self) -> Result<Option<Key32>, SecretError> {
        self.0.load_legacy()
    }
    fn destroy_legacy(&self) -> Result<(), SecretError> {
        if self.1.step() {
            return Err(SDOWN);
        }
        self.0.destroy_legacy()
    }
}

#[derive(Clone)]
struct Parts {
    store: Arc<MemStore>,
    meta: Arc<MemMeta>,
    secrets: Arc<MemSecrets>,
    clock: Arc<ManualClock>,
}

impl Parts {
    fn new() -> Self {
        Self {
            store: Arc::new(MemStore::new()),
            meta: Arc::new(MemMeta::new()),
            secrets: Arc::new(MemSecrets::new()),
            clock: Arc::new(ManualClock::new(1_700_000_000)),
        }
    }
    /// A fresh process over the same durable state.
    fn env(&self) -> VaultEnv {
        VaultEnv::new(
            self.store.clone(),
            self.meta.clone(),
            self.secrets.clone(),
            self.clock.clone(),
        )
        .insecure_for_tests()
    }
    /// An env whose writes crash from the `fail_at`-th on.
    fn crashing(&self, fail_at: u32) -> (VaultEnv, Arc<Crash>) {
        let c = Arc::new(Crash {
            writes: AtomicU32::new(0),
            fail_at,
        });
        let env = VaultEnv::new(
            Arc::new(CStore(self.store.clone(), c.clone())),
            Arc::new(CMeta(self.meta.clone(), c.clone())),
            Arc::new(CSecrets(self.secrets.clone(), c.clone())),
            self.clock.clone(),
        )
        .insecure_for_tests();
        (env, c)
    }
    fn deep_copy(&self) -> Self {
        let p = Parts::new();
        for (k, v) in self.store.entries().unwrap() {
            p.store.raw_insert(&k, &v);
        }
        p.meta.set_raw_header(self.meta.read_header().unwrap());
        if let Some(a) = self.meta.read_attempts().unwrap() {
            p.meta.write_attempts(&a).unwrap();
        }
        for id in self.secrets.list().unwrap() {
            p.secrets
                .insert(id, self.secrets.load(&id).unwrap().unwrap());
        }
        p.secrets.set_legacy(self.secrets.load_legacy().unwrap());
        p
    }
}

fn p(s: &str) -> Pin {
    Pin::from_str_copy(s).unwrap()
}

/// What opens after the restart: (slot, names) for `pin`, or the error.
fn opens(parts: &Parts, pin: &str) -> Result<(Slot, Vec<String>), VaultError> {
    parts.clock.advance_monotonic(Duration::from_secs(7200));
    let v = vault::unlock(&parts.env(), &p(pin))?;
    let slot = v.slot();
    let names = v.into_vault().list()?;
    Ok((slot, names))
}

type Op = fn(&VaultEnv) -> Result<(), VaultError>;

/// Runs `op` with a crash at every write in turn until it completes, and after each crash
/// checks `check(restarted parts, completed)`. Returns how many crash points were tried.
fn every_crash_point(setup: fn() -> Parts, op: Op, check: &dyn Fn(&Parts, bool)) -> u32 {
    for k in 0..200 {
        let parts = setup().deep_copy();
        let (env, crash) = parts.crashing(k);
        let done = op(&env).is_ok() && crash.writes.load(Ordering::SeqCst) <= k;
        check(&parts, done);
        if done {
            return k;
        }
    }
    panic!("operation never completed");
}

fn real_with_records(decoy: Option<(&str, bool)>) -> Parts {
    let parts = Parts::new();
    let spec = decoy.map(|(pin, duress)| DecoySpec {
        pin: p(pin),
        duress,
    });
    let v = vault::create(&parts.env(), kdf(), &p("111111"), spec.as_ref()).unwrap();
    v.put("plan", &"real").unwrap();
    v.put("contacts", &"real").unwrap();
    drop(v);
    if decoy.is_some() {
        let d = vault::unlock(&parts.env(), &p("222222"))
            .unwrap()
            .into_vault();
        d.put("groceries", &"decoy").unwrap();
    }
    parts
}

fn real_names() -> Vec<String> {
    vec!["contacts".to_string(), "plan".to_string()]
}

#[test]
fn change_pin_crash_at_every_step_opens_old_or_new() {
    fn setup() -> Parts {
        real_with_records(Some(("222222", false)))
    }
    fn op(env: &VaultEnv) -> Result<(), VaultError> {
        vault::unlock(env, &p("111111"))?
            .into_vault()
            .change_pin(&p("333333"))
    }
    let n = every_crash_point(setup, op, &|parts, done| {
        let old = opens(parts, "111111");
        let new = opens(parts, "333333");
        let ok_old = old == Ok((Slot::Real, real_names()));
        let ok_new = new == Ok((Slot::Real, real_names()));
        assert!(ok_old ^ ok_new, "old {old:?} new {new:?}");
        if done {
            assert!(ok_new);
        }
        // The decoy is never harmed, and after the restart's unlock at most two secrets exist.
        assert_eq!(opens(parts, "222222").unwrap().0, Slot::Decoy);
        assert_eq!(parts.secrets.count(), 2);
    });
    assert!(n >= 3, "{n} crash points");
}

#[test]
fn rekey_crash_at_every_step_opens_old_or_new() {
    fn setup() -> Parts {
        real_with_records(None)
    }
    fn op(env: &VaultEnv) -> Result<(), VaultError> {
        vault::unlock(env, &p("111111"))?.into_vault().rekey()
    }
    every_crash_point(setup, op, &|parts, _| {
        assert_eq!(opens(parts, "111111"), Ok((Slot::Real, real_names())));
        assert_eq!(parts.secrets.count(), 2);
    });
}

#[test]
fn duress_crash_at_every_step_never_leaves_neither() {
    fn setup() -> Parts {
        real_with_records(Some(("222222", true)))
    }
    fn op(env: &VaultEnv) -> Result<(), VaultError> {
        vault::unlock(env, &p("222222")).map(drop)
    }
    every_crash_point(setup, op, &|parts, done| {
        let real = opens(parts, "111111");
        if done {
            assert_eq!(real, Err(VaultError::WrongPin));
        } else {
            // Either the duress had not committed (the real space still opens) or it had.
            assert!(real == Ok((Slot::Real, real_names())) || real == Err(VaultError::WrongPin));
        }
        // The decoy always opens (re-running duress if it had not committed).
        let d = opens(parts, "222222").unwrap();
        assert_eq!(d, (Slot::Decoy, vec!["groceries".to_string()]));
        assert_eq!(opens(parts, "111111"), Err(VaultError::WrongPin));
        assert_eq!(parts.secrets.count(), 2);
    });
}

#[test]
fn set_and_remove_decoy_crash_at_every_step_opens_old_or_new() {
    fn setup() -> Parts {
        real_with_records(Some(("222222", false)))
    }
    fn set(env: &VaultEnv) -> Result<(), VaultError> {
        vault::unlock(env, &p("111111"))?
            .into_vault()
            .set_decoy(&p("444444"), false)
    }
    fn remove(env: &VaultEnv) -> Result<(), VaultError> {
        vault::unlock(env, &p("111111"))?
            .into_vault()
            .remove_decoy()
    }
    every_crash_point(setup, set, &|parts, done| {
        assert_eq!(opens(parts, "111111"), Ok((Slot::Real, real_names())));
        let old = opens(parts, "222222").map(|o| o.0);
        let new = opens(parts, "444444").map(|o| o.0);
        assert!(
            (old == Ok(Slot::Decoy)) ^ (new == Ok(Slot::Decoy)),
            "old {old:?} new {new:?}"
        );
        if done {
            assert_eq!(new, Ok(Slot::Decoy));
        }
        assert_eq!(parts.secrets.count(), 2);
    });
    every_crash_point(setup, remove, &|parts, done| {
        assert_eq!(opens(parts, "111111"), Ok((Slot::Real, real_names())));
        let d = opens(parts, "222222");
        if done {
            assert_eq!(d, Err(VaultError::WrongPin));
        }
        assert_eq!(parts.secrets.count(), 2);
    });
}
