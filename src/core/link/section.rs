//! The resource section of a link (the layout in [`super`]'s docs): the encoder, the bounded
//! reader and the decoder, which refuses control and bidi characters and drops claims an
//! unsigned link cannot make.

use super::*;

pub(super) fn encode_section(resources: &[Resource]) -> Result<Vec<u8>, LinkError> {
    if resources.is_empty() || resources.len() > MAX_RESOURCES {
        return Err(LinkError::ResourceCount);
    }
    let mut out = Vec::with_capacity(64 * resources.len());
    out.push(u8::try_from(resources.len()).map_err(|_| LinkError::ResourceCount)?);
    for r in resources {
        out.push(r.kind.wire());
        put_str(&mut out, &r.id, limits::ID, "id")?;
        if r.name.trim().is_empty() {
            return Err(LinkError::MissingField("name"));
        }
        put_str(&mut out, &r.name, limits::NAME, "name")?;
        put_str(
            &mut out,
            r.notes.as_deref().unwrap_or(""),
            limits::NOTE,
            "note",
        )?;
        out.push(r.provenance.confidence.wire());
        let checked = r.provenance.verified.and_then(checked_days).unwrap_or(0);
        out.extend_from_slice(&checked.to_be_bytes());
        if r.contacts.len() > limits::CONTACTS {
            return Err(LinkError::TooMany("contacts"));
        }
        out.push(u8::try_from(r.contacts.len()).map_err(|_| LinkError::TooMany("contacts"))?);
        for c in &r.contacts {
            out.push(c.kind.wire() | (c.confidence.wire() << 4));
            if c.value.trim().is_empty() {
                return Err(LinkError::MissingField("contact value"));
            }
            put_str(&mut out, &c.value, limits::CONTACT_VALUE, "contact value")?;
            put_str(
                &mut out,
                c.keyword.as_deref().unwrap_or(""),
                limits::KEYWORD,
                "keyword",
            )?;
            put_str(
                &mut out,
                c.label.as_deref().unwrap_or(""),
                limits::LABEL,
                "label",
            )?;
        }
        if r.languages.len() > limits::LANGUAGES {
            return Err(LinkError::TooMany("languages"));
        }
        out.push(u8::try_from(r.languages.len()).map_err(|_| LinkError::TooMany("languages"))?);
        for l in &r.languages {
            if l.code.is_empty() && l.name.is_empty() {
                return Err(LinkError::MissingField("language"));
            }
            put_str(&mut out, &l.code, limits::LANGUAGE_CODE, "language code")?;
            put_str(&mut out, &l.name, limits::LANGUAGE_NAME, "language name")?;
        }
    }
    Ok(out)
}

/// Days since 1970-01-01 for the `checked` field (`None` outside 1970-01-02…2149).
pub(super) fn checked_days(d: time::Date) -> Option<u16> {
    let days = d.to_julian_day()
        - time::Date::from_calendar_date(1970, time::Month::January, 1)
            .map(time::Date::to_julian_day)
            .ok()?;
    u16::try_from(days).ok().filter(|&n| n > 0)
}

pub(super) fn checked_date(days: u16) -> Option<time::Date> {
    let epoch = time::Date::from_calendar_date(1970, time::Month::January, 1).ok()?;
    (days > 0)
        .then(|| epoch.checked_add(time::Duration::days(i64::from(days))))
        .flatten()
}

pub(super) fn put_str(
    out: &mut Vec<u8>,
    s: &str,
    max: usize,
    field: &'static str,
) -> Result<(), LinkError> {
    if s.len() > max {
        return Err(LinkError::FieldTooLong(field));
    }
    if !text_ok(s) {
        return Err(LinkError::BadText(field));
    }
    put_len(out, s.len())?;
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

pub(super) fn put_len(out: &mut Vec<u8>, n: usize) -> Result<(), LinkError> {
    if n < 0x80 {
        out.push(n as u8);
    } else if n <= MAX_LEB2 {
        out.push(0x80 | (n & 0x7F) as u8);
        out.push((n >> 7) as u8);
    } else {
        return Err(LinkError::NonCanonical);
    }
    Ok(())
}

/// No control characters and no bidirectional overrides / isolates / marks that could
/// make a number or name display as something else.
pub(super) fn text_ok(s: &str) -> bool {
    !s.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Replace forbidden characters with spaces and trim.
pub(super) fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if text_ok(c.encode_utf8(&mut [0u8; 4])) {
                c
            } else {
                ' '
            }
        })
        .collect();
    mapped.trim().to_owned()
}

/// Cut to at most `max` bytes at a character boundary, ending in "…" when cut.
pub(super) fn cut(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let ell = '…';
    let budget = max.saturating_sub(ell.len_utf8());
    let mut end = budget.min(s.len());
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = s.get(..end).unwrap_or("").trim_end().to_owned();
    out.push(ell);
    out
}

