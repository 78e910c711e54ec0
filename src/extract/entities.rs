//! Stage 3, extract: the people, roles, places and organisations a sentence
//! names.
//!
//! Input: one sentence of normalised text (straight quotes, `-` for every
//! dash), or the sentences of one report. Output: [`EntityMatch`]es whose
//! byte spans are relative to the sentence, each with an identity key, and
//! for people the role the sentence gives them ("Russian Defence Minister
//! Andrei Belousov": `defence minister`, scope `russia`).
//!
//! Everything the finder knows is data: roles, honorifics and demonyms in
//! `rules/titles.toml`, places and what contains them in
//! `rules/places.toml`, organisations' acronyms and the head words of their
//! names in `rules/aliases.toml`. The comparisons are pure functions over
//! matches: [`same_person`], [`same_role`], [`role_conflict`],
//! [`place_relation`], [`same_organisation`].
//!
//! What counts as a person: a run of capitalised words (initials,
//! particles such as "de" or "bin", hyphens) after a role phrase
//! ("Defence Minister Rajnath Singh") or an honorific ("Mr", "Gen."), in
//! apposition with a role ("Rajnath Singh, the defence minister," / "the
//! defence minister, Rajnath Singh,"), or, with no title, two to five
//! name words before a verb of speech or action or after "said" or "by"
//! ("Vladimir Putin said"). Over a whole report, [`EntityFinder::find_document`]
//! also finds the later bare mentions of people already named ("Singh
//! said").
//!
//! # Example
//! ```
//! use crosscheck::extract::entities::{EntityFinder, EntityKind};
//! use crosscheck::rules::Rules;
//! let finder = EntityFinder::new(&Rules::built_in().unwrap()).unwrap();
//! let found = finder.find("Russian Defence Minister Andrei Belousov arrived at Palam in New Delhi.");
//! let person = &found[0];
//! assert_eq!((person.kind, person.name.as_str(), person.key.as_str()), (EntityKind::Person, "Andrei Belousov", "a belousov"));
//! let role = person.role.as_ref().unwrap();
//! assert_eq!((role.key.as_str(), role.scope.as_deref()), ("defence minister", Some("russia")));
//! let places: Vec<&str> = found.iter().filter(|m| m.kind == EntityKind::Place).map(|m| m.key.as_str()).collect();
//! assert_eq!(places, vec!["palam", "new delhi"]);
//! ```

mod organisations;
mod people;
mod places;
mod text;

pub use organisations::{same_organisation, AliasKind, OrganisationRules};
pub use people::{
    person_key, role_conflict, same_person, same_role, Identity, NameRules, PeopleRules, RoleRule, MISSPELT_SIMILARITY,
};
pub use places::{place_relation, Gazetteer, PlaceKind, PlaceRelation, PlaceRule, PlaceRules};

use crate::rules::Rules;
use crate::span::Span;
use crate::terms::{key, Lexicon};
use crate::Error;
use organisations::{OrgFinder, OrgHit};
use people::{PeopleFinder, PersonHit, Scopes};
use places::PlaceHit;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::collections::BTreeSet;
use text::Sent;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place of the gazetteer.
    Place,
    /// An organisation, party, company or alliance.
    Organisation,
}

/// The role a sentence gives a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    /// The role phrase with its scope and modifiers ("former Russian
    /// Defence Minister", "President of the Russian Federation").
    pub span: Span,
    /// The canonical role of `rules/titles.toml` ("defence minister",
    /// "minister of state for defence", "chief of defence staff").
    pub key: String,
    /// Whose role it is, when written: a place key ("russia" for
    /// "Russian", "India's", "of India") or an organisation key
    /// ("united nations" for "UN Secretary-General").
    pub scope: Option<String>,
    /// Whether it is a role once held ("former", "ex-").
    pub former: bool,
    /// Whether many hold it at once (senators, spokespeople), from the rules.
    pub shared: bool,
    /// Whether it is a government post held by one person at a time, from
    /// the rules.
    pub cabinet: bool,
    /// For a deputy's role ("Deputy Governor"), the role deputised
    /// ("governor").
    pub deputy_of: Option<String>,
}

