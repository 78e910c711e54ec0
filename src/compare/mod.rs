//! Stage 5, compare: claims about the same subject in aligned sentences
//! become [`Finding`]s.
//!
//! Input: claims and sentence pairs. Output: findings (conflicts, and
//! compatible claims of different precision when that rule is on), each with
//! its claims, a subject, a confidence and a reason in plain words, plus a
//! tally of every comparison made. One file per claim kind: `dates.rs`.

mod dates;
mod entities;
mod numbers;
mod polarity;
pub mod quotes;
mod slots;

use crate::align::{same_term, Alignment, Weights};
use crate::document::Document;
use crate::extract::{Claim, ClaimKind, ClaimValue};
use crate::normalize::collapse;
use crate::rules::Rules;
use crate::segment::Sentence;
use crate::terms::{Lexicon, Predicate, Term, TermKind};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth a look.
    Warning,
    /// The claims cannot both be true.
    Conflict,
}

impl Severity {
    /// Parses `conflict`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "conflict" => Some(Severity::Conflict),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The lowercase name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Conflict => "conflict",
        }
    }
}

/// What a finding concluded. Claims that agree make no finding; they are
/// only counted ([`Tally::agree`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Different precision, one inside the other.
    Compatible,
    /// Cannot both be true.
    Conflict,
}

/// Whether the claims come from two reports or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Two different reports.
    CrossDocument,
    /// Two sentences of one report.
    IntraDocument,
}

impl Scope {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Scope::CrossDocument => "cross-document",
            Scope::IntraDocument => "intra-document",
        }
    }
}

/// One thing an editor should look at.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Stable fingerprint: the same claims in the same sentences give the
    /// same id, whatever else changes in the reports.
    pub id: String,
    /// The kind of the claims compared.
    pub kind: ClaimKind,
    /// The rule that made it (`date-conflict`), a key of `rules/severities.toml`.
    pub rule: &'static str,
    /// From `rules/severities.toml`.
    pub severity: Severity,
    /// What the comparison concluded.
    pub verdict: Verdict,
    /// How sure the checker is that the claims are about the same thing and
    /// read correctly, 0..=1.
    pub confidence: f32,
    /// What both claims are about, in the words of the first.
    pub subject: String,
    /// One line: the claims and their values.
    pub message: String,
    /// Why, in plain words.
    pub reason: String,
    /// Across reports or inside one.
    pub scope: Scope,
    /// The claims, ordered by document and position.
    pub claims: Vec<usize>,
    /// For each claim, how many independent reports stand behind it: its
    /// own and those whose claims agreed with it, counting reports that
    /// copy one another once ([`crate::sources::corroboration`]).
    pub support: Vec<usize>,
    /// For quotation findings, the word diff of the two versions (first
    /// claim's words against the second's), as the quote pass computed it;
    /// `None` for other findings.
    pub diff: Option<Vec<quotes::DiffOp>>,
}

/// One fact stated by several reports: claims of different reports that
/// agreed when compared (same value), joined when they share a claim.
/// Agreements make no finding; this is where they can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corroboration {
    /// The claims (indices into the run's claims), ordered by document and
    /// position.
    pub claims: Vec<usize>,
    /// How many reports state it (always 2 or more).
    pub reports: usize,
    /// How many independent reports state it: reports that copy one
    /// another count once ([`crate::sources::corroboration`]).
    pub independent: usize,
}

/// How many comparisons ended each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Same value.
    pub agree: usize,
    /// Different precision, one inside the other.
    pub compatible: usize,
    /// Cannot both be true.
    pub conflict: usize,
}

/// What two claims share as a subject.
#[derive(Debug, Clone)]
pub struct SharedSubject {
    /// The shared terms as written in the first claim's sentence.
    pub label: String,
    /// Shared weight over the smaller subject's weight, 0..=1.
    pub score: f32,
}

/// Below this share of weight, two subjects are not the same.
pub const MIN_SUBJECT: f32 = 0.2;

/// What the predicates of two claims say about their being one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventMatch {
    /// Their predicates name the same kind of event ("arrived" and
    /// "arrival"), or one is an event noun that is the occasion of the
    /// other's verb ("met ... on the sidelines of the SCO Summit" and
    /// "during the SCO Summit in June 2025").
    Same,
    /// One of them has no predicate, or only a light verb ("went").
    Unknown,
    /// Their predicates name different events ("arrived", "will hold
    /// talks"), or their occurrence words all differ (the 13th meeting is
    /// not the 15th, the next is not the last).
    Different,
}

/// Judges whether two claims can be about the same event by what happened.
pub fn event_match(a: &Claim, b: &Claim, docs: &[Document], lexicon: &Lexicon) -> EventMatch {
    let (oa, ob) = (&a.event_occurrences, &b.event_occurrences);
    if !oa.is_empty() && !ob.is_empty() && !oa.iter().any(|o| ob.contains(o)) {
        return EventMatch::Different;
    }
    // "The next meeting ... in 2026" is not the one held on 7 October.
    let forward = |o: &Vec<String>| o.iter().any(|w| lexicon.is_forward(w));
    if forward(oa) != forward(ob) {
        return EventMatch::Different;
    }
    // A light verb that found no event noun ("went up in December") says
    // nothing either way.
    let strong = |c: &Claim| c.predicate.clone().filter(|p| !p.light);
    let (Some(pa), Some(pb)) = (strong(a), strong(b)) else { return EventMatch::Unknown };
    // An event noun can be the occasion of the other claim's verb; next to
    // another event noun it is only that noun's topic ("negotiations on the
    // agreement").
    let mentions = |p: &Predicate, other: &Predicate, c: &Claim| {
        p.noun && !p.indefinite && !other.noun && lexicon.mentions_event(c.clause.of(&docs[c.doc].norm.text), &p.lemma)
    };
    if pa.same_kind(&pb) || mentions(&pa, &pb, b) || mentions(&pb, &pa, a) {
        EventMatch::Same
    } else {
        EventMatch::Different
    }
}

/// Which end of its event a date or clock time gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    /// The time of the event itself ("on Friday", "at 9 a.m.").
    At,
    /// Its start ("from 11 p.m.", "since 2021", "beginning on Friday").
    Start,
    /// Its end ("until 9am", "to 6 a.m. on Friday", "until 2030").
    End,
}

