//! What an amount measures, read from the words around it, so that reports
//! of one event can be paired by it even when their sentences do not align:
//! "net profit of $621mn" and "Net profit rose to $612 million" both
//! measure *profit*; "a depth of 35 kilometers" and "at a depth of 53 km"
//! both measure *depth*; "460 firefighters" and "More than 500
//! firefighters" both count *firefighters*.
//!
//! The reading, in order (the first that answers wins):
//! 1. a baseline ("from $488 million", "against $488mn", "than 40") measures
//!    the quantity of another time, not the one reported: [`BASELINE`];
//!    then a few readings of what the words around say the amount is: a
//!    sum asked for ("seeking Rs 1,500 crore": [`REQUEST`]), a share of a
//!    vote ("came second with 31.2 percent": [`SHARE`]), a winning margin
//!    ("won by 1,248 votes": [`MARGIN`]);
//! 2. what the number counts, the last noun of the phrase after it ("1,284
//!    votes", "74% excess rainfall");
//! 3. the noun whose amount it is: `<noun> of N` ("a majority of 1,284");
//! 4. the subject of a verb of level or change right before it: `<noun>
//!    rose to N` ("Net profit rose to $612 million").
//!
//! A length of time is given for the object of its verb ("gave parliament
//! 120 days", "three months to present the plan"):
//! [`MeasureReader::duration_object`], unless it extends something ("a
//! further six months": [`MeasureReader::extension`]). A rank may count a
//! run ("the third consecutive quarter": [`MeasureReader::streak`]).
//!
//! A count of people says little by its noun alone ("12 people killed",
//! "15 people injured"), so the fate of the clause ("killed", "injured",
//! "evacuated") is added when one is written: `people/killed`. Word lists
//! are in `rules/quantities.toml` (`[measure]`).

use std::collections::HashMap;

use serde::Deserialize;

use super::quantities::singular;
use crate::normalize::fold_words as norm;
use crate::span::Span;

/// The head of an amount that is a baseline for another ("from $488
/// million"): never paired by head, and never the same as a measured one.
pub const BASELINE: &str = "(baseline)";

/// The `[measure]` section of `rules/quantities.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRules {
    /// Verbs of level or change whose subject is what the amount after them
    /// measures ("profit rose to", "turnout stood at").
    #[serde(default)]
    pub level_verbs: Vec<String>,
    /// Words right before an amount that make it a baseline of comparison.
    #[serde(default)]
    pub baseline_words: Vec<String>,
    /// Words that neither name a measure nor end the search for one
    /// ("net", "annual", "the").
    #[serde(default)]
    pub skip: Vec<String>,
    /// `[fate, words...]`: what happened to people counted; the first word
    /// names the fate.
    #[serde(default)]
    pub fates: Vec<Vec<String>>,
    /// Counted nouns whose count needs a fate to say what it is.
    #[serde(default)]
    pub people: Vec<String>,
    /// `[word, same]`: measure nouns that name one thing ("firearm" and
    /// "weapon", "walkout" and "strike").
    #[serde(default)]
    pub synonyms: Vec<[String; 2]>,
    /// Words that never name a measure, besides the stopwords ("not",
    /// "his", "after").
    #[serde(default)]
    pub not_nouns: Vec<String>,
    /// Verbs whose object is an amount that was and is no more
    /// ("overturned a majority of 9,000").
    #[serde(default)]
    pub baseline_verbs: Vec<String>,
    /// Numbers written as words, for telling a sum ("19 Filipinos and two
    /// Indians").
    #[serde(default)]
    pub small_numbers: Vec<String>,
    /// Nouns ending in -ing, which are not participles ("building").
    #[serde(default)]
    pub ing_nouns: Vec<String>,
    /// Words skipped between a length of time and its verb's object
    /// ("present a plan within 90 days").
    #[serde(default)]
    pub duration_skip: Vec<String>,
    /// Words before a length of time that are not an object ("vacant",
    /// "open", "closed").
    #[serde(default)]
    pub not_objects: Vec<String>,
    /// Nouns that count a winning margin after "by" ("won by 1,248 votes",
    /// "beat them by six wickets").
    #[serde(default)]
    pub margin_nouns: Vec<String>,
    /// Verbs of winning or losing whose `by N <noun>` is the margin.
    #[serde(default)]
    pub margin_verbs: Vec<String>,
    /// Words right after a rank that make it the length of a run ("the
    /// third consecutive quarter"), and phrases after its noun that do
    /// ("the third quarter in a row").
    #[serde(default)]
    pub streak_words: Vec<String>,
    /// See `streak_words`.
    #[serde(default)]
    pub streak_phrases: Vec<String>,
    /// Words right before a length of time that make it an extension ("a
    /// further six months", "another four months").
    #[serde(default)]
    pub extension_words: Vec<String>,
    /// Verbs whose length of time, within six words after them, is an
    /// extension ("extended for four months").
    #[serde(default)]
    pub extension_verbs: Vec<String>,
    /// Words of a vote or contest within six words of two numbers that
    /// make them a tally ("voted 7-4", "ruling 8-3", "by eight votes to
    /// three").
    #[serde(default)]
    pub tally_words: Vec<String>,
    /// Words after "N in M" that make it no share: units of time or
    /// measure ("two in 10 days", "one in 100 metres").
    #[serde(default)]
    pub proportion_blockers: Vec<String>,
    /// Verbs of backing a motion in a vote: a percentage with one of them
    /// right after it ("93% of members voted") or before its "by" ("backed
    /// action by 83%") is the support it won.
    #[serde(default)]
    pub support_verbs: Vec<String>,
    /// What a length of time is, told by the words right before or right
    /// after it: a lifetime ("a mission life of seven years"), the time a
    /// fire took to put out, how long a post stood vacant.
    #[serde(default)]
    pub duration_readings: Vec<DurationReading>,
    /// States that an event begins, so that their length runs from the
    /// event's date to the report's day: a post vacant since its holder
    /// resigned, hostages held since they were seized.
    #[serde(default)]
    pub elapsed: Vec<ElapsedState>,
    /// Verbs of placing in a vote or race: a percentage after "with" within
    /// their clause is a share ("came second with 31.2 percent").
    #[serde(default)]
    pub share_verbs: Vec<String>,
    /// Verbs of asking: a sum of money after one, within its clause, is the
    /// sum requested ("seeking an immediate release of Rs 1,500 crore",
    /// "asked the federal government for 20 billion rupees").
    #[serde(default)]
    pub request_verbs: Vec<String>,
}

