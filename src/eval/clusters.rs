//! The whole checker scored against labelled clusters of reports.
//!
//! Input: a folder DIR holding one folder per event (a *cluster*), each with
//!
//! - `meta.json`: the event and its reports,
//!   `{"event": "…", "docs": [{"file": "a.txt", "outlet": "Reuters", "url": "…",
//!   "published": "2025-12-04"}]}`; only the files listed here are read, and
//!   `published` overrides the report's own date as `--published` does;
//! - the report files;
//! - `labels.json`: what an editor says about them,
//!   `{"conflicts": [LABEL], "consistent": [LABEL], "ambiguous": [LABEL],
//!   "copies": [{"file": "c.txt", "source": "a.txt"}]}` with
//!   `LABEL = {"kind": "date", "a": {"file": "a.txt", "text": "…"},
//!   "b": {"file": "b.txt", "text": "…"}, "note": "…"}`. Only `conflicts` is
//!   required. Each `text` is an exact substring of its file and stands for
//!   its first occurrence; `kind` is one of [`KINDS`].
//!
//! Output: an [`Evaluation`] — per cluster the *flags* (findings of severity
//! warning or conflict; info findings are not flags) and how each was
//! judged, the figures overall and by kind, and what went wrong.
//!
//! Scoring ([`matches()`], [`judge`], [`Counts`]):
//!
//! - a flag **matches** a label when two of its claims' spans (bytes of the
//!   original files) overlap the label's two texts, one each, in either
//!   order; `a` and `b` may be in the same file;
//! - a flag is *matched* when it matches a conflict label, *excluded* when
//!   it matches only ambiguous labels, and a *false alarm* otherwise; a false
//!   alarm matching a `consistent` label is a *trap false alarm*;
//! - recall = conflict labels matched by a flag / conflict labels;
//!   precision = matched flags / (flags − excluded flags); F1 their harmonic
//!   mean; a ratio over zero is 0;
//! - by kind: recall by the label's kind, precision by the finding's kind
//!   name; a flag matching a conflict label of another kind still counts as
//!   a match, and is listed as a *kind mismatch*.
//!
//! Copies (`copies`) are scored too: the checker's [`crate::Run::copies`]
//! against the labelled ones ([`detected_copies`], [`score_copies`]).

use crate::compare::Severity;
use crate::document::{self, DateSource, Document};
use crate::span::{LineIndex, Span};
use crate::{Checker, Error, Run};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The schema name of the JSON report.
pub const SCHEMA: &str = "crosscheck.eval/1";

/// The kinds a label may have, in report order. Findings may bring other
/// kind names; they are reported after these.
pub const KINDS: [&str; 11] =
    ["date", "time", "number", "ordinal", "duration", "person", "role", "place", "organisation", "quote", "negation"];

/// How many conflict labels and traps each kind needs for the acceptance.
pub const WANTED_PER_KIND: usize = 3;

// ---------------------------------------------------------------- data

/// A text in a report: a label's side, or a claim of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file as `meta.json` names it.
    pub file: String,
    /// The file's path as read (`DIR/cluster/file`).
    pub path: String,
    /// The text.
    pub text: String,
    /// First byte in the original file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of the first byte.
    pub line: usize,
    /// 1-based column (in characters) of the first byte.
    pub column: usize,
}

impl Place {
    /// The place of `span` in `doc`, a report named `file` in `meta.json`.
    pub fn new(file: &str, doc: &Document, lines: &LineIndex, span: Span) -> Place {
        let (line, column) = lines.line_col(&doc.raw, span.start);
        Place {
            file: file.to_string(),
            path: doc.path.display().to_string(),
            text: doc.raw.get(span.start..span.end).unwrap_or("").to_string(),
            start: span.start,
            end: span.end,
            line,
            column,
        }
    }

    /// Its bytes.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Whether the two places are in one file and share a byte.
    pub fn overlaps(&self, other: &Place) -> bool {
        self.file == other.file && self.span().overlaps(&other.span())
    }
}

/// `"text" path:line:column`.
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}:{}:{}", self.text, self.path, self.line, self.column)
    }
}

/// The section of `labels.json` a label is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// `conflicts`: the two texts cannot both be true.
    Conflicts,
    /// `consistent`: traps, texts that look alike and do not conflict.
    Consistent,
    /// `ambiguous`: either reading can be defended; flags here are not scored.
    Ambiguous,
}

impl Section {
    /// The key in `labels.json`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Conflicts => "conflicts",
            Section::Consistent => "consistent",
            Section::Ambiguous => "ambiguous",
        }
    }
}

/// A labelled pair of texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Its section.
    pub section: Section,
    /// Its 1-based position in the section.
    pub number: usize,
    /// One of [`KINDS`].
    pub kind: String,
    /// The first text.
    pub a: Place,
    /// The second text.
    pub b: Place,
    /// Why, in the labeller's words.
    pub note: Option<String>,
}

impl Label {
    /// `conflicts #2`: how messages name the label.
    pub fn name(&self) -> String {
        format!("{} #{}", self.section.name(), self.number)
    }
}

/// One report of a cluster, as `meta.json` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file name, relative to the cluster's folder.
    pub file: String,
    /// The outlet.
    pub outlet: Option<String>,
    /// Its address.
    pub url: Option<String>,
    /// Its publication date, overriding what the report says.
    pub published: Option<NaiveDate>,
}

/// A labelled copy: `file` repeats `source`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CopyLabel {
    /// The copy.
    pub file: String,
    /// What it copies.
    pub source: String,
}

/// One event: its reports and their labels.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// The folder's name.
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
    /// `event` of `meta.json`.
    pub event: String,
    /// The reports, in `meta.json` order.
    pub reports: Vec<Report>,
    /// The labels, conflicts first, then consistent, then ambiguous.
    pub labels: Vec<Label>,
    /// The labelled copies.
    pub copies: Vec<CopyLabel>,
}

impl Cluster {
    /// How many labels the section has.
    pub fn count(&self, section: Section) -> usize {
        self.labels.iter().filter(|l| l.section == section).count()
    }
}

/// A finding of severity warning or conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// The finding's kind name (`date`).
    pub kind: String,
    /// The rule that made it (`date-conflict`).
    pub rule: String,
    /// Warning or conflict.
    pub severity: Severity,
    /// The finding's one-line message.
    pub message: String,
    /// Its claims.
    pub claims: Vec<Place>,
}

// ---------------------------------------------------------------- reading

/// `meta.json`.
#[derive(Debug, Deserialize)]
struct RawMeta {
    #[serde(default)]
    event: Option<String>,
    docs: Vec<RawDoc>,
}

