//! Batch reports: a header, one section per checked group, a footer.
//!
//! Every section is a `check` report of the group's [`Run`](crate::Run)
//! rendered by [`crate::report::write`] in a check [`Format`], so every
//! format `check` has can be applied per group; the batch format only
//! decides how sections are framed:
//!
//! - **text**: a header line, then per group a `=== group N ...` line and
//!   the group's text report, then the unchecked reports, the errors and
//!   the totals.
//! - **json**, schema `crosscheck.batch/1`, one object:
//!   ```text
//!   {"schema": "crosscheck.batch/1", "tool": {"name", "version"},
//!    "feed": {"reports", "bytes", "groups", "checked", "unchecked"},
//!    "groups": [{"group": N, "reports": [ids], "similarity", "shared": [features],
//!                "report": {a crosscheck.report/1 report of the group}}],
//!    "unchecked": [{"group": N, "id", "path", "title", "published"}],
//!    "errors": [{"path", "message"}],
//!    "summary": {"reports", "groups", "checked", "unchecked", "errors",
//!                "findings": {"conflict", "warning", "info"}}}
//!   ```
//!   one group per line.
//! - **jsonl**: the same pieces, one JSON object a line, each with
//!   `"schema": "crosscheck.batch/1"` and a `"type"`: `feed` first, then a
//!   `group` line per checked group as soon as it and every group before
//!   it are done, then `unchecked`, `error` and finally `summary` lines.
//!
//! - **sarif**: one SARIF 2.1.0 log with one `run` per checked group (each
//!   the `run` that `check --format sarif` writes for the group), streamed
//!   group by group.
//! - **github**: each group's workflow commands (`::error file=...`), then
//!   one `::notice` with the totals; unreadable reports are `::error` lines.
//!
//! Sections come in group order whatever order the groups finish in, so
//! the same feed gives byte-identical reports.

use super::group::Grouping;
use super::groups_file::round;
use super::input::Feed;
use super::{Outcome, Section};
use crate::report::{self, Format};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

/// The schema name and version of batch reports.
pub const SCHEMA: &str = "crosscheck.batch/1";

/// Batch output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchFormat {
    /// For a person: sections of `check` text reports.
    Text,
    /// For scripts: one `crosscheck.batch/1` object.
    Json,
    /// For pipelines: one object a line, streamed group by group.
    Jsonl,
    /// For code scanning: one SARIF 2.1.0 log, one run per group.
    Sarif,
    /// For GitHub Actions: workflow commands, group by group.
    Github,
}

impl BatchFormat {
    /// The check format of each group's section.
    pub fn section_format(self) -> Format {
        match self {
            BatchFormat::Text => Format::Text,
            BatchFormat::Json | BatchFormat::Jsonl => Format::Json,
            BatchFormat::Sarif => Format::Sarif,
            BatchFormat::Github => Format::Github,
        }
    }
}

/// Writes what comes before the sections.
pub fn header(format: BatchFormat, feed: &Feed, grouping: &Grouping, out: &mut dyn Write) -> io::Result<()> {
    let checked = grouping.groups.iter().filter(|g| g.reports.len() >= 2).count();
    let unchecked = grouping.groups.len() - checked;
    match format {
        BatchFormat::Text => writeln!(
            out,
            "crosscheck batch: {} ({}) in {}: {checked} checked, {unchecked} unchecked (the only report of its event)",
            plural(feed.reports.len(), "report"),
            size(feed.bytes),
            plural(grouping.groups.len(), "group")
        ),
        BatchFormat::Json => {
            let head = json!({"schema": SCHEMA, "tool": tool(), "feed": feed_counts(feed, grouping)});
            let head = serde_json::to_string(&head)?;
            // `{...}` without its closing brace, the groups to follow.
            writeln!(out, "{},\"groups\":[", &head[..head.len() - 1])
        }
        BatchFormat::Sarif => {
            writeln!(out, "{{\"$schema\":\"{}\",\"version\":\"2.1.0\",\"runs\":[", report::sarif::SCHEMA_URI)
        }
        BatchFormat::Github => Ok(()),
        BatchFormat::Jsonl => {
            let mut line = json!({"schema": SCHEMA, "type": "feed", "tool": tool()});
            line["feed"] = feed_counts(feed, grouping);
            writeln!(out, "{}", serde_json::to_string(&line)?)
        }
    }
}

