//! `sms:` links that open the phone's own text composer with numbers and a message typed in.
//! Nothing is sent: the person reads the message in her messaging app and taps Send herself
//! (or does not).
//!
//! Form: `sms:+15551234567,+15557654321?body=...`
//! - Numbers keep only ASCII digits and one leading `+`; several numbers are joined by `,`.
//!   Entries with no digit are dropped.
//! - The body is percent-encoded as UTF-8, keeping only RFC 3986 unreserved characters
//!   (`A-Z a-z 0-9 - . _ ~`): space is `%20` (never `+`), `&` is `%26`, `#` is `%23`,
//!   `?` is `%3F`, `é` is `%C3%A9`.
//! - The body follows `?body=`. Older iOS versions wanted `&body=` after the number, but
//!   iOS since 8 and Android both read `?body=` (RFC 5724 form); we use `?body=` only.
//!   An empty body leaves the query out.

/// Longest text accepted for a body, in bytes (a code word is short; this bounds the URI).
pub const MAX_BODY: usize = 1_000;
/// Most numbers in one link.
pub const MAX_NUMBERS: usize = 10;

/// A phone number as it goes into an `sms:` link: ASCII digits and one leading `+`
/// (kept only if it came before the first digit). `None` if there is no digit.
pub fn clean_number(raw: &str) -> Option<String> {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if c == '+' && out.is_empty() {
            out.push('+');
        }
    }
    let digits = out.trim_start_matches('+');
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    Some(out)
}

/// Split a field that may hold several numbers (separated by `,`, `;`, `/` or "or" in a
/// line) into cleaned numbers, at most [`MAX_NUMBERS`].
pub fn numbers_in(field: &str) -> Vec<String> {
    field
        .split([',', ';', '/', '\n'])
        .filter_map(clean_number)
        .take(MAX_NUMBERS)
        .collect()
}

/// Percent-encode text for the body (UTF-8; unreserved characters kept).
pub fn encode_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            _ => {
                out.push('%');
                out.push(hex(b >> 4));
                out.push(hex(b & 0x0f));
            }
        }
    }
    out
}

fn hex(n: u8) -> char {
    char::from(if n < 10 { b'0' + n } else { b'A' + n - 10 })
}

/// Why no link can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsError {
    /// No usable number.
    NoNumber,
    /// The body is longer than [`MAX_BODY`].
    TooLong,
}

/// The `sms:` link for these numbers (each cleaned with [`clean_number`]; unusable ones
/// dropped) and this body (trimmed).
pub fn sms_uri<S: AsRef<str>>(numbers: &[S], body: &str) -> Result<String, SmsError> {
    let nums: Vec<String> = numbers
        .iter()
        .filter_map(|n| clean_number(n.as_ref()))
        .take(MAX_NUMBERS)
        .collect();
    if nums.is_empty() {
        return Err(SmsError::NoNumber);
    }
    let body = body.trim();
    if body.len() > MAX_BODY {
        return Err(SmsError::TooLong);
    }
    let mut uri = format!("sms:{}", nums.join(","));
    if !body.is_empty() {
        uri.push_str("?body=");
        uri.push_str(&encode_body(body));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digits_are_upper_case() {
        assert_eq!(encode_body("\u{ff}"), "%C3%BF");
        assert_eq!(encode_body("a b"), "a%20b");
    }
}
