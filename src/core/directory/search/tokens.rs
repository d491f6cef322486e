//! Tokens: lower case, accents folded ("línea" matches "linea"), stop words dropped, long
//! tokens cut; language keys for the language filter. One ASCII fast path, checked
//! against the general tokeniser by the tests.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::MAX_TOKEN_CHARS;

#[cfg(test)]
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or", "the",
    "to", "with", "de", "del", "el", "en", "la", "las", "los", "para", "por", "con", "y",
];

/// [`language_keys`] without allocating in the common case (a lower-case ASCII code and an
/// ASCII name); `buf` is scratch space.
pub(super) fn for_language_keys(code: &str, name: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let primary = code.trim().split(['-', '_']).next().unwrap_or("");
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if !plain(primary) || !name.is_ascii() {
        for key in language_keys(code, name) {
            f(&key);
        }
        return;
    }
    if !primary.is_empty() {
        f(primary);
    }
    buf.clear();
    buf.extend(name.trim().chars().map(|c| c.to_ascii_lowercase()));
    if !buf.is_empty() && buf.as_str() != primary {
        f(buf);
    }
}

/// Keys a language is filed under: its primary code subtag and its folded name.
pub(super) fn language_keys(code: &str, name: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    let primary = code
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !primary.is_empty() {
        keys.push(primary);
    }
    let folded = fold(name);
    if !folded.is_empty() && !keys.contains(&folded) {
        keys.push(folded);
    }
    keys
}

/// Lower-case and strip accents ("Línea" → "linea"); other characters are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out.trim().to_owned()
}

/// Append the [`fold`] of `text` to `out` (trimmed the same way), without a new string.
pub(super) fn fold_into(text: &str, out: &mut String) {
    let text = text.trim();
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in text.chars() {
        push_folded(c, out);
    }
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Call `f` with each folded token of `text` (stop words skipped, tokens cut to 40 chars).
///
/// One pass over the bytes cuts the text at ASCII separators (which end a token in every
/// path) and notes what each word holds: a word of lower-case letters and digits is
/// handed out as a slice of `text`; other ASCII words are folded in a stack buffer; only
/// a word holding a non-ASCII character ("línea", "Women’s") is folded character by
/// character ([`for_each_general_token`], the definition the tests compare against).
pub(super) fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let mut start = 0;
    let mut plain = true;
    let mut ascii = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let class = BYTE_CLASS.get(usize::from(b)).copied().unwrap_or(SEPARATOR);
        if class == PLAIN {
            continue;
        }
        if class == NON_ASCII {
            ascii = false;
            plain = false;
        } else if class == FOLDED {
            plain = false;
        } else {
            // An ASCII separator: `i` is a character boundary.
            word(text.get(start..i).unwrap_or(""), plain, ascii, buf, &mut f);
            start = i + 1;
            plain = true;
            ascii = true;
        }
    }
    word(text.get(start..).unwrap_or(""), plain, ascii, buf, &mut f);
}

/// Byte classes of [`for_each_token`]: a lower-case letter or digit, an upper-case letter
/// or apostrophe (the word needs folding), a byte of a non-ASCII character, a separator.
const PLAIN: u8 = 0;
const FOLDED: u8 = 1;
const NON_ASCII: u8 = 2;
const SEPARATOR: u8 = 3;

/// The class of every byte, so the scan does one lookup per byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [SEPARATOR; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            PLAIN
        } else if c.is_ascii_uppercase() || c == b'\'' {
            FOLDED
        } else if c >= 0x80 {
            NON_ASCII
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// The tokens of one word of [`for_each_token`] (no ASCII separator inside).
#[inline]
fn word(w: &str, plain: bool, ascii: bool, buf: &mut String, f: &mut impl FnMut(&str)) {
    if w.is_empty() {
        return;
    }
    if plain && w.len() <= MAX_TOKEN_CHARS {
        if !is_stop_word(w) {
            f(w);
        }
    } else if ascii {
        // Upper case, an apostrophe inside, or too long: fold into a stack buffer.
        let mut folded = [0u8; MAX_TOKEN_CHARS];
        let mut len = 0;
        for b in w.bytes().filter(u8::is_ascii_alphanumeric) {
            if let Some(slot) = folded.get_mut(len) {
                *slot = b.to_ascii_lowercase();
                len += 1;
            }
        }
        if let Ok(t) = std::str::from_utf8(folded.get(..len).unwrap_or(&[])) {
            if !t.is_empty() && !is_stop_word(t) {
                f(t);
            }
        }
    } else {
        for_each_general_token(w, buf, f);
    }
}

/// The general tokeniser, character by character: the definition of [`for_each_token`],
/// which runs it only on the words that hold a non-ASCII character.
fn for_each_general_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let mut emit = |buf: &mut String| {
        if !buf.is_empty() {
            if !is_stop_word(buf) {
                f(buf);
            }
            buf.clear();
        }
    };
    buf.clear();
    let mut count = 0usize;
    let mut folded = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if count < MAX_TOKEN_CHARS {
                buf.push(c.to_ascii_lowercase());
                count += 1;
            }
        } else if c.is_ascii() && c != '\'' {
            emit(buf);
            count = 0;
        } else if c.is_alphanumeric() {
            folded.clear();
            push_folded(c, &mut folded);
            for fc in folded.chars() {
                if fc.is_alphanumeric() && count < MAX_TOKEN_CHARS {
                    buf.push(fc);
                    count += 1;
                }
            }
        } else if c == '\'' || c == '’' {
            // "women's" → "womens": apostrophes join.
        } else {
            emit(buf);
            count = 0;
        }
    }
    emit(buf);
}

