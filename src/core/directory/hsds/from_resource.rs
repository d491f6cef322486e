//! [`Resource`] → HSDS service: the canonical payload form the publisher writes. Fields
//! are borrowed from the resource; a confidential place is written without street address
//! or postal code.

use std::borrow::Cow;

use super::{Address, Area, ExtraContact, Lang, Location, Organization, Phone, Schedule};
use super::{Service, ServiceAtLocation, Text};
use crate::core::resource::{iso_date, Confidence, ContactKind, Resource};

/// The profile's confidence field: absent for [`Confidence::Official`].
fn confidence_code(c: Confidence) -> Option<Text<'static>> {
    (c != Confidence::Official).then(|| c.name().into())
}

/// HSDS phone type for a phone-like contact.
fn phone_type(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Text => "text",
        ContactKind::Tty => "textphone",
        ContactKind::Videophone => "video",
        _ => "voice",
    }
}

/// A borrowed field for the encoder.
fn lend(s: &Option<String>) -> Option<Text<'_>> {
    s.as_deref().map(Cow::Borrowed)
}

impl<'a> Service<'a> {
    /// The canonical payload form of a resource.
    pub(crate) fn from_resource(r: &'a Resource) -> Service<'a> {
        let mut s = Service {
            id: Some(Cow::Borrowed(&r.id)),
            name: Some(Cow::Borrowed(&r.name)),
            status: Some("active".into()),
            description: (!r.description.is_empty())
                .then_some(Cow::Borrowed(r.description.as_str())),
            organization: r.organization.as_ref().map(|o| Organization {
                name: Some(Cow::Borrowed(o.as_str())),
                website: None,
            }),
            haven_kind: Some(r.kind.name().into()),
            ..Service::default()
        };
        for c in &r.contacts {
            match c.kind {
                ContactKind::Call
                | ContactKind::Text
                | ContactKind::Tty
                | ContactKind::Videophone => s.phones.push(Phone {
                    number: Some(Cow::Borrowed(&c.value)),
                    extension: None,
                    kind: Some(phone_type(c.kind).into()),
                    description: lend(&c.label),
                    haven_keyword: lend(&c.keyword),
                    haven_confidence: confidence_code(c.confidence),
                }),
                ContactKind::Web
                    if s.url.is_none()
                        && c.label.is_none()
                        && c.confidence == Confidence::Official
                        && s.haven_contacts.is_empty() =>
                {
                    s.url = Some(Cow::Borrowed(&c.value))
                }
                ContactKind::Email
                    if s.email.is_none()
                        && c.label.is_none()
                        && c.confidence == Confidence::Official
                        && !s
                            .haven_contacts
                            .iter()
                            .any(|x| x.kind.as_deref() == Some("email")) =>
                {
                    s.email = Some(Cow::Borrowed(&c.value))
                }
                _ => s.haven_contacts.push(ExtraContact {
                    kind: Some(c.kind.name().into()),
                    value: Some(Cow::Borrowed(&c.value)),
                    label: lend(&c.label),
                    confidence: confidence_code(c.confidence),
                }),
            }
        }
        s.languages = r
            .languages
            .iter()
            .map(|l| Lang {
                name: Some(Cow::Borrowed(&l.name)),
                code: (!l.code.is_empty()).then_some(Cow::Borrowed(l.code.as_str())),
            })
            .collect();
        s.haven_open_24_7 = r.hours.always_open;
        s.haven_hours_note = lend(&r.hours.note);
        // Neighbouring spans with the same times share one schedule ("MO,TU,WE,TH,FR"
        // 09:00–17:00), as HSDS publishers write them; the reader lists the days in the
        // same order, so the hours read back exactly as they were.
        s.schedules = r
            .hours
            .weekly
            .chunk_by(|a, b| a.opens == b.opens && a.closes == b.closes)
            .filter_map(|run| {
                let first = run.first()?;
                let byday: Text<'_> = match run {
                    [one] => one.day.ical().into(),
                    _ => run
                        .iter()
                        .map(|span| span.day.ical())
                        .collect::<Vec<_>>()
                        .join(",")
                        .into(),
                };
                Some(Schedule {
                    freq: Some("WEEKLY".into()),
                    byday: Some(byday),
                    opens_at: Some(first.opens.to_string().into()),
                    closes_at: Some(first.closes.to_string().into()),
                    timezone: r.hours.utc_offset_minutes.map(|m| f64::from(m) / 60.0),
                    description: None,
                })
            })
            .collect();
        s.haven_services = r
            .services
            .iter()
            .map(|x| Cow::Borrowed(x.as_str()))
            .collect();
        s.haven_populations = r
            .populations
            .iter()
            .map(|p| Cow::Borrowed(p.code()))
            .collect();
        s.haven_no_police_contact_required = r.no_police_contact_required;
        s.haven_national = r.area.national;
        s.haven_states = r
            .area
            .states
            .iter()
            .map(|x| Cow::Borrowed(x.as_str()))
            .collect();
        if let Some(d) = &r.area.description {
            s.service_areas.push(Area {
                name: Some(Cow::Borrowed(d.as_str())),
                description: None,
            });
        }
        if let Some(p) = &r.place {
            s.haven_confidential_location = p.confidential;
            let address = Address {
                address_1: if p.confidential {
                    None
                } else {
                    lend(&p.address)
                },
                city: lend(&p.city),
                state_province: lend(&p.state),
                postal_code: if p.confidential {
                    None
                } else {
                    lend(&p.postal_code)
                },
                country: Some("US".into()),
                address_type: Some("physical".into()),
                ..Address::default()
            };
            s.service_at_locations.push(ServiceAtLocation {
                location: Some(Location {
                    location_type: Some("physical".into()),
                    addresses: vec![address],
                }),
            });
        }
        s.haven_source = lend(&r.provenance.source);
        s.haven_verified = r.provenance.verified.map(|d| iso_date::format(d).into());
        s.haven_confidence = confidence_code(r.provenance.confidence);
        s.haven_notes = lend(&r.notes);
        s.haven_compiled = r.provenance.compiled.map(|d| iso_date::format(d).into());
        s.haven_policy = super::profile::PolicyIn::from_policy(&r.policy);
        s.haven_local = r
            .local
            .iter()
            .map(super::profile::LocalIn::from_local)
            .collect();
        s
    }
}
