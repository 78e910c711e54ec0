//! Stage 2, segment: paragraphs become sentences.
//!
//! Input: the normalised text of a document (curly quotes made straight,
//! dashes made `-`, NFC) and the paragraph ranges to segment. Output: the
//! sentence spans of each range, as byte spans into that same text, trimmed,
//! in order, never empty.
//!
//! A sentence ends at `.`, `!`, `?`, `…` or `...`, together with any closing
//! quotes and brackets right after it, when whitespace and then an uppercase
//! letter, a digit, an opening quote or an opening bracket follow. A single
//! `.` after an abbreviation, an initial or a dotted acronym is looked at
//! more closely, with the vocabulary of `rules/abbreviations.toml`. Nothing
//! inside a matched pair of `(...)` or `[...]` ends a sentence. A blank line
//! always ends one, and so does a line break before or after a list item or
//! a Markdown heading. One pass, linear in the length of the range.
//!
//! [`segment`] runs [`split`] over every kept paragraph of every document
//! and gives [`Sentence`]s with spans into the original file; a sentence that
//! repeats an earlier one of the same document is kept in the list (so the
//! report can say so) but marked, and is not read for claims.

use crate::document::Document;
use crate::span::Span;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The document it is in.
    pub doc: usize,
    /// Its position among the document's sentences.
    pub index: usize,
    /// Its bytes in the original file.
    pub span: Span,
    /// Its bytes in the document's normalised text.
    pub norm: Span,
    /// The earlier sentence of the same document it repeats word for word,
    /// if any (index into the run's sentences).
    pub duplicate_of: Option<usize>,
}

/// Splits every document's body into sentences, marking repeats.
pub fn segment(docs: &[Document], rules: &SegmentRules) -> Vec<Sentence> {
    let mut out = Vec::new();
    for doc in docs {
        let mut seen: HashMap<crate::normalize::Collapsed, usize> = HashMap::default();
        let mut index = 0;
        for range in &doc.body {
            for norm in split(&doc.norm.text, *range, rules) {
                let key = crate::normalize::Collapsed::new(norm.of(&doc.norm.text));
                let id = out.len();
                let duplicate_of = match seen.entry(key) {
                    std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(id);
                        None
                    }
                };
                out.push(Sentence { doc: doc.index, index, span: doc.norm.original(norm), norm, duplicate_of });
                index += 1;
            }
        }
    }
    out
}

/// Segmentation vocabulary, read from `rules/abbreviations.toml` by the
/// rules loader.
///
/// Entries are matched case-sensitively with their final period; an entry
/// of two or more letters that begins with a lowercase letter (`vs.`) also
/// matches with that letter capitalised (`Vs.`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRules {
    /// Abbreviations never ending a sentence on their own: "Gen.", "Dr.",
    /// "Mr.", "St.", "No.", "Lt.", "Col.", "Jan.", "Sept." ...
    pub abbreviations: Vec<String>,
    /// Abbreviations that end a sentence only when the next word is one of
    /// `sentence_starters`: "U.S.", "Inc.", "Ltd.", "Co.", "Jr.", "a.m.",
    /// "p.m.", "etc." ... Unlisted dotted abbreviations of short letter
    /// groups ("U.A.E.", "Ph.D.") are treated the same way.
    pub terminal_abbreviations: Vec<String>,
    /// Capitalised words that typically begin a sentence ("He", "The",
    /// "But", ...), used to decide after a terminal abbreviation or an
    /// initial.
    pub sentence_starters: Vec<String>,
    /// Examples a test runs through [`split`].
    #[serde(default)]
    pub examples: Vec<SegmentExample>,
}

/// One example of `rules/abbreviations.toml`: a text and the sentences it
/// must split into.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentExample {
    /// The text, split as one range.
    pub text: String,
    /// The sentences expected, in order, trimmed.
    pub sentences: Vec<String>,
}

