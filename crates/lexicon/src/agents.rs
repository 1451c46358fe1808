//! The agent dictionary: sector/role nouns (`MINISTER`, `POLICE`, `NGO`) that extend an
//! actor code (`RUS` + `~GOV` = `RUSGOV`).
//!
//! # Format (PETRARCH `.agents`)
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON       substitution set
//! FOREIGN_MINISTER [~GOVFRM]                      suffix code; plural FOREIGN MINISTERS generated
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]     explicit plural(s), blank-separated
//! POLICE {} [~COP]                                no plural
//! HUMAN_RIGHTS_BODY [NGO~]                        prefix code
//! CONGRESS!PERSON! [~LEG]                         CONGRESSMAN, CONGRESSMEN, ... (no plurals)
//! ```
//! Simplification: PETRARCH lets a blank (rather than `_`) allow other words in between;
//! here blanks and `_` both mean consecutive words.
//!
//! Generated plurals (last word only): consonant + `Y` gives `IES` (`ARMY` → `ARMIES`);
//! a word ending in `S`, `X`, `Z`, `CH` or `SH` takes `ES` (`CONGRESS` → `CONGRESSES`);
//! otherwise `S`. (PETRARCH's documented rule adds `ES` only after `SS` and `IES` after any
//! `Y`; the English rule above gives the same forms on its test suite and fewer
//! non-words like `ATTORNIES`.)
//!
//! # Combining codes: [`combine`]
//! The actor code comes first; each prefix agent's code goes before it, each suffix agent's
//! after it, in the order given. Codes are handled in 3-letter chunks and a chunk already
//! present (in the actor code or from an earlier agent) is not added again, so
//! `QUIBBLER [HGWGOVMED]` + "government newspaper" stays `HGWGOVMED` and "Washington
//! security officials" stays `USAGOV` (PETRARCH unit tests AGENTS-17..19). Without an
//! actor (or with the null actor `---`): prefixes, then `---` if there is no prefix, then
//! suffixes (`~GOV` alone gives `---GOV`, `NGO~` alone gives `NGO`).
//!
//! # Diagnostics
//! `L001`-`L004` bad bytes; `L013` lower-case code; `L025` (warning) duplicate phrase with
//! another code (the later wins), `L026` (info) duplicate with the same code;
//! `L030` (error) entry without `[code]` (skipped); `L031` (error) malformed agent code
//! (expected `~XXX` or `XXX~`; skipped); `L032` (error) unbalanced `{}` or `[]`;
//! `L033` (error) undefined substitution marker (skipped); `L034` (error) malformed
//! substitution set, or a line expanding to more than 1000 phrases (skipped); `L017` (error) empty phrase.
//!
//! ```
//! use petrel_lexicon::agents::{self, AgentDict, combine};
//! let (entries, diags) = agents::parse(b"FOREIGN_MINISTER [~GOVFRM]\nMSF {} [NGO~]\n", "a.txt");
//! assert!(diags.is_empty());
//! let dict = AgentDict::from_entries(entries);
//! let (len, id) = dict.longest_at(&["foreign", "ministers", "met"], 0).unwrap();
//! assert_eq!((len, dict.entry(id).code.as_str()), (2, "~GOVFRM"));
//! assert_eq!(combine(Some("ARN"), &["NGO~", "~GOV"]).as_deref(), Some("NGOARNGOV"));
//! ```

use crate::phrase::{phrase_key, upper_words, FxMap, PhraseTrie};
use crate::text::{is_xml_comment, lines, strip_comment};
use crate::types::{AgentEntry, Origin};
use petrel_model::Diagnostic;

/// Index of an entry in an [`AgentDict`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgentId(pub u32);

/// One match of [`AgentDict::find_all`]: tokens `start..start+len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgentHit {
    pub start: usize,
    pub len: usize,
    pub id: AgentId,
}

/// Compiled agent dictionary (immutable once built).
#[derive(Clone, Debug, Default)]
pub struct AgentDict {
    entries: Vec<AgentEntry>,
    trie: PhraseTrie,
}

impl AgentDict {
    /// Compile entries; for a phrase defined more than once the LATER entry wins.
    pub fn from_entries(entries: Vec<AgentEntry>) -> AgentDict {
        let mut d = AgentDict { entries: Vec::new(), trie: PhraseTrie::new() };
        d.extend(entries);
        d
    }

    /// Append entries (they override earlier ones for the same phrases).
    pub fn extend(&mut self, entries: Vec<AgentEntry>) {
        let mut buf = String::new();
        self.entries.reserve(entries.len());
        for e in entries {
            let id = self.entries.len() as u32;
            for phrase in std::iter::once(&e.name).chain(e.forms.iter()) {
                self.trie.insert_phrase(phrase, id, &mut buf);
            }
            self.entries.push(e);
        }
    }

