//! People and their roles: names after a role or an honorific, names in
//! apposition with a role, and first-name-and-surname shapes in a subject
//! position; how two names and two roles compare.

use super::text::{Case, Item, Phrases, Sent};
use super::{EntityKind, EntityMatch, Role};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The people part of `rules/titles.toml`: roles, demonyms and the words
/// that shape a name.
#[derive(Debug, Clone, Default)]
pub struct PeopleRules {
    /// `[[role]]`: offices and their spellings.
    pub roles: Vec<RoleRule>,
    /// `[demonyms]`: an adjective or a short form that says whose a role
    /// is, to the place key it stands for (`Russian = "russia"`).
    pub demonyms: BTreeMap<String, String>,
    /// `[names]`: honorifics, particles and the other words of names.
    pub names: NameRules,
}

/// One `[[role]]` of `rules/titles.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    /// The canonical role ("defence minister").
    pub key: String,
    /// Its spellings and abbreviations ("Defence Minister", "Minister of
    /// Defence", "Raksha Mantri"); the key itself is one too.
    #[serde(default)]
    pub also: Vec<String>,
    /// Whether many hold it at once in one scope (senators, ambassadors,
    /// spokespeople): two names for it are no conflict.
    #[serde(default)]
    pub shared: bool,
    /// Whether it is a post of a government held by one person at a time
    /// ("foreign minister"): two reports naming two holders clash even
    /// when neither writes the country.
    #[serde(default)]
    pub cabinet: bool,
    /// `[text, person]` or `[text, person, scope]` lists checked by a
    /// test: the text names the person with this role (and scope).
    #[serde(default)]
    pub examples: Vec<Vec<String>>,
}

/// `[names]` of `rules/titles.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameRules {
    /// Courtesy titles and ranks that come before a name but are not a
    /// role ("Mr", "Dr", "General", "Lt Gen", "Shri").
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Lowercase words inside names ("de", "van", "bin", "al").
    #[serde(default)]
    pub particles: Vec<String>,
    /// Words after a name that are not its surname ("Jr", "III").
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Words before a role saying it is no longer held ("former", "ex").
    #[serde(default)]
    pub former: Vec<String>,
    /// Words before a role that do not change it ("Union", "acting").
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Words before a role making it the role of a deputy ("Deputy
    /// Governor", "Vice Chairman"): another office than the role itself,
    /// held by many at once.
    #[serde(default)]
    pub deputies: Vec<String>,
    /// Verbs after which a bare "First Last" is a person ("said", "met").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Words before which a bare "First Last" is a person ("said", "by").
    #[serde(default)]
    pub before: Vec<String>,
    /// Capitalised words that never begin a name without a title
    /// ("Sources", "Officials", "Earlier").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Sentences in which a test checks that no person is found.
    #[serde(default)]
    pub not_people: Vec<String>,
}

/// Whether two mentions name the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Identity {
    /// The same person ("Singh" and "Rajnath Singh").
    Same,
    /// Almost the same name, spelt differently ("Rajnath Singh" and
    /// "Rajnat Singh"): a warning.
    Misspelt,
    /// Two people ("Rajnath Singh" and "Manmohan Singh").
    Different,
    /// Cannot tell: not two people, or one name is a word of the other
    /// that is not its surname ("Rajnath" and "Rajnath Singh").
    Unknown,
}

/// Full names at least this similar (Jaro-Winkler) but not equal are
/// misspellings of one another.
pub const MISSPELT_SIMILARITY: f64 = 0.9;

/// What a name candidate needs to be read as a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Evidence {
    /// After a role or honorific: months and places may be names ("Prime
    /// Minister Theresa May").
    Titled,
    /// Nothing but its shape: no month, place or common sentence opener.
    Shape,
}

/// A name read from a sentence.
#[derive(Debug, Clone)]
pub(super) struct NameRead {
    /// First item.
    pub first: usize,
    /// Last item that belongs to the name (suffixes excluded).
    pub last: usize,
    /// Last item read (a suffix such as "Jr" may follow the name).
    pub end: usize,
    /// How many words that are not initials or particles.
    pub words: usize,
}

