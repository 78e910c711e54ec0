//! Numbers, amounts, ordinals, durations and times of day: agree when the
//! values their wording allows meet, conflict when they cannot. A running
//! count (a toll) that is higher in a report published later is a warning,
//! not a conflict: the count may have grown.

use super::{event_match, finding, one_event, shared_subject, where_, EventMatch, Finding, Input, Tally, Verdict};
use crate::extract::numbers::NumberKind;
use crate::extract::quantities::Approx;
use crate::extract::{Claim, ClaimKind, ClaimValue, NumberClaim, TimeClaim};

/// What two values relate as.
enum Outcome {
    Agree,
    Conflict,
    /// A running count higher in the later report.
    Grew,
}

/// Compares two claims of one of this file's kinds about the same subject,
/// and records the outcome. Returns whether it judged them (agreement or
/// finding), so that a pair it could not judge in aligned sentences may
/// still be paired by head.
///
/// With `by_head`, the claims come from sentences that did not align, paired
/// because each is its report's only claim of this kind about one head
/// ("a two-day truce" and "a three-day truce"); the head stands in for the
/// shared subject.
pub(super) fn compare(
    input: &Input,
    align_score: f32,
    a: &Claim,
    b: &Claim,
    by_head: bool,
    findings: &mut Vec<Finding>,
    tally: &mut Tally,
) -> bool {
    let kind = a.value.kind();
    if kind != b.value.kind()
        || !matches!(kind, ClaimKind::Number | ClaimKind::Ordinal | ClaimKind::Duration | ClaimKind::Time)
    {
        return false;
    }
    // Comparable at all: same unit, same counted thing, same clock.
    let comparable = match (&a.value, &b.value) {
        // A tally compares with a tally only.
        (ClaimValue::Number(x), ClaimValue::Number(y)) if x.against.is_some() || y.against.is_some() => {
            x.against.is_some() && y.against.is_some()
        }
        (ClaimValue::Number(x), ClaimValue::Number(y)) if x.kind == NumberKind::Cardinal => {
            // Two amounts that measure one named thing ("profit") compare
            // whatever word follows them ("$621mn, against").
            let measured = a.head.is_some() && a.head == b.head && x.unit == y.unit;
            measured || cardinals_comparable(x, y)
        }
        (ClaimValue::Number(x), ClaimValue::Number(y)) => x.kind == y.kind,
        (ClaimValue::Duration(x), ClaimValue::Duration(y)) => x.seconds.is_some() && y.seconds.is_some(),
        (ClaimValue::Time(x), ClaimValue::Time(y)) => times_comparable(x, y, input.local_offset),
        _ => false,
    };
    if !comparable {
        return false;
    }
    // "until 9am" ends a closure and "from 11 p.m." begins it: a clock time
    // is compared only with one that bounds its event the same way.
    if kind == ClaimKind::Time && !super::bounds_meet(super::bound(input, a), super::bound(input, b)) {
        return false;
    }
    // An ordinal ranks its event: the 22nd meeting is not the 23rd, so the
    // occurrence words that keep dates of two meetings apart must not keep
    // their ordinals apart. It is compared only when the rest of its clause
    // names one event.
    let event = if by_head && matches!(kind, ClaimKind::Number | ClaimKind::Duration | ClaimKind::Time) {
        // Paired by what they measure ("net profit", "firefighters", "a
        // 48-hour walkout") or the event they time ("the truce began at"):
        // the verbs may differ ("rose to", "reported").
        match event_match(a, b, input.docs, input.lexicon) {
            EventMatch::Different => EventMatch::Unknown,
            e => e,
        }
    } else if kind == ClaimKind::Ordinal && by_head {
        // Paired by the noun they rank: their verbs may differ ("held the
        // ninth meeting", "the 10th meeting opened"); dates decide below.
        match ordinal_event(a, b, input.lexicon) {
            EventMatch::Different => EventMatch::Unknown,
            e => e,
        }
    } else if kind == ClaimKind::Ordinal {
        ordinal_event(a, b, input.lexicon)
    } else {
        event_match(a, b, input.docs, input.lexicon)
    };
    if event == EventMatch::Different {
        return false;
    }
    // An amount names its quantity only with the verb it goes with: "12
    // people were killed" and "15 people were killed", not "12 people" and
    // "15 people" in sentences about two things. And a sentence with two
    // amounts of one kind ("41.6% ... 54.1%") does not say which is which.
    // So does a clock time: "set off at 10 p.m." and "crashed at 3:40 am".
    if kind == ClaimKind::Time && !by_head && event != EventMatch::Same {
        return false;
    }
    // Two amounts whose heads differ measure two things ("Revenue rose 8%",
    // "volumes rose 3 percent").
    let heads_differ = matches!((&a.head, &b.head), (Some(x), Some(y)) if x != y);
    if kind == ClaimKind::Number
        && !by_head
        && (heads_differ || event != EventMatch::Same || !alone(input, a) || !alone(input, b))
    {
        return false;
    }
    // Amounts and lengths of time paired by what they measure must be of
    // this event (not "in 2015, when more than 400 people died"), share a
    // word besides the measure ("firefighters ... battling"; "48.1 overs"
    // and "their 50 overs" are two innings) and give dates that meet ("a
    // separate four-hour stoppage on January 23" is not "the 24-hour
    // strike set for January 15").
    // But two lengths written into their noun ("a two-day truce", "a
    // 48-hour truce") qualify the one truce of the story, whatever the
    // rest of the sentences says, unless an occurrence word sets one apart
    // ("a separate four-hour stoppage").
    let compounds = kind == ClaimKind::Duration && compound(input, a) && compound(input, b);
    // A story tells of one vote's tally ("ruling 8-3", "The justices voted
    // 7-4"), whatever else its sentences say; dates still tell two apart.
    let tallies = a.head.as_deref() == Some(crate::extract::measure::TALLY);
    let one_per_story = a.head == b.head && a.head.as_deref().is_some_and(|h| input.measure.one_per_story(h));
    if by_head
        && matches!(kind, ClaimKind::Number | ClaimKind::Duration)
        && (past(input, a)
            || past(input, b)
            || !compounds && (!(one_per_story || shares_more(input, a, b)) || dated_apart(input, a, b)))
    {
        return false;
    }
    // One amount of history ("In 2001, a magnitude 8.4 quake") and one of
    // the event reported are two things.
    if kind == ClaimKind::Number && past(input, a) != past(input, b) {
        return false;
    }
    let (doc_a, doc_b) = (&input.docs[a.doc], &input.docs[b.doc]);
    let subject = if by_head {
        // A rank paired by its noun alone ("the fourth edition", "the
        // third edition of the fair two years ago") needs dates that meet,
        // or one sentence without a date (it speaks of the event reported)
        // and the other without one or dated near its report.
        let current = |c: &Claim| undated(input, c) || near_occasion(input, c, c);
        let one_occasion =
            near_occasion(input, a, b) || undated(input, a) && current(b) || undated(input, b) && current(a);
        if kind == ClaimKind::Ordinal && !one_occasion {
            return false;
        }
        let predicate = a.predicate.as_ref().map(|p| p.lemma.as_str());
        let head = a.head.as_deref().or(predicate).unwrap_or_default();
        let label = head.strip_prefix("event:").unwrap_or(head).to_string();
        super::SharedSubject { label, score: 0.5 }
    } else {
        let named = event == EventMatch::Same && (kind == ClaimKind::Ordinal || one_event(a, b, input.lexicon));
        let Some(subject) = shared_subject(a, b, &doc_a.norm.text, &input.alignment.weights, named) else {
            return false;
        };
        if kind == ClaimKind::Ordinal && (subject.score < 0.5 || !same_occasion(input, align_score, a, b)) {
            return false;
        }
        subject
    };
    let outcome = match (&a.value, &b.value) {
        (ClaimValue::Number(x), ClaimValue::Number(y)) if x.against.is_some() => {
            if x.value == y.value && x.against == y.against {
                Outcome::Agree
            } else {
                Outcome::Conflict
            }
        }
        (ClaimValue::Number(x), ClaimValue::Number(y)) => {
            if x.low <= y.high && y.low <= x.high {
                Outcome::Agree
            } else if kind == ClaimKind::Number && running(input, a, b, x, y) {
                Outcome::Grew
            } else {
                Outcome::Conflict
            }
        }
        (ClaimValue::Duration(x), ClaimValue::Duration(y)) => match (x.seconds, y.seconds) {
            (Some((la, ha)), Some((lb, hb))) if la <= hb * 1.0001 && lb <= ha * 1.0001 => Outcome::Agree,
            _ => Outcome::Conflict,
        },
        (ClaimValue::Time(x), ClaimValue::Time(y)) => {
            if clock_gap(x, y, input.local_offset).is_some_and(|gap| gap <= x.slack.max(y.slack)) {
                Outcome::Agree
            } else {
                Outcome::Conflict
            }
        }
        _ => return false,
    };
    let (rule, verdict) = match (outcome, kind) {
        (Outcome::Agree, _) => {
            tally.agree += 1;
            return true;
        }
        (Outcome::Grew, _) => ("number-grew", Verdict::Conflict),
        (Outcome::Conflict, ClaimKind::Number) => ("number-conflict", Verdict::Conflict),
        (Outcome::Conflict, ClaimKind::Ordinal) => ("ordinal-conflict", Verdict::Conflict),
        (Outcome::Conflict, ClaimKind::Duration) => ("duration-conflict", Verdict::Conflict),
        (Outcome::Conflict, _) => ("time-conflict", Verdict::Conflict),
    };
    tally.conflict += 1;
    let (na, nb) = (a.norm.of(&doc_a.norm.text), b.norm.of(&doc_b.norm.text));
    let (va, vb) = (a.value.normalised().unwrap_or_default(), b.value.normalised().unwrap_or_default());
    let what = match kind {
        ClaimKind::Number if tallies => "one vote cannot have two tallies",
        ClaimKind::Number => "the two amounts do not overlap even allowing for rounding and hedges",
        ClaimKind::Ordinal => "one event cannot be both",
        ClaimKind::Duration => "the two lengths of time differ",
        _ => "the two clock times differ, after converting the zones both give",
    };
    // A local time put beside a zoned one through the offset a report gave.
    let what = match (&a.value, &b.value, input.local_offset) {
        (ClaimValue::Time(x), ClaimValue::Time(y), Some(offset)) if x.offset.is_some() != y.offset.is_some() => {
            format!("{what} (local time is UTC{}, as a report gives the time both ways)", utc_offset(offset))
        }
        _ => what.to_string(),
    };
    let reason = if rule == "number-grew" {
        format!(
            "Both sentences speak of {}. {na:?} in {} means {va}, and {nb:?} in {} means {vb}: a running count \
             such as a toll can grow between reports, so the later, higher one may be an update rather than an error.",
            subject.label,
            where_(input, a),
            where_(input, b),
        )
    } else {
        format!(
            "Both sentences speak of {}. {na:?} in {} means {va}, but {nb:?} in {} means {vb}; {what}, so they cannot \
             both be right.",
            subject.label,
            where_(input, a),
            where_(input, b),
        )
    };
    let certainty = match kind {
        ClaimKind::Number => 0.9,
        ClaimKind::Ordinal => 0.85,
        _ => 0.9,
    };
    findings.extend(finding(input, align_score, (a, b), kind, (rule, verdict), &subject, reason, certainty));
    true
}

