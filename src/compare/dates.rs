//! Date claims: agree, compatible (one contains the other) or conflict.

use super::{event_match, fingerprint, one_event, shared_subject, EventMatch, Finding, Input, Scope, Tally, Verdict};
use crate::calendar::{relate_days, Relation};
use crate::extract::dates::Form;
use crate::extract::{Claim, ClaimKind, ClaimValue, DateClaim};
use crate::normalize::collapse;

/// How much to trust the reading of a date written this way.
fn certainty(d: &DateClaim) -> f32 {
    match d.form {
        Form::Absolute { year: Some(_), .. } => 1.0,
        Form::Absolute { year: None, .. } | Form::Relative => 0.92,
        Form::Weekday => 0.88,
    }
}

/// Compares two claims if both are resolved dates of the same anchor about
/// the same subject, and records the outcome.
pub(super) fn compare(
    input: &Input,
    align_score: f32,
    a: &Claim,
    b: &Claim,
    findings: &mut Vec<Finding>,
    tally: &mut Tally,
) {
    let (ClaimValue::Date(da), ClaimValue::Date(db)) = (&a.value, &b.value) else { return };
    let (Some(va), Some(vb)) = (da.value, db.value) else { return };
    if da.anchor != db.anchor {
        return; // "since 2021" and "in 2022" say different things
    }
    let event = event_match(a, b, input.docs, input.lexicon);
    if event == EventMatch::Different {
        return;
    }
    let (doc_a, doc_b) = (&input.docs[a.doc], &input.docs[b.doc]);
    let named = event == EventMatch::Same && one_event(a, b, input.lexicon);
    let Some(subject) = shared_subject(a, b, &doc_a.norm.text, &input.alignment.weights, named) else { return };
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
        Relation::Disjoint => {
            tally.conflict += 1;
            (Verdict::Conflict, "date-conflict")
        }
    };
    let Some(severity) = input.rules.severity(rule) else { return };
    let (na, nb) = (a.norm.of(&doc_a.norm.text), b.norm.of(&doc_b.norm.text));
    let (va, vb) = (a.value.normalised().unwrap_or_default(), b.value.normalised().unwrap_or_default());
    let (pa, pb) = (a.value.precision().map_or("", |p| p.name()), b.value.precision().map_or("", |p| p.name()));
    let where_ = |c: &Claim| {
        let d = &input.docs[c.doc];
        let published = d.published.map_or("an unknown date".to_string(), |p| p.to_string());
        format!("{} (published {published}, {})", d.id, d.published_from.phrase())
    };
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
    let confidence =
        certainty(da).min(certainty(db)) * (0.5 + 0.3 * subject.score + 0.2 * (align_score / 0.5).min(1.0));
    // The fingerprint names what an editor would recognise, not offsets, so
    // it survives edits elsewhere in the reports.
    let sentence_a = collapse(input.sentences[a.sentence].norm.of(&doc_a.norm.text));
    let sentence_b = collapse(input.sentences[b.sentence].norm.of(&doc_b.norm.text));
    let (va_s, vb_s) = (va.to_string(), vb.to_string());
    let mut parts = [
        [doc_a.id.as_str(), sentence_a.as_str(), na, va_s.as_str()],
        [doc_b.id.as_str(), sentence_b.as_str(), nb, vb_s.as_str()],
    ];
    parts.sort();
    let flat: Vec<&str> = std::iter::once(rule).chain(parts.iter().flatten().copied()).collect();
    findings.push(Finding {
        id: fingerprint(&flat),
        kind: ClaimKind::Date,
        rule,
        severity,
        verdict,
        confidence: (confidence * 100.0).round() / 100.0,
        message: format!("{}: {na:?} ({va}) vs {nb:?} ({vb})", subject.label),
        subject: subject.label,
        reason,
        scope: if a.doc == b.doc { Scope::IntraDocument } else { Scope::CrossDocument },
        claims: vec![a.id, b.id],
    });
}
