//! Payload version 1 ([`PAYLOAD_FORMAT`]): one JSON document, `{"haven_directory": 1,
//! "hsds_version": "3.0", "services": [...]}`. What the bundled list and `import-hsds` use;
//! each service is kept as raw text until it is read, so one bad record costs only itself.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{
    normalized, Payload, PayloadError, PayloadMeta, HSDS_VERSION, MAX_SERVICES, PAYLOAD_FORMAT,
};
use crate::core::directory::hsds::{lenient_string, Service};
use crate::core::resource::{iso_date, Resource};

/// The document as read: services stay raw until each is parsed on its own.
#[derive(Deserialize)]
struct FileIn<'a> {
    #[serde(default)]
    haven_directory: Option<u32>,
    #[serde(default, deserialize_with = "lenient_string")]
    publisher: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    generated: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    review_by: Option<String>,
    #[serde(borrow)]
    services: Vec<&'a RawValue>,
}

/// The document as written.
#[derive(Serialize)]
struct FileOut<'a> {
    haven_directory: u32,
    hsds_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_by: Option<String>,
    services: Vec<Service<'a>>,
}

/// Decode a [`PAYLOAD_FORMAT`] document, handing each valid resource to `each`.
pub(super) fn decode(
    bytes: &[u8],
    each: &mut impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    let file: FileIn<'_> = serde_json::from_slice(bytes).map_err(|_| PayloadError::Malformed)?;
    if file.haven_directory != Some(PAYLOAD_FORMAT) {
        return Err(PayloadError::UnsupportedVersion);
    }
    if file.services.len() > MAX_SERVICES {
        return Err(PayloadError::TooLarge);
    }
    let mut meta = PayloadMeta {
        format: PAYLOAD_FORMAT,
        publisher: file.publisher,
        generated: file.generated.as_deref().and_then(iso_date::parse),
        review_by: file.review_by.as_deref().and_then(iso_date::parse),
        ..PayloadMeta::default()
    };
    for raw in file.services {
        match serde_json::from_str::<Service>(raw.get()) {
            Ok(s) => meta.record(s, each)?,
            Err(_) => meta.skipped += 1,
        }
    }
    Ok(meta)
}

/// Encode as a [`PAYLOAD_FORMAT`] document, pretty (for people to read) or compact.
pub(super) fn encode(p: &Payload, pretty: bool) -> Result<Vec<u8>, PayloadError> {
    let normal = normalized(p)?;
    let services = normal.iter().map(Service::from_resource).collect();
    let file = FileOut {
        haven_directory: PAYLOAD_FORMAT,
        hsds_version: HSDS_VERSION,
        publisher: p.publisher.as_deref(),
        generated: p.generated.map(iso_date::format),
        review_by: p.review_by.map(iso_date::format),
        services,
    };
    let mut out = if pretty {
        serde_json::to_vec_pretty(&file)
    } else {
        serde_json::to_vec(&file)
    }
    .map_err(|_| PayloadError::Encode)?;
    out.push(b'\n');
    Ok(out)
}
