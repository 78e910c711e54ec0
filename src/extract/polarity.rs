//! Stage: extract. Whether a sentence says an action happened or did not:
//! "will attend" and "will not attend", "confirmed" and "denied",
//! "ruled out resigning" and "would resign".
//!
//! Input: one normalised sentence. Output: [`PolarityMatch`]es, one per
//! form of an action of `rules/polarity.toml` ([`PolarityRules`]), with
//! whether the sentence affirms it. An action is negated by a negator in
//! the few words before it ("did not attend", "never attended", "won't
//! attend"), by being written as its opposite ("denied" for "confirm",
//! "skipped" for "attend"), or by a negating verb that governs it ("denied
//! reports that he would resign", "ruled out resigning"); two negations
//! cancel ("did not deny").
//!
//! Each action carries its object: the noun phrase after it, synonyms read
//! as one ("ruled out further job cuts", "did not rule out further
//! reductions": "cut"), or, for a passive verb, the one before it ("arson
//! had not been ruled out"). A phrase of the rules names an action with its
//! object ("accepted the result" is conceding, "would not challenge the
//! ruling" is not appealing). Nouns ("the release", "the Court of Appeal")
//! and what is only asked about ("whether the driver was speeding") make no
//! claim.

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use serde::Deserialize;

use crate::normalize::fold_words as norm;
use crate::span::Span;
use crate::terms::stem;

/// Polarity vocabulary, read from `rules/polarity.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolarityRules {
    /// Words that negate an action a few words after them.
    pub negators: Vec<String>,
    /// How many words before an action a negator may stand.
    pub reach: usize,
    /// Verbs that negate the action they govern ("deny", "rule out"), in
    /// every form, with how many words after them that action may stand.
    pub negating: Vec<String>,
    /// How many words after a negating verb the action it governs may stand.
    pub negating_reach: usize,
    /// Words that end a negator's or negating verb's reach ("but", ";").
    pub barriers: Vec<String>,
    /// Negators that reach further, to the verb of their clause: "No
    /// tsunami warning was issued".
    pub far_negators: Vec<String>,
    /// How far those reach.
    pub far_reach: usize,
    /// Words after which the next word is a verb ("will", "did", "had").
    pub verb_markers: Vec<String>,
    /// Auxiliaries: never the action themselves.
    pub auxiliaries: Vec<String>,
    /// Particles that belong to the verb before them ("rule out").
    pub particles: Vec<String>,
    /// Words skipped before a verb's object ("the", "further").
    pub object_skip: Vec<String>,
    /// Modals that make "MODAL not/never have DONE" a counterfactual
    /// ("should never have happened"): no polarity claim.
    #[serde(default)]
    pub counterfactual: Vec<String>,
    /// Words that end the noun phrase of an action's object: prepositions,
    /// pronouns, conjunctions ("suspended production across the mine").
    #[serde(default)]
    pub object_end: Vec<String>,
    /// Forms of "be" that make a participle passive: in "arson had not been
    /// ruled out" the object stands before the verb.
    #[serde(default)]
    pub passive: Vec<String>,
    /// Words after which a verb is asked about or supposed, not said to
    /// have happened ("too early to say whether the driver was speeding").
    #[serde(default)]
    pub hypothetical: Vec<String>,
    /// Words after which a negator negates nothing: "not only attended".
    #[serde(default)]
    pub not_negating: Vec<String>,
    /// Object words read as one ("cuts", "reductions", "layoffs"); the
    /// first of each group names it.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// The actions whose opposites are known; any other verb is compared
    /// with itself only.
    pub action: Vec<Action>,
}

