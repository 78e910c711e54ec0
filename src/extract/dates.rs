//! Stage: extract. Finds the date expressions in one sentence.
//!
//! Input: one sentence of normalised text (straight quotes, `-` for every
//! dash, plain spaces, NFC) and the report's publication date when it is
//! known. Output: [`DateMatch`]es whose byte spans are relative to that
//! sentence, each with its anchor (`since 2021`, `until 2030`), its surface
//! form and its value resolved against the publication date.
//!
//! The vocabulary (month and weekday names, prepositions, relative words,
//! tense markers) comes from `rules/dates.toml` ([`DateRules`]).
//! [`DateFinder::new`] compiles it into a few regexes once per run;
//! [`DateFinder::find`] makes one pass per regex over the sentence and keeps
//! the longest leftmost of overlapping candidates, so "September 1 this
//! year" is one date, not "September 1" and "this year".
//!
//! Values that depend on the publication date: a weekday is the most recent
//! one on or before it, or the next one after it when the clause speaks of
//! the future ("will meet Modi on Friday"); a month without a year is the
//! nearest such month, and a month and day without a year the nearest such
//! day, each moved a year only when the tense clearly disagrees (the date
//! lies far on the wrong side of publication). The tense is read from the
//! marker words nearest to the date within its clause.
//!
//! A bare four-digit year is a date only after a preposition or qualifier
//! ("in 2022", "since 2021", "mid-2025") or a determiner ("a 2012 fire"),
//! and only when the next word does not make it a count ("of 2000 troops").
//!
//! Weeks ("last week", "next week", "earlier this week") are ISO weeks,
//! Monday to Sunday, counted from the publication date's week.
//!
//! Not handled yet (future work): year ranges ("2025-26": not matched), the two ends of a day range ("December
//! 4-5" is matched whole and resolved to its month), numeric day/month
//! forms ("04/12/2025"), counted offsets ("two years ago", "in three days"),
//! decades ("the 1990s") and a bare year with nothing in front of it ("2025
//! was a record year").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::extract::date_words::{list, DateWords, Groups, Kind, NAMES};
use crate::pattern::Re as Regex;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::PartialDate;
use crate::normalize::fold_words as norm;
use crate::pattern::{factored as alternation, gate_word, Gates, Need};
use crate::span::Span;

/// Years written next to a month or in ISO form must lie in this range.
const EXPLICIT_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;
/// How many words may join a date to the one before it for the two to share
/// a tense ("on Thursday and Jordan on Friday").
const COORDINATED_WORDS: usize = 4;

/// How many words before a date are searched for a tense marker.
const TENSE_WORDS_BEFORE: usize = 10;
/// How many words after a date are searched for a tense marker.
const TENSE_WORDS_AFTER: usize = 6;
/// A month and day without a year take the occurrence nearest to
/// publication; the tense of the clause moves them to the year before or
/// after only when that occurrence is more than this many days on the wrong
/// side ("went on strike on 3 March" in December is the March before).
const TENSE_OVERRIDE_DAYS: i64 = 14;
/// A month without a year and with no tense in its clause is taken for the
/// past one when the nearest lies more than this many months ahead ("stepped
/// down as chairman, president and chief executive in March" in November).
const UNTENSED_MONTHS_AHEAD: i64 = 2;
/// The same for a month and day without a year, in days.
const UNTENSED_DAYS_AHEAD: i64 = 61;
/// A month without a year is the nearest such month; the tense moves it a
/// year only when it lies more than this many months on the wrong side.
const MONTH_OVERRIDE: i64 = 0;
/// How many words before "to" a range's "from" may lie ("from Sept. 14 to").
const RANGE_WORDS: usize = 4;
/// How many words a clock time before a day may take ("9 a.m. EST": 4).
const CLOCK_WORDS: usize = 6;

/// Date vocabulary, read from `rules/dates.toml`.
///
/// Month and weekday names are matched case-sensitively; every other word
/// list case-insensitively. Entries of several words match any run of
/// whitespace between their words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRules {
    /// The twelve months, January first.
    pub months: Vec<NameEntry>,
    /// The seven weekdays, Monday first.
    pub weekdays: Vec<NameEntry>,
    /// Words before a date that give its [`Anchor`]; not part of its span.
    pub prepositions: Prepositions,
    /// Words kept in a date's span that do not change its value ("early",
    /// "mid", "earlier"); they also license a bare month or year.
    pub qualifiers: Vec<String>,
    /// Modifiers of units and weekdays ("this", "last", "next").
    pub relative: RelativeWords,
    /// Unit words of relative expressions ("month", "year").
    pub units: Units,
    /// Words naming a day relative to publication, with the offset in days.
    pub relative_days: BTreeMap<String, i64>,
    /// Parts of a day that may follow a weekday or relative day ("night").
    pub day_parts: Vec<String>,
    /// Smallest year a bare four-digit number may be.
    pub bare_year_min: i32,
    /// Largest year a bare four-digit number may be.
    pub bare_year_max: i32,
    /// Lowercase words allowed right after a bare year that follows a
    /// preposition or qualifier.
    pub year_followers: Vec<String>,
    /// Determiners that make a bare year an attribute of the next word
    /// ("a 2012 fire", "the 2019 local elections").
    pub year_determiners: Vec<String>,
    /// Words after a determiner and a four-digit number that make it a count,
    /// not a year ("the 2000 troops").
    pub year_blockers: Vec<String>,
    /// Words between two years that make the first the start of a range
    /// ("2001 to 2010") even with no preposition before it.
    #[serde(default)]
    pub year_range_words: Vec<String>,
    /// Determiners that make a weekday followed by a capitalised word a
    /// name ("the Sunday Times").
    #[serde(default)]
    pub name_determiners: Vec<String>,
    /// Words and phrases marking future tense; an entry starting with an
    /// apostrophe matches the end of a word ("'ll").
    pub future_markers: Vec<String>,
    /// Words and phrases marking past tense.
    pub past_markers: Vec<String>,
    /// Endings that make a lowercase word of five letters or more a past
    /// marker ("ed").
    pub past_suffixes: Vec<String>,
    /// Words with such an ending that are not past forms ("proceed").
    #[serde(default)]
    pub past_exceptions: Vec<String>,
    /// Verbs of saying in the past: a past marker only right next to the
    /// date ("said on Thursday", "on Thursday said"), since further away
    /// they introduce a clause with its own tense ("said it is calling for
    /// the redemption on Dec. 7").
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Words that end the search for a tense marker ("that", "and"): a verb
    /// beyond them belongs to another clause.
    pub clause_breaks: Vec<String>,
    /// Words that join two dates of one clause ("on Thursday and Jordan on
    /// Friday"): the second, with no tense of its own, takes the first's.
    #[serde(default)]
    pub coordinators: Vec<String>,
    /// Words after which a past marker is a passive participle and says
    /// nothing about tense ("be" in "will be held").
    pub passive_auxiliaries: Vec<String>,
    /// Words after which a word ending in a past suffix is an adjective,
    /// not a verb ("the reduced dividend").
    #[serde(default)]
    pub adjective_determiners: Vec<String>,
    /// Words that put a future marker after them in the past ("had been
    /// due to expire Friday" is a Friday gone by).
    #[serde(default)]
    pub past_of_future: Vec<String>,
    /// Phrases starting with a tense marker that are no marker ("next to
    /// the embassy").
    #[serde(default)]
    pub marker_exceptions: Vec<String>,
    /// Words that may follow a verb in the past ("met on", "signed a"): a
    /// word with a past ending before any other lowercase word is taken for
    /// an adjective ("a still unspecified date").
    #[serde(default)]
    pub verb_followers: Vec<String>,
    /// Prepositions of a deadline that a past verb may move without saying
    /// when it falls ("extended to Nov. 20"); "by" is not one ("had cast
    /// ballots by Sunday").
    #[serde(default)]
    pub deadline_prepositions: Vec<String>,
    /// Words opening a range a few words before such a preposition: then it
    /// ends the range and the past verb holds ("bought from Sept. 14 to
    /// Thursday").
    #[serde(default)]
    pub range_starts: Vec<String>,
    /// Words of a clock time before a day ("a.m.", "EST"), with digits:
    /// past them lies the preposition of the day ("until 9 a.m. Tuesday").
    #[serde(default)]
    pub clock_words: Vec<String>,
    /// Examples checked by the tests.
    #[serde(default)]
    pub examples: Vec<DateExample>,
}

/// A month or a weekday: its full name and abbreviations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameEntry {
    /// The full, capitalised name ("September").
    pub name: String,
    /// Capitalised abbreviations ("Sept", "Sep"); a period may follow them.
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

/// Prepositions by the anchor they give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prepositions {
    /// Place the event at the date ("in", "on").
    pub at: Vec<String>,
    /// Start at the date ("since", "from").
    pub since: Vec<String>,
    /// End at the date ("until", "by").
    pub until: Vec<String>,
}

/// Modifiers of a unit or weekday, by direction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeWords {
    /// The current one ("this").
    pub this: Vec<String>,
    /// The previous one ("last").
    pub last: Vec<String>,
    /// The following one ("next").
    pub next: Vec<String>,
}

/// Unit words of relative expressions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    /// Words for a calendar month.
    pub month: Vec<String>,
    /// Words for a calendar year.
    pub year: Vec<String>,
    /// Words for a calendar week (Monday to Sunday, ISO 8601).
    pub week: Vec<String>,
}

/// One example from the rules file: a sentence and the dates found in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateExample {
    /// The sentence.
    pub text: String,
    /// The publication date (`YYYY-MM-DD`), if any.
    #[serde(default)]
    pub published: Option<String>,
    /// Every match in order: its text and its value (ISO, or "none").
    pub expect: Vec<[String; 2]>,
}

/// How a date anchors the claim it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// At the date ("on Friday", "in 2022", or no preposition).
    At,
    /// From the date on ("since 2021").
    Since,
    /// Up to the date ("until 2030", "by 2030").
    Until,
}

