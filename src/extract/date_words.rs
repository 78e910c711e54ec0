//! The date finder's patterns matched word by word on ASCII sentences.
//!
//! [`crate::extract::dates::DateFinder`] builds eleven regexes from the
//! word lists of `rules/dates.toml`; finding their groups (the regex
//! crate's lazy DFA over the whole sentence, then its backtracker over the
//! match) was the largest part of the date finder's time. On an ASCII
//! sentence every one of those patterns is a sequence of whole words
//! (every word list is followed by `\s+`, `\b`, a hyphen or a period, so an
//! entry matches whole [`Tokens`] words), runs of white space and single
//! punctuation bytes. [`DateWords`] matches the same patterns over the
//! sentence's words, built from the same lists, with the regexes'
//! preferences spelled out: leftmost first, optional parts tried present
//! before absent, longer list entries before shorter ones, and after a
//! match the next search starting where it ended. It gives the same groups
//! as the regexes ([`Groups`]); a property test checks that against the
//! regexes on random sentences of date words.
//!
//! Lists it cannot treat so (an entry that is not ASCII letters, which
//! Unicode case folding might match on ASCII text) make [`DateWords::new`]
//! give `None`, and the finder keeps its regexes.

use rustc_hash::FxHashMap as HashMap;
use std::cell::Cell;

use crate::extract::tokens::Tokens;

/// The word lists of the patterns, as bits.
pub(crate) mod list {
    /// Prepositions before a date.
    pub const PREP: u16 = 1;
    /// Qualifiers ("early", "the end of").
    pub const QUAL: u16 = 2;
    /// Determiners before a bare year.
    pub const DET: u16 = 4;
    /// Modifiers ("this", "last", "next").
    pub const MOD: u16 = 8;
    /// Units of a relative date ("week").
    pub const UNIT: u16 = 16;
    /// The year units ("year").
    pub const YUNIT: u16 = 32;
    /// Relative days ("yesterday", "last night").
    pub const RELDAY: u16 = 64;
    /// Parts of a day ("morning").
    pub const DPART: u16 = 128;
}

/// Case-sensitive names, as bits.
mod name {
    pub const MONF: u8 = 1;
    pub const MONA: u8 = 2;
    pub const WDF: u8 = 4;
    pub const WDA: u8 = 8;
}

/// Digit shapes of a word, as bits.
mod shape {
    /// One or two digits, then maybe "st", "nd", "rd" or "th".
    pub const DAY: u8 = 1;
    /// Four digits.
    pub const Y4: u8 = 2;
    /// Two digits.
    pub const D2: u8 = 4;
    /// The word "of", in lowercase.
    pub const OF: u8 = 8;
}

/// The patterns, in the finder's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    MonthDayYear,
    DayMonthYear,
    MonthYear,
    MonthRelYear,
    MonthBare,
    Iso,
    BareYear,
    RelUnit,
    RelDay,
    Weekday,
    WeekdayAbbr,
}

/// The groups of one match, by the regexes' group names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Groups {
    /// The whole match (the regex's group 0).
    pub all: (usize, usize),
    slots: [Option<(usize, usize)>; 13],
}

/// The named groups, in slot order.
pub(crate) const NAMES: [&str; 13] =
    ["e", "prep", "qual", "mon", "day", "day_to", "year", "rel", "unit", "word", "wd", "det", "month"];
const E: usize = 0;
const PREP: usize = 1;
const QUAL: usize = 2;
const MON: usize = 3;
const DAY: usize = 4;
const DAY_TO: usize = 5;
const YEAR: usize = 6;
const REL: usize = 7;
const UNIT: usize = 8;
const WORD: usize = 9;
const WD: usize = 10;
const DET: usize = 11;
const MONTH: usize = 12;

impl Groups {
    /// The span of the group named `name`, when it took part.
    pub fn name(&self, name: &str) -> Option<(usize, usize)> {
        let i = NAMES.iter().position(|n| *n == name)?;
        self.slots[i]
    }

    /// Sets the group named `name` (for groups read from a regex).
    pub fn set(&mut self, name: &str, span: (usize, usize)) {
        if let Some(i) = NAMES.iter().position(|n| *n == name) {
            self.slots[i] = Some(span);
        }
    }

