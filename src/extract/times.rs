//! Stage: extract. Finds the temporal expressions that are not calendar
//! dates: times of day, durations, recurrences, quarters, seasons, decades
//! and reference words.
//!
//! Input: one sentence of normalised text, its number matches (from
//! `numbers.rs`, so that "two-day" and "four years" reuse one reading of
//! numbers) and the document creation time. Output: [`TimeMatch`]es with
//! byte spans relative to the sentence, a TIMEX3 type and value
//! (`2025-12-04T16:30`, `P2D`, `P1Y`, `1989-Q3`, `2025-SU`, `199`,
//! `PRESENT_REF`).
//!
//! The vocabulary is `rules/timex.toml` ([`TimexRules`]); [`TimeFinder::new`]
//! compiles it into a few regexes, each run once over the sentence.

use crate::calendar::PartialDate;
use crate::extract::numbers::{NumberKind, NumberMatch};
use crate::normalize::fold_words as norm;
use crate::pattern::{Caps as Captures, Re as Regex};
use crate::span::Span;
use crate::timex::TimexType;
use chrono::{Datelike, Days, Months, NaiveDate};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

/// `rules/timex.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimexRules {
    /// `[word, unit]`: unit words and their TIMEX3 letters (`T` first for
    /// units of time of day).
    pub units: Vec<[String; 2]>,
    /// Words before a count that belong to a duration.
    pub duration_lead: Vec<String>,
    /// Words standing for an unknown count.
    pub vague_counts: Vec<String>,
    /// Words standing for two.
    pub couple: Vec<String>,
    /// Words standing for one more ("another year", "an additional year").
    #[serde(default)]
    pub one_more: Vec<String>,
    /// Words between a count and its unit that keep it a duration ("eight
    /// trading days", "20 more years").
    #[serde(default)]
    pub unit_qualifiers: Vec<String>,
    /// Words before a bare plural unit that make it a duration ("for weeks").
    pub plural_unit_lead: Vec<String>,
    /// Plural units that may stand alone ("years", "centuries").
    pub plural_units: Vec<String>,
    /// Words after a plural unit opening a sentence that make it a stretch
    /// of time ("Days of heavy rain", "Hours after the blast"); read by the
    /// TIMEX3 tagger (`crate::timex`).
    #[serde(default)]
    pub opening_unit_followers: Vec<String>,
    /// Words after such a unit that belong to it ("the weeks ahead").
    #[serde(default)]
    pub plural_unit_ahead: Vec<String>,
    /// Words after a duration that make it a point in the past.
    pub ago: Vec<String>,
    /// Words of `duration_lead` that are also verbs ("last").
    #[serde(default)]
    pub verb_leads: Vec<String>,
    /// Words before such a lead that make it the verb ("could last several
    /// days").
    #[serde(default)]
    pub verb_lead_blockers: Vec<String>,
    /// Words after a duration that make it a point in the future ("two
    /// weeks from now").
    #[serde(default)]
    pub hence: Vec<String>,
    /// Words of `ago` that do so only with nothing but punctuation after
    /// them ("a week before," but not "two days before the vote").
    #[serde(default)]
    pub ago_alone: Vec<String>,
    /// Endings that make a unit an adjective of length ("decade-long").
    #[serde(default)]
    pub long_endings: Vec<String>,
    /// Words before "a"/"an" and a unit that halve it ("half an hour").
    #[serde(default)]
    pub half: Vec<String>,
    /// `[word, value]` recurrences.
    pub set_words: Vec<[String; 2]>,
    /// Words before a unit that make a recurrence.
    pub set_lead: Vec<String>,
    /// Words before "a `unit`" that make a recurrence ("twice a day").
    pub set_frequency: Vec<String>,
    /// `[word, value]` reference words.
    pub references: Vec<[String; 2]>,
    /// Words after a reference word that make it something else.
    pub reference_blockers: Vec<String>,
    /// Counts after a reference phrase with "the" that make it something
    /// else ("the past three summers").
    #[serde(default)]
    pub reference_count_blockers: Vec<String>,
    /// `[word, code]` parts of a day.
    pub day_parts: Vec<[String; 2]>,
    /// `(word, day offset)` before a part of a day.
    pub day_part_lead: Vec<(String, i64)>,
    /// Words after a clock time naming its zone.
    pub time_zone_words: Vec<String>,
    /// `[zone, offset]`: zones whose offset from UTC is known (`IST`,
    /// `+05:30`; "Moscow time", `+03:00`).
    #[serde(default)]
    pub zone_offsets: Vec<[String; 2]>,
    /// Words before a clock time that make it approximate, with the
    /// minutes either side they allow.
    #[serde(default)]
    pub time_hedges: Vec<(String, i64)>,
    /// `(word, quarter)`: 1..=4, 0 the last completed, -1 the current.
    pub quarter_words: Vec<(String, i64)>,
    /// Nouns that stand for a quarter after one of `quarter_noun_words`
    /// ("the latest period").
    #[serde(default)]
    pub quarter_nouns: Vec<String>,
    /// The words of `quarter_words` such a noun needs.
    #[serde(default)]
    pub quarter_noun_words: Vec<String>,
    /// `(season, code, month it ends in)`.
    pub seasons: Vec<(String, String, u32)>,
    /// `(modifier, direction)` before a month name.
    pub month_modifiers: Vec<(String, i64)>,
    /// The twelve month names.
    pub months: Vec<String>,
    /// Phrases naming a weekend.
    pub weekend: Vec<String>,
    /// Words for the end of the year ("year-end", "year's end").
    #[serde(default)]
    pub year_end: Vec<String>,
    /// Words before such a phrase that make it the end of the last year
    /// ("since year-end").
    #[serde(default)]
    pub year_end_since: Vec<String>,
    /// Zones after a four-digit wire-style clock time ("0342 GMT", "1400
    /// local time"); GMT and UTC when empty.
    #[serde(default)]
    pub wire_time_zones: Vec<String>,
    /// `[word, century]`: first words of a year read aloud ("nineteen").
    #[serde(default)]
    pub spoken_centuries: Vec<(String, i32)>,
    /// `[word, n]`: tens words of a year read aloud ("ninety").
    #[serde(default)]
    pub spoken_tens: Vec<(String, i32)>,
    /// `[word, n]`: unit and teen words of a year read aloud ("six").
    #[serde(default)]
    pub spoken_units: Vec<(String, i32)>,
    /// `[words, year]`: whole thousands read aloud after "the year".
    #[serde(default)]
    pub spoken_thousands: Vec<(String, i32)>,
    /// Weekend phrases naming the weekend of the week of publication.
    #[serde(default)]
    pub weekend_this: Vec<String>,
    /// Words before a fiscal year.
    pub fiscal: Vec<String>,
    /// `[name, rule]` holidays.
    pub holidays: Vec<[String; 2]>,
    /// Letters before a quarter number ("Q3").
    pub quarter_prefix: Vec<String>,
    /// Parts of a period ("the end of the month").
    pub period_parts: Vec<String>,
    /// Periods those parts apply to.
    pub period_units: Vec<String>,
    /// `[part, code]`: halves of a year as parts of a period ("first
    /// half", `H1`).
    #[serde(default)]
    pub period_halves: Vec<[String; 2]>,
    /// Words after "the" and a unit of `period_ended_units` that make it a
    /// duration ("the year ended June 30").
    #[serde(default)]
    pub period_ended: Vec<String>,
    /// Units that word applies to ("year", "fiscal year").
    #[serde(default)]
    pub period_ended_units: Vec<String>,
    /// Lead words of a recurrence that make it every second unit ("every
    /// other week").
    #[serde(default)]
    pub set_alternate: Vec<String>,
    /// `(word, tens)`: decades written in words ("nineties", 9).
    #[serde(default)]
    pub spoken_decades: Vec<(String, i32)>,
    /// Locale -> "MDY" or "DMY"; `default` for the rest.
    pub numeric_dates: std::collections::BTreeMap<String, String>,
    /// Phrases for the same period a year before.
    pub year_ago: Vec<String>,
    /// `(phrase, unit, offset)`: expressions of the date last mentioned in
    /// the text ("the following year": that year plus one).
    #[serde(default)]
    pub anaphora: Vec<(String, String, i64)>,
    /// Words before such a phrase that belong to it ("later that year").
    #[serde(default)]
    pub anaphora_lead: Vec<String>,
    /// Examples checked by a test.
    #[serde(default)]
    pub examples: Vec<TimexExample>,
}

/// One example of `rules/timex.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimexExample {
    /// A sentence.
    pub text: String,
    /// Its creation time, `YYYY-MM-DD`.
    pub dct: String,
    /// `[text, type, value]` of every expression the finder must give.
    pub expect: Vec<[String; 3]>,
}

/// A temporal expression that is not a calendar date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMatch {
    /// Bytes within the sentence.
    pub span: Span,
    /// Its TIMEX3 type.
    pub kind: TimexType,
    /// Its TIMEX3 value.
    pub value: String,
}

/// An expression of a date relative to the one last mentioned ("the
/// following day"), found by [`TimeFinder::anaphora`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anaphor {
    /// Bytes within the sentence.
    pub span: Span,
    /// `year`, `month`, `week` or `day`.
    pub unit: String,
    /// How many units after (before, when negative) the date last mentioned.
    pub offset: i64,
}

/// Which of the finder's patterns can match a sentence
/// ([`TimeFinder::open`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open(u64);