/// Two amounts are comparable when they are in the same unit and say what
/// they count, the same thing: a bare "two" and "Three" may count anything.
fn cardinals_comparable(x: &NumberClaim, y: &NumberClaim) -> bool {
    use crate::extract::quantities::INCREMENT;
    if x.unit != y.unit || [x, y].iter().any(|n| n.counted.as_deref() == Some(INCREMENT)) {
        return false;
    }
    match (&x.counted, &y.counted) {
        (Some(p), Some(q)) => p == q,
        (None, None) => x.unit.is_some() && x.approx != Approx::Vague && y.approx != Approx::Vague,
        _ => false,
    }
}

/// Whether a cardinal is the only one of its unit and counted noun in its
/// sentence.
fn alone(input: &Input, c: &Claim) -> bool {
    let ClaimValue::Number(n) = &c.value else { return true };
    !input.claims_of(c.sentence).iter().any(|d| {
        d.id != c.id
            && matches!(&d.value, ClaimValue::Number(m) if m.kind == n.kind && m.unit == n.unit && m.counted == n.counted)
    })
}

/// Whether a disagreement is a running count that grew: a toll-like noun or
/// verb, and the report published later has the higher value.
fn running(input: &Input, a: &Claim, b: &Claim, x: &NumberClaim, y: &NumberClaim) -> bool {
    let reader = input.quantities;
    let toll = |c: &Claim, n: &NumberClaim| {
        n.counted.as_deref().is_some_and(|w| reader.is_running(w))
            || c.predicate.as_ref().is_some_and(|p| reader.is_running(&p.lemma))
    };
    if !(toll(a, x) || toll(b, y)) {
        return false;
    }
    let (pa, pb) = (input.docs[a.doc].published, input.docs[b.doc].published);
    match (pa, pb) {
        (Some(pa), Some(pb)) if pa < pb => y.low > x.high,
        (Some(pa), Some(pb)) if pb < pa => x.low > y.high,
        _ => false,
    }
}

/// Two ordinals name one event only when their clauses agree on everything
/// but the rank: the same predicate kind and no other occurrence word.
fn ordinal_event(a: &Claim, b: &Claim, lexicon: &crate::terms::Lexicon) -> EventMatch {
    // The ordinals themselves ("22nd", "first") are what is compared.
    let others = |c: &'_ Claim| -> Vec<String> {
        c.occurrences.iter().filter(|o| !lexicon.is_ordinal_word(o)).cloned().collect()
    };
    if others(a) != others(b) {
        return EventMatch::Different;
    }
    match (&a.predicate, &b.predicate) {
        (Some(pa), Some(pb)) if !pa.light && !pb.light && !pa.same_kind(pb) => EventMatch::Different,
        (Some(pa), Some(pb)) if pa.same_kind(pb) => EventMatch::Same,
        _ => EventMatch::Unknown,
    }
}

/// Whether two sentences that rank an event speak of one occasion: a date
/// in each, and the dates meet ("the 22nd meeting ... in 2024" is not "the
/// 23rd meeting ... in 2026"); without dates, only sentences that align
/// very closely.
pub(super) fn same_occasion(input: &Input, align_score: f32, a: &Claim, b: &Claim) -> bool {
    let (da, db) = (sentence_dates(input, a), sentence_dates(input, b));
    if da.is_empty() || db.is_empty() {
        return da.is_empty() && db.is_empty() && align_score >= 0.6;
    }
    da.iter().any(|x| db.iter().any(|y| x.relate(y) != crate::calendar::Relation::Disjoint))
}

