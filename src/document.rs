//! Stage 1, load: a path becomes a [`Document`].
//!
//! Input: a file path (plain text, Markdown, or a JSON document
//! `{"id","title","source","url","published","text"}`). Output: the
//! document with its original bytes, a normalised copy for matching that
//! maps back to those bytes, its body split into paragraphs with repeated
//! paragraphs dropped (and listed), and its publication date with where that
//! date came from.

use crate::calendar::{parse_iso_day, PartialDate};
use crate::extract::dates::{DateFinder, Form};
use crate::normalize::{collapse, Collapsed, Normalized};
use crate::pattern::alternation;
use crate::span::Span;
use crate::Error;
use chrono::NaiveDate;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One report of the run.
#[derive(Debug, Clone)]
pub struct Document {
    /// Position in the run.
    pub index: usize,
    /// Identifier used in reports: the JSON `id`, or the file name.
    pub id: String,
    /// The path as the user gave it.
    pub path: PathBuf,
    /// Title, from JSON metadata.
    pub title: Option<String>,
    /// Outlet, from JSON metadata.
    pub source: Option<String>,
    /// Address, from JSON metadata.
    pub url: Option<String>,
    /// Locale (`en-GB`), from JSON metadata: how to read numeric dates.
    pub locale: Option<String>,
    /// The whole file, exactly as read. Every span in every report indexes it.
    pub raw: String,
    /// The report's text normalised for matching, mapped back to `raw`.
    pub norm: Normalized,
    /// Ranges of `norm.text` to segment: the paragraphs kept, datelines cut.
    pub body: Vec<Span>,
    /// Paragraphs dropped because they repeat an earlier one.
    pub dropped: Vec<Dropped>,
    /// The publication date, when known.
    pub published: Option<NaiveDate>,
    /// Where the publication date came from.
    pub published_from: DateSource,
    /// The dateline or header the date was read from (a span of `raw`).
    pub published_span: Option<Span>,
    /// A month and day read from a dateline without a year, kept until the
    /// other reports of the run can complete it.
    pub yearless: Option<(u32, u32)>,
    /// A plain-words note on how the date was found.
    pub published_note: String,
    /// Whether [`prepare`] has run on it (or its outcome was restored with
    /// [`Document::restore`]): a run does not prepare it again.
    pub prepared: bool,
}

/// What [`prepare`] found in a document, kept apart from its text: batch
/// mode reads each report's header to group it, drops the text, and gives
/// this back to the document rebuilt for the check instead of reading the
/// header again.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    body: Vec<Span>,
    dropped: Vec<Dropped>,
    published: Option<NaiveDate>,
    published_from: Option<DateSource>,
    published_span: Option<Span>,
    yearless: Option<(u32, u32)>,
    published_note: String,
}

impl Document {
    /// The outcome of [`prepare`] on this document, if it has run.
    pub fn prepared(&self) -> Option<Prepared> {
        self.prepared.then(|| Prepared {
            body: self.body.clone(),
            dropped: self.dropped.clone(),
            published: self.published,
            published_from: Some(self.published_from),
            published_span: self.published_span,
            yearless: self.yearless,
            published_note: self.published_note.clone(),
        })
    }

    /// Gives a document, built again from the same bytes, what [`prepare`]
    /// found in it before; it then counts as prepared.
    pub fn restore(&mut self, p: Prepared) {
        self.body = p.body;
        self.dropped = p.dropped;
        self.published = p.published;
        self.published_from = p.published_from.unwrap_or(self.published_from);
        self.published_span = p.published_span;
        self.yearless = p.yearless;
        self.published_note = p.published_note;
        self.prepared = true;
    }
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The `published` field of a JSON document.
    Metadata,
    /// `--published FILE=DATE`.
    Flag,
    /// A dateline or header line in the text.
    Dateline,
    /// A dateline without a year, completed from another report.
    Inferred,
    /// Not found.
    Unknown,
}

impl DateSource {
    /// Where the date came from, in words: "from its dateline".
    pub fn phrase(self) -> &'static str {
        match self {
            DateSource::Metadata => "from its metadata",
            DateSource::Flag => "from --published",
            DateSource::Dateline => "from its dateline",
            DateSource::Inferred => "year taken from another report",
            DateSource::Unknown => "unknown",
        }
    }

    /// The lowercase name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Flag => "flag",
            DateSource::Dateline => "dateline",
            DateSource::Inferred => "inferred",
            DateSource::Unknown => "unknown",
        }
    }
}