// ---------------------------------------------------------------------------------------
// Decoding

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub(super) fn u8(&mut self) -> Result<u8, LinkError> {
        let b = *self.bytes.get(self.pos).ok_or(LinkError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], LinkError> {
        let end = self.pos.checked_add(n).ok_or(LinkError::Truncated)?;
        let out = self.bytes.get(self.pos..end).ok_or(LinkError::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    pub(super) fn rest(&mut self) -> &'a [u8] {
        let out = self.bytes.get(self.pos..).unwrap_or(&[]);
        self.pos = self.bytes.len();
        out
    }

    pub(super) fn len(&mut self) -> Result<usize, LinkError> {
        let b0 = self.u8()?;
        if b0 < 0x80 {
            return Ok(usize::from(b0));
        }
        let b1 = self.u8()?;
        if b1 == 0 || b1 >= 0x80 {
            return Err(LinkError::NonCanonical);
        }
        Ok(usize::from(b0 & 0x7F) | (usize::from(b1) << 7))
    }

    pub(super) fn str(&mut self, max: usize, field: &'static str) -> Result<&'a str, LinkError> {
        let n = self.len()?;
        if n > max {
            return Err(LinkError::FieldTooLong(field));
        }
        let raw = self.take(n)?;
        let s = std::str::from_utf8(raw).map_err(|_| LinkError::BadText(field))?;
        if !text_ok(s) {
            return Err(LinkError::BadText(field));
        }
        Ok(s)
    }

    fn opt(&mut self, max: usize, field: &'static str) -> Result<Option<String>, LinkError> {
        let s = self.str(max, field)?;
        Ok((!s.is_empty()).then(|| s.to_owned()))
    }

    pub(super) fn finish(&self) -> Result<(), LinkError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(LinkError::TrailingBytes)
        }
    }
}

pub(super) fn decode_section(
    bytes: &[u8],
    version: u8,
    signed_by: Option<(&str, OffsetDateTime)>,
) -> Result<Vec<Resource>, LinkError> {
    let mut r = Reader::new(bytes);
    let count = usize::from(r.u8()?);
    if count == 0 || count > MAX_RESOURCES {
        return Err(LinkError::ResourceCount);
    }
    let v2 = version >= 2;
    // What a contact's or resource's carried confidence becomes: unsigned links are
    // never more than unverified, whatever they claim.
    let trust = |c: Confidence| match signed_by {
        Some(_) => c,
        None => c.max(Confidence::Unverified),
    };
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = ResourceKind::from_wire(r.u8()?).ok_or(LinkError::BadCode("resource kind"))?;
        let id = r.str(limits::ID, "id")?;
        let name = r.str(limits::NAME, "name")?;
        if name.trim().is_empty() {
            return Err(LinkError::MissingField("name"));
        }
        let note = r.opt(limits::NOTE, "note")?;
        let (confidence, checked) = if v2 {
            let c = Confidence::from_wire(r.u8()?).ok_or(LinkError::BadCode("confidence"))?;
            let d: [u8; 2] = r.take(2)?.try_into().map_err(|_| LinkError::Truncated)?;
            (c, checked_date(u16::from_be_bytes(d)))
        } else {
            (Confidence::Official, None)
        };
        let n = usize::from(r.u8()?);
        if n > limits::CONTACTS {
            return Err(LinkError::TooMany("contacts"));
        }
        let mut contacts = Vec::with_capacity(n);
        for _ in 0..n {
            let code = r.u8()?;
            let (kind, conf) = if v2 {
                (code & 0x0f, code >> 4)
            } else {
                (code, Confidence::Official.wire())
            };
            let kind = ContactKind::from_wire(kind).ok_or(LinkError::BadCode("contact kind"))?;
            let conf = Confidence::from_wire(conf).ok_or(LinkError::BadCode("confidence"))?;
            let value = r.str(limits::CONTACT_VALUE, "contact value")?;
            if value.trim().is_empty() {
                return Err(LinkError::MissingField("contact value"));
            }
            contacts.push(ContactPoint {
                kind,
                value: value.to_owned(),
                keyword: r.opt(limits::KEYWORD, "keyword")?,
                label: r.opt(limits::LABEL, "label")?,
                confidence: trust(conf),
            });
        }
        let m = usize::from(r.u8()?);
        if m > limits::LANGUAGES {
            return Err(LinkError::TooMany("languages"));
        }
        let mut languages = Vec::with_capacity(m);
        for _ in 0..m {
            let code = r.str(limits::LANGUAGE_CODE, "language code")?;
            let name = r.str(limits::LANGUAGE_NAME, "language name")?;
            if code.is_empty() && name.is_empty() {
                return Err(LinkError::MissingField("language"));
            }
            languages.push(Language {
                code: code.to_owned(),
                name: name.to_owned(),
            });
        }
        let id = if id.is_empty() {
            derived_id(name, &contacts)
        } else {
            id.to_owned()
        };
        let mut res = Resource::new(id, name, kind);
        res.contacts = contacts;
        res.languages = languages;
        res.notes = note;
        res.provenance = match signed_by {
            Some((org, issued)) => Provenance {
                source: Some(org.to_owned()),
                verified: checked.filter(|d| *d <= issued.date()),
                confidence,
                compiled: None,
            },
            None => Provenance {
                source: None,
                verified: None,
                confidence: trust(confidence),
                compiled: None,
            },
        };
        res.normalize();
        res.validate()
            .map_err(|_| LinkError::FieldTooLong("resource"))?;
        out.push(res);
    }
    r.finish()?;
    Ok(out)
}

/// `link-` + 16 hex digits of SHA-256 over the name and contact values.
pub(super) fn derived_id(name: &str, contacts: &[ContactPoint]) -> String {
    let mut ctx = crate::core::crypto::Sha256::new();
    ctx.update(name.as_bytes());
    for c in contacts {
        ctx.update(&[0]);
        ctx.update(c.value.as_bytes());
    }
    let digest = ctx.finish();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("link-{hex}")
}
