//! Penn Treebank bracketed trees (CoreNLP style) and their conversion to UD v2-style dependencies.
//!
//! [`parse`] reads `(ROOT (S (NP (NNP Arnor)) (VP (VBD met) ...)))`, over any number of lines,
//! into a [`Tree`]; it never panics: unbalanced brackets are closed or dropped with a diagnostic and
//! the words are all kept. [`convert`] turns a tree into UD v2 relations with content-word heads
//! (see its docs); [`to_sentence`] does both and aligns the words to the sentence text.
//!
//! Diagnostics produced here (stable codes):
//!
//! | code | severity | what |
//! | --- | --- | --- |
//! | `S020` | error | brackets opened and never closed (closed at the end) |
//! | `S021` | error | a `)` with nothing open, or several top-level trees |
//! | `S022` | error | no tree at all |
//! | `S023` | warning | a word outside any bracket, or a bracket without a label |
//! | `S024` | warning | brackets nested deeper than [`MAX_DEPTH`] (inner ones flattened) |
//! | `S004` | warning | a word that could not be found in the text (given an empty span) |
//!
//! ```
//! use petrel_syntax::ptb;
//! let text = "Arnor restored ties with Gondor.";
//! let tree = "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor)))) (. .)))";
//! let (s, diags) = ptb::to_sentence(tree, text, "x", 1);
//! assert!(diags.is_empty());
//! let rel: Vec<(&str, u32, &str)> = s.tokens.iter().map(|t| (t.form.as_str(), t.head, t.deprel.as_str())).collect();
//! assert_eq!(rel, [("Arnor", 2, "nsubj"), ("restored", 0, "root"), ("ties", 2, "obj"),
//!                  ("with", 5, "case"), ("Gondor", 2, "obl"), (".", 2, "punct")]);
//! ```

use crate::align::{short, Aligner, Misses};
use petrel_model::{Diagnostic, Sentence, Span, Token};

/// One constituent or word of a bracketed tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Node {
    /// Phrase label (`NP`, `VP`...) or, for a preterminal, the part-of-speech tag.
    pub label: String,
    /// Child nodes (indices into [`Tree::nodes`]), in order.
    pub children: Vec<usize>,
    /// For a preterminal: the index of its word in [`Tree::words`].
    pub word: Option<usize>,
}

/// A bracketed tree in an arena; `nodes[root]` is the top.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub root: usize,
    /// The words in order: (tag, form as written in the tree).
    pub words: Vec<(String, String)>,
}

enum Lex<'a> {
    Open(usize),
    Close(usize),
    Atom(&'a str, usize),
}

fn lex(src: &str) -> Vec<Lex<'_>> {
    let mut out = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' => {
                out.push(Lex::Open(i));
                i += 1;
            }
            b')' => {
                out.push(Lex::Close(i));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < b.len() && !matches!(b[i], b'(' | b')') && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                out.push(Lex::Atom(&src[start..i], start));
            }
        }
    }
    out
}

/// Undoes the Penn Treebank escapes of a word form (`-LRB-` -> `(`, `\/` -> `/`).
pub fn unescape(form: &str) -> String {
    match form {
        "-LRB-" => "(".into(),
        "-RRB-" => ")".into(),
        "-LSB-" => "[".into(),
        "-RSB-" => "]".into(),
        "-LCB-" => "{".into(),
        "-RCB-" => "}".into(),
        _ => form.replace("\\/", "/").replace("\\*", "*"),
    }
}

/// Brackets nested deeper than this are flattened (diagnostic `S024`): the converter recurses
/// along the tree, and no real parse comes close.
pub const MAX_DEPTH: usize = 200;

/// At most this many diagnostics of one code per tree; then one that gives the count.
const MAX_DIAGS_PER_CODE: u32 = 10;

/// Parses one bracketed tree. `first_line` is the line of `src`'s start in `file`.
pub fn parse(src: &str, file: &str, first_line: u32) -> (Tree, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let newlines: Vec<usize> = src
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |off: usize| first_line + newlines.partition_point(|&nl| nl < off) as u32;
    // at most this many diagnostics of one code per tree, then a count
    let mut counts: [u32; 3] = [0; 3]; // S021, S023, S024
    let mut note = |diags: &mut Vec<Diagnostic>, slot: usize, d: Diagnostic| {
        counts[slot] += 1;
        if counts[slot] <= MAX_DIAGS_PER_CODE {
            diags.push(d);
        }
    };
    let mut t = Tree::default();
    let mut stack: Vec<usize> = Vec::new();
    // one entry per `(` still open: false when it was flattened (too deep)
    let mut opened: Vec<bool> = Vec::new();
    let mut tops: Vec<usize> = Vec::new();
    let toks = lex(src);
    let mut k = 0;
    while k < toks.len() {
        match toks[k] {
            Lex::Open(off) => {
                let preterminal = matches!(
                    (toks.get(k + 1), toks.get(k + 2), toks.get(k + 3)),
                    (
                        Some(Lex::Atom(..)),
                        Some(Lex::Atom(..)),
                        Some(Lex::Close(_))
                    )
                );
                if stack.len() >= MAX_DEPTH && !preterminal {
                    note(
                        &mut diags,
                        2,
                        Diagnostic::warning(
                            "S024",
                            format!(
                                "brackets nested deeper than {MAX_DEPTH}; inner brackets flattened"
                            ),
                        )
                        .at(file, line_at(off)),
                    );
                    if let Some(Lex::Atom(..)) = toks.get(k + 1) {
                        k += 1; // the label of the flattened bracket
                    }
                    opened.push(false);
                    k += 1;
                    continue;
                }
                opened.push(true);
                let label = match toks.get(k + 1) {
                    Some(Lex::Atom(a, _)) => {
                        k += 1;
                        a.to_string()
                    }
                    _ => String::new(),
                };
                let id = t.nodes.len();
                t.nodes.push(Node {
                    label,
                    ..Node::default()
                });
                match stack.last() {
                    Some(&p) => t.nodes[p].children.push(id),
                    None => {
                        if !tops.is_empty() {
                            note(
                                &mut diags,
                                0,
                                Diagnostic::error(
                                    "S021",
                                    "a second top-level tree: brackets closed too early",
                                )
                                .at(file, line_at(off)),
                            );
                        }
                        tops.push(id)
                    }
                }
                stack.push(id);
            }
            Lex::Close(off) => match opened.pop() {
                Some(true) => {
                    stack.pop();
                }
                Some(false) => {}
                None => note(
                    &mut diags,
                    0,
                    Diagnostic::error("S021", "`)` with no open bracket; ignored")
                        .at(file, line_at(off)),
                ),
            },
            Lex::Atom(a, off) => {
                let tag_node = match stack.last() {
                    Some(&p) if t.nodes[p].children.is_empty() && !t.nodes[p].label.is_empty() => p,
                    parent => {
                        // a word outside a preterminal: give it a preterminal of its own
                        let label = parent
                            .map(|&p| t.nodes[p].label.clone())
                            .unwrap_or_default();
                        note(
                            &mut diags,
                            1,
                            Diagnostic::warning(
                                "S023",
                                format!("word {} is not inside a (TAG word) bracket", short(a)),
                            )
                            .at(file, line_at(off)),
                        );
                        let id = t.nodes.len();
                        t.nodes.push(Node {
                            label,
                            ..Node::default()
                        });
                        match parent {
                            Some(&p) => t.nodes[p].children.push(id),
                            None => tops.push(id),
                        }
                        id
                    }
                };
                if t.nodes[tag_node].label == "-NONE-" {
                    // an empty element (trace): not a word
                } else if t.nodes[tag_node].word.is_some() {
                    // `(NN New York)`: a second word in the same preterminal
                    let w = t.words.len();
                    let label = t.nodes[tag_node].label.clone();
                    t.words.push((label.clone(), unescape(a)));
                    let id = t.nodes.len();
                    t.nodes.push(Node {
                        label,
                        word: Some(w),
                        children: vec![],
                    });
                    let _ = id;
                    // attach as a sibling preterminal
                    if let Some(&p) = stack.iter().rev().nth(1) {
                        t.nodes[p].children.push(id);
                    } else {
                        tops.push(id);
                    }
                } else {
                    let w = t.words.len();
                    t.words.push((t.nodes[tag_node].label.clone(), unescape(a)));
                    t.nodes[tag_node].word = Some(w);
                }
            }
        }
        k += 1;
    }
    for (slot, code) in [(0, "S021"), (1, "S023"), (2, "S024")] {
        if counts[slot] > MAX_DIAGS_PER_CODE {
            let more = counts[slot] - MAX_DIAGS_PER_CODE;
            diags.push(
                Diagnostic::new(
                    if code == "S021" {
                        petrel_model::Severity::Error
                    } else {
                        petrel_model::Severity::Warning
                    },
                    code,
                    format!("... and {more} more {code} problem(s) in this tree"),
                )
                .at(file, first_line),
            );
        }
    }
    if !stack.is_empty() {
        diags.push(
            Diagnostic::error(
                "S020",
                format!("{} bracket(s) never closed; closed at the end", stack.len()),
            )
            .at(file, line_at(src.len())),
        );
    }
    if tops.is_empty() {
        diags.push(Diagnostic::error("S022", "no bracketed tree found").at(file, first_line));
        t.nodes.push(Node {
            label: "ROOT".into(),
            ..Node::default()
        });
        t.root = t.nodes.len() - 1;
    } else if tops.len() == 1 {
        t.root = tops[0];
    } else {
        t.nodes.push(Node {
            label: "ROOT".into(),
            children: tops,
            word: None,
        });
        t.root = t.nodes.len() - 1;
    }
    (t, diags)
}

