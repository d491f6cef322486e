//! Photos and files she picks for an entry, read into memory (zeroized when dropped) and
//! kept there until she saves the entry, when they go into the vault as chunked records.
//! Nothing is copied anywhere on the way.
//!
//! - Desktop: the `<input type="file">` opens the system file dialog (dioxus-desktop's file
//!   engine); the event carries the chosen paths and [`FileData::read_bytes`] reads each
//!   file from where it is.
//! - Phones: the WebView's own chooser opens (Android: `MainActivity` implements it, with
//!   the camera writing into memory; iOS: WKWebView's menu — photo library, camera, files).
//!   The page holds the picked files as `File` objects, so they are read in the page and
//!   sent here in base64 pieces through the eval channel ([`read_in_page`]); then the input
//!   is emptied and Android forgets the camera's photo.

use crate::core::evidence::{MAX_ATTACHMENT_BYTES, MAX_ENTRY_ATTACHMENTS};
use crate::io::evidence::NewAttachment;
use dioxus::html::FileData;
use std::sync::Arc;
use zeroize::Zeroizing;

/// The file types the picker offers: photos, PDFs (a scanned letter), plain text.
pub const ACCEPT: &str = "image/*,application/pdf,text/plain";

/// Whether the page reads picked files itself (phones: the WebView's chooser gives the page
/// `File` objects; the desktop dialog gives Rust paths).
pub const PAGE_READS_FILES: bool = cfg!(any(target_os = "android", target_os = "ios"));

/// One picked file, in memory until the entry is saved.
#[derive(Clone)]
pub struct Picked {
    /// File name as the picker gave it.
    pub name: String,
    /// Media type ("image/jpeg"), empty if unknown.
    pub mime: String,
    /// The bytes.
    pub bytes: Arc<Zeroizing<Vec<u8>>>,
}

impl PartialEq for Picked {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.bytes, &other.bytes)
    }
}

impl Picked {
    /// Whether it can be shown as a picture.
    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }

    /// The attachment to store (a copy of the bytes; this one is zeroized when dropped).
    pub fn to_new(&self) -> NewAttachment {
        NewAttachment {
            name: self.name.clone(),
            mime: self.mime.clone(),
            bytes: Zeroizing::new(self.bytes.as_ref().to_vec()),
        }
    }
}

/// Why a picked file was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickProblem {
    /// Larger than [`MAX_ATTACHMENT_BYTES`].
    TooLarge,
    /// More than [`MAX_ENTRY_ATTACHMENTS`] on one entry.
    TooMany,
    /// It could not be read.
    Unreadable,
}

impl PickProblem {
    /// The message id shown for it.
    pub fn message_id(self) -> &'static str {
        match self {
            PickProblem::TooLarge => "ev-err-too-large",
            PickProblem::TooMany => "ev-err-too-many",
            PickProblem::Unreadable => "ev-err-unreadable",
        }
    }
}

/// The media type for a name when the picker gave none.
fn mime_for(name: &str, given: Option<String>) -> String {
    // A browser that does not know says "application/octet-stream": the extension says more.
    if let Some(m) = given
        .filter(|m| !m.is_empty() && m.len() <= 100 && m.as_str() != "application/octet-stream")
    {
        return m;
    }
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
    .to_string()
}

/// Read the files of a desktop file-input event (at most `room` more). The size is checked
/// before reading, and again after.
pub async fn read_event_files(
    files: Vec<FileData>,
    room: usize,
) -> (Vec<Picked>, Option<PickProblem>) {
    let mut out = Vec::new();
    let mut problem = None;
    for f in files {
        if out.len() >= room {
            problem = Some(PickProblem::TooMany);
            break;
        }
        if f.size() > MAX_ATTACHMENT_BYTES {
            problem = Some(PickProblem::TooLarge);
            continue;
        }
        let name = f.name();
        // dioxus-desktop's file engine guesses types for web assets only (a photo comes as
        // "text/html; charset=utf-8"): the name's extension is the better guide here.
        let mime = mime_for(&name, None);
        match f.read_bytes().await {
            Ok(b) if b.len() as u64 <= MAX_ATTACHMENT_BYTES => {
                let bytes = Zeroizing::new(Vec::from(b));
                out.push(Picked {
                    name,
                    mime,
                    bytes: Arc::new(bytes),
                });
            }
            Ok(_) => problem = Some(PickProblem::TooLarge),
            Err(_) => problem = Some(PickProblem::Unreadable),
        }
    }
    (out, problem)
}

/// The script that reads the picked files of the input `id` in the page: for each file, its
/// name, type and size, then its bytes as base64 pieces, then `null`; a file over the limit
/// is announced and skipped. Then the input is emptied.
fn page_reader_js(id: &str) -> String {
    format!(
        "const input = document.getElementById({id:?});
         const files = input && input.files ? Array.from(input.files) : [];
         dioxus.send(files.length);
         for (const f of files) {{
           dioxus.send({{ name: f.name, type: f.type, size: f.size }});
           if (f.size > {max}) {{ continue; }}
           const buf = new Uint8Array(await f.arrayBuffer());
           for (let i = 0; i < buf.length; i += 196608) {{
             const part = buf.subarray(i, i + 196608);
             let s = '';
             for (let j = 0; j < part.length; j++) {{ s += String.fromCharCode(part[j]); }}
             dioxus.send(btoa(s));
           }}
           buf.fill(0);
           dioxus.send(null);
         }}
         if (input) {{ input.value = ''; }}",
        max = MAX_ATTACHMENT_BYTES
    )
}

#[derive(serde::Deserialize)]
struct PageFile {
    name: String,
    #[serde(rename = "type")]
    mime: String,
    size: u64,
}

/// Phones: read the picked files of the input `id` in the page (see [`page_reader_js`]).
pub async fn read_in_page(id: &str, room: usize) -> (Vec<Picked>, Option<PickProblem>) {
    use base64::Engine;
    let mut eval = dioxus::document::eval(&page_reader_js(id));
    let mut out = Vec::new();
    let mut problem = None;
    let Ok(count) = eval.recv::<usize>().await else {
        return (out, Some(PickProblem::Unreadable));
    };
    for _ in 0..count.min(MAX_ENTRY_ATTACHMENTS + 1) {
        let Ok(head) = eval.recv::<PageFile>().await else {
            problem = Some(PickProblem::Unreadable);
            break;
        };
        if head.size > MAX_ATTACHMENT_BYTES {
            problem = Some(PickProblem::TooLarge);
            continue;
        }
        let mut bytes = Zeroizing::new(Vec::with_capacity(usize::try_from(head.size).unwrap_or(0)));
        let mut ok = true;
        loop {
            match eval.recv::<Option<String>>().await {
                Ok(Some(piece)) => {
                    let piece = Zeroizing::new(piece);
                    let decoded =
                        base64::engine::general_purpose::STANDARD.decode(piece.as_bytes());
                    match decoded {
                        Ok(d) if (bytes.len() + d.len()) as u64 <= MAX_ATTACHMENT_BYTES => {
                            let d = Zeroizing::new(d);
                            bytes.extend_from_slice(&d);
                        }
                        _ => ok = false,
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            problem = Some(PickProblem::Unreadable);
        } else if out.len() >= room {
            problem = Some(PickProblem::TooMany);
        } else {
            let mime = mime_for(&head.name, Some(head.mime));
            out.push(Picked {
                name: head.name,
                mime,
                bytes: Arc::new(bytes),
            });
        }
    }
    let _ = crate::platform::forget_picked_files();
    (out, problem)
}
