//! Phrase matching on a sentence rebuilt as ` P1 P2 ... Pn ` (the normalised pieces of its
//! tokens, see [`crate::phrase`], joined by single blanks), with aho-corasick. Used by the
//! discard list (stems: a pattern may end inside a word) and the issue dictionary (whole
//! words). Every match starts at a piece; spans are mapped back to token ranges.

use crate::phrase::{normalize_into, pieces};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A sentence as blank-joined pieces, with a map back to tokens.
pub(crate) struct Spaced {
    text: String,
    /// Byte offset in `text` where each piece starts.
    piece_start: Vec<u32>,
    /// Token index of each piece.
    piece_tok: Vec<u32>,
}

impl Spaced {
    pub fn new(words: &[&str]) -> Spaced {
        let mut s = Spaced { text: String::new(), piece_start: Vec::new(), piece_tok: Vec::new() };
        s.fill(words, &mut String::new());
        s
    }

    /// Rebuild for `words`, keeping the buffers (`buf` is scratch).
    fn fill(&mut self, words: &[&str], buf: &mut String) {
        let Spaced { text, piece_start, piece_tok } = self;
        text.clear();
        piece_start.clear();
        piece_tok.clear();
        text.reserve(words.iter().map(|w| w.len() + 1).sum::<usize>() + 2);
        text.push(' ');
        for (t, w) in words.iter().enumerate() {
            normalize_into(w, buf);
            for p in pieces(buf) {
                // A piece never contains a blank (tokens should not, but be safe).
                piece_start.push(text.len() as u32);
                piece_tok.push(t as u32);
                for c in p.chars() {
                    text.push(if c.is_whitespace() { '_' } else { c });
                }
                text.push(' ');
            }
        }
    }

    /// `f` on `words` as a [`Spaced`], built in this thread's reused buffers (a lookup per
    /// sentence allocates nothing once they have grown).
    pub fn with<R>(words: &[&str], f: impl FnOnce(&Spaced) -> R) -> R {
        thread_local! {
            static CACHE: std::cell::RefCell<(Spaced, String)> = const {
                std::cell::RefCell::new((
                    Spaced { text: String::new(), piece_start: Vec::new(), piece_tok: Vec::new() },
                    String::new(),
                ))
            };
        }
        CACHE.with(|c| match c.try_borrow_mut() {
            Ok(mut c) => {
                let (s, buf) = &mut *c;
                s.fill(words, buf);
                f(s)
            }
            // Re-entered from `f` (not done today): a fresh one.
            Err(_) => f(&Spaced::new(words)),
        })
    }
}

/// A compiled set of patterns (already normalised, see [`pattern`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
}

/// A match: pattern index and token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub pattern: usize,
    pub start: usize,
    pub len: usize,
}

/// The normalised pattern text for `words`: ` P1 P2` plus a final blank when `whole`
/// (the last word must end there) or nothing (the last word is a stem). `None` when the
/// phrase has no pieces.
pub(crate) fn pattern(words: &[&str], whole: bool) -> Option<String> {
    let ps = crate::phrase::phrase_pieces(words);
    if ps.is_empty() {
        return None;
    }
    let mut s = String::new();
    for p in ps {
        s.push(' ');
        s.push_str(&p);
    }
    if whole {
        s.push(' ');
    }
    Some(s)
}

impl Matcher {
    pub fn new(patterns: &[String]) -> Matcher {
        if patterns.is_empty() {
            return Matcher { ac: None };
        }
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(patterns).ok();
        Matcher { ac }
    }

    /// Leftmost-longest, non-overlapping (in pieces) matches; with `overlapping`, every
    /// match (sorted by start, longest first).
    pub fn find_all(&self, s: &Spaced, overlapping: bool) -> Vec<Found> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut all: Vec<(usize, usize, usize)> = Vec::new(); // (first piece, last piece, pattern)
        for m in ac.find_overlapping_iter(&s.text) {
            let start = m.start() as u32 + 1;
            let Ok(first) = s.piece_start.binary_search(&start) else { continue };
            // Last character of the match that belongs to a piece.
            let end = if s.text.as_bytes()[m.end() - 1] == b' ' { m.end() - 2 } else { m.end() - 1 } as u32;
            let last = s.piece_start.partition_point(|&p| p <= end).saturating_sub(1);
            if last < first {
                continue;
            }
            all.push((first, last, m.pattern().as_usize()));
        }
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut next_free = 0usize;
        for (first, last, pat) in all {
            if first < next_free && !overlapping {
                continue;
            }
            next_free = last + 1;
            let t0 = s.piece_tok[first] as usize;
            let t1 = s.piece_tok[last] as usize;
            out.push(Found { pattern: pat, start: t0, len: t1 + 1 - t0 });
        }
        out
    }
}
