//! QR codes for resource links, rendered as SVG text with the `qrcode` crate.
//!
//! Error correction M (15 %) when the link fits, else L (7 %); a link longer than a QR
//! code can hold is a typed error, so the share screen can fall back to "copy link".
//! Sans-IO: returns strings and module grids, writes nothing.

use qrcode::render::svg;
use qrcode::types::QrError as RawQrError;
use qrcode::{Color, EcLevel, QrCode};

/// Why no QR code could be made. Carries no part of the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// The text is too long for the largest QR code.
    #[error("too long for a QR code")]
    TooLong,
    /// The encoder failed for another reason.
    #[error("QR code could not be made")]
    Encode,
}

/// A QR code as a square grid of modules (without the quiet zone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// Row-major, `true` = dark; `width * width` entries.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// True when the module at column `x`, row `y` is dark (`false` outside the grid).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width
            && y < self.width
            && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }
}

fn code(text: &str) -> Result<QrCode, QrError> {
    match QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) {
        Ok(c) => Ok(c),
        Err(RawQrError::DataTooLong) => {
            QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).map_err(|e| match e {
                RawQrError::DataTooLong => QrError::TooLong,
                _ => QrError::Encode,
            })
        }
        Err(_) => Err(QrError::Encode),
    }
}

/// The module grid for `text`.
pub fn matrix(text: &str) -> Result<QrMatrix, QrError> {
    let c = code(text)?;
    let dark = c
        .to_colors()
        .into_iter()
        .map(|m| m == Color::Dark)
        .collect();
    Ok(QrMatrix {
        width: c.width(),
        dark,
    })
}

/// An `<svg>` element (black on white, 4-module quiet zone, at least `min_px` wide) for
/// `text`, without an XML declaration so it can be written to a file or placed inline in
/// HTML. The markup holds only the qrcode crate's fixed elements and path numbers.
pub fn svg(text: &str, min_px: u32) -> Result<String, QrError> {
    let c = code(text)?;
    let doc = c
        .render::<svg::Color<'_>>()
        .min_dimensions(min_px, min_px)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    Ok(match doc.find("<svg") {
        Some(start) => doc.get(start..).unwrap_or(&doc).to_owned(),
        None => doc,
    })
}