/// A report of `meta.json`.
#[derive(Debug, Deserialize)]
struct RawDoc {
    file: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// `labels.json`. Unknown sections are refused, so that a misspelt one is
/// not silently empty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    conflicts: Vec<RawLabel>,
    #[serde(default)]
    consistent: Option<Vec<RawLabel>>,
    #[serde(default)]
    ambiguous: Option<Vec<RawLabel>>,
    #[serde(default)]
    copies: Option<Vec<RawCopy>>,
}

/// A label of `labels.json`.
#[derive(Debug, Deserialize)]
struct RawLabel {
    kind: String,
    a: RawSide,
    b: RawSide,
    #[serde(default)]
    note: Option<String>,
}

/// One side of a label.
#[derive(Debug, Deserialize)]
struct RawSide {
    file: String,
    text: String,
}

/// A copy of `labels.json`.
#[derive(Debug, Deserialize)]
struct RawCopy {
    file: String,
    source: String,
}

/// The cluster folders of `dir`, sorted by name; hidden folders are skipped.
pub fn cluster_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let bad = |message: &str| Error::BadDocument { path: dir.into(), message: message.into() };
    if !dir.exists() {
        return Err(bad("no such folder; check the path"));
    }
    if !dir.is_dir() {
        return Err(bad("is not a folder; expected a folder holding one folder per event"));
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.into(), source })?;
    let mut dirs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|source| Error::Read { path: dir.into(), source })?.path();
        let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_dir() && !hidden {
            dirs.push(path);
        }
    }
    if dirs.is_empty() {
        return Err(bad(
            "holds no cluster folders; expected one folder per event with meta.json, labels.json and its reports",
        ));
    }
    dirs.sort();
    Ok(dirs)
}

/// Reads a JSON file of a cluster into `T`; `shape` says what is expected.
fn read_json<T: for<'de> Deserialize<'de>>(path: &Path, shape: &str) -> Result<T, Error> {
    let bad = |message: String| Error::BadDocument { path: path.into(), message };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(bad(format!("missing; every cluster folder needs one: {shape}")))
        }
        Err(e) if e.kind() == io::ErrorKind::InvalidData => return Err(bad("not valid UTF-8".into())),
        Err(source) => return Err(Error::Read { path: path.into(), source }),
    };
    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => format!("expected {shape}"),
            _ => "not valid JSON".into(),
        };
        let detail = e.to_string();
        let detail = detail.rfind(" at line ").map_or(detail.as_str(), |i| &detail[..i]);
        bad(format!("line {}, column {}: {what}: {detail}", e.line(), e.column()))
    })
}

/// Reads a cluster folder: its `meta.json`, its reports and its
/// `labels.json`, with every label's texts found in their files. The
/// reports are returned loaded, in `meta.json` order, with the publication
/// dates of `meta.json` set.
pub fn read_cluster(dir: &Path) -> Result<(Cluster, Vec<Document>), Error> {
    let name = dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    let (event, reports, documents) = read_meta(dir)?;
    let (labels, copies) = read_labels(dir, &reports, &documents)?;
    Ok((Cluster { name, dir: dir.into(), event, reports, labels, copies }, documents))
}

/// Reads `meta.json` and loads the reports it lists.
fn read_meta(dir: &Path) -> Result<(String, Vec<Report>, Vec<Document>), Error> {
    let meta_path = dir.join("meta.json");
    let meta: RawMeta = read_json(&meta_path, r#"{"event": "…", "docs": [{"file", "outlet", "url", "published"}]}"#)?;
    let bad_meta = |message: String| Error::BadDocument { path: meta_path.clone(), message };
    if meta.docs.is_empty() {
        return Err(bad_meta("`docs` is empty; list the cluster's reports".into()));
    }
    let mut reports: Vec<Report> = Vec::new();
    let mut documents = Vec::new();
    for (i, d) in meta.docs.into_iter().enumerate() {
        let which = format!("docs #{} ({:?})", i + 1, d.file);
        if matches!(d.file.as_str(), "meta.json" | "labels.json") || d.file.trim().is_empty() {
            return Err(bad_meta(format!("{which}: not a report file")));
        }
        if reports.iter().any(|r| r.file == d.file) {
            return Err(bad_meta(format!("{which}: listed twice")));
        }
        let published = match d.published.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(
                crate::calendar::parse_iso_day(p)
                    .ok_or_else(|| bad_meta(format!("{which}: published {p:?} is not a date as YYYY-MM-DD")))?,
            ),
        };
        let mut doc = document::load(&dir.join(&d.file), i)?;
        // As `crosscheck check --published FILE=DATE` does (see `crate::check`).
        if let Some(date) = published {
            doc.published = Some(date);
            doc.published_from = DateSource::Flag;
            doc.published_note = "from --published".into();
        }
        documents.push(doc);
        reports.push(Report { file: d.file, outlet: d.outlet, url: d.url, published });
    }
    Ok((meta.event.unwrap_or_default(), reports, documents))
}

/// Reads `labels.json` and finds every label's texts in its reports.
fn read_labels(dir: &Path, reports: &[Report], documents: &[Document]) -> Result<(Vec<Label>, Vec<CopyLabel>), Error> {
    let labels_path = dir.join("labels.json");
    let raw: RawLabels = read_json(
        &labels_path,
        r#"{"conflicts": [{"kind", "a": {"file", "text"}, "b": {"file", "text"}, "note"}], "consistent": […], "ambiguous": […], "copies": [{"file", "source"}]}"#,
    )?;
    let bad_labels = |message: String| Error::BadDocument { path: labels_path.clone(), message };
    let indexes: Vec<LineIndex> = documents.iter().map(|d| LineIndex::new(&d.raw)).collect();
    let report_of = |file: &str| reports.iter().position(|r| r.file == file);
    let mut labels = Vec::new();
    let sections = [
        (Section::Conflicts, raw.conflicts),
        (Section::Consistent, raw.consistent.unwrap_or_default()),
        (Section::Ambiguous, raw.ambiguous.unwrap_or_default()),
    ];
    for (section, list) in sections {
        for (i, l) in list.into_iter().enumerate() {
            let which = format!("{} #{}", section.name(), i + 1);
            let kind = l.kind.trim();
            if !KINDS.contains(&kind) {
                return Err(bad_labels(format!("{which}: kind {:?} is not one of {}", l.kind, KINDS.join(", "))));
            }
            let place = |side: &RawSide, key: &str| -> Result<Place, Error> {
                let r = report_of(&side.file).ok_or_else(|| {
                    bad_labels(format!("{which}: {key}.file {:?} is not one of the docs of meta.json", side.file))
                })?;
                if side.text.is_empty() {
                    return Err(bad_labels(format!("{which}: {key}.text is empty")));
                }
                let doc = &documents[r];
                let at = doc.raw.find(&side.text).ok_or_else(|| {
                    bad_labels(format!(
                        "{which}: {key}.text {:?} is not in {}; copy it exactly from the file",
                        side.text, side.file
                    ))
                })?;
                Ok(Place::new(&side.file, doc, &indexes[r], Span::new(at, at + side.text.len())))
            };
            labels.push(Label {
                section,
                number: i + 1,
                kind: kind.to_string(),
                a: place(&l.a, "a")?,
                b: place(&l.b, "b")?,
                note: l.note.filter(|n| !n.trim().is_empty()),
            });
        }
    }
    let mut copies = Vec::new();
    for (i, c) in raw.copies.unwrap_or_default().into_iter().enumerate() {
        for (key, file) in [("file", &c.file), ("source", &c.source)] {
            if report_of(file).is_none() {
                return Err(bad_labels(format!(
                    "copies #{}: {key} {file:?} is not one of the docs of meta.json",
                    i + 1
                )));
            }
        }
        copies.push(CopyLabel { file: c.file, source: c.source });
    }
    Ok((labels, copies))
}

