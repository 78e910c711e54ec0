//! Organisations: the acronyms and names of `rules/aliases.toml`,
//! capitalised names ending in a word such as "Organisation" or "Bank",
//! acronyms defined in brackets, and whether two mentions are one
//! organisation.

use super::text::Sent;
use super::{EntityKind, EntityMatch};
use crate::rules::Alias;
use crate::terms::{key, tokenize, Term, TermKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// The `[organisations]` table of `rules/aliases.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRules {
    /// Words that end (or, before "of", begin) an organisation's name:
    /// "Organisation", "Ministry", "Bank", "Party".
    #[serde(default)]
    pub heads: Vec<String>,
    /// Lowercase words and signs that may join the words of a name: "of",
    /// "for", "and", "&".
    #[serde(default)]
    pub connectors: Vec<String>,
    /// `[variant, spelling]` pairs made one in keys: "organization" and
    /// "organisation", "defense" and "defence".
    #[serde(default)]
    pub spellings: Vec<[String; 2]>,
    /// `[text, key]` pairs checked by a test: the text names the
    /// organisation with that key.
    #[serde(default)]
    pub examples: Vec<[String; 2]>,
}

/// What an entry of `rules/aliases.toml` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AliasKind {
    /// An organisation, party, company or alliance.
    Organisation,
    /// A place (found through `rules/places.toml`).
    Place,
    /// A role (found through the `[[role]]`s of `rules/titles.toml`).
    Role,
    /// Anything else: a treaty, an agreement.
    Thing,
}

/// An organisation named in a sentence, in items.
#[derive(Debug, Clone)]
pub(super) struct OrgHit {
    pub first: usize,
    pub last: usize,
    pub key: String,
}

/// The compiled organisation rules.
#[derive(Debug, Clone)]
pub(super) struct OrgFinder {
    /// Canonical alias key -> what it names.
    kinds: HashMap<String, AliasKind>,
    /// Acronyms with several meanings, as written -> the keys they may mean.
    ambiguous: HashMap<String, Vec<String>>,
    heads: HashSet<String>,
    connectors: HashSet<String>,
    spellings: HashMap<String, String>,
    /// Capitalised words that do not begin a name: "The", months.
    stop: HashSet<String>,
}

/// The matching key of an alias's canonical name, as [`crate::terms::Lexicon`] makes it.
pub(super) fn alias_key(canonical: &str) -> String {
    tokenize(canonical).into_iter().filter(|t| t.word).map(|t| key(t.text)).collect::<Vec<_>>().join(" ")
}

impl OrgFinder {
    /// Compiles the rules. `guess` tells the kind of an alias that gives
    /// none; `stop` holds words that cannot begin a name.
    pub fn new(
        rules: &OrganisationRules,
        aliases: &[Alias],
        guess: impl Fn(&Alias) -> AliasKind,
        stop: HashSet<String>,
    ) -> Result<OrgFinder, String> {
        let lower = |l: &[String]| l.iter().map(|w| w.to_lowercase()).collect::<HashSet<_>>();
        let spellings: HashMap<String, String> =
            rules.spellings.iter().map(|[a, b]| (a.to_lowercase(), b.to_lowercase())).collect();
        let mut finder = OrgFinder {
            kinds: HashMap::default(),
            ambiguous: HashMap::default(),
            heads: lower(&rules.heads),
            connectors: lower(&rules.connectors),
            spellings,
            stop,
        };
        for a in aliases {
            let kind = a.kind.unwrap_or_else(|| guess(a));
            finder.kinds.insert(alias_key(&a.canonical), kind);
            for acronym in &a.ambiguous {
                if a.also.contains(acronym) {
                    return Err(format!(
                        "{acronym:?} is both in `also` and `ambiguous` of {:?}; keep it in `ambiguous` only",
                        a.canonical
                    ));
                }
                let meaning = finder.normalise(&alias_key(&a.canonical));
                finder.ambiguous.entry(acronym.clone()).or_default().push(meaning);
            }
        }
        Ok(finder)
    }

