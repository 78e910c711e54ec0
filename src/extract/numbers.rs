//! Stage: extract. Finds the numbers and ordinals in one sentence.
//!
//! Input: one sentence of normalised text (straight quotes, `-` for every
//! dash, plain spaces, NFC) and the spans of that sentence already taken by
//! dates. Output: [`NumberMatch`]es whose byte spans are relative to that
//! sentence.
//!
//! Recognised: digits with thousands separators (also Indian grouping,
//! "1,20,000") and decimals ("1,200", "3.5"), digits with a scale word
//! ("1.2 million", "5 lakh"), percentages ("40%", "40 per cent"), word
//! numbers ("twelve", "twenty-six", "two hundred and fifty", "a dozen"),
//! ordinals ("22nd", "first", "twenty-first"), and hyphenated compounds
//! that carry their unit ("two-day", "50-minute").
//!
//! Not numbers: digits glued to letters ("G20", "5G", "1990s", "COVID-19"),
//! times ("10:30"), fractions ("two-thirds"), "one" used as a pronoun ("one
//! of the", "no one", "one another") and anything inside a date span.
//!
//! The vocabulary comes from `rules/numbers.toml` ([`NumberRules`]);
//! [`NumberFinder::new`] compiles it once per run, and
//! [`NumberFinder::find`] makes two passes over the sentence (digits, then
//! number words). Not handled yet: units written after digits as a separate
//! word ("12 people"), currencies, glued scales ("$5bn", "5m"), fractions
//! and approximate words ("dozens", "half a million").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

use crate::pattern::Re as Regex;
use serde::{Deserialize, Serialize};

use crate::pattern::factored as alternation;
use crate::span::Span;

/// Number vocabulary, read from `rules/numbers.toml`. Words are matched
/// case-insensitively.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRules {
    /// Signs of a percentage after a number ("%", "percent", "per cent").
    pub percent: Vec<String>,
    /// Words standing for one of a following scale word ("a dozen").
    pub articles: Vec<String>,
    /// Words after a hyphen that make a number a fraction ("two-thirds").
    pub fractions: Vec<String>,
    /// Number words below one hundred: 0..=19 and the tens.
    pub cardinals: BTreeMap<String, u64>,
    /// Multipliers ("hundred", "million", "lakh", "dozen").
    pub scales: BTreeMap<String, u64>,
    /// Ordinal words ("first", "twentieth", "hundredth").
    pub ordinals: BTreeMap<String, u64>,
    /// When "one" is a pronoun rather than a number.
    pub one: OneRules,
    /// Scales written glued to the digits after a currency sign ("$5bn",
    /// "£3.2m"), with their multipliers.
    #[serde(default)]
    pub glued_scales: BTreeMap<String, u64>,
    /// Signs before the digits that allow a glued scale.
    #[serde(default)]
    pub glued_after: Vec<String>,
    /// Nouns a Roman numeral after "the" ranks ("the XXII session").
    #[serde(default)]
    pub roman_nouns: Vec<String>,
    /// Examples checked by the tests.
    #[serde(default)]
    pub examples: Vec<NumberExample>,
}

/// Contexts in which a lone "one" is a pronoun, not a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneRules {
    /// Words right before it ("no one").
    pub before: Vec<String>,
    /// Words right after it ("one of").
    pub after: Vec<String>,
    /// Words after "one-" that make an idiom ("one-off").
    pub compounds: Vec<String>,
}

/// One example from the rules file: a sentence and its numbers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberExample {
    /// The sentence.
    pub text: String,
    /// Every match, in order.
    pub expect: Vec<ExpectedNumber>,
}

/// One expected match of a [`NumberExample`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedNumber {
    /// The matched text.
    pub text: String,
    /// Its value.
    pub value: f64,
    /// "cardinal" or "ordinal".
    pub kind: String,
    /// Its unit, if any.
    #[serde(default)]
    pub unit: Option<String>,
}

/// Whether a number counts or ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    /// A count or amount ("12", "two", "1.2 million").
    Cardinal,
    /// A rank ("22nd", "first").
    Ordinal,
}

/// One number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Bytes within the sentence, including a scale word, a percent sign
    /// and a hyphenated unit ("1.2 million", "40%", "two-day").
    pub span: Span,
    /// Cardinal or ordinal.
    pub kind: NumberKind,
    /// The value ("1.2 million" is 1 200 000; "40%" is 40).
    pub value: f64,
    /// "percent", or the unit of a hyphenated compound ("day" in
    /// "two-day"); `None` otherwise.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Card(u64),
    Scale(u64),
    Ord(u64),
    Article,
    And,
}