/// The compiled rules.
#[derive(Debug, Default)]
pub struct MeasureReader {
    level: Vec<String>,
    baseline: Vec<String>,
    skip: Vec<String>,
    fates: HashMap<String, String>,
    people: Vec<String>,
    synonyms: HashMap<String, String>,
    not_nouns: Vec<String>,
    baseline_verbs: Vec<String>,
    small_numbers: Vec<String>,
    ing_nouns: Vec<String>,
    duration_skip: Vec<String>,
    not_objects: Vec<String>,
    margin_nouns: Vec<String>,
    margin_verbs: Vec<String>,
    streak_words: Vec<String>,
    streak_phrases: Vec<Vec<String>>,
    request_verbs: Vec<String>,
    extension_words: Vec<String>,
    extension_verbs: Vec<String>,
    tally_words: Vec<String>,
    proportion_blockers: Vec<String>,
    support_verbs: Vec<String>,
    share_verbs: Vec<String>,
    /// The readings, their phrases as folded words.
    duration_readings: Vec<Reading>,
    /// The states begun by events: their heads, and the phrases that begin
    /// them as folded words.
    elapsed: Vec<(Vec<String>, Vec<Vec<String>>)>,
}

/// A [`DurationReading`] compiled: phrases as folded words.
#[derive(Debug)]
struct Reading {
    head: String,
    before: Vec<Vec<String>>,
    after: Vec<Vec<String>>,
    one_per_story: bool,
}

/// The head of a winning margin ("won by 1,248 votes", "a majority of
/// 1,284" where `[measure]` synonyms make majority a margin).
pub const MARGIN: &str = "margin";

/// The head of a share of a vote ("came second with 31.2 percent").
pub const SHARE: &str = "share";

/// The head of the share of voters who backed a motion ("93% of members
/// voted for strike action", "backed action by 83%").
pub const SUPPORT: &str = "support";

/// The head of a length of time that extends something.
pub const EXTENSION: &str = "extension";

/// The head of a sum of money asked for.
pub const REQUEST: &str = "request";

/// Added to the head of a rank that counts a run ("quarter/streak" for "the
/// third consecutive quarter").
pub const STREAK: &str = "streak";

/// The head of a tally of a vote or contest ("voted 7-4").
pub const TALLY: &str = "tally";

/// One reading of a length of time by the phrase next to it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationReading {
    /// The head it gives the length of time.
    pub head: String,
    /// Phrases that end right before it ("designed to last").
    #[serde(default)]
    pub before: Vec<String>,
    /// Phrases that start right after it ("without a").
    #[serde(default)]
    pub after: Vec<String>,
    /// Whether a story tells of one such length only, so that two reports'
    /// lengths pair by this head alone, with no other word shared ("It
    /// has a mission life of seven years", "It is designed to last 10
    /// years").
    #[serde(default)]
    pub one_per_story: bool,
}

/// A state that an event begins ("eight months without a mayor" since the
/// mayor resigned): how long it lasts is the time from that event to the
/// report's day.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElapsedState {
    /// The heads of the lengths of time that measure it ("vacancy", "held").
    pub heads: Vec<String>,
    /// Verbs or phrases whose dated event begins it ("resigned", "seized").
    pub begun_by: Vec<String>,
}

/// Two numbers read as one tally: its span and its two sides, the larger
/// first ("8-3", "by eight votes to three").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tally {
    /// Bytes within the sentence, from the first number to the second.
    pub span: Span,
    /// The larger side.
    pub more: f64,
    /// The smaller side.
    pub fewer: f64,
}

/// Whether a unit is a currency: an ISO 4217 code ("USD", "INR").
fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// A word of a sentence, folded, with its bytes.
struct Word<'a> {
    text: &'a str,
    span: Span,
}

/// The words of `s`: letters, digits, apostrophes and hyphens; anything
/// else separates them. Punctuation between words is kept as a stop.
fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Word { text: &s[st..i], span: Span::new(st, i) });
                start = None;
            }
            _ => {}
        }
        if !part && !c.is_whitespace() {
            out.push(Word { text: &s[i..i + c.len_utf8()], span: Span::new(i, i + c.len_utf8()) });
        }
    }
    if let Some(st) = start {
        out.push(Word { text: &s[st..], span: Span::new(st, s.len()) });
    }
    out
}

fn is_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphabetic)
}

