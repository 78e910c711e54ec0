//! Reading a feed: folders of reports, JSON Lines files and standard
//! input, streamed.
//!
//! Reports are read in chunks: a chunk of files or lines is parsed and its
//! grouping features computed in parallel, then only each report's
//! original bytes (moved, not copied) and its interned features are kept.
//! The normalised copy the pipeline needs is rebuilt group by group when
//! the group is checked, and dropped with it, so the whole feed is held
//! once, as the bytes that were read.
//!
//! A JSON Lines input holds one JSON report document a line, in the shape
//! `check` reads (`{"id","title","source","url","published","text"}`);
//! blank lines are allowed and skipped. A report from line 12 of
//! `feed.jsonl` is named `feed.jsonl:12`, and its byte offsets are into
//! that line. A folder is read recursively in name order: `*.jsonl` files
//! as JSON Lines, other files as reports (plain text, Markdown, or a JSON
//! document when named `*.json`); hidden files are left out.
//!
//! A report that cannot be read (a bad line, a binary file, an id already
//! used) is an error naming the file and line; the other reports are
//! still grouped and checked, as `check` does, and the run exits 2.

use super::group::{Features, Grouper};
use crate::document::{self, Document};
use crate::Error;
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many reports are parsed at a time.
const CHUNK: usize = 256;

/// Where reports come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A folder of reports, a JSON Lines file (`*.jsonl`) or one report.
    Path(PathBuf),
    /// JSON Lines on standard input (`-`).
    Stdin,
}

impl Source {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &Path) -> Source {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::Path(arg.into())
        }
    }
}

/// One report of a feed, without its analysis.
#[derive(Debug)]
pub struct Report {
    /// Its id: the JSON `id`, or the file name. Unique in the feed.
    pub id: String,
    /// Where it was read: a path, or `FILE:LINE` for a JSON Lines report.
    pub path: PathBuf,
    /// Its title, from JSON metadata.
    pub title: Option<String>,
    /// Its outlet, from JSON metadata.
    pub source: Option<String>,
    /// Its publication date, when known.
    pub published: Option<NaiveDate>,
    /// Its size in bytes.
    pub bytes: usize,
    json: bool,
    raw: String,
    /// Its paragraphs and dateline, read once to group it.
    prepared: Option<document::Prepared>,
}

impl Report {
    /// Gives up the bytes held, to be made a document where it is checked.
    pub(crate) fn take(&mut self) -> Pending {
        Pending {
            path: self.path.clone(),
            json: self.json,
            raw: std::mem::take(&mut self.raw),
            prepared: self.prepared.take(),
        }
    }
}

/// A report's bytes on their way to being checked.
#[derive(Debug)]
pub(crate) struct Pending {
    path: PathBuf,
    json: bool,
    raw: String,
    prepared: Option<document::Prepared>,
}

impl Pending {
    /// Rebuilds the document (with its normalised copy) for checking, with
    /// the paragraphs and dateline found when it was read.
    pub(crate) fn document(self, index: usize) -> Result<Document, Error> {
        let bytes = self.raw.into_bytes();
        let mut doc = if self.json {
            document::from_json_bytes(&self.path, bytes, index)
        } else {
            document::from_bytes(&self.path, bytes, index)
        }?;
        if let Some(p) = self.prepared {
            doc.restore(p);
        }
        Ok(doc)
    }
}

/// A feed read and ready to group.
#[derive(Debug, Default)]
pub struct Feed {
    /// Its reports, in the order read.
    pub reports: Vec<Report>,
    /// Their grouping features.
    pub features: Features,
    /// Reports that could not be read.
    pub errors: Vec<Error>,
    /// Total bytes of the reports read.
    pub bytes: usize,
    /// Time spent reading and parsing, summed over threads.
    pub load_time: Duration,
    /// Time spent finding grouping features, summed over threads.
    pub feature_time: Duration,
}

/// One report to read.
enum Item {
    File(PathBuf),
    Line { file: PathBuf, line: usize, bytes: Vec<u8> },
}

/// Reads every source into a feed. `stdin` is read when a source is `-`;
/// `progress` is called with the number of reports read so far.
pub fn read(
    sources: &[Source],
    stdin: &mut dyn BufRead,
    grouper: &Grouper,
    progress: &dyn Fn(usize),
) -> Result<Feed, Error> {
    let mut reader = Reader { feed: Feed::default(), ids: HashMap::default(), pending: Vec::new(), grouper, progress };
    let mut stdin_read = false;
    for source in sources {
        match source {
            Source::Stdin if stdin_read => {
                return Err(Error::Usage("`-` (standard input) is given twice".into()));
            }
            Source::Stdin => {
                stdin_read = true;
                reader.lines(Path::new("<stdin>"), stdin)?;
            }
            Source::Path(path) => reader.path(path)?,
        }
    }
    reader.flush();
    Ok(reader.feed)
}

