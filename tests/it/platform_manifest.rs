//! The mobile platform files (no SDK here, so they are parsed and checked instead of
//! built): AndroidManifest.xml, the backup/transfer rules, MainActivity.kt, KeystoreBridge.kt,
//! the Gradle module, iOS Info.plist and Dioxus.toml all say the same thing, say what the
//! security design requires, and carry the names of `core::identity` (the one place). Plus: every `unsafe` in src/platform has a SAFETY comment.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use haven::core::identity;
use haven::platform::{self, lifecycle_code, wrapped};

const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn dioxus_toml() -> toml::Table {
    read("Dioxus.toml").parse().expect("Dioxus.toml parses")
}

fn get<'a>(t: &'a toml::Table, path: &[&str]) -> &'a toml::Value {
    let mut v = t
        .get(path[0])
        .unwrap_or_else(|| panic!("Dioxus.toml: no {}", path[0]));
    for key in &path[1..] {
        v = v
            .get(key)
            .unwrap_or_else(|| panic!("Dioxus.toml: no {}", path.join(".")));
    }
    v
}

fn get_str<'a>(t: &'a toml::Table, path: &[&str]) -> &'a str {
    get(t, path).as_str().expect("a string")
}

fn str_list(v: &toml::Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("strings").to_string())
        .collect()
}

fn attr<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((ANDROID_NS, name))
}

fn children<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    tag: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == tag)
}

fn manifest_path() -> String {
    get_str(&dioxus_toml(), &["application", "android_manifest"]).to_string()
}

const BRIDGE_RES: &str = "platforms/android/bridge/src/main/res";

// ---------------------------------------------------------------- Dioxus.toml

#[test]
fn dioxus_toml_wires_the_platform_files() {
    let t = dioxus_toml();
    for (key, expect) in [
        ("android_manifest", "platforms/android/AndroidManifest.xml"),
        ("android_main_activity", "platforms/android/MainActivity.kt"),
        ("ios_info_plist", "platforms/ios/Info.plist"),
    ] {
        let path = get_str(&t, &["application", key]);
        assert_eq!(path, expect);
        assert!(root().join(path).is_file(), "{key} = {path} is missing");
    }
    let min_sdk = get(&t, &["android", "min_sdk"]).as_integer().unwrap();
    assert_eq!(
        get(&t, &["application", "android_min_sdk_version"]).as_integer(),
        Some(min_sdk),
        "the Rust library must be linked for the same API level as minSdk"
    );
    let gradle = read("platforms/android/bridge/build.gradle.kts");
    assert!(gradle.contains(&format!("minSdk = {min_sdk}")));
    assert!(get(&t, &["android", "target_sdk"]).as_integer().unwrap() >= 34);
}

#[test]
fn dioxus_toml_names_come_from_the_identity_module() {
    let t = dioxus_toml();
    assert_eq!(
        get_str(&t, &["application", "name"]),
        identity::EXECUTABLE_NAME
    );
    assert_eq!(get_str(&t, &["bundle", "identifier"]), identity::PACKAGE_ID);
    assert_eq!(
        get_str(&t, &["web", "app", "title"]),
        identity::DISPLAY_NAME
    );
    assert_eq!(
        get_str(&t, &["bundle", "short_description"]),
        identity::DISPLAY_NAME
    );
}

#[test]
fn deep_links_agree_with_the_rust_constants() {
    let t = dioxus_toml();
    assert_eq!(
        str_list(get(&t, &["deep_links", "schemes"])),
        vec![platform::LINK_SCHEME]
    );
    assert_eq!(
        str_list(get(&t, &["deep_links", "hosts"])),
        vec![platform::LINK_HOST]
    );
    assert_eq!(
        str_list(get(&t, &["deep_links", "paths"])),
        vec![platform::LINK_PATH_PREFIX]
    );
    assert_eq!(platform::LINK_SCHEME, identity::URL_SCHEME);
    assert_eq!(platform::LINK_HOST, identity::LINK_HOST);
    assert_eq!(platform::LINK_PATH_PREFIX, identity::LINK_PATH);
}

// ---------------------------------------------------------------- AndroidManifest.xml