/// An entity named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityMatch {
    /// The name's bytes in the sentence (titles and a possessive `'s` left
    /// out; for a place, its whole comma chain: "Tianjin, China").
    pub span: Span,
    /// What it is.
    pub kind: EntityKind,
    /// The name as written, titles stripped ("Rajnath Singh"; "Tianjin"
    /// for "Tianjin, China").
    pub name: String,
    /// Identity key: for a person the surname lowercased, after the first
    /// initial when one is written ("r singh", "singh"); for a place its
    /// gazetteer key ("new delhi"); for an organisation its canonical alias
    /// or its lowercased name ("shanghai cooperation organisation").
    pub key: String,
    /// For a person, the role the sentence gives them.
    pub role: Option<Role>,
}

impl EntityMatch {
    /// The bytes the mention takes, role phrase included.
    pub fn extent(&self) -> Span {
        match &self.role {
            Some(r) => Span::new(r.span.start.min(self.span.start), r.span.end.max(self.span.end)),
            None => self.span,
        }
    }
}

/// The entity rules of a run, compiled.
#[derive(Debug, Clone)]
pub struct EntityFinder {
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    people: PeopleFinder,
    orgs: OrgFinder,
    /// Words after which a capitalised place name is not glued to a name.
    free: HashSet<String>,
    /// Compass bearings and occasions of `[slots]` in `rules/places.toml`:
    /// a capitalised name after `<bearing> of` or `<occasion> in|at` is a
    /// place even when the gazetteer does not know it.
    bearings: HashSet<String>,
    occasions: HashSet<String>,
    /// "first" and the like, and the words before a club's name: a
    /// capitalised name after `the first <noun> was <verb>ed in` is a place,
    /// after `<Belgian> side` a club.
    firsts: HashSet<String>,
    clubs: HashSet<String>,
}

/// A match before overlaps are settled.
enum Hit {
    Person(PersonHit),
    Org(OrgHit),
    Place(PlaceHit),
}

struct Candidate {
    rank: u8,
    first: usize,
    last: usize,
    hit: Hit,
}

impl EntityFinder {
    /// Compiles the entity rules. A bad rule is an error naming its file.
    pub fn new(rules: &Rules) -> Result<EntityFinder, Error> {
        let bad = |file: &str, message: String| Error::BadRules { path: format!("rules/{file}").into(), message };
        let gazetteer = Gazetteer::new(&rules.places).map_err(|m| bad("places.toml", m))?;
        let keys = |list: &[String]| list.iter().map(|w| key(w)).collect::<HashSet<String>>();
        let mut calendar = HashSet::default();
        for entry in rules.dates.months.iter().chain(&rules.dates.weekdays) {
            calendar.insert(key(&entry.name));
            calendar.extend(entry.abbreviations.iter().map(|a| key(a)));
        }
        let stop = keys(&rules.words.stopwords);
        let mut blocked: HashSet<String> = stop.clone();
        for t in &rules.titles {
            blocked.extend(Sent::new(t).items.iter().filter(|i| i.word).map(|i| i.key.clone()));
        }
        blocked.extend(keys(&rules.organisations.heads));
        blocked.extend(keys(&rules.places.venue_words));
        blocked.extend(keys(&rules.events.event_nouns));
        for (word, place) in &rules.people.demonyms {
            if !gazetteer.contains_key(place) {
                return Err(bad(
                    "titles.toml",
                    format!("[demonyms] {word} = {place:?}: no place has that key in places.toml"),
                ));
            }
        }
        let people = PeopleFinder::new(&rules.people, blocked, calendar.clone()).map_err(|m| bad("titles.toml", m))?;
        let role_spellings: HashSet<String> = rules
            .people
            .roles
            .iter()
            .flat_map(|r| std::iter::once(&r.key).chain(&r.also))
            .map(|s| organisations::alias_key(s))
            .collect();
        let guess = |a: &crate::rules::Alias| {
            if gazetteer.key_of(&a.canonical).is_some() {
                AliasKind::Place
            } else if role_spellings.contains(&organisations::alias_key(&a.canonical)) {
                AliasKind::Role
            } else {
                AliasKind::Organisation
            }
        };
        let mut org_stop = stop.clone();
        org_stop.extend(calendar.iter().cloned());
        let orgs = OrgFinder::new(&rules.organisations, &rules.aliases, guess, org_stop)
            .map_err(|m| bad("aliases.toml", m))?;
        let mut free = stop;
        free.extend(calendar);
        let slots = &rules.places.slots;
        let (bearings, occasions) = (keys(&slots.bearings), keys(&slots.occasions));
        let (firsts, clubs) = (keys(&slots.firsts), keys(&slots.clubs));
        Ok(EntityFinder {
            lexicon: Lexicon::new(rules),
            gazetteer,
            people,
            orgs,
            free,
            bearings,
            occasions,
            firsts,
            clubs,
        })
    }

