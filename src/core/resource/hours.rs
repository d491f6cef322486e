//! Opening hours: days (iCalendar codes), times of day, weekly spans, 24/7, and whether a
//! resource is open at a given local time (the caller passes the time; no clock here).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{OffsetDateTime, UtcOffset};

use super::is_false;

coded_enum! {
    /// Day of the week, serialised as the iCalendar two-letter code HSDS uses (`"MO"`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Day {
        /// Monday.
        Mon = 0 => "MO",
        /// Tuesday.
        Tue = 1 => "TU",
        /// Wednesday.
        Wed = 2 => "WE",
        /// Thursday.
        Thu = 3 => "TH",
        /// Friday.
        Fri = 4 => "FR",
        /// Saturday.
        Sat = 5 => "SA",
        /// Sunday.
        Sun = 6 => "SU",
    }
}

impl Day {
    /// From the iCalendar code (`"MO"`), case-insensitive.
    pub fn from_ical(code: &str) -> Option<Day> {
        let [a, b] = code.trim().as_bytes() else {
            return None;
        };
        let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        std::str::from_utf8(&upper).ok().and_then(Day::from_name)
    }

    /// The iCalendar code (its [`Day::name`]).
    pub fn ical(self) -> &'static str {
        self.name()
    }

    /// From `time`'s weekday.
    pub fn from_weekday(w: time::Weekday) -> Day {
        match w {
            time::Weekday::Monday => Day::Mon,
            time::Weekday::Tuesday => Day::Tue,
            time::Weekday::Wednesday => Day::Wed,
            time::Weekday::Thursday => Day::Thu,
            time::Weekday::Friday => Day::Fri,
            time::Weekday::Saturday => Day::Sat,
            time::Weekday::Sunday => Day::Sun,
        }
    }

    fn previous(self) -> Day {
        match self {
            Day::Mon => Day::Sun,
            Day::Tue => Day::Mon,
            Day::Wed => Day::Tue,
            Day::Thu => Day::Wed,
            Day::Fri => Day::Thu,
            Day::Sat => Day::Fri,
            Day::Sun => Day::Sat,
        }
    }
}

/// A time of day in minutes after midnight, serialised as `"HH:MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(u16);

impl Clock {
    /// `hour:minute`, or `None` when out of range. `24:00` is allowed (end of day).
    pub fn new(hour: u8, minute: u8) -> Option<Clock> {
        let m = u16::from(hour) * 60 + u16::from(minute);
        (minute < 60 && m <= 24 * 60).then_some(Clock(m))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Parse `"HH:MM"` or `"HH:MM:SS"` (seconds ignored).
    pub fn parse(s: &str) -> Option<Clock> {
        // The two exact forms directories write, read digit by digit; anything else
        // (spaces, one-digit hours, a sign) by the general reader below.
        let two = |b: &[u8]| match b {
            [x, y] if x.is_ascii_digit() && y.is_ascii_digit() => {
                Some((x - b'0') * 10 + (y - b'0'))
            }
            _ => None,
        };
        let fast = match s.as_bytes() {
            [h0, h1, b':', m0, m1] => two(&[*h0, *h1]).zip(two(&[*m0, *m1])),
            [h0, h1, b':', m0, m1, b':', s0, s1] => match two(&[*s0, *s1]) {
                Some(sec) if sec >= 60 => return None,
                Some(_) => two(&[*h0, *h1]).zip(two(&[*m0, *m1])),
                None => None,
            },
            _ => None,
        };
        match fast {
            Some((h, m)) => Clock::new(h, m),
            None => Clock::parse_general(s),
        }
    }

    /// [`Clock::parse`] for any form (the definition the fast path is tested against).
    fn parse_general(s: &str) -> Option<Clock> {
        let mut parts = s.trim().split(':');
        let h: u8 = parts.next()?.trim().parse().ok()?;
        let m: u8 = parts.next()?.trim().parse().ok()?;
        if let Some(sec) = parts.next() {
            let sec: u8 = sec.trim().get(..2.min(sec.trim().len()))?.parse().ok()?;
            if sec >= 60 {
                return None;
            }
        }
        Clock::new(h, m)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for Clock {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Clock::parse(&s).ok_or_else(|| serde::de::Error::custom("invalid time of day"))
    }
}

/// Open on `day` from `opens` to `closes` (closes ≤ opens means past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OpeningSpan {
    /// Day the span starts.
    pub day: Day,
    /// Opening time.
    pub opens: Clock,
    /// Closing time.
    pub closes: Clock,
}

/// Whether a resource is open at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    /// Open now (or 24/7).
    Open,
    /// Has hours and is closed now.
    Closed,
    /// No structured hours are known.
    Unknown,
}