/// A paragraph left out because it repeats an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    /// The repeated paragraph (a span of `raw`).
    pub span: Span,
    /// The earlier paragraph it repeats (a span of `raw`).
    pub repeats: Span,
}

/// Vocabulary for datelines and header lines, from `rules/datelines.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatelineRules {
    /// Labels before a publication date: `Published`, `Posted`.
    pub published_labels: Vec<String>,
    /// Labels before an update date: `Updated`, `Last updated`.
    pub updated_labels: Vec<String>,
    /// News agencies credited in datelines: `(Reuters)`, `(AP)`.
    pub agencies: Vec<String>,
    /// Time-zone abbreviations that may follow a header time: `IST`.
    pub time_zones: Vec<String>,
    /// How many leading paragraphs may hold a header date or dateline.
    pub header_paragraphs: usize,
    /// Examples checked by a test: a header and the date it gives.
    #[serde(default)]
    pub examples: Vec<DatelineExample>,
}

/// One example of `rules/datelines.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatelineExample {
    /// The start of a report.
    pub text: String,
    /// The date it gives: `YYYY-MM-DD`, `--MM-DD` without a year, or empty.
    pub date: String,
}

/// Compiled dateline matchers.
#[derive(Debug, Clone)]
pub struct Datelines {
    header: Regex,
    tail: Regex,
    prefix: Regex,
    agencies: Vec<String>,
    paragraphs: usize,
}

impl Datelines {
    /// Compiles the rules.
    pub fn new(rules: &DatelineRules) -> Result<Datelines, String> {
        let published = alternation(&rules.published_labels);
        let updated = alternation(&rules.updated_labels);
        let header = format!(r"^[\s\-*•>|]*(?:(?P<updated>{updated})|(?:{published}))?(?:\s+on)?\s*:?\s*(?P<rest>.+)$");
        let zones = alternation(&rules.time_zones);
        let tail = format!(
            r"^\s*(?:,|at|\|)?\s*(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\(?(?:{zones})\)?)?)?\s*[,.|]?\s*$"
        );
        let prefix = r"^(?P<place>\p{Lu}[\p{L}.'\-]*(?:[ ,]{1,2}[\p{L}.'\-]+){0,5}?)(?:\s*\[[^\]\n]{1,40}\])?(?:\s*\((?P<agency1>[^)\n]{1,30})\))?(?:\s*,\s*(?P<date>[^:()\n]{3,40}?))?\s*(?:\((?P<agency2>[^)\n]{1,30})\))?\s*(?::|-|_)\s+";
        let build = |name: &str, re: &str| Regex::new(re).map_err(|e| format!("cannot build the {name} matcher: {e}"));
        Ok(Datelines {
            header: build("header", &header)?,
            tail: build("header time", &tail)?,
            prefix: build("dateline", prefix)?,
            agencies: rules.agencies.iter().map(|a| a.trim().to_string()).collect(),
            paragraphs: rules.header_paragraphs.max(1),
        })
    }
}

/// A date read from the top of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    date: HeaderDate,
    /// The span of the dateline in `norm.text`.
    span: Span,
    /// Whether it is an update time rather than the publication time.
    updated: bool,
    /// Whether the span is a prefix of a paragraph to cut from the body
    /// (false for whole header lines).
    prefix: bool,
}

/// What a header line or dateline says of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderDate {
    Day(NaiveDate),
    Yearless(u32, u32),
    None,
}

/// Reads the file at `path` into a document.
pub fn load(path: &Path, index: usize) -> Result<Document, Error> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NotFound { path: path.into() }),
        Err(e) if path.is_dir() || e.raw_os_error() == Some(21) => {
            return Err(Error::IsDirectory { path: path.into() })
        }
        Err(source) => return Err(Error::Read { path: path.into(), source }),
    };
    from_bytes(path, bytes, index)
}

/// Builds a document from the bytes of a file.
pub fn from_bytes(path: &Path, bytes: Vec<u8>, index: usize) -> Result<Document, Error> {
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    build(path, bytes, index, is_json)
}