/// Universal POS tag for a Penn Treebank tag.
pub fn upos_of(tag: &str) -> &'static str {
    match tag {
        "NN" | "NNS" => "NOUN",
        "NNP" | "NNPS" => "PROPN",
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => "VERB",
        "MD" => "AUX",
        "JJ" | "JJR" | "JJS" | "AFX" => "ADJ",
        "RB" | "RBR" | "RBS" | "WRB" => "ADV",
        "RP" => "ADP",
        "IN" => "ADP",
        "DT" | "PDT" | "WDT" => "DET",
        "PRP" | "PRP$" | "WP" | "WP$" | "EX" => "PRON",
        "CD" => "NUM",
        "CC" => "CCONJ",
        "TO" | "POS" => "PART",
        "UH" => "INTJ",
        "SYM" | "$" | "#" => "SYM",
        "." | "," | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" | "\"" => "PUNCT",
        _ => "X",
    }
}

/// One word's relation produced by [`convert`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rel {
    /// 0 for the root, else the 1-based index of the head word.
    pub head: u32,
    /// UD v2 relation.
    pub deprel: String,
    /// Universal POS (from the tag, refined by the relation: `AUX` for auxiliaries and copulas,
    /// `SCONJ` for subordinators).
    pub upos: &'static str,
    /// UD features derived from the tag and the tree (`Polarity=Neg`, `Voice=Pass`...).
    pub feats: String,
    pub lemma: String,
}

/// Phrase label without function tags and indices (`NP-SBJ-1` -> `NP`); tags like `-LRB-` stay.
fn base(label: &str) -> &str {
    if label.starts_with('-') {
        return label;
    }
    let l = label.split(['-', '=']).next().unwrap_or(label);
    if l.is_empty() {
        label
    } else {
        l
    }
}

fn is_punct_tag(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" | "\""
    )
}

fn is_verb_tag(t: &str) -> bool {
    matches!(
        t,
        "VB" | "VBD"
            | "VBG"
            | "VBN"
            | "VBP"
            | "VBZ"
            | "MD"
            | "AUX"
            | "AUXB"
            | "AUXD"
            | "AUXG"
            | "AUXP"
            | "AUXZ"
    )
}

fn is_noun_tag(t: &str) -> bool {
    matches!(
        t,
        "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "NX" | "NML" | "EX" | "WP" | "FW"
    )
}

const TEMPORAL: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "night",
    "hour",
    "hours",
    "decade",
    "decades",
    "century",
    "minute",
    "minutes",
    "time",
    "times",
    "now",
];

/// Words that, at the start of a run of proper nouns, are a title rather than part of the name.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "deputy",
    "secretary",
    "general",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "king",
    "queen",
    "prince",
    "princess",
    "lord",
    "lady",
    "sir",
    "chairman",
    "chairwoman",
    "chancellor",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "commander",
    "colonel",
    "col.",
    "major",
    "maj.",
    "captain",
    "capt.",
    "lieutenant",
    "lt.",
    "sergeant",
    "sgt.",
    "admiral",
    "adm.",
    "gen.",
    "marshal",
    "premier",
    "pope",
    "cardinal",
    "bishop",
    "archbishop",
    "rev.",
    "reverend",
    "sheikh",
    "sheik",
    "ayatollah",
    "emir",
    "sultan",
    "chief",
    "head",
    "leader",
    "spokesman",
    "spokeswoman",
    "dr.",
    "doctor",
    "professor",
    "prof.",
    "mr.",
    "mrs.",
    "ms.",
    "miss",
    "director",
    "senior",
    "first",
    "emperor",
    "empress",
    "duke",
    "duchess",
    "count",
    "baron",
    "mullah",
    "imam",
    "rabbi",
    "father",
    "brother",
    "sister",
];

/// Last words that make a run of proper nouns an organisation headed by that word.
const ORG_HEADS: &[&str] = &[
    "ministry",
    "government",
    "council",
    "party",
    "army",
    "police",
    "court",
    "bank",
    "union",
    "committee",
    "agency",
    "organization",
    "organisation",
    "office",
    "department",
    "forces",
    "force",
    "front",
    "movement",
    "league",
    "alliance",
    "coalition",
    "authority",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "commission",
    "corporation",
    "company",
    "group",
    "institute",
    "university",
    "church",
    "brigade",
    "brigades",
    "militia",
    "guard",
    "navy",
    "embassy",
    "federation",
    "association",
    "foundation",
    "fund",
    "service",
    "bureau",
    "cabinet",
    "administration",
    "regime",
    "command",
    "corps",
    "tribunal",
    "nations",
    "states",
    "kingdom",
    "republic",
    "emirates",
];

fn is_title(w: &str) -> bool {
    TITLES.contains(&w)
}

const REPORTING: &[&str] = &[
    "say", "tell", "report", "add", "state", "announce", "claim", "declare", "warn", "insist",
    "note", "explain", "write", "confirm", "deny", "argue", "assert", "allege", "quote", "accord",
];

/// Lemma of a word given its tag: lower case, irregular verbs, and -s/-es/-ies/-ed/-ing stripping.
pub fn lemma(form: &str, tag: &str) -> String {
    let w = form.to_lowercase();
    let irregular = |w: &str| -> Option<&'static str> {
        Some(match w {
            "is" | "are" | "am" | "was" | "were" | "been" | "being" | "'s" | "'re" | "'m"
            | "be" | "s" => "be",
            "has" | "had" | "having" | "'ve" | "'d" => "have",
            "does" | "did" | "done" | "doing" => "do",
            "n't" | "not" => "not",
            "wo" => "will",
            "ca" => "can",
            "said" | "says" => "say",
            "met" => "meet",
            "went" | "gone" | "goes" => "go",
            "made" => "make",
            "took" | "taken" => "take",
            "gave" | "given" => "give",
            "told" => "tell",
            "held" => "hold",
            "left" => "leave",
            "sent" => "send",
            "began" | "begun" => "begin",
            "brought" => "bring",
            "bought" => "buy",
            "thought" => "think",
            "fought" => "fight",
            "sought" => "seek",
            "caught" => "catch",
            "taught" => "teach",
            "came" => "come",
            "became" => "become",
            "got" | "gotten" => "get",
            "found" => "find",
            "knew" | "known" => "know",
            "saw" | "seen" => "see",
            "led" => "lead",
            "kept" => "keep",
            "lost" => "lose",
            "paid" => "pay",
            "struck" | "stricken" => "strike",
            "shot" => "shoot",
            "stood" => "stand",
            "understood" => "understand",
            "threw" | "thrown" => "throw",
            "flew" | "flown" => "fly",
            "fled" => "flee",
            "fell" | "fallen" => "fall",
            "broke" | "broken" => "break",
            "spoke" | "spoken" => "speak",
            "wrote" | "written" => "write",
            "drove" | "driven" => "drive",
            "rose" | "risen" => "rise",
            "won" => "win",
            "ran" => "run",
            "sat" => "sit",
            "built" => "build",
            "meant" => "mean",
            "felt" => "feel",
            "heard" => "hear",
            "sold" => "sell",
            "chose" | "chosen" => "choose",
            "froze" | "frozen" => "freeze",
            "stole" | "stolen" => "steal",
            "bore" | "borne" => "bear",
            "wore" | "worn" => "wear",
            "swore" | "sworn" => "swear",
            "tore" | "torn" => "tear",
            "forgave" | "forgiven" => "forgive",
            "withdrew" | "withdrawn" => "withdraw",
            "drew" | "drawn" => "draw",
            "grew" | "grown" => "grow",
            "blew" | "blown" => "blow",
            "overthrew" | "overthrown" => "overthrow",
            "hid" | "hidden" => "hide",
            "bit" | "bitten" => "bite",
            "ate" | "eaten" => "eat",
            "slew" | "slain" => "slay",
            "men" => "man",
            "women" => "woman",
            "children" => "child",
            "people" => "people",
            _ => return None,
        })
    };
    if let Some(l) = irregular(&w) {
        if is_verb_tag(tag) || matches!(tag, "RB" | "NNS" | "MD") || w == "n't" {
            return l.to_string();
        }
    }
    match tag {
        "NNS" | "NNPS" | "VBZ" => {
            if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
                format!("{s}y")
            } else if ["sses", "shes", "ches", "xes", "zes", "oes"]
                .iter()
                .any(|e| w.ends_with(e))
            {
                w[..w.len() - 2].to_string()
            } else if w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is")
                && w.len() > 3
            {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        }
        "VBD" | "VBN" => {
            if let Some(s) = w.strip_suffix("ied") {
                // died, lied, tied: short stems keep their -ie
                if s.len() <= 1 {
                    format!("{s}ie")
                } else {
                    format!("{s}y")
                }
            } else if w.ends_with("eed") {
                w[..w.len() - 1].to_string()
            } else if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() > 1) {
                fix_stem(s)
            } else {
                w
            }
        }
        "VBG" => match w.strip_suffix("ing").filter(|s| s.len() > 1) {
            Some(s) => fix_stem(s),
            None => w,
        },
        "NNP" => form.to_string(),
        _ => w,
    }
}

/// The base form of a stem left by removing -ed/-ing: `stopp` -> `stop`, `restor` -> `restore`.
fn fix_stem(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if n >= 4 && b[n - 1] == b[n - 2] && !vowel(b[n - 1]) {
        // a doubled final consonant (`stopp`), but not `add`, `pass`, `fill`, `buzz`, `staff`;
        // British `cancell`, `expell` do lose one l
        let keep = matches!(b[n - 1], b's' | b'z' | b'f')
            || (b[n - 1] == b'l' && !(s.ends_with("ell") && n >= 6));
        if !keep {
            return s[..n - 1].to_string();
        }
        return s.to_string();
    }
    if needs_e(s) {
        format!("{s}e")
    } else {
        s.to_string()
    }
}

