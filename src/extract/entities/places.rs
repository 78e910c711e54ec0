//! Places: a gazetteer read from `rules/places.toml`, the place names of a
//! sentence, and how two places relate.

use super::text::{Case, Phrases, Sent};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// `rules/places.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRules {
    /// Capitalised words that make a run of names a venue or a thing, not
    /// a person ("Centre", "Airport", "Memorial").
    #[serde(default)]
    pub venue_words: Vec<String>,
    /// `[text, place key]` pairs checked by a test: the text names the place.
    #[serde(default)]
    pub examples: Vec<[String; 2]>,
    /// `[a, relation, b]` triples checked by a test, relation being `same`,
    /// `contains`, `within`, `disjoint` or `unknown`.
    #[serde(default)]
    pub relations: Vec<[String; 3]>,
    /// The places.
    #[serde(default)]
    pub place: Vec<PlaceRule>,
    /// `[slots]`: the words that make a phrase a slot one report fills with
    /// one entity ("chaired by ...", "28 km northwest of ...").
    #[serde(default)]
    pub slots: SlotRules,
}

/// `[slots]` of `rules/places.toml`: the words around a name that make it
/// the one filler of a slot of the event, so that two reports filling it
/// with two different entities disagree. Read by `src/compare/slots.rs`;
/// the bearings and occasions also let the entity finder read a place the
/// gazetteer does not know ("28 km northwest of Donggala").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotRules {
    /// Compass bearings, lowercase ("northwest", "north-west"): "<distance>
    /// <bearing> of <place>" locates a point by one reference place.
    #[serde(default)]
    pub bearings: Vec<String>,
    /// Units of distance for those offsets, one group of spellings per
    /// unit (`["km", "kilometres"]`).
    #[serde(default)]
    pub distance_units: Vec<Vec<String>>,
    /// Nouns and verbs of an occasion that happens in one place ("sitting",
    /// "medical", "count"): "<occasion> in|at <place>".
    #[serde(default)]
    pub occasions: Vec<String>,
    /// Words that make "the first <noun> ... in <place>" the place where the
    /// first of something happened ("first", "earliest").
    #[serde(default)]
    pub firsts: Vec<String>,
    /// Words before a club's name ("club", "side"): "Belgian side Gent".
    #[serde(default)]
    pub clubs: Vec<String>,
    /// Words of a transfer ("signing", "move"): a sentence with one, saying
    /// "from <club>", names the club a player leaves.
    #[serde(default)]
    pub transfers: Vec<String>,
    /// Groups of passive verbs whose "by" agent is one at a time ("chaired",
    /// "headed", "led"): "<verb> by <person or organisation>".
    #[serde(default)]
    pub leading_verbs: Vec<Vec<String>>,
    /// Groups of words for one ceremony held once, at one place, on one day
    /// (`["sworn", "oath", "swearing-in"]`): a sentence with one of them and
    /// one date, naming a town "at|in" it, says where that day's ceremony
    /// is.
    #[serde(default)]
    pub ceremonies: Vec<Vec<String>>,
    /// Groups of nouns for one body that one person leads (`["panel",
    /// "tribunal"]`): "the tribunal headed by" and "the panel, chaired by"
    /// lead one thing.
    #[serde(default)]
    pub bodies: Vec<Vec<String>>,
    /// Groups of nouns for an organisation's staff (`["agents"]`): "FBI
    /// agents" and "agents of the DEA" doing one thing say whose staff do
    /// it.
    #[serde(default)]
    pub personnel: Vec<Vec<String>>,
    /// Groups of nouns for what one announces once, in one place
    /// (`["resignation", "departure"]`): "announced her resignation during
    /// a visit to <town>".
    #[serde(default)]
    pub announced: Vec<Vec<String>>,
    /// Nouns for a named stretch of land ("territory", "reserve"): "the
    /// Munduruku territory ... in Amazonas state" says which region it is in.
    #[serde(default)]
    pub lands: Vec<String>,
    /// Words for standing in an election for a party ("candidate"): "<party>
    /// candidate <person>".
    #[serde(default)]
    pub candidacy: Vec<String>,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRule {
    /// Its name as usually written ("New Delhi").
    pub name: String,
    /// Its identity key when two places share a name ("georgia us");
    /// otherwise the lowercased name.
    #[serde(default)]
    pub key: Option<String>,
    /// What level of place it is.
    pub kind: PlaceKind,
    /// Other spellings ("Bombay", "Air Force Station, Palam").
    #[serde(default)]
    pub also: Vec<String>,
    /// The key (or name) of the place that contains it.
    #[serde(default, rename = "in")]
    pub within: Option<String>,
}

/// The level of a place, largest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A sovereign country or a territory treated as one.
    Country,
    /// A state, province, nation of the UK or union territory.
    Region,
    /// A city or town.
    City,
    /// A district, neighbourhood, airport or venue inside a city.
    Area,
}

