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
    let mut weight = vec![0f32; n];
    for (&(a, b), &s) in &scores {
        weight[run.sentences[a].doc] += s;
        weight[run.sentences[b].doc] += s;
    }
    let pivot = (0..n).max_by(|&x, &y| weight[x].total_cmp(&weight[y]).then(y.cmp(&x))).unwrap_or(0);
    let others: Vec<usize> = (0..n).filter(|&d| d != pivot).collect();
    // Each sentence's place among its report's items.
    let mut place = vec![0usize; run.sentences.len()];
    for list in &items {
        for (i, item) in list.iter().enumerate() {
            if let Item::Sentence(s) = *item {
                place[s] = i;
            }
        }
    }
    // matched[d][i]: the item of report d sharing a row with pivot item i.
    let mut matched: Vec<Vec<Option<usize>>> = vec![vec![None; items[pivot].len()]; n];
    for &d in &others {
        let pairs: Vec<(usize, usize, f32)> = scores
            .iter()
            .filter_map(|(&(a, b), &s)| {
                let (da, db) = (run.sentences[a].doc, run.sentences[b].doc);
                if da == pivot && db == d {
                    Some((place[a], place[b], s))
                } else if db == pivot && da == d {
                    Some((place[b], place[a], s))
                } else {
                    None
                }
            })
            .collect();
        matched[d] = monotone(items[pivot].len(), items[d].len(), pairs);
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

/// The order-preserving matching of `m` items to `k` items with the
/// greatest total score, from the scored pairs `(i, j, score)` (pairs
/// scoring 0 are never matched): for each of the `m` items, its partner.
///
/// A heaviest chain of pairs increasing in both `i` and `j`, found in
/// O(P log k) for P pairs with a Fenwick tree of prefix maxima over `j`,
/// so that long reports cost no m×k table.
fn monotone(m: usize, k: usize, mut pairs: Vec<(usize, usize, f32)>) -> Vec<Option<usize>> {
    pairs.retain(|&(i, j, s)| s > 0.0 && i < m && j < k);
    pairs.sort_by_key(|p| (p.0, p.1));
    // tree[p]: the best chain ending at a j in p's range: (total, pair).
    let mut tree: Vec<Option<(f32, usize)>> = vec![None; k + 1];
    let better = |x: Option<(f32, usize)>, y: Option<(f32, usize)>| match (x, y) {
        (Some(a), Some(b)) if b.0 > a.0 => Some(b),
        (None, b) => b,
        (a, _) => a,
    };
    let mut total = vec![0f32; pairs.len()];
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut start = 0;
    while start < pairs.len() {
        // Pairs of one `i` may not chain with one another: read them all
        // before writing any.
        let end = start + pairs[start..].iter().take_while(|p| p.0 == pairs[start].0).count();
        for p in start..end {
            let mut best = None;
            let mut x = pairs[p].1; // prefix over j' < j: positions 1..=j
            while x > 0 {
                best = better(best, tree[x]);
                x &= x - 1;
            }
            total[p] = pairs[p].2 + best.map_or(0.0, |b| b.0);
            before[p] = best.map(|b| b.1);
        }
        for p in start..end {
            let mut x = pairs[p].1 + 1;
            while x <= k {
                tree[x] = better(tree[x], Some((total[p], p)));
                x += x & x.wrapping_neg();
            }
        }
        start = end;
    }
    let mut out = vec![None; m];
    let mut last = None;
    for p in 0..pairs.len() {
        if last.is_none_or(|l: usize| total[p] > total[l]) {
            last = Some(p);
        }
    }
    while let Some(p) = last {
        out[pairs[p].0] = Some(pairs[p].1);
        last = before[p];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotone_keeps_order_and_prefers_the_heavier_set() {
        // a0-b1 (0.6) crosses a1-b0 (0.3); with a2-b2 (0.5) it weighs
        // most. a0-b0 (0.2) loses to a0-b1.
        let pairs = vec![(0, 1, 0.6), (1, 0, 0.3), (2, 2, 0.5), (0, 0, 0.2)];
        assert_eq!(monotone(3, 3, pairs), vec![Some(1), None, Some(2)]);
        // One item of `a` takes one partner, however many pairs it has.
        let pairs = vec![(0, 0, 0.5), (0, 1, 0.5), (1, 2, 0.1)];
        let out = monotone(2, 3, pairs);
        assert_eq!(out[1], Some(2));
        assert!(out[0].is_some());
        // Crossing pairs: the heavier wins.
        assert_eq!(monotone(2, 2, vec![(0, 1, 0.4), (1, 0, 0.9)]), vec![None, Some(0)]);
    }

    #[test]
    fn nothing_matches_without_pairs() {
        assert_eq!(monotone(2, 3, Vec::new()), vec![None, None]);
        assert_eq!(monotone(2, 3, vec![(0, 0, 0.0)]), vec![None, None]);
    }

    #[test]
    fn a_long_pair_of_reports_costs_no_square_table() {
        // 20,000 items each, aligned one to one: linear-ish, and every
        // item matched to its own.
        let n = 20_000;
        let pairs: Vec<(usize, usize, f32)> = (0..n).map(|i| (i, i, 0.5)).collect();
        let out = monotone(n, n, pairs);
        assert!(out.iter().enumerate().all(|(i, j)| *j == Some(i)));
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
}