    /// The gazetteer, for [`place_relation`].
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The organisation keys an ambiguous acronym's key may stand for
    /// ("icc": the International Criminal Court or the International
    /// Cricket Council); empty for any other key.
    pub fn meanings(&self, key: &str) -> &[String] {
        self.orgs.meanings(key)
    }

    /// The entities of one sentence, in order. Spans are relative to the
    /// sentence and lie on char boundaries.
    pub fn find(&self, sentence: &str) -> Vec<EntityMatch> {
        self.find_with_acronyms(sentence, &Sent::new(sentence)).0
    }

    /// The entities of each sentence of one report. Besides what
    /// [`EntityFinder::find`] sees, a person named once is found again
    /// where only their surname or full name stands ("Singh said", "Putin's
    /// visit"), with the key of the full name when no other person of the
    /// report shares the surname; an acronym defined in brackets is found
    /// again on its own; and an ambiguous acronym takes the meaning the
    /// report spells out elsewhere.
    pub fn find_document(&self, sentences: &[&str]) -> Vec<Vec<EntityMatch>> {
        let mut defined: HashMap<String, String> = HashMap::default();
        // Each sentence split once, for both passes.
        let sents: Vec<Sent> = sentences.iter().map(|s| Sent::new(s)).collect();
        let mut found: Vec<Vec<EntityMatch>> = sentences
            .iter()
            .zip(&sents)
            .map(|(text, s)| {
                let (m, d) = self.find_with_acronyms(text, s);
                defined.extend(d);
                m
            })
            .collect();
        // The surnames of the people named.
        let surnames: HashSet<String> = found
            .iter()
            .flatten()
            .filter(|m| m.kind == EntityKind::Person)
            .filter_map(|m| m.name.split_whitespace().last().map(key))
            .collect();

        for ((text, s), matches) in sentences.iter().zip(&sents).zip(found.iter_mut()) {
            let extents: Vec<Span> = matches.iter().map(EntityMatch::extent).collect();
            let taken = |i: usize| extents.iter().any(|e| e.overlaps(&s.items[i].span));
            let mut i = 0;
            while i < s.len() {
                if taken(i) || !s.is_cap(i) {
                    i += 1;
                    continue;
                }
                if let Some(org) = defined.get(s.items[i].text) {
                    let span = s.items[i].span;
                    matches.push(EntityMatch {
                        span,
                        kind: EntityKind::Organisation,
                        name: span.of(text).to_string(),
                        key: org.clone(),
                        role: None,
                    });
                    i += 1;
                    continue;
                }
                let Some(name) = self.people.read_known(s, i).filter(|n| !(n.first..=n.end).any(taken)) else {
                    i += 1;
                    continue;
                };
                let span = s.bare_span(name.first, name.last);
                let written = span.of(text);
                let last = written.split_whitespace().last().map(key).unwrap_or_default();
                if surnames.contains(&last) {
                    let key = person_key(written);
                    matches.push(EntityMatch {
                        span,
                        kind: EntityKind::Person,
                        name: written.to_string(),
                        key,
                        role: None,
                    });
                }
                i = name.end + 1;
            }
            matches.sort_by_key(|m| (m.span.start, m.span.end));
        }
        // A bare surname takes the key of the one person of the report
        // named in full with it.
        let mut full: HashMap<String, BTreeSet<String>> = HashMap::default();
        for m in found.iter().flatten().filter(|m| m.kind == EntityKind::Person && m.name.contains(' ')) {
            if let Some(last) = m.name.split_whitespace().last() {
                full.entry(key(last)).or_default().insert(m.key.clone());
            }
        }
        for m in found.iter_mut().flatten().filter(|m| m.kind == EntityKind::Person && !m.name.contains(' ')) {
            if let Some([only]) = full.get(&key(&m.name)).map(|k| k.iter().collect::<Vec<_>>()).as_deref() {
                m.key = (*only).clone();
            }
        }
        // "ICC" in a report that also names the International Cricket Council.
        let org_keys: HashSet<String> =
            found.iter().flatten().filter(|m| m.kind == EntityKind::Organisation).map(|m| m.key.clone()).collect();
        for m in found.iter_mut().flatten().filter(|m| m.kind == EntityKind::Organisation) {
            let named: Vec<&String> = self.meanings(&m.key).iter().filter(|k| org_keys.contains(*k)).collect();
            if let [only] = named[..] {
                m.key = only.clone();
            }
        }
        found
    }

