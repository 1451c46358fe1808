//! The discard list: phrases that stop a sentence (or, with `+`, a whole story) from being
//! coded: sports results, historical chronologies.
//!
//! # Format (PETRARCH `.discards`)
//! ```text
//! BASEBALL            sentence level; the last word is a stem (matches BASEBALLS)
//! GROUP A_            a final `_`: the last word must end there
//! +ACADEMY AWARD      story level (also `+ ACADEMY AWARD`)
//! ```
//! Matching is case-insensitive on word pieces (see [`crate::phrase`]); every word but the
//! last must match whole.
//!
//! # Diagnostics
//! `L001`-`L004` bad bytes; `L040` (error) empty phrase; `L041` (warning) a `[code]` on a
//! discard line (a TABARI-era `[###]`: the text before it is used); `L026` (info) duplicate.
//!
//! ```
//! use petrel_lexicon::discards::{self, DiscardList};
//! let (entries, _) = discards::parse(b"BASEBALL\n+WORLD CUP\n", "d.txt");
//! let list = DiscardList::from_entries(entries);
//! let hit = list.find(&["two", "baseballs", "flew"]).unwrap();
//! assert_eq!((hit.start, hit.len, list.entry(hit.entry).story), (1, 1, false));
//! ```

use crate::phrase::{phrase_key, upper_words, FxMap};
use crate::text::{is_xml_comment, lines, strip_comment};
use crate::textmatch::{pattern, Matcher, Spaced};
use crate::types::Origin;
use petrel_model::Diagnostic;

/// One discard phrase.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DiscardEntry {
    /// Upper-case words separated by single blanks (without `+` and final `_`).
    pub phrase: String,
    /// `+` lines: discard the whole story, not only the sentence.
    pub story: bool,
    /// A final `_`: the last word must match whole (else it is a stem).
    pub whole: bool,
    pub origin: Origin,
}

/// One match: tokens `start..start+len`, entry index for [`DiscardList::entry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiscardHit {
    pub start: usize,
    pub len: usize,
    pub entry: usize,
}

/// Compiled discard list.
#[derive(Clone, Debug, Default)]
pub struct DiscardList {
    entries: Vec<DiscardEntry>,
    /// Pattern index -> entry index.
    pat_entry: Vec<usize>,
    matcher: Matcher,
}

impl DiscardList {
    pub fn from_entries(entries: Vec<DiscardEntry>) -> DiscardList {
        let mut pats = Vec::new();
        let mut pat_entry = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let words: Vec<&str> = e.phrase.split_whitespace().collect();
            if let Some(p) = pattern(&words, e.whole) {
                pats.push(p);
                pat_entry.push(i);
            }
        }
        DiscardList { matcher: Matcher::new(&pats), entries, pat_entry }
    }

    /// All matches (leftmost-longest, non-overlapping).
    pub fn find_all(&self, words: &[&str]) -> Vec<DiscardHit> {
        if self.pat_entry.is_empty() {
            return Vec::new();
        }
        Spaced::with(words, |s| self.matcher.find_all(s, false))
            .into_iter()
            .map(|f| DiscardHit { start: f.start, len: f.len, entry: self.pat_entry[f.pattern] })
            .collect()
    }

    /// The first match, preferring a story-level one (it decides more).
    pub fn find(&self, words: &[&str]) -> Option<DiscardHit> {
        let all = self.find_all(words);
        all.iter().find(|h| self.entries[h.entry].story).or(all.first()).copied()
    }

    pub fn entry(&self, i: usize) -> &DiscardEntry {
        &self.entries[i]
    }

    pub fn entries(&self) -> &[DiscardEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Read a discard list. Never fails: problems come back as `L0xx` diagnostics.
pub fn parse(bytes: &[u8], file: &str) -> (Vec<DiscardEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let mut seen: FxMap<(String, bool), u32> = FxMap::default();
    for l in lines(bytes, file, &mut diags) {
        if is_xml_comment(&l.text) {
            continue;
        }
        let mut t = strip_comment(&l.text).trim();
        if t.is_empty() {
            continue;
        }
        // TABARI-style trailing "; comment".
        if let Some(i) = t.find(';') {
            t = t[..i].trim();
        }
        if let Some(i) = t.find('[') {
            diags.push(
                Diagnostic::warning("L041", format!("code {:?} on a discard line: discards take no code; the phrase before it is used", &t[i..]))
                    .at(file, l.no),
            );
            t = t[..i].trim();
        }
        let (story, rest) = match t.strip_prefix('+') {
            Some(r) => (true, r.trim()),
            None => (false, t),
        };
        let whole = rest.ends_with('_');
        let phrase = upper_words(rest);
        let key = phrase_key(&phrase);
        if key.is_empty() {
            diags.push(Diagnostic::error("L040", format!("empty discard phrase {t:?}")).at(file, l.no));
            continue;
        }
        if let Some(prev) = seen.insert((key, whole), l.no) {
            diags.push(
                Diagnostic::info("L026", format!("duplicate discard phrase {phrase} (line {prev} too)")).at(file, l.no),
            );
        }
        out.push(DiscardEntry { phrase, story, whole, origin: Origin { file: file.to_string(), line: l.no } });
    }
    (out, diags)
}
