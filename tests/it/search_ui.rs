//! Headless tests of Find help's issue 14 behaviour: nothing matched leads somewhere (the
//! national lines, which words found nothing, buttons that drop a filter), the ZIP field
//! (coarse, kept on the phone), the Deaf / ASL filter and the default order.

use crate::directory_ui::open_directory;

#[tokio::test]
async fn the_right_line_comes_first() {
    let f = open_directory().await;
    let html = f.t.html();
    let dv = html.find("National Domestic Violence Hotline").unwrap();
    let tr = html.find("National Human Trafficking Hotline").unwrap();
    let lifeline = html.find("988 Suicide").unwrap();
    let org = html.find("Futures Without Violence").unwrap();
    assert!(
        dv < tr && tr < lifeline && lifeline < org,
        "not alphabetical"
    );
}

#[tokio::test]
async fn a_word_that_matches_nothing_leads_to_the_national_lines() {
    let mut f = open_directory().await;
    f.t.input("dir-search", "shelter");
    let html = f.t.html();
    assert!(f.t.exists("dir-none"));
    assert!(
        html.contains("Nothing matched “shelter”."),
        "says which word"
    );
    assert!(html.contains("can help you find shelters"));
    assert!(html.contains("National Domestic Violence Hotline"));
    assert!(
        !html.contains("Futures Without Violence"),
        "crisis lines only"
    );
    // The same in Spanish words, with accents or without.
    f.t.input("dir-search", "violencia domestica");
    assert!(!f.t.exists("dir-none"));
    assert!(f.t.html().contains("National Domestic Violence Hotline"));
}

#[tokio::test]
async fn filters_that_leave_nothing_say_so_and_can_be_dropped() {
    let mut f = open_directory().await;
    f.t.change("dir-pop-native", "true");
    f.t.change("dir-pop-lgbtq", "true");
    f.t.change("dir-pop-black", "true");
    assert!(f.t.exists("dir-none"));
    let html = f.t.html();
    assert!(html.contains("No service matches all of these filters."));
    assert!(f.t.exists("dir-drop-pop-lgbtq"));
    assert!(f.t.exists("dir-drop-all"));
    f.t.click("dir-drop-all");
    assert!(!f.t.exists("dir-none"));
    assert!(f.t.html().contains("National Domestic Violence Hotline"));
}

#[tokio::test]
async fn deaf_filter_finds_tty_lines() {
    let mut f = open_directory().await;
    f.t.change("dir-pop-deaf_asl", "true");
    let html = f.t.html();
    assert!(
        html.contains("National Domestic Violence Hotline"),
        "its TTY line is data enough"
    );
    assert!(html.contains("988 Suicide"));
}

#[tokio::test]
async fn zip_is_checked_on_the_phone() {
    let mut f = open_directory().await;
    assert!(f.t.html().contains("it is not sent or saved"));
    f.t.input("dir-zip", "123");
    assert!(!f.t.html().contains("five digits"), "no error while typing");
    f.t.input("dir-zip", "12345x");
    assert!(f.t.html().contains("A ZIP code is five digits."));
    f.t.input("dir-zip", "00000");
    assert!(f.t.html().contains("This ZIP code is not in the app"));
    f.t.input("dir-zip", "55401");
    let html = f.t.html();
    assert!(html.contains("sorted by distance from this ZIP"));
    // National lines still come first (they reach her anywhere).
    assert!(html.contains("National Domestic Violence Hotline"));
}