    /// The longest agent phrase starting at token `start`: `(number of tokens, id)`.
    pub fn longest_at(&self, words: &[&str], start: usize) -> Option<(usize, AgentId)> {
        self.trie.longest_at(words, start).map(|(n, v)| (n, AgentId(v)))
    }

    /// All matches, leftmost-longest and non-overlapping, in order.
    pub fn find_all(&self, words: &[&str]) -> Vec<AgentHit> {
        self.trie.find_all(words).into_iter().map(|(start, len, v)| AgentHit { start, len, id: AgentId(v) }).collect()
    }

    /// The entry of an id returned by this dictionary (panics on a foreign id).
    pub fn entry(&self, id: AgentId) -> &AgentEntry {
        &self.entries[id.0 as usize]
    }

    pub fn get(&self, id: AgentId) -> Option<&AgentEntry> {
        self.entries.get(id.0 as usize)
    }

    pub fn entries(&self) -> &[AgentEntry] {
        &self.entries
    }

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

/// Build an actor code from an actor code and agent codes (see the module docs).
/// Agent codes are written as in the dictionary (`~GOV`, `NGO~`); a code without `~`
/// counts as a suffix. Returns `None` when there is neither an actor nor an agent code.
pub fn combine(actor: Option<&str>, agents: &[&str]) -> Option<String> {
    let base = actor.map(str::trim).filter(|a| !a.is_empty() && *a != "---");
    let mut have: Vec<&str> = base.map(chunks).unwrap_or_default();
    let mut prefix = String::new();
    let mut suffix = String::new();
    for a in agents {
        let a = a.trim();
        let (is_prefix, body) = match (a.strip_prefix('~'), a.strip_suffix('~')) {
            (Some(b), _) => (false, b),
            (None, Some(b)) => (true, b),
            (None, None) => (false, a),
        };
        for ch in chunks(body) {
            if ch.is_empty() || have.contains(&ch) {
                continue;
            }
            have.push(ch);
            if is_prefix { prefix.push_str(ch) } else { suffix.push_str(ch) }
        }
    }
    match base {
        Some(b) => Some(format!("{prefix}{b}{suffix}")),
        None if prefix.is_empty() && suffix.is_empty() => None,
        None if prefix.is_empty() => Some(format!("---{suffix}")),
        None => Some(format!("{prefix}{suffix}")),
    }
}

/// 3-character chunks of a code (the whole code when its length is not a multiple of 3).
fn chunks(code: &str) -> Vec<&str> {
    if !code.is_ascii() || code.len() / 3 * 3 != code.len() {
        return vec![code];
    }
    (0..code.len()).step_by(3).map(|i| &code[i..i + 3]).collect()
}

/// The regular plural of a phrase (its last word), see the module docs.
pub fn regular_plural(phrase: &str) -> String {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    let b = last.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'A' | b'E' | b'I' | b'O' | b'U');
    let plural = if n >= 2 && b[n - 1] == b'Y' && !vowel(b[n - 2]) {
        format!("{}IES", &last[..n - 1])
    } else if last.ends_with('S') || last.ends_with('X') || last.ends_with('Z') || last.ends_with("CH") || last.ends_with("SH") {
        format!("{last}ES")
    } else {
        format!("{last}S")
    };
    format!("{head}{plural}")
}

fn words_of(s: &str) -> String {
    upper_words(s)
}

/// At most this many phrases from one line's substitutions (a guard against a line with
/// many markers; Phoenix lines have one).
const MAX_EXPANSIONS: usize = 1000;

/// Expand `!MARKER!`s in `phrase` (cartesian product). `Err(marker)` when one is undefined,
/// `Err("")` when the line would expand to more than [`MAX_EXPANSIONS`] phrases.
fn expand(phrase: &str, sets: &FxMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = phrase.find('!') else { return Ok(vec![phrase.to_string()]) };
    let Some(len) = phrase[a + 1..].find('!') else { return Err(phrase[a..].to_string()) };
    let name = &phrase[a + 1..a + 1 + len];
    let Some(items) = sets.get(&name.to_uppercase()) else { return Err(format!("!{name}!")) };
    let rest = expand(&phrase[a + 2 + len..], sets)?;
    if items.len().saturating_mul(rest.len()) > MAX_EXPANSIONS {
        return Err(String::new());
    }
    let mut out = Vec::new();
    for it in items {
        for r in &rest {
            out.push(format!("{}{}{}", &phrase[..a], it, r));
        }
    }
    Ok(out)
}

