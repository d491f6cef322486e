//! "Open now" in the service's own time zone, daylight saving included.
//!
//! A service's zone is, in order: its state's zone (the place's state, or its only
//! service-area state), choosing among a multi-zone state's zones the one whose standard
//! or daylight offset is the HSDS schedule's `timezone` offset when one is given; else that
//! fixed HSDS offset (no daylight saving known); else none, and the hours are read in the
//! phone's own local time (the `now` the caller passes carries the phone's offset).
//!
//! Time-zone rules come from `jiff` with only the zones below compiled in (`tz::get!`
//! embeds each at build time): about 11 × 1–3 KB instead of a whole tz database
//! (`chrono-tz` compiles every zone, several hundred KB, into the binary).

use jiff::tz::{self, TimeZone};
use time::{OffsetDateTime, UtcOffset};

use crate::core::resource::{Day, Hours, OpenState};

/// The zones a US service can be in, by index (`Zone::Iana(i)`).
const ZONE_NAMES: [&str; 11] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "America/Adak",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "Pacific/Guam",
    "Pacific/Pago_Pago",
];

static ZONES: [TimeZone; 11] = [
    tz::get!("America/New_York"),
    tz::get!("America/Chicago"),
    tz::get!("America/Denver"),
    tz::get!("America/Phoenix"),
    tz::get!("America/Los_Angeles"),
    tz::get!("America/Anchorage"),
    tz::get!("America/Adak"),
    tz::get!("Pacific/Honolulu"),
    tz::get!("America/Puerto_Rico"),
    tz::get!("Pacific/Guam"),
    tz::get!("Pacific/Pago_Pago"),
];

const NY: u8 = 0;
const CHI: u8 = 1;
const DEN: u8 = 2;
const PHX: u8 = 3;
const LA: u8 = 4;
const ANC: u8 = 5;
const ADAK: u8 = 6;
const HNL: u8 = 7;
const PR: u8 = 8;
const GUAM: u8 = 9;
const PAGO: u8 = 10;

/// Each state's zones, its most populous first (Indiana and Michigan follow New York's
/// rules, Idaho's south Denver's; territories without daylight saving share a zone).
fn state_zones(state: &str) -> &'static [u8] {
    match state.trim().to_ascii_uppercase().as_str() {
        "CT" | "DE" | "DC" | "GA" | "ME" | "MD" | "MA" | "NH" | "NJ" | "NY" | "NC" | "OH"
        | "PA" | "RI" | "SC" | "VT" | "VA" | "WV" => &[NY],
        "FL" | "IN" | "KY" | "MI" => &[NY, CHI],
        "AL" | "AR" | "IL" | "IA" | "LA" | "MN" | "MS" | "MO" | "OK" | "WI" => &[CHI],
        "KS" | "NE" | "ND" | "SD" | "TX" => &[CHI, DEN],
        "TN" => &[CHI, NY],
        "CO" | "MT" | "NM" | "UT" | "WY" => &[DEN],
        "ID" => &[DEN, LA],
        "OR" => &[LA, DEN],
        "AZ" => &[PHX],
        "CA" | "NV" | "WA" => &[LA],
        "AK" => &[ANC, ADAK],
        "HI" => &[HNL],
        "PR" | "VI" => &[PR],
        "GU" | "MP" => &[GUAM],
        "AS" => &[PAGO],
        _ => &[],
    }
}

/// Where a service's opening hours are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A US time zone (index into the compiled-in zones): daylight saving applies.
    Iana(u8),
    /// A fixed UTC offset in minutes (HSDS `timezone` with no state to place it).
    Fixed(i16),
    /// Unknown: the phone's own local time.
    Device,
}

impl Zone {
    /// The IANA name, for `Iana` zones.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Zone::Iana(i) => ZONE_NAMES.get(usize::from(i)).copied(),
            _ => None,
        }
    }

    /// The UTC offset of this zone at `now` (`None` for [`Zone::Device`]).
    pub fn offset_at(self, now: OffsetDateTime) -> Option<UtcOffset> {
        match self {
            Zone::Iana(i) => {
                let zone = ZONES.get(usize::from(i))?;
                let ts = jiff::Timestamp::from_second(now.unix_timestamp()).ok()?;
                UtcOffset::from_whole_seconds(zone.to_offset(ts).seconds()).ok()
            }
            Zone::Fixed(m) => UtcOffset::from_whole_seconds(i32::from(m) * 60).ok(),
            Zone::Device => None,
        }
    }

    /// `now` as a wall-clock time in this zone (unchanged for [`Zone::Device`]).
    pub fn local(self, now: OffsetDateTime) -> OffsetDateTime {
        match self.offset_at(now) {
            Some(off) => now.to_offset(off),
            None => now,
        }
    }
}