/// Compiled matchers.
#[derive(Debug)]
pub struct TimeFinder {
    units: HashMap<String, String>,
    count: Regex,
    vague: Regex,
    span_of_units: Regex,
    set: Regex,
    set_freq: Regex,
    reference: Regex,
    clock: Regex,
    part: Regex,
    quarter: Regex,
    /// Words before a noun of `quarter_nouns` that make it a quarter.
    quarter_noun_words: Vec<String>,
    season: Regex,
    decade: Regex,
    month_rel: Regex,
    weekend: Regex,
    fiscal: Regex,
    holiday: Regex,
    holidays: HashMap<String, String>,
    year_ago: Regex,
    century: Regex,
    quarter_code: Regex,
    period: Regex,
    /// Halves of a year as parts of a period, and their codes.
    halves: HashMap<String, String>,
    /// "the year ended June 30": a duration.
    ended: Regex,
    /// The words of `period_ended`, a cheap test before that pattern.
    ended_words: Vec<String>,
    /// Lead words that make a recurrence every second unit.
    alternate: Vec<String>,
    /// Recurrence words and their values.
    set_values: HashMap<String, String>,
    /// Decades written in words and their tens.
    decade_words: HashMap<String, i32>,
    numeric: Regex,
    military: Regex,
    anaphora: Regex,
    anaphora_units: HashMap<String, (String, i64)>,
    zone_offsets: Vec<(String, i64)>,
    time_hedges: Vec<(String, i64)>,
    /// The gate of the anaphora, the last pattern gated.
    anaphora_gate: u64,
    orders: HashMap<String, bool>,
    month_mods: HashMap<String, i64>,
    month_index: HashMap<String, u32>,
    refs: HashMap<String, String>,
    blockers: Vec<String>,
    count_blockers: Vec<String>,
    parts: HashMap<String, String>,
    part_lead: HashMap<String, i64>,
    quarters: HashMap<String, i64>,
    seasons: HashMap<String, (String, u32)>,
    vague_words: Vec<String>,
    couple: Vec<String>,
    one_more: Vec<String>,
    leads: Vec<String>,
    set_leads: Vec<String>,
    ago_alone: Vec<String>,
    verb_leads: Vec<String>,
    verb_lead_blockers: Vec<String>,
    half: Vec<String>,
    weekend_this: Vec<String>,
    /// "decade-long", "weeklong": a unit made an adjective of length.
    long: Regex,
    /// Wire-style zones as written, a cheap test before their pattern.
    wire_zones: aho_corasick::AhoCorasick,
    /// The endings of those, lowercase, as a cheap test before the pattern.
    long_endings: Vec<String>,
    /// "year-end", "year's end".
    year_end: Regex,
    /// Years read aloud ("nineteen ninety-six"), after a month or not.
    spoken: Regex,
    /// The words of years read aloud and their values.
    spoken_words: HashMap<String, i32>,
    /// Their century words ("nineteen": 19).
    spoken_centuries: HashMap<String, i32>,
    /// For each pattern, words one of which it needs (on a lowercased copy
    /// of the sentence): checking them is far cheaper than running the
    /// pattern, and most sentences need few of the patterns.
    gates: crate::pattern::Gates,
}

use crate::pattern::factored as alt;
use crate::pattern::{gate_word, Gates, Need};

/// The gate of the first pattern (counts of units): it opens on unit words.
const UNIT_GATE: u64 = 1;
use crate::pattern::factored as alternation;

