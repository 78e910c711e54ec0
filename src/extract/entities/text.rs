//! One sentence as the entity finders read it: word groups ("items") and a
//! phrase matcher over them, built on [`crate::terms::tokenize`].
//!
//! An item is a word, or words joined by hyphens with no space
//! (`al-Assad`, `Secretary-General`, `India-Russia`), or one punctuation
//! mark. Phrases (roles, honorifics, places, demonyms) are matched over the
//! hyphen-separated parts of items, so `Secretary-General` and `Secretary
//! General` are one spelling, but a match must begin and end on item
//! boundaries: `India` is not matched inside `India-Russia`.

use crate::span::Span;
use crate::terms::{key, tokenize};
use rustc_hash::FxHashMap as HashMap;

/// A word group or a punctuation mark.
#[derive(Debug, Clone)]
pub(super) struct Item<'a> {
    /// Where it is in the sentence.
    pub span: Span,
    /// Its text.
    pub text: &'a str,
    /// Whether it is made of words.
    pub word: bool,
    /// Lowercase matching key: parts keyed by [`key`], joined with `-`.
    pub key: String,
    /// Whether it starts with an uppercase letter.
    pub cap: bool,
    /// Whether it ends with a possessive `'s`.
    pub poss: bool,
}

impl Item<'_> {
    /// Whether it is an acronym: two letters or more, all uppercase, no dots.
    pub fn acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        self.word
            && letters >= 2
            && !self.text.contains('.')
            && self.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    }

    /// Its text without a possessive `'s`.
    pub fn bare(&self) -> &str {
        if self.poss {
            &self.text[..self.text.len() - 2]
        } else {
            self.text
        }
    }

    /// The span of [`Item::bare`].
    pub fn bare_span(&self) -> Span {
        Span::new(self.span.start, self.span.start + self.bare().len())
    }
}

/// A part of an item, between hyphens.
#[derive(Debug, Clone)]
struct Part {
    item: usize,
    key: String,
    cap: bool,
    /// Whether it ends its item.
    last: bool,
}

/// One sentence split into items.
#[derive(Debug)]
pub(super) struct Sent<'a> {
    /// The sentence.
    pub text: &'a str,
    /// Its items in order.
    pub items: Vec<Item<'a>>,
    parts: Vec<Part>,
    /// Index of the first part of each item.
    first_part: Vec<usize>,
}

impl<'a> Sent<'a> {
    /// Splits a sentence into items.
    pub fn new(text: &'a str) -> Sent<'a> {
        let toks = tokenize(text);
        let mut items = Vec::with_capacity(toks.len());
        let mut parts = Vec::with_capacity(toks.len());
        let mut first_part = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            let index = items.len();
            first_part.push(parts.len());
            if !t.word {
                parts.push(Part { item: index, key: t.text.to_string(), cap: false, last: true });
                items.push(Item {
                    span: t.span,
                    text: t.text,
                    word: false,
                    key: t.text.to_string(),
                    cap: false,
                    poss: false,
                });
                i += 1;
                continue;
            }
            let mut end = i;
            while end + 2 < toks.len()
                && toks[end + 1].text == "-"
                && toks[end + 1].span.start == toks[end].span.end
                && toks[end + 2].word
                && toks[end + 2].span.start == toks[end + 1].span.end
            {
                end += 2;
            }
            // The item's key: its one part's key (the usual case), or its
            // parts' keys joined with `-`.
            let mut item_key = String::new();
            for (n, w) in toks[i..=end].iter().step_by(2).enumerate() {
                let k = key(w.text);
                if n > 0 {
                    item_key.push('-');
                }
                if end == i {
                    item_key.clone_from(&k);
                } else {
                    item_key.push_str(&k);
                }
                parts.push(Part {
                    item: index,
                    key: k,
                    cap: w.text.chars().next().is_some_and(char::is_uppercase),
                    last: false,
                });
            }
            if let Some(p) = parts.last_mut() {
                p.last = true;
            }
            let span = Span::new(t.span.start, toks[end].span.end);
            let text_of = span.of(text);
            items.push(Item {
                span,
                text: text_of,
                word: true,
                key: item_key,
                cap: text_of.chars().next().is_some_and(char::is_uppercase),
                poss: text_of.len() > 2 && text_of.ends_with("'s"),
            });
            i = end + 1;
        }
        Sent { text, items, parts, first_part }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The item at `i`, if any.
    pub fn get(&self, i: usize) -> Option<&Item<'a>> {
        self.items.get(i)
    }

    /// Whether the item at `i` is the punctuation mark `p`.
    pub fn is(&self, i: usize, p: &str) -> bool {
        self.items.get(i).is_some_and(|it| !it.word && it.text == p)
    }

    /// Whether the item at `i` is a word with key `k`.
    pub fn is_word(&self, i: usize, k: &str) -> bool {
        self.items.get(i).is_some_and(|it| it.word && it.key == k)
    }

    /// Whether the item at `i` is a word starting with an uppercase letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.items.get(i).is_some_and(|it| it.word && it.cap)
    }

    /// The span from the start of item `first` to the end of item `last`.
    pub fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.items[first].span.start, self.items[last].span.end)
    }

    /// Like [`Sent::span`] without a final possessive `'s`.
    pub fn bare_span(&self, first: usize, last: usize) -> Span {
        Span::new(self.items[first].span.start, self.items[last].bare_span().end)
    }

    /// The keys of the hyphen-separated parts of item `i`.
    pub fn parts_of(&self, i: usize) -> impl Iterator<Item = &str> {
        let start = self.first_part[i];
        let end = self.first_part.get(i + 1).copied().unwrap_or(self.parts.len());
        self.parts[start..end].iter().map(|p| p.key.as_str())
    }
}

