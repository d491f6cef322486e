//! iOS glue: data directory excluded from backup, the slot secrets protected by the Secure
//! Enclave (`WhenUnlockedThisDeviceOnly`, never synchronised), the share sheet, and the cover
//! view put over the window before the app-switcher snapshot.
//!
//! The Secure Enclave code (`EnclaveSecrets`) follows security-framework 3's `key` and `item`
//! modules from their documentation.
//!
//! **Type-checked, never run, on the Linux build machines:** `.ci/test` runs
//! `cargo check --target aarch64-apple-ios` (`.ci/ios-check`, with stand-ins for `xcrun` and
//! two C headers so the C build scripts of ring and objc2 can run; nothing is linked). It is
//! written against objc2 0.6 / objc2-foundation 0.3 / objc2-ui-kit 0.3 / dispatch2 0.3 /
//! security-framework 3 and must be built, linked and tried on a Mac and an iPhone (see
//! README, "Building for Android and iOS"). Links and lifecycle need no code here: tao
//! reports `openURL`, universal links and resign/become-active to [`super::handle_os_event`].

use std::path::{Path, PathBuf};

use std::ffi::c_void;
use std::ptr::NonNull;

use block2::RcBlock;
use objc2::rc::{autoreleasepool, Retained};
use objc2::runtime::{AnyObject, Bool};
use objc2::{MainThreadMarker, MainThreadOnly};
use objc2_foundation::{
    NSArray, NSData, NSDataWritingOptions, NSError, NSHomeDirectory, NSNumber, NSString,
    NSTemporaryDirectory, NSURLIsExcludedFromBackupKey, NSURL,
};
use objc2_ui_kit::{
    UIActivityViewController, UIApplication, UIColor, UIView, UIViewAutoresizing, UIWindow,
};
use security_framework::access_control::{ProtectionMode, SecAccessControl};
use security_framework::item::{ItemClass, ItemSearchOptions, Limit, Reference, SearchResult};
use security_framework::key::{Algorithm, GenerateKeyOptions, KeyType, SecKey, Token};
use security_framework::passwords::{
    delete_generic_password_options, generic_password, set_generic_password_options,
    PasswordOptions,
};
use zeroize::Zeroizing;

use super::{
    DeviceSecret, DeviceSecretError, PlatformError, SecretId, ShareOutcome, DATA_DIR_NAME,
};
use crate::core::crypto::Key32;