/// Whether the dates of two sentences lie within a month of each other:
/// one occasion that the reports may date differently ("on Thursday" and
/// "on Friday, Feb. 7"), not two ("the third edition ... two years ago").
fn near_occasion(input: &Input, a: &Claim, b: &Claim) -> bool {
    // "since 2023" runs to the report's day.
    let ranges = |c: &Claim| -> Vec<(chrono::NaiveDate, chrono::NaiveDate)> {
        let published = input.docs[c.doc].published;
        input
            .claims_of(c.sentence)
            .iter()
            .filter_map(|d| match &d.value {
                ClaimValue::Date(x) => {
                    x.value.and_then(|v| v.range()).map(|(start, end)| match (x.anchor, published) {
                        (crate::extract::dates::Anchor::Since, Some(p)) => (start, end.max(p)),
                        _ => (start, end),
                    })
                }
                _ => None,
            })
            .collect()
    };
    // And near the reports' own dates: a rank of the event reported, not
    // of an earlier one in a series ("its first satellite ... in 2022").
    let recent = |c: &Claim, (start, end): (chrono::NaiveDate, chrono::NaiveDate)| {
        input.docs[c.doc].published.is_none_or(|p| (start - p).num_days() <= 31 && (p - end).num_days() <= 31)
    };
    let (ra, rb) = (ranges(a), ranges(b));
    ra.iter().filter(|r| recent(a, **r)).any(|&(sa, ea)| {
        rb.iter().filter(|r| recent(b, **r)).any(|&(sb, eb)| (sb - ea).num_days() <= 31 && (sa - eb).num_days() <= 31)
    })
}

/// Whether a claim's sentence dates what it tells more than two months
/// before its report was published: history, not the event reported.
pub(super) fn past(input: &Input, c: &Claim) -> bool {
    let Some(published) = input.docs[c.doc].published else { return false };
    let claims = input.claims_of(c.sentence);
    // "rose to $612 million from $488 million a year earlier": the old
    // date is the baseline's.
    if claims.iter().any(|d| d.head.as_deref() == Some(crate::extract::measure::BASELINE)) {
        return false;
    }
    claims.iter().any(|d| history(d, published))
}

/// Whether a claim is a date that ended more than two months before
/// `published`; "since January" runs to the report's day, so it never is.
pub(super) fn history(c: &Claim, published: chrono::NaiveDate) -> bool {
    match &c.value {
        ClaimValue::Date(x) if x.anchor != crate::extract::dates::Anchor::Since => {
            x.value.and_then(|v| v.range()).is_some_and(|(_, end)| (published - end).num_days() > 62)
        }
        _ => false,
    }
}

/// Whether two claims' sentences share a term other than their head (the
/// terms of a sentence are those of its claims' clauses).
pub(super) fn shares_more(input: &Input, a: &Claim, b: &Claim) -> bool {
    let head = a.head.as_deref().unwrap_or_default();
    let measure = head.split('/').next().unwrap_or(head);
    let skip = |t: &crate::terms::Term| t.key == measure || measure.starts_with(t.key.as_str()) && t.key.len() >= 4;
    let terms = |c: &Claim| -> Vec<&crate::terms::Term> {
        let mut out: Vec<&crate::terms::Term> =
            input.claims_of(c.sentence).iter().flat_map(|d| &d.subject).filter(|t| !skip(t)).collect();
        out.sort_by_key(|t| t.span.start);
        out.dedup_by_key(|t| t.span.start);
        out
    };
    let (ta, tb) = (terms(a), terms(b));
    ta.iter().any(|x| tb.iter().any(|y| super::same_term(x, y).is_some()))
}

/// Whether a length of time is written into the noun it qualifies ("a
/// two-day truce") and nothing marks that noun as another occurrence
/// ("separate", "previous").
fn compound(input: &Input, c: &Claim) -> bool {
    let written = c.norm.of(&input.docs[c.doc].norm.text);
    written.contains('-')
        && !written.ends_with('s')
        && c.head.is_some()
        && c.occurrences.iter().all(|o| input.lexicon.is_ordinal_word(o))
}

/// Whether both sentences give dates and none of one meets one of the
/// other: "a four-hour stoppage on January 23" and "the 24-hour strike set
/// for January 15" are two occasions.
fn dated_apart(input: &Input, a: &Claim, b: &Claim) -> bool {
    let (da, db) = (sentence_spans(input, a), sentence_spans(input, b));
    !da.is_empty()
        && !db.is_empty()
        && !da
            .iter()
            .any(|&x| db.iter().any(|&y| crate::calendar::relate_days(x, y) != crate::calendar::Relation::Disjoint))
}

/// The days each resolved date of a claim's sentence covers, an anchor
/// running to or from its report's day: "recorded since mid-January" meets
/// "as of 10 February".
fn sentence_spans(input: &Input, c: &Claim) -> Vec<(chrono::NaiveDate, chrono::NaiveDate)> {
    use crate::extract::dates::Anchor;
    let published = input.docs[c.doc].published;
    let claims = input.claims_of(c.sentence);
    // "$621mn, against $488mn in the same period last year": the date is
    // the baseline's, as for [`past`].
    if claims.iter().any(|d| d.head.as_deref() == Some(crate::extract::measure::BASELINE)) {
        return Vec::new();
    }
    claims
        .iter()
        .filter_map(|d| match &d.value {
            ClaimValue::Date(x) => {
                let (start, end) = x.days.or_else(|| x.value.and_then(|v| v.range()))?;
                Some(match (x.anchor, published) {
                    (Anchor::Since, Some(p)) => (start, end.max(p)),
                    (Anchor::Until, Some(p)) => (start.min(p), end),
                    _ => (start, end),
                })
            }
            _ => None,
        })
        .collect()
}

/// Whether two claims' subjects share a word ("mayor", "border").
fn share_a_subject_word(a: &Claim, b: &Claim) -> bool {
    a.subject.iter().any(|ta| b.subject.iter().any(|tb| crate::align::same_term(ta, tb).is_some()))
}

/// Seconds in a day.
const DAY: f64 = 86_400.0;

/// The resolved dates of a claim's sentence.
fn sentence_dates(input: &Input, c: &Claim) -> Vec<crate::calendar::PartialDate> {
    input
        .claims_of(c.sentence)
        .iter()
        .filter_map(|d| match &d.value {
            ClaimValue::Date(x) => x.value,
            _ => None,
        })
        .collect()
}

/// Whether a claim's sentence gives no date.
fn undated(input: &Input, c: &Claim) -> bool {
    !input.claims_of(c.sentence).iter().any(|d| matches!(d.value, ClaimValue::Date(_)))
}

