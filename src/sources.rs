//! Independence of sources: which reports copy which.
//!
//! Input: the loaded [`Document`]s of a run. Output: a [`Copy`](struct@Copy) for every
//! pair of reports that share copied passages (the same wire text), with
//! the direction (who copied whom) and why; a group id per document
//! ([`independent_groups`]) so that reports copied from one another count
//! once; and the credit lines each report carries ([`Credit`]: "(With
//! inputs from ANI)", "auto-published from an agency feed").
//!
//! Passages are found by hashing word shingles: every run of
//! [`SourceRules::shingle`] words of every report (lowercased, punctuation
//! ignored) goes into one hash map from shingle to its first place in each
//! report, and each report's shingles are looked up in it once. Runs of
//! consecutive shared shingles become passages. The work is linear in the
//! total number of words (times the number of reports that share one
//! shingle); no pair of sentences or paragraphs is ever compared.
//!
//! Words inside quotation marks are shingled too, but they do not make a
//! copy by themselves: two reports quoting one speaker share the quote, not
//! the reporting. A pair counts as copying when it shares a passage of
//! [`SourceRules::min_passage_words`] words outside quotes, or when the
//! words it shares outside quotes are [`SourceRules::min_share`] of the
//! shorter report's.
//!
//! # Example
//! ```
//! use crosscheck::{analyse, document, rules::Rules};
//! let wire = "The two ministers reviewed progress on major contracts, licensed production and \
//!     technology transfer, and agreed to meet again in Moscow next year to take stock of the \
//!     cooperation between the two countries.";
//! let a = document::from_bytes("a.txt".as_ref(), format!("Dec 4, 2025\n{wire}").into_bytes(), 0).unwrap();
//! let b = document::from_bytes("b.txt".as_ref(),
//!     format!("Dec 5, 2025\nTalks ended.\n{wire}\n(With inputs from ANI)").into_bytes(), 1).unwrap();
//! let run = analyse(vec![a, b], &Rules::built_in().unwrap()).unwrap();
//! assert_eq!((run.copies[0].doc, run.copies[0].source), (1, 0), "the later report copies the earlier");
//! assert_eq!(run.groups, vec![0, 0]);
//! assert_eq!(run.copies[0].markers, vec!["With inputs from ANI"]);
//! ```

use crate::document::Document;
use crate::span::Span;
use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// `rules/sources.toml`: how copied passages and credit lines are found.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRules {
    /// Words in a shingle.
    pub shingle: usize,
    /// A shared passage of at least this many words outside quotation
    /// marks makes a copy.
    pub min_passage_words: usize,
    /// Shared words outside quotes, as a share of the shorter report's
    /// words outside quotes, that make a copy without one long passage.
    pub min_share: f32,
    /// Shared stretches at most this many words apart are one passage.
    pub passage_gap: usize,
    /// Bytes at the top of a report searched for an agency dateline.
    pub dateline_bytes: usize,
    /// Credit-line patterns (regexes, case-insensitive; `{agency}` stands
    /// for any agency name).
    pub credits: Vec<String>,
    /// The news agencies.
    pub agency: Vec<Agency>,
    /// Examples checked by a test.
    #[serde(default)]
    pub examples: Vec<CreditExample>,
}

/// A news agency of `rules/sources.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// The name shown: `Reuters`, `AP`.
    pub name: String,
    /// Other ways of writing it: `Associated Press`.
    #[serde(default)]
    pub also: Vec<String>,
}

/// One example of `rules/sources.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditExample {
    /// A piece of a report.
    pub text: String,
    /// The first credit marker found in it, or empty for none.
    pub marker: String,
    /// The agencies that marker names.
    #[serde(default)]
    pub agencies: Vec<String>,
}

/// A credit line in a report: it says the text came from an agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// Its bytes in the original file.
    pub span: Span,
    /// The credit without brackets: `With inputs from ANI`.
    pub text: String,
    /// The agencies it names (their [`Agency::name`]s), in text order.
    pub agencies: Vec<String>,
}

/// How the direction of a copy was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// The later-published report copies the earlier one.
    Date,
    /// Published the same day (or dates unknown): the report carrying an
    /// agency credit copies that agency's report.
    Credit,
    /// Nothing else decides: the shorter report copies the longer one.
    Length,
}

impl Direction {
    /// The lowercase name used in reports: `date`, `credit`, `length`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Date => "date",
            Direction::Credit => "credit",
            Direction::Length => "length",
        }
    }
}

/// One report copying passages of another.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// The copier (index into the run's documents).
    pub doc: usize,
    /// The report it copies.
    pub source: usize,
    /// The copier's words inside shared passages.
    pub shared_words: usize,
    /// The copier's words.
    pub words: usize,
    /// `shared_words / words`.
    pub share: f32,
    /// The shared passages, in the copier's order: its bytes and the
    /// source's, both in the original files.
    pub passages: Vec<(Span, Span)>,
    /// The credit lines found in the copier: `With inputs from ANI`.
    pub markers: Vec<String>,
    /// How the direction was decided.
    pub decided_by: Direction,
    /// Why, in plain words: what is shared and how the direction was
    /// decided.
    pub reason: String,
}

