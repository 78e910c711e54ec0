//! Stage 5, compare: two reports' versions of one quotation, word by word.
//!
//! Input: the quoted words of two quotations by one speaker (see
//! [`crate::extract::quotes`]) and a way to expand acronyms (the aliases of
//! `rules/aliases.toml`, [`expander`]). Output: a [`QuoteComparison`]: a
//! [`QuoteVerdict`], the word diff, and how much of the shorter quotation
//! the other holds, which tells one quotation quoted twice from two
//! different quotations ([`same_quote`]).
//!
//! Words are compared case-folded, punctuation dropped, numbers kept as
//! words ("12,000" is "12000", "twelve" is "12"), spelling variants read as
//! one ("defence" and "defense", `spelling` in `rules/quotes.toml`), and an
//! elision mark ("…", "...", "[...]") as a word of its own that stands for
//! any words left out. The diff is `similar`'s Myers diff over those words,
//! with an acronym and its expansion ("SCO", "Shanghai Cooperation
//! Organisation") made one word first.

use crate::extract::quotes::QuoteRules;
use crate::rules::{Alias, Rules};
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// What comparing two versions of a quotation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteVerdict {
    /// The same words, up to case, punctuation and spelling variants.
    Same,
    /// One leaves words out: where it marks an elision ("…"), or at its
    /// start or end (a quotation cut short, quoted in part). Fine: info.
    Elided,
    /// An acronym in one is spelled out in the other ("SCO", "Shanghai
    /// Cooperation Organisation"), possibly with elisions too. Fine: info.
    Expanded,
    /// Words changed, added or dropped inside the quotation marks with no
    /// elision marked: a quote-fidelity warning.
    Reworded,
    /// A number, a date, a name or a negation differs: the two cannot both
    /// be what was said; a conflict.
    Changed(ChangeKind),
}

/// What a [`QuoteVerdict::Changed`] quotation changed. When several
/// changed, the first in this order is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A negation added or dropped ("we will not attend" and "we will
    /// attend"), also when an elision or a cut start hides it from the
    /// words it negates.
    Negation,
    /// Numbers that differ on both sides ("12 soldiers", "15 soldiers").
    Number,
    /// Month or weekday names, or years, that differ on both sides.
    Date,
    /// Capitalised words, not at the start of a sentence, that differ on
    /// both sides ("Modi", "Putin").
    Name,
}

impl QuoteVerdict {
    /// A short lowercase name: `same`, `elided`, `expanded`, `reworded`,
    /// `changed-number` ...
    pub fn name(self) -> &'static str {
        match self {
            QuoteVerdict::Same => "same",
            QuoteVerdict::Elided => "elided",
            QuoteVerdict::Expanded => "expanded",
            QuoteVerdict::Reworded => "reworded",
            QuoteVerdict::Changed(ChangeKind::Negation) => "changed-negation",
            QuoteVerdict::Changed(ChangeKind::Number) => "changed-number",
            QuoteVerdict::Changed(ChangeKind::Date) => "changed-date",
            QuoteVerdict::Changed(ChangeKind::Name) => "changed-name",
        }
    }
}

/// The kind of one step of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The same words in both.
    Equal,
    /// Words only the second has.
    Insert,
    /// Words only the first has.
    Delete,
    /// Words of the first replaced by words of the second.
    Replace,
}

/// Why a difference between two versions is fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Explained {
    /// An elision mark stands for the words the other version has.
    Elision,
    /// One version starts later or ends sooner: quoted in part.
    Cut,
    /// An acronym and its expansion.
    Expansion,
    /// One word written as two ("LaLiga", "La Liga"): the same letters.
    Spelling,
}

/// One step of a word diff: the words of each version as written, joined
/// with spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// What the step does.
    pub op: Op,
    /// The first version's words (empty for an insertion).
    pub a: String,
    /// The second version's words (empty for a deletion).
    pub b: String,
    /// Why the difference is fine, when it is.
    pub explained: Option<Explained>,
}

/// The result of comparing two versions of a quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteComparison {
    /// What the differences amount to.
    pub verdict: QuoteVerdict,
    /// The word diff, in order.
    pub diff: Vec<DiffOp>,
    /// Words the two share, in order (an acronym and its expansion count
    /// as one shared word; elision marks do not count).
    pub shared: usize,
    /// `shared` over the word count of the shorter version, 0..=1.
    pub similarity: f32,
    /// Whether the two are versions of one quotation rather than two
    /// different quotations by one speaker; see [`same_quote`].
    pub same_quote: bool,
}

/// Compares two versions of a quotation with the built-in rules.
///
/// `a` and `b` are the quoted words; `expand` gives the expansion of an
/// acronym as written ("SCO" -> "Shanghai Cooperation Organisation"), or
/// `None`; [`expander`] makes one from the aliases.
///
/// # Example
/// ```
/// use crosscheck::compare::quotes::{compare, render, QuoteVerdict, ChangeKind};
/// let c = compare("we will not attend", "we will attend", &|_| None);
/// assert_eq!(c.verdict, QuoteVerdict::Changed(ChangeKind::Negation));
/// assert_eq!(render(&c.diff), "we will [-not-] attend");
/// ```
pub fn compare(a: &str, b: &str, expand: &dyn Fn(&str) -> Option<String>) -> QuoteComparison {
    built_in().compare(a, b, expand)
}

/// Whether two quotations by one speaker are versions of one quotation,
/// with the built-in rules: at least `same_quote` (0.5) of the shorter
/// one's words are found, in order, in the other, and at least
/// `same_quote_min_words` (3) of them, or all of a shorter quotation. Below
/// that they are two different quotations, and comparing them word by word
/// says nothing.
pub fn same_quote(a: &str, b: &str) -> bool {
    built_in().compare(a, b, &|_| None).same_quote
}