/// Read an agent dictionary. Never fails: problems come back as `L0xx` diagnostics.
pub fn parse(bytes: &[u8], file: &str) -> (Vec<AgentEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let mut sets: FxMap<String, Vec<String>> = FxMap::default();
    let mut seen: FxMap<String, (u32, String)> = FxMap::default();
    for l in lines(bytes, file, &mut diags) {
        if is_xml_comment(&l.text) {
            continue;
        }
        let t = strip_comment(&l.text).trim();
        if t.is_empty() {
            continue;
        }
        let no = l.no;
        // Substitution set: !NAME! = A, B, C
        if t.starts_with('!') && t.contains('=') && !t.contains('[') {
            let (lhs, rhs) = t.split_once('=').unwrap_or((t, ""));
            let lhs = lhs.trim();
            let name = lhs.strip_prefix('!').and_then(|s| s.strip_suffix('!'));
            let items: Vec<String> = rhs.split(',').map(words_of).filter(|s| !s.is_empty()).collect();
            match name {
                Some(n) if !n.is_empty() && !n.contains('!') && !items.is_empty() => {
                    sets.insert(n.to_uppercase(), items);
                }
                _ => diags.push(
                    Diagnostic::error("L034", format!("malformed substitution set {t:?}: expected !NAME! = A, B, C"))
                        .at(file, no),
                ),
            }
            continue;
        }
        // phrase {plurals} [code]
        let code_at = t.find('[');
        let brace_at = t.find('{');
        let phrase_end = [code_at, brace_at].into_iter().flatten().min().unwrap_or(t.len());
        let phrase_raw = &t[..phrase_end];
        let mut plurals: Option<Vec<String>> = None;
        if let Some(b) = brace_at.filter(|&b| code_at.is_none() || code_at > Some(b)) {
            match t[b..].find('}') {
                Some(e) => {
                    let inner = &t[b + 1..b + e];
                    plurals = Some(inner.split_whitespace().map(words_of).filter(|s| !s.is_empty()).collect());
                }
                None => {
                    diags.push(Diagnostic::error("L032", format!("unbalanced braces: no '}}' in {t:?}")).at(file, no));
                    continue;
                }
            }
        }
        let Some(c) = code_at else {
            diags.push(
                Diagnostic::error("L030", format!("agent {:?} has no code: expected [~XXX] or [XXX~]; skipped", phrase_raw.trim()))
                    .at(file, no),
            );
            continue;
        };
        let after = &t[c + 1..];
        let inner = match after.find(']') {
            Some(e) => &after[..e],
            None => {
                let e = after.find('}').unwrap_or(after.len());
                diags.push(
                    Diagnostic::error("L032", format!("unbalanced brackets: no ']' after [{}; read up to here", &after[..e]))
                        .at(file, no),
                );
                &after[..e]
            }
        };
        let raw_code: String = inner.split_whitespace().collect();
        let code = raw_code.to_uppercase();
        if code != raw_code {
            diags.push(Diagnostic::warning("L013", format!("code {raw_code:?} is not upper case; read as {code:?}")).at(file, no));
        }
        let body = code.trim_start_matches('~').trim_end_matches('~');
        let tildes = code.matches('~').count();
        let ok = tildes == 1
            && (code.starts_with('~') || code.ends_with('~'))
            && !body.is_empty()
            && body.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !ok {
            diags.push(
                Diagnostic::error("L031", format!("malformed agent code [{inner}]: expected [~XXX] (suffix) or [XXX~] (prefix); skipped"))
                    .at(file, no),
            );
            continue;
        }
        let phrase = words_of(phrase_raw);
        if phrase.is_empty() {
            diags.push(Diagnostic::error("L017", format!("empty agent phrase in {t:?}")).at(file, no));
            continue;
        }
        let expanded = match expand(&phrase, &sets) {
            Ok(v) => v,
            Err(m) if m.is_empty() => {
                diags.push(
                    Diagnostic::error("L034", format!("substitutions in {phrase:?} give more than {MAX_EXPANSIONS} phrases; skipped"))
                        .at(file, no),
                );
                continue;
            }
            Err(m) => {
                diags.push(
                    Diagnostic::error("L033", format!("undefined substitution marker {m} in {phrase:?} (define it above with {m} = A, B); skipped"))
                        .at(file, no),
                );
                continue;
            }
        };
        let substituted = expanded.len() > 1 || expanded[0] != phrase;
        for name in expanded {
            let forms = if substituted {
                Vec::new()
            } else {
                match &plurals {
                    Some(p) => p.clone(),
                    None => vec![regular_plural(&name)],
                }
            };
            for f in std::iter::once(&name).chain(forms.iter()) {
                let key = phrase_key(f);
                if let Some((prev, prev_code)) = seen.insert(key, (no, code.clone())) {
                    if prev != no {
                        let d = if prev_code == code {
                            Diagnostic::info("L026", format!("duplicate agent phrase {f} (line {prev} too) with the same code"))
                        } else {
                            Diagnostic::warning(
                                "L025",
                                format!("duplicate agent phrase {f}: [{code}] replaces [{prev_code}] (line {prev})"),
                            )
                        };
                        diags.push(d.at(file, no));
                    }
                }
            }
            out.push(AgentEntry { name, code: code.clone(), forms, origin: Origin { file: file.to_string(), line: no } });
        }
    }
    (out, diags)
}
