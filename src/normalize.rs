//! Normalisation for matching: a copy of a document's text with curly quotes
//! made straight, every dash made `-`, NBSP and other spaces made ` `, and
//! Unicode NFC applied, together with a map from every byte of the copy back
//! to the bytes of the original file.
//!
//! The copy is only ever *read* by the later stages; every span they report
//! is mapped back through [`Normalized::original`], so reports always point
//! into the file the user gave.

use crate::span::Span;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Normalised text plus the way back to the original bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the original byte range of the character
    /// cluster it came from.
    origin: Vec<(u32, u32)>,
}

impl Normalized {
    /// Normalises characters given with the original byte range each one
    /// came from (for a plain file the character's own range; for a JSON
    /// string, the range of its escape sequence in the file).
    pub fn new(chars: impl IntoIterator<Item = (char, Span)>) -> Normalized {
        let chars = chars.into_iter();
        // Room for the text at once (about a byte a character).
        let (at_least, _) = chars.size_hint();
        let mut b = Builder::with_capacity(at_least);
        for (c, span) in chars {
            b.push(c, span);
        }
        b.finish()
    }

    /// Normalises plain text, whose own byte offsets are the original ones.
    pub fn plain(text: &str) -> Normalized {
        let bytes = text.as_bytes();
        let mut b = Builder::with_capacity(text.len());
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii() {
                i += 1;
            }
            if i > start {
                b.push_ascii(&text[start..i], start);
                continue;
            }
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            b.push(c, Span::new(i, i + c.len_utf8()));
            i += c.len_utf8();
        }
        b.finish()
    }

    fn push_cluster(&mut self, cluster: &str, range: Span) {
        let start = self.text.len();
        if let &[b] = cluster.as_bytes() {
            // One ASCII character, the common case: it stays as it is.
            self.text.push(char::from(b));
            self.origin.push((range.start as u32, range.end as u32));
            return;
        }
        if cluster.is_ascii() {
            self.text.push_str(cluster);
        } else {
            // Byte-order marks, zero-width spaces and soft hyphens are
            // invisible: they go, so "Dec\u{ad}ember" and a BOM before a
            // dateline still match.
            for c in cluster
                .nfc()
                .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}'))
            {
                self.text.push(fold(c));
            }
        }
        let r = (range.start as u32, range.end as u32);
        self.origin.resize(self.text.len(), r);
        debug_assert!(self.origin.len() >= start);
    }

    /// Maps a span of the normalised text back to the original bytes.
    ///
    /// An empty span maps to the empty span where its byte came from.
    pub fn original(&self, span: Span) -> Span {
        if self.origin.is_empty() {
            return Span::default();
        }
        let last = self.origin.len() - 1;
        if span.is_empty() {
            let at = if span.start > last { self.origin[last].1 } else { self.origin[span.start].0 };
            return Span::new(at as usize, at as usize);
        }
        let start = self.origin[span.start.min(last)].0 as usize;
        let end = self.origin[(span.end - 1).min(last)].1 as usize;
        Span::new(start, end.max(start))
    }
}

/// Builds a [`Normalized`] text character by character, or a run of
/// ASCII characters at a time: what [`Normalized::new`] does, with a fast
/// path for the common case of plain ASCII text whose bytes are their own
/// original bytes.
#[derive(Debug, Default)]
pub struct Builder {
    out: Normalized,
    /// The cluster being read: a starter and the combining marks after it.
    cluster: String,
    /// Its original range, once it has a character.
    range: Option<Span>,
}

impl Builder {
    /// A builder with room for about `chars` characters.
    pub fn with_capacity(chars: usize) -> Builder {
        let mut b = Builder::default();
        b.out.text.reserve(chars);
        b.out.origin.reserve(chars);
        b
    }

