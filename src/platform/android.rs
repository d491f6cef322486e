//! Android glue: JNI entry points called by `platforms/android/MainActivity.kt`, the
//! Keystore-backed [`KeyWrapper`] (JNI into `KeystoreBridge.kt`), the share sheet and the
//! app's files directory.
//!
//! Start-up order (see `MainActivity.onCreate`): FLAG_SECURE is set, then `nativeInit`
//! runs here **before** `super.onCreate` starts the Rust `main`, so the JavaVM, the bridge
//! classes and the files directory are known before any Rust code asks for them. Classes
//! are looked up during `nativeInit` because only a thread that Java called into sees the
//! app's class loader; threads Rust attaches later see the system one.
//!
//! Nothing here logs, and errors carry no Java messages (they may contain user data).
//! Compiled here by `cargo check --target aarch64-linux-android`; never run on these
//! machines (no Android SDK, emulator or device).

use std::path::PathBuf;
use std::sync::OnceLock;

use jni::objects::{GlobalRef, JByteArray, JClass, JObject, JString, JValue};
use jni::sys::jint;
use jni::{JNIEnv, JavaVM};
use zeroize::Zeroizing;

use super::wrapped::{KeyWrapper, WrapError, SEALED_LEN};
use super::{PlatformError, ShareOutcome};
use crate::core::crypto::{Key32, KEY_LEN};

/// JNI name of the Kotlin key store helper (`platforms/android/bridge/.../KeystoreBridge.kt`).
pub(crate) const KEYSTORE_BRIDGE_CLASS: &str = "calc/platform/KeystoreBridge";

static VM: OnceLock<JavaVM> = OnceLock::new();
static KEYSTORE_BRIDGE: OnceLock<GlobalRef> = OnceLock::new();
static MAIN_ACTIVITY: OnceLock<GlobalRef> = OnceLock::new();
static FILES_DIR: OnceLock<PathBuf> = OnceLock::new();

/// dx 0.7.10 copies only `MainActivity.kt` and the manifest into its Gradle project; extra
/// Kotlin and resources (KeystoreBridge, the backup rules, the calculator icon) reach the
/// APK as a Gradle library module. This `#[manganis::ffi]` declaration is how dx learns of
/// that module: it emits a linker symbol naming `platforms/android/bridge`, which dx reads
/// from the built library and includes as `:plugins:keystorebridge`. The generated Rust type
/// is not used: the calls below go through cached classes instead.
mod gradle_module {
    #![allow(dead_code, missing_docs, non_snake_case, unreachable_pub)]

    #[manganis::ffi("platforms/android/bridge")]
    extern "Kotlin" {
        pub type KeystoreBridge;
    }
}

/// Clears a pending Java exception so the next JNI call is legal. Its message is dropped.
fn clear_exception(env: &mut JNIEnv<'_>) {
    if env.exception_check().unwrap_or(false) {
        let _ = env.exception_clear();
    }
}

/// Runs `f` with a JNI env for this thread (attached if needed) inside a local frame.
fn with_env<R>(
    f: impl FnOnce(&mut JNIEnv<'_>) -> Result<R, PlatformError>,
) -> Result<R, PlatformError> {
    let vm = VM.get().ok_or(PlatformError::NotReady)?;
    let mut guard = vm
        .attach_current_thread()
        .map_err(|_| PlatformError::CallFailed)?;
    let env: &mut JNIEnv<'_> = &mut guard;
    let result = env.with_local_frame(16, |env| {
        // Errors travel out as Ok(Err(..)) so the frame is popped the normal way.
        Ok::<_, jni::errors::Error>(f(env))
    });
    clear_exception(env);
    match result {
        Ok(inner) => inner,
        Err(_) => Err(PlatformError::CallFailed),
    }
}

fn class_ref(
    slot: &'static OnceLock<GlobalRef>,
) -> Result<&'static JClass<'static>, PlatformError> {
    let global = slot.get().ok_or(PlatformError::NotReady)?;
    Ok(<&JClass<'static>>::from(global.as_obj()))
}

/// The app's private files directory, as `MainActivity` reported it. If `nativeInit` has
/// not run (it always runs before `main`), falls back to `/data/data/<process name>/files`,
/// the files directory of the primary user.
pub(crate) fn files_dir() -> PathBuf {
    if let Some(dir) = FILES_DIR.get() {
        return dir.clone();
    }
    let package = std::fs::read("/proc/self/cmdline")
        .ok()
        .and_then(|bytes| {
            let name = bytes.split(|b| *b == 0).next()?.to_vec();
            String::from_utf8(name).ok()
        })
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        })
        .unwrap_or_default();
    PathBuf::from("/data/data").join(package).join("files")
}

