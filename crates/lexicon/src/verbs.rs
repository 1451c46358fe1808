//! The verb/pattern dictionary (PETRARCH `CAMEO.2.0.txt`, `PETR.Validate.verbs*.txt`).
//!
//! A verb dictionary is a list of synonym sets (`&NAME` + `+phrase` lines), then verb blocks:
//!
//! ```text
//! --- AGREE [050] ---          block name and default code ([---] = no event)
//! AGREE                        a verb: regular forms AGREES AGREED AGREEING generated
//! SAY {SAYS SAID SAYING} [010] irregular forms, the verb's own isolated-verb code
//! +BREAK_DOWN {+BROKE_DOWN}    multi-word verb, `+` marks the inflected word
//! - % *  [050]                 pattern: `*` the verb, `%` compound subject (symmetric events)
//! - * (TO {PEACE PLAN}) [037]  `(PREP NOUN)` phrase, `{A B}` noun phrase with head B
//! - + * (FROM $) [080]         `$` source and `+` target positions, `^` a skipped actor
//! ~ a (a b ATTACK) SAY = a b 015   transformation of a verb acting on another verb
//! ```
//!
//! [`parse`] never fails: problems become `V0xx` diagnostics and the offending line is skipped.
//! Every verb and pattern keeps its `file:line` ([`Rule`]) for the event's `rule` field.
//!
//! Diagnostic codes: `V001` undefined synset, `V002` malformed code, `V003` malformed pattern,
//! `V004` verb or pattern outside a verb block, `V005` malformed verb line, `V006` malformed
//! synset line, `V007` malformed transformation, `V008` unbalanced brackets.
//!
//! ```
//! let text = "&CASH_\n+MONEY\n--- GIVE [070] ---\nGIVE {GAVE GIVEN}\n- * &CASH [071]\n";
//! let (dict, diags) = petrel_lexicon::verbs::parse(text, "v.txt");
//! assert!(diags.is_empty());
//! let forms = dict.lookup("GAVE");
//! assert_eq!(forms.len(), 1);
//! let block = dict.block_of(forms[0].verb);
//! assert_eq!(block.patterns[0].code.primary.as_deref(), Some("071"));
//! ```

use crate::phrase::{pack, pack_bytes, FxMap};
use petrel_model::Diagnostic;
use std::collections::HashMap;

/// Where a pattern (or verb) was defined: `file:line` for the event's `rule` field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rule {
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// An event code as written in `[...]`: `[042]`, `[042:043]` (paired: the second code is an
/// event with source and target swapped), `[:080]` (only the swapped event), `[---]` (none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventCode {
    /// Code for source -> target; `None` for the null code `---`.
    pub primary: Option<String>,
    /// Code for the reversed event target -> source, from `[A:B]`.
    pub paired: Option<String>,
}

impl EventCode {
    pub fn is_null(&self) -> bool {
        self.primary.is_none() && self.paired.is_none()
    }
}

/// One word slot of a pattern: alternatives, each a phrase of one or more upper-case words
/// (a plain word is one alternative of one word; a synset gives all its phrases).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Term {
    pub alts: Vec<Vec<String>>,
    /// The synset name when the term came from `&NAME`.
    pub synset: Option<String>,
    /// `alts` as word ids of the dictionary ([`VerbDict::word_id`]), filled when compiled.
    pub alt_ids: Vec<Vec<u32>>,
    /// The ids of the last words of `alts`, sorted: a quick test for a match ending at a word.
    pub last_ids: Vec<u32>,
}

impl Term {
    fn word(w: &str) -> Term {
        Term::new(vec![vec![w.to_string()]], None)
    }

    fn new(alts: Vec<Vec<String>>, synset: Option<String>) -> Term {
        Term { alts, synset, alt_ids: Vec::new(), last_ids: Vec::new() }
    }
}

/// An actor marker in a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `$`: the source is here.
    Source,
    /// `+`: the target is here.
    Target,
    /// `%`: a compound actor here yields events between its members.
    Compound,
    /// `^`: an actor here is skipped (neither source nor target).
    Skip,
}

/// One element of a pattern, before or after the verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// A noun phrase: terms in order, the last is the head (`AID`, `{FINANCIAL AID}`).
    Noun(Vec<Term>),
    /// `(PREP ...)`: a preposition with an optional object phrase and markers inside.
    Prep { prep: Term, object: Vec<Term>, markers: Vec<Marker> },
    /// `$ + % ^`.
    Marker(Marker),
}

/// A pattern line: elements before and after the verb (`*`), the code and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub code: EventCode,
    pub rule: Rule,
}

impl Pattern {
    /// How many words the pattern asks for (more = more specific; tried first).
    pub fn specificity(&self) -> usize {
        fn n(e: &Elem) -> usize {
            match e {
                Elem::Noun(t) => 2 * t.len(),
                Elem::Prep { object, markers, .. } => 2 + 2 * object.len() + markers.len(),
                Elem::Marker(_) => 1,
            }
        }
        self.pre.iter().chain(&self.post).map(n).sum()
    }
}

/// A verb block: `--- NAME [code] ---`, its patterns (shared by all its verbs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    pub code: EventCode,
    pub patterns: Vec<Pattern>,
    pub rule: Rule,
}

/// One verb of a block, with its own isolated-verb code when it has one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verb {
    /// Base form, upper case, words in order (`[BREAK, DOWN]`).
    pub words: Vec<String>,
    /// Index in `words` of the inflected word.
    pub head: usize,
    /// The verb's own code (`DOWNPLAY [014]`), else the block's applies.
    pub code: Option<EventCode>,
    pub block: u32,
    pub rule: Rule,
}