/// Renders one checked group; runs on the worker that checked it.
pub fn section(format: BatchFormat, s: &Section) -> io::Result<Vec<u8>> {
    let mut report_bytes = Vec::new();
    if matches!(format, BatchFormat::Json | BatchFormat::Jsonl) {
        // Compact at once: the pretty report with its whitespace taken out.
        let located = report::Located::with_baseline(s.run, None);
        report::json::write_compact(&located, &mut report_bytes)?;
    } else {
        report::write(format.section_format(), s.run, &mut report_bytes)?;
    }
    let mut out = Vec::new();
    match format {
        BatchFormat::Github => out = report_bytes,
        BatchFormat::Sarif => {
            let log: serde_json::Value = serde_json::from_slice(&report_bytes)?;
            if s.rank > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut out, &log["runs"][0])?;
            out.push(b'\n');
        }
        BatchFormat::Text => {
            writeln!(
                out,
                "\n=== group {}: {}{}{} ===",
                s.number,
                plural(s.ids.len(), "report"),
                s.similarity.map_or(String::new(), |x| format!(", similarity {:.3}", round(x))),
                if s.shared.is_empty() { String::new() } else { format!(", sharing {}", s.shared.join(", ")) }
            )?;
            out.extend_from_slice(&report_bytes);
        }
        BatchFormat::Json | BatchFormat::Jsonl => {
            let mut head =
                json!({"group": s.number, "reports": s.ids, "similarity": s.similarity.map(round), "shared": s.shared});
            if format == BatchFormat::Jsonl {
                head = json!({"schema": SCHEMA, "type": "group", "group": s.number, "reports": s.ids,
                              "similarity": s.similarity.map(round), "shared": s.shared});
            }
            let head = serde_json::to_string(&head)?;
            if format == BatchFormat::Json && s.rank > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&head.as_bytes()[..head.len() - 1]);
            out.extend_from_slice(b",\"report\":");
            out.extend_from_slice(&report_bytes);
            out.extend_from_slice(b"}\n");
        }
    }
    Ok(out)
}

/// Writes what comes after the sections.
pub fn footer(
    format: BatchFormat,
    feed: &Feed,
    grouping: &Grouping,
    outcome: &Outcome,
    out: &mut dyn Write,
) -> io::Result<()> {
    let unchecked: Vec<serde_json::Value> = grouping
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.reports.len() == 1)
        .map(|(i, g)| {
            let r = &feed.reports[g.reports[0]];
            json!({"group": i + 1, "id": r.id, "path": r.path.display().to_string(), "title": r.title,
                   "published": r.published.map(|p| p.to_string())})
        })
        .collect();
    let mut errors: Vec<(String, String)> = feed
        .errors
        .iter()
        .map(|e| (e.path().map(|p| p.display().to_string()).unwrap_or_default(), e.to_string()))
        .collect();
    errors.extend(outcome.errors.iter().map(|e| (String::new(), e.clone())));
    let [conflict, warning, info] = outcome.findings;
    let summary = Summary {
        reports: feed.reports.len(),
        groups: grouping.groups.len(),
        checked: outcome.checked,
        unchecked: unchecked.len(),
        errors: errors.len(),
        findings: Findings { conflict, warning, info },
    };
    match format {
        BatchFormat::Text => {
            if !unchecked.is_empty() {
                writeln!(
                    out,
                    "\n=== unchecked: {}, each the only one of its event ===",
                    plural(unchecked.len(), "report")
                )?;
                for u in &unchecked {
                    let title = u["title"].as_str().map_or(String::new(), |t| format!(": {t}"));
                    writeln!(
                        out,
                        "  {} ({}){title}",
                        u["id"].as_str().unwrap_or(""),
                        u["path"].as_str().unwrap_or("")
                    )?;
                }
            }
            if !errors.is_empty() {
                writeln!(out, "\n=== {} could not be read ===", plural(errors.len(), "report"))?;
                for (_, message) in &errors {
                    writeln!(out, "  {message}")?;
                }
            }
            writeln!(out, "\n{}", totals(&summary))
        }
        BatchFormat::Sarif => writeln!(out, "]}}"),
        BatchFormat::Github => {
            use crate::report::github;
            for (path, message) in &errors {
                let file = if path.is_empty() {
                    String::new()
                } else {
                    format!(" file={}", github::property(&github::path(path.as_ref())))
                };
                writeln!(out, "::error{file}::{}", github::data(message))?;
            }
            writeln!(out, "::notice title=crosscheck batch::{}", github::data(&totals(&summary)))
        }
        BatchFormat::Json => {
            let errors: Vec<_> = errors.iter().map(|(p, m)| json!({"path": p, "message": m})).collect();
            let tail = json!({"unchecked": unchecked, "errors": errors, "summary": summary});
            let tail = serde_json::to_string(&tail)?;
            writeln!(out, "],{}", &tail[1..])
        }
        BatchFormat::Jsonl => {
            for mut u in unchecked {
                u["schema"] = SCHEMA.into();
                u["type"] = "unchecked".into();
                writeln!(out, "{}", serde_json::to_string(&u)?)?;
            }
            for (p, m) in &errors {
                writeln!(out, "{}", json!({"schema": SCHEMA, "type": "error", "path": p, "message": m}))?;
            }
            let mut line = serde_json::to_value(&summary)?;
            line["schema"] = SCHEMA.into();
            line["type"] = "summary".into();
            writeln!(out, "{line}")
        }
    }
}