/// Standard and daylight offsets (seconds) of zone `i`, read in January and July 2026.
fn offsets_of(i: u8) -> [i32; 2] {
    let at = |secs: i64| {
        let ts = jiff::Timestamp::from_second(secs).ok();
        match (ZONES.get(usize::from(i)), ts) {
            (Some(z), Some(ts)) => z.to_offset(ts).seconds(),
            _ => i32::MIN,
        }
    };
    // 2026-01-15 and 2026-07-15, 12:00 UTC.
    [at(1_768_478_400), at(1_784_116_800)]
}

/// The zone of a service: its state (`place_state`, else the only `area_states` entry),
/// narrowed by the HSDS offset when the state has more than one zone; else the fixed
/// offset; else the phone's time.
pub fn resolve(
    place_state: Option<&str>,
    area_states: &[String],
    offset_minutes: Option<i16>,
) -> Zone {
    let state = place_state.or(match area_states {
        [only] => Some(only.as_str()),
        _ => None,
    });
    let zones = state.map(state_zones).unwrap_or(&[]);
    if let Some(&first) = zones.first() {
        let pick = offset_minutes.and_then(|m| {
            let secs = i32::from(m) * 60;
            zones
                .iter()
                .copied()
                .find(|&z| offsets_of(z).contains(&secs))
        });
        return Zone::Iana(pick.unwrap_or(first));
    }
    match offset_minutes {
        Some(m) => Zone::Fixed(m),
        None => Zone::Device,
    }
}

/// The zones' offsets at one instant, worked out once per search (a search checks many
/// services; each then costs one table read), with the local weekday and minute in each
/// zone and on the phone.
#[derive(Debug, Clone, Copy)]
pub struct OffsetsAt {
    offsets: [Option<UtcOffset>; 11],
    /// `(weekday, minute of day)` in each zone; the last entry is the phone's.
    wall: [(Day, u16); 12],
}

fn wall_of(t: OffsetDateTime) -> (Day, u16) {
    (
        Day::from_weekday(t.weekday()),
        u16::from(t.hour()) * 60 + u16::from(t.minute()),
    )
}

impl OffsetsAt {
    /// Every zone's offset at `now`.
    pub fn new(now: OffsetDateTime) -> OffsetsAt {
        let mut offsets = [None; 11];
        let mut wall = [wall_of(now); 12];
        for (i, slot) in offsets.iter_mut().enumerate() {
            *slot = Zone::Iana(i as u8).offset_at(now);
            if let (Some(off), Some(w)) = (*slot, wall.get_mut(i)) {
                *w = wall_of(now.to_offset(off));
            }
        }
        OffsetsAt { offsets, wall }
    }

    /// Whether `hours` (read in zone `z`, an IANA zone or the phone's) are open now;
    /// the same rules as [`Hours::open_state`], from the precomputed wall time.
    pub fn open_state(&self, hours: &Hours, z: Zone) -> OpenState {
        if hours.always_open {
            return OpenState::Open;
        }
        if hours.weekly.is_empty() {
            return OpenState::Unknown;
        }
        let i = match z {
            Zone::Iana(i) => usize::from(i),
            _ => 11,
        };
        let Some(&(day, minute)) = self.wall.get(i) else {
            return OpenState::Unknown;
        };
        let prev = Day::ALL[(usize::from(day.wire()) + 6) % 7];
        let open = hours.weekly.iter().any(|s| {
            let (o, c) = (s.opens.minutes(), s.closes.minutes());
            if c > o {
                s.day == day && (o..c).contains(&minute)
            } else {
                (s.day == day && minute >= o) || (s.day == prev && minute < c)
            }
        });
        if open {
            OpenState::Open
        } else {
            OpenState::Closed
        }
    }

    /// `now` in zone `z`.
    pub fn local(&self, z: Zone, now: OffsetDateTime) -> OffsetDateTime {
        match z {
            Zone::Iana(i) => match self.offsets.get(usize::from(i)).copied().flatten() {
                Some(off) => now.to_offset(off),
                None => now,
            },
            other => other.local(now),
        }
    }
}

