//! Byte spans into the original file, and the one place where byte offsets
//! become 1-based line and column numbers.
//!
//! Every stage stores spans as half-open byte ranges into the text of the
//! file the user gave (not into a normalised copy), so that every report can
//! point at the exact bytes a claim came from.

use serde::Serialize;

/// A half-open byte range `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text the span covers.
    ///
    /// # Panics
    /// When the span is out of range or not on char boundaries; spans made by
    /// this crate never are.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// This span moved `by` bytes to the right.
    pub fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Turns byte offsets into 1-based line and column numbers.
///
/// Columns count Unicode scalar values (characters), not bytes, so that a
/// curly quote before a claim does not shift its column by two. A line of a
/// JSON Lines feed is a whole report, so long lines carry marks every few
/// hundred bytes with their column: a column is counted from the nearest
/// mark before it, not from the start of its line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset on a character boundary, characters from the start of
    /// its line to it), in order; every line start is one, with 0.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two marks of a long line.
const MARK_EVERY: usize = 256;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::with_capacity(line_starts.len() + text.len() / MARK_EVERY);
        for (n, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(n + 1).map_or(text.len(), |&next| next - 1);
            marks.push((start, 0));
            let (mut at, mut column) = (start, 0);
            while end - at > MARK_EVERY {
                let mut next = at + MARK_EVERY;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                column += text[at..next].chars().count();
                marks.push((next, column));
                at = next;
            }
        }
        LineIndex { line_starts, marks }
    }

    /// 1-based `(line, column)` of byte `offset` in `text`, the text
    /// indexed.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        // The last mark at or before the offset: on this line, since the
        // line's start is a mark.
        let (mark, before) = self.marks[self.marks.partition_point(|&(b, _)| b <= offset) - 1];
        let column = text.get(mark..offset).map_or(offset - start, |s| before + s.chars().count());
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\n“x” y\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let y = text.find('y').unwrap();
        assert_eq!(idx.line_col(text, y), (2, 5));
        assert_eq!(idx.line_col(text, text.len()), (3, 2));
    }

    proptest::proptest! {
        /// Counting from the marks gives the column counted from the
        /// start of the line, on lines long and short.
        #[test]
        fn marks_give_the_counted_column(text in "(?s)[a-z \n“é😀]{0,1200}", offsets in proptest::collection::vec(0usize..1300, 1..20)) {
            let idx = LineIndex::new(&text);
            for offset in offsets {
                let at = offset.min(text.len());
                let line = text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
                let start = text.as_bytes()[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = text.get(start..at).map_or(at - start, |s| s.chars().count());
                proptest::prop_assert_eq!(idx.line_col(&text, offset), (line + 1, column + 1));
            }
        }
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(2, 6);
        assert!(a.overlaps(&Span::new(5, 9)));
        assert!(!a.overlaps(&Span::new(6, 9)));
        assert!(a.contains(&Span::new(3, 6)));
        assert_eq!(a.shift(3), Span::new(5, 9));
    }
}