// ---------------------------------------------------------------- scoring

/// Whether two of the flag's claims overlap the label's two texts, one
/// each, in either order.
pub fn matches(flag: &Flag, label: &Label) -> bool {
    let c = &flag.claims;
    (0..c.len()).any(|i| (0..c.len()).any(|j| i != j && c[i].overlaps(&label.a) && c[j].overlaps(&label.b)))
}

/// The labels one flag matches (indexes into the cluster's labels), by
/// section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgement {
    /// Conflict labels.
    pub conflicts: Vec<usize>,
    /// Consistent labels (traps).
    pub traps: Vec<usize>,
    /// Ambiguous labels.
    pub ambiguous: Vec<usize>,
}

/// What a flag counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// It matches a conflict label.
    Matched,
    /// It matches only ambiguous labels: left out of precision.
    Excluded,
    /// It matches no conflict and no ambiguous label.
    FalseAlarm,
}

impl Judgement {
    /// What the flag counts as.
    pub fn class(&self) -> Class {
        if !self.conflicts.is_empty() {
            Class::Matched
        } else if !self.ambiguous.is_empty() {
            Class::Excluded
        } else {
            Class::FalseAlarm
        }
    }
}

/// Which labels each flag matches.
pub fn judge(labels: &[Label], flags: &[Flag]) -> Vec<Judgement> {
    flags
        .iter()
        .map(|flag| {
            let mut j = Judgement::default();
            for (i, label) in labels.iter().enumerate().filter(|(_, l)| matches(flag, l)) {
                match label.section {
                    Section::Conflicts => j.conflicts.push(i),
                    Section::Consistent => j.traps.push(i),
                    Section::Ambiguous => j.ambiguous.push(i),
                }
            }
            j
        })
        .collect()
}

/// Whether a matched flag matches no conflict label of its own kind.
fn is_kind_mismatch(judgement: &Judgement, flag: &Flag, labels: &[Label]) -> bool {
    !judgement.conflicts.is_empty() && !judgement.conflicts.iter().any(|&i| labels[i].kind == flag.kind)
}

/// Counts of a cluster, a kind, or everything. Label counts are by the
/// label's kind, flag counts by the finding's kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Conflict labels.
    pub conflict_labels: usize,
    /// Of them, matched by at least one flag.
    pub found: usize,
    /// Consistent labels (traps).
    pub traps: usize,
    /// Ambiguous labels.
    pub ambiguous_labels: usize,
    /// Flags: findings of severity warning or conflict.
    pub flags: usize,
    /// Flags matching a conflict label.
    pub matched: usize,
    /// Flags matching only ambiguous labels, left out of precision.
    pub excluded: usize,
    /// Flags matching no conflict and no ambiguous label.
    pub false_alarms: usize,
    /// False alarms matching a consistent label.
    pub trap_false_alarms: usize,
    /// Matched flags whose conflict labels are all of another kind.
    pub kind_mismatches: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.conflict_labels += o.conflict_labels;
        self.found += o.found;
        self.traps += o.traps;
        self.ambiguous_labels += o.ambiguous_labels;
        self.flags += o.flags;
        self.matched += o.matched;
        self.excluded += o.excluded;
        self.false_alarms += o.false_alarms;
        self.trap_false_alarms += o.trap_false_alarms;
        self.kind_mismatches += o.kind_mismatches;
    }
}

impl Counts {
    /// The figures.
    pub fn scores(&self) -> Scores {
        let precision = ratio(self.matched, self.matched + self.false_alarms);
        let recall = ratio(self.found, self.conflict_labels);
        Scores { counts: *self, precision, recall, f1: f1(precision, recall) }
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

/// The harmonic mean of precision and recall (0 when both are 0).
fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Counts with their precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// The counts they come from.
    #[serde(flatten)]
    pub counts: Counts,
    /// `matched / (flags − excluded)`.
    pub precision: f64,
    /// `found / conflict_labels`.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

/// Counts overall and by kind name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Everything.
    pub overall: Counts,
    /// By kind: label figures by the label's kind, flag figures by the
    /// finding's kind. Every kind of [`KINDS`] is there.
    pub by_kind: BTreeMap<String, Counts>,
}

impl Tally {
    /// Counts one cluster's labels and flags, judged with [`judge`]; returns
    /// the cluster's own counts.
    pub fn add(&mut self, labels: &[Label], flags: &[Flag], judgements: &[Judgement]) -> Counts {
        for k in KINDS {
            self.by_kind.entry(k.to_string()).or_default();
        }
        let mut by_kind: BTreeMap<&str, Counts> = BTreeMap::new();
        for (i, label) in labels.iter().enumerate() {
            let c = by_kind.entry(&label.kind).or_default();
            match label.section {
                Section::Conflicts => {
                    c.conflict_labels += 1;
                    c.found += usize::from(judgements.iter().any(|j| j.conflicts.contains(&i)));
                }
                Section::Consistent => c.traps += 1,
                Section::Ambiguous => c.ambiguous_labels += 1,
            }
        }
        for (flag, j) in flags.iter().zip(judgements) {
            let c = by_kind.entry(&flag.kind).or_default();
            c.flags += 1;
            match j.class() {
                Class::Matched => c.matched += 1,
                Class::Excluded => c.excluded += 1,
                Class::FalseAlarm => {
                    c.false_alarms += 1;
                    c.trap_false_alarms += usize::from(!j.traps.is_empty());
                }
            }
            c.kind_mismatches += usize::from(is_kind_mismatch(j, flag, labels));
        }
        let mut cluster = Counts::default();
        for (kind, c) in by_kind {
            *self.by_kind.entry(kind.to_string()).or_default() += c;
            cluster += c;
        }
        self.overall += cluster;
        cluster
    }

