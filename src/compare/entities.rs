//! People, roles, places and organisations.
//!
//! - a person named two ways that differ by a letter or two ("Rajnath
//!   Singh", "Rajnat Singh") is a misspelling: a warning;
//! - one role held by two different people in two reports ("Foreign
//!   Minister A", "Foreign Minister B" of one country) is a conflict, and so
//!   is one person given two different roles;
//! - two places for one event, neither inside the other ("in Mumbai", "in
//!   New Delhi"), and two organisations doing one thing, are conflicts.
//!
//! Names that agree are not counted among the comparisons: every pair of
//! mentions of one person would swell the count.
//!
//! - one title and one surname with two given names ("Satellite Director
//!   Anitha Ramaswamy", "Satellite Director Kavitha Ramaswamy") is a
//!   misspelling; one person with one title of two bodies named by the
//!   words before it ("SDSC SHAR Director", "VSSC Director") is a role
//!   conflict.
//!
//! People and roles are compared across whole reports: a name or a title
//! means the same thing wherever it stands. Places and organisations are
//! compared here only in aligned sentences that tell of one event; the
//! slots of an event ("sitting in", "chaired by", "28 km northwest of")
//! are compared across reports in `slots.rs`.

use std::collections::HashSet;

use super::{event_match, finding, shared_subject, where_, EventMatch, Finding, Input, SharedSubject, Tally, Verdict};
use crate::extract::entities::{
    place_relation, role_conflict, same_organisation, same_person, same_role, EntityKind, EntityMatch, Identity,
    PlaceKind, PlaceRelation, Role,
};
use crate::extract::{Claim, ClaimKind, ClaimValue};

fn entity(c: &Claim) -> Option<&EntityMatch> {
    match &c.value {
        ClaimValue::Entity(e) => Some(e),
        _ => None,
    }
}

