//! The temporal extractor seen as a TIMEX3 tagger, for evaluation against
//! TempEval-3 and for the TIME, DURATION and SET expressions that date
//! claims do not carry.
//!
//! Input: a whole text and its document creation time. Output: [`Timex`]es
//! with byte spans into that text, a TIMEX3 type and an ISO-8601-style
//! value (`2025-12-04`, `2025-W49`, `P2D`, `T16:30`, `P1Y` with
//! `quant = EVERY` for a set). The text goes through the same stages as a
//! report: normalisation, paragraphs, sentences, then the extractors.

use crate::document::paragraphs;
use crate::extract::dates::Anchor;
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

/// The compiled tagger.
#[derive(Debug)]
pub struct Tagger {
    /// The same compiled finders as claims are extracted with.
    ex: Extractor,
    segment: SegmentRules,
}

impl Tagger {
    /// Compiles the tagger from the rules.
    pub fn new(rules: &Rules) -> Result<Tagger, Error> {
        Ok(Tagger { ex: Extractor::new(rules)?, segment: rules.segment.clone() })
    }

    /// Tags one sentence of normalised text; spans are within it.
    pub fn tag_sentence(&self, sentence: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        self.tag_sentence_in(sentence, dct, self.ex.times().day_first(None))
    }

    /// Tags one sentence, reading numeric dates day first or not.
    pub fn tag_sentence_in(&self, sentence: &str, dct: Option<NaiveDate>, day_first: bool) -> Vec<Timex> {
        let mut found: Vec<Timex> = self
            .ex
            .dates()
            .find(sentence, dct)
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
        let numbers =
            if self.ex.times().wants_numbers(sentence) { self.ex.numbers().find(sentence, &[]) } else { Vec::new() };
        found.extend(self.ex.times().find(sentence, &numbers, dct, day_first).into_iter().map(|t| Timex {
            span: t.span,
            kind: t.kind,
            value: t.value,
        }));
        // "A year ago" in a sentence about a quarter means that quarter a
        // year before ("third-quarter profit fell from a year ago").
        if let Some(q) = found.iter().find_map(|t| quarter_of(&t.value)) {
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
            let clock = text.chars().any(|c| c.is_ascii_digit())
                || ["noon", "midday", "midnight"].contains(&text.to_lowercase().as_str());
            let own_day = dct.is_some_and(|d| t.value.starts_with(&d.to_string()));
            let nearest = days.iter().min_by_key(|(span, _)| span.start.abs_diff(t.span.start));
            if let (true, true, Some((_, day)), Some((_, time))) = (clock, own_day, nearest, t.value.split_once('T')) {
                t.value = format!("{day}T{time}");
            }
        }
        merged
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
        for p in paragraphs(&norm.text) {
            for s in split(&norm.text, p, &self.segment) {
                for t in self.tag_sentence_in(s.of(&norm.text), dct, day_first) {
                    out.push(Timex { span: norm.original(t.span.shift(s.start)), ..t });
                }
            }
        }
        out
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
    fn tags_dates_with_byte_spans() {
        let tagger = Tagger::new(&Rules::built_in().unwrap()).unwrap();
        let text = "“Talks,” he said on Thursday. The summit was in June 2025.";
        let dct = NaiveDate::from_ymd_opt(2025, 12, 4);
        let got: Vec<(&str, String)> =
            tagger.tag(text, dct).iter().map(|t| (t.span.of(text), t.value.clone())).collect();
        assert_eq!(got, vec![("Thursday", "2025-12-04".to_string()), ("June 2025", "2025-06".to_string())]);
    }
}
