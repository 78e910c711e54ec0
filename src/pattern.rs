//! Building regexes from word lists of `rules/`.

/// A regex group matching any entry of `words`, longest first (so that
/// "earlier this" wins over "earlier"), each entry escaped and the spaces
/// inside it matching any run of whitespace. Blank entries are skipped; an
/// empty list gives a group that never matches.
pub fn alternation<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> String {
    let mut parts: Vec<String> = words
        .into_iter()
        .filter_map(|w| {
            let w = w.as_ref();
            w.split_whitespace()
                .next()
                .is_some()
                .then(|| w.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
        })
        .collect();
    if parts.is_empty() {
        return r"(?:\b\B)".to_string();
    }
    parts.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    parts.dedup();
    format!("(?:{})", parts.join("|"))
}

/// The same group as [`alternation`], written as a trie of its entries
/// ("(?:jan(?:uary)?|ju(?:ly|ne))"): the same matches with the same
/// preferences, but a backtracking engine tries one branch a letter instead
/// of every entry in turn, which is what finding the groups of a match
/// costs with lists of many words.
///
/// Same preferences: branches that leave one node differ in their next
/// letter, so at most one of them can go on matching (even ASCII
/// case-insensitively); an entry that is a prefix of another is an optional
/// tail, tried longest first, as [`alternation`] orders them. Where that
/// does not hold (letters other than ASCII, which fold in other ways; two
/// branches differing only in ASCII case) it falls back on [`alternation`].
pub fn factored<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> String {
    #[derive(Default)]
    struct Node {
        end: bool,
        /// By next atom: a byte of a word, or `None` for the run of
        /// whitespace between two words.
        next: Vec<(Option<u8>, Node)>,
    }
    fn emit(node: &Node, out: &mut String) {
        let tails = node.next.len();
        if tails == 0 {
            return;
        }
        let group = tails > 1 || node.end;
        if group {
            out.push_str("(?:");
        }
        for (k, (atom, child)) in node.next.iter().enumerate() {
            if k > 0 {
                out.push('|');
            }
            match atom {
                Some(b) => out.push_str(&regex::escape(&char::from(*b).to_string())),
                None => out.push_str(r"\s+"),
            }
            emit(child, out);
        }
        if group {
            out.push(')');
        }
        if node.end {
            out.push('?');
        }
    }
    let words: Vec<String> = words.into_iter().map(|w| w.as_ref().to_string()).collect();
    let mut root = Node::default();
    for w in &words {
        if !w.is_ascii() {
            return alternation(&words);
        }
        let mut node = &mut root;
        let mut any = false;
        for (i, part) in w.split_whitespace().enumerate() {
            let atoms = (i > 0).then_some(None).into_iter().chain(part.bytes().map(Some));
            for atom in atoms {
                let at = match node.next.iter().position(|(a, _)| *a == atom) {
                    Some(at) => at,
                    None => {
                        let clash = node.next.iter().any(|(a, _)| match (a, atom) {
                            (Some(a), Some(b)) => a.eq_ignore_ascii_case(&b),
                            _ => false,
                        });
                        if clash {
                            return alternation(&words);
                        }
                        node.next.push((atom, Node::default()));
                        node.next.len() - 1
                    }
                };
                node = &mut node.next[at].1;
                any = true;
            }
        }
        node.end |= any;
    }
    if root.next.is_empty() {
        return alternation(&words);
    }
    let mut out = String::from("(?:");
    emit(&root, &mut out);
    out.push(')');
    out
}

/// A compiled regex whose groups a match's [`Caps`] finds by name with a
/// look through a short list instead of hashing the name (the `regex`
/// crate's own lookup, a SipHash a call, was a tenth of the time finder's
/// work). Everything else is the [`regex::Regex`] it derefs to.
#[derive(Debug, Clone)]
pub struct Re {
    re: regex::Regex,
    /// The named groups and their indices.
    names: Box<[(Box<str>, usize)]>,
}

impl Re {
    /// Compiles `src`, as [`regex::Regex::new`].
    pub fn new(src: &str) -> Result<Re, regex::Error> {
        let re = regex::Regex::new(src)?;
        let names = re.capture_names().enumerate().filter_map(|(i, n)| Some((Box::from(n?), i))).collect();
        Ok(Re { re, names })
    }

    /// The groups of the leftmost-first match in `haystack`.
    pub fn captures<'a>(&'a self, haystack: &'a str) -> Option<Caps<'a>> {
        Some(Caps { caps: self.re.captures(haystack)?, names: &self.names })
    }

    /// The groups of every successive non-overlapping match in `haystack`.
    pub fn captures_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Caps<'a>> + 'a {
        self.re.captures_iter(haystack).map(|caps| Caps { caps, names: &self.names })
    }
}

impl std::ops::Deref for Re {
    type Target = regex::Regex;

    fn deref(&self) -> &regex::Regex {
        &self.re
    }
}

/// The groups of one match of a [`Re`].
#[derive(Debug)]
pub struct Caps<'a> {
    caps: regex::Captures<'a>,
    names: &'a [(Box<str>, usize)],
}

