//! Polarity: one actor's action affirmed in one sentence and denied in
//! another ("will attend" and "will not attend", "confirmed" and "denied").
//!
//! Two passes: [`compare`] over aligned sentence pairs, and [`pass`] over
//! claims grouped by action and object, for reports whose sentences do not
//! align ("Officials have ruled out arson", "Authorities said arson had not
//! been ruled out").

use super::{finding, shared_subject, where_, Finding, Input, SharedSubject, Tally, Verdict};
use crate::extract::{Claim, ClaimKind, ClaimValue, PolarityClaim};
use crate::terms::TermKind;
use std::collections::{BTreeSet, HashMap};

/// Whether two claims name one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Objects {
    /// The head of one is a word of the other ("cuts", "further job cuts").
    Same,
    /// Both have one, and they differ ("ruled out speeding", "ruled out
    /// arson").
    Different,
    /// One has none.
    Unknown,
}

fn objects(pa: &PolarityClaim, pb: &PolarityClaim) -> Objects {
    match (&pa.object, &pb.object) {
        (Some(x), Some(y)) if x == y || pa.objects.contains(y) || pb.objects.contains(x) => Objects::Same,
        // A phrase names its object in itself ("refused to concede" and
        // "accepted the result"; "the factory had never been inspected"
        // and "had passed a fire service inspection").
        _ if pa.phrase || pb.phrase => Objects::Unknown,
        (Some(_), Some(_)) => Objects::Different,
        (None, None) => Objects::Unknown,
        // One object named and one not are two uses of the verb ("would
        // run a skeleton timetable", "no services would run").
        _ => Objects::Different,
    }
}

/// Whether a claim stands inside a quotation: two quotations are compared
/// word by word by the quotation pass.
fn quoted(input: &Input, c: &Claim) -> bool {
    input
        .claims_of(c.sentence)
        .iter()
        .any(|q| matches!(q.value, ClaimValue::Quote(_)) && q.norm.start <= c.norm.start && c.norm.end <= q.norm.end)
}

/// Whether a claim is an affirmative infinitive ("to allow the government
/// to appeal"), which says what may happen, not that it did. ("refused to
/// concede" is negative: its negating verb reads it.)
fn infinitive(input: &Input, c: &Claim, p: &PolarityClaim) -> bool {
    let before = input.docs[c.doc].norm.text[..c.norm.start].trim_end();
    p.positive && before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(" to")
}

/// Whether the two claims' clauses give dates, none of them shared: "did
/// not attend the meeting on Monday" and "attended the meeting on
/// Tuesday" are two occasions.
fn other_days(input: &Input, a: &Claim, b: &Claim) -> bool {
    let dates = |c: &Claim| -> Vec<String> {
        input
            .claims_of(c.sentence)
            .iter()
            .filter(|d| d.value.kind() == ClaimKind::Date && c.clause.contains(&d.norm))
            .filter_map(|d| d.value.normalised())
            .collect()
    };
    let (da, db) = (dates(a), dates(b));
    !da.is_empty() && !db.is_empty() && !da.iter().any(|d| db.contains(d))
}

/// Compares two polarity claims of one action by one actor.
pub(super) fn compare(
    input: &Input,
    align_score: f32,
    a: &Claim,
    b: &Claim,
    findings: &mut Vec<Finding>,
    tally: &mut Tally,
) {
    let (ClaimValue::Polarity(pa), ClaimValue::Polarity(pb)) = (&a.value, &b.value) else { return };
    if pa.action != pb.action {
        return;
    }
    // "ruled out speeding" and "ruled out arson" are two things.
    if objects(pa, pb) == Objects::Different {
        return;
    }
    // The actor: the last name before the action in its clause. Two named
    // actors must be one ("Modi will attend", "Xi will not attend").
    let (xa, xb) = (actor(a, &input.docs[a.doc].norm.text), actor(b, &input.docs[b.doc].norm.text));
    if let (Some(x), Some(y)) = (xa, xb) {
        if x != y {
            return;
        }
    }
    let doc_a = &input.docs[a.doc];
    // The action and what it is done to name the event; names need not be
    // shared ("Officials have ruled out arson", "arson had not been ruled
    // out").
    let Some(subject) = shared_subject(a, b, &doc_a.norm.text, &input.alignment.weights, true) else { return };
    // Every verb is a polarity claim: two that agree are not worth counting
    // among the comparisons.
    if pa.positive == pb.positive || quoted(input, a) && quoted(input, b) {
        return;
    }
    if infinitive(input, a, pa) || infinitive(input, b, pb) || other_days(input, a, b) {
        return;
    }
    conflict(input, align_score, (a, b), &subject, findings, tally);
}

