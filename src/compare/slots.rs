//! Slots of one event that each report fills with one entity: the
//! reference town of a point given by distance and bearing ("28 km
//! northwest of Palu"), the place of an occasion ("the tribunal sitting in
//! Akure", "the count at Rugeley Leisure Centre"), the one who leads or
//! coordinates it ("chaired by Justice Ngozi Okafor", "coordinated by
//! Frontex"), a candidate's party ("the Labour Party candidate Babatunde
//! Akinwale"), the organisation credited with one deed of one size
//! ("UNICEF had shipped 1.2 million doses") or with one deed done by or
//! through it ("launched ... by NSIL", "through IN-SPACe"), whose staff do
//! one thing ("FBI agents", "agents of the DEA"), the town of a dated
//! ceremony ("sworn in at State House, Nairobi on Feb. 20"), the town where
//! one thing announced once was announced ("announced her resignation
//! during a visit to Agen"), and the region a named land lies in ("the
//! Munduruku territory ... in Amazonas state").
//!
//! Besides slots, one official given one role in two organisations ("NUM
//! general secretary Sipho Dlamini", "the Association ... Its general
//! secretary, Sipho Dlamini") credits one body's words to two bodies.
//!
//! Two reports filling one slot with two entities of one kind that are not
//! one (by alias, acronym, containment or spelling) disagree. A report that
//! fills a slot with two entities ("chaired by A and B", or A in one
//! sentence and B in another) is telling of several, and is left out.
//!
//! Claims are grouped by slot first, so only the fillers of one slot are
//! compared. Some slots need a tie besides their words: an occasion's two
//! sentences share a content word, or both write `the <occasion> at` a
//! venue; the two things led share a content word and no names that
//! differ ("the Russian delegation" is not "the Uzbek delegation"). The words that make a slot are data: `[slots]` in
//! `rules/places.toml`.

use std::collections::{BTreeMap, HashSet};

use super::{finding, where_, Finding, Input, SharedSubject, Tally, Verdict};
use crate::extract::entities::{
    place_relation, same_organisation, same_person, EntityKind, EntityMatch, Identity, PlaceKind, PlaceRelation,
};
use crate::extract::{Claim, ClaimKind, ClaimValue};

/// What makes a phrase a slot, with what tells one slot from another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    /// "28 km northwest of <place>": the distance and the bearing.
    Offset(String),
    /// "<occasion> in|at <place>": the occasion.
    Occasion(String),
    /// "<verb> by <agent>": the group of the verb in `leading_verbs`.
    Agent(usize),
    /// "<party> candidate <person>": the person's key.
    Candidacy(String),
    /// "<organisation> had <verb> <quantity>": the verb and the quantity.
    Deed(String),
    /// "the first <noun> were <verb>ed in <place>": the noun.
    First(String),
    /// "from <Belgian> side <club>" in a sentence about a transfer.
    Origin,
    /// "sworn in at <place> on <date>": the ceremony's group and the date.
    Ceremony(usize, String),
    /// "<verb>ed [...] by|through <organisation>": the verb's stem.
    Means(String),
    /// "<organisation> agents", "agents of <organisation>": the group of
    /// the noun in `personnel`.
    Personnel(usize),
    /// "<Name> territory ... in <region>": the region a named land is in.
    Land,
    /// "announced her resignation ... at|in|to <town>": the noun's group.
    Announced(usize),
}

/// One entity filling a slot.
struct Filler<'a> {
    claim: &'a Claim,
    entity: &'a EntityMatch,
    /// The slot as written ("sitting in", "chaired by").
    phrase: String,
    /// Content words that say what the slot is of (stems), for slots that
    /// need them.
    context: HashSet<String>,
    /// Whether the occasion is written as the one of the event ("the
    /// count", "his medical").
    definite: bool,
    /// Names in the words that say what the slot is of ("Russian" in "the
    /// Russian delegation, led by"): two sets of names that share none tell
    /// of two things.
    names: HashSet<String>,
}

/// A word of the text: lowercase, whether it was capitalised, and where it
/// ends.
struct Word {
    key: String,
    cap: bool,
    end: usize,
}

/// The words of a text: letters, digits, inner hyphens, dots and
/// apostrophes; a number glued to a unit ("28km") is two words.
fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur = String::new();
    let mut start_cap = false;
    let push = |cur: &mut String, cap: bool, end: usize, out: &mut Vec<Word>| {
        let k = cur.trim_end_matches(['.', '-', '\'']).to_lowercase();
        if !k.is_empty() {
            out.push(Word { key: k, cap, end });
        }
        cur.clear();
    };
    let mut prev: Option<char> = None;
    for (i, ch) in text.char_indices() {
        let inner = matches!(ch, '-' | '.' | '\'') && prev.is_some_and(char::is_alphanumeric) && !cur.is_empty();
        let glued_unit = ch.is_alphabetic() && prev.is_some_and(|p| p.is_ascii_digit());
        if glued_unit {
            push(&mut cur, start_cap, i, &mut out);
        }
        if ch.is_alphanumeric() || inner {
            if cur.is_empty() {
                start_cap = ch.is_uppercase();
            }
            cur.push(ch);
        } else {
            push(&mut cur, start_cap, i, &mut out);
        }
        prev = Some(ch);
    }
    push(&mut cur, start_cap, text.len(), &mut out);
    out
}

/// Content stems of words: six letters of each lowercase-keyed word of four
/// letters or more that is not a stopword.
fn stems<'w>(ws: impl Iterator<Item = &'w Word>, input: &Input) -> HashSet<String> {
    ws.filter(|w| w.key.chars().count() >= 4 && w.key.chars().all(|c| c.is_alphabetic() || c == '-'))
        .filter(|w| !input.lexicon.is_stopword(&w.key))
        .map(|w| w.key.chars().take(6).collect())
        .collect()
}