/// Builds a document from the bytes of a JSON document
/// `{"id","title","source","url","published","text"}` whatever `path` is
/// called: a line of a JSON Lines feed, say, named `feed.jsonl:12`.
pub fn from_json_bytes(path: &Path, bytes: Vec<u8>, index: usize) -> Result<Document, Error> {
    build(path, bytes, index, true)
}

fn build(path: &Path, bytes: Vec<u8>, index: usize, is_json: bool) -> Result<Document, Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: path.into() });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
    {
        return Err(Error::Binary { path: path.into(), offset, byte: bytes[offset] });
    }
    let raw = String::from_utf8(bytes)
        .map_err(|e| Error::NotUtf8 { path: path.into(), offset: e.utf8_error().valid_up_to() })?;
    let file_id =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let mut doc = Document {
        index,
        id: file_id,
        path: path.into(),
        title: None,
        source: None,
        url: None,
        locale: None,
        norm: Normalized::default(),
        raw: String::new(),
        body: Vec::new(),
        dropped: Vec::new(),
        published: None,
        published_from: DateSource::Unknown,
        published_span: None,
        yearless: None,
        published_note: "no publication date found".into(),
        prepared: false,
    };
    if is_json {
        let meta = json_meta(path, &raw)?;
        let mut norm = crate::normalize::Builder::with_capacity(raw.len().saturating_sub(meta.text_at));
        decode_json_string(&raw, meta.text_at, &mut norm);
        doc.norm = norm.finish();
        if let Some(id) = meta.id.filter(|s| !s.trim().is_empty()) {
            doc.id = id;
        }
        doc.title = meta.title;
        doc.source = meta.source;
        doc.url = meta.url;
        doc.locale = meta.locale;
        if let Some(p) = meta.published {
            let day = parse_iso_day(&p).ok_or_else(|| Error::BadDocument {
                path: path.into(),
                message: format!("`published` is {p:?}, not a date as YYYY-MM-DD"),
            })?;
            doc.published = Some(day);
            doc.published_from = DateSource::Metadata;
            doc.published_note = "from the `published` field".into();
        }
        if doc.norm.text.trim().is_empty() {
            return Err(Error::BadDocument {
                path: path.into(),
                message: "`text` is empty; a report needs some text".into(),
            });
        }
    } else {
        doc.norm = Normalized::plain(&raw);
        if doc.norm.text.trim().is_empty() {
            return Err(Error::Empty { path: path.into() }); // a byte-order mark alone, say
        }
    }
    doc.raw = raw;
    Ok(doc)
}

struct JsonMeta {
    id: Option<String>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    locale: Option<String>,
    published: Option<String>,
    /// Byte offset of the opening quote of `text` in the file.
    text_at: usize,
}

fn json_meta(path: &Path, raw: &str) -> Result<JsonMeta, Error> {
    #[derive(Deserialize)]
    struct Wire<'a> {
        id: Option<serde_json::Value>,
        title: Option<String>,
        source: Option<String>,
        url: Option<String>,
        locale: Option<String>,
        published: Option<String>,
        #[serde(borrow)]
        text: Option<&'a serde_json::value::RawValue>,
    }
    let bad = |message: String| Error::BadDocument { path: path.into(), message };
    let wire: Wire = serde_json::from_str(raw).map_err(|e| {
        bad(format!(
            "not a JSON report document (line {}, column {}): {}; expected {{\"id\",\"title\",\"source\",\"url\",\"published\",\"text\"}}",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        ))
    })?;
    let text =
        wire.text.ok_or_else(|| bad("JSON document has no `text` field; add the report's text as \"text\"".into()))?;
    let text_at = text.get().as_ptr() as usize - raw.as_ptr() as usize;
    if !text.get().starts_with('"') {
        return Err(bad("`text` must be a string".into()));
    }
    let id = match wire.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(bad(format!("`id` must be a string, not {other}"))),
    };
    Ok(JsonMeta {
        id,
        title: wire.title,
        source: wire.source,
        url: wire.url,
        locale: wire.locale,
        published: wire.published.filter(|p| !p.trim().is_empty()),
        text_at,
    })
}

fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// Where a decoded JSON string's characters go.
trait Decoded {
    /// ASCII characters written as themselves, from original offset
    /// `start` on, one byte each.
    fn ascii(&mut self, run: &str, start: usize);
    /// One character and the original bytes of its spelling.
    fn char(&mut self, c: char, span: Span);
}