/// A length of time against the one an end date implies from its report's
/// day: "signed a contract that runs until June 2030" in a report of 9
/// July 2025 (about five years) against "signed a four-year deal". The
/// length's head is an event group (a deal) that a word within five words
/// before the end date names ("contract"), or it extends something from the
/// report's day ("extended for another four months") and the end date's
/// clause shares a word of its subject ("controls on its border ... until
/// mid-March"); the end date is the only end or start date of its sentence
/// and lies after its report's day; the length tells of the event
/// reported. A length allows half its unit either side ("four-year": 3.5 to
/// 4.5 years).
pub(super) fn implied_lengths(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    use crate::extract::dates::Anchor;
    use crate::extract::{DateClaim, DurationClaim};
    // The end dates, with the seconds from their report's day to each end
    // of the date, once.
    let ends: Vec<(&Claim, f64, f64, chrono::NaiveDate)> = input
        .claims
        .iter()
        .filter_map(|u| {
            let ClaimValue::Date(DateClaim { value: Some(end), anchor: Anchor::Until, .. }) = &u.value else {
                return None;
            };
            let published = input.docs[u.doc].published?;
            let (first, last) = end.range()?;
            let bounds = input
                .claims_of(u.sentence)
                .iter()
                .filter(|c| matches!(&c.value, ClaimValue::Date(x) if x.anchor != Anchor::At))
                .count();
            let seconds = |d: chrono::NaiveDate| (d - published).num_days() as f64 * DAY;
            (first > published && bounds == 1).then(|| (u, seconds(first), seconds(last), published))
        })
        .collect();
    for d in input.claims {
        let ClaimValue::Duration(DurationClaim { value, seconds: Some((low, high)) }) = &d.value else { continue };
        let extension = d.head.as_deref() == Some(crate::extract::measure::EXTENSION);
        let group = match d.head.as_deref() {
            Some(h) if extension => h,
            Some(h) => match h.strip_prefix("event:") {
                Some(group) => group,
                None => continue,
            },
            None => continue,
        };
        let Some((unit, unit_name)) = calendar_unit(value) else { continue };
        if past(input, d) {
            continue;
        }
        for &(u, from, to, published) in ends.iter().filter(|(u, ..)| u.doc != d.doc) {
            let text = &input.docs[u.doc].norm.text;
            // The deal's word is close before its end ("a contract that
            // runs until June 2030"), not a word of another thing ("a
            // three-day visit aimed at doubling trade by 2030"). An
            // extension from the report's day ("would be extended for
            // another four months") ends what the other clause keeps
            // ("will maintain controls on its border ... until mid-March").
            let before = &text[u.clause.start.min(u.norm.start)..u.norm.start];
            let named = if extension {
                share_a_subject_word(u, d)
            } else {
                before
                    .split_whitespace()
                    .rev()
                    .take(5)
                    .any(|w| input.lexicon.groups_in(&w.to_lowercase()).contains(&group))
            };
            if !named {
                continue;
            }
            if from <= high + unit / 2.0 && low - unit / 2.0 <= to {
                tally.agree += 1;
                continue;
            }
            tally.conflict += 1;
            let text_d = &input.docs[d.doc].norm.text;
            let reason = format!(
                "Both sentences speak of the {group}. {:?} in {} gives it {value}, but {:?} in {} ends it in {}, about \
                 {:.1} {unit_name} after that report's day ({published}); the two lengths differ.",
                d.norm.of(text_d),
                where_(input, d),
                u.norm.of(text),
                where_(input, u),
                u.value.normalised().unwrap_or_default().trim_start_matches("../"),
                (from + to) / 2.0 / unit,
            );
            let subject = super::SharedSubject { label: group.to_string(), score: 0.5 };
            let rule = ("duration-conflict", Verdict::Conflict);
            findings.extend(finding(input, 0.0, (d, u), ClaimKind::Duration, rule, &subject, reason, 0.8));
        }
    }
}

/// The seconds of a length of time's calendar unit, with its name: "P4Y" is
/// in years; lengths of hours or less have none.
fn calendar_unit(value: &str) -> Option<(f64, &'static str)> {
    match value.chars().last() {
        Some('Y') if !value.contains('T') => Some((365.25 * DAY, "years")),
        Some('M') if !value.contains('T') => Some((30.44 * DAY, "months")),
        Some('W') => Some((7.0 * DAY, "weeks")),
        Some('D') => Some((DAY, "days")),
        _ => None,
    }
}

/// The days a sentence's dates span, with the date claim that opens them:
/// a day range ("from Feb. 5 to 7"), two days in a row joined by "and" ("on
/// Friday and Saturday"), or a day and the end of its event after it
/// ("arrived on Tuesday for talks ending on Wednesday", the weekday taken
/// on or after the first day). `None` when the sentence gives no such span
/// or more than one. The date of a statement ("the ministry said on
/// Tuesday") is none of the event's; clock times with the days make the span
/// one of hours ("from 11 p.m. on Thursday to 6 a.m. on Friday").
fn extent<'c>(input: &Input, claims: &'c [Claim]) -> Option<(&'c Claim, i64)> {
    use crate::extract::dates::Form;
    use crate::extract::DateClaim;
    use chrono::Datelike;
    let clocked = claims.iter().any(|c| matches!(c.value, ClaimValue::Time(_)));
    let statement = |c: &Claim| c.predicate.as_ref().is_some_and(|p| input.lexicon.is_statement(p));
    let days: Vec<(&Claim, &DateClaim, chrono::NaiveDate)> = claims
        .iter()
        .filter(|c| !statement(c))
        .filter_map(|c| match &c.value {
            ClaimValue::Date(d) => {
                let day = d
                    .days
                    .map(|(first, _)| first)
                    .or_else(|| d.value.and_then(|v| v.range()).filter(|(a, b)| a == b).map(|(a, _)| a))?;
                Some((c, d, day))
            }
            _ => None,
        })
        .collect();
    match days.as_slice() {
        [(c, d, _)] => d.days.map(|(first, last)| (*c, (last - first).num_days() + 1)),
        [(c, x, first), (e, y, second)] if x.days.is_none() && y.days.is_none() => {
            let text = &input.docs[c.doc].norm.text;
            if text[c.norm.end..e.norm.start].trim() == "and" {
                return ((*second - *first).num_days() == 1).then_some((*c, 2));
            }
            if clocked || super::bound(input, e) != super::Bound::End || super::bound(input, c) == super::Bound::End {
                return None;
            }
            let last = match y.form {
                Form::Weekday => {
                    let ahead =
                        (second.weekday().num_days_from_monday() + 7 - first.weekday().num_days_from_monday()) % 7;
                    *first + chrono::Duration::days(i64::from(ahead))
                }
                _ => *second,
            };
            (last >= *first).then(|| (*c, (last - *first).num_days() + 1))
        }
        _ => None,
    }
}

/// A length in days against the days that another report's dates of the
/// event span: "a two-day visit" against "to visit Australia from Feb. 5
/// to 7" (three days). The length is its sentence's only one and tells of
/// the event reported; the two sentences are aligned, or the dates' clause
/// names the length's event ("two-day visit" and "to visit").
pub(super) fn extents(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    use crate::extract::DurationClaim;
    let lengths: Vec<(&Claim, f64)> = input
        .claims
        .iter()
        .filter_map(|d| {
            let ClaimValue::Duration(DurationClaim { value, seconds: Some((low, high)) }) = &d.value else {
                return None;
            };
            let only =
                input.claims_of(d.sentence).iter().filter(|c| matches!(c.value, ClaimValue::Duration(_))).count() == 1;
            (value.ends_with('D') && !value.contains('T') && low == high && only && !past(input, d))
                .then_some((d, low / DAY))
        })
        .collect();
    if lengths.is_empty() {
        return;
    }
    for sentence in 0..input.sentences.len() {
        let claims = input.claims_of(sentence);
        let Some((u, span)) = extent(input, claims) else { continue };
        let text = &input.docs[u.doc].norm.text;
        let groups = input.lexicon.groups_in(u.clause.of(text));
        for &(d, days) in lengths.iter().filter(|(d, _)| d.doc != u.doc) {
            let (a, b) = (d.sentence.min(sentence), d.sentence.max(sentence));
            let aligned = input.alignment.pairs.binary_search_by(|p| (p.a, p.b).cmp(&(a, b))).is_ok();
            let named = d.head.as_deref().and_then(|h| h.strip_prefix("event:")).is_some_and(|g| groups.contains(&g));
            if !aligned && !named {
                continue;
            }
            if (days - span as f64).abs() < 0.5 {
                tally.agree += 1;
                continue;
            }
            tally.conflict += 1;
            let text_d = &input.docs[d.doc].norm.text;
            let reason = format!(
                "Both sentences speak of one event. {:?} in {} gives it {days} days, but the dates of {:?} in {} \
                 span {span} days; the two lengths differ.",
                d.norm.of(text_d),
                where_(input, d),
                input.sentences[sentence].norm.of(text).trim(),
                where_(input, u),
            );
            let label = d.head.as_deref().map_or("the event", |h| h.strip_prefix("event:").unwrap_or(h));
            let subject = super::SharedSubject { label: label.to_string(), score: 0.5 };
            let rule = ("duration-conflict", Verdict::Conflict);
            findings.extend(finding(input, 0.0, (d, u), ClaimKind::Duration, rule, &subject, reason, 0.8));
        }
    }
}

