//! Baselines: findings an editor has accepted, by fingerprint, with a reason.
//!
//! A step after analysis, never inside it: [`Baseline::apply`] marks the
//! findings of a finished [`Run`] whose [`Finding::id`] is listed as
//! suppressed, and lists the entries that matched nothing as stale. Reports
//! show suppressed findings as such, and they do not fail `--fail-on`.
//!
//! The file, schema `crosscheck.baseline/1` (`schema/baseline.schema.json`):
//!
//! ```text
//! {
//!   "schema": "crosscheck.baseline/1",
//!   "entries": [{"fingerprint": 16 hex digits (Finding.id), "rule", "kind",
//!                "message", "reason": why the finding is accepted}]
//! }
//! ```
//! Entries are sorted by rule then fingerprint, one per fingerprint, written
//! as pretty JSON with a final newline, so the file diffs well. Only
//! `fingerprint` and `reason` decide anything; `rule`, `kind` and `message`
//! tell a reader what was accepted.
//!
//! [`Finding::id`]: crate::compare::Finding::id
//! [`Finding`]: crate::compare::Finding

use crate::Run;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The schema name and version of baseline files.
pub const SCHEMA: &str = "crosscheck.baseline/1";

/// The reason given to a new entry by `--write-baseline`, for an editor to
/// replace.
pub const PLACEHOLDER: &str = "TODO: say why this finding is accepted";

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The accepted findings.
    pub entries: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's id.
    pub fingerprint: String,
    /// Its rule (`date-conflict`).
    pub rule: String,
    /// The kind of its claims (`date`).
    pub kind: String,
    /// Its one-line message when it was accepted.
    pub message: String,
    /// Why it is accepted.
    pub reason: String,
}

/// A baseline applied to a run.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The baseline file, as given.
    pub path: PathBuf,
    /// Per finding of the run: the reason of the entry suppressing it.
    pub reasons: Vec<Option<String>>,
    /// Entries that match no finding of the run.
    pub stale: Vec<Entry>,
}

impl Applied {
    /// How many findings are suppressed.
    pub fn suppressed(&self) -> usize {
        self.reasons.iter().filter(|r| r.is_some()).count()
    }
}

/// A baseline file that cannot be used: one line naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct BadBaseline {
    /// The file as given.
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
}