/// The bound a claim gives: a date's anchor says it ("since 2021"), and
/// otherwise the nearest word before it that is not part of a time or day
/// ("from 11 p.m. on Thursday": the day starts it too), from `start_words`
/// and `end_words` in `rules/events.toml`.
pub(super) fn bound(input: &Input, c: &Claim) -> Bound {
    use crate::extract::dates::Anchor;
    use crate::extract::ClaimValue;
    match &c.value {
        ClaimValue::Date(d) if d.anchor == Anchor::Since => return Bound::Start,
        ClaimValue::Date(d) if d.anchor == Anchor::Until => return Bound::End,
        _ => {}
    }
    let text = &input.docs[c.doc].norm.text;
    let events = &input.rules.events;
    let before = &text[c.clause.start.min(c.norm.start)..c.norm.start];
    let timeish = |w: &str| {
        w.bytes().any(|b| b.is_ascii_digit())
            || matches!(
                w,
                "on" | "in"
                    | "at"
                    | "a.m."
                    | "p.m."
                    | "am"
                    | "pm"
                    | "a.m"
                    | "p.m"
                    | "noon"
                    | "midnight"
                    | "local"
                    | "time"
            )
            || (w.len() <= 4 && w.chars().all(|ch| ch.is_ascii_uppercase()))
    };
    for w in before.split_whitespace().rev().take(6) {
        let w = w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '.');
        if w.is_empty() || timeish(w) {
            continue;
        }
        let w = w.trim_end_matches('.').to_lowercase();
        return if events.start_words.contains(&w) {
            Bound::Start
        } else if events.end_words.contains(&w) {
            Bound::End
        } else {
            Bound::At
        };
    }
    Bound::At
}

/// Whether two bounds can speak of one point: the start and the end of an
/// event are two ("from 11 p.m." and "until 9am"); the event's own time
/// may be told as either.
pub(super) fn bounds_meet(a: Bound, b: Bound) -> bool {
    !matches!((a, b), (Bound::Start, Bound::End) | (Bound::End, Bound::Start))
}

/// Whether two claims whose predicates name one kind of event pick out one
/// occurrence of it without sharing a name: the same occurrence words in
/// both clauses ("first" and "first"; neither "next"), no names that
/// differ ("European sales" and "sales in South Korea"), not statements
/// (two statements on two days can both be true), and some shared word
/// besides the predicate ("the bridge").
pub fn one_event(a: &Claim, b: &Claim, lexicon: &Lexicon) -> bool {
    fn names(c: &Claim) -> Vec<&str> {
        c.subject.iter().filter(|t| t.kind.identifies()).map(|t| t.key.as_str()).collect()
    }
    let (na, nb) = (names(a), names(b));
    let contrast = !na.is_empty() && !nb.is_empty() && !na.iter().any(|n| nb.contains(n));
    let statement = [&a.predicate, &b.predicate].into_iter().flatten().any(|p| lexicon.is_statement(p));
    let predicate_spans: Vec<crate::span::Span> =
        [&a.predicate, &b.predicate].into_iter().flatten().map(|p| p.span).collect();
    let shared = a.subject.iter().filter(|t| !predicate_spans.contains(&t.span)).any(|ta| {
        b.subject.iter().filter(|t| !predicate_spans.contains(&t.span)).any(|tb| same_term(ta, tb).is_some())
    });
    a.event_occurrences == b.event_occurrences && !contrast && !statement && shared
}

/// Whether two claims are about the same subject: they must share enough of
/// their weight, and a term that identifies something (a name, an alias or
/// an ordinal, not a title) unless `one_event` says their predicates and
/// occurrence words already pick out one event ("the bridge opened in 1987"
/// and "the bridge, inaugurated in 1989"; but not "the committee's next
/// meeting on February 26" and "its October 16 meeting").
pub fn shared_subject(a: &Claim, b: &Claim, text_a: &str, weights: &Weights, one_event: bool) -> Option<SharedSubject> {
    let (na, nb) = (nearness(a), nearness(b));
    let total = |c: &Claim, near: &[f32]| c.subject.iter().zip(near).map(|(t, n)| weights.of(t) * n).sum::<f32>();
    let (wa, wb) = (total(a, &na), total(b, &nb));
    if wa == 0.0 || wb == 0.0 {
        return None;
    }
    let mut shared = 0.0;
    let mut identified = false;
    let mut words: Vec<&Term> = Vec::new();
    for (ta, fa) in a.subject.iter().zip(&na) {
        let best = b
            .subject
            .iter()
            .zip(&nb)
            .filter_map(|(tb, fb)| same_term(ta, tb).map(|s| (s * (fa * fb).sqrt(), tb)))
            .max_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((sim, tb)) = best {
            shared += sim * weights.of(ta);
            identified |= ta.kind.identifies() && tb.kind.identifies();
            words.push(ta);
        }
    }
    let score = (shared / wa.min(wb)).min(1.0);
    if !(identified || one_event && !words.is_empty()) || score < MIN_SUBJECT || named_apart(a, b) {
        return None;
    }
    Some(SharedSubject { label: label(&words, text_a), score })
}

/// Whether the two subjects name two things of one sort: the same word
/// before two different names ("Typhoon Kalayaan" and "Typhoon Lumen",
/// "Flight 302" and "Flight 417"), neither name in the other subject.
fn named_apart(a: &Claim, b: &Claim) -> bool {
    /// The word before each run of adjacent names, and the run.
    fn heads(c: &Claim) -> Vec<(&str, Vec<&str>)> {
        let t = &c.subject;
        let mut out = Vec::new();
        for i in 1..t.len() {
            let adjacent = |x: &Term, y: &Term| x.span.end <= y.span.start && y.span.start - x.span.end <= 1;
            // A word before a name ("mayor Ivan Kolev"), or the first of
            // a run of names that starts with a common word written as a
            // name ("Typhoon Kalayaan").
            let starts_run = i < 2 || !t[i - 2].kind.identifies() || !adjacent(&t[i - 2], &t[i - 1]);
            let head = t[i - 1].kind == TermKind::Word || t[i - 1].kind.identifies() && starts_run;
            if !head || !t[i].kind.identifies() || !adjacent(&t[i - 1], &t[i]) {
                continue;
            }
            let mut run = vec![t[i].key.as_str()];
            let mut k = i + 1;
            while k < t.len() && t[k].kind.identifies() && adjacent(&t[k - 1], &t[k]) {
                run.push(t[k].key.as_str());
                k += 1;
            }
            out.push((t[i - 1].key.as_str(), run));
        }
        out
    }
    let in_subject = |c: &Claim, run: &[&str]| c.subject.iter().any(|t| run.contains(&t.key.as_str()));
    let (ha, hb) = (heads(a), heads(b));
    ha.iter().any(|(wa, ra)| hb.iter().any(|(wb, rb)| wa == wb && !in_subject(b, ra) && !in_subject(a, rb)))
}

