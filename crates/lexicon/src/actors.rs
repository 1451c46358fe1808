//! The actor dictionary: names (with `+` synonyms) to date-bounded CAMEO actor codes.
//!
//! # Format (PETRARCH/TABARI `.actors`)
//! ```text
//! # comment                         <!-- also a comment line -->
//! AFGHANISTAN_  [AFG]               primary phrase with a default code
//! +AFGHAN_                          synonym of the entry above
//! HAMID_KARZAI_                     primary phrase without an inline code
//!     [AFGELI 750101-000101]        code lines (any leading blanks) for the current entry
//!     [AFGGOV >011222]              after (inclusive)
//!     [AFGELI]                      default
//! ```
//! Phrases are words separated by blanks or `_`; they are stored upper-case with single
//! spaces. Dates are YYMMDD or YYYYMMDD (see [`crate::codes`] for the two-digit-year rule).
//! Blank and comment lines do not end an entry: the next primary phrase does (but see `L018`).
//! A `;` starts a TABARI-style comment in phrase lines and after codes.
//!
//! # Matching
//! [`ActorDict`] matches word sequences with the normalisation of [`crate::phrase`]
//! (case, possessive `'S`, hyphens, trailing period). Leftmost-longest wins (except that a
//! match starting with `THE` gives way to a longer-reaching one on the next token); for the same
//! phrase a LATER entry overrides an earlier one, so an overlay appended after Phoenix wins.
//! One-word phrases that are also common lower-case English words (`US`, `WHO`, `IT`, `MAY`,
//! `MALE`, `ORGANIZATION`, `YOUTH`) match only a token with a capital letter: "told us" is
//! not the USA.
//!
//! # Diagnostics
//! - `L001`-`L004`: bad bytes (invalid UTF-8, control bytes, mojibake, U+FFFD).
//! - `L010` (error): a synonym or code line before any primary phrase.
//! - `L011` (warning): an entry without any code (it matches, but codes to nothing).
//! - `L012` (warning/error): malformed code; `L013` (warning): lower-case code.
//! - `L014` (error): unbalanced `[` `]`.
//! - `L015` (warning): text outside brackets after the phrase.
//! - `L016` (warning): `+` inside a phrase (read as two synonyms).
//! - `L017` (error): empty phrase.
//! - `L019` (warning): a code whose length is not a multiple of 3.
//! - `L018` (warning): a primary phrase without code directly (no blank line) after an entry
//!   without code, itself without code: read as a synonym of that entry (a missing `+`;
//!   PETRARCH would leave both uncoded).
//! - `L020` (error): bad date; `L021` (error): bad restriction; the code is dropped.
//! - `L022` (warning): empty date range.
//! - `L023` (warning): unreachable restriction: a different code inside an earlier code's range.
//! - `L024` (warning): a second default code, never used.
//! - `L025` (warning): the same phrase defined twice in one file with different codes (the
//!   later one wins); `L026` (info): the same, with identical codes (harmless).
//!
//! ```
//! use petrel_lexicon::actors::{self, ActorDict};
//! let (entries, diags) = actors::parse(b"RUSSIA [RUS]\n+RUSSIAN\nVLADIMIR_PUTIN\n\t[RUSGOV >20000507]\n", "t.txt");
//! assert!(diags.is_empty());
//! let dict = ActorDict::from_entries(entries);
//! let words = ["Russian", "President", "Vladimir", "Putin", "'s", "aide"];
//! let hits = dict.find_all(&words);
//! assert_eq!((hits[0].start, hits[0].len), (0, 1));
//! assert_eq!((hits[1].start, hits[1].len), (2, 2));
//! assert_eq!(dict.entry(hits[1].id).name, "VLADIMIR PUTIN");
//! ```

use crate::codes::{bracket_groups, check_reachable, parse_group, show};
use crate::phrase::{phrase_hash, phrase_key, upper_words, FxMap, PhraseTrie};
use crate::text::{is_xml_comment, lines, strip_comment};
use crate::types::{ActorEntry, DatedCode, Origin};
use petrel_model::Diagnostic;

/// Index of an entry in an [`ActorDict`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub u32);

/// One match of [`ActorDict::find_all`]: tokens `start..start+len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorHit {
    pub start: usize,
    pub len: usize,
    pub id: ActorId,
}

/// Compiled actor dictionary (immutable once built).
#[derive(Clone, Debug, Default)]
pub struct ActorDict {
    entries: Vec<ActorEntry>,
    trie: PhraseTrie,
}

impl ActorDict {
    /// Compile entries; for a phrase defined more than once the LATER entry wins.
    pub fn from_entries(entries: Vec<ActorEntry>) -> ActorDict {
        let mut d = ActorDict { entries: Vec::new(), trie: PhraseTrie::with_case_guard() };
        d.extend(entries);
        d
    }

