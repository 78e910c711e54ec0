//! Stage: extract. Reads a number with what surrounds it: the currency or
//! unit it is in, the approximation before it ("about 100", "more than
//! 40"), a range ("8-10", "8 to 10"), and the noun it counts ("12 people").
//! Vague amounts ("dozens", "hundreds of") become quantities too.
//!
//! Input: one normalised sentence and its [`NumberMatch`]es. Output:
//! [`Quantity`]s with the span widened to what was read (`$5.43 billion`,
//! `about 100`), each holding the interval of values it allows: an exact
//! number allows what rounds to it ("5.4" allows 5.35..5.45, "1.2 million"
//! 1.15..1.25 million, "1,200" 1,150..1,250 but "98" only 98), an
//! approximation widens it. Two quantities agree when their intervals meet.
//! The vocabulary is `rules/quantities.toml` ([`QuantityRules`]).

use rustc_hash::FxHashMap as HashMap;

use serde::Deserialize;

use super::numbers::{NumberKind, NumberMatch};
use crate::normalize::fold_words as norm;
use crate::span::Span;

/// Quantity vocabulary, read from `rules/quantities.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityRules {
    /// Currencies: a code and how it is written before or after a number.
    pub currencies: Vec<Currency>,
    /// `[phrase, kind]`: words before a number that make it approximate;
    /// kinds are `about`, `nearly`, `more`, `at-least`, `less`, `at-most`.
    pub approximations: Vec<[String; 2]>,
    /// How wide `about` is, as a share of the value either side.
    pub about_share: f64,
    /// How far below its value `nearly` reaches, as a share of it.
    pub nearly_share: f64,
    /// `(word, low, high)`: amounts without a number ("dozens").
    pub vague: Vec<(String, f64, f64)>,
    /// `[word, unit]`: measure units after a number, singular, with their
    /// canonical name ("km" and "kilometre" are `km`).
    pub units: Vec<[String; 2]>,
    /// Words between a number and what it counts that are skipped
    /// ("12 more people", "15 Indian soldiers" keeps "soldiers").
    pub count_skip: Vec<String>,
    /// Words after a number that are not what it counts ("12 of", "40 in").
    pub not_counted: Vec<String>,
    /// `[word, same]`: counted nouns that mean one thing ("persons" is
    /// "people").
    pub counted_synonyms: Vec<[String; 2]>,
    /// Words (counted nouns or verbs of the clause) that make a number a
    /// running count that later reports may raise ("killed", "dead").
    pub running_counts: Vec<String>,
    /// Words after a number that make it an increment ("five more bodies"),
    /// not a total to compare.
    #[serde(default)]
    pub increments: Vec<String>,
    /// What an amount measures ([`super::measure`]).
    #[serde(default)]
    pub measure: super::measure::MeasureRules,
}

/// One currency of [`QuantityRules`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    /// Its code ("USD").
    pub code: String,
    /// Signs or words right before the number ("$", "US$", "Rs").
    #[serde(default)]
    pub before: Vec<String>,
    /// Words right after the number and its scale ("dollars", "rupees").
    #[serde(default)]
    pub after: Vec<String>,
}

/// How a quantity was hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Approx {
    /// As written.
    Exact,
    /// "about", "some", "around".
    About,
    /// "nearly", "almost": a little below.
    Nearly,
    /// "more than", "over".
    More,
    /// "at least".
    AtLeast,
    /// "less than", "under".
    Less,
    /// "up to", "at most".
    AtMost,
    /// "8-10", "8 to 10".
    Range,
    /// "dozens", "hundreds of".
    Vague,
}

impl Approx {
    fn parse(s: &str) -> Option<Approx> {
        Some(match s {
            "about" => Approx::About,
            "nearly" => Approx::Nearly,
            "more" => Approx::More,
            "at-least" => Approx::AtLeast,
            "less" => Approx::Less,
            "at-most" => Approx::AtMost,
            _ => return None,
        })
    }