/// Whether a stem left by removing -ed/-ing lost a silent e (`attack` no, `restor` yes).
fn needs_e(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let last = b[n - 1];
    if matches!(last, b'v' | b'z') || s.ends_with("uir") || s.ends_with("ur") && !s.ends_with("our")
    {
        return true;
    }
    // decid, provid, includ, conclud (but not avoid, flood)
    if (s.ends_with("id") || s.ends_with("ud")) && n >= 3 && !vowel(b[n - 3]) && n > 3 {
        return true;
    }
    if s.ends_with("at") && n > 3 || s.ends_with("iz") || s.ends_with("ys") || s.ends_with("dg") {
        return true;
    }
    if matches!(last, b'c' | b'g' | b's')
        && n >= 2
        && (b[n - 2] == b'n' || b[n - 2] == b'r' || vowel(b[n - 2]))
        && !s.ends_with("ss")
    {
        // announc, chang, charg, forc, releas, pledg... but not "attack"-like
        return last != b's' || vowel(b[n - 2]);
    }
    if matches!(last, b'l')
        && n >= 2
        && matches!(b[n - 2], b'b' | b'd' | b'k' | b'p' | b't' | b'g' | b'z')
    {
        return true; // troubl, handl, tackl
    }
    // consonant-vowel-consonant with a long vowel spelt with one letter: restor, sav, us, promot
    if n >= 3
        && !vowel(last)
        && vowel(b[n - 2])
        && !vowel(b[n - 3])
        && !matches!(
            last,
            b'w' | b'x' | b'y' | b'n' | b't' | b'l' | b'r' | b'k' | b'd' | b'm' | b'p'
        )
    {
        return true;
    }
    s.ends_with("or") && (s.ends_with("stor") || s.ends_with("plor") || s.ends_with("gnor"))
        || s.ends_with("ir") && s.ends_with("quir")
        || [
            "pos",
            "vot",
            "not",
            "quot",
            "promot",
            "devot",
            "mut",
            "rul",
            "sol",
            "valu",
            "continu",
            "argu",
            "issu",
            "pursu",
            "tim",
            "nam",
            "nom",
            "fram",
            "blam",
            "welcom",
            "escap",
            "shap",
            "hop",
            "cop",
            "scop",
            "typ",
            "wip",
            "agre",
            "creat",
            "dat",
            "liv",
            "hik",
            "lik",
            "strik",
            "invok",
            "provok",
            "mak",
            "tak",
            "smok",
            "amput",
            "execut",
            "dictat",
            "separat",
            "prepar",
            "com",
            "writ",
            "complet",
            "delet",
            "deplet",
            "compil",
            "schedul",
            "extradit",
            "unit",
            "invit",
            "cit",
            "excit",
            "incit",
            "ignit",
            "recit",
            "expedit",
            "postpon",
            "disput",
            "refut",
            "comput",
            "salut",
            "chid",
            "rebuk",
            "deplor",
            "determin",
            "examin",
            "imagin",
            "combin",
            "defin",
            "declin",
            "undermin",
            "outlin",
            "confin",
            "refin",
            "declar",
            "compar",
            "scar",
            "shar",
            "car",
            "dar",
            "far",
            "ignor",
            "stor",
            "explor",
            "wir",
            "fir",
            "hir",
            "tir",
            "inspir",
            "retir",
            "desir",
            "admir",
            "requir",
            "acquir",
            "expir",
            "cur",
            "secur",
            "ensur",
            "assur",
            "endur",
            "lur",
            "injur",
            "captur",
            "manufactur",
            "structur",
            "measur",
            "censur",
            "procur",
            "pressur",
            "ventur",
            "pictur",
            "tortur",
        ]
        .iter()
        .any(|e| s.ends_with(e) && s.len() <= e.len() + 3)
}

fn tag_feats(tag: &str) -> &'static str {
    match tag {
        "NN" | "NNP" => "Number=Sing",
        "NNS" | "NNPS" => "Number=Plur",
        "VB" => "VerbForm=Inf",
        "VBD" => "Mood=Ind|Tense=Past|VerbForm=Fin",
        "VBN" => "Tense=Past|VerbForm=Part",
        "VBG" => "VerbForm=Ger",
        "VBP" => "Mood=Ind|Tense=Pres|VerbForm=Fin",
        "VBZ" => "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
        "MD" => "VerbForm=Fin",
        "JJ" => "Degree=Pos",
        "JJR" | "RBR" => "Degree=Cmp",
        "JJS" | "RBS" => "Degree=Sup",
        "CD" => "NumType=Card",
        "PRP$" | "WP$" => "Poss=Yes",
        _ => "",
    }
}

/// No punctuation strictly between child `i` and the head, given the last punctuation before the head.
fn no_punct_between(last_punct_before_head: Option<usize>, i: usize) -> bool {
    match last_punct_before_head {
        Some(p) => p < i,
        None => true,
    }
}

/// Facts about the children of one phrase, computed once so that labelling each child is O(1).
struct Ctx {
    /// In a VP with two object NPs: the index of the first (the indirect object).
    iobj: Option<usize>,
    /// End (exclusive) of the run of proper-noun preterminals that starts at the head.
    flat_end: usize,
    /// An NP child before the head.
    np_before_head: bool,
    /// First punctuation child after the head (`usize::MAX` if none).
    punct_after_head: usize,
    /// First `:` child after the head (`usize::MAX` if none).
    colon_after_head: usize,
    /// Last punctuation child before the head.
    punct_before_head: Option<usize>,
}

struct Conv<'t> {
    t: &'t Tree,
    /// Number of words under each node.
    size: Vec<u32>,
    head: Vec<Option<usize>>,
    rel: Vec<&'static str>,
    passive: Vec<bool>,
    /// Children of each node that hold words.
    kids_of: Vec<Vec<usize>>,
    /// The last subject attached to each word.
    subj_of: Vec<Option<usize>>,
    lowers: Vec<String>,
    lemmas: Vec<String>,
    /// Parent of each node.
    parent: Vec<Option<usize>>,
    /// VP nodes whose verb is a passive participle (under `be`/`get`).
    passive_vp: Vec<bool>,
    neg: Vec<bool>,
    /// The S node under which each node lies has an expletive subject (`there is`).
    expletive_s: Vec<bool>,
}