/// Opening hours: a 24/7 flag or weekly spans (a subset of HSDS schedules).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Hours {
    /// Open around the clock every day.
    #[serde(default, skip_serializing_if = "is_false")]
    pub always_open: bool,
    /// Weekly opening spans, in the resource's local time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekly: Vec<OpeningSpan>,
    /// UTC offset of the spans in minutes, when known; otherwise the device's local time
    /// is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i16>,
    /// Free text ("not 24/7", "closed on public holidays").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Hours {
    /// Around the clock.
    pub fn always() -> Hours {
        Hours {
            always_open: true,
            ..Hours::default()
        }
    }

    /// Open, closed or unknown at `now` — the device's local time, passed in by the caller
    /// (the core never reads a clock). When the hours carry a UTC offset, `now` is first
    /// converted to it.
    pub fn open_state(&self, now: OffsetDateTime) -> OpenState {
        if self.always_open {
            return OpenState::Open;
        }
        if self.weekly.is_empty() {
            return OpenState::Unknown;
        }
        let now = match self
            .utc_offset_minutes
            .and_then(|m| UtcOffset::from_whole_seconds(i32::from(m) * 60).ok())
        {
            Some(off) => now.to_offset(off),
            None => now,
        };
        let day = Day::from_weekday(now.weekday());
        let minute = u16::from(now.hour()) * 60 + u16::from(now.minute());
        let open = self.weekly.iter().any(|s| {
            let (o, c) = (s.opens.minutes(), s.closes.minutes());
            if c > o {
                s.day == day && (o..c).contains(&minute)
            } else {
                // Runs past midnight (or the whole day when o == c).
                (s.day == day && minute >= o) || (s.day == day.previous() && minute < c)
            }
        });
        if open {
            OpenState::Open
        } else {
            OpenState::Closed
        }
    }

    /// A short English summary ("24/7", "Mon 09:00–17:00, …", the note, or "").
    pub fn summary(&self) -> String {
        if self.always_open {
            return "24/7".to_owned();
        }
        let spans: Vec<String> = self
            .weekly
            .iter()
            .map(|s| format!("{} {}–{}", s.day.ical(), s.opens, s.closes))
            .collect();
        match (spans.is_empty(), &self.note) {
            (false, Some(n)) => format!("{}; {n}", spans.join(", ")),
            (false, None) => spans.join(", "),
            (true, Some(n)) => n.clone(),
            (true, None) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::resource::iso_date;
    use time::macros::datetime;

    proptest::proptest! {
        /// The exact-form shortcut reads every time as the general reader does.
        #[test]
        fn clock_fast_path_agrees(s in "[0-9 :+x]{0,9}") {
            proptest::prop_assert_eq!(Clock::parse(&s), Clock::parse_general(&s));
        }
    }

    #[test]
    fn days_read_in_any_case_and_nothing_else() {
        for a in 0u8..=255 {
            for b in [b'O', b'o', b'U', b'E', b'H', b'R', b'A', b'u', b'x', b' '] {
                let code = String::from_utf8_lossy(&[b' ', a, b]).into_owned();
                let by_name = Day::ALL
                    .into_iter()
                    .find(|d| d.ical().eq_ignore_ascii_case(code.trim()));
                assert_eq!(Day::from_ical(&code), by_name, "{code:?}");
            }
        }
        assert_eq!(Day::from_ical("mo"), Some(Day::Mon));
        assert_eq!(Day::from_ical(" SU "), Some(Day::Sun));
    }

    #[test]
    fn open_state() {
        let h = Hours {
            weekly: vec![
                OpeningSpan {
                    day: Day::Mon,
                    opens: Clock::new(9, 0).unwrap(),
                    closes: Clock::new(17, 0).unwrap(),
                },
                OpeningSpan {
                    day: Day::Fri,
                    opens: Clock::new(22, 0).unwrap(),
                    closes: Clock::new(2, 0).unwrap(),
                },
            ],
            ..Hours::default()
        };
        // 2026-11-02 is a Monday.
        assert_eq!(
            h.open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Open
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-02 17:00 UTC)),
            OpenState::Closed
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-06 23:00 UTC)),
            OpenState::Open
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-07 01:59 UTC)),
            OpenState::Open
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-07 02:00 UTC)),
            OpenState::Closed
        );
        let mut tz = h.clone();
        tz.utc_offset_minutes = Some(-300);
        // 15:00 UTC is 10:00 at UTC-5.
        assert_eq!(
            tz.open_state(datetime!(2026-11-02 15:00 UTC)),
            OpenState::Open
        );
        assert_eq!(
            tz.open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Closed
        );
        assert_eq!(
            Hours::default().open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Unknown
        );
        assert_eq!(
            Hours::always().open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Open
        );
    }

    #[test]
    fn dates_and_clock_parse() {
        assert_eq!(
            iso_date::format(iso_date::parse("2026-11-01").unwrap()),
            "2026-11-01"
        );
        assert!(iso_date::parse("2026-13-01").is_none());
        assert!(iso_date::parse("20").is_none());
        assert_eq!(Clock::parse("10:00:00").unwrap().to_string(), "10:00");
        assert!(Clock::parse("25:00").is_none());
        assert!(Clock::parse("10:61").is_none());
    }
}
