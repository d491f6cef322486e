//! Headless tests of resource links in the app: a link delivered while locked stays out of
//! the DOM until unlock; the Import screen previews (verified / not verified), refuses
//! tampered and expired links calmly and saves nothing until Save; Share makes a link that
//! decodes back to the picked resources (signed once an organisation key is set) with a QR
//! code; quick exit drops the pending link and the picks.

use crate::flows::{app_with, unlock, Fixture, DECOY, PIN};
use crate::plan::{private_part, small_targets};
use base64::Engine as _;
use haven::core::link::{self, decode_link, LinkSigner, Signing, Verification};
use haven::core::resource::{ContactKind, ContactPoint, Resource, ResourceKind};
use haven::core::share::{self, OrgKeyRecord, ORG_KEY_FORMAT};
use haven::core::trust::{Delegation, RootKey, Roots, Scope, SigningKey};
use haven::platform::PlatformEvent;
use haven::ui::views::share::share_base;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use zeroize::Zeroizing;

const WAIT: Duration = Duration::from_secs(20);
const ORG: &str = "Riverside Family Justice Center (TEST)";
const NAME_A: &str = "Riverside Advocacy Line";
const NAME_B: &str = "Harbor Night Shelter";

/// A fresh root, a `links` key delegated by it (for a year from the test clock), and the
/// key's PEM + delegation text (what a person pastes into Settings).
struct Keys {
    roots: Roots,
    signer: LinkSigner,
    pem: Zeroizing<String>,
    delegation: String,
}

fn clock_now(f: &Fixture) -> OffsetDateTime {
    use haven::core::clock::Clock;
    OffsetDateTime::from_unix_timestamp(f.clock.now_unix_secs() as i64).unwrap()
}

/// The fixture clock starts here (see `flows::app_with`).
fn start() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
}

fn keys() -> Keys {
    let root = SigningKey::generate().unwrap();
    let roots = Roots::new(vec![RootKey::new(
        root.public_key(),
        "test root (never pin)",
    )])
    .unwrap();
    let key = SigningKey::generate().unwrap();
    let deleg = Delegation::issue(
        &root,
        &key.public_key(),
        Scope::Links,
        ORG,
        start() + time::Duration::days(365),
    )
    .unwrap();
    let pem = key.to_pem();
    let delegation = deleg.to_text();
    let signer = LinkSigner::from_text(&pem, &delegation).unwrap();
    Keys {
        roots,
        signer,
        pem,
        delegation,
    }
}

fn resources() -> Vec<Resource> {
    let mut a = Resource::new("test-a", NAME_A, ResourceKind::Hotline);
    a.contacts
        .push(ContactPoint::new(ContactKind::Call, "555-0100"));
    let mut b = Resource::new("test-b", NAME_B, ResourceKind::Shelter);
    b.contacts
        .push(ContactPoint::new(ContactKind::Text, "555-0199"));
    vec![a, b]
}

fn signed_link(k: &Keys, issued: OffsetDateTime, expires: OffsetDateTime) -> String {
    let signing = Signing::Signed {
        signer: &k.signer,
        issued,
        expires,
    };
    link::encode_link(&resources(), signing, &share_base()).unwrap()
}

fn unsigned_link() -> String {
    link::encode_link(&resources(), Signing::Unsigned, &share_base()).unwrap()
}

async fn app_trusting(k: &Keys) -> Fixture {
    let roots = k.roots.clone();
    app_with(Some(None), move |s| s.roots = Arc::new(roots)).await
}

/// Hand a link to the running app the way the platform layer does.
async fn deliver(f: &mut Fixture, url: &str) {
    f.services
        .events
        .send(PlatformEvent::OpenLink(url.to_owned()))
        .expect("the app listens for platform events");
    f.t.settle(Duration::from_millis(100)).await;
}

fn no_private_words(html: &str) {
    for w in [
        NAME_A,
        NAME_B,
        ORG,
        "Verified",
        "Not verified",
        "id=\"private\"",
        "import",
    ] {
        assert!(!html.contains(w), "`{w}` must not be in the locked page");
    }
}

async fn saved_names(f: &mut Fixture) -> String {
    f.t.click("quick-exit");
    assert!(unlock(f, PIN).await);
    f.t.click("home-resources");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"resources\""))
            .await
    );
    f.t.html()
}

