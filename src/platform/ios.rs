//! iOS glue: data directory excluded from backup, the device secret in the Keychain
//! (`WhenUnlockedThisDeviceOnly`, never synchronised), the share sheet, and the cover view
//! put over the window before the app-switcher snapshot.
//!
//! **Not compiled on the Linux build machines** (there is no iOS SDK or iOS Rust target
//! there): it is written against objc2 0.6 / objc2-foundation 0.3 / objc2-ui-kit 0.3 /
//! security-framework 3 and must be built and checked on a Mac (see README, "Building for
//! Android and iOS"). Links and lifecycle need no code here: tao reports `openURL`, universal
//! links and resign/become-active to [`super::handle_os_event`].

use std::path::{Path, PathBuf};

use objc2::rc::Retained;
use objc2::runtime::AnyObject;
use objc2::{MainThreadMarker, MainThreadOnly};
use objc2_foundation::{
    NSArray, NSHomeDirectory, NSNumber, NSString, NSURLIsExcludedFromBackupKey, NSURL,
};
use objc2_ui_kit::{
    UIActivityViewController, UIApplication, UIColor, UIView, UIViewAutoresizing, UIWindow,
};
use security_framework::access_control::{ProtectionMode, SecAccessControl};
use security_framework::passwords::{
    delete_generic_password_options, generic_password, set_generic_password_options,
    PasswordOptions,
};
use zeroize::Zeroizing;

use super::{DeviceSecret, DeviceSecretError, PlatformError, ShareOutcome, DATA_DIR_NAME};
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

/// Keychain service and account of the device secret (neutral names).
const KEYCHAIN_SERVICE: &str = "calc";
const KEYCHAIN_ACCOUNT: &str = "k1";
/// `errSecItemNotFound`.
const ERR_NOT_FOUND: i32 = -25300;
/// `errSecInteractionNotAllowed` (the phone is locked).
const ERR_INTERACTION_NOT_ALLOWED: i32 = -25308;

fn keychain_err(code: i32) -> DeviceSecretError {
    match code {
        ERR_INTERACTION_NOT_ALLOWED => DeviceSecretError::Io(std::io::ErrorKind::PermissionDenied),
        _ => DeviceSecretError::Io(std::io::ErrorKind::Other),
    }
}

/// The device secret as a Keychain generic-password item, readable only while the phone
/// is unlocked, only on this phone (`…ThisDeviceOnly`: not in backups that restore to
/// another device), and never synchronised to iCloud Keychain.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeychainSecret;

fn keychain_options() -> PasswordOptions {
    PasswordOptions::new_generic_password(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT)
}

impl DeviceSecret for KeychainSecret {
    fn create(&self) -> Result<Key32, DeviceSecretError> {
        if self.load()?.is_some() {
            return Err(DeviceSecretError::Exists);
        }
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        let access = SecAccessControl::create_with_protection(
            Some(ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly),
            0,
        )
        .map_err(|e| keychain_err(e.code()))?;
        let mut options = keychain_options();
        options.set_access_control(access);
        options.set_access_synchronized(Some(false));
        set_generic_password_options(key.expose_secret(), options)
            .map_err(|e| keychain_err(e.code()))?;
        Ok(key)
    }

    fn load(&self) -> Result<Option<Key32>, DeviceSecretError> {
        match generic_password(keychain_options()) {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                Key32::from_slice(&bytes)
                    .map(Some)
                    .map_err(|_| DeviceSecretError::Corrupt)
            }
            Err(e) if e.code() == ERR_NOT_FOUND => Ok(None),
            Err(e) => Err(keychain_err(e.code())),
        }
    }

    fn destroy(&self) -> Result<(), DeviceSecretError> {
        match delete_generic_password_options(keychain_options()) {
            Ok(()) => Ok(()),
            Err(e) if e.code() == ERR_NOT_FOUND => Ok(()),
            Err(e) => Err(keychain_err(e.code())),
        }
    }
}

#[allow(deprecated)] // keyWindow: the app has a single scene and a single window
fn key_window(mtm: MainThreadMarker) -> Option<Retained<UIWindow>> {
    UIApplication::sharedApplication(mtm).keyWindow()
}

/// Presents the system activity sheet with `text` over the root view controller.
pub(crate) fn share_text(text: &str) -> Result<ShareOutcome, PlatformError> {
    let mtm = MainThreadMarker::new().ok_or(PlatformError::NotMainThread)?;
    let window = key_window(mtm).ok_or(PlatformError::CallFailed)?;
    let root = window
        .rootViewController()
        .ok_or(PlatformError::CallFailed)?;
    let item: Retained<AnyObject> =
        Retained::into_super(Retained::into_super(NSString::from_str(text)));
    let items = NSArray::from_retained_slice(&[item]);
    // SAFETY: the items array holds one NSString, a documented activity item type, and no
    // custom application activities are passed.
    let sheet = unsafe {
        UIActivityViewController::initWithActivityItems_applicationActivities(
            UIActivityViewController::alloc(mtm),
            &items,
            None,
        )
    };
    // On iPad the sheet is a popover and must be anchored, or UIKit raises an exception.
    if let (Some(popover), Some(view)) = (sheet.popoverPresentationController(), root.view()) {
        popover.setSourceView(Some(&view));
        popover.setSourceRect(view.bounds());
    }
    root.presentViewController_animated_completion(&sheet, true, None);
    Ok(ShareOutcome::Shown)
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