/// A person found, before overlaps are settled.
#[derive(Debug, Clone)]
pub(super) struct PersonHit {
    /// The name.
    pub name: NameRead,
    /// The role, with its first and last items.
    pub role: Option<(Role, usize, usize)>,
    /// The first item of the mention: its role, honorific or name.
    pub start: usize,
}

/// Where scopes are: places, organisations and demonyms of the sentence.
#[derive(Debug, Default)]
pub(super) struct Scopes {
    /// First item -> (end item, exclusive; key), longest.
    pub by_start: HashMap<usize, (usize, String)>,
    /// Last item -> (first item; key), longest.
    pub by_last: HashMap<usize, (usize, String)>,
}

impl Scopes {
    /// Records a scope over items `first..=last`.
    pub fn add(&mut self, first: usize, last: usize, key: &str) {
        let longer = |old: Option<usize>, len: usize| old.is_none_or(|o| len > o);
        if longer(self.by_start.get(&first).map(|(e, _)| e - first), last + 1 - first) {
            self.by_start.insert(first, (last + 1, key.to_string()));
        }
        if longer(self.by_last.get(&last).map(|(f, _)| last + 1 - f), last + 1 - first) {
            self.by_last.insert(last, (first, key.to_string()));
        }
    }
}

/// The compiled people rules.
#[derive(Debug, Clone)]
pub(super) struct PeopleFinder {
    roles: Phrases<usize>,
    role_rules: Vec<(String, bool, bool)>,
    honorifics: Phrases<()>,
    pub(super) demonyms: Phrases<String>,
    particles: HashSet<String>,
    suffixes: HashSet<String>,
    former: HashSet<String>,
    modifiers: HashSet<String>,
    deputies: HashSet<String>,
    /// Every canonical role key.
    role_keys: HashSet<String>,
    verbs: HashSet<String>,
    before: HashSet<String>,
    not_names: HashSet<String>,
    /// Words that are never part of a name (titles, stopwords, heads of
    /// organisation names, venue words, event nouns, demonyms).
    blocked: HashSet<String>,
    /// Words that may be names only after a title (months, weekdays).
    titled_only: HashSet<String>,
}

/// Determiners that may stand before a role in apposition ("its general
/// secretary, Sipho Dlamini": a body's officer).
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their"];

/// Words between "who is" and a role in apposition ("who is currently the
/// trade minister") that leave the role held now.
const RELATIVE_ADVERBS: &[&str] = &["currently", "now", "also", "still"];

impl PeopleFinder {
    /// Compiles the rules. `blocked` and `titled_only` come from the other
    /// rules files.
    pub fn new(
        rules: &PeopleRules,
        mut blocked: HashSet<String>,
        titled_only: HashSet<String>,
    ) -> Result<PeopleFinder, String> {
        let lower = |l: &[String]| l.iter().map(|w| crate::terms::key(w)).collect::<HashSet<_>>();
        let mut roles = Phrases::new(Case::Insensitive, &[".", "(", ")", "-"]);
        let mut role_rules = Vec::new();
        for (i, r) in rules.roles.iter().enumerate() {
            if r.key.trim().is_empty() {
                return Err("a [[role]] has an empty key".into());
            }
            role_rules.push((r.key.clone(), r.shared, r.cabinet));
            roles.add(&r.key, i);
            for s in &r.also {
                roles.add(s, i);
            }
        }
        let mut honorifics = Phrases::new(Case::Sensitive, &[".", "-"]);
        for h in &rules.names.honorifics {
            honorifics.add(h, ());
            for w in Sent::new(h).items.iter().filter(|i| i.word) {
                blocked.insert(w.key.clone());
            }
        }
        let mut demonyms = Phrases::new(Case::Sensitive, &["."]);
        for (word, place) in &rules.demonyms {
            demonyms.add(word, place.clone());
            blocked.insert(crate::terms::key(word));
        }
        Ok(PeopleFinder {
            roles,
            role_rules,
            honorifics,
            demonyms,
            particles: lower(&rules.names.particles),
            suffixes: lower(&rules.names.suffixes),
            former: lower(&rules.names.former),
            modifiers: lower(&rules.names.modifiers),
            deputies: lower(&rules.names.deputies),
            role_keys: rules.roles.iter().map(|r| r.key.clone()).collect(),
            verbs: lower(&rules.names.verbs),
            before: lower(&rules.names.before),
            not_names: lower(&rules.names.not_names),
            blocked,
            titled_only,
        })
    }

