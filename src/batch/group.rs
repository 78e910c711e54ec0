//! Event grouping: which reports of a feed are about the same event.
//!
//! Input: the reports of a feed, read one by one. Output: a [`Grouping`], a
//! partition of the feed into groups of reports (a report is about one
//! event only), each with how alike its reports are and what they share.
//!
//! 1. **Features.** Each report becomes a set of features
//!    ([`Grouper::features`]): names (capitalised words), rare content
//!    words (lowercase, stemmed), numbers, and the
//!    calendar days it mentions near its publication date, read with the
//!    checker's own date finder.
//! 2. **Weights.** Over the whole feed, a feature weighs its kind's weight
//!    times its smoothed inverse document frequency, `ln(1 + N/df)`.
//!    Features in more than a capped number of reports are dropped, so a
//!    feed's stock words never tie events together.
//! 3. **Candidates.** An inverted index maps each kept feature to the
//!    reports holding it; each report probes it with its rarest features.
//!    Only reports sharing one of those are ever compared: never all pairs.
//! 4. **Similarity.** The cosine of the two reports' weighted features.
//! 5. **Clustering.** Pairs at or above `link` are taken in order of
//!    similarity; their two groups merge only when the average similarity
//!    over *all* pairs of their reports (a pair never compared counts 0)
//!    reaches `join`. A report close to one member of a group but not to
//!    the others cannot chain two events together.
//!
//! The words and thresholds are in `rules/group.toml`.

use crate::document::{self, Datelines, Document};
use crate::extract::dates::DateFinder;
use crate::rules::Rules;
use crate::terms;
use crate::Error;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// `rules/group.toml`: how reports are grouped by event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRules {
    /// Words that never identify an event, besides the stopwords of
    /// `rules/words.toml`.
    pub stopwords: Vec<String>,
    /// Content words shorter than this are left out.
    pub min_word_length: usize,
    /// Numbers below this are left out.
    pub min_number: f64,
    /// Calendar days within this many days of the publication date are
    /// features.
    pub date_window_days: i64,
    /// Weight of a name.
    pub name_weight: f32,
    /// Weight of a content word.
    pub word_weight: f32,
    /// Weight of a number.
    pub number_weight: f32,
    /// Weight of a calendar day.
    pub date_weight: f32,
    /// How many of a report's rarest features probe the index.
    pub probe_features: usize,
    /// Features in more reports than this are not indexed.
    pub max_postings: usize,
    /// Nor features in more than this share of the reports, when that is
    /// more than `min_postings` reports.
    pub max_share: f64,
    /// The fewest reports a feature may be in and still be left out.
    pub min_postings: usize,
    /// Cosine similarity that links two reports.
    pub link: f32,
    /// Average similarity over all pairs of two groups for them to merge.
    pub join: f32,
}

/// What a feature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A capitalised word or two in a row.
    Name,
    /// A lowercase content word, stemmed.
    Word,
    /// A number.
    Number,
    /// A calendar day near the publication date.
    Date,
}

impl Kind {
    fn of_tag(tag: u8) -> Kind {
        match tag {
            b'n' => Kind::Name,
            b'#' => Kind::Number,
            b'd' => Kind::Date,
            _ => Kind::Word,
        }
    }
}

/// The grouping rules compiled: the stopwords and the date finder.
#[derive(Debug)]
pub struct Grouper {
    rules: GroupRules,
    stopwords: HashSet<String>,
    dates: DateFinder,
    datelines: Datelines,
}

impl Grouper {
    /// Compiles the rules.
    pub fn new(rules: &Rules) -> Result<Grouper, Error> {
        let bad = |path: &str, message: String| Error::BadRules { path: path.into(), message };
        let dates = DateFinder::new(&rules.dates).map_err(|m| bad("rules/dates.toml", m))?;
        let datelines = Datelines::new(&rules.datelines).map_err(|m| bad("rules/datelines.toml", m))?;
        let g = &rules.group;
        if !(0.0..=1.0).contains(&g.link) || !(0.0..=1.0).contains(&g.join) {
            return Err(bad("rules/group.toml", "`link` and `join` are similarities between 0 and 1".into()));
        }
        if g.probe_features == 0 || g.max_postings < 2 || g.min_postings < 2 {
            return Err(bad(
                "rules/group.toml",
                "`probe_features` must be at least 1, `max_postings` and `min_postings` at least 2".into(),
            ));
        }
        let stopwords =
            rules.words.stopwords.iter().chain(&g.stopwords).map(|w| terms::key(w)).collect::<HashSet<String>>();
        Ok(Grouper { rules: g.clone(), stopwords, dates, datelines })
    }