    /// Adds a character that came from the original bytes `span`.
    pub fn push(&mut self, c: char, span: Span) {
        // A cluster is a starter and the combining marks after it: NFC only
        // ever rewrites within one, so mapping a whole cluster to its
        // original range keeps every mapped span on original char boundaries.
        // Every ASCII character is a starter (class 0): no lookup.
        if c.is_ascii() || canonical_combining_class(c) == 0 {
            if let Some(r) = self.range.take() {
                self.out.push_cluster(&self.cluster, r);
            }
            self.cluster.clear();
        }
        self.cluster.push(c);
        self.range = Some(match self.range {
            Some(r) => Span::new(r.start, span.end),
            None => span,
        });
    }

    /// Adds ASCII characters, each from its own original byte: `run`'s
    /// bytes from original offset `start` on. The same as pushing them one
    /// by one: every ASCII character is a starter and a cluster of its own
    /// (the last one may still gain combining marks), and stays as it is.
    pub fn push_ascii(&mut self, run: &str, start: usize) {
        debug_assert!(run.is_ascii());
        let Some((&last, head)) = run.as_bytes().split_last() else {
            return;
        };
        if let Some(r) = self.range.take() {
            self.out.push_cluster(&self.cluster, r);
        }
        self.out.text.push_str(&run[..head.len()]);
        self.out.origin.extend((start..start + head.len()).map(|k| (k as u32, k as u32 + 1)));
        let at = start + head.len();
        self.cluster.clear();
        self.cluster.push(char::from(last));
        self.range = Some(Span::new(at, at + 1));
    }

    /// The normalised text.
    pub fn finish(mut self) -> Normalized {
        if let Some(r) = self.range.take() {
            self.out.push_cluster(&self.cluster, r);
        }
        self.out
    }
}

/// Runs of whitespace made one space: two copies of a paragraph that
/// differ only in spacing read the same.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A text as [`collapse`] would give it, for hashing and comparing without
/// building the collapsed copy: two are equal when their collapsed texts
/// are. Its hash is computed once.
#[derive(Debug, Clone, Copy)]
pub struct Collapsed<'a> {
    text: &'a str,
    hash: u64,
}

impl<'a> Collapsed<'a> {
    /// The collapsed form of `text`.
    pub fn new(text: &'a str) -> Collapsed<'a> {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        for word in words(text) {
            h.write(word.as_bytes());
            // Never a byte of UTF-8: words end where they end.
            h.write_u8(0xff);
        }
        Collapsed { text, hash: h.finish() }
    }
}

impl PartialEq for Collapsed<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Words hold no whitespace: the words agree when the texts joined
        // with one space do.
        self.hash == other.hash && (self.text == other.text || words(self.text).eq(words(other.text)))
    }
}

/// The words of a text as [`str::split_whitespace`] gives them, ASCII
/// bytes read without decoding.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // The whitespace character starting at byte `i`, if any: its length.
    let space = move |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b.is_ascii() {
            // `char::is_whitespace` of ASCII: these and the vertical tab.
            return matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r').then_some(1);
        }
        let c = text[i..].chars().next()?;
        c.is_whitespace().then(|| c.len_utf8())
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            match space(i) {
                Some(n) => i += n,
                None => break,
            }
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && space(i).is_none() {
            // Past the whole character: a continuation byte is no start.
            i += 1;
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        Some(&text[start..i])
    })
}

impl Eq for Collapsed<'_> {}

impl std::hash::Hash for Collapsed<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// [`collapse`]d and lowercased: the key a rules word is looked up by.
pub fn fold_words(s: &str) -> String {
    if s.chars().any(char::is_whitespace) {
        collapse(s).to_lowercase()
    } else {
        // One word (the usual case): nothing to collapse; an ASCII one
        // lowercases byte by byte, to the same string.
        if s.is_ascii() {
            s.to_ascii_lowercase()
        } else {
            s.to_lowercase()
        }
    }
}