    /// Whether a role phrase starts at item `i`.
    pub fn role_at(&self, s: &Sent, i: usize) -> bool {
        s.items[i].word && !self.roles.at(s, i).is_empty()
    }

    fn is_particle(&self, it: &Item) -> bool {
        it.word && !it.cap && self.particles.contains(&it.key)
    }

    /// Whether an item can be a word of a name.
    fn name_word(&self, s: &Sent, i: usize, evidence: Evidence, first: bool) -> bool {
        let it = &s.items[i];
        if !it.word || it.acronym() || !it.text.chars().any(char::is_alphabetic) {
            return false;
        }
        // "al-Assad", "el-Sisi": a particle joined to a capitalised name.
        let mut parts = s.parts_of(i);
        let first_part = parts.next().unwrap_or_default();
        // The last of two parts or more.
        let last_part = parts.last();
        let particle_joined = last_part.is_some()
            && self.particles.contains(first_part)
            && it.text.rsplit('-').next().is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase));
        if !(it.cap || particle_joined) {
            return false;
        }
        // "Prime Minister Theresa May": a month after a first name.
        if evidence == Evidence::Titled && !first && self.titled_only.contains(&it.key) {
            return true;
        }
        // Titles in the plural ("Justices") or joined by a hyphen
        // ("Solicitor-General") are titles too.
        let plural = it.key.strip_suffix('s').is_some_and(|k| self.blocked.contains(k));
        // ... and so are "Hyderabad-based" and "Russia-led".
        let hyphenated = last_part.is_some_and(|p| self.blocked.contains(p) || p.ends_with("ed") || p == "born");
        if self.blocked.contains(&it.key) || plural || hyphenated {
            return false;
        }
        if it.text.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        match evidence {
            Evidence::Titled => !(first && self.titled_only.contains(&it.key)),
            Evidence::Shape => !self.titled_only.contains(&it.key) && !self.not_names.contains(&it.key),
        }
    }

    /// Whether an item is an initial: `A`, `A.` or `A.P.J.`.
    fn initial(it: &Item) -> bool {
        it.word
            && it.text.chars().all(|c| c.is_uppercase() || c == '.')
            && (it.text.chars().count() == 1 || (it.text.contains('.') && it.text.chars().any(char::is_uppercase)))
    }

    /// Reads a name starting at item `i`.
    pub fn read_name(&self, s: &Sent, i: usize, evidence: Evidence) -> Option<NameRead> {
        let mut j = i;
        let mut taken: Vec<(usize, bool)> = Vec::new(); // (item, real word)
        let mut words = 0;
        let mut end = None;
        while j < s.len() && words < 5 {
            let it = &s.items[j];
            if !it.word {
                break;
            }
            // "JD Vance": two or three capitals opening a name are initials
            // when a surname alone follows ("CS Joseph Langat" is a title).
            let initials = it.acronym()
                && taken.is_empty()
                && it.text.chars().count() <= 3
                && j + 1 < s.len()
                && self.name_word(s, j + 1, evidence, false)
                && !(j + 2 < s.len() && self.name_word(s, j + 2, evidence, false));
            if (Self::initial(it) || initials) && !it.poss {
                // "A" opening a sentence is an article, unless a name follows.
                taken.push((j, false));
                j += 1;
                if s.is(j, ".") && s.items[j].span.start == it.span.end {
                    j += 1;
                }
                continue;
            }
            if self.is_particle(it) && !taken.is_empty() {
                // "von der Leyen": particles, then a name word.
                let mut k = j;
                while k < s.len() && self.is_particle(&s.items[k]) {
                    k += 1;
                }
                if k < s.len() && self.name_word(s, k, evidence, false) {
                    taken.extend((j..k).map(|p| (p, false)));
                    j = k;
                    continue;
                }
                break;
            }
            if words > 0 && self.suffixes.contains(&it.key) && it.cap {
                end = Some(j);
                break;
            }
            if self.name_word(s, j, evidence, taken.is_empty()) {
                taken.push((j, true));
                words += 1;
                j += 1;
                if it.poss {
                    break;
                }
                continue;
            }
            break;
        }
        while taken.last().is_some_and(|(_, real)| !real) {
            taken.pop();
        }
        let (first, last) = (taken.first()?.0, taken.last()?.0);
        if words == 0 {
            return None;
        }
        Some(NameRead { first, last, end: end.unwrap_or(last), words })
    }

    /// The role phrases of a sentence with the names they introduce or
    /// follow, and the names after honorifics.
    pub fn find_titled(&self, s: &Sent, scopes: &Scopes) -> Vec<PersonHit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if !s.items[i].word {
                i += 1;
                continue;
            }
            let mut former = false;
            let mut found = self.roles.at(s, i).into_iter().next();
            let parts: Vec<&str> = s.parts_of(i).collect();
            if found.is_none() && parts.len() > 1 && self.former.contains(parts[0]) {
                found = self.roles.at_second_part(s, i).into_iter().next();
                former = found.is_some();
            }
            let Some((end, &r)) = found else {
                i += 1;
                continue;
            };
            if let Some(hit) = self.role_person(s, scopes, i, end, r, former) {
                i = hit.name.end.max(end) + 1;
                out.push(hit);
            } else {
                i = end;
            }
        }
        // Honorifics: "Mr Singh", "Gen. Anil Chauhan", "Lt Gen Rajiv Ghai".
        let mut i = 0;
        while i < s.len() {
            let Some(mut k) = self.honorifics_from(s, i) else {
                i += 1;
                continue;
            };
            if s.is(k, ",") && s.items[k - 1].key == "excellency" {
                k += 1; // "His Excellency, Vladimir Putin"
            }
            match self.read_name(s, k, Evidence::Titled) {
                Some(name) => {
                    let start = i;
                    i = name.end + 1;
                    out.push(PersonHit { name, role: None, start });
                }
                None => i = k.max(i + 1),
            }
        }
        out
    }

    /// Skips honorifics from item `i`; the item after them, or `None` when
    /// there is none.
    fn honorifics_from(&self, s: &Sent, i: usize) -> Option<usize> {
        let mut k = i;
        while let Some((end, _)) = self.honorifics.at(s, k).into_iter().next().filter(|_| s.items[k].word) {
            k = end;
            while s.is(k, ".") {
                k += 1;
            }
        }
        (k > i).then_some(k)
    }

    /// The person a role phrase at `first..end` belongs to.
    fn role_person(
        &self,
        s: &Sent,
        scopes: &Scopes,
        first: usize,
        end: usize,
        r: usize,
        mut former: bool,
    ) -> Option<PersonHit> {
        let mut role_end = end;
        let mut scope = None;
        // "President of the Russian Federation", "Chief Minister of Kerala".
        if s.is_word(role_end, "of") {
            let k = if s.is_word(role_end + 1, "the") { role_end + 2 } else { role_end + 1 };
            if let Some((e, key)) = scopes.by_start.get(&k) {
                scope = Some(key.clone());
                role_end = *e;
            }
        }
        // Back over "former", "Union", "Russian", "India's", "UN", and a
        // "Deputy" that makes the role a deputy's.
        let mut start = first;
        let mut deputy: Option<String> = None;
        while start > 0 {
            let prev = &s.items[start - 1];
            if prev.word && self.former.contains(&prev.key) {
                former = true;
                start -= 1;
            } else if prev.word && deputy.is_none() && scope.is_none() && self.deputies.contains(&prev.key) {
                deputy = Some(prev.key.clone());
                start -= 1;
            } else if prev.word && self.modifiers.contains(&prev.key) {
                start -= 1;
            } else if let Some((f, key)) = scopes.by_last.get(&(start - 1)).filter(|_| scope.is_none()) {
                scope = Some(key.clone());
                start = *f;
            } else {
                break;
            }
        }
        let (mut key, mut shared, mut cabinet) = self.role_rules[r].clone();
        let mut deputy_of = None;
        if let Some(d) = deputy {
            deputy_of = Some(key.clone());
            key = format!("{d} {key}");
            shared = true;
            cabinet = false;
        } else if let Some((d, rest)) = key.split_once(' ') {
            // A deputy's role of the rules: "deputy prime minister".
            if self.deputies.contains(d) && self.role_keys.contains(rest) {
                deputy_of = Some(rest.to_string());
            }
        }
        let role = Role { span: s.span(start, role_end - 1), key, scope, former, shared, cabinet, deputy_of };
        // After the role: honorifics, then the name.
        let mut k = role_end;
        while s.is(k, ")") || s.is(k, ".") {
            k += 1;
        }
        let k = self.honorifics_from(s, k).unwrap_or(k);
        if let Some(name) = self.read_name(s, k, Evidence::Titled) {
            return Some(PersonHit { name, role: Some((role, start, role_end - 1)), start });
        }
        let closes = |i: usize| i >= s.len() || [",", ".", ")", ";", ":"].iter().any(|p| s.is(i, p));
        // "the defence minister, Rajnath Singh, said".
        let determined = start > 0 && s.items[start - 1].word && DETERMINERS.contains(&s.items[start - 1].key.as_str());
        if s.is(k, ",") && (determined || start < first) {
            if let Some(name) = self.read_name(s, k + 1, Evidence::Titled) {
                if closes(name.end + 1) {
                    return Some(PersonHit { name, role: Some((role, start, role_end - 1)), start });
                }
            }
        }
        // "Rajnath Singh, the defence minister, said"; "Jean-Luc Ferrand,
        // who is currently the Minister Delegate for Foreign Trade".
        let mut b = start;
        if determined {
            b -= 1;
            let mut c = b;
            while c > 0 && s.items[c - 1].word && RELATIVE_ADVERBS.contains(&s.items[c - 1].key.as_str()) {
                c -= 1;
            }
            if c >= 2 && s.is_word(c - 1, "is") && s.is_word(c - 2, "who") {
                b = c - 2;
            }
        }
        // "Claire Hudson, chief executive of X and acting returning officer":
        // a second role after "and" closes the first.
        let and_role = s.is_word(role_end, "and") && s.get(role_end + 1).is_some_and(|x| x.word && !x.cap);
        if b >= 2 && s.is(b - 1, ",") && (closes(role_end) || and_role) {
            let last = b - 2;
            let mut f = last;
            while f > 0 && s.items[f - 1].word && (s.items[f - 1].cap || self.is_particle(&s.items[f - 1])) {
                f -= 1;
            }
            for f in f..=last {
                if let Some(name) = self.read_name(s, f, Evidence::Titled) {
                    if name.end == last && self.honorifics.at(s, f).is_empty() {
                        return Some(PersonHit { name, role: Some((role, start, role_end - 1)), start });
                    }
                }
            }
        }
        None
    }

    /// Names known only by their shape: two to five name words, not a
    /// place, not opening the sentence with a common word, before a verb
    /// of speech or action ("Vladimir Putin said"), after "said" or "by",
    /// or after a place's possessive (`place_possessive`: "Poland's Tomasz
    /// Wierzbowski").
    pub fn find_shaped(
        &self,
        s: &Sent,
        taken: impl Fn(usize) -> bool,
        place_possessive: impl Fn(usize) -> bool,
    ) -> Vec<PersonHit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if taken(i) || !self.name_word(s, i, Evidence::Shape, true) {
                i += 1;
                continue;
            }
            let Some(name) = self.read_name(s, i, Evidence::Shape) else {
                i += 1;
                continue;
            };
            let next = name.end + 1;
            if name.words < 2 || (name.first..=name.end).any(&taken) {
                i = next;
                continue;
            }
            if i == 0 || (i == 1 && !s.items[0].word) {
                let w = s.items[i].key.as_str();
                if w.ends_with("ly") || w.ends_with("ing") {
                    i = next;
                    continue;
                }
            }
            let verb = s.get(next).is_some_and(|it| it.word && !it.cap && self.verbs.contains(&it.key))
                || (s.is(next, ",") && s.is_word(next + 1, "who"));
            let after = name.first > 0 && {
                let prev = &s.items[name.first - 1];
                prev.word
                    && !prev.cap
                    && (self.before.contains(&prev.key)
                        || (prev.key == "to" && name.first > 1 && s.items[name.first - 2].key == "according"))
            };
            // "Poland's Tomasz Wierzbowski": a country's or a city's person.
            let owned = name.first > 0 && place_possessive(name.first - 1);
            if verb || after || owned {
                let start = name.first;
                out.push(PersonHit { name, role: None, start });
            }
            i = next;
        }
        out
    }

    /// The match for a person hit.
    pub fn to_match(&self, s: &Sent, hit: &PersonHit) -> EntityMatch {
        let span = s.bare_span(hit.name.first, hit.name.last);
        let name = span.of(s.text).to_string();
        EntityMatch {
            span,
            kind: EntityKind::Person,
            key: person_key(&name),
            name,
            role: hit.role.as_ref().map(|(r, _, _)| r.clone()),
        }
    }

    /// Words of a known person's name found alone in a sentence ("Singh"
    /// after "Rajnath Singh"): reads a name at `i` by its shape.
    pub fn read_known(&self, s: &Sent, i: usize) -> Option<NameRead> {
        self.read_name(s, i, Evidence::Shape)
    }
}