/// One action of [`PolarityRules`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Its name in reports ("attend").
    pub name: String,
    /// Its forms ("attend", "attends", "attended", "attending").
    pub forms: Vec<String>,
    /// Forms of its opposite, which say it did not happen ("skipped").
    #[serde(default)]
    pub opposite: Vec<String>,
    /// Phrases that say the same, verb first and with their object
    /// ("accept the result" for "concede", "challenge the ruling" for
    /// "appeal"): the verb matches in any form, determiners are skipped,
    /// and the last word may have two modifiers before it ("passed a fire
    /// service inspection").
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// One action found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolarityMatch {
    /// Bytes within the sentence: the action's form, with a negator before
    /// it ("did not attend").
    pub span: Span,
    /// The action's name, or the stem of its verb ("rul out").
    pub action: String,
    /// Whether the sentence says it happened (or will).
    pub positive: bool,
    /// The head of its object, stemmed, synonyms read as one: the last
    /// word of the noun phrase after it ("cut" in "ruled out further job
    /// cuts"), or before it when the verb is passive ("arson" in "arson had
    /// not been ruled out"). For a phrase, the action's name.
    pub object: Option<String>,
    /// Every word of the object, stemmed, synonyms read as one, head first
    /// ("sitting", "joint", "parliament" in "a joint sitting of
    /// Parliament").
    pub objects: Vec<String>,
    /// Whether a phrase of the rules matched, which names its object
    /// itself ("accepted the result").
    pub phrase: bool,
}

/// The compiled vocabulary.
#[derive(Debug)]
pub struct PolarityFinder {
    negators: HashSet<String>,
    reach: usize,
    negating: Vec<Vec<String>>,
    /// For each first word of a negating phrase, the phrases it begins
    /// (indices into `negating`, in order).
    negating_by_first: HashMap<String, Vec<usize>>,
    negating_reach: usize,
    barriers: HashSet<String>,
    far: HashSet<String>,
    far_reach: usize,
    markers: HashSet<String>,
    auxiliaries: HashSet<String>,
    particles: HashSet<String>,
    object_skip: Vec<String>,
    counterfactual: HashSet<String>,
    object_end: HashSet<String>,
    passive: HashSet<String>,
    hypothetical: HashSet<String>,
    not_negating: HashSet<String>,
    /// Stem -> the stem of the first word of its synonym group.
    synonyms: HashMap<String, String>,
    /// Form -> (action, whether the form is the opposite).
    forms: HashMap<String, (String, bool)>,
    /// Phrases as words, determiners left out, longest first, with their
    /// action.
    phrases: Vec<(Vec<String>, String)>,
    /// For each first byte of a word, the phrases (indices, in order) whose
    /// first word it can inflect: a word inflecting `base` starts with
    /// `base`'s first byte, unless `base` is one byte long. The last list,
    /// for an empty word, holds them all.
    phrases_by_byte: Vec<Vec<usize>>,
    /// The words that are never verbs for [`PolarityFinder::is_verb`]:
    /// auxiliaries, markers, barriers, particles, object skips and ends.
    not_verbs: HashSet<String>,
    /// `markers` and `object_skip` as sets, for the word before a verb.
    marker_set: HashSet<String>,
    skip_set: HashSet<String>,
}