struct Reader<'a> {
    feed: Feed,
    ids: HashMap<String, usize>,
    pending: Vec<Item>,
    grouper: &'a Grouper,
    progress: &'a dyn Fn(usize),
}

impl Reader<'_> {
    fn path(&mut self, path: &Path) -> Result<(), Error> {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path: path.into() },
            _ => Error::Read { path: path.into(), source: e },
        })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            for file in files {
                self.file(&file)?;
            }
            Ok(())
        } else {
            self.file(path)
        }
    }

    fn file(&mut self, path: &Path) -> Result<(), Error> {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl")) {
            let file = std::fs::File::open(path).map_err(|source| Error::Read { path: path.into(), source })?;
            self.lines(path, &mut std::io::BufReader::new(file))
        } else {
            self.push(Item::File(path.into()));
            Ok(())
        }
    }

    /// Reads JSON Lines, one line at a time.
    fn lines(&mut self, file: &Path, input: &mut dyn BufRead) -> Result<(), Error> {
        let mut line = 0;
        loop {
            let mut bytes = Vec::new();
            let n = input.read_until(b'\n', &mut bytes).map_err(|source| Error::Read { path: file.into(), source })?;
            if n == 0 {
                return Ok(());
            }
            line += 1;
            while bytes.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                bytes.pop();
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.push(Item::Line { file: file.into(), line, bytes });
        }
    }

    fn push(&mut self, item: Item) {
        self.pending.push(item);
        if self.pending.len() >= CHUNK {
            self.flush();
        }
    }

    /// Parses the pending reports in parallel and keeps them in order.
    fn flush(&mut self) {
        let grouper = self.grouper;
        let parsed: Vec<Parsed> =
            std::mem::take(&mut self.pending).into_par_iter().map(|i| parse(i, grouper)).collect();
        for p in parsed {
            self.feed.load_time += p.load_time;
            self.feed.feature_time += p.feature_time;
            let (report, features) = match p.result {
                Ok(r) => r,
                Err(e) => {
                    self.feed.errors.push(e);
                    continue;
                }
            };
            if let Some(&first) = self.ids.get(&report.id) {
                let other = &self.feed.reports[first];
                self.feed.errors.push(Error::BadDocument {
                    path: report.path.clone(),
                    message: format!(
                        "id {:?} is already used by {}; ids must be unique within a feed",
                        report.id,
                        other.path.display()
                    ),
                });
                continue;
            }
            self.ids.insert(report.id.clone(), self.feed.reports.len());
            self.feed.bytes += report.bytes;
            self.feed.features.push(features);
            self.feed.reports.push(report);
        }
        (self.progress)(self.feed.reports.len());
    }
}

struct Parsed {
    result: Result<(Report, Vec<String>), Error>,
    load_time: Duration,
    feature_time: Duration,
}

fn parse(item: Item, grouper: &Grouper) -> Parsed {
    let clock = Instant::now();
    let (doc, json) = match item {
        Item::File(path) => {
            let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
            (document::load(&path, 0), json)
        }
        Item::Line { file, line, bytes } => {
            let label = PathBuf::from(format!("{}:{line}", file.display()));
            let doc = document::from_json_bytes(&label, bytes, 0).map_err(|e| match e {
                // The line is the document: its line 1 is the feed's line.
                Error::BadDocument { path, message } => {
                    Error::BadDocument { path, message: message.replace("(line 1, column ", "(column ") }
                }
                other => other,
            });
            (doc, true)
        }
    };
    let load_time = clock.elapsed();
    let mut doc = match doc {
        Ok(d) => d,
        Err(e) => return Parsed { result: Err(e), load_time, feature_time: Duration::ZERO },
    };
    let clock = Instant::now();
    let features = grouper.features(&mut doc);
    let feature_time = clock.elapsed();
    let prepared = doc.prepared();
    let report = Report {
        id: doc.id,
        path: doc.path,
        title: doc.title,
        source: doc.source,
        published: doc.published,
        bytes: doc.raw.len(),
        json,
        raw: doc.raw,
        prepared,
    };
    Parsed { result: Ok((report, features)), load_time, feature_time }
}

/// Every file under `dir`, recursively, in name order; hidden ones left out.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.into(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}
