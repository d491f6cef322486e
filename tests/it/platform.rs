//! The platform seam on the desktop: data directory, device secret, share, links, lifecycle
//! events, window-loop events, and the hardware-wrapped key file (with a software wrapper
//! standing in for the Android Keystore, checked against an independent vector).

use std::fs;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use haven::core::crypto::Key32;
use haven::platform::wrapped::{
    decode_wrapped, encode_wrapped, KeyWrapper, WrapError, WrappedKeyFiles, KEYSTORE_ALIAS,
    SEALED_LEN, WRAPPED_FILE, WRAPPED_LEN, WRAP_AAD, WRAP_VERSION,
};
use haven::platform::{
    self, lifecycle_code, DeviceSecret, DeviceSecretError, PlatformError, PlatformEvent, SecretId,
    ShareOutcome,
};
use proptest::prelude::*;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use std::collections::HashMap;
use tokio::sync::broadcast;

// ---------------------------------------------------------------- data directory

#[test]
fn desktop_data_dir_follows_xdg_then_home() {
    use std::ffi::OsString;
    use std::path::PathBuf;
    let d = |x: Option<&str>, h: Option<&str>| {
        platform::desktop_data_dir(x.map(OsString::from), h.map(OsString::from))
    };
    assert_eq!(
        d(Some("/x/share"), Some("/home/u")),
        PathBuf::from("/x/share/calc")
    );
    // A relative or empty XDG_DATA_HOME is invalid per the XDG spec and ignored.
    assert_eq!(
        d(Some("rel/share"), Some("/home/u")),
        PathBuf::from("/home/u/.local/share/calc")
    );
    assert_eq!(
        d(Some(""), Some("/home/u")),
        PathBuf::from("/home/u/.local/share/calc")
    );
    assert_eq!(
        d(None, Some("/home/u")),
        PathBuf::from("/home/u/.local/share/calc")
    );
    assert_eq!(d(None, None), std::env::temp_dir().join("calc"));
    assert_eq!(d(None, Some("")), std::env::temp_dir().join("calc"));
}

#[test]
fn data_dir_has_a_neutral_name() {
    let dir = platform::data_dir();
    assert_eq!(dir.file_name().and_then(|n| n.to_str()), Some("calc"));
    assert_eq!(platform::DATA_DIR_NAME, "calc");
    assert!(dir.is_absolute());
}

// ---------------------------------------------------------------- device secret

fn id() -> SecretId {
    SecretId::random().unwrap()
}

#[test]
fn desktop_slot_secrets_are_key_files_named_by_id_next_to_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let secret = platform::device_secret_in(dir.path());
    let (a, b) = (id(), id());
    assert!(secret.load(&a).unwrap().is_none());
    let key = secret.create(&a).unwrap();
    assert_eq!(secret.create(&a).unwrap_err(), DeviceSecretError::Exists);
    assert!(secret.load(&a).unwrap().unwrap() == key);
    let other = secret.create(&b).unwrap();
    assert!(other != key);
    let file = dir.path().join(a.to_hex());
    assert_eq!(fs::read(&file).unwrap().len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let mut ids = secret.list().unwrap();
    ids.sort();
    let mut want = vec![a, b];
    want.sort();
    assert_eq!(ids, want);
    // A second handle on the same directory sees the same secret.
    assert!(
        platform::device_secret_in(dir.path())
            .load(&a)
            .unwrap()
            .unwrap()
            == key
    );
    // Destroying one leaves the other.
    secret.destroy(&a).unwrap();
    assert!(!file.exists());
    assert!(secret.load(&a).unwrap().is_none());
    assert!(secret.load(&b).unwrap().unwrap() == other);
    assert_eq!(secret.list().unwrap(), vec![b]);
    // The v1 key file is the legacy secret.
    fs::write(dir.path().join(platform::DESKTOP_KEY_FILE), [6u8; 32]).unwrap();
    assert!(secret.load_legacy().unwrap().unwrap() == Key32::from_bytes([6u8; 32]));
    secret.destroy_legacy().unwrap();
    assert!(!dir.path().join(platform::DESKTOP_KEY_FILE).exists());
}

#[test]
fn desktop_key_file_name_matches_the_vault_layout() {
    assert_eq!(platform::DESKTOP_KEY_FILE, haven::io::vault_files::KEY_FILE);
}

// ---------------------------------------------------------------- share

