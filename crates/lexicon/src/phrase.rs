//! Word normalisation and the phrase trie shared by the actor and agent dictionaries.
//!
//! Matching is on *pieces*: each word (a dictionary word or an input token) is upper-cased,
//! a possessive `'S` / `’S` or trailing apostrophe is removed, one trailing `.` is removed,
//! and the result is split at hyphens. So `al-Qaeda's`, `AL-QAEDA`, `al Qaeda` and
//! `Al - Qaeda` all give the pieces `AL QAEDA`; `W.` gives `W`; a token `'s` or `-` gives no
//! piece (it is passed over inside a phrase but a phrase never starts on it, and a match
//! never ends on it). A match always starts at the first piece of a token and ends at the
//! last piece of a token: `AL` does not match the first half of `al-Qaeda`.
//!
//! The trie maps interned piece ids to nodes with one hash map keyed by `(node, piece)`, and
//! the root's children by piece id in a plain table (every token starts a search there: one
//! memory access instead of a hash probe, which on the large actor dictionary is a cache miss).
//! Inserting a phrase again replaces its value (later entries win).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (FxHash's multiply-rotate) for interned keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

/// A `HashMap` with [`FxHasher`]: for lookups by interned ids and packed words (its iteration
/// order is as arbitrary as any map's).
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Normalise one word into `buf` (cleared first): upper case, possessive and one trailing
/// period removed. Hyphens are kept; split with [`pieces`].
pub(crate) fn normalize_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_uppercase();
    } else {
        for c in word.chars() {
            match c {
                '’' | '‘' | '`' => buf.push('\''),
                '‐' | '‑' | '–' | '—' => buf.push('-'),
                _ => buf.extend(c.to_uppercase()),
            }
        }
    }
    if buf.ends_with("'S") {
        buf.truncate(buf.len() - 2);
    } else if buf.ends_with('\'') {
        buf.truncate(buf.len() - 1);
    }
    if buf.ends_with('.') {
        buf.truncate(buf.len() - 1);
    }
}

/// The pieces of a normalised word (split at hyphens, empty parts dropped).
pub(crate) fn pieces(norm: &str) -> impl Iterator<Item = &str> {
    norm.split('-').filter(|p| !p.is_empty())
}

/// The pieces of a blank-separated phrase joined by single blanks: a key under which two
/// phrases that match the same words are equal.
pub(crate) fn phrase_key(phrase: &str) -> String {
    let mut buf = String::new();
    let mut out = String::with_capacity(phrase.len());
    for w in phrase.split_whitespace() {
        normalize_into(w, &mut buf);
        for p in pieces(&buf) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(p);
        }
    }
    out
}

/// Dictionary phrase text (`VLADIMIR_PUTIN_`, `Carlos Santos_Cruz`) as upper-case words
/// separated by single blanks; `_` and whitespace both separate words.
pub(crate) fn upper_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c == '_' || c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.extend(c.to_uppercase());
        }
    }
    out
}

/// A 64-bit hash of [`phrase_key`] computed without allocating; `None` for no pieces.
pub(crate) fn phrase_hash(phrase: &str) -> Option<u64> {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    let mut buf = String::new();
    let mut any = false;
    for w in phrase.split_whitespace() {
        normalize_into(w, &mut buf);
        for p in pieces(&buf) {
            any = true;
            h.write(p.as_bytes());
            h.write_u32(0xff);
        }
    }
    any.then(|| h.finish())
}

/// Pieces of a whole phrase given as words (dictionary side).
pub(crate) fn phrase_pieces(words: &[&str]) -> Vec<String> {
    let mut buf = String::new();
    let mut out = Vec::new();
    for w in words {
        normalize_into(w, &mut buf);
        out.extend(pieces(&buf).map(str::to_string));
    }
    out
}

const NONE: u32 = u32::MAX;

/// Pieces of at most this many bytes are interned by value ([`pack`]).
const INLINE: usize = 15;

