//! The export (format v1): one ZIP holding `README.txt`, `manifest.json`, `timeline.html`,
//! `timeline.pdf`, `attachments/<nnn>-<safe name>` and `SHA256SUMS`, and its verifier.
//!
//! Everything in the archive is either covered by the signed chain (the manifest's links and
//! entries, the attachments by their SHA-256) or derived from the manifest by a pure function
//! of this module (the timeline in HTML and PDF, the attachment file names, the checksum
//! file), so [`verify`] rebuilds what it can and compares: a changed byte anywhere is found.
//! The README is plain text for people and is checked only against `SHA256SUMS`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::chain::{self, Content, Link};
use super::record::{hex64, ChainRecord, EntryRecord};
use super::{
    hex32, to_hex, AttachmentMeta, ChainReport, EntryFields, EntryId, EntryKind, EvidenceError,
    ExportSummary, Problem,
};
use crate::core::crypto::{self, Sha256};

/// Value of the manifest's `format` field.
pub const MANIFEST_FORMAT: &str = "evidence-export";
/// Version of the manifest (and of the export's layout).
pub const MANIFEST_VERSION: u32 = 1;
/// Largest file the verifier reads out of an archive (bigger than any attachment).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most files the verifier accepts in an archive.
const MAX_FILES: usize = 100_000;
/// Most bytes the verifier reads out of one archive in all (a 1 000-entry log with ten full
/// attachments each would need 250 GiB; real exports are far smaller).
const MAX_TOTAL_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// File names in the archive.
pub mod files {
    /// Plain-text instructions, English and Spanish.
    pub const README: &str = "README.txt";
    /// The manifest.
    pub const MANIFEST: &str = "manifest.json";
    /// The printable timeline.
    pub const HTML: &str = "timeline.html";
    /// The same timeline as PDF.
    pub const PDF: &str = "timeline.pdf";
    /// `sha256sum -c` input.
    pub const SUMS: &str = "SHA256SUMS";
    /// Folder of the original attachments.
    pub const ATTACHMENTS: &str = "attachments/";
}

/// The manifest: every hash, the chain, the signature and the public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: String,
    /// [`MANIFEST_VERSION`].
    pub version: u32,
    /// When the export was made (Unix seconds).
    pub exported_at_unix: i64,
    /// The same, readable (UTC).
    pub exported_at: String,
    /// Language of the timeline ("en" or "es").
    pub lang: String,
    /// The Ed25519 public key that signed the head.
    #[serde(with = "hex32")]
    pub public_key: [u8; 32],
    /// First 16 hex digits of SHA-256 of the public key (the app shows the same).
    pub key_fingerprint: String,
    /// Number of links.
    pub head_links: u64,
    /// The last link's hash (hex).
    pub head_hash: String,
    /// Ed25519 signature of the head.
    #[serde(with = "hex64")]
    pub signature: [u8; 64],
    /// The chain, in order, with each entry's content where it still exists.
    pub links: Vec<ManifestLink>,
}

/// One link with its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestLink {
    /// The link itself (hashes as in the vault).
    pub link: Link,
    /// When it was written, readable (UTC).
    pub written_at: String,
    /// The content; `None` for a removal record or a removed entry.
    pub entry: Option<ManifestEntry>,
}

/// An entry's content in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// When it happened, as she wrote it.
    pub happened_at: String,
    /// What happened.
    pub what: String,
    /// Where.
    pub place: String,
    /// Who was there.
    pub people: String,
    /// Injuries.
    pub injuries: String,
    /// Attachments.
    pub attachments: Vec<ManifestAttachment>,
}

/// An attachment in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestAttachment {
    /// Its metadata, as hashed into the chain.
    #[serde(flatten)]
    pub meta: AttachmentMeta,
    /// Its path in the archive.
    pub file: String,
}

impl ManifestEntry {
    fn fields(&self) -> EntryFields {
        EntryFields {
            happened_at: self.happened_at.clone(),
            what: self.what.clone(),
            place: self.place.clone(),
            people: self.people.clone(),
            injuries: self.injuries.clone(),
        }
    }
    fn metas(&self) -> Vec<AttachmentMeta> {
        self.attachments.iter().map(|a| a.meta.clone()).collect()
    }
}