#[test]
fn share_on_desktop_is_unsupported_so_the_ui_shows_its_copy_box() {
    assert_eq!(
        platform::share_text("National hotline 1-800-799-7233"),
        Ok(ShareOutcome::Unsupported)
    );
    assert_eq!(platform::share_text(""), Ok(ShareOutcome::Unsupported));
    let long = "x".repeat(platform::MAX_SHARE_CHARS + 1);
    assert_eq!(platform::share_text(&long), Err(PlatformError::TooLong));
    let limit = "é".repeat(platform::MAX_SHARE_CHARS);
    assert_eq!(platform::share_text(&limit), Ok(ShareOutcome::Unsupported));
}

#[test]
fn a_shared_file_name_must_be_plain_and_is_never_echoed() {
    for good in ["records-2026-11-29.zip", "a", "x_1.Y-2", &"n".repeat(64)] {
        assert_eq!(platform::outgoing_file_name(good), Ok(good), "{good}");
    }
    for bad in [
        "",
        ".zip",
        "../records.zip",
        "dir/records.zip",
        "dir\\records.zip",
        "records 1.zip",
        "récords.zip",
        "records.zip\n",
        "records\0.zip",
        &"n".repeat(65),
    ] {
        let err = platform::outgoing_file_name(bad).unwrap_err();
        assert_eq!(err, PlatformError::BadName, "{bad:?}");
        if bad.len() > 3 {
            assert!(!err.to_string().contains(bad), "the error repeats the name");
        }
        // Checked before any platform code runs.
        assert_eq!(
            platform::share_file(bad, "application/zip", b"PK"),
            Err(PlatformError::BadName)
        );
    }
    // The desktop hands files over through its save dialog, not a share sheet.
    assert_eq!(
        platform::share_file("records-2026-11-29.zip", "application/zip", b"PK"),
        Ok(platform::FileOutcome::Unsupported)
    );
    // Nothing is held for a share here, so forgetting and sweeping are no-ops.
    platform::forget_shared_files();
    platform::sweep_shared_files();
}

proptest! {
    /// Every export name the evidence log can make, for any clock, is accepted by the share
    /// sheet path (a refused name would make export fail on phones).
    #[test]
    fn every_export_file_name_can_be_shared(now in any::<i64>()) {
        let name = haven::core::evidence::export_file_name(now);
        prop_assert_eq!(platform::outgoing_file_name(&name), Ok(name.as_str()));
    }
}

// ---------------------------------------------------------------- links

/// A link with the app's own scheme: `<LINK_SCHEME>://<rest>`.
fn app(rest: &str) -> String {
    format!("{}://{rest}", platform::LINK_SCHEME)
}

#[test]
fn only_our_links_are_accepted() {
    let host = platform::LINK_HOST;
    for ok in [
        app("r#AQAB"),
        app("r"),
        format!("https://{host}/r#AQAB"),
        format!("https://{host}/r/x?y#z"),
        format!("HTTPS://{}/r#AQAB", host.to_uppercase()),
    ] {
        assert!(platform::is_app_link(&ok), "{ok}");
    }
    for bad in [
        String::new(),
        platform::LINK_SCHEME.to_string(),
        // The project's name is not a scheme the app claims.
        "haven://r#AQAB".to_string(),
        "r#AQAB".to_string(),
        format!("http://{host}/r#AQAB"),
        format!("https://{host}:8443/r#AQAB"),
        format!("https://{host}/other#AQAB"),
        format!("https://{host}.evil.test/r#AQAB"),
        format!("https://evil.test/r?{host}#AQAB"),
        format!("https://user@evil.test/r#{host}"),
        "javascript:alert(1)".to_string(),
        format!("intent://r#Intent;scheme={};end", platform::LINK_SCHEME),
        "file:///data/data/x/files/calc/cfg.bin".to_string(),
        app(&format!("r#{}", "A".repeat(5000))),
    ] {
        assert!(!platform::is_app_link(&bad), "{bad}");
    }
    let at_limit = app(&format!("r#{}", "A".repeat(4096 - app("r#").len())));
    assert!(platform::is_app_link(&at_limit));
    assert!(!platform::is_app_link(&format!("{at_limit}A")));
}

#[test]
fn link_constants_agree_with_the_link_codec() {
    let base = haven::core::link::APP_BASE;
    assert!(base.starts_with(&format!("{}://", platform::LINK_SCHEME)));
    assert!(platform::is_app_link(base));
}