impl MeasureReader {
    /// Compiles the rules; the error names the bad entry.
    pub fn new(r: &MeasureRules) -> Result<MeasureReader, String> {
        let mut fates = HashMap::new();
        for group in &r.fates {
            let Some(name) = group.first() else { return Err("an empty fate group".to_string()) };
            for w in group {
                fates.insert(norm(w), norm(name));
            }
        }
        Ok(MeasureReader {
            level: r.level_verbs.iter().map(|w| norm(w)).collect(),
            baseline: r.baseline_words.iter().map(|w| norm(w)).collect(),
            skip: r.skip.iter().map(|w| norm(w)).collect(),
            fates,
            people: r.people.iter().map(|w| singular(&norm(w))).collect(),
            synonyms: r.synonyms.iter().map(|[w, s]| (singular(&norm(w)), singular(&norm(s)))).collect(),
            not_nouns: r.not_nouns.iter().map(|w| norm(w)).collect(),
            baseline_verbs: r.baseline_verbs.iter().map(|w| norm(w)).collect(),
            small_numbers: r.small_numbers.iter().map(|w| norm(w)).collect(),
            ing_nouns: r.ing_nouns.iter().map(|w| norm(w)).collect(),
            duration_skip: r.duration_skip.iter().map(|w| norm(w)).collect(),
            not_objects: r.not_objects.iter().map(|w| norm(w)).collect(),
            margin_nouns: r.margin_nouns.iter().map(|w| singular(&norm(w))).collect(),
            margin_verbs: r.margin_verbs.iter().map(|w| norm(w)).collect(),
            streak_words: r.streak_words.iter().map(|w| norm(w)).collect(),
            streak_phrases: r.streak_phrases.iter().map(|p| p.split_whitespace().map(norm).collect()).collect(),
            request_verbs: r.request_verbs.iter().map(|w| norm(w)).collect(),
            share_verbs: r.share_verbs.iter().map(|w| norm(w)).collect(),
            extension_words: r.extension_words.iter().map(|w| norm(w)).collect(),
            extension_verbs: r.extension_verbs.iter().map(|w| norm(w)).collect(),
            tally_words: r.tally_words.iter().map(|w| norm(w)).collect(),
            proportion_blockers: r.proportion_blockers.iter().map(|w| singular(&norm(w))).collect(),
            support_verbs: r.support_verbs.iter().map(|w| norm(w)).collect(),
            duration_readings: r
                .duration_readings
                .iter()
                .map(|d| {
                    let phrases =
                        |p: &[String]| p.iter().map(|x| x.split_whitespace().map(norm).collect()).collect::<Vec<_>>();
                    Reading {
                        head: d.head.clone(),
                        before: phrases(&d.before),
                        after: phrases(&d.after),
                        one_per_story: d.one_per_story,
                    }
                })
                .collect(),
            elapsed: r
                .elapsed
                .iter()
                .map(|e| {
                    let heads = e.heads.iter().map(|h| norm(h)).collect();
                    (heads, e.begun_by.iter().map(|p| p.split_whitespace().map(norm).collect()).collect())
                })
                .collect(),
        })
    }

    /// Whether a length of time of this head measures a state that an
    /// event begins ([`ElapsedState`]).
    pub fn is_elapsed(&self, head: &str) -> bool {
        self.elapsed.iter().any(|(heads, _)| heads.iter().any(|h| h == head))
    }

    /// Whether the last ten words of `before`, the clause up to a date,
    /// hold a phrase that begins the state that a length of time of this
    /// head measures: "the previous mayor resigned" before "in June" begins
    /// a vacancy.
    pub fn begins(&self, head: &str, before: &str) -> bool {
        let all = words(before);
        let last: Vec<String> = all[all.len().saturating_sub(10)..].iter().map(|w| norm(w.text)).collect();
        self.elapsed
            .iter()
            .filter(|(heads, _)| heads.iter().any(|h| h == head))
            .any(|(_, phrases)| phrases.iter().any(|p| !p.is_empty() && last.windows(p.len()).any(|w| w == &p[..])))
    }

    /// The tallies of a sentence: two whole numbers joined by a dash or by
    /// "to" ("7-4", "eight votes to three", "60 to 40"), with a word of a
    /// vote or contest (`tally_words`) within six words of them or between
    /// them. `numbers` are the sentence's numbers, in order.
    pub fn tallies(&self, text: &str, numbers: &[super::numbers::NumberMatch]) -> Vec<Tally> {
        let mut out = Vec::new();
        let whole = |m: &super::numbers::NumberMatch| {
            m.kind == super::numbers::NumberKind::Cardinal
                && m.unit.is_none()
                && m.value.fract() == 0.0
                && (0.0..1e6).contains(&m.value)
        };
        for pair in numbers.windows(2) {
            let (x, y) = (&pair[0], &pair[1]);
            if !whole(x) || !whole(y) || x.span.end > y.span.start {
                continue;
            }
            let gap = norm(text[x.span.end..y.span.start].trim());
            let gap_words: Vec<&str> = gap.split_whitespace().collect();
            let joined = matches!(gap.as_str(), "-" | "–" | "to" | "-to-")
                || matches!(gap_words.as_slice(), [v, "to"] if self.tally_words.contains(&v.to_string()));
            if !joined {
                continue;
            }
            let near = |w: &Word| self.tally_words.contains(&norm(w.text));
            let before = words(&text[..x.span.start]);
            let after = words(&text[y.span.end..]);
            let voted = gap_words.len() == 2
                || before.iter().rev().take(6).take_while(|w| is_word(w.text)).any(near)
                || after.iter().take(6).take_while(|w| is_word(w.text)).any(near);
            if voted {
                out.push(Tally {
                    span: Span::new(x.span.start, y.span.end),
                    more: x.value.max(y.value),
                    fewer: x.value.min(y.value),
                });
            }
        }
        out
    }

