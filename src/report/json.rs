//! The JSON report, schema `crosscheck.report/1`, for scripts.
//!
//! ```text
//! {
//!   "schema": "crosscheck.report/1",
//!   "tool": {"name": "crosscheck", "version": "0.1.0"},
//!   "documents": [{"id", "path", "title", "source", "url",
//!                  "published" ("YYYY-MM-DD" or null),
//!                  "published_from" ("metadata"|"flag"|"dateline"|"inferred"|"unknown"),
//!                  "published_note", "published_at" (location of the dateline or null),
//!                  "sentences", "dropped_duplicates",
//!                  "dropped": [{"start","end","line","column","repeats": {location}}],
//!                  "group": independent group (reports copying one another share one),
//!                  "credits": [{"text", "agencies", "start","end","line","column"}]}],
//!   "claims": [{"doc", "kind" ("date"|"number"|"ordinal"), "text", "value", "precision",
//!               "start", "end", "line", "column", "subject": [words of its clause],
//!               "predicate": the verb or event noun it belongs to, or null,
//!               "head": what the value measures ("profit", "people/killed"), or null}],
//!   "findings": [{"id", "kind", "rule", "severity", "verdict", "confidence",
//!                 "subject", "message", "reason", "scope",
//!                 "claims": [{"doc", "path", "text", "value", "precision", "anchor",
//!                             "start", "end", "line", "column", "end_line", "end_column",
//!                             "sentence", "sentence_start", "sentence_end"}],
//!                 "support": [independent reports behind each claim],
//!                 "diff": for quotations, the word diff of the first claim's words
//!                         against the second's, [{"op" ("equal"|"insert"|"delete"|"replace"),
//!                         "a", "b", "explained" (null or why the difference is fine)}];
//!                         null for other findings}],
//!   "copies": [{"doc" (the copier), "source", "decided_by" ("date"|"credit"|"length"),
//!               "shared_words", "words", "share", "markers": [credit lines of the copier],
//!               "reason", "passages": [{"copy": {place}, "source": {place}}]}],
//!               place = {"path", "text", "start", "end", "line", "column", "end_line", "end_column"}
//!   "errors": [{"path", "message"}],
//!   "summary": {"documents", "sentences", "claims": {"date","number","ordinal"},
//!               "aligned_pairs", "comparisons": {"agree","compatible","conflict"},
//!               "findings": {"conflict","warning","info"}}
//! }
//! ```
//! With `--baseline FILE`, a finding the baseline suppresses carries
//! `"suppressed": {"reason"}` (the entry's reason), and the report gains
//! `"baseline": {"path", "suppressed" (count), "stale": [entries matching no
//! finding: {"fingerprint", "rule", "kind", "message", "reason"}]}` before
//! `summary`; both are absent without a baseline. Suppressed findings stay
//! in `findings` and in the summary's counts but do not fail `--fail-on`.
//! The JSON Schema is `schema/report.schema.json`; `schema/CHANGELOG.md`
//! lists what each version added.
//!
//! `start`/`end` are byte offsets into the original file: slicing the file
//! at `start..end` gives `text` exactly. Lines and columns are 1-based;
//! columns count characters. Fields are only ever added within a schema
//! version; a rename or removal bumps it.

use super::{Located, Location};
use crate::extract::ClaimKind;
use serde::Serialize;
use std::io;

/// The schema name and version written in every report.
pub const SCHEMA: &str = "crosscheck.report/1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    tool: Tool,
    documents: Vec<Document<'a>>,
    claims: Vec<ListedClaim<'a>>,
    findings: Vec<Finding<'a>>,
    copies: Vec<Copy<'a>>,
    errors: Vec<InputError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineUse<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Where {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

impl From<Location> for Where {
    fn from(l: Location) -> Where {
        Where { start: l.span.start, end: l.span.end, line: l.line, column: l.column }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    id: &'a str,
    path: String,
    title: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<String>,
    published_from: &'static str,
    published_note: &'a str,
    published_at: Option<Where>,
    sentences: usize,
    dropped_duplicates: usize,
    dropped: Vec<Dropped>,
    group: usize,
    credits: Vec<Credit<'a>>,
}

#[derive(Serialize)]
struct Credit<'a> {
    text: &'a str,
    agencies: &'a [String],
    #[serde(flatten)]
    at: Where,
}

#[derive(Serialize)]
struct Copy<'a> {
    doc: &'a str,
    source: &'a str,
    decided_by: &'static str,
    shared_words: usize,
    words: usize,
    share: f32,
    markers: &'a [String],
    reason: &'a str,
    passages: Vec<Passage<'a>>,
}

#[derive(Serialize)]
struct Passage<'a> {
    copy: Place<'a>,
    source: Place<'a>,
}

