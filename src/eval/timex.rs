//! The temporal tagger scored against TIMEX3 gold, TempEval-3 Task A style.
//!
//! Input: JSONL files, one annotated document a line:
//!
//! ```json
//! {"doc": "ABC19980108.1830.0711", "dct": "1998-01-08", "text": "…",
//!  "timexes": [{"start": 70, "end": 74, "text": "week", "type": "DURATION", "value": "P1W"},
//!              {"start": 2026, "end": 2043, "text": "a couple of years", "type": "DURATION",
//!               "value": "P2Y", "mod": "APPROX"}]}
//! ```
//!
//! `start`/`end` are Unicode code point offsets into `text` (Python `str`
//! indices); they become byte [`Span`]s when read ([`CodePoints`]) and code
//! points again when written ([`write_dump`]). `dct` may be missing or null.
//! Every timex must slice `text` to its own `text`: a line that does not is
//! an [`Error::BadDocument`] naming the file and the line.
//!
//! Scoring ([`align`], [`Tally`]):
//!
//! - a **strict** match is a gold and a system timex with the same span; a
//!   **relaxed** match is a gold and a system timex whose spans overlap.
//!   Both are one-to-one. Relaxed pairs are chosen greedily: largest overlap
//!   (in bytes) first, then a pair with identical spans, then the leftmost
//!   gold, then the leftmost system timex — so every strict pair is also a
//!   relaxed pair, and the result does not depend on input order;
//! - precision = matched system / system, recall = matched gold / gold,
//!   F1 their harmonic mean; a ratio over zero is 0;
//! - type and value accuracy are the share of relaxed matches with the same
//!   TIMEX3 type, or the same value (compared exactly after trimming);
//! - type F1 and value F1 are relaxed F1 × that accuracy. Value F1 is the
//!   figure TempEval-3 ranks Task A systems by.
//!
//! `mod` is read and kept but not scored, as in TempEval-3 Task A.

use crate::span::Span;
use crate::timex::{Tagger, Timex, TimexType};
use crate::Error;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The schema name of the JSON report.
pub const SCHEMA: &str = "crosscheck.eval-timex/1";

/// The four TIMEX3 types, in report order.
pub const TYPES: [TimexType; 4] = [TimexType::Date, TimexType::Time, TimexType::Duration, TimexType::Set];

/// One TIMEX3, gold or system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// Bytes of the document's text.
    pub span: Span,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value as written (`1998-01-08`, `P1W`, `PRESENT_REF`).
    pub value: String,
    /// TIMEX3 `mod` (`APPROX`, `START`, …) when the gold has one; not scored.
    pub modifier: Option<String>,
}

impl Annotation {
    /// An annotation without `mod`.
    pub fn new(span: Span, kind: TimexType, value: impl Into<String>) -> Annotation {
        Annotation { span, kind, value: value.into(), modifier: None }
    }
}

impl From<&Timex> for Annotation {
    fn from(t: &Timex) -> Annotation {
        Annotation::new(t.span, t.kind, t.value.clone())
    }
}

/// One annotated document of an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// `doc`: its name.
    pub id: String,
    /// `dct`: document creation date.
    pub dct: Option<NaiveDate>,
    /// `text`.
    pub text: String,
    /// `locale` (optional, e.g. `en-GB`): how to read numeric dates.
    pub locale: Option<String>,
    /// `timexes`, with byte spans, in file order.
    pub timexes: Vec<Annotation>,
    /// The file it was read from.
    pub path: PathBuf,
    /// Its 1-based line in that file.
    pub line: usize,
}

/// Code point offsets of one text and the byte offsets they stand for.
#[derive(Debug, Clone)]
pub struct CodePoints {
    /// Byte offset of every code point, then the text's length.
    bytes: Vec<usize>,
}

impl CodePoints {
    /// The table of `text`.
    pub fn new(text: &str) -> CodePoints {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        CodePoints { bytes }
    }

    /// How many code points the text has.
    pub fn count(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The byte offset of code point offset `cp`; `None` past the end.
    pub fn byte(&self, cp: usize) -> Option<usize> {
        self.bytes.get(cp).copied()
    }

    /// The code point offset of byte offset `byte` (the next code point when
    /// `byte` is inside one).
    pub fn code_point(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }
}

// ---------------------------------------------------------------- reading

/// A line of the input (and of `--dump`), as JSON.
#[derive(Debug, Deserialize, Serialize)]
struct RawDocument {
    doc: String,
    #[serde(default)]
    dct: Option<String>,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    timexes: Vec<RawTimex>,
}

/// A timex of a line, with code point offsets.
#[derive(Debug, Deserialize, Serialize)]
struct RawTimex {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: String,
    value: String,
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    modifier: Option<String>,
}

/// Reads a JSONL file of annotated documents.
pub fn read_jsonl(path: &Path) -> Result<Vec<Document>, Error> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Error::NotFound { path: path.into() }),
        Err(e) if path.is_dir() || e.raw_os_error() == Some(21) => {
            return Err(Error::IsDirectory { path: path.into() })
        }
        Err(source) => return Err(Error::Read { path: path.into(), source }),
    };
    let content = String::from_utf8(bytes)
        .map_err(|e| Error::NotUtf8 { path: path.into(), offset: e.utf8_error().valid_up_to() })?;
    parse_jsonl(path, &content)
}

/// Parses the content of a JSONL file; `path` is for messages.
pub fn parse_jsonl(path: &Path, content: &str) -> Result<Vec<Document>, Error> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut documents = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if !line.trim().is_empty() {
            documents.push(parse_line(path, i + 1, line)?);
        }
    }
    if documents.is_empty() {
        return Err(Error::BadDocument {
            path: path.into(),
            message: "holds no documents; expected one JSON object a line".into(),
        });
    }
    Ok(documents)
}