/// Waits for the first `OpenLink` equal to `want`, skipping other tests' events.
fn saw_link(rx: &mut broadcast::Receiver<PlatformEvent>, want: &str) -> bool {
    loop {
        match rx.try_recv() {
            Ok(PlatformEvent::OpenLink(l)) if l == want => return true,
            Ok(_) | Err(broadcast::error::TryRecvError::Lagged(_)) => continue,
            Err(_) => return false,
        }
    }
}

/// `take_pending_link` and `deliver_link` share one slot: tests that use it take turns.
static PENDING: Mutex<()> = Mutex::new(());

#[test]
fn a_link_reaches_a_listening_ui_as_an_event() {
    let _turn = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let (tx, mut rx) = broadcast::channel(8);
    assert!(platform::deliver_link_to(&tx, &app("r#listening")));
    assert_eq!(
        rx.try_recv().unwrap(),
        PlatformEvent::OpenLink(app("r#listening"))
    );
    assert_eq!(platform::take_pending_link(), None);

    // The app-wide channel works the same way.
    let mut global = platform::events().subscribe();
    assert!(platform::deliver_link(&app("r#global-listening")));
    assert!(saw_link(&mut global, &app("r#global-listening")));
    assert_eq!(platform::take_pending_link(), None);
}

#[test]
fn a_link_before_the_ui_listens_is_kept_for_it() {
    let _turn = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let (tx, rx) = broadcast::channel::<PlatformEvent>(8);
    drop(rx); // cold start: nobody subscribed yet
    assert!(platform::deliver_link_to(&tx, &app("r#first")));
    assert!(platform::deliver_link_to(&tx, &app("r#second")));
    assert_eq!(
        platform::take_pending_link().as_deref(),
        Some(app("r#second").as_str())
    );
    assert_eq!(platform::take_pending_link(), None);
}

#[test]
fn foreign_links_are_dropped_without_an_event() {
    let _turn = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let (tx, mut rx) = broadcast::channel(8);
    assert!(!platform::deliver_link_to(&tx, "https://evil.test/r#AQAB"));
    assert!(rx.try_recv().is_err());
    drop(rx);
    assert!(!platform::deliver_link_to(&tx, "javascript:alert(1)"));
    assert_eq!(platform::take_pending_link(), None);
}

#[test]
fn an_opened_url_from_the_window_loop_is_delivered() {
    use dioxus::desktop::tao::event::Event;
    let _turn = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let mut rx = platform::events().subscribe();
    let urls = vec![
        url::Url::parse(&app("r#opened")).unwrap(),
        url::Url::parse("https://evil.test/r#opened-evil").unwrap(),
    ];
    let ev: Event<'static, ()> = Event::Opened { urls };
    platform::handle_os_event(&ev);
    assert!(saw_link(&mut rx, &app("r#opened")));
    let mut rx = platform::events().subscribe();
    let ev: Event<'static, ()> = Event::Opened {
        urls: vec![url::Url::parse("https://evil.test/r#opened-evil").unwrap()],
    };
    platform::handle_os_event(&ev);
    assert!(!saw_link(&mut rx, "https://evil.test/r#opened-evil"));
}

proptest! {
    #[test]
    fn link_checks_never_panic(s in ".{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = platform::is_app_link(&s);
        let _ = platform::is_app_link(&String::from_utf8_lossy(&bytes));
        let _ = platform::is_app_link(&app(&s));
        let _ = platform::is_app_link(&format!("https://{}/{s}", platform::LINK_HOST));
    }
}

// ---------------------------------------------------------------- lifecycle

#[test]
fn lifecycle_codes_map_to_lock_events() {
    assert_eq!(
        platform::lifecycle_event(lifecycle_code::BACKGROUND),
        Some(PlatformEvent::Background)
    );
    assert_eq!(
        platform::lifecycle_event(lifecycle_code::SCREEN_OFF),
        Some(PlatformEvent::ScreenOff)
    );
    assert_eq!(
        platform::lifecycle_event(lifecycle_code::FOREGROUND),
        Some(PlatformEvent::Foreground)
    );
    for unknown in [0, 4, -1, i32::MAX, i32::MIN] {
        assert_eq!(platform::lifecycle_event(unknown), None);
        assert!(!platform::report_lifecycle(unknown));
    }
}

#[test]
fn a_simulated_background_reaches_the_event_channel() {
    let mut rx = platform::events().subscribe();
    assert!(platform::report_lifecycle(lifecycle_code::BACKGROUND));
    assert!(platform::report_lifecycle(lifecycle_code::SCREEN_OFF));
    let mut seen = Vec::new();
    while let Ok(ev) = rx.try_recv() {
        seen.push(ev);
    }
    assert!(seen.contains(&PlatformEvent::Background), "{seen:?}");
    assert!(seen.contains(&PlatformEvent::ScreenOff), "{seen:?}");
}

