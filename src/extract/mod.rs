//! Stage 3, extract: sentences become [`Claim`]s.
//!
//! Input: the documents and their [`Sentence`]s. Output: every date, number
//! and ordinal claim with its byte span in the original file, its value
//! normalised against the report's publication date, and its subject: the
//! content terms of the clause it stands in ("SCO Summit", "Tianjin",
//! "leaders"), with aliases resolved.

pub mod dates;
pub mod numbers;
pub mod times;

use crate::calendar::{PartialDate, Precision};
use crate::document::Document;
use crate::rules::Rules;
use crate::segment::Sentence;
use crate::span::Span;
use crate::terms::{Lexicon, Predicate, Term, TermKind};
use crate::Error;
use dates::{Anchor, DateFinder, Form};
use numbers::{NumberFinder, NumberKind};
use serde::Serialize;

/// A claim made by one sentence.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Position in the run's claim list.
    pub id: usize,
    /// The document it is in.
    pub doc: usize,
    /// The sentence it is in (index into the run's sentences).
    pub sentence: usize,
    /// The claim's bytes in the original file.
    pub span: Span,
    /// The claim's bytes in the document's normalised text.
    pub norm: Span,
    /// What it says.
    pub value: ClaimValue,
    /// What it is about: the content terms of its clause. Spans are in the
    /// document's normalised text.
    pub subject: Vec<Term>,
    /// The verb or event noun the claim belongs to ("arrived", "summit"),
    /// with its span in the document's normalised text.
    pub predicate: Option<Predicate>,
    /// The clause the claim stands in, in the document's normalised text.
    pub clause: Span,
    /// Words of the clause that pick one occurrence of a recurring event
    /// ("next", "first", "13th"), with the ordinals the subject took from a
    /// relative clause's antecedent; sorted.
    pub occurrences: Vec<String>,
}

/// The kinds of claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A date.
    Date,
    /// A cardinal number.
    Number,
    /// An ordinal.
    Ordinal,
}

impl ClaimKind {
    /// The lowercase name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Date => "date",
            ClaimKind::Number => "number",
            ClaimKind::Ordinal => "ordinal",
        }
    }
}

/// What a claim says.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimValue {
    /// A date expression.
    Date(DateClaim),
    /// A number or ordinal.
    Number(NumberClaim),
}

/// A date expression, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateClaim {
    /// The date, when it could be resolved.
    pub value: Option<PartialDate>,
    /// Whether it is a point, or the start or end of an interval.
    pub anchor: Anchor,
    /// How it was written.
    pub form: Form,
    /// Both ends of a day range ("December 8-10").
    pub days: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// A number or ordinal.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberClaim {
    /// The value.
    pub value: f64,
    /// Cardinal or ordinal.
    pub kind: NumberKind,
    /// The unit, when written with the number (`two-day`: `day`).
    pub unit: Option<String>,
}

impl ClaimValue {
    /// The claim's kind.
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimValue::Date(_) => ClaimKind::Date,
            ClaimValue::Number(n) if n.kind == NumberKind::Ordinal => ClaimKind::Ordinal,
            ClaimValue::Number(_) => ClaimKind::Number,
        }
    }

    /// The normalised value as written in reports (`2025-06`, `22`,
    /// `2 day`), or `None` for a date that could not be resolved.
    pub fn normalised(&self) -> Option<String> {
        match self {
            ClaimValue::Date(d) => {
                let v = match d.days {
                    Some((from, to)) => format!("{from}/{to}"),
                    None => d.value?.to_string(),
                };
                Some(match d.anchor {
                    Anchor::At => v,
                    Anchor::Since => format!("{v}/.."),
                    Anchor::Until => format!("../{v}"),
                })
            }
            ClaimValue::Number(n) => {
                let v = if n.value.fract() == 0.0 && n.value.abs() < 1e15 {
                    format!("{}", n.value as i64)
                } else {
                    format!("{}", n.value)
                };
                Some(match &n.unit {
                    Some(u) => format!("{v} {u}"),
                    None => v,
                })
            }
        }
    }

    /// The precision of a resolved date.
    pub fn precision(&self) -> Option<Precision> {
        match self {
            ClaimValue::Date(d) if d.days.is_some() => Some(Precision::Day),
            ClaimValue::Date(d) => d.value.map(|v| v.precision()),
            ClaimValue::Number(_) => None,
        }
    }
}

/// The compiled extractors of a run.
#[derive(Debug)]
pub struct Extractor {
    dates: DateFinder,
    numbers: NumberFinder,
    times: times::TimeFinder,
}

impl Extractor {
    /// Compiles the extractors from the rules.
    pub fn new(rules: &Rules) -> Result<Extractor, Error> {
        let bad = |file: &str, message: String| Error::BadRules { path: format!("rules/{file}").into(), message };
        Ok(Extractor {
            dates: DateFinder::new(&rules.dates).map_err(|m| bad("dates.toml", m))?,
            numbers: NumberFinder::new(&rules.numbers).map_err(|m| bad("numbers.toml", m))?,
            times: times::TimeFinder::new(&rules.timex).map_err(|m| bad("timex.toml", m))?,
        })
    }

    /// The date finder, also used to read datelines.
    pub fn dates(&self) -> &DateFinder {
        &self.dates
    }

    /// The number finder.
    pub fn numbers(&self) -> &NumberFinder {
        &self.numbers
    }

    /// The finder of times, durations, sets and other TIMEX3 dates.
    pub fn times(&self) -> &times::TimeFinder {
        &self.times
    }
}