struct SlotWords {
    bearings: HashSet<String>,
    units: Vec<HashSet<String>>,
    occasions: HashSet<String>,
    leading: Vec<HashSet<String>>,
    candidacy: HashSet<String>,
    firsts: HashSet<String>,
    clubs: HashSet<String>,
    transfers: HashSet<String>,
    ceremonies: Vec<HashSet<String>>,
    bodies: Vec<HashSet<String>>,
    personnel: Vec<HashSet<String>>,
    lands: HashSet<String>,
    announced: Vec<HashSet<String>>,
}

impl SlotWords {
    fn new(input: &Input) -> SlotWords {
        let r = &input.rules.places.slots;
        let set = |l: &[String]| l.iter().map(|w| w.to_lowercase()).collect::<HashSet<String>>();
        SlotWords {
            bearings: set(&r.bearings),
            units: r.distance_units.iter().map(|g| set(g)).collect(),
            occasions: set(&r.occasions),
            leading: r.leading_verbs.iter().map(|g| set(g)).collect(),
            candidacy: set(&r.candidacy),
            firsts: set(&r.firsts),
            clubs: set(&r.clubs),
            transfers: set(&r.transfers),
            ceremonies: r.ceremonies.iter().map(|g| set(g)).collect(),
            bodies: r.bodies.iter().map(|g| set(g)).collect(),
            personnel: r.personnel.iter().map(|g| set(g)).collect(),
            lands: set(&r.lands),
            announced: r.announced.iter().map(|g| set(g)).collect(),
        }
    }
}

fn entity(c: &Claim) -> Option<&EntityMatch> {
    match &c.value {
        ClaimValue::Entity(e) => Some(e),
        _ => None,
    }
}

/// The slots an entity claim fills.
fn slots_of<'a>(input: &'a Input, w: &SlotWords, c: &'a Claim, e: &'a EntityMatch) -> Vec<(Slot, Filler<'a>)> {
    let doc = &input.docs[c.doc];
    let sentence = input.sentences[c.sentence].norm;
    let text = sentence.of(&doc.norm.text);
    if e.span.end > text.len() {
        return Vec::new();
    }
    let before = words(&text[..e.span.start]);
    let after_text = &text[e.span.end..];
    let after = words(after_text);
    let filler = |phrase: String, context: HashSet<String>, definite: bool| Filler {
        claim: c,
        entity: e,
        phrase,
        context,
        definite,
        names: HashSet::new(),
    };
    let mut out = Vec::new();
    let n = before.len();
    let key = |i: usize| before[i].key.as_str();
    match e.kind {
        EntityKind::Place => {
            // "<distance> <unit> <bearing> of <place>".
            if n >= 4 && key(n - 1) == "of" && w.bearings.contains(key(n - 2)) {
                let unit = w.units.iter().position(|g| g.contains(key(n - 3)));
                let number = key(n - 4).replace(',', "");
                if let (Some(unit), Ok(distance)) = (unit, number.parse::<f64>()) {
                    let bearing = key(n - 2).replace('-', "");
                    let phrase = format!("{number} {} {} of", key(n - 3), key(n - 2));
                    let slot = Slot::Offset(format!("{distance} {unit} {bearing}"));
                    out.push((slot, filler(phrase, HashSet::new(), true)));
                }
            }
            // "<occasion> in|at [the] <place>".
            let mut j = n;
            if j >= 1 && key(j - 1) == "the" {
                j -= 1;
            }
            if j >= 2 && matches!(key(j - 1), "in" | "at") && w.occasions.contains(key(j - 2)) {
                let occasion = key(j - 2).to_string();
                let definite = j >= 3 && matches!(key(j - 3), "the" | "his" | "her" | "its" | "their");
                let mut context: Vec<&Word> = before[..j - 2].iter().collect();
                context.extend(after.iter());
                let phrase = format!("{occasion} {}", key(j - 1));
                out.push((Slot::Occasion(occasion), filler(phrase, stems(context.into_iter(), input), definite)));
            }
            ceremony(input, w, c, &before, &mut out, &filler);
            land(input, w, e, &before, &mut out, &filler);
            announced(w, &before, &mut out, &filler);
            // "the first <noun> [was|were] <verb>ed in <place>".
            if n >= 4 && key(n - 1) == "in" && key(n - 2).ends_with("ed") {
                let mut k = n - 3;
                while k > 0 && matches!(key(k), "was" | "were" | "been" | "had" | "have" | "has") {
                    k -= 1;
                }
                if k >= 1 && !before[k].cap && w.firsts.contains(key(k - 1)) {
                    let noun = key(k).trim_end_matches('s').to_string();
                    let phrase = format!("{} {} {} in", key(k - 1), key(k), key(n - 2));
                    out.push((Slot::First(noun), filler(phrase, HashSet::new(), true)));
                }
            }
        }
        EntityKind::Person | EntityKind::Organisation => {
            // "<verb> by [the] [titles] <agent>", not "by A and B".
            let mut j = n;
            while j >= 1 && (before[j - 1].cap || before[j - 1].key == "the") {
                j -= 1;
            }
            let shared_agent = after.first().is_some_and(|a| matches!(a.key.as_str(), "and" | "with"))
                || after_text.trim_start().starts_with('&');
            if j >= 2 && key(j - 1) == "by" && !shared_agent {
                if let Some(g) = w.leading.iter().position(|g| g.contains(key(j - 2))) {
                    let phrase = format!("{} by", key(j - 2));
                    let mut context = stems(before[..j - 2].iter(), input);
                    // "the tribunal headed by", "the panel, chaired by".
                    for x in &before[..j - 2] {
                        if let Some(g) = w.bodies.iter().position(|g| g.contains(&x.key)) {
                            context.insert(format!("body:{g}"));
                        }
                    }
                    let mut f = filler(phrase, context, true);
                    // The names of the thing led: after its determiner
                    // ("the Russian delegation"), not elsewhere in the
                    // sentence ("Justice Bello, a member of the panel").
                    let det = before[..j - 2]
                        .iter()
                        .rposition(|x| matches!(x.key.as_str(), "the" | "a" | "an" | "its" | "his" | "her" | "their"))
                        .map_or(0, |d| d + 1);
                    f.names = before[det..j - 2]
                        .iter()
                        .filter(|x| x.cap)
                        .flat_map(|x| x.key.split('-'))
                        .filter(|k| !input.lexicon.is_stopword(k))
                        .map(str::to_string)
                        .collect();
                    out.push((Slot::Agent(g), f));
                }
            }
            if e.kind == EntityKind::Organisation {
                // "from <Belgian> [Pro League] side <club>", in a sentence
                // about a transfer.
                if n >= 3 && w.clubs.contains(key(n - 1)) {
                    let mut k = n - 1;
                    while k > 0 && before[k - 1].cap {
                        k -= 1;
                    }
                    let transfer = before.iter().chain(&after).any(|x| w.transfers.contains(&x.key));
                    if k < n - 1 && k >= 1 && key(k - 1) == "from" && transfer {
                        out.push((Slot::Origin, filler("the club he left".to_string(), HashSet::new(), true)));
                    }
                }
                means(input, w, c, &before, after_text, &mut out, &filler);
                personnel(input, w, c, &before, after_text, &mut out, &filler);
                candidacy(input, w, c, after_text, &mut out, &filler);
                deed(input, c, &after, &mut out, &filler);
            }
        }
    }
    out
}