/// A one-line word diff for reports: equal words as they are, words only
/// the first version has as `[-words-]`, words only the second has as
/// `{+words+}`: `we will [-never-] {+always+} stand`.
pub fn render(diff: &[DiffOp]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for d in diff {
        match d.op {
            Op::Equal => parts.push(d.a.clone()),
            Op::Delete => parts.push(format!("[-{}-]", d.a)),
            Op::Insert => parts.push(format!("{{+{}+}}", d.b)),
            Op::Replace => parts.push(format!("[-{}-] {{+{}+}}", d.a, d.b)),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// An acronym expander from the aliases: every one-word spelling of an
/// alias ("SCO", "NATO", "U.S.") gives its canonical name, as written.
pub fn expander(aliases: &[Alias]) -> impl Fn(&str) -> Option<String> {
    let mut map: HashMap<String, String> = HashMap::new();
    for alias in aliases {
        for spelling in &alias.also {
            if !spelling.contains(char::is_whitespace) && *spelling != alias.canonical {
                map.insert(spelling.clone(), alias.canonical.clone());
            }
        }
    }
    move |word: &str| map.get(word).cloned()
}

fn built_in() -> &'static Comparer {
    static COMPARER: OnceLock<Comparer> = OnceLock::new();
    COMPARER.get_or_init(|| Comparer::new(&Rules::built_in().expect("the built-in rules load")))
}

/// The quotation comparer, compiled from the rules once.
#[derive(Debug, Clone)]
pub struct Comparer {
    negations: HashSet<String>,
    negation_suffixes: Vec<String>,
    negation_prefixes: Vec<String>,
    negation_stem_min: usize,
    elisions: Vec<String>,
    spelling: Vec<(String, String)>,
    spelling_min_len: usize,
    dates: HashSet<String>,
    numbers: HashMap<String, u64>,
    year_min: i32,
    year_max: i32,
    same_quote: f32,
    same_quote_min_words: usize,
}

/// A word of a quotation.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    key: String,
    elision: bool,
    /// First of a sentence (or after an elision): a capital says nothing.
    initial: bool,
}

/// What the diff compares: a word, or an acronym or its expansion as one.
#[derive(Debug, Clone)]
struct Unit {
    key: String,
    words: Range<usize>,
    alias: bool,
}

/// One version, tokenised.
struct Side {
    words: Vec<Word>,
    units: Vec<Unit>,
}

impl Side {
    fn text(&self, units: Range<usize>) -> String {
        let mut out: Vec<&str> = Vec::new();
        for u in &self.units[units] {
            out.extend(self.words[u.words.clone()].iter().map(|w| w.text.as_str()));
        }
        out.join(" ")
    }

    fn elision(&self, u: usize) -> bool {
        self.words[self.units[u].words.start].elision
    }

    fn initial(&self, u: usize) -> bool {
        self.words[self.units[u].words.start].initial
    }

    /// The words of some units, elision marks left out.
    fn plain_words(&self, units: Range<usize>) -> Vec<&Word> {
        self.units[units].iter().flat_map(|u| self.words[u.words.clone()].iter()).filter(|w| !w.elision).collect()
    }

    fn count(&self) -> usize {
        (0..self.units.len()).filter(|&u| !self.elision(u)).count()
    }
}

/// A stretch of the diff: equal units, or a change.
#[derive(Debug, Clone)]
struct Change {
    a: Range<usize>,
    b: Range<usize>,
}

/// How far apart two changes may be and still be read together when one
/// holds an elision: the diff may align a word the elision stands for with
/// the same word further on ("trade … our" against "trade, our X, our").
const MERGE_GAP: usize = 4;

impl Comparer {
    /// Compiles the rules: the lists of `rules/quotes.toml`, month and
    /// weekday names and the year range from `rules/dates.toml`, number
    /// words from `rules/numbers.toml`.
    pub fn new(rules: &Rules) -> Comparer {
        let q: &QuoteRules = &rules.quotes;
        let mut elisions: Vec<String> = q.elisions.iter().filter(|e| !e.is_empty()).cloned().collect();
        elisions.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let mut spelling: Vec<(String, String)> =
            q.spelling.iter().map(|[x, y]| (x.to_lowercase(), y.to_lowercase())).collect();
        spelling.sort_by_key(|(x, _)| std::cmp::Reverse(x.len()));
        let mut dates = HashSet::new();
        for entry in rules.dates.months.iter().chain(&rules.dates.weekdays) {
            dates.insert(entry.name.clone());
            dates.extend(entry.abbreviations.iter().map(|a| a.trim_end_matches('.').to_string()));
        }
        Comparer {
            negations: q.negations.iter().map(|w| w.to_lowercase()).collect(),
            negation_suffixes: q.negation_suffixes.iter().map(|w| w.to_lowercase()).collect(),
            negation_prefixes: q.negation_prefixes.iter().map(|w| w.to_lowercase()).collect(),
            negation_stem_min: q.negation_stem_min,
            elisions,
            spelling,
            spelling_min_len: q.spelling_min_len,
            dates,
            numbers: rules.numbers.cardinals.iter().map(|(w, n)| (w.to_lowercase(), *n)).collect(),
            year_min: rules.dates.bare_year_min,
            year_max: rules.dates.bare_year_max,
            same_quote: q.same_quote,
            same_quote_min_words: q.same_quote_min_words,
        }
    }

    /// Compares two versions of a quotation; see [`compare`].
    pub fn compare(&self, a: &str, b: &str, expand: &dyn Fn(&str) -> Option<String>) -> QuoteComparison {
        let (wa, wb) = (self.words(a), self.words(b));
        // Acronyms and their expansions, as unit keys.
        let mut acronym: HashMap<String, String> = HashMap::new();
        let mut phrases: Vec<Vec<String>> = Vec::new();
        for w in wa.iter().chain(&wb).filter(|w| !w.elision) {
            if acronym.contains_key(&w.text) {
                continue;
            }
            let Some(expansion) = expand(&w.text) else { continue };
            let keys: Vec<String> = self.words(&expansion).into_iter().filter(|w| !w.elision).map(|w| w.key).collect();
            if keys.is_empty() || keys == [w.key.clone()] {
                continue;
            }
            acronym.insert(w.text.clone(), keys.join(" "));
            if !phrases.contains(&keys) {
                phrases.push(keys);
            }
        }
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let side = |words: Vec<Word>| {
            let units = units(&words, &acronym, &phrases);
            Side { words, units }
        };
        let (sa, sb) = (side(wa), side(wb));
        let ka: Vec<&str> = sa.units.iter().map(|u| u.key.as_str()).collect();
        let kb: Vec<&str> = sb.units.iter().map(|u| u.key.as_str()).collect();

        let mut changes: Vec<Change> = Vec::new();
        let mut shared = 0;
        // Positions are counted here from the lengths alone: `similar` may
        // report a deletion's position in the new slice out of order.
        let (mut pa, mut pb) = (0, 0);
        for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
            let (tag, ra, rb) = op.as_tag_tuple();
            let (ra, rb) = (pa..pa + ra.len(), pb..pb + rb.len());
            (pa, pb) = (ra.end, rb.end);
            if tag == DiffTag::Equal {
                shared += ra.filter(|&u| !sa.elision(u)).count();
                continue;
            }
            match changes.last_mut() {
                Some(c) if c.a.end == ra.start && c.b.end == rb.start => {
                    c.a.end = ra.end;
                    c.b.end = rb.end;
                }
                _ => changes.push(Change { a: ra, b: rb }),
            }
        }
        // An elision both versions mark in one place may stand for
        // different words on each side: the changes next to it read with it.
        for c in &mut changes {
            if c.a.start > 0 && c.b.start > 0 && sa.elision(c.a.start - 1) && sb.elision(c.b.start - 1) {
                c.a.start -= 1;
                c.b.start -= 1;
            }
            if c.a.end < sa.units.len() && c.b.end < sb.units.len() && sa.elision(c.a.end) && sb.elision(c.b.end) {
                c.a.end += 1;
                c.b.end += 1;
            }
        }
        let mut merged: Vec<Change> = Vec::new();
        for c in changes {
            if let Some(last) = merged.last_mut() {
                if c.a.start <= last.a.end {
                    last.a.end = c.a.end;
                    last.b.end = c.b.end;
                    continue;
                }
            }
            if let Some(last) = merged.last_mut() {
                let gap = c.a.start - last.a.end;
                let elided = |c: &Change| c.a.clone().any(|u| sa.elision(u)) || c.b.clone().any(|u| sb.elision(u));
                if gap <= MERGE_GAP && (elided(last) || elided(&c)) {
                    let joined = Change { a: last.a.start..c.a.end, b: last.b.start..c.b.end };
                    let both = self.explain(&sa, &sb, last).is_some() && self.explain(&sa, &sb, &c).is_some();
                    if !both && self.explain(&sa, &sb, &joined).is_some() {
                        *last = joined;
                        continue;
                    }
                }
            }
            merged.push(c);
        }

        let mut diff: Vec<DiffOp> = Vec::new();
        let mut kinds: Vec<ChangeKind> = Vec::new();
        let (mut reworded, mut expanded, mut elided) = (false, false, false);
        let (mut ia, mut ib) = (0, 0);
        let equal = |diff: &mut Vec<DiffOp>, ra: Range<usize>, rb: Range<usize>, expanded: &mut bool| {
            for (ua, ub) in ra.zip(rb) {
                let plain = !sa.units[ua].alias && !sb.units[ub].alias
                    || sa.text(ua..ua + 1).to_lowercase() == sb.text(ub..ub + 1).to_lowercase();
                let (ta, tb) = (sa.text(ua..ua + 1), sb.text(ub..ub + 1));
                if !plain {
                    *expanded = true;
                    diff.push(DiffOp { op: Op::Replace, a: ta, b: tb, explained: Some(Explained::Expansion) });
                    continue;
                }
                match diff.last_mut() {
                    Some(d) if d.op == Op::Equal => {
                        d.a.push(' ');
                        d.a.push_str(&ta);
                        d.b.push(' ');
                        d.b.push_str(&tb);
                    }
                    _ => diff.push(DiffOp { op: Op::Equal, a: ta, b: tb, explained: None }),
                }
            }
        };
        for c in &merged {
            equal(&mut diff, ia..c.a.start, ib..c.b.start, &mut expanded);
            let op = match (c.a.is_empty(), c.b.is_empty()) {
                (true, _) => Op::Insert,
                (_, true) => Op::Delete,
                _ => Op::Replace,
            };
            let explained = self.explain(&sa, &sb, c);
            match explained {
                Some((why, hidden)) => {
                    match why {
                        Explained::Expansion => expanded = true,
                        Explained::Spelling => {}
                        Explained::Elision | Explained::Cut => elided = true,
                    }
                    if hidden {
                        kinds.push(ChangeKind::Negation);
                    }
                    diff.push(DiffOp { op, a: sa.text(c.a.clone()), b: sb.text(c.b.clone()), explained: Some(why) });
                }
                None => {
                    reworded = true;
                    kinds.extend(self.kinds(&sa, &sb, c));
                    diff.push(DiffOp { op, a: sa.text(c.a.clone()), b: sb.text(c.b.clone()), explained: None });
                }
            }
            (ia, ib) = (c.a.end, c.b.end);
        }
        equal(&mut diff, ia..sa.units.len(), ib..sb.units.len(), &mut expanded);

        let verdict = if let Some(kind) = kinds.iter().min() {
            QuoteVerdict::Changed(*kind)
        } else if reworded {
            QuoteVerdict::Reworded
        } else if expanded {
            QuoteVerdict::Expanded
        } else if elided {
            QuoteVerdict::Elided
        } else {
            QuoteVerdict::Same
        };
        let shorter = sa.count().min(sb.count());
        let similarity = if shorter == 0 { 0.0 } else { (shared as f32 / shorter as f32).min(1.0) };
        let same_quote =
            shorter > 0 && similarity >= self.same_quote && shared >= self.same_quote_min_words.min(shorter);
        QuoteComparison { verdict, diff, shared, similarity, same_quote }
    }

    /// Why a change is fine, if it is, and whether it hides a negation
    /// from the words it negates.
    fn explain(&self, sa: &Side, sb: &Side, c: &Change) -> Option<(Explained, bool)> {
        let at_start = c.a.start == 0 && c.b.start == 0 || slides(sa, sb, c, true);
        let at_end = c.a.end == sa.units.len() && c.b.end == sb.units.len() || slides(sa, sb, c, false);
        let elided = c.a.clone().any(|u| sa.elision(u)) || c.b.clone().any(|u| sb.elision(u));
        let plain = |side: &Side, r: Range<usize>| -> String {
            side.plain_words(r).iter().map(|w| w.key.replace('\'', "")).collect()
        };
        if !elided && !c.a.is_empty() && !c.b.is_empty() && plain(sa, c.a.clone()) == plain(sb, c.b.clone()) {
            return Some((Explained::Spelling, false));
        }
        if !elided && (initialism(sa, c.a.clone(), sb, c.b.clone()) || initialism(sb, c.b.clone(), sa, c.a.clone())) {
            return Some((Explained::Expansion, false));
        }
        // Different sentences after (or before) the ones both quote: two
        // parts of one speech, each quoted in part.
        let both = !c.a.is_empty() && !c.b.is_empty();
        let whole_after = both
            && c.a.end == sa.units.len()
            && c.b.end == sb.units.len()
            && c.a.start > 0
            && sa.initial(c.a.start)
            && sb.initial(c.b.start);
        let whole_before = both
            && c.a.start == 0
            && c.b.start == 0
            && c.a.end < sa.units.len()
            && c.b.end < sb.units.len()
            && sa.initial(c.a.end)
            && sb.initial(c.b.end);
        if whole_after || whole_before {
            return Some((Explained::Cut, false));
        }
        if (c.a.is_empty() || c.b.is_empty()) && (at_start || at_end) {
            let hidden = at_start
                && !at_end
                && if c.a.is_empty() {
                    self.hides_negation(sb, c.b.clone())
                } else {
                    self.hides_negation(sa, c.a.clone())
                };
            return Some((Explained::Cut, hidden));
        }
        if !elided {
            return None;
        }
        let (left_a, left_b) = wildcard(sa, sb, c)?;
        let hidden =
            runs(&left_a).any(|r| self.hides_negation(sa, r)) || runs(&left_b).any(|r| self.hides_negation(sb, r));
        Some((Explained::Elision, hidden))
    }

    /// Whether the units `run` of a side, left out, hold a negation in the
    /// same sentence as the unit kept right after them.
    fn hides_negation(&self, side: &Side, run: Range<usize>) -> bool {
        let end = run.end;
        end < side.units.len() && run.clone().any(|n| self.negates(side, n) && (n + 1..=end).all(|k| !side.initial(k)))
    }

    fn negates(&self, side: &Side, u: usize) -> bool {
        side.words[side.units[u].words.clone()].iter().any(|w| self.is_negation(w))
    }

    /// What an unexplained change changed.
    fn kinds(&self, sa: &Side, sb: &Side, c: &Change) -> Vec<ChangeKind> {
        let (wa, wb) = (sa.plain_words(c.a.clone()), sb.plain_words(c.b.clone()));
        let mut out = Vec::new();
        let negations = |ws: &[&Word]| ws.iter().filter(|w| self.is_negation(w)).count();
        // "avoidable" and "unavoidable": a word and its negating prefix.
        let prefixed = |xs: &[&Word], ys: &[&Word]| {
            xs.iter().any(|x| {
                self.negation_prefixes.iter().any(|p| {
                    x.key.strip_prefix(p.as_str()).is_some_and(|stem| {
                        stem.chars().count() >= self.negation_stem_min && ys.iter().any(|y| y.key == stem)
                    })
                })
            })
        };
        if negations(&wa) != negations(&wb) || prefixed(&wa, &wb) || prefixed(&wb, &wa) {
            out.push(ChangeKind::Negation);
        }
        let differ = |pick: &dyn Fn(&Word) -> bool| {
            let mut xa: Vec<&str> = wa.iter().filter(|w| pick(w)).map(|w| w.key.as_str()).collect();
            let mut xb: Vec<&str> = wb.iter().filter(|w| pick(w)).map(|w| w.key.as_str()).collect();
            xa.sort_unstable();
            xb.sort_unstable();
            !xa.is_empty() && !xb.is_empty() && xa != xb
        };
        if differ(&|w| self.is_number(w) && !self.is_year(w)) {
            out.push(ChangeKind::Number);
        }
        if differ(&|w| self.is_year(w) || self.dates.contains(w.text.trim_end_matches('.'))) {
            out.push(ChangeKind::Date);
        }
        if differ(&|w| self.is_name(w)) {
            out.push(ChangeKind::Name);
        }
        out
    }

    fn is_negation(&self, w: &Word) -> bool {
        !w.elision
            && (self.negations.contains(&w.key) || self.negation_suffixes.iter().any(|s| w.key.ends_with(s.as_str())))
    }

    fn is_number(&self, w: &Word) -> bool {
        w.key.parse::<f64>().is_ok()
    }

    fn is_year(&self, w: &Word) -> bool {
        w.text.len() == 4
            && w.text.bytes().all(|b| b.is_ascii_digit())
            && w.text.parse::<i32>().is_ok_and(|y| (self.year_min..=self.year_max).contains(&y))
    }

    fn is_name(&self, w: &Word) -> bool {
        !w.initial
            && w.text.chars().next().is_some_and(char::is_uppercase)
            && w.key != "i"
            && !self.dates.contains(w.text.trim_end_matches('.'))
    }

    /// Words of a quotation, with elision marks as words of their own.
    fn words(&self, s: &str) -> Vec<Word> {
        let mut out: Vec<Word> = Vec::new();
        let mut initial = true;
        let mut hyphen_before = false;
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let dots = rest.bytes().take_while(|&b| b == b'.').count();
            let mark = self.elisions.iter().find(|e| rest.starts_with(e.as_str())).map(String::len);
            if let Some(len) = mark.or((dots >= 3).then_some(dots)) {
                let len = len.max(dots);
                match out.last_mut() {
                    Some(w) if w.elision => w.text.push_str(&s[i..i + len]),
                    _ => out.push(Word {
                        text: s[i..i + len].to_string(),
                        key: "…".into(),
                        elision: true,
                        initial: false,
                    }),
                }
                i += len;
                initial = true;
                hyphen_before = false;
                continue;
            }
            let c = rest.chars().next().expect("not at the end");
            if c.is_alphanumeric() {
                let end = word_end(s, i);
                let text = &s[i..end];
                let key = self.key(text);
                // "twenty-six" is one number.
                if let (true, Some(prev)) = (hyphen_before, out.last_mut()) {
                    let (p, n) = (prev.key.parse::<u64>(), key.parse::<u64>());
                    if let (Ok(tens), Ok(units)) = (p, n) {
                        if (20..=90).contains(&tens)
                            && tens % 10 == 0
                            && units < 10
                            && !text.starts_with(|c: char| c.is_ascii_digit())
                        {
                            prev.text = format!("{}-{}", prev.text, text);
                            prev.key = (tens + units).to_string();
                            i = end;
                            hyphen_before = false;
                            continue;
                        }
                    }
                }
                out.push(Word { text: text.to_string(), key, elision: false, initial });
                initial = false;
                hyphen_before = false;
                i = end;
                continue;
            }
            hyphen_before = c == '-';
            if matches!(c, '.' | '!' | '?' | ':' | ';') {
                initial = true;
            }
            i += c.len_utf8();
        }
        out
    }

    /// The comparison key of a word: lowercase, thousands separators out,
    /// number words as digits, spelling variants folded.
    fn key(&self, text: &str) -> String {
        let mut k = text.to_lowercase().replace('’', "'");
        if k.contains('.') && !k.starts_with(|c: char| c.is_ascii_digit()) {
            k.retain(|c| c != '.');
        }
        if k.starts_with(|c: char| c.is_ascii_digit()) {
            k.retain(|c| c != ',');
            return k;
        }
        if let Some(n) = self.numbers.get(&k) {
            return n.to_string();
        }
        if k.chars().count() >= self.spelling_min_len && k.chars().all(char::is_alphabetic) {
            if let Some((from, to)) = self.spelling.iter().find(|(from, _)| k.ends_with(from.as_str())) {
                k.truncate(k.len() - from.len());
                k.push_str(to);
            }
        }
        k
    }
}

