//! Date claims: agree, compatible (one contains the other) or conflict.

use super::{event_match, finding, one_event, shared_subject, where_, EventMatch, Finding, Input, Tally, Verdict};
use crate::calendar::{relate_days, Relation};
use crate::extract::dates::Form;
use crate::extract::{Claim, ClaimKind, ClaimValue, DateClaim};

/// How much to trust the reading of a date written this way.
fn certainty(d: &DateClaim) -> f32 {
    match d.form {
        Form::Absolute { year: Some(_), .. } => 1.0,
        Form::Absolute { year: None, .. } | Form::Relative => 0.92,
        Form::Weekday => 0.88,
    }
}

/// Whether a date is a point of comparison: one of `comparison_words`
/// (`rules/events.toml`) within three words before it, in its clause
/// ("well below the 2024 local elections").
fn compared_to(input: &Input, c: &Claim) -> bool {
    let text = &input.docs[c.doc].norm.text;
    let before = &text[c.clause.start.min(c.norm.start)..c.norm.start];
    before.split_whitespace().rev().take(3).any(|w| {
        let w = w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase();
        input.rules.events.comparison_words.contains(&w)
    })
}

/// Compares two claims if both are resolved dates of the same anchor about
/// the same subject, and records the outcome.
///
/// With `by_event`, the claims come from sentences that did not align,
/// paired because their predicates name one kind of event and each is its
/// report's only date of it ([`super::by_event`]); the event stands in for
/// the shared subject.
pub(super) fn compare(
    input: &Input,
    align_score: f32,
    a: &Claim,
    b: &Claim,
    by_event: bool,
    findings: &mut Vec<Finding>,
    tally: &mut Tally,
) {
    let (ClaimValue::Date(da), ClaimValue::Date(db)) = (&a.value, &b.value) else { return };
    let (Some(va), Some(vb)) = (da.value, db.value) else { return };
    // "since 2021" and "in 2022" say different things, but "a walkout from
    // Thursday" and "a strike beginning on Friday" date one start; "from 11
    // p.m. on Thursday" and "until 9am on Friday" the two ends of one
    // closure. A count since a date starts nothing ("Five people have died
    // since November 27", "the third strike since January": a number or
    // rank before "since" in its clause); "Closed to visitors since 2015"
    // starts a closure.
    let (ba, bb) = (super::bound(input, a), super::bound(input, b));
    let since = |c: &Claim| {
        let text = &input.docs[c.doc].norm.text;
        let after_since = text[..c.norm.start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("since"));
        let counted = input.claims_of(c.sentence).iter().any(|n| {
            matches!(n.value, ClaimValue::Number(_)) && n.norm.end <= c.norm.start && n.norm.start >= c.clause.start
        });
        after_since && counted
    };
    if da.anchor != db.anchor && (ba != bb || since(a) || since(b)) || !super::bounds_meet(ba, bb) {
        return;
    }
    // "well below the 2024 local elections" compares with another event.
    if compared_to(input, a) != compared_to(input, b) {
        return;
    }
    let event = event_match(a, b, input.docs, input.lexicon);
    if event == EventMatch::Different {
        return;
    }
    // "said on Wednesday he would step down" dates the saying; "hands over
    // in July" the handing over.
    let statement = |c: &Claim| c.predicate.as_ref().is_some_and(|p| input.lexicon.is_statement(p));
    if statement(a) != statement(b) {
        return;
    }
    // Paired by their kind of event alone: "Rain began lashing the city on
    // Wednesday" dates the start, "rain lashed Chennai for a second day on
    // Friday" a day of it. (Aligned sentences say more: "will go on sale on
    // September 19" and "sales will begin on September 26" date one start.)
    let begins = |c: &Claim| input.lexicon.mentions_group(c.clause.of(&input.docs[c.doc].norm.text), super::BEGIN);
    if by_event && begins(a) != begins(b) {
        return;
    }
    let (doc_a, doc_b) = (&input.docs[a.doc], &input.docs[b.doc]);
    let named = event == EventMatch::Same && one_event(a, b, input.lexicon);
    let subject = if by_event {
        let p = a.predicate.as_ref().map_or("", |p| p.span.of(&doc_a.norm.text));
        super::SharedSubject { label: p.to_string(), score: 0.5 }
    } else {
        let Some(subject) = shared_subject(a, b, &doc_a.norm.text, &input.alignment.weights, named) else { return };
        subject
    };
    // A day range compares by its days ("December 8-10" holds December 9).
    let relation = match (da.days.or(va.range()), db.days.or(vb.range())) {
        (Some(ra), Some(rb)) if da.days.is_some() || db.days.is_some() => relate_days(ra, rb),
        _ => va.relate(&vb),
    };
    let (verdict, rule) = match relation {
        Relation::Same => {
            tally.agree += 1;
            return;
        }
        Relation::Contains | Relation::Overlaps => {
            tally.compatible += 1;
            (Verdict::Compatible, "date-compatible")
        }
        // "late Tuesday" in Lima is "0342 GMT on Wednesday": a day given
        // next to a clock time in a named zone may be a day off the other.
        Relation::Disjoint if one_day_apart(va, vb) && (zoned(input, a) || zoned(input, b)) => {
            tally.compatible += 1;
            return;
        }
        Relation::Disjoint => {
            tally.conflict += 1;
            (Verdict::Conflict, "date-conflict")
        }
    };
    let (na, nb) = (a.norm.of(&doc_a.norm.text), b.norm.of(&doc_b.norm.text));
    let (va, vb) = (a.value.normalised().unwrap_or_default(), b.value.normalised().unwrap_or_default());
    let (pa, pb) = (a.value.precision().map_or("", |p| p.name()), b.value.precision().map_or("", |p| p.name()));
    let where_ = |c: &Claim| where_(input, c);
    let reason = match verdict {
        Verdict::Conflict => format!(
            "Both sentences speak of {}. {na:?} in {} means {va} ({}), but {nb:?} in {} means {vb} ({}); \
             the two dates do not overlap, so they cannot both be right.",
            subject.label,
            where_(a),
            pa,
            where_(b),
            pb,
        ),
        _ => format!(
            "Both sentences speak of {}. {na:?} in {} means {va} and {nb:?} in {} means {vb}: {}",
            subject.label,
            where_(a),
            where_(b),
            if relation == Relation::Overlaps {
                "the two spans share some days, so both can be right; the report with the narrower one is more precise."
            } else {
                "one lies inside the other, so they agree at the coarser precision."
            }
        ),
    };
    let certainty = certainty(da).min(certainty(db));
    findings.extend(finding(input, align_score, (a, b), ClaimKind::Date, (rule, verdict), &subject, reason, certainty));
}

/// Whether two days are one day apart.
fn one_day_apart(a: crate::calendar::PartialDate, b: crate::calendar::PartialDate) -> bool {
    match (a.range(), b.range()) {
        (Some((x, x2)), Some((y, y2))) if x == x2 && y == y2 => (x - y).num_days().abs() == 1,
        _ => false,
    }
}

/// Whether a claim's sentence gives a clock time in a zone of known offset
/// ("0342 GMT").
fn zoned(input: &Input, c: &Claim) -> bool {
    input.claims_of(c.sentence).iter().any(|t| matches!(&t.value, ClaimValue::Time(x) if x.offset.is_some()))
}
