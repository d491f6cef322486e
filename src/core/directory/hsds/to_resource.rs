//! HSDS service → [`Resource`]: the Haven profile and the safety rules applied on the way
//! in (contacts, languages, hours, area, place, provenance). A confidential place never
//! keeps a street address or postal code; a record over the limits is skipped.

use super::us_states::state_code;
use super::{Schedule, Service, ServiceAtLocation, SkipReason, Text};
use crate::core::resource::{
    iso_date, Clock, Confidence, ContactKind, ContactPoint, Day, Hours, Language, OpeningSpan,
    Place, Population, Provenance, Resource, ResourceKind, ServiceArea,
};

/// A profile confidence name; absent or unknown reads as [`Confidence::Official`].
fn confidence_from(s: Option<&str>) -> Confidence {
    s.and_then(|s| Confidence::from_name(s.trim()))
        .unwrap_or_default()
}

/// HSDS phone type → contact kind. Fax and pager are not ways to reach help here.
fn phone_kind(t: Option<&str>) -> Option<ContactKind> {
    let t = t.map_or("", str::trim);
    let is = |names: &[&str]| names.iter().any(|n| t.eq_ignore_ascii_case(n));
    if is(&["", "voice", "cell"]) {
        Some(ContactKind::Call)
    } else if is(&["text", "sms"]) {
        Some(ContactKind::Text)
    } else if is(&["textphone", "tty"]) {
        Some(ContactKind::Tty)
    } else if is(&["video"]) {
        Some(ContactKind::Videophone)
    } else {
        None
    }
}

/// Trim an HSDS phone number (the official examples wrap numbers in quotes).
fn clean_number(n: &str) -> &str {
    n.trim().trim_matches('"').trim()
}

/// The trimmed text, `None` when absent or empty.
fn trimmed<'s>(s: Option<&'s Text<'_>>) -> Option<&'s str> {
    let t: &str = s?;
    // Most text starts and ends with a visible ASCII character: nothing to trim.
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    let bytes = t.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        return Some(t);
    }
    Some(t.trim()).filter(|t| !t.is_empty())
}

/// `dst` = `s` (its buffer kept); false when `s` is empty.
fn put(dst: &mut String, s: &str) -> bool {
    dst.clear();
    dst.push_str(s);
    !s.is_empty()
}

/// `dst` = `s`, reusing the buffer `dst` already holds.
fn put_opt(dst: &mut Option<String>, s: Option<&str>) {
    match (dst.as_mut(), s) {
        (Some(d), Some(s)) => {
            d.clear();
            d.push_str(s);
        }
        (None, Some(s)) => *dst = Some(s.to_owned()),
        (_, None) => *dst = None,
    }
}

/// Element `n` of `v` to be overwritten: the old one (its buffers kept), or a new one.
fn slot<T>(v: &mut Vec<T>, n: usize, new: impl FnOnce() -> T) -> Option<&mut T> {
    if v.len() <= n {
        v.push(new());
    }
    v.get_mut(n)
}

/// A contact to be overwritten.
fn blank_contact() -> ContactPoint {
    ContactPoint::new(ContactKind::Call, String::new())
}

/// A language to be overwritten.
fn blank_language() -> Language {
    Language {
        code: String::new(),
        name: String::new(),
    }
}

/// `v` = the strings of `items`, reusing the strings `v` holds.
fn put_all<'s>(v: &mut Vec<String>, items: impl IntoIterator<Item = &'s str>) {
    let mut n = 0;
    for s in items {
        if let Some(slot) = slot(v, n, String::new) {
            put(slot, s);
            n += 1;
        }
    }
    v.truncate(n);
}

/// One contact into `c`, every field written.
fn put_contact(
    c: &mut ContactPoint,
    kind: ContactKind,
    value: &str,
    keyword: Option<&str>,
    label: Option<&str>,
    confidence: Confidence,
) {
    let ContactPoint {
        kind: k,
        value: v,
        keyword: w,
        label: l,
        confidence: f,
    } = c;
    *k = kind;
    put(v, value);
    put_opt(w, keyword);
    put_opt(l, label);
    *f = confidence;
}