/// The end of the word starting at byte `i`: letters and digits, with
/// apostrophes between letters, and dots and commas between digits
/// ("12,000", "3.5") or after single capitals ("U.S.").
fn word_end(s: &str, i: usize) -> usize {
    let mut end = i;
    let mut seg_start = i;
    for (j, c) in s[i..].char_indices().map(|(j, c)| (i + j, c)) {
        if c.is_alphanumeric() {
            end = j + c.len_utf8();
            continue;
        }
        let next = s[j + c.len_utf8()..].chars().next();
        let prev = s[..j].chars().next_back();
        let joins = match c {
            '\'' | '’' => prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic),
            ',' | '.' if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()) => true,
            '.' => {
                let seg = &s[seg_start..j];
                seg.chars().count() == 1 && seg.chars().all(char::is_uppercase) && next.is_some_and(char::is_uppercase)
            }
            _ => false,
        };
        if !joins {
            break;
        }
        end = j + c.len_utf8();
        seg_start = end;
    }
    // The final dot of an initialism: "U.S." not "U.S".
    if s[i..end].contains('.') && s[end..].starts_with('.') && !s[i..end].starts_with(|c: char| c.is_ascii_digit()) {
        end += 1;
    }
    end
}

/// A side's words as units: an acronym, or the words of an expansion, is
/// one unit keyed by the expansion.
fn units(words: &[Word], acronym: &HashMap<String, String>, phrases: &[Vec<String>]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].elision {
            if let Some(key) = acronym.get(&words[i].text) {
                out.push(Unit { key: key.clone(), words: i..i + 1, alias: true });
                i += 1;
                continue;
            }
            let found = phrases.iter().find(|p| {
                p.len() <= words.len() - i && p.iter().zip(&words[i..]).all(|(k, w)| !w.elision && *k == w.key)
            });
            if let Some(p) = found {
                out.push(Unit { key: p.join(" "), words: i..i + p.len(), alias: true });
                i += p.len();
                continue;
            }
        }
        out.push(Unit { key: words[i].key.clone(), words: i..i + 1, alias: false });
        i += 1;
    }
    out
}

