//! SARIF 2.1.0, for code scanning: GitHub's upload-sarif and any other
//! SARIF viewer.
//!
//! One run; `tool.driver.rules` holds one rule per finding rule
//! ([`crate::rules::RULE_IDS`], in that order, so a rule's index never
//! changes): `id` the kebab-case rule id (`date-conflict`), `name` the same
//! in PascalCase, the descriptions from the comment above the rule in the
//! built-in `rules/severities.toml`, `defaultConfiguration.level` from its
//! built-in severity, and `properties.tags` the kind of claim the rule
//! compares (the id's first word). A rule's severity in a run (a user's
//! `--rules` may change it) is each result's `level`.
//!
//! Each finding is a result:
//! - `ruleId`/`ruleIndex`; `level`: conflict `error`, warning `warning`,
//!   info `note`; `message.text`: the values, then the reason;
//! - `locations`: the first claim, `relatedLocations`: the other claims,
//!   each with its value in `message`. `artifactLocation.uri` is the path
//!   as given, `/`-separated and percent-encoded, relative to `uriBaseId`
//!   `%SRCROOT%` (an absolute path becomes a `file://` URI without a base).
//!   `region` has `startLine`/`startColumn`/`endLine`/`endColumn`
//!   (1-based; columns in UTF-16 code units, `run.columnKind`
//!   `utf16CodeUnits`, the end column just past the claim), `byteOffset`/
//!   `byteLength` into the file, and the claim as `snippet`;
//!   `contextRegion` is the claim's sentence;
//! - `partialFingerprints."crosscheckFingerprint/v1"`: the finding id,
//!   stable across runs and unrelated edits;
//! - `suppressions`: `[{"kind": "external", "status": "accepted",
//!   "justification": reason}]` when a baseline suppresses it (GitHub code
//!   scanning is reported to ignore this and open alerts anyway: the README's
//!   workflow drops such results before uploading);
//! - `properties`: `kind`, `verdict`, `confidence`, `scope`, `subject`,
//!   `support`.
//!
//! `invocations[0]` says whether every input could be read
//! (`executionSuccessful`) and carries, as `toolExecutionNotifications`, the
//! inputs that could not be read (`error`) and stale baseline entries
//! (`note`).

use super::Located;
use crate::compare::Severity;
use crate::span::Span;
use serde::Serialize;
use std::io;

/// The built-in severities, whose comments describe the rules.
const SEVERITIES: &str = include_str!("../../rules/severities.toml");

/// The `$schema` written at the top.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "crosscheckFingerprint/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    kind: &'static str,
    verdict: crate::compare::Verdict,
    confidence: f32,
    scope: &'static str,
    subject: &'a str,
    support: &'a [usize],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: Text,
}