/// Parses line `number` of `path`.
fn parse_line(path: &Path, number: usize, line: &str) -> Result<Document, Error> {
    let bad = |message: String| Error::BadDocument { path: path.into(), message: format!("line {number}: {message}") };
    let raw: RawDocument = serde_json::from_str(line).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => {
                r#"not a document {"doc", "dct", "text", "timexes": [{"start", "end", "text", "type", "value"}]}"#
            }
            _ => "not valid JSON",
        };
        let detail = e.to_string();
        let detail = detail.rfind(" at line ").map_or(detail.as_str(), |i| &detail[..i]);
        bad(format!("column {}: {what}: {detail}", e.column()))
    })?;
    let doc = &raw.doc;
    let dct = match raw.dct.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => {
            Some(parse_dct(s).ok_or_else(|| bad(format!("doc {doc:?}: dct {s:?} is not a date as YYYY-MM-DD")))?)
        }
    };
    let table = CodePoints::new(&raw.text);
    let mut timexes = Vec::with_capacity(raw.timexes.len());
    for (k, t) in raw.timexes.iter().enumerate() {
        let which = format!("doc {doc:?}: timex {} ({:?} at {}..{})", k + 1, t.text, t.start, t.end);
        if t.start > t.end {
            return Err(bad(format!("{which}: start is after end")));
        }
        let (Some(start), Some(end)) = (table.byte(t.start), table.byte(t.end)) else {
            return Err(bad(format!("{which}: past the end of the text ({} code points)", table.count())));
        };
        let there = &raw.text[start..end];
        if there != t.text {
            return Err(bad(format!(
                "{which}: the text has {there:?} there; offsets must be code points (Python str indices)"
            )));
        }
        let kind = TimexType::parse(t.kind.trim())
            .ok_or_else(|| bad(format!("{which}: type {:?} is not DATE, TIME, DURATION or SET", t.kind)))?;
        timexes.push(Annotation {
            span: Span::new(start, end),
            kind,
            value: t.value.clone(),
            modifier: t.modifier.clone(),
        });
    }
    Ok(Document { id: raw.doc, dct, text: raw.text, locale: raw.locale, timexes, path: path.into(), line: number })
}

/// `YYYY-MM-DD`, possibly followed by a time (`1998-01-08T12:00:00`).
fn parse_dct(s: &str) -> Option<NaiveDate> {
    let day = s.get(..10)?;
    if s.len() > 10 && !s[10..].starts_with('T') {
        return None;
    }
    crate::calendar::parse_iso_day(day)
}

/// Writes documents with the given annotations as JSONL in the input's
/// shape (code point offsets, the text each covers, type, value, `mod`).
pub fn write_dump<'a, W: Write>(
    out: &mut W,
    documents: impl IntoIterator<Item = (&'a Document, &'a [Annotation])>,
) -> io::Result<()> {
    for (doc, timexes) in documents {
        let table = CodePoints::new(&doc.text);
        let raw = RawDocument {
            doc: doc.id.clone(),
            dct: doc.dct.map(|d| d.format("%Y-%m-%d").to_string()),
            text: doc.text.clone(),
            locale: doc.locale.clone(),
            timexes: timexes
                .iter()
                .map(|t| RawTimex {
                    start: table.code_point(t.span.start),
                    end: table.code_point(t.span.end),
                    text: slice(&doc.text, t.span).to_string(),
                    kind: t.kind.name().to_string(),
                    value: t.value.clone(),
                    modifier: t.modifier.clone(),
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &raw)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The text of `span`, or nothing when the span does not fit the text.
fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

// ---------------------------------------------------------------- scoring

/// How the gold and system timexes of one document pair up: indexes
/// `(gold, system)`, each one-to-one, sorted by gold index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// Pairs with identical spans.
    pub strict: Vec<(usize, usize)>,
    /// Pairs with overlapping spans (a superset of `strict`).
    pub relaxed: Vec<(usize, usize)>,
}

impl Alignment {
    /// The system timex relaxed-matched to gold `g`.
    pub fn system_of(&self, g: usize) -> Option<usize> {
        self.relaxed.iter().find(|p| p.0 == g).map(|p| p.1)
    }
}

/// Pairs gold and system spans of one document (see the module doc).
pub fn align(gold: &[Span], system: &[Span]) -> Alignment {
    let mut strict = Vec::new();
    let mut used = vec![false; system.len()];
    for (g, gs) in gold.iter().enumerate() {
        if let Some(s) = (0..system.len()).find(|&s| !used[s] && system[s] == *gs) {
            used[s] = true;
            strict.push((g, s));
        }
    }
    let mut candidates = Vec::new();
    for (g, gs) in gold.iter().enumerate() {
        for (s, ss) in system.iter().enumerate() {
            let overlap = gs.end.min(ss.end).saturating_sub(gs.start.max(ss.start));
            if overlap > 0 {
                candidates.push((std::cmp::Reverse(overlap), gs != ss, gs.start, ss.start, g, s));
            }
        }
    }
    candidates.sort_unstable();
    let mut gold_used = vec![false; gold.len()];
    let mut system_used = vec![false; system.len()];
    let mut relaxed = Vec::new();
    for (_, _, _, _, g, s) in candidates {
        if !gold_used[g] && !system_used[s] {
            gold_used[g] = true;
            system_used[s] = true;
            relaxed.push((g, s));
        }
    }
    relaxed.sort_unstable();
    Alignment { strict, relaxed }
}

/// Whether two values are the same after trimming.
pub fn same_value(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

/// Counts over all documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Documents scored.
    pub documents: usize,
    /// Gold timexes.
    pub gold: usize,
    /// System timexes.
    pub system: usize,
    /// Strict matches.
    pub strict: usize,
    /// Relaxed matches.
    pub relaxed: usize,
    /// Relaxed matches with the gold type.
    pub type_correct: usize,
    /// Relaxed matches with the gold value.
    pub value_correct: usize,
}

/// Counts of one TIMEX3 type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TypeCounts {
    /// Gold timexes of this type.
    pub gold: usize,
    /// Of them, strictly matched.
    pub strict: usize,
    /// Of them, relaxed-matched.
    pub relaxed: usize,
    /// Of them, matched by a system timex of this type.
    pub type_correct: usize,
    /// Of them, matched by a system timex with the gold value.
    pub value_correct: usize,
    /// System timexes of this type.
    pub system: usize,
    /// Of them, relaxed-matched to any gold timex.
    pub system_matched: usize,
}

/// Running counts; [`Tally::scores`] turns them into figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Totals.
    pub counts: Counts,
    /// Per type: gold figures by gold type, system figures by system type.
    pub by_type: BTreeMap<TimexType, TypeCounts>,
}

impl Tally {
    /// Adds one document, aligned with [`align`].
    pub fn add(&mut self, gold: &[Annotation], system: &[Annotation], alignment: &Alignment) {
        let c = &mut self.counts;
        c.documents += 1;
        c.gold += gold.len();
        c.system += system.len();
        c.strict += alignment.strict.len();
        c.relaxed += alignment.relaxed.len();
        for t in TYPES {
            self.by_type.entry(t).or_default();
        }
        for g in gold {
            self.by_type.entry(g.kind).or_default().gold += 1;
        }
        for s in system {
            self.by_type.entry(s.kind).or_default().system += 1;
        }
        for &(g, _) in &alignment.strict {
            self.by_type.entry(gold[g].kind).or_default().strict += 1;
        }
        for &(g, s) in &alignment.relaxed {
            let (gt, st) = (&gold[g], &system[s]);
            let same_type = gt.kind == st.kind;
            let same = same_value(&gt.value, &st.value);
            self.counts.type_correct += usize::from(same_type);
            self.counts.value_correct += usize::from(same);
            let row = self.by_type.entry(gt.kind).or_default();
            row.relaxed += 1;
            row.type_correct += usize::from(same_type);
            row.value_correct += usize::from(same);
            self.by_type.entry(st.kind).or_default().system_matched += 1;
        }
    }

    /// The figures.
    pub fn scores(&self) -> Scores {
        let c = &self.counts;
        let strict = Prf::new(c.strict, c.system, c.strict, c.gold);
        let relaxed = Prf::new(c.relaxed, c.system, c.relaxed, c.gold);
        let type_accuracy = ratio(c.type_correct, c.relaxed);
        let value_accuracy = ratio(c.value_correct, c.relaxed);
        let by_type = self
            .by_type
            .iter()
            .map(|(&t, r)| {
                (
                    t,
                    TypeScores {
                        counts: *r,
                        recall: ratio(r.relaxed, r.gold),
                        strict_recall: ratio(r.strict, r.gold),
                        precision: ratio(r.system_matched, r.system),
                        type_accuracy: ratio(r.type_correct, r.relaxed),
                        value_accuracy: ratio(r.value_correct, r.relaxed),
                    },
                )
            })
            .collect();
        Scores {
            counts: *c,
            strict,
            relaxed,
            type_accuracy,
            type_f1: relaxed.f1 * type_accuracy,
            value_accuracy,
            value_f1: relaxed.f1 * value_accuracy,
            by_type,
        }
    }
}

/// `n / d`, or 0 when `d` is 0.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Matched system / system.
    pub precision: f64,
    /// Matched gold / gold.
    pub recall: f64,
    /// Harmonic mean of the two (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    /// From counts of matched system timexes of all system ones, and of
    /// matched gold timexes of all gold ones.
    pub fn new(system_matched: usize, system: usize, gold_matched: usize, gold: usize) -> Prf {
        let precision = ratio(system_matched, system);
        let recall = ratio(gold_matched, gold);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }
}

