//! The HSDS 3.0 service model (the subset Haven reads, plus the `haven_*` profile fields),
//! shared by the payload codec ([`super::payload`]) and the HSDS importer.
//!
//! `Service` and its nested objects are the JSON shapes; every field is read leniently
//! (`lenient`): a value of the wrong type reads as absent, never as an error.
//! `Service::into_resource` (`to_resource`) applies the profile and the safety rules;
//! `Service::from_resource` (`from_resource`) writes the canonical form;
//! `Service::from_line` (`line`) reads one streamed line, directly when it is in that
//! compact form and with serde otherwise (the same answer either way). The fields are
//! private to this module tree: callers see only these conversions.

mod from_resource;
#[cfg(feature = "publisher")]
pub mod import;
mod lenient;
mod line;
mod profile;
#[cfg(test)]
mod testgen;
mod to_resource;
pub mod us_states;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

#[cfg(feature = "publisher")]
pub use import::{
    import, package_paths, ImportOptions, ImportReport, Input, Package, Problem, Summary,
    MAX_INPUT_BYTES, TABLES,
};
pub(crate) use lenient::lenient_string;
use lenient::{lenient_bool, lenient_f64, lenient_one, lenient_strings, lenient_text, lenient_vec};
#[cfg(fuzzing)]
pub use line::check_against_serde;
pub use us_states::US_STATES;

/// A string field read without a copy when the JSON text holds it unescaped.
pub(crate) type Text<'a> = Cow<'a, str>;

/// Why a service record was skipped.
#[derive(Debug)]
pub(crate) enum SkipReason {
    /// No usable id.
    MissingId,
    /// No usable name.
    MissingName,
    /// Its HSDS status is not `active`.
    Inactive,
    /// A field is over its [`crate::core::resource::limits`].
    Limits,
}

impl SkipReason {
    /// The reason in words, for the importer's report (names no record contents).
    #[cfg(feature = "publisher")]
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            SkipReason::MissingId => "missing id",
            SkipReason::MissingName => "missing name",
            SkipReason::Inactive => "status is not active",
            SkipReason::Limits => "a field is over its size limit",
        }
    }
}

/// One HSDS `service` object with the Haven profile fields.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Service<'a> {
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    id: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    alternate_name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    url: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    email: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    status: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    organization: Option<Organization<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    phones: Vec<Phone<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    languages: Vec<Lang<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    schedules: Vec<Schedule<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    service_areas: Vec<Area<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    service_at_locations: Vec<ServiceAtLocation<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    attributes: Vec<Attribute<'a>>,

    // Haven profile.
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_kind: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    haven_services: Vec<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    haven_contacts: Vec<ExtraContact<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    haven_populations: Vec<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    haven_no_police_contact_required: bool,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    haven_confidential_location: bool,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    haven_open_24_7: bool,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_hours_note: Option<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    haven_national: bool,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    haven_states: Vec<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_verified: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_source: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_confidence: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_notes: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_compiled: Option<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    haven_policy: Option<profile::PolicyIn>,
    #[serde(
        default,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    haven_local: Vec<profile::LocalIn>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Organization<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    website: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Phone<'a> {
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    number: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    extension: Option<Text<'a>>,
    #[serde(
        rename = "type",
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    kind: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_keyword: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    haven_confidence: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Lang<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    code: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Schedule<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    freq: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    byday: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    opens_at: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    closes_at: Option<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_f64",
        skip_serializing_if = "Option::is_none"
    )]
    timezone: Option<f64>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Area<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct ServiceAtLocation<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    location: Option<Location<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Location<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    location_type: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    addresses: Vec<Address<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Address<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    address_1: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    address_2: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    city: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    state_province: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    postal_code: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    country: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    address_type: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct Attribute<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    taxonomy_term: Option<TaxonomyTerm<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct TaxonomyTerm<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    name: Option<Text<'a>>,
}

/// A contact HSDS cannot express with confidence: chat, extra websites, e-mail.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct ExtraContact<'a> {
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    kind: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    value: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    label: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    confidence: Option<Text<'a>>,
}

/// For `skip_serializing_if`: profile flags are written only when set.
fn is_false(b: &bool) -> bool {
    !*b
}
