//! Words as the aligner and the subject finder see them: tokens, content
//! terms with aliases resolved, and clauses.
//!
//! Shared by `extract` (a claim's subject is the content terms of its
//! clause) and `align` (sentences pair up by the content terms they share).

use crate::rules::Rules;
use crate::span::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a term is, which decides whether it can identify a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    /// A capitalised word that is not a title: part of a name.
    Name,
    /// A name from `rules/aliases.toml`, resolved to its canonical form.
    Alias,
    /// An ordinal such as `22nd`: it tells one meeting from another.
    Ordinal,
    /// A word of a title (`Minister`): names a role, not a thing.
    Title,
    /// Any other content word.
    Word,
}

impl TermKind {
    /// Whether a shared term of this kind can show two claims are about the
    /// same thing.
    pub fn identifies(self) -> bool {
        matches!(self, TermKind::Name | TermKind::Alias | TermKind::Ordinal)
    }
}

/// A content term of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Matching key: lowercase, possessive and plural stripped, aliases
    /// resolved to their canonical name.
    pub key: String,
    /// Where it is, in the text given to [`Lexicon::terms`].
    pub span: Span,
    /// What it is.
    pub kind: TermKind,
}

/// A word or punctuation token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Where it is.
    pub span: Span,
    /// Its text.
    pub text: &'a str,
    /// Whether it is a word (letters or digits) rather than punctuation.
    pub word: bool,
}

/// Splits text into word and punctuation tokens. A word is letters and
/// digits with inner apostrophes and dots (`U.S.`, `India's`); hyphens,
/// slashes and ampersands split words.
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    // About one token in five bytes of English: room for most texts at once.
    let mut out = Vec::with_capacity(s.len() / 5 + 4);
    let bytes = s.as_bytes();
    // The character at byte `j`, decoded only when it is not ASCII.
    let at = |j: usize| -> Option<char> {
        match bytes.get(j) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => s[j..].chars().next(),
            None => None,
        }
    };
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            loop {
                // A run of ASCII letters and digits at once.
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                let Some(d) = at(end) else { break };
                let j = end;
                let inner = matches!(d, '\'' | '.')
                    && at(j + 1).is_some_and(char::is_alphanumeric)
                    && (d == '\'' || is_initialism(&s[i..j]));
                if d.is_alphanumeric() || inner {
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            }
            // Keep the final dot of an initialism: "U.S." not "U.S".
            if bytes.get(end) == Some(&b'.') && s[i..end].contains('.') {
                end += 1;
            }
            out.push(Token { span: Span::new(i, end), text: &s[i..end], word: true });
            i = end;
        } else {
            let end = i + c.len_utf8();
            if !c.is_whitespace() {
                out.push(Token { span: Span::new(i, end), text: &s[i..end], word: false });
            }
            i = end;
        }
    }
    out
}

/// The words of a text (its word tokens, punctuation left out) with their
/// matching keys, tokenised and keyed once so that several readers of one
/// clause ([`Lexicon::terms_in`], [`Lexicon::predicate_in`],
/// [`Lexicon::occurrence_words_in`]) share the work.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    tokens: Vec<Token<'a>>,
    keys: Vec<String>,
}

impl<'a> Words<'a> {
    /// Tokenises `s` and keys its words.
    pub fn new(s: &'a str) -> Words<'a> {
        let tokens: Vec<Token<'a>> = tokenize(s).into_iter().filter(|t| t.word).collect();
        let keys = tokens.iter().map(|t| key(t.text)).collect();
        Words { tokens, keys }
    }

    /// The word tokens, in order.
    pub fn tokens(&self) -> &[Token<'a>] {
        &self.tokens
    }

    /// The key of each word token, as [`key`] gives it.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }
}

/// Whether a word so far reads as an initialism (`U`, `U.S`): single
/// letters separated by dots.
fn is_initialism(s: &str) -> bool {
    s.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// The lowercase matching key of a word.
pub fn key(word: &str) -> String {
    // ASCII (the usual word) lowercases byte by byte, to the same string.
    let mut k = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
    for suffix in ["'s", "'"] {
        if k.len() > suffix.len() + 1 && k.ends_with(suffix) {
            k.truncate(k.len() - suffix.len());
            break;
        }
    }
    if k.contains('.') {
        k.retain(|c| c != '.');
    }
    k
}

/// [`key`] written into `out` (cleared first): the same key, without
/// allocating when `out` has room, for looking words up in hot loops.
pub fn key_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&word.to_lowercase());
    }
    for suffix in ["'s", "'"] {
        if out.len() > suffix.len() + 1 && out.ends_with(suffix) {
            out.truncate(out.len() - suffix.len());
            break;
        }
    }
    if out.contains('.') {
        out.retain(|c| c != '.');
    }
}