/// A name split for comparison: lowercase words, dots removed.
#[derive(Debug)]
struct Parsed {
    /// Given names and initials.
    given: Vec<String>,
    /// The surname with the lowercase particles before it ("von der leyen").
    surname: String,
    full: String,
}

fn parse(name: &str) -> Parsed {
    let words: Vec<String> = name.split_whitespace().map(|w| w.replace('.', "")).filter(|w| !w.is_empty()).collect();
    let mut cut = words.len().saturating_sub(1);
    while cut > 0 && words[cut - 1].chars().next().is_some_and(char::is_lowercase) {
        cut -= 1;
    }
    let lower = |ws: &[String]| ws.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    Parsed { given: lower(&words[..cut]), surname: lower(&words[cut..]).join(" "), full: lower(&words).join(" ") }
}

/// The identity key of a person's name: the surname, lowercased, after the
/// first initial when a first name or initial is written ("r singh",
/// "singh", "u von der leyen").
pub fn person_key(name: &str) -> String {
    let p = parse(name);
    match p.given.first().and_then(|g| g.chars().next()) {
        Some(c) => format!("{c} {}", p.surname),
        None => p.surname,
    }
}

/// The last word of a surname without a particle joined by a hyphen
/// ("al-assad" -> "assad").
fn core(surname: &str) -> &str {
    surname.rsplit(' ').next().unwrap_or(surname)
}

