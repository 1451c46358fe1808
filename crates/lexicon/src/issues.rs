//! The issue dictionary: phrases that tag a sentence with issue codes
//! (`NUCLEAR_WEAPONS`, `ID_ATROCITY`...), counted per sentence.
//!
//! # Format (`Phoenix.IssueCoding.txt`)
//! ```text
//! <ISSUE CATEGORY="ID_ATROCITY" TYPE="ALL">    category block (recorded on the entries)
//! n:genocide [ID_ATROCITY]        n: singular and plural (GENOCIDE, GENOCIDES)
//! ethnic v:purge [ID_ATROCITY]    v: PURGE, PURGES, PURGED, PURGING
//! al+zarqawi network [TERROR]     +: the words joined by a blank or a hyphen
//! ~Saturday Night massacre        ignore phrase: no issues for the sentence
//! ~~Armenian genocide             also an ignore phrase
//! </ISSUE>
//! ```
//! Matching is on whole words (a blank is implied before and after the phrase), case
//! insensitive, on word pieces (see [`crate::phrase`]; hyphens split words, so `+` yields one
//! pattern). Regular verb forms: `S`/`ES`/`IES`; `ED` (`D` after `E`, `IED` after
//! consonant + `Y`); `ING` (a final `E` dropped unless `EE`). No consonant doubling.
//!
//! # Diagnostics
//! `L001`-`L004` bad bytes; `L050` (error) phrase without `[CODE]` (skipped); `L051`
//! (warning) unknown expansion prefix `x:` (read as a plain word); `L052` (warning)
//! `</ISSUE>` without an open block or a block left open; `L053` (error) malformed code;
//! `L054` (error) empty phrase; `L055` (error) a line expanding to more than 1000 phrases;
//! `L025` duplicate phrase.
//!
//! ```
//! use petrel_lexicon::issues::{self, IssueDict};
//! let (e, d) = issues::parse(b"n:atrocity [ID_ATROCITY]\nwar n:crime [ID_ATROCITY]\n~war crimes tribunal\n", "i.txt");
//! assert!(d.is_empty());
//! let dict = IssueDict::from_entries(e);
//! let w = ["atrocities", "and", "war", "crimes"];
//! assert_eq!(dict.code(&w), vec![("ID_ATROCITY".to_string(), 2)]);
//! assert!(dict.code(&["the", "war", "crimes", "tribunal"]).is_empty());
//! ```

use crate::agents::regular_plural;
use crate::phrase::FxMap;
use crate::text::{is_xml_comment, lines, strip_comment};
use crate::textmatch::{pattern, Matcher, Spaced};
use crate::types::Origin;
use petrel_model::Diagnostic;

/// One issue line, with all its generated forms.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IssueEntry {
    /// The phrase as written (`ethnic v:purge`).
    pub phrase: String,
    /// The issue code; empty for an ignore phrase.
    pub code: String,
    /// `~` / `~~` lines: matching cancels all issue coding of the sentence.
    pub ignore: bool,
    /// The `<ISSUE CATEGORY=...>` block it is in.
    pub category: Option<String>,
    /// Generated forms, upper-case words separated by blanks.
    pub forms: Vec<String>,
    pub origin: Origin,
}

/// One match: tokens `start..start+len`, entry index for [`IssueDict::entry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IssueHit {
    pub start: usize,
    pub len: usize,
    pub entry: usize,
}

/// Compiled issue dictionary.
#[derive(Clone, Debug, Default)]
pub struct IssueDict {
    entries: Vec<IssueEntry>,
    pat_entry: Vec<usize>,
    matcher: Matcher,
}