/// How much each subject term of a claim counts: the words next to the
/// claim say most about what it is about, so a term `d` terms away counts
/// `1 / (1 + d / 3)`.
fn nearness(c: &Claim) -> Vec<f32> {
    let at = c.subject.iter().filter(|t| t.span.end <= c.norm.start).count();
    (0..c.subject.len())
        .map(|i| {
            let d = if i < at { at - 1 - i } else { i - at };
            1.0 / (1.0 + d as f32 / 3.0)
        })
        .collect()
}

/// The shared terms as phrases: adjacent shared words read as one
/// ("SCO Summit"); plain words are left out when names say enough.
fn label(words: &[&Term], text: &str) -> String {
    let named = words.iter().any(|t| t.kind.identifies());
    let mut phrases: Vec<String> = Vec::new();
    let mut last_end: Option<usize> = None;
    for t in words.iter().filter(|t| !named || t.kind != TermKind::Word) {
        let word = t.span.of(text);
        match (last_end, phrases.last_mut()) {
            (Some(end), Some(p)) if end <= t.span.start && text[end..t.span.start].trim().is_empty() => {
                p.push(' ');
                p.push_str(word);
            }
            _ => phrases.push(word.to_string()),
        }
        last_end = Some(t.span.end);
    }
    phrases.dedup();
    phrases.join(", ")
}

/// Everything `compare` reads.
pub struct Input<'a> {
    /// The documents.
    pub docs: &'a [Document],
    /// Their sentences.
    pub sentences: &'a [Sentence],
    /// Their claims.
    pub claims: &'a [Claim],
    /// The aligned pairs and term weights.
    pub alignment: &'a Alignment,
    /// Severities.
    pub rules: &'a Rules,
    /// Words, for reading predicates.
    pub lexicon: &'a Lexicon,
    /// What makes a number a running count.
    pub quantities: &'a crate::extract::quantities::QuantityReader,
    /// What amounts and lengths of time measure.
    pub measure: &'a crate::extract::measure::MeasureReader,
    /// Which place lies in which.
    pub gazetteer: &'a crate::extract::entities::Gazetteer,
    /// The quotation comparer, compiled once with the checker.
    pub quotes: &'a quotes::Comparer,
    /// The independent group of each document ([`crate::sources::independent_groups`]).
    pub groups: &'a [usize],
    /// The offset from UTC of the event's local time in minutes, when a
    /// report gives a clock time both ways ([`local_offset`]).
    pub local_offset: Option<i64>,
}

impl Input<'_> {
    /// The claims of one sentence: claims come ordered by sentence (see
    /// [`crate::extract::extract`]), so this is a binary search, not a scan.
    pub fn claims_of(&self, sentence: usize) -> &[Claim] {
        let start = self.claims.partition_point(|c| c.sentence < sentence);
        let end = self.claims.partition_point(|c| c.sentence <= sentence);
        &self.claims[start..end]
    }
}

pub use numbers::local_offset;

/// Compares the claims of every aligned pair of sentences: the findings,
/// the tally, and the facts that several reports agree on.
pub fn compare(input: &Input) -> (Vec<Finding>, Tally, Vec<Corroboration>) {
    debug_assert!(input.claims.windows(2).all(|w| w[0].sentence <= w[1].sentence), "claims ordered by sentence");
    let ids = |sentence: usize| input.claims_of(sentence).iter().map(|c| c.id);
    let mut findings = Vec::new();
    let mut tally = Tally::default();
    let mut compared = std::collections::HashSet::new();
    // Pairs of claims that agreed, for counting who backs each side of a
    // finding.
    let mut agreements: Vec<(usize, usize)> = Vec::new();
    for pair in &input.alignment.pairs {
        for a in ids(pair.a) {
            for b in ids(pair.b) {
                let key = (a.min(b), a.max(b));
                let (a, b) = (&input.claims[a], &input.claims[b]);
                // Every comparison below is of two claims of one kind.
                if a.value.kind() != b.value.kind() {
                    continue;
                }
                let agreed = tally.agree;
                dates::compare(input, pair.score, a, b, false, &mut findings, &mut tally);
                // A pair the aligned pass could not judge may still be
                // judged by its head below.
                if numbers::compare(input, pair.score, a, b, false, &mut findings, &mut tally) {
                    compared.insert(key);
                }
                if tally.agree > agreed {
                    agreements.push(key);
                }
                polarity::compare(input, pair.score, a, b, &mut findings, &mut tally);
                entities::compare(input, pair.score, a, b, &mut findings, &mut tally);
            }
        }
    }
    // Reports of one event name what they measure the same way even when
    // their sentences do not align: "a two-day truce" and "a three-day
    // truce". Each report's only claim of a kind about a head is paired
    // with the others'.
    for (a, b) in by_head(input) {
        if compared.insert((a.min(b), a.max(b))) {
            let key = (a.min(b), a.max(b));
            let (a, b) = (&input.claims[a], &input.claims[b]);
            let agreed = tally.agree;
            numbers::compare(input, 0.0, a, b, true, &mut findings, &mut tally);
            if tally.agree > agreed {
                agreements.push(key);
            }
        }
    }
    // Dates and clock times of one kind of event ("the fire broke out on
    // Monday", "started on Sunday") in sentences that did not align.
    for (a, b) in by_event(input) {
        if compared.insert((a.min(b), a.max(b))) {
            let (a, b) = (&input.claims[a], &input.claims[b]);
            dates::compare(input, 0.0, a, b, true, &mut findings, &mut tally);
            numbers::compare(input, 0.0, a, b, true, &mut findings, &mut tally);
        }
    }
    polarity::pass(input, &mut findings, &mut tally);
    polarity::undisclosed(input, &mut findings, &mut tally);
    numbers::implied_lengths(input, &mut findings, &mut tally);
    numbers::elapsed_lengths(input, &mut findings, &mut tally);
    numbers::extents(input, &mut findings, &mut tally);
    quotes::pass(input, &mut findings, &mut tally);
    entities::people(input, &mut findings, &mut tally);
    slots::pass(input, &mut findings, &mut tally);
    findings.sort_by(|x, y| {
        let key = |f: &Finding| {
            let first = &input.claims[f.claims[0]];
            (first.doc, first.span.start, f.rule, f.claims.clone())
        };
        key(x).cmp(&key(y))
    });
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| seen.insert(f.id.clone()));
    one_per_values(input, &mut findings);
    support(input, &agreements, &mut findings);
    let corroborations = corroborations(input, &agreements);
    (findings, tally, corroborations)
}