/// The source rules compiled: the credit matchers and the agency names.
#[derive(Debug, Clone)]
pub struct Detector {
    rules: SourceRules,
    credits: Vec<Regex>,
    /// The same, as one set: which of them match a text at all, in one
    /// pass (most reports carry no credit line). Built on first use: a
    /// detector made only to check the rules never needs it.
    any_credit: std::sync::OnceLock<regex::RegexSet>,
    /// Every agency name and form: a regex matching it as a whole word
    /// (short forms in capitals only in capitals), and the agency's index.
    names: Vec<(Regex, usize)>,
    dateline: Regex,
}

/// A report's words, as the shingler sees them.
struct Words {
    /// Each word's bytes in the normalised text.
    spans: Vec<Span>,
    /// Each word's hash (lowercased).
    hashes: Vec<u64>,
    /// `unquoted[i]`: words outside quotation marks among the first `i`.
    unquoted: Vec<u32>,
}

impl Words {
    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Words outside quotes in `range` of word positions.
    fn unquoted_in(&self, (start, end): (usize, usize)) -> usize {
        (self.unquoted[end] - self.unquoted[start]) as usize
    }

    fn unquoted_total(&self) -> usize {
        self.unquoted.last().copied().unwrap_or(0) as usize
    }
}

/// A run of consecutive shared shingles: word positions in both reports
/// and its length in words.
#[derive(Debug, Clone, Copy)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

/// Shared runs merged across small gaps: word ranges in both reports and
/// the runs it is made of.
#[derive(Debug, Clone)]
struct Passage {
    a: (usize, usize),
    b: (usize, usize),
    runs: Vec<Run>,
}