/// A surface form of a verb, indexed by its inflected word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerbForm {
    pub verb: u32,
    /// Words that must come right before the inflected word (`WIRE` in `WIRE TAPPED`).
    pub before: Vec<String>,
    /// Words that must come right after it (`DOWN` in `BROKE DOWN`).
    pub after: Vec<String>,
}

/// Who plays a role in a transformation: a letter variable, `.` unspecified, `_` absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    Var(char),
    Any,
    Absent,
}

/// `~ a (b c LOWER) UPPER = x y CODE`: when verb UPPER (source a) governs LOWER (b -> c).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transform {
    pub upper_source: Slot,
    pub lower_source: Slot,
    pub lower_target: Slot,
    /// Lower verb name (upper case, `WILL_ATTACK`), `Q` for any verb.
    pub lower_verb: String,
    pub upper_verb: String,
    pub out_source: Slot,
    pub out_target: Slot,
    /// Output code, or `Q` to keep the lower verb's code.
    pub code: String,
    pub rule: Rule,
}

/// The compiled verb dictionary: synsets, verb blocks with their patterns, transformations.
#[derive(Clone, Debug, Default)]
pub struct VerbDict {
    /// Synset name (`&TREATY`) -> its phrases, upper-case words (plurals included).
    pub synsets: HashMap<String, Vec<Vec<String>>>,
    pub blocks: Vec<VerbBlock>,
    pub verbs: Vec<Verb>,
    pub transforms: Vec<Transform>,
    /// Inflected word (upper case) -> the forms built on it.
    forms: FxMap<String, Vec<VerbForm>>,
    /// Every word of every pattern term -> its id (see [`Term::alt_ids`]).
    words: FxMap<String, u32>,
    /// `forms` and `words` again for the words that pack into a `u128` (see
    /// [`crate::phrase`]): every token asks these maps, and a packed key is hashed and
    /// compared without following a pointer. Rebuilt by `compile`.
    short_forms: FxMap<u128, Vec<VerbForm>>,
    short_words: FxMap<u128, u32>,
}

impl VerbDict {
    /// Add every verb, pattern, synset and transformation of `other`; later definitions are
    /// appended. A block of `other` named like a block already here extends it (a supplement
    /// adds patterns and verbs to `--- DEMAND [100] ---`; the first header's code stays), so
    /// the patterns of the same verb are tried together, most specific first.
    pub fn merge(&mut self, other: VerbDict) {
        let verb_off = self.verbs.len() as u32;
        for (k, v) in other.synsets {
            self.synsets.entry(k).or_default().extend(v);
        }
        let mut block_of: Vec<u32> = Vec::with_capacity(other.blocks.len());
        for b in other.blocks {
            let same = (!b.name.is_empty()).then(|| self.blocks.iter().position(|x| x.name == b.name)).flatten();
            match same {
                Some(i) => {
                    self.blocks[i].patterns.extend(b.patterns);
                    block_of.push(i as u32);
                }
                None => {
                    block_of.push(self.blocks.len() as u32);
                    self.blocks.push(b);
                }
            }
        }
        self.verbs.extend(other.verbs.into_iter().map(|mut v| {
            v.block = block_of.get(v.block as usize).copied().unwrap_or(v.block);
            v
        }));
        for (k, v) in other.forms {
            self.forms.entry(k).or_default().extend(v.into_iter().map(|mut f| {
                f.verb += verb_off;
                f
            }));
        }
        self.transforms.extend(other.transforms);
        self.compile();
    }