/// Pairs, across reports, the polarity claims of one action on one object
/// (its head a word of the other's object, synonyms read as one), or of an
/// action a phrase names with its object ("accepted the result", "refused
/// to concede"), or of one named actor's action with no object: sentences
/// that speak of one thing need not align. Claims are grouped by action
/// and object word, so the pass is linear in the claims but for the pairs
/// inside a group.
pub(super) fn pass(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    let claims: Vec<(&Claim, &PolarityClaim)> = input
        .claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Polarity(p) => Some((c, p)),
            _ => None,
        })
        .collect();
    // (action, object word) -> claims; object words "" for none.
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, (_, p)) in claims.iter().enumerate() {
        if p.objects.is_empty() {
            groups.entry((p.action.as_str(), "")).or_default().push(i);
        }
        for w in &p.objects {
            groups.entry((p.action.as_str(), w.as_str())).or_default().push(i);
        }
    }
    // Actions some phrase names, with all their claims.
    let mut phrased: HashMap<&str, Vec<usize>> = HashMap::new();
    for (_, p) in claims.iter().filter(|(_, p)| p.phrase) {
        phrased.entry(p.action.as_str()).or_default();
    }
    for (i, (_, p)) in claims.iter().enumerate() {
        if let Some(all) = phrased.get_mut(p.action.as_str()) {
            all.push(i);
        }
    }
    let named = |action: &str| input.rules.polarity.action.iter().any(|a| a.name == action);
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, (_, p)) in claims.iter().enumerate() {
        let mut add = |others: Option<&Vec<usize>>| {
            for &j in others.into_iter().flatten() {
                if j != i {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        };
        match &p.object {
            // A phrase names its object: it meets every claim of its
            // action ("accepted the result", "refused to concede").
            _ if p.phrase => add(phrased.get(p.action.as_str())),
            Some(head) => add(groups.get(&(p.action.as_str(), head.as_str()))),
            // A bare named action meets the others with no object.
            None if named(&p.action) => add(groups.get(&(p.action.as_str(), ""))),
            None => {}
        }
    }
    for (i, j) in pairs {
        let ((a, pa), (b, pb)) = (claims[i], claims[j]);
        if a.doc == b.doc || pa.positive == pb.positive || quoted(input, a) && quoted(input, b) {
            continue;
        }
        if infinitive(input, a, pa) || infinitive(input, b, pb) || other_days(input, a, b) {
            continue;
        }
        let (xa, xb) = (subject_actor(input, a), subject_actor(input, b));
        if xa.is_some() && xb.is_some() && xa != xb {
            continue;
        }
        let known = match objects(pa, pb) {
            Objects::Same => true,
            Objects::Different => false,
            // "refused to concede" and "accepted the result"; or one named
            // actor ("Pop conceded", "Pop refused to concede").
            Objects::Unknown => pa.phrase || pb.phrase || xa.is_some() && xb.is_some(),
        };
        if !known {
            continue;
        }
        let doc_a = &input.docs[a.doc];
        let subject = shared_subject(a, b, &doc_a.norm.text, &input.alignment.weights, true)
            .unwrap_or_else(|| SharedSubject { label: object_label(input, a, pa), score: 0.5 });
        conflict(input, 0.0, (a, b), &subject, findings, tally);
    }
}

/// A figure one report says was not made known and another gives: "Isro
/// did not disclose the cost of the mission" and "The mission cost about
/// Rs 480 crore, ISRO officials said". The denial's verb is one of
/// `disclosure_verbs` (`rules/events.toml`) with an object and a named
/// subject; the amount's sentence credits it to that subject with a verb of
/// saying, names the object, shares another word with the denial's clause
/// ("mission"), and tells of the event reported, not of history.
/// One finding per denial and report.
pub(super) fn undisclosed(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    use crate::extract::numbers::NumberKind;
    use crate::extract::polarity::root;
    let verbs: Vec<String> = input.rules.events.disclosure_verbs.iter().map(|v| root(v)).collect();
    let disclosure =
        |action: &str| verbs.iter().any(|v| action == v || crate::terms::stem(action) == crate::terms::stem(v));
    for n in input.claims {
        let ClaimValue::Polarity(p) = &n.value else { continue };
        let Some(object) = p.object.as_deref() else { continue };
        if p.positive || !disclosure(&p.action) || quoted(input, n) {
            continue;
        }
        // The words of the denial's clause besides its verb and object.
        let text_n = &input.docs[n.doc].norm.text;
        let others: Vec<&crate::terms::Term> = n
            .subject
            .iter()
            .filter(|t| root(&t.key) != object && !t.span.overlaps(&n.norm) && t.span.start >= n.clause.start)
            .filter(|t| t.span.end <= n.clause.end)
            .collect();
        // Who did not disclose it ("Isro"): the figure must come from them.
        let Some(actor) = n.subject.iter().find(|t| subject_actor(input, n) == Some(t.key.as_str())) else { continue };
        let mut reported: Vec<usize> = Vec::new();
        for m in input.claims {
            let ClaimValue::Number(x) = &m.value else { continue };
            if m.doc == n.doc || x.kind != NumberKind::Cardinal || reported.contains(&m.doc) || quoted(input, m) {
                continue;
            }
            let names = m.subject.iter().any(|t| root(&t.key) == object);
            let shared = m
                .subject
                .iter()
                .any(|t| root(&t.key) != object && others.iter().any(|o| super::same_term(o, t).is_some()));
            if !names || !shared || super::numbers::past(input, m) {
                continue;
            }
            // "... , ISRO officials said": the amount is credited to the
            // one said to have withheld it. ("Betis did not disclose the
            // fee" stands with a fee the media reported.)
            let text_m = &input.docs[m.doc].norm.text;
            let sentence = input.sentences[m.sentence].norm.of(text_m);
            let credited = input.lexicon.mentions_group(sentence, "say")
                && (input.lexicon.terms(sentence, &[]).iter().any(|t| super::same_term(actor, t).is_some())
                    || sentence.split(|ch: char| !ch.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(&actor.key)));
            if !credited {
                continue;
            }
            reported.push(m.doc);
            tally.conflict += 1;
            let head = n.subject.iter().find(|t| root(&t.key) == object).map_or(object, |t| t.span.of(text_n));
            let who = actor.span.of(text_n);
            let label = format!("the {head} {who} gave");
            let reason = format!(
                "{:?} in {} says {who} did not make the {head} known, but {:?} in {} gives it as {}, credited to \
                 {who}; one of them is wrong.",
                n.norm.of(text_n),
                where_(input, n),
                m.norm.of(text_m),
                where_(input, m),
                m.value.normalised().unwrap_or_default(),
            );
            let subject = SharedSubject { label, score: 0.5 };
            let rule = ("negation-conflict", Verdict::Conflict);
            findings.extend(finding(input, 0.0, (m, n), ClaimKind::Negation, rule, &subject, reason, 0.7));
        }
    }
}

/// The words of a claim's object as written, for a finding's subject.
fn object_label(input: &Input, c: &Claim, p: &PolarityClaim) -> String {
    let text = &input.docs[c.doc].norm.text;
    let words: Vec<&str> = c
        .subject
        .iter()
        .filter(|t| p.objects.iter().any(|o| crate::extract::polarity::root(&t.key) == *o))
        .map(|t| t.span.of(text))
        .collect();
    if words.is_empty() {
        c.norm.of(text).to_string()
    } else {
        words.join(" ")
    }
}

/// A finding for two claims of opposite polarity, unless one was made for
/// their sentences already.
fn conflict(
    input: &Input,
    align_score: f32,
    (a, b): (&Claim, &Claim),
    subject: &SharedSubject,
    findings: &mut Vec<Finding>,
    tally: &mut Tally,
) {
    let (ClaimValue::Polarity(pa), ClaimValue::Polarity(_)) = (&a.value, &b.value) else { return };
    // One disagreement, one finding: "confirmed reports that he would
    // resign" and "denied reports that he would resign" differ on both
    // actions.
    let sentences = |f: &Finding| {
        let (x, y) = (input.claims[f.claims[0]].sentence, input.claims[f.claims[1]].sentence);
        (x.min(y), x.max(y))
    };
    let key = (a.sentence.min(b.sentence), a.sentence.max(b.sentence));
    if findings.iter().any(|f| f.kind == ClaimKind::Negation && sentences(f) == key) {
        return;
    }
    tally.conflict += 1;
    let (doc_a, doc_b) = (&input.docs[a.doc], &input.docs[b.doc]);
    let (na, nb) = (a.norm.of(&doc_a.norm.text), b.norm.of(&doc_b.norm.text));
    let (yes, no) = if pa.positive { ((a, na), (b, nb)) } else { ((b, nb), (a, na)) };
    let reason = format!(
        "Both sentences speak of {}. {:?} in {} says it happened (or will), but {:?} in {} says it did not (or will \
         not); one of them is wrong.",
        subject.label,
        yes.1,
        where_(input, yes.0),
        no.1,
        where_(input, no.0),
    );
    let rule = ("negation-conflict", Verdict::Conflict);
    findings.extend(finding(input, align_score, (a, b), ClaimKind::Negation, rule, subject, reason, 0.8));
}

/// The subject of the verb: a name right before it (at most four words
/// before, no punctuation between: "Pop has refused to concede", "Warsaw
/// did not oppose"), not a title and not a word for unnamed speakers
/// ("Officials", "Authorities").
fn subject_actor<'a>(input: &Input, c: &'a Claim) -> Option<&'a str> {
    let text = &input.docs[c.doc].norm.text;
    // Verbs (claims of their own: "has refused to concede") and adverbs
    // ("briefly issued") stand between a subject and its verb.
    let verbs: Vec<crate::span::Span> =
        input.claims_of(c.sentence).iter().filter(|o| o.value.kind() == ClaimKind::Negation).map(|o| o.norm).collect();
    let t = c.subject.iter().rfind(|t| {
        t.span.end <= c.norm.start
            && t.span.start >= c.clause.start
            && !verbs.iter().any(|v| v.overlaps(&t.span))
            && !t.span.of(text).ends_with("ly")
    })?;
    let between = &text[t.span.end..c.norm.start];
    let near = between.split_whitespace().count() <= 4 && !between.contains(|ch: char| ",;:()\"".contains(ch));
    let written = t.span.of(text);
    let generic = input.rules.quotes.speaker_nouns.iter().any(|n| n.eq_ignore_ascii_case(written));
    let name = t.kind.identifies() || t.kind == TermKind::Word && written.starts_with(char::is_uppercase);
    (near && name && !generic).then_some(t.key.as_str())
}