/// The surface form of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Written with calendar fields; `year` is `None` when it was left out
    /// or given relatively ("December 4", "September 1 this year").
    Absolute {
        /// The year as written.
        year: Option<i32>,
        /// The month, 1..=12.
        month: Option<u32>,
        /// The day of the month.
        day: Option<u32>,
    },
    /// Relative to publication ("yesterday", "last month", "this year").
    Relative,
    /// A weekday ("on Thursday", "last Friday").
    Weekday,
}

/// One date expression found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    /// Bytes within the sentence: the whole expression, including
    /// qualifiers and "this year", but not the leading preposition.
    pub span: Span,
    /// What the leading preposition made of it.
    pub anchor: Anchor,
    /// How it was written.
    pub form: Form,
    /// Its value, resolved against the publication date; `None` when that
    /// is needed and unknown.
    pub value: Option<PartialDate>,
    /// Both ends of a day range ("December 8-10"), whose `value` is the
    /// month that holds them.
    pub days: Option<(NaiveDate, NaiveDate)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy)]
enum What {
    /// Calendar fields as written; `rel_year` is a year offset from
    /// publication ("this year" = 0, "last year" = -1).
    Abs {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        rel_year: Option<i32>,
        /// First day of a day range, to pick the year of a yearless one.
        range_from: Option<u32>,
        /// Last day of a day range.
        range_to: Option<u32>,
    },
    /// Looks like a date but is not a real one ("31 February 2025"): it
    /// wins over the shorter candidates inside it, then yields nothing.
    Invalid,
    Rel {
        unit: Unit,
        offset: i32,
    },
    Day {
        offset: i64,
    },
    Weekday {
        weekday: u32,
        modifier: Option<i32>,
    },
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    span: Span,
    /// Where the expression starts with its preposition.
    outer: usize,
    anchor: Anchor,
    what: What,
    /// The date before it in the sentence, as `(span, outer)`, when only a
    /// few words joined by "and", "or" or a comma lie between: "will visit
    /// the West Bank on Thursday and Jordan on Friday" shares one tense.
    coordinated: Option<(Span, usize)>,
}

/// Which regex a candidate came from: the word matcher's kinds, one per
/// regex.
type Pattern = Kind;

/// The compiled date matcher; build it once per run.
#[derive(Debug, Clone)]
pub struct DateFinder {
    patterns: Vec<(Pattern, Regex)>,
    /// Which patterns can match a sentence ([`Gates`]).
    gates: Gates,
    /// The patterns that need an ASCII digit, as gate bits.
    with_digits: u64,
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    anchors: HashMap<String, Anchor>,
    modifiers: HashMap<String, i32>,
    units: HashMap<String, Unit>,
    relative_days: HashMap<String, i64>,
    bare_years: std::ops::RangeInclusive<i32>,
    year_followers: HashSet<String>,
    year_blockers: HashSet<String>,
    year_range_words: HashSet<String>,
    name_determiners: HashSet<String>,
    future: Phrases,
    future_endings: Vec<String>,
    past: Phrases,
    past_suffixes: Vec<String>,
    past_exceptions: HashSet<String>,
    speech_verbs: HashSet<String>,
    passive: HashSet<String>,
    clause_breaks: HashSet<String>,
    coordinators: HashSet<String>,
    adjective_determiners: HashSet<String>,
    past_of_future: HashSet<String>,
    marker_exceptions: Vec<Vec<String>>,
    verb_followers: HashSet<String>,
    deadline_prepositions: HashSet<String>,
    range_starts: HashSet<String>,
    clock_words: HashSet<String>,
    /// The patterns matched word by word on ASCII sentences, when the
    /// lists allow ([`DateWords`]).
    words: Option<DateWords>,
}

/// The groups of a match, from a regex or from [`DateWords`], read by name.
struct Captures<'a> {
    groups: Groups,
    s: &'a str,
}

/// One group of [`Captures`].
#[derive(Debug, Clone, Copy)]
struct Hit<'a> {
    start: usize,
    end: usize,
    s: &'a str,
}

impl<'a> Hit<'a> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'a str {
        &self.s[self.start..self.end]
    }
}

impl<'a> Captures<'a> {
    fn name(&self, name: &str) -> Option<Hit<'a>> {
        self.groups.name(name).map(|(start, end)| Hit { start, end, s: self.s })
    }

    fn get(&self, _whole: usize) -> Option<Hit<'a>> {
        Some(Hit { start: self.groups.all.0, end: self.groups.all.1, s: self.s })
    }
}

/// The groups of a regex match, by name.
fn groups_of(caps: &crate::pattern::Caps<'_>) -> Groups {
    let mut groups = Groups::default();
    if let Some(m) = caps.get(0) {
        groups.all = (m.start(), m.end());
    }
    for name in NAMES {
        if let Some(m) = caps.name(name) {
            groups.set(name, (m.start(), m.end()));
        }
    }
    groups
}

/// Splits a phrase list into word sequences, lowercased.
fn phrases(what: &str, list: &[String]) -> Result<Vec<Vec<String>>, String> {
    list.iter()
        .map(|p| {
            let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                Err(format!("rules/dates.toml: empty entry in {what}"))
            } else {
                Ok(words)
            }
        })
        .collect()
}

/// Marker phrases indexed by their first and by their last word, so that
/// the phrases that can start or end at a word are found by one lookup
/// instead of comparing every phrase.
#[derive(Debug, Clone, Default)]
struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>>,
    by_last: HashMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn new(list: Vec<Vec<String>>) -> Phrases {
        let mut index = Phrases::default();
        for p in list {
            let (Some(first), Some(last)) = (p.first(), p.last()) else { continue };
            index.by_first.entry(first.clone()).or_default().push(p.clone());
            index.by_last.entry(last.clone()).or_default().push(p);
        }
        index
    }

    /// The phrases that may end at (`ending`) or start at `word`.
    fn at(&self, word: &str, ending: bool) -> &[Vec<String>] {
        let map = if ending { &self.by_last } else { &self.by_first };
        map.get(word).map_or(&[], Vec::as_slice)
    }
}

fn check_name(what: &str, name: &str) -> Result<(), String> {
    let ok = name.chars().next().is_some_and(char::is_uppercase) && name.chars().all(char::is_alphabetic);
    if ok {
        Ok(())
    } else {
        Err(format!("rules/dates.toml: {what} name {name:?} must be one capitalised word"))
    }
}

/// Whether a day number can exist in `month` of some year.
fn day_exists(month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(2000, month, day).is_some()
}

/// Shifts a year and month by `offset` months.
fn shift_month(year: i32, month: u32, offset: i32) -> Option<PartialDate> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(offset);
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u32::try_from(total.rem_euclid(12) + 1).ok()?;
    PartialDate::month(y, m)
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Whether the text around `span` makes it a stand-alone expression rather
/// than part of a number, a numeric range ("2025-26", "December 4-5"), a
/// word or an amount. Ranges between month names ("August 31-September 1")
/// keep both ends.
fn clean_edges(s: &str, span: Span) -> bool {
    let text = span.of(s);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let mut before = s[..span.start].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = s[span.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    let bad_before = match b1 {
        Some(c) if c.is_alphanumeric() || "$£€¥₹#".contains(c) => true,
        Some(c) if "-.,:/".contains(c) => digit(b2) && digit(text.chars().next()),
        _ => false,
    };
    let bad_after = match a1 {
        Some(c) if c.is_alphanumeric() || c == '%' => true,
        Some(c) if "-.,:/".contains(c) => digit(a2) && digit(text.chars().next_back()),
        _ => false,
    };
    !bad_before && !bad_after
}

/// The word right after `tail` when a space separates them.
fn next_word(tail: &str) -> Option<String> {
    if !tail.starts_with(char::is_whitespace) {
        return None;
    }
    let w: String = tail.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    (!w.is_empty()).then_some(w)
}

/// Lowercased words of `s` (letters, digits and apostrophes) with whether
/// they were written in lowercase.
fn words(s: &str) -> Vec<(Cow<'_, str>, bool)> {
    words_at_end(s, false, usize::MAX)
}

/// The first (`from_end == false`) or last `n` [`words`] of `s`, in text
/// order; only those are lowercased.
fn words_at_end(s: &str, from_end: bool, n: usize) -> Vec<(Cow<'_, str>, bool)> {
    if s.is_ascii() {
        // The same words found byte by byte, which on ASCII text are its
        // chars: no decoding of UTF-8, backwards at that, and no iterator
        // adapters in the way.
        let b = s.as_bytes();
        let in_word = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
        // The word at `start..end` without its apostrophes around it.
        let trimmed = |mut start: usize, mut end: usize| {
            while start < end && b[start] == b'\'' {
                start += 1;
            }
            while end > start && b[end - 1] == b'\'' {
                end -= 1;
            }
            &s[start..end]
        };
        let mut out = Vec::with_capacity(n.min(16));
        if from_end {
            let mut i = b.len();
            while i > 0 && out.len() < n {
                while i > 0 && !in_word(b[i - 1]) {
                    i -= 1;
                }
                let end = i;
                while i > 0 && in_word(b[i - 1]) {
                    i -= 1;
                }
                let w = trimmed(i, end);
                if !w.is_empty() {
                    out.push(lower(w));
                }
            }
            out.reverse();
        } else {
            let mut i = 0;
            while i < b.len() && out.len() < n {
                while i < b.len() && !in_word(b[i]) {
                    i += 1;
                }
                let start = i;
                while i < b.len() && in_word(b[i]) {
                    i += 1;
                }
                let w = trimmed(start, i);
                if !w.is_empty() {
                    out.push(lower(w));
                }
            }
        }
        return out;
    }
    let raw =
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'')).map(|w| w.trim_matches('\'')).filter(|w| !w.is_empty());
    take_words(raw, from_end, n)
}

/// A word lowercased, and whether it was written in lowercase; lowercase
/// words are borrowed, not copied.
fn lower(w: &str) -> (Cow<'_, str>, bool) {
    let folded = if w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'\'') {
        Cow::Borrowed(w)
    } else if w.is_ascii() {
        // The same as `to_lowercase` on ASCII, without its Unicode tables.
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Owned(w.to_lowercase())
    };
    (folded, w.chars().next().is_some_and(char::is_lowercase))
}

