//! Headless tests of the calculator screen: real click and key events, SSR output.

use crate::harness::TestDom;

fn press_all(t: &mut TestDom, ids: &[&str]) {
    for id in ids {
        t.click(id);
    }
}

#[tokio::test]
async fn clicking_keys_computes() {
    let mut fx = calc_app().await;
    let t = &mut fx.t;
    assert_eq!(t.text_of("display").as_deref(), Some("0"));
    press_all(t, &["key-1", "key-2", "key-add", "key-7", "key-eq"]);
    assert_eq!(t.text_of("display").as_deref(), Some("19"));
    press_all(t, &["key-mul", "key-2", "key-eq"]);
    assert_eq!(t.text_of("display").as_deref(), Some("38"));
    press_all(t, &["key-clear"]);
    assert_eq!(t.text_of("display").as_deref(), Some("0"));
}

#[tokio::test]
async fn decimals_percent_sign_backspace() {
    let mut fx = calc_app().await;
    let t = &mut fx.t;
    press_all(
        t,
        &[
            "key-0",
            "key-point",
            "key-1",
            "key-add",
            "key-0",
            "key-point",
            "key-2",
            "key-eq",
        ],
    );
    assert_eq!(t.text_of("display").as_deref(), Some("0.3"));
    press_all(t, &["key-sign"]);
    assert_eq!(t.text_of("display").as_deref(), Some("-0.3"));
    press_all(t, &["key-clear", "key-5", "key-0", "key-percent"]);
    assert_eq!(t.text_of("display").as_deref(), Some("0.5"));
    press_all(t, &["key-clear", "key-1", "key-2", "key-3", "key-back"]);
    assert_eq!(t.text_of("display").as_deref(), Some("12"));
}

#[tokio::test]
async fn division_by_zero_shows_error_and_recovers() {
    let mut fx = calc_app().await;
    let t = &mut fx.t;
    press_all(t, &["key-9", "key-div", "key-0", "key-eq"]);
    assert_eq!(t.text_of("display").as_deref(), Some("Error"));
    press_all(t, &["key-4", "key-add", "key-4", "key-eq"]);
    assert_eq!(t.text_of("display").as_deref(), Some("8"));
}

#[tokio::test]
async fn keyboard_input() {
    let mut fx = calc_app().await;
    let t = &mut fx.t;
    for k in ["1", "2", "+", "7", "Enter"] {
        t.key("calculator", k);
    }
    assert_eq!(t.text_of("display").as_deref(), Some("19"));
    t.key("calculator", "Escape");
    assert_eq!(t.text_of("display").as_deref(), Some("0"));
}

#[tokio::test]
async fn clear_key_label_and_operator_highlight() {
    let mut fx = calc_app().await;
    let t = &mut fx.t;
    assert_eq!(t.text_of("key-clear").as_deref(), Some("AC"));
    t.click("key-5");
    assert_eq!(t.text_of("key-clear").as_deref(), Some("C"));
    t.click("key-mul");
    assert!(t
        .html()
        .contains("class=\"key op active\" aria-label=\"multiply\""));
}

#[tokio::test]
async fn nothing_hints_at_another_purpose() {
    let fx = calc_app().await;
    let t = &fx.t;
    let html = t.html().to_lowercase();
    for word in [
        "haven", "vault", "pin", "safety", "hotline", "abuse", "help", "exit",
    ] {
        assert!(!html.contains(word), "calculator DOM mentions {word:?}");
    }
    let index = haven::ui::index_html().to_lowercase();
    assert!(index.contains("<title>calculator</title>"));
    assert!(!index.contains("dioxus"));
    assert!(!index.contains("haven"));
    assert_eq!(haven::platform::WINDOW_TITLE, "Calculator");
}

#[tokio::test]
async fn pin_digits_do_not_stay_on_screen_after_reset() {
    let mut fx = calc_app().await;
    let t = &mut fx.t;
    press_all(
        t,
        &[
            "key-4", "key-8", "key-2", "key-9", "key-1", "key-6", "key-eq",
        ],
    );
    // Without a vault the candidate is just a number on a calculator.
    assert_eq!(t.text_of("display").as_deref(), Some("482,916"));
}

/// The app over a set-up vault: it opens to the calculator.
async fn calc_app() -> crate::flows::Fixture {
    crate::flows::app(Some(None)).await
}