/// "<verb>ed [a few words] by|through [<Body>'s <arm>] <organisation>": the
/// body credited with a deed ("launched under a commercial arrangement by
/// ISRO's commercial arm NSIL", "launched on a commercial basis through
/// IN-SPACe"). Its context is the sentence's content words besides the
/// verb and the names; the names of the other organisations of the
/// sentence are kept, so that one credited alongside another is not read
/// as apart from it.
fn means<'a>(
    input: &'a Input,
    w: &SlotWords,
    c: &'a Claim,
    before: &[Word],
    after_text: &str,
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    // A possessor ("ISRO's commercial arm ...") is not the one credited.
    let rest = after_text.trim_start();
    if rest.starts_with("'s") || rest.starts_with("\u{2019}s") {
        return;
    }
    let mut j = before.len();
    while j >= 1 && (before[j - 1].cap || before[j - 1].key == "the") {
        j -= 1;
    }
    // "by ISRO's commercial arm <organisation>".
    let mut k = j;
    while k >= 1 && j - k < 3 && !before[k - 1].cap {
        k -= 1;
    }
    if k >= 1 && k < j && before[k - 1].cap && before[k - 1].key.ends_with("'s") {
        k -= 1;
        while k >= 1 && (before[k - 1].cap || before[k - 1].key == "the") {
            k -= 1;
        }
        j = k;
    }
    if j < 2 || !matches!(before[j - 1].key.as_str(), "by" | "through") {
        return;
    }
    // The verb: a past participle a few words before.
    let Some(v) = (j.saturating_sub(6)..j - 1).rev().find(|&i| {
        let x = &before[i].key;
        !before[i].cap && x.len() > 4 && x.ends_with("ed") && !w.leading.iter().any(|g| g.contains(x))
    }) else {
        return;
    };
    let verb: String = before[v].key.trim_end_matches("ed").to_string();
    let context = sentence_context(input, c, &verb);
    let phrase = format!("{} {}", before[v].key, before[j - 1].key);
    out.push((Slot::Means(verb), filler(phrase, context, true)));
}

/// "announced her resignation [...] at|in|to [the <Venue>] <town>": where a
/// thing announced once was announced.
fn announced<'a>(
    w: &SlotWords,
    before: &[Word],
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    let n = before.len();
    let mut k = n;
    while k > 0 && n - k < 3 && before[k - 1].cap {
        k -= 1;
    }
    if k > 0 && before[k - 1].key == "the" {
        k -= 1;
    }
    if k == 0 || !matches!(before[k - 1].key.as_str(), "at" | "in" | "to") {
        return;
    }
    let found = (1..k.saturating_sub(1)).find_map(|i| {
        let verb = before[i - 1].key.as_str();
        let possessive = matches!(before[i].key.as_str(), "her" | "his" | "their" | "its");
        let noun = before.get(i + 1).filter(|_| possessive)?;
        let announces = matches!(verb, "announced" | "announcing" | "announces" | "announce");
        announces.then(|| w.announced.iter().position(|g| g.contains(&noun.key)).map(|g| (g, noun.key.clone())))?
    });
    let Some((g, noun)) = found else { return };
    let phrase = format!("announced {noun} {}", before[k - 1].key);
    out.push((Slot::Announced(g), filler(phrase, HashSet::new(), true)));
}

/// "[the] <Name> [Indigenous] territory ... in [southwest] <region>": the
/// region a named land lies in. Its context is the capitalised names of
/// the sentence but the place's and a sentence's first word, so that two
/// sentences naming one land ("Munduruku") are tied.
fn land<'a>(
    input: &'a Input,
    w: &SlotWords,
    e: &EntityMatch,
    before: &[Word],
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    if input.gazetteer.kind(&e.key) != Some(PlaceKind::Region) {
        return;
    }
    let mut j = before.len();
    if j >= 1 && w.bearings.contains(&before[j - 1].key) {
        j -= 1;
    }
    if j < 2 || before[j - 1].key != "in" {
        return;
    }
    // The land's noun a few words before.
    let Some(noun) = before[j.saturating_sub(14)..j - 1].iter().find(|x| w.lands.contains(&x.key)) else {
        return;
    };
    let names: HashSet<String> = before
        .iter()
        .enumerate()
        .filter(|(i, x)| *i > 0 && x.cap && !input.lexicon.is_stopword(&x.key))
        .map(|(_, x)| format!("name:{}", x.key.trim_end_matches("'s")))
        .collect();
    if names.is_empty() {
        return;
    }
    let phrase = format!("{} in", noun.key);
    out.push((Slot::Land, filler(phrase, names, true)));
}