/// The figures of one TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TypeScores {
    /// The counts they come from.
    #[serde(flatten)]
    pub counts: TypeCounts,
    /// Relaxed-matched gold of this type / gold of this type.
    pub recall: f64,
    /// Strictly matched gold of this type / gold of this type.
    pub strict_recall: f64,
    /// Relaxed-matched system timexes of this type / system of this type.
    pub precision: f64,
    /// Of the matched gold of this type, the share given this type.
    pub type_accuracy: f64,
    /// Of the matched gold of this type, the share given the gold value.
    pub value_accuracy: f64,
}

/// All figures of an evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// The counts they come from.
    pub counts: Counts,
    /// Exact spans.
    pub strict: Prf,
    /// Overlapping spans.
    pub relaxed: Prf,
    /// Share of relaxed matches with the gold type.
    pub type_accuracy: f64,
    /// Relaxed F1 × type accuracy.
    pub type_f1: f64,
    /// Share of relaxed matches with the gold value.
    pub value_accuracy: f64,
    /// Relaxed F1 × value accuracy: TempEval-3's ranking figure.
    pub value_f1: f64,
    /// Per TIMEX3 type (all four, always).
    pub by_type: BTreeMap<TimexType, TypeScores>,
}

// ---------------------------------------------------------------- mistakes

/// What went wrong with one timex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MistakeKind {
    /// A gold timex no system timex overlaps.
    Miss,
    /// A system timex no gold timex overlaps.
    False,
    /// A match of another type.
    Type,
    /// A match of the right type with another value.
    Value,
    /// A match with the right type and value whose span differs.
    Span,
}

impl MistakeKind {
    /// `MISS`, `FALSE`, `TYPE`, `VALUE`, `SPAN`.
    pub fn name(self) -> &'static str {
        match self {
            MistakeKind::Miss => "MISS",
            MistakeKind::False => "FALSE",
            MistakeKind::Type => "TYPE",
            MistakeKind::Value => "VALUE",
            MistakeKind::Span => "SPAN",
        }
    }
}

/// A timex as shown in a mistake: code point offsets, as in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text it covers.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
}

impl Shown {
    fn new(text: &str, table: &CodePoints, a: &Annotation) -> Shown {
        Shown {
            start: table.code_point(a.span.start),
            end: table.code_point(a.span.end),
            text: slice(text, a.span).to_string(),
            kind: a.kind,
            value: a.value.clone(),
        }
    }
}