/// The length of a state against the time from the event that began it to
/// the report's day ([`crate::extract::measure::ElapsedState`]): "after
/// eight months without a mayor" in a report of 25 November against "the
/// previous mayor resigned in June" (about five months); "had been held
/// for more than a year" against "were seized ... in January". The length
/// tells of the state up to its report's day (no older date in its
/// sentence); the event is dated in another report, with a phrase that
/// begins the state among the ten words before its date, in a clause that
/// shares a word of its subject with the length's ("mayor"); a report that
/// dates two such events differently is left alone. An exact length allows
/// half its unit either side, a bounded one ("more than a year") two days.
pub(super) fn elapsed_lengths(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    use crate::extract::dates::Anchor;
    use crate::extract::{DateClaim, DurationClaim};
    for d in input.claims {
        let ClaimValue::Duration(DurationClaim { value, seconds: Some((low, high)) }) = &d.value else { continue };
        let Some(head) = d.head.as_deref().filter(|h| input.measure.is_elapsed(h)) else { continue };
        let (Some((unit, unit_name)), Some(published)) = (calendar_unit(value), input.docs[d.doc].published) else {
            continue;
        };
        if past(input, d) {
            continue;
        }
        let slack = if low == high { unit / 2.0 } else { 2.0 * DAY };
        // The dated beginnings in each other report, in report order.
        let mut begun: Vec<&Claim> = Vec::new();
        for u in input.claims.iter().filter(|u| u.doc != d.doc) {
            let ClaimValue::Date(DateClaim { value: Some(_), anchor: Anchor::At, .. }) = &u.value else { continue };
            let text = &input.docs[u.doc].norm.text;
            let before = &text[u.clause.start.min(u.norm.start)..u.norm.start];
            let shared = share_a_subject_word(u, d);
            if shared && input.measure.begins(head, before) {
                begun.push(u);
            }
        }
        for doc in begun.iter().map(|u| u.doc).collect::<std::collections::BTreeSet<_>>() {
            let mut dated = begun.iter().filter(|u| u.doc == doc);
            let Some(u) = dated.next() else { continue };
            let ClaimValue::Date(DateClaim { value: Some(when), .. }) = &u.value else { continue };
            if dated.any(|v| !matches!(&v.value, ClaimValue::Date(x) if x.value == Some(*when))) {
                continue;
            }
            let Some((first, last)) = when.range() else { continue };
            let seconds = |day: chrono::NaiveDate| (published - day).num_days() as f64 * DAY;
            let (shortest, longest) = (seconds(last), seconds(first));
            if shortest < 0.0 {
                continue;
            }
            if shortest <= high + slack && low - slack <= longest {
                tally.agree += 1;
                continue;
            }
            tally.conflict += 1;
            let (text_d, text_u) = (&input.docs[d.doc].norm.text, &input.docs[u.doc].norm.text);
            let reason = format!(
                "Both sentences speak of one {head}. {:?} in {} gives it {value}, but {:?} in {} dates the event that \
                 began it to {}, about {:.1} {unit_name} before that report's day ({published}); the two lengths \
                 differ.",
                d.norm.of(text_d),
                where_(input, d),
                u.norm.of(text_u),
                where_(input, u),
                u.value.normalised().unwrap_or_default(),
                (shortest + longest) / 2.0 / unit,
            );
            let subject = super::SharedSubject { label: head.to_string(), score: 0.5 };
            let rule = ("duration-conflict", Verdict::Conflict);
            findings.extend(finding(input, 0.0, (d, u), ClaimKind::Duration, rule, &subject, reason, 0.8));
        }
    }
}

/// A clock time's zone as written, unless it is the event's local time: a
/// clock time without a zone is the local time of the event, as "local
/// time" says outright.
fn written_zone(t: &TimeClaim) -> Option<&str> {
    match t.zone.as_deref() {
        None | Some("local time" | "local" | "time") => None,
        z => z,
    }
}

/// A clock time's offset from UTC: its zone's, or for a local time the
/// event's local offset when the reports give it.
fn known_offset(t: &TimeClaim, local: Option<i64>) -> Option<i64> {
    t.offset.or(written_zone(t).is_none().then_some(local).flatten())
}

/// Clock times compare when both are clock times and their zones can be
/// put side by side: both known, or both written the same way (or not at
/// all), or one known and the other local when the reports give the local
/// time's offset (`local`, [`local_offset`]).
fn times_comparable(x: &TimeClaim, y: &TimeClaim, local: Option<i64>) -> bool {
    let known = |t: &TimeClaim| known_offset(t, local);
    x.minutes.is_some()
        && y.minutes.is_some()
        && (known(x).is_some() && known(y).is_some() || written_zone(x) == written_zone(y))
}

/// Minutes between two clock times around the clock, in UTC when both
/// zones are known (a local time's from `local`).
pub(super) fn clock_gap(x: &TimeClaim, y: &TimeClaim, local: Option<i64>) -> Option<i64> {
    let (mx, my) = (x.minutes?, y.minutes?);
    let known = |t: &TimeClaim| known_offset(t, local);
    let (ux, uy) = match (x.offset, y.offset) {
        (Some(ox), Some(oy)) => (mx - ox, my - oy),
        (None, None) => (mx, my),
        _ => match (known(x), known(y)) {
            (Some(ox), Some(oy)) => (mx - ox, my - oy),
            _ => (mx, my),
        },
    };
    let d = (ux - uy).rem_euclid(1440);
    Some(d.min(1440 - d))
}

/// An offset from UTC in minutes as written in a reason: "+05:45".
fn utc_offset(minutes: i64) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

