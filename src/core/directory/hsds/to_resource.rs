//! HSDS service → [`Resource`]: the Haven profile and the safety rules applied on the way
//! in (contacts, languages, hours, area, place, provenance). A confidential place never
//! keeps a street address or postal code; a record over the limits is skipped.

use std::borrow::Cow;

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
fn clean_number(n: &str) -> String {
    n.trim().trim_matches('"').trim().to_owned()
}

/// The trimmed text, owned; `None` when empty. An owned string with nothing to trim is
/// kept as it is (no copy).
fn opt_nonempty(s: Option<Text<'_>>) -> Option<String> {
    let v = s?;
    let t = v.trim();
    if t.is_empty() {
        None
    } else if t.len() == v.len() {
        Some(owned(v))
    } else {
        Some(t.to_owned())
    }
}

/// The text, owned (copied only when it was borrowed).
fn owned(s: Text<'_>) -> String {
    match s {
        Cow::Borrowed(b) => b.to_owned(),
        Cow::Owned(o) => o,
    }
}

/// The trimmed text, owned; `None` when empty.
fn opt_str(s: Option<&str>) -> Option<String> {
    let t = s?.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Opening hours from HSDS schedules: weekly and daily rules with both times become
/// spans; any other rule contributes its description to the note.
fn hours_from(schedules: &[Schedule<'_>], always: bool, note: Option<String>) -> Hours {
    let mut hours = Hours {
        always_open: always,
        note,
        ..Hours::default()
    };
    let mut notes: Vec<String> = Vec::new();
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
                    if hours.weekly.len() < crate::core::resource::limits::LIST {
                        hours.weekly.push(OpeningSpan {
                            day,
                            opens: o,
                            closes: c,
                        });
                    }
                }
                if let Some(tz) = s.timezone {
                    if tz.is_finite() && (-14.0..=14.0).contains(&tz) {
                        // Bounded above, so the cast cannot overflow.
                        hours.utc_offset_minutes = Some((tz * 60.0).round() as i16);
                    }
                }
            }
            _ => {
                if let Some(d) = opt_str(s.description.as_deref()) {
                    notes.push(d);
                }
            }
        }
    }
    if hours.note.is_none() && !notes.is_empty() {
        hours.note = Some(notes.join(" "));
    }
    if hours.always_open {
        hours.weekly.clear();
    }
    hours
}

/// The first physical address of the first physical location; a confidential place keeps
/// no street lines and no postal code (and exists, empty, even without an address).
fn place(locations: Vec<ServiceAtLocation<'_>>, confidential: bool) -> Option<Place> {
    let address = locations
        .into_iter()
        .filter_map(|s| s.location)
        .filter(|l| {
            !l.location_type
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("virtual"))
        })
        .flat_map(|l| l.addresses)
        .find(|a| {
            !a.address_type
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("virtual"))
        });
    if let Some(a) = address {
        // Street lines joined; none at all for a confidential place.
        let address = if confidential {
            None
        } else {
            match (opt_nonempty(a.address_1), opt_nonempty(a.address_2)) {
                (Some(mut one), Some(two)) => {
                    one.push_str(", ");
                    one.push_str(&two);
                    Some(one)
                }
                (one, two) => one.or(two),
            }
        };
        let state = opt_nonempty(a.state_province.map(|s| match state_code(&s) {
            Some(code) => Cow::Owned(code),
            None => s,
        }));
        Some(Place {
            confidential,
            address,
            city: opt_nonempty(a.city),
            state,
            postal_code: if confidential {
                None
            } else {
                opt_nonempty(a.postal_code)
            },
        })
    } else if confidential {
        Some(Place {
            confidential: true,
            ..Place::default()
        })
    } else {
        None
    }
}