    /// The entities of a sentence and the acronyms it defines.
    fn find_with_acronyms(&self, sentence: &str, s: &Sent) -> (Vec<EntityMatch>, Vec<(String, String)>) {
        let terms = self.lexicon.terms(sentence, &[]);
        let (orgs, defined) = self.orgs.find(s, &terms, |i| self.people.role_at(s, i));
        let free = |i: usize| i == 0 || self.free.contains(&s.items[i].key);
        let (all_places, places) = self.gazetteer.find_both(s, free);
        let mut scopes = Scopes::default();
        for p in &all_places {
            scopes.add(p.first, p.last, &p.key);
        }
        for o in &orgs {
            scopes.add(o.first, o.last, &o.key);
        }
        for i in 0..s.len() {
            if let Some((end, place)) = self.people.demonyms.at(s, i).into_iter().next() {
                scopes.add(i, end - 1, place);
            }
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        for hit in self.people.find_titled(s, &scopes) {
            // "Sri Lanka" is a place, not the honorific "Sri".
            let in_name = |first: usize, last: usize| first <= hit.start && hit.start <= last;
            if hit.role.is_none()
                && (all_places.iter().any(|p| in_name(p.first, p.last))
                    || orgs.iter().any(|o| in_name(o.first, o.last)))
            {
                continue;
            }
            let (mut first, mut last) = (hit.start.min(hit.name.first), hit.name.end);
            if let Some((_, rf, rl)) = &hit.role {
                first = first.min(*rf);
                last = last.max(*rl);
            }
            let rank = if hit.role.is_some() { 0 } else { 2 };
            candidates.push(Candidate { rank, first, last, hit: Hit::Person(hit) });
        }
        for o in &orgs {
            candidates.push(Candidate { rank: 1, first: o.first, last: o.last, hit: Hit::Org(o.clone()) });
        }
        for p in places {
            candidates.push(Candidate { rank: 3, first: p.first, last: p.last, hit: Hit::Place(p) });
        }
        candidates.sort_by_key(|c| (c.rank, std::cmp::Reverse(c.last - c.first), c.first));
        let mut accepted: Vec<Candidate> = Vec::new();
        for c in candidates {
            if !accepted.iter().any(|a| a.first <= c.last && c.first <= a.last) {
                accepted.push(c);
            }
        }
        // A name the gazetteer does not know, where only a place can
        // stand: "28 km northwest of Donggala", "the count at Rugeley
        // Leisure Centre".
        let mut i = 0;
        while i < s.len() {
            let taken = |i: usize| {
                accepted.iter().any(|a| a.first <= i && i <= a.last)
                    || all_places.iter().any(|p| p.first <= i && i <= p.last)
                    || orgs.iter().any(|o| o.first <= i && i <= o.last)
            };
            let place = self.place_slot_before(s, i);
            let club = !place && self.club_before(s, i);
            if !s.is_cap(i) || free(i) || taken(i) || !(place || club) {
                i += 1;
                continue;
            }
            let mut last = i;
            while last - i < 5 && s.is_cap(last + 1) && !free(last + 1) && !taken(last + 1) && !s.items[last].poss {
                last += 1;
            }
            let key = s.items[i..=last].iter().map(|it| key(it.bare())).collect::<Vec<_>>().join(" ");
            let hit = if club {
                Hit::Org(OrgHit { first: i, last, key })
            } else {
                Hit::Place(PlaceHit { first: i, last, name_last: last, key })
            };
            accepted.push(Candidate { rank: 5, first: i, last, hit });
            i = last + 1;
        }
        let covered = |i: usize| {
            accepted.iter().any(|a| a.first <= i && i <= a.last)
                || all_places.iter().any(|p| p.first <= i && i <= p.last)
                || orgs.iter().any(|o| o.first <= i && i <= o.last)
        };
        let place_possessive = |i: usize| s.items[i].poss && all_places.iter().any(|p| p.last == i);
        let shaped = self.people.find_shaped(s, covered, place_possessive);
        accepted.extend(shaped.into_iter().map(|hit| Candidate {
            rank: 4,
            first: hit.name.first,
            last: hit.name.end,
            hit: Hit::Person(hit),
        }));
        accepted.sort_by_key(|c| c.first);
        let out = accepted.iter().map(|c| self.to_match(s, &c.hit)).collect();
        (out, defined)
    }

    /// Whether the words before item `i` make it a place slot: "<bearing>
    /// of", "<occasion> in|at [the]".
    fn place_slot_before(&self, s: &Sent, i: usize) -> bool {
        let word = |j: usize| s.items[j].word.then(|| s.items[j].key.as_str());
        if i >= 2 && word(i - 1) == Some("of") {
            return word(i - 2).is_some_and(|w| self.bearings.contains(w));
        }
        let mut j = i;
        if j >= 1 && word(j - 1) == Some("the") {
            j -= 1;
        }
        if j >= 2 && matches!(word(j - 1), Some("in" | "at")) && word(j - 2).is_some_and(|w| self.occasions.contains(w))
        {
            return true;
        }
        // "the first cases were detected in".
        if !(i >= 4 && word(i - 1) == Some("in") && word(i - 2).is_some_and(|w| w.len() > 4 && w.ends_with("ed"))) {
            return false;
        }
        let mut k = i - 3;
        while k > 0 && matches!(word(k), Some("was" | "were" | "been" | "had" | "have" | "has")) {
            k -= 1;
        }
        k >= 1 && word(k).is_some_and(|w| !s.items[k].cap && !w.ends_with("ed")) && {
            word(k - 1).is_some_and(|w| self.firsts.contains(w))
        }
    }

    /// Whether the words before item `i` name a club's country or league
    /// and call it a club: "Belgian side", "Belgian Pro League club".
    fn club_before(&self, s: &Sent, i: usize) -> bool {
        i >= 2 && s.items[i - 1].word && self.clubs.contains(&s.items[i - 1].key) && s.is_cap(i - 2)
    }

    fn to_match(&self, s: &Sent, hit: &Hit) -> EntityMatch {
        match hit {
            Hit::Person(p) => self.people.to_match(s, p),
            Hit::Org(o) => {
                let span = s.bare_span(o.first, o.last);
                EntityMatch {
                    span,
                    kind: EntityKind::Organisation,
                    name: span.of(s.text).to_string(),
                    key: o.key.clone(),
                    role: None,
                }
            }
            Hit::Place(p) => EntityMatch {
                span: s.bare_span(p.first, p.last),
                kind: EntityKind::Place,
                name: s.bare_span(p.first, p.name_last).of(s.text).to_string(),
                key: p.key.clone(),
                role: None,
            },
        }
    }
}

#[cfg(test)]
mod tests;
