//! The web landing page for resource links (`assets/web/`): its pinned roots match
//! `assets/trust/roots.json`, it has a strict CSP and no code that could reach the network
//! but one same-folder fetch of the root-signed `revocations.json`, and in headless Chromium
//! (driven by playwright-core through `tests/web/link_page.cjs`) it shows valid, tampered,
//! expired, revoked and unsigned links like the Rust decoder does, with no network request
//! of its own beyond that list, and none at all offline; in English and Spanish (browser
//! language, and the switch), with every unsigned contact marked, and a quick exit that
//! replaces the page and its history entry with a neutral site.
//!
//! Needs `/usr/bin/chromium`, `node` and playwright-core in `target/web-test/`; all three
//! are installed by `bash .ci/setup`. When one is missing this test FAILS with the command
//! to install it: it never skips.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use time::OffsetDateTime;

use haven::core::link::{decode_link, encode_link, LinkProblem, Signing};

use crate::link::{data, fixture, load_vectors, resources_3, TEST_ORG, WEB_BASE};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn web(file: &str) -> String {
    fs::read_to_string(root().join("assets/web").join(file)).unwrap()
}

const ROOTS_OPEN: &str = r#"<script type="application/json" id="haven-roots">"#;

/// The text of the pinned-roots data block in index.html.
fn roots_block(html: &str) -> &str {
    let start = html.find(ROOTS_OPEN).expect("roots block") + ROOTS_OPEN.len();
    let len = html[start..].find("</script>").expect("end of roots block");
    &html[start..start + len]
}

#[test]
fn page_roots_match_the_pinned_roots() {
    let html = web("index.html");
    let page: Value = serde_json::from_str(roots_block(&html)).unwrap();
    let pinned: Value =
        serde_json::from_slice(&fs::read(root().join("assets/trust/roots.json")).unwrap()).unwrap();
    assert_eq!(
        page,
        pinned,
        "assets/web/index.html must embed assets/trust/roots.json; replace its haven-roots \
         block with:\n{}",
        serde_json::to_string_pretty(&pinned).unwrap()
    );
}

#[test]
fn page_has_a_strict_csp_and_no_network_code() {
    let html = web("index.html");
    assert!(html.contains(
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'">"#
    ));
    assert!(html.contains(r#"<meta name="referrer" content="no-referrer">"#));
    for bad in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "<iframe",
        "<img",
        "<form",
    ] {
        assert!(!html.contains(bad), "index.html contains {bad}");
    }
    let js = web("link.js") + &web("strings.js");
    // One request only: the root-signed revocations.json beside the page.
    assert_eq!(js.matches("fetch(").count(), 1);
    assert!(js.contains("fetch('revocations.json', {"));
    for bad in [
        "XMLHttpRequest",
        "WebSocket",
        "sendBeacon",
        "EventSource",
        "import(",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "localStorage",
        "sessionStorage",
        "indexedDB",
        "document.cookie",
        "new Image",
        "RTCPeerConnection",
    ] {
        assert!(!js.contains(bad), "link.js contains {bad}");
    }
    let css = web("style.css");
    assert!(
        !css.contains("url(") && !css.contains("@import"),
        "style.css loads something"
    );
}

fn problem_name(p: LinkProblem) -> &'static str {
    match p {
        LinkProblem::NotALink => "not-a-link",
        LinkProblem::Damaged => "damaged",
        LinkProblem::Unsupported => "unsupported",
        LinkProblem::NotTrusted => "not-trusted",
        LinkProblem::Expired => "expired",
        LinkProblem::CannotShare => "cannot-share",
        LinkProblem::Revoked => "revoked",
    }
}

fn require_tools() -> (PathBuf, PathBuf) {
    let chromium = std::env::var_os("HAVEN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.exists(),
        "{} not found: the web page test needs Debian's Chromium. Install it with \
         `apt-get install chromium` (or run `bash .ci/setup`).",
        chromium.display()
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.as_ref().is_ok_and(|o| o.status.success()),
        "node not found: install Node.js (`apt-get install nodejs npm`, or run `bash .ci/setup`)."
    );
    let pw = root().join("target/web-test/node_modules/playwright-core");
    assert!(
        pw.join("package.json").exists(),
        "{} not found: install the driver with `npm install --prefix target/web-test \
         playwright-core@1.64.1` (or run `bash .ci/setup`).",
        pw.display()
    );
    (chromium, pw)
}

/// Copy the page into `dir`, optionally with another roots block (TEST-ONLY roots).
fn stage_page(dir: &Path, roots_json: Option<&str>) {
    stage_page_with(dir, roots_json, None);
}

/// A page folder, with `revocations.json` beside it when `revocations` is given.
fn stage_page_with(dir: &Path, roots_json: Option<&str>, revocations: Option<&[u8]>) {
    fs::create_dir_all(dir).unwrap();
    if let Some(list) = revocations {
        fs::write(dir.join("revocations.json"), list).unwrap();
    }
    for f in ["index.html", "strings.js", "link.js", "style.css"] {
        let mut text = web(f);
        if let (Some(roots), "index.html") = (roots_json, f) {
            let old = roots_block(&text).to_owned();
            text = text.replacen(&old, &format!("\n{roots}"), 1);
        }
        fs::write(dir.join(f), text).unwrap();
    }
}

