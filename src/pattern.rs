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