    /// The id of a pattern word (upper case), `None` when no pattern uses it.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        match pack(word) {
            Some(k) => self.short_words.get(&k).copied(),
            None => self.words.get(word).copied(),
        }
    }

    /// Number of distinct pattern words.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// Intern every pattern word and fill the terms' ids.
    fn compile(&mut self) {
        let mut words: FxMap<String, u32> = FxMap::default();
        fn term(t: &mut Term, words: &mut FxMap<String, u32>) {
            t.alt_ids = t
                .alts
                .iter()
                .map(|a| {
                    a.iter()
                        .map(|w| {
                            let n = words.len() as u32;
                            *words.entry(w.clone()).or_insert(n)
                        })
                        .collect()
                })
                .collect();
            t.last_ids = t.alt_ids.iter().filter_map(|a| a.last().copied()).collect();
            t.last_ids.sort_unstable();
            t.last_ids.dedup();
        }
        for b in &mut self.blocks {
            for p in &mut b.patterns {
                for e in p.pre.iter_mut().chain(p.post.iter_mut()) {
                    match e {
                        Elem::Noun(ts) => ts.iter_mut().for_each(|t| term(t, &mut words)),
                        Elem::Prep { prep, object, .. } => {
                            term(prep, &mut words);
                            object.iter_mut().for_each(|t| term(t, &mut words));
                        }
                        Elem::Marker(_) => {}
                    }
                }
            }
        }
        self.short_words = words.iter().filter_map(|(w, &id)| Some((pack(w)?, id))).collect();
        self.words = words;
        self.short_forms = self.forms.iter().filter_map(|(w, f)| Some((pack(w)?, f.clone()))).collect();
    }

    /// Forms whose inflected word is `word` (upper case).
    pub fn lookup(&self, word: &str) -> &[VerbForm] {
        let forms = match pack(word) {
            Some(k) => self.short_forms.get(&k),
            None => self.forms.get(word),
        };
        forms.map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Is `word` upper-cased a form of a verb? (`lookup` without the caller's upper-casing:
    /// an ASCII word of at most 15 bytes is upper-cased on the stack.)
    pub fn has_form_upper(&self, word: &str, buf: &mut String) -> bool {
        if word.is_ascii() && word.len() <= 15 {
            let mut b = [0u8; 15];
            for (d, s) in b.iter_mut().zip(word.bytes()) {
                *d = s.to_ascii_uppercase();
            }
            let key = pack_bytes(&b[..word.len()]);
            return key.and_then(|k| self.short_forms.get(&k)).is_some_and(|v| !v.is_empty());
        }
        buf.clear();
        if word.is_ascii() {
            buf.extend(word.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            buf.push_str(&word.to_uppercase());
        }
        !self.lookup(buf).is_empty()
    }

    pub fn block_of(&self, verb: u32) -> &VerbBlock {
        &self.blocks[self.verbs[verb as usize].block as usize]
    }

    /// The isolated-verb code of `verb`: its own, else its block's.
    pub fn verb_code(&self, verb: u32) -> &EventCode {
        let v = &self.verbs[verb as usize];
        v.code.as_ref().unwrap_or(&self.blocks[v.block as usize].code)
    }

    /// Number of distinct inflected words indexed.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

/// Regular plural of a noun: `TREATY` -> `TREATIES`, `PRESS` -> `PRESSES`, `TIE` -> `TIES`.
pub fn plural(word: &str) -> String {
    let b = word.as_bytes();
    if word.ends_with('Y') && b.len() > 1 && !b"AEIOU".contains(&b[b.len() - 2]) {
        format!("{}IES", &word[..word.len() - 1])
    } else if ["SS", "SH", "CH", "X", "Z"].iter().any(|s| word.ends_with(s)) {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

/// Regular verb forms (third person, past, gerund) with English spelling rules:
/// `DEPART` -> `DEPARTS DEPARTED DEPARTING`, `DEPLORE` -> `DEPLORES DEPLORED DEPLORING`,
/// `CARRY` -> `CARRIES CARRIED CARRYING`, `PUSH` -> `PUSHES PUSHED PUSHING`.
pub fn regular_forms(base: &str) -> [String; 3] {
    let b = base.as_bytes();
    let n = b.len();
    let cons_y = n > 1 && b[n - 1] == b'Y' && !b"AEIOU".contains(&b[n - 2]);
    let s = if cons_y {
        format!("{}IES", &base[..n - 1])
    } else if ["S", "SH", "CH", "X", "Z", "O"].iter().any(|e| base.ends_with(e)) {
        format!("{base}ES")
    } else {
        format!("{base}S")
    };
    let ed = if cons_y {
        format!("{}IED", &base[..n - 1])
    } else if base.ends_with('E') {
        format!("{base}D")
    } else {
        format!("{base}ED")
    };
    let ing = if base.ends_with("IE") {
        format!("{}YING", &base[..n - 2])
    } else if base.ends_with('E') && !base.ends_with("EE") && !base.ends_with("YE") && n > 2 {
        format!("{}ING", &base[..n - 1])
    } else {
        format!("{base}ING")
    };
    [s, ed, ing]
}

enum State {
    None,
    Synset { name: String, no_plural: bool },
    Block(u32),
}

struct Reader<'a> {
    file: &'a str,
    /// Synsets of dictionaries read before this one (a supplement may use them).
    base: Option<&'a HashMap<String, Vec<Vec<String>>>>,
    dict: VerbDict,
    diags: Vec<Diagnostic>,
    state: State,
}

/// Read a PETRARCH verb dictionary. Never fails: problems come back as `V0xx` diagnostics.
pub fn parse(text: &str, file: &str) -> (VerbDict, Vec<Diagnostic>) {
    parse_after(text, file, None)
}

/// Read a verb dictionary that comes after `base` (a supplement): its patterns and synsets
/// may use the synsets `base` defines (`&CEASEFIRE`); a synset it defines itself wins. The
/// result holds only this file's definitions; [`VerbDict::merge`] it into `base`.
pub fn parse_after(text: &str, file: &str, base: Option<&VerbDict>) -> (VerbDict, Vec<Diagnostic>) {
    let mut r = Reader { file, base: base.map(|b| &b.synsets), dict: VerbDict::default(), diags: Vec::new(), state: State::None };
    for (i, raw) in text.lines().enumerate() {
        let line_no = (i + 1) as u32;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        r.line(line, line_no);
    }
    let mut dict = r.dict;
    dict.compile();
    (dict, r.diags)
}

/// Drop `# ...` comments (and `;` comments, which some files use on verb lines).
fn strip_comment(line: &str) -> &str {
    let line = line.trim_end_matches(['\r', '\n']);
    let mut depth = 0i32;
    let cut = line
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            c == '#' && depth <= 0
        })
        .map_or(line.len(), |(i, _)| i);
    let line = &line[..cut];
    match line.find(';') {
        Some(p) => &line[..p],
        None => line,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '\'' | '.' | '&')
}

/// Parse a code body (between the brackets) into an [`EventCode`].
fn parse_code(body: &str) -> Option<EventCode> {
    fn one(s: &str) -> Option<Option<String>> {
        let s = s.trim();
        if s.is_empty() || s == "---" {
            return Some(None);
        }
        let ok = s.len() >= 2
            && s.len() <= 5
            && s.chars().all(|c| c.is_ascii_alphanumeric())
            && s.chars().next().is_some_and(|c| c.is_ascii_digit());
        ok.then(|| Some(s.to_ascii_uppercase()))
    }
    match body.split_once(':') {
        Some((a, b)) => Some(EventCode { primary: one(a)?, paired: one(b)? }),
        None => Some(EventCode { primary: one(body)?, paired: None }),
    }
}

impl<'a> Reader<'a> {
    fn diag(&mut self, code: &'static str, line: u32, msg: String) {
        self.diags.push(Diagnostic::error(code, msg).at(self.file, line));
    }
    fn warn(&mut self, code: &'static str, line: u32, msg: String) {
        self.diags.push(Diagnostic::warning(code, msg).at(self.file, line));
    }
    /// A synset of this file, else of the dictionaries read before it.
    fn synset(&self, name: &str) -> Option<&Vec<Vec<String>>> {
        self.dict.synsets.get(name).filter(|p| !p.is_empty()).or_else(|| self.base.and_then(|b| b.get(name)))
    }

    fn rule(&self, line: u32) -> Rule {
        Rule { file: self.file.to_string(), line }
    }

    fn line(&mut self, line: &str, n: u32) {
        if line.starts_with("---") {
            self.block_header(line, n);
        } else if let Some(rest) = line.strip_prefix('&') {
            let name = rest.split_whitespace().next().unwrap_or("");
            let no_plural = name.ends_with('_');
            let name = format!("&{}", name.trim_end_matches('_').to_ascii_uppercase());
            if name.len() < 2 {
                self.diag("V006", n, format!("expected a synset name after '&', found {line:?}"));
                self.state = State::None;
                return;
            }
            self.dict.synsets.entry(name.clone()).or_default();
            self.state = State::Synset { name, no_plural };
        } else if let Some(rest) = line.strip_prefix('+') {
            match &self.state {
                State::Synset { name, no_plural } => {
                    let (name, no_plural) = (name.clone(), *no_plural);
                    self.synset_member(&name, no_plural, rest, n);
                }
                State::Block(_) => self.verb_line(line, n),
                State::None => self.diag("V004", n, format!("'+' line outside a synset or verb block: {line:?}")),
            }
        } else if let Some(rest) = line.strip_prefix('-') {
            self.pattern(rest, n);
        } else if line.starts_with('*') {
            self.warn("V003", n, format!("pattern line without leading '-': {line:?}"));
            self.pattern(line, n);
        } else if let Some(rest) = line.strip_prefix('~') {
            self.transform(rest, n);
        } else if line.starts_with('<') {
            // TABARI-era markup such as <!-- -->: not used.
        } else {
            match self.state {
                State::Block(_) => self.verb_line(line, n),
                State::Synset { .. } => {
                    // A bare word after a synset ends the synset; it must be a verb in a block.
                    self.diag("V004", n, format!("verb line before any verb block: {line:?}"));
                }
                State::None => self.diag("V004", n, format!("verb line before any verb block: {line:?}")),
            }
        }
    }

    fn block_header(&mut self, line: &str, n: u32) {
        let inner = line.trim_matches('-').trim();
        let (name, code) = match inner.find('[') {
            Some(p) => {
                // The first [...] group is the block code (a second one is ignored).
                let body = inner[p + 1..].trim_end();
                let body = body.find(']').map(|q| &body[..q]).unwrap_or(body);
                let code = match parse_code(body) {
                    Some(c) => c,
                    None => {
                        self.diag("V002", n, format!("expected a CAMEO code in block header, found [{body}]"));
                        EventCode::default()
                    }
                };
                (inner[..p].trim(), code)
            }
            None => (inner, EventCode::default()),
        };
        let id = self.dict.blocks.len() as u32;
        self.dict.blocks.push(VerbBlock {
            name: name.to_ascii_uppercase(),
            code,
            patterns: Vec::new(),
            rule: self.rule(n),
        });
        self.state = State::Block(id);
    }

    fn synset_member(&mut self, name: &str, no_plural: bool, rest: &str, n: u32) {
        let phrase = rest.trim();
        let no_plural = no_plural || phrase.ends_with('_');
        let cleaned: String = phrase.chars().filter(|c| !matches!(c, '(' | ')')).collect();
        let words: Vec<String> = cleaned
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_uppercase())
            .collect();
        if words.is_empty() {
            self.diag("V006", n, format!("empty synset phrase in {name}"));
            return;
        }
        let mut out: Vec<Vec<String>> = Vec::new();
        if words.len() == 1 && words[0].starts_with('&') {
            match self.synset(words[0].trim_end_matches('_')) {
                Some(ph) => out.extend(ph.iter().cloned()),
                None => {
                    self.diag("V001", n, format!("undefined synset {} used in {name}", words[0]));
                    return;
                }
            }
        } else {
            if words.iter().any(|w| w.starts_with('&')) {
                self.diag("V006", n, format!("synset inside a synset phrase is not supported: {phrase:?}"));
                return;
            }
            if !no_plural {
                let mut pl = words.clone();
                let last = pl.len() - 1;
                pl[last] = plural(&pl[last]);
                out.push(words);
                out.push(pl);
            } else {
                out.push(words);
            }
        }
        let entry = self.dict.synsets.entry(name.to_string()).or_default();
        for p in out {
            if !entry.contains(&p) {
                entry.push(p);
            }
        }
    }

    fn verb_line(&mut self, line: &str, n: u32) {
        let State::Block(block) = self.state else { return };
        // Split off [code] and {forms}.
        let mut rest = line;
        let mut code = None;
        if let Some(p) = rest.find('[') {
            let body = &rest[p + 1..];
            let body = match body.find(']') {
                Some(q) => &body[..q],
                None => {
                    self.warn("V008", n, format!("missing ']' after verb code: {line:?}"));
                    body.trim()
                }
            };
            match parse_code(body) {
                Some(c) => code = Some(c),
                None => self.diag("V002", n, format!("expected a CAMEO code, found [{body}]")),
            }
            rest = &rest[..p];
        }
        let mut irregular: Vec<&str> = Vec::new();
        if let Some(p) = rest.find('{') {
            let body = &rest[p + 1..];
            let body = match body.find('}') {
                Some(q) => &body[..q],
                None => {
                    self.warn("V008", n, format!("missing '}}' after irregular forms: {line:?}"));
                    body
                }
            };
            irregular = body.split_whitespace().collect();
            rest = &rest[..p];
        }
        let joined;
        let mut base = rest.trim();
        if base.contains(char::is_whitespace) && base.split_whitespace().all(|w| w.chars().all(|c| is_word_char(c) || c == '+')) {
            // `LASH OUT`: a multi-word verb written with blanks instead of `_`.
            self.warn("V005", n, format!("multi-word verb written with blanks, read as {:?}", base.split_whitespace().collect::<Vec<_>>().join("_")));
            joined = base.split_whitespace().collect::<Vec<_>>().join("_");
            base = &joined;
        }
        if base.is_empty() || !base.chars().all(|c| is_word_char(c) || c == '+') {
            self.diag("V005", n, format!("expected VERB [{{FORMS}}] [[CODE]], found {line:?}"));
            return;
        }
        let Some((words, head)) = split_verb(base) else {
            self.diag("V005", n, format!("malformed multi-word verb {base:?}"));
            return;
        };
        let id = self.dict.verbs.len() as u32;
        self.dict.verbs.push(Verb { words: words.clone(), head, code, block, rule: self.rule(n) });
        let add = |f: &mut FxMap<String, Vec<VerbForm>>, words: &[String], head: usize| {
            let form = VerbForm { verb: id, before: words[..head].to_vec(), after: words[head + 1..].to_vec() };
            let list = f.entry(words[head].clone()).or_default();
            if !list.contains(&form) {
                list.push(form);
            }
        };
        add(&mut self.dict.forms, &words, head);
        for r in regular_forms(&words[head]) {
            let mut w = words.clone();
            w[head] = r;
            add(&mut self.dict.forms, &w, head);
        }
        for irr in irregular {
            let Some((w, h)) = split_verb(irr) else {
                self.diag("V005", n, format!("malformed irregular form {irr:?}"));
                continue;
            };
            if w.len() != words.len() && words.len() > 1 && irr.contains('+') {
                // A multi-word form with another number of words is still usable as written.
            }
            // A one-word irregular form of a multi-word verb inflects the head in place.
            if w.len() == 1 && words.len() > 1 && !irr.contains('+') {
                let mut full = words.clone();
                full[head] = w[0].clone();
                add(&mut self.dict.forms, &full, head);
            } else {
                add(&mut self.dict.forms, &w, h);
            }
        }
    }

    fn pattern(&mut self, body: &str, n: u32) {
        let State::Block(block) = self.state else {
            self.diag("V004", n, "pattern outside a verb block".to_string());
            return;
        };
        let body = body.trim();
        // The code is the last [...] on the line.
        let Some(open) = body.rfind('[') else {
            self.diag("V002", n, format!("pattern has no [code]: {body:?}"));
            return;
        };
        let code_body = &body[open + 1..];
        let code_body = code_body.find(']').map(|q| &code_body[..q]).unwrap_or(code_body);
        let Some(code) = parse_code(code_body) else {
            self.diag("V002", n, format!("expected a CAMEO code such as [042] or [042:043], found [{code_body}]"));
            return;
        };
        let toks = tokenize(&body[..open]);
        let Some(star) = toks.iter().position(|t| t == "*") else {
            self.diag("V003", n, format!("pattern has no verb position '*': {body:?}"));
            return;
        };
        let pre = match self.elems(&toks[..star], n) {
            Some(e) => e,
            None => return,
        };
        let post = match self.elems(&toks[star + 1..], n) {
            Some(e) => e,
            None => return,
        };
        let rule = self.rule(n);
        self.dict.blocks[block as usize].patterns.push(Pattern { pre, post, code, rule });
    }

    fn term(&mut self, w: &str, n: u32) -> Option<Term> {
        if w.starts_with('&') {
            let name = w.trim_end_matches('_').to_ascii_uppercase();
            match self.synset(&name) {
                Some(alts) => Some(Term::new(alts.clone(), Some(name))),
                None => {
                    self.diag("V001", n, format!("undefined synset {name}: pattern ignored"));
                    None
                }
            }
        } else {
            Some(Term::word(&w.to_ascii_uppercase()))
        }
    }

    /// Terms of a word token, splitting `A_B` into two terms.
    fn terms(&mut self, w: &str, n: u32) -> Option<Vec<Term>> {
        let mut out = Vec::new();
        for part in w.split('_').filter(|p| !p.is_empty()) {
            out.push(self.term(part, n)?);
        }
        Some(out)
    }

    fn elems(&mut self, toks: &[String], n: u32) -> Option<Vec<Elem>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i].as_str();
            match t {
                "$" => out.push(Elem::Marker(Marker::Source)),
                "+" => out.push(Elem::Marker(Marker::Target)),
                "%" => out.push(Elem::Marker(Marker::Compound)),
                "^" => out.push(Elem::Marker(Marker::Skip)),
                "{" => {
                    let Some(end) = toks[i..].iter().position(|x| x == "}") else {
                        self.diag("V008", n, "unbalanced '{' in pattern".to_string());
                        return None;
                    };
                    let mut terms = Vec::new();
                    for w in &toks[i + 1..i + end] {
                        terms.extend(self.terms(w, n)?);
                    }
                    if !terms.is_empty() {
                        out.push(Elem::Noun(terms));
                    }
                    i += end;
                }
                "(" => {
                    let Some(end) = toks[i..].iter().position(|x| x == ")") else {
                        self.diag("V008", n, "unbalanced '(' in pattern".to_string());
                        return None;
                    };
                    let inner = &toks[i + 1..i + end];
                    let mut prep = None;
                    let mut object = Vec::new();
                    let mut markers = Vec::new();
                    for w in inner {
                        match w.as_str() {
                            "$" => markers.push(Marker::Source),
                            "+" => markers.push(Marker::Target),
                            "%" => markers.push(Marker::Compound),
                            "^" => markers.push(Marker::Skip),
                            "{" | "}" => {}
                            _ if prep.is_none() => prep = Some(self.term(w, n)?),
                            _ => object.extend(self.terms(w, n)?),
                        }
                    }
                    match prep {
                        Some(prep) => out.push(Elem::Prep { prep, object, markers }),
                        None => {
                            self.diag("V003", n, "empty '( )' in pattern".to_string());
                            return None;
                        }
                    }
                    i += end;
                }
                "}" | ")" => {
                    self.diag("V008", n, format!("unbalanced '{t}' in pattern"));
                    return None;
                }
                w => out.push(Elem::Noun(self.terms(w, n)?)),
            }
            i += 1;
        }
        Some(out)
    }

    fn transform(&mut self, body: &str, n: u32) {
        // a (b c LOWER) UPPER = x y CODE
        let toks = tokenize(body);
        let slot = |s: &str| -> Option<Slot> {
            match s {
                "." => Some(Slot::Any),
                "_" => Some(Slot::Absent),
                s if s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) => {
                    Some(Slot::Var(s.chars().next()?.to_ascii_lowercase()))
                }
                _ => None,
            }
        };
        let t: Vec<&str> = toks.iter().map(|s| s.as_str()).collect();
        let parsed = (|| {
            if t.len() != 11 || t[1] != "(" || t[5] != ")" || t[7] != "=" {
                return None;
            }
            Some(Transform {
                upper_source: slot(t[0])?,
                lower_source: slot(t[2])?,
                lower_target: slot(t[3])?,
                lower_verb: t[4].to_ascii_uppercase(),
                upper_verb: t[6].to_ascii_uppercase(),
                out_source: slot(t[8])?,
                out_target: slot(t[9])?,
                code: t[10].to_ascii_uppercase(),
                rule: Rule { file: self.file.to_string(), line: n },
            })
        })();
        match parsed {
            Some(tr) => self.dict.transforms.push(tr),
            None => self.diag("V007", n, format!("expected `~ a (b c LOWER) UPPER = x y CODE`, found {body:?}")),
        }
    }
}