/// Crude plural stripping for lowercase words: `leaders` -> `leader`.
fn singular(k: &str) -> &str {
    if k.len() > 4 && k.is_ascii() {
        if let Some(stem) = k.strip_suffix("ies") {
            return stem; // "countries" and "country" both become "countr"
        }
        if k.ends_with('s') && !k.ends_with("ss") && !k.ends_with("us") && !k.ends_with("is") {
            return &k[..k.len() - 1];
        }
    }
    if let Some(stem) = k.strip_suffix('y').filter(|s| s.len() > 3 && k.is_ascii()) {
        return stem;
    }
    k
}

/// Whether a token is an ordinal written in digits: `22nd`, `1st`.
fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(suffix.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}

/// The stopwords, titles, clause openers and aliases of a run, ready to use.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    stop: HashSet<String>,
    titles: HashSet<String>,
    openers: HashSet<String>,
    conjunctions: HashSet<String>,
    /// First key of an alias phrase -> (phrase keys, spelling, canonical
    /// key), longest first.
    aliases: HashMap<String, Vec<(Vec<String>, String, String)>>,
    /// Canonical key -> the canonical name as written in the rules.
    canonical: HashMap<String, String>,
    /// Canonical keys made only of title words (`Prime Minister`).
    title_aliases: HashSet<String>,
    ordinals: HashSet<String>,
    irregular: HashMap<String, String>,
    verb_markers: HashSet<String>,
    light_verbs: HashSet<String>,
    event_nouns: HashSet<String>,
    /// Word or stem -> names of the event groups it belongs to.
    groups: HashMap<String, Vec<String>>,
    /// Two-word group entries ("hand over"): the first word and its stem ->
    /// (the second word, the group's name).
    group_phrases: HashMap<String, Vec<(String, String)>>,
    attribution: HashSet<String>,
    relative: HashSet<String>,
    event_prepositions: HashSet<String>,
    indefinite: HashSet<String>,
    occurrence: HashSet<String>,
    generic_heads: HashSet<String>,
    other_event_markers: HashSet<String>,
    forward: HashSet<String>,
    statements: HashSet<String>,
    noun_modifiers: HashSet<String>,
    qualified_nouns: HashSet<String>,
}

/// What a claim's clause says happened: the verb or event noun its date or
/// number belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    /// The lemma (`arrive` for `arrived`) or the noun (`summit`).
    pub lemma: String,
    /// The event groups of `rules/events.toml` it belongs to, sorted.
    pub groups: Vec<String>,
    /// Whether it is an event noun rather than a verb.
    pub noun: bool,
    /// Whether it is a noun introduced as a new instance ("a 2012 fire").
    pub indefinite: bool,
    /// Whether it is a light verb ("went", "scheduled") that says little
    /// about the event and found no event noun to defer to.
    pub light: bool,
    /// Where it is, in the text given to [`Lexicon::predicate`].
    pub span: Span,
}

impl Predicate {
    /// Whether two predicates name the same kind of event.
    pub fn same_kind(&self, other: &Predicate) -> bool {
        stem(&self.lemma) == stem(&other.lemma) || self.groups.iter().any(|g| other.groups.contains(g))
    }
}

