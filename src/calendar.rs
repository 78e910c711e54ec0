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
    /// An ISO week: `2025-W49` (Monday to Sunday).
    Week,
    /// A calendar day: `2025-09-01`.
    Day,
}

impl Precision {
    /// The lowercase name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Week => "week",
            Precision::Day => "day",
        }
    }
}

/// A date known to a year, a month, an ISO week or a day. A month stays a
/// month: it is never widened to its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year (proleptic Gregorian; the ISO week-numbering year for a week).
    pub year: i32,
    /// 1..=12 when known.
    pub month: Option<u32>,
    /// 1..=31 when known; only set together with `month`.
    pub day: Option<u32>,
    /// ISO week 1..=53, for a date known to the week (then `month` is `None`).
    pub week: Option<u32>,
}

/// How two partial dates relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same value at the same precision.
    Same,
    /// One contains the other (`2025` and `2025-09-01`).
    Contains,
    /// They share some days but neither holds the other (a week across
    /// the turn of a month, and that month).
    Overlaps,
    /// Disjoint (`2025-06` and `2025-09-01`).
    Disjoint,
}

impl PartialDate {
    /// A year.
    pub fn year(year: i32) -> PartialDate {
        PartialDate { year, month: None, day: None, week: None }
    }

    /// A month of a year; `None` when `month` is not 1..=12.
    pub fn month(year: i32, month: u32) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(PartialDate { year, month: Some(month), day: None, week: None })
    }

    /// The ISO week holding `day`.
    pub fn week_of(day: NaiveDate) -> PartialDate {
        let w = day.iso_week();
        PartialDate { year: w.year(), month: None, day: None, week: Some(w.week()) }
    }

    /// A calendar day; `None` when it does not exist.
    pub fn day(year: i32, month: u32, day: u32) -> Option<PartialDate> {
        NaiveDate::from_ymd_opt(year, month, day).map(PartialDate::from)
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.week) {
            (Some(_), Some(_), _) => Precision::Day,
            (Some(_), None, _) => Precision::Month,
            (None, _, Some(_)) => Precision::Week,
            _ => Precision::Year,
        }
    }

    /// The first and last day the date covers.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let ymd = NaiveDate::from_ymd_opt;
        match self.precision() {
            Precision::Day => self.naive().map(|d| (d, d)),
            Precision::Week => {
                let monday = NaiveDate::from_isoywd_opt(self.year, self.week?, chrono::Weekday::Mon)?;
                Some((monday, monday + chrono::Days::new(6)))
            }
            Precision::Month => {
                let m = self.month?;
                let first = ymd(self.year, m, 1)?;
                let next = if m == 12 { ymd(self.year + 1, 1, 1)? } else { ymd(self.year, m + 1, 1)? };
                Some((first, next.pred_opt()?))
            }
            Precision::Year => Some((ymd(self.year, 1, 1)?, ymd(self.year, 12, 31)?)),
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
        match (self.range(), other.range()) {
            (Some(a), Some(b)) => relate_days(a, b),
            _ => Relation::Disjoint,
        }
    }
}

/// How two stretches of days relate: `Same` when they are the same days.
pub fn relate_days((a0, a1): (NaiveDate, NaiveDate), (b0, b1): (NaiveDate, NaiveDate)) -> Relation {
    if (a0, a1) == (b0, b1) {
        Relation::Same
    } else if (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1) {
        Relation::Contains
    } else if a0 <= b1 && b0 <= a1 {
        Relation::Overlaps
    } else {
        Relation::Disjoint
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> PartialDate {
        PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()), week: None }
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the date's own precision: `2025`, `2025-06`, `2025-W49`,
    /// `2025-09-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let (None, Some(w)) = (self.month, self.week) {
            return write!(f, "-W{w:02}");
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl PartialDate {
    /// Parses an ISO value at its own precision: `2025`, `2025-06`,
    /// `2025-W49`, `2025-09-01`. Anything else (`2025-Q3`, `PRESENT_REF`)
    /// is not a partial date.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let year =
            |y: &str| (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.parse::<i32>().ok()).flatten();
        match s.split('-').collect::<Vec<_>>().as_slice() {
            [y] => Some(PartialDate::year(year(y)?)),
            [y, w] if w.starts_with('W') => {
                let week: u32 = w[1..].parse().ok()?;
                let monday = NaiveDate::from_isoywd_opt(year(y)?, week, chrono::Weekday::Mon)?;
                Some(PartialDate::week_of(monday))
            }
            [y, m] if m.len() == 2 => PartialDate::month(year(y)?, m.parse().ok()?),
            [y, m, d] if m.len() == 2 && d.len() == 2 => PartialDate::day(year(y)?, m.parse().ok()?, d.parse().ok()?),
            _ => None,
        }
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
        let dec4 = NaiveDate::from_ymd_opt(2025, 12, 4).unwrap();
        let week = PartialDate::week_of(dec4);
        assert_eq!(week.to_string(), "2025-W49");
        assert_eq!(week.precision(), Precision::Week);
        assert_eq!(week.relate(&PartialDate::from(dec4)), Relation::Contains);
        assert_eq!(week.relate(&PartialDate::month(2025, 12).unwrap()), Relation::Contains, "W49 is Dec 1-7");
        let w44 = PartialDate::week_of(NaiveDate::from_ymd_opt(2025, 10, 30).unwrap());
        assert_eq!(w44.relate(&PartialDate::month(2025, 11).unwrap()), Relation::Overlaps, "W44 is Oct 27-Nov 2");
        let w48 = PartialDate::week_of(NaiveDate::from_ymd_opt(2025, 11, 27).unwrap());
        assert_eq!(w48.relate(&PartialDate::month(2025, 12).unwrap()), Relation::Disjoint);
        assert_eq!(w48.relate(&PartialDate::month(2025, 11).unwrap()), Relation::Contains);
    }

    #[test]
    fn parse_round_trips_display() {
        for v in ["2025", "2025-06", "2025-W49", "2025-09-01"] {
            assert_eq!(PartialDate::parse(v).map(|d| d.to_string()).as_deref(), Some(v));
        }
        for v in ["2025-Q3", "PRESENT_REF", "2025-13", "2025-02-30", "25", ""] {
            assert_eq!(PartialDate::parse(v), None, "{v}");
        }
    }

    #[test]
    fn iso_day_is_strict() {
        assert_eq!(parse_iso_day("2025-12-04"), NaiveDate::from_ymd_opt(2025, 12, 4));
        assert_eq!(parse_iso_day("2025-12-4"), None);
        assert_eq!(parse_iso_day("Dec 4, 2025"), None);
    }
}