impl Detector {
    /// Compiles the rules; the message of an error names the bad pattern.
    pub fn new(rules: &SourceRules) -> Result<Detector, String> {
        if rules.shingle == 0 {
            return Err("`shingle` must be at least 1".into());
        }
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, a) in rules.agency.iter().enumerate() {
            for form in std::iter::once(&a.name).chain(&a.also) {
                if !form.trim().is_empty() {
                    forms.push((form.trim().to_string(), i));
                }
            }
        }
        // Longest first, so that "Thomson Reuters" is one name.
        forms.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then_with(|| x.0.cmp(&y.0)));
        let any = if forms.is_empty() {
            r"\b\B".to_string()
        } else {
            forms.iter().map(|(f, _)| form_pattern(f)).collect::<Vec<_>>().join("|")
        };
        let mut credits = Vec::new();
        for (i, pattern) in rules.credits.iter().enumerate() {
            let source = format!("(?i){}", pattern.replace("{agency}", &any));
            let re = Regex::new(&source)
                .map_err(|e| format!("credits[{i}] {pattern:?} is not a valid regex: {}", one_line(&e.to_string())))?;
            credits.push(re);
        }
        let names = forms
            .iter()
            .map(|(f, i)| Regex::new(&format!(r"\b{}\b", form_pattern(f))).map(|re| (re, *i)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("cannot build the agency matcher: {e}"))?;
        // "(Reuters)", "(AP) -", or "Dec 16 AAP -".
        let dateline = Regex::new(&format!(r"\(\s*(?:{any})\s*\)|\b(?:{any})\s+-\s"))
            .map_err(|e| format!("cannot build the agency dateline matcher: {e}"))?;
        Ok(Detector { rules: rules.clone(), credits, any_credit: std::sync::OnceLock::new(), names, dateline })
    }

    /// The credit lines of a report, in text order, each text once.
    pub fn credits(&self, doc: &Document) -> Vec<Credit> {
        let text = &doc.norm.text;
        let mut found: Vec<Span> = Vec::new();
        let any = self.any_credit.get_or_init(|| {
            // Each pattern compiled on its own in `Detector::new`, so the set
            // of them compiles too; should it not (a size limit), every one is
            // tried.
            regex::RegexSet::new(self.credits.iter().map(Regex::as_str)).unwrap_or_else(|_| regex::RegexSet::empty())
        });
        let matched = any.matches(text);
        // A set that did not build holds no pattern: every one is tried.
        let tried = |i: usize| any.len() != self.credits.len() || matched.matched(i);
        for (_, re) in self.credits.iter().enumerate().filter(|&(i, _)| tried(i)) {
            found.extend(re.find_iter(text).map(|m| Span::new(m.start(), m.end())));
        }
        // Longest first; a match inside a longer one is the same credit.
        found.sort_by(|x, y| y.len().cmp(&x.len()).then(x.start.cmp(&y.start)));
        let mut kept: Vec<Span> = Vec::new();
        for s in found {
            if !kept.iter().any(|k| k.overlaps(&s)) {
                kept.push(s);
            }
        }
        kept.sort();
        let mut out: Vec<Credit> = Vec::new();
        for s in kept {
            let trimmed = trim_marker(text, s);
            let shown = crate::normalize::collapse(trimmed.of(text));
            // A page holding its body twice holds its credit twice.
            if shown.is_empty() || out.iter().any(|c| c.text == shown) {
                continue;
            }
            out.push(Credit { span: doc.norm.original(trimmed), agencies: self.agencies_named(&shown), text: shown });
        }
        out
    }

    /// The names of the agencies `text` mentions, in text order.
    fn agencies_named(&self, text: &str) -> Vec<String> {
        let mut hits: Vec<(usize, usize)> =
            self.names.iter().filter_map(|(re, i)| re.find(text).map(|m| (m.start(), *i))).collect();
        hits.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        for (_, i) in hits {
            let name = &self.rules.agency[i].name;
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
        out
    }

    /// The agency whose own report `doc` is, and how that is known: its
    /// outlet, its id, or an agency dateline at its top. A report whose
    /// outlet is given and is not an agency is no agency's, whatever its
    /// dateline says (outlets republish agency copy with the dateline).
    pub fn agency_of(&self, doc: &Document) -> Option<(String, String)> {
        if let Some(source) = doc.source.as_deref().filter(|s| !s.trim().is_empty()) {
            let named = self.agencies_named(source);
            return named.into_iter().next().map(|a| (a, format!("its outlet is {source:?}")));
        }
        let in_id = format!(" {} ", id_words(&doc.id));
        for a in &self.rules.agency {
            let named = std::iter::once(&a.name).chain(&a.also).any(|form| {
                let w = id_words(form);
                !w.is_empty() && in_id.contains(&format!(" {w} "))
            });
            if named {
                return Some((a.name.clone(), format!("its id {:?} names {}", doc.id, a.name)));
            }
        }
        let top = head(&doc.norm.text, self.rules.dateline_bytes);
        let m = self.dateline.find(top)?;
        let name = self.agencies_named(m.as_str()).into_iter().next()?;
        Some((name, format!("its dateline carries {:?}", m.as_str())))
    }

    /// Every pair of reports that share copied passages, sorted by copier
    /// then source. Linear in the total number of words: see the module
    /// documentation.
    pub fn copies(&self, docs: &[Document]) -> Vec<Copy> {
        let credits: Vec<Vec<Credit>> = docs.iter().map(|d| self.credits(d)).collect();
        self.copies_credited(docs, &credits)
    }

    /// As [`Detector::copies`], given every report's credit lines as
    /// [`Detector::credits`] finds them (a caller that keeps them too need
    /// not find them twice).
    pub fn copies_credited(&self, docs: &[Document], credits: &[Vec<Credit>]) -> Vec<Copy> {
        if credits.len() != docs.len() {
            return self.copies(docs);
        }
        let k = self.rules.shingle;
        let words: Vec<Words> = docs.iter().map(words).collect();
        let shingles: Vec<Vec<u64>> = words.iter().map(|w| shingle_hashes(&w.hashes, k)).collect();
        // Shingle → its first position in each report holding it, reports
        // in order.
        let mut index: HashMap<u64, Vec<(u32, u32)>, BuildHasherDefault<Prehashed>> = HashMap::default();
        for (d, hs) in shingles.iter().enumerate() {
            for (i, h) in hs.iter().enumerate() {
                let at = index.entry(*h).or_default();
                if at.last().is_none_or(|&(e, _)| e as usize != d) {
                    at.push((d as u32, i as u32));
                }
            }
        }
        // Runs of consecutive shared shingles, per pair (a < b), in b's order.
        let mut runs: BTreeMap<(usize, usize), Vec<Run>> = BTreeMap::new();
        for (b, hs) in shingles.iter().enumerate() {
            for (i, h) in hs.iter().enumerate() {
                for &(a, j) in index[h].iter().take_while(|(a, _)| (*a as usize) < b) {
                    let list = runs.entry((a as usize, b)).or_default();
                    match list.last_mut() {
                        Some(r) if r.b + r.len == i && r.a + r.len == j as usize => r.len += 1,
                        _ => list.push(Run { a: j as usize, b: i, len: 1 }),
                    }
                }
            }
        }
        let agencies: Vec<Option<(String, String)>> = docs.iter().map(|d| self.agency_of(d)).collect();
        let mut out = Vec::new();
        for ((a, b), mut list) in runs {
            // A run of n shingles covers n + k - 1 words.
            for r in &mut list {
                r.len += k - 1;
            }
            let passages = self.passages(&list);
            let (wa, wb) = (&words[a], &words[b]);
            let longest_outside = passages
                .iter()
                .map(|p| covered_unquoted(wa, &p.runs, |r| r.a).min(covered_unquoted(wb, &p.runs, |r| r.b)))
                .max()
                .unwrap_or(0);
            let shorter = if wa.len() <= wb.len() { a } else { b };
            let (ws, side): (&Words, fn(&Run) -> usize) =
                if shorter == a { (wa, |r: &Run| r.a) } else { (wb, |r: &Run| r.b) };
            let shared_outside = covered_unquoted(ws, &list, side);
            let by_share = shared_outside >= k
                && ws.unquoted_total() > 0
                && shared_outside as f32 >= self.rules.min_share * ws.unquoted_total() as f32;
            if longest_outside < self.rules.min_passage_words && !by_share {
                continue;
            }
            let ends = Ends { docs, words: &words, credits, agencies: &agencies };
            let (copier, source, decided_by, how) = ends.direction(a, b);
            let side_c: fn(&Run) -> usize = if copier == a { |r| r.a } else { |r| r.b };
            let (wc, wsrc) = (&words[copier], &words[source]);
            let shared = covered(wc, &list, side_c).0;
            let mut spans: Vec<(Span, Span, usize)> = passages
                .iter()
                .map(|p| {
                    let (c, s) = if copier == a { (p.a, p.b) } else { (p.b, p.a) };
                    let n = covered(wc, &p.runs, side_c).0;
                    (word_span(&docs[copier], wc, c), word_span(&docs[source], wsrc, s), n)
                })
                .collect();
            spans.sort_by_key(|&(c, s, _)| (c, s));
            let longest = spans.iter().map(|x| x.2).max().unwrap_or(0);
            let share = if wc.len() == 0 { 0.0 } else { shared as f32 / wc.len() as f32 };
            let (cid, sid) = (&docs[copier].id, &docs[source].id);
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            let what = if longest_outside >= self.rules.min_passage_words {
                format!(
                    "{cid} shares {shared} of its {} with {sid} in {}, the longest {}",
                    plural(wc.len(), "word"),
                    plural(spans.len(), "passage"),
                    plural(longest, "word")
                )
            } else {
                format!(
                    "{cid} shares {shared} of its {} with {sid} in {}; no single passage is long, but together they are {:.0}% of the shorter report's words outside quotes",
                    plural(wc.len(), "word"),
                    plural(spans.len(), "passage"),
                    100.0 * shared_outside as f32 / ws.unquoted_total().max(1) as f32
                )
            };
            out.push(Copy {
                doc: copier,
                source,
                shared_words: shared,
                words: wc.len(),
                share,
                passages: spans.into_iter().map(|(c, s, _)| (c, s)).collect(),
                markers: credits[copier].iter().map(|c| c.text.clone()).collect(),
                decided_by,
                reason: format!("{what}; {how}."),
            });
        }
        out.sort_by_key(|c| (c.doc, c.source));
        out
    }

    /// Merges runs (in b's order) that follow one another within
    /// `passage_gap` words in both reports.
    fn passages(&self, runs: &[Run]) -> Vec<Passage> {
        let gap = self.rules.passage_gap as isize;
        let mut out: Vec<Passage> = Vec::new();
        for r in runs {
            if let Some(p) = out.last_mut() {
                let ga = r.a as isize - p.a.1 as isize;
                let gb = r.b as isize - p.b.1 as isize;
                let k = self.rules.shingle as isize;
                if ga <= gap && gb <= gap && ga > -k && gb > -k && (ga - gb).abs() <= gap && r.a >= p.a.0 {
                    p.a.1 = p.a.1.max(r.a + r.len);
                    p.b.1 = p.b.1.max(r.b + r.len);
                    p.runs.push(*r);
                    continue;
                }
            }
            out.push(Passage { a: (r.a, r.a + r.len), b: (r.b, r.b + r.len), runs: vec![*r] });
        }
        out
    }
}

