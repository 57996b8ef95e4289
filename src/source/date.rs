//! Dates in front matter.
//!
//! A date may be a TOML datetime (`2025-07-21T09:00:00Z`, `2025-07-21 09:00`,
//! `2025-07-21`) or the same in a string. A value without an offset is a
//! wall-clock time in the site's time zone, never in UTC and never in the
//! machine's zone (the trap of Hugo issue #12940).

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::TimeZone;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::value::Datetime;

/// A date as written in front matter, not yet placed in a time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue(Datetime);

impl DateValue {
    /// Wraps a TOML datetime.
    pub fn new(datetime: Datetime) -> Self {
        DateValue(datetime)
    }

    /// A date with no time of day.
    pub fn from_date(date: civil::Date) -> Self {
        DateValue(Datetime {
            date: Some(toml::value::Date {
                year: date.year() as u16,
                month: date.month() as u8,
                day: date.day() as u8,
            }),
            time: None,
            offset: None,
        })
    }

    /// The moment this value names, reading wall-clock times in `tz`.
    pub fn resolve(&self, tz: &TimeZone) -> Result<Timestamp, String> {
        let d = self
            .0
            .date
            .ok_or_else(|| format!("`{}` has no date", self.0))?;
        let date = civil::Date::new(
            i16::try_from(d.year).unwrap_or(i16::MAX),
            d.month as i8,
            d.day as i8,
        )
        .map_err(|_| {
            format!(
                "{:04}-{:02}-{:02} is not a date that exists",
                d.year, d.month, d.day
            )
        })?;
        let time = match self.0.time {
            Some(t) => civil::Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                t.nanosecond.unwrap_or(0) as i32,
            )
            .map_err(|e| format!("invalid time of day: {e}"))?,
            None => civil::Time::midnight(),
        };
        let civil = date.to_datetime(time);
        let out_of_range = || {
            format!(
                "`{}` is too far in the past or the future: use a date between the years 1 and 9998",
                self.0
            )
        };
        if !(1..=9998).contains(&d.year) {
            return Err(out_of_range());
        }
        match self.0.offset {
            None => tz
                .to_ambiguous_zoned_datetime(civil)
                .compatible()
                .map(|z| z.timestamp())
                .map_err(|_| out_of_range()),
            Some(offset) => {
                let minutes = match offset {
                    toml::value::Offset::Z => 0,
                    toml::value::Offset::Custom { minutes } => i32::from(minutes),
                };
                let offset =
                    jiff::tz::Offset::from_seconds(minutes * 60).map_err(|e| e.to_string())?;
                offset.to_timestamp(civil).map_err(|_| out_of_range())
            }
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match toml::Value::deserialize(d)? {
            toml::Value::Datetime(dt) => Ok(DateValue(dt)),
            toml::Value::String(s) => Datetime::from_str(s.trim()).map(DateValue).map_err(|_| {
                D::Error::custom(if looks_like_a_day(s.trim()) {
                    format!("`{s}` is not a date that exists")
                } else {
                    format!(
                        "`{s}` is not a date; write `2025-07-21`, `2025-07-21T09:00:00` or `2025-07-21T09:00:00+02:00`"
                    )
                })
            }),
            other => Err(D::Error::custom(format!(
                "expected a date such as `2025-07-21`, found a {}",
                other.type_str()
            ))),
        }
    }
}

/// True when `s` starts with `YYYY-MM-DD`: written as a date, even if no such day exists.
fn looks_like_a_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str, tz: &str) -> Result<String, String> {
        #[derive(Deserialize)]
        struct T {
            d: DateValue,
        }
        let t: T = toml::from_str(&format!("d = {text}")).map_err(|e| e.message().to_owned())?;
        let tz = TimeZone::get(tz).unwrap();
        t.d.resolve(&tz).map(|ts| ts.to_string())
    }

    #[test]
    fn wall_clock_times_are_read_in_the_site_zone() {
        assert_eq!(
            resolve("2025-07-21", "Europe/Paris").unwrap(),
            "2025-07-20T22:00:00Z"
        );
        assert_eq!(
            resolve("2025-07-21T09:00:00", "America/New_York").unwrap(),
            "2025-07-21T13:00:00Z"
        );
        assert_eq!(
            resolve("\"2025-01-21 09:00\"", "Europe/Paris").unwrap(),
            "2025-01-21T08:00:00Z"
        );
    }

    #[test]
    fn offsets_win_over_the_site_zone() {
        assert_eq!(
            resolve("2025-07-21T09:00:00Z", "Europe/Paris").unwrap(),
            "2025-07-21T09:00:00Z"
        );
        assert_eq!(
            resolve("\"2025-07-21T09:00:00+02:00\"", "UTC").unwrap(),
            "2025-07-21T07:00:00Z"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(resolve("\"2025-02-30\"", "UTC").is_err());
        assert!(resolve("2025-02-30", "UTC").is_err());
        assert!(
            resolve("\"yesterday\"", "UTC")
                .unwrap_err()
                .contains("is not a date")
        );
        assert!(resolve("09:00:00", "UTC").is_err());
        assert_eq!(
            resolve("\"2025-02-30\"", "UTC").unwrap_err(),
            "`2025-02-30` is not a date that exists"
        );
        assert_eq!(
            resolve("\"2025-13-01T09:00\"", "UTC").unwrap_err(),
            "`2025-13-01T09:00` is not a date that exists"
        );
    }
}
