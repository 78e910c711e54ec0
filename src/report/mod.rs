//! Stage 6, report: a [`Run`] rendered for a person or a program.
//!
//! Input: the run. Output: bytes on a writer. Renderers read the findings;
//! they never analyse. Byte spans become `path:line:column` in one shared
//! step, [`Located`], so every format prints the same numbers.

pub(crate) mod github;
mod html;
pub(crate) mod json;
mod jsonl;
pub(crate) mod sarif;
mod text;

pub use json::SCHEMA;
pub use jsonl::SCHEMA as JSONL_SCHEMA;

use crate::span::{LineIndex, Span};
use crate::Run;
use std::io;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For a person at a terminal.
    Text,
    /// For scripts: `crosscheck.report/1`.
    Json,
    /// For scripts reading a stream: one finding a line, `crosscheck.jsonl/1`.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub and others).
    Sarif,
    /// GitHub Actions workflow commands: one annotation a finding.
    Github,
    /// For editors: one self-contained page to open in a browser.
    Html,
}

/// How to render, besides the format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// A baseline applied to the run: its findings are shown as suppressed.
    pub baseline: Option<&'a crate::baseline::Applied>,
    /// Colour the text report (ANSI escapes).
    pub color: bool,
}

/// A span of a document with its 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The bytes.
    pub span: Span,
    /// Line of the first byte.
    pub line: usize,
    /// Column of the first byte.
    pub column: usize,
    /// Line of the last byte.
    pub end_line: usize,
    /// Column just past the last byte.
    pub end_column: usize,
}

/// The run with every span located once.
pub struct Located<'a> {
    /// The run.
    pub run: &'a Run,
    /// Per claim: where the claim is, and where its sentence is.
    pub claims: Vec<(Location, Location)>,
    /// Per finding: the reason of the baseline entry suppressing it.
    pub suppressed: Vec<Option<&'a str>>,
    /// The baseline applied, if any.
    pub baseline: Option<&'a crate::baseline::Applied>,
    indexes: Vec<LineIndex>,
}

impl<'a> Located<'a> {
    /// Locates every claim of the run.
    pub fn new(run: &'a Run) -> Located<'a> {
        Located::with_baseline(run, None)
    }

    /// Locates every claim of the run and marks the findings `baseline`
    /// suppresses.
    pub fn with_baseline(run: &'a Run, baseline: Option<&'a crate::baseline::Applied>) -> Located<'a> {
        let indexes: Vec<LineIndex> = run.documents.iter().map(|d| LineIndex::new(&d.raw)).collect();
        let suppressed = (0..run.findings.len())
            .map(|i| baseline.and_then(|b| b.reasons.get(i)).and_then(|r| r.as_deref()))
            .collect();
        let mut located = Located { run, claims: Vec::new(), suppressed, baseline, indexes };
        located.claims = run
            .claims
            .iter()
            .map(|c| {
                let s = &run.sentences[c.sentence];
                (located.locate(c.doc, c.span), located.locate(c.doc, s.span))
            })
            .collect();
        located
    }

    /// Locates a span of document `doc`.
    pub fn locate(&self, doc: usize, span: Span) -> Location {
        let text = &self.run.documents[doc].raw;
        let (line, column) = self.indexes[doc].line_col(text, span.start);
        let (end_line, end_column) = self.indexes[doc].line_col(text, span.end);
        Location { span, line, column, end_line, end_column }
    }

    /// Locates a span of document `doc` with columns in UTF-16 code units,
    /// as SARIF (`columnKind` `utf16CodeUnits`) and GitHub count them.
    pub fn locate_utf16(&self, doc: usize, span: Span) -> Location {
        let text = &self.run.documents[doc].raw;
        let at = self.locate(doc, span);
        let column = |offset: usize| {
            let offset = offset.min(text.len());
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            text[start..offset].encode_utf16().count() + 1
        };
        Location { column: column(span.start), end_column: column(span.end), ..at }
    }

    /// Whether finding `i` is suppressed by the baseline.
    pub fn is_suppressed(&self, i: usize) -> bool {
        self.suppressed.get(i).is_some_and(|r| r.is_some())
    }
}

/// Writes the run in `format`.
pub fn write(format: Format, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    write_with(format, run, &Options::default(), out)
}

/// Writes the run in `format` with a baseline applied and colour or not.
pub fn write_with(format: Format, run: &Run, options: &Options, out: &mut dyn io::Write) -> io::Result<()> {
    let located = Located::with_baseline(run, options.baseline);
    match format {
        Format::Text => text::write(&located, options.color, out),
        Format::Json => json::write(&located, out),
        Format::Jsonl => jsonl::write(&located, out),
        Format::Sarif => sarif::write(&located, out),
        Format::Github => github::write(&located, out),
        Format::Html => html::write(&located, out),
    }
}
