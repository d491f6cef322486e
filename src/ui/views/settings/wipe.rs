//! Erase everything: type the confirmation word, then the calculator shows and the data
//! directory is shredded in the background.

use crate::ui::state::{t, ta, AppState, Services};
use dioxus::prelude::*;

/// Erase all data (after typing the confirmation word).
#[component]
pub fn WipeSection() -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut wipe_word = use_signal(String::new);
    let wipe_word_text = t("settings-wipe-word");
    let wipe_ready = wipe_word
        .read()
        .trim()
        .eq_ignore_ascii_case(&wipe_word_text);
    let wipe = move |_| {
        if !wipe_ready {
            return;
        }
        // Show the calculator first, then shred. Detached from this screen, which
        // unmounts with the lock.
        state.lock();
        let services = services.clone();
        drop(tokio::task::spawn_blocking(move || {
            services.vault().and_then(|v| v.wipe())
        }));
    };

    rsx! {
        section { class: "card danger",
            h2 { {t("settings-wipe")} }
            p { {ta("settings-wipe-body", &[("code", crate::core::setup_code::TEXT)])} }
            div { class: "field",
                label { r#for: "wipe-word", {ta("settings-wipe-confirm-label", &[("word", &wipe_word_text)])} }
                input {
                    id: "wipe-word",
                    r#type: "text",
                    autocomplete: "off",
                    autocorrect: "off",
                    spellcheck: "false",
                    value: "{wipe_word}",
                    oninput: move |e| wipe_word.set(e.value()),
                }
            }
            button { id: "wipe", class: "danger", r#type: "button",
                disabled: !wipe_ready,
                onclick: wipe,
                {t("settings-wipe-button")}
            }
        }
    }
}