/// Joins the claims that agreed into facts stated by two or more reports.
fn corroborations(input: &Input, agreements: &[(usize, usize)]) -> Vec<Corroboration> {
    use std::collections::BTreeMap;
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    fn root(parent: &mut BTreeMap<usize, usize>, x: usize) -> usize {
        let mut r = x;
        while let Some(&p) = parent.get(&r).filter(|&&p| p != r) {
            r = p;
        }
        parent.insert(x, r);
        r
    }
    for &(x, y) in agreements {
        let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
        parent.insert(rx.max(ry), rx.min(ry));
    }
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for c in parent.keys().copied().collect::<Vec<_>>() {
        let r = root(&mut parent, c);
        sets.entry(r).or_default().push(c);
    }
    let mut out: Vec<Corroboration> = sets
        .into_values()
        .filter_map(|mut claims| {
            claims.sort_by_key(|&c| (input.claims[c].doc, input.claims[c].span.start, c));
            let mut docs: Vec<usize> = claims.iter().map(|&c| input.claims[c].doc).collect();
            docs.dedup();
            (docs.len() >= 2).then(|| Corroboration {
                independent: crate::sources::corroboration(input.groups, &docs),
                reports: docs.len(),
                claims,
            })
        })
        .collect();
    out.sort_by_key(|c| {
        let first = &input.claims[c.claims[0]];
        (first.doc, first.span.start, c.claims.clone())
    });
    out
}

/// Pairs of claims from two reports with one kind and head (and unit), each
/// the only value of its report for that head: see [`compare`]. Heads too vague to pick one thing
/// ("time", "day") are left out (`generic_heads` in `rules/events.toml`).
fn by_head(input: &Input) -> Vec<(usize, usize)> {
    use std::collections::BTreeMap;
    type Key<'a> = (ClaimKind, &'a str, Option<&'a str>, Option<&'a str>);
    let mut groups: BTreeMap<Key, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for c in input.claims {
        let Some(head) = c.head.as_deref() else { continue };
        if input.lexicon.is_generic_head(head) || head == crate::extract::measure::BASELINE {
            continue;
        }
        // Amounts pair in one unit: "profit" in dollars, not in percent.
        let unit = match &c.value {
            crate::extract::ClaimValue::Number(n) => n.unit.as_deref(),
            _ => None,
        };
        groups.entry((c.value.kind(), head, unit, None)).or_default().entry(c.doc).or_default().push(c.id);
        // And by whose they are: "Mr Akinwale polled 141,270 votes" and
        // "Akinwale, who scored 141,720 votes" when a report gives the
        // votes of several candidates.
        if c.value.kind() == ClaimKind::Number {
            if let Some(owner) = owner(c) {
                groups
                    .entry((c.value.kind(), head, unit, Some(owner)))
                    .or_default()
                    .entry(c.doc)
                    .or_default()
                    .push(c.id);
            }
        }
    }
    pairs_across(input, groups.values(), |_, _| true)
}