impl Decoded for crate::normalize::Builder {
    fn ascii(&mut self, run: &str, start: usize) {
        self.push_ascii(run, start);
    }
    fn char(&mut self, c: char, span: Span) {
        self.push(c, span);
    }
}

impl Decoded for Vec<(char, Span)> {
    fn ascii(&mut self, run: &str, start: usize) {
        self.extend(run.bytes().enumerate().map(|(k, b)| (char::from(b), Span::new(start + k, start + k + 1))));
    }
    fn char(&mut self, c: char, span: Span) {
        self.push((c, span));
    }
}

/// Decodes the JSON string literal starting at `at` (its opening quote),
/// giving each character with the byte range of its spelling in the file
/// (runs of plain ASCII characters at once). The literal is known valid:
/// serde_json has parsed it.
fn decode_json_string(raw: &str, at: usize, out: &mut impl Decoded) {
    let bytes = raw.as_bytes();
    let mut i = at + 1;
    let hex4 = |i: usize| raw.get(i..i + 4).and_then(|h| u32::from_str_radix(h, 16).ok()).unwrap_or(0xFFFD);
    while i < bytes.len() && bytes[i] != b'"' {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii() && bytes[i] != b'\\' && bytes[i] != b'"' {
            i += 1;
        }
        if i > start {
            out.ascii(&raw[start..i], start);
            continue;
        }
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            let (c, len) = match bytes[i + 1] {
                b'n' => ('\n', 2),
                b't' => ('\t', 2),
                b'r' => ('\r', 2),
                b'b' => ('\u{8}', 2),
                b'f' => ('\u{c}', 2),
                b'u' => {
                    let hi = hex4(i + 2);
                    if (0xD800..0xDC00).contains(&hi) && raw.get(i + 6..i + 8) == Some("\\u") {
                        let lo = hex4(i + 8);
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF);
                        (char::from_u32(c).unwrap_or('\u{FFFD}'), 12)
                    } else {
                        (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6)
                    }
                }
                other => (other as char, 2),
            };
            out.char(c, Span::new(i, i + len));
            i += len;
        } else {
            let c = raw[i..].chars().next().unwrap_or('\u{FFFD}');
            out.char(c, Span::new(i, i + c.len_utf8()));
            i += c.len_utf8();
        }
    }
}

/// Splits the normalised text into paragraphs, drops repeated ones, and
/// finds the publication date in the header lines and datelines.
pub fn prepare(doc: &mut Document, finder: &DateFinder, datelines: &Datelines) {
    doc.prepared = true;
    let paragraphs = paragraphs(&doc.norm.text);
    let mut seen: HashMap<Collapsed, Span> = HashMap::default();
    let mut kept = Vec::new();
    for p in paragraphs {
        let key = Collapsed::new(p.of(&doc.norm.text));
        match seen.get(&key) {
            Some(first) => doc.dropped.push(Dropped { span: doc.norm.original(p), repeats: doc.norm.original(*first) }),
            None => {
                seen.insert(key, p);
                kept.push(p);
            }
        }
    }
    let found = find_datelines(&doc.norm.text, &kept, finder, datelines);
    // A header line is cut whole; a prefix dateline only up to its end.
    doc.body = kept
        .iter()
        .filter_map(|p| match found.iter().find(|f| p.contains(&f.span) || f.span.contains(p)) {
            Some(f) if f.prefix => {
                let rest = Span::new(f.span.end, p.end);
                (!doc.norm.text[rest.start..rest.end].trim().is_empty()).then_some(rest)
            }
            Some(_) => None,
            None => Some(*p),
        })
        .collect();
    if doc.published.is_some() {
        return;
    }
    let pick = found
        .iter()
        .find(|f| !f.updated && matches!(f.date, HeaderDate::Day(_)))
        .or_else(|| found.iter().find(|f| !f.updated && matches!(f.date, HeaderDate::Yearless(..))))
        .or_else(|| found.iter().find(|f| matches!(f.date, HeaderDate::Day(_))));
    let Some(f) = pick else { return };
    let span = doc.norm.original(f.span);
    let line = doc.raw[..span.start].matches('\n').count() + 1;
    let shown = collapse(f.span.of(&doc.norm.text));
    doc.published_span = Some(span);
    match f.date {
        HeaderDate::Day(d) => {
            doc.published = Some(d);
            doc.published_from = DateSource::Dateline;
            doc.published_note =
                format!("from the {} {shown:?} on line {line}", if f.updated { "update line" } else { "dateline" });
        }
        HeaderDate::Yearless(m, d) => {
            doc.yearless = Some((m, d));
            doc.published_note = format!(
                "the dateline {shown:?} on line {line} gives no year, and no other report gives one for that day"
            );
        }
        HeaderDate::None => {}
    }
}