/// The offset from UTC of the event's local time, in minutes, when the
/// reports give a clock time both ways, the local time and right after it,
/// in parentheses, in a known zone ("at about 3:40 a.m. (2155 GMT
/// Tuesday)", "at about 2pm local time (noon BST)") or the other way round;
/// `None` when no report does or two give different offsets.
pub fn local_offset(docs: &[crate::document::Document], claims: &[Claim]) -> Option<i64> {
    let mut found: Option<i64> = None;
    for w in claims.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (ClaimValue::Time(x), ClaimValue::Time(y)) = (&a.value, &b.value) else { continue };
        if a.sentence != b.sentence || a.norm.end > b.norm.start {
            continue;
        }
        let between = docs[a.doc].norm.text[a.norm.end..b.norm.start].trim();
        if !matches!(between, "(" | "[") {
            continue;
        }
        let (local, utc) = match (x.offset, y.offset) {
            (None, Some(o)) if written_zone(x).is_none() => (x.minutes, y.minutes.map(|m| m - o)),
            (Some(o), None) if written_zone(y).is_none() => (y.minutes, x.minutes.map(|m| m - o)),
            _ => continue,
        };
        let (Some(local), Some(utc)) = (local, utc) else { continue };
        // The offset between UTC-12 and UTC+14.
        let mut offset = (local - utc).rem_euclid(1440);
        if offset > 14 * 60 {
            offset -= 1440;
        }
        match found {
            Some(f) if f != offset => return None,
            _ => found = Some(offset),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::check_on;
    use crate::compare::Severity;
    use crate::Run;

    /// One-paragraph reports, both published on 4 December 2025.
    fn check(a: &str, b: &str) -> Run {
        check_on(a, "2025-12-04", b, "2025-12-04")
    }

    fn rules_of(run: &Run) -> Vec<&'static str> {
        run.findings.iter().map(|f| f.rule).collect()
    }

    #[track_caller]
    fn assert_rule(a: &str, b: &str, rule: &str) {
        let run = check(a, b);
        assert_eq!(rules_of(&run), vec![rule], "{a:?} vs {b:?}: {:#?}", run.findings);
    }

    #[track_caller]
    fn assert_agree(a: &str, b: &str) {
        let run = check(a, b);
        assert!(run.findings.is_empty(), "{a:?} vs {b:?}: {:#?}", run.findings);
        assert!(run.tally.agree >= 1, "compared and agreeing: {a:?} vs {b:?} ({:?})", run.tally);
    }

    #[test]
    fn counts_of_one_thing_conflict() {
        assert_rule(
            "Twelve people were killed in the Karoo bridge collapse in Durban.",
            "Fifteen people were killed in the Karoo bridge collapse in Durban.",
            "number-conflict",
        );
    }

    #[test]
    fn hedges_and_rounding_agree() {
        assert_agree(
            "More than 40 people were killed in the Karoo bridge collapse in Durban.",
            "43 people were killed in the Karoo bridge collapse in Durban.",
        );
        assert_agree(
            "About 100 people were evacuated from the Karoo bridge area in Durban.",
            "98 people were evacuated from the Karoo bridge area in Durban.",
        );
        assert_agree(
            "Tata Steel paid $5.43 billion for the Corus mill in Port Talbot.",
            "Tata Steel paid $5.4 billion for the Corus mill in Port Talbot.",
        );
        assert_agree(
            "A dozen people were killed in the Karoo bridge collapse in Durban.",
            "12 people were killed in the Karoo bridge collapse in Durban.",
        );
    }

    #[test]
    fn different_things_are_not_compared() {
        let run = check(
            "Twelve people were killed in the Karoo bridge collapse in Durban.",
            "Fifteen people were injured in the Karoo bridge collapse in Durban.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        let run =
            check("Tata Steel paid $5 billion for the Corus mill.", "Tata Steel paid Rs 5 billion for the Corus mill.");
        assert!(run.findings.is_empty(), "dollars and rupees: {:#?}", run.findings);
    }

    #[test]
    fn a_toll_that_grows_in_a_later_report_is_a_warning() {
        let run = check_on(
            "Twelve people were killed in the Karoo bridge collapse in Durban.",
            "2025-12-04",
            "Fifteen people were killed in the Karoo bridge collapse in Durban.",
            "2025-12-05",
        );
        assert_eq!(rules_of(&run), vec!["number-grew"]);
        assert_eq!(run.findings[0].severity, Severity::Warning);
        assert!(run.findings[0].reason.contains("running count"), "{}", run.findings[0].reason);
        // Lower in the later report: no update explains it.
        let run = check_on(
            "Fifteen people were killed in the Karoo bridge collapse in Durban.",
            "2025-12-04",
            "Twelve people were killed in the Karoo bridge collapse in Durban.",
            "2025-12-05",
        );
        assert_eq!(rules_of(&run), vec!["number-conflict"]);
    }

    #[test]
    fn amounts_pair_by_what_they_measure() {
        // Different verbs, different sentence shapes: both measure profit.
        assert_rule(
            "Nordhavn Line said on Thursday that net profit rose to $612 million in the third quarter.",
            "The Copenhagen-listed company reported third-quarter net profit of $621mn, against $488mn.",
            "number-conflict",
        );
        // "More than 500" is not what a reporter writes for 900.
        assert_rule(
            "Police have seized more than 3,400 firearms since January, the ministry said.",
            "Police said officers had seized more than 4,300 firearms since January.",
            "number-conflict",
        );
        assert_agree(
            "More than 40 firefighters were battling the blaze near the Karoo bridge on Monday.",
            "Some 43 firefighters battled the blaze near the Karoo bridge on Monday.",
        );
    }

    #[test]
    fn amounts_pair_by_whose_they_are() {
        let run = check(
            "The commission declared Adeyemo winner of the Ondo poll with 312,406 votes, while Mr Akinwale polled \
             141,270 votes.",
            "INEC returned Adeyemo as winner of the Ondo election after he polled 312,406 votes to beat Akinwale, \
             who scored 141,720 votes in the Ondo poll.",
        );
        assert_eq!(rules_of(&run), vec!["number-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].message.contains("141,720"), "{}", run.findings[0].message);
        // "since January" runs to the report's day; a baseline's old date is
        // the baseline's.
        assert_rule(
            "Brandt praised Mexico for seizing more than 3,400 firearms in the first months of the year.",
            "Brandt praised Mexican authorities, who have seized more than 4,300 firearms since January.",
            "number-conflict",
        );
    }

    #[test]
    fn amounts_of_other_occasions_and_baselines_are_not_paired() {
        // History: another flood, another toll.
        let run = check(
            "Seven people have died in rain-related incidents in Chennai this week.",
            "Chennai was hit by floods in 2015, when more than 400 people died in Tamil Nadu.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // A baseline and a part of a sum.
        let run = check(
            "Net profit of the Nordhavn group rose to $612 million from $488 million a year earlier.",
            "Nordhavn group net profit was $612 million in the quarter, against $500 million expected.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        let run = check(
            "All 21 crew of the bulk carrier were airlifted to safety by helicopter.",
            "The crew of 19 Filipinos and two Indians of the bulk carrier were airlifted by helicopter.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn durations_compare_by_length() {
        assert_rule(
            "Putin arrived in New Delhi for a two-day visit to India.",
            "Putin arrived in New Delhi for a three-day visit to India.",
            "duration-conflict",
        );
        assert_agree(
            "The Karoo bridge in Durban was closed for 48 hours.",
            "The Karoo bridge in Durban was closed for two days.",
        );
    }

    #[test]
    fn a_headline_and_its_lead_make_one_finding() {
        let run = check(
            "Rail drivers announce 72-hour walkout\n\nTrain drivers on Southern Coast Railway will stage a 72-hour strike from Friday.",
            "Train drivers at Southern Coast Railway are to stage a 48-hour walkout from Thursday over pay.",
        );
        let durations: Vec<_> = run.findings.iter().filter(|f| f.rule == "duration-conflict").collect();
        assert_eq!(durations.len(), 1, "{:#?}", run.findings);
        // The lead, not the headline, is the evidence kept.
        let claim = &run.claims[durations[0].claims[0]];
        assert_eq!(run.sentences[claim.sentence].index, 1, "{:#?}", run.findings);
    }

    #[test]
    fn clock_times_compare_across_zones() {
        assert_agree(
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 23:18 IST.",
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 17:48 GMT.",
        );
        assert_rule(
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 9:05 a.m.",
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 10:05 a.m.",
            "time-conflict",
        );
        // No zone is the local time that "local time" names.
        assert_rule(
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 9:05 a.m.",
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 10:05 a.m. local time.",
            "time-conflict",
        );
        // A zone written after a part of the day is that time's zone.
        assert_rule(
            "The fire broke out near Amaliada at noon BST, officials said.",
            "The fire broke out near Amaliada at 14:00 GMT, officials said.",
            "time-conflict",
        );
        assert_agree(
            "The fire broke out near Amaliada at noon BST, officials said.",
            "The fire broke out near Amaliada at 11:00 GMT, officials said.",
        );
        assert_agree(
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur shortly after 9 a.m.",
            "The Soyuz rocket carrying the Indian crew lifted off from Baikonur at 9:05 a.m.",
        );
    }

    #[test]
    fn clock_times_of_one_event_pair_by_the_event() {
        let run = check(
            "Turnout in the Cluj-Napoca by-election was under 40 per cent, with polls closing at 8pm, \
             reflecting what observers described as a lacklustre campaign.",
            "Polls in Cluj-Napoca closed at 9 p.m. local time.",
        );
        assert_eq!(rules_of(&run), vec!["time-conflict"], "{:#?}", run.findings);
        // The event a clause only refers to does not name its time.
        let run = check(
            "The plenary session of the Uzbek-Russian commission began at 1100 GMT in Tashkent, officials said.",
            "Following the session, the co-chairs held a joint press conference at 7.30pm Tashkent time.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // But the press conference that followed is timed by both.
        let run = check(
            "Ovchinnikov and Rakhimberdiev will hold a joint press conference at 18:30 Moscow time.",
            "Following the meeting, the co-chairs held a joint press conference at 7.30pm Tashkent time.",
        );
        assert_eq!(rules_of(&run), vec!["time-conflict"], "{:#?}", run.findings);
        // An accident by any of its words.
        let run = check(
            "The night bus had 49 people on board when it veered off the Prithvi Highway around 3:40 am.",
            "The accident took place shortly after 2 am local time on the Prithvi Highway, police said.",
        );
        assert_eq!(rules_of(&run), vec!["time-conflict"], "{:#?}", run.findings);
        // A truce that took effect is one that began.
        let run = check(
            "The 48-hour truce took effect at midnight on Friday, according to the Ombudsman's Office.",
            "The three-day truce began at 6 a.m. on Saturday and covers the rural areas.",
        );
        assert!(rules_of(&run).contains(&"time-conflict"), "{:#?}", run.findings);
        // A launch pad is no launch: the rocket's lift-off is the event.
        let run = check(
            "The PSLV-C64 rocket, with six strap-on motors, lifted off from the second launch pad at 10.24 a.m.",
            "The PSLV-C64 rocket lifted off at 10.42 am and placed the satellites in orbit.",
        );
        assert_eq!(rules_of(&run), vec!["time-conflict"], "{:#?}", run.findings);
    }

    #[test]
    fn tallies_of_one_vote_conflict() {
        let run = check(
            "Brazil's Supreme Federal Court on Thursday ordered a plan to remove illegal miners, ruling 8-3 that \
             authorities had failed in their duty.",
            "The justices voted 7-4 in favor of a lawsuit filed by the Rede party.",
        );
        assert_eq!(rules_of(&run), vec!["number-conflict"], "{:#?}", run.findings);
        assert!(
            run.findings[0].reason.contains("8-3") && run.findings[0].reason.contains("7-4"),
            "{}",
            run.findings[0].reason
        );
        assert_agree(
            "The court voted by eight votes to three on Thursday in a case brought by prosecutors.",
            "Brazil's Supreme Federal Court on Thursday ordered a plan to remove illegal miners, ruling 8-3.",
        );
        // A tally is not an amount: "7-4" and "7 justices" are two things.
        let run =
            check("The justices voted 7-4 in favor of the lawsuit.", "Seven justices voted in favor of the lawsuit.");
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn a_length_against_the_end_date_of_the_same_deal() {
        let run = check_on(
            "The striker, who passed his medical in Madrid on Monday, signed a contract that runs until June 2030.",
            "2025-07-09",
            "The 22-year-old striker has signed a four-year deal at the Benito Villamarin.",
            "2025-07-08",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].reason.contains("June 2030") || run.findings[0].reason.contains("2030-06"));
        let run = check_on(
            "The striker, who passed his medical in Madrid on Monday, signed a contract that runs until June 2030.",
            "2025-07-09",
            "The 22-year-old striker has signed a five-year deal at the Benito Villamarin.",
            "2025-07-08",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // An end date of something else is no end of the deal, nor of the
        // visit that aims at it.
        let run = check_on(
            "The minister arrived on Wednesday for a two-day visit aimed at doubling bilateral trade by 2030.",
            "2026-05-21",
            "The minister is on a three-day visit to Brasilia.",
            "2026-05-21",
        );
        assert!(run.findings.iter().all(|f| !f.message.contains("2030")), "{:#?}", run.findings);
        let run = check_on(
            "The transfer window stays open until September 1.",
            "2025-07-09",
            "The 22-year-old striker has signed a four-year deal at the Benito Villamarin.",
            "2025-07-08",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn a_share_written_as_a_proportion_against_a_percentage() {
        let ballot = "Members of the Rail Operatives and Drivers' Union backed action by 83% in a ballot last month.";
        let run = check(
            "More than nine in ten members of the Rail Operatives and Drivers' Union who took part in the ballot \
             voted to walk out.",
            ballot,
        );
        assert_eq!(rules_of(&run), vec!["number-conflict"], "{:#?}", run.findings);
        let run = check(
            "Nearly nine in ten members of the Rail Operatives and Drivers' Union who took part in the ballot voted \
             to walk out.",
            ballot,
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn ranks_of_one_series_since_a_year() {
        // "measure" and "law" rank one series; "struck down" is no noun of
        // it; both counts run from 2023 to the reports' day.
        let run = check_on(
            "It is the third tax measure struck down by Kenyan courts since 2023, when a levy was found to be \
             discriminatory.",
            "2025-10-21",
            "This is the second tax law to be nullified by the courts since 2023.",
            "2025-10-21",
        );
        assert_eq!(rules_of(&run), vec!["ordinal-conflict"], "{:#?}", run.findings);
        // A rank of a series long past is another occasion.
        let run = check_on(
            "It is the third tax measure struck down by Kenyan courts since 2023.",
            "2025-10-21",
            "In 2019 it was the second tax law to be nullified by the courts.",
            "2025-10-21",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn a_length_in_days_against_the_days_the_dates_span() {
        let range = "President Arief Wicaksono is scheduled to visit Australia from Feb. 5 to 7, the Foreign Ministry \
                     said on Tuesday.";
        let run = check_on(
            range,
            "2025-02-04",
            "President Arief Wicaksono arrived in Canberra today for a two-day visit.",
            "2025-02-05",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].reason.contains("span 3 days"), "{}", run.findings[0].reason);
        let run = check_on(
            range,
            "2025-02-04",
            "President Arief Wicaksono arrived in Canberra today for a three-day visit.",
            "2025-02-05",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        assert!(run.tally.agree >= 1, "{:?}", run.tally);
        // A day and the end of the event after it: the weekday is the
        // next one, not the one before.
        let run = check_on(
            "Russian Deputy Prime Minister Alexei Ovchinnikov, who arrived on Tuesday for talks ending on \
             Wednesday, co-chaired the session of the commission.",
            "2025-10-07",
            "The session was chaired by Russian Deputy Prime Minister Alexei Ovchinnikov, who is in Uzbekistan on \
             a three-day visit.",
            "2025-10-08",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].reason.contains("span 2 days"), "{}", run.findings[0].reason);
        // Clock times make the span one of hours.
        let run = check_on(
            "Chennai airport was shut to flights from 11 p.m. on Thursday to 6 a.m. on Friday as schools closed.",
            "2025-11-29",
            "Chennai schools were closed for three days and the airport shut after water flooded the runway.",
            "2025-11-30",
        );
        assert!(run.findings.iter().all(|f| f.rule != "duration-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn an_extension_against_the_end_of_what_it_extends() {
        let until = "Germany will maintain controls on its border with Poland until mid-March, after talks on Monday.";
        let run = check_on(
            until,
            "2025-09-15",
            "Germany's checks on the Polish border would be extended for another four months, the minister said.",
            "2025-09-16",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        let run = check_on(
            until,
            "2025-09-15",
            "Germany will keep its temporary controls on the border with Poland for a further six months.",
            "2025-09-15",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        assert!(run.tally.agree >= 1, "{:?}", run.tally);
        // An extension of something else.
        let run = check_on(
            until,
            "2025-09-15",
            "The club extended the striker's loan for another four months.",
            "2025-09-16",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn a_time_told_both_ways_gives_the_local_offset() {
        // 21:55 GMT is 03:40 at UTC+5:45: "shortly after 2 am local time"
        // conflicts with both, "around 3:40 am" with neither.
        let both = "The accident happened at about 3:40 a.m. (2155 GMT Tuesday), the district officer said.";
        let run = check(both, "The bus accident took place shortly after 2 am local time, police said.");
        let times: Vec<_> = run.findings.iter().filter(|f| f.rule == "time-conflict").collect();
        assert_eq!(times.len(), 2, "{:#?}", run.findings);
        assert!(times.iter().any(|f| f.reason.contains("UTC+05:45")), "{times:#?}");
        let run = check(both, "The bus accident happened around 3:40 am, police said.");
        assert!(run.findings.iter().all(|f| f.rule != "time-conflict"), "{:#?}", run.findings);
        // The other way round, with a zone of its own name.
        let run = check(
            "The fire broke out at about 2pm local time (noon BST) near the town.",
            "The fire broke out shortly before 11 am near the town.",
        );
        assert_eq!(run.findings.iter().filter(|f| f.rule == "time-conflict").count(), 2, "{:#?}", run.findings);
        // Without a report that gives both, a zoned time and a local one
        // are not put side by side.
        let run = check(
            "The accident happened at 2155 GMT on Tuesday, police said.",
            "The bus accident took place shortly after 2 am local time, police said.",
        );
        assert!(run.findings.iter().all(|f| f.rule != "time-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn a_state_against_the_time_since_the_event_that_began_it() {
        // Vacant since June: about five months by 25 November, not eight.
        let vacant = "The by-election was called after the previous mayor resigned in June to join the government.";
        let run = check_on(vacant, "2025-11-24", "Her victory comes after eight months without a mayor.", "2025-11-25");
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].reason.contains("2025-06"), "{}", run.findings[0].reason);
        let run = check_on(vacant, "2025-11-24", "Her victory comes after five months without a mayor.", "2025-11-25");
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        assert!(run.tally.agree >= 1, "{:?}", run.tally);
        // Seized in January: not yet a year by November.
        let seized = "The nine soldiers were seized in a raid on a military outpost in January.";
        let run = check_on(
            seized,
            "2025-11-09",
            "The nine soldiers had been held for more than a year, family members said.",
            "2025-11-09",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        let run = check_on(seized, "2025-11-09", "The nine soldiers had been held for about ten months.", "2025-11-09");
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // Traps: a meeting held for two hours began with nobody seized; a
        // length told of a past year is not up to the report's day; the
        // event must share the length's subject.
        let run = check_on(
            seized,
            "2025-11-09",
            "The defence ministers' meeting was held for two hours on Saturday.",
            "2025-11-09",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        let run = check_on(vacant, "2025-11-24", "In 2019 the city went eight months without a mayor.", "2025-11-25");
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        let run = check_on(
            "The football club's chairman resigned in June after a row over the stadium.",
            "2025-11-24",
            "Her victory comes after eight months without a mayor.",
            "2025-11-25",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn sums_asked_for_pair_across_reports_by_that_alone() {
        let run = check(
            "Chief Minister K Selvaraj has written to the Prime Minister seeking an immediate release of Rs 1,500 \
             crore from the National Disaster Response Fund.",
            "Tamil Nadu's government has asked the federal government for 20 billion rupees ($224m) in emergency aid.",
        );
        assert_eq!(rules_of(&run), vec!["number-conflict"], "{:#?}", run.findings);
        assert_agree(
            "Chief Minister K Selvaraj has written to the Prime Minister seeking Rs 2,000 crore from the fund.",
            "Tamil Nadu's government has asked the federal government for 20 billion rupees ($224m) in emergency aid.",
        );
        // A report that asks for two sums is not paired by the request.
        let run = check(
            "The state first sought Rs 500 crore, and on Friday it sought Rs 1,500 crore from the fund.",
            "Tamil Nadu's government has asked the federal government for 20 billion rupees in emergency aid.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn lengths_read_by_the_phrase_next_to_them_pair_by_it() {
        // A lifetime, one per story: nothing else need be shared.
        let run = check(
            "EOS-12 carries an ocean colour monitor. It has a mission life of seven years.",
            "The main payload was released into a polar orbit. It is designed to last 10 years.",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        // The time a fire took to put out.
        let run = check(
            "Firefighters brought the blaze under control after five hours.",
            "It took 18 firefighting units more than seven hours to douse the flames, the fire service said.",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        assert_agree(
            "Firefighters brought the blaze under control after about seven hours.",
            "It took 18 firefighting units more than seven hours to douse the flames, the fire service said.",
        );
        // A vacancy pairs by its reading and a word shared ("mayor").
        let run = check(
            "The post had been vacant for five months after the previous mayor stepped down.",
            "Her victory comes after eight months without a mayor.",
        );
        assert_eq!(rules_of(&run), vec!["duration-conflict"], "{:#?}", run.findings);
        // But a lifetime is not the time a visit lasts.
        let run = check(
            "The satellite has a mission life of seven years.",
            "The minister's visit is expected to last two days.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn clock_times_bound_their_event_at_one_end() {
        // The end of a closure against the end of the same closure.
        let run = check_on(
            "Chennai airport was closed to all flights from 11 p.m. on Thursday to 6 a.m. on Friday.",
            "2025-11-29",
            "Chennai airport shut to all flights until 9am on Friday.",
            "2025-11-29",
        );
        assert_eq!(rules_of(&run), vec!["time-conflict"], "{:#?}", run.findings);
        let conflict = &run.findings[0];
        let texts: Vec<&str> = conflict
            .claims
            .iter()
            .map(|&i| run.claims[i].norm.of(&run.documents[run.claims[i].doc].norm.text))
            .collect();
        assert!(texts.contains(&"6 a.m.") && texts.contains(&"9am"), "{texts:?}");
        // The start of it is no end.
        let run = check_on(
            "Chennai airport was closed to all flights from 11 p.m. on Thursday.",
            "2025-11-29",
            "Chennai airport shut to all flights until 9am on Friday.",
            "2025-11-29",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn ranks_pair_by_their_noun_when_one_sentence_is_undated() {
        let run = check(
            "The blaze broke out at around 10:30 am on the third floor of the eight-storey building in Gazipur.",
            "Witnesses said flames were first seen on Monday on the fourth floor, where fabric was stored.",
        );
        assert_eq!(rules_of(&run), vec!["ordinal-conflict"], "{:#?}", run.findings);
        // A rank of another year's event is not this one's.
        let run = check(
            "The fair opened its fourth edition on the waterfront in Durban.",
            "The third edition of the fair, in 2023, drew 40,000 visitors to Durban.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn dates_of_one_release_or_one_start_pair_by_the_event() {
        let run = check_on(
            "Rebels on Saturday released seven soldiers and two police officers.",
            "2025-11-09",
            "The ELN freed nine members of the security forces on Sunday, the ombudsman said.",
            "2025-11-10",
        );
        assert!(rules_of(&run).contains(&"date-conflict"), "{:#?}", run.findings);
        let run = check_on(
            "Incessant rain that began on Thursday night inundated large parts of Chennai.",
            "2025-11-29",
            "Rain began lashing the city on Wednesday evening and intensified overnight.",
            "2025-11-29",
        );
        assert!(rules_of(&run).contains(&"date-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn dates_of_one_publication_pair_by_the_event() {
        let run = check(
            "Nordhavn will publish its full-year results on Feb. 12.",
            "The carrier will present its full-year report on 5 February.",
        );
        assert!(rules_of(&run).contains(&"date-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn runs_rank_apart_from_the_periods_they_count() {
        let run = check(
            "Nordhavn said third-quarter profit rose. It was the company's third consecutive quarter of profit growth.",
            "Nordhavn reported third-quarter net profit of $621mn. It marked the group's fourth straight quarter of \
             rising profits.",
        );
        assert_eq!(rules_of(&run), vec!["ordinal-conflict"], "{:#?}", run.findings);
        let c = &run.claims[run.findings[0].claims[1]];
        assert_eq!(c.span.of(&run.documents[1].raw), "fourth");
    }

    #[test]
    fn ordinals_of_one_event_conflict() {
        assert_rule(
            "Modi and Putin held the 22nd India-Russia annual summit in New Delhi on December 5.",
            "Modi and Putin held the 23rd India-Russia annual summit in New Delhi on December 5.",
            "ordinal-conflict",
        );
        assert_agree(
            "Modi and Putin held the third India-Russia summit in Sochi.",
            "Modi and Putin held the 3rd India-Russia summit in Sochi.",
        );
    }
}