#[tokio::test]
async fn a_link_waits_behind_the_calculator_then_previews_verified_and_saves_on_tap() {
    let k = keys();
    let mut f = app_trusting(&k).await;
    let now = clock_now(&f);
    let url = signed_link(
        &k,
        now - time::Duration::days(1),
        now + time::Duration::days(30),
    );
    deliver(&mut f, &url).await;
    let html = f.t.html();
    assert!(html.contains("id=\"calculator\""));
    no_private_words(&html);

    assert!(unlock(&mut f, PIN).await);
    assert!(
        f.t.exists("home-plan"),
        "unlock opens home, as every unlock does"
    );
    assert_eq!(
        f.t.text_of("home-link-waiting").as_deref(),
        Some("1 link waiting")
    );
    f.t.click("home-link-waiting");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"import-verified\""))
            .await,
        "Import opens from the waiting entry"
    );
    let expires = haven::core::resource::iso_date::format((now + time::Duration::days(30)).date());
    assert_eq!(
        f.t.text_of("import-verified").as_deref(),
        Some(format!("Verified: {ORG}, expires {expires}").as_str())
    );
    let html = f.t.html();
    assert!(
        html.contains(NAME_A) && html.contains(NAME_B),
        "both resources previewed"
    );
    assert!(
        html.contains("href=\"tel:"),
        "the card shows how to reach it"
    );
    assert!(html.contains("Nothing is saved until you tap Save."));

    // Nothing was saved by the preview: My resources is still empty.
    {
        let session = f.t.dom.in_runtime(|| {
            f.t.dom
                .runtime()
                .consume_context::<haven::ui::AppState>(dioxus_core::ScopeId::APP)
                .unwrap()
                .session()
                .unwrap()
        });
        let count = session
            .run(|v| Ok(v.list()?.iter().filter(|n| n.starts_with("myres/")).count()))
            .await
            .unwrap();
        assert_eq!(count, 0, "a preview saves nothing");
    }

    f.t.click("import-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"import-saved\""))
            .await
    );
    assert_eq!(
        f.t.text_of("import-saved").as_deref(),
        Some("Saved 2 resources to my resources.")
    );
    let html = saved_names(&mut f).await;
    assert!(
        html.contains(NAME_A) && html.contains(NAME_B),
        "copies listed after lock/unlock"
    );
    assert!(
        !f.t.exists("home-link-waiting"),
        "the link was consumed: nothing waits"
    );
}

#[tokio::test]
async fn back_from_import_goes_home_and_quick_exit_drops_the_link() {
    let k = keys();
    let mut f = app_trusting(&k).await;
    deliver(&mut f, &unsigned_link()).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-link-waiting");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"import-unverified\""))
            .await
    );
    f.t.click("nav-back");
    assert!(f.t.exists("home-plan"), "Back from Import goes home");

    deliver(&mut f, &unsigned_link()).await;
    assert!(
        f.t.exists("import-unverified"),
        "a link opened while unlocked shows at once"
    );
    f.t.click("quick-exit");
    no_private_words(&f.t.html());
    assert!(unlock(&mut f, PIN).await);
    assert!(
        f.t.exists("home-plan") && !f.t.exists("home-link-waiting"),
        "quick exit dropped the pending link"
    );
    assert!(!f.t.exists("import"));
}

#[tokio::test]
async fn the_decoy_never_shows_a_link() {
    let k = keys();
    let roots = k.roots.clone();
    let mut f = app_with(Some(Some(false)), move |s| s.roots = Arc::new(roots)).await;
    deliver(&mut f, &unsigned_link()).await;
    assert!(unlock(&mut f, DECOY).await);
    assert!(f.t.exists("notes-new"), "the decoy opens on its Notes list");
    let html = f.t.html();
    for w in [NAME_A, NAME_B, "Not verified", "id=\"import", "link"] {
        assert!(!html.contains(w), "`{w}` must not show in the decoy");
    }
    deliver(&mut f, &unsigned_link()).await;
    assert!(
        f.t.exists("notes-new") && !f.t.exists("import"),
        "nor while it is open"
    );
    f.t.click("quick-exit");
    assert!(unlock(&mut f, PIN).await);
    assert!(
        f.t.exists("home-plan") && !f.t.exists("home-link-waiting"),
        "the link was dropped, not kept for the real space"
    );
}

#[tokio::test]
async fn unsigned_links_say_not_verified() {
    let k = keys();
    let mut f = app_trusting(&k).await;
    deliver(&mut f, &unsigned_link()).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-link-waiting");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"import-unverified\""))
            .await
    );
    assert_eq!(
        f.t.text_of("import-unverified").as_deref(),
        Some("Not verified — check with the person who sent it")
    );
    assert!(!f.t.exists("import-verified"));
    assert!(f.t.html().contains(NAME_A));
    f.t.click("import-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"import-saved\""))
            .await
    );
    // Saved, it still says where it came from: never "Copied from the directory".
    let html = saved_names(&mut f).await;
    assert!(html.contains(NAME_A));
    assert!(html.contains("From a link that was not verified"));
    assert!(!html.contains("Copied from the directory"));
}