    fn with(mut self, slot: usize, span: (usize, usize)) -> Groups {
        self.slots[slot] = Some(span);
        self
    }
}

/// What a lowercase word is in the lists.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Lists with an entry of this one word.
    single: u16,
    /// Lists with an entry starting with this word.
    first: u16,
    /// Entries of several words starting with it: list bit and the words
    /// after the first, longest entries first.
    multi: Vec<(u16, Box<[Box<str>]>)>,
    /// Case-sensitive names written with these letters: form and bits.
    names: Vec<(Box<str>, u8)>,
}

/// The word lists of the date patterns, looked up a word at a time.
#[derive(Debug, Clone)]
pub(crate) struct DateWords {
    /// By the lowercase word packed into a number ([`pack`]).
    words: Table,
    /// Per word length: the lowercase first letters some entry has.
    shapes: Vec<u32>,
    /// The same for the first words of the units and the relative days,
    /// the key words of their patterns.
    unit_shapes: Vec<u32>,
    relday_shapes: Vec<u32>,
    /// The most words an entry of the prepositions, the determiners, the
    /// qualifiers and the modifiers has: how far a key word may lie from
    /// the start of a match ([`DateWords::reach`]).
    longest: [usize; 4],
}

/// One word of the sentence, classified.
#[derive(Debug, Clone, Copy, Default)]
struct Class<'w> {
    first: u16,
    names: u8,
    shape: u8,
    info: Option<&'w Info>,
}

/// End positions of list entries at a word, longest first.
#[derive(Debug, Clone, Copy, Default)]
struct Ends {
    n: usize,
    at: [usize; MAX_ENDS],
}

/// How many entries of one list may start with the same word.
const MAX_ENDS: usize = 8;

impl Ends {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.at[..self.n].iter().copied()
    }

    fn first(&self) -> Option<usize> {
        (self.n > 0).then(|| self.at[0])
    }
}

/// The word every match of a pattern holds.
#[derive(Debug, Clone, Copy)]
enum Key {
    Names(u8),
    Year,
    Unit,
    RelDay,
}

fn key(kind: Kind) -> Key {
    match kind {
        Kind::MonthDayYear | Kind::DayMonthYear | Kind::MonthYear => Key::Names(name::MONF | name::MONA),
        Kind::MonthRelYear | Kind::MonthBare => Key::Names(name::MONF),
        Kind::Iso | Kind::BareYear => Key::Year,
        Kind::RelUnit => Key::Unit,
        Kind::RelDay => Key::RelDay,
        Kind::Weekday => Key::Names(name::WDF),
        Kind::WeekdayAbbr => Key::Names(name::WDA),
    }
}

/// The [`Info`]s by packed word: open addressing with linear probing in a
/// table at most a quarter full, one multiplication a lookup.
#[derive(Debug, Clone)]
struct Table {
    /// Packed word (0: empty) and index into `infos`.
    slots: Vec<(u128, usize)>,
    infos: Vec<Info>,
}

