//! Byte ranges into the original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the original document text.
///
/// **Invariant:** wherever petrel emits a span, `start` and `end` fall on char boundaries of the
/// original (un-normalised) article text, so `&text[span.start as usize..span.end as usize]` works.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "[u32; 2]", from = "[u32; 2]")]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    /// Slice `text` with this span; returns "" when the span does not fit `text` or cuts a char.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start as usize..self.end as usize).unwrap_or("")
    }
    /// The span moved right by `offset` bytes (sentence-relative to document-relative).
    pub fn shift(self, offset: u32) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}

impl From<[u32; 2]> for Span {
    fn from(a: [u32; 2]) -> Span {
        Span { start: a[0], end: a[1] }
    }
}