fn same_surname(a: &str, b: &str) -> bool {
    let (a, b) = (core(a), core(b));
    a == b || a.ends_with(&format!("-{b}")) || b.ends_with(&format!("-{a}"))
}

fn similar(a: &str, b: &str) -> bool {
    a != b && a.chars().count() >= 4 && b.chars().count() >= 4 && strsim::jaro_winkler(a, b) >= MISSPELT_SIMILARITY
}

/// Whether two surnames of one given name are near enough to be one
/// misspelt: the first five letters the same and a similarity a little
/// below [`MISSPELT_SIMILARITY`].
fn near_surname(a: &str, b: &str) -> bool {
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    a != b && prefix >= 5 && strsim::jaro_winkler(a, b) >= MISSPELT_SIMILARITY - 0.05
}

/// Whether two given names can be one person's: equal, an initial of the
/// other, or a near spelling.
fn given_agree(a: &str, b: &str) -> Option<Identity> {
    if a == b {
        return Some(Identity::Same);
    }
    if a.chars().count() == 1 || b.chars().count() == 1 {
        return Some(if a.chars().next() == b.chars().next() { Identity::Same } else { Identity::Different });
    }
    if strsim::jaro_winkler(a, b) >= MISSPELT_SIMILARITY - 0.05 {
        return Some(Identity::Misspelt);
    }
    None
}