// ---------------------------------------------------------------- hardware-wrapped key file

/// AES-256-GCM in software, doing what `KeystoreBridge.kt` does with the hardware key.
#[derive(Default)]
struct SoftKeystore {
    keys: Mutex<HashMap<String, [u8; 32]>>,
    fixed: Option<([u8; 32], [u8; 12])>,
    fail_wrap: bool,
    deletes: AtomicUsize,
}

#[derive(Clone)]
struct Soft(Arc<SoftKeystore>);

impl KeyWrapper for Soft {
    fn wrap(&self, alias: &str, secret: &Key32) -> Result<Vec<u8>, WrapError> {
        if self.0.fail_wrap {
            return Err(WrapError::Unavailable);
        }
        let mut keys = self.0.keys.lock().unwrap();
        let (key, nonce) = match self.0.fixed {
            Some((k, n)) => (k, n),
            None => {
                let k = keys
                    .get(alias)
                    .copied()
                    .unwrap_or_else(|| haven::core::crypto::random_array().unwrap());
                (k, haven::core::crypto::random_array().unwrap())
            }
        };
        keys.insert(alias.to_string(), key);
        let sealing = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap());
        let mut buf = secret.expose_secret().to_vec();
        sealing
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(WRAP_AAD),
                &mut buf,
            )
            .unwrap();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        Ok(out)
    }

    fn unwrap(&self, alias: &str, sealed: &[u8]) -> Result<Key32, WrapError> {
        let key = *self
            .0
            .keys
            .lock()
            .unwrap()
            .get(alias)
            .ok_or(WrapError::NoKey)?;
        let (nonce, ct) = sealed.split_at(12);
        let opening = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap());
        let mut buf = ct.to_vec();
        let plain = opening
            .open_in_place(
                Nonce::try_assume_unique_for_key(nonce).unwrap(),
                Aad::from(WRAP_AAD),
                &mut buf,
            )
            .map_err(|_| WrapError::Rejected)?;
        Key32::from_slice(plain).map_err(|_| WrapError::Rejected)
    }

    fn delete_key(&self, alias: &str) -> Result<(), WrapError> {
        self.0.deletes.fetch_add(1, Ordering::SeqCst);
        self.0.keys.lock().unwrap().remove(alias);
        Ok(())
    }
}

fn soft() -> (Soft, Arc<SoftKeystore>) {
    let ks = Arc::new(SoftKeystore::default());
    (Soft(ks.clone()), ks)
}

fn vector() -> Vec<u8> {
    let text = include_str!("../data/platform/wrapped_v1.hex");
    let hex: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<String>()
        .trim()
        .to_string();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn wrapped_key_files_lifecycle_one_hardware_key_per_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (w, ks) = soft();
    let files = WrappedKeyFiles::new(dir.path(), w.clone());
    let (a, b) = (id(), id());
    assert!(files.load(&a).unwrap().is_none());
    let key = files.create(&a).unwrap();
    assert_eq!(files.create(&a).unwrap_err(), DeviceSecretError::Exists);
    assert!(files.load(&a).unwrap().unwrap() == key);
    let key_b = files.create(&b).unwrap();
    // One hardware key per secret, named by the id.
    {
        let keys = ks.keys.lock().unwrap();
        assert!(keys.contains_key(&a.to_hex()) && keys.contains_key(&b.to_hex()));
        assert_eq!(keys.len(), 2);
    }

    // On disk: only the wrapped form, never the secret.
    let bytes = fs::read(files.path_of(&a)).unwrap();
    assert_eq!(bytes.len(), WRAPPED_LEN);
    assert_eq!(bytes[0], WRAP_VERSION);
    assert!(!bytes
        .windows(32)
        .any(|w| w == key.expose_secret().as_slice()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(files.path_of(&a))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // No temp file left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    assert_eq!(files.list().unwrap().len(), 2);

    // Destroy deletes that secret's hardware key, then its file; the other stays.
    files.destroy(&a).unwrap();
    assert_eq!(ks.deletes.load(Ordering::SeqCst), 1);
    assert!(!ks.keys.lock().unwrap().contains_key(&a.to_hex()));
    assert!(!files.path_of(&a).exists());
    assert!(files.load(&a).unwrap().is_none());
    assert!(files.load(&b).unwrap().unwrap() == key_b);
    files.destroy(&a).unwrap();
}

#[test]
fn a_copied_wrapped_file_is_useless_without_the_hardware_key() {
    let dir = tempfile::tempdir().unwrap();
    let (w, _) = soft();
    let files = WrappedKeyFiles::new(dir.path(), w);
    let a = id();
    files.create(&a).unwrap();
    // Another phone: same file, a different hardware key under the same alias.
    let (other, other_ks) = soft();
    other_ks.keys.lock().unwrap().insert(a.to_hex(), [7u8; 32]);
    let copy = WrappedKeyFiles::new(dir.path(), other);
    assert_eq!(copy.load(&a).unwrap_err(), DeviceSecretError::Corrupt);
    // This phone after its hardware key was deleted: the file alone opens nothing.
    let (gone, _) = soft();
    let after_wipe = WrappedKeyFiles::new(dir.path(), gone);
    assert_eq!(after_wipe.load(&a).unwrap_err(), DeviceSecretError::Corrupt);
}

#[test]
fn damaged_wrapped_files_are_corrupt_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let (w, _) = soft();
    let files = WrappedKeyFiles::new(dir.path(), w);
    let a = id();
    files.create(&a).unwrap();
    let path = files.path_of(&a);
    let good = fs::read(&path).unwrap();
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0x01;
        fs::write(&path, &bad).unwrap();
        assert_eq!(
            files.load(&a).unwrap_err(),
            DeviceSecretError::Corrupt,
            "byte {i}"
        );
    }
    for len in [0, 1, WRAPPED_LEN - 1, WRAPPED_LEN + 1, 1 << 20] {
        let mut bad = good.clone();
        bad.resize(len, 0xAA);
        fs::write(&path, &bad).unwrap();
        assert_eq!(
            files.load(&a).unwrap_err(),
            DeviceSecretError::Corrupt,
            "len {len}"
        );
    }
}