/// "2026-11-29 11:50 UTC" for Unix seconds (out-of-range times read "?").
pub fn utc_text(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => "?".into(),
    }
}

/// A file name safe in any archive tool: ASCII letters, digits, `.`, `-`, `_`; at most 60
/// characters; never starting with a dot.
pub fn safe_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    while s.starts_with('.') {
        s.remove(0);
    }
    if s.is_empty() {
        s.push_str("file");
    }
    s
}

/// The archive path of the `n`th attachment (from 1, in chain order).
pub fn attachment_path(n: usize, name: &str) -> String {
    format!("{}{n:03}-{}", files::ATTACHMENTS, safe_name(name))
}

/// Builds the manifest from the chain and the entries' records (an entry missing from
/// `entries` or removed has no content in the manifest).
pub fn build_manifest(
    now_unix: i64,
    lang: &str,
    chain: &ChainRecord,
    entries: &HashMap<EntryId, EntryRecord>,
) -> Manifest {
    let mut n = 0usize;
    let links = chain
        .links
        .iter()
        .map(|l| {
            let entry = match l.kind {
                EntryKind::Removal { .. } => None,
                _ => entries.get(&l.id).and_then(|r| {
                    let f = r.fields.as_ref()?;
                    Some(ManifestEntry {
                        happened_at: f.happened_at.clone(),
                        what: f.what.clone(),
                        place: f.place.clone(),
                        people: f.people.clone(),
                        injuries: f.injuries.clone(),
                        attachments: r
                            .attachments
                            .iter()
                            .map(|m| {
                                n += 1;
                                ManifestAttachment {
                                    meta: m.clone(),
                                    file: attachment_path(n, &m.name),
                                }
                            })
                            .collect(),
                    })
                }),
            };
            ManifestLink {
                link: l.clone(),
                written_at: utc_text(l.written_at),
                entry,
            }
        })
        .collect();
    Manifest {
        format: MANIFEST_FORMAT.into(),
        version: MANIFEST_VERSION,
        exported_at_unix: now_unix,
        exported_at: utc_text(now_unix),
        lang: if lang == "es" { "es" } else { "en" }.into(),
        public_key: chain.public_key,
        key_fingerprint: chain::fingerprint(&chain.public_key),
        head_links: chain.links.len() as u64,
        head_hash: chain::head_hex(&chain.links),
        signature: chain.signature,
        links,
    }
}

// ----------------------------------------------------------------------------- texts

struct Words {
    title: &'static str,
    exported: &'static str,
    key: &'static str,
    head: &'static str,
    entry: &'static str,
    written: &'static str,
    happened: &'static str,
    what: &'static str,
    place: &'static str,
    people: &'static str,
    injuries: &'static str,
    attachments: &'static str,
    amendment_of: &'static str,
    removal_of: &'static str,
    removed: &'static str,
    intro: &'static str,
    pdf_note: &'static str,
}

const EN: Words = Words {
    title: "Record of events",
    exported: "Exported",
    key: "Signing key fingerprint",
    head: "Chain head",
    entry: "Entry",
    written: "Written",
    happened: "Happened",
    what: "What happened",
    place: "Where",
    people: "Who was there or saw it",
    injuries: "Injuries",
    attachments: "Attachments",
    amendment_of: "Correction of entry",
    removal_of: "Record that the author removed entry",
    removed: "This entry was removed by its author; the chain keeps its place.",
    intro: "Each entry's \"Written\" time was set by the app when it was saved and cannot be edited. Corrections are added as new entries; the original stays. See README.txt for how to check this export.",
    pdf_note: "Characters this PDF cannot show appear as '?'; timeline.html has the full text.",
};

const ES: Words = Words {
    title: "Registro de hechos",
    exported: "Exportado",
    key: "Huella de la clave de firma",
    head: "Cabeza de la cadena",
    entry: "Entrada",
    written: "Escrita",
    happened: "Ocurrió",
    what: "Qué pasó",
    place: "Dónde",
    people: "Quién estaba o lo vio",
    injuries: "Lesiones",
    attachments: "Archivos adjuntos",
    amendment_of: "Corrección de la entrada",
    removal_of: "Constancia de que la autora eliminó la entrada",
    removed: "La autora eliminó esta entrada; la cadena conserva su lugar.",
    intro: "La hora \"Escrita\" de cada entrada la puso la aplicación al guardarla y no se puede editar. Las correcciones se añaden como entradas nuevas; la original se conserva. Vea README.txt para saber cómo comprobar esta exportación.",
    pdf_note: "Los caracteres que este PDF no puede mostrar aparecen como '?'; timeline.html tiene el texto completo.",
};