#[derive(Serialize)]
struct Summary {
    reports: usize,
    groups: usize,
    checked: usize,
    unchecked: usize,
    errors: usize,
    findings: Findings,
}

#[derive(Serialize)]
struct Findings {
    conflict: usize,
    warning: usize,
    info: usize,
}

fn tool() -> serde_json::Value {
    json!({"name": "crosscheck", "version": env!("CARGO_PKG_VERSION")})
}

fn feed_counts(feed: &Feed, grouping: &Grouping) -> serde_json::Value {
    let checked = grouping.groups.iter().filter(|g| g.reports.len() >= 2).count();
    json!({"reports": feed.reports.len(), "bytes": feed.bytes, "groups": grouping.groups.len(),
           "checked": checked, "unchecked": grouping.groups.len() - checked})
}

/// The last line of a batch: findings, groups, reports left unchecked, errors.
fn totals(summary: &Summary) -> String {
    let f = &summary.findings;
    format!(
        "{}, {}, {} in {} checked; {} unchecked; {}",
        plural(f.conflict, "conflict"),
        plural(f.warning, "warning"),
        plural(f.info, "info"),
        plural(summary.checked, "group"),
        plural(summary.unchecked, "report"),
        plural(summary.errors, "error")
    )
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / f64::from(1 << 10)),
        b => format!("{b} bytes"),
    }
}

/// Copies JSON without the whitespace between tokens (strings untouched):
/// what a section's compact report must equal (the tests hold it to that).
#[cfg(test)]
fn minify(json: &[u8], out: &mut Vec<u8>) {
    out.reserve(json.len());
    let mut i = 0;
    while i < json.len() {
        if json[i] == b'"' {
            // A string is copied whole, to its closing quote (or the end).
            let mut end = i + 1;
            while end < json.len() {
                match json[end] {
                    b'\\' => end += 2,
                    b'"' => {
                        end += 1;
                        break;
                    }
                    _ => end += 1,
                }
            }
            let end = end.min(json.len());
            out.extend_from_slice(&json[i..end]);
            i = end;
        } else {
            if !json[i].is_ascii_whitespace() {
                out.push(json[i]);
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    /// A section's report is written compact at once: the same bytes as
    /// the pretty report with its whitespace taken out.
    #[test]
    fn compact_report_is_the_pretty_one_minified() {
        let rules = crate::rules::Rules::built_in().unwrap();
        let mut docs = Vec::new();
        for (i, name) in ["000_8df2014312879b32.txt", "001_3bb6fdf6df903105.txt"].iter().enumerate() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds").join(name);
            docs.push(crate::document::load(&path, i).unwrap());
        }
        let run = crate::analyse(docs, &rules).unwrap();
        assert!(!run.findings.is_empty() && !run.claims.is_empty());
        let mut pretty = Vec::new();
        crate::report::write(crate::report::Format::Json, &run, &mut pretty).unwrap();
        let mut minified = Vec::new();
        super::minify(&pretty, &mut minified);
        let mut compact = Vec::new();
        crate::report::json::write_compact(&crate::report::Located::with_baseline(&run, None), &mut compact).unwrap();
        assert_eq!(String::from_utf8(compact).unwrap(), String::from_utf8(minified).unwrap());
    }

    #[test]
    fn minify_keeps_strings() {
        let mut out = Vec::new();
        super::minify(b"{\n  \"a b\": [1, 2],\n  \"c\": \"x \\\" y\"\n}\n", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a b":[1,2],"c":"x \" y"}"#);
    }

    /// The byte-at-a-time definition `minify` must agree with.
    fn minify_bytewise(json: &[u8]) -> Vec<u8> {
        let (mut out, mut in_string, mut escaped) = (Vec::new(), false, false);
        for &b in json {
            if in_string {
                out.push(b);
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else if b == b'"' {
                in_string = true;
                out.push(b);
            } else if !b.is_ascii_whitespace() {
                out.push(b);
            }
        }
        out
    }

    proptest::proptest! {
        /// Whatever the bytes (unterminated strings, a final backslash),
        /// strings are copied whole and nothing panics.
        #[test]
        fn minify_agrees_with_its_definition(json in proptest::collection::vec(
            proptest::sample::select(vec![b'"', b'\\', b' ', b'\n', b'a', b'{', b':', b'1']), 0..60)) {
            let mut out = Vec::new();
            super::minify(&json, &mut out);
            proptest::prop_assert_eq!(out, minify_bytewise(&json));
        }
    }
}