    /// The shares of a sentence written as a proportion: a whole number,
    /// "in" or "out of", and a larger whole number of ten or less or a
    /// power of ten ("nine in ten members", "two out of three voters", "one
    /// in 100"), not followed by a unit (`proportion_blockers`: "two in 10
    /// days"): the span from the first number to the second, and the share
    /// in percent. `numbers` are the sentence's numbers, in order.
    pub fn proportions(&self, text: &str, numbers: &[super::numbers::NumberMatch]) -> Vec<(Span, f64)> {
        let whole = |m: &super::numbers::NumberMatch| {
            m.kind == super::numbers::NumberKind::Cardinal && m.unit.is_none() && m.value.fract() == 0.0
        };
        let base = |v: f64| (2.0..=10.0).contains(&v) || [100.0, 1000.0].contains(&v);
        numbers
            .windows(2)
            .filter(|pair| {
                let (x, y) = (&pair[0], &pair[1]);
                whole(x)
                    && whole(y)
                    && x.span.end <= y.span.start
                    && x.value >= 1.0
                    && x.value < y.value
                    && base(y.value)
            })
            .filter(|pair| matches!(norm(text[pair[0].span.end..pair[1].span.start].trim()).as_str(), "in" | "out of"))
            .filter(|pair| {
                let next = words(&text[pair[1].span.end..]).into_iter().next();
                !next.is_some_and(|w| self.proportion_blockers.contains(&singular(&norm(w.text))))
            })
            .map(|pair| (Span::new(pair[0].span.start, pair[1].span.end), pair[0].value / pair[1].value * 100.0))
            .collect()
    }

    /// Whether a word can name what is measured: not a function word.
    fn noun_like(&self, w: &str, stop: &impl Fn(&str) -> bool) -> bool {
        let f = norm(w);
        is_word(w) && !stop(&f) && !self.not_nouns.contains(&f) && !self.level.contains(&f)
    }

    /// The noun that `[measure]` synonyms make a noun stand for
    /// ("walkout": "strike"), if any.
    pub fn synonym(&self, w: &str) -> Option<&str> {
        self.synonyms.get(&singular(&norm(w))).map(String::as_str)
    }

    fn noun(&self, w: &str) -> String {
        let s = singular(&norm(w));
        self.synonyms.get(&s).cloned().unwrap_or(s)
    }