/// The key of the last name before the claim in its clause: a name or
/// alias, or a capitalised word ("Modi" opening a sentence).
fn actor<'a>(c: &'a Claim, text: &str) -> Option<&'a str> {
    c.subject
        .iter()
        .filter(|t| t.span.end <= c.norm.start && t.span.start >= c.clause.start)
        .rfind(|t| t.kind.identifies() || t.span.of(text).starts_with(char::is_uppercase))
        .map(|t| t.key.as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_figure_said_to_be_undisclosed_conflicts_with_one_given() {
        let run = super::super::testing::check(
            "The mission cost about Rs 480 crore, ISRO officials said.",
            "Isro did not disclose the cost of the mission.",
        );
        assert_eq!(super::super::testing::rules_of(&run), vec!["negation-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].reason.contains("Isro did not make the cost known"), "{}", run.findings[0].reason);
        // Another thing's cost is not the one withheld.
        let run = super::super::testing::check(
            "The new stadium cost about Rs 480 crore, officials said.",
            "Isro did not disclose the cost of the mission.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // A fee the club did not disclose may still be reported by others.
        let run = super::super::testing::check(
            "Real Betis have completed the signing of Tobi Adebanjo from Gent for a fee of around 15.5m pounds.",
            "Betis did not disclose the fee for Adebanjo.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // Nor is a cost not disclosed against a count of something else.
        let run = super::super::testing::check(
            "The mission carried 12 instruments.",
            "Isro did not disclose the cost of the mission.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    use crate::compare::testing::{check, rules_of};

    #[test]
    fn affirmed_and_denied_conflict() {
        let run =
            check("Modi will attend the SCO summit in Tianjin.", "Modi will not attend the SCO summit in Tianjin.");
        assert_eq!(rules_of(&run), vec!["negation-conflict"]);
        let run = check(
            "The Kremlin confirmed the Putin visit to New Delhi.",
            "The Kremlin denied the Putin visit to New Delhi.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"]);
    }

    #[test]
    fn the_same_polarity_said_two_ways_agrees() {
        let run = check(
            "Shinde denied reports that he would resign as Maharashtra chief minister.",
            "Shinde said he would not resign as Maharashtra chief minister.",
        );
        assert!(!rules_of(&run).contains(&"negation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn two_actors_are_not_compared() {
        let run = check("Modi will attend the SCO summit in Tianjin.", "Xi will not attend the SCO summit in Tianjin.");
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn one_object_in_other_words_conflicts() {
        let run = check(
            "Dalsgaard ruled out further job cuts at Nordhavn.",
            "Dalsgaard did not rule out further reductions at Nordhavn.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"]);
        let run = check(
            "Peru's navy briefly issued a tsunami warning for the coast of Arequipa.",
            "The Peruvian Navy said no tsunami alert was issued for the coast of Arequipa.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"]);
    }

    #[test]
    fn the_same_stance_in_other_words_agrees() {
        let run = check(
            "Dalsgaard did not rule out further reductions at Nordhavn.",
            "Dalsgaard would not rule out additional cuts at Nordhavn.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        let run = check("Pop conceded defeat late on Sunday.", "Pop accepted the result on Sunday evening.");
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn unaligned_sentences_are_paired_by_action_and_object() {
        let run = check(
            "Authorities said arson had not been ruled out in the Ilia blaze.",
            "Officials have ruled out arson, pointing to a spark from farm machinery near Pyrgos.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"], "{:#?}", run.findings);
        let run = check(
            "Pop accepted the result on Sunday evening and congratulated Boc.",
            "Pop has refused to concede, saying irregularities had been documented at polling stations.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"], "{:#?}", run.findings);
        let run = check(
            "Solicitor-General Grace Kiprono confirmed the State would file an appeal.",
            "A spokesman told AFP that the government would not challenge the ruling.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"], "{:#?}", run.findings);
    }

    #[test]
    fn different_objects_actors_and_possibilities_are_not_compared() {
        for (a, b) in [
            ("Police ruled out arson in the Ilia fire.", "Police have not ruled out speeding in the Ilia fire."),
            ("Russia has not signed the grain treaty.", "Ukraine signed the grain treaty."),
            ("The judges gave the government 14 days to appeal.", "The government would not challenge the ruling."),
            ("The release was the second this year.", "The ELN denied receiving any payment for the release."),
            ("It would run a skeleton timetable on its busiest routes.", "No services would run on the Coastway line."),
            (
                "The minister did not attend the cabinet meeting on Monday.",
                "The minister attended the cabinet meeting on Tuesday.",
            ),
        ] {
            let run = check(a, b);
            assert!(!rules_of(&run).contains(&"negation-conflict"), "{a:?} vs {b:?}: {:#?}", run.findings);
        }
    }

    #[test]
    fn verbs_of_one_action_in_other_words_conflict() {
        let run = check(
            "The Dhaka factory had passed a fire service inspection last year, an official said.",
            "According to FSCD sources, the Dhaka factory had never been inspected by the fire service.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"], "{:#?}", run.findings);
        let run = check(
            "SCR said no services would run on the Coastway line between Brighton and Hastings.",
            "SCR said a reduced service will operate on the Coastway line between Brighton and Hastings.",
        );
        assert_eq!(rules_of(&run), vec!["negation-conflict"], "{:#?}", run.findings);
    }
}