#[test]
fn a_keystore_failure_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let ks = Arc::new(SoftKeystore {
        fail_wrap: true,
        ..Default::default()
    });
    let files = WrappedKeyFiles::new(dir.path(), Soft(ks));
    assert_eq!(
        files.create(&id()).unwrap_err(),
        DeviceSecretError::Io(std::io::ErrorKind::Unsupported)
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn wrapped_format_v1_matches_the_independent_vector_as_the_legacy_secret() {
    let blob = vector();
    assert_eq!(blob.len(), WRAPPED_LEN);
    let sealed = decode_wrapped(&blob).unwrap();
    assert_eq!(sealed.len(), SEALED_LEN);
    assert_eq!(encode_wrapped(sealed).unwrap().as_slice(), blob.as_slice());

    let key: [u8; 32] = std::array::from_fn(|i| i as u8);
    let nonce: [u8; 12] = std::array::from_fn(|i| 0xa0 + i as u8);
    let secret: [u8; 32] = std::array::from_fn(|i| 0x40 + i as u8);
    let ks = Arc::new(SoftKeystore {
        fixed: Some((key, nonce)),
        ..Default::default()
    });
    let w = Soft(ks.clone());
    // The software stand-in produces exactly the vector...
    let made = w.wrap(KEYSTORE_ALIAS, &Key32::from_bytes(secret)).unwrap();
    assert_eq!(encode_wrapped(&made).unwrap().as_slice(), blob.as_slice());
    // ...and the file code reads the v1 file (kw.bin, alias "k1") back as the legacy secret.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(WRAPPED_FILE), &blob).unwrap();
    let files = WrappedKeyFiles::new(dir.path(), w);
    assert!(files.load_legacy().unwrap().unwrap() == Key32::from_bytes(secret));
    assert!(files.list().unwrap().is_empty());
    files.destroy_legacy().unwrap();
    assert!(!dir.path().join(WRAPPED_FILE).exists());
    assert!(!ks.keys.lock().unwrap().contains_key(KEYSTORE_ALIAS));
}

#[test]
fn wrapped_codec_rejects_other_versions_and_lengths() {
    let blob = vector();
    let mut v2 = blob.clone();
    v2[0] = 2;
    assert_eq!(decode_wrapped(&v2).unwrap_err(), DeviceSecretError::Corrupt);
    assert_eq!(decode_wrapped(&[]).unwrap_err(), DeviceSecretError::Corrupt);
    assert_eq!(
        encode_wrapped(&[0u8; SEALED_LEN - 1]).unwrap_err(),
        DeviceSecretError::Corrupt
    );
}

proptest! {
    #[test]
    fn wrapped_decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode_wrapped(&bytes);
    }
}