/// People and roles across reports: every pair of people from two reports,
/// each pair of people judged once for each pair of reports, on the
/// fullest mentions of the two ("Faith Achieng Owour" rather than a
/// headline's "Owour").
pub(super) fn people(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    let people: Vec<(&Claim, &EntityMatch)> = input
        .claims
        .iter()
        .filter_map(|c| entity(c).filter(|e| e.kind == EntityKind::Person).map(|e| (c, e)))
        .collect();
    type Key = (usize, usize, String, String, &'static str);
    type Mention<'a> = (&'a Claim, &'a EntityMatch);
    let mut best: Vec<(Key, usize, Mention, Mention, &'static str, Identity)> = Vec::new();
    // Whether two people are one depends on their names alone, and a story
    // names the same people again and again: each pair of names is judged
    // once.
    let mut judged: rustc_hash::FxHashMap<(&str, &str), Identity> = rustc_hash::FxHashMap::default();
    for (i, &(a, ea)) in people.iter().enumerate() {
        for &(b, eb) in &people[i + 1..] {
            if a.doc == b.doc {
                continue;
            }
            let identity = *judged.entry((ea.name.as_str(), eb.name.as_str())).or_insert_with(|| same_person(ea, eb));
            let rule = match identity {
                Identity::Misspelt => "person-misspelt",
                // Only roles whose country or organisation both reports
                // give, or that neither gives while each report names
                // only its own holder: two "Director"s of two centres are
                // no conflict.
                Identity::Different if role_conflict(ea, eb) && role_scoped(&people, a, ea, b, eb) => "role-conflict",
                // "Satellite Director Anitha Ramaswamy" and "Satellite
                // Director Kavitha Ramaswamy": one holder, the given name
                // written two ways.
                Identity::Different if given_name_differs(input, &people, (a, ea), (b, eb)) => "person-misspelt",
                Identity::Same => {
                    let (Some(ra), Some(rb)) = (&ea.role, &eb.role) else {
                        continue;
                    };
                    let scopes_differ = ra.scope.is_some() && rb.scope.is_some() && ra.scope != rb.scope;
                    // "SDSC SHAR Director R Sethuraman" and "VSSC Director R
                    // Sethuraman": one title of two different bodies.
                    if same_role(ra, rb) && qualifiers_apart(input, (a, ra), (b, rb)) {
                        "role-conflict"
                    } else if same_role(ra, rb) || ra.former || rb.former || scopes_differ {
                        continue;
                    } else {
                        // A deputy is not the one deputised for ("Governor"
                        // and "Deputy Governor"), even where deputies are
                        // many.
                        let deputy = ra.deputy_of.as_deref() == Some(rb.key.as_str())
                            || rb.deputy_of.as_deref() == Some(ra.key.as_str());
                        if !deputy && (ra.shared || rb.shared) {
                            continue;
                        }
                        "role-conflict"
                    }
                }
                _ => continue,
            };
            let (x, y) = if a.doc <= b.doc { ((a, ea), (b, eb)) } else { ((b, eb), (a, ea)) };
            let key: Key = (x.0.doc, y.0.doc, x.1.key.clone(), y.1.key.clone(), rule);
            let weight = |e: &EntityMatch| e.name.len() + if e.role.is_some() { 100 } else { 0 };
            let score = weight(ea) + weight(eb);
            match best.iter_mut().find(|c| c.0 == key) {
                Some(c) if c.1 >= score => {}
                Some(c) => *c = (key, score, (a, ea), (b, eb), rule, identity),
                None => best.push((key, score, (a, ea), (b, eb), rule, identity)),
            }
        }
    }
    for (_, _, (a, ea), (b, eb), rule, identity) in best {
        let reason = match identity {
            Identity::Different if rule == "person-misspelt" => format!(
                "{} names the {} {:?} and {} names the {} {:?}: one surname and one title, two given names; one \
                 of the names is wrong.",
                where_(input, a),
                ea.role.as_ref().map(|r| r.key.as_str()).unwrap_or_default(),
                ea.name,
                where_(input, b),
                eb.role.as_ref().map(|r| r.key.as_str()).unwrap_or_default(),
                eb.name
            ),
            Identity::Misspelt => format!(
                "{:?} in {} and {:?} in {} differ by a letter or two: one person, one of the names misspelt.",
                ea.name,
                where_(input, a),
                eb.name,
                where_(input, b)
            ),
            Identity::Different => {
                let role = ea.role.as_ref().map(|r| r.key.clone()).unwrap_or_default();
                format!(
                    "{} names {} as {role}, but {} names {}: one role, two different people.",
                    where_(input, a),
                    ea.name,
                    where_(input, b),
                    eb.name
                )
            }
            _ if ea.role.as_ref().zip(eb.role.as_ref()).is_some_and(|(ra, rb)| same_role(ra, rb)) => {
                let written = |c: &Claim, e: &EntityMatch| {
                    let r = e.role.as_ref().expect("both have roles");
                    let mut words = qualifier(input, c, r);
                    words
                        .push(r.span.of(input.sentences[c.sentence].norm.of(&input.docs[c.doc].norm.text)).to_string());
                    words.join(" ")
                };
                format!(
                    "{} calls {} {}, but {} calls {} {}: one person, the same title of two different bodies.",
                    where_(input, a),
                    ea.name,
                    written(a, ea),
                    where_(input, b),
                    eb.name,
                    written(b, eb)
                )
            }
            _ => {
                let (ra, rb) = (ea.role.as_ref().map(|r| r.key.as_str()), eb.role.as_ref().map(|r| r.key.as_str()));
                format!(
                    "{} calls {} {}, but {} calls {} {}: one person, two different roles.",
                    where_(input, a),
                    ea.name,
                    ra.unwrap_or_default(),
                    where_(input, b),
                    eb.name,
                    rb.unwrap_or_default()
                )
            }
        };
        tally.conflict += 1;
        let kind = if rule == "role-conflict" { ClaimKind::Role } else { ClaimKind::Person };
        let label = match (&ea.role, identity) {
            (Some(r), Identity::Different) => r.key.clone(),
            _ => ea.name.clone(),
        };
        let subject = SharedSubject { label, score: 0.5 };
        findings.extend(finding(input, 0.5, (a, b), kind, (rule, Verdict::Conflict), &subject, reason, 0.8));
    }
}

/// Whether two holders of one role may clash: both reports write the same
/// scope, or neither writes one and neither report names the other
/// report's holder (two reports each naming only "Foreign Secretary X" and
/// "Foreign Secretary Y"); a report naming both is telling of two people.
fn role_scoped(people: &[(&Claim, &EntityMatch)], a: &Claim, ea: &EntityMatch, b: &Claim, eb: &EntityMatch) -> bool {
    let (Some(ra), Some(rb)) = (&ea.role, &eb.role) else { return false };
    if ra.scope.is_some() && rb.scope.is_some() {
        return true;
    }
    if ra.scope.is_some() || rb.scope.is_some() || !ra.cabinet {
        return false;
    }
    // Each report names one holder of the role, and not the other's.
    let holders = |doc: usize| {
        people
            .iter()
            .filter(|(c, e)| c.doc == doc && e.role.as_ref().is_some_and(|r| r.key == ra.key && !r.former))
            .map(|(_, e)| e.key.as_str())
            .collect::<HashSet<&str>>()
    };
    let names = |doc: usize, other: &EntityMatch| people.iter().any(|(c, e)| c.doc == doc && e.key == other.key);
    holders(a.doc).len() == 1 && holders(b.doc).len() == 1 && !names(a.doc, eb) && !names(b.doc, ea)
}

/// Whether two people of two reports are one holder of one role with the
/// given name written two ways: the same role (not a shared one, not a
/// former one, no two scopes), written with the same scope or the same
/// qualifying word before it ("Satellite Director"; two bare "Director"s
/// may head two centres), the same surname, two given names written in
/// full that differ and neither of which begins the other ("Anitha" and
/// "Kavitha"; not "R" and "Ramesh", not "Chris" and "Christopher"), and
/// neither report naming the other's person.
fn given_name_differs(
    input: &Input,
    people: &[(&Claim, &EntityMatch)],
    (a, ea): (&Claim, &EntityMatch),
    (b, eb): (&Claim, &EntityMatch),
) -> bool {
    let (Some(ra), Some(rb)) = (&ea.role, &eb.role) else { return false };
    if !same_role(ra, rb) || ra.former || rb.former || ra.shared || rb.shared {
        return false;
    }
    if ra.scope != rb.scope {
        return false;
    }
    let last = |c: &Claim, r: &Role| qualifier(input, c, r).last().map(|w| w.to_lowercase());
    let qualified = last(a, ra).is_some_and(|q| Some(q) == last(b, rb));
    if ra.scope.is_none() && !qualified {
        return false;
    }
    let parts = |e: &EntityMatch| -> Vec<String> { e.name.split_whitespace().map(str::to_lowercase).collect() };
    let (pa, pb) = (parts(ea), parts(eb));
    let (Some(sa), Some(sb)) = (pa.last(), pb.last()) else { return false };
    if pa.len() < 2 || pb.len() < 2 || sa != sb {
        return false;
    }
    let full = |g: &str| g.chars().count() >= 3 && g.chars().all(char::is_alphabetic);
    let (ga, gb) = (&pa[0], &pb[0]);
    if !full(ga) || !full(gb) || ga.starts_with(gb.as_str()) || gb.starts_with(ga.as_str()) {
        return false;
    }
    let names = |doc: usize, other: &EntityMatch| people.iter().any(|(c, e)| c.doc == doc && e.key == other.key);
    !names(a.doc, eb) && !names(b.doc, ea)
}

/// The capitalised words right before a role as written, up to three
/// ("Satellite" in "Satellite Director", "SDSC SHAR" in "SDSC SHAR
/// Director"); stopwords, months and weekdays end the run ("On Thursday
/// Director X" has none).
fn qualifier(input: &Input, c: &Claim, r: &Role) -> Vec<String> {
    let text = input.sentences[c.sentence].norm.of(&input.docs[c.doc].norm.text);
    let Some(before) = text.get(..r.span.start) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for word in before.trim_end().rsplit(' ') {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let plain = word.chars().all(|ch| ch.is_alphanumeric() || ch == '-');
        let lower = word.to_lowercase();
        let dates = &input.rules.dates;
        let calendar = dates.months.iter().chain(&dates.weekdays).any(|e| {
            e.name.eq_ignore_ascii_case(&lower) || e.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(&lower))
        });
        if out.len() == 3 || !capitalised || !plain || calendar || input.lexicon.is_stopword(&lower) {
            break;
        }
        out.push(word.to_string());
    }
    out.reverse();
    out
}

/// Whether one person is given one title of two different bodies, named
/// only by the words before the title: no scope on either side, the title
/// neither shared nor former, and two qualifiers with no word in common
/// ("SDSC SHAR Director" and "VSSC Director"; not "SHAR Director" and
/// "SDSC SHAR Director", nor "Director" and "Mission Director").
fn qualifiers_apart(input: &Input, (a, ra): (&Claim, &Role), (b, rb): (&Claim, &Role)) -> bool {
    if ra.scope.is_some() || rb.scope.is_some() || ra.shared || rb.shared || ra.former || rb.former {
        return false;
    }
    let (qa, qb) = (qualifier(input, a, ra), qualifier(input, b, rb));
    !qa.is_empty() && !qb.is_empty() && !qa.iter().any(|w| qb.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// Places and organisations of one event, in two aligned sentences.
pub(super) fn compare(
    input: &Input,
    align_score: f32,
    a: &Claim,
    b: &Claim,
    findings: &mut Vec<Finding>,
    tally: &mut Tally,
) {
    let (Some(ea), Some(eb)) = (entity(a), entity(b)) else { return };
    if ea.kind != eb.kind || ea.kind == EntityKind::Person {
        return;
    }
    // One event: the same kind of predicate, and the only entity of its
    // kind in each sentence (two places in one sentence may be the start
    // and the end of a journey).
    if a.doc == b.doc
        || event_match(a, b, input.docs, input.lexicon) != EventMatch::Same
        || !alone(input, a)
        || !alone(input, b)
    {
        return;
    }
    // And one occasion: a date in each sentence, the dates meeting ("arrived
    // in Brasilia on Monday" and "arrived in New Delhi on Thursday" are two
    // legs of a tour).
    if !super::numbers::same_occasion(input, 0.0, a, b) {
        return;
    }
    let doc_a = &input.docs[a.doc];
    let Some(subject) = shared_subject(a, b, &doc_a.norm.text, &input.alignment.weights, true) else { return };
    let (rule, kind, what) = match ea.kind {
        EntityKind::Place => {
            let gazetteer = input.gazetteer;
            // Where an event happened is a city or a venue; two countries in
            // one sentence shape are more often two markets or two parties
            // ("sales begin in South Korea", "... in the United States").
            let local = |k: &str| matches!(gazetteer.kind(k), Some(PlaceKind::City | PlaceKind::Area));
            if !local(&ea.key) || !local(&eb.key) {
                return;
            }
            match place_relation(&ea.key, &eb.key, gazetteer) {
                PlaceRelation::Disjoint => ("place-conflict", ClaimKind::Place, "neither place lies inside the other"),
                PlaceRelation::Unknown => return,
                _ => {
                    return;
                }
            }
        }
        _ => {
            // "the Joint Working Group" is the "India-Australia Joint Working
            // Group on Critical Minerals".
            let words = |e: &EntityMatch| -> Vec<String> { e.name.split_whitespace().map(str::to_lowercase).collect() };
            let (wa, wb) = (words(ea), words(eb));
            let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
            if same_organisation(ea, eb) || within(&wa, &wb) || within(&wb, &wa) {
                return;
            }
            ("organisation-conflict", ClaimKind::Organisation, "they are two different organisations")
        }
    };
    tally.conflict += 1;
    let reason = format!(
        "Both sentences speak of {}. {} gives {:?} and {} gives {:?}: {what}, so they cannot both be right.",
        subject.label,
        where_(input, a),
        ea.name,
        where_(input, b),
        eb.name
    );
    findings.extend(finding(input, align_score, (a, b), kind, (rule, Verdict::Conflict), &subject, reason, 0.75));
}

/// Whether an entity claim is the only one of its kind in its sentence.
fn alone(input: &Input, c: &Claim) -> bool {
    let kind = c.value.kind();
    !input.claims_of(c.sentence).iter().any(|d| d.id != c.id && d.value.kind() == kind)
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{check, rules_of};

    #[test]
    fn a_misspelt_name_is_a_warning() {
        let run = check(
            "Defence Minister Rajnath Singh received Belousov at Palam.",
            "Defence Minister Rajnat Singh received Belousov at Palam.",
        );
        assert_eq!(rules_of(&run), vec!["person-misspelt"]);
        assert_eq!(run.findings[0].severity, crate::compare::Severity::Warning);
    }

    #[test]
    fn one_person_named_two_ways_agrees() {
        let run = check(
            "Defence Minister Rajnath Singh received Belousov at Palam.",
            "Singh received Belousov at the Air Force Station, Palam in New Delhi.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn one_scoped_role_held_by_two_people_conflicts() {
        let run = check(
            "Russian Defence Minister Andrei Belousov arrived in New Delhi on Thursday.",
            "Russian Defence Minister Sergei Shoigu arrived in New Delhi on Thursday.",
        );
        assert!(rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
        assert_eq!(
            run.findings.iter().find(|f| f.rule == "role-conflict").unwrap().kind,
            crate::extract::ClaimKind::Role
        );
    }

    #[test]
    fn a_governor_and_his_deputy_are_two_roles() {
        let run = check(
            "Central Java Governor Ahmad Fauzi Lamarauna declared an emergency on Sunday.",
            "Central Java Deputy Governor Ahmad Fauzi Lamarauna declared an emergency on Sunday.",
        );
        assert_eq!(rules_of(&run), vec!["role-conflict"], "{:#?}", run.findings);
    }

    #[test]
    fn one_unscoped_cabinet_post_held_by_two_people_conflicts() {
        let run = check(
            "Health Minister Grace Mhango told reporters on Monday that cases were rising.",
            "Minister of Health Patrick Banda told reporters on Monday that cases were rising.",
        );
        assert_eq!(rules_of(&run), vec!["role-conflict"], "{:#?}", run.findings);
        // A report naming both is telling of two people.
        let run = check(
            "Health Minister Grace Mhango met Health Minister Patrick Banda on Monday.",
            "Health Minister Grace Mhango told reporters on Monday that cases were rising.",
        );
        assert!(!rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn a_misspelt_middle_name_is_a_warning() {
        let run = check(
            "Spokesman Dwi Hartono Saputra said the toll had risen on Monday.",
            "Spokesman Dwi Hartanto said the toll had risen on Monday.",
        );
        assert_eq!(rules_of(&run), vec!["person-misspelt"], "{:#?}", run.findings);
    }

    #[test]
    fn one_title_and_surname_with_two_given_names_is_a_warning() {
        let run = check(
            "Satellite Director Anitha Ramaswamy said the satellite was healthy on Thursday.",
            "Satellite Director Kavitha Ramaswamy said the satellite was healthy on Thursday.",
        );
        assert_eq!(rules_of(&run), vec!["person-misspelt"], "{:#?}", run.findings);
        // An initial and a given name may be one person; a report naming
        // both is telling of two.
        let run = check(
            "Director R Sethuraman said the launch went well on Thursday.",
            "Director Ravi Sethuraman said the launch went well on Thursday.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        // Two bare "Director"s may head two centres.
        let run = check(
            "Director Rajesh Kumar said the launch went well on Thursday.",
            "Director Suresh Kumar said the launch went well on Thursday.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
        let run = check(
            "Director Anitha Ramaswamy and Director Kavitha Ramaswamy spoke on Thursday.",
            "Director Kavitha Ramaswamy said the satellite was healthy on Thursday.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn one_person_with_one_title_of_two_bodies_conflicts() {
        let run = check(
            "SDSC SHAR Director R Sethuraman said the centre was ready on Thursday.",
            "VSSC Director R Sethuraman said the centre was ready on Thursday.",
        );
        assert_eq!(rules_of(&run), vec!["role-conflict"], "{:#?}", run.findings);
        assert!(run.findings[0].reason.contains("VSSC Director"), "{}", run.findings[0].reason);
        // A shorter name of the same body, or no body at all, agrees.
        for other in [
            "SHAR Director R Sethuraman said the centre was ready on Thursday.",
            "Director R Sethuraman said the centre was ready on Thursday.",
            "On Thursday Director R Sethuraman said the centre was ready.",
        ] {
            let run = check("SDSC SHAR Director R Sethuraman said the centre was ready on Thursday.", other);
            assert!(run.findings.is_empty(), "{other}: {:#?}", run.findings);
        }
    }

    #[test]
    fn two_unscoped_directors_are_no_conflict() {
        let run = check(
            "Director M Jayakumar said the launch went well on Thursday.",
            "Director Anitha Ramaswamy said the satellite was healthy on Thursday.",
        );
        assert!(!rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn two_cities_for_one_dated_event_conflict_and_containment_agrees() {
        let run = check(
            "The India-Russia annual summit opened in Mumbai on December 5.",
            "The India-Russia annual summit opened in New Delhi on December 5.",
        );
        assert_eq!(rules_of(&run), vec!["place-conflict"]);
        let run = check(
            "The India-Russia annual summit opened at Palam on December 5.",
            "The India-Russia annual summit opened in New Delhi on December 5.",
        );
        assert!(run.findings.is_empty(), "{:#?}", run.findings);
    }

    #[test]
    fn an_acronym_and_its_expansion_are_one_organisation() {
        let run = check(
            "The SCO summit opened in Tianjin on September 1, the SCO said.",
            "The Shanghai Cooperation Organisation summit opened in Tianjin on September 1.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }
}