    /// The rules.
    pub fn rules(&self) -> &GroupRules {
        &self.rules
    }

    /// Reads the header of a document just loaded (its paragraphs and
    /// publication date, as `check` does) and returns its features, each a
    /// kind tag and a key (`n:tianjin`, `w:earthquak`, `#:6.2`,
    /// `d:2025-12-04`), sorted and without repeats.
    pub fn features(&self, doc: &mut Document) -> Vec<String> {
        document::prepare(doc, &self.dates, &self.datelines);
        let mut out: Vec<String> = Vec::new();
        let window = self.rules.date_window_days;
        // A word recurs in a report: each feature is made once.
        let mut seen: HashSet<&str> = HashSet::with_capacity_and_hasher(doc.norm.text.len() / 8, Default::default());
        for span in &doc.body {
            let text = &doc.norm.text[span.start..span.end];
            for m in self.dates.find(text, doc.published) {
                let Some(day) = m.value.and_then(|v| v.naive()).filter(|_| m.days.is_none()) else { continue };
                let near = doc.published.is_none_or(|p| (day - p).num_days().abs() <= window);
                if near && m.value.is_some_and(|v| v.day.is_some()) {
                    out.push(format!("d:{day}"));
                }
            }
            self.words(text, &mut seen, &mut out);
            self.numbers(text, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn words<'t>(&self, text: &'t str, seen: &mut HashSet<&'t str>, out: &mut Vec<String>) {
        let (mut key, mut feature) = (String::new(), String::new());
        for token in terms::tokenize(text) {
            let first = token.text.chars().next().unwrap_or(' ');
            if !token.word || first.is_numeric() || !seen.insert(token.text) {
                continue;
            }
            terms::key_into(token.text, &mut key);
            if self.stopwords.contains(&key) {
                continue;
            }
            feature.clear();
            if first.is_uppercase() {
                if key.chars().count() < 2 {
                    continue;
                }
                feature.push_str("n:");
                feature.push_str(&key);
            } else if key.chars().count() >= self.rules.min_word_length && key.chars().all(char::is_alphabetic) {
                feature.push_str("w:");
                feature.push_str(terms::stem(&key));
            } else {
                continue;
            }
            out.push(feature.clone());
        }
    }

    /// Numbers written with digits: `1,200` and `1200` are one feature;
    /// years are left to the dates.
    fn numbers(&self, text: &str, out: &mut Vec<String>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let starts = bytes[i].is_ascii_digit() && (i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric()));
            if !starts {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < bytes.len()
                && (bytes[end].is_ascii_digit()
                    || (matches!(bytes[end], b',' | b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
            {
                end += 1;
            }
            let digits: String = text[i..end].chars().filter(|&c| c != ',').collect();
            i = end;
            if text[end..].starts_with(|c: char| c.is_alphabetic()) {
                continue; // "3rd", "5G": not a quantity
            }
            let Ok(value) = digits.parse::<f64>() else { continue };
            let year = !digits.contains('.') && (1900.0..=2100.0).contains(&value);
            if value >= self.rules.min_number && !year {
                out.push(format!("#:{digits}"));
            }
        }
    }
}

/// The features of every report of a feed, interned.
#[derive(Debug, Default)]
pub struct Features {
    keys: Vec<String>,
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    reports: Vec<Vec<u32>>,
}

impl Features {
    /// Adds the features of the next report.
    pub fn push(&mut self, keys: Vec<String>) {
        let mut ids: Vec<u32> = keys
            .into_iter()
            .map(|k| match self.ids.get(&k) {
                Some(&id) => id,
                None => {
                    let id = self.keys.len() as u32;
                    self.keys.push(k.clone());
                    self.ids.insert(k, id);
                    self.df.push(0);
                    id
                }
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            self.df[id as usize] += 1;
        }
        self.reports.push(ids);
    }

    /// How many reports.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    /// Whether there is no report.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// How many distinct features.
    pub fn vocabulary(&self) -> usize {
        self.keys.len()
    }
}

/// A partition of a feed's reports into events.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// The groups, ordered by their first report; each one's reports in
    /// feed order. Every report of the feed is in exactly one group.
    pub groups: Vec<Group>,
}

/// One event's reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Indices of its reports in the feed, in feed order.
    pub reports: Vec<usize>,
    /// Average cosine similarity over its pairs of reports (`None` for a
    /// report alone).
    pub similarity: Option<f32>,
    /// The features most of its reports share, heaviest first, for a
    /// person checking the grouping (`tianjin`, `6.2`, `2025-12-04`).
    pub shared: Vec<String>,
}

/// The weighted feature space of a feed.
struct Space<'a> {
    features: &'a Features,
    weight: Vec<f32>,
    norm: Vec<f32>,
}

impl<'a> Space<'a> {
    fn new(features: &'a Features, rules: &GroupRules) -> Space<'a> {
        let n = features.len() as f64;
        let cap = cap(features.len(), rules);
        let weight: Vec<f32> = features
            .keys
            .iter()
            .zip(&features.df)
            .map(|(key, &df)| {
                if df as usize > cap {
                    return 0.0;
                }
                let kind = match Kind::of_tag(key.as_bytes()[0]) {
                    Kind::Name => rules.name_weight,
                    Kind::Word => rules.word_weight,
                    Kind::Number => rules.number_weight,
                    Kind::Date => rules.date_weight,
                };
                kind * (1.0 + n / f64::from(df)).ln() as f32
            })
            .collect();
        let norm = features
            .reports
            .iter()
            .map(|fs| fs.iter().map(|&f| weight[f as usize].powi(2)).sum::<f32>().sqrt())
            .collect();
        Space { features, weight, norm }
    }

    /// Cosine similarity of two reports.
    fn similarity(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.features.reports[a], &self.features.reports[b]);
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += self.weight[x[i] as usize].powi(2);
                    i += 1;
                    j += 1;
                }
            }
        }
        let norms = self.norm[a] * self.norm[b];
        if norms > 0.0 {
            dot / norms
        } else {
            0.0
        }
    }
}