impl<'t> Conv<'t> {
    fn label(&self, n: usize) -> &'t str {
        base(&self.t.nodes[n].label)
    }
    fn full_label(&self, n: usize) -> &'t str {
        &self.t.nodes[n].label
    }
    fn word(&self, n: usize) -> Option<usize> {
        self.t.nodes[n].word
    }
    fn tag(&self, w: usize) -> &'t str {
        &self.t.words[w].0
    }
    fn lower(&self, w: usize) -> &str {
        &self.lowers[w]
    }
    fn is_punct(&self, n: usize) -> bool {
        self.word(n).is_some_and(|w| is_punct_tag(self.tag(w)))
    }
    /// Children that hold words; a unary chain is looked through.
    fn kids(&self, n: usize) -> Vec<usize> {
        self.kids_of[n].clone()
    }
    fn lemma_of(&self, w: usize) -> &str {
        &self.lemmas[w]
    }
    fn is_be(&self, w: usize) -> bool {
        self.lemma_of(w) == "be" && (is_verb_tag(self.tag(w)) || self.tag(w).starts_with("AUX"))
    }
    /// The word of a preterminal, or the head word a phrase would have (looks down without attaching).
    fn peek_head_tag(&self, n: usize) -> Option<&'t str> {
        let mut n = n;
        loop {
            if let Some(w) = self.word(n) {
                return Some(self.tag(w));
            }
            let kids = self.kids(n);
            let l = self.label(n);
            let next = match l {
                "VP" => kids
                    .iter()
                    .rev()
                    .find(|&&k| self.label(k) == "VP")
                    .or(kids
                        .iter()
                        .find(|&&k| self.word(k).is_some_and(|w| is_verb_tag(self.tag(w)))))
                    .copied(),
                "NP" => kids
                    .iter()
                    .rev()
                    .find(|&&k| self.word(k).is_some_and(|w| is_noun_tag(self.tag(w))))
                    .copied(),
                _ => None,
            };
            n = next.or(kids.first().copied())?;
        }
    }
    /// The innermost S of a chain of single-child S nodes (`(S (S ...))`).
    fn unwrap_clause(&self, mut n: usize) -> usize {
        loop {
            let kids = self.kids(n);
            if kids.len() == 1 && self.word(kids[0]).is_none() && self.label(kids[0]) == "S" {
                n = kids[0];
            } else {
                return n;
            }
        }
    }
    /// Whether a clause node (S) has its own subject.
    fn has_subject(&self, n: usize) -> bool {
        let kids = self.kids(self.unwrap_clause(n));
        match kids.iter().position(|&k| self.label(k) == "VP") {
            Some(v) => kids[..v].iter().any(|&k| self.label(k) == "NP"),
            None => kids.iter().any(|&k| self.label(k) == "NP") && kids.len() > 1,
        }
    }
    /// Whether a clause's predicate is a `to`-infinitive: (S (NP ...) (VP (TO to) (VP ...))).
    fn is_to_infinitive(&self, n: usize) -> bool {
        self.kids(self.unwrap_clause(n))
            .iter()
            .find(|&&k| self.label(k) == "VP")
            .and_then(|&vp| self.first_word(vp))
            .is_some_and(|w| self.tag(w) == "TO")
    }

    fn first_word(&self, n: usize) -> Option<usize> {
        if let Some(w) = self.word(n) {
            return Some(w);
        }
        self.kids(n).first().and_then(|&k| self.first_word(k))
    }

    fn attach(&mut self, dep: Option<usize>, head: usize, rel: &'static str) {
        if let Some(d) = dep {
            if d != head {
                if matches!(rel, "nsubj" | "nsubj:pass") {
                    self.subj_of[head] = Some(d);
                }
                self.head[d] = Some(head);
                self.rel[d] = rel;
            }
        }
    }

    fn walk(&mut self, n: usize) -> Option<usize> {
        if let Some(w) = self.word(n) {
            return Some(w);
        }
        let kids = self.kids(n);
        match kids.len() {
            0 => None,
            1 => self.walk(kids[0]),
            _ => {
                let label = self.label(n);
                self.phrase(label, n, &kids)
            }
        }
    }

    /// Heads and attaches the children `kids` of a phrase labelled `label`.
    fn phrase(&mut self, label: &'t str, node: usize, kids: &[usize]) -> Option<usize> {
        if kids.len() == 1 {
            return self.walk(kids[0]);
        }
        if let Some(h) = self.coordination(label, node, kids) {
            return Some(h);
        }
        if matches!(label, "S" | "SINV") {
            if let Some(h) = self.fronted_report(kids) {
                return Some(h);
            }
        }
        let h = self.head_child(label, node, kids);
        if label == "VP"
            && h > 0
            && self.label(kids[h]) == "VP"
            && self.peek_head_tag(kids[h]) == Some("VBN")
        {
            let be_get = kids[..h]
                .iter()
                .rev()
                .find_map(|&k| self.word(k).filter(|&w| is_verb_tag(self.tag(w))));
            if be_get.is_some_and(|w| matches!(self.lemma_of(w), "be" | "get")) {
                self.passive_vp[kids[h]] = true;
            }
        }
        let hw = self.walk(kids[h])?;
        let ctx = self.context(label, kids, h);
        // `Bree Prime Minister Romendacil`: the last title before the head, and where the run of
        // proper nouns that reaches it starts
        let prop = |c: &Self, j: usize| {
            c.word(kids[j])
                .is_some_and(|w| matches!(c.tag(w), "NNP" | "NNPS"))
        };
        let title = if matches!(label, "NP" | "NML") {
            (0..h)
                .rev()
                .find(|&j| self.word(kids[j]).is_some_and(|w| is_title(self.lower(w))))
                .filter(|&t| prop(self, t))
                .map(|t| {
                    let mut from = t;
                    while from > 0 && prop(self, from - 1) {
                        from -= 1;
                    }
                    (t, from)
                })
        } else {
            None
        };
        for (i, &k) in kids.iter().enumerate() {
            if i == h {
                continue;
            }
            let dw = self.walk(k);
            let Some(dw) = dw else { continue };
            let rel = self.relation(label, node, kids, h, hw, i, dw, &ctx);
            if rel == "compound" && i < h {
                if let Some((t, from)) = title {
                    if i < t && i >= from {
                        if let Some(tw) = self.word(kids[t]) {
                            self.attach(Some(dw), tw, "compound");
                            continue;
                        }
                    }
                }
            }
            // quotes go with what they quote: `` to the next sibling, '' to the previous one
            if rel == "punct" {
                let tag = self.tag(dw);
                let target = match tag {
                    "``" if i + 1 < kids.len() && i + 1 != h && !self.is_punct(kids[i + 1]) => {
                        Some(kids[i + 1])
                    }
                    "''" if i > 0 && i - 1 != h && !self.is_punct(kids[i - 1]) => Some(kids[i - 1]),
                    _ => None,
                };
                if let Some(qw) = target.and_then(|t| self.walk(t)) {
                    self.attach(Some(dw), qw, "punct");
                    continue;
                }
            }
            // `almost five years`: an adverb before a number modifies the number
            if rel == "advmod"
                && i + 1 < kids.len()
                && i + 1 != h
                && matches!(label, "NP" | "NML" | "QP" | "ADJP")
            {
                let next = kids[i + 1];
                if self.word(next).is_some_and(|w| self.tag(w) == "CD") || self.label(next) == "QP"
                {
                    let nw = self.walk(next);
                    if let Some(nw) = nw {
                        self.attach(Some(dw), nw, "advmod");
                        continue;
                    }
                }
            }
            self.attach(Some(dw), hw, rel);
        }
        Some(hw)
    }

    fn context(&self, label: &str, kids: &[usize], h: usize) -> Ctx {
        let n = kids.len();
        let iobj = if label == "VP" {
            let mut nps = (h + 1..n).filter(|&j| {
                self.label(kids[j]) == "NP" && !self.full_label(kids[j]).contains("TMP")
            });
            match (nps.next(), nps.next()) {
                (Some(a), Some(_)) => Some(a),
                _ => None,
            }
        } else {
            None
        };
        let prop = |j: usize| {
            self.word(kids[j])
                .is_some_and(|w| matches!(self.tag(w), "NNP" | "NNPS"))
        };
        let mut flat_end = h;
        while flat_end < n && prop(flat_end) {
            flat_end += 1;
        }
        Ctx {
            iobj,
            flat_end,
            np_before_head: kids[..h].iter().any(|&k| self.label(k) == "NP"),
            punct_after_head: (h + 1..n)
                .find(|&j| self.is_punct(kids[j]))
                .unwrap_or(usize::MAX),
            colon_after_head: (h + 1..n)
                .find(|&j| self.full_label(kids[j]) == ":")
                .unwrap_or(usize::MAX),
            punct_before_head: (0..h).rev().find(|&j| self.is_punct(kids[j])),
        }
    }

    /// `"X happened," an official said.`: the reported clause heads, the report is `parataxis`.
    fn fronted_report(&mut self, kids: &[usize]) -> Option<usize> {
        let s = kids
            .iter()
            .position(|&k| matches!(self.label(k), "S" | "SBAR" | "SINV"))?;
        let vp = kids.iter().position(|&k| self.label(k) == "VP")?;
        if vp < s + 2 || !kids[s + 1..vp].iter().any(|&k| self.is_punct(k)) {
            return None;
        }
        let vkids = self.kids(kids[vp]);
        if vkids
            .iter()
            .any(|&k| matches!(self.label(k), "S" | "SBAR" | "VP"))
        {
            return None;
        }
        let vw = vkids
            .iter()
            .find_map(|&k| self.word(k).filter(|&w| is_verb_tag(self.tag(w))))?;
        if !REPORTING.contains(&self.lemma_of(vw)) {
            return None;
        }
        let hw = self.walk(kids[s])?;
        let rw = self.walk(kids[vp])?;
        self.attach(Some(rw), hw, "parataxis");
        for (i, &k) in kids.iter().enumerate() {
            if i == s || i == vp {
                continue;
            }
            let dw = self.walk(k);
            let l = self.label(k);
            if l == "NP" && i > s {
                self.attach(dw, rw, "nsubj");
            } else if self.is_punct(k) {
                self.attach(dw, hw, "punct");
            } else if matches!(l, "PP") {
                self.attach(dw, rw, "obl");
            } else if matches!(l, "ADVP" | "RB") {
                self.attach(dw, rw, "advmod");
            } else {
                self.attach(dw, hw, "dep");
            }
        }
        Some(hw)
    }

    /// Coordination `A , B and C`: the first conjunct heads, the others are `conj`, `cc` and commas
    /// go to the conjunct that follows them.
    fn coordination(&mut self, label: &'t str, node: usize, kids: &[usize]) -> Option<usize> {
        let is_cc = |c: &Self, k: usize| matches!(c.label(k), "CC" | "CONJP");
        let n = kids.len();
        let last_word = (0..n).rev().find(|&i| !self.is_punct(kids[i])).unwrap_or(0);
        let has_mid_cc = (1..last_word).any(|i| is_cc(self, kids[i]));
        if !has_mid_cc {
            return None;
        }
        // leading CC ("either", "both"... or "But") stays with the first group
        // trailing punctuation goes to the head
        let mut end = n;
        while end > 0 && self.is_punct(kids[end - 1]) {
            end -= 1;
        }
        let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new(); // (separators before, members)
        let mut seps = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        for (i, &k) in kids[..end].iter().enumerate() {
            let sep = (is_cc(self, k) && i > 0)
                || (self.is_punct(k) && matches!(self.full_label(k), "," | ":") && i > 0);
            if sep {
                if !cur.is_empty() {
                    groups.push((std::mem::take(&mut seps), std::mem::take(&mut cur)));
                }
                seps.push(k);
            } else {
                cur.push(k);
            }
        }
        if !cur.is_empty() {
            groups.push((seps, cur));
        } else if !seps.is_empty() {
            // separators at the end: attach to the last group later
            groups.push((seps, Vec::new()));
        }
        let real = groups.iter().filter(|g| !g.1.is_empty()).count();
        if real < 2 {
            return None;
        }
        // a flat NP such as (NP (DT the) (NN king) (CC and) (NN queen) (NNS ministers)) is fine;
        // but a group made only of modifiers is not a conjunct: give up on coordination then
        let mut head: Option<usize> = None;
        let mut pending: Vec<usize> = Vec::new();
        for (seps, members) in groups {
            pending.extend(seps);
            if members.is_empty() {
                continue;
            }
            let hw = if members.len() == 1 {
                self.walk(members[0])
            } else {
                self.phrase(label, node, &members)
            };
            let Some(hw) = hw else { continue };
            match head {
                None => {
                    head = Some(hw);
                    for s in pending.drain(..) {
                        let sw = self.walk(s);
                        self.attach(sw, hw, if self.is_punct(s) { "punct" } else { "cc" });
                    }
                }
                Some(h) => {
                    self.attach(Some(hw), h, "conj");
                    for s in pending.drain(..) {
                        let sw = self.walk(s);
                        self.attach(sw, hw, if self.is_punct(s) { "punct" } else { "cc" });
                    }
                }
            }
        }
        let h = head?;
        for s in pending {
            let sw = self.walk(s);
            self.attach(sw, h, if self.is_punct(s) { "punct" } else { "cc" });
        }
        for &k in &kids[end..] {
            let w = self.walk(k);
            self.attach(w, h, "punct");
        }
        Some(h)
    }

    /// Index (into `kids`) of the head child, UD style (content words head).
    fn head_child(&self, label: &str, node: usize, kids: &[usize]) -> usize {
        let l = |i: usize| self.label(kids[i]);
        let wtag = |i: usize| self.word(kids[i]).map(|w| self.tag(w));
        let first_non_punct = || {
            (0..kids.len())
                .find(|&i| !self.is_punct(kids[i]))
                .unwrap_or(0)
        };
        let find = |labels: &[&str]| (0..kids.len()).find(|&i| labels.contains(&l(i)));
        let rfind = |labels: &[&str]| (0..kids.len()).rev().find(|&i| labels.contains(&l(i)));
        match label {
            "S" | "SQ" | "SINV" | "SBARQ" => find(&["VP"])
                .or_else(|| find(&["SQ", "S", "SINV", "FRAG"]))
                .or_else(|| find(&["ADJP", "NP", "PP", "UCP"]))
                .unwrap_or_else(first_non_punct),
            "VP" => {
                let v =
                    (0..kids.len()).find(|&i| wtag(i).is_some_and(|t| is_verb_tag(t) || t == "TO"));
                if let Some(v) = v {
                    let vw = self.word(kids[v]).unwrap();
                    let vlem = self.lemma_of(vw);
                    let aux_like = matches!(self.tag(vw), "MD" | "TO")
                        || self.tag(vw).starts_with("AUX")
                        || matches!(
                            vlem,
                            "be" | "have" | "do" | "will" | "shall" | "would" | "should" | "get"
                        );
                    if aux_like {
                        if let Some(c) = (v + 1..kids.len()).find(|&i| l(i) == "VP") {
                            if vlem != "get" || self.peek_head_tag(kids[c]) == Some("VBN") {
                                return c;
                            }
                        }
                    }
                    if self.is_be(vw) && !self.expletive_s[node] {
                        if let Some(c) = (v + 1..kids.len()).find(|&i| {
                            matches!(l(i), "NP" | "ADJP" | "PP" | "UCP")
                                && !self.full_label(kids[i]).contains("TMP")
                        }) {
                            return c;
                        }
                    }
                    return v;
                }
                find(&["VP"]).unwrap_or_else(first_non_punct)
            }
            "PP" | "WHPP" => {
                let p = (0..kids.len()).find(|&i| {
                    matches!(
                        wtag(i),
                        Some("IN" | "TO" | "VBG" | "VBN" | "RP" | "RB" | "JJ")
                    )
                });
                if let Some(p) = p {
                    if let Some(c) = (p + 1..kids.len()).find(|&i| {
                        !self.is_punct(kids[i]) && !matches!(wtag(i), Some("IN" | "TO" | "RB"))
                    }) {
                        // (PP (VBG starting) (PP on Sunday)): the participle is a verb here
                        // (`according to X`, `owing to X` are prepositions all the same)
                        let fixed_prep = self.word(kids[p]).is_some_and(|w| {
                            matches!(self.lower(w), "according" | "owing" | "due" | "thanks")
                        });
                        if matches!(wtag(p), Some("VBG" | "VBN")) && l(c) == "PP" && !fixed_prep {
                            return p;
                        }
                        return c;
                    }
                    return p;
                }
                find(&["NP", "S", "SBAR"]).unwrap_or_else(first_non_punct)
            }
            "SBAR" => find(&["S", "SQ", "SINV", "SBAR", "FRAG"]).unwrap_or_else(first_non_punct),
            "NP" | "NX" | "NML" | "WHNP" | "NAC" => {
                // (NP (NP ...) PP/SBAR/VP/appos): the first NP heads, unless it is a possessor
                if l(0) == "NP" && !self.ends_with_pos(kids[0]) {
                    // ... unless it is a pre-modifier: (NP (NP Eriadori and Calenardhon) (NNS leaders))
                    let next = kids[1..].iter().find(|&&k| !self.is_punct(k));
                    let noun_next = next.is_some_and(|&k| {
                        self.word(k)
                            .is_some_and(|w| matches!(self.tag(w), "NN" | "NNS" | "NNP" | "NNPS"))
                    });
                    if !noun_next {
                        return 0;
                    }
                }
                if let Some(i) = (0..kids.len()).rev().find(|&i| wtag(i) == Some("POS")) {
                    if i > 0 && i == kids.len() - 1 {
                        return self.np_head(&kids[..i]);
                    }
                }
                self.np_head(kids)
            }
            "ADJP" | "WHADJP" => (0..kids.len())
                .find(|&i| matches!(wtag(i), Some("JJ" | "JJR" | "JJS" | "VBN" | "VBG")))
                .or_else(|| find(&["ADJP"]))
                .or_else(|| {
                    (0..kids.len())
                        .rev()
                        .find(|&i| matches!(wtag(i), Some("NN" | "NNS" | "CD" | "RB")))
                })
                .unwrap_or_else(first_non_punct),
            "ADVP" | "WHADVP" => (0..kids.len())
                .find(|&i| matches!(wtag(i), Some("RB" | "RBR" | "RBS" | "WRB")))
                .or_else(|| rfind(&["ADVP"]))
                .unwrap_or_else(first_non_punct),
            "QP" => (0..kids.len())
                .rev()
                .find(|&i| wtag(i) == Some("CD"))
                .or_else(|| {
                    (0..kids.len()).rev().find(|&i| {
                        !self.is_punct(kids[i]) && !matches!(wtag(i), Some("CC" | "IN" | "TO"))
                    })
                })
                .unwrap_or_else(first_non_punct),
            "PRT" => (0..kids.len())
                .find(|&i| wtag(i) == Some("RP"))
                .unwrap_or(0),
            _ => first_non_punct(),
        }
    }

    fn ends_with_pos(&self, n: usize) -> bool {
        let kids = self.kids(n);
        kids.last()
            .is_some_and(|&k| self.word(k).is_some_and(|w| self.tag(w) == "POS"))
    }

    /// Head of a nominal phrase's flat children: the last noun; a run of proper nouns is headed by
    /// its first word (`flat`).
    fn np_head(&self, kids: &[usize]) -> usize {
        let wtag = |i: usize| self.word(kids[i]).map(|w| self.tag(w));
        let nominal = |i: usize| {
            wtag(i).is_some_and(is_noun_tag)
                || (self.word(kids[i]).is_none()
                    && matches!(self.label(kids[i]), "NX" | "NML" | "NP")
                    && !self.ends_with_pos(kids[i]))
        };
        // last nominal before any post-modifier phrase (PP, SBAR, VP...)
        let mut limit = kids.len();
        let mut seen_nominal = false;
        for (i, &k) in kids.iter().enumerate() {
            if seen_nominal
                && self.word(k).is_none()
                && matches!(self.label(k), "PP" | "SBAR" | "VP" | "S" | "RRC")
            {
                limit = i;
                break;
            }
            seen_nominal |= nominal(i);
        }
        if let Some(h) = (0..limit).rev().find(|&i| nominal(i)) {
            let is_prop = |i: usize| matches!(wtag(i), Some("NNP" | "NNPS"));
            if is_prop(h) {
                let mut s = h;
                while s > 0 && is_prop(s - 1) {
                    s -= 1;
                }
                // an organisation (`Calenardhon Ministry`) is headed by its last word
                let low = |i: usize| {
                    self.word(kids[i])
                        .map(|w| self.lower(w))
                        .unwrap_or_default()
                };
                if ORG_HEADS.contains(&low(h)) {
                    return h;
                }
                // titles (`Bree Prime Minister Romendacil`) modify the name that follows them
                if let Some(t) = (s..=h).rev().find(|&i| is_title(low(i))) {
                    return if t < h { t + 1 } else { h };
                }
                return s;
            }
            return h;
        }
        (0..limit)
            .rev()
            .find(|&i| {
                matches!(
                    wtag(i),
                    Some("CD" | "JJ" | "JJS" | "JJR" | "DT" | "$" | "RB")
                ) || matches!(self.label(kids[i]), "QP" | "ADJP")
            })
            .unwrap_or_else(|| {
                (0..kids.len())
                    .find(|&i| !self.is_punct(kids[i]))
                    .unwrap_or(0)
            })
    }

    /// The relation of child `i` (head word `dw`) to the head child `h` (head word `hw`).
    #[allow(clippy::too_many_arguments)]
    fn relation(
        &mut self,
        label: &str,
        _node: usize,
        kids: &[usize],
        h: usize,
        hw: usize,
        i: usize,
        dw: usize,
        ctx: &Ctx,
    ) -> &'static str {
        let k = kids[i];
        let kl = self.label(k);
        let kfull = self.full_label(k);
        let leaf = self.word(k).is_some();
        let dtag = self.tag(dw);
        let dlow = self.lower(dw).to_string();
        let htag = self.tag(hw);
        if leaf && is_punct_tag(dtag) {
            return "punct";
        }
        if leaf && matches!(dtag, "CC") {
            return "cc";
        }
        if kl == "CONJP" {
            return "cc";
        }
        if leaf && dtag == "RB" && matches!(dlow.as_str(), "not" | "n't" | "never") {
            self.neg[dw] = true;
            return "advmod";
        }
        let temporal = kfull.contains("TMP")
            || (kl == "NP"
                && TEMPORAL.contains(&dlow.as_str())
                && matches!(dtag, "NN" | "NNS" | "NNP" | "RB"));
        match label {
            "S" | "SQ" | "SINV" | "SBARQ" => {
                let before = i < h;
                match kl {
                    "NP" | "WHNP" if !temporal && (before || label == "SINV") => {
                        if dtag == "EX" {
                            "expl"
                        } else if self.passive[hw] {
                            "nsubj:pass"
                        } else {
                            "nsubj"
                        }
                    }
                    "NP" if temporal => "obl:tmod",
                    "NP" => "obl:npmod",
                    "S" | "SBAR"
                        if before
                            && !ctx.np_before_head
                            && no_punct_between(ctx.punct_before_head, i)
                            && self.label(kids[h]) == "VP" =>
                    {
                        "csubj"
                    }
                    "S" | "SBAR" | "SINV" => {
                        if i > h && ctx.colon_after_head < i {
                            "parataxis"
                        } else {
                            "advcl"
                        }
                    }
                    "PP" => "obl",
                    "ADVP" | "RB" | "WHADVP" | "RBR" | "RBS" => "advmod",
                    "INTJ" | "UH" => "discourse",
                    "MD" => "aux",
                    "VP" => "dep",
                    "ADJP" | "JJ" => "advcl",
                    "PRN" => self.prn_rel(k, "obl"),
                    "FRAG" => "dep",
                    _ => "dep",
                }
            }
            "VP" => {
                if leaf && (is_verb_tag(dtag) || dtag == "TO") && i < h {
                    if dtag == "TO" {
                        return "mark";
                    }
                    let dl = self.lemma_of(dw);
                    if htag == "VBN"
                        && matches!(dl, "be" | "get")
                        && self.word(kids[h]).is_none()
                        && self.label(kids[h]) == "VP"
                    {
                        self.passive[hw] = true;
                        return "aux:pass";
                    }
                    if dl == "be" && !is_verb_tag(htag) {
                        return "cop";
                    }
                    return "aux";
                }
                match kl {
                    "NP" if temporal => "obl:tmod",
                    "NP" => {
                        if self.is_be(hw) && self.expletive_s[_node] {
                            return "nsubj";
                        }
                        // two objects: the first is the indirect one
                        if ctx.iobj == Some(i) {
                            "iobj"
                        } else if i < h {
                            "obl:npmod"
                        } else {
                            "obj"
                        }
                    }
                    "PP" => {
                        let first = self.first_word(k).map(|w| self.lower(w));
                        if (self.passive[hw] || self.passive_vp[_node]) && first == Some("by") {
                            "obl:agent"
                        } else {
                            "obl"
                        }
                    }
                    "S" => {
                        if i > h && ctx.punct_after_head < i {
                            "advcl"
                        } else if self.has_subject(k) {
                            if self.is_to_infinitive(k) {
                                // `hosting Osgiliath to celebrate`, `want him to go`: the subject
                                // of the infinitive is the object of the verb (UD `obj` + `xcomp`)
                                if let Some(subj) = self.subj_of[dw].filter(|&j| {
                                    self.head[j] == Some(dw)
                                        && matches!(self.rel[j], "nsubj" | "nsubj:pass")
                                }) {
                                    self.head[subj] = Some(hw);
                                    self.rel[subj] = "obj";
                                }
                                "xcomp"
                            } else {
                                "ccomp"
                            }
                        } else {
                            "xcomp"
                        }
                    }
                    "SBAR" => {
                        let first = self.first_word(k);
                        let ft = first.map(|w| self.tag(w)).unwrap_or("");
                        let fl = first.map(|w| self.lower(w)).unwrap_or_default();
                        let has_s = self
                            .kids(k)
                            .iter()
                            .any(|&x| matches!(self.label(x), "S" | "SQ" | "SINV"));
                        if !has_s {
                            "advcl"
                        } else if matches!(fl, "that" | "whether" | "if")
                            || matches!(ft, "WP" | "WDT" | "WP$")
                            || self.label(self.kids(k)[0]) == "S"
                        {
                            if fl == "if" && i > h && ctx.punct_after_head < i {
                                "advcl"
                            } else {
                                "ccomp"
                            }
                        } else {
                            "advcl"
                        }
                    }
                    "ADJP" | "JJ" | "JJR" => "xcomp",
                    "ADVP" | "RB" | "RBR" | "RBS" | "WHADVP" => "advmod",
                    "PRT" | "RP" => "compound:prt",
                    "VP" => "conj",
                    "MD" => "aux",
                    "PRN" => self.prn_rel(k, "obl"),
                    "UCP" | "FRAG" => "dep",
                    "INTJ" | "UH" => "discourse",
                    _ => "dep",
                }
            }
            "PP" | "WHPP" => {
                if i < h {
                    if leaf && matches!(dtag, "IN" | "TO" | "VBG" | "VBN" | "RP" | "JJ")
                        || (leaf && dtag == "RB" && i + 1 == h)
                    {
                        let hk = kids[h];
                        if self.word(hk).is_none() && matches!(self.label(hk), "S" | "SBAR" | "VP")
                        {
                            return "mark";
                        }
                        return "case";
                    }
                    if matches!(kl, "ADVP" | "RB" | "NP") {
                        return "advmod";
                    }
                }
                match kl {
                    "PP" if is_verb_tag(htag) => "obl",
                    "PP" => "nmod",
                    "NP" => "obl:npmod",
                    "SBAR" | "S" => "advcl",
                    "ADVP" | "RB" => "advmod",
                    _ => "dep",
                }
            }
            "SBAR" => {
                if leaf && matches!(dtag, "IN" | "DT" | "TO" | "WDT" | "RB") && i < h {
                    return "mark";
                }
                match kl {
                    "WHADVP" => "advmod",
                    "WHPP" => "obl",
                    "WHNP" => {
                        // `hopes that X could be drawn`: a lone `that` outside a noun phrase is a complementizer
                        let under_np = self.parent[_node]
                            .is_some_and(|p| matches!(self.label(p), "NP" | "NML" | "WHNP"));
                        if dlow == "that" && !under_np && self.size[k] == 1 {
                            return "mark";
                        }
                        if self.has_subject(kids[h]) {
                            "obj"
                        } else if self.passive[hw] {
                            "nsubj:pass"
                        } else {
                            "nsubj"
                        }
                    }
                    "NP" => "obl:npmod",
                    "ADVP" | "RB" => "advmod",
                    _ => "dep",
                }
            }
            "NP" | "NX" | "NML" | "WHNP" | "NAC" => {
                if leaf {
                    return match dtag {
                        "DT" | "WDT" => {
                            if matches!(dlow.as_str(), "no") {
                                self.neg[dw] = true;
                            }
                            "det"
                        }
                        "PDT" => "det:predet",
                        "PRP$" | "WP$" => "nmod:poss",
                        "POS" => "case",
                        "JJ" | "JJR" | "JJS" | "VBN" | "VBG" => "amod",
                        "CD" => "nummod",
                        "NNP" | "NNPS"
                            if i > h && matches!(htag, "NNP" | "NNPS") && i < ctx.flat_end =>
                        {
                            "flat"
                        }
                        "NNP" | "NNPS" if i < h && is_title(&dlow) => "compound",
                        "NN" | "NNS" | "NNP" | "NNPS" | "FW" | "VB" | "VBD" | "VBZ" | "VBP"
                            if i < h =>
                        {
                            "compound"
                        }
                        "NN" | "NNS" | "NNP" | "NNPS" => "appos",
                        "RB" | "RBR" | "RBS" => "advmod",
                        "IN" | "TO" => "case",
                        "PRP" => "nmod",
                        "$" | "#" => "dep",
                        _ => "dep",
                    };
                }
                match kl {
                    "NP" | "NML" | "NX" => {
                        if self.ends_with_pos(k) {
                            "nmod:poss"
                        } else if i < h {
                            if temporal {
                                "nmod:tmod"
                            } else {
                                "compound"
                            }
                        } else if temporal {
                            "nmod:tmod"
                        } else {
                            "appos"
                        }
                    }
                    "ADJP" => "amod",
                    "QP" => "nummod",
                    "PP" => "nmod",
                    "SBAR" => {
                        let kk = self.kids(k);
                        let wh = kk.first().is_some_and(|&x| {
                            self.label(x).starts_with("WH")
                                || self
                                    .word(x)
                                    .is_some_and(|w| matches!(self.tag(w), "WDT" | "WP" | "WP$"))
                        });
                        let that_rel = self.first_word(k).is_some_and(|w| self.lower(w) == "that")
                            && !self.np_is_content_noun(hw);
                        if wh || that_rel || kk.len() == 1 {
                            "acl:relcl"
                        } else {
                            "acl"
                        }
                    }
                    "VP" | "S" | "RRC" => "acl",
                    "ADVP" => "advmod",
                    "PRN" => self.prn_rel(k, "nmod"),
                    _ => "dep",
                }
            }
            "ADJP" | "WHADJP" | "ADVP" | "WHADVP" => match kl {
                "RB" | "RBR" | "RBS" | "ADVP" | "WRB" => "advmod",
                "PP" => "obl",
                "NP" => "obl:npmod",
                "S" => "xcomp",
                "SBAR" => "ccomp",
                "DT" => "det",
                "CD" | "QP" => "nummod",
                "JJ" | "JJR" | "JJS" | "ADJP" => {
                    if i < h {
                        "advmod"
                    } else {
                        "conj"
                    }
                }
                _ => "dep",
            },
            "QP" => match kl {
                "CD" => "compound",
                "IN" | "RB" | "JJ" | "JJR" | "JJS" | "ADVP" => "advmod",
                "TO" => "case",
                "DT" => "det",
                "PDT" => "det:predet",
                "CC" => "cc",
                _ => "dep",
            },
            "PRT" => "compound:prt",
            "PRN" | "FRAG" | "UCP" | "X" | "ROOT" | "" => match kl {
                "NP" if label == "PRN" => "appos",
                "S" | "SBAR" | "VP" => "parataxis",
                "PP" => "obl",
                "ADVP" | "RB" => "advmod",
                _ => "dep",
            },
            _ => "dep",
        }
    }

    /// The relation of a parenthetical by what it holds.
    fn prn_rel(&self, k: usize, pp: &'static str) -> &'static str {
        let inner = self.kids(k).into_iter().find(|&x| !self.is_punct(x));
        match inner.map(|x| self.label(x)) {
            Some("NP" | "NN" | "NNS" | "NNP" | "NNPS") => "appos",
            Some("ADVP" | "RB") => "advmod",
            Some("ADJP" | "JJ") => "amod",
            Some("PP") => pp,
            Some("S" | "SBAR" | "VP" | "SINV") => "parataxis",
            _ => "dep",
        }
    }

    fn np_is_content_noun(&self, w: usize) -> bool {
        matches!(
            self.lower(w),
            "fact"
                | "claim"
                | "news"
                | "report"
                | "reports"
                | "idea"
                | "belief"
                | "hope"
                | "fear"
                | "fears"
                | "rumor"
                | "rumors"
                | "possibility"
                | "suggestion"
                | "evidence"
                | "warning"
                | "assurance"
                | "assurances"
                | "promise"
                | "statement"
                | "allegation"
                | "allegations"
        )
    }
}

