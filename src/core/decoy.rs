//! Plausible everyday content for a decoy vault, so that opening it with the second PIN
//! shows an ordinary, lived-in space rather than an empty one.

use crate::core::i18n;

/// Record names and JSON bodies to write into a fresh decoy, in `lang`.
pub fn records(lang: &str) -> Vec<(String, Vec<u8>)> {
    let notes = serde_json::json!({
        "v": 1,
        "text": i18n::tr(lang, "decoy-notes"),
    });
    vec![(
        "plan".to_string(),
        serde_json::to_vec(&serde_json::json!({ "v": 1, "notes": notes["text"] }))
            .unwrap_or_default(),
    )]
}

/// Write the decoy records through `put` (the vault's `put_bytes`).
pub fn seed<E>(lang: &str, put: &mut dyn FnMut(&str, &[u8]) -> Result<(), E>) -> Result<(), E> {
    for (name, body) in records(lang) {
        put(&name, &body)?;
    }
    Ok(())
}
