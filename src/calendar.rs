//! Calendar values shared by the loader (publication dates) and the date
//! extractor: a date known to a year, a month or a day, and how two such
//! dates relate.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year: `2025`.
    Year,
    /// Year and month: `2025-06`.
    Month,
    /// A calendar day: `2025-09-01`.
    Day,
}

impl Precision {
    /// The lowercase name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date known to a year, a month or a day. A month stays a month: it is
/// never widened to its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year (proleptic Gregorian).
    pub year: i32,
    /// 1..=12 when known.
    pub month: Option<u32>,
    /// 1..=31 when known; only set together with `month`.
    pub day: Option<u32>,
}

/// How two partial dates relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same value at the same precision.
    Same,
    /// One contains the other (`2025` and `2025-09-01`).
    Contains,
    /// Disjoint (`2025-06` and `2025-09-01`).
    Disjoint,
}

impl PartialDate {
    /// A year.
    pub fn year(year: i32) -> PartialDate {
        PartialDate { year, month: None, day: None }
    }

    /// A month of a year; `None` when `month` is not 1..=12.
    pub fn month(year: i32, month: u32) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(PartialDate { year, month: Some(month), day: None })
    }

    /// A calendar day; `None` when it does not exist.
    pub fn day(year: i32, month: u32, day: u32) -> Option<PartialDate> {
        NaiveDate::from_ymd_opt(year, month, day).map(PartialDate::from)
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The calendar day, when the date is known to the day.
    pub fn naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// Compares two dates by containment.
    pub fn relate(&self, other: &PartialDate) -> Relation {
        if self == other {
            return Relation::Same;
        }
        let fits = |a: &PartialDate, b: &PartialDate| {
            a.year == b.year && a.month.is_none_or(|m| b.month == Some(m)) && a.day.is_none_or(|d| b.day == Some(d))
        };
        if fits(self, other) || fits(other, self) {
            Relation::Contains
        } else {
            Relation::Disjoint
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> PartialDate {
        PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the date's own precision: `2025`, `2025-06`, `2025-09-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Parses `YYYY-MM-DD` strictly (as given in JSON metadata and flags).
pub fn parse_iso_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_keeps_precision() {
        assert_eq!(PartialDate::year(2025).to_string(), "2025");
        assert_eq!(PartialDate::month(2025, 6).unwrap().to_string(), "2025-06");
        assert_eq!(PartialDate::day(2025, 9, 1).unwrap().to_string(), "2025-09-01");
        assert!(PartialDate::day(2025, 2, 30).is_none());
        assert!(PartialDate::month(2025, 13).is_none());
    }

    #[test]
    fn relations() {
        let y = PartialDate::year(2025);
        let june = PartialDate::month(2025, 6).unwrap();
        let sep1 = PartialDate::day(2025, 9, 1).unwrap();
        assert_eq!(y.relate(&sep1), Relation::Contains);
        assert_eq!(sep1.relate(&y), Relation::Contains);
        assert_eq!(june.relate(&sep1), Relation::Disjoint);
        assert_eq!(june.relate(&june), Relation::Same);
        assert_eq!(PartialDate::year(2024).relate(&sep1), Relation::Disjoint);
    }

    #[test]
    fn iso_day_is_strict() {
        assert_eq!(parse_iso_day("2025-12-04"), NaiveDate::from_ymd_opt(2025, 12, 4));
        assert_eq!(parse_iso_day("2025-12-4"), None);
        assert_eq!(parse_iso_day("Dec 4, 2025"), None);
    }
}