/// The most reports a feature may be in and still be indexed.
fn cap(n: usize, rules: &GroupRules) -> usize {
    let share = (rules.max_share * n as f64).ceil() as usize;
    rules.max_postings.min(share.max(rules.min_postings))
}

/// How many candidate pairs the last grouping compared, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Reports.
    pub reports: usize,
    /// Distinct features.
    pub features: usize,
    /// Pairs compared (sharing a probed feature).
    pub candidates: usize,
    /// Pairs at or above `link`.
    pub links: usize,
}

/// Groups the reports of a feed by event.
pub fn group(features: &Features, rules: &GroupRules) -> (Grouping, Stats) {
    let n = features.len();
    let space = Space::new(features, rules);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); features.keys.len()];
    for (r, fs) in features.reports.iter().enumerate() {
        for &f in fs {
            if space.weight[f as usize] > 0.0 && features.df[f as usize] >= 2 {
                postings[f as usize].push(r as u32);
            }
        }
    }
    // Each report probes with its rarest features.
    let mut pairs: Vec<(u32, u32)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|r| {
            let mut probes: Vec<u32> =
                features.reports[r].iter().copied().filter(|&f| postings[f as usize].len() >= 2).collect();
            probes.sort_unstable_by_key(|&f| (features.df[f as usize], f));
            probes.truncate(rules.probe_features);
            let mut out: Vec<(u32, u32)> = Vec::new();
            for f in probes {
                for &other in &postings[f as usize] {
                    if other as usize != r {
                        out.push(((r as u32).min(other), (r as u32).max(other)));
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let scored: Vec<(u32, u32, f32)> = pairs
        .par_iter()
        .map(|&(a, b)| (a, b, space.similarity(a as usize, b as usize)))
        .filter(|&(_, _, s)| s > 0.0)
        .collect();
    let stats = Stats {
        reports: n,
        features: features.keys.len(),
        candidates: pairs.len(),
        links: scored.iter().filter(|p| p.2 >= rules.link).count(),
    };
    // `scored` is sorted by pair: similarities are looked up by binary search.
    let mut links: Vec<(u32, u32, f32)> = scored.iter().copied().filter(|p| p.2 >= rules.link).collect();
    links.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    // Average-link merging.
    let mut cluster: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|r| vec![r]).collect();
    let sim = |a: u32, b: u32| {
        let key = (a.min(b), a.max(b));
        scored.binary_search_by_key(&key, |&(x, y, _)| (x, y)).map_or(0.0, |i| scored[i].2)
    };
    for (a, b, _) in links {
        let (ca, cb) = (cluster[a as usize], cluster[b as usize]);
        if ca == cb {
            continue;
        }
        let total: f32 =
            members[ca].iter().flat_map(|&x| members[cb].iter().map(move |&y| (x, y))).map(|(x, y)| sim(x, y)).sum();
        let average = total / (members[ca].len() * members[cb].len()) as f32;
        if average < rules.join {
            continue;
        }
        let (keep, gone) = if members[ca].len() >= members[cb].len() { (ca, cb) } else { (cb, ca) };
        let moved = std::mem::take(&mut members[gone]);
        for &r in &moved {
            cluster[r as usize] = keep;
        }
        members[keep].extend(moved);
    }
    let mut groups: Vec<Vec<usize>> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| {
            let mut m: Vec<usize> = m.into_iter().map(|r| r as usize).collect();
            m.sort_unstable();
            m
        })
        .collect();
    groups.sort_unstable_by_key(|g| g[0]);
    (describe(features, rules, groups), stats)
}

/// Builds a grouping from its groups of report indices, with each group's
/// similarity and shared features.
pub fn describe(features: &Features, rules: &GroupRules, groups: Vec<Vec<usize>>) -> Grouping {
    let space = Space::new(features, rules);
    let groups = groups
        .into_par_iter()
        .map(|reports| {
            let pairs = reports.len() * reports.len().saturating_sub(1) / 2;
            let similarity = (pairs > 0).then(|| {
                let mut total = 0.0;
                for (i, &a) in reports.iter().enumerate() {
                    for &b in &reports[i + 1..] {
                        total += space.similarity(a, b);
                    }
                }
                total / pairs as f32
            });
            let shared = if reports.len() < 2 { Vec::new() } else { shared(&space, &reports) };
            Group { reports, similarity, shared }
        })
        .collect();
    Grouping { groups }
}

/// Up to eight features held by at least half of the reports (and two),
/// by how many hold them and then by weight.
fn shared(space: &Space, reports: &[usize]) -> Vec<String> {
    let mut count: HashMap<u32, usize> = HashMap::default();
    for &r in reports {
        for &f in &space.features.reports[r] {
            if space.weight[f as usize] > 0.0 {
                *count.entry(f).or_default() += 1;
            }
        }
    }
    let need = reports.len().div_ceil(2).max(2);
    let mut held: Vec<(usize, f32, u32)> =
        count.into_iter().filter(|&(_, c)| c >= need).map(|(f, c)| (c, space.weight[f as usize], f)).collect();
    held.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(y.1.total_cmp(&x.1)).then(x.2.cmp(&y.2)));
    held.into_iter().take(8).map(|(_, _, f)| space.features.keys[f as usize][2..].to_string()).collect()
}