/// A sentence's content stems, but for words starting with `skip`, with
/// "org:<key>" for each organisation it names and "org:<word>" for each
/// capitalised word ("ISRO's commercial arm"), for bodies it names without
/// an organisation claim.
fn sentence_context(input: &Input, c: &Claim, skip: &str) -> HashSet<String> {
    let doc = &input.docs[c.doc];
    let all = words(input.sentences[c.sentence].norm.of(&doc.norm.text));
    let mut context = stems(all.iter().filter(|x| !x.cap && !x.key.starts_with(skip)), input);
    for d in input.claims_of(c.sentence).iter().filter(|d| d.doc == c.doc) {
        if let Some(o) = entity(d).filter(|o| o.kind == EntityKind::Organisation) {
            context.insert(format!("org:{}", o.key));
        }
    }
    for x in all.iter().filter(|x| x.cap) {
        context.insert(format!("org:{}", x.key.trim_end_matches("'s")));
    }
    context
}

/// "<organisation> [(<acronym>)] agents", "agents of [the] <organisation>":
/// whose staff do one thing ("agents of the DEA to work from a liaison
/// office", "FBI agents will be based at a liaison office"). Not "FBI and
/// DEA agents".
fn personnel<'a>(
    input: &'a Input,
    w: &SlotWords,
    c: &'a Claim,
    before: &[Word],
    after_text: &str,
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    let group = |k: &str| w.personnel.iter().position(|g| g.contains(k));
    let mut rest = after_text.trim_start();
    if rest.starts_with('(') {
        match rest.find(')') {
            Some(end) if end < 16 => rest = &rest[end + 1..],
            _ => return,
        }
    }
    let next = words(rest);
    let mut j = before.len();
    if j >= 1 && before[j - 1].key == "the" {
        j -= 1;
    }
    let found = match next.first().and_then(|x| group(&x.key)) {
        Some(g) => Some((g, next[0].key.clone())),
        None if j >= 2 && before[j - 1].key == "of" => {
            group(&before[j - 2].key).map(|g| (g, before[j - 2].key.clone()))
        }
        None => None,
    };
    let Some((g, noun)) = found else { return };
    let shared = before.last().is_some_and(|x| matches!(x.key.as_str(), "and" | "or"))
        || next.first().is_some_and(|x| matches!(x.key.as_str(), "and" | "or"));
    if shared {
        return;
    }
    let context = sentence_context(input, c, &noun);
    let phrase = format!("{noun} of");
    out.push((Slot::Personnel(g), filler(phrase, context, true)));
}

/// "[the ceremony] ... at|in [<Venue>,] <place> ... <date>": a sentence
/// with a word of one ceremony and one date, naming a town right after
/// "at" or "in" (a venue's capitalised name between), says where that
/// day's ceremony is.
fn ceremony<'a>(
    input: &'a Input,
    w: &SlotWords,
    c: &'a Claim,
    before: &[Word],
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    let n = before.len();
    let mut k = n;
    while k > 0 && n - k < 4 && before[k - 1].cap {
        k -= 1;
    }
    if k > 0 && before[k - 1].key == "the" {
        k -= 1;
    }
    if k == 0 || !matches!(before[k - 1].key.as_str(), "at" | "in") {
        return;
    }
    let Some((g, word)) =
        before[..k - 1].iter().rev().find_map(|x| w.ceremonies.iter().position(|g| g.contains(&x.key)).map(|g| (g, x)))
    else {
        return;
    };
    // The dates after the ceremony's word ("vetting next week, and sworn
    // in at <place> on Feb. 20").
    let from = input.sentences[c.sentence].norm.start + word.end;
    let dates: HashSet<String> = input
        .claims_of(c.sentence)
        .iter()
        .filter(|d| d.doc == c.doc && d.norm.start >= from && matches!(d.value, ClaimValue::Date(_)))
        .filter_map(|d| d.value.normalised())
        .collect();
    if dates.len() != 1 {
        return;
    }
    let date = dates.into_iter().next().unwrap_or_default();
    let phrase = format!("{} {} on {date}", word.key, before[k - 1].key);
    out.push((Slot::Ceremony(g, date), filler(phrase, HashSet::new(), true)));
}

/// "<party> [(<acronym>)] candidate[,] <person>", "<party> and its
/// candidate, <person>".
fn candidacy<'a>(
    input: &'a Input,
    w: &SlotWords,
    c: &'a Claim,
    after_text: &str,
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    let mut rest = after_text.trim_start_matches([')', ' ']);
    if rest.starts_with('(') {
        match rest.find(')') {
            Some(end) if end < 16 => rest = &rest[end + 1..],
            _ => return,
        }
    }
    let lead = words(rest);
    let at = match lead.iter().position(|x| w.candidacy.contains(&x.key)) {
        Some(0) => 0,
        Some(2) if lead[0].key == "and" && matches!(lead[1].key.as_str(), "its" | "their") => 2,
        _ => return,
    };
    // The person right after the word.
    let offset = c.norm.end + (after_text.len() - rest.len()) + lead[at].end;
    let Some(person) = input.claims_of(c.sentence).iter().find(|d| {
        entity(d).is_some_and(|p| p.kind == EntityKind::Person)
            && d.doc == c.doc
            && d.norm.start >= offset
            && input.docs[c.doc].norm.text[offset..d.norm.start].trim_matches([' ', ',']).is_empty()
    }) else {
        return;
    };
    let Some(p) = entity(person) else { return };
    let phrase = format!("the party whose {} is {}", lead[at].key, p.name);
    out.push((Slot::Candidacy(p.key.clone()), filler(phrase, HashSet::new(), true)));
}

/// "<organisation> [said it] [had|has|have] <verb>ed <quantity>": the
/// organisation credited with one deed of one size.
fn deed<'a>(
    input: &'a Input,
    c: &'a Claim,
    after: &[Word],
    out: &mut Vec<(Slot, Filler<'a>)>,
    filler: &impl Fn(String, HashSet<String>, bool) -> Filler<'a>,
) {
    let mut i = 0;
    if after.len() > 2
        && matches!(after[0].key.as_str(), "said" | "says")
        && matches!(after[1].key.as_str(), "it" | "they")
    {
        i = 2;
    }
    if after.get(i).is_some_and(|x| matches!(x.key.as_str(), "had" | "has" | "have")) {
        i += 1;
    }
    let Some(verb) = after.get(i).filter(|v| v.key.len() > 4 && v.key.ends_with("ed")) else { return };
    // The quantity right after the verb.
    let verb_end = c.norm.end + verb.end;
    let text = &input.docs[c.doc].norm.text;
    let Some(quantity) = input.claims_of(c.sentence).iter().find(|d| {
        matches!(d.value, ClaimValue::Number(_))
            && d.norm.start >= verb_end
            && text[verb_end..d.norm.start].trim().is_empty()
    }) else {
        return;
    };
    let Some(value) = quantity.value.normalised() else { return };
    let phrase = format!("{} {}", verb.key, quantity.norm.of(text));
    out.push((Slot::Deed(format!("{} {value}", verb.key)), filler(phrase, HashSet::new(), true)));
}

