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

/// Tells in one pass over a text which of up to 64 patterns can match it:
/// pattern `i` needs one of the words `needs[i]` somewhere in the text
/// (ASCII case-insensitively). Skipping the patterns that cannot match is
/// far cheaper than running them.
#[derive(Debug, Clone)]
pub struct Gates {
    words: aho_corasick::AhoCorasick,
    masks: Vec<u64>,
}

impl Gates {
    /// Builds the gates.
    pub fn new(needs: &[Vec<String>]) -> Result<Gates, String> {
        if needs.len() > 64 {
            return Err(format!("{} patterns to gate; at most 64", needs.len()));
        }
        let mut words: Vec<String> = Vec::new();
        let mut masks: Vec<u64> = Vec::new();
        for (i, need) in needs.iter().enumerate() {
            // Only a phrase's first word: the pattern matches any run of
            // whitespace between its words ("at\npresent").
            let firsts = need.iter().filter_map(|w| w.split_whitespace().next()).map(str::to_ascii_lowercase);
            for w in firsts {
                match words.iter().position(|x| *x == w) {
                    Some(j) => masks[j] |= 1 << i,
                    None => {
                        words.push(w);
                        masks.push(1 << i);
                    }
                }
            }
        }
        let words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .map_err(|e| format!("cannot build the word gates: {e}"))?;
        Ok(Gates { words, masks })
    }

    /// Bit `i` is set when pattern `i` can match `text`.
    pub fn open(&self, text: &str) -> u64 {
        self.words.find_overlapping_iter(text).fold(0, |open, m| open | self.masks[m.pattern().as_usize()])
    }
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
}
