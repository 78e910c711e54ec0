//! The words of an ASCII sentence, split once and shared by the finders'
//! hand parsers.
//!
//! A word here is what a regex's ASCII word boundary (`(?-u:\b)`) delimits:
//! a maximal run of ASCII letters, digits and underscores. On ASCII text a
//! pattern made of whole words (`\bJune\b`), runs of white space (`\s+`)
//! and single punctuation bytes can be matched word by word instead of
//! byte by byte: [`Tokens`] gives each word's bytes, the byte at which a
//! word starts (to step from a position to the word there) and the white
//! space test of the regex crate's `\s` on ASCII bytes.
//!
//! Only ASCII text is split: [`Tokens::new`] gives `None` otherwise, and the
//! callers keep their regexes for such (rare) sentences, where Unicode case
//! folding and white space make byte tests unsound.

use crate::span::Span;

/// The words of one ASCII sentence ([`crate::extract::tokens`]).
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    /// The words, in order.
    words: Vec<Span>,
}

/// Whether `b` is a word character of an ASCII word boundary.
pub fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word_byte`] as a table: one load a byte.
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// Whether `b` is white space as the regex crate's `\s` sees an ASCII byte
/// (tab, line feed, vertical tab, form feed, carriage return, space; not
/// quite [`u8::is_ascii_whitespace`], which leaves out the vertical tab).
pub fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

impl<'a> Tokens<'a> {
    /// Splits `text` into words, or `None` when it is not ASCII or too long
    /// (over 60,000 bytes: the callers' regexes take those).
    pub fn new(text: &'a str) -> Option<Tokens<'a>> {
        let b = text.as_bytes();
        if !text.is_ascii() || b.len() > 60_000 {
            return None;
        }
        let mut words = Vec::with_capacity(b.len() / 5 + 1);
        let mut i = 0;
        while i < b.len() {
            if !is_word_byte(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && is_word_byte(b[i]) {
                i += 1;
            }
            words.push(Span::new(start, i));
        }
        Some(Tokens { text, words })
    }

    /// The sentence.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The words, in order.
    pub fn words(&self) -> &[Span] {
        &self.words
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there is no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The text of word `k`.
    pub fn word(&self, k: usize) -> &'a str {
        self.words[k].of(self.text)
    }

    /// The word starting at byte `at`, if one does.
    pub fn at(&self, at: usize) -> Option<usize> {
        let k = self.from(at);
        (self.words.get(k)?.start == at).then_some(k)
    }

    /// The first word starting at or after byte `at`, or [`Tokens::len`].
    pub fn from(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.start < at)
    }

    /// The byte at `at`, if there is one.
    pub fn byte(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    /// The end of the run of white space (`\s+`) starting at `at`, when
    /// that run is not empty.
    pub fn space(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut i = at;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        (i > at).then_some(i)
    }

    /// The word starting right after the run of white space at `at`.
    pub fn word_after_space(&self, at: usize) -> Option<usize> {
        self.at(self.space(at)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_starts() {
        let t = Tokens::new("On Dec. 4th, 2025-26 _x9 it's").unwrap();
        let words: Vec<&str> = (0..t.len()).map(|k| t.word(k)).collect();
        assert_eq!(words, ["On", "Dec", "4th", "2025", "26", "_x9", "it", "s"]);
        assert_eq!(t.at(0), Some(0));
        assert_eq!(t.at(1), None);
        assert_eq!(t.at(3), Some(1));
        assert_eq!(t.from(4), 2);
        assert_eq!(t.from(1000), t.len());
        assert_eq!(t.space(2), Some(3));
        assert_eq!(t.space(3), None);
        assert_eq!(t.word_after_space(2), Some(1));
    }

    #[test]
    fn odd_input() {
        let empty = Tokens::new("").unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.at(0), None);
        assert_eq!(empty.from(0), 0);
        assert_eq!(empty.space(0), None);
        // Not ASCII (a combining mark, a non-ASCII letter): no tokens.
        assert!(Tokens::new("Cafe\u{301} on Monday").is_none());
        assert!(Tokens::new("Zürich").is_none());
        let long = "a".repeat(50_000);
        let t = Tokens::new(&long).unwrap();
        assert_eq!(t.len(), 1);
        assert!(Tokens::new(&"a ".repeat(40_000)).is_none());
        let glued = Tokens::new("10am\x0b5pm").unwrap();
        assert_eq!(glued.len(), 2);
        assert_eq!(glued.space(4), Some(5));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// The words are the runs a regex's ASCII word boundaries delimit,
        /// and `space` is `\s+`.
        #[test]
        fn words_are_the_regex_words(s in "[a-zA-Z0-9_ \t\x0b.,'-]{0,60}") {
            let t = Tokens::new(&s).unwrap();
            let re = regex::Regex::new(r"(?-u:\b)\w+(?-u:\b)").unwrap();
            let want: Vec<Span> = re.find_iter(&s).map(|m| Span::new(m.start(), m.end())).collect();
            proptest::prop_assert_eq!(t.words(), want.as_slice());
            let ws = regex::Regex::new(r"^\s+").unwrap();
            for at in 0..=s.len() {
                let want = ws.find(&s[at..]).map(|m| at + m.end());
                proptest::prop_assert_eq!(t.space(at), want);
            }
        }
    }
}
