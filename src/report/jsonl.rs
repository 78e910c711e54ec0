//! JSON Lines, schema `crosscheck.jsonl/1`: one finding a line, for
//! scripts that read a stream.
//!
//! Every line is a JSON object that stands alone: it carries `"schema":
//! "crosscheck.jsonl/1"` and a `"type"`, in this order:
//!
//! ```text
//! {"schema", "type": "error", "path", "message"}            an input that could not be read
//! {"schema", "type": "finding", ...}                        one a finding, in report order
//! {"schema", "type": "stale", "fingerprint", "rule", "kind", "message", "reason"}
//!                                                           with --baseline: an entry matching nothing
//! {"schema", "type": "summary", "tool": {"name", "version"}, "documents", "findings":
//!  {"conflict", "warning", "info"}, "suppressed", "stale", "errors"}     always last, once
//! ```
//! A finding line has exactly the members of a finding of the JSON report
//! (`crosscheck.report/1`: `id`, `kind`, `rule`, `severity`, ..., `claims`
//! with `path`, byte offsets, `line`/`column`/`end_line`/`end_column` and
//! the sentence, and `suppressed` when a baseline suppresses it), so it can
//! be read without the others. There is no line of documents: each claim
//! names its file. The summary line comes last so that a reader knows the
//! stream is complete; its counts include suppressed findings, and
//! `suppressed` says how many of them are. The JSON Schema of a line is
//! `schema/jsonl.schema.json`.

use super::{json, Located};
use serde::Serialize;
use std::io;

/// The schema name and version on every line.
pub const SCHEMA: &str = "crosscheck.jsonl/1";

#[derive(Serialize)]
struct Line<T: Serialize> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct Summary {
    tool: Tool,
    documents: usize,
    findings: Counts,
    suppressed: usize,
    stale: usize,
    errors: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize, Default)]
struct Counts {
    conflict: usize,
    warning: usize,
    info: usize,
}

fn line<T: Serialize>(out: &mut dyn io::Write, kind: &'static str, body: T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Line { schema: SCHEMA, kind, body })?;
    writeln!(out)
}

/// Writes the run, one JSON object a line.
pub fn write(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    for e in &run.errors {
        line(out, "error", json::InputError::from(e))?;
    }
    let mut counts = Counts::default();
    for (i, f) in run.findings.iter().enumerate() {
        line(out, "finding", json::finding(located, i))?;
        match f.severity {
            crate::compare::Severity::Conflict => counts.conflict += 1,
            crate::compare::Severity::Warning => counts.warning += 1,
            crate::compare::Severity::Info => counts.info += 1,
        }
    }
    let stale = located.baseline.map_or(&[][..], |b| &b.stale[..]);
    for entry in stale {
        line(out, "stale", entry)?;
    }
    let summary = Summary {
        tool: Tool { name: env!("CARGO_PKG_NAME"), version: env!("CARGO_PKG_VERSION") },
        documents: run.documents.len(),
        findings: counts,
        suppressed: located.suppressed.iter().filter(|r| r.is_some()).count(),
        stale: stale.len(),
        errors: run.errors.len(),
    };
    line(out, "summary", summary)
}