impl Table {
    fn slot(key: u128, mask: usize) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
    }

    fn new(words: HashMap<u128, Info>) -> Table {
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![(0u128, 0usize); size];
        let mut infos = Vec::with_capacity(words.len());
        // In key order, so that the table is the same from run to run.
        let mut words: Vec<(u128, Info)> = words.into_iter().collect();
        words.sort_by_key(|(k, _)| *k);
        for (key, info) in words {
            let mut i = Table::slot(key, size - 1);
            while slots[i].0 != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (key, infos.len());
            infos.push(info);
        }
        Table { slots, infos }
    }

    fn get(&self, key: u128) -> Option<&Info> {
        let mask = self.slots.len() - 1;
        let mut i = Table::slot(key, mask);
        loop {
            let (k, at) = self.slots[i];
            if k == key {
                return Some(&self.infos[at]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word of at most 16 ASCII bytes, lowercased and packed into a number
/// (no word holds a zero byte, so the padding keeps words apart): hashing
/// and comparing it is a few instructions.
fn pack(w: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..w.len())?.copy_from_slice(w);
    buf.make_ascii_lowercase();
    Some(u128::from_le_bytes(buf))
}

/// Adds a word's length and first letter to a shape table.
fn add_shape(shapes: &mut Vec<u32>, w: &str) {
    if shapes.len() <= w.len() {
        shapes.resize(w.len() + 1, 0u32);
    }
    shapes[w.len()] |= 1 << (w.as_bytes()[0].to_ascii_lowercase() - b'a');
}

/// Whether a word of ASCII letters may be in a shape table.
fn in_shape(shapes: &[u32], w: &[u8]) -> bool {
    let first = w[0].to_ascii_lowercase();
    first.is_ascii_lowercase() && shapes.get(w.len()).is_some_and(|m| m & (1 << (first - b'a')) != 0)
}

/// The lists a pattern may start with, besides its prepositions.
fn starts(kind: Kind) -> (u16, u8, u8) {
    use list::*;
    use name::*;
    use shape::*;
    match kind {
        Kind::MonthDayYear => (0, MONF | MONA | WDF | WDA, 0),
        Kind::DayMonthYear => (0, WDF | WDA, DAY),
        Kind::MonthYear => (QUAL, MONF | MONA, 0),
        Kind::MonthRelYear | Kind::MonthBare => (QUAL, MONF, 0),
        Kind::Iso => (0, 0, Y4),
        Kind::BareYear => (DET | QUAL, 0, Y4),
        Kind::RelUnit => (QUAL | MOD, 0, 0),
        Kind::RelDay => (RELDAY, 0, 0),
        Kind::Weekday => (MOD, WDF, 0),
        Kind::WeekdayAbbr => (MOD, WDA, 0),
    }
}

impl DateWords {
    /// Builds the lookup from the lists the regexes are built from:
    /// case-insensitive `lists` (bit of [`list`], entries) and the
    /// case-sensitive month and weekday names, full and abbreviated. `None`
    /// when an entry is not words of ASCII letters.
    pub fn new<S: AsRef<str>>(
        lists: &[(u16, Vec<S>)],
        months: (&[String], &[String]),
        weekdays: (&[String], &[String]),
    ) -> Option<DateWords> {
        let mut words: HashMap<u128, Info> = HashMap::default();
        let letters = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic());
        let (mut unit_shapes, mut relday_shapes) = (Vec::new(), Vec::new());
        // The most words an entry of the lists before a key word has.
        let mut longest = [0usize; 4];
        for (bit, entries) in lists {
            for e in entries {
                let parts: Vec<String> = e.as_ref().split_whitespace().map(str::to_ascii_lowercase).collect();
                if parts.is_empty() {
                    continue;
                }
                if !parts.iter().all(|w| letters(w)) {
                    return None;
                }
                match *bit {
                    list::UNIT => add_shape(&mut unit_shapes, &parts[0]),
                    list::RELDAY => add_shape(&mut relday_shapes, &parts[0]),
                    _ => {}
                }
                for (i, b) in [list::PREP, list::DET, list::QUAL, list::MOD].iter().enumerate() {
                    if bit == b {
                        longest[i] = longest[i].max(parts.len());
                    }
                }
                let info = words.entry(pack(parts[0].as_bytes())?).or_default();
                info.first |= bit;
                if parts.len() == 1 {
                    info.single |= bit;
                } else {
                    let rest: Box<[Box<str>]> = parts[1..].iter().map(|w| w.as_str().into()).collect();
                    if !info.multi.iter().any(|(b, r)| b == bit && *r == rest) {
                        info.multi.push((*bit, rest));
                    }
                }
            }
        }
        let named = [(months.0, name::MONF), (months.1, name::MONA), (weekdays.0, name::WDF), (weekdays.1, name::WDA)];
        for (list, bit) in named {
            for n in list {
                if !n.is_ascii() {
                    // Matched case-sensitively: never on ASCII text.
                    continue;
                }
                if !letters(n) {
                    return None;
                }
                let info = words.entry(pack(n.as_bytes())?).or_default();
                match info.names.iter_mut().find(|(f, _)| **f == **n) {
                    Some((_, b)) => *b |= bit,
                    None => info.names.push((n.as_str().into(), bit)),
                }
            }
        }
        let mut shapes = Vec::new();
        let firsts: Vec<String> = lists
            .iter()
            .flat_map(|(_, e)| e.iter().filter_map(|e| e.as_ref().split_whitespace().next().map(str::to_string)))
            .chain(
                months.0.iter().chain(months.1).chain(weekdays.0).chain(weekdays.1).filter(|n| n.is_ascii()).cloned(),
            )
            .collect();
        for w in &firsts {
            add_shape(&mut shapes, w);
        }
        for info in words.values_mut() {
            info.multi.sort_by_key(|m| std::cmp::Reverse(m.1.len()));
            // Longest first within one list; at most MAX_ENDS a list.
            for (bit, _) in &info.multi {
                let n = info.multi.iter().filter(|(b, _)| b == bit).count() + usize::from(info.single & bit != 0);
                if n > MAX_ENDS {
                    return None;
                }
            }
        }
        Some(DateWords { words: Table::new(words), shapes, unit_shapes, relday_shapes, longest })
    }

    fn class<'w>(&'w self, w: &str) -> Class<'w> {
        let b = w.as_bytes();
        let mut c = Class::default();
        if b[0].is_ascii_digit() {
            let digits = b.iter().take_while(|d| d.is_ascii_digit()).count();
            let rest = &b[digits..];
            if (1..=2).contains(&digits) && matches!(rest, b"" | b"st" | b"nd" | b"rd" | b"th") {
                c.shape |= shape::DAY;
            }
            if rest.is_empty() && digits == 4 {
                c.shape |= shape::Y4;
            }
            if rest.is_empty() && digits == 2 {
                c.shape |= shape::D2;
            }
            return c;
        }
        if b == b"of" {
            c.shape |= shape::OF;
        }
        if !in_shape(&self.shapes, b) {
            return c;
        }
        if let Some(info) = pack(b).and_then(|key| self.words.get(key)) {
            c.first = info.first;
            c.names = info.names.iter().filter(|(f, _)| **f == *w).fold(0, |m, (_, b)| m | b);
            c.info = Some(info);
        }
        c
    }

    /// At most how many words a match of `kind` spans before its key word:
    /// a match starting at a word has its key word at most this far on.
    fn reach(&self, kind: Kind) -> usize {
        let [prep, det, qual, modifier] = self.longest;
        prep + match kind {
            // A weekday before the month.
            Kind::MonthDayYear => 1,
            // A weekday, the day, the end of a range and "of".
            Kind::DayMonthYear => 4,
            Kind::MonthYear | Kind::MonthRelYear | Kind::MonthBare => qual,
            Kind::Iso | Kind::RelDay => 0,
            Kind::BareYear => det + qual,
            Kind::RelUnit => qual + modifier,
            Kind::Weekday | Kind::WeekdayAbbr => modifier,
        }
    }

    /// Every match of the pattern `kind` in the sentence, in order, as the
    /// regex's `captures_iter` gives them.
    pub fn each<'w>(&'w self, kind: Kind, scan: &Scan<'_, 'w>, mut f: impl FnMut(&Groups)) {
        let m = Matcher { t: &scan.t, cls: &scan.cls, w: self, starts: starts(kind) };
        let n = scan.t.len();
        let (key, reach) = (key_bits(key(kind)), self.reach(kind));
        // The next key word at or after `k`, or `n`.
        let find_key =
            |k: usize| scan.keys.get(k..).and_then(|ks| ks.iter().position(|b| b & key != 0)).map_or(n, |q| k + q);
        let mut next_key = find_key(0);
        let mut k = 0;
        while k < n && next_key < n {
            if k + reach < next_key {
                // No match starts this far before the key word.
                k = next_key - reach;
            }
            let (by_prep, by_main) = (m.class(k).first & list::PREP != 0, m.can_start(k));
            let found = if by_prep || by_main { m.at(kind, k, by_prep, by_main) } else { None };
            match found {
                Some(g) => {
                    f(&g);
                    k = scan.t.from(g.all.1);
                }
                None => k += 1,
            }
            if next_key < k {
                next_key = find_key(k);
            }
        }
    }

    /// Splits a sentence once for [`DateWords::each`] (its words are
    /// classified when first looked at); `None` when it is not ASCII.
    pub fn scan<'a, 'w>(&'w self, sentence: &'a str) -> Option<Scan<'a, 'w>> {
        let t = Tokens::new(sentence)?;
        let cls = vec![Cell::new(None); t.len()];
        let mut scan = Scan { t, cls, keys: Vec::new() };
        // The key words of every pattern, in one pass.
        let m = Matcher { t: &scan.t, cls: &scan.cls, w: self, starts: (0, 0, 0) };
        let keys = (0..scan.t.len()).map(|k| m.keys(k)).collect();
        scan.keys = keys;
        Some(scan)
    }
}