    /// A word for reports.
    pub fn name(self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::About => "about",
            Approx::Nearly => "nearly",
            Approx::More => "more than",
            Approx::AtLeast => "at least",
            Approx::Less => "less than",
            Approx::AtMost => "at most",
            Approx::Range => "range",
            Approx::Vague => "vague",
        }
    }
}

/// A number read in its context.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Bytes within the sentence: the number with its currency, scale,
    /// approximation and range ("about $5 billion", "8-10").
    pub span: Span,
    /// The value as written (the lower end of a range).
    pub value: f64,
    /// The smallest value it allows.
    pub low: f64,
    /// The largest value it allows (infinite for "more than 40").
    pub high: f64,
    /// How it was hedged.
    pub approx: Approx,
    /// A currency code, `percent`, or a measure unit (`km`).
    pub unit: Option<String>,
    /// The noun it counts, folded and made singular ("people", "soldier").
    pub counted: Option<String>,
}

/// The compiled vocabulary.
#[derive(Debug)]
pub struct QuantityReader {
    before: Vec<(String, String)>,
    after: HashMap<String, String>,
    approx: Vec<(Vec<String>, Approx)>,
    about_share: f64,
    nearly_share: f64,
    vague: HashMap<String, (f64, f64)>,
    units: HashMap<String, String>,
    skip: Vec<String>,
    not_counted: Vec<String>,
    synonyms: HashMap<String, String>,
    running: Vec<String>,
    increments: Vec<String>,
}

/// The counted noun of an increment ("five more bodies"): never compared.
pub const INCREMENT: &str = "(more)";

/// Words of `s` as `(start, end)` byte offsets: letters, digits and the
/// signs a currency may be written with.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥' | '₹' | '.' | ',' | '\'');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    // Trailing punctuation is not part of a word ("people," "bodies.").
    out.into_iter()
        .filter_map(|(a, b)| {
            let w = s[a..b].trim_end_matches([',', '\'', '.']);
            (!w.is_empty()).then_some((a, a + w.len()))
        })
        .collect()
}

/// The scale word's factor in a number written with one ("2.3 billion"
/// is 1e9), or 1.
fn scale_of(written: &str, value: f64) -> f64 {
    let digits: String = written.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    match digits.replace(',', "").parse::<f64>() {
        Ok(d) if d > 0.0 && value / d >= 1000.0 => (value / d).round(),
        _ => 1.0,
    }
}

/// How far above `v` the next round figure a reporter would write lies:
/// the place of its last significant digit, and at least half its order of
/// magnitude (40 → 10, 500 → 100, 3,400 → 500, 12 → 5, 1.5 → 0.5).
pub fn round_step(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return f64::INFINITY;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    let mut place = magnitude;
    // The smallest power of ten that divides v (within rounding).
    while place > 1e-6 && ((v / place) - (v / place).round()).abs() > 1e-9 {
        place /= 10.0;
    }
    place.max(magnitude / 2.0)
}

/// A plural noun made singular, for comparing what two numbers count.
pub(crate) fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() > 2 {
            return format!("{stem}y");
        }
    }
    for suffix in ["ches", "shes", "sses", "xes"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    match w.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') && !stem.ends_with('u') => stem.to_string(),
        _ => w.to_string(),
    }
}

