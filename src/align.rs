//! Stage 4, align: pairs of sentences that speak of the same thing.
//!
//! Input: sentences and their claims. Output: [`SentencePair`]s, across
//! reports and within one report, scored by the cosine of their content
//! terms weighted by rarity across the run (IDF), with aliases resolved and
//! names matched with Jaro-Winkler so that a misspelt name still counts.
//! Claim spans are masked out first: two sentences giving different dates
//! for one meeting must still pair up. A sentence may pair with several.

use crate::document::Document;
use crate::extract::Claim;
use crate::segment::Sentence;
use crate::terms::{Lexicon, Term, TermKind};
use rustc_hash::FxHashMap as HashMap;

/// Pairs scoring below this are not aligned.
pub const MIN_SCORE: f32 = 0.12;

/// Names at least this similar (Jaro-Winkler) count as the same name.
pub const NAME_SIMILARITY: f64 = 0.92;

/// Two sentences that speak of the same thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SentencePair {
    /// The earlier sentence (index into the run's sentences).
    pub a: usize,
    /// The later sentence.
    pub b: usize,
    /// Weighted cosine similarity, 0..=1.
    pub score: f32,
}

/// How rare each term is across the sentences of the run.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    idf: HashMap<String, f32>,
    max: f32,
}

impl Weights {
    /// The weight of a term: its IDF, halved for title words (which name
    /// roles, and recur in every report).
    pub fn of(&self, term: &Term) -> f32 {
        let w = self.idf.get(&term.key).copied().unwrap_or(self.max);
        if term.kind == TermKind::Title {
            w * 0.5
        } else {
            w
        }
    }
}

/// The alignment of a run.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Aligned pairs, ordered by `(a, b)`.
    pub pairs: Vec<SentencePair>,
    /// Term weights, reused to weigh claim subjects.
    pub weights: Weights,
}

/// Whether two terms match: the same key, or two names close enough.
pub fn same_term(a: &Term, b: &Term) -> Option<f32> {
    if a.key == b.key {
        return Some(1.0);
    }
    let names = a.kind == TermKind::Name && b.kind == TermKind::Name;
    if names && a.key.chars().count() >= 5 && b.key.chars().count() >= 5 && a.key.chars().next() == b.key.chars().next()
    {
        let sim = strsim::jaro_winkler(&a.key, &b.key);
        if sim >= NAME_SIMILARITY {
            return Some(sim as f32);
        }
    }
    None
}