/// A rough stem for matching a verb with its noun: `arrived`, `arrival`
/// and `arrive` all give `arriv`; `erupting` and `eruption` give `erupt`.
pub fn stem(word: &str) -> &str {
    for suffix in ["ation", "ion", "ment", "ing", "ed", "al", "es", "s", "e"] {
        if let Some(s) = word.strip_suffix(suffix) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    word
}

impl Lexicon {
    /// Builds the lexicon from the rules.
    pub fn new(rules: &Rules) -> Lexicon {
        let words = |list: &[String]| list.iter().map(|w| key(w)).collect::<HashSet<_>>();
        let mut lex = Lexicon {
            stop: words(&rules.words.stopwords),
            titles: rules.titles.iter().flat_map(|t| tokenize(t).into_iter().map(|t| key(t.text))).collect(),
            openers: words(&rules.words.clause_openers),
            ordinals: rules.numbers.ordinals.keys().map(|w| key(w)).collect(),
            conjunctions: words(&rules.words.conjunctions),
            ..Lexicon::default()
        };
        for alias in &rules.aliases {
            let canonical = phrase_keys(&alias.canonical).join(" ");
            let all_titles =
                phrase_keys(&alias.canonical).iter().all(|k| lex.titles.contains(k) || lex.stop.contains(k));
            if all_titles {
                lex.title_aliases.insert(canonical.clone());
            }
            lex.canonical.insert(canonical.clone(), alias.canonical.clone());
            for spelling in std::iter::once(&alias.canonical).chain(&alias.also) {
                let keys = phrase_keys(spelling);
                if let Some(first) = keys.first().cloned() {
                    lex.aliases.entry(first).or_default().push((keys, spelling.clone(), canonical.clone()));
                }
            }
        }
        let events = &rules.events;
        lex.irregular = events.irregular.iter().map(|[f, l]| (f.to_lowercase(), l.to_lowercase())).collect();
        lex.verb_markers = words(&events.verb_markers);
        lex.light_verbs = words(&events.light_verbs);
        lex.event_nouns = words(&events.event_nouns);
        lex.event_prepositions = words(&events.event_prepositions);
        lex.indefinite = words(&events.indefinite);
        lex.occurrence = words(&events.occurrence);
        lex.generic_heads = events.generic_heads.iter().map(|w| key(w)).collect();
        lex.other_event_markers = words(&events.other_event_markers);
        lex.forward = words(&events.forward_occurrence);
        lex.noun_modifiers = words(&events.noun_modifiers);
        lex.qualified_nouns = words(&events.qualified_nouns);
        lex.statements = events.statement_groups.iter().cloned().collect();
        lex.attribution = words(&rules.words.attribution);
        lex.relative = words(&rules.words.relative_pronouns);
        for group in &events.group {
            for w in &group.words {
                let w = w.to_lowercase();
                if let Some((first, second)) = w.split_once(' ') {
                    for k in [stem(first).to_string(), first.to_string()] {
                        let list = lex.group_phrases.entry(k).or_default();
                        let entry = (key(second), group.name.clone());
                        if !list.contains(&entry) {
                            list.push(entry);
                        }
                    }
                    continue;
                }
                for k in [stem(&w).to_string(), w.clone()] {
                    let list = lex.groups.entry(k).or_default();
                    if !list.contains(&group.name) {
                        list.push(group.name.clone());
                        list.sort();
                    }
                }
            }
        }
        for list in lex.aliases.values_mut() {
            list.sort_by_key(|(keys, _, _)| std::cmp::Reverse(keys.len()));
        }
        lex
    }

    /// Whether a word is an irregular verb form of `rules/events.toml`
    /// ("struck", "taken").
    pub fn is_irregular_form(&self, word: &str) -> bool {
        self.irregular.contains_key(&word.to_lowercase())
    }

    /// The canonical name of an alias key, as written in the rules.
    pub fn display(&self, key: &str) -> Option<&str> {
        self.canonical.get(key).map(String::as_str)
    }

    /// Whether a head key is too vague to tell what a value measures.
    pub fn is_generic_head(&self, head: &str) -> bool {
        self.generic_heads.contains(head) || head.strip_prefix("event:").is_some_and(|g| self.generic_heads.contains(g))
    }

    /// Whether an occurrence word looks ahead ("next").
    pub fn is_forward(&self, word: &str) -> bool {
        self.forward.contains(word)
    }

    /// Whether a word key is an ordinal ("first", "22nd").
    pub fn is_ordinal_word(&self, key: &str) -> bool {
        self.ordinals.contains(key) || is_ordinal(key)
    }

    /// The words of `s` that pick one occurrence of a recurring event
    /// ("next", "first", "22nd"), sorted.
    pub fn occurrence_words(&self, s: &str) -> Vec<String> {
        self.occurrence_words_in(&Words::new(s))
    }

    /// [`Lexicon::occurrence_words`] of words already tokenised.
    pub fn occurrence_words_in(&self, words: &Words) -> Vec<String> {
        let mut out: Vec<String> = words
            .keys
            .iter()
            .filter(|k| self.occurrence.contains(*k) || self.ordinals.contains(*k) || is_ordinal(k))
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether a word (any case, singular or plural) names an event, by
    /// `event_nouns` or an event group of `rules/events.toml`.
    pub fn is_event_word(&self, word: &str) -> bool {
        let k = key(word);
        self.event_nouns.contains(&k) || self.event_nouns.contains(singular(&k)) || !self.groups_in(&k).is_empty()
    }

    /// Whether a predicate is a statement ("said", "confirmed").
    pub fn is_statement(&self, p: &Predicate) -> bool {
        p.groups.iter().any(|g| self.statements.contains(g))
    }

    /// Whether any word of `text` belongs to the event group `group` of
    /// `rules/events.toml`, by its lemma ("began" is in `begin`).
    pub fn mentions_group(&self, text: &str, group: &str) -> bool {
        self.groups_in(text).contains(&group)
    }

    /// The event groups of `rules/events.toml` the words of `text` belong
    /// to, by their lemmas, sorted; not those of another event the clause
    /// refers to ("following the meeting").
    pub fn groups_in(&self, text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let words: Vec<Token> = tokenize(text).into_iter().filter(|t| t.word).collect();
        for (i, t) in words.iter().enumerate() {
            let k = key(t.text);
            let prev = |n: usize| i.checked_sub(n).map(|j| key(words[j].text));
            let marker = |w: Option<String>| w.is_some_and(|w| self.other_event_markers.contains(&w));
            let determiner = prev(1).is_some_and(|w| self.stop.contains(&w));
            if marker(prev(1)) || determiner && marker(prev(2)) {
                continue;
            }
            let lemma = self.irregular.get(&k).map_or(k.as_str(), String::as_str);
            for w in [lemma, stem(lemma)] {
                out.extend(self.groups.get(w).into_iter().flatten().map(String::as_str));
                // "handed over": a two-word entry read with the next word.
                if let (Some(phrases), Some(next)) = (self.group_phrases.get(w), words.get(i + 1)) {
                    let next = key(next.text);
                    out.extend(phrases.iter().filter(|(second, _)| *second == next).map(|(_, g)| g.as_str()));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether `word` is a relative pronoun.
    pub fn is_relative(&self, word: &str) -> bool {
        self.relative.contains(&key(word))
    }

    /// Whether `word` is a stopword.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stop.contains(&key(word))
    }

    /// The content terms of `s` in order, leaving out tokens inside `mask`
    /// (the spans of claims, so that two sentences giving different dates
    /// for one event still align).
    pub fn terms(&self, s: &str, mask: &[Span]) -> Vec<Term> {
        self.terms_in(&Words::new(s), mask)
    }

    /// [`Lexicon::terms`] of words already tokenised.
    pub fn terms_in(&self, words: &Words, mask: &[Span]) -> Vec<Term> {
        let (tokens, keys) = (&words.tokens, &words.keys);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if mask.iter().any(|m| m.overlaps(&t.span)) {
                i += 1;
                continue;
            }
            if let Some((len, canonical)) = self.alias_at(keys, tokens, i) {
                let kind = if self.title_aliases.contains(canonical) { TermKind::Title } else { TermKind::Alias };
                out.push(Term {
                    key: canonical.to_string(),
                    span: Span::new(t.span.start, tokens[i + len - 1].span.end),
                    kind,
                });
                i += len;
                continue;
            }
            let k = &keys[i];
            i += 1;
            if self.stop.contains(k) || k.chars().all(|c| !c.is_alphanumeric()) {
                continue;
            }
            let capital = t.text.chars().next().is_some_and(char::is_uppercase);
            let kind = if is_ordinal(t.text) || self.ordinals.contains(k) {
                TermKind::Ordinal
            } else if capital && self.titles.contains(k) {
                TermKind::Title
            } else if capital && (t.span.start > 0 || t.text.chars().filter(|c| c.is_uppercase()).count() > 1) {
                // A capital opening the text is no sign of a name, unless
                // the word is an acronym.
                TermKind::Name
            } else {
                TermKind::Word
            };
            if kind == TermKind::Word && k.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
                continue; // bare numbers are claims, not subjects
            }
            // Words of one event group share a key: "opened" and
            // "inaugurated" are both the opening.
            let group = || self.groups.get(k.as_str()).or_else(|| self.groups.get(stem(k))).and_then(|g| g.first());
            let key = match kind {
                TermKind::Word => match (self.irregular.get(k.as_str()).map(String::as_str), group()) {
                    (_, Some(g)) => format!("event:{g}"),
                    (Some(lemma), None) => lemma.to_string(),
                    (None, None) => singular(k).to_string(),
                },
                _ => k.clone(),
            };
            out.push(Term { key, span: t.span, kind });
        }
        out
    }

    fn alias_at<'a>(&'a self, keys: &[String], tokens: &[Token], i: usize) -> Option<(usize, &'a str)> {
        let candidates = self.aliases.get(&keys[i])?;
        candidates.iter().find_map(|(phrase, spelling, canonical)| {
            let end = i + phrase.len();
            let matches = end <= keys.len()
                && keys[i..end] == phrase[..]
                // A short one-word spelling ("US", "WHO", "MoS") only
                // matches as written: "us" and "who" are words.
                && (phrase.len() > 1 || phrase[0].chars().count() > 4 || tokens[i].text == spelling);
            matches.then_some((phrase.len(), canonical.as_str()))
        })
    }

    /// The predicate of the claim at `claim` in `clause`: the nearest verb
    /// or event noun before it, or failing that the nearest after it. A
    /// light verb ("held", "began") defers to the first event noun of the
    /// clause ("Negotiations on the agreement began in 2022"), and a
    /// possessive date to the noun after it ("last month's 26th meeting").
    pub fn predicate(&self, clause: &str, claim: Span, masks: &[Span]) -> Option<Predicate> {
        self.predicate_in(clause, &Words::new(clause), claim, masks)
    }

    /// [`Lexicon::predicate`] of a clause whose words are already
    /// tokenised (`all` is `Words::new(clause)`).
    pub fn predicate_in(&self, clause: &str, all: &Words, claim: Span, masks: &[Span]) -> Option<Predicate> {
        // All words (for reading determiners) and the unmasked ones (for
        // finding the predicate), from one tokenization.
        let kept: Vec<usize> =
            (0..all.tokens.len()).filter(|&i| !masks.iter().any(|m| m.overlaps(&all.tokens[i].span))).collect();
        let words: Vec<Token> = kept.iter().map(|&i| all.tokens[i]).collect();
        let keys: Vec<&str> = kept.iter().map(|&i| all.keys[i].as_str()).collect();
        let classify = |i: usize| -> Option<(String, bool)> {
            let t = words[i];
            let k = keys[i];
            // A clause may open with its verb: "Closed to visitors since 2015".
            let lower = t.text.chars().next().is_some_and(char::is_lowercase) || i == 0;
            if let Some(lemma) = self.irregular.get(k) {
                return Some((lemma.clone(), false));
            }
            let prev = if i > 0 { keys[i - 1] } else { "" };
            let marked = self.verb_markers.contains(prev) && !(prev == "to" && k.ends_with('s'));
            // "the launch pad": the event noun qualifies the noun after it.
            let qualifies = words.get(i + 1).is_some_and(|n| {
                clause[t.span.end..n.span.start].trim().is_empty() && self.qualified_nouns.contains(keys[i + 1])
            });
            let noun =
                !marked && !qualifies && (self.event_nouns.contains(k) || self.event_nouns.contains(singular(k)));
            if noun {
                let lemma = if self.event_nouns.contains(k) { k } else { singular(k) };
                return Some((lemma.to_string(), true));
            }
            if lower && k.chars().all(char::is_alphabetic) && !self.stop.contains(k) {
                if marked {
                    return Some((k.to_string(), false));
                }
                if k.len() > 4 && k.ends_with("ed") {
                    return Some((k.to_string(), false));
                }
            }
            None
        };
        let before = words.iter().rposition(|t| t.span.end <= claim.start);
        let after = words.iter().position(|t| t.span.start >= claim.end);
        let light = |lemma: &str| self.light_verbs.contains(lemma);
        let mut found: Option<(usize, String, bool)> = None;
        // "last month's 26th meeting": a possessive date belongs to the noun after it.
        let possessive = clause[claim.end.min(clause.len())..].starts_with("'s");
        if let (true, Some(start)) = (possessive, after) {
            found =
                (start..words.len().min(start + 4)).find_map(|i| classify(i).filter(|c| c.1).map(|(l, n)| (i, l, n)));
        }
        if let (None, Some(end)) = (&found, before) {
            for i in (0..=end).rev() {
                if let Some((lemma, noun)) = classify(i) {
                    match &found {
                        None if !noun && light(&lemma) => found = Some((i, lemma, noun)),
                        None => {
                            found = Some((i, lemma, noun));
                            break;
                        }
                        // A light verb defers to the first event noun of its
                        // clause: "Negotiations on the agreement began in 2022".
                        Some((_, l, false)) if noun && light(l) => found = Some((i, lemma, noun)),
                        Some(_) if noun => found = Some((i, lemma, noun)),
                        Some(_) => {}
                    }
                }
            }
        }
        if found.is_none() {
            if let Some(start) = after {
                for i in start..words.len() {
                    if let Some((lemma, noun)) = classify(i) {
                        let next_noun = (!noun && light(&lemma))
                            .then(|| {
                                (i + 1..words.len().min(i + 4))
                                    .find_map(|j| classify(j).filter(|c| c.1).map(|c| (j, c)))
                            })
                            .flatten();
                        found = Some(match next_noun {
                            Some((j, (l, n))) => (j, l, n),
                            None => (i, lemma, noun),
                        });
                        break;
                    }
                }
            }
        }
        // "began erupting on Saturday": a light verb's -ing complement is
        // what happened.
        if let Some((i, lemma, false)) = &found {
            let next = words.get(i + 1).filter(|t| t.span.end <= claim.start || t.span.start >= claim.end);
            if next.is_some() && light(lemma) {
                let k = keys[i + 1].to_string();
                if k.len() > 5 && k.ends_with("ing") && k.chars().all(|c| c.is_ascii_lowercase()) {
                    found = Some((i + 1, k, false));
                }
            }
        }
        let (i, lemma, noun) = found?;
        let mut groups = self.groups.get(&lemma).or_else(|| self.groups.get(stem(&lemma))).cloned().unwrap_or_default();
        // "were handed over": a two-word entry read with the next word; a
        // light verb with its particle says what happened ("set off").
        let mut phrase = false;
        if let (Some(phrases), Some(next)) =
            (self.group_phrases.get(&lemma).or_else(|| self.group_phrases.get(stem(&lemma))), keys.get(i + 1))
        {
            for (_, g) in phrases.iter().filter(|(second, _)| second == next) {
                phrase = true;
                if !groups.contains(g) {
                    groups.push(g.clone());
                    groups.sort();
                }
            }
        }
        let indefinite = noun && self.determined_by(all, words[i].span, &self.indefinite);
        let light = !noun && !phrase && light(&lemma);
        Some(Predicate { lemma, groups, noun, indefinite, light, span: words[i].span })
    }

    /// Whether the word at `at` is introduced by one of `by`, looking back
    /// over names, numbers, determiners and the like ("a 2012 fire", "of
    /// the SCO Summit").
    fn determined_by(&self, words: &Words, at: Span, by: &HashSet<String>) -> bool {
        let Some(i) = words.tokens.iter().position(|t| t.span == at) else { return false };
        for (t, k) in words.tokens[..i].iter().zip(&words.keys[..i]).rev().take(5) {
            if by.contains(k) {
                return true;
            }
            let modifier = t.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || self.noun_modifiers.contains(k);
            if !modifier {
                return false;
            }
        }
        false
    }

    /// Whether `text` mentions the event noun `noun` as the place or
    /// occasion of something ("on the sidelines of the SCO Summit", "at the
    /// summit"), not as an object ("will hold talks").
    pub fn mentions_event(&self, text: &str, noun: &str) -> bool {
        let words = Words::new(text);
        words.tokens.iter().zip(&words.keys).any(|(t, k)| {
            (k == noun || singular(k) == noun || stem(k) == stem(noun))
                && self.determined_by(&words, t.span, &self.event_prepositions)
        })
    }

    /// The clauses of `s`: split at `;`, `:` and dashes, at quotation
    /// marks, at a comma followed by a clause opener (`, which`), and at a
    /// conjunction followed by one (`and since`).
    pub fn clauses(&self, s: &str) -> Vec<Span> {
        let tokens = tokenize(s);
        let mut out = Vec::new();
        let mut start = 0;
        // Words are looked up by their keys, made in one reused buffer.
        let mut buffer = String::new();
        let mut is_in = |set: &HashSet<String>, word: &str| {
            key_into(word, &mut buffer);
            set.contains(buffer.as_str())
        };
        for (i, t) in tokens.iter().enumerate() {
            let next = tokens.get(i + 1);
            let split_before = match t.text {
                ";" | ":" | "\"" | "(" | ")" => true,
                "-" => t.span.start > 0 && s[..t.span.start].ends_with(' '),
                "," => {
                    next.is_some_and(|n| n.word && is_in(&self.openers, n.text))
                        || tokens[i + 1..]
                            .iter()
                            .take_while(|n| n.text != "," && n.text != ";")
                            .any(|n| n.word && is_in(&self.attribution, n.text))
                }
                w if t.word && is_in(&self.conjunctions, w) => {
                    let prev_comma = i > 0 && tokens[i - 1].text == ",";
                    !prev_comma && next.is_some_and(|n| n.word && is_in(&self.openers, n.text))
                }
                _ => false,
            };
            if split_before {
                if t.span.start > start {
                    out.push(Span::new(start, t.span.start));
                }
                // Punctuation belongs to neither clause; a word opens the next.
                start = if t.word { t.span.start } else { t.span.end };
            }
        }
        if s.len() > start {
            out.push(Span::new(start, s.len()));
        }
        out.retain(|c| !c.of(s).trim().is_empty());
        out
    }
}

fn phrase_keys(s: &str) -> Vec<String> {
    tokenize(s).into_iter().filter(|t| t.word).map(|t| key(t.text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new(&Rules::built_in().unwrap())
    }

    #[test]
    fn tokens_keep_initialisms_and_split_hyphens() {
        let words: Vec<&str> = tokenize("the U.S. and India-Russia talks, India's 22nd.")
            .iter()
            .filter(|t| t.word)
            .map(|t| t.text)
            .collect();
        assert_eq!(words, vec!["the", "U.S.", "and", "India", "Russia", "talks", "India's", "22nd"]);
    }

    #[test]
    fn two_word_event_verbs_read_with_their_particle() {
        let lex = lexicon();
        assert!(lex.groups_in("The nine men were handed over yesterday").contains(&"release"));
        assert!(!lex.groups_in("The minister handed a letter to the envoy").contains(&"release"));
        let clause = "The nine men were handed over yesterday in Tibu";
        let at = clause.find("yesterday").unwrap();
        let p = lex.predicate(clause, Span::new(at, at + "yesterday".len()), &[]).unwrap();
        assert!(p.groups.contains(&"release".to_string()), "{p:?}");
        let clause = "She handed him the award on Friday";
        let at = clause.find("Friday").unwrap();
        let p = lex.predicate(clause, Span::new(at, at + "Friday".len()), &[]).unwrap();
        assert!(!p.groups.contains(&"release".to_string()), "{p:?}");
    }

    #[test]
    fn aliases_resolve_to_one_key() {
        let lex = lexicon();
        let a = lex.terms("During the SCO Summit in China", &[]);
        let b = lex.terms("the Shanghai Cooperation Organisation Summit", &[]);
        let key = |ts: &[Term]| ts.iter().find(|t| t.kind == TermKind::Alias).map(|t| t.key.clone());
        assert_eq!(key(&a), key(&b));
        assert!(key(&a).is_some());
    }

    #[test]
    fn every_alias_example_resolves() {
        let rules = Rules::built_in().unwrap();
        let lex = Lexicon::new(&rules);
        for alias in &rules.aliases {
            for [text, canonical] in &alias.examples {
                let want = phrase_keys(canonical).join(" ");
                let terms = lex.terms(text, &[]);
                assert!(
                    terms.iter().any(|t| matches!(t.kind, TermKind::Alias | TermKind::Title) && t.key == want),
                    "{text:?} should resolve to {canonical:?}, got {terms:?}"
                );
            }
        }
    }

    #[test]
    fn lowercase_us_is_not_the_united_states() {
        let lex = lexicon();
        assert!(lex.terms("he told us so", &[]).iter().all(|t| t.kind != TermKind::Alias));
    }

    #[test]
    fn kinds_and_masks() {
        let lex = lexicon();
        let s = "Prime Minister Modi will chair the 23rd Annual Summit in June 2025";
        let june = s.find("June").unwrap();
        let terms = lex.terms(s, &[Span::new(june, s.len())]);
        let kinds: Vec<(&str, TermKind)> = terms.iter().map(|t| (t.span.of(s), t.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Prime Minister", TermKind::Title),
                ("Modi", TermKind::Name),
                ("chair", TermKind::Word),
                ("23rd", TermKind::Ordinal),
                ("Annual", TermKind::Name),
                ("Summit", TermKind::Name),
            ]
        );
    }

    #[track_caller]
    fn predicate_of(s: &str, claim: &str) -> Option<String> {
        let lex = lexicon();
        let at = s.find(claim).unwrap();
        lex.predicate(s, Span::new(at, at + claim.len()), &[]).map(|p| p.lemma)
    }

    #[test]
    fn predicates_are_the_nearest_verb_or_event_noun() {
        assert_eq!(predicate_of("Menon on Thursday arrived in Brasilia", "Thursday").as_deref(), Some("arrive"));
        assert_eq!(predicate_of("Menon arrived in Brasilia on Wednesday", "Wednesday").as_deref(), Some("arrive"));
        assert_eq!(predicate_of("will hold talks with Duarte on Friday", "Friday").as_deref(), Some("talks"));
        assert_eq!(predicate_of("During the SCO Summit in China in June 2025", "June 2025").as_deref(), Some("summit"));
        assert_eq!(predicate_of("the by-election held in Plovdiv on Sunday", "Sunday").as_deref(), Some("election"));
        assert_eq!(predicate_of("Singh on Thursday said that Russia", "Thursday").as_deref(), Some("say"));
        assert_eq!(
            predicate_of("The leaders last met in person on September 1", "September 1").as_deref(),
            Some("meet")
        );
        assert_eq!(predicate_of("A 2012 fire at the factory killed 110", "2012").as_deref(), Some("fire"));
        assert_eq!(predicate_of("Prices in 2012", "2012"), None);
        // An event noun that qualifies the next noun is no event.
        assert_eq!(
            predicate_of("it lifted off from the second launch pad at 10.24", "10.24").as_deref(),
            Some("lifted")
        );
        assert_eq!(predicate_of("The death toll rose to 40 on Monday", "Monday").as_deref(), Some("rise"));
        assert_eq!(predicate_of("Mount Ibu began erupting on Saturday", "Saturday").as_deref(), Some("erupting"));
        assert_eq!(
            predicate_of("progress in trade talks, including last month's 26th meeting", "last month").as_deref(),
            Some("meeting")
        );
    }

    #[test]
    fn predicates_of_one_kind() {
        let lex = lexicon();
        let p = |s: &str, c: &str| {
            let at = s.find(c).unwrap();
            lex.predicate(s, Span::new(at, at + c.len()), &[]).unwrap()
        };
        let arrived = p("arrived on Wednesday", "Wednesday");
        let arrival = p("his arrival on Wednesday", "Wednesday");
        let talks = p("talks on Friday", "Friday");
        assert!(arrived.same_kind(&arrival));
        assert!(!arrived.same_kind(&talks));
    }

    #[test]
    fn clauses_split_at_relative_clauses_not_lists() {
        let lex = lexicon();
        let s = "the visit of Putin, President of Russia, for the Summit, which has been fulfilled today";
        let parts: Vec<&str> = lex.clauses(s).iter().map(|c| c.of(s).trim()).collect();
        assert_eq!(
            parts,
            vec!["the visit of Putin, President of Russia, for the Summit", "which has been fulfilled today"]
        );
        let s = "his first since 2021 and since the conflict began in 2022, and Modi and Putin met";
        let parts: Vec<&str> = lex.clauses(s).iter().map(|c| c.of(s).trim()).collect();
        assert_eq!(
            parts,
            vec!["his first since 2021", "and since the conflict began in 2022", "and Modi and Putin met"]
        );
    }

    /// The char-by-char definition `tokenize` must agree with.
    fn tokenize_by_chars(s: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    let inner = matches!(d, '\'' | '.')
                        && s[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric)
                        && (d == '\'' || is_initialism(&s[i..j]));
                    if d.is_alphanumeric() || inner {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                // Keep the final dot of an initialism: "U.S." not "U.S".
                if s[end..].starts_with('.') && s[i..end].contains('.') {
                    end += 1;
                    it.next();
                }
                out.push(Token { span: Span::new(i, end), text: &s[i..end], word: true });
            } else if !c.is_whitespace() {
                let end = i + c.len_utf8();
                out.push(Token { span: Span::new(i, end), text: &s[i..end], word: false });
            }
        }
        out
    }

    #[test]
    fn key_into_gives_the_key() {
        let mut buffer = String::from("left over");
        for word in ["India's", "U.S.", "leaders'", "s'", "Modi", "İstanbul", "ΟΔΟΣ", "Zürich's", "x", "", "a.b.c"]
        {
            key_into(word, &mut buffer);
            assert_eq!(buffer, key(word), "{word}");
        }
    }

    #[test]
    fn words_are_the_word_tokens_keyed() {
        let text = "The U.S. and India's 22nd summit - held in Tianjin, China.";
        let words = Words::new(text);
        let tokens: Vec<Token> = tokenize(text).into_iter().filter(|t| t.word).collect();
        assert_eq!(words.tokens(), &tokens[..]);
        assert_eq!(words.keys()[1], "us");
        assert_eq!(words.keys()[3], "india");
        assert_eq!(words.keys().len(), tokens.len());
    }

    /// `key` by its definition, through the Unicode lowercase of every
    /// word (no ASCII shortcut).
    fn key_by_chars(word: &str) -> String {
        let mut k = word.to_lowercase();
        for suffix in ["'s", "'"] {
            if k.len() > suffix.len() + 1 && k.ends_with(suffix) {
                k.truncate(k.len() - suffix.len());
                break;
            }
        }
        k.retain(|c| c != '.');
        k
    }

    proptest::proptest! {
        /// The ASCII shortcuts of `key` and `fold_words` give the keys the
        /// Unicode lowercase gives.
        #[test]
        fn key_shortcut_is_the_definition(word in "[a-zA-Z0-9'.É-]{0,12}|\\PC{0,8}") {
            proptest::prop_assert_eq!(key(&word), key_by_chars(&word));
            let folded = crate::normalize::fold_words(&word);
            if !word.chars().any(char::is_whitespace) {
                proptest::prop_assert_eq!(folded, word.to_lowercase());
            }
        }
    }

    proptest::proptest! {
        /// The readers of pre-tokenised words read as the readers of text
        /// do, and none panics, whatever the text.
        #[test]
        fn word_readers_agree_on_any_input(
            text in "(?s)[a-zA-Z0-9 .,;:'\"()\n-]{0,60}|[a-zA-Zé É'.İΣς0-9-]{0,40}",
            a in 0usize..70,
            b in 0usize..70,
        ) {
            static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            let lex = LEXICON.get_or_init(lexicon);
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
            let words = Words::new(&text);
            let mut buffer = String::new();
            for (t, k) in words.tokens().iter().zip(words.keys()) {
                key_into(t.text, &mut buffer);
                proptest::prop_assert_eq!(&buffer, k);
            }
            // A claim's span, on character boundaries as every claim's is.
            let floor = |mut i: usize| {
                i = i.min(text.len());
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let claim = Span::new(floor(a.min(b)), floor(a.max(b)));
            let masks = [claim];
            proptest::prop_assert_eq!(lex.terms(&text, &masks), lex.terms_in(&words, &masks));
            proptest::prop_assert_eq!(lex.occurrence_words(&text), lex.occurrence_words_in(&words));
            let p = lex.predicate(&text, claim, &masks).map(|p| format!("{p:?}"));
            let q = lex.predicate_in(&text, &words, claim, &masks).map(|p| format!("{p:?}"));
            proptest::prop_assert_eq!(p, q);
            for c in lex.clauses(&text) {
                proptest::prop_assert!(c.start < c.end && c.end <= text.len());
            }
        }
    }
}