/// Whether two fillers name two different entities of one kind; `None`
/// when that cannot be told.
fn different(input: &Input, a: &EntityMatch, b: &EntityMatch) -> Option<bool> {
    if a.kind != b.kind {
        return None;
    }
    let words_of = |e: &EntityMatch| -> Vec<String> { e.name.split_whitespace().map(str::to_lowercase).collect() };
    let (wa, wb) = (words_of(a), words_of(b));
    let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    match a.kind {
        EntityKind::Place => match place_relation(&a.key, &b.key, input.gazetteer) {
            PlaceRelation::Disjoint => Some(true),
            PlaceRelation::Unknown => {
                // Places the gazetteer does not know: two names, neither
                // inside the other ("Palu" and "Palu city" are one). A known
                // place may contain an unknown one.
                let known = |k: &str| input.gazetteer.kind(k).is_some();
                if known(&a.key) || known(&b.key) {
                    return None;
                }
                Some(!within(&wa, &wb) && !within(&wb, &wa))
            }
            _ => Some(false),
        },
        EntityKind::Organisation => {
            if same_organisation(a, b) || within(&wa, &wb) || within(&wb, &wa) {
                return Some(false);
            }
            // An acronym no alias resolves may stand for the other name.
            let bare_acronym = |e: &EntityMatch| {
                !e.name.contains(' ') && e.name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            };
            let resolved = |e: &EntityMatch| e.key != e.name.to_lowercase();
            if (bare_acronym(a) && !resolved(a)) || (bare_acronym(b) && !resolved(b)) {
                return None;
            }
            Some(true)
        }
        EntityKind::Person => match same_person(a, b) {
            Identity::Different => Some(true),
            Identity::Same => Some(false),
            _ => None,
        },
    }
}

/// Compares the fillers of each slot across reports.
pub(super) fn pass(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    offices(input, findings, tally);
    let w = SlotWords::new(input);
    let mut groups: BTreeMap<Slot, BTreeMap<usize, Vec<Filler>>> = BTreeMap::new();
    for c in input.claims {
        let Some(e) = entity(c) else { continue };
        for (slot, f) in slots_of(input, &w, c, e) {
            groups.entry(slot).or_default().entry(c.doc).or_default().push(f);
        }
    }
    for (slot, docs) in &groups {
        // Each report's one filler: the fullest name of the one entity it
        // gives; a report giving two is left out.
        let mut one: Vec<&Filler> = Vec::new();
        for fillers in docs.values() {
            let first = &fillers[0];
            if fillers[1..].iter().any(|f| different(input, first.entity, f.entity) != Some(false)) {
                continue;
            }
            if let Some(best) = fillers.iter().max_by_key(|f| f.entity.name.len()) {
                one.push(best);
            }
        }
        for (i, a) in one.iter().enumerate() {
            for b in &one[i + 1..] {
                if different(input, a.entity, b.entity) != Some(true) {
                    continue;
                }
                let tied = match slot {
                    Slot::Offset(_) | Slot::Candidacy(_) | Slot::Deed(_) | Slot::First(_) | Slot::Origin => true,
                    // A town, not the country or region it is in.
                    Slot::Ceremony(..) => {
                        let local = |f: &Filler| {
                            matches!(input.gazetteer.kind(&f.entity.key), Some(PlaceKind::City | PlaceKind::Area))
                        };
                        local(a) && local(b)
                    }
                    // An occasion is held in a town or a venue ("the count
                    // in <state>" may be one of many), and "the count at
                    // <venue>" is the one count.
                    Slot::Occasion(_) => {
                        let kind = |f: &Filler| input.gazetteer.kind(&f.entity.key);
                        let local = |f: &Filler| matches!(kind(f), None | Some(PlaceKind::City | PlaceKind::Area));
                        let venue = |f: &Filler| matches!(kind(f), None | Some(PlaceKind::Area));
                        local(a)
                            && local(b)
                            && (a.context.intersection(&b.context).next().is_some()
                                || a.definite && b.definite && venue(a) && venue(b))
                    }
                    // Sentences of one deed: the verb and two content words shared, and
                    // neither names the other's organisation.
                    Slot::Land => a.context.intersection(&b.context).next().is_some(),
                    Slot::Announced(_) => {
                        let local = |f: &Filler| {
                            matches!(input.gazetteer.kind(&f.entity.key), Some(PlaceKind::City | PlaceKind::Area))
                        };
                        local(a) && local(b)
                    }
                    Slot::Means(_) | Slot::Personnel(_) => {
                        let content = a.context.intersection(&b.context).filter(|x| !x.starts_with("org:")).count();
                        let names = |f: &Filler, o: &EntityMatch| {
                            let initials: String = o
                                .name
                                .split_whitespace()
                                .filter(|x| x.starts_with(char::is_uppercase))
                                .filter_map(|x| x.chars().next())
                                .flat_map(char::to_lowercase)
                                .collect();
                            [o.key.clone(), o.name.to_lowercase(), initials]
                                .iter()
                                .any(|k| f.context.contains(&format!("org:{k}")))
                        };
                        content >= 2 && !names(a, b.entity) && !names(b, a.entity)
                    }
                    Slot::Agent(_) => {
                        let named_apart = !a.names.is_empty()
                            && !b.names.is_empty()
                            && a.names.intersection(&b.names).next().is_none();
                        a.context.intersection(&b.context).next().is_some() && !named_apart
                    }
                };
                if !tied {
                    continue;
                }
                emit(input, (a, b), findings, tally);
            }
        }
    }
}