/// Characters that end a sentence; runs of them (`...`, `?!`) count as one.
const TERMINATORS: &[char] = &['.', '!', '?', '…'];
/// Closing quotes and brackets that belong to the sentence they follow.
const CLOSERS: &[char] = &['"', '\'', ')', ']', '”', '’', '»'];
/// Opening quotes and brackets that may begin a sentence.
const OPENERS: &[char] = &['"', '\'', '(', '[', '“', '‘', '«'];
/// Markers of a list item at the start of a line, when a space follows.
const BULLETS: &[char] = &['-', '*', '+', '•', '·', '▪', '◦', '‣', '>'];

/// Splits `text[range]` into sentences.
///
/// Returns trimmed byte spans into `text` (absolute, not relative to
/// `range`), in order, never empty, never crossing `range`, always on char
/// boundaries. A range that is out of bounds is clipped to `text`, and one
/// that is not on char boundaries is narrowed to them.
pub fn split(text: &str, range: Span, rules: &SegmentRules) -> Vec<Span> {
    let Some((start, end)) = clip(text, range) else { return Vec::new() };
    let chars: Vec<(usize, char)> = text[start..end].char_indices().map(|(i, c)| (start + i, c)).collect();
    let splitter = Splitter { text, chars: &chars, end, sheltered: sheltered_gaps(&chars), rules };
    splitter.run()
}

/// The range narrowed to `text` and to char boundaries, or `None` when
/// nothing is left.
fn clip(text: &str, range: Span) -> Option<(usize, usize)> {
    let mut end = range.end.min(text.len());
    let mut start = range.start;
    if start >= end {
        return None;
    }
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

/// For every gap between two chars (gap `g` lies before char `g`), how many
/// matched bracket pairs enclose it. Unmatched brackets count for nothing,
/// and a blank line closes every bracket still open.
fn sheltered_gaps(chars: &[(usize, char)]) -> Vec<u32> {
    let n = chars.len();
    let mut delta = vec![0i64; n + 2];
    let mut stack: Vec<(usize, char)> = Vec::new();
    let (mut round, mut square) = (0usize, 0usize);
    let (mut seen_newline, mut line_has_text) = (false, false);
    for (i, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => {
                stack.push((i, c));
                if c == '(' {
                    round += 1;
                } else {
                    square += 1;
                }
            }
            ')' | ']' => {
                let want = if c == ')' { '(' } else { '[' };
                let open = if want == '(' { round } else { square };
                if open > 0 {
                    while let Some((o, oc)) = stack.pop() {
                        if oc == '(' {
                            round -= 1;
                        } else {
                            square -= 1;
                        }
                        if oc == want {
                            // Gaps o+1 ..= i lie inside the pair.
                            delta[o + 1] += 1;
                            delta[i + 1] -= 1;
                            break;
                        }
                    }
                }
            }
            '\n' => {
                if seen_newline && !line_has_text {
                    stack.clear();
                    round = 0;
                    square = 0;
                }
                seen_newline = true;
                line_has_text = false;
                continue;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            line_has_text = true;
        }
    }
    let mut depth = 0i64;
    delta[..=n]
        .iter()
        .map(|d| {
            depth += d;
            u32::try_from(depth).unwrap_or(0)
        })
        .collect()
}

/// One range being split.
struct Splitter<'a> {
    text: &'a str,
    /// The chars of the range with their absolute byte offsets.
    chars: &'a [(usize, char)],
    /// One past the last byte of the range.
    end: usize,
    /// Bracket depth of every gap, see [`sheltered_gaps`].
    sheltered: Vec<u32>,
    rules: &'a SegmentRules,
}