    /// What the amount at `at` in the sentence `text` measures, or `None`
    /// when the words do not say. `counted` is the noun the quantity reader
    /// found it counts, `unit` its unit; `stop` tells function words.
    pub fn measure(
        &self,
        text: &str,
        at: Span,
        counted: Option<&str>,
        unit: Option<&str>,
        stop: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let all = words(text);
        let first = all.iter().position(|w| w.span.end > at.start)?;
        let after = all.iter().position(|w| w.span.start >= at.end).unwrap_or(all.len());
        let before: Vec<&Word> = all[..first].iter().rev().collect();
        let folded = |w: &Word| norm(w.text);
        // 1. A baseline.
        if let Some(w) = before.first() {
            if self.baseline.contains(&folded(w)) {
                return Some(BASELINE.to_string());
            }
        }
        // A part of a sum ("a crew of 19 Filipinos and two Indians") is not
        // what the sum's noun measures.
        let sum_follows = all[after..]
            .iter()
            .skip_while(|w| is_word(w.text) && !matches!(folded(w).as_str(), "and" | "plus"))
            .take(2)
            .map(&folded)
            .collect::<Vec<_>>();
        if sum_follows.len() == 2
            && matches!(sum_follows[0].as_str(), "and" | "plus")
            && (sum_follows[1].starts_with(|c: char| c.is_ascii_digit())
                || self.small_numbers.contains(&sum_follows[1]))
            && all[after..].iter().take_while(|w| !matches!(folded(w).as_str(), "and" | "plus")).count() <= 2
        {
            return None;
        }
        // A sum asked for: "seeking ₹2,000 crore", "asked the government
        // for 20 billion rupees", the verb within six words of its clause.
        if unit.is_some_and(is_currency)
            && before.iter().take(6).take_while(|w| is_word(w.text)).any(|w| self.request_verbs.contains(&folded(w)))
        {
            return Some(REQUEST.to_string());
        }
        // Hedges right before it are skipped ("by just six wickets").
        let i = before.iter().take_while(|w| self.skip.contains(&folded(w))).count();
        // A share: "came second with 31.2 percent", the verb within five
        // words of its clause.
        if unit == Some("percent")
            && before.get(i).is_some_and(|w| folded(w) == "with")
            && before[i + 1..]
                .iter()
                .take(5)
                .take_while(|w| is_word(w.text))
                .any(|w| self.share_verbs.contains(&folded(w)))
        {
            return Some(SHARE.to_string());
        }
        // Support in a vote: "93% of members voted for", "backed action by
        // 83%", the verb within three words after it or before its "by".
        if unit == Some("percent") {
            let after_verb = all[after..]
                .iter()
                .take(3)
                .take_while(|w| is_word(w.text))
                .any(|w| self.support_verbs.contains(&folded(w)));
            let by_verb = before.get(i).is_some_and(|w| folded(w) == "by")
                && before[i + 1..]
                    .iter()
                    .take(3)
                    .take_while(|w| is_word(w.text))
                    .any(|w| self.support_verbs.contains(&folded(w)));
            // "More than nine in ten members of the union who took part in
            // the ballot voted to walk out": the share opens its sentence
            // and the verb ends its subject, with no stop between.
            let opens = before.len() <= 3 && before.iter().all(|w| self.skip.contains(&folded(w)));
            let subject_verb = opens
                && all[after..]
                    .iter()
                    .take(16)
                    .take_while(|w| is_word(w.text))
                    .any(|w| self.support_verbs.contains(&folded(w)));
            if after_verb || by_verb || subject_verb {
                return Some(SUPPORT.to_string());
            }
        }
        // A margin: "<won> ... by N votes", the verb within its clause.
        if counted.is_some_and(|c| self.margin_nouns.contains(&singular(&norm(c))))
            && before.get(i).is_some_and(|w| folded(w) == "by")
            && before[i + 1..]
                .iter()
                .take(8)
                .take_while(|w| is_word(w.text) || w.text == "'" || w.text == "’")
                .any(|w| self.margin_verbs.contains(&folded(w)))
        {
            return Some(MARGIN.to_string());
        }
        // 2. What it counts: the last noun of the phrase after it.
        // A compound adjective ("the eight-storey building") qualifies the
        // noun after it too.
        let compound = at.of(text).trim_end().rsplit_once('-').is_some_and(|(_, w)| w.starts_with(char::is_alphabetic));
        if counted.is_some() || unit == Some("percent") || compound {
            let mut last = None;
            for w in &all[after..] {
                let f = folded(w);
                if !is_word(w.text) || stop(&f) || self.level.contains(&f) || self.not_nouns.contains(&f) {
                    break;
                }
                if last.is_some() && (f.ends_with("ed") || f.ends_with("ing") && !self.ing_nouns.contains(&f)) {
                    break;
                }
                last = Some(f);
            }
            if let Some(noun) = last {
                let noun = self.noun(&noun);
                return Some(self.with_fate(noun, at, &all));
            }
        }
        // 3. "<noun> of N".
        let mut i = 0;
        while i < before.len() && self.skip.contains(&folded(before[i])) && !stop(&folded(before[i])) {
            i += 1;
        }
        if before.get(i).is_some_and(|w| folded(w) == "of") {
            if let Some(noun) = before.get(i + 1).filter(|w| self.noun_like(w.text, &stop)) {
                // "overturned a Labour majority of nearly 9,000": the
                // amount that was, not the one reported.
                if before.iter().skip(i + 2).take(3).any(|w| self.baseline_verbs.contains(&folded(w))) {
                    return Some(BASELINE.to_string());
                }
                return Some(self.noun(noun.text));
            }
        }
        // 4. "<noun> rose to N": a verb of level, an optional preposition.
        let mut j = 0;
        if before.get(j).is_some_and(|w| matches!(folded(w).as_str(), "to" | "at" | "by" | "of")) {
            j += 1;
        }
        if before.get(j).is_some_and(|w| self.level.contains(&folded(w))) {
            let mut k = j + 1;
            if before.get(k).is_some_and(|w| folded(w).ends_with("ly")) {
                k += 1;
            }
            if let Some(noun) = before.get(k).filter(|w| self.noun_like(w.text, &stop)) {
                return Some(self.noun(noun.text));
            }
        }
        counted
            .filter(|c| {
                is_word(c)
                    && !stop(c)
                    && !self.not_nouns.contains(&norm(c))
                    && !c.ends_with("ed")
                    && !c.ends_with("ing")
            })
            .map(|c| self.with_fate(self.noun(c), at, &all))
    }

    /// Whether the rank ending at byte `end` of `text` counts a run of
    /// occasions: "the third consecutive quarter", "the fourth straight
    /// win", "the third quarter in a row" (a phrase within five words).
    pub fn streak(&self, text: &str, end: usize) -> bool {
        let after: Vec<String> = words(&text[end.min(text.len())..]).iter().take(7).map(|w| norm(w.text)).collect();
        if after.first().is_some_and(|w| self.streak_words.contains(w)) {
            return true;
        }
        let stop = after.iter().position(|w| !is_word(w)).unwrap_or(after.len());
        self.streak_phrases.iter().any(|p| (1..stop).any(|i| i + p.len() <= stop && after[i..i + p.len()] == p[..]))
    }

    /// What the phrase right before or right after the length of time at
    /// `at` says it is (`duration_readings`): "a mission life of seven
    /// years" is a lifetime, "eight months without a mayor" a vacancy.
    pub fn duration_reading(&self, text: &str, at: Span) -> Option<&str> {
        let all = words(text);
        let first = all.iter().position(|w| w.span.end > at.start)?;
        let after = all.iter().position(|w| w.span.start >= at.end).unwrap_or(all.len());
        let before: Vec<String> = all[first.saturating_sub(4)..first].iter().map(|w| norm(w.text)).collect();
        let next: Vec<String> = all[after..].iter().take(4).map(|w| norm(w.text)).collect();
        self.duration_readings
            .iter()
            .find(|r| r.before.iter().any(|p| before.ends_with(p)) || r.after.iter().any(|p| next.starts_with(p)))
            .map(|r| r.head.as_str())
    }

    /// Whether reports of one event tell of one value of this head only, so
    /// that two reports' values pair by it with no other word shared: a
    /// tally ("ruling 8-3", "The justices voted 7-4"), a sum asked for
    /// ("seeking Rs 1,500 crore", "asked the federal government for 20
    /// billion rupees"), and the lengths of time
    /// [`DurationReading::one_per_story`] says. A report that gives two
    /// values of the head is not paired by it at all.
    pub fn one_per_story(&self, head: &str) -> bool {
        head == TALLY || head == REQUEST || self.duration_readings.iter().any(|r| r.one_per_story && r.head == head)
    }

