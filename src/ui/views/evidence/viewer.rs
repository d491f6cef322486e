//! One attachment, shown from memory: a picture is read from the vault on the blocking pool
//! and put in the page as a `data:` URL (never written to a file, never given to another
//! app); any other file is described (name, type, size, SHA-256) and leaves the vault only
//! in an export.

use super::{error_text, loading, size_text};
use crate::core::evidence::{to_hex, AttachmentMeta};
use crate::io::evidence as store;
use crate::ui::state::{t, ta, AppState};
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// Picture types the webview shows inline.
fn shows_inline(mime: &str) -> bool {
    matches!(
        mime,
        "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/bmp"
    )
}

/// A `data:` URL of `bytes` (in memory only; zeroized when the caller drops it).
pub fn data_url(mime: &str, bytes: &[u8]) -> Zeroizing<String> {
    use base64::Engine;
    let mut s = Zeroizing::new(format!("data:{mime};base64,"));
    base64::engine::general_purpose::STANDARD.encode_string(bytes, &mut s);
    s
}

/// The description of an attachment (and its picture, once she taps Show).
#[component]
pub fn AttachmentCard(meta: AttachmentMeta, index: usize) -> Element {
    let mut open = use_signal(|| false);
    let picture = shows_inline(&meta.mime);
    rsx! {
        li { id: "ev-att-{index}", class: "ev-att",
            span { class: "ev-att-name", "{meta.name}" }
            span { class: "ev-att-meta",
                {ta("ev-att-meta", &[("size", &size_text(meta.size)), ("type", &meta.mime)])}
            }
            span { class: "ev-hash", lang: "en", "SHA-256 {to_hex(&meta.sha256)}" }
            if picture && !open() {
                button { id: "ev-att-show-{index}", class: "secondary", r#type: "button",
                    onclick: move |_| open.set(true), {t("ev-att-show")}
                }
            }
            if picture && open() {
                Picture { meta: meta.clone(), index }
            }
            if !picture {
                p { class: "hint", {t("ev-att-not-shown")} }
            }
        }
    }
}

/// The picture, read from the vault on the blocking pool.
#[component]
fn Picture(meta: AttachmentMeta, index: usize) -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let id = meta.id;
    let mime = meta.mime.clone();
    let loaded = use_resource(move || {
        let mime = mime.clone();
        super::run(&session, move |v| {
            let bytes = store::attachment(v, &id)?;
            Ok(data_url(&mime, &bytes))
        })
    });
    let read = loaded.read();
    match read.as_ref() {
        None => loading("ev-att-loading"),
        Some(Ok(url)) => rsx! {
            img {
                id: "ev-att-img-{index}",
                class: "ev-photo",
                alt: "{meta.name}",
                src: "{url.as_str()}",
            }
        },
        Some(Err(e)) => rsx! {
            p { class: "hint warn", role: "alert", {error_text(e)} }
        },
    }
}