impl<'a> Caps<'a> {
    /// The group at `i` (0: the whole match), when it took part.
    pub fn get(&self, i: usize) -> Option<regex::Match<'a>> {
        self.caps.get(i)
    }

    /// The group named `name`, when there is one and it took part.
    pub fn name(&self, name: &str) -> Option<regex::Match<'a>> {
        // Names are a few letters: compared inline, not by `memcmp`.
        let &(_, i) = self.names.iter().find(|(n, _)| n.len() == name.len() && n.bytes().eq(name.bytes()))?;
        self.caps.get(i)
    }
}

/// A word that a gated pattern needs ([`Gates`]), and whether it must start
/// or end a word of the text: the byte before (after) it, when it is a
/// letter (`start`, `end`), must not be an ASCII letter. Only sound where the
/// pattern puts a word boundary, a space or a hyphen there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The word, matched ASCII case-insensitively anywhere in the text.
    pub word: String,
    /// Not glued to a letter before it.
    pub start: bool,
    /// Not glued to a letter after it.
    pub end: bool,
}

impl Need {
    /// A word needed anywhere, glued to anything.
    pub fn anywhere(word: impl Into<String>) -> Need {
        Need { word: word.into(), start: false, end: false }
    }

    /// A word needed as a whole word (`start` and `end`).
    pub fn word(word: impl Into<String>) -> Need {
        Need { word: word.into(), start: true, end: true }
    }
}

/// Tells in one pass over a text which of up to 64 patterns can match it:
/// pattern `i` needs one of the words `needs[i]` somewhere in the text
/// (ASCII case-insensitively). Skipping the patterns that cannot match is
/// far cheaper than running them.
///
/// Two tables: one for ASCII text, where a pattern's `(?i)` is ASCII case
/// folding and `\d` an ASCII digit, so that tight words are sound (the
/// rarest word of a phrase, a digit and a colon for a clock time); and one
/// for other text, where the Kelvin sign matches a `k` and a long s an `s`.
#[derive(Debug, Clone)]
pub struct Gates {
    ascii: Table,
    /// `None`: on non-ASCII text every pattern is open.
    other: Option<Table>,
}

/// One automaton of words and the patterns each opens.
#[derive(Debug, Clone)]
struct Table {
    words: aho_corasick::dfa::DFA,
    /// Per word: the patterns it opens, its length and its edge checks.
    entries: Vec<Entry>,
    /// What it was built from, for [`Joined`].
    needs: Vec<Vec<Need>>,
}

#[derive(Debug, Clone)]
struct Entry {
    mask: u64,
    len: usize,
    start: bool,
    end: bool,
}

impl Table {
    fn new(needs: &[Vec<Need>]) -> Result<Table, String> {
        if needs.len() > 64 {
            return Err(format!("{} patterns to gate; at most 64", needs.len()));
        }
        let mut words: Vec<(String, bool, bool)> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for (i, need) in needs.iter().enumerate() {
            for n in need.iter().filter(|n| !n.word.is_empty()) {
                let w = n.word.to_ascii_lowercase();
                // Edge checks only next to letters of the word itself.
                let start = n.start && w.starts_with(|c: char| c.is_ascii_alphabetic());
                let end = n.end && w.ends_with(|c: char| c.is_ascii_alphabetic());
                let key = (w, start, end);
                match words.iter().position(|x| *x == key) {
                    Some(j) => entries[j].mask |= 1 << i,
                    None => {
                        entries.push(Entry { mask: 1 << i, len: key.0.len(), start, end });
                        words.push(key);
                    }
                }
            }
        }
        // A full DFA: one table lookup a byte.
        let words = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .build(words.iter().map(|(w, _, _)| w))
            .map_err(|e| format!("cannot build the word gates: {e}"))?;
        Ok(Table { words, entries, needs: needs.to_vec() })
    }