    /// Whether the length of time at `at` extends something: "for a
    /// further six months", "extended for another four months", "an
    /// extension of 90 days" ([`EXTENSION`]).
    pub fn extension(&self, text: &str, at: Span) -> bool {
        let all = words(text);
        let Some(first) = all.iter().position(|w| w.span.end > at.start) else { return false };
        let before: Vec<String> = all[..first].iter().rev().take(6).map(|w| norm(w.text)).collect();
        let clause = before.iter().take_while(|w| is_word(w)).count();
        let next = before.iter().find(|w| !matches!(w.as_str(), "a" | "an"));
        next.is_some_and(|w| self.extension_words.contains(w))
            || before[..clause].iter().any(|w| self.extension_verbs.contains(w))
    }

    /// What a length of time is given for, when a noun says it: the object
    /// of its verb before it ("gave parliament 120 days", "present a plan
    /// within 90 days") or after it ("three months to present the plan").
    pub fn duration_object(&self, text: &str, at: Span, stop: impl Fn(&str) -> bool) -> Option<String> {
        let all = words(text);
        let first = all.iter().position(|w| w.span.end > at.start)?;
        let after = all.iter().position(|w| w.span.start >= at.end).unwrap_or(all.len());
        let folded = |w: &Word| norm(w.text);
        let skip = |f: &str| self.duration_skip.iter().any(|s| s == f) || self.skip.iter().any(|s| s == f);
        let before = all[..first].iter().rev().find(|w| !skip(&folded(w)));
        if let Some(w) = before.filter(|w| self.object_like(w.text, &stop)) {
            return Some(self.noun(w.text));
        }
        // "to <verb> the <noun>".
        let rest: Vec<String> = all[after..].iter().take(5).map(folded).collect();
        if rest.first().map(String::as_str) == Some("to") && rest.len() >= 3 {
            let noun = rest[2..].iter().find(|w| !stop(w))?;
            let original = all[after..].iter().find(|w| folded(w) == *noun)?;
            return self.object_like(original.text, &stop).then(|| self.noun(original.text));
        }
        None
    }

    /// A noun that can be an object: a plain lowercase word that is no
    /// function word, verb form or adjective ending.
    fn object_like(&self, w: &str, stop: &impl Fn(&str) -> bool) -> bool {
        let f = norm(w);
        let participle = f.ends_with("ed") || f.ends_with("ing") && !self.ing_nouns.contains(&f);
        // A proper noun is a name, unless the rules know it as a body
        // ("gave Parliament 120 days").
        let known = || {
            let s = singular(&f);
            self.synonyms.contains_key(&s) || self.synonyms.values().any(|v| *v == s)
        };
        self.noun_like(w, stop)
            && (w.chars().next().is_some_and(char::is_lowercase) || known())
            && !participle
            && !self.not_objects.contains(&f)
    }