/// One person's office as one report gives it: the body whose officer
/// they are, and the mention to show.
struct Office<'a> {
    person: &'a Claim,
    body: EntityMatch,
    shown: &'a Claim,
}

/// The organisation a person with a role speaks for: the one the role is
/// scoped to or named right before it ("NUM general secretary Sipho
/// Dlamini"), or, for "its <role>, <person>" opening a sentence, the
/// organisation opening the sentence before ("The Association ... (Amcu)
/// said ... Its general secretary, Sipho Dlamini"). Shown where the report
/// makes that body the subject of the sentence before, when it does.
fn office<'a>(input: &'a Input, c: &'a Claim, e: &EntityMatch) -> Option<Office<'a>> {
    let role = e.role.as_ref()?;
    let doc = &input.docs[c.doc];
    let sentence = &input.sentences[c.sentence];
    let start = sentence.norm.start;
    let text = sentence.norm.of(&doc.norm.text);
    let role_start = role.span.start.min(e.span.start);
    let lead = words(&text[..role_start]);
    let org = |d: &'a Claim| entity(d).filter(|o| o.kind == EntityKind::Organisation).map(|o| (d, o));
    let previous = (c.sentence > 0 && input.sentences[c.sentence - 1].doc == c.doc).then(|| c.sentence - 1);
    // The organisation opening a sentence: nothing but "the" before it.
    let opening = |s: usize| -> Option<(&'a Claim, &'a EntityMatch)> {
        let sn = &input.sentences[s];
        let first = input.claims_of(s).iter().filter(|d| d.doc == c.doc).find_map(org)?;
        let head = words(&doc.norm.text[sn.norm.start..first.0.norm.start]);
        (head.is_empty() || head.len() == 1 && head[0].key == "the").then_some(first)
    };
    let (mention, body) = if lead.len() == 1 && matches!(lead[0].key.as_str(), "its" | "their") {
        let (d, o) = opening(previous?)?;
        (d, o.clone())
    } else if let Some(k) = role.scope.as_deref().filter(|k| input.gazetteer.kind(k).is_none()) {
        // "NUM general secretary": the role's own organisation.
        let name = role.span.of(text).to_string();
        let body =
            EntityMatch { span: role.span, kind: EntityKind::Organisation, name, key: k.to_string(), role: None };
        (c, body)
    } else {
        // An organisation ending right before the role.
        let (d, o) = input.claims_of(c.sentence).iter().filter(|d| d.doc == c.doc).filter_map(org).find(|(d, _)| {
            d.norm.end <= start + role_start && doc.norm.text[d.norm.end..start + role_start].trim().is_empty()
        })?;
        (d, o.clone())
    };
    let shown = previous
        .and_then(opening)
        .filter(|(_, o)| o.key == body.key || same_organisation(o, &body))
        .map_or(mention, |(d, _)| d);
    Some(Office { person: c, body, shown })
}

/// One person with one role given as the officer of two different
/// organisations ("NUM general secretary Sipho Dlamini", "the Association
/// ... Its general secretary, Sipho Dlamini"): the reports credit the
/// body's statement to two bodies.
fn offices(input: &Input, findings: &mut Vec<Finding>, tally: &mut Tally) {
    let mut groups: BTreeMap<(String, String), BTreeMap<usize, Vec<Office>>> = BTreeMap::new();
    for c in input.claims {
        let Some(e) = entity(c).filter(|e| e.kind == EntityKind::Person) else { continue };
        let Some(role) = e.role.as_ref().filter(|r| !r.former) else { continue };
        if let Some(o) = office(input, c, e) {
            groups.entry((e.key.clone(), role.key.clone())).or_default().entry(c.doc).or_default().push(o);
        }
    }
    for docs in groups.values() {
        let one: Vec<&Office> = docs
            .values()
            .filter(|os| os[1..].iter().all(|o| different(input, &os[0].body, &o.body) == Some(false)))
            .map(|os| &os[0])
            .collect();
        for (i, a) in one.iter().enumerate() {
            for b in &one[i + 1..] {
                if different(input, &a.body, &b.body) != Some(true) {
                    continue;
                }
                let shown = |o: &Office| {
                    entity(o.shown)
                        .filter(|e| e.kind == EntityKind::Organisation)
                        .map_or(o.body.name.clone(), |e| e.name.clone())
                };
                let (sa, sb) = (shown(a), shown(b));
                let person = entity(a.person).map_or("", |p| p.name.as_str());
                tally.conflict += 1;
                let reason = format!(
                    "{} makes {person} an officer of {:?} and {} of {:?}: one official of two different \
                     organisations, so the reports credit one body's words to two.",
                    where_(input, a.shown),
                    sa,
                    where_(input, b.shown),
                    sb
                );
                let subject = SharedSubject { label: format!("the body {person} speaks for"), score: 0.5 };
                let rule = ("organisation-conflict", Verdict::Conflict);
                findings.extend(finding(
                    input,
                    0.5,
                    (a.shown, b.shown),
                    ClaimKind::Organisation,
                    rule,
                    &subject,
                    reason,
                    0.7,
                ));
            }
        }
    }
}