impl QuantityReader {
    /// Compiles the rules; the error names the bad entry.
    pub fn new(r: &QuantityRules) -> Result<QuantityReader, String> {
        let mut before = Vec::new();
        let mut after = HashMap::default();
        for c in &r.currencies {
            for b in &c.before {
                before.push((b.to_lowercase(), c.code.clone()));
            }
            for a in &c.after {
                after.insert(norm(a), c.code.clone());
            }
        }
        // Longest sign first: "US$" before "$".
        before.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let mut approx = Vec::new();
        for [phrase, kind] in &r.approximations {
            let k = Approx::parse(kind).ok_or_else(|| {
                format!(
                    "approximation {phrase:?} has kind {kind:?}; use about, nearly, more, at-least, less or at-most"
                )
            })?;
            approx.push((phrase.split_whitespace().map(norm).collect::<Vec<_>>(), k));
        }
        approx.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
        for (w, low, high) in &r.vague {
            if low > high || low.is_nan() || high.is_nan() {
                return Err(format!("vague amount {w:?}: low {low} is above high {high}"));
            }
        }
        Ok(QuantityReader {
            before,
            after,
            approx,
            about_share: r.about_share,
            nearly_share: r.nearly_share,
            vague: r.vague.iter().map(|(w, l, h)| (norm(w), (*l, *h))).collect(),
            units: r.units.iter().map(|[w, u]| (norm(w), u.clone())).collect(),
            skip: r.count_skip.iter().map(|w| norm(w)).collect(),
            not_counted: r.not_counted.iter().map(|w| norm(w)).collect(),
            synonyms: r.counted_synonyms.iter().map(|[w, s]| (norm(w), norm(s))).collect(),
            running: r.running_counts.iter().map(|w| norm(w)).collect(),
            increments: r.increments.iter().map(|w| norm(w)).collect(),
        })
    }

    /// Whether `word` (a counted noun or a verb) marks a running count.
    pub fn is_running(&self, word: &str) -> bool {
        let w = norm(word);
        self.running.contains(&w)
    }

    /// The interval `low..high` of an expression at `span` of sentence `s`
    /// widened by a hedge right before it or at its start ("about two
    /// hours", "more than three years"), with the hedge.
    pub fn hedge(&self, s: &str, span: Span, low: f64, high: f64) -> (f64, f64, Approx) {
        let (low, high, kind, _) = self.hedged(s, span, low, high);
        (low, high, kind)
    }

    /// [`QuantityReader::hedge`], with `span` widened to take in a hedge
    /// written right before it ("More than nine in ten").
    pub fn hedged(&self, s: &str, span: Span, low: f64, high: f64) -> (f64, f64, Approx, Span) {
        let words = word_spans(&s[..span.end]);
        let lower: Vec<String> = words.iter().map(|&(a, b)| norm(&s[a..b])).collect();
        let first = words.iter().position(|&(a, _)| a >= span.start).unwrap_or(words.len());
        for (phrase, kind) in &self.approx {
            let k = phrase.len();
            let before = first >= k && lower[first - k..first] == phrase[..];
            let inside = lower.len() >= first + k && lower[first..first + k] == phrase[..];
            if before || inside {
                let (low, high) = self.widen(*kind, low, high);
                let span = if before { Span::new(words[first - k].0, span.end) } else { span };
                return (low, high, *kind, span);
            }
        }
        (low, high, Approx::Exact, span)
    }

    /// The values an amount from `low` to `high` allows when hedged so.
    fn widen(&self, kind: Approx, low: f64, high: f64) -> (f64, f64) {
        let v = low;
        match kind {
            // "About a dozen" allows 11: a small whole number said
            // "about" is off by one at least.
            Approx::About if v.fract() == 0.0 && v * self.about_share < 1.0 && v < 20.0 => {
                ((v - 1.0).max(0.0), high + 1.0)
            }
            Approx::About => (v * (1.0 - self.about_share), high * (1.0 + self.about_share)),
            Approx::Nearly => (v * (1.0 - self.nearly_share), high),
            // "More than 500" is what a reporter writes for 500 to 600, not
            // for 900: past the next round figure they would have written
            // that.
            Approx::More => (v, v + round_step(v)),
            Approx::AtLeast => (v, f64::INFINITY),
            Approx::Less | Approx::AtMost => (0.0, high),
            _ => (low, high),
        }
    }

