//! Running the binary and reading its JSON report back into test-only
#![allow(dead_code)] // every field is read: deserialising checks the schema
//! structs, so that a change to the schema fails a test.

use assert_cmd::Command;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub schema: String,
    pub tool: Tool,
    pub documents: Vec<Document>,
    pub claims: Vec<ListedClaim>,
    pub findings: Vec<Finding>,
    pub copies: Vec<Copy>,
    pub errors: Vec<InputError>,
    /// Only with `--baseline`.
    #[serde(default)]
    pub baseline: Option<serde_json::Value>,
    pub summary: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Where {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub published_from: String,
    pub published_note: String,
    pub published_at: Option<Where>,
    pub sentences: usize,
    pub dropped_duplicates: usize,
    pub dropped: Vec<Dropped>,
    pub group: usize,
    pub credits: Vec<Credit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub text: String,
    pub agencies: Vec<String>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// One report copying passages of another (`copies`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    pub doc: String,
    pub source: String,
    pub decided_by: String,
    pub shared_words: usize,
    pub words: usize,
    pub share: f64,
    pub markers: Vec<String>,
    pub reason: String,
    pub passages: Vec<Passage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub copy: Place,
    pub source: Place,
}

/// A passage in one file: like a claim, bytes, line and column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub path: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub repeats: Where,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListedClaim {
    pub doc: String,
    pub kind: String,
    pub text: String,
    pub value: Option<String>,
    pub precision: Option<String>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub subject: Vec<String>,
    pub predicate: Option<String>,
    /// What the value measures ("profit", "people/killed").
    pub head: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    pub kind: String,
    pub rule: String,
    pub severity: String,
    pub verdict: String,
    pub confidence: f64,
    pub subject: String,
    pub message: String,
    pub reason: String,
    pub scope: String,
    pub claims: Vec<Claim>,
    /// Independent reports behind each claim.
    pub support: Vec<usize>,
    /// Only with `--baseline`, when the baseline suppresses the finding.
    #[serde(default)]
    pub suppressed: Option<serde_json::Value>,
    /// For quotations, the word diff.
    pub diff: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub doc: String,
    pub path: String,
    pub text: String,
    pub value: Option<String>,
    pub precision: Option<String>,
    pub anchor: Option<String>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub sentence: String,
    pub sentence_start: usize,
    pub sentence_end: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputError {
    pub path: Option<String>,
    pub message: String,
}

/// The output of one run of the binary.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `crosscheck` with `args` from the repository root.
pub fn run(args: &[&str]) -> Output {
    let out = Command::cargo_bin("crosscheck").unwrap().current_dir(root()).args(args).output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Runs `crosscheck check --format json FILES...` and parses the report.
pub fn check_json(files: &[&Path]) -> (Output, Report) {
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&argv);
    let report: Report = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("report is not schema JSON: {e}\n{}\nstderr: {}", out.stdout, out.stderr));
    assert_eq!(report.schema, "crosscheck.report/1");
    (out, report)
}

/// The report files of a fixture folder, sorted.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt" || e == "md" || e == "json"))
        .collect();
    files.sort();
    files
}

/// Every claim in the report slices its file exactly.
#[track_caller]
pub fn assert_spans_slice_files(report: &Report) {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
    for f in &report.findings {
        for c in &f.claims {
            let text = read(&c.path);
            assert_eq!(&text[c.start..c.end], c.text, "claim span of finding {}", f.id);
            assert_eq!(&text[c.sentence_start..c.sentence_end], c.sentence);
            let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(c.line, text[..c.start].matches('\n').count() + 1);
            assert_eq!(c.column, text[line_start..c.start].chars().count() + 1);
        }
    }
    for c in &report.claims {
        let doc = report.documents.iter().find(|d| d.id == c.doc).unwrap();
        let text = read(&doc.path);
        assert_eq!(&text[c.start..c.end], c.text);
    }
    for d in &report.documents {
        let text = read(&d.path);
        for c in &d.credits {
            // The credit is shown normalised; a plain file's bytes read the same.
            let raw = &text[c.start..c.end];
            if !d.path.ends_with(".json") && raw.is_ascii() {
                assert_eq!(collapse(raw), c.text, "credit of {}", d.id);
            }
        }
    }
    for c in &report.copies {
        for p in &c.passages {
            for place in [&p.copy, &p.source] {
                let text = read(&place.path);
                assert_eq!(&text[place.start..place.end], place.text, "passage of {} copying {}", c.doc, c.source);
                assert_eq!(place.line, text[..place.start].matches('\n').count() + 1);
            }
        }
    }
}

/// Runs of whitespace made one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
