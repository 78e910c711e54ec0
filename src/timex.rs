//! The temporal extractor seen as a TIMEX3 tagger, for evaluation against
//! TempEval-3 and for the TIME, DURATION and SET expressions that date
//! claims do not carry.
//!
//! Input: a whole text and its document creation time. Output: [`Timex`]es
//! with byte spans into that text, a TIMEX3 type and an ISO-8601-style
//! value (`2025-12-04`, `2025-W49`, `P2D`, `T16:30`, `P1Y` with
//! `quant = EVERY` for a set). The text goes through the same stages as a
//! report: normalisation, paragraphs, sentences, then the extractors.

use crate::calendar::PartialDate;
use crate::document::paragraphs;
use crate::extract::dates::Anchor;
use crate::extract::times::Open;
use crate::extract::Extractor;
use crate::normalize::Normalized;
use crate::rules::Rules;
use crate::segment::{split, SegmentRules};
use crate::span::Span;
use crate::Error;
use chrono::NaiveDate;
use serde::Serialize;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2025-12-04`, `2025-06`, `2025-W49`.
    Date,
    /// A time of day: `2025-12-04T16:30`.
    Time,
    /// A length of time: `P2D`.
    Duration,
    /// A recurrence: `P1Y` every year.
    Set,
}

impl TimexType {
    /// The TIMEX3 name: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn name(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Parses a TIMEX3 type name.
    pub fn parse(s: &str) -> Option<TimexType> {
        match s {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Bytes of the text given to [`Tagger::tag`].
    pub span: Span,
    /// Its type.
    pub kind: TimexType,
    /// Its value, TIMEX3 style; `XXXX-XX-XX` style placeholders when the
    /// creation time is needed and unknown.
    pub value: String,
}

/// What a text has said so far that later sentences refer back to.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The value of the date last mentioned, with at least its year.
    last: Option<String>,
    /// The quarter last mentioned, `(year, quarter)`.
    quarter: Option<(i32, u32)>,
}

/// The compiled tagger.
#[derive(Debug)]
pub struct Tagger {
    /// The same compiled finders as claims are extracted with.
    ex: Extractor,
    segment: SegmentRules,
    /// Plural units (`plural_units` in `rules/timex.toml`) and the value of
    /// an unknown count of them ("days": `PXD`), for a sentence that opens
    /// with one ("Days of heavy rain").
    plural_units: Vec<(String, String)>,
    /// Words after such an opening unit that make it a stretch of time
    /// (`opening_unit_followers`).
    opening_followers: Vec<String>,
}

impl Tagger {
    /// Compiles the tagger from the rules.
    pub fn new(rules: &Rules) -> Result<Tagger, Error> {
        let ex = Extractor::new(rules)?;
        let r = &rules.timex;
        let code = |word: &str| -> Option<String> {
            let word = word.to_lowercase();
            let mut singulars = vec![word.clone(), word.trim_end_matches('s').to_string()];
            singulars.extend(word.strip_suffix("es").map(str::to_string));
            singulars.extend(word.strip_suffix("ies").map(|w| format!("{w}y")));
            let code = singulars
                .iter()
                .find_map(|w| r.units.iter().find(|[u, _]| u.eq_ignore_ascii_case(w)).map(|[_, c]| c.clone()))?;
            let unit: String = code.chars().filter(|c| !c.is_ascii_digit()).collect();
            Some(match unit.strip_prefix('T') {
                Some(time) => format!("PTX{time}"),
                None => format!("PX{unit}"),
            })
        };
        let plural_units = r.plural_units.iter().filter_map(|w| Some((w.to_lowercase(), code(w)?))).collect();
        let opening_followers = r.opening_unit_followers.iter().map(|w| w.to_lowercase()).collect();
        Ok(Tagger { ex, segment: rules.segment.clone(), plural_units, opening_followers })
    }

    /// Tags one sentence of normalised text; spans are within it.
    pub fn tag_sentence(&self, sentence: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        self.tag_sentence_in(sentence, dct, self.ex.times().day_first(None))
    }

    /// Tags one sentence, reading numeric dates day first or not.
    pub fn tag_sentence_in(&self, sentence: &str, dct: Option<NaiveDate>, day_first: bool) -> Vec<Timex> {
        self.tag_sentence_with(sentence, dct, day_first, &mut Context::default())
    }

    /// Tags one sentence of a text, given what the sentences before it
    /// said (`context`, which it updates): "the following year" is the year
    /// after the one last mentioned, and "a year earlier" in a report on a
    /// quarter is that quarter a year before.
    pub fn tag_sentence_with(
        &self,
        sentence: &str,
        dct: Option<NaiveDate>,
        day_first: bool,
        context: &mut Context,
    ) -> Vec<Timex> {
        // One pass over the sentence reads the gates of both finders.
        let (date_open, open) = self.ex.open(sentence);
        let mut found: Vec<Timex> = self
            .ex
            .dates()
            .find_open(sentence, date_open, dct)
            .into_iter()
            .filter(|m| m.anchor == Anchor::At || m.value.is_some())
            .map(|m| {
                // "Friday evening" is a time of that day (TIMEX3 guidelines;
                // TimeBank is not consistent about it).
                let value = m.value.map_or_else(|| "XXXX-XX-XX".to_string(), |v| v.to_string());
                let last = m.span.of(sentence).split_whitespace().last().unwrap_or("");
                match self.ex.times().part_code(last) {
                    Some(code) if m.span.of(sentence).contains(' ') || last.eq_ignore_ascii_case("tonight") => {
                        Timex { span: m.span, kind: TimexType::Time, value: format!("{value}T{code}") }
                    }
                    _ => Timex { span: m.span, kind: TimexType::Date, value },
                }
            })
            .collect();
        // Numbers only matter to the time finder next to a unit word.
        let times = self.ex.times();
        let numbers = if times.wants_numbers_open(open) { self.ex.numbers().find(sentence, &[]) } else { Vec::new() };
        found.extend(times.find_open(sentence, open, &numbers, dct, day_first).into_iter().map(|t| Timex {
            span: t.span,
            kind: t.kind,
            value: t.value,
        }));
        // "A year ago" in a sentence about a quarter means that quarter a
        // year before ("third-quarter profit fell from a year ago"); so it
        // does in a later sentence comparing amounts ("Sales rose 5% to $2
        // billion from a year earlier").
        let own_quarter = found.iter().rev().find_map(|t| quarter_of(&t.value));
        let amounts = || sentence.bytes().any(|b| b.is_ascii_digit());
        if let Some(q) = own_quarter.or_else(|| context.quarter.filter(|_| amounts())) {
            for t in found.iter_mut().filter(|t| t.kind == TimexType::Date) {
                let text = t.span.of(sentence).to_lowercase();
                if text.ends_with("year ago")
                    || text.ends_with("year earlier")
                    || text.contains("year-ago")
                    || text.contains("year-earlier")
                {
                    t.value = format!("{}-Q{}", q.0 - 1, q.1);
                }
            }
        }
        // The longest of overlapping expressions wins; the leftmost first,
        // and of two with one span the finer type ("this morning" is a TIME).
        found.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end), std::cmp::Reverse(t.kind)));
        let mut out: Vec<Timex> = Vec::new();
        for t in found {
            match out.last() {
                Some(last) if last.span.overlaps(&t.span) => {
                    if t.span.len() > last.span.len() {
                        out.pop();
                        out.push(t);
                    }
                }
                _ => out.push(t),
            }
        }
        self.opening_unit(sentence, &mut out);
        // "two years and three months", "five hours and 20 minutes": one
        // duration (P2Y3M, PT5H20M).
        let durations = out.iter().filter(|t| t.kind == TimexType::Duration).count();
        let out = if durations > 1 { join_durations(sentence, out) } else { out };
        // "noon Thursday", "10 p.m. Wednesday", "Dec 4, 2025 11:18 PM IST": a
        // time of that day.
        let mut merged: Vec<Timex> = Vec::with_capacity(out.len());
        for t in out {
            if let Some(last) = merged.last_mut() {
                let gap = sentence.get(last.span.end..t.span.start).unwrap_or("x");
                let next_to = t.span.start >= last.span.end
                    && gap.trim_matches(|c: char| c.is_whitespace() || c == ',').is_empty();
                let is_day = |x: &Timex| x.kind == TimexType::Date && x.value.len() == 10;
                let time_of = |x: &Timex| {
                    (x.kind == TimexType::Time).then(|| x.value.split_once('T').map(|(_, t)| t.to_string())).flatten()
                };
                let joined = match (time_of(last), time_of(&t)) {
                    (Some(time), None) if next_to && is_day(&t) && gap.trim().is_empty() => {
                        Some(format!("{}T{time}", t.value))
                    }
                    (None, Some(time)) if next_to && is_day(last) => Some(format!("{}T{time}", last.value)),
                    _ => None,
                };
                if let Some(value) = joined {
                    *last = Timex { span: Span::new(last.span.start, t.span.end), kind: TimexType::Time, value };
                    continue;
                }
            }
            merged.push(t);
        }
        // "at 7 p.m. EST on Tuesday": a clock time takes the day the
        // sentence names nearest to it, not the publication day.
        let days: Vec<(Span, String)> = merged
            .iter()
            .filter(|t| t.kind == TimexType::Date && t.value.len() == 10)
            .map(|t| (t.span, t.value.clone()))
            .collect();
        for t in merged.iter_mut().filter(|t| t.kind == TimexType::Time) {
            let text = t.span.of(sentence);
            // A part of the day with no day of its own ("by mid-afternoon",
            // "overnight") is one of that day too; "this morning", "last
            // night" are not.
            let lower = text.to_lowercase();
            let own_day_word = [
                "this",
                "tonight",
                "today",
                "yesterday",
                "tomorrow",
                "last",
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ]
            .iter()
            .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
            let clock = text.chars().any(|c| c.is_ascii_digit())
                || ["noon", "midday", "midnight"].contains(&lower.as_str())
                || (t.value.len() == 13 && !own_day_word);
            let own_day = dct.is_some_and(|d| t.value.starts_with(&d.to_string()));
            let nearest = days.iter().min_by_key(|(span, _)| span.start.abs_diff(t.span.start));
            if let (true, true, Some((_, day)), Some((_, time))) = (clock, own_day, nearest, t.value.split_once('T')) {
                t.value = format!("{day}T{time}");
            }
        }
        self.resolve_anaphora(sentence, open, dct, &mut merged, context);
        if own_quarter.is_some() {
            context.quarter = own_quarter;
        }
        merged
    }

    /// A plural unit opening the sentence before a word of
    /// `opening_unit_followers` ("Days of heavy rain", "Weeks later") is a
    /// duration of unknown count, unless something found already covers it.
    fn opening_unit(&self, sentence: &str, found: &mut Vec<Timex>) {
        let first_alnum = |from: usize| match sentence.as_bytes().get(from) {
            Some(b) if b.is_ascii_alphanumeric() => from,
            _ => sentence.len() - sentence[from..].trim_start_matches(|c: char| !c.is_alphanumeric()).len(),
        };
        let at_start = first_alnum(0);
        // After a dateline ("HOUSTON — Days of rain", "LONDON (Reuters) -
        // Hours after"), the sentence starts after its dash: the first dash
        // of the first 80 bytes, with a space either side, and no lowercase
        // word before it outside parentheses.
        let bytes = sentence.as_bytes();
        // Datelines open with a place in capitals ("HOUSTON", "NEW YORK").
        let capitals = bytes.get(at_start..at_start + 2).is_some_and(|b| b.iter().all(u8::is_ascii_uppercase));
        let dash =
            capitals.then(|| bytes.iter().take(80).position(|&b| b == b'-' || b == 0xE2)).flatten().and_then(|at| {
                let rest = &sentence[at..];
                let len = if rest.starts_with("—") {
                    "—".len()
                } else if rest.starts_with("--") {
                    2
                } else if rest.starts_with('-') {
                    1
                } else {
                    return None;
                };
                let spaced = at > 0 && bytes[at - 1] == b' ' && bytes.get(at + len) == Some(&b' ');
                let mut depth = 0i32;
                let upper = sentence[..at].chars().all(|c| {
                    depth += i32::from(c == '(') - i32::from(c == ')');
                    depth > 0 || c == ')' || !c.is_lowercase()
                });
                (spaced && upper).then_some(at + len)
            });
        let after_dash = dash.map(first_alnum);
        // A word ends at ASCII white space or a comma (both char boundaries).
        let word_end = |from: usize| {
            bytes[from..].iter().position(|b| b.is_ascii_whitespace() || *b == b',').map_or(bytes.len(), |p| from + p)
        };
        for start in std::iter::once(at_start).chain(after_dash) {
            if !bytes.get(start).is_some_and(u8::is_ascii_uppercase) {
                continue;
            }
            let first = &sentence[start..word_end(start)];
            let Some((_, value)) = self.plural_units.iter().find(|(w, _)| first.eq_ignore_ascii_case(w)) else {
                continue;
            };
            let next_start = bytes[start + first.len()..]
                .iter()
                .position(|b| !(b.is_ascii_whitespace() || *b == b','))
                .map_or(bytes.len(), |p| start + first.len() + p);
            let next = &sentence[next_start..word_end(next_start)];
            if !self.opening_followers.iter().any(|f| next.eq_ignore_ascii_case(f)) {
                continue;
            }
            let span = Span::new(start, start + first.len());
            if !found.iter().any(|t| t.span.overlaps(&span)) {
                found.insert(0, Timex { span, kind: TimexType::Duration, value: value.clone() });
            }
            return;
        }
    }

    /// Adds "the following day", "that year" and the like, valued from the
    /// date mentioned last before them (or the creation time), and records
    /// the last date of the sentence in `context`.
    fn resolve_anaphora(
        &self,
        sentence: &str,
        open: Open,
        dct: Option<NaiveDate>,
        found: &mut Vec<Timex>,
        context: &mut Context,
    ) {
        let dated = |t: &Timex| {
            matches!(t.kind, TimexType::Date | TimexType::Time)
                && t.value.len() >= 4
                && t.value.bytes().take(4).all(|b| b.is_ascii_digit())
        };
        for a in self.ex.times().anaphora_open(sentence, open) {
            // It replaces what it contains ("the day" in "the day before")
            // and yields to what it only overlaps.
            if found
                .iter()
                .any(|t| t.span.overlaps(&a.span) && !(a.span.start <= t.span.start && t.span.end <= a.span.end))
            {
                continue;
            }
            found.retain(|t| !t.span.overlaps(&a.span));
            let before = found.iter().filter(|t| t.span.end <= a.span.start && dated(t)).max_by_key(|t| t.span.start);
            let reference = before.map(|t| t.value.clone()).or_else(|| context.last.clone());
            let value = reference
                .as_deref()
                .and_then(|r| shift(r, &a.unit, a.offset))
                .or_else(|| dct.and_then(|d| shift(&d.to_string(), &a.unit, a.offset)))
                .unwrap_or_else(|| unknown(&a.unit).to_string());
            let at = found.partition_point(|t| t.span.start < a.span.start);
            found.insert(at, Timex { span: a.span, kind: TimexType::Date, value });
        }
        if let Some(t) = found.iter().rev().find(|t| dated(t)) {
            context.last = Some(t.value.clone());
        }
    }

    /// Tags a whole text; spans are bytes of `text`.
    pub fn tag(&self, text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        self.tag_in(text, dct, None)
    }

    /// Tags a whole text written in `locale` (`en-GB`: numeric dates are
    /// day first; see `numeric_dates` in `rules/timex.toml`).
    pub fn tag_in(&self, text: &str, dct: Option<NaiveDate>, locale: Option<&str>) -> Vec<Timex> {
        let day_first = self.ex.times().day_first(locale);
        let norm = Normalized::plain(text);
        let mut out = Vec::new();
        let mut context = Context::default();
        for p in paragraphs(&norm.text) {
            for s in split(&norm.text, p, &self.segment) {
                for t in self.tag_sentence_with(s.of(&norm.text), dct, day_first, &mut context) {
                    out.push(Timex { span: norm.original(t.span.shift(s.start)), ..t });
                }
            }
        }
        out
    }
}

/// `value` (`1998`, `1998-10`, `1998-10-23`, `1998-10-23T06:00`) moved by
/// `offset` units, at the unit's precision; `None` when it is coarser than
/// the unit.
fn shift(value: &str, unit: &str, offset: i64) -> Option<String> {
    let year: i32 = value.get(..4)?.parse().ok()?;
    let month = value.get(5..7).filter(|_| value.as_bytes().get(4) == Some(&b'-')).and_then(|m| m.parse::<u32>().ok());
    let day = value.get(8..10).and_then(|d| d.parse::<u32>().ok());
    let date = || NaiveDate::from_ymd_opt(year, month?, day?);
    match unit {
        "year" => Some(format!("{:04}", i64::from(year) + offset)),
        "month" => {
            let index = i64::from(year) * 12 + i64::from(month?) - 1 + offset;
            Some(format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1))
        }
        "week" => Some(PartialDate::week_of(date()?.checked_add_signed(chrono::Duration::weeks(offset))?).to_string()),
        "day" => Some(date()?.checked_add_signed(chrono::Duration::days(offset))?.to_string()),
        _ => None,
    }
}

/// Joins a duration to the next when only "and" (or a comma) lies between
/// them and its unit is the larger: "two years and three months" (P2Y3M),
/// "one day and six hours" (P1DT6H). Weeks joined to days count as days.
fn join_durations(sentence: &str, found: Vec<Timex>) -> Vec<Timex> {
    let mut out: Vec<Timex> = Vec::with_capacity(found.len());
    for t in found {
        if let Some(last) = out.last_mut() {
            let gap = sentence.get(last.span.end..t.span.start).unwrap_or("x").trim();
            let joinable = last.kind == TimexType::Duration
                && t.kind == TimexType::Duration
                && (gap == "and" || gap == ",")
                && !t.span.of(sentence).to_lowercase().starts_with("the ");
            if let Some(value) = joinable.then(|| joined_duration(&last.value, &t.value)).flatten() {
                *last = Timex { span: Span::new(last.span.start, t.span.end), kind: TimexType::Duration, value };
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// `P2Y` and `P3M` as `P2Y3M`, `P1D` and `PT6H` as `P1DT6H`; `None` unless
/// both are whole counts of one unit each and the first unit is the larger.
fn joined_duration(a: &str, b: &str) -> Option<String> {
    // Units from the largest, as (designator, is a time unit).
    const ORDER: [(char, bool); 6] = [('Y', false), ('M', false), ('D', false), ('H', true), ('M', true), ('S', true)];
    let parse = |v: &str| -> Option<(u64, usize)> {
        let rest = v.strip_prefix('P')?;
        let (time, rest) = match rest.strip_prefix('T') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let unit = rest.chars().last()?;
        let n: u64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
        let (n, unit) = if unit == 'W' && !time { (n * 7, 'D') } else { (n, unit) };
        Some((n, ORDER.iter().position(|&(u, t)| u == unit && t == time)?))
    };
    let ((n1, u1), (n2, u2)) = (parse(a)?, parse(b)?);
    // "two weeks and three days": P17D.
    if a.ends_with('W') && b.ends_with('D') && !b.contains('T') && n1 > 0 && n2 > 0 {
        return Some(format!("P{}D", n1 + n2));
    }
    if u1 >= u2 || n1 == 0 || n2 == 0 {
        return None;
    }
    let mut v = String::from("P");
    for (n, u) in [(n1, u1), (n2, u2)] {
        let (designator, time) = ORDER[u];
        if time && !v.contains('T') {
            v.push('T');
        }
        v.push_str(&format!("{n}{designator}"));
    }
    Some(v)
}

/// The value of a date of `unit` nothing tells.
fn unknown(unit: &str) -> &'static str {
    match unit {
        "year" => "XXXX",
        "month" => "XXXX-XX",
        "week" => "XXXX-WXX",
        _ => "XXXX-XX-XX",
    }
}

/// `(year, quarter)` of a value such as `1989-Q3`.
fn quarter_of(value: &str) -> Option<(i32, u32)> {
    let (y, q) = value.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok().filter(|q| (1..=4).contains(q))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_gates_are_each_finders_own_on_any_sentence() {
        let tagger = Tagger::new(&Rules::built_in().unwrap()).unwrap();
        let long = "a".repeat(100_000) + " 10:30 p.m. on Friday " + &"9".repeat(10_000);
        let sentences = [
            "",
            " ",
            "At 10:30 p.m. EST on Friday, three weeks ago, in the third quarter of 1998.",
            "the 1990s, every Monday morning, 0342 GMT, fiscal 2025, Christmas Day 2024",
            "Twenty-five years and a dozen days, one_two weeks, the XXII session for three hours",
            "FORTY-TWO YEARS; seventy\tsix days; tenfold; onetwo weeks; a_one year",
            "Ünïcödé Ḍecember ４ ２０２５ at noon\u{301} on ſunday K",
            "e\u{301}very week\u{301}, a decade\u{300}-long \u{0}\u{FFFF}",
            long.as_str(),
        ];
        for s in sentences {
            let (dates, times) = tagger.ex.open(s);
            assert_eq!(dates, tagger.ex.dates().open(s));
            assert_eq!(times, tagger.ex.times().open(s));
            for day_first in [false, true] {
                for t in tagger.tag_sentence_in(s, NaiveDate::from_ymd_opt(2025, 12, 4), day_first) {
                    assert!(
                        s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end) && t.span.end <= s.len()
                    );
                }
            }
        }
    }

    #[test]
    fn tags_dates_with_byte_spans() {
        let tagger = Tagger::new(&Rules::built_in().unwrap()).unwrap();
        let text = "“Talks,” he said on Thursday. The summit was in June 2025.";
        let dct = NaiveDate::from_ymd_opt(2025, 12, 4);
        let got: Vec<(&str, String)> =
            tagger.tag(text, dct).iter().map(|t| (t.span.of(text), t.value.clone())).collect();
        assert_eq!(got, vec![("Thursday", "2025-12-04".to_string()), ("June 2025", "2025-06".to_string())]);
    }

    fn tagged(text: &str, dct: &str) -> Vec<(String, String)> {
        let tagger = Tagger::new(&Rules::built_in().unwrap()).unwrap();
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        tagger.tag(text, dct).iter().map(|t| (t.span.of(text).to_string(), t.value.clone())).collect()
    }

    #[test]
    fn anaphora_take_the_date_last_mentioned() {
        let got = tagged("The plant opened in 1996. It closed the following year.", "2025-12-04");
        assert_eq!(got[1], ("the following year".to_string(), "1997".to_string()));
        let got = tagged("The fire began on March 3, 2020. Later that day, crews arrived.", "2025-12-04");
        assert_eq!(got[1], ("Later that day".to_string(), "2020-03-03".to_string()));
        // Nothing mentioned before: the creation date stands in.
        let got = tagged("Crews arrived the following day.", "2025-12-04");
        assert_eq!(got, vec![("the following day".to_string(), "2025-12-05".to_string())]);
        // "the day before the vote" is relative to an event, not a date.
        assert!(tagged("He resigned the day before the vote.", "2025-12-04").is_empty());
    }

    #[test]
    fn a_year_earlier_in_a_report_on_a_quarter_is_that_quarter() {
        let text = "Third-quarter net income rose 5%. Sales rose to $2 billion from $1.8 billion a year earlier.";
        let got = tagged(text, "1989-10-27");
        assert_eq!(got.last(), Some(&("a year earlier".to_string(), "1988-Q3".to_string())));
        // Without amounts to compare, it is the year.
        let got = tagged("Third-quarter net income rose. He joined a year earlier.", "1989-10-27");
        assert_eq!(got.last(), Some(&("a year earlier".to_string(), "1988".to_string())));
    }

    fn typed(text: &str, dct: &str) -> Vec<(String, &'static str, String)> {
        let tagger = Tagger::new(&Rules::built_in().unwrap()).unwrap();
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        tagger.tag(text, dct).iter().map(|t| (t.span.of(text).to_string(), t.kind.name(), t.value.clone())).collect()
    }

    fn t(text: &str, kind: &'static str, value: &str) -> (String, &'static str, String) {
        (text.to_string(), kind, value.to_string())
    }

    #[test]
    fn a_count_before_an_event_is_a_duration() {
        // TIMEX3 guidelines: a timex is not anchored to an event, so "two
        // days before the vote" is the length of time.
        let got = typed("Two days before the vote, the minister resigned.", "2013-03-20");
        assert_eq!(got, vec![t("Two days", "DURATION", "P2D")]);
        let got = typed("Officials met three weeks before the talks collapsed.", "2013-03-20");
        assert_eq!(got, vec![t("three weeks", "DURATION", "P3W")]);
        // Standing alone, "before" still makes a point in time.
        let got = typed("The envoy had arrived a week before, aides said.", "2013-03-20");
        assert_eq!(got, vec![t("a week before", "DATE", "2013-W11")]);
        let got = typed("He had left two years before.", "2013-03-20");
        assert_eq!(got, vec![t("two years before", "DATE", "2011")]);
    }

    #[test]
    fn lengths_written_as_adjectives() {
        let got = typed("The deal ends a decade-long dispute and follows a weeklong visit.", "2013-03-20");
        assert_eq!(got, vec![t("decade-long", "DURATION", "P10Y"), t("weeklong", "DURATION", "P1W")]);
        let got = typed("Rebels ended a decades-long feud after an hour-long meeting.", "2013-03-20");
        assert_eq!(got, vec![t("decades-long", "DURATION", "PXY"), t("hour-long", "DURATION", "PT1H")]);
        // Traps: "long" alone, and words merely ending in a unit.
        assert!(typed("It was a long day; the debts belong to the state.", "2013-03-20").is_empty());
    }

    #[test]
    fn half_a_unit() {
        let got = typed("Half an hour later, police arrived.", "2013-03-20");
        assert_eq!(got, vec![t("Half an hour", "DURATION", "PT30M")]);
        let got = typed("It was the first papal resignation in half a century.", "2013-03-20");
        assert_eq!(got, vec![t("half a century", "DURATION", "P50Y")]);
        let got = typed("The strike shut the port for half a day.", "2013-03-20");
        assert_eq!(got, vec![t("half a day", "DURATION", "PT12H")]);
        // Traps: half of something else.
        assert!(typed("Half a million people marched; half the staff left.", "2013-03-20").is_empty());
    }

    #[test]
    fn recurrences_of_seasons_and_parts_of_the_day() {
        let got = typed("The festival returns every summer, and guards patrol each morning.", "2013-03-20");
        assert_eq!(got, vec![t("every summer", "SET", "XXXX-SU"), t("each morning", "SET", "XXXX-XX-XXTMO")]);
        // Traps: one season or one morning is a date or a time.
        let got = typed("The festival returns this summer, and guards patrolled this morning.", "2013-03-20");
        assert_eq!(got, vec![t("this summer", "DATE", "2013-SU"), t("this morning", "TIME", "2013-03-20TMO")]);
    }

    #[test]
    fn this_weekend_is_the_weekend_of_the_week_of_publication() {
        // A Wednesday report: this weekend is to come, the weekend was past.
        let got = typed("The vote is set for this weekend.", "2013-03-20");
        assert_eq!(got, vec![t("this weekend", "DATE", "2013-W12-WE")]);
        let got = typed("Talks broke down over the weekend.", "2013-03-20");
        assert_eq!(got, vec![t("the weekend", "DATE", "2013-W11-WE")]);
        // A Sunday report: this weekend is under way.
        let got = typed("Crowds gathered this weekend.", "2013-03-24");
        assert_eq!(got, vec![t("this weekend", "DATE", "2013-W12-WE")]);
    }

    #[test]
    fn hundreds_are_centuries_except_the_2000s() {
        let got =
            typed("The house, built in the late 1800s, was rebuilt in the 1900s and sold in the 2000s.", "2013-03-20");
        assert_eq!(
            got,
            vec![t("the late 1800s", "DATE", "18"), t("the 1900s", "DATE", "19"), t("the 2000s", "DATE", "200")]
        );
        let got = typed("Prices peaked in the 1990s.", "2013-03-20");
        assert_eq!(got, vec![t("the 1990s", "DATE", "199")]);
    }

    #[test]
    fn a_quarter_far_ahead_of_the_current_one_is_last_years() {
        // A March report on results: the fourth quarter is over, the second
        // is next.
        let got =
            typed("Fourth-quarter profit rose, and the company expects second-quarter sales to fall.", "2013-03-20");
        assert_eq!(got, vec![t("Fourth-quarter", "DATE", "2012-Q4"), t("second-quarter", "DATE", "2013-Q2")]);
        // An October report: the fourth quarter is the coming one.
        let got = typed("The company expects fourth-quarter sales to fall.", "2013-10-20");
        assert_eq!(got, vec![t("fourth-quarter", "DATE", "2013-Q4")]);
    }

    #[test]
    fn a_percentage_is_not_a_count_of_years() {
        let got = typed("Arrivals rose 5 percent year-on-year in February.", "2013-03-20");
        assert_eq!(got, vec![t("February", "DATE", "2013-02")]);
        // A count of years still is.
        let got = typed("Arrivals rose for 5 years in a row.", "2013-03-20");
        assert_eq!(got, vec![t("5 years", "DURATION", "P5Y")]);
    }

    #[test]
    fn a_rule_that_takes_effect_looks_ahead() {
        let got = typed("The new rules take effect Jan. 1, regulators said.", "2013-03-20");
        assert_eq!(got, vec![t("Jan. 1", "DATE", "2014-01-01")]);
        // Once in force, the day is past.
        let got = typed("The new rules took effect Jan. 1, regulators said.", "2013-03-20");
        assert_eq!(got, vec![t("Jan. 1", "DATE", "2013-01-01")]);
    }

    #[test]
    fn years_read_aloud_in_broadcast_transcripts() {
        let got = typed(
            "In nineteen ninety-one Keating was convicted; in January nineteen ninety-seven he won.",
            "1998-01-15",
        );
        assert_eq!(
            got,
            vec![t("nineteen ninety-one", "DATE", "1991"), t("January nineteen ninety-seven", "DATE", "1997-01")]
        );
        let got = typed(
            "The winter of nineteen ninety-four was cold, and by the year two thousand it was over.",
            "1998-01-15",
        );
        assert_eq!(
            got,
            vec![
                t("The winter of nineteen ninety-four", "DATE", "1994-WI"),
                t("the year two thousand", "DATE", "2000")
            ]
        );
        let got = typed("Talks resume in twenty thirteen, not in the year two thousand and five.", "2012-01-15");
        assert_eq!(
            got,
            vec![t("twenty thirteen", "DATE", "2013"), t("the year two thousand and five", "DATE", "2005")]
        );
        // Traps: counts and ages in words.
        assert!(typed("Nineteen hundred people came; twenty thirty-year-olds applied.", "1998-01-15").is_empty());
        assert!(typed("The scores were twenty, thirty and forty.", "1998-01-15").is_empty());
    }

    #[test]
    fn easter_and_the_days_it_moves() {
        let got = typed("Easter falls early this year, and Good Friday is a public holiday.", "2013-03-20");
        assert_eq!(got[0], t("Easter", "DATE", "2013-03-31"));
        assert_eq!(got[2], t("Good Friday", "DATE", "2013-03-29"));
        let got = typed("Shops reopen on Easter Monday.", "2019-04-10");
        assert_eq!(got, vec![t("Easter Monday", "DATE", "2019-04-22")]);
        // Trap: a plain Friday is the weekday.
        let got = typed("Shops will reopen on Friday.", "2013-03-20");
        assert_eq!(got, vec![t("Friday", "DATE", "2013-03-22")]);
    }

    #[test]
    fn wire_clock_times_in_local_time() {
        let got = typed("The statement, issued at 1400 local time, said talks would go on.", "2013-03-20");
        assert_eq!(got, vec![t("1400 local time", "TIME", "2013-03-20T14:00")]);
        // Traps: counts of local people.
        assert!(typed("About 1200 local residents and 2000 local police attended.", "2013-03-20").is_empty());
    }

    #[test]
    fn coordinated_weekdays_share_a_tense() {
        // A Wednesday report: both days are to come.
        let got = typed("He is due to visit the West Bank on Thursday and Jordan on Friday.", "2013-03-20");
        assert_eq!(got, vec![t("Thursday", "DATE", "2013-03-21"), t("Friday", "DATE", "2013-03-22")]);
        let got = typed("Talks will be held on Thursday and Friday.", "2013-03-20");
        assert_eq!(got, vec![t("Thursday", "DATE", "2013-03-21"), t("Friday", "DATE", "2013-03-22")]);
        // Both gone by.
        let got = typed("The team lost on Tuesday and won on Sunday.", "2013-03-20");
        assert_eq!(got, vec![t("Tuesday", "DATE", "2013-03-19"), t("Sunday", "DATE", "2013-03-17")]);
        // Trap: a clause with its own verb keeps its own tense.
        let got = typed("The deal was signed on Thursday, and officials will meet again on Friday.", "2013-03-20");
        assert_eq!(got, vec![t("Thursday", "DATE", "2013-03-14"), t("Friday", "DATE", "2013-03-22")]);
    }

    #[test]
    fn weekdays_in_the_plural_recur() {
        let got = typed("The market is closed on Sundays, and the show airs Tuesday nights.", "2013-03-20");
        assert_eq!(got, vec![t("Sundays", "SET", "XXXX-WXX-7"), t("Tuesday nights", "SET", "XXXX-WXX-2TNI")]);
        // Trap: one night is a time of that day.
        let got = typed("He arrived Tuesday night.", "2013-03-20");
        assert_eq!(got, vec![t("Tuesday night", "TIME", "2013-03-19TNI")]);
    }

    #[test]
    fn year_end_and_the_near_future() {
        let got = typed("The sale should close by year-end; the index is up 5% since year-end.", "1989-10-26");
        assert_eq!(got, vec![t("year-end", "DATE", "1989"), t("year-end", "DATE", "1988")]);
        let got = typed("Cuts are planned by year's end.", "1989-10-26");
        assert_eq!(got, vec![t("year's end", "DATE", "1989")]);
        let got = typed("Analysts expect gains in the near future but losses in the short term.", "1989-10-26");
        assert_eq!(got, vec![t("the near future", "DATE", "FUTURE_REF"), t("the short term", "DATE", "FUTURE_REF")]);
        // Traps: an end that is not a year's, a term that is not time.
        assert!(typed("The end of the affair came; the term was coined by Smith.", "1989-10-26").is_empty());
    }

    #[test]
    fn a_count_from_now_is_a_point_ahead() {
        let got = typed("The deadline falls two weeks from now.", "2013-03-20");
        assert_eq!(got, vec![t("two weeks from now", "DATE", "2013-W14")]);
        let got = typed("A year from now, the plant will be closed; ten years hence, it may reopen.", "2013-03-20");
        assert_eq!(got, vec![t("A year from now", "DATE", "2014"), t("ten years hence", "DATE", "2023")]);
        // Traps: a count "from" something else stays a duration.
        let got = typed("The flight from London took two hours from takeoff.", "2013-03-20");
        assert_eq!(got, vec![t("two hours", "DURATION", "PT2H")]);
    }

    #[test]
    fn a_part_of_the_day_without_a_day_takes_the_one_the_sentence_names() {
        let got =
            typed("At 8:15 a.m. on Tuesday the first bus arrived; by mid-afternoon the square was full.", "2013-03-20");
        assert_eq!(got[2], t("mid-afternoon", "TIME", "2013-03-19TAF"));
        let got = typed("Rebels attacked the town on Sunday and fighting continued overnight.", "2013-03-20");
        assert_eq!(got[1], t("overnight", "TIME", "2013-03-17TNI"));
        // Traps: parts tied to a day keep it.
        let got = typed("On Monday, he said he had slept well last night and felt fine this morning.", "2013-03-20");
        assert_eq!(got[1..], [t("last night", "TIME", "2013-03-19TNI"), t("this morning", "TIME", "2013-03-20TMO")]);
        let got = typed("Police said on Thursday that the raid began Friday morning.", "2013-03-22");
        assert_eq!(got[1], t("Friday morning", "TIME", "2013-03-22TMO"));
    }

    #[test]
    fn a_weekday_in_a_name_is_no_date() {
        let got = typed(
            "The Sunday Times reported it first, and the Monday Night Football broadcast followed.",
            "2013-03-20",
        );
        assert!(got.is_empty(), "{got:?}");
        // Traps: a weekday before a name or a month is still a date.
        let got = typed("The White House said Friday Obama would travel to the Friday March 22 summit.", "2013-03-20");
        assert_eq!(got, vec![t("Friday", "DATE", "2013-03-15"), t("Friday March 22", "DATE", "2013-03-22")]);
    }

    #[test]
    fn a_bare_year_opening_a_range_of_years() {
        let got = typed("The report covers the period 2001 to 2010.", "2013-03-20");
        assert_eq!(got, vec![t("2001", "DATE", "2001"), t("2010", "DATE", "2010")]);
        // Trap: a range of counts.
        assert!(typed("Organisers said 2000 to 2050 people came.", "2013-03-20").is_empty());
    }

    #[test]
    fn last_as_a_verb_is_no_part_of_a_duration() {
        let got = typed("The conclave could last several days, and the drought may last two more years.", "2013-03-20");
        assert_eq!(got, vec![t("several days", "DURATION", "PXD"), t("two more years", "DURATION", "P2Y")]);
        // Trap: "the last" and a bare "last" before a count still lead.
        let got = typed("Rain fell for the last two days, after last three years of drought.", "2013-03-20");
        assert_eq!(got, vec![t("the last two days", "DURATION", "P2D"), t("last three years", "DURATION", "P3Y")]);
    }

    #[test]
    fn payable_and_effective_dates_are_to_come() {
        let got = typed("Directors authorized a 3-for-2 split, payable Dec. 7 to stock of record.", "1989-10-27");
        assert_eq!(got, vec![t("Dec. 7", "DATE", "1989-12-07")]);
        let got = typed("The bank also created a new office, effective Feb. 1.", "1989-10-26");
        assert_eq!(got, vec![t("Feb. 1", "DATE", "1990-02-01")]);
        // Trap: a date of the past tense with no such word stays past.
        let got = typed("Directors authorized a 3-for-2 split on Feb. 1.", "1989-10-26");
        assert_eq!(got, vec![t("Feb. 1", "DATE", "1989-02-01")]);
    }

    #[test]
    fn a_month_with_no_tense_is_past_unless_close_ahead() {
        // A November report: March with no tense in its clause is gone by.
        let text = "He succeeds Mr. Taylor, who stepped down as chairman, president and chief executive in March.";
        assert_eq!(typed(text, "1989-11-02"), vec![t("March", "DATE", "1989-03")]);
        // Traps: a month close ahead, one looked forward to, one said to come.
        assert_eq!(
            typed("The chairman, president and chief executive in December.", "1989-11-02"),
            vec![t("December", "DATE", "1989-12")]
        );
        assert_eq!(typed("The offer stands until March.", "1989-11-02"), vec![t("March", "DATE", "1990-03")]);
        assert_eq!(typed("The plant will reopen in March.", "1989-11-02"), vec![t("March", "DATE", "1990-03")]);
    }

    #[test]
    fn a_day_with_no_tense_is_past_unless_close_ahead() {
        // A May report: Oct. 23 with no tense in its clause is last October's.
        let text = "The suspect, a fugitive since the Oct. 23 sniper shooting of a doctor, is sought.";
        assert_eq!(typed(text, "1999-05-06"), vec![t("Oct. 23", "DATE", "1998-10-23")]);
        // Traps: close ahead, looked forward to, said to come.
        assert_eq!(typed("The vote, on June 1, decides it.", "1999-05-06"), vec![t("June 1", "DATE", "1999-06-01")]);
        assert_eq!(typed("The offer stands until Oct. 23.", "1999-05-06"), vec![t("Oct. 23", "DATE", "1999-10-23")]);
        assert_eq!(typed("The plant will reopen on Oct. 23.", "1999-05-06"), vec![t("Oct. 23", "DATE", "1999-10-23")]);
    }

    #[test]
    fn fractions_of_a_unit_go_to_the_next_smaller_one() {
        let got = tagged("The talks lasted two and a half years, then 5 1/2 hours.", "2025-12-04");
        assert_eq!(got[0], ("two and a half years".to_string(), "P2Y6M".to_string()));
    }

    #[test]
    fn the_current_year_is_this_year() {
        let got =
            typed("It expects a loss in the current fiscal year and growth in the current quarter.", "1989-11-02");
        assert_eq!(
            got,
            vec![t("the current fiscal year", "DATE", "1989"), t("the current quarter", "DATE", "1989-Q4")]
        );
        // Trap: "current" before a noun that is not a period stays a reference.
        let got = typed("The current system works.", "1989-11-02");
        assert_eq!(got, vec![t("current", "DATE", "PRESENT_REF")]);
    }

    #[test]
    fn a_weekday_ending_a_range_keeps_a_past_verb() {
        // A Monday report: shares bought "from Sept. 14 to Thursday" were bought by last Thursday.
        let got =
            typed("Crane holds 504,200 shares, including 254,200 bought from Sept. 14 to Thursday.", "1989-10-30");
        assert_eq!(got, vec![t("Sept. 14", "DATE", "1989-09-14"), t("Thursday", "DATE", "1989-10-26")]);
        // Trap: a deadline a past verb moved is still ahead.
        let got = typed("The company extended the offer to Thursday.", "1989-10-30");
        assert_eq!(got, vec![t("Thursday", "DATE", "1989-11-02")]);
    }

    #[test]
    fn a_unit_and_a_half_is_no_rate() {
        // "ends a year" would be a rate ("four flights a week"); with "and a half" it is not.
        let got = typed("The deal ends a year and a half of talks.", "2013-03-20");
        assert_eq!(got, vec![t("a year and a half", "DURATION", "P1Y6M")]);
        let got = typed("It follows nearly two-and-a-half years of war.", "2013-03-20");
        assert_eq!(got, vec![t("nearly two-and-a-half years", "DURATION", "P2Y6M")]);
        // Trap: a rate stays one.
        assert!(typed("The airline runs four flights a week.", "2013-03-20").is_empty());
    }

    #[test]
    fn every_other_unit() {
        let got = typed("The council meets every other week and audits every second year.", "2013-03-20");
        assert_eq!(got, vec![t("every other week", "SET", "P2W"), t("every second year", "SET", "P2Y")]);
        assert_eq!(typed("The council meets every week.", "2013-03-20"), vec![t("every week", "SET", "P1W")]);
    }

    #[test]
    fn a_year_ended_on_a_date_is_a_duration() {
        let got = typed("Revenue was $76 million for the year ended March 31.", "1989-11-01");
        assert_eq!(got, vec![t("the year", "DURATION", "P1Y"), t("March 31", "DATE", "1989-03-31")]);
        let got = typed("In the fiscal year ending Sept. 30, sales rose.", "1989-11-01");
        assert_eq!(got[0], t("the fiscal year", "DURATION", "P1Y"));
        // Traps: a year that is no such period.
        assert!(typed("The strike ended the year of protests.", "1989-11-01").is_empty());
    }

    #[test]
    fn halves_of_a_year() {
        let got = typed(
            "Sales fell in the first half of 2012 and will recover in the second half of the year.",
            "2013-03-20",
        );
        assert_eq!(
            got,
            vec![t("the first half of 2012", "DATE", "2012-H1"), t("the second half of the year", "DATE", "2013-H2")]
        );
        let got = typed("Profit rose in the last half of last year.", "2013-03-20");
        assert_eq!(got, vec![t("the last half of last year", "DATE", "2012-H2")]);
        // Traps: a half of something else, and "the end of the year" keeps its year.
        assert!(typed("He scored in the second half of the match.", "2013-03-20").is_empty());
        assert_eq!(
            typed("The plant closes by the end of the year.", "2013-03-20"),
            vec![t("the end of the year", "DATE", "2013")]
        );
    }

    #[test]
    fn decades_in_words_and_with_an_apostrophe() {
        let got = typed("Hate groups grew through the nineties and the late '80s.", "1998-03-03");
        assert_eq!(got, vec![t("the nineties", "DATE", "199"), t("the late '80s", "DATE", "198")]);
        // The latest such decade that has begun: in 2013 "the twenties" are the 1920s.
        assert_eq!(typed("Jazz boomed in the twenties.", "2013-03-20"), vec![t("the twenties", "DATE", "192")]);
        // Traps: ages.
        assert!(typed("In his forties he moved; in their twenties they were poor.", "2013-03-20").is_empty());
    }

    #[test]
    fn next_to_a_place_says_nothing_of_the_future() {
        // A Saturday report: the bomb went off the day before.
        let text =
            "A bomb ripped through an office building next to the U.S. embassy in Nairobi, Kenya Friday morning.";
        assert_eq!(typed(text, "1998-08-08"), vec![t("Friday morning", "TIME", "1998-08-07TMO")]);
        // Trap: "next" before a time still looks ahead.
        assert_eq!(typed("Talks resume next Friday.", "1998-08-08"), vec![t("next Friday", "DATE", "1998-08-14")]);
    }

    #[test]
    fn the_latest_period_in_a_report_on_results_is_the_last_quarter() {
        let got = typed("Sales in the latest period were $1.76 billion.", "1989-11-02");
        assert_eq!(got, vec![t("the latest period", "DATE", "1989-Q3")]);
        // Traps: a period of a match, and a period alone.
        assert!(typed("He scored in the first period; the period of calm ended.", "1989-11-02").is_empty());
    }

    #[test]
    fn the_past_before_a_count_of_something_else_is_no_reference() {
        assert!(typed("Marchers have walked through the town for the past three summers.", "1998-03-22").is_empty());
        // Traps: the reference alone, and "now" before a count.
        assert_eq!(
            typed("In the past, marchers walked; the firm, now three years old, grew.", "1998-03-22"),
            vec![t("the past", "DATE", "PAST_REF"), t("now", "DATE", "PRESENT_REF")]
        );
    }

    #[test]
    fn a_plural_unit_after_a_verb_of_spending_time() {
        let got = typed("Officials said the operation could take weeks, and he spent years in exile.", "2013-03-20");
        assert_eq!(got, vec![t("weeks", "DURATION", "PXW"), t("years", "DURATION", "PXY")]);
        assert_eq!(typed("The talks lasted hours.", "2013-03-20"), vec![t("hours", "DURATION", "PTXH")]);
        // Traps: the verb before something else, and a count keeps its number.
        assert!(typed("The talks take place in Geneva and last longer.", "2013-03-20").is_empty());
        assert_eq!(typed("The talks lasted 26 hours.", "2013-03-20"), vec![t("26 hours", "DURATION", "PT26H")]);
    }

    #[test]
    fn the_end_of_the_decade() {
        let got = typed("The program will run until the end of the decade.", "2013-03-20");
        assert_eq!(got, vec![t("the end of the decade", "DATE", "201")]);
        let got = typed("Output should double by the end of the next decade.", "2013-03-20");
        assert_eq!(got, vec![t("the end of the next decade", "DATE", "202")]);
    }

    #[test]
    fn a_deadline_before_a_clock_time_and_a_day_is_ahead() {
        // A Monday report: a deadline extended "until 9 a.m. EST Tuesday" is tomorrow's.
        let got = typed("The INS extended its deadline until 9 a.m. EST Tuesday.", "2000-04-03");
        assert_eq!(got, vec![t("9 a.m. EST Tuesday", "TIME", "2000-04-04T09:00")]);
        // Trap: a clock time with no deadline keeps the past verb's day.
        let got = typed("The INS announced its decision at 9 a.m. EST Tuesday.", "2000-04-05");
        assert_eq!(got, vec![t("9 a.m. EST Tuesday", "TIME", "2000-04-04T09:00")]);
        let got = typed("The council extended the deadline until 6 p.m. BST Tuesday.", "2023-06-10");
        assert_eq!(got, vec![t("6 p.m. BST Tuesday", "TIME", "2023-06-13T18:00")]);
    }

    #[test]
    fn recurrence_words_take_their_values_from_the_rules() {
        let got = typed("The number of visitors grows year after year; the paper appears biweekly.", "2013-03-20");
        assert_eq!(got, vec![t("year after year", "SET", "P1Y"), t("biweekly", "SET", "P2W")]);
        // Trap: one year after another event is no recurrence.
        assert_eq!(
            typed("A year after the war, the town was rebuilt.", "2013-03-20"),
            vec![t("A year", "DURATION", "P1Y")]
        );
    }

    #[test]
    fn a_plural_unit_after_the() {
        let got = typed("Over the years, losses grew; in the weeks ahead, more will go.", "2013-03-20");
        assert_eq!(got, vec![t("the years", "DURATION", "PXY"), t("the weeks ahead", "DURATION", "PXW")]);
        let got = typed("Thousands were taken prisoner in the first hours of the war.", "2013-03-20");
        assert_eq!(got, vec![t("the first hours", "DURATION", "PTXH")]);
        // Trap: "the early hours of Sunday" is a part of Sunday, not a duration.
        let got = typed("Police made the arrest in the early hours of Sunday.", "2013-03-20");
        assert!(got.iter().all(|(text, _, _)| !text.contains("hours")), "{got:?}");
    }

    #[test]
    fn quarter_centuries_millennia_and_recurrences_of_a_few_units() {
        let got = typed(
            "The feud has simmered for a quarter century and the abbey has stood for more than a millennium.",
            "2013-03-20",
        );
        assert_eq!(
            got,
            vec![t("a quarter century", "DURATION", "P25Y"), t("more than a millennium", "DURATION", "P1000Y")]
        );
        assert_eq!(typed("Such tools were used for millennia.", "2013-03-20"), vec![t("millennia", "DURATION", "PXY")]);
        let got = typed("Inspectors visit every few weeks, and the museum is closed on weekends.", "2013-03-20");
        assert_eq!(got, vec![t("every few weeks", "SET", "PXW"), t("weekends", "SET", "XXXX-WXX-WE")]);
        // Traps: a quarter of a year stays one, and counted weekends are a duration.
        assert_eq!(typed("Sales fell in the quarter.", "2013-03-20"), vec![t("the quarter", "DATE", "2012-Q4")]);
        let got = typed("The party has lost ground over the past two weekends.", "2013-03-20");
        assert_eq!(got, vec![t("the past two weekends", "DURATION", "P2WE")]);
    }

    #[test]
    fn earlier_or_later_in_the_week_month_or_year_and_a_later_date() {
        let got = typed("The results are due later in the week. Earlier in the year, the firm cut jobs.", "2013-03-20");
        assert_eq!(got, vec![t("later in the week", "DATE", "2013-W12"), t("Earlier in the year", "DATE", "2013")]);
        // Anaphoric: the year last mentioned.
        let got = typed("The plant opened in 1996. Later in the year, it hired 200 workers.", "2013-03-20");
        assert_eq!(got[1], t("Later in the year", "DATE", "1996"));
        let got = typed("The court said it would rule at a later date.", "2013-03-20");
        assert_eq!(got, vec![t("a later date", "DATE", "FUTURE_REF")]);
        // Traps: the day is left untagged, and "a later stage" is no time.
        assert!(typed("Earlier in the day, crews arrived at a later stage.", "2013-03-20").is_empty());
    }

    #[test]
    fn a_plural_unit_opening_a_sentence_is_a_stretch_of_time() {
        let got =
            typed("Days of heavy rain flooded the valley. \u{201c}Weeks later, the roads reopened.", "2013-03-20");
        assert_eq!(got, vec![t("Days", "DURATION", "PXD"), t("Weeks", "DURATION", "PXW")]);
        assert_eq!(
            typed("Hours after the blast, police sealed the area.", "2013-03-20"),
            vec![t("Hours", "DURATION", "PTXH")]
        );
        // After a dateline.
        let got = typed("HOUSTON (AP) — Days of heavy rain flooded the city.", "2013-03-20");
        assert_eq!(got, vec![t("Days", "DURATION", "PXD")]);
        assert_eq!(typed("LONDON - Weeks of talks ended.", "2013-03-20"), vec![t("Weeks", "DURATION", "PXW")]);
        // Traps: "Years ago" is left alone, a unit before a verb is no time,
        // and a unit inside the sentence needs a lead of its own.
        assert!(typed("Years ago, the town was a fishing port.", "2013-03-20").is_empty());
        assert!(typed("The leaders met - days of talks followed.", "2013-03-20").is_empty());
        assert!(typed("Hours should be logged carefully, and pay days of staff vary.", "2013-03-20").is_empty());
    }

    #[test]
    fn durations_joined_by_and_are_one() {
        let got = typed(
            "Their talks lasted five hours and 20 minutes; he was jailed for one year and six months.",
            "2013-03-20",
        );
        assert_eq!(
            got,
            vec![
                t("five hours and 20 minutes", "DURATION", "PT5H20M"),
                t("one year and six months", "DURATION", "P1Y6M")
            ]
        );
        assert_eq!(
            typed("The trial took two weeks and three days.", "2013-03-20"),
            vec![t("two weeks and three days", "DURATION", "P17D")]
        );
        assert_eq!(
            typed("The flight lasted one day and six hours.", "2013-03-20"),
            vec![t("one day and six hours", "DURATION", "P1DT6H")]
        );
        // Traps: two terms of one unit, and durations with words between them.
        assert_eq!(
            typed("The terms were five years and three years.", "2013-03-20"),
            vec![t("five years", "DURATION", "P5Y"), t("three years", "DURATION", "P3Y")]
        );
        assert_eq!(
            typed("He served five years and his brother three months.", "2013-03-20"),
            vec![t("five years", "DURATION", "P5Y"), t("three months", "DURATION", "P3M")]
        );
    }
}