impl<'a> Service<'a> {
    /// Convert to a [`Resource`], applying the profile and the safety invariants.
    pub(crate) fn into_resource(self) -> Result<Resource, SkipReason> {
        let id = opt_nonempty(self.id).ok_or(SkipReason::MissingId)?;
        let name = opt_nonempty(self.name).ok_or(SkipReason::MissingName)?;
        if let Some(status) = self.status.as_deref() {
            let s = status.trim();
            if !s.is_empty() && !s.eq_ignore_ascii_case("active") {
                return Err(SkipReason::Inactive);
            }
        }
        let mut r = Resource::new(
            id,
            name,
            self.haven_kind
                .as_deref()
                .and_then(|k| ResourceKind::from_name(k.trim()))
                .unwrap_or_default(),
        );
        let org = self.organization.unwrap_or_default();
        r.organization = opt_nonempty(org.name).filter(|o| *o != r.name);
        r.description = opt_nonempty(self.description).unwrap_or_default();
        if let Some(alt) = opt_nonempty(self.alternate_name) {
            if r.organization.is_none() && alt != r.name {
                r.organization = Some(alt);
            }
        }
        // Contacts: phones first (HSDS order), then the profile's extra contacts, then url.
        for p in self.phones {
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
            // The extension goes into the label so the number stays dialable.
            let label = match (opt_nonempty(p.extension), opt_nonempty(p.description)) {
                (Some(ext), Some(d)) => Some(format!("Extension {ext}. {d}")),
                (Some(ext), None) => Some(format!("Extension {ext}")),
                (None, d) => d,
            };
            r.contacts.push(ContactPoint {
                kind,
                value: number,
                keyword: opt_nonempty(p.haven_keyword),
                label,
                confidence: confidence_from(p.haven_confidence.as_deref()),
            });
        }
        if let Some(url) = opt_nonempty(self.url) {
            r.contacts.push(ContactPoint::new(ContactKind::Web, url));
        } else if let Some(web) = opt_nonempty(org.website) {
            r.contacts.push(ContactPoint::new(ContactKind::Web, web));
        }
        if let Some(email) = opt_nonempty(self.email) {
            r.contacts
                .push(ContactPoint::new(ContactKind::Email, email));
        }
        for c in self.haven_contacts {
            let (Some(kind), Some(value)) = (
                c.kind
                    .as_deref()
                    .and_then(|k| ContactKind::from_name(k.trim())),
                opt_nonempty(c.value),
            ) else {
                continue;
            };
            r.contacts.push(ContactPoint {
                kind,
                value,
                keyword: None,
                label: opt_nonempty(c.label),
                confidence: confidence_from(c.confidence.as_deref()),
            });
        }
        for l in self.languages {
            let mut code = opt_nonempty(l.code).unwrap_or_default();
            code.make_ascii_lowercase();
            let name = opt_nonempty(l.name).unwrap_or_else(|| code.clone());
            if !name.is_empty() && !r.languages.iter().any(|x| x.name == name && x.code == code) {
                r.languages.push(Language { code, name });
            }
        }
        r.hours = hours_from(
            &self.schedules,
            self.haven_open_24_7,
            opt_nonempty(self.haven_hours_note),
        );
        r.services = self
            .haven_services
            .into_iter()
            .map(owned)
            .chain(
                self.attributes
                    .into_iter()
                    .filter_map(|a| a.taxonomy_term.and_then(|t| opt_nonempty(t.name))),
            )
            .collect();
        r.services.dedup();
        r.populations = self
            .haven_populations
            .iter()
            .filter_map(|p| Population::from_code(p.trim()))
            .collect();
        r.no_police_contact_required = self.haven_no_police_contact_required;
        let mut area = ServiceArea {
            national: self.haven_national,
            states: self
                .haven_states
                .iter()
                .filter_map(|s| state_code(s.as_ref()))
                .collect(),
            description: None,
        };
        let area_text: Vec<String> = self
            .service_areas
            .into_iter()
            .filter_map(|a| opt_nonempty(a.name).or(opt_nonempty(a.description)))
            .collect();
        if !area_text.is_empty() {
            area.description = Some(area_text.join("; "));
        }
        r.area = area;
        r.place = place(self.service_at_locations, self.haven_confidential_location);
        r.provenance = Provenance {
            source: opt_nonempty(self.haven_source),
            verified: self.haven_verified.as_deref().and_then(iso_date::parse),
            confidence: confidence_from(self.haven_confidence.as_deref()),
            compiled: self.haven_compiled.as_deref().and_then(iso_date::parse),
        };
        r.notes = opt_nonempty(self.haven_notes);
        r.policy = self
            .haven_policy
            .map(super::profile::PolicyIn::into_policy)
            .unwrap_or_default();
        r.local = self
            .haven_local
            .into_iter()
            .filter_map(super::profile::LocalIn::into_local)
            .collect();
        r.normalize();
        r.validate().map_err(|_| SkipReason::Limits)?;
        Ok(r)
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
