//! Fuzz the HSDS importer: the same bytes as a JSON file and as CSV tables of a package.
#![no_main]

use haven::core::directory::hsds::{import, ImportOptions, Input, Package};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ImportOptions::default();
    let _ = import(
        &Input::Json {
            file: "fuzz.json".into(),
            bytes: data.to_vec(),
        },
        &opts,
    );
    let mut pkg = Package {
        datapackage: Some(data.to_vec()),
        ..Package::default()
    };
    for name in [
        "services.csv",
        "phones.csv",
        "schedules.csv",
        "service_at_location.csv",
    ] {
        pkg.files.insert(name.into(), data.to_vec());
    }
    let _ = import(&Input::Tabular(pkg), &opts);
});