fn fragment(link: &str) -> String {
    link.split_once('#')
        .map(|(_, f)| f.to_owned())
        .unwrap_or_default()
}

#[test]
fn page_in_headless_chromium() {
    let (chromium, playwright) = require_tools();
    let tmp = tempfile::tempdir().unwrap();
    stage_page(&tmp.path().join("real"), None);
    let test_roots = fs::read_to_string(data("keys/TEST-ONLY-roots.json")).unwrap();
    stage_page(&tmp.path().join("test"), Some(&test_roots));

    let f = fixture();
    let now = OffsetDateTime::now_utc();
    let mut cases = Vec::new();
    let mut add =
        |name: &str, page: &str, link: &str, roots: &haven::core::trust::Roots, offline| {
            // What the Rust decoder says is what the page must say.
            let mut case = json!({ "name": name, "page": page, "fragment": fragment(link),
                               "offline": offline });
            match decode_link(link, roots, now) {
                Ok(p) => {
                    case["state"] = json!(if p.verification.is_verified() {
                        "verified"
                    } else {
                        "unsigned"
                    });
                    case["organisation"] = json!(p.verification.organisation());
                    case["count"] = json!(p.resources.len());
                    let hrefs: Vec<String> = p
                        .resources
                        .iter()
                        .flat_map(|r| r.contacts.iter().filter_map(|c| c.action_uri()))
                        .collect();
                    case["hrefs"] = json!(hrefs);
                }
                Err(e) => {
                    case["state"] = json!("error");
                    case["problem"] = json!(problem_name(e.problem()));
                }
            }
            cases.push(case);
        };
    let real_roots = haven::core::trust::Roots::bundled().unwrap();
    let offline = [
        "signed-3",
        "signed-3-tampered-phone",
        "unsigned-3",
        "signed-3-expired",
    ];
    for c in load_vectors().cases {
        add(
            &c.name,
            "test",
            &c.link,
            &f.roots,
            offline.contains(&c.name.as_str()),
        );
    }
    // Format-1 links still read, on the page as in the app (version byte 2 was the
    // "unsupported" case of format 1; it is a real format now).
    let v1: crate::link::Vectors =
        serde_json::from_slice(&fs::read(data("vectors-v1.json")).unwrap()).unwrap();
    for c in v1.cases.iter().filter(|c| c.name != "wrong-version") {
        add(&format!("v1 {}", c.name), "test", &c.link, &f.roots, false);
    }
    let fresh = encode_link(
        &resources_3(),
        Signing::Signed {
            signer: &f.links,
            issued: now,
            expires: now + time::Duration::days(1),
        },
        WEB_BASE,
    )
    .unwrap();
    add("fresh-signed", "test", &fresh, &f.roots, true);
    // The page as shipped pins the real roots: a TEST-ONLY signature is not trusted there.
    add("fresh-signed", "real", &fresh, &real_roots, false);
    let unsigned = encode_link(&resources_3(), Signing::Unsigned, WEB_BASE).unwrap();
    add("unsigned", "real", &unsigned, &real_roots, false);
    // A page with revocations.json (the frozen vector: the TEST-ONLY links key revoked).
    let list_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/trust/revocations-v1.json");
    let list_bytes = fs::read(list_path).unwrap();
    stage_page_with(
        &tmp.path().join("revoked"),
        Some(&test_roots),
        Some(&list_bytes),
    );
    let list = haven::core::trust::RevocationList::open(&list_bytes, &f.roots).unwrap();
    let revoked_roots = f.roots.with_revocations(&list);
    add("revoked-key", "revoked", &fresh, &revoked_roots, false);
    let other = encode_link(
        &resources_3(),
        Signing::Signed {
            signer: &f.links2,
            issued: now,
            expires: now + time::Duration::days(1),
        },
        WEB_BASE,
    )
    .unwrap();
    add("other-key", "revoked", &other, &revoked_roots, false);

    // Sanity: the cases cover every outcome the page must show.
    let states: Vec<&str> = cases.iter().filter_map(|c| c["state"].as_str()).collect();
    assert!(
        states.contains(&"verified") && states.contains(&"unsigned") && states.contains(&"error")
    );
    assert!(cases.iter().any(|c| c["organisation"] == json!(TEST_ORG)));
    for p in [
        "not-trusted",
        "revoked",
        "expired",
        "damaged",
        "unsupported",
        "not-a-link",
    ] {
        assert!(
            cases.iter().any(|c| c["problem"] == json!(p)),
            "no case for {p}"
        );
    }

    let config = json!({
        "playwright": playwright,
        "chromium": chromium,
        "tmp": tmp.path(),
        "pages": { "real": tmp.path().join("real"), "test": tmp.path().join("test"),
                   "revoked": tmp.path().join("revoked") },
        "cases": cases,
    });
    let config_path = tmp.path().join("config.json");
    fs::write(&config_path, serde_json::to_vec_pretty(&config).unwrap()).unwrap();

    let mut child = Command::new("node")
        .arg(root().join("tests/web/link_page.cjs"))
        .arg(&config_path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the Chromium page test did not finish within 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    let last = stdout.lines().last().unwrap_or("");
    assert!(
        status.success() && last.ends_with(" passed, 0 failed") && !last.starts_with("0 "),
        "Chromium page test failed:\n{}\n{stderr}",
        stdout
            .lines()
            .filter(|l| !l.starts_with("ok - "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