    /// `noun`, or `noun/fate` for a count of people whose clause says what
    /// happened to them (the nearest fate word within six words).
    fn with_fate(&self, noun: String, at: Span, all: &[Word]) -> String {
        if !self.people.contains(&noun) {
            return noun;
        }
        let near = all
            .iter()
            .filter(|w| w.span.end + 60 >= at.start && w.span.start <= at.end + 60)
            .filter_map(|w| self.fates.get(&norm(w.text)).map(|f| (w.span.start.abs_diff(at.start), f)))
            .min_by_key(|(d, _)| *d);
        match near {
            Some((_, fate)) => format!("{noun}/{fate}"),
            None => noun,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> MeasureReader {
        let r = crate::rules::Rules::built_in().unwrap();
        MeasureReader::new(&r.quantities.measure).unwrap()
    }

    fn measure(text: &str, number: &str, counted: Option<&str>, unit: Option<&str>) -> Option<String> {
        let start = text.find(number).unwrap();
        let lexicon = crate::terms::Lexicon::new(&crate::rules::Rules::built_in().unwrap());
        reader().measure(text, Span::new(start, start + number.len()), counted, unit, |w| lexicon.is_stopword(w))
    }

    #[test]
    fn the_noun_an_amount_is_of() {
        assert_eq!(
            measure("The quake struck at a depth of 35 kilometers.", "35 kilometers", None, Some("km")).as_deref(),
            Some("depth")
        );
        assert_eq!(measure("She won with a majority of 1,284.", "1,284", None, None).as_deref(), Some(MARGIN));
        assert_eq!(
            measure("The company reported net profit of $621mn, against $488mn.", "$621mn", None, Some("USD"))
                .as_deref(),
            Some("profit")
        );
    }

    #[test]
    fn a_share_written_as_a_proportion() {
        let r = reader();
        let rules = crate::rules::Rules::built_in().unwrap();
        let numbers = super::super::numbers::NumberFinder::new(&rules.numbers).unwrap();
        let p = |s: &str| {
            r.proportions(s, &numbers.find(s, &[]))
                .into_iter()
                .map(|(span, share)| (span.of(s).to_string(), (share * 10.0).round() / 10.0))
                .collect::<Vec<_>>()
        };
        assert_eq!(p("Nine in ten members voted to walk out."), vec![("Nine in ten".to_string(), 90.0)]);
        assert_eq!(p("Two out of three voters backed the plan."), vec![("Two out of three".to_string(), 66.7)]);
        assert_eq!(p("One in 100 children is affected."), vec![("One in 100".to_string(), 1.0)]);
        // No share: a unit after it, a base that is no proportion's, a
        // larger first number.
        assert!(p("Rebels killed two in 10 days of fighting.").is_empty());
        assert!(p("Three in 40 minutes, then a fourth.").is_empty());
        assert!(p("They won 12 in 17 games.").is_empty());
        assert!(p("Five in three districts reported damage.").is_empty());
        // A share opening its sentence whose verb of backing ends its
        // subject is the support a motion won.
        let pc = |s: &str, n: &str| measure(s, n, None, Some("percent"));
        let s = "More than nine in ten members of the union who took part in the ballot voted to walk out.";
        assert_eq!(pc(s, "More than nine in ten").as_deref(), Some(SUPPORT));
        let s = "Nine in ten members of the union said pay was too low, and most voted to walk out.";
        assert_ne!(pc(s, "Nine in ten").as_deref(), Some(SUPPORT));
    }

    #[test]
    fn a_tally_of_a_vote() {
        let r = reader();
        let rules = crate::rules::Rules::built_in().unwrap();
        let numbers = super::super::numbers::NumberFinder::new(&rules.numbers).unwrap();
        let t = |s: &str| {
            r.tallies(s, &numbers.find(s, &[]))
                .into_iter()
                .map(|t| (t.span.of(s).to_string(), t.more, t.fewer))
                .collect::<Vec<_>>()
        };
        assert_eq!(t("The justices voted 7-4 in favor of the lawsuit."), vec![("7-4".to_string(), 7.0, 4.0)]);
        assert_eq!(t("The court ruled 8-3 that the state had failed."), vec![("8-3".to_string(), 8.0, 3.0)]);
        assert_eq!(
            t("The court voted by eight votes to three on Thursday."),
            vec![("eight votes to three".to_string(), 8.0, 3.0)]
        );
        assert_eq!(t("The bill passed 60 to 40 in the Senate."), vec![("60 to 40".to_string(), 60.0, 40.0)]);
        // Without a vote, two numbers are a range or two amounts.
        assert!(t("Temperatures will reach 30-35 degrees this week.").is_empty());
        assert!(t("Between 8 and 10 people were hurt, and 12 to 15 houses burned.").is_empty());
        // A vote word beyond a full stop or a comma's clause is not near.
        assert!(t("The vote is on Friday. Prices rose 3-4 percent.").is_empty());
    }

    #[test]
    fn what_a_length_of_time_is_by_the_phrase_next_to_it() {
        let r = reader();
        let reading = |s: &str, d: &str| {
            let at = s.find(d).unwrap();
            r.duration_reading(s, Span::new(at, at + d.len())).map(str::to_string)
        };
        assert_eq!(reading("It has a mission life of seven years.", "seven years").as_deref(), Some("lifetime"));
        assert_eq!(reading("It is designed to last 10 years.", "10 years").as_deref(), Some("lifetime"));
        assert_eq!(
            reading("Firefighters brought the blaze under control after five hours.", "five hours").as_deref(),
            Some("containment")
        );
        assert_eq!(
            reading("It took 18 units more than seven hours to douse the flames.", "more than seven hours").as_deref(),
            Some("containment")
        );
        assert_eq!(reading("The post had been vacant for five months.", "five months").as_deref(), Some("vacancy"));
        assert_eq!(
            reading("Her victory comes after eight months without a mayor.", "eight months").as_deref(),
            Some("vacancy")
        );
        // A visit expected to last two days is no lifetime.
        assert_eq!(reading("The visit is expected to last two days.", "two days"), None);
        assert!(r.one_per_story("lifetime") && r.one_per_story(TALLY) && !r.one_per_story("vacancy"));
        assert!(!r.one_per_story("people/killed"));
    }

    #[test]
    fn a_winning_margin() {
        let m = |text: &str, n: &str, counted: &str| measure(text, n, Some(counted), None);
        assert_eq!(m("Thornby won by 1,248 votes on a turnout of 34.6%.", "1,248", "votes").as_deref(), Some(MARGIN));
        assert_eq!(m("She beat Labour's Amir Sadiq by 1,284 votes.", "1,284", "votes").as_deref(), Some(MARGIN));
        assert_eq!(m("India beat Australia by just six wickets.", "six", "wickets").as_deref(), Some(MARGIN));
        // Votes cast, not a margin; and "by" without a verb of winning.
        assert_eq!(m("Thornby polled 14,120 votes.", "14,120", "votes").as_deref(), Some("vote"));
        assert_eq!(m("Turnout rose by 3,000 votes on the last election.", "3,000", "votes").as_deref(), Some("vote"));
    }

    #[test]
    fn a_sum_asked_for() {
        let inr = |text: &str, n: &str| measure(text, n, None, Some("INR"));
        assert_eq!(
            inr("Selvaraj wrote to the Union government seeking ₹2,000 crore as relief.", "₹2,000 crore").as_deref(),
            Some(REQUEST)
        );
        assert_eq!(
            inr("He sought an immediate release of Rs 1,500 crore from the fund.", "Rs 1,500 crore").as_deref(),
            Some(REQUEST)
        );
        assert_eq!(
            inr("The state has asked the federal government for 20 billion rupees.", "20 billion rupees").as_deref(),
            Some(REQUEST)
        );
        // Not a sum of money, or not asked for.
        assert_eq!(measure("They asked for 200 more trucks.", "200", Some("trucks"), None).as_deref(), Some("truck"));
        assert_eq!(inr("The Centre released Rs 1,500 crore. Officials asked.", "Rs 1,500 crore"), None);
    }

    #[test]
    fn the_support_a_motion_won() {
        let pc = |s: &str, n: &str| measure(s, n, None, Some("percent"));
        assert_eq!(
            pc("In a ballot last month, 93% of members voted for strike action on a turnout of 71%.", "93%").as_deref(),
            Some(SUPPORT)
        );
        assert_ne!(
            pc("In a ballot last month, 93% of members voted for strike action on a turnout of 71%.", "71%").as_deref(),
            Some(SUPPORT)
        );
        assert_eq!(pc("Members backed action by 83% in a ballot last month.", "83%").as_deref(), Some(SUPPORT));
        assert_ne!(pc("Shares rose by 8% after the results.", "8%").as_deref(), Some(SUPPORT));
    }

    #[test]
    fn a_share_of_a_vote() {
        let pc = |text: &str, n: &str| measure(text, n, None, Some("percent"));
        assert_eq!(
            pc("Radu Pop came second with 31.2 percent, while Cozma was third.", "31.2 percent").as_deref(),
            Some(SHARE)
        );
        assert_eq!(pc("PSD candidate Radu Pop came in second with 32.1%.", "32.1%").as_deref(), Some(SHARE));
        assert_eq!(pc("Mureșan won with 52 percent of the vote.", "52 percent").as_deref(), Some(SHARE));
        assert_ne!(pc("The index closed with 2% gains.", "2%").as_deref(), Some(SHARE));
    }

    #[test]
    fn a_length_of_time_that_extends() {
        let r = reader();
        let ext = |text: &str, d: &str| {
            let start = text.find(d).unwrap();
            r.extension(text, Span::new(start, start + d.len()))
        };
        assert!(ext("Germany will keep its border controls for a further six months.", "six months"));
        assert!(ext("The checks would be extended for another four months.", "four months"));
        assert!(ext("The mandate was extended by 90 days.", "90 days"));
        assert!(!ext("The checks have been in place for six months.", "six months"));
        assert!(!ext("It was extended, officials said, after six months.", "six months"));
    }

    #[test]
    fn a_rank_that_counts_a_run() {
        let r = reader();
        let streak = |text: &str, rank: &str| r.streak(text, text.find(rank).unwrap() + rank.len());
        assert!(streak("It was the company's third consecutive quarter of profit growth.", "third"));
        assert!(streak("It marked the group's fourth straight quarter of rising profits.", "fourth"));
        assert!(streak("This is the third quarter in a row with higher profit.", "third"));
        assert!(!streak("Third-quarter profit rose to $612 million.", "Third"));
        assert!(!streak("The third quarter was weaker, in a row of bad results.", "third"));
    }

    #[test]
    fn the_subject_of_a_verb_of_level() {
        assert_eq!(
            measure("Net profit rose to $612 million in the quarter.", "$612 million", None, Some("USD")).as_deref(),
            Some("profit")
        );
    }

    #[test]
    fn what_a_length_of_time_is_given_for() {
        let r = reader();
        let lexicon = crate::terms::Lexicon::new(&crate::rules::Rules::built_in().unwrap());
        let object = |text: &str, d: &str| {
            let start = text.find(d).unwrap();
            r.duration_object(text, Span::new(start, start + d.len()), |w| lexicon.is_stopword(w))
        };
        assert_eq!(
            object("The court gave parliament 120 days to re-enact it.", "120 days").as_deref(),
            Some("parliament")
        );
        assert_eq!(object("The court gave lawmakers 90 days.", "90 days").as_deref(), Some("parliament"));
        assert_eq!(
            object("The court gave Parliament 120 days to cure the defects.", "120 days").as_deref(),
            Some("parliament")
        );
        assert_eq!(object("The court gave Ruto 120 days to cure the defects.", "120 days").as_deref(), Some("defect"));
        assert_eq!(object("It must present a plan within 90 days.", "90 days").as_deref(), Some("plan"));
        assert_eq!(object("It has three months to present the plan.", "three months").as_deref(), Some("plan"));
        assert_eq!(object("Schools were closed for three days.", "three days"), None);
    }

    #[test]
    fn a_baseline_is_not_the_amount_reported() {
        assert_eq!(
            measure("Net profit rose to $612 million from $488 million.", "$488 million", None, Some("USD")).as_deref(),
            Some(BASELINE)
        );
    }

    #[test]
    fn what_is_counted_with_the_fate_of_people() {
        assert_eq!(
            measure("The city has received 74% excess rainfall since October.", "74%", None, Some("percent"))
                .as_deref(),
            Some("rainfall")
        );
        assert_eq!(
            measure("Some 460 firefighters were battling the fire.", "Some 460", Some("firefighter"), None).as_deref(),
            Some("firefighter")
        );
        assert_eq!(
            measure("Twelve people were killed in the crash.", "Twelve", Some("people"), None).as_deref(),
            Some("people/killed")
        );
        assert_eq!(
            measure("Fifteen people were injured in the crash.", "Fifteen", Some("people"), None).as_deref(),
            Some("people/injured")
        );
        assert_eq!(measure("Police seized 3,400 firearms.", "3,400", Some("firearm"), None).as_deref(), Some("weapon"));
        assert_eq!(
            measure(
                "It started on the third floor of the eight-storey building in Gazipur.",
                "eight-storey",
                None,
                Some("storey")
            )
            .as_deref(),
            Some("building")
        );
        // A part of a sum, and an amount that was.
        assert_eq!(measure("The crew of 19 Filipinos and two Indians were airlifted.", "19", None, None), None);
        assert_eq!(
            measure("Reform has overturned a Labour majority of nearly 9,000 to win.", "nearly 9,000", None, None)
                .as_deref(),
            Some(BASELINE)
        );
    }
}