    /// Bit `i` is set when pattern `i` can match `text` (every overlapping
    /// occurrence of every word is seen).
    fn open(&self, text: &str) -> u64 {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        let dfa = &self.words;
        let Ok(mut sid) = dfa.start_state(Anchored::No) else { return u64::MAX };
        let bytes = text.as_bytes();
        let mut open = 0;
        for (i, &b) in bytes.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if !dfa.is_special(sid) {
                continue;
            }
            if dfa.is_dead(sid) {
                break;
            }
            if !dfa.is_match(sid) {
                continue;
            }
            for k in 0..dfa.match_len(sid) {
                let e = &self.entries[dfa.match_pattern(sid, k).as_usize()];
                let begin = i + 1 - e.len;
                if e.start && begin > 0 && bytes[begin - 1].is_ascii_alphabetic() {
                    continue;
                }
                if e.end && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                    continue;
                }
                open |= e.mask;
            }
        }
        open
    }
}

/// The first word of each phrase, needed anywhere: what a pattern that
/// matches any run of whitespace between the words of a phrase ("at\npresent")
/// needs on any text.
fn first_words(needs: &[Vec<String>]) -> Vec<Vec<Need>> {
    needs
        .iter()
        .map(|need| need.iter().filter_map(|w| w.split_whitespace().next()).map(Need::anywhere).collect())
        .collect()
}

impl Gates {
    /// Gates opening on the first word of a phrase, anywhere, on any text.
    pub fn new(needs: &[Vec<String>]) -> Result<Gates, String> {
        let table = Table::new(&first_words(needs))?;
        Ok(Gates { ascii: table.clone(), other: Some(table) })
    }

    /// Gates opening on `ascii` words on ASCII text and on the first words
    /// of `other` on any other text ([`Gates::new`]).
    pub fn split(ascii: &[Vec<Need>], other: &[Vec<String>]) -> Result<Gates, String> {
        Ok(Gates { ascii: Table::new(ascii)?, other: Some(Table::new(&first_words(other))?) })
    }

    /// Gates opening on `ascii` words on ASCII text; on any other text every
    /// pattern is open.
    pub fn ascii_only(ascii: &[Vec<Need>]) -> Result<Gates, String> {
        Ok(Gates { ascii: Table::new(ascii)?, other: None })
    }

    /// Bit `i` is set when pattern `i` can match `text`.
    pub fn open(&self, text: &str) -> u64 {
        if text.is_ascii() {
            return self.ascii.open(text);
        }
        self.other.as_ref().map_or(u64::MAX, |t| t.open(text))
    }
}

/// Two sets of [`Gates`] read in one pass over an ASCII text (the date and
/// the time finder's, for the tagger): the same bits as each would give,
/// at half the cost.
#[derive(Debug, Clone)]
pub struct Joined {
    both: Table,
    /// How many patterns the first set gates.
    split: usize,
}

impl Joined {
    /// Joins `a` and `b`; an error when they gate more than 64 patterns
    /// together.
    pub fn new(a: &Gates, b: &Gates) -> Result<Joined, String> {
        let needs: Vec<Vec<Need>> = a.ascii.needs.iter().chain(&b.ascii.needs).cloned().collect();
        Ok(Joined { both: Table::new(&needs)?, split: a.ascii.needs.len() })
    }

    /// `(a.open(text), b.open(text))` for an ASCII text; `None` for any
    /// other text, which each set reads on its own.
    pub fn open(&self, text: &str) -> Option<(u64, u64)> {
        if !text.is_ascii() {
            return None;
        }
        let both = self.both.open(text);
        let low = if self.split >= 64 { u64::MAX } else { (1u64 << self.split) - 1 };
        Some((both & low, both.checked_shr(self.split as u32).unwrap_or(0)))
    }
}