#[tokio::test]
async fn tampered_expired_and_foreign_links_explain_calmly_and_save_nothing() {
    let k = keys();
    let now = start();
    // Last byte of the signature flipped.
    let good = signed_link(
        &k,
        now - time::Duration::days(1),
        now + time::Duration::days(30),
    );
    let mut bytes = link::payload_bytes(&good).unwrap();
    *bytes.last_mut().unwrap() ^= 0x01;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
    let tampered = format!("{}#{b64}", share_base());
    let expired = signed_link(
        &k,
        now - time::Duration::days(40),
        now - time::Duration::days(10),
    );
    // Signed by a key whose root the app does not pin.
    let other = keys();
    let foreign = signed_link(
        &other,
        now - time::Duration::days(1),
        now + time::Duration::days(3),
    );
    let cases = [
        (tampered, "was changed after it was made"),
        (expired, "This link has expired."),
        (foreign, "someone the app does not know"),
        (format!("{}#AQ", share_base()), "damaged or cut short"),
    ];
    for (url, words) in cases {
        let mut f = app_trusting(&k).await;
        deliver(&mut f, &url).await;
        no_private_words(&f.t.html());
        assert!(unlock(&mut f, PIN).await);
        f.t.click("home-link-waiting");
        assert!(
            f.t.wait_until(WAIT, |h| h.contains("id=\"import-error\""))
                .await,
            "{words}"
        );
        let html = f.t.html();
        assert!(
            f.t.text_of("import-error").unwrap().contains(words),
            "{words}: {html}"
        );
        assert!(html.contains("Nothing was saved and nothing changed."));
        assert!(
            !html.contains(NAME_A) && !html.contains(NAME_B),
            "no preview of a refused link"
        );
        assert!(!f.t.exists("import-save"), "nothing to save");
        let html = saved_names(&mut f).await;
        assert!(html.contains("id=\"res-empty\""), "My resources unchanged");
    }
}

#[tokio::test]
async fn the_paste_box_opens_a_link() {
    let k = keys();
    let mut f = app_trusting(&k).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.open("home-resources").await;
    f.t.click("res-from-link");
    assert!(f.t.exists("import-empty"));
    f.t.input("import-paste", &format!("  {}\n", unsigned_link()));
    f.t.click("import-paste-open");
    assert!(f.t.exists("import-unverified"));
    assert!(f.t.html().contains(NAME_B));
    f.t.input("import-paste", "hello there");
    f.t.click("import-paste-open");
    assert!(f
        .t
        .text_of("import-error")
        .unwrap()
        .contains("does not look like a resource link"));
}

/// Whether the `<input>` with this id carries a `checked` attribute.
fn is_checked(html: &str, id: &str) -> bool {
    let at = html
        .find(&format!("id=\"{id}\""))
        .expect("the input exists");
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    html[start..end].contains("checked")
}

fn current_link(f: &Fixture) -> String {
    f.t.text_of("share-link")
        .expect("a link is shown")
        .trim()
        .to_owned()
}

#[tokio::test]
async fn share_from_the_directory_makes_an_unsigned_link_with_a_qr_code() {
    let k = keys();
    let mut f = app_trusting(&k).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h
            .contains("id=\"dir-pick-us-domestic-violence-hotline\""))
            .await
    );
    assert!(!f.t.exists("dir-share"), "no share bar before picking");
    f.t.change("dir-pick-us-domestic-violence-hotline", "true");
    f.t.change("dir-pick-us-human-trafficking-hotline", "true");
    assert_eq!(f.t.text_of("dir-share").as_deref(), Some("Share picked"));
    assert!(f.t.html().contains("2 picked to share"));
    f.t.click("dir-share");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"share-link\""))
            .await
    );
    let url = current_link(&f);
    assert!(url.starts_with(&share_base()), "{url}");
    assert!(
        haven::platform::is_app_link(&url),
        "the app opens its own links"
    );
    let preview = decode_link(&url, &k.roots, clock_now(&f)).expect("decodes");
    assert_eq!(preview.verification, Verification::Unsigned);
    let names: Vec<&str> = preview.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "National Domestic Violence Hotline",
            "National Human Trafficking Hotline"
        ]
    );
    assert!(f.t.exists("share-unsigned"));
    let html = f.t.html();
    let qr_at = html.find("id=\"share-qr\"").expect("QR code present");
    assert!(html[qr_at..].contains("<svg"), "inline SVG");
    // Desktop has no share sheet: a read-only copy box, never the clipboard.
    assert!(!f.t.exists("share-copy"));
    f.t.click("share-send");
    let html = f.t.html();
    assert!(html.contains("id=\"share-copy\""));
    assert!(html.contains("readonly"));
    assert!(f
        .t
        .text_of("share-clipboard-note")
        .unwrap()
        .contains("Other apps"));
    // Removing one changes the link.
    f.t.click("share-remove-us-human-trafficking-hotline");
    assert!(
        f.t.wait_until(WAIT, |h| !h
            .contains("id=\"share-remove-us-human-trafficking-hotline\"")
            && h.contains("id=\"share-link\""))
            .await
    );
    let mut one = url.clone();
    for _ in 0..100 {
        one = current_link(&f);
        if one != url {
            break;
        }
        f.t.settle(Duration::from_millis(50)).await;
    }
    let preview = decode_link(&one, &k.roots, clock_now(&f)).unwrap();
    assert_eq!(preview.resources.len(), 1);
    // Quick exit clears the picks.
    f.t.click("quick-exit");
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h
            .contains("id=\"dir-pick-us-domestic-violence-hotline\""))
            .await
    );
    assert!(!f.t.exists("dir-share"), "picks were cleared by the lock");
    assert!(
        !is_checked(&f.t.html(), "dir-pick-us-domestic-violence-hotline"),
        "no box still ticked"
    );
}

