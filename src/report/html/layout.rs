//! Rows of the side-by-side view: the reports' sentences laid out so that
//! aligned sentences share a row.
//!
//! The pivot is the report whose sentences align best with the others'
//! (the greatest total score of its aligned pairs; the first such report
//! on a tie), so that a short report listed first does not leave the
//! others' shared sentences on rows of their own. Every other report is
//! aligned against
//! it monotonically: of the aligned sentence pairs of the run
//! ([`crate::Run::pairs`]) between the two reports, the set with the
//! greatest total score whose order agrees in both reports (a longest
//! common subsequence weighted by score). A pivot sentence and the
//! sentences matched to it share a row; every other sentence, and every
//! paragraph the loader dropped as a repeat, gets a row of its own in its
//! report's order. No report's order is ever changed.

use crate::Run;
use std::collections::BTreeMap;

/// One block of a report's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A sentence (index into the run's sentences).
    Sentence(usize),
    /// A paragraph the loader dropped (index into the document's `dropped`).
    Dropped(usize),
}

/// A row: for each report, the block it shows there, if any.
pub type Row = Vec<Option<Item>>;

/// The items of each document in the order of the file.
fn items(run: &Run, doc: usize) -> Vec<Item> {
    let d = &run.documents[doc];
    let mut items: Vec<(usize, Item)> = run
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.doc == doc)
        .map(|(i, s)| (s.span.start, Item::Sentence(i)))
        .chain(d.dropped.iter().enumerate().map(|(i, x)| (x.span.start, Item::Dropped(i))))
        .collect();
    items.sort_by_key(|&(start, item)| (start, matches!(item, Item::Dropped(_))));
    items.into_iter().map(|(_, item)| item).collect()
}

/// Lays out the rows of the side-by-side view.
pub fn rows(run: &Run) -> Vec<Row> {
    let n = run.documents.len();
    if n == 0 {
        return Vec::new();
    }
    let items: Vec<Vec<Item>> = (0..n).map(|d| items(run, d)).collect();
    // The best score of each pair of sentences of two reports (ordered, so
    // that the sums below are the same on every run).
    let mut scores: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    for p in &run.pairs {
        let (a, b) = (p.a.min(p.b), p.a.max(p.b));
        if run.sentences[a].doc != run.sentences[b].doc {
            let s = scores.entry((a, b)).or_insert(0.0);
            *s = s.max(p.score);
        }
    }
    let score = |x: Item, y: Item| -> f32 {
        let (Item::Sentence(a), Item::Sentence(b)) = (x, y) else { return 0.0 };
        scores.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0)
    };
    let mut weight = vec![0f32; n];
    for (&(a, b), &s) in &scores {
        weight[run.sentences[a].doc] += s;
        weight[run.sentences[b].doc] += s;
    }
    let pivot = (0..n).max_by(|&x, &y| weight[x].total_cmp(&weight[y]).then(y.cmp(&x))).unwrap_or(0);
    let others: Vec<usize> = (0..n).filter(|&d| d != pivot).collect();
    // matched[d][i]: the item of report d sharing a row with pivot item i.
    let mut matched: Vec<Vec<Option<usize>>> = vec![vec![None; items[pivot].len()]; n];
    for &d in &others {
        matched[d] = monotone(&items[pivot], &items[d], &score);
    }
    let mut rows = Vec::new();
    let mut next = vec![0usize; n];
    for (i, &p) in items[pivot].iter().enumerate() {
        for &d in &others {
            if let Some(j) = matched[d][i] {
                for &item in &items[d][next[d]..j] {
                    rows.push(alone(n, d, item));
                }
                next[d] = j + 1;
            }
        }
        let mut row = alone(n, pivot, p);
        for &d in &others {
            row[d] = matched[d][i].map(|j| items[d][j]);
        }
        rows.push(row);
    }
    for &d in &others {
        for &item in &items[d][next[d]..] {
            rows.push(alone(n, d, item));
        }
    }
    rows
}

fn alone(n: usize, doc: usize, item: Item) -> Row {
    let mut row = vec![None; n];
    row[doc] = Some(item);
    row
}