impl TimeFinder {
    /// Compiles the rules.
    pub fn new(r: &TimexRules) -> Result<TimeFinder, String> {
        let units: HashMap<String, String> = r.units.iter().map(|[w, u]| (norm(w), u.clone())).collect();
        let unit = format!(r"(?:{})(?:s|es)?", alt(units.keys()));
        let ago = alt(&r.ago);
        let hence = alt(&r.hence);
        // ASCII word boundaries keep every pattern on the fast DFA engines.
        let build = |name: &str, re: String| {
            Regex::new(&re.replace(r"\b", r"(?-u:\b)")).map_err(|e| format!("rules/timex.toml: {name}: {e}"))
        };
        let count = build(
            "counts",
            format!(
                r"(?i)^(?:\s+(?P<frac>1/2|½))?(?P<half>[\s-]+and[\s-]+a[\s-]+half)?(?:\s+(?:{}))?\s+(?P<unit>{unit})\b(?:\s+(?:(?P<ago>{ago})|(?P<hence>{hence}))\b)?",
                alt(&r.unit_qualifiers)
            ),
        )?;
        let long = build("lengths", format!(r"(?i)\b(?P<unit>{unit})(?:{})\b", alt(&r.long_endings)))?;
        let span_of_units = build(
            "plural units",
            format!(
                r"(?i)\b(?P<lead>{})\s+(?P<unit>{})\b(?:\s+(?P<ahead>{})\b)?",
                alternation(&r.plural_unit_lead),
                alternation(&r.plural_units),
                alternation(&r.plural_unit_ahead)
            ),
        )?;
        let vague = build(
            "vague counts",
            format!(
                r"(?i)\b(?P<v>{}|{}|{}|a|an|one)\s+(?P<unit>{unit})\b(?P<half>\s+and\s+a\s+half\b)?(?:\s+(?:(?P<ago>{ago})|(?P<hence>{hence}))\b)?",
                alt(&r.vague_counts),
                alt(&r.couple),
                alt(&r.one_more)
            ),
        )?;
        let weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
        let parts = alt(r.day_parts.iter().filter(|[_, c]| c.chars().all(|c| c.is_ascii_uppercase())).map(|[w, _]| w));
        let set = build(
            "sets",
            format!(
                r"(?i)\b(?:(?P<lead>{})\s+(?P<what>{unit}|{weekdays}|{}|{}|{parts})|(?P<word>{})|(?P<wd>{weekdays})(?:s|\s+(?P<dp>{parts})s))\b",
                alt(&r.set_lead),
                alt(&r.months),
                alt(r.seasons.iter().map(|(w, _, _)| w)),
                alt(r.set_words.iter().map(|[w, _]| w))
            ),
        )?;
        let set_freq = build(
            "frequencies",
            format!(r"(?i)\b(?:{})\s+(?P<e>(?:a|an|per)\s+(?P<unit>{unit}))\b", alt(&r.set_frequency)),
        )?;
        let reference = build("references", format!(r"(?i)\b(?P<w>{})\b", alt(r.references.iter().map(|[w, _]| w))))?;
        let zones = alt(&r.time_zone_words);
        let clock = build(
            "clock times",
            format!(
                r"(?i)\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d)(?:\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b))?|\s*(?P<ap2>a\.m\.?|p\.m\.?|am\b|pm\b))(?:\s+(?P<zone>(?:[A-Z][a-z]+\s+)?(?:{zones})))?\b"
            ),
        )?;
        let part = build(
            "parts of the day",
            format!(
                r"(?i)\b(?:(?P<lead>{})\s*)?(?P<part>{})\b",
                alt(r.day_part_lead.iter().map(|(w, _)| w)),
                alt(r.day_parts.iter().map(|[w, _]| w))
            ),
        )?;
        let quarter = build(
            "quarters",
            format!(
                r"(?i)\b(?:the\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+)?(?:(?P<q>{})[\s-]+)?(?:fiscal\s+|calendar\s+)?(?:quarter|(?P<noun>{}))\b(?:\s+of\s+(?P<y>(?:19|20)\d\d)\b)?",
                alt(r.quarter_words.iter().map(|(w, _)| w)),
                alt(&r.quarter_nouns)
            ),
        )?;
        // A year read aloud: a century and its year ("nineteen ninety-six"),
        // or whole thousands after "the year".
        let spoken_year = format!(
            r"(?:(?:{})[\s-]+(?:(?:{})(?:[\s-]+(?:{}))?|(?:{}))|the\s+year\s+(?:{})(?:\s+and\s+(?:{}))?)",
            alt(r.spoken_centuries.iter().map(|(w, _)| w)),
            alt(r.spoken_tens.iter().map(|(w, _)| w)),
            alt(r.spoken_units.iter().filter(|(_, n)| *n < 10).map(|(w, _)| w)),
            alt(r.spoken_units.iter().filter(|(_, n)| *n >= 10).map(|(w, _)| w)),
            alt(r.spoken_thousands.iter().map(|(w, _)| w)),
            alt(r.spoken_units.iter().map(|(w, _)| w)),
        );
        let spoken =
            build("years read aloud", format!(r"(?i)\b(?:(?P<m>{})\s+)?(?P<y>{spoken_year})\b", alt(&r.months)))?;
        let mut spoken_words = HashMap::default();
        for (w, n) in r.spoken_tens.iter().chain(&r.spoken_units).chain(&r.spoken_thousands) {
            spoken_words.insert(norm(w), *n);
        }
        let season = build(
            "seasons",
            format!(
                r"\b(?i:(?P<lead>this|last|next|the|early|late|mid-?)\s+)?(?P<s>(?i:{}))(?:\s+(?:of\s+)?(?P<y>\d{{4}}|(?i:{spoken_year})))?\b",
                alt(r.seasons.iter().map(|(w, _, _)| w))
            ),
        )?;
        let month_rel = build(
            "month modifiers",
            format!(r"\b(?P<mod>(?i:{}))\s+(?P<m>{})\b", alt(r.month_modifiers.iter().map(|(w, _)| w)), alt(&r.months)),
        )?;
        let weekend = build("weekends", format!(r"(?i)\b(?:{})\b", alt(&r.weekend)))?;
        let fiscal = build("fiscal years", format!(r"\b(?i:{})\s+(?P<y>(?:19|20)\d\d)\b", alt(&r.fiscal)))?;
        let holiday = build(
            "holidays",
            format!(r"\b(?P<h>{})(?:\s+(?P<y>(?:19|20)\d\d))?\b", alt(r.holidays.iter().map(|[h, _]| h))),
        )?;
        let year_ago = build("year-ago phrases", format!(r"(?i)\b(?:{})\b", alt(&r.year_ago)))?;
        let year_end = build(
            "year ends",
            format!(r"(?i)\b(?:(?P<since>{})\s+)?(?P<e>{})\b", alt(&r.year_end_since), alt(&r.year_end)),
        )?;
        let century = build("centuries", r"(?i)\b(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b".to_string())?;
        let quarter_code = build(
            "quarter codes",
            format!(r"\b(?:{})(?P<q>[1-4])\b(?:\s+(?P<y>(?:19|20)\d\d)\b)?", alt(&r.quarter_prefix)),
        )?;
        let period = build(
            "period parts",
            format!(
                r"(?i)\bthe\s+(?P<part>{})\s+of\s+(?:(?P<rel>the(?:\s+(?:next|last|coming|past))?|this|next|last)\s+(?P<u>{})|(?P<y>(?:19|20)\d\d))\b",
                alt(r.period_parts.iter().chain(r.period_halves.iter().map(|[p, _]| p))),
                alt(&r.period_units)
            ),
        )?;
        let numeric = build(
            "numeric dates",
            r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\b".replace("(?P=sep)", "[/.]"),
        )?;
        let wire_zones = if r.wire_time_zones.is_empty() {
            vec!["GMT".to_string(), "UTC".to_string()]
        } else {
            r.wire_time_zones.clone()
        };
        let military =
            build("wire clock times", format!(r"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s+(?:{})\b", alt(&wire_zones)))?;
        let anaphora = build(
            "anaphora",
            format!(
                r"(?i)\b(?:(?:{})\s+)?(?P<a>{})\b",
                alt(&r.anaphora_lead),
                alt(r.anaphora.iter().map(|(w, _, _)| w))
            ),
        )?;
        let mut anaphora_units = HashMap::default();
        for (phrase, unit, offset) in &r.anaphora {
            if !["year", "month", "week", "day"].contains(&unit.as_str()) {
                return Err(format!(
                    "rules/timex.toml: anaphora {phrase:?}: unit {unit:?} is not year, month, week or day"
                ));
            }
            anaphora_units.insert(norm(phrase), (unit.clone(), *offset));
        }
        let mut zone_offsets = Vec::new();
        for [zone, offset] in &r.zone_offsets {
            let bad = || format!("rules/timex.toml: zone_offsets {zone:?}: {offset:?} is not like +05:30");
            let (sign, rest) = match offset.split_at_checked(1) {
                Some(("+", rest)) => (1, rest),
                Some(("-", rest)) => (-1, rest),
                _ => return Err(bad()),
            };
            let (h, m) = rest.split_once(':').ok_or_else(bad)?;
            let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            zone_offsets.push((norm(zone), sign * (h * 60 + m)));
        }
        // Longest first: "Moscow time" before "time".
        zone_offsets.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
        let mut orders = HashMap::default();
        for (locale, order) in &r.numeric_dates {
            let day_first = match order.as_str() {
                "DMY" => true,
                "MDY" => false,
                other => {
                    return Err(format!(
                        "rules/timex.toml: numeric_dates.{locale} is {other:?}; use \"MDY\" or \"DMY\""
                    ))
                }
            };
            orders.insert(locale.to_lowercase(), day_first);
        }
        // "the 1990s", "the late '80s", "the nineties" (words only after "the").
        let decade = build(
            "decades",
            format!(
                r"(?i)(?:\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?:(?P<d>1[89]\d|20\d)0'?s|'(?P<d2>\d)0s)|\bthe\s+(?:early\s+|mid-|late\s+)?(?P<w>{}))\b",
                alt(r.spoken_decades.iter().map(|(w, _)| w))
            ),
        )?;
        let ended = build(
            "period ended",
            format!(r"(?i)\bthe\s+(?P<unit>{})\s+(?:{})\b", alt(&r.period_ended_units), alt(&r.period_ended)),
        )?;
        let lower =
            |v: &[String]| v.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect::<Vec<_>>();
        let firsts = |v: &[[String; 2]]| v.iter().map(|[w, _]| w.clone()).collect::<Vec<_>>();
        let firsts2 = |v: &[(String, i32)]| v.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>();
        // "Mondays", "nights" (of "Tuesday nights"): recurrences too.
        let plural_days: Vec<String> = weekdays
            .split('|')
            .map(String::from)
            .chain(
                r.day_parts.iter().filter(|[_, c]| c.chars().all(|c| c.is_ascii_uppercase())).map(|[w, _]| w.clone()),
            )
            .map(|w| format!("{w}s"))
            .collect();
        let mut unit_words: Vec<String> = r.units.iter().map(|[w, _]| w.clone()).collect();
        unit_words.extend(r.units.iter().filter_map(|[w, _]| w.strip_suffix('y').map(|s| format!("{s}ies"))));
        let needs = vec![
            lower(&unit_words),
            lower(&r.plural_units),
            lower(&[r.set_lead.clone(), firsts(&r.set_words), plural_days.clone()].concat()),
            lower(&r.set_frequency),
            lower(&firsts(&r.references)),
            [":", "am", "pm", "a.m", "p.m", ".", "gmt", "utc"].iter().map(|w| w.to_string()).collect(),
            lower(&firsts(&r.day_parts)),
            [vec!["quarter".into()], lower(&r.quarter_nouns)].concat(),
            lower(&r.seasons.iter().map(|(w, _, _)| w.clone()).collect::<Vec<_>>()),
            [vec!["0s".into(), "0's".into()], lower(&firsts2(&r.spoken_decades))].concat(),
            lower(&r.months),
            lower(&r.weekend),
            lower(&r.fiscal),
            lower(&firsts(&r.holidays)),
            [vec!["year-".to_string()], lower(&r.year_end)].concat(),
            vec!["/".into(), ".".into()],
            lower(&r.quarter_prefix),
            lower(&[r.period_parts.clone(), firsts(&r.period_halves)].concat()),
            vec!["centur".into()],
            lower(&[firsts2(&r.spoken_centuries), firsts2(&r.spoken_thousands)].concat()),
            // The last word of an anaphor ("year" of "the following year"):
            // its first words ("the", "that") are everywhere.
            lower(
                &r.anaphora
                    .iter()
                    .filter_map(|(w, _, _)| w.split_whitespace().last().map(String::from))
                    .collect::<Vec<_>>(),
            ),
        ];
        // On ASCII text, tighter words for the same patterns: the rarest word
        // of a phrase, as a whole word where the pattern bounds it; a digit
        // and a digit around the colon or dot of a clock time or numeric date.
        let whole = |v: &[String]| v.iter().map(|w| Need::word(gate_word(w))).collect::<Vec<_>>();
        // A digit, a separator, and a digit below `next` ("9:3" of "9:30").
        let between_digits = |seps: &[char], next: u32| {
            (0..10)
                .flat_map(|d| {
                    seps.iter().flat_map(move |c| (0..next).map(move |e| Need::anywhere(format!("{d}{c}{e}"))))
                })
                .collect::<Vec<_>>()
        };
        let mut clock_words = between_digits(&[':', '.'], 6);
        clock_words.extend(["am", "pm", "a.m", "p.m", "gmt", "utc"].map(Need::word));
        let tight = vec![
            // A unit follows a space or a hyphen, and may take a plural ending.
            unit_words.iter().map(|w| Need { word: w.clone(), start: true, end: false }).collect(),
            whole(&r.plural_units),
            whole(&[r.set_lead.clone(), firsts(&r.set_words), plural_days].concat()),
            whole(&r.set_frequency),
            whole(&firsts(&r.references)),
            clock_words,
            // "this morning" may be written "thismorning".
            firsts(&r.day_parts)
                .iter()
                .map(|w| Need { word: gate_word(w).to_string(), start: false, end: true })
                .collect(),
            [vec![Need::word("quarter")], whole(&r.quarter_nouns)].concat(),
            whole(&r.seasons.iter().map(|(w, _, _)| w.clone()).collect::<Vec<_>>()),
            [vec![Need::anywhere("0s"), Need::anywhere("0's")], whole(&firsts2(&r.spoken_decades))].concat(),
            whole(&r.months),
            whole(&r.weekend),
            whole(&r.fiscal),
            whole(&firsts(&r.holidays)),
            [vec![Need::anywhere("year-")], r.year_end.iter().map(|w| Need::anywhere(w.to_lowercase())).collect()]
                .concat(),
            between_digits(&['/', '.'], 10),
            r.quarter_prefix
                .iter()
                .flat_map(|p| (1..=4).map(move |q| Need { word: format!("{}{q}", p.trim()), start: true, end: false }))
                .collect(),
            whole(&[r.period_parts.clone(), firsts(&r.period_halves)].concat()),
            vec![Need::word("century")],
            whole(&[firsts2(&r.spoken_centuries), firsts2(&r.spoken_thousands)].concat()),
            whole(&r.anaphora.iter().map(|(w, _, _)| w.clone()).collect::<Vec<_>>()),
        ];
        let anaphora_gate = 1 << (needs.len() - 1);
        let gates = Gates::split(&tight, &needs).map_err(|e| format!("rules/timex.toml: {e}"))?;
        Ok(TimeFinder {
            gates,
            units,
            count,
            vague,
            span_of_units,
            set,
            set_freq,
            reference,
            clock,
            part,
            quarter,
            season,
            decade,
            month_rel,
            weekend,
            fiscal,
            holiday,
            holidays: r.holidays.iter().map(|[h, v]| (h.clone(), v.clone())).collect(),
            year_ago,
            century,
            quarter_code,
            period,
            halves: r.period_halves.iter().map(|[p, c]| (norm(p), c.clone())).collect(),
            ended,
            ended_words: r.period_ended.iter().map(|w| w.to_lowercase()).collect(),
            alternate: r.set_alternate.iter().map(|w| norm(w)).collect(),
            set_values: r.set_words.iter().map(|[w, v]| (norm(w), v.clone())).collect(),
            decade_words: r.spoken_decades.iter().map(|(w, n)| (norm(w), *n)).collect(),
            numeric,
            military,
            anaphora,
            anaphora_units,
            zone_offsets,
            time_hedges: r.time_hedges.iter().map(|(w, m)| (norm(w), *m)).collect(),
            anaphora_gate,
            orders,
            month_mods: r.month_modifiers.iter().map(|(w, d)| (norm(w), *d)).collect(),
            month_index: r.months.iter().enumerate().map(|(i, m)| (m.clone(), i as u32 + 1)).collect(),
            refs: r.references.iter().map(|[w, v]| (norm(w), v.clone())).collect(),
            blockers: r.reference_blockers.iter().map(|w| norm(w)).collect(),
            count_blockers: r.reference_count_blockers.iter().map(|w| norm(w)).collect(),
            parts: r.day_parts.iter().map(|[w, c]| (norm(w), c.clone())).collect(),
            part_lead: r.day_part_lead.iter().map(|(w, o)| (norm(w), *o)).collect(),
            quarters: r.quarter_words.iter().map(|(w, q)| (norm(w), *q)).collect(),
            quarter_noun_words: r.quarter_noun_words.iter().map(|w| norm(w)).collect(),
            seasons: r.seasons.iter().map(|(w, c, m)| (norm(w), (c.clone(), *m))).collect(),
            vague_words: r.vague_counts.iter().map(|w| norm(w)).collect(),
            couple: r.couple.iter().map(|w| norm(w)).collect(),
            one_more: r.one_more.iter().map(|w| norm(w)).collect(),
            leads: r.duration_lead.iter().map(|w| norm(w)).collect(),
            set_leads: r.set_lead.iter().map(|w| norm(w)).collect(),
            ago_alone: r.ago_alone.iter().map(|w| norm(w)).collect(),
            verb_leads: r.verb_leads.iter().map(|w| norm(w)).collect(),
            verb_lead_blockers: r.verb_lead_blockers.iter().map(|w| norm(w)).collect(),
            half: r.half.iter().map(|w| norm(w)).collect(),
            weekend_this: r.weekend_this.iter().map(|w| norm(w)).collect(),
            long,
            long_endings: r.long_endings.iter().map(|e| e.to_lowercase()).collect(),
            // One pass for all of them: most sentences hold none.
            wire_zones: aho_corasick::AhoCorasick::new(&wire_zones)
                .map_err(|e| format!("rules/timex.toml: cannot build the wire time zones: {e}"))?,
            year_end,
            spoken,
            spoken_words,
            spoken_centuries: r.spoken_centuries.iter().map(|(w, n)| (norm(w), *n)).collect(),
        })
    }

