//! Stage 6, report: a [`Run`] rendered for a person or a program.
//!
//! Input: the run. Output: bytes on a writer. Renderers read the findings;
//! they never analyse. Byte spans become `path:line:column` in one shared
//! step, [`Located`], so every format prints the same numbers.

mod html;
mod json;
mod text;

pub use json::SCHEMA;

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
    /// For editors: one self-contained page to open in a browser.
    Html,
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
    indexes: Vec<LineIndex>,
}

impl<'a> Located<'a> {
    /// Locates every claim of the run.
    pub fn new(run: &'a Run) -> Located<'a> {
        let indexes: Vec<LineIndex> = run.documents.iter().map(|d| LineIndex::new(&d.raw)).collect();
        let mut located = Located { run, claims: Vec::new(), indexes };
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
}

/// Writes the run in `format`.
pub fn write(format: Format, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    let located = Located::new(run);
    match format {
        Format::Text => text::write(&located, out),
        Format::Json => json::write(&located, out),
        Format::Html => html::write(&located, out),
    }
}