/// How a phrase's letter case must agree with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// A word capitalised in the spelling must be capitalised in the text.
    Sensitive,
    /// Any case.
    Insensitive,
}

#[derive(Debug, Clone)]
struct Pattern<T> {
    parts: Vec<(String, bool)>,
    /// A short one-word spelling ("US", "PM", "Gen") only matches as
    /// written (or, when case matters, in capitals): "us" and "gen" are
    /// words.
    exact: Option<String>,
    value: T,
}

/// Phrases to find in sentences, each with a value.
#[derive(Debug, Clone)]
pub(super) struct Phrases<T> {
    first: HashMap<String, Vec<Pattern<T>>>,
    case: Case,
    /// Punctuation ignored in spellings and text ("." of "Lt.", the
    /// brackets of "Minister of State (Defence)").
    skip: &'static [&'static str],
}

impl<T> Phrases<T> {
    /// An empty matcher.
    pub fn new(case: Case, skip: &'static [&'static str]) -> Phrases<T> {
        Phrases { first: HashMap::default(), case, skip }
    }

    /// Adds a spelling. Spellings with no word are ignored.
    pub fn add(&mut self, spelling: &str, value: T) {
        let s = Sent::new(spelling);
        let parts: Vec<(String, bool)> =
            s.parts.iter().filter(|p| !self.skip.contains(&p.key.as_str())).map(|p| (p.key.clone(), p.cap)).collect();
        let Some(first) = parts.first().map(|p| p.0.clone()) else { return };
        let words: Vec<&Item> = s.items.iter().filter(|i| i.word).collect();
        let exact = (parts.len() == 1 && words.len() == 1 && words[0].text.chars().count() <= 4)
            .then(|| words[0].text.to_string());
        let list = self.first.entry(first).or_default();
        list.push(Pattern { parts, exact, value });
        list.sort_by_key(|p| std::cmp::Reverse(p.parts.len()));
    }

    /// The phrases matching at the start of item `i`, longest first, as
    /// (end item, exclusive; value).
    pub fn at<'s>(&'s self, s: &Sent, i: usize) -> Vec<(usize, &'s T)> {
        match s.first_part.get(i) {
            Some(&p) => self.at_part(s, p, i),
            None => Vec::new(),
        }
    }

    /// Like [`Phrases::at`], starting at the second part of item `i` (the
    /// "Prime" of "ex-Prime Minister").
    pub fn at_second_part<'s>(&'s self, s: &Sent, i: usize) -> Vec<(usize, &'s T)> {
        let p = s.first_part[i] + 1;
        if s.parts.get(p).is_some_and(|part| part.item == i) {
            self.at_part(s, p, i)
        } else {
            Vec::new()
        }
    }

    fn at_part<'s>(&'s self, s: &Sent, start: usize, item: usize) -> Vec<(usize, &'s T)> {
        let Some(candidates) = self.first.get(&s.parts[start].key) else { return Vec::new() };
        let mut out = Vec::new();
        for pat in candidates {
            if let Some(exact) = &pat.exact {
                let it = &s.items[item];
                let text = it.bare();
                let upper = self.case == Case::Sensitive && text.chars().count() > 1 && *text == exact.to_uppercase();
                if s.parts[start].item != item || s.first_part[item] != start || !(text == exact || upper) {
                    continue;
                }
                if s.parts[start].last {
                    out.push((item + 1, &pat.value));
                }
                continue;
            }
            let mut p = start;
            let mut ok = true;
            for (k, cap) in &pat.parts {
                while s.parts.get(p).is_some_and(|q| self.skip.contains(&q.key.as_str()) && q.key != *k) {
                    p += 1;
                }
                let Some(q) = s.parts.get(p) else {
                    ok = false;
                    break;
                };
                if q.key != *k || (self.case == Case::Sensitive && *cap && !q.cap) {
                    ok = false;
                    break;
                }
                p += 1;
            }
            if ok && s.parts[p - 1].last {
                out.push((s.parts[p - 1].item + 1, &pat.value));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_join_hyphens_and_mark_possessives() {
        let s = Sent::new("Bashar al-Assad met India's Secretary-General, Jean-Luc.");
        let texts: Vec<&str> = s.items.iter().map(|i| i.text).collect();
        assert_eq!(texts, vec!["Bashar", "al-Assad", "met", "India's", "Secretary-General", ",", "Jean-Luc", "."]);
        assert!(s.items[3].poss && s.items[3].key == "india");
        assert_eq!(s.items[4].key, "secretary-general");
    }

    #[test]
    fn phrases_match_on_item_boundaries() {
        let mut p = Phrases::new(Case::Sensitive, &["."]);
        p.add("India", 1);
        p.add("Secretary General", 2);
        p.add("US", 3);
        let s = Sent::new("India-Russia ties and India's UN Secretary-General and us and the US");
        assert!(p.at(&s, 0).is_empty(), "not inside India-Russia");
        assert_eq!(p.at(&s, 3), vec![(4, &1)]);
        assert_eq!(p.at(&s, 5), vec![(6, &2)]);
        assert!(p.at(&s, 7).is_empty(), "us is a word");
        assert_eq!(p.at(&s, 10), vec![(11, &3)]);
    }
}