#[test]
fn android_manifest_is_secure_by_default() {
    let text = read(&manifest_path());
    let doc = roxmltree::Document::parse(&text).expect("manifest is XML");
    let manifest = doc.root_element();
    assert_eq!(manifest.tag_name().name(), "manifest");

    // Exactly one permission, INTERNET; nothing for notifications or anything else.
    let perms: Vec<_> = manifest
        .children()
        .filter(|c| c.is_element() && c.tag_name().name().starts_with("uses-permission"))
        .map(|p| attr(p, "name").unwrap_or("").to_string())
        .collect();
    assert_eq!(perms, vec!["android.permission.INTERNET"]);
    assert!(!text.contains("POST_NOTIFICATIONS"));
    assert!(!text.contains("RECEIVE_BOOT_COMPLETED"));

    let apps: Vec<_> = children(manifest, "application").collect();
    assert_eq!(apps.len(), 1);
    let app = apps[0];
    assert_eq!(attr(app, "allowBackup"), Some("false"));
    assert_eq!(attr(app, "fullBackupContent"), Some("false"));
    assert_eq!(attr(app, "label"), Some(identity::DISPLAY_NAME));
    assert_eq!(
        attr(app, "debuggable"),
        None,
        "debuggable comes from the build type"
    );
    assert_ne!(attr(app, "usesCleartextTraffic"), Some("true"));

    // The activity and one provider (in-memory files). No services or receivers.
    let kinds: BTreeSet<_> = app
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name().to_string())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["activity".to_string(), "provider".to_string()])
    );
    let providers: Vec<_> = children(app, "provider").collect();
    assert_eq!(providers.len(), 1);
    let p = providers[0];
    assert_eq!(attr(p, "name"), Some("calc.platform.MemoryFiles"));
    assert_eq!(attr(p, "exported"), Some("false"), "only per-URI grants");
    assert_eq!(attr(p, "grantUriPermissions"), Some("true"));
    assert_eq!(attr(p, "authorities"), Some("${applicationId}.files"));

    let activities: Vec<_> = children(app, "activity").collect();
    assert_eq!(activities.len(), 1);
    let activity = activities[0];
    assert_eq!(attr(activity, "name"), Some("dev.dioxus.main.MainActivity"));
    assert_eq!(attr(activity, "label"), Some(identity::DISPLAY_NAME));
    // Staying in Recents (FLAG_SECURE blanks the card); vanishing from it draws attention.
    assert_ne!(attr(activity, "excludeFromRecents"), Some("true"));
}

#[test]
fn android_manifest_lib_name_matches_dioxus_toml() {
    let text = read(&manifest_path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let lib = doc
        .descendants()
        .find(|n| n.has_tag_name("meta-data") && attr(*n, "name") == Some("android.app.lib_name"))
        .and_then(|n| attr(n, "value"))
        .expect("android.app.lib_name meta-data");
    assert_eq!(lib, get_str(&dioxus_toml(), &["android", "lib_name"]));
}

#[test]
fn android_intent_filters_match_the_link_config() {
    let text = read(&manifest_path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let filters: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("intent-filter"))
        .collect();
    let names = |f: roxmltree::Node, tag: &'static str| -> BTreeSet<String> {
        children(f, tag)
            .filter_map(|c| attr(c, "name").map(str::to_string))
            .collect()
    };

    let launchers = filters
        .iter()
        .filter(|f| names(**f, "action").contains("android.intent.action.MAIN"))
        .count();
    assert_eq!(launchers, 1);

    let mut links = BTreeSet::new();
    for f in &filters {
        if !names(*f, "action").contains("android.intent.action.VIEW") {
            continue;
        }
        let cats = names(*f, "category");
        assert!(cats.contains("android.intent.category.BROWSABLE"));
        assert!(cats.contains("android.intent.category.DEFAULT"));
        for data in children(*f, "data") {
            let scheme = attr(data, "scheme").expect("scheme").to_string();
            let host = attr(data, "host").map(str::to_string);
            if scheme == "https" {
                assert_eq!(attr(data, "pathPrefix"), Some(platform::LINK_PATH_PREFIX));
                assert_eq!(attr(*f, "autoVerify"), Some("true"));
            }
            assert_eq!(attr(data, "mimeType"), None);
            links.insert((scheme, host));
        }
    }
    let t = dioxus_toml();
    let mut expect = BTreeSet::new();
    for scheme in str_list(get(&t, &["deep_links", "schemes"])) {
        expect.insert((scheme, None));
    }
    for host in str_list(get(&t, &["deep_links", "hosts"])) {
        expect.insert(("https".to_string(), Some(host)));
    }
    assert_eq!(links, expect);
    assert!(links.contains(&(platform::LINK_SCHEME.to_string(), None)));
    assert!(links.contains(&("https".to_string(), Some(platform::LINK_HOST.to_string()))));
}