fn words(lang: &str) -> &'static Words {
    if lang == "es" {
        &ES
    } else {
        &EN
    }
}

/// One block of the timeline, shared by the HTML and the PDF.
enum Block<'a> {
    Heading(String),
    Line(&'a str, String),
    Text(String),
    Attachment(&'a ManifestAttachment),
}

fn blocks(m: &Manifest) -> Vec<Vec<Block<'_>>> {
    let w = words(&m.lang);
    let seq_of: HashMap<EntryId, u64> = m.links.iter().map(|l| (l.link.id, l.link.seq)).collect();
    let removed: HashSet<EntryId> = m
        .links
        .iter()
        .filter_map(|l| match l.link.kind {
            EntryKind::Removal { of } => Some(of),
            _ => None,
        })
        .collect();
    let num = |id: &EntryId| {
        seq_of
            .get(id)
            .map(|s| (s + 1).to_string())
            .unwrap_or_else(|| "?".into())
    };
    m.links
        .iter()
        .map(|l| {
            let mut b = Vec::new();
            let mut head = format!("{} {}", w.entry, l.link.seq + 1);
            match l.link.kind {
                EntryKind::Original => {}
                EntryKind::Amendment { of } => {
                    let _ = write!(head, " — {} {}", w.amendment_of, num(&of));
                }
                EntryKind::Removal { of } => {
                    let _ = write!(head, " — {} {}", w.removal_of, num(&of));
                }
            }
            b.push(Block::Heading(head));
            b.push(Block::Line(w.written, l.written_at.clone()));
            if let Some(e) = &l.entry {
                b.push(Block::Line(w.happened, e.happened_at.clone()));
                for (label, text) in [
                    (w.what, &e.what),
                    (w.place, &e.place),
                    (w.people, &e.people),
                    (w.injuries, &e.injuries),
                ] {
                    if !text.is_empty() {
                        b.push(Block::Line(label, text.clone()));
                    }
                }
                if !e.attachments.is_empty() {
                    b.push(Block::Text(format!("{}:", w.attachments)));
                    for a in &e.attachments {
                        b.push(Block::Attachment(a));
                    }
                }
            } else if removed.contains(&l.link.id) {
                b.push(Block::Text(w.removed.into()));
            }
            b.push(Block::Line("SHA-256", to_hex(&l.link.hash)));
            b
        })
        .collect()
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str =
    "body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;color:#111}\
h1{font-size:1.5em}section{border-top:1px solid #999;padding:.5em 0;page-break-inside:avoid}\
h2{font-size:1.1em;margin:.3em 0}dt{font-weight:bold}dd{margin:0 0 .4em 1em;white-space:pre-wrap}\
code{font-size:.8em;word-break:break-all}img{max-width:100%;max-height:30em;display:block}\
.meta{font-size:.9em}@media print{a{color:#111}}";

/// The printable timeline (self-contained HTML, no scripts).
pub fn render_html(m: &Manifest) -> String {
    let w = words(&m.lang);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
        esc(&m.lang),
        esc(w.title),
        esc(w.title)
    );
    let _ = write!(
        h,
        "<p class=\"meta\">{}: {}<br>{}: <code>{}</code><br>{}: <code>{}</code> ({})</p>\n<p>{}</p>\n",
        esc(w.exported),
        esc(&m.exported_at),
        esc(w.key),
        esc(&m.key_fingerprint),
        esc(w.head),
        esc(&m.head_hash),
        m.head_links,
        esc(w.intro)
    );
    for sec in blocks(m) {
        h.push_str("<section><dl>");
        for b in sec {
            match b {
                Block::Heading(t) => {
                    let _ = write!(h, "</dl><h2>{}</h2><dl>", esc(&t));
                }
                Block::Line(label, text) => {
                    let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(&text));
                }
                Block::Text(t) => {
                    let _ = write!(h, "</dl><p>{}</p><dl>", esc(&t));
                }
                Block::Attachment(a) => {
                    let path = esc(&a.file);
                    let _ = write!(
                        h,
                        "<dd><a href=\"{path}\">{}</a> ({} B, {})<br><code>SHA-256 {}</code>",
                        esc(&a.meta.name),
                        a.meta.size,
                        esc(&a.meta.mime),
                        to_hex(&a.meta.sha256)
                    );
                    if is_picture(&a.meta.mime) {
                        let _ = write!(h, "<img src=\"{path}\" alt=\"\">");
                    }
                    h.push_str("</dd>");
                }
            }
        }
        h.push_str("</dl></section>\n");
    }
    h.push_str("</body></html>\n");
    h
}