/// Writes the SARIF log as pretty JSON followed by a newline.
pub fn write(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    let mut notifications: Vec<Notification> = run
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: Text { text: e.to_string() },
            locations: e
                .path()
                .map(|p| Location {
                    id: None,
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(p),
                        region: None,
                        context_region: None,
                    },
                    message: None,
                })
                .into_iter()
                .collect(),
        })
        .collect();
    if let Some(b) = located.baseline {
        notifications.extend(b.stale.iter().map(|e| Notification {
            level: "note",
            message: Text {
                text: format!(
                    "{}: stale baseline entry {} ({}: {}) matches no finding",
                    b.path.display(),
                    e.fingerprint,
                    e.rule,
                    e.message
                ),
            },
            locations: Vec::new(),
        }));
    }
    let results = run
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let place = |id: usize, n: Option<usize>| {
                let c = &run.claims[id];
                let doc = &run.documents[c.doc];
                let sentence = run.sentences[c.sentence].span;
                Location {
                    id: n,
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(&doc.path),
                        region: Some(region(located, c.doc, c.span)),
                        context_region: Some(region(located, c.doc, sentence)),
                    },
                    message: n.map(|_| Text {
                        text: format!(
                            "the other claim, in {}: {:?} ({})",
                            doc.id,
                            c.span.of(&doc.raw),
                            c.value.normalised().unwrap_or_else(|| "unresolved".into())
                        ),
                    }),
                }
            };
            SarifResult {
                rule_id: f.rule,
                rule_index: crate::rules::RULE_IDS.iter().position(|r| *r == f.rule).unwrap_or(0),
                level: level(f.severity),
                message: Text { text: format!("{}\n{}", f.message, f.reason) },
                locations: f.claims.first().map(|&c| place(c, None)).into_iter().collect(),
                related_locations: f.claims.iter().skip(1).enumerate().map(|(n, &c)| place(c, Some(n + 1))).collect(),
                partial_fingerprints: Fingerprints { v1: &f.id },
                suppressions: located
                    .suppressed
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|reason| Suppression { kind: "external", status: "accepted", justification: reason })
                    .into_iter()
                    .collect(),
                properties: ResultProperties {
                    kind: f.kind.name(),
                    verdict: f.verdict,
                    confidence: f.confidence,
                    scope: f.scope.name(),
                    subject: &f.subject,
                    support: &f.support,
                },
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules(),
                },
            },
            invocations: [Invocation {
                execution_successful: run.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Conflict => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(located: &Located, doc: usize, span: Span) -> Region {
    let at = located.locate_utf16(doc, span);
    Region {
        start_line: at.line,
        start_column: at.column,
        end_line: at.end_line,
        end_column: at.end_column,
        byte_offset: span.start,
        byte_length: span.len(),
        snippet: Text { text: span.of(&located.run.documents[doc].raw).to_string() },
    }
}

/// The path as given, as a URI reference: relative to `%SRCROOT%`, or a
/// `file://` URI when absolute.
fn artifact(path: &std::path::Path) -> ArtifactLocation {
    let text = path.display().to_string().replace('\\', "/");
    let mut rest = text.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    if rest.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", encode(rest)), uri_base_id: None }
    } else {
        ArtifactLocation { uri: encode(rest), uri_base_id: Some("%SRCROOT%") }
    }
}

/// Percent-encodes every byte but unreserved characters and `/`.
fn encode(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// One rule per finding rule, described by the comment above it in the
/// built-in `rules/severities.toml`.
fn rules() -> Vec<Rule> {
    let docs = rule_docs();
    crate::rules::RULE_IDS
        .iter()
        .map(|&id| {
            let (severity, description) = docs
                .iter()
                .find(|(rule, _, _)| *rule == id)
                .map(|(_, s, d)| (*s, d.clone()))
                .unwrap_or(("off", String::new()));
            let short = description.split_inclusive(". ").next().unwrap_or("").trim().to_string();
            Rule {
                id,
                name: id.split('-').map(capitalise).collect(),
                short_description: Text { text: short },
                full_description: Text { text: description },
                default_configuration: Configuration {
                    enabled: severity != "off",
                    level: match Severity::parse(severity) {
                        Some(s) => level(s),
                        None => "none",
                    },
                },
                properties: RuleProperties { tags: vec![id.split('-').next().unwrap_or(id)] },
            }
        })
        .collect()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `(rule, severity, description)` of each `rule = "severity"` line of
/// the built-in severities: the description is the comment just above it.
fn rule_docs() -> Vec<(&'static str, &'static str, String)> {
    let mut docs = Vec::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in SEVERITIES.lines().map(str::trim) {
        if let Some(text) = line.strip_prefix('#') {
            comment.push(text.trim());
        } else if let Some((key, value)) = line.split_once('=') {
            docs.push((key.trim(), value.trim().trim_matches('"'), comment.join(" ")));
            comment.clear();
        } else {
            comment.clear();
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_described_with_its_built_in_severity() {
        let rules = rules();
        assert_eq!(rules.len(), crate::rules::RULE_IDS.len());
        let built_in = crate::rules::Rules::built_in().unwrap();
        for r in &rules {
            assert!(r.full_description.text.len() > 20, "{} is described: {:?}", r.id, r.full_description.text);
            assert!(r.short_description.text.len() <= r.full_description.text.len());
            let want = built_in.severities.get(r.id).map_or("none", |s| level(*s));
            assert_eq!(r.default_configuration.level, want, "{}", r.id);
        }
        assert_eq!(rules[0].name, "DateConflict");
        assert_eq!(rules[0].properties.tags, ["date"]);
    }

    #[test]
    fn paths_become_uri_references() {
        let a = artifact("./fixtures/seeds/a b#1.txt".as_ref());
        assert_eq!((a.uri.as_str(), a.uri_base_id), ("fixtures/seeds/a%20b%231.txt", Some("%SRCROOT%")));
        let a = artifact("/tmp/é.txt".as_ref());
        assert_eq!((a.uri.as_str(), a.uri_base_id), ("file:///tmp/%C3%A9.txt", None));
    }
}
