//! Headless tests of the directory screen: the bundled list offline, search and filters,
//! verified dates and unverified markers, saving to My resources, and the opt-in updates.

use crate::flows::{app_with, unlock, PIN};
use std::sync::Arc;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// Unlocked, on the directory screen (also used by `search_ui`).
pub(crate) async fn open_directory() -> crate::flows::Fixture {
    // A real HTTPS client (used only when a test taps Refresh).
    let mut f = app_with(Some(None), |s| {
        s.fetcher = Arc::new(haven::io::fetch::Fetcher::new);
    })
    .await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"dir-search\""))
            .await
    );
    f
}

#[tokio::test]
async fn bundled_list_works_offline_with_verified_dates() {
    let f = open_directory().await;
    let html = f.t.html();
    assert!(html.contains("National Domestic Violence Hotline"));
    assert!(html.contains("National Human Trafficking Hotline"));
    assert!(html.contains("StrongHearts Native Helpline"));
    assert!(
        html.contains("Facts compiled on November 27, 2026") && !html.contains("Checked on"),
        "the compile date is shown as such, never as a check"
    );
    assert!(
        html.contains("not verified"),
        "unverified details are marked"
    );
    assert!(html.contains("href=\"tel:"), "call links");
    assert!(html.contains("href=\"sms:"), "text links");
    assert!(html.contains("Built into the app"));
}

#[tokio::test]
async fn search_and_filters() {
    let mut f = open_directory().await;
    f.t.input("dir-search", "trafficking");
    let html = f.t.html();
    assert!(html.contains("National Human Trafficking Hotline"));
    assert!(!html.contains("988 Suicide"), "unrelated lines drop out");
    f.t.input("dir-search", "");
    f.t.change("dir-pop-native", "true");
    let html = f.t.html();
    assert!(html.contains("StrongHearts Native Helpline"));
    assert!(!html.contains("National Runaway Safeline"));
    f.t.change("dir-pop-native", "false");
    f.t.change("dir-text", "true");
    let html = f.t.html();
    assert!(
        html.contains("National Domestic Violence Hotline"),
        "has text"
    );
    assert!(!html.contains("Futures Without Violence"), "no text line");
    f.t.input("dir-search", "zzzzqqq");
    assert!(f.t.exists("dir-none"));
}

#[tokio::test]
async fn save_to_my_resources_survives_lock() {
    let mut f = open_directory().await;
    f.t.click("dir-save-us-domestic-violence-hotline");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("Saved to my resources"))
            .await
    );
    f.t.click("quick-exit");
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-resources");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("National Domestic Violence Hotline"))
            .await,
        "saved copy listed in My resources"
    );
}

#[tokio::test]
async fn updates_are_off_until_turned_on_and_fail_calmly() {
    let mut f = open_directory().await;
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"dir-updates\""))
            .await
    );
    assert!(
        !f.t.exists("dir-refresh"),
        "no refresh while downloads are off"
    );
    f.t.change("dir-dl-enable", "true");
    f.t.input("dir-dl-url", "http://example.org/dir");
    f.t.click("dir-dl-confirm");
    assert!(f.t.html().contains("Please enter an https address."));
    // A real client, against a closed port on this machine: a calm failure, list intact.
    f.t.input("dir-dl-url", "https://127.0.0.1:9/dir.bin");
    f.t.click("dir-dl-confirm");
    assert!(f.t.html().contains("This address is confirmed."));
    f.t.click("dir-refresh");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"dir-message\"")
            && h.contains("unchanged"))
            .await
    );
    assert!(f.t.html().contains("National Domestic Violence Hotline"));
    // The choice is kept (encrypted) across a lock.
    f.t.click("quick-exit");
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"dir-dl-confirmed\""))
            .await
    );
}