/// What the direction of a copy is decided from.
struct Ends<'a> {
    docs: &'a [Document],
    words: &'a [Words],
    credits: &'a [Vec<Credit>],
    agencies: &'a [Option<(String, String)>],
}

impl Ends<'_> {
    /// `(copier, source, how decided, why in words)` for reports `a < b`.
    fn direction(&self, a: usize, b: usize) -> (usize, usize, Direction, String) {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        let day = |d: NaiveDate| d.to_string();
        if let (Some(pa), Some(pb)) = (da.published, db.published) {
            if pa != pb {
                let (c, s) = if pb > pa { (b, a) } else { (a, b) };
                let (pc, ps) = (self.docs[c].published.unwrap_or(pa), self.docs[s].published.unwrap_or(pb));
                return (
                    c,
                    s,
                    Direction::Date,
                    format!(
                        "{} is taken as the copy because it was published later ({} against {})",
                        self.docs[c].id,
                        day(pc),
                        day(ps)
                    ),
                );
            }
        }
        let dates = match (da.published, db.published) {
            (Some(p), Some(_)) => format!("both were published on {}", day(p)),
            (Some(_), None) => format!("the publication date of {} is unknown", db.id),
            (None, Some(_)) => format!("the publication date of {} is unknown", da.id),
            (None, None) => "neither publication date is known".to_string(),
        };
        for (c, s) in [(b, a), (a, b)] {
            let Some(credit) = self.credits[c].first() else { continue };
            let Some((agency, known)) = &self.agencies[s] else { continue };
            // The agency's own sign-off ("--IANS" on an IANS report) is no
            // sign of copying; any other credit on it is.
            let own = |k: &Credit| k.agencies.len() == 1 && k.agencies[0] == *agency;
            let copier_is_agency = self.agencies[c].as_ref().is_some_and(|(a, _)| a == agency);
            if copier_is_agency || !self.credits[s].iter().all(own) {
                continue;
            }
            let named: Vec<&Credit> = self.credits[c].iter().filter(|k| k.agencies.contains(agency)).collect();
            let credit = match named.first() {
                Some(k) => *k,
                None if self.credits[c].iter().all(|k| k.agencies.is_empty()) => credit,
                None => continue,
            };
            return (
                c,
                s,
                Direction::Credit,
                format!(
                    "{dates}; {} carries the credit {:?} and {} is {agency}'s own report ({known}), so {} is taken as the copy",
                    self.docs[c].id, credit.text, self.docs[s].id, self.docs[c].id
                ),
            );
        }
        let (na, nb) = (self.words[a].len(), self.words[b].len());
        if na == nb {
            return (
                b,
                a,
                Direction::Length,
                format!(
                    "{dates} and no agency credit decides; the two are the same length ({na} words), so the later one in the run, {}, is taken as the copy",
                    db.id
                ),
            );
        }
        let (c, s) = if nb < na { (b, a) } else { (a, b) };
        (
            c,
            s,
            Direction::Length,
            format!(
                "{dates} and no agency credit decides; {} is the shorter ({} words against {}), so it is taken as the copy",
                self.docs[c].id,
                self.words[c].len(),
                self.words[s].len()
            ),
        )
    }
}