    /// The figures overall.
    pub fn scores(&self) -> Scores {
        self.overall.scores()
    }

    /// The kinds in report order: [`KINDS`], then the others by name.
    pub fn kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = KINDS.to_vec();
        kinds.extend(self.by_kind.keys().map(String::as_str).filter(|k| !KINDS.contains(k)));
        kinds
    }
}

/// Copy detection scored against the labelled copies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CopyScores {
    /// Labelled `(copy, source)` pairs.
    pub labelled: usize,
    /// Detected pairs.
    pub detected: usize,
    /// Detected pairs that are labelled.
    pub matched: usize,
    /// `matched / detected`.
    pub precision: f64,
    /// `matched / labelled`.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

/// Scores detected `(copy_file, source_file)` pairs against the labelled
/// ones. A pair matches only in its direction: the copy must be the copy.
/// Repeated pairs count once. File names are only unique in a cluster:
/// qualify them with the cluster's name when pairs of several clusters are
/// scored together.
pub fn score_copies(labelled: &[(String, String)], detected: &[(String, String)]) -> CopyScores {
    let labelled: BTreeSet<&(String, String)> = labelled.iter().collect();
    let detected: BTreeSet<&(String, String)> = detected.iter().collect();
    let matched = detected.intersection(&labelled).count();
    let (precision, recall) = (ratio(matched, detected.len()), ratio(matched, labelled.len()));
    CopyScores {
        labelled: labelled.len(),
        detected: detected.len(),
        matched,
        precision,
        recall,
        f1: f1(precision, recall),
    }
}

/// The copies the checker found in a run, as `(copy, source)` file names
/// as `meta.json` writes them, for [`score_copies`].
pub fn detected_copies(run: &Run) -> Vec<(String, String)> {
    let name =
        |i: usize| run.documents[i].path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    run.copies.iter().map(|c| (name(c.doc), name(c.source))).collect()
}

// ---------------------------------------------------------------- running

/// One cluster checked and scored.
#[derive(Debug, Clone)]
pub struct ClusterResult {
    /// The cluster and its labels.
    pub cluster: Cluster,
    /// How many findings the checker made, of any severity.
    pub findings: usize,
    /// The flags, in the checker's order.
    pub flags: Vec<Flag>,
    /// Per flag, the labels it matches.
    pub judgements: Vec<Judgement>,
    /// The copies detected.
    pub copies: Vec<(String, String)>,
    /// Its counts.
    pub counts: Counts,
    /// Per conflict label no flag matched (by label index), what the
    /// checker saw there: see [`diagnose`].
    pub diagnoses: Vec<(usize, String)>,
}

/// A whole evaluation: every cluster, and the figures.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The folder of clusters.
    pub dir: PathBuf,
    /// The clusters, by folder name.
    pub clusters: Vec<ClusterResult>,
    /// Counts over all clusters.
    pub tally: Tally,
}

/// The flags of a run of one cluster's reports.
pub fn flags(run: &Run, cluster: &Cluster) -> Vec<Flag> {
    let indexes: Vec<LineIndex> = run.documents.iter().map(|d| LineIndex::new(&d.raw)).collect();
    run.findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| Flag {
            kind: f.kind.name().to_string(),
            rule: f.rule.to_string(),
            severity: f.severity,
            message: f.message.clone(),
            claims: f
                .claims
                .iter()
                .map(|&id| {
                    let claim = &run.claims[id];
                    let doc = &run.documents[claim.doc];
                    Place::new(&cluster.reports[doc.index].file, doc, &indexes[doc.index], claim.span)
                })
                .collect(),
        })
        .collect()
}

/// Checks one cluster's reports together and scores the flags.
pub fn evaluate_cluster(
    checker: &Checker,
    cluster: Cluster,
    documents: Vec<Document>,
    tally: &mut Tally,
) -> ClusterResult {
    let run = checker.analyse(documents);
    let flags = flags(&run, &cluster);
    let judgements = judge(&cluster.labels, &flags);
    let counts = tally.add(&cluster.labels, &flags, &judgements);
    let copies = detected_copies(&run);
    let diagnoses = (0..cluster.labels.len())
        .filter(|&i| {
            cluster.labels[i].section == Section::Conflicts && !judgements.iter().any(|j| j.conflicts.contains(&i))
        })
        .map(|i| (i, diagnose(&run, &cluster, &cluster.labels[i])))
        .collect();
    ClusterResult { findings: run.findings.len(), copies, cluster, flags, judgements, counts, diagnoses }
}

/// What the checker saw at a missed label, for whoever improves it: the
/// claims inside each labelled text (kind, value and head) and whether
/// their sentences were paired, and with what score.
pub fn diagnose(run: &Run, cluster: &Cluster, label: &Label) -> String {
    let inside = |place: &Place| -> Vec<&crate::extract::Claim> {
        run.claims
            .iter()
            .filter(|c| {
                let doc = &run.documents[c.doc];
                cluster.reports[doc.index].file == place.file && c.span.overlaps(&place.span())
            })
            .collect()
    };
    let describe = |claims: &[&crate::extract::Claim]| -> String {
        if claims.is_empty() {
            return "no claim".to_string();
        }
        let items: Vec<String> = claims
            .iter()
            .map(|c| {
                let doc = &run.documents[c.doc];
                let text = doc.raw.get(c.span.start..c.span.end).unwrap_or("");
                let value = c.value.normalised().unwrap_or_default();
                let head = c.head.as_deref().map(|h| format!(" head={h}")).unwrap_or_default();
                format!("{} {text:?}={value}{head}", c.value.kind().name())
            })
            .collect();
        items.join(", ")
    };
    let sentence_of = |place: &Place| -> Option<usize> {
        run.sentences.iter().position(|s| {
            let doc = &run.documents[s.doc];
            cluster.reports[doc.index].file == place.file && s.span.overlaps(&place.span())
        })
    };
    let (ca, cb) = (inside(&label.a), inside(&label.b));
    let paired = match (sentence_of(&label.a), sentence_of(&label.b)) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.min(y), x.max(y));
            match run.pairs.iter().find(|p| p.a == x && p.b == y) {
                Some(p) => format!("sentences paired ({:.2})", p.score),
                None => "sentences not paired".to_string(),
            }
        }
        _ => "sentence not found".to_string(),
    };
    format!("a: {}; b: {}; {paired}", describe(&ca), describe(&cb))
}

/// Reads every cluster of `dir` and scores the checker on them. The first
/// bad input stops the evaluation.
pub fn evaluate(dir: &Path, checker: &Checker) -> Result<Evaluation, Error> {
    let mut tally = Tally::default();
    let mut clusters = Vec::new();
    for cluster_dir in cluster_dirs(dir)? {
        let (cluster, documents) = read_cluster(&cluster_dir)?;
        clusters.push(evaluate_cluster(checker, cluster, documents, &mut tally));
    }
    Ok(Evaluation { dir: dir.into(), clusters, tally })
}

