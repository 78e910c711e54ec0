//! The grouping as JSON, schema `crosscheck.groups/1`: what `crosscheck
//! group` prints and what `--groups FILE` reads back after a person has
//! corrected it.
//!
//! ```text
//! {
//!   "schema": "crosscheck.groups/1",
//!   "reports": number of reports in the feed,
//!   "groups": [{"group": 1, "reports": ["id", ...] (in feed order),
//!               "similarity": average cosine over its pairs, or null for one report,
//!               "shared": ["tianjin", "6.2", "2025-12-04", ...] (what most of them share),
//!               "titles": [title or null, ...] (one per report, to help a person)}]
//! }
//! ```
//! Only `groups[].reports` is read back; the other fields may be left,
//! changed or removed. Every report of the feed must be in exactly one
//! group (a group of one report is left unchecked), and every id must be
//! one of the feed's: anything else is an error naming the file.

use super::group::{describe, GroupRules, Grouping};
use super::input::Feed;
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io;
use std::path::Path;

/// The schema name and version of a grouping file.
pub const SCHEMA: &str = "crosscheck.groups/1";

#[derive(Serialize)]
struct Wire<'a> {
    schema: &'static str,
    reports: usize,
    groups: Vec<WireGroup<'a>>,
}

#[derive(Serialize)]
struct WireGroup<'a> {
    group: usize,
    reports: Vec<&'a str>,
    similarity: Option<f64>,
    shared: &'a [String],
    titles: Vec<Option<&'a str>>,
}

/// Writes the grouping as pretty JSON followed by a newline.
pub fn write(feed: &Feed, grouping: &Grouping, out: &mut dyn io::Write) -> io::Result<()> {
    let wire = Wire {
        schema: SCHEMA,
        reports: feed.reports.len(),
        groups: grouping
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| WireGroup {
                group: i + 1,
                reports: g.reports.iter().map(|&r| feed.reports[r].id.as_str()).collect(),
                similarity: g.similarity.map(round),
                shared: &g.shared,
                titles: g.reports.iter().map(|&r| feed.reports[r].title.as_deref()).collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &wire)?;
    writeln!(out)
}

/// A similarity to three decimals, so that reports read well and do not
/// depend on the last bits of a float sum.
pub fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

#[derive(Deserialize)]
struct ReadBack {
    #[serde(default)]
    schema: Option<String>,
    groups: Vec<ReadGroup>,
}

#[derive(Deserialize)]
struct ReadGroup {
    reports: Vec<String>,
}

/// Reads a grouping file and checks it against the feed.
pub fn read(path: &Path, feed: &Feed, rules: &GroupRules) -> Result<Grouping, Error> {
    let bad = |message: String| Error::BadDocument { path: path.into(), message };
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::NotFound { path: path.into() },
        _ => Error::Read { path: path.into(), source: e },
    })?;
    let wire: ReadBack = serde_json::from_str(&text).map_err(|e| {
        bad(format!(
            "not a grouping (line {}, column {}): {}; expected {{\"groups\": [{{\"reports\": [ids]}}]}} as `crosscheck group` prints",
            e.line(),
            e.column(),
            e.to_string().split(" at line ").next().unwrap_or_default()
        ))
    })?;
    if let Some(schema) = wire.schema.as_deref().filter(|s| *s != SCHEMA) {
        return Err(bad(format!("schema is {schema:?}; this crosscheck reads {SCHEMA:?}")));
    }
    let index: HashMap<&str, usize> = feed.reports.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut placed: Vec<Option<usize>> = vec![None; feed.reports.len()];
    let mut groups = Vec::new();
    for (g, group) in wire.groups.iter().enumerate() {
        if group.reports.is_empty() {
            return Err(bad(format!("group {} lists no report; remove it or add its reports", g + 1)));
        }
        let mut members = Vec::new();
        for id in &group.reports {
            let &r = index.get(id.as_str()).ok_or_else(|| {
                bad(format!("group {} lists {id:?}, which is not a report of the feed; the ids are those `crosscheck group` prints", g + 1))
            })?;
            if let Some(first) = placed[r] {
                return Err(bad(format!(
                    "{id:?} is in group {} and in group {}; a report is about one event only",
                    first + 1,
                    g + 1
                )));
            }
            placed[r] = Some(g);
            members.push(r);
        }
        members.sort_unstable();
        groups.push(members);
    }
    let missing: Vec<&str> =
        placed.iter().enumerate().filter(|(_, p)| p.is_none()).map(|(r, _)| feed.reports[r].id.as_str()).collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(5).map(|id| format!("{id:?}")).collect();
        return Err(bad(format!(
            "{} report{} of the feed {} in no group ({}{}); list every report once, alone in a group to leave it unchecked",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            if missing.len() == 1 { "is" } else { "are" },
            shown.join(", "),
            if missing.len() > 5 { ", ..." } else { "" }
        )));
    }
    Ok(describe(&feed.features, rules, groups))
}