#[derive(Serialize)]
struct Place<'a> {
    path: String,
    text: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> Place<'a> {
    fn new(located: &'a Located, doc: usize, span: crate::span::Span) -> Place<'a> {
        let d = &located.run.documents[doc];
        let at = located.locate(doc, span);
        Place {
            path: d.path.display().to_string(),
            text: span.of(&d.raw),
            start: span.start,
            end: span.end,
            line: at.line,
            column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
        }
    }
}

#[derive(Serialize)]
struct Dropped {
    #[serde(flatten)]
    at: Where,
    repeats: Where,
}

#[derive(Serialize)]
struct ListedClaim<'a> {
    doc: &'a str,
    kind: &'static str,
    text: &'a str,
    value: Option<String>,
    precision: Option<&'static str>,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    subject: Vec<&'a str>,
    predicate: Option<&'a str>,
    head: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Finding<'a> {
    id: &'a str,
    kind: &'static str,
    rule: &'static str,
    severity: &'static str,
    verdict: crate::compare::Verdict,
    confidence: f32,
    subject: &'a str,
    message: &'a str,
    reason: &'a str,
    scope: &'static str,
    claims: Vec<Claim<'a>>,
    support: &'a [usize],
    /// Only when a baseline suppresses the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Suppressed<'a>>,
    diff: Option<&'a [crate::compare::quotes::DiffOp]>,
}

#[derive(Serialize)]
struct Suppressed<'a> {
    reason: &'a str,
}

/// What `--baseline` did; only in reports of runs with a baseline.
#[derive(Serialize)]
pub(super) struct BaselineUse<'a> {
    path: String,
    suppressed: usize,
    stale: Vec<&'a crate::baseline::Entry>,
}

#[derive(Serialize)]
struct Claim<'a> {
    doc: &'a str,
    path: String,
    text: &'a str,
    value: Option<String>,
    precision: Option<&'static str>,
    anchor: Option<crate::extract::dates::Anchor>,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    sentence: &'a str,
    sentence_start: usize,
    sentence_end: usize,
}

/// An input that could not be read, as the JSON and JSON Lines reports
/// write it.
#[derive(Serialize)]
pub(super) struct InputError {
    path: Option<String>,
    message: String,
}

impl From<&crate::Error> for InputError {
    fn from(e: &crate::Error) -> InputError {
        InputError { path: e.path().map(|p| p.display().to_string()), message: e.to_string() }
    }
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    sentences: usize,
    claims: ClaimCounts,
    aligned_pairs: usize,
    comparisons: crate::compare::Tally,
    findings: SeverityCounts,
}

#[derive(Serialize, Default)]
struct ClaimCounts(std::collections::BTreeMap<&'static str, usize>);

#[derive(Serialize, Default)]
struct SeverityCounts {
    conflict: usize,
    warning: usize,
    info: usize,
}

/// Finding `i` of the run as the report writes it; JSON Lines writes the
/// same object.
pub(super) fn finding<'a>(located: &'a Located, i: usize) -> Finding<'a> {
    let run = located.run;
    let f = &run.findings[i];
    Finding {
        id: &f.id,
        kind: f.kind.name(),
        rule: f.rule,
        severity: f.severity.name(),
        verdict: f.verdict,
        confidence: f.confidence,
        subject: &f.subject,
        message: &f.message,
        reason: &f.reason,
        scope: f.scope.name(),
        support: &f.support,
        diff: f.diff.as_deref(),
        claims: f
            .claims
            .iter()
            .map(|&id| {
                let c = &run.claims[id];
                let doc = &run.documents[c.doc];
                let (at, sentence) = located.claims[id];
                Claim {
                    doc: &doc.id,
                    path: doc.path.display().to_string(),
                    text: c.span.of(&doc.raw),
                    value: c.value.normalised(),
                    precision: c.value.precision().map(|p| p.name()),
                    anchor: match &c.value {
                        crate::extract::ClaimValue::Date(d) => Some(d.anchor),
                        _ => None,
                    },
                    start: at.span.start,
                    end: at.span.end,
                    line: at.line,
                    column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                    sentence: sentence.span.of(&doc.raw),
                    sentence_start: sentence.span.start,
                    sentence_end: sentence.span.end,
                }
            })
            .collect(),
        suppressed: located.suppressed.get(i).copied().flatten().map(|reason| Suppressed { reason }),
    }
}

/// `baseline` of the report: what `--baseline` did.
pub(super) fn baseline<'a>(located: &'a Located) -> Option<BaselineUse<'a>> {
    located.baseline.map(|b| BaselineUse {
        path: b.path.display().to_string(),
        suppressed: b.suppressed(),
        stale: b.stale.iter().collect(),
    })
}

/// Writes the report as pretty JSON followed by a newline.
pub fn write(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    write_as(located, out, true)
}