    /// Append entries (they override earlier ones for the same phrases).
    pub fn extend(&mut self, entries: Vec<ActorEntry>) {
        let mut buf = String::new();
        self.entries.reserve(entries.len());
        for e in entries {
            let id = self.entries.len() as u32;
            for phrase in std::iter::once(&e.name).chain(e.synonyms.iter()) {
                self.trie.insert_phrase(phrase, id, &mut buf);
            }
            self.entries.push(e);
        }
    }

    /// The longest phrase starting at token `start`: `(number of tokens, id)`.
    pub fn longest_at(&self, words: &[&str], start: usize) -> Option<(usize, ActorId)> {
        self.trie.longest_at(words, start).map(|(n, v)| (n, ActorId(v)))
    }

    /// All matches, leftmost-longest and non-overlapping, in order; a match starting with
    /// `THE` gives way to a longer-reaching match on the next token ("the UN Security Council").
    pub fn find_all(&self, words: &[&str]) -> Vec<ActorHit> {
        self.trie.find_all(words).into_iter().map(|(start, len, v)| ActorHit { start, len, id: ActorId(v) }).collect()
    }

    /// The entry of an id returned by this dictionary (panics on a foreign id).
    pub fn entry(&self, id: ActorId) -> &ActorEntry {
        &self.entries[id.0 as usize]
    }

    pub fn get(&self, id: ActorId) -> Option<&ActorEntry> {
        self.entries.get(id.0 as usize)
    }

    pub fn entries(&self) -> &[ActorEntry] {
        &self.entries
    }

    /// Number of entries (including ones whose phrases were all overridden).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct matchable phrases.
    pub fn phrase_count(&self) -> usize {
        self.trie.len()
    }
}

/// Split a phrase text (`VLADIMIR_PUTIN_`, `CARLOS SANTOS_CRUZ`) into upper-case words
/// joined by single spaces; `+` inside splits it into several phrases (`L016`).
fn phrases_of(raw: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let raw = raw.trim();
    if !raw.contains('+') {
        let words = upper_words(raw);
        if words.is_empty() {
            diags.push(Diagnostic::error("L017", format!("empty phrase {raw:?}: expected words")).at(file, line));
            return Vec::new();
        }
        return vec![words];
    }
    let parts: Vec<&str> = raw.split('+').collect();
    diags.push(
        Diagnostic::warning("L016", format!("'+' inside phrase {raw:?}: read as {} synonyms", parts.len())).at(file, line),
    );
    let out: Vec<String> = parts.iter().map(|p| upper_words(p)).filter(|w| !w.is_empty()).collect();
    if out.is_empty() {
        diags.push(Diagnostic::error("L017", format!("empty phrase {raw:?}: expected words")).at(file, line));
    }
    out
}

/// Parse the codes on a line (after the phrase). Pushes them with their line numbers.
fn codes_of(
    s: &str,
    file: &str,
    line: u32,
    codes: &mut Vec<DatedCode>,
    code_lines: &mut Vec<u32>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let (groups, outside) = bracket_groups(s, file, line, diags);
    for g in groups {
        if let Some(c) = parse_group(g, file, line, diags) {
            codes.push(c);
            code_lines.push(line);
        }
    }
    outside
}

struct Pending {
    entry: ActorEntry,
    code_lines: Vec<u32>,
    /// Any `[...]` seen for this entry, readable or not.
    had_codes: bool,
}