/// The bits of [`Scan::keys`] a key word sets.
fn key_bits(key: Key) -> u8 {
    match key {
        // The name bits themselves.
        Key::Names(bits) => bits,
        Key::Year => 16,
        Key::Unit => 32,
        Key::RelDay => 64,
    }
}

/// A sentence split into words ([`DateWords::scan`]).
#[derive(Debug)]
pub(crate) struct Scan<'a, 'w> {
    t: Tokens<'a>,
    /// Each word's class, once looked at.
    cls: Vec<Cell<Option<Class<'w>>>>,
    /// Per word: the patterns' key words it is ([`key_bits`]).
    keys: Vec<u8>,
}

struct Matcher<'s, 'a, 'w> {
    t: &'s Tokens<'a>,
    cls: &'s [Cell<Option<Class<'w>>>],
    w: &'w DateWords,
    /// What the pattern may start with after its preposition ([`starts`]).
    starts: (u16, u8, u8),
}

impl<'w> Matcher<'_, '_, 'w> {
    /// The class of word `k`.
    fn class(&self, k: usize) -> Class<'w> {
        if let Some(c) = self.cls[k].get() {
            return c;
        }
        let c = self.w.class(self.t.word(k));
        self.cls[k].set(Some(c));
        c
    }

    /// Which patterns' key word word `k` is ([`key_bits`]): cheap tests of
    /// its shape before its class.
    fn keys(&self, k: usize) -> u8 {
        let b = self.t.word(k).as_bytes();
        let mut bits = 0;
        if b[0].is_ascii_uppercase() {
            bits |= self.class(k).names;
        }
        if b[0].is_ascii_digit() && self.class(k).shape & shape::Y4 != 0 {
            bits |= key_bits(Key::Year);
        }
        if in_shape(&self.w.unit_shapes, b) && self.class(k).first & list::UNIT != 0 {
            bits |= key_bits(Key::Unit);
        }
        if in_shape(&self.w.relday_shapes, b) && self.class(k).first & list::RELDAY != 0 {
            bits |= key_bits(Key::RelDay);
        }
        bits
    }

    /// Whether the pattern after its preposition may start at word `k`.
    fn can_start(&self, k: usize) -> bool {
        let (lists, names, shapes) = self.starts;
        let c = self.class(k);
        c.first & lists != 0 || c.names & names != 0 || c.shape & shapes != 0
    }

    fn start(&self, k: usize) -> usize {
        self.t.words()[k].start
    }

    fn end(&self, k: usize) -> usize {
        self.t.words()[k].end
    }

    fn names(&self, k: usize, bits: u8) -> bool {
        self.class(k).names & bits != 0
    }

    fn shape(&self, k: usize, bits: u8) -> bool {
        self.class(k).shape & bits != 0
    }

    /// The word after white space at `at` (`\s+\b`).
    fn next(&self, at: usize) -> Option<usize> {
        self.t.word_after_space(at)
    }

    /// Where the entries of `list` starting at word `k` end, longest first.
    fn list(&self, k: usize, list: u16) -> Ends {
        let mut ends = Ends::default();
        let c = self.class(k);
        if c.first & list == 0 {
            return ends;
        }
        let Some(info) = c.info else { return ends };
        for (bit, rest) in &info.multi {
            if bit & list == 0 {
                continue;
            }
            let mut at = k;
            let whole = rest.iter().all(|w| match self.next(self.end(at)) {
                Some(j) if self.t.word(j).eq_ignore_ascii_case(w) => {
                    at = j;
                    true
                }
                _ => false,
            });
            if whole && ends.n < MAX_ENDS {
                ends.at[ends.n] = self.end(at);
                ends.n += 1;
            }
        }
        if info.single & list != 0 && ends.n < MAX_ENDS {
            ends.at[ends.n] = self.end(k);
            ends.n += 1;
        }
        ends
    }

    /// The leftmost-first match of `kind` starting at word `k`: with a
    /// preposition first, longest first, then without.
    /// (`by_prep`: word `k` may start a preposition; `by_main`: the rest of
    /// the pattern may start there; when not, those branches cannot match.)
    fn at(&self, kind: Kind, k: usize, by_prep: bool, by_main: bool) -> Option<Groups> {
        if by_prep {
            for end in self.list(k, list::PREP).iter() {
                let Some(j) = self.next(end).filter(|&j| self.can_start(j)) else { continue };
                if let Some(mut g) = self.main(kind, j) {
                    g.all.0 = self.start(k);
                    return Some(g.with(PREP, (self.start(k), end)));
                }
            }
        }
        if by_main {
            self.main(kind, k)
        } else {
            None
        }
    }

    /// The pattern after its preposition, at word `k`; `all` spans it.
    fn main(&self, kind: Kind, k: usize) -> Option<Groups> {
        let g = match kind {
            Kind::MonthDayYear => self.weekday_lead(k, |j| self.month_day(j)),
            Kind::DayMonthYear => self.weekday_lead(k, |j| self.day_month(j)),
            Kind::MonthYear => self.qualified(k, |j| self.month_year(j)),
            Kind::MonthRelYear => self.qualified(k, |j| {
                if !self.names(j, name::MONF) {
                    return None;
                }
                let (end, rel) = self.rel_year(self.end(j))?;
                Some(Groups::default().with(MON, (self.start(j), self.end(j))).with(REL, rel).with(E, (0, end)))
            }),
            Kind::MonthBare => self.qualified(k, |j| {
                self.names(j, name::MONF).then(|| {
                    let span = (self.start(j), self.end(j));
                    Groups::default().with(MON, span).with(E, span)
                })
            }),
            Kind::Iso => self.iso(k),
            Kind::BareYear => self.bare_year(k),
            Kind::RelUnit => self.qualified(k, |j| {
                for end in self.list(j, list::MOD).iter() {
                    let Some(u) = self.next(end) else { continue };
                    if let Some(unit_end) = self.list(u, list::UNIT).first() {
                        return Some(
                            Groups::default()
                                .with(REL, (self.start(j), end))
                                .with(UNIT, (self.start(u), unit_end))
                                .with(E, (0, unit_end)),
                        );
                    }
                }
                None
            }),
            Kind::RelDay => {
                let end = self.list(k, list::RELDAY).first()?;
                let span_end = self.day_part(end).unwrap_or(end);
                Some(Groups::default().with(WORD, (self.start(k), end)).with(E, (0, span_end)))
            }
            Kind::Weekday | Kind::WeekdayAbbr => {
                let abbr = kind == Kind::WeekdayAbbr;
                let day = |j: usize| -> Option<(usize, usize)> {
                    if abbr {
                        (self.names(j, name::WDA) && self.t.byte(self.end(j)) == Some(b'.'))
                            .then(|| (self.end(j), self.end(j) + 1))
                    } else {
                        self.names(j, name::WDF)
                            .then(|| (self.end(j), self.day_part(self.end(j)).unwrap_or(self.end(j))))
                    }
                };
                let mut found = None;
                for end in self.list(k, list::MOD).iter() {
                    let Some(j) = self.next(end) else { continue };
                    if let Some((wd_end, e_end)) = day(j) {
                        found = Some(
                            Groups::default()
                                .with(REL, (self.start(k), end))
                                .with(WD, (self.start(j), wd_end))
                                .with(E, (0, e_end)),
                        );
                        break;
                    }
                }
                match found {
                    Some(g) => Some(g),
                    None => {
                        let (wd_end, e_end) = day(k)?;
                        Some(Groups::default().with(WD, (self.start(k), wd_end)).with(E, (0, e_end)))
                    }
                }
            }
        };
        let mut g = g?;
        // `e` starts at the pattern's first word (a bare year's leaves out
        // its determiner and is set whole); its end was set above.
        let (mut start, end) = g.slots[E]?;
        if kind != Kind::BareYear {
            start = self.start(k);
        }
        g.slots[E] = Some((start, end));
        g.all = (self.start(k), end);
        Some(g)
    }

    /// `(?:\s+DAYPARTS\b)?` after `at`: where the part of the day ends.
    fn day_part(&self, at: usize) -> Option<usize> {
        self.list(self.next(at)?, list::DPART).first()
    }

    /// `(?:\bWEEKDAY\b\.?,?\s+)?` then `rest`, tried with the weekday first.
    fn weekday_lead(&self, k: usize, rest: impl Fn(usize) -> Option<Groups>) -> Option<Groups> {
        if self.names(k, name::WDF | name::WDA) {
            let mut at = self.end(k);
            if self.t.byte(at) == Some(b'.') {
                at += 1;
            }
            if self.t.byte(at) == Some(b',') {
                at += 1;
            }
            if let Some(g) = self.next(at).and_then(&rest) {
                return Some(g);
            }
        }
        rest(k)
    }

    /// `(?:\bQUAL(?:\s+|-))?` then `rest`, longest qualifier first, then
    /// none; `qual` is set when one took part.
    fn qualified(&self, k: usize, rest: impl Fn(usize) -> Option<Groups>) -> Option<Groups> {
        for end in self.list(k, list::QUAL).iter() {
            let j = match self.t.space(end) {
                Some(at) => self.t.at(at),
                None if self.t.byte(end) == Some(b'-') => self.t.at(end + 1),
                None => None,
            };
            if let Some(g) = j.and_then(&rest) {
                return Some(g.with(QUAL, (self.start(k), end)));
            }
        }
        rest(k)
    }

    /// The month at word `k` (`\b(?:FULL\b|ABBR\b\.?)`): where it may end,
    /// the period first.
    fn month(&self, k: usize) -> [Option<usize>; 2] {
        let end = self.end(k);
        if self.names(k, name::MONF) {
            [Some(end), None]
        } else if self.names(k, name::MONA) {
            if self.t.byte(end) == Some(b'.') {
                [Some(end + 1), Some(end)]
            } else {
                [Some(end), None]
            }
        } else {
            [None, None]
        }
    }

    /// A day at word `k` and maybe the end of a range after a hyphen:
    /// the groups and where they end.
    fn day(&self, k: usize) -> Option<(Groups, usize)> {
        if !self.shape(k, shape::DAY) {
            return None;
        }
        let digits = |j: usize| {
            let w = self.t.word(j);
            (self.start(j), self.start(j) + w.bytes().take_while(u8::is_ascii_digit).count())
        };
        let mut g = Groups::default().with(DAY, digits(k));
        let mut end = self.end(k);
        if self.t.byte(end) == Some(b'-') {
            if let Some(j) = self.t.at(end + 1).filter(|&j| self.shape(j, shape::DAY)) {
                g = g.with(DAY_TO, digits(j));
                end = self.end(j);
            }
        }
        Some((g, end))
    }

    /// `(?:,?\s+YEAR|REL_YEAR)?` after `at`: the groups it adds and where
    /// it ends.
    fn year_tail(&self, g: Groups, at: usize) -> (Groups, usize) {
        let comma = usize::from(self.t.byte(at) == Some(b','));
        if let Some(y) = self.next(at + comma).filter(|&y| self.shape(y, shape::Y4)) {
            return (g.with(YEAR, (self.start(y), self.end(y))), self.end(y));
        }
        if let Some((end, rel)) = self.rel_year(at) {
            return (g.with(REL, rel), end);
        }
        (g, at)
    }

    /// `\s+(?:of\s+)?(?P<rel>MODS)\s+YEAR_UNITS\b` at `at`: where it ends
    /// and the modifier.
    fn rel_year(&self, at: usize) -> Option<(usize, (usize, usize))> {
        let k = self.next(at)?;
        let tail = |j: usize| {
            for end in self.list(j, list::MOD).iter() {
                let Some(u) = self.next(end) else { continue };
                if let Some(unit_end) = self.list(u, list::YUNIT).first() {
                    return Some((unit_end, (self.start(j), end)));
                }
            }
            None
        };
        if self.shape(k, shape::OF) {
            if let Some(found) = self.next(self.end(k)).and_then(tail) {
                return Some(found);
            }
        }
        tail(k)
    }

    /// `MON\s+DAY(-DAY)?` and its year tail, at word `k`.
    fn month_day(&self, k: usize) -> Option<Groups> {
        for mon_end in self.month(k).into_iter().flatten() {
            let Some(d) = self.next(mon_end) else { continue };
            let Some((g, end)) = self.day(d) else { continue };
            let (g, end) = self.year_tail(g.with(MON, (self.start(k), mon_end)), end);
            return Some(g.with(E, (0, end)));
        }
        None
    }

    /// `DAY(-DAY)?\s+(?:of\s+)?MON` and its year tail, at word `k`.
    fn day_month(&self, k: usize) -> Option<Groups> {
        let (g, end) = self.day(k)?;
        let j = self.next(end)?;
        let of = self.shape(j, shape::OF).then(|| self.next(self.end(j))).flatten();
        for m in of.into_iter().chain([j]) {
            if let Some(mon_end) = self.month(m).into_iter().flatten().next() {
                let (g, end) = self.year_tail(g.with(MON, (self.start(m), mon_end)), mon_end);
                return Some(g.with(E, (0, end)));
            }
        }
        None
    }

    /// `MON\s+(?:of\s+)?YEAR` at word `k`.
    fn month_year(&self, k: usize) -> Option<Groups> {
        for mon_end in self.month(k).into_iter().flatten() {
            let Some(j) = self.next(mon_end) else { continue };
            let of = self.shape(j, shape::OF).then(|| self.next(self.end(j))).flatten();
            for y in of.into_iter().chain([j]) {
                if self.shape(y, shape::Y4) {
                    let g = Groups::default().with(MON, (self.start(k), mon_end));
                    return Some(g.with(YEAR, (self.start(y), self.end(y))).with(E, (0, self.end(y))));
                }
            }
        }
        None
    }

    /// `YYYY-MM-DD` at word `k`.
    fn iso(&self, k: usize) -> Option<Groups> {
        if !self.shape(k, shape::Y4) || self.t.byte(self.end(k)) != Some(b'-') {
            return None;
        }
        let m = self.t.at(self.end(k) + 1).filter(|&m| self.shape(m, shape::D2))?;
        if self.t.byte(self.end(m)) != Some(b'-') {
            return None;
        }
        let d = self.t.at(self.end(m) + 1).filter(|&d| self.shape(d, shape::D2))?;
        Some(
            Groups::default()
                .with(YEAR, (self.start(k), self.end(k)))
                .with(MONTH, (self.start(m), self.end(m)))
                .with(DAY, (self.start(d), self.end(d)))
                .with(E, (0, self.end(d))),
        )
    }

    /// `(?:\bDET\s+)?` then a qualified year; `e` leaves out the
    /// determiner.
    fn bare_year(&self, k: usize) -> Option<Groups> {
        let year = |j: usize| {
            self.qualified(j, |y| {
                self.shape(y, shape::Y4)
                    .then(|| Groups::default().with(YEAR, (self.start(y), self.end(y))).with(E, (0, self.end(y))))
            })
            .map(|g| {
                let e = g.slots[E].map_or(0, |(_, e)| e);
                g.with(E, (self.start(j), e))
            })
        };
        for end in self.list(k, list::DET).iter() {
            if let Some(g) = self.next(end).and_then(year) {
                return Some(g.with(DET, (self.start(k), end)));
            }
        }
        year(k)
    }
}