/// Converts a tree to UD v2 relations, one [`Rel`] per word of [`Tree::words`].
///
/// Heads are content words: a lexical verb heads its auxiliaries (`aux`, `aux:pass`, `mark` for
/// `to`), a predicate nominal or adjective heads its copula (`cop`), a preposition's object heads
/// it (`case`; `mark` before a clause), the possessed noun heads the possessor (`nmod:poss`, whose
/// `'s` is `case`), the first conjunct heads a coordination (`conj`, with `cc` and commas on the
/// following conjunct), the first of a run of proper nouns heads the rest (`flat`). Subjects are
/// `nsubj` (`nsubj:pass` under a passive `be`/`get` + VBN, whose `by` phrase is `obl:agent`),
/// objects `obj`/`iobj`, PPs `obl` under verbs and `nmod` under nouns, temporal NPs `obl:tmod`,
/// clauses `ccomp`/`xcomp`/`advcl`/`acl`/`acl:relcl`, and `"X," he said` makes `said` a
/// `parataxis` of X as in UD English EWT. `not`/`n't`/`never` get `Polarity=Neg`.
pub fn convert(tree: &Tree) -> Vec<Rel> {
    let nn = tree.nodes.len();
    let n = tree.words.len();
    // sizes (bottom-up; nodes may come in any order, so recurse with an explicit stack)
    let mut size = vec![0u32; nn];
    let mut order = Vec::with_capacity(nn);
    let mut stack = vec![tree.root];
    let mut seen = vec![false; nn];
    while let Some(x) = stack.pop() {
        if x >= nn || seen[x] {
            continue;
        }
        seen[x] = true;
        order.push(x);
        stack.extend(tree.nodes[x].children.iter().copied());
    }
    for &x in order.iter().rev() {
        let own = u32::from(tree.nodes[x].word.is_some());
        size[x] = own
            + tree.nodes[x]
                .children
                .iter()
                .map(|&c| if c < nn { size[c] } else { 0 })
                .sum::<u32>();
    }
    let kids_of: Vec<Vec<usize>> = tree
        .nodes
        .iter()
        .map(|nd| {
            nd.children
                .iter()
                .copied()
                .filter(|&c| c < nn && size[c] > 0)
                .collect()
        })
        .collect();
    let lowers: Vec<String> = tree.words.iter().map(|(_, f)| f.to_lowercase()).collect();
    let lemmas: Vec<String> = tree.words.iter().map(|(t, f)| lemma(f, t)).collect();
    let mut parent = vec![None; nn];
    for &x in &order {
        for &c in &tree.nodes[x].children {
            if c < nn {
                parent[c] = Some(x);
            }
        }
    }
    // nodes under an S whose subject is `there`
    let mut expletive_s = vec![false; nn];
    for &x in &order {
        if base(&tree.nodes[x].label) != "S" {
            continue;
        }
        let ex = tree.nodes[x].children.iter().any(|&c| {
            base(&tree.nodes[c].label) == "NP"
                && tree.nodes[c].children.len() == 1
                && tree.nodes[tree.nodes[c].children[0]]
                    .word
                    .is_some_and(|w| tree.words[w].0 == "EX")
        });
        if ex {
            for &c in &tree.nodes[x].children {
                expletive_s[c] = true;
            }
        }
    }
    let mut c = Conv {
        t: tree,
        size,
        head: vec![None; n],
        rel: vec!["dep"; n],
        passive: vec![false; n],
        kids_of,
        subj_of: vec![None; n],
        lowers,
        lemmas,
        parent,
        passive_vp: vec![false; nn],
        neg: vec![false; n],
        expletive_s,
    };
    let root = c.walk(tree.root);
    // words left unattached (not reachable: should not happen) go to the root
    let mut out = Vec::with_capacity(n);
    for w in 0..n {
        let (head, deprel) = match (c.head[w], root) {
            (Some(h), _) => (h as u32 + 1, c.rel[w].to_string()),
            (None, Some(r)) if r == w => (0, "root".to_string()),
            (None, Some(r)) => (r as u32 + 1, "dep".to_string()),
            (None, None) => (
                if w == 0 { 0 } else { 1 },
                if w == 0 {
                    "root".to_string()
                } else {
                    "dep".to_string()
                },
            ),
        };
        let tag = tree.words[w].0.as_str();
        let mut upos = upos_of(tag);
        if tag.starts_with("AUX") {
            upos = "AUX";
        }
        match deprel.as_str() {
            "aux" | "aux:pass" | "cop" => upos = "AUX",
            "mark"
                if matches!(tag, "IN" | "DT" | "WDT" | "RB")
                    && !matches!(tree.words[w].1.to_lowercase().as_str(), "to") =>
            {
                upos = "SCONJ"
            }
            "case" if tag == "TO" => upos = "ADP",
            _ => {}
        }
        let mut feats = tag_feats(tag).to_string();
        if tag.starts_with("AUX") {
            feats = tag_feats(&format!("VB{}", tag.strip_prefix("AUX").unwrap_or(""))).to_string();
        }
        if c.neg[w] {
            crate::conllu::add_feat(&mut feats, "Polarity", "Neg");
        }
        if c.passive[w] && tag == "VBN" {
            crate::conllu::add_feat(&mut feats, "Voice", "Pass");
        }
        out.push(Rel {
            head,
            deprel,
            upos,
            feats,
            lemma: lemma(&tree.words[w].1, tag),
        });
    }
    out
}