/// Opening hours from HSDS schedules into `hours` (every field written): weekly and daily
/// rules with both times become spans; any other rule contributes its description to
/// the note.
fn hours_from(hours: &mut Hours, schedules: &[Schedule<'_>], always: bool, note: Option<&str>) {
    let Hours {
        always_open,
        weekly,
        utc_offset_minutes,
        note: hours_note,
    } = hours;
    *always_open = always;
    weekly.clear();
    *utc_offset_minutes = None;
    put_opt(hours_note, note);
    let from_rules = note.is_none();
    for s in schedules {
        let freq = s.freq.as_deref().map(str::trim);
        let daily = freq.is_some_and(|f| f.eq_ignore_ascii_case("DAILY"));
        let opens = s.opens_at.as_deref().and_then(Clock::parse);
        let closes = s.closes_at.as_deref().and_then(Clock::parse);
        let usable = freq.is_none_or(|f| daily || f.eq_ignore_ascii_case("WEEKLY"));
        match (usable, opens, closes) {
            (true, Some(o), Some(c)) => {
                let listed = s
                    .byday
                    .as_deref()
                    .filter(|b| !b.trim().is_empty() && !daily);
                let days = listed
                    .into_iter()
                    .flat_map(|b| b.split(',').filter_map(Day::from_ical))
                    .chain(Day::ALL.iter().copied().filter(|_| listed.is_none()));
                for day in days {
                    if weekly.len() < crate::core::resource::limits::LIST {
                        weekly.push(OpeningSpan {
                            day,
                            opens: o,
                            closes: c,
                        });
                    }
                }
                if let Some(tz) = s.timezone {
                    if tz.is_finite() && (-14.0..=14.0).contains(&tz) {
                        // Bounded above, so the cast cannot overflow.
                        *utc_offset_minutes = Some((tz * 60.0).round() as i16);
                    }
                }
            }
            _ => {
                // Rule descriptions, joined by spaces, when the profile gave no note.
                if let (true, Some(d)) = (from_rules, trimmed(s.description.as_ref())) {
                    match hours_note {
                        Some(n) => {
                            n.push(' ');
                            n.push_str(d);
                        }
                        None => *hours_note = Some(d.to_owned()),
                    }
                }
            }
        }
    }
    if *always_open {
        weekly.clear();
    }
}

/// The first physical address of the first physical location into `out`; a confidential
/// place keeps no street lines and no postal code (and exists, empty, even without an
/// address).
fn place(out: &mut Option<Place>, locations: &[ServiceAtLocation<'_>], confidential: bool) {
    let address = locations
        .iter()
        .filter_map(|s| s.location.as_ref())
        .filter(|l| {
            !l.location_type
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("virtual"))
        })
        .flat_map(|l| l.addresses.iter())
        .find(|a| {
            !a.address_type
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("virtual"))
        });
    if address.is_none() && !confidential {
        *out = None;
        return;
    }
    let Place {
        confidential: c,
        address: street,
        city,
        state,
        postal_code,
    } = out.get_or_insert_with(Place::default);
    *c = confidential;
    let Some(a) = address else {
        // Confidential, no address: the place exists, empty.
        *street = None;
        *city = None;
        *state = None;
        *postal_code = None;
        return;
    };
    // Street lines joined; none at all for a confidential place.
    let (one, two) = if confidential {
        (None, None)
    } else {
        (trimmed(a.address_1.as_ref()), trimmed(a.address_2.as_ref()))
    };
    put_opt(street, one.or(two));
    if let (Some(_), Some(two), Some(s)) = (one, two, street.as_mut()) {
        s.push_str(", ");
        s.push_str(two);
    }
    put_opt(city, trimmed(a.city.as_ref()));
    let province = trimmed(a.state_province.as_ref());
    put_opt(state, province.map(|p| state_code(p).unwrap_or(p)));
    put_opt(
        postal_code,
        trimmed(a.postal_code.as_ref()).filter(|_| !confidential),
    );
}

impl<'a> Service<'a> {
    /// Convert to a [`Resource`], applying the profile and the safety invariants.
    pub(crate) fn into_resource(self) -> Result<Resource, SkipReason> {
        let mut r = Resource::new(String::new(), String::new(), ResourceKind::default());
        self.into_resource_in(&mut r)?;
        Ok(r)
    }