    /// The TIMEX3 code of a part of the day (`evening`: `EV`).
    pub fn part_code(&self, word: &str) -> Option<&str> {
        self.parts.get(&norm(word)).map(String::as_str)
    }

    fn unit(&self, word: &str) -> Option<&str> {
        let w = norm(word);
        let ies = w.strip_suffix("ies").map(|s| format!("{s}y"));
        self.units
            .get(&w)
            .or_else(|| ies.as_ref().and_then(|s| self.units.get(s)))
            .or_else(|| w.strip_suffix("es").and_then(|s| self.units.get(s)))
            .or_else(|| w.strip_suffix('s').and_then(|s| self.units.get(s)))
            .map(String::as_str)
    }

    /// Whether `find` can use the number matches of `s`: only when a unit
    /// word ("days", "hours") is there to count.
    pub fn wants_numbers(&self, s: &str) -> bool {
        self.open(s).0 & UNIT_GATE != 0
    }

    /// Which patterns can match `s`: one pass over it, for a caller that
    /// asks several questions of one sentence.
    pub fn open(&self, s: &str) -> Open {
        Open(self.gates.open(s))
    }

    /// The gates [`TimeFinder::open`] reads on an ASCII sentence, to be read
    /// in one pass with other gates ([`crate::pattern::Joined`]).
    pub fn gates(&self) -> &Gates {
        &self.gates
    }

    /// What [`TimeFinder::open`] gives for a sentence whose gates were read
    /// as `mask` by a [`crate::pattern::Joined`].
    pub fn opened(&self, mask: u64) -> Open {
        Open(mask)
    }

    /// [`TimeFinder::wants_numbers`] for a sentence already gated.
    pub fn wants_numbers_open(&self, open: Open) -> bool {
        open.0 & UNIT_GATE != 0
    }

    /// Whether numeric dates of `locale` put the day first.
    pub fn day_first(&self, locale: Option<&str>) -> bool {
        locale
            .and_then(|l| self.orders.get(&l.to_lowercase()))
            .or_else(|| self.orders.get("default"))
            .copied()
            .unwrap_or(false)
    }

    /// Expressions of the date last mentioned ("that year", "the next
    /// day"); the caller knows which date that is.
    pub fn anaphora(&self, s: &str) -> Vec<Anaphor> {
        self.anaphora_open(s, self.open(s))
    }

    /// [`TimeFinder::anaphora`] for a sentence already gated.
    pub fn anaphora_open(&self, s: &str, open: Open) -> Vec<Anaphor> {
        if open.0 & self.anaphora_gate == 0 {
            return Vec::new();
        }
        self.anaphora
            .captures_iter(s)
            .filter_map(|c| {
                let (m, a) = (c.get(0)?, c.name("a")?);
                let (unit, offset) = self.anaphora_units.get(&norm(a.as_str()))?.clone();
                Some(Anaphor { span: Span::new(m.start(), m.end()), unit, offset })
            })
            .collect()
    }

    /// Finds the expressions of one sentence. `numbers` are the number
    /// matches of the same sentence; `day_first` says how to read numeric
    /// dates ([`TimeFinder::day_first`]).
    pub fn find(&self, s: &str, numbers: &[NumberMatch], dct: Option<NaiveDate>, day_first: bool) -> Vec<TimeMatch> {
        self.find_open(s, self.open(s), numbers, dct, day_first)
    }