impl IssueDict {
    /// Compile; for a form defined twice the LATER entry wins.
    pub fn from_entries(entries: Vec<IssueEntry>) -> IssueDict {
        let mut index: FxMap<String, usize> = FxMap::default();
        let mut pats: Vec<String> = Vec::new();
        let mut pat_entry = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for f in &e.forms {
                let words: Vec<&str> = f.split_whitespace().collect();
                let Some(p) = pattern(&words, true) else { continue };
                match index.get(&p) {
                    Some(&k) => pat_entry[k] = i,
                    None => {
                        index.insert(p.clone(), pats.len());
                        pats.push(p);
                        pat_entry.push(i);
                    }
                }
            }
        }
        IssueDict { matcher: Matcher::new(&pats), entries, pat_entry }
    }

    /// All matches (leftmost-longest, non-overlapping), ignore phrases included.
    pub fn find_all(&self, words: &[&str]) -> Vec<IssueHit> {
        self.hits(words, false)
    }

    fn hits(&self, words: &[&str], overlapping: bool) -> Vec<IssueHit> {
        if self.pat_entry.is_empty() {
            return Vec::new();
        }
        self.matcher
            .find_all(&Spaced::new(words), overlapping)
            .into_iter()
            .map(|f| IssueHit { start: f.start, len: f.len, entry: self.pat_entry[f.pattern] })
            .collect()
    }

    /// Issue codes of a sentence with their counts, in order of first match; empty when an
    /// ignore phrase matched anywhere (even overlapping a coded phrase).
    pub fn code(&self, words: &[&str]) -> Vec<(String, u32)> {
        let all = self.hits(words, true);
        if all.iter().any(|h| self.entries[h.entry].ignore) {
            return Vec::new();
        }
        let hits = self.find_all(words);
        let mut out: Vec<(String, u32)> = Vec::new();
        for h in hits {
            let c = &self.entries[h.entry].code;
            match out.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => out.push((c.clone(), 1)),
            }
        }
        out
    }

    pub fn entry(&self, i: usize) -> &IssueEntry {
        &self.entries[i]
    }

    pub fn entries(&self) -> &[IssueEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// At most this many forms from one line's `n:`/`v:`/`+` expansions (a guard against
/// pathological lines; Phoenix lines give at most 16).
const MAX_FORMS: usize = 1000;

/// Regular verb forms: base, `S`, `ED`, `ING` (see the module docs).
pub fn verb_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    if n == 0 {
        return Vec::new();
    }
    let vowel = |c: u8| matches!(c, b'A' | b'E' | b'I' | b'O' | b'U');
    let cons_y = n >= 2 && b[n - 1] == b'Y' && !vowel(b[n - 2]);
    let s = regular_plural(w);
    let ed = if w.ends_with('E') {
        format!("{w}D")
    } else if cons_y {
        format!("{}IED", &w[..n - 1])
    } else {
        format!("{w}ED")
    };
    let ing = if w.ends_with('E') && !w.ends_with("EE") && n > 2 {
        format!("{}ING", &w[..n - 1])
    } else {
        format!("{w}ING")
    };
    vec![w.to_string(), s, ed, ing]
}

/// Forms of one blank-separated item (`pre+n:school`): each `+` part expanded, parts
/// joined by a blank (a hyphen normalises to the same pieces).
/// `None` when they would be more than [`MAX_FORMS`].
fn item_forms(item: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) -> Option<Vec<String>> {
    let mut acc: Vec<String> = vec![String::new()];
    for part in item.split('+').filter(|p| !p.is_empty()) {
        let forms: Vec<String> = match part.split_once(':') {
            Some(("n" | "N", w)) => {
                let w = w.to_uppercase();
                vec![w.clone(), regular_plural(&w)]
            }
            Some(("v" | "V", w)) => verb_forms(&w.to_uppercase()),
            Some((p, _)) if p.len() == 1 => {
                diags.push(
                    Diagnostic::warning("L051", format!("unknown expansion {p}: in {item:?}: expected n: or v:; read as a plain word"))
                        .at(file, line),
                );
                vec![part.to_uppercase()]
            }
            _ => vec![part.to_uppercase()],
        };
        if acc.len().saturating_mul(forms.len()) > MAX_FORMS {
            return None;
        }
        let mut next = Vec::with_capacity(acc.len() * forms.len());
        for a in &acc {
            for f in &forms {
                next.push(if a.is_empty() { f.clone() } else { format!("{a} {f}") });
            }
        }
        acc = next;
    }
    acc.retain(|s| !s.is_empty());
    Some(acc)
}