/// One miss, false alarm, wrong type, wrong value or inexact span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mistake {
    /// The document.
    pub doc: String,
    /// What went wrong.
    pub kind: MistakeKind,
    /// The gold timex (none for a false alarm).
    pub gold: Option<Shown>,
    /// The system timex (none for a miss).
    pub system: Option<Shown>,
}

/// One line per mistake, for developers:
///
/// ```text
/// DOC: MISS "text" [TYPE value]
/// DOC: FALSE "text" [TYPE value]
/// DOC: TYPE "gold text" gold=[TYPE value] got=[TYPE value]
/// DOC: VALUE "gold text" gold=VALUE got=VALUE
/// DOC: SPAN "gold text" got "system text" [TYPE value]
/// ```
///
/// TYPE and VALUE lines end with `(system "text")` when the system span
/// differs from the gold one.
impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ", self.doc, self.kind.name())?;
        let (g, s) = (self.gold.as_ref(), self.system.as_ref());
        let suffix = |f: &mut fmt::Formatter<'_>, g: &Shown, s: &Shown| {
            if (g.start, g.end) != (s.start, s.end) {
                write!(f, " (system {:?})", s.text)
            } else {
                Ok(())
            }
        };
        match (self.kind, g, s) {
            (MistakeKind::Miss, Some(t), _) | (MistakeKind::False, _, Some(t)) => {
                write!(f, "{:?} [{} {}]", t.text, t.kind.name(), t.value)
            }
            (MistakeKind::Type, Some(g), Some(s)) => {
                write!(f, "{:?} gold=[{} {}] got=[{} {}]", g.text, g.kind.name(), g.value, s.kind.name(), s.value)?;
                suffix(f, g, s)
            }
            (MistakeKind::Value, Some(g), Some(s)) => {
                write!(f, "{:?} gold={} got={}", g.text, g.value, s.value)?;
                suffix(f, g, s)
            }
            (MistakeKind::Span, Some(g), Some(s)) => {
                write!(f, "{:?} got {:?} [{} {}]", g.text, s.text, g.kind.name(), g.value)
            }
            _ => write!(f, "?"),
        }
    }
}

/// The mistakes of one document, in text order.
pub fn mistakes(doc: &Document, system: &[Annotation], alignment: &Alignment) -> Vec<Mistake> {
    let table = CodePoints::new(&doc.text);
    let show = |a: &Annotation| Shown::new(&doc.text, &table, a);
    let mistake = |kind, gold: Option<&Annotation>, sys: Option<&Annotation>| Mistake {
        doc: doc.id.clone(),
        kind,
        gold: gold.map(show),
        system: sys.map(show),
    };
    let mut out: Vec<(usize, Mistake)> = Vec::new();
    for (g, gold) in doc.timexes.iter().enumerate() {
        match alignment.system_of(g).map(|s| &system[s]) {
            None => out.push((gold.span.start, mistake(MistakeKind::Miss, Some(gold), None))),
            Some(sys) => {
                let kind = if gold.kind != sys.kind {
                    MistakeKind::Type
                } else if !same_value(&gold.value, &sys.value) {
                    MistakeKind::Value
                } else if gold.span != sys.span {
                    MistakeKind::Span
                } else {
                    continue;
                };
                out.push((gold.span.start, mistake(kind, Some(gold), Some(sys))));
            }
        }
    }
    for (s, sys) in system.iter().enumerate() {
        if !alignment.relaxed.iter().any(|p| p.1 == s) {
            out.push((sys.span.start, mistake(MistakeKind::False, None, Some(sys))));
        }
    }
    out.sort_by_key(|(at, m)| (*at, m.kind));
    out.into_iter().map(|(_, m)| m).collect()
}

// ---------------------------------------------------------------- running

/// A whole evaluation: the documents, what the system said, the figures.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The input files, in order.
    pub files: Vec<PathBuf>,
    /// The gold documents.
    pub documents: Vec<Document>,
    /// Per document, the system's timexes.
    pub system: Vec<Vec<Annotation>>,
    /// Per document, how gold and system pair up.
    pub alignments: Vec<Alignment>,
    /// Counts over all documents.
    pub tally: Tally,
    /// Every mistake, document by document.
    pub mistakes: Vec<Mistake>,
}

/// Scores `tag` (a document to its timexes) on the documents.
pub fn evaluate(documents: Vec<Document>, tag: impl Fn(&Document) -> Vec<Annotation>) -> Evaluation {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut system = Vec::with_capacity(documents.len());
    let mut alignments = Vec::with_capacity(documents.len());
    let mut tally = Tally::default();
    let mut all_mistakes = Vec::new();
    for doc in &documents {
        if !files.contains(&doc.path) {
            files.push(doc.path.clone());
        }
        let found = tag(doc);
        let gold_spans: Vec<Span> = doc.timexes.iter().map(|t| t.span).collect();
        let system_spans: Vec<Span> = found.iter().map(|t| t.span).collect();
        let alignment = align(&gold_spans, &system_spans);
        tally.add(&doc.timexes, &found, &alignment);
        all_mistakes.extend(mistakes(doc, &found, &alignment));
        system.push(found);
        alignments.push(alignment);
    }
    Evaluation { files, documents, system, alignments, tally, mistakes: all_mistakes }
}

/// Reads the files and scores the tagger on them.
pub fn run(files: &[PathBuf], tagger: &Tagger) -> Result<Evaluation, Error> {
    let mut documents = Vec::new();
    for f in files {
        documents.extend(read_jsonl(f)?);
    }
    Ok(evaluate(documents, |doc| {
        tagger.tag_in(&doc.text, doc.dct, doc.locale.as_deref()).iter().map(Annotation::from).collect()
    }))
}

// ---------------------------------------------------------------- reports

