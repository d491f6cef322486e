//! The card's ways to reach a line: each contact with its kind, value, label ("Press 2
//! for Spanish", "TTY: call through the 711 relay service") and its own unverified or
//! out-of-date mark. "Text" opens the composer with the keyword typed in
//! ([`crate::core::resource::ContactPoint::action_uri`], built by `core::sms`).
//!
//! Traces: the first call, text, chat or website opened from a card in an unlocked
//! session first shows what it leaves behind (call log, phone bill, replies arriving as
//! notifications, browser history), with "Continue" (the real link) and "Not now". Once
//! continued, it is not shown again until the app is locked (the session's epoch
//! changes on every lock, so the next unlock shows it again).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::core::resource::{ContactKind, ContactPoint};
use crate::ui::state::{t, ta, AppState};
use dioxus::prelude::*;

/// `epoch + 1` of the session in which the trace note was last continued (0 = never).
static TRACE_SEEN: AtomicU64 = AtomicU64::new(0);

fn trace_seen(epoch: u64) -> bool {
    TRACE_SEEN.load(Ordering::Relaxed) == epoch.wrapping_add(1)
}

fn contact_key(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Call => "dir-contact-call",
        ContactKind::Text => "dir-contact-text",
        ContactKind::Chat => "dir-contact-chat",
        ContactKind::Tty => "dir-contact-tty",
        ContactKind::Videophone => "dir-contact-videophone",
        ContactKind::Web => "dir-contact-web",
        ContactKind::Email => "dir-contact-email",
    }
}

fn value_text(c: &ContactPoint) -> String {
    match (c.kind, &c.keyword) {
        (ContactKind::Text, Some(k)) => {
            ta("dir-text-keyword", &[("keyword", k), ("number", &c.value)])
        }
        _ => c.value.clone(),
    }
}

/// The contacts of one card.
#[component]
pub fn ContactList(dom_id: String, contacts: Vec<ContactPoint>) -> Element {
    let epoch = consume_context::<AppState>().epoch;
    let mut pending = use_signal(|| None::<usize>);
    let rows: Vec<_> = contacts
        .iter()
        .map(|c| {
            let mark = c.confidence.marker().map(|_| {
                if c.confidence.is_unverified() {
                    t("dir-unverified")
                } else {
                    t("card-dated")
                }
            });
            (
                value_text(c),
                c.action_uri(),
                t(contact_key(c.kind)),
                c.label.clone(),
                mark,
            )
        })
        .collect();
    let waiting = pending().and_then(|i| rows.get(i).and_then(|r| r.1.clone()));
    rsx! {
        ul { class: "contacts",
            for (i, (value, uri, kind, label, mark)) in rows.into_iter().enumerate() {
                li { key: "{i}",
                    match uri {
                        Some(href) => rsx! {
                            a { class: "contact-link", id: "{dom_id}-contact-{i}", href: "{href}",
                                aria_label: "{kind}: {value}",
                                onclick: move |e: MouseEvent| {
                                    if !trace_seen(*epoch.peek()) {
                                        e.prevent_default();
                                        pending.set(Some(i));
                                    }
                                },
                                span { class: "contact-kind", "{kind}" }
                                span { "{value}" }
                            }
                        },
                        None => rsx! { span { "{value}" } },
                    }
                    if let Some(m) = mark {
                        span { class: "badge warn", "{m}" }
                    }
                    if let Some(l) = label {
                        p { class: "note small contact-label", "{l}" }
                    }
                }
            }
        }
        if let Some(href) = waiting {
            div { class: "confirm trace-note", id: "{dom_id}-trace", role: "alert",
                p { strong { {t("trace-title")} } }
                p { {t("trace-body")} }
                div { class: "actions",
                    a { class: "action-link", id: "{dom_id}-trace-go", href: "{href}",
                        onclick: move |_| {
                            TRACE_SEEN.store(epoch.peek().wrapping_add(1), Ordering::Relaxed);
                            pending.set(None);
                        },
                        {t("trace-go")}
                    }
                    button { r#type: "button", id: "{dom_id}-trace-cancel",
                        onclick: move |_| pending.set(None),
                        {t("trace-cancel")}
                    }
                }
            }
        }
    }
}