impl PolarityFinder {
    /// Compiles the rules; the error names the bad entry.
    pub fn new(r: &PolarityRules) -> Result<PolarityFinder, String> {
        let mut forms = HashMap::default();
        for a in &r.action {
            if a.forms.is_empty() {
                return Err(format!("action {:?} has no forms", a.name));
            }
            for (list, opposite) in [(&a.forms, false), (&a.opposite, true)] {
                for f in list {
                    if let Some((other, _)) = forms.insert(norm(f), (a.name.clone(), opposite)) {
                        if other != a.name {
                            return Err(format!("form {f:?} belongs to both {other:?} and {:?}", a.name));
                        }
                    }
                }
            }
        }
        let object_skip: Vec<String> = r.object_skip.iter().map(|w| norm(w)).collect();
        let mut phrases = Vec::new();
        for a in &r.action {
            for p in &a.phrases {
                let words: Vec<String> = p.split_whitespace().map(norm).filter(|w| !object_skip.contains(w)).collect();
                if words.len() < 2 {
                    return Err(format!("phrase {p:?} of {:?} needs a verb and an object", a.name));
                }
                phrases.push((words, a.name.clone()));
            }
        }
        phrases.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut phrases_by_byte: Vec<Vec<usize>> = vec![Vec::new(); 257];
        for (k, (words, _)) in phrases.iter().enumerate() {
            match words[0].as_bytes() {
                [first, _, ..] => {
                    phrases_by_byte[usize::from(*first)].push(k);
                    phrases_by_byte[256].push(k);
                }
                _ => phrases_by_byte.iter_mut().for_each(|list| list.push(k)),
            }
        }
        let mut synonyms = HashMap::default();
        for group in &r.synonyms {
            let Some(first) = group.first() else { continue };
            let canonical = root(&norm(first));
            for w in group {
                synonyms.insert(root(&norm(w)), canonical.clone());
            }
        }
        let markers: Vec<String> = r.verb_markers.iter().map(|w| norm(w)).collect();
        let not_verbs: HashSet<String> = [&r.auxiliaries, &r.barriers, &r.particles, &r.object_end]
            .into_iter()
            .flatten()
            .map(|w| norm(w))
            .chain(markers.iter().cloned())
            .chain(object_skip.iter().cloned())
            .collect();
        let negating: Vec<Vec<String>> = r.negating.iter().map(|p| p.split_whitespace().map(norm).collect()).collect();
        let mut negating_by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (n, (phrase, spelling)) in negating.iter().zip(&r.negating).enumerate() {
            let Some(first) = phrase.first() else {
                return Err(format!("negating phrase {spelling:?} has no word"));
            };
            negating_by_first.entry(first.clone()).or_default().push(n);
        }
        Ok(PolarityFinder {
            not_verbs,
            marker_set: markers.iter().cloned().collect(),
            skip_set: object_skip.iter().cloned().collect(),
            negators: r.negators.iter().map(|w| norm(w)).collect(),
            reach: r.reach,
            negating,
            negating_by_first,
            negating_reach: r.negating_reach,
            barriers: r.barriers.iter().map(|w| norm(w)).collect(),
            far: r.far_negators.iter().map(|w| norm(w)).collect(),
            far_reach: r.far_reach,
            markers: markers.into_iter().collect(),
            auxiliaries: r.auxiliaries.iter().map(|w| norm(w)).collect(),
            particles: r.particles.iter().map(|w| norm(w)).collect(),
            object_skip,
            counterfactual: r.counterfactual.iter().map(|w| norm(w)).collect(),
            object_end: r.object_end.iter().map(|w| norm(w)).collect(),
            passive: r.passive.iter().map(|w| norm(w)).collect(),
            hypothetical: r.hypothetical.iter().map(|w| norm(w)).collect(),
            not_negating: r.not_negating.iter().map(|w| norm(w)).collect(),
            synonyms,
            forms,
            phrases,
            phrases_by_byte,
        })
    }