    /// [`Service::into_resource`] into `r`, reusing the buffers `r` holds (the import
    /// fills the same few hundred resources again and again instead of allocating each
    /// one). Every field of `r` is written: nothing of the resource it held before is
    /// left (the destructuring below fails to compile when a field is added, and a test
    /// compares against a fresh resource). On an error `r` holds a partial resource and
    /// must not be used.
    pub(crate) fn into_resource_in(self, r: &mut Resource) -> Result<(), SkipReason> {
        let Resource {
            id,
            name,
            kind,
            organization,
            description,
            services,
            contacts,
            languages,
            hours,
            populations,
            no_police_contact_required,
            area,
            place: place_out,
            provenance,
            notes,
            policy,
            local,
        } = r;
        if !put(id, trimmed(self.id.as_ref()).unwrap_or("")) {
            return Err(SkipReason::MissingId);
        }
        if !put(name, trimmed(self.name.as_ref()).unwrap_or("")) {
            return Err(SkipReason::MissingName);
        }
        if let Some(status) = self.status.as_deref() {
            let s = status.trim();
            if !s.is_empty() && !s.eq_ignore_ascii_case("active") {
                return Err(SkipReason::Inactive);
            }
        }
        *kind = self
            .haven_kind
            .as_deref()
            .and_then(|k| ResourceKind::from_name(k.trim()))
            .unwrap_or_default();
        let org = self.organization.unwrap_or_default();
        let org_name = trimmed(org.name.as_ref()).filter(|o| *o != name.as_str());
        let alt = trimmed(self.alternate_name.as_ref()).filter(|a| *a != name.as_str());
        put_opt(organization, org_name.or(alt));
        put(
            description,
            trimmed(self.description.as_ref()).unwrap_or(""),
        );

        // Contacts: phones first (HSDS order), then url, email, the profile's extra contacts.
        let mut n = 0;
        for p in &self.phones {
            let Some(kind) = phone_kind(p.kind.as_deref()) else {
                continue;
            };
            let Some(number) = p
                .number
                .as_deref()
                .map(clean_number)
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            let Some(c) = slot(contacts, n, blank_contact) else {
                continue;
            };
            n += 1;
            let confidence = confidence_from(p.haven_confidence.as_deref());
            let keyword = trimmed(p.haven_keyword.as_ref());
            let description = trimmed(p.description.as_ref());
            let extension = trimmed(p.extension.as_ref());
            let label = description.filter(|_| extension.is_none());
            put_contact(c, kind, number, keyword, label, confidence);
            // The extension goes into the label so the number stays dialable.
            if let Some(ext) = extension {
                let label = c.label.get_or_insert_with(String::new);
                label.push_str("Extension ");
                label.push_str(ext);
                if let Some(d) = description {
                    label.push_str(". ");
                    label.push_str(d);
                }
            }
        }
        let web = trimmed(self.url.as_ref()).or(trimmed(org.website.as_ref()));
        let email = trimmed(self.email.as_ref());
        for (kind, value) in [(ContactKind::Web, web), (ContactKind::Email, email)] {
            if let (Some(value), Some(c)) = (value, slot(contacts, n, blank_contact)) {
                n += 1;
                put_contact(c, kind, value, None, None, Confidence::Official);
            }
        }
        for x in &self.haven_contacts {
            let (Some(kind), Some(value)) = (
                x.kind
                    .as_deref()
                    .and_then(|k| ContactKind::from_name(k.trim())),
                trimmed(x.value.as_ref()),
            ) else {
                continue;
            };
            let Some(c) = slot(contacts, n, blank_contact) else {
                continue;
            };
            n += 1;
            let confidence = confidence_from(x.confidence.as_deref());
            let label = trimmed(x.label.as_ref());
            put_contact(c, kind, value, None, label, confidence);
        }
        contacts.truncate(n);

        // Languages: code lower case, the code as name when there is none; no repeats.
        let mut n = 0;
        for l in &self.languages {
            let Some(Language { code, name }) = slot(languages, n, blank_language) else {
                continue;
            };
            put(code, trimmed(l.code.as_ref()).unwrap_or(""));
            code.make_ascii_lowercase();
            match trimmed(l.name.as_ref()) {
                Some(given) => put(name, given),
                None => put(name, code),
            };
            if name.is_empty() {
                continue;
            }
            let repeat = languages.split_at_checked(n).is_some_and(|(before, rest)| {
                rest.first()
                    .is_some_and(|l| before.iter().any(|x| x.name == l.name && x.code == l.code))
            });
            if !repeat {
                n += 1;
            }
        }
        languages.truncate(n);

        hours_from(
            hours,
            &self.schedules,
            self.haven_open_24_7,
            trimmed(self.haven_hours_note.as_ref()),
        );

        // Service keywords, then taxonomy terms; a keyword equal to the one before is
        // dropped (as `Vec::dedup` would).
        let terms = self
            .attributes
            .iter()
            .filter_map(|a| trimmed(a.taxonomy_term.as_ref()?.name.as_ref()));
        let mut last = None;
        let keywords = self.haven_services.iter().map(|s| s.as_ref()).chain(terms);
        put_all(services, keywords.filter(|&s| last.replace(s) != Some(s)));

        populations.clear();
        populations.extend(
            self.haven_populations
                .iter()
                .filter_map(|p| Population::from_code(p.trim())),
        );
        *no_police_contact_required = self.haven_no_police_contact_required;

        let ServiceArea {
            national,
            states,
            description: area_description,
        } = area;
        *national = self.haven_national;
        put_all(
            states,
            self.haven_states.iter().filter_map(|s| state_code(s)),
        );
        // Area names (or descriptions), joined by "; ".
        let mut texts = self
            .service_areas
            .iter()
            .filter_map(|a| trimmed(a.name.as_ref()).or(trimmed(a.description.as_ref())));
        put_opt(area_description, texts.next());
        if let Some(d) = area_description {
            for t in texts {
                d.push_str("; ");
                d.push_str(t);
            }
        }

        place(
            place_out,
            &self.service_at_locations,
            self.haven_confidential_location,
        );
        let Provenance {
            source,
            verified,
            confidence,
            compiled,
        } = provenance;
        put_opt(source, trimmed(self.haven_source.as_ref()));
        *verified = self.haven_verified.as_deref().and_then(iso_date::parse);
        *confidence = confidence_from(self.haven_confidence.as_deref());
        *compiled = self.haven_compiled.as_deref().and_then(iso_date::parse);
        put_opt(notes, trimmed(self.haven_notes.as_ref()));
        *policy = self
            .haven_policy
            .map(super::profile::PolicyIn::into_policy)
            .unwrap_or_default();
        *local = self
            .haven_local
            .into_iter()
            .filter_map(super::profile::LocalIn::into_local)
            .collect();
        r.normalize();
        r.validate().map_err(|_| SkipReason::Limits)?;
        Ok(())
    }
}