    /// Reads every cardinal of `numbers` in sentence `s`, joins ranges, and
    /// adds the vague amounts.
    pub fn read(&self, s: &str, numbers: &[NumberMatch]) -> Vec<Quantity> {
        let words = word_spans(s);
        let lower: Vec<String> = words.iter().map(|&(a, b)| s[a..b].to_lowercase()).collect();
        // Each word's lookup key, made once.
        let normed: Vec<String> = lower.iter().map(|w| norm(w)).collect();
        let index_at = |pos: usize| words.iter().position(|&(a, b)| a <= pos && pos < b);
        let mut out: Vec<Quantity> = Vec::new();
        let cards: Vec<&NumberMatch> = numbers.iter().filter(|n| n.kind == NumberKind::Cardinal).collect();
        let mut skip_next = false;
        for (k, n) in cards.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let mut span = n.span;
            let mut unit = n.unit.clone();
            let (mut low, mut high) = rounding(s, n);
            let mut approx = Approx::Exact;
            // A range: "8-10", "8 to 10", "between 8 and 10".
            if let Some(next) = cards.get(k + 1) {
                let gap = s[n.span.end..next.span.start].trim().to_lowercase();
                let year = |m: &NumberMatch| m.span.of(s).len() == 4 && (1900.0..=2100.0).contains(&m.value);
                if year(n) && year(next) && gap == "-" {
                    skip_next = true;
                    continue; // "2022-2023" is two years
                }
                if (gap == "-" || gap == "to") && next.value > n.value && n.unit == next.unit {
                    span = Span::new(span.start, next.span.end);
                    high = rounding(s, next).1;
                    // "$1.9-2.3 billion": the scale of the second end is the
                    // first's too.
                    let scale = scale_of(next.span.of(s), next.value);
                    if scale > 1.0 && n.value * scale < next.value * 10.0 && n.value < next.value / scale * 10.0 {
                        low *= scale;
                    }
                    approx = Approx::Range;
                    unit = unit.or(next.unit.clone());
                    skip_next = true;
                }
            }
            // A currency sign or word before: "$5", "US$ 5", "Rs 2,000".
            let head = &s[..span.start];
            let head_trim = head.trim_end();
            let head_lower = head_trim.to_lowercase();
            for (sign, code) in &self.before {
                let glued = head.len() == head_trim.len();
                let starts_word = sign.chars().all(char::is_alphabetic);
                if head_lower.ends_with(sign.as_str())
                    && (glued || starts_word || sign.ends_with('.'))
                    && !head_lower[..head_lower.len() - sign.len()].ends_with(char::is_alphanumeric)
                {
                    span = Span::new(head_trim.len() - sign.len(), span.end);
                    unit = Some(code.clone());
                    break;
                }
            }
            // The words after it: a currency word, a unit, what it counts.
            let mut i = index_at(n.span.end.saturating_sub(1)).map_or(words.len(), |i| i + 1);
            if approx == Approx::Range {
                i = index_at(span.end.saturating_sub(1)).map_or(words.len(), |i| i + 1);
            }
            if let Some(w) = normed.get(i) {
                if let Some(code) = self.after.get(w) {
                    unit = Some(code.clone());
                    span = Span::new(span.start, words[i].1);
                    i += 1;
                } else if let Some(u) = self.units.get(w).or_else(|| self.units.get(&singular(w))) {
                    if unit.is_none() {
                        unit = Some(u.clone());
                        span = Span::new(span.start, words[i].1);
                        i += 1;
                    }
                }
            }
            // "12 km long": a measure counts nothing.
            let measured = unit.is_some() && !self.after.values().any(|c| Some(c) == unit.as_ref());
            let counted = if measured && unit.as_deref() != Some("percent") {
                None
            } else {
                self.counted(&lower, &normed, i, s, &words)
            };
            // An approximation before it: "about", "more than", "nearly".
            let before_start = words.iter().position(|&(a, _)| a >= span.start).unwrap_or(words.len());
            for (phrase, kind) in &self.approx {
                let k = phrase.len();
                if before_start >= k && normed[before_start - k..before_start] == phrase[..] {
                    let (l, h) = self.widen(*kind, n.value, n.value);
                    (low, high) = match kind {
                        Approx::About | Approx::Nearly => (low.min(l), high.max(h)),
                        _ => (l, h),
                    };
                    approx = *kind;
                    span = Span::new(words[before_start - k].0, span.end);
                    break;
                }
            }
            out.push(Quantity { span, value: n.value, low, high, approx, unit, counted });
        }
        // Vague amounts: "dozens of people", "hundreds".
        for (i, w) in normed.iter().enumerate() {
            let Some(&(low, high)) = self.vague.get(w) else { continue };
            let (a, b) = words[i];
            if out.iter().any(|q| q.span.overlaps(&Span::new(a, b))) {
                continue;
            }
            let next = if lower.get(i + 1).is_some_and(|w| w == "of") { i + 2 } else { i + 1 };
            let counted = self.counted(&lower, &normed, next, s, &words);
            out.push(Quantity {
                span: Span::new(a, b),
                value: low,
                low,
                high,
                approx: Approx::Vague,
                unit: None,
                counted,
            });
        }
        out.sort_by_key(|q| (q.span.start, q.span.end));
        out
    }

    /// The noun counted by the number whose words end before word `i`.
    fn counted(
        &self,
        lower: &[String],
        normed: &[String],
        mut i: usize,
        s: &str,
        words: &[(usize, usize)],
    ) -> Option<String> {
        while normed.get(i).is_some_and(|w| self.skip.contains(w)) {
            // "five more bodies" is an increment, not a count to compare.
            if self.increments.contains(&normed[i]) {
                return Some(INCREMENT.to_string());
            }
            i += 1;
        }
        lower.get(i)?;
        let (a, _) = words[i];
        let raw = &s[a..];
        let lowercase = raw.starts_with(|c: char| c.is_lowercase());
        let w = normed[i].clone();
        if !lowercase || !w.chars().all(char::is_alphabetic) || self.not_counted.contains(&w) {
            return None;
        }
        let one = singular(&w);
        Some(self.synonyms.get(&one).or_else(|| self.synonyms.get(&w)).cloned().unwrap_or(one))
    }
}