/// Writes the report as compact JSON (no whitespace between tokens, no
/// newline after): the bytes of [`write`]'s output with that whitespace
/// taken out, without writing it first. Batch mode embeds it in its lines.
pub(crate) fn write_compact(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    write_as(located, out, false)
}

fn write_as(located: &Located, out: &mut dyn io::Write, pretty: bool) -> io::Result<()> {
    let run = located.run;
    let documents = run
        .documents
        .iter()
        .map(|d| Document {
            id: &d.id,
            path: d.path.display().to_string(),
            title: d.title.as_deref(),
            source: d.source.as_deref(),
            url: d.url.as_deref(),
            published: d.published.map(|p| p.to_string()),
            published_from: d.published_from.name(),
            published_note: &d.published_note,
            published_at: d.published_span.map(|s| located.locate(d.index, s).into()),
            sentences: run.sentences.iter().filter(|s| s.doc == d.index && s.duplicate_of.is_none()).count(),
            dropped_duplicates: d.dropped.len()
                + run.sentences.iter().filter(|s| s.doc == d.index && s.duplicate_of.is_some()).count(),
            dropped: d
                .dropped
                .iter()
                .map(|x| Dropped {
                    at: located.locate(d.index, x.span).into(),
                    repeats: located.locate(d.index, x.repeats).into(),
                })
                .chain(run.sentences.iter().filter(|s| s.doc == d.index).filter_map(|s| {
                    let first = &run.sentences[s.duplicate_of?];
                    Some(Dropped {
                        at: located.locate(d.index, s.span).into(),
                        repeats: located.locate(d.index, first.span).into(),
                    })
                }))
                .collect(),
            group: run.groups.get(d.index).copied().unwrap_or(d.index),
            credits: run
                .credits
                .get(d.index)
                .map_or(&[][..], |c| c.as_slice())
                .iter()
                .map(|c| Credit { text: &c.text, agencies: &c.agencies, at: located.locate(d.index, c.span).into() })
                .collect(),
        })
        .collect();
    let copies = run
        .copies
        .iter()
        .map(|c| Copy {
            doc: &run.documents[c.doc].id,
            source: &run.documents[c.source].id,
            decided_by: c.decided_by.name(),
            shared_words: c.shared_words,
            words: c.words,
            share: (c.share * 10_000.0).round() / 10_000.0,
            markers: &c.markers,
            reason: &c.reason,
            passages: c
                .passages
                .iter()
                .map(|&(mine, theirs)| Passage {
                    copy: Place::new(located, c.doc, mine),
                    source: Place::new(located, c.source, theirs),
                })
                .collect(),
        })
        .collect();
    let listed = run
        .claims
        .iter()
        .map(|c| {
            let doc = &run.documents[c.doc];
            let (at, _) = located.claims[c.id];
            ListedClaim {
                doc: &doc.id,
                kind: c.value.kind().name(),
                text: c.span.of(&doc.raw),
                value: c.value.normalised(),
                precision: c.value.precision().map(|p| p.name()),
                start: at.span.start,
                end: at.span.end,
                line: at.line,
                column: at.column,
                subject: c.subject.iter().map(|t| t.span.of(&doc.norm.text)).collect(),
                predicate: c.predicate.as_ref().map(|p| p.span.of(&doc.norm.text)),
                head: c.head.as_deref(),
            }
        })
        .collect();
    let findings = (0..run.findings.len()).map(|i| finding(located, i)).collect();
    // Every kind, zero or not, so that scripts find each key.
    let mut claims = ClaimCounts(ClaimKind::ALL.iter().map(|k| (k.name(), 0)).collect());
    for c in &run.claims {
        *claims.0.entry(c.value.kind().name()).or_default() += 1;
    }
    let mut counts = SeverityCounts::default();
    for f in &run.findings {
        match f.severity {
            crate::compare::Severity::Conflict => counts.conflict += 1,
            crate::compare::Severity::Warning => counts.warning += 1,
            crate::compare::Severity::Info => counts.info += 1,
        }
    }
    let report = Report {
        schema: SCHEMA,
        tool: Tool { name: env!("CARGO_PKG_NAME"), version: env!("CARGO_PKG_VERSION") },
        documents,
        claims: listed,
        findings,
        copies,
        errors: run.errors.iter().map(InputError::from).collect(),
        baseline: baseline(located),
        summary: Summary {
            documents: run.documents.len(),
            sentences: run.sentences.iter().filter(|s| s.duplicate_of.is_none()).count(),
            claims,
            aligned_pairs: run.pairs.len(),
            comparisons: run.tally,
            findings: counts,
        },
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    } else {
        serde_json::to_writer(&mut *out, &report)?;
        Ok(())
    }
}