/// Folds one character for matching: quotes, dashes and spaces.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}'
        | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}'
        | '\u{2007}'
        | '\u{202F}'
        | '\u{2000}'..='\u{2006}'
        | '\u{2008}'
        | '\u{2009}'
        | '\u{200A}'
        | '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_dashes_and_spaces() {
        let n = Normalized::plain("‘We’ve’ — “SCO”\u{a0}4–5");
        assert_eq!(n.text, "'We've' - \"SCO\" 4-5");
    }

    #[test]
    fn spans_map_back_to_original_bytes() {
        let original = "“June 2025,” he said";
        let n = Normalized::plain(original);
        let at = n.text.find("June 2025").unwrap();
        let back = n.original(Span::new(at, at + "June 2025".len()));
        assert_eq!(back.of(original), "June 2025");
        let quoted = n.original(Span::new(0, n.text.find(',').unwrap() + 2));
        assert_eq!(quoted.of(original), "“June 2025,”");
    }

    #[test]
    fn nfc_composes_and_keeps_boundaries() {
        let original = "Cafe\u{301} Zu\u{308}rich";
        let n = Normalized::plain(original);
        assert_eq!(n.text, "Café Zürich");
        let z = n.text.find('Z').unwrap();
        let back = n.original(Span::new(z, n.text.len()));
        assert_eq!(back.of(original), "Zu\u{308}rich");
        let e = n.text.find('é').unwrap();
        assert_eq!(n.original(Span::new(e, e + 'é'.len_utf8())).of(original), "e\u{301}");
    }

    #[test]
    fn invisible_characters_go() {
        let original = "\u{feff}Dec\u{ad}ember 4";
        let n = Normalized::plain(original);
        assert_eq!(n.text, "December 4");
        assert_eq!(n.original(Span::new(0, n.text.len())).of(original), "Dec\u{ad}ember 4");
    }

    #[test]
    fn empty_text_maps_to_empty() {
        let n = Normalized::plain("");
        assert_eq!(n.original(Span::new(0, 0)), Span::new(0, 0));
    }

    #[test]
    fn collapse_and_fold_words_join_words_with_one_space() {
        assert_eq!(collapse("  Sea \n\t Point\u{a0} "), "Sea Point");
        assert_eq!(collapse(""), "");
        assert_eq!(fold_words("Sea\u{2003}POINT"), "sea point");
        assert_eq!(fold_words("ΟΔΟΣ"), "ΟΔΟΣ".to_lowercase());
    }

    proptest::proptest! {
        /// The fast paths give what the plain definitions give, and every
        /// mapped span stays on the original's character boundaries.
        #[test]
        fn fast_paths_agree_on_any_input(text in "(?s)[a-zA-Z \t\n\r\u{b}\u{c}\u{85}\u{3000}.é\u{301}\u{308}\u{a0}\u{2003}\u{ad}\u{2019}\u{2014}ΣΔİ]{0,40}") {
            let words: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(collapse(&text), words.join(" "));
            proptest::prop_assert_eq!(super::words(&text).collect::<Vec<_>>(), words.clone());
            // Collapsed texts compare and hash as their collapse does.
            let other = words.join("\n ");
            proptest::prop_assert_eq!(Collapsed::new(&text), Collapsed::new(&other));
            let hash = |c: Collapsed| std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, c);
            proptest::prop_assert_eq!(hash(Collapsed::new(&text)), hash(Collapsed::new(&other)));
            let shorter = words.get(1..).unwrap_or_default().join(" ");
            proptest::prop_assert_eq!(Collapsed::new(&text) == Collapsed::new(&shorter), collapse(&text) == shorter);
            proptest::prop_assert_eq!(fold_words(&text), words.join(" ").to_lowercase());
            let n = Normalized::plain(&text);
            // The ASCII runs at once: what one character at a time gives.
            let slow = Normalized::new(text.char_indices().map(|(i, c)| (c, Span::new(i, i + c.len_utf8()))));
            proptest::prop_assert_eq!(&n, &slow);
            for end in 0..=n.text.len() {
                let back = n.original(Span::new(0, end));
                proptest::prop_assert!(text.is_char_boundary(back.start) && text.is_char_boundary(back.end));
            }
        }
    }
}