    /// The canonical keys an ambiguous acronym may stand for.
    pub fn meanings(&self, acronym_key: &str) -> &[String] {
        self.ambiguous
            .iter()
            .find(|(a, _)| a.to_lowercase() == acronym_key)
            .map(|(_, m)| m.as_slice())
            .unwrap_or_default()
    }

    /// A key with spelling variants made one.
    pub fn normalise(&self, k: &str) -> String {
        let k = k.strip_prefix("the ").unwrap_or(k);
        k.split(' ')
            .map(|w| match self.spellings.get(w) {
                Some(s) => s.clone(),
                None => w
                    .split('-')
                    .map(|p| self.spellings.get(p).map(String::as_str).unwrap_or(p))
                    .collect::<Vec<_>>()
                    .join("-"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The organisations of a sentence, and the acronyms it defines in
    /// brackets ("Indian Space Research Organisation (ISRO)") with their keys.
    /// A name does not run into a role phrase (`role_at`): "Reserve Bank of
    /// India Governor Sanjay Malhotra".
    pub fn find(
        &self,
        s: &Sent,
        terms: &[Term],
        role_at: impl Fn(usize) -> bool,
    ) -> (Vec<OrgHit>, Vec<(String, String)>) {
        let mut hits = Vec::new();
        // Aliases, with the items they cover.
        let item_at = |start: usize| s.items.iter().position(|it| it.span.start == start);
        let item_to = |end: usize| s.items.iter().position(|it| it.span.end == end);
        let mut alias_at: HashMap<usize, (usize, String)> = HashMap::default();
        for t in terms.iter().filter(|t| matches!(t.kind, TermKind::Alias | TermKind::Title)) {
            let (Some(first), Some(last)) = (item_at(t.span.start), item_to(t.span.end)) else { continue };
            alias_at.insert(first, (last, t.key.clone()));
            if self.kinds.get(&t.key) == Some(&AliasKind::Organisation) {
                hits.push(OrgHit { first, last, key: self.normalise(&t.key) });
            }
        }
        for (i, it) in s.items.iter().enumerate() {
            if it.word && self.ambiguous.contains_key(it.bare()) {
                hits.push(OrgHit { first: i, last: i, key: it.bare().to_lowercase() });
            }
        }
        // Names ending in a head word, or a head word and "of ...".
        for h in 0..s.len() {
            if !(s.is_cap(h) && self.heads.contains(&s.items[h].key)) {
                continue;
            }
            let mut first = h;
            while first > 0 {
                let prev = &s.items[first - 1];
                if prev.word && prev.cap && !prev.poss && !self.stop.contains(&prev.key) {
                    first -= 1;
                } else {
                    break;
                }
            }
            let mut last = h;
            while !s.items[last].poss {
                let Some(c) = s.get(last + 1).filter(|c| self.connectors.contains(&c.key)) else { break };
                let and = !c.word || c.key == "and";
                let mut k = last + 2;
                if s.is_word(k, "the") && c.key != "the" {
                    k += 1;
                }
                let mut m = k;
                while s.is_cap(m) && !self.stop.contains(&s.items[m].key) && !role_at(m) {
                    m += 1;
                    if s.items[m - 1].poss {
                        break;
                    }
                }
                // "... of India and Reserve Bank": "and" does not join two organisations.
                if m == k || (and && (k..m).any(|j| self.heads.contains(&s.items[j].key))) {
                    break;
                }
                last = m - 1;
            }
            if last == h && s.is_cap(h + 1) && !s.items[h].poss {
                continue; // "Air Force Station": the head is not the end
            }
            if first == last {
                continue;
            }
            hits.push(OrgHit { first, last, key: self.key_of(s, first, last, &alias_at) });
        }
        let mut defined = Vec::new();
        for h in hits.clone() {
            let a = h.last + 2;
            // "(NUM)", or a short name written as a word whose letters are
            // the initials of the name ("(Amcu)", "(Unicef)").
            let short = s.get(a).is_some_and(|x| {
                x.word && x.cap && x.text.chars().count() >= 3 && x.text.chars().all(char::is_alphabetic)
            });
            let caps = s.get(a).is_some_and(|x| x.acronym());
            if !(s.is(h.last + 1, "(") && s.is(a + 1, ")") && (caps || short)) {
                continue;
            }
            let acronym = s.items[a].text;
            // "Bangladesh Garment Manufacturers and Exporters Association
            // (BGMEA)": the acronym says where the name begins.
            let mut h = h;
            let letters = acronym.to_lowercase();
            let mut first = h.first;
            while first > 0 && initials(s.span(first, h.last).of(s.text)).len() < letters.len() {
                let prev = &s.items[first - 1];
                if !(prev.word && (prev.cap || self.connectors.contains(&prev.key))) || prev.poss {
                    break;
                }
                first -= 1;
            }
            if first < h.first && s.is_cap(first) && initials(s.span(first, h.last).of(s.text)) == letters {
                h = OrgHit { first, last: h.last, key: self.key_of(s, first, h.last, &alias_at) };
                hits.push(h.clone());
            }
            if !caps && initials(s.span(h.first, h.last).of(s.text)) != letters {
                continue;
            }
            defined.push((acronym.to_string(), h.key.clone()));
            hits.push(OrgHit { first: a, last: a, key: h.key.clone() });
        }
        (hits, defined)
    }

    /// The key of a name over items `first..=last`: its words lowercased,
    /// aliases inside it resolved ("U.N. Security Council" = "United
    /// Nations Security Council").
    fn key_of(&self, s: &Sent, first: usize, last: usize, alias_at: &HashMap<usize, (usize, String)>) -> String {
        let mut words = Vec::new();
        let mut i = first;
        while i <= last {
            match alias_at.get(&i).filter(|(l, _)| *l <= last) {
                Some((l, k)) => {
                    words.push(k.clone());
                    i = l + 1;
                }
                None => {
                    if s.items[i].word || s.items[i].text == "&" {
                        words.push(s.items[i].key.clone());
                    }
                    i += 1;
                }
            }
        }
        self.normalise(&words.join(" "))
    }
}

/// The letters of an acronym ("ISRO", "U.N."), lowercase, or `None`.
fn acronym(name: &str) -> Option<String> {
    let letters: String = name.chars().filter(|c| *c != '.').collect();
    let ok = letters.chars().count() >= 2
        && letters.chars().all(|c| c.is_alphanumeric() || c == '&')
        && letters.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    ok.then(|| letters.to_lowercase())
}

/// The initials of the capitalised words of a name, lowercase.
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two mentions name one organisation: the same key (aliases
/// resolved), or an acronym and a name whose capitalised words it is the
/// initials of ("ISRO" and "Indian Space Research Organisation").
///
/// ```
/// use crosscheck::extract::entities::{same_organisation, EntityFinder};
/// use crosscheck::rules::Rules;
/// let finder = EntityFinder::new(&Rules::built_in().unwrap()).unwrap();
/// let org = |s: &str| finder.find(s).into_iter().next().unwrap();
/// assert!(same_organisation(&org("the SCO Summit"), &org("the Shanghai Cooperation Organisation summit")));
/// ```
pub fn same_organisation(a: &EntityMatch, b: &EntityMatch) -> bool {
    if a.kind != EntityKind::Organisation || b.kind != EntityKind::Organisation {
        return false;
    }
    if a.key == b.key {
        return true;
    }
    let expands = |short: &EntityMatch, long: &EntityMatch| {
        acronym(&short.name).is_some_and(|acr| long.name.contains(' ') && initials(&long.name) == acr)
    };
    expands(a, b) || expands(b, a)
}