/// A conflict label no flag matched.
#[derive(Debug, Clone, Serialize)]
pub struct Missed<'a> {
    /// The cluster.
    pub cluster: &'a str,
    /// The label.
    #[serde(flatten)]
    pub label: &'a Label,
    /// What the checker saw there ([`diagnose`]).
    pub why: Option<&'a str>,
}

/// `CLUSTER: MISS KIND "a" path:line:col / "b" path:line:col (note)`.
impl fmt::Display for Missed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = self.label;
        write!(f, "{}: MISS {} {} / {}", self.cluster, l.kind, l.a, l.b)?;
        if let Some(note) = &l.note {
            write!(f, " ({note})")?;
        }
        Ok(())
    }
}

/// A flag that is a false alarm, or that matched a label of another kind.
#[derive(Debug, Clone, Serialize)]
pub struct Mistaken<'a> {
    /// The cluster.
    pub cluster: &'a str,
    /// The flag.
    #[serde(flatten)]
    pub flag: &'a Flag,
    /// For a false alarm, the traps it hit; for a kind mismatch, the
    /// conflict labels it matched.
    pub labels: Vec<&'a Label>,
}

impl Mistaken<'_> {
    fn claims(&self) -> String {
        self.flag.claims.iter().map(ToString::to_string).collect::<Vec<_>>().join(" / ")
    }
}

/// A false alarm: `CLUSTER: FALSE KIND [rule] "a" path:line:col / "b"
/// path:line:col`, then `; trap consistent #N (note)` for each trap hit.
struct FalseLine<'a, 'b>(&'b Mistaken<'a>);

impl fmt::Display for FalseLine<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        write!(f, "{}: FALSE {} [{}] {}", m.cluster, m.flag.kind, m.flag.rule, m.claims())?;
        for l in &m.labels {
            write!(f, "; trap {}", l.name())?;
            if let Some(note) = &l.note {
                write!(f, " ({note})")?;
            }
        }
        Ok(())
    }
}

/// A kind mismatch: `CLUSTER: KIND FINDING-KIND [rule] matched conflicts #N
/// (LABEL-KIND) "a" path:line:col / "b" path:line:col`.
struct KindLine<'a, 'b>(&'b Mistaken<'a>);

impl fmt::Display for KindLine<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        write!(f, "{}: KIND {} [{}] matched", m.cluster, m.flag.kind, m.flag.rule)?;
        for (i, l) in m.labels.iter().enumerate() {
            write!(f, "{} {} ({})", if i == 0 { "" } else { "," }, l.name(), l.kind)?;
        }
        write!(f, ": {}", m.claims())
    }
}

impl Evaluation {
    /// The figures overall.
    pub fn scores(&self) -> Scores {
        self.tally.scores()
    }

    /// How many reports there are.
    pub fn reports(&self) -> usize {
        self.clusters.iter().map(|c| c.cluster.reports.len()).sum()
    }

    /// How many labels the section has over all clusters.
    pub fn labels(&self, section: Section) -> usize {
        self.clusters.iter().map(|c| c.cluster.count(section)).sum()
    }

    /// How many copies are labelled.
    pub fn labelled_copies(&self) -> usize {
        self.clusters.iter().map(|c| c.cluster.copies.len()).sum()
    }

    /// Copy detection scored.
    pub fn copies(&self) -> CopyScores {
        let qualify =
            |cluster: &str, (copy, source): (&str, &str)| (format!("{cluster}/{copy}"), format!("{cluster}/{source}"));
        let mut labelled = Vec::new();
        let mut detected = Vec::new();
        for c in &self.clusters {
            let name = &c.cluster.name;
            labelled.extend(c.cluster.copies.iter().map(|p| qualify(name, (&p.file, &p.source))));
            detected.extend(c.copies.iter().map(|(a, b)| qualify(name, (a, b))));
        }
        score_copies(&labelled, &detected)
    }