/// `MainActivity.nativeInit(filesDir: String)`: remembers the VM, the bridge classes and the
/// files directory. Called on the UI thread before `super.onCreate`; later calls (activity
/// re-created) change nothing.
//
// SAFETY: `#[no_mangle]` exports the symbol under the exact JNI name the JVM resolves for
// `dev.dioxus.main.MainActivity.nativeInit`; no other symbol has that name, and the
// signature matches the Kotlin `external fun nativeInit(filesDir: String)`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_nativeInit<'local>(
    mut env: JNIEnv<'local>,
    this: JObject<'local>,
    files_dir: JString<'local>,
) {
    if let Ok(vm) = env.get_java_vm() {
        let _ = VM.set(vm);
    }
    if KEYSTORE_BRIDGE.get().is_none() {
        match env.find_class(KEYSTORE_BRIDGE_CLASS) {
            Ok(class) => {
                if let Ok(global) = env.new_global_ref(class) {
                    let _ = KEYSTORE_BRIDGE.set(global);
                }
            }
            Err(_) => clear_exception(&mut env),
        }
    }
    if MAIN_ACTIVITY.get().is_none() {
        if let Ok(class) = env.get_object_class(&this) {
            if let Ok(global) = env.new_global_ref(class) {
                let _ = MAIN_ACTIVITY.set(global);
            }
        }
    }
    if FILES_DIR.get().is_none() && !files_dir.is_null() {
        if let Ok(path) = env.get_string(&files_dir) {
            let path: String = path.into();
            if path.starts_with('/') {
                let _ = FILES_DIR.set(PathBuf::from(path));
            }
        }
    }
    clear_exception(&mut env);
}

/// `MainActivity.nativeOnLifecycle(code: Int)`: `onResume` / `onStop` / screen off.
//
// SAFETY: exported under the JNI name of `dev.dioxus.main.MainActivity.nativeOnLifecycle`
// (unique), with the signature of the Kotlin `external fun nativeOnLifecycle(code: Int)`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_nativeOnLifecycle<'local>(
    _env: JNIEnv<'local>,
    _this: JObject<'local>,
    code: jint,
) {
    super::report_lifecycle(code);
}

/// `MainActivity.nativeOnNewIntent(url: String?)`: a VIEW intent's data (cold start from
/// `onCreate`, warm from `onNewIntent`). Any app can send one: it is checked by
/// [`super::deliver_link`] and dropped unless it is one of our links.
//
// SAFETY: exported under the JNI name of `dev.dioxus.main.MainActivity.nativeOnNewIntent`
// (unique), with the signature of the Kotlin `external fun nativeOnNewIntent(url: String?)`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_nativeOnNewIntent<'local>(
    mut env: JNIEnv<'local>,
    _this: JObject<'local>,
    url: JString<'local>,
) {
    if url.is_null() {
        return;
    }
    if let Ok(text) = env.get_string(&url) {
        let text: String = text.into();
        super::deliver_link(&text);
    }
    clear_exception(&mut env);
}

/// The slot-secret wrapper backed by the Android Keystore (`KeystoreBridge.kt`): one
/// AES-256-GCM key per alias (= slot secret id), non-exportable, StrongBox when the phone
/// has it, usable only while the phone is unlocked (API 28+), no user authentication (the
/// PIN is the app's own; the key only has to stay on this phone).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeystoreWrapper;

impl KeyWrapper for KeystoreWrapper {
    fn wrap(&self, alias: &str, secret: &Key32) -> Result<Vec<u8>, WrapError> {
        let result = with_env(|env| {
            let class = class_ref(&KEYSTORE_BRIDGE)?;
            let name = env
                .new_string(alias)
                .map_err(|_| PlatformError::CallFailed)?;
            let input = env
                .byte_array_from_slice(secret.expose_secret())
                .map_err(|_| PlatformError::CallFailed)?;
            let called = env.call_static_method(
                class,
                "wrap",
                "(Ljava/lang/String;[B)[B",
                &[JValue::Object(&name), JValue::Object(&input)],
            );
            // The Java copy of the secret: overwrite it whatever happened.
            clear_exception(env);
            let _ = env.set_byte_array_region(&input, 0, &[0i8; KEY_LEN]);
            let out = called
                .and_then(|v| v.l())
                .map_err(|_| PlatformError::CallFailed)?;
            if out.is_null() {
                return Err(PlatformError::CallFailed);
            }
            let out = JByteArray::from(out);
            let sealed = env
                .convert_byte_array(&out)
                .map_err(|_| PlatformError::CallFailed)?;
            Ok(sealed)
        });
        match result {
            Ok(sealed) if sealed.len() == SEALED_LEN => Ok(sealed),
            Ok(_) => Err(WrapError::Unavailable),
            Err(_) => Err(WrapError::Unavailable),
        }
    }