/// Whether the surname of the shorter of two names (one given name) is a
/// near spelling of a middle name of the longer.
fn middle_misspelt(a: &Parsed, b: &Parsed) -> bool {
    let (short, long) = if a.given.len() <= b.given.len() { (a, b) } else { (b, a) };
    // The first names agree, so a looser bound than for whole names, as for
    // given names.
    let near = |m: &String| {
        m != &short.surname
            && m.chars().count() >= 4
            && short.surname.chars().count() >= 4
            && strsim::jaro_winkler(m, &short.surname) >= MISSPELT_SIMILARITY - 0.05
    };
    short.given.len() == 1 && long.given.len() >= 2 && long.given[1..].iter().any(near)
}

/// Whether two mentions name the same person.
///
/// ```
/// use crosscheck::extract::entities::{same_person, EntityFinder, Identity};
/// use crosscheck::rules::Rules;
/// let finder = EntityFinder::new(&Rules::built_in().unwrap()).unwrap();
/// let person = |s: &str| finder.find(s).into_iter().next().unwrap();
/// let rajnath = person("Defence Minister Rajnath Singh said");
/// assert_eq!(same_person(&rajnath, &person("Mr Singh said")), Identity::Same);
/// assert_eq!(same_person(&rajnath, &person("Dr Manmohan Singh said")), Identity::Different);
/// ```
pub fn same_person(a: &EntityMatch, b: &EntityMatch) -> Identity {
    if a.kind != EntityKind::Person || b.kind != EntityKind::Person {
        return Identity::Unknown;
    }
    let (pa, pb) = (parse(&a.name), parse(&b.name));
    if pa.full == pb.full {
        return Identity::Same;
    }
    match (pa.given.is_empty(), pb.given.is_empty()) {
        (true, true) => {
            if same_surname(&pa.surname, &pb.surname) {
                Identity::Same
            } else if similar(&pa.surname, &pb.surname) {
                Identity::Misspelt
            } else {
                Identity::Different
            }
        }
        (true, false) | (false, true) => {
            let (bare, full) = if pa.given.is_empty() { (&pa, &pb) } else { (&pb, &pa) };
            if same_surname(&bare.surname, &full.surname) {
                Identity::Same
            } else if full.given.contains(&bare.surname) {
                Identity::Unknown
            } else if similar(core(&bare.surname), core(&full.surname)) {
                Identity::Misspelt
            } else {
                Identity::Different
            }
        }
        (false, false) => {
            let given = given_agree(&pa.given[0], &pb.given[0]);
            if same_surname(&pa.surname, &pb.surname) {
                match given {
                    Some(Identity::Misspelt) if similar(&pa.full, &pb.full) => Identity::Misspelt,
                    Some(Identity::Same) => Identity::Same,
                    _ => Identity::Different,
                }
            } else if pa.given.len() == 1
                && pb.given.len() == 1
                && pa.given[0] == pb.surname
                && pb.given[0] == pa.surname
            {
                Identity::Same // "Xi Jinping" and "Jinping Xi"
            } else if matches!(given, Some(Identity::Same | Identity::Misspelt))
                && similar(core(&pa.surname), core(&pb.surname))
            {
                Identity::Misspelt
            } else if given == Some(Identity::Same) && near_surname(core(&pa.surname), core(&pb.surname)) {
                // "Tomasz Wierzbicki" and "Tomasz Wierzbowski": one given
                // name, the surname's ending written two ways.
                Identity::Misspelt
            } else if given == Some(Identity::Same) && middle_misspelt(&pa, &pb) {
                // "Dwi Hartono Saputra" and "Dwi Hartanto": the shorter name
                // ends with a near spelling of the longer one's middle name.
                Identity::Misspelt
            } else {
                Identity::Different
            }
        }
    }
}

/// Whether two roles are the same office: the same canonical role, scopes
/// that do not differ (an unwritten scope agrees with any), and both
/// current or both former.
pub fn same_role(a: &Role, b: &Role) -> bool {
    let scopes_agree = match (&a.scope, &b.scope) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    a.key == b.key && scopes_agree && a.former == b.former
}

/// Whether two mentions give one office two different holders: the same
/// role, current, held by one person at a time, with the same scope
/// written on both or on neither ("Russian Defence Minister Belousov" and
/// "Defence Minister Rajnath Singh" do not clash), and names that are
/// [`Identity::Different`]. A misspelt name is not a clash but a warning.
pub fn role_conflict(a: &EntityMatch, b: &EntityMatch) -> bool {
    let (Some(ra), Some(rb)) = (&a.role, &b.role) else { return false };
    same_role(ra, rb)
        && !ra.former
        && !ra.shared
        && !rb.shared
        && ra.scope == rb.scope
        && same_person(a, b) == Identity::Different
}
