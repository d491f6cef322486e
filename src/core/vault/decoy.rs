//! What a new decoy space holds: the "Notes" space the second PIN opens.
//!
//! The decoy is not this app with harmless content: it is an ordinary private-notes space
//! ([`crate::core::notes`]) with a few everyday starter notes, picked at random and dated
//! at random over the weeks before setup, so no two installs look alike. Nothing in it
//! names a safety plan, help, or a second space.

use crate::core::crypto::CryptoError;
use crate::core::notes::{self, Note, RandomFill};

/// Why seeding stopped: no randomness, or the writer failed.
#[derive(Debug)]
pub enum SeedError<E> {
    /// The random source failed.
    Random(CryptoError),
    /// Writing a record failed.
    Write(E),
}

/// Record names and JSON bodies for a fresh decoy in `lang`, set up at `now`.
pub fn records(
    lang: &str,
    now: u64,
    rng: &mut RandomFill<'_>,
) -> Result<Vec<(String, Vec<u8>)>, CryptoError> {
    let mut out = Vec::new();
    for note in notes::seed(lang, now, rng)? {
        if let (Some(name), Ok(body)) = (notes::record_name(&note.id), serde_json::to_vec(&note)) {
            out.push((name, body));
        }
    }
    Ok(out)
}

/// A writer of one named record (the vault's `put_bytes`).
pub type PutRecord<'a, E> = dyn FnMut(&str, &[u8]) -> Result<(), E> + 'a;

/// Write the starter notes of a fresh decoy through `put`.
pub fn seed<E>(
    lang: &str,
    now: u64,
    rng: &mut RandomFill<'_>,
    put: &mut PutRecord<'_, E>,
) -> Result<(), SeedError<E>> {
    for (name, body) in records(lang, now, rng).map_err(SeedError::Random)? {
        put(&name, &body).map_err(SeedError::Write)?;
    }
    Ok(())
}

/// Read back a decoy record body as a note (for tests and tools).
pub fn note_of(body: &[u8]) -> Option<Note> {
    serde_json::from_slice::<Note>(body)
        .ok()
        .map(Note::sanitized)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n;

    #[test]
    fn decoy_records_are_notes_in_the_notes_format() {
        for lang in i18n::languages() {
            let mut n = 0u8;
            let mut rng = |out: &mut [u8]| {
                for b in out.iter_mut() {
                    n = n.wrapping_mul(31).wrapping_add(17);
                    *b = n;
                }
                Ok(())
            };
            let recs = records(lang, 1_780_000_000, &mut rng).unwrap();
            assert!((notes::SEED_MIN..=notes::SEED_MAX).contains(&recs.len()));
            for (name, body) in &recs {
                let note = note_of(body).unwrap();
                assert_eq!(notes::record_name(&note.id).as_deref(), Some(name.as_str()));
                assert!(note.validate().is_ok());
                assert!(!note.title.starts_with("notes-"));
            }
        }
    }
}