/// Pairwise precision and recall of a grouping against gold events (one
/// label per report): precision is the share of pairs put together that
/// are of one event, recall the share of pairs of one event put together.
pub fn pairwise_scores(found: &[usize], gold: &[usize]) -> (f64, f64) {
    let pairs = |labels: &[usize]| -> HashSet<(usize, usize)> {
        let mut by: HashMap<usize, Vec<usize>> = HashMap::default();
        for (r, &l) in labels.iter().enumerate() {
            by.entry(l).or_default().push(r);
        }
        let mut out = HashSet::default();
        for members in by.values() {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    out.insert((a, b));
                }
            }
        }
        out
    };
    let (f, g) = (pairs(found), pairs(gold));
    let both = f.intersection(&g).count() as f64;
    let precision = if f.is_empty() { 1.0 } else { both / f.len() as f64 };
    let recall = if g.is_empty() { 1.0 } else { both / g.len() as f64 };
    (precision, recall)
}

impl Grouping {
    /// Per report, the index of its group.
    pub fn labels(&self, reports: usize) -> Vec<usize> {
        let mut out = vec![usize::MAX; reports];
        for (g, group) in self.groups.iter().enumerate() {
            for &r in &group.reports {
                out[r] = g;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouper() -> Grouper {
        Grouper::new(&Rules::built_in().unwrap()).unwrap()
    }

    fn doc(text: &str) -> Document {
        document::from_bytes("a.txt".as_ref(), text.as_bytes().to_vec(), 0).unwrap()
    }

    #[test]
    fn features_hold_names_words_numbers_and_near_dates() {
        let mut d = doc("Dec 4, 2025\nA magnitude 6.2 earthquake struck near Kelvaro on Thursday, killing 1,200 people, Governor Ana Ruiz said. It was the worst since March 2, 2011.");
        let f = grouper().features(&mut d);
        for want in ["n:kelvaro", "n:ruiz", "w:earthquak", "#:1200", "d:2025-12-04"] {
            assert!(f.iter().any(|k| k == want), "{want} missing from {f:?}");
        }
        assert!(
            !f.iter().any(|k| k == "#:2011" || k == "d:2011-03-02"),
            "a year and a far date are not features: {f:?}"
        );
        assert!(!f.iter().any(|k| k == "n:thursday" || k == "w:said"), "stopwords: {f:?}");
    }

    #[test]
    fn pairwise_scores_count_pairs() {
        assert_eq!(pairwise_scores(&[0, 0, 1], &[0, 0, 1]), (1.0, 1.0));
        let (p, r) = pairwise_scores(&[0, 0, 0], &[0, 0, 1]);
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert_eq!(pairwise_scores(&[0, 1, 2], &[0, 0, 1]), (1.0, 0.0));
    }
}