#[test]
fn android_backup_and_device_transfer_exclude_everything() {
    let text = read(&manifest_path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let app = doc
        .descendants()
        .find(|n| n.has_tag_name("application"))
        .unwrap();
    let rules = attr(app, "dataExtractionRules").expect("dataExtractionRules");
    let name = rules.strip_prefix("@xml/").expect("an @xml/ resource");
    let rules_text = read(&format!("{BRIDGE_RES}/xml/{name}.xml"));
    let rules_doc = roxmltree::Document::parse(&rules_text).unwrap();
    let top = rules_doc.root_element();
    assert_eq!(top.tag_name().name(), "data-extraction-rules");
    assert_eq!(
        rules_doc
            .descendants()
            .filter(|n| n.has_tag_name("include"))
            .count(),
        0
    );
    let all_domains: BTreeSet<String> = [
        "root",
        "file",
        "database",
        "sharedpref",
        "external",
        "device_root",
        "device_file",
        "device_database",
        "device_sharedpref",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for section in ["cloud-backup", "device-transfer"] {
        let nodes: Vec<_> = children(top, section).collect();
        assert_eq!(nodes.len(), 1, "one <{section}>");
        let excluded: BTreeSet<String> = children(nodes[0], "exclude")
            .inspect(|e| assert_eq!(e.attribute("path"), Some("."), "whole domain"))
            .filter_map(|e| e.attribute("domain").map(str::to_string))
            .collect();
        assert_eq!(
            excluded, all_domains,
            "<{section}> must exclude every domain"
        );
    }
}

#[test]
fn android_icon_is_a_calculator_and_nothing_names_the_app() {
    let text = read(&manifest_path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let app = doc
        .descendants()
        .find(|n| n.has_tag_name("application"))
        .unwrap();
    let icon = attr(app, "icon").expect("icon");
    let name = icon.strip_prefix("@drawable/").expect("a drawable");
    assert_eq!(attr(app, "roundIcon"), Some(icon));
    for dir in ["drawable", "drawable-v26"] {
        let file = format!("{BRIDGE_RES}/{dir}/{name}.xml");
        roxmltree::Document::parse(&read(&file)).expect("icon XML parses");
    }
    assert!(root().join("assets/icons/calculator.svg").is_file());

    // Nothing the person holding the phone can see says "haven": labels, icon, resources.
    let mut files = Vec::new();
    collect(&root().join(BRIDGE_RES), &mut files);
    files.push(root().join("assets/icons/calculator.svg"));
    for f in files {
        let body = fs::read_to_string(&f).unwrap().to_lowercase();
        assert!(!body.contains("haven"), "{} mentions the app", f.display());
    }
    for label in doc.descendants().filter_map(|n| attr(n, "label")) {
        assert_eq!(label, identity::DISPLAY_NAME);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn android_library_module_adds_no_permissions_or_components() {
    let text = read("platforms/android/bridge/src/main/AndroidManifest.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let elements: Vec<_> = doc
        .descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_string())
        .collect();
    assert_eq!(elements, vec!["manifest", "application"]);
}

// ---------------------------------------------------------------- MainActivity.kt

/// The body of `fun <name>(` in Kotlin source: from the signature to the matching brace.
fn kotlin_fun<'a>(src: &'a str, name: &str) -> &'a str {
    let start = src
        .find(&format!("fun {name}("))
        .unwrap_or_else(|| panic!("no fun {name}"));
    let open = start + src[start..].find('{').expect("a body");
    let mut depth = 0usize;
    for (i, c) in src[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &src[start..open + i + 1];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces in fun {name}");
}

fn kotlin_code(src: &str) -> String {
    src.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn main_activity() -> String {
    kotlin_code(&read(get_str(
        &dioxus_toml(),
        &["application", "android_main_activity"],
    )))
}

#[test]
fn main_activity_sets_flag_secure_before_anything_is_drawn() {
    let src = main_activity();
    assert!(src.contains("package dev.dioxus.main"));
    assert!(src.contains("class MainActivity : WryActivity()"));
    let on_create = kotlin_fun(&src, "onCreate");
    let secure = on_create
        .find("FLAG_SECURE")
        .expect("FLAG_SECURE in onCreate");
    assert!(on_create.contains("window.setFlags("));
    let init = on_create
        .find("nativeInit(")
        .expect("nativeInit in onCreate");
    let sup = on_create
        .find("super.onCreate(")
        .expect("super.onCreate in onCreate");
    assert!(
        secure < sup,
        "FLAG_SECURE must be set before the WebView exists"
    );
    assert!(init < sup, "nativeInit must run before Rust main starts");
    assert!(on_create.contains("setRecentsScreenshotEnabled(false)"));
    assert!(!src.contains("clearFlags"), "FLAG_SECURE is never cleared");
}

#[test]
fn main_activity_forwards_lifecycle_and_links_to_rust() {
    let src = main_activity();
    for (name, value) in [
        ("LIFECYCLE_FOREGROUND", lifecycle_code::FOREGROUND),
        ("LIFECYCLE_BACKGROUND", lifecycle_code::BACKGROUND),
        ("LIFECYCLE_SCREEN_OFF", lifecycle_code::SCREEN_OFF),
    ] {
        assert!(
            src.contains(&format!("const val {name} = {value}")),
            "{name} must be {value} like src/platform"
        );
    }
    assert!(kotlin_fun(&src, "onResume").contains("nativeOnLifecycle(LIFECYCLE_FOREGROUND)"));
    assert!(kotlin_fun(&src, "onStop").contains("nativeOnLifecycle(LIFECYCLE_BACKGROUND)"));
    assert!(src.contains("Intent.ACTION_SCREEN_OFF"));
    assert!(src.contains("nativeOnLifecycle(LIFECYCLE_SCREEN_OFF)"));
    assert!(kotlin_fun(&src, "onNewIntent").contains("forwardLink(intent)"));
    assert!(kotlin_fun(&src, "onCreate").contains("forwardLink(intent)"));
    assert!(kotlin_fun(&src, "forwardLink").contains("nativeOnNewIntent("));
    assert!(src.contains(&format!(
        "MAX_LINK_CHARS = {}",
        haven::core::link::MAX_LINK_CHARS
    )));
}

#[test]
fn main_activity_natives_match_the_rust_jni_exports() {
    let src = main_activity();
    let kotlin: BTreeSet<String> = src
        .lines()
        .filter_map(|l| {
            let rest = l.split("external fun ").nth(1)?;
            Some(rest.split('(').next()?.trim().to_string())
        })
        .collect();
    let rust = read("src/platform/android.rs");
    let exported: BTreeSet<String> = rust
        .split("Java_dev_dioxus_main_MainActivity_")
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect();
    assert_eq!(kotlin, exported);
    assert_eq!(
        kotlin,
        BTreeSet::from([
            "nativeInit".to_string(),
            "nativeOnLifecycle".to_string(),
            "nativeOnNewIntent".to_string()
        ])
    );
    // shareText is called from Rust by name and signature.
    assert!(src.contains("fun shareText(text: String): Boolean"));
    assert!(rust.contains("\"shareText\""));
    assert!(rust.contains("\"(Ljava/lang/String;)Z\""));
}

#[test]
fn main_activity_build_config_alias_is_the_application_id() {
    let t = dioxus_toml();
    let id = get_str(&t, &["bundle", "identifier"]);
    assert_eq!(id, identity::PACKAGE_ID);
    assert!(main_activity().contains(&format!("typealias BuildConfig = {id}.BuildConfig")));
}

#[test]
fn main_activity_turns_webview_debugging_off_unless_debuggable() {
    let src = main_activity();
    let hook = kotlin_fun(&src, "onWebViewCreate");
    assert!(hook.contains("if (!isDebuggable())"));
    assert_eq!(
        hook.matches("setWebContentsDebuggingEnabled(false)")
            .count(),
        2
    );
    assert!(!src.contains("setWebContentsDebuggingEnabled(true)"));
    assert!(kotlin_fun(&src, "isDebuggable").contains("FLAG_DEBUGGABLE"));
    assert!(hook.contains("IMPORTANT_FOR_AUTOFILL_NO_EXCLUDE_DESCENDANTS"));
}

#[test]
fn keyboard_learning_is_off_in_the_webview() {
    // wry's RustWebView gets an onCreateInputConnection override through the
    // WRY_RUSTWEBVIEW_CLASS_EXTENSION variable, set for every build in .cargo/config.toml.
    let config: toml::Table = read(".cargo/config.toml").parse().unwrap();
    let ext = config
        .get("env")
        .and_then(|e| e.get("WRY_RUSTWEBVIEW_CLASS_EXTENSION"))
        .and_then(|v| {
            v.as_str()
                .or_else(|| v.get("value").and_then(|v| v.as_str()))
        })
        .expect("[env] WRY_RUSTWEBVIEW_CLASS_EXTENSION");
    assert!(ext.contains("override fun onCreateInputConnection("));
    assert!(ext.contains("IME_FLAG_NO_PERSONALIZED_LEARNING"));
    assert!(ext.contains("super.onCreateInputConnection(outAttrs)"));
}

#[test]
fn no_notifications_or_clipboard_in_platform_code() {
    let mut files = Vec::new();
    collect(&root().join("platforms"), &mut files);
    collect(&root().join("src/platform"), &mut files);
    for f in files {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        let code = kotlin_code(&text);
        for banned in [
            "NotificationManager",
            "NotificationCompat",
            "UNUserNotificationCenter",
            "ClipboardManager",
            "UIPasteboard",
            "setPrimaryClip",
        ] {
            assert!(!code.contains(banned), "{} uses {banned}", f.display());
        }
    }
}

// ---------------------------------------------------------------- KeystoreBridge.kt

#[test]
fn keystore_bridge_uses_a_hardware_key_as_rust_expects() {
    let path = "platforms/android/bridge/src/main/kotlin/calc/platform/KeystoreBridge.kt";
    let src = kotlin_code(&read(path));
    assert!(src.contains("package calc.platform"));
    assert!(src.contains("object KeystoreBridge"));
    // One Keystore key per slot secret: every call names its alias (the secret id in hex,
    // or "k1" for the format-v1 secret, which Rust passes as KEYSTORE_ALIAS).
    assert!(!src.contains("ALIAS = "));
    assert!(src.contains("fun wrap(alias: String, secret: ByteArray)"));
    assert!(src.contains("fun unwrap(alias: String, wrapped: ByteArray)"));
    assert!(src.contains("fun deleteKey(alias: String)"));
    assert!(src.contains("store.deleteEntry(alias)"));
    assert!(src.contains("KeyGenParameterSpec.Builder(\n            alias,"));
    // Usable only while the phone is unlocked (API 28+), StrongBox when the feature is
    // there, with a fallback when generation says there is none.
    assert!(src.contains("spec.setUnlockedDeviceRequired(true)"));
    assert!(src.contains("Build.VERSION.SDK_INT >= Build.VERSION_CODES.P"));
    assert!(src.contains("PackageManager.FEATURE_STRONGBOX_KEYSTORE"));
    assert!(src.contains("catch (e: StrongBoxUnavailableException)"));
    assert!(src.contains("return generate(alias, strongBox = false)"));
    let aad = std::str::from_utf8(wrapped::WRAP_AAD).unwrap();
    assert!(src.contains(&format!("\"{aad}\".toByteArray(")));
    assert!(src.contains("TRANSFORMATION = \"AES/GCM/NoPadding\""));
    assert!(src.contains("NONCE_LEN = 12"));
    assert!(src.contains("TAG_BITS = 128"));
    assert!(src.contains("KEYSTORE = \"AndroidKeyStore\""));
    assert!(src.contains("KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE)"));
    assert!(src.contains(".setKeySize(256)"));
    assert!(src.contains("setIsStrongBoxBacked(true)"));
    assert!(src.contains(".setUserAuthenticationRequired(false)"));
    assert!(src.contains(".setRandomizedEncryptionRequired(true)"));
    assert!(src.contains("updateAAD(AAD)"));
    // A key made in software (SecretKeySpec) could be read out; there must be none.
    assert!(!src.contains("SecretKeySpec"));
    for f in ["wrap", "unwrap", "deleteKey", "init"] {
        assert!(
            src.contains(&format!("@JvmStatic\n    fun {f}(")),
            "{f} must be a static method for JNI"
        );
    }

    // Rust calls the class by this JNI name; Gradle builds it under this namespace.
    let rust = read("src/platform/android.rs");
    assert!(rust.contains("KEYSTORE_BRIDGE_CLASS: &str = \"calc/platform/KeystoreBridge\""));
    let compact: String = rust.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(compact.contains("\"wrap\",\"(Ljava/lang/String;[B)[B\""));
    assert!(compact.contains("\"unwrap\",\"(Ljava/lang/String;[B)[B\""));
    assert!(compact.contains("\"deleteKey\",\"(Ljava/lang/String;)V\""));
    let wrapped_rs = read("src/platform/wrapped.rs");
    assert!(wrapped_rs.contains("self.wrapper.wrap(&id.to_hex(), &key)"));
    assert!(wrapped_rs.contains("self.load_at(&self.path_of(id), &id.to_hex())"));
    assert!(wrapped_rs.contains("self.destroy_at(&self.path_of(id), &id.to_hex())"));
    let gradle = read("platforms/android/bridge/build.gradle.kts");
    assert!(gradle.contains("namespace = \"calc.platform\""));
    assert!(gradle.contains("id(\"com.android.library\")"));
    let keep = read("platforms/android/bridge/consumer-rules.pro");
    assert!(keep.contains("-keep class calc.platform.KeystoreBridge"));
    assert!(keep.contains("public static boolean shareText(java.lang.String);"));
    assert!(keep.contains("public static byte[] wrap(java.lang.String, byte[]);"));
    assert!(keep.contains("public static byte[] unwrap(java.lang.String, byte[]);"));
    assert!(keep.contains("public static void deleteKey(java.lang.String);"));
}

#[test]
fn ios_slot_secrets_are_protected_by_the_secure_enclave() {
    let src = read("src/platform/ios.rs");
    let compact: String = src.chars().filter(|c| !c.is_whitespace()).collect();
    // A P-256 key generated inside the Secure Enclave per secret, this device only, while
    // unlocked, usable for decryption.
    assert!(compact.contains(".set_token(Token::SecureEnclave)"));
    assert!(compact.contains(".set_key_type(KeyType::ec_sec_prime_random())"));
    assert!(compact.contains(".set_size_in_bits(256)"));
    assert!(compact.contains("ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly"));
    assert!(compact.contains("PRIVATE_KEY_USAGE"));
    // The secret is wrapped with ECIES to the enclave key (SecKeyCreateEncryptedData) and
    // unwrapped inside the enclave.
    assert!(compact.contains("Algorithm::ECIESEncryptionCofactorVariableIVX963SHA256AESGCM"));
    assert!(compact.contains("public.encrypt_data(ECIES,key.expose_secret())"));
    assert!(compact.contains("private.decrypt_data(ECIES,sealed)"));
    // Items are never synchronised; one per secret id; destroy deletes the enclave key first.
    assert!(compact.contains("options.set_access_synchronized(Some(false));"));
    assert!(compact.contains("letaccount=id.to_hex();"));
    let destroy = src
        .find("fn destroy(&self, id: &SecretId)")
        .expect("destroy");
    let body = &src[destroy..];
    let key_del = body.find(".delete()").expect("enclave key deleted");
    let item_del = body.find("delete_item(&account)").expect("item deleted");
    assert!(key_del < item_del, "crypto-shred first");
    // The fallback without an enclave is still ThisDeviceOnly and not synchronised.
    assert!(compact.contains("ITEM_PLAIN"));
    assert!(!src.contains("AccessibleAfterFirstUnlock"));
    assert!(!src.contains("synchronized(Some(true))"));
}

#[test]
fn the_gradle_module_is_declared_to_dx() {
    let rust = read("src/platform/android.rs");
    let decl = "#[manganis::ffi(\"platforms/android/bridge\")]";
    assert!(rust.contains(decl));
    assert!(rust.contains("pub type KeystoreBridge;"));
    assert!(root()
        .join("platforms/android/bridge/build.gradle.kts")
        .is_file());
}

// ---------------------------------------------------------------- iOS

fn info_plist() -> plist::Dictionary {
    let path = root().join(get_str(&dioxus_toml(), &["application", "ios_info_plist"]));
    plist::Value::from_file(path)
        .expect("Info.plist parses")
        .into_dictionary()
        .expect("a dictionary")
}

#[test]
fn ios_plist_is_a_calculator_with_our_scheme_and_no_background_modes() {
    let plist = info_plist();
    let s = |k: &str| plist.get(k).and_then(|v| v.as_string()).map(str::to_string);
    assert_eq!(
        s("CFBundleDisplayName").as_deref(),
        Some(identity::DISPLAY_NAME)
    );
    assert_eq!(s("CFBundleName").as_deref(), Some(identity::DISPLAY_NAME));
    // dx names the executable after the Cargo [[bin]] (tests/it/names.rs checks that one).
    assert_eq!(
        s("CFBundleExecutable").as_deref(),
        Some(identity::EXECUTABLE_NAME)
    );
    assert_eq!(
        s("CFBundleVersion").as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        s("CFBundleIdentifier").as_deref(),
        Some(get_str(&dioxus_toml(), &["bundle", "identifier"]))
    );
    assert_eq!(
        s("CFBundleIdentifier").as_deref(),
        Some(identity::PACKAGE_ID)
    );
    assert!(
        plist.get("UIBackgroundModes").is_none(),
        "no background modes"
    );
    assert_eq!(
        plist
            .get("UIFileSharingEnabled")
            .and_then(|v| v.as_boolean()),
        Some(false)
    );
    assert_eq!(
        plist
            .get("LSSupportsOpeningDocumentsInPlace")
            .and_then(|v| v.as_boolean()),
        Some(false)
    );
    // The only permission: the camera, asked for by iOS when she taps "Take a photo" for
    // an entry (WKWebView's file menu); nothing else.
    for key in plist.keys() {
        assert!(
            !key.ends_with("UsageDescription") || key == "NSCameraUsageDescription",
            "{key}: the app asks for no other permission"
        );
    }

    let types = plist
        .get("CFBundleURLTypes")
        .and_then(|v| v.as_array())
        .expect("CFBundleURLTypes");
    let schemes: Vec<String> = types
        .iter()
        .flat_map(|t| {
            t.as_dictionary()
                .and_then(|d| d.get("CFBundleURLSchemes"))
                .and_then(|v| v.as_array())
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|v| v.as_string().map(str::to_string))
        .collect();
    assert_eq!(
        schemes,
        str_list(get(&dioxus_toml(), &["deep_links", "schemes"]))
    );
    assert_eq!(schemes, vec![identity::URL_SCHEME]);
}

#[test]
fn ios_code_keeps_data_off_backups_and_covers_the_snapshot() {
    // Not compiled here (no iOS SDK): check the security-relevant calls are there.
    let src = read("src/platform/ios.rs");
    assert!(src.contains("ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly"));
    assert!(src.contains("set_access_synchronized(Some(false))"));
    assert!(src.contains("NSURLIsExcludedFromBackupKey"));
    assert!(src.contains(".join(\"Application Support\")"));
    let seam = read("src/platform/mod.rs");
    assert!(seam.contains("ios::cover_window(true);"));
    assert!(seam.contains("ios::cover_window(false);"));
    assert!(seam.contains("const SUSPEND_IS_BACKGROUND: bool = cfg!(target_os = \"ios\");"));
}

// ---------------------------------------------------------------- unsafe hygiene

#[test]
fn every_unsafe_in_platform_has_a_safety_comment() {
    let mut files = Vec::new();
    collect(&root().join("src/platform"), &mut files);
    let mut bad = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let text = fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let is_unsafe = ["unsafe {", "unsafe fn", "unsafe impl", "#[no_mangle]"]
                .iter()
                .any(|m| code.contains(m));
            if !is_unsafe {
                continue;
            }
            let from = i.saturating_sub(6);
            if !lines[from..=i].iter().any(|l| l.contains("// SAFETY:")) {
                bad.push(format!("{}:{}", f.display(), i + 1));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "unsafe without a // SAFETY: comment:\n{}",
        bad.join("\n")
    );
}

// ---------------------------------------------------------------- file chooser (issue 15)

fn memory_files() -> String {
    kotlin_code(&read(
        "platforms/android/bridge/src/main/kotlin/calc/platform/MemoryFiles.kt",
    ))
}

#[test]
fn main_activity_implements_the_webview_file_chooser_with_the_camera() {
    // The WebView shows nothing for <input type="file"> unless the app implements
    // onShowFileChooser; wry's own implementation writes camera photos to external storage
    // through a FileProvider our manifest does not declare.
    let src = main_activity();
    let hook = kotlin_fun(&src, "onWebViewCreate");
    assert!(
        hook.contains("webView.post {"),
        "installed after wry sets its client"
    );
    assert!(hook.contains("webView.webChromeClient = ChooserClient("));
    assert!(src.contains(
        "inner class ChooserClient(private val wry: WebChromeClient?) : WebChromeClient()"
    ));
    let on_show = kotlin_fun(&src, "onShowFileChooser");
    assert!(on_show.contains("showFileChooser(filePathCallback, fileChooserParams)"));
    // Everything else goes back to wry's client.
    for f in [
        "onPermissionRequest",
        "onJsAlert",
        "onConsoleMessage",
        "onReceivedTitle",
    ] {
        assert!(kotlin_fun(&src, f).contains("wry"), "{f} delegates to wry");
    }
    let show = kotlin_fun(&src, "showFileChooser");
    assert!(show.contains("Intent.ACTION_OPEN_DOCUMENT") && show.contains("CATEGORY_OPENABLE"));
    assert!(
        show.contains("MediaStore.ACTION_IMAGE_CAPTURE"),
        "camera allowed"
    );
    assert!(
        show.contains("MemoryFiles.newCapture(this)"),
        "the photo goes to memory"
    );
    assert!(show.contains("MediaStore.EXTRA_OUTPUT, capture"));
    assert!(
        show.contains("params.isCaptureEnabled"),
        "capture opens the camera alone"
    );
    assert!(
        show.contains("EXTRA_INITIAL_INTENTS"),
        "picker offers the camera too"
    );
    assert!(show.contains("choosing = true"));
    // No path to the gallery or to files: no MediaStore inserts, no external storage.
    for bad in [
        "EXTERNAL_CONTENT_URI",
        "getExternalFilesDir",
        "createTempFile",
        "FileProvider",
        "cacheDir",
        "FileOutputStream",
    ] {
        assert!(!src.contains(bad), "MainActivity must not use {bad}");
        assert!(
            !memory_files().contains(bad),
            "MemoryFiles must not use {bad}"
        );
    }
    let result = kotlin_fun(&src, "onActivityResult");
    assert!(result.contains("REQUEST_FILES") && result.contains("choosing = false"));
    assert!(result.contains("MemoryFiles.hasBytes(capture)"));
    assert!(kotlin_fun(&src, "finishChooser").contains("onReceiveValue(uris)"));
    // While the picker or camera is in front, stopping does not lock; otherwise it does,
    // and the camera's photo is forgotten.
    let stop = kotlin_fun(&src, "onStop");
    assert!(stop.contains("if (!choosing)"));
    assert!(stop.contains("MemoryFiles.clearCaptures()"));
    assert!(kotlin_fun(&src, "onDestroy").contains("MemoryFiles.clear()"));
    let off = src
        .find("ACTION_SCREEN_OFF) {")
        .expect("screen-off receiver");
    assert!(src[off..off + 120].contains("MemoryFiles.clear()"));
}

#[test]
fn memory_files_keep_bytes_in_memory_only() {
    let src = memory_files();
    assert!(src.contains("package calc.platform"));
    assert!(src.contains("class MemoryFiles : ContentProvider()"));
    // Served through pipes from a byte array; nothing opens a file.
    let open = kotlin_fun(&src, "openFile");
    assert!(open.contains("ParcelFileDescriptor.createReliablePipe()"));
    assert!(open.contains("if (!e.writable) throw FileNotFoundException()"));
    assert!(
        open.contains("MAX_BYTES"),
        "a writer cannot fill memory without bound"
    );
    assert!(!src.contains("import java.io.File\n") && !src.contains(" File("));
    // The authority is the one the manifest declares.
    assert!(src.contains("context.packageName + \".files\""));
    // Forgetting overwrites first.
    assert!(kotlin_fun(&src, "clearWhere").contains("e.bytes.fill(0)"));
    // URIs carry a random key, never the file name.
    let at = src.find("fun uriOf(").expect("uriOf");
    let uri = &src[at..at + src[at..].find(".build()").expect("builds a Uri")];
    assert!(uri.contains("appendPath(key)") && !uri.contains("name"));
}

#[test]
fn share_file_and_clear_captures_match_rust() {
    let src = main_activity();
    let rust = read("src/platform/android.rs");
    assert!(src.contains("fun shareFile(name: String, mime: String, bytes: ByteArray): Boolean"));
    assert!(rust.contains("\"shareFile\""));
    assert!(rust.contains("\"(Ljava/lang/String;Ljava/lang/String;[B)Z\""));
    let share = kotlin_fun(&src, "shareFile");
    assert!(share.contains("MemoryFiles.put(activity, name, mime, bytes)"));
    assert!(share.contains("FLAG_GRANT_READ_URI_PERMISSION"));
    assert!(share.contains("Intent.EXTRA_STREAM"));
    assert!(src.contains("fun clearCaptures(): Boolean"));
    assert!(rust.contains("\"clearCaptures\"") && rust.contains("\"()Z\""));
}

#[test]
fn ios_camera_use_is_described_if_the_file_picker_offers_it() {
    // WKWebView shows its own menu for <input type="file"> (photo library, take photo,
    // choose file); taking a photo needs NSCameraUsageDescription or the app is killed.
    let plist = info_plist();
    let text = plist
        .get("NSCameraUsageDescription")
        .and_then(|v| v.as_string())
        .expect("NSCameraUsageDescription");
    assert!(!text.is_empty());
    for word in ["safety", "abuse", "evidence", "violence", "vault"] {
        assert!(!text.to_lowercase().contains(word), "neutral camera text");
    }
}