/// Shared passages between every pair of documents, each with the copier
/// and the source (see [`Detector::copies`]). Takes time linear in the
/// total text: shingles are hashed into one map, and no pair of sentences
/// is ever compared. Rules that do not compile (only possible for rules
/// built by hand: [`crate::rules::Rules::load`] checks them) find nothing.
pub fn copies(docs: &[Document], rules: &SourceRules) -> Vec<Copy> {
    Detector::new(rules).map(|d| d.copies(docs)).unwrap_or_default()
}

/// A group id per document: documents connected by copying share one, so
/// that agreeing reports can be counted by independent groups. Ids are
/// numbered from 0 in the order of each group's first document.
pub fn independent_groups(n_docs: usize, copies: &[Copy]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n_docs).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for c in copies.iter().filter(|c| c.doc < n_docs && c.source < n_docs) {
        let (x, y) = (root(&mut parent, c.doc), root(&mut parent, c.source));
        if x != y {
            parent[x.max(y)] = x.min(y);
        }
    }
    let mut ids: HashMap<usize, usize> = HashMap::new();
    (0..n_docs)
        .map(|d| {
            let r = root(&mut parent, d);
            let next = ids.len();
            *ids.entry(r).or_insert(next)
        })
        .collect()
}

/// How many independent voices the agreeing documents are: the number of
/// distinct groups (from [`independent_groups`]) among `docs_agreeing`.
///
/// The compare stage uses it when several reports agree against one: three
/// reports carrying the same wire copy corroborate a fact once, not three
/// times. A document index outside `groups` counts as its own group.
pub fn corroboration(groups: &[usize], docs_agreeing: &[usize]) -> usize {
    let mut seen: Vec<(bool, usize)> =
        docs_agreeing.iter().map(|&d| groups.get(d).map_or((false, d), |&g| (true, g))).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// A word of an agency's name as a regex: short forms in capitals only
/// match in capitals ("AP", not "ap"); other names in any case.
fn form_pattern(form: &str) -> String {
    let escaped = crate::pattern::alternation([form]);
    let caps = form.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) && form.chars().count() <= 5;
    if caps {
        format!("(?-i:{escaped})")
    } else {
        format!("(?i:{escaped})")
    }
}