/// Completes year-less datelines from the other reports of the run: when
/// every dated report that shares the month and day has the same year, that
/// year is used.
pub fn complete_years(docs: &mut [Document]) {
    let dated: Vec<(usize, NaiveDate)> = docs.iter().filter_map(|d| d.published.map(|p| (d.index, p))).collect();
    for doc in docs.iter_mut().filter(|d| d.published.is_none()) {
        let Some((m, d)) = doc.yearless else { continue };
        let matching: Vec<&(usize, NaiveDate)> = dated
            .iter()
            .filter(|(_, p)| PartialDate::from(*p).month == Some(m) && PartialDate::from(*p).day == Some(d))
            .collect();
        let Some(&(from, first)) = matching.first().copied() else { continue };
        if matching.iter().all(|(_, p)| *p == first) {
            doc.published = Some(first);
            doc.published_from = DateSource::Inferred;
            let line = doc.published_span.map_or(1, |s| doc.raw[..s.start].matches('\n').count() + 1);
            doc.published_note = format!(
                "the dateline on line {line} gives {}; the year {} comes from another report of the run (#{})",
                first.format("%B %-d"),
                chrono::Datelike::year(&first),
                from + 1
            );
        }
    }
}

/// Paragraph ranges of `text`: blocks separated by blank lines; inside a
/// block, a line break also ends a paragraph unless the line reads as
/// hard-wrapped prose (it does not end a sentence and the next line goes on
/// in lowercase).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev: Option<Span> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let span = Span::new(pos, pos + content.len());
        pos += line.len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if let (Some(s), Some(p)) = (start.take(), prev.take()) {
                out.push(trim(text, Span::new(s, p.end)));
            }
            continue;
        }
        if let (Some(s), Some(p)) = (start, prev) {
            let before = p.of(text).trim_end();
            let wrapped = !before.ends_with(['.', '!', '?', '"', '\'', ':', ')', ']', '…'])
                && trimmed.chars().next().is_some_and(|c| c.is_lowercase());
            if !wrapped {
                out.push(trim(text, Span::new(s, p.end)));
                start = None;
            }
        }
        start.get_or_insert(span.start);
        prev = Some(span);
    }
    if let (Some(s), Some(p)) = (start, prev) {
        out.push(trim(text, Span::new(s, p.end)));
    }
    out.retain(|s| !s.is_empty());
    out
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

fn find_datelines(text: &str, kept: &[Span], finder: &DateFinder, rules: &Datelines) -> Vec<Found> {
    let mut found = Vec::new();
    for p in kept.iter().take(rules.paragraphs) {
        let para = p.of(text);
        if let Some(f) = header_line(para, finder, rules) {
            found.push(Found { span: *p, ..f });
            continue;
        }
        if let Some(f) = prefix_dateline(para, finder, rules) {
            found.push(Found { span: Span::new(p.start, p.start + f.span.end), ..f });
        }
    }
    found
}

fn absolute(finder: &DateFinder, s: &str) -> Option<(Span, HeaderDate)> {
    finder.find(s, None).into_iter().find_map(|m| match m.form {
        Form::Absolute { year, month: Some(month), day: Some(day) } => {
            let date = match year {
                Some(y) => HeaderDate::Day(NaiveDate::from_ymd_opt(y, month, day)?),
                None => HeaderDate::Yearless(month, day),
            };
            Some((m.span, date))
        }
        _ => None,
    })
}

/// A whole short line holding a date: `- Dec 4, 2025,`, `Updated Dec 4,
/// 2025 11:18 PM IST`, `Published: 4 December 2025`.
fn header_line(line: &str, finder: &DateFinder, rules: &Datelines) -> Option<Found> {
    if line.len() > 120 {
        return None;
    }
    let caps = rules.header.captures(line)?;
    let rest = caps.name("rest")?;
    let (span, date) = absolute(finder, rest.as_str())?;
    let before = &rest.as_str()[..span.start];
    if !before.trim().is_empty() || !rules.tail.is_match(&rest.as_str()[span.end..]) {
        return None;
    }
    Some(Found { date, span: Span::default(), updated: caps.name("updated").is_some(), prefix: false })
}