    /// The actions of one sentence and their polarity.
    pub fn find(&self, s: &str) -> Vec<PolarityMatch> {
        let words = words(s);
        let keys: Vec<String> = words.iter().map(|&(a, b)| norm(&s[a..b])).collect();
        // Whether punctuation stands between word `j - 1` and word `j`.
        let broken = |j: usize| j == 0 || s[words[j - 1].1..words[j].0].chars().any(|c| !c.is_whitespace() && c != '-');
        let mut out = Vec::new();
        let mut skip_to = 0;
        for (i, key) in keys.iter().enumerate() {
            if i < skip_to {
                continue;
            }
            let lower = s[words[i].0..].starts_with(char::is_lowercase);
            // A named action after a determiner, a possessive or "of" is a
            // noun: "the release", "Putin's visit", "notice of appeal".
            let noun =
                i > 0 && (self.skip_set.contains(&keys[i - 1]) || keys[i - 1].ends_with("'s") || keys[i - 1] == "of");
            let (action, opposite, mut end, phrase) = match (self.phrase_at(&keys, i), self.forms.get(key)) {
                (Some((action, last)), _) if lower && !noun => (action, false, last, true),
                // "the Court of Appeal" is a name.
                (None, Some((action, opposite))) if !noun && (lower || i == 0) => (action.clone(), *opposite, i, false),
                (None, None) if lower && self.is_verb(&keys, i) => {
                    // "ruled out": the particle is part of the action.
                    let particle = keys.get(i + 1).filter(|p| self.particles.contains(*p));
                    let mut action = stem(key).to_string();
                    if let Some(p) = particle {
                        action = format!("{action} {p}");
                    }
                    (action, false, i + usize::from(particle.is_some()), false)
                }
                _ => continue,
            };
            if !phrase && end > i && self.forms.contains_key(&keys[end]) {
                end = i;
            }
            // "whether the driver was speeding" says neither.
            let supposed = (i.saturating_sub(self.far_reach)..i)
                .rev()
                .take_while(|&j| !self.barriers.contains(&keys[j]))
                .any(|j| self.hypothetical.contains(&keys[j]));
            if supposed {
                continue;
            }
            let mut negations = usize::from(opposite);
            let mut counterfactual = false;
            let mut start = words[i].0;
            // A negating verb that governs it: "denied reports that he
            // would resign", "ruled out attending"; itself perhaps negated
            // ("did not rule out"). Another verb between governs it instead
            // ("denied receiving any payment for the release").
            let mut governed_from = i.saturating_sub(self.reach);
            'outer: for j in (i.saturating_sub(self.negating_reach)..i).rev() {
                if self.barriers.contains(&keys[j]) {
                    break;
                }
                let phrases = self.negating_by_first.get(&keys[j]).map_or(&[][..], Vec::as_slice);
                for phrase in phrases.iter().map(|&n| &self.negating[n]) {
                    let k = phrase.len();
                    if j + k <= i && keys[j..j + k] == phrase[..] {
                        let verb_between = (j + k..i).any(|m| {
                            self.forms.contains_key(&keys[m])
                                || self.is_verb(&keys, m)
                                || keys[m].ends_with("ing") && keys[m].chars().count() >= 6
                        });
                        if verb_between {
                            break 'outer;
                        }
                        negations += 1;
                        let negated = (j.saturating_sub(self.reach)..j).any(|m| self.is_negator(&keys[m]));
                        negations += usize::from(negated);
                        governed_from = governed_from.max(j + k);
                        break 'outer;
                    }
                }
            }
            // A negator in the few words before, within the clause and after
            // any negating verb (whose own negator is counted above).
            for j in (governed_from..i).rev() {
                if self.barriers.contains(&keys[j]) || self.forms.contains_key(&keys[j]) {
                    break;
                }
                // "not only attended but also spoke" negates nothing.
                let idiom = keys.get(j + 1).is_some_and(|n| self.not_negating.contains(n));
                if self.is_negator(&keys[j]) && !idiom {
                    negations += 1;
                    start = words[j].0;
                    // "should never have happened" says it did happen, and
                    // that it should not have: no claim either way.
                    let modal = j.checked_sub(1).is_some_and(|m| self.counterfactual.contains(&keys[m]));
                    if modal && keys.get(j + 1).is_some_and(|h| h == "have") {
                        counterfactual = true;
                    }
                    break;
                }
            }
            if counterfactual {
                continue;
            }
            // "No tsunami warning was issued": a far negator opening the
            // clause, with no verb between.
            if negations == usize::from(opposite) {
                for j in (i.saturating_sub(self.far_reach)..i).rev() {
                    // "No one was hurt when it crashed": another verb
                    // between ends the negator's clause.
                    let verb = j + 1 < i && (self.forms.contains_key(&keys[j]) || self.is_verb(&keys, j));
                    if self.barriers.contains(&keys[j]) || verb {
                        break;
                    }
                    if self.far.contains(&keys[j]) {
                        negations += 1;
                        start = words[j].0;
                        break;
                    }
                }
            }
            let (object, objects) = if phrase {
                (Some(action.clone()), vec![action.clone()])
            } else {
                let mut objects = self.object_after(&keys, &broken, end + 1);
                // A passive verb's object stands before it.
                if objects.is_empty() {
                    objects = self.object_before(&keys, &broken, i);
                }
                (objects.first().cloned(), objects)
            };
            if phrase {
                skip_to = end + 1;
            }
            out.push(PolarityMatch {
                span: Span::new(start, words[end].1),
                action,
                positive: negations % 2 == 0,
                object,
                objects,
                phrase,
            });
        }
        out
    }

    /// The phrase of the rules starting at word `i`, as (action, its last
    /// word).
    fn phrase_at(&self, keys: &[String], i: usize) -> Option<(String, usize)> {
        let bucket = keys[i].as_bytes().first().map_or(256, |&b| usize::from(b));
        let candidates = self.phrases_by_byte[bucket].iter().map(|&k| &self.phrases[k]);
        candidates.filter(|(p, _)| inflects(&keys[i], &p[0])).find_map(|(p, action)| {
            let mut j = i + 1;
            for (n, w) in p[1..].iter().enumerate() {
                while j < keys.len() && self.object_skip.contains(&keys[j]) {
                    j += 1;
                }
                // The object may have a modifier or two: "passed a fire
                // service inspection".
                let last = n + 2 == p.len();
                let mut modifiers = 0;
                while last
                    && modifiers < 2
                    && j + 1 < keys.len()
                    && !inflects(&keys[j], w)
                    && self.object_word(&keys[j])
                {
                    j += 1;
                    modifiers += 1;
                }
                if j >= keys.len() || !inflects(&keys[j], w) {
                    return None;
                }
                j += 1;
            }
            Some((action.clone(), j - 1))
        })
    }

    /// Whether a word can be part of an object's noun phrase.
    fn object_word(&self, k: &str) -> bool {
        k.chars().all(char::is_alphabetic)
            && !self.object_end.contains(k)
            && !self.markers.contains(k)
            && !self.barriers.contains(k)
            && !self.auxiliaries.contains(k)
            && !self.object_skip.iter().any(|m| m == k)
            && !self.far.contains(k)
            && !self.is_negator(k)
    }

    /// The object after a verb ending at word `from - 1`: the noun phrase
    /// after any determiners, head first, then the words of an "of" phrase
    /// after it; stemmed, synonyms read as one.
    fn object_after(&self, keys: &[String], broken: &dyn Fn(usize) -> bool, from: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut j = from;
        let phrase = |j: &mut usize, out: &mut Vec<String>| {
            let begin = *j;
            while *j < keys.len() && self.object_skip.contains(&keys[*j]) && !broken(*j) {
                *j += 1;
            }
            let mut np = Vec::new();
            while *j < keys.len() && np.len() < 4 && self.object_word(&keys[*j]) && (*j == begin || !broken(*j)) {
                np.push(self.key(&keys[*j]));
                *j += 1;
            }
            // The head is the last word of the phrase.
            if let Some(head) = np.pop() {
                out.push(head);
                out.extend(np);
            }
        };
        if j < keys.len() && !broken(j) {
            phrase(&mut j, &mut out);
        }
        if !out.is_empty() && j + 1 < keys.len() && keys[j] == "of" && !broken(j) && !broken(j + 1) {
            j += 1;
            phrase(&mut j, &mut out);
        }
        out
    }

    /// The object of a passive verb at word `i` ("arson had not been ruled
    /// out", "No tsunami warning was issued"): the noun phrase before its
    /// auxiliaries, head first.
    fn object_before(&self, keys: &[String], broken: &dyn Fn(usize) -> bool, i: usize) -> Vec<String> {
        let mut j = i;
        let mut passive = false;
        while j > 0 && !broken(j) {
            let k = &keys[j - 1];
            if self.passive.contains(k) {
                passive = true;
            } else if !(self.is_negator(k) || self.auxiliaries.contains(k) || self.markers.contains(k)) {
                break;
            }
            j -= 1;
        }
        if !passive || j == 0 || broken(j) {
            return Vec::new();
        }
        let mut out = Vec::new();
        while j > 0 && out.len() < 4 && self.object_word(&keys[j - 1]) {
            out.push(self.key(&keys[j - 1]));
            j -= 1;
            if broken(j) {
                break;
            }
        }
        out
    }

    /// A word's root, synonyms read as one.
    fn key(&self, k: &str) -> String {
        let r = root(k);
        self.synonyms.get(&r).cloned().unwrap_or(r)
    }
}