/// Extracts the claims of every sentence that is not a repeat.
pub fn extract(docs: &[Document], sentences: &[Sentence], ex: &Extractor, lexicon: &Lexicon) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (sid, sentence) in sentences.iter().enumerate() {
        if sentence.duplicate_of.is_some() {
            continue;
        }
        let doc = &docs[sentence.doc];
        let text = sentence.norm.of(&doc.norm.text);
        let mut found: Vec<(Span, ClaimValue)> = ex
            .dates
            .find(text, doc.published)
            .into_iter()
            .map(|m| {
                let date = DateClaim { value: m.value, anchor: m.anchor, form: m.form, days: m.days };
                (m.span, ClaimValue::Date(date))
            })
            .collect();
        let mut date_spans: Vec<Span> = found.iter().map(|(s, _)| *s).collect();
        let numbers = ex.numbers.find(text, &date_spans);
        // Dates the date finder leaves to the TIMEX side ("04/12/2025" by
        // the report's locale, holidays, "the end of the month") are claims
        // too, when their value is a calendar date.
        let day_first = ex.times.day_first(doc.locale.as_deref());
        for t in ex.times.find(text, &numbers, doc.published, day_first) {
            let Some(value) = PartialDate::parse(&t.value) else { continue };
            if t.kind != crate::timex::TimexType::Date || date_spans.iter().any(|s| s.overlaps(&t.span)) {
                continue;
            }
            let written = t.span.of(text);
            let form = if written.bytes().filter(u8::is_ascii_digit).count() >= 4 {
                Form::Absolute { year: Some(value.year), month: value.month, day: value.day }
            } else {
                Form::Relative
            };
            found.push((
                t.span,
                ClaimValue::Date(DateClaim { value: Some(value), anchor: Anchor::At, form, days: None }),
            ));
            date_spans.push(t.span);
        }
        found.extend(
            numbers
                .into_iter()
                .filter(|m| !date_spans.iter().any(|s| s.overlaps(&m.span)))
                .map(|m| (m.span, ClaimValue::Number(NumberClaim { value: m.value, kind: m.kind, unit: m.unit }))),
        );
        found.sort_by_key(|(s, _)| (s.start, s.end));
        // Ordinals stay in subjects: "the 13th meeting" is not the 15th.
        let masks: Vec<Span> = found.iter().filter(|(_, v)| v.kind() != ClaimKind::Ordinal).map(|(s, _)| *s).collect();
        let clauses = lexicon.clauses(text);
        for (local, value) in found {
            let clause = clauses.iter().find(|c| c.contains(&local)).copied().unwrap_or(Span::new(0, text.len()));
            let clause_masks: Vec<Span> = masks
                .iter()
                .filter(|m| clause.contains(m))
                .map(|m| Span::new(m.start - clause.start, m.end - clause.start))
                .collect();
            let in_clause = Span::new(local.start - clause.start, local.end - clause.start);
            let predicate = lexicon
                .predicate(clause.of(text), in_clause, &clause_masks)
                .map(|p| Predicate { span: p.span.shift(sentence.norm.start + clause.start), ..p });
            let mut subject: Vec<Term> = lexicon
                .terms(clause.of(text), &clause_masks)
                .into_iter()
                .map(|t| Term { span: t.span.shift(sentence.norm.start + clause.start), ..t })
                .collect();
            // A relative clause is about the names just before it:
            // "Typhoon Lumen, which struck the province last month".
            let opener = text[clause.start..].split_whitespace().next().unwrap_or("");
            if clause.start > 0 && lexicon.is_relative(opener) {
                let before = &text[..clause.start];
                let names = lexicon.terms(before, &masks);
                let tail: Vec<Term> = names
                    .into_iter()
                    .rev()
                    .take(6)
                    .filter(|t| t.kind.identifies())
                    .map(|t| Term { span: t.span.shift(sentence.norm.start), ..t })
                    .collect();
                subject.extend(tail.into_iter().rev());
            }
            let mut occurrences = lexicon.occurrence_words(clause.of(text));
            occurrences.extend(subject.iter().filter(|t| t.kind == TermKind::Ordinal).map(|t| t.key.clone()));
            occurrences.sort();
            occurrences.dedup();
            let norm = local.shift(sentence.norm.start);
            claims.push(Claim {
                id: claims.len(),
                doc: sentence.doc,
                sentence: sid,
                span: doc.norm.original(norm),
                norm,
                value,
                subject,
                predicate,
                clause: clause.shift(sentence.norm.start),
                occurrences,
            });
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use crate::{analyse, document, rules::Rules};

    fn claims(json: &str) -> Vec<(String, Option<String>)> {
        let doc = document::from_bytes("a.json".as_ref(), json.as_bytes().to_vec(), 0).unwrap();
        let run = analyse(vec![doc], &Rules::built_in().unwrap()).unwrap();
        run.claims
            .iter()
            .filter(|c| c.value.kind() == super::ClaimKind::Date)
            .map(|c| (c.span.of(&run.documents[0].raw).to_string(), c.value.normalised()))
            .collect()
    }

    #[test]
    fn numeric_dates_are_claims_read_by_the_reports_locale() {
        let text = "The fire at the Leeds mill broke out on 04/12/2025, officials said.";
        let gb = format!(r#"{{"id": "gb", "published": "2025-12-06", "locale": "en-GB", "text": "{text}"}}"#);
        let us = format!(r#"{{"id": "us", "published": "2025-12-06", "text": "{text}"}}"#);
        assert_eq!(claims(&gb), vec![("04/12/2025".to_string(), Some("2025-12-04".to_string()))]);
        assert_eq!(claims(&us), vec![("04/12/2025".to_string(), Some("2025-04-12".to_string()))]);
    }
}