/// Packs a zone into a byte for the index: 0 device, 1..=11 IANA, 255 fixed (the offset
/// stays in the schedule).
pub(super) fn pack(z: Zone) -> u8 {
    match z {
        Zone::Device => 0,
        Zone::Iana(i) => i + 1,
        Zone::Fixed(_) => 255,
    }
}

/// The inverse of [`pack`]; a fixed zone reads its offset from the schedule.
pub(super) fn unpack(b: u8, fixed: Option<i16>) -> Zone {
    match (b, fixed) {
        (0, _) => Zone::Device,
        (255, Some(m)) => Zone::Fixed(m),
        (255, None) => Zone::Device,
        (i, _) => Zone::Iana(i - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn states_resolve_with_daylight_saving() {
        let ny = resolve(Some("ny"), &[], None);
        assert_eq!(ny.name(), Some("America/New_York"));
        // Summer: EDT (UTC-4); winter: EST (UTC-5).
        let summer = ny.local(datetime!(2026-07-01 14:00 UTC));
        assert_eq!((summer.hour(), summer.offset().whole_hours()), (10, -4));
        let winter = ny.local(datetime!(2026-12-01 14:00 UTC));
        assert_eq!((winter.hour(), winter.offset().whole_hours()), (9, -5));
        // The DST change itself: 2026-03-08 07:00 UTC is 03:00 EDT.
        assert_eq!(ny.local(datetime!(2026-03-08 07:00 UTC)).hour(), 3);
        assert_eq!(ny.local(datetime!(2026-03-08 06:59 UTC)).hour(), 1);
        // Arizona keeps MST all year.
        let az = resolve(Some("AZ"), &[], None);
        assert_eq!(az.local(datetime!(2026-07-01 14:00 UTC)).hour(), 7);
        // Texas: Chicago, or Denver (El Paso) when the HSDS offset says -7.
        assert_eq!(
            resolve(Some("TX"), &[], None).name(),
            Some("America/Chicago")
        );
        assert_eq!(
            resolve(Some("TX"), &[], Some(-420)).name(),
            Some("America/Denver")
        );
        assert_eq!(
            resolve(Some("TX"), &[], Some(-360)).name(),
            Some("America/Chicago")
        );
        // Only area state; several area states and no place: not placed.
        assert_eq!(
            resolve(None, &["HI".into()], None).name(),
            Some("Pacific/Honolulu")
        );
        assert_eq!(
            resolve(None, &["NY".into(), "CA".into()], None),
            Zone::Device
        );
        assert_eq!(resolve(None, &[], Some(-300)), Zone::Fixed(-300));
        assert_eq!(resolve(Some("XX"), &[], None), Zone::Device);
        let at = datetime!(2026-07-01 14:00 UTC);
        assert_eq!(OffsetsAt::new(at).local(ny, at), ny.local(at));
        for z in [Zone::Device, Zone::Iana(3), Zone::Fixed(-300)] {
            let fixed = match z {
                Zone::Fixed(m) => Some(m),
                _ => None,
            };
            assert_eq!(unpack(pack(z), fixed), z);
        }
        // The precomputed check agrees with Hours::open_state over a week, every 20 min.
        let h = Hours {
            weekly: vec![
                crate::core::resource::OpeningSpan {
                    day: Day::Mon,
                    opens: crate::core::resource::Clock::new(9, 0).unwrap(),
                    closes: crate::core::resource::Clock::new(17, 0).unwrap(),
                },
                crate::core::resource::OpeningSpan {
                    day: Day::Sun,
                    opens: crate::core::resource::Clock::new(22, 0).unwrap(),
                    closes: crate::core::resource::Clock::new(2, 0).unwrap(),
                },
            ],
            ..Hours::default()
        };
        for step in 0..(7 * 24 * 3) {
            let t = datetime!(2026-11-30 00:00 UTC) + time::Duration::minutes(20 * step);
            let o = OffsetsAt::new(t);
            assert_eq!(o.open_state(&h, ny), h.open_state(ny.local(t)), "{t}");
            assert_eq!(o.open_state(&h, Zone::Device), h.open_state(t), "{t}");
        }
        for name in ZONE_NAMES {
            assert!(ZONES.iter().any(|z| z.iana_name() == Some(name)), "{name}");
        }
    }
}