/// A word of a run of number words.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    tok: Option<Tok>,
}

/// The compiled number matcher; build it once per run.
#[derive(Debug, Clone)]
pub struct NumberFinder {
    digits: Regex,
    glued_scales: BTreeMap<String, u64>,
    glued_after: Vec<String>,
    words: Regex,
    percent: Regex,
    compound: Regex,
    vocab: HashMap<String, Tok>,
    /// For each length below 25, the first letters of the vocabulary's
    /// words of that length, as bits (`a` is bit 0).
    shapes: Vec<u32>,
    scales: HashMap<String, u64>,
    one_before: HashSet<String>,
    one_after: HashSet<String>,
    one_compounds: HashSet<String>,
    fractions: HashSet<String>,
    roman_nouns: HashSet<String>,
}

/// The value of a well-formed Roman numeral below 400 ("XXII" is 22), or
/// `None` ("IIII", "VX", "IC" are not written).
fn roman(w: &str) -> Option<u32> {
    let value = |c: u8| match c {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        b'C' => 100,
        _ => 0,
    };
    let bytes = w.as_bytes();
    let mut total = 0i64;
    for (i, &c) in bytes.iter().enumerate() {
        let v = value(c);
        if bytes.get(i + 1).is_some_and(|&n| value(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let n = u32::try_from(total).ok().filter(|&n| (1..400).contains(&n))?;
    // Only the canonical spelling counts.
    (to_roman(n) == w).then_some(n)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// `digits` without its thousands separators, copied only when it has some.
fn without_commas(digits: &str) -> std::borrow::Cow<'_, str> {
    if digits.contains(',') {
        std::borrow::Cow::Owned(digits.replace(',', ""))
    } else {
        std::borrow::Cow::Borrowed(digits)
    }
}

fn lower_set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.trim().to_lowercase()).collect()
}

/// The next word after `s` begins (skipping spaces), lowercased.
fn next_word(s: &str) -> String {
    s.trim_start().chars().take_while(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The word `s` ends with (skipping spaces), lowercased.
fn prev_word(s: &str) -> String {
    let t = s.trim_end();
    let start = t.char_indices().rev().take_while(|(_, c)| c.is_alphanumeric()).last().map_or(t.len(), |(i, _)| i);
    t[start..].to_lowercase()
}

/// How a run of number words is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// After an article: only a scale may follow.
    Article,
    /// After 1..=99 that cannot take a units word.
    Small,
    /// After an exact tens word: a units word may follow.
    Tens,
    /// After "hundred".
    Hundred,
    /// After "thousand", "million"...
    Big,
    /// After "and": a number below one hundred must follow.
    And,
    /// After an ordinal or a small scale ("dozen"): nothing may follow.
    Done,
}

/// Reads the longest number starting at word `i`: the index after it, its
/// value and whether it is an ordinal.
fn parse_words(words: &[Word], i: usize) -> Option<(usize, f64, bool)> {
    let mut state = State::Start;
    let (mut total, mut hund, mut small) = (0f64, 0f64, 0f64);
    let mut last_big = f64::INFINITY;
    let mut ordinal = false;
    let mut best = None;
    for (j, w) in words.iter().enumerate().skip(i) {
        let Some(tok) = w.tok else { break };
        let next = match (state, tok) {
            (State::Start | State::Hundred | State::Big | State::And, Tok::Card(v)) if v < 100 => {
                small = v as f64;
                if v >= 20 && v % 10 == 0 {
                    State::Tens
                } else {
                    State::Small
                }
            }
            (State::Tens, Tok::Card(v)) if (1..10).contains(&v) => {
                small += v as f64;
                State::Small
            }
            (State::Start | State::Hundred | State::Big | State::And, Tok::Ord(v)) if v < 100 => {
                small = v as f64;
                ordinal = true;
                State::Done
            }
            (State::Start, Tok::Ord(v)) => {
                // "hundredth", "thousandth": one of a scale.
                small = v as f64;
                ordinal = true;
                State::Done
            }
            (State::Tens, Tok::Ord(v)) if (1..10).contains(&v) => {
                small += v as f64;
                ordinal = true;
                State::Done
            }
            (State::Start, Tok::Article) => {
                small = 1.0;
                State::Article
            }
            (State::Hundred | State::Big, Tok::And) => State::And,
            (State::Article | State::Small | State::Tens | State::Hundred, Tok::Scale(s) | Tok::Ord(s)) if s >= 100 => {
                let s = s as f64;
                let is_ord = matches!(tok, Tok::Ord(_));
                if s == 100.0 {
                    if hund > 0.0 {
                        break;
                    }
                    hund = small.max(1.0) * 100.0;
                    small = 0.0;
                } else {
                    if s >= last_big {
                        break;
                    }
                    total += (hund + small).max(1.0) * s;
                    last_big = s;
                    hund = 0.0;
                    small = 0.0;
                }
                ordinal = is_ord;
                match (is_ord, s == 100.0) {
                    (true, _) => State::Done,
                    (false, true) => State::Hundred,
                    (false, false) => State::Big,
                }
            }
            (State::Article | State::Small | State::Tens, Tok::Scale(s)) if s < 100 && total == 0.0 && hund == 0.0 => {
                small = small.max(1.0) * s as f64;
                State::Done
            }
            _ => break,
        };
        state = next;
        if !matches!(state, State::Start | State::Article | State::And) {
            best = Some((j + 1, total + hund + small, ordinal));
        }
        if state == State::Done {
            break;
        }
    }
    best
}

impl NumberFinder {
    /// Compiles the rules; the error names the bad entry.
    pub fn new(rules: &NumberRules) -> Result<NumberFinder, String> {
        let mut vocab = HashMap::default();
        let mut add = |w: &str, tok: Tok| -> Result<(), String> {
            let key = w.trim().to_lowercase();
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(format!("rules/numbers.toml: {w:?} must be one word of letters"));
            }
            if vocab.insert(key, tok).is_some() {
                return Err(format!("rules/numbers.toml: {w:?} is given twice"));
            }
            Ok(())
        };
        for (w, &v) in &rules.cardinals {
            if !(v < 20 || (v < 100 && v % 10 == 0)) {
                return Err(format!(
                    "rules/numbers.toml: cardinals.{w} = {v}: must be below 20 or a tens number below 100"
                ));
            }
            add(w, Tok::Card(v))?;
        }
        for (w, &v) in &rules.scales {
            if v < 2 {
                return Err(format!("rules/numbers.toml: scales.{w} = {v}: must be 2 or more"));
            }
            add(w, Tok::Scale(v))?;
        }
        for (w, &v) in &rules.ordinals {
            if v == 0 || !(v <= 20 || (v < 100 && v % 10 == 0) || rules.scales.values().any(|&s| s == v && s >= 100)) {
                return Err(format!(
                    "rules/numbers.toml: ordinals.{w} = {v}: must be 1..=20, a tens number or a scale"
                ));
            }
            add(w, Tok::Ord(v))?;
        }
        for w in &rules.articles {
            add(w, Tok::Article)?;
        }
        add("and", Tok::And)?;
        let scales: HashMap<String, u64> = rules.scales.iter().map(|(w, &v)| (w.to_lowercase(), v)).collect();

        let scale_re = alternation(rules.scales.keys());
        let tokens: Vec<String> = vocab.iter().filter(|(_, t)| **t != Tok::And).map(|(w, _)| w.clone()).collect();
        let token_re = alternation(&tokens);
        let mut pct = Vec::new();
        for p in &rules.percent {
            let body = alternation(std::iter::once(p));
            if p.trim().starts_with(|c: char| c.is_alphabetic()) {
                pct.push(format!(r"\s+(?i:{body})\b"));
            } else {
                pct.push(format!(r"[ ]?{body}"));
            }
        }
        if pct.is_empty() {
            pct.push(r"\b\B".to_string());
        }
        let build = |what: &str, src: String| {
            Regex::new(&src).map_err(|e| format!("rules/numbers.toml: cannot build the {what} pattern: {e}"))
        };
        let glued_re = alternation(rules.glued_scales.keys());
        let mut shapes = vec![0u32; 25];
        for w in vocab.keys() {
            if let (Some(letters), Some(first)) = (shapes.get_mut(w.len()), w.bytes().next()) {
                *letters |= 1 << (first - b'a');
            }
        }
        Ok(NumberFinder {
            shapes,
            glued_scales: rules.glued_scales.clone(),
            glued_after: rules.glued_after.clone(),
            digits: build(
                "digits",
                format!(
                    r"(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]{{1,2}}(?:,[0-9]{{2}})+,[0-9]{{3}}(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?:(?P<ord>st|nd|rd|th)\b|\s+(?P<scale>(?i:{scale_re}))\b|(?P<glued>{glued_re})\b)?"
                ),
            )?,
            words: build(
                "number words",
                format!(r"\b(?i:{token_re})\b(?:(?:\s+|-|\s+(?i:and)\s+)(?i:{token_re})\b)*"),
            )?,
            percent: build("percent", format!(r"^(?:{})", pct.join("|")))?,
            compound: build("compound", r"^-(?P<unit>[A-Za-z]+(?:-[A-Za-z]+)*)\b".to_string())?,
            vocab,
            scales,
            one_before: lower_set(&rules.one.before),
            one_after: lower_set(&rules.one.after),
            one_compounds: lower_set(&rules.one.compounds),
            roman_nouns: lower_set(&rules.roman_nouns),
            fractions: lower_set(&rules.fractions),
        })
    }

    /// Finds every number in `sentence` that does not overlap a span in
    /// `skip` (the dates), in order. Never panics; spans are on char
    /// boundaries.
    pub fn find(&self, sentence: &str, skip: &[Span]) -> Vec<NumberMatch> {
        let mut found = Vec::new();
        self.find_digits(sentence, &mut found);
        self.find_words(sentence, &mut found);
        self.find_roman(sentence, &mut found);
        found.retain(|m| skip.iter().all(|s| !s.overlaps(&m.span)));
        found.sort_by_key(|m| (m.span.start, m.span.end));
        found
    }

    /// Roman numerals of two letters or more between "the" and a noun of
    /// `roman_nouns`: "the XXII session" is an ordinal, 22. Anywhere else a
    /// run of capitals is a name or an acronym ("CIVIL", "MIX").
    fn find_roman(&self, s: &str, out: &mut Vec<NumberMatch>) {
        // A numeral has two capitals of them side by side; few sentences do.
        let numeral = |b: &u8| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C');
        if !s.as_bytes().windows(2).any(|w| numeral(&w[0]) && numeral(&w[1])) {
            return;
        }
        if !s.contains("the ") && !s.contains("The ") {
            return;
        }
        let words: Vec<(usize, &str)> = s
            .split(|c: char| c.is_whitespace())
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        for i in 1..words.len().saturating_sub(1) {
            let (start, w) = words[i];
            if w.len() < 2 || !w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C')) {
                continue;
            }
            let noun = words[i + 1].1.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            if !words[i - 1].1.eq_ignore_ascii_case("the") || !self.roman_nouns.contains(&noun) {
                continue;
            }
            if let Some(value) = roman(w) {
                out.push(NumberMatch {
                    span: Span::new(start, start + w.len()),
                    kind: NumberKind::Ordinal,
                    value: value as f64,
                    unit: None,
                });
            }
        }
    }

    fn find_digits(&self, s: &str, out: &mut Vec<NumberMatch>) {
        for caps in self.digits.captures_iter(s) {
            let (Some(all), Some(num)) = (caps.get(0), caps.name("num")) else {
                continue;
            };
            let mut before = s[..all.start()].chars().rev();
            let (b1, b2) = (before.next(), before.next());
            // "$621mn": a scale glued to the digits, only after a currency
            // sign ("5m" alone may be metres).
            if let Some(g) = caps.name("glued") {
                let head = s[..all.start()].trim_end();
                if !self.glued_after.iter().any(|sign| head.ends_with(sign.as_str())) {
                    continue;
                }
                let (Ok(v), Some(&mult)) =
                    (without_commas(num.as_str()).parse::<f64>(), self.glued_scales.get(g.as_str()))
                else {
                    continue;
                };
                out.push(NumberMatch {
                    span: Span::new(all.start(), all.end()),
                    kind: NumberKind::Cardinal,
                    value: v * mult as f64,
                    unit: None,
                });
                continue;
            }
            let glued_before = match b1 {
                Some(c) if c.is_alphanumeric() || c == '_' => true,
                Some(c) if ".,:/".contains(c) => b2.is_some_and(|d| d.is_ascii_digit()),
                Some('-') => b2.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if glued_before {
                continue;
            }
            let Ok(mut value) = without_commas(num.as_str()).parse::<f64>() else {
                continue;
            };
            let mut kind = NumberKind::Cardinal;
            if caps.name("ord").is_some() {
                if num.as_str().contains('.') {
                    continue;
                }
                kind = NumberKind::Ordinal;
            }
            if let Some(scale) = caps.name("scale") {
                let Some(&mult) = self.scales.get(&scale.as_str().to_lowercase()) else {
                    continue;
                };
                value *= mult as f64;
            }
            if !value.is_finite() {
                continue;
            }
            let plain = kind == NumberKind::Cardinal && caps.name("scale").is_none();
            if let Some(m) = self.finish(s, all.start(), all.end(), value, kind, plain) {
                out.push(m);
            }
        }
    }

    /// The runs of number words `self.words` finds in `s`, as byte ranges,
    /// without running that regex (whose Unicode word boundaries make it
    /// slow on non-ASCII text). A run is a number word (a whole word of
    /// ASCII letters, case aside, with a Unicode word boundary at both
    /// ends), then any more joined by white space, a hyphen or "and".
    /// Text with a Kelvin sign or a long s, which case folding turns into a
    /// `k` or an `s`, goes to the regex.
    fn word_runs(&self, s: &str) -> Vec<(usize, usize)> {
        let look = regex_automata::util::look::LookMatcher::new();
        let b = s.as_bytes();
        if s.contains(['\u{212A}', '\u{17F}']) || look.is_word_unicode(b, 0).is_err() {
            return self.words.find_iter(s).map(|m| (m.start(), m.end())).collect();
        }
        // A word boundary, looked up in the Unicode tables only next to a
        // non-ASCII byte.
        let ascii_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let boundary = |at: usize| match (at.checked_sub(1).map(|k| b[k]), b.get(at).copied()) {
            (Some(x), _) | (_, Some(x)) if !x.is_ascii() => look.is_word_unicode(b, at).unwrap_or(false),
            (x, y) => x.is_some_and(ascii_word) != y.is_some_and(ascii_word),
        };
        let letters_end = |i: usize| i + b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let space_end =
            |i: usize| s[i..].char_indices().find(|(_, c)| !c.is_whitespace()).map_or(s.len(), |(k, _)| i + k);
        // The end of the number word starting at `i`.
        // Whether the letters `i..end` are a number word; the shape test of
        // `is_token` turns most words down first.
        let token = |i: usize, end: usize| end > i && self.is_token(&s[i..end]) && boundary(i) && boundary(end);
        let token_at = |i: usize| {
            let end = letters_end(i);
            token(i, end).then_some(end)
        };
        let mut runs = Vec::new();
        let mut i = 0;
        while i < b.len() {
            // Only the start of a run of ASCII letters can start a word.
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let mut end = letters_end(i);
            if !token(i, end) {
                i = end;
                continue;
            }
            loop {
                let spaced = space_end(end);
                if spaced > end {
                    if let Some(e) = token_at(spaced) {
                        end = e;
                        continue;
                    }
                }
                if b.get(end) == Some(&b'-') {
                    if let Some(e) = token_at(end + 1) {
                        end = e;
                        continue;
                    }
                }
                if spaced > end && b.len() >= spaced + 3 && b[spaced..spaced + 3].eq_ignore_ascii_case(b"and") {
                    let next = space_end(spaced + 3);
                    if next > spaced + 3 {
                        if let Some(e) = token_at(next) {
                            end = e;
                            continue;
                        }
                    }
                }
                break;
            }
            runs.push((i, end));
            i = end;
        }
        runs
    }

    /// Whether a whole word is a number word that starts or continues a run
    /// ("and" only joins them).
    fn is_token(&self, word: &str) -> bool {
        // Most words are not number words: their length and first letter
        // tell so without hashing.
        let first = word.as_bytes().first().map_or(0, |c| c.to_ascii_lowercase());
        if let Some(letters) = self.shapes.get(word.len()) {
            if !first.is_ascii_lowercase() || letters & (1 << (first - b'a')) == 0 {
                return false;
            }
        }
        let mut buf = [0u8; 24];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return self.vocab.get(&word.to_ascii_lowercase()).is_some_and(|t| *t != Tok::And);
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).ok().and_then(|w| self.vocab.get(w)).is_some_and(|t| *t != Tok::And)
    }

    fn find_words(&self, s: &str, out: &mut Vec<NumberMatch>) {
        let digit_spans: Vec<Span> = out.iter().map(|m| m.span).collect();
        for (run_start, run_end) in self.word_runs(s) {
            let text = &s[run_start..run_end];
            let words: Vec<Word> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    // `w` is a slice of `text`: its offset is the distance
                    // between the two pointers.
                    let local = w.as_ptr() as usize - text.as_ptr() as usize;
                    Word {
                        start: run_start + local,
                        end: run_start + local + w.len(),
                        tok: self.vocab.get(&w.to_lowercase()).copied(),
                    }
                })
                .collect();
            let mut i = 0;
            while i < words.len() {
                let Some((j, value, ordinal)) = parse_words(&words, i) else {
                    i += 1;
                    continue;
                };
                let (start, end) = (words[i].start, words[j - 1].end);
                i = j;
                let span = Span::new(start, end);
                if digit_spans.iter().any(|d| d.overlaps(&span)) {
                    continue;
                }
                // Part of a hyphenated word ("one-on-one", "Tu-one").
                let mut before = s[..start].chars().rev();
                if before.next() == Some('-') && before.next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let text = &s[start..end];
                if text.eq_ignore_ascii_case("one") && self.one_is_pronoun(s, start, end) {
                    continue;
                }
                let kind = if ordinal { NumberKind::Ordinal } else { NumberKind::Cardinal };
                if let Some(m) = self.finish(s, start, end, value, kind, kind == NumberKind::Cardinal) {
                    out.push(m);
                }
            }
        }
    }

    fn one_is_pronoun(&self, s: &str, start: usize, end: usize) -> bool {
        let tail = &s[end..];
        if let Some(c) = self.compound_unit(tail) {
            let first = c.as_str().split('-').next().unwrap_or("").to_lowercase();
            return self.one_compounds.contains(&first);
        }
        self.one_before.contains(&prev_word(&s[..start])) || self.one_after.contains(&next_word(tail))
    }

    /// The unit of a compound right after a number ("-year" of "5-year").
    /// While the pattern starts with a hyphen (`^-`), text that does not
    /// skips it.
    fn compound_unit<'a>(&'a self, tail: &'a str) -> Option<regex::Match<'a>> {
        if self.compound.as_str().starts_with("^-") && !tail.starts_with('-') {
            return None;
        }
        self.compound.captures(tail).and_then(|c| c.name("unit"))
    }

    /// Adds a percent sign or a hyphenated unit after `start..end` and checks
    /// that the number is not glued to what follows.
    fn finish(
        &self,
        s: &str,
        start: usize,
        mut end: usize,
        value: f64,
        kind: NumberKind,
        may_take_unit: bool,
    ) -> Option<NumberMatch> {
        let mut unit = None;
        let tail = &s[end..];
        if let Some(p) = self.percent.find(tail) {
            end += p.end();
            unit = Some("percent".to_string());
        } else if let Some(u) = self.compound_unit(tail) {
            let first = u.as_str().split('-').next().unwrap_or("").to_lowercase();
            if self.fractions.contains(&first) {
                return None;
            }
            if may_take_unit && !self.vocab.contains_key(&first) {
                end += u.end();
                unit = Some(u.as_str().to_string());
            }
        }
        let mut after = s[end..].chars();
        let (a1, a2) = (after.next(), after.next());
        let glued_after = match a1 {
            Some(c) if c.is_alphanumeric() || c == '_' => true,
            Some(c) if ".,:/".contains(c) => a2.is_some_and(|d| d.is_ascii_digit()),
            _ => false,
        };
        (!glued_after).then(|| NumberMatch { span: Span::new(start, end), kind, value, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NumberRules {
        toml::from_str(include_str!("../../rules/numbers.toml")).expect("rules/numbers.toml parses")
    }

    fn finder() -> NumberFinder {
        NumberFinder::new(&rules()).unwrap()
    }

    #[test]
    fn roman_numerals_rank_a_session_only() {
        let f = finder();
        let found = f.find("On 7 October, the XXII session of the commission was held in Tashkent.", &[]);
        assert!(found.iter().any(|m| m.kind == NumberKind::Ordinal && m.value == 22.0), "{found:?}");
        for text in ["The CIVIL court sat.", "A MIX of XI players.", "the IIII session", "the XXII members"] {
            assert!(!f.find(text, &[]).iter().any(|m| m.kind == NumberKind::Ordinal), "{text}");
        }
        assert_eq!(super::roman("XIV"), Some(14));
        assert_eq!(super::roman("IC"), None);
    }

    #[test]
    fn word_runs_are_the_regex_runs() {
        let f = finder();
        for s in [
            "one hundred and twenty-five, a dozen and two",
            "éone two, one\u{a0}two, one\u{85}two, one_two, one2 two-three-",
            "Twenty  AND  one; seventeen sevens; a a a; ONE-and-two and three",
            "naïve one é two três three ſix Kelvin \u{212A}ilo one",
            "",
            "and",
            "   one",
            "one\u{301} two \u{2003}three\u{3000}four",
        ] {
            let want: Vec<(usize, usize)> = f.words.find_iter(s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(f.word_runs(s), want, "{s:?}");
        }
    }

    type Row = (String, f64, NumberKind, Option<String>);

    fn found(f: &NumberFinder, s: &str, skip: &[Span]) -> Vec<Row> {
        f.find(s, skip).into_iter().map(|m| (m.span.of(s).to_string(), m.value, m.kind, m.unit)).collect()
    }

    fn row(text: &str, value: f64, kind: NumberKind, unit: Option<&str>) -> Row {
        (text.to_string(), value, kind, unit.map(str::to_string))
    }

    fn card(text: &str, value: f64) -> Row {
        row(text, value, NumberKind::Cardinal, None)
    }

    fn ord(text: &str, value: f64) -> Row {
        row(text, value, NumberKind::Ordinal, None)
    }

    #[test]
    fn rules_file_examples() {
        let rules = rules();
        assert!(!rules.examples.is_empty());
        let f = NumberFinder::new(&rules).unwrap();
        for ex in &rules.examples {
            let want: Vec<Row> = ex
                .expect
                .iter()
                .map(|e| {
                    let kind = match e.kind.as_str() {
                        "cardinal" => NumberKind::Cardinal,
                        "ordinal" => NumberKind::Ordinal,
                        k => panic!("bad kind {k:?} in example {:?}", ex.text),
                    };
                    (e.text.clone(), e.value, kind, e.unit.clone())
                })
                .collect();
            assert_eq!(found(&f, &ex.text, &[]), want, "example {:?}", ex.text);
        }
    }

    #[test]
    fn digits() {
        let f = finder();
        assert_eq!(found(&f, "1,200 people", &[]), [card("1,200", 1200.0)]);
        assert_eq!(found(&f, "about 3.5 tonnes.", &[]), [card("3.5", 3.5)]);
        assert_eq!(found(&f, "1.2 million", &[]), [card("1.2 million", 1_200_000.0)]);
        assert_eq!(found(&f, "Rs 1,20,000 crore", &[]), [card("1,20,000 crore", 1.2e12)]);
        assert_eq!(found(&f, "12 people", &[]), [card("12", 12.0)]);
        assert_eq!(found(&f, "$100 billion", &[]), [card("100 billion", 1e11)]);
        assert_eq!(found(&f, "rose 40%.", &[]), [row("40%", 40.0, NumberKind::Cardinal, Some("percent"))]);
        assert_eq!(
            found(&f, "rose 4.5 per cent", &[]),
            [row("4.5 per cent", 4.5, NumberKind::Cardinal, Some("percent"))]
        );
        assert_eq!(found(&f, "won 2-1", &[]), [card("2", 2.0), card("1", 1.0)]);
        assert_eq!(found(&f, "in 2025.", &[]), [card("2025", 2025.0)]);
    }

    #[test]
    fn ordinals() {
        let f = finder();
        assert_eq!(found(&f, "the 22nd meeting", &[]), [ord("22nd", 22.0)]);
        assert_eq!(found(&f, "23rd Annual Summit", &[]), [ord("23rd", 23.0)]);
        assert_eq!(found(&f, "1st", &[]), [ord("1st", 1.0)]);
        assert_eq!(found(&f, "the first and third", &[]), [ord("first", 1.0), ord("third", 3.0)]);
        assert_eq!(found(&f, "the twenty-first century", &[]), [ord("twenty-first", 21.0)]);
        assert_eq!(found(&f, "its 21st-century role", &[]), [ord("21st", 21.0)]);
        assert_eq!(found(&f, "the hundredth time", &[]), [ord("hundredth", 100.0)]);
    }

    #[test]
    fn words() {
        let f = finder();
        assert_eq!(found(&f, "twelve", &[]), [card("twelve", 12.0)]);
        assert_eq!(found(&f, "Twenty-six people", &[]), [card("Twenty-six", 26.0)]);
        assert_eq!(found(&f, "two leaders", &[]), [card("two", 2.0)]);
        assert_eq!(found(&f, "two hundred and fifty", &[]), [card("two hundred and fifty", 250.0)]);
        assert_eq!(found(&f, "three million people", &[]), [card("three million", 3e6)]);
        assert_eq!(
            found(&f, "one million two hundred thousand", &[]),
            [card("one million two hundred thousand", 1_200_000.0)]
        );
        assert_eq!(found(&f, "a hundred people", &[]), [card("a hundred", 100.0)]);
        assert_eq!(found(&f, "two dozen", &[]), [card("two dozen", 24.0)]);
        assert_eq!(found(&f, "one, two", &[]), [card("one", 1.0), card("two", 2.0)]);
        assert_eq!(found(&f, "two and three", &[]), [card("two", 2.0), card("three", 3.0)]);
        assert_eq!(found(&f, "one two", &[]), [card("one", 1.0), card("two", 2.0)]);
        assert_eq!(found(&f, "one country", &[]), [card("one", 1.0)]);
        assert!(found(&f, "a man and a plan", &[]).is_empty());
    }

    #[test]
    fn compounds() {
        let f = finder();
        assert_eq!(found(&f, "a two-day visit", &[]), [row("two-day", 2.0, NumberKind::Cardinal, Some("day"))]);
        assert_eq!(found(&f, "a 50-minute call", &[]), [row("50-minute", 50.0, NumberKind::Cardinal, Some("minute"))]);
        assert_eq!(
            found(&f, "a 50-year-old man", &[]),
            [row("50-year-old", 50.0, NumberKind::Cardinal, Some("year-old"))]
        );
        assert_eq!(
            found(&f, "a twenty-six-member team", &[]),
            [row("twenty-six-member", 26.0, NumberKind::Cardinal, Some("member"))]
        );
        assert!(found(&f, "two-thirds of voters", &[]).is_empty());
        assert!(found(&f, "a one-off deal", &[]).is_empty());
        assert_eq!(found(&f, "a one-day match", &[]), [row("one-day", 1.0, NumberKind::Cardinal, Some("day"))]);
    }

    #[test]
    fn traps() {
        let f = finder();
        for s in [
            "M&MTC",
            "G20 leaders",
            "5G networks",
            "the 1990s",
            "COVID-19",
            "Su-30MKI jets",
            "at 10:30",
            "10am",
            "One of the leaders",
            "one of them",
            "no one came",
            "they helped one another",
            "the one who left",
            "someone",
            "a one-on-one meeting",
            "a tête-à-two",
            "dozens of people",
            "hundreds of cars",
            "thousands",
            "version 1.2.3",
            "",
        ] {
            assert!(f.find(s, &[]).is_empty(), "{s:?} gave {:?}", f.find(s, &[]));
        }
    }

    #[test]
    fn skip_spans() {
        let f = finder();
        let s = "On December 4, 2025, 12 people came.";
        let date = Span::new(3, 19);
        assert_eq!(date.of(s), "December 4, 2025");
        assert_eq!(found(&f, s, &[date]), [card("12", 12.0)]);
    }

    #[test]
    fn nasty_input_never_panics() {
        let f = finder();
        let long = "9".repeat(500);
        let nasty = [
            "",
            "May",
            "31 February 2025",
            "February 29, 2023",
            "Dec 99",
            "9999999999999999999999",
            "é…",
            "ſix ſeventh K one ４２ ٤٢",
            "one-",
            "-",
            "1,",
            "1.",
            ",1",
            "1st-",
            "a a a a hundred and and",
            "hundred thousand million billion",
            "twenty twenty twenty",
            "one hundred hundred",
            "\u{0}12\u{FFFF}3\u{10FFFF}",
            long.as_str(),
        ];
        for s in nasty {
            for m in f.find(s, &[Span::new(0, 0)]) {
                assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
                assert!(m.span.end <= s.len() && m.span.start < m.span.end);
                assert!(m.value.is_finite());
            }
        }
        assert_eq!(found(&f, "9999999999999999999999", &[]), [card("9999999999999999999999", 1e22)]);
        assert!(f.find(&long, &[]).is_empty());
    }

    #[test]
    fn bad_rules_are_reported() {
        let mut r = rules();
        r.cardinals.insert("twentyfive".into(), 25);
        assert!(NumberFinder::new(&r).unwrap_err().contains("twentyfive"));
        let mut r = rules();
        r.ordinals.insert("one".into(), 1);
        assert!(NumberFinder::new(&r).unwrap_err().contains("\"one\""));
    }
}