    fn unwrap(&self, alias: &str, sealed: &[u8]) -> Result<Key32, WrapError> {
        let result = with_env(|env| {
            let class = class_ref(&KEYSTORE_BRIDGE)?;
            let name = env
                .new_string(alias)
                .map_err(|_| PlatformError::CallFailed)?;
            let input = env
                .byte_array_from_slice(sealed)
                .map_err(|_| PlatformError::CallFailed)?;
            let called = env.call_static_method(
                class,
                "unwrap",
                "(Ljava/lang/String;[B)[B",
                &[JValue::Object(&name), JValue::Object(&input)],
            );
            let out = match called.and_then(|v| v.l()) {
                Ok(obj) => obj,
                // The key store threw: tag mismatch or a damaged key.
                Err(_) => {
                    clear_exception(env);
                    return Ok(Err(WrapError::Rejected));
                }
            };
            if out.is_null() {
                return Ok(Err(WrapError::NoKey));
            }
            let out = JByteArray::from(out);
            let len = env
                .get_array_length(&out)
                .map_err(|_| PlatformError::CallFailed)?;
            if usize::try_from(len).ok() != Some(KEY_LEN) {
                return Ok(Err(WrapError::Rejected));
            }
            let mut signed = Zeroizing::new([0i8; KEY_LEN]);
            let read = env.get_byte_array_region(&out, 0, &mut signed[..]);
            // Overwrite the Java copy before anything else can fail.
            let _ = env.set_byte_array_region(&out, 0, &[0i8; KEY_LEN]);
            read.map_err(|_| PlatformError::CallFailed)?;
            let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
            for (b, s) in bytes.iter_mut().zip(signed.iter()) {
                *b = s.to_ne_bytes()[0];
            }
            Ok(Ok(Key32::from_bytes(*bytes)))
        });
        match result {
            Ok(inner) => inner,
            Err(_) => Err(WrapError::Unavailable),
        }
    }

    fn delete_key(&self, alias: &str) -> Result<(), WrapError> {
        with_env(|env| {
            let class = class_ref(&KEYSTORE_BRIDGE)?;
            let name = env
                .new_string(alias)
                .map_err(|_| PlatformError::CallFailed)?;
            env.call_static_method(
                class,
                "deleteKey",
                "(Ljava/lang/String;)V",
                &[JValue::Object(&name)],
            )
            .map(|_| ())
            .map_err(|_| PlatformError::CallFailed)
        })
        .map_err(|_| WrapError::Unavailable)
    }
}

/// Opens the Android share chooser with `text` (`MainActivity.shareText`, on the UI thread).
pub(crate) fn share_text(text: &str) -> Result<ShareOutcome, PlatformError> {
    with_env(|env| {
        let class = class_ref(&MAIN_ACTIVITY)?;
        let jtext = env
            .new_string(text)
            .map_err(|_| PlatformError::CallFailed)?;
        let shown = env
            .call_static_method(
                class,
                "shareText",
                "(Ljava/lang/String;)Z",
                &[JValue::Object(&jtext)],
            )
            .and_then(|v| v.z())
            .map_err(|_| PlatformError::CallFailed)?;
        if shown {
            Ok(ShareOutcome::Shown)
        } else {
            Err(PlatformError::NotReady)
        }
    })
}

/// `MainActivity.shareFile`: the system share sheet with `bytes` as a file named `name`,
/// held in memory by `calc.platform.MemoryFiles` (a `content://` URI, no file on disk).
pub(crate) fn share_file(
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> Result<ShareOutcome, PlatformError> {
    with_env(|env| {
        let class = class_ref(&MAIN_ACTIVITY)?;
        let jname = env
            .new_string(name)
            .map_err(|_| PlatformError::CallFailed)?;
        let jmime = env
            .new_string(mime)
            .map_err(|_| PlatformError::CallFailed)?;
        let jbytes = env
            .byte_array_from_slice(bytes)
            .map_err(|_| PlatformError::CallFailed)?;
        let shown = env
            .call_static_method(
                class,
                "shareFile",
                "(Ljava/lang/String;Ljava/lang/String;[B)Z",
                &[
                    JValue::Object(&jname),
                    JValue::Object(&jmime),
                    JValue::Object(&jbytes),
                ],
            )
            .and_then(|v| v.z());
        clear_exception(env);
        match shown {
            Ok(true) => Ok(ShareOutcome::Shown),
            Ok(false) => Err(PlatformError::NotReady),
            Err(_) => Err(PlatformError::CallFailed),
        }
    })
}

/// `MainActivity.clearCaptures`: forget the camera's in-memory photos (once the page's
/// picked files are in the vault).
pub(crate) fn clear_captures() -> Result<(), PlatformError> {
    with_env(|env| {
        let class = class_ref(&MAIN_ACTIVITY)?;
        let r = env
            .call_static_method(class, "clearCaptures", "()Z", &[])
            .and_then(|v| v.z());
        clear_exception(env);
        r.map(|_| ()).map_err(|_| PlatformError::CallFailed)
    })
}