fn is_picture(mime: &str) -> bool {
    matches!(
        mime,
        "image/jpeg" | "image/png" | "image/gif" | "image/webp"
    )
}

// ----------------------------------------------------------------------------- PDF

/// Helvetica advance widths (1/1000 em) for U+0020..U+007E.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// WinAnsi (cp1252) byte for a character; '?' when it has none.
fn win_ansi(c: char) -> u8 {
    let u = u32::from(c);
    match u {
        0x20..=0x7e | 0xa0..=0xff => u as u8,
        _ => match c {
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '\t' => b' ',
            _ => b'?',
        },
    }
}

fn byte_width(b: u8, size: f32) -> f32 {
    let w = match b {
        0x20..=0x7e => HELVETICA[usize::from(b - 0x20)],
        _ => 556,
    };
    f32::from(w) * size / 1000.0
}

/// Splits `text` (already WinAnsi bytes) into lines no wider than `width` points.
fn wrap(text: &[u8], size: f32, width: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    for para in text.split(|&b| b == b'\n') {
        let mut line: Vec<u8> = Vec::new();
        let mut w = 0.0f32;
        for word in para.split_inclusive(|&b| b == b' ') {
            let ww: f32 = word.iter().map(|&b| byte_width(b, size)).sum();
            if w + ww > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                w = 0.0;
            }
            if ww > width {
                // A word wider than the line: break it by characters.
                for &b in word {
                    let bw = byte_width(b, size);
                    if w + bw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        w = 0.0;
                    }
                    line.push(b);
                    w += bw;
                }
            } else {
                line.extend_from_slice(word);
                w += ww;
            }
        }
        lines.push(line);
    }
    lines
}

fn ansi(s: &str) -> Vec<u8> {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control() || *c == '\t')
        .map(|c| if c == '\n' { b'\n' } else { win_ansi(c) })
        .collect()
}

