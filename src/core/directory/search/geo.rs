//! Near her, without telling anyone where she is: a typed US ZIP code becomes a coarse
//! position from a bundled table (Census 2021 ZCTA centroids, hundredths of a degree; see
//! `assets/directory/ZIP-SOURCE.md`), and services get a position from their own postal
//! code. Nothing here asks for a location or sends anything; the ZIP is looked up in
//! memory and forgotten.
//!
//! Table format v1: `b"ZC"`, version 1, u32 count, then sorted 7-byte records (u24 ZIP,
//! i16 latitude, i16 longitude in hundredths of a degree), all big-endian.

/// The bundled ZIP table.
const ZIP_TABLE: &[u8] = include_bytes!("../../../../assets/directory/zip/us-zcta.bin");
/// Header: magic, version, count.
const HEADER: usize = 7;
/// One record.
const RECORD: usize = 7;

/// A coarse position, in hundredths of a degree (about 1 km).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Latitude × 100.
    pub lat: i16,
    /// Longitude × 100.
    pub lon: i16,
}

impl Position {
    /// Latitude in degrees.
    pub fn lat_deg(self) -> f64 {
        f64::from(self.lat) / 100.0
    }

    /// Longitude in degrees.
    pub fn lon_deg(self) -> f64 {
        f64::from(self.lon) / 100.0
    }

    /// Great-circle distance in kilometres (haversine on a sphere of radius 6371 km).
    pub fn distance_km(self, other: Position) -> f64 {
        let (la1, lo1) = (self.lat_deg().to_radians(), self.lon_deg().to_radians());
        let (la2, lo2) = (other.lat_deg().to_radians(), other.lon_deg().to_radians());
        let a = ((la2 - la1) / 2.0).sin().powi(2)
            + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.sqrt().min(1.0).asin()
    }
}

/// Why a typed ZIP gives no position (holds nothing of what was typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    /// Not five digits (ZIP+4 is accepted and cut to five).
    #[error("a ZIP code is five digits")]
    Malformed,
    /// Five digits, but not in the table (a PO-box-only or new ZIP).
    #[error("this ZIP code is not in the table")]
    Unknown,
}

/// The five digits of a typed ZIP (`"55401"`, `" 55401-1234 "`), as a number.
pub fn parse_zip(text: &str) -> Result<u32, ZipError> {
    let t = text.trim();
    let five = match t.split_once('-') {
        Some((a, b)) if b.len() == 4 && b.bytes().all(|c| c.is_ascii_digit()) => a,
        Some(_) => return Err(ZipError::Malformed),
        None => t,
    };
    if five.len() != 5 || !five.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ZipError::Malformed);
    }
    five.parse().map_err(|_| ZipError::Malformed)
}

fn count() -> usize {
    match ZIP_TABLE.get(..HEADER) {
        Some([b'Z', b'C', 1, a, b, c, d]) => {
            let n = u32::from_be_bytes([*a, *b, *c, *d]) as usize;
            n.min(ZIP_TABLE.len().saturating_sub(HEADER) / RECORD)
        }
        _ => 0,
    }
}

fn record(i: usize) -> Option<(u32, Position)> {
    let start = HEADER + i * RECORD;
    let r = ZIP_TABLE.get(start..start + RECORD)?;
    let zip = u32::from_be_bytes([0, *r.first()?, *r.get(1)?, *r.get(2)?]);
    let lat = i16::from_be_bytes([*r.get(3)?, *r.get(4)?]);
    let lon = i16::from_be_bytes([*r.get(5)?, *r.get(6)?]);
    Some((zip, Position { lat, lon }))
}

/// Number of ZIPs in the bundled table.
pub fn zip_count() -> usize {
    count()
}

/// The position of a ZIP (as a number) from the table, by binary search.
pub fn zip_number_position(zip: u32) -> Option<Position> {
    let (mut lo, mut hi) = (0usize, count());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (z, p) = record(mid)?;
        match z.cmp(&zip) {
            std::cmp::Ordering::Equal => return Some(p),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

/// The coarse position of a typed ZIP code.
pub fn zip_position(text: &str) -> Result<Position, ZipError> {
    zip_number_position(parse_zip(text)?).ok_or(ZipError::Unknown)
}

/// The position of a service's postal code, when it is a US ZIP in the table (confidential
/// places have no postal code, so they never get one).
pub fn postal_position(postal_code: &str) -> Option<Position> {
    zip_position(postal_code).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_v1_and_sorted() {
        assert_eq!(zip_count(), 33_791);
        let mut last = 0;
        for i in 0..zip_count() {
            let (z, p) = record(i).unwrap();
            assert!(z > last, "sorted, no duplicates");
            assert!((-9000..=9000).contains(&p.lat));
            last = z;
        }
    }

    #[test]
    fn known_zips_and_distance() {
        // Census 2021 ZCTA centroids, rounded.
        let nyc = zip_position("10001").unwrap();
        assert_eq!(
            nyc,
            Position {
                lat: 4075,
                lon: -7400
            }
        );
        let mpls = zip_position(" 55401-1234").unwrap();
        assert!((mpls.lat_deg() - 44.98).abs() < 0.05);
        let d = nyc.distance_km(mpls);
        assert!((1600.0..1700.0).contains(&d), "{d}");
        assert_eq!(nyc.distance_km(nyc), 0.0);
        assert_eq!(zip_position("1000"), Err(ZipError::Malformed));
        assert_eq!(zip_position("abcde"), Err(ZipError::Malformed));
        assert_eq!(zip_position("10001-12"), Err(ZipError::Malformed));
        assert_eq!(zip_position("00000"), Err(ZipError::Unknown));
        assert_eq!(zip_position("99999"), Err(ZipError::Unknown));
    }
}