impl PolarityFinder {
    /// Whether word `i` is a verb: right after a verb marker ("will
    /// address", "did not oppose", "had been suspended"), or a past form
    /// ("opposed") not after a determiner.
    fn is_verb(&self, keys: &[String], i: usize) -> bool {
        let k = &keys[i];
        // Auxiliaries, markers, barriers, particles; and "was the second",
        // "is too early": object skips and ends.
        if k.chars().count() < 3 || !k.chars().all(char::is_alphabetic) || self.not_verbs.contains(k) {
            return false;
        }
        let prev = i.checked_sub(1).map(|j| keys[j].as_str());
        let marked = prev.is_some_and(|p| self.marker_set.contains(p) || p.ends_with("n't"));
        let past = k.ends_with("ed") && k.chars().count() >= 5 && !prev.is_some_and(|p| self.skip_set.contains(p));
        marked && !(prev == Some("to") && k.ends_with('s')) || past
    }

    fn is_negator(&self, key: &str) -> bool {
        self.negators.contains(key) || key.ends_with("n't")
    }
}

/// Whether `word` is `base` or a regular inflection of it: "passed" and
/// "passes" of "pass", "accepted" of "accept", "conceding" of "concede",
/// "results" of "result".
fn inflects(word: &str, base: &str) -> bool {
    let Some(rest) = word.strip_prefix(base) else {
        return base.strip_suffix('e').is_some_and(|b| word.strip_prefix(b).is_some_and(|r| r == "ing"));
    };
    ["", "s", "es", "ed", "d", "ing"].contains(&rest)
}