/// Read an issue dictionary. Never fails: problems come back as `L0xx` diagnostics.
pub fn parse(bytes: &[u8], file: &str) -> (Vec<IssueEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let mut category: Option<(String, u32)> = None;
    let mut seen: FxMap<String, (u32, String, String)> = FxMap::default();
    for l in lines(bytes, file, &mut diags) {
        let raw = l.text.trim();
        let no = l.no;
        if raw.starts_with("<ISSUE") || raw.starts_with("<issue") {
            if let Some((c, at)) = &category {
                diags.push(
                    Diagnostic::warning("L052", format!("<ISSUE> block {c} (line {at}) not closed before a new one")).at(file, no),
                );
            }
            let cat = raw
                .split_once("CATEGORY=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(c, _)| c.to_string())
                .unwrap_or_default();
            category = Some((cat, no));
            continue;
        }
        if raw.starts_with("</ISSUE") || raw.starts_with("</issue") {
            if category.take().is_none() {
                diags.push(Diagnostic::warning("L052", "</ISSUE> without an open <ISSUE> block").at(file, no));
            }
            continue;
        }
        if is_xml_comment(raw) {
            continue;
        }
        let t = strip_comment(raw).trim();
        if t.is_empty() {
            continue;
        }
        let (ignore, body) = if let Some(r) = t.strip_prefix('~') {
            (true, r.trim_start_matches('~').trim())
        } else {
            (false, t)
        };
        let (phrase, code) = match body.find('[') {
            Some(i) => {
                let inner = &body[i + 1..];
                let Some(e) = inner.find(']') else {
                    diags.push(Diagnostic::error("L053", format!("malformed code in {t:?}: no ']'; skipped")).at(file, no));
                    continue;
                };
                let code = inner[..e].trim().to_string();
                if code.is_empty() || code.contains(char::is_whitespace) {
                    diags.push(
                        Diagnostic::error("L053", format!("malformed issue code [{}]: expected one word; skipped", &inner[..e]))
                            .at(file, no),
                    );
                    continue;
                }
                (body[..i].trim(), code)
            }
            None if ignore => (body, String::new()),
            None => {
                diags.push(
                    Diagnostic::error("L050", format!("issue phrase {t:?} has no code: expected phrase [CODE] or ~phrase; skipped"))
                        .at(file, no),
                );
                continue;
            }
        };
        let mut forms: Vec<String> = vec![String::new()];
        let mut too_many = false;
        for item in phrase.replace('_', " ").split_whitespace() {
            let Some(f) = item_forms(item, file, no, &mut diags) else {
                too_many = true;
                break;
            };
            if forms.len().saturating_mul(f.len()) > MAX_FORMS {
                too_many = true;
                break;
            }
            let mut next = Vec::with_capacity(forms.len() * f.len());
            for a in &forms {
                for b in &f {
                    next.push(if a.is_empty() { b.clone() } else { format!("{a} {b}") });
                }
            }
            forms = next;
        }
        forms.retain(|s| !s.is_empty());
        if too_many {
            diags.push(
                Diagnostic::error("L055", format!("{t:?} expands to more than {MAX_FORMS} phrases; skipped")).at(file, no),
            );
            continue;
        }
        if forms.is_empty() {
            diags.push(Diagnostic::error("L054", format!("empty issue phrase in {t:?}; skipped")).at(file, no));
            continue;
        }
        // Generated forms often coincide (`n:massacre`, `v:massacre`): report a duplicate only
        // when the code changes or the same phrase is written twice.
        for f in &forms {
            let now = (no, code.clone(), phrase.to_lowercase());
            if let Some((prev, prev_code, prev_phrase)) = seen.insert(f.clone(), now) {
                if prev != no && (prev_code != code || prev_phrase == phrase.to_lowercase()) {
                    let what = if prev_code == code { String::new() } else { format!(", was [{prev_code}]") };
                    diags.push(
                        Diagnostic::warning("L025", format!("duplicate issue phrase {f} (line {prev}{what}); the later entry wins"))
                            .at(file, no),
                    );
                }
            }
        }
        out.push(IssueEntry {
            phrase: phrase.to_string(),
            code,
            ignore,
            category: category.as_ref().map(|(c, _)| c.clone()),
            forms,
            origin: Origin { file: file.to_string(), line: no },
        });
    }
    if let Some((c, at)) = category {
        diags.push(Diagnostic::warning("L052", format!("<ISSUE> block {c} opened at line {at} is never closed")).in_file(file));
    }
    (out, diags)
}
