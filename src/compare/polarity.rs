//! Polarity: one actor's action affirmed in one sentence and denied in
//! another ("will attend" and "will not attend", "confirmed" and "denied").

use super::{finding, shared_subject, where_, Finding, Input, Tally, Verdict};
use crate::extract::{Claim, ClaimKind, ClaimValue};

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
    if let (Some(x), Some(y)) = (&pa.object, &pb.object) {
        if x != y {
            return;
        }
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
    if pa.positive == pb.positive {
        return;
    }
    // One disagreement, one finding: "confirmed reports that he would
    // resign" and "denied reports that he would resign" differ on both
    // actions.
    let sentences = |f: &Finding| (input.claims[f.claims[0]].sentence, input.claims[f.claims[1]].sentence);
    if findings.iter().any(|f| f.kind == ClaimKind::Negation && sentences(f) == (a.sentence, b.sentence)) {
        return;
    }
    tally.conflict += 1;
    let doc_b = &input.docs[b.doc];
    let (na, nb) = (a.norm.of(&doc_a.norm.text), b.norm.of(&doc_b.norm.text));
    let (yes, no) = if pa.positive { ((a, na), (b, nb)) } else { ((b, nb), (a, na)) };
    let reason = format!(
        "Both sentences speak of {}. {:?} in {} says it did {}, but {:?} in {} says it did not; one of them is wrong.",
        subject.label,
        yes.1,
        where_(input, yes.0),
        pa.action,
        no.1,
        where_(input, no.0),
    );
    let rule = ("negation-conflict", Verdict::Conflict);
    findings.extend(finding(input, align_score, (a, b), ClaimKind::Negation, rule, &subject, reason, 0.8));
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
}