/// `Library/Application Support/calc` in the app's container, created (0700) and marked
/// excluded from iCloud and computer backups. If marking fails the path is still returned:
/// the vault stays encrypted and its device secret is `ThisDeviceOnly` either way.
pub(crate) fn data_dir() -> PathBuf {
    let home = NSHomeDirectory().to_string();
    let dir = PathBuf::from(home)
        .join("Library")
        .join("Application Support")
        .join(DATA_DIR_NAME);
    if create_private_dir(&dir).is_ok() {
        exclude_from_backup(&dir);
    }
    dir
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Sets `NSURLIsExcludedFromBackupKey` on `dir` (a directory's flag covers what is in it).
fn exclude_from_backup(dir: &Path) -> bool {
    let Some(path) = dir.to_str() else {
        return false;
    };
    let url = NSURL::fileURLWithPath_isDirectory(&NSString::from_str(path), true);
    let yes = NSNumber::new_bool(true);
    let value: &AnyObject = &yes;
    // SAFETY: reading an immutable `NSString *const` constant exported by Foundation.
    let key = unsafe { NSURLIsExcludedFromBackupKey };
    // SAFETY: the value for NSURLIsExcludedFromBackupKey must be an NSNumber holding a
    // boolean, which `value` is; `url` is a valid file URL.
    unsafe { url.setResourceValue_forKey_error(Some(value), key) }.is_ok()
}

/// Keychain service of the slot secrets, and the account of the format-v1 secret.
const KEYCHAIN_SERVICE: &str = "calc";
const LEGACY_ACCOUNT: &str = "k1";
/// `errSecItemNotFound`.
const ERR_NOT_FOUND: i32 = -25300;
/// `errSecInteractionNotAllowed` (the phone is locked).
const ERR_INTERACTION_NOT_ALLOWED: i32 = -25308;
/// First byte of a stored item: the secret encrypted to its Secure Enclave key (ECIES).
const ITEM_ENCLAVE: u8 = 1;
/// First byte of a stored item: the raw secret (no Secure Enclave on this device).
const ITEM_PLAIN: u8 = 2;

fn keychain_err(code: i32) -> DeviceSecretError {
    match code {
        ERR_INTERACTION_NOT_ALLOWED => DeviceSecretError::Io(std::io::ErrorKind::PermissionDenied),
        _ => DeviceSecretError::Io(std::io::ErrorKind::Other),
    }
}

/// ECIES with the cofactor variant, X9.63 KDF with SHA-256 and AES-GCM: what the Secure
/// Enclave supports for P-256 keys (`SecKeyCreateEncryptedData`).
const ECIES: Algorithm = Algorithm::ECIESEncryptionCofactorVariableIVX963SHA256AESGCM;

/// The slot secrets, one per id:
/// - a Secure Enclave P-256 private key, label = the id in hex, generated inside the
///   enclave (`kSecAttrTokenIDSecureEnclave`), never extractable, usable only while the
///   phone is unlocked and only on this phone (`kSecAttrAccessibleWhenUnlockedThisDeviceOnly`);
/// - a Keychain generic-password item (service "calc", account = the id in hex,
///   `WhenUnlockedThisDeviceOnly`, never synchronised) holding the 32-byte secret encrypted
///   to that key with ECIES (`SecKeyCreateEncryptedData`).
///
/// Destroying a secret deletes its enclave key first (crypto-shred: the item is then
/// noise), then the item. Where there is no Secure Enclave (simulator, old devices), the
/// item holds the secret itself, still `ThisDeviceOnly` and not synchronised. The
/// format-v1 secret is the item with account "k1".
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EnclaveSecrets;

fn item_options(account: &str) -> PasswordOptions {
    PasswordOptions::new_generic_password(KEYCHAIN_SERVICE, account)
}

fn this_device_only() -> Result<SecAccessControl, DeviceSecretError> {
    SecAccessControl::create_with_protection(
        Some(ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly),
        0,
    )
    .map_err(|e| keychain_err(e.code()))
}

fn read_item(account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, DeviceSecretError> {
    match generic_password(item_options(account)) {
        Ok(bytes) => Ok(Some(Zeroizing::new(bytes))),
        Err(e) if e.code() == ERR_NOT_FOUND => Ok(None),
        Err(e) => Err(keychain_err(e.code())),
    }
}

fn write_item(account: &str, bytes: &[u8]) -> Result<(), DeviceSecretError> {
    let mut options = item_options(account);
    options.set_access_control(this_device_only()?);
    options.set_access_synchronized(Some(false));
    set_generic_password_options(bytes, options).map_err(|e| keychain_err(e.code()))
}

fn delete_item(account: &str) -> Result<(), DeviceSecretError> {
    match delete_generic_password_options(item_options(account)) {
        Ok(()) => Ok(()),
        Err(e) if e.code() == ERR_NOT_FOUND => Ok(()),
        Err(e) => Err(keychain_err(e.code())),
    }
}

/// The enclave private key labelled `label`, if there is one.
fn find_enclave_key(label: &str) -> Option<SecKey> {
    let found = ItemSearchOptions::new()
        .class(ItemClass::key())
        .label(label)
        .load_refs(true)
        .search()
        .ok()?;
    found.into_iter().find_map(|r| match r {
        SearchResult::Ref(Reference::Key(k)) => Some(k),
        _ => None,
    })
}

/// A new permanent P-256 key inside the Secure Enclave, `WhenUnlockedThisDeviceOnly` with
/// private-key usage; `None` when this device has no enclave.
fn new_enclave_key(label: &str) -> Option<SecKey> {
    let access = SecAccessControl::create_with_protection(
        Some(ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly),
        PRIVATE_KEY_USAGE,
    )
    .ok()?;
    let mut options = GenerateKeyOptions::default();
    options
        .set_key_type(KeyType::ec_sec_prime_random())
        .set_size_in_bits(256)
        .set_label(label)
        .set_token(Token::SecureEnclave)
        .set_access_control(access);
    SecKey::new(&options).ok()
}

/// kSecAccessControlPrivateKeyUsage: the enclave key may be used for decryption.
const PRIVATE_KEY_USAGE: usize = 1 << 30;

impl DeviceSecret for EnclaveSecrets {
    fn create(&self, id: &SecretId) -> Result<Key32, DeviceSecretError> {
        let account = id.to_hex();
        if read_item(&account)?.is_some() {
            return Err(DeviceSecretError::Exists);
        }
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        let mut item = Zeroizing::new(Vec::with_capacity(200));
        match new_enclave_key(&account).and_then(|k| k.public_key()) {
            Some(public) => {
                let sealed = public
                    .encrypt_data(ECIES, key.expose_secret())
                    .map_err(|_| DeviceSecretError::Io(std::io::ErrorKind::Other))?;
                item.push(ITEM_ENCLAVE);
                item.extend_from_slice(&sealed);
            }
            None => {
                item.push(ITEM_PLAIN);
                item.extend_from_slice(key.expose_secret());
            }
        }
        write_item(&account, &item)?;
        Ok(key)
    }

    fn load(&self, id: &SecretId) -> Result<Option<Key32>, DeviceSecretError> {
        let account = id.to_hex();
        let Some(item) = read_item(&account)? else {
            return Ok(None);
        };
        match item.split_first() {
            Some((&ITEM_PLAIN, raw)) => Key32::from_slice(raw)
                .map(Some)
                .map_err(|_| DeviceSecretError::Corrupt),
            Some((&ITEM_ENCLAVE, sealed)) => {
                let private = find_enclave_key(&account).ok_or(DeviceSecretError::Corrupt)?;
                let plain = Zeroizing::new(
                    private
                        .decrypt_data(ECIES, sealed)
                        .map_err(|_| DeviceSecretError::Corrupt)?,
                );
                Key32::from_slice(&plain)
                    .map(Some)
                    .map_err(|_| DeviceSecretError::Corrupt)
            }
            _ => Err(DeviceSecretError::Corrupt),
        }
    }

    fn destroy(&self, id: &SecretId) -> Result<(), DeviceSecretError> {
        let account = id.to_hex();
        // Crypto-shred first: without the enclave key the item is noise.
        let key_result = match find_enclave_key(&account) {
            Some(k) => k
                .delete()
                .map_err(|_| DeviceSecretError::Io(std::io::ErrorKind::Other)),
            None => Ok(()),
        };
        let item_result = delete_item(&account);
        key_result.and(item_result)
    }

    fn list(&self) -> Result<Vec<SecretId>, DeviceSecretError> {
        let found = match ItemSearchOptions::new()
            .class(ItemClass::generic_password())
            .service(KEYCHAIN_SERVICE)
            .load_attributes(true)
            .limit(Limit::All)
            .search()
        {
            Ok(found) => found,
            Err(e) if e.code() == ERR_NOT_FOUND => return Ok(Vec::new()),
            Err(e) => return Err(keychain_err(e.code())),
        };
        Ok(found
            .iter()
            .filter_map(|r| r.simplify_dict())
            .filter_map(|d| d.get("acct").and_then(|a| SecretId::from_hex(a)))
            .collect())
    }

    fn load_legacy(&self) -> Result<Option<Key32>, DeviceSecretError> {
        match read_item(LEGACY_ACCOUNT)? {
            Some(bytes) => Key32::from_slice(&bytes)
                .map(Some)
                .map_err(|_| DeviceSecretError::Corrupt),
            None => Ok(None),
        }
    }

    fn destroy_legacy(&self) -> Result<(), DeviceSecretError> {
        delete_item(LEGACY_ACCOUNT)
    }
}

#[allow(deprecated)] // keyWindow: the app has a single scene and a single window
fn key_window(mtm: MainThreadMarker) -> Option<Retained<UIWindow>> {
    UIApplication::sharedApplication(mtm).keyWindow()
}

/// Presents the system activity sheet with `text` over the root view controller.
pub(crate) fn share_text(text: &str) -> Result<ShareOutcome, PlatformError> {
    let mtm = MainThreadMarker::new().ok_or(PlatformError::NotMainThread)?;
    let item: Retained<AnyObject> =
        Retained::into_super(Retained::into_super(NSString::from_str(text)));
    present_sheet(mtm, item, None)
}

/// Presents the system activity sheet with one `item` (an NSString or a file NSURL) over
/// the root view controller; `on_close` runs when the sheet closes, whatever she chose.
fn present_sheet(
    mtm: MainThreadMarker,
    item: Retained<AnyObject>,
    on_close: Option<fn()>,
) -> Result<ShareOutcome, PlatformError> {
    let window = key_window(mtm).ok_or(PlatformError::CallFailed)?;
    let root = window
        .rootViewController()
        .ok_or(PlatformError::CallFailed)?;
    let items = NSArray::from_retained_slice(&[item]);
    // SAFETY: the items array holds one NSString or file NSURL (the callers'), documented
    // activity item types, and no custom application activities are passed.
    let sheet = unsafe {
        UIActivityViewController::initWithActivityItems_applicationActivities(
            UIActivityViewController::alloc(mtm),
            &items,
            None,
        )
    };
    if let Some(f) = on_close {
        let done = RcBlock::new(
            move |_activity: *mut NSString,
                  _completed: Bool,
                  _items: *mut NSArray,
                  _error: *mut NSError| f(),
        );
        // SAFETY: `done` is a valid block with the handler's signature; UIKit copies it.
        unsafe { sheet.setCompletionWithItemsHandler(RcBlock::as_ptr(&done)) };
    }
    // On iPad the sheet is a popover and must be anchored, or UIKit raises an exception.
    if let (Some(popover), Some(view)) = (sheet.popoverPresentationController(), root.view()) {
        popover.setSourceView(Some(&view));
        popover.setSourceRect(view.bounds());
    }
    root.presentViewController_animated_completion(&sheet, true, None);
    Ok(ShareOutcome::Shown)
}

/// Folder inside the app's own `tmp/` that holds the one file being shared, and only
/// while the share sheet is open. Its name says nothing about the app.
fn outgoing_dir() -> PathBuf {
    PathBuf::from(NSTemporaryDirectory().to_string()).join("out")
}

/// Deletes the outgoing folder and everything in it. Errors are ignored: a missing folder
/// is the normal case.
fn remove_outgoing(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

/// The system share sheet with `bytes` as the file `name` (already checked by
/// [`super::outgoing_file_name`]).
///
/// UIActivityViewController hands apps a file URL, so the file exists while the sheet is
/// open: in the app's own sandboxed `tmp/out/`, created 0700, written with
/// `NSDataWritingFileProtectionComplete` (unreadable while the phone is locked), straight
/// from `bytes` (no extra copy in memory). It is deleted when the sheet closes (the
/// completion handler, whatever she chose), at the next share, when the app locks
/// ([`forget_shared_files`]) and when the app starts ([`sweep_shared_files`]).
///
/// Call off the main thread or on it: the sheet is presented on the main thread
/// (`dispatch2::run_on_main`), and this returns once it is on screen.
pub(crate) fn share_file(name: &str, bytes: &[u8]) -> Result<ShareOutcome, PlatformError> {
    let dir = outgoing_dir();
    remove_outgoing(&dir);
    create_private_dir(&dir).map_err(|_| PlatformError::CallFailed)?;
    let path = dir.join(name);
    let path_str = path.to_str().ok_or(PlatformError::CallFailed)?.to_owned();
    let written = autoreleasepool(|_| {
        let url = NSURL::fileURLWithPath_isDirectory(&NSString::from_str(&path_str), false);
        let Some(ptr) = NonNull::new(bytes.as_ptr() as *mut c_void) else {
            return false;
        };
        // SAFETY: `ptr` points at `bytes.len()` readable bytes that outlive the NSData:
        // it is created, written and released inside this autorelease pool, and
        // `freeWhenDone` is false, so Foundation never frees or writes Rust's memory.
        let data =
            unsafe { NSData::dataWithBytesNoCopy_length_freeWhenDone(ptr, bytes.len(), false) };
        data.writeToURL_options_error(&url, NSDataWritingOptions::FileProtectionComplete)
            .is_ok()
    });
    if !written {
        remove_outgoing(&dir);
        return Err(PlatformError::CallFailed);
    }
    let shown = dispatch2::run_on_main(move |mtm| present_file_sheet(mtm, &path_str));
    if shown.is_err() {
        remove_outgoing(&dir);
    }
    shown
}

/// On the main thread: presents the activity sheet with the file at `path` and deletes the
/// outgoing folder when the sheet closes.
fn present_file_sheet(mtm: MainThreadMarker, path: &str) -> Result<ShareOutcome, PlatformError> {
    let url = NSURL::fileURLWithPath_isDirectory(&NSString::from_str(path), false);
    let item: Retained<AnyObject> = Retained::into_super(Retained::into_super(url));
    present_sheet(mtm, item, Some(sweep_shared_files))
}

/// At start, before UIKit is up: deletes an outgoing file left by a run that was killed
/// while sharing. Touches no UIKit object (`sharedApplication` does not exist yet).
pub(crate) fn sweep_shared_files() {
    remove_outgoing(&outgoing_dir());
}

/// At lock (quick exit, background, idle): closes a share sheet still on screen, so it
/// never shows over the calculator, and deletes the outgoing file.
pub(crate) fn forget_shared_files() {
    if let Some(mtm) = MainThreadMarker::new() {
        if let Some(root) = key_window(mtm).and_then(|w| w.rootViewController()) {
            if root.presentedViewController().is_some() {
                root.dismissViewControllerAnimated_completion(false, None);
            }
        }
    }
    remove_outgoing(&outgoing_dir());
}

/// Tag of the cover view ("CALC" in ASCII), so it is found again to be removed.
const COVER_TAG: isize = 0x4341_4c43;

/// Puts a plain black view over the whole window (`on`), or removes it. Called on
/// resign-active, before iOS takes the app-switcher snapshot, and on become-active.
pub(crate) fn cover_window(on: bool) {
    let Some(mtm) = MainThreadMarker::new() else {
        return;
    };
    let Some(window) = key_window(mtm) else {
        return;
    };
    let existing = window.viewWithTag(COVER_TAG);
    match (on, existing) {
        (true, None) => {
            let cover = UIView::initWithFrame(UIView::alloc(mtm), window.bounds());
            cover.setBackgroundColor(Some(&UIColor::blackColor()));
            cover.setAutoresizingMask(
                UIViewAutoresizing::FlexibleWidth | UIViewAutoresizing::FlexibleHeight,
            );
            cover.setTag(COVER_TAG);
            window.addSubview(&cover);
        }
        (false, Some(cover)) => cover.removeFromSuperview(),
        _ => {}
    }
}