    /// [`TimeFinder::find`] for a sentence already gated.
    pub fn find_open(
        &self,
        s: &str,
        open: Open,
        numbers: &[NumberMatch],
        dct: Option<NaiveDate>,
        day_first: bool,
    ) -> Vec<TimeMatch> {
        let open = open.0;
        let mut out = Vec::new();
        let mut push = |start: usize, end: usize, kind: TimexType, value: String| {
            out.push(TimeMatch { span: Span::new(start, end), kind, value });
        };
        let need = |i: usize| open & (1 << i) != 0;
        // Durations written as a count and a unit.
        for n in numbers.iter().filter(|n| n.kind == NumberKind::Cardinal) {
            if let Some(u) = n.unit.as_deref().and_then(|u| self.unit(u)) {
                push(n.span.start, n.span.end, TimexType::Duration, duration(n.value, u));
                continue;
            }
            // "5 percent year-on-year": a count of something else.
            if n.unit.is_some() {
                continue;
            }
            if let Some(c) = self.count.captures(&s[n.span.end..]) {
                let Some(unit) = c.name("unit") else { continue };
                let Some(u) = self.unit(unit.as_str()) else { continue };
                let (end, point) = self.ago_end(s, n.span.end, &c);
                let half = c.name("half").is_some() || c.name("frac").is_some();
                let value = if half { n.value + 0.5 } else { n.value };
                // "the 1988 second quarter": a singular "second" after a
                // count other than one is an ordinal.
                if u == "TS" && value != 1.0 && !unit.as_str().to_lowercase().ends_with('s') {
                    continue;
                }
                // "52 years old" is an age, not a stretch of time.
                if next_word(&s[end..]).is_some_and(|w| w == "old") {
                    continue;
                }
                // "every two years" is a recurrence.
                let before = s[..n.span.start].trim_end();
                let every = self.set_leads.iter().find(|l| {
                    before.to_lowercase().ends_with(l.as_str())
                        && !before[..before.len() - l.len()].ends_with(char::is_alphanumeric)
                });
                if let Some(l) = every {
                    push(before.len() - l.len(), end, TimexType::Set, duration(value, u));
                    continue;
                }
                let lead = self.lead_before(s, n.span.start);
                match (point, c.name("hence")) {
                    (true, Some(_)) => push(lead, end, TimexType::Date, ahead(dct, value, u)),
                    (true, None) => push(lead, end, TimexType::Date, ago(dct, value, u)),
                    (false, _) => push(lead, end, TimexType::Duration, duration(value, u)),
                }
            }
        }
        if need(0) {
            for c in self.vague.captures_iter(s) {
                let (Some(m), Some(v), Some(unit)) = (c.get(0), c.name("v"), c.name("unit")) else { continue };
                let Some(u) = self.unit(unit.as_str()) else { continue };
                let v = norm(v.as_str());
                let plural = unit.as_str().to_lowercase().ends_with('s');
                let (end, point) = self.ago_end(s, 0, &c);
                // "half an hour", "half a century": half the unit, from "half".
                let halved = matches!(v.as_str(), "a" | "an").then(|| self.half_before(s, m.start())).flatten();
                let n = if let (Some(_), false) = (halved, plural) {
                    Some(0.5)
                } else if matches!(v.as_str(), "a" | "an" | "one") {
                    // "a second time" is an ordinal, not a second of time; "$500
                    // million a year" and "four flights a week" are rates.
                    let before = s[..m.start()].trim_end();
                    let rate = before.ends_with(|c: char| c.is_ascii_digit() || c == '%')
                        || numbers.iter().any(|n| n.span.end == before.len())
                        || before.rsplit(char::is_whitespace).next().is_some_and(|w| {
                            let w = w.to_lowercase();
                            w.len() > 3
                                && w.ends_with('s')
                                && !w.ends_with("ss")
                                && w.chars().all(char::is_alphabetic)
                                && !matches!(
                                    w.as_str(),
                                    "was" | "has" | "this" | "its" | "his" | "perhaps" | "towards" | "across"
                                )
                        });
                    // "a year and a half" is no rate.
                    let rate = rate && c.name("half").is_none();
                    if plural || u == "TS" || (rate && !point) {
                        continue;
                    }
                    Some(1.0)
                } else if self.couple.contains(&v) {
                    Some(2.0)
                } else if self.one_more.contains(&v) && !plural {
                    Some(1.0)
                } else if self.vague_words.contains(&v) && plural {
                    None
                } else if !plural && v.starts_with("the ") && self.leads.contains(&v) {
                    Some(1.0) // "the past year": one year back from now
                } else {
                    continue;
                };
                let n = n.map(|n| if c.name("half").is_some() { n + 0.5 } else { n });
                let recent = v == "recent" && plural;
                // "over a week", "the next several days": the lead belongs to it.
                let start = match halved {
                    Some(h) => h,
                    None if point => m.start(),
                    None => self.lead_before(s, m.start()),
                };
                let m = Span::new(start, end);
                let later = c.name("hence").is_some();
                match (point, n) {
                    _ if recent => push(m.start, m.end, TimexType::Date, "PAST_REF".into()),
                    (true, Some(n)) if later => push(m.start, m.end, TimexType::Date, ahead(dct, n, u)),
                    (true, None) if later => push(m.start, m.end, TimexType::Date, "FUTURE_REF".into()),
                    (true, Some(n)) => push(m.start, m.end, TimexType::Date, ago(dct, n, u)),
                    (true, None) => push(m.start, m.end, TimexType::Date, "PAST_REF".into()),
                    (false, Some(n)) => push(m.start, m.end, TimexType::Duration, duration(n, u)),
                    (false, None) => push(m.start, m.end, TimexType::Duration, vague(u)),
                }
            }
        }
        // "a decade-long dispute", "a weeklong visit": one unit; "decades-long"
        // an unknown count of them.
        let longs = need(0) && self.long_endings.iter().any(|e| s.contains(e.as_str()));
        if longs {
            for c in self.long.captures_iter(s) {
                let (Some(m), Some(unit)) = (c.get(0), c.name("unit")) else { continue };
                let Some(u) = self.unit(unit.as_str()) else { continue };
                let value = match unit.as_str().to_lowercase().ends_with('s')
                    && !self.units.contains_key(&norm(unit.as_str()))
                {
                    true => vague(u),
                    false => duration(1.0, u),
                };
                push(m.start(), m.end(), TimexType::Duration, value);
            }
        }
        // "the year ended June 30": twelve months, a duration.
        // Only where a word of `period_ended` occurs: far cheaper than the pattern.
        let ended = need(0) && self.ended_words.iter().any(|w| s.contains(w.as_str()));
        if ended {
            for c in self.ended.captures_iter(s) {
                let (Some(m), Some(unit)) = (c.get(0), c.name("unit")) else { continue };
                let last = unit.as_str().rsplit(char::is_whitespace).next().unwrap_or("");
                if let Some(u) = self.unit(last) {
                    push(m.start(), unit.end(), TimexType::Duration, duration(1.0, u));
                }
            }
        }
        // "for weeks", "in years": a plural unit alone is an unknown stretch.
        if need(1) {
            for c in self.span_of_units.captures_iter(s) {
                let Some(unit) = c.name("unit") else { continue };
                // "over the years", "the first hours", "the weeks ahead": "the"
                // and what follows it belong to the span.
                let start = c
                    .name("lead")
                    .and_then(|l| {
                        let b = l.as_str().as_bytes();
                        let at = if b.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"the ")) {
                            Some(0)
                        } else {
                            b.windows(4).position(|w| w.eq_ignore_ascii_case(b" the")).map(|i| i + 1)
                        };
                        at.map(|i| l.start() + i)
                    })
                    .unwrap_or(unit.start());
                let end = c.name("ahead").map_or(unit.end(), |a| a.end());
                if let Some(u) = self.unit(unit.as_str()) {
                    push(start, end, TimexType::Duration, vague(u));
                }
            }
        }
        if need(2) {
            for c in self.set.captures_iter(s) {
                let Some(m) = c.get(0) else { continue };
                if let Some(w) = c.name("word") {
                    let v = self.set_value(w.as_str());
                    push(m.start(), m.end(), TimexType::Set, v);
                } else if let Some(wd) = c.name("wd") {
                    // "on Mondays", "Tuesday nights": that day of every week.
                    let part = c.name("dp").and_then(|p| self.parts.get(&norm(p.as_str())));
                    let v = format!("{}{}", weekday_set(wd.as_str()), part.map_or(String::new(), |p| format!("T{p}")));
                    push(m.start(), m.end(), TimexType::Set, v);
                } else if let Some(what) = c.name("what") {
                    let month =
                        self.month_index.iter().find(|(m, _)| m.eq_ignore_ascii_case(what.as_str())).map(|(_, i)| *i);
                    let w = norm(what.as_str());
                    // "every other week": every second one.
                    let every = match c.name("lead") {
                        Some(l) if self.alternate.contains(&norm(l.as_str())) => 2.0,
                        _ => 1.0,
                    };
                    let v = match (self.unit(what.as_str()), month, self.seasons.get(&w), self.parts.get(&w)) {
                        (Some(u), ..) => duration(every, u),
                        (None, Some(m), ..) => format!("XXXX-{m:02}"),
                        (None, None, Some((code, _)), _) => format!("XXXX-{code}"),
                        (None, None, None, Some(code)) => format!("XXXX-XX-XXT{code}"),
                        (None, None, None, None) => weekday_set(what.as_str()),
                    };
                    push(m.start(), m.end(), TimexType::Set, v);
                }
            }
        }
        if need(3) {
            for c in self.set_freq.captures_iter(s) {
                let (Some(m), Some(unit)) = (c.get(0), c.name("unit")) else { continue };
                if let Some(u) = self.unit(unit.as_str()) {
                    push(m.start(), m.end(), TimexType::Set, duration(1.0, u));
                }
            }
        }
        if need(4) {
            for c in self.reference.captures_iter(s) {
                let Some(w) = c.name("w") else { continue };
                let next = s[w.end()..].split_whitespace().next().map(norm).unwrap_or_default();
                if self.blockers.contains(&next) {
                    continue;
                }
                // "the past three summers".
                if self.count_blockers.contains(&next) && norm(w.as_str()).starts_with("the ") {
                    continue;
                }
                if let Some(v) = self.refs.get(&norm(w.as_str())) {
                    push(w.start(), w.end(), TimexType::Date, v.clone());
                }
            }
        }
        if need(5) {
            for c in self.clock.captures_iter(s) {
                if let Some(t) = self.clock_time(s, &c, dct) {
                    push(t.span.start, t.span.end, t.kind, t.value);
                }
            }
        }
        // Wire style: "0342 GMT", "2155 UTC".
        // Zones other than GMT and UTC ("local time") are looked for only
        // here: their words are too common to open the clock patterns.
        let wire = need(5) || self.wire_zones.is_match(s);
        if wire {
            for c in self.military.captures_iter(s) {
                let (Some(m), Some(h), Some(min)) = (c.get(0), c.name("h"), c.name("m")) else { continue };
                let date = dct.map_or_else(|| "XXXX-XX-XX".to_string(), |d| d.to_string());
                push(m.start(), m.end(), TimexType::Time, format!("{date}T{}:{}", h.as_str(), min.as_str()));
            }
        }
        if need(6) {
            for c in self.part.captures_iter(s) {
                let (Some(m), Some(part)) = (c.get(0), c.name("part")) else { continue };
                let code = &self.parts[&norm(part.as_str())];
                let lead = c.name("lead").map(|l| norm(l.as_str()));
                let bare = lead.is_none() || lead.as_deref() == Some("the");
                let standalone =
                    matches!(norm(part.as_str()).as_str(), "tonight" | "overnight" | "midnight" | "noon" | "midday");
                // "in the morning" says nothing about which day, unless the day
                // follows: "in the evening today".
                let following = next_word(&s[m.end()..]).and_then(|w| self.part_lead.get(&w).map(|o| (w, *o)));
                let following = following.filter(|(w, _)| matches!(w.as_str(), "today" | "yesterday" | "tomorrow"));
                if bare && !standalone && following.is_none() {
                    continue;
                }
                let start = if lead.as_deref() == Some("the") { part.start() } else { m.start() };
                let mut end = m.end();
                if let (true, Some((w, _))) = (bare, &following) {
                    end = s[end..]
                        .find(w.as_str())
                        .or_else(|| s[end..].to_lowercase().find(w.as_str()))
                        .map_or(end, |i| end + i + w.len());
                }
                let offset = match (bare, &following) {
                    (true, Some((_, o))) => *o,
                    _ => lead.as_deref().and_then(|l| self.part_lead.get(l)).copied().unwrap_or(0),
                };
                let day = dct.and_then(|d| d.checked_add_signed(chrono::Duration::days(offset)));
                let value = match day {
                    Some(d) if code.contains(':') => format!("{d}T{code}"),
                    Some(d) => format!("{d}T{code}"),
                    None => format!("XXXX-XX-XXT{code}"),
                };
                push(start, end, TimexType::Time, value);
            }
        }
        if need(7) {
            for c in self.quarter.captures_iter(s) {
                let Some(m) = c.get(0) else { continue };
                // "a quarter of the vote" is a fraction: a quarter of the year
                // needs its ordinal, or "the" and no "of" after it.
                let bare = c.name("q").is_none();
                // "the latest period" in a report on results: the last quarter.
                if c.name("noun").is_some()
                    && !c.name("q").is_some_and(|q| self.quarter_noun_words.contains(&norm(q.as_str())))
                {
                    continue;
                }
                let definite = m.as_str().to_lowercase().starts_with("the");
                // "the third-quarter results": the adjective alone is the timex.
                let start = match c.name("q") {
                    Some(q) if definite && s[q.end()..].starts_with('-') => q.start(),
                    _ => m.start(),
                };
                if bare && (!definite || next_word(&s[m.end()..]).is_some_and(|w| w == "of")) {
                    continue;
                }
                let q = c.name("q").map(|q| self.quarters[&norm(q.as_str())]).unwrap_or(0);
                let Some(d) = dct else {
                    push(m.start(), m.end(), TimexType::Date, "XXXX-QX".into());
                    continue;
                };
                let current = (d.month() as i64 - 1) / 3 + 1;
                let explicit = c.name("y").or(c.name("y0")).and_then(|y| y.as_str().parse::<i32>().ok());
                let (year, q) = match q {
                    q if q > 0 && explicit.is_some() => (explicit.unwrap_or(d.year()), q),
                    -1 => (d.year(), current),
                    0 if current == 1 => (d.year() - 1, 4),
                    0 => (d.year(), current - 1),
                    // A quarter two or more ahead of the current one is the
                    // last year's: "fourth-quarter profit" in a March report.
                    q if q - current >= 2 => (d.year() - 1, q),
                    q => (d.year(), q),
                };
                push(start, m.end(), TimexType::Date, format!("{year}-Q{q}"));
            }
        }
        if need(8) {
            for c in self.season.captures_iter(s) {
                let (Some(m), Some(season)) = (c.get(0), c.name("s")) else { continue };
                let Some((code, end_month)) = self.seasons.get(&norm(season.as_str())) else { continue };
                let lead = c.name("lead").map(|l| norm(l.as_str()));
                if lead.is_none() && c.name("y").is_none() {
                    continue; // a bare "fall" or "spring" is too often a verb
                }
                let year = match (c.name("y"), dct) {
                    (Some(y), _) => self.year_of(y.as_str()),
                    (None, Some(d)) => season_year(*end_month, lead.as_deref(), d),
                    (None, None) => None,
                };
                let value = year.map_or_else(|| format!("XXXX-{code}"), |y| format!("{y}-{code}"));
                push(m.start(), m.end(), TimexType::Date, value);
            }
        }
        if need(10) {
            for c in self.month_rel.captures_iter(s) {
                let (Some(m), Some(md), Some(month)) = (c.get(0), c.name("mod"), c.name("m")) else { continue };
                let (Some(&dir), Some(&month)) =
                    (self.month_mods.get(&norm(md.as_str())), self.month_index.get(month.as_str()))
                else {
                    continue;
                };
                let Some(d) = dct else { continue };
                let year = match dir {
                    -1 if month < d.month() => d.year(),
                    -1 => d.year() - 1,
                    1 if month > d.month() => d.year(),
                    1 => d.year() + 1,
                    _ => d.year(),
                };
                push(m.start(), m.end(), TimexType::Date, format!("{year}-{month:02}"));
            }
        }
        if need(11) {
            for m in self.weekend.find_iter(s) {
                let Some(d) = dct else { continue };
                let lower = m.as_str().to_lowercase();
                // The weekend meant is the last one, or the coming one when so said.
                let back = (d.weekday().num_days_from_monday() + 2) % 7;
                let saturday = d - chrono::Duration::days(i64::from(back));
                // "this weekend" is the one of the week of publication: still to
                // come from Monday to Friday.
                let this = self.weekend_this.contains(&norm(&lower)) && d.weekday().num_days_from_monday() < 5;
                let saturday = if this || lower.contains("next") || lower.contains("coming") {
                    saturday + chrono::Duration::days(7)
                } else {
                    saturday
                };
                let w = saturday.iso_week();
                push(m.start(), m.end(), TimexType::Date, format!("{}-W{:02}-WE", w.year(), w.week()));
            }
        }
        if need(12) {
            for c in self.fiscal.captures_iter(s) {
                let (Some(m), Some(y)) = (c.get(0), c.name("y")) else { continue };
                push(m.start(), m.end(), TimexType::Date, y.as_str().to_string());
            }
        }
        if need(13) {
            for c in self.holiday.captures_iter(s) {
                let (Some(m), Some(h)) = (c.get(0), c.name("h")) else { continue };
                let Some(rule) = self.holidays.get(h.as_str()) else { continue };
                let year = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
                let value = holiday(rule, year, dct).map_or_else(|| "XXXX-XX-XX".to_string(), |d| d.to_string());
                push(m.start(), m.end(), TimexType::Date, value);
            }
        }
        // "by year-end": the end of this year; "since year-end", the last one.
        if need(14) {
            for c in self.year_end.captures_iter(s) {
                let (Some(e), Some(d)) = (c.name("e"), dct) else { continue };
                let year = if c.name("since").is_some() { d.year() - 1 } else { d.year() };
                push(e.start(), e.end(), TimexType::Date, year.to_string());
            }
        }
        if need(14) {
            for m in self.year_ago.find_iter(s) {
                let value = dct.map_or_else(|| "PAST_REF".to_string(), |d| (d.year() - 1).to_string());
                push(m.start(), m.end(), TimexType::Date, value);
            }
        }
        if need(15) {
            for c in self.numeric.captures_iter(s) {
                let (Some(m), Some(a), Some(b), Some(y)) = (c.get(0), c.name("a"), c.name("b"), c.name("y")) else {
                    continue;
                };
                let (Ok(a), Ok(b), Ok(y)) =
                    (a.as_str().parse::<u32>(), b.as_str().parse::<u32>(), y.as_str().parse::<i32>())
                else {
                    continue;
                };
                // A number above 12 can only be the day.
                let (month, day) = if a > 12 || (day_first && b <= 12) { (b, a) } else { (a, b) };
                if let Some(date) = NaiveDate::from_ymd_opt(y, month, day) {
                    push(m.start(), m.end(), TimexType::Date, date.to_string());
                }
            }
        }
        if need(16) {
            for c in self.quarter_code.captures_iter(s) {
                let (Some(m), Some(q)) = (c.get(0), c.name("q")) else { continue };
                let year = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()).or(dct.map(|d| d.year()));
                let value = year.map_or_else(|| format!("XXXX-Q{}", q.as_str()), |y| format!("{y}-Q{}", q.as_str()));
                push(m.start(), m.end(), TimexType::Date, value);
            }
        }
        if need(17) {
            for c in self.period.captures_iter(s) {
                let Some(m) = c.get(0) else { continue };
                let value = match (c.name("y"), c.name("u"), dct) {
                    (Some(y), _, _) => y.as_str().to_string(),
                    (None, Some(u), Some(d)) => {
                        // "the end of next year", "the end of the last decade".
                        let rel = c.name("rel").map(|r| r.as_str().to_lowercase()).unwrap_or_default();
                        let shift: i32 = match rel.rsplit(char::is_whitespace).next() {
                            Some("next" | "coming") => 1,
                            Some("last" | "past") => -1,
                            _ => 0,
                        };
                        match u.as_str().to_lowercase().as_str() {
                            "year" => (d.year() + shift).to_string(),
                            "month" => {
                                let index = i64::from(d.year()) * 12 + i64::from(d.month()) - 1 + i64::from(shift);
                                format!("{}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
                            }
                            "week" => {
                                let day = d + chrono::Duration::days(7 * i64::from(shift));
                                let w = day.iso_week();
                                format!("{}-W{:02}", w.year(), w.week())
                            }
                            "quarter" => format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
                            // "the end of the decade": the decade of publication.
                            "decade" => (d.year().div_euclid(10) + shift).to_string(),
                            _ => continue,
                        }
                    }
                    _ => continue,
                };
                // "the first half of 2012": a half of a year (of another period,
                // that period).
                let half = c.name("part").and_then(|p| self.halves.get(&norm(p.as_str())));
                let value = match half {
                    Some(code) if value.len() == 4 => format!("{value}-{code}"),
                    _ => value,
                };
                push(m.start(), m.end(), TimexType::Date, value);
            }
        }
        if need(18) {
            for c in self.century.captures_iter(s) {
                let (Some(m), Some(n)) = (c.get(0), c.name("n")) else { continue };
                if let Ok(n) = n.as_str().parse::<u32>() {
                    if (1..=22).contains(&n) {
                        push(m.start(), m.end(), TimexType::Date, format!("{:02}", n - 1));
                    }
                }
            }
        }
        // "nineteen ninety-six", "January nineteen ninety-seven".
        if need(19) {
            for c in self.spoken.captures_iter(s) {
                let (Some(m), Some(y)) = (c.get(0), c.name("y")) else { continue };
                if s[m.end()..].starts_with('-') {
                    continue; // "twenty thirty-year-olds"
                }
                let Some(year) = self.year_of(y.as_str()) else { continue };
                let month = c.name("m").and_then(|m| {
                    self.month_index.iter().find(|(k, _)| k.eq_ignore_ascii_case(m.as_str())).map(|(_, i)| *i)
                });
                let value = month.map_or_else(|| format!("{year:04}"), |m| format!("{year:04}-{m:02}"));
                push(m.start(), m.end(), TimexType::Date, value);
            }
        }
        if need(9) {
            for c in self.decade.captures_iter(s) {
                let Some(m) = c.get(0) else { continue };
                // "the '90s", "the nineties": the latest such decade that starts
                // by the document date (the twentieth century without one).
                let tens = c.name("d2").and_then(|d| d.as_str().parse::<i32>().ok());
                let tens = tens.or_else(|| c.name("w").and_then(|w| self.decade_words.get(&norm(w.as_str())).copied()));
                if let Some(tens) = tens {
                    let year = dct.map_or(1999, |d| d.year());
                    let century = if year % 100 >= tens * 10 { year / 100 } else { year / 100 - 1 };
                    push(m.start(), m.end(), TimexType::Date, format!("{}", century * 10 + tens));
                    continue;
                }
                let Some(d) = c.name("d") else { continue };
                // "the 1800s", "the 1900s" are centuries (TIMEX3 "18", "19");
                // "the 2000s" is the decade of 2000 to 2009.
                let d = d.as_str();
                let value = match d.strip_suffix('0') {
                    Some(century) if century != "20" => century,
                    _ => d,
                };
                push(m.start(), m.end(), TimexType::Date, value.to_string());
            }
        }
        resolve_overlaps(out)
    }

    /// Where a count and unit matched by `c` (on `s[offset..]`) ends, and
    /// whether its `ago` word makes it a point in time: a word of
    /// `ago_alone` does only with no word after it ("a week before," but
    /// "two days before the vote" is a duration, ending before "before").
    fn ago_end(&self, s: &str, offset: usize, c: &Captures) -> (usize, bool) {
        let whole = offset + c.get(0).map_or(0, |m| m.end());
        let Some(a) = c.name("ago").or(c.name("hence")) else { return (whole, false) };
        let rest = s[whole..].trim_start();
        let followed = rest.starts_with(|ch: char| ch.is_alphanumeric() || ch == '$');
        if followed && self.ago_alone.contains(&norm(a.as_str())) {
            (offset + s[offset..offset + a.start()].trim_end().len(), false)
        } else {
            (whole, true)
        }
    }

    /// The year of digits or of words read aloud ("nineteen ninety-six",
    /// "the year two thousand and five").
    fn year_of(&self, text: &str) -> Option<i32> {
        if let Ok(y) = text.parse::<i32>() {
            return Some(y);
        }
        let lower = norm(text);
        let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
        if let ["the", "year", rest @ ..] = words.as_slice() {
            // Whole thousands, then "and" and the rest.
            let (head, tail) = match rest.iter().position(|w| *w == "and") {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &[][..]),
            };
            let thousands = *self.spoken_words.get(&head.join(" "))?;
            let more: Option<i32> = tail.iter().map(|w| self.spoken_words.get(*w).copied()).sum();
            return Some(thousands + more?);
        }
        let (first, rest) = words.split_first()?;
        let century = *self.spoken_centuries.get(*first)?;
        let year: Option<i32> = rest.iter().map(|w| self.spoken_words.get(*w).copied()).sum();
        Some(century * 100 + year?)
    }

    /// Where a word of `half` ends right before `at` ("half an hour"): its
    /// start.
    fn half_before(&self, s: &str, at: usize) -> Option<usize> {
        let before = s[..at].trim_end();
        let word = before.rsplit(|c: char| !c.is_alphanumeric()).next()?;
        self.half.contains(&norm(word)).then(|| before.len() - word.len())
    }

    /// Where a duration starting at `at` really starts: before the longest
    /// lead ("the past") that ends right before it.
    fn lead_before(&self, s: &str, at: usize) -> usize {
        let before = &s[..at];
        let trimmed = before.trim_end();
        if trimmed.len() == before.len() {
            return at;
        }
        let lower = trimmed.to_lowercase();
        self.leads
            .iter()
            .filter(|l| {
                lower.ends_with(l.as_str())
                    && lower.len() == trimmed.len()
                    && !lower[..lower.len() - l.len()].ends_with(char::is_alphanumeric)
                    // "could last several days": the verb, not a lead.
                    && !(self.verb_leads.contains(*l)
                        && lower[..lower.len() - l.len()]
                            .split_whitespace()
                            .next_back()
                            .is_some_and(|w| self.verb_lead_blockers.contains(&norm(w))))
            })
            .map(|l| trimmed.len() - l.len())
            .min()
            .unwrap_or(at)
    }

    fn set_value(&self, word: &str) -> String {
        let w = norm(word);
        // The value the rules give ("biweekly": P2W).
        if let Some(v) = self.set_values.get(&w) {
            return v.clone();
        }
        match w.as_str() {
            "daily" | "nightly" => "P1D".into(),
            _ => self
                .units
                .iter()
                .find(|(k, _)| w.starts_with(k.as_str()))
                .map(|(_, u)| duration(1.0, u))
                .unwrap_or_else(|| "P1Y".into()),
        }
    }

    fn clock_time(&self, s: &str, c: &Captures, dct: Option<NaiveDate>) -> Option<TimeMatch> {
        let m = c.get(0)?;
        let h: u32 = c.name("h")?.as_str().parse().ok()?;
        let min: u32 = c.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
        let ap = c.name("ap").or(c.name("ap2")).map(|a| a.as_str().to_lowercase());
        let colon = c.name("m").is_some();
        let zone = c.name("zone").is_some();
        // A bare number is a time only with a.m./p.m., or with a colon and
        // a zone, or a colon after "at".
        let at = s[..m.start()].trim_end().to_lowercase().ends_with(" at")
            || s[..m.start()].trim_end().eq_ignore_ascii_case("at");
        if ap.is_none() && !(colon && (zone || at)) {
            return None;
        }
        if ap.is_some() && !(1..=12).contains(&h) {
            return None;
        }
        let hour = match ap.as_deref() {
            Some(a) if a.starts_with('p') && h != 12 => h + 12,
            Some(a) if a.starts_with('a') && h == 12 => 0,
            _ => h,
        };
        let date = dct.map_or_else(|| "XXXX-XX-XX".to_string(), |d| d.to_string());
        let mut end = m.end();
        if let Some(z) = c.name("zone") {
            end = z.end();
        }
        // "10:35 a.m." ends with a dot that the regex may leave out.
        if s[end..].starts_with('.') && ap.as_deref().is_some_and(|a| a.ends_with('m') && a.contains('.')) {
            end += 1;
        }
        Some(TimeMatch {
            span: Span::new(m.start(), end),
            kind: TimexType::Time,
            value: format!("{date}T{hour:02}:{min:02}"),
        })
    }
}