/// The timeline as PDF (A4, Helvetica, text only; pictures are in `attachments/`).
pub fn render_pdf(m: &Manifest) -> Vec<u8> {
    use pdf_writer::{Content as Page, Finish, Name, Pdf, Rect, Ref, Str};

    const W: f32 = 595.0;
    const H: f32 = 842.0;
    const MARGIN: f32 = 50.0;
    let text_w = W - 2.0 * MARGIN;
    let w = words(&m.lang);

    // (font 1 regular / 2 bold, size, indent, line bytes)
    let mut lines: Vec<(u8, f32, f32, Vec<u8>)> = Vec::new();
    let mut push = |font: u8, size: f32, indent: f32, text: &str| {
        for l in wrap(&ansi(text), size, text_w - indent) {
            lines.push((font, size, indent, l));
        }
    };
    push(2, 16.0, 0.0, w.title);
    push(1, 9.0, 0.0, &format!("{}: {}", w.exported, m.exported_at));
    push(1, 9.0, 0.0, &format!("{}: {}", w.key, m.key_fingerprint));
    push(
        1,
        9.0,
        0.0,
        &format!("{}: {} ({})", w.head, m.head_hash, m.head_links),
    );
    push(1, 9.0, 0.0, w.intro);
    push(1, 9.0, 0.0, w.pdf_note);
    for sec in blocks(m) {
        push(1, 6.0, 0.0, "");
        for b in sec {
            match b {
                Block::Heading(t) => push(2, 12.0, 0.0, &t),
                Block::Line(label, text) => {
                    push(2, 10.0, 0.0, label);
                    push(1, 10.0, 12.0, &text);
                }
                Block::Text(t) => push(1, 10.0, 0.0, &t),
                Block::Attachment(a) => {
                    push(
                        1,
                        10.0,
                        12.0,
                        &format!("{} ({} B, {})", a.file, a.meta.size, a.meta.mime),
                    );
                    push(1, 8.0, 24.0, &format!("SHA-256 {}", to_hex(&a.meta.sha256)));
                }
            }
        }
    }

    // Lay the lines out on pages.
    // (font, size, x, y, line bytes) per page.
    type Placed = (u8, f32, f32, f32, Vec<u8>);
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = H - MARGIN;
    for (font, size, indent, bytes) in lines {
        let lead = size * 1.3;
        if y - lead < MARGIN {
            pages.push(Vec::new());
            y = H - MARGIN;
        }
        y -= lead;
        if let Some(p) = pages.last_mut() {
            p.push((font, size, MARGIN + indent, y, bytes));
        }
    }

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let first = 5;
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first + 2 * i as i32))
        .collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (i, p) in pages.iter().enumerate() {
        let page_id = page_ids[i];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, W, H));
        page.parent(tree);
        page.contents(content_id);
        {
            let mut res = page.resources();
            res.fonts()
                .pair(Name(b"F1"), regular)
                .pair(Name(b"F2"), bold);
        }
        page.finish();
        let mut c = Page::new();
        for (font, size, x, y, bytes) in p {
            if bytes.is_empty() {
                continue;
            }
            c.begin_text();
            c.set_font(Name(if *font == 2 { b"F2" } else { b"F1" }), *size);
            c.next_line(*x, *y);
            c.show(Str(bytes));
            c.end_text();
        }
        pdf.stream(content_id, &c.finish());
    }
    pdf.finish()
}

// ----------------------------------------------------------------------------- README

/// The plain-text README (English, then Spanish).
pub fn readme() -> &'static str {
    include_str!("export_readme.txt")
}

// ----------------------------------------------------------------------------- writing

struct Counting<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn zip_time(unix: i64) -> zip::DateTime {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            zip::DateTime::from_date_and_time(
                u16::try_from(t.year()).ok()?,
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            )
            .ok()
        })
        .unwrap_or_default()
}

fn archive_err(_: zip::result::ZipError) -> EvidenceError {
    EvidenceError::Archive
}

fn io_err(e: std::io::Error) -> EvidenceError {
    EvidenceError::Io(e.kind())
}

/// How [`write_zip`] gets an attachment's bytes.
pub type Fetch<'a> = dyn FnMut(&AttachmentMeta) -> Result<Zeroizing<Vec<u8>>, EvidenceError> + 'a;