/// Parses a bracketed tree, converts it to UD and aligns its words to `text` (spans index into
/// `text`). `first_line` is the line of `src`'s start in `file`.
pub fn to_sentence(
    src: &str,
    text: &str,
    file: &str,
    first_line: u32,
) -> (Sentence, Vec<Diagnostic>) {
    let (tree, mut diags) = parse(src, file, first_line);
    let rels = convert(&tree);
    let mut al = Aligner::new(text);
    let mut misses = Misses::default();
    let mut tokens = Vec::with_capacity(tree.words.len());
    for (i, (tag, form)) in tree.words.iter().enumerate() {
        let span = match al.next(form) {
            Some(s) => s,
            None => {
                misses.push(
                    &mut diags,
                    Diagnostic::warning(
                        "S004",
                        format!(
                            "word {} not found in the text at byte {}; given an empty span",
                            short(form),
                            al.pos()
                        ),
                    )
                    .at(file, first_line),
                );
                al.empty()
            }
        };
        let r = rels.get(i).cloned().unwrap_or_default();
        // quotes and brackets the tree wrote in its own way (`` '' -LRB-) take the text's form
        let surface = span.slice(text);
        let form = if !surface.is_empty()
            && (upos_of(tag) == "PUNCT" || matches!(form.as_str(), "``" | "''"))
        {
            surface.to_string()
        } else {
            form.clone()
        };
        let lemma = if r.upos == "PUNCT" {
            form.clone()
        } else {
            r.lemma
        };
        tokens.push(Token {
            form,
            lemma,
            upos: r.upos.to_string(),
            xpos: tag.clone(),
            feats: r.feats,
            head: r.head,
            deprel: r.deprel,
            span,
        });
    }
    misses.finish(&mut diags, file, first_line);
    (
        Sentence {
            id: None,
            span: Span::new(0, text.len() as u32),
            tokens,
        },
        diags,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (why, text, tree, expected `form/head/deprel` per word)
    const CASES: &[(&str, &str, &str, &str)] = &[
        ("passive with agent", "Gondor was attacked by Arnor.",
         "(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Arnor))))) (. .)))",
         "Gondor/3/nsubj:pass was/3/aux:pass attacked/0/root by/5/case Arnor/3/obl:agent ./3/punct"),
        ("modal and negation", "Arnor will not meet Gondor",
         "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (RB not) (VP (VB meet) (NP (NNP Gondor))))))",
         "Arnor/4/nsubj will/4/aux not/4/advmod meet/0/root Gondor/4/obj"),
        ("copula heads the predicate", "Arnor is a country in Middle Earth",
         "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (NP (NP (DT a) (NN country)) (PP (IN in) (NP (NNP Middle) (NNP Earth)))))))",
         "Arnor/4/nsubj is/4/cop a/4/det country/0/root in/6/case Middle/4/nmod Earth/6/flat"),
        ("possessor and relative clause", "Gondor's army, which attacked Arnor, retreated.",
         "(ROOT (S (NP (NP (NP (NNP Gondor) (POS 's)) (NN army)) (, ,) (SBAR (WHNP (WDT which)) (S (VP (VBD attacked) (NP (NNP Arnor))))) (, ,)) (VP (VBD retreated)) (. .)))",
         "Gondor/3/nmod:poss 's/1/case army/9/nsubj ,/3/punct which/6/nsubj attacked/3/acl:relcl Arnor/6/obj ,/3/punct retreated/0/root ./9/punct"),
        ("that-clause complement", "Arnor said that Gondor attacked.",
         "(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Gondor)) (VP (VBD attacked))))) (. .)))",
         "Arnor/2/nsubj said/0/root that/5/mark Gondor/5/nsubj attacked/2/ccomp ./2/punct"),
        ("to-infinitive complement", "Arnor agreed to restore ties",
         "(ROOT (S (NP (NNP Arnor)) (VP (VBD agreed) (S (VP (TO to) (VP (VB restore) (NP (NNS ties))))))))",
         "Arnor/2/nsubj agreed/0/root to/4/mark restore/2/xcomp ties/4/obj"),
        ("coordinated subject", "Arnor and Gondor met",
         "(ROOT (S (NP (NNP Arnor) (CC and) (NNP Gondor)) (VP (VBD met))))",
         "Arnor/4/nsubj and/3/cc Gondor/1/conj met/0/root"),
        ("coordinated predicates", "Arnor condemned the attack and promised aid.",
         "(ROOT (S (NP (NNP Arnor)) (VP (VP (VBD condemned) (NP (DT the) (NN attack))) (CC and) (VP (VBD promised) (NP (NN aid)))) (. .)))",
         "Arnor/2/nsubj condemned/0/root the/4/det attack/2/obj and/6/cc promised/2/conj aid/6/obj ./2/punct"),
        ("fronted report is parataxis", "Arnor attacked Gondor, officials said.",
         "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor)))) (, ,) (NP (NNS officials)) (VP (VBD said)) (. .)))",
         "Arnor/2/nsubj attacked/0/root Gondor/2/obj ,/2/punct officials/6/nsubj said/2/parataxis ./2/punct"),
        ("perfect passive", "Gondor has been attacked",
         "(ROOT (S (NP (NNP Gondor)) (VP (VBZ has) (VP (VBN been) (VP (VBN attacked))))))",
         "Gondor/4/nsubj:pass has/4/aux been/4/aux:pass attacked/0/root"),
        ("expletive there", "There is a problem",
         "(ROOT (S (NP (EX There)) (VP (VBZ is) (NP (DT a) (NN problem)))))",
         "There/2/expl is/0/root a/4/det problem/2/nsubj"),
        ("title and name", "President Vladimir Putin visited (again)",
         "(ROOT (S (NP (NNP President) (NNP Vladimir) (NNP Putin)) (VP (VBD visited) (PRN (-LRB- -LRB-) (ADVP (RB again)) (-RRB- -RRB-)))))",
         "President/2/compound Vladimir/4/nsubj Putin/2/flat visited/0/root (/6/punct again/4/advmod )/6/punct"),
        ("subordinate clause, temporal NP, number", "Arnor left almost five years after crowds trashed its embassy",
         "(ROOT (S (NP (NNP Arnor)) (VP (VBD left) (SBAR (NP (RB almost) (CD five) (NNS years)) (IN after) (S (NP (NNS crowds)) (VP (VBD trashed) (NP (PRP$ its) (NN embassy))))))))",
         "Arnor/2/nsubj left/0/root almost/4/advmod five/5/nummod years/8/obl:npmod after/8/mark crowds/8/nsubj trashed/2/advcl its/10/nmod:poss embassy/8/obj"),
        ("titles chain to the last title, which modifies the name", "Bree Prime Minister Romendacil left",
         "(ROOT (S (NP (NNP Bree) (NNP Prime) (NNP Minister) (NNP Romendacil)) (VP (VBD left))))",
         "Bree/3/compound Prime/3/compound Minister/4/compound Romendacil/5/nsubj left/0/root"),
        ("an organisation is headed by its last word", "The Calenardhon Ministry protested",
         "(ROOT (S (NP (DT The) (NNP Calenardhon) (NNP Ministry)) (VP (VBD protested))))",
         "The/3/det Calenardhon/3/compound Ministry/4/nsubj protested/0/root"),
        ("`that` heading a complement clause is a complementizer even when tagged WDT", "Arnor hopes that Gondor could be drawn",
         "(ROOT (S (NP (NNP Arnor)) (VP (VBZ hopes) (SBAR (WHNP (WDT that)) (S (NP (NNP Gondor)) (VP (MD could) (VP (VB be) (VP (VBN drawn)))))))))",
         "Arnor/2/nsubj hopes/0/root that/7/mark Gondor/7/nsubj:pass could/7/aux be/7/aux:pass drawn/2/ccomp"),
        ("the subject of an infinitive clause is the object of the verb", "Mordor will host Osgiliath to celebrate",
         "(ROOT (S (NP (NNP Mordor)) (VP (MD will) (VP (VB host) (S (NP (NNP Osgiliath)) (VP (TO to) (VP (VB celebrate))))))))",
         "Mordor/3/nsubj will/3/aux host/0/root Osgiliath/3/obj to/6/mark celebrate/3/xcomp"),
        ("according to is a preposition", "According to officials, Arnor did not attack.",
         "(ROOT (S (PP (VBG According) (PP (TO to) (NP (NNS officials)))) (, ,) (NP (NNP Arnor)) (VP (VBD did) (RB not) (VP (VB attack))) (. .)))",
         "According/3/case to/3/case officials/8/obl ,/8/punct Arnor/8/nsubj did/8/aux not/8/advmod attack/0/root ./8/punct"),
        ("SINV report", "Arnor attacked Gondor, said the official.",
         "(ROOT (SINV (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor)))) (, ,) (VP (VBD said)) (NP (DT the) (NN official)) (. .)))",
         "Arnor/2/nsubj attacked/0/root Gondor/2/obj ,/2/punct said/2/parataxis the/7/det official/5/nsubj ./2/punct"),
        ("quotes and brackets take the text's form", "He said “no” (twice)",
         "(ROOT (S (NP (PRP He)) (VP (VBD said) (`` ``) (NP (DT no)) ('' '') (PRN (-LRB- -LRB-) (ADVP (RB twice)) (-RRB- -RRB-)))))",
         "He/2/nsubj said/0/root “/4/punct no/2/obj ”/4/punct (/7/punct twice/2/advmod )/7/punct"),
        ("particle and indirect object", "Arnor gave Gondor the keys back",
         "(ROOT (S (NP (NNP Arnor)) (VP (VBD gave) (NP (NNP Gondor)) (NP (DT the) (NNS keys)) (PRT (RP back)))))",
         "Arnor/2/nsubj gave/0/root Gondor/2/iobj the/5/det keys/2/obj back/2/compound:prt"),
    ];

    #[test]
    fn golden_conversions() {
        let mut failures = Vec::new();
        for &(why, text, tree, want) in CASES {
            let (s, d) = to_sentence(tree, text, "t", 1);
            assert!(d.is_empty(), "{why}: {d:?}");
            let got: Vec<String> = s
                .tokens
                .iter()
                .map(|t| format!("{}/{}/{}", t.form, t.head, t.deprel))
                .collect();
            for t in &s.tokens {
                assert_eq!(
                    t.span.slice(text),
                    t.form,
                    "{why}: the span of {:?}",
                    t.form
                );
            }
            let got = got.join(" ");
            if got != want {
                failures.push(format!("{why}\n  want {want}\n  got  {got}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn features_and_lemmas() {
        let (s, _) = to_sentence(
            "(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (RB n't) (VP (VBN attacked)))))",
            "Gondor wasn't attacked",
            "t",
            1,
        );
        assert_eq!(s.tokens[1].upos, "AUX");
        assert_eq!(s.tokens[1].lemma, "be");
        assert_eq!(s.tokens[2].feat("Polarity"), Some("Neg"));
        assert_eq!(s.tokens[3].feat("Voice"), Some("Pass"));
        assert_eq!(s.tokens[3].lemma, "attack");
        for (form, tag, want) in [
            ("restored", "VBD", "restore"),
            ("trashed", "VBD", "trash"),
            ("stopped", "VBD", "stop"),
            ("agreed", "VBD", "agree"),
            ("accused", "VBN", "accuse"),
            ("visited", "VBD", "visit"),
            ("pledged", "VBD", "pledge"),
            ("announced", "VBD", "announce"),
            ("met", "VBD", "meet"),
            ("said", "VBD", "say"),
            ("carried", "VBD", "carry"),
            ("making", "VBG", "make"),
            ("meeting", "VBG", "meet"),
            ("running", "VBG", "run"),
            ("ties", "NNS", "tie"),
            ("countries", "NNS", "country"),
            ("marches", "NNS", "march"),
            ("forces", "NNS", "force"),
            ("accuses", "VBZ", "accuse"),
            ("Gondor", "NNP", "Gondor"),
            ("criticized", "VBD", "criticize"),
            ("determined", "VBD", "determine"),
            ("rescheduled", "VBD", "reschedule"),
            ("extradited", "VBN", "extradite"),
            ("edited", "VBD", "edit"),
            ("added", "VBD", "add"),
            ("lied", "VBD", "lie"),
            ("cancelled", "VBN", "cancel"),
            ("including", "VBG", "include"),
            ("avoided", "VBD", "avoid"),
            ("smelled", "VBD", "smell"),
            ("coming", "VBG", "come"),
            ("demanded", "VBD", "demand"),
            ("released", "VBD", "release"),
            ("urged", "VBD", "urge"),
        ] {
            assert_eq!(lemma(form, tag), want, "{form}/{tag}");
        }
    }

    #[test]
    fn unbalanced_trees_keep_every_word() {
        for (tree, code) in [
            ("(ROOT (S (NP (NNP A)) (VP (VBD b)))", "S020"),
            ("(ROOT (S (NP (NNP A))) (VP (VBD b))))", "S021"),
            ("", "S022"),
            ("A (X b)", "S023"),
        ] {
            let (s, d) = to_sentence(tree, "A b", "t", 1);
            assert!(d.iter().any(|d| d.code == code), "{tree}: {d:?}");
            assert_eq!(s.tokens.len(), tree.matches(['A', 'b']).count(), "{tree}");
            assert_eq!(
                s.roots().count(),
                usize::from(!s.tokens.is_empty()),
                "{tree}"
            );
        }
    }
}