/// The JSON report, schema `crosscheck.eval-timex/1` (fields may be added
/// within a version; a rename or removal bumps it):
///
/// ```json
/// {
///   "schema": "crosscheck.eval-timex/1",
///   "files": ["timebank.jsonl"],
///   "counts": {"documents": 183, "gold": 1243, "system": 1100, "strict": 700,
///              "relaxed": 900, "type_correct": 850, "value_correct": 700},
///   "strict":  {"precision": 0.63, "recall": 0.56, "f1": 0.6},
///   "relaxed": {"precision": 0.81, "recall": 0.72, "f1": 0.77},
///   "type":  {"accuracy": 0.94, "f1": 0.72},
///   "value": {"accuracy": 0.77, "f1": 0.6},
///   "by_type": {"DATE": {"gold": 1016, "strict": 600, "relaxed": 800, "type_correct": 780,
///                        "value_correct": 650, "system": 900, "system_matched": 790,
///                        "recall": 0.79, "strict_recall": 0.59, "precision": 0.88,
///                        "type_accuracy": 0.97, "value_accuracy": 0.81},
///               "TIME": {…}, "DURATION": {…}, "SET": {…}},
///   "errors": [{"doc": "…", "kind": "VALUE", "line": "…: VALUE \"…\" gold=… got=…",
///               "gold": {"start": 70, "end": 74, "text": "week", "type": "DURATION", "value": "P1W"},
///               "system": {"start": 70, "end": 74, "text": "week", "type": "DURATION", "value": "P7D"}}]
/// }
/// ```
///
/// - figures are fractions in 0..=1; a ratio over zero is 0;
/// - `counts`: `strict`/`relaxed` are matched pairs; `type_correct` and
///   `value_correct` count relaxed pairs with the gold type or value;
/// - `by_type` always has the four types in this order. Gold figures
///   (`gold`, `strict`, `relaxed`, `type_correct`, `value_correct`, `recall`,
///   `strict_recall`, `type_accuracy`, `value_accuracy`) are by gold type;
///   `system`, `system_matched` and `precision` are by system type;
/// - `errors` is there only with `--errors`: every mistake with its
///   `kind` (`MISS`, `FALSE`, `TYPE`, `VALUE`, `SPAN`), the line `--errors`
///   prints, and the gold and system timexes (null when absent) with code
///   point offsets.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// Input files.
    pub files: Vec<String>,
    /// Counts.
    pub counts: Counts,
    /// Exact spans.
    pub strict: Prf,
    /// Overlapping spans.
    pub relaxed: Prf,
    /// Type accuracy and F1.
    #[serde(rename = "type")]
    pub kind: Attribute,
    /// Value accuracy and F1.
    pub value: Attribute,
    /// Per TIMEX3 type.
    pub by_type: BTreeMap<TimexType, TypeScores>,
    /// Every mistake, with `--errors`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<JsonMistake<'a>>>,
}

/// Accuracy of an attribute over relaxed matches, and relaxed F1 × it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Attribute {
    /// Share of relaxed matches where it is right.
    pub accuracy: f64,
    /// Relaxed F1 × accuracy.
    pub f1: f64,
}

/// A mistake in the JSON report.
#[derive(Debug, Serialize)]
pub struct JsonMistake<'a> {
    /// The mistake.
    #[serde(flatten)]
    pub mistake: &'a Mistake,
    /// Its `--errors` line.
    pub line: String,
}

impl Evaluation {
    /// The figures.
    pub fn scores(&self) -> Scores {
        self.tally.scores()
    }