/// The values an exact number allows by how it was written: decimals
/// allow half their last digit ("5.4": 5.35..5.45, times any scale), a
/// round number of 1,000 or more half its last non-zero digit ("1,200":
/// 1,150..1,250) but no more than a tenth ("2,000": 1,800..2,200),
/// anything else only itself.
fn rounding(s: &str, n: &NumberMatch) -> (f64, f64) {
    let text = n.span.of(s);
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
    let digits = digits.replace(',', "");
    if digits.is_empty() {
        return (n.value, n.value);
    }
    let written: f64 = digits.parse().unwrap_or(n.value);
    let scale = if written == 0.0 { 1.0 } else { n.value / written };
    let half = match digits.split_once('.') {
        Some((_, frac)) if !frac.is_empty() => 0.5 * 10f64.powi(-(frac.len() as i32)),
        _ => {
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            if (written >= 1000.0 || scale > 1.0) && zeros >= 2 && !digits.trim_end_matches('0').is_empty() {
                // One significant figure is written for less than a tenth
                // either side: "2,000" is not 1,500 ("nearly 2,000" would
                // say so).
                (0.5 * 10f64.powi(zeros as i32)).min(0.1 * written)
            } else if scale > 1.0 {
                0.5
            } else {
                0.0
            }
        }
    };
    (n.value - half * scale, n.value + half * scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::numbers::NumberFinder;
    use crate::rules::Rules;

    /// Text, low, high, unit, counted.
    type Read = (String, f64, f64, Option<String>, Option<String>);

    fn read(s: &str) -> Vec<Read> {
        let rules = Rules::built_in().unwrap();
        let numbers = NumberFinder::new(&rules.numbers).unwrap().find(s, &[]);
        let reader = QuantityReader::new(&rules.quantities).unwrap();
        reader
            .read(s, &numbers)
            .into_iter()
            .map(|q| (q.span.of(s).to_string(), q.low, q.high, q.unit, q.counted))
            .collect()
    }

    fn one(s: &str) -> Read {
        let got = read(s);
        assert_eq!(got.len(), 1, "{s:?}: {got:?}");
        got.into_iter().next().unwrap()
    }

    #[test]
    fn exact_numbers_allow_what_rounds_to_them() {
        let (text, low, high, _, counted) = one("At least we know 98 people died.");
        assert_eq!((text.as_str(), low, high, counted.as_deref()), ("98", 98.0, 98.0, Some("people")));
        let (text, low, high, unit, _) = one("It paid $5.43 billion for the mill.");
        assert_eq!((text.as_str(), unit.as_deref()), ("$5.43 billion", Some("USD")));
        assert!((low - 5.425e9).abs() < 1.0 && (high - 5.435e9).abs() < 1.0, "{low} {high}");
        let (_, low, high, _, _) = one("Some 1,200 is not a year.");
        assert!(low < 1200.0 && high > 1200.0);
    }

    #[test]
    fn a_range_shares_its_scale() {
        let (text, low, high, _, _) = one("It expects $1.9-2.3 billion this year.");
        assert_eq!(text, "$1.9-2.3 billion");
        assert!((1.8e9..1.95e9).contains(&low) && (2.3e9..2.4e9).contains(&high), "{low} {high}");
    }

    #[test]
    fn approximations_are_intervals() {
        let (text, low, high, _, counted) = one("They counted more than 40 bodies.");
        assert_eq!((text.as_str(), low, high, counted.as_deref()), ("more than 40", 40.0, 50.0, Some("body")));
        // Up to the next round figure a reporter would have written.
        let (_, low, high, _, _) = one("Police seized more than 3,400 firearms.");
        assert_eq!((low, high), (3400.0, 3900.0));
        let (_, low, high, _, _) = one("Police seized at least 3,400 firearms.");
        assert_eq!((low, high), (3400.0, f64::INFINITY));
        let (text, low, high, _, _) = one("He said about 100 people came.");
        assert_eq!(text, "about 100");
        assert!(low <= 98.0 && high >= 102.0);
        let (text, low, high, _, _) = one("It took nearly 50 hours.");
        assert_eq!(text, "nearly 50");
        assert!(low < 50.0 && high == 50.0);
        let (text, low, high, _, _) = one("Up to 3 people may go.");
        assert_eq!((text.as_str(), low, high), ("Up to 3", 0.0, 3.0));
    }

    #[test]
    fn ranges_currencies_and_vague_amounts() {
        let (text, low, high, _, counted) = one("Between 8-10 houses burned.");
        assert_eq!((text.as_str(), low, high, counted.as_deref()), ("8-10", 8.0, 10.0, Some("house")));
        let (text, low, high, unit, _) = one("The fund holds Rs 2,000 crore.");
        assert_eq!((text.as_str(), unit.as_deref()), ("Rs 2,000 crore", Some("INR")));
        assert!(low <= 2.0e10 && high >= 2.0e10);
        let (text, low, high, _, counted) = one("Dozens of people fled.");
        assert_eq!((text.as_str(), counted.as_deref()), ("Dozens", Some("people")));
        assert!(low >= 13.0 && high < 100.0);
        let (text, _, _, unit, _) = one("Prices rose 40% this year.");
        assert_eq!((text.as_str(), unit.as_deref()), ("40%", Some("percent")));
        let (text, _, _, unit, counted) = one("The road is 12 km long and new.");
        assert_eq!((text.as_str(), unit.as_deref(), counted), ("12 km", Some("km"), None));
    }

    #[test]
    fn counted_nouns_are_singular_and_folded() {
        assert_eq!(one("12 persons were hurt.").4.as_deref(), Some("people"));
        assert_eq!(one("It sent 15 Indian soldiers.").4.as_deref(), Some("soldier"));
        assert_eq!(one("Only 12 of them came.").4, None);
        assert_eq!(one("He saw 3 Boeing jets.").4, None, "a name is not a counted noun");
    }

    #[test]
    fn bad_rules_are_reported() {
        let mut r = Rules::built_in().unwrap().quantities;
        r.approximations.push(["roughly-ish".into(), "sort-of".into()]);
        assert!(QuantityReader::new(&r).unwrap_err().contains("sort-of"));
    }
}