/// A word's stem after its plural "s" is dropped, so that a plural and
/// its singular meet ("reductions", "reduction": "reduct").
pub fn root(w: &str) -> String {
    let singular = if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with('s') && !w.ends_with("ss") && w.chars().count() > 3 {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    };
    stem(&singular).to_string()
}

/// Words of `s` as byte ranges: letters and apostrophes ("didn't").
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphabetic() || (c == '\'' && start.is_some());
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
    out.into_iter().map(|(a, b)| (a, a + s[a..b].trim_end_matches('\'').len())).filter(|(a, b)| b > a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    /// The matches of `s` for the named actions of the rules (not the
    /// stems of other verbs).
    fn find(s: &str) -> Vec<(String, String, bool)> {
        let finder = PolarityFinder::new(&Rules::built_in().unwrap().polarity).unwrap();
        finder
            .find(s)
            .into_iter()
            .filter(|m| !m.action.contains(' ') && finder.forms.values().any(|(a, _)| *a == m.action))
            .map(|m| (m.span.of(s).to_string(), m.action, m.positive))
            .collect()
    }

    fn stems(s: &str) -> Vec<(String, String, bool, Option<String>)> {
        let finder = PolarityFinder::new(&Rules::built_in().unwrap().polarity).unwrap();
        finder.find(s).into_iter().map(|m| (m.span.of(s).to_string(), m.action, m.positive, m.object)).collect()
    }

    #[test]
    fn any_verb_is_an_action_compared_with_itself() {
        assert_eq!(
            stems("Police have not ruled out speeding."),
            vec![("not ruled out".into(), "rul out".into(), false, Some("speed".into()))]
        );
        assert_eq!(
            stems("The inquiry ruled out speeding."),
            vec![("ruled out".into(), "rul out".into(), true, Some("speed".into()))]
        );
        assert_eq!(
            stems("No tsunami warning was issued."),
            vec![("No tsunami warning was issued".into(), "issu".into(), false, Some("warn".into()))]
        );
        // "oppose" is the opposite of "support": not opposing supports.
        assert_eq!(
            stems("Warsaw did not oppose the extension."),
            vec![("not oppose".into(), "support".into(), true, Some("extens".into()))]
        );
        assert!(
            stems("The reduced service ran late.").iter().all(|m| m.1 != "reduc"),
            "an adjective after a determiner"
        );
    }

    #[test]
    fn a_counterfactual_makes_no_claim() {
        let found = stems("The accident should never have happened.");
        assert!(found.iter().all(|m| m.1 != "happen"), "{found:?}");
    }

    #[test]
    fn negators_and_opposites() {
        assert_eq!(find("Modi will attend the summit."), vec![("attend".into(), "attend".into(), true)]);
        assert_eq!(find("Modi will not attend the summit."), vec![("not attend".into(), "attend".into(), false)]);
        assert_eq!(find("Modi won't attend the summit."), vec![("won't attend".into(), "attend".into(), false)]);
        assert_eq!(find("Modi skipped the summit."), vec![("skipped".into(), "attend".into(), false)]);
        assert_eq!(find("The ministry denied the report."), vec![("denied".into(), "confirm".into(), false)]);
    }

    #[test]
    fn negating_verbs_govern_what_follows() {
        assert_eq!(
            find("He denied reports that he would resign."),
            vec![("denied".into(), "confirm".into(), false), ("resign".into(), "resign".into(), false)]
        );
        assert_eq!(find("He said he would not resign."), vec![("not resign".into(), "resign".into(), false)]);
        assert_eq!(find("She did not rule out resigning."), vec![("resigning".into(), "resign".into(), true)]);
        assert_eq!(find("She ruled out resigning."), vec![("resigning".into(), "resign".into(), false)]);
    }

    #[test]
    fn barriers_stop_a_negator() {
        assert_eq!(find("No one was hurt, but Modi will attend."), vec![("attend".into(), "attend".into(), true)]);
    }

    #[test]
    fn bad_rules_are_reported() {
        let mut r = Rules::built_in().unwrap().polarity;
        r.action.push(Action { name: "go".into(), forms: vec!["attend".into()], opposite: vec![], phrases: vec![] });
        assert!(PolarityFinder::new(&r).unwrap_err().contains("attend"));
    }

    fn objects(s: &str) -> Vec<(String, bool, Vec<String>)> {
        let finder = PolarityFinder::new(&Rules::built_in().unwrap().polarity).unwrap();
        finder.find(s).into_iter().map(|m| (m.action, m.positive, m.objects)).collect()
    }

    #[test]
    fn an_object_is_its_noun_phrase_with_synonyms_as_one() {
        let cut = |s: &str| objects(s).into_iter().find(|m| m.0 == "rul out").unwrap();
        assert_eq!(
            cut("He ruled out further job cuts beyond the 1,480 roles."),
            ("rul out".into(), true, vec!["cut".into(), "job".into()])
        );
        assert_eq!(
            cut("He did not rule out further reductions if rates fall."),
            ("rul out".into(), false, vec!["cut".into()])
        );
        assert_eq!(
            objects("He would address a joint sitting of Parliament on Thursday."),
            vec![("addres".into(), true, vec!["sitt".into(), "joint".into(), "parlia".into()])]
        );
    }

    #[test]
    fn a_passive_verbs_object_stands_before_it() {
        assert_eq!(
            stems("Authorities said arson had not been ruled out."),
            vec![("not been ruled out".into(), "rul out".into(), false, Some("arson".into()))]
        );
        assert_eq!(
            stems("The navy said no tsunami alert was issued for the coast."),
            vec![("no tsunami alert was issued".into(), "issu".into(), false, Some("warn".into()))]
        );
    }

    #[test]
    fn phrases_name_an_action_with_its_object() {
        assert_eq!(
            find("Pop accepted the result on Sunday."),
            vec![("accepted the result".into(), "concede".into(), true)]
        );
        assert_eq!(find("Pop has refused to concede."), vec![("concede".into(), "concede".into(), false)]);
        assert_eq!(
            find("The government would not challenge the ruling."),
            vec![("not challenge the ruling".into(), "appeal".into(), false)]
        );
        assert_eq!(find("The State would file an appeal."), vec![("file an appeal".into(), "appeal".into(), true)]);
    }

    #[test]
    fn nouns_names_and_questions_are_not_actions() {
        assert!(find("The release was the second this year.").is_empty());
        assert!(find("He filed it at the Court of Appeal.").is_empty());
        assert!(find("They filed a notice of appeal.").is_empty());
        // "receiving" is what was denied, not the release.
        assert_eq!(
            find("The ELN denied receiving any payment for the release."),
            vec![("denied".into(), "confirm".into(), false)]
        );
        let found = stems("It is too early to say whether the driver was speeding.");
        assert!(found.iter().all(|m| m.1 != "speed" && m.1 != "too"), "{found:?}");
    }

    #[test]
    fn phrases_take_inflections_and_modifiers() {
        assert!(inflects("passed", "pass") && inflects("conceding", "concede") && inflects("results", "result"));
        assert!(!inflects("passport", "pass") && !inflects("accept", "accepted"));
        assert_eq!(
            find("The factory had passed a fire service inspection last year."),
            vec![("passed a fire service inspection".into(), "inspect".into(), true)]
        );
        assert_eq!(
            find("The factory had never been inspected by the fire service."),
            vec![("never been inspected".into(), "inspect".into(), false)]
        );
    }

    #[test]
    fn idioms_and_other_clauses_stop_a_negator() {
        assert_eq!(
            find("Modi not only attended the summit but spoke first."),
            vec![("attended".into(), "attend".into(), true)]
        );
        let found = stems("No one was hurt when the bus crashed.");
        assert!(found.iter().any(|m| m.1 == "crash" && m.2), "{found:?}");
    }
}