/// Matches the two sides of a change with every elision mark standing for
/// any run of the other side's units (a mark may stand for a mark).
/// Returns, for each side, which of its units (absolute indices) an elision
/// on the other side stands for; `None` when they do not match.
fn wildcard(sa: &Side, sb: &Side, c: &Change) -> Option<(Vec<usize>, Vec<usize>)> {
    let a: Vec<usize> = c.a.clone().collect();
    let b: Vec<usize> = c.b.clone().collect();
    let (n, m) = (a.len(), b.len());
    let wild_a = |i: usize| sa.elision(a[i]);
    let wild_b = |j: usize| sb.elision(b[j]);
    // reach[i][j]: a[..i] and b[..j] match, with the elision at a[i-1]
    // (state 1) or b[j-1] (state 2) still open to take more, or none (0).
    let mut reach = vec![vec![[false; 3]; m + 1]; n + 1];
    let mut from = vec![vec![[(0usize, 0usize, 0usize, false); 3]; m + 1]; n + 1];
    reach[0][0][0] = true;
    for i in 0..=n {
        for j in 0..=m {
            for s in 0..3 {
                if !reach[i][j][s] {
                    continue;
                }
                let mut go = |i2: usize, j2: usize, s2: usize, absorbed: bool| {
                    if !reach[i2][j2][s2] {
                        reach[i2][j2][s2] = true;
                        from[i2][j2][s2] = (i, j, s, absorbed);
                    }
                };
                // An open elision of a takes b[j]; one of b takes a[i].
                if s == 1 && j < m {
                    go(i, j + 1, 1, true);
                }
                if s == 2 && i < n {
                    go(i + 1, j, 2, true);
                }
                if i < n && wild_a(i) {
                    go(i + 1, j, 1, false);
                }
                if j < m && wild_b(j) {
                    go(i, j + 1, 2, false);
                }
                if i < n && j < m && !wild_a(i) && !wild_b(j) && sa.units[a[i]].key == sb.units[b[j]].key {
                    go(i + 1, j + 1, 0, false);
                }
            }
        }
    }
    let end = (0..3).find(|&s| reach[n][m][s])?;
    let (mut left_a, mut left_b) = (Vec::new(), Vec::new());
    let (mut i, mut j, mut s) = (n, m, end);
    while (i, j) != (0, 0) {
        let (pi, pj, ps, absorbed) = from[i][j][s];
        if absorbed {
            if pj < j && s == 1 {
                left_b.push(b[pj]);
            } else if pi < i && s == 2 {
                left_a.push(a[pi]);
            }
        }
        (i, j, s) = (pi, pj, ps);
    }
    left_a.reverse();
    left_b.reverse();
    Some((left_a, left_b))
}