/// Read an actor dictionary. Never fails: problems come back as `L0xx` diagnostics and the
/// readable entries are returned in file order.
pub fn parse(bytes: &[u8], file: &str) -> (Vec<ActorEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out: Vec<ActorEntry> = Vec::new();
    let mut seen: FxMap<u64, usize> = FxMap::default();
    let mut cur: Option<Pending> = None;

    let finish = |p: Pending, out: &mut Vec<ActorEntry>, seen: &mut FxMap<u64, usize>, diags: &mut Vec<Diagnostic>| {
        let e = p.entry;
        if e.codes.is_empty() {
            diags.push(
                Diagnostic::warning("L011", format!("actor {} has no code: expected [CODE] on its line or below", e.name))
                    .at(file, e.origin.line),
            );
        }
        check_reachable(&e.codes, &p.code_lines, &e.name, file, diags);
        let idx = out.len();
        for phrase in std::iter::once(&e.name).chain(e.synonyms.iter()) {
            let Some(key) = phrase_hash(phrase) else { continue };
            if let Some(prev) = seen.insert(key, idx) {
                if prev == idx {
                    continue;
                }
                let p: &ActorEntry = &out[prev];
                // Confirm (a 64-bit hash collision must not report a false duplicate).
                let k = phrase_key(phrase);
                if !std::iter::once(&p.name).chain(p.synonyms.iter()).any(|q| phrase_key(q) == k) {
                    continue;
                }
                let (pl, l) = (p.origin.line, e.origin.line);
                let d = if p.codes == e.codes {
                    Diagnostic::info("L026", format!("duplicate phrase {phrase} (line {pl} too) with the same codes"))
                } else {
                    let show_all = |c: &[DatedCode]| c.iter().map(|c| format!("[{}]", show(c))).collect::<Vec<_>>().join(" ");
                    Diagnostic::warning(
                        "L025",
                        format!(
                            "duplicate phrase {phrase}: this entry ({}) replaces the one at line {pl} ({})",
                            show_all(&e.codes),
                            show_all(&p.codes)
                        ),
                    )
                };
                diags.push(d.at(file, l));
            }
        }
        out.push(e);
    };

    // A blank line since the current entry's last line (comment lines do not count).
    let mut blank = false;
    for l in lines(bytes, file, &mut diags) {
        if l.text.trim().is_empty() {
            blank = true;
            continue;
        }
        if is_xml_comment(&l.text) {
            continue;
        }
        let text = strip_comment(&l.text);
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            match cur.as_mut() {
                Some(p) => {
                    p.had_codes = true;
                    let outside = codes_of(t, file, l.no, &mut p.entry.codes, &mut p.code_lines, &mut diags);
                    junk(&outside, file, l.no, &mut diags);
                }
                None => diags.push(
                    Diagnostic::error("L010", format!("code line {t:?} before any actor phrase; ignored")).at(file, l.no),
                ),
            }
        } else if let Some(rest) = t.strip_prefix('+') {
            let (phrase_part, code_part) = split_phrase(rest);
            let phrase_part = phrase_part.split(';').next().unwrap_or("");
            match cur.as_mut() {
                Some(p) => {
                    let names = phrases_of(phrase_part, file, l.no, &mut diags);
                    p.entry.synonyms.extend(names);
                    if !code_part.trim().is_empty() {
                        p.had_codes = true;
                        let outside = codes_of(code_part, file, l.no, &mut p.entry.codes, &mut p.code_lines, &mut diags);
                        junk(&outside, file, l.no, &mut diags);
                    }
                }
                None => diags.push(
                    Diagnostic::error("L010", format!("synonym line {t:?} before any actor phrase; ignored")).at(file, l.no),
                ),
            }
        } else {
            let (phrase_part, code_part) = split_phrase(t);
            // A code-less entry directly followed by a code-less primary line: a missing `+`
            // (Phoenix has whole blocks like this, e.g. Gorbachev's and Yeltsin's names).
            if let Some(p) = cur.as_mut().filter(|p| !p.had_codes && !blank && code_part.trim().is_empty()) {
                let names = phrases_of(phrase_part.split(';').next().unwrap_or(""), file, l.no, &mut diags);
                diags.push(
                    Diagnostic::warning(
                        "L018",
                        format!(
                            "{:?} follows the code-less entry {} (line {}) directly: read as its synonym (missing '+'?)",
                            phrase_part.trim(),
                            p.entry.name,
                            p.entry.origin.line
                        ),
                    )
                    .at(file, l.no),
                );
                p.entry.synonyms.extend(names);
                continue;
            }
            blank = false;
            if let Some(p) = cur.take() {
                finish(p, &mut out, &mut seen, &mut diags);
            }
            let phrase_part = match phrase_part.find(';') {
                Some(i) => &phrase_part[..i],
                None => phrase_part,
            };
            let mut names = phrases_of(phrase_part, file, l.no, &mut diags);
            if names.is_empty() {
                // Codes with no phrase: nothing to attach them to.
                let mut sink = Vec::new();
                codes_of(code_part, file, l.no, &mut sink, &mut Vec::new(), &mut diags);
                continue;
            }
            let name = names.remove(0);
            let mut p = Pending {
                entry: ActorEntry {
                    name,
                    synonyms: names,
                    codes: Vec::new(),
                    origin: Origin { file: file.to_string(), line: l.no },
                },
                code_lines: Vec::new(),
                had_codes: !code_part.trim().is_empty(),
            };
            let outside = codes_of(code_part, file, l.no, &mut p.entry.codes, &mut p.code_lines, &mut diags);
            let outside = match outside.find(';') {
                Some(i) => outside[..i].to_string(),
                None => outside,
            };
            junk(&outside, file, l.no, &mut diags);
            cur = Some(p);
        }
    }
    if let Some(p) = cur.take() {
        finish(p, &mut out, &mut seen, &mut diags);
    }
    (out, diags)
}

/// Split a line at the first `[`: phrase text and code text.
fn split_phrase(s: &str) -> (&str, &str) {
    match s.find('[') {
        Some(i) => (&s[..i], &s[i..]),
        None => match s.find(']') {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, ""),
        },
    }
}

fn junk(outside: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) {
    // Text after `;` is a TABARI-style comment.
    let o = outside.split(';').next().unwrap_or("").trim();
    if !o.is_empty() {
        diags.push(
            Diagnostic::warning("L015", format!("unexpected text {o:?} after the codes; ignored (comments start with #)"))
                .at(file, line),
        );
    }
}