/// The word of a phrase to gate it on: the longest (the rarest, as a rule),
/// the last of equals.
pub fn gate_word(phrase: &str) -> &str {
    phrase.split_whitespace().fold("", |best, w| if w.len() >= best.len() { w } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_first_escaped_and_never_empty() {
        let re = regex::Regex::new(&format!("^{}$", alternation(["a.m.", "earlier this", "earlier", " "]))).unwrap();
        assert!(re.is_match("earlier  this") && re.is_match("a.m.") && !re.is_match("axmx"));
        let never = regex::Regex::new(&alternation(Vec::<String>::new())).unwrap();
        assert!(!never.is_match("anything at all"));
    }
}

#[cfg(test)]
mod gate_tests {
    use super::*;

    #[test]
    fn gates_open_on_their_words() {
        let gates = Gates::new(&[vec!["week".into(), "month".into()], vec![":".into()], vec!["Noon".into()]]).unwrap();
        assert_eq!(gates.open("for WEEKS on end"), 0b001);
        assert_eq!(gates.open("at noon, 10:30"), 0b110);
        assert_eq!(gates.open("nothing here"), 0);
        let phrase = Gates::new(&[vec!["at present".into()]]).unwrap();
        assert_eq!(phrase.open("at\n  present"), 1);
    }

    #[test]
    fn tight_gates_check_word_edges_on_ascii_text() {
        let gates = Gates::split(
            &[
                vec![Need::word("am")],
                vec![Need::anywhere("0:")],
                vec![Need { word: "day".into(), start: true, end: false }],
            ],
            &[vec!["am".into()], vec![":".into()], vec!["day".into()]],
        )
        .unwrap();
        assert_eq!(gates.open("the team met today"), 0);
        assert_eq!(gates.open("at 10 am, 10:30 days"), 0b111);
        assert_eq!(gates.open("AM"), 0b001);
        // Not ASCII: the loose gates.
        assert_eq!(gates.open("the team met today é"), 0b101);
        assert_eq!(Gates::ascii_only(&[vec![Need::word("x")]]).unwrap().open("é"), u64::MAX);
        assert_eq!(gate_word("the following year"), "following");
        assert_eq!(gate_word("these days"), "these");
    }

    #[test]
    fn joined_gates_give_each_set_its_bits() {
        let a =
            Gates::split(&[vec![Need::word("am")], vec![Need::anywhere("0:")]], &[vec!["am".into()], vec![":".into()]])
                .unwrap();
        let b =
            Gates::ascii_only(&[vec![Need::word("day")], vec![Need::anywhere("am")], vec![Need::word("x")]]).unwrap();
        let joined = Joined::new(&a, &b).unwrap();
        for text in ["", "at 10 am, 10:30 days", "today", "one day X", "AM:", "the team met today"] {
            assert_eq!(joined.open(text), Some((a.open(text), b.open(text))), "{text:?}");
        }
        assert_eq!(joined.open("é day"), None);
        let many: Vec<Vec<Need>> = (0..40).map(|i| vec![Need::word(format!("w{i}"))]).collect();
        let big = Gates::ascii_only(&many).unwrap();
        assert!(Joined::new(&big, &big).is_err());
    }

    #[test]
    fn gates_see_overlapping_words() {
        let words = ["he", "she", "hers", "his", "e", "s"];
        let needs: Vec<Vec<String>> = words.iter().map(|w| vec![w.to_string()]).collect();
        let gates = Gates::new(&needs).unwrap();
        for text in ["ushers", "she", "his hers", "x", "", "HE SAID"] {
            let want = words
                .iter()
                .enumerate()
                .filter(|(_, w)| text.to_ascii_lowercase().contains(*w))
                .fold(0u64, |m, (i, _)| m | 1 << i);
            assert_eq!(gates.open(text), want, "{text}");
        }
    }
}

#[cfg(test)]
mod factored_tests {
    use super::*;

    /// Every match of `factored` is the match of `alternation`, at every
    /// start, with whatever follows the group.
    fn same(words: &[&str], texts: &[&str]) {
        for tail in ["", r"\b", r"\s+year", "(?:s|es)?"] {
            for flags in ["", "(?i)"] {
                let a = regex::Regex::new(&format!("{flags}{}{tail}", alternation(words))).unwrap();
                let f = regex::Regex::new(&format!("{flags}{}{tail}", factored(words))).unwrap();
                for t in texts {
                    for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                        let (x, y) = (a.find_at(t, at), f.find_at(t, at));
                        assert_eq!(
                            x.map(|m| m.range()),
                            y.map(|m| m.range()),
                            "{words:?} {tail:?} {flags} {t:?} at {at}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn groups_by_name_as_the_regex_finds_them() {
        let src = r"(?P<a>\d+)(?:-(?P<b>\d+))?(?P<c>x)?|(?P<d>[a-z]+)";
        let (re, plain) = (Re::new(src).unwrap(), regex::Regex::new(src).unwrap());
        for text in ["12-34x ab 5", "", "é 7-", "zz"] {
            let ours: Vec<Caps> = re.captures_iter(text).collect();
            let theirs: Vec<regex::Captures> = plain.captures_iter(text).collect();
            assert_eq!(ours.len(), theirs.len());
            for (o, t) in ours.iter().zip(&theirs) {
                for n in ["a", "b", "c", "d", "e", ""] {
                    assert_eq!(o.name(n).map(|m| m.range()), t.name(n).map(|m| m.range()), "{text:?} {n}");
                }
                assert_eq!(o.get(0).map(|m| m.range()), t.get(0).map(|m| m.range()));
            }
            assert_eq!(
                re.captures(text).map(|c| c.get(0).map(|m| m.range())),
                plain.captures(text).map(|c| c.get(0).map(|m| m.range()))
            );
            assert_eq!(re.is_match(text), plain.is_match(text));
        }
        assert!(Re::new("(").is_err());
    }

    #[test]
    fn factored_groups_match_as_the_plain_ones() {
        let texts = [
            "earlier this year, earlier  this  week and earlier",
            "January June July Jan. ju JUNE june\u{212A} jul ſ",
            "a.m. am AM a.mx pm p.m.",
            "the past year the past  years the pastry",
            "",
            "é ü 日本 weeks week weekend",
        ];
        same(&["earlier this", "earlier", "earlier this year"], &texts);
        same(&["January", "June", "July", "Jan", "Jun", "Jul"], &texts);
        same(&["a.m.", "am", "p.m.", "pm"], &texts);
        same(&["the past", "past", "the past year", "pastry"], &texts);
        same(&["week", "weekend", "weeks", "k", "s"], &texts);
        // Falls back: not ASCII, or branches differing in case only.
        same(&["é", "e"], &texts);
        same(&["May", "may"], &texts);
        assert_eq!(factored(["May", "may"]), alternation(["May", "may"]));
        assert_eq!(factored(Vec::<String>::new()), alternation(Vec::<String>::new()));
        assert_eq!(factored([" ", ""]), alternation([" ", ""]));
        assert_eq!(factored(["ab", "a", "ac"]), "(?:a(?:b|c)?)");
    }
}

#[cfg(test)]
mod properties {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 96, ..Default::default() })]

        /// `factored` finds what `alternation` finds, at every start, case
        /// folded or not, on any text (the Kelvin sign, the long s and
        /// combining marks included).
        #[test]
        fn factored_is_alternation(
            words in proptest::collection::vec("[abcAB .'-]{0,5}", 0..7),
            text in "[abcABK\u{212A}\u{17F}s \n.'é\u{301}-]{0,24}",
        ) {
            for (flags, tail) in [("", ""), ("(?i)", ""), ("(?i)", r"\b"), ("", r"\s+b")] {
                let a = regex::Regex::new(&format!("{flags}{}{tail}", alternation(&words))).unwrap();
                let f = regex::Regex::new(&format!("{flags}{}{tail}", factored(&words))).unwrap();
                for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    proptest::prop_assert_eq!(a.find_at(&text, at).map(|m| m.range()), f.find_at(&text, at).map(|m| m.range()));
                }
            }
        }

        /// Joined gates give each set the bits it gives alone.
        #[test]
        fn joined_gates_are_each_set(
            a in proptest::collection::vec(proptest::collection::vec(("[ab0:]{1,3}", proptest::bool::ANY, proptest::bool::ANY), 0..3), 0..5),
            b in proptest::collection::vec(proptest::collection::vec(("[ab0:]{1,3}", proptest::bool::ANY, proptest::bool::ANY), 0..3), 0..5),
            text in "[abAB0: é\u{301}]{0,30}",
        ) {
            let needs = |v: &Vec<Vec<(String, bool, bool)>>| -> Vec<Vec<Need>> {
                v.iter().map(|n| n.iter().map(|(w, start, end)| Need { word: w.clone(), start: *start, end: *end }).collect()).collect()
            };
            let (a, b) = (Gates::ascii_only(&needs(&a)).unwrap(), Gates::ascii_only(&needs(&b)).unwrap());
            let joined = Joined::new(&a, &b).unwrap();
            match joined.open(&text) {
                Some(bits) => proptest::prop_assert_eq!(bits, (a.open(&text), b.open(&text))),
                None => proptest::prop_assert!(!text.is_ascii()),
            }
        }
    }

    #[test]
    fn odd_text_never_trips_the_gates() {
        let a = Gates::split(
            &[vec![Need::word("week")], vec![Need::anywhere("0:")]],
            &[vec!["week".into()], vec![":".into()]],
        )
        .unwrap();
        let b = Gates::ascii_only(&[vec![Need::word("day")]]).unwrap();
        let joined = Joined::new(&a, &b).unwrap();
        let long = "w".repeat(100_000) + "eek " + &"9".repeat(50_000) + "0:";
        for text in ["", " ", "week\u{301}", "e\u{301}week", "\u{0}week\u{0}", long.as_str()] {
            if let Some(bits) = joined.open(text) {
                assert_eq!(bits, (a.open(text), b.open(text)), "{:?}", &text[..text.len().min(20)]);
            }
        }
        assert_eq!(joined.open(&long), Some((0b10, 0)));
        assert_eq!(joined.open("a week, a day"), Some((0b01, 0b1)));
    }
}