/// The words of a document id or agency name, lowercased, one space apart:
/// `"ANI_report-2.txt"` gives `"ani report 2 txt"`.
fn id_words(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The first `bytes` bytes of `text`, cut on a char boundary.
fn head(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A credit match without surrounding brackets, spaces and punctuation.
fn trim_marker(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let junk = |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '.' | ',' | ';' | ':' | '-' | '*');
    let start = span.start + (s.len() - s.trim_start_matches(junk).len());
    let end = span.end - (s.len() - s.trim_end_matches(junk).len());
    Span::new(start, end.max(start))
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a report's body (the paragraphs kept, datelines cut; the
/// whole text when the body is not split yet), with quoted words marked.
fn words(doc: &Document) -> Words {
    let text = &doc.norm.text;
    let quotes = quoted_regions(text);
    let whole = [Span::new(0, text.len())];
    let body: &[Span] = if doc.body.is_empty() { &whole } else { &doc.body };
    let mut out = Words { spans: Vec::new(), hashes: Vec::new(), unquoted: vec![0] };
    let mut q = 0;
    for range in body {
        let mut start: Option<usize> = None;
        let part = range.of(text);
        for (i, c) in part.char_indices().chain(std::iter::once((part.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let span = Span::new(range.start + s, range.start + i);
                    while q < quotes.len() && quotes[q].end <= span.start {
                        q += 1;
                    }
                    let quoted = q < quotes.len() && quotes[q].start <= span.start;
                    out.spans.push(span);
                    out.hashes.push(word_hash(span.of(text)));
                    let last = *out.unquoted.last().unwrap_or(&0);
                    out.unquoted.push(last + u32::from(!quoted));
                    start = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// The shingle map's keys are hashes already: it uses them as they are.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a over the lowercased word: the same in every run and on every
/// machine, so reports are reproducible.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        // The same bytes as below: an ASCII letter lowercases to one byte.
        for b in word.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        return h;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The hash of every run of `k` words.
fn shingle_hashes(words: &[u64], k: usize) -> Vec<u64> {
    if words.len() < k {
        return Vec::new();
    }
    words
        .windows(k)
        .map(|w| w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, x| (h.rotate_left(5) ^ x).wrapping_mul(0x0100_0000_01b3)))
        .collect()
}

/// Byte ranges of `text` inside quotation marks. A quote left open ends
/// with its line: a quotation running over paragraphs opens each one
/// again. A single quote opens only after a space or bracket and before a
/// letter, so apostrophes ("India's") are not quotes.
fn quoted_regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match (open, c) {
            (Some((s, _)), '\n') => {
                out.push(Span::new(s, i));
                open = None;
            }
            (Some((s, '"')), '"') => {
                out.push(Span::new(s, i + 1));
                open = None;
            }
            (Some((s, '\'')), '\'')
                if prev.is_some_and(|p| !p.is_whitespace()) && !next.is_some_and(char::is_alphanumeric) =>
            {
                out.push(Span::new(s, i + 1));
                open = None;
            }
            (None, '"') => open = Some((i, '"')),
            (None, '\'')
                if prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '-' | ':' | '"'))
                    && next.is_some_and(char::is_alphanumeric) =>
            {
                open = Some((i, '\''))
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((s, _)) = open {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// Words covered by `runs` on one side, counted once: `(all, outside
/// quotes)`.
fn covered(words: &Words, runs: &[Run], side: impl Fn(&Run) -> usize) -> (usize, usize) {
    let mut ranges: Vec<(usize, usize)> = runs.iter().map(|r| (side(r), (side(r) + r.len).min(words.len()))).collect();
    ranges.sort_unstable();
    let (mut all, mut outside, mut end) = (0, 0, 0);
    for (s, e) in ranges {
        let s = s.max(end);
        if s < e {
            all += e - s;
            outside += words.unquoted_in((s, e));
            end = e;
        }
    }
    (all, outside)
}

fn covered_unquoted(words: &Words, runs: &[Run], side: impl Fn(&Run) -> usize) -> usize {
    covered(words, runs, side).1
}

/// The bytes in the original file of the words `range`.
fn word_span(doc: &Document, words: &Words, (start, end): (usize, usize)) -> Span {
    let end = end.min(words.len());
    if start >= end {
        return Span::default();
    }
    doc.norm.original(Span::new(words.spans[start].start, words.spans[end - 1].end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn rules() -> SourceRules {
        Rules::built_in().unwrap().sources
    }

    /// `word_hash` by its definition, char by char, without the ASCII
    /// shortcut.
    fn word_hash_by_chars(word: &str) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    #[test]
    fn word_hash_ascii_shortcut_is_the_definition() {
        for w in ["Reuters", "PSLV-C62", "ANI", "x", "", "Zürich", "İstanbul", "ΣΟΦΙΑ"] {
            assert_eq!(word_hash(w), word_hash_by_chars(w), "{w}");
        }
        assert_eq!(word_hash("Reuters"), word_hash("reuters"));
        assert_ne!(word_hash("Reuters"), word_hash("Reuter"));
    }

    proptest::proptest! {
        #[test]
        fn word_hash_matches_by_chars(word in "\\PC{0,12}") {
            proptest::prop_assert_eq!(word_hash(&word), word_hash_by_chars(&word));
        }
    }

    #[test]
    fn copies_credited_is_copies() {
        let text = "NEW DELHI: The bridge over the river collapsed on Tuesday morning after heavy rain, killing 12 people and injuring 30 others, officials said.\n\nWith inputs from ANI";
        let docs = vec![doc("a.txt", text, 0), doc("b.txt", text, 1)];
        let detector = Detector::new(&rules()).unwrap();
        let credits: Vec<Vec<Credit>> = docs.iter().map(|d| detector.credits(d)).collect();
        let a = format!("{:?}", detector.copies(&docs));
        assert!(!detector.copies(&docs).is_empty());
        assert_eq!(a, format!("{:?}", detector.copies_credited(&docs, &credits)));
        // Credits of another length are not trusted: they are found again.
        assert_eq!(a, format!("{:?}", detector.copies_credited(&docs, &credits[..1])));
    }

    /// A prepared document: paragraphs split, dateline read.
    fn doc(id: &str, text: &str, index: usize) -> Document {
        let rules = Rules::built_in().unwrap();
        let mut d = crate::document::from_bytes(id.as_ref(), text.as_bytes().to_vec(), index).unwrap();
        let finder = crate::extract::dates::DateFinder::new(&rules.dates).unwrap();
        let datelines = crate::document::Datelines::new(&rules.datelines).unwrap();
        crate::document::prepare(&mut d, &finder, &datelines);
        d
    }

    const WIRE: &str = "The two ministers reviewed progress on major defence contracts, licensed production \
        and technology transfer, and agreed to meet again in Moscow next year to take stock of the military \
        cooperation between the two countries, which has grown steadily over the past decade.";

    #[track_caller]
    fn assert_copy(copies: &[Copy], doc: usize, source: usize, by: Direction) -> &Copy {
        assert_eq!(copies.len(), 1, "{copies:#?}");
        let c = &copies[0];
        assert_eq!((c.doc, c.source, c.decided_by), (doc, source, by), "{}", c.reason);
        c
    }

    #[test]
    fn shared_wire_paragraph_is_copied_by_the_later_report() {
        assert!(WIRE.split_whitespace().count() >= 40);
        let a = doc("later.txt", &format!("Dec 5, 2025\nSingh spoke in Delhi on Thursday.\n{WIRE}"), 0);
        let b = doc("earlier.txt", &format!("Dec 4, 2025\nBelousov arrived on a two-day visit.\n{WIRE}"), 1);
        let docs = [a, b];
        let copies = copies(&docs, &rules());
        let c = assert_copy(&copies, 0, 1, Direction::Date);
        assert_eq!(c.passages.len(), 1);
        let (mine, theirs) = c.passages[0];
        assert_eq!(mine.of(&docs[0].raw), WIRE.trim_end_matches('.'));
        assert_eq!(theirs.of(&docs[1].raw), WIRE.trim_end_matches('.'));
        assert_eq!(c.shared_words, WIRE.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count());
        assert!(c.share > 0.7 && c.share < 1.0, "{}", c.share);
        assert!(c.reason.contains("published later (2025-12-05 against 2025-12-04)"), "{}", c.reason);
        assert_eq!(independent_groups(2, &copies), vec![0, 0]);
    }

    #[test]
    fn same_day_credit_copies_the_agency_report() {
        let ani = doc("delhi.txt", &format!("New Delhi [India], December 4 (ANI): Singh spoke. {WIRE}"), 0);
        let outlet = doc(
            "outlet.txt",
            &format!("Dec 4, 2025\nSingh spoke in Delhi on Thursday, and much more was said that we report here at length.\n{WIRE}\n(With inputs from ANI)"),
            1,
        );
        let mut docs = vec![ani, outlet];
        docs[0].published = docs[1].published; // the dateline has no year
        assert!(docs[0].published.is_some());
        let copies = copies(&docs, &rules());
        let c = assert_copy(&copies, 1, 0, Direction::Credit);
        assert_eq!(c.markers, vec!["With inputs from ANI"]);
        assert!(c.reason.contains("carries the credit \"With inputs from ANI\""), "{}", c.reason);
        assert!(c.reason.contains("delhi.txt is ANI's own report (its dateline carries \"(ANI)\")"), "{}", c.reason);
    }

    #[test]
    fn an_agency_sign_off_on_its_own_report_is_not_a_copy_credit() {
        let mut ians = doc("wire.json.txt", &format!("Dec 4, 2025\nSingh spoke at length.\n{WIRE}\n--IANS"), 0);
        ians.source = Some("IANS".into());
        let mut outlet =
            doc("daily.txt", &format!("Dec 4, 2025\nA much longer introduction of our own, with more words in it.\n{WIRE}\n(With inputs from IANS)"), 1);
        outlet.source = Some("The Daily".into());
        let copies = copies(&[ians, outlet], &rules());
        let c = assert_copy(&copies, 1, 0, Direction::Credit);
        assert!(c.reason.contains("its outlet is \"IANS\""), "{}", c.reason);
    }

    #[test]
    fn a_shared_quote_alone_is_not_copying() {
        let quote = "\"We were eagerly awaiting the visit of the President to India for the annual summit, \
            which has been fulfilled today, and I believe it will further strengthen the partnership between our \
            two countries,\"";
        assert!(quote.split_whitespace().count() >= 30);
        let a = doc("a.txt", &format!("Dec 4, 2025\nThe defence minister welcomed the Russian delegation at the Manekshaw Centre. {quote} he said."), 0);
        let b = doc(
            "b.txt",
            &format!(
                "Dec 4, 2025\n{quote} Rajnath Singh told the commission meeting before the wreath-laying ceremony."
            ),
            1,
        );
        assert!(copies(&[a, b], &rules()).is_empty());
    }

    #[test]
    fn a_credit_without_shared_text_is_not_a_copy() {
        let a =
            doc("ani.txt", "Dec 4, 2025\nNew Delhi (ANI): Putin landed in Delhi in the evening for a state visit.", 0);
        let b = doc(
            "b.txt",
            "Dec 4, 2025\nThe Russian leader arrived for a two-day trip, his first since 2021.\n(With inputs from ANI)",
            1,
        );
        let detector = Detector::new(&rules()).unwrap();
        let docs = [a, b];
        assert!(detector.copies(&docs).is_empty());
        let credits = detector.credits(&docs[1]);
        assert_eq!(credits.len(), 1);
        assert_eq!(credits[0].text, "With inputs from ANI");
        assert_eq!(credits[0].span.of(&docs[1].raw), "With inputs from ANI");
        assert_eq!(credits[0].agencies, vec!["ANI"]);
    }

    #[test]
    fn groups_join_copier_and_source() {
        let a = doc("a.txt", &format!("Dec 4, 2025\nA first report.\n{WIRE}"), 0);
        let b = doc(
            "b.txt",
            "Dec 4, 2025\nAn independent report on the talks, written by our own correspondent in Delhi.",
            1,
        );
        let c = doc("c.txt", &format!("Dec 5, 2025\n{WIRE}"), 2);
        let copies = copies(&[a, b, c], &rules());
        assert_copy(&copies, 2, 0, Direction::Date);
        let groups = independent_groups(3, &copies);
        assert_eq!(groups, vec![0, 1, 0]);
        assert_eq!(corroboration(&groups, &[0, 2]), 1, "A and C are one voice");
        assert_eq!(corroboration(&groups, &[0, 1, 2]), 2);
        assert_eq!(corroboration(&groups, &[]), 0);
    }

    #[test]
    fn without_date_or_credit_the_shorter_copies_the_longer() {
        let a = doc("a.txt", WIRE, 0);
        let b = doc("b.txt", &format!("A longer report begins with its own paragraph of reporting.\n{WIRE}"), 1);
        let copies = copies(&[a, b], &rules());
        let c = assert_copy(&copies, 0, 1, Direction::Length);
        assert!(c.reason.contains("neither publication date is known"), "{}", c.reason);
        assert!((c.share - 1.0).abs() < 1e-6);
    }

    #[test]
    fn an_edited_word_keeps_one_passage() {
        let edited = WIRE.replace("agreed", "decided");
        let a = doc("a.txt", &format!("Dec 4, 2025\n{WIRE}"), 0);
        let b = doc("b.txt", &format!("Dec 5, 2025\n{edited}"), 1);
        let copies = copies(&[a, b], &rules());
        let c = assert_copy(&copies, 1, 0, Direction::Date);
        assert_eq!(c.passages.len(), 1, "{:?}", c.passages);
        assert_eq!(c.shared_words + 1, c.words, "every word but the edited one");
    }

    /// Time is linear: a thousand reports sharing nothing but boilerplate
    /// words are indexed once each, never compared pairwise.
    #[test]
    fn many_reports_share_no_passage() {
        let docs: Vec<Document> = (0..200)
            .map(|i| doc(&format!("{i}.txt"), &format!("Report {i} says item {i} costs {} rupees.", i * 7), i))
            .collect();
        assert!(copies(&docs, &rules()).is_empty());
    }

    #[test]
    fn rules_file_examples() {
        let rules = rules();
        let detector = Detector::new(&rules).unwrap();
        assert!(rules.examples.len() >= 5);
        for ex in &rules.examples {
            let d = crate::document::from_bytes("x.txt".as_ref(), ex.text.clone().into_bytes(), 0).unwrap();
            let credits = detector.credits(&d);
            let got = credits.first().map(|c| c.text.as_str()).unwrap_or("");
            assert_eq!(got, ex.marker, "marker of {:?}", ex.text);
            let agencies: Vec<String> = credits.first().map(|c| c.agencies.clone()).unwrap_or_default();
            assert_eq!(agencies, ex.agencies, "agencies of {:?}", ex.text);
        }
    }

    #[test]
    fn agency_reports_are_known_by_outlet_id_or_dateline() {
        let detector = Detector::new(&rules()).unwrap();
        let mut d = doc("x.txt", "WASHINGTON, March 3 (Reuters) - The Senate voted.", 0);
        assert_eq!(detector.agency_of(&d).map(|a| a.0).as_deref(), Some("Reuters"));
        d.source = Some("The Hindu".into());
        assert_eq!(detector.agency_of(&d), None, "an outlet that republishes agency copy is not the agency");
        d.source = Some("Associated Press".into());
        assert_eq!(detector.agency_of(&d).map(|a| a.0).as_deref(), Some("AP"));
        let d = doc("pti_story.txt", "A report.", 0);
        assert_eq!(detector.agency_of(&d).map(|a| a.0).as_deref(), Some("PTI"));
        let d = doc("apple.txt", "A report (about AP style).", 0);
        assert_eq!(detector.agency_of(&d), None);
    }

    #[test]
    fn quotes_are_marked() {
        let text = "He said \"we will go\" and 'they came' to India's capital.\n\"Open paragraph\nNext";
        let q: Vec<&str> = quoted_regions(text).iter().map(|s| s.of(text)).collect();
        assert_eq!(q, vec!["\"we will go\"", "'they came'", "\"Open paragraph"]);
    }
}