impl TimeFinder {
    /// A time of day as a claim: its clock minutes, the zone written with it
    /// and that zone's offset, and the slack a hedge before it allows
    /// ("shortly after 9 a.m.").
    pub fn time_claim(&self, sentence: &str, span: Span, value: &str) -> crate::extract::TimeClaim {
        let text = norm(span.of(sentence));
        let minutes = value.split_once('T').and_then(|(_, t)| {
            let (h, m) = t.split_once(':')?;
            Some(h.parse::<i64>().ok()? * 60 + m.get(..2)?.parse::<i64>().ok()?)
        });
        // The zone is what follows the clock: "16:30 Moscow time", "11:18 PM IST".
        let words: Vec<&str> = text.split_whitespace().collect();
        let clock_end = words
            .iter()
            .rposition(|w| {
                w.chars().any(|c| c.is_ascii_digit()) || matches!(*w, "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m")
            })
            .map_or(words.len(), |i| i + 1);
        let mut zone = (clock_end < words.len()).then(|| words[clock_end..].join(" "));
        // "noon BST", "midnight GMT": a zone the rules know, right after a
        // part of the day that the span leaves it out of.
        if zone.is_none() && minutes.is_some() {
            let after = sentence[span.end.min(sentence.len())..].trim_start();
            let next = norm(&after[..after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len())]);
            if !next.is_empty() && self.zone_offsets.iter().any(|(k, _)| *k == next) {
                zone = Some(next);
            }
        }
        let offset = zone.as_ref().and_then(|z| self.zone_offsets.iter().find(|(k, _)| k == z).map(|(_, o)| *o));
        let head = norm(&sentence[..span.start]);
        let slack = self
            .time_hedges
            .iter()
            .filter(|(h, _)| head.trim_end().ends_with(h.as_str()))
            .map(|(_, m)| *m)
            .max()
            .unwrap_or(0);
        crate::extract::TimeClaim { value: value.to_string(), minutes, offset, zone, slack }
    }

    /// A length of time as a claim: the seconds it allows.
    pub fn duration_claim(&self, value: &str) -> crate::extract::DurationClaim {
        crate::extract::DurationClaim { value: value.to_string(), seconds: seconds(value).map(|s| (s, s)) }
    }
}