/// The pairs of claims of two reports within each group of claims sharing
/// a key (claims by report), that `keep` accepts, sorted and unique. A
/// report takes part when it gives the key one value, however many times
/// (a headline and its lead): each of its claims does. Not ranks: "the
/// fourth straight quarter" and "the fourth quarter was traditionally
/// weaker" rank two things.
fn pairs_across<'a>(
    input: &Input,
    groups: impl Iterator<Item = &'a std::collections::BTreeMap<usize, Vec<usize>>>,
    keep: impl Fn(&Claim, &Claim) -> bool,
) -> Vec<(usize, usize)> {
    // One value, or one clock time told both ways ("3:40 a.m. (2155 GMT)").
    let same = |a: &Claim, b: &Claim| match (&a.value, &b.value) {
        (ClaimValue::Time(x), ClaimValue::Time(y)) => numbers::clock_gap(x, y, input.local_offset) == Some(0),
        _ => a.value.normalised() == b.value.normalised(),
    };
    let one_value = |ids: &&Vec<usize>| {
        let first = &input.claims[ids[0]];
        ids.len() == 1 || first.value.kind() != ClaimKind::Ordinal && ids.iter().all(|&i| same(&input.claims[i], first))
    };
    let mut out = Vec::new();
    for docs in groups {
        let single: Vec<usize> = docs.values().filter(one_value).flatten().copied().collect();
        for (i, &a) in single.iter().enumerate() {
            for &b in &single[i + 1..] {
                let (ca, cb) = (&input.claims[a], &input.claims[b]);
                if ca.doc != cb.doc && keep(ca, cb) {
                    out.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whose an amount is: the last name of its subject before it, within 80
/// bytes ("Mr Akinwale polled 141,270 votes"; "Akinwale, who scored 141,720
/// votes", the relative clause taking its antecedent), as a term key.
fn owner(c: &Claim) -> Option<&str> {
    c.subject
        .iter()
        .rfind(|t| t.kind.identifies() && t.span.end <= c.norm.start && c.norm.start - t.span.end <= 80)
        .map(|t| t.key.as_str())
}

/// The event group of `rules/events.toml` of words that start something.
pub(super) const BEGIN: &str = "begin";

/// Pairs of date (or clock time) claims from two reports whose predicates
/// (for a time without one, its clause) name one kind of event (an event
/// group of `rules/events.toml`: "broke out" and "started"; a date whose
/// clause says something began is in the `begin` group whatever its verb),
/// each report giving one date for it, whose sentences share a word besides
/// the predicate ("the fire", "rain"), neither dated more than two months
/// before its report (history: such dates do not count as a report's date
/// of the event at all), and neither a statement ("said on Wednesday").
/// [`dates::compare`] keeps the start of something apart from a day of it.
fn by_event(input: &Input) -> Vec<(usize, usize)> {
    use crate::extract::ClaimValue;
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<(ClaimKind, &str, bool), BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for c in input.claims {
        let p = c.predicate.as_ref();
        // History ("well below the 2024 local elections") is no date of
        // the event reported, nor a second one that would keep its report
        // out of the group.
        let old = input.docs[c.doc].published.is_some_and(|published| numbers::history(c, published));
        if p.is_some_and(|p| input.lexicon.is_statement(p)) || numbers::past(input, c) || old {
            continue;
        }
        let kinds: Vec<&str> = match &c.value {
            // The start of something pairs with other starts ("rain that
            // began on Thursday night", "Rain began lashing the city on
            // Wednesday evening"), even under a light verb.
            ClaimValue::Date(d) if d.value.is_some() => {
                // Its own verb begins it: a light one, a verb of the group,
                // or one right after a verb of the group ("began lashing");
                // not another verb of the clause ("rain that began on
                // Thursday night inundated ... on Friday").
                let text = &input.docs[c.doc].norm.text;
                let governed = |p: &crate::terms::Predicate| {
                    let before = text[c.clause.start.min(p.span.start)..p.span.start].trim_end();
                    let word = before.rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
                    p.light || p.groups.iter().any(|g| g == BEGIN) || input.lexicon.mentions_group(word, BEGIN)
                };
                let begins = input.lexicon.mentions_group(c.clause.of(text), BEGIN) && p.is_none_or(governed);
                let mut g: Vec<&str> = match p {
                    Some(p) if !p.light => p.groups.iter().map(String::as_str).collect(),
                    _ => Vec::new(),
                };
                if begins {
                    g.push(BEGIN);
                }
                if g.is_empty() {
                    continue;
                }
                g
            }
            // A clock time often has no verb of its own ("polls closing at
            // 8pm"): the events its clause names.
            ClaimValue::Time(t) if t.minutes.is_some() => {
                let mut g = input.lexicon.groups_in(c.clause.of(&input.docs[c.doc].norm.text));
                g.extend(p.filter(|p| !p.light).into_iter().flat_map(|p| p.groups.iter().map(String::as_str)));
                g.sort_unstable();
                g.dedup();
                g
            }
            _ => continue,
        };
        // "the next regular local elections in 2028" is another occurrence
        // than the one reported: it neither pairs with it nor keeps its
        // report out of the group.
        let forward = c.event_occurrences.iter().any(|o| input.lexicon.is_forward(o));
        for g in kinds {
            groups.entry((c.value.kind(), g, forward)).or_default().entry(c.doc).or_default().push(c.id);
        }
    }
    pairs_across(input, groups.values(), |a, b| numbers::shares_more(input, a, b))
}

/// Drops a finding whose claims stand in headlines when another of the same
/// rule and values of the same reports stands outside them: a headline and
/// its lead that both say "72-hour strike" make one conflict with the other
/// report's "48-hour walkout", not two.
fn one_per_values(input: &Input, findings: &mut Vec<Finding>) {
    let headline = |c: usize| {
        let claim = &input.claims[c];
        let s = &input.sentences[claim.sentence];
        let text = s.norm.of(&input.docs[claim.doc].norm.text).trim_end();
        s.index == 0 && !text.ends_with(['.', '!', '?', '"', '\u{201D}'])
    };
    type Values = Vec<(usize, Option<String>)>;
    let key = |f: &Finding| -> Values {
        f.claims.iter().map(|&c| (input.claims[c].doc, input.claims[c].value.normalised())).collect()
    };
    let rank = |f: &Finding| f.claims.iter().filter(|&&c| headline(c)).count();
    let paired = |f: &Finding| f.claims.len() == 2 && f.kind != ClaimKind::Quote;
    // The fewest headline claims of each rule and values; every finding as
    // free of headlines as that stays: two body sentences that both say it
    // are both evidence.
    let mut floor: std::collections::HashMap<(&str, Values), usize> = std::collections::HashMap::new();
    for f in findings.iter().filter(|f| paired(f)) {
        let r = rank(f);
        floor.entry((f.rule, key(f))).and_modify(|m| *m = (*m).min(r)).or_insert(r);
    }
    findings.retain(|f| !paired(f) || floor.get(&(f.rule, key(f))) == Some(&rank(f)));
}

/// Counts, for each claim of each finding, the independent reports behind
/// it (its own, and those of claims that agreed with it, other than the
/// reports of the finding's other claims), and says so in the reason when
/// several reports stand against one.
fn support(input: &Input, agreements: &[(usize, usize)], findings: &mut [Finding]) {
    // Each claim's partners in agreement, in the order they agreed.
    let mut partners: rustc_hash::FxHashMap<usize, Vec<usize>> = rustc_hash::FxHashMap::default();
    for &(x, y) in agreements {
        partners.entry(x).or_default().push(y);
        if y != x {
            partners.entry(y).or_default().push(x);
        }
    }
    for f in findings.iter_mut() {
        let docs_of = |c: usize| -> Vec<usize> {
            let others: Vec<usize> = f.claims.iter().filter(|&&o| o != c).map(|&o| input.claims[o].doc).collect();
            let mut docs = vec![input.claims[c].doc];
            for &partner in partners.get(&c).into_iter().flatten() {
                let d = input.claims[partner].doc;
                if !others.contains(&d) {
                    docs.push(d);
                }
            }
            docs
        };
        f.support = f.claims.iter().map(|&c| crate::sources::corroboration(input.groups, &docs_of(c))).collect();
        if f.support.len() == 2 && f.support[0] != f.support[1] {
            f.reason.push_str(&format!(
                " Independent reports behind each side: {} and {} (reports that copy one another count once).",
                f.support[0], f.support[1]
            ));
        }
    }
}

/// Where a claim was made, for reasons: "001 (published 2025-12-04, from
/// its header line)".
pub(super) fn where_(input: &Input, c: &Claim) -> String {
    let d = &input.docs[c.doc];
    let published = d.published.map_or("an unknown date".to_string(), |p| p.to_string());
    format!("{} (published {published}, {})", d.id, d.published_from.phrase())
}

/// A finding about claims `a` and `b`, or `None` when its rule is off.
/// `certainty` is how sure the reading of the claims is; the confidence
/// adds how much of their subject they share and how well their sentences
/// align.
#[allow(clippy::too_many_arguments)]
pub(super) fn finding(
    input: &Input,
    align_score: f32,
    (a, b): (&Claim, &Claim),
    kind: ClaimKind,
    (rule, verdict): (&'static str, Verdict),
    subject: &SharedSubject,
    reason: String,
    certainty: f32,
) -> Option<Finding> {
    let severity = input.rules.severity(rule)?;
    let (doc_a, doc_b) = (&input.docs[a.doc], &input.docs[b.doc]);
    let (na, nb) = (a.norm.of(&doc_a.norm.text), b.norm.of(&doc_b.norm.text));
    let (va, vb) = (a.value.normalised().unwrap_or_default(), b.value.normalised().unwrap_or_default());
    let confidence = certainty * (0.5 + 0.3 * subject.score + 0.2 * (align_score / 0.5).min(1.0));
    // The fingerprint names what an editor would recognise, not offsets, so
    // it survives edits elsewhere in the reports.
    let sentence_a = collapse(input.sentences[a.sentence].norm.of(&doc_a.norm.text));
    let sentence_b = collapse(input.sentences[b.sentence].norm.of(&doc_b.norm.text));
    let mut parts = [
        [doc_a.id.as_str(), sentence_a.as_str(), na, va.as_str()],
        [doc_b.id.as_str(), sentence_b.as_str(), nb, vb.as_str()],
    ];
    parts.sort();
    let flat: Vec<&str> = std::iter::once(rule).chain(parts.iter().flatten().copied()).collect();
    Some(Finding {
        id: fingerprint(&flat),
        kind,
        rule,
        severity,
        verdict,
        confidence: (confidence * 100.0).round() / 100.0,
        message: format!("{}: {na:?} ({va}) vs {nb:?} ({vb})", subject.label),
        subject: subject.label.clone(),
        reason,
        scope: if a.doc == b.doc { Scope::IntraDocument } else { Scope::CrossDocument },
        claims: vec![a.id, b.id],
        support: Vec::new(),
        diff: None,
    })
}

/// FNV-1a, 64 bits: a fingerprint that stays the same across Rust versions
/// and platforms (std's hasher promises neither).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// What the comparison tests of every kind share.
#[cfg(test)]
pub(crate) mod testing {
    use crate::rules::Rules;
    use crate::{analyse, document, Run};

    /// Two one-paragraph reports published on Thursday, December 4, 2025.
    pub fn check(a: &str, b: &str) -> Run {
        let doc = |i: usize, text: &str| {
            document::from_bytes(format!("{i}.txt").as_ref(), format!("Dec 4, 2025\n{text}\n").into_bytes(), i).unwrap()
        };
        analyse(vec![doc(0, a), doc(1, b)], &Rules::built_in().unwrap()).unwrap()
    }

    /// Two reports given as JSON documents, the first published on
    /// `a_date`, the second on `b_date`; each text may hold paragraphs.
    pub fn check_on(a: &str, a_date: &str, b: &str, b_date: &str) -> Run {
        let doc = |i: usize, date: &str, text: &str| {
            let json = serde_json::json!({"id": format!("r{i}"), "published": date, "text": text});
            document::from_bytes(format!("{i}.json").as_ref(), json.to_string().into_bytes(), i).unwrap()
        };
        analyse(vec![doc(0, a_date, a), doc(1, b_date, b)], &Rules::built_in().unwrap()).unwrap()
    }

    /// The rules of a run's findings, in order.
    pub fn rules_of(run: &Run) -> Vec<&'static str> {
        run.findings.iter().map(|f| f.rule).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::check;
    use super::*;
    use crate::{document, Run};

    fn severities(run: &Run) -> Vec<(&'static str, Severity)> {
        run.findings.iter().map(|f| (f.rule, f.severity)).collect()
    }

    #[track_caller]
    fn assert_conflict(a: &str, b: &str) {
        let run = check(a, b);
        assert_eq!(severities(&run), vec![("date-conflict", Severity::Conflict)], "{a:?} vs {b:?}");
    }

    #[track_caller]
    fn assert_agrees(a: &str, b: &str) {
        let run = check(a, b);
        assert!(run.findings.is_empty(), "{a:?} vs {b:?}: {:?}", run.findings);
        assert!(run.tally.agree >= 1, "the dates were compared and agree: {a:?} vs {b:?}");
    }

    #[track_caller]
    fn assert_not_compared(a: &str, b: &str) {
        let run = check(a, b);
        assert!(run.findings.is_empty(), "{a:?} vs {b:?}: {:?}", run.findings);
        assert_eq!(run.tally, Tally::default(), "{a:?} vs {b:?}");
    }

    #[test]
    fn dates_of_one_kind_of_event_pair_across_unaligned_sentences() {
        // "broke out" and "started" begin one fire.
        let run = check(
            "The fire broke out on Monday in a ravine outside the village of Kardiakafti, scorching olive groves \
             and forcing hundreds of residents to flee as winds fanned the flames overnight.",
            "It started on Sunday near Kardiakafti.",
        );
        assert_eq!(severities(&run), vec![("date-conflict", Severity::Conflict)], "{:#?}", run.findings);
    }

    #[test]
    fn a_next_occurrence_neither_pairs_nor_keeps_a_report_apart() {
        // The report's other date of a vote, the next elections', does not
        // keep its date of this vote from pairing.
        let a = "Ioana Muresan, a former deputy mayor, took the vote on Saturday with a margin of 15 points.\n\n\
                 Officials spoke.";
        let b = "The turnout for the November 23 vote was 38.4%, BEC data show.\n\nShe will serve until the next \
                 regular local elections in 2028.";
        let run = super::testing::check_on(a, "2025-11-24", b, "2025-11-24");
        assert_eq!(severities(&run), vec![("date-conflict", Severity::Conflict)], "{:#?}", run.findings);
        assert!(run.findings[0].message.contains("November 23"), "{:#?}", run.findings);
    }

    #[test]
    fn a_light_verb_with_its_particle_names_its_event() {
        // Setting off on Tuesday is not crashing on Wednesday.
        assert_not_compared(
            "The bus, carrying 47 passengers, had set off from Pokhara at 10 p.m. on Tuesday and was bound for the \
             capital when it crashed in Dhading district.",
            "At least 18 people were killed when a passenger bus carrying 47 passengers crashed in Dhading district \
             on Wednesday.",
        );
    }

    #[test]
    fn a_date_of_comparison_is_not_the_events() {
        assert_not_compared(
            "Turnout was 38.4 percent, well below the 2024 local elections.",
            "The turnout for the November 23 vote was 38.4%, electoral data show.",
        );
        // Both points of comparison: they still compare.
        assert_conflict(
            "Turnout was well below the 2024 local elections in Cluj.",
            "Turnout was well below the 2020 local elections in Cluj.",
        );
    }

    #[test]
    fn dates_compare_by_the_end_of_the_event_they_give() {
        // Two starts of one strike, one an interval from a day.
        assert_conflict(
            "Train drivers at Southern Coast Railway are to stage a 48-hour walkout from Thursday over pay.",
            "Train drivers at Southern Coast Railway stage a 48-hour strike beginning on Friday over pay.",
        );
        // A count since a date starts nothing.
        assert_not_compared(
            "Train drivers at Southern Coast Railway confirmed their third strike since January over pay.",
            "Train drivers at Southern Coast Railway stage a 48-hour strike beginning on Friday over pay.",
        );
        // A state since a date starts then; a count since a date does not.
        assert_conflict(
            "The closure of the Lisbon city museum for renovation began in 2014.",
            "The Lisbon city museum has been closed for renovation since 2015.",
        );
        // The start and the end of one closure are two days.
        let run = check(
            "Chennai airport was closed to all flights from 11 p.m. on Wednesday to 6 a.m. on Thursday.",
            "Chennai airport was closed to all flights until 9 a.m. on Thursday.",
        );
        assert_eq!(severities(&run), vec![("time-conflict", Severity::Conflict)], "{:#?}", run.findings);
    }

    #[test]
    fn occurrence_words_of_other_nouns_do_not_set_an_event_apart() {
        // "first woman mayor", "second-largest city", "a former deputy
        // mayor" rank people and cities, not the vote.
        assert_conflict(
            "Ioana Muresan won a by-election for mayor of Romania's second-largest city Cluj-Napoca on Thursday, \
             becoming the city's first woman mayor.",
            "Ioana Muresan, a former deputy mayor, took the vote in Cluj-Napoca on Wednesday.",
        );
        assert_conflict(
            "Colombia's ELN rebels on Saturday released seven soldiers, handing them to a humanitarian commission.",
            "Colombia's last active guerrilla group, the ELN, freed seven soldiers on Sunday, handing them to a \
             humanitarian mission.",
        );
        // A word of the date itself still tells its occasion: the election
        // last year is not the contest held on Thursday.
        let run = check(
            "Turnout was 34.6%, down from 58.3% at the general election last year.",
            "Rebecca Thornby won by 1,248 votes on a turnout of 34.6 per cent, in a contest held on Thursday.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // But an ordinal before the meeting a date is of does (the ranks
        // conflict; the dates are of two meetings).
        let run = check(
            "Walsh will hold talks with Wicaksono in Canberra on Thursday at the ninth Annual Leaders' Meeting.",
            "Walsh will hold talks with Wicaksono in Canberra on Friday at the 10th Annual Leaders' Meeting.",
        );
        assert_eq!(severities(&run), vec![("ordinal-conflict", Severity::Conflict)], "{:#?}", run.findings);
    }

    #[test]
    fn a_start_pairs_with_a_start_though_other_verbs_of_its_clause_date_other_things() {
        let run = check(
            "Incessant rain that began on Tuesday night inundated large parts of Chennai, bringing suburban train \
             services to a halt for several hours on Wednesday.",
            "Rain began lashing the city on Monday evening and intensified overnight, with one weather station \
             recording 280mm in 24 hours.",
        );
        assert_eq!(severities(&run), vec![("date-conflict", Severity::Conflict)], "{:#?}", run.findings);
        let f = &run.findings[0];
        let texts: Vec<&str> =
            f.claims.iter().map(|&i| run.claims[i].norm.of(&run.documents[run.claims[i].doc].norm.text)).collect();
        assert_eq!(texts, vec!["Tuesday night", "Monday evening"]);
    }

    #[test]
    fn the_next_occurrence_is_not_the_one_reported() {
        assert_not_compared(
            "The 22nd session of the Uzbek-Russian commission was held in Tashkent on 7 October.",
            "The next session of the Uzbek-Russian commission will be held in Moscow in 2026.",
        );
    }

    #[test]
    fn the_day_something_was_said_is_not_the_day_it_happens() {
        assert_not_compared(
            "Vestkyst Seafood said on Wednesday Chief Executive Lars Aune would step down.",
            "Lars Aune hands over to Ingrid Haugen at Vestkyst Seafood in July.",
        );
    }

    #[test]
    fn month_and_day_for_one_meeting_conflict() {
        assert_conflict(
            "The leaders met at the SCO Summit in Tianjin in June 2025.",
            "The leaders last met on September 1 this year in Tianjin, on the sidelines of the SCO Summit.",
        );
    }

    #[test]
    fn same_day_written_two_ways_agrees() {
        assert_agrees(
            "Singh received Belousov at Palam on Thursday.",
            "Singh received Belousov at Palam on December 4.",
        );
        assert_agrees("Belousov arrived in New Delhi today.", "Belousov arrived in New Delhi on Thursday.");
    }

    #[test]
    fn different_precision_is_compatible() {
        let run = check(
            "The Tianjin summit of the SCO opened in 2025.",
            "The Tianjin summit of the SCO opened on September 1, 2025.",
        );
        assert_eq!(severities(&run), vec![("date-compatible", Severity::Info)]);
        assert_eq!(run.findings[0].verdict, Verdict::Compatible);
    }

    #[test]
    fn different_events_are_not_compared() {
        assert_not_compared(
            "Putin arrived in New Delhi on Thursday and was received by Modi.",
            "Putin will hold talks with Modi in New Delhi on Friday.",
        );
        assert_not_compared(
            "The 22nd meeting of the commission was held in Moscow in 2024.",
            "The 23rd meeting of the commission will be held in Moscow in 2026.",
        );
        assert_not_compared(
            "Putin's visit is his first since 2021, Kremlin aides said.",
            "Putin's visit to India came in 2021, Kremlin aides said.",
        );
    }

    #[test]
    fn day_ranges_compare_by_their_days() {
        let run = check(
            "The Geneva talks of the SCO ministers ran on December 8-10, 2025.",
            "The Geneva talks of the SCO ministers ran on December 9, 2025.",
        );
        assert_eq!(severities(&run), vec![("date-compatible", Severity::Info)]);
        assert_conflict(
            "The Geneva talks of the SCO ministers ran on December 8-10, 2025.",
            "The Geneva talks of the SCO ministers ran on December 12, 2025.",
        );
        let run = check(
            "The Geneva talks of the SCO ministers ran on December 8-10, 2025.",
            "The Geneva talks of the SCO ministers ran on December 12, 2025.",
        );
        let value = |i: usize| run.claims[run.findings[0].claims[i]].value.normalised();
        assert_eq!(value(0).as_deref(), Some("2025-12-08/2025-12-10"));
    }

    #[test]
    fn a_statement_date_is_not_the_event_date() {
        let run = check(
            "The Karoo bridge collapsed in Durban on Monday, the transport ministry said on Wednesday.",
            "The Karoo bridge in Durban collapsed on Monday, the transport ministry said in a statement on Tuesday.",
        );
        assert!(run.findings.is_empty(), "{:?}", run.findings);
        assert_eq!(run.tally, Tally { agree: 1, compatible: 0, conflict: 0 }, "only the two Mondays are compared");
    }

    #[test]
    fn a_repeated_block_never_doubles_a_finding() {
        let sco = "The leaders met at the SCO Summit in Tianjin in June 2025.";
        let later = "The leaders last met on September 1 this year in Tianjin, on the sidelines of the SCO Summit.";
        let block = format!("{sco}\nOther news from Delhi.\n");
        let run = check(&format!("{block}{block}Closing line. {sco}"), later);
        assert_eq!(severities(&run), vec![("date-conflict", Severity::Conflict)]);
        assert_eq!(run.documents[0].dropped.len(), 2, "the repeated block's two paragraphs");
        assert_eq!(run.sentences.iter().filter(|s| s.duplicate_of.is_some()).count(), 1, "the repeated sentence");
    }

    #[test]
    fn a_findings_reason_names_both_values_and_dates() {
        let run = check(
            "The leaders met at the SCO Summit in Tianjin in June 2025.",
            "The leaders last met on September 1 this year in Tianjin, on the sidelines of the SCO Summit.",
        );
        let f = &run.findings[0];
        assert_eq!(f.scope, Scope::CrossDocument);
        for needle in ["2025-06", "2025-09-01", "June 2025", "September 1 this year", "published 2025-12-04"] {
            assert!(f.reason.contains(needle), "{needle:?} in {}", f.reason);
        }
        assert!(f.subject.contains("SCO Summit"), "{}", f.subject);
    }

    /// Three independent reports of one summit, two dating it June 2025
    /// and the third September 1.
    fn two_against_one() -> Run {
        let doc = |i: usize, text: &str| {
            document::from_bytes(format!("{i}.txt").as_ref(), format!("Dec 4, 2025\n{text}\n").into_bytes(), i).unwrap()
        };
        let docs = vec![
            doc(0, "The leaders met at the SCO Summit in Tianjin in June 2025."),
            doc(1, "In June 2025 the leaders met in Tianjin at the SCO Summit, Chinese media reported."),
            doc(2, "The leaders last met on September 1 this year in Tianjin, on the sidelines of the SCO Summit."),
        ];
        crate::analyse(docs, &Rules::built_in().unwrap()).unwrap()
    }

    #[test]
    fn facts_stated_alike_by_several_reports_are_listed() {
        let run = two_against_one();
        let june: Vec<&Corroboration> = run
            .corroborations
            .iter()
            .filter(|c| run.claims[c.claims[0]].value.normalised().as_deref() == Some("2025-06"))
            .collect();
        assert_eq!(june.len(), 1, "{:#?}", run.corroborations);
        let c = june[0];
        assert_eq!((c.reports, c.independent), (2, 2));
        let docs: Vec<usize> = c.claims.iter().map(|&id| run.claims[id].doc).collect();
        assert_eq!(docs, vec![0, 1], "ordered by document, the third report not among them");
        // Every listed fact has claims of at least two reports, in order.
        for c in &run.corroborations {
            let mut docs: Vec<usize> = c.claims.iter().map(|&id| run.claims[id].doc).collect();
            assert!(docs.windows(2).all(|w| w[0] <= w[1]));
            docs.dedup();
            assert_eq!(docs.len(), c.reports);
            assert!(c.reports >= 2 && c.independent <= c.reports);
        }
    }

    #[test]
    fn several_independent_reports_against_one_are_counted() {
        let run = two_against_one();
        assert!(run.copies.is_empty(), "three independent reports");
        let f = run.findings.iter().find(|f| run.claims[f.claims[0]].doc == 0).expect("0 against 2");
        assert_eq!(f.support, vec![2, 1], "{:#?}", run.findings);
        assert!(f.reason.contains("Independent reports behind each side: 2 and 1"), "{}", f.reason);
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab", ""]));
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
    }

    #[test]
    fn severities_order() {
        assert!(Severity::Conflict > Severity::Warning && Severity::Warning > Severity::Info);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
    }
}