/// Writes the export of `m` to `out`, streaming: the attachments are fetched one at a time
/// with `fetch` and checked against their SHA-256 before they are written.
pub fn write_zip(
    m: &Manifest,
    fetch: &mut Fetch<'_>,
    out: &mut dyn Write,
) -> Result<ExportSummary, EvidenceError> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    let mut counting = Counting {
        inner: out,
        bytes: 0,
    };
    let when = zip_time(m.exported_at_unix);
    let text = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when)
        .unix_permissions(0o644);
    // Photos and most files are compressed already: stored as they are.
    let stored = text.compression_method(CompressionMethod::Stored);
    let mut sums: Vec<(String, [u8; 32])> = Vec::new();
    let mut summary = ExportSummary {
        entries: 0,
        removed: 0,
        attachments: 0,
        bytes: 0,
        file_name: super::export_file_name(m.exported_at_unix),
    };
    {
        let mut zw = zip::ZipWriter::new_stream(&mut counting);
        let manifest_json = serde_json::to_vec_pretty(m).map_err(|_| EvidenceError::Format)?;
        let manifest_json = Zeroizing::new(manifest_json);
        let html = Zeroizing::new(render_html(m).into_bytes());
        let pdf = Zeroizing::new(render_pdf(m));
        for (name, bytes) in [
            (files::README, readme().as_bytes()),
            (files::MANIFEST, &manifest_json[..]),
            (files::HTML, &html[..]),
            (files::PDF, &pdf[..]),
        ] {
            zw.start_file(name, text).map_err(archive_err)?;
            zw.write_all(bytes).map_err(io_err)?;
            sums.push((name.to_string(), crypto::sha256(bytes)));
        }
        for l in &m.links {
            match (&l.link.kind, &l.entry) {
                (EntryKind::Removal { .. }, _) => summary.removed += 1,
                (_, None) => {}
                (_, Some(e)) => {
                    summary.entries += 1;
                    for (i, a) in e.attachments.iter().enumerate() {
                        let bytes = fetch(&a.meta)?;
                        let digest = crypto::sha256(&bytes);
                        if digest != a.meta.sha256 || bytes.len() as u64 != a.meta.size {
                            return Err(EvidenceError::Check(Problem::Attachment {
                                seq: l.link.seq,
                                index: i as u64,
                            }));
                        }
                        zw.start_file(a.file.as_str(), stored)
                            .map_err(archive_err)?;
                        zw.write_all(&bytes).map_err(io_err)?;
                        sums.push((a.file.clone(), digest));
                        summary.attachments += 1;
                    }
                }
            }
        }
        zw.start_file(files::SUMS, text).map_err(archive_err)?;
        zw.write_all(sums_text(&sums).as_bytes()).map_err(io_err)?;
        zw.finish().map_err(archive_err)?;
    }
    counting.flush().map_err(io_err)?;
    summary.bytes = counting.bytes;
    Ok(summary)
}

fn sums_text(sums: &[(String, [u8; 32])]) -> String {
    let mut s = String::new();
    for (name, d) in sums {
        let _ = writeln!(s, "{}  {}", to_hex(d), name);
    }
    s
}

// ----------------------------------------------------------------------------- verifying

struct Archive<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// Bytes still allowed to be read ([`MAX_TOTAL_BYTES`] at the start).
    budget: u64,
}

fn read_file(z: &mut Archive<'_>, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, Problem> {
    let f = match z.zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(Problem::Archive),
    };
    if f.size() > MAX_FILE_BYTES || f.size() > z.budget {
        return Err(Problem::Archive);
    }
    let mut buf = Zeroizing::new(Vec::with_capacity(usize::try_from(f.size()).unwrap_or(0)));
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|_| Problem::Archive)?;
    if buf.len() as u64 > MAX_FILE_BYTES || buf.len() as u64 > z.budget {
        return Err(Problem::Archive);
    }
    z.budget -= buf.len() as u64;
    Ok(Some(buf))
}

fn need(z: &mut Archive<'_>, name: &'static str) -> Result<Zeroizing<Vec<u8>>, Problem> {
    read_file(z, name)?.ok_or(Problem::MissingFile(name))
}

/// Parses a manifest (strict about its format and version). Never panics.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, Problem> {
    let m: Manifest = serde_json::from_slice(bytes).map_err(|_| Problem::Manifest)?;
    if m.format != MANIFEST_FORMAT || m.version != MANIFEST_VERSION {
        return Err(Problem::Manifest);
    }
    Ok(m)
}