/// How two places relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceRelation {
    /// The same place.
    Same,
    /// The first contains the second ("China" contains "Tianjin").
    Contains,
    /// The first lies inside the second ("Palam" inside "New Delhi").
    Within,
    /// Both are known and cannot be the same place: two places of one
    /// level, or places whose containers of one level differ (a city of
    /// India and China).
    Disjoint,
    /// Not known to the gazetteer, or not decidable from it.
    Unknown,
}

#[derive(Debug, Clone)]
struct Entry {
    key: String,
    name: String,
    kind: PlaceKind,
    parent: Option<usize>,
}

/// The places of `rules/places.toml`, compiled.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    phrases: Phrases<Vec<usize>>,
    /// Every spelling, lowercased, to the places it may name.
    spellings: HashMap<String, Vec<usize>>,
}

/// A place named in a sentence, in items.
#[derive(Debug, Clone)]
pub(super) struct PlaceHit {
    /// First item (of the whole comma chain).
    pub first: usize,
    /// Last item.
    pub last: usize,
    /// Last item of the most specific name of the chain.
    pub name_last: usize,
    /// The place.
    pub key: String,
}

impl Gazetteer {
    /// Compiles the gazetteer; a message says what is wrong.
    pub fn new(rules: &PlaceRules) -> Result<Gazetteer, String> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::default();
        // A later entry with the same key replaces an earlier one, so that
        // `--rules` can correct a built-in place.
        let mut rules_of: Vec<&PlaceRule> = Vec::new();
        for p in &rules.place {
            let key = p.key.clone().unwrap_or_else(|| p.name.to_lowercase());
            if key.trim().is_empty() {
                return Err(format!("a place has an empty name: {:?}", p.name));
            }
            let entry = Entry { key: key.clone(), name: p.name.clone(), kind: p.kind, parent: None };
            match by_key.get(&key) {
                Some(&i) => {
                    entries[i] = entry;
                    rules_of[i] = p;
                }
                None => {
                    by_key.insert(key, entries.len());
                    entries.push(entry);
                    rules_of.push(p);
                }
            }
        }
        for (i, p) in rules_of.iter().enumerate() {
            if let Some(within) = &p.within {
                let parent =
                    by_key.get(within).or_else(|| by_key.get(&within.to_lowercase())).copied().ok_or_else(|| {
                        format!(
                            "{:?} is in {within:?}, which is not a place of the file; add it or fix the name",
                            p.name
                        )
                    })?;
                entries[i].parent = Some(parent);
            }
        }
        for i in 0..entries.len() {
            let mut seen = HashSet::default();
            let mut at = Some(i);
            while let Some(j) = at {
                if !seen.insert(j) {
                    return Err(format!("{:?} is inside itself through its `in` chain", entries[i].name));
                }
                at = entries[j].parent;
            }
        }
        let mut phrases = Phrases::new(Case::Sensitive, &[".", "-"]);
        let mut spellings: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, p) in rules_of.iter().enumerate() {
            for spelling in std::iter::once(&p.name).chain(&p.also) {
                let list = spellings.entry(spelling.to_lowercase()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let mut added = HashSet::default();
        for p in rules_of.iter() {
            for spelling in std::iter::once(&p.name).chain(&p.also) {
                if added.insert(spelling.clone()) {
                    let places = spellings[&spelling.to_lowercase()].clone();
                    phrases.add(spelling, places);
                }
            }
        }
        Ok(Gazetteer { entries, by_key, phrases, spellings })
    }

    /// The number of places.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no places.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The key of the place a spelling names (the first listed, when
    /// several places share it).
    pub fn key_of(&self, spelling: &str) -> Option<&str> {
        let i = *self.spellings.get(&spelling.to_lowercase())?.first()?;
        Some(&self.entries[i].key)
    }

    /// The keys of every place a spelling may name, in file order.
    pub fn keys_of(&self, spelling: &str) -> Vec<&str> {
        let list = self.spellings.get(&spelling.to_lowercase()).map(Vec::as_slice).unwrap_or_default();
        list.iter().map(|&i| self.entries[i].key.as_str()).collect()
    }

    /// Whether the key names a place.
    pub fn contains_key(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The level of a place.
    pub fn kind(&self, key: &str) -> Option<PlaceKind> {
        self.by_key.get(key).map(|&i| self.entries[i].kind)
    }

    /// The place's name as the rules write it.
    pub fn name(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(|&i| self.entries[i].name.as_str())
    }

    /// The key of the place that directly contains it.
    pub fn parent(&self, key: &str) -> Option<&str> {
        let i = *self.by_key.get(key)?;
        self.entries[i].parent.map(|p| self.entries[p].key.as_str())
    }

    /// The place and its containers, innermost first.
    fn chain(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        while let Some(p) = self.entries[*out.last().expect("not empty")].parent {
            out.push(p);
        }
        out
    }

    fn inside(&self, inner: usize, outer: usize) -> bool {
        self.chain(inner).contains(&outer)
    }

    /// The place names of a sentence. `Tianjin, China` is one place, the
    /// most specific; a name glued to another capitalised word ("Jordan
    /// Peterson", "US President", "Shanghai Cooperation") or by a hyphen
    /// ("India-Russia") is not a place of its own. Gives every name, those
    /// too (they may say whose a role is), and the places of their own: the
    /// sentence read once for both.
    pub(super) fn find_both(&self, s: &Sent, free: impl Fn(usize) -> bool) -> (Vec<PlaceHit>, Vec<PlaceHit>) {
        // Each name with whether it is glued to a capitalised word.
        let mut hits: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        let mut glued: Vec<bool> = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if !s.items[i].word {
                i += 1;
                continue;
            }
            let Some((end, places)) = self.phrases.at(s, i).into_iter().next() else {
                i += 1;
                continue;
            };
            let last = end - 1;
            let glued_before = i > 0 && !free(i - 1) && s.is_cap(i - 1) && !s.items[i - 1].poss;
            let glued_after = !s.items[last].poss && s.is_cap(end);
            hits.push((i, last, places.clone()));
            glued.push(glued_before || glued_after);
            i = end;
        }
        if !glued.contains(&true) {
            let every = self.chained(s, &hits);
            return (every.clone(), every);
        }
        let unglued: Vec<(usize, usize, Vec<usize>)> =
            hits.iter().zip(&glued).filter(|(_, &g)| !g).map(|(h, _)| h.clone()).collect();
        (self.chained(s, &hits), self.chained(s, &unglued))
    }

    /// Names found, each inside the next one when a comma joins them
    /// ("Andheri, Mumbai, India") made one place.
    fn chained(&self, s: &Sent, hits: &[(usize, usize, Vec<usize>)]) -> Vec<PlaceHit> {
        let mut out: Vec<PlaceHit> = Vec::new();
        let mut n = 0;
        while n < hits.len() {
            let (first, last, cands) = &hits[n];
            let mut chosen = cands[0];
            let mut chain_last = *last;
            let mut inner = cands.clone();
            let mut m = n;
            // "Andheri, Mumbai, India": each name inside the next.
            while let Some((f2, l2, c2)) = hits.get(m + 1) {
                if !(s.is(chain_last + 1, ",") && *f2 == chain_last + 2) {
                    break;
                }
                let fits: Vec<usize> =
                    inner.iter().copied().filter(|&a| c2.iter().any(|&b| self.inside(a, b))).collect();
                if fits.is_empty() {
                    break;
                }
                if m == n {
                    chosen = fits[0];
                }
                inner = c2.iter().copied().filter(|&b| fits.iter().any(|&a| self.inside(a, b))).collect();
                chain_last = *l2;
                m += 1;
            }
            out.push(PlaceHit {
                first: *first,
                last: chain_last,
                name_last: *last,
                key: self.entries[chosen].key.clone(),
            });
            n = m + 1;
        }
        out
    }
}

/// How place `a` relates to place `b`, both given by key.
///
/// ```
/// use crosscheck::extract::entities::{place_relation, EntityFinder, PlaceRelation};
/// use crosscheck::rules::Rules;
/// let finder = EntityFinder::new(&Rules::built_in().unwrap()).unwrap();
/// let g = finder.gazetteer();
/// assert_eq!(place_relation("tianjin", "china", g), PlaceRelation::Within);
/// assert_eq!(place_relation("mumbai", "new delhi", g), PlaceRelation::Disjoint);
/// ```
pub fn place_relation(a: &str, b: &str, gazetteer: &Gazetteer) -> PlaceRelation {
    if a == b {
        return PlaceRelation::Same;
    }
    let (Some(&ia), Some(&ib)) = (gazetteer.by_key.get(a), gazetteer.by_key.get(b)) else {
        return PlaceRelation::Unknown;
    };
    let (ca, cb) = (gazetteer.chain(ia), gazetteer.chain(ib));
    if ca.contains(&ib) {
        return PlaceRelation::Within;
    }
    if cb.contains(&ia) {
        return PlaceRelation::Contains;
    }
    // Disjoint when both have a place of one level (themselves or a
    // container) and those differ: two cities, or a city of India and
    // China. A city whose state the rules do not give stays unknown
    // against a state.
    let level = |chain: &[usize], kind: PlaceKind| chain.iter().copied().find(|&i| gazetteer.entries[i].kind == kind);
    for kind in [PlaceKind::Country, PlaceKind::Region, PlaceKind::City, PlaceKind::Area] {
        if let (Some(x), Some(y)) = (level(&ca, kind), level(&cb, kind)) {
            if x != y {
                return PlaceRelation::Disjoint;
            }
        }
    }
    PlaceRelation::Unknown
}
