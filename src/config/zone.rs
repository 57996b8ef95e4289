//! The site's time zone, by name or offset.

use serde::{Deserialize, Deserializer};

/// The site's time zone: an IANA name (`Europe/London`), `UTC`, or an offset (`+02:00`).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteTimeZone(pub jiff::tz::TimeZone);

impl Default for SiteTimeZone {
    fn default() -> Self {
        SiteTimeZone(jiff::tz::TimeZone::UTC)
    }
}

impl SiteTimeZone {
    /// Parses a zone name or a fixed offset.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.eq_ignore_ascii_case("utc") || raw == "Z" {
            return Ok(Self::default());
        }
        if raw.starts_with(['+', '-']) {
            let offset = parse_offset(raw)
                .ok_or_else(|| format!("`{raw}` is not an offset such as `+02:00`"))?;
            return Ok(SiteTimeZone(jiff::tz::TimeZone::fixed(offset)));
        }
        jiff::tz::TimeZone::get(raw).map(SiteTimeZone).map_err(|_| {
            format!("`{raw}` is not a known time zone; use an IANA name such as `Europe/Paris`, `UTC` or an offset such as `+02:00`")
        })
    }
}

/// Parses `+HH:MM`, `-HH:MM` or `+HH`.
fn parse_offset(raw: &str) -> Option<jiff::tz::Offset> {
    let sign = if raw.starts_with('-') { -1 } else { 1 };
    let (h, m) = raw[1..].split_once(':').unwrap_or((&raw[1..], "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=18).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

impl<'de> Deserialize<'de> for SiteTimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        SiteTimeZone::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_by_name_and_offset() {
        assert!(SiteTimeZone::parse("Europe/Paris").is_ok());
        assert!(SiteTimeZone::parse("+05:30").is_ok());
        assert!(SiteTimeZone::parse("Mars/Olympus").is_err());
    }
}