/// Whether a change that only one side has (a deletion or an insertion)
/// could as well be read at the start (`start`) or the end of both
/// versions: the diff put it after words that are repeated at its own
/// end ("We welcome the decision and we will not wait" against "We will not
/// wait": "welcome the decision and we" is "We welcome the decision and").
fn slides(sa: &Side, sb: &Side, c: &Change, start: bool) -> bool {
    let (x, rx, y, ry) = if c.b.is_empty() { (sa, &c.a, sb, &c.b) } else { (sb, &c.b, sa, &c.a) };
    if rx.is_empty() || !ry.is_empty() {
        return false;
    }
    fn key(side: &Side, u: usize) -> &str {
        side.units[u].key.as_str()
    }
    let len = rx.len();
    if start {
        let k = rx.start;
        k == ry.start && (0..k).all(|i| key(x, i) == key(y, i) && key(x, i + len) == key(x, i) && !x.elision(i))
    } else {
        let k = x.units.len() - rx.end;
        k == y.units.len() - ry.end
            && (0..k).all(|i| {
                let (xi, yi) = (rx.end + i, ry.end + i);
                key(x, xi) == key(y, yi) && key(x, rx.start + i) == key(x, xi) && !x.elision(xi)
            })
    }
}

/// Whether units `r` of `x` are one initialism ("CFO", "ASEAN") whose
/// letters are the initials of the words of units `s` of `y` ("chief
/// financial officer"), short function words left out or not.
fn initialism(x: &Side, r: Range<usize>, y: &Side, s: Range<usize>) -> bool {
    let xw = x.plain_words(r);
    let [w] = xw.as_slice() else { return false };
    let letters: String = w.text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() < 2 || !letters.chars().all(char::is_uppercase) {
        return false;
    }
    let words = y.plain_words(s);
    if words.len() < 2 {
        return false;
    }
    let initials = |all: bool| -> String {
        words
            .iter()
            .filter(|w| all || w.text.chars().count() > 3 || w.text.starts_with(char::is_uppercase))
            .filter_map(|w| w.text.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let want = letters.to_lowercase();
    initials(true) == want || initials(false) == want
}

/// Sorted indices as runs of consecutive ones.
fn runs(indices: &[usize]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut k = 0;
    std::iter::from_fn(move || {
        let start = *indices.get(k)?;
        let mut end = start + 1;
        k += 1;
        while indices.get(k) == Some(&end) {
            end += 1;
            k += 1;
        }
        Some(start..end)
    })
}

/// How far apart two speaker keys may be spelt (Jaro-Winkler) and still be
/// one person's surname, misspelt in one report ("Thornley", "Thornby").
const SPEAKER_SPELLING: f64 = 0.9;

/// The sentences of quoted words: a stop, a question or exclamation mark
/// followed by a space and a capital ends one.
fn sentences(words: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = words.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_upper = chars.get(k + 2).is_some_and(|&(_, n)| n.is_uppercase() || n == '"');
        if matches!(c, '.' | '!' | '?') && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ') && next_upper {
            out.push(words[start..i + 1].trim());
            start = i + 1;
        }
    }
    out.push(words[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// A sentence of one quotation that is a sentence of the other but for a
/// negation ("entirely avoidable", "entirely unavoidable"), with at least
/// four words in the shorter: the two sentences and their word diff, as
/// text and as steps.
fn negated_sentence(
    comparer: &Comparer,
    a: &str,
    b: &str,
    expand: &dyn Fn(&str) -> Option<String>,
) -> Option<(String, String, String, Vec<DiffOp>)> {
    let (sa, sb) = (sentences(a), sentences(b));
    if sa.len() < 2 && sb.len() < 2 {
        return None;
    }
    for x in &sa {
        for y in &sb {
            let cmp = comparer.compare(x, y, expand);
            let negation = cmp.verdict == QuoteVerdict::Changed(ChangeKind::Negation);
            if negation && cmp.same_quote && cmp.similarity >= 0.6 && cmp.shared >= 3 {
                let shorter = x.split_whitespace().count().min(y.split_whitespace().count());
                if shorter >= 4 {
                    return Some((x.to_string(), y.to_string(), render(&cmp.diff), cmp.diff));
                }
            }
        }
    }
    None
}

/// Which two quotations' speakers may be one person.
struct Speakers {
    /// Title words and speaker nouns: a speaker key made of them is a
    /// description ("the Secretary", "the tribunal chairman").
    descriptive: HashSet<String>,
}

impl Speakers {
    fn new(rules: &Rules) -> Speakers {
        let mut descriptive: HashSet<String> =
            rules.titles.iter().flat_map(|t| t.split_whitespace()).map(str::to_lowercase).collect();
        descriptive.extend(rules.quotes.speaker_nouns.iter().map(|w| w.to_lowercase()));
        Speakers { descriptive }
    }

    /// A speaker the report describes without naming ("the former club
    /// man", "the tribunal chairman", "Secretary"): the key is the
    /// description's words, not a surname.
    fn unnamed(&self, q: &crate::extract::QuoteClaim) -> bool {
        let (Some(key), Some(name)) = (&q.speaker, &q.speaker_name) else { return false };
        let last_lower = name.split_whitespace().last().is_some_and(|w| !w.starts_with(char::is_uppercase));
        key.contains(' ') || last_lower || self.descriptive.contains(key.as_str())
    }

    /// Whether two quotations' speakers may be one person: the same key,
    /// keys spelt nearly alike (a misspelt surname), or one described
    /// without a name, which may be anyone the other report names.
    fn same(&self, a: &crate::extract::QuoteClaim, b: &crate::extract::QuoteClaim) -> bool {
        let (Some(ka), Some(kb)) = (&a.speaker, &b.speaker) else { return false };
        if ka == kb || self.unnamed(a) || self.unnamed(b) {
            return true;
        }
        let word = |k: &str| k.chars().count() >= 5 && k.chars().all(char::is_alphabetic);
        word(ka)
            && word(kb)
            && ka.chars().next() == kb.chars().next()
            && strsim::jaro_winkler(ka, kb) >= SPEAKER_SPELLING
    }
}

/// The pipeline's quote pass: every pair of quotations from two reports by
/// one speaker that are versions of one quotation is compared word by word;
/// the same words given to two different speakers conflict.
pub(super) fn pass(input: &super::Input, findings: &mut Vec<super::Finding>, tally: &mut super::Tally) {
    use super::{finding, where_, SharedSubject, Verdict};
    use crate::extract::{ClaimKind, ClaimValue};
    let quotes: Vec<(&crate::extract::Claim, &crate::extract::QuoteClaim)> = input
        .claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Quote(q) => Some((c, q)),
            _ => None,
        })
        .collect();
    let comparer = input.quotes;
    let expand = expander(&input.rules.aliases);
    let speakers = Speakers::new(input.rules);
    // Two speakers for one quotation: only two names (not "the minister",
    // not a pronoun left unresolved) that share no word.
    let named = |q: &crate::extract::QuoteClaim| {
        q.speaker_name.as_deref().is_some_and(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
    };
    let overlap = |x: &crate::extract::QuoteClaim, y: &crate::extract::QuoteClaim| {
        let (Some(x), Some(y)) = (&x.speaker_name, &y.speaker_name) else { return true };
        x.split_whitespace().any(|w| y.split_whitespace().any(|v| v.eq_ignore_ascii_case(w)))
    };
    let mut compared: rustc_hash::FxHashMap<(&str, &str), QuoteComparison> = rustc_hash::FxHashMap::default();
    for (i, &(a, qa)) in quotes.iter().enumerate() {
        for &(b, qb) in &quotes[i + 1..] {
            if a.doc == b.doc {
                continue;
            }
            let (Some(sa), Some(sb)) = (&qa.speaker, &qb.speaker) else { continue };
            // Quotations of two speakers say something only when both are
            // named and the names share no word: the word diff is not made
            // otherwise.
            let same_speaker = speakers.same(qa, qb);
            if !same_speaker && (!named(qa) || !named(qb) || overlap(qa, qb)) {
                continue;
            }
            // Copies of one wire story quote the same words again and
            // again: each pair of texts is compared once.
            let cmp = match compared.entry((qa.words.as_str(), qb.words.as_str())) {
                std::collections::hash_map::Entry::Occupied(e) => &*e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    &*e.insert(comparer.compare(&qa.words, &qb.words, &expand))
                }
            };
            // Versions of one quotation share most of the shorter one's
            // words: "is not a" does not make two remarks one.
            if !cmp.same_quote || cmp.similarity < 0.6 {
                // Two passages of one speech may still quote one sentence
                // of it with its negation turned: "This strike is entirely
                // avoidable. The company ..." and "This strike was entirely
                // unavoidable. We have ...".
                if same_speaker {
                    if let Some((x, y, diff, ops)) = negated_sentence(comparer, &qa.words, &qb.words, &expand) {
                        tally.conflict += 1;
                        let reason = format!(
                            "{} is quoted in {} and in {}; one sentence of the two quotations is the same but for \
                             a negation, which turns what was said around: {x:?} and {y:?}. Word diff: {diff}",
                            qb.speaker_name.clone().unwrap_or_default(),
                            where_(input, a),
                            where_(input, b)
                        );
                        let label = qb.speaker_name.clone().unwrap_or_default();
                        let subject = SharedSubject { label: format!("quote of {label}"), score: 0.6 };
                        let rule = ("quote-changed", Verdict::Conflict);
                        let mut found = finding(input, 0.5, (a, b), ClaimKind::Quote, rule, &subject, reason, 0.9);
                        if let Some(f) = &mut found {
                            f.diff = Some(ops);
                        }
                        findings.extend(found);
                    }
                }
                continue;
            }
            let who = |q: &crate::extract::QuoteClaim| q.speaker_name.clone().unwrap_or_default();
            let diff = render(&cmp.diff);
            let (rule, verdict, reason) = if !same_speaker {
                // Two named speakers (above), and nearly all of the
                // quotation shared.
                if cmp.similarity < 0.8 {
                    continue;
                }
                let reason = format!(
                    "The same words are quoted as {}'s in {} and as {}'s in {}; one report has the speaker wrong.",
                    who(qa),
                    where_(input, a),
                    who(qb),
                    where_(input, b)
                );
                ("quote-speaker", Verdict::Conflict, reason)
            } else {
                match cmp.verdict {
                    QuoteVerdict::Same => {
                        tally.agree += 1;
                        continue;
                    }
                    QuoteVerdict::Elided | QuoteVerdict::Expanded => {
                        tally.compatible += 1;
                        let how = if cmp.verdict == QuoteVerdict::Elided {
                            "one report leaves words out where it marks an elision, or quotes only part"
                        } else {
                            "one report writes out an abbreviation the other keeps"
                        };
                        let reason = format!(
                            "{} is quoted in {} and in {}: {how}; the words agree. Word diff: {diff}",
                            who(qa),
                            where_(input, a),
                            where_(input, b)
                        );
                        ("quote-elided", Verdict::Compatible, reason)
                    }
                    QuoteVerdict::Reworded => {
                        tally.conflict += 1;
                        let reason = format!(
                            "{} is quoted in {} and in {} with different words inside the quotation marks, \
                             unmarked: a quotation should be word for word. Word diff: {diff}",
                            who(qa),
                            where_(input, a),
                            where_(input, b)
                        );
                        ("quote-reworded", Verdict::Conflict, reason)
                    }
                    QuoteVerdict::Changed(kind) => {
                        tally.conflict += 1;
                        let what = match kind {
                            ChangeKind::Negation => "a negation",
                            ChangeKind::Number => "a number",
                            ChangeKind::Date => "a date",
                            ChangeKind::Name => "a name",
                        };
                        let reason = format!(
                            "{} is quoted in {} and in {}, and {what} inside the quotation marks differs, \
                             which changes what was said. Word diff: {diff}",
                            who(qa),
                            where_(input, a),
                            where_(input, b)
                        );
                        ("quote-changed", Verdict::Conflict, reason)
                    }
                }
            };
            let label = if sa == sb || rule != "quote-speaker" && speakers.unnamed(qa) {
                who(qb)
            } else if rule != "quote-speaker" {
                who(qa)
            } else {
                format!("{} / {}", who(qa), who(qb))
            };
            let subject = SharedSubject { label: format!("quote of {label}"), score: cmp.similarity };
            let mut found = finding(input, 0.5, (a, b), ClaimKind::Quote, (rule, verdict), &subject, reason, 0.9);
            if let Some(f) = &mut found {
                f.diff = Some(cmp.diff.clone());
            }
            findings.extend(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::{QuoteFinder, QuoteMatch};
    use crate::normalize::Normalized;

    type Expand = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

    fn aliases() -> &'static Expand {
        static EXPAND: OnceLock<Expand> = OnceLock::new();
        EXPAND.get_or_init(|| Box::new(expander(&Rules::built_in().unwrap().aliases)))
    }

    #[track_caller]
    fn assert_verdict(a: &str, b: &str, want: QuoteVerdict) -> QuoteComparison {
        let c = compare(a, b, aliases());
        assert_eq!(c.verdict, want, "{a:?} vs {b:?}: {}", render(&c.diff));
        // The verdict does not depend on which version comes first.
        let back = compare(b, a, aliases());
        assert_eq!(back.verdict, want, "{b:?} vs {a:?}: {}", render(&back.diff));
        c
    }

    #[test]
    fn rules_file_examples() {
        let rules = Rules::built_in().unwrap();
        assert!(!rules.quotes.comparisons.is_empty());
        for ex in &rules.quotes.comparisons {
            let c = compare(&ex.a, &ex.b, aliases());
            assert_eq!(c.verdict.name(), ex.verdict, "{:?} vs {:?}: {}", ex.a, ex.b, render(&c.diff));
        }
    }

    #[test]
    fn same_words_are_same() {
        let c = assert_verdict(
            "Russia is India's strategic partner in technology and defence.",
            "Russia is India’s strategic partner in technology and Defence",
            QuoteVerdict::Same,
        );
        assert_eq!(c.similarity, 1.0);
        assert!(c.same_quote);
        assert_eq!(c.diff.len(), 1);
        assert_verdict("twelve soldiers, 12,000 rounds", "12 soldiers - 12000 rounds", QuoteVerdict::Same);
        assert_verdict("twenty-six ships", "26 ships", QuoteVerdict::Same);
        assert_verdict("the Organisation will", "the Organization will", QuoteVerdict::Same);
    }

    #[test]
    fn acronyms_and_expansions_are_expanded() {
        let c = assert_verdict(
            "During the SCO Summit in China in June 2025, both leaders held extensive interactions",
            "During the Shanghai Cooperation Organisation Summit in China in June 2025, both leaders held extensive interactions",
            QuoteVerdict::Expanded,
        );
        assert_eq!(
            render(&c.diff),
            "During the [-SCO-] {+Shanghai Cooperation Organisation+} Summit in China in June 2025 both leaders held extensive interactions"
        );
        assert_eq!(c.diff[1].explained, Some(Explained::Expansion));
        assert!(c.similarity > 0.99);
        // Without the aliases, an initialism of the words is still read as
        // their expansion ("CFO", "chief financial officer").
        let c = compare("the SCO summit", "the Shanghai Cooperation Organisation summit", &|_| None);
        assert_eq!(c.verdict, QuoteVerdict::Expanded);
        assert_verdict(
            "our strategy as CFO and",
            "our strategy as chief financial officer and",
            QuoteVerdict::Expanded,
        );
        // Other letters: another name.
        let c = compare("the SCO summit", "the Shanghai Trade Group summit", &|_| None);
        assert_eq!(c.verdict, QuoteVerdict::Changed(ChangeKind::Name));
    }

    #[test]
    fn marked_elisions_are_elided() {
        let c = assert_verdict(
            "We discussed trade … and defence",
            "We discussed trade, energy and defence",
            QuoteVerdict::Elided,
        );
        assert_eq!(render(&c.diff), "We discussed trade [-…-] {+energy+} and defence");
        assert_eq!(c.diff[1].explained, Some(Explained::Elision));
        assert_verdict(
            "We discussed trade [...] and defence",
            "We discussed trade, energy and defence",
            QuoteVerdict::Elided,
        );
        assert_verdict("We discussed trade ... and defence", "We discussed trade and defence", QuoteVerdict::Elided);
        // Both versions elide, in different places.
        assert_verdict("a b … e f g", "a … d e f g", QuoteVerdict::Elided);
    }

    #[test]
    fn quoted_in_part_is_elided() {
        let c = assert_verdict(
            "I believe this Leaders' Summit will further strengthen the partnership",
            "We were eagerly awaiting the visit. I believe this Leaders' Summit will further strengthen the partnership between our two countries",
            QuoteVerdict::Elided,
        );
        assert!(c.diff.iter().all(|d| d.op == Op::Equal || d.explained == Some(Explained::Cut)));
        assert!(c.same_quote);
        assert_eq!(c.similarity, 1.0);
    }

    #[test]
    fn changed_numbers_dates_names_and_negations_are_changes() {
        let c =
            assert_verdict("12 soldiers were hurt", "15 soldiers were hurt", QuoteVerdict::Changed(ChangeKind::Number));
        assert_eq!(render(&c.diff), "[-12-] {+15+} soldiers were hurt");
        assert_verdict("we will not attend", "we will attend", QuoteVerdict::Changed(ChangeKind::Negation));
        assert_verdict("we can't attend", "we can attend", QuoteVerdict::Changed(ChangeKind::Negation));
        assert_verdict("we will never stand", "we will always stand", QuoteVerdict::Changed(ChangeKind::Negation));
        assert_verdict(
            "we met in June 2025 in China",
            "we met in September 2025 in China",
            QuoteVerdict::Changed(ChangeKind::Date),
        );
        assert_verdict(
            "we met in June 2024 in China",
            "we met in June 2025 in China",
            QuoteVerdict::Changed(ChangeKind::Date),
        );
        assert_verdict(
            "we met on Friday at noon",
            "we met on Thursday at noon",
            QuoteVerdict::Changed(ChangeKind::Date),
        );
        assert_verdict(
            "our Prime Minister and President Putin talk often",
            "our Prime Minister and President Xi talk often",
            QuoteVerdict::Changed(ChangeKind::Name),
        );
        // An elision that hides a negation from the words it negates.
        assert_verdict(
            "we will … attend the summit",
            "we will not attend the summit",
            QuoteVerdict::Changed(ChangeKind::Negation),
        );
        // A cut start that does the same.
        assert_verdict(
            "the reports are true",
            "I do not believe the reports are true",
            QuoteVerdict::Changed(ChangeKind::Negation),
        );
        // But not when the negation is in a sentence of its own.
        assert_verdict("the reports are true", "We never comment. The reports are true", QuoteVerdict::Elided);
    }

    #[test]
    fn other_changed_words_are_reworded() {
        let c = assert_verdict(
            "The talks were very productive and useful",
            "The talks were highly productive and useful",
            QuoteVerdict::Reworded,
        );
        assert_eq!(render(&c.diff), "The talks were [-very-] {+highly+} productive and useful");
        assert!(c.same_quote);
        // Words added without an elision mark.
        assert_verdict(
            "We discussed trade and defence",
            "We discussed trade, energy and defence",
            QuoteVerdict::Reworded,
        );
        // A number dropped is not a changed number.
        assert_verdict("we sent 12 more soldiers", "we sent more soldiers", QuoteVerdict::Reworded);
        // A sentence start is not a name.
        assert_verdict("Talks went well. Trade grew", "Talks went well. Exports grew", QuoteVerdict::Reworded);
    }

    #[test]
    fn spelling_cuts_and_prefixes() {
        // One word written as two.
        assert_verdict("to play in LaLiga and", "to play in La Liga and", QuoteVerdict::Same);
        // Quoted from the second clause on, though the diff cuts it inside.
        assert_verdict(
            "We welcome the decision and we will not wait 90 days to act",
            "We will not wait 90 days to act",
            QuoteVerdict::Elided,
        );
        // A first sentence both quote, then different parts of the speech.
        assert_verdict(
            "A message they cannot ignore. People here are tired.",
            "A message they cannot ignore. Now the hard work starts.",
            QuoteVerdict::Elided,
        );
        // But a changed word inside a shared sentence is not a cut.
        assert_verdict(
            "A message they cannot ignore. People here are tired.",
            "A message they cannot ignore. People here are angry.",
            QuoteVerdict::Reworded,
        );
        // A negating prefix.
        assert_verdict(
            "This strike is entirely avoidable",
            "This strike is entirely unavoidable",
            QuoteVerdict::Changed(ChangeKind::Negation),
        );
    }

    #[test]
    fn different_quotations_are_not_the_same_quote() {
        let a = "Russia is India's strategic partner in technology and defence";
        let b = "We welcome the successful holding of the 26th meeting of the Working Group in Moscow";
        assert!(!same_quote(a, b));
        assert!(compare(a, b, &|_| None).similarity < 0.5);
        assert!(same_quote(a, "Russia is India's strategic partner in defence"));
        assert!(same_quote("Absolutely", "Absolutely"));
        assert!(!same_quote("we will", "they will go to the summit"), "one shared word is not enough");
        assert!(same_quote("summit", "the summit will go on"), "all of a one-word quotation");
        assert!(!same_quote("", "anything"));
    }

    #[test]
    fn quotations_split_into_sentences() {
        assert_eq!(
            sentences("This strike is avoidable. The company has had months. Why? \"Now\" is the time"),
            vec!["This strike is avoidable.", "The company has had months.", "Why?", "\"Now\" is the time"]
        );
        assert_eq!(sentences("Talks in the U.S. went well"), vec!["Talks in the U.S. went well"]);
    }

    #[test]
    fn one_sentence_negated_inside_two_passages_is_a_change() {
        use crate::compare::testing::{check, rules_of};
        let run = check(
            "Union leader Moira Keane said: \"This strike is entirely avoidable. The company has had months to make a fair offer and has chosen not to.\"",
            "\"This strike was entirely unavoidable. We have bent over backwards, and the company has not moved an inch,\" Moira Keane said.",
        );
        assert!(rules_of(&run).contains(&"quote-changed"), "{:#?}", run.findings);
        // Two passages with no sentence in common.
        let run = check(
            "\"We will not wait 90 days to act. The court has spoken,\" Governor Ana Silva said.",
            "\"We welcome the decision. Our work starts today and it will not stop,\" Governor Ana Silva said.",
        );
        assert!(!rules_of(&run).contains(&"quote-changed"), "{:#?}", run.findings);
    }

    #[test]
    fn render_writes_a_word_diff() {
        let c = compare("we will never stand", "we will always stand", &|_| None);
        assert_eq!(render(&c.diff), "we will [-never-] {+always+} stand");
        let c = compare("we will stand", "we will stand firm", &|_| None);
        assert_eq!(render(&c.diff), "we will stand {+firm+}");
        assert_eq!(render(&[]), "");
    }

    #[test]
    fn expander_reads_one_word_aliases() {
        let expand = aliases();
        assert_eq!(expand("SCO").as_deref(), Some("Shanghai Cooperation Organisation"));
        assert_eq!(expand("U.S.").as_deref(), Some("United States"));
        assert_eq!(expand("Shanghai"), None);
        assert_verdict("U.S. officials agreed", "United States officials agreed", QuoteVerdict::Expanded);
    }

    /// The seed quotes by one speaker, across the two reports.
    fn seed_quotes(path: &str) -> (String, Vec<QuoteMatch>) {
        let original = std::fs::read_to_string(path).unwrap();
        let text = Normalized::plain(&original).text;
        let quotes = QuoteFinder::new(&Rules::built_in().unwrap()).unwrap().find(&text);
        (text, quotes)
    }

    #[test]
    fn seed_quotes_are_expanded_or_elided_never_changed() {
        let (ta, qa) = seed_quotes("fixtures/seeds/000_8df2014312879b32.txt");
        let (tb, qb) = seed_quotes("fixtures/seeds/001_3bb6fdf6df903105.txt");
        let expand = aliases();
        let mut verdicts = Vec::new();
        for a in qa.iter().filter(|q| !q.short) {
            for b in qb.iter().filter(|q| !q.short && q.speaker_key == a.speaker_key) {
                let c = compare(&a.words(&ta), &b.words(&tb), &expand);
                if !c.same_quote {
                    continue;
                }
                assert!(
                    matches!(c.verdict, QuoteVerdict::Expanded | QuoteVerdict::Elided),
                    "{:?} vs {:?}: {:?} {}",
                    a.words(&ta),
                    b.words(&tb),
                    c.verdict,
                    render(&c.diff)
                );
                verdicts.push(c.verdict);
            }
        }
        // Two quotations, each twice in the first report (its body is there
        // twice): one with "SCO" spelled out and sentences elided, one quoted
        // in part.
        assert_eq!(verdicts.len(), 4, "{verdicts:?}");
        assert!(verdicts.contains(&QuoteVerdict::Expanded) && verdicts.contains(&QuoteVerdict::Elided));
    }

    #[test]
    fn odd_input_never_panics() {
        for (a, b) in
            [("", ""), ("…", "..."), ("[...]", ""), ("....", "a"), ("'", "’"), ("1,2,3", "1.2.3"), ("U.S", "U.S.")]
        {
            let c = compare(a, b, aliases());
            let _ = render(&c.diff);
        }
    }

    /// The words of one side of a diff, as the diff spells them.
    fn side_words(diff: &[DiffOp], first: bool) -> Vec<String> {
        diff.iter()
            .flat_map(|d| if first { d.a.split_whitespace() } else { d.b.split_whitespace() })
            .map(str::to_string)
            .collect()
    }

    fn quote_words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "we",
            "will",
            "not",
            "attend",
            "the",
            "SCO",
            "Shanghai",
            "Cooperation",
            "Organisation",
            "summit",
            "12",
            "15",
            "June",
            "2025",
            "Putin",
            "Modi",
            "…",
            "...",
            "[...]",
            ".",
            ",",
            "don't",
            "twenty-six",
            "U.S.",
        ]);
        prop::collection::vec(pieces, 0..16).prop_map(|v| v.join(" "))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// Every word of both versions is in the diff, in order, and the
        /// verdict and score are consistent.
        #[test]
        fn the_diff_holds_both_versions(a in quote_words(), b in quote_words()) {
            let comparer = built_in();
            let c = comparer.compare(&a, &b, aliases());
            let words = |s: &str| {
                let texts: Vec<String> = comparer.words(s).into_iter().map(|w| w.text).collect();
                texts.join(" ").split_whitespace().map(str::to_string).collect::<Vec<_>>()
            };
            assert_eq!(side_words(&c.diff, true), words(&a), "{a:?} vs {b:?}: {}", render(&c.diff));
            assert_eq!(side_words(&c.diff, false), words(&b), "{a:?} vs {b:?}: {}", render(&c.diff));
            assert!((0.0..=1.0).contains(&c.similarity));
            if c.verdict == QuoteVerdict::Same {
                assert!(c.diff.iter().all(|d| d.op == Op::Equal), "{a:?} vs {b:?}");
            }
        }
    }
}