/// A dateline opening the first paragraph: `New Delhi [India], December 4 :`,
/// `WASHINGTON, March 3 (Reuters) -`, `NAIROBI, Kenya (AP) -`.
fn prefix_dateline(para: &str, finder: &DateFinder, rules: &Datelines) -> Option<Found> {
    let caps = rules.prefix.captures(para)?;
    let whole = caps.get(0)?;
    let agency = [caps.name("agency1"), caps.name("agency2")]
        .into_iter()
        .flatten()
        .any(|a| rules.agencies.iter().any(|k| k.eq_ignore_ascii_case(a.as_str().trim())));
    let date = match caps.name("date") {
        Some(d) => {
            let (span, date) = absolute(finder, d.as_str())?;
            let before = &d.as_str()[..span.start];
            let tail_ok = d.as_str()[span.end..].trim().is_empty();
            let place_like =
                before.len() <= 30 && before.chars().all(|c| c.is_alphabetic() || matches!(c, ',' | '.' | ' ' | '\''));
            if !tail_ok || !place_like {
                return None;
            }
            date
        }
        None => {
            let place = caps.name("place")?.as_str();
            let shouting = place.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
            if !(agency && shouting) {
                return None;
            }
            HeaderDate::None
        }
    };
    Some(Found { date, span: Span::new(0, whole.end()), updated: false, prefix: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para_texts(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn lines_are_paragraphs_unless_hard_wrapped() {
        let text = "Headline here\nFirst para ends.\nSecond one goes on\nand wraps here.\n\n\nThird.";
        assert_eq!(
            para_texts(text),
            vec!["Headline here", "First para ends.", "Second one goes on\nand wraps here.", "Third."]
        );
    }

    /// Runs the examples of `rules/datelines.toml`.
    #[test]
    fn dateline_examples() {
        let rules = crate::rules::Rules::built_in().unwrap();
        let finder = DateFinder::new(&rules.dates).unwrap();
        let datelines = Datelines::new(&rules.datelines).unwrap();
        assert!(!rules.datelines.examples.is_empty());
        for ex in &rules.datelines.examples {
            let mut doc = from_bytes("x.txt".as_ref(), ex.text.clone().into_bytes(), 0).unwrap();
            prepare(&mut doc, &finder, &datelines);
            let got = match (doc.published, doc.yearless) {
                (Some(d), _) => d.to_string(),
                (None, Some((m, d))) => format!("--{m:02}-{d:02}"),
                (None, None) => String::new(),
            };
            assert_eq!(got, ex.date, "dateline of {:?}", ex.text);
            if !ex.date.is_empty() {
                let body: Vec<&str> = doc.body.iter().map(|s| s.of(&doc.norm.text)).collect();
                assert!(body.iter().all(|b| !b.contains(" 2025 ") && !b.starts_with("- ")), "{body:?}");
            }
        }
    }

    /// A document rebuilt from its bytes and given back what `prepare`
    /// found reads as one prepared again, and is not prepared twice.
    #[test]
    fn restored_preparation_is_the_preparation() {
        let rules = crate::rules::Rules::built_in().unwrap();
        let finder = DateFinder::new(&rules.dates).unwrap();
        let datelines = Datelines::new(&rules.datelines).unwrap();
        let text =
            "NAIROBI, Dec 4 (Reuters) - The court ruled on Thursday.\n\nIt sat for 3 hours.\n\nIt sat for 3 hours.\n";
        let fresh = || from_bytes("x.txt".as_ref(), text.as_bytes().to_vec(), 0).unwrap();
        let mut first = fresh();
        assert!(!first.prepared && first.prepared().is_none());
        prepare(&mut first, &finder, &datelines);
        let kept = first.prepared().unwrap();
        let mut again = fresh();
        again.restore(kept);
        assert!(again.prepared);
        assert_eq!(format!("{first:?}"), format!("{again:?}"));
        assert_eq!(again.dropped.len(), 1);
        assert!(again.published_span.is_some());
        // A run over restored documents reports what one over fresh ones does.
        let run_fresh = crate::analyse(vec![fresh(), fresh()], &rules).unwrap();
        let mut restored = Vec::new();
        for _ in 0..2 {
            let mut d = fresh();
            d.restore(first.prepared().unwrap());
            restored.push(d);
        }
        let run_restored = crate::analyse(restored, &rules).unwrap();
        assert_eq!(format!("{:?}", run_fresh.documents), format!("{:?}", run_restored.documents));
        assert_eq!(format!("{:?}", run_fresh.findings), format!("{:?}", run_restored.findings));
    }

    #[test]
    fn repeated_paragraphs_are_dropped_and_listed() {
        let rules = crate::rules::Rules::built_in().unwrap();
        let finder = DateFinder::new(&rules.dates).unwrap();
        let datelines = Datelines::new(&rules.datelines).unwrap();
        let text = "Title\nOne para here.\nTwo para here.\nOne para here.\nTwo  para here.\nEnd.";
        let mut doc = from_bytes("x.txt".as_ref(), text.as_bytes().to_vec(), 0).unwrap();
        prepare(&mut doc, &finder, &datelines);
        assert_eq!(doc.dropped.len(), 2);
        assert_eq!(doc.dropped[0].repeats.of(&doc.raw), "One para here.");
        assert_eq!(doc.dropped[1].span.of(&doc.raw), "Two  para here.");
        assert_eq!(doc.body.len(), 4);
    }

    #[test]
    fn year_is_inferred_only_when_reports_agree() {
        let mk = |text: &str, i| {
            let mut d = from_bytes("x.txt".as_ref(), text.as_bytes().to_vec(), i).unwrap();
            let rules = crate::rules::Rules::built_in().unwrap();
            prepare(&mut d, &DateFinder::new(&rules.dates).unwrap(), &Datelines::new(&rules.datelines).unwrap());
            d
        };
        let mut docs = vec![mk("New Delhi [India], December 4 : Talks began.", 0), mk("Dec 4, 2025\nTalks began.", 1)];
        complete_years(&mut docs);
        assert_eq!(docs[0].published, NaiveDate::from_ymd_opt(2025, 12, 4));
        assert_eq!(docs[0].published_from, DateSource::Inferred);
        let mut docs = vec![mk("New Delhi [India], December 4 : Talks began.", 0), mk("Dec 5, 2025\nTalks began.", 1)];
        complete_years(&mut docs);
        assert_eq!(docs[0].published, None);
        assert_eq!(docs[0].published_from, DateSource::Unknown);
    }

    proptest::proptest! {
        /// A JSON text normalised with its ASCII runs pushed at once is the
        /// text normalised one decoded character at a time.
        #[test]
        fn json_text_normalises_as_its_characters(text in "(?s)[a-z \"\\\\\n\t\u{1}é\u{301}\u{2019}😀]{0,30}", escape in proptest::bool::ANY) {
            let literal = if escape {
                text.chars().map(|c| format!("\\u{:04x}", c as u32 & 0xFFFF)).collect::<String>()
            } else {
                {
                let quoted = serde_json::to_string(&text).unwrap();
                quoted[1..quoted.len() - 1].to_string()
            }
            };
            let raw = format!("{{\"text\": \"{literal}\"}}");
            let at = raw.find(": \"").unwrap() + 2;
            let mut chars = Vec::new();
            decode_json_string(&raw, at, &mut chars);
            let mut fast = crate::normalize::Builder::with_capacity(0);
            decode_json_string(&raw, at, &mut fast);
            proptest::prop_assert_eq!(fast.finish(), Normalized::new(chars));
        }
    }

    #[test]
    fn json_strings_decode_with_file_offsets() {
        let raw = r#"{"text": "a\"b\u00e9\n\ud83d\ude00c"}"#;
        let at = raw.find("\"a").unwrap();
        let mut chars = Vec::new();
        decode_json_string(raw, at, &mut chars);
        let s: String = chars.iter().map(|(c, _)| c).collect();
        assert_eq!(s, "a\"bé\n😀c");
        let (_, span) = chars[1];
        assert_eq!(span.of(raw), "\\\"");
        let (_, span) = chars[5];
        assert_eq!(span.of(raw), "\\ud83d\\ude00");
    }
}