impl Baseline {
    /// Reads and checks a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BadBaseline> {
        let bad = |message: String| BadBaseline { path: path.to_path_buf(), message };
        let bytes = std::fs::read(path).map_err(|e| {
            bad(match e.kind() {
                std::io::ErrorKind::NotFound => "no such baseline file; write one with --write-baseline".into(),
                _ => format!("cannot read the baseline: {e}"),
            })
        })?;
        Baseline::parse(&bytes).map_err(bad)
    }

    /// Parses and checks the bytes of a baseline file.
    pub fn parse(bytes: &[u8]) -> Result<Baseline, String> {
        // The schema first, so that another file gets a plain answer.
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not a crosscheck baseline: not JSON ({e})"))?;
        match value.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            Some(other) => return Err(format!("baseline schema {other:?} is not {SCHEMA:?}")),
            None => return Err(format!("not a crosscheck baseline: no \"schema\": {SCHEMA:?}")),
        }
        let baseline: Baseline =
            serde_json::from_value(value).map_err(|e| format!("not a crosscheck baseline: {e}"))?;
        let mut seen = BTreeSet::new();
        for (i, e) in baseline.entries.iter().enumerate() {
            if e.fingerprint.len() != 16 || !e.fingerprint.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                return Err(format!("entry {}: fingerprint {:?} is not 16 lowercase hex digits", i + 1, e.fingerprint));
            }
            if e.reason.trim().is_empty() {
                return Err(format!(
                    "entry {} ({}): the reason is empty; say why it is accepted",
                    i + 1,
                    e.fingerprint
                ));
            }
            if !seen.insert(e.fingerprint.as_str()) {
                return Err(format!("entry {}: fingerprint {} is listed twice", i + 1, e.fingerprint));
            }
        }
        Ok(baseline)
    }

    /// Every finding of `run`, one entry per fingerprint, keeping the
    /// reasons of `previous` entries and giving new ones [`PLACEHOLDER`].
    pub fn from_run(run: &Run, previous: &[&Baseline]) -> Baseline {
        let known: BTreeMap<&str, &str> = previous
            .iter()
            .flat_map(|b| b.entries.iter())
            .map(|e| (e.fingerprint.as_str(), e.reason.as_str()))
            .rev() // the first baseline given wins
            .collect();
        let mut by_id: BTreeMap<(&str, &str), Entry> = BTreeMap::new();
        for f in &run.findings {
            by_id.entry((f.rule, f.id.as_str())).or_insert_with(|| Entry {
                fingerprint: f.id.clone(),
                rule: f.rule.to_string(),
                kind: f.kind.name().to_string(),
                message: f.message.clone(),
                reason: known.get(f.id.as_str()).map_or(PLACEHOLDER, |r| r).to_string(),
            });
        }
        Baseline { schema: SCHEMA.to_string(), entries: by_id.into_values().collect() }
    }

    /// The file's text: pretty JSON and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        text
    }

    /// Marks the findings of `run` this baseline suppresses. `path` is the
    /// file, for reports.
    pub fn apply(&self, run: &Run, path: &Path) -> Applied {
        let by_id: BTreeMap<&str, &Entry> = self.entries.iter().map(|e| (e.fingerprint.as_str(), e)).collect();
        let reasons = run.findings.iter().map(|f| by_id.get(f.id.as_str()).map(|e| e.reason.clone())).collect();
        let live: BTreeSet<&str> = run.findings.iter().map(|f| f.id.as_str()).collect();
        let stale = self.entries.iter().filter(|e| !live.contains(e.fingerprint.as_str())).cloned().collect();
        Applied { path: path.to_path_buf(), reasons, stale }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fingerprint: &str, reason: &str) -> String {
        format!(
            r#"{{"fingerprint":"{fingerprint}","rule":"date-conflict","kind":"date","message":"m","reason":"{reason}"}}"#
        )
    }

    fn file(entries: &[String]) -> Vec<u8> {
        format!(r#"{{"schema":"{SCHEMA}","entries":[{}]}}"#, entries.join(",")).into_bytes()
    }

    #[test]
    fn a_good_file_parses() {
        let b = Baseline::parse(&file(&[entry("0123456789abcdef", "known")])).unwrap();
        assert_eq!(b.entries.len(), 1);
        assert_eq!(b.entries[0].reason, "known");
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let err = |bytes: &[u8]| Baseline::parse(bytes).unwrap_err();
        assert!(err(b"[1,").contains("not JSON"));
        assert!(err(b"{}").contains("no \"schema\""));
        assert!(err(br#"{"schema":"crosscheck.baseline/9","entries":[]}"#).contains("is not"));
        assert!(err(br#"{"schema":"crosscheck.baseline/1"}"#).contains("missing field `entries`"));
        assert!(err(&file(&[entry("xyz", "r")])).contains("16 lowercase hex"));
        assert!(err(&file(&[entry("0123456789abcdef", " ")])).contains("reason is empty"));
        let twice = [entry("0123456789abcdef", "a"), entry("0123456789abcdef", "b")];
        assert!(err(&file(&twice)).contains("listed twice"));
        let extra = format!(r#"{{"schema":"{SCHEMA}","entries":[],"extra":1}}"#);
        assert!(err(extra.as_bytes()).contains("unknown field `extra`"));
        for e in [err(b"[1,"), err(&file(&twice))] {
            assert!(!e.contains('\n'), "one line: {e}");
        }
    }

    #[test]
    fn written_files_read_back() {
        let b = Baseline {
            schema: SCHEMA.into(),
            entries: vec![Entry {
                fingerprint: "0123456789abcdef".into(),
                rule: "date-conflict".into(),
                kind: "date".into(),
                message: "\"June\" vs \"May\"".into(),
                reason: PLACEHOLDER.into(),
            }],
        };
        let text = b.to_json();
        assert!(text.ends_with("}\n"));
        assert_eq!(Baseline::parse(text.as_bytes()).unwrap(), b);
    }
}