/// A piece of at most [`INLINE`] bytes as one number: its bytes, then its length in the top
/// byte (so two different pieces never pack alike). `None` for a longer piece.
#[inline]
pub(crate) fn pack(piece: &str) -> Option<u128> {
    pack_bytes(piece.as_bytes())
}

/// [`pack`] over bytes (a word upper-cased on the stack packs as the upper-cased string would).
#[inline]
pub(crate) fn pack_bytes(b: &[u8]) -> Option<u128> {
    if b.len() > INLINE {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// A trie over interned pieces; values are `u32` (an entry index).
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseTrie {
    /// Interned pieces of at most [`INLINE`] bytes, packed in a `u128` (no pointer to follow on
    /// lookup: every input token asks this map).
    short: FxMap<u128, u32>,
    /// Longer pieces.
    long: FxMap<Box<str>, u32>,
    /// Child of the root per piece id (`NONE`: no phrase starts with that piece).
    root: Vec<u32>,
    edges: FxMap<(u32, u32), u32>,
    /// Value per node; `NONE` when no phrase ends there. Node 0 is the root.
    values: Vec<u32>,
    /// Whether one-word phrases in [`CASE_GUARDED`] need a capital letter in the input.
    guard: bool,
    /// Nodes of such one-word phrases.
    guarded: Vec<u32>,
}

/// One-word actor phrases that are also frequent lower-case English words (checked against
/// UD English EWT): they match only a token with a capital letter, so "told us" is not the
/// USA and "who said" is not the World Health Organization.
pub const CASE_GUARDED: &[&str] = &["US", "WHO", "IT", "MAY", "MALE", "ORGANIZATION", "YOUTH"];

impl PhraseTrie {
    pub fn new() -> PhraseTrie {
        PhraseTrie { values: vec![NONE], ..Default::default() }
    }

    /// A trie whose one-word [`CASE_GUARDED`] phrases need a capital letter in the input.
    pub fn with_case_guard() -> PhraseTrie {
        PhraseTrie { values: vec![NONE], guard: true, ..Default::default() }
    }

    /// True when a one-token match ending at `node` must be refused for `token`.
    #[inline]
    fn refused(&self, node: u32, token: &str) -> bool {
        !self.guarded.is_empty() && self.guarded.contains(&node) && !token.chars().any(char::is_uppercase)
    }

    fn intern(&mut self, piece: &str) -> u32 {
        let found = self.piece_id(piece);
        if found != NONE {
            return found;
        }
        let id = self.root.len() as u32;
        match pack(piece) {
            Some(k) => self.short.insert(k, id),
            None => self.long.insert(piece.into(), id),
        };
        self.root.push(NONE);
        id
    }

    /// Insert a blank-separated phrase (normalised here); returns the value it replaced.
    pub fn insert_phrase(&mut self, phrase: &str, value: u32, buf: &mut String) -> Option<u32> {
        if self.values.is_empty() {
            self.values.push(NONE);
        }
        let mut node = 0u32;
        let mut any = false;
        for w in phrase.split_whitespace() {
            normalize_into(w, buf);
            for p in pieces(buf) {
                any = true;
                let id = self.intern(p);
                let next = if node == 0 { Some(self.root[id as usize]).filter(|&n| n != NONE) } else { self.edges.get(&(node, id)).copied() };
                node = match next {
                    Some(n) => n,
                    None => {
                        let n = self.values.len() as u32;
                        self.values.push(NONE);
                        if node == 0 {
                            self.root[id as usize] = n;
                        } else {
                            self.edges.insert((node, id), n);
                        }
                        n
                    }
                };
            }
        }
        if !any {
            return None;
        }
        if self.guard && !self.guarded.contains(&node) {
            let mut words = phrase.split_whitespace();
            if let (Some(w), None) = (words.next(), words.next()) {
                normalize_into(w, buf);
                if CASE_GUARDED.contains(&buf.as_str()) {
                    self.guarded.push(node);
                }
            }
        }
        let old = std::mem::replace(&mut self.values[node as usize], value);
        (old != NONE).then_some(old)
    }

    /// Number of distinct phrases stored.
    pub fn len(&self) -> usize {
        self.values.iter().filter(|&&v| v != NONE).count()
    }

    /// The interned id of a piece; `NONE` when no phrase has it.
    #[inline]
    fn piece_id(&self, piece: &str) -> u32 {
        match pack(piece) {
            Some(k) => self.short.get(&k),
            None => self.long.get(piece),
        }
        .copied()
        .unwrap_or(NONE)
    }

    /// The node reached from `node` by piece `id`.
    #[inline]
    fn step(&self, node: u32, id: u32) -> Option<u32> {
        if id == NONE {
            None
        } else if node == 0 {
            Some(self.root[id as usize]).filter(|&n| n != NONE)
        } else {
            self.edges.get(&(node, id)).copied()
        }
    }

    /// Longest phrase starting at token `start`: `(tokens, value)`.
    pub fn longest_at(&self, words: &[&str], start: usize) -> Option<(usize, u32)> {
        if start >= words.len() || self.values.len() <= 1 {
            return None;
        }
        let mut buf = String::new();
        let mut node = 0u32;
        let mut best = None;
        for (t, w) in words[start..].iter().enumerate() {
            normalize_into(w, &mut buf);
            let mut any = false;
            for p in pieces(&buf) {
                any = true;
                match self.step(node, self.piece_id(p)) {
                    Some(n) => node = n,
                    None => return best,
                }
            }
            if !any {
                if t == 0 {
                    return None;
                }
                continue;
            }
            let v = self.values[node as usize];
            if v != NONE && !(t == 0 && self.refused(node, w)) {
                best = Some((t + 1, v));
            }
        }
        best
    }

    /// Leftmost-longest, non-overlapping matches: `(start, tokens, value)`. One exception
    /// to leftmost: a match that starts with `THE` gives way to a match starting on the next
    /// token that reaches further ("the UN Security Council" is `UN SECURITY COUNCIL`, not
    /// `THE UN` + `SECURITY COUNCIL`).
    pub fn find_all(&self, words: &[&str]) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        if self.values.len() <= 1 {
            return out;
        }
        // Normalise every token once: piece ids per token.
        let mut buf = String::new();
        let mut ids: Vec<u32> = Vec::with_capacity(words.len() + 4);
        let mut first: Vec<u32> = Vec::with_capacity(words.len() + 1);
        let the = self.piece_id("THE");
        for w in words {
            first.push(ids.len() as u32);
            normalize_into(w, &mut buf);
            for p in pieces(&buf) {
                ids.push(self.piece_id(p));
            }
        }
        first.push(ids.len() as u32);
        // The longest match starting at token `i`: `(tokens, value)`.
        let best_at = |i: usize| -> Option<(usize, u32)> {
            let (a, b) = (first[i] as usize, first[i + 1] as usize);
            if a == b {
                return None;
            }
            let mut node = 0u32;
            let mut best = None;
            let mut t = i;
            'tokens: while t < words.len() {
                let (a, b) = (first[t] as usize, first[t + 1] as usize);
                for &id in &ids[a..b] {
                    match self.step(node, id) {
                        Some(n) => node = n,
                        None => break 'tokens,
                    }
                }
                if a < b {
                    let v = self.values[node as usize];
                    if v != NONE && !(t == i && self.refused(node, words[t])) {
                        best = Some((t + 1 - i, v));
                    }
                }
                t += 1;
            }
            best
        };
        let mut i = 0;
        while i < words.len() {
            match best_at(i) {
                Some((len, v)) => {
                    let starts_with_the = the != NONE && ids.get(first[i] as usize) == Some(&the) && len > 1;
                    let next = if starts_with_the { best_at(i + 1) } else { None };
                    match next {
                        Some((len2, v2)) if i + 1 + len2 > i + len => {
                            out.push((i + 1, len2, v2));
                            i += 1 + len2;
                        }
                        _ => {
                            out.push((i, len, v));
                            i += len;
                        }
                    }
                }
                None => i += 1,
            }
        }
        out
    }
}