/// Checks a parsed manifest on its own: the chain, every content digest, the derived fields
/// and the signature (not the attachment bytes). Returns the report.
pub fn check_manifest(m: &Manifest) -> Result<ChainReport, Problem> {
    if m.exported_at != utc_text(m.exported_at_unix) || !matches!(m.lang.as_str(), "en" | "es") {
        return Err(Problem::Manifest);
    }
    let links: Vec<Link> = m.links.iter().map(|l| l.link.clone()).collect();
    let removed = chain::check_links(&links, |i| {
        match m.links.get(i).and_then(|l| l.entry.as_ref()) {
            Some(e) => Content::Present(chain::content_digest(&e.fields(), &e.metas())),
            None => Content::Absent,
        }
    })?;
    // A removal record, or a removed entry, carries no content in an export; the readable
    // time is the linked one.
    for l in &m.links {
        if l.written_at != utc_text(l.link.written_at) {
            return Err(Problem::Content { seq: l.link.seq });
        }
        let gone = matches!(l.link.kind, EntryKind::Removal { .. }) || removed.contains(&l.link.id);
        if gone && l.entry.is_some() {
            return Err(Problem::Content { seq: l.link.seq });
        }
    }
    if m.head_links != links.len() as u64 || m.head_hash != chain::head_hex(&links) {
        return Err(Problem::Signature);
    }
    chain::check_signature(&links, &m.public_key, &m.signature)?;
    if m.key_fingerprint != chain::fingerprint(&m.public_key) {
        return Err(Problem::Signature);
    }
    // The derived file names.
    let mut n = 0usize;
    let mut attachments = 0u64;
    for l in &m.links {
        for a in l.entry.iter().flat_map(|e| e.attachments.iter()) {
            n += 1;
            attachments += 1;
            if a.file != attachment_path(n, &a.meta.name) {
                return Err(Problem::Content { seq: l.link.seq });
            }
        }
    }
    Ok(ChainReport {
        links: links.len() as u64,
        removed: removed.len() as u64,
        attachments,
        head: chain::head_hex(&links),
        key_fingerprint: m.key_fingerprint.clone(),
        problem: None,
    })
}

/// Checks an export archive; see [`super::verify_export`].
pub fn verify(bytes: &[u8]) -> Result<ChainReport, Problem> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| Problem::Archive)?;
    let mut z = Archive {
        zip,
        budget: MAX_TOTAL_BYTES,
    };
    if z.zip.len() > MAX_FILES {
        return Err(Problem::Archive);
    }
    let manifest_bytes = need(&mut z, files::MANIFEST)?;
    let m = parse_manifest(&manifest_bytes)?;
    let report = check_manifest(&m)?;

    let mut sums: Vec<(String, [u8; 32])> = Vec::new();
    let readme = need(&mut z, files::README)?;
    sums.push((files::README.into(), crypto::sha256(&readme)));
    sums.push((files::MANIFEST.into(), crypto::sha256(&manifest_bytes)));
    let html = need(&mut z, files::HTML)?;
    if html[..] != *render_html(&m).as_bytes() {
        return Err(Problem::Timeline(files::HTML));
    }
    sums.push((files::HTML.into(), crypto::sha256(&html)));
    let pdf = need(&mut z, files::PDF)?;
    if pdf[..] != render_pdf(&m)[..] {
        return Err(Problem::Timeline(files::PDF));
    }
    sums.push((files::PDF.into(), crypto::sha256(&pdf)));
    for l in &m.links {
        for (i, a) in l
            .entry
            .iter()
            .flat_map(|e| e.attachments.iter())
            .enumerate()
        {
            let bad = Problem::Attachment {
                seq: l.link.seq,
                index: i as u64,
            };
            let data = read_file(&mut z, &a.file)?.ok_or_else(|| bad.clone())?;
            let mut h = Sha256::new();
            h.update(&data);
            let digest = h.finish();
            if digest != a.meta.sha256 || data.len() as u64 != a.meta.size {
                return Err(bad);
            }
            sums.push((a.file.clone(), digest));
        }
    }
    let listed = need(&mut z, files::SUMS)?;
    if listed[..] != *sums_text(&sums).as_bytes() {
        return Err(Problem::Checksums {
            line: first_sum_problem(&listed, &sums),
        });
    }
    // Nothing else in the archive.
    let expected: HashSet<&str> = sums
        .iter()
        .map(|(n, _)| n.as_str())
        .chain([files::SUMS])
        .collect();
    for i in 0..z.zip.len() {
        let name = z.zip.name_for_index(i).unwrap_or("");
        if !expected.contains(name) {
            return Err(Problem::UnexpectedFile);
        }
    }
    if z.zip.len() != expected.len() {
        return Err(Problem::Archive);
    }
    Ok(report)
}

fn first_sum_problem(listed: &[u8], sums: &[(String, [u8; 32])]) -> u64 {
    let text = String::from_utf8_lossy(listed);
    let mut lines = text.lines();
    for (i, (name, d)) in sums.iter().enumerate() {
        let want = format!("{}  {}", to_hex(d), name);
        match lines.next() {
            Some(l) if l == want => {}
            _ => return i as u64 + 1,
        }
    }
    sums.len() as u64 + 1
}