#[tokio::test]
async fn with_an_org_key_shared_links_are_signed() {
    let k = keys();
    let mut f = app_trusting(&k).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"org-key-state\""))
            .await
    );
    assert!(f
        .t
        .text_of("org-key-state")
        .unwrap()
        .contains("No organisation key"));
    {
        // Touch targets of the organisation key section (the rest of Settings is not ours).
        let html = f.t.html();
        let start = html.find("id=\"org-key\"").expect("section");
        let end = start + html[start..].find("</section>").expect("end");
        let css = include_str!("../../assets/app.css");
        let small = small_targets(&html[start..end], css);
        assert!(small.is_empty(), "small touch targets: {small:?}");
        assert!(
            html[start..end].contains("<textarea"),
            "the check saw the fields"
        );
    }
    // A mismatched pair is refused and nothing is stored.
    let other = keys();
    f.t.input("org-key-pem", &other.pem);
    f.t.input("org-key-delegation", &k.delegation);
    f.t.click("org-key-save");
    assert!(f
        .t
        .text_of("org-key-status")
        .unwrap()
        .contains("do not belong together"));
    f.t.input("org-key-pem", &k.pem);
    f.t.click("org-key-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("The key is saved."))
            .await
    );
    let html = f.t.html();
    assert!(
        !html.contains("-----BEGIN"),
        "the key and delegation are never shown again"
    );
    let key_body = k.pem.lines().nth(1).unwrap().to_owned();
    assert!(!html.contains(&key_body));
    assert!(
        f.t.wait_until(WAIT, |h| h.contains(&format!("Links are signed as {ORG}")))
            .await,
        "organisation shown"
    );

    // A resource typed by hand in My resources, picked and shared.
    f.t.click("nav-back");
    f.t.open("home-resources").await;
    f.t.click("res-add");
    f.t.input("res-form-name", "Aunt Rosa");
    f.t.input("res-form-phone", "555 0123");
    f.t.input("res-form-notes", "my private note");
    f.t.click("res-form-save");
    assert!(f.t.wait_until(WAIT, |h| h.contains("res-item-")).await);
    let id = crate::resources::first_item_id(&f.t.html()).expect("an item");
    f.t.change(&format!("res-pick-{id}"), "true");
    f.t.click("res-share");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"share-signed\""))
            .await
    );
    let now = clock_now(&f);
    let until = haven::core::resource::iso_date::format((now + time::Duration::days(30)).date());
    assert_eq!(
        f.t.text_of("share-signed").as_deref(),
        Some(format!("Signed as {ORG}. The link works until {until}.").as_str())
    );
    let url = current_link(&f);
    let preview = decode_link(&url, &k.roots, now).expect("verifies against the pinned root");
    assert_eq!(preview.verification.organisation(), Some(ORG));
    match &preview.verification {
        Verification::Verified { expires, .. } => {
            assert_eq!(*expires, now + time::Duration::days(share::LINK_DAYS))
        }
        Verification::Unsigned => panic!("signed"),
    }
    assert_eq!(preview.resources.len(), 1);
    assert_eq!(preview.resources[0].name, "Aunt Rosa");
    assert_eq!(preview.resources[0].contacts[0].value, "555 0123");
    assert!(
        !url.contains("private"),
        "the person's notes never go into a link"
    );
    let bytes = link::payload_bytes(&url).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("my private note"));

    // Touch targets of the new screens.
    let css = include_str!("../../assets/app.css");
    let mut problems = Vec::new();
    for b in small_targets(private_part(&f.t.html()).unwrap(), css) {
        problems.push(format!("share: {b}"));
    }
    f.t.open("share-clear").await; // back to My resources, which reads the vault again
    f.t.click("res-from-link");
    f.t.input("import-paste", &unsigned_link());
    f.t.click("import-paste-open");
    for b in small_targets(private_part(&f.t.html()).unwrap(), css) {
        problems.push(format!("import: {b}"));
    }
    // Contact links of the shared resource card: sized by their own rule.
    let contact_rule = css
        .split(".contact-link {")
        .nth(1)
        .and_then(|r| r.split('}').next());
    let contact_ok = contact_rule.is_some_and(|r| r.contains("min-height: 2.75rem"));
    problems.retain(|p| !(contact_ok && p.contains("class=\"contact-link\"")));
    assert!(
        problems.is_empty(),
        "small touch targets:\n{}",
        problems.join("\n")
    );

    // Remove the key: links are unsigned again.
    f.t.click("nav-back");
    f.t.click("nav-back");
    f.t.click("home-settings");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"org-key-remove\""))
            .await
    );
    f.t.click("org-key-remove");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("No organisation key"))
            .await
    );
}

