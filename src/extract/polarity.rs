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

use std::collections::HashMap;

use serde::Deserialize;

use crate::normalize::fold_words as norm;
use crate::span::Span;

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
    /// The stem of the first content word after it ("speed" in "ruled out
    /// speeding").
    pub object: Option<String>,
}

/// The compiled vocabulary.
#[derive(Debug)]
pub struct PolarityFinder {
    negators: Vec<String>,
    reach: usize,
    negating: Vec<Vec<String>>,
    negating_reach: usize,
    barriers: Vec<String>,
    far: Vec<String>,
    far_reach: usize,
    markers: Vec<String>,
    auxiliaries: Vec<String>,
    particles: Vec<String>,
    object_skip: Vec<String>,
    counterfactual: Vec<String>,
    /// Form -> (action, whether the form is the opposite).
    forms: HashMap<String, (String, bool)>,
}

impl PolarityFinder {
    /// Compiles the rules; the error names the bad entry.
    pub fn new(r: &PolarityRules) -> Result<PolarityFinder, String> {
        let mut forms = HashMap::new();
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
        Ok(PolarityFinder {
            negators: r.negators.iter().map(|w| norm(w)).collect(),
            reach: r.reach,
            negating: r.negating.iter().map(|p| p.split_whitespace().map(norm).collect()).collect(),
            negating_reach: r.negating_reach,
            barriers: r.barriers.iter().map(|w| norm(w)).collect(),
            far: r.far_negators.iter().map(|w| norm(w)).collect(),
            far_reach: r.far_reach,
            markers: r.verb_markers.iter().map(|w| norm(w)).collect(),
            auxiliaries: r.auxiliaries.iter().map(|w| norm(w)).collect(),
            particles: r.particles.iter().map(|w| norm(w)).collect(),
            object_skip: r.object_skip.iter().map(|w| norm(w)).collect(),
            counterfactual: r.counterfactual.iter().map(|w| norm(w)).collect(),
            forms,
        })
    }

    /// The actions of one sentence and their polarity.
    pub fn find(&self, s: &str) -> Vec<PolarityMatch> {
        let words = words(s);
        let keys: Vec<String> = words.iter().map(|&(a, b)| norm(&s[a..b])).collect();
        let mut out = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let lower = s[words[i].0..].starts_with(char::is_lowercase);
            let (action, opposite, mut end) = match self.forms.get(key) {
                Some((action, opposite)) => (action.clone(), *opposite, i),
                None if lower && self.is_verb(&keys, i) => {
                    // "ruled out": the particle is part of the action.
                    let particle = keys.get(i + 1).filter(|p| self.particles.contains(*p));
                    let mut action = crate::terms::stem(key).to_string();
                    if let Some(p) = particle {
                        action = format!("{action} {p}");
                    }
                    (action, false, i + usize::from(particle.is_some()))
                }
                None => continue,
            };
            if end > i && self.forms.contains_key(&keys[end]) {
                end = i;
            }
            let mut negations = usize::from(opposite);
            let mut counterfactual = false;
            let mut start = words[i].0;
            // A negating verb that governs it: "denied reports that he
            // would resign", "ruled out attending"; itself perhaps negated
            // ("did not rule out").
            let mut governed_from = i.saturating_sub(self.reach);
            'outer: for j in (i.saturating_sub(self.negating_reach)..i).rev() {
                if self.barriers.contains(&keys[j]) {
                    break;
                }
                for phrase in &self.negating {
                    let k = phrase.len();
                    if j + k <= i && keys[j..j + k] == phrase[..] {
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
                if self.is_negator(&keys[j]) {
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
                    if self.barriers.contains(&keys[j]) || (j + 1 < i && self.forms.contains_key(&keys[j])) {
                        break;
                    }
                    if self.far.contains(&keys[j]) {
                        negations += 1;
                        start = words[j].0;
                        break;
                    }
                }
            }
            let object = keys[end + 1..]
                .iter()
                .take(4)
                .find(|k| !self.object_skip.contains(*k))
                .filter(|k| {
                    k.chars().all(char::is_alphabetic) && !self.markers.contains(*k) && !self.barriers.contains(*k)
                })
                .map(|k| crate::terms::stem(k).to_string());
            out.push(PolarityMatch {
                span: Span::new(start, words[end].1),
                action,
                positive: negations % 2 == 0,
                object,
            });
        }
        out
    }
}

impl PolarityFinder {
    /// Whether word `i` is a verb: right after a verb marker ("will
    /// address", "did not oppose", "had been suspended"), or a past form
    /// ("opposed") not after a determiner.
    fn is_verb(&self, keys: &[String], i: usize) -> bool {
        let k = &keys[i];
        if k.chars().count() < 3 || !k.chars().all(char::is_alphabetic) || self.auxiliaries.contains(k) {
            return false;
        }
        if self.markers.contains(k) || self.barriers.contains(k) || self.particles.contains(k) {
            return false;
        }
        let prev = i.checked_sub(1).map(|j| keys[j].as_str());
        let marked = prev.is_some_and(|p| self.markers.iter().any(|m| m == p) || p.ends_with("n't"));
        let past = k.ends_with("ed")
            && k.chars().count() >= 5
            && !prev.is_some_and(|p| self.object_skip.iter().any(|d| d == p));
        marked && !(prev == Some("to") && k.ends_with('s')) || past
    }

    fn is_negator(&self, key: &str) -> bool {
        self.negators.iter().any(|n| n == key) || key.ends_with("n't")
    }
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
            vec![("No tsunami warning was issued".into(), "issu".into(), false, None)]
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
        r.action.push(Action { name: "go".into(), forms: vec!["attend".into()], opposite: vec![] });
        assert!(PolarityFinder::new(&r).unwrap_err().contains("attend"));
    }
}