fn emit(input: &Input, (a, b): (&Filler, &Filler), findings: &mut Vec<Finding>, tally: &mut Tally) {
    let (rule, kind, what) = match a.entity.kind {
        EntityKind::Place => ("place-conflict", ClaimKind::Place, "two different places"),
        EntityKind::Organisation => ("organisation-conflict", ClaimKind::Organisation, "two different organisations"),
        EntityKind::Person => ("role-conflict", ClaimKind::Person, "two different people"),
    };
    tally.conflict += 1;
    let reason = format!(
        "{} gives {:?} for {:?} and {} gives {:?} for {:?}: one slot of the event filled with {what}, so they cannot \
         both be right.",
        where_(input, a.claim),
        a.entity.name,
        a.phrase,
        where_(input, b.claim),
        b.entity.name,
        b.phrase
    );
    let subject = SharedSubject { label: a.phrase.clone(), score: 0.5 };
    findings.extend(finding(input, 0.5, (a.claim, b.claim), kind, (rule, Verdict::Conflict), &subject, reason, 0.7));
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{check, rules_of};

    #[test]
    fn one_offset_from_two_towns_conflicts_and_one_town_agrees() {
        let run = check(
            "The quake struck at 2:14 am, with its epicentre 28 kilometres northwest of Donggala, the agency said.",
            "The quake was centred on land 28 km northwest of Palu at a depth of 10 km, the agency said.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        let run = check(
            "The quake struck at 2:14 am, with its epicentre 28 kilometres northwest of Donggala, the agency said.",
            "The quake struck with its epicentre 28km northwest of Donggala, the agency said.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_sitting_in_two_cities_conflicts_and_a_containing_state_agrees() {
        let run = check(
            "The Election Petition Tribunal sitting in Akure dismissed the petition on Saturday.",
            "The Election Petition Tribunal sitting in Abuja dismissed the petition on Saturday.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        let run = check(
            "The Election Petition Tribunal sitting in Akure dismissed the petition on Saturday.",
            "The election petition tribunal in Ondo State dismissed the petition on Saturday.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn two_venues_for_the_count_conflict() {
        let run = check(
            "The result was declared at the count at Chase Leisure Centre in Cannock.",
            "She secured 11,902 votes at the count at Rugeley Leisure Centre, which finished early.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        // Two different things set up in two venues are no slot.
        let run = check(
            "An evacuation centre has been set up at the Katoomba Leisure Centre.",
            "A relief point opened at the leisure centre in Katoomba.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn the_count_in_two_states_is_no_conflict() {
        let run = check(
            "Officials said the count in Pennsylvania would take days.",
            "Officials said the count in Georgia would take days.",
        );
        let slot_findings = run.findings.iter().filter(|f| f.reason.contains("one slot of the event")).count();
        assert_eq!(slot_findings, 0, "{:#?}", run.findings);
    }

    #[test]
    fn the_first_cases_in_a_district_and_in_its_country_agree() {
        let run = check(
            "The first cases were detected in Nsanje district near the border, the minister said.",
            "The minister said the first cases were recorded in Malawi in January.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn two_chairs_of_one_panel_conflict_and_co_chairs_do_not() {
        let run = check(
            "The three-member panel, chaired by Justice Adamu Bello, held that the petition failed.",
            "Justice Adamu Bello, a member of the three-member panel chaired by Justice Ngozi Okafor, read the judgment.",
        );
        assert!(rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
        let run = check(
            "The session was chaired by Deputy Prime Minister Ulugbek Rakhimov and Alexei Ovchinnikov.",
            "The session was chaired by Russian Deputy Prime Minister Alexei Ovchinnikov on Tuesday.",
        );
        assert!(!rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn two_delegations_led_by_two_people_are_no_conflict() {
        let run = check(
            "The Russian delegation was led by Alexei Ovchinnikov on Tuesday.",
            "The Uzbek delegation, led by Ulugbek Rakhimov, arrived on Tuesday.",
        );
        assert_eq!(run.claims.iter().filter(|c| c.value.kind() == crate::extract::ClaimKind::Person).count(), 2);
        assert!(!rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn two_coordinating_agencies_conflict_and_an_alias_agrees() {
        let run = check(
            "The joint patrols are to be coordinated by Frontex.",
            "The mixed patrols, which will be coordinated by Europol, start in May.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            "The joint patrols are to be coordinated by Frontex.",
            "The mixed patrols will be coordinated by the European Border and Coast Guard Agency.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_candidate_of_two_parties_conflicts() {
        let pdp = "The tribunal dismissed the petition filed by the Peoples Democratic Party (PDP) candidate, Babatunde \
                   Akinwale, challenging the victory of Governor Olumide Adeyemo. Babatunde Akinwale said he would appeal.";
        let run = check(
            pdp,
            "The tribunal upheld the election of Governor Olumide Adeyemo, dismissing a petition by the Labour Party \
             candidate Babatunde Akinwale. Babatunde Akinwale said he would appeal.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            pdp,
            "The tribunal dismissed the petition of the PDP and its candidate, Babatunde Akinwale, for lacking in merit. Babatunde Akinwale said he would appeal.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn the_first_cases_in_two_districts_conflict() {
        let run = check(
            "The first cases were detected in Nsanje district near the border, the minister said.",
            "The minister said the first cases were recorded in Chikwawa district in January.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        // Later cases elsewhere are no conflict.
        let run = check(
            "The first cases were detected in Nsanje district near the border, the minister said.",
            "The minister said more cases were recorded in Chikwawa district in January.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn a_player_signed_from_two_clubs_conflicts() {
        let run = check(
            "Real Betis completed the signing of striker Tobi Adebanjo from Belgian club KRC Genk on Tuesday.",
            "Real Betis have completed the signing of Tobi Adebanjo from Belgian side Gent for a fee.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            "Real Betis completed the signing of striker Tobi Adebanjo from Belgian club KRC Genk on Tuesday.",
            "Adebanjo has completed his move from Belgian Pro League side Genk to Real Betis.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_shipment_credited_to_two_agencies_conflicts() {
        let run = check(
            "The World Health Organization said it had shipped 1.2 million doses of vaccine.",
            "He also said UNICEF had shipped 1.2 million doses of vaccine.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            "The World Health Organization said it had shipped 1.2 million doses of vaccine.",
            "He also said the WHO had shipped 1.2 million doses of vaccine.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_dated_ceremony_in_two_towns_conflicts() {
        let run = check(
            "Vetting begins next week, and the ministers are due to be sworn in at State House, Nairobi on Dec. 20.",
            "If approved, they will take the oath of office on December 20 at State House, Mombasa, officials said.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        // Two days, or a country and its city, or no date: no slot.
        let run = check(
            "The ministers are due to be sworn in at State House, Nairobi on Dec. 20.",
            "The ministers were sworn in at State House, Mombasa on Dec. 2 for another post.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        let run = check(
            "The ministers are due to be sworn in at State House, Nairobi on Dec. 20.",
            "The ministers will take the oath of office in Kenya on December 20.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        let run = check(
            "The ministers are due to be sworn in at State House, Nairobi.",
            "The ministers will take the oath of office at State House, Mombasa.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn a_tribunal_and_a_panel_led_by_two_people_conflict() {
        let run = check(
            "In a unanimous judgment delivered on Saturday, May 31, the tribunal headed by Justice Adamu Bala dismissed the petition.",
            "Justice Adamu Bello, a member of the three-member panel chaired by Justice Ngozi Okafor, read the lead judgment.",
        );
        assert!(rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
        // Two delegations named apart are two things led.
        let run = check(
            "The Russian delegation, led by Alexei Overchuk, arrived on Monday.",
            "The Uzbek delegation, headed by Jamshid Khodjaev, arrived on Monday.",
        );
        assert!(!rules_of(&run).contains(&"role-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_official_of_two_organisations_conflicts() {
        let run = check(
            "The National Union of Mineworkers said it had flagged problems with the winder. \"Our members raised \
             concerns,\" said NUM general secretary Sipho Dlamini.",
            "The Association of Mineworkers and Construction Union (Amcu) said it had raised concerns about safety. Its \
             general secretary, Sipho Dlamini, called for the managers to be suspended.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        // One union named in full and by its acronym agrees.
        let run = check(
            "The National Union of Mineworkers said it had flagged problems with the winder. Its general secretary, \
             Sipho Dlamini, called for an inquiry.",
            "\"Our members raised concerns,\" said NUM general secretary Sipho Dlamini.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        // Two people with one title in two unions are no conflict.
        let run = check(
            "\"Our members raised concerns,\" said NUM general secretary Sipho Dlamini.",
            "The Association of Mineworkers and Construction Union (Amcu) said it had raised concerns. Its general \
             secretary, Jeff Mathunjwa, called for the managers to be suspended.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_deed_credited_to_two_organisations_conflicts() {
        let run = check(
            "The six co-passenger satellites, from customers in Singapore and Spain, were launched under a commercial \
             arrangement by ISRO's commercial arm NewSpace India Limited (NSIL).",
            "The foreign satellites were launched on a commercial basis through the Indian National Space Promotion and \
             Authorisation Centre (IN-SPACe), officials said.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        // The body and its arm, named together in one report, agree.
        let run = check(
            "The satellites were launched under a commercial arrangement by ISRO's commercial arm NewSpace India \
             Limited (NSIL).",
            "The foreign satellites were launched on a commercial basis by the Indian Space Research Organisation.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        // Two deeds, or one verb of two unrelated things, are no slot.
        let run = check(
            "The satellites were launched under a commercial arrangement by NewSpace India Limited.",
            "The satellites were built on a commercial basis by Airbus Defence and Space.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            "The satellites were launched under a commercial arrangement by NewSpace India Limited.",
            "The inquiry was launched last year by the Central Bureau of Investigation.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_office_staffed_by_two_agencies_conflicts() {
        let run = check(
            "Mexico will allow a limited number of agents of the Drug Enforcement Administration (DEA) to work from a \
             liaison office in Mexico City, but they will not carry out operations on their own.",
            "FBI agents will be based at a liaison office in the capital under the deal, but will not be allowed to \
             carry out independent operations.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        // Both agencies' agents in one report, or agents doing other things.
        let run = check(
            "FBI and DEA agents will work from a liaison office in Mexico City, but will not carry out operations.",
            "FBI agents will be based at a liaison office in the capital, but will not carry out independent operations.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            "Agents of the Drug Enforcement Administration arrested two suspects in Texas on Monday.",
            "FBI agents will be based at a liaison office in the capital under the deal.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_named_land_in_two_states_conflicts() {
        let run = check(
            "The court ordered miners removed from the Munduruku Indigenous Territory in Pará state on Thursday.",
            "The Munduruku territory covers about 2.4 million hectares in Amazonas state, along the upper Tapajós River.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        // Southwest Pará is in Pará; another land is another slot.
        let run = check(
            "The court ordered miners removed from the Munduruku Indigenous Territory in Pará state on Thursday.",
            "The Munduruku say camps have spread across the territory in southwest Pará.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        let run = check(
            "The court ordered miners removed from the Munduruku Indigenous Territory in Pará state on Thursday.",
            "The Yanomami territory covers about 9.6 million hectares in Roraima and Amazonas states.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_resignation_announced_in_two_towns_conflicts() {
        let run = check(
            "Marchetti announced her resignation during a visit to Agen in her home department of Lot-et-Garonne.",
            "Marchetti announced her departure on Tuesday at the ministry in Paris, on the Rue de Varenne.",
        );
        assert!(rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        // A town and its department agree; other things announced are no slot.
        let run = check(
            "Marchetti announced her resignation during a visit to Agen on Tuesday.",
            "Marchetti announced her departure on Tuesday in Lot-et-Garonne.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
        let run = check(
            "Marchetti announced her plan during a visit to Agen on Tuesday.",
            "Marchetti announced her budget on Tuesday at the ministry in Paris.",
        );
        assert!(!rules_of(&run).contains(&"place-conflict"), "{:#?}", run.findings);
    }

    #[test]
    fn one_chief_executive_of_two_councils_conflicts() {
        let run = check(
            "Acting returning officer Claire Hudson, the chief executive of Cannock Chase District Council, said the \
             count had gone smoothly.",
            "The result was read out by Claire Hudson, chief executive of Staffordshire County Council and acting \
             returning officer for the by-election.",
        );
        assert!(rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
        let run = check(
            "Acting returning officer Claire Hudson, the chief executive of Cannock Chase District Council, said the \
             count had gone smoothly.",
            "The result was read out by Claire Hudson, chief executive of Cannock Chase District Council and acting \
             returning officer for the by-election.",
        );
        assert!(!rules_of(&run).contains(&"organisation-conflict"), "{:#?}", run.findings);
    }
}