#[test]
fn signed_links_expire_with_the_delegation() {
    let root = SigningKey::generate().unwrap();
    let key = SigningKey::generate().unwrap();
    let soon = start() + time::Duration::days(3);
    let deleg = Delegation::issue(&root, &key.public_key(), Scope::Links, ORG, soon).unwrap();
    let signer = LinkSigner::new(key, deleg).unwrap();
    let made = share::make_link(&resources(), Some(&signer), start(), &share_base()).unwrap();
    assert_eq!(
        made.signed.as_ref().map(|s| s.1),
        Some(soon),
        "capped at the delegation"
    );
    assert!(made.qr.as_deref().is_some_and(|s| s.starts_with("<svg")));
    let late = share::make_link(&resources(), Some(&signer), soon, &share_base()).unwrap();
    assert!(
        late.signed.is_none() && late.key_expired,
        "an expired key does not sign"
    );
}

#[test]
fn my_resources_share_without_notes() {
    let mut m = haven::core::my_resources::MyResource::new("ab12".into(), 1);
    m.name = "Clinic".into();
    m.phone = "555 0100".into();
    m.sms = "741741".into();
    m.sms_body = "HOME".into();
    m.website = "example.org".into();
    m.notes = "secret".into();
    let r = share::from_my_resource(&m);
    assert_eq!(r.name, "Clinic");
    assert_eq!(r.contacts.len(), 3);
    assert_eq!(r.contacts[1].keyword.as_deref(), Some("HOME"));
    assert!(r.notes.is_none() && r.description.is_empty());
}

#[test]
fn org_key_record_format_v1_is_frozen() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/share/org-key-v1.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let rec: OrgKeyRecord = serde_json::from_str(&text).unwrap();
    assert_eq!(rec.v, ORG_KEY_FORMAT);
    let signer = rec.signer().expect("the stored pair reads back");
    assert_eq!(signer.organisation(), crate::link::TEST_ORG);
    let (again, _) = OrgKeyRecord::new(&rec.key_pem, &rec.delegation).unwrap();
    assert_eq!(
        serde_json::to_string(&again).unwrap(),
        text,
        "byte-identical serde form"
    );
    assert!(OrgKeyRecord::new(&rec.key_pem, "not a delegation").is_err());
}

#[test]
fn a_link_on_the_command_line_waits_for_the_unlock() {
    // The same path the OS uses: held as the pending link, taken once by the UI.
    let _ = haven::platform::take_pending_link();
    let link = format!("{}#AQABAAhlMm", haven::core::link::APP_BASE);
    assert!(haven::ui::link_from_args(
        ["haven".to_string(), link.clone()].into_iter()
    ));
    assert_eq!(
        haven::platform::take_pending_link().as_deref(),
        Some(link.as_str())
    );
    assert_eq!(haven::platform::take_pending_link(), None, "taken once");
    // Not a link, or no argument: nothing is held.
    assert!(!haven::ui::link_from_args(
        ["haven".to_string(), "--help".to_string()].into_iter()
    ));
    assert!(!haven::ui::link_from_args(
        ["haven".to_string()].into_iter()
    ));
    assert_eq!(haven::platform::take_pending_link(), None);
}