    /// Conflict labels no flag matched, by cluster.
    pub fn missed(&self) -> Vec<Missed<'_>> {
        let mut out = Vec::new();
        for c in &self.clusters {
            for (i, label) in c.cluster.labels.iter().enumerate() {
                if label.section == Section::Conflicts && !c.judgements.iter().any(|j| j.conflicts.contains(&i)) {
                    let why = c.diagnoses.iter().find(|(j, _)| *j == i).map(|(_, why)| why.as_str());
                    out.push(Missed { cluster: &c.cluster.name, label, why });
                }
            }
        }
        out
    }

    /// False alarms with the traps they hit, by cluster.
    pub fn false_alarms(&self) -> Vec<Mistaken<'_>> {
        self.flagged(|j, _, _| j.class() == Class::FalseAlarm, |j| &j.traps)
    }

    /// Flags that matched conflict labels only of another kind.
    pub fn kind_mismatches(&self) -> Vec<Mistaken<'_>> {
        self.flagged(is_kind_mismatch, |j| &j.conflicts)
    }

    fn flagged<'a>(
        &'a self,
        keep: impl Fn(&Judgement, &Flag, &[Label]) -> bool,
        labels: impl Fn(&Judgement) -> &Vec<usize>,
    ) -> Vec<Mistaken<'a>> {
        let mut out = Vec::new();
        for c in &self.clusters {
            for (flag, j) in c.flags.iter().zip(&c.judgements) {
                if keep(j, flag, &c.cluster.labels) {
                    let labels = labels(j).iter().map(|&i| &c.cluster.labels[i]).collect();
                    out.push(Mistaken { cluster: &c.cluster.name, flag, labels });
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------- reports

/// The JSON report, schema `crosscheck.eval/1` (fields may be added within
/// a version; a rename or removal bumps it):
///
/// ```json
/// {
///   "schema": "crosscheck.eval/1",
///   "dir": "fixtures/eval",
///   "counts": {"clusters": 12, "reports": 40, "findings": 70, "flags": 20,
///              "labels": {"conflicts": 30, "consistent": 25, "ambiguous": 5, "copies": 3}},
///   "overall": {"conflict_labels": 30, "found": 18, "traps": 25, "ambiguous_labels": 5,
///               "flags": 20, "matched": 12, "excluded": 2, "false_alarms": 6,
///               "trap_false_alarms": 3, "kind_mismatches": 1,
///               "precision": 0.67, "recall": 0.6, "f1": 0.63},
///   "by_kind": {"date": {…same fields…}, "duration": {…}, …},
///   "copies": {"labelled": 3, "scores": {"labelled": 3, "detected": 3, "matched": 3,
///                                        "precision": 1.0, "recall": 1.0, "f1": 1.0}},
///   "clusters": [{"name": "sco-summit", "event": "…", "reports": 3, "findings": 5,
///                 …the fields of "overall"…}],
///   "kind_mismatches": [{"cluster": "…", "kind": "number", "rule": "number-conflict",
///                        "severity": "conflict", "message": "…", "claims": [PLACE, PLACE],
///                        "labels": [LABEL], "line": "…"}],
///   "errors": {"missed": [{"cluster": "…", "section": "conflicts", "number": 1, "kind": "date",
///                          "a": PLACE, "b": PLACE, "note": "…", "line": "…"}],
///              "false_alarms": [{"cluster": "…", "kind": "date", "rule": "date-conflict", …,
///                                "labels": [the traps it hit], "line": "…"}]}
/// }
/// ```
///
/// with `PLACE = {"file", "path", "text", "start", "end", "line", "column"}`
/// (bytes of the original file; 1-based line, column in characters).
///
/// - figures are fractions in 0..=1; a ratio over zero is 0;
/// - `by_kind` has every kind of [`KINDS`] and any other kind a finding
///   has, by name; label counts (`conflict_labels`, `found`, `traps`,
///   `ambiguous_labels`, `recall`) are by the label's kind, flag counts and
///   `precision` by the finding's kind;
/// - `clusters` are sorted by folder name;
/// - `errors` is there only with `--errors`; `line` is the line `--errors`
///   prints.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The folder of clusters.
    pub dir: String,
    /// What was read and found.
    pub counts: JsonCounts,
    /// The figures over everything.
    pub overall: Scores,
    /// The figures by kind name.
    pub by_kind: BTreeMap<String, Scores>,
    /// Labelled copies and their scores.
    pub copies: JsonCopies,
    /// Per cluster.
    pub clusters: Vec<JsonCluster<'a>>,
    /// Flags that matched only conflict labels of another kind.
    pub kind_mismatches: Vec<JsonLine<Mistaken<'a>>>,
    /// Misses and false alarms, with `--errors`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<JsonErrors<'a>>,
}

/// `counts` of the JSON report.
#[derive(Debug, Serialize)]
pub struct JsonCounts {
    /// Cluster folders.
    pub clusters: usize,
    /// Reports read.
    pub reports: usize,
    /// Findings of any severity.
    pub findings: usize,
    /// Findings of severity warning or conflict.
    pub flags: usize,
    /// Labels by section.
    pub labels: JsonLabelCounts,
}

/// Labels by section.
#[derive(Debug, Serialize)]
pub struct JsonLabelCounts {
    /// `conflicts`.
    pub conflicts: usize,
    /// `consistent`.
    pub consistent: usize,
    /// `ambiguous`.
    pub ambiguous: usize,
    /// `copies`.
    pub copies: usize,
}

/// `copies` of the JSON report.
#[derive(Debug, Serialize)]
pub struct JsonCopies {
    /// Labelled copies.
    pub labelled: usize,
    /// The scores.
    pub scores: CopyScores,
}

/// A cluster in the JSON report.
#[derive(Debug, Serialize)]
pub struct JsonCluster<'a> {
    /// Folder name.
    pub name: &'a str,
    /// `event` of `meta.json`.
    pub event: &'a str,
    /// Reports.
    pub reports: usize,
    /// Findings of any severity.
    pub findings: usize,
    /// Its figures.
    #[serde(flatten)]
    pub scores: Scores,
}

/// An item with its `--errors` line.
#[derive(Debug, Serialize)]
pub struct JsonLine<T: Serialize> {
    /// The item.
    #[serde(flatten)]
    pub item: T,
    /// Its line.
    pub line: String,
}

/// `errors` of the JSON report.
#[derive(Debug, Serialize)]
pub struct JsonErrors<'a> {
    /// Conflict labels no flag matched.
    pub missed: Vec<JsonLine<Missed<'a>>>,
    /// Flags matching no conflict and no ambiguous label.
    pub false_alarms: Vec<JsonLine<Mistaken<'a>>>,
}