/// Aligns the sentences of a run.
pub fn align(docs: &[Document], sentences: &[Sentence], claims: &[Claim], lexicon: &Lexicon) -> Alignment {
    let mut masks: Vec<Vec<crate::span::Span>> = vec![Vec::new(); sentences.len()];
    // Actions are the words that say what happened, quotations hold whole
    // sentences, and names are what sentences share: they stay.
    use crate::extract::ClaimKind;
    for c in claims.iter().filter(|c| {
        !matches!(
            c.value.kind(),
            ClaimKind::Negation | ClaimKind::Quote | ClaimKind::Person | ClaimKind::Place | ClaimKind::Organisation
        )
    }) {
        let s = &sentences[c.sentence];
        masks[c.sentence].push(crate::span::Span::new(c.norm.start - s.norm.start, c.norm.end - s.norm.start));
    }
    let terms: Vec<Vec<Term>> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.duplicate_of.is_some() {
                return Vec::new();
            }
            let mut t = lexicon.terms(s.norm.of(&docs[s.doc].norm.text), &masks[i]);
            t.sort_by(|a, b| a.key.cmp(&b.key));
            t.dedup_by(|a, b| a.key == b.key);
            t
        })
        .collect();
    let live = terms.iter().filter(|t| !t.is_empty()).count().max(1) as f32;
    let mut df: HashMap<&str, u32> = HashMap::default();
    for t in &terms {
        for term in t {
            *df.entry(term.key.as_str()).or_default() += 1;
        }
    }
    let idf: HashMap<String, f32> = df.iter().map(|(k, n)| (k.to_string(), (1.0f32 + live / *n as f32).ln())).collect();
    let weights = Weights { max: (1.0f32 + live).ln(), idf };
    let norms: Vec<f32> = terms.iter().map(|t| t.iter().map(|x| weights.of(x).powi(2)).sum::<f32>().sqrt()).collect();

    // Candidates share at least one term that is not in half the sentences
    // (nor in more sentences than there are reports, for short reports
    // that name the event once each): an inverted index, never all pairs.
    let cap = (live / 2.0).max(docs.len() as f32).max(2.0);
    // Each key as a number, so that the index is a table and the pair loop
    // compares numbers, not strings.
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    let keys: Vec<Vec<u32>> = terms
        .iter()
        .map(|t| {
            t.iter()
                .map(|x| {
                    let next = numbers.len() as u32;
                    *numbers.entry(x.key.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect();
    // Per key, the sentences holding it (in order), when it is rare enough.
    let mut index: Vec<Vec<usize>> = vec![Vec::new(); numbers.len()];
    for (i, t) in terms.iter().enumerate() {
        for (term, &k) in t.iter().zip(&keys[i]) {
            if (df[term.key.as_str()] as f32) <= cap {
                index[k as usize].push(i);
            }
        }
    }
    // Every pair (a, b), a < b, sharing an indexed key, in order: for each
    // a, the later sentences of its keys' lists, each once.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut last_seen = vec![usize::MAX; terms.len()];
    let mut row: Vec<usize> = Vec::new();
    for (a, ks) in keys.iter().enumerate() {
        row.clear();
        for &k in ks {
            let list = &index[k as usize];
            for &b in &list[list.partition_point(|&x| x <= a)..] {
                if last_seen[b] != a {
                    last_seen[b] = a;
                    row.push(b);
                }
            }
        }
        row.sort_unstable();
        candidates.extend(row.iter().map(|&b| (a, b)));
    }

    // Per term, read once: its weight, and the first letter of a name
    // long enough to match another by spelling (see `same_term`).
    let read: Vec<Vec<(f32, Option<char>)>> = terms
        .iter()
        .map(|t| {
            t.iter()
                .map(|x| {
                    let name = x.kind == TermKind::Name && x.key.chars().count() >= 5;
                    (weights.of(x), x.key.chars().next().filter(|_| name))
                })
                .collect()
        })
        .collect();
    let mut pairs = Vec::new();
    for (a, b) in candidates {
        let mut dot = 0.0f32;
        for ((ta, &ka), &(wa, fa)) in terms[a].iter().zip(&keys[a]).zip(&read[a]) {
            // As `same_term`, without reading the terms again.
            let best = terms[b]
                .iter()
                .zip(&keys[b])
                .zip(&read[b])
                .filter_map(|((tb, &kb), &(wb, fb))| {
                    let sim = if ka == kb {
                        1.0
                    } else if fa.is_some() && fa == fb {
                        let sim = strsim::jaro_winkler(&ta.key, &tb.key);
                        if sim < NAME_SIMILARITY {
                            return None;
                        }
                        sim as f32
                    } else {
                        return None;
                    };
                    Some(sim * wa * wb)
                })
                .fold(0.0f32, f32::max);
            dot += best;
        }
        let denom = norms[a] * norms[b];
        let score = if denom > 0.0 { (dot / denom).min(1.0) } else { 0.0 };
        if score >= MIN_SCORE {
            pairs.push(SentencePair { a, b, score });
        }
    }
    Alignment { pairs, weights }
}

#[cfg(test)]
mod tests {
    use crate::{analyse, document, rules::Rules, Run};

    fn run(texts: &[&str]) -> Run {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| document::from_bytes(format!("{i}.txt").as_ref(), t.as_bytes().to_vec(), i).unwrap())
            .collect();
        analyse(docs, &Rules::built_in().unwrap()).unwrap()
    }

    fn aligned(run: &Run, a: &str, b: &str) -> bool {
        let find = |needle: &str| {
            run.sentences.iter().position(|s| s.span.of(&run.documents[s.doc].raw).contains(needle)).unwrap()
        };
        let (x, y) = (find(a), find(b));
        run.pairs.iter().any(|p| (p.a, p.b) == (x.min(y), x.max(y)))
    }

    #[test]
    fn aliases_and_masked_dates_align() {
        let run = run(&[
            "During the Shanghai Cooperation Organisation Summit in China in June 2025, the leaders talked.",
            "The leaders last met on September 1 this year in Tianjin, China, at the SCO Summit.",
        ]);
        assert!(aligned(&run, "June 2025", "September 1"));
    }

    #[test]
    fn unrelated_sentences_do_not_align_and_misspelt_names_do() {
        let run = run(&[
            "Belousov laid a wreath at the National War Memorial. Coffee prices rose in Brazil.",
            "Belusov laid a wreath at the National War Memorial. Cricket fans queued in Mumbai.",
        ]);
        assert!(aligned(&run, "Belousov laid", "Belusov laid"));
        assert!(!aligned(&run, "Coffee", "Cricket"));
        assert!(run.pairs.iter().all(|p| p.score > 0.0 && p.score <= 1.0));
    }

    #[test]
    fn a_sentence_may_align_within_its_own_report() {
        let run = run(&["Putin visited the Tianjin summit in June. Earlier, Putin visited the Tianjin summit in May."]);
        assert!(aligned(&run, "in June", "in May"));
    }
}