impl Splitter<'_> {
    fn run(&self) -> Vec<Span> {
        let chars = self.chars;
        let n = chars.len();
        let mut out = Vec::new();
        // The char where the current sentence starts (before trimming).
        let mut first = 0;
        let mut line_is_item = self.starts_item(self.skip_while(0, char::is_whitespace));
        let mut i = 0;
        while i < n {
            let c = chars[i].1;
            if c == '\n' {
                let next = self.skip_while(i + 1, |c| c.is_whitespace() && c != '\n');
                let blank = next < n && chars[next].1 == '\n';
                let next_is_item = !blank && self.starts_item(next);
                let indented = next > i + 1;
                if blank || next_is_item || (line_is_item && !indented) {
                    self.push(&mut out, first, i);
                    first = i + 1;
                    line_is_item = next_is_item;
                } else {
                    line_is_item = line_is_item || next_is_item;
                }
                i += 1;
                continue;
            }
            if !TERMINATORS.contains(&c) {
                i += 1;
                continue;
            }
            let run_end = self.skip_while(i, |c| TERMINATORS.contains(&c));
            let close_end = self.skip_while(run_end, |c| CLOSERS.contains(&c));
            let next = self.skip_while(close_end, char::is_whitespace);
            if next > close_end && next < n && self.ends_sentence(i, run_end, close_end, next) {
                self.push(&mut out, first, close_end);
                first = close_end;
            }
            // The whitespace after is walked by the loop, so that line
            // breaks in it are seen.
            i = close_end;
        }
        self.push(&mut out, first, n);
        out
    }

    /// Byte offset of char `i`, or the end of the range.
    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.end, |&(b, _)| b)
    }

    /// The first char at or after `i` that fails `keep`, or the end.
    fn skip_while(&self, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
        while i < self.chars.len() && keep(self.chars[i].1) {
            i += 1;
        }
        i
    }

    /// Adds chars `from..to`, trimmed, unless nothing is left.
    fn push(&self, out: &mut Vec<Span>, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let (a, b) = (self.byte(from), self.byte(to));
        let raw = &self.text[a..b];
        let lead = raw.len() - raw.trim_start().len();
        let kept = raw.trim();
        if !kept.is_empty() {
            out.push(Span::new(a + lead, a + lead + kept.len()));
        }
    }

    /// Whether the line starting at char `i` is a list item or a heading:
    /// `- `, `* `, `• `, `1. `, `2) `, `# `, `## `.
    fn starts_item(&self, i: usize) -> bool {
        let Some(&(_, c)) = self.chars.get(i) else { return false };
        let space_at = |j: usize| self.chars.get(j).is_some_and(|&(_, c)| c.is_whitespace());
        if c == '#' {
            return space_at(self.skip_while(i, |c| c == '#'));
        }
        if BULLETS.contains(&c) {
            return space_at(i + 1);
        }
        if c.is_ascii_digit() {
            let after = self.skip_while(i, |c| c.is_ascii_digit());
            let marker = self.chars.get(after).is_some_and(|&(_, c)| c == '.' || c == ')');
            return after - i <= 3 && marker && space_at(after + 1);
        }
        false
    }

    /// Whether only spaces stand between char `i` and the start of its line
    /// (or of the range).
    fn at_line_start(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 {
            match self.chars[j - 1].1 {
                '\n' => return true,
                c if c.is_whitespace() => j -= 1,
                _ => return false,
            }
        }
        true
    }

    /// Whether the terminator run `i..run_end`, its closers up to
    /// `close_end`, and the whitespace up to `next` end a sentence.
    fn ends_sentence(&self, i: usize, run_end: usize, close_end: usize, next: usize) -> bool {
        if self.sheltered[close_end] > 0 {
            return false;
        }
        let c = self.chars[next].1;
        if !(c.is_uppercase() || c.is_numeric() || OPENERS.contains(&c)) {
            return false;
        }
        // `!`, `?`, ellipses, and anything a quote or bracket closes end a
        // sentence as they are.
        if run_end - i > 1 || self.chars[i].1 != '.' || close_end > run_end {
            return true;
        }
        // A single period: look at the word it ends.
        let mut word_start = i;
        while word_start > 0 && !self.chars[word_start - 1].1.is_whitespace() {
            word_start -= 1;
        }
        let word_start = self.skip_while(word_start, |c| OPENERS.contains(&c)).min(i);
        let word = &self.text[self.byte(word_start)..self.byte(i)];
        if word.is_empty() {
            return true;
        }
        if self.at_line_start(word_start) && self.starts_item(word_start) {
            // The number of a list item: "1. Go".
            return false;
        }
        let rules = self.rules;
        if rules.abbreviations.iter().any(|a| abbreviation_matches(word, a)) {
            return false;
        }
        if rules.terminal_abbreviations.iter().any(|a| abbreviation_matches(word, a)) || is_dotted(word) {
            return self.starter_at(next);
        }
        let mut letters = word.chars();
        if let (Some(l), None) = (letters.next(), letters.next()) {
            if l.is_uppercase() {
                // An initial: "J. K. Rowling", but "Plan B. The talks".
                return self.starter_at(next) && self.next_word(next).chars().nth(1).is_some();
            }
        }
        true
    }

    /// The letters of the word at char `i`, after any opening quotes or
    /// brackets.
    fn next_word(&self, i: usize) -> &str {
        let from = self.skip_while(i, |c| OPENERS.contains(&c));
        let to = self.skip_while(from, char::is_alphabetic);
        &self.text[self.byte(from)..self.byte(to)]
    }

    /// Whether the word at char `i` is one of the sentence starters.
    fn starter_at(&self, i: usize) -> bool {
        let word = self.next_word(i);
        !word.is_empty() && self.rules.sentence_starters.iter().any(|s| s == word)
    }
}