impl Evaluation {
    /// The JSON report; `errors` adds every miss and false alarm.
    pub fn json_report(&self, errors: bool) -> JsonReport<'_> {
        JsonReport {
            schema: SCHEMA,
            dir: self.dir.display().to_string(),
            counts: JsonCounts {
                clusters: self.clusters.len(),
                reports: self.reports(),
                findings: self.clusters.iter().map(|c| c.findings).sum(),
                flags: self.tally.overall.flags,
                labels: JsonLabelCounts {
                    conflicts: self.labels(Section::Conflicts),
                    consistent: self.labels(Section::Consistent),
                    ambiguous: self.labels(Section::Ambiguous),
                    copies: self.labelled_copies(),
                },
            },
            overall: self.scores(),
            by_kind: self.tally.by_kind.iter().map(|(k, c)| (k.clone(), c.scores())).collect(),
            copies: JsonCopies { labelled: self.labelled_copies(), scores: self.copies() },
            clusters: self
                .clusters
                .iter()
                .map(|c| JsonCluster {
                    name: &c.cluster.name,
                    event: &c.cluster.event,
                    reports: c.cluster.reports.len(),
                    findings: c.findings,
                    scores: c.counts.scores(),
                })
                .collect(),
            kind_mismatches: self
                .kind_mismatches()
                .into_iter()
                .map(|m| JsonLine { line: KindLine(&m).to_string(), item: m })
                .collect(),
            errors: errors.then(|| JsonErrors {
                missed: self.missed().into_iter().map(|m| JsonLine { line: m.to_string(), item: m }).collect(),
                false_alarms: self
                    .false_alarms()
                    .into_iter()
                    .map(|m| JsonLine { line: FalseLine(&m).to_string(), item: m })
                    .collect(),
            }),
        }
    }

    /// Writes the JSON report, pretty-printed, with a final newline.
    pub fn write_json<W: Write>(&self, out: &mut W, errors: bool) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.json_report(errors))?;
        out.write_all(b"\n")
    }

    /// Writes the report for a person; `errors` adds one line per missed
    /// conflict and per false alarm.
    pub fn write_text<W: Write>(&self, out: &mut W, errors: bool) -> io::Result<()> {
        let pct = |x: f64| format!("{:.2}", 100.0 * x);
        let s = self.scores();
        let c = &s.counts;
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        writeln!(out, "Labelled clusters: {}", self.dir.display())?;
        writeln!(
            out,
            "{}, {}; labels: {}, {} consistent (traps), {} ambiguous, {}",
            plural(self.clusters.len(), "cluster", "clusters"),
            plural(self.reports(), "report", "reports"),
            plural(self.labels(Section::Conflicts), "conflict", "conflicts"),
            self.labels(Section::Consistent),
            self.labels(Section::Ambiguous),
            plural(self.labelled_copies(), "copy", "copies"),
        )?;
        let findings: usize = self.clusters.iter().map(|cl| cl.findings).sum();
        writeln!(
            out,
            "{}, {} (warning or conflict)",
            plural(findings, "finding", "findings"),
            plural(c.flags, "flag", "flags")
        )?;
        writeln!(out)?;
        writeln!(out, "overall: precision {}  recall {}  F1 {}", pct(s.precision), pct(s.recall), pct(s.f1))?;
        writeln!(
            out,
            "  {} of {} conflict labels found; {}: {} matched, {} excluded (ambiguous), {} ({} on traps); {}",
            c.found,
            c.conflict_labels,
            plural(c.flags, "flag", "flags"),
            c.matched,
            c.excluded,
            plural(c.false_alarms, "false alarm", "false alarms"),
            c.trap_false_alarms,
            plural(c.kind_mismatches, "kind mismatch", "kind mismatches"),
        )?;
        match (self.labelled_copies(), self.copies()) {
            (0, _) => writeln!(out, "copies: none labelled")?,
            (n, cs) => writeln!(
                out,
                "copies: {n} labelled, {} detected, {} right; precision {}  recall {}  F1 {}",
                cs.detected,
                cs.matched,
                pct(cs.precision),
                pct(cs.recall),
                pct(cs.f1)
            )?,
        }
        writeln!(out)?;
        let header = [
            "conflicts",
            "found",
            "traps",
            "ambig",
            "flags",
            "matched",
            "excluded",
            "false",
            "trap FA",
            "precision",
            "recall",
            "F1",
        ];
        let widths: Vec<usize> = header.iter().map(|h| h.len().max(6)).collect();
        let kinds = self.tally.kinds();
        let kind_width = kinds.iter().map(|k| k.len() + 2).max().unwrap_or(0).max(4);
        write!(out, "{:<kind_width$}", "kind")?;
        for (h, w) in header.iter().zip(&widths) {
            write!(out, "  {h:>w$}")?;
        }
        writeln!(out)?;
        let mut short = false;
        for kind in kinds {
            let r = self.tally.by_kind.get(kind).copied().unwrap_or_default().scores();
            let k = &r.counts;
            let few = KINDS.contains(&kind) && (k.conflict_labels < WANTED_PER_KIND || k.traps < WANTED_PER_KIND);
            short |= few;
            write!(out, "{:<kind_width$}", format!("{kind}{}", if few { " *" } else { "" }))?;
            let cells = [
                k.conflict_labels.to_string(),
                k.found.to_string(),
                k.traps.to_string(),
                k.ambiguous_labels.to_string(),
                k.flags.to_string(),
                k.matched.to_string(),
                k.excluded.to_string(),
                k.false_alarms.to_string(),
                k.trap_false_alarms.to_string(),
                pct(r.precision),
                pct(r.recall),
                pct(r.f1),
            ];
            for (cell, w) in cells.iter().zip(&widths) {
                write!(out, "  {cell:>w$}")?;
            }
            writeln!(out)?;
        }
        writeln!(
            out,
            "(percentages; conflicts, found, traps and ambig by the label's kind, the rest by the finding's kind)"
        )?;
        if short {
            writeln!(out, "* fewer than {WANTED_PER_KIND} conflict labels or traps of this kind")?;
        }
        let mismatches = self.kind_mismatches();
        if !mismatches.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}:", plural(mismatches.len(), "kind mismatch", "kind mismatches"))?;
            for m in &mismatches {
                writeln!(out, "{}", KindLine(m))?;
            }
        }
        if errors {
            let missed = self.missed();
            writeln!(out)?;
            writeln!(out, "{}:", plural(missed.len(), "missed conflict", "missed conflicts"))?;
            for m in &missed {
                writeln!(out, "{m}")?;
                if let Some(why) = &m.why {
                    writeln!(out, "    saw {why}")?;
                }
            }
            let false_alarms = self.false_alarms();
            writeln!(out)?;
            writeln!(out, "{}:", plural(false_alarms.len(), "false alarm", "false alarms"))?;
            for m in &false_alarms {
                writeln!(out, "{}", FalseLine(m))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A place of `len` bytes at `start` in `file`.
    fn at(file: &str, start: usize, len: usize) -> Place {
        Place {
            file: file.into(),
            path: format!("dir/c/{file}"),
            text: "x".repeat(len),
            start,
            end: start + len,
            line: 1,
            column: start + 1,
        }
    }

    fn label(section: Section, kind: &str, a: Place, b: Place) -> Label {
        Label { section, number: 1, kind: kind.into(), a, b, note: None }
    }

    fn flag(kind: &str, claims: Vec<Place>) -> Flag {
        Flag {
            kind: kind.into(),
            rule: format!("{kind}-conflict"),
            severity: Severity::Conflict,
            message: String::new(),
            claims,
        }
    }

    #[test]
    fn a_flag_matches_when_each_claim_overlaps_one_side_in_either_order() {
        let l = label(Section::Conflicts, "date", at("a.txt", 10, 9), at("b.txt", 40, 21));
        // Exact, swapped, and partly overlapping ("June" inside "June 2025").
        assert!(matches(&flag("date", vec![at("a.txt", 10, 9), at("b.txt", 40, 21)]), &l));
        assert!(matches(&flag("date", vec![at("b.txt", 40, 21), at("a.txt", 10, 9)]), &l));
        assert!(matches(&flag("date", vec![at("a.txt", 5, 9), at("b.txt", 60, 5)]), &l));
        // Touching is not overlapping: a.txt 0..10 ends where the label starts.
        assert!(!matches(&flag("date", vec![at("a.txt", 0, 10), at("b.txt", 40, 21)]), &l));
        assert!(!matches(&flag("date", vec![at("a.txt", 10, 9), at("b.txt", 61, 3)]), &l));
        // The right bytes in the wrong file.
        assert!(!matches(&flag("date", vec![at("c.txt", 10, 9), at("b.txt", 40, 21)]), &l));
        // Both claims on one side.
        assert!(!matches(&flag("date", vec![at("a.txt", 10, 4), at("a.txt", 15, 4)]), &l));
        // A single claim never matches a pair.
        assert!(!matches(&flag("date", vec![at("a.txt", 10, 9)]), &l));
    }

    #[test]
    fn an_intra_document_label_needs_two_distinct_claims() {
        let l = label(Section::Conflicts, "date", at("a.txt", 10, 9), at("a.txt", 100, 9));
        assert!(matches(&flag("date", vec![at("a.txt", 100, 9), at("a.txt", 10, 9)]), &l));
        // One claim overlapping both sides (it spans them) is not a pair.
        assert!(!matches(&flag("date", vec![at("a.txt", 0, 200)]), &l));
        assert!(!matches(&flag("date", vec![at("a.txt", 10, 9), at("a.txt", 50, 9)]), &l));
    }

    #[test]
    fn flags_are_matched_excluded_or_false_alarms() {
        let labels = vec![
            label(Section::Conflicts, "date", at("a.txt", 0, 5), at("b.txt", 0, 5)),
            label(Section::Consistent, "date", at("a.txt", 10, 5), at("b.txt", 10, 5)),
            label(Section::Ambiguous, "date", at("a.txt", 20, 5), at("b.txt", 20, 5)),
            // An ambiguous label and a trap on one pair: ambiguous wins.
            label(Section::Ambiguous, "date", at("a.txt", 30, 5), at("b.txt", 30, 5)),
            label(Section::Consistent, "date", at("a.txt", 30, 5), at("b.txt", 30, 5)),
        ];
        let pair = |s: usize| flag("date", vec![at("a.txt", s, 5), at("b.txt", s, 5)]);
        let flags = vec![pair(0), pair(10), pair(20), pair(30), pair(50)];
        let j = judge(&labels, &flags);
        let classes: Vec<Class> = j.iter().map(Judgement::class).collect();
        assert_eq!(classes, [Class::Matched, Class::FalseAlarm, Class::Excluded, Class::Excluded, Class::FalseAlarm]);
        assert_eq!((j[1].traps.as_slice(), j[4].traps.as_slice()), (&[1][..], &[][..]));
        assert_eq!(j[3], Judgement { conflicts: vec![], traps: vec![4], ambiguous: vec![3] });
    }

    #[test]
    fn figures_by_hand() {
        // Two date conflicts, one number conflict, a time conflict; one
        // date trap and one number trap; one ambiguous date pair.
        let labels = vec![
            label(Section::Conflicts, "date", at("a.txt", 0, 5), at("b.txt", 0, 5)),
            label(Section::Conflicts, "date", at("a.txt", 10, 5), at("b.txt", 10, 5)),
            label(Section::Conflicts, "number", at("a.txt", 20, 5), at("b.txt", 20, 5)),
            label(Section::Conflicts, "time", at("a.txt", 25, 5), at("b.txt", 25, 5)),
            label(Section::Consistent, "date", at("a.txt", 30, 5), at("b.txt", 30, 5)),
            label(Section::Consistent, "number", at("a.txt", 40, 5), at("b.txt", 40, 5)),
            label(Section::Ambiguous, "date", at("a.txt", 50, 5), at("b.txt", 50, 5)),
        ];
        let pair = |kind: &str, s: usize| flag(kind, vec![at("a.txt", s, 5), at("b.txt", s, 5)]);
        let flags = vec![
            pair("date", 0),    // matched
            pair("date", 0),    // matched again: a second flag of one conflict
            pair("date", 25),   // matched, a time label: kind mismatch
            pair("date", 30),   // trap false alarm
            pair("date", 50),   // excluded
            pair("number", 40), // trap false alarm
            pair("number", 60), // false alarm, no label
        ];
        let j = judge(&labels, &flags);
        let mut tally = Tally::default();
        let cluster = tally.add(&labels, &flags, &j);
        assert_eq!(cluster, tally.overall);
        let s = tally.scores();
        assert_eq!(
            s.counts,
            Counts {
                conflict_labels: 4,
                found: 2,
                traps: 2,
                ambiguous_labels: 1,
                flags: 7,
                matched: 3,
                excluded: 1,
                false_alarms: 3,
                trap_false_alarms: 2,
                kind_mismatches: 1,
            }
        );
        // Precision 3 / (7 − 1); recall 2 / 4; F1 2·0.5·0.5 / 1.
        assert_eq!((s.precision, s.recall, s.f1), (0.5, 0.5, 0.5));
        let date = tally.by_kind["date"].scores();
        assert_eq!((date.counts.conflict_labels, date.counts.found, date.counts.traps), (2, 1, 1));
        assert_eq!((date.counts.flags, date.counts.matched, date.counts.false_alarms), (5, 3, 1));
        // Date precision 3 / (5 − 1) = 0.75; recall 1 / 2.
        assert_eq!((date.precision, date.recall), (0.75, 0.5));
        assert!((date.f1 - 0.6).abs() < 1e-12);
        let number = tally.by_kind["number"].scores();
        assert_eq!((number.counts.found, number.counts.matched, number.counts.trap_false_alarms), (0, 0, 1));
        assert_eq!((number.precision, number.recall, number.f1), (0.0, 0.0, 0.0));
        let time = tally.by_kind["time"].scores();
        assert_eq!((time.counts.conflict_labels, time.counts.found, time.counts.flags), (1, 1, 0));
        assert_eq!((time.precision, time.recall), (0.0, 1.0), "found by a date flag; no time flags");
        assert_eq!(tally.by_kind.len(), KINDS.len(), "every kind is reported, no more");
        // A second cluster adds up.
        tally.add(&labels[..1], &flags[..1], &j[..1]);
        assert_eq!((tally.overall.conflict_labels, tally.overall.found, tally.overall.matched), (5, 3, 4));
    }

    #[test]
    fn no_labels_and_no_flags_score_zero() {
        let mut tally = Tally::default();
        assert_eq!(tally.add(&[], &[], &[]), Counts::default());
        let s = tally.scores();
        assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
        assert_eq!(tally.kinds(), KINDS.to_vec());
        // A finding kind not in the label vocabulary gets its own row, last.
        let f = vec![flag("quantity", vec![at("a.txt", 0, 1), at("b.txt", 0, 1)])];
        tally.add(&[], &f, &judge(&[], &f));
        assert_eq!(tally.kinds().last(), Some(&"quantity"));
        assert_eq!(tally.by_kind["quantity"].false_alarms, 1);
    }

    #[test]
    fn copies_are_scored_in_their_direction_once_each() {
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        let labelled = vec![p("c.txt", "a.txt"), p("d.txt", "a.txt")];
        let detected = vec![p("c.txt", "a.txt"), p("c.txt", "a.txt"), p("a.txt", "d.txt"), p("e.txt", "b.txt")];
        let s = score_copies(&labelled, &detected);
        assert_eq!((s.labelled, s.detected, s.matched), (2, 3, 1));
        assert_eq!((s.precision, s.recall), (1.0 / 3.0, 0.5));
        assert!((s.f1 - 0.4).abs() < 1e-12);
        let none = score_copies(&labelled, &[]);
        assert_eq!((none.precision, none.recall, none.f1), (0.0, 0.0, 0.0));
    }
}