/// The first or last `n` of `raw`, in text order, lowercased.
fn take_words<'a>(
    raw: impl DoubleEndedIterator<Item = &'a str>,
    from_end: bool,
    n: usize,
) -> Vec<(Cow<'a, str>, bool)> {
    if from_end {
        let mut out: Vec<(Cow<'_, str>, bool)> = raw.rev().take(n).map(lower).collect();
        out.reverse();
        out
    } else {
        raw.take(n).map(lower).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

impl DateFinder {
    /// Compiles the rules; the error names the bad entry.
    pub fn new(rules: &DateRules) -> Result<DateFinder, String> {
        if rules.months.len() != 12 {
            return Err(format!("rules/dates.toml: expected 12 months, found {}", rules.months.len()));
        }
        if rules.weekdays.len() != 7 {
            return Err(format!("rules/dates.toml: expected 7 weekdays, found {}", rules.weekdays.len()));
        }
        let mut months = HashMap::default();
        let mut month_full = Vec::new();
        let mut month_abbr = Vec::new();
        for (i, m) in rules.months.iter().enumerate() {
            check_name("month", &m.name)?;
            month_full.push(m.name.clone());
            for a in &m.abbreviations {
                check_name("month abbreviation", a)?;
                month_abbr.push(a.clone());
            }
            for n in std::iter::once(&m.name).chain(&m.abbreviations) {
                if months.insert(n.clone(), i as u32 + 1).is_some() {
                    return Err(format!("rules/dates.toml: month name {n:?} given twice"));
                }
            }
        }
        let mut weekdays = HashMap::default();
        let mut wd_full = Vec::new();
        let mut wd_abbr = Vec::new();
        for (i, w) in rules.weekdays.iter().enumerate() {
            check_name("weekday", &w.name)?;
            wd_full.push(w.name.clone());
            for a in &w.abbreviations {
                check_name("weekday abbreviation", a)?;
                wd_abbr.push(a.clone());
            }
            for n in std::iter::once(&w.name).chain(&w.abbreviations) {
                if months.contains_key(n) || weekdays.insert(n.clone(), i as u32).is_some() {
                    return Err(format!("rules/dates.toml: weekday name {n:?} given twice"));
                }
            }
        }
        let mut anchors = HashMap::default();
        for (list, anchor) in [
            (&rules.prepositions.at, Anchor::At),
            (&rules.prepositions.since, Anchor::Since),
            (&rules.prepositions.until, Anchor::Until),
        ] {
            for p in list {
                anchors.insert(norm(p), anchor);
            }
        }
        let mut modifiers = HashMap::default();
        for (list, offset) in [(&rules.relative.this, 0), (&rules.relative.last, -1), (&rules.relative.next, 1)] {
            for w in list {
                modifiers.insert(norm(w), offset);
            }
        }
        let mut units = HashMap::default();
        for (list, unit) in
            [(&rules.units.week, Unit::Week), (&rules.units.month, Unit::Month), (&rules.units.year, Unit::Year)]
        {
            for w in list {
                units.insert(norm(w), unit);
            }
        }
        let mut relative_days = HashMap::default();
        for (w, &offset) in &rules.relative_days {
            if !(-366..=366).contains(&offset) {
                return Err(format!("rules/dates.toml: relative_days.{w:?} = {offset} is out of range"));
            }
            relative_days.insert(norm(w), offset);
        }
        if rules.bare_year_min > rules.bare_year_max {
            return Err("rules/dates.toml: bare_year_min is above bare_year_max".to_string());
        }

        let preps = alternation(anchors.keys());
        let quals = alternation(&rules.qualifiers);
        let dets = alternation(&rules.year_determiners);
        let mods = alternation(modifiers.keys());
        let unit_words = alternation(units.keys());
        let year_units = alternation(&rules.units.year);
        let rel_days = alternation(rules.relative_days.keys());
        let day_parts = alternation(&rules.day_parts);
        let mon_full = alternation(&month_full);
        let wd_full_re = alternation(&wd_full);
        let wd_abbr_re = alternation(&wd_abbr);
        let wd_any = alternation(wd_full.iter().chain(&wd_abbr));

        let prep = format!(r"(?:\b(?P<prep>(?i:{preps}))\s+)?");
        let qual = format!(r"(?:\b(?P<qual>(?i:{quals}))(?:\s+|-))?");
        let wdp = format!(r"(?:\b{wd_any}\b\.?,?\s+)?");
        let mon_abbr_re = alternation(&month_abbr);
        let mon = format!(r"\b(?P<mon>{mon_full}\b|{mon_abbr_re}\b\.?)");
        let day = r"\b(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\b";
        let day_to = r"(?:-(?P<day_to>[0-9]{1,2})(?:st|nd|rd|th)?\b)?";
        let year = r"\b(?P<year>[0-9]{4})\b";
        let rel_year = format!(r"\s+(?:of\s+)?(?P<rel>(?i:{mods}))\s+(?i:{year_units})\b");
        let sources = [
            (Pattern::MonthDayYear, format!(r"{prep}(?P<e>{wdp}{mon}\s+{day}{day_to}(?:,?\s+{year}|{rel_year})?)")),
            (
                Pattern::DayMonthYear,
                format!(r"{prep}(?P<e>{wdp}{day}{day_to}\s+(?:of\s+)?{mon}(?:,?\s+{year}|{rel_year})?)"),
            ),
            (Pattern::MonthYear, format!(r"{prep}(?P<e>{qual}{mon}\s+(?:of\s+)?{year})")),
            (Pattern::MonthRelYear, format!(r"{prep}(?P<e>{qual}\b(?P<mon>{mon_full})\b{rel_year})")),
            (Pattern::MonthBare, format!(r"{prep}(?P<e>{qual}\b(?P<mon>{mon_full})\b)")),
            (Pattern::Iso, format!(r"{prep}(?P<e>\b(?P<year>[0-9]{{4}})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}})\b)")),
            (Pattern::BareYear, format!(r"{prep}(?:\b(?P<det>(?i:{dets}))\s+)?(?P<e>{qual}{year})")),
            (Pattern::RelUnit, format!(r"{prep}(?P<e>{qual}\b(?P<rel>(?i:{mods}))\s+(?P<unit>(?i:{unit_words}))\b)")),
            (Pattern::RelDay, format!(r"{prep}(?P<e>\b(?P<word>(?i:{rel_days}))\b(?:\s+(?i:{day_parts})\b)?)")),
            (
                Pattern::Weekday,
                format!(
                    r"{prep}(?P<e>(?:\b(?P<rel>(?i:{mods}))\s+)?\b(?P<wd>{wd_full_re})\b(?:\s+(?i:{day_parts})\b)?)"
                ),
            ),
            (Pattern::WeekdayAbbr, format!(r"{prep}(?P<e>(?:\b(?P<rel>(?i:{mods}))\s+)?\b(?P<wd>{wd_abbr_re})\.)")),
        ];
        // ASCII word boundaries keep every pattern on the fast DFA engines
        // (a Unicode \b makes them fall back on slower ones).
        let sources: Vec<(Pattern, String)> =
            sources.into_iter().map(|(p, src)| (p, src.replace(r"\b", r"(?-u:\b)"))).collect();
        // The same lists, for matching word by word on ASCII sentences.
        let words = DateWords::new(
            &[
                (list::PREP, anchors.keys().cloned().collect::<Vec<String>>()),
                (list::QUAL, rules.qualifiers.clone()),
                (list::DET, rules.year_determiners.clone()),
                (list::MOD, modifiers.keys().cloned().collect()),
                (list::UNIT, units.keys().cloned().collect()),
                (list::YUNIT, rules.units.year.clone()),
                (list::RELDAY, rules.relative_days.keys().cloned().collect()),
                (list::DPART, rules.day_parts.clone()),
            ],
            (&month_full, &month_abbr),
            (&wd_full, &wd_abbr),
        );
        let mut patterns = Vec::new();
        for (p, src) in &sources {
            let re = Regex::new(src).map_err(|e| format!("rules/dates.toml: cannot build the {p:?} pattern: {e}"))?;
            patterns.push((*p, re));
        }
        // One cheap pass over a sentence tells which patterns can match at
        // all; most sentences hold no date, and those that do, one or two
        // kinds. Each pattern needs one of its words (ASCII case aside), as
        // a whole word: a month name, a unit, a relative day, a weekday; or
        // a digit.
        let whole = |words: &[String]| words.iter().map(|w| Need::word(gate_word(w))).collect::<Vec<_>>();
        let digits: Vec<Need> = (0..10).map(|d| Need::anywhere(d.to_string())).collect();
        // An ISO date has a digit before a hyphen; a bare year is kept only
        // in its range, so it needs the first two digits of a year there.
        let iso: Vec<Need> = (0..10).map(|d| Need::anywhere(format!("{d}-"))).collect();
        let (lo, hi) = (rules.bare_year_min, rules.bare_year_max);
        let centuries: Vec<Need> = if 1000 <= lo && hi <= 9999 {
            (lo / 100..=hi / 100).map(|c| Need::anywhere(c.to_string())).collect()
        } else {
            digits.clone()
        };
        let months_any: Vec<String> = month_full.iter().chain(&month_abbr).cloned().collect();
        let unit_list: Vec<String> = units.keys().cloned().collect();
        let rel_day_words: Vec<String> = rules.relative_days.keys().cloned().collect();
        let needs: Vec<Vec<Need>> = sources
            .iter()
            .map(|(p, _)| match p {
                Pattern::MonthDayYear | Pattern::DayMonthYear | Pattern::MonthYear => whole(&months_any),
                Pattern::MonthRelYear | Pattern::MonthBare => whole(&month_full),
                Pattern::Iso => iso.clone(),
                Pattern::BareYear => centuries.clone(),
                Pattern::RelUnit => whole(&unit_list),
                Pattern::RelDay => whole(&rel_day_words),
                Pattern::Weekday => whole(&wd_full),
                Pattern::WeekdayAbbr => whole(&wd_abbr),
            })
            .collect();
        let with_digits = sources
            .iter()
            .enumerate()
            .filter(|(_, (p, _))| {
                matches!(
                    p,
                    Pattern::MonthDayYear
                        | Pattern::DayMonthYear
                        | Pattern::MonthYear
                        | Pattern::Iso
                        | Pattern::BareYear
                )
            })
            .fold(0u64, |m, (i, _)| m | 1 << i);
        // On other text, the same words anywhere (what a match needs there).
        let anywhere: Vec<Vec<String>> = needs.iter().map(|n| n.iter().map(|n| n.word.clone()).collect()).collect();
        let gates = Gates::split(&needs, &anywhere).map_err(|e| format!("rules/dates.toml: {e}"))?;

        let mut future = Vec::new();
        let mut future_endings = Vec::new();
        for p in phrases("future_markers", &rules.future_markers)? {
            match p.as_slice() {
                [one] if one.starts_with('\'') => future_endings.push(one.clone()),
                _ => future.push(p),
            }
        }
        Ok(DateFinder {
            patterns,
            gates,
            with_digits,
            months,
            weekdays,
            anchors,
            modifiers,
            units,
            relative_days,
            bare_years: rules.bare_year_min..=rules.bare_year_max,
            year_followers: rules.year_followers.iter().map(|w| norm(w)).collect(),
            year_blockers: rules.year_blockers.iter().map(|w| norm(w)).collect(),
            year_range_words: rules.year_range_words.iter().map(|w| norm(w)).collect(),
            name_determiners: rules.name_determiners.iter().map(|w| norm(w)).collect(),
            future: Phrases::new(future),
            future_endings,
            past: Phrases::new(phrases("past_markers", &rules.past_markers)?),
            past_suffixes: rules.past_suffixes.iter().map(|s| norm(s)).collect(),
            past_exceptions: rules.past_exceptions.iter().map(|s| norm(s)).collect(),
            speech_verbs: rules.speech_verbs.iter().map(|s| norm(s)).collect(),
            passive: rules.passive_auxiliaries.iter().map(|s| norm(s)).collect(),
            clause_breaks: rules.clause_breaks.iter().map(|s| norm(s)).collect(),
            coordinators: rules.coordinators.iter().map(|s| norm(s)).collect(),
            adjective_determiners: rules.adjective_determiners.iter().map(|s| norm(s)).collect(),
            past_of_future: rules.past_of_future.iter().map(|s| norm(s)).collect(),
            marker_exceptions: phrases("marker_exceptions", &rules.marker_exceptions)?,
            verb_followers: rules.verb_followers.iter().map(|s| norm(s)).collect(),
            deadline_prepositions: rules.deadline_prepositions.iter().map(|s| norm(s)).collect(),
            range_starts: rules.range_starts.iter().map(|s| norm(s)).collect(),
            clock_words: rules.clock_words.iter().map(|s| norm(s)).collect(),
            words,
        })
    }

    /// Finds every date expression in `sentence`, in order, resolving each
    /// against `published`. Never panics; spans are on char boundaries.
    pub fn find(&self, sentence: &str, published: Option<NaiveDate>) -> Vec<DateMatch> {
        self.find_open(sentence, self.open(sentence), published)
    }

    /// Every pattern's matches in `sentence`, gates aside, from the regexes
    /// or (`by_words`) from [`DateWords`] (`None` where it does not apply).
    #[cfg(test)]
    fn raw_matches(&self, sentence: &str, by_words: bool) -> Option<Vec<Vec<Groups>>> {
        let mut out = Vec::new();
        for (pattern, re) in &self.patterns {
            let mut found = Vec::new();
            if by_words {
                let words = self.words.as_ref()?;
                words.each(*pattern, &words.scan(sentence)?, |g| found.push(*g));
            } else {
                found.extend(re.captures_iter(sentence).map(|c| groups_of(&c)));
            }
            out.push(found);
        }
        Some(out)
    }

    /// Which patterns can match `sentence` (bit `i` for pattern `i`).
    pub fn open(&self, sentence: &str) -> u64 {
        // The case-insensitive words also match the Kelvin sign and the long
        // s ("weeK", "thiſ"), which the ASCII gates do not see: such rare
        // sentences try every pattern.
        if sentence.contains(['\u{212A}', '\u{17F}']) {
            u64::MAX
        } else {
            self.gates.open(sentence)
        }
    }

    /// The gates [`DateFinder::open`] reads on an ASCII sentence, to be read
    /// in one pass with other gates ([`crate::pattern::Joined`]).
    pub fn gates(&self) -> &Gates {
        &self.gates
    }

    /// [`DateFinder::find`] for a sentence already gated: `open` is what
    /// [`DateFinder::open`] gives for it.
    pub fn find_open(&self, sentence: &str, mut open: u64, published: Option<NaiveDate>) -> Vec<DateMatch> {
        let mut cands = Vec::new();
        // The patterns with a day or a year also need a digit.
        if open & self.with_digits != 0 && !sentence.bytes().any(|c| c.is_ascii_digit()) {
            open &= !self.with_digits;
        }
        if open == 0 {
            return Vec::new();
        }
        let open_patterns = self.patterns.iter().enumerate().filter(|(i, _)| open & (1 << i) != 0);
        match self.words.as_ref().and_then(|w| Some((w, w.scan(sentence)?))) {
            // An ASCII sentence: the patterns matched word by word.
            Some((words, scan)) => {
                for (_, (pattern, _)) in open_patterns {
                    words.each(*pattern, &scan, |groups| {
                        let caps = Captures { groups: *groups, s: sentence };
                        if let Some(c) = self.candidate(*pattern, &caps, sentence) {
                            cands.push(c);
                        }
                    });
                }
            }
            None => {
                for (_, (pattern, re)) in open_patterns {
                    for caps in re.captures_iter(sentence) {
                        let caps = Captures { groups: groups_of(&caps), s: sentence };
                        if let Some(c) = self.candidate(*pattern, &caps, sentence) {
                            cands.push(c);
                        }
                    }
                }
            }
        }
        // Longest leftmost: by start, then longest first; keep what does not
        // overlap an earlier keeper.
        cands.sort_by(|a, b| a.span.start.cmp(&b.span.start).then_with(|| b.span.len().cmp(&a.span.len())));
        let mut kept: Vec<Cand> = Vec::new();
        for c in cands {
            if !kept.last().is_some_and(|k| k.span.overlaps(&c.span)) {
                kept.push(c);
            }
        }
        for i in 1..kept.len() {
            let (prev, c) = (&kept[i - 1], &kept[i]);
            let between = sentence.get(prev.span.end..c.span.start).unwrap_or("");
            let few = between.split_whitespace().count() <= COORDINATED_WORDS;
            if few
                && (between.contains(',') || words(between).iter().any(|(w, _)| self.coordinators.contains(w.as_ref())))
            {
                let coordinated = Some((prev.span, prev.outer));
                kept[i].coordinated = coordinated;
            }
        }
        kept.iter().filter_map(|c| self.resolve(c, sentence, published)).collect()
    }

    /// Turns one regex match into a candidate, or `None` when its context
    /// shows it is not a date.
    fn candidate(&self, pattern: Pattern, caps: &Captures<'_>, s: &str) -> Option<Cand> {
        let e = caps.name("e")?;
        let span = Span::new(e.start(), e.end());
        if span.is_empty() || !clean_edges(s, span) {
            return None;
        }
        let prep = caps.name("prep");
        let anchor = prep.and_then(|p| self.anchors.get(&norm(p.as_str())).copied()).unwrap_or(Anchor::At);
        let licensed = prep.is_some() || caps.name("qual").is_some();
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = caps.name("mon").and_then(|m| self.months.get(m.as_str().trim_end_matches('.')).copied());
        let modifier = caps.name("rel").and_then(|m| self.modifiers.get(&norm(m.as_str())).copied());
        let what = match pattern {
            Pattern::MonthDayYear | Pattern::DayMonthYear | Pattern::MonthYear | Pattern::Iso => {
                let month = match pattern {
                    Pattern::Iso => num("month")?,
                    _ => month?,
                };
                let day = match pattern {
                    Pattern::MonthYear => None,
                    _ => Some(num("day")?),
                };
                let year = match caps.name("year") {
                    Some(y) => Some(y.as_str().parse::<i32>().ok()?),
                    None => None,
                };
                let rel_year = if caps.name("rel").is_some() { Some(modifier?) } else { None };
                let valid = (1..=12).contains(&month)
                    && !matches!(year, Some(y) if !EXPLICIT_YEARS.contains(&y))
                    && match (year, day) {
                        (Some(y), Some(d)) => NaiveDate::from_ymd_opt(y, month, d).is_some(),
                        (None, Some(d)) => day_exists(month, d),
                        (_, None) => true,
                    };
                // A day range ("December 4-5") is matched whole and kept at
                // month precision, which holds both ends.
                let (day, range_from, range_to, valid) = match (day, num("day_to")) {
                    (Some(d), Some(to)) => (None, Some(d), Some(to), valid && to > d && day_exists(month, to)),
                    _ => (day, None, None, valid),
                };
                if valid {
                    What::Abs { year, month: Some(month), day, rel_year, range_from, range_to }
                } else {
                    What::Invalid
                }
            }
            Pattern::MonthRelYear => What::Abs {
                year: None,
                month: Some(month?),
                day: None,
                rel_year: Some(modifier?),
                range_from: None,
                range_to: None,
            },
            Pattern::MonthBare => {
                if !licensed {
                    return None;
                }
                What::Abs {
                    year: None,
                    month: Some(month?),
                    day: None,
                    rel_year: None,
                    range_from: None,
                    range_to: None,
                }
            }
            Pattern::BareYear => {
                let year = caps.name("year")?.as_str().parse::<i32>().ok()?;
                let tail = &s[span.end..];
                let ok = if caps.name("det").is_some() {
                    self.year_attribute_ok(tail)
                } else {
                    (licensed || self.year_range_follows(tail)) && self.year_follower_ok(tail)
                };
                if !ok || !self.bare_years.contains(&year) {
                    return None;
                }
                What::Abs { year: Some(year), month: None, day: None, rel_year: None, range_from: None, range_to: None }
            }
            Pattern::RelUnit => {
                What::Rel { unit: *self.units.get(&norm(caps.name("unit")?.as_str()))?, offset: modifier? }
            }
            Pattern::RelDay => {
                let word = caps.name("word")?;
                let capitalised = word.as_str().chars().next().is_some_and(char::is_uppercase);
                let after_word = s[..word.start()].trim_end().chars().next_back().is_some_and(char::is_alphanumeric);
                if capitalised && after_word {
                    // "USA Today": a name, not a date.
                    return None;
                }
                What::Day { offset: *self.relative_days.get(&norm(word.as_str()))? }
            }
            Pattern::Weekday | Pattern::WeekdayAbbr => {
                if pattern == Pattern::WeekdayAbbr && prep.is_none() && caps.name("rel").is_none() {
                    return None;
                }
                let weekday = *self.weekdays.get(caps.name("wd")?.as_str())?;
                if caps.name("rel").is_some() && modifier.is_none() {
                    return None;
                }
                // "the Sunday Times", "the Monday Night Football": a name.
                let capital_next = || {
                    s[span.end..].strip_prefix(' ').is_some_and(|t| {
                        t.starts_with(char::is_uppercase)
                            && !self.months.contains_key(next_word(&s[span.end..]).unwrap_or_default().as_str())
                    })
                };
                let after_the = || {
                    s[..span.start]
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| self.name_determiners.contains(&norm(w)))
                };
                if prep.is_none() && caps.name("rel").is_none() && capital_next() && after_the() {
                    return None;
                }
                What::Weekday { weekday, modifier }
            }
        };
        let outer = caps.get(0).map_or(span.start, |m| m.start());
        Some(Cand { span, outer, anchor, what, coordinated: None })
    }

    /// Whether the text after a bare year lets it be a year: the next word,
    /// when it is a lowercase word, must be a listed follower.
    fn year_follower_ok(&self, tail: &str) -> bool {
        match next_word(tail) {
            Some(w) if w.starts_with(char::is_lowercase) => self.year_followers.contains(&w),
            _ => true,
        }
    }

    /// Whether a bare year opens a range of years ("the period 2001 to
    /// 2010"): a word of `year_range_words` and another year in range follow.
    fn year_range_follows(&self, tail: &str) -> bool {
        let Some(w) = next_word(tail) else { return false };
        if !self.year_range_words.contains(&w.to_lowercase()) {
            return false;
        }
        let rest = tail.trim_start()[w.len()..].trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.len() == 4
            && digits.parse::<i32>().is_ok_and(|y| self.bare_years.contains(&y))
            && self.year_follower_ok(&rest[4..])
    }

    /// Whether the text after a bare year that follows a determiner lets it
    /// be a year: a word must follow, and not a blocker ("troops").
    fn year_attribute_ok(&self, tail: &str) -> bool {
        next_word(tail).is_some_and(|w| !self.year_blockers.contains(&w.to_lowercase()))
    }

    /// Builds the match for a kept candidate, resolving its value.
    fn resolve(&self, c: &Cand, s: &str, published: Option<NaiveDate>) -> Option<DateMatch> {
        let (form, value) = match c.what {
            What::Invalid => return None,
            What::Abs { year, month, day, rel_year, range_from, .. } => {
                let form = Form::Absolute { year, month, day };
                let year = match (year, rel_year) {
                    (Some(y), _) => Some(y),
                    (None, Some(r)) => published.map(|p| p.year() + r),
                    (None, None) => None,
                };
                let value = match (year, month, day) {
                    (Some(y), Some(m), Some(d)) => PartialDate::day(y, m, d),
                    (Some(y), Some(m), None) => PartialDate::month(y, m),
                    (Some(y), None, _) => Some(PartialDate::year(y)),
                    (None, Some(m), Some(d)) => published.and_then(|p| self.day_without_year(s, c, p, m, d)),
                    (None, Some(m), None) if range_from.is_some() => published.and_then(|p| {
                        let first = self.day_without_year(s, c, p, m, range_from?)?;
                        PartialDate::month(first.year, m)
                    }),
                    (None, Some(m), None) => published.and_then(|p| {
                        // The nearest such month; the tense moves it only
                        // when it lies more than MONTH_OVERRIDE months on the
                        // wrong side ("in January" in a November report is
                        // the coming January unless clearly past).
                        let diff = i64::from(m) - i64::from(p.month());
                        let diff = if diff > 6 {
                            diff - 12
                        } else if diff < -6 {
                            diff + 12
                        } else {
                            diff
                        };
                        // The tense moves nothing when the month is this one.
                        let tense = if diff == 0 && MONTH_OVERRIDE >= 0 { None } else { self.tense(s, c) };
                        let diff = match tense {
                            Some(Tense::Past) if diff > MONTH_OVERRIDE => diff - 12,
                            Some(Tense::Future) if diff < -MONTH_OVERRIDE => diff + 12,
                            // No tense to go by: news tells of months gone
                            // by, unless the month is close ahead or looked
                            // forward to ("until March").
                            None if diff > UNTENSED_MONTHS_AHEAD && c.anchor != Anchor::Until => diff - 12,
                            _ => diff,
                        };
                        let index = i64::from(p.year()) * 12 + i64::from(p.month()) - 1 + diff;
                        PartialDate::month(i32::try_from(index.div_euclid(12)).ok()?, (index.rem_euclid(12) + 1) as u32)
                    }),
                    (None, None, _) => None,
                };
                (form, value)
            }
            What::Rel { unit, offset } => {
                let value = published.and_then(|p| match unit {
                    Unit::Week => add_days(p, 7 * i64::from(offset)).map(PartialDate::week_of),
                    Unit::Month => shift_month(p.year(), p.month(), offset),
                    Unit::Year => Some(PartialDate::year(p.year() + offset)),
                });
                (Form::Relative, value)
            }
            What::Day { offset } => {
                let value = published.and_then(|p| add_days(p, offset)).map(PartialDate::from);
                (Form::Relative, value)
            }
            What::Weekday { weekday, modifier } => {
                let value = published.and_then(|p| {
                    let today = i64::from(p.weekday().num_days_from_monday());
                    let w = i64::from(weekday);
                    let offset = match modifier {
                        Some(-1) => -((today - w + 6).rem_euclid(7) + 1),
                        Some(0) => w - today,
                        Some(_) => (w - today + 6).rem_euclid(7) + 1,
                        // "Wednesday's ruling" names a day already passed;
                        // a future on the publication's own weekday is that day.
                        None => {
                            let possessive = s[c.span.end..].starts_with("'s");
                            let future = (w - today).rem_euclid(7);
                            let past = -(today - w).rem_euclid(7);
                            // The tense only picks between two different days.
                            let tense = if possessive || future == past { None } else { self.tense(s, c) };
                            match tense {
                                _ if possessive => past,
                                Some(Tense::Future) => future,
                                Some(Tense::Past) => past,
                                // No tense to go by: "until Saturday" looks
                                // ahead, and so does "on Friday" in a
                                // Thursday report; otherwise news tells of
                                // days gone by ("up from 886 million shares
                                // Thursday" in a Monday report).
                                None if c.anchor == Anchor::Until => future,
                                None if future == 1 => future,
                                None => past,
                            }
                        }
                    };
                    add_days(p, offset)
                });
                (Form::Weekday, value.map(PartialDate::from))
            }
        };
        // A day range keeps both ends, in the year its month resolved to.
        let days = match c.what {
            What::Abs { month: Some(m), range_from: Some(from), range_to: Some(to), .. } => value.and_then(|v| {
                Some((NaiveDate::from_ymd_opt(v.year, m, from)?, NaiveDate::from_ymd_opt(v.year, m, to)?))
            }),
            What::Abs { day: Some(_), range_to: None, .. } => value.and_then(|v| self.days_to(c, s, v)),
            _ => None,
        };
        // "from Feb. 5 to 7" is both ends, not a start.
        let anchor = match (c.what, days) {
            (What::Abs { range_to: None, .. }, Some(_)) => Anchor::At,
            _ => c.anchor,
        };
        Some(DateMatch { span: c.span, anchor, form, value, days })
    }

    /// A day range written with a word, opened by a word of `range_starts`
    /// just before the date: "from Feb. 5 to 7", "between March 3 and 5" (a
    /// later day of the same month right after "to", "through", "until" or
    /// "and"); not "rose on March 3 to 7%" nor "from Feb. 5 to 7 p.m.".
    fn days_to(&self, c: &Cand, s: &str, value: PartialDate) -> Option<(NaiveDate, NaiveDate)> {
        let (month, first) = (value.month?, value.day?);
        // The word after the date first: most dates have none of these.
        let tail = s.get(c.span.end..)?;
        let rest = tail.trim_start();
        let word = rest.split_whitespace().next()?;
        let joins = ["to", "through", "until", "till", "and"].iter().any(|j| word.eq_ignore_ascii_case(j));
        if !joins || rest.len() == tail.len() {
            return None;
        }
        let opened = s[..c.span.start.min(s.len())]
            .split_whitespace()
            .rev()
            .take(2)
            .any(|w| self.range_starts.contains(&w.to_lowercase()));
        if !opened {
            return None;
        }
        let rest = rest[word.len()..].trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let last: u32 = rest.get(..digits).filter(|d| (1..=2).contains(&d.len()))?.parse().ok()?;
        let after = &rest[digits..];
        let after = ["st", "nd", "rd", "th"].iter().find_map(|o| after.strip_prefix(o)).unwrap_or(after);
        // The number ends there: no unit, hour or decimal after it.
        let next = after.chars().next();
        if next.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '%' | ':' | '$'))
            || after.starts_with(['.', ','].as_slice()) && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
            || next_word(after).is_some_and(|w| {
                let lower = w.to_lowercase();
                self.months.contains_key(&w)
                    || self.clock_words.contains(&lower)
                    || matches!(lower.as_str(), "percent" | "per" | "pm" | "am")
            })
        {
            return None;
        }
        let end = NaiveDate::from_ymd_opt(value.year, month, last)?;
        (last > first).then(|| NaiveDate::from_ymd_opt(value.year, month, first)).flatten().map(|start| (start, end))
    }

    /// The year of a month and day written without one: the occurrence
    /// nearest to publication, unless the tense of the clause disagrees
    /// ("went on strike on 3 March" in December is the March before, not
    /// the one after).
    fn day_without_year(&self, s: &str, c: &Cand, published: NaiveDate, month: u32, day: u32) -> Option<PartialDate> {
        let y = published.year();
        // Four years either side, so that February 29 always has one.
        let dates: Vec<NaiveDate> = (y - 4..=y + 4).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).collect();
        let nearest = *dates.iter().min_by_key(|d| (**d - published).num_days().abs())?;
        let gap = (nearest - published).num_days();
        // Within TENSE_OVERRIDE_DAYS (and UNTENSED_DAYS_AHEAD) the nearest
        // is kept whatever the tense: no need to look for it.
        let moves = gap.abs() > TENSE_OVERRIDE_DAYS || gap > UNTENSED_DAYS_AHEAD;
        let tense = if moves { self.tense(s, c) } else { None };
        let date = match tense {
            Some(Tense::Past) if gap > TENSE_OVERRIDE_DAYS => dates.iter().rev().find(|d| **d <= published).copied(),
            Some(Tense::Future) if gap < -TENSE_OVERRIDE_DAYS => dates.iter().find(|d| **d > published).copied(),
            // No tense: the past one unless close ahead or looked forward to.
            None if gap > UNTENSED_DAYS_AHEAD && c.anchor != Anchor::Until => {
                dates.iter().rev().find(|d| **d <= published).copied()
            }
            _ => Some(nearest),
        };
        date.map(PartialDate::from)
    }

    /// The tense of the clause around a candidate: the nearest marker
    /// before it, else the nearest after it; `None` when there is none.
    ///
    /// The search stops at a `;` and at a clause break word ("that", "and",
    /// "who"...) on either side, and after the date at a comma unless the
    /// date opens its clause ("On Friday, Modi will ..."): in "who arrived
    /// on Tuesday, will visit" the "will" is not about Tuesday.
    fn tense(&self, s: &str, c: &Cand) -> Option<Tense> {
        let tense = self.clause_tense(s, c).or_else(|| {
            let (span, outer) = c.coordinated?;
            self.tense(s, &Cand { span, outer, anchor: Anchor::At, what: What::Invalid, coordinated: None })
        });
        // "extended to Nov. 20", "postponed until Friday": a past verb says
        // nothing about when the deadline falls.
        let preposition = words(&s[c.outer..c.span.start]);
        // "bought from Sept. 14 to Thursday": the end of a range, not a
        // deadline.
        let range_end = || self.range_end(s, c);
        // "extended its deadline until 9 a.m. EST Tuesday": a clock time
        // stands between the preposition and the day.
        let after_clock =
            || {
                // The word right before the day first, without copying words.
                let last = s[..c.span.start].rsplit(|ch: char| !ch.is_alphanumeric()).find(|w| !w.is_empty());
                if !last.is_some_and(|w| {
                    w.bytes().all(|b| b.is_ascii_digit()) || self.clock_words.iter().any(|c| c.eq_ignore_ascii_case(w))
                }) {
                    return false;
                }
                let before = words_at_end(&s[..c.span.start], true, CLOCK_WORDS);
                let mut rest = before.iter().rev().skip_while(|(w, _)| {
                    w.bytes().all(|b| b.is_ascii_digit()) || self.clock_words.contains(w.as_ref())
                });
                before.last().is_some_and(|(w, _)| {
                    w.bytes().all(|b| b.is_ascii_digit()) || self.clock_words.contains(w.as_ref())
                }) && rest.next().is_some_and(|(w, _)| self.deadline_prepositions.contains(w.as_ref()))
            };
        // A day after "until 9 a.m." looks ahead as "until Tuesday" does.
        if tense != Some(Tense::Future) && preposition.is_empty() && after_clock() && !range_end() {
            return Some(Tense::Future);
        }
        if tense == Some(Tense::Past)
            && preposition.last().is_some_and(|(w, _)| self.deadline_prepositions.contains(w.as_ref()))
            && !range_end()
        {
            return None;
        }
        tense
    }

    /// Whether the preposition before a candidate ends a range opened a few
    /// words before ("from Sept. 14 to Thursday").
    fn range_end(&self, s: &str, c: &Cand) -> bool {
        let before = words_at_end(&s[..c.outer], true, RANGE_WORDS);
        before.iter().any(|(w, _)| self.range_starts.contains(w.as_ref()))
    }

    fn clause_tense(&self, s: &str, c: &Cand) -> Option<Tense> {
        let head = s[..c.span.start].rsplit(';').next().unwrap_or("");
        let mut tail = s[c.span.end..].split(';').next().unwrap_or("");
        let opens_clause = !s[..c.outer].rsplit(';').next().unwrap_or("").chars().any(char::is_alphanumeric);
        if !opens_clause {
            tail = tail.split(',').next().unwrap_or("");
        }
        // Enough words for the search and for the phrases around its ends.
        let before = words_at_end(head, true, TENSE_WORDS_BEFORE + 6);
        let after = words_at_end(tail, false, TENSE_WORDS_AFTER + 6);
        let next_to = before.iter().rev().take(2).chain(after.iter().take(2));
        if next_to.into_iter().any(|(w, _)| self.speech_verbs.contains(w.as_ref())) {
            return Some(Tense::Past);
        }
        // The verb before a date usually governs it ("freed by kidnappers
        // on Saturday are expected to land"): look there first, then after
        // it ("Singh on Thursday said").
        for i in (0..before.len()).rev().take(TENSE_WORDS_BEFORE) {
            if self.clause_breaks.contains(before[i].0.as_ref()) {
                break;
            }
            if let Some(t) = self.tense_at(&before, i, true) {
                return Some(t);
            }
        }
        for d in 0..after.len().min(TENSE_WORDS_AFTER) {
            if self.clause_breaks.contains(after[d].0.as_ref()) {
                break;
            }
            if let Some(t) = self.tense_at(&after, d, false) {
                return Some(t);
            }
        }
        None
    }

    /// The tense a marker at word `i` gives: a phrase ending there (`ending`)
    /// or starting there.
    fn tense_at(&self, words: &[(Cow<'_, str>, bool)], i: usize, ending: bool) -> Option<Tense> {
        let at = |phrase: &[String]| {
            let k = phrase.len();
            let start = if ending {
                match (i + 1).checked_sub(k) {
                    Some(s) => s,
                    None => return false,
                }
            } else {
                i
            };
            words.get(start..start + k).is_some_and(|ws| ws.iter().zip(phrase).all(|((w, _), p)| w == p))
        };
        // "next to the embassy": a place, not a time to come.
        let starts = |phrase: &[String]| {
            words.get(i..i + phrase.len()).is_some_and(|ws| ws.iter().zip(phrase).all(|((w, _), p)| w == p))
        };
        if self.marker_exceptions.iter().any(|p| starts(p)) {
            return None;
        }
        let (word, lower) = &words[i];
        if let Some(k) = self.future.at(word, ending).iter().filter(|p| at(p)).map(Vec::len).max() {
            // "had been due to expire": a future seen from the past.
            let start = if ending { (i + 1).saturating_sub(k) } else { i };
            let earlier = &words[start.saturating_sub(3)..start];
            return Some(if earlier.iter().any(|(w, _)| self.past_of_future.contains(w.as_ref())) {
                Tense::Past
            } else {
                Tense::Future
            });
        }
        if self.future_endings.iter().any(|e| word.ends_with(e.as_str())) {
            return Some(Tense::Future);
        }
        let before = i.checked_sub(1).and_then(|j| words.get(j)).map(|(w, _)| w);
        if before.is_some_and(|w| self.passive.contains(w.as_ref())) {
            return None;
        }
        if self.past.at(word, ending).iter().any(|p| at(p)) {
            return Some(Tense::Past);
        }
        let by_suffix = *lower
            && !before.is_some_and(|w| self.adjective_determiners.contains(w.as_ref()))
            && !words.get(i + 1).is_some_and(|(w, lower)| {
                *lower && w.chars().all(char::is_alphabetic) && !self.verb_followers.contains(w.as_ref())
            })
            && word.chars().count() >= 5
            && word.chars().all(char::is_alphabetic)
            && !self.past_exceptions.contains(word.as_ref())
            && self.past_suffixes.iter().any(|suf| word.ends_with(suf.as_str()));
        by_suffix.then_some(Tense::Past)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_iso_day;

    fn finder() -> DateFinder {
        let rules: DateRules = toml::from_str(include_str!("../../rules/dates.toml")).expect("rules/dates.toml parses");
        DateFinder::new(&rules).unwrap()
    }

    fn pub_date() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2025, 12, 4)
    }

    /// `(text, value)` of each match, value as ISO or "none".
    fn found(f: &DateFinder, s: &str, published: Option<NaiveDate>) -> Vec<(String, String)> {
        f.find(s, published)
            .iter()
            .map(|m| (m.span.of(s).to_string(), m.value.map_or("none".to_string(), |v| v.to_string())))
            .collect()
    }

    fn one(s: &str) -> (String, String) {
        let got = found(&finder(), s, pub_date());
        assert_eq!(got.len(), 1, "{s:?} gave {got:?}");
        got[0].clone()
    }

    fn check(s: &str, text: &str, value: &str) {
        assert_eq!(one(s), (text.to_string(), value.to_string()), "in {s:?}");
    }

    #[test]
    fn a_range_written_with_a_word_keeps_both_days() {
        let f = finder();
        let days =
            |s: &str| f.find(s, pub_date()).first().and_then(|m| m.days.map(|(a, b)| (a.to_string(), b.to_string())));
        let range = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            days("He is to visit Australia from Feb. 5 to 7, officials said."),
            range("2026-02-05", "2026-02-07")
        );
        assert_eq!(days("Talks will run from December 8 through 10."), range("2025-12-08", "2025-12-10"));
        assert_eq!(days("The fair runs between March 3 and 5 in Lyon."), range("2026-03-03", "2026-03-05"));
        let m = &f.find("He is to visit Australia from Feb. 5 to 7.", pub_date())[0];
        assert_eq!(m.anchor, Anchor::At);
        // Not a range: no opening word, a later hour, a percentage, an
        // earlier day, another month's day.
        assert_eq!(days("Prices rose on March 3 to 7% in the capital."), None);
        assert_eq!(days("It is open from Feb. 5 to 7 p.m. every day."), None);
        assert_eq!(days("It is open from Feb. 5 to 7pm every day."), None);
        assert_eq!(days("The rate went from March 3 to 7.5 percent."), None);
        assert_eq!(days("The show runs from Feb. 15 to 7 venues."), None);
        assert_eq!(days("He will stay from Feb. 5 to 3 March."), None);
        assert_eq!(days("He will stay from Feb. 5 to 10 March."), None);
        assert_eq!(days("He is to visit Australia on Feb. 5 to sign a deal."), None);
    }

    #[test]
    fn rules_file_examples() {
        let rules: DateRules = toml::from_str(include_str!("../../rules/dates.toml")).expect("rules/dates.toml parses");
        assert!(!rules.examples.is_empty());
        let f = DateFinder::new(&rules).unwrap();
        for ex in &rules.examples {
            let published = ex.published.as_deref().map(|p| parse_iso_day(p).unwrap());
            let want: Vec<(String, String)> = ex.expect.iter().map(|[a, b]| (a.clone(), b.clone())).collect();
            assert_eq!(found(&f, &ex.text, published), want, "example {:?}", ex.text);
        }
    }

    #[test]
    fn absolute_forms() {
        check("met on September 1, 2025 in Tianjin", "September 1, 2025", "2025-09-01");
        check("met on Sept. 1, 2025.", "Sept. 1, 2025", "2025-09-01");
        check("Dec 4, 2025", "Dec 4, 2025", "2025-12-04");
        check("held on 4 December 2025", "4 December 2025", "2025-12-04");
        check("held on 4th of December", "4th of December", "2025-12-04");
        check("held on December 4", "December 4", "2025-12-04");
        check("talks on Jan. 10", "Jan. 10", "2026-01-10");
        check("held on Jan. 10", "Jan. 10", "2025-01-10");
        check("held on June 10", "June 10", "2025-06-10");
        check("It happened in June 2025.", "June 2025", "2025-06");
        check("It happened in Jun 2025.", "Jun 2025", "2025-06");
        check("It happened in 2022.", "2022", "2022");
        check("report dated 2025-12-04.", "2025-12-04", "2025-12-04");
        check("met on September 1 this year", "September 1 this year", "2025-09-01");
        check("met on September 1 last year", "September 1 last year", "2024-09-01");
        check("June this year", "June this year", "2025-06");
        check("in June last year", "June last year", "2024-06");
        check("in June", "June", "2025-06");
        check("in December", "December", "2025-12");
        check("in mid-June", "mid-June", "2025-06");
        check("by the end of 2025", "the end of 2025", "2025");
        check("Both leaders met in 2025.", "2025", "2025");
        check("Turnout fell from 44% in the 2019 local elections.", "2019", "2019");
        check("A 2012 fire killed 110 workers.", "2012", "2012");
        check("the 2008 financial crisis", "2008", "2008");
        check("Thursday, December 4, 2025", "Thursday, December 4, 2025", "2025-12-04");
        check("Thu., Dec. 4, 2025", "Thu., Dec. 4, 2025", "2025-12-04");
        check("on February 29, 2024", "February 29, 2024", "2024-02-29");
        let f = finder();
        assert_eq!(
            found(&f, "held on August 31-September 1 this year", pub_date()),
            [
                ("August 31".to_string(), "2025-08-31".to_string()),
                ("September 1 this year".to_string(), "2025-09-01".to_string())
            ]
        );
        // Day ranges are kept whole, at month precision.
        check("held on December 4-5", "December 4-5", "2025-12");
        check("held on 4-5 December 2025", "4-5 December 2025", "2025-12");
        check("held on December 4-5, 2024", "December 4-5, 2024", "2024-12");
        let m = &f.find("on December 4-5", pub_date())[0];
        assert_eq!(m.form, Form::Absolute { year: None, month: Some(12), day: None });
        assert!(f.find("on December 5-4", pub_date()).is_empty());
        check("talks on January 10-12", "January 10-12", "2026-01");
        // The tense overrides the nearest year when they disagree.
        check("Workers went on strike on 3 March.", "3 March", "2025-03-03");
        check("Workers will strike on 3 March.", "3 March", "2026-03-03");
        check("Workers will strike on March 3 and 4.", "March 3", "2026-03-03");
        check("He arrived on December 2 and will stay.", "December 2", "2025-12-02");
        check("He will arrive on December 2.", "December 2", "2025-12-02");
        check("The airline must pay the fine by May 9, the regulator said.", "May 9", "2026-05-09");
        check("The vote took place on December 20.", "December 20", "2024-12-20");
        check("The vote on December 20 is key.", "December 20", "2025-12-20");
    }

    #[test]
    fn absolute_form_fields() {
        let f = finder();
        let m = &f.find("met on September 1 this year", pub_date())[0];
        assert_eq!(m.form, Form::Absolute { year: None, month: Some(9), day: Some(1) });
        let m = &f.find("since 2021", pub_date())[0];
        assert_eq!(m.form, Form::Absolute { year: Some(2021), month: None, day: None });
        assert_eq!(m.anchor, Anchor::Since);
        assert_eq!(m.span, Span::new(6, 10));
    }

    #[test]
    fn anchors() {
        let f = finder();
        let a = |s: &str| f.find(s, pub_date()).iter().map(|m| m.anchor).collect::<Vec<_>>();
        assert_eq!(a("since 2021"), [Anchor::Since]);
        assert_eq!(a("until 2030"), [Anchor::Until]);
        assert_eq!(a("by 2030"), [Anchor::Until]);
        assert_eq!(a("in 2022"), [Anchor::At]);
        assert_eq!(a("Since last year"), [Anchor::Since]);
        assert_eq!(a("on Friday"), [Anchor::At]);
        assert_eq!(a("until Friday"), [Anchor::Until]);
        assert_eq!(a("Friday"), [Anchor::At]);
        assert_eq!(one("since 2021").0, "2021");
        assert_eq!(one("by December 4").0, "December 4");
    }

    #[test]
    fn years_after_hedged_prepositions() {
        let f = finder();
        let a =
            |s: &str| f.find(s, pub_date()).iter().map(|m| (m.span.of(s).to_string(), m.anchor)).collect::<Vec<_>>();
        let y = |y: &str, anchor| vec![(y.to_string(), anchor)];
        assert_eq!(a("Prices are expected to rise until at least 2015, the bank said."), y("2015", Anchor::Until));
        assert_eq!(a("The ban holds through at least 2030."), y("2030", Anchor::Until));
        assert_eq!(a("Nothing is planned beyond 2025, officials said."), y("2025", Anchor::Since));
        assert_eq!(a("The plant could open as early as 2027."), y("2027", Anchor::At));
        assert_eq!(a("As of 2024, the fund held $3 billion."), y("2024", Anchor::At));
        // Counts stay counts.
        assert!(a("Turnout rose to at least 2015 voters.").is_empty());
        assert!(a("The index climbed beyond 2025 points.").is_empty());
    }

    #[test]
    fn no_publication_date() {
        let f = finder();
        assert_eq!(found(&f, "on December 4", None), [("December 4".into(), "none".into())]);
        assert_eq!(found(&f, "last month", None), [("last month".into(), "none".into())]);
        assert_eq!(found(&f, "on Friday", None), [("Friday".into(), "none".into())]);
        assert_eq!(found(&f, "in June", None), [("June".into(), "none".into())]);
        assert_eq!(found(&f, "in 2022", None), [("2022".into(), "2022".into())]);
        assert_eq!(found(&f, "September 1, 2025", None), [("September 1, 2025".into(), "2025-09-01".into())]);
    }

    #[test]
    fn relative_forms() {
        check("today", "today", "2025-12-04");
        check("tonight", "tonight", "2025-12-04");
        check("yesterday", "yesterday", "2025-12-03");
        check("Yesterday morning", "Yesterday morning", "2025-12-03");
        check("tomorrow", "tomorrow", "2025-12-05");
        check("last month", "last month", "2025-11");
        check("this month", "this month", "2025-12");
        check("next month", "next month", "2026-01");
        check("earlier this month", "earlier this month", "2025-12");
        check("later this month", "later this month", "2025-12");
        check("last year", "last year", "2024");
        check("this year", "this year", "2025");
        check("next year", "next year", "2026");
        check("earlier this year", "earlier this year", "2025");
        check("Last month, talks failed", "Last month", "2025-11");
        check("last month's talks", "last month", "2025-11");
        let f = finder();
        let m = &f.find("last month", pub_date())[0];
        assert_eq!(m.form, Form::Relative);
        // January publication: last month is in the previous year.
        let jan = NaiveDate::from_ymd_opt(2026, 1, 15);
        assert_eq!(found(&f, "last month", jan), [("last month".into(), "2025-12".into())]);
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let f = finder();
        for (s, want) in [("last week", "2025-W48"), ("this week", "2025-W49"), ("next week", "2025-W50")] {
            assert_eq!(found(&f, s, pub_date()), [(s.to_string(), want.to_string())], "{s}");
        }
        let jan = NaiveDate::from_ymd_opt(2026, 1, 1);
        assert_eq!(found(&f, "last week", jan), [("last week".into(), "2025-W52".into())]);
    }

    #[test]
    fn weekdays() {
        check("He will meet Modi on Friday.", "Friday", "2025-12-05");
        check("Singh on Thursday said so.", "Thursday", "2025-12-04");
        check("They met on Monday.", "Monday", "2025-12-01");
        check("They met on Friday.", "Friday", "2025-11-28");
        // On its own weekday a future weekday is that day (later on Thursday), as
        // TimeBank annotates it; next week would be "next Thursday".
        check("He will arrive on Thursday.", "Thursday", "2025-12-04");
        check("On Friday, Modi will address the nation.", "Friday", "2025-12-05");
        check("Drivers stage a 72-hour strike beginning on Friday.", "Friday", "2025-12-05");
        check("Schools in Malatya will stay closed on Friday.", "Friday", "2025-12-05");
        check("The summit will be held on Friday.", "Friday", "2025-12-05");
        check("Carrick, who arrived on Tuesday, will visit the plant.", "Tuesday", "2025-12-02");
        check("He arrived on Sunday and will meet exporters.", "Sunday", "2025-11-30");
        check("They signed a deal on Tuesday that will cut tariffs.", "Tuesday", "2025-12-02");
        check("He launched the phone on Monday, betting that it will sell.", "Monday", "2025-12-01");
        check("A hearing will be held on Monday, the court said.", "Monday", "2025-12-08");
        check("He will call on the President on Saturday, the ministry said in a statement.", "Saturday", "2025-12-06");
        check("He'll meet Modi on Monday.", "Monday", "2025-12-08");
        check("It rained last Friday.", "last Friday", "2025-11-28");
        check("It rained last Thursday.", "last Thursday", "2025-11-27");
        check("It will rain next Friday.", "next Friday", "2025-12-05");
        check("It will rain this Friday.", "this Friday", "2025-12-05");
        check("It rained this Monday.", "this Monday", "2025-12-01");
        // No verb to go by: the nearer Friday, tomorrow.
        check("on Friday night", "Friday night", "2025-12-05");
        check("The polls closed on Friday night.", "Friday night", "2025-11-28");
        check("It rained on Sat.", "Sat.", "2025-11-29");
        check("Thursday's meeting", "Thursday", "2025-12-04");
        // A future seen from the past, a passive with "is", a deadline moved.
        check("The offer had been due to expire Friday.", "Friday", "2025-11-28");
        check("The offer is due to expire Friday.", "Friday", "2025-12-05");
        check("Votes are counted on Monday.", "Monday", "2025-12-08");
        check("Votes were counted on Monday.", "Monday", "2025-12-01");
        // The present of a timetable looks ahead; no verb at all looks back,
        // unless the day is tomorrow.
        check("The season ends on Sunday.", "Sunday", "2025-12-07");
        check("Volume was up from 886 million shares Tuesday.", "Tuesday", "2025-12-02");
        check("Volume, up from 886 million shares Tuesday.", "Tuesday", "2025-12-02");
        check("The offer was extended to Dec. 20.", "Dec. 20", "2025-12-20");
        check("Most had voted by Dec. 20.", "Dec. 20", "2024-12-20");
        // A past ending after a determiner is an adjective.
        check("The reduced dividend is payable Dec. 28.", "Dec. 28", "2025-12-28");
        check("He reduced the dividend on Dec. 28.", "Dec. 28", "2024-12-28");
        // The tense moves a month without a year to its side.
        check("He stepped down in March.", "March", "2025-03");
        check("He will step down in March.", "March", "2026-03");
        let f = finder();
        let m = &f.find("met on Monday", pub_date())[0];
        assert_eq!(m.form, Form::Weekday);
    }

    #[test]
    fn traps() {
        let f = finder();
        for s in [
            "We met.",
            "we've met",
            "they may attend",
            "May I say",
            "March organisers said",
            "the march was long",
            "the 22nd meeting",
            "23rd Annual Summit",
            "a two-day visit",
            "in the day",
            "Earlier in the day, he left.",
            "won 2-1",
            "12 people",
            "1,200 people",
            "Sat on the bench",
            "The Sun reported",
            "told the Sun.",
            "Mar",
            "in Mar",
            "2025",
            "2,025 people",
            "in 2025 people",
            "a total of 2000 troops",
            "the 2000 troops",
            "the 2000.",
            "a 2012",
            "$2025",
            "in 2025-26",
            "in 12025",
            "USA Today reported",
            "Wed",
            "the Jan team",
        ] {
            assert!(f.find(s, pub_date()).is_empty(), "{s:?} gave {:?}", f.find(s, pub_date()));
        }
    }

    #[test]
    fn invalid_dates_yield_nothing() {
        let f = finder();
        for s in ["31 February 2025", "February 29, 2023", "Dec 99", "February 30", "on 2025-13-45"] {
            assert!(f.find(s, pub_date()).is_empty(), "{s:?} gave {:?}", f.find(s, pub_date()));
        }
        // February 29 without a year resolves to the nearest leap day.
        check("on February 29", "February 29", "2024-02-29");
    }

    proptest::proptest! {
        /// The byte splitter for ASCII text gives the words the char
        /// splitter gives.
        #[test]
        fn ascii_words_are_the_char_words(s in "[a-zA-Z0-9 ',.;-]{0,40}", n in 0usize..12, from_end in proptest::bool::ANY) {
            let all: Vec<&str> = s
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .map(|w| w.trim_matches('\''))
                .filter(|w| !w.is_empty())
                .collect();
            let want: Vec<&str> = if from_end { all[all.len().saturating_sub(n)..].to_vec() } else { all.into_iter().take(n).collect() };
            let got: Vec<String> = words_at_end(&s, from_end, n).into_iter().map(|(w, _)| w.into_owned()).collect();
            let want: Vec<String> = want.iter().map(|w| w.to_lowercase()).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// Words and separators that make up random sentences for the
    /// word-by-word matcher: every kind of date word in its cases, digits
    /// of every shape, and the punctuation the patterns look at.
    const DATE_WORDS: &[&str] = &[
        "December",
        "Dec",
        "december",
        "DEC",
        "May",
        "Sept",
        "June",
        "Jun",
        "Friday",
        "Fri",
        "Tue",
        "friday",
        "4",
        "4th",
        "31st",
        "04",
        "2025",
        "1999",
        "12",
        "123",
        "20250",
        "1st",
        "3RD",
        "in",
        "on",
        "In",
        "since",
        "until",
        "to",
        "at",
        "least",
        "as",
        "of",
        "Of",
        "early",
        "no",
        "later",
        "than",
        "the",
        "The",
        "end",
        "start",
        "mid",
        "late",
        "this",
        "This",
        "last",
        "next",
        "coming",
        "current",
        "fiscal",
        "week",
        "Month",
        "year",
        "years",
        "yesterday",
        "today",
        "Tonight",
        "night",
        "morning",
        "a",
        "its",
        "troops",
        "and",
        "from",
        "starting",
        "not",
        "x",
        "_",
        "into",
        "Monday",
        "Mon",
        "Jan",
        "Sat",
        "2021",
        "2100",
        "1800",
    ];
    const DATE_GAPS: &[&str] = &[" ", " ", " ", "  ", "\t", "\x0b", ". ", ", ", ".", ",", "-", "/", "", "'s ", ": "];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// On ASCII sentences, every pattern matched word by word gives the
        /// regex's matches and groups, in order.
        #[test]
        fn word_matches_are_the_regex_matches(
            parts in proptest::collection::vec((0..DATE_WORDS.len(), 0..DATE_GAPS.len()), 0..12)
        ) {
            let f = finder();
            let s: String = parts.iter().map(|&(w, g)| format!("{}{}", DATE_WORDS[w], DATE_GAPS[g])).collect();
            let want = f.raw_matches(&s, false).unwrap();
            let got = f.raw_matches(&s, true).unwrap();
            proptest::prop_assert_eq!(got, want, "{:?}", s);
        }
    }

    #[test]
    fn word_matches_on_odd_input() {
        let f = finder();
        let long = "9".repeat(500);
        let letters = "December ".repeat(6_000);
        let odd = [
            "",
            " ",
            "-",
            "on Dec.4",
            "Friday, Dec. 4th, 2025 and Tue. in 2025-12-04",
            "the end of 2025 and mid-2025, in the 2019 elections",
            "until at least this coming week; as late as last year",
            "4-5 of December of this year",
            "a\x0bDecember\x0b4",
            long.as_str(),
            letters.as_str(),
        ];
        for s in odd {
            assert_eq!(f.raw_matches(s, true).unwrap(), f.raw_matches(s, false).unwrap(), "{s:?}");
        }
        // Not ASCII: no word-by-word matching, the regexes.
        assert!(f.raw_matches("Caf\u{e9} on Friday", true).is_none());
        assert!(f.raw_matches("on Friday\u{301}", true).is_none());
        // Too long to index: the regexes.
        assert!(f.raw_matches(&"December 4 ".repeat(6_000), true).is_none());
    }

    #[test]
    fn nasty_input_never_panics() {
        let f = finder();
        let long = "9".repeat(500);
        let nasty = [
            "",
            " ",
            "May",
            "31 February 2025",
            "February 29, 2023",
            "Dec 99",
            "9999999999999999999999",
            "é…",
            "Ünïcödé Ḍecember ４ ２０２５ in ２０２５",
            "in 2025\u{301} and since ٢٠٢١",
            "on ſince Friday K",
            "\u{0}\u{FFFF}December 4\u{10FFFF}",
            "last last last month month",
            "September 1 this year this year",
            long.as_str(),
        ];
        for s in nasty {
            for published in [None, pub_date(), NaiveDate::from_ymd_opt(262_000, 12, 31), Some(NaiveDate::MIN)] {
                for m in f.find(s, published) {
                    assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
                    assert!(m.span.end <= s.len());
                }
            }
        }
    }

    #[test]
    fn bad_rules_are_reported() {
        let mut rules: DateRules =
            toml::from_str(include_str!("../../rules/dates.toml")).expect("rules/dates.toml parses");
        rules.months.pop();
        assert!(DateFinder::new(&rules).unwrap_err().contains("12 months"));
        let mut rules: DateRules =
            toml::from_str(include_str!("../../rules/dates.toml")).expect("rules/dates.toml parses");
        rules.weekdays[0].abbreviations.push("mon".into());
        assert!(DateFinder::new(&rules).unwrap_err().contains("\"mon\""));
        let bad = include_str!("../../rules/dates.toml").replace("qualifiers =", "qualifers =");
        assert!(toml::from_str::<DateRules>(&bad).is_err());
    }
}