/// The seconds of an ISO 8601 duration (`P2Y6M`, `PT1H30M`, `P1.5D`); a
/// year is 365.25 days and a month a twelfth of that. `None` for vague
/// values (`PXY`) and anything unreadable.
pub fn seconds(value: &str) -> Option<f64> {
    let rest = value.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut total = 0.0;
    let mut any = false;
    for (part, in_time) in [(date, false), (time, true)] {
        let mut num = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let n: f64 = std::mem::take(&mut num).parse().ok()?;
            let unit = match (c, in_time) {
                ('Y', false) => 365.25 * 86400.0,
                ('Q', false) => 365.25 * 86400.0 / 4.0,
                ('M', false) => 365.25 * 86400.0 / 12.0,
                ('W', false) => 7.0 * 86400.0,
                ('D', false) => 86400.0,
                ('E', false) => 3652.5 * 86400.0,
                ('C', false) => 36525.0 * 86400.0,
                ('H', true) => 3600.0,
                ('M', true) => 60.0,
                ('S', true) => 1.0,
                _ => return None,
            };
            total += n * unit;
            any = true;
        }
        if !num.is_empty() {
            return None;
        }
    }
    any.then_some(total)
}

/// `P2D`, `PT50M`, `P10Y`.
fn duration(n: f64, unit: &str) -> String {
    let (t, u) = (t_of(unit), letter(unit));
    let (mult, u) = match u.trim_start_matches(|c: char| c.is_ascii_digit()) {
        rest if rest.len() < u.len() => (u[..u.len() - rest.len()].parse::<f64>().unwrap_or(1.0), rest),
        _ => (1.0, u),
    };
    let v = n * mult;
    if v.fract() == 0.0 {
        return format!("P{t}{}{u}", v as i64);
    }
    // "two and a half years" is P2Y6M, "5 1/2 hours" PT5H30M.
    let smaller = match (t, u) {
        ("", "Y") => Some((12.0, "", "M")),
        ("", "W") => Some((7.0, "", "D")),
        ("", "D") => Some((24.0, "T", "H")),
        ("T", "H") => Some((60.0, "", "M")),
        ("T", "M") => Some((60.0, "", "S")),
        _ => None,
    };
    match smaller {
        Some((k, t2, u2)) if (v.fract() * k).fract() == 0.0 => {
            let whole = if v.trunc() == 0.0 { String::new() } else { format!("{}{u}", v.trunc() as i64) };
            format!("P{t}{whole}{t2}{}{u2}", (v.fract() * k) as i64)
        }
        _ => format!("P{t}{v}{u}"),
    }
}