    /// The JSON report; `errors` adds every mistake.
    pub fn json_report(&self, errors: bool) -> JsonReport<'_> {
        let s = self.scores();
        JsonReport {
            schema: SCHEMA,
            files: self.files.iter().map(|p| p.display().to_string()).collect(),
            counts: s.counts,
            strict: s.strict,
            relaxed: s.relaxed,
            kind: Attribute { accuracy: s.type_accuracy, f1: s.type_f1 },
            value: Attribute { accuracy: s.value_accuracy, f1: s.value_f1 },
            by_type: s.by_type,
            errors: errors
                .then(|| self.mistakes.iter().map(|m| JsonMistake { mistake: m, line: m.to_string() }).collect()),
        }
    }

    /// Writes the JSON report, pretty-printed, with a final newline.
    pub fn write_json<W: Write>(&self, out: &mut W, errors: bool) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.json_report(errors))?;
        out.write_all(b"\n")
    }

    /// Writes the report as a table for a person; `errors` adds one line
    /// per mistake after it.
    pub fn write_text<W: Write>(&self, out: &mut W, errors: bool) -> io::Result<()> {
        let s = self.scores();
        let c = &s.counts;
        let pct = |x: f64| format!("{:.2}", 100.0 * x);
        let files: Vec<String> = self.files.iter().map(|p| p.display().to_string()).collect();
        writeln!(out, "Temporal tagger, TempEval-3 Task A style: {}", files.join(", "))?;
        writeln!(out, "{} documents, {} gold timexes, {} system timexes", c.documents, c.gold, c.system)?;
        writeln!(out)?;
        writeln!(out, "{:<10} {:>9} {:>9} {:>9}   {:>7}", "", "precision", "recall", "F1", "matches")?;
        for (name, prf, n) in [("strict", s.strict, c.strict), ("relaxed", s.relaxed, c.relaxed)] {
            writeln!(out, "{name:<10} {:>9} {:>9} {:>9}   {n:>7}", pct(prf.precision), pct(prf.recall), pct(prf.f1))?;
        }
        writeln!(out)?;
        writeln!(out, "{:<10} {:>9} {:>9}   {:>7}", "", "accuracy", "F1", "correct")?;
        writeln!(out, "{:<10} {:>9} {:>9}   {:>7}", "type", pct(s.type_accuracy), pct(s.type_f1), c.type_correct)?;
        writeln!(
            out,
            "{:<10} {:>9} {:>9}   {:>7}   <- value F1: the TempEval-3 ranking figure",
            "value",
            pct(s.value_accuracy),
            pct(s.value_f1),
            c.value_correct
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "{:<10} {:>6} {:>9} {:>9} {:>9} {:>9}   {:>6} {:>9}",
            "gold type", "gold", "recall", "strict R", "type acc", "value acc", "system", "precision"
        )?;
        for (t, r) in &s.by_type {
            writeln!(
                out,
                "{:<10} {:>6} {:>9} {:>9} {:>9} {:>9}   {:>6} {:>9}",
                t.name(),
                r.counts.gold,
                pct(r.recall),
                pct(r.strict_recall),
                pct(r.type_accuracy),
                pct(r.value_accuracy),
                r.counts.system,
                pct(r.precision)
            )?;
        }
        writeln!(out, "(percentages; gold columns by gold type, system and precision by system type)")?;
        if errors {
            writeln!(out)?;
            writeln!(out, "{} mistakes:", self.mistakes.len())?;
            for m in &self.mistakes {
                writeln!(out, "{m}")?;
            }
        }
        Ok(())
    }

    /// Writes the system's timexes as JSONL in the input's shape.
    pub fn write_dump<W: Write>(&self, out: &mut W) -> io::Result<()> {
        write_dump(out, self.documents.iter().zip(self.system.iter().map(Vec::as_slice)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> Span {
        Span::new(start, end)
    }

    fn date(start: usize, end: usize, value: &str) -> Annotation {
        Annotation::new(sp(start, end), TimexType::Date, value)
    }

    #[test]
    fn empty_inputs_align_to_nothing_and_score_zero() {
        assert_eq!(align(&[], &[]), Alignment::default());
        assert_eq!(align(&[sp(0, 4)], &[]), Alignment::default());
        assert_eq!(align(&[], &[sp(0, 4)]), Alignment::default());
        let s = Tally::default().scores();
        assert_eq!(s.strict, Prf { precision: 0.0, recall: 0.0, f1: 0.0 });
        assert_eq!((s.value_f1, s.type_accuracy), (0.0, 0.0));
        assert!(s.by_type.is_empty());
        let mut t = Tally::default();
        t.add(&[date(0, 4, "1998")], &[], &Alignment::default());
        let s = t.scores();
        assert_eq!((s.counts.documents, s.counts.gold, s.counts.system), (1, 1, 0));
        assert_eq!(s.relaxed, Prf { precision: 0.0, recall: 0.0, f1: 0.0 });
        assert_eq!(s.by_type.len(), 4, "all four types are reported");
    }

    #[test]
    fn exact_spans_match_strictly_and_relaxed() {
        let a = align(&[sp(0, 4), sp(10, 15)], &[sp(10, 15), sp(0, 4)]);
        assert_eq!(a.strict, vec![(0, 1), (1, 0)]);
        assert_eq!(a.relaxed, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn overlap_matches_relaxed_only_and_touching_spans_do_not_overlap() {
        let a = align(&[sp(0, 4), sp(10, 15)], &[sp(2, 8), sp(15, 20)]);
        assert!(a.strict.is_empty());
        assert_eq!(a.relaxed, vec![(0, 0)]);
    }

    #[test]
    fn largest_overlap_wins() {
        // The system span overlaps gold 0 by 2 bytes and gold 1 by 5.
        let a = align(&[sp(0, 5), sp(5, 20)], &[sp(3, 10)]);
        assert_eq!(a.relaxed, vec![(1, 0)]);
        // Gold overlaps system 0 by 1 and system 1 by 3.
        let a = align(&[sp(4, 10)], &[sp(0, 5), sp(7, 12)]);
        assert_eq!(a.relaxed, vec![(0, 1)]);
    }

    #[test]
    fn overlap_ties_go_to_the_exact_span_then_the_leftmost() {
        // "last week" gold; system "last week" and "last week's": both overlap by 9.
        let a = align(&[sp(0, 9)], &[sp(0, 11), sp(0, 9)]);
        assert_eq!(a.strict, vec![(0, 1)]);
        assert_eq!(a.relaxed, vec![(0, 1)]);
        // One system span overlapping two gold spans by 3 bytes each: the
        // leftmost gold gets it, whatever the input order.
        let a = align(&[sp(10, 13), sp(4, 7)], &[sp(4, 13)]);
        assert_eq!(a.relaxed, vec![(1, 0)]);
        let a = align(&[sp(4, 7), sp(10, 13)], &[sp(4, 13)]);
        assert_eq!(a.relaxed, vec![(0, 0)]);
        // Two system spans tie on one gold: the leftmost system span.
        let a = align(&[sp(0, 20)], &[sp(12, 15), sp(2, 5)]);
        assert_eq!(a.relaxed, vec![(0, 1)]);
    }

    #[test]
    fn each_side_matches_at_most_once() {
        // Duplicated gold spans: one system span matches one of them.
        let a = align(&[sp(0, 4), sp(0, 4)], &[sp(0, 4)]);
        assert_eq!(a.strict, vec![(0, 0)]);
        assert_eq!(a.relaxed, vec![(0, 0)]);
        // One long gold span, three short system spans inside it.
        let a = align(&[sp(0, 30)], &[sp(0, 3), sp(10, 20), sp(25, 28)]);
        assert_eq!(a.relaxed, vec![(0, 1)]);
    }

    #[test]
    fn strict_pairs_are_always_relaxed_pairs() {
        // Small exhaustive-ish check over span layouts.
        let spans: Vec<Span> = (0..6).flat_map(|s| (s + 1..=6).map(move |e| sp(s, e))).collect();
        for (i, a) in spans.iter().enumerate() {
            for b in &spans[i..] {
                for c in &spans {
                    for d in &spans {
                        let al = align(&[*a, *b], &[*c, *d]);
                        for p in &al.strict {
                            assert!(al.relaxed.contains(p), "{a:?} {b:?} / {c:?} {d:?}: {al:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn figures_by_hand() {
        // Doc 1: gold "Friday" exact and right; gold "1998" inside system
        // "early 1998", same value; gold "two weeks" missed; system "now"
        // a false alarm.
        let g1 = vec![
            date(0, 6, "1998-08-07"),
            date(20, 24, "1998"),
            Annotation::new(sp(30, 39), TimexType::Duration, "P2W"),
        ];
        let s1 = vec![date(0, 6, "1998-08-07"), date(14, 24, "1998"), date(50, 53, "PRESENT_REF")];
        // Doc 2: gold "weekly" SET matched exactly as a DURATION; gold "May"
        // with the wrong value.
        let g2 = vec![Annotation::new(sp(0, 6), TimexType::Set, "P1W"), date(10, 13, "1998-05")];
        let s2 = vec![Annotation::new(sp(0, 6), TimexType::Duration, "P1W"), date(10, 13, "1997-05")];
        let mut t = Tally::default();
        for (g, s) in [(&g1, &s1), (&g2, &s2)] {
            let spans = |v: &Vec<Annotation>| v.iter().map(|a| a.span).collect::<Vec<_>>();
            t.add(g, s, &align(&spans(g), &spans(s)));
        }
        let s = t.scores();
        assert_eq!(
            s.counts,
            Counts { documents: 2, gold: 5, system: 5, strict: 3, relaxed: 4, type_correct: 3, value_correct: 3 }
        );
        assert_eq!((s.strict.precision, s.strict.recall, s.strict.f1), (0.6, 0.6, 0.6));
        assert_eq!((s.relaxed.precision, s.relaxed.recall), (0.8, 0.8));
        assert!((s.relaxed.f1 - 0.8).abs() < 1e-12);
        assert_eq!((s.type_accuracy, s.value_accuracy), (0.75, 0.75));
        assert!((s.value_f1 - 0.6).abs() < 1e-12 && (s.type_f1 - 0.6).abs() < 1e-12);
        let d = &s.by_type[&TimexType::Date];
        assert_eq!((d.counts.gold, d.counts.relaxed, d.counts.value_correct), (3, 3, 2));
        assert_eq!((d.counts.system, d.counts.system_matched), (4, 3));
        assert_eq!((d.recall, d.value_accuracy, d.precision), (1.0, 2.0 / 3.0, 0.75));
        let set = &s.by_type[&TimexType::Set];
        assert_eq!((set.counts.gold, set.recall, set.type_accuracy, set.value_accuracy), (1, 1.0, 0.0, 1.0));
        assert_eq!(set.counts.system, 0);
        let dur = &s.by_type[&TimexType::Duration];
        assert_eq!((dur.counts.gold, dur.recall, dur.counts.system, dur.precision), (1, 0.0, 1, 1.0));
        assert_eq!(s.by_type[&TimexType::Time].counts, TypeCounts::default());
    }

    #[test]
    fn values_are_compared_after_trimming() {
        let g = [date(0, 4, "1998 ")];
        let s = [date(0, 4, " 1998")];
        let mut t = Tally::default();
        t.add(&g, &s, &align(&[g[0].span], &[s[0].span]));
        assert_eq!(t.counts.value_correct, 1);
    }

    const SAMPLE: &str = concat!(
        r#"{"doc": "a", "dct": "1998-08-07", "text": "Café «Zürich» closed on Friday.", "#,
        r#""timexes": [{"start": 24, "end": 30, "text": "Friday", "type": "DATE", "value": "1998-08-07"}]}"#,
        "\n\n",
        r#"{"doc": "b", "text": "Two weeks ago.", "timexes": [{"start": 0, "end": 13, "text": "Two weeks ago", "#,
        r#""type": "DATE", "value": "1998-W30", "mod": "APPROX", "tid": "t3"}]}"#,
        "\n"
    );

    #[test]
    fn reads_code_point_offsets_as_bytes() {
        let docs = parse_jsonl(Path::new("x.jsonl"), SAMPLE).unwrap();
        assert_eq!(docs.len(), 2);
        let a = &docs[0];
        assert_eq!((a.id.as_str(), a.line, a.dct), ("a", 1, NaiveDate::from_ymd_opt(1998, 8, 7)));
        // "é", "«", "ü" and "»" take two bytes each: code points 24..30 are bytes 28..34.
        assert_eq!(a.timexes[0].span, sp(28, 34));
        assert_eq!(a.timexes[0].span.of(&a.text), "Friday");
        let b = &docs[1];
        assert_eq!((b.line, b.dct), (3, None));
        assert_eq!(b.timexes[0].modifier.as_deref(), Some("APPROX"));
    }

    #[test]
    fn code_point_table_round_trips() {
        let text = "a€b😀c";
        let t = CodePoints::new(text);
        assert_eq!(t.count(), 5);
        let bytes: Vec<usize> = (0..=5).map(|cp| t.byte(cp).unwrap()).collect();
        assert_eq!(bytes, vec![0, 1, 4, 5, 9, 10]);
        for (cp, b) in bytes.iter().enumerate() {
            assert_eq!(t.code_point(*b), cp);
        }
        assert_eq!(t.byte(6), None);
        assert_eq!(t.code_point(2), 2, "inside a code point: the next one");
    }

    #[test]
    fn dump_round_trips_with_non_ascii_text() {
        let docs = parse_jsonl(Path::new("x.jsonl"), SAMPLE).unwrap();
        let mut out = Vec::new();
        write_dump(&mut out, docs.iter().map(|d| (d, d.timexes.as_slice()))).unwrap();
        let dumped = String::from_utf8(out).unwrap();
        assert!(dumped.contains(r#""start":24,"end":30,"text":"Friday""#), "{dumped}");
        let again = parse_jsonl(Path::new("x.jsonl"), &dumped).unwrap();
        for (a, b) in docs.iter().zip(&again) {
            assert_eq!((&a.id, a.dct, &a.text, &a.timexes), (&b.id, b.dct, &b.text, &b.timexes));
        }
        // Scoring gold against itself is perfect.
        let docs2 = docs.clone();
        let e = evaluate(docs, |doc| {
            docs2.iter().find(|d| d.text == doc.text).map(|d| d.timexes.clone()).unwrap_or_default()
        });
        let s = e.scores();
        assert_eq!((s.strict.f1, s.relaxed.f1, s.value_f1, s.type_f1), (1.0, 1.0, 1.0, 1.0));
        assert!(e.mistakes.is_empty());
    }

    #[track_caller]
    fn rejected(content: &str, expect: &[&str]) {
        let e = parse_jsonl(Path::new("in.jsonl"), content).unwrap_err().to_string();
        assert!(!e.contains('\n'), "one line: {e}");
        assert!(e.starts_with("in.jsonl: "), "names the file: {e}");
        for x in expect {
            assert!(e.contains(x), "says {x:?}: {e}");
        }
    }

    #[test]
    fn bad_lines_are_named() {
        let good = r#"{"doc": "a", "dct": "1998-08-07", "text": "On Friday.", "timexes": []}"#;
        rejected(&format!("{good}\n{{\"doc\": \n"), &["line 2", "column", "not valid JSON"]);
        rejected(&format!("{good}\n{{\"doc\": \"b\", \"timexes\": []}}\n"), &["line 2", "not a document", "`text`"]);
        let t = |start: usize, end: usize, text: &str, kind: &str| {
            format!(
                r#"{good}
{{"doc": "b", "text": "Café on Friday.", "timexes": [{{"start": {start}, "end": {end}, "text": "{text}", "type": "{kind}", "value": "X"}}]}}"#
            )
        };
        // Byte offsets instead of code points.
        rejected(&t(9, 15, "Friday", "DATE"), &["line 2", "doc \"b\"", "timex 1", "the text has \"riday.\""]);
        rejected(&t(8, 40, "Friday", "DATE"), &["line 2", "past the end", "15 code points"]);
        rejected(&t(9, 8, "Friday", "DATE"), &["line 2", "start is after end"]);
        rejected(&t(8, 14, "Friday", "date"), &["line 2", "\"date\" is not DATE"]);
        rejected(&good.replace("1998-08-07", "Aug 7"), &["line 1", "dct \"Aug 7\""]);
        rejected("\n  \n", &["holds no documents"]);
        let fine = format!(
            "{good}\n{}",
            r#"{"doc": "b", "dct": "1998-08-07T10:00:00", "text": "Café on Friday.", "timexes": [{"start": 8, "end": 14, "text": "Friday", "type": "DATE", "value": "X"}]}"#
        );
        assert_eq!(parse_jsonl(Path::new("in.jsonl"), &fine).unwrap()[1].timexes[0].span, sp(9, 15));
    }

    #[test]
    fn mistakes_are_one_line_each_in_text_order() {
        let text = "“Friday” and early 1998, two weeks, weekly, now.";
        let doc = Document {
            id: "d".into(),
            dct: None,
            text: text.into(),
            locale: None,
            timexes: Vec::new(),
            path: "x".into(),
            line: 1,
        };
        let at = |s: &str| {
            let b = text.find(s).unwrap();
            sp(b, b + s.len())
        };
        let gold = vec![
            Annotation::new(at("Friday"), TimexType::Date, "1998-08-07"),
            Annotation::new(at("1998"), TimexType::Date, "1998"),
            Annotation::new(at("two weeks"), TimexType::Duration, "P2W"),
            Annotation::new(at("weekly"), TimexType::Set, "P1W"),
        ];
        let system = vec![
            Annotation::new(at("Friday"), TimexType::Date, "1998-08-14"),
            Annotation::new(at("early 1998"), TimexType::Date, "1998"),
            Annotation::new(at("weekly"), TimexType::Duration, "P1W"),
            Annotation::new(at("now"), TimexType::Date, "PRESENT_REF"),
        ];
        let doc = Document { timexes: gold, ..doc };
        let spans = |v: &[Annotation]| v.iter().map(|a| a.span).collect::<Vec<_>>();
        let al = align(&spans(&doc.timexes), &spans(&system));
        let lines: Vec<String> = mistakes(&doc, &system, &al).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            vec![
                r#"d: VALUE "Friday" gold=1998-08-07 got=1998-08-14"#,
                r#"d: SPAN "1998" got "early 1998" [DATE 1998]"#,
                r#"d: MISS "two weeks" [DURATION P2W]"#,
                r#"d: TYPE "weekly" gold=[SET P1W] got=[DURATION P1W]"#,
                r#"d: FALSE "now" [DATE PRESENT_REF]"#,
            ]
        );
        let m = mistakes(&doc, &system, &al);
        // Code point offsets: the opening quote is one code point, three bytes.
        assert_eq!(m[0].gold.as_ref().map(|g| (g.start, g.end)), Some((1, 7)));
        let mut system2 = system.clone();
        system2[1].value = "1998-Q1".into();
        let lines: Vec<String> = mistakes(&doc, &system2, &al).iter().map(ToString::to_string).collect();
        assert_eq!(lines[1], r#"d: VALUE "1998" gold=1998 got=1998-Q1 (system "early 1998")"#);
    }

    #[test]
    fn json_report_has_the_schema_and_all_types() {
        let docs = parse_jsonl(Path::new("x.jsonl"), SAMPLE).unwrap();
        let e = evaluate(docs, |_| Vec::new());
        let v = serde_json::to_value(e.json_report(true)).unwrap();
        assert_eq!(v["schema"], SCHEMA);
        assert_eq!(v["files"], serde_json::json!(["x.jsonl"]));
        assert_eq!(v["counts"]["gold"], 2);
        assert_eq!(v["value"]["f1"], 0.0);
        let types: Vec<&String> = v["by_type"].as_object().unwrap().keys().collect();
        assert_eq!(types.len(), 4);
        assert_eq!(v["errors"][0]["kind"], "MISS");
        assert_eq!(v["errors"][0]["system"], serde_json::Value::Null);
        assert_eq!(v["errors"][0]["line"], r#"a: MISS "Friday" [DATE 1998-08-07]"#);
        assert!(serde_json::to_value(e.json_report(false)).unwrap().get("errors").is_none());
        let mut text = Vec::new();
        e.write_text(&mut text, true).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("2 mistakes:") && text.contains("b: MISS \"Two weeks ago\""), "{text}");
    }
}
