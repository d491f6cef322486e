//! The frame of every private screen: title, Back, and the quick-exit button. Also catches
//! Shift pressed three times (quick exit), Escape (back) and activity for the idle lock.

use crate::ui::state::{t, AppState, Screen, Services};
use crate::ui::views;
use dioxus::prelude::*;
use std::time::{Duration, Instant};

/// Shift pressed this many times within [`SHIFT_WINDOW`] exits (the GOV.UK pattern).
const SHIFT_PRESSES: usize = 3;
const SHIFT_WINDOW: Duration = Duration::from_millis(1500);

/// The frame around every private screen (also the keyboard shortcuts and activity).
#[component]
pub fn PrivateShell(screen: Screen) -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut shifts = use_signal(Vec::<Instant>::new);

    // Any key, tap or typing counts as activity for the idle lock.
    let touch = use_callback(move |()| {
        let mut last = state.last_activity;
        last.set(services.clock.now_unix_secs());
    });

    let title = screen.title_id().map(t).unwrap_or_default();
    let lang = state.prefs.lang.read().clone();

    rsx! {
        // Notes has its own style sheet: nothing of the other space's names in its page.
        style { {if screen.is_notes() { crate::ui::NOTES_CSS } else { crate::ui::PRIVATE_CSS }} }
        div {
            id: "private",
            class: "private",
            lang: "{lang}",
            tabindex: "-1",
            onmounted: move |e| async move {
                let _ = e.set_focus(true).await;
            },
            onkeydown: move |e: KeyboardEvent| {
                touch.call(());
                match e.key() {
                    Key::Shift => {
                        if e.is_auto_repeating() {
                            return;
                        }
                        let now = Instant::now();
                        let mut s = shifts.write();
                        s.retain(|t| now.duration_since(*t) <= SHIFT_WINDOW);
                        s.push(now);
                        if s.len() >= SHIFT_PRESSES {
                            s.clear();
                            drop(s);
                            state.lock();
                        }
                    }
                    Key::Escape | Key::BrowserBack => state.back(),
                    _ => shifts.write().clear(),
                }
            },
            onclick: move |_| touch.call(()),
            oninput: move |_| touch.call(()),
            header { class: "topbar",
                if !screen.is_home() {
                    button {
                        id: "nav-back",
                        class: "icon-btn",
                        r#type: "button",
                        aria_label: t("back"),
                        onclick: move |_| state.back(),
                        "‹"
                    }
                }
                h1 { class: "title", "{title}" }
                button {
                    id: "quick-exit",
                    class: "quick-exit",
                    r#type: "button",
                    aria_label: t("quick-exit-label"),
                    onclick: move |_| state.lock(),
                    {t("quick-exit")}
                }
            }
            main { class: "content",
                match screen {
                    Screen::Home => rsx! { views::home::HomeView {} },
                    Screen::Settings => rsx! { views::settings::SettingsView {} },
                    Screen::Plan => rsx! { views::plan::PlanView {} },
                    Screen::Resources => rsx! { views::resources::ResourcesView {} },
                    Screen::Signs => rsx! { views::signs::SignsView {} },
                    Screen::Directory => rsx! { views::directory::DirectoryView {} },
                    Screen::Import => rsx! { views::import::ImportView {} },
                    Screen::Share => rsx! { views::share::ShareView {} },
                    Screen::Notes => rsx! { views::notes::NotesList {} },
                    Screen::NoteEdit => rsx! { views::notes::NoteEditor {} },
                    Screen::NotesSettings => rsx! { views::notes::NotesSettings {} },
                    Screen::Evidence => rsx! { views::evidence::log::LogView {} },
                    Screen::EvidenceEdit => rsx! { views::evidence::editor::EditorView {} },
                    Screen::EvidenceEntry => rsx! { views::evidence::entry::EntryScreen {} },
                    Screen::EvidenceExport => rsx! { views::evidence::export::ExportView {} },
                    Screen::EvidenceGuide => rsx! { views::evidence::guide::GuideView {} },
                    Screen::Calculator | Screen::Setup => rsx! {},
                }
            }
        }
    }
}