fn t_of(unit: &str) -> &'static str {
    if unit.starts_with('T') {
        "T"
    } else {
        ""
    }
}

fn letter(unit: &str) -> &str {
    unit.trim_start_matches('T')
}

/// An unknown count of `unit`, in its base unit: "years" `PXY`, "decades"
/// and "centuries" `PXY` too, "hours" `PTXH`.
fn vague(unit: &str) -> String {
    format!("P{}X{}", t_of(unit), letter(unit).trim_start_matches(|c: char| c.is_ascii_digit()))
}

/// The point `n` units after the creation time, at the unit's precision
/// ("two weeks from now").
fn ahead(dct: Option<NaiveDate>, n: f64, unit: &str) -> String {
    let Some(d) = dct else { return "FUTURE_REF".into() };
    let n = n as u32;
    let value = match letter(unit) {
        "Y" => Some(PartialDate::year(d.year() + n as i32)),
        "M" if unit.starts_with('T') => None,
        "M" => d.checked_add_months(Months::new(n)).and_then(|x| PartialDate::month(x.year(), x.month())),
        "W" => d.checked_add_days(Days::new(7 * u64::from(n))).map(PartialDate::week_of),
        "D" => d.checked_add_days(Days::new(u64::from(n))).map(PartialDate::from),
        _ => None,
    };
    value.map_or_else(|| "FUTURE_REF".into(), |v| v.to_string())
}

/// The point `n` units before the creation time, at the unit's precision.
fn ago(dct: Option<NaiveDate>, n: f64, unit: &str) -> String {
    let Some(d) = dct else { return "PAST_REF".into() };
    let n = n as u32;
    let value = match letter(unit) {
        "Y" => Some(PartialDate::year(d.year() - n as i32)),
        "M" if unit.starts_with('T') => None,
        "M" => d.checked_sub_months(Months::new(n)).and_then(|x| PartialDate::month(x.year(), x.month())),
        "W" => d.checked_sub_days(Days::new(7 * u64::from(n))).map(PartialDate::week_of),
        "D" => d.checked_sub_days(Days::new(u64::from(n))).map(PartialDate::from),
        _ => None,
    };
    value.map_or_else(|| "PAST_REF".into(), |v| v.to_string())
}

/// The year of the season ending in `end_month` that "last", "next" or
/// "this" names from `d`. A season belongs to the year it starts in, so
/// winter 2024 runs from December 2024 to February 2025.
fn season_year(end_month: u32, lead: Option<&str>, d: NaiveDate) -> Option<i32> {
    let start_month = (end_month + 12 - 3) % 12 + 1;
    let span = |y: i32| -> Option<(NaiveDate, NaiveDate)> {
        let start = NaiveDate::from_ymd_opt(y, start_month, 1)?;
        Some((start, start.checked_add_months(Months::new(3))?.pred_opt()?))
    };
    let years: Vec<(i32, NaiveDate, NaiveDate)> =
        (d.year() - 2..=d.year() + 1).filter_map(|y| span(y).map(|(a, b)| (y, a, b))).collect();
    let pick = match lead {
        Some("last") => years.iter().rev().find(|(_, _, end)| *end < d),
        Some("next") => years.iter().find(|(_, start, _)| *start > d),
        _ => years
            .iter()
            .find(|(_, start, end)| *start <= d && d <= *end)
            .or_else(|| years.iter().find(|(y, _, _)| *y == d.year())),
    };
    pick.map(|(y, _, _)| *y)
}

/// The day of a holiday rule ("12-25", "11-Thu-4", "05-Mon-last") in
/// `year`, or in the year that puts it nearest to `dct`.
fn holiday(rule: &str, year: Option<i32>, dct: Option<NaiveDate>) -> Option<NaiveDate> {
    // "Easter-2": days from Easter Sunday.
    let easter = rule.strip_prefix("Easter").map(|d| if d.is_empty() { Some(0) } else { d.parse::<i64>().ok() });
    let parts: Vec<&str> = rule.split('-').collect();
    let month: u32 = if easter.is_some() { 0 } else { parts.first()?.parse().ok()? };
    let on = |y: i32| -> Option<NaiveDate> {
        if let Some(offset) = easter {
            return easter_sunday(y)?.checked_add_signed(chrono::Duration::days(offset?));
        }
        match parts.as_slice() {
            [_, d] => NaiveDate::from_ymd_opt(y, month, d.parse().ok()?),
            [_, wd, n] => {
                let wd: chrono::Weekday = wd.parse().ok()?;
                if *n == "last" {
                    let next = if month == 12 {
                        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                    } else {
                        NaiveDate::from_ymd_opt(y, month + 1, 1)?
                    };
                    let last = next.pred_opt()?;
                    let back = (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                    last.checked_sub_days(Days::new(u64::from(back)))
                } else {
                    NaiveDate::from_weekday_of_month_opt(y, month, wd, n.parse().ok()?)
                }
            }
            _ => None,
        }
    };
    match (year, dct) {
        (Some(y), _) => on(y),
        (None, Some(d)) => (d.year() - 1..=d.year() + 1).filter_map(on).min_by_key(|h| (*h - d).num_days().abs()),
        (None, None) => None,
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher").
fn easter_sunday(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn next_word(s: &str) -> Option<String> {
    s.split_whitespace().next().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
}

fn weekday_set(day: &str) -> String {
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let i = days.iter().position(|d| day.to_lowercase().starts_with(d)).unwrap_or(0);
    format!("XXXX-WXX-{}", i + 1)
}

/// Keeps the longest of overlapping matches, leftmost first.
fn resolve_overlaps(mut found: Vec<TimeMatch>) -> Vec<TimeMatch> {
    found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<TimeMatch> = Vec::new();
    for m in found {
        match out.last() {
            Some(last) if last.span.overlaps(&m.span) => {
                if m.span.len() > last.span.len() {
                    out.pop();
                    out.push(m);
                }
            }
            _ => out.push(m),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::numbers::NumberFinder;
    use crate::rules::Rules;

    #[test]
    fn rules_examples() {
        let rules = Rules::built_in().unwrap();
        let f = TimeFinder::new(&rules.timex).unwrap();
        let n = NumberFinder::new(&rules.numbers).unwrap();
        for ex in &rules.timex.examples {
            let dct = crate::calendar::parse_iso_day(&ex.dct);
            let got: Vec<[String; 3]> = f
                .find(&ex.text, &n.find(&ex.text, &[]), dct, false)
                .into_iter()
                .map(|m| [m.span.of(&ex.text).to_string(), m.kind.name().to_string(), m.value])
                .collect();
            assert_eq!(got, ex.expect, "{}", ex.text);
        }
    }
}