/// The order-preserving matching of `a`'s items to `b`'s with the greatest
/// total score (pairs scoring 0 are never matched): for each item of `a`,
/// its partner in `b`.
fn monotone(a: &[Item], b: &[Item], score: &dyn Fn(Item, Item) -> f32) -> Vec<Option<usize>> {
    let (m, k) = (a.len(), b.len());
    // best[i][j]: the best total over a[i..] and b[j..].
    let mut best = vec![vec![0f32; k + 1]; m + 1];
    for i in (0..m).rev() {
        for j in (0..k).rev() {
            let s = score(a[i], b[j]);
            let take = if s > 0.0 { s + best[i + 1][j + 1] } else { f32::MIN };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut out = vec![None; m];
    let (mut i, mut j) = (0, 0);
    while i < m && j < k {
        let s = score(a[i], b[j]);
        if s > 0.0 && best[i][j] == s + best[i + 1][j + 1] {
            out[i] = Some(j);
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(n: usize) -> Vec<Item> {
        (0..n).map(Item::Sentence).collect()
    }

    #[test]
    fn monotone_keeps_order_and_prefers_the_heavier_set() {
        // a0-b1 (0.9) crosses a1-b0 (0.3) and a2-b2 (0.5): keep the two
        // that agree in order when they weigh more.
        let a = sentences(3);
        let b: Vec<Item> = (10..13).map(Item::Sentence).collect();
        let table = [((0, 11), 0.6), ((1, 10), 0.3), ((2, 12), 0.5), ((0, 10), 0.2)];
        let score = |x: Item, y: Item| {
            let (Item::Sentence(x), Item::Sentence(y)) = (x, y) else { return 0.0 };
            table.iter().find(|(k, _)| *k == (x, y)).map_or(0.0, |(_, s)| *s)
        };
        assert_eq!(monotone(&a, &b, &score), vec![Some(1), None, Some(2)]);
    }

    #[test]
    fn rows_keep_every_report_in_order_and_share_rows_for_aligned_sentences() {
        use crate::{analyse, document, rules::Rules};
        let doc = |i: usize, text: &str| {
            document::from_bytes(format!("{i}.txt").as_ref(), format!("Dec 4, 2025\n{text}\n").into_bytes(), i).unwrap()
        };
        let docs = vec![
            doc(0, "Trade talks went on. The leaders met at the SCO Summit in Tianjin in June 2025.\n\nTrade talks went on."),
            doc(1, "Markets were calm. The leaders last met on September 1 this year in Tianjin, at the SCO Summit."),
            doc(2, "Weather was fine.\n\nIn June 2025 the leaders met in Tianjin at the SCO Summit. Nothing else happened."),
        ];
        let run = analyse(docs, &Rules::built_in().unwrap()).unwrap();
        let rows = rows(&run);
        for d in 0..3 {
            let column: Vec<Item> = rows.iter().filter_map(|r| r[d]).collect();
            assert_eq!(column, items(&run, d), "report {d} keeps all its blocks, in order");
        }
        assert!(!run.documents[0].dropped.is_empty() || run.sentences.iter().any(|s| s.duplicate_of.is_some()));
        // The summit sentences of all three reports share one row.
        let summit: Vec<usize> = (0..3)
            .map(|d| {
                run.sentences
                    .iter()
                    .position(|s| s.doc == d && s.span.of(&run.documents[d].raw).contains("Tianjin"))
                    .unwrap()
            })
            .collect();
        let row = rows.iter().find(|r| r[0] == Some(Item::Sentence(summit[0]))).unwrap();
        assert_eq!(row[1], Some(Item::Sentence(summit[1])), "{rows:?}");
        assert_eq!(row[2], Some(Item::Sentence(summit[2])), "{rows:?}");
        // Sentences aligned with nothing have rows of their own: a row
        // holding several reports holds the pivot's sentence (the same
        // report on every such row).
        let shared: Vec<&Row> = rows.iter().filter(|r| r.iter().filter(|x| x.is_some()).count() > 1).collect();
        assert!((0..3).any(|p| shared.iter().all(|r| r[p].is_some())), "{rows:?}");
    }

    #[test]
    fn nothing_matches_without_pairs() {
        let score = |_: Item, _: Item| 0.0;
        assert_eq!(monotone(&sentences(2), &sentences(3), &score), vec![None, None]);
    }
}