#[cfg(test)]
mod reuse {
    //! Filling a used resource gives exactly what a fresh conversion gives.

    use proptest::prelude::*;

    use super::super::testgen::service;
    use super::Service;
    use crate::core::resource::{Resource, ResourceKind};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// One resource filled by service after service equals a fresh conversion of
        /// each: no field of an earlier service survives, errors are the same.
        #[test]
        fn filled_in_place_equals_fresh(services in prop::collection::vec(service(), 1..8)) {
            let mut slot = Resource::new("stale", "stale", ResourceKind::Shelter);
            for v in &services {
                let text = v.to_string();
                let fresh = serde_json::from_str::<Service>(&text).map(Service::into_resource);
                let filled = serde_json::from_str::<Service>(&text)
                    .map(|s| s.into_resource_in(&mut slot));
                match (fresh, filled) {
                    (Ok(Ok(r)), Ok(Ok(()))) => prop_assert_eq!(&r, &slot, "{}", text),
                    (Ok(Err(a)), Ok(Err(b))) => {
                        prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
                    }
                    (Err(_), Err(_)) => {}
                    (a, b) => prop_assert!(false, "fresh {:?} filled {:?} for {}", a.map(|r| r.map(|_| ())), b, text),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::directory::payload::decode_payload;

    #[test]
    fn fields_are_trimmed_joined_and_coded() {
        let json = br#"{"haven_directory":1,"services":[
            {"id":"a","name":" A ","description":"d","phones":[{"number":"\"555\"","description":"x"}],
             "languages":[{"code":"ES"}],"haven_services":["k"],"haven_states":["tx"],
             "service_at_locations":[{"location":{"addresses":[{"address_1":"1 St","address_2":"Apt 2","city":"C","state_province":"texas","postal_code":"7"}]}}]},
            {"id":"b","name":"B","organization":{"name":"O"},"haven_notes":"n","haven_source":"s"}
        ]}"#;
        let again = decode_payload(json).unwrap();
        let a = &again.payload.resources[0];
        assert_eq!(a.name, "A");
        assert_eq!(a.contacts[0].value, "555");
        assert_eq!(a.languages[0].code, "es");
        assert_eq!(a.languages[0].name, "es");
        let place = a.place.as_ref().unwrap();
        assert_eq!(place.address.as_deref(), Some("1 St, Apt 2"));
        assert_eq!(place.state.as_deref(), Some("TX"));
        assert_eq!(a.area.states, vec!["TX".to_owned()]);
    }
}