/// `WIRE_+TAP` -> ([WIRE, TAP], 1); `+BREAK_DOWN` -> ([BREAK, DOWN], 0); `SAY` -> ([SAY], 0).
fn split_verb(s: &str) -> Option<(Vec<String>, usize)> {
    let parts: Vec<&str> = s.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let mut head = None;
    let mut words = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        if let Some(w) = p.strip_prefix('+') {
            if head.is_some() || w.is_empty() {
                return None;
            }
            head = Some(i);
            words.push(w.to_ascii_uppercase());
        } else {
            words.push(p.to_ascii_uppercase());
        }
    }
    if words.iter().any(|w| w.contains('+')) {
        return None;
    }
    Some((words, head.unwrap_or(0)))
}

/// Split a pattern body into tokens: brackets are tokens of their own, and the verb mark
/// joined to words (`*_ON`, `FORCIBLY_*`, `WOULD_*_TALKS`) is split off them.
fn tokenize(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.is_empty() {
            return;
        }
        if cur.contains('*') && cur.len() > 1 {
            for part in cur.split('_').filter(|p| !p.is_empty()) {
                out.push(part.to_string());
            }
            cur.clear();
        } else {
            out.push(std::mem::take(cur));
        }
    };
    for c in s.chars() {
        if matches!(c, '{' | '}' | '(' | ')') || c.is_whitespace() {
            flush(&mut cur, &mut out);
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "\
&TIETYPES_
+MILITARY
+ECONOMIC
&TREATY
+PACT
+WRITTEN_AGREEMENT
&NEST
+&TIETYPES
+CLOSER
--- ABANDON [345] ---
ABANDON    # comment
KLM_NOP_+RST [002]
- * {NEW &TIETYPES RELATIONS} [903] # c
- * EFFORT  [080]
--- AGREE [050] ---
AGREE
DOWNPLAY [014]
- % *  [050]
- + * (FROM $) [080:081]
- * (TO PEACE &TREATY) [037]
- * SURRENDER [:080]
--- BREAK [120] ---
BREAK { BROKE BROKEN }
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN}
WIRE_+TAP {WIRE_+TAPPED}
- * &UNDEFINED [111]
- * DIPLXMATIC [###]
~ a (a b ATTACK) SAY = a b 015
";

    fn dict() -> (VerbDict, Vec<Diagnostic>) {
        parse(DICT, "t.txt")
    }

    #[test]
    fn regular_forms_follow_spelling_rules() {
        let table = [
            ("DEPART", ["DEPARTS", "DEPARTED", "DEPARTING"]),
            ("DEPLORE", ["DEPLORES", "DEPLORED", "DEPLORING"]),
            ("CARRY", ["CARRIES", "CARRIED", "CARRYING"]),
            ("PUSH", ["PUSHES", "PUSHED", "PUSHING"]),
            ("PLAY", ["PLAYS", "PLAYED", "PLAYING"]),
            ("AGREE", ["AGREES", "AGREED", "AGREEING"]),
            ("TIE", ["TIES", "TIED", "TYING"]),
        ];
        for (base, want) in table {
            assert_eq!(regular_forms(base), want.map(String::from), "{base}");
        }
        assert_eq!(plural("TREATY"), "TREATIES");
        assert_eq!(plural("PRESS"), "PRESSES");
        assert_eq!(plural("DAY"), "DAYS");
    }

    #[test]
    fn synsets_get_plurals_and_nesting() {
        let (d, _) = dict();
        let t = &d.synsets["&TREATY"];
        assert!(t.contains(&vec!["PACTS".to_string()]));
        assert!(t.contains(&vec!["WRITTEN".to_string(), "AGREEMENTS".to_string()]));
        let tie = &d.synsets["&TIETYPES"];
        assert_eq!(tie.len(), 2, "label ending in _ generates no plurals");
        let nest = &d.synsets["&NEST"];
        assert!(nest.contains(&vec!["MILITARY".to_string()]));
        assert!(nest.contains(&vec!["CLOSERS".to_string()]));
    }

    #[test]
    fn verbs_forms_and_codes() {
        let (d, _) = dict();
        let f = d.lookup("DEPLORED");
        assert!(f.is_empty());
        let f = d.lookup("DOWNPLAYED");
        assert_eq!(f.len(), 1);
        assert_eq!(d.verb_code(f[0].verb).primary.as_deref(), Some("014"));
        let f = d.lookup("AGREEING");
        assert_eq!(d.verb_code(f[0].verb).primary.as_deref(), Some("050"));
        let f = d.lookup("BROKE");
        assert!(f.iter().any(|f| f.after == vec!["DOWN".to_string()]));
        assert!(f.iter().any(|f| f.after.is_empty()));
        let f = d.lookup("TAPPED");
        assert_eq!(f[0].before, vec!["WIRE".to_string()]);
        let f = d.lookup("RST");
        assert_eq!(f[0].before, vec!["KLM".to_string(), "NOP".to_string()]);
        assert_eq!(d.verb_code(f[0].verb).primary.as_deref(), Some("002"));
        // regular forms of the multi-word head
        assert!(d.lookup("BREAKING").iter().any(|f| f.after == vec!["DOWN".to_string()]));
    }

    #[test]
    fn patterns_parse_with_markers_and_paired_codes() {
        let (d, _) = dict();
        let agree = &d.blocks[1];
        assert_eq!(agree.patterns.len(), 4);
        assert_eq!(agree.patterns[0].pre, vec![Elem::Marker(Marker::Compound)]);
        let p = &agree.patterns[1];
        assert_eq!(p.code, EventCode { primary: Some("080".into()), paired: Some("081".into()) });
        assert_eq!(p.pre, vec![Elem::Marker(Marker::Target)]);
        match &p.post[0] {
            Elem::Prep { prep, object, markers } => {
                assert_eq!(prep.alts, vec![vec!["FROM".to_string()]]);
                assert!(object.is_empty());
                assert_eq!(markers, &vec![Marker::Source]);
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(agree.patterns[3].code, EventCode { primary: None, paired: Some("080".into()) });
        assert_eq!(agree.patterns[1].rule.to_string(), "t.txt:19");
        let abandon = &d.blocks[0];
        match &abandon.patterns[0].post[0] {
            Elem::Noun(terms) => {
                assert_eq!(terms.len(), 3);
                assert_eq!(terms[1].synset.as_deref(), Some("&TIETYPES"));
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn bad_lines_give_diagnostics() {
        let (d, diags) = dict();
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["V001", "V002"], "{diags:?}");
        assert_eq!(diags[0].line, Some(26));
        assert_eq!(d.blocks[2].patterns.len(), 0);
        assert_eq!(d.transforms.len(), 1);
        assert_eq!(d.transforms[0].code, "015");
        let (_, diags) = parse("- * X [010]\nFOO {BAR\n--- X ---\nA B C\n~ nonsense\n", "b.txt");
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["V004", "V004", "V005", "V007"], "{diags:?}");
    }

    #[test]
    fn verb_mark_joined_to_words_is_split() {
        let (d, diags) = parse("--- CALL [010] ---\nCALL\n- *_ON [095]\n- FORCIBLY_* [212]\n", "c.txt");
        assert!(diags.is_empty(), "{diags:?}");
        let p = &d.blocks[0].patterns;
        assert_eq!(p[0].pre.len(), 0);
        assert_eq!(p[0].post.len(), 1);
        assert_eq!(p[1].pre.len(), 1);
        assert_eq!(p[1].post.len(), 0);
    }

    #[test]
    fn merge_offsets_indexes() {
        let (mut a, _) = parse("--- A [010] ---\nSAY\n", "a.txt");
        let (b, _) = parse("--- B [020] ---\nASK\n- * HELP [021]\n", "b.txt");
        a.merge(b);
        let f = a.lookup("ASKED");
        assert_eq!(a.block_of(f[0].verb).name, "B");
        assert_eq!(a.block_of(a.lookup("SAYS")[0].verb).name, "A");
    }

    #[test]
    fn a_supplement_uses_earlier_synsets_and_extends_blocks_of_its_name() {
        let (mut a, _) = parse("&CEASEFIRE\n+TRUCE\n--- DEMAND [100] ---\nDEMAND\n- * SANCTIONS [1312]\n", "a.txt");
        let (b, diags) =
            parse_after("--- DEMAND [100] ---\n- * LIFTING (OF SANCTIONS) [1054]\n--- URGE [020] ---\nURGE\n- * &CEASEFIRE [0256]\n", "b.txt", Some(&a));
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!b.synsets.contains_key("&CEASEFIRE"), "the base's synsets stay in the base");
        a.merge(b);
        assert_eq!(a.blocks.len(), 2, "DEMAND extended, URGE added");
        let demand = a.block_of(a.lookup("DEMANDED")[0].verb);
        let codes: Vec<_> = demand.patterns.iter().map(|p| p.code.primary.clone().unwrap()).collect();
        assert_eq!(codes, ["1312", "1054"]);
        assert_eq!(demand.patterns[1].rule.to_string(), "b.txt:2");
        let urge = a.block_of(a.lookup("URGED")[0].verb);
        assert_eq!(urge.name, "URGE");
        assert_eq!(urge.patterns[0].code.primary.as_deref(), Some("0256"));
        // Without the base, the synset is undefined.
        let (_, diags) = parse("--- URGE [020] ---\nURGE\n- * &CEASEFIRE [0256]\n", "b.txt");
        assert_eq!(diags[0].code, "V001");
    }

    #[test]
    fn real_dictionaries_read_cleanly() {
        for path in [
            "/work/shared/data/petrarch/CAMEO.2.0.txt",
            "/work/shared/data/universal-petrarch/PETR.Validate.verbs.2.0.txt",
        ] {
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            let (d, diags) = parse(&text, path);
            assert!(d.pattern_count() > 100, "{path}");
            assert!(diags.len() < 40, "{path}: {}", diags.len());
        }
    }
}

#[cfg(test)]
mod real_files {
    #[test]
    #[ignore]
    fn print_diags() {
        for path in [
            "/work/shared/data/petrarch/CAMEO.2.0.txt",
            "/work/shared/data/universal-petrarch/PETR.Validate.verbs.2.0.txt",
            "/work/shared/data/petrarch/PETR.Validate.verbs.txt",
        ] {
            let text = std::fs::read_to_string(path).unwrap();
            let (d, diags) = super::parse(&text, path);
            println!("{path}: {} blocks {} verbs {} forms {} patterns", d.blocks.len(), d.verbs.len(), d.form_count(), d.pattern_count());
            for x in diags { println!("{x}"); }
        }
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any text reads without a panic; every diagnostic names a line of the input.
        #[test]
        fn parse_never_panics(lines in prop::collection::vec(
            prop::sample::select(vec![
                "--- X [010] ---", "--- Y ---", "&SYN_", "&SYN", "+WORD", "+&SYN", "+(TO THE END)", "SAY {SAID SAYS} [010",
                "+BREAK_DOWN {+BROKE_DOWN}", "WIRE_+TAP", "- * (FOR AID) [033]", "- % * [050:050]", "- + * (FROM $) [:080]",
                "- * {&SYN WORD} ^ $ [0x1]", "- *_ON [095]", "- ( * [1]", "~ a (a b X) SAY = a b 015", "~ junk", "Ü日本 [", "",
                "# comment", "- * &UNDEF [111]", "* (TO QUESTION) [110]", "+", "&", "---", "- [", "{", "}",
            ]),
            0..40,
        ), noise in "\\PC{0,30}") {
            let mut text = lines.join("\n");
            text.push('\n');
            text.push_str(&noise);
            let (d, diags) = super::parse(&text, "p.txt");
            let n = text.lines().count() as u32;
            for x in &diags {
                prop_assert!(x.line.is_some_and(|l| l >= 1 && l <= n.max(1)));
            }
            let _ = d.pattern_count();
        }
    }

    /// Words of at most 15 bytes are found through the packed maps, longer ones through the
    /// string maps: both give what the dictionary holds, merged or not, and
    /// `has_form_upper` agrees with upper-casing and `lookup`.
    #[test]
    fn short_and_long_words_look_up_alike() {
        let text = "--- X [010] ---\nINSTITUTIONALIZE\nSAY {SAID}\n- * (WITH COUNTERINSURGENCIES) [011]\n- * PACT [012]\n";
        let (a, diags) = super::parse(text, "a.txt");
        assert!(diags.is_empty(), "{diags:?}");
        let (b, _) = super::parse("--- Y [020] ---\nREPUDIATE\n", "b.txt");
        let mut merged = a.clone();
        merged.merge(b);
        // (word, forms in `a`, forms in `merged`)
        let cases: &[(&str, usize, usize)] = &[
            ("SAID", 1, 1),
            ("INSTITUTIONALIZE", 1, 1),
            ("INSTITUTIONALIZES", 1, 1),
            ("INSTITUTIONALIZED", 1, 1),
            ("REPUDIATED", 0, 1),
            ("SAIDX", 0, 0),
            ("", 0, 0),
            ("INSTITUTIONALIZEDX", 0, 0),
        ];
        for &(w, in_a, in_merged) in cases {
            assert_eq!(a.lookup(w).len(), in_a, "{w}");
            assert_eq!(merged.lookup(w).len(), in_merged, "{w}");
            let mut buf = String::new();
            for form in [w.to_string(), w.to_lowercase()] {
                assert_eq!(merged.has_form_upper(&form, &mut buf), in_merged > 0, "{form}");
            }
        }
        let mut buf = String::new();
        // Non-ASCII input goes through the string map.
        assert!(!merged.has_form_upper("saíd", &mut buf));
        for d in [&a, &merged] {
            assert!(d.word_id("PACT").is_some());
            assert!(d.word_id("COUNTERINSURGENCIES").is_some());
            assert_ne!(d.word_id("PACT"), d.word_id("COUNTERINSURGENCIES"));
            assert_eq!(d.word_id("PAC"), None);
            assert_eq!(d.word_id("COUNTERINSURGENCIE"), None);
        }
    }
}