/// Whether `word` followed by a period is the abbreviation `entry`.
fn abbreviation_matches(word: &str, entry: &str) -> bool {
    let Some(stem) = entry.strip_suffix('.') else { return false };
    if word == stem {
        return true;
    }
    // "vs." also matches "Vs.", but "No." never matches "no.", and "c."
    // never matches the initial "C.".
    let mut s = stem.chars();
    let mut w = word.chars();
    match (s.next(), w.next()) {
        (Some(sc), Some(wc)) if sc.is_lowercase() && stem.len() > sc.len_utf8() => {
            wc.is_uppercase() && wc.to_lowercase().eq(std::iter::once(sc)) && s.as_str() == w.as_str()
        }
        _ => false,
    }
}

/// Whether `word` is a dotted abbreviation of short letter groups, as in
/// "U.A.E" or "Ph.D" (the final period already cut).
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|g| {
            let n = g.chars().count();
            (1..=2).contains(&n) && g.chars().all(char::is_alphabetic)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SegmentRules {
        toml::from_str(include_str!("../rules/abbreviations.toml")).expect("rules/abbreviations.toml parses")
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()), &rules()).into_iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn examples_in_the_rules_file_hold() {
        let rules = rules();
        assert!(rules.examples.len() >= 10, "the rules file keeps its examples");
        for ex in &rules.examples {
            let got: Vec<&str> =
                split(&ex.text, Span::new(0, ex.text.len()), &rules).into_iter().map(|s| s.of(&ex.text)).collect();
            assert_eq!(got, ex.sentences, "example {:?}", ex.text);
        }
    }

    #[test]
    fn plain_terminators_split() {
        assert_eq!(sentences("One. Two! Three? Four"), ["One.", "Two!", "Three?", "Four"]);
        assert_eq!(sentences("Really?! Yes."), ["Really?!", "Yes."]);
        assert_eq!(sentences("It rose in 2024. 2025 was worse."), ["It rose in 2024.", "2025 was worse."]);
        assert_eq!(sentences("It ended. (Then it began.)"), ["It ended.", "(Then it began.)"]);
        assert_eq!(sentences("It ended. \"Good,\" he said."), ["It ended.", "\"Good,\" he said."]);
    }

    #[test]
    fn lowercase_or_no_space_after_does_not_split() {
        assert_eq!(sentences("It ended. and went on."), ["It ended. and went on."]);
        assert_eq!(sentences("See example.com for more."), ["See example.com for more."]);
        assert_eq!(sentences("a.b.c. d"), ["a.b.c. d"]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(sentences("He said \"No.\" Then he left."), ["He said \"No.\"", "Then he left."]);
        assert_eq!(sentences("He said 'No.' Then he left."), ["He said 'No.'", "Then he left."]);
        assert_eq!(
            sentences("It was over (for now.) Then it was not."),
            ["It was over (for now.)", "Then it was not."]
        );
        assert_eq!(sentences("Was it \"true?\") No."), ["Was it \"true?\")", "No."]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        for text in [
            "Gen. Anil Chauhan was present.",
            "Dr. Singh met Mr. Rao and Mrs. Rao and Ms. Iyer.",
            "They met at St. Petersburg on Sept. 1 and Jan. 5.",
            "Prof. Das, Sen. Warren, Rep. Cole, Gov. Newsom and Lt. Col. Roy came.",
            "Capt. Roy and Sgt. Das spoke.",
            "Team A vs. Team B ended, e.g. Sunday's game, i.e. The Final.",
            "He lives at No. 10 Downing Street.",
            "On Aug. 3, Oct. 4, Nov. 5 and Dec. 6 they met.",
            "It cost Rs. 500 crore.",
            "\"Mr. Singh\" arrived.",
        ] {
            assert_eq!(sentences(text), [text], "{text}");
        }
    }

    #[test]
    fn abbreviation_case_rules() {
        // A lowercase entry also matches capitalised at a sentence start...
        assert_eq!(sentences("E.g. This one."), ["E.g. This one."]);
        assert_eq!(sentences("Vs. Them."), ["Vs. Them."]);
        // ...but "No." is not "no.", and "c." is not the initial "C.".
        assert_eq!(sentences("He said no. Then he left."), ["He said no.", "Then he left."]);
        assert_eq!(sentences("Take vitamin C. The doctor said so."), ["Take vitamin C.", "The doctor said so."]);
    }

    #[test]
    fn terminal_abbreviations_end_before_a_sentence_starter() {
        assert_eq!(
            sentences("Talks were held in the U.S. He said so."),
            ["Talks were held in the U.S.", "He said so."]
        );
        assert_eq!(sentences("He visited the U.S. Embassy."), ["He visited the U.S. Embassy."]);
        assert_eq!(
            sentences("It opened at 10 a.m. The crowd cheered."),
            ["It opened at 10 a.m.", "The crowd cheered."]
        );
        assert_eq!(sentences("It opened at 10 a.m. Indian time."), ["It opened at 10 a.m. Indian time."]);
        assert_eq!(sentences("Apple Inc. Chief Tim Cook spoke."), ["Apple Inc. Chief Tim Cook spoke."]);
        assert_eq!(sentences("He joined Apple Inc. It was 1998."), ["He joined Apple Inc.", "It was 1998."]);
        assert_eq!(sentences("Bread, rice etc. But not milk."), ["Bread, rice etc.", "But not milk."]);
        // Unlisted dotted abbreviations behave the same way.
        assert_eq!(
            sentences("He flew to the U.A.E. Officials met him."),
            ["He flew to the U.A.E.", "Officials met him."]
        );
        assert_eq!(sentences("She has a Ph.D. Degree holders"), ["She has a Ph.D. Degree holders"]);
    }

    #[test]
    fn initials_never_split() {
        for text in [
            "J. K. Rowling wrote it.",
            "George W. Bush spoke.",
            "A. P. J. Abdul Kalam was president.",
            "J. A. Smith came.",
            "Franklin D. Roosevelt won.",
        ] {
            assert_eq!(sentences(text), [text], "{text}");
        }
        assert_eq!(sentences("They chose Plan B. The rest failed."), ["They chose Plan B.", "The rest failed."]);
    }

    #[test]
    fn numbers_never_split() {
        for text in [
            "About 1.2 million people came.",
            "Prices rose 3.5% in May.",
            "He lives at No. 10 now.",
            "It was v1.2.3 then.",
        ] {
            assert_eq!(sentences(text), [text], "{text}");
        }
    }

    #[test]
    fn quotations_holding_several_sentences() {
        assert_eq!(
            sentences("\"Russia is our partner. Our ties are strong,\" he said."),
            ["\"Russia is our partner.", "Our ties are strong,\" he said."]
        );
        assert_eq!(sentences("\"Is it true?\" she asked."), ["\"Is it true?\" she asked."]);
        assert_eq!(sentences("\"We will win!\" said Singh."), ["\"We will win!\" said Singh."]);
        assert_eq!(sentences("\"We agree,\" He said."), ["\"We agree,\" He said."]);
        assert_eq!(
            sentences("He said: \"It is done.\" \"Good,\" she replied."),
            ["He said: \"It is done.\"", "\"Good,\" she replied."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("strategic partner in defence… Our Prime Minister met him."),
            ["strategic partner in defence…", "Our Prime Minister met him."]
        );
        assert_eq!(sentences("We waited... and then left."), ["We waited... and then left."]);
        assert_eq!(sentences("We waited… and then left."), ["We waited… and then left."]);
        assert_eq!(sentences("We waited... Then we left."), ["We waited...", "Then we left."]);
        assert_eq!(sentences("It ends..."), ["It ends..."]);
        assert_eq!(sentences("It ends…"), ["It ends…"]);
        assert_eq!(sentences("\"In defence… Our ties…\" he said."), ["\"In defence…", "Our ties…\" he said."]);
    }

    #[test]
    fn datelines_and_brackets() {
        let text = "New Delhi [India], December 4 : Singh said it.";
        assert_eq!(sentences(text), [text]);
        let text = "Talks (held in Moscow. Again. In June.) ended.";
        assert_eq!(sentences(text), [text]);
        let text = "Talks [see note. Both sides. The end.] ended.";
        assert_eq!(sentences(text), [text]);
        // An unmatched bracket shelters nothing.
        assert_eq!(sentences("Smile :) It ended. Then more."), ["Smile :) It ended.", "Then more."]);
        assert_eq!(sentences("Open ( It ended. Then more."), ["Open ( It ended.", "Then more."]);
    }

    #[test]
    fn newlines() {
        assert_eq!(sentences("No full stop here\n\nNext paragraph"), ["No full stop here", "Next paragraph"]);
        assert_eq!(sentences("Open (bracket\n \nClosed) later"), ["Open (bracket", "Closed) later"]);
        assert_eq!(sentences("A wrapped\nline goes on."), ["A wrapped\nline goes on."]);
        assert_eq!(sentences("Key facts:\n- one\n- two"), ["Key facts:", "- one", "- two"]);
        assert_eq!(sentences("Steps\n1. Go\n2) Stop"), ["Steps", "1. Go", "2) Stop"]);
        assert_eq!(sentences("1. Go there. Then back."), ["1. Go there.", "Then back."]);
        assert_eq!(sentences("## Heading\nBody text here."), ["## Heading", "Body text here."]);
        assert_eq!(sentences("- an item that\n  wraps on\nText after."), ["- an item that\n  wraps on", "Text after."]);
        assert_eq!(sentences("#hashtag\nmore"), ["#hashtag\nmore"]);
        assert_eq!(sentences("It ended.\nThen it began."), ["It ended.", "Then it began."]);
        assert_eq!(sentences("It ended.\n- item\nText"), ["It ended.", "- item", "Text"]);
    }

    #[test]
    fn headlines_without_final_punctuation_are_one_sentence() {
        let text = "'We've been waiting for Putin's visit': Rajnath Singh on India-Russia ties";
        assert_eq!(sentences(text), [text]);
    }

    #[test]
    fn spans_are_absolute_and_within_the_range() {
        let text = "Skip this. Take this one. And this. Not this.";
        let from = text.find("Take").unwrap();
        let to = text.find(" Not").unwrap();
        let got: Vec<&str> = split(text, Span::new(from, to), &rules()).iter().map(|s| s.of(text)).collect();
        assert_eq!(got, ["Take this one.", "And this."]);
        for s in split(text, Span::new(from, to), &rules()) {
            assert!(from <= s.start && s.end <= to);
        }
    }

    #[test]
    fn out_of_range_and_reversed_ranges_are_clipped() {
        let rules = rules();
        assert!(split("abc", Span::new(5, 9), &rules).is_empty());
        assert!(split("abc", Span { start: 2, end: 1 }, &rules).is_empty());
        assert_eq!(split("abc. Def", Span::new(0, 99), &rules), [Span::new(0, 4), Span::new(5, 8)]);
        // Not on char boundaries: narrowed to them.
        let text = "éé. Éa";
        assert_eq!(split(text, Span::new(1, text.len()), &rules), [Span::new(2, 5), Span::new(6, text.len())]);
        assert!(split(text, Span::new(1, 2), &rules).is_empty());
    }

    fn check_spans(text: &str, range: Span, rules: &SegmentRules) {
        let spans = split(text, range, rules);
        let mut last = range.start;
        for s in &spans {
            assert!(s.start < s.end, "empty span {s:?} in {text:?}");
            assert!(s.start >= last && s.end <= range.end.min(text.len()), "{s:?} outside {range:?} in {text:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?} in {text:?}");
            assert_eq!(s.of(text), s.of(text).trim(), "untrimmed {s:?} in {text:?}");
            last = s.end;
        }
    }

    #[test]
    fn never_panics_on_nasty_input() {
        let rules = rules();
        let nasty = [
            "",
            ".",
            "...",
            "…",
            "\"\"\"",
            "a.b.c.",
            "é. É. ü",
            "Dr.",
            "U.S.",
            " ",
            "\n\n",
            ". . .",
            "( [ ) ]",
            "))))((((",
            "[[[[)))",
            "\"Dr.\" \"U.S.\" He",
            "1. \n2. \n",
            "#\n#\n",
            "- \n- ",
            "é…É…",
            "A. B. C. D.",
            "🦀. 🦀! 🦀? Ü",
            "x\u{301}. Y\u{301}",
            "?!?! ?! ?",
            "'''",
            "e.g. E.g. U.S. U.S",
            "Mr.\n\nMrs.\n- Ms.",
        ];
        for text in nasty {
            for start in 0..=text.len() + 1 {
                for end in 0..=text.len() + 1 {
                    check_spans(text, Span { start, end }, &rules);
                }
            }
        }
        // Empty rules work too.
        check_spans("Dr. Who. U.S. He", Span::new(0, 16), &SegmentRules::default());
    }

    #[test]
    fn linear_on_long_input() {
        let rules = rules();
        let long = "Dr. J. Smith said ( [ it. The U.S. He ...".repeat(20_000);
        let started = std::time::Instant::now();
        let spans = split(&long, Span::new(0, long.len()), &rules);
        assert!(!spans.is_empty());
        let dots = ".".repeat(200_000) + &"(".repeat(100_000) + &")".repeat(50_000) + &"[".repeat(50_000);
        check_spans(&dots, Span::new(0, dots.len()), &rules);
        let spaces = format!("A{}", ". ".repeat(100_000));
        check_spans(&spaces, Span::new(0, spaces.len()), &rules);
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    }

    proptest::proptest! {
        #[test]
        fn spans_are_sound_on_any_input(
            text in "(?s)[a-zA-Z0-9 .!?…\"'()\\[\\]\n,:é É🦀-]{0,80}",
            a in 0usize..90,
            b in 0usize..90,
        ) {
            let rules = rules();
            check_spans(&text, Span { start: a.min(b), end: a.max(b) }, &rules);
        }
    }
}
