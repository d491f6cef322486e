//! Random HSDS service objects for the property tests: the model's keys with texts that
//! trim, repeat, differ in case, are empty or need escapes, and now and then a value of
//! another type.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Texts that trim, repeat, differ in case, are empty or need escaping; each key has
/// its own pool (so times parse, states are found, phone types are known) and a wrong
/// type now and then.
fn pool(key: &str) -> &'static [&'static str] {
    match key {
        "opens_at" | "closes_at" => &["09:00", " 17:30 ", "8:00", "25:00", ""],
        "freq" => &["WEEKLY", "daily", "monthly", ""],
        "byday" => &["MO,TU", "SA", "", "XX,FR"],
        "type" => &["voice", "text", "TTY", "fax", ""],
        "kind" => &["chat", "web", "email", "carrier pigeon"],
        "state_province" => &["Texas", " tx ", "Ontario", ""],
        "code" => &["ES", "en", " ", "ase"],
        "location_type" | "address_type" => &["physical", "virtual"],
        "status" => &["active", " Active ", "inactive", ""],
        "haven_kind" => &["hotline", "shelter", "nonsense"],
        "confidence" | "haven_confidence" => &["official", "unverified", "community"],
        "haven_verified" | "haven_compiled" | "as_of" => &["2026-11-01", "yesterday"],
        "timezone" => &["-5", " 3.5 ", "x", ""],
        "stance" => &["yes", "no", "depends", "maybe"],
        _ => &[
            "a",
            " a ",
            "A",
            "b",
            "",
            "  ",
            "Spanish",
            "\"555\"",
            "555-0100",
            "x ",
            "línea ñ",
            "tab\there",
            "back\\slash/",
            "new\nline",
            "\u{1}",
            "\u{1F600}",
        ],
    }
}

/// A value for `key`: from its pool, or (`odd` times in 100) a number, `true`, `null`
/// or a list.
fn value(key: &'static str, odd: u32) -> BoxedStrategy<Value> {
    let text = prop::sample::select(pool(key)).prop_map(Value::from);
    if odd == 0 {
        return text.boxed();
    }
    prop_oneof![
        100 - odd => text,
        odd => prop_oneof![
            Just(Value::from(7)),
            Just(Value::from(-5.5)),
            Just(Value::from(5.75)),
            Just(Value::from(-0.0)),
            Just(Value::from(1_234_567)),
            Just(Value::from(1e300)),
            Just(Value::from(u64::MAX)),
            Just(Value::Bool(true)),
            Just(Value::Null),
            Just(json!(["not", "a", "string"])),
        ],
    ]
    .boxed()
}

/// An object with some of `keys`.
fn object(keys: &'static [&'static str], odd: u32) -> impl Strategy<Value = Value> {
    prop::collection::vec(prop::sample::select(keys), 0..keys.len() + 2)
        .prop_flat_map(move |ks| {
            ks.into_iter()
                .map(|k| (Just(k), value(k, odd)))
                .collect::<Vec<_>>()
        })
        .prop_map(|pairs| {
            Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
        })
}

fn list(of: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    prop::collection::vec(of, 0..4).prop_map(Value::Array)
}

/// A service object, a fifth of its texts another type of value.
pub(super) fn service() -> impl Strategy<Value = Value> {
    service_with(20)
}

/// A service object, `odd` in 100 of its texts another type of value.
pub(super) fn service_with(odd: u32) -> impl Strategy<Value = Value> {
    let phone = object(
        &[
            "number",
            "extension",
            "type",
            "description",
            "haven_keyword",
            "haven_confidence",
        ],
        odd,
    );
    let schedule = object(
        &[
            "freq",
            "byday",
            "opens_at",
            "opens_at",
            "closes_at",
            "closes_at",
            "description",
            "timezone",
        ],
        odd,
    );
    let address = object(
        &[
            "address_1",
            "address_2",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        odd,
    );
    let location = (object(&["location_type"], odd), list(address)).prop_map(|(mut l, a)| {
        if let Some(m) = l.as_object_mut() {
            m.insert("addresses".into(), a);
        }
        json!({ "location": l })
    });
    let extra = object(&["kind", "value", "label", "confidence"], odd);
    let lang = object(&["name", "code"], odd);
    let area = object(&["name", "description"], odd);
    let scalars = object(
        &[
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "haven_kind",
            "haven_hours_note",
            "haven_source",
            "haven_notes",
            "haven_confidence",
            "haven_verified",
            "haven_compiled",
        ],
        odd,
    );
    let lists = (
        list(phone),
        list(schedule),
        list(location),
        list(extra),
        list(lang),
        list(area),
        list(value("name", odd)),
        list(prop::sample::select(vec!["youth", "lgbtq", "nope"]).prop_map(Value::from)),
        list(prop::sample::select(vec!["TX", "ca", "Ohio", "ZZ"]).prop_map(Value::from)),
        list(value("name", odd).prop_map(|t| json!({ "taxonomy_term": { "name": t } }))),
    );
    let flags = (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>());
    let ids = (value("id", odd), value("name", odd));
    let org = prop_oneof![
        4 => object(&["name", "website"], odd),
        odd.min(1) => value("name", odd),
    ];
    let fact = || object(&["stance", "note", "source", "as_of", "confidence"], odd);
    let policy = (fact(), fact(), fact(), fact()).prop_map(|(a, b, c, d)| {
        json!({ "confidential": a, "mandated_reporting": b, "police": c, "child_welfare": d })
    });
    let local = (
        object(&["lang", "name", "description", "notes"], odd),
        list(object(&["from", "to"], odd)),
        any::<bool>(),
    )
        .prop_map(|(mut l, phrases, translated)| {
            if let Some(m) = l.as_object_mut() {
                m.insert("phrases".into(), phrases);
                m.insert("translated".into(), translated.into());
            }
            l
        });
    let profile = (policy, list(local));
    (scalars, lists, flags, ids, org, profile).prop_map(|(s, l, f, ids, org, profile)| {
        let mut m = s.as_object().cloned().unwrap_or_else(Map::new);
        let (phones, schedules, locations, extras, langs, areas, services, pops, states, attrs) = l;
        m.insert("id".into(), ids.0);
        m.insert("name".into(), ids.1);
        m.insert("organization".into(), org);
        m.insert("phones".into(), phones);
        m.insert("schedules".into(), schedules);
        m.insert("service_at_locations".into(), locations);
        m.insert("haven_contacts".into(), extras);
        m.insert("languages".into(), langs);
        m.insert("service_areas".into(), areas);
        m.insert("haven_services".into(), services);
        m.insert("haven_populations".into(), pops);
        m.insert("haven_states".into(), states);
        m.insert("attributes".into(), attrs);
        m.insert("haven_confidential_location".into(), f.0.into());
        m.insert("haven_open_24_7".into(), f.1.into());
        m.insert("haven_national".into(), f.2.into());
        m.insert("haven_no_police_contact_required".into(), f.3.into());
        m.insert("haven_policy".into(), profile.0);
        m.insert("haven_local".into(), profile.1);
        Value::Object(m)
    })
}
