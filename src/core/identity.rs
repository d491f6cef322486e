//! The app's names on the outside, in one place: what the phone, the desktop and the browser
//! show about the installed app.
//!
//! Whoever checks a phone sees the app's label, its package or bundle id (Android App info,
//! iOS Settings), the URL scheme it claims (a browser offers to open `scheme://…` with it),
//! the desktop process name and window class, and the folders it creates. None of these may
//! name the project or hint at its purpose: they all say "calculator", under a neutral brand.
//!
//! **Deployers change the names here, and only here.** The platform files cannot read Rust,
//! so they repeat the values; `tests/it/platform_manifest.rs` and `tests/it/names.rs` fail
//! until every copy agrees with this module:
//! - [`DISPLAY_NAME`]: window title, Android `android:label`, iOS `CFBundleDisplayName` /
//!   `CFBundleName`, Dioxus.toml `[web.app] title` and `[bundle] short_description`;
//! - [`PACKAGE_ID`]: Dioxus.toml `[bundle] identifier` (Android application id, iOS bundle id),
//!   `Info.plist` `CFBundleIdentifier`, the `BuildConfig` alias in `MainActivity.kt`;
//! - [`EXECUTABLE_NAME`]: Cargo.toml `[[bin]]` and `default-run`, Dioxus.toml
//!   `[application] name`, `Info.plist` `CFBundleExecutable`; on the Linux desktop it is also
//!   the process name, the window class (`WM_CLASS`, Wayland app id) and the name WebKitGTK
//!   gives its cache folder (`~/.cache/<EXECUTABLE_NAME>`);
//! - [`URL_SCHEME`]: Dioxus.toml `[deep_links] schemes`, the manifest's intent filter, the
//!   plist's `CFBundleURLSchemes`;
//! - [`LINK_HOST`] / [`LINK_PATH`]: Dioxus.toml `[deep_links] hosts` / `paths` and the
//!   manifest's App Links filter (a placeholder: see [`LINK_HOST`]);
//! - [`DATA_DIR_NAME`], [`WEBVIEW_DIR_NAME`]: folders on disk.
//!
//! The Cargo package and library stay `haven` (the crate name is never shown on a phone);
//! the format prefixes inside signatures and key derivations (`haven/link/1`, …) are frozen
//! wire formats, never shown and never written to the data directory as text.

/// The scheme as a literal, so [`APP_LINK_BASE`] can be built at compile time.
macro_rules! url_scheme {
    () => {
        "simplecalc"
    };
}

/// The name shown under the icon, in the app switcher and as the window title.
pub const DISPLAY_NAME: &str = "Calculator";

/// Android application id and iOS bundle id (reverse DNS, at least three parts: dx derives
/// the mobile organisation from the first two).
pub const PACKAGE_ID: &str = "net.simplecalc.calculator";

/// Name of the app's executable: the process name on the desktop, `CFBundleExecutable` on
/// iOS, and (through dx) the iOS bundle name "Calculator".
pub const EXECUTABLE_NAME: &str = "calculator";

/// URL scheme of resource links the app opens: `simplecalc://r#…`. A browser asked to open
/// it offers the app by its label, "Calculator": a calculator brand with its own scheme.
pub const URL_SCHEME: &str = url_scheme!();

/// Base of the links the app opens itself (`<URL_SCHEME>://r`, fragment appended).
pub const APP_LINK_BASE: &str = concat!(url_scheme!(), "://r");

/// Host of the https resource links the app claims (Android App Links, iOS universal links).
/// A placeholder under the reserved `example.org`: a publisher replaces it with a host they
/// control (serving `assetlinks.json` / `apple-app-site-association`).
pub const LINK_HOST: &str = "links.example.org";

/// Path prefix of https resource links (`https://<LINK_HOST>/r#…`).
pub const LINK_PATH: &str = "/r";

/// Name of the app's own folder inside the platform's data location.
pub const DATA_DIR_NAME: &str = "calc";

/// Name of the desktop webview's folder (local storage, cookies, HSTS list), inside the data
/// directory. Without it WebKitGTK makes `~/.local/share/<program name>`.
pub const WEBVIEW_DIR_NAME: &str = "w";

/// Words none of the names above may contain, in any case: the project's name and what it
/// is for. `tests/it/names.rs` also scans the platform files and the data files for them.
pub const TELLTALE_WORDS: &[&str] = &["haven", "safety", "vault", "shelter"];

/// Whether `text` contains none of [`TELLTALE_WORDS`] (ASCII case-insensitive).
pub fn is_neutral(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    TELLTALE_WORDS.iter().all(|w| !lower.contains(w))
}

/// Every outside name, with what it is (for tests and reviews).
pub const ALL: &[(&str, &str)] = &[
    ("display name", DISPLAY_NAME),
    ("package id", PACKAGE_ID),
    ("executable", EXECUTABLE_NAME),
    ("URL scheme", URL_SCHEME),
    ("app link base", APP_LINK_BASE),
    ("link host", LINK_HOST),
    ("link path", LINK_PATH),
    ("data folder", DATA_DIR_NAME),
    ("webview folder", WEBVIEW_DIR_NAME),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_outside_name_is_a_telltale() {
        for (what, name) in ALL {
            assert!(is_neutral(name), "{what} {name:?} names the project");
        }
        assert!(!is_neutral("org.HAVEN.calculator"));
        assert!(!is_neutral("Safety"));
        assert!(is_neutral("calculator"));
    }

    #[test]
    fn the_scheme_is_a_valid_lower_case_uri_scheme() {
        // RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ); Android matches schemes
        // case-sensitively and lower case only.
        let mut chars = URL_SCHEME.chars();
        assert!(chars.next().is_some_and(|c| c.is_ascii_lowercase()));
        assert!(chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c)));
        assert!(
            !["http", "https", "file", "content", "intent", "javascript"].contains(&URL_SCHEME)
        );
        assert_eq!(APP_LINK_BASE, format!("{URL_SCHEME}://r"));
    }

    #[test]
    fn the_package_id_is_a_valid_application_id() {
        // Android: at least two segments, each a Java identifier starting with a letter;
        // dx 0.7.10 wants three. Lower case ASCII keeps it valid for iOS too.
        let parts: Vec<&str> = PACKAGE_ID.split('.').collect();
        assert!(parts.len() >= 3, "{PACKAGE_ID}");
        for p in parts {
            let mut c = p.chars();
            assert!(c.next().is_some_and(|c| c.is_ascii_lowercase()), "{p}");
            assert!(c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        }
    }

    #[test]
    fn folder_and_executable_names_are_single_plain_components() {
        for name in [EXECUTABLE_NAME, DATA_DIR_NAME, WEBVIEW_DIR_NAME] {
            assert!(!name.is_empty());
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        assert!(LINK_PATH.starts_with('/') && !LINK_PATH.ends_with('/'));
        assert!(LINK_HOST.contains('.') && !LINK_HOST.contains('/'));
    }
}