fn is_stop_word(t: &str) -> bool {
    // The words of [`STOP_WORDS`], as a match the compiler turns into a few comparisons.
    matches!(
        t,
        "a" | "an"
            | "and"
            | "are"
            | "at"
            | "be"
            | "by"
            | "for"
            | "from"
            | "in"
            | "is"
            | "of"
            | "on"
            | "or"
            | "the"
            | "to"
            | "with"
            | "de"
            | "del"
            | "el"
            | "en"
            | "la"
            | "las"
            | "los"
            | "para"
            | "por"
            | "con"
            | "y"
    )
}

/// The folded tokens of `text`, as the index sees them (for tests and tools).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| out.push(t.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_keys_fast_path_agrees() {
        let mut buf = String::new();
        for (code, name) in [
            ("es", "Spanish"),
            ("ES-mx", "Español"),
            ("ase", "American Sign Language"),
            ("", "Haitian Creole "),
            ("en", "en"),
            ("zh_Hant", "Chinese"),
        ] {
            let mut fast = Vec::new();
            for_language_keys(code, name, &mut buf, |k| fast.push(k.to_owned()));
            assert_eq!(fast, language_keys(code, name), "{code} {name}");
        }
    }

    #[test]
    fn stop_word_match_is_the_list() {
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["", "ands", "th", "shelter", "para2"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }

    #[test]
    fn ascii_and_general_tokenizers_agree() {
        let text = "Women's Shelter & Legal-Aid for the 24/7 line: call 555-0100 (TX), \
                    averyveryveryveryveryveryverylongwordthatiscutatfortychars ok";
        let mut general = Vec::new();
        let mut buf = String::new();
        for_each_general_token(text, &mut buf, |t| general.push(t.to_owned()));
        assert_eq!(tokens(text), general);
        assert!(general.iter().all(|t| t.chars().count() <= MAX_TOKEN_CHARS));
    }

    proptest::proptest! {
        /// Cutting at ASCII separators first changes nothing: the tokens are those of the
        /// general tokeniser over the whole text.
        #[test]
        fn runs_agree_with_the_general_tokeniser(
            text in "([a-zA-Z0-9 ,.'’/+\\-]|[áéíóúñÁÉÍÓÚÑßæŒøł—·é̈\u{301}]|Straße|línea|de|LA){0,40}"
        ) {
            let mut buf = String::new();
            let mut general = Vec::new();
            for_each_general_token(&text, &mut buf, |t| general.push(t.to_owned()));
            proptest::prop_assert_eq!(tokens(&text), general);
        }

        /// The ASCII shortcut of `fold_into` folds as the character path does.
        #[test]
        fn fold_into_agrees_with_push_folded(text in "[ a-zA-Z0-9,'é]{0,30}") {
            let mut fast = String::from("x");
            fold_into(&text, &mut fast);
            let mut slow = String::from("x");
            for c in text.trim().chars() {
                push_folded(c, &mut slow);
            }
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn tokens_fold_accents_and_stop_words() {
        assert_eq!(
            tokens("Línea de Crisis, LGBTQ+ 24/7"),
            vec!["linea", "crisis", "lgbtq", "24", "7"]
        );
        assert_eq!(tokens("Women’s Straße"), vec!["womens", "strasse"]);
        assert_eq!(fold("ÁRBOL"), "arbol");
    }
}
